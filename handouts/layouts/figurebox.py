"""Drawing figure art on a ReportLab canvas, and a flowable that holds one fitted figure.

Everything here is vector paths: round caps and joins, fills for the body's shapes, props and arrowheads (a
shape of width 0 is filled only).
Colours come from `layouts.styles.FIGURE_TONES`.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from handouts.figures.art import Art, Disc, fit
from handouts.layouts import styles


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
        if item.width > 0:
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
        canvas.drawPath(path, stroke=1 if item.width > 0 else 0, fill=1 if item.fill else 0)
    canvas.restoreState()


class FigureBox(Flowable):
    """A figure fitted into a width x height box (points), ground line at the foot of the box; `mirrored`
    draws the reflection (the left side)."""

    def __init__(
        self,
        art: Art,
        width: float,
        height: float,
        pad: float = styles.FIGURE_PAD,
        same_scale: bool = False,
        tones: dict | None = None,
        mirrored: bool = False,
    ):
        super().__init__()
        self.source, self.pad, self.same_scale, self.mirrored = art, pad, same_scale, mirrored
        self.width, self.height = width, height
        self.tones = tones
        self.hAlign = "CENTER"

    @property
    def art(self) -> Art:
        """The art fitted into the box (worked out when first needed: layouts measure boxes far more often
        than they draw them)."""
        if not hasattr(self, "_fitted"):
            source = self.source.mirrored() if self.mirrored else self.source
            self._fitted = fit(source, self.width, self.height, self.pad, self.same_scale)
        return self._fitted

    def wrap(self, availWidth, availHeight):
        return self.width, self.height

    def draw(self):
        """Draws the art; the same figure in the same box and tones again (another client's booklet, another
        card) repeats the content-stream operators drawn the first time: they are in the box's own
        coordinates, and only ever set colours, widths, dashes and paths (nothing the document must hold)."""
        canvas = self.canv
        key = (
            id(self.source),
            self.mirrored,
            self.width,
            self.height,
            self.pad,
            self.same_scale,
            tuple(sorted((k, repr(v)) for k, v in (self.tones or {}).items())),
        )
        done = _DRAWN.get(key)
        if done is not None and done[0] is self.source:
            canvas._code.extend(done[1])
            return
        start, states = (
            len(canvas._code),
            len(getattr(canvas, "_extgstate", None)._c) if hasattr(canvas, "_extgstate") else None,
        )
        draw_art(canvas, self.art, self.tones)
        after = len(canvas._extgstate._c) if hasattr(canvas, "_extgstate") else None
        if states == after and len(_DRAWN) < 4096:
            _DRAWN[key] = (self.source, canvas._code[start:])


_DRAWN: dict = {}  # (art, side, box, tones) -> the operators that drew it
