"""The built-in pose library as read and checked before, kept on disk, so that a run does not read and check the
same 92 poses in four languages again (`remembered`).

What is kept is what reading the package's own pose files gives (the English poses, and each language's
translations checked against them), never anything of a workspace. It is kept only when those files had no
problem at all, so every problem is still found, and said with its location, on every run.

Never stale, never shared between versions: the key is a hash of every file the result can depend on (the pose
files and their translations, and the reading and core code that reads them: by where they are and by content),
with the Python and PyYAML versions; a change to any of them is another key, so another file. A file
that cannot be read or unpickled is made again; one that cannot be written is not kept (the run goes on).

Where: the user's private cache folder (core/kept.py: `$HANDOUTS_CACHE`, else `~/.cache/handouts`), never inside
a workspace, so a shared workspace cannot hand anyone a file to unpickle. Within one process the bytes are kept
too: each call unpickles its own copy, so no caller's objects are shared with another's.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from handouts.core import kept

PACKAGE_DIR = Path(__file__).parent.parent
_IN_MEMORY: dict[str, bytes] = {}  # file name -> pickled bytes (this process)
_HASHED: dict[tuple, bytes] = {}  # (path, size, time of change, inode) -> the hash of its content (this process)


def _code() -> list[Path]:
    """The code that reads the library: reading/ and core/ (reading imports nothing else of handouts: the
    import-linter's layers say so), and the package's own start."""
    found = [PACKAGE_DIR / "__init__.py", PACKAGE_DIR / "startup.py"]
    for sub in ("reading", "core"):
        found += sorted((PACKAGE_DIR / sub).glob("*.py"))
    return found


INDEX = "library-index.json"  # what the stats of the files last gave as their key (see `key`)
_INDEX_KEPT = 16  # the newest entries kept in it


def key(files: list[Path]) -> str:
    """The hash naming the kept files for these pose files (and their translations) read by this version.

    Every file is hashed by its content (`content_key`). What that gave is remembered by the files' stats (where,
    size, times of change and of status change, inode: what a change to a file changes, as Python's own .pyc files
    are checked), in this process and in a small index in the cache folder, so a run whose files are as the last
    run saw them reads none of them."""
    stats = []
    for path in _code() + sorted(files):
        try:
            stat = path.stat()
        except OSError:
            continue
        stats.append((str(path), stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino))
    marker = hashlib.sha256(repr((_versions(), stats)).encode()).hexdigest()[:32]
    index = _index()
    found = index.get(marker)
    if isinstance(found, str) and len(found) == 32 and all(c in "0123456789abcdef" for c in found):
        return found
    made = content_key(files)
    index[marker] = made
    while len(index) > _INDEX_KEPT:  # the oldest first
        del index[next(iter(index))]
    import json

    kept.write(INDEX, json.dumps(index).encode())
    return made


_READ_INDEX: dict[str, str] | None = None  # the index as this process read it, and added to


def _index() -> dict[str, str]:
    """The index of stats -> key: read once per process; a damaged or missing one is empty."""
    global _READ_INDEX
    if _READ_INDEX is None:
        import json

        data = kept.read(INDEX)
        try:
            found = json.loads(data) if data else {}
        except ValueError:
            found = {}
        _READ_INDEX = found if isinstance(found, dict) else {}
    return _READ_INDEX


def _versions() -> tuple[str, ...]:
    return (sys.version, str(pickle.HIGHEST_PROTOCOL), yaml.__version__, str(yaml.__with_libyaml__))


def content_key(files: list[Path]) -> str:
    """The key from the files' content: each file hashed (again only when its size or time of change is new
    in this process)."""
    digest = hashlib.sha256()
    for part in _versions():
        digest.update(part.encode() + b"\0")
    for path in _code() + sorted(files):
        try:
            stat = path.stat()
        except OSError:
            continue
        seen = (path, stat.st_size, stat.st_mtime_ns, stat.st_ino)
        if seen not in _HASHED:
            _HASHED[seen] = hashlib.sha256(path.read_bytes()).digest()
        digest.update(str(path.resolve()).encode() + b"\0" + _HASHED[seen])
    return digest.hexdigest()[:32]


def remembered(part: str, make: Callable[[], tuple[Any, bool]], files: list[Path]) -> Any:
    """What `make()` gives for `part` ("en", "de" ...) from `files` (every file it may read), as kept for this
    version, else made now. `make` returns (the value, whether it may be kept): a value found with problems is
    never kept, so that they are found again."""
    name = f"library-{key(files)}-{part}.pickle"
    data = _IN_MEMORY.get(name)
    if data is None:
        data = kept.read(name)
    if data is not None:
        try:
            value = pickle.loads(data)
        except Exception:  # a damaged or foreign file: made again (and written again) below
            _IN_MEMORY.pop(name, None)
        else:
            _IN_MEMORY[name] = data
            return value
    value, keep = make()
    if keep:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        _IN_MEMORY[name] = data
        kept.write(name, data)
    return value
