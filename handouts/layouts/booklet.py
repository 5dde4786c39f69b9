"""The booklet: cover, "before you begin", one card per step (`card.py`), in reading order, as flowables.

Series open with a header kept on the page of their first card. Sizes and colours come from `styles`.
"""
from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, PageBreak, Spacer, Table, TableStyle

from ..labels import DASH, ENGLISH, Labels
from ..model import Personal, SideCards, SideMode, Studio
from ..plan import Plan, PlannedSeries
from . import styles
from .card import CardMaker
from .endpages import end_pages
from .parts import Bookmark, Gap, Paragraph, esc, placed_image


class Booklet:
    """Builds the booklet's story (list of flowables) for one plan on one page size."""

    def __init__(self, plan: Plan, page: styles.PageSpec, studio: Studio = Studio(), images=None,
                 words: Labels = ENGLISH, personal: Personal | None = None):
        self.plan = plan
        self.w = words
        self.personal = personal  # the client it is made for, or None
        self.page = page
        self.studio = studio
        self.p = styles.palette(studio.accent, studio.grayscale)
        self.s = styles.paragraph_styles(self.p)
        self.width = page.frame_width
        self.images = images  # images.ImageStage
        self.cards = CardMaker(self.width, page.frame_height, self.s, self.p, images, words)

    # -- pages -------------------------------------------------------------------------------------------
    def story(self) -> list:
        ending = end_pages(self.width, self.studio, self.plan.sequence.instructor, self.s, self.p, self.w)
        return [*self.cover(), PageBreak(), *self.before_you_begin(), Gap(styles.CARD_GAP), *self.steps(), *ending]

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
        instructor = seq.instructor or self.studio.instructor
        if instructor:
            studio = f", {esc(self.studio.studio)}" if self.studio.studio else ""
            lines.append(f"<b>{esc(w['instructor'])}:</b> {esc(instructor)}{studio}")
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
        lines.append(f"<b>{esc(w['steps'])}:</b> {len(self.plan.labels)}")
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
        out = [Bookmark("before", w["before_you_begin"]), Paragraph(esc(w["before_you_begin"]), s["heading"])]
        if self.personal is not None and self.personal.notes:
            out.append(Paragraph(esc(w["notes_for_you"]), s["heading"]))
            out += [Paragraph(esc(n), s["personal_note"], bulletText="\u2022") for n in self.personal.notes]
        if seq.intro:
            out.append(Paragraph(esc(seq.intro), s["body"]))
        if seq.cautions:
            out.append(Paragraph(esc(w["cautions"]), s["heading"]))
            out += [Paragraph(esc(c), s["bullet"], bulletText="\u2022") for c in seq.cautions]
        if self.plan.props:
            out.append(Paragraph(esc(w["props"]), s["heading"]))
            out += [Paragraph(esc(p), s["bullet"], bulletText="\u2022") for p in self.plan.props]
        out.append(CondPageBreak(40 * mm))
        out.append(Paragraph(esc(w["at_a_glance"]), s["heading"]))
        out.append(self.glance_table())
        return out

    def glance_table(self) -> Table:
        s = self.s
        rows, spans = [], []
        for item in self.plan.items:
            steps = [item]
            if isinstance(item, PlannedSeries):
                first, last = item.span
                spans.append(len(rows))
                rows.append([Paragraph(esc(f"{self.w.series_title(item.title)} \u00b7 " + self.w.series_banner(first, last, item.mode, item.order)),
                                       s["glance_bold"]), "", "", ""])
                steps = item.steps
            for step in steps:
                label = self.w.repeat_label(step.label) if step.repeat_of else step.label
                side = self.w.side_badge(step.mode, step.order)
                rows.append([Paragraph(esc(label), s["glance_bold"]), Paragraph(esc(step.name), s["glance"]),
                             Paragraph(esc(side), s["glance"]),
                             Paragraph(esc(self.w.hold_label(step.hold)), s["glance"])])
        widths = [0.13, 0.45, 0.14, 0.28]
        table = Table(rows, colWidths=[w * self.width for w in widths], repeatRows=0)
        table.setStyle(TableStyle([*(("SPAN", (0, r), (-1, r)) for r in spans),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, self.p.rule),
            ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]))
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
                    out += [*self.cards.card(item, 0, side=side, bookmark=index == 0, transition=index == 1),
                            Gap(styles.CARD_GAP)]
            else:
                out += [*self.cards.card(item, level=0), Gap(styles.CARD_GAP)]
        return out

    def series(self, series: PlannedSeries) -> list:
        """A series: its header kept with its first card, then the other cards; laid out per side, each round
        (all the steps on one side) follows the other."""
        s = self.s
        first, last = series.span
        header = [Bookmark(f"series-{series.number}", f"{first}{DASH}{last} {series.title}", 0),
                  Paragraph(esc(f"{series.title}"), s["series_title"]),
                  Paragraph(esc(self.w.series_banner(first, last, series.mode, series.order)), s["series"])]
        if series.note:
            header.append(Paragraph(esc(series.note), s["series_note"]))
        out: list = []
        if series.mode is SideMode.BOTH and len(series.order) == 2 and self.per_side(series.steps):
            for number, side in enumerate(series.order, 1):
                for index, step in enumerate(series.steps):
                    lead = ([*header] if number == 1 and index == 0 else []) + \
                        ([Paragraph(esc(self.w.round_header(number, side)), s["series_title"])] if index == 0 else [])
                    out += [*self.cards.card(step, 1, lead=lead, side=side, bookmark=number == 1),
                            Gap(styles.CARD_GAP)]
        else:
            for index, step in enumerate(series.steps):
                out += [*self.cards.card(step, level=1, lead=header if index == 0 else None), Gap(styles.CARD_GAP)]
        if series.transition:
            out.insert(-1, Paragraph(f"\u2192 {esc(series.transition)}", s["transition"]))
        return out
