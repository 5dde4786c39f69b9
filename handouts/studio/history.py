"""The editor's undo: the last edits saved from the studio's pages, kept in memory per file.

Each saved edit is remembered as the file's text before and after it. Undo takes the latest one back by saving
the text before it, through editing.save with the digest check like any other edit: when the file changed on disk
since (another editor, `git pull`), the undo is refused as a conflict and the edit stays remembered. Nothing here
reads or writes a file; a history lasts as long as the studio runs.
"""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass
from pathlib import Path

KEPT = 20  # saved edits remembered per file


@dataclass(frozen=True)
class Edit:
    """One saved edit: what it was (in the user's words) and the file's text before and after it."""

    what: str
    before: str
    after: str


class History:
    """The saved edits of every file edited in the studio, the latest last; safe from any thread."""

    def __init__(self, kept: int = KEPT) -> None:
        self._lock = threading.Lock()
        self._kept = kept
        self._edits: dict[Path, deque[Edit]] = {}

    def saved(self, path: Path, what: str, before: str, after: str) -> None:
        """Remember an edit just saved to `path` (nothing when it changed nothing)."""
        if before == after:
            return
        with self._lock:
            edits = self._edits.setdefault(path, deque(maxlen=self._kept))
            edits.append(Edit(what, before, after))

    def latest(self, path: Path) -> Edit | None:
        """The edit an undo would take back, None when there is none."""
        with self._lock:
            edits = self._edits.get(path)
            return edits[-1] if edits else None

    def undone(self, path: Path, edit: Edit) -> None:
        """Forget `edit` once its undo was saved (only if it is still the latest: two undos at once take one)."""
        with self._lock:
            edits = self._edits.get(path)
            if edits and edits[-1] is edit:
                edits.pop()

    def count(self, path: Path) -> int:
        with self._lock:
            return len(self._edits.get(path, ()))

    def forget(self, path: Path) -> None:
        """Drop a file's edits (after it was reloaded from disk: they no longer lead back from what it holds)."""
        with self._lock:
            self._edits.pop(path, None)
