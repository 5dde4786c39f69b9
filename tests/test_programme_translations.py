"""A programme's words in another language: programmes/<name>.<code>.yaml beside the programme (issue 21).

The example programme's German file (programmes/back-care-12-weeks.de.yaml) is built and read back; bad and
incomplete translations are written into a copy of the example workspace. Expected words and places are written
out here, never taken from the code under test.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT, snapshot
from pypdf import PdfReader

from handouts.pipeline.loading import load_workspace
from handouts.pipeline.programmes import load_programme
from handouts.reading.workspace import Workspace

PROGRAMME = "back-care-12-weeks"
TRANSLATION = f"programmes/{PROGRAMME}.de.yaml"

# what the German file says in place of the programme's own words
GERMAN = [
    "Rückenpflege in 12 Wochen",
    "Üben zu Hause für den unteren Rücken",
    "Willkommen zu zwölf Wochen Übungspraxis für deinen Rücken.",
    "Das Programm wächst in vier Abschnitten zu je drei Wochen.",
    "Such dir einen ruhigen Platz",
    "Hak nach jedem Üben den Tag im Übungsprotokoll",
    "Grundlagen",
    "Mehr Länge",
    "Kraft",
    "Allein weiterüben",
    "Bleib etwas länger in den Drehungen",
    "komm früher aus der Drehung",
]
# the programme's own English words, none of which may print in the German guidebook
ENGLISH = [
    "Back Care, 12 Weeks",
    "A home practice for the low back",
    "Welcome to twelve weeks",
    "The programme grows in four steps",
    "Choose a quiet spot",
    "Have your props ready",
    "Go through the poses in the order given",
    "tick the day in the log",
    "Foundations",
    "Lengthening",
    "Going on alone",
    "Learn the poses and the slow breath",
    "Stay a little longer in the twists",
    "Bring in the bridge",
    "Now that you stay longer",
    "exhale lowers, inhale returns",
    "lower slowly and rest a breath",
    "step back to hands and knees",
]


def workspace_copy(target: Path) -> Path:
    target.mkdir(parents=True)
    for name in ("sequences", "poses", "images", "programmes"):
        shutil.copytree(ROOT / name, target / name)
    for name in ("studio.yaml", "studio.de.yaml"):
        shutil.copy(ROOT / name, target / name)
    return target


def flat(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").split())


@pytest.fixture(scope="module")
def german(tmp_path_factory):
    """The example programme built with `--language de`: the guidebook's text, page count and the run's output."""
    from conftest import Result

    from handouts.commands.cli import main

    root = workspace_copy(tmp_path_factory.mktemp("de") / "ws")
    out = root / "build"
    code = main(["build", "--workspace", str(root), "--programme", PROGRAMME, "--language", "de", "--out", str(out)])
    reader = PdfReader(str(out / "programmes" / PROGRAMME / "de" / "guidebook.pdf"))
    text = flat("\n".join(page.extract_text() for page in reader.pages))
    return Result(code, "", ""), text, len(reader.pages)


def test_the_german_guidebook_prints_the_programmes_german_words(german):
    result, text, _ = german
    assert result.code == 0
    for words in GERMAN:
        assert words in text, words


def test_the_german_guidebook_prints_none_of_the_programmes_english_words(german):
    _, text, pages = german
    for words in ENGLISH:
        assert words not in text, words
    assert pages > 64  # cut stack, not saddle stitch (its count is in the report, not fixed here)


def test_the_german_file_is_complete(run):
    result = run("check", workspace=ROOT)
    assert result.code == 0
    assert TRANSLATION not in result.err
    assert f"programmes/{PROGRAMME}.yaml" not in result.err


BAD = """\
title: Rückenpflege in 12 Wochen
home_practice:
  - Such dir einen ruhigen Platz.
  - Leg dir deine Hilfsmittel bereit.
segments:
  - title: Grundlagen
  - title: Mehr Länge
    changes:
      1:
        text: Halte länger.
      7:
        text: Gibt es nicht.
  - title: Kraft
  - title: Allein weiterüben
  - title: Noch ein Abschnitt
"""
BAD_ERRORS = [
    f"{TRANSLATION}:3:3: home_practice: 2 German texts, but the programme has 3 paragraphs",
    f"{TRANSLATION}:10:9: segments: weeks 4-6: changes: 1: 'hold: supine-twist' has no words to translate",
    f"{TRANSLATION}:11:7: segments: weeks 4-6: changes: there is no change 7: the segment has 4 changes",
    f"{TRANSLATION}:15:5: segments: the 5th entry has no segment to translate",
]


def test_a_bad_translation_is_located_errors_and_nothing_is_written(run, tmp_path):
    root = workspace_copy(tmp_path / "ws")
    (root / TRANSLATION).write_text(BAD, encoding="utf-8")
    out = tmp_path / "out"
    result = run("build", "--programme", PROGRAMME, "--language", "de", "--out", str(out), workspace=root)
    assert result.code == 2
    for error in BAD_ERRORS:
        assert error in result.err, error
    assert "4 errors in 1 file; nothing was written" in result.err
    assert "Traceback" not in result.err
    assert snapshot(out) == {}
    checked = run("check", workspace=root)
    assert checked.code == 2
    for error in BAD_ERRORS:
        assert error in checked.err, error


def test_a_segment_too_few_and_keys_that_are_not_words(run, tmp_path):
    root = workspace_copy(tmp_path / "ws")
    (root / TRANSLATION).write_text(
        "title: Rückenpflege\ntitel: Rückenpflege\nsegments:\n  - title: Grundlagen\n    weeks: 1-3\n",
        encoding="utf-8",
    )
    result = run("check", workspace=root)
    assert result.code == 2
    assert f"{TRANSLATION}:2:1: unknown key 'titel' in programme translation; did you mean 'title'?" in result.err
    assert f"{TRANSLATION}:5:5: segments: unknown key 'weeks'; a translation holds only words" in result.err
    (root / TRANSLATION).write_text("segments:\n  - title: Grundlagen\n  - title: Mehr Länge\n", encoding="utf-8")
    result = run("check", workspace=root)
    assert result.code == 2
    assert (
        f"{TRANSLATION}:2:3: segments: 2 here, but the programme has 4: the segments for weeks 7-9, weeks 10-12 "
        "have no words" in result.err
    )


def test_missing_words_warn_at_the_programmes_own_text(run, tmp_path):
    root = workspace_copy(tmp_path / "ws")
    text = (ROOT / TRANSLATION).read_text(encoding="utf-8")
    # the second segment's focus and its caution's words left out
    text = text.replace(
        "    focus: Bleib etwas länger in den Drehungen und Dehnungen und beginne, den Psoas im Liegen zu dehnen.\n", ""
    )
    cut = text.index("      4:  # caution")
    text = text[:cut] + text[text.index("\n  - title: Kraft") :]
    (root / TRANSLATION).write_text(text, encoding="utf-8")
    result = run("check", workspace=root)
    assert result.code == 0, result.err
    assert (
        f"programmes/{PROGRAMME}.yaml:34:12: warning: no German text for the focus of weeks 4-6; add it to "
        f"{TRANSLATION} under segments: (the 2nd, weeks 4-6)" in result.err
    )
    assert (
        f"programmes/{PROGRAMME}.yaml:44:17: warning: no German text for this caution; add it to {TRANSLATION} "
        "under segments: (the 2nd, weeks 4-6): changes: 4: text:" in result.err
    )
    assert result.err.count("warning: no German text") == 2


def test_a_language_without_translations_warns_once_per_file(tmp_path):
    root = workspace_copy(tmp_path / "ws")
    (root / "sequences" / "low-back-release.es.yaml").unlink()
    (root / "programmes" / f"{PROGRAMME}.es.yaml").unlink()
    workspace = Workspace(root)
    loaded = load_workspace(workspace, [], feasibility=False)
    planned, problems = load_programme(workspace, workspace.programme(PROGRAMME), loaded, "es")
    assert planned is not None
    messages = [f"{p.location.file}:{p.location.line}: {p.message}" for p in problems if p.warning]
    programme = [m for m in messages if "programmes/back-care-12-weeks.yaml has no Spanish translation" in m]
    sequence = [m for m in messages if "sequences/low-back-release.yaml has no Spanish translation" in m]
    assert programme == [
        "programmes/back-care-12-weeks.yaml:1: programmes/back-care-12-weeks.yaml has no Spanish translation: its "
        "title, welcome, segment titles and other words of its own print in English in the Spanish guidebook"
    ]
    assert len(sequence) == 1
    hints = {p.hint for p in problems if p.warning}
    assert "add programmes/back-care-12-weeks.es.yaml with their Spanish words (docs/programmes.md)" in hints
    assert "add sequences/low-back-release.es.yaml with their Spanish words" in hints
    assert str(planned.programme.title) == "Back Care, 12 Weeks"


def test_the_translation_is_applied_word_for_word():
    workspace = Workspace(ROOT)
    loaded = load_workspace(workspace, [], feasibility=False)
    planned, problems = load_programme(workspace, workspace.programme(PROGRAMME), loaded, "de")
    assert planned is not None, problems
    prog = planned.programme
    assert str(prog.title) == "Rückenpflege in 12 Wochen"
    assert [str(s.segment.title) for s in planned.segments] == [
        "Grundlagen",
        "Mehr Länge",
        "Kraft",
        "Allein weiterüben",
    ]
    caution = planned.segments[1].segment.changes[3]
    assert str(caution.text) == (
        "Jetzt, wo du länger bleibst, komm früher aus der Drehung, wenn es im unteren Rücken zu ziehen beginnt."
    )
    hold = planned.segments[1].segment.changes[1].hold
    assert str(hold.breath) == "ausatmend absenken, einatmend zurück zur Mitte"
    assert hold.cycles is not None and (hold.cycles.low, hold.cycles.high) == (
        12,
        12,
    )  # the numbers stay the programme's


def test_a_translation_is_never_taken_for_a_programme(run, tmp_path):
    result = run("build", "--programme", f"{PROGRAMME}.de", "--out", str(tmp_path / "out"), workspace=ROOT)
    assert result.code == 2
    assert "this is the 'de' translation of the programme back-care-12-weeks, not a programme of its own" in result.err
    assert f"'handouts build --programme {PROGRAMME} --language de'" in result.err


def test_a_translation_without_its_programme_is_an_error(run, tmp_path):
    root = workspace_copy(tmp_path / "ws")
    shutil.copy(root / TRANSLATION, root / "programmes" / "back-care-twelve.de.yaml")
    result = run("check", workspace=root)
    assert result.code == 2
    assert (
        "programmes/back-care-twelve.de.yaml:1:1: this German translation has no programme to translate: there is "
        "no programmes/back-care-twelve.yaml" in result.err
    )


@pytest.mark.parametrize("code", ["de", "es", "fr"])
def test_the_example_translations_satisfy_their_schema(code):
    import json

    import jsonschema
    import yaml

    schema = json.loads((ROOT / "schema" / "programme-translation.schema.json").read_text(encoding="utf-8"))
    data = yaml.safe_load((ROOT / "programmes" / f"{PROGRAMME}.{code}.yaml").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    assert len(data["segments"]) == 4
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**data, "segments": [{"title": "Grundlagen", "weeks": "1-3"}]}, schema)
