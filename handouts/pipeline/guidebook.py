"""`handouts build --programme SLUG`: a programme's guidebook, its print file, its progression table and its
weekly sheets (each segment's cheat sheet and mat card), made and then written into build/programmes/<slug>/.

The guidebook is laid out until every page number it prints ("see page 31", the contents, the index) is the
page it names: a first pass notes where everything lands, the next prints those pages (a page number always sits
on a line of its own, so it never moves anything). Its print file folds as one saddle-stitched booklet up to
64 pages; past that, a warning says so and the print file is a cut stack instead (two pages a sheet, printed
two-sided, cut down the middle, the left half laid on the right).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from handouts.core.errors import Collector, Problem
from handouts.core.model import Studio, Text
from handouts.layouts.guidebook import Guidebook
from handouts.layouts.guidebook_pages import Pages
from handouts.layouts.guidebook_words import in_sentence, speaking, weeks_label
from handouts.layouts.progression import progression_page
from handouts.layouts.styles import BOOKLET_PAGES, PRINT_SHEETS, PROGRESSION_SHEETS, palette
from handouts.output.images import ImageStage
from handouts.output.render import DocInfo, Rendered, author_of, render, render_counted
from handouts.output.writer import Output, publish
from handouts.pipeline.products import cheatsheet_pdf, how_to_print_pdf, matcard_pdf, notes_pdf, print_file_pdf
from handouts.plan.programme import PlannedProgramme
from handouts.reading.labels import ENGLISH, Labels

SADDLE_MOST = 64  # pages a saddle-stitched booklet folds well with (16 sheets)
PASSES = 6  # layout passes at most (two are enough unless a page number moves a page break)


def guidebook_pdf(
    programme: PlannedProgramme,
    paper: str,
    studio: Studio = Studio(),
    images: ImageStage | None = None,
    words: Labels = ENGLISH,
) -> tuple[Rendered, dict[str, int]]:
    """The guidebook's PDF and where its parts landed (the pages noted: "segment-0", "ref-<pose>", ...)."""
    from handouts.pipeline.products import _scratch_images

    page = BOOKLET_PAGES[paper]
    prog = programme.programme
    info = DocInfo(
        title=str(prog.title),
        author=author_of(studio.instructor, studio.studio),
        subject=str(prog.subtitle or f"{prog.title}: a programme guidebook"),
        keywords="yoga, programme, guidebook",
        lang=words.code,
    )
    images = images or _scratch_images(studio)
    colours = palette(studio.accent, studio.grayscale)
    known: dict[str, int] = {}
    with speaking(words):  # its headings, marks and page references in the guidebook's language
        for _ in range(PASSES):
            pages = Pages(known)
            story = Guidebook(programme, page, studio, images, words, pages).story()
            rendered = render_counted(story, page, info, str(prog.title), colours)
            if pages.settled():
                break
            known = pages.noted
        else:  # pragma: no cover - a page number that keeps moving a page break back and forth
            raise RuntimeError("the guidebook's page numbers did not settle")
    return rendered, pages.noted


def at_segment(problem: Problem, ps, name: str) -> Problem:
    """A weekly sheet's warning (a long cheat sheet) located at its segment in the programme file, naming the
    sheet: the sequence it was made from is not what the teacher wrote for these weeks."""
    return dataclasses.replace(problem, location=ps.segment.location, message=f"{name}: {problem.message}")


def naming(words: Labels, print_file: str) -> Labels:
    """The labels with the how-to-print steps naming `print_file` where they name a booklet's (in any language:
    the file name is the same in every one)."""
    steps = [str(step).replace("booklet-print.pdf", print_file) for step in words["how_to_print_steps"]]
    return Labels(words.code, {**words.table, "how_to_print_steps": steps}, words.name)


def weeks_name(ps) -> str:
    """'weeks-01-03' (or 'week-07'): how a segment's sheets are named, in the order they sort."""
    seg = ps.segment
    return f"week-{seg.first:02d}" if seg.first == seg.last else f"weeks-{seg.first:02d}-{seg.last:02d}"


def segment_plan(programme: PlannedProgramme, ps, words: Labels = ENGLISH):
    """A segment's plan titled for its weekly sheets: 'Back care in 12 weeks, weeks 4-6' (in `words`')."""
    seq = ps.plan.sequence
    weeks = weeks_label(ps.segment.first, ps.segment.last, words)
    title = Text(f"{programme.programme.title}, {in_sentence(weeks, words)}", seq.title.location, seq.title.field)
    return dataclasses.replace(ps.plan, sequence=dataclasses.replace(seq, title=title))


def guidebook_outputs(
    programme: PlannedProgramme,
    paper: str,
    studio: Studio,
    images: ImageStage,
    words: Labels = ENGLISH,
    print_file: bool = True,
    sheet_pages: int = 1,
    helper=None,
    folder: Path | None = None,
) -> tuple[list[Output], list[Problem]]:
    """Every file of a programme (paths under programmes/<slug>/) and the warnings: the guidebook, its print file,
    the progression table, each segment's cheat sheet and mat card. The weekly sheets are made by a helper
    process (`helper.Helper`, or the one given) while this one lays out the guidebook."""
    from handouts.layouts import fonts
    from handouts.pipeline.helper import Helper, outcome

    folder = folder or Path("programmes") / programme.programme.slug
    fonts.register()  # before the fork: the helper inherits it
    helper = helper if helper is not None else Helper()
    try:
        weekly = []  # (path, its segment, job)
        for ps in programme.segments:
            plan, name = segment_plan(programme, ps, words), weeks_name(ps)
            job = helper.submit(cheatsheet_pdf, plan, paper, studio, sheet_pages, images, words)
            weekly.append((folder / f"{name}-cheatsheet.pdf", ps, job))
            job = helper.submit(matcard_pdf, plan, paper, studio, images, words)
            weekly.append((folder / f"{name}-matcard.pdf", ps, job))
        outputs, warnings = guidebook_files(programme, folder, paper, studio, images, words, print_file)
    finally:
        results = helper.finish()
    problems = Collector()
    for path, ps, job in weekly:
        kind, value = outcome(path, results[job])
        if kind == "problems":
            problems.extend(value)
        elif isinstance(value, tuple):  # a cheat sheet, and its warnings
            outputs.append(Output(path, value[0]))
            warnings += [at_segment(w, ps, path.name) for w in value[1]]
        else:
            outputs.append(Output(path, value))
    problems.raise_if_errors()
    return outputs, warnings + problems.warnings


def guidebook_files(
    programme: PlannedProgramme,
    folder: Path,
    paper: str,
    studio: Studio,
    images: ImageStage,
    words: Labels,
    print_file: bool,
) -> tuple[list[Output], list[Problem]]:
    """The guidebook, its print file (and how to print it) or its cut stack, and the progression table."""
    from handouts.output.impose import cut_stack_order, impose, padded

    prog = programme.programme
    warnings: list[Problem] = []
    rendered, _ = guidebook_pdf(programme, paper, studio, images, words)
    outputs = [Output(folder / "guidebook.pdf", rendered.data)]
    title = str(prog.title)
    colours = palette(studio.accent, studio.grayscale)
    author = author_of(studio.instructor, studio.studio)
    if print_file and padded(rendered.pages) <= SADDLE_MOST:
        printed = print_file_pdf(rendered.data, rendered.pages, paper, title, studio, words)
        outputs.append(Output(folder / "guidebook-print.pdf", printed))
        how_to = how_to_print_pdf(rendered.pages, paper, naming(words, "guidebook-print.pdf"), colours, author)
        outputs.append(Output(folder / "guidebook-how-to-print.pdf", how_to))
    elif print_file:
        warnings.append(
            Problem(
                prog.location,
                f"the guidebook has {rendered.pages} pages: more than {SADDLE_MOST} do not fold into one stapled "
                "booklet, so no saddle-stitch print file was written",
                "print guidebook-stack.pdf two-sided (flip on the short edge), cut the stack down the middle, lay "
                "the left half on the right half and bind it with a clip or rings; or make the programme shorter",
                warning=True,
            )
        )
        extra = padded(rendered.pages) - rendered.pages
        notes = notes_pdf(extra, rendered.pages, paper, title, studio, words) if extra else None
        stack = impose(rendered.data, PRINT_SHEETS[paper], title, notes=notes, order=cut_stack_order)
        outputs.append(Output(folder / "guidebook-stack.pdf", stack))
    sheet = PROGRESSION_SHEETS[paper]
    info = DocInfo(title=f"{title}: week by week", author=author, lang=words.code)
    with speaking(words):
        progression = render(progression_page(programme, sheet, colours, words), sheet, info)
    outputs.append(Output(folder / "progression.pdf", progression))
    return outputs, warnings


def build_guidebook(
    programme: PlannedProgramme,
    studio: Studio,
    out_dir: Path,
    paper: str | None = None,
    print_file: bool | None = None,
    grayscale: bool | None = None,
    profile: str | None = None,
    words: Labels = ENGLISH,
    sheet_pages: int = 1,
    folder: Path | None = None,
) -> tuple[list[Problem], list[Path]]:
    """Make every file of the programme, then write them under `out_dir` (in `folder`, else programmes/<slug>/);
    returns the warnings and the files. `sheet_pages`: the pages each segment's cheat sheet may take (`--pages`)."""
    if grayscale is not None:
        studio = dataclasses.replace(studio, grayscale=grayscale)
    paper = paper or studio.paper
    images = ImageStage(out_dir / ".cache" / "images", profile=profile or studio.images, grey=studio.grayscale)
    outputs, warnings = guidebook_outputs(
        programme,
        paper,
        studio,
        images,
        words,
        studio.print_file if print_file is None else print_file,
        sheet_pages,
        folder=folder,
    )
    images.flush()
    return warnings + list(images.warnings), publish(outputs, out_dir)


def build_programme(
    workspace,
    name: str,
    out_dir: Path,
    paper: str | None = None,
    print_file: bool | None = None,
    grayscale: bool | None = None,
    profile: str | None = None,
    sheet_pages: int = 1,
    language: str | None = None,
) -> tuple[list[Problem], list[Path]]:
    """`handouts build --programme NAME`: the workspace's sequences read and checked, the programme read and
    planned against them (every problem located; an error writes nothing), then every file of it built.
    `language` (`--language`): in that language, into programmes/NAME/<code>/ when it is not the programme's own."""
    from handouts.core.errors import HandoutError
    from handouts.pipeline.loading import load_workspace
    from handouts.pipeline.programmes import load_programme, read_programme_file

    path = workspace.programme(name)
    loaded = load_workspace(workspace, [], feasibility=False)
    planned, problems = load_programme(workspace, path, loaded, language)
    if planned is None or any(not p.warning for p in problems):
        raise HandoutError(problems)
    studio_code = str(loaded.studio.language).strip().lower()
    code = str(planned.programme.language or studio_code).strip().lower()
    words = loaded.languages.get(code) or ENGLISH
    folder = None
    if language:  # another language than its own goes below its folder, as a sequence's does
        as_written = read_programme_file(workspace, path, Collector())
        if as_written is not None and str(as_written.language or studio_code).strip().lower() != code:
            folder = Path("programmes") / planned.programme.slug / code
    studio = loaded.studio if code == studio_code else loaded.studios.get(code, loaded.studio)  # its words in code
    warnings, written = build_guidebook(
        planned, studio, out_dir, paper, print_file, grayscale, profile, words, sheet_pages, folder
    )
    return [*problems, *warnings], written
