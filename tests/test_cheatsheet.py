"""The cheat sheet: the whole sequence on one page at the largest type that fits, or a clear refusal."""
from __future__ import annotations

import pdfplumber
import pytest
from pypdf import PdfReader

from handouts.labels import ENGLISH as labels
from handouts.build import load_workspace
from handouts.errors import Collector
from handouts.library import load_library
from handouts.workspace import Workspace

from conftest import ROOT, build_examples

EXAMPLES = sorted(p.stem for p in (ROOT / "sequences").glob("*.yaml"))
POSES = sorted(load_library(None, Collector()).poses)


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_examples(tmp_path_factory.mktemp("cheat"), "cheatsheet")


@pytest.mark.parametrize("name", EXAMPLES)
def test_each_example_fits_one_page_with_every_step(built, name):
    reader = PdfReader(built / name / "cheatsheet.pdf")
    assert len(reader.pages) == 1
    text = flat(reader.pages[0].extract_text())
    (plan,) = load_workspace(Workspace(ROOT), [name]).plans
    for step in plan.steps:
        shown = labels.repeat_name(step.name) if step.repeat_of else step.name
        side = labels.side_badge(step.mode, step.order)
        assert f"{step.label} {flat(shown)}" in text, step.label
        for part in (side, labels.hold_label(step.hold)):
            assert flat(part) in text, (step.label, part)
    for caution in plan.sequence.cautions:
        assert flat(caution) in text
    assert text.count(labels["caution"]) >= sum(1 for s in plan.steps if s.cautions and not s.repeat_of)


def _synthetic(tmp_path, steps: int):
    lines = ["title: Synthetic", "steps:"]
    for i in range(steps):
        lines += [f"  - pose: {POSES[i % len(POSES)]}", "    hold: 5 breaths"]
    (tmp_path / "sequences").mkdir()
    (tmp_path / "sequences" / "s.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize("steps", [4, 12, 20, 30, 150])
def test_synthetic_sequences_fit_one_page_or_fail_with_the_documented_message(tmp_path, run, steps):
    _synthetic(tmp_path, steps)
    result = run("build", "--format", "cheatsheet", workspace=tmp_path)
    sheet = tmp_path / "build" / "s" / "cheatsheet.pdf"
    if result.code == 0:
        assert len(PdfReader(sheet).pages) == 1
        with pdfplumber.open(sheet) as pdf:
            assert min(c["size"] for c in pdf.pages[0].chars) >= 8 - 0.01
            text = flat(pdf.pages[0].extract_text())
        assert all(f"{i} " in text for i in range(1, steps + 1))
    else:
        assert result.code == 2 and not sheet.exists()
        assert result.err.startswith("sequences/s.yaml:1:1: the cheat sheet cannot fit")
        assert (f"the cheat sheet cannot fit {steps} steps on one page with text of 8 pt or more; hand out the "
                "booklet instead, or build the cheat sheet on two pages with '--pages 2'") in result.err
    if steps <= 20:
        assert result.code == 0, result.err


def test_two_pages_when_asked(tmp_path, run):
    _synthetic(tmp_path, 150)
    assert run("build", "--format", "cheatsheet", workspace=tmp_path).code == 2
    assert run("build", "--format", "cheatsheet", "--pages", "2", workspace=tmp_path).code == 0
    assert len(PdfReader(tmp_path / "build" / "s" / "cheatsheet.pdf").pages) <= 2


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


def test_a_step_with_a_photo_shows_it_as_its_thumbnail(tmp_path, examples, run):
    from PIL import Image
    Image.new("RGB", (800, 600), (200, 60, 40)).save(examples / "images" / "bridge.jpg", "JPEG")
    sequence = examples / "sequences" / "psoas-stretches.yaml"
    sequence.write_text(sequence.read_text(encoding="utf-8").replace(
        "  - pose: bridge\n", "  - pose: bridge\n    image: bridge.jpg\n", 1), encoding="utf-8")
    assert run("build", "psoas-stretches", "--format", "cheatsheet", "--format", "matcard",
               workspace=examples).code == 0
    for name in ("cheatsheet.pdf", "matcard.pdf"):
        pages = PdfReader(examples / "build" / "psoas-stretches" / name).pages
        assert sum(len(page.images) for page in pages) == 1, name
