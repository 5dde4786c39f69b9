"""The mat card: large print to read from the mat, about 1.5-2 m away. Landscape, high contrast, one row per
step (figure, number and name, side and hold, a caution mark), as many pages as it takes, every page numbered.
"""
from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Table, TableStyle

from ..labels import ENGLISH, Labels
from ..plan import Plan, PlannedSeries, PlannedStep
from . import styles
from .cautions import CautionIcon
from ..model import Personal, Side, Studio
from .parts import Paragraph, esc, figure_panel, placed_image


class MatCard:
    """Builds the mat card's story for one plan on one page size."""

    def __init__(self, plan: Plan, page: styles.PageSpec, studio: Studio = Studio(), images=None,
                 words: Labels = ENGLISH, personal: Personal | None = None):
        self.plan, self.page, self.studio, self.w = plan, page, studio, words
        self.personal = personal
        self.images = images  # images.ImageStage, for steps with photos
        self.p = styles.palette(studio.accent, studio.grayscale)
        self.s = styles.mat_styles(self.p)

    def story(self) -> list:
        out: list = [Paragraph(esc(self.plan.sequence.title), self.s["title"])]
        if self.personal is not None:
            out.append(Paragraph(esc(self.w("prepared_for", name=self.personal.name)), self.s["group"]))
        for item in self.plan.items:
            if isinstance(item, PlannedSeries):
                first, last = item.span
                header = Paragraph(esc(f"{self.w.series_title(item.title)} \u00b7 " + self.w.series_banner(first, last, item.mode, item.order)),
                                   self.s["group"])
                rows = [self.row(step) for step in item.steps]
                out += [KeepTogether([header, rows[0]]), *rows[1:]]
            else:
                out.append(self.row(item))
        return out

    def row(self, step: PlannedStep) -> Table:
        s = self.s
        name = self.w.repeat_name(step.name) if step.repeat_of else step.name
        side = self.w.side_badge(step.mode, step.order)
        text = [Paragraph(f"<b>{esc(step.label)}</b>&nbsp;&nbsp;{esc(name)}", s["name"])]
        details = [d for d in (side, self.w.hold_label(step.hold)) if d]
        if details:
            text.append(Paragraph(esc("  \u00b7  ".join(details)), s["detail"]))
        if step.cautions and not step.repeat_of:
            mark = Table([[CautionIcon(styles.MAT_DETAIL_SIZE * 1.1, self.p.caution),
                           Paragraph(esc(self.w["caution"]), s["caution"])]],
                         colWidths=[styles.MAT_DETAIL_SIZE * 1.5, None])
            mark.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                      ("TOPPADDING", (0, 0), (-1, -1), 2)]))
            text.append(mark)
        box = styles.FIGURE_BOXES["matcard"]
        if step.image is not None and self.images is not None:
            picture = placed_image(self.images, step.image, box, mirrored=bool(step.order)
                                   and step.order[0] is Side.LEFT, grey=self.p.grey)
        else:
            picture = figure_panel(step, box, self.p.figure) if step.figure is not None else ""
        row = Table([[picture, text]], colWidths=[box[0] + 6 * mm, self.page.frame_width - box[0] - 6 * mm])
        row.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                 ("LINEBELOW", (0, 0), (-1, -1), 1.2, self.p.rule),
                                 ("TOPPADDING", (0, 0), (-1, -1), 3 * mm), ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm)]))
        return row
