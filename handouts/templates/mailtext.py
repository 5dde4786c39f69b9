"""The mail's templates: the workspace's `mail/message.txt` and `mail/message.html` and studio.yaml's mail
subject, read, checked and filled in for each client; in the client's language where the workspace has them.

A client whose language is <code> gets `mail/message.<code>.txt` / `.html` when either exists (else the workspace's
`message.txt` / `.html`, with a located warning when their language is not the workspace's: that mail would be in
another language), and the studio's subject in their language when there is one (`subject_for`); without any, the
default subject and text come from the labels of their language.

A message file is read whole (at most limits.FILE_BYTES, UTF-8), parsed in the bounded sandbox (sandbox.py), and
its names checked against what a message may use, each unknown name at its own line and column with a
did-you-mean. `letter_problems` fills the subject and both files for every client the mail will go to (or, for
`handouts check` without a roster, a sample client) exactly as `mail` will, so a failure (a division by zero, a
loop over the limit) is a located error before any PDF is built. Kept apart from mail.py, whose SMTP imports a
check does not need.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from handouts.core import limits
from handouts.core.errors import Collector, Location, Problem
from handouts.reading.fields import did_you_mean
from handouts.templates.text import CLIENT_FIELDS, MAIL_NAMES, failure, render

KINDS = ("txt", "html")


@dataclass(frozen=True)
class Message:
    """One message file: its kind (txt or html), its path as shown, and its text."""

    kind: str
    shown: str
    source: str


def _syntax_hint() -> str:
    return "write names in double braces, e.g. {{ client.name }}, and close every {% %} block"


def message_path(code: str, kind: str) -> str:
    """'mail/message.txt' (code ''), 'mail/message.de.html'."""
    return f"mail/message.{code + '.' if code else ''}{kind}"


def has_messages(root: Path, code: str = "") -> bool:
    """Whether the workspace has a message file of its own for `code` ('' for message.txt / .html)."""
    return any((root / message_path(code, kind)).is_file() for kind in KINDS)


def message_languages(root: Path) -> list[str]:
    """The language codes of the workspace's mail/message.<code>.txt / .html files (sorted)."""
    folder = root / "mail"
    if not folder.is_dir():
        return []
    found = set()
    for path in folder.iterdir():
        parts = path.name.split(".")
        if len(parts) == 3 and parts[0] == "message" and parts[2] in KINDS and parts[1] and path.is_file():
            found.add(parts[1])
    return sorted(found)


def stray_messages(root: Path, known) -> list[Problem]:
    """A mail/message.<code>.txt whose <code> is no language handouts has labels for: never used, a warning."""
    known = sorted(known)
    out = []
    for code in message_languages(root):
        if code not in known:
            for kind in KINDS:
                if (root / message_path(code, kind)).is_file():
                    out.append(
                        Problem(
                            Location(message_path(code, kind), 1, 1),
                            f"'{code}' is not a language handouts has labels for, so no client gets this message",
                            did_you_mean(code, known, "languages (" + ", ".join(known) + ")")
                            + f" (or add labels/{code}.yaml)",
                            warning=True,
                        )
                    )
    return out


def read_messages(root: Path, problems: Collector, code: str = "") -> dict[str, Message | None]:
    """mail/message.txt and .html, or with `code` mail/message.<code>.txt and .html (None where missing or
    unreadable; their problems go to `problems`)."""
    out: dict[str, Message | None] = {}
    for kind in KINDS:
        out[kind] = None
        shown = message_path(code, kind)
        path = root / shown
        if not path.is_file():
            continue
        size = path.stat().st_size  # a file too large is refused by its size, before it is read
        if size > limits.FILE_BYTES:
            problems.error(
                Location(shown, 1, 1),
                f"the message is {size:,} bytes, more than the {limits.FILE_BYTES:,} a message may have",
                "shorten it",
            )
            continue
        data = path.read_bytes()
        try:
            source = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
            problems.error(
                Location(shown, line, col),
                "the message is not UTF-8 text",
                "save it as UTF-8 (in most editors: Save As, Encoding: UTF-8)",
            )
            continue
        from jinja2 import TemplateSyntaxError  # only once there is a message file

        from handouts.templates.sandbox import environment

        try:
            tree = environment(kind == "html", True).parse(source)
        except TemplateSyntaxError as exc:
            problems.error(
                Location(shown, exc.lineno or 1, 1),
                f"the template cannot be read: {str(exc.message).rstrip('.')}",
                _syntax_hint(),
            )
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
    from handouts.templates.sandbox import OTHER_FILE, other_files

    problems = [
        Problem(
            Location(shown, line, _column(source, line, rf"\{{%-?\s*{keyword}\b")),
            OTHER_FILE[0].replace("{keyword}", keyword),
            OTHER_FILE[1],
        )
        for line, keyword in other_files(tree)
    ]
    for node in tree.find_all(nodes.Name):
        if node.ctx == "load" and node.name in undeclared and node.name not in MAIL_NAMES:
            where = Location(shown, node.lineno, _column(source, node.lineno, rf"\b{re.escape(node.name)}\b"))
            problems.append(
                Problem(
                    where,
                    f"unknown name '{node.name}' in the template",
                    did_you_mean(node.name, MAIL_NAMES, "names (" + ", ".join(MAIL_NAMES) + ")"),
                )
            )
    for node in tree.find_all(nodes.Getattr):
        if isinstance(node.node, nodes.Name) and node.node.name == "client" and node.attr not in CLIENT_FIELDS:
            where = Location(
                shown, node.lineno, _column(source, node.lineno, rf"\bclient\s*\.\s*{re.escape(node.attr)}\b")
            )
            problems.append(
                Problem(
                    where,
                    f"unknown name 'client.{node.attr}' in the template",
                    did_you_mean(node.attr, CLIENT_FIELDS, "client fields (" + ", ".join(CLIENT_FIELDS) + ")"),
                )
            )
    return problems


def names(client: dict[str, Any], date: str, studio, titles: str, attachments: list[str]) -> dict[str, Any]:
    """What the mail's templates may use, for one client."""
    return {
        "client": client,
        "date": date,
        "studio": str(getattr(studio, "studio", None) or ""),
        "instructor": str(getattr(studio, "instructor", None) or ""),
        "handouts": titles,
        "attachments": attachments,
    }


def fill_message(message: Message, values: dict[str, Any]) -> str:
    """A message file filled in (raises what sandbox.explain explains)."""
    from handouts.templates.sandbox import compiled
    from handouts.templates.sandbox import render as bounded

    return bounded(compiled(message.source, message.kind == "html", True), values, limits.TEMPLATE_OUTPUT, "message")


def message_failure(message: Message, exc: BaseException, who: str = "") -> Problem:
    from handouts.templates.sandbox import explain

    text, hint, line, col = explain(exc, message.source)
    if who:
        text += f" (filled in for {who})"
    return Problem(Location(message.shown, line or 1, col if line else 1), text, hint)


def _for_anyone(fill, values: dict) -> bool:
    """Whether a template that failed for one client fails for a sample client too (then the message names no
    one: it is the template, not the client)."""
    from handouts.templates.text import SAMPLE_CLIENT

    try:
        fill({**values, "client": {**SAMPLE_CLIENT, "language": values["client"].get("language", "en")}})
    except (Exception, RecursionError, MemoryError):
        return True
    return False


def letter_problems(subject, messages: dict[str, Message | None], contexts: list[tuple[dict, str]]) -> list[Problem]:
    """The subject (a studio.yaml text, or None) and the message files filled in for each of `contexts` ((names,
    who)), as `mail` fills them: the first failure of each, as a located problem."""
    fills: list[tuple[Callable[[dict], str], Callable[[BaseException, str], Problem]]] = []
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
            fills.append((partial(fill_message, message), partial(message_failure, message)))
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
    from handouts.reading.headers import unsafe

    return unsafe(" ".join(subject.split()))


def subject_problem(subject, trouble: str, who: str) -> Problem:
    """The located problem of a subject that `unsafe_subject` refused, for the client `who`."""
    location = subject.location if subject is not None else Location("studio.yaml", 1, 1)
    whose = f" for {who}" if who else ""
    return Problem(
        location,
        f"mail.subject: the subject{whose} has {trouble}",
        "take that character out of the text the subject uses, or leave it out of the subject",
    )


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
    client = {
        "name": first.client,
        "first_name": first.client.split()[0],
        "email": first.email,
        "language": first.words.code,
        "notes": list(first.personal.notes),
    }
    return titles, names(client, first.personal.date, first.studio, titles, [j.path.name for j in own])


def translated_subject(studio, code: str):
    """The studio's mail subject written for clients in language `code` (studio.<code>.yaml's `mail: subject:`),
    or None. The studio's reading keeps them in `studio.subjects` (language code -> Text)."""
    return dict(getattr(studio, "subjects", None) or ()).get(code)


def subject_for(studio, code: str):
    """The subject template for a client in language `code`: the studio's subject in that language, else
    studio.yaml's `mail: subject:`, else None (the default subject from the labels of the client's language)."""
    own = translated_subject(studio, code)
    if own is not None:
        return own
    mail = getattr(studio, "mail", None)
    return mail.subject if mail is not None and mail.subject else None


def messages_for(root: Path, problems: Collector, codes) -> dict[str, dict[str, Message | None]]:
    """The message files each language of `codes` uses: mail/message.<code>.txt / .html when either exists, else
    the workspace's mail/message.txt / .html (read once; their problems go to `problems`)."""
    sets: dict[str, dict[str, Message | None]] = {}
    shared = None
    for code in codes:
        if code and has_messages(root, code):
            sets[code] = read_messages(root, problems, code)
        else:
            if shared is None:
                shared = read_messages(root, problems)
            sets[code] = shared
    return sets


def known_languages(root: Path) -> set[str]:
    """The language codes handouts has labels for in this workspace: the built-in ones and labels/<code>.yaml."""
    from handouts.reading.labels import BUILT_IN

    folder = root / "labels"
    own = {p.stem.lower() for p in folder.iterdir() if p.suffix in (".yaml", ".yml")} if folder.is_dir() else set()
    return set(BUILT_IN) | own


def language_name(code: str, words=None) -> str:
    """'German' for de: the language's name as English writes it, for warnings."""
    from handouts.reading.labels import BUILT_IN

    names = {"en": "English", "de": "German", "es": "Spanish", "fr": "French"}
    if code in names:
        return names[code]
    return str(words.name) if words is not None and code not in BUILT_IN else f"'{code}'"


def other_language_warnings(root: Path, studio, groups: dict[str, list]) -> list[Problem]:
    """For each language of the clients (`groups`: code -> their jobs' letters) other than the workspace's: a
    warning at the first such client when their mail would come in the workspace's language (its message
    files, or studio.yaml's subject, with nothing written for theirs)."""
    home = str(getattr(studio, "language", "en") or "en").strip().lower()
    mail = getattr(studio, "mail", None)
    out = []
    for code, letters in groups.items():
        if code == home:
            continue
        what, how = [], []
        name = language_name(code, letters[0][0].words)
        if not has_messages(root, code) and has_messages(root):
            files = [k for k in KINDS if (root / message_path("", k)).is_file()]
            what.append(" and ".join(message_path("", k) for k in files))
            how.append(f"write {' and '.join(message_path(code, k) for k in files)} in {name}")
        if translated_subject(studio, code) is None and mail is not None and mail.subject:
            what.append("the subject in studio.yaml")
            how.append(
                f"{'and ' if how else 'write '}the subject in {name} in studio.{code}.yaml under mail: "
                "subject: (or leave subject: out of studio.yaml for the default subject in each client's "
                "language)"
            )
        if not what:
            continue
        first = letters[0][0]
        clients = [own[0].client for own in letters]
        who = (
            f"{clients[0]}'s"
            if len(clients) == 1
            else f"{len(clients)} clients' ({', '.join(clients[:3])}{', ...' if len(clients) > 3 else ''})"
        )
        out.append(
            Problem(
                first.location or Location("clients"),
                f"language: {who} e-mail would be in {language_name(home)}: it takes "
                f"{' and '.join(what)}, and there is none in {name}",
                ", ".join(how),
                warning=True,
            )
        )
    return out


def check_letters(jobs: list, studio, workspace_root: Path) -> list[Problem]:
    """The mail's templates (message files, subject) of each client's language filled in for every client of
    `jobs`, as `compose` will: their problems, found before anything is built, and a warning for each language
    whose clients would get the mail in another language."""
    problems = Collector()
    groups: dict[str, list] = {}
    for own in letter_groups(jobs).values():
        groups.setdefault(own[0].words.code, []).append(own)
    sets = messages_for(workspace_root, problems, list(groups))
    found = list(problems.problems)
    for code, letters in groups.items():
        contexts = [(letter_names(own)[1], own[0].client) for own in letters]
        found += letter_problems(subject_for(studio, code), sets[code], contexts)
    return (
        list(dict.fromkeys(found))
        + stray_messages(workspace_root, known_languages(workspace_root))
        + other_language_warnings(workspace_root, studio, groups)
    )


def sample_problems(root: Path, studio, sequences, language: str, date: str, skip=frozenset()) -> list[Problem]:
    """The mail's templates filled in for a sample client who gets every sequence (`handouts check` without a
    roster), in the workspace's language and in each language with message files or a subject of its own:
    their problems. `skip`: places already reported (a misspelt name in the subject)."""
    from handouts.templates.text import SAMPLE_CLIENT

    problems = Collector()
    known = known_languages(root)
    codes = [language] + sorted(
        (set(message_languages(root)) | set(dict(getattr(studio, "subjects", None) or ()))) & known - {language}
    )
    sets = messages_for(root, problems, ["", *codes])  # "": the workspace's own files, whoever else has theirs
    titles = ", ".join(str(s.title) for s in sequences) or "Sample practice"
    attachments = [f"{s.slug}.pdf" for s in sequences] or ["sample-practice.pdf"]
    found = list(problems.problems)
    for code in ["", *codes]:
        subject = subject_for(studio, code)
        if subject is not None and getattr(subject, "location", None) in skip:
            subject = None
        values = names({**SAMPLE_CLIENT, "language": code or language}, date, studio, titles, attachments)
        found += letter_problems(subject, sets[code], [(values, "")])
    return list(dict.fromkeys(found)) + stray_messages(root, known)


def has_mail_templates(root: Path, studio) -> bool:
    """Whether the workspace has anything of the mail's to check: a mail/ folder or a mail subject."""
    mail = getattr(studio, "mail", None)
    return (
        (root / "mail").is_dir() or bool(mail is not None and mail.subject) or bool(getattr(studio, "subjects", None))
    )
