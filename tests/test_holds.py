"""Every kind of hold: read from text and from a mapping, printed, and timed."""

from __future__ import annotations

import pytest
import yaml

from handouts.core.errors import Collector
from handouts.core.model import Amount, Hold, Timing
from handouts.plan.planner import hold_seconds
from handouts.reading.fields import INVALID, Ctx
from handouts.reading.holds import HoldType
from handouts.reading.labels import ENGLISH

hold_label = ENGLISH.hold_label

TIMING = Timing(breath=10, rep=4, cycle=8, circle=6, open_ended=60, setup=20)

# (text form, mapping form, label printed, seconds with TIMING)
KINDS = [
    ("5 breaths", "{breaths: 5}", "5 breaths", 50),
    ("1 breath", "{breaths: 1}", "1 breath", 10),
    ("3-5 breaths", "{breaths: [3, 5]}", "3\u20135 breaths", 40),
    ("30 s", "{seconds: 30}", "30 s", 30),
    ("45 seconds", "{seconds: 45}", "45 s", 45),
    ("20-30 s", "{seconds: [20, 30]}", "20\u201330 s", 25),
    ("2 min", "{minutes: 2}", "2 min", 120),
    ("1-2 minutes", "{minutes: [1, 2]}", "1\u20132 min", 90),
    ("30 s - 2 min", "{minutes: [0.5, 2]}", "30 s \u2013 2 min", 75),
    ("10 reps", "{reps: 10}", "10 reps", 40),
    ("10 times", "{reps: 10}", "10 reps", 40),
    ("10 cycles", "{cycles: 10}", "10 cycles", 80),
    ("5 circles", "{circles: 5}", "5 circles", 30),
    ("5 circles each way", "{circles: 5, each_way: true}", "5 circles each way", 60),
    ("3 x 30 s", "{reps: 3, seconds: 30}", "3 \u00d7 30 s", 90),
    ("3 \u00d7 20-30 s", "{reps: 3, seconds: [20, 30]}", "3 \u00d7 20\u201330 s", 75),
    ("3 x 5 breaths", "{reps: 3, breaths: 5}", "3 \u00d7 5 breaths", 150),
    ("as long as you like", "{as_long_as_you_like: true}", "as long as you like", 60),
]


def read(source: str):
    problems = Collector()
    node = yaml.compose(f"hold: {source}").value[0][1]
    value = HoldType().read(node, Ctx("s.yaml", problems, path=["hold"]))
    return value, problems.problems


@pytest.mark.parametrize("text, mapping, label, seconds", KINDS, ids=[k[0] for k in KINDS])
def test_text_and_mapping_forms_agree(text, mapping, label, seconds):
    from_text, problems = read(text)
    assert problems == []
    from_mapping, problems = read(mapping)
    assert problems == []
    assert from_text == from_mapping
    assert hold_label(from_text) == label
    assert hold_seconds(from_text, TIMING) == seconds


def test_free_text_additions_print_after_the_hold():
    hold, _ = read("{circles: 5, then: reverse direction}")
    assert hold_label(hold) == "5 circles, then reverse direction"
    hold, _ = read('{breaths: 5, then: "then 3 more on the second round"}')
    assert hold_label(hold) == "5 breaths, then 3 more on the second round"
    hold, _ = read("{cycles: 10, breath: 'exhale lowers, inhale returns'}")
    assert hold.breath == "exhale lowers, inhale returns" and hold_label(hold) == "10 cycles"


def test_minutes_keep_the_authors_unit():
    hold, _ = read("{minutes: 1.5}")
    assert hold == Hold(seconds=Amount(90, 90), in_minutes=True)
    assert hold_label(hold) == "1.5 min"


@pytest.mark.parametrize(
    "source, message",
    [
        ("-5 breaths", "hold: -5 breaths is not a hold"),
        ("0 reps", "hold: 0 reps is not a hold"),
        ("{reps: 0}", "hold: 0 reps is not a hold"),
        ("2.5 breaths", "hold: 2.5 breaths is not a whole number"),
        ("30-20 s", "hold: the range 30-20 seconds runs backwards"),
        ("{breaths: [5, 3]}", "hold: the range 5-3 breaths runs backwards"),
        ("{seconds: [10, 20, 30]}", "hold: a range of seconds needs two numbers, found 3"),
        ("{seconds: 0}", "hold: a hold of 0 seconds is not possible"),
        ("5 breths", "hold: unknown unit 'breths' in the hold"),
        ("5", "hold: the hold '5' has no unit"),
        ("5 breaths each way", "hold: 'each way' only goes with circles, not breaths"),
        ("{as_long_as_you_like: false}", "hold: 'as_long_as_you_like: false' says nothing"),
        ("{breaths: five}", "hold: expected a number of breaths, found 'five'"),
        ("[5, breaths]", "hold: expected a hold, found a list"),
    ],
)
def test_bad_holds_are_located_errors(source, message):
    value, problems = read(source)
    assert value is INVALID
    assert [p.message for p in problems] == [message]
    assert problems[0].location.line == 1 and problems[0].location.col >= 7
