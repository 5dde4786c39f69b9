"""The guidebook in the programme's language (issue 21): its own words (headings, the NEW and CHANGED marks,
"see page N", the contents, the log, the index, the progression table, how to use it) come from the labels, so
the example programme built with `--language de` (or written with `language: de`) prints the German words and none of the English ones. The
expected words are written out here, not taken from the labels tables."""

from __future__ import annotations

import shutil

import pytest
from conftest import ROOT
from pypdf import PdfReader

ENGLISH_HEADINGS = [
    "Contents",
    "Welcome",
    "Setting up your home practice",
    "Keeping your practice log",
    "How to use this guidebook",
    "Your programme week by week",
    "New this segment",
    "This segment at a glance",
    "Pose reference",
    "Index of poses",
    "Sanskrit names",
    "see page",
    "Weeks 4",
    "CHANGED",
    "Each session:",
    "Practised in:",
    "home practice programme",
]
GERMAN_HEADINGS = [
    "Inhalt",
    "Willkommen",
    "So richtest du dein Üben zu Hause ein",
    "So führst du dein Übungstagebuch",
    "So benutzt du dieses Heft",
    "Dein Programm Woche für Woche",
    "Neu in diesem Abschnitt",
    "Dieser Abschnitt auf einen Blick",
    "Haltungsverzeichnis",
    "Register der Haltungen",
    "Sanskrit-Namen",
    "siehe Seite",
    "Wochen 4\u20136",
    "GEÄNDERT",
    "Jede Einheit:",
    "Geübt in:",
    "Ein Übungsprogramm für zu Hause über 12 Wochen",
]


@pytest.fixture(scope="module")
def german(tmp_path_factory):
    """The example programme built with `handouts build --programme back-care-12-weeks --language de`."""
    from handouts.commands.cli import main

    root = tmp_path_factory.mktemp("de") / "ws"
    root.mkdir()
    for name in ("sequences", "poses", "images", "programmes"):
        shutil.copytree(ROOT / name, root / name)
    for name in ("studio.yaml", "studio.de.yaml"):
        shutil.copy(ROOT / name, root / name)
    path = root / "programmes" / "back-care-12-weeks.yaml"
    text = path.read_text(encoding="utf-8")
    # the programme's own texts print as written: the two that hold an English heading's words, in German
    text = text.replace("title: Back Care, 12 Weeks", "title: Rückenpflege in 12 Wochen", 1)
    text = text.replace("Welcome to twelve weeks", "Schön, dass du zwölf Wochen", 1)
    path.write_text(text, encoding="utf-8")
    argv = ["build", "--workspace", str(root), "--programme", "back-care-12-weeks", "--language", "de"]
    assert main([*argv, "--paper", "a4"]) == 0
    return root / "build" / "programmes" / "back-care-12-weeks" / "de"  # not the programme's own language


def text_of(pdf) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(pdf).pages)


def test_the_german_guidebook_prints_its_own_words_in_german(german):
    text = " ".join(text_of(german / "guidebook.pdf").split())
    assert [h for h in GERMAN_HEADINGS if h not in text] == []
    assert [h for h in ENGLISH_HEADINGS if h in text] == []


def test_the_german_progression_table_and_weekly_sheets_name_the_weeks_in_german(german):
    table = " ".join(text_of(german / "progression.pdf").split())
    assert "Rückenpflege in 12 Wochen: Dein Programm Woche für Woche" in table
    assert "Wochen 1\u20133" in table and "Schritt" in table
    assert "Weeks" not in table and "week by week" not in table
    sheet = " ".join(text_of(german / "weeks-04-06-cheatsheet.pdf").split())
    assert "Rückenpflege in 12 Wochen, Wochen 4\u20136" in sheet
    assert "weeks 4" not in sheet


def test_the_bookmarks_are_in_german(german):
    reader = PdfReader(german / "guidebook.pdf")
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert "Haltungsverzeichnis" in titles and "Register der Haltungen" in titles
    assert "Pose reference" not in titles and "Index of poses" not in titles
