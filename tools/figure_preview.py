"""Preview the figures of pose files while drawing them: each at full size, mirrored, and as a 2 cm thumbnail.

    .venv/bin/python tools/figure_preview.py handouts/poses/supine.yaml [--out /tmp/preview] [--only ID ...]

Writes OUT-1.png, OUT-2.png ... (rendered with pypdfium2). A development aid, not part of the package.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from handouts.core.errors import Collector  # noqa: E402
from handouts.figures.art import figure_art, fit  # noqa: E402
from handouts.layouts import fonts  # noqa: E402
from handouts.layouts.figurebox import draw_art  # noqa: E402
from handouts.reading.library import _read  # noqa: E402

BIG = (62 * mm, 46 * mm)
THUMB = (20 * mm, 15 * mm)
ROW = 56 * mm


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--out", default="/tmp/preview")
    parser.add_argument("--only", nargs="*", default=[])
    args = parser.parse_args()
    problems = Collector()
    poses = {}
    for path in args.files:
        poses.update(_read(path, str(path), problems, ROOT / "images"))
    for problem in problems.problems:
        print(problem)
    if any(not p.warning for p in problems.problems):
        sys.exit(2)
    family = fonts.register()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    y = A4[1] - 15 * mm
    for pid, pose in poses.items():
        if args.only and pid not in args.only:
            continue
        if y - ROW < 10 * mm:
            canvas.showPage()
            y = A4[1] - 15 * mm
        canvas.setFont(family, 10)
        canvas.drawString(12 * mm, y - 4 * mm, f"{pid}  ({pose.sides.value})" + ("" if pose.figure else "  NO FIGURE"))
        if pose.figure is not None:
            art = figure_art(pose.figure)
            for i, (piece, (w, h)) in enumerate(((art, BIG), (art.mirrored(), BIG), (art, THUMB))):
                x = 12 * mm + i * (BIG[0] + 4 * mm)
                canvas.setStrokeColorRGB(0.85, 0.85, 0.85)
                canvas.rect(x, y - 6 * mm - h, w, h)
                canvas.saveState()
                canvas.translate(x, y - 6 * mm - h)
                draw_art(canvas, fit(piece, w, h, 1.5 * mm))
                canvas.restoreState()
        y -= ROW
    canvas.save()
    import pypdfium2

    pdf = pypdfium2.PdfDocument(buffer.getvalue())
    for index in range(len(pdf)):
        target = f"{args.out}-{index + 1}.png"
        pdf[index].render(scale=100 / 72).to_pil().save(target)
        print("wrote", target)


if __name__ == "__main__":
    main()
