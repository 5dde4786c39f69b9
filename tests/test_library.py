"""The pose library: what ships built in, and how a workspace adds to and changes it."""

from __future__ import annotations

import pytest
import yaml
from conftest import ROOT

from handouts.core.errors import Collector
from handouts.core.model import SideMode
from handouts.layouts.fonts import missing_characters
from handouts.pipeline.loading import load_workspace
from handouts.reading.library import load_library
from handouts.reading.workspace import Workspace


@pytest.fixture(scope="module")
def builtin():
    problems = Collector()
    library = load_library(None, problems)
    assert problems.problems == []
    return library


def test_every_builtin_pose_is_complete(builtin):
    assert len(builtin.poses) >= 30
    for pid, pose in builtin.poses.items():
        assert pose.name and pose.cues and pose.position, pid
        for text in (pose.name, pose.sanskrit or "", *pose.cues, *pose.cautions, *pose.easier, *pose.deeper):
            assert missing_characters(text) == [], (pid, text)


def test_every_example_uses_known_poses():
    used = set()
    for path in (p for p in (ROOT / "sequences").glob("*.yaml") if "." not in p.stem):  # not translations

        def walk(steps):
            for step in steps:
                if "steps" in step:
                    walk(step["steps"])
                elif "pose" in step:
                    used.add(step["pose"])

        walk(yaml.safe_load(path.read_text(encoding="utf-8"))["steps"])
    library = load_workspace(Workspace(ROOT), []).library
    assert used and all(library.get(pid) for pid in used)


def test_sanskrit_names_are_iast(builtin):
    assert builtin.poses["supta-padangusthasana"].sanskrit == "Supta P\u0101d\u0101\u1e45gu\u1e63\u1e6dh\u0101sana"
    for pose in builtin.poses.values():
        assert not any("\u0900" <= c <= "\u097f" for c in pose.sanskrit or ""), pose.id


def test_aliases_find_their_pose(builtin):
    assert builtin.get("spinal-twist").id == "supine-twist"
    assert builtin.get("eye of the needle").id == "reclined-figure-four"
    assert builtin.get("no-such-pose") is None


def test_a_workspace_changes_only_the_fields_it_gives(tmp_path, builtin):
    (tmp_path / "poses").mkdir()
    (tmp_path / "poses" / "studio.yaml").write_text(
        "poses:\n  bridge:\n    cues: [Our own bridge cue.]\n"
        "  wall-angels:\n    name: Wall angels\n    sides: none\n    position: standing\n    cues: [Slide.]\n",
        encoding="utf-8",
    )
    problems = Collector()
    library = load_library(Workspace(tmp_path), problems)
    assert problems.problems == []
    bridge = library.poses["bridge"]
    assert bridge.cues == ("Our own bridge cue.",)
    assert bridge.name == builtin.poses["bridge"].name and bridge.sanskrit == builtin.poses["bridge"].sanskrit
    assert str(bridge.location) == "poses/studio.yaml:2:3"
    assert library.poses["wall-angels"].sides is SideMode.NONE


def test_a_new_workspace_pose_needs_a_name(tmp_path):
    (tmp_path / "poses").mkdir()
    (tmp_path / "poses" / "studio.yaml").write_text("poses:\n  wall-angels:\n    cues: [Slide.]\n", encoding="utf-8")
    problems = Collector()
    load_library(Workspace(tmp_path), problems)
    assert [str(p) for p in problems.problems] == [
        "poses/studio.yaml:2:3: the new pose 'wall-angels' has no name; add 'name: ...' below it "
        "(or fix the id if you meant a built-in pose)"
    ]


@pytest.mark.parametrize("code", ["de", "es", "fr"])
def test_every_built_in_pose_has_its_words_in_each_language(code):
    """Every built-in pose has its name, cues, cautions, easier, deeper and props in German, Spanish and French:
    the translated library warns of nothing, and each field holds as many texts as the English, all of them
    read from the translation (its language), no sentence left as the English words."""
    from handouts.core.errors import Collector
    from handouts.reading.library import load_library

    english = load_library(None, Collector())
    translated, problems = english.translated(code)
    assert problems == []
    assert len(english.poses) == len(translated.poses) == 92  # 52, 13 restorative, 13 from the programme, 14 on a chair
    for pid, pose in english.poses.items():
        other = translated.poses[pid]
        assert other.sanskrit == pose.sanskrit and other.figure is pose.figure, pid
        for field in ("name", "cues", "cautions", "easier", "deeper", "props"):
            mine, theirs = getattr(pose, field), getattr(other, field)
            texts = (mine,) if field == "name" else mine
            others = (theirs,) if field == "name" else theirs
            assert len(texts) == len(others), (pid, field)
            for english_text, text in zip(texts, others):
                assert text.language == code, (pid, field, str(text))
                # a pose's name may be the same word (Sphinx, Cobra); a sentence is never left in English
                assert field in ("name", "props") or str(text) != str(english_text), (pid, field, str(text))


def test_the_restorative_poses_are_built_in_with_their_props_figures_and_words(builtin):
    """Restorative poses held on props, and the ball releases: each drawn with its prop, named in every language."""
    from handouts.figures.art import Disc, figure_art

    legs = builtin.poses["legs-up-the-wall"]
    assert (legs.name, legs.sanskrit, legs.position) == ("Legs up the wall", "Viparīta Karaṇī", "supine")
    assert builtin.get("viparita karani").id == "legs-up-the-wall"
    assert builtin.get("makarasana").id == "crocodile"
    assert builtin.poses["ball-on-psoas"].sides is SideMode.BOTH
    assert builtin.poses["supported-savasana"].sides is SideMode.NONE
    props = {
        pid: [(p.kind, p.at) for p in builtin.poses[pid].figure.props]
        for pid in ("legs-up-the-wall", "waterfall", "supported-savasana", "ball-on-psoas", "ball-on-the-wall")
    }
    assert props == {
        "legs-up-the-wall": [("wall", ("right heel",))],
        "waterfall": [("block", ("pelvis",))],
        "supported-savasana": [("bolster", ("right knee",)), ("towel", ("head",))],
        "ball-on-psoas": [("ball", ("pelvis",))],
        "ball-on-the-wall": [("ball", ("chest",)), ("wall", ("chest",))],
    }
    # the ball is drawn: a disc outlined in the prop tone, 0.05 figure heights across its radius
    balls = [
        item
        for item in figure_art(builtin.poses["ball-on-psoas"].figure).items
        if isinstance(item, Disc) and item.tone == "prop"
    ]
    assert [round(b.radius, 3) for b in balls] == [0.05]
    cautions = [str(c) for c in builtin.poses["ball-on-psoas"].cautions]
    assert cautions == [
        "Leave this out in pregnancy, after abdominal surgery and with a hernia.",
        "Stop at once if you feel a pulsing under the ball or a sharp or spreading pain.",
    ]
    names = {
        code: {
            pid: str(builtin.translated(code)[0].poses[pid].name)
            for pid in ("supported-child-pose", "crocodile", "ball-beside-spine")
        }
        for code in ("de", "es", "fr")
    }
    assert names == {
        "de": {
            "supported-child-pose": "Gestützte Haltung des Kindes",
            "crocodile": "Krokodil in Bauchlage",
            "ball-beside-spine": "Ball neben der Wirbelsäule",
        },
        "es": {
            "supported-child-pose": "Postura del niño con apoyo",
            "crocodile": "Cocodrilo",
            "ball-beside-spine": "Pelota junto a la columna",
        },
        "fr": {
            "supported-child-pose": "Posture de l'enfant soutenue",
            "crocodile": "Crocodile",
            "ball-beside-spine": "Balle le long de la colonne",
        },
    }


def test_the_programme_poses_are_in_the_library_with_their_figures_and_words(builtin):
    """The clinical programme's poses (handouts/poses/programme.yaml): found by id and by the names teachers use,
    each drawn, with its Sanskrit where there is one, and its name in every language of the library."""
    assert builtin.get("crescent-moon").id == builtin.get("standing side bend").id == "crescent-moon"
    assert "crescent moon" not in builtin.poses["low-lunge"].aliases  # the programme's crescent moon stands
    assert builtin.get("knee plank").id == "half-plank"
    assert builtin.get("forward bend with wall assist").id == "standing-forward-bend-wall"
    assert builtin.get("halfway-lift").id == "flat-back-forward-bend"  # the library's halfway lift, not a copy
    poses = {
        pid: builtin.poses[pid]
        for pid in (
            "baby-dancer",
            "crescent-moon",
            "upward-salute",
            "plank",
            "table-top-leg-extended",
            "warrior-1-wall",
        )
    }
    assert {pid: (pose.position, pose.sides) for pid, pose in poses.items()} == {
        "baby-dancer": ("standing", SideMode.BOTH),
        "crescent-moon": ("standing", SideMode.BOTH),
        "upward-salute": ("standing", SideMode.NONE),
        "plank": ("all-fours", SideMode.NONE),
        "table-top-leg-extended": ("all-fours", SideMode.BOTH),
        "warrior-1-wall": ("standing", SideMode.BOTH),
    }
    assert all(pose.figure is not None for pose in poses.values())
    assert poses["crescent-moon"].figure.view == "front"
    assert [(p.kind, p.at) for p in poses["warrior-1-wall"].figure.props] == [("wall", ("left heel",))]
    assert [(p.kind, p.at) for p in poses["baby-dancer"].figure.props] == [("wall", ("left hand",))]
    assert (poses["upward-salute"].sanskrit, poses["upward-salute"].devanagari) == (
        "\u016ardhva Hast\u0101sana",
        "\u090a\u0930\u094d\u0927\u094d\u0935 \u0939\u0938\u094d\u0924\u093e\u0938\u0928",
    )
    assert poses["baby-dancer"].sanskrit is None and poses["table-top-leg-extended"].sanskrit is None
    names = {
        code: {pid: str(builtin.translated(code)[0].poses[pid].name) for pid in poses} for code in ("de", "es", "fr")
    }
    assert names["de"] == {
        "baby-dancer": "Kleiner Tänzer",
        "crescent-moon": "Mondsichel im Stehen",
        "upward-salute": "Arme nach oben",
        "plank": "Brett",
        "table-top-leg-extended": "Vierfüßlerstand mit gestrecktem Bein",
        "warrior-1-wall": "Krieger I an der Wand",
    }
    assert names["es"]["crescent-moon"] == "Luna creciente de pie" and names["es"]["plank"] == "Plancha"
    assert names["fr"]["baby-dancer"] == "Petit danseur" and names["fr"]["warrior-1-wall"] == "Guerrier I au mur"


def test_the_sun_salutation_of_the_format_notes_builds(tmp_path, run):
    """docs/format.md's gentle sun salutation, a series of library poses with repeats, builds as written: every
    step is on the booklet's cards under its name, the way back up as the steps again."""
    import re

    from pypdf import PdfReader

    notes = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    section = notes[notes.index("### A sun salutation as a short series") :]
    (tmp_path / "sequences").mkdir()
    (tmp_path / "sequences" / "sun.yaml").write_text(
        re.search(r"```yaml\n(.*?)```", section, re.S).group(1), encoding="utf-8"
    )
    result = run("build", workspace=tmp_path)
    assert result.code == 0 and "error" not in result.err, result.err
    text = " ".join(page.extract_text() for page in PdfReader(tmp_path / "build" / "sun" / "booklet.pdf").pages)
    text = " ".join(text.split())
    for label, name in (
        ("1a", "Mountain"),
        ("1b", "Upward salute"),
        ("1c", "Standing forward bend"),
        ("1d", "Halfway lift"),
        ("1e", "Half plank"),
        ("1f", "Child's pose"),
        ("1g", "Table top"),
        ("1c again", "Standing forward bend"),
        ("1d again", "Halfway lift"),
        ("1b again", "Upward salute"),
        ("1a again", "Mountain"),
    ):
        assert f"{label} {name}" in text, (label, name)
    for name in ("Standing forward bend, again", "Halfway lift, again", "Upward salute, again", "Mountain, again"):
        assert name in text, name
    assert "Sun salutation · Do 1a–1g one after the other" in text


def test_the_chair_poses_sit_on_or_hold_a_chair_that_every_figure_draws(builtin):
    """The chair-yoga poses (handouts/poses/chair.yaml): seated on the chair or standing and holding it, a chair
    in every figure, their own names in German, Spanish and French, and the aliases teachers use."""
    expected = {  # id: position, sides, German, Spanish, French name
        "seated-mountain": ("seated", SideMode.NONE, "Berg im Sitzen", "Montaña sentada", "Montagne assise"),
        "seated-cat-cow": (
            "seated",
            SideMode.NONE,
            "Katze-Kuh im Sitzen",
            "Gato-vaca en la silla",
            "Chat-vache sur chaise",
        ),
        "seated-figure-four": (
            "seated",
            SideMode.BOTH,
            "Taube auf dem Stuhl",
            "Figura del cuatro en la silla",
            "Figure en 4 sur chaise",
        ),
        "seated-marching": ("seated", SideMode.ALTERNATE, "Marschieren im Sitzen", "Marcha sentada", "Marche assise"),
        "chair-dog": ("standing", SideMode.NONE, "Hund am Stuhl", "Perro en la silla", "Chien sur chaise"),
        "chair-side-stretch": (
            "standing",
            SideMode.BOTH,
            "Seitdehnung am Stuhl",
            "Estiramiento lateral con silla",
            "Étirement latéral avec chaise",
        ),
    }
    languages = {code: builtin.translated(code)[0] for code in ("de", "es", "fr")}
    for pid, (position, sides, *names) in expected.items():
        pose = builtin.poses[pid]
        assert pose.location.file == "handouts/poses/chair.yaml", pid
        assert (pose.position, pose.sides) == (position, sides), pid
        assert [str(prop) for prop in pose.props] == ["chair"], pid
        assert [prop.kind for prop in pose.figure.props] == ["chair"], pid
        assert [str(languages[code].poses[pid].name) for code in ("de", "es", "fr")] == names, pid
    # the movement shows both states: arched back drawn, rounded back as the ghost
    assert set(builtin.poses["seated-cat-cow"].figure.ghost) == {"spine", "neck", "head", "right arm"}
    assert builtin.poses["seated-cat-cow"].figure.spine == (58.0, 84.0, 98.0)
    eagle = builtin.poses["seated-eagle-arms"]
    assert (str(eagle.sanskrit), str(eagle.devanagari)) == ("Garu\u1e0d\u0101sana", "गरुडासन")
    assert builtin.poses["seated-mountain"].sanskrit is None
    assert builtin.get("chair pigeon").id == "seated-figure-four"
    assert builtin.get("downward dog at a chair").id == "chair-dog"
    assert languages["de"].get("Adlerarme").id == "seated-eagle-arms"
