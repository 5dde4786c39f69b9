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


def key(files: list[Path]) -> str:
    """The hash naming the kept files for these pose files (and their translations) read by this version. Each
    file is hashed by its content; within one process, again only when its size or time of change is new."""
    digest = hashlib.sha256()
    for part in (sys.version, str(pickle.HIGHEST_PROTOCOL), yaml.__version__, str(yaml.__with_libyaml__)):
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
