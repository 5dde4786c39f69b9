"""Problems as the library and clients pages show them: where (file:line:col), what is wrong, how to fix it, and
the text of that line read from the file, never a stack trace. A line is read only from a file inside the workspace
or the built-in pose library (links followed), never from one larger than handouts reads; invisible and
direction-changing characters are shown as their codes. (The same shape as the sequence pages' problems, with the
built-in pose files too.)"""

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
    kind: str  # "error" or "warning"
    where: str  # file:line:col
    message: str
    hint: str
    line: str  # the text of that line, "" when there is none to show


def _inside(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a link loop, a name too long
        return False


def line_text(workspace: Workspace, file: str, number: int) -> str:
    """Line `number` (1-based) of `file` as a problem names it (relative to the workspace, or a built-in pose
    file's `handouts/poses/...`); "" for a file outside both, missing, too large, or a line that is not there."""
    if number < 1 or not file:
        return ""
    for path, folder in ((workspace.root / file, workspace.root), (PACKAGE_DIR.parent / file, PACKAGE_DIR)):
        if not _inside(path, folder):
            continue
        try:
            if not path.is_file() or path.stat().st_size > FILE_BYTES:
                return ""
            lines = _BREAK.split(path.read_bytes().decode("utf-8", errors="replace"))
        except OSError:
            return ""
        if number > len(lines):
            return ""
        line = lines[number - 1].rstrip()
        return visible(line if len(line) <= LINE_CHARS else line[:LINE_CHARS] + "\u2026")
    return ""


def shown(workspace: Workspace, problems: Iterable[Problem]) -> list[ShownProblem]:
    """The problems, errors first, each with the text of its line."""
    ordered = sorted(problems, key=lambda p: (p.warning, p.location))
    return [
        ShownProblem(
            "warning" if p.warning else "error",
            visible(str(p.location)),
            visible(p.message),
            visible(p.hint),
            line_text(workspace, p.location.file, p.location.line),
        )
        for p in ordered
    ]
