"""The booklet's key to the pictures: a small drawn legend after the glance table, just before the first card.

Each entry is a tiny figure drawn the way the cards draw theirs, showing one thing only, beside a few words:
the paler far side (a side view's far limbs), the outlined working limb, the dashed outline a movement starts
from, and a figure seen from above on its mat. Only the entries the booklet's own figures use are shown, two
to a row, so the key takes about the room of the few lines of text it replaced.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

from handouts.core.errors import Location
from handouts.core.figure import Figure, Hint
from handouts.figures.art import figure_art
from handouts.layouts import styles
from handouts.layouts.figurebox import FigureBox
from handouts.layouts.parts import Paragraph, esc
from handouts.reading.labels import Labels

FIGURE_BOX = (14 * mm, 8 * mm)  # each entry's figure: small, so the key takes the room of a few lines of text
GAP = 2 * mm  # between a figure and its words
KEY_GAP = 2.5 * mm  # above the key
HERE = Location("handouts/layouts/figurekey.py")  # where the legend's own figures are written

# one tiny figure per entry, each showing only its own feature
_WALKING = Figure(  # side view, mid-stride: the far arm and leg drawn paler
    location=HERE,
    limbs={
        "right arm": (-115.0, -105.0),
        "left arm": (-55.0, -30.0),
        "right leg": (-65.0, -95.0),
        "left leg": (-118.0, -110.0, -40.0),
    },
)
_WORKING = Figure(  # front view, the right leg lifted out to the side: outlined as working
    location=HERE,
    view="front",
    limbs={"right arm": (-100.0, -95.0), "right leg": (-140.0, -140.0), "left leg": (-90.0, -90.0)},
    working=("right leg",),
)
_MOVING = Figure(  # lying on the back, a leg raised from the floor (dashed) to the ceiling, with an arrow
    location=HERE,
    spine=(180.0,),
    limbs={"right arm": (-2.0, -2.0), "right leg": (88.0, 88.0, -2.0)},
    ghost={"right leg": (0.0, 0.0)},
    hints=(Hint("arrow", ("ghost right foot", "right foot"), 0.1),),
)
_ABOVE = Figure(  # lying on the back seen from above, on its mat
    location=HERE,
    view="top",
    spine=(180.0,),
    limbs={"right arm": (-150.0, -160.0), "right leg": (-8.0, -4.0)},
)

ENTRIES = (  # (words key, its figure)
    ("figure_legend_far", _WALKING),
    ("figure_legend_working", _WORKING),
    ("figure_legend_ghost", _MOVING),
    ("figure_legend_top", _ABOVE),
)


def used_entries(figures: Sequence[Figure]) -> list[str]:
    """The entries the booklet's figures need: the far side when one is a side view, the outline when one
    names a working limb, the dashed outline when one has a ghost, "seen from above" when one is a top view."""
    used = {
        "figure_legend_far": any(f.view == "side" for f in figures),
        "figure_legend_working": any(f.working for f in figures),
        "figure_legend_ghost": any(f.ghost for f in figures),
        "figure_legend_top": any(f.view == "top" for f in figures),
    }
    return [key for key, _ in ENTRIES if used[key]]


def figure_legend(figures: Sequence[Figure], width: float, words: Labels, s: dict, tones: dict) -> list:
    """The legend for a booklet drawing `figures`, in a frame `width` wide: the entries it uses, two to a row,
    each a tiny figure beside a few words (one line each in English), kept together on one page. Empty when
    none is used."""
    keys = used_entries(figures)
    if not keys:
        return []
    drawn = dict(ENTRIES)
    text_width = width / 2 - FIGURE_BOX[0] - GAP
    cells = [
        [
            FigureBox(figure_art(drawn[key]), *FIGURE_BOX, pad=0.4 * mm, tones=tones),
            Paragraph(esc(words[key]), s["figure_key"]),
        ]
        for key in keys
    ]
    rows = [cells[i] + (cells[i + 1] if i + 1 < len(cells) else ["", ""]) for i in range(0, len(cells), 2)]
    table = Table(rows, colWidths=[FIGURE_BOX[0] + GAP, text_width] * 2, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                styles.TABLE_FONT,
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (1, 0), (1, -1), GAP),
                ("TOPPADDING", (0, 0), (-1, -1), 0.3 * mm),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0.3 * mm),
            ]
        )
    )
    return [Spacer(1, KEY_GAP), KeepTogether([table])]
