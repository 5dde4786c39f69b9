"""The how-to-print sheet that comes with every print file: print, flip, fold, staple, check."""
from __future__ import annotations

from ..labels import ENGLISH, Labels
from . import styles
from .parts import Paragraph, esc


def how_to_print(pages: int, sheets: int, words: Labels = ENGLISH) -> list:
    """One page of numbered steps, with the booklet's own page and sheet counts."""
    s = styles.paragraph_styles()
    out = [Paragraph(esc(words["how_to_print"]), s["heading"]),
           Paragraph(esc(words.booklet_sheets(pages, sheets)), s["body"])]
    out += [Paragraph(esc(step), s["cue"], bulletText=f"{i}.") for i, step in enumerate(words["how_to_print_steps"], 1)]
    out.append(Paragraph(esc(words["how_to_print_single"]), s["note"]))
    return out
