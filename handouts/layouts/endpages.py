"""The booklet's last pages: the practice log (with lines for notes) and the back cover (contact and
disclaimer), the back cover at the foot of the log's page when both fit there; and the notes pages the print
file adds before the last page to make a multiple of four pages.

The booklet itself (read on screen, e-mailed) is not padded: its pages are as many as its content needs.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Spacer,
    Table,
    TableStyle,
)

from handouts.core.model import Studio
from handouts.layouts import styles
from handouts.layouts.parts import Mark, Paragraph, RuledLines, esc
from handouts.reading.labels import Labels


class TickBox(Mark):
    """An empty square to tick."""

    def draw(self):
        self.canv.setStrokeColor(self.color)
        self.canv.setLineWidth(0.9)
        self.canv.roundRect(0, 0, self.width, self.height, 1.5, stroke=1, fill=0)


def practice_log(
    width: float, s: dict, p: styles.Palette, words: Labels, weeks: int = styles.LOG_WEEKS, from_week: int = 1
) -> list:
    """A grid of days with tick boxes (`weeks` rows, numbered from `from_week`), then lines for notes."""
    days = words["weekdays"]
    head = [Paragraph("", s["glance_bold"])] + [Paragraph(esc(day), s["glance_bold"]) for day in days]
    rows = [head] + [
        [Paragraph(esc(words("week", n=week)), s["glance_bold"])] + [TickBox(styles.TICK_BOX, p.muted) for _ in days]
        for week in range(from_week, from_week + weeks)
    ]
    first = width * 0.22
    grid = Table(rows, colWidths=[first] + [(width - first) / 7] * 7)
    grid.setStyle(
        TableStyle(
            [
                styles.TABLE_FONT,
                ("ALIGN", (1, 0), (-1, -1), "CENTER"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, p.rule),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return [
        Paragraph(esc(words["practice_log"]), s["heading"]),
        Paragraph(esc(words["practice_log_hint"]), s["body"]),
        grid,
        Spacer(1, 4 * mm),
    ]


def notes_page(s: dict, p: styles.Palette, words: Labels) -> list:
    return [Paragraph(esc(words["notes"]), s["heading"]), RuledLines(styles.NOTES_LINE_GAP, p.rule)]


def back_cover(studio: Studio, instructor: str | None, s: dict, words: Labels, at_foot: bool = False) -> list:
    """Who to ask (studio, instructor, contact lines, website) and the disclaimer: a page of its own, or
    (`at_foot`) a block at the foot of the log's page, its studio name set as a heading."""
    out: list = [Spacer(1, (6 if at_foot else 20) * mm)]
    if studio.studio:
        out.append(Paragraph(esc(studio.studio), s["heading" if at_foot else "title"]))
    who = instructor or studio.instructor
    if who:
        out.append(Paragraph(esc(who), s["cover_line"]))
    out += [Paragraph(esc(line), s["cover_line"]) for line in studio.contact]
    if studio.website:
        out.append(Paragraph(esc(studio.website), s["cover_line"]))
    out += [
        Spacer(1, (5 if at_foot else 12) * mm),
        Paragraph(esc(studio.disclaimer or words["disclaimer"]), s["disclaimer"]),
    ]
    return out


class LogFoot(Flowable):
    """What follows the practice log on its page: the back cover's block at the foot when it fits there, with
    lines for notes above it when at least NOTES_LEAST of them fit; else the lines fill the page and the back
    cover gets a page of its own. Decided at layout time, from the room the log leaves."""

    def __init__(self, lines: RuledLines, foot: list, page: list):
        super().__init__()
        self.lines, self.foot, self.page = lines, KeepTogether(foot), page

    def wrap(self, availWidth, availHeight):
        return availWidth, availHeight + 1  # more than there is: the frame always asks it to split

    def split(self, availWidth, availHeight):
        self.foot.wrapOn(self.canv, availWidth, availHeight)
        foot = self.foot._H  # its height (KeepTogether's wrap answers more, to be split)
        lines = self.lines
        lines.reserve = foot
        lines.wrapOn(self.canv, availWidth, availHeight)
        if availHeight >= foot:  # the back cover's block at the foot, lines for notes above it if they fit
            return [lines if lines.height else Spacer(1, availHeight - foot - 1), self.foot]
        lines.reserve = 0.0
        return [lines, NextPageTemplate("plain"), PageBreak(), *self.page]

    def draw(self):  # never drawn: always split into its parts
        pass


def notes_pages(count: int, s: dict, p: styles.Palette, words: Labels) -> list:
    """`count` notes pages (a heading and ruled lines), each on its own page: what the print file puts before
    the back cover so that the folded booklet has a multiple of four pages and no blank page."""
    out: list = []
    for index in range(count):
        out += ([PageBreak()] if index else []) + notes_page(s, p, words)
    return out


def end_pages(width: float, studio: Studio, instructor: str | None, s: dict, p: styles.Palette, words: Labels) -> list:
    """The practice log (and lines for notes to the foot of its page) after the last card when there is room
    for it, else on a page of its own; then the back cover, at the foot of that page when it fits."""
    log = practice_log(width, s, p, words)
    lines = RuledLines(
        styles.NOTES_LINE_GAP, p.rule, Paragraph(esc(words["notes"]), s["heading"]), least=styles.NOTES_LEAST
    )
    return [
        CondPageBreak(styles.LOG_ROOM),
        *log,
        LogFoot(
            lines, back_cover(studio, instructor, s, words, at_foot=True), back_cover(studio, instructor, s, words)
        ),
    ]
