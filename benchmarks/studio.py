"""Benchmark: how long a warm build session takes to rebuild the low-back example after a one-step edit (a hold).

Run with `make bench` (or `.venv/bin/python benchmarks/studio.py [--edits N]`). A copy of the examples in a
temporary folder; one session, built once, then N saves of sequences/low-back-release.yaml, each changing one
step's hold, each rebuilt as `handouts watch` and `handouts serve` do (the time from the rebuild's start to its
PDFs written; not the file watcher's wait). Printed for what the speed target names (booklet, cheat sheet and print
file) and for everything a session keeps built (the mat card too), with the jobs in this process and with a forked
helper. Figures only: nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from handouts.reading.workspace import Workspace  # noqa: E402
from handouts.studio.session import BuildSession  # noqa: E402

SEQUENCE = "sequences/low-back-release.yaml"
STEP = "hold: 5 breaths"  # the first step with it: the supine twist


def copy_examples(target: Path) -> Path:
    for name in ("sequences", "poses", "images"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "studio.yaml", target / "studio.yaml")
    return target


def helper_seconds(session: BuildSession) -> float:
    """CPU seconds the session's helpers used so far: its kept process (Linux's /proc), or forked ones (waited for)."""
    if session._kept is not None:
        total = 0.0
        for kept in session._kept.helpers:
            if kept is None:
                continue
            try:
                fields = Path(f"/proc/{kept.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
                total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
            except (OSError, ValueError, IndexError):
                return float("nan")
        return total
    times = os.times()
    return times.children_user + times.children_system


def edits(session: BuildSession, count: int, warm: int = 3) -> tuple[list[float], float, float]:
    """Seconds of each of `count` rebuilds after a hold was changed (after `warm` untimed ones), and the CPU
    seconds per rebuild of this process and of the helper."""
    path = session.workspace.root / SEQUENCE
    original = path.read_text(encoding="utf-8")
    times = []
    for run in range(warm + count):
        if run == warm:
            cpu, helper = time.process_time(), helper_seconds(session)
        path.write_text(original.replace(STEP, f"hold: {6 + run % 9} breaths", 1), encoding="utf-8")
        done = session.rebuild({path})
        assert done.slugs == ("low-back-release",) and not done.errors, done
        if run >= warm:
            times.append(done.seconds)
    cpu, helper = (time.process_time() - cpu) / count, (helper_seconds(session) - helper) / count
    path.write_text(original, encoding="utf-8")
    return times, cpu, helper


HELPERS = {"kept": "helper process kept", "fork": "helper forked per build", "here": "no helper"}


def describe(times: list[float]) -> str:
    ms = sorted(t * 1000 for t in times)
    return f"median {statistics.median(ms):5.0f} ms   range {ms[0]:4.0f}-{ms[-1]:4.0f} ms   ({len(ms)} edits)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--edits", type=int, default=21, help="timed edits per line (default 21)")
    args = parser.parse_args()
    from run import reference  # benchmarks/run.py: how busy the machine is just now

    print(
        f"studio: a warm session rebuilding low-back-release after a one-step edit (reference loop before: "
        f"{reference() * 1000:.0f} ms)"
    )
    target = ("booklet", "cheatsheet")  # and the print file, as studio.yaml says
    everything = (*target, "matcard")
    cases = [(target, "kept"), (target, "fork"), (target, "here"), (everything, "kept"), (everything, "here")]
    for formats, helper in cases:
        with tempfile.TemporaryDirectory() as tmp:
            workspace = Workspace(copy_examples(Path(tmp)))
            with BuildSession(workspace, formats=formats, helper=helper, sequences=["low-back-release"]) as session:
                session.rebuild()
                times, cpu, helped = edits(session, args.edits)
        label = "booklet, cheat sheet, print file" if "matcard" not in formats else "the same and the mat card"
        print(f"  {label:33s} {HELPERS[helper]:24s} {describe(times)}")
        print(f"  {'':33s} {'':24s} CPU per edit: {cpu * 1000:.0f} ms here, {helped * 1000:.0f} ms in the helpers")
    print(f"  (reference loop after: {reference() * 1000:.0f} ms)")


if __name__ == "__main__":
    main()
