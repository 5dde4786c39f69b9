"""The sequence editor's panel as the page shows it: the sequence's own fields and its steps read from the file
opened for editing, each step numbered as the booklet prints it (1, 2 ...; a series' steps 5a, 5b; a repeat "5a
again"), with the pose's name and the address of its figure from the library page; the side menu's choices in
words, with what the library's pose does when the step names no side.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from handouts.core.model import SideMode
from handouts.editing import hold_forms
from handouts.studio.editor_input import SEQUENCE_FIELDS, shown_value
from handouts.studio.library_view import LibraryView

# the side menu's choices in words (the file keeps the short words on the left); "" is worked out per step
SIDE_WORDS = {
    "none": "no sides: done once",
    "both": "both sides (the sequence's side first)",
    "right first": "both sides, right first",
    "left first": "both sides, left first",
    "right": "right side only",
    "left": "left side only",
    "alternate": "sides taking turns within the hold",
}
LIBRARY_SIDES = {
    SideMode.NONE: "done once",
    SideMode.BOTH: "both sides",
    SideMode.ONE: "one side",
    SideMode.ALTERNATE: "sides taking turns",
}


@dataclass
class Entry:
    """One entry of `steps:` (or of a series' `steps:`) as a row of the panel."""

    path: str  # "3", "4.1": its place, as the page sends it back
    label: str  # as printed: "4", "5a", "5a again"
    kind: str  # "step", "series" or "repeat"
    title: str  # the pose's name, the series' title, or what the repeat repeats
    pose: str = ""  # the library pose's id ("" for a pose of your own)
    figure: str = ""  # the address of its figure ("" when there is none)
    values: dict[str, str] = field(default_factory=dict)  # each field as its box shows it
    hold_fixed: str = ""  # a hold written as a mapping: shown, changed in the file
    first: bool = False  # first of its list: it cannot move up
    last: bool = False
    children: list[Entry] = field(default_factory=list)  # a series' steps and repeats
    targets: list[tuple[int, str]] = field(default_factory=list)  # a series: (position, label) a repeat may name
    own_side: str = ""  # the side menu's empty choice in words: what the step does when it names no side

    @property
    def up(self) -> str:
        """The place "Move up" gives it ("" when it cannot move up): the first step of a series moves out of it,
        before the series; a repeat stays in its series."""
        parts = [int(p) for p in self.path.split(".")]
        if len(parts) == 1:
            return "" if self.first else str(parts[0] - 1)
        if not self.first:
            return f"{parts[0]}.{parts[1] - 1}"
        return "" if self.kind == "repeat" else str(parts[0])

    @property
    def down(self) -> str:
        """The place "Move down" gives it: the last step of a series moves out of it, after the series."""
        parts = [int(p) for p in self.path.split(".")]
        if len(parts) == 1:
            return "" if self.last else str(parts[0] + 1)
        if not self.last:
            return f"{parts[0]}.{parts[1] + 1}"
        return "" if self.kind == "repeat" else str(parts[0] + 1)

    @property
    def dom(self) -> str:
        """The path as an id part: "4-1"."""
        return self.path.replace(".", "-")


def _text(value: Any) -> str:
    return shown_value(value)


def _hold(hold: Any, values: dict[str, str]) -> str:
    """Put the hold's amount and breath in `values` ("hold", "breath"; a `then` as "then", shown only); the hold
    as the file writes it when the page's boxes cannot show it (a mapping hold_forms cannot say as text), else ""."""
    values["hold"], values["breath"], values["then"] = _text(hold) if not isinstance(hold, dict) else "", "", ""
    if not isinstance(hold, dict):
        return ""
    amount = hold_forms.text(hold)
    if amount is None:
        return _text(hold)
    values["hold"], values["breath"], values["then"] = amount, _text(hold.get("breath")), _text(hold.get("then"))
    return ""


def _step(item: Any, path: str, label: str, view: LibraryView) -> Entry:
    pose_id = str(item.get("pose") or "")
    entry = view.entry(pose_id) if pose_id else None
    if entry is None and pose_id:
        alias = view.library.get(pose_id) if hasattr(view.library, "get") else None
        entry = view.entry(alias.id) if alias is not None else None
    name = str(item.get("name") or (entry.pose.name if entry else "") or pose_id or "a pose of your own")
    values = {key: _text(item.get(key)) for key in ("name", "side", "cues", "cautions", "easier", "deeper", "image")}
    values.update({key: shown_value(item.get(key), key) for key in ("note", "transition")})
    hold_fixed = _hold(item.get("hold"), values)
    figure = f"/library/figures/{entry.id}.svg" if entry is not None and entry.svg else ""
    if values["image"]:  # the step's own photo, from images/ (uploads.py's page finds it by its name there)
        figure = f"/pictures/{quote(values['image'])}"
    row = Entry(path, label, "step", name, str(entry.id) if entry else pose_id, figure, values, hold_fixed)
    if entry is not None:
        row.own_side = f"as the library has it: {LIBRARY_SIDES.get(entry.pose.sides, 'done once')}"
    else:
        row.own_side = "not said: done once"
    return row


def entries(data: Any, view: LibraryView) -> list[Entry]:
    """The panel's rows for the sequence in `data` (the document's CommentedMap)."""
    steps = data.get("steps") if hasattr(data, "get") else None
    if not isinstance(steps, list):
        return []
    rows: list[Entry] = []
    number = 0
    for index, item in enumerate(steps):
        if not hasattr(item, "get"):
            continue
        number += 1
        path = str(index)
        if "series" in item:
            series = Entry(path, str(number), "series", str(item.get("series") or "Series"))
            series.values = {key: shown_value(item.get(key), key) for key in ("series", "side", "note", "transition")}
            letters = iter(string.ascii_lowercase * 4)
            own: list[str] = []
            inner = item.get("steps") if isinstance(item.get("steps"), list) else []
            for position, child in enumerate(inner):
                if not hasattr(child, "get"):
                    continue
                child_path = f"{index}.{position}"
                if "repeat" in child:
                    target = child.get("repeat")
                    repeated = own[target - 1] if isinstance(target, int) and 0 < target <= len(own) else "?"
                    row = Entry(child_path, f"{repeated} again", "repeat", f"Repeat of {repeated}")
                    row.values = {key: shown_value(child.get(key), key) for key in ("note", "transition")}
                    row.hold_fixed = _hold(child.get("hold"), row.values)
                else:
                    label = f"{number}{next(letters)}"
                    own.append(label)
                    row = _step(child, child_path, label, view)
                series.children.append(row)
            series.targets = [(position, label) for position, label in enumerate(own, 1)]
            _ends(series.children)
            rows.append(series)
        else:
            rows.append(_step(item, path, str(number), view))
    _ends(rows)
    return rows


def _ends(rows: list[Entry]) -> None:
    for row in rows:
        row.first = row is rows[0]
        row.last = row is rows[-1]


def sequence_values(data: Any) -> dict[str, str]:
    """The sequence's own fields as their boxes show them."""
    get = data.get if hasattr(data, "get") else (lambda key: None)
    return {key: shown_value(get(key), key) for key in SEQUENCE_FIELDS}
