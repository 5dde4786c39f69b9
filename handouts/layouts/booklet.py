"""The booklet: cover, "before you begin" (a client's notes, about this practice, cautions, props, the sequence
at a glance), the cards (`card.py`) in reading order, and the end pages (`endpages.py`), as flowables.

Cards follow one another on the page, each kept whole, so two share a page whenever both fit. A series opens
with its header (title and banner) kept with its first card; its transition ends its last card. The glance
table keeps each series' line with its rows. Sizes and colours come from `styles`.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    PageBreak,
    Spacer,
    Table,
    TableStyle,
)

from handouts.core.model import Personal, SideCards, SideMode, Studio
from handouts.layouts import styles
from handouts.layouts.card import CardMaker
from handouts.layouts.endpages import end_pages
from handouts.layouts.figurekey import figure_legend
from handouts.layouts.lines import short_hold
from handouts.layouts.parts import Bookmark, Gap, Paragraph, esc, esc_lines, placed_image
from handouts.plan.planner import Plan, PlannedSeries, PlannedStep
from handouts.reading.labels import DASH, ENGLISH, Labels


@dataclass(frozen=True)
class GlanceGroup:
    """Rows of the glance table that stay together: a series' line (None for top-level steps) and its rows,
    each (number, name, side badge, hold) as printed."""

    line: str | None
    rows: tuple[tuple[str, str, str, str], ...]


def glance_groups(plan: Plan, words: Labels) -> list[GlanceGroup]:
    """The glance table as plain data: runs of top-level steps, and each series with its banner line."""

    def row(step: PlannedStep) -> tuple[str, str, str, str]:
        label = words.repeat_label(step.label) if step.repeat_of else step.label
        return label, step.name, words.side_badge(step.mode, step.order), short_hold(words.hold_label(step.hold))

    groups: list[GlanceGroup] = []
    loose: list = []
    for item in plan.items:
        if isinstance(item, PlannedSeries):
            if loose:
                groups.append(GlanceGroup(None, tuple(loose)))
                loose = []
            first, last = item.span
            line = f"{words.series_title(item.title)} \u00b7 {words.series_banner(first, last, item.mode, item.order)}"
            groups.append(GlanceGroup(line, tuple(row(step) for step in item.steps)))
        else:
            loose.append(row(item))
    if loose:
        groups.append(GlanceGroup(None, tuple(loose)))
    return groups


def glance_widths(
    groups: list[GlanceGroup], width: float, font: str, bold: str, size: float, pad: float
) -> list[float]:
    """Column widths of the glance table: the number, side and hold columns as wide as their widest entry
    (the hold at most a third of the table), the name the rest."""
    rows = [r for g in groups for r in g.rows]
    label = max(stringWidth(r[0], bold, size) for r in rows) + pad
    side = max([stringWidth(r[2], font, size) for r in rows] + [0]) + pad
    hold = min(max(stringWidth(r[3], font, size) for r in rows) + pad, width / 3)
    name = width - label - side - hold
    if name < width * styles.GLANCE_MIN_NAME_SHARE:  # long holds: they wrap instead of the names
        hold -= width * styles.GLANCE_MIN_NAME_SHARE - name
        name = width * styles.GLANCE_MIN_NAME_SHARE
    return [label, name, side, hold]


class GlanceRows(Table):
    """Rows of the glance table that may break over pages, never leaving fewer than GLANCE_KEEP_ROWS of them on
    either page (a lone row or two at the top of a page, cut off from the rest)."""

    def split(self, availWidth, availHeight):
        parts = super().split(availWidth, availHeight)
        if len(parts) != 2:
            return parts
        keep, repeat = styles.GLANCE_KEEP_ROWS, self.repeatRows
        here, over = len(parts[0]._cellvalues) - repeat, len(parts[1]._cellvalues) - repeat
        if here >= keep and over >= keep:
            return parts
        if here < keep or here + over < 2 * keep:
            return []  # the rows go over together
        # too few would go over: break earlier, so that enough go over together
        return super().split(availWidth, sum(self._rowHeights[: repeat + here + over - keep]))


class Glance(KeepTogether):
    """The glance table: its heading and one table per group. Kept whole on one page when it fits there, or when
    little room is left (it goes to the top of the next); else it starts where it is and breaks between groups
    (the pages it spans face each other in the folded booklet), a series' line kept with its rows and the
    heading with the first of them. A series longer than a page splits anywhere, its line repeated at the top
    of the next page. Decided at layout time, from the height KeepTogether measures."""

    def __init__(self, heading, tables: list[Table], frame_height: float):
        super().__init__([heading, *tables])
        self.frame_height = frame_height

    def split(self, availWidth, availHeight):
        if getattr(self, "_wrapInfo", None) != (availWidth, availHeight):
            self.wrap(availWidth, availHeight)
        if availHeight >= self._H or (
            self.frame_height >= self._H and availHeight < self.frame_height * styles.GLANCE_SPLIT_ROOM
        ):
            return super().split(availWidth, availHeight)
        heading, *tables = self._content
        kept = [
            KeepTogether([t])
            if t.repeatRows and t.wrapOn(self.canv, availWidth, self.frame_height)[1] <= self.frame_height
            else t
            for t in tables
        ]
        first = [KeepTogether([heading, tables[0]])] if isinstance(kept[0], KeepTogether) else [heading, kept[0]]
        return [CondPageBreak(styles.GLANCE_MIN_START), *first, *kept[1:]]


class Booklet:
    """Builds the booklet's story (list of flowables) for one plan on one page size."""

    def __init__(
        self,
        plan: Plan,
        page: styles.PageSpec,
        studio: Studio = Studio(),
        images=None,
        words: Labels = ENGLISH,
        personal: Personal | None = None,
    ):
        self.plan = plan
        self.w = words
        self.personal = personal  # the client it is made for, or None
        self.page = page
        self.studio = studio
        self.p = styles.palette(studio.accent, studio.grayscale)
        self.s = {**styles.paragraph_styles(self.p), **styles.booklet_styles(self.p)}
        self.width = page.frame_width
        self.images = images  # images.ImageStage
        self.cards = CardMaker(
            self.width, page.frame_height, self.s, self.p, images, words, devanagari=studio.devanagari
        )

    @property
    def instructor(self) -> str | None:
        return self.plan.sequence.instructor or self.studio.instructor

    # -- pages -------------------------------------------------------------------------------------------
    def story(self) -> list:
        ending = end_pages(self.width, self.studio, self.plan.sequence.instructor, self.s, self.p, self.w)
        return [
            *self.cover(),
            PageBreak(),
            *self.before_you_begin(),
            Gap(styles.CARD_GAP_BOOKLET),
            *self.steps(),
            *ending,
        ]

    def cover(self) -> list:
        seq, s, w = self.plan.sequence, self.s, self.w
        if self.studio.logo is not None:
            logo = placed_image(self.images, self.studio.logo, styles.LOGO_BOX, grey=self.p.grey)
            logo.hAlign = "LEFT"
            out = [logo, Spacer(1, 12 * mm), Paragraph(esc(seq.title), s["title"])]
        else:
            out = [Spacer(1, 25 * mm), Paragraph(esc(seq.title), s["title"])]
        if seq.subtitle:
            out.append(Paragraph(esc(seq.subtitle), s["subtitle"]))
        lines = []
        if self.instructor:
            studio = f", {esc(self.studio.studio)}" if self.studio.studio else ""
            lines.append(f"<b>{esc(w['instructor'])}:</b> {esc(self.instructor)}{studio}")
        elif self.studio.studio:
            lines.append(f"<b>{esc(w['studio'])}:</b> {esc(self.studio.studio)}")
        if seq.level:
            lines.append(f"<b>{esc(w['level'])}:</b> {esc(seq.level)}")
        lines.append(f"<b>{esc(w['time'])}:</b> {esc(self.time_text())}")
        if seq.position:
            lines.append(f"<b>{esc(w['position'])}:</b> {esc(seq.position)}")
        props = self.plan.props
        if props:
            lines.append(f"<b>{esc(w['props'])}:</b> {esc(', '.join(props))}")
        lines.append(f"<b>{esc(w['steps'])}:</b> {len(self.plan.items)}")  # as numbered: a series is one number
        out += [Paragraph(line, s["cover_line"]) for line in lines]
        if self.personal is not None:
            out.append(Paragraph(esc(w("prepared_for", name=self.personal.name)), s["for_whom"]))
            if self.personal.date:
                out.append(Paragraph(esc(self.personal.date), s["cover_line"]))
        return out

    def time_text(self) -> str:
        estimate = self.w.minutes_label(self.plan.seconds)
        stated = self.plan.sequence.duration
        if stated is None:
            return estimate
        said = f"{stated.low:g}" + (f"{DASH}{stated.high:g}" if stated.high != stated.low else "")
        return self.w("stated_time", stated=said, estimate=estimate)

    def before_you_begin(self) -> list:
        seq, s, w = self.plan.sequence, self.s, self.w
        out: list = []
        if self.personal is not None and self.personal.notes:
            notes = self.notes_for_you(self.personal.notes)
            out += [Spacer(1, 1 * mm), *(notes if isinstance(notes, list) else [notes])]
        if seq.intro:
            out.append(Paragraph(esc(w["about_this_practice"]), s["section"]))
            out += [Paragraph(esc(part), s["body"]) for part in str(seq.intro).split("\n")]
        if seq.cautions:
            out.append(Paragraph(esc(w["cautions"]), s["section"]))
            out += [Paragraph(esc(c), s["bullet"], bulletText="\u2022") for c in seq.cautions]
        if self.plan.props:
            out.append(Paragraph(esc(w["props"]), s["section"]))
            out += [Paragraph(esc(p), s["bullet"], bulletText="\u2022") for p in self.plan.props]
        if out:  # the heading only over something: a sequence with no intro, cautions, props or notes goes on
            out[:0] = [Bookmark("before", w["before_you_begin"]), Paragraph(esc(w["before_you_begin"]), s["heading"])]
        out.append(Glance(Paragraph(esc(w["at_a_glance"]), s["heading"]), self.glance(), self.page.frame_height))
        return out + self.figure_key()  # just before the first card: where the pictures begin

    def figure_key(self) -> list:
        """What the pictures mean, drawn once before the cards (a tiny figure and a few words for each): the
        paler far side, the outlined working limb, the dashed outline, the view from above, each only when a
        figure in this booklet draws one."""
        figures = [step.figure for step in self.plan.steps if step.figure is not None and step.image is None]
        return figure_legend(figures, self.width, self.w, self.s, self.p.figure)

    def notes_for_you(self, notes) -> Table | list:
        """The client's notes in one framed block under one heading, signed by the instructor (notes longer than
        a page: the same paragraphs unframed, so they flow)."""
        s = self.s
        cell = [Paragraph(esc(self.w["notes_for_you"]), s["notes_heading"])]
        cell += [Paragraph(esc(n), s["personal_note"], bulletText="\u2022") for n in notes]
        if self.instructor:
            cell.append(Paragraph(esc(self.w("notes_signed", name=self.instructor)), s["signature"]))
        box = Table([[cell]], colWidths=[self.width])
        if box.wrap(self.width, 10**6)[1] > self.page.frame_height * 0.9:  # notes longer than a page: they
            return cell  # flow over pages as paragraphs, without the frame
        box.setStyle(
            TableStyle(
                [
                    styles.TABLE_FONT,
                    ("BACKGROUND", (0, 0), (-1, -1), self.p.accent_light),
                    ("BOX", (0, 0), (-1, -1), styles.NOTES_BOX_RULE, self.p.accent),
                    ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 3 * mm),
                    ("TOPPADDING", (0, 0), (-1, -1), 2 * mm),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5 * mm),
                ]
            )
        )
        return box

    def glance(self) -> list[Table]:
        """The glance table, as one table per group: top-level steps in runs that may split anywhere; a
        series' line and its rows (a series longer than a page repeats its line on the next)."""
        s = self.s
        groups = glance_groups(self.plan, self.w)
        style = s["glance"]
        widths = glance_widths(groups, self.width, style.fontName, s["glance_bold"].fontName, style.fontSize, 8)
        out: list = []
        for group in groups:
            rows = [
                [
                    Paragraph(esc(label), s["glance_bold"]),
                    Paragraph(esc(name), style),
                    Paragraph(esc(side), style) if side else "",
                    Paragraph(esc(hold), style) if hold else "",
                ]
                for label, name, side, hold in group.rows
            ]
            commands = [
                styles.TABLE_FONT,
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, self.p.rule),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
            if group.line is None:
                out.append(self._table(rows, widths, commands, 0))
                continue
            rows.insert(0, [Paragraph(esc(group.line), s["glance_bold"]), "", "", ""])
            commands += [("SPAN", (0, 0), (-1, 0)), ("TOPPADDING", (0, 0), (-1, 0), 5)]
            out.append(self._table(rows, widths, commands, 1))
        return out

    @staticmethod
    def _table(rows, widths, commands, repeat: int) -> Table:
        table = GlanceRows(rows, colWidths=widths, repeatRows=repeat, hAlign="LEFT")
        table.setStyle(TableStyle(commands))
        return table

    # -- steps -------------------------------------------------------------------------------------------
    def per_side(self, steps) -> bool:
        """Whether two-sided steps get one card per side: asked for, or (auto) when a step has a photo."""
        choice = self.plan.sequence.side_cards or self.studio.side_cards
        if choice is SideCards.AUTO:
            return any(step.image is not None for step in steps)
        return choice is SideCards.PER_SIDE

    def steps(self) -> list:
        out: list = []
        for item in self.plan.items:
            if isinstance(item, PlannedSeries):
                out += self.series(item)
            elif item.mode is SideMode.BOTH and len(item.order) == 2 and self.per_side([item]):
                for index, side in enumerate(item.order):
                    out += [
                        *self.cards.card(item, 0, side=side, bookmark=index == 0, transition=index == 1),
                        Gap(styles.CARD_GAP_BOOKLET),
                    ]
            else:
                out += [*self.cards.card(item, level=0), Gap(styles.CARD_GAP_BOOKLET)]
        return out

    def series(self, series: PlannedSeries) -> list:
        """A series: its header (title and banner, and its note) kept with its first card, then the other
        cards, its transition at the foot of the last; laid out per side, each round (all the steps on one
        side) follows the other."""
        s, w = self.s, self.w
        first, last = series.span
        header = [
            Bookmark(f"series-{series.number}", f"{first}{DASH}{last} {series.title}", 0),
            Paragraph(esc(w.series_title(series.title)), s["series_title"]),
            Paragraph(esc(w.series_banner(first, last, series.mode, series.order)), s["series"]),
        ]
        if series.note:
            header.append(Paragraph(esc_lines(w.sided(series.note, None, series.order)), s["series_note"]))
        tail = (
            [Paragraph(f"\u2192 {esc_lines(w.sided(series.transition, None, series.order))}", s["transition"])]
            if series.transition
            else []
        )
        cards: list = []  # (step, lead, side, bookmark)
        if series.mode is SideMode.BOTH and len(series.order) == 2 and self.per_side(series.steps):
            for number, side in enumerate(series.order, 1):
                for index, step in enumerate(series.steps):
                    lead = ([*header] if number == 1 and index == 0 else []) + (
                        [Paragraph(esc(w.round_header(number, side)), s["series_title"])] if index == 0 else []
                    )
                    cards.append((step, lead, side, number == 1))
        else:
            cards = [(step, header if index == 0 else None, None, True) for index, step in enumerate(series.steps)]
        out: list = []
        for index, (step, lead, side, bookmark) in enumerate(cards):
            out += [
                *self.cards.card(
                    step, 1, lead=lead, side=side, bookmark=bookmark, tail=tail if index == len(cards) - 1 else None
                ),
                Gap(styles.CARD_GAP_BOOKLET),
            ]
        return out
