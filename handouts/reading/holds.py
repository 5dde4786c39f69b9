"""Reading holds ("5 breaths", "30 s - 2 min", {reps: 3, seconds: 30}) and stated durations ("30 min").

Both the short text form and the mapping form produce the same `model.Hold`; every mistake is reported at the
node where it was written, with an example of the right form. Every amount is a finite number of at most
`limits.NUMBER` (in the unit written), as is a duration in minutes.
"""

from __future__ import annotations

import math
import re
from typing import Any

from handouts.core import limits
from handouts.core.model import Amount, Duration, Hold
from handouts.reading.fields import (
    INVALID,
    BoolType,
    Ctx,
    TextType,
    Type,
    describe,
    did_you_mean,
    line_text,
    number_problem,
    quoted,
    scalar_value,
)
from handouts.reading.yamlload import MappingNode, Node, ScalarNode, SequenceNode

EXAMPLES = (
    "'5 breaths', '30 s', '20-30 s', '30 s - 2 min', '3 x 30 s', '10 reps', '5 circles each way' "
    "or 'as long as you like'"
)

# unit word -> (kind, seconds per unit for times)
UNITS: dict[str, tuple[str, float]] = {}
for _words, _value in (
    (("breath", "breaths"), ("breaths", 1)),
    (("s", "sec", "secs", "second", "seconds"), ("seconds", 1)),
    (("min", "mins", "minute", "minutes"), ("minutes", 60)),
    (("rep", "reps", "repetition", "repetitions", "time", "times"), ("reps", 1)),
    (("cycle", "cycles"), ("cycles", 1)),
    (("circle", "circles"), ("circles", 1)),
):
    for _w in _words:
        UNITS[_w] = _value

COUNT_KINDS = ("breaths", "reps", "cycles", "circles")
TIME_KINDS = ("seconds", "minutes")
OPEN_WORDS = {"as long as you like", "as long as you want", "as long as you wish", "open", "open ended"}

_NUM = r"(-?\d+(?:[.,]\d+)?)"
_DASH = r"\s*(?:-|–|—|to)\s*"
_SIMPLE = re.compile(rf"^{_NUM}(?:{_DASH}{_NUM})?\s*([a-z]+)(\s+each\s+way|\s+in\s+each\s+direction)?$")
_CROSS = re.compile(rf"^{_NUM}\s*([a-z]+){_DASH}{_NUM}\s*([a-z]+)$")
_REPS = re.compile(rf"^{_NUM}\s*(?:x|×|\*)\s*(.+)$")


def _num(text: str) -> float:
    return float(text.replace(",", "."))


class _Bad(Exception):
    def __init__(self, message: str, hint: str = f"write it like {EXAMPLES}"):
        super().__init__(message)
        self.message, self.hint = message, hint


def _check_amount(kind: str, low: float, high: float) -> Amount:
    """Counts are whole numbers >= 1; times are > 0; neither is above limits.NUMBER; a range runs from small to
    large."""
    for value in (low, high):
        if not value <= limits.NUMBER:  # "99999...9 breaths" reads as infinity
            shown = f"{value:g}" if math.isfinite(value) else "that many"
            raise _Bad(f"{shown} {kind} is more than a hold can take", f"use at most {limits.NUMBER:,} {kind}")
    if kind in COUNT_KINDS:
        singular = kind[:-1]
        for value in (low, high):
            if value < 1:
                raise _Bad(f"{value:g} {kind} is not a hold", f"use at least 1 {singular}")
            if value != int(value):
                raise _Bad(f"{value:g} {kind} is not a whole number", f"count whole {kind}, e.g. {int(value) or 1}")
    else:
        for value in (low, high):
            if value <= 0:
                raise _Bad(f"a hold of {value:g} {kind} is not possible", f"use a time greater than 0 {kind}")
    if low > high:
        raise _Bad(
            f"the range {low:g}-{high:g} {kind} runs backwards", f"write the smaller number first: {high:g}-{low:g}"
        )
    return Amount(low, high)


def _unit(word: str) -> tuple[str, float]:
    if word in UNITS:
        return UNITS[word]
    raise _Bad(f"unknown unit '{word}' in the hold", did_you_mean(word, UNITS, "units"))


def parse_hold_text(text: str) -> dict[str, Any]:
    """The short form -> keyword arguments for Hold. Raises _Bad with a message and hint."""
    t = " ".join(text.lower().split())
    if t in OPEN_WORDS:
        return {"open_ended": True}
    m = _REPS.match(t)
    if m:
        reps = _check_amount("reps", _num(m.group(1)), _num(m.group(1)))
        inner = parse_hold_text(m.group(2))
        if not (set(inner) <= {"seconds", "in_minutes", "breaths"}):
            raise _Bad(
                f"cannot repeat {quoted(m.group(2))}", "repeat a time or breaths, e.g. '3 x 30 s' or '3 x 5 breaths'"
            )
        return {"reps": reps, **inner}
    m = _CROSS.match(t)
    if m:
        (low_kind, low_scale), (high_kind, high_scale) = _unit(m.group(2)), _unit(m.group(4))
        if low_kind not in TIME_KINDS or high_kind not in TIME_KINDS:
            raise _Bad(f"cannot read the hold {quoted(text)}", "a range across units is for times, e.g. '30 s - 2 min'")
        amount = _check_amount("seconds", _num(m.group(1)) * low_scale, _num(m.group(3)) * high_scale)
        return {"seconds": amount, "in_minutes": high_kind == "minutes"}
    m = _SIMPLE.match(t)
    if not m:
        raise _Bad(f"cannot read the hold {quoted(text)}")
    low = _num(m.group(1))
    high = _num(m.group(2)) if m.group(2) else low
    kind, scale = _unit(m.group(3))
    if m.group(4) and kind != "circles":
        raise _Bad(f"'each way' only goes with circles, not {kind}", "write e.g. '5 circles each way'")
    if kind in TIME_KINDS:
        amount = _check_amount(kind, low, high)
        return {"seconds": Amount(amount.low * scale, amount.high * scale), "in_minutes": kind == "minutes"}
    return {kind: _check_amount(kind, low, high), **({"each_way": True} if m.group(4) else {})}


BREATH = TextType("the hold's 'breath'")  # printed under the hold: a text
THEN = line_text("the hold's 'then'")  # printed after the hold, on its line


class HoldType(Type):
    """A hold, as short text or as a mapping."""

    KEYS = {
        "breaths": "number of breaths, or [fewest, most]",
        "seconds": "seconds, or [shortest, longest]",
        "minutes": "minutes, or [shortest, longest] (0.5 is 30 s)",
        "reps": "repetitions; with seconds or breaths: repetitions of that hold",
        "cycles": "number of cycles",
        "circles": "number of circles",
        "each_way": "true: the circles are done in one direction, then reversed",
        "as_long_as_you_like": "true: an open-ended hold",
        "then": "a free-text addition printed after the hold",
        "breath": "how to breathe, e.g. 'exhale lowers, inhale returns'",
    }

    def read(self, node: Node, ctx: Ctx) -> Any:
        try:
            if isinstance(node, ScalarNode) and node.tag != "tag:yaml.org,2002:null":
                value = scalar_value(node)
                if isinstance(value, float) and not math.isfinite(value):
                    raise _Bad(f"cannot read the hold {quoted(node.value)}")
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    raise _Bad(
                        f"the hold '{node.value}' has no unit",
                        f"say what it counts: '{node.value} breaths' or '{node.value} s'",
                    )
                return Hold(**parse_hold_text(node.value))
            if isinstance(node, MappingNode):
                return self._read_mapping(node, ctx)
            raise _Bad(f"expected a hold, found {describe(node)}")
        except _Bad as bad:
            return ctx.error(node, bad.message, bad.hint)

    def _read_mapping(self, node: MappingNode, ctx: Ctx) -> Any:
        given: dict[str, Node] = {}
        ok = True
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else str(key_node)
            if key not in self.KEYS:
                ctx.error(key_node, f"unknown key '{key}'", did_you_mean(key, self.KEYS, "hold keys"))
                ok = False
            else:
                given[key] = value_node
        kinds = [k for k in ("breaths", "seconds", "minutes", "cycles", "circles", "as_long_as_you_like") if k in given]
        if "reps" in given and not (set(kinds) <= {"seconds", "minutes", "breaths"}):
            ctx.error(
                node,
                f"a hold cannot give both reps and {kinds[0]}",
                "reps go alone or with seconds, minutes or breaths ('3 x 30 s')",
            )
            ok = False
        elif len(kinds) > 1:
            ctx.error(
                node,
                f"a hold gives one amount, not {' and '.join(kinds)}",
                f"keep just one of {' or '.join(kinds)}; write a range as [low, high]",
            )
            ok = False
        elif not kinds and "reps" not in given:
            ctx.error(
                node,
                "the hold says no amount",
                "add one of: breaths, seconds, minutes, reps, cycles, circles, as_long_as_you_like",
            )
            ok = False
        if "each_way" in given and "circles" not in given:
            ctx.error(given["each_way"], "'each_way' only goes with circles", "add 'circles:' or remove 'each_way'")
            ok = False
        out: dict[str, Any] = {}
        for key, value_node in given.items():
            if key in ("then", "breath"):
                value = (THEN if key == "then" else BREATH).read(value_node, ctx)
            elif key in ("each_way", "as_long_as_you_like"):
                value = BoolType().read(value_node, ctx)
                if value is False and key == "as_long_as_you_like":
                    value = ctx.error(
                        value_node,
                        "'as_long_as_you_like: false' says nothing",
                        "give an amount instead, e.g. 'breaths: 5'",
                    )
            else:
                value = self._amount(key, value_node, ctx)
            if value is INVALID:
                ok = False
            out[key] = value
        if not ok:
            return INVALID
        if "minutes" in out:
            m = out.pop("minutes")
            out["seconds"] = Amount(m.low * 60, m.high * 60)
            out["in_minutes"] = True
        if "as_long_as_you_like" in out:
            out["open_ended"] = out.pop("as_long_as_you_like")
        return Hold(**out)

    @staticmethod
    def _amount(kind: str, node: Node, ctx: Ctx) -> Any:
        example = "[20, 30]" if kind in TIME_KINDS else "[3, 5]"
        try:
            if isinstance(node, SequenceNode):
                values: list[Any] = [scalar_value(n) if isinstance(n, ScalarNode) else None for n in node.value]
                raws = [n.value if isinstance(n, ScalarNode) else "" for n in node.value]
                if len(values) != 2:
                    raise _Bad(
                        f"a range of {kind} needs two numbers, found {len(values)}",
                        f"write [low, high], e.g. {example}",
                    )
            elif isinstance(node, ScalarNode):
                value = scalar_value(node)
                m = re.fullmatch(rf"{_NUM}{_DASH}{_NUM}", str(value).strip())
                values = [_num(m.group(1)), _num(m.group(2))] if m else [value]
                raws = [m.group(1), m.group(2)] if m else [node.value]
            else:
                raise _Bad(f"expected a number of {kind}, found {describe(node)}", f"write a number or {example}")
            for value, raw in zip(values, raws):
                if isinstance(value, bool) or not isinstance(value, (int, float)):
                    found = "nothing" if value is None else quoted(value)
                    raise _Bad(f"expected a number of {kind}, found {found}", f"write a number or {example}")
                wrong = number_problem(value, raw)
                if wrong:
                    raise _Bad(
                        wrong,
                        f"write a number of {kind} greater than 0 and at most {limits.NUMBER:,}, or a "
                        f"range such as {example}",
                    )
            return _check_amount(kind, float(values[0]), float(values[-1]))
        except _Bad as bad:
            return ctx.error(node, bad.message, bad.hint)

    def schema(self) -> dict:
        number_or_range = {
            "anyOf": [
                {"type": "number", "exclusiveMinimum": 0},
                {"type": "array", "items": {"type": "number", "exclusiveMinimum": 0}, "minItems": 2, "maxItems": 2},
                {"type": "string", "pattern": r"^\s*\d+(\.\d+)?\s*-\s*\d+(\.\d+)?\s*$"},
            ]
        }
        props: dict[str, Any] = {}
        for key, doc in self.KEYS.items():
            if key in ("each_way", "as_long_as_you_like"):
                props[key] = {"type": "boolean", "description": doc}
            elif key in ("then", "breath"):
                props[key] = {"type": "string", "description": doc}
            else:
                props[key] = {**number_or_range, "description": doc}
        amounts = ["breaths", "seconds", "minutes", "cycles", "circles", "as_long_as_you_like"]
        clashes = [[a, b] for i, a in enumerate(amounts) for b in amounts[i + 1 :]]
        clashes += [["reps", other] for other in ("cycles", "circles", "as_long_as_you_like")]
        mapping = {
            "type": "object",
            "properties": props,
            "additionalProperties": False,
            "anyOf": [{"required": [k]} for k in (*amounts, "reps")],
            "allOf": [{"not": {"required": pair}} for pair in clashes],
            "dependentRequired": {"each_way": ["circles"]},
        }
        return {"anyOf": [{"type": "string", "description": f"a hold written as text: {EXAMPLES}"}, mapping]}


_DURATION = re.compile(
    rf"^{_NUM}(?:{_DASH}{_NUM})?\s*(h|hrs?|hours?|min|mins|minutes?)?"
    rf"(?:\s*{_NUM}\s*(min|mins|minutes?))?$"
)


class DurationType(Type):
    """The duration the author states: '30 min', '1 h 15 min', '20-30 min', or a number of minutes."""

    def read(self, node: Node, ctx: Ctx) -> Any:
        hint = "write it like '30 min', '1 h 15 min' or '20-30 min'"
        if not isinstance(node, ScalarNode) or node.tag == "tag:yaml.org,2002:null":
            return ctx.error(node, f"expected a duration, found {describe(node)}", hint)
        m = _DURATION.match(" ".join(node.value.lower().split()))
        if not m:
            return ctx.error(node, f"cannot read the duration {quoted(node.value)}", hint)
        scale = 60 if (m.group(3) or "m").startswith("h") else 1
        low = _num(m.group(1)) * scale
        high = (_num(m.group(2)) * scale) if m.group(2) else low
        if m.group(4):
            if scale != 60 or m.group(2):
                return ctx.error(node, f"cannot read the duration '{node.value}'", hint)
            low = high = low + _num(m.group(4))
        if high > limits.NUMBER:
            return ctx.error(
                node,
                f"the duration {quoted(node.value)} is longer than handouts can take",
                f"state at most {limits.NUMBER:,} min",
            )
        if low <= 0 or high < low:
            return ctx.error(
                node,
                f"the duration '{node.value}' is not a length of time",
                "give a positive time, the smaller number of a range first",
            )
        return Duration(low, high, ctx.loc(node))

    def schema(self) -> dict:
        return {"type": ["string", "number"], "examples": ["30 min", "1 h 15 min", "20-30 min"]}
