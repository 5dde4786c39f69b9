"""The problems as the studio's pages show them: where (file:line:col), the message and its hint, and the text of
that line read from the file. A line is read only from a file inside the workspace or the built-in pose files, never
through a link that leads out of them, and never from a file larger than handouts reads."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from handouts.core.errors import Problem, visible
from handouts.core.limits import FILE_BYTES
from handouts.reading.library import PACKAGE_DIR
from handouts.reading.workspace import Workspace

LINE_CHARS = 300  # a longer line is shown cut, with an ellipsis
_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class ShownProblem:
    """One problem as a page lists it."""

    kind: str  # "error" or "warning"
    where: str  # file:line:col, or the file alone
    message: str
    hint: str
    line: str  # the text of that line of the file, "" when there is none to show


def inside(path: Path, folder: Path) -> bool:
    """Whether `path`, with every link followed, is `folder` or inside it."""
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a link loop, a name too long
        return False


def line_of(workspace: Workspace, file: str, number: int) -> str:
    """Line `number` (1-based) of `file` as a problem names it (relative to the workspace, or a built-in pose file's
    `handouts/poses/...`), or "" when that file is outside both, missing, too large or shorter."""
    if number < 1 or not file:
        return ""
    for path, folder in ((workspace.root / file, workspace.root), (PACKAGE_DIR.parent / file, PACKAGE_DIR / "poses")):
        if inside(path, folder):
            return _line(path, number)
    return ""


def _line(path: Path, number: int) -> str:
    try:
        if not path.is_file() or path.stat().st_size > FILE_BYTES:
            return ""
        text = path.read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return ""
    lines = _BREAK.split(text)
    if number > len(lines):
        return ""
    line = lines[number - 1].rstrip()
    if len(line) > LINE_CHARS:
        line = line[:LINE_CHARS] + "…"
    return visible(line)


def shown(workspace: Workspace, problems: Iterable[Problem]) -> list[ShownProblem]:
    """The problems, errors first, each with the text of its line."""
    ordered = sorted(problems, key=lambda p: (p.warning, p.location))
    return [
        ShownProblem(
            kind="warning" if p.warning else "error",
            where=visible(str(p.location)),
            message=visible(p.message),
            hint=visible(p.hint),
            line=line_of(workspace, p.location.file, p.location.line),
        )
        for p in ordered
    ]
