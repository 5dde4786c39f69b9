"""Figure art: a figure as plain drawing data (strokes, discs, filled shapes) in figure heights.

This is the figure's layout, kept apart from the canvas so tests can read it: `figure_art` turns the skeleton
into a body with volume (tapered limbs with round joints, mitten hands, wedge feet, a trunk with a chest and a
pelvis, a neck, a head with a nose where the face points), the working limbs outlined, the ghost dashed, and
adds props, ground and motion hints, in back-to-front order; `Art.mirrored` is the left-side drawing (the
exact reflection about the vertical centre line); `fit` scales art into a box with its ground line at the
box's foot. Tones are names ('near', 'far', 'work', 'prop', ...) that the styles module turns into colours.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, replace

from handouts.core.figure import BODY_POINTS, Figure, Hint, Prop
from handouts.figures import skeleton as sk
from handouts.figures.skeleton import Point, toward

# the body, in figure heights: radii of the tapered limbs at their joints, the trunk's profile
ARM_RADII = (0.03, 0.021, 0.016)  # shoulder, elbow, wrist
LEG_RADII = (0.048, 0.03, 0.018)  # hip, knee, ankle
# seen from above, lying down: legs broader and arms slimmer than from the side, so at card size a leg never
# reads as an arm; a foot points its toes at the ceiling (a short paddle, broader at the toes than at the heel)
# and a hand lies open (a broad palm with a thumb)
TOP_ARM_RADII = (0.026, 0.018, 0.014)
TOP_LEG_RADII = (0.058, 0.038, 0.024)
TOP_FOOT = (0.022, 0.03, 0.075)  # heel and toes radii, and how far the toes' centre lies past the ankle
TOP_PALM = (0.021, 0.022, 0.058)  # the palm's radii at the wrist and the knuckles, and the knuckles' distance
TOP_THUMB = (0.009, 0.042, 50)  # the thumb's radius, its length and its angle off the hand
HAND_RADII = (0.02, 0.013)  # a mitten: its palm and its finger end
HAND_START = 0.004  # the palm begins this far past the wrist ...
HAND_LENGTH = 0.085  # ... and the fingers end this far
FOOT_RADII = (0.021, 0.009)  # heel and toes
NECK_RADII = (0.026, 0.021)
NOSE = 0.036  # how far the nose stands out of the head
NOSE_SPREAD = 22  # degrees either side of where the face points: the nose's base on the head
NOSE_EDGE = 0.006
NOSE_TILT = 22  # degrees from where the face points toward the chin
# (share of the spine from the pelvis, half-depth behind, half-depth in front): a side view's trunk. Its back is
# the spine's direction turned counter-clockwise, its front clockwise: a chest, a waist, a belly, a buttock
TRUNK_SIDE_PROFILE = (
    (0.0, 0.066, 0.056),
    (0.14, 0.064, 0.056),
    (0.42, 0.05, 0.054),
    (0.7, 0.056, 0.074),
    (0.88, 0.054, 0.062),
    (1.0, 0.045, 0.045),
)
# ... and a front or top view's: hips, waist, chest, shoulders (the same both sides)
TRUNK_FRONT_PROFILE = (
    (0.0, 0.1, 0.1),
    (0.2, 0.088, 0.088),
    (0.45, 0.074, 0.074),
    (0.72, 0.09, 0.09),
    (0.9, 0.112, 0.112),
    (1.0, 0.1, 0.1),
)
TRUNK_BOTTOM = 0.045  # the trunk's round end below the hip joints (what a figure sits on)
TRUNK_TOP = 0.025  # ... and above the shoulder joints
CAP_POINTS = 8
ARC_STEP = 30  # degrees between the points of a drawn arc
HALO = 0.008  # the paper-coloured edge round a near limb, where it crosses the trunk
WORK_EDGE = 0.01  # a working limb's accent outline
GHOST_EDGE = 0.009  # a ghost's dashed outline
GHOST_DASH = (0.03, 0.022)
# what a prop under a named point starts from: the body's surface, this far from the point
POINT_RADII = {
    "pelvis": TRUNK_BOTTOM,
    "waist": 0.046,
    "chest": 0.055,
    "shoulders": 0.04,
    "neck": 0.022,
    "head": 0.065,
    "shoulder": ARM_RADII[0],
    "elbow": ARM_RADII[1],
    "wrist": ARM_RADII[2],
    "hand": HAND_RADII[0],
    "fingers": HAND_RADII[1],
    "hip": LEG_RADII[0],
    "knee": LEG_RADII[1],
    "ankle": LEG_RADII[2],
    "heel": FOOT_RADII[0],
    "foot": 0.016,
    "toes": FOOT_RADII[1],
}
PROP_LINE = 0.018
STRAP = 0.016
STRAP_LOOP = 0.032  # the strap's loop round a foot
GROUND = 0.016
HINT_LINE = 0.03  # a motion hint's line: bold enough to read on a thumbnail
ARROW_HEAD = 0.1  # its arrowhead's length ...
ARROW_SPREAD = 30  # ... and its half-angle, in degrees: a broad, filled head
SHORT_ARROW_HEAD = 0.4  # a short arrow's head is at most this share of its length ...
SMALL_CIRCLE_HEAD = 1.0  # ... and a circle's at most its radius, ...
SMALL_CIRCLE_LINE = 0.35  # ... its line at most this share of it
HINT_HALO = 0.012  # the paper-coloured edge round a hint, so it reads where it crosses the body
BOUNCE_MARK = (0.035, 0.05)  # a bounce's marks under the floor: how far from where it lands, how long ...
BOUNCE_ANGLES = (-15, -52, -90, -128, -165)  # ... and which way each points
# ... and a straight arrow down beside the point (on the side away from the shoulders), from the point's height
# (at least the second number above the floor) to just above the floor: how far beside it, its least height, how
# far above the floor its tip stops and how long its head is (an up-and-down arrow there read as breathing)
BOUNCE_ARROW = (0.095, 0.08, 0.012, 0.04)
ROCK_SPAN = (30, 80)  # a rock's arc: from this many degrees before the direction away from the shoulders to after
TURN_SPAN = (160, 380)  # a turn's loop, in degrees round its ellipse: from the front across the near side to behind
RUB_FLAT = 0.38  # a rub's loop on the floor: its height for its width (a circle on the floor seen from the side)
GROUND_MARGIN = 0.08
MAT_MARGIN = 0.06  # a top view's mat: this much longer than the body at either end ...
MAT_WIDTH = 0.4  # ... and this wide across (a yoga mat for someone 1.7 m tall), limbs out to the side reach past it
BLOCK_WIDTH = 0.14
BLOCK_LOWEST = 0.06  # a block lying flat: the least height one is drawn with
BLOCK_EDGE = 0.025  # the line under a block's top edge
TOWEL_WIDTH = 0.16
TOWEL_THICKNESS = 0.035
BOLSTER_LENGTH = 0.42
BOLSTER_LOWEST = 0.06
BOLSTER_FROM_ABOVE = 0.15  # a bolster's width seen from above
BALL = 0.05  # a massage ball's radius: about half the head across, a little larger than life, so it reads
BALL_EDGE = 0.012  # its dark outline
WALL_LOWEST = 0.5  # a wall reaches this high at least ...
WALL_ABOVE = 0.12  # ... and this far above the figure's highest point (a lying figure's wall is no taller)
HATCH = 0.05
WALL_PANEL_MARGIN = 0.1  # a wall behind a figure seen from the front: this much wider than it either side
MIDLINE = 0.008  # a top view's midline along the spine: its width and dashes
MIDLINE_DASH = (0.04, 0.03)
CHAIR_DEPTH = 0.22
CHAIR_BACK = 0.32
CHAIR_SEAT = 0.028  # the seat's thickness
CHAIR_HEIGHT = 0.26  # a seat's height above the floor, where a figure standing in front of it is about to sit ...
STANDING_OVER_SEAT = 0.33  # ... a side-view figure whose buttocks are higher than this above the floor
DESK_DEPTH = 0.4
DESK_LIP = 0.06
DESK_TOP = 0.03
DESK_LEG_INSET = 0.03
OVER_BODY = ("strap", "ball")  # props drawn over the body: a strap round it, a ball pressing into it
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
        return Art(
            tuple(_map(item, lambda p: (p[0] * scale + dx, p[1] * scale + dy), scale) for item in self.items), self.view
        )


def _map(item: Item, f, scale: float = 1.0) -> Item:
    if isinstance(item, Disc):
        return Disc(f(item.centre), item.radius * scale, item.tone)
    return replace(
        item,
        points=tuple(f(p) for p in item.points),
        width=item.width * scale,
        dash=tuple(d * scale for d in item.dash),
    )


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
    pale far limbs, the ghost (a dashed outline where the parts move from or to: behind the rest of the body,
    which hides it where they overlap), the rest of the body, then straps, balls and hints."""
    bones = sk.build(figure)
    body = _body(figure, bones, ghost=False)
    ground = Art(tuple(body)).bbox()[1]
    points = dict(bones.points)
    ghost: list[Item] = []
    if figure.ghost:
        ghost_bones = sk.build(figure, figure.ghost)
        moved = set(figure.ghost)
        if _near(ghost_bones.head[0], bones.head[0]):  # a trunk that moves under a head that stays: no second head
            moved.add("no head")
        ghost = _body(figure, ghost_bones, ghost=True, only=moved)
        points.update({f"ghost {k}": v for k, v in ghost_bones.points.items()})
    below = _underside(figure, bones)
    beside = _surface_beside(figure, bones)
    under: list[Item] = []
    straps: list[Item] = []
    for prop in figure.props:
        if prop.kind == "wall" and figure.view == "front":
            continue
        items = _prop(prop, points, ground, below, figure.props, beside, figure.view)
        if prop.kind in OVER_BODY:
            straps += items
        elif prop.kind == "chair" and _behind_chair_back(prop, points, figure.view):
            # the near post of the chair's back stands in front of arms reaching behind it (its seat and legs
            # under the body)
            back_post, front_leg, seat, backrest = items
            under += [front_leg, seat]
            straps += [back_post, backrest]
        else:
            under += items
    drawn = [_hint(hint, points, ground) for hint in figure.hints]  # (paper edge, ink): every edge under every ink
    hints = [item for edge, _ in drawn for item in edge] + [item for _, ink in drawn for item in ink]
    x0, _, x1, y1 = Art(tuple(body + under + ghost)).bbox()
    if figure.view == "top":
        mat = _mat(bones, body + under + ghost)
        back: list[Item] = [Stroke(mat, PROP_LINE, "ground", fill="mat"), _midline(bones, mat)]
    else:
        line_y = ground - GROUND / 2  # the body's lowest point rests on it; props reaching down stop on it
        back = [Stroke(((x0 - GROUND_MARGIN, line_y), (x1 + GROUND_MARGIN, line_y)), GROUND, "ground")]
        if figure.view == "front" and any(prop.kind == "wall" for prop in figure.props):
            back += _wall_behind(x0, ground, x1, y1)  # a wall in a front view stands behind the figure
    far = next((i for i, item in enumerate(body) if item.tone != "far"), len(body))
    # the ghost in front of the pale far limbs (a leg moving from where the far leg lies still shows), behind the
    # rest of the body
    return Art(tuple(back + under + body[:far] + ghost + body[far:] + straps + hints), figure.view)


def _body(figure: Figure, bones: sk.Skeleton, ghost: bool, only: set[str] | None = None) -> list[Item]:
    """The body as filled shapes: far limbs, trunk, neck and head, near limbs (a side view), or legs, trunk,
    working legs, arms (a front or top view). Near limbs have a thin paper-coloured halo so they read where they cross the
    trunk; a working limb is outlined in the accent over a lighter fill; a ghost is a dashed outline."""
    parts: list[tuple[str, list[tuple[Point, ...]], str]] = []  # (part, its shapes, its tone)

    def tone(part: str) -> str:
        if ghost:
            return "ghost"
        if part in figure.working:
            return "work"
        return "far" if figure.view == "side" and part.startswith("left") else "near"

    def limb(part: str) -> None:
        if only is None or part in only:
            parts.append((part, limb_shapes(part, bones, figure.view), tone(part)))

    def trunk() -> None:
        if only is None or only & {"pelvis", "spine", "neck", "head"}:
            t = "ghost" if ghost else "near"
            parts.append(("trunk", [_trunk_shape(figure, bones), _neck_shape(bones)], t))

    if figure.view == "side":
        order: tuple[str, ...] = ("left leg", "left arm", "trunk", "right leg", "right arm")
    else:  # a working leg over the trunk: a leg drawn in across the body shows
        legs = sorted(("left leg", "right leg"), key=lambda leg: leg in figure.working)
        order = (*(leg for leg in legs if leg not in figure.working), "trunk")
        order += (*(leg for leg in legs if leg in figure.working), "left arm", "right arm")
    for part in order:
        if part == "trunk":
            trunk()
        else:
            limb(part)
    head = only is None or (bool(only & {"pelvis", "spine", "neck", "head"}) and "no head" not in only)
    out: list[Item] = []
    for part, shapes, t in parts:
        if t == "ghost":
            out += [Stroke(shape, GHOST_EDGE * 2, "ghost", GHOST_DASH, fill="ghost") for shape in shapes]
            out += [Stroke(shape, 0, "ghost_fill", fill="ghost_fill") for shape in shapes]
        elif t == "work":
            out += [Stroke(shape, (WORK_EDGE + HALO) * 2, "paper", fill="paper") for shape in shapes]
            out += [Stroke(shape, WORK_EDGE * 2, "work", fill="work") for shape in shapes]
            out += [Stroke(shape, 0, "work_fill", fill="work_fill") for shape in shapes]
        else:
            if t == "near" and part != "trunk":
                out += [Stroke(shape, HALO * 2, "paper", fill="paper") for shape in shapes]
            out += [Stroke(shape, 0, t, fill=t) for shape in shapes]
        if part == "trunk" and head:
            out += _head_items(figure, bones, t)
    return out


def _near(a: Point, b: Point) -> bool:
    return math.hypot(a[0] - b[0], a[1] - b[1]) < 0.01


def _head_items(figure: Figure, bones: sk.Skeleton, t: str) -> list[Item]:
    """The head: a disc, and on the side the face points a small nose (none when it faces the reader)."""
    centre, radius = bones.head
    neck = bones.points["neck"]
    axis = math.degrees(math.atan2(centre[1] - neck[1], centre[0] - neck[0]))
    face = figure.face_angle(axis)
    nose: tuple[Point, ...] = ()
    if face is not None:
        # the nose sits a little toward the chin (toward the neck) of where the face points, as in a profile
        turn = (axis + 180 - face + 180) % 360 - 180
        at = face + math.copysign(min(NOSE_TILT, abs(turn)), turn)
        nose = (
            toward(centre, at + NOSE_SPREAD, radius * 0.9),
            toward(centre, at, radius + NOSE),
            toward(centre, at - NOSE_SPREAD, radius * 0.9),
        )
    if t == "ghost":
        outline = _arc(centre, radius, 0, 360, 24)
        items: list[Item] = [Stroke(outline, GHOST_EDGE * 2, "ghost", GHOST_DASH)]
        if nose:
            items.append(Stroke(nose, GHOST_EDGE * 2, "ghost", GHOST_DASH, fill="ghost"))
        return (
            items
            + [Disc(centre, radius, "ghost_fill")]
            + ([Stroke(nose, 0, "ghost_fill", fill="ghost_fill")] if nose else [])
        )
    return [Disc(centre, radius, t)] + ([Stroke(nose, NOSE_EDGE, t, fill=t)] if nose else [])


def limb_shapes(part: str, bones: sk.Skeleton, view: str = "side") -> list[tuple[Point, ...]]:
    """A limb as tapered capsules, thick at the hip or shoulder, narrow at the ankle or wrist, with a hand (a
    mitten along the hand's angle) or a foot (a wedge from a round heel to the toes, its sole on the line from
    heel to toes, its top toward the shin). Seen from above (`view` top) the legs are broader and the arms
    slimmer, a hand lies open with its thumb out and a foot is a short paddle, its toes toward the ceiling."""
    a, b, c = bones.chains[part]
    top = view == "top"
    if part.endswith("leg"):
        radii = TOP_LEG_RADII if top else LEG_RADII
    else:
        radii = TOP_ARM_RADII if top else ARM_RADII
    shapes = [_capsule(a, radii[0], b, radii[1]), _capsule(b, radii[1], c, radii[2])]
    start, end = bones.ends[part]
    direction = math.degrees(math.atan2(end[1] - start[1], end[0] - start[0]))
    if top:
        return shapes + (_open_hand(c, direction, bones) if part.endswith("arm") else [_paddle_foot(c, direction)])
    if part.endswith("arm"):
        r0, r1 = HAND_RADII
        shapes.append(_capsule(toward(c, direction, HAND_START + r0), r0, toward(c, direction, HAND_LENGTH - r1), r1))
    else:
        r0, r1 = FOOT_RADII
        # the side of the sole line the shin is on: the foot's thickness grows that way
        cross = math.cos(math.radians(direction)) * (b[1] - c[1]) - math.sin(math.radians(direction)) * (b[0] - c[0])
        up = direction + (90 if cross >= 0 else -90)
        shapes.append(_capsule(toward(start, up, r0 * 0.8), r0, toward(end, up, r1 * 0.8), r1))
    return shapes


def _open_hand(wrist: Point, direction: float, bones: sk.Skeleton) -> list[tuple[Point, ...]]:
    """An open hand seen from above: a broad palm along the hand's angle and a thumb turned off it, on the side
    away from the pelvis (toward the head for an arm out to the side, outward for one along the body)."""
    r0, r1, length = TOP_PALM
    palm = _capsule(toward(wrist, direction, r0 * 0.5), r0, toward(wrist, direction, length), r1)
    radius, thumb_length, turn = TOP_THUMB
    base = toward(wrist, direction, r0)
    pelvis = bones.points["pelvis"]
    tips = [toward(base, direction + s * turn, thumb_length) for s in (1, -1)]
    tip = max(tips, key=lambda p: (round(math.hypot(p[0] - pelvis[0], p[1] - pelvis[1]), 9), p[1]))
    return [palm, _capsule(base, radius, tip, radius)]


def _paddle_foot(ankle: Point, direction: float) -> tuple[Point, ...]:
    """A foot seen from above with its toes toward the ceiling: short, and broader at the toes than the heel."""
    heel, toes, reach = TOP_FOOT
    return _capsule(toward(ankle, direction, heel * 0.3), heel, toward(ankle, direction, reach), toes)


def _capsule(a: Point, ra: float, b: Point, rb: float) -> tuple[Point, ...]:
    """The outline of two circles and the lines touching both: a limb segment tapering from `a` to `b`."""
    d = math.hypot(b[0] - a[0], b[1] - a[1])
    if d <= abs(ra - rb) + 1e-9:
        centre, r = (a, ra) if ra >= rb else (b, rb)
        return _arc(centre, r, 0, 360, 12)[:-1]
    theta = math.degrees(math.atan2(b[1] - a[1], b[0] - a[0]))
    phi = math.degrees(math.acos(max(-1.0, min(1.0, (ra - rb) / d))))
    back = _arc(a, ra, theta + phi, theta + 360 - phi, max(2, math.ceil((360 - 2 * phi) / ARC_STEP)))
    front = _arc(b, rb, theta - phi, theta + phi, max(2, math.ceil(2 * phi / ARC_STEP)))
    return back + front


def _trunk_shape(figure: Figure, bones: sk.Skeleton) -> tuple[Point, ...]:
    """The trunk's outline along the spine. In a side view the front (the spine's direction turned clockwise)
    shows a chest and a belly, the back a buttock, so it shows which way the body faces and bends; in a front
    or top view it is hips, a waist and shoulders either side of the spine."""
    spine = bones.spine
    n = len(spine) - 1
    angles = [math.degrees(math.atan2(q[1] - p[1], q[0] - p[0])) for p, q in itertools.pairwise(spine)]
    profile = TRUNK_SIDE_PROFILE if figure.view == "side" else TRUNK_FRONT_PROFILE
    front, back = [], []
    for t, behind, ahead in profile:
        position = t * n
        i = min(int(position), n - 1)
        f = position - i
        p = (spine[i][0] + (spine[i + 1][0] - spine[i][0]) * f, spine[i][1] + (spine[i + 1][1] - spine[i][1]) * f)
        direction = _direction_at(angles, position)
        front.append(toward(p, direction - 90, ahead))
        back.append(toward(p, direction + 90, behind))
    first, last = angles[0], angles[-1]
    pelvis, shoulders = spine[0], spine[-1]
    _, bottom_back, bottom_front = profile[0]
    _, top_back, top_front = profile[-1]
    bottom = _cap(pelvis, first + 180, bottom_back, bottom_front, TRUNK_BOTTOM)  # from back round to front
    top = _cap(shoulders, last, top_front, top_back, TRUNK_TOP)  # from front round to back
    return tuple(bottom + front[1:-1] + top + back[-2:0:-1])


def _direction_at(angles: list[float], position: float) -> float:
    """The spine's direction at `position` segments from the pelvis: a segment's own, blended at a joint."""
    i = min(int(position), len(angles) - 1)
    f = position - i
    here = angles[i]
    if f < 0.2 and i > 0:
        other = angles[i - 1]
    elif f > 0.8 and i + 1 < len(angles):
        other = angles[i + 1]
    else:
        return here
    turn = (other - here + 180) % 360 - 180
    return here + turn / 2


def _cap(centre: Point, outward: float, right: float, left: float, depth: float) -> list[Point]:
    """A rounded end of the trunk around `centre`, bulging `depth` toward `outward`, from the side `right` of
    it (turned clockwise from `outward`: `right` wide) round to the other side (`left` wide)."""
    points = []
    for k in range(CAP_POINTS + 1):
        phi = math.radians(-90 + 180 * k / CAP_POINTS)
        across = math.sin(phi) * (left if phi > 0 else right)
        along = math.cos(phi) * depth
        p = toward(centre, outward, along)
        points.append(toward(p, outward + 90, across))
    return points


def _neck_shape(bones: sk.Skeleton) -> tuple[Point, ...]:
    return _capsule(bones.spine[-1], NECK_RADII[0], bones.points["neck"], NECK_RADII[1])


def _underside(figure: Figure, bones: sk.Skeleton):
    """A function giving, for a named point, the height of the body's surface under it (where a prop under it
    starts): a trunk point's from the trunk's outline straight below it, a limb point's its radius below."""
    trunk = _trunk_shape(figure, bones)

    def below(name: str) -> float:
        x, y = bones.points[name]
        if name in BODY_POINTS and name not in ("neck", "head"):
            hits = [
                y0 + (y1 - y0) * (x - x0) / (x1 - x0)
                for (x0, y0), (x1, y1) in zip(trunk, trunk[1:] + trunk[:1])
                if min(x0, x1) <= x < max(x0, x1)
            ]
            hits = [h for h in hits if h <= y + 1e-9]
            if hits:
                return max(hits)
        return y - POINT_RADII[name.split()[-1]]

    return below


def _surface_beside(figure: Figure, bones: sk.Skeleton):
    """A function giving, for a named point and a direction across the page (1 right, -1 left), where the body's
    surface is level with the point that way: a trunk point's from the trunk's outline, a limb point's its
    radius away (where a ball pressed against the body from the side touches it)."""
    trunk = _trunk_shape(figure, bones)

    def beside(name: str, outward: int) -> float:
        x, y = bones.points[name]
        if name in BODY_POINTS and name not in ("neck", "head"):
            hits = [
                x0 + (x1 - x0) * (y - y0) / (y1 - y0)
                for (x0, y0), (x1, y1) in zip(trunk, trunk[1:] + trunk[:1])
                if min(y0, y1) <= y < max(y0, y1)
            ]
            hits = [h for h in hits if (h - x) * outward >= -1e-9]
            if hits:
                return min(hits, key=lambda h: abs(h - x))
        return x + outward * POINT_RADII[name.split()[-1]]

    return beside


def _prop(
    prop: Prop,
    points: dict[str, Point],
    ground: float,
    below,
    others: tuple[Prop, ...] = (),
    beside=None,
    view: str = "side",
) -> list[Item]:
    at = points[prop.at[0]]
    top = below(prop.at[0])
    walled = any(p.kind == "wall" for p in others if p.at == prop.at) and any(
        p.kind == "ball" for p in others if p.at == prop.at
    )  # a ball pressed between the point and a wall: beside the body's surface level with the point
    if walled and beside is not None:
        outward = 1 if at[0] >= points["pelvis"][0] else -1
        top = at[1] - abs(beside(prop.at[0], outward) - at[0])
    if prop.kind == "strap":
        return [_strap(prop, points)]
    if prop.kind == "ball":
        outward = 1 if at[0] >= points["pelvis"][0] else -1
        centre = (at[0] + outward * (at[1] - top + BALL), at[1]) if walled else (at[0], ground + BALL)
        return _ball(centre)
    if prop.kind == "block":
        x0, x1, y1 = at[0] - BLOCK_WIDTH / 2, at[0] + BLOCK_WIDTH / 2, max(top, ground + BLOCK_LOWEST)
        edge = y1 - min(BLOCK_EDGE, (y1 - ground) / 3)
        return [_box(x0, ground, x1, y1), Stroke(((x0, edge), (x1, edge)), PROP_LINE / 2, "prop")]
    if prop.kind == "towel":
        t = max(top, ground + TOWEL_THICKNESS)
        return [
            _box(at[0] - TOWEL_WIDTH / 2, ground, at[0] + TOWEL_WIDTH / 2, t),
            Stroke(
                ((at[0] - TOWEL_WIDTH / 2, (ground + t) / 2), (at[0] + TOWEL_WIDTH / 4, (ground + t) / 2)),
                PROP_LINE / 2,
                "prop",
            ),
        ]
    if prop.kind == "bolster":
        height = max(top - ground, BOLSTER_LOWEST)
        y = ground + height / 2
        r = height / 2
        if view == "top":  # seen from above, a bolster under a point lies right under it, as wide as a thigh
            y, r = at[1], BOLSTER_FROM_ABOVE / 2
        if prop.along:
            x0, x1 = at[0] - BOLSTER_LENGTH / 2 + r, at[0] + BOLSTER_LENGTH / 2 - r
            outline = _arc((x1, y), r, -90, 90, 6) + _arc((x0, y), r, 90, 270, 6)
            seams = [
                Stroke(((x, y - r * 0.85), (x, y + r * 0.85)), PROP_LINE / 2, "prop")
                for x in (x0 + r * 0.2, x1 - r * 0.2)
            ]
            return [Stroke(outline, PROP_LINE, "prop", fill="prop_fill"), *seams]
        return [
            Disc((at[0], y), r, "prop"),
            Disc((at[0], y), r - PROP_LINE, "prop_fill"),
            Stroke(_arc((at[0], y), r * 0.55, 0, 360, 16), PROP_LINE / 2, "prop"),
        ]
    if prop.kind == "wall":
        outward = 1 if at[0] >= points["pelvis"][0] else -1
        x = at[0] + outward * (at[1] - top) + outward * PROP_LINE / 2
        if walled:
            x += outward * 2 * BALL
        y1 = max(ground + WALL_LOWEST, max(p[1] for p in points.values()) + WALL_ABOVE)
        hatches = [
            Stroke(((x, y), (x + outward * HATCH, y + HATCH)), PROP_LINE / 2, "prop")
            for y in _steps(ground, y1 - HATCH, 0.08)
        ]
        return [Stroke(((x, ground), (x, y1)), PROP_LINE * 1.5, "prop"), *hatches]
    if prop.kind == "chair":
        if view == "side" and prop.at[0] == "pelvis" and top - ground > STANDING_OVER_SEAT:
            return _chair_behind(at, ground)
        return _chair(at, prop.at[0], ground, points, below(prop.at[0]))
    if prop.kind == "desk":
        away = 1 if at[0] >= points["pelvis"][0] else -1
        near, far = at[0] - away * DESK_LIP, at[0] + away * DESK_DEPTH
        w = PROP_LINE * 1.2
        slab = top - DESK_TOP / 2
        return [
            Stroke(((near + away * DESK_LEG_INSET, slab), (near + away * DESK_LEG_INSET, ground)), w, "prop"),
            Stroke(((far - away * DESK_LEG_INSET, slab), (far - away * DESK_LEG_INSET, ground)), w, "prop"),
            Stroke(((near, slab), (far, slab)), DESK_TOP, "prop"),
        ]
    raise ValueError(prop.kind)  # pragma: no cover - the schema allows only the kinds above


def _mat(bones: sk.Skeleton, body: list[Item]) -> tuple[Point, ...]:
    """A top view's mat: a strip MAT_WIDTH wide along the spine's line, from just past the head to just past
    the farthest part of the body along that line; limbs out to the side reach past its long edges."""
    (px, py), (sx, sy) = bones.spine[0], bones.spine[-1]
    length = math.hypot(sx - px, sy - py)
    ux, uy = (sx - px) / length, (sy - py) / length  # along the spine, toward the head
    along = []
    for item in body:
        if isinstance(item, Disc):
            c = (item.centre[0] - px) * ux + (item.centre[1] - py) * uy
            along += [c - item.radius, c + item.radius]
        else:
            along += [(x - px) * ux + (y - py) * uy for x, y in item.points]
    lo, hi = min(along) - MAT_MARGIN, max(along) + MAT_MARGIN
    half = MAT_WIDTH / 2
    return tuple(
        (px + ux * a - uy * b, py + uy * a + ux * b) for a, b in ((lo, -half), (hi, -half), (hi, half), (lo, half))
    )


def _midline(bones: sk.Skeleton, mat: tuple[Point, ...]) -> Stroke:
    """A top view's midline: a thin dashed line along the spine from one end of the mat to the other, under the
    body, so a leg out to its own side and a leg drawn across the body read apart."""
    a, b, c, d = mat
    return Stroke((_mid(a, d), _mid(b, c)), MIDLINE, "ground", MIDLINE_DASH)


def _mid(a: Point, b: Point) -> Point:
    return ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)


def _wall_behind(x0: float, ground: float, x1: float, y1: float) -> list[Item]:
    """A wall behind a figure seen from the front: a pale panel from the floor to above the head, wider than the
    figure, its top edge a line with short hatches above it (the sign of a wall's surface, as in a side view)."""
    left, right = x0 - WALL_PANEL_MARGIN, x1 + WALL_PANEL_MARGIN
    top = max(ground + WALL_LOWEST, y1 + WALL_ABOVE)
    panel = Stroke(((left, ground), (right, ground), (right, top), (left, top)), 0, "prop_fill", fill="prop_fill")
    edge = Stroke(((left, top), (right, top)), PROP_LINE * 1.5, "prop")
    hatches = [
        Stroke(((x, top), (x + HATCH, top + HATCH)), PROP_LINE / 2, "prop") for x in _steps(left, right - HATCH, 0.08)
    ]
    return [panel, edge, *hatches]


def _strap(prop: Prop, points: dict[str, Point]) -> Stroke:
    """A strap: from a hand round a foot and back (a narrow loop round the far side of the foot), or straight
    between two hands."""
    names = prop.at
    feet = [n for n in names if n.split()[-1] in ("foot", "toes", "heel", "ankle")]
    if not feet or len(feet) == 2:
        return Stroke((points[names[0]], points[names[1]]), STRAP, "prop")
    foot = feet[0]
    hand = names[1] if names[0] == foot else names[0]
    c, h = points[foot], points[hand]
    distance = math.hypot(h[0] - c[0], h[1] - c[1])
    if distance <= STRAP_LOOP * 1.5:
        return Stroke((h, c), STRAP, "prop")
    towards_hand = math.degrees(math.atan2(h[1] - c[1], h[0] - c[0]))
    spread = math.degrees(math.acos(STRAP_LOOP / distance))
    loop = _arc(c, STRAP_LOOP, towards_hand + spread, towards_hand + 360 - spread, 8)
    return Stroke((h, *loop, h), STRAP, "prop")


def _chair(at: Point, name: str, ground: float, points: dict[str, Point], under: float) -> list[Item]:
    """A side-view chair (back, seat, legs): under a seat point (the pelvis), its back behind the figure; under
    a foot, its back on the far side from the figure; or, held at a hand, its back toward the figure and its
    seat beyond."""
    x, _y = at
    if name.endswith(("foot", "toes", "heel", "ankle")):
        away = 1 if x >= points["pelvis"][0] else -1
        seat_y = under
        back_x = x + away * CHAIR_DEPTH * 0.55
        front_x = back_x - away * CHAIR_DEPTH
        back_top = seat_y + CHAIR_BACK
    elif name.endswith(("hand", "wrist", "fingers")):
        toward_figure = -1 if x >= points["pelvis"][0] else 1
        back_x, back_top = x, under
        seat_y = ground + 0.26
        front_x = back_x - toward_figure * CHAIR_DEPTH
    else:
        seat_y = under
        back_x = x - CHAIR_DEPTH * 0.55
        front_x = back_x + CHAIR_DEPTH
        back_top = seat_y + CHAIR_BACK
    w = PROP_LINE * 1.3
    seat = seat_y - CHAIR_SEAT / 2
    rest = back_top - min(0.09, (back_top - seat_y) * 0.4)  # the backrest: a broad band at the top of the back
    return [
        Stroke(((back_x, back_top), (back_x, ground)), w, "prop"),
        Stroke(((front_x, seat), (front_x, ground)), w, "prop"),
        Stroke(((back_x, seat), (front_x, seat)), CHAIR_SEAT, "prop"),
        Stroke(((back_x, rest), (back_x, back_top)), CHAIR_SEAT * 1.6, "prop"),
    ]


def _behind_chair_back(prop: Prop, points: dict[str, Point], view: str) -> bool:
    """Whether both hands reach behind the back of a chair under the pelvis (a side view): its post is then
    drawn in front of the arms, as the near post would be."""
    if view != "side" or prop.at[0] != "pelvis":
        return False
    post = points["pelvis"][0] - CHAIR_DEPTH * 0.55
    return all(points[f"{side} wrist"][0] < post for side in ("right", "left"))


def _chair_behind(pelvis: Point, ground: float) -> list[Item]:
    """A chair behind a figure standing with its hips above the seat, about to sit down (modified chair): the
    seat at a chair's height, its front edge just under the buttocks, its back behind them."""
    front_x = pelvis[0] + CHAIR_DEPTH * 0.1
    return _chair((front_x - CHAIR_DEPTH * 0.45, 0.0), "pelvis", ground, {}, ground + CHAIR_HEIGHT)


def _box(x0: float, y0: float, x1: float, y1: float) -> Stroke:
    return Stroke(((x0, y0), (x1, y0), (x1, y1), (x0, y1)), PROP_LINE, "prop", fill="prop_fill")


def _steps(start: float, stop: float, step: float) -> list[float]:
    n = max(int((stop - start) / step), 0)
    return [start + step * (i + 0.5) for i in range(n)]


def _arc(centre: Point, radius: float, start: float, end: float, n: int) -> tuple[Point, ...]:
    return tuple(toward(centre, start + (end - start) * i / n, radius) for i in range(n + 1))


def _ball(centre: Point) -> list[Item]:
    """A massage ball: a dark outline round a mid-grey disc, lit from the upper left (a pale highlight and a
    small paper-white glint), so it reads as a round ball, not a hole or a dot."""
    return [
        Disc(centre, BALL, "prop"),
        Disc(centre, BALL - BALL_EDGE, "ground"),
        Disc(toward(centre, 135, BALL * 0.3), BALL * 0.42, "prop_fill"),
        Disc(toward(centre, 135, BALL * 0.42), BALL * 0.16, "paper"),
    ]


def _arrowhead(tip: Point, angle: float, length: float = ARROW_HEAD) -> tuple[Point, ...]:
    """A filled arrowhead pointing along `angle` with its point at `tip`."""
    return (
        toward(tip, angle + 180 - ARROW_SPREAD, length),
        tip,
        toward(tip, angle + 180 + ARROW_SPREAD, length),
    )


def _hint(hint: Hint, points: dict[str, Point], ground: float) -> tuple[list[Item], list[Item]]:
    """A bold accent line along the movement ending in a broad filled arrowhead, over a paper-coloured edge so
    it reads where it crosses the body: a circle round a point, a curve from one point to another, straight
    down onto a point (a press), a bounce, a rub (a loop flat on the floor under a point), a turn (part of a
    flat loop round a point at its height: a twist) or a rock (a short arc round a point: it tips).
    Returns the paper edge and the ink apart (every edge is drawn under every hint's ink, so one hint never cuts
    through another)."""
    if hint.kind == "bounce":
        away = 1 if points[hint.at[0]][0] >= points["shoulders"][0] else -1
        return _bounce(points[hint.at[0]], abs(hint.size), ground, away)
    if hint.kind == "circle":
        path = _arc(points[hint.at[0]], abs(hint.size), 40, 330, 30)
    elif hint.kind == "rub":  # a loop lying flat on the floor, seen from the side: an ellipse round the contact
        path = _flat_loop((points[hint.at[0]][0], ground), abs(hint.size), (210, 490), 1)
    elif hint.kind == "turn":  # part of a flat loop round the point at its height: the trunk turns about the spine
        # its near (lower) half from the front, ahead of the point, to behind it (negative: the other way)
        path = _flat_loop(points[hint.at[0]], abs(hint.size), TURN_SPAN, -1 if hint.size >= 0 else 1)
    elif hint.kind == "rock":  # a short arc round the point, on its side away from the shoulders: it tips
        centre = points[hint.at[0]]
        shoulders = points["shoulders"]
        outward = math.degrees(math.atan2(centre[1] - shoulders[1], centre[0] - shoulders[0]))
        turn = 1 if hint.size >= 0 else -1
        path = _arc(centre, abs(hint.size), outward - turn * ROCK_SPAN[0], outward + turn * ROCK_SPAN[1], 16)
    elif hint.kind == "press":  # straight down onto the point's surface, from `size` above it
        x, y = points[hint.at[0]]
        surface = y + POINT_RADII[hint.at[0].split()[-1]] + HINT_HALO
        path = tuple((x, surface + abs(hint.size) * (1 - i / 20)) for i in range(21))
    else:
        (ax, ay), (bx, by) = points[hint.at[0]], points[hint.at[1]]
        length = math.hypot(bx - ax, by - ay) or 1e-9
        nx, ny = -(by - ay) / length, (bx - ax) / length  # the arrow bows out to its left
        control = ((ax + bx) / 2 + nx * hint.size * 2, (ay + by) / 2 + ny * hint.size * 2)
        path = tuple(_bezier((ax, ay), control, (bx, by), i / 40) for i in range(6, 35))
    tip = path[-1]
    angle = math.degrees(math.atan2(tip[1] - path[-4][1], tip[0] - path[-4][0]))
    span = sum(math.hypot(q[0] - p[0], q[1] - p[1]) for p, q in itertools.pairwise(path))
    size = min(ARROW_HEAD, span * SHORT_ARROW_HEAD)  # a short arrow gets a smaller head ...
    width = HINT_LINE
    if hint.kind in ("circle", "rub", "rock", "turn"):  # ... and so does a small circle, with a thinner line
        size = min(size, abs(hint.size) * SMALL_CIRCLE_HEAD)
        width = min(width, abs(hint.size) * SMALL_CIRCLE_LINE)
    head = _arrowhead(tip, angle, size)
    # the line stops inside the head, so its round cap does not show past the head's back edge
    base = size * math.cos(math.radians(ARROW_SPREAD)) * 0.6
    line = [p for p in path if math.hypot(p[0] - tip[0], p[1] - tip[1]) > base] or [path[0]]
    line = [*line, toward(tip, angle + 180, base)]
    edge: list[Item] = [
        Stroke(tuple(line), width + 2 * HINT_HALO, "paper"),
        Stroke(head, 2 * HINT_HALO, "paper", fill="paper"),
    ]
    return edge, [Stroke(tuple(line), width, "hint"), Stroke(head, width / 3, "hint", fill="hint")]


def _flat_loop(centre: Point, radius: float, span: tuple[float, float], way: int) -> tuple[Point, ...]:
    """A circle lying flat, seen from the side (an ellipse RUB_FLAT as tall as wide) round `centre`, drawn over
    `span` degrees; `way` -1 mirrors it front to back."""
    x, y = centre
    return tuple(
        (x + way * radius * math.cos(a), y + radius * RUB_FLAT * math.sin(a))
        for a in (math.radians(d) for d in _steps(*span, 10))
    )


def _bounce(at: Point, size: float, ground: float, away: int = 1) -> tuple[list[Item], list[Item]]:
    """A bounce, the small lift and thump of a part dropped onto the floor: a burst of short strokes fanning out
    under the floor line, right under where it lands, `size` long at most, and beside the point (on the side
    `away` from the shoulders, not above it: an arrow above reads as a lift or a press) a straight arrow from the
    point's height down to the floor: the drop."""
    x, y = at
    gap, length = BOUNCE_MARK
    length = min(length * 1.6, abs(size))
    marks = [(toward((x, ground), a, gap), toward((x, ground), a, gap + length)) for a in BOUNCE_ANGLES]
    beside, least, above, head = BOUNCE_ARROW
    top, tip = (x + away * beside, max(y, ground + least)), (x + away * beside, ground + above)
    base = head * math.cos(math.radians(ARROW_SPREAD)) * 0.6  # the line stops inside the head
    width = HINT_LINE * 0.8
    line = (top, (tip[0], tip[1] + base))
    arrowhead = _arrowhead(tip, -90, head)
    edge: list[Item] = [Stroke(m, width + 2 * HINT_HALO, "paper") for m in marks]
    edge += [Stroke(line, width + 2 * HINT_HALO, "paper"), Stroke(arrowhead, 2 * HINT_HALO, "paper", fill="paper")]
    ink: list[Item] = [Stroke(m, width, "hint") for m in marks]
    ink += [Stroke(line, width, "hint"), Stroke(arrowhead, width / 3, "hint", fill="hint")]
    return edge, ink


def _bezier(a: Point, c: Point, b: Point, t: float) -> Point:
    u = 1 - t
    return (u * u * a[0] + 2 * u * t * c[0] + t * t * b[0], u * u * a[1] + 2 * u * t * c[1] + t * t * b[1])
