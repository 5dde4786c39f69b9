"""The example roster's German, Spanish and French clients get handouts with no English in them: every text of
the English sequence file, of the built-in poses it uses, of the workspace's poses and of the English labels
table is looked for, by runs of four words, in the PDF's text; likewise an example sequence built in another
language. The English texts are read here with PyYAML, straight from the files, not through handouts."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from pypdf import PdfReader

PLACEHOLDER = re.compile(r"\{\{.*?\}\}|\{[a-z_]+\}")


def _strings(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        return [s for item in node for s in _strings(item)]
    if isinstance(node, dict):
        return [
            s
            for key, value in node.items()
            if key not in ("figure", "image", "pose", "sanskrit", "aliases", "sides", "side", "position", "language")
            for s in _strings(value)
        ]
    return []


def _words(text: str) -> list[str]:
    return re.findall(r"[a-zà-ÿ']+", text.lower())


def _runs(text: str, n: int = 4) -> set[str]:
    """Every run of `n` words of `text` that no placeholder breaks."""
    out = set()
    for part in PLACEHOLDER.split(text):
        words = _words(part)
        out |= {" ".join(words[i : i + n]) for i in range(len(words) - n + 1)}
    return out


def english_texts(sequence: str) -> list[str]:
    """The English words a handout of `sequence` could print: the sequence's own texts, those of every built-in
    and workspace pose it names, and the English labels table's phrases."""
    data = yaml.safe_load((ROOT / "sequences" / f"{sequence}.yaml").read_text(encoding="utf-8"))
    poses = {}
    for path in sorted((ROOT / "handouts" / "poses").glob("*.yaml")) + sorted((ROOT / "poses").glob("*.yaml")):
        if "." not in path.stem:
            poses.update(yaml.safe_load(path.read_text(encoding="utf-8"))["poses"])
    used = set(re.findall(r"^\s*- pose: ([\w-]+)", (ROOT / "sequences" / f"{sequence}.yaml").read_text(), re.M))
    labels = yaml.safe_load((ROOT / "handouts" / "translations" / "en.yaml").read_text(encoding="utf-8"))
    return (
        _strings({k: v for k, v in data.items() if k != "props"})
        + [s for pose in sorted(used) for s in _strings(poses[pose])]
        + [
            s
            for key, value in labels.items()
            if key not in ("language", "months", "weekdays", "date")
            for s in _strings(value)
        ]
    )


def pdf_runs(path: Path) -> set[str]:
    text = " ".join(page.extract_text() for page in PdfReader(path).pages)
    return _runs(re.sub(r"-\s*\n\s*", "", text).replace("\n", " "))


def _copy_examples(ws: Path) -> None:
    """The examples' sequences, poses, photos and studio files, into the workspace `ws`."""
    for name in ("sequences", "poses", "images"):
        shutil.copytree(ROOT / name, ws / name)
    for path in ROOT.glob("studio*.yaml"):
        shutil.copy(path, ws / path.name)


@pytest.fixture(scope="module")
def clients_built(tmp_path_factory) -> Path:
    ws = tmp_path_factory.mktemp("examples")
    _copy_examples(ws)
    shutil.copy(ROOT / "clients.yaml", ws / "clients.yaml")
    from handouts.commands.cli import main

    assert main(["build", "--workspace", str(ws), "--clients", "clients.yaml", "--date", "2026-12-03"]) == 0
    return ws / "build" / "clients"


@pytest.mark.parametrize(
    "client, pdf, sequence, own_words",
    [
        (
            "jonas-weber",
            "psoas-stretches.pdf",
            "psoas-stretches",
            ["Psoas-Dehnungen", "Zusammengestellt für Jonas Weber", "3. Dezember 2026", "Vorsicht:"],
        ),
        ("lucia-romero", "desk-break-cheatsheet.pdf", "desk-break", ["Flexiones en la mesa", "Der"]),
        ("camille-martin", "desk-break.pdf", "desk-break", ["3 décembre 2026", "D → G"]),
    ],
)
def test_a_client_handout_in_their_language_has_no_english(clients_built, client, pdf, sequence, own_words):
    path = clients_built / client / pdf
    english = set().union(*(_runs(t) for t in english_texts(sequence)))
    assert len(english) > 500  # the reference holds the whole sequence, its poses and the labels
    found = sorted(pdf_runs(path) & english)
    assert found == [], found
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)
    for words in own_words:
        assert words in text, words


def test_the_check_can_fail_on_an_english_handout(clients_built):
    """The same comparison finds English in Ann's English booklet (so the test above can fail)."""
    english = set().union(*(_runs(t) for t in english_texts("low-back-release")))
    assert len(pdf_runs(clients_built / "ann-example" / "low-back-release.pdf") & english) > 100


def test_the_psoas_example_in_french_has_no_english(tmp_path):
    """The psoas example's French booklet and cheat sheet: its French words were the last to be written."""
    _copy_examples(tmp_path)
    from handouts.commands.cli import main

    args = ["build", "psoas-stretches", "--workspace", str(tmp_path), "--language", "fr"]
    assert main([*args, "--format", "booklet", "--format", "cheatsheet"]) == 0
    english = set().union(*(_runs(t) for t in english_texts("psoas-stretches")))
    own = {
        "booklet.pdf": ["Étirements du psoas", "Étirement du psoas à quatre pattes"],
        "cheatsheet.pdf": ["Étirements"],
    }
    for pdf, words in own.items():
        path = tmp_path / "build" / "psoas-stretches" / "fr" / pdf
        assert sorted(pdf_runs(path) & english) == [], pdf
        text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)
        for phrase in words:
            assert phrase in text, (pdf, phrase)
