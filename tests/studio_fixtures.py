"""The studio running for real, for the browser tests, the latency benchmark and the screenshot tool: a copy of the
example workspace, one BuildSession on it with its watcher in a thread, the web app served by uvicorn on a free port
of 127.0.0.1 in another thread, and a headless Chromium driven by Selenium (Debian's chromium and chromium-driver).

Plain functions and one context manager, no pytest: benchmarks/ and tools/ import this file too."""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
SLUG = "low-back-release"


def browser_missing() -> str | None:
    """Why the browser cannot run here (None when Chromium and its driver are both installed)."""
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    if missing:
        return "not installed: " + ", ".join(missing) + " (apt-get install chromium chromium-driver)"
    return None


def browser_required() -> bool:
    """CI sets HANDOUTS_REQUIRE_BROWSER=1: there a missing browser fails the tests instead of skipping them."""
    return os.environ.get("HANDOUTS_REQUIRE_BROWSER", "") == "1"


def copy_workspace(target: Path, slugs: tuple[str, ...] | None = (SLUG,)) -> Path:
    """A copy of the repository's example workspace in `target`: poses/, images/, labels/, studio*.yaml and the
    sequences named in `slugs` with their translations (None: every sequence)."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("poses", "images", "labels"):
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, target / name)
    for studio in sorted(ROOT.glob("studio*.yaml")):
        shutil.copy(studio, target / studio.name)
    (target / "sequences").mkdir()
    for path in sorted((ROOT / "sequences").iterdir()):
        stem = path.name.split(".")[0]
        if path.suffix in (".yaml", ".yml") and (slugs is None or stem in slugs):
            shutil.copy(path, target / "sequences" / path.name)
    return target


def save(path: Path, text: str) -> float:
    """Write `text` to `path` as an editor's save does (one write, then close); returns the time of the write."""
    with open(path, "w", encoding="utf-8") as file:
        file.write(text)
    return time.time()


class Studio:
    """`handouts serve` without the command line: the session's first full build, then the app on `self.base` and
    the watcher rebuilding on every save. Use as a context manager; every rebuild lands in `self.rebuilds`."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.rebuilds: list[Any] = []
        self.rebuilt_at: list[float] = []  # time.time() as each rebuild finished
        self._stop_watching = threading.Event()
        self._threads: list[threading.Thread] = []
        self._server: Any = None
        self.base = ""

    def __enter__(self) -> Studio:
        import uvicorn

        from handouts.reading.workspace import Workspace
        from handouts.studio import app as studio_app
        from handouts.studio.session import BuildSession

        self.workspace = Workspace(self.root)
        self.session = BuildSession(self.workspace)
        self.session.listen(self._heard)
        self.session.rebuild()
        self.app = app = studio_app.make_app(self.session, self.workspace)

        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        self.base = f"http://127.0.0.1:{port}"
        config = uvicorn.Config(
            app, host="127.0.0.1", port=port, log_level="warning", lifespan="off", timeout_graceful_shutdown=2
        )
        self._server = uvicorn.Server(config)
        self._start(lambda: self._server.run(sockets=[sock]), "studio-server")
        self._start(lambda: self.session.watch(self._stop_watching), "studio-watcher")
        deadline = time.monotonic() + 30
        while not self._server.started:
            if time.monotonic() > deadline or not self._threads[0].is_alive():
                raise RuntimeError("the studio's web server did not start")
            time.sleep(0.02)
        # the watcher starts listening a moment after its thread starts; a save before that would go unseen
        time.sleep(1)
        return self

    def _heard(self, rebuild: Any) -> None:
        self.rebuilt_at.append(time.time())
        self.rebuilds.append(rebuild)

    def _start(self, target: Callable[[], None], name: str) -> None:
        thread = threading.Thread(target=target, name=name, daemon=True)
        thread.start()
        self._threads.append(thread)

    def __exit__(self, *exc: object) -> None:
        self._stop_watching.set()
        events = getattr(getattr(self, "app", None), "state", None)
        if events is not None and hasattr(events, "events"):  # the live pages' streams end, as `handouts serve` does
            events.events.closing.set()
        if self._server is not None:
            self._server.should_exit = True
        for thread in self._threads:
            thread.join(timeout=10)
        close = getattr(getattr(self, "session", None), "close", None)
        if close is not None:  # the session's helper process, where it keeps one
            close()

    def url(self, path: str) -> str:
        return self.base + path

    def fetch(self, path_or_url: str) -> bytes:
        """GET a page, image or PDF from the studio as the browser would (same Host), raising on an error status."""
        import httpx

        url = path_or_url if path_or_url.startswith("http") else self.url(path_or_url)
        response = httpx.get(url, timeout=30)
        response.raise_for_status()
        return response.content

    def wait_for_rebuild(self, count: int, timeout: float = 10) -> None:
        """Wait until at least `count` rebuilds have happened since the first build."""
        deadline = time.monotonic() + timeout
        while len(self.rebuilds) < count:
            if time.monotonic() > deadline:
                raise TimeoutError(f"no rebuild within {timeout} s of the save")
            time.sleep(0.01)


def open_chromium(width: int = 1280, height: int = 900) -> Any:
    """A headless Chromium with a fresh profile and no network chatter, its page area `width` x `height`."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    profile = tempfile.mkdtemp(prefix="handouts-chromium-")
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        f"--window-size={width},{height}",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    # the window's size includes the browser's frame: set the page area itself to exactly width x height
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
    )
    driver.profile_dir = profile
    return driver


def close_chromium(driver: Any) -> None:
    driver.quit()
    shutil.rmtree(driver.profile_dir, ignore_errors=True)


def chromium_for_tests(width: int = 1280, height: int = 900) -> Iterator[Any]:
    """A headless Chromium for a module's browser tests: skipped where there is none, failed where CI requires one
    (HANDOUTS_REQUIRE_BROWSER=1), closed after the module."""
    import pytest  # only the tests call this: benchmarks/ and tools/ import this file without pytest

    reason = browser_missing()
    if reason:
        if browser_required():
            pytest.fail(f"HANDOUTS_REQUIRE_BROWSER=1 but the browser is {reason}")
        pytest.skip(f"browser tests need Chromium: {reason}")
    driver = open_chromium(width, height)
    try:
        yield driver
    finally:
        close_chromium(driver)


def wait_for(driver: Any, condition: Callable[[Any], Any], what: str, timeout: float) -> Any:
    """What `condition` gives once it gives something, asked every 50 ms for at most `timeout` seconds."""
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout, poll_frequency=0.05).until(
        condition, message=f"waited {timeout} s for {what}"
    )
