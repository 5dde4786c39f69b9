"""Translations that follow their sequence's steps. A translation (`<name>.<code>.yaml`) names steps by their printed
number ('3', '5a', the series '5', the repeat '5a again', as reading/translate.py's `places`); when steps are moved,
grouped, ungrouped, added or removed in the studio, the numbers change. Each change records which number became
which (`numbers` before and after it, by the steps themselves), and `save` changes the translations' keys to match
in the same save: a step's words stay with that step, and the words of a step that is gone are removed with it. A
key that names a pose (`supine-twist:`) is left as it is.
"""

from __future__ import annotations

import string
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from handouts.editing import gaps


def numbers(data: Any) -> dict[int, tuple[Any, str]]:
    """id(entry) -> (the entry, its number as a translation names it) for every step, series and repeat."""
    steps = data.get("steps") if isinstance(data, CommentedMap) else None
    out: dict[int, tuple[Any, str]] = {}
    if not isinstance(steps, CommentedSeq):
        return out
    for number, item in enumerate(steps, 1):
        if not isinstance(item, CommentedMap):
            continue
        if "series" in item and isinstance(item.get("steps"), CommentedSeq):
            out[id(item)] = (item, str(number))
            letters = iter(string.ascii_lowercase)
            labels: list[str] = []
            for inner in item["steps"]:
                if not isinstance(inner, CommentedMap):
                    labels.append("")
                elif "repeat" in inner:
                    target = inner["repeat"]
                    label = labels[target - 1] if isinstance(target, int) and 1 <= target <= len(labels) else ""
                    labels.append(label)
                    if label:
                        out[id(inner)] = (inner, f"{label} again")
                else:
                    labels.append(f"{number}{next(letters, '?')}")
                    out[id(inner)] = (inner, labels[-1])
        else:
            out[id(item)] = (item, str(number))
    return out


def followed(so_far: dict[str, str | None], before: dict, after: dict) -> dict[str, str | None]:
    """`so_far` (each number on disk -> the number that step has now, None when it is gone) after one change
    that turned the numbers `before` into `after` (both from `numbers`)."""
    now = {
        label: after[key][1] if key in after and after[key][0] is node else None
        for key, (node, label) in before.items()
    }
    if not so_far:
        so_far = {label: label for _, label in before.values()}
    return {old: (now.get(current, current) if current is not None else None) for old, current in so_far.items()}


def renumber(translation: Any, renames: dict[str, str | None], order: list[str]) -> bool:
    """Change the keys of a translation's `steps:` (its round-trip data) as `renames` says, in the order of the
    sequence's numbers now (`order`); an entry whose step is gone is removed. Whether anything changed."""
    steps = translation.get("steps") if isinstance(translation, CommentedMap) else None
    if not isinstance(steps, CommentedMap) or not any(str(k) in renames for k in steps):
        return False
    entries: list[tuple[float, Any, Any, Any]] = []
    place = {label: at for at, label in enumerate(order)}
    last = -1.0
    for key, value in steps.items():
        label = str(key)
        target = renames.get(label, label) if label in renames else label
        if target is None:
            continue
        new_key: Any = int(target) if target.isdigit() else target
        last = float(place[target]) if target in place else last + 0.001  # a pose id stays after the entry before
        entries.append((last, new_key, value, steps.ca.items.get(key)))
    entries.sort(key=lambda entry: entry[0])
    if [(e[1], e[2]) for e in entries] == list(steps.items()):
        return False
    with gaps.kept_tail(steps):
        steps.clear()
        steps.ca.items.clear()
        for _, key, value, note in entries:
            steps[key] = value
            if note is not None:
                steps.ca.items[key] = note
    return True
