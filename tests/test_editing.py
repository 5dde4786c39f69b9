"""The studio's editing engine on copies of the examples: each change gives a file that reads with no error and
plans as expected; saving refuses a file changed on disk or an invalid one (writing nothing), and writes atomically;
a new sequence has the shape `handouts new` writes; hostile values are refused or written so they read back as
typed."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from handouts.core.errors import HandoutError
from handouts.editing import sequence_edits as edits
from handouts.editing.document import Conflict, Document, check_text, digest_of, save
from handouts.pipeline.loading import load_workspace
from handouts.reading.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def plain(tmp_path) -> Path:
    """The examples without their translations (a translation names steps by number, so reordering the steps
    of a translated sequence is refused until the translation follows: see the test below)."""
    for name in ("sequences", "poses", "images"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "studio.yaml", tmp_path / "studio.yaml")
    for path in (tmp_path / "sequences").glob("*.*.yaml"):
        path.unlink()
    return tmp_path


def opened(workspace: Path, name: str) -> Document:
    return Document.open(Workspace(workspace), workspace / "sequences" / f"{name}.yaml")


def saved_plan(document: Document):
    """Save, then read the file back from disk as `handouts check` does: its plan."""
    save(document, document.digest)
    (plan,) = load_workspace(document.workspace, [document.path.stem], sample=True).plans
    return plan


def names(plan) -> list[tuple[str, str]]:
    return [(s.label, s.name) for s in plan.steps]


def test_moving_step_3_before_step_1(plain):
    document = opened(plain, "low-back-release")
    edits.move_step(document, (2,), (0,))
    assert names(saved_plan(document)) == [
        ("1", "Supine twist"),
        ("2", "Gluteal massage"),
        ("3", "Sacral massage"),
        ("4", "Knee drops"),
        ("5a", "Hamstring stretch"),
        ("5b", "Inner thigh stretch"),
        ("5c", "IT band stretch"),
        ("5a", "Hamstring stretch"),
        ("6", "Outer hip stretch"),
        ("7", "Deep gluteal stretch"),
        ("8", "Sacral thumps"),
    ]
    text = document.path.read_text(encoding="utf-8")
    assert "steps:\n  - pose: supine-twist\n" in text
    assert (
        "      twisting the other way, shift them toward the opposite side.\n\n  - pose: knees-to-chest-circles\n"
        in text
    )
    assert "    hold: 5 circles each way\n\n  - pose: knee-drops\n" in text


def test_moving_the_last_step_first_keeps_one_blank_line_between_steps_and_none_at_the_end(plain):
    document = opened(plain, "low-back-release")
    edits.move_step(document, (7,), (0,))
    assert names(saved_plan(document))[:2] == [("1", "Sacral thumps"), ("2", "Gluteal massage")]
    text = document.path.read_text(encoding="utf-8")
    assert "      - Keep the lift tiny, 5 cm (two inches) at the most.\n\n  - pose: knees-to-chest-circles\n" in text
    assert text.endswith("letting them travel outward and toward the floor.\n")


def test_moving_a_step_into_a_series_and_out_again(plain):
    document = opened(plain, "low-back-release")
    edits.move_step(document, (3,), (3, 1))  # knee drops: after the move the series is the 4th entry
    assert names(saved_plan(document))[3:8] == [
        ("4a", "Hamstring stretch"),
        ("4b", "Knee drops"),
        ("4c", "Inner thigh stretch"),
        ("4d", "IT band stretch"),
        ("4a", "Hamstring stretch"),
    ]
    assert "        hold: 5 breaths\n        note: >\n" in document.path.read_text(encoding="utf-8")
    edits.move_step(document, (3, 1), (7,))
    plan = saved_plan(document)
    assert names(plan)[-2:] == [("7", "Sacral thumps"), ("8", "Knee drops")]
    assert document.path.read_text(encoding="utf-8").endswith(
        "      - Should the low back start to ache, hold the knees nearer the chest.\n"
    )


def test_grouping_two_steps_into_a_series(plain):
    document = opened(plain, "low-back-release")
    edits.group(document, (0,), 2, "Massage")
    plan = saved_plan(document)
    assert [s.label for s in plan.steps] == ["1a", "1b", "2", "3", "4a", "4b", "4c", "4a", "5", "6", "7"]
    assert plan.items[0].title == "Massage"
    text = document.path.read_text(encoding="utf-8")
    assert (
        "  - series: Massage\n    steps:\n      - pose: knees-to-chest-circles\n        name: Gluteal massage\n"
        "        hold: 5 circles each way\n      - pose: sacral-circles\n" in text
    )


def test_grouping_moves_the_steps_side_up_to_the_series(plain):
    document = opened(plain, "low-back-release")
    edits.group(document, (5,), 2, "Hips")  # outer hip and deep gluteal stretch, both `side: both`
    plan = saved_plan(document)
    assert [(p.label, p.side.value if p.side else None) for p in plan.performances][-5:] == [
        ("6a", "right"),
        ("6b", "right"),
        ("6a", "left"),
        ("6b", "left"),
        ("7", None),
    ]
    assert "  - series: Hips\n    side: both\n    steps:\n" in document.path.read_text(encoding="utf-8")


def test_ungrouping_a_series_keeps_the_practice(plain):
    document = opened(plain, "low-back-release")
    edits.ungroup(document, (4,))
    plan = saved_plan(document)
    assert names(plan)[4:8] == [
        ("5", "Hamstring stretch"),
        ("6", "Inner thigh stretch"),
        ("7", "IT band stretch"),
        ("8", "Hamstring stretch"),  # the repeat, written out as a copy with the repeat's hold
    ]
    assert (plan.steps[7].hold.breaths.low, plan.steps[7].hold.breaths.high) == (3, 3)
    assert plan.steps[7].repeat_of is None and plan.steps[7].transition is not None
    sides = [(p.label, p.side.value if p.side else None) for p in plan.performances if p.label in "5678"]
    assert sides == [("5", "right"), ("5", "left"), ("6", "right"), ("6", "left"), ("7", "right"), ("7", "left"),
                     ("8", "right"), ("8", "left")]  # fmt: skip
    text = document.path.read_text(encoding="utf-8")
    assert "&" not in text and "*id" not in text  # no YAML anchors or aliases
    assert "    transition: Return the leg to vertical.\n\n  - pose: supta-padangusthasana\n" in text
    assert (  # the series' transition goes to its last step, which had none
        "    hold: 3 breaths\n    transition: >\n      Slip the strap off, stretch both legs out" in text
    )


def test_adding_a_repeat_to_a_series(plain):
    document = opened(plain, "desk-break")
    edits.add_repeat(document, (5,), 2, "2 breaths")
    plan = saved_plan(document)
    assert names(plan)[5:8] == [("6a", "Tree"), ("6b", "Standing quad stretch"), ("6b", "Standing quad stretch")]
    assert plan.steps[7].repeat_of == "6b"
    assert "      - repeat: 2\n        hold: 2 breaths\n\n  - pose: chair-pose\n" in document.path.read_text(
        encoding="utf-8"
    )


def test_adding_and_removing_steps(plain):
    document = opened(plain, "desk-break")
    edits.add_step(document, (0,), {"hold": "3 breaths", "pose": "corpse-pose", "cues": ["Lie down.", "Rest."]})
    edits.add_step(document, (11,), {"name": "Shake out the hands", "hold": "10 s"})
    edits.remove_step(document, (5,))  # desk push-up, now the 6th entry
    plan = saved_plan(document)
    assert names(plan)[:2] == [("1", "Corpse pose"), ("2", "Mountain")]
    assert names(plan)[4:6] == [("5", "Desk dog"), ("6a", "Tree")]
    assert names(plan)[-1] == ("11", "Shake out the hands")
    text = document.path.read_text(encoding="utf-8")
    assert "steps:\n  - pose: corpse-pose\n    hold: 3 breaths\n    cues:\n      - Lie down.\n      - Rest.\n\n" in text
    assert text.endswith("\n\n  - name: Shake out the hands\n    hold: 10 s\n")


def test_setting_and_removing_fields(plain):
    document = opened(plain, "low-back-release")
    edits.set_field(document, "props", ["strap", "block", "blanket"])
    edits.set_field(document, "subtitle", None)
    edits.set_step_field(document, (5,), "easier", None)
    edits.set_step_field(document, (2,), "side", "left")
    plan = saved_plan(document)
    assert [str(p) for p in plan.sequence.props] == ["strap", "block", "blanket"]
    assert plan.sequence.subtitle is None
    text = document.path.read_text(encoding="utf-8")
    assert "props: [strap, block, blanket]\n" in text
    assert "  - pose: supine-twist\n    side: left\n" in text


def test_a_long_new_note_is_folded_near_110_columns(plain):
    document = opened(plain, "desk-break")
    note = (
        "Sit tall near the front edge of the chair with both feet flat on the floor, and let the breath settle "
        "before you start to turn; the turn comes from the ribs, not from pulling on the chair."
    )
    edits.set_step_field(document, (1,), "note", note)
    plan = saved_plan(document)
    assert str(plan.steps[1].note) == note
    assert (
        "    note: >\n"
        "      Sit tall near the front edge of the chair with both feet flat on the floor, and let the breath settle\n"
        "      before you start to turn; the turn comes from the ribs, not from pulling on the chair.\n"
        "\n  - pose: wrist-circles\n" in document.path.read_text(encoding="utf-8")
    )


def test_a_path_that_does_not_exist_is_refused_plainly(plain):
    document = opened(plain, "desk-break")
    with pytest.raises(HandoutError, match="there is no step 12"):
        edits.set_step_field(document, (11,), "hold", "5 breaths")
    with pytest.raises(HandoutError, match="step 1 is not a series"):
        edits.set_step_field(document, (0, 0), "hold", "5 breaths")
    with pytest.raises(HandoutError, match=r"there is no step 6\.3"):
        edits.remove_step(document, (5, 2))
    with pytest.raises(HandoutError, match="a series cannot go inside another series"):
        edits.move_step(document, (5,), (0, 0))


def german(workspace: Path, name: str) -> list[tuple[str, str]]:
    loaded = load_workspace(Workspace(workspace), [name], sample=True)
    return names(loaded.in_language(loaded.plans[0], "de").plan)


def test_the_translations_follow_when_steps_move(examples):
    """The translations name steps by number: a reorder renumbers their keys in the same save."""
    document = opened(examples, "low-back-release")
    edits.move_step(document, (2,), (0,))
    save(document, document.digest)
    assert german(examples, "low-back-release")[:4] == [
        ("1", "Drehung in Rückenlage"),  # the library's German name
        ("2", "Gesäßmassage"),
        ("3", "Kreuzbeinmassage"),
        ("4", "Scheibenwischer"),
    ]
    text = (examples / "sequences" / "low-back-release.de.yaml").read_text(encoding="utf-8")
    assert "steps:\n  1:\n    cues:\n      - Heb mit gebeugten Knien" in text
    assert "  2:\n    name: Gesäßmassage\n  3:\n    name: Kreuzbeinmassage\n  4:\n    note: Kräftigt" in text


def test_a_removed_steps_translated_words_go_with_it_and_a_series_is_renumbered(examples):
    document = opened(examples, "low-back-release")
    edits.remove_step(document, (1,))  # the sacral massage
    edits.group(document, (0,), 2, "Start")
    save(document, document.digest)
    assert german(examples, "low-back-release")[:4] == [
        ("1a", "Gesäßmassage"),
        ("1b", "Drehung in Rückenlage"),
        ("2", "Scheibenwischer"),
        ("3a", "Beinrückseite dehnen"),
    ]
    for code in ("de", "es", "fr"):
        text = (examples / "sequences" / f"low-back-release.{code}.yaml").read_text(encoding="utf-8")
        assert "  1a:\n" in text and "  3a:\n" in text and "  5a:\n" not in text and "  8:\n" not in text
    assert "Kreuzbeinmassage" not in (examples / "sequences" / "low-back-release.de.yaml").read_text(encoding="utf-8")


def test_an_undone_move_leaves_the_translations_alone(examples):
    before = {p.name: p.read_bytes() for p in (examples / "sequences").iterdir()}
    document = opened(examples, "low-back-release")
    edits.move_step(document, (2,), (0,))
    edits.undo(document)
    save(document, document.digest)
    assert {p.name: p.read_bytes() for p in (examples / "sequences").iterdir()} == before


def test_a_translation_changed_on_disk_meanwhile_is_a_conflict(examples, monkeypatch):
    from handouts.editing import document as documents

    document = opened(examples, "low-back-release")
    edits.move_step(document, (2,), (0,))
    german_file = examples / "sequences" / "low-back-release.de.yaml"
    real = documents.check_text

    def meanwhile(*args, **kwargs):  # someone saves the German words while the check runs
        found = real(*args, **kwargs)
        german_file.write_text(german_file.read_text(encoding="utf-8") + "# changed\n", encoding="utf-8")
        return found

    monkeypatch.setattr(documents, "check_text", meanwhile)
    before = document.path.read_bytes()
    with pytest.raises(Conflict) as caught:
        save(document, document.digest)
    assert caught.value.shown == "sequences/low-back-release.de.yaml"
    assert document.path.read_bytes() == before


# saving


def test_a_file_changed_on_disk_is_a_conflict_and_is_left_alone(plain):
    document = opened(plain, "desk-break")
    edits.set_step_field(document, (0,), "hold", "4 breaths")
    theirs = document.path.read_text(encoding="utf-8").replace("title: Desk Break", "title: Their Desk Break")
    document.path.write_text(theirs, encoding="utf-8")
    with pytest.raises(Conflict) as caught:
        save(document, document.digest)
    assert caught.value.shown == "sequences/desk-break.yaml"
    assert caught.value.on_disk == theirs
    assert "title: Desk Break\n" in caught.value.yours and "    hold: 4 breaths\n" in caught.value.yours
    assert document.path.read_text(encoding="utf-8") == theirs


def test_a_new_file_that_appeared_meanwhile_is_a_conflict(plain):
    document = edits.new_sequence(Workspace(plain), "evening", "Evening")
    edits.add_step(document, (0,), {"pose": "corpse-pose", "hold": "5 breaths"})
    document.path.write_text("title: Someone else's\n", encoding="utf-8")
    with pytest.raises(Conflict):
        save(document, None)
    assert document.path.read_text(encoding="utf-8") == "title: Someone else's\n"


def test_an_invalid_hold_is_refused_located_and_nothing_is_written(plain):
    document = opened(plain, "low-back-release")
    before = document.path.read_bytes()
    edits.set_step_field(document, (1,), "hold", "5 breths")
    with pytest.raises(HandoutError) as caught:
        save(document, document.digest)
    assert "did you mean 'breaths'" in str(caught.value)
    (problem,) = caught.value.problems
    assert (problem.location.file, problem.location.line) == ("sequences/low-back-release.yaml", 28)
    assert document.path.read_bytes() == before
    assert [p.name for p in document.path.parent.iterdir() if p.name.startswith(".")] == []


def test_check_text_reads_the_text_in_place_of_the_file_and_writes_nothing(plain):
    file = plain / "sequences" / "desk-break.yaml"
    before = {p: p.read_bytes() for p in plain.rglob("*") if p.is_file()}
    errors, warnings = check_text(
        Workspace(plain), file, "title: Broken\nsteps:\n  - pose: corpse-pose\n    hold: 5 breths\n"
    )
    assert [(p.location.file, p.location.line, p.location.col) for p in errors] == [
        ("sequences/desk-break.yaml", 4, 11)
    ]
    assert warnings == []
    assert {p: p.read_bytes() for p in plain.rglob("*") if p.is_file()} == before


def test_a_failure_while_writing_leaves_the_old_file(plain, monkeypatch):
    document = opened(plain, "desk-break")
    before = document.path.read_bytes()
    edits.set_step_field(document, (0,), "hold", "4 breaths")

    def broken(source, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(Exception, match="No space left on device"):
        save(document, document.digest)
    assert document.path.read_bytes() == before
    assert [p.name for p in document.path.parent.iterdir() if p.name.startswith(".")] == []


def test_saving_twice_needs_the_new_digest(plain):
    document = opened(plain, "desk-break")
    first = document.digest
    edits.set_step_field(document, (0,), "hold", "4 breaths")
    second = save(document, first)
    assert second == digest_of(document.path) != first
    edits.set_step_field(document, (0,), "hold", "2 breaths")
    with pytest.raises(Conflict):
        save(document, first)
    assert save(document, second) == digest_of(document.path)


# a new sequence


def test_a_new_sequence_has_the_shape_handouts_new_writes(plain, run):
    assert run("new", "morning-stretch", workspace=plain).code == 0
    written = (plain / "sequences" / "morning-stretch.yaml").read_text(encoding="utf-8")
    (plain / "sequences" / "morning-stretch.yaml").unlink()
    assert edits.slug_for("Morning Stretch!") == "morning-stretch"
    document = edits.new_sequence(
        Workspace(plain), "morning-stretch", "Morning Stretch!", "gentle", "10 min", "left first", ["strap"]
    )
    assert document.digest == "" and not document.path.exists()
    edits.add_step(document, (0,), {"pose": "knees-to-chest", "hold": "5 breaths"})
    save(document, None)
    text = document.path.read_text(encoding="utf-8")
    header = [line for line in written.splitlines() if line.startswith("#")][:3]
    assert header == [
        "# yaml-language-server: $schema=../schema/sequence.schema.json",
        "# A starter sequence written by `handouts new`. Change anything; `handouts check` tells you what it thinks.",
        "# Lines starting with # are comments. Indent with spaces, never tabs.",
    ]
    assert text == "\n".join(header) + (
        "\ntitle: Morning Stretch!\nlevel: gentle\nduration: 10 min\nsides: left first\nprops: [strap]\n"
        "steps:\n  - pose: knees-to-chest\n    hold: 5 breaths\n"
    )
    (plan,) = load_workspace(Workspace(plain), ["morning-stretch"], sample=True).plans
    assert names(plan) == [("1", "Knees to chest")]


def test_a_new_sequence_with_no_steps_yet_is_refused_on_save(plain):
    document = edits.new_sequence(Workspace(plain), "empty", "Empty")
    with pytest.raises(HandoutError, match="add at least one step"):
        save(document, None)
    assert not document.path.exists()


def test_a_new_sequence_over_an_existing_file_or_with_a_bad_name_is_refused(plain):
    with pytest.raises(HandoutError, match="already exists"):
        edits.new_sequence(Workspace(plain), "desk-break", "Desk")
    with pytest.raises(HandoutError, match="not a usable file name"):
        edits.new_sequence(Workspace(plain), "../outside", "Out")


# hostile values


def test_a_line_break_or_a_control_character_in_a_one_line_field_is_refused(plain):
    document = opened(plain, "desk-break")
    with pytest.raises(HandoutError, match="line break"):
        edits.set_field(document, "title", "Desk\nBreak")
    with pytest.raises(HandoutError, match="U\\+001B"):
        edits.set_step_field(document, (0,), "name", "Moun\x1btain")
    assert "title: Desk Break\n" in document.text()


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("yes", "    name: 'yes'\n"),
        ("#", "    name: '#'\n"),
        ("1.0", "    name: '1.0'\n"),
        ("a: b", "    name: 'a: b'\n"),
        ("it's: here", '    name: "it\'s: here"\n'),
        ("Mountain, tall", "    name: Mountain, tall\n"),
    ],
)
def test_values_yaml_would_misread_are_quoted_and_read_back_as_typed(plain, value, written):
    document = opened(plain, "desk-break")
    edits.set_step_field(document, (0,), "name", value)
    plan = saved_plan(document)
    assert plan.steps[0].name == value
    assert written in document.path.read_text(encoding="utf-8")


def test_a_10000_character_cue_is_refused_by_the_checker(plain):
    document = opened(plain, "desk-break")
    before = document.path.read_bytes()
    edits.set_step_field(document, (0,), "cues", ["Breathe. " * 1111 + "x"])
    with pytest.raises(HandoutError, match="at most"):
        save(document, document.digest)
    assert document.path.read_bytes() == before


def test_a_file_outside_the_workspace_is_refused(plain, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "x.yaml"
    elsewhere.write_text("title: X\n", encoding="utf-8")
    with pytest.raises(HandoutError, match="outside the workspace"):
        Document.open(Workspace(plain), elsewhere)


def test_a_translation_is_checked_from_the_text_given_not_from_the_disk(examples):
    """check_text of a translation file: the text given, with its own lines (not a parse kept from the disk)."""
    file = examples / "sequences" / "desk-break.de.yaml"
    text = file.read_text(encoding="utf-8")
    assert check_text(Workspace(examples), file, text)[0] == []
    lines = text.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("title:"))
    lines[at] = "titel: Schreibtischpause\n"
    errors, _ = check_text(Workspace(examples), file, "".join(lines))
    assert [(p.location.file, p.location.line) for p in errors] == [("sequences/desk-break.de.yaml", at + 1)]
    assert file.read_text(encoding="utf-8") == text


def starter_copy(tmp_path: Path) -> Document:
    """The starter `handouts new` writes (comments above its steps), as sequences/s.yaml."""
    (tmp_path / "sequences").mkdir()
    file = tmp_path / "sequences" / "s.yaml"
    file.write_text((ROOT / "handouts" / "starter.yaml").read_text(encoding="utf-8").replace("@TITLE@", "S"))
    return Document.open(Workspace(tmp_path), file)


def comments(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("#")]


def test_comments_above_steps_stay_in_place_when_steps_move_or_go(tmp_path):
    document = starter_copy(tmp_path)
    before = comments(document.text())
    edits.move_step(document, (0,), (4,))  # knees-to-chest from first to last
    edits.remove_step(document, (2,))  # "Three slow breaths", now the third entry
    text = document.text()
    assert comments(text) == before  # every comment kept, in the same order
    assert (
        "  # A step names a pose from the library (`handouts poses` lists them) and says how long to hold it.\n"
        "  # `side: both` does it on each side, in the order given by `sides:` above.\n"
        "  - pose: supine-twist\n" in text
    )
    assert (
        "    transition: Let the strap go and rest with both legs long.\n\n"
        "  # A pose of your own: give it a `name` instead of a `pose`.\n"
        "  - pose: corpse-pose\n    hold: as long as you like\n\n"
        "  - pose: knees-to-chest\n    hold: 5 breaths\n"
    ) in text
    assert text.endswith("    hold: 5 breaths\n")


def test_a_change_that_fails_part_way_leaves_the_document_as_it_was(plain):
    document = opened(plain, "low-back-release")
    before = document.text()
    with pytest.raises(HandoutError, match=r"there is no step 4\.9"):
        edits.move_step(document, (0,), (3, 8))  # the first step goes out before the target is found wanting
    assert document.text() == before


def test_undo_takes_back_the_last_changes_one_by_one(plain):
    document = opened(plain, "desk-break")
    original = document.text()
    edits.set_step_field(document, (0,), "hold", "4 breaths")
    after_first = document.text()
    edits.move_step(document, (0,), (2,))
    assert edits.undo(document) is True
    assert document.text() == after_first
    assert edits.undo(document) is True
    assert document.text() == original
    assert edits.undo(document) is False
    edits.add_repeat(document, (5,), 1)  # one change, though made of others
    assert len(document.history) == 1
    assert edits.undo(document) is True
    assert document.text() == original
    assert edits.undo(document) is False


def test_a_key_that_is_not_a_word_is_refused(plain):
    document = opened(plain, "desk-break")
    with pytest.raises(HandoutError, match="not a key"):
        edits.set_step_field(document, (0,), "hold: 5\nside", "both")
    with pytest.raises(HandoutError, match="not a key"):
        edits.add_step(document, (0,), {"pose": "corpse-pose", "#x": "y"})
    assert document.history == []


# the roster and studio.yaml


def roster(tmp_path: Path) -> Document:
    for name in ("sequences", "poses", "images"):
        shutil.copytree(ROOT / name, tmp_path / name)
    for name in ("studio.yaml", "clients.yaml"):
        shutil.copy(ROOT / name, tmp_path / name)
    return Document.open(Workspace(tmp_path), tmp_path / "clients.yaml")


def test_adding_and_removing_clients(tmp_path):
    from handouts.editing import roster_edits

    document = roster(tmp_path)
    at = roster_edits.add_client(
        document,
        {"handouts": ["desk-break", "low-back-release cheatsheet"], "name": "Zoë Example", "email": "zoe@example.org",
         "notes": ["Go gently after the operation; no twists yet."]},
    )  # fmt: skip
    assert at == 4
    roster_edits.remove_client(document, 0)
    roster_edits.set_client_field(document, 3, "easier", ["reclined-figure-four"])
    assert check_text(document.workspace, document.path, document.text())[0] == []
    save(document, document.digest)
    text = document.path.read_text(encoding="utf-8")
    assert "Ann Example" not in text
    assert text.startswith((ROOT / "clients.yaml").read_text(encoding="utf-8").split("  - name: Ann")[0])
    assert text.endswith(
        "    handouts: [desk-break]\n\n  - name: Zoë Example\n    email: zoe@example.org\n"
        "    handouts: [desk-break, low-back-release cheatsheet]\n    notes:\n"
        "      - Go gently after the operation; no twists yet.\n    easier: [reclined-figure-four]\n"
    )


def test_a_client_for_an_unknown_sequence_is_refused_at_its_line(tmp_path):
    from handouts.editing import roster_edits

    document = roster(tmp_path)
    before = document.path.read_bytes()
    roster_edits.set_client_field(document, 2, "handouts", ["desk-brake"])
    with pytest.raises(HandoutError, match="did you mean 'desk-break'") as caught:
        save(document, document.digest)
    assert [(p.location.file, p.location.line) for p in caught.value.problems] == [("clients.yaml", 24)]
    assert document.path.read_bytes() == before


def test_studio_settings(tmp_path):
    from handouts.editing import studio_edits

    roster(tmp_path)
    document = Document.open(Workspace(tmp_path), tmp_path / "studio.yaml")
    studio_edits.set_setting(document, "accent", "#336699")
    studio_edits.set_setting(document, ("mail", "port"), 587)
    studio_edits.set_setting(document, "website", None)
    assert check_text(document.workspace, document.path, document.text()) == ([], [])
    save(document, document.digest)
    text = document.path.read_text(encoding="utf-8")
    assert "accent: '#336699'\n" in text
    assert "  host: smtp.riverside-backcare.example\n  port: 587\n  user: maya@riverside-backcare.example\n" in text
    assert "website" not in text
    studio_edits.set_setting(document, "paper", "a5")
    with pytest.raises(HandoutError) as caught:
        save(document, document.digest)
    assert [(p.location.file, p.location.line) for p in caught.value.problems] == [
        ("studio.yaml", 10)
    ]  # paper, a line up once website went


def test_comments_after_a_steps_last_value_survive_changing_or_removing_it(tmp_path):
    document = starter_copy(tmp_path)
    before = comments(document.text())
    edits.set_step_field(document, (2,), "transition", None)  # the series' last key, a comment below it
    edits.set_step_field(document, (1,), "cautions", ["Keep the knees together.", "Breathe out as you turn."])
    edits.set_step_field(document, (3,), "note", "A quiet moment.")  # after a flow list, a blank line below
    edits.set_step_field(document, (0,), "hold", "6 breaths")  # the last value, a comment below it
    text = document.text()
    assert comments(text) == before
    assert (
        "    cautions:                                 # your cautions are added to the library's\n"
        "      - Keep the knees together.\n      - Breathe out as you turn.\n"
        "    # video: https://...  " in text
    )
    assert (
        "      - repeat: 1                             # the first step of this series again\n"
        "        hold: 3 breaths\n\n  # A pose of your own: give it a `name` instead of a `pose`.\n" in text
    )
    assert "    cues: [Rest your hands on your belly and feel it rise and fall.]\n    note: A quiet moment.\n\n" in text
    assert "    hold: 6 breaths\n\n  # `side: both` does it on each side" in text


def test_a_first_roster_made_from_nothing(plain):
    from handouts.editing import roster_edits

    document = Document.new(Workspace(plain), plain / "clients.yaml")
    assert document.text() == ""
    roster_edits.add_client(document, {"name": "Ann Example", "handouts": ["desk-break"], "email": "ann@example.org"})
    save(document, None)
    assert (plain / "clients.yaml").read_text(encoding="utf-8") == (
        "clients:\n  - name: Ann Example\n    email: ann@example.org\n    handouts: [desk-break]\n"
    )
    with pytest.raises(HandoutError, match="already exists"):
        Document.new(Workspace(plain), plain / "clients.yaml")


def test_list_items_and_texts_on_several_lines_read_back_as_typed(plain):
    document = opened(plain, "desk-break")
    edits.set_step_field(document, (1,), "note", "Line one.\nLine two, with: a colon.")
    edits.set_step_field(document, (2,), "cues", ["First.\nSecond line.", "1e3", "null", "- dash", "x # y", "%x"])
    edits.set_field(document, "props", ["yes", "a: b", "[x]", "1.0"])
    plan = saved_plan(document)
    # a single line break in a `|` block is only where the writer wrapped: it reads as a space (docs/format.md)
    assert plan.steps[1].note == "Line one. Line two, with: a colon."
    assert list(plan.steps[2].cues) == ["First. Second line.", "1e3", "null", "- dash", "x # y", "%x"]
    assert [str(p) for p in plan.sequence.props] == ["yes", "a: b", "[x]", "1.0"]
    text = document.path.read_text(encoding="utf-8")
    assert "props: ['yes', 'a: b', '[x]', '1.0']\n" in text
    assert "    note: |\n      Line one.\n      Line two, with: a colon.\n\n" in text


def test_a_file_that_is_not_valid_yaml_cannot_be_opened_and_says_where(plain):
    file = plain / "sequences" / "broken.yaml"
    file.write_text("title: Broken\nsteps:\n  - pose: corpse-pose\n   hold: 5 breaths\n", encoding="utf-8")
    with pytest.raises(HandoutError) as caught:
        Document.open(Workspace(plain), file)
    assert [(p.location.file, p.location.line) for p in caught.value.problems] == [("sequences/broken.yaml", 4)]
    file.write_text("title: A\ntitle: B\nsteps: []\n", encoding="utf-8")
    with pytest.raises(HandoutError, match="duplicate key 'title'"):
        Document.open(Workspace(plain), file)


def test_check_text_of_a_file_the_studio_does_not_change_is_an_error(plain):
    errors, _ = check_text(Workspace(plain), plain / "poses" / "desk.yaml", "poses: []\n")
    assert [p.message for p in errors] == ["the studio does not change this kind of file"]
