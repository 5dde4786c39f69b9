"""Test cases as folders: tests/cases/<name>/ is a small workspace with the expected outcome beside it.

- expected_error.txt: `handouts build` and `handouts check` exit 2 with exactly these lines on stderr, and a
  build/ folder that was there before is left byte-for-byte as it was. An optional args.txt holds more
  arguments for both commands, one a line (e.g. `--clients` and `clients.yaml` for a roster's case). A case
  whose error shows only with a roster or in the mail lists its commands in commands.txt instead, one a line
  (`check --clients clients.yaml`, `mail --clients clients.yaml`); each exits 2 with these lines (the summary's
  "; nothing was written" is build's alone).
- expected_plan.txt: the steps are done in exactly this order, one line per time a step is done
  ("<label> <side or ->", with "again" for a repeat).
"""

from __future__ import annotations

import shutil

import pytest
from conftest import CASES, snapshot

from handouts.pipeline.loading import load_workspace
from handouts.reading.workspace import Workspace

ERROR_CASES = sorted(p for p in CASES.iterdir() if (p / "expected_error.txt").exists())
PLAN_CASES = sorted(p for p in CASES.iterdir() if (p / "expected_plan.txt").exists())


def test_there_are_enough_bad_input_cases():
    assert len(ERROR_CASES) >= 15


@pytest.mark.parametrize("case", ERROR_CASES, ids=lambda p: p.name)
def test_bad_input_is_reported_and_nothing_is_written(case, tmp_path, run):
    workspace = tmp_path / "ws"
    shutil.copytree(case, workspace)
    build = workspace / "build"
    (build / "earlier").mkdir(parents=True)
    (build / "earlier" / "booklet.pdf").write_bytes(b"%PDF- an earlier, good build")
    before = snapshot(build)
    expected = (case / "expected_error.txt").read_text(encoding="utf-8")
    args = (case / "args.txt").read_text(encoding="utf-8").split("\n") if (case / "args.txt").exists() else []
    args = [arg for arg in args if arg]

    for command in _commands(case, args):
        result = run(*command, workspace=workspace)
        assert result.code == 2, command
        if command[0] == "build":
            assert result.err == expected
            assert result.out == ""
        else:
            problems, summary = expected.rstrip("\n").rsplit("\n", 1)
            assert result.err == problems + "\n" + summary.replace("; nothing was written", "") + "\n", command
        assert snapshot(build) == before, command


def _commands(case, args: list[str]) -> list[list[str]]:
    listed = case / "commands.txt"
    if not listed.exists():
        return [["build", *args], ["check", *args]]
    return [line.split() for line in listed.read_text(encoding="utf-8").splitlines() if line.strip()]


def _performances(case) -> list[str]:
    (plan,) = load_workspace(Workspace(case), []).plans
    return [f"{p.label} {p.side.value if p.side else '-'}" + (" again" if p.repeat else "") for p in plan.performances]


@pytest.mark.parametrize("case", PLAN_CASES, ids=lambda p: p.name)
def test_steps_are_done_in_the_expected_order(case):
    expected = (case / "expected_plan.txt").read_text(encoding="utf-8").split("\n")
    assert _performances(case) == [line for line in expected if line]
