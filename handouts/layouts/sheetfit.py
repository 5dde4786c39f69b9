"""The cheat sheet's fitter: the page, columns, type size and figure size, and where everything goes.

Input is the sheet's content as blocks of text (`Content`: title, facts, steps and series, the client's notes,
the cautions at the foot); output a `Layout` in plain data: the chosen page and sizes and, page by page, every
text, figure, rule and frame, in points from the frame's top left corner. Nothing here draws (cheatsheet.py
does), so the decisions can be tested as data.

The search goes from the largest type down; at each size it tries every page (portrait, landscape), column
count and figure place (beside the text, or above it in a narrow column), each with the largest figure that
lets the sheet fit. Cells are measured once per text width and the grid's height is arithmetic: rows as tall
as their tallest cell, a series a block of its own kept whole. The first size with a fit wins; among its fits,
the fewest pages, then the largest figure, then the fullest first page. A fit never has a column of text
narrower than CHEAT_TEXT_MIN, nor a word that would not fit its line even hyphenated.
"""

from __future__ import annotations

from typing import NamedTuple

from handouts.layouts import styles
from handouts.layouts.lines import Block, Line

BESIDE, ABOVE = "beside", "above"


# -- what goes on the sheet -----------------------------------------------------------------------------------
class Cell(NamedTuple):
    """A step: its number, name, details (side, hold, caution mark), and the shape of its picture: the
    width / height of what the figure shows (a lying pose is wide and needs less height), 0 for none."""

    label: Block
    name: Block
    detail: Block
    picture: float
    key: int  # the step's index, for the drawing
    chosen: Block | None = None  # a client's own variation ("For you (easier): ..."), under the details


class Group(NamedTuple):
    """A series: its banner and its steps, kept together."""

    banner: Block
    cells: tuple[Cell, ...]


class Entry(NamedTuple):
    """A line of the foot or of the notes: words with a marker hanging to their left (the caution icon and
    number, a bullet), and a heading kept with it."""

    text: Block
    marker: Block | None = None
    heading: Block | None = None


class Content(NamedTuple):
    title: Block
    facts: Block
    continued: Block  # the head of every page after the first
    items: tuple  # Cell | Group
    notes: tuple[Entry, ...] = ()  # the client's notes, in one frame with their heading
    notes_heading: Block | None = None
    signature: Block | None = None
    foot: tuple[Entry, ...] = ()  # the cautions
    general: int = 0  # how many of the foot's first entries are the cautions throughout the practice


class Sizes(NamedTuple):
    name: float  # step names
    body: float  # everything else but the title

    @property
    def title(self) -> float:
        return min(self.name + styles.CHEAT_TITLE_EXTRA, styles.CHEAT_TITLE_MAX)

    @property
    def lead_name(self) -> float:
        return self.name * styles.CHEAT_LEADING["name"]

    @property
    def lead_body(self) -> float:
        return self.body * styles.CHEAT_LEADING["body"]

    @property
    def lead_title(self) -> float:
        return self.title * styles.CHEAT_LEADING["title"]


# -- what the fitter decides ----------------------------------------------------------------------------------
class Text(NamedTuple):
    """Broken lines at `size`, the first line's top at `top`; right-aligned in `width` when `right`."""

    x: float
    top: float
    lines: tuple[Line, ...]
    size: float
    leading: float
    right: bool = False
    width: float = 0.0
    key: int | None = None  # a step's name: the step's index (its video's link goes over it)

    @property
    def bottom(self) -> float:
        return self.top + len(self.lines) * self.leading


class Picture(NamedTuple):
    x: float
    top: float
    width: float
    height: float
    key: int

    @property
    def bottom(self) -> float:
        return self.top + self.height


class Rule(NamedTuple):
    x0: float
    x1: float
    y: float
    width: float
    tone: str


class Panel(NamedTuple):
    """A rectangle: filled with `fill` (a tone, or '') and outlined in `stroke`."""

    x: float
    top: float
    width: float
    height: float
    fill: str = ""
    stroke: str = ""


class Page(NamedTuple):
    items: tuple
    bottom: float  # the lowest text or figure, from the frame's top

    @property
    def texts(self) -> list[Text]:
        return [i for i in self.items if isinstance(i, Text)]


class Layout(NamedTuple):
    page: styles.PageSpec
    columns: int
    mode: str
    sizes: Sizes
    figure: tuple[float, float]
    text_width: float  # the narrowest column of text
    pages: tuple[Page, ...]

    @property
    def fill(self) -> float:
        """How far down the first page's frame its content reaches (0..1)."""
        return self.pages[0].bottom / self.page.frame_height


class _Grid(NamedTuple):
    """The geometry of one trial."""

    page: styles.PageSpec
    columns: int
    mode: str
    sizes: Sizes
    figure: float  # the figure box's width
    label: float  # the number's column
    column: float  # a column's width

    @property
    def fig_height(self) -> float:
        return self.figure / styles.CHEAT_FIGURE_ASPECT

    def picture_height(self, shape: float) -> float:
        """The height a picture of this shape takes at the figure's width: the box's, or less for a wide one."""
        if not shape:
            return 0.0
        return min(self.fig_height, (self.figure - 2 * styles.FIGURE_PAD) / shape + 2 * styles.FIGURE_PAD)

    @property
    def text_x(self) -> float:
        """The number's place in a cell."""
        return self.figure + styles.CHEAT_FIGURE_GAP if self.mode == BESIDE and self.figure else 0.0

    @property
    def name_width(self) -> float:
        return self.column - self.text_x - self.label

    @property
    def pad(self) -> float:
        return styles.CHEAT_ROW_PAD * self.sizes.name

    def x(self, index: int) -> float:
        return styles.CHEAT_INSET + index * (self.column + styles.CHEAT_GUTTER)


def _rows(cells, columns: int) -> list[tuple]:
    return [tuple(cells[i : i + columns]) for i in range(0, len(cells), columns)]


def blocks(items, columns: int) -> list:
    """The sheet's blocks in order, each kept on one page: a row of steps, or a series with its rows."""
    out: list = []
    run: list = []
    for item in items:
        if isinstance(item, Group):
            out += _rows(run, columns)
            run = []
            out.append((item, _rows(item.cells, columns)))
        else:
            run.append(item)
    return out + _rows(run, columns)


class Fitter:
    """Measures the content for each trial (remembering what it measured) and finds the best layout."""

    def __init__(self, content: Content, pages: tuple[styles.PageSpec, ...]):
        self.content, self.pages = content, pages
        # the tail may have a page of its own when it holds more than the cautions throughout the practice
        self.tail_alone = bool(content.notes) or len(content.foot) > content.general
        self.front = False  # every step on the first page, the rest on the next (a pass of `fit` may ask it)
        self.cells = [c for item in content.items for c in (item.cells if isinstance(item, Group) else (item,))]
        self.label_em = max((c.label.natural() for c in self.cells), default=0.0)
        self.any_picture = any(c.picture for c in self.cells)
        self.details = all(c.detail for c in self.cells)
        entries = (*content.foot, *content.notes)
        # every text's length on one line, at 1 pt: the area it takes is at least this times size and leading
        self.names = sum(c.name.one_line + c.label.one_line for c in self.cells)
        self.bodies = (
            sum(c.detail.one_line + (c.chosen.one_line if c.chosen else 0) for c in self.cells)
            + sum(e.text.one_line for e in entries)
            + sum(i.banner.one_line for i in content.items if isinstance(i, Group))
        )
        self.shapes = [c.picture for c in self.cells if c.picture]
        self._text: dict = {}
        self._head: dict = {}
        self._tail: dict = {}
        self._units: dict = {}

    # -- measuring ------------------------------------------------------------------------------------------
    def text_heights(self, sizes: Sizes, width: float) -> list[float] | None:
        """Each cell's text height at a name width (None when a word cannot fit it)."""
        key = (sizes, round(width, 2))
        if key not in self._text:
            heights: list[float] = []
            for cell in self.cells:
                name = cell.name.count(width, sizes.name)
                detail = cell.detail.count(width, sizes.body)
                chosen = cell.chosen.count(width, sizes.body) if cell.chosen else 0
                if name is None or detail is None or chosen is None:
                    self._text[key] = None
                    break
                heights.append(
                    name * sizes.lead_name
                    + (detail * sizes.lead_body + 0.1 * sizes.name if detail else 0)
                    + (chosen * sizes.lead_body + 0.15 * sizes.name if chosen else 0)
                )
            else:
                self._text[key] = heights
        return self._text[key]

    def head(self, sizes: Sizes, width: float, first: bool) -> float | None:
        """The height of the first page's title and facts, or of a later page's head, down to the rule."""
        key = (sizes, width, first)
        if key not in self._head:
            if first:
                title = self.content.title.count(width, sizes.title)
                facts = self.content.facts.count(width, sizes.body)
                self._head[key] = (
                    None
                    if title is None or facts is None
                    else (title * sizes.lead_title + 0.1 * sizes.name + facts * sizes.lead_body + 0.45 * sizes.name)
                )
            else:
                lines = self.content.continued.count(width, sizes.body)
                self._head[key] = None if lines is None else lines * sizes.lead_body + 0.45 * sizes.name
        return self._head[key]

    @staticmethod
    def inner(page: styles.PageSpec) -> float:
        return page.frame_width - 2 * styles.CHEAT_INSET

    def unit_heights(self, grid: _Grid) -> list[float] | None:
        """Each block's height in this geometry (None when some text cannot fit its column)."""
        texts = self.text_heights(grid.sizes, grid.name_width)
        if texts is None:
            return None
        heights = {id(c): h for c, h in zip(self.cells, texts)}
        pad = grid.pad
        out = []
        for unit in self.units(grid.columns):
            rows = unit[1] if isinstance(unit[0], Group) else [unit]
            total = sum(2 * pad + self.row_height(row, heights, grid)[0] for row in rows)
            if isinstance(unit[0], Group):
                banner = unit[0].banner.count(self.inner(grid.page), grid.sizes.body)
                if banner is None:
                    return None
                total += 2 * pad + banner * grid.sizes.lead_body + 2 * styles.CHEAT_BAND_PAD
            out.append(total)
        return out

    def row_count(self, columns: int) -> int:
        return sum(len(u[1]) if isinstance(u[0], Group) else 1 for u in self.units(columns))

    def units(self, columns: int) -> list:
        """The blocks kept on one page (`blocks`) for a column count."""
        if columns not in self._units:
            self._units[columns] = blocks(self.content.items, columns)
        return self._units[columns]

    @staticmethod
    def row_height(row, heights: dict, grid: _Grid) -> tuple[float, float]:
        """A row's height, and (above the text) the height its pictures take, text below them aligned."""
        if grid.mode == BESIDE:
            return max(max(grid.picture_height(c.picture), heights[id(c)]) for c in row), 0.0
        area = max(grid.picture_height(c.picture) for c in row)
        area += 0.25 * grid.sizes.name if area else 0.0
        return area + max(heights[id(c)] for c in row), area

    def foot_columns(self, sizes: Sizes, page: styles.PageSpec, columns: int) -> tuple[int, float, float]:
        """How many columns the foot takes (at most the grid's), their width, and the markers' width."""
        markers = [e.marker.natural() for e in self.content.foot if e.marker]
        marker = (max(markers, default=0.0) + 0.45) * sizes.body
        count = max(1, min(columns, len(self.content.foot) or 1))
        while count > 1:
            width = (self.inner(page) - (count - 1) * styles.CHEAT_GUTTER) / count
            if width - marker >= styles.CHEAT_TEXT_MIN:
                break
            count -= 1
        return count, (self.inner(page) - (count - 1) * styles.CHEAT_GUTTER) / count, marker

    def notes_marker(self, sizes: Sizes) -> float:
        """The width of the notes' bullets' column."""
        return (max((e.marker.natural() for e in self.content.notes if e.marker), default=0.0) + 0.6) * sizes.body

    def entry_height(self, entry: Entry, width: float, marker: float, sizes: Sizes) -> float | None:
        text = entry.text.count(width - (marker if entry.marker else 0.0), sizes.body)
        heading = entry.heading.count(width, sizes.body) if entry.heading else 0
        if text is None or heading is None:
            return None
        return text * sizes.lead_body + (heading * sizes.lead_body + 0.15 * sizes.body if heading else 0)

    def tail(self, sizes: Sizes, page: styles.PageSpec, columns: int) -> tuple[float, list[list[int]], float] | None:
        """The notes' frame and the foot: (height, the foot's columns as lists of entry indexes, notes' height)."""
        key = (sizes, page, self.foot_columns(sizes, page, columns)[0])
        if key in self._tail:
            return self._tail[key]
        content, height = self.content, 0.0
        notes_height = 0.0
        if content.notes or content.signature:
            width = self.inner(page) - 2 * styles.CHEAT_NOTES_PAD
            marker = self.notes_marker(sizes)
            measured = [self.entry_height(e, width, marker, sizes) for e in content.notes]
            parts = [p for p in measured if p is not None]
            heading = content.notes_heading.count(width, sizes.body) if content.notes_heading else 0
            signature = content.signature.count(width, sizes.body) if content.signature else 0
            if len(parts) < len(measured) or heading is None or signature is None:
                self._tail[key] = None
                return None
            notes_height = (
                2 * styles.CHEAT_NOTES_PAD
                + heading * sizes.lead_body
                + 0.15 * sizes.body
                + sum(parts)
                + 0.3 * sizes.body * len(parts)
                + signature * sizes.lead_body
            )
            height += 0.5 * sizes.name + notes_height
        split: list[list[int]] = []
        if content.foot:
            count, width, marker = self.foot_columns(sizes, page, columns)
            measured = [self.entry_height(e, width, marker, sizes) for e in content.foot]
            heights = [h for h in measured if h is not None]
            if len(heights) < len(measured):
                self._tail[key] = None
                return None
            split, tallest = _balance(heights, count, 0.35 * sizes.body)
            height += 0.5 * sizes.name + 0.4 * sizes.name + tallest
        self._tail[key] = (height, split, notes_height)
        return self._tail[key]

    # -- searching ------------------------------------------------------------------------------------------
    def grids(self, sizes: Sizes):
        """Every trial geometry at these sizes but the figure's width: (page, columns, mode, label, column,
        the figure widths allowed, largest first)."""
        label = (self.label_em + 0.4) * sizes.name
        low = max(styles.CHEAT_FIGURE_SCALE[0] * sizes.name, styles.CHEAT_FIGURE_MIN)
        for page in self.pages:
            for columns in styles.CHEAT_COLUMNS:
                if columns > max(1, len(self.cells)):
                    break
                column = (self.inner(page) - (columns - 1) * styles.CHEAT_GUTTER) / columns
                if not self.any_picture:  # nothing to draw: the text takes the whole column
                    if column - label >= styles.CHEAT_TEXT_MIN:
                        yield page, columns, BESIDE, label, column, [0.0]
                    continue
                for mode in (BESIDE, ABOVE):
                    room = column - label - (styles.CHEAT_FIGURE_GAP if mode == BESIDE else 0.0)
                    most = room - styles.CHEAT_TEXT_MIN if mode == BESIDE else column
                    if mode == ABOVE and room < styles.CHEAT_TEXT_MIN:
                        continue
                    high = min(styles.CHEAT_FIGURE_SCALE[1] * sizes.name, most)
                    if high < low:
                        continue
                    widths = []
                    width = high
                    while width > low:
                        widths.append(width)
                        width *= styles.CHEAT_FIGURE_STEP
                    widths.append(low)
                    yield page, columns, mode, label, column, widths

    def trial(self, grid: _Grid, pages: int):
        """The pages' units for this geometry, or None when it does not fit in `pages` pages."""
        first = self.head(grid.sizes, grid.page.frame_width, True)
        later = self.head(grid.sizes, grid.page.frame_width, False)
        tail = self.tail(grid.sizes, grid.page, grid.columns)
        if first is None or later is None or tail is None:
            return None
        frame = grid.page.frame_height
        sizes = grid.sizes  # each row at least a line of name and one of details: a bound before measuring
        row = 2 * grid.pad + sizes.lead_name + (sizes.lead_body + 0.1 * sizes.name if self.details else 0.0)
        least = first + tail[0] + self.row_count(grid.columns) * row + (pages - 1) * later
        if least > frame * pages:
            return None
        heights = self.unit_heights(grid)
        if heights is None:
            return None
        split = paginate(heights, frame - first, frame - later, tail[0], pages, self.tail_alone)
        if split is None or (self.front and any(split[1:])):
            return None
        used = first + sum(heights[i] for i in split[0]) + (tail[0] if len(split) == 1 else 0.0)
        return split, heights, used / frame

    def least_area(self, sizes: Sizes) -> float:
        """The area the texts and smallest figures need at least, however they are broken and arranged."""
        figure = max(styles.CHEAT_FIGURE_SCALE[0] * sizes.name, styles.CHEAT_FIGURE_MIN)
        grid = _Grid(self.pages[0], 1, BESIDE, sizes, figure, 0.0, 0.0)
        return (
            self.names * sizes.name * sizes.lead_name
            + self.bodies * sizes.body * sizes.lead_body
            + sum(figure * grid.picture_height(shape) for shape in self.shapes)
        )

    def best(self, sizes: Sizes, pages: int):
        """The best fit at these sizes: (grid, pages' units, unit heights) or None."""
        found = []
        least = self.least_area(sizes)
        for order, (page, columns, mode, label, column, widths) in enumerate(self.grids(sizes)):
            if least > page.frame_width * page.frame_height * pages:
                continue

            def attempt(width, page=page, columns=columns, mode=mode, label=label, column=column):
                grid = _Grid(page, columns, mode, sizes, width, label, column)
                return grid, self.trial(grid, pages)

            smallest = attempt(widths[-1])
            if smallest[1] is None:
                continue
            low, high = 0, len(widths) - 1  # widths[high] fits; find the first (largest) that does
            best = smallest
            while low < high:
                middle = (low + high) // 2
                tried = attempt(widths[middle])
                if tried[1] is not None:
                    best, high = tried, middle
                else:
                    low = middle + 1
            grid, (split, heights, fill) = best
            found.append(((len(split), -round(grid.figure, 1), -round(fill, 3), order), grid, split, heights))
        if not found:
            return None
        _, grid, split, heights = min(found, key=lambda f: f[0])
        return grid, split, heights

    # -- placing --------------------------------------------------------------------------------------------
    def place(self, grid: _Grid, split: list, heights: list[float]) -> Layout:
        sizes, content = grid.sizes, self.content
        frame_w, frame_h = grid.page.frame_width, grid.page.frame_height
        all_units = self.units(grid.columns)
        tail = self.tail(sizes, grid.page, grid.columns)
        assert tail is not None  # the grid passed `trial`, which measured its tail
        tail_height, foot_split, notes_height = tail
        pages = []
        text_width = grid.name_width
        for number, indexes in enumerate(split):
            items: list = []
            last = number == len(split) - 1
            if number == 0:
                title = content.title.fitted(frame_w, sizes.title)
                items.append(Text(0.0, 0.0, title, sizes.title, sizes.lead_title))
                y = len(title) * sizes.lead_title + 0.1 * sizes.name
                if content.facts:
                    facts = content.facts.fitted(frame_w, sizes.body)
                    items.append(Text(0.0, y, facts, sizes.body, sizes.lead_body))
                    y += len(facts) * sizes.lead_body
                y += 0.2 * sizes.name
            else:
                lines = content.continued.fitted(frame_w, sizes.body)
                items.append(Text(0.0, 0.0, lines, sizes.body, sizes.lead_body))
                y = len(lines) * sizes.lead_body + 0.2 * sizes.name
            items.append(Rule(0.0, frame_w, y, styles.CHEAT_HEAD_RULE, "accent"))
            y += 0.25 * sizes.name
            used = y + sum(heights[i] for i in indexes) + (tail_height if last else 0.0)
            gaps = len(indexes) - 1 + (1 if last and tail_height else 0)
            stretch = min((frame_h - used) / gaps, styles.CHEAT_STRETCH * sizes.name) if gaps else 0.0
            stretch = max(stretch, 0.0)
            previous = None
            for index in indexes:
                unit = all_units[index]
                if previous is not None:  # not the first
                    if not isinstance(unit[0], Group) and not isinstance(previous[0], Group):
                        items.append(
                            Rule(
                                styles.CHEAT_INSET,
                                frame_w - styles.CHEAT_INSET,
                                y + stretch / 2,
                                styles.CHEAT_RULE,
                                "rule",
                            )
                        )
                    y += stretch
                items += self.place_unit(unit, grid, y)
                y += heights[index]
                previous = unit
            if last and tail_height:
                y += stretch
                items += self.place_tail(grid, y, foot_split, notes_height)
            bottom = max((i.bottom for i in items if isinstance(i, (Text, Picture))), default=0.0)
            pages.append(Page(tuple(items), bottom))
        if content.foot:
            _count, width, marker = self.foot_columns(sizes, grid.page, grid.columns)
            text_width = min(text_width, width - marker)
        return Layout(
            grid.page, grid.columns, grid.mode, sizes, (grid.figure, grid.fig_height), text_width, tuple(pages)
        )

    def place_cell(self, cell: Cell, grid: _Grid, x: float, y: float, area: float) -> list:
        """A cell at (x, y); in a narrow column its text below `area`, the row's pictures' height."""
        sizes = grid.sizes
        items: list = []
        if cell.picture:
            height = grid.picture_height(cell.picture)
            items.append(
                Picture(x, y + (area - 0.25 * sizes.name - height if area else 0.0), grid.figure, height, cell.key)
            )
        y += area
        tx = x + grid.text_x
        name = cell.name.fitted(grid.name_width, sizes.name)
        items.append(Text(tx, y, cell.label.fitted(grid.label * 4, sizes.name), sizes.name, sizes.lead_name))
        items.append(Text(tx + grid.label, y, name, sizes.name, sizes.lead_name, key=cell.key))
        top = y + len(name) * sizes.lead_name
        if cell.detail:
            detail = cell.detail.fitted(grid.name_width, sizes.body)
            top += 0.1 * sizes.name
            items.append(Text(tx + grid.label, top, detail, sizes.body, sizes.lead_body))
            top += len(detail) * sizes.lead_body
        if cell.chosen:
            items.append(
                Text(
                    tx + grid.label,
                    top + 0.15 * sizes.name,
                    cell.chosen.fitted(grid.name_width, sizes.body),
                    sizes.body,
                    sizes.lead_body,
                )
            )
        return items

    def place_rows(self, rows, grid: _Grid, y: float, heights: dict) -> tuple[list, float]:
        items: list = []
        for number, row in enumerate(rows):
            if number:
                items.append(
                    Rule(styles.CHEAT_INSET, grid.page.frame_width - styles.CHEAT_INSET, y, styles.CHEAT_RULE, "rule")
                )
            tall, area = self.row_height(row, heights, grid)
            for column, cell in enumerate(row):
                items += self.place_cell(cell, grid, grid.x(column), y + grid.pad, area)
            y += 2 * grid.pad + tall
        return items, y

    def place_unit(self, unit, grid: _Grid, y: float) -> list:
        texts = self.text_heights(grid.sizes, grid.name_width)
        assert texts is not None  # the grid passed `trial`, which measured its texts
        heights = {id(c): h for c, h in zip(self.cells, texts)}
        if not isinstance(unit[0], Group):
            return self.place_rows([unit], grid, y, heights)[0]
        group, rows = unit
        sizes, pad, frame_w = grid.sizes, grid.pad, grid.page.frame_width
        banner = group.banner.fitted(self.inner(grid.page), sizes.body)
        band = len(banner) * sizes.lead_body + 2 * styles.CHEAT_BAND_PAD
        top = y + pad
        inner, end = self.place_rows(rows, grid, top + band, heights)
        edge = styles.CHEAT_INSET * 0.35
        return [
            Panel(edge, top, frame_w - 2 * edge, band, fill="accent_light"),
            Text(styles.CHEAT_INSET, top + styles.CHEAT_BAND_PAD, banner, sizes.body, sizes.lead_body),
            *inner,
            Panel(edge, top, frame_w - 2 * edge, end - top, stroke="accent"),
        ]

    def place_tail(self, grid: _Grid, y: float, foot_split: list, notes_height: float) -> list:
        sizes, content, frame_w = grid.sizes, self.content, grid.page.frame_width
        items: list = []
        if content.notes or content.signature:
            y += 0.5 * sizes.name
            edge = styles.CHEAT_INSET * 0.35
            items.append(Panel(edge, y, frame_w - 2 * edge, notes_height, fill="accent_light", stroke="accent"))
            x = styles.CHEAT_INSET + styles.CHEAT_NOTES_PAD
            width = self.inner(grid.page) - 2 * styles.CHEAT_NOTES_PAD
            marker = self.notes_marker(sizes)
            top = y + styles.CHEAT_NOTES_PAD
            if content.notes_heading:
                lines = content.notes_heading.fitted(width, sizes.body)
                items.append(Text(x, top, lines, sizes.body, sizes.lead_body))
                top += len(lines) * sizes.lead_body + 0.15 * sizes.body
            for entry in content.notes:
                placed, top = self.place_entry(entry, x, top, width, marker, sizes)
                items += placed
                top += 0.3 * sizes.body
            if content.signature:
                lines = content.signature.fitted(width, sizes.body)
                items.append(Text(x, top, lines, sizes.body, sizes.lead_body, right=True, width=width))
            y += notes_height
        if content.foot:
            y += 0.5 * sizes.name
            items.append(Rule(0.0, frame_w, y, styles.CHEAT_HEAD_RULE, "caution"))
            y += 0.4 * sizes.name
            _count, width, marker = self.foot_columns(sizes, grid.page, grid.columns)
            for column, indexes in enumerate(foot_split):
                x = styles.CHEAT_INSET + column * (width + styles.CHEAT_GUTTER)
                top = y
                for index in indexes:
                    placed, top = self.place_entry(content.foot[index], x, top, width, marker, sizes)
                    items += placed
                    top += 0.35 * sizes.body
        return items

    @staticmethod
    def place_entry(entry: Entry, x: float, top: float, width: float, marker: float, sizes: Sizes):
        items: list = []
        if entry.heading:
            lines = entry.heading.fitted(width, sizes.body)
            items.append(Text(x, top, lines, sizes.body, sizes.lead_body))
            top += len(lines) * sizes.lead_body + 0.15 * sizes.body
        indent = marker if entry.marker else 0.0
        if entry.marker:
            items.append(Text(x, top, entry.marker.fitted(marker * 4, sizes.body), sizes.body, sizes.lead_body))
        lines = entry.text.fitted(width - indent, sizes.body)
        items.append(Text(x + indent, top, lines, sizes.body, sizes.lead_body))
        return items, top + len(lines) * sizes.lead_body


def paginate(
    heights: list[float], first: float, later: float, tail: float, pages: int, tail_alone: bool = False
) -> list[list[int]] | None:
    """The units on each page, in order: all on one page when they fit with the tail (the notes and the foot),
    else each page as full as it goes, and the last page takes the tail. With `tail_alone` (a tail of the
    steps' own caution words, not only general ones) every step may stay on the front and the tail have the
    last page to itself; else at least one unit goes over with it. None when `pages` pages are not enough (or
    a unit is taller than a page)."""
    out: list[list[int]] = []
    start, count = 0, len(heights)
    for number in range(pages):
        room = first if number == 0 else later
        if sum(heights[start:]) + tail <= room + 1e-6:
            out.append(list(range(start, count)))
            return out
        if number == pages - 1:
            return None
        end, used = start, 0.0
        while end < count - (0 if tail_alone else 1) and used + heights[end] <= room + 1e-6:
            used += heights[end]
            end += 1
        if end == start:
            return None
        out.append(list(range(start, end)))
        start = end
    return None


def _balance(heights: list[float], columns: int, gap: float) -> tuple[list[list[int]], float]:
    """Entries in order down `columns` columns, the tallest column as short as it can be."""

    def fill(limit: float) -> list[list[int]]:
        out: list[list[int]] = [[]]
        used = 0.0
        for index, height in enumerate(heights):
            extra = height + (gap if out[-1] else 0.0)
            if out[-1] and used + extra > limit + 1e-6:
                out.append([index])
                used = height
            else:
                out[-1].append(index)
                used += extra
        return out

    def tallest(split):
        return max(sum(heights[i] for i in col) + gap * (len(col) - 1) for col in split)

    limit = max(max(heights), (sum(heights) + gap * (len(heights) - columns)) / columns)
    split = fill(limit)
    while len(split) > columns:
        # the smallest rise of the limit that moves one more entry up into a column
        rises = []
        for col in split[:-1]:
            nxt = col[-1] + 1
            rises.append(sum(heights[i] for i in col) + gap * len(col) + heights[nxt])
        limit = min(r for r in rises if r > limit + 1e-6)
        split = fill(limit)
    return split, tallest(split)


def feasible(content: Content, pages: tuple[styles.PageSpec, ...], allowed: int, floor: float) -> bool:
    """Whether `fit` finds a layout on at most `allowed` pages with text of `floor` pt or more: the smallest
    sizes, each geometry with its smallest figure, the first that fits ends the search (the same trials as
    `Fitter.best` makes before it looks for larger figures, so the answer is fit's)."""
    fitter = Fitter(content, pages)
    sizes = Sizes(*[s for s in styles.CHEAT_SIZES if min(s) >= floor][-1])
    least = fitter.least_area(sizes)
    for page, columns, mode, label, column, widths in fitter.grids(sizes):
        if least > page.frame_width * page.frame_height * allowed:
            continue
        if fitter.trial(_Grid(page, columns, mode, sizes, widths[-1], label, column), allowed) is not None:
            return True
    return False


def fit(content: Content, pages: tuple[styles.PageSpec, ...], passes: list[tuple]) -> Layout | None:
    """The layout with the largest type on at most `allowed` pages with every text at `floor` pt or more, for
    the first (allowed, floor[, front]) of `passes` that fits: [(1, 12), (2, 12, True), (2, 8)] is one page at
    any size down to 12 pt, then two with every step on the front down to 12 pt, then any two pages. None when
    nothing fits.

    A smaller type never fits worse, so the sizes are searched by halving: the largest first, then the
    smallest (when even that does not fit, nothing does), then between them."""
    fitter = Fitter(content, pages)
    for allowed, floor, *front in passes:
        fitter.front = bool(front and front[0])
        sizes = [Sizes(*s) for s in styles.CHEAT_SIZES if min(s) >= floor]
        found: dict[int, tuple | None] = {}

        def at(index: int, found=found, sizes=sizes, allowed=allowed):
            if index not in found:
                found[index] = fitter.best(sizes[index], allowed)
            return found[index]

        if at(0) is not None:
            return fitter.place(*at(0))
        if at(len(sizes) - 1) is None:
            continue
        low, high = 0, len(sizes) - 1  # at(high) fits, at(low) does not
        while high - low > 1:
            middle = (low + high) // 2
            if at(middle) is not None:
                high = middle
            else:
                low = middle
        return fitter.place(*at(high))
    return None
