"""The mat card: large print to read from the floor, 1.5-2 m away. Landscape pages with a grid of up to six
step cells (figure or photo, number and name at 28 pt or more, side badge and hold at 20 pt or more, a
numbered caution mark), the words of those cautions at 16 pt at the foot of the same page, the general
cautions on one page, each series a tinted band with its banner, every page numbered.

`matlayout.MatLayout` decides every position as plain data; this module turns its pages into flowables that
paint them (one flowable a page) and measures the pictures' proportions it needs.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, PageBreak

from handouts.core.model import Personal, Side, Studio
from handouts.figures.art import figure_art
from handouts.layouts import styles
from handouts.layouts.cautions import CautionIcon
from handouts.layouts.matlayout import MatLayout, Page
from handouts.layouts.mattext import face
from handouts.layouts.parts import figure_panel, placed_image
from handouts.plan.planner import Plan, PlannedStep
from handouts.reading.labels import ENGLISH, Labels


def photo_aspect(ref) -> float | None:
    """A photo's width / height as it will print: upright (EXIF orientation), cropped; as `check` measured it."""
    if ref.pixels is None:
        return None
    width, height = ref.pixels
    if ref.crop:
        x0, y0, x1, y1 = ref.crop
        width, height = width * (x1 - x0), height * (y1 - y0)
    return width / height if width > 0 and height > 0 else None


def left_first(step: PlannedStep) -> bool:
    return bool(step.order) and step.order[0] is Side.LEFT


class MatCard:
    """Builds the mat card's story for one plan on one page size."""

    def __init__(
        self,
        plan: Plan,
        page: styles.PageSpec,
        studio: Studio = Studio(),
        images=None,
        words: Labels = ENGLISH,
        personal: Personal | None = None,
    ):
        self.plan, self.page, self.studio, self.w = plan, page, studio, words
        self.personal = personal
        self.images = images  # images.ImageStage, for steps with photos
        self.p = styles.palette(studio.accent, studio.grayscale)
        self.arts = {
            id(step): figure_art(step.figure)
            for step in plan.steps
            if step.figure is not None and not (step.image is not None and images is not None)
        }

    def aspects(self) -> dict[int, float | None]:
        out: dict[int, float | None] = {}
        for step in self.plan.steps:
            if step.image is not None and self.images is not None:
                out[id(step)] = photo_aspect(step.image)
            elif id(step) in self.arts:
                x0, y0, x1, y1 = self.arts[id(step)].bbox()
                out[id(step)] = (x1 - x0) / max(y1 - y0, 1e-9)
            else:
                out[id(step)] = None
        return out

    def layout(self) -> list[Page]:
        return MatLayout(self.plan, self.page, self.w, self.aspects(), self.personal).pages()

    def story(self) -> list:
        out: list = []
        for page in self.layout():
            if out:
                out.append(PageBreak())
            out.append(PagePainter(page, self))
        return out


class PagePainter(Flowable):
    """A whole mat-card page, painted from its layout (page coordinates): it fills the frame."""

    def __init__(self, page: Page, card: MatCard):
        super().__init__()
        self.page, self.card = page, card

    def wrap(self, availWidth, availHeight):
        self.width, self.height = availWidth, availHeight - 1e-6
        return self.width, self.height

    def colour(self, name: str):
        p = self.card.p
        if name == "white":
            from reportlab.lib import colors

            return colors.white
        if name == "on_accent":  # the banner's words on the accent: white, or ink on a light accent
            from reportlab.lib import colors

            r, g, b = p.accent.rgb()
            return colors.white if 0.299 * r + 0.587 * g + 0.114 * b < 0.55 else p.ink
        return getattr(p, name)

    def draw(self):
        canvas, card = self.canv, self.card
        canvas.saveState()
        x, y = self._frame_origin()
        canvas.translate(-x, -y)  # draw in page coordinates
        for shape in self.page.shapes:
            if shape.kind == "icon":
                icon = CautionIcon(shape.w, self.colour(shape.fill))
                icon.drawOn(canvas, shape.x, shape.y)
                continue
            canvas.setLineWidth(shape.line or 0.1)
            if shape.stroke:
                canvas.setStrokeColor(self.colour(shape.stroke))
            if shape.fill:
                canvas.setFillColor(self.colour(shape.fill))
            if shape.h == 0:  # a rule
                canvas.line(shape.x, shape.y, shape.x + shape.w, shape.y)
                continue
            stroke, fill = int(bool(shape.stroke)), int(bool(shape.fill))
            if shape.radius:
                canvas.roundRect(shape.x, shape.y, shape.w, shape.h, shape.radius, stroke=stroke, fill=fill)
                if shape.kind == "strip":  # square below: it sits on the band
                    canvas.rect(shape.x, shape.y, shape.w, min(shape.radius, shape.h / 2), stroke=0, fill=1)
            else:
                canvas.rect(shape.x, shape.y, shape.w, shape.h, stroke=stroke, fill=fill)
        for picture in self.page.pictures:
            step = picture.step
            box = (picture.w, picture.h)
            if step.image is not None and card.images is not None:
                flowable = placed_image(card.images, step.image, box, mirrored=left_first(step), grey=card.p.grey)
                flowable.wrapOn(canvas, *box)
                flowable.drawOn(canvas, picture.x + (picture.w - flowable.drawWidth) / 2, picture.y)
            else:
                figure_panel(step, box, card.p.figure, card.arts.get(id(step))).drawOn(canvas, picture.x, picture.y)
        for run in self.page.runs:
            canvas.setFillColor(self.colour(run.color))
            canvas.setFont(face(run.bold), run.size)
            canvas.drawString(run.x, run.y, run.text)
        canvas.restoreState()

    def _frame_origin(self) -> tuple[float, float]:
        """Where this flowable's origin is on the page: the frame's lower left corner (it fills the frame)."""
        spec = self.card.page
        return spec.left, spec.size[1] - spec.top - self.height
