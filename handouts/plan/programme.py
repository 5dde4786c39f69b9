"""A programme planned: each segment's sequence with its changes applied and planned (a Plan, like any sequence),
and what is new or changed against the segment before, marked by step label for the guidebook's cards and listed
in words for the segment's first page.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from handouts.core.programme import Programme, Segment
from handouts.plan.planner import Plan


class Mark(enum.Enum):
    """How a step differs from the segment before (none: the same)."""

    NEW = "new"  # not in the segment before
    CHANGED = "changed"  # in it, with another hold, variation or an added caution


@dataclass(frozen=True)
class PlannedSegment:
    segment: Segment
    plan: Plan
    marks: dict[str, Mark]  # step label as printed ("3", "5b") -> its mark; absent: unchanged
    news: tuple[str, ...]  # "what is new this segment", one line each, in the programme's language
    removed: tuple[str, ...] = ()  # the names of the steps the segment before had and this one has not


@dataclass(frozen=True)
class PlannedProgramme:
    programme: Programme
    segments: tuple[PlannedSegment, ...]
