"""Template checks: plain names are checked without Jinja2, with exactly the problems Jinja2's parse gives."""
from __future__ import annotations

import pytest

from handouts.errors import Location
from handouts.model import Text
from handouts.text import _simple_names, check_template, jinja_problems

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
    for source in ("{{ client.name | upper }}", "{% if x %}{% endif %}", "{# c #}", "{{ none }}", "{{ a.b.c }}",
                   "{{ client.name "):
        assert _simple_names(source) is None, source


def test_misspelt_names_are_found_either_way():
    text = Text("{{ cleint.name }} {{ client.nmae }}", Location("studio.yaml", 2, 3), "contact")
    messages = [p.message for p in check_template(text)]
    assert messages == ["contact: unknown name 'cleint' in the template",
                        "contact: unknown name 'client.nmae' in the template"]


def test_only_texts_a_build_fills_in_count_as_templates():
    from handouts.model import Mail, Studio
    from handouts.text import has_templates
    at = Location("studio.yaml", 5, 3)
    mail_only = Studio(mail=Mail(at, Text("me@example.org", at, "mail.from"),
                                 subject=Text("{{ handouts }}", at, "mail.subject")))
    assert not has_templates(mail_only)  # filled in by `mail`, not by a build
    assert has_templates(Studio(contact=(Text("{{ instructor }}", at, "contact"),)))
