"""The how-to-print sheet that comes with every print file: print, flip, fold, staple, check."""
from __future__ import annotations

from .. import labels
from . import styles
from .parts import Paragraph, esc


def how_to_print(pages: int, sheets: int) -> list:
    """One page of numbered steps, with the booklet's own page and sheet counts."""
    s = styles.paragraph_styles()
    out = [Paragraph(esc(labels.HOW_TO_PRINT), s["heading"]),
           Paragraph(esc(f"This booklet has {pages} pages on {sheets} sheet{'s' if sheets != 1 else ''} of paper."),
                     s["body"])]
    out += [Paragraph(esc(step), s["cue"], bulletText=f"{i}.") for i, step in enumerate(labels.HOW_TO_PRINT_STEPS, 1)]
    out.append(Paragraph(esc(labels.HOW_TO_PRINT_SINGLE), s["note"]))
    return out
