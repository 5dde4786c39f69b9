"""Lines of text for the mat card, which draws its own: widths from the font's metrics, lines broken to a
width (a word too long for a line split with a hyphen, at one it has if it can), a run-in flow of pieces in
several faces (the caution words, densest form), and what a layout places (Run: a line of text, Shape: a
box, a rule or a caution icon). Nothing here draws.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from reportlab.pdfbase.pdfmetrics import stringWidth

from handouts.layouts import fonts, styles
from handouts.layouts.lines import syllables

CAP_HEIGHT = 0.66  # of the type size: Source Sans 3's capitals, to set a first line's top
DESCENT = 0.25  # of the type size, below a baseline (descenders)


def face(bold: bool) -> str:
    fonts.register()
    return f"{fonts.FAMILY}-Bold" if bold else fonts.FAMILY


def width_of(text: str, bold: bool, size: float) -> float:
    return stringWidth(text, face(bold), size)


def split_word(word: str, bold: bool, size: float, room: float, synthetic: bool = True) -> tuple[str, str] | None:
    """The longest head of `word` that fits `room` points, and the rest: after a hyphen the word has, else
    (when `synthetic`) with a hyphen added, between syllables (`lines.syllables`, the cheat sheet's rule) if
    one fits, else between any two letters. At least two letters stay on each side. None when nothing fits."""
    fits = lambda head: width_of(head, bold, size) <= room  # noqa: E731
    for i in range(len(word) - 2, 1, -1):
        if word[i - 1] == "-" and word[i - 2].isalpha() and word[i : i + 1].isalpha() and fits(word[:i]):
            return word[:i], word[i:]
    if not synthetic:
        return None
    letters = lambda i: word[i - 1].isalpha() and word[i].isalpha()  # noqa: E731
    for i in reversed(syllables(word, styles.MAT_HYPHENATE)):
        if fits(word[:i] + "-"):
            return word[:i] + "-", word[i:]
    for i in range(len(word) - 2, 1, -1):
        if letters(i) and fits(word[:i] + "-"):
            return word[:i] + "-", word[i:]
    return None


def wrap(text: str, bold: bool, size: float, width: float) -> list[str]:
    """`text` broken into lines no wider than `width` points. A hyphenated word that does not fit the rest of
    a line may be split after one of its hyphens; a word longer than a whole line is split with a hyphen
    added (between syllables if it can)."""
    lines: list[str] = []
    line = ""
    queue = list(reversed(str(text).split()))
    while queue:
        word = queue.pop()
        trial = f"{line} {word}" if line else word
        if width_of(trial, bold, size) <= width:
            line = trial
            continue
        room = width - (width_of(line + " ", bold, size) if line else 0)
        # at a hyphen the word has, anywhere; with a hyphen added only a word longer than a whole line
        piece = split_word(word, bold, size, room, synthetic=False)
        if piece is None and not line:
            piece = split_word(word, bold, size, room)
        if piece is None:
            if line:  # the word starts the next line
                lines.append(line)
                line = ""
                queue.append(word)
            else:  # not even two letters fit: the word stands alone (never at the card's widths)
                lines.append(word)
            continue
        head, rest = piece
        lines.append(f"{line} {head}" if line else head)
        line = ""
        queue.append(rest)
    if line or not lines:
        lines.append(line)
    return lines


def one_line(text: str, bold: bool, size: float, width: float) -> str:
    """`text` on one line: as it is when it fits, else the words that fit and an ellipsis."""
    if width_of(text, bold, size) <= width:
        return text
    words = text.split()
    while words and width_of(" ".join(words) + "\u2026", bold, size) > width:
        words.pop()
    return " ".join(words) + "\u2026"


@dataclass(frozen=True)
class Piece:
    """A piece of a run-in line: a word (in a face and colour), or an icon (text ''), `x` from the line's
    start."""

    text: str
    x: float
    bold: bool
    color: str
    role: str
    icon: bool = False


@dataclass(frozen=True)
class Token:
    """What the flow places: a word, or an icon of width `width`; `glue` keeps it on the line of the next
    token (a caution's mark and its first word); `gap` is the space before it (an item's start)."""

    text: str
    bold: bool
    color: str
    role: str
    width: float
    glue: bool = False
    gap: float | None = None
    icon: bool = False


def word_tokens(text: str, bold: bool, color: str, role: str, size: float) -> list[Token]:
    return [Token(word, bold, color, role, width_of(word, bold, size)) for word in str(text).split()]


def flow(tokens: list[Token], size: float, width: float, space: float | None = None) -> list[list[Piece]]:
    """Tokens set one after another in lines no wider than `width`, a space between words, a glued token
    kept with the next; an overlong word split with a hyphen."""
    space = width_of(" ", False, size) if space is None else space
    units: list[list[Token]] = []
    for token in tokens:
        if units and units[-1][-1].glue:
            units[-1].append(token)
        else:
            units.append([token])
    lines: list[list[Piece]] = [[]]
    x = 0.0

    def unit_width(unit: list[Token]) -> float:
        return sum(t.width for t in unit) + space * (len(unit) - 1)

    queue = list(reversed(units))
    while queue:
        unit = queue.pop()
        gap = 0.0 if not lines[-1] else (unit[0].gap if unit[0].gap is not None else space)
        need = unit_width(unit)
        if lines[-1] and x + gap + need > width:
            lines.append([])
            x, gap = 0.0, 0.0
        if need > width and not unit[-1].icon:  # a word longer than a line: its head here, the rest next
            last = unit[-1]
            room = width - x - gap - (unit_width(unit[:-1]) + space if len(unit) > 1 else 0)
            piece = split_word(last.text, last.bold, size, room)
            if piece is not None:
                head, rest = piece
                unit = unit[:-1] + [Token(head, last.bold, last.color, last.role, width_of(head, last.bold, size))]
                queue.append([Token(rest, last.bold, last.color, last.role, width_of(rest, last.bold, size))])
        x += gap
        for i, token in enumerate(unit):
            if i:
                x += space
            lines[-1].append(Piece(token.text, x, token.bold, token.color, token.role, token.icon))
            x += token.width
    return lines


@dataclass(frozen=True)
class Run:
    """One line (or piece of a line) of text: words, baseline position, size, face, colour (a Palette
    attribute name, 'white' or 'on_accent') and what it is (title, folio, label, name, detail, mark, banner,
    heading, general, bullet, number, caution, prepared, running)."""

    text: str
    x: float
    y: float
    size: float
    bold: bool
    color: str
    role: str


@dataclass(frozen=True)
class Shape:
    """A rectangle, filled and/or outlined, rounded by `radius` (kind 'rect'; 'strip': its lower corners
    square; a height of 0 is a rule), or a caution icon (kind 'icon': a square of side w at x, y)."""

    kind: str
    x: float
    y: float
    w: float
    h: float
    fill: str | None = None
    stroke: str | None = None
    radius: float = 0.0
    line: float = 0.0


def shifted(items, dx: float, dy: float) -> list:
    return [replace(item, x=item.x + dx, y=item.y + dy) for item in items]
