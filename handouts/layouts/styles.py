"""Every font, size, colour and spacing the layouts use. Layouts never hard-code them.

Sizes are in points. Body text is at least 12 pt and cues at least 11 pt; only folios go below 10 pt (and a
cheat sheet too long for 10 pt on two pages, down to 8 pt).
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, A5, LETTER, inch
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from handouts.layouts import fonts

HALF_LETTER = (5.5 * inch, 8.5 * inch)


@dataclass(frozen=True)
class PageSpec:
    """A booklet page: its size and margins (points)."""

    name: str
    size: tuple[float, float]
    left: float = 14 * mm
    right: float = 14 * mm
    top: float = 16 * mm
    bottom: float = 16 * mm

    @property
    def frame_width(self) -> float:
        return self.size[0] - self.left - self.right

    @property
    def frame_height(self) -> float:
        return self.size[1] - self.top - self.bottom


# the booklet's margins: 12 mm at the sides (the fold of a booklet of a few sheets needs no more), 14 mm above and
# below, where the running header and the page number sit at least 7 mm from the edge
BOOKLET_PAGES = {
    "a4": PageSpec("A5", A5, 12 * mm, 12 * mm, 14 * mm, 14 * mm),
    "letter": PageSpec("half-letter", HALF_LETTER, 12 * mm, 12 * mm, 14 * mm, 14 * mm),
}
PRINT_SHEETS = {"a4": (A4[1], A4[0]), "letter": (LETTER[1], LETTER[0])}  # landscape sheets for the print file
CHEAT_PAGES = {
    "a4": (
        PageSpec("A4", A4, 12 * mm, 12 * mm, 12 * mm, 14 * mm),
        PageSpec("A4 landscape", (A4[1], A4[0]), 12 * mm, 12 * mm, 12 * mm, 14 * mm),
    ),
    "letter": (
        PageSpec("Letter", LETTER, 12 * mm, 12 * mm, 12 * mm, 14 * mm),
        PageSpec("Letter landscape", (LETTER[1], LETTER[0]), 12 * mm, 12 * mm, 12 * mm, 14 * mm),
    ),
}
SHEET_PAGES = {"a4": PageSpec("A4", A4, top=18 * mm), "letter": PageSpec("Letter", LETTER, top=18 * mm)}

# colours: dark text, one accent, and a caution tone that still reads in grayscale
INK = colors.HexColor("#1d1d1b")
MUTED = colors.HexColor("#55565a")
ACCENT = colors.HexColor("#1f5f6b")
ACCENT_LIGHT = colors.HexColor("#e3eff1")
CAUTION = colors.HexColor("#8a3b00")
CAUTION_LIGHT = colors.HexColor("#fbefe4")
RULE = colors.HexColor("#b9bcc0")

FOLIO_SIZE = 9
BODY_SIZE = 12
CUE_SIZE = 12
SMALL_SIZE = 11
NAME_SIZE = 16
BADGE_SIZE = 15
TITLE_SIZE = 28
HEADING_SIZE = 17

CARD_GAP = 7 * mm
CAUTION_ICON = 5.5 * mm
LOGO_BOX = (45 * mm, 22 * mm)  # the studio logo on the cover, fitted inside
BESIDE_MAX_SHARE = 0.6  # figure and cues side by side while that part stays under this share of a page
NOTES_LINE_GAP = 9 * mm
NOTES_LEAST = 3  # fewer lines for notes under the practice log are not worth their heading
LOG_WEEKS = 6
LOG_ROOM = 85 * mm  # the practice log follows the last card when this much of its page is left
TICK_BOX = 5 * mm
BADGE_DIAMETER = 11 * mm
BADGE_PAD = 1.5 * mm  # inside a number badge wider than it is tall ('15a'), either side of the number
IMAGE_MAX_HEIGHT = 55 * mm


@dataclass(frozen=True)
class Palette:
    """The colours of one build: the defaults above, a studio's accent, or all in grey (ink saver)."""

    ink: colors.Color
    muted: colors.Color
    accent: colors.Color
    accent_light: colors.Color
    caution: colors.Color
    caution_light: colors.Color
    rule: colors.Color
    figure: dict  # figure tone name -> colour
    grey: bool = False  # images go grey too


def _mix(color: colors.Color, other: colors.Color, share: float) -> colors.Color:
    """`color` with `share` of `other` mixed in."""
    return colors.Color(*(a + (b - a) * share for a, b in zip(color.rgb(), other.rgb())))


def _grey(color: colors.Color) -> colors.Color:
    r, g, b = color.rgb()
    level = 0.299 * r + 0.587 * g + 0.114 * b
    return colors.Color(level, level, level)


def palette(accent: str | None = None, grayscale: bool = False) -> Palette:
    """The palette for a studio accent ('#rrggbb') and the ink-saver choice."""
    main = colors.HexColor(accent) if accent else ACCENT
    light = ACCENT_LIGHT if not accent else _mix(main, colors.white, 0.86)
    figure = {
        **FIGURE_TONES,
        "hint": main,
        "ghost": _mix(main, colors.white, 0.45),
        "work": main,
        "work_fill": _mix(main, colors.white, WORK_FILL),
        "ghost_fill": _mix(main, colors.white, GHOST_FILL),
    }
    chosen = Palette(INK, MUTED, main, light, CAUTION, CAUTION_LIGHT, RULE, figure)
    if not grayscale:
        return chosen
    return Palette(
        _grey(chosen.ink),
        _grey(chosen.muted),
        _grey(chosen.accent),
        _grey(chosen.accent_light),
        _grey(chosen.caution),
        _grey(chosen.caution_light),
        _grey(chosen.rule),
        {name: _grey(c) for name, c in figure.items()},
        grey=True,
    )


def _style(name: str, size: float, *, font: str = "", leading: float = 0, color=INK, **kw) -> ParagraphStyle:
    family = fonts.register()
    return ParagraphStyle(
        name,
        fontName=font or family,
        bulletFontName=font or family,
        bulletFontSize=size,
        fontSize=size,
        leading=leading or size * 1.25,
        textColor=color,
        alignment=kw.pop("alignment", TA_LEFT),
        **kw,
    )


def paragraph_styles(p: Palette | None = None) -> dict[str, ParagraphStyle]:
    p = p or DEFAULT_PALETTE
    INK, MUTED, ACCENT, RULE = p.ink, p.muted, p.accent, p.rule
    bold = f"{fonts.FAMILY}-Bold"
    italic = f"{fonts.FAMILY}-Italic"
    return {
        "title": _style("title", TITLE_SIZE, font=bold, leading=TITLE_SIZE * 1.1, color=ACCENT, spaceAfter=4 * mm),
        "subtitle": _style("subtitle", 15, color=MUTED, spaceAfter=8 * mm),
        "cover_line": _style("cover_line", BODY_SIZE + 1, spaceAfter=2 * mm),
        "heading": _style("heading", HEADING_SIZE, font=bold, color=ACCENT, spaceBefore=5 * mm, spaceAfter=2 * mm),
        "body": _style("body", BODY_SIZE, spaceAfter=2 * mm),
        "bullet": _style("bullet", BODY_SIZE, leftIndent=5 * mm, bulletIndent=0, spaceAfter=1.5 * mm),
        "glance": _style("glance", SMALL_SIZE, leading=SMALL_SIZE * 1.2),
        "glance_bold": _style("glance_bold", SMALL_SIZE, font=bold, leading=SMALL_SIZE * 1.2),
        "series": _style("series", BODY_SIZE + 1, font=bold, color=ACCENT, spaceBefore=2 * mm, spaceAfter=1 * mm),
        "series_title": _style("series_title", HEADING_SIZE, font=bold, color=ACCENT, spaceAfter=1 * mm),
        "series_note": _style("series_note", BODY_SIZE, color=INK, spaceAfter=1.5 * mm),
        "badge": _style(
            "badge", BADGE_SIZE, font=bold, color=colors.white, alignment=TA_CENTER, leading=BADGE_SIZE * 1.1
        ),
        "name": _style("name", NAME_SIZE, font=bold, leading=NAME_SIZE * 1.15),
        "sanskrit": _style("sanskrit", BODY_SIZE, font=italic, color=MUTED),
        # Devanagari: the one shaped font; a little room above for the vowel signs and reph over the letters
        "devanagari": _style(
            "devanagari",
            BODY_SIZE,
            font=fonts.DEVANAGARI,
            color=MUTED,
            leading=BODY_SIZE * 1.3,
            spaceBefore=1,
            shaping=1,
        ),
        "meta": _style("meta", BODY_SIZE, font=bold, color=ACCENT, spaceBefore=1.5 * mm, spaceAfter=1.5 * mm),
        "cue": _style("cue", CUE_SIZE, leftIndent=7 * mm, bulletIndent=0, spaceAfter=1 * mm),
        "caution": _style("caution", SMALL_SIZE + 1, color=INK, leading=(SMALL_SIZE + 1) * 1.25),
        "variation": _style("variation", SMALL_SIZE + 1, spaceBefore=1 * mm),
        "chosen": _style(
            "chosen",
            BODY_SIZE,
            backColor=p.accent_light,
            borderPadding=(1.2 * mm, 1.5 * mm),
            spaceBefore=2.5 * mm,
            spaceAfter=1.5 * mm,
            leftIndent=1.5 * mm,
            rightIndent=1.5 * mm,
        ),
        "for_whom": _style("for_whom", BODY_SIZE + 2, font=bold, color=ACCENT, spaceBefore=6 * mm, spaceAfter=1 * mm),
        "personal_note": _style(
            "personal_note",
            BODY_SIZE,
            leftIndent=5 * mm,
            bulletIndent=0,
            spaceAfter=1.5 * mm,
            backColor=p.accent_light,
            borderPadding=(1 * mm, 1.5 * mm, 1 * mm, 1.5 * mm),
        ),
        "note": _style("note", SMALL_SIZE + 1, font=italic, color=MUTED, spaceBefore=1 * mm),
        "figure_key": _style("figure_key", SMALL_SIZE, color=MUTED, leading=SMALL_SIZE * 1.2),  # the legend's words
        "caption": _style("caption", SMALL_SIZE, color=MUTED, alignment=TA_CENTER, leading=SMALL_SIZE * 1.2),
        "sheet_id": _style("sheet_id", 9, font=bold, leading=10.5, embeddedHyphenation=1),
        "sheet_name": _style("sheet_name", 9, color=MUTED, leading=10.5),
        "disclaimer": _style(
            "disclaimer",
            SMALL_SIZE + 1,
            color=MUTED,
            leading=(SMALL_SIZE + 1) * 1.3,
            borderColor=RULE,
            borderWidth=0.6,
            borderPadding=3 * mm,
        ),
        "continued": _style("continued", SMALL_SIZE, font=italic, color=MUTED, alignment=TA_RIGHT, spaceBefore=1 * mm),
        "continued_head": _style("continued_head", BODY_SIZE + 1, font=bold, color=ACCENT, spaceAfter=1.5 * mm),
        "transition": _style("transition", SMALL_SIZE, font=italic, color=MUTED, spaceBefore=2 * mm),
    }


FOLIO_FONT = fonts.FAMILY

# pose figures: near limbs in full ink, far limbs at about 40 % tone, props and ground quieter, hints in accent; a
# working limb outlined in the accent over a light accent fill (in grey: a dark outline round a pale limb); a
# ghost a dashed accent outline over a faint fill; paper: the thin edge that parts a near limb from the trunk
WORK_FILL = 0.3  # share of white in a working limb's fill
GHOST_FILL = 0.9  # ... and in a ghost's
FIGURE_TONES = {
    "near": INK,
    "far": colors.HexColor("#b6b6b4"),
    "prop": colors.HexColor("#6f757c"),
    "prop_fill": colors.HexColor("#e4e7ea"),
    "ground": colors.HexColor("#a3a7ac"),
    "mat": colors.HexColor("#f1f2f3"),
    "paper": colors.white,
    "hint": ACCENT,
    "ghost": colors.HexColor("#7fa7ae"),
    "ghost_fill": _mix(ACCENT, colors.white, GHOST_FILL),
    "work": ACCENT,
    "work_fill": _mix(ACCENT, colors.white, WORK_FILL),
}
FIGURE_PAD = 1.5 * mm
# the boxes figures are drawn in: (width, height) in points, for every product that shows them
FIGURE_BOXES = {
    "booklet": (42 * mm, 27 * mm),
    "sheet": (32 * mm, 23 * mm),  # the pose catalogue (contact sheet)
    "cheatsheet": (44 * mm, 31 * mm),  # the largest thumbnail; narrower columns shrink it
    "matcard": (66 * mm, 46 * mm),
}
FIGURE_GAP = 2  # points either side of a figure in a row of them
SHEET_GAP = 2 * mm  # padding of a contact-sheet cell
SHEET_FIGURE_RATIO = (
    0.72  # a contact-sheet figure box: height / width  # space kept clear around a figure inside its box
)


def hex_of(color) -> str:
    """'#1f5f6b': a colour as paragraph markup writes it."""
    return "#" + color.hexval()[2:]


DEFAULT_PALETTE = palette()


# -- cheat sheet ------------------------------------------------------------------------------------------
# (step names, everything else) in points, tried largest first. The second is the sheet's body size: side and
# hold, caution marks and the cautions' words, facts, notes; it never goes below the floor for the step count.
CHEAT_SIZES = (
    (30, 24),
    (28, 23),
    (26, 21.5),
    (24, 20),
    (22, 18.5),
    (20, 17),
    (18, 15.5),
    (17, 14.5),
    (16, 14),
    (15, 13),
    (14, 12.5),
    (13, 12),
    (12, 12),
    (11.5, 11),
    (11, 10.5),
    (10.5, 10),
    (10, 10),
    (9.5, 9),
    (9, 8.5),
    (8.5, 8),
    (8, 8),
)
CHEAT_FLOOR = 12  # the smallest text on a one-page sheet of up to CHEAT_FLOOR_STEPS numbered steps
CHEAT_FLOOR_STEPS = 20
CHEAT_FLOOR_LONG = 10  # ... and on a longer one
CHEAT_ONE_PAGE_STEPS = 30  # more steps than this take two pages
CHEAT_FLOOR_PAGES = 8  # the smallest text on a sheet that takes two pages (one that would need less is an error)
CHEAT_TITLE_EXTRA, CHEAT_TITLE_MAX = 7, 36  # the title: the step names' size and this much more, at most the max
CHEAT_LEADING = {"title": 1.1, "name": 1.15, "body": 1.22}
CHEAT_COLUMNS = (1, 2, 3, 4, 5, 6)
CHEAT_TEXT_MIN = 50 * mm  # no column of text narrower (a step's name beside its number, a caution's words)
CHEAT_FIGURE_ASPECT = FIGURE_BOXES["cheatsheet"][0] / FIGURE_BOXES["cheatsheet"][1]  # a figure box: width / height
CHEAT_FIGURE_SCALE = (3.2, 11.0)  # a figure box is this many times the step names' size wide, smallest to largest
CHEAT_FIGURE_MIN = 15 * mm  # ... and never narrower than this
CHEAT_FIGURE_STEP = 0.9  # figure widths tried: each this share of the one before
CHEAT_GUTTER = 5 * mm  # between columns
CHEAT_INSET = 2.5 * mm  # the grid's room on either side, where a series' frame is drawn
CHEAT_FIGURE_GAP = 3 * mm  # between a figure and its text
CHEAT_ROW_PAD = 0.3  # space above and below each row of steps, per point of the step names' size
CHEAT_BAND_PAD = 1.2 * mm  # above and below a series' banner
CHEAT_STRETCH = 1.0  # at most this much (per point of name size) added to each gap when the page has room
CHEAT_HYPHENATE = 14  # a word this long (letters) may be hyphenated when it is wider than its column
CHEAT_ICON_EM = 1.05  # the caution icon's width per point of type size
CHEAT_RULE, CHEAT_FRAME, CHEAT_HEAD_RULE = 0.5, 0.9, 1.2  # line widths: rows, frames, under the title
CHEAT_NOTES_PAD = 2.5 * mm  # inside the client's notes frame


# -- the mat card: large print read from the floor, 1.5-2 m away ----------------------------------------------
MAT_PAGES = {
    "a4": PageSpec("A4 landscape", (A4[1], A4[0]), 10 * mm, 10 * mm, 10 * mm, 10 * mm),
    "letter": PageSpec("Letter landscape", (LETTER[1], LETTER[0]), 10 * mm, 10 * mm, 10 * mm, 10 * mm),
}
MAT_MAX_CELLS = 6  # step cells on a page at most (2 rows of 3)
MAT_SERIES_CUT = 6  # choosing pages: a series cut by a page costs as much as this much less even a split
# the grids a page of n cells may take, (rows, columns): the one with the larger pictures is chosen
MAT_GRIDS = {1: ((1, 1),), 2: ((1, 2), (2, 1)), 3: ((1, 3), (3, 1)), 4: ((2, 2),), 5: ((2, 3),), 6: ((2, 3),)}
# type sizes by the grid's columns: (number and name, side badge and hold); 28 and 20 pt are the floor
MAT_SIZES = {3: (28, 20), 2: (32, 22), 1: (36, 24)}
MAT_NAME_LEADING = 1.0
MAT_DETAIL_LEADING = 1.08
MAT_HYPHENATE = 6  # a word this long (letters) may be hyphenated between syllables when wider than its line
MAT_CAUTION_SIZE = 16  # the words of the cautions, at the foot of the page (never smaller)
MAT_CAUTION_LEADING = 1.12
MAT_BANNER_SIZE = 18  # a series' banner
MAT_TITLE_SIZE = 24  # the title on the first page
MAT_RUNNING_SIZE = 12  # the running title and the folio
MAT_GUTTER = 5 * mm  # between cells, across and down
MAT_CELL_PAD = 2.5 * mm
MAT_CELL_RADIUS = 2.5 * mm
MAT_CELL_LINE = 0.8  # the cell's outline (points)
MAT_BAND_PAD = 2.2 * mm  # a series' tinted band around its cells (inside the gutter)
MAT_STRIP_PAD = 1.6 * mm  # around the banner's words in its strip
MAT_SECTION_GAP = 3 * mm  # header to grid, grid to the cautions
MAT_TEXT_GAP = 1 * mm  # name to badge line, text to figure
MAT_MIN_FIGURE = 20 * mm  # a picture is never lower than this unless as wide as its cell (else another page)
MAT_NOTE_GAP = 0.8 * mm  # between two cautions at the foot
MAT_CHOSEN_PAD = 1.2 * mm  # around a client's chosen variation in its cell
MAT_COLUMN_GAP = 8 * mm  # between the two columns of cautions
# the mat card draws its own lines of text, in the family's regular and bold faces (layouts/mattext.py)


# -- the how-to-print page: a diagram of the booklet's sheets above the steps --------------------------------
PRINT_NUMBER_SIZE = 20  # page numbers on the large drawing of sheet 1
PRINT_GRID_SIZES = (16, 14, 13, 12, 11, 10)  # page numbers on the other sheets: the largest that fits is used
PRINT_LABEL_SIZE = 12  # "Sheet 1 · front", "Sheet 2"
PRINT_NOTE_SIZE = 11  # "flip on the short edge", "fold", "staples", the stack's caption
PRINT_BIG_SCALES = (1.0, 0.85, 0.7)  # sheet 1's drawing shrinks by these steps when many sheets must fit
PRINT_STACK_SHARE = 0.23  # the folded stack's share of the diagram's width
PRINT_FLIP_SHARE = 0.25  # the flip arrow's share of what is left for sheet 1's front and back
PRINT_FLIP_PAD = 5  # points kept clear between the flip arrow's words and the sheets either side
PRINT_OUTLINE = 0.8  # a sheet's outline
PRINT_FOLD_DASH = (3, 2)  # the fold line: dash, gap
PRINT_FOLD_OVERHANG = 4  # the fold line runs this far past the sheet's edges
PRINT_STAPLE = (12, 2.2)  # a staple: length, thickness
PRINT_ARROW = 1.6  # the flip arrow's line width
PRINT_GAP = 5 * mm  # between the parts of the diagram
PRINT_CELL_GAP = (5 * mm, 3 * mm)  # between the small sheets: across, down
PRINT_PAIR_GAP = 2 * mm  # between a small sheet's front and back


def print_styles(p: Palette | None = None) -> dict[str, ParagraphStyle]:
    """The how-to-print diagram's labels (never below 10 pt)."""
    p = p or DEFAULT_PALETTE
    bold = f"{fonts.FAMILY}-Bold"
    note = PRINT_NOTE_SIZE
    return {
        "label": _style(
            "print_label",
            PRINT_LABEL_SIZE,
            font=bold,
            color=p.accent,
            alignment=TA_CENTER,
            leading=PRINT_LABEL_SIZE * 1.2,
        ),
        "cell": _style("print_cell", PRINT_NOTE_SIZE, font=bold, color=p.ink, leading=note * 1.2),
        "flip": _style("print_flip", note, font=bold, color=p.accent, alignment=TA_CENTER, leading=note * 1.2),
        "note": _style("print_note", note, color=p.muted, alignment=TA_CENTER, leading=note * 1.2),
        "caption": _style("print_caption", note, font=bold, color=p.muted, leading=note * 1.2),
        "blank": _style("print_blank", note, color=p.muted, leading=note * 1.25),
    }


# -- the booklet ---------------------------------------------------------------------------------------------
# Cards pack two to a page when both fit, so the spacing is kept tight but clear: every text the student reads
# stays at 12 pt (the name at 16 pt), set at 1.2 times its size.
TABLE_FONT = ("FONTNAME", (0, 0), (-1, -1), fonts.FAMILY)  # a table's own font (else Helvetica, not embedded)
CARD_GAP_BOOKLET = 5 * mm  # between two cards on a page, above the line that opens the next
CARD_RULE = 0.8  # the line above each card's head: where one card ends and the next begins
CARD_HEAD_PAD = 2.2 * mm  # from that line to the number badge
BADGE_TO_NAME = 2.5 * mm  # from the number badge to the name and badge line beside it
ROW_FIGURE_BOX = (46 * mm, 23 * mm)  # a two-sided step's figures side by side (narrower pages shrink the width)
ROW_FIGURE_GAP = 4 * mm  # between the two figures of a row
FIGURES_TO_CUES = 1.5 * mm  # from a figure row (or photo) to the cues under it
FIGURE_TO_TEXT = 2.5 * mm  # from a figure to the cues beside it
PAIR_BESIDE_SHARE = 0.5  # two narrow figures (standing, seen from above) sit beside the cues within this share
WRAP_OVERSHOOT = 1.5  # a cue beside a figure may run this many lines past its foot; a longer one starts below
PILL_UNBROKEN = 24  # a badge or hold of up to this many characters is never broken over two lines
CHOSEN_BAR = 3  # points: the accent bar at the left of a client's own variation
NOTES_BOX_RULE = 0.8  # the frame of a client's notes
GLANCE_MIN_START = 40 * mm  # a glance table breaking over pages starts on a page with this much room left
GLANCE_SPLIT_ROOM = 0.35  # a glance table that fits a page breaks over two only from this share of a page left
GLANCE_KEEP_ROWS = 3  # a glance table broken over pages leaves at least this many rows on either page
GLANCE_HOLD_CHARS = (
    80  # a hold longer than this (a long "then" text) is shortened in the glance table, whole on its card
)
GLANCE_MIN_NAME_SHARE = 0.4  # the glance table's name column keeps at least this share of the width
COMPACT_PICTURES = 0.75  # a card a little taller than a page draws its pictures at this scale to fit it
CARD_LEADING = 1.2  # line height of a card's texts, times their size
VIDEO_CODE = 18 * mm  # a step's video: the QR code's side at the card's top right corner (its label under it)
VIDEO_MODULES = 60  # at most this many squares a side at error correction M (0.3 mm each), else L
VIDEO_TO_NAME = 3 * mm  # from the name and badge line to the QR code: more than its quiet zone of 4 modules
VIDEO_LABEL_GAP = 1.2 * mm  # from the QR code to its label
VIDEO_UNDERLINE = 0.6  # points: the line under a cheat sheet step's name that links to its video


def booklet_styles(p: Palette | None = None) -> dict[str, ParagraphStyle]:
    """The booklet's own styles, over `paragraph_styles`: section headings under a page heading, the client's
    notes box and its signature, a card's texts (a client's variation under the hold, cues, note, cautions,
    variations, the transition at the card's foot)."""
    p = p or DEFAULT_PALETTE
    bold = f"{fonts.FAMILY}-Bold"
    italic = f"{fonts.FAMILY}-Italic"
    body, lead = BODY_SIZE, BODY_SIZE * CARD_LEADING
    return {
        "section": _style("section", body + 2, font=bold, color=p.accent, spaceBefore=3.5 * mm, spaceAfter=1.2 * mm),
        "notes_heading": _style("notes_heading", body + 2, font=bold, color=p.accent, spaceAfter=1.2 * mm),
        "personal_note": _style("booklet_personal_note", body, leftIndent=5 * mm, bulletIndent=0, spaceAfter=1 * mm),
        "signature": _style("signature", body, font=italic, color=p.muted, alignment=TA_RIGHT, spaceBefore=1 * mm),
        "chosen": _style("booklet_chosen", body, leading=lead),
        "meta": _style("booklet_meta", body, font=bold, color=p.accent, spaceBefore=0.8 * mm, spaceAfter=1 * mm),
        "cue": _style(
            "booklet_cue",
            CUE_SIZE,
            leading=CUE_SIZE * CARD_LEADING,
            leftIndent=6 * mm,
            bulletIndent=0,
            spaceAfter=0.7 * mm,
        ),
        "note": _style("booklet_note", body, font=italic, color=p.muted, leading=lead, spaceBefore=0.8 * mm),
        "caution": _style("booklet_caution", body, color=p.ink, leading=lead),
        "variation": _style("booklet_variation", body, leading=lead, spaceBefore=0.8 * mm),
        "transition": _style(
            "booklet_transition",
            SMALL_SIZE,
            font=italic,
            color=p.muted,
            leading=SMALL_SIZE * CARD_LEADING,
            spaceBefore=1.5 * mm,
        ),
        "series_title": _style(
            "booklet_series_title", HEADING_SIZE - 1, font=bold, color=p.accent, leading=(HEADING_SIZE - 1) * 1.15
        ),
        "series": _style("booklet_series", body, font=bold, color=p.accent, leading=lead, spaceAfter=0.5 * mm),
        "series_note": _style("booklet_series_note", body, leading=lead, spaceAfter=1.2 * mm),
    }


# -- the programme guidebook (issue 21): the booklet's pages, cards and styles, with a few of its own ----------
GUIDE_SEGMENT_SIZE = 24  # "Weeks 4-6" at the top of a segment's first page
GUIDE_REF_GAP = 6 * mm  # between two entries of the pose reference
GUIDE_INDEX_GAP = 5 * mm  # between the index's English and Sanskrit halves
GUIDE_PAGE_COLUMN = 12 * mm  # the page numbers' column of the index and the contents
GUIDE_MARK_PAD = 1.5  # points: the room inside a NEW or CHANGED badge either side of its word
GUIDE_PAGE_DIGITS = "000"  # what a page number not known yet is drawn as (as wide as the widest real one)
# the progression table: type sizes tried, largest first; never below 8 pt
PROGRESSION_SIZES = (11, 10, 9.5, 9, 8.5, 8)
PROGRESSION_SHEET_SIZES = (16, 15, 14, 13, 12, 11, 10, 9, 8)  # ... on its own A4 or Letter landscape page
PROGRESSION_NAME_SHARE = 0.3  # the steps' column: this share of the table's width
PROGRESSION_SHEETS = {
    "a4": PageSpec("A4 landscape", (A4[1], A4[0]), 12 * mm, 12 * mm, 14 * mm, 14 * mm),
    "letter": PageSpec("Letter landscape", (LETTER[1], LETTER[0]), 12 * mm, 12 * mm, 14 * mm, 14 * mm),
}


def guidebook_styles(p: Palette | None = None) -> dict[str, ParagraphStyle]:
    """The guidebook's own styles, over the booklet's: a segment's weeks and title, the line under a card's head
    (its NEW or CHANGED badge and "see page N"), the reference entries' names, the index and contents rows."""
    p = p or DEFAULT_PALETTE
    bold = f"{fonts.FAMILY}-Bold"
    italic = f"{fonts.FAMILY}-Italic"
    body = BODY_SIZE
    return {
        "segment_weeks": _style(
            "guide_weeks", GUIDE_SEGMENT_SIZE, font=bold, color=p.accent, leading=GUIDE_SEGMENT_SIZE * 1.15
        ),
        "segment_title": _style("guide_segment_title", 15, color=p.muted, spaceAfter=4 * mm),
        "card_line": _style("guide_card_line", SMALL_SIZE, color=p.muted, leading=SMALL_SIZE * 1.4, spaceAfter=1 * mm),
        "ref_name": _style("guide_ref_name", NAME_SIZE, font=bold, color=p.ink, leading=NAME_SIZE * 1.15),
        "ref_also": _style("guide_ref_also", SMALL_SIZE, font=italic, color=p.muted, spaceAfter=0.5 * mm),
        "ref_weeks": _style("guide_ref_weeks", SMALL_SIZE, color=p.accent, spaceAfter=1 * mm),
        "row": _style("guide_row", SMALL_SIZE, leading=SMALL_SIZE * 1.25),
        "row_italic": _style("guide_row_italic", SMALL_SIZE, font=italic, leading=SMALL_SIZE * 1.25),
        "row_page": _style("guide_row_page", SMALL_SIZE, font=bold, alignment=TA_RIGHT, leading=SMALL_SIZE * 1.25),
        "contents": _style("guide_contents", body, leading=body * 1.3),
        "contents_page": _style("guide_contents_page", body, font=bold, alignment=TA_RIGHT, leading=body * 1.3),
        "index_letter": _style("guide_index_letter", body, font=bold, color=p.accent, spaceBefore=2 * mm),
    }


def progression_styles(size: float, p: Palette | None = None) -> dict[str, ParagraphStyle]:
    """The progression table's cells at `size` points (PROGRESSION_SIZES): steps, weeks, holds, added / removed."""
    p = p or DEFAULT_PALETTE
    bold = f"{fonts.FAMILY}-Bold"
    italic = f"{fonts.FAMILY}-Italic"
    lead = size * 1.18
    return {
        "head": _style("progression_head", size, font=bold, color=p.accent, leading=lead),
        "name": _style("progression_name", size, font=bold, leading=lead),
        "cell": _style("progression_cell", size, leading=lead),
        "added": _style("progression_added", size, font=bold, leading=lead),
        "removed": _style("progression_removed", size, font=italic, color=p.muted, leading=lead),
    }
