"""Pieces shared by the layouts: markup escaping, a paragraph that remembers its line breaks, PDF bookmarks,
images fitted to a box."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Image, Table, TableStyle
from reportlab.platypus.paragraph import Paragraph as _Paragraph

from handouts.figures.art import figure_art
from handouts.layouts import styles
from handouts.layouts.figurebox import FigureBox


def esc(text: str | None) -> str:
    """User text made safe for ReportLab's paragraph markup: <, > and & print as themselves."""
    return str(text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def esc_lines(text: str | None) -> str:
    """`esc`, and each of the text's paragraphs (its lines: reading/fields.py `paragraphs`) on a line of its own."""
    return esc(text).replace("\n", "<br/>")


_PARSED: dict = {}  # (text, bullet, style) -> what parsing the markup gives
_WRAPPED: dict = {}  # (text, bullet, style, width) -> what breaking its lines gives
_TOO_WIDE: dict = {}  # (text, bullet, style, width) -> whether a word is wider than its line (`_too_wide`)
_CACHE_LIMIT = 20000


_STYLES: dict[tuple, int] = {}  # a style's settings -> a small number standing for them in the keys above


def _style_key(style) -> int:
    """A number for the style's settings: equal styles (made afresh for each booklet) share it."""
    key = style.__dict__.get("_handouts_key")
    if key is None:
        settings = tuple(sorted((k, repr(v)) for k, v in style.__dict__.items() if k != "parent"))
        key = _STYLES.setdefault(settings, len(_STYLES))
        style._handouts_key = key
    return key


class Paragraph(_Paragraph):
    """ReportLab's paragraph, remembering its markup and line breaks.

    Tables and frames ask a paragraph its height several times at the same width (measuring a card, then
    placing it, then drawing it), and a batch of clients' booklets repeats most paragraphs word for word.
    Parsing and breaking each text once per style and width (per process) made a booklet about twice as fast.
    The result is the same: what is remembered is exactly what parsing and wrapping again would compute, and
    ReportLab only reads it when drawing (a split makes new paragraphs)."""

    def __init__(self, text, style, bulletText=None, **kw):
        if kw:
            super().__init__(text, style, bulletText, **kw)
            self._key = None
            return
        self._key = (text, repr(bulletText), _style_key(style))
        parsed = _PARSED.get(self._key)
        if parsed is None:
            super().__init__(text, style, bulletText)
            if len(_PARSED) < _CACHE_LIMIT:
                _PARSED[self._key] = (self.text, self.frags, self.style, self.bulletText)
        else:
            self.caseSensitive, self.encoding = 1, "utf8"
            self.text, self.frags, self.style, self.bulletText = parsed
            self.debug = 0

    def wrap(self, availWidth, availHeight):
        if self._key is not None and not getattr(self, "_hyphenated", False) and self._too_wide_at(availWidth):
            style, room = self.style, availWidth - self.style.leftIndent - self.style.rightIndent - 1

            def wide(part: str) -> bool:  # a part of a compound that would not fit a line by itself
                return stringWidth(part, style.fontName, style.fontSize) > 0.9 * room

            again = Paragraph(hyphenable(self.text, wide), _hyphen_style(self.style), self.bulletText)
            self.__dict__.update(again.__dict__)
            self._hyphenated = True
        key = None if self._key is None else (self._key, availWidth)
        done = _WRAPPED.get(key) if key is not None else None
        if done is not None:
            (self.width, self.height), self.blPara, self._wrapWidths = done
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        if key is not None and hasattr(self, "blPara") and len(_WRAPPED) < _CACHE_LIMIT:
            _WRAPPED[key] = (size, self.blPara, self._wrapWidths)
        return size

    def _too_wide_at(self, width: float) -> bool:
        """`_too_wide`, once per text, style and width (per process): a card measured again, or the next client's
        booklet, asks the same."""
        key = (self._key, width)
        found = _TOO_WIDE.get(key)
        if found is None:
            found = self._too_wide(width)
            if len(_TOO_WIDE) < _CACHE_LIMIT:
                _TOO_WIDE[key] = found
        return found

    def _too_wide(self, width: float) -> bool:
        """Whether a word is wider than the line (ReportLab would cut it without a hyphen). A word of fewer
        letters than the line has ems cannot be, so only longer ones are measured."""
        style = self.style
        width -= style.leftIndent + style.rightIndent + abs(style.firstLineIndent) + 1
        for frag in self.frags:
            size = getattr(frag, "fontSize", style.fontSize) or style.fontSize
            text = getattr(frag, "text", "")
            if len(text) <= width / size:
                continue
            for word in text.split():
                if len(word) > width / size and stringWidth(word, frag.fontName, size) > width:
                    return True
        return False


_TAG = re.compile(r"(<[^>]*>)")
_RUN = re.compile(r"[^\s<>]{6,}")
_TOKEN = re.compile(r"&#?\w+;|.", re.S)
_LETTERS = re.compile(r"[^\W\d_]+")
HYPHEN_GAP = 6  # at most this many letters of a long word without a place for a hyphen


def hyphenable(markup: str, wide=lambda part: True) -> str:
    """Paragraph markup whose long words may break with a printed hyphen: soft hyphens (U+00AD) at their
    syllables (`lines.syllables`), and every HYPHEN_GAP letters where there is none (a web address, a made-up
    word), never next to a hyphen of their own nor inside an entity (&amp;). ReportLab prints a hyphen where it
    breaks at one and drops the others."""
    parts = _TAG.split(markup)
    for index in range(0, len(parts), 2):
        parts[index] = _RUN.sub(lambda m: _soft(m.group(), wide), parts[index])
    return "".join(parts)


def _soft(run: str, wide) -> str:
    """A run of letters with soft hyphens: inside each part between its own hyphens that is long enough (a
    compound breaks at its hyphens first, as ReportLab does)."""
    from handouts.layouts.lines import syllables

    tokens = _TOKEN.findall(run)
    plain = "".join(t if len(t) == 1 else "\x00" for t in tokens)
    chosen: list[int] = []
    for part in re.finditer(r"[^-]{%d,}" % (2 * HYPHEN_GAP), plain):
        text, start = part.group(), part.start()
        if not wide(text):
            continue
        breaks = {m.start() + b for m in _LETTERS.finditer(text) for b in syllables(m.group(), 6)}
        last = 0
        for i in range(2, len(text) - 1):
            if i in breaks or (i - last >= HYPHEN_GAP and not any(i < b <= i + 2 for b in breaks)):
                chosen.append(start + i)
                last = i
    for i in reversed(chosen):
        tokens.insert(i, "\u00ad")
    return "".join(tokens)


_HYPHEN_STYLES: dict[int, object] = {}


def _hyphen_style(style):
    """The style with ReportLab's breaking at soft hyphens on."""
    key = _style_key(style)
    if key not in _HYPHEN_STYLES:
        from copy import copy

        hyphen = copy(style)
        hyphen.embeddedHyphenation = 1
        hyphen.__dict__.pop("_handouts_key", None)
        _HYPHEN_STYLES[key] = hyphen
    return _HYPHEN_STYLES[key]


class Bookmark(Flowable):
    """A zero-size flowable that adds a PDF outline entry at the point where it lands."""

    def __init__(self, key: str, title: str, level: int = 0):
        super().__init__()
        self.key, self.title, self.level = key, title, level
        self.width = self.height = 0

    def wrap(self, availWidth, availHeight):
        return 0, 0

    def draw(self):
        self.canv.bookmarkPage(self.key)
        self.canv.addOutlineEntry(self.title, self.key, level=self.level, closed=False)


class Mark(Flowable):
    """A small square drawing of one colour (an icon, a tick box): subclasses draw it."""

    def __init__(self, size: float, color):
        super().__init__()
        self.width = self.height = size
        self.color = color

    def wrap(self, availWidth, availHeight):
        return self.width, self.height


class Gap(Flowable):
    """Vertical space between cards that shrinks to what is left on the page, so it never starts a page of
    its own (a plain Spacer that does not fit pushes itself, alone, onto a new page)."""

    def __init__(self, height: float):
        super().__init__()
        self.height = height
        self.width = 0

    def wrap(self, availWidth, availHeight):
        return 0, max(0.0, min(self.height, availHeight - 1e-6))

    def draw(self):
        pass


class RuledLines(Flowable):
    """Writing lines filling the rest of the frame (a notes page), under an optional heading, leaving `reserve`
    free at its foot. With `least`, fewer than that many lines are not worth a heading: then it takes no room and
    draws nothing."""

    def __init__(self, gap: float, color, heading=None, least: int = 0, reserve: float = 0.0):
        super().__init__()
        self.gap, self.color, self.heading, self.least = gap, color, heading, least
        self.reserve = reserve  # room left free under the lines, for what follows them at the foot of the page
        self.head_height = 0.0

    def wrap(self, availWidth, availHeight):
        self.width, self.height = availWidth, max(availHeight - self.reserve - 1e-6, 0.0)
        if self.heading is not None:
            _, high = self.heading.wrapOn(self.canv, availWidth, availHeight)
            self.head_height = high + self.heading.getSpaceBefore() + self.heading.getSpaceAfter()
        if self.height - self.head_height < self.least * self.gap:
            self.height = 0.0
        return self.width, self.height

    def draw(self):
        if not self.height:
            return
        if self.heading is not None:
            self.heading.drawOn(self.canv, 0, self.height - self.head_height + self.heading.getSpaceAfter())
        self.canv.setStrokeColor(self.color)
        self.canv.setLineWidth(0.5)
        y = self.height - self.head_height - self.gap
        while y >= 0:
            self.canv.line(0, y, self.width, y)
            y -= self.gap


class CachedFile(str):
    """A prepared image's path that ReportLab names by the file's own (content-derived) name, not by the whole
    path: ReportLab names an image XObject by a digest of the text it is given, so the same picture cached under
    another output folder would otherwise give other bytes. The string's value stays the real path."""

    def __str__(self) -> str:
        return os.path.basename(str.__str__(self))


class PlacedImage(Image):
    """A prepared JPEG placed by its size alone: its file is made (`images.ready`) only when it is drawn, so a
    picture a layout only measured (a card's smaller variant it did not use) is never decoded. Drawn as
    ReportLab's own Image of that file is."""

    def __init__(self, images, prepared):
        self._images, self._prepared = images, prepared
        self.hAlign, self._mask, self._drawing, self._dpi, self._img = "CENTER", "auto", None, False, None
        self._file = self.filename = CachedFile(prepared.path)
        self.imageWidth, self.imageHeight = prepared.pixels
        self._setup(prepared.width, prepared.height, "direct", 0)

    def draw(self):
        self._images.ready(self._prepared)
        super().draw()

    def __deepcopy__(self, memo):  # a copy of the flowable shares the image stage, never copies it
        import copy

        return copy.copy(self)


def placed_image(images, ref, box: tuple[float, float], mirrored: bool = False, grey: bool | None = None) -> Image:
    """An image from the image stage, fitted into `box` (points), mirrored for a left-side card when asked."""
    prepared = images.place(ref, box, mirrored, grey)
    if prepared.path.suffix == ".jpg":
        return PlacedImage(images, prepared)
    images.ready(prepared)
    return Image(CachedFile(prepared.path), width=prepared.width, height=prepared.height, hAlign="CENTER")


def side_figures(
    figure,
    panels: list[tuple[bool, str]],
    box: tuple[float, float],
    caption_style,
    stacked: bool = False,
    tones: dict | None = None,
) -> Table:
    """A step's figure once per side drawn, as (mirrored, caption) panels: the right side as drawn, the left
    side mirrored, each with its caption ('Right side first', 'then left side'; '' for a symmetric step).
    Side by side, or `stacked` one above the other (a column beside the cues)."""
    art = figure_art(figure)
    cells, notes = [], []
    for mirrored, caption in panels:
        cells.append(FigureBox(art, *box, tones=tones, mirrored=mirrored))
        notes.append(Paragraph(esc(caption), caption_style) if caption else "")
    captioned = any(caption for _, caption in panels)
    rows: list[Sequence[object]]
    if stacked:
        rows = [[piece] for cell, note in zip(cells, notes) for piece in ((cell, note) if captioned else (cell,))]
        columns = 1
    else:
        rows = [cells, notes] if captioned else [cells]
        columns = len(cells)
    gap = styles.FIGURE_GAP
    table = Table(rows, colWidths=[box[0] + 2 * gap] * columns, hAlign="CENTER")
    table.setStyle(
        TableStyle(
            [
                styles.TABLE_FONT,
                ("LEFTPADDING", (0, 0), (-1, -1), gap),
                ("RIGHTPADDING", (0, 0), (-1, -1), gap),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ]
        )
    )
    return table


def figure_panel(step, box: tuple[float, float], tones: dict | None = None, art=None) -> FigureBox:
    """A step's figure for the side it starts on (mirrored when that is the left), as large as its box allows,
    its ground line on the box's foot: thumbnails in a grid. `art` is the figure's art when already drawn."""
    from handouts.core.model import Side

    art = art or figure_art(step.figure)
    first = step.order[0] if step.order else Side.RIGHT
    return FigureBox(art, *box, tones=tones, mirrored=first is Side.LEFT)


class Beside(Flowable):
    """A fixed-width picture with a column of flowables to its right, both from the top: a lighter stand-in
    for a one-row table, for the many small cells of a grid."""

    def __init__(self, picture, column: list, picture_width: float, gap: float):
        super().__init__()
        self.picture, self.column, self.picture_width, self.gap = picture, column, picture_width, gap

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        text_width = availWidth - self.picture_width - self.gap
        self.heights = [f.wrapOn(self.canv, text_width, availHeight)[1] for f in self.column]
        self.picture_height = self.picture.wrapOn(self.canv, self.picture_width, availHeight)[1] if self.picture else 0
        self.height = max(self.picture_height, sum(self.heights))
        return self.width, self.height

    def draw(self):
        if self.picture:
            self.picture.drawOn(self.canv, 0, self.height - self.picture_height)
        y = self.height
        for flowable, height in zip(self.column, self.heights):
            y -= height
            flowable.drawOn(self.canv, self.picture_width + self.gap, y)
