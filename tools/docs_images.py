"""Regenerate the pictures in docs/ from real output: the pose library contact sheet, the low-back booklet
and its print file.

    .venv/bin/python tools/docs_images.py

Builds the PDFs in memory and renders their pages with pypdfium2 into docs/pose-library.png (side by side),
docs/booklet.png, docs/print-file.png, docs/cheatsheet.png, docs/matcard.png and docs/clients.png (two
clients' own booklets, one in German).
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


def grid(images, columns: int, gap: int = 10):
    from PIL import Image

    rows = -(-len(images) // columns)
    width, height = images[0].width, images[0].height
    sheet = Image.new("RGB", (columns * width + (columns + 1) * gap, rows * height + (rows + 1) * gap), (205, 208, 212))
    for index, im in enumerate(images):
        sheet.paste(im, (gap + (index % columns) * (width + gap), gap + (index // columns) * (height + gap)))
    return sheet


def clients_picture():
    """Two clients of the example roster: Ann's cover, notes and her own variation; Jonas's pages in German."""
    import datetime
    import tempfile

    from handouts.clients.batch import make
    from handouts.clients.making import plan_clients
    from handouts.output.images import ImageStage
    from handouts.reading.workspace import Workspace

    _, jobs = plan_clients(Workspace(ROOT), ROOT / "clients.yaml", date=datetime.date(2026, 11, 21))
    images = ImageStage(Path(tempfile.gettempdir()) / "handouts-images", profile="email")
    ann = next(j for j in jobs if j.slug == "ann-example" and j.format == "booklet")
    jonas = next(j for j in jobs if j.slug == "jonas-weber")
    import io

    from pypdf import PdfReader

    ann_pdf = make(ann, "a4", images)
    ann_pages = render_pages(ann_pdf, dpi=40)
    jonas_pages = render_pages(make(jonas, "a4", images), dpi=40)
    chosen = next(i for i, page in enumerate(PdfReader(io.BytesIO(ann_pdf)).pages) if "For you" in page.extract_text())
    return grid(
        [ann_pages[0], ann_pages[1], ann_pages[chosen], jonas_pages[0], jonas_pages[1], jonas_pages[3]], columns=6
    )


def main() -> None:
    from handouts.core.errors import Collector
    from handouts.layouts.styles import PRINT_SHEETS
    from handouts.output.impose import impose
    from handouts.pipeline.loading import load_workspace
    from handouts.pipeline.products import booklet_pdf, cheatsheet_pdf, matcard_pdf, pose_sheet_pdf
    from handouts.reading.library import load_library
    from handouts.reading.workspace import Workspace

    library = load_library(None, Collector())
    pictures = {"pose-library.png": side_by_side(render_pages(pose_sheet_pdf(library), dpi=110))}
    loaded = load_workspace(Workspace(ROOT), ["low-back-release"])
    booklet = booklet_pdf(loaded.plans[0], "a4", loaded.studio).data
    pictures["booklet.png"] = grid(render_pages(booklet, dpi=40), columns=8)
    pictures["print-file.png"] = grid(render_pages(impose(booklet, PRINT_SHEETS["a4"]), dpi=28), columns=4)
    pictures["cheatsheet.png"] = render_pages(cheatsheet_pdf(loaded.plans[0], "a4", loaded.studio)[0], dpi=60)[0]
    pictures["matcard.png"] = grid(render_pages(matcard_pdf(loaded.plans[0], "a4", loaded.studio), dpi=30), columns=2)
    pictures["clients.png"] = clients_picture()
    for name, picture in pictures.items():
        target = ROOT / "docs" / name
        picture.save(target, optimize=True)
        print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
