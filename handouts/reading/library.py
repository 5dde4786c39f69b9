"""The pose library: built-in poses shipped in `handouts/poses/`, plus and over them the workspace's `poses/`.

A workspace entry with a built-in id changes only the fields it gives. Ids and aliases are looked up by their
slug, so a step may write `pose: spinal-twist` for a pose whose alias is "spinal twist".

The built-in files as read and checked, and their translations, are kept between runs (library_cache.py) when
they have no problem: a run reads only the workspace's own pose files.

The library in another language (`Library.translated`): each pose file's translations beside it
(`handouts/poses/kneeling.de.yaml`, the workspace's `poses/desk.de.yaml`), checked against the file they
translate, read once per process and language; a pose keeps its Sanskrit name and figure, and a field with no
words in that language stays in the original's, with one located warning per pose (`missing`).

A build session keeps the library it read (`kept`): the next load gives the same objects back (so the figures
drawn from them are drawn once) while no pose file, translation or labels file changed on disk (by name, size and
time), and until the session says something changed (it clears its store).
"""

from __future__ import annotations

import contextlib
import dataclasses
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from handouts.core.errors import Collector, HandoutError, Location, Problem
from handouts.core.model import Pose
from handouts.reading.fields import INVALID, Ctx, did_you_mean, slug
from handouts.reading.library_cache import remembered
from handouts.reading.schema import read_pose_file
from handouts.reading.workspace import BUILT_IN_LANGUAGES, Workspace
from handouts.reading.yamlload import load

PACKAGE_DIR = Path(__file__).parent.parent
BUILTIN_DIR = PACKAGE_DIR / "poses"


def builtin_files() -> list[Path]:
    """The built-in pose files in English (`kneeling.yaml`), without their translations (`kneeling.de.yaml`)."""
    return sorted(path for path in BUILTIN_DIR.glob("*.yaml") if "." not in path.stem)


def _package_files() -> list[Path]:
    """Every file of the built-in library: the pose files and their translations."""
    return sorted(BUILTIN_DIR.glob("*.yaml"))


@dataclass(frozen=True)
class PoseFile:
    """One pose file as read: where it is, its entries (each with the fields it gave), built in or not."""

    path: Path
    shown: str
    poses: dict
    builtin: bool


@dataclass(frozen=True)
class Library:
    poses: dict[str, Pose] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)  # slug of an alias -> pose id
    broken: frozenset[str] = frozenset()  # ids whose entries had errors (already reported)
    orphans: tuple = ()  # the texts of pose files with errors: their template names and glyphs still checked
    files: tuple[PoseFile, ...] = ()  # the files read, in order: their translations are checked against them
    language: str = "en"  # the language of the poses' words
    missing: dict = field(default_factory=dict)  # pose id -> its warning: words still in the original language
    codes: frozenset[str] = BUILT_IN_LANGUAGES  # the languages there are labels for
    _in: dict = field(default_factory=dict, compare=False, repr=False)  # code -> (Library, problems): see translated

    def get(self, key: str) -> Pose | None:
        return self.poses.get(key) or self.poses.get(self.aliases.get(slug(key), ""))

    def translation_files(self) -> dict[str, list[Path]]:
        """Every translation of the library's files there is, by language code."""
        found: dict[str, list[Path]] = {}
        for pose_file in self.files:
            for code in sorted(self.codes):
                path = pose_file.path.with_name(f"{pose_file.path.stem}.{code}.yaml")
                if path.is_file():
                    found.setdefault(code, []).append(path)
        return found

    def translated(self, code: str, builtin: bool = True) -> tuple[Library, list[Problem]]:
        """The library with its words in `code` where its files' translations give them, and the problems of
        those translations (errors: an unknown pose id, a field the original lacks, a list of another length).
        Made once per language and library. `builtin=False`: the workspace's translations only (what a build
        in another language must check, without reading the built-in ones)."""
        if code == self.language:
            return self, []
        key = code if builtin else f"{code}:workspace"
        if key not in self._in:
            self._in[key] = _translate(self, code, builtin)
        return self._in[key]


def _read(
    path: Path,
    shown: str,
    problems: Collector,
    images_dir: Path,
    broken: set[str] | None = None,
    orphans: list | None = None,
    language: str = "",
) -> dict:
    try:
        root = load(path, shown)
    except HandoutError as exc:
        problems.extend(exc.problems)
        return {}
    ctx = Ctx(shown, problems, source=path, images_dir=images_dir, language=language)
    poses = read_pose_file(root, ctx)
    if broken is not None:
        broken.update(ctx.rejected)
    if orphans is not None and (poses is INVALID or ctx.rejected):
        orphans.extend(ctx.texts)
    return {} if poses is INVALID else poses


_KEPT = threading.local()  # .store: a build session's, in the thread rebuilding with it: see `kept`


@contextlib.contextmanager
def kept(store: dict) -> Iterator[None]:
    """Within it (in this thread), `load_library` keeps what it reads in `store` (a build session's, kept between
    its rebuilds) and gives it back while the files it read are unchanged on disk. Clearing `store` forgets it."""
    before = getattr(_KEPT, "store", None)
    _KEPT.store = store
    try:
        yield
    finally:
        _KEPT.store = before


def _on_disk(workspace: Workspace | None) -> tuple:
    """What the library read depends on, by file name, size and modification time."""
    paths = sorted(BUILTIN_DIR.glob("*.yaml"))
    if workspace is not None:
        for folder in (workspace.poses_dir, workspace.labels_dir):
            if folder.is_dir():
                paths += sorted(folder.iterdir())
    stamps = []
    for path in paths:
        try:
            stat = path.stat()
        except OSError:
            continue
        stamps.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(stamps)


def load_library(workspace: Workspace | None, problems: Collector, language: str = "en") -> Library:
    """Read the built-in and workspace pose files; every problem goes to `problems`. The built-in poses are in
    English; the workspace's are in `language` (studio.yaml's)."""
    kept = getattr(_KEPT, "store", None)
    if kept is None:
        return _load_library(workspace, problems, language)
    which = (workspace.root.resolve() if workspace else None, language)
    key = (*which, _on_disk(workspace))
    if key not in kept:
        found = Collector()
        library = _load_library(workspace, found, language)
        for old in [k for k in kept if k[:2] == which]:  # the same library read before a change: stale
            del kept[old]
        kept[key] = (library, tuple(found.problems))
    library, found_before = kept[key]
    problems.extend(list(found_before))
    return library


def _load_library(workspace: Workspace | None, problems: Collector, language: str = "en") -> Library:
    files: list[PoseFile] = []
    poses: dict[str, Pose] = {}
    broken: set[str] = set()
    orphans: list = []
    origin: dict[str, Location] = {}
    for pose_file, found, rejected in remembered("en", _builtin, _package_files()):
        problems.extend(found)
        broken.update(rejected)
        files.append(pose_file)
        for pid, pose in pose_file.poses.items():
            if pid in poses:
                problems.error(
                    pose.location, f"pose '{pid}' is defined twice (also at {origin[pid]})", "keep one of them"
                )
                continue
            poses[pid], origin[pid] = pose, pose.location
    builtin = set(poses)
    workspace_origin: dict[str, Location] = {}
    for path in workspace.pose_files() if workspace else []:
        assert workspace is not None  # the loop runs only over a workspace's files
        shown = workspace.shown(path)
        read = _read(path, shown, problems, workspace.images_dir, broken, orphans, language=language)
        files.append(PoseFile(path, shown, read, False))
        for pid, pose in read.items():
            if pid in workspace_origin:
                problems.error(
                    pose.location,
                    f"pose '{pid}' is defined twice (also at {workspace_origin[pid]})",
                    "keep one of them",
                )
                continue
            workspace_origin[pid] = pose.location
            if pid in builtin:
                changes = {name: getattr(pose, name) for name in pose.given}
                poses[pid] = dataclasses.replace(
                    poses[pid], location=pose.location, given=poses[pid].given | pose.given, **changes
                )
            elif pose.name is None:
                problems.error(
                    pose.location,
                    f"the new pose '{pid}' has no name",
                    "add 'name: ...' below it (or fix the id if you meant a built-in pose)",
                )
            else:
                poses[pid] = pose
    aliases: dict[str, str] = {}
    for pid in sorted(poses):
        for alias in poses[pid].aliases:
            key = slug(alias)
            other = aliases.get(key) or (key if key in poses and key != pid else None)
            if other and other != pid:
                problems.error(
                    alias.location,
                    f"the alias '{alias}' is already a name of the pose '{other}'",
                    "remove it or make it more specific",
                )
            elif key != pid:
                aliases[key] = pid
    return Library(
        poses,
        aliases,
        frozenset(broken - set(poses)),
        tuple(orphans),
        tuple(files),
        language,
        codes=workspace.language_codes if workspace else BUILT_IN_LANGUAGES,
    )


def _translate(library: Library, code: str, builtin: bool = True) -> tuple[Library, list[Problem]]:
    from handouts.reading.translate import pose_missing_warning, translated_pose

    problems = Collector()
    layers: dict[str, list] = {}  # pose id -> [(its translation entry or None, the fields its file gave)]
    add_to: dict[str, str] = {}  # pose id -> the translation file its missing words go to
    known = {pid: f.shown for f in library.files for pid in f.poses}
    kept = remembered(code, lambda: _builtin_translations(library, code, known), _package_files()) if builtin else {}
    for pose_file in library.files:
        path = pose_file.path.with_name(f"{pose_file.path.stem}.{code}.yaml")
        shown = path.relative_to(PACKAGE_DIR.parent).as_posix() if pose_file.builtin else _beside(pose_file, path)
        found: list[Problem]
        if pose_file.builtin and pose_file.shown in kept:
            entries, found = kept[pose_file.shown], []
        elif pose_file.builtin and not builtin:
            entries, found = {}, []
        else:
            entries, found = _checked(pose_file, path, shown, code, known)
        problems.extend(found)
        for pid, pose in pose_file.poses.items():
            layers.setdefault(pid, []).append((entries.get(pid), frozenset(pose.given)))
            if pose.given & {"name", "props", "cues", "cautions", "easier", "deeper"}:
                add_to[pid] = shown
    poses, missing = {}, {}
    for pid, pose in library.poses.items():
        poses[pid], lacking = translated_pose(pose, layers.get(pid, []))
        if lacking:
            entry = next((e for e, _ in reversed(layers.get(pid, [])) if e is not None), None)
            missing[pid] = pose_missing_warning(
                pose, entry.location if entry else pose.location, lacking, add_to.get(pid, ""), code
            )
    aliases = dict(library.aliases)
    for pid in sorted(poses):
        for alias in poses[pid].aliases:
            aliases.setdefault(slug(alias), pid)
    return dataclasses.replace(
        library, poses=poses, aliases=aliases, language=code, missing=missing, _in={}
    ), problems.problems


def _beside(pose_file: PoseFile, path: Path) -> str:
    """A workspace translation's name as shown: in the folder its original is shown in."""
    return pose_file.shown.rsplit("/", 1)[0] + "/" + path.name if "/" in pose_file.shown else path.name


def _checked(pose_file: PoseFile, path: Path, shown: str, code: str, known: dict) -> tuple[dict, list[Problem]]:
    """The translation beside one pose file, read and checked against it: {pose id: its entry, or None when the
    entry has errors}, and the problems (an unknown pose, a field the original lacks, a list of another length)."""
    from handouts.reading.translate import POSE_TRANSLATION_FILE, check_pose_entry, read_file

    problems = Collector()
    entries, found = read_file(path, shown, code, POSE_TRANSLATION_FILE) if path.is_file() else ({}, [])
    problems.extend(found)
    entries = entries or {}
    for pid, (entry, key) in entries.items():
        if pid not in pose_file.poses:
            elsewhere = known.get(pid)
            where = Location(entry.location.file, key.start_mark.line + 1, key.start_mark.column + 1)
            problems.error(
                where,
                f"there is no pose '{pid}' in {pose_file.shown}",
                f"a translation holds only the poses of the file beside it ('{pid}' is in "
                f"{elsewhere}: give it in {pose_file.shown} first to change its words here)"
                if elsewhere
                else did_you_mean(pid, pose_file.poses, f"poses of {pose_file.shown}"),
            )
    checked = {}
    for pid, pose in pose_file.poses.items():
        entry = entries.get(pid, (None, None))[0]
        if entry is not None and not check_pose_entry(pid, entry, pose, set(pose.given), code, problems):
            entry = None
        checked[pid] = entry
    return checked, problems.problems


def _builtin_translations(library: Library, code: str, known: dict) -> tuple[dict, bool]:
    """The built-in pose files' translations into `code`, checked: {file as shown: {pose id: entry or None}}, the
    entries without their YAML nodes (what is kept needs only their words and locations). Nothing when a
    built-in translation has a problem: then each is read and checked where it is used, its problems said."""
    made, clean = {}, True
    for pose_file in library.files:
        if pose_file.builtin:
            path = pose_file.path.with_name(f"{pose_file.path.stem}.{code}.yaml")
            entries, found = _checked(pose_file, path, path.relative_to(PACKAGE_DIR.parent).as_posix(), code, known)
            clean = clean and not found
            made[pose_file.shown] = {
                pid: dataclasses.replace(entry, keys={}) if entry is not None else None
                for pid, entry in entries.items()
            }
    return (made, True) if clean else ({}, False)  # with problems: each file checked again where it is read


def _builtin() -> tuple[list[tuple[PoseFile, list[Problem], set[str]]], bool]:
    """Each built-in pose file as read, with its problems and the ids of its entries with errors; kept on disk
    only when there are none, and no pose shows a photo (whose file lies outside what the cache's key covers)."""
    made = []
    for path in builtin_files():
        shown = path.relative_to(PACKAGE_DIR.parent).as_posix()
        found, rejected = Collector(), set[str]()
        read = _read(path, shown, found, PACKAGE_DIR / "images", rejected, language="en")
        made.append((PoseFile(path, shown, read, True), found.problems, rejected))
    keep = not any(found or rejected or any(pose.image for pose in f.poses.values()) for f, found, rejected in made)
    return made, keep
