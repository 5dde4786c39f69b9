"""Changes to a sequence opened for editing (document.Document), made in place on its round-trip data: its own
fields, a step's fields, adding, removing and moving steps, grouping steps into a series and back, adding a repeat,
and a new sequence the shape `handouts new` writes.

A step is named by its path (`StepPath`): (3,) is the 4th entry of `steps:`, (4, 1) the 2nd step of the series
that is the 5th entry. A path that does not exist is a HandoutError with a plain message. New keys go where the
examples put them (`STEP_KEYS`, `SEQUENCE_KEYS`); new values are written as a person would (values.py); a blank
line stays between top-level steps (gaps.py). Nothing here checks what the steps mean: `save` runs the checker.
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Callable
from copy import deepcopy
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from handouts.core.errors import HandoutError, Location, Problem
from handouts.editing import following, gaps
from handouts.editing.document import Document, yaml_for
from handouts.editing.values import styled
from handouts.reading.workspace import Workspace

StepPath = tuple[int, ...]
P = ParamSpec("P")
R = TypeVar("R")

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


def whole(change: Callable[P, R]) -> Callable[P, R]:
    """A change made whole or not at all: when it fails part way, the document is as it was before. The text
    before each change that changed something is kept for `undo`, and which step numbers became which, for the
    translations (following.py)."""

    @functools.wraps(change)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        doc = args[0]
        assert isinstance(doc, Document)
        if doc.changing:  # a change made of other changes is one change
            return change(*args, **kwargs)
        before = doc.text()
        numbered = following.numbers(doc.data)
        try:
            doc.changing = True
            result = change(*args, **kwargs)
        except Exception:
            doc.restore(before)
            raise
        finally:
            doc.changing = False
        if doc.text() != before:
            doc.history.append(before)
            doc.renumbered_history.append(doc.renumbered)
            del doc.history[: -doc.UNDO], doc.renumbered_history[: -doc.UNDO]
            doc.renumbered = following.followed(doc.renumbered, numbered, following.numbers(doc.data))
        return result

    return run


def undo(doc: Document) -> bool:
    """Take back the last change (of up to `Document.UNDO`); False when there is none left to take back."""
    if not doc.history:
        return False
    doc.restore(doc.history.pop())
    doc.renumbered = doc.renumbered_history.pop()
    return True


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


def checked_key(key: Any) -> str:
    """`key`, when it is a word of lowercase letters and '_' (the checker says which ones a file takes)."""
    if not isinstance(key, str) or not re.fullmatch(r"[a-z][a-z_]{0,39}", key):
        raise HandoutError(
            Problem(Location(str(key)[:40]), "not a key handouts files use", "keys are words like 'hold' or 'note'")
        )
    return key


def put(mapping: CommentedMap, order: tuple[str, ...], key: str, value: Any) -> None:
    """Set `key` (in place when it exists, else where `order` puts it); None removes it. A key is a word of
    lowercase letters and '_' (the checker says which ones a file takes)."""
    checked_key(key)
    keys = list(mapping.keys())
    if value is None:
        if key in mapping:
            with gaps.kept_tail(mapping) if keys[-1] == key else contextlib.nullcontext():
                del mapping[key]
                mapping.ca.items.pop(key, None)
        return
    if key in mapping:
        with gaps.kept_tail(mapping) if keys[-1] == key else contextlib.nullcontext():
            mapping[key] = value
        return
    rank = order.index(key) if key in order else len(order)
    position = len(mapping)
    for at, existing in enumerate(keys):
        if (order.index(existing) if existing in order else len(order)) > rank:
            position = at
            break
    with gaps.kept_tail(mapping) if position == len(mapping) else contextlib.nullcontext():
        mapping.insert(position, key, value)


@whole
def set_field(doc: Document, key: str, value: Any) -> None:
    """Set one of the sequence's own fields (title, level, duration, sides, props, intro, cautions ...); None
    removes it."""
    if key == "steps":
        raise _refuse("the steps are changed one by one", "use the step changes")
    put(doc.data, SEQUENCE_KEYS, key, None if value is None else styled(key, value, 2))


@whole
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
        if checked_key(key) and step[key] is not None:
            out[key] = styled(key, step[key], _indent(path))
    return out


@whole
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


@whole
def remove_step(doc: Document, path: StepPath) -> None:
    """Remove a step (a whole series, with its steps, when the path names one). A comment written above the
    step after it stays above that step."""
    steps, index = _place(doc, path)
    gaps.gather(steps)
    _take_out(doc, steps, index)


def _take_out(doc: Document, steps: CommentedSeq, index: int) -> Any:
    """Remove the entry at `index` of `steps` and return it; the comments and blank line around it stay where
    they were in the list."""
    item = steps[index]
    lead = gaps.take_lead(item)
    blank = gaps.has_gap(item)
    del steps[index]
    if index == len(steps) and index > 0:  # the list's last step went: the one before ends it now
        top = steps is _steps(doc)
        gaps.set_gap(steps[index - 1], blank if not top else not _steps_last(doc))
    gaps.give_lead(steps, index, lead)
    return item


@whole
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
    _take_out(doc, steps, index)
    target, at = _place(doc, to, inserting=True)
    _insert(doc, target, at, item)


@whole
def group(doc: Document, first: StepPath, count: int, title: str) -> None:
    """Put `count` consecutive top-level steps, from `first`, into a new series named `title`, in their place.
    When the steps that say a side all say the same one, it moves up to the series (a step in a series takes the
    series' side); steps with different sides are left as they are, for `check` to point out."""
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
    series = CommentedMap()
    series["series"] = styled("series", title, 4)
    sides = {str(s["side"]) for s in chosen if "side" in s}
    if len(sides) == 1:  # the steps' side becomes the series' (a step in a series takes the series' side)
        series["side"] = deepcopy(next(s["side"] for s in chosen if "side" in s))
        for step in chosen:
            put(step, STEP_KEYS, "side", None)
    series["steps"] = CommentedSeq(chosen)
    top.insert(start, series)
    gaps.set_gap(series, blank or start < len(top) - 1)
    if start > 0:
        gaps.set_gap(top[start - 1], True)


@whole
def ungroup(doc: Document, path: StepPath) -> None:
    """Put a series' steps back at the top level, in its place, so that the practice stays the same:

    - a repeat becomes a copy of the step it repeats, with the repeat's own hold, note and transition (the step's
      own note and transition are not copied);
    - the series' `side:` goes to each of its steps (a series done on each side: so is each step now);
    - the series' note goes to its first step and its transition to its last, where they have none of their own
      (otherwise they are dropped, as are the series' title and props)."""
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
            copy = _copy(inner[target - 1], leave_out=("note", "transition"))
            for key in ("hold", "note", "transition"):
                if key in step:
                    put(copy, STEP_KEYS, key, deepcopy(step[key]))
            out.append(copy)
        else:
            out.append(step)
    if not out:
        raise _refuse(f"the series at step {index + 1} has no steps", "remove it instead")
    for step in out:
        gaps.set_gap(step, False)
        if "side" in series and "side" not in step:
            put(step, STEP_KEYS, "side", deepcopy(series["side"]))
    for key, step in (("note", out[0]), ("transition", out[-1])):
        if key in series and key not in step:
            put(step, STEP_KEYS, key, deepcopy(series[key]))
    gaps.move_tail(series, out[-1])
    del top[index]
    for offset, step in enumerate(out):
        top.insert(index + offset, step)
    for offset, step in enumerate(out):
        last = index + offset == len(top) - 1
        gaps.set_gap(step, not last or (blank and not _steps_last(doc)))


def _copy(step: CommentedMap, leave_out: tuple[str, ...] = ()) -> CommentedMap:
    """A step written out again: its values copied (never shared, which YAML would write as an alias)."""
    out = CommentedMap()
    for key, value in step.items():
        if key not in leave_out:
            out[key] = deepcopy(value)
    return out


@whole
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
    doc.history.clear()  # a new file starts with nothing to undo
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
