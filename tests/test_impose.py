"""The print file: pages 2-up in saddle-stitch order, checked by reading the imposed PDF back and folding it
in the mind: sheet 1 outermost, printed front then back (flip on the short edge), stacked and folded."""

from __future__ import annotations

import io
import subprocess
import sys

import pdfplumber
import pytest
from reportlab.lib.pagesizes import A4, A5
from reportlab.pdfgen.canvas import Canvas

from handouts.output.impose import impose

SHEET = (A4[1], A4[0])


def _numbered_pdf(pages: int, prefix: str = "P") -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A5, invariant=1)
    for number in range(1, pages + 1):
        canvas.setFont("Helvetica", 30)
        canvas.drawCentredString(A5[0] / 2, A5[1] / 2, f"{prefix}{number}")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _halves(pdf_bytes: bytes) -> list[tuple[str, str]]:
    """(left, right) page labels of every printed side, read from the imposed PDF ('' for a blank half)."""
    out = []
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        for page in pdf.pages:
            assert (page.width, page.height) == pytest.approx((A4[1], A4[0]))  # true A4 landscape
            words = page.extract_words()
            left = [w["text"] for w in words if w["x1"] <= page.width / 2]
            right = [w["text"] for w in words if w["x0"] >= page.width / 2]
            assert len(left) <= 1 and len(right) <= 1 and len(words) == len(left) + len(right)
            out.append(((left or [""])[0], (right or [""])[0]))
    return out


def _reading_order(sides: list[tuple[str, str]]) -> list[str]:
    """The pages in the order a reader meets them in the folded booklet. Sheet s has its front at side 2s and
    its back at side 2s+1; going in, each sheet gives its front's right half, then its back's left half;
    coming out again, each gives its back's right half, then its front's left half."""
    sheets = [(sides[2 * s], sides[2 * s + 1]) for s in range(len(sides) // 2)]
    going_in = [half for front, back in sheets for half in (front[1], back[0])]
    coming_out = [half for front, back in reversed(sheets) for half in (back[1], front[0])]
    return going_in + coming_out


@pytest.mark.parametrize("pages", [4, 8, 12, 13])
def test_the_folded_print_file_reads_in_order(pages):
    sides = _halves(impose(_numbered_pdf(pages), SHEET))
    padded = -(-pages // 4) * 4
    assert len(sides) == padded // 2  # two printed sides per sheet, four pages per sheet
    expected = [f"P{n}" for n in range(1, pages + 1)] + [""] * (padded - pages)
    assert _reading_order(sides) == expected


def test_padding_is_blank_only_at_the_back():
    sides = _halves(impose(_numbered_pdf(13), SHEET))
    order = _reading_order(sides)
    assert order[:13] == [f"P{n}" for n in range(1, 14)] and order[13:] == ["", "", ""]


@pytest.mark.parametrize("pages, notes", [(13, 3), (14, 2), (15, 1), (5, 3)])
def test_notes_pages_go_in_before_the_back_cover(pages, notes):
    """A booklet's padding pages are its notes pages, put in before its last page: the back cover stays the
    back of the folded booklet (the left half of the first side), and no blank page is left anywhere."""
    sides = _halves(impose(_numbered_pdf(pages), SHEET, notes=_numbered_pdf(notes, "N")))
    assert sides[0][0] == f"P{pages}"
    assert _reading_order(sides) == (
        [f"P{n}" for n in range(1, pages)] + [f"N{n}" for n in range(1, notes + 1)] + [f"P{pages}"]
    )


def test_the_print_file_is_byte_identical_each_time():
    booklet = _numbered_pdf(8)
    assert impose(booklet, SHEET, "Title") == impose(booklet, SHEET, "Title")


def test_priming_pypdf_runs_and_changes_nothing(tmp_path):
    """The helper primes pypdf (impose.prime) before the booklet arrives: in a fresh process, a print file made
    after priming is the one made without it."""
    booklet = tmp_path / "b.pdf"
    booklet.write_bytes(_numbered_pdf(8))
    code = (
        "import sys; from handouts.output.impose import impose, prime; from pathlib import Path\n"
        "data = Path(sys.argv[1]).read_bytes()\n"
        "if sys.argv[2] == 'prime': prime()\n"
        "sys.stdout.buffer.write(impose(data, (841.89, 595.28), 'T'))"
    )
    made = [
        subprocess.run([sys.executable, "-c", code, str(booklet), how], capture_output=True, check=True).stdout
        for how in ("prime", "plain")
    ]
    assert made[0] == made[1] and made[0].startswith(b"%PDF")


def test_every_sheet_marks_its_fold_at_the_centre():
    with pdfplumber.open(io.BytesIO(impose(_numbered_pdf(8), SHEET))) as pdf:
        for page in pdf.pages:
            ticks = [
                line
                for line in page.lines
                if abs(line["x0"] - page.width / 2) < 0.01 and abs(line["x1"] - page.width / 2) < 0.01
            ]
            assert sorted(round(t["top"]) for t in ticks) == [0, round(page.height - 8)]
