"""`handouts build`: every product of the named sequences, in each language asked for, made and then written.

Every problem of a run is gathered before anything is written; a run with an error writes nothing. A sequence
builds in its own language into build/<seq>/, and in any other language into build/<seq>/<code>/.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from handouts.core.errors import (
    Collector,
    HandoutError,
    Location,
    Problem,
)
from handouts.layouts import fonts
from handouts.layouts.styles import palette
from handouts.output.images import ImageStage, make_shared
from handouts.output.render import author_of
from handouts.output.writer import Output, publish
from handouts.pipeline.loading import (
    Loaded,
    layout_problems,
    load_workspace,
    own_language,
)
from handouts.pipeline.products import (
    begin_print_file,
    booklet_pdf,
    cheatsheet_pdf,
    filled,
    how_to_print_pdf,
    matcard_pdf,
    print_file_pdf,
)
from handouts.reading.fields import did_you_mean
from handouts.reading.workspace import Workspace

PAPERS = ("a4", "letter")  # what `check` proves a build on


FORMATS = ("booklet", "cheatsheet")  # built by default; "matcard" on request
SHARED_PART = 0.35  # of a booklet's photos to be made, the last this part may go to the helper before its sheets


def build(
    workspace: Workspace,
    names: list[str],
    out_dir: Path,
    paper: str | None = None,
    print_file: bool | None = None,
    grayscale: bool | None = None,
    formats: tuple[str, ...] = FORMATS,
    pages: int = 1,
    profile: str | None = None,
    languages: tuple[str, ...] = (),
    helper=None,
    durable: bool = True,
    check_first: bool = True,
) -> tuple[Loaded, list[Path]]:
    """Build every product of the named sequences into `out_dir`; returns what was written.

    Each sequence is built in each of `languages` (default: its own language): its own into <seq>/, another
    into <seq>/<code>/.

    Each sequence gets booklet.pdf and, with `print_file`, booklet-print.pdf (the same pages imposed 2-up for
    saddle stitching) and how-to-print.pdf, and the cheat sheet and mat card when asked. `paper`, `print_file`
    and `grayscale` default to studio.yaml's settings. The booklets are made here while a helper process makes the
    cheat sheets, mat cards, print files and how-to-print sheets (see `helper`); `helper` may be given: one that
    stays (a build session's), or one that runs the jobs here (`Helper(use_fork=False)`). `durable=False` skips
    waiting for each file to reach the disk (a build session's previews: it rebuilds them all when it starts).
    `check_first=False` leaves out proving the cheat sheets can be made before any booklet is laid out: a sheet
    that cannot is then refused by its own layout, with the same problem, once the booklets are made (a build
    session's: its helper lays out the sheet while this process lays out the booklet)."""
    from handouts.pipeline.examined import remembered
    from handouts.pipeline.helper import Helper, outcome, warm

    fonts.register()  # needed here first (to check the texts), and the helper inherits it
    own_helper = helper is None
    helper = (
        helper if helper is not None else Helper()
    )  # started next: it gets ready (pypdf) while the workspace is read here
    if "booklet" in formats and print_file is not False:  # a print file to come (studio.yaml's default)
        helper.submit(warm)
    try:
        with remembered(out_dir / ".cache"):  # photos examined fine before are not decoded again to prove it
            loaded = load_workspace(workspace, names, feasibility=False)
        studio = loaded.studio if grayscale is None else dataclasses.replace(loaded.studio, grayscale=grayscale)
        paper = paper or studio.paper
        wanted = _wanted(loaded, languages)
        found = Collector()
        ready = {}  # (slug, code) -> InLanguage
        for plan in loaded.plans:
            for code in wanted[plan.sequence.slug]:
                try:
                    ready[(plan.sequence.slug, code)] = loaded.in_language(plan, code)
                except HandoutError as exc:
                    found.extend(exc.problems)
        found.raise_if_errors()
        if "cheatsheet" in formats and check_first:  # fail fast: before the first booklet is laid out
            layout_problems(loaded, studio, (paper,), wanted).raise_if_errors()
    except BaseException:
        helper.finish()
        raise
    print_file = studio.print_file if print_file is None else print_file
    images = ImageStage(out_dir / ".cache" / "images", profile=profile or studio.images, grey=studio.grayscale)
    if own_helper and helper.forked:  # the cards' photos still to be made: the helper makes some when it is free
        images.share = lambda jobs: helper.submit(make_shared, images, jobs)
    planned: list[tuple[Path, bytes | int | list[int]]] = []  # each output's path, its bytes or its helper job
    warnings = sorted({w for here in ready.values() for w in here.warnings})
    for (slug, code), here in ready.items():
        words = here.words
        studio_in = (
            studio
            if here.studio is loaded.studio
            else (here.studio if grayscale is None else dataclasses.replace(here.studio, grayscale=grayscale))
        )
        plan, studio_here = filled(here.plan, studio_in)
        folder = Path(slug) if code == _own(loaded, slug) else Path(slug) / code
        # with photos to make, the helper makes its share of the booklet's first (see `later`), then the sheets
        later: list | None = [] if images.share is not None and "booklet" in formats and _photos(plan) else None
        if "cheatsheet" in formats:
            planned.append(
                (
                    folder / "cheatsheet.pdf",
                    _submit(later, helper, cheatsheet_pdf, plan, paper, studio_here, pages, images, words),
                )
            )
        if "matcard" in formats:
            planned.append(
                (folder / "matcard.pdf", _submit(later, helper, matcard_pdf, plan, paper, studio_here, images, words))
            )
        if "booklet" not in formats:
            continue
        title = str(plan.sequence.title)
        colours = palette(studio_here.accent, studio_here.grayscale)
        author = author_of(plan.sequence.instructor, studio_here.instructor, studio_here.studio)
        how_to: list[int] = []  # the how-to-print sheet's job: it needs only the booklet's page count
        # the helper makes the print file's notes pages and the how-to-print sheet while the booklet's PDF is
        # being written
        begin = (
            _begin_print_later(helper, paper, title, studio_here, words, colours, author, how_to)
            if print_file
            else None
        )
        booklet = booklet_pdf(plan, paper, studio_here, images, words, on_pages=begin, on_story=_sending(later, images))
        _send(later)  # (sent already when the story was made)
        planned.append((folder / "booklet.pdf", booklet.data))
        if print_file:
            planned.append(
                (
                    folder / "booklet-print.pdf",
                    helper.submit(print_file_pdf, booklet.data, booklet.pages, paper, title, studio_here, words),
                )
            )
            if not how_to:  # the booklet did not say its page count early (it always does)
                how_to.append(helper.submit(how_to_print_pdf, booklet.pages, paper, words, colours, author))
            planned.append((folder / "how-to-print.pdf", how_to[0]))
    images.flush()  # the photos' index, once: every photo the booklets show was read by now
    results = helper.finish()
    problems = Collector()
    outputs = []
    for path, made in planned:
        if isinstance(made, bytes):
            outputs.append(Output(path, made))
            continue
        kind, value = outcome(path, results[made[0] if isinstance(made, list) else made])
        if kind == "problems":
            problems.extend(value)
        elif isinstance(value, tuple):  # a cheat sheet, and its warnings
            outputs.append(Output(path, value[0]))
            problems.extend(value[1])
        else:
            outputs.append(Output(path, value))
    problems.raise_if_errors()
    loaded = dataclasses.replace(
        loaded, more_warnings=loaded.more_warnings + tuple(images.warnings) + tuple(problems.warnings) + tuple(warnings)
    )
    written = publish(outputs, out_dir, durable)
    if own_helper:
        helper.reap()  # ended meanwhile, as the files were written: nothing of this build outlives it
    return loaded, written


def _photos(plan) -> bool:
    """Whether a plan shows a picture from a file (a photo: a helper can make some of them)."""
    return any(step.image is not None for step in plan.steps)


def _submit(later: list | None, helper, job, *args) -> int | list[int]:
    """A helper job submitted now (its number), or, with `later`, kept in it until `_send` (a list that will hold
    its number)."""
    if later is None:
        return helper.submit(job, *args)
    number: list[int] = []
    later.append((number, helper, job, args))
    return number


def _send(later: list | None) -> None:
    """Submit the jobs kept in `later`, in order (once)."""
    while later:
        number, helper, job, args = later.pop(0)
        number.append(helper.submit(job, *args))


def _sending(later: list | None, images: ImageStage):
    """What a booklet does when its story is made, if its helper jobs wait (`later`): the photos still to be made
    go to the helper first (it makes them from the last while the booklet is drawn from the first), then the
    jobs. A cold build's helper so shares the booklet's photos before it makes the cheat sheet's own."""
    if later is None:
        return None

    def story_made() -> None:
        images.share_pending(SHARED_PART)
        _send(later)

    return story_made


def _begin_print_later(helper, paper: str, title: str, studio, words, colours, author: str, how_to: list[int]):
    """What the booklet's page count sets going in the helper: the print file begun (its notes pages), then the
    how-to-print sheet (made there: it has pypdf's impose loaded, this process never does); `how_to` gets the
    sheet's job number."""

    def begun(pages: int) -> None:
        helper.submit(begin_print_file, pages, paper, title, studio, words)
        how_to.append(helper.submit(how_to_print_pdf, pages, paper, words, colours, author))

    return begun


def _own(loaded: Loaded, slug: str) -> str:
    plan = next(p for p in loaded.plans if p.sequence.slug == slug)
    return own_language(plan.sequence, loaded.studio)


def _wanted(loaded: Loaded, languages: tuple[str, ...]) -> dict[str, list[str]]:
    """The languages each sequence is built in: those asked for (`--language`, checked), else its own."""
    codes = []
    for code in languages:
        for part in str(code).split(","):
            part = part.strip().lower()
            if part and part not in codes:
                codes.append(part)
    unknown = [c for c in codes if c not in loaded.languages]
    if unknown:
        raise HandoutError(
            [
                Problem(
                    Location("--language"),
                    f"no labels in the language '{c}'",
                    did_you_mean(c, loaded.languages, "languages (" + ", ".join(sorted(loaded.languages)) + ")")
                    + f" (or add labels/{c}.yaml for a new language)",
                )
                for c in unknown
            ]
        )
    return {plan.sequence.slug: codes or [own_language(plan.sequence, loaded.studio)] for plan in loaded.plans}
