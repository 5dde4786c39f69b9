"""A programme planned: each segment's sequence with its changes applied and planned (a Plan, like any sequence),
and what is new or changed against the segment before, marked by step label for the guidebook's cards and listed
in words for the segment's first page.

A segment starts from its `sequence:` as written, or, with `sequence: previous`, from the segment before as it
ends (its changes made, its variations chosen). Every change names a step as it is printed in that starting
point ("3", "5b", a pose id; a series' number for a whole series in `add`'s 'after'/'before' and in `remove`), the
way client rosters name steps (planner.names_step); all of a segment's changes are made together. A step that
does not exist, one named twice over (removed and changed, two holds), a variation a step does not have, or a
segment left with no step are located errors, all gathered before plan_programme raises.

Marks and news compare each segment with the one before, step by step: a step is the same step when it has the
same pose (by pose id, or by name for a pose of one's own), matched in order; without one before it is NEW, and
with another hold, variation or an added caution it is CHANGED. The news lines are in the labels' language.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Mapping
from dataclasses import dataclass

from handouts.core import limits
from handouts.core.errors import Collector, Location
from handouts.core.model import Hold, Repeat, Sequence, Series, Step, Text
from handouts.core.programme import PREVIOUS, Change, ChangeKind, Programme, Segment
from handouts.plan.planner import Plan, PlannedSeries, PlannedStep, make_plan, names_step, with_choices
from handouts.reading.fields import did_you_mean
from handouts.reading.labels import Labels, english
from handouts.reading.library import Library


class Mark(enum.Enum):
    """How a step differs from the segment before (none: the same)."""

    NEW = "new"  # not in the segment before
    CHANGED = "changed"  # in it, with another hold, variation or an added caution


@dataclass(frozen=True)
class PlannedSegment:
    segment: Segment
    plan: Plan
    marks: dict[str, Mark]  # step label as printed ("3", "5b") -> its mark; absent: unchanged
    news: tuple[str, ...]  # "what is new this segment", one line each, in the programme's language: the new and
    # changed steps in their order, then one line per step left out ("No longer in the practice: ...")
    removed: tuple[str, ...] = ()  # the names of the steps the segment before had and this one has not


@dataclass(frozen=True)
class PlannedProgramme:
    programme: Programme
    segments: tuple[PlannedSegment, ...]


@dataclass(frozen=True)
class _Practice:
    """What a segment practises before (or after) its changes: the sequence, the variations chosen (by where
    the step is written), and what to call it in a message."""

    sequence: Sequence
    chosen: dict[Location, str]
    called: str


def plan_programme(
    programme: Programme, sequences: Mapping[str, Sequence], library: Library, words: Labels | None = None
) -> PlannedProgramme:
    """Each segment's practice planned, with its marks and news against the segment before (in `words`' language,
    English by default). `sequences`: the workspace's sequences by slug. Raises HandoutError with every problem."""
    words = words or english()
    problems = Collector()
    planned: list[PlannedSegment] = []
    practice: _Practice | None = None  # the segment before's, as it ends
    before: Plan | None = None
    for segment in programme.segments:
        start = _start(segment, sequences, practice, problems)
        practice = _changed(segment, start, library, problems) if start is not None else None
        if practice is None:
            before = None
            continue
        plan = make_plan(practice.sequence, library)
        if practice.chosen:
            plan = with_choices(plan, practice.chosen)
        marks, news, removed = compare(before, plan, words) if before is not None else ({}, (), ())
        planned.append(PlannedSegment(segment, plan, marks, news, removed))
        before = plan
    problems.raise_if_errors()
    return PlannedProgramme(programme, tuple(planned))


def _start(
    segment: Segment, sequences: Mapping[str, Sequence], practice: _Practice | None, problems: Collector
) -> _Practice | None:
    name = str(segment.sequence)
    if name == PREVIOUS:
        if practice is None:  # the segment before has errors of its own (or there is none: the reader says so)
            return None
        return dataclasses.replace(practice, called=f"the practice of {practice.called}")
    sequence = sequences.get(name)
    if sequence is None:
        problems.error(
            segment.sequence.location,
            f"sequence: no sequence '{name}' in sequences/",
            did_you_mean(name, sequences, "sequences in sequences/")
            if sequences
            else "sequences/ has no sequence without errors yet",
        )
        return None
    return _Practice(sequence, {}, name)


def _changed(segment: Segment, start: _Practice, library: Library, problems: Collector) -> _Practice | None:
    """The practice with the segment's changes made, or None after reporting why they cannot be."""
    ended = _weeks_called(segment)
    if not segment.changes:
        return dataclasses.replace(start, called=ended)
    base = make_plan(start.sequence, library)
    found = Collector()
    targets: list[tuple[Change, PlannedStep | PlannedSeries | None]] = []
    for change in segment.changes:
        target = _named(change, base, start.called, found) if change.step is not None else None
        if change.step is None or target is not None:
            targets.append((change, target))
    _check(targets, found)
    problems.extend(found.problems)
    if found.errors:
        return None
    sequence = _edited(start.sequence, targets)
    count = sum(len(item.steps) if isinstance(item, Series) else 1 for item in sequence.steps)
    where = segment.weeks_location or segment.location
    if not any(isinstance(item, Step) or item.steps for item in sequence.steps):
        problems.error(
            where,
            f"{_weeks_called(segment)}: no step is left after the changes",
            "remove fewer steps, or add one",
        )
        return None
    if count > limits.STEPS:
        problems.error(
            where,
            f"{_weeks_called(segment)}: the changes make {count} steps; a practice may have at most {limits.STEPS}",
            "remove some steps, or split the practice over two programmes",
        )
        return None
    gone = {t.location for c, t in targets if t is not None and c.kind in (ChangeKind.REMOVE, ChangeKind.REPLACE)}
    chosen = {where: kind for where, kind in start.chosen.items() if where not in gone}
    for change, target in targets:
        if change.kind in (ChangeKind.EASIER, ChangeKind.DEEPER) and target is not None:
            chosen[target.location] = change.kind.value
    return _Practice(sequence, chosen, ended)


def _weeks_called(segment: Segment) -> str:
    return f"week {segment.first}" if segment.first == segment.last else f"weeks {segment.first}-{segment.last}"


def _named(change: Change, plan: Plan, called: str, problems: Collector) -> PlannedStep | PlannedSeries | None:
    """The step (or, for add and remove, the series) a change names, or None after reporting why not."""
    assert change.step is not None
    ref = str(change.step).strip()
    kind = change.kind.value
    matched = [s for s in plan.steps if names_step(ref, s)]
    if len(matched) == 1:
        return matched[0]
    series = [item for item in plan.items if isinstance(item, PlannedSeries) and str(item.number) == ref]
    if series:
        if change.kind in (ChangeKind.ADD, ChangeKind.REMOVE):
            return series[0]
        first, last = series[0].span
        problems.error(
            change.step.location,
            f"{kind}: step {ref} is a series ({series[0].title})",
            f"name one of its steps, {first} to {last}",
        )
        return None
    if matched:
        labels = [s.label for s in matched]
        problems.error(
            change.step.location,
            f"{kind}: '{ref}' is steps {', '.join(labels[:-1])} and {labels[-1]} in {called}",
            "name the step by its number",
        )
        return None
    labels = list(plan.labels)
    ids = sorted({s.pose_id for s in plan.steps if s.pose_id})
    close = did_you_mean(ref, labels + ids)
    listed = (
        f"its steps are {', '.join(labels)}, or a step's pose id such as {ids[0]}"
        if ids
        else (f"its steps are {', '.join(labels)}")
    )
    problems.error(
        change.step.location,
        f"{kind}: no step '{ref}' in {called}",
        f"{close} ({listed})" if close.startswith("did you mean") else listed,
    )
    return None


_ALONE = (ChangeKind.REMOVE, ChangeKind.REPLACE)  # a step removed or replaced takes no other change
_ONCE = {ChangeKind.HOLD: "hold", ChangeKind.EASIER: "variation", ChangeKind.DEEPER: "variation"}


def _check(targets: list[tuple[Change, PlannedStep | PlannedSeries | None]], problems: Collector) -> None:
    """Each step changed once over (removed or replaced: nothing else; one hold, one variation), a variation
    the step has, a step added or replacing inside a series without a side of its own."""
    seen: dict[Location, list[Change]] = {}
    for change, target in targets:
        if target is None:
            continue
        if change.kind is not ChangeKind.ADD:
            for earlier in seen.setdefault(target.location, []):
                clash = earlier.kind in _ALONE or change.kind in _ALONE
                twice = _ONCE.get(earlier.kind) is not None and _ONCE.get(earlier.kind) == _ONCE.get(change.kind)
                if clash or twice:
                    label = target.label if isinstance(target, PlannedStep) else str(target.number)
                    problems.error(
                        change.location,
                        f"{change.kind.value}: step {label} is already changed by "
                        f"'{earlier.kind.value}' on line {earlier.location.line}",
                        "keep one of the two changes"
                        if clash or change.kind is not ChangeKind.HOLD
                        else "keep one hold: the one these weeks practise",
                    )
                    break
            seen[target.location].append(change)
        if change.kind in (ChangeKind.EASIER, ChangeKind.DEEPER) and isinstance(target, PlannedStep):
            kind = change.kind.value
            if not getattr(target, kind):
                assert change.step is not None
                problems.error(
                    change.step.location,
                    f"{kind}: step {target.label} ({target.name}) has no {kind} variation",
                    f"give the step a '{kind}:' text (in its sequence, or where the programme adds it), "
                    "or take this change out",
                )
        entry = change.step_entry
        inside = isinstance(target, PlannedStep) and target.series is not None
        if isinstance(entry, Step) and entry.side is not None and inside:
            problems.error(
                entry.side_location or entry.location,
                f"{change.kind.value}: a step inside a series takes its side from the series",
                "take 'side:' out of this change",
            )


def _edited(sequence: Sequence, targets: list[tuple[Change, PlannedStep | PlannedSeries | None]]) -> Sequence:
    """The sequence with the (checked) changes made: steps removed or replaced (a repeat of a removed step goes
    too), holds and cautions changed, steps added before or after a step or series, or at the end."""
    removed: set[Location] = set()
    replaced: dict[Location, Step] = {}
    holds: dict[Location, Hold | None] = {}
    cautions: dict[Location, list[Text]] = {}
    after: dict[Location, list[Step]] = {}
    before: dict[Location, list[Step]] = {}
    end: list[Step] = []
    for change, target in targets:
        where = target.location if target is not None else None
        entry = change.step_entry
        if change.kind is ChangeKind.ADD:
            assert isinstance(entry, Step)
            if where is None:
                end.append(entry)
            else:
                (before if change.before else after).setdefault(where, []).append(entry)
        elif where is None:
            continue
        elif change.kind is ChangeKind.REMOVE:
            removed.add(where)
        elif change.kind is ChangeKind.REPLACE:
            assert isinstance(entry, Step)
            replaced[where] = entry
        elif change.kind is ChangeKind.HOLD:
            holds[where] = change.hold
        elif change.kind is ChangeKind.CAUTION:
            assert change.text is not None
            cautions.setdefault(where, []).append(change.text)

    def changed(step: Step) -> Step:
        if step.location in replaced:
            return replaced[step.location]
        if step.location in holds:
            step = dataclasses.replace(step, hold=holds[step.location])
        if step.location in cautions:
            step = dataclasses.replace(step, cautions=(*step.cautions, *cautions[step.location]))
        return step

    items: list[Step | Series] = []
    for item in sequence.steps:
        items.extend(before.get(item.location, ()))
        if isinstance(item, Series) and item.location not in removed:
            kept: list[Step | Repeat] = []
            moved: dict[int, int] = {}  # a step's position in the series -> in the one made
            for position, step in enumerate(item.steps, 1):
                if isinstance(step, Repeat):
                    if step.target in moved:
                        kept.append(dataclasses.replace(step, target=moved[step.target]))
                    continue
                kept.extend(before.get(step.location, ()))
                if step.location not in removed:
                    kept.append(changed(step))
                    moved[position] = len(kept)
                kept.extend(after.get(step.location, ()))
            if any(isinstance(s, Step) for s in kept):
                items.append(dataclasses.replace(item, steps=tuple(kept)))
        elif isinstance(item, Step) and item.location not in removed:
            items.append(changed(item))
        items.extend(after.get(item.location, ()))
    items.extend(end)
    return dataclasses.replace(sequence, steps=tuple(items))


def compare(before: Plan, now: Plan, words: Labels) -> tuple[dict[str, Mark], tuple[str, ...], tuple[str, ...]]:
    """The marks by label, the news lines and the names of the steps left out, of `now` against `before`."""
    waiting: dict[str, list[PlannedStep]] = {}
    for step in before.steps:
        if step.repeat_of is None:
            waiting.setdefault(_same(step), []).append(step)
    matched: set[int] = set()
    marks: dict[str, Mark] = {}
    news: list[str] = []
    for step in now.steps:
        if step.repeat_of is not None:
            continue
        earlier = waiting.get(_same(step))
        if not earlier:
            marks[step.label] = Mark.NEW
            news.append(words("news_new", name=step.name))
            continue
        old = earlier.pop(0)
        matched.add(id(old))
        lines = []
        if old.hold != step.hold:
            lines.append(words("news_hold", name=step.name, hold=_hold(words, step), before=_hold(words, old)))
        if old.chosen != step.chosen:
            lines.append(words(f"news_{step.chosen}" if step.chosen else "news_plain", name=step.name))
        if set(step.cautions) - set(old.cautions):
            lines.append(words("news_caution", name=step.name))
        if lines:
            marks[step.label] = Mark.CHANGED
            news.extend(lines)
    removed = tuple(s.name for s in before.steps if s.repeat_of is None and id(s) not in matched)
    news.extend(words("news_removed", name=name) for name in removed)
    return marks, tuple(news), removed


def _same(step: PlannedStep) -> str:
    """What makes a step the same step in two segments: its pose (a pose of one's own: its name)."""
    return f"pose:{step.pose_id}" if step.pose_id else f"name:{step.name}"


def _hold(words: Labels, step: PlannedStep) -> str:
    return words.hold_label(step.hold) or "-"
