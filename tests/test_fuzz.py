"""The fuzz property on a fixed-seed slice (issue 14): for generated and mutated workspaces (sequences, pose
files, studio.yaml, label tables, rosters, mail templates, photos), `handouts check` either reports located
errors (exit 2, every line `path:line:col: ...`) or the build of every product, the clients' build and the mail
drafts succeed: never exit 1, never an uncaught exception, never a hang.

The slice is the same on every run (derandomized); `make fuzz` runs 10,000 cases and saves an example of every
failure. A failing case is made again from its seed: `.venv/bin/python tools/fuzz.py --seed SEED --cases 1`.
"""

from __future__ import annotations

import random

from fuzzing import make_case, run_case
from fuzzing.check import unlocated_line
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

SLICE = 240  # cases: about a minute on a two-core machine (most stop at check; one that passes builds and mails)


@settings(
    max_examples=SLICE,
    derandomize=True,
    deadline=None,
    database=None,
    phases=(Phase.explicit, Phase.generate),  # a seed does not shrink: the case is reported as it is
    suppress_health_check=list(HealthCheck),
)
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_check_reports_located_errors_or_everything_builds(seed, tmp_path_factory):
    files, mutations = make_case(random.Random(seed))
    outcome = run_case(files, tmp_path_factory.mktemp("fuzz"))
    assert not outcome.failed, (
        f"seed {seed}: {outcome.kind} after {outcome.seconds:.1f} s\n"
        f"  mutations: {'; '.join(mutations) or 'none'}\n"
        f"  handouts {outcome.command} -> exit {outcome.code}\n  {outcome.line[:500]}\n"
        f"  again (saved under build/fuzz/): .venv/bin/python tools/fuzz.py --seed {seed} --cases 1"
    )


# -- the rule the property applies to a failed check's stderr ------------------------------------------------------
def test_located_errors_and_their_count_keep_the_rule():
    err = (
        "sequences/s.yaml:3:9: hold: unknown unit 'breths' in the hold; did you mean 'breaths'?\n"
        "sequences/s.yaml:2:11: warning: the steps add up to about 3 min, but the sequence says 60 min\n"
        "labels/it.yaml: warning: the English labels have no about_minutes; printed in English\n"
        "clients.yaml:4:12: email: 'ann' is not an e-mail address; write it as name@example.org\n"
        "2 errors in 2 files\n"
    )
    assert unlocated_line(err) is None


def test_an_error_without_line_and_column_breaks_the_rule():
    err = (
        "studio.yaml: YAML error: unacceptable character #x0000: special characters are not allowed\n"
        "1 error in 1 file\n"
    )
    assert (
        unlocated_line(err) == "studio.yaml: YAML error: unacceptable character #x0000: special characters "
        "are not allowed"
    )


def test_a_message_over_two_lines_breaks_the_rule():
    err = "sequences/s.yaml:4:7: title: 'Morning\nstretch' is too long; shorten it\n1 error in 1 file\n"
    assert (
        unlocated_line(err) == "sequences/s.yaml:4:7: title: 'Morning\\nstretch' is too long; shorten it "
        "(a message over several lines)"
    )


def test_a_problem_with_a_folder_has_no_line_to_point_at(tmp_path):
    (tmp_path / "sequences").mkdir()
    (tmp_path / "studio.yaml").write_text("paper: a4\n")
    err = "sequences: no sequence files found; run 'handouts new NAME' to start one\n1 error in 1 file\n"
    assert unlocated_line(err, tmp_path) is None
    err = (
        "studio.yaml: YAML error: unacceptable character #x0007: special characters are not allowed\n"
        "1 error in 1 file\n"
    )
    assert (
        unlocated_line(err, tmp_path) == "studio.yaml: YAML error: unacceptable character #x0007: special "
        "characters are not allowed"
    )


def test_a_missing_folder_after_a_located_error_keeps_the_rule(tmp_path):
    """The roster's problems and the workspace's come together: a folder that is not there may follow a line."""
    err = (
        "clients.yaml:2:3: expected client (key: value lines), found a list; a client takes the keys: name\n"
        "sequences: no sequence files found; run 'handouts new NAME' to start one, or name a file\n"
        "2 errors in 2 files\n"
    )
    assert unlocated_line(err, tmp_path) is None
    err = "clients.yaml:2:3: a client's name 'Ann\nBcc: x' is odd\n2 errors in 1 file\n"
    assert unlocated_line(err, tmp_path) == (
        "clients.yaml:2:3: a client's name 'Ann\\nBcc: x' is odd (a message over several lines)"
    )


def test_a_control_character_in_a_message_breaks_the_rule():
    line = "sequences/s.yaml:4:9: side: unknown side 'l\x00eft'; did you mean 'left'?"
    assert unlocated_line(line + "\n1 error in 1 file\n") == line


def test_a_count_that_does_not_match_the_lines_breaks_the_rule():
    err = "sequences/s.yaml:4:9: side: unknown side 'up'; use one of: both, none\n2 errors in 1 file\n"
    assert unlocated_line(err) == "2 errors in 1 file (but 1 error lines: a message ran over several lines)"


def test_a_traceback_breaks_the_rule():
    err = 'Traceback (most recent call last):\n  File "x.py", line 1\nValueError: x\n'
    assert unlocated_line(err) == "ValueError: x"
