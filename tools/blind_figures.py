"""Figures without their names, for a blind check: can someone who has never seen the ids name each pose?

    .venv/bin/python tools/blind_figures.py OUT_DIR [--seed N] [--only id,id,...] [--dpi 150]
        [--columns 4] [--rows N]

Draws every built-in figure (or those named) at booklet-card size, in a shuffled order, numbered only, four
across on A4 pages, and writes OUT_DIR/sheet-NN.png and OUT_DIR/instructions.txt (what the reader is asked: the
drawing conventions and the confidence scale of docs/figures.md, "Checking figures blind") to hand to the reader,
and OUT_DIR/../<OUT_DIR name>-key.json (number -> pose id, name) beside the folder, not in it, so the reader's
folder holds nothing that names a pose. Grade the answers with tools/blind_grade.py.
With --rows, each page holds only that many rows of --columns figures (still at card size), so a page rendered
at print resolution (--dpi 250 --columns 2 --rows 3) is small enough that an image viewer shows it unshrunk.
"""

from __future__ import annotations

import argparse
import io
import json
import random
from pathlib import Path

INSTRUCTIONS = """\
You are a student of yoga and back care (you have been to classes for a couple of years, you know common pose
names in English and some Sanskrit). A teacher gives you a set of small exercise pictures from a handout, with the
names cut off, and asks you to write down what each exercise is.

Look ONLY at the images in {folder} (sheet-01.png ... sheet-{sheets:02d}.png). Do not open any other file: the
point is what a student sees in the pictures.

The pictures are numbered 1 to {figures}. Drawing conventions of the handout:
- Figures are mostly side views. A limb drawn in teal with an outline is the working limb; a pale grey limb is
  the far side of the body.
- A dashed outline is a second position of the body (where it moves from or to). Teal arrows show movement; a
  teal circle or loop means circling.
- Views from above show the body lying on a grey mat with a dashed line along its middle.
- Props (chair, wall, block, bolster, strap, ball, blanket) are drawn in grey.

For each picture write one line: `N: name — CONFIDENCE`
- name: the exercise, as a teacher would call it. A plain description ("lying on the side lifting the top leg") is
  as good as a formal name; write the one you would use.
- CONFIDENCE is about whether you know what the exercise IS, not whether you know its official name:
  SURE = you would bet on it; FAIRLY SURE = probably that, though one other reading is possible;
  GUESS = it could well be something else.

Write all {figures} lines, then a short list of the 8 pictures that were hardest and why.
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", default="", help="comma-separated pose ids (default: every figure)")
    parser.add_argument("--dpi", type=float, default=150)
    parser.add_argument("--columns", type=int, default=4)
    parser.add_argument("--rows", type=int, default=0, help="rows per page (default: as many as fit on A4)")
    args = parser.parse_args()

    import pypdfium2
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    from handouts.core.errors import Collector
    from handouts.figures.art import figure_art
    from handouts.layouts import fonts, styles
    from handouts.layouts.figurebox import FigureBox
    from handouts.reading.library import load_library

    library = load_library(None, Collector())
    wanted = [i.strip() for i in args.only.split(",") if i.strip()]
    poses = [p for p in library.poses.values() if p.figure is not None and (not wanted or p.id in wanted)]
    poses.sort(key=lambda p: p.id)
    random.Random(args.seed).shuffle(poses)
    fonts.register()
    width, height = styles.FIGURE_BOXES["booklet"]
    columns, gap = args.columns, 6 * mm
    rows = args.rows or int((A4[1] - 20 * mm) // (height + gap + 6 * mm))
    page = A4
    if args.rows:
        page = (20 * mm + columns * (width + gap) - gap, 20 * mm + rows * (height + gap + 6 * mm))
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=page, invariant=1)
    key = {}
    for index, pose in enumerate(poses):
        slot = index % (columns * rows)
        if index and slot == 0:
            canvas.showPage()
        column, row = slot % columns, slot // columns
        x = 10 * mm + column * (width + gap)
        y = page[1] - 10 * mm - (row + 1) * (height + gap + 6 * mm)
        box = FigureBox(figure_art(pose.figure), width, height)
        box.drawOn(canvas, x, y)
        canvas.setFont(f"{fonts.FAMILY}-Bold", 11)
        canvas.drawString(x, y + height + 1.5 * mm, str(index + 1))
        key[index + 1] = {"id": pose.id, "name": str(pose.name or "")}
    canvas.save()
    args.out.mkdir(parents=True, exist_ok=True)
    document = pypdfium2.PdfDocument(buffer.getvalue())
    for number in range(len(document)):
        image = document[number].render(scale=args.dpi / 72).to_pil().convert("RGB")
        image.save(args.out / f"sheet-{number + 1:02d}.png")
    (args.out / "instructions.txt").write_text(
        INSTRUCTIONS.format(folder=args.out, sheets=len(document), figures=len(poses)), encoding="utf-8"
    )
    (args.out.parent / f"{args.out.name}-key.json").write_text(json.dumps(key, indent=1), encoding="utf-8")
    print(f"{len(poses)} figures on {len(document)} pages in {args.out}; key: {args.out.name}-key.json beside it")


if __name__ == "__main__":
    main()
