"""What may go into an e-mail header: a client's name and address, the sender (mail.from) and the subject.

A line break in a header ends it and starts another (a CR/LF in a client's name could add a `Bcc:`), and a NUL,
a DEL, another control character or an invisible direction mark reaches the recipient raw, or makes the text
show in a misleading order. `unsafe` finds the first such character. `HeaderText`, `EmailAddress` and `Sender`
are field types that refuse them where they are written (file, line, column: YAML and CSV rosters alike), and
check an address with the standard library exactly as the mail step writes it, so that what `check` accepts,
`mail` can send. The usual shapes (a dot-atom at a plain domain, `Name <address>`) are read without it: the
email package is imported only for the unusual ones, so a build never pays for it (tests/test_headers.py holds
the two to the same answers).
"""

from __future__ import annotations

import re
from typing import Any

from handouts.core import limits
from handouts.reading.fields import INVALID, Ctx, PatternType, TextType
from handouts.reading.yamlload import Node

LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
DIRECTION_MARKS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
DOMAIN = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+"
ADDRESS = re.compile(r"^[^@\s<>(),;:\"\[\]\\]+@" + DOMAIN + "$")
ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
PLAIN_ADDRESS = ATEXT + r"(?:\." + ATEXT + r")*@" + DOMAIN  # a dot-atom: what every mail server takes
PLAIN = re.compile(f"^{PLAIN_ADDRESS}$")
# 'Maya Lindqvist <maya@example.org>' or 'maya@example.org': a name of letters, spaces, dots, hyphens, apostrophes
PLAIN_SENDER = re.compile(r"^(?:[^\W\d_][\w .'-]*<(" + PLAIN_ADDRESS + r")>|(" + PLAIN_ADDRESS + r"))$")
RETYPE = "retype it on one line, without invisible characters (text copied from another program can bring them along)"


def unsafe(text: str, breaks_ok: bool = False) -> str | None:
    """The first character that must not go into a header, said in plain words with what comes before it
    ("a line break after 'Ann'"), or None. `breaks_ok`: line breaks and tabs are let through (a client's
    note may have several lines; in a subject they become spaces)."""
    for index, char in enumerate(text):
        code, why = ord(char), ""
        if breaks_ok and char in "\n\r\t\x85\u2028\u2029":
            continue
        if char in LINE_BREAKS:
            what = "a line break"
        elif char == "\t":
            what = "a tab"
        elif code < 0x20 or 0x7F <= code <= 0x9F:
            what = f"an invisible control character (U+{code:04X})"
        elif char in DIRECTION_MARKS:
            what, why = f"an invisible direction mark (U+{code:04X})", " (it can make text show in the wrong order)"
        else:
            continue
        before = text[max(0, index - 30) : index]
        return (f"{what} after '{before}'" if before else f"{what} at its start") + why
    return None


def unsendable(address: str) -> str | None:
    """Why the standard library cannot put `address` into a message as the mail step does, or None."""
    from email.headerregistry import (
        Address,  # here: a build without mail never imports the email package
    )
    from email.message import EmailMessage

    local, _, domain = address.partition("@")
    if not local.isascii():
        return "letters outside a-z before the @ cannot be sent by most mail servers"
    try:
        Address(addr_spec=address)
        message = EmailMessage()
        message["To"] = Address("Client", local, domain)  # as mail.compose writes it
        bytes(message)
    except Exception:
        return "it cannot be written into an e-mail as it is (two dots in a row, or a dot at an end?)"
    return None


class HeaderText(TextType):
    """Text that goes into an e-mail header (a client's name, the subject): one line, no control characters.
    With `breaks_ok`, text a header may use through a template (a client's note): line breaks let through."""

    def __init__(
        self,
        what: str = "text",
        example: str = "",
        breaks_ok: bool = False,
        most: int = limits.TITLE_CHARS,
        kind: str = "this line",
    ):
        super().__init__(what, example, most=most, one_line=not breaks_ok, kind=kind)
        self.breaks_ok = breaks_ok

    def read(self, node: Node, ctx: Ctx) -> Any:
        value = super().read(node, ctx)
        if value is INVALID:
            return value
        trouble = unsafe(value, self.breaks_ok)
        hint = "retype it without invisible characters (text copied from another program can bring them along)"
        return ctx.error(node, trouble, hint if self.breaks_ok else RETYPE) if trouble else value


class EmailAddress(PatternType):
    """One e-mail address, name@example.org: no control characters, the usual shape, and one the standard
    library writes into a message as it is."""

    def __init__(self):
        super().__init__(
            "an e-mail address",
            "ann@example.org",
            ADDRESS.pattern,
            "an e-mail address",
            "write it as name@example.org, one address per client",
            extra_schema={"format": "email"},
        )

    def read(self, node: Node, ctx: Ctx) -> Any:
        value = TextType.read(self, node, ctx)
        if value is INVALID:
            return value
        trouble = unsafe(value)
        if trouble:
            return ctx.error(node, trouble, RETYPE)
        value = super().read(node, ctx)
        if value is INVALID:
            return value
        why = None if PLAIN.match(value) else unsendable(str(value))  # a dot-atom is sendable as it is
        return ctx.error(node, f"'{value}' cannot be sent to: {why}", self.hint) if why else value


class Sender(HeaderText):
    """mail.from: 'Your Name <you@example.org>' or just the address."""

    def __init__(self):
        super().__init__("the sender", "Maya Lindqvist <maya@example.org>")

    def read(self, node: Node, ctx: Ctx) -> Any:
        value = super().read(node, ctx)
        if value is INVALID:
            return value
        plain = PLAIN_SENDER.match(str(value))  # the usual shapes, read here as parseaddr reads them
        if plain:
            address = plain.group(1) or plain.group(2)
        else:
            from email.utils import parseaddr  # as mail.compose reads it

            _, address = parseaddr(str(value))
        if not ADDRESS.match(address):
            return ctx.error(node, f"'{value}' has no e-mail address", "write it as Your Name <you@example.org>")
        why = None if plain else unsendable(address)  # a dot-atom at a plain domain is sendable as it is
        if why:
            return ctx.error(node, f"'{value}' cannot be sent from: {why}", "write it as Your Name <you@example.org>")
        return value
