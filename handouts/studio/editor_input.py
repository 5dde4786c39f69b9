"""What the sequence editor's requests may carry, checked before anything is opened or written: plain text fields
of bounded length (no uploads), an action and field names from fixed lists, a step's place as numbers, a digest as
64 hex digits. Also the hold check as you type: the checker's own reading of a hold (reading/holds.py), with its
messages.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import yaml
from ruamel.yaml.scalarstring import LiteralScalarString

from handouts.core import limits
from handouts.core.errors import Collector
from handouts.reading.fields import Ctx
from handouts.reading.holds import HoldType
from handouts.reading.schema import SEQUENCE_SIDES, STEP_SIDES
from handouts.reading.yamlload import ScalarNode

FIELDS_MOST = 40  # fields in one request (the sequence's form has 10)
VALUE_CHARS = 20 * limits.TEXT_CHARS  # a list of cues is sent as one text: room for several long ones
_PATH = re.compile(r"^\d{1,3}(\.\d{1,3})?$")
_DIGEST = re.compile(r"^[0-9a-f]{64}$")

ACTIONS = ("fields", "step", "add", "own", "remove", "move", "group", "ungroup", "repeat", "undo", "reload")
SEQUENCE_FIELDS = ("title", "subtitle", "level", "duration", "position", "sides", "props", "intro", "cautions")
STEP_FIELDS = ("name", "side", "hold", "breath", "cues", "cautions", "easier", "deeper", "note", "transition", "image")
SERIES_FIELDS = ("series", "side", "note", "transition")
REPEAT_FIELDS = ("hold", "breath", "note", "transition")
LIST_FIELDS = ("cues", "cautions")  # always a list, one line each
VARIATION_FIELDS = ("easier", "deeper")  # one line: a text; more: a list
WORD_LISTS = ("props",)  # comma-separated
PARAGRAPHS = ("intro", "note", "transition")  # a paragraph's line breaks joined (the page wraps them), blank lines kept
STEP_SIDE_CHOICES = ("", *STEP_SIDES)  # "": the pose's own
SERIES_SIDE_CHOICES = ("", *(s for s in STEP_SIDES if s != "alternate"))
SEQUENCE_SIDE_CHOICES = tuple(SEQUENCE_SIDES)


class BadRequest(Exception):
    """A request the editor's page would never send: said in plain words, answered with 400."""


def plain(form: Mapping[str, Any]) -> dict[str, str]:
    """The form's fields as text, each at most VALUE_CHARS; an upload or a repeated field is refused."""
    items = list(form.multi_items()) if hasattr(form, "multi_items") else list(form.items())
    if len(items) > FIELDS_MOST:
        raise BadRequest("Too many fields in one change.")
    out: dict[str, str] = {}
    for name, value in items:
        if not isinstance(value, str):
            raise BadRequest("The editor takes no files here.")
        if name in out:
            raise BadRequest(f"The field {name!r} came twice.")
        if len(value) > VALUE_CHARS or len(name) > 40:
            raise BadRequest("That text is far too long for one field.")
        out[name] = value
    return out


def choice(fields: Mapping[str, str], name: str, allowed: tuple[str, ...]) -> str:
    value = fields.get(name, "")
    if value not in allowed:
        raise BadRequest(f"Unknown {name}.")
    return value


def digest(fields: Mapping[str, str]) -> str:
    value = fields.get("digest", "")
    if not _DIGEST.match(value):
        raise BadRequest("This page does not say which version of the file it shows: reload it.")
    return value


def step_path(fields: Mapping[str, str], name: str = "path") -> tuple[int, ...]:
    """A step's place as the page writes it: "3" (the 4th entry of steps:) or "4.1" (the 2nd step of the 5th)."""
    value = fields.get(name, "")
    if not _PATH.match(value):
        raise BadRequest("Which step? The page sent no step's place.")
    return tuple(int(part) for part in value.split("."))


def number(fields: Mapping[str, str], name: str, least: int = 0, most: int = limits.STEPS) -> int:
    value = fields.get(name, "")
    if not value.isdigit() or not least <= int(value) <= most:
        raise BadRequest(f"Expected a number for {name}.")
    return int(value)


def lines(text: str) -> list[str]:
    """A text box's lines, each trimmed, empty ones left out."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def words(text: str) -> list[str]:
    """A comma-separated list ("strap, block"), each trimmed, empty ones left out."""
    return [word.strip() for word in text.replace("\n", ",").split(",") if word.strip()]


def value_of(key: str, text: str) -> Any:
    """The value to write for a field as typed in the page: None (the key removed) when empty."""
    if key in LIST_FIELDS:
        return lines(text) or None
    if key in VARIATION_FIELDS:
        found = lines(text)
        return (found[0] if len(found) == 1 else found) or None
    if key in WORD_LISTS:
        return words(text) or None
    if key in PARAGRAPHS:
        return paragraphs(text) or None
    if key == "breath":
        return " ".join(text.split()) or None
    return text.strip() or None


def paragraphs(text: str) -> str:
    """A text's paragraphs (parted by a blank line), each on one line, with one blank line between them."""
    parts = re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    return "\n\n".join(" ".join(part.split()) for part in parts if part.strip())


def shown_value(value: Any, key: str = "") -> str:
    """A field's value as the page's box shows it: a list one item a line, a text as it reads (the paragraphs of
    an introduction, a note or a transition parted by a blank line)."""
    if value is None:
        return ""
    if key in PARAGRAPHS and isinstance(value, str):
        if isinstance(value, LiteralScalarString):  # `|`: a blank line parts paragraphs, the other breaks wrap
            return paragraphs(value)
        # `>` or plain: YAML has joined the wrapped lines, and each remaining line break parts two paragraphs
        return "\n\n".join(" ".join(line.split()) for line in value.split("\n") if line.strip())
    if isinstance(value, list):
        return "\n".join(" ".join(str(item).split()) for item in value)  # an item on one line, whatever its YAML
    if isinstance(value, dict):
        return "; ".join(f"{name}: {shown_value(item)}" for name, item in value.items())
    return " ".join(str(value).split()) if "\n" in str(value) else str(value)


def hold_problem(text: str) -> tuple[str, str] | None:
    """What `handouts check` would say of `text` written as a step's hold (message, hint), None when it reads.
    Read as the saved file will hold it: a text (the editor quotes a hold that YAML would read as a number)."""
    mark = yaml.Mark("hold", 0, 0, 0, "", 0)
    node = ScalarNode("tag:yaml.org,2002:str", text.strip(), mark, mark)
    problems = Collector()
    HoldType().read(node, Ctx(file="hold", problems=problems, path=["hold"]))
    if not problems.problems:
        return None
    first = problems.problems[0]
    return first.message, first.hint
