r"""Errors and warnings that point at a place in a user's file.

Every stage raises or collects `Problem`s carrying a `Location` (file, line, column) and a hint saying how to
fix it. Only `cli.py` prints them and chooses the exit code. A problem is always one line on the terminal:
`Problem.__str__` shows every control character, line break and text-direction mark that a user's value (or a
file name) brings into it as a visible code (`\n`, `\x1b`, `\u202e`), so no value can break the line, colour the
terminal or reorder what it shows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

# C0 and C1 controls (tab and line breaks among them), DEL, line and paragraph separators, the marks and overrides
# that change the direction text is shown in, the byte-order mark, and lone surrogates (undecodable file names)
_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff\ud800-\udfff]")
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _code(match: re.Match) -> str:
    char = match.group()
    code = ord(char)
    return _SHORT.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def visible(text: str) -> str:
    r"""`text` with every invisible or line-breaking character written as its code (a line break as \n)."""
    return _INVISIBLE.sub(_code, text) if _INVISIBLE.search(text) else text


@dataclass(frozen=True, order=True)
class Location:
    """A place in a file: 1-based line and column. `file` is the path as the user should read it."""

    file: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.col}"
        return self.file


@dataclass(frozen=True, order=True)
class Problem:
    """One located mistake (or, with `warning=True`, a located doubt) and how to fix it."""

    location: Location
    message: str
    hint: str = ""
    warning: bool = False

    def __str__(self) -> str:
        kind = "warning: " if self.warning else ""
        text = f"{self.location}: {kind}{self.message}"
        if self.hint:
            text += f"; {self.hint}"
        return visible(text)


class HandoutError(Exception):
    """Bad input: one or more located problems. The run stops and nothing is written."""

    def __init__(self, problems: list[Problem] | Problem):
        if isinstance(problems, Problem):
            problems = [problems]
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass
class Collector:
    """Gathers every problem of a run so they can be reported together."""

    problems: list[Problem] = field(default_factory=list)

    def error(self, location: Location, message: str, hint: str = "") -> None:
        self.problems.append(Problem(location, message, hint))

    def warn(self, location: Location, message: str, hint: str = "") -> None:
        self.problems.append(Problem(location, message, hint, warning=True))

    def extend(self, problems: Iterable[Problem]) -> None:
        self.problems.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]

    @property
    def warnings(self) -> list[Problem]:
        return sorted({p for p in self.problems if p.warning})

    def raise_if_errors(self) -> None:
        if self.errors:
            raise HandoutError(self.errors)


class OutsideError(Exception):
    """Something outside handouts failed, not the user's files: the mail server refused or dropped the message,
    the network or TLS failed, another run holds the send log, the disk is full or cannot be written. Carries a
    plain message and how to fix it or when to retry; `cli.py` prints both and exits 3."""

    def __init__(self, message: str, hint: str = ""):
        self.message = message
        self.hint = hint
        super().__init__(f"{message}; {hint}" if hint else message)
