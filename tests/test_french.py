"""The French text handouts ships: the labels table reads as French around the author's words, and every
built-in pose has a French text with the English pose's fields, counts and placeholders."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from handouts.core.errors import Location
from handouts.core.model import Amount, Hold, Side, SideMode, Text
from handouts.reading.labels import Labels, built_in_table

POSES = Path(__file__).resolve().parent.parent / "handouts" / "poses"
GROUPS = sorted(
    p.stem for p in (Path(__file__).resolve().parent.parent / "handouts" / "poses").glob("*.yaml") if "." not in p.stem
)
FIELDS = ("name", "cues", "cautions", "easier", "deeper", "props")


@pytest.fixture
def french() -> Labels:
    return Labels("fr", built_in_table("fr"))


def test_side_badges_use_french_letters_and_arrows(french):
    assert french.side_badge(SideMode.BOTH, (Side.RIGHT, Side.LEFT)) == "D \u2192 G"
    assert french.side_badge(SideMode.BOTH, (Side.LEFT, Side.RIGHT)) == "G \u2192 D"
    assert french.side_badge(SideMode.ALTERNATE, (Side.RIGHT, Side.LEFT)) == "D \u2194 G"
    assert french.side_badge(SideMode.ONE, (Side.LEFT,)) == "G seulement"


def test_series_banners_and_repeats_read_as_one_french_sentence(french):
    both = french.series_banner("6a", "6b", SideMode.BOTH, (Side.LEFT, Side.RIGHT))
    assert both == "Faites 6a\u20136b à gauche, puis toute la série à droite"
    assert french.series_banner("5a", "5c", SideMode.ONE, (Side.RIGHT,)) == "Faites 5a\u20135c à droite seulement"
    assert french.series_banner("2a", "2b", SideMode.NONE, ()) == "Enchaînez 2a\u20132b dans l'ordre"
    assert (
        french.series_side_marker(SideMode.BOTH, (Side.RIGHT, Side.LEFT))
        == "Dans la série, d'abord à droite, puis à gauche"
    )
    assert french.repeat_label("5a") == "5a bis"


def test_holds_join_french_text_with_puis(french):
    at = Location("sequences/x.fr.yaml", 3, 5)
    hold = Hold(breaths=Amount(3, 3), reps=Amount(3, 3), then=Text("redressez-vous entre chaque série", at, "then"))
    assert french.hold_label(hold) == "3 \u00d7 3 respirations, puis redressez-vous entre chaque série"
    already = Hold(breaths=Amount(5, 5), then=Text("puis reposez le pied", at, "then"))
    assert french.hold_label(already) == "5 respirations, puis reposez le pied"
    assert french.hold_label(Hold(circles=Amount(5, 5), each_way=True)) == "5 cercles dans chaque sens"


def test_the_working_side_fills_a_french_cue(french):
    cue = "Posez le pied {{ side }} sur le genou {{ other_side }}."
    assert french.sided(cue, Side.LEFT) == "Posez le pied gauche sur le genou droit."
    assert (
        french.sided(cue, None, (Side.RIGHT, Side.LEFT))
        == "Posez le pied droit (puis gauche) sur le genou gauche (puis droit)."
    )


def test_one_colon_style_throughout_the_french_table():
    phrases = [p for v in built_in_table("fr").values() for p in (v if isinstance(v, list) else [v])]
    assert [p for p in phrases if re.search(r"[\s\u00a0\u202f][:;]", p)] == []


@pytest.mark.parametrize("group", GROUPS)
def test_every_built_in_pose_has_its_french_text(group):
    english = yaml.safe_load((POSES / f"{group}.yaml").read_text(encoding="utf-8"))["poses"]
    french = yaml.safe_load((POSES / f"{group}.fr.yaml").read_text(encoding="utf-8"))["poses"]
    assert list(french) == list(english)
    for pid, pose in english.items():
        given = french[pid]
        assert set(given) - {"aliases"} == {k for k in FIELDS if k in pose}, pid
        for key in given.keys() & set(FIELDS):
            if isinstance(pose[key], list):
                assert isinstance(given[key], list) and len(given[key]) == len(pose[key]), (pid, key)
            else:
                assert isinstance(given[key], str) and given[key].strip(), (pid, key)
            texts = given[key] if isinstance(given[key], list) else [given[key]]
            originals = pose[key] if isinstance(pose[key], list) else [pose[key]]
            for mine, theirs in zip(texts, originals):
                assert re.findall(r"\{\{.*?\}\}", mine) == re.findall(r"\{\{.*?\}\}", theirs), (pid, key)
        assert 1 <= len(given.get("aliases", [])) <= 4, pid


def test_camilles_booklet_prints_french_labels(run, examples, tmp_path):
    (examples / "clients.yaml").write_text(
        "clients:\n  - name: Camille Martin\n    email: camille@example.org\n    language: fr\n"
        "    handouts: [desk-break]\n",
        encoding="utf-8",
    )
    result = run(
        "build", "--clients", "clients.yaml", "--date", "2026-05-01", "--out", str(tmp_path / "out"), workspace=examples
    )
    assert result.code == 0, result.err
    pdf = tmp_path / "out" / "clients" / "camille-martin" / "desk-break.pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    for phrase in (
        "Préparé pour Camille Martin",
        "1 mai 2026",
        "Faites 6a\u20136b à gauche, puis toute la série à droite",
        "Dans la série, d'abord à gauche, puis à droite",
        "5 cercles dans chaque sens",
        "Journal de pratique",
    ):
        assert phrase in text, phrase
