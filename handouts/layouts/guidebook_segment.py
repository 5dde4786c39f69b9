"""A segment of the guidebook: its first page (the weeks, what the segment is for, what is new in it and what is
no longer practised, its steps at a glance), then the booklet's step cards, each with a line under its head: a
NEW or CHANGED badge (a word on a dark or a light ground, plain in grayscale too) and "see page N", a link to the
pose's reference entry; then the segment's practice log, its weeks numbered as in the programme.

The cards and the glance table are the booklet's own (`Booklet`, `CardMaker`), made for the segment's plan.
"""

from __future__ import annotations

from reportlab.platypus import KeepTogether, PageBreak

from handouts.core.model import Side
from handouts.layouts import styles
from handouts.layouts.booklet import Booklet, Glance
from handouts.layouts.card import CardMaker
from handouts.layouts.endpages import practice_log
from handouts.layouts.guidebook_pages import Pages
from handouts.layouts.guidebook_reference import anchor
from handouts.layouts.guidebook_words import in_sentence, weeks_label, words
from handouts.layouts.parts import Bookmark, Gap, Paragraph, RuledLines, esc
from handouts.layouts.progression import step_key
from handouts.plan.planner import PlannedStep
from handouts.plan.programme import Mark, PlannedSegment


class GuideCards(CardMaker):
    """The booklet's cards with the guidebook's line under each head (its mark, its reference's page). Cards
    make no bookmarks here: the guidebook's outline has one entry per segment."""

    def __init__(self, *args, marks: dict[str, Mark], pages: Pages, **kw):
        super().__init__(*args, **kw)
        self.marks, self.pages = marks, pages

    def card(
        self,
        step: PlannedStep,
        level: int,
        lead: list | None = None,
        side: Side | None = None,
        bookmark: bool = True,
        transition: bool = True,
        tail: list | None = None,
    ) -> list:
        lead = [f for f in lead if not isinstance(f, Bookmark)] if lead else lead
        return super().card(step, level, lead, side, False, transition, tail)

    def contents(
        self, step: PlannedStep, level: int, side: Side | None = None, bookmark: bool = True, scale: float = 1.0
    ) -> list:
        body = super().contents(step, level, side, False, scale)
        body.insert(1, self.mark_line(step))  # right under the head
        return body

    def mark_line(self, step: PlannedStep) -> Paragraph:
        """'NEW  see page 31': the badge in words (never colour alone) and the page of the pose's entry."""
        mark = None if step.repeat_of else self.marks.get(step.label)
        parts = [badge(mark.value, self.p)] if mark is not None else []
        target = anchor(step_key(step))
        page = esc(words("see_page", page=self.pages.of(target)))
        parts.append(f"<a href='#{target}' color='{styles.hex_of(self.p.accent)}'>\u2192 {page}</a>")
        return Paragraph("&nbsp;&nbsp;".join(parts), self.s["card_line"])


class OpenerGlance(Glance):
    """The booklet's glance table, on a segment's first page: it starts there, under what is new, whenever
    GLANCE_MIN_START is left (the booklet's own moves a table that fits a page on whole unless a third of a page
    is left), so the opening page is not left half empty; a series' rows stay together as in the booklet."""

    def split(self, availWidth, availHeight):
        whole = self.frame_height
        self.frame_height = min(whole, styles.GLANCE_MIN_START / styles.GLANCE_SPLIT_ROOM)  # the rule's threshold
        try:
            return super().split(availWidth, availHeight)
        finally:
            self.frame_height = whole


def badge(which: str, p: styles.Palette) -> str:
    """A NEW or CHANGED badge (`which`: "new", "changed") as paragraph markup: the word in bold, white on the
    ink for NEW, ink on the light tint for CHANGED (two plainly different greys when printed without colour)."""
    word, pad = esc(words(which)), "&nbsp;"
    if which == "new":
        return f"<font color='white'><b><span backColor='{styles.hex_of(p.ink)}'>{pad}{word}{pad}</span></b></font>"
    return f"<b><span backColor='{styles.hex_of(p.accent_light)}'>{pad}{word}{pad}</span></b>"


def segment_story(index: int, ps: PlannedSegment, booklet: Booklet, s: dict, p: styles.Palette, pages: Pages) -> list:
    """The segment's pages: its opening page, its cards (`booklet` made with GuideCards), its practice log."""
    seg, plan, labels = ps.segment, ps.plan, booklet.w
    weeks = weeks_label(seg.first, seg.last)
    title = str(seg.title or plan.sequence.title)
    key = f"segment-{index}"
    out: list = [
        PageBreak(),
        pages.note(key),
        Bookmark(key, f"{weeks}: {title}", 0),
        Paragraph(esc(weeks), s["segment_weeks"]),
        Paragraph(esc(title), s["segment_title"]),
    ]
    if seg.focus:
        out.append(Paragraph(esc(seg.focus), s["body"]))
    out.append(Paragraph(esc(words("time", minutes=labels.minutes_label(plan.seconds))), s["cover_line"]))
    if plan.props:
        out.append(Paragraph(f"<b>{esc(labels['props'])}:</b> {esc(', '.join(plan.props))}", s["cover_line"]))
    out.append(Paragraph(esc(words("new_this_segment")), s["section"]))
    if ps.news:
        out += [Paragraph(esc(line), s["bullet"], bulletText="\u2022") for line in ps.news]
    else:
        out.append(Paragraph(esc(words("first_segment" if index == 0 else "nothing_new")), s["body"]))
    gone = [name for name in ps.removed if not any(str(name) in line for line in ps.news)]  # not said yet
    if gone:
        out.append(Paragraph(esc(words("removed")), s["section"]))
        out += [Paragraph(esc(name), s["bullet"], bulletText="\u2022") for name in gone]
    if plan.sequence.cautions:  # the sequence's own cautions, as its booklet gives them before the cards
        out.append(Paragraph(esc(labels["cautions"]), s["section"]))
        out += [Paragraph(esc(c), s["bullet"], bulletText="\u2022") for c in plan.sequence.cautions]
    out += [
        OpenerGlance(Paragraph(esc(words("this_segment")), s["heading"]), booklet.glance(), booklet.page.frame_height),
        Gap(styles.CARD_GAP_BOOKLET),
        *booklet.steps(),
        *segment_log(ps, booklet.width, s, p, labels),
    ]
    return out


def segment_log(ps: PlannedSegment, width: float, s: dict, p: styles.Palette, labels) -> list:
    """The practice log for the segment's weeks, after its last card when it fits there, with lines for notes
    to the foot of the page (when at least NOTES_LEAST of them fit)."""
    seg = ps.segment
    log = practice_log(width, s, p, labels, weeks=seg.last - seg.first + 1, from_week=seg.first)
    heading = words("practice_log_weeks", weeks=in_sentence(weeks_label(seg.first, seg.last)))
    log[0] = Paragraph(esc(heading), s["heading"])
    lines = RuledLines(
        styles.NOTES_LINE_GAP, p.rule, Paragraph(esc(labels["notes"]), s["section"]), least=styles.NOTES_LEAST
    )
    return [KeepTogether(log), lines]  # wherever the log fits whole: a segment's few weeks take little room
