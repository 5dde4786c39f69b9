"""A step's card: the unit every booklet page is made of.

A line above it (left out at the top of a page), the head (number badge; beside it the name with its Sanskrit, the
Sanskrit in Devanagari under them when given, and the badge line: the side's short badge, its words, the hold;
at its right the QR code of the step's video, a link, when it has one: `videolink`), a
client's own variation right under it, then the figures and the numbered cues: one figure, or a two-sided step's
two narrow figures side by side, beside the cues (cues longer than the figure go on under it at the full width);
two wide figures side by side above them, each captioned; a photo above them. Then the note, the cautions box with
its icon, the easier and deeper variations, and last the transition to the next step. A card is kept whole on a
page, its transition with it (one a little taller than a page is drawn with smaller pictures, and without its
Devanagari line if that is what makes it fit; one taller still flows on, marked "continued"), so two cards share a
page whenever both fit. Every step text goes through `Labels.sided` for the card's side. Sizes and colours come
from `styles`; nothing here draws on a canvas but a rule and the caution icon.
"""

from __future__ import annotations

import dataclasses

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Spacer,
    Table,
    TableStyle,
)

from handouts.core.model import Side
from handouts.figures.art import figure_art
from handouts.layouts import fonts, styles
from handouts.layouts.cautions import CautionIcon
from handouts.layouts.parts import Bookmark, Paragraph, esc, esc_lines, placed_image, side_figures
from handouts.layouts.videolink import VideoCode
from handouts.plan.planner import PlannedStep
from handouts.reading.labels import ENGLISH, Labels


class FlowingCard(Flowable):
    """A card taller than a page: it fills each page and says so ("continued on the next page"), and the next
    page opens with the card's name again ("continued")."""

    def __init__(self, content: list, mark, reprise, lead: int = 0):
        super().__init__()
        self.content, self.mark, self.reprise = content, mark, reprise  # reprise: () -> flowables for a new page
        self.lead = lead  # how many of the content's first flowables are the reprise

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
                rest = list(parts[1:]) + self.content[index + 1 :]
            else:
                rest = self.content[index:]
            break
        else:
            return self.content
        if len(placed) <= self.lead and len(rest) == len(self.content) - len(placed):
            if self.lead:  # only the reprise would go here: the rest goes on without it, so it always moves on
                rest = FlowingCard(self.content[self.lead :], self.mark, self.reprise)
                rest.canv = canv
                return rest.split(availWidth, availHeight)
            return []  # nothing fits here: the frame moves the card on whole
        reprise = self.reprise()
        # the page turns after the mark even when a split part came out shorter than the room it was given
        return [*placed, self.mark, PageBreak(), FlowingCard([*reprise, *rest], self.mark, self.reprise, len(reprise))]

    def draw(self):  # pragma: no cover - a frame always splits or places the content itself
        y = self.height
        for flowable in self.content:
            _, h = flowable.wrapOn(self.canv, self.width, y)
            y -= h
            flowable.drawOn(self.canv, 0, y)


class Card(KeepTogether):
    """A card kept whole on a page. One taller than a whole page is made again with smaller pictures
    (`compact`, when given) if that fits a page; else it flows from the top of a page, marked as continued
    (decided at layout time, from the height KeepTogether measures anyway)."""

    def __init__(self, content: list, frame_height: float, mark, reprise, compact=None):
        super().__init__(content)
        self.frame_height, self.mark, self.reprise, self.compact = frame_height, mark, reprise, compact

    def split(self, availWidth, availHeight):
        if getattr(self, "_wrapInfo", None) != (availWidth, availHeight):
            self.wrap(availWidth, availHeight)
        if self.frame_height >= self._H:
            return (
                self.smaller_to_share(availWidth, availHeight)
                or self.across_spread(availWidth, availHeight)
                or super().split(availWidth, availHeight)
            )
        for plain in (False, True) if self.compact is not None else ():
            content = self.compact(plain)  # plain: without the Devanagari line too (None when it has none)
            if content is None:
                break
            smaller = Card(content, self.frame_height, self.mark, self.reprise)
            smaller.canv, smaller._frame = self.canv, getattr(self, "_frame", None)
            smaller.wrap(availWidth, availHeight)
            if self.frame_height >= smaller._H:
                return smaller.split(availWidth, availHeight)
        flowing = FlowingCard(self._content, self.mark, self.reprise)
        if availHeight >= self.frame_height - 1:  # at the top of a page: it starts flowing here
            flowing.canv = self.canv
            return flowing.split(availWidth, availHeight) or [PageBreak(), flowing]
        return [PageBreak(), flowing]

    def smaller_to_share(self, availWidth, availHeight) -> list:
        """A card that fits the rest of its page with its pictures drawn smaller (`compact`) shares the page so,
        rather than leaving that room empty. [] when it does not."""
        if self.compact is None or availHeight >= self.frame_height - 1:
            return []
        # smaller pictures change only the pictures and the cues around them: no need to make the card again
        # when the rest alone would not fit
        shown = sum(_height(f, self.canv, availWidth) for f in self._content if getattr(f, "card_shown", False))
        if self._H - shown > availHeight:
            return []
        smaller = self.compact()
        if sum(_height(f, self.canv, availWidth) for f in smaller) > availHeight:
            return []
        return smaller

    def across_spread(self, availWidth, availHeight) -> list:
        """A card that does not fit the rest of a left-hand (even) page goes on onto the facing page, where the
        reader sees both at once: whole parts only (never inside a paragraph, a caution box or a picture), at
        least its head, picture and half of it here, and more than its transition there. [] when it moves on
        whole instead."""
        canv = self.canv
        if canv.getPageNumber() % 2 or availHeight >= self.frame_height - 1:
            return []
        mark = _height(self.mark, canv, availWidth)
        reprise = sum(_height(f, canv, availWidth) for f in self.reprise())
        heights = [_height(f, canv, availWidth) for f in self._content]
        used, count = 0.0, 0
        while count < len(heights) and used + heights[count] + mark <= availHeight:
            used += heights[count]
            count += 1
        while count and (isinstance(self._content[count - 1], (Spacer, Bookmark)) or heights[count - 1] == 0):
            count -= 1  # a gap or a bookmark goes with what follows it
        here, rest = self._content[:count], self._content[count:]
        pictured = any(getattr(f, "card_picture", False) for f in here) or not any(
            getattr(f, "card_picture", False) for f in self._content
        )
        substance = [f for f in rest if not getattr(f, "card_tail", False)]
        if (
            not pictured
            or sum(heights[:count]) < 0.5 * self._H
            or not substance
            or reprise + sum(heights[count:]) > self.frame_height
        ):
            return []
        return [*here, self.mark, KeepTogether([*self.reprise(), *rest])]


class WrapAround(Flowable):
    """A picture with paragraphs beside it that go on at the full width below the picture: a figure beside the
    cues, without a narrow column of cues running on below a short figure. Paragraphs are kept whole: one that
    would reach more than `overshoot` past the picture's foot starts below it."""

    def __init__(
        self, picture, picture_width: float, gap: float, content: list, below_gap: float = 0, overshoot: float = 0
    ):
        super().__init__()
        self.picture, self.picture_width, self.gap, self.content = picture, picture_width, gap, content
        self.below_gap = below_gap  # from the picture's foot to text that goes on below it
        self.overshoot = overshoot
        self._laid: float | None = None

    def _lay(self, width: float) -> None:
        if self._laid == width:
            return
        canv, text_width = self.canv, width - self.picture_width - self.gap
        _, self.picture_height = self.picture.wrapOn(canv, self.picture_width, 1e6)
        beside: list[tuple[Flowable, float, float]] = []
        below, used = [], 0.0
        content = list(self.content)
        while content:
            flowable = content.pop(0)
            before = flowable.getSpaceBefore() if beside else 0.0
            room = self.picture_height - used - before
            _, height = flowable.wrapOn(canv, text_width, 1e6)
            if room < 1:  # past the picture's foot: the rest goes below, at the full width
                below = [flowable, *content]
                break
            if height <= room + self.overshoot:
                beside.append((flowable, before, height))
                used += before + height + flowable.getSpaceAfter()
                continue
            below = [flowable, *content]
            break
        self.beside, self.used = beside, used
        top = max(self.picture_height + self.below_gap, used) if below else max(self.picture_height, used)
        self.below = []
        y = top
        for index, flowable in enumerate(below):
            y += flowable.getSpaceBefore() if index else 0.0
            _, height = flowable.wrapOn(canv, width, 1e6)
            self.below.append((flowable, y, height))
            y += height + flowable.getSpaceAfter()
        self.height = y if below else top
        self.width = width
        self._laid = width

    def wrap(self, availWidth, availHeight):
        self._lay(availWidth)  # laid out once per width: the frame asks again and again
        return self.width, self.height

    def split(self, availWidth, availHeight):
        return []  # kept whole: a card that needs to flow on puts its picture above its cues instead

    def draw(self):
        canv = self.canv
        self.picture.drawOn(canv, 0, self.height - self.picture_height)
        y = self.height
        for flowable, before, height in self.beside:
            y -= before + height
            flowable.drawOn(canv, self.picture_width + self.gap, y)
            y -= flowable.getSpaceAfter()
        for flowable, top, height in self.below:
            flowable.drawOn(canv, 0, self.height - top - height)


class CardRule(Flowable):
    """The line that opens a card: where one card ends and the next begins. At the top of a page there is
    nothing to part it from (the running header's rule is there), so it takes no room."""

    def __init__(self, color):
        super().__init__()
        self.color = color
        self.width = self.height = 0

    def wrap(self, availWidth, availHeight):
        frame = getattr(self, "_frame", None)
        at_top = frame is not None and getattr(frame, "_atTop", False)
        self.width, self.height = availWidth, 0 if at_top else styles.CARD_HEAD_PAD
        return self.width, self.height

    def draw(self):
        if self.height:
            self.canv.setStrokeColor(self.color)
            self.canv.setLineWidth(styles.CARD_RULE)
            self.canv.line(0, self.height, self.width, self.height)


def _height(flowable, canv, width: float) -> float:
    _, h = flowable.wrapOn(canv, width, 1e6)
    return h + flowable.getSpaceBefore() + flowable.getSpaceAfter()


def _plain(table: Table, **extra) -> Table:
    table.setStyle(
        TableStyle(
            [
                styles.TABLE_FONT,
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                *extra.get("more", []),
            ]
        )
    )
    return table


def narrow_width(figure, height: float, captions: list[str], caption_style) -> float:
    """The width a figure needs to be drawn at the full `height` of its box, with room for its caption."""
    x0, y0, x1, y1 = figure_art(figure).bbox()
    pad = styles.FIGURE_PAD
    drawn = (x1 - x0) / max(y1 - y0, 1e-9) * (height - 2 * pad) + 2 * pad
    words = max((stringWidth(c, caption_style.fontName, caption_style.fontSize) for c in captions), default=0)
    return max(drawn, words + 2)


def row_figure_box(width: float) -> tuple[float, float]:
    """The box of each figure when a two-sided step's two figures stand side by side on a card `width` wide."""
    box_w, box_h = styles.ROW_FIGURE_BOX
    return min(box_w, (width - styles.ROW_FIGURE_GAP) / 2 - 2 * styles.FIGURE_GAP), box_h


class CardMaker:
    """Builds cards for one page width, with one set of paragraph styles."""

    def __init__(
        self,
        width: float,
        frame_height: float,
        s: dict,
        p: styles.Palette = styles.DEFAULT_PALETTE,
        images=None,
        words: Labels = ENGLISH,
        devanagari: bool = True,
    ):
        self.width, self.frame_height, self.s, self.p, self.w = width, frame_height, s, p, words
        self.devanagari = devanagari  # studio.yaml's choice: the Sanskrit names in Devanagari, or not
        self.images = images  # images.ImageStage: photos prepared for their place

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
        """The card kept whole on a page, with `lead` (a series header) before it and its transition (and
        `tail`: a series' own transition, after its last card) at its foot. With `side`, the card is laid out
        for that side alone (its picture mirrored for the left, its texts naming that side)."""

        def content(scale: float) -> list:
            rules = [CardRule(self.p.rule) for _ in range(2 if lead else 1)]  # above the card, under a header
            out = [rules[0], *(lead or []), *rules[1:], *self.contents(step, level, side, bookmark, scale)]
            if step.transition and transition:
                out.append(Paragraph(f"\u2192 {self.text(step.transition, step, side)}", self.s["transition"]))
            for flowable in out[len(out) - (1 if step.transition and transition else 0) :] + (tail or []):
                flowable.card_tail = True  # never all that goes on across a spread
            return out + (tail or [])

        def compact(plain: bool = False) -> list | None:
            """The same card with smaller pictures: only the pictures and cues made again; `plain`: the head
            without its Devanagari line too (None when it has none)."""
            if plain and not any(hasattr(f, "card_plain") for f in full):
                return None
            kept = [getattr(f, "card_plain", f) if plain else f for f in full]
            first = next((i for i, f in enumerate(kept) if getattr(f, "card_shown", False)), None)
            if first is None:  # nothing pictured: nothing to make smaller
                return kept
            kept = [f for f in kept if not getattr(f, "card_shown", False)]
            return [*kept[:first], *self.shown(step, side, styles.COMPACT_PICTURES), *kept[first:]]

        name = self.w.repeat_name(step.name) if step.repeat_of else step.name
        mark = Paragraph(esc(self.w["continued_next"]), self.s["continued"])
        full = content(1.0)
        return [
            Card(
                full,
                self.frame_height,
                mark,
                lambda: [Paragraph(esc(f"{step.label} {name} ({self.w['continued']})"), self.s["continued_head"])],
                compact=compact,
            )
        ]

    def text(self, text, step: PlannedStep, side: Side | None) -> str:
        """A step text as printed on this card: its {{ side }} filled for the card's side, then escaped."""
        return esc_lines(self.w.sided(text, side, step.order))

    def contents(
        self, step: PlannedStep, level: int, side: Side | None = None, bookmark: bool = True, scale: float = 1.0
    ) -> list:
        name = self.w.repeat_name(step.name) if step.repeat_of else step.name
        key = f"step-{step.label}" + ("-again" if step.repeat_of else "")
        body: list = [Bookmark(key, f"{step.label} {name}", level)] if bookmark else []
        head = self.head(step, name, side)
        if step.devanagari and self.devanagari:  # a card a little too tall for a page is drawn without it (Card.split)
            head.card_plain = self.head(step, name, side, devanagari=False)
        body.append(head)
        if self.long_hold(step):
            body += self.hold_words(step, side)
        if step.chosen and not step.repeat_of:
            body += [Spacer(1, 1 * mm), self.chosen(step, side), Spacer(1, 0.5 * mm)]
        body += self.shown(step, side, scale)
        if step.note:
            body.append(Paragraph(self.text(step.note, step, side), self.s["note"]))
        if step.cautions and not step.repeat_of:
            body += [Spacer(1, 1.5 * mm), self.caution_box(step, side)]
        if not step.repeat_of and not step.chosen:
            body += self.variations(step, side)
        return body

    def shown(self, step: PlannedStep, side: Side | None, scale: float) -> list:
        """The pictures and the cues, marked as what smaller pictures change (and the picture, or the first
        cue, as what stays on the page where the card begins)."""
        shown = self.picture_and_cues(step, side, scale)
        for flowable in shown:
            flowable.card_shown = True
        picture = next((f for f in shown if not isinstance(f, Spacer)), None)
        if picture is not None:
            picture.card_picture = True
        return shown

    def chosen(self, step: PlannedStep, side: Side | None) -> Table:
        """The variation chosen for a client, right under the hold, framed and tinted: 'For you (easier): ...'."""
        assert step.chosen is not None  # called only for a step with a chosen variation
        texts = step.easier if step.chosen == "easier" else step.deeper
        word = f"{self.w['for_you']} ({self.w[step.chosen].lower()})"
        rows = [
            [Paragraph((f"<b>{esc(word)}:</b> " if i == 0 else "") + self.text(text, step, side), self.s["chosen"])]
            for i, text in enumerate(texts)
        ]
        box = Table(rows, colWidths=[self.width])
        box.setStyle(
            TableStyle(
                [
                    styles.TABLE_FONT,
                    ("BACKGROUND", (0, 0), (-1, -1), self.p.accent_light),
                    ("BOX", (0, 0), (-1, -1), 0.6, self.p.accent),
                    ("LINEBEFORE", (0, 0), (0, -1), styles.CHOSEN_BAR, self.p.accent),
                    ("LEFTPADDING", (0, 0), (-1, -1), 2.5 * mm),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 2 * mm),
                    ("TOPPADDING", (0, 0), (-1, -1), 1),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                    ("TOPPADDING", (0, 0), (-1, 0), 3),
                    ("BOTTOMPADDING", (0, -1), (-1, -1), 4),
                ]
            )
        )
        return box

    def variations(self, step: PlannedStep, side: Side | None) -> list:
        """Easier and deeper options (a client's chosen one is shown under the hold instead)."""
        return [
            Paragraph(f"<b>{esc(self.w[key])}:</b> {self.text(text, step, side)}", self.s["variation"])
            for key, texts in (("easier", step.easier), ("deeper", step.deeper))
            for text in texts
        ]

    # -- parts -------------------------------------------------------------------------------------------
    def head(self, step: PlannedStep, name: str, side: Side | None = None, devanagari: bool = True) -> Table:
        """The number badge, and beside it the name with its Sanskrit after it, the Sanskrit in Devanagari under
        them when the pose has it, and the badge line."""
        s = self.s
        title = f"{esc(name)}"
        if step.sanskrit:
            title += (
                f"<font name='{s['sanskrit'].fontName}' size='{s['sanskrit'].fontSize:g}' "
                f"color='{styles.hex_of(self.p.muted)}'>&nbsp;&nbsp;{esc(step.sanskrit)}</font>"
            )
        wide = self.badge_width(step.label)
        badge = Table([[Paragraph(esc(step.label), s["badge"])]], colWidths=[wide], rowHeights=[styles.BADGE_DIAMETER])
        badge.setStyle(
            TableStyle(
                [
                    styles.TABLE_FONT,
                    ("BACKGROUND", (0, 0), (-1, -1), self.p.accent),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("ROUNDEDCORNERS", [4, 4, 4, 4]),
                ]
            )
        )
        named = [Paragraph(title, s["name"])]
        if (
            step.devanagari and devanagari and self.devanagari
        ):  # the Sanskrit name in Devanagari, its own line under name and IAST
            fonts.register_devanagari()
            named.append(Paragraph(esc(step.devanagari), s["devanagari"]))
        cells = [badge, [*named, self.badges(step, side)]]
        widths = [wide + styles.BADGE_TO_NAME, self.head_width(step)]
        code = self.video_code(step)
        if code is not None:  # the video's QR code in the card's top right corner
            cells.append(code)
            widths.append(code.width)
        return _plain(Table([cells], colWidths=widths), more=[])

    def video_code(self, step: PlannedStep) -> VideoCode | None:
        """The QR code of the step's video with its label, or None (no video; a repeat: its first card has it)."""
        if not self.shows_video(step) or step.video is None:
            return None
        return VideoCode(step.video, self.w["video"], self.s["caption"], self.p.ink)

    @staticmethod
    def shows_video(step: PlannedStep) -> bool:
        return bool(step.video) and not step.repeat_of

    def badge_width(self, label: str) -> float:
        """The number badge's width: a square for '5' or '12', wider for '15a' (never broken inside)."""
        style = self.s["badge"]
        return max(styles.BADGE_DIAMETER, stringWidth(label, style.fontName, style.fontSize) + 2 * styles.BADGE_PAD)

    def long_hold(self, step: PlannedStep) -> bool:
        """Whether the hold's 'then' or 'breath' words are too long for the badge line: they go under the head,
        where they can break over pages."""
        hold = step.hold
        return hold is not None and (
            len(str(hold.then or "")) > styles.GLANCE_HOLD_CHARS
            or len(str(hold.breath or "")) > styles.GLANCE_HOLD_CHARS
        )

    def hold_words(self, step: PlannedStep, side: Side | None) -> list:
        """A long hold's words under the head: the whole hold with its 'then', and how to breathe."""
        assert step.hold is not None  # called only when long_hold(step), which has a hold
        out = [Paragraph(esc(self.w.hold_label(step.hold)), self.s["meta"])]
        if step.hold.breath:
            out.append(
                Paragraph(f"<b>{esc(self.w['breath'])}:</b> {self.text(step.hold.breath, step, side)}", self.s["meta"])
            )
        return out

    def head_width(self, step: PlannedStep) -> float:
        """The width beside the number badge: the name's and the badge line's (less the video's QR code's)."""
        code = styles.VIDEO_CODE + styles.VIDEO_TO_NAME if self.shows_video(step) else 0.0
        return self.width - self.badge_width(step.label) - styles.BADGE_TO_NAME - code

    def badges(self, step: PlannedStep, side: Side | None = None) -> Paragraph:
        """The badge line: the short side badge ('R → L') on the accent, the side in words, the hold on a tint
        (text on a tint: legible in grayscale); a card for one side says which ('R', 'Right side first ...')."""
        marker = (self.w.series_side_marker if step.series else self.w.side_marker)(step.mode, step.order)
        short = self.w.side_badge(step.mode, step.order)
        if side is not None:
            position = step.order.index(side)
            marker = (
                self.w.round_header(position + 1, side)
                if step.series
                else self.w.one_side_marker(side, position, step.order)
            )
            short = self.w.letter(side)

        def pill(text: str) -> str:  # a short one never breaks inside its tint
            text = esc(text)
            return text.replace(" ", "&nbsp;") if len(text) <= styles.PILL_UNBROKEN else text

        parts, plain = [], []
        if marker:
            badge = (
                (
                    f"<font color='white'><span backColor='{styles.hex_of(self.p.accent)}'>&nbsp;{pill(short)}"
                    f"&nbsp;</span></font> "
                )
                if short
                else ""
            )
            parts.append(badge + esc(marker))
            plain.append(f"\u00a0{short}\u00a0 {marker}" if short else marker)
        long = self.long_hold(step)
        hold = self.w.hold_label(
            dataclasses.replace(step.hold, then=None) if long and step.hold is not None else step.hold
        )
        if hold:
            parts.append(f"<span backColor='{styles.hex_of(self.p.accent_light)}'>&nbsp;{pill(hold)}&nbsp;</span>")
            plain.append(f"\u00a0{hold}\u00a0")
        style = self.s["meta"]
        one_line = stringWidth("\u00a0\u00a0\u00b7\u00a0 ".join(plain), style.fontName, style.fontSize)
        # on one line when it fits; else the hold starts the second line
        text = ("&nbsp;&nbsp;\u00b7&nbsp; " if one_line <= self.head_width(step) else "<br/>").join(parts)
        if step.hold is not None and step.hold.breath and not long:
            text += (
                f"<br/><font color='{styles.hex_of(self.p.ink)}'><b>{esc(self.w['breath'])}:</b> "
                f"{self.text(step.hold.breath, step, side)}</font>"
            )
        return Paragraph(text, self.s["meta"])

    def picture_and_cues(self, step: PlannedStep, side: Side | None = None, scale: float = 1.0) -> list:
        """The photo above the cues; or one figure beside them; or a two-sided step's figures side by side
        above them, each with its caption. `scale` < 1 draws them smaller (a card that must fit a page)."""
        s = self.s
        if step.repeat_of:
            cues = [Paragraph(esc(self.w("as_in", step=step.repeat_of)), s["variation"])]
        else:
            cues = [
                Paragraph(self.text(cue, step, side), s["cue"], bulletText=f"{i}.")
                for i, cue in enumerate(step.cues, 1)
            ]
        gap = Spacer(1, styles.FIGURES_TO_CUES)
        if step.image is not None:
            image = placed_image(
                self.images,
                step.image,
                (self.width, styles.IMAGE_MAX_HEIGHT * scale),
                mirrored=side is Side.LEFT,
                grey=self.p.grey,
            )
            out = [Spacer(1, 1 * mm), image]
            if side is Side.LEFT and not step.image.mirror:  # the photo shows the other side: say so
                out.append(Paragraph(esc(self.w["photo_other_side"]), s["caption"]))
            return [*out, gap, *cues]
        if step.figure is None:
            return cues
        if side is not None:
            panels = [(side is Side.LEFT, "")]
        else:
            captions = self.w.figure_captions(step.mode, step.order)
            sides = step.order if len(captions) == len(step.order) else (step.order[:1] or (Side.RIGHT,))
            panels = [(one is Side.LEFT, caption) for one, caption in zip(sides, captions)]
        tones = self.p.figure
        if len(panels) == 2:  # both sides drawn: side by side, each with its caption
            box_w, box_h = row_figure_box(self.width)
            box_w, box_h = box_w * scale, box_h * scale
            narrow = min(box_w, narrow_width(step.figure, box_h, [c for _, c in panels], s["caption"]))
            pair = 2 * (narrow + 2 * styles.FIGURE_GAP)
            if pair <= self.width * styles.PAIR_BESIDE_SHARE:  # narrow figures: beside the cues
                row = side_figures(step.figure, panels, (narrow, box_h), s["caption"], tones=tones)
                beside = WrapAround(
                    row,
                    pair,
                    styles.FIGURE_TO_TEXT,
                    cues,
                    styles.FIGURES_TO_CUES,
                    s["cue"].leading * styles.WRAP_OVERSHOOT,
                )
                if beside.wrapOn(None, self.width, self.frame_height)[1] <= self.frame_height * styles.BESIDE_MAX_SHARE:
                    return [Spacer(1, 1.5 * mm), beside]
            row = side_figures(step.figure, panels, (box_w, box_h), s["caption"], tones=tones)
            row.hAlign = "CENTER"  # wide figures: above the cues
            return [Spacer(1, 1.5 * mm), row, gap, *cues]
        box = (styles.FIGURE_BOXES["booklet"][0] * scale, styles.FIGURE_BOXES["booklet"][1] * scale)
        column = box[0] + 2 * styles.FIGURE_GAP
        figure = side_figures(step.figure, panels, box, s["caption"], stacked=True, tones=tones)
        beside = WrapAround(
            figure,
            column,
            styles.FIGURE_TO_TEXT,
            cues,
            styles.FIGURES_TO_CUES,
            s["cue"].leading * styles.WRAP_OVERSHOOT,
        )
        _, height = beside.wrapOn(None, self.width, self.frame_height)
        if height <= self.frame_height * styles.BESIDE_MAX_SHARE:
            return [Spacer(1, 1.5 * mm), beside]
        # too many cues to sit beside the figure: the figure above, the cues below (they may flow on)
        return [Spacer(1, 1 * mm), figure, gap, *cues]

    def caution_box(self, step: PlannedStep, side: Side | None) -> Table:
        s = self.s
        icon = CautionIcon(styles.CAUTION_ICON, self.p.caution)
        rows = [
            [
                icon if i == 0 else "",
                Paragraph(f"<b>{esc(self.w['caution'])}:</b> {self.text(c, step, side)}", s["caution"]),
            ]
            for i, c in enumerate(step.cautions)
        ]
        box = Table(
            rows, colWidths=[styles.CAUTION_ICON + 4 * mm, self.width - styles.CAUTION_ICON - 4 * mm], splitInRow=1
        )
        box.setStyle(
            TableStyle(
                [
                    styles.TABLE_FONT,
                    ("BOX", (0, 0), (-1, -1), 1.2, self.p.caution),
                    ("LINEBEFORE", (0, 0), (0, -1), 4, self.p.caution),
                    ("BACKGROUND", (0, 0), (-1, -1), self.p.caution_light),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 6),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 5),
                    ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        return box
