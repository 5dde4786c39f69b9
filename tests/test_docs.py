"""The README's tour is a real sequence: it checks clean, so a reader can copy it."""

from __future__ import annotations

import re

from conftest import ROOT


def test_the_readme_tour_checks_clean(tmp_path, run):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    tour = readme[readme.index("## A tour of the format") :]
    block = re.search(r"```yaml\n(.*?)```", tour, re.S).group(1)
    (tmp_path / "sequences").mkdir()
    (tmp_path / "sequences" / "tour.yaml").write_text(block, encoding="utf-8")
    result = run("check", workspace=tmp_path)
    assert result.code == 0 and result.err == ""


def test_the_readme_quick_start_has_exactly_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = readme[readme.index("## Quick start") : readme.index("## A tour")]
    block = re.search(r"```sh\n(.*?)```", quick, re.S).group(1)
    commands = [line.split("#")[0].strip() for line in block.splitlines() if line.split("#")[0].strip()]
    assert commands == ["make build", "make test"]
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
