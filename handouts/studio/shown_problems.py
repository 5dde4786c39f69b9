"""Problems as the studio's pages show them: where (file:line:col), what is wrong, how to fix it, and the text of
that line read from the file, never a stack trace. A line is read only from a file inside the workspace or the
built-in pose library."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from handouts.core.errors import Problem
from handouts.reading.library import PACKAGE_DIR
from handouts.reading.workspace import Workspace

LINE_CHARS = 300  # a longer line is shown cut, with an ellipsis


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
    except OSError:
        return False


def line_text(workspace: Workspace, file: str, line: int) -> str:
    """The text of line `line` (1-based) of `file` as a problem names it (relative to the workspace, or a built-in
    pose file's `handouts/poses/...`); "" for a file outside both, or a line that is not there."""
    if line < 1 or not file:
        return ""
    candidates = [(workspace.root / file, workspace.root), (PACKAGE_DIR.parent / file, PACKAGE_DIR)]
    for path, folder in candidates:
        if _inside(path, folder) and path.is_file():
            try:
                with path.open(encoding="utf-8", errors="replace") as handle:
                    for number, text in enumerate(handle, 1):
                        if number == line:
                            text = text.rstrip("\r\n")
                            return text if len(text) <= LINE_CHARS else text[: LINE_CHARS - 1] + "\u2026"
            except OSError:
                return ""
            return ""
    return ""


def shown(problems: list[Problem] | tuple[Problem, ...], workspace: Workspace) -> list[ShownProblem]:
    """The problems in the order written: errors first, then warnings, each with its line's text."""
    ordered = [p for p in problems if not p.warning] + [p for p in problems if p.warning]
    return [
        ShownProblem(
            "warning" if p.warning else "error",
            str(p.location),
            p.message,
            p.hint,
            line_text(workspace, p.location.file, p.location.line),
        )
        for p in ordered
    ]
