"""Printing in a language: no connector glued to a text in another language, side badges from the table's own
letters, dates in the language's long format (Babel), and e-mail in the client's language."""

from __future__ import annotations

import datetime
import email
import email.policy
import io
import textwrap
from pathlib import Path
from types import SimpleNamespace

import pdfplumber
import pytest
from pypdf import PdfReader

from handouts.core.errors import Location
from handouts.core.model import Amount, Hold, Side, Text
from handouts.pipeline.loading import load_workspace
from handouts.pipeline.products import booklet_pdf, cheatsheet_pdf, filled, matcard_pdf
from handouts.reading.labels import ENGLISH, Labels, built_in_table
from handouts.reading.workspace import Workspace
from handouts.templates import mailtext

DAY = datetime.date(2026, 12, 3)


def words(code: str) -> Labels:
    return Labels(code, built_in_table(code))


def written_in(value: str, code: str) -> Text:
    """A text as the translation machinery hands it over: remembering the language of its file."""
    text = Text(value, Location("sequences/s.yaml", 9, 13), "then")
    text.language = code
    return text


# -- connectors ---------------------------------------------------------------------------------------------------
def test_a_then_text_in_another_language_is_set_apart_without_a_connector():
    hold = Hold(reps=Amount(5, 5), breaths=Amount(3, 3), then=written_in("lower slowly", "en"))
    assert words("de").hold_label(hold) == "5 \u00d7 3 Atemzüge \u2192\u00a0lower slowly"
    assert words("es").hold_label(hold) == "5 \u00d7 3 respiraciones \u2192\u00a0lower slowly"
    assert words("fr").hold_label(hold) == "5 \u00d7 3 respirations \u2192\u00a0lower slowly"
    assert ENGLISH.hold_label(hold) == "5 \u00d7 3 breaths, then lower slowly"


def test_a_then_text_in_the_handouts_language_or_of_unknown_language_takes_the_connector():
    hold = Hold(reps=Amount(5, 5), breaths=Amount(3, 3), then=written_in("langsam absenken", "de"))
    assert words("de").hold_label(hold) == "5 \u00d7 3 Atemzüge, dann langsam absenken"
    plain = Hold(breaths=Amount(5, 5), then=Text("langsam absenken", Location("s.yaml", 1, 1)))
    assert words("de").hold_label(plain) == "5 Atemzüge, dann langsam absenken"


def test_a_repeated_steps_name_in_another_language_is_set_apart_from_again():
    assert words("de").repeat_name(written_in("Child's pose", "en")) == "Child's pose \u00b7 noch einmal"
    assert words("es").repeat_name(written_in("Child's pose", "en")) == "Child's pose \u00b7 de nuevo"
    assert words("de").repeat_name(written_in("Kindhaltung", "de")) == "Kindhaltung, noch einmal"
    assert ENGLISH.repeat_name(written_in("Child's pose", "en")) == "Child's pose, again"


def test_a_side_word_goes_into_a_text_in_its_own_language():
    cue = written_in("bend the {{ side }} knee", "en")
    assert words("de").sided(cue, Side.RIGHT) == "bend the right knee"
    assert words("de").sided(cue, None, (Side.LEFT, Side.RIGHT)) == "bend the left (then right) knee"
    german = written_in("beuge das {{ side }} Knie", "de")
    assert words("de").sided(german, Side.LEFT) == "beuge das linke Knie"


def seq_workspace(ws: Path, then: str = "lower slowly") -> Path:
    (ws / "sequences").mkdir(parents=True)
    (ws / "sequences" / "s.yaml").write_text(
        textwrap.dedent(f"""\
        title: Languages
        steps:
          - pose: child-pose
            hold:
              reps: 5
              breaths: 3
              then: {then}
          - pose: low-lunge
            side: both
            hold: 30 s
          - pose: low-lunge
            side: left
            hold: 30 s
          - pose: cat-cow
            side: alternate
            hold: 5 breaths
        """),
        encoding="utf-8",
    )
    return ws


def products_text(ws: Path, code: str, language_of_then: str | None) -> dict[str, str]:
    """The booklet's, cheat sheet's and mat card's text in `code`, the hold's then-text marked as written in
    `language_of_then` ("": unknown; None: as the reader marked it, the sequence's own language)."""
    loaded = load_workspace(Workspace(ws), [])
    plan, studio = filled(loaded.plans[0], loaded.studio)
    if language_of_then is not None:
        plan.items[0].hold.then.language = language_of_then
    w = words(code)
    pdfs = {
        "booklet": booklet_pdf(plan, "a4", studio, words=w).data,
        "cheatsheet": cheatsheet_pdf(plan, "a4", studio, words=w)[0],
        "matcard": matcard_pdf(plan, "a4", studio, words=w),
    }
    return {
        name: " ".join(
            " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).replace("\xa0", " ").split()
        )
        for name, data in pdfs.items()
    }


def test_every_product_sets_an_english_then_text_apart_in_a_german_handout(tmp_path):
    ws = seq_workspace(tmp_path / "ws")
    texts = products_text(ws, "de", "en")
    for name, text in texts.items():
        assert "5 \u00d7 3 Atemzüge \u2192 lower slowly" in text, name
        assert "dann lower" not in text, name
    unmarked = products_text(ws, "de", "")  # the same hold, its language unknown: the handout's own
    for name, text in unmarked.items():
        assert "5 \u00d7 3 Atemzüge, dann lower slowly" in text, name


# -- side badges ----------------------------------------------------------------------------------------------------
def lines_of(data: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [
            " ".join(line["text"].replace("\xa0", " ").split())
            for page in pdf.pages
            for line in page.extract_text_lines()
        ]


@pytest.mark.parametrize(
    "code, both, left, alternate",
    [
        ("es", "Der \u2192 Izq", "Solo Izq", "Der \u2194 Izq"),
        ("fr", "D \u2192 G", "G seulement", "D \u2194 G"),
        ("de", "R \u2192 L", "nur L", "R \u2194 L"),
    ],
)
def test_side_badges_on_the_cheat_sheet_and_mat_card_use_the_tables_letters(tmp_path, code, both, left, alternate):
    ws = seq_workspace(tmp_path / "ws")
    loaded = load_workspace(Workspace(ws), [])
    plan, studio = filled(loaded.plans[0], loaded.studio)
    w = words(code)
    for name, data in (
        ("cheatsheet", cheatsheet_pdf(plan, "a4", studio, words=w)[0]),
        ("matcard", matcard_pdf(plan, "a4", studio, words=w)),
    ):
        text = "\n".join(lines_of(data))
        for badge in (both, left, alternate):
            assert badge in text, (name, badge, text)
        assert " R \u2192 L" not in text or code == "de", name
        for joined in ("luego Der", "luego Izq", "luego D", "luego I", "puis D", "puis G", "dann R", "dann L"):
            assert joined not in text, (name, joined)  # no letters strung together with a connector


# -- dates ----------------------------------------------------------------------------------------------------------
def test_dates_are_in_each_languages_long_format():
    assert ENGLISH.date(DAY) == "3 December 2026"
    assert words("de").date(DAY) == "3. Dezember 2026"
    assert words("es").date(DAY) == "3 de diciembre de 2026"
    assert words("fr").date(DAY) == "3 décembre 2026"
    assert words("de").date(datetime.date(2027, 3, 1)) == "1. März 2027"


def test_a_workspace_language_babel_knows_needs_no_month_names():
    italian = Labels("it", {"language": "Italiano", "breath_one": "{n} respiro"})
    assert italian.date(DAY) == "3 dicembre 2026"
    assert "months" not in italian.missing and "date" not in italian.missing
    assert "breath_other" in italian.missing


def test_a_language_babel_does_not_know_uses_its_tables_month_names():
    months = ["Jan", "Feb", "Mar", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"]
    own = Labels("qq", {"date": "{day}/{month}/{year}", "months": months})
    assert own.date(DAY) == "3/Dez/2026"
    assert "months" not in own.missing
    unknown = Labels("qq", {})
    assert unknown.date(DAY) == "3 December 2026"
    assert "months" in unknown.missing


def test_a_workspaces_own_month_names_win_over_babel():
    table = {**built_in_table("de"), "months": ["Jänner", *built_in_table("de")["months"][1:]]}
    assert Labels("de", table).date(datetime.date(2027, 1, 5)) == "5. Jänner 2027"


def test_a_workspace_labels_file_for_a_language_babel_does_not_know_builds_with_its_dates(run, tmp_path):
    ws = seq_workspace(tmp_path / "ws")
    (ws / "labels").mkdir()
    months = "[Jan, Feb, Mar, Apr, Mai, Jun, Jul, Aug, Sep, Okt, Nov, Dez]"
    (ws / "labels" / "qq.yaml").write_text(
        f"language: Testisch\nmonths: {months}\ndate: '{{day}} {{month}} {{year}}'\n", encoding="utf-8"
    )
    (ws / "clients.yaml").write_text(
        "clients:\n  - name: Ann Example\n    email: ann@example.org\n    language: qq\n    handouts: [s cheatsheet]\n",
        encoding="utf-8",
    )
    result = run("build", "--clients", "clients.yaml", "--date", "2026-12-03", workspace=ws)
    assert result.code == 0, result.err
    text = " ".join(lines_of((ws / "build" / "clients" / "ann-example" / "s-cheatsheet.pdf").read_bytes()))
    assert "3 Dez 2026" in text


# -- e-mail in the client's language ----------------------------------------------------------------------------------
ROSTER = """\
clients:
  - name: Ann Example
    email: ann@example.org
    handouts: [s cheatsheet]
  - name: Jonas Weber
    email: jonas@example.org
    language: de
    handouts: [s cheatsheet]
  - name: Lucía Romero
    email: lucia@example.org
    language: es
    handouts: [s cheatsheet]
  - name: Camille Martin
    email: camille@example.org
    language: fr
    handouts: [s cheatsheet]
"""


def mail_ws(ws: Path, subject: str | None = None) -> Path:
    seq_workspace(ws)
    (ws / "studio.yaml").write_text(
        "studio: Riverside\ninstructor: Maya\nmail:\n  from: Maya <maya@example.org>\n"
        + (f'  subject: "{subject}"\n' if subject else ""),
        encoding="utf-8",
    )
    (ws / "clients.yaml").write_text(ROSTER, encoding="utf-8")
    return ws


def drafts(ws: Path) -> dict[str, tuple[str, str, str]]:
    """Each draft's (subject, plain text, html) by file name."""
    out = {}
    for path in sorted((ws / "build" / "outbox").glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        out[path.stem] = (
            str(message["Subject"]),
            message.get_body(("plain",)).get_content(),
            message.get_body(("html",)).get_content(),
        )
    return out


def mail_lines(err: str) -> str:
    """stderr without the mixed-language check's lines (the test sequence has no translations: its words print
    in English in every client's handout, which tests/test_translations.py looks at)."""
    return "".join(line for line in err.splitlines(keepends=True) if "would print in English" not in line)


def test_the_default_mail_is_in_each_clients_language(run, tmp_path):
    ws = mail_ws(tmp_path / "ws")
    result = run("mail", "--clients", "clients.yaml", "--date", "2026-12-03", workspace=ws)
    assert result.code == 0, result.err
    assert "warning" not in mail_lines(result.err)
    got = drafts(ws)
    assert got["jonas-weber"][:2] == (
        "Deine Übungen: Languages",
        "Hallo Jonas,\n\nim Anhang findest du dein Handout: "
        "Languages.\n\nViel Freude beim Üben, und frag mich gern, wenn etwas unklar ist."
        "\n\nMaya\nRiverside\n",
    )
    assert got["lucia-romero"][:2] == (
        "Tu práctica: Languages",
        "Hola, Lucía:\n\nTe adjunto tu ficha: Languages.\n\n"
        "Disfruta de la práctica y pregúntame si algo no queda claro.\n\nMaya\nRiverside\n",
    )
    assert got["camille-martin"][0] == "Votre pratique: Languages"
    assert got["camille-martin"][1].startswith("Bonjour Camille,\n\nVous trouverez ci-joint votre fiche: Languages.")
    assert got["ann-example"][:2] == (
        "Your practice: Languages",
        "Hello Ann,\n\nAttached is your handout: Languages."
        "\n\nEnjoy your practice, and ask me if anything is unclear.\n\nMaya\nRiverside\n",
    )
    assert "<p>Hallo Jonas,</p>" in got["jonas-weber"][2]


def test_each_language_takes_its_own_message_files_with_its_date(run, tmp_path):
    ws = mail_ws(tmp_path / "ws")
    (ws / "mail").mkdir()
    (ws / "mail" / "message.txt").write_text(
        "Hello {{ client.first_name }}, your practice of {{ date }}.\n", encoding="utf-8"
    )
    (ws / "mail" / "message.de.txt").write_text(
        "Hallo {{ client.first_name }}, deine Übungen vom {{ date }}.\n", encoding="utf-8"
    )
    (ws / "mail" / "message.es.txt").write_text(
        "Hola, {{ client.first_name }}: tu práctica del {{ date }}.\n", encoding="utf-8"
    )
    (ws / "mail" / "message.fr.txt").write_text(
        "Bonjour {{ client.first_name }}, votre pratique du {{ date }}.\n", encoding="utf-8"
    )
    (ws / "mail" / "message.fr.html").write_text(
        "<p>Bonjour {{ client.first_name }} : {{ date }}</p>\n", encoding="utf-8"
    )
    result = run("mail", "--clients", "clients.yaml", "--date", "2026-12-03", workspace=ws)
    assert result.code == 0, result.err
    assert mail_lines(result.err) == ""
    got = drafts(ws)
    assert got["jonas-weber"][1] == "Hallo Jonas, deine Übungen vom 3. Dezember 2026.\n"
    assert got["lucia-romero"][1] == "Hola, Lucía: tu práctica del 3 de diciembre de 2026.\n"
    assert got["camille-martin"][1] == "Bonjour Camille, votre pratique du 3 décembre 2026.\n"
    assert got["camille-martin"][2] == "<p>Bonjour Camille : 3 décembre 2026</p>\n"
    assert got["ann-example"][1] == "Hello Ann, your practice of 3 December 2026.\n"
    assert "<p>Hallo Jonas, deine Übungen vom 3. Dezember 2026.</p>" in got["jonas-weber"][2]


def test_a_client_without_a_message_in_their_language_is_warned_about(run, tmp_path):
    ws = mail_ws(tmp_path / "ws", subject="{{ studio }}: {{ handouts }}")
    (ws / "mail").mkdir()
    (ws / "mail" / "message.txt").write_text("Hello {{ client.first_name }}.\n", encoding="utf-8")
    (ws / "mail" / "message.de.txt").write_text("Hallo {{ client.first_name }}.\n", encoding="utf-8")
    result = run("check", "--clients", "clients.yaml", workspace=ws)
    assert result.code == 0, result.err
    assert mail_lines(result.err).splitlines() == [
        "clients.yaml:5:5: warning: language: Jonas Weber's e-mail would be in English: it takes the subject in "
        "studio.yaml, and there is none in German; write the subject in German in studio.de.yaml under mail: "
        "subject: (or leave subject: out of studio.yaml for the default subject in each client's language)",
        "clients.yaml:9:5: warning: language: Lucía Romero's e-mail would be in English: it takes mail/message.txt "
        "and the subject in studio.yaml, and there is none in Spanish; write mail/message.es.txt in Spanish, and the "
        "subject in Spanish in studio.es.yaml under mail: subject: (or leave subject: out of studio.yaml for the "
        "default subject in each client's language)",
        "clients.yaml:13:5: warning: language: Camille Martin's e-mail would be in English: it takes mail/message.txt "
        "and the subject in studio.yaml, and there is none in French; write mail/message.fr.txt in French, and the "
        "subject in French in studio.fr.yaml under mail: subject: (or leave subject: out of studio.yaml for the "
        "default subject in each client's language)",
    ]
    mail = run("mail", "--clients", "clients.yaml", "--date", "2026-12-03", workspace=ws)
    assert mail.code == 0 and mail_lines(mail.err) == mail_lines(result.err)
    got = drafts(ws)
    assert got["jonas-weber"][:2] == ("Riverside: Languages", "Hallo Jonas.\n")
    assert got["camille-martin"][:2] == ("Riverside: Languages", "Hello Camille.\n")


def test_a_message_file_in_no_known_language_is_warned_about(run, tmp_path):
    ws = mail_ws(tmp_path / "ws")
    (ws / "mail").mkdir()
    (ws / "mail" / "message.deu.txt").write_text("Hallo {{ client.first_name }}.\n", encoding="utf-8")
    result = run("check", workspace=ws)
    assert result.code == 0, result.err
    assert result.err == (
        "mail/message.deu.txt:1:1: warning: 'deu' is not a language handouts has labels for, so no "
        "client gets this message; did you mean 'de'? (or add labels/deu.yaml)\n"
    )


def test_a_subject_in_the_clients_language_comes_from_subject_for(run, tmp_path, monkeypatch):
    german = Text("Deine Übungen bei {{ studio }}: {{ handouts }}", Location("studio.de.yaml", 2, 12), "mail.subject")
    monkeypatch.setattr(mailtext, "translated_subject", lambda studio, code: german if code == "de" else None)
    ws = mail_ws(tmp_path / "ws", subject="Your practice at {{ studio }}")
    result = run("mail", "--clients", "clients.yaml", "--date", "2026-12-03", workspace=ws)
    assert result.code == 0, result.err
    got = drafts(ws)
    assert got["jonas-weber"][0] == "Deine Übungen bei Riverside: Languages"
    assert got["ann-example"][0] == "Your practice at Riverside"
    assert got["lucia-romero"][0] == "Your practice at Riverside"
    assert "Jonas" not in result.err and "clients.yaml:9:5: warning: language: Lucía Romero's" in result.err


def test_subject_for_prefers_the_language_then_studio_yaml_then_the_labels():
    english = Text("Your practice", Location("studio.yaml", 3, 12))
    german = Text("Deine Übungen", Location("studio.de.yaml", 2, 12))
    studio = SimpleNamespace(mail=SimpleNamespace(subject=english), subjects={"de": german})
    assert mailtext.subject_for(studio, "de") == "Deine Übungen"
    assert mailtext.subject_for(studio, "fr") == "Your practice"
    assert mailtext.subject_for(SimpleNamespace(mail=SimpleNamespace(subject=None)), "fr") is None
