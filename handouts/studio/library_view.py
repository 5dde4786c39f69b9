"""The pose library as the studio's library page shows it: each pose's names (the search looks through all of
them, accents folded: "bhujangasana" finds "Bhujaṅgāsana"), its figure as SVG, and the YAML of a step that uses it.

Read once per app and kept while the workspace's poses/ and labels/ files stay the same (their names, sizes and
modification times); any change there reads the library again.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import unicodedata
from dataclasses import dataclass
from typing import Any

from handouts.core.errors import Collector, Problem
from handouts.core.model import Pose, SideMode
from handouts.figures.art import figure_art
from handouts.reading.library import Library, load_library
from handouts.reading.schema import POSITIONS
from handouts.reading.workspace import Workspace
from handouts.studio.figure_svg import art_svg

_COMBINING = re.compile("[\u0300-\u036f]")  # the accents of Latin letters (IAST's dots and bars among them)
_NOT_A_WORD = re.compile(r"[^\w\u0900-\u097f]+")  # keeps letters, digits and Devanagari (its vowel signs too)
_PLAIN_ID = re.compile(r"^[a-z][a-z0-9-]*$")
_YAML_WORDS = {"null", "true", "false", "yes", "no", "on", "off", "y", "n"}


def fold(text: str) -> str:
    """A name as the search compares it: accents dropped, lower case, anything but letters and digits a space.
    static/library.js folds what is typed the same way."""
    plain = _COMBINING.sub("", unicodedata.normalize("NFKD", text)).lower()
    return " ".join(_NOT_A_WORD.sub(" ", plain).replace("_", " ").split())


def matches(query: str, names: str) -> bool:
    """Whether `query` finds a pose whose folded names are `names`: every word of it is in them, or it is, written
    without spaces, in them written without spaces ("downdog" finds "down dog")."""
    words = fold(query).split()
    if not words:
        return True
    return all(word in names for word in words) or "".join(words) in names.replace(" ", "")


def sensible_hold(pose: Pose, restorative: bool) -> str:
    """The hold a copied step starts with: circles each way for circling, repetitions for a movement done side to
    side, minutes for a restorative pose, breaths for the rest. (A library pose has no hold of its own.)"""
    if "circle" in pose.id:
        return "5 circles each way"
    if pose.sides is SideMode.ALTERNATE:
        return "10 reps"
    if restorative:
        return "3 min"
    return "5 breaths"


def step_yaml(pose: Pose, restorative: bool = False) -> str:
    """A minimal step of a sequence's `steps:` for this pose, as written in sequences/."""
    pid = pose.id if _PLAIN_ID.match(pose.id) and pose.id not in _YAML_WORDS else json.dumps(pose.id)
    lines = [f"- pose: {pid}"]
    if pose.sides is SideMode.BOTH:
        lines.append("  side: both")
    elif pose.sides is SideMode.ALTERNATE:
        lines.append("  side: alternate")
    lines.append(f"  hold: {sensible_hold(pose, restorative)}")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class PoseEntry:
    """One pose as its card on the page shows it."""

    pose: Pose
    translated: tuple[tuple[str, str], ...]  # (language code, the pose's name in it), where it differs
    names: str  # every name folded, for the search
    yaml: str  # the copied step
    svg: str  # its figure, "" for a pose with a photo instead

    @property
    def id(self) -> str:
        return self.pose.id

    @property
    def props(self) -> tuple[str, ...]:
        return tuple(str(p) for p in self.pose.props)

    def shown_for(self, query: str, position: str, prop: str) -> bool:
        return (
            matches(query, self.names)
            and (not position or self.pose.position == position)
            and (not prop or prop in self.props)
        )


@dataclass(frozen=True)
class LibraryView:
    stamp: tuple
    version: str  # short hash of the stamp: the figures' URLs carry it
    library: Library
    entries: tuple[PoseEntry, ...]
    problems: tuple[Problem, ...]

    @property
    def positions(self) -> tuple[str, ...]:
        present = {e.pose.position for e in self.entries if e.pose.position}
        return tuple(p for p in POSITIONS if p in present) + tuple(sorted(present - set(POSITIONS)))

    @property
    def props(self) -> tuple[str, ...]:
        return tuple(sorted({p for e in self.entries for p in e.props}, key=str.casefold))

    def entry(self, pose_id: str) -> PoseEntry | None:
        return next((e for e in self.entries if e.id == pose_id), None)


def _stamp(workspace: Workspace) -> tuple:
    """What the library read depends on in the workspace: every file in poses/ and labels/ (translations and the
    languages there are labels for), by name, size and modification time."""
    found: list[Any] = []
    for folder in (workspace.poses_dir, workspace.labels_dir):
        if folder.is_dir():
            for path in sorted(folder.iterdir()):
                try:
                    stat = path.stat()
                except OSError:
                    continue
                found.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(found)


def _read(workspace: Workspace, stamp: tuple) -> LibraryView:
    problems = Collector()
    library = load_library(workspace, problems)
    translations: dict[str, Library] = {}
    for code in sorted(library.codes - {library.language}):
        translations[code], found = library.translated(code)
        problems.extend(found)
    restorative = {pid for f in library.files if f.builtin and f.path.stem == "restorative" for pid in f.poses}
    entries = []
    for pid in sorted(library.poses, key=lambda k: (str(library.poses[k].name or k).casefold(), k)):
        pose = library.poses[pid]
        names = [pose.id, str(pose.name or ""), str(pose.sanskrit or ""), str(pose.devanagari or "")]
        names += [str(a) for a in pose.aliases]
        translated: list[tuple[str, str]] = []
        for code, other in translations.items():
            there = other.poses.get(pid)
            if there is None:
                continue
            if there.name and str(there.name) != str(pose.name):
                translated.append((code, str(there.name)))
            names += [str(there.name or "")] + [str(a) for a in there.aliases]
        folded = " / ".join(dict.fromkeys(f for f in (fold(n) for n in names) if f))
        label = str(pose.name or pose.id)
        svg = art_svg(figure_art(pose.figure), label) if pose.figure is not None else ""
        entries.append(PoseEntry(pose, tuple(translated), folded, step_yaml(pose, pid in restorative), svg))
    version = hashlib.sha256(repr(stamp).encode()).hexdigest()[:12]
    return LibraryView(stamp, version, library, tuple(entries), tuple(problems.problems))


_LOCK = threading.Lock()


def library_view(state: Any, workspace: Workspace) -> LibraryView:
    """The app's library view (kept on `state`, the app's state), read again when the poses files changed."""
    stamp = _stamp(workspace)
    with _LOCK:
        view = getattr(state, "library_view", None)
        if view is None or view.stamp != stamp:
            view = _read(workspace, stamp)
            state.library_view = view
        return view
