"""Clients following a programme (issue 21, point 4): the roster's `programme:` and `start:`, the sheets of the
segment due on the run's day, and `handouts mail` sending each segment once. Expected values are written out:
the example programme back-care-12-weeks runs weeks 1-3 Foundations, 4-6 Lengthening, 7-9, 10-12; in weeks 4-6
the supine twist is held 8 breaths (5 in weeks 1-3)."""

from __future__ import annotations

import email
import email.policy
import io
import json
import shutil
import textwrap
from pathlib import Path

from conftest import ROOT
from pypdf import PdfReader
from test_mail import PASSWORD, Inbox, mail_workspace, received, smtp  # noqa: F401 - smtp: the fixture

from handouts.clients.programme_sheets import week_due

ROSTER = """\
clients:
  - name: Ann Example
    email: ann@example.org
    programme: back-care-12-weeks
    start: 2026-11-16
    notes: [Keep a folded blanket under your head.]
"""


def programme_workspace(ws: Path, port: int = 2525, roster: str = ROSTER) -> None:
    """The examples' workspace with the example programme, mail settings at 127.0.0.1:port and `roster`."""
    shutil.copytree(ROOT / "programmes", ws / "programmes")
    mail_workspace(ws, 1, port)
    (ws / "clients.yaml").write_text(roster, encoding="utf-8")


def pdf_text(data: bytes) -> str:
    return " ".join("\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


def plain(message) -> str:
    """The message's text, its line ends as written (a message through SMTP has CRLF)."""
    return message.get_body(("plain",)).get_content().replace("\r\n", "\n")


def test_the_week_due_counts_from_the_start_day():
    import datetime

    start = datetime.date(2026, 11, 16)
    assert week_due(start, datetime.date(2026, 11, 16)) == 1
    assert week_due(start, datetime.date(2026, 11, 22)) == 1
    assert week_due(start, datetime.date(2026, 11, 23)) == 2
    assert week_due(start, datetime.date(2026, 12, 3)) == 3
    assert week_due(start, datetime.date(2026, 12, 8)) == 4
    assert week_due(start, datetime.date(2026, 11, 15)) == 0


def test_roster_errors_are_located(run, examples):
    programme_workspace(examples)
    (examples / "clients.yaml").write_text(
        textwrap.dedent("""\
            clients:
              - name: Ann Example
                email: ann@example.org
                programme: back-care-12-weks
                start: 2026-11-16
              - name: Bo Example
                email: bo@example.org
                programme: back-care-12-weeks
                start: 2026-11-31
              - name: Cy Example
                email: cy@example.org
                handouts: [desk-break]
                start: 2026-11-16
              - name: Di Example
                email: di@example.org
                programme: back-care-12-weeks
            """),
        encoding="utf-8",
    )
    result = run("build", "--clients", "clients.yaml", workspace=examples)
    assert result.code == 2, result.out
    assert "Traceback" not in result.err
    assert "clients.yaml:9:12: start: '2026-11-31' is not a date" in result.err
    assert "clients.yaml:13:12: start: a start date without a programme" in result.err
    assert "clients.yaml:16:16: programme: no start date for back-care-12-weeks" in result.err
    assert not (examples / "build" / "clients").exists()
    # the roster without its own errors: the unknown programme, with the closest name
    text = (examples / "clients.yaml").read_text(encoding="utf-8")
    (examples / "clients.yaml").write_text(text.split("  - name: Bo")[0], encoding="utf-8")
    result = run("build", "--clients", "clients.yaml", workspace=examples)
    assert result.code == 2
    assert "clients.yaml:4:16: programme: no programme 'back-care-12-weks' in programmes/" in result.err
    assert "did you mean 'back-care-12-weeks'?" in result.err


def test_build_makes_the_sheets_of_the_segment_due(run, examples):
    programme_workspace(examples)
    result = run("build", "--clients", "clients.yaml", "--date", "2026-12-08", workspace=examples)
    assert result.code == 0, result.err
    folder = examples / "build" / "clients" / "ann-example"
    assert sorted(p.name for p in folder.glob("*.pdf")) == [
        "back-care-12-weeks-weeks-04-06-cheatsheet.pdf",
        "back-care-12-weeks-weeks-04-06-matcard.pdf",
    ]
    text = pdf_text((folder / "back-care-12-weeks-weeks-04-06-cheatsheet.pdf").read_bytes())
    assert "Ann Example" in text and "Keep a folded blanket under your head." in text
    assert "Back Care, 12 Weeks, weeks 4\u20136" in text


def test_nothing_before_the_start_is_said_plainly(run, examples):
    programme_workspace(examples)
    result = run("build", "--clients", "clients.yaml", "--date", "2026-11-10", workspace=examples)
    assert result.code == 0, result.err
    said = " ".join((result.out + result.err).split())
    assert "Ann Example: nothing from Back Care, 12 Weeks on 2026-11-10: it starts on 2026-11-16" in said
    assert not list((examples / "build").rglob("*.pdf"))
    result = run("build", "--clients", "clients.yaml", "--date", "2027-02-08", workspace=examples)
    said = " ".join((result.out + result.err).split())
    assert "Ann Example: nothing from Back Care, 12 Weeks on 2027-02-08: its 12 weeks ended on 2027-02-07" in said


def test_a_format_named_for_the_programme_chooses_its_sheets(run, examples):
    roster = ROSTER + "    handouts: [back-care-12-weeks matcard, desk-break cheatsheet]\n"
    programme_workspace(examples, roster=roster)
    result = run("build", "--clients", "clients.yaml", "--date", "2026-11-16", workspace=examples)
    assert result.code == 0, result.err
    folder = examples / "build" / "clients" / "ann-example"
    assert sorted(p.name for p in folder.glob("*.pdf")) == [
        "back-care-12-weeks-weeks-01-03-matcard.pdf",
        "desk-break-cheatsheet.pdf",
    ]


def test_mail_sends_each_segment_once_and_the_next_when_due(run, examples, smtp, monkeypatch):  # noqa: F811
    inbox = Inbox()
    programme_workspace(examples, smtp(inbox))
    monkeypatch.setenv("HANDOUTS_SMTP_PASSWORD", PASSWORD)
    log = examples / "sent-mail.log"

    first = run("mail", "--clients", "clients.yaml", "--send", "--date", "2026-12-03", workspace=examples)
    assert first.code == 0, first.err
    ((rcpt, message),) = received(inbox)
    assert rcpt == ["ann@example.org"]
    assert message["Subject"] == "Back Care, 12 Weeks, Weeks 1\u20133: Foundations"
    body = plain(message)
    assert body.startswith("Hello Ann,\n\nAttached is your practice from Back Care, 12 Weeks.")
    assert "Weeks 1\u20133: Foundations\nThis is week 3 of 12." in body
    names = [part.get_filename() for part in message.iter_attachments()]
    assert names == ["back-care-12-weeks-weeks-01-03-cheatsheet.pdf", "back-care-12-weeks-weeks-01-03-matcard.pdf"]
    cheatsheet = pdf_text(next(message.iter_attachments()).get_payload(decode=True))
    assert "Ann Example" in cheatsheet and "Supine twist R \u2192 L \u00b7 5 breaths" in cheatsheet

    entries = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert [(e["to"], e["programme"], e["segment"], e["files"]) for e in entries] == [
        ("ann@example.org", "back-care-12-weeks", "1-3", names)
    ]

    again = run("mail", "--clients", "clients.yaml", "--send", "--date", "2026-12-03", workspace=examples)
    assert again.code == 0 and "sent 0 messages; 1 already sent before" in again.out
    assert len(inbox.messages) == 1

    later = run("mail", "--clients", "clients.yaml", "--send", "--date", "2026-12-08", workspace=examples)
    assert later.code == 0, later.err
    assert len(inbox.messages) == 2
    message = received(inbox)[1][1]
    assert message["Subject"] == "Back Care, 12 Weeks, Weeks 4\u20136: Lengthening"
    assert "Weeks 4\u20136: Lengthening\nThis is week 4 of 12." in plain(message)
    cheatsheet = pdf_text(next(message.iter_attachments()).get_payload(decode=True))
    assert "Ann Example" in cheatsheet and "Supine twist R \u2192 L \u00b7 8 breaths" in cheatsheet
    entries = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert [(e["to"], e["segment"], e["files"][0]) for e in entries] == [
        ("ann@example.org", "1-3", "back-care-12-weeks-weeks-01-03-cheatsheet.pdf"),
        ("ann@example.org", "4-6", "back-care-12-weeks-weeks-04-06-cheatsheet.pdf"),
    ]
    # a later day of the same weeks sends nothing more
    same = run("mail", "--clients", "clients.yaml", "--send", "--date", "2026-12-10", workspace=examples)
    assert same.code == 0 and "sent 0 messages; 1 already sent before" in same.out
    assert len(inbox.messages) == 2


def in_language(code: str) -> str:
    """The roster with Ann in the language `code`."""
    return ROSTER.replace("    start: 2026-11-16\n", f"    start: 2026-11-16\n    language: {code}\n")


def test_a_german_client_gets_the_message_in_german(run, examples):
    programme_workspace(examples, roster=in_language("de"))
    result = run("mail", "--clients", "clients.yaml", "--date", "2026-12-08", workspace=examples)
    assert result.code == 0, result.err
    (draft,) = (examples / "build" / "outbox").glob("*.eml")
    assert draft.name == "ann-example-back-care-12-weeks-weeks-04-06.eml"
    message = email.message_from_bytes(draft.read_bytes(), policy=email.policy.default)
    assert message["Subject"] == "R\u00fcckenpflege in 12 Wochen, Wochen 4\u20136: Mehr L\u00e4nge"
    body = plain(message)
    assert body.startswith("Hallo Ann,\n\nim Anhang findest du deine \u00dcbungen aus R\u00fcckenpflege in 12 Wochen.")
    assert "Wochen 4\u20136: Mehr L\u00e4nge\nDas ist Woche 4 von 12." in body
    assert "Back Care, 12 Weeks" not in body and "Lengthening" not in body


ENGLISH_WORDS = [  # what the English sheet of weeks 4-6 says, none of it on a sheet in another language
    "Back Care, 12 Weeks",
    "Prepared for",
    "Gluteal massage",
    "Supine twist",
    "Hamstring stretch",
    "8 breaths",
    "Now that you stay longer, come out of the twist early",
    "Strap series",
]


def test_a_german_clients_sheets_are_in_german(run, examples):
    programme_workspace(examples, roster=in_language("de"))
    result = run("build", "--clients", "clients.yaml", "--date", "2026-12-08", workspace=examples)
    assert result.code == 0, result.err
    assert "has no German translation" not in result.err
    folder = examples / "build" / "clients" / "ann-example"
    text = pdf_text((folder / "back-care-12-weeks-weeks-04-06-cheatsheet.pdf").read_bytes())
    # the programme's German title and the German weeks; the steps and holds from low-back-release.de.yaml, the
    # library's German words and the German labels; the caution weeks 4-6 add, from back-care-12-weeks.de.yaml
    for german in [
        "R\u00fcckenpflege in 12 Wochen, Wochen 4\u20136",
        "Zusammengestellt f\u00fcr Ann Example",
        "1 Ges\u00e4\u00dfmassage 5 Kreise pro Richtung",
        "2 Kreuzbeinmassage",
        "Reihe mit dem Gurt",
        "5a Beinr\u00fcckseite dehnen",
        "R \u2192 L \u00b7 8 Atemz\u00fcge",
        "Jetzt, wo du l\u00e4nger bleibst, komm fr\u00fcher aus der Drehung, wenn es im unteren R\u00fccken zu ziehen",
    ]:
        assert german in text, german
    assert [english for english in ENGLISH_WORDS if english in text] == []
    matcard = pdf_text((folder / "back-care-12-weeks-weeks-04-06-matcard.pdf").read_bytes())
    assert "R\u00fcckenpflege in 12 Wochen, Wochen 4\u20136" in matcard and "Gluteal massage" not in matcard


def test_a_spanish_client_gets_spanish_sheets_and_message(run, examples):
    programme_workspace(examples, roster=in_language("es"))
    result = run("mail", "--clients", "clients.yaml", "--date", "2026-12-08", workspace=examples)
    assert result.code == 0, result.err
    (draft,) = (examples / "build" / "outbox").glob("*.eml")
    message = email.message_from_bytes(draft.read_bytes(), policy=email.policy.default)
    assert message["Subject"] == "Cuidar la espalda en 12 semanas, Semanas 4\u20136: M\u00e1s longitud"
    cheatsheet = pdf_text(next(message.iter_attachments()).get_payload(decode=True))
    assert "Ahora que te quedas m\u00e1s tiempo, sal antes de la torsi\u00f3n" in cheatsheet
    assert "Preparado para Ann Example" in cheatsheet
    assert [english for english in ENGLISH_WORDS if english in cheatsheet] == []


def test_a_language_without_translations_warns_once_per_file(run, examples):
    bo = in_language("fr").replace("clients:\n", "").replace("Ann", "Bo").replace("ann@", "bo@")
    roster = in_language("fr") + bo  # two French clients: each file said once all the same
    programme_workspace(examples, roster=roster)
    (examples / "programmes" / "back-care-12-weeks.fr.yaml").unlink()
    (examples / "sequences" / "low-back-release.fr.yaml").unlink()
    result = run("build", "--clients", "clients.yaml", "--date", "2026-12-08", workspace=examples)
    assert result.code == 0, result.err
    said = " ".join(result.err.split())
    assert said.count("programmes/back-care-12-weeks.yaml has no French translation") == 1
    assert said.count("add programmes/back-care-12-weeks.fr.yaml with their French words") == 1
    assert said.count("sequences/low-back-release.yaml has no French translation") == 1
    folder = examples / "build" / "clients" / "bo-example"
    text = pdf_text((folder / "back-care-12-weeks-weeks-04-06-cheatsheet.pdf").read_bytes())
    # the programme's and the sequence's own words as written; the library's French words, the French labels
    assert "Back Care, 12 Weeks, semaines 4\u20136" in text
    assert "Pr\u00e9par\u00e9 pour Bo Example" in text
    assert "Gluteal massage" in text
    assert "Torsion allong\u00e9e D \u2192 G \u00b7 8 respirations" in text
    assert "Supine twist" not in text and "Prepared for" not in text


def test_a_step_left_out_is_left_out_and_may_be_one_a_later_segment_removes(run, examples):
    roster = ROSTER + "    leave_out: [sacral-circles]\n"  # weeks 7-9 remove it from the programme
    programme_workspace(examples, roster=roster)
    result = run("build", "--clients", "clients.yaml", "--date", "2026-12-08", workspace=examples)
    assert result.code == 0, result.err
    folder = examples / "build" / "clients" / "ann-example"
    text = pdf_text((folder / "back-care-12-weeks-weeks-04-06-cheatsheet.pdf").read_bytes())
    assert "Gluteal massage" in text and "Sacral massage" not in text
    result = run("build", "--clients", "clients.yaml", "--date", "2026-12-28", workspace=examples)
    assert result.code == 0, result.err
    assert (folder / "back-care-12-weeks-weeks-07-09-matcard.pdf").is_file()
