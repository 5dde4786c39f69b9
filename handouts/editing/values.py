"""New values written the way a person would write them in a handouts file: plain where YAML reads them back
unchanged (by PyYAML's YAML 1.1 rules, which `check` uses, and by ruamel.yaml's), else quoted ('yes', '1.0', '#x',
'a: b'); a long text as a folded block (`>`) wrapped near `WRAP` columns; a list of short words in flow style
(`[strap, block]`), a list of sentences as a block list; a hold's mapping in flow style when short (unless it is
given as a mapping already set to block style). A text of several lines is a literal block (`|`), each line longer
than the block's room wrapped at a space (the checker and the pages read a line break inside a paragraph as a space);
a blank line between paragraphs is kept. A text with a control character, or a line break in a one-line field, is
refused.
"""

from __future__ import annotations

import re
import textwrap
from typing import Any

import yaml
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)

from handouts.core.errors import HandoutError, Location, Problem
from handouts.reading.yamlload import FORBIDDEN, char_name

WRAP = 110  # the column a folded text is wrapped before, as in the examples
LONG = 100  # a text longer than this is written as a folded block
SHORT_WORDS = 40  # a list whose items are all at most this long (props, handouts) is written [a, b]
FLOW_HOLD = 60  # a hold mapping this short or shorter is written {breaths: 5, then: ...}

# The keys whose texts may run over several lines (the reader's TEXT and TEXTS fields); every other text is one
# line. Their lists are written as block lists (one sentence a line).
SEVERAL_LINES = frozenset(
    {"intro", "note", "transition", "cues", "cautions", "easier", "deeper", "disclaimer", "notes"}
)
SENTENCES = frozenset({"cues", "cautions", "easier", "deeper", "notes", "contact"})
ROSTER_SENTENCES = frozenset({"notes"})  # a client's easier/deeper/leave_out name steps: short words

_SAFE_CHARS = re.compile(r"^[^\s].*[^\s]$|^[^\s]$", re.DOTALL)


def _refuse(what: str, message: str, hint: str) -> HandoutError:
    return HandoutError(Problem(Location(what), message, hint))


def checked_text(key: str, value: str) -> str:
    """`value` as the text of `key`, refused when it holds a control character, or a line break where one line
    is needed."""
    bad = FORBIDDEN.search(value) or re.search("[\r\t]", value)
    if bad:
        raise _refuse(key, f"the text contains {char_name(bad.group())}", "delete it (it can come with copied text)")
    if "\n" in value and key not in SEVERAL_LINES:
        raise _refuse(key, "the text has a line break, where one line is needed", "write it on one line")
    return value


def plain_ok(text: str, in_flow: bool = False) -> bool:
    """Whether `text` reads back as the same text when written without quotes (as a mapping's value, or in a
    flow list)."""
    if not text or not _SAFE_CHARS.match(text) or "\n" in text:
        return False
    try:
        if in_flow:
            return yaml.safe_load(f"[{text}]") == [text]
        return yaml.safe_load(f"k: {text}") == {"k": text}
    except yaml.YAMLError:
        return False


def quoted(text: str) -> str:
    """The text quoted: single quotes, or double quotes when it holds a single one."""
    return DoubleQuotedScalarString(text) if "'" in text else SingleQuotedScalarString(text)


def folded(text: str, indent: int) -> str:
    """A long text as a folded block whose lines end before column WRAP (the text starts at column `indent`)."""
    words = textwrap.wrap(text, width=max(40, WRAP - indent), break_long_words=False, break_on_hyphens=False)
    if " ".join(words) != text:  # double spaces or similar: a fold would change it
        return text if plain_ok(text) else quoted(text)
    block = FoldedScalarString(text + "\n")
    positions, at = [], 0
    for word_line in words[:-1]:
        at += len(word_line)
        positions.append(at)  # the space after this line's last word
        at += 1
    block.fold_pos = positions
    return block


def scalar(key: str, value: str, indent: int, in_list: bool = False, in_flow: bool = False) -> Any:
    """A text as it should be written under `key` (its block's text starting at column `indent`)."""
    value = checked_text(key, value)
    if "\n" in value:
        return LiteralScalarString(_wrapped_lines(value, indent) + "\n")
    if not in_list and len(value) > LONG and key in SEVERAL_LINES:
        return folded(value, indent)
    return value if plain_ok(value, in_flow) else quoted(value)


def _wrapped_lines(value: str, indent: int) -> str:
    """The lines of a text for a literal block: each too long for the room left of WRAP wrapped at spaces (when
    that keeps its words as they are), blank lines kept."""
    out = []
    for line in value.rstrip("\n").split("\n"):
        words = textwrap.wrap(line, width=max(40, WRAP - indent), break_long_words=False, break_on_hyphens=False)
        out.extend(words if words and " ".join(words) == line else [line])
    return "\n".join(out)


def styled(key: str, value: Any, indent: int, sentences: frozenset[str] = SENTENCES) -> Any:
    """Any value for `key` in the shape a person writes it: str, int, bool, list of str, or a mapping (a hold)."""
    if isinstance(value, bool | int | float):
        return value
    if isinstance(value, str):
        return scalar(key, value, indent)
    if isinstance(value, list | tuple):
        items: list[Any] = [str(v) if not isinstance(v, dict) else v for v in value]
        if (
            all(isinstance(v, str) for v in items)
            and key not in sentences
            and all(len(v) <= SHORT_WORDS for v in items)
        ):
            seq = CommentedSeq([scalar(key, v, indent, in_list=True, in_flow=True) for v in items])
            seq.fa.set_flow_style()
            return seq
        return CommentedSeq(
            [
                styled(key, v, indent + 2, sentences)
                if isinstance(v, dict)
                else scalar(key, v, indent + 2, in_list=True)
                for v in items
            ]
        )
    if isinstance(value, dict):
        flow = all(not isinstance(v, list | dict) for v in value.values()) and len(_flow_text(value)) <= FLOW_HOLD
        if isinstance(value, CommentedMap) and value.fa.flow_style() is False:
            flow = False  # asked for in block style, as the examples write a hold with its breath
        out = CommentedMap()
        for k, v in value.items():
            out[str(k)] = (
                scalar(str(k), v, indent + 2, in_flow=True)
                if flow and isinstance(v, str)
                else styled(str(k), v, indent + 2, sentences)
            )
        if flow:
            out.fa.set_flow_style()
        return out
    raise _refuse(key, f"a value of this kind cannot be written ({type(value).__name__})", "give a text or a number")


def _flow_text(value: dict) -> str:
    return "{" + ", ".join(f"{k}: {v}" for k, v in value.items()) + "}"
