"""The input reader's limits and refusals (yamlload, fields, holds, schema), beyond the case folders: where a
case folder cannot show it (a 50 MB file, a FIFO, the exact limits accepted), or the unit says it better."""

from __future__ import annotations

import json
import math
import os
import pathlib

import pytest
import yaml

from handouts.core import limits
from handouts.core.errors import HandoutError, Location, Problem
from handouts.reading.fields import scalar_value
from handouts.reading.schema import json_schemas
from handouts.reading.yamlload import load


def _workspace(tmp_path, text: str | bytes, name: str = "s.yaml"):
    folder = tmp_path / "ws" / "sequences"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return tmp_path / "ws"


# -- one problem, one line --------------------------------------------------------------------------------------
def test_a_problem_shows_control_characters_line_breaks_and_direction_marks_as_codes():
    problem = Problem(
        Location("sequences/s.yaml", 5, 11),
        "side: unknown side 'both\nx\x1b[31m\u202e\x00'",
        "use one of: both\r\t \ud800 Pādāṅguṣṭhāsana",
    )
    assert str(problem) == (
        "sequences/s.yaml:5:11: side: unknown side 'both\\nx\\x1b[31m\\u202e\\x00'; "
        "use one of: both\\r\\t \\ud800 Pādāṅguṣṭhāsana"
    )


def test_a_file_name_with_a_line_break_stays_on_its_line():
    problem = Problem(Location("sequences/a\nb.yaml", 1, 1), "the file is empty", "write something")
    assert str(problem) == "sequences/a\\nb.yaml:1:1: the file is empty; write something"


def test_a_value_with_a_line_break_and_an_escape_is_one_line_on_the_terminal(tmp_path, run):
    workspace = _workspace(
        tmp_path, 'title: T\nsteps:\n  - pose: bridge\n    hold: 5 breaths\n    side: "child\\npose \\e[31m"\n'
    )
    result = run("check", workspace=workspace)
    assert result.code == 2
    assert result.err == (
        "sequences/s.yaml:5:11: side: unknown side 'child\\npose \\x1b[31m'; use one of: "
        "alternate, both, left, left first, none, right, right first\n1 error in 1 file\n"
    )
    assert "\x1b" not in result.err


# -- the file before it is parsed -------------------------------------------------------------------------------
def test_a_huge_file_is_refused_by_its_size_without_being_opened(tmp_path, run, monkeypatch):
    workspace = _workspace(tmp_path, b"")
    with open(workspace / "sequences" / "s.yaml", "wb") as stream:
        stream.truncate(52_428_800)  # 50 MiB, sparse
    opened = []
    real_open = pathlib.Path.open
    monkeypatch.setattr(pathlib.Path, "open", lambda self, *a, **k: opened.append(self) or real_open(self, *a, **k))
    result = run("check", workspace=workspace)
    assert result.code == 2
    assert result.err == (
        "sequences/s.yaml:1:1: the file is 52.4 MB; handouts reads files of at most 1 MB; check "
        "that this is the file you meant (a sequence is a few KB), or split it into several "
        "files\n1 error in 1 file\n"
    )
    assert not [p for p in opened if p.name == "s.yaml"]


def test_a_file_of_exactly_the_limit_is_read(tmp_path, run):
    head = "title: Padded\nsteps:\n  - pose: bridge\n    hold: 5 breaths\n"
    padding = "#" * 99 + "\n"
    text = head + padding * ((1_000_000 - len(head)) // 100)
    text += "#" * (1_000_000 - len(text) - 1) + "\n"
    assert len(text.encode()) == limits.FILE_BYTES == 1_000_000
    result = run("check", workspace=_workspace(tmp_path, text))
    assert (result.code, result.err) == (0, "")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_refused_without_waiting_for_it(tmp_path):
    os.mkfifo(tmp_path / "pipe.yaml")
    with pytest.raises(HandoutError) as caught:
        load(tmp_path / "pipe.yaml", "poses/pipe.yaml")
    assert [str(p) for p in caught.value.problems] == [
        "poses/pipe.yaml: this is not a file that can be read (a folder or a device); give the name of a text file"
    ]


def test_a_byte_order_mark_at_the_start_is_accepted_and_counts_in_no_column(tmp_path, run):
    workspace = _workspace(tmp_path, "\ufefftitle: !!str T\nsteps:\n  - pose: bridg\n    hold: 5 breaths\n")
    result = run("check", workspace=workspace)
    assert result.err.startswith("sequences/s.yaml:1:8: the YAML tag '!!str' is not used in handouts files;")
    (workspace / "sequences" / "s.yaml").write_text(
        "\ufefftitle: T\nsteps:\n  - pose: bridg\n    hold: 5 breaths\n", encoding="utf-8"
    )
    result = run("check", workspace=workspace)
    assert result.err.startswith("sequences/s.yaml:3:11: unknown pose 'bridg';")


def test_windows_and_old_mac_line_ends_are_read_and_counted(tmp_path, run):
    crlf = "title: T\r\nsteps:\r\n  - pose: bridge\r\n    hold: 5 breaths\r\n"
    result = run("check", workspace=_workspace(tmp_path, crlf))
    assert (result.code, result.out) == (0, "sequences/s.yaml: ok, 1 step, about 1 min\n")
    result = run("check", workspace=_workspace(tmp_path, "title: T\rsteps: x\x07\r"))
    assert result.err.startswith("sequences/s.yaml:2:9: the file contains a control character (U+0007), ")


def test_an_exclamation_mark_inside_text_is_not_a_tag(tmp_path, run):
    text = (
        "title: Wake up!\nsteps:\n  - pose: bridge\n    hold: 5 breaths\n    note: Lift! Then lower.\n"
        "    cues: [Go!, \"!important\", '! too']\n"
    )
    result = run("check", workspace=_workspace(tmp_path, text))
    assert (result.code, result.err) == (0, "")


def test_a_tag_after_an_anchor_and_on_a_key_is_found(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("a: &x\n  !!map {b: 1}\n!!str c: *x\nd: [1, !t 2]\n", encoding="utf-8")
    with pytest.raises(HandoutError) as caught:
        load(path, "s.yaml")
    assert [str(p) for p in caught.value.problems] == [
        f"s.yaml:{line}:{col}: the YAML tag '{tag}' is not used in handouts files; delete the tag and write the "
        "value plainly (put quotes around text that starts with '!')"
        for line, col, tag in ((1, 4, "!!map"), (3, 1, "!!str"), (4, 8, "!t"))
    ]


# -- values ---------------------------------------------------------------------------------------------------
def _scalar(text: str):
    return yaml.compose(f"v: {text}", Loader=yaml.SafeLoader).value[0][1]


@pytest.mark.parametrize(
    "text, value",
    [
        ("5", 5),
        ("0x10", 16),
        ("2.5", 2.5),
        ("true", True),
        ("~", None),
        ("2024-13-45", "2024-13-45"),
        ("2024-01-01", "2024-01-01"),
        ("<<", "<<"),
        ("=", "="),
        ("9" * 400, math.inf),
        ("-" + "9" * 400, -math.inf),
    ],
)
def test_a_scalar_reads_as_a_number_or_stays_text(text, value):
    assert scalar_value(_scalar(text)) == value


def test_nan_reads_as_nan():
    assert math.isnan(scalar_value(_scalar(".NaN")))


# -- limits at their edge ---------------------------------------------------------------------------------------
def test_names_titles_and_texts_of_exactly_the_limit_are_accepted(tmp_path, run):
    name, title, cue, line = "n" * 120, "t" * 200, "c" * 2000, "p" * 200
    text = (
        f"title: {title}\nsubtitle: {title}\nintro: {cue}\nsteps:\n  - pose: bridge\n    name: {name}\n"
        f"    hold: {{breaths: 10000, then: {line}}}\n    cues: [{cue}]\n    props: [{line}]\n"
        f"  - series: {name}\n    steps:\n      - pose: bridge\n        hold: 10000 s\n"
    )
    result = run("check", workspace=_workspace(tmp_path, text))
    assert (result.code, result.err) == (0, "")
    assert (limits.NAME_CHARS, limits.TITLE_CHARS, limits.TEXT_CHARS, limits.NUMBER) == (120, 200, 2000, 10_000)


def test_a_sequence_of_exactly_the_step_limit_is_accepted(tmp_path, run):
    steps = "".join(f"  - pose: bridge\n    hold: {i} breaths\n" for i in range(1, 97))
    series = (
        "  - series: Strap series\n    steps:\n      - pose: supta-padangusthasana\n        hold: 5 breaths\n"
        "      - pose: supta-padangusthasana-open\n        hold: 5 breaths\n      - repeat: 1\n"
        "      - repeat: 2\n"
    )
    result = run("check", workspace=_workspace(tmp_path, "title: Hundred\nsteps:\n" + steps + series))
    assert limits.STEPS == 100
    assert result.code == 0
    assert result.out.startswith("sequences/s.yaml: ok, 98 steps, about ")  # a repeat is not numbered
    (tmp_path / "ws" / "sequences" / "s.yaml").write_text(
        "title: Hundred and one\nsteps:\n" + steps + series + "  - pose: bridge\n    hold: 5 breaths\n"
    )
    result = run("check", workspace=tmp_path / "ws")
    assert result.err == (
        "sequences/s.yaml:203:5: the sequence has 101 steps; a sequence may have at most 100 (each "
        "step of a series and each repeat counts); split it into two sequences\n1 error in 1 file\n"
    )


def test_the_json_schemas_tell_editors_the_limits():
    sequence = json_schemas()["sequence.schema.json"]
    props = sequence["properties"]
    step = props["steps"]["items"]["anyOf"][0]["properties"]
    assert props["title"]["maxLength"] == 200
    assert props["intro"]["maxLength"] == 2000
    assert step["name"]["maxLength"] == 120
    assert step["cues"]["anyOf"][0]["items"]["maxLength"] == 2000
    assert props["timing"]["properties"]["breath"]["maximum"] == 10_000
    assert json.dumps(sequence)  # still plain JSON


def test_the_readme_states_the_limits_of_limits_py():
    readme = (pathlib.Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Limits") :]
    section = section[: section.index("\n## ", 1)]
    assert f"at most {limits.FILE_BYTES // 1_000_000} MB" in section
    assert f"**Steps**: at most {limits.STEPS} in a sequence" in section
    assert f"name at most {limits.NAME_CHARS} characters" in section
    assert f"at most {limits.TITLE_CHARS}, each on one line" in section
    assert f"at most {limits.TEXT_CHARS:,}" in section
    assert f"is at most {limits.NUMBER:,}" in section
    assert f"a `video:` address at most {limits.VIDEO_CHARS} characters" in section
