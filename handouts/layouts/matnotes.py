"""The words of the cautions on the mat card, as placed text: the numbered cautions of a page's steps (icon,
number, words), the cautions for the whole practice under their heading, a client's notes from their teacher.
Set in two columns, in one, or run in one after another (`NOTE_MODES`, most open first), from (0, 0) at the
block's top left; `matlayout` places the block at a page's foot or in an empty cell.
"""

from __future__ import annotations

from collections.abc import Container

from handouts.layouts import styles
from handouts.layouts.cautions import CautionNumbers
from handouts.layouts.mattext import (
    Run,
    Shape,
    Token,
    flow,
    width_of,
    word_tokens,
    wrap,
)
from handouts.plan.planner import Plan
from handouts.reading.labels import Labels

NOTE_MODES = ("columns", "list", "run-in")  # the cautions' words, most open first


class CautionWords:
    """The caution words of one plan (and a client's notes), set for any page: measured once per set of
    cautions, mode and width."""

    def __init__(
        self, plan: Plan, words: Labels, numbers: CautionNumbers, notes_for_client: list[str], steps_named: bool = False
    ):
        self.plan, self.w, self.numbers = plan, words, numbers
        # with `steps_named`, each caution says which steps it is for: '(step 3)' after its words
        self.caution_words = {
            c.number: self._sided(c) + (f" ({self._where(c)})" if steps_named else "") for c in numbers.cautions
        }
        self.general = [str(text) for text in plan.sequence.cautions]
        self.notes_for_client = notes_for_client
        self._notes: dict[tuple, tuple] = {}

    def _where(self, caution) -> str:
        return self.w(f"caution_steps_{'one' if len(caution.steps) == 1 else 'other'}", steps=", ".join(caution.steps))

    def _sided(self, caution) -> str:
        """A caution's words with {{ side }} filled for the first step that has it."""
        first = next((s for s in self.plan.steps if s.label in caution.steps), None)
        return self.w.sided(caution.text, None, first.order if first else ())

    def notes(self, cautions: tuple[int, ...], general: bool, mode: str, frame: float):
        """The page's caution words (and the general ones) set in `mode`, from (0, 0) at the block's top left:
        (runs, shapes, height)."""
        key = (cautions, general, mode, frame)
        if key not in self._notes:
            if mode == "run-in":
                self._notes[key] = self._run_in(cautions, general, frame)
            else:
                self._notes[key] = self._blocks(cautions, general, frame, 2 if mode == "columns" else 1)
        return self._notes[key]

    def _items(self, cautions, general):
        """What the foot (or the empty cell) prints, in order, as (kind, number, words): 'heading' and
        'general' (the cautions for the whole practice), 'notes' and 'note' (a client's notes from their
        teacher), 'step' (a numbered caution)."""
        items = []
        if general and self.general:
            items.append(("heading", None, self.w["cautions_throughout"]))
            items += [("general", None, text) for text in self.general]
        if general and self.notes_for_client:
            items.append(("notes", None, self.w["notes_for_you"]))
            items += [("note", None, text) for text in self.notes_for_client]
        items += [("step", n, self.caution_words[n]) for n in cautions]
        return items

    def slot_block(self, width: float):
        """The general cautions (and a client's notes) with their headings, one column `width` wide: (runs,
        shapes, height)."""
        key = ("slot", width)
        if key not in self._notes:
            self._notes[key] = self._blocks((), True, width, 1)
        return self._notes[key]

    @staticmethod
    def _marker(kind: str, number: int | None, x: float, base: float, size: float, runs: list, shapes: list) -> None:
        """An item's mark at its line's start: the caution icon (and number), or a bullet."""
        icon = size * 1.1
        if kind in ("heading", "step"):
            shapes.append(Shape("icon", x, base - size * 0.12, icon, icon, fill="caution"))
        if kind == "step":
            runs.append(Run(str(number), x + icon + size * 0.25, base, size, True, "caution", "number"))
        if kind in ("general", "note"):
            runs.append(
                Run("\u2022", x + icon * 0.3, base, size, True, "caution" if kind == "general" else "accent", "bullet")
            )

    def _blocks(self, cautions, general, frame, columns):
        """One block per item (its mark, words with a hanging indent), in `columns` columns balanced in
        height, a heading kept with what follows it."""
        size = styles.MAT_CAUTION_SIZE
        lead = size * styles.MAT_CAUTION_LEADING
        icon = size * 1.1
        col_w = (frame - (columns - 1) * styles.MAT_COLUMN_GAP) / columns
        widest = max((width_of(str(n), True, size) for n in cautions), default=0)
        step_indent = icon + size * 0.25 + widest + size * 0.4
        other_indent = icon + size * 0.4
        blocks = []  # (kind, number, lines, indent)
        for kind, number, words in self._items(cautions, general):
            indent = step_indent if kind == "step" else other_indent
            blocks.append((kind, number, wrap(words, kind in HEADINGS, size, col_w - indent), indent))

        def gap_before(i):
            if not i:
                return 0.0
            return styles.MAT_NOTE_GAP / 3 if blocks[i][0] in ("general", "note") else styles.MAT_NOTE_GAP

        heights = [len(b[2]) * lead + gap_before(i) for i, b in enumerate(blocks)]
        keep = {k for k in range(1, len(blocks)) if blocks[k - 1][0] in HEADINGS}
        cut = balance(heights, columns, keep)
        ranges = [(0, cut[0]), (cut[0], len(blocks))] if cut else [(0, len(blocks))]
        runs, shapes, height = [], [], 0.0
        for c, (a, b) in enumerate(ranges):
            x = c * (col_w + styles.MAT_COLUMN_GAP)
            y = 0.0
            for i in range(a, b):
                kind, number, lines, indent = blocks[i]
                if i > a:
                    y -= gap_before(i)
                base = y - (lead - size) / 2 - size * 0.8
                self._marker(kind, number, x, base, size, runs, shapes)
                for line in lines:
                    runs.append(
                        Run(
                            line,
                            x + indent,
                            base,
                            size,
                            kind in HEADINGS,
                            "accent" if kind == "notes" else "ink",
                            ROLES[kind],
                        )
                    )
                    base -= lead
                y -= len(lines) * lead
            height = max(height, -y)
        return runs, shapes, height

    def _run_in(self, cautions: tuple[int, ...], general: bool, frame: float) -> tuple[list[Run], list[Shape], float]:
        """The items one after another in full-width lines (the densest setting): a paragraph for the general
        cautions after their heading, one for a client's notes, one for the numbered cautions."""
        size = styles.MAT_CAUTION_SIZE
        lead = size * styles.MAT_CAUTION_LEADING
        icon = size * 1.1
        between = size * 1.1
        paragraphs: list[list[Token]] = []
        for kind, number, words in self._items(cautions, general):
            if kind in HEADINGS or (kind == "step" and (not paragraphs or paragraphs[-1][-1].role != "caution")):
                paragraphs.append([])
            tokens = paragraphs[-1]
            gap = between if tokens else None
            if kind in ("heading", "step"):
                tokens.append(Token("", True, "caution", "icon", icon, glue=True, gap=gap, icon=True))
            if kind == "step":
                tokens.append(
                    Token(str(number), True, "caution", "number", width_of(str(number), True, size), glue=True)
                )
            if kind in ("general", "note"):
                tokens.append(
                    Token(
                        "\u2022",
                        True,
                        "caution" if kind == "general" else "accent",
                        "bullet",
                        width_of("\u2022", True, size),
                        glue=True,
                        gap=gap,
                    )
                )
            tokens += word_tokens(words, kind in HEADINGS, "accent" if kind == "notes" else "ink", ROLES[kind], size)
        runs: list[Run] = []
        shapes: list[Shape] = []
        y = 0.0
        for p, tokens in enumerate(paragraphs):
            if p:
                y -= styles.MAT_NOTE_GAP
            for line in flow(tokens, size, frame):
                base = y - (lead - size) / 2 - size * 0.8
                for piece in line:
                    if piece.icon:
                        shapes.append(Shape("icon", piece.x, base - size * 0.12, icon, icon, fill="caution"))
                    else:
                        runs.append(Run(piece.text, piece.x, base, size, piece.bold, piece.color, piece.role))
                y -= lead
        return runs, shapes, -y


HEADINGS = ("heading", "notes")
ROLES = {"heading": "heading", "general": "general", "notes": "heading", "note": "note", "step": "caution"}


def number_list(numbers) -> str:
    """'1, 2', '3–6' (three or more in a row as a range), '1, 4–6, 9'."""
    numbers = sorted(set(numbers))
    parts, run = [], [numbers[0]]
    for n in numbers[1:] + [None]:
        if n is not None and n == run[-1] + 1:
            run.append(n)
            continue
        parts += [f"{run[0]}\u2013{run[-1]}"] if len(run) >= 3 else [str(r) for r in run]
        if n is not None:
            run = [n]
    return ", ".join(parts)


def balance(heights: list[float], columns: int, keep: Container[int] = frozenset()) -> tuple[int, ...]:
    """Where to cut a list of block heights into `columns` columns (1 or 2), in order, so that the taller
    column is as low as it can be (the first column the longer one when it is a tie); never at a cut in
    `keep` (a heading stays with what follows it)."""
    if columns == 1 or len(heights) < 2:
        return ()
    best, cut = None, len(heights)
    for k in range(len(heights), 0, -1):
        if k in keep:
            continue
        tall = max(sum(heights[:k]), sum(heights[k:]))
        if best is None or tall < best - 1e-6:
            best, cut = tall, k
    return (cut,) if cut < len(heights) else ()
