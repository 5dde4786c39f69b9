"""The only code that writes files: every file goes to a temporary name beside its target, then is renamed.

A reader (or a crash) never sees half a PDF, and a failed run leaves what was there before untouched.
`publish` takes everything a run made at once, after all of it was made. A disk that is full or cannot be
written is an `OutsideError` (exit 3) naming the file, not an internal fault.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from handouts.core.errors import OutsideError


def cannot_write(target: Path, exc: OSError) -> OutsideError:
    """A write that failed for a reason outside handouts: a full disk, a folder without permission, a read-only
    disk, a file where a folder should be."""
    return OutsideError(
        f"cannot write {target} ({exc.strerror or exc})",
        "make room on the disk, or check that the folder can be written to (or choose another "
        "with --out), then run the same command again",
    )


@dataclass(frozen=True)
class Output:
    """A finished file: where it goes (relative to the output folder) and its bytes."""

    path: Path
    data: bytes


def write_file(target: Path, data: bytes, durable: bool = True) -> None:
    """Write `data` to `target` atomically (temp file in the same folder, then rename). Raises OutsideError
    when the disk refuses. `durable`: on the disk before the rename (fsync); a cache's file need not be."""
    try:
        _write_file(target, data, durable)
    except OSError as exc:
        raise cannot_write(target, exc) from None


def _write_file(target: Path, data: bytes, durable: bool = True) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except BaseException:
        try:
            os.unlink(temp)
        except FileNotFoundError:
            pass
        raise


def publish(outputs: list[Output], out_dir: Path, durable: bool = True) -> list[Path]:
    """Write every output under `out_dir`; refuses two outputs to one path before writing anything. `durable`:
    each file on the disk before it is renamed into place (see `write_file`)."""
    seen: dict[Path, int] = {}
    for index, output in enumerate(outputs):
        if output.path in seen:
            raise ValueError(f"two outputs would be written to {output.path}")
        seen[output.path] = index
    written = []
    for output in outputs:
        target = out_dir / output.path
        write_file(target, output.data, durable)
        written.append(target)
    return written


STAGING_PREFIX = ".staging-"
ABANDONED_AFTER = 60.0  # seconds: a staging folder this old that no running batch holds is a crashed one's


class Staging:
    """Files written one at a time into a hidden folder inside `out_dir` (memory stays flat however many),
    then moved into place together by `commit`; `discard` leaves `out_dir` as it was.

    While a batch runs it holds a lock on its folder's `.lock` file. A batch killed outright (or a machine that
    lost power) leaves its folder behind, unlocked: the next batch in the same `out_dir` removes it."""

    def __init__(self, out_dir: Path):
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
            self.dir = Path(tempfile.mkdtemp(dir=out_dir, prefix=STAGING_PREFIX))
        except OSError as exc:
            raise cannot_write(out_dir, exc) from None
        self.out_dir = out_dir
        self._lock = _hold(self.dir / ".lock")
        self.paths: list[Path] = []
        self.swept = sweep_abandoned(out_dir, keep=self.dir)

    def add(self, path: Path, data: bytes) -> None:
        if path in self.paths:
            raise ValueError(f"two outputs would be written to {path}")
        target = self.dir / path
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(target, "wb") as handle:  # on the disk now, while the workers make the next ones
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as exc:
            raise cannot_write(self.out_dir / path, exc) from None
        self.paths.append(path)

    def commit(self) -> list[Path]:
        written = []
        for path in self.paths:
            target = self.out_dir / path
            staged = self.dir / path
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                os.chmod(staged, 0o644)  # on the disk since `add`
                os.replace(staged, target)
            except OSError as exc:
                raise cannot_write(target, exc) from None
            written.append(target)
        self.discard()
        return written

    def discard(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)
        if self._lock is not None:
            self._lock.close()
            self._lock = None


def _hold(path: Path):
    """The lock file opened and locked (an exclusive flock, released by the system when the process ends
    however it ends); None where flock does not exist (Windows), where nothing is ever swept."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        return None
    handle = open(path, "wb")  # noqa: SIM115 - kept open: the lock lasts as long as the handle
    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return handle


def sweep_abandoned(out_dir: Path, keep: Path | None = None, now: float | None = None) -> list[Path]:
    """Remove the staging folders in `out_dir` that no running batch holds and that are older than
    ABANDONED_AFTER (so one being created this instant is left alone); returns what was removed."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        return []
    import time

    now = time.time() if now is None else now
    removed = []
    for folder in sorted(out_dir.glob(STAGING_PREFIX + "*")):
        if folder == keep or not folder.is_dir():
            continue
        try:
            if now - folder.stat().st_mtime < ABANDONED_AFTER:
                continue
            with open(folder / ".lock", "ab") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # raises while a batch holds it
                shutil.rmtree(folder)
            removed.append(folder)
        except OSError:  # held by a running batch, or gone already
            continue
    return removed
