"""Benchmarks: how long a cold `handouts build` of every example takes, and what it makes.

Run with `make bench` (or `.venv/bin/python benchmarks/run.py [--runs N] [--target]`; `--target` times only the
low-back build the speed target is about). Each run is a fresh process, as a user's command is, building into a
fresh temporary folder. Prints wall times (best and median), the time a bare
import takes, the pages and bytes of each PDF, and a batch of 50 and 200 clients' own booklets (PDFs per second
and peak memory of the main process and of a worker). Figures only: nothing here passes or fails.
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


def reference() -> float:
    """How fast the machine is just now: a fixed pure-Python loop (best of 3), to read the other figures by.
    This machine is shared, and the same work can take half as long again at a busy moment."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        total = 0
        for i in range(1_000_000):
            total += i * i
        best = min(best, time.perf_counter() - start)
    return best


def describe(times: list[float]) -> str:
    return f"best {min(times) * 1000:7.0f} ms   median {statistics.median(times) * 1000:7.0f} ms   ({len(times)} runs)"


FIGURES = """
import io, time, sys
from reportlab.pdfgen.canvas import Canvas
from handouts.core.errors import Collector
from handouts.reading.library import load_library
from handouts.figures.art import figure_art, fit
from handouts.layouts.figurebox import draw_art
from handouts.layouts.styles import FIGURE_BOXES
from handouts.pipeline.products import pose_sheet_pdf
library = load_library(None, Collector())
figures = [p.figure for p in library.poses.values() if p.figure is not None]
box = FIGURE_BOXES["booklet"]
times, sheets = [], []
for run in range(int(sys.argv[1])):
    start = time.perf_counter()
    canvas = Canvas(io.BytesIO(), pagesize=box, invariant=1)
    for figure in figures:
        art = figure_art(figure)
        for side in (art, art.mirrored()):
            draw_art(canvas, fit(side, *box))
            canvas.showPage()
    canvas.save()
    times.append(time.perf_counter() - start)
    start = time.perf_counter()
    sheet = pose_sheet_pdf(library)
    sheets.append(time.perf_counter() - start)
print(len(figures), min(times), sorted(times)[len(times) // 2], min(sheets), len(sheet))
"""


def figures(runs: int) -> str:
    """Drawing every library figure for both sides (skeleton, art, fit, PDF paths), in one warm process."""
    out = subprocess.run(
        [sys.executable, "-c", FIGURES, str(runs)], check=True, cwd=ROOT, capture_output=True, text=True
    ).stdout.split()
    count, best, median, sheet, size = int(out[0]), float(out[1]), float(out[2]), float(out[3]), int(out[4])
    return (
        f"figures (warm process)\n"
        f"  draw all {count} figures, both sides   best {best * 1000:7.1f} ms   median {median * 1000:7.1f} ms"
        f"   ({best / (2 * count) * 1e6:.0f} us per figure)\n"
        f"  pose sheet PDF             best {sheet * 1000:7.0f} ms   {size / 1024:.1f} KB"
    )


def synthetic_workspace(folder: Path, steps: int) -> Path:
    """A workspace with one sequence of `steps` steps, cycling through the built-in poses (no studio.yaml)."""
    sys.path.insert(0, str(ROOT))
    from handouts.core.errors import Collector
    from handouts.reading.library import load_library

    poses = sorted(load_library(None, Collector()).poses)
    holds = ["5 breaths", "30 s", "10 reps", "3 x 20 s", "5 circles each way"]
    lines = [f"title: {steps} steps", "steps:"]
    for i in range(steps):
        lines += [f"  - pose: {poses[i % len(poses)]}", f"    hold: {holds[i % len(holds)]}"]
    (folder / "sequences").mkdir(parents=True)
    (folder / "sequences" / f"steps-{steps}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def photo_workspace(folder: Path, photos: int = 10) -> Path:
    """A workspace with one sequence of `photos` steps, each with its own 4000 x 3000 JPEG made here."""
    from PIL import Image

    (folder / "images").mkdir(parents=True)
    (folder / "sequences").mkdir()
    lines = ["title: Photos", "steps:"]
    for i in range(photos):
        base = Image.linear_gradient("L").resize((4000, 3000)).convert("RGB")
        grain = Image.effect_noise((4000, 3000), 12 + i).convert("RGB")
        tint = Image.new("RGB", (4000, 3000), (120 + 10 * i, 90, 160 - 8 * i))
        Image.blend(Image.blend(base, tint, 0.5), grain, 0.15).save(folder / "images" / f"photo{i}.jpg", quality=88)
        lines += ["  - pose: mountain", "    hold: 5 breaths", f"    image: photo{i}.jpg"]
    (folder / "sequences" / "photos.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def photos(handouts: list[str], scratch: Path) -> str:
    """Ten 4000 x 3000 photos: booklet size per profile, and a cold build against a cached rebuild."""
    workspace = photo_workspace(scratch / "photos")
    lines = ["ten 4000 x 3000 photos (booklet only)"]
    for profile in ("email", "print"):
        out = scratch / f"photos-{profile}"
        command = [
            *handouts,
            "build",
            "-C",
            str(workspace),
            "--format",
            "booklet",
            "--no-impose",
            "--images",
            profile,
            "--out",
            str(out),
        ]
        cold = timed(command)
        cached = min(timed(command) for _ in range(3))
        size = (out / "photos" / "booklet.pdf").stat().st_size
        lines.append(
            f"  {profile:6} profile   cold {cold * 1000:6.0f} ms   cached {cached * 1000:6.0f} ms   "
            f"{size / 1024 / 1024:5.2f} MB"
        )
    return "\n".join(lines)


CLIENTS = """
import resource, sys, time
from pathlib import Path
from handouts.clients.making import build_clients
from handouts.reading.workspace import Workspace
ws, count = Path(sys.argv[1]), int(sys.argv[2])
start = time.perf_counter()
_, jobs, written = build_clients(Workspace(ws), ws / "clients.yaml", ws / "build", date=None)
took = time.perf_counter() - start
status = Path("/proc/self/status").read_text()  # VmHWM: this process's peak (ru_maxrss counts the parent's)
mine = int(status.split("VmHWM:")[1].split()[0]) / 1024
workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(len(written), took, mine, workers)
"""


def roster_workspace(folder: Path, clients: int) -> Path:
    """The examples with a roster of `clients` clients, each with a booklet (figures) and a note of their own;
    every third leaves a step out, every fifth has an easier variation chosen, a few are German or French."""
    import shutil

    folder.mkdir(parents=True)
    for name in ("sequences", "poses", "images"):
        shutil.copytree(ROOT / name, folder / name)
    shutil.copy(ROOT / "studio.yaml", folder / "studio.yaml")
    lines = ["clients:"]
    for n in range(clients):
        lines += [
            f"  - name: Client {n:03d}",
            f"    email: client{n:03d}@example.org",
            "    handouts: [low-back-release]",
            f"    notes: [Note {n} for this client only.]",
        ]
        if n % 3 == 0:
            lines.append("    leave_out: [supine-twist]")
        if n % 5 == 0:
            lines.append("    easier: [reclined-figure-four]")
        if n % 7 == 0:
            lines.append("    language: " + ("de" if n % 2 else "fr"))
    (folder / "clients.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def clients(scratch: Path, sizes=(50, 200)) -> str:
    """A batch of personalised booklets: PDFs per second and peak memory, for two roster sizes."""
    out = ["clients' booklets (low-back-release, figures), build --clients in one process, both cores"]
    for count in sizes:
        ws = roster_workspace(scratch / f"roster{count}", count)
        result = subprocess.run(
            [sys.executable, "-c", CLIENTS, str(ws), str(count)], check=True, capture_output=True, text=True, cwd=ROOT
        )
        made, took, mine, workers = result.stdout.split()
        size = sum(p.stat().st_size for p in (ws / "build" / "clients").rglob("*.pdf")) / int(made)
        out.append(
            f"  {count:4d} clients  {int(made):4d} PDFs in {float(took):5.2f} s = "
            f"{int(made) / float(took):5.1f} PDFs/s ({float(took) / int(made) * 1000:4.1f} ms each)   "
            f"peak memory: main {float(mine):5.0f} MB, a worker {float(workers):5.0f} MB   "
            f"average PDF {size / 1024:5.1f} KB"
        )
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--target",
        action="store_true",
        help="only the target: a cold build of low-back-release (booklet, print file, cheat sheet), "
        "20 runs unless --runs says otherwise",
    )
    args = parser.parse_args()
    python = sys.executable
    # the command users run: the `handouts` script beside this Python (python -m handouts where there is none)
    script = Path(python).parent / "handouts"
    handouts = [str(script)] if script.exists() else [python, "-m", "handouts"]
    print(f"machine reference: a fixed Python loop takes {reference() * 1000:.0f} ms now (lower is a quieter machine)")
    if args.target:
        runs = args.runs if "--runs" in sys.argv else 20
        with tempfile.TemporaryDirectory() as scratch:
            times = [
                timed([*handouts, "build", "low-back-release", "--out", str(Path(scratch) / f"run{run}")])
                for run in range(runs)
            ]
        print(f"  build low-back-release {describe(times)}   (booklet + print file + cheat sheet; target 400 ms)")
        print(f"machine reference afterwards: {reference() * 1000:.0f} ms")
        return

    imports = [timed([python, "-c", "import handouts.pipeline.run"]) for _ in range(args.runs)]
    builds, checks, lowback, big = [], [], [], []
    cheats: dict[int, list[float]] = {10: [], 30: []}
    with tempfile.TemporaryDirectory() as scratch:
        synthetic = synthetic_workspace(Path(scratch) / "synthetic", steps=40)
        cheat_spaces = {n: synthetic_workspace(Path(scratch) / f"cheat{n}", steps=n) for n in cheats}
        for run in range(args.runs):
            out = Path(scratch) / f"run{run}"
            builds.append(timed([*handouts, "build", "--out", str(out)]))
            checks.append(timed([*handouts, "check"]))
            lowback.append(
                timed([*handouts, "build", "low-back-release", "--out", str(Path(scratch) / f"lowback{run}")])
            )
            big.append(timed([*handouts, "build", "-C", str(synthetic), "--out", str(Path(scratch) / f"big{run}")]))
            for n, times in cheats.items():
                times.append(
                    timed(
                        [
                            *handouts,
                            "build",
                            "-C",
                            str(cheat_spaces[n]),
                            "--format",
                            "cheatsheet",
                            "--out",
                            str(Path(scratch) / f"cheat{n}-{run}"),
                        ]
                    )
                )
        from pypdf import PdfReader

        pdfs = sorted((Path(scratch) / "run0").rglob("*.pdf"))
        print("cold process, all examples in sequences/")
        print(f"  import handouts        {describe(imports)}")
        print(f"  handouts check         {describe(checks)}")
        print(f"  handouts build         {describe(builds)}")
        print(f"  build low-back-release {describe(lowback)}   (booklet + print file + cheat sheet)")
        print(f"  build 40-step booklet  {describe(big)}   (booklet + print file + cheat sheet)")
        for n, times in cheats.items():
            print(f"  cheat sheet, {n} steps  {describe(times)}")
        print(figures(args.runs))
        print(photos(handouts, Path(scratch)))
        print(clients(Path(scratch)))
        print(f"machine reference afterwards: {reference() * 1000:.0f} ms")
        print("output")
        for pdf in pdfs + sorted((Path(scratch) / "big0").rglob("*.pdf")):
            pages = len(PdfReader(pdf).pages)
            shown = pdf.relative_to(pdf.parents[1])
            print(f"  {shown!s:42} {pages:3d} pages {pdf.stat().st_size / 1024:8.1f} KB")


if __name__ == "__main__":
    main()
