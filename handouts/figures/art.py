"""Figure art: a figure as plain drawing data (strokes, discs, filled shapes) in figure heights.

This is the figure's layout, kept apart from the canvas so tests can read it: `figure_art` draws the skeleton,
props, ground and motion hints in back-to-front order; `Art.mirrored` is the left-side drawing (the exact
reflection about the vertical centre line); `fit` scales art into a box with its ground line at the box's foot.
Tones are names ('near', 'far', 'prop', ...) that the styles module turns into colours.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace

from handouts.core.figure import Figure, Hint, Prop
from handouts.figures import skeleton as sk
from handouts.figures.skeleton import Point, toward

LINE = 0.05  # limb stroke, in figure heights
TRUNK_SIDE = 0.085  # the trunk's stroke in a side view
HAND_FOOT = 0.04
PROP_LINE = 0.018
STRAP = 0.016
GROUND = 0.016
HINT_LINE = 0.018
GHOST_LINE = 0.03
GHOST_DASH = (0.035, 0.03)
ARROW_HEAD = 0.05
GROUND_MARGIN = 0.08
MAT_MARGIN = 0.06
BLOCK_WIDTH = 0.14
BLOCK_LOWEST = 0.06  # a block lying flat: the least height one is drawn with
TOWEL_WIDTH = 0.16
TOWEL_THICKNESS = 0.035
BOLSTER_LENGTH = 0.42
WALL_HEIGHT = 1.05
HATCH = 0.05
CHAIR_DEPTH = 0.22
CHAIR_BACK = 0.32
DESK_DEPTH = 0.4
DESK_LIP = 0.06
BALL_RADIUS = 0.045  # a massage ball, a little larger than life so it reads at card size
REFERENCE_HEIGHT = 1.12  # a standing figure with its ground line: what fills a box's height


@dataclass(frozen=True)
class Stroke:
    """A polyline with round caps and joins; `fill` closes it and fills the inside."""

    points: tuple[Point, ...]
    width: float
    tone: str
    dash: tuple[float, ...] = ()
    fill: str = ""


@dataclass(frozen=True)
class Disc:
    centre: Point
    radius: float
    tone: str


Item = Stroke | Disc


@dataclass(frozen=True)
class Art:
    items: tuple[Item, ...]
    view: str = "side"

    def bbox(self) -> tuple[float, float, float, float]:
        xs, ys = [], []
        for item in self.items:
            if isinstance(item, Disc):
                (x, y), r = item.centre, item.radius
                xs += [x - r, x + r]
                ys += [y - r, y + r]
            else:
                half = item.width / 2
                for x, y in item.points:
                    xs += [x - half, x + half]
                    ys += [y - half, y + half]
        return min(xs), min(ys), max(xs), max(ys)

    def mirrored(self) -> Art:
        """The reflection about the vertical centre line: the drawing for the other side."""
        x0, _, x1, _ = self.bbox()
        axis = x0 + x1
        return Art(tuple(_map(item, lambda p: (axis - p[0], p[1])) for item in self.items), self.view)

    def placed(self, scale: float, dx: float, dy: float) -> Art:
        """The art scaled by `scale` (line widths too), then moved by (dx, dy)."""
        return Art(tuple(_map(item, lambda p: (p[0] * scale + dx, p[1] * scale + dy), scale)
                         for item in self.items), self.view)


def _map(item: Item, f, scale: float = 1.0) -> Item:
    if isinstance(item, Disc):
        return Disc(f(item.centre), item.radius * scale, item.tone)
    return replace(item, points=tuple(f(p) for p in item.points), width=item.width * scale,
                   dash=tuple(d * scale for d in item.dash))


def fit(art: Art, width: float, height: float, pad: float = 0.0, same_scale: bool = False) -> Art:
    """`art` scaled to fit a width x height box (points) keeping its proportions, centred across, with its
    foot on the box's foot (so ground lines line up across a row); a top view is centred both ways.

    With `same_scale`, figures in a grid share one scale (a standing figure fills the box's height) unless they
    must shrink to fit, so a lying figure is drawn as big a person as a standing one; otherwise every figure
    is as large as its box allows."""
    x0, y0, x1, y1 = art.bbox()
    w, h = max(x1 - x0, 1e-9), max(y1 - y0, 1e-9)
    scale = min((width - 2 * pad) / w, (height - 2 * pad) / h)
    if same_scale:
        scale = min(scale, (height - 2 * pad) / REFERENCE_HEIGHT)
    dx = (width - w * scale) / 2 - x0 * scale
    dy = (height - h * scale) / 2 - y0 * scale if art.view == "top" else pad - y0 * scale
    return art.placed(scale, dx, dy)


# -- drawing a figure ---------------------------------------------------------------------------------------
_ARTS: dict[int, tuple[Figure, Art]] = {}  # id(figure) -> (figure, its art): figures are frozen


def figure_art(figure: Figure) -> Art:
    """The figure's art, worked out once per process and figure (a batch of booklets draws the same ones)."""
    done = _ARTS.get(id(figure))
    if done is not None and done[0] is figure:
        return done[1]
    art = _figure_art(figure)
    if len(_ARTS) < 4096:
        _ARTS[id(figure)] = (figure, art)
    return art


def _figure_art(figure: Figure) -> Art:
    """The figure of the right side (facing right), back to front: ground or mat, props under the body, the
    body, then the ghost (dashed, over the body so it shows where they overlap), straps and hints."""
    bones = sk.build(figure)
    body = _body(figure, bones, ghost=False)
    ground = Art(tuple(body)).bbox()[1]
    points = dict(bones.points)
    ghost: list[Item] = []
    if figure.ghost:
        ghost_bones = sk.build(figure, figure.ghost)
        ghost = _body(figure, ghost_bones, ghost=True, only=set(figure.ghost))
        points.update({f"ghost {k}": v for k, v in ghost_bones.points.items()})
    under = [item for prop in figure.props if prop.kind != "strap"
             for item in _prop(prop, points, ground, figure)]
    straps = [item for prop in figure.props if prop.kind == "strap" for item in _prop(prop, points, ground, figure)]
    hints = [item for hint in figure.hints for item in _hint(hint, points)]
    x0, y0, x1, y1 = Art(tuple(body + under + ghost)).bbox()
    if figure.view == "top":
        m = MAT_MARGIN
        back = [Stroke(((x0 - m, y0 - m), (x1 + m, y0 - m), (x1 + m, y1 + m), (x0 - m, y1 + m)),
                       PROP_LINE, "ground", fill="mat")]
    else:
        line_y = ground - GROUND / 2  # the body's lowest point rests on it; props reaching down stop on it
        back = [Stroke(((x0 - GROUND_MARGIN, line_y), (x1 + GROUND_MARGIN, line_y)), GROUND, "ground")]
    return Art(tuple(back + under + body + ghost + straps + hints), figure.view)


def _body(figure: Figure, bones: sk.Skeleton, ghost: bool, only: set[str] | None = None) -> list[Item]:
    """The body's strokes: far limbs, trunk, neck and head, near limbs (a side view), or legs, trunk, arms."""
    def tone(part: str) -> str:
        if ghost:
            return "ghost"
        return "far" if figure.view == "side" and part.startswith("left") else "near"

    def limb(part: str) -> list[Item]:
        if only is not None and part not in only:
            return []
        dash = GHOST_DASH if ghost else ()
        width = GHOST_LINE if ghost else LINE
        end = bones.ends[part]
        return [Stroke(end, GHOST_LINE if ghost else HAND_FOOT, tone(part), dash),
                Stroke(bones.chains[part], width, tone(part), dash)]

    trunk: list[Item] = []
    if only is None or only & {"spine", "neck", "head"}:
        dash = GHOST_DASH if ghost else ()
        t = "ghost" if ghost else "near"
        if bones.outline:
            trunk.append(Stroke(bones.outline, LINE * 0.6 if not ghost else GHOST_LINE, t, dash,
                                fill="" if ghost else t))
        else:
            trunk.append(Stroke(bones.spine, GHOST_LINE if ghost else TRUNK_SIDE, t, dash))
        trunk.append(Stroke((bones.spine[-1], bones.points["neck"]), GHOST_LINE if ghost else LINE, t, dash))
        centre, radius = bones.head
        if ghost:
            trunk.append(Stroke(_arc(centre, radius, 0, 360, 24), GHOST_LINE, t, dash))
        else:
            trunk.append(Disc(centre, radius, t))
    if figure.view == "side":
        order = limb("left leg") + limb("left arm") + trunk + limb("right leg") + limb("right arm")
    else:
        order = limb("left leg") + limb("right leg") + trunk + limb("left arm") + limb("right arm")
    return order


def _prop(prop: Prop, points: dict[str, Point], ground: float, figure: Figure) -> list[Item]:
    at = points[prop.at[0]]
    top = at[1] - LINE / 2
    if prop.kind == "strap":
        return [Stroke((at, points[prop.at[1]]), STRAP, "prop")]
    if prop.kind == "block":
        return [_box(at[0] - BLOCK_WIDTH / 2, ground, at[0] + BLOCK_WIDTH / 2, max(top, ground + BLOCK_LOWEST))]
    if prop.kind == "towel":
        t = max(top, ground + TOWEL_THICKNESS)
        return [_box(at[0] - TOWEL_WIDTH / 2, ground, at[0] + TOWEL_WIDTH / 2, t),
                Stroke(((at[0] - TOWEL_WIDTH / 2, (ground + t) / 2), (at[0] + TOWEL_WIDTH / 4, (ground + t) / 2)),
                       PROP_LINE / 2, "prop")]
    if prop.kind == "bolster":
        height = max(top - ground, 0.06)
        y = ground + height / 2
        if prop.along:
            a, b = (at[0] - BOLSTER_LENGTH / 2, y), (at[0] + BOLSTER_LENGTH / 2, y)
            return [Stroke((a, b), height, "prop"), Stroke((a, b), height - 2 * PROP_LINE, "prop_fill")]
        return [Disc((at[0], y), height / 2, "prop"), Disc((at[0], y), height / 2 - PROP_LINE, "prop_fill")]
    if prop.kind == "ball":
        return _ball(prop, at, ground, points, figure)
    if prop.kind == "wall":
        outward = 1 if at[0] >= points["pelvis"][0] else -1
        x = at[0] + outward * LINE / 2 + outward * PROP_LINE / 2
        if any(p.kind == "ball" and p.at == prop.at for p in figure.props):
            x += outward * 2 * BALL_RADIUS  # a ball pressed between the point and the wall
        y1 = max(ground + WALL_HEIGHT, max(p[1] for p in points.values()) + 0.05)
        hatches = [Stroke(((x, y), (x + outward * HATCH, y + HATCH)), PROP_LINE / 2, "prop")
                   for y in _steps(ground, y1 - HATCH, 0.08)]
        return [Stroke(((x, ground), (x, y1)), PROP_LINE * 1.5, "prop"), *hatches]
    if prop.kind == "chair":
        return _chair(at, prop.at[0], ground, points)
    if prop.kind == "desk":
        away = 1 if at[0] >= points["pelvis"][0] else -1
        near, far = at[0] - away * DESK_LIP, at[0] + away * DESK_DEPTH
        w = PROP_LINE * 1.4
        return [Stroke(((near, ground), (near, top), (far, top), (far, ground)), w, "prop")]
    raise ValueError(prop.kind)  # pragma: no cover - the schema allows only the kinds above


def _ball(prop: Prop, at: Point, ground: float, points: dict[str, Point], figure: Figure) -> list[Item]:
    """A small massage ball: on the floor under the point, or, with a wall at the same point, between the
    point and the wall at the point's height. Drawn solid with a small highlight (a bolster's end is a ring)."""
    if any(p.kind == "wall" and p.at == prop.at for p in figure.props):
        outward = 1 if at[0] >= points["pelvis"][0] else -1
        centre = (at[0] + outward * (LINE / 2 + BALL_RADIUS), at[1])
    else:
        centre = (at[0], ground + BALL_RADIUS)
    shine = (centre[0] - BALL_RADIUS * 0.35, centre[1] + BALL_RADIUS * 0.35)
    return [Disc(centre, BALL_RADIUS, "prop"), Disc(shine, BALL_RADIUS * 0.3, "prop_fill")]


def _chair(at: Point, name: str, ground: float, points: dict[str, Point]) -> list[Item]:
    """A side-view chair: under a seat point (the pelvis), its back behind the figure; under a foot, its back on
    the far side from the figure; or, held at a hand, its back toward the figure and its seat beyond."""
    x, y = at
    if name.endswith(("foot", "toes", "heel", "ankle")):
        away = 1 if x >= points["pelvis"][0] else -1
        seat_y = y - LINE / 2
        back_x = x + away * CHAIR_DEPTH * 0.55
        front_x = back_x - away * CHAIR_DEPTH
        back_top = seat_y + CHAIR_BACK
    elif name.endswith(("hand", "wrist", "fingers")):
        toward_figure = -1 if x >= points["pelvis"][0] else 1
        back_x, back_top = x, y - LINE / 2
        seat_y = ground + 0.26
        front_x = back_x - toward_figure * CHAIR_DEPTH
    else:
        facing = 1
        seat_y = y - TRUNK_SIDE / 2
        back_x = x - facing * CHAIR_DEPTH * 0.55
        front_x = back_x + facing * CHAIR_DEPTH
        back_top = seat_y + CHAIR_BACK
    w = PROP_LINE * 1.4
    return [Stroke(((back_x, back_top), (back_x, ground)), w, "prop"),
            Stroke(((back_x, seat_y), (front_x, seat_y), (front_x, ground)), w, "prop")]


def _box(x0: float, y0: float, x1: float, y1: float) -> Stroke:
    return Stroke(((x0, y0), (x1, y0), (x1, y1), (x0, y1)), PROP_LINE, "prop", fill="prop_fill")


def _steps(start: float, stop: float, step: float) -> list[float]:
    n = max(int((stop - start) / step), 0)
    return [start + step * (i + 0.5) for i in range(n)]


def _arc(centre: Point, radius: float, start: float, end: float, n: int) -> tuple[Point, ...]:
    return tuple(toward(centre, start + (end - start) * i / n, radius) for i in range(n + 1))


def _head(tip: Point, before: Point, tone: str) -> Stroke:
    angle = math.degrees(math.atan2(tip[1] - before[1], tip[0] - before[0]))
    left = toward(tip, angle + 180 - 28, ARROW_HEAD)
    right = toward(tip, angle + 180 + 28, ARROW_HEAD)
    return Stroke((left, tip, right), HINT_LINE, tone, fill=tone)


def _hint(hint: Hint, points: dict[str, Point]) -> list[Item]:
    if hint.kind == "circle":
        path = _arc(points[hint.at[0]], abs(hint.size), 40, 330, 30)
    else:
        (ax, ay), (bx, by) = points[hint.at[0]], points[hint.at[1]]
        length = math.hypot(bx - ax, by - ay) or 1e-9
        nx, ny = -(by - ay) / length, (bx - ax) / length  # the arrow bows out to its left
        control = ((ax + bx) / 2 + nx * hint.size * 2, (ay + by) / 2 + ny * hint.size * 2)
        path = tuple(_bezier((ax, ay), control, (bx, by), i / 20) for i in range(3, 18))
    return [Stroke(path[:-1], HINT_LINE, "hint"), _head(path[-1], path[-3], "hint")]


def _bezier(a: Point, c: Point, b: Point, t: float) -> Point:
    u = 1 - t
    return (u * u * a[0] + 2 * u * t * c[0] + t * t * b[0], u * u * a[1] + 2 * u * t * c[1] + t * t * b[1])
