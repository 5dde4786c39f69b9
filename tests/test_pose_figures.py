"""The built-in poses' figures as a student reads them: no two poses share a drawing, a movement shows its two
states, and the look-alikes differ in the body itself (where the chest, the hands, the knees and the pelvis are),
not only in a motion hint. Points are in figure heights, relative to the pelvis (see docs/figures.md)."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from handouts.core.errors import Collector
from handouts.figures import skeleton
from handouts.figures.art import figure_art
from handouts.reading.library import load_library

LIBRARY = load_library(None, Collector())
FIGURES = {pid: pose.figure for pid, pose in sorted(LIBRARY.poses.items()) if pose.figure is not None}


def _points(pid: str) -> dict[str, tuple[float, float]]:
    return skeleton.build(FIGURES[pid]).points


def _distance(a, b) -> float:
    return math.hypot(a[0] - b[0], a[1] - b[1])


def test_no_two_poses_share_a_drawing():
    arts = {pid: figure_art(figure).items for pid, figure in FIGURES.items()}
    same = [(a, b) for a in arts for b in arts if a < b and arts[a] == arts[b]]
    assert same == []
    # the comparison would catch a copy: the same figure written at another place draws the same items
    copy = replace(FIGURES["sphinx"], location=None)
    assert figure_art(copy).items == arts["sphinx"]


@pytest.mark.parametrize(
    "pid, moving",
    [
        ("cat-cow", {"spine", "neck", "head"}),  # the rounded back, and the dipped back drawn dashed
        ("pelvic-tilt", {"spine"}),  # the flat back, and the small arch under the waist it starts from
        ("knee-drops", {"right leg", "left leg"}),  # the knees on one side, and on the other
        ("toe-taps", {"right leg"}),  # the foot tapping down, and the leg back over the hip
        ("shoulder-rolls", {"spine", "neck", "head", "right arm"}),  # shoulders back, and rolled forward
    ],
)
def test_a_movement_shows_its_two_states(pid, moving):
    figure = FIGURES[pid]
    assert set(figure.ghost) == moving
    assert any(item.tone == "ghost" for item in figure_art(figure).items)


def test_sphinx_rests_on_the_forearms_and_cobra_lifts_the_chest_on_the_hands():
    sphinx, cobra = _points("sphinx"), _points("cobra")
    # sphinx: the elbow right under the shoulder, the forearm flat on the floor (wrist level with the elbow)
    assert abs(sphinx["right elbow"][0] - sphinx["right shoulder"][0]) < 0.01
    assert abs(sphinx["right wrist"][1] - sphinx["right elbow"][1]) < 0.01
    # cobra: the hand under the shoulder, the elbow bent back behind it, the chest far higher than in sphinx
    assert abs(cobra["right wrist"][0] - cobra["right shoulder"][0]) < 0.05
    assert cobra["right elbow"][0] < cobra["right shoulder"][0] - 0.05
    assert cobra["shoulders"][1] > sphinx["shoulders"][1] + 0.05


def test_locust_lifts_chest_and_legs_only_a_little():
    """Not a boat: lying on the front, the head and the toes stay low, the arms back along the body."""
    locust = _points("locust")
    assert locust["head"][1] < 0.12 and locust["right toes"][1] < 0.12
    assert locust["right fingers"][0] < locust["pelvis"][0]  # the hands reach back past the hips


def test_the_three_knee_hugs_differ_in_the_arms_and_the_knees():
    hug, circles, sacral = _points("knees-to-chest"), _points("knees-to-chest-circles"), _points("sacral-circles")
    # knee circles: the arms long (hands on the kneecaps, knees pushed away); the hug: the elbows deeply bent
    assert _distance(circles["right shoulder"], circles["right wrist"]) > 0.3
    assert _distance(hug["right shoulder"], hug["right wrist"]) < 0.3
    # the hug draws the knees in closest to the chest
    assert _distance(hug["right knee"], hug["chest"]) < _distance(circles["right knee"], circles["chest"]) - 0.05
    assert _distance(hug["right knee"], hug["chest"]) < _distance(sacral["right knee"], sacral["chest"])
    # and each movement circles where it moves: the knees, or the sacrum
    assert [(h.kind, h.at) for h in FIGURES["knees-to-chest-circles"].hints] == [("circle", ("right knee",))]
    assert [(h.kind, h.at) for h in FIGURES["sacral-circles"].hints] == [("circle", ("pelvis",))]
    assert FIGURES["knees-to-chest"].hints == ()


def test_the_pelvis_rests_lifts_a_little_or_lifts_high():
    """Constructive rest lies flat; sacral thumps float the hips a little; bridge lifts them high."""
    lift = {pid: -_points(pid)["shoulders"][1] for pid in ("constructive-rest", "sacral-thumps", "bridge")}
    assert abs(lift["constructive-rest"]) < 0.01
    assert 0.03 < lift["sacral-thumps"] < 0.1
    assert lift["bridge"] > 0.14


def test_low_lunge_reaches_up_and_the_kneeling_psoas_stretch_keeps_the_hands_low():
    lunge, psoas = _points("low-lunge"), _points("kneeling-psoas-stretch")
    assert lunge["right wrist"][1] > lunge["head"][1]  # arms overhead
    assert psoas["right wrist"][1] < psoas["chest"][1] - 0.1  # hands at the hips and front thigh
    assert FIGURES["kneeling-psoas-stretch"].spine == (90.0,)  # the torso upright


def test_camel_keeps_the_hips_over_the_knees_and_arches_back():
    camel = _points("camel")
    assert abs(camel["right knee"][0] - camel["pelvis"][0]) < 0.05
    assert camel["shoulders"][0] < camel["pelvis"][0] - 0.1  # the chest lifted up and back
    assert camel["head"][1] < camel["shoulders"][1]  # the head drops back behind the shoulders


def test_the_standing_psoas_stretch_is_upright_with_the_back_heel_lifted():
    """Not a calf stretch: the body stays upright and the back heel comes off the floor."""
    figure, points = FIGURES["standing-psoas-stretch"], _points("standing-psoas-stretch")
    assert all(abs(angle - 90) <= 5 for angle in figure.spine)
    assert points["left heel"][1] > points["left toes"][1] + 0.05


def test_tree_holds_the_hands_at_the_chest():
    tree = _points("tree")
    assert _distance(tree["right hand"], tree["chest"]) < 0.12
    assert _distance(tree["left hand"], tree["chest"]) < 0.12


def test_the_desk_and_chair_poses_sit_on_a_chair():
    for pid in ("neck-side-stretch", "shoulder-rolls", "wrist-circles", "seated-chair-twist"):
        assert [p.kind for p in FIGURES[pid].props] == ["chair"], pid


@pytest.mark.parametrize(
    "pid, view",
    [
        ("mountain", "front"),
        ("tree", "front"),
        ("supine-twist", "top"),
        ("knee-drops", "top"),
        ("supine-cow-face", "top"),
        ("supta-padangusthasana-open", "top"),
        ("supta-padangusthasana-across", "top"),
    ],
)
def test_a_pose_is_seen_from_where_its_action_shows(pid, view):
    """Top views lie along the page (head to the left), as a mat is seen from beside it."""
    figure = FIGURES[pid]
    assert figure.view == view
    if view == "top":
        assert figure.spine == (180.0,)
