"""The progression table: every step of a programme down the side, its segments across, and in each cell how
that step is done in those weeks (its hold, the variation practised, "added" or "removed"); blank where the step
is not practised. One page: the largest type from styles.PROGRESSION_SIZES that fits it upright, else turned on
its side (a landscape page in a portrait booklet); never below 8 pt.

The rows as plain data (`progression_rows`), then the table drawn from them.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, PageBreak, Table, TableStyle

from handouts.layouts import fonts, styles
from handouts.layouts.guidebook_words import in_sentence, weeks_label, words
from handouts.layouts.parts import Paragraph, esc
from handouts.plan.planner import PlannedStep
from handouts.plan.programme import PlannedProgramme
from handouts.reading.labels import ENGLISH, Labels

PAD = 3  # points either side of a cell's text
HOLD_CHARS = 28  # a hold longer than this is shortened in its cell (its card has it whole)


def step_key(step: PlannedStep) -> str:
    """What a step is across segments (its number changes when steps come and go): its pose, else its name."""
    if step.pose_id:
        return step.pose_id
    folded = unicodedata.normalize("NFKD", str(step.name)).encode("ascii", "ignore").decode().casefold()
    return "step:" + " ".join(folded.split())


def segment_steps(plan_steps) -> dict[str, PlannedStep]:
    """A segment's steps by key, in order (a repeat is not a step of its own; a pose done twice is keyed twice)."""
    out: dict[str, PlannedStep] = {}
    for step in plan_steps:
        if step.repeat_of:
            continue
        key, count = step_key(step), 2
        while key in out:
            key = f"{step_key(step)}#{count}"
            count += 1
        out[key] = step
    return out


@dataclass(frozen=True)
class Cell:
    """One step in one segment: `lines` to print; `kind`: "" (as before, or the first segment), "added",
    "changed" (another hold or variation than the segment before: in bold), "removed", "absent"."""

    lines: tuple[str, ...]
    kind: str = ""


@dataclass(frozen=True)
class Row:
    key: str
    name: str
    cells: tuple[Cell, ...]


def progression_rows(programme: PlannedProgramme, labels: Labels = ENGLISH) -> list[Row]:
    """Every step that appears in any segment, in the order they are practised (a step added later goes after
    the step it follows), with one cell per segment."""
    segments = [segment_steps(ps.plan.steps) for ps in programme.segments]
    order: list[str] = []
    for steps in segments:
        before = None
        for key in steps:
            if key not in order:
                order.insert(order.index(before) + 1 if before is not None else len(order), key)
            before = key
    rows = []
    for key in order:
        cells: list[Cell] = []
        name = ""
        done: tuple[str, ...] = ()  # the lines of the segment before
        for index, steps in enumerate(segments):
            step = steps.get(key)
            earlier = index > 0 and key in segments[index - 1]
            if step is None:
                cells.append(Cell((words("removed_cell"),), "removed") if earlier else Cell((), "absent"))
                continue
            name = name or str(step.name)
            # the hold without its 'then' (its card has it whole), shortened if still long
            hold = labels.hold_label(dataclasses.replace(step.hold, then=None)) if step.hold is not None else ""
            lines = [hold if len(hold) <= HOLD_CHARS else hold[: HOLD_CHARS - 1].rstrip(" ,;:") + "\u2026"]
            lines = [line for line in lines if line]
            if step.chosen:
                lines.append(labels[step.chosen].lower())
            added = index > 0 and not earlier
            if added:
                cells.append(Cell((words("added"), *lines), "added"))
            elif earlier and tuple(lines) != done:  # done otherwise than the weeks before
                cells.append(Cell(tuple(lines), "changed"))
            else:
                cells.append(Cell(tuple(lines)))
            done = tuple(lines)
        rows.append(Row(key, name, tuple(cells)))
    return rows


class Turned(Flowable):
    """A flowable drawn turned a quarter to the left: a table wider than the page read with the page turned."""

    def __init__(self, inner: Flowable):
        super().__init__()
        self.inner = inner

    def wrap(self, availWidth, availHeight):
        inner_w, inner_h = self.inner.wrapOn(self.canv, availHeight, availWidth)
        self.inner_h = inner_h
        self.width, self.height = inner_h, inner_w
        return self.width, self.height

    def draw(self):
        self.canv.saveState()
        self.canv.translate(self.inner_h, 0)
        self.canv.rotate(90)
        self.inner.drawOn(self.canv, 0, 0)
        self.canv.restoreState()


def progression_table(
    programme: PlannedProgramme,
    width: float,
    height: float,
    p: styles.Palette,
    labels: Labels = ENGLISH,
    sizes: tuple[float, ...] = styles.PROGRESSION_SIZES,
    turn: bool = True,
) -> tuple[list[Flowable], float, bool]:
    """The table in a frame `width` x `height`: the largest size that fits upright, else (`turn`) turned on its
    side. When no size fits one page (many steps, many segments): at the smallest size, turned when its words
    fit only so, its rows over as many pages as they need, the heading row on each. Returns the flowables, the
    size and whether it fits one page."""
    rows = progression_rows(programme, labels)
    tries = [(size, False) for size in sizes] + ([(size, True) for size in sizes] if turn else [])
    for size, turned in tries:
        across, down = (height, width) if turned else (width, height)
        if not _words_fit(programme, rows, across, size):
            continue
        table = _table(programme, rows, across, size, p)
        _, high = table.wrap(across, down)
        if high <= down:
            return [Turned(table) if turned else table], size, True
    size = sizes[-1]
    if not turn or _words_fit(programme, rows, width, size):  # upright: the table breaks over pages itself
        return [_table(programme, rows, width, size, p)], size, False
    out: list[Flowable] = []  # turned: as many rows a page as fit
    start = 0
    while start < len(rows):
        count = len(rows) - start
        while (
            count > 1 and _table(programme, rows[start : start + count], height, size, p).wrap(height, width)[1] > width
        ):
            count -= 1
        out += [PageBreak()] if out else []
        out.append(Turned(_table(programme, rows[start : start + count], height, size, p)))
        start += count
    return out, size, False


def _name_width(rows: list[Row], width: float, size: float) -> float:
    """The steps' column: as wide as the longest name needs, at most PROGRESSION_NAME_SHARE of the table."""
    bold = f"{fonts.FAMILY}-Bold"
    widest = max((stringWidth(row.name, bold, size) for row in rows), default=0.0) + 2 * PAD + 1
    return min(width * styles.PROGRESSION_NAME_SHARE, widest)


def _words_fit(programme: PlannedProgramme, rows: list[Row], width: float, size: float) -> bool:
    """Whether every word of the table fits its column at `size` (bold, the widest face): a word wider than its
    column would be broken inside."""
    bold = f"{fonts.FAMILY}-Bold"
    first = _name_width(rows, width, size)
    column = (width - first) / max(1, len(programme.segments)) - 2 * PAD

    def widest(texts) -> float:
        return max((stringWidth(word, bold, size) for text in texts for word in str(text).split()), default=0.0)

    titles = [ps.segment.title or ps.plan.sequence.title for ps in programme.segments]
    cells = [line for row in rows for cell in row.cells for line in cell.lines]
    names = [row.name for row in rows]
    return widest([*titles, *cells, words("added")]) <= column and widest(names) <= first - 2 * PAD


def _table(programme: PlannedProgramme, rows: list[Row], width: float, size: float, p: styles.Palette) -> Table:
    s = styles.progression_styles(size, p)
    count = len(programme.segments)
    first = _name_width(rows, width, size)
    head = [Paragraph(esc(words("progression_step")), s["head"])]
    for ps in programme.segments:
        weeks = esc(weeks_label(ps.segment.first, ps.segment.last))
        title = ps.segment.title or ps.plan.sequence.title
        head.append(Paragraph(f"{weeks}<br/><font name='{s['cell'].fontName}'>{esc(title)}</font>", s["head"]))
    data = [head]
    for row in rows:
        line: list = [Paragraph(esc(row.name), s["name"])]
        for cell in row.cells:
            style = {"added": s["added"], "changed": s["added"], "removed": s["removed"]}.get(cell.kind, s["cell"])
            texts = [esc(text) for text in cell.lines]
            if cell.kind == "added" and texts:  # the word "added" in bold, the hold as any other
                texts = [f"<b>{texts[0]}</b>", *(f"<font name='{s['cell'].fontName}'>{t}</font>" for t in texts[1:])]
            line.append(Paragraph("<br/>".join(texts), style) if texts else "")
        data.append(line)
    table = Table(data, colWidths=[first] + [(width - first) / count] * count, repeatRows=1, hAlign="LEFT")
    commands = [
        styles.TABLE_FONT,
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, 0), 1.0, p.accent),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, p.rule),
        ("LINEBEFORE", (1, 0), (-1, -1), 0.4, p.rule),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    for index in range(1, len(data)):
        if index % 2 == 0:
            commands.append(("BACKGROUND", (0, index), (-1, index), p.accent_light))
    table.setStyle(TableStyle(commands))
    return table


def progression_page(
    programme: PlannedProgramme, page: styles.PageSpec, p: styles.Palette, labels: Labels = ENGLISH
) -> list:
    """The progression table on a landscape page of its own (the teacher's copy): the programme's title as its
    heading, the table at the largest type that fits under it."""
    s = {**styles.paragraph_styles(p)}
    heading = Paragraph(esc(f"{programme.programme.title}: {in_sentence(words('progression'))}"), s["heading"])
    intro = Paragraph(esc(words("progression_intro")), s["body"])
    room = page.frame_height - 1
    for flowable in (heading, intro):
        room -= flowable.wrap(page.frame_width, page.frame_height)[1] + flowable.getSpaceAfter()
    tables, _, _ = progression_table(
        programme, page.frame_width, room, p, labels, sizes=styles.PROGRESSION_SHEET_SIZES, turn=False
    )
    return [heading, intro, *tables]
