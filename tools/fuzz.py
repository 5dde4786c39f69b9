"""`make fuzz`: many generated and mutated workspaces through the property of tests/fuzzing (check reports
located errors, exit 2, or build and the mail drafts succeed), on every core.

Each case is made from its seed alone (`--seed N --cases 1` makes it again) and runs in a forked child of a
worker, in its own process group, with a memory limit; a child still running after its time is killed and
counted as a hang. Every case runs `check`; a share of those check passes (--build-share, default 0.1) goes on
through the build of every product, the clients' build and the mail drafts.

Prints the count of each outcome and, for each class of failure, the smallest example, saved under
build/fuzz/<class>/ (the workspace's files, and case.txt: seed, mutations, command, exit code, stderr line).
Exits 1 when any case failed.

    .venv/bin/python tools/fuzz.py [--cases 10000] [--seed 0] [--jobs N] [--build-share 0.1]
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
import re
import resource
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from fuzzing import make_case, run_case  # noqa: E402
from fuzzing.check import BUILD_SECONDS, CHECK_SECONDS, Outcome  # noqa: E402
from fuzzing.mutate import Link  # noqa: E402

MEMORY = 2 * 1024**3  # bytes of address space a case may take
_SETTINGS: dict = {}


def _case(seed: int) -> tuple[dict, list[str]]:
    rng = random.Random(seed)
    return make_case(rng, None) if not _SETTINGS.get("devices") else _devices_case(rng)


def _devices_case(rng: random.Random):
    from fuzzing.generate import workspace
    from fuzzing.mutate import mutate

    return mutate(workspace(rng), rng, rng.choice((0, 1, 1, 1, 2, 2, 3)), devices=True)


def _child(seed: int, folder: Path, full: bool, write: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    files, _ = _case(seed)
    outcome = run_case(files, folder, full=full).__dict__
    outcome["line"] = outcome["line"][:1000]
    os.write(write, json.dumps(outcome).encode())


def _start(seed: int) -> dict:
    """Fork the child that runs case `seed`, in its own process group."""
    full = random.Random(seed ^ 0x5EED).random() < _SETTINGS["build_share"]
    folder = Path(_SETTINGS["scratch"]) / f"case-{seed}"
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.setpgid(0, 0)
        os.close(read)
        code = 0
        try:
            _child(seed, folder, full, write)
        except BaseException as exc:
            os.write(write, json.dumps(Outcome("fuzzer error", "", None, repr(exc)[:300]).__dict__).encode())
            code = 1
        os._exit(code)
    os.close(write)
    return {
        "seed": seed,
        "pid": pid,
        "read": read,
        "folder": folder,
        "started": time.monotonic(),
        "limit": CHECK_SECONDS + (BUILD_SECONDS if full else 0) + 2,
    }


def _finish(job: dict, killed: bool) -> dict:
    data = b""
    if not killed:
        chunks = []
        while chunk := os.read(job["read"], 65536):
            chunks.append(chunk)
        data = b"".join(chunks)
    os.close(job["read"])
    try:  # the case's helper or batch workers, if any are left
        os.killpg(job["pid"], signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    shutil.rmtree(job["folder"], ignore_errors=True)
    if data:
        return json.loads(data)
    return Outcome("hang", f"(killed after {job['limit']:.0f} s)", None, "no answer; killed").__dict__


def run_all(seeds, jobs: int):
    """(seed, outcome) for every seed, `jobs` cases at a time, each in its own forked child."""
    # one clean case checked here first: the modules, the pose library and the fonts are loaded once, and every
    # forked child starts warm (a cold child takes twice as long for its check)
    files, _ = make_case(random.Random(0), 0)
    run_case(files, Path(_SETTINGS["scratch"]) / "warm-up", full=False)
    pending, running = list(seeds)[::-1], {}
    while pending or running:
        while pending and len(running) < jobs:
            job = _start(pending.pop())
            running[job["pid"]] = job
        pid, _ = os.waitpid(-1, os.WNOHANG)
        if pid in running:
            job = running.pop(pid)
            yield job["seed"], _finish(job, killed=False)
            continue
        now = time.monotonic()
        for pid, job in list(running.items()):
            if now - job["started"] > job["limit"]:
                try:
                    os.killpg(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                os.waitpid(pid, 0)
                del running[pid]
                yield job["seed"], _finish(job, killed=True)
        time.sleep(0.002)


def signature(outcome: dict) -> str:
    """The class of a failure: its kind and the shape of its message (numbers, quotes and paths left out)."""
    kind, line, command = outcome["kind"], outcome["line"], outcome["command"].split(" ")[0]
    if kind == "exit 1":
        match = re.search(r"internal error: (\w+): ?(.*)", line)
        text = f"{match.group(1)}: {match.group(2)}" if match else line
    elif kind == "unlocated":
        if "over several lines" in line:
            text = "a message over several lines"
        elif re.match(r"^[^\s:][^:]*:\d+:\d+: ", line):
            text = "control character in the message: " + line.split(": ", 2)[-1]
        else:
            text = "no line:col: " + re.sub(r"^[^:]*: ", "", line)
    else:
        text = line
    text = re.sub(r"'[^']*'|\"[^\"]*\"|\d+(\.\d+)?|0x[0-9A-Fa-f]+|<[^>]*>", "_", text)
    text = re.sub(r"[^\w .;:,()_-]", "", text)
    return f"{kind} | {command} | {' '.join(text.split()[:9])}"


def save(folder: Path, seed: int, outcome: dict, mutations: list[str]) -> None:
    files, mutations = _case(seed)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for name, content in files.items():
        path = folder / "ws" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Link):
            os.symlink(str(content), path)
        else:
            path.write_bytes(content)
    (folder / "case.txt").write_text(
        f"seed: {seed}\nmutations:\n"
        + "".join(f"  - {m}\n" for m in mutations)
        + f"outcome: {outcome['kind']}\ncommand: handouts {outcome['command']}\nexit code: {outcome['code']}\n"
        f"stderr: {outcome['line']}\nseconds: {outcome['seconds']:.2f}\n"
        f"again: .venv/bin/python tools/fuzz.py --seed {seed} --cases 1\n",
        encoding="utf-8",
    )


def _size(seed: int) -> int:
    files, _ = _case(seed)
    return sum(len(c) for c in files.values())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0, help="the first seed (cases take seed, seed+1, ...)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--build-share",
        type=float,
        default=0.1,
        help="the share of check passes that go on to build and mail (default 0.1; 1 for all)",
    )
    parser.add_argument("--devices", action="store_true", help="also link images and sequences to /dev/zero")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "fuzz")
    args = parser.parse_args()
    scratch = tempfile.mkdtemp(prefix="handouts-fuzz-")
    _SETTINGS.update(build_share=args.build_share, scratch=scratch, devices=args.devices)
    counts: collections.Counter = collections.Counter()
    classes: dict[str, list[tuple[int, dict]]] = collections.defaultdict(list)
    built = 0
    start = time.monotonic()
    seeds = range(args.seed, args.seed + args.cases)
    if True:
        for i, (seed, outcome) in enumerate(run_all(seeds, args.jobs), 1):
            counts[outcome["kind"]] += 1
            built += outcome["kind"] == "ok" and outcome["command"] == ""
            if outcome["kind"] not in ("ok", "located"):
                classes[signature(outcome)].append((seed, outcome))
            if i % 500 == 0 or i == args.cases:
                print(
                    f"  {i} cases, {time.monotonic() - start:.0f} s: "
                    + ", ".join(f"{k} {v}" for k, v in counts.most_common()),
                    file=sys.stderr,
                    flush=True,
                )
    shutil.rmtree(scratch, ignore_errors=True)
    elapsed = time.monotonic() - start
    print(
        f"{args.cases} cases (seeds {args.seed}-{args.seed + args.cases - 1}) in {elapsed:.0f} s on "
        f"{args.jobs} processes"
    )
    for kind in (
        "ok",
        "located",
        "exit 1",
        "unlocated",
        "check ok, then exit 2",
        "hang",
        "crash",
        "other exit",
        "fuzzer error",
    ):
        extra = f" ({built} of them built and mailed)" if kind == "ok" else ""
        print(f"  {kind:24} {counts.get(kind, 0):6}{extra}")
    if classes:
        shutil.rmtree(args.out, ignore_errors=True)
        print(
            f"\n{len(classes)} classes of failure; the smallest example of each is under "
            f"{args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}/:"
        )
        for n, (name, cases) in enumerate(sorted(classes.items(), key=lambda kv: -len(kv[1])), 1):
            seed, outcome = min(cases[:50], key=lambda c: _size(c[0]))
            folder = args.out / f"{n:02d}"
            save(folder, seed, outcome, [])
            print(
                f"  {n:02d}  {len(cases):5} x  {name}\n       seed {seed}: handouts {outcome['command']} -> "
                f"exit {outcome['code']}: {outcome['line'][:200]}"
            )
    return 1 if classes else 0


if __name__ == "__main__":
    sys.exit(main())
