"""The how-to-print page that comes with every print file: a diagram of this booklet's sheets, then the numbered
steps (print, flip, fold, staple, check).

The diagram shows sheet 1 large: its front and back with the page numbers on each half, the arrow for flipping
on the short edge between them, the fold line and the staples; beside it the folded stack seen from its top edge
(sheet 1 outside); under it every other sheet small, front and back, with its page numbers. The numbers come in
as `impose.saddle_order` gives them (the order the print file is made in) for the booklet padded to a multiple
of 4 pages: the print file puts the notes pages that make it up just before the back cover (the back cover is
always the last page), and the page says which they are. Where everything goes is
plain data (`diagram_layout`, from measured label heights); `SheetDiagram` only measures and draws. Colours come
from the build's palette, so an ink-saver build prints the page in greys.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Spacer

from handouts.layouts import fonts, styles
from handouts.layouts.parts import Paragraph, esc
from handouts.reading.labels import ENGLISH, Labels


# -- plain data: the sheets and where they go -----------------------------------------------------------------
class Sheet(NamedTuple):
    """One sheet of the print file: the (left, right) page numbers on its front and on its back."""

    number: int
    front: tuple[int, int]
    back: tuple[int, int]


def sheets_of(sides: list[tuple[int, int]]) -> tuple[Sheet, ...]:
    """The sheets, from the (left, right) page numbers of each printed side in print order: sheet 1's front,
    its back, sheet 2's front, ... (`impose.saddle_order`)."""
    return tuple(Sheet(n + 1, sides[2 * n], sides[2 * n + 1]) for n in range(len(sides) // 2))


def notes_pages(pages: int, sheets: int) -> tuple[int, int] | None:
    """The first and last of the notes pages the print file adds to a booklet of `pages` pages on `sheets`
    sheets: just before the back cover, which moves to the last page (None when none are added)."""
    last = 4 * sheets
    return (pages, last - 1) if last > pages else None


class Box(NamedTuple):
    x: float
    y: float  # its foot, up from the diagram's foot
    w: float
    h: float

    @property
    def top(self) -> float:
        return self.y + self.h


class Cell(NamedTuple):
    """A sheet drawn small: its label's baseline start, its front and its back."""

    sheet: Sheet
    label: tuple[float, float]
    front: Box
    back: Box


class Measures(NamedTuple):
    """Heights of the diagram's words as set (points), measured by the flowable: the layout needs only these."""

    label: tuple[float, ...]  # "Sheet 1 · front" above the large sheets, at each of styles.PRINT_BIG_SCALES
    flip: float  # "flip on the short edge" under the arrow
    note: float  # "fold" under the large sheets, "staples"
    stack: float  # the folded stack's caption
    caption: float  # "The other sheets: front and back" (0 when there is one sheet)
    cell: float  # "Sheet 2" above a small sheet
    blank: float  # "Pages 10–11 are notes pages; the back cover is page 12." (0 when none are added)


class Layout(NamedTuple):
    width: float
    height: float
    scale: float  # sheet 1's drawing, as a share of its full size
    front: Box  # sheet 1's front, large
    back: Box  # ... and its back
    flip: Box  # the arrow and its words, between them
    stack: Box  # the folded stack, its caption above it
    caption: float  # the other sheets' caption: the top of its box
    cells: tuple[Cell, ...]
    number_size: float  # the page numbers on the small sheets
    blank: float  # the blank pages' note: the top of its box


ARC_HEIGHT = 16  # points: the flip arrow's rise


def diagram_layout(sheets: tuple[Sheet, ...], width: float, budget: float, ratio: float, m: Measures) -> Layout:
    """Sheet 1 at the largest of styles.PRINT_BIG_SCALES and the other sheets at the largest number size of
    styles.PRINT_GRID_SIZES whose diagram is no taller than `budget` (the smallest of both when none is).
    `ratio` is the print sheet's width / height (landscape)."""
    stack_w = width * styles.PRINT_STACK_SHARE
    rest = width - stack_w - styles.PRINT_GAP
    flip_w = rest * styles.PRINT_FLIP_SHARE
    full_w = (rest - flip_w) / 2
    choices = [(scale, size) for scale in styles.PRINT_BIG_SCALES for size in styles.PRINT_GRID_SIZES]
    for scale, size in choices:
        label = m.label[styles.PRINT_BIG_SCALES.index(scale)]
        layout = _layout(sheets, width, ratio, m, label, stack_w, flip_w, full_w, scale, size)
        if layout.height <= budget:
            return layout
    return layout


def _grid(count: int, width: float, ratio: float, size: float) -> tuple[float, float, int]:
    """A small sheet's height and width, and how many sheets a row holds, for page numbers of `size` points."""
    h = size * 3.0
    w = h * ratio
    across, _ = styles.PRINT_CELL_GAP
    cell_w = 2 * w + styles.PRINT_PAIR_GAP
    return h, w, max(1, min(count, int((width + across) // (cell_w + across))))


def _layout(sheets, width, ratio, m: Measures, label: float, stack_w, flip_w, full_w, scale, size) -> Layout:
    """The diagram with sheet 1 at `scale`, its label `label` points high, and page numbers of `size` points."""
    big_w = full_w * scale
    big_h = big_w / ratio
    overhang = styles.PRINT_FOLD_OVERHANG
    others = sheets[1:]
    # from the top down, as distances below the diagram's top; turned into heights from the foot at the end
    big_top = label + 2 + overhang
    big_foot = big_top + big_h
    y = big_foot + overhang + 1 + m.note
    caption_top = blank_top = None
    rows: list[tuple[float, list[Sheet]]] = []
    small_h, small_w, per_row = _grid(max(1, len(others)), width, ratio, size)
    if others:
        y += styles.PRINT_GAP
        caption_top = y
        y += m.caption + 2
        for start in range(0, len(others), per_row):
            rows.append((y, list(others[start : start + per_row])))
            y += m.cell + 1 + small_h + styles.PRINT_CELL_GAP[1]
        y -= styles.PRINT_CELL_GAP[1]
    if m.blank:
        y += styles.PRINT_CELL_GAP[1]
        blank_top = y
        y += m.blank
    height = y

    def up(distance: float) -> float:  # a distance below the top -> a height above the foot
        return height - distance

    front = Box(0, up(big_foot), big_w, big_h)
    back = Box(big_w + flip_w, up(big_foot), big_w, big_h)
    flip = Box(big_w, up(big_foot), flip_w, big_h)
    stack = Box(width - stack_w, up(big_foot), stack_w, big_h + overhang + 2 + label)
    cells = []
    across = styles.PRINT_CELL_GAP[0]
    for top, row in rows:
        for column, sheet in enumerate(row):
            x = column * (2 * small_w + styles.PRINT_PAIR_GAP + across)
            foot = up(top + m.cell + 1 + small_h)
            cells.append(
                Cell(
                    sheet,
                    (x, up(top + m.cell * 0.8)),
                    Box(x, foot, small_w, small_h),
                    Box(x + small_w + styles.PRINT_PAIR_GAP, foot, small_w, small_h),
                )
            )
    return Layout(
        width,
        height,
        scale,
        front,
        back,
        flip,
        stack,
        up(caption_top) if caption_top is not None else 0.0,
        tuple(cells),
        size,
        up(blank_top) if blank_top is not None else 0.0,
    )


def balanced_width(paragraph, width: float, step: float = 2.0) -> float:
    """The narrowest width, down from `width` in steps, at which `paragraph` keeps as few lines as at `width`:
    its lines come out about equally long ("flip on the / short edge", not "flip on the short / edge")."""

    def lines(at: float) -> int:
        paragraph.wrap(at, 1e6)
        return len(paragraph.blPara.lines)

    fewest, best = lines(width), width
    while best - step > width / 3 and lines(best - step) == fewest:
        best -= step
    return best


# -- drawing -----------------------------------------------------------------------------------------------
class SheetDiagram(Flowable):
    """The diagram of a booklet's sheets (see the module's docstring), at most `budget` points tall where it
    can be."""

    def __init__(
        self,
        sheets: tuple[Sheet, ...],
        pages: int,
        sheet_size: tuple[float, float],
        words: Labels,
        palette: styles.Palette,
        budget: float,
    ):
        super().__init__()
        self.sheets = sheets
        self.blank = notes_pages(pages, len(sheets))
        self.ratio = sheet_size[0] / sheet_size[1]
        self.words, self.p, self.budget = words, palette, budget
        s = styles.print_styles(palette)
        w = words
        first = self.sheets[0].number
        self.labels = [
            Paragraph(f"{esc(w('print_sheet', number=first))} · {esc(w[side])}", s["label"])
            for side in ("print_front", "print_back")
        ]
        self.flip_words = Paragraph(esc(w["print_flip"]), s["flip"])
        self.stack_words = Paragraph(esc(w["print_stack"]), s["caption"])
        others = self.sheets[1:]
        self.caption = None
        if others:
            self.caption = Paragraph(
                esc(w["print_others_one" if len(others) == 1 else "print_others_other"]), s["caption"]
            )
        self.blank_words = None
        if self.blank:
            first_notes, last_notes = self.blank
            key = "print_notes_one" if first_notes == last_notes else "print_notes_other"
            self.blank_words = Paragraph(
                esc(w(key, first=first_notes, last=last_notes, back=last_notes + 1)), s["blank"]
            )

    def wrap(self, availWidth, availHeight):
        width = availWidth
        stack_w = width * styles.PRINT_STACK_SHARE
        rest = width - stack_w - styles.PRINT_GAP
        flip_w = rest * styles.PRINT_FLIP_SHARE

        def high(paragraph, at: float) -> float:
            return paragraph.wrap(at, availHeight)[1] if paragraph is not None else 0.0

        note = styles.PRINT_NOTE_SIZE * 1.2
        self.flip_width = balanced_width(self.flip_words, flip_w - 2 * styles.PRINT_FLIP_PAD)
        self.stack_width = balanced_width(self.stack_words, stack_w)
        big = [scale * (rest - flip_w) / 2 for scale in styles.PRINT_BIG_SCALES]
        measures = Measures(
            label=tuple(max(high(label, at) for label in self.labels) for at in big),
            flip=high(self.flip_words, self.flip_width),
            note=note,
            stack=high(self.stack_words, self.stack_width),
            caption=high(self.caption, width),
            cell=styles.PRINT_NOTE_SIZE * 1.2,
            blank=high(self.blank_words, width),
        )
        self.layout = diagram_layout(self.sheets, width, min(self.budget, availHeight), self.ratio, measures)
        self.measures = measures
        self.label_height = measures.label[styles.PRINT_BIG_SCALES.index(self.layout.scale)]  # at the scale chosen
        self.width, self.height = width, self.layout.height
        return self.width, self.height

    # each part draws itself from the layout
    def draw(self):
        c, lay, p = self.canv, self.layout, self.p
        first = self.sheets[0]
        c.saveState()
        self._side(lay.front, first.front, front=True, size=styles.PRINT_NUMBER_SIZE, staples=True)
        self._side(lay.back, first.back, front=False, size=styles.PRINT_NUMBER_SIZE)
        for box, label in zip((lay.front, lay.back), self.labels):
            label.wrap(box.w, self.label_height)
            label.drawOn(c, box.x, box.top + styles.PRINT_FOLD_OVERHANG + 2)
        bold = f"{fonts.FAMILY}-Bold"
        c.setFont(fonts.FAMILY, styles.PRINT_NOTE_SIZE)
        c.setFillColor(p.muted)
        fold = self.words["print_fold"]
        for box in (lay.front, lay.back):
            words = fold if box is lay.back or self._staples_inside(box) else f"{fold} · {self.words['print_staples']}"
            c.drawCentredString(box.x + box.w / 2, box.y - styles.PRINT_FOLD_OVERHANG - styles.PRINT_NOTE_SIZE, words)
        self._flip(lay.flip)
        self._stack(lay.stack)
        if self.caption is not None:
            self.caption.wrap(lay.width, self.measures.caption)
            self.caption.drawOn(c, 0, lay.caption - self.measures.caption)
        for cell in lay.cells:
            c.setFont(bold, styles.PRINT_NOTE_SIZE)
            c.setFillColor(p.ink)
            c.drawString(*cell.label, self.words("print_sheet", number=cell.sheet.number))
            self._side(cell.front, cell.sheet.front, front=True, size=lay.number_size)
            self._side(cell.back, cell.sheet.back, front=False, size=lay.number_size)
        if self.blank_words is not None:
            self.blank_words.wrap(lay.width, self.measures.blank)
            self.blank_words.drawOn(c, 0, lay.blank - self.measures.blank)
        c.restoreState()

    def _is_blank(self, page: int) -> bool:
        return self.blank is not None and self.blank[0] <= page <= self.blank[1]  # a notes page: no content

    def _side(self, box: Box, pages: tuple[int, int], front: bool, size: float, staples: bool = False) -> None:
        """One printed side: two halves (tinted on a front), their page numbers (grey where the page is blank),
        the fold between them; sheet 1's front has the staples."""
        c, p = self.canv, self.p
        half = box.w / 2
        c.setLineWidth(styles.PRINT_OUTLINE)
        c.setStrokeColor(p.muted)
        for index, page in enumerate(pages):
            x = box.x + index * half
            if front:
                c.setFillColor(p.accent_light)
            c.rect(x, box.y, half, box.h, stroke=1, fill=1 if front else 0)
            c.setFillColor(p.muted if self._is_blank(page) else p.ink)
            c.setFont(f"{fonts.FAMILY}-Bold", size)
            c.drawCentredString(x + half / 2, box.y + box.h / 2 - size * 0.35, str(page))
        fold = box.x + half
        over = styles.PRINT_FOLD_OVERHANG if size >= styles.PRINT_NUMBER_SIZE else 0  # past sheet 1's edges only
        c.saveState()
        c.setDash(*styles.PRINT_FOLD_DASH)
        c.setStrokeColor(p.ink)
        c.line(fold, box.y - over, fold, box.top + over)
        c.restoreState()
        if staples:
            length, thick = styles.PRINT_STAPLE
            c.setFillColor(p.ink)
            for share in (0.25, 0.75):
                c.rect(fold - thick / 2, box.y + box.h * share - length / 2, thick, length, stroke=0, fill=1)
            if self._staples_inside(box):  # else the words go under the fold, with "fold"
                c.setFont(fonts.FAMILY, styles.PRINT_NOTE_SIZE)
                c.setFillColor(p.muted)
                c.drawString(
                    fold + thick / 2 + 2.5,
                    box.y + box.h * 0.25 - styles.PRINT_NOTE_SIZE * 0.35,
                    self.words["print_staples"],
                )

    def _staples_inside(self, box: Box) -> bool:
        """Whether "staples" fits beside the lower staple, inside the right half of sheet 1's front."""
        _, thick = styles.PRINT_STAPLE
        words = stringWidth(self.words["print_staples"], fonts.FAMILY, styles.PRINT_NOTE_SIZE)
        return thick / 2 + 2.5 + words + 2 <= box.w / 2

    def _flip(self, box: Box) -> None:
        """A curved arrow from the front over to the back, the words under it; the group centred on the sheets."""
        c, p = self.canv, self.p
        words_h = self.measures.flip
        group = ARC_HEIGHT + 4 + words_h
        foot = box.y + (box.h - group) / 2
        start, end = (box.x + 6, foot + words_h + 4), (box.x + box.w - 6, foot + words_h + 4)
        rise = ARC_HEIGHT * 4 / 3  # a cubic's control points this high make a curve ARC_HEIGHT high
        c1, c2 = (start[0] + 4, start[1] + rise), (end[0] - 4, end[1] + rise)
        c.setStrokeColor(p.accent)
        c.setFillColor(p.accent)
        c.setLineWidth(styles.PRINT_ARROW)
        path = c.beginPath()
        path.moveTo(*start)
        path.curveTo(*c1, *c2, end[0], end[1] + 3)
        c.drawPath(path, stroke=1, fill=0)
        # the arrowhead, along the curve's last direction
        dx, dy = end[0] - c2[0], end[1] + 3 - c2[1]
        angle = math.atan2(dy, dx)
        tip, length, spread = (end[0], end[1] + 1), 7.0, 0.45
        head = c.beginPath()
        head.moveTo(*tip)
        head.lineTo(tip[0] - length * math.cos(angle - spread), tip[1] - length * math.sin(angle - spread))
        head.lineTo(tip[0] - length * math.cos(angle + spread), tip[1] - length * math.sin(angle + spread))
        head.close()
        c.drawPath(head, stroke=0, fill=1)
        self.flip_words.wrap(self.flip_width, words_h)
        self.flip_words.drawOn(c, box.x + (box.w - self.flip_width) / 2, foot)

    def _stack(self, box: Box) -> None:
        """The folded stack seen from its top edge: one U per sheet round the fold on the left, sheet 1 (in the
        accent) outside, the staple through them all at the fold; the caption above, "staples" below."""
        c, p = self.canv, self.p
        caption_h = self.measures.stack
        self.stack_words.wrap(self.stack_width, caption_h)
        self.stack_words.drawOn(c, box.x, box.top - caption_h)
        count = len(self.sheets)
        size = styles.PRINT_NOTE_SIZE
        number_w = stringWidth(str(count), f"{fonts.FAMILY}-Bold", size) + 4
        spine, right = box.x + 6, box.x + box.w - number_w - 2
        room = (box.top - caption_h - 4 - box.y) / 2 - size / 2
        middle = box.y + room + size / 2
        gap = max(2.0, min(10.0, room / count))
        centre = spine + count * gap
        for k in range(count - 1, -1, -1):  # inner sheets first: sheet 1 last, on top
            radius = (count - k) * gap
            c.setStrokeColor(p.accent if k == 0 else p.muted)
            c.setLineWidth(1.4 if k == 0 else 0.7)
            path = c.beginPath()
            path.moveTo(right, middle + radius)
            path.arcTo(centre - radius, middle - radius, centre + radius, middle + radius, 90, 180)
            path.lineTo(right, middle - radius)
            c.drawPath(path, stroke=1, fill=0)
        c.setFont(f"{fonts.FAMILY}-Bold", size)
        c.setFillColor(p.accent)
        c.drawString(right + 3, middle + count * gap - size * 0.35, "1")
        if count > 1 and (count - 1) * gap >= size + 2:
            c.setFillColor(p.muted)
            c.drawString(right + 3, middle + gap - size * 0.35, str(count))
        _, thick = styles.PRINT_STAPLE
        c.setFillColor(p.ink)
        c.rect(spine - 4, middle - thick / 2, centre - spine + 2, thick, stroke=0, fill=1)  # through every fold
        c.rect(centre - 2 - thick / 2, middle - 4, thick, 8, stroke=0, fill=1)  # its legs, bent over inside
        label_y = box.y - styles.PRINT_FOLD_OVERHANG - size
        c.setStrokeColor(p.muted)
        c.setLineWidth(0.5)
        c.line(spine, label_y + size, spine, middle - count * gap - 2)
        c.setFont(fonts.FAMILY, size)
        c.setFillColor(p.muted)
        c.drawString(box.x, label_y, self.words["print_staples"])


# -- the page ----------------------------------------------------------------------------------------------
def how_to_print(
    sides: list[tuple[int, int]],
    pages: int,
    page: styles.PageSpec,
    sheet_size: tuple[float, float],
    words: Labels = ENGLISH,
    palette: styles.Palette = styles.DEFAULT_PALETTE,
) -> list:
    """One page: the heading, how many pages and sheets, the diagram (as tall as the rest of the page leaves
    room for), the numbered steps and the note for printers without two-sided printing. `sides` are the page
    numbers of each printed side in print order (`impose.saddle_order`), `pages` the booklet's own page count
    (the print file pads it to a multiple of 4 with blank pages)."""
    s = styles.paragraph_styles(palette)
    sheets = sheets_of(sides)
    total = 4 * len(sheets)
    head = [
        Paragraph(esc(words["how_to_print"]), s["heading"]),
        Paragraph(esc(words.booklet_sheets(total, total // 4)), s["body"]),
    ]
    tail = [Paragraph(esc(step), s["cue"], bulletText=f"{i}.") for i, step in enumerate(words["how_to_print_steps"], 1)]
    tail.append(Paragraph(esc(words["how_to_print_single"]), s["note"]))
    used = 0.0
    for index, flowable in enumerate(head + tail):
        used += flowable.wrap(page.frame_width, page.frame_height)[1] + flowable.getSpaceAfter()
        used += flowable.getSpaceBefore() if index else 0  # none at the top of the frame
    budget = page.frame_height - used - 2 * styles.PRINT_GAP - 2
    diagram = SheetDiagram(sheets, pages, sheet_size, words, palette, budget)
    return head + [Spacer(0, styles.PRINT_GAP), diagram, Spacer(0, styles.PRINT_GAP)] + tail
