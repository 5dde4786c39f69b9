"""Round trip: every example the studio can edit, opened and written again with no change, is the same bytes; one
value changed changes exactly its one line, comments, quoting and blank lines all kept."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

from handouts.editing import roster_edits, sequence_edits, studio_edits
from handouts.editing.document import Document, digest_of, save
from handouts.reading.workspace import Workspace, translation_of

ROOT = Path(__file__).resolve().parent.parent
WORKSPACE = Workspace(ROOT)
EXAMPLES = sorted(p for p in (ROOT / "sequences").glob("*.yaml") if not translation_of(p, WORKSPACE.language_codes))


def changed_lines(before: str, after: str) -> list[str]:
    """The lines difflib says were removed or added (without the file headers)."""
    return [
        line.rstrip("\n")
        for line in difflib.unified_diff(before.splitlines(True), after.splitlines(True), n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_the_examples_are_the_ones_this_test_knows():
    assert [p.name for p in EXAMPLES] == ["desk-break.yaml", "low-back-release.yaml", "psoas-stretches.yaml"]


@pytest.mark.parametrize("path", EXAMPLES + [ROOT / "studio.yaml", ROOT / "clients.yaml"], ids=lambda p: p.name)
def test_opened_and_written_again_unchanged_is_the_same_bytes(path):
    document = Document.open(WORKSPACE, path)
    assert document.text().encode("utf-8") == path.read_bytes()
    assert document.digest == digest_of(path) != ""
    assert document.shown == path.relative_to(ROOT).as_posix()


# (file, step path, new hold, the line before, the line after): written out by hand from the files
HOLDS = [
    ("desk-break.yaml", (1,), "6 circles each way", "    hold: 5 circles each way", "    hold: 6 circles each way"),
    ("low-back-release.yaml", (4, 2), "6 breaths", "        hold: 5 breaths", "        hold: 6 breaths"),
    ("psoas-stretches.yaml", (0,), "3-6 min", "    hold: 2-5 min", "    hold: 3-6 min"),
]


@pytest.mark.parametrize(("name", "path", "hold", "before", "after"), HOLDS, ids=[h[0] for h in HOLDS])
def test_one_hold_changed_changes_exactly_that_line(name, path, hold, before, after):
    file = ROOT / "sequences" / name
    document = Document.open(WORKSPACE, file)
    sequence_edits.set_step_field(document, path, "hold", hold)
    assert changed_lines(file.read_text(encoding="utf-8"), document.text()) == [f"-{before}", f"+{after}"]


def test_one_studio_setting_changed_changes_exactly_that_line():
    file = ROOT / "studio.yaml"
    document = Document.open(WORKSPACE, file)
    studio_edits.set_setting(document, "paper", "letter")
    assert changed_lines(file.read_text(encoding="utf-8"), document.text()) == ["-paper: a4", "+paper: letter"]


def test_one_nested_studio_setting_changed_changes_exactly_that_line():
    file = ROOT / "studio.yaml"
    document = Document.open(WORKSPACE, file)
    studio_edits.set_setting(document, ("mail", "host"), "smtp.example.org")
    assert changed_lines(file.read_text(encoding="utf-8"), document.text()) == [
        "-  host: smtp.riverside-backcare.example",
        "+  host: smtp.example.org",
    ]


def test_one_clients_field_changed_changes_exactly_that_line():
    file = ROOT / "clients.yaml"
    document = Document.open(WORKSPACE, file)
    roster_edits.set_client_field(document, 1, "email", "jonas.weber@example.org")
    assert changed_lines(file.read_text(encoding="utf-8"), document.text()) == [
        "-    email: jonas@example.org",
        "+    email: jonas.weber@example.org",
    ]


def test_a_saved_hold_change_leaves_every_other_byte_on_disk(tmp_path):
    """The same through `save`, on a copy of the workspace: the file on disk differs by exactly one line."""
    for name in ("sequences", "poses", "images"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "studio.yaml", tmp_path / "studio.yaml")
    file = tmp_path / "sequences" / "low-back-release.yaml"
    before = file.read_text(encoding="utf-8")
    document = Document.open(Workspace(tmp_path), file)
    sequence_edits.set_step_field(document, (6,), "hold", "8 breaths")
    digest = save(document, document.digest)
    assert digest == digest_of(file)
    assert changed_lines(before, file.read_text(encoding="utf-8")) == [
        "-    hold: 10 breaths",
        "+    hold: 8 breaths",
    ]
    assert sorted(p.name for p in file.parent.iterdir() if p.name.startswith(".")) == []  # no temporary file left


def test_windows_line_ends_and_a_byte_order_mark_are_kept(tmp_path):
    (tmp_path / "sequences").mkdir()
    file = tmp_path / "sequences" / "crlf.yaml"
    data = "\ufefftitle: Crlf  # a comment\r\nsteps:\r\n  - pose: corpse-pose\r\n    hold: 5 breaths\r\n"
    file.write_bytes(data.encode("utf-8"))
    document = Document.open(Workspace(tmp_path), file)
    assert document.text() == data
    sequence_edits.set_step_field(document, (0,), "hold", "6 breaths")
    assert document.text() == data.replace("5 breaths", "6 breaths")


def test_a_file_indented_another_way_keeps_its_indentation(tmp_path):
    (tmp_path / "sequences").mkdir()
    file = tmp_path / "sequences" / "flat.yaml"
    text = "title: Flat\nsteps:\n- pose: corpse-pose\n  hold: 5 breaths\n- pose: knees-to-chest\n  hold: 3 breaths\n"
    file.write_text(text, encoding="utf-8")
    document = Document.open(Workspace(tmp_path), file)
    assert document.text() == text
    sequence_edits.set_step_field(document, (1,), "hold", "4 breaths")
    assert changed_lines(text, document.text()) == ["-  hold: 3 breaths", "+  hold: 4 breaths"]
