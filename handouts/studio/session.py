"""A long-lived build session: the workspace's products kept built in build/ while files change.

Imports, fonts, the pose library and the image and layout caches stay warm between rebuilds. A change to one
sequence (its file, a translation of it, a photo it uses) rebuilds only that sequence's products; a change to
studio.yaml, a pose file or the labels rebuilds all. A rebuild that fails keeps the last good PDFs and records the
located problems. `handouts watch` and `handouts serve` both drive one session.

INTERFACE CONTRACT (shared by the watch, serve and browser-test work; keep these names and fields):
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from handouts.core.errors import Problem
from handouts.reading.workspace import Workspace

PRODUCTS = ("booklet", "cheatsheet", "matcard", "booklet-print")  # each is build/<slug>/<product>.pdf


@dataclass(frozen=True)
class SequenceState:
    """What the page and the terminal show of one sequence after the latest rebuild that touched it."""

    slug: str
    path: Path  # the sequence's YAML file
    title: str  # "" when the file cannot be read
    steps: int  # 0 when the file cannot be read
    minutes: str  # estimated time as `handouts list` prints it ("about 25 min"), "" when unknown
    errors: tuple[Problem, ...] = ()  # the latest rebuild's located errors (the PDFs below are then older)
    warnings: tuple[Problem, ...] = ()
    products: dict[str, Path] = field(default_factory=dict)  # product name -> last good PDF (absolute path)
    version: int = 0  # bumps every time this sequence's PDFs are rewritten; 0 = never built


@dataclass(frozen=True)
class Rebuild:
    """One rebuild: which sequences it remade, how long it took, what went wrong."""

    slugs: tuple[str, ...]
    seconds: float
    errors: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()
    reason: str = ""  # what changed, for the terminal line ("sequences/low-back-release.yaml")


class BuildSession:
    """Keeps every sequence of a workspace built in `out_dir` (default build/); thread-safe."""

    def __init__(self, workspace: Workspace, out_dir: Path | None = None) -> None:
        self.workspace = workspace
        self.out_dir = out_dir or workspace.root / "build"
        self._lock = threading.Lock()
        self._listeners: list[Callable[[Rebuild], None]] = []

    def rebuild(self, changed: set[Path] | None = None) -> Rebuild:
        """Rebuild what depends on `changed` (absolute paths); None rebuilds everything. Never raises on bad
        input: the problems land in the sequences' states and in the returned Rebuild."""
        raise NotImplementedError

    def states(self) -> list[SequenceState]:
        """Every sequence of the workspace, sorted by slug (a snapshot)."""
        raise NotImplementedError

    def state(self, slug: str) -> SequenceState | None:
        raise NotImplementedError

    def listen(self, callback: Callable[[Rebuild], None]) -> None:
        """Call `callback` (from the rebuilding thread) after every rebuild."""
        self._listeners.append(callback)

    def watch(self, stop: threading.Event | None = None, on_rebuild: Callable[[Rebuild], None] | None = None) -> None:
        """Rebuild on every change under the workspace (watchfiles), except in build/, until `stop` is set."""
        raise NotImplementedError
