"""E-mail: drafts, and sending to a real SMTP server (aiosmtpd on 127.0.0.1) that may drop the connection."""

from __future__ import annotations

import email
import email.policy
import io
import json
import shutil
import socket
import textwrap
import threading
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from conftest import snapshot
from pypdf import PdfReader

from handouts.clients.mail import REFUSE_BYTES, WARN_BYTES, compose
from handouts.core.errors import Collector

PASSWORD = "s3cret-Pa55-never-shown"
USER = "maya"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Inbox:
    """An aiosmtpd handler keeping every message; after `drop_after` messages it cuts the connection."""

    def __init__(self, drop_after: int | None = None):
        self.messages: list[tuple[list[str], bytes]] = []
        self.drop_after = drop_after
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.drop_after is not None and len(self.messages) >= self.drop_after:
                self.drop_after = None  # one drop: the server is back for the rerun
                server.transport.close()
                return "421 going away"
            self.messages.append((list(envelope.rcpt_tos), envelope.content))
        return "250 OK"


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = (
        isinstance(auth_data, LoginPassword)
        and auth_data.login == USER.encode()
        and auth_data.password == PASSWORD.encode()
    )
    return AuthResult(success=ok, handled=False)


@pytest.fixture
def smtp():
    servers = []

    def start(inbox: Inbox) -> int:
        port = free_port()
        controller = Controller(
            inbox,
            hostname="127.0.0.1",
            port=port,
            authenticator=authenticator,
            auth_require_tls=False,
            auth_required=True,
            auth_exclude_mechanism=["LOGIN"],
        )
        controller.start()
        servers.append(controller)
        return port

    yield start
    for controller in servers:
        controller.stop()


def mail_workspace(ws: Path, clients: int, port: int = 2525) -> None:
    """The examples' workspace with a roster of `clients` clients (each a desk-break cheat sheet) and mail
    settings pointing at 127.0.0.1:port."""
    studio = ws / "studio.yaml"
    text = studio.read_text(encoding="utf-8")
    text = text.split("\nmail:")[0] + textwrap.dedent(f"""
        mail:
          from: Maya Lindqvist <maya@riverside.example>
          subject: "Your practice, {{{{ client.first_name }}}}: {{{{ handouts }}}}"
          host: 127.0.0.1
          port: {port}
          user: {USER}
          security: none
        """)
    studio.write_text(text, encoding="utf-8")
    lines = ["clients:"]
    for n in range(1, clients + 1):
        lines += [
            f"  - name: Client{n:02d} Example",
            f"    email: client{n:02d}@example.org",
            "    handouts: [desk-break cheatsheet]",
        ]
    (ws / "clients.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def received(inbox: Inbox) -> list[tuple[list[str], email.message.EmailMessage]]:
    return [(rcpt, email.message_from_bytes(data, policy=email.policy.default)) for rcpt, data in inbox.messages]


def attachment_text(message) -> list[tuple[str, str]]:
    out = []
    for part in message.iter_attachments():
        data = part.get_payload(decode=True)
        text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
        out.append((part.get_filename(), text))
    return out


def all_files_text(folder: Path) -> str:
    return "\n".join(p.read_bytes().decode("latin-1") for p in folder.rglob("*") if p.is_file())


def test_drafts_one_message_per_client_with_their_own_pdf(run, examples):
    mail_workspace(examples, 3)
    result = run("mail", "--clients", "clients.yaml", "--date", "2026-11-21", workspace=examples)
    assert result.code == 0, result.err
    outbox = examples / "build" / "outbox"
    drafts = sorted(outbox.glob("*.eml"))
    assert [d.name for d in drafts] == ["client01-example.eml", "client02-example.eml", "client03-example.eml"]
    for n, draft in enumerate(drafts, 1):
        message = email.message_from_bytes(draft.read_bytes(), policy=email.policy.default)
        assert message["To"] == f"Client{n:02d} Example <client{n:02d}@example.org>"
        assert message["Subject"] == f"Your practice, Client{n:02d}: Desk Break" or message["Subject"].startswith(
            f"Your practice, Client{n:02d}: "
        )
        assert message.get_body(("plain",)).get_content().startswith(f"Hello Client{n:02d},")
        assert "<p>" in message.get_body(("html",)).get_content()
        ((name, text),) = attachment_text(message)
        assert name == "desk-break-cheatsheet.pdf"
        assert f"Client{n:02d} Example" in text
    before = snapshot(outbox)
    assert run("mail", "--clients", "clients.yaml", "--date", "2026-11-21", workspace=examples).code == 0
    assert snapshot(outbox) == before  # the same drafts, byte for byte
    assert not (examples / "sent-mail.log").exists()  # nothing was sent


def test_send_twenty_then_a_dropped_connection_then_the_rest(run, examples, smtp, monkeypatch):
    inbox = Inbox(drop_after=7)
    port = smtp(inbox)
    mail_workspace(examples, 20, port)
    monkeypatch.setenv("HANDOUTS_SMTP_PASSWORD", PASSWORD)
    first = run("mail", "--clients", "clients.yaml", "--send", "--date", "2026-11-21", workspace=examples)
    assert first.code == 3  # something outside failed: the server
    assert "sending stopped after 7 of 20" in first.err and "send the other 13" in first.err
    assert "Traceback" not in first.err
    assert len(inbox.messages) == 7
    log = examples / "sent-mail.log"
    assert len(log.read_text().splitlines()) == 7
    second = run("mail", "--clients", "clients.yaml", "--send", "--date", "2026-11-21", workspace=examples)
    assert second.code == 0, second.err
    assert "sent 13 messages; 7 already sent before" in second.out
    third = run("mail", "--clients", "clients.yaml", "--send", "--date", "2026-11-21", workspace=examples)
    assert third.code == 0 and "sent 0 messages; 20 already sent before" in third.out
    messages = received(inbox)
    assert len(messages) == 20
    ids = [m["Message-ID"] for _, m in messages]
    assert len(set(ids)) == 20
    seen = set()
    for rcpt, message in messages:
        assert len(rcpt) == 1  # exactly one recipient per message
        (address,) = rcpt
        assert message["To"].addresses[0].addr_spec == address
        name = message["To"].addresses[0].display_name
        ((filename, text),) = attachment_text(message)
        assert filename == "desk-break-cheatsheet.pdf"
        assert name in text  # their own sheet
        others = [f"Client{n:02d} Example" for n in range(1, 21) if f"Client{n:02d} Example" != name]
        assert not any(other in text for other in others)
        seen.add(address)
    assert seen == {f"client{n:02d}@example.org" for n in range(1, 21)}
    assert {json.loads(line)["message_id"] for line in log.read_text().splitlines()} == set(ids)
    # the password appears nowhere: not in the output, not in any file the runs wrote
    for result in (first, second, third):
        assert PASSWORD not in result.out + result.err
    assert PASSWORD not in all_files_text(examples)


def test_sending_needs_the_password_in_the_environment(run, examples, smtp, monkeypatch):
    inbox = Inbox()
    mail_workspace(examples, 2, smtp(inbox))
    monkeypatch.delenv("HANDOUTS_SMTP_PASSWORD", raising=False)
    result = run("mail", "--clients", "clients.yaml", "--send", workspace=examples)
    assert result.code == 2
    assert "studio.yaml:" in result.err and "the password for maya is not set" in result.err
    assert "HANDOUTS_SMTP_PASSWORD" in result.err
    assert inbox.messages == [] and not (examples / "sent-mail.log").exists()
    assert not (examples / "build").exists()  # checked before anything was built


def test_a_wrong_password_is_reported_without_showing_it(run, examples, smtp, monkeypatch):
    inbox = Inbox()
    mail_workspace(examples, 2, smtp(inbox))
    monkeypatch.setenv("HANDOUTS_SMTP_PASSWORD", "wrong-" + PASSWORD)
    result = run("mail", "--clients", "clients.yaml", "--send", workspace=examples)
    assert result.code == 3
    assert "SMTPAuthenticationError" in result.err and "sending stopped after 0 of 2" in result.err
    assert f"the mail server 127.0.0.1:{inbox_port(examples)} refused the login" in result.err
    assert "check user: in studio.yaml and the password in HANDOUTS_SMTP_PASSWORD" in result.err
    assert PASSWORD not in result.out + result.err
    assert inbox.messages == []


def test_plain_text_login_is_refused_for_a_remote_server(run, examples):
    mail_workspace(examples, 1)
    studio = examples / "studio.yaml"
    studio.write_text(studio.read_text().replace("host: 127.0.0.1", "host: smtp.example.org"))
    result = run("mail", "--clients", "clients.yaml", "--send", workspace=examples)
    assert result.code == 2 and "security none would send the password" in result.err


def inbox_port(ws: Path) -> int:
    """The port the workspace's studio.yaml sends to."""
    import re

    return int(re.search(r"\n  port: (\d+)", (ws / "studio.yaml").read_text()).group(1))


def _jobs(run, ws):
    from handouts.clients.making import plan_clients
    from handouts.reading.workspace import Workspace

    loaded, jobs = plan_clients(Workspace(ws), ws / "clients.yaml")
    return loaded, jobs


def test_attachments_over_2_mb_warn_and_over_10_mb_are_refused(run, examples):
    mail_workspace(examples, 3)
    loaded, jobs = _jobs(run, examples)
    sizes = {jobs[0].path: 1000, jobs[1].path: WARN_BYTES + 1, jobs[2].path: REFUSE_BYTES + 1}
    problems = Collector()
    letters = compose(
        jobs, {path: b"%PDF" + b"0" * size for path, size in sizes.items()}, loaded.studio, examples, problems
    )
    assert len(letters) == 3
    assert [str(p.location) for p in problems.warnings] == ["clients.yaml:5:5"]
    assert "Client02 Example's attachments are 2.1 MB" in problems.warnings[0].message
    (refused,) = problems.errors
    assert str(refused.location) == "clients.yaml:8:5" and "over the 10 MB" in refused.message


def test_a_bad_mail_template_is_located(run, examples):
    mail_workspace(examples, 1)
    (examples / "mail").mkdir()
    (examples / "mail" / "message.txt").write_text("Hello {{ client.name }},\n\n{% if x %}\nno end\n")
    result = run("mail", "--clients", "clients.yaml", workspace=examples)
    assert result.code == 2 and "mail/message.txt:" in result.err and "cannot be read" in result.err
    assert not (examples / "build").exists()  # nothing built, nothing drafted


def test_the_workspace_templates_shape_the_message(run, examples):
    mail_workspace(examples, 1)
    (examples / "mail").mkdir()
    (examples / "mail" / "message.txt").write_text("Dear {{ client.name }}, here is {{ handouts }}.\n")
    (examples / "mail" / "message.html").write_text("<p>Dear {{ client.name }}</p>\n")
    roster = examples / "clients.yaml"
    roster.write_text(roster.read_text().replace("Client01 Example", "'<b>Ann & Bo</b>'"))
    assert run("mail", "--clients", "clients.yaml", workspace=examples).code == 0
    (draft,) = (examples / "build" / "outbox").glob("*.eml")
    message = email.message_from_bytes(draft.read_bytes(), policy=email.policy.default)
    assert message.get_body(("plain",)).get_content() == "Dear <b>Ann & Bo</b>, here is Desk Break.\n"
    assert message.get_body(("html",)).get_content() == "<p>Dear &lt;b&gt;Ann &amp; Bo&lt;/b&gt;</p>\n"


def test_two_sending_runs_at_once_cannot_both_send(run, examples, smtp, monkeypatch):
    import fcntl

    inbox = Inbox()
    mail_workspace(examples, 2, smtp(inbox))
    monkeypatch.setenv("HANDOUTS_SMTP_PASSWORD", PASSWORD)
    with (examples / "sent-mail.log").open("a") as other:
        fcntl.flock(other, fcntl.LOCK_EX)  # another run is sending
        result = run("mail", "--clients", "clients.yaml", "--send", workspace=examples)
    assert result.code == 3 and "sent-mail.log is locked" in result.err
    assert inbox.messages == []
    assert run("mail", "--clients", "clients.yaml", "--send", workspace=examples).code == 0
    assert len(inbox.messages) == 2


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key, made here (the `cryptography` wheel comes with pdfplumber)."""
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "server.pem", folder / "server.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_path, key_path


@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_sending_over_tls_with_the_servers_own_certificate(run, examples, monkeypatch, security, tmp_path):
    import ssl

    cert, key = self_signed(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    inbox = Inbox()
    port = free_port()
    if security == "starttls":
        controller = Controller(
            inbox,
            hostname="127.0.0.1",
            port=port,
            authenticator=authenticator,
            tls_context=context,
            require_starttls=True,
            auth_require_tls=True,
            auth_exclude_mechanism=["LOGIN"],
        )
    else:
        controller = Controller(
            inbox,
            hostname="127.0.0.1",
            port=port,
            authenticator=authenticator,
            ssl_context=context,
            auth_require_tls=False,
            auth_exclude_mechanism=["LOGIN"],
        )
    controller.start()
    try:
        mail_workspace(examples, 2, port)
        (examples / "certs").mkdir()
        (examples / "certs" / "server.pem").write_bytes(cert.read_bytes())
        studio = examples / "studio.yaml"
        studio.write_text(
            studio.read_text().replace("security: none", f"security: {security}\n  ca_file: certs/server.pem")
        )
        monkeypatch.setenv("HANDOUTS_SMTP_PASSWORD", PASSWORD)
        result = run("mail", "--clients", "clients.yaml", "--send", workspace=examples)
        assert result.code == 0, result.err
        assert len(inbox.messages) == 2
        # without the certificate to trust, the connection is refused, and nothing is sent
        studio.write_text(studio.read_text().replace("\n  ca_file: certs/server.pem", ""))
        (examples / "sent-mail.log").unlink()
        result = run("mail", "--clients", "clients.yaml", "--send", workspace=examples)
        assert result.code == 3 and "CERTIFICATE_VERIFY_FAILED" in result.err
        assert "the secure connection to the mail server" in result.err
        assert len(inbox.messages) == 2
    finally:
        controller.stop()


# -- the send log ------------------------------------------------------------------------------------------
SENT_AT = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00"  # when it was sent: UTC, to the second
MESSAGE_ID = r"<[0-9a-f]{40}@riverside\.example>"  # a hash of the message, at the sender's domain


def three_clients_one_with_accents(examples: Path, port: int) -> None:
    """Three clients; the second's name has letters outside ASCII (they are written to the log as they are)."""
    mail_workspace(examples, 3, port)
    roster = examples / "clients.yaml"
    roster.write_text(roster.read_text(encoding="utf-8").replace("Client02 Example", "Zoë Müller"), encoding="utf-8")


def send_all(run, examples: Path):
    return run("mail", "--clients", "clients.yaml", "--send", "--date", "2026-11-21", workspace=examples)


def test_each_line_of_the_send_log_records_one_delivered_message(run, examples, smtp, monkeypatch):
    import datetime
    import re

    inbox = Inbox()
    three_clients_one_with_accents(examples, smtp(inbox))
    monkeypatch.setenv("HANDOUTS_SMTP_PASSWORD", PASSWORD)
    start = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    result = send_all(run, examples)
    end = datetime.datetime.now(datetime.UTC)
    assert result.code == 0, result.err
    assert "sent 3 messages" in result.out
    raw = (examples / "sent-mail.log").read_bytes()
    assert raw.endswith(b"\n") and raw.count(b"\n") == 3
    assert "Zoë Müller".encode() in raw  # UTF-8 as written, not \u escapes
    entries = [json.loads(line) for line in raw.decode("utf-8").splitlines()]
    expected = [
        ("client01@example.org", "Client01 Example", "Your practice, Client01: Desk Break"),
        ("client02@example.org", "Zoë Müller", "Your practice, Zoë: Desk Break"),
        ("client03@example.org", "Client03 Example", "Your practice, Client03: Desk Break"),
    ]
    ids = {rcpt[0]: message["Message-ID"] for rcpt, message in received(inbox)}
    assert len(ids) == 3
    for entry, (to, client, subject) in zip(entries, expected, strict=True):  # in roster order
        assert sorted(entry) == ["client", "message_id", "sent", "subject", "to"]
        assert entry["to"] == to and entry["client"] == client and entry["subject"] == subject
        assert re.fullmatch(MESSAGE_ID, entry["message_id"])
        assert entry["message_id"] == ids[to]  # the id the recipient got
        assert re.fullmatch(SENT_AT, entry["sent"])
        assert start <= datetime.datetime.fromisoformat(entry["sent"]) <= end  # when it was sent, not the --date
    # the draft of each message carries the same id as its log line
    for entry, draft in zip(entries, ["client01-example.eml", "zoe-muller.eml", "client03-example.eml"], strict=True):
        message = email.message_from_bytes(
            (examples / "build" / "outbox" / draft).read_bytes(), policy=email.policy.default
        )
        assert message["Message-ID"] == entry["message_id"]
        assert message["Subject"] == entry["subject"]


def test_a_second_send_sends_nothing_and_leaves_the_log_as_it_was(run, examples, smtp, monkeypatch):
    inbox = Inbox()
    three_clients_one_with_accents(examples, smtp(inbox))
    monkeypatch.setenv("HANDOUTS_SMTP_PASSWORD", PASSWORD)
    assert send_all(run, examples).code == 0
    log = examples / "sent-mail.log"
    before = log.read_bytes()
    assert len(inbox.messages) == 3
    again = send_all(run, examples)
    assert again.code == 0, again.err
    assert "sent 0 messages; 3 already sent before (in sent-mail.log)" in again.out
    assert "sent to" not in again.err
    assert len(inbox.messages) == 3
    assert log.read_bytes() == before


@pytest.mark.parametrize("cut", ["ascii", "inside a letter"])
def test_a_log_line_cut_short_by_a_kill_sends_that_message_again_and_only_once(run, examples, smtp, monkeypatch, cut):
    """A run killed while writing the second line leaves it cut short (no newline; perhaps half a UTF-8 letter).
    As documented in mail.read_log: that message is sent again rather than lost; the others are not, and the
    line written for it afterwards is read back, so a third run sends nothing."""
    inbox = Inbox()
    three_clients_one_with_accents(examples, smtp(inbox))
    monkeypatch.setenv("HANDOUTS_SMTP_PASSWORD", PASSWORD)
    assert send_all(run, examples).code == 0
    log = examples / "sent-mail.log"
    first, second, _third = log.read_bytes().splitlines(keepends=True)
    assert b"Zo\xc3\xab" in second
    end = second.index(b"Zo\xc3\xab") + (3 if cut == "inside a letter" else 2)  # after the \xc3 of ë, or before it
    log.write_bytes(first + second[:end])  # the kill: line 2 cut short (and the third message never sent)
    rerun = send_all(run, examples)
    assert rerun.code == 0, rerun.err
    assert "sent 2 messages; 1 already sent before (in sent-mail.log)" in rerun.out
    assert "sent to Zoë Müller <client02@example.org>" in rerun.err
    assert [rcpt for rcpt, _ in inbox.messages][3:] == [["client02@example.org"], ["client03@example.org"]]
    lines = log.read_bytes().splitlines(keepends=True)
    assert lines[:2] == [first, second[:end] + b"\n"]  # the cut line is kept, ended, and skipped when read
    assert [json.loads(line)["to"] for line in lines[2:]] == ["client02@example.org", "client03@example.org"]
    after = log.read_bytes()
    third = send_all(run, examples)
    assert third.code == 0, third.err
    assert "sent 0 messages; 3 already sent before" in third.out
    assert len(inbox.messages) == 5 and log.read_bytes() == after


# -- the drafts' Date and Message-ID ----------------------------------------------------------------------------
def draft_headers(folder: Path) -> dict[str, tuple[str, str]]:
    out = {}
    for draft in sorted((folder / "build" / "outbox").glob("*.eml")):
        message = email.message_from_bytes(draft.read_bytes(), policy=email.policy.default)
        out[draft.name] = (message["Date"], message["Message-ID"])
    return out


def test_drafts_carry_the_handouts_date_and_a_stable_message_id(run, examples, tmp_path, monkeypatch):
    import re

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    mail_workspace(examples, 2)
    assert run("mail", "--clients", "clients.yaml", "--date", "2026-11-21", workspace=examples).code == 0
    first = draft_headers(examples)
    assert sorted(first) == ["client01-example.eml", "client02-example.eml"]
    for date, message_id in first.values():
        assert date == "Sat, 21 Nov 2026 12:00:00 +0000"  # noon UTC of --date: the same on every run
        assert re.fullmatch(r"<[0-9a-f]{40}@riverside\.example>", message_id)  # at the sender's domain
    assert len({message_id for _, message_id in first.values()}) == 2
    # the same workspace elsewhere, in another process's run: the same drafts, byte for byte
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(examples, elsewhere, ignore=shutil.ignore_patterns("build"))
    assert run("mail", "--clients", "clients.yaml", "--date", "2026-11-21", workspace=elsewhere).code == 0
    assert snapshot(elsewhere / "build" / "outbox") == snapshot(examples / "build" / "outbox")
    # another day's date is printed on the sheets: another message, with another id
    assert run("mail", "--clients", "clients.yaml", "--date", "2026-11-22", workspace=elsewhere).code == 0
    later = draft_headers(elsewhere)
    for name, (date, message_id) in later.items():
        assert date == "Sun, 22 Nov 2026 12:00:00 +0000"
        assert message_id != first[name][1]


def test_without_a_date_the_drafts_take_source_date_epoch(run, examples, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    mail_workspace(examples, 1)
    assert run("mail", "--clients", "clients.yaml", workspace=examples).code == 0
    ((date, _),) = draft_headers(examples).values()
    assert date == "Wed, 18 Nov 2026 11:06:40 +0000"


def test_a_sent_message_is_dated_when_it_is_sent(run, examples, smtp, monkeypatch):
    import datetime

    inbox = Inbox()
    mail_workspace(examples, 1, smtp(inbox))
    monkeypatch.setenv("HANDOUTS_SMTP_PASSWORD", PASSWORD)
    start = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    assert send_all(run, examples).code == 0
    ((_, message),) = received(inbox)
    assert len(message.get_all("Date")) == 1
    assert start <= message["Date"].datetime <= datetime.datetime.now(datetime.UTC)
    ((draft_date, draft_id),) = draft_headers(examples).values()
    assert draft_date == "Sat, 21 Nov 2026 12:00:00 +0000" and message["Message-ID"] == draft_id


def test_a_name_with_markup_characters_reaches_the_to_header_quoted(run, examples):
    mail_workspace(examples, 1)
    roster = examples / "clients.yaml"
    roster.write_text(roster.read_text().replace("Client01 Example", "'Ada <Lovelace> & Co'"))
    assert run("mail", "--clients", "clients.yaml", "--date", "2026-11-21", workspace=examples).code == 0
    (draft,) = (examples / "build" / "outbox").glob("*.eml")
    raw = draft.read_bytes()
    assert b'\nTo: "Ada <Lovelace> & Co" <client01@example.org>\n' in raw
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert message["To"].addresses[0].display_name == "Ada <Lovelace> & Co"
    assert message["Subject"] == "Your practice, Ada: Desk Break"


@pytest.mark.parametrize(
    "name, error",
    [
        (
            '"Ann\\r\\nBcc: everyone@example.org"',
            "clients.yaml:2:11: name: the text holds a carriage return (U+000D), "
            "which cannot be printed; delete the backslash code that writes it "
            "between the quotes (such as \\r)",
        ),
        (
            '"Ann\\0 Example"',
            "clients.yaml:2:11: name: the text holds a null character (U+0000), which cannot be "
            "printed; delete the backslash code that writes it between the quotes (such as \\0)",
        ),
    ],
)
def test_a_name_that_would_break_the_to_header_stops_mail_before_anything_is_built(run, examples, name, error):
    mail_workspace(examples, 2)
    roster = examples / "clients.yaml"
    roster.write_text(roster.read_text().replace("Client01 Example", name, 1))
    result = run("mail", "--clients", "clients.yaml", workspace=examples)
    assert result.code == 2
    assert result.err == f"{error}\n1 error in 1 file\n"
    assert not (examples / "build").exists()


def test_a_control_character_a_subject_would_take_from_a_value_is_refused_where_it_is_written(run, examples):
    """A sequence's title reaches the subject through {{ handouts }}; a NUL in it is refused at the title itself,
    so that no value can bring one into the Subject header."""
    mail_workspace(examples, 1)
    sequence = examples / "sequences" / "desk-break.yaml"
    text = sequence.read_text(encoding="utf-8")
    assert "\ntitle: Desk Break\n" in text
    sequence.write_text(text.replace("\ntitle: Desk Break\n", '\ntitle: "Desk\\0 Break"\n'), encoding="utf-8")
    result = run("mail", "--clients", "clients.yaml", "--date", "2026-11-21", workspace=examples)
    assert result.code == 2
    assert result.err.startswith(
        "sequences/desk-break.yaml:4:8: title: the text holds a null character (U+0000), "
        "which cannot be printed; delete the backslash code that writes it between the quotes "
        "(such as \\0)\n"
    )
    assert not (examples / "build" / "outbox").exists()
