"""Drawing figure art on a ReportLab canvas, and a flowable that holds one fitted figure.

Everything here is vector paths: round caps and joins, fills for the head, trunk, props and arrowheads.
Colours come from `layouts.styles.FIGURE_TONES`.
"""
from __future__ import annotations

from reportlab.platypus import Flowable

from ..layouts import styles
from .art import Art, Disc, fit


def draw_art(canvas, art: Art, tones=None) -> None:
    """Paint placed art (in points, origin at the current canvas origin)."""
    tones = tones or styles.FIGURE_TONES
    canvas.saveState()
    canvas.setLineCap(1)
    canvas.setLineJoin(1)
    for item in art.items:
        if isinstance(item, Disc):
            canvas.setFillColor(tones[item.tone])
            canvas.circle(item.centre[0], item.centre[1], item.radius, stroke=0, fill=1)
            continue
        canvas.setStrokeColor(tones[item.tone])
        canvas.setLineWidth(item.width)
        canvas.setDash(list(item.dash) if item.dash else [])
        path = canvas.beginPath()
        (x, y), *rest = item.points
        path.moveTo(x, y)
        for x, y in rest:
            path.lineTo(x, y)
        if item.fill:
            path.close()
            canvas.setFillColor(tones[item.fill])
        canvas.drawPath(path, stroke=1, fill=1 if item.fill else 0)
    canvas.restoreState()


class FigureBox(Flowable):
    """A figure fitted into a width x height box (points), ground line at the foot of the box."""

    def __init__(self, art: Art, width: float, height: float, pad: float = styles.FIGURE_PAD,
                 same_scale: bool = False, tones: dict | None = None):
        super().__init__()
        self.art = fit(art, width, height, pad, same_scale)
        self.tones = tones
        self.width, self.height = width, height
        self.hAlign = "CENTER"

    def wrap(self, availWidth, availHeight):
        return self.width, self.height

    def draw(self):
        draw_art(self.canv, self.art, self.tones)
