"""Look at what a build printed: each PDF's pages side by side in one PNG, to open in an image viewer.

    .venv/bin/python tools/preview.py OUT_DIR PDF... [--columns 4] [--dpi 50]

Writes OUT_DIR/<folder>-<name>.png for every PDF (the folder is the sequence's, or the client's). Pages are
rendered with pypdfium2, on a grey background so the page edges show.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def pages_png(pdf: Path, out: Path, columns: int, dpi: float) -> int:
    import pypdfium2
    from PIL import Image

    document = pypdfium2.PdfDocument(pdf)
    images = [document[i].render(scale=dpi / 72).to_pil().convert("RGB") for i in range(len(document))]
    width, height = max(i.width for i in images), max(i.height for i in images)
    columns = min(columns, len(images))
    rows = -(-len(images) // columns)
    sheet = Image.new("RGB", (columns * (width + 8) + 8, rows * (height + 8) + 8), (150, 150, 150))
    for index, image in enumerate(images):
        sheet.paste(image, (8 + (index % columns) * (width + 8), 8 + (index // columns) * (height + 8)))
    sheet.save(out)
    return len(images)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("pdfs", type=Path, nargs="+")
    parser.add_argument("--columns", type=int, default=4)
    parser.add_argument("--dpi", type=float, default=50)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for pdf in args.pdfs:
        target = args.out / f"{pdf.parent.name}-{pdf.stem}.png"
        print(f"{target}: {pages_png(pdf, target, args.columns, args.dpi)} pages")


if __name__ == "__main__":
    main()
