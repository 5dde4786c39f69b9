"""headers.py: what may go into an e-mail header. The quick reading of the usual shapes gives the standard
library's answer; the characters refused are the ones the README's Limits name."""

from __future__ import annotations

from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import parseaddr

import pytest

from handouts.reading.headers import ADDRESS, PLAIN, PLAIN_SENDER, unsafe, unsendable

ADDRESSES = [
    "ann@example.org",
    "ann.b@example.org",
    "a+tag@mail.example.org",
    "o'brien@example.ie",
    "x_y-z@sub.example.co.uk",
    "a!#$%&*/=?^`{|}~@example.org",
    "ann..b@example.org",
    ".ann@example.org",
    "ann.@example.org",
    "zoë@example.org",
    "ann@example",
    "ann@-example.org",
    "ann@exa_mple.org",
    'a"b@example.org',
    "ann@example.org.",
    "1@2.3",
]


PLAIN_ONES = [
    "ann@example.org",
    "ann.b@example.org",
    "a+tag@mail.example.org",
    "o'brien@example.ie",
    "x_y-z@sub.example.co.uk",
    "a!#$%&*/=?^`{|}~@example.org",
    "1@2.3",
]


@pytest.mark.parametrize("address", PLAIN_ONES)
def test_what_the_quick_reading_accepts_the_standard_library_writes_unchanged(address):
    assert PLAIN.match(address)
    message = EmailMessage()
    local, _, domain = address.partition("@")
    message["To"] = Address("Client", local, domain)
    assert bytes(message).decode("ascii") == f"To: Client <{address}>\n\n"
    assert Address(addr_spec=address).addr_spec == address
    assert unsendable(address) is None


def test_the_quick_reading_takes_the_usual_addresses_and_leaves_the_rest_to_the_standard_library():
    assert [a for a in ADDRESSES if PLAIN.match(a)] == PLAIN_ONES
    assert [a for a in ADDRESSES if ADDRESS.match(a) and not PLAIN.match(a)] == [
        "ann..b@example.org",
        ".ann@example.org",
        "ann.@example.org",
        "zoë@example.org",
    ]
    assert unsendable("ann..b@example.org") == (
        "it cannot be written into an e-mail as it is (two dots in a row, or a dot at an end?)"
    )
    assert unsendable(".ann@example.org") is not None and unsendable("ann.@example.org") is not None
    assert unsendable("zoë@example.org") == "letters outside a-z before the @ cannot be sent by most mail servers"


@pytest.mark.parametrize(
    "sender, address",
    [
        ("Maya Lindqvist <maya@riverside-backcare.example>", "maya@riverside-backcare.example"),
        ("maya@example.org", "maya@example.org"),
        ("Zoë Müller <zoe@example.org>", "zoe@example.org"),
        ("O'Brien <o@example.ie>", "o@example.ie"),
        ("Dr. Maya <m@example.org>", "m@example.org"),
        ("Maya<m@example.org>", "m@example.org"),
    ],
)
def test_the_quick_reading_of_a_sender_is_parseaddrs(sender, address):
    match = PLAIN_SENDER.match(sender)
    assert match and (match.group(1) or match.group(2)) == address == parseaddr(sender)[1]


@pytest.mark.parametrize(
    "sender",
    [
        "A, B <a@example.org>",
        "Maya Lindqvist",
        "Maya <a..b@example.org>",
        "Maya <a@example.org> extra",
        '"Maya" <m@example.org>',
    ],
)
def test_other_senders_go_to_the_standard_library(sender):
    assert PLAIN_SENDER.match(sender) is None


@pytest.mark.parametrize(
    "text, said",
    [
        ("Ann\r\nBcc: x@example.org", "a line break after 'Ann'"),
        ("Ann\nB", "a line break after 'Ann'"),
        ("Ann\u2028B", "a line break after 'Ann'"),
        ("Ann\u2029B", "a line break after 'Ann'"),
        ("Ann\x85B", "a line break after 'Ann'"),
        ("Ann\x0bB", "a line break after 'Ann'"),
        ("Ann\tB", "a tab after 'Ann'"),
        ("\x00Ann", "an invisible control character (U+0000) at its start"),
        ("Ann\x1bB", "an invisible control character (U+001B) after 'Ann'"),
        ("Ann\x7fB", "an invisible control character (U+007F) after 'Ann'"),
        ("Ann\x9bB", "an invisible control character (U+009B) after 'Ann'"),
        (
            "Ann \u202eelpmaxE",
            "an invisible direction mark (U+202E) after 'Ann ' (it can make text show in the wrong order)",
        ),
        ("Ann\u2066B", "an invisible direction mark (U+2066) after 'Ann' (it can make text show in the wrong order)"),
        ("Ann\u200fB", "an invisible direction mark (U+200F) after 'Ann' (it can make text show in the wrong order)"),
        ("A" * 40 + "\x00", "an invisible control character (U+0000) after '" + "A" * 30 + "'"),
    ],
)
def test_the_characters_refused_in_a_header(text, said):
    assert unsafe(text) == said


@pytest.mark.parametrize(
    "text",
    [
        "Ann Example",
        "Zoë Müller",
        "Ada <Lovelace> & Co",
        "José O'Brien-Núñez",
        "李小龍",
        "Ann\u00a0Example",
        "עברית",
        "Ann \u200d Bo",
    ],
)
def test_names_in_any_script_pass(text):
    assert unsafe(text) is None


def test_a_note_may_have_lines_but_no_control_characters():
    assert unsafe("Mind the knee:\nno kneeling.\r\n\tThanks\u2028", breaks_ok=True) is None
    assert unsafe("Rest\x1b[2J", breaks_ok=True) == "an invisible control character (U+001B) after 'Rest'"
    assert unsafe("a\u202eb", breaks_ok=True) == (
        "an invisible direction mark (U+202E) after 'a' (it can make text show in the wrong order)"
    )
