"""Programmes planned: the example's segments step by step (labels, names, holds, variations), its marks and
news, written out by hand; changes inside a series and its repeat; the mistakes only planning finds (a step
named twice over, a pose id used twice, a series named where a step is needed); news in another language."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from conftest import ROOT

from handouts.core.errors import Collector, HandoutError
from handouts.pipeline.loading import load_workspace
from handouts.pipeline.programmes import load_programme, read_programme_file
from handouts.plan.programme import Mark, plan_programme
from handouts.reading.labels import Labels, built_in_table
from handouts.reading.workspace import Workspace

NEW, CHANGED = Mark.NEW, Mark.CHANGED


@pytest.fixture(scope="module")
def loaded():
    return load_workspace(Workspace(ROOT), [], feasibility=False)


@pytest.fixture(scope="module")
def example(loaded):
    planned, problems = load_programme(Workspace(ROOT), ROOT / "programmes" / "back-care-12-weeks.yaml", loaded)
    assert problems == []
    return planned


def steps(segment) -> list[tuple[str, str, str, str | None]]:
    """(label, name, hold as printed, variation chosen) of each numbered step (repeats left out)."""
    words = Labels("en", built_in_table("en"))
    return [(s.label, s.name, words.hold_label(s.hold), s.chosen) for s in segment.plan.steps if not s.repeat_of]


THEN_LUNGE = "2 × 30 s, then step back to hands and knees between holds"
THEN_BRIDGE = "5 × 3 breaths, then lower slowly and rest a breath between lifts"


def test_weeks_1_to_3_are_low_back_release_as_written(example):
    first = example.segments[0]
    assert (first.segment.first, first.segment.last, first.plan.sequence.slug) == (1, 3, "low-back-release")
    assert steps(first) == [
        ("1", "Gluteal massage", "5 circles each way", None),
        ("2", "Sacral massage", "5 circles each way", None),
        ("3", "Supine twist", "5 breaths", None),
        ("4", "Knee drops", "10 cycles", None),
        ("5a", "Hamstring stretch", "5 breaths", None),
        ("5b", "Inner thigh stretch", "5 breaths", None),
        ("5c", "IT band stretch", "5 breaths", None),
        ("6", "Outer hip stretch", "10 breaths", None),
        ("7", "Deep gluteal stretch", "10 breaths", None),
        ("8", "Sacral thumps", "10 reps", None),
    ]
    assert (first.marks, first.news, first.removed) == ({}, (), ())


def test_weeks_4_to_6_hold_longer_and_add_the_lying_psoas_stretch_after_the_series(example):
    second = example.segments[1]
    assert steps(second) == [
        ("1", "Gluteal massage", "5 circles each way", None),
        ("2", "Sacral massage", "5 circles each way", None),
        ("3", "Supine twist", "8 breaths", None),
        ("4", "Knee drops", "12 cycles", None),
        ("5a", "Hamstring stretch", "5 breaths", None),
        ("5b", "Inner thigh stretch", "5 breaths", None),
        ("5c", "IT band stretch", "5 breaths", None),
        ("6", "Lying psoas stretch", "30 s", None),
        ("7", "Outer hip stretch", "10 breaths", None),
        ("8", "Deep gluteal stretch", "10 breaths", None),
        ("9", "Sacral thumps", "10 reps", None),
    ]
    twist = second.plan.steps[2]
    assert twist.cautions[-1] == "Now that you stay longer, come out of the twist early if the low back starts to pull."
    assert second.plan.steps[3].hold.breath == "exhale lowers, inhale returns"
    assert [p.label for p in second.plan.performances if p.label == "6"] == ["6", "6"]  # both sides
    assert second.marks == {"3": CHANGED, "4": CHANGED, "6": NEW}
    assert second.news == (
        "Supine twist: now 8 breaths (was 5 breaths)",
        "Supine twist: a new caution",
        "Knee drops: now 12 cycles (was 10 cycles)",
        "New: Lying psoas stretch",
    )
    assert second.removed == ()


def test_weeks_7_to_9_leave_out_the_sacral_massage_and_bring_in_the_bridge(example):
    third = example.segments[2]
    assert steps(third) == [
        ("1", "Gluteal massage", "5 circles each way", None),
        ("2", "Supine twist", "8 breaths", None),
        ("3", "Knee drops", "12 cycles", None),
        ("4a", "Hamstring stretch", "5 breaths", "deeper"),
        ("4b", "Inner thigh stretch", "5 breaths", None),
        ("4c", "IT band stretch", "5 breaths", None),
        ("5", "Lying psoas stretch", "45 s", None),
        ("6", "Outer hip stretch", "10 breaths", None),
        ("7", "Deep gluteal stretch", "10 breaths", None),
        ("8", "Bridge", THEN_BRIDGE, None),
        ("9", "Sacral thumps", "10 reps", None),
    ]
    assert third.marks == {"4a": CHANGED, "5": CHANGED, "8": NEW}
    assert third.news == (
        "Hamstring stretch: the deeper variation",
        "Lying psoas stretch: now 45 s (was 30 s)",
        "New: Bridge",
        "No longer in the practice: Sacral massage",
    )
    assert third.removed == ("Sacral massage",)


def test_weeks_10_to_12_lunge_go_deeper_and_rest_at_the_end(example):
    fourth = example.segments[3]
    assert steps(fourth) == [
        ("1", "Gluteal massage", "5 circles each way", None),
        ("2", "Supine twist", "10 breaths", None),
        ("3", "Knee drops", "12 cycles", None),
        ("4a", "Hamstring stretch", "5 breaths", "deeper"),  # kept from weeks 7-9
        ("4b", "Inner thigh stretch", "5 breaths", None),
        ("4c", "IT band stretch", "5 breaths", None),
        ("5", "Low lunge", THEN_LUNGE, None),
        ("6", "Outer hip stretch", "10 breaths", "deeper"),
        ("7", "Deep gluteal stretch", "10 breaths", None),
        ("8", "Bridge", THEN_BRIDGE, None),
        ("9", "Sacral thumps", "10 reps", None),
        ("10", "Corpse pose", "3 min", None),
    ]
    assert fourth.marks == {"2": CHANGED, "5": NEW, "6": CHANGED, "10": NEW}
    assert fourth.news == (
        "Supine twist: now 10 breaths (was 8 breaths)",
        "New: Low lunge",
        "Outer hip stretch: the deeper variation",
        "New: Corpse pose",
        "No longer in the practice: Lying psoas stretch",
    )
    assert fourth.removed == ("Lying psoas stretch",)


def test_the_news_follow_the_labels_language(loaded):
    problems = Collector()
    programme = read_programme_file(Workspace(ROOT), ROOT / "programmes" / "back-care-12-weeks.yaml", problems)
    sequences = {p.sequence.slug: p.sequence for p in loaded.plans}
    planned = plan_programme(programme, sequences, loaded.library, Labels("de", built_in_table("de")))
    assert planned.segments[1].news == (
        "Supine twist: jetzt 8 Atemzüge (vorher 5 Atemzüge)",
        "Supine twist: ein neuer Hinweis zur Vorsicht",
        "Knee drops: jetzt 12 Zyklen (vorher 10 Zyklen)",
        "Neu: Lying psoas stretch",
    )


def plan_text(loaded, tmp_path: Path, changes: str, sequence: str = "low-back-release"):
    """A programme of weeks 1-2 (the sequence as written) and 3-4 (`changes` to it), planned."""
    path = tmp_path / "programmes" / "p.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    text = f"title: T\nsegments:\n  - weeks: 1-2\n    sequence: {sequence}\n  - weeks: 3-4\n    sequence: previous\n"
    path.write_text(text + "    changes:\n" + textwrap.indent(textwrap.dedent(changes), "      "), encoding="utf-8")
    problems = Collector()
    programme = read_programme_file(Workspace(tmp_path), path, problems, loaded.library)
    assert problems.problems == [], problems.problems
    sequences = {p.sequence.slug: p.sequence for p in loaded.plans}
    return plan_programme(programme, sequences, loaded.library)


def errors(loaded, tmp_path, changes: str, sequence: str = "low-back-release") -> list[str]:
    with pytest.raises(HandoutError) as caught:
        plan_text(loaded, tmp_path, changes, sequence)
    return [str(p) for p in caught.value.problems]


def test_a_series_step_removed_its_repeat_follows_the_step_it_repeats(loaded, tmp_path):
    planned = plan_text(loaded, tmp_path, "- remove: 5b\n- add: {after: 5c, pose: supta-padangusthasana-open}\n")
    series = [p for p in planned.segments[1].plan.performances if p.label.startswith("5")]
    assert [(p.label, p.side.value, p.repeat) for p in series] == [
        ("5a", "right", False),
        ("5b", "right", False),
        ("5c", "right", False),
        ("5a", "right", True),
        ("5a", "left", False),
        ("5b", "left", False),
        ("5c", "left", False),
        ("5a", "left", True),
    ]
    assert [s.name for s in planned.segments[1].plan.steps if s.series] == [
        "Hamstring stretch",
        "IT band stretch",
        "Reclined hand-to-big-toe pose, leg to the side",  # added after 5c, in the series: the library's name
        "Hamstring stretch",
    ]


def test_the_step_a_repeat_repeats_removed_the_repeat_goes_too(loaded, tmp_path):
    planned = plan_text(loaded, tmp_path, "- remove: 5a\n")
    assert [s.name for s in planned.segments[1].plan.steps if s.series] == ["Inner thigh stretch", "IT band stretch"]
    assert planned.segments[1].removed == ("Hamstring stretch",)


def test_a_step_changed_twice_over_is_refused(loaded, tmp_path):
    assert errors(
        loaded,
        tmp_path,
        """\
        - remove: 3
        - hold: {step: supine-twist, to: 8 breaths}
        - hold: {step: 4, to: 12 cycles}
        - hold: {step: knee-drops, to: 14 cycles}
        - easier: 6
        - deeper: 6
        """,
    ) == [
        "programmes/p.yaml:9:9: hold: step 3 is already changed by 'remove' on line 8; keep one of the two changes",
        "programmes/p.yaml:11:9: hold: step 4 is already changed by 'hold' on line 10; keep one hold: the one "
        "these weeks practise",
        "programmes/p.yaml:13:9: deeper: step 6 is already changed by 'easier' on line 12; keep one of the two changes",
    ]


def test_a_series_is_named_by_its_steps(loaded, tmp_path):
    assert errors(
        loaded,
        tmp_path,
        """\
        - deeper: 5
        - hold: {step: 9, to: 5 breaths}
        - caution: {step: 5, text: Keep the strap long.}
        """,
    ) == [
        "programmes/p.yaml:8:17: deeper: step 5 is a series (Strap series); name one of its steps, 5a to 5c",
        "programmes/p.yaml:9:22: hold: no step '9' in the practice of weeks 1-2; its steps are 1, 2, 3, 4, 5a, 5b, "
        "5c, 6, 7, 8, or a step's pose id such as knee-drops",
        "programmes/p.yaml:10:25: caution: step 5 is a series (Strap series); name one of its steps, 5a to 5c",
    ]


def test_a_pose_id_used_twice_names_no_step(tmp_path):
    (tmp_path / "sequences").mkdir()
    (tmp_path / "sequences" / "twice.yaml").write_text(
        "title: Twice\nsteps:\n  - pose: bridge\n    hold: 3 breaths\n  - pose: child-pose\n    hold: 5 breaths\n"
        "  - pose: bridge\n    hold: 5 breaths\n",
        encoding="utf-8",
    )
    here = load_workspace(Workspace(tmp_path), [], feasibility=False)
    assert errors(here, tmp_path, "- deeper: bridge\n- hold: {step: 3, to: 8 breaths}\n", sequence="twice") == [
        "programmes/p.yaml:8:17: deeper: 'bridge' is steps 1 and 3 in the practice of weeks 1-2; name the step by "
        "its number"
    ]


def test_a_step_added_inside_a_series_takes_the_series_side(loaded, tmp_path):
    assert errors(loaded, tmp_path, "- add: {after: 5a, pose: bridge, side: left, hold: 3 breaths}\n") == [
        "programmes/p.yaml:8:46: add: a step inside a series takes its side from the series; take 'side:' out of "
        "this change"
    ]
