"""What `handouts check` would say of one file if it held a given text, before anything is written: a sequence
(or its translation) checked as `handouts check NAME` checks it (the library, studio.yaml, images, translations,
the sheet fit), studio.yaml by its reader, a roster (a YAML file beside studio.yaml, or a CSV file) as `check
--clients` reads it; any other file is an error (the studio does not change it). The text
is read in place of the file (yamlload.given_texts), so every problem names the real file and its lines.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from handouts.clients.making import roster_problems
from handouts.core.errors import Collector, HandoutError, Location, Problem
from handouts.pipeline.loading import load_workspace
from handouts.reading.fields import INVALID, Ctx
from handouts.reading.schema import read_studio
from handouts.reading.workspace import Workspace, translation_of
from handouts.reading.yamlload import given_texts, load


@dataclasses.dataclass(frozen=True)
class _WithNew(Workspace):
    """The workspace, with a sequence file that is not on disk yet counted as one of its sequences."""

    new: Path = Path()

    def all_sequences(self) -> list[Path]:
        return sorted({*super().all_sequences(), self.new})

    def sequences(self, names: list[str]) -> list[Path]:
        if [str(self.new)] == names:
            return [self.new]
        return super().sequences(names)


def check_text(
    workspace: Workspace, path: Path, text: str, also: dict[Path, str] | None = None
) -> tuple[list[Problem], list[Problem]]:
    """(errors, warnings) that `handouts check` would give for the file at `path` (absolute, inside the workspace)
    if it held `text` (and the files in `also` their texts: a sequence's translations saved with it). Nothing is
    written anywhere in the workspace."""
    path = path.resolve()
    found: list[Problem] = []
    with given_texts({**(also or {}), path: text}):
        try:
            if path == workspace.studio_file.resolve():
                found = _studio(workspace, path)
            elif path.parent == workspace.sequences_dir.resolve():
                found = _sequence(workspace, path)
            elif path.suffix.lower() == ".csv" or (
                path.parent == workspace.root.resolve()
                and path.suffix in (".yaml", ".yml")
                and not translation_of(path, workspace.language_codes)
            ):
                found = roster_problems(workspace, path)
            else:
                found = [
                    Problem(
                        Location(workspace.shown(path)),
                        "the studio does not change this kind of file",
                        "edit it in a text editor and run 'handouts check'",
                    )
                ]
        except HandoutError as exc:
            found = list(exc.problems)
    errors = sorted({p for p in found if not p.warning})
    warnings = sorted({p for p in found if p.warning})
    return errors, warnings


def _sequence(workspace: Workspace, path: Path) -> list[Problem]:
    """A sequence checked as `handouts check NAME` does; a translation checked with its sequence."""
    split = translation_of(path, workspace.language_codes)
    target = path.with_name(f"{split[0]}{path.suffix}") if split else path
    here = _WithNew(workspace.root, new=target) if not target.is_file() else workspace
    try:
        loaded = load_workspace(here, [str(target)], sample=True)
    except HandoutError as exc:
        return list(exc.problems)
    return list(loaded.warnings)


def _studio(workspace: Workspace, path: Path) -> list[Problem]:
    """studio.yaml read by its reader."""
    shown = workspace.shown(path)
    problems = Collector()
    root = load(path, shown)
    if root is None:
        return [Problem(Location(shown, 1, 1), "the file is empty", "give at least one setting, e.g. 'studio: ...'")]
    ctx = Ctx(shown, problems, source=path, images_dir=workspace.images_dir)
    studio = read_studio(root, ctx)
    if studio is INVALID and not problems.errors:  # pragma: no cover - the reader says why
        problems.error(Location(shown, 1, 1), "studio.yaml cannot be read")
    return problems.problems
