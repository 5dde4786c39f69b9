"""The programme guidebook (issue 21): one booklet for a whole programme, in this order: the front pages
(`guidebook_front`: cover, contents, welcome and contacts, home practice and the log, how to use it, the
progression table), then per segment its opening page, cards and practice log (`guidebook_segment`), then the
pose reference (`guidebook_reference`), the index (`guidebook_index`) and the back cover with the disclaimer.

The story is made for the page numbers a layout pass before noted (`Pages`): the pipeline lays it out again
until every printed page number is the page it names. The booklet's page sizes, styles, cards and glance tables
are used as they are.
"""

from __future__ import annotations

from handouts.core.model import Studio
from handouts.layouts import styles
from handouts.layouts.booklet import Booklet
from handouts.layouts.endpages import LogFoot, back_cover
from handouts.layouts.guidebook_front import Front
from handouts.layouts.guidebook_index import index_story
from handouts.layouts.guidebook_pages import Pages
from handouts.layouts.guidebook_reference import Reference
from handouts.layouts.guidebook_segment import GuideCards, segment_story
from handouts.layouts.parts import Paragraph, RuledLines, esc
from handouts.plan.programme import PlannedProgramme
from handouts.reading.labels import ENGLISH, Labels


class Guidebook:
    """The guidebook's story for one programme on one page size, printing the page numbers `pages` knows."""

    def __init__(
        self,
        programme: PlannedProgramme,
        page: styles.PageSpec,
        studio: Studio = Studio(),
        images=None,
        words: Labels = ENGLISH,
        pages: Pages | None = None,
    ):
        self.programme, self.page, self.studio, self.images, self.w = programme, page, studio, images, words
        self.pages = pages or Pages()
        self.p = styles.palette(studio.accent, studio.grayscale)
        self.s = {
            **styles.paragraph_styles(self.p),
            **styles.booklet_styles(self.p),
            **styles.guidebook_styles(self.p),
        }

    def cards(self, marks) -> GuideCards:
        page = self.page
        return GuideCards(
            page.frame_width,
            page.frame_height,
            self.s,
            self.p,
            self.images,
            self.w,
            devanagari=self.studio.devanagari,
            marks=marks,
            pages=self.pages,
        )

    def booklet(self, plan, marks) -> Booklet:
        """The booklet of a segment's plan, its cards the guidebook's."""
        booklet = Booklet(plan, self.page, self.studio, self.images, self.w)
        booklet.s = self.s
        booklet.cards = self.cards(marks)
        return booklet

    def story(self) -> list:
        width, s, p = self.page.frame_width, self.s, self.p
        out = Front(self.programme, self.studio, width, self.page.frame_height, s, p, self.w, self.pages).story()
        for index, ps in enumerate(self.programme.segments):
            out += segment_story(index, ps, self.booklet(ps.plan, ps.marks), s, p, self.pages)
        reference = Reference(self.programme, self.cards({}), s, p, self.pages)
        out += reference.story()
        out += index_story(reference.entries, width, s, p, self.pages)
        return out + self.back()

    def back(self) -> list:
        """The back cover (who to ask, the disclaimer): at the foot of the index's last page when it fits there,
        lines for notes above it; else on a page of its own."""
        s, w = self.s, self.w
        lines = RuledLines(
            styles.NOTES_LINE_GAP, self.p.rule, Paragraph(esc(w["notes"]), s["section"]), least=styles.NOTES_LEAST
        )
        return [LogFoot(lines, back_cover(self.studio, None, s, w, at_foot=True), back_cover(self.studio, None, s, w))]
