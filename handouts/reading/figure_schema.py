"""The `figure:` key of a pose: reads a figure from YAML with located errors, and describes it as JSON Schema.

Errors name the field ("bridge.figure.right leg"), what is wrong (an unknown joint or point, an angle that is
not a number, a limb with too many angles, a face that is neither an angle nor a direction word, a working
limb that is not a limb or is named twice) and how to fix it.
"""

from __future__ import annotations

import math
from typing import Any

from handouts.core.figure import FACES, LIMBS, POINTS, PROPS, VIEWS, Figure, Hint, Prop
from handouts.reading.fields import (
    INVALID,
    BoolType,
    ChoiceType,
    Ctx,
    Field,
    ListType,
    RecordType,
    Type,
    describe,
    did_you_mean,
    quoted,
    scalar_value,
)
from handouts.reading.yamlload import Node, ScalarNode, SequenceNode


class AngleType(Type):
    """An angle in degrees: 0 forward, 90 up, 180 back, -90 down."""

    what = "an angle in degrees"
    hint = "write a number: 0 points forward, 90 up, 180 back, -90 down"
    most = 720.0  # two turns either way: any direction is within one

    def read(self, node: Node, ctx: Ctx) -> Any:
        value = scalar_value(node) if isinstance(node, ScalarNode) else None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            return ctx.error(node, f"expected {self.what}, found {describe(node)}", self.hint)
        if abs(value) > self.most:
            return ctx.error(
                node, f"{value:g} is too large for {self.what} (at most {self.most:g} either way)", self.hint
            )
        return float(value)

    def schema(self) -> dict:
        return {"type": "number", "minimum": -self.most, "maximum": self.most}


class AnglesType(Type):
    """A list of `low` to `high` angles (a single angle when `low` is 1)."""

    def __init__(self, low: int, high: int, names: str):
        self.low, self.high, self.names = low, high, names

    def read(self, node: Node, ctx: Ctx) -> Any:
        if isinstance(node, ScalarNode) and self.low == 1:
            value = ANGLE.read(node, ctx)
            return INVALID if value is INVALID else (value,)
        if not isinstance(node, SequenceNode):
            return ctx.error(
                node,
                f"expected a list of angles ({self.names}), found {describe(node)}",
                "write them in brackets, e.g. [-90, -90]",
            )
        if not self.low <= len(node.value) <= self.high:
            count = f"{self.low}" if self.low == self.high else f"{self.low} to {self.high}"
            return ctx.error(
                node,
                f"expected {count} angles ({self.names}), found {len(node.value)}",
                f"give one angle for each of: {self.names}",
            )
        values = [ANGLE.read(n, ctx) for n in node.value]
        return INVALID if any(v is INVALID for v in values) else tuple(values)

    def schema(self) -> dict:
        array = {"type": "array", "items": ANGLE.schema(), "minItems": self.low, "maxItems": self.high}
        return {"anyOf": [array, ANGLE.schema()]} if self.low == 1 else array


class SizeType(AngleType):
    """Any number, in figure heights (a standing figure is 1 tall)."""

    what = "a number"
    hint = "write a size in figure heights, e.g. 0.1 (a standing figure is 1 tall)"
    most = 10.0  # figure heights


class FaceType(AngleType):
    """Where the face points: an angle, or a word (forward, up, back, down: page directions; reader: facing you)."""

    what = "an angle in degrees or a direction word"
    hint = f"write a number (0 forward, 90 up, 180 back, -90 down) or one of: {', '.join(FACES)}"

    def read(self, node: Node, ctx: Ctx) -> Any:
        value = scalar_value(node) if isinstance(node, ScalarNode) else None
        if isinstance(value, str):
            word = value.strip().lower()
            if word in FACES:
                return FACES[word]
            close = did_you_mean(word, FACES)
            return ctx.error(
                node, f"unknown face direction {quoted(value)}", close if close.startswith("did you") else self.hint
            )
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return ANGLE.read(node, ctx)
        return super().read(node, ctx)

    def schema(self) -> dict:
        return {"anyOf": [super().schema(), {"enum": list(FACES)}]}


ANGLE = AngleType()
SPINE = AnglesType(1, 3, "pelvis to shoulders, in 1 to 3 parts")
ARM = AnglesType(2, 3, "upper arm, forearm, hand")
LEG = AnglesType(2, 3, "thigh, shin, foot")
POINT = ChoiceType("point of the figure", {p: p for p in POINTS})
LIMB = ChoiceType("limb", {limb: limb for limb in LIMBS})
GHOST_POINT = ChoiceType("point of the figure", {p: p for p in POINTS + tuple(f"ghost {p}" for p in POINTS)})


def _parts(required: bool = False) -> dict[str, Field]:
    return {
        "spine": Field(SPINE, "angles from the pelvis to the shoulders: one, or 2-3 for a curved back"),
        "neck": Field(ANGLE, "the neck's angle (default: the spine's last)"),
        "head": Field(ANGLE, "the direction from the neck to the head's centre (default: the neck's)"),
        "right arm": Field(ARM, "upper arm, forearm[, hand]: the near arm in a side view", required=required),
        "left arm": Field(ARM, "the far arm (default: behind the right arm, or its mirror image in a front view)"),
        "right leg": Field(
            LEG,
            "thigh, shin[, foot]: the near leg in a side view; the foot defaults to a right angle to the shin",
            required=required,
        ),
        "left leg": Field(LEG, "the far leg (default: as the right leg)"),
    }


def _one_kind(kinds: tuple[str, ...], what: str):
    def check(values: dict, keys: dict, node: Node, ctx: Ctx) -> Any:
        given = [k for k in kinds if k in values]
        if len(given) != 1:
            found = f"found {', '.join(given)}" if given else "found none"
            return ctx.error(
                node,
                f"each {what} needs exactly one of {', '.join(kinds)} ({found})",
                f"write one {what} per '- ' line",
            )
        return given[0]

    return check


def _make_prop(values: dict, keys: dict, node: Node, ctx: Ctx) -> Any:
    kind = _one_kind(PROPS, "prop")(values, keys, node, ctx)
    if kind is INVALID:
        return kind
    if "along" in values and kind != "bolster":
        return ctx.error(keys["along"], "'along' is for a bolster only", "delete the line")
    at = values[kind]
    return Prop(kind, at if isinstance(at, tuple) else (at,), values.get("along", False), ctx.loc(node))


PROP = RecordType(
    "prop",
    {
        "strap": Field(
            ListType(POINT, single_ok=False, what="pair of points", non_empty="give two points"),
            "a strap between two points, e.g. [right hand, right foot]",
        ),
        **{
            kind: Field(POINT, doc)
            for kind, doc in (
                ("block", "a block under this point, standing on the floor"),
                ("bolster", "a bolster under this point (across the body unless 'along: true')"),
                ("towel", "a folded blanket or towel under this point"),
                ("wall", "a wall touching this point"),
                ("chair", "a chair: its seat under this point, or its back at a hand"),
                (
                    "desk",
                    "a desk or table: its top under this point (a hand or an elbow), reaching away from the figure",
                ),
                (
                    "ball",
                    "a small massage ball on the floor under this point, or between it and a wall at the same point",
                ),
            )
        },
        "along": Field(BoolType(), "a bolster lying along the body"),
    },
    _make_prop,
    "one prop drawn with the figure",
)


def _make_hint(values: dict, keys: dict, node: Node, ctx: Ctx) -> Any:
    kind = _one_kind(("circle", "arrow", "press", "bounce", "rub", "rock", "turn"), "hint")(values, keys, node, ctx)
    if kind is INVALID:
        return kind
    at = values[kind]
    return Hint(kind, at if isinstance(at, tuple) else (at,), values.get("size", 0.1), ctx.loc(node))


HINT = RecordType(
    "hint",
    {
        "circle": Field(GHOST_POINT, "a circling arrow around this point"),
        "press": Field(GHOST_POINT, "a straight arrow down onto this point: it presses toward the floor"),
        "bounce": Field(
            GHOST_POINT,
            "a small drop at this point: an arrow down beside it to the floor, with marks on the floor where it lands",
        ),
        "rub": Field(
            GHOST_POINT,
            "a flat loop on the floor right under this point: it circles there, rubbing the floor",
        ),
        "turn": Field(
            GHOST_POINT,
            "part of a flat loop round this point at its own height, seen from the side: the body turns about the "
            "spine there (a twist); it runs from the body's front round the near side to behind, as when the chest "
            "turns toward the near side; a negative size turns it the other way",
        ),
        "rock": Field(
            GHOST_POINT,
            "a short curved arrow round this point, on its side away from the shoulders: the part tips there "
            "(counter-clockwise in the right side's figure; a negative size turns it the other way)",
        ),
        "arrow": Field(
            ListType(GHOST_POINT, single_ok=False, what="pair of points", non_empty="give two points"),
            "a curved arrow from one point to another, e.g. [ghost right knee, right knee]",
        ),
        "size": Field(
            SizeType(),
            "the circle's radius, how far the arrow bows out to its left (negative: to its right), the press "
            "arrow's length, the bounce's height, half the rub's or the turn's width, or the rock's radius, in "
            "figure heights (default 0.1)",
        ),
    },
    _make_hint,
    "a motion hint drawn in the accent colour",
)


def _unknown_part(key: str) -> str | None:
    """The hint for a key that names a point (a joint) instead of a part: points take no angles."""
    if key in POINTS:
        part = next(
            (
                p
                for p in LIMBS
                if p.split()[0] == key.split()[0]
                and key.split()[-1]
                in (
                    ("shoulder", "elbow", "wrist", "hand", "fingers")
                    if p.endswith("arm")
                    else ("hip", "knee", "ankle", "heel", "foot", "toes")
                )
            ),
            "spine",
        )
        return f"'{key}' is a point, not a part: give its angle in '{part}' ({_parts()[part].doc.split(':')[0]})"
    return None


class OffsetType(Type):
    """Two numbers in figure heights: how far forward and how far up."""

    def read(self, node: Node, ctx: Ctx) -> Any:
        if not isinstance(node, SequenceNode) or len(node.value) != 2:
            return ctx.error(
                node,
                f"expected two numbers (forward, up), found {describe(node)}",
                "write them in brackets, in figure heights, e.g. [0, -0.2] for 0.2 lower",
            )
        values = [SIZE.read(n, ctx) for n in node.value]
        return INVALID if any(v is INVALID for v in values) else tuple(values)

    def schema(self) -> dict:
        return {"type": "array", "items": SIZE.schema(), "minItems": 2, "maxItems": 2}


SIZE = SizeType()


def _make_ghost(values: dict, keys: dict, node: Node, ctx: Ctx) -> Any:
    return {k: v if isinstance(v, tuple) else (v,) for k, v in values.items()}


GHOST = RecordType(
    "ghost",
    {
        "pelvis": Field(
            OffsetType(),
            "where the ghost's pelvis is, from the body's: [forward, up] in figure heights, e.g. [0, -0.2] for a "
            "lifted pelvis that starts on the floor (the trunk is drawn dashed there, and the limbs named here)",
        ),
        **_parts(),
    },
    _make_ghost,
    "parts drawn as a dashed outline: where they move to or from",
    unknown=_unknown_part,
)


def _make_figure(values: dict, keys: dict, node: Node, ctx: Ctx) -> Any:
    ok = True
    working = values.get("working", ())
    if working:
        ctx.path.append("working")
        twice = [limb for i, limb in enumerate(working) if limb in working[:i]]
        if twice:
            ok = ctx.error(keys["working"], f"'{twice[0]}' is named twice", "name each working limb once")
        elif len(working) > 2:
            ok = ctx.error(
                keys["working"],
                f"expected one or two limbs, found {len(working)}: {', '.join(working)}",
                "name only the one or two limbs that do the most work, e.g. 'right leg'",
            )
        ctx.path.pop()
    for key in ("props", "hints"):
        for item, item_node in zip(values.get(key, ()), keys[key].value if key in keys else ()):
            if len(item.at) != (2 if item.kind in ("strap", "arrow") else 1):
                ok = ctx.error(
                    item_node,
                    f"a {item.kind} joins exactly two points, found {len(item.at)}",
                    f"write e.g. '{item.kind}: [right hand, right foot]'",
                )
            if "ghost" not in values and any(p.startswith("ghost ") for p in item.at):
                ok = ctx.error(
                    item_node,
                    "this hint names a point of the ghost, but the figure has no 'ghost'",
                    "add 'ghost:' with the parts in their other position, or name a point of the body",
                )
    if ok is INVALID:
        return INVALID
    limbs = {k: values[k] for k in LIMBS if k in values}
    return Figure(
        location=ctx.loc(node),
        view=values.get("view", "side"),
        spine=values.get("spine", (90.0,)),
        neck=values.get("neck"),
        head=values.get("head"),
        limbs=limbs,
        props=values.get("props", ()),
        hints=values.get("hints", ()),
        ghost=values.get("ghost", {}),
        face=values.get("face"),
        working=tuple(working),
    )


FIGURE = RecordType(
    "figure",
    {
        "view": Field(
            ChoiceType("view", {v: v for v in VIEWS}), "side (default), front, or top (lying, seen from above)"
        ),
        "face": Field(
            FaceType(),
            "where the face points: an angle, or forward, up, back, down, reader (default: "
            "forward of the head in a side view, at the reader in a front or top view)",
        ),
        "working": Field(
            ListType(LIMB, what="list of limbs", non_empty="name one or two limbs, e.g. 'right leg'"),
            "the one or two limbs doing the work, drawn outlined in the accent colour, e.g. right leg",
        ),
        **_parts(required=True),
        "props": Field(ListType(PROP, single_ok=False, what="list of props"), "props drawn with the figure"),
        "hints": Field(
            ListType(HINT, single_ok=False, what="list of hints"),
            "motion hints: circles, arrows, presses, bounces, rubs, turns and rocks",
        ),
        "ghost": Field(GHOST, "parts drawn dashed, where they move to or return from"),
    },
    _make_figure,
    "a line drawing of the pose, as the angles of a 2-D skeleton (see docs/figures.md)",
    unknown=_unknown_part,
)
