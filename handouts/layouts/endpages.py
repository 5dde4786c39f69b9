"""The booklet's last pages: the practice log (with lines for notes) and the back cover (contact and
disclaimer); and the notes pages the print file adds before the back cover to make a multiple of four pages.

The booklet itself (read on screen, e-mailed) is not padded: its pages are as many as its content needs.
"""
from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, NextPageTemplate, PageBreak, Spacer, Table, TableStyle

from ..labels import Labels
from ..model import Studio
from . import styles
from .parts import Mark, Paragraph, RuledLines, esc


class TickBox(Mark):
    """An empty square to tick."""

    def draw(self):
        self.canv.setStrokeColor(self.color)
        self.canv.setLineWidth(0.9)
        self.canv.roundRect(0, 0, self.width, self.height, 1.5, stroke=1, fill=0)


def practice_log(width: float, s: dict, p: styles.Palette, words: Labels, weeks: int = styles.LOG_WEEKS) -> list:
    """A grid of days with tick boxes, then lines for notes."""
    days = words["weekdays"]
    head = [Paragraph("", s["glance_bold"])] + [Paragraph(esc(day), s["glance_bold"]) for day in days]
    rows = [head] + [[Paragraph(esc(words("week", n=week)), s["glance_bold"])] +
                     [TickBox(styles.TICK_BOX, p.muted) for _ in days] for week in range(1, weeks + 1)]
    first = width * 0.22
    grid = Table(rows, colWidths=[first] + [(width - first) / 7] * 7)
    grid.setStyle(TableStyle([styles.TABLE_FONT, ("ALIGN", (1, 0), (-1, -1), "CENTER"),
                              ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                              ("LINEBELOW", (0, 0), (-1, -1), 0.4, p.rule),
                              ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
    return [Paragraph(esc(words["practice_log"]), s["heading"]), Paragraph(esc(words["practice_log_hint"]), s["body"]),
            grid, Spacer(1, 4 * mm), RuledLines(styles.NOTES_LINE_GAP, p.rule,
                                                Paragraph(esc(words["notes"]), s["heading"]), least=3)]


def notes_page(s: dict, p: styles.Palette, words: Labels) -> list:
    return [Paragraph(esc(words["notes"]), s["heading"]), RuledLines(styles.NOTES_LINE_GAP, p.rule)]


def back_cover(studio: Studio, instructor: str | None, s: dict, words: Labels) -> list:
    """Who to ask (studio, instructor, contact lines, website) and the disclaimer."""
    out: list = [Spacer(1, 20 * mm)]
    if studio.studio:
        out.append(Paragraph(esc(studio.studio), s["title"]))
    who = instructor or studio.instructor
    if who:
        out.append(Paragraph(esc(who), s["cover_line"]))
    out += [Paragraph(esc(line), s["cover_line"]) for line in studio.contact]
    if studio.website:
        out.append(Paragraph(esc(studio.website), s["cover_line"]))
    out += [Spacer(1, 12 * mm), Paragraph(esc(studio.disclaimer or words["disclaimer"]), s["disclaimer"])]
    return out


def notes_pages(count: int, s: dict, p: styles.Palette, words: Labels) -> list:
    """`count` notes pages (a heading and ruled lines), each on its own page: what the print file puts before
    the back cover so that the folded booklet has a multiple of four pages and no blank page."""
    out: list = []
    for index in range(count):
        out += ([PageBreak()] if index else []) + notes_page(s, p, words)
    return out


def end_pages(width: float, studio: Studio, instructor: str | None, s: dict, p: styles.Palette,
              words: Labels) -> list:
    """The practice log (and lines for notes to the foot of its page) after the last card when there is room
    for it, else on a page of its own; then the back cover."""
    log = practice_log(width, s, p, words)
    return [CondPageBreak(styles.LOG_ROOM), *log, NextPageTemplate("plain"),
            PageBreak(), *back_cover(studio, instructor, s, words)]
