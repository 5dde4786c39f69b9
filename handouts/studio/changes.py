"""Which saved files a build session looks at: the workspace watched with watchfiles, without build/, hidden files
and folders, Python's and editors' scratch files (`.swp`, `~`, `#name#`, vim's `4913`, a download's `.part`).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SCRATCH_ENDINGS = ("~", ".swp", ".swo", ".swx", ".tmp", ".part", ".crdownload", ".pyc", ".kate-swp")
SCRATCH_NAMES = ("4913", "__pycache__", "node_modules")


@dataclass(frozen=True)
class Affected:
    """The sequences a change touches, and the changed files that touch them as the user reads them."""

    slugs: frozenset[str]
    reason: str = ""


def ignored(path: Path, root: Path, out_dir: Path) -> bool:
    """Whether a change to `path` cannot matter to a handout: in the output folder, hidden, or a scratch file."""
    path = Path(path).absolute()
    for folder in (out_dir.absolute(), out_dir.resolve()):
        if path.is_relative_to(folder):
            return True
    try:
        parts = path.relative_to(root.absolute()).parts
    except ValueError:
        try:
            parts = path.resolve().relative_to(root.resolve()).parts
        except ValueError:
            return True  # outside the workspace
    return any(part.startswith((".", "#")) or part in SCRATCH_NAMES or part.endswith(SCRATCH_ENDINGS) for part in parts)


def watch_changes(root: Path, out_dir: Path, stop: threading.Event | None = None) -> Iterator[set[Path]]:
    """Each batch of saved files under `root` (absolute paths), until `stop` is set; Ctrl-C raises
    KeyboardInterrupt. A batch is yielded 50 ms after its last change (an editor saving in several steps)."""
    from watchfiles import watch

    def wanted(_change, name: str) -> bool:
        return not ignored(Path(name), root, out_dir)

    for batch in watch(root, watch_filter=wanted, stop_event=stop, step=50, debounce=1600):
        changed = {Path(name) for _change, name in batch}
        if changed:
            yield changed
