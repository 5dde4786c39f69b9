"""The property, run in-process: `handouts check` either reports located errors (exit 2), or the build (booklet,
cheat sheet, mat card), the clients' build and the mail drafts all succeed. Never exit 1, never an uncaught
exception, never a hang.

`run_case(files, folder)` writes the workspace under `folder`, runs the commands through `handouts.commands.cli.main`
with stdout and stderr captured, and returns one `Outcome`:
  ok          check said ok and everything built (or, with full=False, check said ok)
  located     check exit 2, and every line of stderr is `path:line:col: ...` (a warning about a whole file may be
              `path: warning: ...`) or the closing count, on one line,
              without control characters, as many error lines as the count says
  unlocated   check exit 2, but a line breaks that rule (the line is kept)
  exit 1      an internal error (any command)
  check ok, then exit 2   check passed what build or mail then refused
  other exit  any other exit code
  crash       an exception escaped handouts.commands.cli.main
  hang        a command ran past its time limit
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import signal
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

LOCATED = re.compile(r"^[^\s:][^:]*:\d+:\d+: \S")
WHOLE_FILE_WARNING = re.compile(r"^[^\s:][^:]*: warning: \S")  # e.g. a label table that lacks phrases
SUMMARY = re.compile(r"^(\d+) errors? in (\d+) files?$")
CHECK_SECONDS = 5.0  # a check of anything, however broken
BUILD_SECONDS = 20.0  # all the products of a case that check passed (about 1-3 s for a real one)
DATE = "2026-03-04"


class Hang(BaseException):
    """A command ran past its time limit (a BaseException, so the CLI's `except Exception` lets it through)."""


@dataclass(frozen=True)
class Outcome:
    kind: str
    command: str = ""
    code: int | None = None
    line: str = ""  # the stderr line that shows the failure (the first one, or the one breaking the rule)
    seconds: float = 0.0

    @property
    def failed(self) -> bool:
        return self.kind not in ("ok", "located")


def _alarm(signum, frame):
    raise Hang()


WALL_FACTOR = 6  # on a busy machine a command gets this many times its CPU limit in wall time


def run(argv: list[str], seconds: float) -> tuple[int | None, str, str, float, str]:
    """(exit code, stdout, stderr, seconds taken, what went wrong outside the exit code) of one command. A hang
    is `seconds` of this process's CPU time (so a loaded machine does not make one), or WALL_FACTOR times that
    on the clock (a command waiting forever, or its helper processes working on)."""
    from handouts.commands.cli import main

    out, err = io.StringIO(), io.StringIO()
    previous = signal.signal(signal.SIGALRM, _alarm), signal.signal(signal.SIGPROF, _alarm)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    signal.setitimer(signal.ITIMER_REAL, seconds * WALL_FACTOR)
    start = time.perf_counter()
    trouble, code = "", None
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
    except Hang:
        trouble = "hang"
    except SystemExit as exc:  # argparse
        code = exc.code if isinstance(exc.code, int) else 2
    except BaseException as exc:
        trouble = f"crash: {type(exc).__name__}: {str(exc)[:200]}"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGALRM, previous[0])
        signal.signal(signal.SIGPROF, previous[1])
    return code, out.getvalue(), err.getvalue(), time.perf_counter() - start, trouble


FOLDERS = ("sequences", "images", "poses", "labels", "mail", "schema")  # a workspace's folders, named in problems


def unlocated_line(stderr: str, workspace: Path | None = None) -> str | None:
    """The first line of a failed check's stderr that breaks the rule, or None when every line keeps it. A
    problem with a folder or a missing file (`sequences: no sequence files found`) has no line to point at:
    with `workspace` given, `path: ...` is accepted for a path that is not a file there."""
    lines = stderr.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines:
        return "(nothing on stderr)"
    summary = SUMMARY.match(lines[-1])
    if not summary:
        return lines[-1] or "(an empty last line)"
    errors = 0
    for i, line in enumerate(lines[:-1]):
        if not LOCATED.match(line) and not WHOLE_FILE_WARNING.match(line):
            path = line.split(": ", 1)[0]
            own = (
                re.match(r"^[^\s:][^:]*\.(ya?ml|csv|txt|html|jpe?g|png)$", path)
                or path.rstrip("/") in FOLDERS
                or (workspace is not None and ": " in line and (workspace / path).exists())
            )
            if i and LOCATED.match(lines[i - 1]) and not own:
                return f"{lines[i - 1]}\\n{line} (a message over several lines)"
            if workspace is not None and ": " in line and "\n" not in path and not (workspace / path).is_file():
                errors += 1  # a folder, or a file that is not there
                continue
            return line or "(an empty line)"
        if any(unicodedata.category(c) in ("Cc", "Zl", "Zp") for c in line):
            return line
        if not re.match(r"^[^:]*(:\d+:\d+)?: warning: ", line):
            errors += 1
    if errors != int(summary.group(1)):
        return f"{lines[-1]} (but {errors} error lines: a message ran over several lines)"
    return None


def _write(files: dict[str, bytes], root: Path) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:  # mutate.Link
            os.symlink(str(content), path)


def _has_mail(workspace: Path) -> bool:
    """Whether studio.yaml has mail: settings (mail, unlike build, needs them; check does not ask for them)."""
    try:
        text = (workspace / "studio.yaml").read_text(encoding="utf-8")
    except (OSError, UnicodeError):
        return False
    return re.search(r"^mail:", text, re.M) is not None


def run_case(files: dict[str, bytes], folder: Path, full: bool = True) -> Outcome:
    """The property on one workspace; `folder` is emptied and used for the workspace and the outputs."""
    shutil.rmtree(folder, ignore_errors=True)
    workspace = folder / "ws"
    workspace.mkdir(parents=True)
    _write(files, workspace)
    roster = next((name for name in ("clients.yaml", "clients.csv") if name in files), None)
    argv = ["check", "-C", str(workspace)] + (["--clients", roster] if roster else [])
    code, _, err, seconds, trouble = run(argv, CHECK_SECONDS)
    shown = " ".join(argv[:1] + argv[3:])
    if trouble:
        return Outcome(trouble.split(":")[0], shown, code, trouble, seconds)
    if code == 2:
        bad = unlocated_line(err, workspace)
        return Outcome("unlocated" if bad else "located", shown, code, bad or "", seconds)
    if code != 0:
        return _failed(shown, code, err, seconds)
    if not full:
        return Outcome("ok", shown, 0, "", seconds)
    commands = [
        ["build", "--out", str(folder / "out"), "--format", "booklet", "--format", "cheatsheet", "--format", "matcard"]
    ]
    if roster:
        commands.append(["build", "--clients", roster, "--date", DATE, "--out", str(folder / "clients")])
        if _has_mail(workspace):
            commands.append(["mail", "--clients", roster, "--date", DATE, "--out", str(folder / "mail")])
    total, budget = seconds, BUILD_SECONDS
    for command in commands:
        argv = command[:1] + ["-C", str(workspace)] + command[1:]
        shown = " ".join(c for c in command if not c.startswith(str(folder)))
        code, _, err, seconds, trouble = run(argv, max(budget - (total - seconds), 0.5))
        total += seconds
        if trouble:
            return Outcome(trouble.split(":")[0], shown, code, trouble, total)
        if code == 2:
            return Outcome("check ok, then exit 2", shown, code, err.split("\n")[0], total)
        if code != 0:
            return _failed(shown, code, err, total)
    return Outcome("ok", "", 0, "", total)


def _failed(shown: str, code: int | None, err: str, seconds: float) -> Outcome:
    lines = err.split("\n")
    first = next((line for line in lines if "internal error" in line), lines[0])
    return Outcome("exit 1" if code == 1 else "other exit", shown, code, first, seconds)
