"""The programme file (programmes/*.yaml): its keys, read into core/programme.py's Programme with every problem
located and collected, and its JSON Schema.

Checked here, from the file alone: every key and value (holds as a sequence's, poses of added or replacing
steps against the library), the weeks of each segment (in order, no overlap, no week left out from week 1 on),
each change's kind (with "did you mean") and its details. Whether the sequences and the steps the changes name
exist is checked when the programme is planned (plan/programme.py), against the workspace's sequences.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

from handouts.core.errors import Collector, Location
from handouts.core.model import Text
from handouts.core.programme import PREVIOUS, Change, ChangeKind, Programme, Segment
from handouts.reading.fields import (
    INVALID,
    Ctx,
    Field,
    ListType,
    RecordType,
    TextType,
    Type,
    describe,
    did_you_mean,
    line_text,
    quoted,
    scalar_value,
)
from handouts.reading.holds import HoldType
from handouts.reading.schema import LINES, NAME, TEXT, TITLE, _make_step, _step_fields
from handouts.reading.yamlload import MappingNode, Node, ScalarNode, SequenceNode

WEEKS_MOST = 104  # two years of weekly practice: far beyond any programme, small enough to print

# the keys left out of a problem's field name: "hold: ..." reads as in a sequence, not "segments.changes.hold.to"
CONTAINERS = ("steps", "poses", "segments", "changes", "to", "add", "replace")

STEP_REF = TextType("a step", "3")  # as client rosters name steps: "3", "5b" or a pose id


class WeeksType(Type):
    """`weeks: 1-3` (a span) or `weeks: 4` (one week): read as (first, last)."""

    PATTERN = re.compile(r"^\s*(\d{1,4})\s*(?:-|\u2013|to)\s*(\d{1,4})\s*$")

    def read(self, node: Node, ctx: Ctx) -> Any:
        hint = "write one week such as 4, or the first and last week joined by '-', such as 1-3"
        if not isinstance(node, ScalarNode):
            return ctx.error(node, f"expected a week or weeks such as 1-3, found {describe(node)}", hint)
        value = scalar_value(node)
        if isinstance(value, int) and not isinstance(value, bool):
            first = last = value
        elif (match := self.PATTERN.match(str(node.value))) is not None:
            first, last = int(match.group(1)), int(match.group(2))
        else:
            return ctx.error(node, f"{quoted(node.value)} is not a week or a span of weeks", hint)
        if first < 1:
            return ctx.error(node, f"week {first} does not exist: weeks count from 1", "start the programme at week 1")
        if last < first:
            return ctx.error(node, f"weeks {first}-{last} run backwards", f"write the first week first: {last}-{first}")
        if last > WEEKS_MOST:
            return ctx.error(
                node,
                f"week {last} is too far: a programme runs at most {WEEKS_MOST} weeks",
                "split it into programmes of a few months each",
            )
        return (first, last)

    def schema(self) -> dict:
        return {
            "anyOf": [
                {"type": "integer", "minimum": 1, "maximum": WEEKS_MOST},
                {"type": "string", "pattern": r"^\s*\d{1,4}\s*(-|\u2013|to)\s*\d{1,4}\s*$"},
            ]
        }


def _change(kind: ChangeKind, **fields) -> Any:
    return lambda values, keys, node, ctx: Change(kind, ctx.loc(node), **_fields_of(values, **fields))


def _fields_of(values: dict, **names: str) -> dict:
    """The read values under their Change field names: _fields_of(values, step='step', hold='to')."""
    return {field: values[key] for field, key in names.items() if key in values}


def _make_added(values: dict, keys: dict, node: Node, ctx: Ctx) -> Any:
    if "after" in values and "before" in values:
        return ctx.error(
            keys["before"], "an added step goes either 'after' a step or 'before' one", "keep one of the two"
        )
    entry = _make_step({k: v for k, v in values.items() if k not in ("after", "before")}, keys, node, ctx)
    if entry is INVALID:
        return entry
    where = values.get("before", values.get("after"))
    return Change(ChangeKind.ADD, ctx.loc(node), step=where, step_entry=entry, before="before" in values)


def _make_replacing(values: dict, keys: dict, node: Node, ctx: Ctx) -> Any:
    entry = _make_step({k: v for k, v in values.items() if k != "step"}, keys, node, ctx)
    if entry is INVALID:
        return entry
    return Change(ChangeKind.REPLACE, ctx.loc(node), step=values["step"], step_entry=entry)


_STEP_FIELDS = _step_fields("required for a pose of your own")
_WHICH = Field(STEP_REF, "the step, as printed ('3', '5b') or by pose id", required=True)

ADD = RecordType(
    "step to add",
    {
        "after": Field(STEP_REF, "the step it follows, as printed ('3', '5b') or by pose id (default: at the end)"),
        "before": Field(STEP_REF, "or the step it comes before"),
        **_STEP_FIELDS,
    },
    _make_added,
    "a new step, written as in a sequence, with where it goes",
)
REPLACE = RecordType(
    "replacing step",
    {"step": _WHICH, **_STEP_FIELDS},
    _make_replacing,
    "another pose in a step's place, written as a step of a sequence",
)
HOLD_CHANGE = RecordType(
    "hold change",
    {
        "step": _WHICH,
        "to": Field(HoldType(), "the new hold: '8 breaths', '45 s', '3 x 30 s' ...", required=True),
    },
    _change(ChangeKind.HOLD, step="step", hold="to"),
    "a new hold for a step",
)
CAUTION_CHANGE = RecordType(
    "caution change",
    {"step": _WHICH, "text": Field(TEXT, "the caution's words", required=True)},
    _change(ChangeKind.CAUTION, step="step", text="text"),
    "a caution added to a step",
)


class StepChangeType(Type):
    """`remove: 3`, `easier: 5b`, `deeper: supine-twist`: a change that names only its step."""

    def __init__(self, kind: ChangeKind):
        self.kind = kind

    def read(self, node: Node, ctx: Ctx) -> Any:
        step = STEP_REF.read(node, ctx)
        return step if step is INVALID else Change(self.kind, step.location, step=step)

    def schema(self) -> dict:
        return STEP_REF.schema()


CHANGES: dict[str, Type] = {
    ChangeKind.ADD.value: ADD,
    ChangeKind.REMOVE.value: StepChangeType(ChangeKind.REMOVE),
    ChangeKind.REPLACE.value: REPLACE,
    ChangeKind.HOLD.value: HOLD_CHANGE,
    ChangeKind.EASIER.value: StepChangeType(ChangeKind.EASIER),
    ChangeKind.DEEPER.value: StepChangeType(ChangeKind.DEEPER),
    ChangeKind.CAUTION.value: CAUTION_CHANGE,
}
CHANGE_DOCS = {
    "add": "a new step: {after: 3, pose: knee-drops, hold: 10 cycles} (or 'before:'; neither: at the end)",
    "remove": "a step to leave out: 2, 5b or a pose id",
    "replace": "another pose in a step's place: {step: 7, pose: reclined-figure-four, hold: 5 breaths}",
    "hold": "a new hold: {step: supine-twist, to: 8 breaths}",
    "easier": "practise this step's easier variation: 5b or a pose id",
    "deeper": "practise this step's deeper variation: 5b or a pose id",
    "caution": "a caution added to a step: {step: 4, text: ...}",
}


class ChangeType(Type):
    """One entry of a segment's `changes:`: one key, the kind of change, with what it changes."""

    def read(self, node: Node, ctx: Ctx) -> Any:
        example = "'remove: 2' or 'hold: {step: 3, to: 8 breaths}'"
        if not isinstance(node, MappingNode) or not node.value:
            return ctx.error(node, f"expected a change such as {example}, found {describe(node)}", _KINDS_HINT)
        if len(node.value) > 1:
            return ctx.error(
                node,
                "a change does one thing: it starts with its kind and holds its details below it",
                "indent the details under the kind, e.g. 'replace: {step: 7, pose: bridge, hold: 5 breaths}'",
            )
        key_node, value_node = node.value[0]
        key = str(key_node.value) if isinstance(key_node, ScalarNode) else ""
        kind = CHANGES.get(key.strip().lower())
        if kind is None:
            return ctx.error(key_node, f"unknown change {quoted(key)}", did_you_mean(key, CHANGES, "changes"))
        if isinstance(value_node, ScalarNode) and value_node.tag == "tag:yaml.org,2002:null":
            return ctx.error(value_node, f"'{key}' is empty", f"write what it changes: {CHANGE_DOCS[key]}")
        ctx.path.append(key)
        try:
            change = kind.read(value_node, ctx)
        finally:
            ctx.path.pop()
        if change is INVALID:
            return change
        return dataclasses.replace(change, location=ctx.loc(node))  # where the change starts: its kind

    def schema(self) -> dict:
        return {
            "oneOf": [
                {
                    "type": "object",
                    "properties": {name: {**kind.schema(), "description": CHANGE_DOCS[name]}},
                    "required": [name],
                    "additionalProperties": False,
                }
                for name, kind in CHANGES.items()
            ]
        }


_KINDS_HINT = "a change is one of: " + ", ".join(CHANGES)


def _sequence_name(values: dict) -> Text:
    name = values["sequence"]
    return Text(name.removesuffix(".yaml"), name.location, name.field, name.language)


def _make_segment(values: dict, keys: dict, node: Node, ctx: Ctx) -> Any:
    first, last = values["weeks"]
    return Segment(
        location=ctx.loc(node),
        first=first,
        last=last,
        sequence=_sequence_name(values),
        title=values.get("title"),
        focus=values.get("focus"),
        changes=values.get("changes", ()),
        weeks_location=ctx.loc(keys["weeks"]),
    )


SEGMENT = RecordType(
    "segment",
    {
        "weeks": Field(
            WeeksType(), "the weeks it runs: 1-3, or one week: 4", required=True, hint="add e.g. 'weeks: 1-3'"
        ),
        "title": Field(NAME, "its heading in the guidebook, e.g. 'Foundations'"),
        "focus": Field(TEXT, "a sentence or two on what these weeks are for"),
        "sequence": Field(
            TextType("a sequence name", "low-back-release"),
            "the sequence practised (its file name in sequences/, without .yaml), or 'previous': "
            "the segment before's practice, as it ends, with its changes",
            required=True,
            hint="add e.g. 'sequence: low-back-release', or 'sequence: previous' to go on from the segment before",
        ),
        "changes": Field(
            ListType(ChangeType(), single_ok=False, what="list of changes", non_empty="list at least one change"),
            "what these weeks change in the sequence: add, remove, replace, hold, easier, deeper, caution",
        ),
    },
    _make_segment,
    "some weeks of the programme and what is practised in them",
)


class SegmentsType(ListType):
    """The `segments:` list: each segment read, and their weeks checked together (in order, no overlap, no week
    left out), and the first one not going on from a segment before, even while some segment has other errors."""

    def read(self, node: Node, ctx: Ctx) -> Any:
        segments = super().read(node, ctx)
        if not isinstance(node, SequenceNode) or not node.value:
            return segments
        spans: list[tuple[int, int, Location, Location]] = []  # first, last, the segment's place, its weeks'
        for item in node.value:
            keys = (
                {k.value: v for k, v in item.value if isinstance(k, ScalarNode)}
                if isinstance(item, MappingNode)
                else {}
            )
            if "weeks" in keys:
                read = WeeksType().read(keys["weeks"], Ctx(ctx.file, Collector()))
                if read is not INVALID:
                    spans.append((*read, ctx.loc(item), ctx.loc(keys["weeks"])))
        ok = _weeks_in_order(spans, ctx)
        first = node.value[0]
        if isinstance(first, MappingNode):
            for key, value in first.value:
                said = str(value.value).strip() if isinstance(value, ScalarNode) else ""
                if isinstance(key, ScalarNode) and key.value == "sequence" and said == PREVIOUS:
                    ctx.problems.error(
                        ctx.loc(value),
                        "sequence: the first segment has no segment before it to go on from",
                        "name the sequence it starts with, e.g. 'sequence: low-back-release'",
                    )
                    ok = False
        return segments if ok else INVALID


def _make_programme(values: dict, keys: dict, node: Node, ctx: Ctx) -> Any:
    segments: tuple[Segment, ...] = values["segments"]
    assert ctx.source is not None  # a programme is read from its file (pipeline/programmes.py)
    home = values.get("home_practice", ())
    return Programme(
        path=ctx.source,
        location=ctx.loc(node),
        slug=ctx.source.stem,
        title=values["title"],
        subtitle=values.get("subtitle"),
        welcome=values.get("welcome"),
        contacts=values.get("contacts", ()),
        home_practice=home,
        practice_log=values.get("practice_log"),
        segments=segments,
        language=values.get("language"),
    )


def _weeks_in_order(spans: list[tuple[int, int, Location, Location]], ctx: Ctx) -> bool:
    """Every week from 1 to the last in exactly one segment, the segments in week order. `spans`: each
    segment's first and last week, where it starts and where its weeks are written."""
    ok = True
    covered = 0  # the last week of the segments before
    for index, (first, last, _, where) in enumerate(spans):
        if index == 0 and first > 1:
            ctx.problems.error(
                where,
                f"weeks: the programme starts at week {first}, so {_span(1, first - 1)} {_have(1, first - 1)} no "
                "practice",
                "start the first segment at week 1",
            )
            ok = False
        elif index and last < spans[index - 1][0]:
            before = spans[index - 1]
            ctx.problems.error(
                where,
                f"weeks: {_span(first, last)} come after {_span(before[0], before[1])} (line {before[2].line})",
                "list the segments in the order of their weeks",
            )
            ok = False
        elif index and first <= covered:
            before = next(s for s in spans[:index] if s[1] >= first)
            ctx.problems.error(
                where,
                f"weeks: {_span(first, last)} overlap {_span(before[0], before[1])} (line {before[2].line})",
                f"start this segment at week {covered + 1}, or end the one before earlier",
            )
            ok = False
        elif index and first > covered + 1:
            ctx.problems.error(
                where,
                f"weeks: {_span(covered + 1, first - 1)} {_have(covered + 1, first - 1)} no segment",
                f"start this segment at week {covered + 1}, or add a segment for "
                f"{_span(covered + 1, first - 1)} (a week off: say so in a segment's focus)",
            )
            ok = False
        covered = max(covered, last)
    return ok


def _span(first: int, last: int) -> str:
    return f"week {first}" if first == last else f"weeks {first}-{last}"


def _have(first: int, last: int) -> str:
    return "has" if first == last else "have"


PROGRAMME = RecordType(
    "programme",
    {
        "title": Field(TITLE, "the programme's title, on the guidebook's cover", required=True),
        "subtitle": Field(TITLE, "a line under the title"),
        "language": Field(
            line_text("a language code", "de"),
            "the language it is written in (default: studio.yaml's)",
        ),
        "welcome": Field(TEXT, "the welcome at the start of the guidebook (paragraphs: leave a blank line between)"),
        "contacts": Field(LINES, "how to reach you, one line each (default: studio.yaml's contact)"),
        "home_practice": Field(
            ListType(TextType(), what="list of paragraphs"), "how to set up a home practice: one paragraph each"
        ),
        "practice_log": Field(TEXT, "how to keep the practice log"),
        "segments": Field(
            SegmentsType(SEGMENT, single_ok=False, what="list of segments", non_empty="add at least one segment"),
            "the weeks of the programme in order, each with its sequence and changes",
            required=True,
            hint="add 'segments:' with e.g. '- weeks: 1-3' and 'sequence: low-back-release' below it",
        ),
    },
    _make_programme,
    "a handouts programme: weeks of practice in segments",
)


def reading_ctx(file: str, problems, source: Path, library=None, images_dir: Path | None = None) -> Ctx:
    """The context a programme file is read in: problems named as in a sequence ('hold: ...')."""
    return Ctx(file, problems, source=source, images_dir=images_dir, library=library, CONTAINERS=CONTAINERS)


def read_programme(root: Node | None, ctx: Ctx) -> Programme | Any:
    """A Programme, or INVALID after reporting every problem to ctx."""
    if root is None:
        ctx.problems.error(
            Location(ctx.file, 1, 1), "the file is empty", "start with 'title:' and 'segments:' (docs/programmes.md)"
        )
        return INVALID
    return PROGRAMME.read(root, ctx)


def json_schema(url: str) -> dict:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": url + "programme.schema.json",
        "title": "handouts programme",
        **PROGRAMME.schema(),
    }
