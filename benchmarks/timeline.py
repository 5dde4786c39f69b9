"""Where one build's time goes: a `handouts build` run once in this process, with the moment each stage began and
ended, in milliseconds from the start (before handouts is imported).

    python -P benchmarks/timeline.py [--cold] [--workspace DIR] -- build peer-content --format booklet ...

The stages: importing the command, registering the fonts, reading the workspace (with the image files'
examine), the cheat sheets' fit checked before any booklet, each booklet laid out and written here, waiting for
the helper process (cheat sheets, print files), and writing the files. `--cold` deletes the build folder (and so
its image cache) first. The helper's own work is not in the timeline: its CPU seconds are printed at the end.
One run is one sample: on a shared machine, run it a few times and read the shape, not the milliseconds.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import time
from pathlib import Path

START = time.perf_counter()
ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--workspace", type=Path, default=ROOT)
    ap.add_argument("--cold", action="store_true", help="delete the build folder first (no image cache)")
    argv = sys.argv[1:]
    split = argv.index("--") if "--" in argv else len(argv)
    args = ap.parse_args(argv[:split])
    command = argv[split + 1 :] or ["build", "low-back-release"]
    workspace = args.workspace.resolve()
    marks: list[tuple[str, float, float]] = []

    def now() -> float:
        return (time.perf_counter() - START) * 1000

    if args.cold:
        begun = now()
        shutil.rmtree(workspace / "build", ignore_errors=True)
        marks.append(("delete the build folder (not part of a build)", begun, now()))
    sys.path.insert(0, str(ROOT))  # this checkout's handouts, whatever the folder it runs in
    begun = now()
    from handouts.commands import cli

    marks.append(("import the command", begun, now()))
    begun = now()
    from handouts.layouts import fonts
    from handouts.pipeline import helper, run

    marks.append(("import what a build runs", begun, now()))

    def timed(label: str, function):
        def wrapper(*a, **k):
            began = now()
            try:
                return function(*a, **k)
            finally:
                marks.append((label, began, now()))

        return wrapper

    run.fonts.register = timed("register the fonts", fonts.register)  # cached: only its first call costs
    run.load_workspace = timed("read the workspace", run.load_workspace)
    run.layout_problems = timed("check the cheat sheets fit", run.layout_problems)
    run.booklet_pdf = timed("lay out and write a booklet", run.booklet_pdf)
    run.publish = timed("write the files", run.publish)
    helper.Helper.finish = timed("wait for the helper", helper.Helper.finish)  # type: ignore[method-assign]
    code = cli.main([*command[:1], "--workspace", str(workspace), *command[1:]])
    ended = now()
    for label, began, until in sorted(marks, key=lambda m: m[1]):
        if until - began >= 0.5 or label != "register the fonts":
            print(f"{began:7.0f} {until:7.0f}  {until - began:6.0f} ms  {label}")
    print(f"{ended:7.0f}          exit {code}")
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"helper process: {(children.ru_utime + children.ru_stime) * 1000:.0f} ms of CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
