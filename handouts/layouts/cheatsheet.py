"""The cheat sheet: the whole sequence on one page, to keep beside the mat or pin to the wall.

A title bar (title, estimated time, props), a numbered grid of steps (thumbnail figure, name, side, hold, a
caution mark) with each series as a group, and the general cautions at the foot. `fit` tries orientations,
column counts and type sizes and keeps the largest type that fits the page; below 8 pt it gives up with a
message that names the step count and suggests the booklet or a second page.
"""
from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Spacer, Table, TableStyle
from reportlab.platypus.flowables import _listWrapOn

from ..labels import ENGLISH, Labels
from ..errors import HandoutError, Problem
from ..model import Personal, Studio
from ..plan import Plan, PlannedSeries, PlannedStep
from . import styles
from .cautions import CautionIcon
from ..figures.art import figure_art
from ..model import Side
from .parts import Beside, Paragraph, esc, figure_panel, placed_image


@dataclass(frozen=True)
class Fit:
    """One way to lay the sheet out: the page, how many columns, and the type size of step names."""

    page: styles.PageSpec
    columns: int
    size: float

    @property
    def thumb(self) -> tuple[float, float]:
        """The thumbnail box: a share of the column, never larger than the product's figure box."""
        largest = styles.FIGURE_BOXES["cheatsheet"]
        width = min(self.page.frame_width / self.columns * styles.CHEAT_THUMB_SHARE, largest[0])
        return width, width * largest[1] / largest[0]


class CheatSheet:
    """Builds the cheat sheet's story for one plan; `fit()` chooses the layout."""

    def __init__(self, plan: Plan, paper: str, studio: Studio = Studio(), pages: int = 1, images=None,
                 words: Labels = ENGLISH, personal: Personal | None = None):
        self.plan, self.paper, self.studio, self.pages = plan, paper, studio, pages
        self.w, self.personal = words, personal
        self.images = images  # images.ImageStage, for steps with photos
        self.p = styles.palette(studio.accent, studio.grayscale)
        self.arts = {id(step): figure_art(step.figure) for step in plan.steps if step.figure is not None}
        self.texts: dict[tuple[int, float], list] = {}

    # -- choosing the layout -----------------------------------------------------------------------------
    def fit(self) -> tuple[Fit, list]:
        """The largest type size (then the fewest columns) whose sheet fits the page(s)."""
        cells = len(self.plan.steps)
        groups = sum(1 for item in self.plan.items if isinstance(item, PlannedSeries))
        for size in styles.CHEAT_SIZES:
            for page in styles.CHEAT_PAGES[self.paper]:
                for columns in styles.CHEAT_COLUMNS:
                    fit = Fit(page, columns, size)
                    rows = -(-cells // columns) + groups  # at least: full rows of cells, a header per series
                    text = size * 1.15 + max(size - 1, 8) * 1.2  # at least a name line and a detail line
                    if rows * (max(fit.thumb[1], text) + 4) > page.frame_height * self.pages:
                        continue  # cannot fit: no need to lay it out to know
                    story = self.story(fit)
                    if _listWrapOn(story, page.frame_width, None)[1] <= page.frame_height * self.pages:
                        return fit, story
        steps = len(self.plan.labels)
        raise HandoutError(Problem(
            self.plan.sequence.location,
            f"the cheat sheet cannot fit {steps} steps on {'one page' if self.pages == 1 else f'{self.pages} pages'} "
            f"with text of {styles.CHEAT_SIZES[-1]:g} pt or more",
            "hand out the booklet instead, or build the cheat sheet on two pages with '--pages 2'"))

    # -- the sheet -------------------------------------------------------------------------------------
    def story(self, fit: Fit) -> list:
        s = styles.cheat_styles(fit.size, self.p)
        seq = self.plan.sequence
        facts = [self.w.minutes_label(self.plan.seconds)]
        if self.plan.props:
            facts.append(f"{self.w['props']}: {', '.join(self.plan.props)}")
        if self.personal is not None:
            facts.append(self.w("prepared_for", name=self.personal.name))
            if self.personal.date:
                facts.append(self.personal.date)
        out: list = [Paragraph(esc(seq.title), s["title"]), Paragraph(esc("  \u00b7  ".join(facts)), s["facts"]),
                     Spacer(1, 1.5 * mm), self.grid(fit, s)]
        if self.personal is not None and self.personal.notes:
            out.append(Spacer(1, 2 * mm))
            out += [Paragraph(f"<b>{esc(self.w['notes_for_you'])}:</b> {esc(n)}", s["foot"])
                    for n in self.personal.notes]
        if seq.cautions:
            out.append(Spacer(1, 2 * mm))
            out += [Paragraph(f"<b>{esc(self.w['caution'])}:</b> {esc(c)}", s["foot"]) for c in seq.cautions]
        return out

    def grid(self, fit: Fit, s: dict) -> Table:
        width = fit.page.frame_width / fit.columns
        rows: list[list] = []
        spans: list[int] = []
        row: list = []

        def flush():
            nonlocal row
            if row:
                rows.append(row + [""] * (fit.columns - len(row)))
                row = []

        for item in self.plan.items:
            steps = [item]
            if isinstance(item, PlannedSeries):
                flush()
                first, last = item.span
                spans.append(len(rows))
                rows.append([Paragraph(esc(f"{self.w.series_title(item.title)} \u00b7 " + self.w.series_banner(first, last, item.mode, item.order)),
                                       s["group"])] + [""] * (fit.columns - 1))
                steps = list(item.steps)
            for step in steps:
                row.append(self.cell(step, fit, width, s))
                if len(row) == fit.columns:
                    flush()
            if isinstance(item, PlannedSeries):
                flush()
        flush()
        table = Table(rows, colWidths=[width] * fit.columns)
        table.setStyle(TableStyle([
            *(("SPAN", (0, r), (-1, r)) for r in spans),
            *(("BACKGROUND", (0, r), (-1, r), self.p.accent_light) for r in spans),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, self.p.rule),
            ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
        return table

    def cell(self, step: PlannedStep, fit: Fit, width: float, s: dict) -> Beside:
        key = (id(step), fit.size)  # the text of a cell depends on the type size only: made once per size
        if key not in self.texts:
            self.texts[key] = self.cell_text(step, fit, s)
        thumb = fit.thumb
        if step.image is not None and self.images is not None:  # a photo, as on the step's card
            picture = placed_image(self.images, step.image, thumb, mirrored=bool(step.order)
                                   and step.order[0] is Side.LEFT, grey=self.p.grey)
        elif step.figure is not None:
            picture = figure_panel(step, thumb, self.p.figure, self.arts.get(id(step)))
        else:
            picture = None
        return Beside(picture, self.texts[key], thumb[0], 3)

    def cell_text(self, step: PlannedStep, fit: Fit, s: dict) -> list:
        name = self.w.repeat_name(step.name) if step.repeat_of else step.name
        side = self.w.side_badge(step.mode, step.order)
        text = [Paragraph(f"<b>{esc(step.label)}</b>&nbsp; {esc(name)}", s["name"])]
        details = [d for d in (side, self.w.hold_label(step.hold)) if d]
        if details:
            text.append(Paragraph(esc("  \u00b7  ".join(details)), s["detail"]))
        if step.cautions and not step.repeat_of:
            mark = Table([[CautionIcon(fit.size * 0.95, self.p.caution), Paragraph(esc(self.w["caution"]), s["caution"])]],
                         colWidths=[fit.size * 1.3, None])
            mark.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                      ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                                      ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
            text.append(mark)
        return text
