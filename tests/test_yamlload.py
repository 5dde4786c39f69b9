"""YAML loading: libyaml (fast) and the Python parser give the same nodes and the same line:column marks."""

from __future__ import annotations

import pytest
import yaml

from handouts.core.errors import HandoutError
from handouts.reading.yamlload import FAST_LOADER, load


def _marks(node, out):
    out.append(
        (
            type(node).__name__,
            node.tag,
            node.start_mark.line,
            node.start_mark.column,
            node.value if isinstance(node.value, str) else None,
        )
    )
    if isinstance(node.value, list):
        for child in node.value:
            for part in child if isinstance(child, tuple) else (child,):
                _marks(part, out)
    return out


def test_the_fast_loader_marks_every_node_where_the_python_parser_does():
    text = (
        "title: Sūrya — ā ś ṣ ṭ ṇ\nsteps:\n  - {pose: bālāsana, hld: 3}\n  - pose: x\n"
        "    cues: [\"ā: b\", 'ṭ']\n    hold: |\n      five\n      breaths\n"
    )
    fast = _marks(yaml.compose(text, Loader=FAST_LOADER), [])
    slow = _marks(yaml.compose(text, Loader=yaml.SafeLoader), [])
    assert fast == slow
    assert len(fast) > 15


def test_load_reports_a_syntax_error_with_its_place(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("title: ā\nsteps:\n  - pose: a\n   hold: 3\n", encoding="utf-8")
    with pytest.raises(HandoutError) as caught:
        load(path, "s.yaml")
    (problem,) = caught.value.problems
    assert str(problem).startswith("s.yaml:4:4: YAML syntax error: expected <block end>")
