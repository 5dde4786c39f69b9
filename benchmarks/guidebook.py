"""Benchmark: a cold `handouts build --programme back-care-12-weeks` (the example programme: its guidebook, print
file, progression table and four segments' cheat sheets and mat cards), each run a fresh process into a fresh
folder, and the guidebook's page count. Run with `make bench` (or `.venv/bin/python benchmarks/guidebook.py
[--runs N]`). Figures only: nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROGRAMME = "back-care-12-weeks"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    script = Path(sys.executable).parent / "handouts"
    handouts = [str(script)] if script.exists() else [sys.executable, "-m", "handouts"]
    times = []
    with tempfile.TemporaryDirectory() as scratch:
        for run in range(args.runs):
            out = Path(scratch) / f"run{run}"
            start = time.perf_counter()
            subprocess.run(
                [*handouts, "build", "--programme", PROGRAMME, "--out", str(out)],
                check=True,
                cwd=ROOT,
                capture_output=True,
            )
            times.append(time.perf_counter() - start)
        from pypdf import PdfReader

        folder = Path(scratch) / "run0" / "programmes" / PROGRAMME
        pages = len(PdfReader(folder / "guidebook.pdf").pages)
        files = sorted(p.name for p in folder.glob("*.pdf"))
        size = sum(p.stat().st_size for p in folder.glob("*.pdf")) / 1024
    print(f"cold process, the example programme ({PROGRAMME}: {len(files)} PDFs, {size:.0f} KB)")
    print(
        f"  build --programme      best {min(times) * 1000:7.0f} ms   median {statistics.median(times) * 1000:7.0f} ms"
        f"   ({len(times)} runs); the guidebook has {pages} pages"
    )


if __name__ == "__main__":
    main()
