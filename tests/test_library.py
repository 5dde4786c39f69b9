"""The pose library: what ships built in, and how a workspace adds to and changes it."""
from __future__ import annotations

import pytest
import yaml

from handouts.build import load_workspace
from handouts.errors import Collector
from handouts.fonts import missing_characters
from handouts.library import load_library
from handouts.model import SideMode
from handouts.workspace import Workspace

from conftest import ROOT


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
        encoding="utf-8")
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
        "(or fix the id if you meant a built-in pose)"]


@pytest.mark.parametrize("code", ["de", "es", "fr"])
def test_every_built_in_pose_has_its_words_in_each_language(code):
    """Every built-in pose has its name, cues, cautions, easier, deeper and props in German, Spanish and French:
    the translated library warns of nothing, and each field holds as many texts as the English, all of them
    read from the translation (its language), no sentence left as the English words."""
    from handouts.errors import Collector
    from handouts.library import load_library
    english = load_library(None, Collector())
    translated, problems = english.translated(code)
    assert problems == []
    assert len(english.poses) == len(translated.poses) == 66  # 52, and 14 on a chair (chair.yaml)
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


def test_the_chair_poses_sit_on_or_hold_a_chair_that_every_figure_draws(builtin):
    """The chair-yoga poses (handouts/poses/chair.yaml): seated on the chair or standing and holding it, a chair
    in every figure, their own names in German, Spanish and French, and the aliases teachers use."""
    expected = {  # id: position, sides, German, Spanish, French name
        "seated-mountain": ("seated", SideMode.NONE, "Berg im Sitzen", "Montaña sentada", "Montagne assise"),
        "seated-cat-cow": ("seated", SideMode.NONE, "Katze-Kuh im Sitzen", "Gato-vaca en la silla",
                           "Chat-vache sur chaise"),
        "seated-figure-four": ("seated", SideMode.BOTH, "Taube auf dem Stuhl", "Figura del cuatro en la silla",
                               "Figure en 4 sur chaise"),
        "seated-marching": ("seated", SideMode.ALTERNATE, "Marschieren im Sitzen", "Marcha sentada",
                            "Marche assise"),
        "chair-dog": ("standing", SideMode.NONE, "Hund am Stuhl", "Perro en la silla", "Chien sur chaise"),
        "chair-side-stretch": ("standing", SideMode.BOTH, "Seitdehnung am Stuhl", "Estiramiento lateral con silla",
                               "Étirement latéral avec chaise"),
    }
    languages = {code: builtin.translated(code)[0] for code in ("de", "es", "fr")}
    for pid, (position, sides, *names) in expected.items():
        pose = builtin.poses[pid]
        assert pose.location.file == "handouts/poses/chair.yaml", pid
        assert (pose.position, pose.sides) == (position, sides), pid
        assert [str(prop) for prop in pose.props] == ["chair"], pid
        assert [prop.kind for prop in pose.figure.props] == ["chair"], pid
        assert [str(languages[code].poses[pid].name) for code in ("de", "es", "fr")] == names, pid
    # the movement shows both states: rounded back drawn, arched back as the ghost
    assert set(builtin.poses["seated-cat-cow"].figure.ghost) == {"spine", "neck", "head", "right arm"}
    assert builtin.poses["seated-cat-cow"].figure.spine == (100.0, 80.0, 55.0)
    eagle = builtin.poses["seated-eagle-arms"]
    assert (str(eagle.sanskrit), str(eagle.devanagari)) == ("Garu\u1e0d\u0101sana", "गरुडासन")
    assert builtin.poses["seated-mountain"].sanskrit is None
    assert builtin.get("chair pigeon").id == "seated-figure-four"
    assert builtin.get("downward dog at a chair").id == "chair-dog"
    assert languages["de"].get("Adlerarme").id == "seated-eagle-arms"
