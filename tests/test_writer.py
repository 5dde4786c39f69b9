"""The writer: whole files or nothing, and never two outputs to one path."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from handouts import writer
from handouts.writer import Output, publish, write_file


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
        raise OSError("disk full")
    monkeypatch.setattr(writer.os, "replace", fail)
    with pytest.raises(OSError):
        write_file(target, b"half")
    assert target.read_bytes() == b"the good old one"
    assert [p.name for p in tmp_path.iterdir()] == ["booklet.pdf"]


def test_publish_refuses_two_outputs_to_one_path_before_writing(tmp_path):
    outputs = [Output(Path("x/booklet.pdf"), b"1"), Output(Path("y/booklet.pdf"), b"2"),
               Output(Path("x/booklet.pdf"), b"3")]
    with pytest.raises(ValueError, match="two outputs"):
        publish(outputs, tmp_path / "build")
    assert not (tmp_path / "build").exists()


def test_published_files_are_readable_by_everyone(tmp_path):
    (path,) = publish([Output(Path("s/booklet.pdf"), b"%PDF")], tmp_path)
    assert path.read_bytes() == b"%PDF" and os.stat(path).st_mode & 0o444 == 0o444
