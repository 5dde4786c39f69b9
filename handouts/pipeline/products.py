"""One product as PDF bytes from a plan: the booklet, cheat sheet, mat card, print file and its notes pages, the
how-to-print sheet, and the pose catalogue. Layout and render only: nothing here reads files or writes them.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from handouts.core.errors import HandoutError, Problem
from handouts.core.model import Personal, Studio
from handouts.layouts.booklet import Booklet
from handouts.layouts.styles import (
    BOOKLET_PAGES,
    DEFAULT_PALETTE,
    PRINT_SHEETS,
    SHEET_PAGES,
    Palette,
    palette,
)
from handouts.output.images import ImageStage
from handouts.output.render import DocInfo, Rendered, author_of, render, render_counted
from handouts.plan.planner import Plan
from handouts.reading.labels import ENGLISH, Labels
from handouts.reading.library import Library
from handouts.templates import text

PAPERS = ("a4", "letter")  # what `check` proves a build on


if TYPE_CHECKING:
    pass


def filled(plan: Plan, studio: Studio, personal_names: dict | None = None) -> tuple[Plan, Studio]:
    """The plan and studio with their template texts filled in for nobody in particular (lines to write on)."""
    if not (text.has_templates(plan) or text.has_templates(studio)):
        return plan, studio
    names = text.context(None, "", studio, plan.sequence)
    found: list[Problem] = []
    plan, studio = text.fill(plan, names, found), text.fill(studio, names, found)
    if found:
        raise HandoutError(found)
    return plan, studio


def _scratch_images(studio: Studio) -> ImageStage:
    """An image stage for a product made on its own (not by `build`): its cache in the temporary folder."""
    return ImageStage(Path(tempfile.gettempdir()) / "handouts-images", profile=studio.images, grey=studio.grayscale)


def booklet_pdf(
    plan: Plan,
    paper: str,
    studio: Studio = Studio(),
    images: ImageStage | None = None,
    words: Labels = ENGLISH,
    personal: Personal | None = None,
    on_pages=None,
    on_story=None,
) -> Rendered:
    """The booklet as it is read on screen or e-mailed: as many pages as its content needs (the print file,
    `print_file_pdf`, adds the notes pages that make a multiple of four). `on_pages(count)` is told its page
    count before the PDF is written; `on_story()` is called when its flowables are made, before any page is laid
    out (every photo it shows is placed by then)."""
    page = BOOKLET_PAGES[paper]
    seq = plan.sequence
    info = DocInfo(
        title=str(seq.title),
        author=author_of(seq.instructor, studio.instructor, studio.studio),
        subject=str(seq.subtitle or f"{seq.title}: a practice booklet"),
        keywords="yoga, sequence, handout",
        lang=words.code,
    )
    colours = palette(studio.accent, studio.grayscale)
    images = images or _scratch_images(studio)
    story = Booklet(plan, page, studio, images, words, personal).story()
    if on_story is not None:
        on_story()
    return render_counted(
        story,
        page,
        info,
        str(seq.title),
        colours,
        on_pages=on_pages,
    )


def cheatsheet_pdf(
    plan: Plan,
    paper: str,
    studio: Studio = Studio(),
    pages: int = 1,
    images: ImageStage | None = None,
    words: Labels = ENGLISH,
    personal: Personal | None = None,
) -> tuple[bytes, list[Problem]]:
    """The cheat sheet at the largest type that fits on one page (or `pages` pages), and its warnings: a long
    sheet takes two pages on its own, and says so."""
    from handouts.layouts.cheatsheet import CheatSheet

    sheet = CheatSheet(plan, paper, studio, pages, images or _scratch_images(studio), words, personal)
    layout, story, warnings = sheet.fit()
    seq = plan.sequence
    info = DocInfo(
        title=f"{seq.title}: cheat sheet",
        author=author_of(seq.instructor, studio.instructor, studio.studio),
        subject=f"{seq.title} on one page",
        keywords="yoga, sequence, cheat sheet",
        lang=words.code,
    )
    return render(story, layout.page, info, palette=sheet.p, folio_from=len(layout.pages) + 1), warnings


def matcard_pdf(
    plan: Plan,
    paper: str,
    studio: Studio = Studio(),
    images: ImageStage | None = None,
    words: Labels = ENGLISH,
    personal: Personal | None = None,
) -> bytes:
    """The large-print mat card: landscape pages of up to six steps, each page with its title line and folio
    drawn by the card itself (so none from the page template)."""
    from handouts.layouts.matcard import MatCard
    from handouts.layouts.styles import MAT_PAGES

    card = MatCard(plan, MAT_PAGES[paper], studio, images or _scratch_images(studio), words, personal)
    seq = plan.sequence
    info = DocInfo(
        title=f"{seq.title}: mat card",
        author=author_of(seq.instructor, studio.instructor, studio.studio),
        subject=f"{seq.title} in large print",
        keywords="yoga, sequence, mat card",
        lang=words.code,
    )
    return render(card.story(), card.page, info, "", card.p, folio_from=10**9)


def how_to_print_pdf(
    pages: int, paper: str, words: Labels = ENGLISH, colours: Palette = DEFAULT_PALETTE, author: str = ""
) -> bytes:
    """One page on the print file's paper: a diagram of the booklet's sheets, and how to print, fold and staple
    them. `pages` is the booklet's own page count (the print file pads it to a multiple of 4); `colours` is the
    build's palette (the studio's accent, or greys for an ink-saver build)."""
    from handouts.layouts.printsheet import how_to_print
    from handouts.output.impose import padded, saddle_order

    page = SHEET_PAGES[paper]
    sides = saddle_order(padded(pages))  # the print file's own order: the diagram shows what comes out
    return render(
        how_to_print(sides, pages, page, PRINT_SHEETS[paper], words, colours),
        page,
        DocInfo(title=words["how_to_print"], author=author, lang=words.code),
        palette=colours,
    )


def notes_pdf(
    count: int, first: int, paper: str, title: str, studio: Studio = Studio(), words: Labels = ENGLISH
) -> bytes:
    """`count` notes pages as the booklet draws them (heading, ruled lines, running header), numbered from
    `first`: what the print file puts before the back cover."""
    from handouts.layouts.endpages import notes_pages
    from handouts.layouts.styles import booklet_styles, paragraph_styles

    colours = palette(studio.accent, studio.grayscale)
    styles = {**paragraph_styles(colours), **booklet_styles(colours)}
    return render(
        notes_pages(count, styles, colours, words),
        BOOKLET_PAGES[paper],
        DocInfo(title=f"{title}: {words['notes']}", lang=words.code),
        title,
        colours,
        first_page=first,
    )


_BEGUN: dict = {}  # print files begun in this process (the helper), by booklet: see begin_print_file


def begin_print_file(pages: int, paper: str, title: str, studio: Studio = Studio(), words: Labels = ENGLISH) -> None:
    """A job for the helper, sent as soon as a booklet's page count is known and before its PDF is written: its
    notes pages made and put into the print file begun for it, which `print_file_pdf` then finishes."""
    from handouts.output.impose import begin, padded

    notes = padded(pages) - pages
    extra = notes_pdf(notes, pages, paper, title, studio, words) if notes else None
    _BEGUN[(pages, paper, title, studio.accent, studio.grayscale, words.code)] = begin(extra)


def print_file_pdf(
    booklet: bytes, pages: int, paper: str, title: str, studio: Studio = Studio(), words: Labels = ENGLISH
) -> bytes:
    """The booklet imposed for saddle stitching: its `pages` pages with notes pages before the back cover, to a
    multiple of four (pypdf is imported here, where the print file is made)."""
    from handouts.output.impose import impose

    key = (pages, paper, title, studio.accent, studio.grayscale, words.code)
    if key not in _BEGUN:
        begin_print_file(pages, paper, title, studio, words)
    return impose(booklet, PRINT_SHEETS[paper], title, begun=_BEGUN.pop(key))


def pose_sheet_pdf(library: Library, paper: str = "a4") -> bytes:
    """The contact sheet of every pose in the library (built-in and the workspace's)."""
    from handouts.layouts.sheet import pose_sheet

    page = SHEET_PAGES[paper]
    info = DocInfo(
        title="Pose library",
        subject="Every pose of the handouts library with its figure",
        keywords="yoga, poses, figures",
    )
    poses = [library.poses[pid] for pid in sorted(library.poses)]
    return render(pose_sheet(poses, page), page, info, running_header="Pose library")
