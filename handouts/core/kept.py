"""The user's private cache folder, and a file written there whole or not at all.

What handouts keeps between runs to start faster (the built-in library as read, the fonts as parsed, the
functions Python writes for each dataclass) goes in one folder: `$HANDOUTS_CACHE` if set (an empty value: nothing
kept on disk), else the user's cache folder (`$XDG_CACHE_HOME/handouts`, else `~/.cache/handouts`). It is private
to the user and never inside a workspace, so a shared workspace cannot hand anyone a file to load, and a
workspace watcher sees no change. Each kept file is named by a key of everything it depends on, and a reader
that finds a file damaged or of another version makes it again: a kept file can be lost, never wrong.
"""

from __future__ import annotations

import os
from pathlib import Path


def folder() -> Path | None:
    """Where the kept files go, or None when nothing is kept on disk."""
    given = os.environ.get("HANDOUTS_CACHE")
    if given is not None:
        return Path(given) if given.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "handouts"


def read(name: str) -> bytes | None:
    """A kept file's bytes, or None (nothing kept, no such file, or it cannot be read)."""
    where = folder()
    if where is None:
        return None
    try:
        return (where / name).read_bytes()
    except OSError:
        return None


def write(name: str, data: bytes) -> None:
    """The file written whole or not at all (a temporary file renamed), readable by its owner only; a folder
    that cannot be written leaves nothing kept, and the run goes on."""
    where = folder()
    if where is None:
        return
    import tempfile  # only when a file is written: most runs only read

    target = where / name
    try:
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, target)
    except OSError:
        try:
            os.unlink(temp)
        except OSError:
            pass
