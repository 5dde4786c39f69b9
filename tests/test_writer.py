"""The writer: whole files or nothing, and never two outputs to one path."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from handouts.core.errors import OutsideError
from handouts.output import writer
from handouts.output.writer import Output, publish, write_file


def test_write_file_replaces_whole_files(tmp_path):
    target = tmp_path / "a" / "booklet.pdf"
    write_file(target, b"first")
    write_file(target, b"second")
    assert target.read_bytes() == b"second"
    assert [p.name for p in target.parent.iterdir()] == ["booklet.pdf"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "booklet.pdf"
    target.write_bytes(b"the good old one")

    def fail(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(writer.os, "replace", fail)
    with pytest.raises(OutsideError) as raised:  # exit 3: the disk, not the user's files
        write_file(target, b"half")
    assert str(raised.value) == (
        f"cannot write {target} (No space left on device); make room on the disk, or "
        "check that the folder can be written to (or choose another with --out), then "
        "run the same command again"
    )
    assert target.read_bytes() == b"the good old one"
    assert [p.name for p in tmp_path.iterdir()] == ["booklet.pdf"]


def test_publish_refuses_two_outputs_to_one_path_before_writing(tmp_path):
    outputs = [
        Output(Path("x/booklet.pdf"), b"1"),
        Output(Path("y/booklet.pdf"), b"2"),
        Output(Path("x/booklet.pdf"), b"3"),
    ]
    with pytest.raises(ValueError, match="two outputs"):
        publish(outputs, tmp_path / "build")
    assert not (tmp_path / "build").exists()


def test_published_files_are_readable_by_everyone(tmp_path):
    (path,) = publish([Output(Path("s/booklet.pdf"), b"%PDF")], tmp_path)
    assert path.read_bytes() == b"%PDF" and os.stat(path).st_mode & 0o444 == 0o444


def _staging_folder(out: Path, name: str, age: float) -> Path:
    folder = out / f"{writer.STAGING_PREFIX}{name}"
    (folder / "clients" / "ann").mkdir(parents=True)
    (folder / "clients" / "ann" / "x.pdf").write_bytes(b"%PDF half")
    old = folder.stat().st_mtime - age
    os.utime(folder, (old, old))
    return folder


def test_a_crashed_batchs_staging_folder_is_removed_by_the_next(tmp_path):
    """A batch killed outright leaves its hidden folder; the next batch removes it, but never the folder of a
    batch still running (it holds the lock) nor one created a moment ago."""
    import fcntl

    crashed = _staging_folder(tmp_path, "crashed", age=3600)
    running = _staging_folder(tmp_path, "running", age=3600)
    fresh = _staging_folder(tmp_path, "fresh", age=0)
    with open(running / ".lock", "wb") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        staging = writer.Staging(tmp_path)
        try:
            assert staging.swept == [crashed]
            assert not crashed.exists() and running.exists() and fresh.exists()
            staging.add(Path("clients/bo/y.pdf"), b"%PDF whole")
            assert staging.commit() == [tmp_path / "clients" / "bo" / "y.pdf"]
        finally:
            staging.discard()
    assert sorted(p.name for p in tmp_path.glob(".staging-*")) == sorted([running.name, fresh.name])


def test_a_running_batch_keeps_its_own_folder_locked(tmp_path):
    first = writer.Staging(tmp_path)
    try:
        old = first.dir.stat().st_mtime - 3600
        os.utime(first.dir, (old, old))
        second = writer.Staging(tmp_path)
        assert second.swept == [] and first.dir.exists()
        second.discard()
    finally:
        first.discard()
    assert list(tmp_path.glob(".staging-*")) == []
