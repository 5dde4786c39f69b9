"""The bounded template sandbox (handouts/sandbox.py): every way a template can grow or run on is stopped by a
limit before it costs much, its failures are explained in plain words, ordinary templates work as before, and
`check` fills in what `build` will."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT

from handouts.core import limits
from handouts.core.errors import Location
from handouts.core.model import Text
from handouts.templates import sandbox, text

NAMES = {
    "client": {
        "name": "Ann Example",
        "first_name": "Ann",
        "email": "ann@example.org",
        "language": "en",
        "notes": ["Skip the twist.", "Knees bent."],
    },
    "date": "21 November 2026",
    "studio": "Riverside",
    "instructor": "Maya",
    "sequence": "Low Back",
}


def fill(source: str, limit: int = 100_000) -> str:
    return sandbox.render(sandbox.compiled(source), NAMES, limit)


def failure(source: str) -> tuple[str, str, int | None, int]:
    with pytest.raises(sandbox.FAILURES) as caught:
        fill(source)
    return sandbox.explain(caught.value, source)


def test_the_limits_are_the_ones_in_limits_py():
    assert (limits.TEMPLATE_LOOP, limits.TEMPLATE_RANGE, limits.TEMPLATE_OUTPUT, limits.TEMPLATE_SECONDS) == (
        10_000,
        10_000,
        100_000,
        1.0,
    )


@pytest.mark.parametrize(
    "source, message",
    [
        ("{{ 'a' * 100000000 }}", "a text of 100,000,000 characters"),
        ("{{ 100000000 * 'a' }}", "a text of 100,000,000 characters"),
        ("{{ [1] * 100001 }}", "a list of 100,001 items"),
        ("{{ [[1] * 10000] * 10000 }}", "a list of 100,010,000 items"),
        ("{{ 'a' | center(1000000000) }}", "a text of 1,000,000,000 characters"),
        ("{{ 'a'.center(1000000000) }}", "a text of 1,000,000,000 characters"),
        ("{{ 'a'.ljust(1000000000) }}", "a text of 1,000,000,000 characters"),
        ("{{ '1'.zfill(1000000000) }}", "a text of 1,000,000,000 characters"),
        ("{{ '%0999999999d' | format(1) }}", "a text of 999,999,999 characters"),
        ("{{ '%0999999999d' % 1 }}", "a text of 999,999,999 characters"),
        ("{{ '{:>999999999}'.format(1) }}", "a text of 999,999,999 characters"),
        ("{{ ('x' * 50000).replace('', 'yy') }}", "a text of 150,002 characters"),
        ("{{ ('x' * 50000) | replace('x', 'yyy') }}", "a text of 150,000 characters"),
        ("{{ (['x' * 50000] * 3) | join }}", "a list of 150,003 items"),
        ("{{ ['x' * 30000, 'y' * 30000, 'z' * 30000] | join('-' * 6000) }}", "a text of 102,000 characters"),
        ("{{ ('-' * 6000).join(['x' * 30000, 'y' * 30000, 'z' * 30000]) }}", "a text of 102,000 characters"),
        ("{{ ('a\n' * 20000) | indent(10) }}", "a text of 240,010 characters"),
        ("{{ [1] | batch(1000000000, 0) | list }}", "a text of 1,000,000,000 characters"),
        ("{{ [1] | slice(1000000000) | list }}", "a text of 1,000,000,000 characters"),
        ("{{ ('\t' * 1000).expandtabs(1000) }}", "a text of 1,001,000 characters"),
        (
            "{% set ns = namespace(s='a') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
            "a text of 131,072 characters",
        ),
        (
            "{% set ns = namespace(s='ab') %}{% for i in range(40) %}{% set ns.s = ns.s + ns.s %}{% endfor %}",
            "a text of 131,072 characters",
        ),
        (
            "{% set s = 'x' * 50000 %}{% set t %}{% for i in range(3) %}{{ s }}{% endfor %}{% endset %}",
            "a text of 150,000 characters",
        ),
        (
            "{% macro m() %}{% for i in range(3) %}{{ 'x' * 50000 }}{% endfor %}{% endmacro %}{% set t = m() %}",
            "a text of 150,000 characters",
        ),
    ],
)
def test_a_text_or_list_over_the_limit_is_refused_before_it_is_made(source, message):
    said, hint, _, _ = failure(source)
    assert said.startswith(f"the template makes {message}, more than the 100,000 a template may make")
    assert hint == "repeat less: a smaller number after *, fewer rounds in a loop"


@pytest.mark.parametrize(
    "source",
    [
        "{{ 2 ** 100000 }}",
        "{{ 10 ** 5000 }}",
        "{{ 12 | round(-1000000000) }}",
        "{% set ns = namespace(n=2) %}{% for i in range(40) %}{% set ns.n = ns.n * ns.n %}{% endfor %}",
    ],
)
def test_a_number_too_long_to_print_is_refused_before_it_is_made(source):
    started = time.process_time()
    said, hint, _, _ = failure(source)
    assert said.startswith("a number in the template grows longer than 4,300 digits")
    assert hint == "use smaller numbers"
    assert time.process_time() - started < 0.5


def test_loop_rounds_are_counted_over_every_loop_of_a_render():
    assert fill("{% for i in range(5000) %}{% endfor %}{% for i in range(5000) %}{% endfor %}") == ""
    said, hint, line, _ = failure(
        "{% for i in range(5000) %}{% endfor %}\n{% for i in range(5000) %}{% endfor %}{% for i in 'abc' %}{% endfor %}"
    )
    assert said == "the template goes round its loops more than 10,000 times: {% for i in range(5000) %}"
    assert hint == "loop over fewer items (a loop inside a loop multiplies its rounds)"
    assert line == 2
    # and they start again at 0 for the next render
    assert fill("{% for i in range(9000) %}{% endfor %}") == ""


def test_a_range_over_the_limit_is_refused_and_one_at_the_limit_is_not():
    assert fill("{{ range(10000) | length }}") == "10000"
    said, hint, _, _ = failure("{{ range(10001) | length }}")
    assert said == (
        "range(10001) counts 10,001 numbers, more than the 10,000 a template may count: {{ range(10001) | length }}"
    )
    assert hint == "use a smaller range"


def test_the_output_is_measured_as_it_is_written():
    assert len(fill("{% for i in range(1000) %}xx{% endfor %}", limit=2000)) == 2000
    with pytest.raises(sandbox.Breach) as caught:
        fill("{% for i in range(1001) %}xx{% endfor %}", limit=2000)
    assert caught.value.message == "the filled-in text is longer than 2,000 characters, the most a text may hold"


def test_a_template_that_runs_on_stops_at_its_time_budget():
    source = (
        "{% macro twice(n) %}{% if n %}{{ twice(n - 1) }}{{ twice(n - 1) }}{% endif %}{% endmacro %}{{ twice(40) }}"
    )
    started = time.process_time()
    said, hint, _, _ = failure(source)
    elapsed = time.process_time() - started
    assert (
        said == "the template takes more than 1 second to fill in: {{ twice(40) }}"
        or said == "the template takes more than 1 second to fill in"
    )
    assert hint == "make it simpler: fewer loops, fewer rounds in each, shorter texts"
    assert 1.0 <= elapsed < 2.0


@pytest.mark.parametrize(
    "source, message, hint",
    [
        (
            "Hold it {{ 10 / 0 }} breaths",
            "the template divides by zero: {{ 10 / 0 }}",
            "divide by a number other than 0",
        ),
        (
            "{{ client.name }} and {{ 5 // 0 }}",
            "the template divides by zero: {{ 5 // 0 }}",
            "divide by a number other than 0",
        ),
        (
            "{{ 'a' + 1 }}",
            'the template mixes values that do not go together (can only concatenate str (not "int") '
            "to str): {{ 'a' + 1 }}",
            "turn a number into words with |string, or words into a number with |int",
        ),
        (
            "{% macro again() %}{{ again() }}{% endmacro %}{{ again() }}",
            "the template calls itself too deeply: {{ again() }}",
            "give a macro that calls itself a way to stop",
        ),
        (
            "{{ client.notes[5] }}",
            "the template asks for something that is not there (list object has no element 5): {{ client.notes[5] }}",
            "check the names in double braces; a list may be empty: test it with {% if ... %}",
        ),
        (
            "{{ [1].append(2) }}",
            "the template uses something a template may not use (access to attribute 'append' "
            "of 'list' object is unsafe): {{ [1].append(2) }}",
            "use names and filters only, e.g. {{ client.first_name | upper }}",
        ),
        (
            "{{ (range(3) | list) | sum(start=[]) }}",
            "the template mixes values that do not go together (sum adds up "
            "numbers only): {{ (range(3) | list) | sum(start=[]) }}",
            "turn a number into words with |string, or words into a number with |int",
        ),
    ],
)
def test_run_time_failures_are_said_in_plain_words_with_the_tag_that_failed(source, message, hint):
    said, told, line, _ = failure(source)
    assert (said, told, line) == (message, hint, 1)


def test_the_failing_line_and_column_of_a_longer_template():
    source = "Dear {{ client.first_name }},\n\nyou need {{ client.name }} and {{ 3 / 0 }} blocks.\n"
    said, _, line, col = failure(source)
    assert (said, line, col) == ("the template divides by zero: {{ 3 / 0 }}", 3, 32)


@pytest.mark.parametrize(
    "source, expected",
    [
        ("{{ client.name | upper }}", "ANN EXAMPLE"),
        ("{% for note in client.notes %}- {{ note }}\n{% endfor %}", "- Skip the twist.\n- Knees bent.\n"),
        ("{{ range(3) | join(', ') }}", "0, 1, 2"),
        ("{{ '%d breaths' | format(5) }}", "5 breaths"),
        ("{{ '{} breaths'.format(5) }}", "5 breaths"),
        ("{{ 'ab' * 3 }} {{ [0] * 2 }} {{ 2 ** 10 }}", "ababab [0, 0] 1024"),
        ("{% if client.notes %}{{ client.notes | length }} notes{% endif %}", "2 notes"),
        ("{{ client.first_name ~ '!' }}", "Ann!"),
    ],
)
def test_ordinary_templates_work_as_before(source, expected):
    assert fill(source) == expected


def test_nothing_random_in_a_template():
    problems = text.check_template(Text("{{ [1, 2] | random }} {{ lipsum(2) }}", Location("s.yaml", 2, 8), "intro"))
    assert [p.message for p in problems] == ["intro: the template cannot be read: No filter named 'random'"]
    problems = text.check_template(Text("{{ lipsum(2) }}", Location("s.yaml", 2, 8), "intro"))
    assert [p.message for p in problems] == ["intro: unknown name 'lipsum' in the template"]


@pytest.mark.parametrize(
    "source",
    [
        "Hello {{ client.name }}",
        "{{ client.first_name }}, {{ date }} at {{ studio }}",
        "{{ client.notes }} for {{ sequence }}",
        "{{client.email}} {{ instructor }}",
    ],
)
def test_plain_names_filled_without_jinja2_print_what_jinja2_prints(source):
    from jinja2.sandbox import SandboxedEnvironment

    expected = SandboxedEnvironment().from_string(source).render(NAMES)
    assert text.render(Text(source, Location("s.yaml", 1, 1), "intro"), NAMES) == expected


def test_a_text_filled_in_over_its_field_limit_is_a_located_error():
    source = "x" * 1990 + " {{ client.name }}"
    problems = []
    text.fill(Text(source, Location("sequences/s.yaml", 4, 8), "intro"), NAMES, problems, "Ann Example")
    assert [str(p) for p in problems] == [
        "sequences/s.yaml:4:8: intro: the filled-in text is longer than 2,000 characters, the most a text may hold "
        "(filled in for Ann Example); shorten the text"
    ]


# -- check proves build --------------------------------------------------------------------------------------------
def _workspace(tmp_path: Path, intro: str) -> Path:
    ws = tmp_path / "ws"
    (ws / "sequences").mkdir(parents=True)
    (ws / "sequences" / "s.yaml").write_text(
        f'title: T\nintro: "{intro}"\nsteps:\n  - pose: child-pose\n    hold: 5 breaths\n', encoding="utf-8"
    )
    return ws


def test_a_template_within_the_limits_passes_check_and_builds(tmp_path, run):
    ws = _workspace(tmp_path, "{% for i in range(9000) %}{% endfor %}{{ range(100) | sum }} breaths in all")
    assert run("check", workspace=ws).code == 0
    result = run("build", "--format", "cheatsheet", workspace=ws)
    assert result.code == 0, result.err


def test_check_fills_the_texts_for_a_sample_client_too(tmp_path, run):
    # the class handouts have no notes (the blank client): 10 // -1; a client with one note divides by zero
    ws = _workspace(tmp_path, "{{ 10 // (client.notes | length - 1) }} rounds")
    result = run("check", workspace=ws)
    assert result.code == 2
    assert result.err == (
        "sequences/s.yaml:2:8: intro: the template divides by zero: {{ 10 // (client.notes | "
        "length - 1) }} (filled in for a sample client); divide by a number other than 0\n"
        "1 error in 1 file\n"
    )
    assert run("build", "--format", "cheatsheet", workspace=ws).code == 0


def test_check_of_a_workspace_without_templates_does_not_load_jinja2():
    code = (
        "import sys; from handouts.commands.cli import main; assert main(['check', '-C', sys.argv[1]]) == 0; "
        "print(sorted(m for m in ('jinja2', 'handouts.templates.sandbox', 'smtplib') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code, str(ROOT)], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"


HOSTILE = [
    "{{ client.notes.pop() }}",
    "{{ 12 | round(-1000000000) }}",
    "{% filter center(1000000) %}x{% endfilter %}",
    "{% for i in range(100) recursive %}{{ loop(range(100)) }}{% endfor %}",
    "{{ '{0.__class__}'.format(1) }}",
    "{{ 'abc'.translate({97: 'x' * 60000}) * 2 }}",
    "{{ (1e308 * 10) | int }}",
    "{{ 5 is divisibleby 0 }}",
    "{{ [client] | map(attribute='__class__') | list }}",
    "{{ '%.1000000f' | format(1.0) }}",
    "{% for a in 'x' * 5000 %}{% for b in 'x' * 5000 %}{% endfor %}{% endfor %}",
    "{{ range.__call__(10**9) }}",
    "{{ client.name | wordwrap(1) }} {{ client | dictsort }} {{ 2 ** 0.5 }}",
]


@pytest.mark.parametrize("source", HOSTILE)
def test_a_hostile_template_is_an_error_at_check_or_builds(tmp_path, run, source):
    ws = _workspace(tmp_path, source.replace('"', '\\"'))
    started = time.process_time()
    checked = run("check", workspace=ws)
    assert checked.code in (0, 2), checked.err
    built = run("build", "--format", "cheatsheet", workspace=ws)
    assert built.code == (0 if checked.code == 0 else 2), built.err
    assert "internal error" not in checked.err + built.err
    assert time.process_time() - started < 5


def test_a_message_file_over_the_size_limit_is_refused_by_its_size_at_check(tmp_path, run):
    (tmp_path / "sequences").mkdir()
    (tmp_path / "sequences" / "s.yaml").write_text(
        "title: S\nsteps:\n  - pose: bridge\n    hold: 5 breaths\n", encoding="utf-8"
    )
    (tmp_path / "mail").mkdir()
    with open(tmp_path / "mail" / "message.txt", "wb") as handle:  # sparse: never written out, never read
        handle.truncate(1_000_001)
    result = run("check", workspace=tmp_path)
    assert result.code == 2
    assert result.err == (
        "mail/message.txt:1:1: the message is 1,000,001 bytes, more than the 1,000,000 a message "
        "may have; shorten it\n1 error in 1 file\n"
    )
