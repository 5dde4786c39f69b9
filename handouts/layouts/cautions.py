"""Cautions as every product shows them: the icon that marks one (a warning triangle, never colour alone) and,
for the sheets that have no room for the words beside each step, the numbering that ties a step's mark to the
words printed at the foot.

`number_cautions` numbers every distinct caution of a plan's steps once, in the order the steps first name
it; a step's mark lists its numbers. Nothing here decides where the words go: the layouts do.
"""

from __future__ import annotations

from dataclasses import dataclass

from handouts.layouts.parts import Mark
from handouts.plan.planner import Plan


class CautionIcon(Mark):
    """A warning triangle with an exclamation mark, so a caution reads as one without colour."""

    def draw(self):
        c, s = self.canv, self.width
        c.saveState()
        c.setFillColor(self.color)
        c.setStrokeColor(self.color)
        c.setLineJoin(1)
        c.setLineWidth(s * 0.08)
        path = c.beginPath()
        path.moveTo(s * 0.5, s * 0.95)
        path.lineTo(s * 0.97, s * 0.1)
        path.lineTo(s * 0.03, s * 0.1)
        path.close()
        c.drawPath(path, stroke=1, fill=1)
        c.setFillColorRGB(1, 1, 1)
        c.rect(s * 0.455, s * 0.38, s * 0.09, s * 0.36, stroke=0, fill=1)
        c.circle(s * 0.5, s * 0.25, s * 0.055, stroke=0, fill=1)
        c.restoreState()


@dataclass(frozen=True)
class NumberedCaution:
    """One caution's words, its number on the sheet, and the steps that carry it ('3', '5b')."""

    number: int
    text: str
    steps: tuple[str, ...]


@dataclass(frozen=True)
class CautionNumbers:
    """Every distinct step caution of a plan, numbered from 1, and each step's numbers by its label (a repeat
    has its step's label, and its cautions)."""

    cautions: tuple[NumberedCaution, ...]
    by_label: dict[str, tuple[int, ...]]

    def of(self, label: str) -> tuple[int, ...]:
        return self.by_label.get(label, ())


def number_cautions(plan: Plan) -> CautionNumbers:
    """Number the cautions of `plan`'s steps: the same words on several steps get one number."""
    numbers: dict[str, int] = {}
    steps: dict[str, list[str]] = {}
    by_label: dict[str, tuple[int, ...]] = {}
    for step in plan.steps:
        mine = []
        for text in step.cautions:
            key = " ".join(str(text).split())
            if key not in numbers:
                numbers[key] = len(numbers) + 1
                steps[key] = []
            if step.label not in steps[key]:
                steps[key].append(step.label)
            mine.append(numbers[key])
        if mine:
            by_label[step.label] = tuple(dict.fromkeys(mine))
    cautions = tuple(NumberedCaution(n, text, tuple(steps[text])) for text, n in numbers.items())
    return CautionNumbers(cautions, by_label)
