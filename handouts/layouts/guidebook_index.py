"""The guidebook's index: every pose by each English name the programme gives it and by its Sanskrit (IAST)
name, alphabetical (accents and case set aside), each with the page of its reference entry, a link to it.
"""

from __future__ import annotations

from reportlab.platypus import CondPageBreak, PageBreak, Table, TableStyle

from handouts.layouts import styles
from handouts.layouts.guidebook_pages import Pages
from handouts.layouts.guidebook_reference import Entry, folded
from handouts.layouts.guidebook_words import words
from handouts.layouts.parts import Bookmark, Paragraph, esc


def index_rows(entries: list[Entry]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(English rows, Sanskrit rows), each (name, the entry's anchor), alphabetical."""
    english = sorted(
        {(name, entry.anchor) for entry in entries for name in entry.names}, key=lambda r: (folded(r[0]), r)
    )
    sanskrit = sorted(
        {(str(e.step.sanskrit), e.anchor) for e in entries if e.step.sanskrit}, key=lambda r: (folded(r[0]), r)
    )
    return english, sanskrit


def index_story(entries: list[Entry], width: float, s: dict, p: styles.Palette, pages: Pages) -> list:
    english, sanskrit = index_rows(entries)
    out: list = [
        PageBreak(),
        pages.note("index"),
        Bookmark("index", words("index"), 0),
        Paragraph(esc(words("index")), s["heading"]),
    ]
    for title, rows, style in (
        (words("index_english"), english, s["row"]),
        (words("index_sanskrit"), sanskrit, s["row_italic"]),
    ):
        if not rows:
            continue
        # the section's heading never ends a page alone
        out += [CondPageBreak(styles.GUIDE_INDEX_START), Paragraph(esc(title), s["section"])]
        out.append(_rows(rows, width, style, s, p, pages))
    return out


def _rows(rows, width: float, style, s: dict, p: styles.Palette, pages: Pages) -> Table:
    page_width = styles.GUIDE_PAGE_COLUMN
    data = [
        [
            Paragraph(esc(name), style),
            Paragraph(f"<a href='#{anchor}'>{esc(pages.of(anchor))}</a>", s["row_page"]),
        ]
        for name, anchor in rows
    ]
    table = Table(data, colWidths=[width - page_width, page_width], repeatRows=0, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                styles.TABLE_FONT,
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, p.rule),
                ("LEFTPADDING", (0, 0), (-1, -1), 1),
                ("RIGHTPADDING", (0, 0), (-1, -1), 1),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table
