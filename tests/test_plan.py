"""The plan as data: numbering, series, repeats, timing and the lint warnings of `handouts check`."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT

from handouts.core.model import Side, SideMode
from handouts.pipeline.loading import load_workspace
from handouts.plan.planner import PlannedSeries
from handouts.reading.workspace import Workspace


@pytest.fixture(scope="module")
def low_back():
    (plan,) = load_workspace(Workspace(ROOT), ["low-back-release"]).plans
    return plan


def test_low_back_has_ten_numbered_steps_with_the_series_as_sub_steps(low_back):
    assert low_back.labels == ("1", "2", "3", "4", "5a", "5b", "5c", "6", "7", "8")
    series = [item for item in low_back.items if isinstance(item, PlannedSeries)]
    assert len(series) == 1 and series[0].span == ("5a", "5c")
    assert [s.label for s in series[0].steps] == ["5a", "5b", "5c", "5a"]
    assert series[0].steps[-1].repeat_of == "5a"


def test_low_back_repeat_keeps_the_pose_but_has_its_own_hold(low_back):
    first, *_, again = [s for s in low_back.steps if s.label == "5a"]
    assert again.name == first.name and again.pose_id == first.pose_id
    assert first.hold.breaths.low == 5 and again.hold.breaths.low == 3


def test_low_back_estimate_is_within_a_quarter_of_the_stated_30_minutes(low_back):
    assert low_back.sequence.duration.low == 30
    assert 0.75 * 30 <= low_back.seconds / 60 <= 1.25 * 30
    assert low_back.warnings == ()


def test_a_two_sided_step_counts_twice(low_back):
    twist = next(s for s in low_back.steps if s.label == "3")
    assert twist.mode is SideMode.BOTH and twist.order == (Side.RIGHT, Side.LEFT)
    timing = low_back.sequence.timing
    assert twist.seconds == 2 * (5 * timing.breath + timing.setup)
    assert sum(p.seconds for p in low_back.performances) == pytest.approx(low_back.seconds)


def _workspace(tmp_path: Path, text: str) -> Workspace:
    (tmp_path / "sequences").mkdir()
    (tmp_path / "sequences" / "s.yaml").write_text(text, encoding="utf-8")
    return Workspace(tmp_path)


def test_estimate_far_from_the_stated_duration_is_a_warning(tmp_path, run):
    workspace = _workspace(tmp_path, "title: T\nduration: 45 min\nsteps:\n  - pose: bridge\n    hold: 5 breaths\n")
    (plan,) = load_workspace(workspace, []).plans
    assert [(str(w.location), w.message) for w in plan.warnings] == [
        ("sequences/s.yaml:2:11", "the steps add up to about 1 min, but the sequence says 45 min")
    ]
    result = run("check", workspace=tmp_path)
    assert result.code == 0
    assert "sequences/s.yaml:2:11: warning: the steps add up to about 1 min" in result.err


def test_custom_timing_changes_the_estimate(tmp_path):
    workspace = _workspace(
        tmp_path, "title: T\ntiming: {breath: 6, setup: 0}\nsteps:\n  - pose: supine-twist\n    hold: 5 breaths\n"
    )
    (plan,) = load_workspace(workspace, []).plans
    assert plan.seconds == 2 * 5 * 6


def test_more_than_twenty_steps_is_a_warning(tmp_path):
    steps = "".join("  - pose: bridge\n    hold: 3 breaths\n" for _ in range(21))
    (plan,) = load_workspace(_workspace(tmp_path, f"title: T\nsteps:\n{steps}"), []).plans
    assert [w.message for w in plan.warnings] == ["the sequence has 21 steps"]
    steps = "".join("  - pose: bridge\n    hold: 3 breaths\n" for _ in range(20))
    (tmp_path / "twenty").mkdir()
    (plan,) = load_workspace(_workspace(tmp_path / "twenty", f"title: T\nsteps:\n{steps}"), []).plans
    assert plan.warnings == ()


def test_a_step_without_a_hold_is_a_warning(tmp_path):
    (plan,) = load_workspace(_workspace(tmp_path, "title: T\nsteps:\n  - pose: bridge\n"), []).plans
    assert [(str(w.location), w.message) for w in plan.warnings] == [("sequences/s.yaml:3:5", "step 1 has no hold")]


def test_library_defaults_and_step_overrides(tmp_path):
    text = """title: T
steps:
  - pose: reclined-figure-four
    name: Outer hip stretch
    hold: 10 breaths
    cautions: [An extra caution.]
  - pose: reclined-figure-four
    hold: 10 breaths
    library_cautions: false
    cues: [Only this cue.]
  - name: My own pose
    hold: 3 breaths
"""
    (plan,) = load_workspace(_workspace(tmp_path, text), []).plans
    library = load_workspace(Workspace(tmp_path), []).library.poses["reclined-figure-four"]
    first, second, inline = plan.steps
    assert first.name == "Outer hip stretch" and first.sanskrit == library.sanskrit
    assert first.cues == library.cues
    assert first.cautions == (*library.cautions, "An extra caution.")
    assert second.name == library.name and second.cues == ("Only this cue.",) and second.cautions == ()
    assert first.mode is SideMode.BOTH  # from the library
    assert inline.pose_id is None and inline.mode is SideMode.NONE and inline.name == "My own pose"
