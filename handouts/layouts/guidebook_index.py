"""The guidebook's index: every pose by each English name the programme gives it and by its Sanskrit (IAST)
name, alphabetical (accents and case set aside), each with the page of its reference entry, a link to it.
"""

from __future__ import annotations

from reportlab.platypus import PageBreak, Table, TableStyle

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
    """The index: English names in the left column, Sanskrit names in the right, each with its page (a link);
    a long index breaks over pages, its column headings repeated."""
    english, sanskrit = index_rows(entries)
    gap, number = styles.GUIDE_INDEX_GAP, styles.GUIDE_PAGE_COLUMN
    name = (width - gap - 2 * number) / 2

    def cells(rows, index: int, style) -> list:
        if index >= len(rows):
            return ["", ""]
        text, anchor = rows[index]
        page = Paragraph(f"<a href='#{anchor}'>{esc(pages.of(anchor))}</a>", s["row_page"])
        return [Paragraph(esc(text), style), page]

    data = [
        [
            Paragraph(esc(words("index_english")), s["index_letter"]),
            "",
            "",
            Paragraph(esc(words("index_sanskrit")), s["index_letter"]) if sanskrit else "",
            "",
        ]
    ]
    for index in range(max(len(english), len(sanskrit))):
        data.append([*cells(english, index, s["row"]), "", *cells(sanskrit, index, s["row_italic"])])
    table = Table(data, colWidths=[name, number, gap, name, number], repeatRows=1, hAlign="LEFT")
    commands: list[tuple] = [
        styles.TABLE_FONT,
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 1),
        ("RIGHTPADDING", (0, 0), (-1, -1), 1),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]
    for column in (0, 3):  # a rule under each filled row of each half
        filled = len(english) if column == 0 else len(sanskrit)
        if filled:
            commands.append(("LINEBELOW", (column, 1), (column + 1, filled), 0.3, p.rule))
    table.setStyle(TableStyle(commands))
    return [
        PageBreak(),
        pages.note("index"),
        Bookmark("index", words("index"), 0),
        Paragraph(esc(words("index")), s["heading"]),
        table,
    ]
