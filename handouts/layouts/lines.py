"""Text measured and broken into lines without drawing it: the cheat sheet's small typesetter.

A `Block` is a paragraph written as runs (text in a face and a colour tone, or a caution icon). It is cut once
into fragments where a line may break: at spaces, and after the hyphen inside a compound ("hand-to-" /
"big-toe"). `Block.lines(width, size)` breaks it greedily and returns plain data, each line's pieces with their
offsets, which the sheet draws as they are: what was measured is what is printed.

A long word wider than its line is hyphenated (`syllables`), a hyphen printed; any other word wider than its
line makes `lines` return None, and the fitter tries another width. A word is never cut silently (ReportLab's
paragraphs do that, without a hyphen).

Widths grow in proportion to the type size (ReportLab sets no kerning), so a block is broken once per
width/size ratio and the result serves every size.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import NamedTuple

from reportlab.pdfbase.pdfmetrics import stringWidth

from handouts.layouts import fonts, styles

ICON = "icon"


class Piece(NamedTuple):
    """Text in one face ('regular', 'bold', 'italic') and tone ('ink', 'muted', 'accent', 'caution'), or
    the caution icon (face 'icon', no text). A run that is `whole` never breaks (a name, a date)."""

    text: str
    face: str = "regular"
    tone: str = "ink"
    whole: bool = False


def face_name(face: str) -> str:
    """The registered font of a face."""
    family = fonts.register()
    return {"regular": family, "bold": f"{family}-Bold", "italic": f"{family}-Italic"}[face]


@lru_cache(maxsize=8192)
def width_of(text: str, face: str) -> float:
    """A piece's width at 1 pt."""
    if face == ICON:
        return styles.CHEAT_ICON_EM
    return stringWidth(text, face_name(face), 1.0)


class Fragment(NamedTuple):
    """What a line breaks only at its `breaks`: a word, a compound's part up to its hyphen, an icon with its
    number. `space` is the space before it when it follows on the same line (0 after a compound's hyphen);
    `breaks` are where a long word may be hyphenated, and `least` the width it needs at the least."""

    pieces: tuple[Piece, ...]
    width: float
    space: float
    breaks: tuple[int, ...] = ()
    least: float = 0.0


class Line(NamedTuple):
    """One broken line: its pieces with their x offsets, and its width (all at 1 pt: multiply by the size)."""

    pieces: tuple[tuple[float, Piece], ...]
    width: float

    @property
    def text(self) -> str:
        return "".join(p.text for _, p in self.pieces)


Placed = tuple[tuple[float, Fragment], ...]  # a broken line's fragments with their x offsets, before merging

_COMPOUND = re.compile(r"(?<=[^\W\d_]-)(?=[^\W\d_])")  # after the hyphen between two letters


def _glue(runs) -> list[Fragment]:
    """Cut the runs into fragments: at spaces (a no-break space holds), and after a hyphen between letters."""
    fragments: list[Fragment] = []
    pieces: list[Piece] = []
    space = 0.0

    def close(next_space: float) -> None:
        nonlocal pieces, space
        if pieces:
            width = sum(width_of(p.text, p.face) for p in pieces)
            breaks = syllables(pieces[0].text) if len(pieces) == 1 and pieces[0].face != ICON else ()
            least = (
                max(
                    (
                        width_of(pieces[0].text[a:b] + "-", pieces[0].face)
                        for a, b in zip((0, *breaks), (*breaks, len(pieces[0].text)))
                    ),
                    default=0,
                )
                if breaks
                else width
            )
            fragments.append(Fragment(tuple(pieces), width, space, breaks, least))
            pieces = []
            space = next_space
        elif fragments:
            space = next_space

    for run in runs:
        if run.face == ICON:
            pieces.append(run)
            continue
        if run.whole:
            pieces.append(Piece(run.text, run.face, run.tone))
            continue
        for number, word in enumerate(run.text.split(" ")):
            if number:
                close(width_of(" ", run.face))
            for part, text in enumerate(_COMPOUND.split(word) if "-" in word else (word,)):
                if part:
                    close(0.0)
                if text:
                    pieces.append(Piece(text, run.face, run.tone))
    close(0.0)
    return fragments


def short_hold(hold: str) -> str:
    """A hold as a glance shows it (the booklet's glance table, the mat card): a long 'then' text shortened at a
    space, with an ellipsis (the step's card in the booklet has it whole), so that it never outgrows its row."""
    if len(hold) <= styles.GLANCE_HOLD_CHARS:
        return hold
    cut = hold[: styles.GLANCE_HOLD_CHARS]
    space = cut.rfind(" ")
    return (cut[:space] if space > styles.GLANCE_HOLD_CHARS // 2 else cut).rstrip(" ,;:") + "\u2026"


VOWELS = frozenset("aeiouyäöüàâáãåéèêëíìîïóòôõúùûæœāēīōū")
ONSETS = frozenset(
    (
        "ch",
        "ck",
        "sh",
        "th",
        "ph",
        "gh",
        "wh",
        "bl",
        "br",
        "cl",
        "cr",
        "dr",
        "fl",
        "fr",
        "gl",
        "gr",
        "kl",
        "kr",
        "pl",
        "pr",
        "tr",
        "sch",
        "str",
        "spr",
        "spl",
        "scr",
        "thr",
        "chr",
        "phr",
        "shr",
        "schl",
        "schm",
        "schn",
        "schr",
        "schw",
    )
)


def syllables(word: str, shortest: int = styles.CHEAT_HYPHENATE) -> tuple[int, ...]:
    """Where a long word (`shortest` letters or more; punctuation around it is left alone) may take a hyphen:
    inside each run of consonants between two vowels, before its last consonant, or before a group that
    starts syllables together ('sch', 'pr': Ober-schen-kel, im-prove); at least three letters stay on either
    side. A plain rule, the same in English, German, Spanish and French, for the rare word too wide for its
    line: the cheat sheet's and the mat card's."""
    begin = len(word) - len(word.lstrip(_AROUND))
    core = word[begin:].rstrip(_AROUND)
    if len(core) < shortest:
        return ()
    if core.isalpha():
        return tuple(begin + at for at in _filled(core, _core_syllables(core)))
    if any(c.isspace() for c in core):  # a run kept whole ("Prepared for Ann Example"): never broken
        return ()
    return tuple(begin + at for at in _filled(core, []))


FILL_GAP = 8  # a long word's stretch without a syllable break longer than this gets one every FILL_STEP letters


def _filled(core: str, found: list[int]) -> list[int]:
    """The syllable breaks, and more where they leave a long stretch (a made-up word, a web address, digits), so
    that any word can be broken with a hyphen: never next to a hyphen of its own, three letters at either end."""
    out, last = [], 0
    for at in [*found, None]:
        target = len(core) if at is None else at
        while target - last > FILL_GAP:
            step = last + 6
            while step <= len(core) - 3 and "-" in core[step - 1 : step + 1]:
                step += 1
            if step > len(core) - 3 or step >= target:
                break
            out.append(step)
            last = step
        if at is not None:
            out.append(at)
            last = at
    return out


_AROUND = "\"'“”‘’([{)]}.,;:!?…"  # punctuation that may stand around a word


def _core_syllables(word: str) -> list[int]:
    low, out = word.lower(), []
    start, end = 0, len(word)
    while start < end:
        if low[start] not in VOWELS:
            start += 1
            continue
        first = start
        while first < end and low[first] in VOWELS:
            first += 1
        last = first
        while last < end and low[last] not in VOWELS:
            last += 1
        if first < last < end:  # consonants low[first:last] between two vowels
            cluster, at = low[first:last], last - 1
            for size in (4, 3, 2):
                if len(cluster) >= size and cluster[-size:] in ONSETS:
                    at = last - size
                    break
            if 3 <= at <= end - 3:
                out.append(at)
        start = last
    return out


def _hyphenated(fragment: Fragment, room: float) -> list[Fragment] | None:
    """A long word too wide for a line, as parts that fit it, each but the last ending in a hyphen."""
    piece = fragment.pieces[0]
    word, parts, start = piece.text, [], 0
    while width_of(word[start:], piece.face) > room + 1e-9:
        fitting = [b for b in fragment.breaks if b > start and width_of(word[start:b] + "-", piece.face) <= room + 1e-9]
        if not fitting:
            return None
        text = word[start : fitting[-1]] + "-"
        parts.append(Fragment((Piece(text, piece.face, piece.tone),), width_of(text, piece.face), 0.0))
        start = fitting[-1]
    rest = word[start:]
    return parts + [Fragment((Piece(rest, piece.face, piece.tone),), width_of(rest, piece.face), 0.0)]


def _merged(placed: Sequence[tuple[float, Fragment]]) -> Line:
    """A line's fragments as pieces, neighbours of one face and tone joined into one (with their space)."""
    out: list[tuple[float, Piece]] = []
    end = 0.0
    for x, fragment in placed:
        for piece in fragment.pieces:
            last = out[-1][1] if out else None
            gap = x - end
            if (
                last is not None
                and last.face == piece.face
                and last.tone == piece.tone
                and piece.face != ICON
                and abs(gap - (width_of(" ", piece.face) if gap > 1e-9 else 0)) < 1e-9
            ):
                out[-1] = (
                    out[-1][0],
                    Piece(last.text + (" " if gap > 1e-9 else "") + piece.text, piece.face, piece.tone),
                )
            else:
                if last is not None and last.face != ICON and gap > 1e-9:  # the space printed, for copying text
                    out[-1] = (out[-1][0], last._replace(text=last.text + " "))
                out.append((x, piece))
            x += width_of(piece.text, piece.face)
            end = x
    return Line(tuple(out), end)


class Block:
    """A paragraph, cut into fragments once; broken into lines for a width and size on demand."""

    def __init__(self, runs: Iterable[Piece]) -> None:
        self.runs = tuple(runs)
        self.fragments = _glue(self.runs)
        self.widest = max((f.least for f in self.fragments), default=0.0)
        self.one_line = sum(f.width + f.space for f in self.fragments) - (
            self.fragments[0].space if self.fragments else 0.0
        )
        self._breaks: dict[float, tuple[Placed, ...] | None] = {}
        self._lines: dict[float, tuple[Line, ...] | None] = {}

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)

    def __bool__(self) -> bool:
        return bool(self.fragments)

    def natural(self) -> float:
        """The whole block on one line, at 1 pt."""
        return self.one_line

    def count(self, width: float, size: float) -> int | None:
        """How many lines at `size` pt in `width` points; None when a word cannot be made to fit."""
        room = round(width / size, 3)
        if self.one_line <= room + 1e-9:
            return 1 if self.fragments else 0
        if self.widest > room + 1e-9:
            return None
        if room in self._breaks:
            breaks = self._breaks[room]
        else:
            count = self._count(room)
            if count:
                return count
            breaks = self._breaks[room] = self._break(room)
        return None if breaks is None else len(breaks)

    def _count(self, room: float) -> int:
        """The lines `_break` would make, counted without making them; 0 when a long word must be hyphenated
        (then `_break` counts)."""
        room += 1e-9
        lines, x = 0, -1.0
        for fragment in self.fragments:
            if x >= 0 and x + fragment.space + fragment.width <= room:
                x += fragment.space + fragment.width
            elif fragment.width <= room:
                lines, x = lines + 1, fragment.width
            else:
                return 0
        return lines

    def lines(self, width: float, size: float) -> tuple[Line, ...] | None:
        """The lines at `size` pt in `width` points (offsets at 1 pt); None when a word cannot be made to fit."""
        room = round(width / size, 3)
        if room not in self._lines:
            breaks: tuple[Placed, ...] | None
            if self.one_line <= room + 1e-9:
                breaks = (tuple(self._placed_all()),) if self.fragments else ()
            elif room in self._breaks:
                breaks = self._breaks[room]
            else:
                breaks = self._breaks[room] = self._break(room)
            self._lines[room] = None if breaks is None else tuple(_merged(line) for line in breaks)
        return self._lines[room]

    def fitted(self, width: float, size: float) -> tuple[Line, ...]:
        """`lines` where the fitter has measured that every word fits: what is placed is what was measured."""
        lines = self.lines(width, size)
        assert lines is not None, (self.text, width, size)
        return lines

    def _placed_all(self) -> Iterator[tuple[float, Fragment]]:
        x = 0.0
        for number, fragment in enumerate(self.fragments):
            x += fragment.space if number else 0.0
            yield x, fragment
            x += fragment.width

    def _break(self, room: float) -> tuple[Placed, ...] | None:
        """Greedy breaking: each line's fragments with their offsets."""
        lines: list[Placed] = []
        placed: list[tuple[float, Fragment]] = []
        x = 0.0
        for fragment in self.fragments:
            gap = fragment.space if placed else 0.0
            if x + gap + fragment.width <= room + 1e-9:
                placed.append((x + gap, fragment))
                x += gap + fragment.width
                continue
            if placed:
                lines.append(tuple(placed))
                placed, x = [], 0.0
            if fragment.width > room + 1e-9:  # a word wider than the line: hyphenated, or this width will not do
                parts = _hyphenated(fragment, room) if fragment.breaks else None
                if parts is None:
                    return None
                lines += [((0.0, part),) for part in parts[:-1]]
                fragment = parts[-1]
            placed, x = [(0.0, fragment)], fragment.width
        if placed:
            lines.append(tuple(placed))
        return tuple(lines)
