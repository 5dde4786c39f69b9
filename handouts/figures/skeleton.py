"""Skeleton: where every joint of a figure lies, from its angles (forward kinematics), in figure heights.

The pelvis is at (0, 0). Segment lengths are fractions of standing height (Drillis and Contini, rounded), so
every figure has the same proportions. In a front or top view the shoulder and hip joints sit either side of
the spine; in a side view both sides share them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from handouts.core.figure import LIMBS, Figure

HEAD_DIAMETER = 0.13
NECK = 0.05
TRUNK = 0.29
ARM = (0.19, 0.15, 0.11)  # upper arm, forearm, hand
LEG = (0.245, 0.245, 0.15)  # thigh, shin, foot
HEEL = 0.25  # the ankle sits this far along the foot from the heel
SHOULDER_WIDTH = 0.26
HIP_WIDTH = 0.19

Point = tuple[float, float]


def toward(p: Point, degrees: float, length: float) -> Point:
    a = math.radians(degrees)
    return (p[0] + length * math.cos(a), p[1] + length * math.sin(a))


@dataclass(frozen=True)
class Skeleton:
    """Joint positions of one figure. `chains` holds each part's joints in drawing order."""

    points: dict[str, Point]
    spine: tuple[Point, ...]  # pelvis ... shoulders
    chains: Mapping[str, tuple[Point, ...]]  # limb -> joints from shoulder/hip to wrist/ankle
    ends: dict[str, tuple[Point, Point]]  # limb -> hand (wrist, fingers) or foot (heel, toes)
    head: tuple[Point, float]  # centre, radius
    outline: tuple[Point, ...] = ()  # the trunk's outline in a front or top view


def _default_limbs(figure: Figure, parts: dict[str, tuple[float, ...]]) -> dict[str, tuple[float, ...]]:
    """The left limbs copy the right ones when not given: behind them in a side view, mirrored across the spine
    in a front or top view."""
    out = dict(parts)
    for limb in ("arm", "leg"):
        right, left = f"right {limb}", f"left {limb}"
        if right in out and left not in out:
            if figure.view == "side":
                out[left] = out[right]
            else:
                axis = figure.spine[-1] if limb == "arm" else figure.spine[0]
                out[left] = tuple(2 * axis - a for a in out[right])
    return out


def build(figure: Figure, overrides: dict[str, tuple[float, ...]] | None = None) -> Skeleton:
    """The skeleton of `figure`, with some parts replaced (a ghost) when `overrides` is given; an override
    `pelvis` (forward, up) moves the ghost's pelvis that far from the body's, and everything hanging from it."""
    parts = {**figure.limbs, **{k: v for k, v in (overrides or {}).items() if k in LIMBS}}
    parts = _default_limbs(figure, parts)
    spine_angles = (overrides or {}).get("spine", figure.spine)
    neck_angle = (overrides or {}).get("neck", (figure.neck if figure.neck is not None else spine_angles[-1],))[0]
    head_angle = (overrides or {}).get("head", (figure.head if figure.head is not None else neck_angle,))[0]

    start = (overrides or {}).get("pelvis", (0.0, 0.0))
    spine = [(float(start[0]), float(start[1]))]
    for a in spine_angles:
        spine.append(toward(spine[-1], a, TRUNK / len(spine_angles)))
    shoulders = spine[-1]
    neck = toward(shoulders, neck_angle, NECK)
    radius = HEAD_DIAMETER / 2
    centre = toward(neck, head_angle, radius)
    points: dict[str, Point] = {
        "pelvis": spine[0],
        "shoulders": shoulders,
        "neck": neck,
        "head": centre,
        "waist": _along(spine, 0.4),
        "chest": _along(spine, 0.75),
    }
    outline: tuple[Point, ...] = ()
    if figure.view == "side":
        joints = {"right": (shoulders, spine[0]), "left": (shoulders, spine[0])}
    else:
        first, last = spine_angles[0], spine_angles[-1]
        inset = 0.02
        joints = {
            side: (
                toward(shoulders, last + turn, SHOULDER_WIDTH / 2 - inset),
                toward(spine[0], first + turn, HIP_WIDTH / 2 - inset),
            )
            for side, turn in (("right", 90), ("left", -90))
        }
        outline = _trunk_outline(spine, spine_angles)
    chains, ends = {}, {}
    for side in ("right", "left"):
        shoulder, hip = joints[side]
        points[f"{side} shoulder"], points[f"{side} hip"] = shoulder, hip
        arm = parts.get(f"{side} arm", (-90.0, -90.0))
        elbow = toward(shoulder, arm[0], ARM[0])
        wrist = toward(elbow, arm[1], ARM[1])
        fingers = toward(wrist, arm[2] if len(arm) > 2 else arm[1], ARM[2])
        leg = parts.get(f"{side} leg", (-90.0, -90.0))
        knee = toward(hip, leg[0], LEG[0])
        ankle = toward(knee, leg[1], LEG[1])
        foot_angle = leg[2] if len(leg) > 2 else leg[1] + 90
        heel = toward(ankle, foot_angle + 180, LEG[2] * HEEL)
        toes = toward(ankle, foot_angle, LEG[2] * (1 - HEEL))
        chains[f"{side} arm"] = (shoulder, elbow, wrist)
        chains[f"{side} leg"] = (hip, knee, ankle)
        ends[f"{side} arm"] = (wrist, fingers)
        ends[f"{side} leg"] = (heel, toes)
        points.update(
            {
                f"{side} elbow": elbow,
                f"{side} wrist": wrist,
                f"{side} fingers": fingers,
                f"{side} hand": _mid(wrist, fingers),
                f"{side} knee": knee,
                f"{side} ankle": ankle,
                f"{side} heel": heel,
                f"{side} toes": toes,
                f"{side} foot": _mid(ankle, toes),
            }
        )
    return Skeleton(points, tuple(spine), chains, ends, (centre, radius), outline)


def _mid(a: Point, b: Point) -> Point:
    return ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)


def _along(chain: list[Point], fraction: float) -> Point:
    """The point `fraction` of the way along a chain of equal segments."""
    position = fraction * (len(chain) - 1)
    i = min(int(position), len(chain) - 2)
    t = position - i
    (x0, y0), (x1, y1) = chain[i], chain[i + 1]
    return (x0 + (x1 - x0) * t, y0 + (y1 - y0) * t)


def _trunk_outline(spine: list[Point], angles: tuple[float, ...]) -> tuple[Point, ...]:
    """The trunk seen from the front: hip width at the pelvis widening to shoulder width, following the spine."""
    n = len(spine) - 1
    right, left = [], []
    for i, p in enumerate(spine):
        before = angles[max(i - 1, 0)]
        after = angles[min(i, n - 1)]
        direction = (before + after) / 2 if abs(before - after) < 180 else before
        half = (HIP_WIDTH + (SHOULDER_WIDTH - HIP_WIDTH) * i / n) / 2
        right.append(toward(p, direction + 90, half))
        left.append(toward(p, direction - 90, half))
    return tuple(right + left[::-1])
