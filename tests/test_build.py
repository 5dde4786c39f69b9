"""Building the examples: what the PDFs say, how they are made, and that the same input gives the same bytes."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest
from conftest import ROOT, snapshot
from conftest import colourful_pixels as _colourful_pixels
from pypdf import PdfReader

from handouts.pipeline.loading import load_workspace
from handouts.reading.labels import DASH
from handouts.reading.labels import ENGLISH as labels
from handouts.reading.workspace import Workspace

MARGIN = 5 / 25.4 * 72  # the 5 mm most printers cannot print into
EXAMPLES = sorted(p.stem for p in (ROOT / "sequences").glob("*.yaml") if "." not in p.stem)  # not translations


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Every example built once into a temporary folder, as `handouts build --out DIR` does."""
    out = tmp_path_factory.mktemp("build")
    from handouts.commands.cli import main

    assert main(["build", "--workspace", str(ROOT), "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def plans():
    return {p.sequence.slug: p for p in load_workspace(Workspace(ROOT), []).plans}


def flat(text: str) -> str:
    return " ".join(text.split())


def pdf_text(path: Path) -> str:
    return flat(" ".join(page.extract_text() or "" for page in PdfReader(path).pages))


def test_there_are_three_examples():
    assert EXAMPLES == ["desk-break", "low-back-release", "psoas-stretches"]


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_step_shows_its_number_name_side_and_hold(built, plans, name):
    text = pdf_text(built / name / "booklet.pdf")
    plan = plans[name]
    for step in plan.steps:
        assert flat(step.name) in text, step.name
        assert labels.hold_label(step.hold) in text, (step.label, labels.hold_label(step.hold))
        marker = (labels.series_side_marker if step.series else labels.side_marker)(step.mode, step.order)
        assert marker in text, (step.label, marker)
        for line in (*step.cues, *step.cautions):
            if not step.repeat_of:
                assert flat(line) in text, line
        if step.sanskrit:
            assert flat(step.sanskrit) in text
    for label in plan.labels:
        assert re.search(rf"(^|\s){re.escape(label)}\s", text), label


def test_side_markers_name_the_right_side_first(built):
    text = pdf_text(built / "low-back-release" / "booklet.pdf")
    assert "R \u2192 L Right side first, then left" in text
    assert "R \u2194 L Alternate sides, right first" in text
    assert "R \u2192 L With the series, right side first, then left" in text
    assert "Do 5a\u20135c on the right, then all of them on the left" in text
    desk = pdf_text(built / "desk-break" / "booklet.pdf")
    assert "L \u2192 R With the series, left side first, then right" in desk
    assert "Do 6a\u20136b on the left, then all of them on the right" in desk


def test_iast_names_come_out_intact(built):
    text = pdf_text(built / "low-back-release" / "booklet.pdf")
    assert "Supta P\u0101d\u0101\u1e45gu\u1e63\u1e6dh\u0101sana" in text
    assert "P\u0101d\u0101\u1e45gu\u1e63\u1e6dh\u0101sana" in text  # Pādāṅguṣṭhāsana
    assert "Supta Matsyendr\u0101sana" in text


@pytest.mark.parametrize("name", EXAMPLES)
def test_metadata_bookmarks_and_language(built, plans, name):
    reader = PdfReader(built / name / "booklet.pdf")
    sequence = plans[name].sequence
    assert reader.metadata.title == sequence.title
    assert reader.metadata.author == "Maya Lindqvist"  # studio.yaml's instructor (no sequence names its own)
    assert reader.metadata.subject
    assert reader.trailer["/Root"]["/Lang"] == "en"
    titles = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    for step in plans[name].steps:
        assert any(t.startswith(f"{step.label} {step.name}") for t in titles), step.label
    series = [t for t in titles if DASH in t.split(" ")[0]]  # "5a–5c Strap series"
    assert len(titles) == len(plans[name].steps) + len(series) + 1  # one per step, per series, "Before you begin"


@pytest.mark.parametrize("name", EXAMPLES)
def test_only_the_bundled_font_and_nothing_in_the_printer_margin(built, name):
    with pdfplumber.open(built / name / "booklet.pdf") as pdf:
        for page in pdf.pages:
            for ch in page.chars:
                assert ch["fontname"].split("+")[-1].startswith(("SourceSans3", "NotoSansDevanagari")), ch["fontname"]
                assert ch["x0"] >= MARGIN and ch["x1"] <= page.width - MARGIN
                assert ch["top"] >= MARGIN and ch["bottom"] <= page.height - MARGIN
                assert ch["size"] >= 9


def test_body_text_is_at_least_12_pt(built):
    with pdfplumber.open(built / "low-back-release" / "booklet.pdf") as pdf:
        sizes = [round(ch["size"], 1) for page in pdf.pages[3:] for ch in page.chars if ch["text"].strip()]
    body = [s for s in sizes if s > 9.5]  # all but folios and the running header
    assert min(body) >= 11 and sorted(body)[len(body) // 10] >= 12


def test_page_sizes_follow_the_paper(tmp_path, run):
    assert run("build", "low-back-release", "--paper", "letter", "--out", str(tmp_path), workspace=ROOT).code == 0
    page = PdfReader(tmp_path / "low-back-release" / "booklet.pdf").pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (396, 612)
    sheet = PdfReader(tmp_path / "low-back-release" / "booklet-print.pdf").pages[0]
    assert (round(float(sheet.mediabox.width)), round(float(sheet.mediabox.height))) == (792, 612)  # Letter
    assert run("build", "low-back-release", "--out", str(tmp_path), workspace=ROOT).code == 0
    page = PdfReader(tmp_path / "low-back-release" / "booklet.pdf").pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (420, 595)
    assert run("build", "low-back-release", "--no-impose", "--out", str(tmp_path / "plain"), workspace=ROOT).code == 0
    assert sorted(p.name for p in (tmp_path / "plain" / "low-back-release").iterdir()) == [
        "booklet.pdf",
        "cheatsheet.pdf",
    ]


def _build_in_new_process(out: Path, seed: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    subprocess.run(
        [sys.executable, "-m", "handouts", "build", "--workspace", str(ROOT), "--out", str(out)],
        check=True,
        env=env,
        capture_output=True,
    )
    return snapshot(out)


def test_building_twice_gives_identical_bytes(tmp_path):
    first = _build_in_new_process(tmp_path / "one", "1")
    second = _build_in_new_process(tmp_path / "two", "2")
    outputs = [name for name in first if not name.startswith(".cache/")]  # the image cache is also identical
    assert len(outputs) == 4 * len(EXAMPLES)  # booklet, print file, how to print it, cheat sheet
    assert first == second


def test_build_writes_only_finished_files(built):
    names = sorted(p.relative_to(built).as_posix() for p in built.rglob("*") if p.is_file())
    cache = [n for n in names if n.startswith(".cache/images/")]
    assert len(cache) == 1 and re.fullmatch(r"\.cache/images/[0-9a-f]{32}-\d+x\d+\.png", cache[0])  # the logo
    cache.append(".cache/examined.json")  # the images examined fine, by content (pipeline/examined.py)
    assert [n for n in names if n not in cache] == [
        f"{name}/{file}"
        for name in EXAMPLES
        for file in ("booklet-print.pdf", "booklet.pdf", "cheatsheet.pdf", "how-to-print.pdf")
    ]


def test_build_of_one_sequence_leaves_the_others_alone(tmp_path, run):
    assert run("build", "psoas-stretches", "--out", str(tmp_path), workspace=ROOT).code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [".cache", "psoas-stretches"]  # the image cache


def test_images_are_placed_on_their_step(tmp_path, examples, run):
    from PIL import Image

    (examples / "images").mkdir(exist_ok=True)
    Image.new("RGB", (400, 300), (200, 30, 30)).save(examples / "images" / "bridge-photo.png")
    text = (examples / "sequences" / "psoas-stretches.yaml").read_text(encoding="utf-8")
    text = text.replace("  - pose: bridge\n", "  - pose: bridge\n    image: bridge-photo.png\n", 1)
    (examples / "sequences" / "psoas-stretches.yaml").write_text(text, encoding="utf-8")
    assert run("build", "psoas-stretches", workspace=examples).code == 0
    with pdfplumber.open(examples / "build" / "psoas-stretches" / "booklet.pdf") as pdf:
        pages = [p for p in pdf.pages[1:] if p.images]  # the cover carries the studio logo
        assert len(pages) == 1
        assert "Bridge" in pages[0].extract_text()
        image = pages[0].images[0]
        assert image["srcsize"] == (400, 300)
        assert abs((image["x1"] - image["x0"]) / (image["bottom"] - image["top"]) - 4 / 3) < 0.01


def test_a_crowded_step_lays_out_whole_without_overlap(tmp_path, run):
    """12 cues, 5 cautions (two of 1,770 characters, together longer than a page: one text may have 2,000), a
    60-character name, and markup characters."""
    long_caution = "Stop at once if you feel sharp pain, numbness or tingling; " * 30
    cues = "".join(
        f"      - Cue {i} with <b>tags</b> & ampersands, long enough to wrap over two lines.\n" for i in range(1, 13)
    )
    name = "A very long pose name that goes on and on for sixty chars!!!"
    assert len(name) == 60
    (tmp_path / "sequences").mkdir()
    (tmp_path / "sequences" / "crowded.yaml").write_text(
        f"title: Crowded <b>&\nsteps:\n  - name: {name}\n    side: left first\n    hold: 3 x 5 breaths\n"
        f'    cues:\n{cues}    cautions:\n      - "{long_caution}"\n      - "Again: {long_caution}"\n'
        "      - Second caution.\n"
        "      - Third caution.\n      - Fourth caution.\n    easier: [Easier one., Easier two.]\n",
        encoding="utf-8",
    )
    assert run("build", workspace=tmp_path).code == 0
    pdf_path = tmp_path / "build" / "crowded" / "booklet.pdf"
    text = pdf_text(pdf_path)
    assert name in text and "Crowded <b>&" in text and "Left side first, then right" in text
    for i in range(1, 13):
        assert f"Cue {i} with <b>tags</b> & ampersands" in text
    for caution in ("Second caution.", "Third caution.", "Fourth caution."):
        assert f"Caution: {caution}" in text
    # a card taller than a page says so at each page turn, and the next page names it again
    turns = text.count(labels["continued_next"])
    assert turns >= 2 and text.count(f"1 {name} ({labels['continued']})") == turns
    running = re.sub(
        rf"{re.escape(labels['continued_next'])} Crowded <b>& \d+ 1 {re.escape(name)} "
        rf"\({labels['continued']}\) ",
        "",
        text,
    )  # the page turns, taken out of the running text
    assert running.count("numbness or tingling;") == 60
    assert "Easier: Easier one. Easier: Easier two." in text
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            words = page.extract_words()
            for i, a in enumerate(words):
                for b in words[i + 1 :]:
                    if abs(a["top"] - b["top"]) > 1:
                        assert not (
                            min(a["x1"], b["x1"]) - max(a["x0"], b["x0"]) > 0.5
                            and min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > 0.5
                        ), (a, b)


@pytest.mark.parametrize("name", EXAMPLES)
def test_no_page_is_blank(built, name):
    """Every page carries more than its running header and folio (a card that only just fills a page must not
    push its trailing space onto a page of its own)."""
    title = str(load_workspace(Workspace(ROOT), [name]).plans[0].sequence.title)
    reader = PdfReader(built / name / "booklet.pdf")
    for number, page in enumerate(reader.pages, 1):
        words = flat(page.extract_text() or "").replace(title, "", 1).split()
        assert [w for w in words if w != str(number)], f"page {number} is blank"


def _print_halves(path: Path) -> list[tuple[str, str]]:
    """The text of the left and right half of every printed side of a print file."""
    with pdfplumber.open(path) as pdf:
        return [
            tuple(
                flat(page.crop(box).extract_text() or "")
                for box in ((0, 0, page.width / 2, page.height), (page.width / 2, 0, page.width, page.height))
            )
            for page in pdf.pages
        ]


def _reading_order(sides: list) -> list:
    """The halves in the order a reader meets them in the folded booklet (see test_impose)."""
    sheets = [(sides[2 * s], sides[2 * s + 1]) for s in range(len(sides) // 2)]
    going_in = [half for front, back in sheets for half in (front[1], back[0])]
    coming_out = [half for front, back in reversed(sheets) for half in (back[1], front[0])]
    return going_in + coming_out


# the booklet's pages as they come (read on screen, e-mailed), the sheets of its print file, and the page of
# the practice log: the last page, with the back cover's block at its foot, or the one before the back cover
PAGES = {"desk-break": (10, 3, 9), "low-back-release": (13, 4, 12), "psoas-stretches": (10, 3, 10)}


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_booklet_is_not_padded_and_its_print_file_adds_notes_before_the_back_cover(built, name):
    pages, sheets, log_page = PAGES[name]
    booklet = PdfReader(built / name / "booklet.pdf")
    assert len(booklet.pages) == pages
    title = str(load_workspace(Workspace(ROOT), [name]).plans[0].sequence.title)
    with pdfplumber.open(built / name / "booklet.pdf") as pdf:
        texts = [flat(page.extract_text() or "") for page in pdf.pages]
    log = [i for i, text in enumerate(texts) if labels["practice_log"] in text]
    assert log == [log_page - 1] and "Week 1" in texts[log[0]]
    assert "not medical advice" in texts[-1] and "Riverside Back Care" in texts[-1], "the back cover is last"
    if log_page == pages:  # the back cover's block at the foot of the log's page
        assert texts[-1].index("Week 6") < texts[-1].index("Riverside Back Care") < texts[-1].index("not medical")
    assert not [text for text in texts if text in (f"{title} {labels['notes']} {n}" for n in range(1, 99))], (
        "no notes page of its own in the booklet"
    )
    halves = _print_halves(built / name / "booklet-print.pdf")
    assert len(halves) == 2 * sheets
    assert "not medical advice" in halves[0][0], "the back cover is the left half of the first side"
    order = _reading_order(halves)
    assert len(order) == 4 * sheets
    assert order[: pages - 1] == texts[:-1] and order[-1] == texts[-1]
    assert order[pages - 1 : -1] == [f"{title} {labels['notes']} {n}" for n in range(pages, 4 * sheets)], (
        "notes pages (heading, running header, their page number) before the back cover"
    )


def test_the_studio_settings_reach_the_cover_and_the_back_cover(built):
    reader = PdfReader(built / "desk-break" / "booklet.pdf")
    cover, back = flat(reader.pages[0].extract_text()), flat(reader.pages[-1].extract_text())
    assert "Riverside Back Care" in cover
    for line in (
        "Riverside Back Care",
        "maya@riverside-backcare.example",
        "riverside-backcare.example",
        labels["disclaimer"][:40],
    ):
        assert line in back
    assert not back.split()[-1].isdigit(), "the back cover has no folio"


def test_studio_paper_and_print_file_are_defaults_the_command_line_overrides(tmp_path, examples, run):
    (examples / "studio.yaml").write_text("paper: letter\nprint_file: false\n", encoding="utf-8")
    assert run("build", "psoas-stretches", workspace=examples).code == 0
    folder = examples / "build" / "psoas-stretches"
    assert sorted(p.name for p in folder.iterdir()) == ["booklet.pdf", "cheatsheet.pdf"]
    assert round(float(PdfReader(folder / "booklet.pdf").pages[0].mediabox.width)) == 396
    assert run("build", "psoas-stretches", "--paper", "a4", "--impose", workspace=examples).code == 0
    assert sorted(p.name for p in folder.iterdir()) == [
        "booklet-print.pdf",
        "booklet.pdf",
        "cheatsheet.pdf",
        "how-to-print.pdf",
    ]
    assert round(float(PdfReader(folder / "booklet.pdf").pages[0].mediabox.width)) == 420


def test_grayscale_prints_in_shades_of_grey_and_keeps_cautions_marked(tmp_path, examples, run):
    assert run("build", "low-back-release", workspace=examples).code == 0
    booklet = examples / "build" / "low-back-release" / "booklet.pdf"
    assert _colourful_pixels(booklet) > 1000
    assert run("build", "low-back-release", "--grayscale", workspace=examples).code == 0
    assert _colourful_pixels(booklet) == 0
    (plan,) = load_workspace(Workspace(examples), ["low-back-release"]).plans
    boxes = sum(1 for step in plan.steps if step.cautions and not step.repeat_of)
    with pdfplumber.open(booklet) as pdf:  # the caution icon (a filled triangle) still marks every box
        icons = sum(
            1
            for page in pdf.pages
            for curve in page.curves
            if len(curve["pts"]) == 4 and curve["fill"] and 12 < curve["x1"] - curve["x0"] < 18
        )
    assert boxes > 3 and icons == boxes


def test_the_studio_accent_colours_the_badges(tmp_path, examples, run):
    (examples / "studio.yaml").write_text("accent: '#aa2200'\n", encoding="utf-8")
    assert run("build", "desk-break", workspace=examples).code == 0
    with pdfplumber.open(examples / "build" / "desk-break" / "booklet.pdf") as pdf:
        fills = {
            tuple(round(c, 2) for c in rect["non_stroking_color"] or ())
            for page in pdf.pages
            for rect in page.rects + page.curves
            if rect.get("fill")
        }
    assert (0.67, 0.13, 0.0) in fills


def test_per_side_cards_give_each_side_its_own_card_in_order(tmp_path, examples, run):
    (examples / "studio.yaml").write_text("side_cards: per side\n", encoding="utf-8")
    assert run("build", "low-back-release", workspace=examples).code == 0
    reader = PdfReader(examples / "build" / "low-back-release" / "booklet.pdf")
    texts = [flat(page.extract_text() or "") for page in reader.pages]
    twist = [i for i, text in enumerate(texts) if "Supine twist Supta" in text]
    assert len(twist) == 2 and "Right side first" in texts[twist[0]] and "Left side second" in texts[twist[1]]
    rounds = [i for i, text in enumerate(texts) if "Round 2: left side 5a Hamstring" in text]
    assert rounds and all("Round 1: right side" not in texts[i] for i in rounds)
    (plan,) = load_workspace(Workspace(examples), ["low-back-release"]).plans

    def count(outline):
        return sum(count(entry) if isinstance(entry, list) else 1 for entry in outline)

    assert count(reader.outline) == len(plan.steps) + 2  # one per step, "Before you begin", the series
    # a sequence may ask for one card for both sides, whatever the studio says
    seq = examples / "sequences" / "low-back-release.yaml"
    seq.write_text(
        seq.read_text(encoding="utf-8").replace("steps:\n", "side_cards: together\nsteps:\n", 1), encoding="utf-8"
    )
    assert run("build", "low-back-release", workspace=examples).code == 0
    texts = [
        flat(page.extract_text() or "")
        for page in PdfReader(examples / "build" / "low-back-release" / "booklet.pdf").pages
    ]
    assert sum("Supine twist Supta" in text for text in texts) == 1


def test_the_how_to_print_sheet_names_the_booklet_and_the_short_edge(built):
    booklet = PdfReader(built / "low-back-release" / "booklet.pdf")
    sheet = PdfReader(built / "low-back-release" / "how-to-print.pdf")
    text = flat(sheet.pages[0].extract_text())
    assert len(sheet.pages) == 1
    assert len(booklet.pages) == 13
    assert "16 pages on 4 sheets" in text  # the print file's pages: the booklet's and notes
    assert "flips on the short edge" in text and "actual size" in text


@pytest.mark.parametrize("name", EXAMPLES)
def test_a_card_is_whole_on_its_page_or_goes_on_across_the_spread(built, plans, name):
    """Everything a card says (name, side, hold, cues, cautions, variations) is on the page of its heading, or,
    for a card that begins on a left-hand (even) page and says it goes on, on that page and the facing one,
    which opens with the card's name marked as continued."""
    pages = [flat(page.extract_text() or "") for page in PdfReader(built / name / "booklet.pdf").pages]
    cards = 0
    for step in plans[name].steps:
        heading = f"{step.label} {labels.repeat_name(step.name) if step.repeat_of else step.name}"
        first_line = flat(step.cues[0]) if step.cues and not step.repeat_of else f"As in {step.repeat_of}"
        starts = [i for i, text in enumerate(pages) if heading in text and first_line in text]
        assert len(starts) == 1, heading
        page = pages[starts[0]]
        number = starts[0] + 1
        if number < len(pages) and pages[number].startswith(
            f"{flat(str(plans[name].sequence.title))} {number + 1} {heading} (continued)"
        ):
            assert page.endswith("continued on the next page \u2192")
            assert number % 2 == 0, f"{heading} goes on from the right-hand page {number}, overleaf"
            page += " " + pages[number]
        expected = [labels.hold_label(step.hold)]
        if not step.repeat_of:
            expected += [*step.cues, *(f"Caution: {c}" for c in step.cautions), *step.easier, *step.deeper]
        for text in expected:
            assert flat(text) in page, (heading, text)
        cards += 1
    assert cards == len(plans[name].steps)
    going_on = [i + 1 for i, text in enumerate(pages) if text.endswith("continued on the next page \u2192")]
    assert all(number % 2 == 0 for number in going_on), going_on  # only ever onto the facing page


def test_shared_paragraph_and_figure_caches_change_nothing(tmp_path):
    """Paragraphs (parsed and line-broken) and figures (drawn) are remembered across documents in a process;
    a booklet whose long card splits over pages, made again after others, comes out byte for byte the same,
    and the same as in a fresh process."""
    import io

    from handouts.output.images import ImageStage
    from handouts.pipeline.products import booklet_pdf

    (tmp_path / "sequences").mkdir()
    long_caution = "Stop at once if it hurts, or if you feel numbness or tingling; " * 20  # twice: 40 of them
    cues = "".join(
        f"      - Cue {i}, long enough to wrap over two lines of the card, with <b> & more.\n" for i in range(1, 13)
    )
    (tmp_path / "sequences" / "crowded.yaml").write_text(
        f"title: Crowded\nsteps:\n  - pose: supine-twist\n    side: both\n    cues:\n{cues}"
        f'    cautions:\n      - "{long_caution}"\n      - "Again: {long_caution}"\n',
        encoding="utf-8",
    )
    low_back = (ROOT / "sequences" / "low-back-release.yaml").read_text(encoding="utf-8")
    (tmp_path / "sequences" / "low-back-release.yaml").write_text(low_back, encoding="utf-8")
    loaded = load_workspace(Workspace(tmp_path), [])
    images = ImageStage(tmp_path / "cache")
    first = [booklet_pdf(plan, "a4", loaded.studio, images).data for plan in loaded.plans]
    again = [booklet_pdf(plan, "a4", loaded.studio, images).data for plan in reversed(loaded.plans)][::-1]
    assert first == again
    script = (
        "import sys; from pathlib import Path; from handouts.pipeline.loading import load_workspace; from handouts.pipeline.products import booklet_pdf; "
        "from handouts.reading.workspace import Workspace; from handouts.output.images import ImageStage; "
        f"L = load_workspace(Workspace(Path({str(tmp_path)!r})), ['crowded']); "
        f"sys.stdout.buffer.write(booklet_pdf(L.plans[0], 'a4', L.studio, ImageStage(Path({str(tmp_path / 'c2')!r}))).data)"
    )
    fresh = subprocess.run([sys.executable, "-c", script], capture_output=True, check=True, cwd=ROOT).stdout
    crowded = next(i for i, plan in enumerate(loaded.plans) if plan.sequence.slug == "crowded")
    assert fresh == first[crowded]
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(first[crowded])).pages)
    assert "continued" in text  # the long card did flow over pages


# -- the booklet's layout: cards, transitions, the glance table, the cover --------------------------------------
CORPUS = ROOT / "tests" / "corpus"
NAME_SIZE, BADGE_SIZE, GLANCE_SIZE = 16, 15, 11  # a card's name, its number badge, the glance table's rows


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The stress corpus's booklets, built once."""
    out = tmp_path_factory.mktemp("corpus")
    from handouts.commands.cli import main

    assert main(["build", "--workspace", str(CORPUS), "--out", str(out), "--format", "booklet"]) == 0
    return out


def _sized_lines(page, size: float) -> list[tuple[float, str]]:
    """(top, text) of the page's lines set at `size` points, top to bottom."""
    lines: dict[float, list] = {}
    for word in page.extract_words(extra_attrs=["size"]):
        if abs(word["size"] - size) < 0.1:
            lines.setdefault(round(word["top"]), []).append(word)
    return [
        (top, " ".join(w["text"] for w in sorted(words, key=lambda w: w["x0"]))) for top, words in sorted(lines.items())
    ]


def _card_names(path: Path) -> list[str]:
    """Per page, the text of its card names (set at the name's size), joined."""
    with pdfplumber.open(path) as pdf:
        return [" ".join(text for _, text in _sized_lines(page, NAME_SIZE)) for page in pdf.pages]


@pytest.mark.parametrize(
    "where, name",
    [(ROOT, "low-back-release")]
    + [
        (CORPUS, n)
        for n in ("s05-five-steps", "s08-eight-steps", "s12-twelve-steps", "s20-twenty-steps", "s30-thirty-steps")
    ],
)
def test_every_transition_is_on_the_page_of_its_card(built, corpus, where, name):
    """A transition ends its card: it is never carried over to the top of the next page, above another card."""
    path = (built if where == ROOT else corpus) / name / "booklet.pdf"
    texts = [flat(page.extract_text() or "") for page in PdfReader(path).pages]
    names = _card_names(path)
    (plan,) = load_workspace(Workspace(where), [name]).plans
    checked = 0
    for item in plan.items:
        steps = getattr(item, "steps", (item,))
        pairs = [(step, step.transition) for step in steps if step.transition]
        if getattr(item, "transition", None):  # a series' own: at the foot of its last card
            pairs.append((steps[-1], item.transition))
        for step, transition in pairs:
            shown = f"\u2192 {flat(transition)}"
            name_shown = flat(labels.repeat_name(step.name) if step.repeat_of else step.name)
            cards = [i for i, text in enumerate(names) if name_shown in text]
            assert cards, name_shown
            # on its card's page, or on the facing page its card goes on to (which opens with its name)
            goes_on = [
                i + 1
                for i in cards
                if texts[i].endswith("continued on the next page \u2192")
                and i + 1 < len(texts)
                and f"{name_shown} (continued)" in texts[i + 1]
            ]
            assert any(shown in texts[i] for i in cards + goes_on), (name_shown, shown)
            assert not any(texts[i].startswith(shown) for i in range(len(texts))), "no page opens with it"
            checked += 1
    assert checked >= 1


def _glance_lines(path: Path) -> list[tuple[int, str]]:
    """(page index, text) of the glance table's lines: the 11 pt text from its heading to the key to the pictures
    (whose words are 11 pt too) or the first card."""
    key_words = [labels[k] for k in ("figure_legend_far", "figure_legend_working", "figure_legend_ghost")]
    out = []
    with pdfplumber.open(path) as pdf:
        started = False
        for index, page in enumerate(pdf.pages):
            text = page.extract_text() or ""
            started = started or labels["at_a_glance"] in text
            if not started:
                continue
            badges = [ch["top"] for ch in page.chars if abs(ch["size"] - BADGE_SIZE) < 0.1 and "Bold" in ch["fontname"]]
            key = [line["top"] for line in page.extract_text_lines() if any(w in line["text"] for w in key_words)]
            end = min(badges + key, default=page.height)
            out += [(index, line) for top, line in _sized_lines(page, GLANCE_SIZE) if top < end]
            if badges or key:
                return out
    return out


@pytest.mark.parametrize(
    "where, name",
    [(ROOT, "low-back-release"), (ROOT, "desk-break"), (CORPUS, "s20-twenty-steps"), (CORPUS, "s30-thirty-steps")],
)
def test_the_glance_table_keeps_each_series_line_with_its_rows(built, corpus, where, name):
    lines = _glance_lines((built if where == ROOT else corpus) / name / "booklet.pdf")
    series = [i for i, (_, text) in enumerate(lines) if " \u00b7 Do " in text]
    assert series
    for i in series:
        assert lines[i + 1][0] == lines[i][0], f"the series line '{lines[i][1]}' is alone at the foot of a page"


def test_the_glance_table_of_30_steps_spans_two_pages_and_names_repeats(corpus):
    lines = _glance_lines(corpus / "s30-thirty-steps" / "booklet.pdf")
    assert len({page for page, _ in lines}) == 2
    assert any(text.startswith("6a again ") for _, text in lines)
    assert any(text.startswith("19a again ") for _, text in lines)


def test_the_glance_table_shows_repeats_and_the_side_badge_of_every_step(built):
    lines = [text for _, text in _glance_lines(built / "low-back-release" / "booklet.pdf")]
    assert "Strap series \u00b7 Do 5a\u20135c on the right, then all of them on the left" in lines
    assert "5a Hamstring stretch R \u2192 L 5 breaths" in lines
    assert "5a again Hamstring stretch R \u2192 L 3 breaths" in lines
    assert "4 Knee drops R \u2194 L 10 cycles" in lines
    assert "1 Gluteal massage 5 circles each way" in lines  # no side: no badge


def test_the_cover_counts_the_numbered_steps_and_names_each_prop_once(built, corpus):
    cover = flat(PdfReader(built / "low-back-release" / "booklet.pdf").pages[0].extract_text())
    assert "Steps: 8" in cover  # 1-4, 5 (the strap series: 5a-5c and 5a again), 6-8
    assert "Props: strap, block or folded towel" in cover and cover.count("strap") == 1
    cover = flat(PdfReader(corpus / "s30-thirty-steps" / "booklet.pdf").pages[0].extract_text())
    assert "Steps: 26" in cover and "Props: mat, strap, block" in cover and cover.count("strap") == 1


def _fill(path: Path) -> list[float]:
    """For each page holding a card: how far down the frame its lowest drawn content reaches (0 to 1)."""
    from handouts.layouts.styles import BOOKLET_PAGES

    spec = BOOKLET_PAGES["a4"]
    out = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages[1:]:
            if not [ch for ch in page.chars if abs(ch["size"] - BADGE_SIZE) < 0.1 and "Bold" in ch["fontname"]]:
                continue
            top, bottom = spec.top, page.height - spec.bottom
            drawn = [
                o["bottom"]
                for o in page.chars + page.rects + page.curves + page.lines + page.images
                if o["top"] >= top - 1 and o["bottom"] <= bottom + 1
            ]
            out.append((max(drawn) - top) / (bottom - top))
    return out


def test_the_low_back_booklet_is_dense(built):
    """Cards share a page when both fit: the low-back booklet's card pages are on average at least 70 % full."""
    fill = _fill(built / "low-back-release" / "booklet.pdf")
    assert len(fill) == 9
    assert sum(fill) / len(fill) >= 0.70, fill


def test_two_small_cards_share_a_page(corpus):
    """Mountain and Shoulder rolls (s30, steps 1 and 2) are small: they share a page."""
    names = _card_names(corpus / "s30-thirty-steps" / "booklet.pdf")
    assert [i for i, text in enumerate(names) if "Mountain" in text] == [
        i for i, text in enumerate(names) if "Shoulder rolls" in text
    ]


def test_side_names_in_step_texts_are_filled_for_each_card(corpus, tmp_path, run):
    texts = [flat(p.extract_text() or "") for p in PdfReader(corpus / "s03-three-steps" / "booklet.pdf").pages]
    assert any("Sit tall and let the right ear drop toward the right shoulder." in t for t in texts)
    assert any("Reach the left hand toward the floor." in t for t in texts)
    for booklet in sorted(corpus.glob("*/booklet.pdf")):
        assert "{{" not in " ".join(p.extract_text() or "" for p in PdfReader(booklet).pages), booklet
    # one card per side: each names its own side; one card for both: both, in order
    (tmp_path / "sequences").mkdir()
    for mode in ("per side", "together"):
        (tmp_path / "sequences" / "twist.yaml").write_text(
            f"title: Twist\nside_cards: {mode}\nsteps:\n  - pose: supine-twist\n    side: left first\n"
            "    hold: 5 breaths\n    cues:\n      - 'Let the knees drop to the {{ side }}, away from the "
            "{{ other_side }} shoulder.'\n    transition: 'Come back up and roll to the {{ other_side }}.'\n",
            encoding="utf-8",
        )
        assert run("build", workspace=tmp_path).code == 0
        pages = [flat(p.extract_text() or "") for p in PdfReader(tmp_path / "build" / "twist" / "booklet.pdf").pages]
        cards = " ".join(pages).split("Supine twist Supta")[1:]  # each card's text from its heading on
        if mode == "per side":  # the left side's card, then the right's (the transition ends the last)
            assert len(cards) == 2
            assert "drop to the left, away from the right shoulder." in cards[0]
            assert "drop to the right, away from the left shoulder." in cards[1]
            assert "roll to the left." in cards[1]
        else:
            assert len(cards) == 1
            assert "drop to the left (then right), away from the right (then left) shoulder." in cards[0]
            assert "roll to the right (then left)." in cards[0]


def test_a_series_title_ending_in_a_colon_prints_it_once_and_a_long_series_repeats_its_line(tmp_path, run):
    """'Strap series:' heads its card as 'Strap series' and its glance line as 'Strap series · Do ...' (never
    two colons); a series longer than a page of the glance table repeats its line at the top of the next."""
    steps = (
        "      - pose: supta-padangusthasana\n        hold: 5 breaths\n"
        "      - pose: supta-padangusthasana-open\n        hold: 5 breaths\n"
        + "".join(f"      - repeat: {1 + i % 2}\n        hold: {3 + i % 3} breaths\n" for i in range(30))
    )
    (tmp_path / "sequences").mkdir()
    (tmp_path / "sequences" / "long.yaml").write_text(
        f"title: Long series\nsteps:\n  - pose: mountain\n    hold: 3 breaths\n  - series: 'Strap series:'\n"
        f"    steps:\n{steps}",
        encoding="utf-8",
    )
    assert run("build", "--format", "booklet", workspace=tmp_path).code == 0
    path = tmp_path / "build" / "long" / "booklet.pdf"
    text = pdf_text(path)
    assert "Strap series:" not in text and ": \u00b7" not in text
    line = "Strap series \u00b7 Do 2a\u20132b on the right, then all of them on the left"
    lines = _glance_lines(path)
    pages = sorted({page for page, text in lines if text.startswith("2")})  # pages with the series' rows
    assert len(pages) == 2 and sum(text.startswith("2a again") for _, text in lines) == 15
    for page in pages:
        assert next(text for p, text in lines if p == page and not text.startswith("1 ")) == line, page
    with pdfplumber.open(path) as pdf:  # the series' own heading (at the card names' size), colon dropped
        headings = [text for p in pdf.pages for _, text in _sized_lines(p, 16) if text.startswith("Strap series")]
    assert headings == ["Strap series"]


def test_the_booklet_tells_its_page_count_before_it_is_written(plans):
    """The build starts the print file (its notes pages) as soon as the booklet's pages are laid out: the
    count it is told is the booklet's."""
    from handouts.pipeline.products import booklet_pdf

    told = []
    booklet = booklet_pdf(
        plans["low-back-release"], "a4", load_workspace(Workspace(ROOT), []).studio, on_pages=told.append
    )
    assert told == [13] and booklet.pages == 13 and len(PdfReader(io.BytesIO(booklet.data)).pages) == 13


def test_the_glance_groups_as_plain_data(plans):
    from handouts.layouts.booklet import glance_groups

    groups = glance_groups(plans["low-back-release"], labels)
    assert [g.line for g in groups] == [
        None,
        "Strap series \u00b7 Do 5a\u20135c on the right, then all of them on the left",
        None,
    ]
    assert [row[0] for g in groups for row in g.rows] == [
        "1",
        "2",
        "3",
        "4",
        "5a",
        "5b",
        "5c",
        "5a again",
        "6",
        "7",
        "8",
    ]
    assert groups[1].rows[3] == ("5a again", "Hamstring stretch", "R \u2192 L", "3 breaths")
    assert groups[0].rows[0] == ("1", "Gluteal massage", "", "5 circles each way")
    assert groups[0].rows[3] == ("4", "Knee drops", "R \u2194 L", "10 cycles")


def test_a_glance_table_broken_over_pages_leaves_three_rows_on_either_page():
    """Ten rows of 20 pt: room for eight would leave two alone on the next page; three go over instead. Room for
    two: all ten go over together. Room for five: five and five."""
    from reportlab.platypus import TableStyle

    from handouts.layouts.booklet import GlanceRows

    def rows_after(room: float) -> list[int]:
        table = GlanceRows([[f"row {n}"] for n in range(10)], colWidths=[100], rowHeights=[20] * 10)
        table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), "Helvetica")]))
        table.wrap(100, room)
        return [len(part._cellvalues) for part in table.split(100, room)]

    assert rows_after(8 * 20 + 1) == [7, 3]
    assert rows_after(2 * 20 + 1) == []
    assert rows_after(5 * 20 + 1) == [5, 5]


def test_the_low_back_example_fits_twelve_a5_pages_with_full_card_pages(examples, run):
    """Issue 13's target: its content (the Devanagari names came later: `devanagari: false`) in at most 12 A5
    pages, the cards' body (cues, cautions, variations: most of a page's letters) at 12 pt, and the pages that
    hold cards at least 70 % full on average (from the frame's top to its lowest text). With the Devanagari
    names, 13."""
    assert run("build", "low-back-release", "--format", "booklet", workspace=examples).code == 0
    assert len(PdfReader(examples / "build" / "low-back-release" / "booklet.pdf").pages) == 13
    with (examples / "studio.yaml").open("a", encoding="utf-8") as studio:
        studio.write("devanagari: false\n")
    assert run("build", "low-back-release", "--format", "booklet", workspace=examples).code == 0
    path = examples / "build" / "low-back-release" / "booklet.pdf"
    top, bottom = 14 * 72 / 25.4, 595.28 - 14 * 72 / 25.4  # the A5 frame: 14 mm margins above and below
    fills = []
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) <= 12 and (round(pdf.pages[0].width), round(pdf.pages[0].height)) == (420, 595)
        for page in pdf.pages:
            words = page.extract_words(extra_attrs=["size"])
            if not any(w["text"] == "Caution:" or w["text"] == "Easier:" for w in words):
                continue  # not a card page
            if labels["practice_log"] in page.extract_text() or labels["at_a_glance"] in page.extract_text():
                continue  # the last card shares its page with the log, the first with the glance table
            cues = [w for w in words if top < w["top"] and w["bottom"] < bottom]
            sizes = [round(ch["size"], 1) for ch in page.chars]
            assert max(set(sizes), key=sizes.count) == 12.0
            fills.append((max(w["bottom"] for w in cues) - top) / (bottom - top))
    assert len(fills) >= 7 and sum(fills) / len(fills) >= 0.70, fills


def _outline_titles(reader: PdfReader) -> list[str]:
    return [item.title for item in reader.outline if not isinstance(item, list)]


def test_before_you_begin_only_over_something(tmp_path, run):
    """A sequence with no intro, cautions, props or notes has no empty "Before you begin" heading (a teacher
    trying the studio found one with nothing under it); with an intro, the heading and its bookmark are there."""
    (tmp_path / "sequences").mkdir()
    (tmp_path / "studio.yaml").write_text("studio: Test Studio\n", encoding="utf-8")
    bare = "title: Bare Practice\nsteps:\n  - pose: knees-to-chest\n    hold: 5 breaths\n"
    (tmp_path / "sequences" / "bare.yaml").write_text(bare, encoding="utf-8")
    (tmp_path / "sequences" / "told.yaml").write_text(
        bare.replace("Bare Practice", "Told Practice") + "intro: Breathe slowly throughout.\n", encoding="utf-8"
    )
    assert run("build", "--format", "booklet", "--out", str(tmp_path / "out"), workspace=tmp_path).code == 0
    bare_pdf = PdfReader(tmp_path / "out" / "bare" / "booklet.pdf")
    bare_text = flat("".join(page.extract_text() for page in bare_pdf.pages))
    assert "Before you begin" not in bare_text
    assert "Before you begin" not in _outline_titles(bare_pdf)
    assert "The sequence at a glance" in bare_text
    told_pdf = PdfReader(tmp_path / "out" / "told" / "booklet.pdf")
    told_text = flat("".join(page.extract_text() for page in told_pdf.pages))
    assert "Before you begin" in told_text and "Breathe slowly throughout." in told_text
    assert "Before you begin" in _outline_titles(told_pdf)


def _line_starts(pdf: Path) -> list[str]:
    """Every printed line's text, as pdfplumber groups the words into lines, over all pages."""
    out = []
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            out += [" ".join(line["text"].split()) for line in page.extract_text_lines()]
    return out


def test_a_texts_paragraphs_print_as_paragraphs(tmp_path, run):
    """A blank line in an intro (a `|` block whose other line breaks are only wrapping) or in a note (a `>` block)
    starts a new paragraph in print; the wrapped lines run on. (The studio's editor writes paragraphs this way.)"""
    (tmp_path / "sequences").mkdir()
    (tmp_path / "studio.yaml").write_text("studio: Test Studio\n", encoding="utf-8")
    sequence = (
        "title: Paragraph Practice\n"
        "intro: |\n"
        "  Alpha one runs\n"
        "  on here.\n"
        "\n"
        "  Bravo two starts anew.\n"
        "steps:\n"
        "  - pose: knees-to-chest\n"
        "    hold: 5 breaths\n"
        "    note: >\n"
        "      Charlie three runs\n"
        "      on too.\n"
        "\n"
        "      Delta four starts anew.\n"
    )
    (tmp_path / "sequences" / "p.yaml").write_text(sequence, encoding="utf-8")
    assert run("build", "--format", "booklet", "--out", str(tmp_path / "out"), workspace=tmp_path).code == 0
    lines = _line_starts(tmp_path / "out" / "p" / "booklet.pdf")
    assert "Alpha one runs on here." in lines
    assert "Bravo two starts anew." in lines
    assert "Charlie three runs on too." in lines
    assert "Delta four starts anew." in lines
