"""What keeps the studio's web app to the one person at this computer: a guard in front of every request.

- The Host header must be `127.0.0.1:PORT` or `localhost:PORT` (a page on another site cannot point its own name at
  this computer and read the studio: "DNS rebinding"), else 403.
- An Origin header, when there is one, must be `http://127.0.0.1:PORT` or `http://localhost:PORT` (another site's
  script cannot call the studio), else 403.
- GET and HEAD are answered; POST only when it carries the page's CSRF token in an `X-CSRF-Token` header (a
  token made when the studio starts, printed in every page's `<meta name="csrf-token">` and sent by studio.js and
  htmx), else 403; any other method 405. A request body over limits.STUDIO_REQUEST_BYTES (by its Content-Length,
  or counted as it arrives) is refused with 413 before a page reads it.
- An address with `..` or `.` as a part, a backslash, a NUL, or an encoded slash, backslash, dot or NUL
  (`%2f`, `%5c`, `%2e`, `%00`) is refused with 404 before any page sees it: no address names a file.
- Every answer carries a Content-Security-Policy (scripts, frames, fonts and connections from the studio only; no
  inline script), X-Content-Type-Options nosniff, Referrer-Policy no-referrer and X-Frame-Options DENY.

PORT is the port the server listens on: given, or read from the connection's own address.
"""

from __future__ import annotations

import hmac
from urllib.parse import unquote

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from handouts.core.limits import STUDIO_REQUEST_BYTES

# nothing inline: no script or style attribute in any page (the figures' SVG carries its colours as attributes)
POLICY = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
HEADERS = [
    (b"content-security-policy", POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]
ENCODED = (b"%2f", b"%5c", b"%2e", b"%00")  # lower-cased
METHODS = ("GET", "HEAD")
WRITES = ("POST",)


def allowed_hosts(port: int) -> frozenset[str]:
    return frozenset({f"127.0.0.1:{port}", f"localhost:{port}"})


def allowed_origins(port: int) -> frozenset[str]:
    return frozenset({f"http://127.0.0.1:{port}", f"http://localhost:{port}"})


def unsafe_path(scope: Scope) -> bool:
    """Whether the address tries to climb out of a folder or hides its parts behind codes."""
    raw = scope.get("raw_path") or scope["path"].encode("utf-8", "surrogateescape")
    if any(code in raw.lower() for code in ENCODED):
        return True
    path = unquote(scope["path"])
    if "\\" in path or "\x00" in path:
        return True
    return any(part in (".", "..") for part in path.split("/"))


class Guard:
    """ASGI middleware: the checks above, then the app; the headers above on every answer."""

    def __init__(self, app: ASGIApp, port: int | None = None, token: str = "") -> None:
        self.app = app
        self.port = port
        self.token = token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self.app(scope, receive, send)
            return
        if scope["type"] != "http":  # no websockets
            await send({"type": "websocket.close", "code": 1008})
            return
        port = self.port or (scope.get("server") or (None, 0))[1]
        hosts = [value.decode("latin-1").lower() for name, value in scope["headers"] if name == b"host"]
        origins = [value.decode("latin-1").lower() for name, value in scope["headers"] if name == b"origin"]
        if len(hosts) != 1 or hosts[0] not in allowed_hosts(port):
            await _refuse(send, 403, f"The studio answers only at http://127.0.0.1:{port}/")
            return
        if any(origin not in allowed_origins(port) for origin in origins):
            await _refuse(send, 403, "The studio answers only its own pages.")
            return
        if scope["method"] not in (*METHODS, *WRITES):
            await _refuse(send, 405, "The studio does not answer that kind of request.")
            return
        if unsafe_path(scope):
            await _refuse(send, 404, "No such page.")
            return
        if scope["method"] in WRITES:
            tokens = [value.decode("latin-1") for name, value in scope["headers"] if name == b"x-csrf-token"]
            if not self.token or len(tokens) != 1 or not hmac.compare_digest(tokens[0], self.token):
                await _refuse(send, 403, "This page is out of date or not the studio's own: reload it and try again.")
                return
            lengths = [value for name, value in scope["headers"] if name == b"content-length"]
            if any(not length.isdigit() or int(length) > STUDIO_REQUEST_BYTES for length in lengths):
                await _refuse(send, 413, _too_large())
                return
            receive = _counted(receive)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *HEADERS]}
            await send(message)

        started = False

        async def send_started(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send_with_headers(message)

        try:
            await self.app(scope, receive, send_started)
        except TooLarge:
            if not started:
                await _refuse(send, 413, _too_large())


class TooLarge(Exception):
    """A request's body grew past limits.STUDIO_REQUEST_BYTES while it was read."""


def _too_large() -> str:
    return (
        f"That is more than the studio takes at once ({STUDIO_REQUEST_BYTES // 1_000_000} MB); send something smaller."
    )


def _counted(receive: Receive) -> Receive:
    """`receive`, raising TooLarge once the body passes the limit (a body sent without a Content-Length)."""
    total = 0

    async def counting() -> Message:
        nonlocal total
        message = await receive()
        if message["type"] == "http.request":
            total += len(message.get("body", b""))
            if total > STUDIO_REQUEST_BYTES:
                raise TooLarge
        return message

    return counting


async def _refuse(send: Send, status: int, words: str) -> None:
    body = f"{status}: {words}\n".encode()
    headers = [
        (b"content-type", b"text/plain; charset=utf-8"),
        (b"content-length", str(len(body)).encode()),
        *HEADERS,
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
