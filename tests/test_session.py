"""The build session (handouts/studio/session.py): what a saved file rebuilds, what a failed rebuild keeps, new and
deleted sequences, and output byte-identical to a cold `handouts build`."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from handouts.core.errors import Location
from handouts.reading.workspace import Workspace
from handouts.studio.session import BuildSession, Rebuild

ROOT = Path(__file__).resolve().parent.parent
LOW_BACK = "sequences/low-back-release.yaml"
PRODUCT_FILES = ["booklet-print.pdf", "booklet.pdf", "cheatsheet.pdf", "matcard.pdf"]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def hashes(folder: Path) -> dict[str, str]:
    return {name: sha(folder / name) for name in PRODUCT_FILES}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def booklet_lines(pdf: Path) -> list[str]:
    import pypdf

    return [line.strip() for page in pypdf.PdfReader(pdf).pages for line in page.extract_text().split("\n")]


@pytest.fixture
def session(examples) -> Iterator[BuildSession]:
    with BuildSession(Workspace(examples)) as built:
        first = built.rebuild()
        assert first.slugs == ("desk-break", "low-back-release", "psoas-stretches")
        assert first.failed == () and first.errors == ()
        yield built


def test_first_build_makes_every_product_of_every_sequence(session):
    out = session.workspace.root / "build"
    states = session.states()
    assert [s.slug for s in states] == ["desk-break", "low-back-release", "psoas-stretches"]
    low = session.state("low-back-release")
    assert low is not None
    assert (low.title, low.steps, low.minutes, low.version) == (
        "Low Back Release",
        8,
        "about 26 min",
        1,
    )  # 8 numbered, as the cover says
    assert low.path == session.workspace.root / LOW_BACK
    assert low.products == {
        "booklet": (out / "low-back-release" / "booklet.pdf").resolve(),
        "cheatsheet": (out / "low-back-release" / "cheatsheet.pdf").resolve(),
        "matcard": (out / "low-back-release" / "matcard.pdf").resolve(),
        "booklet-print": (out / "low-back-release" / "booklet-print.pdf").resolve(),
    }
    assert all(path.read_bytes().startswith(b"%PDF-") for path in low.products.values())
    assert session.state("no-such-sequence") is None


def test_editing_one_sequence_rebuilds_only_it(session):
    root = session.workspace.root
    desk = root / "build" / "desk-break"
    desk_before = {name: (desk / name).stat().st_mtime_ns for name in PRODUCT_FILES}
    desk_hashes = hashes(desk)
    heard: list[Rebuild] = []
    session.listen(heard.append)

    edit(root / LOW_BACK, "hold: 5 breaths", "hold: 9 breaths")
    done = session.rebuild({root / LOW_BACK})

    assert done.slugs == ("low-back-release",)
    assert done.reason == LOW_BACK
    assert heard == [done]
    assert "9 breaths" in booklet_lines(root / "build" / "low-back-release" / "booklet.pdf")
    low, other = session.state("low-back-release"), session.state("desk-break")
    assert low is not None and other is not None
    assert low.version == 2
    assert other.version == 1
    assert {name: (desk / name).stat().st_mtime_ns for name in PRODUCT_FILES} == desk_before
    assert hashes(desk) == desk_hashes


def test_editing_studio_yaml_rebuilds_every_sequence(session):
    root = session.workspace.root
    before = {s.slug: hashes(root / "build" / s.slug) for s in session.states()}
    edit(root / "studio.yaml", "accent: '#1f5f6b'", "accent: '#8a3b12'")
    done = session.rebuild({root / "studio.yaml"})
    assert done.slugs == ("desk-break", "low-back-release", "psoas-stretches")
    assert [s.version for s in session.states()] == [2, 2, 2]
    for slug, old in before.items():
        new = hashes(root / "build" / slug)
        assert all(new[name] != old[name] for name in PRODUCT_FILES), slug


def test_what_a_change_touches(session):
    root = session.workspace.root
    everything = {"desk-break", "low-back-release", "psoas-stretches"}

    def touched(*names: str) -> set[str]:
        return set(session.affected({root / name for name in names}).slugs)

    assert touched("sequences/low-back-release.de.yaml") == {"low-back-release"}
    assert touched("sequences/desk-break.yaml", "sequences/psoas-stretches.es.yaml") == {
        "desk-break",
        "psoas-stretches",
    }
    assert touched("studio.de.yaml") == everything
    assert touched("poses/desk.yaml") == everything
    assert touched("poses/desk.fr.yaml") == everything
    assert touched("labels/nl.yaml") == everything
    assert touched("images/riverside-logo.png") == everything  # studio.yaml's logo
    assert touched("images/nobody-uses-this.jpg") == set()
    assert touched("sequences/not-there-yet.yaml") == set()  # no such file: no sequence
    (root / "sequences" / "new-one.yaml").write_text("title: New\n", encoding="utf-8")
    assert touched("sequences/new-one.yaml") == {"new-one"}
    for name in ("README.md", "clients.yaml", "build/low-back-release/booklet.pdf", "sequences/.desk-break.yaml.swp"):
        assert touched(name) == set(), name
    assert touched("sequences/desk-break.yaml~") == set()


def test_a_photo_rebuilds_the_sequences_that_name_it(session):
    root = session.workspace.root
    edit(root / "sequences/psoas-stretches.yaml", "title:", "# a photo to come: images/bridge.jpg\ntitle:")
    assert set(session.affected({root / "images" / "bridge.jpg"}).slugs) == {"psoas-stretches"}


def test_a_failed_rebuild_keeps_the_last_good_pdfs_and_says_where(session):
    root = session.workspace.root
    low_dir = root / "build" / "low-back-release"
    good = hashes(low_dir)
    edit(root / LOW_BACK, "hold: 5 breaths", "hold: [5 breaths")  # an unclosed list: a YAML syntax error
    edit(root / "sequences/desk-break.yaml", "title:", "# edited in the same save\ntitle:")

    done = session.rebuild({root / LOW_BACK, root / "sequences/desk-break.yaml"})

    assert done.slugs == ("desk-break", "low-back-release")
    assert done.failed == ("low-back-release",)
    assert hashes(low_dir) == good
    low = session.state("low-back-release")
    assert low is not None
    assert [p.location for p in low.errors] == [Location(LOW_BACK, 33, 9)]
    assert "YAML syntax error" in low.errors[0].message
    assert low.version == 1  # the PDFs were not rewritten
    assert (low.title, low.steps) == ("Low Back Release", 8)  # those of the last good PDFs
    assert sorted(low.products) == ["booklet", "booklet-print", "cheatsheet", "matcard"]
    assert list(done.errors) == list(low.errors)
    desk = session.state("desk-break")
    assert desk is not None and desk.errors == () and desk.version == 1  # same bytes: the comment prints nowhere

    edit(root / LOW_BACK, "hold: [5 breaths", "hold: 6 breaths")
    fixed = session.rebuild({root / LOW_BACK})
    assert fixed.failed == () and fixed.errors == ()
    low = session.state("low-back-release")
    assert low is not None and low.errors == () and low.version == 2
    assert "6 breaths" in booklet_lines(low_dir / "booklet.pdf")


def test_a_new_sequence_is_built_and_a_deleted_one_dropped(session):
    root = session.workspace.root
    new = root / "sequences" / "evening-unwind.yaml"
    shutil.copy(root / "sequences" / "desk-break.yaml", new)
    done = session.rebuild({new})
    assert done.slugs == ("evening-unwind",)
    state = session.state("evening-unwind")
    assert state is not None and state.version == 1 and state.title == "Desk Break"
    assert (root / "build" / "evening-unwind" / "booklet.pdf").is_file()

    new.unlink()
    gone = session.rebuild({new})
    assert gone.slugs == () and gone.dropped == ("evening-unwind",)
    assert session.state("evening-unwind") is None
    assert [s.slug for s in session.states()] == ["desk-break", "low-back-release", "psoas-stretches"]


def test_warm_rebuilds_give_the_bytes_of_a_cold_build(session, tmp_path):
    """After edits and their undoing, the session's PDFs are those of `handouts build` in a fresh process."""
    root = session.workspace.root
    original = (root / LOW_BACK).read_text(encoding="utf-8")
    edit(root / LOW_BACK, "hold: 5 breaths", "hold: 12 breaths")
    session.rebuild({root / LOW_BACK})
    edit(root / "poses" / "desk.yaml", "\n", "\n# a comment\n")
    session.rebuild({root / "poses" / "desk.yaml"})
    (root / LOW_BACK).write_text(original, encoding="utf-8")
    session.rebuild({root / LOW_BACK})

    cold = tmp_path / "cold"
    command = "from handouts.commands.cli import run; run()"
    args = ["build", "--workspace", str(root), "--out", str(cold), "low-back-release"]
    args += ["--format", "booklet", "--format", "cheatsheet", "--format", "matcard"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-c", command, *args], check=True, env=env, capture_output=True)
    assert hashes(root / "build" / "low-back-release") == hashes(cold / "low-back-release")


def test_listeners_may_read_the_states_and_a_dead_helper_is_replaced(session):
    """A listener is called after the states are updated (and may read them: no lock is held against it); the
    helper process the session keeps, once killed, is started again for the next rebuild."""
    root = session.workspace.root
    seen = []
    session.listen(lambda done: seen.append([(s.slug, s.version) for s in session.states()]))
    assert session._kept is not None
    helper = session._kept.helpers[0]  # the one making the cheat sheets and print files
    assert helper is not None and helper.process.poll() is None
    helper.process.kill()
    helper.process.wait()

    edit(root / LOW_BACK, "hold: 5 breaths", "hold: 7 breaths")
    done = session.rebuild({root / LOW_BACK})

    assert done.failed == () and done.errors == ()
    assert seen == [[("desk-break", 1), ("low-back-release", 2), ("psoas-stretches", 1)]]
    assert session._kept.helpers[0] is helper and helper.process.poll() is None  # a new process behind it
    assert "7 breaths" in booklet_lines(root / "build" / "low-back-release" / "booklet.pdf")


def test_watch_in_a_thread_rebuilds_on_save_and_stops_when_told(session):
    """What `handouts serve` does: the session's watch in a thread of its own, ended by an event."""
    import threading

    root = session.workspace.root
    stop = threading.Event()
    heard: list[Rebuild] = []
    rebuilt = threading.Event()

    def on_rebuild(done: Rebuild) -> None:
        heard.append(done)
        rebuilt.set()

    watcher = threading.Thread(target=session.watch, args=(stop, on_rebuild), daemon=True)
    watcher.start()
    (root / "README.md").write_text("not a handout\n", encoding="utf-8")  # changes nothing: no rebuild
    for _ in range(120):  # the watcher starts looking a moment after the thread starts: save until it sees
        edit(root / LOW_BACK, "hold: 5 breaths", "hold: 5 breaths")
        if rebuilt.wait(timeout=1):
            break
    stop.set()
    watcher.join(timeout=60)
    assert not watcher.is_alive()
    assert heard and all(done.slugs == ("low-back-release",) for done in heard)
    assert heard[0].reason == LOW_BACK


def test_a_session_dropped_without_closing_lets_its_helper_processes_end(examples):
    import gc

    dropped = BuildSession(Workspace(examples), sequences=["desk-break"])
    assert dropped.rebuild().failed == ()
    assert dropped._kept is not None
    processes = [helper.process for helper in dropped._kept.helpers if helper is not None]
    assert len(processes) == 2  # the mat card's helper too
    assert all(process.poll() is None for process in processes)
    del dropped
    gc.collect()
    assert [process.wait(timeout=60) for process in processes] == [0, 0]


def test_the_library_is_read_once_while_its_files_are_unchanged(examples):
    from handouts.core.errors import Collector
    from handouts.reading.library import kept, load_library

    workspace = Workspace(examples)
    store: dict = {}
    with kept(store):
        first = load_library(workspace, Collector())
        assert load_library(workspace, Collector()) is first
        edit(examples / "poses" / "desk.yaml", "\n", "\n# a longer file\n")
        again = load_library(workspace, Collector())
        assert again is not first
        assert load_library(workspace, Collector()) is again
        store.clear()
        assert load_library(workspace, Collector()) is not again
    assert load_library(workspace, Collector()) is not load_library(workspace, Collector())  # outside: none kept


def test_a_cheat_sheet_that_cannot_be_made_is_the_error_handouts_build_gives(tmp_path):
    """The session lets its helper's layout of the cheat sheet refuse it (no separate check first): the same
    located problem as `handouts build` (tests/cases/cheatsheet-too-many-caution-words), and nothing written."""
    workspace = tmp_path / "ws"
    shutil.copytree(ROOT / "tests" / "cases" / "cheatsheet-too-many-caution-words", workspace)
    with BuildSession(Workspace(workspace)) as built:
        done = built.rebuild()
    assert done.failed == ("s",)
    assert [str(p) for p in done.errors] == [
        "sequences/s.yaml:1:1: the cheat sheet cannot fit 12 steps and the words of 72 cautions and notes on two "
        "pages with text of 8 pt or more; hand out the booklet instead, or shorten the cautions, or split the "
        "sequence into shorter ones ('--pages' allows at most 2)"
    ]
    state = built.state("s")
    assert state is not None and state.products == {} and state.version == 0
    assert not (workspace / "build" / "s").exists()
