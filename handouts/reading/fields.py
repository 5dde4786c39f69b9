"""Field types: one definition per kind of value that both checks YAML nodes and describes itself as JSON Schema.

A type's `read(node, ctx)` returns the value, or INVALID after reporting located problems to `ctx`. Reading goes
on past a bad value so that every problem of a file is found in one run. `schema()` gives the JSON Schema
fragment for editors. The sequence and pose definitions built from these live in `schema.py`.

The limits of `limits.py` on what one value may be are checked here: a text's length (a name, a title, any
other text) and its characters (no control characters; a name or title on one line), and a number's size
(`.nan`, `.inf` and numbers beyond `limits.NUMBER` are refused wherever a number is read).
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from handouts.core import limits
from handouts.core.errors import Collector, Location
from handouts.core.model import Text
from handouts.reading.yamlload import (
    FORBIDDEN,
    MappingNode,
    Node,
    ScalarNode,
    SequenceNode,
    char_name,
    loc,
)

INVALID: Any = type("Invalid", (), {"__repr__": lambda self: "INVALID", "__bool__": lambda self: False})()

_NULL = "tag:yaml.org,2002:null"
_constructor = yaml.constructor.SafeConstructor()


@dataclass
class Ctx:
    """What reading one file needs: its name as shown to the user, where problems go, the workspace's lookups."""

    file: str
    problems: Collector
    source: Path | None = None  # the file being read
    images_dir: Path | None = None
    library: Any = None  # the pose library (library.Library), for checking the poses steps name
    rejected: set[str] = dataclasses.field(default_factory=set)  # ids of entries that had errors
    path: list[str] = dataclasses.field(default_factory=list)  # the keys being read, outermost first
    texts: list = dataclasses.field(default_factory=list)  # every text read, even of what turns out invalid
    language: str = ""  # the language the file is written in: every Text read from it carries it

    CONTAINERS: tuple[str, ...] = ("steps", "poses")  # list-like keys left out of field names

    def loc(self, node: Node) -> Location:
        return loc(node, self.file)

    def where(self) -> str:
        """The field being read, as the user wrote it: 'hold', 'timing.breath', 'bridge.sides'."""
        return ".".join(k for k in self.path if k not in self.CONTAINERS)

    def error(self, node: Node, message: str, hint: str = "") -> Any:
        field = self.where()
        self.problems.error(self.loc(node), f"{field}: {message}" if field else message, hint)
        return INVALID


def did_you_mean(word: str, options, what: str = "") -> str:
    """A hint naming the closest option, or listing the options when none is close."""
    options = sorted(set(options))
    import difflib  # only once something is misspelt

    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    if len(options) <= 12:
        return f"use one of: {', '.join(options)}"
    return f"see the list of {what or 'choices'}"


def quoted(text: object, most: int = 60) -> str:
    """A user's value in quotes for a message, cut short when it is long: 'Lift the hips and ...'."""
    text = str(text)
    return f"'{text}'" if len(text) <= most else f"'{text[: most - 3].rstrip()}...'"


def describe(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping (key: value lines)"
    if isinstance(node, SequenceNode):
        return "a list"
    if node.tag == _NULL:
        return "nothing"
    return quoted(node.value)


_CONSTRUCTED = {_NULL, "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}


def scalar_value(node: ScalarNode) -> Any:
    """The YAML meaning of a scalar: int, float, bool or None where YAML reads it so, else the text as written
    (a date, '<<' and '=' stay text). A whole number too large for a float reads as an infinite float, so that one
    check for finite numbers covers it."""
    if node.tag not in _CONSTRUCTED:
        return node.value
    try:
        value = _constructor.construct_object(node)
    except (ValueError, KeyError, TypeError, yaml.YAMLError):  # pragma: no cover - the resolver's patterns parse
        return node.value
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 1e300:
        return math.inf if value > 0 else -math.inf
    return value


def number_problem(value: float, raw: str, most: float = limits.NUMBER) -> str | None:
    """Why a YAML number cannot be used, or None: '.nan' (not a number), '.inf' or anything above `most`, '-.inf'
    (a finite number below a type's least is the type's to say)."""
    if math.isnan(value):
        return f"{quoted(raw)} is not a number"
    if value > most:
        return f"{quoted(raw) if math.isinf(value) else f'{value:g}'} is too large"
    if value == -math.inf:
        return f"{quoted(raw)} is too small"
    return None


class Type:
    doc: str = ""

    def read(self, node: Node, ctx: Ctx) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def schema(self) -> dict:  # pragma: no cover - abstract
        raise NotImplementedError


_FORBIDDEN_IN_TEXT = re.compile(FORBIDDEN.pattern[:-1] + "\\r]")  # a text's line breaks are plain '\n'
_ESCAPES = {
    "\x00": "\\0",
    "\x07": "\\a",
    "\x08": "\\b",
    "\x0b": "\\v",
    "\x0c": "\\f",
    "\r": "\\r",
    "\x1b": "\\e",
    "\x85": "\\N",
    "\u2028": "\\L",
    "\u2029": "\\P",
}


def paragraphs(value: str, style: str | None) -> str:
    """A text of several lines as its paragraphs, one a line: in a `|` block (which keeps every line break) a blank
    line starts a paragraph and the other line breaks are only where the writer wrapped; in a `>` block or a plain
    text YAML has already joined the wrapped lines and kept one line break per blank line. Printed, each line of
    the result is a paragraph of its own."""
    if style == "|":
        parts = re.split(r"\n[ \t]*\n", value)
        return "\n".join(" ".join(line.strip() for line in part.splitlines() if line.strip()) for part in parts)
    return "\n".join(line.strip() for line in value.splitlines() if line.strip())


class TextType(Type):
    """Any written text. YAML's yes/no/on/off and numbers stay as written.

    At most `most` characters; `one_line` texts (names, titles, addresses) take no line break; no text takes a
    control character (one can only come from a backslash code in double quotes: the file itself is checked as
    it is read). `kind` names the text in the length error ('a name may have at most 120 characters'), `shorter`
    says how to stay under the limit."""

    def __init__(
        self,
        what: str = "text",
        example: str = "",
        most: int = limits.TEXT_CHARS,
        one_line: bool = False,
        kind: str = "a text",
        shorter: str = "shorten it, or split it into several",
    ):
        self.what = what
        self.example = example
        self.most = most
        self.one_line = one_line
        self.kind = kind
        self.shorter = shorter  # how to stay under `most`

    def read(self, node: Node, ctx: Ctx) -> Any:
        if not isinstance(node, ScalarNode):
            hint = "write it on one line after the colon"
            if self.example:
                hint += f", e.g. {self.example}"
            return ctx.error(node, f"expected {self.what}, found {describe(node)}", hint)
        if node.tag == _NULL or not node.value.strip():
            return ctx.error(node, f"{self.what} is empty", "write it after the colon, or delete the line")
        value = node.value.strip()
        bad = _FORBIDDEN_IN_TEXT.search(value)
        if bad:
            char = bad.group()
            code = _ESCAPES.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")
            return ctx.error(
                node,
                f"the text holds {char_name(char)}, which cannot be printed",
                f"delete the backslash code that writes it between the quotes (such as {code})",
            )
        if self.one_line and "\n" in value:
            return ctx.error(
                node,
                "the text has a line break, where one line is needed",
                "join its lines into one (without '|' or '>' after the colon)",
            )
        if "\n" in value and "{{" not in value and "{%" not in value:  # a template keeps its lines (its errors'
            value = paragraphs(value, node.style)  # lines count them)
        if len(value) > self.most:
            return ctx.error(
                node,
                f"the text is {len(value):,} characters long; {self.kind} may have at most {self.most:,} characters",
                self.shorter,
            )
        text = Text(value, ctx.loc(node), ctx.where(), ctx.language)
        ctx.texts.append(text)  # its template names and glyphs are checked even when its file has other errors
        return text

    def schema(self) -> dict:
        return {"type": ["string", "number", "boolean"], "minLength": 1, "maxLength": self.most}


def name_text(what: str = "a name", example: str = "") -> TextType:
    """A name: one line of at most `limits.NAME_CHARS` characters (a step's, a pose's, a series' name)."""
    return TextType(
        what,
        example,
        most=limits.NAME_CHARS,
        one_line=True,
        kind="a name",
        shorter="shorten it, and put the details in a cue or a note",
    )


def title_text(what: str = "a title", example: str = "") -> TextType:
    """A title: one line of at most `limits.TITLE_CHARS` characters."""
    return TextType(
        what,
        example,
        most=limits.TITLE_CHARS,
        one_line=True,
        kind="a title",
        shorter="shorten it, and say more in 'intro'",
    )


def line_text(what: str = "text", example: str = "") -> TextType:
    """One line of at most `limits.TITLE_CHARS` characters: a prop, the instructor, a contact line, a setting."""
    return TextType(what, example, most=limits.TITLE_CHARS, one_line=True, kind="this line", shorter="shorten it")


class IdType(TextType):
    """A pose id: lowercase words joined by hyphens."""

    def __init__(self, what: str = "a pose id", example: str = ""):
        super().__init__(what, example, most=limits.NAME_CHARS, one_line=True, kind="an id", shorter="shorten it")

    PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

    def read(self, node: Node, ctx: Ctx) -> Any:
        value = super().read(node, ctx)
        if value is INVALID:
            return value
        if not re.match(self.PATTERN, value):
            suggestion = slug(value)
            return ctx.error(
                node,
                f"{quoted(value)} is not a valid pose id",
                f"use lowercase words joined by '-', e.g. '{suggestion}'",
            )
        return value

    def schema(self) -> dict:
        return {"type": "string", "pattern": self.PATTERN}


class PatternType(TextType):
    """Text of a fixed shape (a colour, an e-mail address): `pattern` must match the whole of it, else the
    error says it is not `kind`, with `hint`. `tidy` may normalise what matched (e.g. lowercase)."""

    def __init__(
        self,
        what: str,
        example: str,
        pattern: str,
        kind: str,
        hint: str,
        tidy: Callable[[str], str] | None = None,
        extra_schema: dict | None = None,
    ):
        super().__init__(what, example, most=limits.TITLE_CHARS, one_line=True, kind=what, shorter="shorten it")
        self.pattern, self.pattern_kind, self.hint = pattern, kind, hint
        self.tidy, self.extra_schema = tidy, extra_schema or {}

    def read(self, node: Node, ctx: Ctx) -> Any:
        value = super().read(node, ctx)
        if value is INVALID:
            return value
        if not re.match(self.pattern, value):
            return ctx.error(node, f"{quoted(value)} is not {self.pattern_kind}", self.hint)
        return Text(self.tidy(value), value.location, value.field, value.language) if self.tidy else value

    def schema(self) -> dict:
        return {"type": "string", "pattern": self.pattern, **self.extra_schema}


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "my-pose"


class BoolType(Type):
    def read(self, node: Node, ctx: Ctx) -> Any:
        if isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:bool":
            return bool(scalar_value(node))
        return ctx.error(node, f"expected true or false, found {describe(node)}", "write true or false")

    def schema(self) -> dict:
        return {"type": "boolean"}


class NumberType(Type):
    """A number greater than `above` (seconds in timing settings), at most `most`."""

    def __init__(self, above: float = 0, unit: str = "", zero_ok: bool = False, most: float = limits.NUMBER):
        self.above = above
        self.unit = unit
        self.zero_ok = zero_ok
        self.most = most

    def read(self, node: Node, ctx: Ctx) -> Any:
        value = scalar_value(node) if isinstance(node, ScalarNode) else None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return ctx.error(
                node, f"expected a number, found {describe(node)}", f"write a number such as 10{self.unit}"
            )
        wrong = number_problem(value, node.value, self.most)
        if wrong:
            return ctx.error(node, wrong, f"write a number such as 10{self.unit} (at most {self.most:,g})")
        if value < self.above or (value == self.above and not self.zero_ok):
            return ctx.error(
                node,
                f"{quoted(node.value) if math.isinf(value) else value} is too small",
                f"use a number of {self.above:g} or more"
                if self.zero_ok
                else f"use a number greater than {self.above:g}",
            )
        return float(value)

    def schema(self) -> dict:
        if self.zero_ok:
            return {"type": "number", "minimum": self.above, "maximum": self.most}
        return {"type": "number", "exclusiveMinimum": self.above, "maximum": self.most}


class IntType(Type):
    """A whole number from `minimum` to `most`."""

    def __init__(self, minimum: int = 1, what: str = "a whole number", most: int = limits.NUMBER):
        self.minimum = minimum
        self.what = what
        self.most = most

    def read(self, node: Node, ctx: Ctx) -> Any:
        value = scalar_value(node) if isinstance(node, ScalarNode) else None
        if isinstance(value, float) and not math.isfinite(value):
            return ctx.error(
                node,
                number_problem(value, node.value, self.most) or f"{quoted(node.value)} is too small",
                f"write a whole number from {self.minimum} to {self.most:,}",
            )
        if isinstance(value, bool) or not isinstance(value, int):
            return ctx.error(
                node, f"expected {self.what}, found {describe(node)}", f"write a whole number such as {self.minimum}"
            )
        if value < self.minimum:
            return ctx.error(node, f"{value} is too small here", f"use {self.minimum} or more")
        if value > self.most:
            return ctx.error(node, f"{value:,} is too large here", f"use {self.most:,} or less")
        return value

    def schema(self) -> dict:
        return {"type": "integer", "minimum": self.minimum, "maximum": self.most}


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[-_]", " ", text.lower()).split())


class ChoiceType(Type):
    """One of a fixed set of words (case, '-' and '_' are forgiven)."""

    def __init__(self, what: str, options: dict[str, Any], synonyms: dict[str, str] | None = None):
        self.what = what
        self.options = options
        self._normal = {_normal(k): v for k, v in options.items()}
        for synonym, option in (synonyms or {}).items():  # accepted, but not offered in the schema
            if option in options:
                self._normal[_normal(synonym)] = options[option]

    def read(self, node: Node, ctx: Ctx) -> Any:
        if not isinstance(node, ScalarNode) or node.tag == _NULL:
            hint = did_you_mean("", self.options)
            if hint.startswith("see the list"):  # too many to list: show the shape of one
                hint = f"write just one after the colon, e.g. '{next(iter(self.options))}'"
            return ctx.error(node, f"expected {self.what}, found {describe(node)}", hint)
        key = _normal(node.value)
        if key in self._normal:
            return self._normal[key]
        return ctx.error(node, f"unknown {self.what} {quoted(node.value)}", did_you_mean(key, self.options, self.what))

    def schema(self) -> dict:
        return {"enum": list(self.options)}


class ListType(Type):
    """A list of items; one item may be written alone (`cues: Breathe.`)."""

    def __init__(self, item: Type, single_ok: bool = True, what: str = "list", non_empty: str = ""):
        self.item = item
        self.single_ok = single_ok
        self.what = what
        self.non_empty = non_empty  # the hint when an empty list is an error

    def read(self, node: Node, ctx: Ctx) -> Any:
        if isinstance(node, ScalarNode) and node.tag == _NULL:
            return ctx.error(node, f"the {self.what} is empty", "list its items after the colon, or delete the line")
        if isinstance(node, SequenceNode):
            if not node.value and self.non_empty:
                return ctx.error(node, f"the {self.what} is empty", self.non_empty)
            items = [self.item.read(n, ctx) for n in node.value]
        elif self.single_ok and isinstance(node, ScalarNode):
            items = [self.item.read(node, ctx)]
        else:
            return ctx.error(
                node,
                f"expected a {self.what}, found {describe(node)}",
                "write one item per line, each starting with '- '",
            )
        if any(v is INVALID for v in items):
            return INVALID
        return tuple(items)

    def schema(self) -> dict:
        array = {"type": "array", "items": self.item.schema(), **({"minItems": 1} if self.non_empty else {})}
        if self.single_ok:
            return {"anyOf": [array, self.item.schema()]}
        return array


@dataclass
class Field:
    type: Type
    doc: str
    required: bool = False
    hint: str = ""  # how to fill it in when it is missing


class RecordType(Type):
    """A mapping with known keys. `make(values, node, ctx)` builds the model object from the read values."""

    def __init__(
        self,
        what: str,
        fields: dict[str, Field],
        make: Callable,
        doc: str = "",
        unknown: Callable[[str], str | None] | None = None,
    ):
        self.what = what
        self.fields = fields
        self.make = make
        self.doc = doc
        self.unknown = unknown  # a better message for an unknown key, when it says what the user meant

    def read(self, node: Node, ctx: Ctx) -> Any:
        if not isinstance(node, MappingNode):
            return ctx.error(
                node,
                f"expected {self.what} (key: value lines), found {describe(node)}",
                f"a {self.what} takes the keys: {', '.join(self.fields)}",
            )
        values: dict[str, Any] = {}
        keys: dict[str, Node] = {}
        meant: set[str] = set()  # keys an unknown key was probably meant to be
        ok = True
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else None
            if key not in self.fields and self.unknown and (hint := self.unknown(str(key))):
                ctx.error(key_node, f"unknown key {quoted(key)}", hint)
                ok = False
                continue
            if key not in self.fields:
                ctx.error(
                    key_node,
                    f"unknown key {quoted(key)}" + ("" if ctx.where() else f" in {self.what}"),
                    did_you_mean(str(key), self.fields, f"keys ({', '.join(self.fields)})"),
                )
                import difflib

                meant.update(difflib.get_close_matches(str(key), self.fields, n=1, cutoff=0.6))
                ok = False
                continue
            if isinstance(value_node, ScalarNode) and value_node.tag == _NULL:
                ctx.error(value_node, f"'{key}' is empty", "write its value after the colon, or delete the line")
                ok = False
                continue
            ctx.path.append(key)
            try:
                value = self.fields[key].type.read(value_node, ctx)
            finally:
                ctx.path.pop()
            if value is INVALID:
                ok = False
            values[key] = value
            keys[key] = value_node
        for key, spec in self.fields.items():
            if spec.required and key not in keys and key not in meant:
                ctx.error(node, f"{self.what} is missing '{key}'", spec.hint or f"add '{key}:' ({spec.doc})")
                ok = False
        if not ok:
            return INVALID
        return self.make(values, keys, node, ctx)

    def schema(self) -> dict:
        out: dict[str, Any] = {"type": "object"}
        if self.doc:
            out["description"] = self.doc
        out["properties"] = {k: {**f.type.schema(), "description": f.doc} for k, f in self.fields.items()}
        required = [k for k, f in self.fields.items() if f.required]
        if required:
            out["required"] = required
        out["additionalProperties"] = False
        return out


class MapType(Type):
    """A mapping from ids to records (the `poses:` of a pose file)."""

    def __init__(self, key: IdType, value: RecordType):
        self.key = key
        self.value = value

    def read(self, node: Node, ctx: Ctx) -> Any:
        if not isinstance(node, MappingNode):
            return ctx.error(
                node,
                f"expected a mapping of ids to {self.value.what}s, found {describe(node)}",
                "write one 'id:' line per entry, with its keys indented below",
            )
        out = {}
        for key_node, value_node in node.value:
            key = self.key.read(key_node, ctx)
            ctx.path.append(str(key_node.value))
            try:
                value = self.value.read(value_node, ctx)
            finally:
                ctx.path.pop()
            if key is INVALID or value is INVALID:
                ctx.rejected.add(str(key_node.value))
                continue
            out[key] = (value, key_node)
        return out  # the bad entries are reported; the good ones still serve the rest of the run

    def schema(self) -> dict:
        return {"type": "object", "propertyNames": self.key.schema(), "additionalProperties": self.value.schema()}
