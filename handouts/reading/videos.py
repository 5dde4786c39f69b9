"""The `video:` key of a pose or a step: a web address a QR code and a PDF link can carry, checked where it is written.

A video address ends up in two places a student trusts without reading it: a QR code on the card and a link in
the PDF. So only an http:// or https:// address of a real site name is taken, whole and on one line: no other
kind of link (`javascript:`, `file:`, `data:` ...), no space or control character, only the characters a web
address is written with (a browser's address bar copies anything else as %-codes: `ü` as `%C3%BC`, a domain
with `ä` in its `xn--` form), at most `limits.VIDEO_CHARS` characters. `problem` says what is wrong with a value
and how to fix it (plain data, for the tests); `VideoType` is the field type that reads it into a `model.Video`.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from handouts.core import limits
from handouts.core.model import Video
from handouts.reading.fields import Ctx, Type, describe, quoted
from handouts.reading.yamlload import Node, ScalarNode

EXAMPLE = "https://videos.example.org/cat-cow"
COPY = "copy the video's address from your browser's address bar"
SCHEMES = ("http", "https")
LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
HOST = re.compile(rf"^{LABEL}(?:\.{LABEL})*\.?$")
PORT = re.compile(r"^[0-9]{1,5}$")
# what a web address is written with (RFC 3986): letters, digits, -._~ and the delimiters :/?#[]@!$&'()*+,;=
# and % for the %-codes of everything else
ALLOWED = re.compile(r"^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*$")
SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
LOOKS_LIKE_A_SITE = re.compile(rf"^(?:www\.)?{LABEL}(?:\.{LABEL})*\.[A-Za-z]{{2,}}(?:[:/?#]|$)")


def _codes(char: str) -> str:
    """A character as the %-codes of its UTF-8 bytes: 'ü' -> '%C3%BC'."""
    return "".join(f"%{byte:02X}" for byte in char.encode("utf-8"))


def _before(text: str, index: int) -> str:
    before = text[:index] if index <= 40 else "..." + text[index - 37 : index]
    return f"after '{before}'" if before else "at its start"


def problem(url: str) -> tuple[str, str] | None:
    """What is wrong with `url` as a video's address and how to fix it, or None when it is a web address a
    QR code and a link can carry."""
    for check in (_length, _invisible, _kind, _spaces, _site, _characters):
        found = check(url)
        if found:
            return found
    return None


def _length(url: str) -> tuple[str, str] | None:
    if len(url) > limits.VIDEO_CHARS:
        return (
            f"the address is {len(url):,} characters long; a video's address may have at most "
            f"{limits.VIDEO_CHARS} characters",
            "use the video's short link (a video site's Share button gives one)",
        )
    return None


def _invisible(url: str) -> tuple[str, str] | None:
    """A line break, tab, control or format character (a direction mark, a zero-width space) or an odd space."""
    for index, char in enumerate(url):
        if char != " " and (char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp")):
            what = (
                "a line break"
                if char in "\n\r\x0b\x0c\x85\u2028\u2029"
                else "a tab"
                if char == "\t"
                else f"a space (U+{ord(char):04X})"
                if char.isspace()
                else f"an invisible character (U+{ord(char):04X})"
            )
            return (
                f"the address has {what} {_before(url, index)}",
                f"write the address on one line, without it ({COPY})",
            )
    return None


def _kind(url: str) -> tuple[str, str] | None:
    """An address that is not http:// or https://: none at all, another kind of link, the '//' missing."""
    scheme = SCHEME.match(url)
    name = scheme.group(1).lower() if scheme else ""
    if scheme is None or ("." in name and LOOKS_LIKE_A_SITE.match(url)):  # 'youtu.be/x', 'www.example.org:8080'
        if LOOKS_LIKE_A_SITE.match(url):
            return (
                f"{quoted(url)} does not start with https://",
                f"write the whole address, with https:// (or http://) before it: https://{url}",
            )
        return (f"{quoted(url)} is not a web address", f"give the video's whole address, e.g. {EXAMPLE} ({COPY})")
    if name not in SCHEMES:
        return (
            f"'{scheme.group(1)}:' addresses cannot be a video's link; only web addresses can (https:// or http://)",
            f"give the video's address on the web, e.g. {EXAMPLE}",
        )
    if url[scheme.end() : scheme.end() + 2] != "//":
        return (
            f"{quoted(url)} is not a whole web address: '//' is missing after '{scheme.group()}'",
            f"write it as {scheme.group()}//... ({COPY})",
        )
    return None


def _spaces(url: str) -> tuple[str, str] | None:
    if " " in url:
        return (
            f"the address has a space {_before(url, url.index(' '))}",
            f"a web address has no spaces: write it as %20, or {COPY}",
        )
    return None


def _site(url: str) -> tuple[str, str] | None:
    """The site name after 'https://' (and any 'user@'), with its port: there, and of letters, digits, hyphens
    and dots (or an IPv6 address in brackets)."""
    scheme = SCHEME.match(url)
    assert scheme is not None  # _site is asked only of an address that starts with its scheme
    start = scheme.end() + 2
    site = re.split(r"[/?#]", url[start:], maxsplit=1)[0]
    host = site.rsplit("@", 1)[-1]
    ipv6 = host.startswith("[")  # https://[2001:db8::1]:8080/
    host, _, port = host[1:].partition("]") if ipv6 else host.partition(":")
    port = port[1:] if ipv6 and port.startswith(":") else port
    if not host:
        return (f"the address has no site name after {url[:start]}", f"e.g. {EXAMPLE} ({COPY})")
    wide = next((c for c in host if not c.isascii()), None)
    if wide is not None:
        try:
            ascii_host = host.encode("idna").decode("ascii")
        except UnicodeError:
            ascii_host = ""
        return (
            f"the site name {quoted(host)} has '{wide}', which a link cannot carry",
            f"write the site name as {ascii_host}"
            if ascii_host
            else f"write the site name in its xn-- form ({COPY}: it writes it so)",
        )
    if not (re.match(r"^[0-9A-Fa-f:.]+$", host) if ipv6 else HOST.match(host)) or (port and not PORT.match(port)):
        return (f"{quoted(site)} is not a site name", f"e.g. {EXAMPLE} ({COPY})")
    return None


def _characters(url: str) -> tuple[str, str] | None:
    """Only the characters a web address is written with: anything else as its %-codes."""
    if ALLOWED.match(url):
        return None
    index, char = next((i, c) for i, c in enumerate(url) if not ALLOWED.match(c))
    return (
        f"the address has '{char}' {_before(url, index)}, which a link cannot carry",
        f"write it as {_codes(char)} ({COPY}: it writes it so)",
    )


class VideoType(Type):
    """A pose's or step's `video:`: one web address (`problem` says what is refused), read as a `model.Video`.
    It is not a text: never translated, filled in or checked against a font."""

    def read(self, node: Node, ctx: Ctx) -> Any:
        if not isinstance(node, ScalarNode):
            return ctx.error(
                node,
                f"expected a web address, found {describe(node)}",
                f"write the video's address on one line after the colon, e.g. {EXAMPLE}",
            )
        url = str(node.value).strip()
        wrong = problem(url)
        if wrong:
            return ctx.error(node, *wrong)
        return Video(url, ctx.loc(node))

    def schema(self) -> dict:
        return {
            "type": "string",
            "pattern": "^[hH][tT][tT][pP][sS]?://[A-Za-z0-9\\[][!-~]*$",
            "minLength": 8,
            "maxLength": limits.VIDEO_CHARS,
            "format": "uri",
        }


VIDEO = VideoType()
