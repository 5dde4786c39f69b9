"""Pose figures: every library pose has one; the left-side drawing is the exact mirror image; drawing is
deterministic; figures fit every box the products use; the booklet carries them and stays small."""

from __future__ import annotations

import io
import math
import os
import subprocess
import sys
from dataclasses import replace

import pdfplumber
import pytest
from conftest import ROOT
from reportlab.pdfgen.canvas import Canvas

from handouts.core.errors import Collector
from handouts.core.figure import Figure
from handouts.figures import art, skeleton
from handouts.figures.art import REFERENCE_HEIGHT, Disc, Stroke, figure_art, fit
from handouts.layouts import styles
from handouts.layouts.figurebox import draw_art
from handouts.reading.library import load_library

LIBRARY = load_library(None, Collector())
POSES = sorted(LIBRARY.poses)
FIGURED = [pid for pid in POSES if LIBRARY.poses[pid].figure is not None]


def test_the_library_has_at_least_90_poses_and_every_one_has_a_figure():
    assert len(POSES) >= 90  # issue 16: a real back-care programme, chair yoga, restorative and release work
    assert [pid for pid in POSES if LIBRARY.poses[pid].figure is None] == []


def test_the_proportions_are_those_of_the_style_notes():
    standing = Figure(location=None, spine=(90.0,), limbs={"right arm": (-90.0, -90.0), "right leg": (-90.0, -90.0)})
    bones = skeleton.build(standing)
    head_top = bones.head[0][1] + bones.head[1]
    ankle = bones.points["right ankle"][1]
    assert head_top - ankle == pytest.approx(0.13 + 0.05 + 0.29 + 0.245 + 0.245)
    assert bones.points["right wrist"][1] == pytest.approx(0.29 - 0.19 - 0.15)


def _points(art):
    out = []
    for item in art.items:
        out += [item.centre] if isinstance(item, Disc) else list(item.points)
    return out


@pytest.mark.parametrize("pid", FIGURED)
def test_the_left_side_figure_is_the_exact_reflection(pid):
    art = figure_art(LIBRARY.poses[pid].figure)
    mirrored = art.mirrored()
    x0, _, x1, _ = art.bbox()
    assert mirrored.bbox() == pytest.approx(art.bbox())
    assert len(_points(mirrored)) == len(_points(art))
    for (x, y), (mx, my) in zip(_points(art), _points(mirrored)):
        assert mx == pytest.approx(x0 + x1 - x, abs=1e-12) and my == y
    # something really moved: a figure is never its own mirror image point for point
    assert any(abs(mx - x) > 0.01 for (x, _), (mx, _) in zip(_points(art), _points(mirrored)))


def _drawn(art, box) -> list[tuple[float, float]]:
    """Every path point ReportLab actually wrote for `art` fitted in `box`, read back from the PDF."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(box[0], box[1]), invariant=1)
    draw_art(canvas, fit(art, *box, styles.FIGURE_PAD))
    canvas.save()
    with pdfplumber.open(io.BytesIO(buffer.getvalue())) as pdf:
        page = pdf.pages[0]
        points = [
            (x, page.height - y)
            for obj in page.curves + page.lines + page.rects
            for x, y in obj.get("pts", [(obj["x0"], obj["top"]), (obj["x1"], obj["bottom"])])
        ]
    return points


def _same_points(a, b, tolerance=0.05) -> bool:
    """Two point sets match: every point of each has a point of the other within `tolerance`."""
    near = lambda p, q: abs(p[0] - q[0]) <= tolerance and abs(p[1] - q[1]) <= tolerance  # noqa: E731
    return (
        len(a) == len(b) and all(any(near(p, q) for q in b) for p in a) and all(any(near(q, p) for p in a) for q in b)
    )


def test_the_mirror_image_in_the_pdf_reflects_every_drawn_point():
    box = styles.FIGURE_BOXES["booklet"]
    art = figure_art(LIBRARY.poses[FIGURED[0]].figure)
    right, left = _drawn(art, box), _drawn(art.mirrored(), box)
    assert len(right) == len(left) > 20
    x0 = min(x for x, _ in right)
    x1 = max(x for x, _ in right)
    assert _same_points([(x0 + x1 - x, y) for x, y in right], left)
    assert not _same_points(right, left)


@pytest.mark.parametrize("same_scale", [False, True], ids=["own-scale", "same-scale"])
@pytest.mark.parametrize("product", sorted(styles.FIGURE_BOXES))
def test_every_figure_fits_its_box_in_every_product(product, same_scale):
    width, height = styles.FIGURE_BOXES[product]
    pad, tolerance = styles.FIGURE_PAD, 1e-6
    for pid in FIGURED:
        art = fit(figure_art(LIBRARY.poses[pid].figure), width, height, pad, same_scale)
        x0, y0, x1, y1 = art.bbox()  # including half the line width and the round caps
        assert x0 >= pad - tolerance and x1 <= width - pad + tolerance, pid
        assert y0 >= pad - tolerance and y1 <= height - pad + tolerance, pid
        if not same_scale:  # as large as the box allows: it touches two opposite sides
            assert x1 - x0 == pytest.approx(width - 2 * pad) or y1 - y0 == pytest.approx(height - 2 * pad), pid
        else:  # one person-size for all: no figure is drawn larger than a standing one filling the height
            raw = figure_art(LIBRARY.poses[pid].figure).bbox()
            scale = (x1 - x0) / (raw[2] - raw[0])
            assert scale <= (height - 2 * pad) / REFERENCE_HEIGHT + tolerance, pid
        for x, y in _drawn(figure_art(LIBRARY.poses[pid].figure), (width, height)):
            assert -tolerance <= x <= width + tolerance and -tolerance <= y <= height + tolerance, pid


def test_ground_lines_line_up_across_a_row():
    width, height = styles.FIGURE_BOXES["cheatsheet"]
    feet = {
        pid: fit(figure_art(LIBRARY.poses[pid].figure), width, height, styles.FIGURE_PAD, True).bbox()[1]
        for pid in FIGURED
        if LIBRARY.poses[pid].figure.view != "top"
    }
    assert {round(y, 6) for y in feet.values()} == {round(styles.FIGURE_PAD, 6)}


def test_the_pose_sheet_is_byte_identical_across_processes(tmp_path):
    outputs = []
    for seed in ("1", "2"):
        target = tmp_path / f"sheet-{seed}.pdf"
        subprocess.run(
            [sys.executable, "-m", "handouts", "poses", "--sheet", str(target)],
            check=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
        )
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]


def test_the_pose_sheet_shows_every_pose(tmp_path, run):
    target = tmp_path / "poses.pdf"
    result = run("poses", "--sheet", str(target), workspace=ROOT)
    assert result.code == 0
    from pypdf import PdfReader

    text = " ".join(page.extract_text() for page in PdfReader(target).pages)
    for pid in POSES:
        assert pid in text.replace("\n", " ").replace("- ", "-"), pid
    with pdfplumber.open(target) as pdf:
        assert sum(len(page.curves) + len(page.lines) for page in pdf.pages) > 10 * len(FIGURED)


def _phrase_boxes(page, phrase: str) -> list[tuple[float, float, float]]:
    """(top, x0, x1) of each place the words of `phrase` stand one after the other on a line."""
    words, wanted, found = page.extract_words(), phrase.split(), []
    for i in range(len(words) - len(wanted) + 1):
        run = words[i : i + len(wanted)]
        if [w["text"] for w in run] == wanted and max(w["top"] for w in run) - min(w["top"] for w in run) < 1:
            found.append((run[0]["top"], run[0]["x0"], run[-1]["x1"]))
    return found


def test_booklet_figures_show_both_sides_mirrored(tmp_path, examples, run):
    """A two-sided card draws its figure twice side by side: the first side on the left, the other side to its
    right, mirrored, each captioned under it."""
    assert run("build", "low-back-release", workspace=examples).code == 0
    pdf_path = examples / "build" / "low-back-release" / "booklet.pdf"
    assert pdf_path.stat().st_size < 200 * 1024
    box_height = styles.ROW_FIGURE_BOX[1]
    with pdfplumber.open(pdf_path) as pdf:
        found = []
        for page in pdf.pages:
            for first in _phrase_boxes(page, "Right side first"):
                then = [t for t in _phrase_boxes(page, "then left side") if abs(t[0] - first[0]) < 1]
                if then:
                    found.append((page, first, then[0]))
        assert len(found) >= 5, "the two-sided steps show their figures side by side"
        page, first, then = found[0]
        assert first[2] < then[1], "the first side's figure comes first, on the left"
        middle = (first[2] + then[1]) / 2
        drawn = [
            pt
            for obj in page.curves + page.lines
            for pt in obj["pts"]
            if first[0] - box_height - 3 < obj["top"] and obj["bottom"] < first[0] + 1
        ]
        right = [pt for pt in drawn if pt[0] < middle]
        left = [pt for pt in drawn if pt[0] > middle]
        assert len(right) == len(left) > 20
        axis_sum = min(x for x, _ in right) + max(x for x, _ in left)  # the mirror image, beside it
        assert _same_points([(axis_sum - x, y) for x, y in right], left)


def test_an_inline_step_and_a_workspace_pose_draw_their_own_figures(tmp_path, examples, run):
    assert run("build", "desk-break", workspace=examples).code == 0
    with pdfplumber.open(examples / "build" / "desk-break" / "booklet.pdf") as pdf:
        for title in ("Eye palming", "Desk push-up", "Desk dog"):
            (page,) = [p for p in pdf.pages if any(line["text"].endswith(title) for line in p.extract_text_lines())]
            points = sum(len(obj["pts"]) for obj in page.curves + page.lines)
            assert points > 20, f"{title}: no figure drawn"


def test_nothing_but_a_hint_goes_below_the_ground_line():
    for pid in FIGURED:
        art = figure_art(LIBRARY.poses[pid].figure)
        if art.view == "top":
            continue
        ground = art.items[0]
        assert ground.tone == "ground" and len({y for _, y in ground.points}) == 1, pid
        floor = ground.points[0][1] - ground.width / 2
        drawn = len(figure_art(replace(LIBRARY.poses[pid].figure, hints=())).items)
        for item in art.items[1:drawn]:  # the hints come last: their paper edge, then their ink
            if item.tone in ("hint", "ghost"):
                continue
            low = (
                item.centre[1] - item.radius
                if isinstance(item, Disc)
                else min(y for _, y in item.points) - item.width / 2
            )
            assert low >= floor - 1e-9, (pid, item.tone)


@pytest.mark.parametrize("sides", ["right first", "left first"])
def test_an_alternating_step_shows_the_side_it_starts_on(tmp_path, run, sides):
    """Knee drops alternate sides; with 'left first' the one figure drawn is the mirror image, reflected about
    the centre line of its box."""
    drawn = {}
    for order in dict.fromkeys(("right first", sides)):
        workspace = tmp_path / order.replace(" ", "-")
        (workspace / "sequences").mkdir(parents=True)
        (workspace / "sequences" / "s.yaml").write_text(
            f"title: Alternating\nsides: {order}\nsteps:\n  - pose: knee-drops\n    hold: 10 cycles\n", encoding="utf-8"
        )
        assert run("build", workspace=workspace).code == 0
        with pdfplumber.open(workspace / "build" / "s" / "booklet.pdf") as pdf:
            page = [p for p in pdf.pages if "Knee drops" in (p.extract_text() or "")][-1]  # its card, after the glance
            meta = max(w["bottom"] for w in page.extract_words() if w["text"] == "cycles")  # the badge line
            box_width, box_height = styles.FIGURE_BOXES["booklet"]
            drawn[order] = [
                pt
                for obj in page.curves + page.lines
                for pt in obj["pts"]
                if meta < obj["top"]
                and obj["bottom"] < meta + box_height + 12
                and obj["x1"] < styles.BOOKLET_PAGES["a4"].left + box_width + 8
            ]
    right, shown = drawn["right first"], drawn[sides]
    # the figure's box may be drawn full size or smaller (to share its page): the mirror line is where the two
    # drawings' mean points meet; every point of one is then the other's reflected (an unmirrored copy is not)
    axis_sum = (sum(x for x, _ in right) + sum(x for x, _ in shown)) / max(len(right), 1)
    expected = right if sides == "right first" else [(axis_sum - x, y) for x, y in right]
    assert len(right) > 20 and _same_points(expected, shown, tolerance=0.1)


def test_per_side_cards_draw_the_left_side_mirrored(tmp_path, examples, run):
    (examples / "studio.yaml").write_text("side_cards: per side\n", encoding="utf-8")
    assert run("build", "low-back-release", workspace=examples).code == 0
    box_width, box_height = styles.FIGURE_BOXES["booklet"]
    left_edge = styles.BOOKLET_PAGES["a4"].left
    drawn = []
    with pdfplumber.open(examples / "build" / "low-back-release" / "booklet.pdf") as pdf:
        for page in pdf.pages:
            if "Supine twist" not in (page.extract_text() or "") or "Supta" not in page.extract_text():
                continue
            meta = max(w["bottom"] for w in page.extract_words() if w["text"] == "breaths")
            drawn.append(
                [
                    pt
                    for obj in page.curves + page.lines
                    for pt in obj["pts"]
                    if meta < obj["top"]
                    and obj["bottom"] < meta + box_height + 12
                    and obj["x1"] < left_edge + box_width + 8
                ]
            )
    right, left = drawn
    # one card may be drawn with smaller pictures (to share its page) or lower (a badge line wrapping): the
    # shapes are compared within their own bounds, the right side's turned over left to right
    assert len(right) > 20 and _same_points(_in_bounds(right, mirror=True), _in_bounds(left), tolerance=0.01)
    assert not _same_points(_in_bounds(right), _in_bounds(left), tolerance=0.01)


def _in_bounds(points, mirror: bool = False) -> list[tuple[float, float]]:
    """Points as fractions of their bounding box's width (both axes, so the shape keeps its proportions)."""
    xs, ys = [x for x, _ in points], [y for _, y in points]
    width = max(xs) - min(xs)
    return [((max(xs) - x if mirror else x - min(xs)) / width, (y - min(ys)) / width) for x, y in points]


def test_a_figure_drawn_again_draws_exactly_what_a_fresh_drawing_would():
    """FigureBox repeats the operators of an earlier drawing of the same art in the same box; other boxes,
    sides and tones are drawn afresh."""
    from handouts.figures.art import figure_art, fit
    from handouts.layouts.figurebox import FigureBox, draw_art
    from handouts.layouts.styles import FIGURE_PAD, FIGURE_TONES

    art = figure_art(LIBRARY.poses["supine-twist"].figure)
    grey = {name: type(colour)(0.5, 0.5, 0.5) for name, colour in FIGURE_TONES.items()}
    for width, height, mirrored, tones in [
        (100, 60, False, None),
        (200, 120, False, None),
        (100, 60, True, None),
        (100, 60, False, grey),
        (100, 60, False, None),
        (200, 120, True, None),
    ]:
        canvas = Canvas(io.BytesIO())
        box = FigureBox(art, width, height, mirrored=mirrored, tones=tones)
        box.canv = canvas
        box.draw()
        fresh = Canvas(io.BytesIO())
        draw_art(fresh, fit(art.mirrored() if mirrored else art, width, height, FIGURE_PAD), tones)
        assert canvas._code == fresh._code, (width, height, mirrored, tones is grey)


# -- the figure style: feet, faces, working limbs, props, the key --------------------------------------------


def _standing(**kw) -> Figure:
    parts = {"right arm": (-90.0, -90.0), "right leg": (-90.0, -90.0)}
    parts.update(kw.pop("limbs", {}))
    return Figure(location=None, limbs=parts, **kw)


def _bounds(points) -> tuple[float, float, float, float]:
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return min(xs), min(ys), max(xs), max(ys)


def test_a_foot_is_a_wedge_from_heel_to_toes_the_way_its_angle_says():
    """The ankle of a straight standing leg is 0.49 below the hip; a foot 0.15 long has its heel a quarter of it
    behind the ankle (a round heel of radius 0.021) and its toes the rest in front (radius 0.009)."""
    flexed = _standing(limbs={"right leg": (-90.0, -90.0, 0.0)})  # a foot at a right angle: forward
    foot = art.limb_shapes("right leg", skeleton.build(flexed))[-1]
    x0, y0, x1, y1 = _bounds(foot)
    assert x1 == pytest.approx(0.1125 + 0.009, abs=1e-3)  # the toes, forward of the ankle
    assert x0 == pytest.approx(-0.0375 - 0.021, abs=1e-3)  # the heel, behind it
    assert y0 == pytest.approx(-0.49 - 0.021 + 0.8 * 0.021, abs=1e-3)  # the sole, on the heel-to-toes line
    assert y1 == pytest.approx(-0.49 + 0.8 * 0.021 + 0.021, abs=1e-3)  # the top, toward the shin
    heel_end = [p for p in foot if p[0] < -0.03]
    toe_end = [p for p in foot if p[0] > 0.1]
    assert max(y for _, y in heel_end) - min(y for _, y in heel_end) > 0.03  # thick at the heel ...
    assert max(y for _, y in toe_end) - min(y for _, y in toe_end) < 0.02  # ... narrow at the toes
    pointed = _standing(limbs={"right leg": (-90.0, -90.0, -90.0)})  # toes pointed: the foot goes on down
    x0, y0, x1, y1 = _bounds(art.limb_shapes("right leg", skeleton.build(pointed))[-1])
    assert y0 == pytest.approx(-0.49 - 0.1125 - 0.009, abs=1e-3)
    assert y1 == pytest.approx(-0.49 + 0.0375 + 0.021, abs=1e-3)


def test_limbs_taper_from_hip_to_ankle_and_shoulder_to_wrist():
    bones = skeleton.build(_standing(limbs={"right arm": (0.0, 0.0)}))  # the arm straight out in front
    upper, fore, hand = art.limb_shapes("right arm", bones)
    assert _bounds(upper)[3] - _bounds(upper)[1] == pytest.approx(2 * 0.03, abs=1e-3)  # at the shoulder
    assert _bounds(fore)[3] - _bounds(fore)[1] == pytest.approx(2 * 0.021, abs=1e-3)  # at the elbow
    thigh, shin, _ = art.limb_shapes("right leg", bones)
    assert _bounds(thigh)[2] - _bounds(thigh)[0] == pytest.approx(2 * 0.048, abs=1e-3)  # at the hip
    assert _bounds(shin)[2] - _bounds(shin)[0] == pytest.approx(2 * 0.03, abs=1e-3)  # at the knee
    assert min(y for _, y in shin) == pytest.approx(-0.49 - 0.018, abs=1e-3)  # round at the ankle
    assert _bounds(hand)[2] == pytest.approx(0.19 + 0.15 + 0.085, abs=1e-3)  # a mitten ending 0.085 past the wrist


def _nose(figure: Figure):
    """The head's centre and the tip of its nose (None when no nose is drawn)."""
    items = figure_art(figure).items
    head = next(i for i, item in enumerate(items) if isinstance(item, Disc) and item.radius == pytest.approx(0.065))
    nose = items[head + 1] if head + 1 < len(items) else None
    centre = items[head].centre
    if nose is None or isinstance(nose, Disc) or nose.tone != items[head].tone or len(nose.points) != 3:
        return centre, None
    return centre, nose.points[1]


# the nose tip is the head radius (0.065) plus the nose (0.036) = 0.101 out, 22 degrees toward the chin:
# 0.101 * cos 22 = 0.0936, 0.101 * sin 22 = 0.0378 (a nose of 0.026 was too small to show at card size which way
# a figure faced: arms reaching back were read as reaching forward)
@pytest.mark.parametrize(
    "spine, expected",
    [
        (90.0, (0.0936, -0.0378)),  # standing: the face forward, the nose a little below the head's middle
        (180.0, (0.0378, 0.0936)),  # lying on the back, head on the left: the face up, the nose toward the chin
        (0.0, (-0.0378, -0.0936)),  # lying on the front, head on the right: the face down
    ],
    ids=["standing", "supine", "prone"],
)
def test_the_face_is_on_the_forward_side_of_the_head(spine, expected):
    centre, tip = _nose(_standing(spine=(spine,)))
    assert (tip[0] - centre[0], tip[1] - centre[1]) == pytest.approx(expected, abs=2e-4)


def test_a_face_key_turns_the_face_and_reader_or_a_front_view_draws_none():
    centre, tip = _nose(_standing(face=180.0))  # looking back over the shoulder: the nose behind
    assert (tip[0] - centre[0], tip[1] - centre[1]) == pytest.approx((-0.0936, -0.0378), abs=2e-4)
    assert _nose(_standing(face="reader"))[1] is None
    assert _nose(_standing(view="front"))[1] is None
    centre, tip = _nose(_standing(view="top", spine=(180.0,), face=90.0))  # a top view looking to the side
    assert tip[1] - centre[1] > 0.07


def test_working_limbs_are_outlined_in_the_accent_and_distinct_in_grayscale():
    plain = {item.tone for item in figure_art(_standing()).items}
    working = figure_art(_standing(working=("right leg",)))
    assert "work" not in plain and "work_fill" not in plain
    tones = [item.tone for item in working.items]
    assert tones.count("work") == 3 and tones.count("work_fill") == 3  # thigh, shin, foot: outline, then fill
    outline = [item for item in working.items if item.tone == "work"]
    assert all(item.width == pytest.approx(2 * 0.01) and item.fill == "work" for item in outline)
    colour = styles.palette("#aa3300").figure
    assert colour["work"].hexval() == "0xaa3300"  # the studio's accent
    grey = styles.palette(None, grayscale=True).figure
    # the default accent #1f5f6b is 30 % light in grey, its fill (30 % white) 51 %: between near limbs (11 %) and
    # the palest, far ones (71 %), and outlined darker than both its fill and the far limbs
    assert grey["work"].red == pytest.approx(0.303, abs=2e-3)
    assert grey["work_fill"].red == pytest.approx(0.512, abs=2e-3)
    assert grey["far"].red == pytest.approx(0.713, abs=2e-3)
    assert grey["near"].red == pytest.approx(0.113, abs=2e-3)


def test_a_far_limb_that_works_is_drawn_as_working_and_the_others_stay_far():
    figure = _standing(working=("left leg",))
    tones = [item.tone for item in figure_art(figure).items]
    assert tones.count("work_fill") == 3 and tones.count("far") == 3  # the far arm: upper, forearm, hand


def test_a_ball_sits_on_the_floor_under_its_point_and_a_strap_loops_round_the_foot():
    from handouts.core.figure import Prop

    figure = Figure(
        location=None,
        spine=(180.0,),
        limbs={"right arm": (80.0, 80.0), "right leg": (90.0, 90.0)},
        props=(Prop("ball", ("waist",)), Prop("strap", ("right hand", "right foot"))),
    )
    items = figure_art(figure).items
    bones = skeleton.build(figure)
    ground = items[0].points[0][1] + items[0].width / 2
    ball = next(item for item in items if isinstance(item, Disc) and item.tone == "prop")
    assert ball.centre == pytest.approx((bones.points["waist"][0], ground + 0.05))
    strap = next(item for item in items if not isinstance(item, Disc) and item.tone == "prop")
    hand, foot = bones.points["right hand"], bones.points["right foot"]
    assert strap.points[0] == strap.points[-1] == hand  # both ends in the hand
    loop = strap.points[1:-1]
    assert all(math.hypot(x - foot[0], y - foot[1]) == pytest.approx(0.032) for x, y in loop)
    assert max(y for _, y in loop) == pytest.approx(foot[1] + 0.032, abs=1e-3)  # round the sole, beyond the foot


def _check(tmp_path, run, figure: str) -> list[str]:
    (tmp_path / "poses").mkdir()
    (tmp_path / "sequences").mkdir()
    (tmp_path / "poses" / "mine.yaml").write_text(
        "poses:\n  look:\n    name: Look\n    figure:\n"
        + figure
        + "      right arm: [-90, -90]\n      right leg: [-90, -90]\n",
        encoding="utf-8",
    )
    (tmp_path / "sequences" / "s.yaml").write_text("title: S\nsteps:\n  - pose: look\n", encoding="utf-8")
    result = run("check", workspace=tmp_path)
    assert result.code == 2
    return [line for line in (result.out + result.err).splitlines() if line.startswith("poses/")]


def test_a_bad_face_is_a_located_error(tmp_path, run):
    assert _check(tmp_path, run, "      face: sideways\n") == [
        "poses/mine.yaml:5:13: look.figure.face: unknown face direction 'sideways'; write a number "
        "(0 forward, 90 up, 180 back, -90 down) or one of: forward, up, back, down, reader"
    ]


def test_a_misspelt_face_word_is_named(tmp_path, run):
    assert _check(tmp_path, run, "      face: donw\n") == [
        "poses/mine.yaml:5:13: look.figure.face: unknown face direction 'donw'; did you mean 'down'?"
    ]


@pytest.mark.parametrize(
    "working, expected",
    [
        ("right knee", "5:16: look.figure.working: unknown limb 'right knee'; did you mean 'right leg'?"),
        (
            "[right leg, right leg]",
            "5:16: look.figure.working: 'right leg' is named twice; name each working limb once",
        ),
        (
            "[right leg, left leg, right arm]",
            "5:16: look.figure.working: expected one or two limbs, found 3: right leg, "
            "left leg, right arm; name only the one or two limbs that do the most work, e.g. 'right leg'",
        ),
    ],
    ids=["a point", "twice", "three"],
)
def test_a_bad_working_limb_is_a_located_error(tmp_path, run, working, expected):
    assert _check(tmp_path, run, f"      working: {working}\n") == [f"poses/mine.yaml:{expected}"]


LEGEND = {
    "far": "Paler: the far side",
    "working": "Outlined: the working limb",
    "ghost": "Dashed: where it starts",
    "top": "Seen from above",
}


def _booklet_text(path) -> list[str]:
    from pypdf import PdfReader

    return [" ".join(p.extract_text().split()) for p in PdfReader(path).pages]


def _one_step(tmp_path, run, pose: str, *options: str) -> str:
    ws = tmp_path / pose
    (ws / "sequences").mkdir(parents=True)
    (ws / "sequences" / "s.yaml").write_text(f"title: One\nsteps:\n  - pose: {pose}\n    hold: 5 breaths\n")
    assert run("build", "--format", "booklet", *options, workspace=ws).code == 0
    (pdf,) = (ws / "build").rglob("booklet.pdf")
    return " ".join(_booklet_text(pdf))


def test_the_booklet_draws_a_key_to_its_pictures_once_before_the_first_card(examples, run):
    """The low-back booklet has side views, a working leg (the strap stretches), a ghost (knee drops) and top
    views (the supine twist): after the glance table and before the first card, each entry's words once, beside
    its tiny figure, and the booklet keeps its 13 pages."""
    assert run("build", "low-back-release", workspace=examples).code == 0
    pages = _booklet_text(examples / "build" / "low-back-release" / "booklet.pdf")
    assert len(pages) == 13
    text = " ".join(pages)
    glance, card = text.index("The sequence at a glance"), text.index("Draw the knees toward you")
    for words in LEGEND.values():
        assert text.index("Sacral thumps 10 reps") < text.index(words) < card, words  # after the glance's last row
        assert text.count(words) == 1, words
    assert glance < card


@pytest.mark.parametrize(
    "pose, shown",
    [
        ("cobra", {"far"}),  # one plain side view: no working limb, no ghost, not from above
        ("corpse-pose", {"top"}),  # one top view, nothing else
        ("prone-knee-bend", {"far", "working"}),  # a side view with a working leg
        ("seated-marching", {"far", "ghost"}),  # a side view with the dashed leg it lifts from
        ("knee-drops", {"top", "ghost"}),  # from above, the knees on one side and dashed on the other
    ],
)
def test_the_key_shows_only_what_the_booklets_pictures_use(tmp_path, run, pose, shown):
    text = _one_step(tmp_path, run, pose)
    assert {entry for entry, words in LEGEND.items() if words in text} == shown


@pytest.mark.parametrize(
    "language, far",
    [
        ("de", "Heller: die abgewandte Seite"),
        ("es", "Más claro: el lado alejado"),
        ("fr", "Plus clair: le côté éloigné"),
    ],
)
def test_the_key_is_in_the_booklets_language(tmp_path, run, language, far):
    text = _one_step(tmp_path, run, "cobra", "--language", language).replace("\u00a0", " ")
    assert far in text
    assert LEGEND["far"] not in text


def test_the_key_stays_whole_on_one_page_in_a_long_grey_half_letter_booklet(tmp_path, run):
    """Thirty steps, half-letter pages, grayscale: all four entries on one page."""
    ws = tmp_path / "long"
    (ws / "sequences").mkdir(parents=True)
    poses = ["cobra", "prone-knee-bend", "knee-drops"] * 10
    steps = "".join(f"  - pose: {pose}\n    hold: 5 breaths\n" for pose in poses)
    (ws / "sequences" / "s.yaml").write_text(f"title: Long\nsteps:\n{steps}")
    assert run("build", "--format", "booklet", "--paper", "letter", "--grayscale", workspace=ws).code == 0
    pages = _booklet_text(ws / "build" / "s" / "booklet.pdf")
    (page,) = [text for text in pages if LEGEND["far"] in text]
    assert all(words in page for words in LEGEND.values())


def test_a_ghost_can_move_the_pelvis_and_what_hangs_from_it():
    """`pelvis: [forward, up]` under `ghost:` moves the ghost's pelvis, so a lifted pelvis can start on the floor:
    its spine and legs start there, and the dashed trunk is drawn (its head too, unless it stays where the body's
    is)."""
    figure = Figure(location=None, spine=(90.0,), limbs={"right arm": (-90.0, -90.0), "right leg": (-90.0, -90.0)})
    ghost = skeleton.build(figure, {"pelvis": (0.1, -0.2)})
    assert ghost.points["pelvis"] == pytest.approx((0.1, -0.2))
    assert ghost.points["shoulders"] == pytest.approx((0.1, 0.09))  # 0.29 above it
    assert ghost.points["right knee"] == pytest.approx((0.1, -0.445))  # 0.245 below it
    moved = replace(figure, ghost={"pelvis": (0.1, -0.2)})
    dashed = [i for i in figure_art(moved).items if isinstance(i, Stroke) and i.tone == "ghost"]
    assert len(dashed) == 2 + 2  # the trunk and the neck, the head's outline and its nose
    # a trunk that moves under a head that stays draws no second head: the shoulders of a spine at 225 are
    # 0.29 * cos 45 = 0.205 behind and below the pelvis, where a flat spine from (0.085, -0.205) ends too
    bridge = replace(figure, spine=(225.0,), neck=180.0, ghost={"pelvis": (0.085, -0.205), "spine": (180.0,)})
    assert skeleton.build(bridge, bridge.ghost).head[0] == pytest.approx(skeleton.build(bridge).head[0], abs=0.01)
    dashed = [i for i in figure_art(bridge).items if isinstance(i, Stroke) and i.tone == "ghost"]
    assert len(dashed) == 2  # the trunk and the neck only


def test_a_press_points_down_onto_its_point_and_a_bounce_lands_on_the_floor():
    from handouts.core.figure import Hint

    figure = Figure(
        location=None,
        spine=(180.0,),
        limbs={"right arm": (-2.0, -2.0), "right leg": (0.0, 0.0)},
        hints=(Hint("press", ("waist",), 0.2), Hint("bounce", ("pelvis",), 0.2)),
    )
    items = figure_art(figure).items
    ground = items[0].points[0][1] + items[0].width / 2
    ink = [i for i in items if i.tone == "hint"]
    press_line, press_head, *marks = ink
    waist = skeleton.build(figure).points["waist"]
    # the press: straight down over the waist, its tip just above the body's surface (0.046 + the 0.012 edge)
    assert {round(x, 6) for x, _ in press_line.points} == {round(waist[0], 6)}
    assert press_head.points[1] == pytest.approx((waist[0], waist[1] + 0.058))
    assert press_line.points[0][1] == pytest.approx(waist[1] + 0.258)  # 0.2 above the tip
    # the bounce: five marks fanning out under the floor line right under the pelvis, from 0.035 to
    # 0.035 + 0.08 below where it lands (0.05 * 1.6 = 0.08, shorter than its size 0.2); the middle one straight down
    *marks, drop, head = marks
    assert len(marks) == 5 and not any(m.fill for m in marks)
    assert all(max(y for _, y in m.points) < ground for m in marks)
    assert [c for p in marks[2].points for c in p] == pytest.approx([0.0, ground - 0.035, 0.0, ground - 0.115])
    assert marks[0].points[0][0] == pytest.approx(-marks[4].points[0][0])  # the fan is even either side
    # ... and beside the pelvis, on the side away from the shoulders (x 0.095), not over it, a straight arrow down
    # from 0.08 above the floor (at -0.066: the pelvis, at 0, lies lower than that least height) to 0.012, with
    # one filled head 0.04 long pointing down, the line stopping 0.04 * cos 30 * 0.6 = 0.0208 inside it
    assert ground == pytest.approx(-0.066, abs=0.001)
    assert head.fill == "hint"
    assert head.points[1] == pytest.approx((0.095, ground + 0.012))
    assert head.points[0][1] > head.points[1][1] and head.points[2][1] > head.points[1][1]
    assert [c for p in drop.points for c in p] == pytest.approx(
        [0.095, ground + 0.08, 0.095, ground + 0.0328], abs=0.0002
    )
    mirrored = figure_art(figure).mirrored()
    assert len(mirrored.items) == len(items)


def test_a_rub_loops_flat_on_the_floor_under_its_point():
    """Sacral circles was read as knee circles while its loop stood upright round the pelvis: a rub is a loop
    lying on the floor, seen from the side: an ellipse round the spot under the point, twice as wide as high."""
    from handouts.core.figure import Hint

    figure = Figure(
        location=None,
        spine=(180.0,),
        limbs={"right arm": (-2.0, -2.0), "right leg": (0.0, 0.0)},
        hints=(Hint("rub", ("pelvis",), 0.1),),
    )
    items = figure_art(figure).items
    ground = items[0].points[0][1] + items[0].width / 2
    line, head = [i for i in items if i.tone == "hint"]
    xs = [x for x, _ in line.points]
    ys = [y for _, y in line.points]
    # centred under the pelvis (x 0), 0.1 wide either side of it and 0.038 high (0.1 * 0.38): the loop runs from
    # 215 degrees round under the floor line to 0.1 in front, back over it and ends in its head at 115 degrees
    # (0.1 * cos 215 = -0.082; 0.038 * sin 115 = 0.034 above the floor)
    assert min(xs) == pytest.approx(-0.082, abs=0.002) and max(xs) == pytest.approx(0.1, abs=0.002)
    assert min(ys) == pytest.approx(ground - 0.038, abs=0.002)
    assert max(ys) == pytest.approx(ground + 0.038, abs=0.002)
    assert head.points[1][0] < 0 < head.points[0][0]  # the head points back along the near side of the loop
    assert ground == pytest.approx(-0.066, abs=0.001)  # the floor, not the pelvis (at 0), is its centre
    assert head.fill == "hint"


def test_a_rock_curls_round_its_point_away_from_the_shoulders():
    """Pelvic tilt was read as drawing the belly in while its arrow pressed down on the waist: a rock is a short
    curved arrow round the point, on the side away from the shoulders, turning counter-clockwise (the pubic bone
    tipping up, in the right side's figure); a negative size turns it the other way."""
    from handouts.core.figure import Hint

    def rock(size: float):
        figure = Figure(
            location=None,
            spine=(180.0,),
            limbs={"right arm": (-2.0, -2.0), "right leg": (60.0, -78.0)},
            hints=(Hint("rock", ("pelvis",), size),),
        )
        line, head = [i for i in figure_art(figure).items if i.tone == "hint"]
        return line.points, head.points[1]

    points, tip = rock(0.12)
    # the shoulders lie at (-0.29, 0), so away from them is 0 degrees: the arc runs from -30 to 80 degrees round
    # the pelvis (0, 0), 0.12 out: from (0.104, -0.060) up to its head, at (0.021, 0.118)
    assert points[0] == pytest.approx((0.104, -0.060), abs=0.002)
    assert tip == pytest.approx((0.021, 0.118), abs=0.002)
    assert all(math.hypot(x, y) == pytest.approx(0.12, abs=0.001) for x, y in points)
    assert min(x for x, _ in points) > 0  # all of it in front of the pelvis, none over the belly
    # turned the other way: from 30 down to -80 degrees
    points, tip = rock(-0.12)
    assert points[0] == pytest.approx((0.104, 0.060), abs=0.002)
    assert tip == pytest.approx((0.021, -0.118), abs=0.002)


def test_a_top_view_lies_on_a_mat_with_broad_legs_slim_arms_open_hands_and_toes_up_feet():
    """Fifth blind test: at card size the strap stretches from above could not tell arms from legs. Seen from
    above, a figure now lies on a mat 0.4 wide along its spine, limbs out to the side reaching past its edges; the
    legs are broader than the arms, a hand lies open with a thumb and a foot is a paddle broader at the toes."""
    figure = Figure(
        location=None,
        view="top",
        spine=(180.0,),
        limbs={"right arm": (-90.0, -90.0, -90.0), "right leg": (0.0, 0.0, 0.0)},
    )
    items = figure_art(figure).items
    mat = items[0]
    assert mat.fill == "mat"
    x0, y0, x1, y1 = _bounds(mat.points)
    assert (y0, y1) == pytest.approx((-0.2, 0.2))
    # along the spine from the top of the head (0.29 + 0.05 + 0.13 = 0.47 to the left of the pelvis) to the toes
    # (0.49 + 0.075 + 0.03 = 0.595 to the right: the ankle, then the paddle's toes), 0.06 more at each end
    assert (x0, x1) == pytest.approx((-0.53, 0.655), abs=1e-3)
    # the arms straight out from the shoulders (0.11 either side): the wrists 0.45 out, past the mat's edges
    points = skeleton.build(figure).points
    assert points["right wrist"] == pytest.approx((-0.29, -0.45)) and points["left wrist"] == pytest.approx(
        (-0.29, 0.45)
    )
    bones = skeleton.build(figure)
    thigh, shin, foot = art.limb_shapes("right leg", bones, "top")
    upper, fore, palm, thumb = art.limb_shapes("right arm", bones, "top")
    assert _bounds(thigh)[3] - _bounds(thigh)[1] == pytest.approx(2 * 0.058, abs=1e-3)  # 0.116 at the hip ...
    assert _bounds(upper)[2] - _bounds(upper)[0] == pytest.approx(2 * 0.026, abs=1e-3)  # ... 0.052 at the shoulder
    assert _bounds(shin)[3] - _bounds(shin)[1] == pytest.approx(2 * 0.038, abs=1e-3)  # a shin is broader ...
    assert _bounds(fore)[2] - _bounds(fore)[0] == pytest.approx(2 * 0.018, abs=1e-3)  # ... than a forearm
    # the foot: from the ankle (0.49 along the leg) a paddle 0.044 wide at the heel to 0.06 at the toes, 0.075 on
    _, fy0, fx1, fy1 = _bounds(foot)
    assert fx1 == pytest.approx(0.49 + 0.075 + 0.03, abs=1e-3) and fy1 - fy0 == pytest.approx(0.06, abs=1e-3)
    heel_end = [y for x, y in foot if x < 0.49]
    assert max(heel_end) - min(heel_end) < 0.045
    # the hand: a palm along the arm and a thumb turned 50 degrees off it toward the head (away from the pelvis)
    # from 0.022 past the wrist, 0.042 long at -140 with a round end of 0.009: x -0.29 - 0.042 cos 40 - 0.009
    assert _bounds(thumb)[0] == pytest.approx(-0.3312, abs=1e-3)
    assert _bounds(palm)[1] == pytest.approx(-0.45 - 0.058 - 0.022, abs=1e-3)
    # the same figure from the side keeps the slimmer legs and the mitten hands of the style notes
    side = replace(figure, view="side")
    assert len(art.limb_shapes("right arm", skeleton.build(side))) == 3


@pytest.mark.parametrize(
    "ghost, expected",
    [
        ("pelvis: 3", "6:17: look.figure.ghost.pelvis: expected two numbers (forward, up), found '3'"),
        ("pelvis: [0, -0.2, 1]", "6:17: look.figure.ghost.pelvis: expected two numbers (forward, up), found a list"),
    ],
)
def test_a_bad_ghost_pelvis_is_a_located_error(tmp_path, run, ghost, expected):
    (problem,) = _check(tmp_path, run, f"      ghost:\n        {ghost}\n")
    assert problem.startswith("poses/mine.yaml:" + expected), problem
    assert problem.endswith("; write them in brackets, in figure heights, e.g. [0, -0.2] for 0.2 lower")


def test_each_tiny_figure_of_the_key_shows_its_own_entry_only():
    """The key's far-side figure has pale limbs and nothing outlined or dashed; the working one an outlined limb
    and no pale ones; the moving one a dashed part and an arrow; the last is seen from above on its mat."""
    from handouts.layouts.figurekey import ENTRIES, used_entries

    tones = {
        key: {item.tone for item in figure_art(figure).items}
        | {getattr(i, "fill", "") for i in figure_art(figure).items}
        for key, figure in ENTRIES
    }
    assert "far" in tones["figure_legend_far"] and not tones["figure_legend_far"] & {"work", "ghost", "hint"}
    assert "work" in tones["figure_legend_working"] and not tones["figure_legend_working"] & {"far", "ghost"}
    assert {"ghost", "hint"} <= tones["figure_legend_ghost"] and "work" not in tones["figure_legend_ghost"]
    assert "mat" in tones["figure_legend_top"] and not tones["figure_legend_top"] & {"far", "work", "ghost"}
    figures = dict(ENTRIES)
    assert used_entries([]) == []
    assert used_entries([figures["figure_legend_top"]]) == ["figure_legend_top"]
    assert used_entries([figures["figure_legend_working"], figures["figure_legend_ghost"]]) == [
        "figure_legend_far",  # the moving figure is a side view
        "figure_legend_working",
        "figure_legend_ghost",
    ]
