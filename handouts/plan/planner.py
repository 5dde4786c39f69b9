"""The plan: a sequence resolved against the pose library, numbered, expanded into sides and timed.

Numbering: top-level steps 1, 2, 3 ...; the steps of a series share its number with letters (5a, 5b, 5c); a
repeat keeps the label of the step it repeats. `performances` lists every time a step is done, in the order it
is done (a series: all of it on the first side, then all of it on the other). Times are estimates from the
sequence's `timing`. Lint warnings (no hold, too many steps, estimate far from the stated duration) are collected
here; nothing here can fail on a valid model.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, replace
from typing import Any

from handouts.core.errors import Location, Problem
from handouts.core.model import (
    Hold,
    ImageRef,
    Pose,
    Repeat,
    Sequence,
    Series,
    Side,
    SideMode,
    Sides,
    Step,
    Text,
    Timing,
)
from handouts.reading.library import Library

MAX_STEPS = 20
DURATION_TOLERANCE = 0.25


@dataclass(frozen=True)
class PlannedStep:
    """One card's worth: everything a layout needs to show a step."""

    label: str
    number: int
    name: str
    location: Location
    mode: SideMode
    order: tuple[Side, ...]  # sides in the order done; () for a symmetric step
    seconds: float  # estimated, all sides, including setup
    hold: Hold | None = None
    sanskrit: str | None = None
    devanagari: str | None = None  # the Sanskrit name in Devanagari, printed under the IAST on the card
    pose_id: str | None = None
    image: ImageRef | None = None
    figure: Any = None  # figures.model.Figure, drawn when there is no image
    video: str | None = None  # a video's web address: a QR code on the card, a link in the PDF
    cues: tuple[str, ...] = ()
    cautions: tuple[str, ...] = ()
    easier: tuple[str, ...] = ()
    deeper: tuple[str, ...] = ()
    props: tuple[str, ...] = ()
    note: str | None = None
    transition: str | None = None
    repeat_of: str | None = None  # the label this step repeats ("5a"), for a repeat
    series: str | None = None  # the title of the series it belongs to
    chosen: str | None = None  # "easier" or "deeper": the variation chosen for a client


@dataclass(frozen=True)
class PlannedSeries:
    number: int
    title: str
    location: Location
    mode: SideMode
    order: tuple[Side, ...]
    steps: tuple[PlannedStep, ...]
    seconds: float
    note: str | None = None
    props: tuple[str, ...] = ()
    transition: str | None = None

    @property
    def span(self) -> tuple[str, str]:
        """First and last label of the series' own steps (repeats excluded): ('5a', '5c')."""
        own = [s.label for s in self.steps if s.repeat_of is None]
        return own[0], own[-1]


@dataclass(frozen=True)
class Performance:
    """One time a step is done: its label, and the side it is done on (None for a symmetric step)."""

    label: str
    name: str
    side: Side | None
    seconds: float
    repeat: bool = False


@dataclass(frozen=True)
class Plan:
    sequence: Sequence
    items: tuple[PlannedStep | PlannedSeries, ...]
    performances: tuple[Performance, ...]
    seconds: float
    warnings: tuple[Problem, ...]

    @property
    def steps(self) -> tuple[PlannedStep, ...]:
        """Every planned step, series flattened, in written order."""
        out: list[PlannedStep] = []
        for item in self.items:
            out.extend(item.steps if isinstance(item, PlannedSeries) else [item])
        return tuple(out)

    @property
    def labels(self) -> tuple[str, ...]:
        """The distinct numbered steps (a repeat is not a new step)."""
        return tuple(s.label for s in self.steps if s.repeat_of is None)

    @property
    def props(self) -> tuple[str, ...]:
        """The sequence's props, then any a step or series adds that is not already named among them
        ("chair" is not added after "sturdy chair without wheels")."""
        seen = list(self.sequence.props)
        for item in self.items:
            for prop in (*item.props, *(p for s in getattr(item, "steps", ()) for p in s.props)):
                words = set(prop.lower().split())
                if not any(words <= set(other.lower().split()) for other in seen):
                    seen.append(prop)
        return tuple(seen)


def hold_seconds(hold: Hold | None, timing: Timing) -> float:
    """Estimated seconds for one side of a hold."""
    if hold is None or hold.open_ended:
        return timing.open_ended
    if hold.reps is not None:
        if hold.seconds is not None:
            return hold.reps.middle * hold.seconds.middle
        if hold.breaths is not None:
            return hold.reps.middle * hold.breaths.middle * timing.breath
        return hold.reps.middle * timing.rep
    if hold.seconds is not None:
        return hold.seconds.middle
    if hold.breaths is not None:
        return hold.breaths.middle * timing.breath
    if hold.cycles is not None:
        return hold.cycles.middle * timing.cycle
    if hold.circles is not None:
        return hold.circles.middle * timing.circle * (2 if hold.each_way else 1)
    return timing.open_ended  # pragma: no cover - a Hold always has an amount


def _order(sides: Sides, default_first: Side) -> tuple[Side, ...]:
    if sides.mode in (SideMode.BOTH, SideMode.ALTERNATE):
        first = sides.first or default_first
        return (first, first.other)
    if sides.mode is SideMode.ONE:
        assert sides.first is not None  # 'right' or 'left': only a step's side is ONE, and it names the side
        return (sides.first,)
    return ()


def _dedupe(texts) -> tuple[str, ...]:
    out: list[str] = []
    for text in texts:
        if text not in out:
            out.append(text)
    return tuple(out)


class _Planner:
    def __init__(self, sequence: Sequence, library: Library):
        self.sequence = sequence
        self.library = library
        self.timing = sequence.timing
        self.warnings: list[Problem] = []

    def step(self, step: Step, label: str, number: int, sides: Sides | None, series: str | None) -> PlannedStep:
        pose: Pose | None = self.library.get(step.pose) if step.pose else None
        base = pose or Pose(id="", location=step.location)
        sides = sides or step.side or Sides(base.sides)
        order = _order(sides, self.sequence.first_side)
        if step.hold is None:
            self.warnings.append(
                Problem(
                    step.location,
                    f"step {label} has no hold",
                    "add e.g. 'hold: 5 breaths' (it is counted as 1 min)",
                    warning=True,
                )
            )
        times = 1 if sides.mode in (SideMode.NONE, SideMode.ALTERNATE) else len(order)
        seconds = times * (hold_seconds(step.hold, self.timing) + self.timing.setup)
        pick = lambda own, library: library if own is None else own  # noqa: E731
        name = step.name or base.name
        assert name is not None  # a step names its own pose or a library pose, and every library pose has a name
        video = step.video or base.video  # a step's own video overrides its pose's
        return PlannedStep(
            label=label,
            number=number,
            name=name,
            location=step.location,
            mode=sides.mode,
            order=order,
            seconds=seconds,
            hold=step.hold,
            sanskrit=step.sanskrit or base.sanskrit,
            devanagari=step.devanagari if step.sanskrit or step.devanagari else base.devanagari,
            pose_id=pose.id if pose else None,
            image=step.image or base.image,
            figure=step.figure or base.figure,
            video=video.url if video else None,
            cues=pick(step.cues, base.cues),
            cautions=_dedupe((*(base.cautions if step.library_cautions else ()), *step.cautions)),
            easier=pick(step.easier, base.easier),
            deeper=pick(step.deeper, base.deeper),
            props=pick(step.props, base.props),
            note=step.note,
            transition=step.transition,
            series=series,
        )

    def series(self, series: Series, number: int) -> PlannedSeries:
        sides = series.side or Sides(SideMode.BOTH)
        order = _order(sides, self.sequence.first_side)
        planned: list[PlannedStep] = []
        letters = iter(string.ascii_lowercase)
        for item in series.steps:
            if isinstance(item, Repeat):
                target = planned[item.target - 1]
                hold = item.hold or target.hold
                per_side = hold_seconds(hold, self.timing) + self.timing.setup
                planned.append(
                    replace(
                        target,
                        location=item.location,
                        hold=hold,
                        note=item.note,
                        transition=item.transition,
                        repeat_of=target.label,
                        seconds=per_side * max(1, len(order)),
                    )
                )
            else:
                label = f"{number}{next(letters)}"
                planned.append(self.step(item, label, number, sides, series.title))
        return PlannedSeries(
            number=number,
            title=series.title,
            location=series.location,
            mode=sides.mode,
            order=order,
            steps=tuple(planned),
            seconds=sum(s.seconds for s in planned),
            note=series.note,
            props=series.props,
            transition=series.transition,
        )

    def plan(self) -> Plan:
        items: list[PlannedStep | PlannedSeries] = []
        performances: list[Performance] = []
        for number, item in enumerate(self.sequence.steps, 1):
            if isinstance(item, Series):
                planned = self.series(item, number)
                items.append(planned)
                for side in planned.order or (None,):
                    for step in planned.steps:
                        performances.append(
                            Performance(
                                step.label,
                                step.name,
                                side,
                                step.seconds / max(1, len(planned.order)),
                                step.repeat_of is not None,
                            )
                        )
            else:
                step = self.step(item, str(number), number, None, None)
                items.append(step)
                if step.mode in (SideMode.BOTH, SideMode.ONE):
                    for side in step.order:
                        performances.append(Performance(step.label, step.name, side, step.seconds / len(step.order)))
                else:
                    performances.append(Performance(step.label, step.name, None, step.seconds))
        total = sum(p.seconds for p in performances)
        plan = Plan(self.sequence, tuple(items), tuple(performances), total, ())
        self._lint(plan)
        return replace(plan, warnings=tuple(sorted(set(self.warnings))))

    def _lint(self, plan: Plan) -> None:
        count = len(plan.labels)
        if count > MAX_STEPS:
            self.warnings.append(
                Problem(
                    self.sequence.location,
                    f"the sequence has {count} steps",
                    f"more than {MAX_STEPS} is a lot to follow from a sheet; consider splitting it in two",
                    warning=True,
                )
            )
        stated = self.sequence.duration
        if stated is not None:
            minutes = plan.seconds / 60
            if minutes < stated.low * (1 - DURATION_TOLERANCE) or minutes > stated.high * (1 + DURATION_TOLERANCE):
                said = f"{stated.low:g}" + (f"-{stated.high:g}" if stated.high != stated.low else "")
                self.warnings.append(
                    Problem(
                        stated.location,
                        f"the steps add up to about {minutes:.0f} min, but the sequence says {said} min",
                        "check the holds, change 'duration', or set 'timing:' to your pace",
                        warning=True,
                    )
                )


def make_plan(sequence: Sequence, library: Library) -> Plan:
    """Resolve, number, expand and time a valid sequence."""
    return _Planner(sequence, library).plan()


def names_step(ref: str, step: PlannedStep) -> bool:
    """Whether `ref` names `step` the way client rosters and programmes name steps: its label as printed ("3",
    "5b") or its pose id ("supine-twist"). A repeat is never named: it follows its step."""
    return step.repeat_of is None and (ref == step.label or ref == step.pose_id)


def with_choices(plan: Plan, chosen: dict[Location, str]) -> Plan:
    """The plan with the variation chosen for some steps (by where the step is written): "easier" or "deeper",
    the one its card shows."""

    def one(step: PlannedStep) -> PlannedStep:
        return replace(step, chosen=chosen[step.location]) if step.location in chosen else step

    items: list[PlannedStep | PlannedSeries] = []
    for item in plan.items:
        if isinstance(item, PlannedStep):
            items.append(one(item))
        else:
            items.append(replace(item, steps=tuple(one(s) for s in item.steps)))
    return replace(plan, items=tuple(items))


__all__ = [
    "Performance",
    "Plan",
    "PlannedSeries",
    "PlannedStep",
    "Text",
    "hold_seconds",
    "make_plan",
    "names_step",
    "with_choices",
]
