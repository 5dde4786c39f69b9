"""The mat card: large print for reading from the mat, every step on it, every page numbered."""
from __future__ import annotations

import pdfplumber
import pytest

from handouts.labels import ENGLISH as labels
from handouts.build import load_workspace
from handouts.workspace import Workspace

from conftest import ROOT, build_examples

EXAMPLES = sorted(p.stem for p in (ROOT / "sequences").glob("*.yaml"))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_examples(tmp_path_factory.mktemp("mat"), "matcard")


@pytest.mark.parametrize("name", EXAMPLES)
def test_names_are_28_pt_and_side_and_hold_20_pt(built, name):
    (plan,) = load_workspace(Workspace(ROOT), [name]).plans
    with pdfplumber.open(built / name / "matcard.pdf") as pdf:
        assert all(page.width > page.height for page in pdf.pages)  # landscape
        lines = [line for page in pdf.pages for line in page.extract_text_lines()]
        sizes = {}
        for line in lines:
            sizes.setdefault(" ".join(line["text"].split()), []).append(min(c["size"] for c in line["chars"]))
        for step in plan.steps:
            shown = labels.repeat_name(step.name) if step.repeat_of else step.name
            heading = f"{step.label} {' '.join(shown.split())}"
            found = [size for text, found_sizes in sizes.items() if text.startswith(heading) for size in found_sizes]
            assert found and min(found) >= 28, heading
            side = labels.side_badge(step.mode, step.order)
            detail = "  \u00b7  ".join(d for d in (side, labels.hold_label(step.hold)) if d)
            start = " ".join(detail.split())[:18]  # a long hold wraps: its first line starts the same
            found = [size for text, found_sizes in sizes.items() if text.startswith(start) for size in found_sizes]
            assert found and min(found) >= 20, (heading, detail)


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_page_is_numbered(built, name):
    with pdfplumber.open(built / name / "matcard.pdf") as pdf:
        assert len(pdf.pages) >= 2
        for number, page in enumerate(pdf.pages, 1):
            bottom = [w["text"] for w in page.extract_words() if w["top"] > page.height - 20 * 2.83]
            assert bottom == [str(number)]
