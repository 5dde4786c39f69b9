"""`handouts serve`: one build session on the workspace, a first full build, a thread rebuilding on every save, and
the studio's web app on 127.0.0.1 (never on another address), until Ctrl-C."""

from __future__ import annotations

import socket
import threading
import webbrowser
from collections.abc import Callable

import uvicorn

from handouts.reading.workspace import Workspace
from handouts.studio.session import BuildSession, Rebuild

FIRST_PORT = 8765
PORTS_TRIED = 100
HOST = "127.0.0.1"


def listening_socket(port: int | None) -> socket.socket:
    """A socket bound to 127.0.0.1 on `port`, or on the first free port from 8765 upward. OSError when that port
    (or every port tried) is taken."""
    ports = [port] if port is not None else list(range(FIRST_PORT, FIRST_PORT + PORTS_TRIED))
    for index, number in enumerate(ports):
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            sock.bind((HOST, number))
        except OSError:
            sock.close()
            if index == len(ports) - 1:
                raise
            continue
        sock.listen(128)
        return sock
    raise OSError("no port to try")  # pragma: no cover


class _Server(uvicorn.Server):
    """uvicorn's server that, on Ctrl-C, first ends the open pages' live streams (else it would wait for them)."""

    def __init__(self, config: uvicorn.Config, closing: threading.Event) -> None:
        super().__init__(config)
        self.closing = closing

    def handle_exit(self, sig, frame) -> None:
        self.closing.set()
        super().handle_exit(sig, frame)


def serve(
    workspace: Workspace,
    sock: socket.socket,
    open_browser: bool,
    say: Callable[[str], None],
    on_rebuild: Callable[[Rebuild], None] | None = None,
) -> None:
    """Build, watch and serve on `sock` (from `listening_socket`) until interrupted. `say` prints a line for the
    person at the terminal; `on_rebuild` hears of every rebuild, the first one too."""
    from handouts.studio.app import make_app

    port = sock.getsockname()[1]
    session = BuildSession(workspace)
    say("building every sequence once ...")
    first = session.rebuild()
    if on_rebuild:
        on_rebuild(first)
    stop = threading.Event()
    watcher = threading.Thread(
        target=session.watch, kwargs={"stop": stop, "on_rebuild": on_rebuild}, name="handouts-watch", daemon=True
    )
    watcher.start()
    app = make_app(session, workspace, port=port)
    config = uvicorn.Config(
        app,
        log_level="warning",
        access_log=False,
        lifespan="off",
        ws="none",
        timeout_graceful_shutdown=2,
        server_header=False,
    )
    server = _Server(config, app.state.events.closing)
    address = f"http://{HOST}:{port}/"
    say(f"the studio is at {address}  (Ctrl-C stops it)")
    if open_browser:
        opener = threading.Timer(0.5, webbrowser.open, args=(address,))
        opener.daemon = True
        opener.start()
    try:
        server.run(sockets=[sock])
    finally:
        app.state.events.closing.set()
        stop.set()
        watcher.join(timeout=5)
        session.close()
        sock.close()
