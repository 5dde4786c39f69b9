"""Where things are in a workspace: sequences/, programmes/, images/, poses/, schema/, build/, and how paths are
shown.

A workspace is the folder `handouts` runs in (or `--workspace DIR`). This module finds the files a command
names, in a stable (sorted) order, and reports names that match nothing. A file named `<name>.<code>.yaml`, where
`<code>` is a language handouts has labels for (built in, or the workspace's labels/<code>.yaml), is the
translation of `<name>.yaml` beside it, never a sequence or pose file of its own (`back.v2.yaml` is a sequence).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from handouts.core.errors import HandoutError, Location, Problem
from handouts.reading.fields import did_you_mean

BUILT_IN_LANGUAGES = frozenset(p.stem for p in (Path(__file__).parent.parent / "translations").glob("*.yaml"))


def translation_of(path: Path, codes) -> tuple[str, str] | None:
    """('low-back-release', 'de') for low-back-release.de.yaml when 'de' is one of `codes`, else None."""
    stem, dot, code = path.stem.rpartition(".")
    if dot and stem and code.lower() in codes:
        return stem, code.lower()
    return None


@dataclass(frozen=True)
class Workspace:
    root: Path

    @property
    def sequences_dir(self) -> Path:
        return self.root / "sequences"

    @property
    def programmes_dir(self) -> Path:
        return self.root / "programmes"

    @property
    def images_dir(self) -> Path:
        return self.root / "images"

    @property
    def poses_dir(self) -> Path:
        return self.root / "poses"

    @property
    def studio_file(self) -> Path:
        return self.root / "studio.yaml"

    @property
    def labels_dir(self) -> Path:
        return self.root / "labels"

    @property
    def language_codes(self) -> frozenset[str]:
        """Every language code handouts has labels for here: the built-in ones and labels/<code>.yaml."""
        return BUILT_IN_LANGUAGES | {p.stem.lower() for p in self.label_files()}

    def translations(self, original: Path) -> dict[str, Path]:
        """The translation files beside `original` (`<stem>.<code>.yaml`), by language code, sorted."""
        codes = self.language_codes
        if not original.parent.is_dir():
            return {}
        found: dict[str, Path] = {}
        for path in sorted(original.parent.iterdir()):
            if path.suffix in (".yaml", ".yml") and path.is_file():
                split = translation_of(path, codes)
                if split and split[0] == original.stem:
                    found.setdefault(split[1], path)
        return found

    def orphan_translations(self, folder: Path) -> list[tuple[Path, str, str]]:
        """Translation files in `folder` whose original (`<stem>.yaml`) does not exist: (path, stem, code)."""
        if not folder.is_dir():
            return []
        codes = self.language_codes
        out = []
        for path in sorted(folder.iterdir()):
            split = translation_of(path, codes) if path.suffix in (".yaml", ".yml") and path.is_file() else None
            if split and not any((folder / f"{split[0]}{ext}").is_file() for ext in (".yaml", ".yml")):
                out.append((path, *split))
        return out

    def label_files(self) -> list[Path]:
        """labels/<code>.yaml: the workspace's own label tables (a new language, or changed phrases)."""
        if not self.labels_dir.is_dir():
            return []
        return sorted(p for p in self.labels_dir.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())

    @property
    def schema_dir(self) -> Path:
        return self.root / "schema"

    def shown(self, path: Path) -> str:
        """The path as the user should read it: relative to the workspace where it is inside it."""
        try:
            return (
                Path(os.path.relpath(path.resolve(), self.root.resolve())).as_posix()
                if path.resolve().is_relative_to(self.root.resolve())
                else str(path)
            )
        except OSError:  # pragma: no cover
            return str(path)

    def pose_files(self) -> list[Path]:
        if not self.poses_dir.is_dir():
            return []
        codes = self.language_codes
        return sorted(
            p
            for p in self.poses_dir.iterdir()
            if p.suffix in (".yaml", ".yml") and p.is_file() and not translation_of(p, codes)
        )

    def all_sequences(self) -> list[Path]:
        if not self.sequences_dir.is_dir():
            return []
        codes = self.language_codes
        return sorted(
            p
            for p in self.sequences_dir.iterdir()
            if p.suffix in (".yaml", ".yml") and p.is_file() and not translation_of(p, codes)
        )

    def all_programmes(self) -> list[Path]:
        """programmes/*.yaml (not their translations), sorted."""
        if not self.programmes_dir.is_dir():
            return []
        codes = self.language_codes
        return sorted(
            p
            for p in self.programmes_dir.iterdir()
            if p.suffix in (".yaml", ".yml") and p.is_file() and not translation_of(p, codes)
        )

    def programme(self, name: str) -> Path:
        """The programme file a command names (a name in programmes/, or a path); a located error when none."""
        path = Path(name)
        candidates = (
            [path, self.root / path]
            if path.suffix in (".yaml", ".yml")
            else [self.programmes_dir / f"{name}.yaml", self.programmes_dir / f"{name}.yml"]
        )
        hit = next((c for c in candidates if c.is_file()), None)
        split = translation_of(hit, self.language_codes) if hit is not None else None
        if split:
            raise HandoutError(
                Problem(
                    Location(name),
                    f"this is the '{split[1]}' translation of the programme {split[0]}, not a programme of its own",
                    f"name the programme and the language: 'handouts build --programme {split[0]} --language "
                    f"{split[1]}'",
                )
            )
        if hit is None:
            known = [p.stem for p in self.all_programmes()]
            raise HandoutError(
                Problem(
                    Location(name),
                    "no such programme",
                    did_you_mean(path.stem, known, "programmes in programmes/")
                    if known
                    else "programmes/ has no .yaml files yet (docs/programmes.md shows how to write one)",
                )
            )
        return hit

    def sequences(self, names: list[str]) -> list[Path]:
        """The sequence files a command names (paths or bare names), or all of sequences/ when none is named."""
        if not names:
            found = self.all_sequences()
            if not found:
                raise HandoutError(
                    Problem(
                        Location(self.shown(self.sequences_dir)),
                        "no sequence files found",
                        "run 'handouts new NAME' to start one, or name a file",
                    )
                )
            return found
        out: list[Path] = []
        problems: list[Problem] = []
        known = {p.stem: p for p in self.all_sequences()}
        for name in names:
            path = Path(name)
            candidates = (
                [path, self.root / path]
                if path.suffix in (".yaml", ".yml")
                else [self.sequences_dir / f"{name}.yaml", self.sequences_dir / f"{name}.yml"]
            )
            hit = next((c for c in candidates if c.is_file()), None)
            split = translation_of(hit, self.language_codes) if hit is not None else None
            if split:
                problems.append(
                    Problem(
                        Location(name),
                        f"this is the '{split[1]}' translation of {split[0]}, not a sequence of its own",
                        f"name the sequence and the language: 'handouts build {split[0]} --language {split[1]}'",
                    )
                )
                continue
            if hit is None:
                problems.append(
                    Problem(
                        Location(name),
                        "no such sequence",
                        did_you_mean(path.stem, known, "sequences in sequences/")
                        if known
                        else "sequences/ has no .yaml files yet",
                    )
                )
            elif hit.resolve() not in [p.resolve() for p in out]:
                out.append(hit)
        if problems:
            raise HandoutError(problems)
        return out
