"""Changes to a sequence opened for editing (document.Document), made in place on its round-trip data: its own
fields, a step's fields, adding, removing and moving steps, grouping steps into a series and back, adding a repeat,
and a new sequence the shape `handouts new` writes.

A step is named by its path (`StepPath`): (3,) is the 4th entry of `steps:`, (4, 1) the 2nd step of the series
that is the 5th entry. A path that does not exist is a HandoutError with a plain message. New keys go where the
examples put them (`STEP_KEYS`, `SEQUENCE_KEYS`); new values are written as a person would (values.py); a blank
line stays between top-level steps (gaps.py). Nothing here checks what the steps mean: `save` runs the checker.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from handouts.core.errors import HandoutError, Location, Problem
from handouts.editing import gaps
from handouts.editing.document import Document, yaml_for
from handouts.editing.values import styled
from handouts.reading.workspace import Workspace

StepPath = tuple[int, ...]

STEP_KEYS = (
    "series",
    "repeat",
    "pose",
    "name",
    "sanskrit",
    "side",
    "hold",
    "props",
    "image",
    "video",
    "cues",
    "cautions",
    "easier",
    "deeper",
    "note",
    "steps",
    "transition",
)
SEQUENCE_KEYS = (
    "title",
    "subtitle",
    "instructor",
    "language",
    "level",
    "duration",
    "position",
    "sides",
    "props",
    "intro",
    "cautions",
    "steps",
)
STARTER = Path(__file__).parent.parent / "starter.yaml"


def _refuse(message: str, hint: str = "") -> HandoutError:
    return HandoutError(Problem(Location("steps"), message, hint))


def _shown(path: StepPath) -> str:
    return "step " + ".".join(str(i + 1) for i in path)


def _steps(doc: Document) -> CommentedSeq:
    steps = doc.data.get("steps") if isinstance(doc.data, CommentedMap) else None
    if not isinstance(steps, CommentedSeq):
        raise _refuse("the sequence has no list of steps", "add 'steps:' to the file")
    return steps


def _place(doc: Document, path: StepPath, inserting: bool = False) -> tuple[CommentedSeq, int]:
    """The list a path's step is in and its index there (`inserting`: the index may be the list's length)."""
    if not path or len(path) > 2:
        raise _refuse(f"there is no {_shown(path)}", "a step is named by its place, or a series' place and its own")
    steps = _steps(doc)
    if len(path) == 2:
        if not 0 <= path[0] < len(steps) or not isinstance(steps[path[0]], CommentedMap):
            raise _refuse(f"there is no step {path[0] + 1}", f"the sequence has {len(steps)} steps")
        series = steps[path[0]]
        if "series" not in series or not isinstance(series.get("steps"), CommentedSeq):
            raise _refuse(f"step {path[0] + 1} is not a series", "only a series has steps of its own")
        steps = series["steps"]
    index = path[-1]
    if not 0 <= index < len(steps) + (1 if inserting else 0):
        raise _refuse(f"there is no {_shown(path)}", f"that list has {len(steps)} steps")
    return steps, index


def _indent(path: StepPath) -> int:
    """The column a step's values start at, in the examples' indentation."""
    return 4 + 4 * (len(path) - 1) + 2


def put(mapping: CommentedMap, order: tuple[str, ...], key: str, value: Any) -> None:
    """Set `key` (in place when it exists, else where `order` puts it); None removes it."""
    if value is None:
        if key in mapping:
            last = list(mapping.keys())[-1] == key
            blank = last and gaps.has_gap(mapping)
            del mapping[key]
            mapping.ca.items.pop(key, None)
            if last and len(mapping):
                gaps.set_gap(mapping, blank)
        return
    if key in mapping:
        blank = list(mapping.keys())[-1] == key and gaps.has_gap(mapping)
        mapping[key] = value
        if blank:
            gaps.set_gap(mapping, True)
        return
    rank = order.index(key) if key in order else len(order)
    position = len(mapping)
    for at, existing in enumerate(mapping.keys()):
        if (order.index(existing) if existing in order else len(order)) > rank:
            position = at
            break
    if position == len(mapping) and len(mapping):
        blank = gaps.has_gap(mapping)
        gaps.set_gap(mapping, False)
        mapping.insert(position, key, value)
        gaps.set_gap(mapping, blank)
    else:
        mapping.insert(position, key, value)


def set_field(doc: Document, key: str, value: Any) -> None:
    """Set one of the sequence's own fields (title, level, duration, sides, props, intro, cautions ...); None
    removes it."""
    if key == "steps":
        raise _refuse("the steps are changed one by one", "use the step changes")
    put(doc.data, SEQUENCE_KEYS, key, None if value is None else styled(key, value, 2))


def set_step_field(doc: Document, path: StepPath, key: str, value: Any) -> None:
    """Set a key of a step, a series or a repeat (pose, name, side, hold, cues, note ...); None removes it."""
    steps, index = _place(doc, path)
    step = steps[index]
    if key == "steps":
        raise _refuse("a series' steps are changed one by one", "use the step changes")
    put(step, STEP_KEYS, key, None if value is None else styled(key, value, _indent(path)))


def _new_step(step: dict, path: StepPath) -> CommentedMap:
    out = CommentedMap()
    for key in sorted(step, key=lambda k: STEP_KEYS.index(k) if k in STEP_KEYS else len(STEP_KEYS)):
        if step[key] is not None:
            out[key] = styled(key, step[key], _indent(path))
    return out


def add_step(doc: Document, at: StepPath, step: dict) -> None:
    """Insert `step` (a mapping: pose, name, side, hold, cues ...) so that its path is `at`; (len,) appends."""
    steps, index = _place(doc, at, inserting=True)
    _insert(doc, steps, index, _new_step(step, at))


def _insert(doc: Document, steps: CommentedSeq, index: int, item: Any) -> None:
    top = _steps(doc)
    gaps.gather(steps)
    steps.insert(index, item)
    _regap(doc, top, steps, item)


def _regap(doc: Document, top: CommentedSeq, steps: CommentedSeq, item: Any) -> None:
    """The blank lines around `item` after it came into `steps`, as the examples have them."""
    if steps is top:
        at = next(i for i, s in enumerate(top) if s is item)
        if at > 0:
            gaps.set_gap(top[at - 1], True)
        gaps.set_gap(item, at < len(top) - 1 or not _steps_last(doc))
    else:
        at = next(i for i, s in enumerate(steps) if s is item)
        if at < len(steps) - 1:
            gaps.set_gap(item, False)
        else:  # the series' last step carries the gap after the series
            if at > 0:
                gaps.set_gap(steps[at - 1], False)
            series = next(i for i, s in enumerate(top) if isinstance(s, CommentedMap) and s.get("steps") is steps)
            gaps.set_gap(top[series], series < len(top) - 1 or not _steps_last(doc))


def _steps_last(doc: Document) -> bool:
    """Whether `steps:` is the file's last key (then nothing follows its last step)."""
    return list(doc.data.keys())[-1] == "steps"


def remove_step(doc: Document, path: StepPath) -> None:
    """Remove a step (a whole series, with its steps, when the path names one)."""
    steps, index = _place(doc, path)
    top = _steps(doc)
    gaps.gather(steps)
    item = steps[index]
    blank = gaps.has_gap(item)
    del steps[index]
    steps.ca.items.pop(index, None)
    if steps is top and index == len(top) and index > 0:  # the last one went: the one before is last now
        gaps.set_gap(top[index - 1], blank if not _steps_last(doc) else False)
    elif steps is not top and index == len(steps) and index > 0:
        gaps.set_gap(steps[index - 1], blank)


def move_step(doc: Document, path: StepPath, to: StepPath) -> None:
    """Move a step so that its path is `to` after the move: within the list it is in, into a series or out of
    one. A series moves whole, at the top level only; a repeat stays in its series."""
    steps, index = _place(doc, path)
    item = steps[index]
    if len(to) == 2 and "series" in item:
        raise _refuse("a series cannot go inside another series", "move it between top-level steps")
    if len(to) == 1 and "repeat" in item:
        raise _refuse("a repeat belongs to its series", "move it within the series, or remove it")
    gaps.gather(steps)
    blank = gaps.has_gap(item)
    del steps[index]
    steps.ca.items.pop(index, None)
    if index == len(steps) and index > 0:  # the list's last step went: the one before ends it now
        gaps.set_gap(steps[index - 1], blank)
    target, at = _place(doc, to, inserting=True)
    _insert(doc, target, at, item)


def group(doc: Document, first: StepPath, count: int, title: str) -> None:
    """Put `count` consecutive top-level steps, from `first`, into a new series named `title`, in their place."""
    top = _steps(doc)
    if len(first) != 1 or count < 1 or not 0 <= first[0] <= len(top) - count:
        raise _refuse(f"there are not {count} steps from {_shown(first)}", f"the sequence has {len(top)} steps")
    start = first[0]
    chosen = list(top[start : start + count])
    if any("series" in s or "repeat" in s for s in chosen if isinstance(s, CommentedMap)):
        raise _refuse("a series cannot go inside another series", "choose steps that are not series")
    gaps.gather(top)
    blank = gaps.has_gap(chosen[-1])
    for step in chosen:
        gaps.set_gap(step, False)
    for _ in chosen:
        del top[start]
        top.ca.items.pop(start, None)
    series = CommentedMap()
    series["series"] = styled("series", title, 4)
    series["steps"] = CommentedSeq(chosen)
    top.insert(start, series)
    gaps.set_gap(series, blank or start < len(top) - 1)
    if start > 0:
        gaps.set_gap(top[start - 1], True)


def ungroup(doc: Document, path: StepPath) -> None:
    """Put a series' steps back at the top level, in its place. Its repeats become copies of the step they repeat
    (with the repeat's own hold, note and transition where it has them), so the practice stays the same; the
    series' own keys (title, side, props, note, transition) are dropped."""
    top = _steps(doc)
    if len(path) != 1:
        raise _refuse(f"{_shown(path)} is not a series", "name a top-level series")
    _, index = _place(doc, path)
    series = top[index]
    if not isinstance(series, CommentedMap) or "series" not in series:
        raise _refuse(f"step {index + 1} is not a series", "only a series can be ungrouped")
    gaps.gather(top)
    blank = gaps.has_gap(series)
    inner = list(series["steps"])
    out = []
    for step in inner:
        if isinstance(step, CommentedMap) and "repeat" in step:
            target = step["repeat"]
            if not isinstance(target, int) or not 1 <= target <= len(inner) or "repeat" in inner[target - 1]:
                continue
            copy = _copy(inner[target - 1])
            for key in ("hold", "note", "transition"):
                if key in step:
                    copy[key] = step[key]
            out.append(copy)
        else:
            out.append(step)
    del top[index]
    top.ca.items.pop(index, None)
    for offset, step in enumerate(out):
        top.insert(index + offset, step)
    for offset, step in enumerate(out):
        last = index + offset == len(top) - 1
        gaps.set_gap(step, not last or (blank and not _steps_last(doc)))


def _copy(step: CommentedMap) -> CommentedMap:
    out = CommentedMap()
    for key, value in step.items():
        out[key] = value
    return out


def add_repeat(doc: Document, series: StepPath, target: int, hold: str | None = None) -> None:
    """Add, at the end of a series, a repeat of its step number `target` (1-based, as written in the file), with
    its own hold when given."""
    top = _steps(doc)
    if len(series) != 1:
        raise _refuse(f"{_shown(series)} is not a series", "name a top-level series")
    _, index = _place(doc, series)
    node = top[index]
    if not isinstance(node, CommentedMap) or "series" not in node:
        raise _refuse(f"step {index + 1} is not a series", "a repeat goes into a series")
    inner = node["steps"]
    if not 1 <= target <= len(inner) or "repeat" in inner[target - 1]:
        raise _refuse(f"the series has no step {target} to repeat", f"it has {len(inner)} steps")
    entry = {"repeat": target} | ({"hold": hold} if hold else {})
    add_step(doc, (index, len(inner)), entry)


def slug_for(title: str) -> str:
    """The file name `handouts new` would use for this title: lowercase words joined by '-' ('Morning stretch!'
    gives 'morning-stretch')."""
    words = re.findall(r"[a-z0-9]+", title.lower())
    return "-".join(words)[:60].strip("-") or "sequence"


def new_sequence(
    workspace: Workspace,
    slug: str,
    title: str,
    level: str = "",
    duration: str = "",
    sides: str = "right first",
    props: list[str] | tuple[str, ...] = (),
) -> Document:
    """A new sequences/<slug>.yaml, with the header comments `handouts new` writes and no steps yet: not saved
    (its digest is ""). Add at least one step before saving it: `check` needs one."""
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug):
        raise _refuse(f"'{slug}' is not a usable file name", "use lowercase words joined by '-', e.g. morning-stretch")
    path = (workspace.sequences_dir / f"{slug}.yaml").resolve()
    if path.exists():
        raise HandoutError(Problem(Location(workspace.shown(path)), "the file already exists", "choose another name"))
    header = "".join(line for line in _starter_header())
    yaml = yaml_for()
    data = yaml.load(header + "title: x\nsteps: []\n")
    data["title"] = styled("title", title, 2)
    doc = Document(workspace, path, workspace.shown(path), "", data)
    for key, value in (("level", level), ("duration", duration), ("sides", sides), ("props", list(props))):
        if value:
            set_field(doc, key, value)
    data["steps"] = CommentedSeq()
    return doc


def _starter_header() -> list[str]:
    """The comment lines at the top of what `handouts new` writes."""
    lines = STARTER.read_text(encoding="utf-8").splitlines(keepends=True)
    out = []
    for line in lines:
        if not line.startswith("#"):
            break
        out.append(line)
    return out
