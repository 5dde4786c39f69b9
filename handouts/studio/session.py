"""A long-lived build session: the workspace's products kept built in build/ while files change.

Imports, fonts, the pose library and the image and layout caches stay warm between rebuilds. A change to one
sequence (its file, a translation of it, a photo it uses) rebuilds only that sequence's products; a change to
studio.yaml, a pose file or the labels rebuilds all. A rebuild that fails keeps the last good PDFs and records the
located problems. `handouts watch` and `handouts serve` both drive one session.

Each sequence is built on its own, with `pipeline.run.build`, exactly as `handouts build --format booklet --format
cheatsheet --format matcard SEQUENCE` builds it (the print file as studio.yaml says): same bytes. So one sequence
with an error never stops the others, and a failed build writes nothing. The jobs a build hands to a helper (the
cheat sheet, mat card and print file, made while the booklet is laid out here) go to helper processes the session
keeps (`helper="kept"`: started with their own Python, since a process forked from a thread of a web server could
inherit a lock another thread held; the mat cards go to the second one). `helper="fork"` forks one per build as
`handouts build` does; `helper="here"` runs them in this process. `close` ends the kept helpers; a listener must
not call it (nor `rebuild`): it is called while the rebuild still holds the session.

INTERFACE CONTRACT (shared by the watch, serve and browser-test work; keep these names and fields):
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from handouts.core.errors import HandoutError, Location, OutsideError, Problem
from handouts.reading.library import kept
from handouts.reading.workspace import Workspace, translation_of
from handouts.studio.changes import Affected, ignored

PRODUCTS = ("booklet", "cheatsheet", "matcard", "booklet-print")  # each is build/<slug>/<product>.pdf
FORMATS = ("booklet", "cheatsheet", "matcard")  # what a session builds (the print file as studio.yaml says)


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

    slugs: tuple[str, ...]  # every sequence it tried to build (those in `failed` kept their last good PDFs)
    seconds: float
    errors: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()
    reason: str = ""  # what changed, for the terminal line ("sequences/low-back-release.yaml")
    failed: tuple[str, ...] = ()  # the sequences among `slugs` whose build had errors
    dropped: tuple[str, ...] = ()  # sequences whose file is gone: no longer in the states


class BuildSession:
    """Keeps every sequence of a workspace built in `out_dir` (default build/); thread-safe."""

    def __init__(
        self,
        workspace: Workspace,
        out_dir: Path | None = None,
        helper: str = "kept",
        formats: tuple[str, ...] = FORMATS,
        sequences: list[str] | None = None,
    ) -> None:
        """`sequences`: the names of the only sequences to keep built (default: every one in sequences/);
        `helper`: where the jobs of a build's helper run, "kept", "fork" or "here" (see the module's notes)."""
        self.workspace = workspace
        self.out_dir = out_dir or workspace.root / "build"
        self._lock = threading.Lock()
        self._listeners: list[Callable[[Rebuild], None]] = []
        if helper not in ("kept", "fork", "here"):
            raise ValueError(f"helper: 'kept', 'fork' or 'here', not {helper!r}")
        self.helper = helper
        self._kept = None  # the kept helper process, started with the first build
        self.formats = formats
        self.only = set(sequences) if sequences else None
        self._states: dict[str, SequenceState] = {}
        self._shown = threading.Lock()  # guards _states: held only to swap or copy it, never during a build
        self._hashes: dict[str, dict[str, str]] = {}  # slug -> product -> sha256 of its last good bytes
        self._library: dict = {}  # the pose library as last read (reading.library.kept)

    def rebuild(self, changed: set[Path] | None = None) -> Rebuild:
        """Rebuild what depends on `changed` (absolute paths); None rebuilds everything. Never raises on bad
        input: the problems land in the sequences' states and in the returned Rebuild."""
        with self._lock:
            start = time.perf_counter()
            files = self._sequence_files()
            affected = self.affected(changed, files)
            dropped = tuple(sorted(slug for slug in self._known() if slug not in files))
            with self._shown:
                for slug in dropped:
                    del self._states[slug]
                    self._hashes.pop(slug, None)
            slugs = sorted((affected.slugs & set(files)) | {slug for slug in files if slug not in self._known()})
            if changed is None or any(self._shared(path) for path in changed):
                self._library.clear()  # read again: a pose file, its photo, a label may have changed
            errors: list[Problem] = []
            warnings: list[Problem] = []
            failed = []
            with kept(self._library):
                for slug in slugs:
                    state = self._build_one(slug, files[slug])
                    with self._shown:
                        self._states[slug] = state
                    errors += state.errors
                    warnings += state.warnings
                    if state.errors:
                        failed.append(slug)
            done = Rebuild(
                tuple(slugs),
                time.perf_counter() - start,
                tuple(sorted(set(errors))),
                tuple(sorted(set(warnings))),
                affected.reason,
                tuple(failed),
                dropped,
            )
            failures = []
            for listener in list(self._listeners):
                try:
                    listener(done)
                except Exception as exc:  # the others are still told; then the first failure is raised
                    failures.append(exc)
            if failures:
                raise failures[0]
            return done

    def affected(self, changed: set[Path] | None, files: dict[str, Path] | None = None) -> Affected:
        """The sequences a change touches (all for None), and what changed, in the user's words."""
        files = self._sequence_files() if files is None else files
        if changed is None:
            return Affected(frozenset(files), "")
        ws = self.workspace
        root = ws.root.resolve()
        slugs: set[str] = set()
        reasons = []
        kept_built = set(files) | set(self._known())  # a file of another name, or of a sequence not watched: none
        for path in sorted(changed):
            if ignored(path, root, self.out_dir):
                continue
            touched = self._touched(path.resolve(), root, files) & kept_built
            if touched:
                slugs |= touched
                reasons.append(ws.shown(path))
        return Affected(frozenset(slugs), ", ".join(reasons))

    def _shared(self, path: Path) -> bool:
        """Whether `path` is one of the files every sequence reads: studio.yaml, poses/, labels/, images/."""
        ws = self.workspace
        path = path.resolve()
        if path.parent == ws.root.resolve() and path.name.startswith("studio"):
            return True
        return any(path.is_relative_to(d.resolve()) for d in (ws.poses_dir, ws.labels_dir, ws.images_dir))

    def _touched(self, path: Path, root: Path, files: dict[str, Path]) -> set[str]:
        ws = self.workspace
        everything = set(files) | set(self._known())
        if path.parent == root and path.suffix in (".yaml", ".yml") and path.name.split(".")[0] == "studio":
            return everything  # studio.yaml or studio.<code>.yaml
        for folder in (ws.poses_dir, ws.labels_dir):
            if path.is_relative_to(folder.resolve()):
                return everything
        if path.is_relative_to(ws.sequences_dir.resolve()):
            if path.suffix not in (".yaml", ".yml"):
                return set()
            split = translation_of(path, ws.language_codes)
            return {split[0] if split else path.stem}
        if path.is_relative_to(ws.images_dir.resolve()):
            return self._using(path.name, everything, files)
        return set()

    def _using(self, name: str, everything: set[str], files: dict[str, Path]) -> set[str]:
        """The sequences that name a photo: all when studio.yaml or a pose file names it (the logo, a pose's
        photo), else each sequence whose file or translation names it."""
        ws = self.workspace
        shared = [*ws.root.glob("studio*.yaml"), *ws.pose_files(), *_translations_in(ws.poses_dir)]
        if any(_names(path, name) for path in shared):
            return everything
        using = set()
        for slug, path in files.items():
            if any(_names(p, name) for p in [path, *ws.translations(path).values()]):
                using.add(slug)
        return using

    def states(self) -> list[SequenceState]:
        """Every sequence of the workspace, sorted by slug (a snapshot)."""
        with self._shown:
            return [self._states[slug] for slug in sorted(self._states)]

    def state(self, slug: str) -> SequenceState | None:
        with self._shown:
            return self._states.get(slug)

    def listen(self, callback: Callable[[Rebuild], None]) -> None:
        """Call `callback` (from the rebuilding thread) after every rebuild."""
        self._listeners.append(callback)

    def watch(self, stop: threading.Event | None = None, on_rebuild: Callable[[Rebuild], None] | None = None) -> None:
        """Rebuild on every change under the workspace (watchfiles), except in build/, until `stop` is set."""
        from handouts.studio.changes import watch_changes

        for changed in watch_changes(self.workspace.root, self.out_dir, stop):
            if not self.affected(changed).slugs and not self._gone():
                continue  # a README, a client roster, a file outside the folders a handout reads
            done = self.rebuild(changed)
            if on_rebuild is not None:
                on_rebuild(done)

    def _gone(self) -> bool:
        files = self._sequence_files()
        return any(slug not in files for slug in self._known())

    def _known(self) -> list[str]:
        with self._shown:
            return list(self._states)

    def _sequence_files(self) -> dict[str, Path]:
        return {
            path.stem: path for path in self.workspace.all_sequences() if self.only is None or path.stem in self.only
        }

    def _helper(self):
        from handouts.pipeline.helper import Helper, KeptHelpers
        from handouts.pipeline.products import matcard_pdf

        if self.helper != "kept" or os.name != "posix":  # the kept helpers' pipes are POSIX's
            return Helper(use_fork=self.helper == "fork")
        if self._kept is None:
            self._kept = KeptHelpers(apart=(matcard_pdf,))
            weakref.finalize(self, self._kept.release)  # a session dropped without `close`: its helpers end too
        return self._kept

    def close(self) -> None:
        """End the kept helper processes (new ones start if the session builds again)."""
        with self._lock:
            if self._kept is not None:
                self._kept.close()
                self._kept = None

    def __enter__(self) -> BuildSession:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _build_one(self, slug: str, path: Path) -> SequenceState:
        """Build one sequence's products; on errors, its state keeps the last good PDFs and gets the problems."""
        from handouts.pipeline.run import build
        from handouts.reading.labels import ENGLISH

        last = self.state(slug) or SequenceState(slug, path, "", 0, "")
        try:
            loaded, written = build(
                self.workspace,
                [str(path)],
                self.out_dir,
                formats=self.formats,
                helper=self._helper(),
                durable=False,  # previews: every one is written again when a session starts
                check_first=False,  # the helper's own layout of the cheat sheet says the same, in parallel
            )
        except HandoutError as exc:
            return _failed(last, path, exc.problems)
        except OutsideError as exc:  # the disk refused: said as a problem of this sequence, the watch goes on
            return _failed(last, path, [Problem(Location(self.out_dir.name), exc.message, exc.hint)])
        except Exception as exc:  # an internal fault: shown, not fatal to the session
            problem = Problem(
                Location(self.workspace.shown(path)),
                f"internal error while building: {type(exc).__name__}: {exc}",
                "please report it, with this file",
            )
            return _failed(last, path, [problem])
        plan = loaded.plans[0]
        products = {}
        hashes = {}
        for made in written:
            name = made.stem
            if made.parent == self.out_dir / slug and name in PRODUCTS:
                products[name] = made.resolve()
                hashes[name] = hashlib.sha256(made.read_bytes()).hexdigest()
        rewritten = hashes != self._hashes.get(slug)
        self._hashes[slug] = hashes
        return SequenceState(
            slug,
            path,
            str(plan.sequence.title),
            len(plan.items),  # numbered as the booklet's cover counts them: a series is one step
            ENGLISH.minutes_label(plan.seconds),
            (),
            tuple(loaded.warnings),
            products,
            last.version + 1 if rewritten or not last.version else last.version,
        )


def _failed(last: SequenceState, path: Path, problems: list[Problem]) -> SequenceState:
    """The state after a failed build: the last good PDFs, title and counts, and the new problems."""
    errors = tuple(p for p in problems if not p.warning)
    warnings = tuple(p for p in problems if p.warning)
    return SequenceState(
        last.slug, path, last.title, last.steps, last.minutes, errors, warnings, dict(last.products), last.version
    )


def _names(path: Path, name: str) -> bool:
    try:
        return name in path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False


def _translations_in(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.*.yaml")) if folder.is_dir() else []
