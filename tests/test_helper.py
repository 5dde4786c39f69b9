"""The build's helper process: jobs come back in order, bad input as problems, failures as faults, and the
output is the same byte for byte with or without it."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import ROOT, snapshot

from handouts.core.errors import HandoutError, Location, Problem
from handouts.pipeline.helper import Helper


def square(n: int) -> int:
    return n * n


def refuse(name: str) -> None:
    raise HandoutError(Problem(Location(name, 3, 1), "not today", "try tomorrow"))


def crash() -> None:
    raise ZeroDivisionError("boom")


def wait_for(path: str) -> str:
    """A busy helper: it waits (up to 20 s) until the test makes `path`."""
    import time

    for _ in range(2000):
        if os.path.exists(path):
            return "seen"
        time.sleep(0.01)
    return "gave up"


def test_a_large_job_does_not_hold_up_the_main_process_while_the_helper_is_busy(tmp_path):
    """The booklet sent to be imposed is larger than a pipe holds: submitting it must return at once, while the
    helper is still busy with the job before (the main process then makes the how-to-print sheet)."""
    helper = Helper(True)
    if not helper.forked:
        pytest.skip("no fork, or one core: jobs run in this process")
    flag = tmp_path / "go"
    helper.submit(wait_for, str(flag))
    helper.submit(len, bytes(2_000_000))  # had submit waited for the helper to read this, the flag never came
    flag.touch()
    assert helper.finish() == [("ok", "seen"), ("ok", 2_000_000)]


@pytest.mark.parametrize("use_fork", [True, False], ids=["forked", "here"])
def test_jobs_come_back_in_order_with_problems_and_faults(use_fork):
    helper = Helper(use_fork)
    for n in range(20):
        helper.submit(square, n)
    helper.submit(refuse, "s.yaml")
    helper.submit(crash)
    helper.submit(square, bytes(300_000).count(0))  # large enough to fill a pipe both ways
    results = helper.finish()
    assert results[:20] == [("ok", n * n) for n in range(20)]
    kind, problems = results[20]
    assert kind == "problems" and str(problems[0]) == "s.yaml:3:1: not today; try tomorrow"
    assert results[21][0] == "fault" and "ZeroDivisionError: boom" in results[21][1]
    assert results[22] == ("ok", 300_000**2)


def test_the_output_is_the_same_with_and_without_the_helper(tmp_path):
    folders = []
    for helper in ("1", "0"):
        out = tmp_path / f"helper-{helper}"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "handouts",
                "build",
                "--out",
                str(out),
                "--format",
                "booklet",
                "--format",
                "cheatsheet",
                "--format",
                "matcard",
            ],
            check=True,
            cwd=ROOT,
            env={**os.environ, "HANDOUTS_HELPER": helper},
            capture_output=True,
        )
        folders.append({name: digest for name, digest in snapshot(out).items() if not name.startswith(".cache")})
    assert folders[0] == folders[1] and len(folders[0]) == 15


def leave() -> None:
    os._exit(3)


def test_a_helper_that_dies_gives_faults_and_no_traceback(capfd):
    """Jobs queued after the helper died (a large one among them) come back as faults; the thread that sends
    them stops quietly, and a job that cannot be pickled fails when submitted."""
    helper = Helper(True)
    if not helper.forked:
        pytest.skip("no fork, or one core: jobs run in this process")
    with pytest.raises(Exception, match="pickle"):
        helper.submit(len, lambda: 1)
    helper.submit(leave)
    helper.submit(len, bytes(2_000_000))
    helper.submit(square, 3)
    results = helper.finish()
    assert [kind for kind, _ in results] == ["fault"] * 3
    assert "Traceback" not in capfd.readouterr().err


def test_finish_answers_once_every_result_is_back_and_the_helper_is_then_reaped():
    """`finish` does not wait for the helper's own ending, but the ended helper is reaped (no zombie left)."""
    helper = Helper(True)
    if not helper.forked:
        pytest.skip("no fork, or one core: jobs run in this process")
    helper.submit(square, 7)
    assert helper.finish() == [("ok", 49)]
    helper.reader.join(timeout=20)
    assert not helper.reader.is_alive()
    with pytest.raises(ChildProcessError):  # reaped already: no child of that number is left to wait for
        os.waitpid(helper.pid, os.WNOHANG)
