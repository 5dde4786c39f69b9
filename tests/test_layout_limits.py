"""Everything within the limits (handouts/limits.py) lays out in every product, or `check` refuses it first:
long words break with a printed hyphen, long texts flow, and check's verdict on the cheat sheet is build's."""

from __future__ import annotations

import pytest
import yaml
from pypdf import PdfReader

from handouts.core import limits

WORD = ("Verylongword" * 20)[: limits.NAME_CHARS]  # one word of NAME_CHARS letters
TEXT_WORD = ("Verylongword" * 200)[: limits.TEXT_CHARS]  # one word of TEXT_CHARS letters
TEXT_SPACED = ("Breathe slowly into the back of the ribs. " * 60)[: limits.TEXT_CHARS].strip()
TITLE = ("Longtitleword" * 20)[: limits.TITLE_CHARS]
LINE_WORD = ("Verylongword" * 20)[: limits.TITLE_CHARS]  # one word as long as a one-line text may be (a hold's then)
LINE_SPACED = ("Come back to the centre slowly. " * 10)[: limits.TITLE_CHARS].strip()


def _workspace(root, steps: list, **top) -> None:
    (root / "sequences").mkdir(parents=True, exist_ok=True)
    sequence = {"title": top.pop("title", "Limits"), **top, "steps": steps}
    (root / "sequences" / "s.yaml").write_text(
        yaml.safe_dump(sequence, allow_unicode=True, width=10**6), encoding="utf-8"
    )


def _text(pdf) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(pdf).pages)


def test_names_and_texts_at_their_limits_build_in_every_product(tmp_path, run):
    steps = [
        {
            "pose": "supine-twist",
            "name": WORD,
            "sanskrit": ("Pādāṅguṣṭhāsana" * 10)[: limits.NAME_CHARS],
            "side": "both",
            "hold": {"breaths": 5, "then": LINE_WORD},
            "cues": [TEXT_WORD, TEXT_SPACED],
            "cautions": [TEXT_SPACED],
            "note": TEXT_WORD,
            "transition": TEXT_SPACED,
        },
        {
            "series": WORD,
            "note": TEXT_SPACED,
            "steps": [
                {
                    "name": " ".join(["Stretch"] * 15)[: limits.NAME_CHARS],
                    "hold": {"breaths": 3, "then": LINE_SPACED},
                    "cues": [TEXT_SPACED],
                },
                {"pose": "mountain", "hold": "5 breaths", "easier": [TEXT_WORD]},
            ],
        },
    ]
    _workspace(tmp_path, steps, title=TITLE, intro=TEXT_WORD, cautions=[TEXT_WORD])
    (tmp_path / "studio.yaml").write_text(
        yaml.safe_dump({"studio": LINE_WORD, "disclaimer": TEXT_WORD}), encoding="utf-8"
    )
    (tmp_path / "clients.yaml").write_text(
        yaml.safe_dump(
            {
                "clients": [
                    {
                        "name": "Ann Example",
                        "email": "ann@example.org",
                        "notes": [TEXT_WORD],
                        "handouts": ["s", "s cheatsheet", "s matcard"],
                    }
                ]
            }
        ),
        encoding="utf-8",
    )
    assert run("check", "--clients", "clients.yaml", workspace=tmp_path).code == 0
    for paper in ("a4", "letter"):
        out = tmp_path / paper
        result = run(
            "build",
            "--paper",
            paper,
            "--format",
            "booklet",
            "--format",
            "cheatsheet",
            "--format",
            "matcard",
            "--out",
            str(out),
            workspace=tmp_path,
        )
        assert result.code == 0, result.err
        assert sorted(p.name for p in (out / "s").iterdir()) == [
            "booklet-print.pdf",
            "booklet.pdf",
            "cheatsheet.pdf",
            "how-to-print.pdf",
            "matcard.pdf",
        ]
        booklet = _text(out / "s" / "booklet.pdf")
        # the long word is broken over lines, each piece but the last ending in a printed hyphen
        pieces = [line for line in booklet.split("\n") if line.startswith(("Verylong", "longword"))]
        assert sum(p.endswith("-") for p in pieces) > 20
        # nothing of it cut off: joined again, the pieces hold the long texts' words (note, cue, hold, intro ...)
        assert booklet.replace("-\n", "").count("Verylongword") >= 5 * (limits.TEXT_CHARS // 12)
    result = run("build", "--clients", "clients.yaml", "--out", str(tmp_path / "c"), workspace=tmp_path)
    assert result.code == 0, result.err
    assert len(list((tmp_path / "c" / "clients").rglob("*.pdf"))) == 3


@pytest.mark.parametrize("steps, pose, verdict", [(100, None, 0), (100, "supine-twist", 2), (45, "supine-twist", 0)])
def test_check_says_what_build_finds_about_the_cheat_sheet(tmp_path, run, steps, pose, verdict):
    items = [
        {"pose": pose, "side": "both", "hold": "5 breaths"} if pose else {"name": f"Step {i}", "hold": "3 breaths"}
        for i in range(steps)
    ]
    _workspace(tmp_path, items)
    check = run("check", workspace=tmp_path)
    build = run("build", "--format", "cheatsheet", "--format", "matcard", "--paper", "letter", workspace=tmp_path)
    assert (check.code, build.code) == (verdict, verdict), build.err
    if verdict:
        refusal = (
            "sequences/s.yaml:1:1: the cheat sheet cannot fit 100 steps on two pages with text of 8 pt or "
            "more; hand out the booklet instead, or split the sequence into shorter ones ('--pages' allows "
            "at most 2)\n"
        )
        assert check.err.endswith(refusal + "1 error in 1 file\n")
        assert build.err.endswith(refusal + "1 error in 1 file; nothing was written\n")
        assert not (tmp_path / "build").exists()
