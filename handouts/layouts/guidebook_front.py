"""The guidebook's first pages: the cover (title, weeks, who it is from, the segments), the contents with their
pages, the welcome and who to contact, how to set up a home practice and how to keep the log, how to use the
guidebook (the marks and page references explained, the key to the pictures), and the progression table.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Spacer, Table, TableStyle

from handouts.core.model import Studio
from handouts.layouts import styles
from handouts.layouts.figurekey import figure_legend
from handouts.layouts.guidebook_pages import Pages
from handouts.layouts.guidebook_segment import badge
from handouts.layouts.guidebook_words import weeks_label, words
from handouts.layouts.parts import Bookmark, Paragraph, esc
from handouts.layouts.progression import progression_table
from handouts.plan.programme import PlannedProgramme
from handouts.reading.labels import Labels


def total_weeks(programme: PlannedProgramme) -> int:
    return max((ps.segment.last for ps in programme.segments), default=0)


def segment_title(ps) -> str:
    return str(ps.segment.title or ps.plan.sequence.title)


class Front:
    def __init__(
        self,
        programme: PlannedProgramme,
        studio: Studio,
        width: float,
        frame_height: float,
        s: dict,
        p: styles.Palette,
        labels: Labels,
        pages: Pages,
    ):
        self.programme, self.studio, self.width, self.frame_height = programme, studio, width, frame_height
        self.s, self.p, self.w, self.pages = s, p, labels, pages

    def story(self) -> list:
        return [
            *self.cover(),
            PageBreak(),
            *self.contents(),
            *self.welcome(),
            *self.how_to(),
            *self.progression(),
        ]

    def cover(self) -> list:
        prog, s, studio = self.programme.programme, self.s, self.studio
        out = [Spacer(1, 25 * mm), Paragraph(esc(prog.title), s["title"])]
        if prog.subtitle:
            out.append(Paragraph(esc(prog.subtitle), s["subtitle"]))
        out.append(Paragraph(esc(words("programme_weeks", weeks=total_weeks(self.programme))), s["cover_line"]))
        if studio.instructor:
            where = f", {esc(studio.studio)}" if studio.studio else ""
            out.append(
                Paragraph(f"<b>{esc(self.w['instructor'])}:</b> {esc(studio.instructor)}{where}", s["cover_line"])
            )
        elif studio.studio:
            out.append(Paragraph(f"<b>{esc(self.w['studio'])}:</b> {esc(studio.studio)}", s["cover_line"]))
        out.append(Spacer(1, 8 * mm))
        for ps in self.programme.segments:
            weeks = weeks_label(ps.segment.first, ps.segment.last)
            out.append(Paragraph(f"<b>{esc(weeks)}</b>&nbsp;&nbsp;{esc(segment_title(ps))}", s["cover_line"]))
        return out

    def contents(self) -> list:
        """The parts of the guidebook with their pages (links to them)."""
        rows = [(words("welcome"), "welcome"), (words("progression"), "progression")]
        rows += [
            (f"{weeks_label(ps.segment.first, ps.segment.last)}: {segment_title(ps)}", f"segment-{index}")
            for index, ps in enumerate(self.programme.segments)
        ]
        rows += [(words("reference"), "reference"), (words("index"), "index")]
        s, column = self.s, styles.GUIDE_PAGE_COLUMN
        data = [
            [
                Paragraph(f"<a href='#{key}'>{esc(title)}</a>", s["contents"]),
                Paragraph(f"<a href='#{key}'>{esc(self.pages.of(key))}</a>", s["contents_page"]),
            ]
            for title, key in rows
        ]
        table = Table(data, colWidths=[self.width - column, column], hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    styles.TABLE_FONT,
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.4, self.p.rule),
                    ("LEFTPADDING", (0, 0), (-1, -1), 1),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 1),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ]
            )
        )
        return [Paragraph(esc(words("contents")), s["heading"]), table]

    def welcome(self) -> list:
        prog, s, studio = self.programme.programme, self.s, self.studio
        out: list = [
            self.pages.note("welcome"),
            Bookmark("welcome", words("welcome"), 0),
            Paragraph(esc(words("welcome")), s["heading"]),  # under the contents, on the same page
        ]
        if prog.welcome:
            out += [Paragraph(esc(part), s["body"]) for part in str(prog.welcome).split("\n") if part.strip()]
        who = [str(line) for line in prog.contacts]
        for line in (studio.studio, studio.instructor, *studio.contact, studio.website):
            if line and str(line) not in who:
                who.append(str(line))
        if who:
            out.append(
                KeepTogether(
                    [
                        Paragraph(esc(words("contacts")), s["section"]),
                        *(Paragraph(esc(line), s["body"]) for line in who),
                    ]
                )
            )
        return out

    def how_to(self) -> list:
        prog, s = self.programme.programme, self.s
        out: list = []
        if prog.home_practice:
            first, *rest = prog.home_practice
            out.append(
                KeepTogether([Paragraph(esc(words("home_practice")), s["section"]), Paragraph(esc(first), s["body"])])
            )
            out += [Paragraph(esc(part), s["body"]) for part in rest]
        out += [
            KeepTogether(
                [
                    Paragraph(esc(words("keeping_log")), s["section"]),
                    Paragraph(esc(prog.practice_log or words("keeping_log_default")), s["body"]),
                ]
            ),
        ]
        using = [
            Paragraph(esc(words("using")), s["section"]),
            Paragraph(words("using_text", new=badge("new", self.p), changed=badge("changed", self.p)), s["body"]),
        ]
        figures = [
            step.figure
            for ps in self.programme.segments
            for step in ps.plan.steps
            if step.figure is not None and step.image is None
        ]
        # the key to the pictures goes with the text that explains the cards (one KeepTogether: one inside
        # another would measure as taller than any page)
        legend = figure_legend(figures, self.width, self.w, self.s, self.p.figure)
        legend = [part for f in legend for part in (f._content if isinstance(f, KeepTogether) else [f])]
        return [*out, KeepTogether([*using, *legend])]

    def progression(self) -> list:
        s = self.s
        head = [
            Paragraph(esc(words("progression")), s["heading"]),
            Paragraph(esc(words("progression_intro")), s["body"]),
        ]
        room = self.frame_height - sum(f.wrap(self.width, self.frame_height)[1] + f.getSpaceAfter() for f in head)
        room -= s["heading"].spaceBefore
        tables, _, _ = progression_table(self.programme, self.width, room, self.p, self.w)
        return [
            PageBreak(),
            self.pages.note("progression"),
            Bookmark("progression", words("progression"), 0),
            *head,
            *tables,
        ]
