"""The cheat sheet: the whole sequence on one page (two for a long one), to keep beside the mat.

A title and the facts (estimated time, props; for a client, who it is for and the date), then a grid of steps:
figure, number and name, side badge and hold, and a numbered caution mark (the warning triangle and the
numbers of the step's cautions); a step with a video has its name underlined, and its name and picture are a
link to it. A series is a framed block under its banner. A client's notes come in one frame with one heading,
signed by the instructor; at the foot, the cautions throughout the practice and every numbered caution's words.

`sheetfit` chooses the page, columns and sizes: the largest type that fits one page, never under 12 pt for up to
20 steps (10 pt for up to 30); a longer sheet, or one that does not fit, takes two pages (at 8 pt or more) with
a warning, and one that does not fit two pages either is a located error. Texts are set by `lines` and drawn
here as measured, so no markup is parsed: user text prints exactly as written.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, PageBreak

from handouts.core.errors import HandoutError, Problem
from handouts.core.model import Personal, Side, Studio
from handouts.figures.art import figure_art
from handouts.layouts import sheetfit, styles
from handouts.layouts.cautions import CautionIcon, number_cautions
from handouts.layouts.lines import ICON, Block, Piece, face_name
from handouts.layouts.parts import figure_panel, placed_image
from handouts.layouts.videolink import link_text
from handouts.plan.planner import Plan, PlannedSeries, PlannedStep
from handouts.reading.labels import ENGLISH, Labels
from handouts.reading.translate import language_name

NBSP = "\u00a0"


class CheatSheet:
    """The cheat sheet of one plan: `fit()` chooses the layout and gives the story and any warning."""

    def __init__(
        self,
        plan: Plan,
        paper: str,
        studio: Studio = Studio(),
        pages: int = 1,
        images=None,
        words: Labels = ENGLISH,
        personal: Personal | None = None,
    ):
        self.plan, self.paper, self.studio, self.pages = plan, paper, studio, pages
        self.w, self.personal = words, personal
        self.images = images  # images.ImageStage, for steps with photos
        self.p = styles.palette(studio.accent, studio.grayscale)
        self.steps = plan.steps
        self.index = {id(step): number for number, step in enumerate(self.steps)}
        self.arts = {id(step): figure_art(step.figure) for step in self.steps if step.figure is not None}

    # -- the content ------------------------------------------------------------------------------------------
    def block(self, *runs) -> Block:
        return Block([r if isinstance(r, Piece) else Piece(*r) for r in runs])

    def content(self) -> sheetfit.Content:
        w, seq, plan = self.w, self.plan.sequence, self.plan
        numbers = number_cautions(plan)
        runs = [Piece(w.minutes_label(plan.seconds), "regular", "muted", whole=True)]
        if plan.props:
            runs.append(Piece(f" \u00b7 {w['props']}: {', '.join(plan.props)}", "regular", "muted"))
        if self.personal is not None:
            runs += [
                Piece(" \u00b7 ", "regular", "muted"),
                Piece(w("prepared_for", name=self.personal.name), "bold", "ink", whole=True),
            ]
            if self.personal.date:
                runs += [
                    Piece(" \u00b7 ", "regular", "muted"),
                    Piece(str(self.personal.date), "regular", "muted", whole=True),
                ]
        items: list = []
        for item in plan.items:
            if isinstance(item, PlannedSeries):
                first, last = item.span
                banner = f"{w.series_title(item.title)} \u00b7 {w.series_banner(first, last, item.mode, item.order)}"
                items.append(
                    sheetfit.Group(
                        self.block((banner, "bold", "accent")), tuple(self.cell(s, numbers) for s in item.steps)
                    )
                )
            else:
                items.append(self.cell(item, numbers))
        notes: tuple[sheetfit.Entry, ...] = ()
        heading, signature = None, None
        bullet = self.block(("\u2022", "bold", "accent"))
        if self.personal is not None:
            notes = tuple(sheetfit.Entry(self.block((str(n), "regular", "ink")), bullet) for n in self.personal.notes)
            notes += tuple(
                sheetfit.Entry(self.chosen_words(s), bullet) for s in plan.steps if s.chosen and not s.repeat_of
            )
        if notes:
            heading = self.block((w["notes_for_you"], "bold", "accent"))
            instructor = seq.instructor or self.studio.instructor
            if instructor:
                signature = self.block((w("notes_signed", name=str(instructor)), "italic", "muted"))
        return sheetfit.Content(
            title=self.block((str(seq.title), "bold", "accent")),
            facts=self.block(*runs),
            continued=self.block((f"{seq.title} ({w['continued']})", "bold", "muted")),
            items=tuple(items),
            notes=notes,
            notes_heading=heading,
            signature=signature,
            foot=self.foot(numbers),
            general=len(self.plan.sequence.cautions),
        )

    def foot(self, numbers) -> tuple[sheetfit.Entry, ...]:
        """The cautions throughout the practice (bulleted), then every numbered caution with its steps."""
        w, out = self.w, []
        for index, caution in enumerate(self.plan.sequence.cautions):
            heading: Block | None = self.block(
                Piece("", ICON, "caution"), (NBSP + w["cautions_throughout"], "bold", "caution")
            )
            out.append(
                sheetfit.Entry(
                    self.block((str(caution), "regular", "ink")),
                    self.block(("\u2022", "bold", "caution")),
                    heading if index == 0 else None,
                )
            )
        for caution in numbers.cautions:
            step = next(s for s in self.steps if s.label == caution.steps[0])
            where = w(f"caution_steps_{'one' if len(caution.steps) == 1 else 'other'}", steps=", ".join(caution.steps))
            text = self.block(
                (w.sided(caution.text, None, step.order), "regular", "ink"),
                (" ", "regular", "muted"),
                Piece(f"({where})", "regular", "muted", whole=len(caution.steps) <= 3),
            )
            marker = self.block(Piece("", ICON, "caution"), (f"{NBSP}{caution.number}", "bold", "caution"))
            heading = self.block((w["cautions"], "bold", "caution")) if caution.number == 1 else None
            out.append(sheetfit.Entry(text, marker, heading))
        return tuple(out)

    def cell(self, step: PlannedStep, numbers) -> sheetfit.Cell:
        w = self.w
        name = w.repeat_name(step.name) if step.repeat_of else step.name
        details = " \u00b7 ".join(d for d in (w.side_badge(step.mode, step.order), w.hold_label(step.hold)) if d)
        runs: list[Piece] = [Piece(details, "bold", "accent")] if details else []
        mine = numbers.of(step.label)
        if mine:
            if runs:
                runs.append(Piece(" ", "bold", "accent"))
            runs += [Piece("", ICON, "caution"), Piece(NBSP + f",{NBSP}".join(map(str, mine)), "bold", "caution")]
        if step.image is not None and self.images is not None:
            picture = styles.CHEAT_FIGURE_ASPECT  # a photo: the whole box, fitted inside it
        elif step.figure is not None:
            x0, y0, x1, y1 = self.arts[id(step)].bbox()
            picture = max(x1 - x0, 1e-6) / max(y1 - y0, 1e-6)
        else:
            picture = 0.0
        chosen = None
        if step.chosen and not step.repeat_of:  # a client's own variation: marked here, its words in their notes
            chosen = self.block((self.chosen_label(step), "bold", "accent"))
        return sheetfit.Cell(
            self.block((step.label, "bold", "ink")),
            self.block((str(name), "regular", "ink")),
            self.block(*runs),
            picture,
            self.index[id(step)],
            chosen,
        )

    def chosen_label(self, step) -> str:
        """'For you (easier)': what marks a client's own variation on its step."""
        return f"{self.w['for_you']} ({self.w[step.chosen].lower()})"

    def chosen_words(self, step) -> Block:
        """A client's own variation in their notes, at the full width: '5 Outer hip stretch, for you (easier):
        Stay with ...' (in the narrow cell it would take many lines)."""
        texts = step.easier if step.chosen == "easier" else step.deeper
        said = " ".join(self.w.sided(t, None, step.order) for t in texts)
        return self.block(
            (f"{step.label} {step.name}, {self.chosen_label(step).lower()}:", "bold", "accent"),
            (" " + said, "regular", "ink"),
        )

    # -- choosing the layout ------------------------------------------------------------------------------------
    def fit(self) -> tuple[sheetfit.Layout, list, list[Problem]]:
        """The layout, its story (a flowable per page) and the warnings (a sheet that took two pages)."""
        steps = len(self.plan.labels)
        floor = styles.CHEAT_FLOOR if steps <= styles.CHEAT_FLOOR_STEPS else styles.CHEAT_FLOOR_LONG
        most = max(self.pages, 2)
        passes: list[tuple] = [(most, styles.CHEAT_FLOOR_PAGES)]
        if self.pages == 1 and steps <= styles.CHEAT_ONE_PAGE_STEPS:
            passes[:0] = [(1, floor), (2, floor, True)]  # one page; else every step on the front
        content = self.content()
        layout = sheetfit.fit(content, styles.CHEAT_PAGES[self.paper], passes)
        location = self.plan.sequence.location
        if layout is None:
            raise HandoutError(self.refusal(content))
        warnings = []
        if len(layout.pages) > self.pages:
            why = (
                f"more than {styles.CHEAT_ONE_PAGE_STEPS} steps do not go on one page"
                if steps > styles.CHEAT_ONE_PAGE_STEPS
                else f"they do not fit one page with text of {floor:g} pt or more"
            )
            which = "the cheat sheet" if self.w.code == "en" else f"the {language_name(self.w.code)} cheat sheet"
            warnings.append(
                Problem(
                    location,
                    f"{which} of {steps} steps takes {_pages(len(layout.pages))}",
                    f"{why}; split the sequence, or build with '--pages {len(layout.pages)}' to say that is fine",
                    warning=True,
                )
            )
        story: list = []
        for page in layout.pages:
            if story:
                story.append(PageBreak())
            story.append(SheetPage(self, layout, page))
        return layout, story, warnings

    def refusal(self, content: sheetfit.Content) -> Problem:
        """Why the sheet cannot be made: a word no column holds, or too much for two pages at the smallest type."""
        self.too_long(content)
        steps, most = len(self.plan.labels), max(self.pages, 2)
        entries = (*content.foot, *content.notes)  # the steps alone would fit: these are why
        what = f"{steps} step{'s' if steps != 1 else ''}"
        alone = content._replace(foot=(), notes=(), notes_heading=None, signature=None, general=0)
        if entries and sheetfit.feasible(alone, styles.CHEAT_PAGES[self.paper], most, styles.CHEAT_FLOOR_PAGES):
            what += f" and the words of {len(entries)} cautions and notes"
            how = "hand out the booklet instead, or shorten the cautions, or split the sequence into shorter ones"
        else:
            how = "hand out the booklet instead, or split the sequence into shorter ones"
        return Problem(
            self.plan.sequence.location,
            f"the cheat sheet cannot fit {what} on {_pages(most)} with text of {styles.CHEAT_FLOOR_PAGES:g} pt or more",
            how + " ('--pages' allows at most 2)",
        )

    def feasible(self) -> Problem | None:
        """None when `fit` will find a layout; else the located problem it would raise. Cheap: the smallest type
        only, each page and column count with its smallest figure (no full search, nothing drawn)."""
        content = self.content()
        if sheetfit.feasible(content, styles.CHEAT_PAGES[self.paper], max(self.pages, 2), styles.CHEAT_FLOOR_PAGES):
            return None
        try:
            return self.refusal(content)
        except HandoutError as exc:
            return exc.problems[0]

    def too_long(self, content: sheetfit.Content) -> None:
        """A located error for a word no column of the sheet can hold at its smallest type (a web address
        with no space in it), which would otherwise read as a sheet too long."""
        widest = max(page.frame_width for page in styles.CHEAT_PAGES[self.paper]) - 2 * styles.CHEAT_INSET
        size, sequence = styles.CHEAT_FLOOR_PAGES, self.plan.sequence.location
        cells = [c for item in content.items for c in getattr(item, "cells", (item,))]
        blocks = [(c.name, self.steps[c.key].location, (c.label.natural() + 0.4) * size) for c in cells]
        blocks += [(e.text, sequence, 3 * size) for e in content.foot]
        for block, location, indent in blocks:
            for fragment in block.fragments:
                if fragment.least * size > widest - indent:
                    word = "".join(piece.text for piece in fragment.pieces)
                    shown = word if len(word) <= 40 else word[:40] + "\u2026"
                    raise HandoutError(
                        Problem(
                            location,
                            f"the word '{shown}' is too long for a line of the cheat sheet",
                            "break it with spaces or hyphens",
                        )
                    )

    def picture(self, step: PlannedStep, box: tuple[float, float]):
        if step.image is not None and self.images is not None:  # a photo, as on the step's card
            return placed_image(
                self.images, step.image, box, mirrored=bool(step.order) and step.order[0] is Side.LEFT, grey=self.p.grey
            )
        return figure_panel(step, box, self.p.figure, self.arts.get(id(step)))


def _pages(count: int) -> str:
    return {1: "one page", 2: "two pages"}.get(count, f"{count} pages")


class SheetPage(Flowable):
    """One page of the sheet, drawn as the layout placed it (a frame's worth of height)."""

    def __init__(self, sheet: CheatSheet, layout: sheetfit.Layout, page: sheetfit.Page):
        super().__init__()
        self.sheet, self.layout, self.page = sheet, layout, page
        self.width = layout.page.frame_width
        self.height = layout.page.frame_height - 0.01

    def wrap(self, availWidth, availHeight):
        return self.width, self.height

    def draw(self):
        """Frames and rules, then pictures, then every text in one text object, then the caution icons."""
        canvas, palette, top = self.canv, self.sheet.p, self.height
        tones = {
            "ink": palette.ink,
            "muted": palette.muted,
            "accent": palette.accent,
            "accent_light": palette.accent_light,
            "caution": palette.caution,
            "rule": palette.rule,
        }
        canvas.saveState()
        canvas.setLineWidth(styles.CHEAT_FRAME)
        for item in self.page.items:
            if isinstance(item, sheetfit.Panel):
                if item.fill:
                    canvas.setFillColor(tones[item.fill])
                if item.stroke:
                    canvas.setStrokeColor(tones[item.stroke])
                canvas.rect(
                    item.x,
                    top - item.top - item.height,
                    item.width,
                    item.height,
                    stroke=1 if item.stroke else 0,
                    fill=1 if item.fill else 0,
                )
            elif isinstance(item, sheetfit.Rule):
                canvas.setStrokeColor(tones[item.tone])
                canvas.setLineWidth(item.width)
                canvas.line(item.x0, top - item.y, item.x1, top - item.y)
        canvas.restoreState()
        for item in self.page.items:
            if isinstance(item, sheetfit.Picture):
                picture = self.sheet.picture(self.sheet.steps[item.key], (item.width, item.height))
                width, _height = picture.wrapOn(canvas, item.width, item.height)
                picture.drawOn(canvas, item.x + (item.width - width) / 2, top - item.top - item.height)
        text = canvas.beginText()
        font = tone = None
        icons = []
        for item in self.page.items:
            if not isinstance(item, sheetfit.Text):
                continue
            size = item.size
            for number, line in enumerate(item.lines):
                baseline = top - item.top - number * item.leading - (item.leading - size) / 2 - 0.82 * size
                shift = item.width - line.width * size if item.right else 0.0
                for offset, piece in line.pieces:
                    x = item.x + shift + offset * size
                    if piece.face == ICON:
                        icons.append((x + size * 0.02, baseline - size * 0.1, size * 0.95, tones[piece.tone]))
                        continue
                    if (piece.face, size) != font:
                        font = piece.face, size
                        text.setFont(face_name(piece.face), size)
                    if piece.tone != tone:
                        tone = piece.tone
                        text.setFillColor(tones[tone])
                    text.setTextOrigin(x, baseline)
                    text.textOut(piece.text)
        canvas.drawText(text)
        for x, y, size, color in icons:
            CautionIcon(size, color).drawOn(canvas, x, y)
        self.video_links(top)

    def video_links(self, top: float) -> None:
        """A step's video: its name underlined and a link, and its picture a link too."""
        canvas, steps = self.canv, self.sheet.steps
        for item in self.page.items:
            key = item.key if isinstance(item, (sheetfit.Text, sheetfit.Picture)) else None
            url = steps[key].video if key is not None else None
            if not url:
                continue
            if isinstance(item, sheetfit.Picture):
                canvas.linkURL(
                    url, (item.x, top - item.bottom, item.x + item.width, top - item.top), relative=1, thickness=0
                )
                continue
            size, width = item.size, max(line.width for line in item.lines) * item.size
            under = [
                (
                    item.x,
                    top - item.top - number * item.leading - (item.leading - size) / 2 - 0.94 * size,
                    item.x + line.width * size,
                )
                for number, line in enumerate(item.lines)
            ]  # under the baseline
            link_text(canvas, url, item.x, top - item.bottom, width, item.bottom - item.top, under, self.sheet.p.accent)
