"""Two checkouts of handouts timed on the same command in turn (A B A B ...), as the peers' compare.py does.

    python benchmarks/paired.py BASE [--runs N] [--workspace DIR] [--fresh] -- build low-back-release

BASE is another checkout (e.g. `git worktree add --detach /tmp/base main`); this one is the other side. Each run
is a fresh process (`python -m handouts ...` with that checkout's package first on the path), in the workspace
(default: this repository's examples), writing into a scratch folder; `--fresh` deletes that folder before each
run (a cold build: no image cache). Prints the median and range of the paired ratios this / base for wall time,
CPU time (the process and its waited-for children) and peak memory. On a shared machine only the ratios mean
anything: the seconds drift from minute to minute.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def once(tree: Path, args: list[str], workspace: Path, out: Path) -> tuple[float, float, float]:
    """One run: wall seconds, CPU seconds, peak RSS in MiB."""
    # -P: the folder it runs in is not put first on the path, so that a workspace that is itself a checkout (this
    # repository's examples) does not import its own handouts on both sides
    command = [sys.executable, "-P", "-m", "handouts", *args[:1], "--workspace", str(workspace), *args[1:]]
    if args[0] == "build":
        command += ["--out", str(out)]
    env = dict(os.environ, PYTHONPATH=str(tree))
    start = time.perf_counter()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=workspace)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    if os.waitstatus_to_exitcode(status) not in (0, 1):  # 1: warnings only (check)
        sys.exit(f"{' '.join(command)} failed in {tree}:\n{err[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("base", type=Path)
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--workspace", type=Path, default=ROOT)
    ap.add_argument("--fresh", action="store_true", help="delete the output folder before each run (cold)")
    argv = sys.argv[1:]
    split = argv.index("--") if "--" in argv else len(argv)
    args = ap.parse_args(argv[:split])
    command = argv[split + 1 :] or ["build", "low-back-release"]  # after --: the handouts command
    scratch = Path(tempfile.mkdtemp(prefix="paired-"))
    trees = {"base": args.base.resolve(), "this": ROOT}
    rows: list[dict[str, tuple[float, float, float]]] = []
    try:
        for i in range(args.runs + 1):  # the first pair warms the disk cache and is not counted
            row = {}
            for side, tree in trees.items():
                out = scratch / side
                if args.fresh:
                    shutil.rmtree(out, ignore_errors=True)
                row[side] = once(tree, command, args.workspace.resolve(), out)
            if i:
                rows.append(row)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    med = statistics.median
    print(f"handouts {' '.join(command)}{' (cold)' if args.fresh else ''}: this / base, n={len(rows)}")
    for index, what in enumerate(("wall", "cpu", "peak memory")):
        ratios = [r["this"][index] / r["base"][index] for r in rows]
        print(
            f"  {what:12s} ratio {med(ratios):5.2f}x ({min(ratios):.2f}-{max(ratios):.2f})   "
            f"this {med(r['this'][index] for r in rows):.3f}  base {med(r['base'][index] for r in rows):.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
