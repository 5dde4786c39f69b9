"""Clients' handouts: the roster read and checked against the workspace, one job per PDF planned, the batch run
and its PDFs written (`build --clients`, and what `mail` attaches).
"""

from __future__ import annotations

import dataclasses
import datetime
import io
from pathlib import Path
from typing import TYPE_CHECKING

from handouts.core.errors import Collector, HandoutError, Location, Problem
from handouts.core.model import texts_of
from handouts.layouts import fonts
from handouts.output.images import ImageStage
from handouts.pipeline.loading import Loaded, default_date, load_workspace
from handouts.reading.fields import did_you_mean
from handouts.reading.workspace import Workspace
from handouts.templates import text
from handouts.templates.text import is_template

PAPERS = ("a4", "letter")  # what `check` proves a build on


if TYPE_CHECKING:
    from handouts.clients.personal import ClientJob


def plan_clients(
    workspace: Workspace,
    roster: Path,
    only: list[str] | None = None,
    date: datetime.date | None = None,
    feasibility: bool = True,
) -> tuple[Loaded, list[ClientJob]]:
    """Read the workspace and the roster, and plan every client's PDFs (or only those named in `only`); with
    `feasibility`, prove that each client's cheat sheet can be laid out on either paper.

    Raises HandoutError with every problem of the workspace and the roster."""
    from handouts.clients.personal import client_jobs
    from handouts.clients.programme_sheets import programme_sheets
    from handouts.reading.roster import read_roster

    try:
        loaded = load_workspace(workspace, [], feasibility=feasibility)
    except HandoutError as exc:  # the roster's own problems in the same run
        raise HandoutError(exc.problems + roster_problems(workspace, roster)) from None
    read: list = []
    try:
        clients = read_roster(roster, workspace.shown(roster), read)
    except HandoutError as exc:  # the names in its templates too, in the same run
        raise HandoutError(list(exc.problems) + [p for p in text.check_texts(read) if p not in exc.problems]) from None
    problems = Collector()
    if only:
        by_name = {c.slug: c for c in clients} | {str(c.name).lower(): c for c in clients}
        for name in only:
            if name.lower() not in by_name and name not in by_name:
                problems.error(
                    Location(workspace.shown(roster)),
                    f"--only: no client '{name}' in the roster",
                    did_you_mean(name, [str(c.name) for c in clients], "clients"),
                )
        chosen = {by_name.get(name.lower(), by_name.get(name)) for name in only}
        clients = tuple(c for c in clients if c in chosen)
    plans = {plan.sequence.slug: plan for plan in loaded.plans}
    day = date or default_date()
    jobs = client_jobs(
        clients,
        plans,
        loaded.library,
        loaded.studio,
        loaded.languages,
        day,
        problems,
        loaded.in_language,
        programme_sheets(workspace, loaded, clients, day, problems),
    )
    if feasibility and not problems.errors:
        from handouts.pipeline.feasible import cheatsheet_problems

        for job in jobs:
            if job.format == "cheatsheet":
                found = cheatsheet_problems(job.plan, job.studio, job.words, PAPERS, 1, job.personal)
                problems.extend(at_client(job, found))
    problems.raise_if_errors()
    return dataclasses.replace(loaded, more_warnings=loaded.more_warnings + tuple(problems.warnings)), jobs


def at_client(job: ClientJob, found: list[Problem]) -> list[Problem]:
    """A programme sheet's problems (a cheat sheet taking two pages) said at the client's entry, naming the sheet:
    the sequence they point at is not what the client gets in these weeks. Other jobs' as they are."""
    if job.due is None or job.location is None:
        return list(found)
    return [dataclasses.replace(p, location=job.location, message=f"{job.path.name}: {p.message}") for p in found]


def roster_problems(workspace: Workspace, roster: Path) -> list[Problem]:
    """The roster's problems that show without planning (its structure, the sequences it names, the names in its
    templates, its glyphs): reported with the workspace's when the workspace itself has errors."""
    from handouts.reading.roster import read_roster

    read: list = []
    try:
        clients = read_roster(roster, workspace.shown(roster), read)
    except HandoutError as exc:
        return list(exc.problems) + [p for p in text.check_texts(read) if p not in exc.problems]
    found = Collector()
    try:
        known = {path.stem for path in workspace.sequences([])}
    except HandoutError:
        known = set()  # no sequences at all: said already
    programmes = {path.stem for path in workspace.all_programmes()}
    for client in clients:
        if client.programme is not None and str(client.programme) not in programmes:
            found.error(
                client.programme.location,
                f"programme: no programme '{client.programme}' in programmes/",
                did_you_mean(str(client.programme), programmes, "programmes in programmes/"),
            )
        for handout in client.handouts:
            if client.programme is not None and str(handout.sequence) == str(client.programme):
                continue  # the formats of their programme's sheets
            if known and str(handout.sequence) not in known:
                found.error(
                    handout.sequence.location,
                    f"unknown sequence '{handout.sequence}'",
                    did_you_mean(str(handout.sequence), known, "sequences in sequences/"),
                )
    texts = texts_of(list(clients))
    found.extend(fonts.check_texts(texts))
    if any(is_template(t) for t in texts):
        found.extend(text.check_texts(texts))
    return found.problems


def build_clients(
    workspace: Workspace,
    roster: Path,
    out_dir: Path,
    only: list[str] | None = None,
    date: datetime.date | None = None,
    paper: str | None = None,
    profile: str | None = None,
    grayscale: bool | None = None,
    pages: int = 1,
    progress=None,
    workers: int | None = None,
    planned=None,
) -> tuple[Loaded, list[ClientJob], list[Path]]:
    """Every client's PDFs under out_dir/clients/<client>/, made in parallel; written only if all succeed.
    `progress(total)` makes the progress bar (cli.py's, on the terminal); without it the batch is silent.
    `planned` is what `plan_clients` already gave (`mail` checks its letters first)."""
    from handouts.clients.batch import Progress, run
    from handouts.output.writer import Staging

    # a sheet that cannot be laid out is a located problem from its worker: nothing is written
    if planned is None:
        from handouts.pipeline.examined import remembered

        with remembered(out_dir / ".cache"):  # photos examined fine before are not decoded again to prove it
            planned = plan_clients(workspace, roster, only, date, feasibility=False)
    loaded, jobs = planned
    studio = loaded.studio
    if grayscale is not None:
        jobs = [dataclasses.replace(j, studio=dataclasses.replace(j.studio, grayscale=grayscale)) for j in jobs]
    images = ImageStage(
        out_dir / ".cache" / "images",
        profile=profile or "email",
        grey=studio.grayscale if grayscale is None else grayscale,
    )
    progress = progress(len(jobs)) if progress else Progress(len(jobs), stream=io.StringIO())  # silent
    staging = Staging(out_dir)
    problems = Collector()
    try:
        for job, _kind, value, warnings in run(jobs, paper or studio.paper, images, pages, workers):
            problems.extend(at_client(job, warnings))
            if isinstance(value, bytes):  # kind "ok": the PDF
                staging.add(job.path, value)
            else:  # kind "problems": why it could not be made
                problems.extend(value)
            progress.step(job.client)
        progress.close()
        images.flush()
        problems.raise_if_errors()
        written = staging.commit()
    finally:
        staging.discard()
    return dataclasses.replace(loaded, more_warnings=loaded.more_warnings + tuple(problems.warnings)), jobs, written
