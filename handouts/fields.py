"""Field types: one definition per kind of value that both checks YAML nodes and describes itself as JSON Schema.

A type's `read(node, ctx)` returns the value, or INVALID after reporting located problems to `ctx`. Reading goes
on past a bad value so that every problem of a file is found in one run. `schema()` gives the JSON Schema
fragment for editors. The sequence and pose definitions built from these live in `schema.py`.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import yaml

from .errors import Collector, Location
from .model import Text
from .yamlload import MappingNode, Node, ScalarNode, SequenceNode, loc

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

    CONTAINERS = ("steps", "poses")  # list-like keys left out of field names

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


def describe(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping (key: value lines)"
    if isinstance(node, SequenceNode):
        return "a list"
    if node.tag == _NULL:
        return "nothing"
    return f"'{node.value}'"


def scalar_value(node: ScalarNode) -> Any:
    """The YAML meaning of a scalar (int, float, bool, None or str)."""
    return _constructor.construct_object(node)


class Type:
    doc: str = ""

    def read(self, node: Node, ctx: Ctx) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def schema(self) -> dict:  # pragma: no cover - abstract
        raise NotImplementedError


class TextType(Type):
    """Any written text. YAML's yes/no/on/off and numbers stay as written."""

    def __init__(self, what: str = "text", example: str = ""):
        self.what = what
        self.example = example

    def read(self, node: Node, ctx: Ctx) -> Any:
        if not isinstance(node, ScalarNode):
            hint = "write it on one line after the colon"
            if self.example:
                hint += f", e.g. {self.example}"
            return ctx.error(node, f"expected {self.what}, found {describe(node)}", hint)
        if node.tag == _NULL or not node.value.strip():
            return ctx.error(node, f"{self.what} is empty", "write it after the colon, or delete the line")
        return Text(node.value.strip(), ctx.loc(node), ctx.where())

    def schema(self) -> dict:
        return {"type": ["string", "number", "boolean"], "minLength": 1}


class IdType(TextType):
    """A pose id: lowercase words joined by hyphens."""

    PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

    def read(self, node: Node, ctx: Ctx) -> Any:
        value = super().read(node, ctx)
        if value is INVALID:
            return value
        if not re.match(self.PATTERN, value):
            suggestion = slug(value)
            return ctx.error(node, f"'{value}' is not a valid pose id",
                             f"use lowercase words joined by '-', e.g. '{suggestion}'")
        return value

    def schema(self) -> dict:
        return {"type": "string", "pattern": self.PATTERN}


class PatternType(TextType):
    """Text of a fixed shape (a colour, an e-mail address): `pattern` must match the whole of it, else the
    error says it is not `kind`, with `hint`. `tidy` may normalise what matched (e.g. lowercase)."""

    def __init__(self, what: str, example: str, pattern: str, kind: str, hint: str,
                 tidy: Callable[[str], str] | None = None, extra_schema: dict | None = None):
        super().__init__(what, example)
        self.pattern, self.kind, self.hint = pattern, kind, hint
        self.tidy, self.extra_schema = tidy, extra_schema or {}

    def read(self, node: Node, ctx: Ctx) -> Any:
        value = super().read(node, ctx)
        if value is INVALID:
            return value
        if not re.match(self.pattern, value):
            return ctx.error(node, f"'{value}' is not {self.kind}", self.hint)
        return Text(self.tidy(value), value.location, value.field) if self.tidy else value

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
    """A number greater than `above` (seconds in timing settings)."""

    def __init__(self, above: float = 0, unit: str = "", zero_ok: bool = False):
        self.above = above
        self.unit = unit
        self.zero_ok = zero_ok

    def read(self, node: Node, ctx: Ctx) -> Any:
        value = scalar_value(node) if isinstance(node, ScalarNode) else None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return ctx.error(node, f"expected a number, found {describe(node)}", f"write a number such as 10{self.unit}")
        if value < self.above or (value == self.above and not self.zero_ok):
            return ctx.error(node, f"{value} is too small",
                             f"use a number of {self.above:g} or more" if self.zero_ok else
                             f"use a number greater than {self.above:g}")
        return float(value)

    def schema(self) -> dict:
        if self.zero_ok:
            return {"type": "number", "minimum": self.above}
        return {"type": "number", "exclusiveMinimum": self.above}


class IntType(Type):
    """A whole number of at least `minimum`."""

    def __init__(self, minimum: int = 1, what: str = "a whole number"):
        self.minimum = minimum
        self.what = what

    def read(self, node: Node, ctx: Ctx) -> Any:
        value = scalar_value(node) if isinstance(node, ScalarNode) else None
        if isinstance(value, bool) or not isinstance(value, int):
            return ctx.error(node, f"expected {self.what}, found {describe(node)}",
                             f"write a whole number such as {self.minimum}")
        if value < self.minimum:
            return ctx.error(node, f"{value} is too small here", f"use {self.minimum} or more")
        return value

    def schema(self) -> dict:
        return {"type": "integer", "minimum": self.minimum}


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
            return ctx.error(node, f"expected {self.what}, found {describe(node)}", did_you_mean("", self.options))
        key = _normal(node.value)
        if key in self._normal:
            return self._normal[key]
        return ctx.error(node, f"unknown {self.what} '{node.value}'", did_you_mean(key, self.options, self.what))

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
            return ctx.error(node, f"expected a {self.what}, found {describe(node)}",
                             "write one item per line, each starting with '- '")
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

    def __init__(self, what: str, fields: dict[str, Field], make: Callable, doc: str = "",
                 unknown: Callable[[str], str | None] | None = None):
        self.what = what
        self.fields = fields
        self.make = make
        self.doc = doc
        self.unknown = unknown  # a better message for an unknown key, when it says what the user meant


    def read(self, node: Node, ctx: Ctx) -> Any:
        if not isinstance(node, MappingNode):
            return ctx.error(node, f"expected {self.what} (key: value lines), found {describe(node)}",
                             f"a {self.what} takes the keys: {', '.join(self.fields)}")
        values: dict[str, Any] = {}
        keys: dict[str, Node] = {}
        meant: set[str] = set()  # keys an unknown key was probably meant to be
        ok = True
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else None
            if key not in self.fields and self.unknown and self.unknown(str(key)):
                ctx.error(key_node, f"unknown key '{key}'", self.unknown(str(key)))
                ok = False
                continue
            if key not in self.fields:
                ctx.error(key_node, f"unknown key '{key}'" + ("" if ctx.where() else f" in {self.what}"),
                          did_you_mean(str(key), self.fields, f"keys ({', '.join(self.fields)})"))
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
            return ctx.error(node, f"expected a mapping of ids to {self.value.what}s, found {describe(node)}",
                             "write one 'id:' line per entry, with its keys indented below")
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
        return {"type": "object", "propertyNames": self.key.schema(),
                "additionalProperties": self.value.schema()}
