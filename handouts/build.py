"""Orchestration: read the library and the sequences, check everything, plan, lay out, render, then write.

Every problem of a run is gathered before anything is written; a run with an error writes nothing.
"""
from __future__ import annotations

import dataclasses
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import fonts
from .errors import Collector, HandoutError, Problem
from .fields import INVALID, Ctx
from .images import ImageStage
from .layouts.booklet import Booklet
from .layouts.styles import BOOKLET_PAGES, PRINT_SHEETS, SHEET_PAGES, palette
from .library import Library, load_library
from .model import Sequence, Studio, texts_of
from .plan import Plan, make_plan
from .render import DocInfo, Rendered, render, render_counted
from .schema import read_sequence, read_studio
from .workspace import Workspace
from .writer import Output, publish
from .yamlload import load


@dataclass(frozen=True)
class Loaded:
    library: Library
    plans: tuple[Plan, ...]
    studio: Studio = Studio()
    more_warnings: tuple[Problem, ...] = ()  # found while building (a photo printed too small)

    @property
    def warnings(self) -> list[Problem]:
        return sorted({w for plan in self.plans for w in plan.warnings} | set(self.more_warnings))


def read_sequences(workspace: Workspace, library: Library, paths: list[Path], problems: Collector) -> list[Sequence]:
    sequences = []
    for path in paths:
        shown = workspace.shown(path)
        try:
            root = load(path, shown)
        except HandoutError as exc:
            problems.extend(exc.problems)
            continue
        ctx = Ctx(shown, problems, source=path, images_dir=workspace.images_dir, library=library)
        sequence = read_sequence(root, ctx)
        if sequence is not INVALID:
            sequences.append(sequence)
    return sequences


def read_studio_file(workspace: Workspace, problems: Collector) -> Studio:
    """studio.yaml, or the defaults when there is none (its problems go to `problems`)."""
    path = workspace.studio_file
    if not path.is_file():
        return Studio()
    shown = workspace.shown(path)
    try:
        root = load(path, shown)
    except HandoutError as exc:
        problems.extend(exc.problems)
        return Studio()
    studio = read_studio(root, Ctx(shown, problems, source=path, images_dir=workspace.images_dir))
    return Studio() if studio is INVALID else studio


def load_workspace(workspace: Workspace, names: list[str]) -> Loaded:
    """Read, check and plan the named sequences (all of sequences/ when none is named).

    Raises HandoutError holding every problem found.
    """
    problems = Collector()
    studio = read_studio_file(workspace, problems)
    library = load_library(workspace, problems)
    paths = workspace.sequences(names)
    sequences = read_sequences(workspace, library, paths, problems)
    problems.extend(fonts.check_texts(texts_of(sequences)))
    problems.extend(fonts.check_texts(texts_of(list(library.poses.values()))))
    problems.extend(fonts.check_texts(texts_of(studio)))
    problems.raise_if_errors()
    return Loaded(library, tuple(make_plan(s, library) for s in sequences), studio)


def _scratch_images(studio: Studio) -> ImageStage:
    """An image stage for a product made on its own (not by `build`): its cache in the temporary folder."""
    return ImageStage(Path(tempfile.gettempdir()) / "handouts-images", profile=studio.images, grey=studio.grayscale)


def booklet_pdf(plan: Plan, paper: str, studio: Studio = Studio(), images: ImageStage | None = None) -> Rendered:
    """The booklet, padded with notes pages to a multiple of 4 pages so that it folds into a saddle-stitched
    booklet with no blank page."""
    page = BOOKLET_PAGES[paper]
    seq = plan.sequence
    info = DocInfo(title=str(seq.title), author=str(seq.instructor or ""),
                   subject=str(seq.subtitle or f"{seq.title}: a practice booklet"),
                   keywords="yoga, sequence, handout")
    colours = palette(studio.accent, studio.grayscale)
    images = images or _scratch_images(studio)
    booklet = render_counted(Booklet(plan, page, studio, images).story(), page, info, str(seq.title), colours)
    assert booklet.pages % 4 == 0, f"the booklet has {booklet.pages} pages, not a multiple of 4"
    return booklet


def cheatsheet_pdf(plan: Plan, paper: str, studio: Studio = Studio(), pages: int = 1,
                   images: ImageStage | None = None) -> bytes:
    """The one-page cheat sheet (or `pages` pages), laid out at the largest type that fits."""
    from .layouts.cheatsheet import CheatSheet
    sheet = CheatSheet(plan, paper, studio, pages, images or _scratch_images(studio))
    fit, story = sheet.fit()
    seq = plan.sequence
    info = DocInfo(title=f"{seq.title}: cheat sheet", author=str(seq.instructor or studio.instructor or ""),
                   subject=f"{seq.title} on one page", keywords="yoga, sequence, cheat sheet")
    return render(story, fit.page, info, palette=sheet.p)


def matcard_pdf(plan: Plan, paper: str, studio: Studio = Studio(), images: ImageStage | None = None) -> bytes:
    """The large-print mat card: landscape pages, every one numbered."""
    from .layouts.matcard import MatCard
    from .layouts.styles import MAT_PAGES
    card = MatCard(plan, MAT_PAGES[paper], studio, images or _scratch_images(studio))
    seq = plan.sequence
    info = DocInfo(title=f"{seq.title}: mat card", author=str(seq.instructor or studio.instructor or ""),
                   subject=f"{seq.title} in large print", keywords="yoga, sequence, mat card")
    return render(card.story(), card.page, info, str(seq.title), card.p, folio_from=1)


def how_to_print_pdf(pages: int, paper: str) -> bytes:
    """One page on the print file's paper: how to print, fold and staple the booklet."""
    from .layouts.printsheet import how_to_print
    page = SHEET_PAGES[paper]
    return render(how_to_print(pages, pages // 4), page, DocInfo(title="How to print the booklet"))


FORMATS = ("booklet", "cheatsheet")  # built by default; "matcard" on request


def print_file_pdf(booklet: bytes, paper: str, title: str) -> bytes:
    """The booklet imposed for saddle stitching (pypdf is imported here, where the print file is made)."""
    from .impose import impose
    return impose(booklet, PRINT_SHEETS[paper], title)


def build(workspace: Workspace, names: list[str], out_dir: Path, paper: str | None = None,
          print_file: bool | None = None, grayscale: bool | None = None, formats: tuple[str, ...] = FORMATS,
          pages: int = 1, profile: str | None = None) -> tuple[Loaded, list[Path]]:
    """Build every product of the named sequences into `out_dir`; returns what was written.

    Each sequence gets booklet.pdf and, with `print_file`, booklet-print.pdf (the same pages imposed 2-up for
    saddle stitching) and how-to-print.pdf, and the cheat sheet and mat card when asked. `paper`, `print_file`
    and `grayscale` default to studio.yaml's settings. The booklets are laid out here while a helper process
    makes the rest (see `helper`)."""
    from .helper import Helper, warm
    helper = Helper()  # started first: it gets ready (fonts, pypdf) while the workspace is read here
    helper.submit(warm)
    try:
        loaded = load_workspace(workspace, names)
    except BaseException:
        helper.finish()
        raise
    studio = loaded.studio if grayscale is None else dataclasses.replace(loaded.studio, grayscale=grayscale)
    paper = paper or studio.paper
    print_file = studio.print_file if print_file is None else print_file
    images = ImageStage(out_dir / ".cache" / "images", profile=profile or studio.images, grey=studio.grayscale)
    planned: list[tuple[Path, bytes | int]] = []  # each output's path, and its bytes or its helper job
    for plan in loaded.plans:
        folder = Path(plan.sequence.slug)
        if "cheatsheet" in formats:
            planned.append((folder / "cheatsheet.pdf",
                            helper.submit(cheatsheet_pdf, plan, paper, studio, pages, images)))
        if "matcard" in formats:
            planned.append((folder / "matcard.pdf", helper.submit(matcard_pdf, plan, paper, studio, images)))
        if "booklet" not in formats:
            continue
        booklet = booklet_pdf(plan, paper, studio, images)
        planned.append((folder / "booklet.pdf", booklet.data))
        if print_file:
            planned.append((folder / "booklet-print.pdf",
                            helper.submit(print_file_pdf, booklet.data, paper, str(plan.sequence.title))))
            planned.append((folder / "how-to-print.pdf", helper.submit(how_to_print_pdf, booklet.pages, paper)))
    results = helper.finish()
    problems = Collector()
    outputs = []
    for path, made in planned:
        if isinstance(made, bytes):
            outputs.append(Output(path, made))
            continue
        kind, value = results[made]
        if kind == "fault":
            raise RuntimeError(f"making {path} failed in the helper process:\n{value}")
        if kind == "problems":
            problems.extend(value)
        else:
            outputs.append(Output(path, value))
    problems.raise_if_errors()
    loaded = dataclasses.replace(loaded, more_warnings=tuple(images.warnings))
    return loaded, publish(outputs, out_dir)


def pose_sheet_pdf(library: Library, paper: str = "a4") -> bytes:
    """The contact sheet of every pose in the library (built-in and the workspace's)."""
    from .layouts.sheet import pose_sheet
    page = SHEET_PAGES[paper]
    info = DocInfo(title="Pose library", subject="Every pose of the handouts library with its figure",
                   keywords="yoga, poses, figures")
    poses = [library.poses[pid] for pid in sorted(library.poses)]
    return render(pose_sheet(poses, page), page, info, running_header="Pose library")
