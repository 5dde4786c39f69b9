"""The how-to-print page: the diagram of the booklet's sheets (page numbers on each half of each side, flip, fold,
staples), in the build's palette and language, on one page of the print file's paper."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest
from conftest import ROOT
from conftest import colourful_pixels as _colourful_pixels
from pypdf import PdfReader

from handouts.layouts.printsheet import (
    Measures,
    Sheet,
    diagram_layout,
    notes_pages,
    sheets_of,
)
from handouts.layouts.styles import SHEET_PAGES, palette
from handouts.output.impose import saddle_order
from handouts.pipeline.products import how_to_print_pdf
from handouts.reading.labels import Labels, built_in_table

MARGIN = 5 / 25.4 * 72  # the 5 mm most printers cannot print into
AUDIT = Path("/work/shared/tools/pdf-audit")


def flat(text: str) -> str:
    return " ".join(text.split())


def words_of(code: str) -> Labels:
    return Labels(code, built_in_table(code))


def write(tmp_path: Path, data: bytes, name: str = "how-to-print.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def page_numbers(pdf_path: Path) -> list[list[str]]:
    """The numbers printed inside the drawn halves of the sheets, line by line from the top, left to right."""
    with pdfplumber.open(pdf_path) as pdf:
        page = pdf.pages[0]
        words = page.extract_words(extra_attrs=["size"])
        halves = [r for r in page.rects if r["width"] > 15 and r["height"] > 15]
    inside = [
        w
        for w in words
        if w["text"].isdigit()
        and any(
            r["x0"] <= w["x0"] and w["x1"] <= r["x1"] and r["top"] <= w["top"] and w["bottom"] <= r["bottom"]
            for r in halves
        )
    ]
    lines: dict[int, list] = {}
    for word in inside:
        lines.setdefault(round(word["top"]), []).append(word)
    return [[w["text"] for w in sorted(line, key=lambda w: w["x0"])] for _, line in sorted(lines.items())]


# -- plain data ----------------------------------------------------------------------------------------------
def test_the_sheets_of_a_12_page_booklet():
    assert sheets_of(saddle_order(12)) == (
        Sheet(1, (12, 1), (2, 11)),
        Sheet(2, (10, 3), (4, 9)),
        Sheet(3, (8, 5), (6, 7)),
    )


def test_the_notes_pages_come_just_before_the_back_cover():
    assert notes_pages(10, 3) == (10, 11)  # the booklet's page 10, its back cover, is printed as page 12
    assert notes_pages(11, 3) == (11, 11)
    assert notes_pages(12, 3) is None


MEASURES = Measures(label=(14.4, 14.4, 28.8), flip=26.4, note=13.2, stack=13.2, caption=13.2, cell=13.2, blank=0)


@pytest.mark.parametrize("sheets", [1, 2, 9, 15])
def test_the_layout_keeps_every_sheet_apart_and_inside_the_width(sheets):
    width = SHEET_PAGES["a4"].frame_width
    layout = diagram_layout(sheets_of(saddle_order(4 * sheets)), width, 420, 297 / 210, MEASURES)
    assert layout.height <= 420
    assert len(layout.cells) == sheets - 1 and [c.sheet.number for c in layout.cells] == list(range(2, sheets + 1))
    boxes = [layout.front, layout.back, layout.flip, layout.stack] + [
        box for cell in layout.cells for box in (cell.front, cell.back)
    ]
    for box in boxes:
        assert box.x >= 0 and box.x + box.w <= width + 1e-6 and box.y >= 0 and box.top <= layout.height + 1e-6
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            apart = a.x + a.w <= b.x + 1e-6 or b.x + b.w <= a.x + 1e-6 or a.top <= b.y + 1e-6 or b.top <= a.y + 1e-6
            assert apart, (a, b)
    assert layout.scale == 1.0 and layout.number_size >= 12  # room to spare on A4: nothing shrinks much


def test_a_small_budget_shrinks_sheet_1_and_the_numbers_down_to_their_floor():
    width = SHEET_PAGES["a4"].frame_width
    roomy = diagram_layout(sheets_of(saddle_order(60)), width, 1000, 297 / 210, MEASURES)
    tight = diagram_layout(sheets_of(saddle_order(60)), width, 250, 297 / 210, MEASURES)
    assert roomy.scale == 1.0 and roomy.number_size == 16
    assert tight.scale == 0.7 and tight.number_size == 10  # the floor: never smaller, even when it does not fit
    assert tight.front.w < roomy.front.w


# -- the page as printed ----------------------------------------------------------------------------------------
def test_a_12_page_booklet_shows_each_sheets_page_numbers_in_place(tmp_path):
    path = write(tmp_path, how_to_print_pdf(12, "a4"))
    assert page_numbers(path) == [
        ["12", "1", "2", "11"],  # sheet 1: front (12 | 1), back (2 | 11), large
        ["10", "3", "4", "9", "8", "5", "6", "7"],
    ]  # sheets 2 and 3, small
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        words = page.extract_words(extra_attrs=["size"])
        text = flat(page.extract_text())
    big = {w["text"]: w for w in words if w["size"] >= 18}
    assert sorted(big) == ["1", "11", "12", "2"]
    assert big["12"]["x1"] < big["1"]["x0"] < big["2"]["x0"] < big["11"]["x0"]  # left of right, front before back
    assert len({round(w["top"]) for w in big.values()}) == 1  # on one line
    front = next(w for w in words if w["text"] == "front")
    back = next(w for w in words if w["text"] == "back")
    assert big["12"]["x0"] < front["x0"] < big["1"]["x1"] and front["bottom"] < big["12"]["top"]  # the label above
    assert big["2"]["x0"] < back["x0"] < big["11"]["x1"] and back["bottom"] < big["2"]["top"]
    assert "This booklet has 12 pages on 3 sheets of paper." in text
    for phrase in (
        "Sheet 1 · front",
        "Sheet 1 · back",
        "flip on the short edge",
        "fold",
        "staples",
        "Folded: sheet 1 outside",
        "The other sheets: front and back",
        "Sheet 2",
        "Sheet 3",
    ):
        assert phrase in text, phrase
    assert "notes page" not in text


def test_a_booklet_not_a_multiple_of_4_shows_the_padded_sheets_and_names_the_notes_pages(tmp_path):
    path = write(tmp_path, how_to_print_pdf(10, "a4"))
    assert page_numbers(path) == [["12", "1", "2", "11"], ["10", "3", "4", "9", "8", "5", "6", "7"]]
    text = flat(PdfReader(path).pages[0].extract_text())
    assert "This booklet has 12 pages on 3 sheets of paper." in text
    assert "Pages 10–11 are notes pages; the back cover is page 12." in text
    text = flat(PdfReader(write(tmp_path, how_to_print_pdf(7, "a4"), "seven.pdf")).pages[0].extract_text())
    assert "8 pages on 2 sheets" in text and "Page 7 is a notes page; the back cover is page 8." in text


def test_a_long_booklet_shows_every_sheet_on_one_page(tmp_path):
    path = write(tmp_path, how_to_print_pdf(36, "a4"))
    assert len(PdfReader(path).pages) == 1
    rows = page_numbers(path)
    assert rows[0] == ["36", "1", "2", "35"]
    assert [n for row in rows[1:] for n in row] == [
        "34",
        "3",
        "4",
        "33",
        "32",
        "5",
        "6",
        "31",
        "30",
        "7",
        "8",
        "29",
        "28",
        "9",
        "10",
        "27",
        "26",
        "11",
        "12",
        "25",
        "24",
        "13",
        "14",
        "23",
        "22",
        "15",
        "16",
        "21",
        "20",
        "17",
        "18",
        "19",
    ]


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("code", ["en", "de", "es", "fr"])
def test_every_language_fits_one_page_legibly_whatever_the_length(tmp_path, code, paper):
    size = {"a4": (595, 842), "letter": (612, 792)}[paper]
    for pages in (4, 36, 60):
        path = write(tmp_path, how_to_print_pdf(pages, paper, words_of(code)), f"{code}-{paper}-{pages}.pdf")
        assert len(PdfReader(path).pages) == 1, (code, paper, pages)
        # every page number once, each inside its half of a drawn sheet (so none spills over or is cut off)
        numbers = sorted(int(n) for row in page_numbers(path) for n in row)
        assert numbers == list(range(1, -(-pages // 4) * 4 + 1)), (code, paper, pages)
        with pdfplumber.open(path) as pdf:
            page = pdf.pages[0]
            assert (round(page.width), round(page.height)) == size
            chars = page.chars
            words = page.extract_words(use_text_flow=True)
        assert min(c["size"] for c in chars) >= 10  # nothing under 10 pt (the rule is 9)
        for c in chars:
            assert c["x0"] >= MARGIN and c["x1"] <= size[0] - MARGIN, (code, pages, c["text"])
            assert c["top"] >= MARGIN and c["bottom"] <= size[1] - MARGIN, (code, pages, c["text"])
        for i, a in enumerate(words):  # no two words on top of each other
            for b in words[i + 1 :]:
                overlap_x = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
                overlap_y = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
                assert overlap_x <= 0.5 or overlap_y <= 0.5, (code, pages, a["text"], b["text"])


@pytest.mark.skipif(not AUDIT.exists(), reason="the shared pdf-audit tool is not on this machine")
def test_pdf_audit_finds_nothing_wrong(tmp_path):
    paths = [
        write(tmp_path, how_to_print_pdf(pages, paper, words_of(code)), f"{code}-{paper}-{pages}.pdf")
        for code, paper, pages in (("en", "a4", 16), ("de", "letter", 36), ("fr", "a4", 60), ("es", "letter", 4))
    ]
    result = subprocess.run([sys.executable, str(AUDIT), *map(str, paths)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "FAULT" not in result.stdout


def test_the_same_page_in_another_process_is_the_same_bytes():
    here = how_to_print_pdf(36, "letter", words_of("de"), palette("#aa2200", False))
    code = (
        "import sys; from handouts.pipeline.products import how_to_print_pdf; from handouts.reading.labels import Labels, "
        "built_in_table; from handouts.layouts.styles import palette; "
        "sys.stdout.buffer.write(how_to_print_pdf(36, 'letter', Labels('de', built_in_table('de')), "
        "palette('#aa2200', False)))"
    )
    there = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True, cwd=ROOT).stdout
    assert here == there


# -- through `handouts build`: palette, language, paper ------------------------------------------------------
def colours_drawn(path: Path) -> set[tuple]:
    """Every fill and stroke colour of the page's text and shapes, rounded to 2 places."""
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        objects = page.chars + page.rects + page.curves + page.lines
        found = set()
        for o in objects:
            for key in ("non_stroking_color", "stroking_color"):
                value = o.get(key)
                if value is not None:
                    found.add(
                        tuple(round(float(v), 2) for v in (value if isinstance(value, (list, tuple)) else [value]))
                    )
    return found


def test_the_studio_accent_colours_the_page_and_ink_saver_makes_it_grey(examples, run):
    sheet = examples / "build" / "low-back-release" / "how-to-print.pdf"
    studio = examples / "studio.yaml"
    studio.write_text(
        studio.read_text(encoding="utf-8").replace("accent: '#1f5f6b'", "accent: '#aa2200'"), encoding="utf-8"
    )
    assert run("build", "low-back-release", workspace=examples).code == 0
    assert (0.67, 0.13, 0.0) in colours_drawn(sheet)  # the accent: heading, labels, the flip arrow
    assert _colourful_pixels(sheet) > 1000
    assert page_numbers(sheet)[0] == ["16", "1", "2", "15"]
    assert run("build", "low-back-release", "--grayscale", workspace=examples).code == 0
    assert _colourful_pixels(sheet) == 0
    assert all(len(set(c)) == 1 for c in colours_drawn(sheet) if len(c) == 3)  # every RGB colour a grey
    assert page_numbers(sheet)[0] == ["16", "1", "2", "15"]  # the same diagram
    studio.write_text(
        studio.read_text(encoding="utf-8").replace("grayscale: false", "grayscale: true"), encoding="utf-8"
    )
    assert run("build", "low-back-release", workspace=examples).code == 0
    assert _colourful_pixels(sheet) == 0


def test_the_german_page_is_in_german(examples, run):
    studio = examples / "studio.yaml"
    studio.write_text(
        studio.read_text(encoding="utf-8").replace("paper: a4", "paper: a4\nlanguage: de"), encoding="utf-8"
    )
    assert run("build", "low-back-release", workspace=examples).code == 0
    path = examples / "build" / "low-back-release" / "how-to-print.pdf"
    text = flat(PdfReader(path).pages[0].extract_text())
    for phrase in (
        "So druckst und faltest du das Heft",
        "Dieses Heft hat 16 Seiten auf 4 Blatt Papier.",
        "Blatt 1 · Vorderseite",
        "Blatt 1 · Rückseite",
        "an der kurzen Kante wenden",
        "Falz",
        "Heftklammern",
        "Gefaltet: Blatt 1 außen",
        "Die anderen Blätter: Vorder- und Rückseite",
        "Blatt 2",
        "Blatt 4",
    ):
        assert phrase in text, phrase
    for english in ("Sheet", "front", "back", "fold", "staples", "flip", "outside"):
        assert english not in text, english
    assert page_numbers(path)[0] == ["16", "1", "2", "15"]


def test_letter_paper_gives_a_letter_page(examples, run):
    assert run("build", "low-back-release", "--paper", "letter", workspace=examples).code == 0
    path = examples / "build" / "low-back-release" / "how-to-print.pdf"
    reader = PdfReader(path)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    assert page_numbers(path) == [
        ["16", "1", "2", "15"],
        ["14", "3", "4", "13", "12", "5", "6", "11", "10", "7", "8", "9"],
    ]


def test_the_corpus_30_step_booklet_gets_every_sheet(tmp_path, run):
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "tests" / "corpus", corpus, ignore=shutil.ignore_patterns("build"))
    assert run("build", "s30-thirty-steps", "--format", "booklet", workspace=corpus).code == 0
    folder = corpus / "build" / "s30-thirty-steps"
    pages = len(PdfReader(folder / "booklet.pdf").pages)
    sheets = len(PdfReader(folder / "booklet-print.pdf").pages) // 2
    path = folder / "how-to-print.pdf"
    assert len(PdfReader(path).pages) == 1
    rows = page_numbers(path)
    assert len(rows[0]) == 4 and sum(len(row) for row in rows[1:]) == 4 * (sheets - 1)
    assert rows[0] == [str(4 * sheets), "1", "2", str(4 * sheets - 1)]
    assert sheets >= 7 and pages <= 4 * sheets
