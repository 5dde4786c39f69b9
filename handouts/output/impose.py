"""Imposition: a booklet's pages laid 2-up on sheets twice their size, in saddle-stitch order.

Print the result double-sided, flipping on the short edge, stack the sheets, fold them in half and staple on
the fold: the pages come out in reading order. A5 pages go on A4 landscape, half-letter on Letter landscape,
at full size. The folded booklet needs a multiple of 4 pages: a booklet comes with as many notes pages as make
that up, which go in before its last page (the back cover stays the back); any other PDF is padded here with
blank pages at its end, so a blank page can only ever fall at the back, never in the middle.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pypdf is imported where a print file is made: `padded` is plain arithmetic
    from pypdf import PageObject, PdfWriter
    from pypdf.generic import IndirectObject


def _load_pypdf() -> None:
    """Import pypdf without the `cryptography` package it would load at once to choose how to decrypt (about
    150 ms): a print file is made from handouts' own unencrypted PDF and never decrypts. Where pypdf is loaded
    already (or cryptography is), nothing changes; cryptography stays importable for anyone else."""
    import sys

    if "pypdf" in sys.modules:
        return
    hidden = [name for name in ("cryptography", "Crypto") if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # an import of it fails at once
    try:
        import pypdf  # noqa: F401
    finally:
        for name in hidden:
            if sys.modules.get(name, 0) is None:
                del sys.modules[name]


def prime() -> None:
    """Do ahead of time what pypdf does on its first imposition in a process and never again: import its
    filters, and inspect the classes it clones. The build's helper calls this while the booklet is still being
    laid out, so the print file follows the booklet about 10 ms sooner."""
    _load_pypdf()
    import pypdf.filters  # noqa: F401 - imported by PdfReader on first use
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    stream = DecodedStreamObject()
    stream.set_data(b" ")
    DictionaryObject({NameObject("/Form"): stream}).clone(PdfWriter())


def padded(pages: int) -> int:
    """The page count of the folded booklet: the next multiple of 4."""
    return -(-pages // 4) * 4


def saddle_order(pages: int) -> list[tuple[int, int]]:
    """The (left, right) page numbers (1-based) of each printed side, sheet by sheet, front then back, for a
    booklet of `pages` pages (a multiple of 4)."""
    if pages % 4:
        raise ValueError(f"a saddle-stitched booklet needs a multiple of 4 pages, not {pages}")
    sides = []
    for sheet in range(pages // 4):
        outer_left, outer_right = pages - 2 * sheet, 1 + 2 * sheet
        sides.append((outer_left, outer_right))  # front of the sheet
        sides.append((outer_right + 1, outer_left - 1))  # back of the sheet
    return sides


def cut_stack_order(pages: int) -> list[tuple[int, int]]:
    """The (left, right) page numbers of each printed side for a cut stack of `pages` pages (a multiple of 4):
    printed double-sided (flip on the short edge), the stack cut in half down the middle and the left half put
    on the right half, the pages come out in reading order, ready for a clip, rings or a stapled corner (a
    booklet too thick to fold)."""
    if pages % 4:
        raise ValueError(f"a cut stack needs a multiple of 4 pages, not {pages}")
    sheets = pages // 4
    sides = []
    for sheet in range(sheets):
        sides.append((2 * sheet + 1, 2 * sheets + 2 * sheet + 1))  # front of the sheet
        sides.append((2 * sheets + 2 * sheet + 2, 2 * sheet + 2))  # back of the sheet
    return sides


FOLD_MARK = 8.0  # points: the short grey ticks at the top and bottom of the fold


def _fold_marks(sheet: tuple[float, float]) -> str:
    """Two short grey ticks on the sheet's centre line, at its top and bottom edges: where to fold."""
    x, top = sheet[0] / 2, sheet[1]
    return f"q 0.6 G 0.5 w {x:.2f} 0 m {x:.2f} {FOLD_MARK} l S {x:.2f} {top - FOLD_MARK:.2f} m {x:.2f} {top:.2f} l S Q"


def _form(writer: PdfWriter, page: PageObject) -> IndirectObject:
    """The page as a Form XObject in `writer`: its content bytes as they are (never parsed), its resources
    (fonts, images) copied once however many pages share them."""
    from pypdf.generic import ArrayObject, DecodedStreamObject, FloatObject, NameObject

    contents = page.get("/Contents")
    contents = contents.get_object() if contents is not None else None
    if isinstance(contents, ArrayObject):
        data = b"\n".join(part.get_object().get_data() for part in contents)
    else:
        data = contents.get_data() if contents is not None else b""
    form = DecodedStreamObject()
    form.set_data(data)
    form[NameObject("/Type")] = NameObject("/XObject")
    form[NameObject("/Subtype")] = NameObject("/Form")
    form[NameObject("/BBox")] = ArrayObject(FloatObject(v) for v in page.mediabox)
    form[NameObject("/Resources")] = page["/Resources"].clone(writer)
    return writer._add_object(form.flate_encode())


def begin(notes: bytes | None = None) -> tuple[PdfWriter, list[IndirectObject]]:
    """A print file begun: its writer, with the pages of `notes` (a PDF of the notes pages that pad a booklet to
    a multiple of 4) in it already. The build begins it while the booklet itself is still being written."""
    _load_pypdf()
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    return writer, [_form(writer, page) for page in PdfReader(io.BytesIO(notes)).pages] if notes else []


def impose(
    booklet: bytes,
    sheet: tuple[float, float],
    title: str = "",
    notes: bytes | None = None,
    begun: tuple | None = None,
    order=saddle_order,
) -> bytes:
    """The print file for a booklet PDF: one side of a `sheet` (landscape, points) per (left, right) pair of
    saddle_order, the two pages meeting at the sheet's centre line (the fold). `notes`, a PDF of the pages
    that pad the booklet to a multiple of 4, go in before its last page (or `begun`: the print file begun
    with them, see `begin`). `order`: saddle_order, or cut_stack_order for a stack cut down the middle."""
    _load_pypdf()
    from pypdf import PageObject, PdfReader
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer, extra = begun if begun is not None else begin(notes)
    reader = PdfReader(io.BytesIO(booklet))
    pages = list(reader.pages)
    width = float(pages[0].mediabox.width)
    height = float(pages[0].mediabox.height)
    fold, bottom = sheet[0] / 2, (sheet[1] - height) / 2
    forms = [_form(writer, page) for page in pages]
    forms[-1:-1] = extra
    for left, right in order(padded(len(forms))):
        side = PageObject.create_blank_page(width=sheet[0], height=sheet[1])
        names, drawing = DictionaryObject(), []
        for number, shift in ((left, fold - width), (right, fold)):
            if number <= len(forms):  # past the end: a blank page at the back
                names[NameObject(f"/P{number}")] = forms[number - 1]
                drawing.append(f"q 1 0 0 1 {shift:.4f} {bottom:.4f} cm /P{number} Do Q")
        drawing.append(_fold_marks(sheet))
        side[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): names})
        stream = DecodedStreamObject()
        stream.set_data("\n".join(drawing).encode("ascii"))
        side[NameObject("/Contents")] = writer._add_object(stream.flate_encode())
        writer.add_page(side)
    from pypdf import __version__ as pypdf_version

    from handouts import __version__

    author = (
        reader.metadata.get("/Author") if reader.metadata else None
    ) or "handouts"  # the booklet's: its instructor or studio
    writer.add_metadata(
        {
            "/Title": f"{title} (print file)" if title else "Booklet print file",
            "/Author": str(author),
            "/Creator": f"handouts {__version__}",
            "/Producer": f"handouts {__version__} with pypdf {pypdf_version}",
        }
    )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
