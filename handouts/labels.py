"""The words handouts prints around the author's text: holds ("3 × 30 s"), side markers, series headers.

English only for now; every built-in phrase is made here so that translations have one place to go.
"""
from __future__ import annotations

from .model import Amount, Hold, Side, SideMode

DASH = "\u2013"   # en dash for ranges
TIMES = "\u00d7"  # multiplication sign

SIDE_WORD = {Side.RIGHT: "right", Side.LEFT: "left"}
SIDE_LETTER = {Side.RIGHT: "R", Side.LEFT: "L"}


def _count(amount: Amount, singular: str, plural: str) -> str:
    if amount.is_range:
        return f"{amount.low:g}{DASH}{amount.high:g} {plural}"
    return f"{amount.low:g} {singular if amount.low == 1 else plural}"


def _time_part(seconds: float, minutes: bool) -> tuple[str, str]:
    if minutes and seconds >= 60:
        return f"{seconds / 60:g}", "min"
    return f"{seconds:g}", "s"


def time_label(amount: Amount, in_minutes: bool) -> str:
    """'30 s', '20–30 s', '2 min', '1–2 min', '30 s – 2 min'."""
    low, low_unit = _time_part(amount.low, in_minutes)
    if not amount.is_range:
        return f"{low} {low_unit}"
    high, high_unit = _time_part(amount.high, in_minutes)
    if low_unit == high_unit:
        return f"{low}{DASH}{high} {high_unit}"
    return f"{low} {low_unit} {DASH} {high} {high_unit}"


def hold_label(hold: Hold | None) -> str:
    """The hold as printed in its badge, with the author's 'then' addition."""
    if hold is None:
        return ""
    if hold.open_ended:
        main = "as long as you like"
    elif hold.reps is not None and (hold.seconds or hold.breaths):
        inner = time_label(hold.seconds, hold.in_minutes) if hold.seconds else _count(hold.breaths, "breath", "breaths")
        main = f"{_count(hold.reps, '', '').strip()} {TIMES} {inner}"
    elif hold.reps is not None:
        main = _count(hold.reps, "rep", "reps")
    elif hold.seconds is not None:
        main = time_label(hold.seconds, hold.in_minutes)
    elif hold.breaths is not None:
        main = _count(hold.breaths, "breath", "breaths")
    elif hold.cycles is not None:
        main = _count(hold.cycles, "cycle", "cycles")
    else:
        main = _count(hold.circles, "circle", "circles") + (" each way" if hold.each_way else "")
    if hold.then:
        then = str(hold.then)
        main += f", {then}" if then.lower().startswith("then") else f", then {then}"
    return main


def side_marker(mode: SideMode, order: tuple[Side, ...]) -> str:
    """'Right side first, then left', 'Left side only', 'Alternate sides, right first', or '' (symmetric)."""
    if mode is SideMode.BOTH:
        return f"{SIDE_WORD[order[0]].capitalize()} side first, then {SIDE_WORD[order[1]]}"
    if mode is SideMode.ONE:
        return f"{SIDE_WORD[order[0]].capitalize()} side only"
    if mode is SideMode.ALTERNATE:
        return f"Alternate sides, {SIDE_WORD[order[0]]} first"
    return ""


def series_side_marker(mode: SideMode, order: tuple[Side, ...]) -> str:
    """The side of a step inside a series: the whole series is one round per side."""
    if mode is SideMode.BOTH:
        return f"Round 1: {SIDE_WORD[order[0]]} side \u00b7 Round 2: {SIDE_WORD[order[1]]} side"
    return side_marker(mode, order)


def side_badge(mode: SideMode, order: tuple[Side, ...]) -> str:
    """The short form: 'R → L', 'L only', 'R ↔ L'."""
    if mode is SideMode.BOTH:
        return f"{SIDE_LETTER[order[0]]} \u2192 {SIDE_LETTER[order[1]]}"
    if mode is SideMode.ONE:
        return f"{SIDE_LETTER[order[0]]} only"
    if mode is SideMode.ALTERNATE:
        return f"{SIDE_LETTER[order[0]]} \u2194 {SIDE_LETTER[order[1]]}"
    return ""


def series_header(first: str, last: str, mode: SideMode, order: tuple[Side, ...]) -> str:
    """'5a–5c: do all of them on the right side, then all on the left.'"""
    span = first if first == last else f"{first}{DASH}{last}"
    if mode is SideMode.BOTH:
        return f"{span}: do all of them on the {SIDE_WORD[order[0]]} side, then all on the {SIDE_WORD[order[1]]}."
    if mode is SideMode.ONE:
        return f"{span}: on the {SIDE_WORD[order[0]]} side only."
    return f"{span}: one after the other."


def repeat_name(name: str) -> str:
    return f"{name}, again"


def minutes_label(seconds: float) -> str:
    """'about 25 min' for estimates."""
    minutes = max(1, round(seconds / 60))
    return f"about {minutes} min"


def figure_captions(mode: SideMode, order: tuple[Side, ...]) -> list[str]:
    """Captions under a step's figures, one per side drawn: 'Right side first', 'then left side'."""
    if mode in (SideMode.NONE, SideMode.ALTERNATE) or not order:
        return [""]
    if len(order) == 1:
        return [f"{SIDE_WORD[order[0]].capitalize()} side only"]
    return [f"{SIDE_WORD[order[0]].capitalize()} side first", f"then {SIDE_WORD[order[1]]} side"]


PRACTICE_LOG = "Practice log"
PRACTICE_LOG_HINT = "Tick a box each day you practise. Note how you feel, what eased, what to ask next time."
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
WEEK = "Week"
NOTES = "Notes"
DISCLAIMER = ("This booklet is a reminder of what you practised with your teacher, not medical advice. Move "
              "gently and within what feels comfortable. Stop and seek advice if pain increases, if you feel "
              "numbness, tingling or dizziness, or if you are unsure whether an exercise suits you.")


def one_side_marker(side: Side, position: int, order: tuple[Side, ...]) -> str:
    """On a card laid out for one side: 'Right side first (the left side is on the next card)', 'Left side
    second, after the right'."""
    if position == 0:
        return f"{SIDE_WORD[side].capitalize()} side first (then the {SIDE_WORD[order[1]]} side, on the next card)"
    return f"{SIDE_WORD[side].capitalize()} side second, after the {SIDE_WORD[order[0]]}"


def round_header(number: int, side: Side) -> str:
    """'Round 1: right side' (a series laid out once per side)."""
    return f"Round {number}: {SIDE_WORD[side]} side"


HOW_TO_PRINT = "How to print and fold the booklet"
HOW_TO_PRINT_STEPS = (
    "Open booklet-print.pdf. Each sheet of paper carries four booklet pages, two on each side.",
    "In the print dialogue choose actual size (100 %, no \u201cfit to page\u201d), landscape, and "
    "two-sided printing that flips on the short edge.",
    "Print. Keep the sheets in the order they come out of the printer, face up as they land.",
    "Fold the stack in half along the middle, the cover outwards, and press the fold flat.",
    "Staple twice along the fold (a long-reach stapler helps), or sew it with a needle and thread.",
    "Check: the pages should run 1, 2, 3 ... in order. If every second page is upside down, print again "
    "choosing flip on the long edge; your printer names the edges the other way round.",
)
HOW_TO_PRINT_SINGLE = ("No two-sided printing? Print the odd sheets' sides first (pages 1, 3, 5 ... of the print "
                       "file), put the printed stack back in the tray so the blank sides get printed, then print "
                       "the even ones (2, 4, 6 ...). Try it with the first two pages before printing them all.")


CONTINUED = "continued"
CONTINUED_NEXT = "continued on the next page \u2192"


PROPS = "Props"
CAUTION = "Caution"


def series_step_badge(mode: SideMode, order: tuple[Side, ...]) -> str:
    """A series step's side in short: 'R, then L (by rounds)'."""
    if mode is SideMode.BOTH:
        return f"{SIDE_LETTER[order[0]]}, then {SIDE_LETTER[order[1]]} (by rounds)"
    return side_badge(mode, order)


PHOTO_OTHER_SIDE = "The photo shows the right side: do the mirror image of it."
