"""The command line: help, list, new, poses, schema, exit codes and what reaches the terminal."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import CASES, ROOT, snapshot


@pytest.mark.parametrize("command", ["build", "check", "list", "mail", "new", "poses", "schema"])
def test_every_command_has_help(command, capsys):
    from handouts.commands.cli import main

    with pytest.raises(SystemExit) as exit_:
        main([command, "--help"])
    assert exit_.value.code == 0
    assert f"usage: handouts {command}" in capsys.readouterr().out


def test_list_shows_each_sequence_with_steps_and_estimate(run, examples):
    result = run("list", workspace=examples)
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].split()[:4] == ["SEQUENCE", "STEPS", "ESTIMATE", "STATED"]
    low_back = next(line for line in lines if line.startswith("low-back-release"))
    assert low_back.split()[1:4] == ["10", "~26", "min"]
    assert "Low Back Release" in low_back
    assert len(lines) == 4


def test_new_writes_a_starter_that_checks_and_builds(run, tmp_path):
    result = run("new", "morning-stretch", workspace=tmp_path)
    assert result.code == 0, result.err
    starter = (tmp_path / "sequences" / "morning-stretch.yaml").read_text(encoding="utf-8")
    assert starter.startswith("# yaml-language-server: $schema=../schema/sequence.schema.json")
    assert "title: Morning stretch" in starter
    assert (tmp_path / "schema" / "sequence.schema.json").is_file()
    check = run("check", workspace=tmp_path)
    assert check.code == 0 and check.err == ""
    assert run("build", workspace=tmp_path).code == 0
    assert (tmp_path / "build" / "morning-stretch" / "booklet.pdf").is_file()


def test_new_never_overwrites(run, tmp_path):
    assert run("new", "mine", workspace=tmp_path).code == 0
    before = snapshot(tmp_path)
    result = run("new", "mine", workspace=tmp_path)
    assert result.code == 2
    assert result.err.startswith("sequences/mine.yaml: the file already exists; choose another name")
    assert snapshot(tmp_path) == before
    result = run("new", "My Stretch", workspace=tmp_path)
    assert result.code == 2 and "use lowercase words joined by '-'" in result.err


def test_poses_lists_the_library_and_the_workspace_poses(run):
    result = run("poses", workspace=ROOT)
    assert result.code == 0
    ids = [line.split()[0] for line in result.out.splitlines()]
    assert "supta-padangusthasana" in ids and "desk-push-up" in ids and ids == sorted(ids)


def test_schema_writes_the_schemas(run, tmp_path):
    assert run("schema", "--out", str(tmp_path), workspace=ROOT).code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "clients.schema.json",
        "poses-translation.schema.json",
        "poses.schema.json",
        "programme-translation.schema.json",
        "programme.schema.json",
        "sequence-translation.schema.json",
        "sequence.schema.json",
        "studio-translation.schema.json",
        "studio.schema.json",
    ]


def test_an_unknown_sequence_name_suggests_the_closest(run):
    result = run("check", "low-back", workspace=ROOT)
    assert result.code == 2
    assert result.err.startswith("low-back: no such sequence; did you mean 'low-back-release'?")


def test_check_prints_a_line_per_sequence(run):
    result = run("check", workspace=ROOT)
    assert result.code == 0 and result.err == ""
    assert "sequences/low-back-release.yaml: ok, 10 steps, about 26 min" in result.out.splitlines()


def test_an_internal_fault_exits_1_without_a_traceback(run, monkeypatch):
    import handouts.pipeline.run

    monkeypatch.setattr(handouts.pipeline.run, "build", lambda *a, **k: 1 / 0)
    result = run("build", workspace=ROOT)
    assert result.code == 1
    assert result.err.startswith("handouts: internal error: ZeroDivisionError")
    assert "Traceback" not in result.err


def test_the_installed_command_reports_bad_input_without_a_traceback(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "handouts",
            "build",
            "--workspace",
            str(CASES / "many-files"),
            "--out",
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr == (CASES / "many-files" / "expected_error.txt").read_text(encoding="utf-8")
    assert not (tmp_path / "out").exists()


def test_the_installed_command_writes_and_says_everything_before_it_exits(run, tmp_path):
    """`run` freezes the garbage collector before Python shuts down: the files and the messages are all there,
    byte for byte what the same build in this process makes."""
    here = run("build", "low-back-release", "--out", str(tmp_path / "here"), workspace=ROOT)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "handouts",
            "build",
            "low-back-release",
            "--workspace",
            str(ROOT),
            "--out",
            str(tmp_path / "there"),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0 == here.code
    assert result.stdout == here.out.replace("/here/", "/there/") and result.stdout.count("wrote ") == 4
    made = sorted(p.relative_to(tmp_path / "there") for p in (tmp_path / "there").rglob("*.pdf"))
    assert len(made) == 4
    for path in made:
        assert (tmp_path / "there" / path).read_bytes() == (tmp_path / "here" / path).read_bytes()


def test_a_missing_workspace_is_bad_input(run, tmp_path):
    result = run("check", workspace=tmp_path / "nowhere")
    assert result.code == 2 and "no such folder" in result.err


def test_list_still_lists_when_one_sequence_is_broken(run, examples):
    (examples / "sequences" / "zz-broken.yaml").write_text("title: Broken\nsteps:\n  - pose: nope\n", encoding="utf-8")
    result = run("list", workspace=examples)
    assert result.code == 2
    lines = result.out.splitlines()
    assert len(lines) == 5 and lines[-1].startswith("zz-broken")
    assert "(1 error: run 'handouts check zz-broken')" in lines[-1]
    assert any(line.startswith("low-back-release") and " 10 " in line for line in lines)


def test_paging_a_long_list_through_head_is_not_an_error():
    result = subprocess.run(
        f"{sys.executable} -m handouts poses --workspace {ROOT} | head -1", shell=True, capture_output=True, text=True
    )
    assert result.stdout.startswith("baby-dancer") and result.stderr == ""


def test_a_one_step_sequence_is_one_step(run, tmp_path):
    (tmp_path / "sequences").mkdir()
    (tmp_path / "sequences" / "one.yaml").write_text(
        "title: One\nsteps:\n  - pose: cat-cow\n    hold: 5 breaths\n", encoding="utf-8"
    )
    result = run("check", workspace=tmp_path)
    assert result.code == 0 and result.out.startswith("sequences/one.yaml: ok, 1 step, about ")
