"""The mail's templates: the workspace's `mail/message.txt` and `mail/message.html` and studio.yaml's mail
subject, read, checked and filled in for each client.

A message file is read whole (at most limits.FILE_BYTES, UTF-8), parsed in the bounded sandbox (sandbox.py), and
its names checked against what a message may use, each unknown name at its own line and column with a
did-you-mean. `letter_problems` fills the subject and both files for every client the mail will go to (or, for
`handouts check` without a roster, a sample client) exactly as `mail` will, so a failure (a division by zero, a
loop over the limit) is a located error before any PDF is built. Kept apart from mail.py, whose SMTP imports a
check does not need.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import limits
from .errors import Collector, Location, Problem
from .fields import did_you_mean
from .text import CLIENT_FIELDS, MAIL_NAMES, failure, render

KINDS = ("txt", "html")


@dataclass(frozen=True)
class Message:
    """One message file: its kind (txt or html), its path as shown, and its text."""

    kind: str
    shown: str
    source: str


def _syntax_hint() -> str:
    return "write names in double braces, e.g. {{ client.name }}, and close every {% %} block"


def read_messages(root: Path, problems: Collector) -> dict[str, Message | None]:
    """mail/message.txt and .html (None where missing or unreadable; their problems go to `problems`)."""
    out: dict[str, Message | None] = {}
    for kind in KINDS:
        out[kind] = None
        path = root / "mail" / f"message.{kind}"
        shown = f"mail/message.{kind}"
        if not path.is_file():
            continue
        size = path.stat().st_size  # a file too large is refused by its size, before it is read
        if size > limits.FILE_BYTES:
            problems.error(Location(shown, 1, 1), f"the message is {size:,} bytes, more than the "
                           f"{limits.FILE_BYTES:,} a message may have", "shorten it")
            continue
        data = path.read_bytes()
        try:
            source = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[:exc.start].count(b"\n") + 1
            col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
            problems.error(Location(shown, line, col), "the message is not UTF-8 text",
                           "save it as UTF-8 (in most editors: Save As, Encoding: UTF-8)")
            continue
        from jinja2 import TemplateSyntaxError  # only once there is a message file

        from .sandbox import environment
        try:
            tree = environment(kind == "html", True).parse(source)
        except TemplateSyntaxError as exc:
            problems.error(Location(shown, exc.lineno or 1, 1),
                           f"the template cannot be read: {str(exc.message).rstrip('.')}", _syntax_hint())
            continue
        found = _name_problems(tree, source, shown)
        problems.extend(found)
        if not found:
            out[kind] = Message(kind, shown, source)
    return out


def _column(source: str, line: int, pattern: str) -> int:
    text = source.split("\n")[line - 1] if 0 < line <= source.count("\n") + 1 else ""
    match = re.search(pattern, text)
    return match.start() + 1 if match else 1


def _name_problems(tree, source: str, shown: str) -> list[Problem]:
    """Names a message may not use, each at its line and column, with a did-you-mean."""
    from jinja2 import meta, nodes
    undeclared = meta.find_undeclared_variables(tree)
    from .sandbox import OTHER_FILE, other_files
    problems = [Problem(Location(shown, line, _column(source, line, rf"\{{%-?\s*{keyword}\b")),
                        OTHER_FILE[0].replace("{keyword}", keyword), OTHER_FILE[1])
                for line, keyword in other_files(tree)]
    for node in tree.find_all(nodes.Name):
        if node.ctx == "load" and node.name in undeclared and node.name not in MAIL_NAMES:
            where = Location(shown, node.lineno, _column(source, node.lineno, rf"\b{re.escape(node.name)}\b"))
            problems.append(Problem(where, f"unknown name '{node.name}' in the template",
                                    did_you_mean(node.name, MAIL_NAMES, "names (" + ", ".join(MAIL_NAMES) + ")")))
    for node in tree.find_all(nodes.Getattr):
        if isinstance(node.node, nodes.Name) and node.node.name == "client" and node.attr not in CLIENT_FIELDS:
            where = Location(shown, node.lineno, _column(source, node.lineno, rf"\bclient\s*\.\s*{re.escape(node.attr)}\b"))
            problems.append(Problem(where, f"unknown name 'client.{node.attr}' in the template",
                                    did_you_mean(node.attr, CLIENT_FIELDS, "client fields (" +
                                                 ", ".join(CLIENT_FIELDS) + ")")))
    return problems


def names(client: dict[str, Any], date: str, studio, titles: str, attachments: list[str]) -> dict[str, Any]:
    """What the mail's templates may use, for one client."""
    return {"client": client, "date": date, "studio": str(getattr(studio, "studio", None) or ""),
            "instructor": str(getattr(studio, "instructor", None) or ""), "handouts": titles,
            "attachments": attachments}


def fill_message(message: Message, values: dict[str, Any]) -> str:
    """A message file filled in (raises what sandbox.explain explains)."""
    from .sandbox import compiled
    from .sandbox import render as bounded
    return bounded(compiled(message.source, message.kind == "html", True), values, limits.TEMPLATE_OUTPUT, "message")


def message_failure(message: Message, exc: BaseException, who: str = "") -> Problem:
    from .sandbox import explain
    text, hint, line, col = explain(exc, message.source)
    if who:
        text += f" (filled in for {who})"
    return Problem(Location(message.shown, line or 1, col if line else 1), text, hint)


def _for_anyone(fill, values: dict) -> bool:
    """Whether a template that failed for one client fails for a sample client too (then the message names no
    one: it is the template, not the client)."""
    from .text import SAMPLE_CLIENT
    try:
        fill({**values, "client": {**SAMPLE_CLIENT, "language": values["client"].get("language", "en")}})
    except (Exception, RecursionError, MemoryError):
        return True
    return False


def letter_problems(subject, messages: dict[str, Message | None], contexts: list[tuple[dict, str]]) -> list[Problem]:
    """The subject (a studio.yaml text, or None) and the message files filled in for each of `contexts` ((names,
    who)), as `mail` fills them: the first failure of each, as a located problem."""
    fills = []
    if subject is not None:
        def fill_subject(values):
            filled = render(subject, values)
            trouble = unsafe_subject(filled)
            if trouble:
                raise UnsafeSubject(trouble)
            return filled

        def subject_failure(exc, who):
            if isinstance(exc, UnsafeSubject):
                return subject_problem(subject, str(exc), who)
            return failure(subject, exc, who)
        fills.append((fill_subject, subject_failure))
    for message in messages.values():
        if message is not None:
            fills.append((lambda values, m=message: fill_message(m, values),
                          lambda exc, who, m=message: message_failure(m, exc, who)))
    problems = []
    for fill, located in fills:
        for values, who in contexts:
            try:
                fill(values)
            except (Exception, RecursionError, MemoryError) as exc:
                problems.append(located(exc, "" if who and _for_anyone(fill, values) else who))
                break
    return problems


class UnsafeSubject(ValueError):
    """A filled-in subject holding a character an e-mail header cannot take (it came in through a value)."""


def unsafe_subject(subject: str) -> str | None:
    """What makes a filled-in subject unfit for the Subject header (a value it uses may bring a control
    character), or None."""
    from .headers import unsafe
    return unsafe(" ".join(subject.split()))


def subject_problem(subject, trouble: str, who: str) -> Problem:
    """The located problem of a subject that `unsafe_subject` refused, for the client `who`."""
    location = subject.location if subject is not None else Location("studio.yaml", 1, 1)
    whose = f" for {who}" if who else ""
    return Problem(location, f"mail.subject: the subject{whose} has {trouble}",
                   "take that character out of the text the subject uses, or leave it out of the subject")


def letter_groups(jobs: list) -> dict[str, list]:
    """Each client's jobs (in roster order): one letter each."""
    by_client: dict[str, list] = {}
    for job in jobs:
        by_client.setdefault(job.slug, []).append(job)
    return by_client


def letter_names(own: list) -> tuple[str, dict]:
    """The titles of one client's handouts, and what the mail's templates may use for them."""
    first = own[0]
    titles = ", ".join(dict.fromkeys(str(j.plan.sequence.title) for j in own))
    client = {"name": first.client, "first_name": first.client.split()[0], "email": first.email,
              "language": first.words.code, "notes": list(first.personal.notes)}
    return titles, names(client, first.personal.date, first.studio, titles, [j.path.name for j in own])


def check_letters(jobs: list, studio, workspace_root: Path) -> list[Problem]:
    """The mail's templates (message files, subject) filled in for every client of `jobs`, as `compose` will:
    their problems, found before anything is built."""
    problems = Collector()
    messages = read_messages(workspace_root, problems)
    subject = studio.mail.subject if studio.mail is not None else None
    contexts = [(letter_names(own)[1], own[0].client) for own in letter_groups(jobs).values()]
    return problems.problems + letter_problems(subject, messages, contexts)


def sample_problems(root: Path, studio, sequences, language: str, date: str, skip=frozenset()) -> list[Problem]:
    """The mail's templates filled in for a sample client who gets every sequence (`handouts check` without a
    roster): their problems. `skip`: places already reported (a misspelt name in the subject)."""
    from .text import SAMPLE_CLIENT
    problems = Collector()
    messages = read_messages(root, problems)
    mail = getattr(studio, "mail", None)
    subject = mail.subject if mail is not None and mail.subject and mail.subject.location not in skip else None
    titles = ", ".join(str(s.title) for s in sequences) or "Sample practice"
    attachments = [f"{s.slug}.pdf" for s in sequences] or ["sample-practice.pdf"]
    values = names({**SAMPLE_CLIENT, "language": language}, date, studio, titles, attachments)
    return problems.problems + letter_problems(subject, messages, [(values, "")])


def has_mail_templates(root: Path, studio) -> bool:
    """Whether the workspace has anything of the mail's to check: a mail/ folder or a mail subject."""
    mail = getattr(studio, "mail", None)
    return (root / "mail").is_dir() or bool(mail is not None and mail.subject)
