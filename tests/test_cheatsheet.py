"""The cheat sheet: the whole sequence on one page (two for a long one) at the largest type that fits, every
caution in words, never a word cut, and a clear refusal when even two pages are not enough."""

from __future__ import annotations

import itertools
import re
import shutil

import pdfplumber
import pytest
from conftest import ROOT, build_examples
from PIL import ImageStat
from pypdf import PdfReader

from handouts.commands.cli import main
from handouts.core import limits
from handouts.core.errors import Collector
from handouts.layouts.cheatsheet import CheatSheet
from handouts.layouts.lines import Block, Piece, syllables
from handouts.layouts.sheetfit import paginate
from handouts.pipeline.loading import load_workspace
from handouts.pipeline.products import filled
from handouts.reading.labels import ENGLISH as labels
from handouts.reading.library import load_library
from handouts.reading.workspace import Workspace

EXAMPLES = sorted(p.stem for p in (ROOT / "sequences").glob("*.yaml") if "." not in p.stem)  # not translations
POSES = sorted(load_library(None, Collector()).poses)
CORPUS = ROOT / "tests" / "corpus"
# numbered steps and pages of each corpus sheet: from 20 steps on, the sheets carry 25 to 32 cautions, whose words
# (at the sheet's body size, 12 pt or more) do not fit one page beside the steps
SHEETS = {
    "s01-one-pose": (1, 1),
    "s02-two-steps": (2, 1),
    "s03-three-steps": (3, 1),
    "s05-five-steps": (5, 1),
    "s08-eight-steps": (8, 1),
    "s12-twelve-steps": (12, 1),
    "s20-twenty-steps": (20, 2),
    "s25-twenty-five-steps": (25, 2),
    "s30-thirty-steps": (30, 2),
}
MM = 72 / 25.4
TOP_MARGIN, BOTTOM_MARGIN = 12 * MM, 14 * MM  # the cheat sheet's page margins


def flat(text: str) -> str:
    return " ".join(text.split())


def canon(text: str) -> str:
    """Text to compare words in whatever lines they were broken into: hyphens and spaces dropped."""
    return "".join(str(text).replace("-", "").split())


def pdf_text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def smallest(path) -> float:
    with pdfplumber.open(path) as pdf:
        return min(c["size"] for page in pdf.pages for c in page.chars if c["text"].strip())


def fill(path, page: int = 0) -> float:
    """How far down the page's frame the lowest text, line or picture reaches (0..1)."""
    with pdfplumber.open(path) as pdf:
        p = pdf.pages[page]
        bottoms = [c["bottom"] for c in p.chars] + [o["bottom"] for o in p.rects + p.curves + p.lines + p.images]
        return (max(bottoms) - TOP_MARGIN) / (float(p.height) - TOP_MARGIN - BOTTOM_MARGIN)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_examples(tmp_path_factory.mktemp("cheat"), "cheatsheet")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The stress corpus' cheat sheets and its clients' handouts, and what the command printed."""
    out = tmp_path_factory.mktemp("corpus")
    import contextlib
    import io

    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        assert main(["build", "--workspace", str(CORPUS), "--format", "cheatsheet", "--out", str(out)]) == 0
        assert (
            main(
                [
                    "build",
                    "--workspace",
                    str(CORPUS),
                    "--clients",
                    "clients.yaml",
                    "--date",
                    "2026-11-21",
                    "--out",
                    str(out),
                ]
            )
            == 0
        )
    return out, err.getvalue()


def corpus_plans():
    loaded = load_workspace(Workspace(CORPUS), [])
    return {plan.sequence.slug: plan for plan in loaded.plans}, loaded


# -- the examples ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", EXAMPLES)
def test_each_example_fits_one_page_with_every_step_and_every_caution_in_words(built, name):
    reader = PdfReader(built / name / "cheatsheet.pdf")
    assert len(reader.pages) == 1
    text = flat(reader.pages[0].extract_text())
    (plan,) = load_workspace(Workspace(ROOT), [name]).plans
    for step in plan.steps:
        shown = labels.repeat_name(step.name) if step.repeat_of else step.name
        assert f"{step.label} {flat(shown)}" in text, step.label
        details = " · ".join(d for d in (labels.side_badge(step.mode, step.order), labels.hold_label(step.hold)) if d)
        assert flat(details) in text, (step.label, details)
    for caution in (*plan.sequence.cautions, *(c for s in plan.steps for c in s.cautions)):
        assert canon(caution) in canon(text), caution
    assert "Caution:" not in text  # no bare flag: the words themselves
    assert smallest(built / name / "cheatsheet.pdf") >= 12
    assert fill(built / name / "cheatsheet.pdf") >= 0.75


def test_low_back_marks_each_step_with_its_caution_numbers_and_lists_their_words(built):
    text = flat(pdf_text(built / "low-back-release" / "cheatsheet.pdf"))
    assert "3 Supine twist R → L · 5 breaths 1, 2" in text
    assert "5a Hamstring stretch R → L · 5 breaths 5" in text
    assert "5a Hamstring stretch, again R → L · 3 breaths 5" in text  # a repeat carries its step's numbers
    assert "8 Sacral thumps 10 reps 14, 15" in text
    assert "Cautions 1 With a disc problem, keep the twist small and the knees high toward the chest. (step 3)" in text
    assert "Throughout the practice • Lying flat, the chin should not point at the ceiling;" in text


# -- the corpus -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(SHEETS))
def test_corpus_sheets_pages_sizes_fill_and_every_caution(corpus, name):
    out, err = corpus
    steps, pages = SHEETS[name]
    path = out / name / "cheatsheet.pdf"
    assert len(PdfReader(path).pages) == pages
    assert smallest(path) >= (12 if steps <= 20 else 10)
    if steps >= 3:
        assert fill(path) >= 0.75
    warning = f"sequences/{name}.yaml:3:1: warning: the cheat sheet of {steps} steps takes two pages"
    assert (warning in err) == (pages == 2)
    plans, _ = corpus_plans()
    plan = plans[name]
    text = canon(pdf_text(path))
    for caution in (*plan.sequence.cautions, *(c for s in plan.steps for c in s.cautions)):
        assert canon(caution) in text, caution
    for step in plan.steps:
        assert canon(step.name) in text, step.name
    if pages == 2:  # the second page holds steps too, or every step is on the front and it holds their cautions
        first, second = (canon(p.extract_text()) for p in PdfReader(path).pages)
        steps_there = any(canon(f"{s.label} {s.name}") in second for s in plan.steps)
        assert steps_there or (
            all(canon(f"{s.label} {s.name}") in first for s in plan.steps)
            and canon("Cautions") in second
            and canon("Cautions") not in first
        )


def test_eight_steps_ties_each_mark_to_its_words(corpus):
    text = flat(pdf_text(corpus[0] / "s08-eight-steps" / "cheatsheet.pdf"))
    assert "3 Supine twist R → L · 6 breaths 1, 2, 3, 4" in text  # the step with four cautions
    assert "4 Knee drops R ↔ L · 8 cycles 5" in text
    for words in (
        "1 With a disc problem, keep the twist small and the knees high toward the chest. (step 3)",
        "3 After spinal surgery, keep the twist very small and ask your surgeon first. (step 3)",
        "4 Let the knees rest on a cushion if they do not reach the floor. (step 3)",
        "8 If the low back pinches, lift less and lengthen the tailbone toward the knees. (step 7)",
    ):
        assert words in text
    assert "Throughout the practice • Stop at once if you feel pain travelling down a leg. • Breathe" in text


def test_twelve_steps_series_is_one_banner_and_its_repeat_has_the_numbers(corpus):
    text = flat(pdf_text(corpus[0] / "s12-twelve-steps" / "cheatsheet.pdf"))
    assert text.count("Standing balance series · Do 4a–4c on the left, then all of them on the right") == 1
    assert "4a Tree L → R · 5 breaths 2" in text and "4a Tree, again L → R · 3 breaths 2" in text
    assert "4c Standing big toe L → R · 3 breaths 4, 5" in text
    assert "2 Keep a wall, desk or chair within reach if your balance is unsteady. (step 4a)" in text


def _source_text(plan) -> str:
    texts = [plan.sequence.title, *plan.sequence.cautions, *plan.props]
    for step in plan.steps:
        texts += [step.name, *step.cautions]
    return " ".join(map(str, texts)).lower()


def _breaks(path):
    """Each pair of words where a line ends and the next begins (in the order they were written)."""
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            words = page.extract_words(use_text_flow=True)
            for a, b in itertools.pairwise(words):
                if abs(a["top"] - b["top"]) > 1:
                    yield a["text"], b["text"]


@pytest.mark.parametrize("name", sorted(SHEETS))
def test_no_word_is_broken_without_a_hyphen(corpus, name):
    plans, _ = corpus_plans()
    source = _source_text(plans[name])
    known = set(re.findall(r"[^\W\d_]+", source))
    checked = 0
    for a, b in _breaks(corpus[0] / name / "cheatsheet.pdf"):
        left = re.sub(r"[^\w-]", "", a).lower().split("-")
        right = re.sub(r"[^\w-]", "", b).lower().split("-")[0]
        last = left[-2] if a.endswith("-") and len(left) > 1 else left[-1]
        if not (right.isalpha() and last.isalpha()):
            continue
        checked += 1
        if a.endswith("-"):  # a compound's own hyphen ('hand-' / 'to-big-toe'), or a long word hyphenated
            assert f"{last}-{right}" in source or any(last + right in word for word in known), (a, b)
        else:  # two words, not the two halves of one ('Hams' / 'tring')
            assert last + right not in known or (last in known and right in known), (a, b)
    assert checked > 0


def test_the_long_compound_word_is_whole_or_hyphenated(corpus):
    words = [
        w
        for page in pdfplumber.open(corpus[0] / "s30-thirty-steps" / "cheatsheet.pdf").pages
        for w in page.extract_words(use_text_flow=True)
    ]
    texts = [w["text"] for w in words]
    index = next(i for i, t in enumerate(texts) if t.startswith("Ober"))
    if texts[index] != "Oberschenkelrückseitendehnung":
        assert texts[index].endswith("-")
        assert texts[index][:-1] + texts[index + 1] == "Oberschenkelrückseitendehnung"


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_every_column_of_text_is_at_least_50_mm_wide(paper):
    plans, loaded = corpus_plans()
    for name, plan in sorted(plans.items()):
        plan, studio = filled(plan, loaded.studio)
        layout = CheatSheet(plan, paper, studio, 1, None, loaded.words).fit()[0]
        assert layout.text_width >= 50 * MM, (name, layout.text_width / MM)
        for page in layout.pages:  # and no line wider than the room it was set in
            for text in page.texts:
                assert all(line.width * text.size <= layout.page.frame_width + 0.01 for line in text.lines)


# -- sides: a left-first step's figure and photo are mirrored ---------------------------------------------------
def _one_step(tmp_path, first: str):
    (tmp_path / "sequences").mkdir(parents=True)
    (tmp_path / "sequences" / "s.yaml").write_text(
        f"title: Sides\nsides: {first} first\nsteps:\n  - pose: low-lunge\n    side: both\n    hold: 5 breaths\n",
        encoding="utf-8",
    )
    loaded = load_workspace(Workspace(tmp_path), [])
    layout = CheatSheet(loaded.plans[0], "a4", loaded.studio, 1, None, loaded.words).fit()[0]
    return layout


def _crop(pdf, box, scale=3.0):
    """The pixels of `box` (points: left, top, right, bottom from the page's top left), in grey."""
    import pypdfium2

    page = pypdfium2.PdfDocument(str(pdf))[0]
    image = page.render(scale=scale).to_pil().convert("L")
    return image.crop(tuple(round(v * scale) for v in box))


def test_a_left_first_figure_is_drawn_mirrored(tmp_path, run):
    from PIL import ImageChops, ImageOps

    crops = {}
    for first in ("left", "right"):
        folder = tmp_path / first
        layout = _one_step(folder, first)
        (picture,) = [i for i in layout.pages[0].items if i.__class__.__name__ == "Picture"]
        assert run("build", "--format", "cheatsheet", workspace=folder).code == 0
        left, top = layout.page.left + picture.x, layout.page.top + picture.top
        box = (left, top, left + picture.width, top + picture.height)
        crops[first] = _crop(folder / "build" / "s" / "cheatsheet.pdf", box)
    assert "L → R" in pdf_text(tmp_path / "left" / "build" / "s" / "cheatsheet.pdf")
    differ = ImageStat.Stat(ImageChops.difference(crops["left"], crops["right"])).mean[0]
    mirrored = ImageStat.Stat(ImageChops.difference(crops["left"], ImageOps.mirror(crops["right"]))).mean[0]
    assert differ > 8  # the lunge is not symmetric: the two sides look different ...
    assert mirrored < differ / 4  # ... and the left one is the right one's mirror image


def test_a_left_first_photo_is_mirrored_and_a_right_first_one_is_not(tmp_path, run):
    from PIL import Image

    source = Image.open(CORPUS / "images" / "side-stretch.jpg").convert("L")
    w, h = source.size
    assert ImageStat.Stat(source.crop((0, 0, w // 3, h))).mean[0] < 150  # the dark block is on the left
    assert ImageStat.Stat(source.crop((2 * w // 3, 0, w, h))).mean[0] > 180
    workspace = tmp_path / "corpus"
    shutil.copytree(CORPUS, workspace, ignore=shutil.ignore_patterns("build"))
    darker = {}
    for first in ("left", "right"):
        sequence = workspace / "sequences" / "s12-twelve-steps.yaml"
        sequence.write_text(re.sub(r"sides: \w+ first", f"sides: {first} first", sequence.read_text("utf-8")), "utf-8")
        assert run("build", "s12-twelve-steps", "--format", "cheatsheet", workspace=workspace).code == 0
        pdf = workspace / "build" / "s12-twelve-steps" / "cheatsheet.pdf"
        with pdfplumber.open(pdf) as doc:
            (image,) = doc.pages[0].images
            box = (image["x0"], image["top"], image["x1"], image["bottom"])
        crop = _crop(pdf, box)
        third = crop.width // 3
        left = ImageStat.Stat(crop.crop((0, 0, third, crop.height))).mean[0]
        right = ImageStat.Stat(crop.crop((crop.width - third, 0, crop.width, crop.height))).mean[0]
        darker[first] = "right" if right < left - 30 else "left" if left < right - 30 else "neither"
    assert darker == {"left": "right", "right": "left"}


# -- clients ------------------------------------------------------------------------------------------------------
def test_a_client_sheet_prints_the_name_as_written_and_one_signed_notes_block(corpus):
    text = flat(pdf_text(corpus[0] / "clients" / "ada-lovelace-co" / "s08-eight-steps-cheatsheet.pdf"))
    assert "Prepared for Ada <Lovelace> & Co · 21 November 2026" in text
    assert "&amp;" not in text and "&lt;" not in text
    assert text.count("Notes for you") == 1 and "Notes for you:" not in text
    assert (
        "Notes for you • Keep the bridge low until your back settles; we will build it up together. "
        "• Bring a folded blanket for your head. • 6 Bridge, for you (easier): Lift the hips only a hand's "
        "width from the floor. From Robin Example"
    ) in text
    assert "Knee drops" not in text  # left out for her
    jonas = flat(pdf_text(corpus[0] / "clients" / "jonas-beispiel" / "s12-twelve-steps-cheatsheet.pdf"))
    assert "Zusammengestellt für Jonas Beispiel · 21. November 2026" in jonas
    assert jonas.count("Notizen für dich") == 1
    assert (
        "Notizen für dich • Die Balance-Reihe nur mit einer Hand an der Wand. • 7 Herabschauender Hund, für dich "
        "(intensiver): Tritt auf der Stelle: Beug abwechselnd ein Knie und dann das andere und lass danach beide "
        "Fersen tiefer sinken. Von Robin Example"
    ) in jonas
    assert "Für die ganze Übungsfolge" in jonas


def test_no_signature_without_an_instructor(tmp_path, run):
    workspace = tmp_path / "corpus"
    shutil.copytree(CORPUS, workspace, ignore=shutil.ignore_patterns("build"))
    studio = workspace / "studio.yaml"
    studio.write_text(studio.read_text("utf-8").replace("instructor: Robin Example\n", ""), "utf-8")
    assert run("build", "--clients", "clients.yaml", "--only", "Ada <Lovelace> & Co", workspace=workspace).code == 0
    text = flat(pdf_text(workspace / "build" / "clients" / "ada-lovelace-co" / "s08-eight-steps-cheatsheet.pdf"))
    assert text.count("Notes for you") == 1 and "From " not in text


# -- long sequences: the floors, two pages with a warning, and the refusal ---------------------------------------
def _synthetic(tmp_path, steps: int, cautions: int = 0, library: bool = True):
    """`steps` library poses; with `library` False without the library's cautions, and the first `cautions`
    steps each with a caution of its own."""
    lines = ["title: Synthetic", "steps:"]
    for i in range(steps):
        lines += [f"  - pose: {POSES[i % len(POSES)]}", "    hold: 5 breaths"]
        if not library:
            lines.append("    library_cautions: false")
        if i < cautions:
            lines += ["    cautions:", f'      - "Caution {i + 1} for this step: stop when it hurts and rest a while."']
    (tmp_path / "sequences").mkdir(exist_ok=True)
    (tmp_path / "sequences" / "s.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path / "build" / "s" / "cheatsheet.pdf"


@pytest.mark.parametrize(
    "steps, cautions, pages, least",
    [
        (4, 0, 1, 24),  # a short sheet: names at 30 pt, everything else at 24 pt
        (20, 0, 1, 12),
        (28, 15, 1, 10),  # as much as one page holds: the 10 pt floor reached
        (28, 16, 2, 12),  # one caution more: two pages, at a larger size again
    ],
)
def test_sheets_stay_on_one_page_down_to_their_floor(tmp_path, run, steps, cautions, pages, least):
    sheet = _synthetic(tmp_path, steps, cautions, library=False)
    result = run("build", "--format", "cheatsheet", workspace=tmp_path)
    assert result.code == 0, result.err
    assert len(PdfReader(sheet).pages) == pages
    assert smallest(sheet) >= least
    if (steps, cautions) == (28, 15):
        assert smallest(sheet) == pytest.approx(10)
    assert (
        "warning: the cheat sheet of 28 steps takes two pages; they do not fit one page with text of 10 pt or "
        "more; split the sequence, or build with '--pages 2' to say that is fine" in result.err
    ) == (pages == 2)
    text = canon(pdf_text(sheet))
    assert all(
        canon(f"Caution {i + 1} for this step: stop when it hurts and rest a while.") in text for i in range(cautions)
    )
    assert fill(sheet) >= 0.75


def test_forty_steps_take_two_pages_with_a_warning(tmp_path, run):
    sheet = _synthetic(tmp_path, 40)
    result = run("build", "--format", "cheatsheet", workspace=tmp_path)
    assert result.code == 0, result.err
    assert (
        "sequences/s.yaml:1:1: warning: the cheat sheet of 40 steps takes two pages; more than 30 steps do not "
        "go on one page; split the sequence, or build with '--pages 2' to say that is fine"
    ) in result.err
    assert len(PdfReader(sheet).pages) == 2
    assert fill(sheet, 0) >= 0.75
    assert all(f"{i} " in flat(pdf_text(sheet)) for i in range(1, 41))
    assert "takes two pages" not in run("build", "--format", "cheatsheet", "--pages", "2", workspace=tmp_path).err


def test_the_8_pt_floor_of_two_pages_is_reached_and_below_it_the_sheet_is_refused(tmp_path, run, monkeypatch):
    sheet = _synthetic(tmp_path, 52, 52, library=False)
    result = run("build", "--format", "cheatsheet", workspace=tmp_path)
    assert result.code == 0, result.err
    assert len(PdfReader(sheet).pages) == 2 and smallest(sheet) == pytest.approx(8)
    monkeypatch.setattr(limits, "STEPS", 150)  # the sheet's own refusal, beyond the reader's step limit
    _synthetic(tmp_path, 150)
    result = run("build", "--format", "cheatsheet", workspace=tmp_path)
    assert result.code == 2
    assert result.err.startswith(
        "sequences/s.yaml:1:1: the cheat sheet cannot fit 150 steps on two pages with text "
        "of 8 pt or more; hand out the booklet instead, or split the sequence into shorter "
        "ones ('--pages' allows at most 2)"
    )
    assert run("build", "--format", "cheatsheet", "--pages", "2", workspace=tmp_path).code == 2


def test_pages_2_lets_a_sheet_grow_but_never_leaves_a_page_of_cautions_alone(corpus, tmp_path, run):
    workspace = tmp_path / "corpus"
    shutil.copytree(CORPUS, workspace, ignore=shutil.ignore_patterns("build"))
    assert run("build", "s12-twelve-steps", "--format", "cheatsheet", "--pages", "2", workspace=workspace).code == 0
    sheet = workspace / "build" / "s12-twelve-steps" / "cheatsheet.pdf"
    assert len(PdfReader(sheet).pages) == 2
    assert smallest(sheet) > smallest(corpus[0] / "s12-twelve-steps" / "cheatsheet.pdf")
    assert fill(sheet, 0) >= 0.75
    second = flat(PdfReader(sheet).pages[1].extract_text())
    assert second.startswith("Twelve-Step Morning Flow (continued)")
    assert re.search(r"\b(9 Child's pose|10 Corpse pose)\b", second)


def test_a_clients_long_sheet_warns_from_the_batch(tmp_path, run):
    _synthetic(tmp_path, 40)
    (tmp_path / "clients.yaml").write_text(
        "clients:\n  - name: Ann Example\n    email: ann@example.org\n    handouts: [s cheatsheet]\n", encoding="utf-8"
    )
    result = run("build", "--clients", "clients.yaml", workspace=tmp_path)
    assert result.code == 0, result.err
    assert result.err.count("warning: the cheat sheet of 40 steps takes two pages") == 1


def test_cheat_sheet_and_mat_card_follow_grayscale_and_letter(tmp_path, examples, run):
    from test_build import _colourful_pixels

    args = ("build", "low-back-release", "--format", "cheatsheet", "--format", "matcard")
    assert run(*args, workspace=examples).code == 0
    folder = examples / "build" / "low-back-release"
    assert _colourful_pixels(folder / "cheatsheet.pdf") > 500 and _colourful_pixels(folder / "matcard.pdf") > 500
    assert run(*args, "--grayscale", "--paper", "letter", workspace=examples).code == 0
    for name in ("cheatsheet.pdf", "matcard.pdf"):
        assert _colourful_pixels(folder / name) == 0, name
        size = sorted(round(float(v)) for v in PdfReader(folder / name).pages[0].mediabox.upper_right)
        assert size == [612, 792], name  # Letter, either way round
    with pdfplumber.open(folder / "cheatsheet.pdf") as pdf:  # the caution marks keep their triangles in grey
        assert len([c for c in pdf.pages[0].curves if c.get("fill")]) >= 15


def test_a_step_with_a_photo_shows_it_as_its_thumbnail(tmp_path, examples, run):
    from PIL import Image

    Image.new("RGB", (800, 600), (200, 60, 40)).save(examples / "images" / "bridge.jpg", "JPEG")
    sequence = examples / "sequences" / "psoas-stretches.yaml"
    sequence.write_text(
        sequence.read_text(encoding="utf-8").replace(
            "  - pose: bridge\n", "  - pose: bridge\n    image: bridge.jpg\n", 1
        ),
        encoding="utf-8",
    )
    assert (
        run("build", "psoas-stretches", "--format", "cheatsheet", "--format", "matcard", workspace=examples).code == 0
    )
    for name in ("cheatsheet.pdf", "matcard.pdf"):
        pages = PdfReader(examples / "build" / "psoas-stretches" / name).pages
        assert sum(len(page.images) for page in pages) == 1, name


# -- the typesetter and the fitter as plain data ------------------------------------------------------------------
def test_long_words_take_hyphens_at_syllables_and_short_ones_never():
    def hyphenated(word):
        return "-".join(word[a:b] for a, b in zip((0, *syllables(word)), (*syllables(word), len(word))))

    assert hyphenated("Oberschenkelrückseitendehnung") == "Ober-schen-kel-rück-sei-ten-deh-nung"
    assert hyphenated("Rückenstrecker") == "Rücken-stre-cker"
    assert hyphenated("counterclockwise") == "coun-ter-clock-wise"
    assert syllables("Hamstring") == ()  # under 14 letters: never hyphenated


def test_lines_break_at_spaces_and_after_a_compounds_hyphen_and_never_cut_a_word():
    block = Block([Piece("Reclined hand-to-big-toe pose", "regular")])
    lines = block.lines(70, 10)  # 7 em wide
    assert [line.text for line in lines] == ["Reclined hand-", "to-big-toe pose"]
    assert all(line.width <= 7 for line in lines)
    assert Block([Piece("Hamstrings", "bold")]).lines(30, 10) is None  # wider than its line: refused, not cut
    assert Block([Piece("Prepared for Ann Example", "bold", whole=True)]).count(60, 10) is None


def test_pages_are_filled_in_order_and_the_last_keeps_a_step_beside_the_cautions():
    assert paginate([100, 100, 100], 400, 400, 50, 1) == [[0, 1, 2]]
    assert paginate([100, 100, 100], 300, 350, 150, 2) == [[0, 1], [2]]
    # everything but the cautions fits the first page: the last step goes over with them
    assert paginate([100, 100, 100], 320, 350, 250, 2) == [[0, 1], [2]]
    assert paginate([100, 100, 100], 250, 250, 200, 2) is None
    # a tail of the steps' own caution words may have the last page to itself: every step stays on the front
    assert paginate([100, 100, 100], 320, 350, 250, 2, tail_alone=True) == [[0, 1, 2], []]
    assert paginate([100, 100, 100], 250, 350, 250, 2, tail_alone=True) == [[0, 1], [2]]


def test_a_word_wider_than_any_line_is_broken_with_hyphens_not_refused(tmp_path, run):
    (tmp_path / "sequences").mkdir()
    (tmp_path / "sequences" / "s.yaml").write_text(
        "title: Long\nsteps:\n  - pose: mountain\n    hold: 5 breaths\n"
        f"  - name: Long link\n    hold: 3 breaths\n    cautions: [See https://example.org/{'x' * 300}]\n",
        encoding="utf-8",
    )  # a name may have at most 120 characters: the word is in a caution
    assert run("check", workspace=tmp_path).code == 0
    result = run("build", "--format", "cheatsheet", workspace=tmp_path)
    assert result.code == 0, result.err
    lines = pdf_text(tmp_path / "build" / "s" / "cheatsheet.pdf").split("\n")
    pieces = [line for line in lines if "xxxxxx" in line]
    assert len(pieces) >= 3 and all(p.endswith("-") for p in pieces[:-1])
    joined = "".join(p[:-1] for p in pieces[:-1]) + pieces[-1]
    assert "example.org/" + "x" * 300 in joined  # nothing cut off
