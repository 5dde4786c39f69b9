"""The blank lines between a sequence's steps, kept as the examples have them after steps are added, moved or
grouped: one blank line after every top-level step but the last, none between a series' steps.

ruamel.yaml keeps a blank line (and any comment) as a token after the last value written before it, which may sit
deep inside a step (the last cue, a hold's last key); a blank line before a step can also be kept on the list
itself. `gather` moves the latter onto the step before, so that every step carries the gap after it wherever it
goes; `set_gap` adds or removes a blank line after one step (a comment there is never removed).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
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


# Comments between steps stay where they are in the list when steps are moved or removed around them: a comment
# written above a step is kept (by ruamel.yaml) at the end of the step before it, after a blank line; it is
# taken from there when that step leaves, and put back before whatever step now follows.


def _parts(value: str, after_block: bool) -> tuple[str, list[str]]:
    """A tail token's text as (the end of the value's own line, the whole lines after it)."""
    if after_block:
        return "", value.splitlines(keepends=True)
    head, _, rest = value.partition("\n")
    return head + "\n", rest.splitlines(keepends=True)


def _slot(node: Any) -> tuple[Any, Any, int, bool] | None:
    where = tail(node)
    if where is None:
        return None
    container, key, slot = where
    return container, key, slot, isinstance(container[key], FoldedScalarString | LiteralScalarString)


def _write(container: Any, key: Any, slot: int, text: str, after_block: bool) -> None:
    """Keep `text` after the value at `key` (nothing when it is only the end of the value's line)."""
    entry = container.ca.items.setdefault(key, [None, None, None, None])
    entry[slot] = None if text == "" or (text == "\n" and not after_block) else _token(text)


def take_lead(node: Any) -> list[str]:
    """Remove and return the comment lines kept after `node` that stand above the next step (those after the
    last blank line); the blank line itself stays."""
    found = _slot(node)
    if found is None:
        return []
    container, key, slot, after_block = found
    entry = container.ca.items.get(key)
    token = entry[slot] if entry and len(entry) > slot else None
    if token is None:
        return []
    head, lines = _parts(token.value, after_block)
    blanks = [i for i, line in enumerate(lines) if not line.strip()]
    if not blanks or not any(line.strip() for line in lines[blanks[-1] + 1 :]):
        return []
    last = blanks[-1]
    _write(container, key, slot, head + "".join(lines[: last + 1]), after_block)
    return lines[last + 1 :]


def give_lead(steps: CommentedSeq, index: int, lead: list[str]) -> None:
    """Put comment lines above the step at `index` (at the end of the list when it has no such step)."""
    if not lead:
        return
    if index == 0 and len(steps):
        entry = steps.ca.items.setdefault(0, [None, None, None, None])
        before = "".join(t.value for t in entry[1]) if entry[1] else ""
        entry[1] = [_token(before + "".join(lead))]
        return
    if not len(steps):
        return
    found = _slot(steps[index - 1])
    if found is None:
        return
    container, key, slot, after_block = found
    entry = container.ca.items.get(key)
    token = entry[slot] if entry and len(entry) > slot else None
    head, lines = _parts(token.value if token is not None else "", after_block)
    if not head and not after_block:
        head = "\n"
    if not lines or lines[-1].strip():
        lines.append("\n")  # a blank line between the step and the comment above the next
    _write(container, key, slot, head + "".join(lines + lead), after_block)


def move_tail(source: Any, target: Any) -> None:
    """Give `target` the lines kept after `source` (its blank line and comments), as when a series is replaced
    by its steps."""
    found, there = _slot(source), _slot(target)
    if found is None or there is None:
        return
    container, key, slot, after_block = found
    entry = container.ca.items.get(key)
    token = entry[slot] if entry and len(entry) > slot else None
    if token is None:
        return
    _, lines = _parts(token.value, after_block)
    entry[slot] = None
    t_container, t_key, t_slot, t_block = there
    _write(t_container, t_key, t_slot, ("" if t_block else "\n") + "".join(lines), t_block)


@contextlib.contextmanager
def kept_tail(node: Any) -> Iterator[None]:
    """The blank lines and comments after `node` kept there while its last value changes (replaced, removed, or
    another key put after it)."""
    found = _slot(node)
    head, lines = "", None
    if found is not None:
        container, key, slot, after_block = found
        entry = container.ca.items.get(key)
        token = entry[slot] if entry and len(entry) > slot else None
        if token is not None:
            head, lines = _parts(token.value, after_block)
            entry[slot] = None
    yield
    there = _slot(node)
    if lines is None or there is None or found is None:
        return
    container, key, slot, _ = found
    t_container, t_key, t_slot, t_block = there
    same = t_container is container and t_key == key
    if head.strip() and not same and key in container:  # an end-of-line comment stays on its line
        container.ca.items.setdefault(key, [None, None, None, None])[slot] = _token(head)
    keep_head = head if head.strip() and same and not t_block else "\n"
    _write(t_container, t_key, t_slot, ("" if t_block else keep_head) + "".join(lines), t_block)
