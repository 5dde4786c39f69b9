"""The pose catalogue: every pose of the library on a contact sheet, its figure above its id and name.

Instructors use it to pick poses; reviewers use it to see every figure at a glance, at thumbnail size, with
the ground lines of a row at one height.
"""

from __future__ import annotations

from reportlab.platypus import Table, TableStyle

from handouts.core.model import Pose
from handouts.figures.art import figure_art
from handouts.layouts import styles
from handouts.layouts.figurebox import FigureBox
from handouts.layouts.parts import Paragraph, esc

COLUMNS = 5  # the sheet's figure box (styles.FIGURE_BOXES["sheet"]) fills a column less its padding


def pose_sheet(poses: list[Pose], page: styles.PageSpec) -> list:
    """The story of the contact sheet: a title and a grid of cells, COLUMNS across."""
    s = styles.paragraph_styles()
    width = page.frame_width / COLUMNS
    box_width, box_height = styles.FIGURE_BOXES["sheet"]
    with_figure = sum(1 for p in poses if p.figure is not None)
    story = [
        Paragraph("Pose library", s["heading"]),
        Paragraph(
            esc(
                f"{len(poses)} poses, {with_figure} with a figure. Write a pose's id after "
                "'pose:' in a step; the figure is mirrored for the left side."
            ),
            s["body"],
        ),
    ]
    cells: list[object] = []  # Table cells: each a list of flowables, and '' for the empty ones at the end
    for pose in poses:
        if pose.figure is not None:
            art = FigureBox(figure_art(pose.figure), box_width, box_height, same_scale=True)
        else:
            art = Paragraph("(no figure)", s["sheet_name"])
        sides = "" if pose.sides.value == "none" else f" \u00b7 {pose.sides.value}"
        cells.append(
            [art, Paragraph(esc(pose.id), s["sheet_id"]), Paragraph(esc(f"{pose.name or ''}{sides}"), s["sheet_name"])]
        )
    rows = [cells[i : i + COLUMNS] for i in range(0, len(cells), COLUMNS)]
    if rows and len(rows[-1]) < COLUMNS:
        rows[-1] += [""] * (COLUMNS - len(rows[-1]))
    table = Table(rows, colWidths=[width] * COLUMNS, repeatRows=0)
    table.setStyle(
        TableStyle(
            [
                styles.TABLE_FONT,
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), styles.SHEET_GAP),
                ("RIGHTPADDING", (0, 0), (-1, -1), styles.SHEET_GAP),
                ("TOPPADDING", (0, 0), (-1, -1), styles.SHEET_GAP),
                ("BOTTOMPADDING", (0, 0), (-1, -1), styles.SHEET_GAP),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, styles.RULE),
            ]
        )
    )
    return [*story, table]
