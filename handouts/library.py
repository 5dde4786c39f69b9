"""The pose library: built-in poses shipped in `handouts/poses/`, plus and over them the workspace's `poses/`.

A workspace entry with a built-in id changes only the fields it gives. Ids and aliases are looked up by their
slug, so a step may write `pose: spinal-twist` for a pose whose alias is "spinal twist".
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Collector, HandoutError, Location
from .fields import INVALID, Ctx, slug
from .model import Pose
from .schema import read_pose_file
from .workspace import Workspace
from .yamlload import load

PACKAGE_DIR = Path(__file__).parent
BUILTIN_DIR = PACKAGE_DIR / "poses"


def builtin_files() -> list[Path]:
    """The built-in pose files in English (`kneeling.yaml`), without their translations (`kneeling.de.yaml`)."""
    return sorted(path for path in BUILTIN_DIR.glob("*.yaml") if "." not in path.stem)


@dataclass(frozen=True)
class Library:
    poses: dict[str, Pose] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)  # slug of an alias -> pose id
    broken: frozenset[str] = frozenset()  # ids whose entries had errors (already reported)
    orphans: tuple = ()  # the texts of pose files with errors: their template names and glyphs still checked

    def get(self, key: str) -> Pose | None:
        return self.poses.get(key) or self.poses.get(self.aliases.get(slug(key), ""))


def _read(path: Path, shown: str, problems: Collector, images_dir: Path, broken: set[str] | None = None,
          orphans: list | None = None) -> dict:
    try:
        root = load(path, shown)
    except HandoutError as exc:
        problems.extend(exc.problems)
        return {}
    ctx = Ctx(shown, problems, source=path, images_dir=images_dir)
    poses = read_pose_file(root, ctx)
    if broken is not None:
        broken.update(ctx.rejected)
    if orphans is not None and (poses is INVALID or ctx.rejected):
        orphans.extend(ctx.texts)
    return {} if poses is INVALID else poses


def load_library(workspace: Workspace | None, problems: Collector) -> Library:
    """Read the built-in and workspace pose files; every problem goes to `problems`."""
    poses: dict[str, Pose] = {}
    broken: set[str] = set()
    orphans: list = []
    origin: dict[str, Location] = {}
    for path in builtin_files():
        shown = path.relative_to(PACKAGE_DIR.parent).as_posix()
        for pid, pose in _read(path, shown, problems, PACKAGE_DIR / "images", broken).items():
            if pid in poses:
                problems.error(pose.location, f"pose '{pid}' is defined twice (also at {origin[pid]})",
                               "keep one of them")
                continue
            poses[pid], origin[pid] = pose, pose.location
    builtin = set(poses)
    workspace_origin: dict[str, Location] = {}
    for path in (workspace.pose_files() if workspace else []):
        shown = workspace.shown(path)
        for pid, pose in _read(path, shown, problems, workspace.images_dir, broken, orphans).items():
            if pid in workspace_origin:
                problems.error(pose.location, f"pose '{pid}' is defined twice (also at {workspace_origin[pid]})",
                               "keep one of them")
                continue
            workspace_origin[pid] = pose.location
            if pid in builtin:
                changes = {name: getattr(pose, name) for name in pose.given}
                poses[pid] = dataclasses.replace(poses[pid], location=pose.location,
                                                 given=poses[pid].given | pose.given, **changes)
            elif pose.name is None:
                problems.error(pose.location, f"the new pose '{pid}' has no name",
                               "add 'name: ...' below it (or fix the id if you meant a built-in pose)")
            else:
                poses[pid] = pose
    aliases: dict[str, str] = {}
    for pid in sorted(poses):
        for alias in poses[pid].aliases:
            key = slug(alias)
            other = aliases.get(key) or (key if key in poses and key != pid else None)
            if other and other != pid:
                problems.error(alias.location, f"the alias '{alias}' is already a name of the pose '{other}'",
                               "remove it or make it more specific")
            elif key != pid:
                aliases[key] = pid
    return Library(poses, aliases, frozenset(broken - set(poses)), tuple(orphans))
