"""Regenerate the pictures in docs/ from real output: the pose library contact sheet.

    .venv/bin/python tools/docs_images.py

Builds the contact sheet PDF in memory and renders its pages with pypdfium2, side by side, into
docs/pose-library.png.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def render_pages(pdf_bytes: bytes, dpi: int):
    import pypdfium2
    pdf = pypdfium2.PdfDocument(pdf_bytes)
    return [pdf[i].render(scale=dpi / 72).to_pil().convert("RGB") for i in range(len(pdf))]


def side_by_side(images, gap: int = 12):
    from PIL import Image
    width = sum(im.width for im in images) + gap * (len(images) - 1)
    height = max(im.height for im in images)
    sheet = Image.new("RGB", (width, height), (205, 208, 212))
    x = 0
    for im in images:
        sheet.paste(im, (x, 0))
        x += im.width + gap
    return sheet


def main() -> None:
    from handouts.build import pose_sheet_pdf
    from handouts.errors import Collector
    from handouts.library import load_library
    library = load_library(None, Collector())
    pages = render_pages(pose_sheet_pdf(library), dpi=110)
    target = ROOT / "docs" / "pose-library.png"
    side_by_side(pages).save(target, optimize=True)
    print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
