"""The built-in library kept between runs (reading/library_cache.py): the same poses and words as read afresh,
files made again when damaged, a new key when a file changes, and a built-in file's problems said every run."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from handouts.core.errors import Collector
from handouts.core.model import texts_of
from handouts.reading import library, library_cache
from handouts.reading.library import load_library
from handouts.reading.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent


def _words(lib) -> dict:
    """Every pose: its fields, and each of its texts with where it came from, its field and its language."""
    return {
        pid: (pose, str(pose.location), [(str(t), str(t.location), t.field, t.language) for t in texts_of(pose)])
        for pid, pose in lib.poses.items()
    }


@pytest.fixture
def kept(tmp_path, monkeypatch) -> Path:
    """A cache folder of the test's own, and nothing kept in this process before."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("HANDOUTS_CACHE", str(folder))
    monkeypatch.setattr(library_cache, "_IN_MEMORY", {})
    monkeypatch.setattr(library_cache, "_READ_INDEX", None)
    return folder


def _afresh(monkeypatch, workspace=None, code=None):
    """The library read with nothing kept anywhere."""
    monkeypatch.setenv("HANDOUTS_CACHE", "")
    monkeypatch.setattr(library_cache, "_IN_MEMORY", {})
    problems = Collector()
    lib = load_library(workspace, problems)
    return (lib if code is None else lib.translated(code)[0]), problems.problems


def test_kept_library_is_the_one_read_afresh(kept, monkeypatch):
    first = load_library(None, Collector())
    german = first.translated("de")
    assert sorted(p.name.split("-")[-1] for p in kept.glob("*.pickle")) == ["de.pickle", "en.pickle"]
    monkeypatch.setattr(library_cache, "_IN_MEMORY", {})  # a new process: read from the files
    problems = Collector()
    again = load_library(None, problems)
    again_german, found = again.translated("de")
    assert problems.problems == [] and found == [] and german[1] == []
    assert len(again.poses) == 92
    assert _words(again) == _words(first)
    assert _words(again_german) == _words(german[0])
    assert again.get("forearm cobra") is again.poses["sphinx"] and again.aliases == first.aliases
    assert again_german.poses["bridge"].name == "Brücke"
    assert again_german.poses["bridge"].name.location.file == "handouts/poses/supine.de.yaml"
    fresh, _ = _afresh(monkeypatch, code="de")
    assert _words(fresh) == _words(again_german)
    assert again_german.missing == fresh.missing


def test_each_call_gets_its_own_objects(kept):
    one, two = load_library(None, Collector()), load_library(None, Collector())
    assert one.poses["bridge"] == two.poses["bridge"]
    assert one.poses["bridge"] is not two.poses["bridge"]


def test_a_damaged_file_is_made_again(kept, monkeypatch):
    load_library(None, Collector())
    (english,) = list(kept.glob("*.pickle"))
    english.write_bytes(b"not a pickle")
    monkeypatch.setattr(library_cache, "_IN_MEMORY", {})
    lib = load_library(None, Collector())
    assert len(lib.poses) == 92
    assert english.read_bytes()[:1] == b"\x80"  # a pickle again


def test_an_unwritable_folder_keeps_nothing_and_the_run_goes_on(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way")
    monkeypatch.setenv("HANDOUTS_CACHE", str(blocker / "cache"))
    monkeypatch.setattr(library_cache, "_IN_MEMORY", {})
    assert len(load_library(None, Collector()).poses) == 92


def test_a_changed_file_is_another_key(kept, tmp_path, monkeypatch):
    pose_file = tmp_path / "mine.yaml"
    pose_file.write_text("poses: {}\n")
    before = library_cache.key([pose_file])
    assert library_cache.key([pose_file]) == before
    pose_file.write_text("poses: {} \n")
    assert library_cache.key([pose_file]) != before
    pose_file.write_text("poses: [] \n")  # the same size, written again
    monkeypatch.setattr(library_cache, "_READ_INDEX", None)  # a new process
    assert library_cache.key([pose_file]) == library_cache.content_key([pose_file]) != before


def test_files_as_the_last_run_saw_them_are_not_read_again(kept, tmp_path, monkeypatch):
    pose_file = tmp_path / "mine.yaml"
    pose_file.write_text("poses: {}\n")
    first = library_cache.key([pose_file])
    assert first == library_cache.content_key([pose_file])
    monkeypatch.setattr(library_cache, "_READ_INDEX", None)  # a new process: the index read from its file
    monkeypatch.setattr(library_cache, "content_key", lambda files: pytest.fail("a file was hashed again"))
    assert library_cache.key([pose_file]) == first
    os.utime(pose_file, ns=(1_000_000_000, 1_000_000_000))  # touched, not changed: hashed again, the same key
    monkeypatch.undo()
    monkeypatch.setenv("HANDOUTS_CACHE", str(kept))
    monkeypatch.setattr(library_cache, "_READ_INDEX", None)
    assert library_cache.key([pose_file]) == first


@pytest.mark.parametrize(
    "content", [b"{not json", b"[1, 2]", b'{"%s": "../../elsewhere"}'], ids=["damaged", "a-list", "bad"]
)
def test_a_damaged_or_foreign_index_is_made_again(kept, tmp_path, monkeypatch, content):
    pose_file = tmp_path / "mine.yaml"
    pose_file.write_text("poses: {}\n")
    right = library_cache.content_key([pose_file])
    library_cache.key([pose_file])
    index = kept / library_cache.INDEX
    (marker,) = json.loads(index.read_text())
    index.write_bytes(content.replace(b"%s", marker.encode()))
    monkeypatch.setattr(library_cache, "_READ_INDEX", None)
    assert library_cache.key([pose_file]) == right
    assert json.loads(index.read_text()) == {marker: right}


def test_a_workspace_override_applies_over_the_kept_library(kept, tmp_path, monkeypatch):
    load_library(None, Collector())  # kept
    (tmp_path / "poses").mkdir()
    (tmp_path / "poses" / "studio.yaml").write_text(
        "poses:\n  bridge:\n    cues: [Press the feet down and lift the hips.]\n", encoding="utf-8"
    )
    monkeypatch.setattr(library_cache, "_IN_MEMORY", {})
    lib = load_library(Workspace(tmp_path), Collector())
    assert lib.poses["bridge"].cues == ("Press the feet down and lift the hips.",)
    assert lib.poses["bridge"].name == "Bridge"
    assert str(lib.poses["bridge"].location) == "poses/studio.yaml:2:3"


def _broken_package(tmp_path, monkeypatch) -> Path:
    """A copy of the built-in pose files with a mistake in one and in one translation."""
    package = tmp_path / "handouts"
    shutil.copytree(ROOT / "handouts" / "poses", package / "poses")
    supine = package / "poses" / "supine.yaml"
    supine.write_text(supine.read_text(encoding="utf-8").replace("sides: both", "sides: bothh", 1), encoding="utf-8")
    german = package / "poses" / "prone.de.yaml"
    german.write_text(german.read_text(encoding="utf-8") + "  no-such-pose:\n    name: Nichts\n", encoding="utf-8")
    monkeypatch.setattr(library, "PACKAGE_DIR", package)
    monkeypatch.setattr(library, "BUILTIN_DIR", package / "poses")
    return package


def test_a_built_in_file_with_problems_says_them_every_run(kept, tmp_path, monkeypatch):
    _broken_package(tmp_path, monkeypatch)
    for _run in range(2):
        problems = Collector()
        lib = load_library(None, problems)
        _, found = lib.translated("de")
        assert [p.location.file for p in problems.problems] == ["handouts/poses/supine.yaml"]
        assert "bothh" in problems.problems[0].message
        assert [(p.location.file, p.message) for p in found] == [
            ("handouts/poses/prone.de.yaml", "there is no pose 'no-such-pose' in handouts/poses/prone.yaml"),
            ("handouts/poses/supine.de.yaml", "there is no pose 'supine-twist' in handouts/poses/supine.yaml"),
        ]
        monkeypatch.setattr(library_cache, "_IN_MEMORY", {})
    assert list(kept.glob("*.pickle")) == []  # nothing kept (the index of keys aside)


def test_a_kept_library_reads_only_the_workspaces_pose_files(kept, tmp_path, monkeypatch):
    english = load_library(None, Collector())
    for code in ("de", "es", "fr"):
        english.translated(code)
    (tmp_path / "poses").mkdir()
    (tmp_path / "poses" / "desk.yaml").write_text("poses:\n  desk-stretch:\n    name: Desk stretch\n", encoding="utf-8")
    monkeypatch.setattr(library_cache, "_IN_MEMORY", {})  # a new process: the files in the cache folder
    opened: list[str] = []
    real_load = library.load
    monkeypatch.setattr(library, "load", lambda path, shown: opened.append(shown) or real_load(path, shown))
    from handouts.reading import translate

    real_read = translate.read_file
    monkeypatch.setattr(translate, "_PARSED", {})
    monkeypatch.setattr(
        translate, "read_file", lambda path, shown, *a: opened.append(shown) or real_read(path, shown, *a)
    )
    lib = load_library(Workspace(tmp_path), Collector())
    for code in ("de", "es", "fr"):
        assert lib.translated(code)[1] == []
    assert opened == ["poses/desk.yaml"]
    assert len(lib.poses) == 93 and lib.translated("fr")[0].poses["bridge"].name == "Pont"
