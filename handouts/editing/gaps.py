"""The blank lines between a sequence's steps, kept as the examples have them after steps are added, moved or
grouped: one blank line after every top-level step but the last, none between a series' steps.

ruamel.yaml keeps a blank line (and any comment) as a token after the last value written before it, which may sit
deep inside a step (the last cue, a hold's last key); a blank line before a step can also be kept on the list
itself. `gather` moves the latter onto the step before, so that every step carries the gap after it wherever it
goes; `set_gap` adds or removes a blank line after one step (a comment there is never removed).
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString
from ruamel.yaml.tokens import CommentToken


def _block(node: Any) -> bool:
    return isinstance(node, CommentedMap | CommentedSeq) and not node.fa.flow_style() and len(node) > 0


def tail(node: Any) -> tuple[Any, Any, int] | None:
    """Where the text after `node` is kept: (container, key or index, slot in its comment entry)."""
    if not _block(node):
        return None
    key = list(node.keys())[-1] if isinstance(node, CommentedMap) else len(node) - 1
    value = node[key]
    if _block(value):
        deeper = tail(value)
        if deeper is not None:
            return deeper
    return node, key, 2 if isinstance(node, CommentedMap) else 0


def _token(text: str) -> CommentToken:
    return CommentToken(text, CommentMark(0), None)


def has_gap(step: Any) -> bool:
    """Whether a blank line (or a comment) follows the step."""
    where = tail(step)
    if where is None:
        return False
    container, key, slot = where
    entry = container.ca.items.get(key)
    return bool(entry and len(entry) > slot and entry[slot] is not None and "\n" in entry[slot].value)


def set_gap(step: Any, blank: bool) -> None:
    """One blank line after `step` (`blank`), or none; a comment after it stays as it is."""
    where = tail(step)
    if where is None:
        return
    container, key, slot = where
    value = container[key]
    after_block = isinstance(value, FoldedScalarString | LiteralScalarString)
    wanted = "\n" if after_block else "\n\n"
    entry = container.ca.items.get(key)
    token = entry[slot] if entry and len(entry) > slot else None
    if token is None:
        if blank:
            if entry is None:
                entry = [None, None, None, None]
                container.ca.items[key] = entry
            entry[slot] = _token(wanted)
        return
    if token.value.strip():  # a comment: leave it and the lines around it
        return
    if blank:
        token.value = wanted
    else:
        entry[slot] = None


def gather(steps: CommentedSeq) -> None:
    """Move the blank lines and comments kept before a step on the list itself onto the step before it."""
    for index in range(1, len(steps)):
        entry = steps.ca.items.get(index)
        if not entry or len(entry) < 2 or not entry[1]:
            continue
        text = "".join(token.value for token in entry[1])
        where = tail(steps[index - 1])
        if where is None:
            continue
        container, key, slot = where
        here = container.ca.items.setdefault(key, [None, None, None, None])
        before = here[slot].value if here[slot] is not None else ""
        if not before:
            before = "\n" if not isinstance(container[key], FoldedScalarString | LiteralScalarString) else ""
        here[slot] = _token(before + text)
        entry[1] = None
