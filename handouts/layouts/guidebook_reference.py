"""The guidebook's pose reference: one entry per pose the programme uses, in alphabetical order, each with its
picture (figure or photo), its names (English, the other names the programme gives it, IAST and Devanagari),
the weeks it is practised in, its full cues, every caution any step with it carries, and its easier and deeper
variations. The cards point here by page ("see page 31"); the index lists its entries.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from dataclasses import dataclass

from reportlab.platypus import PageBreak

from handouts.core.model import SideMode
from handouts.layouts import fonts, styles
from handouts.layouts.card import Card, CardMaker, CardRule
from handouts.layouts.guidebook_pages import Pages
from handouts.layouts.guidebook_words import weeks_label, words
from handouts.layouts.parts import Bookmark, Gap, Paragraph, esc
from handouts.layouts.progression import step_key
from handouts.plan.planner import PlannedStep
from handouts.plan.programme import PlannedProgramme


def folded(text: str) -> str:
    """A name as it is sorted: accents and case set aside ("Śavāsana" among the S)."""
    plain = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return " ".join(plain.casefold().split())


def anchor(key: str) -> str:
    """The link target of a pose's reference entry."""
    return "ref-" + "".join(c if c.isalnum() or c in "-_" else "_" for c in key)


@dataclass(frozen=True)
class Entry:
    """One pose of the reference: the step it is first practised as (its picture and cues), every name the
    programme gives it, every caution and variation any of its steps carries, and the segments practising it."""

    key: str
    step: PlannedStep
    names: tuple[str, ...]
    cautions: tuple[str, ...]
    easier: tuple[str, ...]
    deeper: tuple[str, ...]
    weeks: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.names[0]

    @property
    def anchor(self) -> str:
        return anchor(self.key)


def _add(found: list[str], texts) -> None:
    for text in texts:
        if str(text) not in found:
            found.append(str(text))


def reference_entries(programme: PlannedProgramme) -> list[Entry]:
    """Every pose the programme uses (a step without a library pose counts by its name), alphabetical."""
    gathered: dict[str, dict] = {}
    for ps in programme.segments:
        weeks = (ps.segment.first, ps.segment.last)
        for step in ps.plan.steps:
            if step.repeat_of:
                continue
            key = step_key(step)
            entry = gathered.setdefault(
                key, {"step": step, "names": [], "cautions": [], "easier": [], "deeper": [], "weeks": []}
            )
            _add(entry["names"], [step.name])
            _add(entry["cautions"], step.cautions)
            _add(entry["easier"], step.easier)
            _add(entry["deeper"], step.deeper)
            if weeks not in entry["weeks"]:
                entry["weeks"].append(weeks)
    entries = [
        Entry(
            key,
            found["step"],
            tuple(found["names"]),
            tuple(found["cautions"]),
            tuple(found["easier"]),
            tuple(found["deeper"]),
            spans(found["weeks"]),
        )
        for key, found in gathered.items()
    ]
    return sorted(entries, key=lambda e: (folded(e.name), e.key))


def spans(weeks: list[tuple[int, int]]) -> tuple[str, ...]:
    """The weeks a pose is practised in, segments that follow one another joined: ('Weeks 1-6', 'Weeks 10-12')."""
    joined: list[list[int]] = []
    for first, last in sorted(weeks):
        if joined and first == joined[-1][1] + 1:
            joined[-1][1] = last
        else:
            joined.append([first, last])
    return tuple(weeks_label(first, last) for first, last in joined)


class Reference:
    """The reference section's flowables, drawn with the booklet's card parts (`CardMaker`)."""

    def __init__(self, programme: PlannedProgramme, cards: CardMaker, s: dict, p: styles.Palette, pages: Pages):
        self.programme, self.cards, self.s, self.p, self.pages = programme, cards, s, p, pages
        self.entries = reference_entries(programme)

    def story(self) -> list:
        s = self.s
        out: list = [
            PageBreak(),
            self.pages.note("reference"),
            Bookmark("reference", words("reference"), 0),
            Paragraph(esc(words("reference")), s["heading"]),
            Paragraph(esc(words("reference_intro")), s["body"]),
        ]
        for entry in self.entries:
            out += [self.entry(entry), Gap(styles.GUIDE_REF_GAP)]
        return out

    def entry(self, entry: Entry) -> Card:
        """One pose: kept whole on a page (one taller than a page flows on, marked as continued)."""
        s, step = self.s, self.plain_step(entry)
        content: list = [
            CardRule(self.p.rule),
            self.pages.note(entry.anchor),
            Bookmark(entry.anchor, entry.name, 1),
            Paragraph(esc(entry.name), s["ref_name"]),
        ]
        if step.sanskrit:
            content.append(Paragraph(esc(step.sanskrit), s["sanskrit"]))
        if step.devanagari and self.cards.devanagari:
            fonts.register_devanagari()
            content.append(Paragraph(esc(step.devanagari), s["devanagari"]))
        if len(entry.names) > 1:
            content.append(Paragraph(esc(words("also_called", names=", ".join(entry.names[1:]))), s["ref_also"]))
        content.append(Paragraph(esc(words("in_weeks", weeks=", ".join(entry.weeks))), s["ref_weeks"]))
        content += self.cards.shown(step, None, 1.0)
        if step.cautions:
            content += [Gap(1.5 * styles.mm), self.cards.caution_box(step, None)]
        content += self.cards.variations(step, None)
        mark = Paragraph(esc(self.cards.w["continued_next"]), s["continued"])
        return Card(
            content,
            self.cards.frame_height,
            mark,
            lambda: [Paragraph(esc(f"{entry.name} ({self.cards.w['continued']})"), s["continued_head"])],
        )

    @staticmethod
    def plain_step(entry: Entry) -> PlannedStep:
        """The entry's step as the reference shows it: one picture (no sides), no client's choice, no note or
        transition, every caution and variation the programme gives the pose."""
        return dataclasses.replace(
            entry.step,
            name=entry.name,
            mode=SideMode.NONE,
            order=(),
            chosen=None,
            note=None,
            transition=None,
            cautions=entry.cautions,
            easier=entry.easier,
            deeper=entry.deeper,
        )
