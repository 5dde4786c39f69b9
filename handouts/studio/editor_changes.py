"""The sequence editor's changes, made on a document opened for editing (handouts/editing/): the sequence's own
fields, a step's fields (only the ones that differ from the file, so the rest stays byte for byte), a pose from the
library or one of your own added, a step removed or moved (named, with its new place), steps grouped into a series and taken apart, a repeat
added; a hold's amount and breath (short form, or the long one when it has a breath); what a field edit typed, to
keep in its form when the save meets a conflict. Each returns what it did in the user's words and the place of the step the panel keeps open; a request that
names no such step or pose raises BadRequest, a change the file cannot take raises HandoutError.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml.comments import CommentedMap

from handouts.core.errors import HandoutError, Location, Problem
from handouts.editing import hold_forms
from handouts.editing import sequence_edits as edits
from handouts.editing.document import Document
from handouts.studio import editor_input as given
from handouts.studio.editor_input import BadRequest
from handouts.studio.editor_view import entries
from handouts.studio.library_view import LibraryView, PoseEntry, fold, matches, sensible_hold


def change(document: Document, action: str, fields: dict[str, str], view: LibraryView) -> tuple[str, str]:
    if action == "fields":
        return _sequence_fields(document, fields), ""
    if action == "step":
        path = given.step_path(fields)
        return _step_fields(document, path, fields), dotted(path)
    if action == "add":
        return _add_pose(document, fields, view)
    if action == "own":
        return _add_own(document, fields)
    if action == "remove":
        path = given.step_path(fields)
        edits.remove_step(document, path)
        return f"step {_label(path)} removed", ""
    if action == "move":
        path, to = given.step_path(fields), given.step_path(fields, "to")
        if len(to) > 2:
            raise BadRequest("A step cannot go that deep.")
        edits.move_step(document, path, to)
        return _moved(document, to, view), ""
    if action == "group":
        first = given.number(fields, "first")
        count = given.number(fields, "count", 1)
        title = fields.get("title", "").strip() or "Series"
        edits.group(document, (first,), count, title)
        return f"series '{title}' made", dotted((first,))
    if action == "ungroup":
        path = given.step_path(fields)
        edits.ungroup(document, path)
        return "series taken apart", ""
    if action == "repeat":
        series = given.step_path(fields)
        target = given.number(fields, "target", 1)
        hold = fields.get("hold", "").strip() or None
        edits.add_repeat(document, series, target, hold)
        return "repeat added", dotted(series)
    raise BadRequest("Unknown change.")  # pragma: no cover - ACTIONS lists the ones above


def mine(document: Document, action: str, fields: dict[str, str]) -> dict | None:
    """What a field edit typed (to keep in its form if the save meets a conflict), with what the step it was made
    to is (`identity`), read from the version the page showed; None for other changes."""
    if action == "fields":
        return {"path": "fields", "values": {k: v for k, v in fields.items() if k in given.SEQUENCE_FIELDS}}
    if action != "step":
        return None
    path = given.step_path(fields)
    kept = given.SERIES_FIELDS + given.REPEAT_FIELDS + given.STEP_FIELDS
    values = {k: v for k, v in fields.items() if k in kept}
    return {"path": dotted(path), "values": values, "who": identity(document, path)}


def identity(document: Document, path: tuple[int, ...]) -> tuple | None:
    """What a step is, to tell whether the same step is still at its place in another version of the file: its
    kind with its pose and name, its series' title or what it repeats."""
    try:
        item = _item(document, path)
    except BadRequest:
        return None
    return tuple(str(item.get(key)) for key in ("pose", "name", "series", "repeat"))


def dotted(path: tuple[int, ...]) -> str:
    return ".".join(str(part) for part in path)


def _moved(document: Document, to: tuple[int, ...], view: LibraryView) -> str:
    """What a move did, named as the panel names the step and its new place: "Child's pose moved to 1"."""
    rows = entries(document.data, view)
    place = dotted(to)
    for row in rows:
        for found in (row, *row.children):
            if found.path == place:
                return f"{found.title} moved to {found.label}"
    return "a step moved"  # pragma: no cover - move_step puts the step at `to`


def _label(path: tuple[int, ...]) -> str:
    return str(path[0] + 1) if len(path) == 1 else f"{path[0] + 1}{chr(ord('a') + path[1])}"


def refusal(document: Document, problem: tuple[str, str]) -> Problem:
    return Problem(Location(document.shown), problem[0], problem[1])


def _differs(current: Any, new: Any, key: str = "") -> bool:
    return given.shown_value(current, key) != given.shown_value(new, key) or (current is None) != (new is None)


def _sequence_fields(document: Document, fields: dict[str, str]) -> str:
    changed = []
    for key in given.SEQUENCE_FIELDS:
        if key not in fields:
            continue
        if key == "sides" and fields[key] == given.shown_value(document.data.get(key)):
            continue  # as the file says it, perhaps in other words ("right side first"): left as written
        if key == "sides":
            value: Any = given.choice(fields, "sides", given.SEQUENCE_SIDE_CHOICES)
        else:
            value = given.value_of(key, fields[key])
        if key == "title" and value is None:
            raise HandoutError(refusal(document, ("title: a sequence needs a title", "write its title")))
        if _differs(document.data.get(key), value, key):
            edits.set_field(document, key, value)
            changed.append(key)
    return (", ".join(changed) + " changed") if changed else "nothing changed"


def _step_fields(document: Document, path: tuple[int, ...], fields: dict[str, str]) -> str:
    item = _item(document, path)
    allowed: tuple[str, ...]
    sides: tuple[str, ...]
    if "series" in item:
        allowed, sides = given.SERIES_FIELDS, given.SERIES_SIDE_CHOICES
    elif "repeat" in item:
        allowed, sides = given.REPEAT_FIELDS, ()
    else:
        allowed, sides = given.STEP_FIELDS, given.STEP_SIDE_CHOICES
    changed = []
    if "hold" in allowed and _hold(document, path, item, fields):
        changed.append("hold")
    for key in allowed:
        if key not in fields or key in ("hold", "breath"):
            continue
        if key == "side" and fields[key] == given.shown_value(item.get(key)):
            continue  # as the file says it, perhaps in other words ("each side"): left as written
        if key == "side":
            value: Any = given.choice(fields, "side", sides) or None
        else:
            value = given.value_of(key, fields[key])
        if key == "series" and value is None:
            value = "Series"
        if _differs(item.get(key), value, key):
            edits.set_step_field(document, path, key, value)
            changed.append(key)
    label = _label(path)
    return f"step {label}: " + (", ".join(changed) + " changed" if changed else "nothing changed")


def _hold(document: Document, path: tuple[int, ...], item: Any, fields: dict[str, str]) -> bool:
    """Write the hold's amount ("Hold") and breath ("Breath") as the page's boxes give them: the short text when
    there is no breath (nor a `then` in the file), else the mapping, in block style as the examples write it (on
    one line if the file wrote it so and it is short). A mapping the boxes cannot show (hold_forms.text says None)
    is left as it is. Whether it changed."""
    current = item.get("hold")
    is_mapping = isinstance(current, dict)
    amount = hold_forms.text(current) if is_mapping else (given.shown_value(current) if current is not None else "")
    if amount is None:
        return False
    breath_now = given.shown_value(current.get("breath")) if is_mapping else ""
    then = current.get("then") if is_mapping else None
    typed = fields.get("hold", amount).strip()
    breath = given.value_of("breath", fields.get("breath", breath_now)) or ""
    if typed == amount and breath == breath_now:
        return False
    if not typed:
        if breath:
            where = _label(path)
            raise HandoutError(refusal(document, (f"step {where}: a breath needs a hold", "write the hold too")))
        edits.set_step_field(document, path, "hold", None)
        return True
    if not breath and then is None:
        edits.set_step_field(document, path, "hold", typed)
        return True
    try:
        new = CommentedMap(hold_forms.mapping(typed))
    except ValueError as bad:
        raise HandoutError(refusal(document, (f"hold: {bad}", "write it like '10 cycles' or '5 breaths'"))) from None
    if then is not None:
        new["then"] = str(then)
    if breath:
        new["breath"] = breath
    if not (is_mapping and hasattr(current, "fa") and current.fa.flow_style()):
        new.fa.set_block_style()  # as the examples write it; a mapping the file wrote on one line stays so if short
    edits.set_step_field(document, path, "hold", new)
    return True


def _item(document: Document, path: tuple[int, ...]) -> Any:
    steps: Any = document.data.get("steps") if document.data is not None else None
    try:
        item = steps[path[0]]
        if len(path) == 2:
            item = item["steps"][path[1]]
    except (IndexError, KeyError, TypeError):
        raise BadRequest("That step is no longer in the file: reload the page.") from None
    if not hasattr(item, "get"):
        raise BadRequest("That step is not a set of keys in the file.")
    return item


def _place(document: Document, fields: dict[str, str]) -> tuple[int, ...]:
    """Where a new step goes: the end of the steps, or the end of a series (`into`: its place)."""
    steps = document.data.get("steps") if document.data is not None else None
    steps = steps if isinstance(steps, list) else []
    if fields.get("into", ""):
        series = given.step_path(fields, "into")
        if len(series) != 1 or series[0] >= len(steps) or "series" not in steps[series[0]]:
            raise BadRequest("That series is no longer in the file: reload the page.")
        return (series[0], len(steps[series[0]].get("steps") or []))
    return (len(steps),)


def _add_pose(document: Document, fields: dict[str, str], view: LibraryView) -> tuple[str, str]:
    pose_id = fields.get("pose", "")
    entry = view.entry(pose_id)
    if entry is None:
        raise BadRequest("There is no pose with that id in the library.")
    pose = str(entry.id)
    step: dict[str, Any] = {"pose": pose, "hold": sensible_hold(entry.pose, restorative(view, pose))}
    at = _place(document, fields)
    edits.add_step(document, at, step)
    return f"{entry.pose.name or entry.id} added", dotted(at)


def restorative(view: LibraryView, pose_id: str) -> bool:
    return any(f.builtin and f.path.stem == "restorative" and pose_id in f.poses for f in view.library.files)


def first_pose(view: LibraryView, typed: str) -> tuple[PoseEntry | None, str]:
    """The library pose a name typed in the new sequence's form means (any of its names, accents folded), or None
    and why not."""
    folded = fold(typed)
    if not folded:
        return None, "Name the first pose: a sequence starts with at least one step."
    exact = [entry for entry in view.entries if folded == entry.id or folded in entry.names.split(" / ")]
    if len(exact) == 1:
        return exact[0], ""
    found = exact or [entry for entry in view.entries if matches(typed, entry.names)]
    if len(found) == 1:
        return found[0], ""
    if not found:
        return None, f"No pose of the library is called '{typed.strip()}': try another of its names."
    names = ", ".join(str(entry.pose.name or entry.id) for entry in found[:5])
    more = " …" if len(found) > 5 else ""
    return None, f"{len(found)} poses have that in their names ({names}{more}): choose one of them."


def _add_own(document: Document, fields: dict[str, str]) -> tuple[str, str]:
    name = " ".join(fields.get("name", "").split())
    if not name:
        raise HandoutError(refusal(document, ("name: your own pose needs a name", "write its name")))
    step: dict[str, Any] = {"name": name}
    hold = fields.get("hold", "").strip()
    if hold:
        step["hold"] = hold
    cues = given.lines(fields.get("cues", ""))
    if cues:
        step["cues"] = cues
    at = _place(document, fields)
    edits.add_step(document, at, step)
    return f"{name} added", dotted(at)
