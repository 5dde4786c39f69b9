"""Clients following a programme: the roster's `programme:` and `start:` turned into the sheets of the segment due
on the run's day (its cheat sheet and mat card, or the formats the client's `handouts:` give the programme's name),
ready to be made theirs by personal.client_jobs like their other handouts.

The sheets are in the client's language (their `language:`, else studio.yaml's), like their other handouts: the
programme is planned in it as `build --programme --language` plans it (pipeline/programmes.load_programme), with
the programme's and the sequences' translations, the library's words and the labels of that language, and the
same warnings for a translation missing, each said once for the run. The message's subject and text name the
programme and the segment by their translated titles.

The week due is counted from the client's start day: week = (day - start) // 7 + 1, `day` being the run's date
(`--date`, else SOURCE_DATE_EPOCH's, else today: loading.default_date). Before the start or after the last week
there is nothing from the programme; a line of the run's output says so, as a warning at the client's entry. An
unknown programme is a located error with the closest name; a programme with errors reports them as `check` does.
"""

from __future__ import annotations

import datetime

from handouts.clients.personal import Due, ProgrammeSheet
from handouts.core.errors import Collector, Problem
from handouts.core.model import Client, ClientHandout, Text
from handouts.layouts.guidebook_words import weeks_label
from handouts.pipeline.guidebook import segment_plan, weeks_name
from handouts.pipeline.loading import Loaded
from handouts.plan.programme import PlannedProgramme, PlannedSegment
from handouts.reading.fields import did_you_mean
from handouts.reading.labels import Labels
from handouts.reading.workspace import Workspace

DEFAULT_FORMATS = ("cheatsheet", "matcard")  # a client's programme sheets when `handouts:` names no format for it


def week_due(start: datetime.date, day: datetime.date) -> int:
    """The programme week `day` falls in for a client starting on `start`: 1 for the first seven days, 0 or less
    before the start."""
    return (day - start).days // 7 + 1


def segment_due(programme: PlannedProgramme, week: int) -> PlannedSegment | None:
    """The segment practised in `week`, or None (before week 1, after the last week)."""
    return next((ps for ps in programme.segments if ps.segment.first <= week <= ps.segment.last), None)


def segment_called(ps: PlannedSegment, words: Labels) -> str:
    """'Weeks 4-6: Lengthening' (the weeks in `words`' language, the title as the programme planned in that
    language gives it: its translation's, else as written)."""
    weeks = weeks_label(ps.segment.first, ps.segment.last, words)
    return f"{weeks}: {ps.segment.title}" if ps.segment.title else weeks


def formats_of(client: Client) -> tuple[str, ...]:
    """The formats of the client's programme sheets: those their `handouts:` give the programme's name."""
    named = [h.format for h in client.handouts if str(h.sequence) == str(client.programme)]
    return tuple(dict.fromkeys(named)) or DEFAULT_FORMATS


def programme_sheets(
    workspace: Workspace,
    loaded: Loaded,
    clients: tuple[Client, ...],
    day: datetime.date,
    problems: Collector,
) -> dict[str, list[ProgrammeSheet]]:
    """Each client's sheets of the segment due on `day`, by client slug, in the client's language; problems (an
    unknown programme, a programme's own errors, the translations it lacks in a client's language) and the run's
    notes (nothing due) go to `problems`, each once however many clients share it."""
    from handouts.pipeline.programmes import load_programme

    known = {path.stem: path for path in workspace.all_programmes()}
    planned: dict[tuple[str, str | None], PlannedProgramme | None] = {}  # by slug and language (None: its own)
    said: set[Problem] = set()

    def programme_in(slug: str, code: str | None) -> PlannedProgramme | None:
        """The programme planned in `code` (None: its own language), as a guidebook build in that language plans
        it (pipeline/programmes.load_programme); its problems said once."""
        if (slug, code) not in planned:
            programme, found = load_programme(workspace, known[slug], loaded, code)
            problems.extend(p for p in dict.fromkeys(found) if p not in said)
            said.update(found)
            planned[slug, code] = programme
        return planned[slug, code]

    found: dict[str, list[ProgrammeSheet]] = {}
    for client in clients:
        if client.programme is None or client.start is None:
            continue
        slug = str(client.programme).removesuffix(".yaml")
        if slug not in known:
            problems.error(
                client.programme.location,
                f"programme: no programme '{slug}' in programmes/",
                did_you_mean(slug, known, "programmes in programmes/")
                if known
                else "programmes/ has no programme yet: see docs/programmes.md",
            )
            continue
        own = programme_in(slug, None)  # its weeks, and the run's notes in the teacher's words
        if own is None:
            continue
        code = str(client.language or loaded.studio.language).strip().lower()
        words = loaded.languages.get(code)
        if words is None:
            continue  # personal.client_jobs says so, at the client's `language:`
        start = datetime.date.fromisoformat(str(client.start))
        week = week_due(start, day)
        title = str(own.programme.title)
        if segment_due(own, week) is None:
            last = own.programme.weeks
            problems.warn(
                client.start.location,
                f"{client.name}: nothing from {title} on {day.isoformat()}: "
                + (
                    f"it starts on {start.isoformat()}"
                    if week < 1
                    else f"its {last} weeks ended on {(start + datetime.timedelta(weeks=last, days=-1)).isoformat()}"
                ),
                "their sheets come with the run on or after the start day"
                if week < 1
                else "take 'programme:' and 'start:' off their entry, or give a new start day to begin again",
            )
            continue
        own_code = str(own.programme.language or loaded.studio.language).strip().lower()
        programme = own if code == own_code else programme_in(slug, code)
        if programme is None:
            continue  # its translation into the client's language has errors: said
        ps = segment_due(programme, week)
        assert ps is not None  # the same weeks in every language
        library, _ = loaded.library.translated(code)  # its problems: said by load_programme
        studio = (
            loaded.studio
            if code == str(loaded.studio.language).strip().lower()
            else loaded.studios.get(code, loaded.studio)
        )
        plan = segment_plan(programme, ps, words)
        name = f"{slug}-{weeks_name(ps)}"
        every = tuple(s.plan for s in programme.segments)  # what the roster's steps may name
        due = Due(
            slug,
            str(programme.programme.title),
            segment_called(ps, words),
            ps.segment.weeks,
            week,
            programme.programme.weeks,
        )
        for fmt in formats_of(client):
            handout = ClientHandout(client.programme.location, Text(name, client.programme.location), fmt)
            found.setdefault(client.slug, []).append(ProgrammeSheet(handout, plan, library, studio, due, every))
    return found


__all__ = ["DEFAULT_FORMATS", "formats_of", "programme_sheets", "segment_called", "segment_due", "week_due"]
