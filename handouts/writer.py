"""The only code that writes files: every file goes to a temporary name beside its target, then is renamed.

A reader (or a crash) never sees half a PDF, and a failed run leaves what was there before untouched.
`publish` takes everything a run made at once, after all of it was made.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Output:
    """A finished file: where it goes (relative to the output folder) and its bytes."""

    path: Path
    data: bytes


def write_file(target: Path, data: bytes) -> None:
    """Write `data` to `target` atomically (temp file in the same folder, then rename)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except BaseException:
        try:
            os.unlink(temp)
        except FileNotFoundError:
            pass
        raise


def publish(outputs: list[Output], out_dir: Path) -> list[Path]:
    """Write every output under `out_dir`; refuses two outputs to one path before writing anything."""
    seen: dict[Path, int] = {}
    for index, output in enumerate(outputs):
        if output.path in seen:
            raise ValueError(f"two outputs would be written to {output.path}")
        seen[output.path] = index
    written = []
    for output in outputs:
        target = out_dir / output.path
        write_file(target, output.data)
        written.append(target)
    return written


class Staging:
    """Files written one at a time into a hidden folder inside `out_dir` (memory stays flat however many),
    then moved into place together by `commit`; `discard` leaves `out_dir` as it was."""

    def __init__(self, out_dir: Path):
        out_dir.mkdir(parents=True, exist_ok=True)
        self.out_dir = out_dir
        self.dir = Path(tempfile.mkdtemp(dir=out_dir, prefix=".staging-"))
        self.paths: list[Path] = []

    def add(self, path: Path, data: bytes) -> None:
        if path in self.paths:
            raise ValueError(f"two outputs would be written to {path}")
        target = self.dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        self.paths.append(path)

    def commit(self) -> list[Path]:
        written = []
        for path in self.paths:
            target = self.out_dir / path
            target.parent.mkdir(parents=True, exist_ok=True)
            staged = self.dir / path
            with open(staged, "rb") as handle:
                os.fsync(handle.fileno())
            os.chmod(staged, 0o644)
            os.replace(staged, target)
            written.append(target)
        self.discard()
        return written

    def discard(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)
