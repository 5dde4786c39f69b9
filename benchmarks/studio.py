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
import shutil
import statistics
import sys
import tempfile
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


def edits(session: BuildSession, count: int, warm: int = 3) -> list[float]:
    """Seconds of each of `count` rebuilds after a hold was changed (after `warm` untimed ones)."""
    path = session.workspace.root / SEQUENCE
    original = path.read_text(encoding="utf-8")
    times = []
    for run in range(warm + count):
        path.write_text(original.replace(STEP, f"hold: {6 + run % 9} breaths", 1), encoding="utf-8")
        done = session.rebuild({path})
        assert done.slugs == ("low-back-release",) and not done.errors, done
        if run >= warm:
            times.append(done.seconds)
    path.write_text(original, encoding="utf-8")
    return times


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
        f"studio: a warm session rebuilding low-back-release after a one-step edit (reference loop: "
        f"{reference() * 1000:.0f} ms)"
    )
    target = ("booklet", "cheatsheet")  # and the print file, as studio.yaml says
    cases = [(target, "kept"), (target, "fork"), (target, "here"), ((*target, "matcard"), "kept")]
    for formats, helper in cases:
        with tempfile.TemporaryDirectory() as tmp:
            workspace = Workspace(copy_examples(Path(tmp)))
            with BuildSession(workspace, formats=formats, helper=helper, sequences=["low-back-release"]) as session:
                session.rebuild()
                times = edits(session, args.edits)
        label = "booklet, cheat sheet, print file" if "matcard" not in formats else "the same and the mat card"
        print(f"  {label:33s} {HELPERS[helper]:24s} {describe(times)}")


if __name__ == "__main__":
    main()
