"""E-mail to clients: one message per client with their PDFs attached, written as .eml drafts, and sent over
SMTP only when asked.

The body comes from the workspace's `mail/message.txt` and `mail/message.html` (Jinja2, sandboxed, HTML
escaped), `mail/message.<code>.txt` / `.html` for a client whose language is <code>, or from a short default in the
client's language; the subject likewise (mailtext.subject_for). Each message goes to exactly one address, and its
Message-ID is a hash of what it says and carries, so the same message always has the same id. Sending is
idempotent: the send log (`sent-mail.log` in the workspace, one JSON line per delivered message) is read
first and every message already in it is skipped, so a rerun after a dropped connection sends only what is
missing. The SMTP password comes from an environment variable, never a file or the command line, and is never
printed or written anywhere.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import smtplib
import socket
import ssl
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from pathlib import Path

from handouts.clients.personal import ClientJob, Due
from handouts.core.errors import (
    Collector,
    HandoutError,
    Location,
    OutsideError,
    Problem,
)
from handouts.templates.mailtext import (
    check_letters,
    fill_message,
    letter_groups,
    letter_names,
    message_failure,
    messages_for,
    subject_for,
    subject_problem,
    unsafe_subject,
)
from handouts.templates.text import failure, render

WARN_BYTES = 2 * 1024 * 1024
REFUSE_BYTES = 10 * 1024 * 1024
SEND_LOG = "sent-mail.log"
LOOPBACK = ("127.0.0.1", "localhost", "::1")


@dataclass(frozen=True)
class Letter:
    """One client's message, ready to save or send."""

    client: str
    slug: str
    to: str
    message: EmailMessage
    message_id: str
    size: int  # bytes of attachments
    due: Due | None = None  # a programme's sheets: which programme and segment (the send log keeps them)
    files: tuple[str, ...] = ()  # the attachments' file names


# -- composing ---------------------------------------------------------------------------------------------
LOWER_AFTER_GREETING = ("de",)  # a German letter goes on in lower case after "Hallo Jonas,"


def _default_text(words, names: dict) -> str:
    count = len(names["attachments"])
    attached = words("mail_attached_one" if count == 1 else "mail_attached_other", handouts=names["handouts"])
    if words.code not in LOWER_AFTER_GREETING:
        attached = attached[:1].upper() + attached[1:]
    sign = "\n".join(x for x in (names["instructor"], names["studio"]) if x)
    return (
        f"{words('mail_greeting', name=names['client']['first_name'])}\n\n{attached}"
        f"\n\n{words['mail_closing']}\n\n{sign}\n"
    )


def compose(
    jobs: list[ClientJob], pdfs: dict[Path, bytes], studio, workspace_root: Path, problems: Collector
) -> list[Letter]:
    """One message per client (in roster order) with all of that client's PDFs attached, and one more for a
    client's programme sheets (programme_letter)."""
    mail = studio.mail
    if mail is None:
        problems.error(
            Location("studio.yaml"),
            "studio.yaml has no mail: settings",
            "add mail: with at least from: Your Name <you@example.org>",
        )
        return []
    sender_name, sender_address = parseaddr(str(mail.sender))
    if "@" not in sender_address:
        problems.error(
            mail.sender.location,
            f"mail.from: '{mail.sender}' has no e-mail address",
            "write it as Your Name <you@example.org>",
        )
        return []
    letters = []
    programme_jobs = [j for j in jobs if j.due is not None]  # a letter of their own: see programme_letter
    jobs = [j for j in jobs if j.due is None]
    groups = letter_groups(jobs)
    sets = messages_for(workspace_root, problems, dict.fromkeys(own[0].words.code for own in groups.values()))
    for slug, own in groups.items():
        first = own[0]
        words = first.words
        messages = sets[words.code]
        template = subject_for(studio, words.code)
        titles, values = letter_names(own)
        try:
            subject = render(template, values) if template else words("mail_subject", handouts=titles)
        except (Exception, RecursionError, MemoryError) as exc:
            problems.extend([failure(template, exc, first.client)])
            continue
        trouble = unsafe_subject(subject)  # a value the subject uses (a note, a title) may bring one
        if trouble:
            problems.extend([subject_problem(template, trouble, first.client)])
            continue
        filled = {}
        for kind, message_file in messages.items():
            if message_file is not None:
                try:
                    filled[kind] = fill_message(message_file, values)
                except (Exception, RecursionError, MemoryError) as exc:
                    problems.extend([message_failure(message_file, exc, first.client)])
        if len(filled) < sum(1 for m in messages.values() if m is not None):
            continue
        text = filled["txt"] if "txt" in filled else _default_text(words, values)
        letters.append(
            _letter(own, pdfs, subject, text, filled.get("html"), (sender_name, sender_address), studio, problems, slug)
        )
    for own in letter_groups(programme_jobs).values():
        letters.append(programme_letter(own, pdfs, (sender_name, sender_address), studio, problems))
    return letters


def programme_letter(
    own: list[ClientJob], pdfs: dict[Path, bytes], sender: tuple[str, str], studio, problems: Collector
) -> Letter:
    """One client's message with the sheets of the programme segment due (all of `own`), in their language: its
    subject and text name the programme, the segment and the week. Its Message-ID is made of the address, the
    programme and the segment's weeks only, so the send log skips the same segment on a later day and sends the
    next segment when it is due."""
    first = own[0]
    due = first.due
    assert due is not None
    words = first.words
    sign = "\n".join(x for x in (str(studio.instructor or ""), str(studio.studio or "")) if x)
    subject = words("mail_programme_subject", programme=due.title, segment=due.segment)
    attached = words("mail_programme_attached", programme=due.title)
    if words.code not in LOWER_AFTER_GREETING:
        attached = attached[:1].upper() + attached[1:]
    text = (
        f"{words('mail_greeting', name=first.client.split()[0])}\n\n{attached}\n\n{due.segment}\n"
        f"{words('mail_programme_week', week=due.week, weeks=due.of)}\n\n{words['mail_closing']}\n\n{sign}\n"
    )
    key = f"programme\n{first.email}\n{due.programme}\n{due.weeks}"
    name = f"{first.slug}-{first.path.stem.removesuffix('-' + first.format)}"
    return _letter(own, pdfs, " ".join(subject.split()), text, None, sender, studio, problems, name, key, due)


def _letter(
    own: list[ClientJob],
    pdfs: dict[Path, bytes],
    subject: str,
    text: str,
    html: str | None,
    sender: tuple[str, str],
    studio,
    problems: Collector,
    name: str,
    key: str | None = None,
    due=None,
) -> Letter:
    """The message to `own`'s client with all of `own`'s PDFs attached (`html`: from the text when None). Its
    Message-ID: a hash of what it says and carries, or of `key` when given (a programme's segment)."""
    from html import escape

    first = own[0]
    sender_name, sender_address = sender
    if html is None:
        html = "".join(
            f"<p>{escape(part.strip()).replace(chr(10), '<br>')}</p>\n" for part in text.split("\n\n") if part.strip()
        )
    message = EmailMessage()
    message["From"] = Address(sender_name or str(studio.studio or ""), addr_spec=sender_address)
    local, _, domain = first.email.partition("@")
    message["To"] = Address(first.client, local, domain)
    message["Subject"] = " ".join(subject.split())
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    size = 0
    digest = hashlib.sha256(f"{first.email}\n{subject}\n{text}\n{html}".encode())
    for job in own:
        data = pdfs[job.path]
        size += len(data)
        digest.update(job.path.name.encode() + b"\0" + data)
        message.add_attachment(data, maintype="application", subtype="pdf", filename=job.path.name)
    ident = digest.hexdigest() if key is None else hashlib.sha256(key.encode()).hexdigest()
    message_id = f"<{ident[:40]}@{sender_address.partition('@')[2]}>"
    message["Message-ID"] = message_id
    for index, part in enumerate(message.walk()):  # fixed boundaries: the same draft, byte for byte
        if part.is_multipart():
            part.set_boundary(f"=_handouts_{digest.hexdigest()[40:56]}_{index}")
    client_location = first.location or Location("clients")
    if size > REFUSE_BYTES:
        problems.error(
            client_location,
            f"{first.client}'s attachments are {size / 1e6:.1f} MB, over the "
            f"{REFUSE_BYTES // (1024 * 1024)} MB most mail servers refuse",
            "send fewer handouts at once, or use --images email for smaller photos",
        )
    elif size > WARN_BYTES:
        problems.warn(
            client_location,
            f"{first.client}'s attachments are {size / 1e6:.1f} MB; some mailboxes refuse more than 2 MB",
            "use --images email, or send the handouts one by one",
        )
    files = tuple(job.path.name for job in own)
    return Letter(first.client, name, first.email, message, message_id, size, due, files)


# -- sending -----------------------------------------------------------------------------------------------
def read_log(path: Path) -> set[str]:
    """The Message-IDs the send log says were delivered."""
    if not path.is_file():
        return set()
    sent = set()
    # errors="replace": a line cut inside a letter (é is two bytes) is a bad line, not a bad log
    for line in path.read_bytes().decode("utf-8", errors="replace").splitlines():
        try:
            sent.add(json.loads(line)["message_id"])
        except (ValueError, KeyError, TypeError):
            continue  # a line cut short by a crash: that message is sent again rather than lost
    return sent


def _record(path: Path, letter: Letter) -> None:
    entry = {
        "message_id": letter.message_id,
        "to": letter.to,
        "client": letter.client,
        "subject": str(letter.message["Subject"]),
        **(
            {"programme": letter.due.programme, "segment": letter.due.weeks, "files": list(letter.files)}
            if letter.due is not None
            else {}
        ),
        "sent": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
    }
    line = json.dumps(entry, ensure_ascii=False) + "\n"
    with path.open("a+b") as log:
        if log.seek(0, os.SEEK_END):
            log.seek(-1, os.SEEK_END)
            if log.read(1) != b"\n":  # the last line was cut short by a kill: end it, or this one is lost in it
                line = "\n" + line
        log.write(line.encode("utf-8"))
        log.flush()
        os.fsync(log.fileno())


def smtp_settings(studio, environ=os.environ, workspace_root: Path = Path(".")) -> tuple[dict, str | None]:
    """Host, port, security and user from studio.yaml, and the password from its environment variable.
    Raises HandoutError when something needed is missing or unsafe."""
    mail = studio.mail
    where = mail.location
    if not mail.host:
        raise HandoutError(
            Problem(
                where,
                "mail: no host to send through",
                "add host: smtp.example.org (and user:, if your server asks for a login)",
            )
        )
    security = mail.security
    port = mail.port or {"ssl": 465, "starttls": 587, "none": 25}[security]
    password = None
    if mail.user:
        if security == "none" and str(mail.host) not in LOOPBACK:
            raise HandoutError(
                Problem(
                    where,
                    f"mail: security none would send the password to {mail.host} unencrypted",
                    "use security: starttls or ssl",
                )
            )
        password = environ.get(mail.password_env)
        if not password:
            raise HandoutError(
                Problem(
                    where,
                    f"mail: the password for {mail.user} is not set",
                    f"set the environment variable {mail.password_env} (e.g. "
                    f"read -s {mail.password_env} && export {mail.password_env}); "
                    "it is never read from a file or the command line",
                )
            )
    ca_file = None
    if mail.ca_file:
        ca_file = Path(workspace_root) / str(mail.ca_file)
        if not ca_file.is_file():
            raise HandoutError(
                Problem(
                    mail.ca_file.location,
                    f"mail.ca_file: no file '{mail.ca_file}'",
                    "give the certificate's path from the workspace folder",
                )
            )
    return {
        "host": str(mail.host),
        "port": port,
        "security": security,
        "user": str(mail.user) if mail.user else None,
        "ca_file": ca_file,
        "password_env": str(mail.password_env),
    }, password


class SendFailed(OutsideError):
    """Delivery stopped part-way (the server or the network); the log holds what was delivered."""


def send(
    letters: list[Letter],
    log_path: Path,
    settings: dict,
    password: str | None,
    say=lambda text: None,
    timeout: float = 30,
) -> tuple[int, int]:
    """Send every letter the log does not have; returns (sent now, already sent). Raises SendFailed (an
    OutsideError: the server, the network, the lock or the disk, never the user's files).

    The log is locked while sending, so two runs at once cannot both send a message."""
    import fcntl

    try:
        lock = log_path.open("a", encoding="utf-8")
    except OSError as exc:
        raise SendFailed(
            f"the send log {log_path.name} cannot be opened ({exc.strerror})",
            "make sure the workspace folder can be written to (and the disk is not full), then run "
            "the same command again; nothing was sent",
        ) from None
    with lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise SendFailed(
                f"another 'handouts mail --send' is sending from this workspace ({log_path.name} is locked)",
                "wait for it to finish, then run the same command again; nothing was sent by this run",
            ) from None
        return _send_unlocked(letters, log_path, settings, password, say, timeout)


def _why(exc: BaseException, settings: dict) -> tuple[str, str]:
    """What went wrong outside, in plain words, and what to do about it (before running again)."""
    server = f"{settings['host']}:{settings['port']}"
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return (
            f"the mail server {server} refused the login",
            f"check user: in studio.yaml and the password in {settings.get('password_env') or 'the environment'}",
        )
    if isinstance(exc, smtplib.SMTPResponseException) and 400 <= exc.smtp_code < 500:
        return (
            f"the mail server {server} refused the message for now",
            "this is usually temporary: wait a few minutes",
        )
    if isinstance(exc, (smtplib.SMTPResponseException, smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused)):
        return (
            f"the mail server {server} refused the message",
            "check the client's address and studio.yaml's mail: from, or ask your mail provider why",
        )
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return (f"the mail server {server} closed the connection", "check your network connection")
    if isinstance(exc, ssl.SSLError):
        return (
            f"the secure connection to the mail server {server} failed",
            "check security: and port: in studio.yaml; a server with its own certificate needs it as ca_file:",
        )
    if isinstance(exc, ConnectionRefusedError):
        return (
            f"the mail server {server} refused the connection",
            "check host: and port: in studio.yaml, and that the server is running",
        )
    if isinstance(exc, socket.gaierror):
        return (
            f"the mail server {settings['host']} cannot be found",
            "check host: in studio.yaml and your network connection",
        )
    if isinstance(exc, TimeoutError):
        return (f"the mail server {server} did not answer", "check your network connection")
    return (f"the connection to the mail server {server} failed", "check your network connection")


def _send_unlocked(
    letters: list[Letter], log_path: Path, settings: dict, password: str | None, say, timeout: float
) -> tuple[int, int]:
    done = read_log(log_path)
    todo = [letter for letter in letters if letter.message_id not in done]
    skipped = len(letters) - len(todo)
    if not todo:
        return 0, skipped
    sent = 0
    try:
        context = ssl.create_default_context(cafile=settings.get("ca_file"))
        server: smtplib.SMTP
        if settings["security"] == "ssl":
            server = smtplib.SMTP_SSL(settings["host"], settings["port"], timeout=timeout, context=context)
        else:
            server = smtplib.SMTP(settings["host"], settings["port"], timeout=timeout)
        with server:
            if settings["security"] == "starttls":
                server.starttls(context=context)
            if settings["user"]:
                server.login(settings["user"], password or "")
            for letter in todo:
                message = letter.message
                del message["Date"]
                message["Date"] = format_datetime(datetime.datetime.now(datetime.UTC))
                server.send_message(message, to_addrs=[letter.to])
                try:
                    _record(log_path, letter)
                except OSError as exc:
                    raise SendFailed(
                        f"the message to {letter.client} was sent but could not be written to the "
                        f"send log {log_path.name} ({exc.strerror})",
                        "free some space on the disk (or make the workspace writable) before "
                        "running again: a rerun would send that message a second time",
                    ) from None
                sent += 1
                say(f"sent to {letter.client} <{letter.to}>")
    except (smtplib.SMTPException, OSError) as exc:
        what, advice = _why(exc, settings)
        if isinstance(exc, smtplib.SMTPResponseException):
            said = exc.smtp_error
            said = said.decode("utf-8", "replace") if isinstance(said, bytes) else str(said)
            reason = f"the server said {exc.smtp_code} {' '.join(said.split())}"
        else:
            reason = str(exc)
        reason = "".join(ch if ch.isprintable() else " " for ch in reason)  # the server's words, on one line
        if password:
            reason = reason.replace(password, "***")
        count = len(todo)
        raise SendFailed(
            f"sending stopped after {sent} of {count} message{'s' if count != 1 else ''}: {what} "
            f"({type(exc).__name__}: {reason})",
            f"{advice}; the {sent + skipped} delivered are in the send log: run the same command "
            f"again to send the other {count - sent}",
        ) from None
    return sent, skipped


def draft_date(date: datetime.date | None = None, environ=os.environ) -> str:
    """The drafts' Date header, the same on every run: SOURCE_DATE_EPOCH's moment when it is set and no --date
    was given, else noon UTC of the handouts' date (--date, else today)."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "")
    if date is None and epoch.isdigit():
        when = datetime.datetime.fromtimestamp(int(epoch), datetime.UTC)
    else:
        day = date or datetime.date.today()
        when = datetime.datetime(day.year, day.month, day.day, 12, tzinfo=datetime.UTC)
    return format_datetime(when)


# -- the whole run -----------------------------------------------------------------------------------------
@dataclass
class Outbox:
    """What `prepare` made: the letters, the drafts written, and the SMTP settings when sending."""

    letters: list[Letter]
    drafts: list[Path]
    warnings: list[Problem]
    settings: dict | None = None
    password: str | None = None


def prepare(
    workspace, roster: Path, out: Path, only=None, date=None, sending: bool = False, progress=None, workers=None
) -> Outbox:
    """Check the mail settings and templates (and the password, when sending) before anything is built, then
    build the clients' PDFs and write one draft per client to out/outbox/. Raises HandoutError. `workers`: as
    `build_clients` takes it (the studio gives 1: no process is forked from its threads)."""
    from handouts.clients.making import build_clients, plan_clients
    from handouts.output.writer import Output, publish
    from handouts.pipeline.loading import load_workspace

    studio = load_workspace(workspace, [], feasibility=False).studio
    problems = Collector()
    if studio.mail is None:
        problems.error(
            Location("studio.yaml"),
            "studio.yaml has no mail: settings",
            "add mail: with at least from: Your Name <you@example.org>",
        )
    problems.raise_if_errors()
    settings, password = smtp_settings(studio, workspace_root=workspace.root) if sending else (None, None)
    planned = plan_clients(workspace, roster, only, date)
    own_letters = [job for job in planned[1] if job.due is None]  # a programme's letter takes no template
    problems.extend(check_letters(own_letters, planned[0].studio, workspace.root))  # before any PDF is made
    problems.raise_if_errors()
    loaded, jobs, _ = build_clients(
        workspace, roster, out, only, date, progress=progress, workers=workers, planned=planned
    )
    pdfs = {job.path: (out / job.path).read_bytes() for job in jobs}
    letters = compose(jobs, pdfs, loaded.studio, workspace.root, problems)
    problems.raise_if_errors()
    written = draft_date(date)
    for letter in letters:
        letter.message["Date"] = written  # the sending replaces it with the time it is sent
    drafts = publish([Output(Path("outbox") / f"{letter.slug}.eml", bytes(letter.message)) for letter in letters], out)
    return Outbox(letters, drafts, loaded.warnings + problems.warnings, settings, password)
