"""The words handouts prints around the author's text, in the handout's language: holds ("3 × 30 s"), side
markers, series headers, headings, the practice log, the disclaimer, dates.

Every phrase comes from a translation table: `translations/<code>.yaml` in the package (English, German,
Spanish, French) and, for a workspace, `labels/<code>.yaml` (a new language, or changes to a built-in one).
English is the reference: a table must use the same {placeholders}, and a phrase a table lacks is printed in
English with a warning. `Labels` is plain data (a dict of phrases) so it travels to the helper processes.

A connector ("then", "each way") and a side word are joined only to an author's text written in the handout's
language (a `Text` whose `language` is unset or this table's code); a text in another language is set apart with
a neutral sign (`APART`) and keeps its own side words. Dates are written by Babel in the language's long format
(imported only when a date is printed), or from the table's `date:` and `months:` for a language Babel does not
know, or when a workspace's labels/<code>.yaml writes its own.
"""

from __future__ import annotations

import datetime
import re
import string
from functools import cache, lru_cache
from pathlib import Path

import yaml

from handouts.core.errors import Location, Problem
from handouts.core.model import Amount, Hold, Side, SideMode

DASH = "\u2013"  # en dash for ranges
TIMES = "\u00d7"  # multiplication sign
APART = "\u2192"  # sets a text in another language apart from the words around it: "5 × 3 Atemzüge → lower slowly"
BABEL_LOCALE = {"en": "en_GB"}  # handouts' English writes the day first ("3 December 2026"), as it always has
DATE_KEYS = ("date", "months")
TRANSLATIONS = Path(__file__).parent.parent / "translations"
BUILT_IN = ("en", "de", "es", "fr")
_SIDE = {Side.RIGHT: "right", Side.LEFT: "left"}
SIDE_NAMES = re.compile(r"\{\{ *(side|other_side) *\}\}")  # the working side in a cue: filled per card


@cache
def built_in_table(code: str) -> dict:
    """A shipped translation table as plain data ({} for a language the package does not ship)."""
    path = TRANSLATIONS / f"{code}.yaml"
    if code not in BUILT_IN or not path.is_file():
        return {}
    with path.open(encoding="utf-8") as stream:
        return yaml.load(stream, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def placeholders(phrase) -> set[str]:
    """The {names} a phrase fills in."""
    if isinstance(phrase, list):
        return set().union(*(placeholders(p) for p in phrase)) if phrase else set()
    return {name for _, name, _, _ in string.Formatter().parse(phrase) if name}


def language_of(text) -> str:
    """The language a text is written in (its file's code), "" when unknown (the handout's own)."""
    return str(getattr(text, "language", "") or "").strip().lower()


@cache
def babel_knows(locale: str) -> bool:
    """Whether Babel has the long date format of `locale` (imports Babel: only when a date is needed)."""
    from babel import localedata

    try:
        return bool(locale) and localedata.exists(locale)
    except (ValueError, OSError):  # a code no locale file can have ("../x")
        return False


@lru_cache(maxsize=64)
def babel_date(day: datetime.date, locale: str) -> str:
    """`day` in Babel's long format for `locale` ('3. Dezember 2026'): the same for the same day and locale."""
    from babel.dates import format_date

    return format_date(day, format="long", locale=locale)


def english() -> Labels:
    return Labels("en", built_in_table("en"))


class Labels:
    """The phrases of one language (`code`), English for any the table lacks (`missing` names them)."""

    def __init__(self, code: str, table: dict, name: str = ""):
        reference = built_in_table("en")
        self.code = code
        self.name = name or str(table.get("language") or code)
        self.lacks = tuple(sorted(k for k in reference if k not in table))
        self.table = {**reference, **table}

    @property
    def missing(self) -> tuple[str, ...]:
        """The phrases this language lacks (printed in English); its date and month names are not missing when
        Babel writes its dates."""
        if any(k in DATE_KEYS for k in self.lacks) and babel_knows(self.babel_locale):
            return tuple(k for k in self.lacks if k not in DATE_KEYS)
        return self.lacks

    def foreign(self, text) -> bool:
        """Whether `text` is written in another language than this table's (then no connector is joined to it)."""
        code = language_of(text)
        return bool(code) and code != self.code

    def __eq__(self, other) -> bool:
        return isinstance(other, Labels) and (self.code, self.table) == (other.code, other.table)

    def __hash__(self) -> int:
        return hash(self.code)

    def __repr__(self) -> str:
        return f"Labels({self.code!r})"

    def __getitem__(self, key: str):
        return self.table[key]

    def __call__(self, key: str, **values) -> str:
        return self.table[key].format(**values)

    def fallback_warning(self, location: Location) -> Problem | None:
        if not self.missing:
            return None
        shown = ", ".join(self.missing[:6]) + (f" and {len(self.missing) - 6} more" if len(self.missing) > 6 else "")
        return Problem(
            location,
            f"the {self.name} labels have no {shown}; printed in English instead",
            f"add {'them' if len(self.missing) > 1 else 'it'} to labels/{self.code}.yaml "
            "(the English table is in handouts/translations/en.yaml)",
            warning=True,
        )

    # -- holds ------------------------------------------------------------------------------------------
    def count(self, amount: Amount, key: str) -> str:
        if amount.is_range:
            return self(f"{key}_other", n=f"{amount.low:g}{DASH}{amount.high:g}")
        return self(f"{key}_one" if amount.low == 1 else f"{key}_other", n=f"{amount.low:g}")

    def _time_part(self, seconds: float, minutes: bool) -> tuple[str, str]:
        if minutes and seconds >= 60:
            return f"{seconds / 60:g}", self["minutes_unit"]
        return f"{seconds:g}", self["seconds_unit"]

    def time_label(self, amount: Amount, in_minutes: bool) -> str:
        """'30 s', '20–30 s', '2 min', '1–2 min', '30 s – 2 min'."""
        low, low_unit = self._time_part(amount.low, in_minutes)
        if not amount.is_range:
            return f"{low} {low_unit}"
        high, high_unit = self._time_part(amount.high, in_minutes)
        if low_unit == high_unit:
            return f"{low}{DASH}{high} {high_unit}"
        return f"{low} {low_unit} {DASH} {high} {high_unit}"

    def hold_label(self, hold: Hold | None) -> str:
        """The hold as printed in its badge, with the author's 'then' addition."""
        if hold is None:
            return ""
        if hold.open_ended:
            main = self["as_long_as_you_like"]
        elif hold.reps is not None and (hold.seconds or hold.breaths):
            if hold.seconds:
                inner = self.time_label(hold.seconds, hold.in_minutes)
            else:
                assert hold.breaths is not None  # the branch's test: seconds or breaths
                inner = self.count(hold.breaths, "breath")
            reps = hold.reps
            times = f"{reps.low:g}{DASH}{reps.high:g}" if reps.is_range else f"{reps.low:g}"
            main = f"{times} {TIMES} {inner}"
        elif hold.reps is not None:
            main = self.count(hold.reps, "rep")
        elif hold.seconds is not None:
            main = self.time_label(hold.seconds, hold.in_minutes)
        elif hold.breaths is not None:
            main = self.count(hold.breaths, "breath")
        elif hold.cycles is not None:
            main = self.count(hold.cycles, "cycle")
        else:
            assert hold.circles is not None  # exactly one amount is set (model.Hold), and it is the last left
            main = self.count(hold.circles, "circle")
            if hold.each_way:
                main = self("each_way", what=main)
        if hold.then:
            then = str(hold.then)
            if self.foreign(hold.then):  # no "dann" glued to English words: set apart
                return f"{main} {APART}\u00a0{then}"  # the sign never ends a line
            if then.lower().startswith(self["then_word"].lower()):  # the author wrote "then ..." already
                return f"{main}, {then}"
            return self("then", hold=main, what=then)
        return main

    def minutes_label(self, seconds: float) -> str:
        """'about 25 min' for estimates."""
        return self("about_minutes", n=max(1, round(seconds / 60)))

    # -- sides ------------------------------------------------------------------------------------------
    def side_marker(self, mode: SideMode, order: tuple[Side, ...]) -> str:
        """'Right side first, then left', 'Left side only', 'Alternate sides, right first', or '' (symmetric)."""
        if mode is SideMode.BOTH:
            return self[f"{_SIDE[order[0]]}_then_{_SIDE[order[1]]}"]
        if mode is SideMode.ONE:
            return self[f"{_SIDE[order[0]]}_only"]
        if mode is SideMode.ALTERNATE:
            return self[f"alternate_{_SIDE[order[0]]}_first"]
        return ""

    def series_side_marker(self, mode: SideMode, order: tuple[Side, ...]) -> str:
        """The side of a step inside a series, in words: the whole series is done on one side, then the other."""
        if mode is SideMode.BOTH:
            return self[f"series_step_{_SIDE[order[0]]}_then_{_SIDE[order[1]]}"]
        return self.side_marker(mode, order)

    def letter(self, side: Side) -> str:
        return self[f"letter_{_SIDE[side]}"]

    def side_badge(self, mode: SideMode, order: tuple[Side, ...]) -> str:
        """The short form: 'R → L', 'L only', 'R ↔ L'."""
        if mode is SideMode.BOTH:
            return f"{self.letter(order[0])} \u2192 {self.letter(order[1])}"
        if mode is SideMode.ONE:
            return self("letter_only", letter=self.letter(order[0]))
        if mode is SideMode.ALTERNATE:
            return f"{self.letter(order[0])} \u2194 {self.letter(order[1])}"
        return ""

    def series_banner(self, first: str, last: str, mode: SideMode, order: tuple[Side, ...]) -> str:
        """The line under a series' title in every format: 'Do 5a–5c on the right, then all of them on the left'."""
        span = first if first == last else f"{first}{DASH}{last}"
        if mode is SideMode.BOTH:
            return self(f"series_{_SIDE[order[0]]}_then_{_SIDE[order[1]]}", span=span)
        if mode is SideMode.ONE:
            return self(f"series_{_SIDE[order[0]]}_only", span=span)
        return self("series_in_order", span=span)

    def series_title(self, title: str) -> str:
        """A series' title as it heads its banner (a colon the author ended it with is dropped)."""
        return str(title).strip().rstrip(":").rstrip()

    def figure_captions(self, mode: SideMode, order: tuple[Side, ...]) -> list[str]:
        """Captions under a step's figures, one per side drawn: 'Right side first', 'then left side'."""
        if mode in (SideMode.NONE, SideMode.ALTERNATE) or not order:
            return [""]
        if len(order) == 1:
            return [self[f"{_SIDE[order[0]]}_only"]]
        return [self[f"caption_{_SIDE[order[0]]}_first"], self[f"caption_then_{_SIDE[order[1]]}"]]

    def one_side_marker(self, side: Side, position: int, order: tuple[Side, ...]) -> str:
        """On a card laid out for one side: 'Right side first (then the left side, on the next card)', 'Left
        side second, after the right'."""
        return self[f"card_{_SIDE[side]}_{'first' if position == 0 else 'second'}"]

    def round_header(self, number: int, side: Side) -> str:
        """'Round 1: right side' (a series laid out once per side)."""
        return self(f"round_{_SIDE[side]}", n=number)

    def repeat_name(self, name: str) -> str:
        """'Child's pose, again'; a name in another language is set apart: 'Child's pose · noch einmal'."""
        if self.foreign(name):
            return f"{name} \u00b7 {self('repeat_label', label='').strip(' ,:')}"
        return self("again", name=name)

    def repeat_label(self, label: str) -> str:
        """'5a again': a repeat's number where numbers stand in a column of their own (the glance table)."""
        return self("repeat_label", label=label)

    # -- a text naming the working side -------------------------------------------------------------------
    def side_word(self, side: Side) -> str:
        return self[f"side_word_{_SIDE[side]}"]

    def sided(self, text: str, side: Side | None, order: tuple[Side, ...] = ()) -> str:
        """A text with its {{ side }} and {{ other_side }} filled for the side it is printed for: 'right' on
        the right side's card; on a card for both sides 'right (then left)'; for no side, the words as the
        first side reads them. Texts without them come back as they are."""
        written = text
        text = str(text)
        if "{{" not in text or not SIDE_NAMES.search(text):
            return text
        if self.foreign(written):  # a text in another language takes its own language's side words
            own = language_of(written)
            return Labels(own, built_in_table(own)).sided(text, side, order)
        if side is not None:
            this, other = self.side_word(side), self.side_word(side.other)
        elif len(order) == 2:
            first, second = order
            this = self("side_words_both", first=self.side_word(first), second=self.side_word(second))
            other = self("side_words_both", first=self.side_word(second), second=self.side_word(first))
        else:
            first = order[0] if order else Side.RIGHT
            this, other = self.side_word(first), self.side_word(first.other)
        return SIDE_NAMES.sub(lambda m: other if m.group(1) == "other_side" else this, str(text))

    # -- other ------------------------------------------------------------------------------------------
    def booklet_sheets(self, pages: int, sheets: int) -> str:
        return self("booklet_sheets_one" if sheets == 1 else "booklet_sheets_other", pages=pages, sheets=sheets)

    @property
    def babel_locale(self) -> str:
        return BABEL_LOCALE.get(self.code, self.code)

    def writes_own_dates(self) -> bool:
        """Whether the table's date and month names are a workspace's own (labels/<code>.yaml wrote them, other
        than the package ships): then they win over Babel's."""
        shipped = built_in_table(self.code)
        return any(k not in self.lacks and self.table[k] != shipped.get(k) for k in DATE_KEYS)

    def date(self, day: datetime.date) -> str:
        """'3 December 2026', '3. Dezember 2026', '3 de diciembre de 2026': Babel's long format for this
        language; the table's `date:` and `months:` for a language Babel does not know or a workspace's own."""
        if not self.writes_own_dates() and babel_knows(self.babel_locale):
            return babel_date(day, self.babel_locale)
        return self("date", day=day.day, month=self["months"][day.month - 1], year=day.year)


ENGLISH = english()


def read_table(path: Path, shown: str) -> tuple[dict, list[Problem]]:
    """A workspace's labels/<code>.yaml: the phrases it gives, and its located problems (unknown keys, a
    phrase without the {placeholders} English has, a list of the wrong length)."""
    from handouts.reading.fields import did_you_mean
    from handouts.reading.yamlload import (
        MappingNode,
        ScalarNode,
        SequenceNode,
        load,
        loc,
    )

    root = load(path, shown)
    reference = built_in_table("en")
    problems: list[Problem] = []
    if root is None:
        return {}, problems
    if not isinstance(root, MappingNode):
        return {}, [
            Problem(
                loc(root, shown),
                "expected 'key: phrase' lines",
                "copy the keys you need from handouts/translations/en.yaml",
            )
        ]
    table: dict = {}
    for key_node, value_node in root.value:
        key = str(key_node.value)
        if key not in reference:
            problems.append(
                Problem(
                    loc(key_node, shown),
                    f"unknown label '{key}'",
                    did_you_mean(key, reference, "labels of handouts/translations/en.yaml"),
                )
            )
            continue
        english = reference[key]
        value: str | list[str]
        if isinstance(english, list):
            items = value_node.value if isinstance(value_node, SequenceNode) else None
            if items is None or len(items) != len(english) or not all(isinstance(i, ScalarNode) for i in items):
                problems.append(
                    Problem(
                        loc(value_node, shown),
                        f"'{key}' must be a list of {len(english)} phrases",
                        f"write them as [{', '.join(map(str, english))}] in your language",
                    )
                )
                continue
            value = [str(i.value) for i in items]
        elif isinstance(value_node, ScalarNode) and str(value_node.value).strip():
            value = str(value_node.value)
        else:
            problems.append(
                Problem(
                    loc(value_node, shown),
                    f"'{key}' must be a phrase",
                    f"write it on one line, e.g. the English: {english}",
                )
            )
            continue
        try:
            have = placeholders(value)
        except ValueError as exc:
            problems.append(
                Problem(
                    loc(value_node, shown),
                    f"'{key}' has a stray brace ({exc})",
                    "write braces only around the names English uses",
                )
            )
            continue
        if have != placeholders(english):
            want = ", ".join("{" + n + "}" for n in sorted(placeholders(english))) or "no {names}"
            problems.append(Problem(loc(value_node, shown), f"'{key}' must use {want}", f"the English is: {english}"))
            continue
        table[key] = value
    return table, problems
