"""A programme as written (programmes/*.yaml): weeks of practice in segments, each a sequence or a base sequence
with changes, and the texts of its guidebook. Frozen dataclasses in the users' words; reading/programme.py makes
them, plan/programme.py applies the changes.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path

from handouts.core.errors import Location
from handouts.core.model import Hold, Text


class ChangeKind(enum.Enum):
    """What a change does to a step of the segment's base sequence."""

    ADD = "add"  # a new step (after a named step, or at the end)
    REMOVE = "remove"
    REPLACE = "replace"  # another pose in its place
    HOLD = "hold"  # a new hold ("5 breaths" -> "8 breaths")
    EASIER = "easier"  # practise its easier variation
    DEEPER = "deeper"  # practise its deeper variation
    CAUTION = "caution"  # a caution added to the step


@dataclass(frozen=True)
class Change:
    """One change, located where the file writes it. `step`: the step it names, as client rosters name steps
    ("3", "5b" or a pose id); None for an ADD at the end; `before`: an ADD goes before that step (else after it).
    `pose`: the new pose (ADD, REPLACE); `step_entry`: the
    whole step written for an ADD or REPLACE (its node read as a sequence step: model.Step); `hold`: HOLD's new hold;
    `text`: CAUTION's words."""

    kind: ChangeKind
    location: Location
    step: Text | None = None
    step_entry: object | None = None  # model.Step
    hold: Hold | None = None
    text: Text | None = None
    before: bool = False


PREVIOUS = "previous"  # a segment's `sequence: previous`: the segment before, as it ends (with its changes)


@dataclass(frozen=True)
class Segment:
    """Weeks `first`..`last` (1-based, inclusive) practising `sequence` (a slug in sequences/, or PREVIOUS: the
    segment before's practice) with `changes`. `weeks_location`: where its `weeks:` is written."""

    location: Location
    first: int
    last: int
    sequence: Text
    title: Text | None = None
    focus: Text | None = None  # a sentence on what this segment is for
    changes: tuple[Change, ...] = ()
    weeks_location: Location | None = None

    @property
    def weeks(self) -> str:
        """'1-3', or '4' for a single week."""
        return f"{self.first}" if self.first == self.last else f"{self.first}-{self.last}"


@dataclass(frozen=True)
class Programme:
    """A programme file: `slug` is its file name without .yaml."""

    path: Path
    location: Location
    slug: str
    title: Text
    subtitle: Text | None = None
    welcome: Text | None = None
    contacts: tuple[Text, ...] = ()
    home_practice: tuple[Text, ...] = ()  # how to set up a home practice: one paragraph each
    practice_log: Text | None = None  # how to keep the practice log
    segments: tuple[Segment, ...] = ()
    language: Text | None = None  # the language it is written in; None: studio.yaml's

    @property
    def weeks(self) -> int:
        """How many weeks it runs (its segments cover weeks 1 to this one)."""
        return max((s.last for s in self.segments), default=0)
