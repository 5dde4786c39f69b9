"""The figure model: a pose figure as data, the way it is written under `figure:` in a pose file.

A figure is a side view (default), a front view (standing or sitting, facing the reader) or a top view (lying,
seen from above). Angles are absolute, in degrees, counter-clockwise: 0 points forward (to the right of the
page: the figure of the right side always faces right), 90 up, 180 back, -90 down. The figure's right limbs are
the near ones in a side view; the drawing for the left side is the mirror image. `face` says where the face
points, `working` which limbs do the work.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from handouts.core.errors import Location

VIEWS = ("side", "front", "top")
LIMBS = ("right arm", "left arm", "right leg", "left leg")
PROPS = ("strap", "block", "bolster", "towel", "wall", "chair", "desk", "ball")
# Where the face points, in words: page directions of the right-side figure, or `reader` (facing you: no mark)
FACES = {"forward": 0.0, "up": 90.0, "back": 180.0, "down": -90.0, "reader": "reader"}

# Named points of the skeleton, for props and hints. "right hand" is the middle of the hand, "right foot" the
# ball of the foot; a hint may also name a point of the ghost ("ghost right knee").
BODY_POINTS = ("pelvis", "waist", "chest", "shoulders", "neck", "head")
LIMB_POINTS = ("shoulder", "elbow", "wrist", "hand", "fingers", "hip", "knee", "ankle", "heel", "foot", "toes")
POINTS = BODY_POINTS + tuple(f"{side} {p}" for side in ("right", "left") for p in LIMB_POINTS)


@dataclass(frozen=True)
class Prop:
    """A prop drawn in the quieter prop tone. `at` names the point it touches (strap: two points)."""

    kind: str
    at: tuple[str, ...]
    along: bool = False  # a bolster lying along the body (a capsule) rather than across it (a circle)
    location: Location | None = None


@dataclass(frozen=True)
class Hint:
    """A motion hint in the accent colour: `circle` around a point, a curved `arrow` from one point to another, a
    `press` (straight down onto a point), a `bounce` at a point (a short arrow dropping to the floor, with marks
    on the floor under it where it lands), a `rub` (a flat loop on the floor under a point: it circles there), a
    `turn` (part of a flat loop round a point at its height: a twist) or a `rock` (a short arc: the part tips)."""

    kind: str
    at: tuple[str, ...]
    size: float = 0.1  # a circle's radius, an arrow's bow, a press's length, a bounce's height, half a loop's width
    location: Location | None = None


@dataclass(frozen=True)
class Figure:
    """One pose figure. `limbs` maps each of LIMBS to 2 or 3 angles (upper, lower[, hand or foot])."""

    location: Location
    view: str = "side"
    spine: tuple[float, ...] = (90.0,)  # 1-3 segments from the pelvis to the shoulders
    neck: float | None = None  # default: the last spine angle
    head: float | None = None  # default: the neck angle
    limbs: dict[str, tuple[float, ...]] = field(default_factory=dict)
    props: tuple[Prop, ...] = ()
    hints: tuple[Hint, ...] = ()
    ghost: dict[str, tuple[float, ...]] = field(default_factory=dict)  # parts drawn dashed: where they move to or from
    face: float | str | None = None  # an angle, "reader", or None: the side view's default (see `face_angle`)
    working: tuple[str, ...] = ()  # limbs (of LIMBS) doing the work: drawn outlined in the accent

    def face_angle(self, head_angle: float) -> float | None:
        """The direction the face points, or None when it faces the reader (no mark). By default a side view's
        face is on the forward side of the head's axis (the axis turned 90 degrees clockwise: a standing head
        looks forward, a head lying on its back looks up); a front or top view's faces the reader."""
        if self.face == "reader":
            return None
        if self.face is not None:
            return float(self.face)
        return head_angle - 90.0 if self.view == "side" else None
