"""Programme files (programmes/*.yaml) as read: the example's keys and segments, the forms of `weeks:`, and the
mistakes the reader itself finds, each at its line and column; `handouts check` on programmes. The bad files
of the acceptance list are also tests/cases/programme-* (run by test_cases.py)."""

from __future__ import annotations

import json
import re
import shutil
import textwrap
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import ROOT, snapshot

from handouts.core.errors import Collector
from handouts.core.model import Amount, Hold
from handouts.core.programme import PREVIOUS, ChangeKind
from handouts.pipeline.programmes import read_programme_file
from handouts.reading.library import load_library
from handouts.reading.workspace import Workspace

EXAMPLE = ROOT / "programmes" / "back-care-12-weeks.yaml"


def read(tmp_path: Path, text: str, library: bool = False):
    """The programme written as programmes/p.yaml in a fresh workspace, and the problems as printed."""
    path = tmp_path / "programmes" / "p.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    workspace = Workspace(tmp_path)
    problems = Collector()
    poses = load_library(workspace, Collector(), "en") if library else None
    programme = read_programme_file(workspace, path, problems, poses)
    return programme, [str(p) for p in sorted(problems.problems)]


def test_the_example_is_read_with_every_key():
    problems = Collector()
    programme = read_programme_file(Workspace(ROOT), EXAMPLE, problems)
    assert problems.problems == []
    assert programme is not None
    assert programme.slug == "back-care-12-weeks"
    assert programme.title == "Back Care, 12 Weeks"
    assert programme.subtitle == "A home practice for the low back, growing week by week"
    assert programme.welcome.startswith("Welcome to twelve weeks of practice for your back.")
    assert "\nThe programme grows in four steps of three weeks." in programme.welcome  # two paragraphs
    assert len(programme.home_practice) == 3
    assert programme.home_practice[1].startswith("Have your props ready before you start")
    assert programme.practice_log.startswith("After each practice, tick the day")
    assert programme.contacts == ()  # studio.yaml's
    assert programme.weeks == 12
    segments = programme.segments
    assert [(s.first, s.last) for s in segments] == [(1, 3), (4, 6), (7, 9), (10, 12)]
    assert [s.weeks for s in segments] == ["1-3", "4-6", "7-9", "10-12"]
    assert [s.title for s in segments] == ["Foundations", "Lengthening", "Strength", "Going on alone"]
    assert [str(s.sequence) for s in segments] == ["low-back-release", PREVIOUS, PREVIOUS, PREVIOUS]
    assert [[c.kind for c in s.changes] for s in segments] == [
        [],
        [ChangeKind.HOLD, ChangeKind.HOLD, ChangeKind.ADD, ChangeKind.CAUTION],
        [ChangeKind.REMOVE, ChangeKind.ADD, ChangeKind.DEEPER, ChangeKind.HOLD],
        [ChangeKind.REPLACE, ChangeKind.DEEPER, ChangeKind.HOLD, ChangeKind.ADD],
    ]
    twist, drops, psoas, caution = segments[1].changes
    assert (twist.step, twist.hold) == ("supine-twist", Hold(breaths=Amount(8, 8)))
    assert (str(twist.location), str(twist.step.location)) == (
        "programmes/back-care-12-weeks.yaml:37:9",
        "programmes/back-care-12-weeks.yaml:37:22",
    )
    assert drops.hold.cycles == Amount(12, 12) and drops.hold.breath == "exhale lowers, inhale returns"
    assert (psoas.step, psoas.before, psoas.step_entry.pose, psoas.step_entry.hold) == (
        "5",
        False,
        "lying-psoas-stretch",
        Hold(seconds=Amount(30, 30)),
    )
    assert caution.text == "Now that you stay longer, come out of the twist early if the low back starts to pull."
    bridge = segments[2].changes[1]
    assert (bridge.step, bridge.before, bridge.step_entry.pose) == ("sacral-thumps", True, "bridge")
    corpse = segments[3].changes[3]
    assert (corpse.step, corpse.step_entry.pose) == (None, "corpse-pose")


def test_the_example_satisfies_its_json_schema():
    schema = json.loads((ROOT / "schema" / "programme.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(yaml.safe_load(EXAMPLE.read_text(encoding="utf-8")), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(
            {"title": "x", "segments": [{"weeks": "1-3", "sequence": "a", "changes": [{"x": 1}]}]}, schema
        )


@pytest.mark.parametrize(
    "weeks, first, last",
    [("4", 4, 4), ("1-3", 1, 3), ("'1 - 3'", 1, 3), ("1\u20133", 1, 3), ("1 to 3", 1, 3)],
)
def test_weeks_are_one_week_or_a_span(tmp_path, weeks, first, last):
    text = f"title: T\nsegments:\n  - weeks: {weeks}\n    sequence: back\n"
    if first > 1:
        text = "title: T\nsegments:\n  - weeks: 1-3\n    sequence: back\n" + text.split("segments:\n")[1]
    programme, problems = read(tmp_path, text)
    assert problems == []
    assert (programme.segments[-1].first, programme.segments[-1].last) == (first, last)


@pytest.mark.parametrize(
    "weeks, message",
    [
        (
            "3-1",
            "programmes/p.yaml:4:12: weeks: weeks 3-1 run backwards; write the first week first: 1-3",
        ),
        (
            "0",
            "programmes/p.yaml:4:12: weeks: week 0 does not exist: weeks count from 1; start the programme at week 1",
        ),
        (
            "weeks one to three",
            "programmes/p.yaml:4:12: weeks: 'weeks one to three' is not a week or a span of weeks; write one week "
            "such as 4, or the first and last week joined by '-', such as 1-3",
        ),
        (
            "1-200",
            "programmes/p.yaml:4:12: weeks: week 200 is too far: a programme runs at most 104 weeks; split it "
            "into programmes of a few months each",
        ),
    ],
)
def test_weeks_that_cannot_be_read(tmp_path, weeks, message):
    programme, problems = read(tmp_path, f"title: T\nsegments:\n\n  - weeks: {weeks}\n    sequence: back\n")
    assert programme is None
    assert problems == [message]


def test_every_mistake_of_a_file_is_found_in_one_run(tmp_path):
    programme, problems = read(
        tmp_path,
        """\
        title: T
        welcom: Hello.
        segments:
          - weeks: 1-2
            sequence: previous
            changes:
              - remove: 2
                hold: 5 breaths
              - add: {after: 2, before: 3, pose: bridge, hold: 5 breaths}
              - replace: {step: 3, pose: brige, hold: 5 breaths}
              - hold: {step: 4}
              - caution: 4
              - easier:
          - weeks: 2-3
            sequence: back
        """,
        library=True,
    )
    assert programme is None
    assert problems == [
        "programmes/p.yaml:2:1: unknown key 'welcom' in programme; did you mean 'welcome'?",
        "programmes/p.yaml:5:15: sequence: the first segment has no segment before it to go on from; name the "
        "sequence it starts with, e.g. 'sequence: low-back-release'",
        "programmes/p.yaml:7:9: a change does one thing: it starts with its kind and holds its details below it; "
        "indent the details under the kind, e.g. 'replace: {step: 7, pose: bridge, hold: 5 breaths}'",
        "programmes/p.yaml:9:33: an added step goes either 'after' a step or 'before' one; keep one of the two",
        "programmes/p.yaml:10:34: unknown pose 'brige'; did you mean 'bridge'? ('handouts poses' lists the library; "
        "a pose of your own goes in poses/)",
        "programmes/p.yaml:11:15: hold: hold change is missing 'to'; add 'to:' (the new hold: '8 breaths', '45 s', "
        "'3 x 30 s' ...)",
        "programmes/p.yaml:12:18: caution: expected caution change (key: value lines), found '4'; a caution change "
        "takes the keys: step, text",
        "programmes/p.yaml:13:16: 'easier' is empty; write what it changes: practise this step's easier "
        "variation: 5b or a pose id",
        "programmes/p.yaml:14:12: weeks: weeks 2-3 overlap weeks 1-2 (line 4); start this segment at week 3, or "
        "end the one before earlier",
    ]


def test_an_empty_file_and_a_file_without_segments(tmp_path):
    assert read(tmp_path, "")[1] == [
        "programmes/p.yaml:1:1: the file is empty; start with 'title:' and 'segments:' (docs/programmes.md)"
    ]
    assert read(tmp_path, "title: T\nsegments: []\n")[1] == [
        "programmes/p.yaml:2:11: the list of segments is empty; add at least one segment"
    ]


def test_check_reports_a_bad_programme_beside_a_bad_sequence_and_writes_nothing(examples, run):
    (examples / "programmes").mkdir()
    shutil.copy(EXAMPLE, examples / "programmes" / "back.yaml")
    text = (examples / "programmes" / "back.yaml").read_text(encoding="utf-8")
    (examples / "programmes" / "back.yaml").write_text(text.replace("weeks: 4-6", "weeks: 3-6"), encoding="utf-8")
    sequence = examples / "sequences" / "psoas-stretches.yaml"
    sequence.write_text(sequence.read_text(encoding="utf-8").replace("hold: 30 s\n", "hold: 30 x\n", 1))
    (examples / "build").mkdir()
    before = snapshot(examples / "build")
    result = run("check", workspace=examples)
    assert result.code == 2
    assert result.err.splitlines() == [
        "programmes/back.yaml:32:12: weeks: weeks 3-6 overlap weeks 1-3 (line 27); start this segment at week 4, "
        "or end the one before earlier",
        "sequences/psoas-stretches.yaml:28:11: hold: unknown unit 'x' in the hold; see the list of units",
        "2 errors in 2 files",
    ]
    assert snapshot(examples / "build") == before


def test_check_says_each_good_programme_is_ok(examples, run):
    (examples / "programmes").mkdir()
    shutil.copy(EXAMPLE, examples / "programmes" / EXAMPLE.name)
    result = run("check", workspace=examples)
    assert result.code == 0, result.err
    assert "programmes/back-care-12-weeks.yaml: ok, 4 segments, 12 weeks\n" in result.out


def test_the_guide_s_example_file_checks_clean(examples, run):
    guide = (ROOT / "docs" / "programmes.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(title:.*?)```", guide[guide.index("## The file") :], re.S).group(1)
    (examples / "programmes").mkdir()
    (examples / "programmes" / "guide.yaml").write_text(block, encoding="utf-8")
    result = run("check", workspace=examples)
    assert result.code == 0, result.err
    assert "programmes/guide.yaml: ok, 2 segments, 6 weeks\n" in result.out


def test_a_programme_is_found_by_name_and_a_wrong_name_gets_the_closest(tmp_path):
    from handouts.core.errors import HandoutError

    (tmp_path / "programmes").mkdir()
    (tmp_path / "programmes" / "back-care-12-weeks.yaml").write_text("title: T\n", encoding="utf-8")
    (tmp_path / "programmes" / "back-care-12-weeks.de.yaml").write_text("title: T\n", encoding="utf-8")
    workspace = Workspace(tmp_path)
    assert workspace.all_programmes() == [tmp_path / "programmes" / "back-care-12-weeks.yaml"]
    assert workspace.programme("back-care-12-weeks") == tmp_path / "programmes" / "back-care-12-weeks.yaml"
    with pytest.raises(HandoutError) as caught:
        workspace.programme("back-care")
    assert str(caught.value) == "back-care: no such programme; did you mean 'back-care-12-weeks'?"
