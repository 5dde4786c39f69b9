"""A step's card: the unit every booklet page is made of.

Head (number badge, name, Sanskrit), a badge line (side, hold), then the figure or image beside the numbered
cues, the note, the cautions box with its icon, the easier and deeper variations; then, between this card and
the next, the transition. A card is kept whole on a page (one taller than a page flows on). Sizes and colours come from
`styles`; nothing here draws on a canvas except the small caution icon.
"""
from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, Table, TableStyle

from ..labels import ENGLISH, Labels
from ..model import Side
from ..plan import PlannedStep
from . import styles
from .cautions import CautionIcon
from .parts import Bookmark, Paragraph, esc, placed_image, side_figures


class FlowingCard(Flowable):
    """A card taller than a page: it fills each page and says so ("continued on the next page"), and the next
    page opens with the card's name again ("continued")."""

    def __init__(self, content: list, mark, reprise):
        super().__init__()
        self.content, self.mark, self.reprise = content, mark, reprise  # reprise: () -> flowables for a new page

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        self.height = sum(_height(f, self.canv, availWidth) for f in self.content)
        return self.width, self.height

    def split(self, availWidth, availHeight):
        canv = self.canv
        room = availHeight - _height(self.mark, canv, availWidth)
        used, placed = 0.0, []
        for index, flowable in enumerate(self.content):
            height = _height(flowable, canv, availWidth)
            if used + height <= room:
                placed.append(flowable)
                used += height
                continue
            parts = flowable.splitOn(canv, availWidth, room - used) if room - used > 0 else []
            if parts:
                placed.append(parts[0])
                rest = list(parts[1:]) + self.content[index + 1:]
            else:
                rest = self.content[index:]
            break
        else:
            return self.content
        if not placed:
            return []  # nothing fits here: the frame moves the card on whole
        return [*placed, self.mark, FlowingCard([*self.reprise(), *rest], self.mark, self.reprise)]

    def draw(self):  # pragma: no cover - a frame always splits or places the content itself
        y = self.height
        for flowable in self.content:
            _, h = flowable.wrapOn(self.canv, self.width, y)
            y -= h
            flowable.drawOn(self.canv, 0, y)


class Card(KeepTogether):
    """A card kept whole on a page; one taller than a whole page instead flows from the top of a page, marked
    as continued (decided at layout time, from the height KeepTogether measures anyway)."""

    def __init__(self, content: list, frame_height: float, mark, reprise):
        super().__init__(content)
        self.frame_height, self.mark, self.reprise = frame_height, mark, reprise

    def split(self, availWidth, availHeight):
        if getattr(self, "_wrapInfo", None) != (availWidth, availHeight):
            self.wrap(availWidth, availHeight)
        if self._H <= self.frame_height:
            return super().split(availWidth, availHeight)
        flowing = FlowingCard(self._content, self.mark, self.reprise)
        return [flowing] if availHeight >= self.frame_height - 1 else [PageBreak(), flowing]


def _height(flowable, canv, width: float) -> float:
    _, h = flowable.wrapOn(canv, width, 1e6)
    return h + flowable.getSpaceBefore() + flowable.getSpaceAfter()


def _plain(table: Table, **extra) -> Table:
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 0), *extra.get("more", [])]))
    return table


class CardMaker:
    """Builds cards for one page width, with one set of paragraph styles."""

    def __init__(self, width: float, frame_height: float, s: dict, p: styles.Palette = styles.DEFAULT_PALETTE,
                 images=None, words: Labels = ENGLISH):
        self.width, self.frame_height, self.s, self.p, self.w = width, frame_height, s, p, words
        self.images = images  # images.ImageStage: photos prepared for their place

    def card(self, step: PlannedStep, level: int, lead: list | None = None, side: Side | None = None,
             bookmark: bool = True, transition: bool = True) -> list:
        """The card kept whole on a page, with `lead` (a series header) kept on the page with it, then the
        transition to the next step (between the cards, so it may start the next page). With `side`, the card
        is laid out for that side alone (its picture mirrored for the left)."""
        content = [*(lead or []), *self.contents(step, level, side, bookmark)]
        name = self.w.repeat_name(step.name) if step.repeat_of else step.name
        mark = Paragraph(esc(self.w["continued_next"]), self.s["continued"])
        out: list = [Card(content, self.frame_height, mark, lambda: [Paragraph(
            esc(f"{step.label} {name} ({self.w['continued']})"), self.s["continued_head"])])]
        if step.transition and transition:
            out.append(Paragraph(f"\u2192 {esc(step.transition)}", self.s["transition"]))
        return out

    def contents(self, step: PlannedStep, level: int, side: Side | None = None, bookmark: bool = True) -> list:
        name = self.w.repeat_name(step.name) if step.repeat_of else step.name
        key = f"step-{step.label}" + ("-again" if step.repeat_of else "")
        body: list = [Bookmark(key, f"{step.label} {name}", level)] if bookmark else []
        body += [self.head(step, name), self.badges(step, side)]
        body += self.picture_and_cues(step, side)
        if step.note:
            body.append(Paragraph(esc(step.note), self.s["note"]))
        if step.cautions and not step.repeat_of:
            body += [Spacer(1, 1.5 * mm), self.caution_box(step.cautions)]
        if not step.repeat_of:
            body += self.variations(step)
        return body

    def variations(self, step: PlannedStep) -> list:
        """Easier and deeper options; for a client with a chosen one, only that one, marked as theirs."""
        if step.chosen:
            texts = step.easier if step.chosen == "easier" else step.deeper
            word = f"{self.w['for_you']} ({self.w[step.chosen].lower()})"
            return [Paragraph(f"<b>{esc(word)}:</b> {esc(text)}", self.s["chosen"]) for text in texts]
        return [Paragraph(f"<b>{esc(self.w[key])}:</b> {esc(text)}", self.s["variation"])
                for key, texts in (("easier", step.easier), ("deeper", step.deeper)) for text in texts]

    # -- parts -------------------------------------------------------------------------------------------
    def head(self, step: PlannedStep, name: str) -> Table:
        s = self.s
        title = [Paragraph(esc(name), s["name"])]
        if step.sanskrit:
            title.append(Paragraph(esc(step.sanskrit), s["sanskrit"]))
        badge = Table([[Paragraph(esc(step.label), s["badge"])]], colWidths=[styles.BADGE_DIAMETER],
                      rowHeights=[styles.BADGE_DIAMETER])
        badge.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), self.p.accent),
                                   ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                   ("ROUNDEDCORNERS", [4, 4, 4, 4])]))
        return _plain(Table([[badge, title]], colWidths=[styles.BADGE_DIAMETER + 3 * mm, None]),
                      more=[("LINEABOVE", (0, 0), (-1, 0), 0.6, self.p.rule), ("TOPPADDING", (0, 0), (-1, -1), 5)])

    def badges(self, step: PlannedStep, side: Side | None = None) -> Paragraph:
        """The side and hold, as badges a reader finds at a glance (text on a tint: legible in grayscale)."""
        marker = (self.w.series_side_marker if step.series else self.w.side_marker)(step.mode, step.order)
        short = self.w.side_badge(step.mode, step.order)
        if side is not None:
            position = step.order.index(side)
            marker = (self.w.round_header(position + 1, side) if step.series else
                      self.w.one_side_marker(side, position, step.order))
            short = self.w.letter(side)
        parts = []
        if marker:
            pill = (f"<font color='white'><span backColor='{styles.hex_of(self.p.accent)}'>&nbsp;{esc(short)}"
                    f"&nbsp;</span></font> ") if short else ""
            parts.append(pill + esc(marker))
        hold = self.w.hold_label(step.hold)
        if hold:
            parts.append(f"<span backColor='{styles.hex_of(self.p.accent_light)}'>&nbsp;{esc(hold)}&nbsp;</span>")
        text = "&nbsp;&nbsp;\u00b7&nbsp;&nbsp;".join(parts)
        if step.hold is not None and step.hold.breath:
            text += f"<br/><font color='{styles.hex_of(self.p.ink)}'><b>{esc(self.w['breath'])}:</b> {esc(step.hold.breath)}</font>"
        return Paragraph(text, self.s["meta"])

    def picture_and_cues(self, step: PlannedStep, side: Side | None = None) -> list:
        s = self.s
        if step.repeat_of:
            cues = [Paragraph(esc(self.w("as_in", step=step.repeat_of)), s["variation"])]
        else:
            cues = [Paragraph(esc(cue), s["cue"], bulletText=f"{i}.") for i, cue in enumerate(step.cues, 1)]
        if step.image is not None:
            image = placed_image(self.images, step.image, (self.width, styles.IMAGE_MAX_HEIGHT),
                                 mirrored=side is Side.LEFT, grey=self.p.grey)
            out = [Spacer(1, 1 * mm), image]
            if side is Side.LEFT and not step.image.mirror:  # the photo shows the other side: say so
                out.append(Paragraph(esc(self.w["photo_other_side"]), s["caption"]))
            return [*out, Spacer(1, 2 * mm), *cues]
        if step.figure is None:
            return cues
        if side is not None:
            panels = [(side is Side.LEFT, "")]
        else:
            captions = self.w.figure_captions(step.mode, step.order)
            sides = step.order if len(captions) == len(step.order) else (step.order[:1] or (Side.RIGHT,))
            panels = [(one is Side.LEFT, caption) for one, caption in zip(sides, captions)]
        box = styles.FIGURE_BOXES["booklet"]
        column = box[0] + 2 * styles.FIGURE_GAP
        beside = Table([[side_figures(step.figure, panels, box, s["caption"], stacked=True, tones=self.p.figure), cues]],
                       colWidths=[column, self.width - column])
        _plain(beside, more=[("TOPPADDING", (0, 0), (-1, -1), 2 * mm)])
        _, height = beside.wrap(self.width, self.frame_height)
        if height <= self.frame_height * styles.BESIDE_MAX_SHARE:
            return [beside]
        # too many cues to sit beside the figure: the figure above, the cues below (they may flow on)
        return [Spacer(1, 1 * mm), side_figures(step.figure, panels, box, s["caption"], tones=self.p.figure), Spacer(1, 2 * mm), *cues]

    def caution_box(self, cautions) -> Table:
        s = self.s
        icon = CautionIcon(styles.CAUTION_ICON, self.p.caution)
        rows = [[icon if i == 0 else "", Paragraph(f"<b>{esc(self.w['caution'])}:</b> {esc(c)}", s["caution"])]
                for i, c in enumerate(cautions)]
        box = Table(rows, colWidths=[styles.CAUTION_ICON + 4 * mm, self.width - styles.CAUTION_ICON - 4 * mm],
                    splitInRow=1)
        box.setStyle(TableStyle([
            ("BOX", (0, 0), (-1, -1), 1.2, self.p.caution),
            ("LINEBEFORE", (0, 0), (0, -1), 4, self.p.caution),
            ("BACKGROUND", (0, 0), (-1, -1), self.p.caution_light),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 6), ("RIGHTPADDING", (0, 0), (-1, -1), 5),
            ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ]))
        return box
