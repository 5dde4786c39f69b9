"""Regenerate the guidebook's pictures in docs/ from the example programme (programmes/back-care-12-weeks.yaml):

    .venv/bin/python tools/guidebook_images.py

docs/guidebook-pages.png (the cover, the contents and welcome, how to use it, and the first pages of weeks 4-6:
what is new, the glance table, cards marked NEW and CHANGED with "see page N"), docs/guidebook-progression.png
(the progression table as the guidebook has it, and on its own landscape page) and docs/guidebook-reference.png
(pose reference and index pages).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from docs_images import grid, render_pages, side_by_side  # noqa: E402


def main() -> None:
    from pypdf import PdfReader

    from handouts.layouts.progression import progression_page
    from handouts.layouts.styles import PROGRESSION_SHEETS, palette
    from handouts.output.render import DocInfo, render
    from handouts.pipeline.guidebook import guidebook_pdf
    from handouts.pipeline.loading import load_workspace
    from handouts.pipeline.programmes import load_programme
    from handouts.reading.workspace import Workspace

    workspace = Workspace(ROOT)
    loaded = load_workspace(workspace, [])
    planned, _ = load_programme(workspace, workspace.programme("back-care-12-weeks"), loaded)
    assert planned is not None
    rendered, noted = guidebook_pdf(planned, "a4", loaded.studio)
    pages = render_pages(rendered.data, dpi=45)
    texts = [page.extract_text() or "" for page in PdfReader(io.BytesIO(rendered.data)).pages]
    opener = noted["segment-1"] - 1
    marked = [i for i in range(opener, len(texts)) if "CHANGED" in texts[i] or "NEW \u2192" in texts[i]]
    chosen = [0, 1, 3, opener, opener + 1, *marked[:3]]
    pictures = {"guidebook-pages.png": grid([pages[i] for i in sorted(set(chosen))][:8], columns=4)}
    sheet = PROGRESSION_SHEETS["a4"]
    colours = palette(loaded.studio.accent, loaded.studio.grayscale)
    alone = render(progression_page(planned, sheet, colours), sheet, DocInfo(title="progression"))
    inside = render_pages(rendered.data, dpi=60)[noted["progression"] - 1]
    pictures["guidebook-progression.png"] = side_by_side([inside, render_pages(alone, dpi=60)[0]])
    reference, index = noted["reference"] - 1, noted["index"] - 1
    shown = sorted({reference, reference + 1, reference + 2, index, len(pages) - 1})  # the back cover may be under
    pictures["guidebook-reference.png"] = grid([pages[i] for i in shown], columns=len(shown))  # the index
    for name, picture in pictures.items():
        target = ROOT / "docs" / name
        picture.save(target, optimize=True)
        print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
