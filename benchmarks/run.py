"""Benchmarks: how long a cold `handouts build` of every example takes, and what it makes.

Run with `make bench` (or `.venv/bin/python benchmarks/run.py [--runs N]`). Each run is a fresh process, as a
user's command is, building into a fresh temporary folder. Prints wall times (best and median), the time a bare
import takes, and the pages and bytes of each PDF. Figures only: nothing here passes or fails.
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


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, capture_output=True)
    return time.perf_counter() - start


def describe(times: list[float]) -> str:
    return f"best {min(times) * 1000:7.0f} ms   median {statistics.median(times) * 1000:7.0f} ms   ({len(times)} runs)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    python = sys.executable

    imports = [timed([python, "-c", "import handouts.build"]) for _ in range(args.runs)]
    builds, checks = [], []
    with tempfile.TemporaryDirectory() as scratch:
        for run in range(args.runs):
            out = Path(scratch) / f"run{run}"
            builds.append(timed([python, "-m", "handouts", "build", "--out", str(out)]))
            checks.append(timed([python, "-m", "handouts", "check"]))
        from pypdf import PdfReader
        pdfs = sorted((Path(scratch) / "run0").rglob("*.pdf"))
        print("cold process, all examples in sequences/")
        print(f"  import handouts        {describe(imports)}")
        print(f"  handouts check         {describe(checks)}")
        print(f"  handouts build         {describe(builds)}")
        print("output")
        for pdf in pdfs:
            pages = len(PdfReader(pdf).pages)
            print(f"  {pdf.relative_to(Path(scratch) / 'run0')!s:36} {pages:3d} pages {pdf.stat().st_size / 1024:8.1f} KB")


if __name__ == "__main__":
    main()
