"""The stress corpus (tests/corpus/): sequences of 1 to 30 steps, with series, repeats, long names, a step with
four cautions, a photo done left first and clients with variations and notes, built in every product a person
keeps. What must hold in each is read back from the PDFs: every caution's words, type sizes, page counts, no
word broken without a hyphen, transitions beside their cards, series lines beside their rows, side words
filled in, the same bytes twice."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pdfplumber
import pytest
from conftest import snapshot
from pypdf import PdfReader

from handouts.commands.cli import main
from handouts.pipeline.loading import load_workspace
from handouts.reading.labels import built_in_table
from handouts.reading.workspace import Workspace

CORPUS = Path(__file__).resolve().parent / "corpus"
SEQUENCES = sorted(p.stem for p in (CORPUS / "sequences").glob("*.yaml"))
FORMATS = ("booklet", "cheatsheet", "matcard")
PDF_NAME = {"booklet": "booklet.pdf", "cheatsheet": "cheatsheet.pdf", "matcard": "matcard.pdf"}
MM = 72 / 25.4


def _build(workspace: Path, out: Path) -> None:
    argv = ["build", "--workspace", str(workspace), "--out", str(out)]
    for fmt in FORMATS:
        argv += ["--format", fmt]
    assert main(argv) == 0
    assert main(["build", "--workspace", str(workspace), "--out", str(out), "--clients", "clients.yaml"]) == 0


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    _build(CORPUS, out)
    return out


@pytest.fixture(scope="module")
def plans():
    return {p.sequence.slug: p for p in load_workspace(Workspace(CORPUS), []).plans}


def squeezed(text: str) -> str:
    """Text with all white space and hyphens taken out: a caution's words compare equal whatever the line
    breaks (a hyphenated break prints a hyphen the source does not have)."""
    return re.sub(r"[\s\-\u00ad\u2010]", "", text)


def pdf_text(path: Path) -> str:
    return " ".join(page.extract_text() or "" for page in PdfReader(path).pages)


def page_texts(path: Path) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]


def test_the_corpus_has_the_lengths_the_issue_names(plans):
    assert sorted(len(plan.labels) for plan in plans.values()) == [1, 2, 3, 5, 8, 12, 20, 25, 30]
    assert any(len(step.cautions) >= 4 for plan in plans.values() for step in plan.steps)


# -- safety text ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", SEQUENCES)
def test_every_caution_is_printed_in_words(built, plans, name, fmt):
    text = squeezed(pdf_text(built / name / PDF_NAME[fmt]))
    plan = plans[name]
    cautions = {c for step in plan.steps for c in step.cautions} | set(plan.sequence.cautions)
    missing = [c for c in sorted(cautions) if squeezed(c) not in text]
    assert not missing, missing


def test_the_step_with_four_cautions_has_all_four_on_every_sheet(built):
    four = (
        "With a recent wrist injury, rest on the forearms instead of the hands.",
        "Keep the lifted leg at hip height or lower; higher arches the low back.",
        "If the knee on the floor hurts, fold a blanket under it twice.",
    )
    for fmt in FORMATS:
        text = squeezed(pdf_text(built / "s20-twenty-steps" / PDF_NAME[fmt]))
        for caution in four:
            assert squeezed(caution) in text, (fmt, caution)


def test_client_products_keep_every_caution(built, plans):
    plan = plans["s08-eight-steps"]
    folder = built / "clients" / "ada-lovelace-co"
    # Ada leaves out the knee drops: every caution of the steps she keeps is still printed
    kept = [s for s in plan.steps if s.pose_id != "knee-drops"]
    cautions = {c for step in kept for c in step.cautions} | set(plan.sequence.cautions)
    for pdf in sorted(folder.glob("s08-eight-steps*.pdf")):
        text = squeezed(pdf_text(pdf))
        assert [c for c in sorted(cautions) if squeezed(c) not in text] == [], pdf.name


# -- sizes and pages --------------------------------------------------------------------------------------
def _sizes(path: Path) -> list[float]:
    with pdfplumber.open(path) as pdf:
        return [c["size"] for page in pdf.pages for c in page.chars]


# the cheat sheet's pages and its smallest type. Up to 20 steps go on one page at 12 pt or more while their
# cautions' words leave room: s20 carries 25 of them (as most library poses carry one), which no one-page layout
# holds at 10 pt even, so it takes two pages, every step on the front and the cautions' words on the back.
CHEAT_PAGES = {
    "s01-one-pose": (1, 12),
    "s02-two-steps": (1, 12),
    "s03-three-steps": (1, 12),
    "s05-five-steps": (1, 12),
    "s08-eight-steps": (1, 12),
    "s12-twelve-steps": (1, 12),
    "s20-twenty-steps": (2, 12),
    "s25-twenty-five-steps": (2, 10),
    "s30-thirty-steps": (2, 10),
}


@pytest.mark.parametrize("name", SEQUENCES)
def test_cheat_sheet_type_is_at_or_above_its_floor(built, plans, name):
    pages = PdfReader(built / name / "cheatsheet.pdf").pages
    smallest = min(_sizes(built / name / "cheatsheet.pdf"))
    expected_pages, floor = CHEAT_PAGES[name]
    assert len(pages) == expected_pages and smallest >= floor - 0.01, (len(pages), smallest)


@pytest.mark.parametrize("name", ["s20-twenty-steps", "s25-twenty-five-steps", "s30-thirty-steps"])
def test_a_two_page_cheat_sheet_keeps_every_step_on_the_front(built, plans, name):
    plan = plans[name]
    front, back = (squeezed(page.extract_text() or "") for page in PdfReader(built / name / "cheatsheet.pdf").pages)
    for step in plan.steps:
        assert squeezed(step.name)[:12] in front and squeezed(step.name)[:12] not in back, step.name
    assert "Cautions" in back and "Cautions" not in front


@pytest.mark.parametrize("name", SEQUENCES)
def test_mat_card_names_are_large_and_pages_hold_at_most_six_steps(built, plans, name):
    plan = plans[name]
    path = built / name / "matcard.pdf"
    with pdfplumber.open(path) as pdf:
        assert all(page.width > page.height for page in pdf.pages)
        assert (
            min(c["size"] for page in pdf.pages for c in page.chars if 16 * MM < c["top"] < page.height - 14 * MM)
            >= 16 - 0.01
        )  # all but running title, folio
    cards = len(plan.steps)
    assert len(PdfReader(path).pages) <= -(-cards // 6) + 1
    if cards <= 3:
        assert len(PdfReader(path).pages) == 1


@pytest.mark.parametrize("name", SEQUENCES)
def test_booklet_body_text_is_12_pt(built, name):
    sizes = _sizes(built / name / "booklet.pdf")
    body = max(set(sizes), key=sizes.count)
    assert body >= 12 - 0.01
    assert min(sizes) >= 9 - 0.01  # folios and the running header are the smallest


def _fill(path: Path, page_number: int = 0) -> float:
    """How far down the page the content reaches, as a share of the page between its top and bottom margins
    (12 mm and 14 mm on the cheat sheet): the lowest drawn thing below the first."""
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[page_number]
        things = [*page.chars, *page.rects, *page.lines, *page.curves, *page.images]
        top = min(t["top"] for t in things)
        bottom = max(t["bottom"] for t in things)
        return (bottom - top) / (page.height - 26 * MM)


@pytest.mark.parametrize("name", [n for n in SEQUENCES if not n.startswith(("s01", "s02"))])
def test_cheat_sheet_fills_three_quarters_of_its_page(built, name):
    assert _fill(built / name / "cheatsheet.pdf") >= 0.75


# -- words broken without a hyphen -------------------------------------------------------------------------
TOKEN = re.compile(r"(?<![\w\-])[^\W\d_]+(?:['\u2019\-][^\W\d_]+)*-?", re.UNICODE)  # words, not "5a"


def _source_words(plan, extra: list[str]) -> set[str]:
    texts = [str(t) for t in extra]
    for step in plan.steps:
        texts += [
            step.name,
            step.sanskrit or "",
            *step.cues,
            *step.cautions,
            *step.easier,
            *step.deeper,
            step.note or "",
            step.transition or "",
        ]
        if step.hold is not None:
            texts += [step.hold.then or "", step.hold.breath or ""]
    for item in plan.items:
        texts += [
            getattr(item, "title", "") or "",
            getattr(item, "note", "") or "",
            getattr(item, "transition", "") or "",
        ]
    seq = plan.sequence
    texts += [
        seq.title,
        seq.subtitle or "",
        seq.intro or "",
        seq.level or "",
        seq.position or "",
        *seq.cautions,
        *seq.props,
        *plan.props,
    ]
    for table in (built_in_table("en"), built_in_table("de")):
        for phrase in table.values():
            texts += phrase if isinstance(phrase, list) else [str(phrase)]
    words = set()
    for text in texts:
        for token in TOKEN.findall(str(text)):
            words.add(token.lower())
            words.update(part.lower() for part in token.split("-") if part)
    return words


def _printed_words(path: Path) -> list[str]:
    """The words printed in the Latin fonts (a card's Devanagari line is read by tests/test_devanagari.py)."""

    def latin(obj) -> bool:
        return obj.get("object_type") != "char" or "NotoSansDevanagari" not in obj.get("fontname", "")

    with pdfplumber.open(path) as pdf:
        return [w["text"] for page in pdf.pages for w in page.filter(latin).extract_words()]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", SEQUENCES)
def test_no_word_is_broken_without_a_hyphen(built, plans, name, fmt):
    plan = plans[name]
    known = _source_words(plan, ["Corpus Test Studio", "Robin Example"])
    printed = [t.lower() for w in _printed_words(built / name / PDF_NAME[fmt]) for t in TOKEN.findall(w)]
    heads = {t[:-1] for t in printed if t.endswith("-")}  # the first part of a word broken with a hyphen
    strays = []
    for token in printed:
        word = token.rstrip("-")
        if not word or word in known or any(part in known for part in word.split("-") if part):
            continue
        if token.endswith("-") or any(head + word in known or f"{head}-{word}" in known for head in heads):
            continue  # a hyphenated piece
        strays.append(token)
    assert strays == [], strays


# -- what stays together -----------------------------------------------------------------------------------
def _bookmarks(path: Path) -> dict[str, int]:
    """The booklet's outline: each step's entry ('5a Hamstring stretch') and the page (0-based) it opens."""
    reader = PdfReader(path)
    found = {}

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                found[item.title] = reader.get_destination_page_number(item)

    walk(reader.outline)
    return found


@pytest.mark.parametrize("name", SEQUENCES)
def test_a_transition_is_on_the_page_of_its_card(built, plans, name):
    plan = plans[name]
    path = built / name / "booklet.pdf"
    pages = page_texts(path)
    marks = _bookmarks(path)
    for step in plan.steps:
        if not step.transition or step.repeat_of or step.image is not None:  # a photo: a card per side
            continue
        page = marks[f"{step.label} {step.name}"]
        shown = " ".join(step.transition.split())[:40]
        goes_on = page + 1 < len(pages) and f"{step.label} {step.name} (continued)" in pages[page + 1]
        # on the page of its card, or on the facing page its card goes on to
        assert shown in pages[page] or (goes_on and page % 2 == 1 and shown in pages[page + 1]), (step.label, page + 1)


@pytest.mark.parametrize("name", SEQUENCES)
def test_no_page_opens_with_a_transition(built, name):
    """A transition ("\u2192 Keep the strap on") belongs under the card it follows, never at the top of the next
    page above another card."""
    with pdfplumber.open(built / name / "booklet.pdf") as pdf:
        for number, page in enumerate(pdf.pages[1:], 2):
            lines = [line["text"] for line in page.extract_text_lines() if line["top"] > 16 * MM]
            assert not lines or not lines[0].startswith("\u2192"), (number, lines[0])


@pytest.mark.parametrize("name", [n for n in SEQUENCES if n >= "s05"])
def test_a_series_line_is_never_the_last_line_of_its_page(built, plans, name):
    """The banner of a series ("... · Do 5a-5c on the right ...") is followed on its page by the series' rows
    (in the glance table) or its first card."""
    with pdfplumber.open(built / name / "booklet.pdf") as pdf:
        for number, page in enumerate(pdf.pages):
            lines = [
                " ".join(line["text"].split())
                for line in page.extract_text_lines()
                if line["top"] < page.height - 20 * MM
            ]  # the folio aside
            for index, line in enumerate(lines):
                if re.search(r"\bDo \d+a\u2013\d+[a-z]\b", line):
                    assert index < len(lines) - 1, (number + 1, line)


def test_side_words_are_filled_for_the_working_side(built):
    for name in SEQUENCES:
        for fmt in FORMATS:
            assert "{{" not in pdf_text(built / name / PDF_NAME[fmt]), (name, fmt)
    text = " ".join(pdf_text(built / "s03-three-steps" / "booklet.pdf").split())
    assert "let the right ear drop toward the right shoulder" in text
    assert "Reach the left hand toward the floor" in text


def test_one_side_vocabulary_in_every_format(built):
    """The low-back-like strap series of s05, right first: the same badge and banner everywhere."""
    for fmt in FORMATS:
        text = " ".join(pdf_text(built / "s05-five-steps" / PDF_NAME[fmt]).split())
        assert "Strap pair \u00b7 Do 2a\u20132b on the right, then all of them on the left" in text, fmt
        assert "R \u2192 L" in text, fmt
        assert "by rounds" not in text and "Round 1" not in text, fmt
    left = " ".join(pdf_text(built / "s03-three-steps" / "cheatsheet.pdf").split())
    assert "L \u2192 R" in left and "R only" in left


# -- the same bytes ----------------------------------------------------------------------------------------
def test_the_corpus_builds_to_the_same_bytes_twice(built, tmp_path):
    copy = tmp_path / "ws"
    shutil.copytree(CORPUS, copy, ignore=shutil.ignore_patterns("build"))
    _build(copy, tmp_path / "again")

    def pdfs(folder: Path) -> dict[str, str]:
        return {name: digest for name, digest in snapshot(folder).items() if name.endswith(".pdf")}

    assert len(pdfs(built)) >= 9 * 3 + 5
    assert pdfs(tmp_path / "again") == pdfs(built)


def test_a_clients_chosen_variation_is_on_every_sheet_marked_as_theirs(built):
    """Ada does the bridge easier, Jonas the downward-facing dog deeper: each sheet and card says so, in the
    client's language. The booklet and mat card put the words under the step's hold; the cheat sheet marks the
    step and puts the words in the client's notes at the full width, named by the step."""
    ada = built / "clients" / "ada-lovelace-co"
    easier = "For you (easier): Lift the hips only a hand's width from the floor."
    for pdf in ("s08-eight-steps.pdf", "s08-eight-steps-matcard.pdf"):
        assert squeezed(easier) in squeezed(pdf_text(ada / pdf)), pdf
    sheet = squeezed(pdf_text(ada / "s08-eight-steps-cheatsheet.pdf"))
    assert (
        sheet.index(squeezed("6 Bridge"))
        < sheet.index(squeezed("For you (easier)"))
        < sheet.index(squeezed("7 Corpse"))
    )
    notes = sheet.index(squeezed("Notes for you"))
    assert (
        notes
        < sheet.index(squeezed("6 Bridge, for you (easier): Lift the hips only a hand's width from the floor."))
        < sheet.index(squeezed("From Robin Example"))
    )
    jonas = squeezed(pdf_text(built / "clients" / "jonas-beispiel" / "s12-twelve-steps-cheatsheet.pdf"))
    assert squeezed("Für dich (intensiver)") in jonas
    assert squeezed("7 Herabschauender Hund, für dich (intensiver):") in jonas
    assert jonas.count(squeezed("Für dich (")) == 1  # only the step chosen for him
    assert len(PdfReader(ada / "s08-eight-steps-cheatsheet.pdf").pages) == 1


def test_the_mat_cards_caution_words_name_their_steps_when_the_pages_allow(built):
    """On a mat card the foot's columns stand under the cells: '⚠ 2' under step 2's cell must not read as step
    2's. Each caution says which steps it is for (Two-Step Unwind: both cautions are the supine twist's),
    unless saying so would take another page (the 30-step card: six pages either way)."""
    text = squeezed(pdf_text(built / "s02-two-steps" / "matcard.pdf"))
    assert squeezed("keep the twist small and the knees high toward the chest. (step 1)") in text
    assert squeezed("instead of pressing the shoulder down. (step 1)") in text
    assert len(PdfReader(built / "s30-thirty-steps" / "matcard.pdf").pages) == 6
