"""Live refresh: the session's rebuilds as server-sent events for every open page (`/events`).

The session calls `Events.rebuilt` from its rebuilding thread; each open page has a queue on the server's event loop
and gets one event per sequence a rebuild touched, its data `{"slug", "version", "ok"}` (ok: no errors). A comment
line every few seconds keeps the connection open and notices a page that went away.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import AsyncIterator

from handouts.studio.session import BuildSession, Rebuild

KEEP_ALIVE = 10  # seconds between comment lines when nothing happens


class Events:
    """The pages listening for rebuilds, and what each is sent."""

    def __init__(self, session: BuildSession) -> None:
        self._session = session
        self._lock = threading.Lock()
        self._pages: list[tuple[asyncio.AbstractEventLoop, asyncio.Queue[str]]] = []
        self.closing = threading.Event()  # set when the server stops: every stream ends
        session.listen(self.rebuilt)

    def rebuilt(self, rebuild: Rebuild) -> None:
        """Tell every open page about each sequence `rebuild` touched (called from the rebuilding thread)."""
        messages = []
        for slug in rebuild.slugs:
            state = self._session.state(slug)
            if state is not None:
                event = {"slug": slug, "version": state.version, "ok": not state.errors}
            else:  # its file was removed
                event = {"slug": slug, "version": 0, "ok": False}
            messages.append(f"data: {json.dumps(event, sort_keys=True)}\n\n")
        with self._lock:
            pages = list(self._pages)
        for loop, queue in pages:
            for message in messages:
                try:
                    loop.call_soon_threadsafe(queue.put_nowait, message)
                except RuntimeError:  # that page's loop has closed
                    pass

    async def stream(self, gone) -> AsyncIterator[str]:
        """One page's events until it goes away (`gone()` says so) or the server stops."""
        queue: asyncio.Queue[str] = asyncio.Queue()
        entry = (asyncio.get_running_loop(), queue)
        with self._lock:
            self._pages.append(entry)
        try:
            yield "retry: 1000\n\n"
            quiet = 0  # seconds without an event
            while not self.closing.is_set():
                try:
                    yield await asyncio.wait_for(queue.get(), timeout=1.0)
                    quiet = 0
                except TimeoutError:
                    quiet += 1
                    if quiet >= KEEP_ALIVE:
                        if await gone():
                            return
                        quiet = 0
                        yield ": still here\n\n"
        finally:
            with self._lock:
                self._pages.remove(entry)
