"""Clients' own handouts: the roster (YAML and CSV), what each PDF says, templates, languages, bad input."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

import pytest
from conftest import snapshot
from pypdf import PdfReader

from handouts.clients.batch import Progress


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def flat(text: str) -> str:
    return " ".join(text.split())


def write(ws: Path, name: str, text: str) -> Path:
    path = ws / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def set_line(ws: Path, key: str, line: str, name: str = "desk-break") -> int:
    """Replace the line of sequences/<name>.yaml that starts with `key:`; returns its 1-based number."""
    seq = ws / "sequences" / f"{name}.yaml"
    lines = seq.read_text(encoding="utf-8").splitlines()
    at = next(i for i, text in enumerate(lines) if text.startswith(f"{key}:"))
    lines[at] = line
    seq.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return at + 1


ROSTER = """\
clients:
  - name: Ann Example
    email: ann@example.org
    handouts: [low-back-release, low-back-release cheatsheet]
    notes: [Skip the twist until your disc settles.]
    leave_out: [supine-twist]
    easier: [reclined-figure-four]
  - name: Jonas Weber
    email: jonas@example.org
    language: de
    handouts: [psoas-stretches cheatsheet]
"""


def test_each_client_gets_their_own_handouts(run, examples):
    write(examples, "clients.yaml", ROSTER)
    result = run("build", "--clients", "clients.yaml", "--date", "2026-11-21", workspace=examples)
    assert result.code == 0, result.err
    clients = examples / "build" / "clients"
    assert sorted(p.relative_to(clients).as_posix() for p in clients.rglob("*.pdf")) == [
        "ann-example/low-back-release-cheatsheet.pdf",
        "ann-example/low-back-release.pdf",
        "jonas-weber/psoas-stretches-cheatsheet.pdf",
    ]
    ann = flat(pdf_text(clients / "ann-example" / "low-back-release.pdf"))
    assert "Prepared for Ann Example" in ann and "21 November 2026" in ann
    assert "Skip the twist until your disc settles." in ann
    assert "Supine twist" not in ann and "Jonas" not in ann
    # the figure four keeps only its easier variation, marked as Ann's
    assert "For you (easier):" in ann
    assert "Draw the other knee in" not in ann  # its deeper variation
    # her cheat sheet stays on one page: the variation's words go in her notes, at the full width
    sheet = clients / "ann-example" / "low-back-release-cheatsheet.pdf"
    assert len(PdfReader(sheet).pages) == 1
    assert "For you (easier)" in flat(pdf_text(sheet)) and "warning: the cheat sheet" not in result.err
    jonas = flat(pdf_text(clients / "jonas-weber" / "psoas-stretches-cheatsheet.pdf"))
    assert "Zusammengestellt für Jonas Weber" in jonas and "21. November 2026" in jonas
    assert "Atemzüge" in jonas or "Vorsicht" in jonas or "Min." in jonas or "etwa" in jonas
    assert "Ann" not in jonas


def test_left_out_steps_renumber_the_rest(run, examples):
    write(
        examples,
        "clients.yaml",
        """\
        clients:
          - name: Ann Example
            email: ann@example.org
            handouts: [low-back-release]
            leave_out: ["2"]
        """,
    )
    assert run("build", "--clients", "clients.yaml", workspace=examples).code == 0
    assert run("build", "low-back-release", workspace=examples).code == 0
    whole = PdfReader(examples / "build" / "low-back-release" / "booklet.pdf").outline
    mine = PdfReader(examples / "build" / "clients" / "ann-example" / "low-back-release.pdf").outline
    titles = [o.title for o in whole if not isinstance(o, list)]
    own = [o.title for o in mine if not isinstance(o, list)]
    second = next(t for t in titles if t.startswith("2 "))
    third = next(t for t in titles if t.startswith("3 "))
    assert second not in own and second.split(" ", 1)[1] not in " ".join(own)
    assert "2 " + third.split(" ", 1)[1] in own  # the old step 3 is now step 2


def test_german_labels_in_a_german_clients_booklet(run, examples):
    write(
        examples,
        "clients.yaml",
        """\
        clients:
          - name: Jonas Weber
            email: jonas@example.org
            language: de
            handouts: [low-back-release]
        """,
    )
    assert run("build", "--clients", "clients.yaml", "--date", "2026-03-02", workspace=examples).code == 0
    text = flat(pdf_text(examples / "build" / "clients" / "jonas-weber" / "low-back-release.pdf"))
    for german in ("Bevor du beginnst", "Übungstagebuch", "2. März 2026", "Atemzüge"):
        assert german in text, german
    for english in ("Before you begin", "Practice log", "breaths"):
        assert english not in text, english
    assert PdfReader(examples / "build" / "clients" / "jonas-weber" / "low-back-release.pdf").pdf_header
    root = PdfReader(examples / "build" / "clients" / "jonas-weber" / "low-back-release.pdf").trailer["/Root"]
    assert root.get("/Lang") == "de"


def test_markup_in_a_clients_name_prints_literally(run, examples):
    name = '<b>Ann & "Bo"</b>'
    write(
        examples,
        "clients.yaml",
        f"""\
        clients:
          - name: '{name}'
            email: ann@example.org
            handouts: [desk-break]
            notes: ['Use a <strap> & a block']
        """,
    )
    result = run("build", "--clients", "clients.yaml", workspace=examples)
    assert result.code == 0, result.err
    (folder,) = (examples / "build" / "clients").iterdir()
    assert folder.name == "b-ann-bo-b"
    text = pdf_text(folder / "desk-break.pdf")
    assert f"Prepared for {name}" in text
    assert "Use a <strap> & a block" in text
    assert "&amp;" not in text and "&lt;" not in text


def test_templates_fill_in_the_client_and_the_date(run, examples):
    set_line(examples, "subtitle", "subtitle: Hello {{ client.first_name }}, from {{ studio }} on {{ date }}.")
    write(
        examples,
        "clients.yaml",
        """\
        clients:
          - name: Ann Example
            email: ann@example.org
            handouts: [desk-break]
        """,
    )
    assert run("build", "--clients", "clients.yaml", "--date", "2026-11-21", workspace=examples).code == 0
    mine = flat(pdf_text(examples / "build" / "clients" / "ann-example" / "desk-break.pdf"))
    assert "Hello Ann, from Riverside Back Care on 21 November 2026." in mine
    # the class booklet has lines to write on instead
    assert run("build", "desk-break", workspace=examples).code == 0
    general = flat(pdf_text(examples / "build" / "desk-break" / "booklet.pdf"))
    assert "Hello ____________, from Riverside Back Care on ____________." in general


def test_a_misspelt_template_name_is_a_located_error(run, examples):
    title = set_line(examples, "title", "title: Desk break for {{ client.nmae }}")
    before = snapshot(examples / "build")
    result = run("build", workspace=examples)
    assert result.code == 2
    assert f"sequences/desk-break.yaml:{title}:8: title: unknown name 'client.nmae' in the template" in result.err
    assert "did you mean 'name'?" in result.err
    assert "Traceback" not in result.err
    assert snapshot(examples / "build") == before


def test_a_template_syntax_error_is_located(run, examples):
    title = set_line(examples, "title", "title: Desk break for {{ client.name }")
    result = run("check", workspace=examples)
    assert result.code == 2
    assert f"sequences/desk-break.yaml:{title}:8: title: the template cannot be read" in result.err


BAD_ROSTER = """\
clients:
  - name: Ann Example
    handouts: [low-back-release]
  - name: Bo Berg
    email: bo@example
    handouts: [low-back-relase]
  - name: Ann example
    email: ann2@example.org
    handouts: [desk-break]
  - name: Cy
    email: cy@example.org
    language: dee
    handouts: [desk-break]
"""


def test_every_roster_problem_is_reported_at_once_and_nothing_is_written(run, examples):
    write(examples, "clients.yaml", BAD_ROSTER)
    result = run("build", "--clients", "clients.yaml", workspace=examples)
    assert result.code == 2
    err = result.err
    assert "clients.yaml:2:5: client is missing 'email'" in err
    assert "clients.yaml:5:12: email: 'bo@example' is not an e-mail address" in err
    assert "clients.yaml:7:11: client 'Ann example' is listed twice (first at line 2)" in err
    assert "Traceback" not in err
    assert not (examples / "build" / "clients").exists()
    # once the reading problems are fixed, the references are checked: sequence and language
    fixed = BAD_ROSTER.replace("  - name: Ann Example\n", "  - name: Ann Example\n    email: ann@example.org\n")
    fixed = fixed.replace("bo@example\n", "bo@example.org\n").replace("Ann example", "Ann Other")
    write(examples, "clients.yaml", fixed)
    result = run("build", "--clients", "clients.yaml", workspace=examples)
    assert result.code == 2
    assert "clients.yaml:7:16: unknown sequence 'low-back-relase'; did you mean 'low-back-release'?" in result.err
    assert (
        "clients.yaml:13:15: no labels in the language 'dee'; did you mean 'de'? (or add labels/dee.yaml" in result.err
    )
    assert not (examples / "build" / "clients").exists()


def test_unknown_steps_and_missing_variations_are_located(run, examples):
    write(
        examples,
        "clients.yaml",
        """\
        clients:
          - name: Ann Example
            email: ann@example.org
            handouts: [low-back-release]
            leave_out: [supine-twisst, "42"]
            deeper: [sacral-circles]
        """,
    )
    result = run("build", "--clients", "clients.yaml", workspace=examples)
    assert result.code == 2
    assert (
        "clients.yaml:5:17: leave_out: no step 'supine-twisst' in Ann Example's handouts; did you mean "
        "'supine-twist'?" in result.err
    )
    assert "clients.yaml:5:32: leave_out: no step '42'" in result.err
    assert "clients.yaml:6:14: deeper: step 2 (Sacral massage) has no deeper variation" in result.err


def test_a_csv_roster_makes_the_same_pdfs_as_yaml(run, examples, tmp_path):
    write(examples, "clients.yaml", ROSTER)
    write(
        examples,
        "clients.csv",
        """\
        name,email,language,handouts,notes,leave_out,easier
        Ann Example,ann@example.org,,"low-back-release; low-back-release cheatsheet",Skip the twist until your disc settles.,supine-twist,reclined-figure-four
        Jonas Weber,jonas@example.org,de,psoas-stretches cheatsheet,,,
        """,
    )
    assert (
        run(
            "build",
            "--clients",
            "clients.yaml",
            "--date",
            "2026-11-21",
            "--out",
            str(tmp_path / "a"),
            workspace=examples,
        ).code
        == 0
    )
    assert (
        run(
            "build",
            "--clients",
            "clients.csv",
            "--date",
            "2026-11-21",
            "--out",
            str(tmp_path / "b"),
            workspace=examples,
        ).code
        == 0
    )
    a, b = snapshot(tmp_path / "a" / "clients"), snapshot(tmp_path / "b" / "clients")
    assert len(a) == 3 and a == b


def test_csv_problems_point_at_the_cell(run, examples):
    write(
        examples,
        "clients.csv",
        """\
        name,email,handouts,languag
        Ann,ann@@example.org,low-back-release matcrad
        """,
    )
    result = run("build", "--clients", "clients.csv", workspace=examples)
    assert result.code == 2
    assert "clients.csv:1:21: unknown column 'languag'; did you mean 'language'?" in result.err
    assert "clients.csv:2:5: email: 'ann@@example.org' is not an e-mail address" in result.err
    assert "clients.csv:2:22: handouts: unknown format 'matcrad'; did you mean 'matcard'?" in result.err


def test_only_builds_the_named_client_and_builds_are_identical(run, examples, tmp_path):
    write(examples, "clients.yaml", ROSTER)
    for out in ("a", "b"):
        result = run(
            "build",
            "--clients",
            "clients.yaml",
            "--only",
            "jonas weber",
            "--date",
            "2026-11-21",
            "--out",
            str(tmp_path / out),
            workspace=examples,
        )
        assert result.code == 0, result.err
    a = snapshot(tmp_path / "a" / "clients")
    assert list(a) == ["jonas-weber/psoas-stretches-cheatsheet.pdf"]
    assert a == snapshot(tmp_path / "b" / "clients")
    result = run("build", "--clients", "clients.yaml", "--only", "Jonas Webber", workspace=examples)
    assert result.code == 2 and "did you mean 'Jonas Weber'?" in result.err


def test_a_missing_label_falls_back_to_english_with_a_warning(run, examples):
    write(
        examples,
        "labels/it.yaml",
        """\
        language: Italiano
        before_you_begin: Prima di iniziare
        breath_other: "{n} respiri"
        """,
    )
    write(
        examples,
        "clients.yaml",
        """\
        clients:
          - name: Bea Rossi
            email: bea@example.org
            language: it
            handouts: [low-back-release]
        """,
    )
    result = run("build", "--clients", "clients.yaml", workspace=examples)
    assert result.code == 0, result.err
    assert "labels/it.yaml: warning: the Italiano labels have no" in result.err
    assert "printed in English instead" in result.err
    text = flat(pdf_text(examples / "build" / "clients" / "bea-rossi" / "low-back-release.pdf"))
    assert "Prima di iniziare" in text and "respiri" in text
    assert "Practice log" in text  # not in the Italian table: English


def test_a_bad_label_table_is_located(run, examples):
    write(
        examples,
        "labels/it.yaml",
        """\
        before_you_beginn: Prima di iniziare
        breath_other: "{count} respiri"
        weekdays: [Lun, Mar]
        """,
    )
    result = run("check", workspace=examples)
    assert result.code == 2
    assert "labels/it.yaml:1:1: unknown label 'before_you_beginn'; did you mean 'before_you_begin'?" in result.err
    assert "labels/it.yaml:2:15: 'breath_other' must use {n}" in result.err
    assert "labels/it.yaml:3:11: 'weekdays' must be a list of 7 phrases" in result.err


@pytest.mark.parametrize("code", ["de", "es", "fr"])
def test_shipped_tables_are_complete(code):
    from handouts.reading.labels import Labels, built_in_table, placeholders

    english, table = built_in_table("en"), built_in_table(code)
    assert list(table) == list(english)
    for key, phrase in english.items():
        assert placeholders(table[key]) == placeholders(phrase), key
        if isinstance(phrase, list):
            assert len(table[key]) == len(phrase), key
    assert Labels(code, table).missing == ()
    assert table["breath_other"] != english["breath_other"]


class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_bar_shows_only_after_a_second_on_a_terminal():
    now = [0.0]
    quiet = FakeTerminal()
    bar = Progress(3, quiet, clock=lambda: now[0])
    bar.step("a")
    bar.step("b")
    bar.close()
    assert quiet.getvalue() == ""
    shown = FakeTerminal()
    bar = Progress(4, shown, clock=lambda: now[0])
    bar.step("a")
    now[0] = 1.5
    bar.step("b")
    bar.step("c")
    bar.close()
    assert "clients [" in shown.getvalue() and "2/4" in shown.getvalue() and "3/4" in shown.getvalue()
    assert shown.getvalue().endswith("\n")
    piped = io.StringIO()
    bar = Progress(2, piped, clock=lambda: now[0] + 5)
    bar.step("a")
    assert piped.getvalue() == ""


def test_a_client_name_the_font_cannot_print_is_an_error(run, examples):
    write(
        examples,
        "clients.yaml",
        """\
        clients:
          - name: 王芳
            email: wang@example.org
            handouts: [desk-break]
        """,
    )
    result = run("build", "--clients", "clients.yaml", workspace=examples)
    assert result.code == 2
    assert "clients.yaml:2:11: name: the font SourceSans3 cannot print '王'" in result.err
    assert not (examples / "build" / "clients").exists()


def test_format_and_sequence_names_do_not_go_with_a_roster(run, examples):
    write(examples, "clients.yaml", ROSTER)
    for extra in (["--format", "matcard"], ["desk-break"]):
        result = run("build", "--clients", "clients.yaml", *extra, workspace=examples)
        assert result.code == 2 and "the roster names each client's sequences and formats" in result.err
    assert not (examples / "build").exists()


def test_unknown_filters_and_unsafe_attributes_are_located(run, examples):
    at = set_line(examples, "subtitle", 'subtitle: "{{ client.name | shout }}"')
    result = run("check", workspace=examples)
    assert result.code == 2
    assert f"desk-break.yaml:{at}:11: subtitle: the template cannot be read: No filter named 'shout'" in result.err
    set_line(examples, "subtitle", "subtitle: \"{{ ''.__class__.__mro__ }}\"")
    result = run("build", "desk-break", workspace=examples)
    assert result.code == 2 and "Traceback" not in result.err
    assert (
        f"desk-break.yaml:{at}:11: subtitle: the template uses something a template may not use (access to "
        "attribute '__class__' of 'str' object is unsafe): {{ ''.__class__.__mro__ }}; use names and filters "
        "only, e.g. {{ client.first_name | upper }}\n"
    ) in result.err
    assert not (examples / "build").exists()


def test_a_csv_row_longer_than_its_header_is_an_error(run, examples):
    write(
        examples,
        "clients.csv",
        """\
        name,email,handouts
        Bo,bo@example.org,desk-break,extra
        """,
    )
    result = run("build", "--clients", "clients.csv", workspace=examples)
    assert result.code == 2
    assert "clients.csv:2:30: a cell beyond the 3 columns of the header: 'extra'" in result.err


def test_check_reads_a_roster_without_building(run, examples):
    write(examples, "clients.yaml", ROSTER)
    result = run("check", "--clients", "clients.yaml", workspace=examples)
    assert result.code == 0 and "clients.yaml: ok, 2 clients, 3 handouts" in result.out
    write(examples, "clients.yaml", ROSTER.replace("psoas-stretches", "psoas-strech"))
    result = run("check", "--clients", "clients.yaml", workspace=examples)
    assert result.code == 2 and "unknown sequence 'psoas-strech'" in result.err
    assert not (examples / "build").exists()


def test_the_studio_language_sets_the_class_handouts_labels(run, examples):
    studio = examples / "studio.yaml"
    studio.write_text(
        studio.read_text(encoding="utf-8").replace("paper: a4", "paper: a4\nlanguage: es"), encoding="utf-8"
    )
    result = run("build", "desk-break", workspace=examples)
    assert result.code == 0, result.err
    booklet = flat(pdf_text(examples / "build" / "desk-break" / "booklet.pdf"))
    sheet = flat(pdf_text(examples / "build" / "desk-break" / "cheatsheet.pdf"))
    printing = flat(pdf_text(examples / "build" / "desk-break" / "how-to-print.pdf"))
    assert "Antes de empezar" in booklet and "respiraciones" in booklet and "Before you begin" not in booklet
    assert "respiraciones" in sheet and "breaths" not in sheet
    assert "How to print" not in printing
    studio.write_text(studio.read_text(encoding="utf-8").replace("language: es", "language: esp"), encoding="utf-8")
    result = run("build", "desk-break", workspace=examples)
    assert result.code == 2 and "studio.yaml:" in result.err and "no labels in 'esp'; did you mean 'es'?" in result.err


def test_a_handout_listed_twice_is_an_error(run, examples):
    write(
        examples,
        "clients.yaml",
        """\
        clients:
          - name: Ann Example
            email: ann@example.org
            handouts: [desk-break, desk-break cheatsheet, desk-break]
        """,
    )
    result = run("build", "--clients", "clients.yaml", workspace=examples)
    assert result.code == 2
    assert "clients.yaml:4:51: Ann Example gets the booklet of desk-break twice" in result.err


def test_a_photo_printed_too_small_is_reported_from_the_workers(run, examples):
    from PIL import Image

    Image.new("RGB", (20, 20), (30, 90, 100)).save(examples / "images" / "tiny-logo.png")  # 16 x 16 at least
    studio = examples / "studio.yaml"
    studio.write_text(
        studio.read_text(encoding="utf-8").replace("logo: riverside-logo.png", "logo: tiny-logo.png"), encoding="utf-8"
    )
    write(examples, "clients.yaml", ROSTER.replace("psoas-stretches cheatsheet", "psoas-stretches"))
    result = run("build", "--clients", "clients.yaml", workspace=examples)
    assert result.code == 0, result.err
    assert result.err.count("warning: the image 'tiny-logo.png' prints at only") == 1


def test_a_csv_separated_by_semicolons_reads_the_same(run, examples, tmp_path):
    write(
        examples,
        "comma.csv",
        """\
        name,email,language,handouts,leave_out
        Ann Example,ann@example.org,de,"desk-break; desk-break cheatsheet","4; 5"
        """,
    )
    write(
        examples,
        "semicolon.csv",
        """\
        name;email;language;handouts;leave_out
        Ann Example;ann@example.org;de;desk-break, desk-break cheatsheet;4, 5
        """,
    )
    for name in ("comma", "semicolon"):
        result = run(
            "build",
            "--clients",
            f"{name}.csv",
            "--date",
            "2026-11-21",
            "--out",
            str(tmp_path / name),
            workspace=examples,
        )
        assert result.code == 0, result.err
    a, b = snapshot(tmp_path / "comma" / "clients"), snapshot(tmp_path / "semicolon" / "clients")
    assert len(a) == 2 and a == b
    write(
        examples,
        "semicolon.csv",
        """\
        name;email;handouts
        Ann;ann@@example.org;desk-break
        """,
    )
    result = run("build", "--clients", "semicolon.csv", workspace=examples)
    assert result.code == 2 and "semicolon.csv:2:5: email: 'ann@@example.org' is not an e-mail address" in result.err


def test_language_codes_are_read_in_any_case(run, examples):
    write(examples, "clients.yaml", ROSTER.replace("language: de", "language: DE"))
    assert run("build", "--clients", "clients.yaml", workspace=examples).code == 0
    sheet = flat(pdf_text(examples / "build" / "clients" / "jonas-weber" / "psoas-stretches-cheatsheet.pdf"))
    assert "Zusammengestellt für Jonas Weber" in sheet


def _line_tops(page, phrase: str) -> list[float]:
    """The tops of the lines of `page` that contain `phrase`."""
    return [line["top"] for line in page.extract_text_lines() if phrase in line["text"]]


def test_a_clients_variation_sits_under_the_hold_and_their_notes_are_signed(run, examples):
    import pdfplumber

    write(examples, "clients.yaml", ROSTER)
    assert run("build", "--clients", "clients.yaml", workspace=examples).code == 0
    path = examples / "build" / "clients" / "ann-example" / "low-back-release.pdf"
    with pdfplumber.open(path) as pdf:
        (page,) = [p for p in pdf.pages if "For you (easier):" in (p.extract_text() or "")]
        chosen = _line_tops(page, "For you (easier): Stay with the other foot down")
        hold = _line_tops(page, "Right side first, then left")  # Outer hip stretch's badge line
        first_cue = _line_tops(page, "1. Lie with both knees bent and the feet flat.")
        assert len(chosen) == len(hold) == len(first_cue) == 1
        assert hold[0] < chosen[0] < first_cue[0], "the client's variation: under the hold, above the cues"
        text = flat(" ".join(p.extract_text() or "" for p in pdf.pages))
    assert text.count("Notes for you") == 1 and text.count("For you (") == 1
    assert (
        "Before you begin Notes for you \u2022 Skip the twist until your disc settles. From Maya Lindqvist "
        "About this practice An aching low back"
    ) in text
    assert "Easier: Stay with the other foot down" not in text  # shown once, as theirs
    # no instructor anywhere: the notes go unsigned
    write(examples, "studio.yaml", "studio: Riverside Back Care\n")
    assert run("build", "--clients", "clients.yaml", workspace=examples).code == 0
    text = flat(pdf_text(path))
    assert "Notes for you \u2022 Skip the twist until your disc settles. About this practice" in text
    assert "From " not in text


def test_the_class_booklet_heads_its_intro(run, examples):
    assert run("build", "desk-break", workspace=examples).code == 0
    text = flat(pdf_text(examples / "build" / "desk-break" / "booklet.pdf"))
    assert "Before you begin About this practice Hours at a screen" in text
    assert "Notes for you" not in text


def test_a_client_name_with_markup_prints_exactly_in_their_booklet(run, tmp_path):
    """The corpus client 'Ada <Lovelace> & Co': their name, notes and the instructor's signature print exactly
    as written (escaped for ReportLab's markup, never read as markup)."""
    import shutil

    from conftest import ROOT

    workspace = tmp_path / "corpus"
    shutil.copytree(ROOT / "tests" / "corpus", workspace, ignore=shutil.ignore_patterns("build"))
    assert run("build", "--clients", "clients.yaml", workspace=workspace).code == 0
    (folder,) = [p for p in (workspace / "build" / "clients").iterdir() if p.name.startswith("ada")]
    text = flat(pdf_text(folder / "s08-eight-steps.pdf"))
    assert "Prepared for Ada <Lovelace> & Co" in text
    assert (
        "Notes for you \u2022 Keep the bridge low until your back settles; we will build it up together. "
        "\u2022 Bring a folded blanket for your head. From Robin Example"
    ) in text
    assert "For you (easier):" in text and "&amp;" not in text and "&lt;" not in text and "{{" not in text
