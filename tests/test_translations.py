"""Handouts in other languages: translations beside their files, builds in a language, the mixed-language check.

The workspace tests/languages/ holds a 3-step sequence (a workspace pose, a pose of its own, a two-sided workspace
pose), its complete German translation, the German words of its pose file and of studio.yaml.
"""

from __future__ import annotations

import pickle
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT
from pypdf import PdfReader

from handouts.core.errors import Collector, Location
from handouts.core.model import Text
from handouts.reading.library import load_library
from handouts.reading.workspace import Workspace

FIXTURE = ROOT / "tests" / "languages"

GERMAN = [
    "Büro-Pause",
    "Wandrutschen",
    "Schulterkreisen",
    "Brustöffner im Türrahmen",
    "Halte die Knie über den Fußgelenken.",
    "Lass den Nacken weich.",
    "Hör auf, wenn der Arm kribbelt oder taub wird.",
    "Halte den Ellbogen unter der Schulter.",
    "Beweg dich langsam und atme durch die Nase.",
    "roll dich Wirbel für Wirbel hoch",
]
GERMAN_BOOKLET = [
    "Drei Bewegungen zwischen zwei Terminen",
    "Eine kurze Pause für Rücken und Brust.",
    "Zieh die Schultern zu den Ohren.",
    "Rutsch langsam hinunter, bis die Knie halb gebeugt sind.",
    "Tut gut nach langem Tippen.",
    "Geh zum Türrahmen.",
    "Leg die Hand tiefer an den Rahmen.",
    "Rutsch nur ein kleines Stück hinunter.",
    "Bleib länger unten.",
    "Dreh den Brustkorb sanft vom Arm weg.",
    "Montags 19 Uhr, Hafenhalle",
    "Diese Notizen ersetzen keinen ärztlichen Rat.",
]
ENGLISH = [
    "Office reset",
    "Three moves between meetings",
    "all levels",
    "Standing by a wall",
    "A short break",
    "Move slowly",
    "Wall slide",
    "Stand with the back",
    "Slide down",
    "Keep the knees above",
    "Slide down only a little",
    "Stay low",
    "Doorway chest opener",
    "Rest the forearm",
    "Turn the chest",
    "Stop if the arm",
    "roll up one vertebra",
    "Shoulder rolls",
    "Lift the shoulders",
    "Roll them back",
    "Keep the neck soft",
    "Good after long typing",
    "Walk to the doorway",
    "Keep the elbow",
    "Place the hand lower",
    "Mondays",
    "do not replace advice",
    "Stop when anything hurts",
]


def _text(path: Path) -> str:
    """The PDF's text with its line breaks as spaces (a sentence broken over two lines reads as one)."""
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in PdfReader(path).pages))


@pytest.fixture
def office(tmp_path) -> Path:
    target = tmp_path / "ws"
    shutil.copytree(FIXTURE, target)
    return target


def test_a_german_build_prints_the_german_words_and_none_of_the_english(office, run):
    result = run(
        "build",
        "--language",
        "de",
        "--format",
        "booklet",
        "--format",
        "cheatsheet",
        "--format",
        "matcard",
        workspace=office,
    )
    assert result.code == 0, result.err
    assert result.err == ""  # a complete translation: nothing is left in English
    folder = office / "build" / "office" / "de"
    assert sorted(p.name for p in folder.iterdir()) == [
        "booklet-print.pdf",
        "booklet.pdf",
        "cheatsheet.pdf",
        "how-to-print.pdf",
        "matcard.pdf",
    ]
    assert not (office / "build" / "office" / "booklet.pdf").exists()  # the English is not built unless asked
    for name, expected in (("booklet", GERMAN + GERMAN_BOOKLET), ("cheatsheet", GERMAN), ("matcard", GERMAN)):
        text = _text(folder / f"{name}.pdf")
        for words in expected:
            assert words in text, (name, words)
        for words in ENGLISH:
            assert words not in text, (name, words)


def test_the_own_language_goes_to_the_sequence_folder_and_another_below_it(office, run):
    result = run("build", "--language", "en,de", "--format", "cheatsheet", workspace=office)
    assert result.code == 0, result.err
    assert "Office reset" in _text(office / "build" / "office" / "cheatsheet.pdf")
    assert "Büro-Pause" in _text(office / "build" / "office" / "de" / "cheatsheet.pdf")


def test_a_language_without_labels_is_a_located_error(office, run):
    result = run("build", "--language", "dk", workspace=office)
    assert result.code == 2
    assert result.err.splitlines()[0] == (
        "--language: no labels in the language 'dk'; use one of: de, en, es, fr (or add "
        "labels/dk.yaml for a new language)"
    )


def test_a_missing_text_is_a_warning_at_the_original_and_prints_in_english(office, run):
    translation = office / "sequences" / "office.de.yaml"
    translation.write_text(
        translation.read_text(encoding="utf-8").replace("    note: Tut gut nach langem Tippen.\n", ""), encoding="utf-8"
    )
    result = run("build", "--language", "de", "--format", "booklet", workspace=office)
    assert result.code == 0
    warnings = [line for line in result.err.splitlines() if "warning" in line]
    assert warnings == [
        "sequences/office.yaml:22:11: warning: no German text for step 2's note; add it to "
        "sequences/office.de.yaml under steps: 2: note:"
    ]
    assert "Good after long typing." in _text(office / "build" / "office" / "de" / "booklet.pdf")


def test_a_pose_without_german_words_warns_once_and_prints_in_english(office, run):
    poses = office / "poses" / "mine.de.yaml"
    text = poses.read_text(encoding="utf-8")
    poses.write_text(text[: text.index("  door-stretch:")], encoding="utf-8")
    result = run("build", "--language", "de", "--format", "booklet", workspace=office)
    assert result.code == 0
    assert [line for line in result.err.splitlines() if "warning" in line] == [
        "poses/mine.yaml:19:3: warning: no German words for the pose 'door-stretch' (name, cues, cautions): they "
        "print in its original language; add them to poses/mine.de.yaml under poses: door-stretch:"
    ]
    booklet = _text(office / "build" / "office" / "de" / "booklet.pdf")
    assert "Doorway chest opener" in booklet and "Stop if the arm tingles or goes numb." in booklet


def test_an_untranslated_sequence_warns_once_per_step_at_its_text(office, run):
    (office / "sequences" / "office.de.yaml").unlink()
    (office / "studio.de.yaml").unlink()
    result = run("build", "--language", "de", "--format", "cheatsheet", workspace=office)
    assert result.code == 0
    assert result.err.splitlines() == [
        "sequences/office.yaml:2:8: warning: 7 texts would print in English in the German handout (title, subtitle, "
        "level, position, intro, cautions, props); add their German words to sequences/office.de.yaml",
        "sequences/office.yaml:14:13: warning: step 1 (Wandrutschen): 1 text would print in English in the German "
        "handout (hold then); add its German words to sequences/office.de.yaml",
        "sequences/office.yaml:15:11: warning: step 2 (Shoulder rolls): 6 texts would print in English in the "
        "German handout (name, 2 cues, cautions, note, transition); add their German words to "
        "sequences/office.de.yaml",
        "sequences/office.yaml:27:9: warning: step 3 (Brustöffner im Türrahmen): 2 texts would print in English in "
        "the German handout (cautions, easier); add their German words to sequences/office.de.yaml",
        "studio.yaml:5:5: warning: 2 texts would print in English in the German handout (disclaimer, contact); add "
        "their German words to studio.de.yaml",
    ]


def test_check_warns_of_the_missing_words_of_each_translation(office, run):
    translation = office / "sequences" / "office.de.yaml"
    translation.write_text(
        translation.read_text(encoding="utf-8").replace("    transition: Geh zum Türrahmen.\n", ""), encoding="utf-8"
    )
    result = run("check", workspace=office)
    assert result.code == 0
    assert result.err == (
        "sequences/office.yaml:23:17: warning: no German text for step 2's transition; add it to "
        "sequences/office.de.yaml under steps: 2: transition:\n"
    )
    assert result.out == "sequences/office.yaml: ok, 3 steps, about 6 min\n"


def test_a_german_client_gets_the_german_handout(office, run):
    (office / "clients.yaml").write_text(
        "clients:\n  - name: Jonas Weber\n    email: jonas@example.org\n    language: de\n"
        "    handouts: [office]\n    notes: [Nur bis zur Hälfte hinunter.]\n",
        encoding="utf-8",
    )
    result = run("build", "--clients", "clients.yaml", workspace=office)
    assert result.code == 0, result.err
    text = _text(office / "build" / "clients" / "jonas-weber" / "office.pdf")
    for words in GERMAN + ["Nur bis zur Hälfte hinunter."]:
        assert words in text, words
    for words in ENGLISH:
        assert words not in text, words
    assert run("check", "--clients", "clients.yaml", workspace=office).err == ""


def test_list_shows_each_sequences_languages(run):
    result = run("list", workspace=FIXTURE)
    assert result.code == 0
    assert result.out.splitlines()[1].split()[:5] == ["office", "3", "~6", "min", "-"]
    assert result.out.splitlines()[1].split()[5] == "en+de"


def test_translation_files_are_not_sequences_or_pose_files(tmp_path):
    (tmp_path / "sequences").mkdir()
    (tmp_path / "poses").mkdir()
    for name in ("back.yaml", "back.de.yaml", "back.v2.yaml", "back.xx.yaml"):
        (tmp_path / "sequences" / name).write_text("title: x\n", encoding="utf-8")
    for name in ("desk.yaml", "desk.fr.yaml"):
        (tmp_path / "poses" / name).write_text("poses: {}\n", encoding="utf-8")
    workspace = Workspace(tmp_path)
    assert [p.name for p in workspace.all_sequences()] == ["back.v2.yaml", "back.xx.yaml", "back.yaml"]
    assert [p.name for p in workspace.pose_files()] == ["desk.yaml"]
    assert list(workspace.translations(tmp_path / "sequences" / "back.yaml")) == ["de"]
    (tmp_path / "labels").mkdir()
    (tmp_path / "labels" / "xx.yaml").write_text("language: X\n", encoding="utf-8")
    assert [p.name for p in Workspace(tmp_path).all_sequences()] == ["back.v2.yaml", "back.yaml"]


def test_the_library_in_german_keeps_the_sanskrit_and_figure_and_finds_its_aliases():
    library = load_library(Workspace(FIXTURE), Collector())
    german, problems = library.translated("de")
    assert problems == []
    pose = german.get("Wandsitz")
    assert pose is not None and pose.id == "wall-slide"
    assert pose.name == "Wandrutschen" and pose.name.language == "de"
    assert pose.cues == (
        "Lehn den Rücken an die Wand, die Füße einen Schritt vor ihr.",
        "Rutsch langsam hinunter, bis die Knie halb gebeugt sind.",
    )
    assert pose.figure is library.poses["wall-slide"].figure
    assert library.poses["wall-slide"].name == "Wall slide" and library.poses["wall-slide"].name.language == "en"
    assert german.get("child-pose").sanskrit == library.get("child-pose").sanskrit
    assert library.translated("de")[0] is german  # made once per language


def test_a_text_keeps_its_language_through_pickling():
    text = Text("Wandrutschen", Location("poses/mine.de.yaml", 4, 11), "wall-slide.name", "de")
    again = pickle.loads(pickle.dumps(text))
    assert (str(again), again.location, again.field, again.language) == (
        "Wandrutschen",
        Location("poses/mine.de.yaml", 4, 11),
        "wall-slide.name",
        "de",
    )


def _strap_series(tmp_path: Path, more_german: str = "") -> None:
    """A sequence with a series and a repeat, and its German words (series 2, the repeat '2a again')."""
    (tmp_path / "sequences").mkdir()
    (tmp_path / "sequences" / "s.yaml").write_text(
        "title: Strap work\nsteps:\n  - pose: supine-twist\n    hold: 5 breaths\n"
        "  - series: Strap series\n    note: Keep the strap.\n    steps:\n      - pose: supta-padangusthasana\n"
        "        hold: 5 breaths\n      - pose: reclined-figure-four\n        hold: 5 breaths\n"
        "      - repeat: 1\n        hold: 3 breaths\n        note: Once more, softer.\n",
        encoding="utf-8",
    )
    (tmp_path / "sequences" / "s.de.yaml").write_text(
        "title: Gurtarbeit\nsteps:\n  2:\n    title: Gurt-Reihe\n    note: Behalte den Gurt.\n"
        "  2a again:\n    note: Noch einmal, sanfter.\n" + more_german,
        encoding="utf-8",
    )


def test_series_and_repeats_are_named_as_printed(tmp_path, run):
    _strap_series(tmp_path, "  2c:\n    note: Gibt es nicht.\n")
    result = run("check", workspace=tmp_path)
    assert result.code == 2
    assert len(result.err.splitlines()) == 2  # the one error, and the summary: the other keys name a step
    assert result.err.splitlines()[0] == (
        "sequences/s.de.yaml:8:3: steps: there is no step \"2c\" in sequences/s.yaml; did you mean '2'? (a step as "
        "printed: 1, 5a, '5a again', or the id of a pose used once)"
    )


def test_a_series_and_a_repeat_take_their_translated_words(tmp_path):
    from handouts.pipeline.loading import load_workspace

    _strap_series(tmp_path)
    loaded = load_workspace(Workspace(tmp_path), [], feasibility=False)
    made = loaded.in_language(loaded.plans[0], "de")
    series = made.plan.items[1]
    assert (series.title, series.note) == ("Gurt-Reihe", "Behalte den Gurt.")
    assert [(s.label, s.repeat_of, s.note) for s in series.steps] == [
        ("2a", None, None),
        ("2b", None, None),
        ("2a", "2a", "Noch einmal, sanfter."),
    ]
    assert made.plan.sequence.title == "Gurtarbeit" and made.plan.sequence.title.language == "de"


def test_naming_a_translation_as_a_sequence_says_how_to_build_it(run):
    result = run("check", "office.de", workspace=FIXTURE)
    assert result.code == 2
    assert result.err.splitlines()[0] == (
        "office.de: this is the 'de' translation of office, not a sequence of its "
        "own; name the sequence and the language: 'handouts build office "
        "--language de'"
    )


def test_a_studio_translation_gives_one_line_for_each_contact_line(office, run):
    (office / "studio.de.yaml").write_text("contact: [Montags, Hafenhalle]\n", encoding="utf-8")
    result = run("check", workspace=office)
    assert result.code == 2
    assert result.err.splitlines() == [
        "studio.de.yaml:1:10: contact: 2 German texts, but the original has 1 contact line; give one for each, in "
        "the same order (none left out, none added)",
        "1 error in 1 file",
    ]


def test_a_sequence_written_in_german_builds_in_german_by_default(office, run):
    sequence = office / "sequences" / "office.yaml"
    sequence.write_text(
        sequence.read_text(encoding="utf-8").replace("title: Office reset\n", "title: Office reset\nlanguage: de\n"),
        encoding="utf-8",
    )
    (office / "sequences" / "office.de.yaml").unlink()
    result = run("build", "--format", "cheatsheet", workspace=office)
    assert (result.code, result.err) == (0, "")  # its words are German, so it says; the rest has German words
    sheet = _text(office / "build" / "office" / "cheatsheet.pdf")
    # the sequence says "wall" and the library, now German, "Wand": both are listed
    assert "Hilfsmittel: wall, Wand" in sheet and "Office reset" in sheet and "Wandrutschen" in sheet
    result = run("build", "--language", "en", "--format", "cheatsheet", workspace=office)
    assert result.code == 0
    assert result.err.splitlines()[0] == (
        "sequences/office.yaml:2:8: warning: 7 texts would print in German in the English handout (title, subtitle, "
        "level, position, intro, cautions, props); add their English words to sequences/office.en.yaml"
    )
    assert len(result.err.splitlines()) == 4  # the sequence's own words, then one line for each step
    sheet = _text(office / "build" / "office" / "en" / "cheatsheet.pdf")
    assert "Props: wall" in sheet and "Wall slide" in sheet


def test_a_translation_keeps_the_placeholders_of_the_original(office, run):
    poses = office / "poses" / "mine.yaml"
    poses.write_text(
        poses.read_text(encoding="utf-8").replace(
            "      - Turn the chest gently away from the arm.",
            "      - Turn the chest gently away from the {{ side }} arm.",
        ),
        encoding="utf-8",
    )
    result = run("check", workspace=office)
    assert result.code == 2
    assert result.err.splitlines() == [
        "poses/mine.de.yaml:18:9: door-stretch.cues: the German text does not keep the original's placeholders "
        "({{ side }}); keep each {{ ... }} of the original exactly as it is, with your own words around it",
        "1 error in 1 file",
    ]
    german = office / "poses" / "mine.de.yaml"
    german.write_text(
        german.read_text(encoding="utf-8").replace(
            "      - Dreh den Brustkorb sanft vom Arm weg.", "      - Dreh den Brustkorb sanft vom {{side}} Arm weg."
        ),
        encoding="utf-8",
    )
    assert run("check", workspace=office).code == 0


def test_a_studio_translation_without_studio_yaml_is_an_error(office, run):
    (office / "studio.yaml").unlink()
    result = run("check", workspace=office)
    assert result.code == 2
    assert result.err.splitlines() == [
        "studio.de.yaml:1:1: this German translation has no studio.yaml to translate; add studio.yaml beside it (its "
        "settings and its words in the studio's own language), or delete this file",
        "1 error in 1 file",
    ]
