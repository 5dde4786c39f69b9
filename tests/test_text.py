"""Template checks: plain names are checked without Jinja2, with exactly the problems Jinja2's parse gives."""

from __future__ import annotations

import pytest

from handouts.core.errors import Location
from handouts.core.model import Text
from handouts.templates.text import _simple_names, check_template, jinja_problems

TEXTS = [
    ("Hello {{ client.name }}, see you on {{ date }}", "title"),
    ("{{client.first_name}} at {{ studio }} with {{ instructor }}: {{ sequence }}", "intro"),
    ("For {{ client.nmae }} and {{ client.nmae }} again", "title"),
    ("{{ cleint.name }} {{ dte }} {{ dte }}", "cues"),
    ("{{ date.year }} and {{ client }}", "title"),
    ("{{ handouts }} for {{ client.name }}", "mail.subject"),
    ("{{ handouts }} for {{ client.name }}", "title"),
    ("{{ attachments }} {{ handout }}", "mail.subject"),
    ("{{ none }} {{ True }}", "title"),
    ("{{ not }}", "title"),
    ("{{ if }} {{ in }}", "title"),
    ("{{ client.is }}", "title"),
    ("{{ client.name | upper }} {{ client.nmae }}", "title"),
    ("{{ client.name.first }}", "title"),
    ("{% if client.name %}{{ client.nmae }}{% endif %}", "title"),
    ("{# a note #}{{ dat }}", "title"),
    ("{{- client.name -}}", "title"),
    ("{{ client.name ", "title"),
    ("{{ client['nmae'] }}", "title"),
]


@pytest.mark.parametrize("source,field", TEXTS)
def test_plain_names_are_checked_as_jinja2_checks_them(source, field):
    text = Text(source, Location("sequences/x.yaml", 3, 9), field)
    assert check_template(text) == jinja_problems(text)


def test_only_plain_names_take_the_quick_way():
    assert _simple_names("Hi {{ client.name }} on {{date}}") == [("client", "name"), ("date", None)]
    for source in (
        "{{ client.name | upper }}",
        "{% if x %}{% endif %}",
        "{# c #}",
        "{{ none }}",
        "{{ a.b.c }}",
        "{{ client.name ",
    ):
        assert _simple_names(source) is None, source


def test_misspelt_names_are_found_either_way():
    text = Text("{{ cleint.name }} {{ client.nmae }}", Location("studio.yaml", 2, 3), "contact")
    messages = [p.message for p in check_template(text)]
    assert messages == [
        "contact: unknown name 'cleint' in the template",
        "contact: unknown name 'client.nmae' in the template",
    ]


def test_only_texts_a_build_fills_in_count_as_templates():
    from handouts.core.model import Mail, Studio
    from handouts.templates.text import has_templates

    at = Location("studio.yaml", 5, 3)
    mail_only = Studio(
        mail=Mail(at, Text("me@example.org", at, "mail.from"), subject=Text("{{ handouts }}", at, "mail.subject"))
    )
    assert not has_templates(mail_only)  # filled in by `mail`, not by a build
    assert has_templates(Studio(contact=(Text("{{ instructor }}", at, "contact"),)))


def test_the_working_side_is_a_name_of_step_texts_only():
    at = Location("sequences/x.yaml", 7, 9)
    for field in ("cues", "cautions", "easier", "deeper", "note", "transition", "tree.cues"):
        assert check_template(Text("Lift the {{ side }} arm, not the {{ other_side }}", at, field)) == [], field
    (problem,) = check_template(Text("A practice for the {{ side }} hip", at, "intro"))
    assert (problem.message, problem.hint) == (
        "intro: '{{ side }}' names the working side of a step",
        "use it in a step's cues, cautions, easier, deeper, note or transition",
    )


def test_the_working_side_is_filled_per_card():
    from handouts.core.model import Side
    from handouts.reading.labels import Labels, built_in_table, english

    words = english()
    cue = "Cross the {{ side }} ankle over the {{other_side}} knee."
    both = (Side.RIGHT, Side.LEFT)
    assert words.sided(cue, Side.RIGHT, both) == "Cross the right ankle over the left knee."
    assert words.sided(cue, Side.LEFT, both) == "Cross the left ankle over the right knee."
    assert words.sided(cue, None, both) == "Cross the right (then left) ankle over the left (then right) knee."
    assert (
        words.sided(cue, None, (Side.LEFT, Side.RIGHT))
        == "Cross the left (then right) ankle over the right (then left) knee."
    )
    assert words.sided(cue, None, (Side.LEFT,)) == "Cross the left ankle over the right knee."
    assert words.sided("No side here {{ date }}", Side.LEFT, both) == "No side here {{ date }}"
    german = Labels("de", built_in_table("de"))
    assert german.sided("Das {{ side }} Bein", Side.LEFT, both) == "Das linke Bein"


def test_a_text_with_only_the_working_side_is_left_for_the_layouts(tmp_path):
    from handouts.templates.text import context, fill

    at = Location("sequences/x.yaml", 7, 9)
    found: list = []
    texts = (Text("The {{ side }} knee", at, "cues"), Text("{{ client.name }}, the {{ side }} knee", at, "cues"))
    filled = fill(
        texts,
        context({"name": "Ann", "first_name": "Ann", "email": "", "language": "en", "notes": []}, "1 May 2026"),
        found,
    )
    assert found == []
    assert [str(t) for t in filled] == ["The {{ side }} knee", "Ann, the {{ side }} knee"]


def test_the_whole_practice_cautions_cannot_name_a_working_side(tmp_path, run):
    (tmp_path / "sequences").mkdir()
    (tmp_path / "sequences" / "s.yaml").write_text(
        "title: S\ncautions:\n  - Keep the {{ side }} knee soft.\nsteps:\n  - pose: tree\n    hold: 5 breaths\n",
        encoding="utf-8",
    )
    result = run("check", workspace=tmp_path)
    assert result.code == 2
    assert result.err.splitlines()[0] == (
        "sequences/s.yaml:3:5: cautions: '{{ side }}' has no side here: these cautions are for the whole "
        "practice; name the side in words, or move the caution to the step it is about"
    )
