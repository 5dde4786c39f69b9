"""Layout feasibility, proven before any layout starts: whether every product of a plan can be made.

The booklet and the mat card lay out anything within the limits (handouts/limits.py): long words break with a
hyphen, a card taller than a page flows. The cheat sheet cannot: it holds a sequence on at most two pages at
8 pt or more, and too many steps, or too many cautions' words, do not fit. `check` asks here for both papers
(and each client's cheat sheet), `build` for its own paper before the first booklet is laid out, so that what
`check` passes `build` makes. The question is the cheat sheet fitter's own, asked cheaply: its smallest type,
each geometry with its smallest figure (`sheetfit.feasible`), no full search and nothing drawn.
"""

from __future__ import annotations

from handouts.core.errors import Problem
from handouts.core.model import Personal, Studio
from handouts.plan.planner import Plan
from handouts.reading.labels import ENGLISH, Labels

PAPERS = ("a4", "letter")
_ANY_IMAGES = object()  # the sheet only asks whether photos can be shown (they take the figure's box)


def cheatsheet_problems(
    plan: Plan,
    studio: Studio = Studio(),
    words: Labels = ENGLISH,
    papers: tuple[str, ...] = PAPERS,
    pages: int = 1,
    personal: Personal | None = None,
) -> list[Problem]:
    """The located problem of a cheat sheet that cannot be made on one of `papers` (the first found), or []."""
    from handouts.layouts.cheatsheet import CheatSheet

    for paper in papers:
        problem = CheatSheet(plan, paper, studio, pages, _ANY_IMAGES, words, personal).feasible()
        if problem is not None:
            return [problem]
    return []
