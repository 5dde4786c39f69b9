"""The mat card: large print read from the floor. A grid of at most six step cells a page (names 28 pt or more,
side badge and hold 20 pt or more), the words of every caution at 16 pt or more on the page of its step, the
general cautions on the card, series banners, folios, mirrored left-first pictures, a client's name as written.

The PDFs are real builds of the examples and of tests/corpus; expected words, sizes and counts are written
out here."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pdfplumber
import pytest
from conftest import ROOT, build_examples

from handouts.commands.cli import main
from handouts.layouts import matlayout, matnotes, mattext, styles
from handouts.pipeline.loading import load_workspace
from handouts.reading.workspace import Workspace

CORPUS = ROOT / "tests" / "corpus"
MM = 72 / 25.4
EXAMPLES = ("desk-break", "low-back-release", "psoas-stretches")
CORPUS_NAMES = sorted(p.stem for p in (CORPUS / "sequences").glob("*.yaml"))
# what the layout promises on A4 (pages of each card)
PAGES = {
    "desk-break": 2,
    "low-back-release": 2,
    "psoas-stretches": 2,
    "s01-one-pose": 1,
    "s02-two-steps": 1,
    "s03-three-steps": 1,
    "s05-five-steps": 1,
    "s08-eight-steps": 3,
    "s12-twelve-steps": 3,
    "s20-twenty-steps": 4,
    "s25-twenty-five-steps": 6,
    "s30-thirty-steps": 6,
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_examples(tmp_path_factory.mktemp("mat"), "matcard")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("matcorpus")
    assert main(["build", "--workspace", str(CORPUS), "--out", str(out), "--format", "matcard"]) == 0
    return out


def _pdf(built, corpus, name) -> Path:
    return (built if name in EXAMPLES else corpus) / name / "matcard.pdf"


def _lines(page, min_size: float = 0.0) -> list[str]:
    """The page's lines of text in characters of `min_size` points or more."""
    page = page.filter(lambda obj: obj.get("object_type") != "char" or obj["size"] >= min_size - 0.01)
    return [" ".join(line["text"].split()) for line in page.extract_text_lines()]


def _texts(page, min_size: float = 0.0) -> list[str]:
    """The page's text in characters of `min_size` points or more, read whole, by halves and by thirds (a
    column of cells or of cautions), lines joined with spaces and a hyphen at a line's end joined up."""
    width = page.width
    regions = (
        [(0, width)]
        + [(width * i / 2, width * (i + 1) / 2) for i in range(2)]
        + [(width * i / 3, width * (i + 1) / 3) for i in range(3)]
    )
    out = []
    for x0, x1 in regions:
        part = page.within_bbox((x0, 0, x1, page.height))
        text = " ".join(_lines(part, min_size))
        out.append(re.sub(r"(?<=\w)- (?=\w)", "-", text))
    return out


def _normal(text: str) -> str:
    return " ".join(str(text).split())


# -- sizes -----------------------------------------------------------------------------------------------------
LOW_BACK = [  # label, name, side badge and hold, as printed
    ("1", "Gluteal massage", "5 circles each way"),
    ("2", "Sacral massage", "5 circles each way"),
    ("3", "Supine twist", "R → L · 5 breaths"),
    ("4", "Knee drops", "R ↔ L · 10 cycles"),
    ("5a", "Hamstring stretch", "R → L · 5 breaths"),
    ("5b", "Inner thigh stretch", "R → L · 5 breaths"),
    ("5c", "IT band stretch", "R → L · 5 breaths"),
    ("5a", "Hamstring stretch, again", "R → L · 3 breaths"),
    ("6", "Outer hip stretch", "R → L · 10 breaths"),
    ("7", "Deep gluteal stretch", "R → L · 10 breaths"),
    ("8", "Sacral thumps", "10 reps"),
]


def test_names_28_pt_badge_and_hold_20_pt(built):
    with pdfplumber.open(built / "low-back-release" / "matcard.pdf") as pdf:
        big = " | ".join(" | ".join(_lines(page, 28)) for page in pdf.pages)
        big_words = big.split()
        medium = [" | ".join(_lines(page, 20)) for page in pdf.pages]
        for label, name, detail in LOW_BACK:
            assert f"{label} {name.split()[0]}" in big, label  # the number and the name's first word together
            for word in name.split():
                assert word in big_words, (label, word)
            assert any(detail in text for text in medium), (label, detail)
        assert len(re.findall(r"R → L · 5 breaths", " ".join(medium))) == 4  # 3, 5a, 5b, 5c
        sizes = {round(c["size"]) for page in pdf.pages for c in page.chars}
        assert min(sizes) >= 12  # the running title and folio; everything else larger


def test_a_left_first_step_and_an_alternating_one_show_their_badges(corpus):
    with pdfplumber.open(corpus / "s12-twelve-steps" / "matcard.pdf") as pdf:
        text = " | ".join(" | ".join(_lines(page, 20)) for page in pdf.pages)
    assert "L → R · 5 breaths" in text  # 2 Triangle at the wall, the sequence is done left first
    assert "L → R · 30 s" in text  # 8 Low lunge
    assert "R → L" not in text


@pytest.mark.parametrize("name", EXAMPLES + tuple(CORPUS_NAMES))
def test_every_caution_in_words_at_16_pt(built, corpus, name):
    workspace = ROOT if name in EXAMPLES else CORPUS
    (plan,) = load_workspace(Workspace(workspace), [name]).plans
    with pdfplumber.open(_pdf(built, corpus, name)) as pdf:
        pages = [_texts(page, 16) for page in pdf.pages]
        everything = " ".join(t for texts in pages for t in texts)
        for step in plan.steps:
            for caution in step.cautions:
                assert _normal(caution) in everything, (name, step.label, caution)
        for caution in plan.sequence.cautions:
            assert _normal(caution) in everything, (name, caution)
        if plan.sequence.cautions:
            assert "Throughout the practice" in everything
        assert "{{" not in everything


def test_a_caution_is_on_the_page_of_its_step(built):
    """Low back: 4 Knee drops (page 1) and 8 Sacral thumps (page 2) with their marks and words."""
    with pdfplumber.open(built / "low-back-release" / "matcard.pdf") as pdf:
        first, second = (" ".join(_texts(page, 16)) for page in pdf.pages)
    knees = "Take the knees only as low as you can bring them back up without jerking or arching the back."
    thumps = "Leave this out with osteoporosis or a bruised or painful tailbone."
    assert knees in first and knees not in second
    assert thumps in second and thumps not in first
    # the repeat of 5a on page 2 brings its caution's words there too
    hamstring = "Ease off if you feel a pull behind the knee or tingling down the leg."
    assert hamstring in first and hamstring in second


# -- pages -----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", EXAMPLES + tuple(CORPUS_NAMES))
def test_pages_landscape_numbered_at_most_six_cells(built, corpus, name):
    with pdfplumber.open(_pdf(built, corpus, name)) as pdf:
        total = len(pdf.pages)
        assert total == PAGES[name]
        for number, page in enumerate(pdf.pages, 1):
            assert page.width > page.height
            corner = [w["text"] for w in page.extract_words() if w["top"] < 16 * MM and w["x0"] > page.width * 0.8]
            assert corner == f"{number} / {total}".split()  # the folio, at the right of the title line
            labels = [
                w
                for w in page.extract_words(extra_attrs=["size"])
                if round(w["size"], 1) >= 28 and re.fullmatch(r"\d+[a-z]?", w["text"])
            ]
            assert 1 <= len(labels) <= 6


def test_low_back_cells_by_page(built):
    with pdfplumber.open(built / "low-back-release" / "matcard.pdf") as pdf:
        labels = [
            [
                w["text"]
                for w in sorted(page.extract_words(extra_attrs=["size"]), key=lambda w: (round(w["top"] / 20), w["x0"]))
                if round(w["size"], 1) >= 28 and re.fullmatch(r"\d+[a-z]?", w["text"])
            ]
            for page in pdf.pages
        ]
    assert labels == [["1", "2", "3", "4", "5a", "5b"], ["5c", "5a", "6", "7", "8"]]


def test_title_on_the_first_page_running_title_after(built):
    with pdfplumber.open(built / "low-back-release" / "matcard.pdf") as pdf:
        first = list(_lines(pdf.pages[0], 24))
        assert first[0].startswith("Low Back Release")
        second = pdf.pages[1].extract_text_lines()[0]
        assert second["text"].startswith("Low Back Release") and second["chars"][0]["size"] < 16


def test_three_steps_on_one_page_and_one_step_on_one_page(corpus):
    for name, labels in (("s03-three-steps", ["1", "2", "3"]), ("s01-one-pose", ["1"])):
        with pdfplumber.open(corpus / name / "matcard.pdf") as pdf:
            assert len(pdf.pages) == 1
            words = pdf.pages[0].extract_words(extra_attrs=["size"])
            assert [w["text"] for w in words if round(w["size"], 1) >= 28 and re.fullmatch(r"\d+", w["text"])] == labels


def test_letter_and_grayscale(tmp_path):
    out = tmp_path / "out"
    assert (
        main(
            [
                "build",
                "low-back-release",
                "--workspace",
                str(ROOT),
                "--out",
                str(out),
                "--format",
                "matcard",
                "--paper",
                "letter",
                "--grayscale",
            ]
        )
        == 0
    )
    with pdfplumber.open(out / "low-back-release" / "matcard.pdf") as pdf:
        assert len(pdf.pages) == 2
        for page in pdf.pages:
            assert (round(page.width), round(page.height)) == (792, 612)
            for c in page.chars:
                colour = c.get("non_stroking_color") or (0,)
                assert len({round(v, 3) for v in colour}) == 1 or len(colour) == 1, colour  # grey


# -- series ----------------------------------------------------------------------------------------------------
def test_series_banner_on_the_page_of_its_first_cell_and_when_continued(built):
    banner = "Strap series · Do 5a–5c on the right, then all of them on the left"
    with pdfplumber.open(built / "low-back-release" / "matcard.pdf") as pdf:
        first, second = (" ".join(_lines(page, 18)) for page in pdf.pages)
    assert banner in first
    assert "Strap series" in second and "Do 5a–5c on the right, then all of them on the left" in second
    assert "::" not in first and ": ·" not in first


def test_a_series_whole_on_one_page_takes_no_row_of_its_own(corpus):
    """s05: 1, then 2a 2b (the series) in the first row, 2a again, 3, 4 in the second: six cells, one page."""
    with pdfplumber.open(corpus / "s05-five-steps" / "matcard.pdf") as pdf:
        (page,) = pdf.pages
        text = " ".join(_lines(page, 18))
        assert "Strap pair · Do 2a–2b on the right, then all of them on the left" in text
        words = [
            w
            for w in page.extract_words(extra_attrs=["size"])
            if round(w["size"], 1) >= 28 and re.fullmatch(r"\d+[a-z]?", w["text"])
        ]
        rows = sorted({round(w["top"]) for w in words})
        assert len(words) == 6 and len(rows) == 2


# -- pictures --------------------------------------------------------------------------------------------------
def _render(pdf: Path, number: int = 0, scale: float = 2.0):
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    return document[number].render(scale=scale).to_pil().convert("L")


def _one_step(folder: Path, side: str) -> Path:
    (folder / "sequences").mkdir(parents=True)
    (folder / "sequences" / "one.yaml").write_text(
        f"title: One\nsteps:\n  - pose: low-lunge\n    side: {side}\n    hold: 5 breaths\n", encoding="utf-8"
    )
    assert main(["build", "--workspace", str(folder), "--format", "matcard"]) == 0
    return folder / "build" / "one" / "matcard.pdf"


def test_a_left_first_figure_is_drawn_mirrored(tmp_path):
    from PIL import ImageChops, ImageOps

    right = _one_step(tmp_path / "r", "right first")
    left = _one_step(tmp_path / "l", "left first")
    with pdfplumber.open(right) as pdf:
        assert "R → L · 5 breaths" in " ".join(_lines(pdf.pages[0], 20))
    with pdfplumber.open(left) as pdf:
        assert "L → R · 5 breaths" in " ".join(_lines(pdf.pages[0], 20))
    (plan,) = load_workspace(Workspace(tmp_path / "l"), ["one"]).plans
    from handouts.layouts.matcard import MatCard

    (page,) = MatCard(plan, styles.MAT_PAGES["a4"]).layout()
    (box,) = page.pictures
    scale = 2.0
    height = page.size[1]
    crop = (
        round(box.x * scale),
        round((height - box.y - box.h) * scale),
        round((box.x + box.w) * scale),
        round((height - box.y) * scale),
    )
    a, b = _render(right).crop(crop), _render(left).crop(crop)
    assert ImageChops.difference(a, b).getbbox() is not None  # the figure is not symmetric: the test can fail

    def mean_difference(x, y) -> float:
        diff = ImageChops.difference(x, y)
        return sum(diff.histogram()[i] * i for i in range(256)) / (diff.width * diff.height)

    assert mean_difference(ImageOps.mirror(a), b) < 2.0 < mean_difference(a, b)


def test_a_left_first_photo_is_mirrored(corpus):
    """s12 step 2 (the sequence is done left first): side-stretch.jpg has its dark block on the left; on the
    card it is on the right."""
    pdf_path = corpus / "s12-twelve-steps" / "matcard.pdf"
    with pdfplumber.open(pdf_path) as pdf:
        found = [(n, image) for n, page in enumerate(pdf.pages) for image in page.images]
        assert len(found) == 1
        number, image = found[0]
        page_height = pdf.pages[number].height
        assert "2 Triangle at the" in " ".join(_lines(pdf.pages[number], 28))
    scale = 2.0
    picture = _render(pdf_path, number, scale).crop(
        (
            round(image["x0"] * scale),
            round(image["top"] * scale),
            round(image["x1"] * scale),
            round(image["bottom"] * scale),
        )
    )
    assert image["top"] < page_height
    w, h = picture.size

    def mean(box) -> float:
        part = picture.crop(box)
        return sum(i * n for i, n in enumerate(part.histogram())) / (part.width * part.height)

    left, right = mean((0, 0, w // 2, h)), mean((w // 2, 0, w, h))
    assert right < left - 30  # darker on the right


# -- a client's card -------------------------------------------------------------------------------------------
def test_a_clients_card_prints_their_name_as_written(tmp_path):
    workspace = tmp_path / "corpus"
    shutil.copytree(CORPUS, workspace, ignore=shutil.ignore_patterns("build"))
    assert main(["build", "--workspace", str(workspace), "--clients", "clients.yaml"]) == 0
    (card,) = (workspace / "build" / "clients").glob("ada*/s08-eight-steps-matcard.pdf")
    with pdfplumber.open(card) as pdf:
        first = pdf.pages[0].extract_text()
        assert "Prepared for Ada <Lovelace> & Co" in first
        everything = " ".join(page.extract_text() for page in pdf.pages)
        assert "&amp;" not in everything and "&lt;" not in everything
        # her easier bridge and her teacher's notes are on her card, and the knee drops she leaves out are not
        words = " ".join(t for page in pdf.pages for t in _texts(page, 16))
        assert "For you (easier): Lift the hips only a hand's width from the floor." in words
        assert "Notes for you" in words
        assert "Keep the bridge low until your back settles; we will build it up together." in words
        assert "Bring a folded blanket for your head." in words
        assert "Knee drops" not in everything
        for page in pdf.pages[1:]:
            assert "Prepared for Ada <Lovelace> & Co" in page.extract_text_lines()[0]["text"]


# -- the layout as data ----------------------------------------------------------------------------------------
def test_split_is_even_with_the_earlier_pages_fuller():
    assert matlayout.split(11, 2) == [(0, 6), (6, 5)]
    assert matlayout.split(13, 3) == [(0, 5), (5, 4), (9, 4)]
    assert matlayout.split(1, 1) == [(0, 1)]


def test_balance_keeps_a_heading_with_what_follows():
    assert matnotes.balance([1, 1, 1, 1], 2) == (2,)
    assert matnotes.balance([3, 1, 1, 1], 2) == (1,)
    assert matnotes.balance([1, 5, 1], 2, keep={1}) == (2,)
    assert matnotes.balance([1, 1], 1) == ()


def test_wrap_breaks_long_words_with_a_hyphen():
    size = 28
    word = "Oberschenkelrückseitendehnung"
    lines = mattext.wrap(f"{word} with a long compound word", True, size, 70 * MM)
    assert all(mattext.width_of(line, True, size) <= 70 * MM for line in lines)
    broken = [line for line in lines if line.endswith("-")]
    assert broken and "".join(line.split()[-1].rstrip("-") if line.endswith("-") else "" for line in lines)
    joined = " ".join(lines).replace("- ", "")
    assert word in joined
    assert lines[0] in ("Ober-", "Oberschen-", "Oberschenkel-", "Oberschenkelrück-")  # between syllables
    # a hyphenated word is parted only after its own hyphens
    lines = mattext.wrap("Reclined hand-to-big-toe pose with the raised leg", True, size, 60 * MM)
    for line in lines:
        for part in line.split():
            assert part.rstrip("-") in "Reclined hand-to-big-toe pose with the raised leg".replace(
                "-", " - "
            ) or part.endswith("-"), line
    assert " ".join(lines).replace("- ", "-") == "Reclined hand-to-big-toe pose with the raised leg"


MINIMUM = {
    "name": 28,
    "label": 28,
    "detail": 20,
    "mark": 20,
    "caution": 16,
    "general": 16,
    "number": 16,
    "heading": 16,
    "chosen": 16,
    "note": 16,
    "banner": 18,
}  # points, by what a line of text is


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("name", CORPUS_NAMES)
def test_every_line_inside_the_printable_page_and_its_cell(name, paper):
    from handouts.layouts.matcard import MatCard

    (plan,) = load_workspace(Workspace(CORPUS), [name]).plans
    pages = MatCard(plan, styles.MAT_PAGES[paper]).layout()
    margin = 5 * MM
    for page in pages:
        width, height = page.size
        assert len(page.cells) <= 6
        for run in page.runs:
            right = run.x + mattext.width_of(run.text, run.bold, run.size)
            assert margin <= run.x and right <= width - margin, run
            assert margin <= run.y - 0.3 * run.size and run.y + run.size <= height - margin, run
            assert run.size >= MINIMUM.get(run.role, 12), run
        for cell in page.cells:
            inside = [
                r
                for r in page.runs
                if r.role in ("label", "name", "detail", "mark")
                and cell.x <= r.x < cell.x + cell.w
                and cell.y <= r.y <= cell.y + cell.h
            ]
            assert any(r.role == "label" and r.text == cell.label for r in inside)
            for run in inside:
                assert run.x + mattext.width_of(run.text, run.bold, run.size) <= cell.x + cell.w + 0.01, run
        for a in page.cells:
            for b in page.cells:
                if a is not b:
                    assert (
                        a.x + a.w <= b.x + 0.01
                        or b.x + b.w <= a.x + 0.01
                        or a.y + a.h <= b.y + 0.01
                        or b.y + b.h <= a.y + 0.01
                    )
        for picture in page.pictures:
            (cell,) = [c for c in page.cells if c.step is picture.step]
            assert cell.x - 0.01 <= picture.x and picture.x + picture.w <= cell.x + cell.w + 0.01
            assert cell.y - 0.01 <= picture.y and picture.y + picture.h <= cell.y + cell.h + 0.01


def test_mark_numbers_in_a_row_read_as_a_range():
    assert matnotes.number_list([1, 2]) == "1, 2"
    assert matnotes.number_list([3, 4, 5, 6]) == "3–6"
    assert matnotes.number_list([9, 1, 4, 5, 6]) == "1, 4–6, 9"


def test_a_step_with_more_caution_words_than_a_page_holds(tmp_path):
    """25 long cautions on one step: those that do not fit under it continue on the next page; every word is
    printed at 16 pt, no line over another."""
    texts = [
        f"Caution number {i} is a long sentence that tells you to be careful with the back, the neck and the knees."
        for i in range(25)
    ]
    (tmp_path / "sequences").mkdir()
    (tmp_path / "sequences" / "many.yaml").write_text(
        "title: Many\nsteps:\n  - pose: bridge\n    hold: 5 breaths\n    cautions:\n"
        + "".join(f"      - {t}\n" for t in texts)
        + "  - pose: mountain\n    hold: 3 breaths\n",
        encoding="utf-8",
    )
    assert main(["build", "--workspace", str(tmp_path), "--format", "matcard"]) == 0
    with pdfplumber.open(tmp_path / "build" / "many" / "matcard.pdf") as pdf:
        assert len(pdf.pages) == 3  # the bridge, the rest of its cautions, the mountain
        words = " ".join(t for page in pdf.pages for t in _texts(page, 16))
        for text in texts:
            assert text in words
        for page in pdf.pages:
            boxes = page.extract_words()
            for i, a in enumerate(boxes):
                for b in boxes[i + 1 :]:
                    overlap_x = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
                    overlap_y = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
                    assert overlap_x <= 0.5 or overlap_y <= 0.5, (a["text"], b["text"])
