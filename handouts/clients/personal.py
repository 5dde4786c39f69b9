"""A client's own handouts: from the roster and the planned sequences to one `ClientJob` per PDF.

For each client and handout: the steps they leave out are taken out and the rest numbered again; the
variation chosen for them (easier or deeper) is the only one their card shows, marked as theirs; every
template text is filled in with their name, the date and their notes; the labels, the sequence's words (its
translation), the library's and the studio's are in their language (`in_language`, from build.Loaded), with
the mixed-language check's warnings; their notes are taken to be in their language.
Every reference is checked first (sequence names, languages, steps by number or pose id, a variation the step
really has), and all the problems of the roster are reported together.
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass
from pathlib import Path

from handouts.core.errors import Collector, HandoutError, Location, Problem
from handouts.core.model import (
    Client,
    ClientHandout,
    Personal,
    Repeat,
    Sequence,
    Series,
    Step,
    Studio,
    Text,
)
from handouts.layouts import fonts
from handouts.plan.planner import Plan, make_plan, names_step, with_choices
from handouts.reading.fields import did_you_mean
from handouts.reading.labels import Labels
from handouts.reading.library import Library
from handouts.templates.text import context, fill, has_templates


@dataclass(frozen=True)
class Due:
    """What a programme sheet is: the programme, the segment due and the week the run falls in."""

    programme: str  # the programme's slug
    title: str  # its title: 'Back Care, 12 Weeks'
    segment: str  # the segment as the message names it, in the client's language: 'Weeks 4-6: Lengthening'
    weeks: str  # the segment's weeks, as the send log keeps them: '4-6'
    week: int  # the week the run's day falls in
    of: int  # the programme's weeks


@dataclass(frozen=True)
class ClientJob:
    """One PDF for one client: everything the layout needs, and where it goes."""

    client: str  # the client's name
    slug: str  # their folder under clients/
    email: str
    path: Path  # relative to the output folder: clients/<slug>/<sequence>[-format].pdf
    format: str
    plan: Plan
    studio: Studio
    words: Labels
    personal: Personal
    location: Location | None = None  # the client's entry in the roster
    due: Due | None = None  # a programme's sheet: which programme and weeks (programme_sheets.py)


@dataclass(frozen=True)
class ProgrammeSheet:
    """A sheet of the programme segment due for a client (programme_sheets.py), before it is made theirs: the
    plan, library and studio in the client's language, and what its job carries for the message."""

    handout: ClientHandout  # its file name (the programme's and the weeks') and its format
    plan: Plan
    library: Library
    studio: Studio
    due: Due
    segments: tuple[Plan, ...] = ()  # every segment's plan: a step the roster names may be in another segment's


def output_path(client: Client, handout: ClientHandout) -> Path:
    suffix = "" if handout.format == "booklet" else f"-{handout.format}"
    return Path("clients") / client.slug / f"{handout.sequence}{suffix}.pdf"


def client_jobs(
    clients: tuple[Client, ...],
    plans: dict[str, Plan],
    library: Library,
    studio: Studio,
    languages: dict[str, Labels],
    date: datetime.date,
    problems: Collector,
    in_language=None,
    programmes: dict | None = None,
) -> list[ClientJob]:
    """Every client's PDFs, planned and filled in; problems of the roster go to `problems`. `in_language(plan,
    code)` gives a plan in a client's language (build.Loaded.in_language); without it, plans print as written.
    `programmes`: the sheets of the programme segment due for a client (ProgrammeSheets by client slug,
    from programme_sheets.py), personalised like their other handouts; a handout naming their programme is not a
    sequence's (it chooses the programme's formats)."""
    programmes = programmes or {}
    jobs = []
    seen: dict = {}  # what has templates, per sequence and for the studio
    failed: dict[Problem, list[str]] = {}  # a template's failure, and the clients it failed for (in roster order)
    for client in clients:
        code = str(client.language or studio.language).strip().lower()  # 'DE' is 'de'
        words = languages.get(code)
        if words is None:
            where = client.language.location if client.language else client.location
            problems.error(
                where,
                f"no labels in the language '{code}'",
                did_you_mean(code, languages, "languages (" + ", ".join(sorted(languages)) + ")")
                + f" (or add labels/{code}.yaml for a new language)",
            )
            continue
        problems.extend(fonts.check_texts([client.name, *client.notes]))
        fallback = words.fallback_warning(Location(f"labels/{code}.yaml"))  # None when no label is missing
        if fallback is not None:
            problems.extend([fallback])
        own = str(client.programme) if client.programme else None
        handouts = [(h, plans.get(str(h.sequence))) for h in client.handouts if str(h.sequence) != own]
        for handout, plan in handouts:
            if plan is None:
                problems.error(
                    handout.sequence.location,
                    f"unknown sequence '{handout.sequence}'",
                    did_you_mean(str(handout.sequence), plans, "sequences in sequences/"),
                )
        found = [(h, p) for h, p in handouts if p is not None]
        if len(found) < len(handouts):
            continue
        given: dict[tuple, ClientHandout] = {}
        for handout, _ in found:
            first = given.setdefault((str(handout.sequence), handout.format), handout)
            if first is not handout:
                problems.error(
                    handout.location,
                    f"{client.name} gets the {handout.format} of {handout.sequence} twice",
                    "list each sequence and format once under handouts",
                )
        sheets = programmes.get(client.slug, [])
        if not _check_steps(
            client,
            [p for _, p in found] + [plan for sheet in sheets for plan in (sheet.segments or (sheet.plan,))],
            problems,
        ):
            continue
        when = words.date(date)
        for handout, plan in found:
            library_here, studio_here = library, studio
            if in_language is not None:
                try:
                    here = in_language(plan, code)
                except HandoutError as exc:
                    problems.extend(exc.problems)
                    continue
                plan, library_here, studio_here = here.plan, here.library, here.studio
                problems.extend(list(here.warnings))
            job = _job(client, handout, plan, library_here, studio_here, words, when, problems, seen, failed)
            if job is not None:
                jobs.append(job)
        for sheet in sheets:  # planned in the client's language already (programme_sheets.py)
            job = _job(
                client, sheet.handout, sheet.plan, sheet.library, sheet.studio, words, when, problems, seen, failed
            )
            if job is not None:
                jobs.append(dataclasses.replace(job, due=sheet.due))
    problems.extend(
        [dataclasses.replace(p, message=f"{p.message} (filled in for {_some(names)})") for p, names in failed.items()]
    )
    return jobs


def _some(names: list[str]) -> str:
    """'Ann', 'Ann and Jonas', 'Ann, Jonas and 3 other clients'."""
    if len(names) <= 2:
        return " and ".join(names)
    return f"{names[0]}, {names[1]} and {len(names) - 2} other client{'s' if len(names) > 3 else ''}"


_matches = names_step  # a step as the roster names it: "3", "5b" or its pose id


def _check_steps(client: Client, plans: list[Plan], problems: Collector) -> bool:
    """Each step the client's entry names exists in one of their handouts, with the variation chosen."""
    ok = True
    steps = [s for plan in plans for s in plan.steps]
    known = sorted({s.label for s in steps if s.repeat_of is None} | {s.pose_id for s in steps if s.pose_id})
    for key in ("leave_out", "easier", "deeper"):
        for ref in getattr(client, key):
            matched = [s for s in steps if _matches(str(ref), s)]
            if not matched:
                ok = False
                problems.error(
                    ref.location,
                    f"{key}: no step '{ref}' in {client.name}'s handouts",
                    did_you_mean(str(ref), known, "step numbers and pose ids"),
                )
            elif key != "leave_out":
                for step in matched:
                    if not getattr(step, key):
                        ok = False
                        problems.error(
                            ref.location,
                            f"{key}: step {step.label} ({step.name}) has no {key} variation",
                            f"add '{key}:' to the step in the sequence, or take '{ref}' out of this list",
                        )
    both = {str(r) for r in client.easier} & {str(r) for r in client.deeper}
    for ref in client.deeper:
        if str(ref) in both:
            ok = False
            problems.error(ref.location, f"step '{ref}' is both easier and deeper", "choose one of the two")
    return ok


def _job(
    client: Client,
    handout: ClientHandout,
    plan: Plan,
    library: Library,
    studio: Studio,
    words: Labels,
    when: str,
    problems: Collector,
    seen: dict,
    failed: dict,
) -> ClientJob | None:
    out = [s for s in plan.steps if any(_matches(str(r), s) for r in client.leave_out)]
    if out:
        if len({s.location for s in out}) >= len([s for s in plan.steps if s.repeat_of is None]):
            problems.error(
                client.leave_out[0].location,
                f"{client.name} would have no step left in {handout.sequence}",
                "leave out fewer steps, or take the handout off their list",
            )
            return None
        plan = make_plan(_without(plan.sequence, {s.location for s in out}), library)
    chosen = {}
    for key in ("easier", "deeper"):
        for ref in getattr(client, key):
            for step in plan.steps:
                if _matches(str(ref), step):
                    chosen[step.location] = key
    if chosen:
        plan = with_choices(plan, chosen)
    info = {
        "name": str(client.name),
        "first_name": str(client.name).split()[0],
        "email": str(client.email),
        "language": words.code,
        "notes": [str(n) for n in client.notes],
    }
    names = context(info, when, studio, plan.sequence)
    found: list[Problem] = []
    if _templated(seen, (plan.sequence.path, words.code), plan):  # a walk through the whole plan: only where it
        plan = fill(plan, names, found)  # can change it
    if _templated(seen, ("studio", words.code), studio):
        studio = fill(studio, names, found)
    notes = tuple(fill(client.notes, names, found))
    for problem in found:  # one error for all the clients a template fails for
        named = failed.setdefault(problem, [])
        if str(client.name) not in named:
            named.append(str(client.name))
    personal = Personal(str(client.name), when, tuple(str(n) for n in notes))
    return ClientJob(
        str(client.name),
        client.slug,
        str(client.email),
        output_path(client, handout),
        handout.format,
        plan,
        studio,
        words,
        personal,
        client.location,
    )


def _templated(seen: dict, key, obj) -> bool:
    """Whether a sequence's plan (or the studio) holds any template text, asked once per batch (a plan with
    steps left out holds a subset of its sequence's texts)."""
    if key not in seen:
        seen[key] = has_templates(obj)
    return seen[key]


def _without(sequence: Sequence, gone: set) -> Sequence:
    """The sequence with the steps written at `gone` left out (a repeat of one of them too); a series left
    empty goes; repeats point at their step's new place."""
    items: list[Step | Series] = []
    for item in sequence.steps:
        if isinstance(item, Series):
            kept: list[Step | Repeat] = []
            where: dict[int, int] = {}  # a step's position in the series -> in what is kept
            for position, step in enumerate(item.steps, 1):
                if isinstance(step, Repeat):
                    if step.target in where:
                        kept.append(dataclasses.replace(step, target=where[step.target]))
                    continue
                if step.location in gone:
                    continue
                kept.append(step)
                where[position] = len(kept)
            if any(isinstance(s, Step) for s in kept):
                items.append(dataclasses.replace(item, steps=tuple(kept)))
        elif item.location not in gone:
            items.append(item)
    return dataclasses.replace(sequence, steps=tuple(items))


__all__ = ["ClientJob", "Due", "ProgrammeSheet", "Text", "client_jobs", "output_path"]
