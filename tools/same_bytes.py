"""Are the outputs byte-identical to another checkout's? Every example built by both, every file compared.

    python tools/same_bytes.py BASE [--photos DIR] [--keep DIR]

BASE is another checkout of handouts (e.g. `git worktree add --detach /tmp/base main`). Each tree builds, in a
fresh copy of this repository's examples (sequences/, poses/, images/, studio.yaml, clients.yaml): every
sequence in every language with every format and the print file, on A4 and on letter, in grayscale, with the
e-mail image profile, and every client of clients.yaml (`build --clients`); then the files are compared. With
`--photos DIR` (a workspace such as the peers' one, its photos in DIR/images), its sequences are built too.
Prints each differing file and exits 1 when any differs; `.cache/` is not compared (its names are the image
stage's own).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = (
    "sequences",
    "poses",
    "images",
    "labels",
    "mail",
    "studio.yaml",
    "studio.de.yaml",
    "studio.es.yaml",
    "studio.fr.yaml",
    "clients.yaml",
)
RUNS = (
    [
        "build",
        "--format",
        "booklet",
        "--format",
        "cheatsheet",
        "--format",
        "matcard",
        "--impose",
        "--language",
        "en,de,es,fr",
    ],
    [
        "build",
        "--paper",
        "letter",
        "--format",
        "booklet",
        "--format",
        "cheatsheet",
        "--impose",
        "--grayscale",
        "--images",
        "email",
    ],
    ["build", "--clients", "clients.yaml", "--date", "2026-12-01"],
)


def _copy(source: Path, target: Path, names=EXAMPLES) -> None:
    target.mkdir(parents=True)
    for name in names:
        if (source / name).is_dir():
            shutil.copytree(source / name, target / name, ignore=shutil.ignore_patterns("build"))
        elif (source / name).is_file():
            shutil.copy2(source / name, target / name)


def build(tree: Path, workspace: Path, out: Path, photos: bool) -> dict[str, str]:
    """Every run of RUNS (the photos' workspace: a plain build) into `out`: relative path -> sha256."""
    env = dict(os.environ, PYTHONPATH=str(tree))
    runs = (
        [
            ["build", "--format", "booklet", "--format", "cheatsheet", "--format", "matcard", "--impose"],
            ["build", "--images", "email", "--format", "booklet", "--no-impose"],
        ]
        if photos
        else RUNS
    )
    for i, args in enumerate(runs):
        command = [  # -P: the tree on PYTHONPATH is imported, never a handouts/ in the folder this runs in
            sys.executable,
            "-P",
            "-m",
            "handouts",
            *args[:1],
            "-C",
            str(workspace),
            *args[1:],
            "--out",
            str(out / str(i)),
        ]
        done = subprocess.run(command, env=env, capture_output=True, text=True)
        if done.returncode:
            sys.exit(f"{' '.join(command)} failed in {tree}:\n{done.stderr[-3000:]}")
    return {
        str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(out.rglob("*"))
        if p.is_file() and ".cache" not in p.parts
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("base", type=Path, help="the other checkout (its handouts/ is imported)")
    ap.add_argument("--photos", type=Path, help="also a workspace with photos (e.g. the peers' one)")
    ap.add_argument("--keep", type=Path, help="build here and keep the outputs (default: a temporary folder)")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="same-bytes-"))
    differ = 0
    sets = [("examples", ROOT, False)] + ([("photos", args.photos, True)] if args.photos else [])
    for label, source, photos in sets:
        names = [p.name for p in source.iterdir()] if photos else EXAMPLES
        found = {}
        for side, tree in (("base", args.base.resolve()), ("this", ROOT)):
            workspace = work / label / side / "workspace"
            _copy(source, workspace, names)
            found[side] = build(tree, workspace, work / label / side / "out", photos)
        paths = sorted(set(found["base"]) | set(found["this"]))
        changed = [p for p in paths if found["base"].get(p) != found["this"].get(p)]
        for path in changed:
            print(
                f"{label}: {path} differs"
                if path in found["base"] and path in found["this"]
                else f"{label}: {path} only in {'base' if path in found['base'] else 'this tree'}"
            )
        print(f"{label}: {len(paths) - len(changed)} of {len(paths)} files byte-identical")
        differ += len(changed)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
