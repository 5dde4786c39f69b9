"""The mat card's layout as plain data: which steps go on which page, and where every cell, line of text,
picture, caution mark and series band lands on it. Nothing here draws; `matcard.py` paints what this decides.

A page holds at most six step cells in a grid (2 x 3; fewer cells get larger ones: 1-3 in a row or one above
the other, 4 as 2 x 2). A cell: number and name, side badge and hold, the caution mark (icon and the numbers
of `number_cautions`), a client's chosen variation, and the figure or photo as large as the rest of the cell
allows (below the text, or beside it). Under the grid: the words of every caution of the page's steps, with
the same icon and numbers. The cautions for the whole practice (and a client's notes) go in an empty cell of
the first or last page, or at the foot of one of them.

The cells go over as few pages as keep every picture at least MAT_MIN_FIGURE high (or as wide as its cell),
split as evenly as fits (a series cut by a page counts against a split), the cautions' words set in two
columns, else one, else run in (`NOTE_MODES`, the same on every page). A series is a tinted band behind its
cells, its banner in a strip above its first cells on each page it is on ("continued" after the first when
that takes no more lines): it takes no cell of the grid and forces no page break.

Coordinates are points on the page from its lower left corner; a Run's y is its baseline.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from handouts.core.model import Personal
from handouts.layouts import styles
from handouts.layouts.cautions import CautionNumbers, number_cautions
from handouts.layouts.lines import short_hold
from handouts.layouts.matnotes import NOTE_MODES, CautionWords, number_list
from handouts.layouts.mattext import (
    CAP_HEIGHT,
    DESCENT,
    Run,
    Shape,
    flow,
    one_line,
    shifted,
    width_of,
    word_tokens,
    wrap,
)
from handouts.plan.planner import Plan, PlannedSeries, PlannedStep
from handouts.reading.labels import Labels


# -- what gets placed ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Picture:
    """A step's figure or photo, fitted exactly into this box (its foot on the box's foot)."""

    step: PlannedStep = field(compare=False, repr=False)
    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True)
class Cell:
    step: PlannedStep = field(compare=False, repr=False)
    label: str
    x: float
    y: float
    w: float
    h: float
    row: int
    column: int
    series: str | None  # the series' title
    cautions: tuple[int, ...]
    picture: float  # the height (points) of its picture, 0 for none


@dataclass(frozen=True)
class Page:
    number: int
    total: int
    size: tuple[float, float]
    grid: tuple[int, int]  # rows, columns
    cells: tuple[Cell, ...]
    shapes: tuple[Shape, ...]  # painted in order, under the pictures and text
    pictures: tuple[Picture, ...]
    runs: tuple[Run, ...]
    cautions: tuple[int, ...]  # the numbered cautions whose words are at its foot
    general: bool  # the general cautions are on it
    notes: str  # the mode the cautions' words are set in
    spare: float = 0.0  # height (points) the grid leaves empty, above and below it

    @property
    def room(self) -> float:
        """The height of its smallest picture (points)."""
        return min((c.picture for c in self.cells if c.picture), default=10_000.0)


# -- a cell's text, measured once ----------------------------------------------------------------------------
@dataclass
class _CellText:
    step: PlannedStep
    series: PlannedSeries | None
    name_lines: list[str]
    detail_lines: list[str]
    mark_lines: list[str]  # the caution numbers beside the icon ('3, 4'); [] for none
    label_width: float
    name_size: float
    detail_size: float
    inner: float
    chosen: list = field(default_factory=list)  # lines (of mattext.Piece) of the variation chosen for a client

    @property
    def chosen_lead(self) -> float:
        return styles.MAT_CAUTION_SIZE * styles.MAT_CAUTION_LEADING

    @property
    def chosen_height(self) -> float:
        return (
            styles.MAT_TEXT_GAP + len(self.chosen) * self.chosen_lead + 2 * styles.MAT_CHOSEN_PAD
            if self.chosen
            else 0.0
        )

    @property
    def name_lead(self) -> float:
        return self.name_size * styles.MAT_NAME_LEADING

    @property
    def detail_lead(self) -> float:
        return self.detail_size * styles.MAT_DETAIL_LEADING

    @property
    def icon(self) -> float:
        return self.detail_size * 1.15

    @property
    def mark_size(self) -> tuple[float, float]:
        if not self.mark_lines:
            return 0.0, 0.0
        numbers = max(width_of(line, True, self.detail_size) for line in self.mark_lines)
        return (self.icon + self.detail_size * 0.25 + numbers, max(self.icon, len(self.mark_lines) * self.detail_lead))

    @property
    def mark_inline(self) -> bool:
        """The mark fits at the right end of the badge line (else it sits in the picture's corner)."""
        return (
            bool(self.mark_lines)
            and len(self.mark_lines) == 1
            and bool(self.detail_lines)
            and (
                width_of(self.detail_lines[0], True, self.detail_size) + self.detail_size + self.mark_size[0]
                <= self.inner
            )
        )

    @property
    def text_height(self) -> float:
        """From the cell's inner top to below the last line."""
        height = (len(self.name_lines) - 1) * self.name_lead + self.name_size * (CAP_HEIGHT + DESCENT)
        if self.detail_lines:
            height += styles.MAT_TEXT_GAP + len(self.detail_lines) * self.detail_lead
        return height + self.chosen_height


class MatLayout:
    """Decides the mat card's pages for one plan on one page size.

    `aspects` gives each step's picture proportions (width / height, figure or photo) by id(step), None for a
    step with neither; `personal` is the client's name for "Prepared for" and their teacher's notes, or
    None."""

    def __init__(
        self,
        plan: Plan,
        page: styles.PageSpec,
        words: Labels,
        aspects: dict[int, float | None],
        personal: Personal | None = None,
    ):
        self.plan, self.spec, self.w, self.aspects = plan, page, words, aspects
        self.personal = personal.name if personal is not None else None
        self.notes_for_client = [str(note) for note in personal.notes] if personal is not None else []
        self.numbers: CautionNumbers = number_cautions(plan)
        self.entries: list[tuple[PlannedStep, PlannedSeries | None]] = []
        for item in plan.items:
            if isinstance(item, PlannedSeries):
                self.entries += [(step, item) for step in item.steps]
            else:
                self.entries.append((item, None))
        self.first_of: dict[int, int] = {}  # id(series) -> the index of its first cell
        for index, (_, series) in enumerate(self.entries):
            if series is not None:
                self.first_of.setdefault(id(series), index)
        self.words = CautionWords(plan, words, self.numbers, self.notes_for_client)
        self.extras = bool(self.words.general or self.notes_for_client)  # what goes at a foot or in an empty cell
        self._texts: dict[tuple[int, float], _CellText] = {}
        self._rooms: dict[tuple, float | None] = {}  # `room`'s answers, for one setting of the caution words

    # -- the whole card ------------------------------------------------------------------------------------
    def pages(self) -> list[Page]:
        """The fewest pages on which every picture is MAT_MIN_FIGURE high or more (or as wide as its cell).
        At that count: the most open setting of the cautions' words that fits (`NOTE_MODES`), the most even
        split (`arrange`); and each caution saying which steps it is for when that still fits (the foot's
        columns stand under the cells, so '2' alone could be read as the step above it)."""
        plain = self._pages(max(1, -(-len(self.entries) // styles.MAT_MAX_CELLS)))
        words = self.words
        self.words = CautionWords(self.plan, self.w, self.numbers, self.notes_for_client, steps_named=True)
        self._rooms = {}
        for mode in NOTE_MODES:
            found = self.arrange(len(plain), mode)
            if found is not None:
                chunks, general = found
                return [
                    self.fitted(start, count, number, len(plain), general[number - 1], mode)
                    for number, (start, count) in enumerate(chunks, 1)
                ]
        self.words = words
        return plain

    def _pages(self, least: int) -> list[Page]:
        n = len(self.entries)
        self._rooms = {}
        for total in range(least, n + 1):
            for mode in NOTE_MODES:
                found = self.arrange(total, mode)
                if found is not None:
                    chunks, general = found
                    return [
                        self.fitted(start, count, number, total, general[number - 1], mode)
                        for number, (start, count) in enumerate(chunks, 1)
                    ]
        return self.overflow()

    def overflow(self) -> list[Page]:
        """One cell a page and still no room for all its cautions' words (a step with a dozen long ones): as
        many as fit at its foot, the rest on pages of their own right after it, as are the general cautions
        when the first page has no room for them. Nothing is left out, nothing overlaps."""
        mode = NOTE_MODES[-1]
        specs: list[tuple] = []  # ("cell", index, cautions, general) or ("words", cautions, general)
        general_left = self.extras
        for index in range(len(self.entries)):
            own = tuple(sorted(self.numbers.of(self.entries[index][0].label)))
            chosen = (0, "")
            for k in range(len(own), -1, -1):
                placed = next(
                    (
                        g
                        for g in (("foot", "") if index == 0 and self.extras else ("",))
                        if self.page(index, 1, 1 if index == 0 else 2, 2, g, mode, only=own[:k])
                    ),
                    None,
                )
                if placed is not None:
                    chosen = (k, placed)
                    break
            general_here = chosen[1] == "foot"
            general_left = general_left and not general_here
            specs.append(("cell", index, own[: chosen[0]], chosen[1]))
            rest = list(own[chosen[0] :])
            words_general = general_left and index == 0
            general_left = general_left and not words_general
            while rest or words_general:
                fits: list[int] = []
                for number in rest:
                    if self.words_height(tuple(fits + [number]), words_general, mode) > self.words_room():
                        break
                    fits.append(number)
                if not fits and rest and not words_general:
                    fits = rest[:1]  # a caution longer than a page: never (it would print past the foot)
                specs.append(("words", tuple(fits), words_general))
                rest = rest[len(fits) :]
                words_general = False
        total = len(specs)
        pages = []
        for number, spec in enumerate(specs, 1):
            if spec[0] == "cell":
                pages.append(self.fitted(spec[1], 1, number, total, spec[3], mode, force=True, only=spec[2]))
            else:
                pages.append(self.words_page(number, total, spec[1], spec[2], mode))
        return pages

    def words_room(self) -> float:
        """The height a page of caution words has under its running title."""
        spec = self.spec
        return spec.frame_height - styles.MAT_RUNNING_SIZE * (CAP_HEIGHT + 0.5) - styles.MAT_SECTION_GAP

    def words_height(self, cautions: tuple[int, ...], general: bool, mode: str) -> float:
        return self.words.notes(cautions, general, mode, self.spec.frame_width)[2]

    def words_page(self, number: int, total: int, cautions: tuple[int, ...], general: bool, mode: str) -> Page:
        """A page of caution words only: those its step's page had no room for."""
        spec = self.spec
        width, height = spec.size
        left, right, top = spec.left, width - spec.right, height - spec.top
        runs: list[Run] = []
        shapes: list[Shape] = []
        y = self.header(number, total, left, right, top, runs, shapes) - styles.MAT_SECTION_GAP
        note_runs, note_shapes, _ = self.words.notes(cautions, general, mode, right - left)
        runs += shifted(note_runs, left, y)
        shapes += shifted(note_shapes, left, y)
        return Page(
            number,
            total,
            spec.size,
            (0, 0),
            (),
            tuple(shapes),
            (),
            tuple(runs),
            cautions,
            general and self.extras,
            mode,
        )

    def placements(self, total: int) -> list[tuple[str, ...]]:
        """Where the general cautions may go, by page, first choice first: in the first page's empty cell, at
        its foot, in the last page's empty cell, at its foot."""
        if not self.extras:
            return [("",) * total]
        rest = ("",) * (total - 1)
        options = [("slot",) + rest, ("foot",) + rest, rest + ("slot",), rest + ("foot",)]
        return list(dict.fromkeys(options))

    def room(self, start: int, count: int, general: str, mode: str) -> float | None:
        """The height of the smallest picture on a page of these cells, or None when it does not fit."""
        key = (start, count, general, mode)
        if key not in self._rooms:
            page = self.page(start, count, 1 if start == 0 else 2, 2, general, mode)
            self._rooms[key] = None if page is None else page.room
        return self._rooms[key]

    def arrange(self, total: int, mode: str) -> tuple[list[tuple[int, int]], tuple[str, ...]] | None:
        """Cells over `total` pages with the caution words in `mode`, and where the general cautions go; None
        when nothing fits. Of the splits that fit: the most even (least sum of squared cell counts), a series
        cut by a page counting MAT_SERIES_CUT more, then the one leaving the most room."""
        n = len(self.entries)
        limit = styles.MAT_MAX_CELLS
        cuts = {
            i for i in range(1, n) if self.entries[i][1] is not None and self.entries[i - 1][1] is self.entries[i][1]
        }
        best = None
        for general in self.placements(total):
            memo: dict[tuple[int, int], tuple | None] = {}

            def best_from(i: int, pages: int, memo=memo, general=general):
                """(cost, -room, chunks) for cells i.. on `pages` pages, or None."""
                if (i, pages) in memo:
                    return memo[i, pages]
                found = None
                rest = n - i
                for count in range(1, min(limit, rest) + 1):
                    if (pages == 1 and count != rest) or rest - count > limit * (pages - 1) or rest - count < pages - 1:
                        continue
                    g = general[total - pages]
                    if g == "slot" and all(count == r * c for r, c in styles.MAT_GRIDS[count]):
                        continue
                    room = self.room(i, count, g, mode)
                    if room is None:
                        continue
                    tail = (0, -float("inf"), []) if pages == 1 else best_from(i + count, pages - 1)
                    if tail is None:
                        continue
                    cost = count * count + (styles.MAT_SERIES_CUT if i + count in cuts else 0) + tail[0]
                    value = (cost, max(-room, tail[1]), [(i, count)] + tail[2])
                    if found is None or value[:2] < found[:2]:
                        found = value
                memo[i, pages] = found
                return found

            result = best_from(0, total)
            if result is not None and (best is None or result[:2] < best[0]):
                best = (result[:2], result[2], general)
        return (best[1], best[2]) if best is not None else None

    # -- one page ------------------------------------------------------------------------------------------
    def fitted(
        self,
        start: int,
        count: int,
        number: int,
        total: int,
        general: str,
        mode: str,
        force: bool = False,
        only: tuple[int, ...] | None = None,
    ) -> Page:
        """`page` where it is known to fit: cells `arrange` found room for, or forced (at a foot, not in a slot)."""
        page = self.page(start, count, number, total, general, mode, force, only)
        assert page is not None, (start, count, number, total, general, mode)
        return page

    def page(
        self,
        start: int,
        count: int,
        number: int,
        total: int,
        general: str = "",
        mode: str = "columns",
        force: bool = False,
        only: tuple[int, ...] | None = None,
    ) -> Page | None:
        """Page `number`: cells start..start+count, the general cautions at its foot or in its empty cell
        (`general` 'foot' or 'slot'); None when a picture would be lower than MAT_MIN_FIGURE (and narrower
        than its cell) or the general cautions do not fit their cell, unless `force`. Of the grids for that
        many cells (`MAT_GRIDS`), the one whose smallest picture is clearly the largest, else the one that
        fills the page best. `only`: the cautions whose words go at its foot, when not all of its steps'."""
        best, best_size = None, -1.0
        for grid in styles.MAT_GRIDS[count]:
            page = self.grid_page(start, count, number, total, general, mode, force, grid, only)
            if page is None:
                continue
            size = min((p.h for p in page.pictures), default=0.0)
            # clearly larger pictures; or about as large, on a grid that fills the page better
            if best is None or size > best_size * 1.1 or (size >= best_size / 1.1 and page.spare < best.spare - 1):
                best, best_size = page, size
        return best

    def grid_page(
        self,
        start: int,
        count: int,
        number: int,
        total: int,
        general: str,
        mode: str,
        force: bool,
        grid: tuple[int, int],
        only: tuple[int, ...] | None = None,
    ) -> Page | None:
        """`page` on one grid (rows, columns)."""
        spec = self.spec
        width, height = spec.size
        left, right, top, bottom = spec.left, width - spec.right, height - spec.top, spec.bottom
        frame = right - left
        rows, columns = grid
        name_size, detail_size = styles.MAT_SIZES[columns]
        gutter = styles.MAT_GUTTER
        cell_w = (frame - (columns - 1) * gutter) / columns
        inner = cell_w - 2 * styles.MAT_CELL_PAD
        texts = [
            self.cell_text(step, series, name_size, detail_size, inner)
            for step, series in self.entries[start : start + count]
        ]
        positions = [(i // columns, i % columns) for i in range(count)]
        runs: list[Run] = []
        shapes: list[Shape] = []

        header_foot = self.header(number, total, left, right, top, runs, shapes)
        grid_top = header_foot - styles.MAT_SECTION_GAP

        cautions = tuple(sorted({n for t in texts for n in self.numbers.of(t.step.label)})) if only is None else only
        grid_bottom = bottom
        at_foot = general == "foot" and self.extras
        if cautions or at_foot:
            note_runs, note_shapes, note_height = self.words.notes(cautions, at_foot, mode, frame)
            runs += shifted(note_runs, left, bottom + note_height)
            shapes += shifted(note_shapes, left, bottom + note_height)
            rule_y = bottom + note_height + 0.5 * styles.mm  # clear of a series band reaching below its cells
            shapes.append(Shape("rect", left, rule_y, frame, 0, stroke="rule", line=0.8))
            grid_bottom = bottom + note_height + styles.MAT_SECTION_GAP + 2

        # banners: above a row where a series' first cell on this page is
        banners: dict[int, list[tuple[int, list[str], float, float]]] = {}  # row -> (index, lines, x0, x1)
        lead = styles.MAT_BANNER_SIZE * styles.MAT_DETAIL_LEADING
        for index, text in enumerate(texts):
            if text.series is None or (index and texts[index - 1].series is text.series):
                continue
            row, column = positions[index]
            last = max(i for i, t in enumerate(texts) if t.series is text.series and positions[i][0] == row)
            x0 = left + column * (cell_w + gutter) - styles.MAT_BAND_PAD
            x1 = left + positions[last][1] * (cell_w + gutter) + cell_w + styles.MAT_BAND_PAD
            room = x1 - x0 - 2 * (styles.MAT_STRIP_PAD + styles.MAT_BAND_PAD)
            lines = wrap(self.banner(text.series, False), True, styles.MAT_BANNER_SIZE, room)
            if start + index != self.first_of[id(text.series)]:  # "continued", unless it takes another line
                longer = wrap(self.banner(text.series, True), True, styles.MAT_BANNER_SIZE, room)
                lines = longer if len(longer) == len(lines) else lines
            banners.setdefault(row, []).append((index, lines, x0, x1))
        strip = {row: max(len(b[1]) for b in found) * lead + 2 * styles.MAT_STRIP_PAD for row, found in banners.items()}
        above = [(strip[r] + styles.MAT_BAND_PAD if r in strip else 0.0) + (gutter if r else 0.0) for r in range(rows)]
        space = grid_top - grid_bottom - sum(above)
        row_h = space / rows
        pad2 = 2 * styles.MAT_CELL_PAD + styles.MAT_TEXT_GAP
        need = max(pad2 + t.text_height for t in texts)  # the text at least; the pictures are checked below
        if row_h < need - 1e-6 and not force:
            return None
        slot = None
        if general == "slot" and self.extras:
            if count >= rows * columns:
                return None
            slot = self.words.slot_block(inner)
            if slot[2] > row_h - 2 * styles.MAT_CELL_PAD and not force:
                return None
        # no taller than the tallest cell needs with its picture as wide as the cell; the rest goes round
        full = max(
            [pad2 + t.text_height + self.full_height(t) for t in texts]
            + ([slot[2] + 2 * styles.MAT_CELL_PAD] if slot else [])
        )
        row_h = max(min(row_h, full), 1.0)
        y = grid_top - (space - rows * row_h) / 2
        tops = []
        for row in range(rows):
            y -= above[row]
            tops.append(y)
            y -= row_h

        self.bands(texts, positions, tops, row_h, cell_w, left, banners, strip, shapes, runs, lead)
        cells, pictures = [], []
        for text, (row, column) in zip(texts, positions):
            x = left + column * (cell_w + gutter)
            shapes.append(
                Shape(
                    "rect",
                    x,
                    tops[row] - row_h,
                    cell_w,
                    row_h,
                    fill="white",
                    stroke="rule",
                    radius=styles.MAT_CELL_RADIUS,
                    line=styles.MAT_CELL_LINE,
                )
            )
            picture = self.place_cell(text, x, tops[row], cell_w, row_h, runs, shapes)
            if picture is not None:
                if picture.h < styles.MAT_MIN_FIGURE - 1e-6 and picture.w < 0.9 * inner and not force:
                    return None  # too small a picture, and not for want of the cell's width
                pictures.append(picture)
            cells.append(
                Cell(
                    text.step,
                    text.step.label,
                    x,
                    tops[row] - row_h,
                    cell_w,
                    row_h,
                    row,
                    column,
                    text.series.title if text.series else None,
                    self.numbers.of(text.step.label),
                    picture.h if picture is not None else 0.0,
                )
            )
        if slot is not None:  # the general cautions in the empty cell after the last step
            row, column = divmod(count, columns)
            x = left + column * (cell_w + gutter)
            shapes.append(
                Shape(
                    "rect",
                    x,
                    tops[row] - row_h,
                    cell_w,
                    row_h,
                    fill="caution_light",
                    stroke="caution",
                    radius=styles.MAT_CELL_RADIUS,
                    line=styles.MAT_CELL_LINE,
                )
            )
            dx, dy = x + styles.MAT_CELL_PAD, tops[row] - styles.MAT_CELL_PAD
            runs += shifted(slot[0], dx, dy)
            shapes += shifted(slot[1], dx, dy)
        return Page(
            number,
            total,
            spec.size,
            (rows, columns),
            tuple(cells),
            tuple(shapes),
            tuple(pictures),
            tuple(runs),
            cautions,
            at_foot or slot is not None,
            mode,
            space - rows * row_h,
        )

    # -- header ----------------------------------------------------------------------------------------------
    def header(self, number: int, total: int, left: float, right: float, top: float, runs: list, shapes: list) -> float:
        """The title (first page) or the running title, the folio at the right; returns the header's foot."""
        folio = f"{number} / {total}"
        small = styles.MAT_RUNNING_SIZE
        folio_w = width_of(folio, True, small)
        room = right - left - folio_w - 6 * styles.mm
        title = str(self.plan.sequence.title)
        prepared = self.w("prepared_for", name=self.personal) if self.personal else ""
        if number > 1:
            y = top - small * CAP_HEIGHT
            runs.append(
                Run(
                    one_line(title + (f"  \u00b7  {prepared}" if prepared else ""), False, small, room),
                    left,
                    y,
                    small,
                    False,
                    "muted",
                    "running",
                )
            )
            runs.append(Run(folio, right - folio_w, y, small, True, "muted", "folio"))
            rule_y = y - small * 0.5
            shapes.append(Shape("rect", left, rule_y, right - left, 0, stroke="rule", line=0.6))
            return rule_y
        size = styles.MAT_TITLE_SIZE
        y = top - size * CAP_HEIGHT
        runs.append(Run(folio, right - folio_w, y, small, True, "muted", "folio"))
        lines = wrap(title, True, size, room)
        for i, line in enumerate(lines):
            if i:
                y -= size * 1.08
            runs.append(Run(line, left, y, size, True, "ink", "title"))
        foot = y - size * DESCENT
        if prepared:
            psize = styles.MAT_CAUTION_SIZE
            after = left + width_of(lines[-1], True, size) + 6 * styles.mm
            if after + width_of(prepared, False, psize) <= left + room:
                runs.append(Run(prepared, after, y, psize, False, "ink", "prepared"))
            else:
                for line in wrap(prepared, False, psize, room):
                    y -= psize * 1.2
                    runs.append(Run(line, left, y, psize, False, "ink", "prepared"))
                foot = y - psize * DESCENT
        return foot

    # -- a cell --------------------------------------------------------------------------------------------
    def cell_text(
        self, step: PlannedStep, series: PlannedSeries | None, name_size: float, detail_size: float, inner: float
    ) -> _CellText:
        key = (id(step), inner)
        done = self._texts.get(key)
        if done is None:
            name = self.w.repeat_name(step.name) if step.repeat_of else step.name
            label_width = width_of(step.label, True, name_size)
            name_lines = wrap(name, True, name_size, inner - label_width - name_size * 0.3)
            detail = "  \u00b7  ".join(
                d for d in (self.w.side_badge(step.mode, step.order), short_hold(self.w.hold_label(step.hold))) if d
            )
            detail_lines = wrap(detail, True, detail_size, inner) if detail else []
            numbers = self.numbers.of(step.label)
            marks = wrap(number_list(numbers), True, detail_size, inner / 2) if numbers else []
            chosen = []
            if step.chosen:  # a client's own variation: the words they follow instead of the pose's
                size = styles.MAT_CAUTION_SIZE
                tokens = word_tokens(
                    f"{self.w['for_you']} ({self.w[step.chosen].lower()}):", True, "ink", "chosen", size
                )
                for text in step.easier if step.chosen == "easier" else step.deeper:
                    tokens += word_tokens(self.w.sided(text, None, step.order), False, "ink", "chosen", size)
                chosen = flow(tokens, size, inner - 2 * styles.MAT_CHOSEN_PAD)
            done = self._texts[key] = _CellText(
                step, series, name_lines, detail_lines, marks, label_width, name_size, detail_size, inner, chosen
            )
        return done

    def full_height(self, text: _CellText) -> float:
        """How high the cell's picture area must be for the picture to take the cell's whole inner width."""
        aspect = self.aspects.get(id(text.step))
        if not aspect:
            return styles.MAT_MIN_FIGURE
        corner = text.mark_size[1] + styles.MAT_TEXT_GAP if text.mark_lines and not text.mark_inline else 0
        return max(text.inner / aspect + corner, styles.MAT_MIN_FIGURE)

    def place_cell(
        self, text: _CellText, x: float, top: float, w: float, h: float, runs: list, shapes: list
    ) -> Picture | None:
        """Number and name, badge line, caution mark and the picture: below the text (the mark at the right
        of the badge line, or in the picture area's top right corner), or beside the text when it is larger
        so (a standing figure in a wide cell; the mark then follows the badge, or goes under it). Returns the
        picture's place (None when the step has none or there is no room)."""
        pad, gap = styles.MAT_CELL_PAD, styles.MAT_TEXT_GAP
        left, inner = x + pad, w - 2 * pad
        indent = text.label_width + text.name_size * 0.3
        size = text.detail_size
        mark_w, mark_h = text.mark_size
        chosen_w = max(
            (
                line[-1].x + width_of(line[-1].text, line[-1].bold, styles.MAT_CAUTION_SIZE)
                for line in text.chosen
                if line
            ),
            default=0.0,
        )
        area_top = top - pad - text.text_height - gap
        area_bottom = top - h + pad
        area = area_top - area_bottom
        aspect = self.aspects.get(id(text.step))

        # where the picture goes, and so where the mark goes
        choice = ("none", 0.0, 0.0, 0.0)  # how, x, width, height
        if aspect:
            corner = bool(text.mark_lines) and not text.mark_inline
            below = [(inner, area - (mark_h + gap if corner else 0), False)]
            if corner:  # beside the mark, the full height
                below.append((inner - mark_w - gap, area, True))
            for bw, bh, beside_mark in below:
                if bw > 1 and bh > 1:
                    fw, fh = fit_box(aspect, bw, bh)
                    if fh < 1:
                        continue
                    if fh > choice[3] + 0.5:
                        px = left + (inner - fw) / 2
                        if beside_mark and area_bottom + fh > area_top - mark_h - gap + 0.01:
                            px = max(left, min(px, left + inner - mark_w - gap - fw))  # clear of the mark
                        choice = ("below", px, fw, fh)
            # beside all the text (full height), or beside the badge lines and under the name
            details = [width_of(line, True, size) for line in text.detail_lines]
            column_h = text.text_height
            if text.mark_inline:
                details[0] += size * 0.6 + mark_w
            elif text.mark_lines:
                details.append(mark_w)
                column_h += gap + mark_h
            if text.chosen:
                details.append(chosen_w + 2 * styles.MAT_CHOSEN_PAD)
            names = [indent + width_of(line, True, text.name_size) for line in text.name_lines]
            name_h = (len(names) - 1) * text.name_lead + text.name_size * (CAP_HEIGHT + DESCENT)
            besides = ((max(names + details), h - 2 * pad), (max(details, default=0), h - 2 * pad - name_h - gap))
            for column, bh in besides:
                bw = inner - column - 3 * gap
                if bw > styles.MAT_MIN_FIGURE / 2 and column_h <= h - 2 * pad and bh > 1:
                    fw, fh = fit_box(aspect, bw, bh)
                    if fh > choice[3] * 1.15:  # clearly larger: beside
                        choice = ("beside", left + column + 3 * gap + (bw - fw) / 2, fw, fh)

        y = top - pad - text.name_size * CAP_HEIGHT
        runs.append(Run(text.step.label, left, y, text.name_size, True, "accent", "label"))
        for i, line in enumerate(text.name_lines):
            if i:
                y -= text.name_lead
            runs.append(Run(line, left + indent, y, text.name_size, True, "ink", "name"))
        first_detail = y
        if text.detail_lines:
            y -= text.name_size * DESCENT + gap + size * 0.95
            first_detail = y
            for i, line in enumerate(text.detail_lines):
                if i:
                    y -= text.detail_lead
                runs.append(Run(line, left, y, size, True, "accent", "detail"))
        if text.chosen:  # the client's variation, on a tint
            csize, cpad = styles.MAT_CAUTION_SIZE, styles.MAT_CHOSEN_PAD
            box_top = top - pad - (text.text_height - text.chosen_height) - gap
            box_h = len(text.chosen) * text.chosen_lead + 2 * cpad
            shapes.append(
                Shape("rect", left, box_top - box_h, chosen_w + 2 * cpad, box_h, fill="accent_light", radius=cpad)
            )
            base = box_top - cpad - (text.chosen_lead - csize) / 2 - csize * 0.8
            for line in text.chosen:
                for piece in line:
                    runs.append(
                        Run(piece.text, left + cpad + piece.x, base, csize, piece.bold, piece.color, piece.role)
                    )
                base -= text.chosen_lead
        if text.mark_lines:
            if text.mark_inline:  # on the badge line: at the cell's right, or after the badge
                base = first_detail
                mx = (
                    left + inner - mark_w
                    if choice[0] != "beside"
                    else left + width_of(text.detail_lines[0], True, size) + size * 0.6
                )
            elif choice[0] == "beside":  # under the badge line
                base = area_top - text.icon / 2 - size * 0.33
                mx = left
            else:  # in the top right corner of the picture's area
                base = area_top - text.icon / 2 - size * 0.33
                mx = left + inner - mark_w
            shapes.append(
                Shape(
                    "icon",
                    mx,
                    base - size * 0.1 if text.mark_inline else area_top - text.icon,
                    text.icon,
                    text.icon,
                    fill="caution",
                )
            )
            for line in text.mark_lines:
                runs.append(Run(line, mx + mark_w - width_of(line, True, size), base, size, True, "caution", "mark"))
                base -= text.detail_lead
        if choice[0] == "none":
            return None
        return Picture(text.step, choice[1], area_bottom, choice[2], choice[3])

    # -- series --------------------------------------------------------------------------------------------
    def banner(self, series: PlannedSeries, continued: bool) -> str:
        first, last = series.span
        title = self.w.series_title(series.title)
        if continued:
            title = f"{title} ({self.w['continued']})"
        return f"{title} \u00b7 {self.w.series_banner(first, last, series.mode, series.order)}"

    def bands(self, texts, positions, tops, row_h, cell_w, left, banners, strip, shapes, runs, lead) -> None:
        """A tinted band behind each series' cells on the page (joined across rows where they meet), its
        banner in a strip on top of the band's first row."""
        pad, gutter = styles.MAT_BAND_PAD, styles.MAT_GUTTER
        for row, found in banners.items():
            for index, lines, sx0, sx1 in found:
                series = texts[index].series
                members = [i for i, t in enumerate(texts) if t.series is series]
                segments = []  # x0, x1, bottom, top
                for r in sorted({positions[i][0] for i in members}):
                    in_row = [positions[i][1] for i in members if positions[i][0] == r]
                    segments.append(
                        [
                            left + min(in_row) * (cell_w + gutter) - pad,
                            left + max(in_row) * (cell_w + gutter) + cell_w + pad,
                            tops[r] - row_h - pad,
                            tops[r] + pad,
                        ]
                    )
                strip_h = strip[row]
                segments[0][3] += strip_h
                for (ax0, ax1, ab, _), (bx0, bx1, _, bt) in itertools.pairwise(segments):
                    lo, hi = max(ax0, bx0), min(ax1, bx1)
                    if hi > lo:
                        shapes.append(Shape("rect", lo, bt - 1, hi - lo, ab - bt + 2, fill="accent_light"))
                for x0, x1, b, t in segments:
                    shapes.append(
                        Shape("rect", x0, b, x1 - x0, t - b, fill="accent_light", radius=styles.MAT_CELL_RADIUS + pad)
                    )
                strip_top = segments[0][3]
                shapes.append(
                    Shape(
                        "strip",
                        sx0,
                        strip_top - strip_h,
                        sx1 - sx0,
                        strip_h,
                        fill="accent",
                        radius=styles.MAT_CELL_RADIUS + pad,
                    )
                )
                y = (
                    strip_top
                    - styles.MAT_STRIP_PAD
                    - (lead - styles.MAT_BANNER_SIZE) / 2
                    - styles.MAT_BANNER_SIZE * 0.8
                )
                for line in lines:
                    runs.append(
                        Run(
                            line,
                            sx0 + styles.MAT_STRIP_PAD + pad,
                            y,
                            styles.MAT_BANNER_SIZE,
                            True,
                            "on_accent",
                            "banner",
                        )
                    )
                    y -= lead


def split(n: int, pages: int) -> list[tuple[int, int]]:
    """`n` cells over `pages` pages as evenly as they go, the earlier pages taking one more: (start, count)."""
    base, extra = divmod(n, pages)
    out, start = [], 0
    for page in range(pages):
        count = base + (1 if page < extra else 0)
        out.append((start, count))
        start += count
    return out


def fit_box(aspect: float, width: float, height: float) -> tuple[float, float]:
    """The largest width x height of proportions `aspect` (width / height) inside a box."""
    if width / height > aspect:
        return height * aspect, height
    return width, width / aspect
