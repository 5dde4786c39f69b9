"""Turning a layout's flowables into PDF bytes: page template, running header, folios, metadata.

Output is deterministic: ReportLab's invariant mode (no timestamps, fixed document id), no ASCII85, and
nothing here depends on time or on the order of a set. Every PDF names its Author (the instructor, else the
studio, else "handouts": `author_of`), its Creator ("handouts <version>") and its Producer, and uses only the
bundled, embedded fonts (the canvas starts with the bundled family, not ReportLab's unembedded Helvetica).
"""

from __future__ import annotations

import io
from copy import deepcopy
from dataclasses import dataclass

from reportlab import Version as REPORTLAB_VERSION
from reportlab import rl_config

rl_config.useA85 = 0
rl_config.invariant = 1

from reportlab.pdfbase.pdfmetrics import stringWidth  # noqa: E402
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate  # noqa: E402

from handouts import __version__  # noqa: E402
from handouts.layouts import fonts, styles  # noqa: E402
from handouts.output import reuse  # noqa: E402

reuse.install()  # a stream or font subset made before is given back, not made again: the same bytes

CREATOR = f"handouts {__version__}"
PRODUCER = f"{CREATOR} with ReportLab {REPORTLAB_VERSION}"
NOBODY = "handouts"  # the Author of a PDF that names no instructor and no studio


def author_of(*names) -> str:
    """A PDF's Author: the first of `names` that is given (the instructor, then the studio), else "handouts"."""
    return next((str(name).strip() for name in names if name is not None and str(name).strip()), NOBODY)


_ATOMS = (int, float, str, bool, type(None))


class _Frame(Frame):
    """ReportLab's frame, deep-copied faster: a kept-together group of flowables copies the page's frame each time
    it is measured, and a frame holds numbers and strings (shared by a deep copy as they are) and a list or two
    (copied). The same copy as `copy.deepcopy` makes, without walking every number."""

    def __deepcopy__(self, memo):
        other = type(self).__new__(type(self))
        other.__dict__.update(
            {key: value if type(value) in _ATOMS else deepcopy(value, memo) for key, value in self.__dict__.items()}
        )
        return other


@dataclass(frozen=True)
class DocInfo:
    title: str
    author: str = ""
    subject: str = ""
    keywords: str = ""
    lang: str = "en"


@dataclass(frozen=True)
class Rendered:
    data: bytes
    pages: int


def shortened(text: str, width: float) -> str:
    """The running header on one line: a title too long for it ends, at a space, in an ellipsis (the cover has
    it whole)."""
    if not text or stringWidth(text, styles.FOLIO_FONT, styles.FOLIO_SIZE) <= width:
        return text
    words = text.split(" ")
    while len(words) > 1 and stringWidth(" ".join(words) + "\u2026", styles.FOLIO_FONT, styles.FOLIO_SIZE) > width:
        words.pop()
    cut = " ".join(words)
    while cut and stringWidth(cut + "\u2026", styles.FOLIO_FONT, styles.FOLIO_SIZE) > width:
        cut = cut[:-1]
    return cut.rstrip(" ,;:") + "\u2026"


def render(
    story: list,
    page: styles.PageSpec,
    info: DocInfo,
    running_header: str = "",
    palette: styles.Palette = styles.DEFAULT_PALETTE,
    folio_from: int = 2,
    first_page: int = 1,
) -> bytes:
    """Lay out `story` on pages of `page`'s size; a running header from page 2 and a folio from `folio_from`.
    `first_page` is the number of the first page (pages made to go into another document, at that place)."""
    return render_counted(story, page, info, running_header, palette, folio_from, first_page).data


def render_counted(
    story: list,
    page: styles.PageSpec,
    info: DocInfo,
    running_header: str = "",
    palette: styles.Palette = styles.DEFAULT_PALETTE,
    folio_from: int = 2,
    first_page: int = 1,
    on_pages=None,
) -> Rendered:
    """As `render`, and how many pages it made; `on_pages(count)` is told that count as soon as the pages are
    laid out, before the PDF is written."""
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=page.size,
        leftMargin=page.left,
        rightMargin=page.right,
        topMargin=page.top,
        bottomMargin=page.bottom,
        title=info.title,
        author=info.author or NOBODY,
        subject=info.subject,
        keywords=info.keywords,
        creator=CREATOR,
        producer=PRODUCER,
        lang=info.lang,
        invariant=1,
        pageCompression=1,
        initialFontName=fonts.register(),
    )  # not Helvetica: never used, yet named unembedded
    frame = _Frame(
        page.left,
        page.bottom,
        page.frame_width,
        page.frame_height,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )

    header = shortened(running_header, page.frame_width)

    def decorate(canvas, _doc):
        canvas.saveState()
        width, height = page.size
        canvas.setFont(styles.FOLIO_FONT, styles.FOLIO_SIZE)
        canvas.setFillColor(palette.muted)
        number = canvas.getPageNumber() + first_page - 1
        if running_header and number > 1:
            canvas.drawString(page.left, height - page.top + 6 * styles.mm, header)
            canvas.setStrokeColor(palette.rule)
            canvas.setLineWidth(0.4)
            canvas.line(
                page.left, height - page.top + 4.5 * styles.mm, width - page.right, height - page.top + 4.5 * styles.mm
            )
        if number >= folio_from:  # a booklet's first page is its cover
            canvas.drawCentredString(width / 2, page.bottom - 7 * styles.mm, str(number))
        canvas.restoreState()

    # "page" carries the running header and folio; a story may switch to "plain" (a cover) and back with
    # NextPageTemplate; it starts on "page" unless it asks for "plain" first
    doc.addPageTemplates(
        [PageTemplate(id="page", frames=[frame], onPage=decorate), PageTemplate(id="plain", frames=[frame])]
    )
    if on_pages is not None:
        written = doc._endBuild

        def end_build():  # the last page is laid out: the count is known
            on_pages(doc.page)
            written()

        doc._endBuild = end_build
    doc.build(story)
    return Rendered(buffer.getvalue(), doc.page)
