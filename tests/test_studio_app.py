"""The studio's web app (`handouts serve`): its pages, page images, PDFs, live events and its guard, on a temp copy
of two example sequences. Requests go through Starlette's TestClient, and, where the raw request line or a
long-lived stream matters, through a real uvicorn server on 127.0.0.1."""

from __future__ import annotations

import io
import json
import re
import shutil
import socket
import threading
import time
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pypdfium2
import pytest
import uvicorn
from conftest import snapshot
from PIL import Image
from starlette.testclient import TestClient

from handouts.reading.library import PACKAGE_DIR
from handouts.reading.workspace import Workspace
from handouts.studio.app import make_app
from handouts.studio.problems import line_of
from handouts.studio.session import BuildSession

ROOT = Path(__file__).resolve().parent.parent
PORT = 8765
BASE = f"http://127.0.0.1:{PORT}"
SLUG = "low-back-release"
FIRST_CHAIR_LINE = (
    "# Built-in pose library: chair yoga, sitting on a chair or standing and holding one (desks, older students)."
)


def new_session(workspace: Workspace) -> BuildSession:
    """A build session that makes every product in this process (no helper processes to start or stop)."""
    return BuildSession(workspace, helper="here")


def _workspace(folder: Path) -> Path:
    """Two example sequences with the poses, images and studio.yaml they need."""
    (folder / "sequences").mkdir(parents=True)
    for name in (f"{SLUG}.yaml", "psoas-stretches.yaml"):
        shutil.copy(ROOT / "sequences" / name, folder / "sequences" / name)
    for name in ("poses", "images"):
        shutil.copytree(ROOT / name, folder / name)
    shutil.copy(ROOT / "studio.yaml", folder / "studio.yaml")
    return folder


@pytest.fixture(scope="module")
def studio(tmp_path_factory):
    """A built workspace, its session and a client speaking to the app as the browser would."""
    root = _workspace(tmp_path_factory.mktemp("studio") / "ws")
    workspace = Workspace(root)
    session = new_session(workspace)
    session.rebuild()
    app = make_app(session, workspace)
    with TestClient(app, base_url=BASE) as client:
        yield root, session, app, client


# -- a small HTML reader: elements with their attributes and text


class _Element:
    def __init__(self, tag: str, attrs: dict[str, str | None]) -> None:
        self.tag, self.attrs, self.text, self.children = tag, attrs, "", []

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())


class _Reader(HTMLParser):
    VOID = {"img", "input", "meta", "link", "br", "hr"}

    def __init__(self) -> None:
        super().__init__()
        self.all: list[_Element] = []
        self.open: list[_Element] = []

    def handle_starttag(self, tag, attrs):
        element = _Element(tag, dict(attrs))
        if self.open:
            self.open[-1].children.append(element)
        self.all.append(element)
        if tag not in self.VOID:
            self.open.append(element)

    def handle_endtag(self, tag):
        while self.open:
            if self.open.pop().tag == tag:
                break

    def handle_data(self, data):
        for element in self.open:
            element.text += data


def elements(html: str, tag: str, cls: str | None = None) -> list[_Element]:
    reader = _Reader()
    reader.feed(html)
    return [e for e in reader.all if e.tag == tag and (cls is None or cls in e.classes)]


def within(element: _Element, tag: str, cls: str | None = None) -> list[_Element]:
    found = []
    for child in element.children:
        if child.tag == tag and (cls is None or cls in child.classes):
            found.append(child)
        found.extend(within(child, tag, cls))
    return found


# -- the pages


def test_the_list_shows_every_sequence_with_its_steps_and_time(studio):
    _, _, _, client = studio
    answer = client.get("/")
    assert answer.status_code == 200
    rows = {row.attrs["data-slug"]: row for row in elements(answer.text, "tr", "sequence")}
    assert sorted(rows) == ["low-back-release", "psoas-stretches"]
    row = rows[SLUG]
    links = within(row, "a")
    assert links[0].attrs["href"] == "/sequences/low-back-release"
    assert links[0].text == "Low Back Release"
    cells = [" ".join(cell.text.split()) for cell in within(row, "td")]
    assert cells[1:] == ["8", "about 26 min", "0", "0"]  # numbered steps: the strap series is one
    assert " ".join(within(rows["psoas-stretches"], "td")[1].text.split()) == "8"


def test_the_sequence_page_follows_the_contract(studio):
    _, session, _, client = studio
    answer = client.get(f"/sequences/{SLUG}")
    assert answer.status_code == 200
    (body,) = elements(answer.text, "body")
    assert body.attrs["data-slug"] == SLUG
    version = session.state(SLUG).version
    assert body.attrs["data-version"] == str(version)
    tabs = [b.attrs["data-product-tab"] for b in elements(answer.text, "button") if "data-product-tab" in b.attrs]
    assert tabs == ["booklet", "cheatsheet", "matcard", "booklet-print"]
    downloads = {a.attrs["data-product"]: a.attrs["href"] for a in elements(answer.text, "a", "download")}
    assert downloads == {
        "booklet": "/sequences/low-back-release/booklet.pdf",
        "cheatsheet": "/sequences/low-back-release/cheatsheet.pdf",
        "matcard": "/sequences/low-back-release/matcard.pdf",
        "booklet-print": "/sequences/low-back-release/booklet-print.pdf",
    }
    images = elements(answer.text, "img", "page")
    first = [i for i in images if i.attrs["data-product"] == "booklet" and i.attrs["data-page"] == "1"]
    assert first[0].attrs["src"] == f"/sequences/low-back-release/booklet/1.png?v={version}&scale=2"
    cheat = [i for i in images if i.attrs["data-product"] == "cheatsheet"]
    assert [i.attrs["data-page"] for i in cheat] == ["1"]  # the cheat sheet is one page
    assert len([s for s in elements(answer.text, "section") if s.attrs.get("id") == "problems"]) == 1
    assert not [li for li in elements(answer.text, "li", "problem") if "error" in li.classes]
    live = client.get(f"/sequences/{SLUG}/live").json()
    assert (live["slug"], live["version"], live["ok"]) == (SLUG, version, True)
    assert live["products"]["booklet"][0] == [419.53, 595.28]  # an A5 page in points
    assert len(live["products"]["cheatsheet"]) == 1
    assert "<h1>Low Back Release</h1>" in live["heading"] and 'id="problems"' in live["problems"]


def test_the_zoom_changes_the_scale_of_the_images(studio):
    _, session, _, client = studio
    answer = client.get(f"/sequences/{SLUG}?zoom=100&product=cheatsheet")
    version = session.state(SLUG).version
    images = {(i.attrs["data-product"], i.attrs["data-page"]): i for i in elements(answer.text, "img", "page")}
    assert (
        images[("cheatsheet", "1")].attrs["src"]
        == f"/sequences/low-back-release/cheatsheet/1.png?v={version}&scale=1.33"
    )
    panels = {s.attrs["data-product"]: s for s in elements(answer.text, "section", "product")}
    assert "hidden" not in panels["cheatsheet"].attrs
    assert "hidden" in panels["booklet"].attrs


def test_an_unknown_sequence_or_product_is_not_found(studio):
    _, _, _, client = studio
    assert client.get("/sequences/no-such-thing").status_code == 404
    assert client.get("/sequences/no-such-thing/booklet.pdf").status_code == 404
    assert client.get(f"/sequences/{SLUG}/how-to-print.pdf").status_code == 404  # a file, but not a product
    assert client.get(f"/sequences/{SLUG}/booklet/99.png").status_code == 404
    assert client.get(f"/sequences/{SLUG}/booklet/0.png").status_code == 404


# -- the files


def test_a_page_image_is_that_page_of_the_pdf(studio):
    root, _, _, client = studio
    answer = client.get(f"/sequences/{SLUG}/booklet/1.png?v=1&scale=1")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "image/png"
    assert answer.content[:8] == b"\x89PNG\r\n\x1a\n"
    image = Image.open(io.BytesIO(answer.content)).convert("RGB")
    assert image.size == (420, 596)  # an A5 page (419.5 x 595.3 points) at one pixel a point, rounded up
    dark = sum(1 for value in image.convert("L").tobytes() if value < 100)
    assert dark > 5_000  # the page has text and figures on it, not a blank
    expected = pypdfium2.PdfDocument(str(root / "build" / SLUG / "booklet.pdf"))[0].render(scale=1).to_pil()
    assert image.tobytes() == expected.convert("RGB").tobytes()
    bigger = Image.open(io.BytesIO(client.get(f"/sequences/{SLUG}/booklet/1.png?v=1&scale=2").content))
    assert bigger.size == (840, 1191)
    huge = Image.open(io.BytesIO(client.get(f"/sequences/{SLUG}/booklet/1.png?v=1&scale=50").content))
    assert huge.size == (1259, 1786)  # held to scale 3


def test_a_pdf_is_served_by_its_sequence_and_product(studio):
    root, _, _, client = studio
    answer = client.get(f"/sequences/{SLUG}/cheatsheet.pdf")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/pdf"
    assert answer.headers["content-disposition"] == 'attachment; filename="low-back-release-cheatsheet.pdf"'
    assert answer.content == (root / "build" / SLUG / "cheatsheet.pdf").read_bytes()


def test_static_files_are_served(studio):
    _, _, _, client = studio
    css = client.get("/static/studio.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    htmx = client.get("/static/htmx.min.js")
    assert htmx.status_code == 200 and b"htmx" in htmx.content[:100]


# -- the guard


def test_every_answer_carries_the_security_headers(studio):
    _, _, _, client = studio
    for address in ("/", f"/sequences/{SLUG}", f"/sequences/{SLUG}/booklet/1.png", "/static/studio.css", "/nothing"):
        headers = client.get(address).headers
        assert headers["content-security-policy"].startswith("default-src 'self';"), address
        assert "unsafe-inline" not in headers["content-security-policy"], address  # no inline script or style
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"


def test_a_foreign_host_is_refused(studio):
    _, _, _, client = studio
    for host in ("evil.example", "evil.example:8765", "127.0.0.1:9999", "127.0.0.1", "0.0.0.0:8765"):
        answer = client.get("/", headers={"host": host})
        assert answer.status_code == 403, host
        assert "Low Back Release" not in answer.text
    assert client.get("/", headers={"host": "localhost:8765"}).status_code == 200
    assert client.get("/", headers={"host": "127.0.0.1:8765"}).status_code == 200


def test_a_foreign_origin_is_refused(studio):
    _, _, _, client = studio
    for origin in ("http://evil.example", "null", "http://127.0.0.1:9999", "https://127.0.0.1:8765"):
        assert client.get(f"/sequences/{SLUG}/booklet.pdf", headers={"origin": origin}).status_code == 403, origin
    assert client.get("/", headers={"origin": "http://127.0.0.1:8765"}).status_code == 200
    assert client.get("/", headers={"origin": "http://localhost:8765"}).status_code == 200


def _token(client) -> str:
    page = client.get("/").text
    found = re.search(r'<meta name="csrf-token" content="([A-Za-z0-9_-]{40,})">', page)
    assert found, "every page prints the token its writes must carry"
    return found.group(1)


def test_a_write_without_the_pages_token_is_refused(studio):
    _, _, _, client = studio
    token = _token(client)
    assert client.post("/").status_code == 403
    assert client.post("/", headers={"x-csrf-token": "x" * 43}).status_code == 403
    assert client.post("/", headers={"x-csrf-token": token[:-1]}).status_code == 403
    answer = client.post("/", headers={"x-csrf-token": token})
    assert answer.status_code == 405  # past the guard: "/" itself takes no writes
    assert f'hx-headers=\'{{"X-CSRF-Token": "{token}"}}\'' in client.get(f"/sequences/{SLUG}").text


def test_a_write_too_large_is_refused_before_it_is_read(studio):
    _, _, _, client = studio
    token = _token(client)
    headers = {"x-csrf-token": token, "content-length": str(31_000_001)}
    answer = client.post("/", headers=headers, content=b"")
    assert answer.status_code == 413
    assert "31 MB" in answer.text


def test_nothing_else_is_answered(studio):
    _, _, _, client = studio
    assert client.put(f"/sequences/{SLUG}/booklet.pdf", content=b"x").status_code == 405
    assert client.delete(f"/sequences/{SLUG}").status_code == 405


@pytest.mark.parametrize(
    "address",
    [
        "/static/..%2f..%2fpyproject.toml",
        "/static/..%2F..%2Fpyproject.toml",
        "/static/%2e%2e/%2e%2e/pyproject.toml",
        "/static/..%5c..%5cpyproject.toml",
        "/static/..%252f..%252fpyproject.toml",
        "/..%2f..%2fetc/passwd",
        "/sequences/..%2f..%2fetc/passwd/booklet.pdf",
        "/sequences/%2e%2e%2f%2e%2e%2fetc%2fpasswd/booklet.pdf",
        "/sequences/..%252f..%252fetc%252fpasswd/booklet.pdf",
        "/sequences/low-back-release/..%2f..%2f..%2fpyproject.toml.pdf",
    ],
)
def test_climbing_out_with_encoded_paths_is_refused(studio, address):
    _, _, _, client = studio
    answer = client.get(address)
    assert answer.status_code in (403, 404)
    assert "[project]" not in answer.text and "root:" not in answer.text


def test_a_link_out_of_the_workspace_is_not_served(studio, tmp_path):
    root, _, _, client = studio
    secret = tmp_path / "secret.pdf"
    shutil.copy(root / "build" / SLUG / "matcard.pdf", secret)
    matcard = root / "build" / SLUG / "matcard.pdf"
    kept = matcard.read_bytes()
    matcard.unlink()
    matcard.symlink_to(secret)
    try:
        assert client.get(f"/sequences/{SLUG}/matcard.pdf").status_code == 404
        assert client.get(f"/sequences/{SLUG}/matcard/1.png").status_code == 404
    finally:
        matcard.unlink()
        matcard.write_bytes(kept)
    assert client.get(f"/sequences/{SLUG}/matcard.pdf").status_code == 200


def test_a_line_is_read_only_from_inside_the_workspace(tmp_path):
    root = tmp_path / "ws"
    (root / "sequences").mkdir(parents=True)
    outside = tmp_path / "secret.yaml"
    outside.write_text("password: hunter2\n", encoding="utf-8")
    (root / "sequences" / "link.yaml").symlink_to(outside)
    (root / "sequences" / "real.yaml").write_text("title: A\nsteps:\n  - pose: cat\n", encoding="utf-8")
    workspace = Workspace(root)
    assert line_of(workspace, "sequences/real.yaml", 3) == "  - pose: cat"
    assert line_of(workspace, "sequences/link.yaml", 1) == ""
    assert line_of(workspace, "../secret.yaml", 1) == ""
    assert line_of(workspace, str(outside), 1) == ""
    assert line_of(workspace, "sequences/real.yaml", 9) == ""
    # a built-in pose file's line is shown (a problem names it by its full path), the package's code is not
    assert line_of(workspace, str(PACKAGE_DIR / "poses" / "chair.yaml"), 1) == FIRST_CHAIR_LINE
    assert line_of(workspace, str(PACKAGE_DIR / "commands" / "cli.py"), 1) == ""


# -- errors and live refresh


def test_an_error_shows_its_place_and_the_text_of_its_line(tmp_path):
    root = _workspace(tmp_path / "ws")
    workspace = Workspace(root)
    session = new_session(workspace)
    session.rebuild()
    good = (root / "build" / SLUG / "booklet.pdf").read_bytes()
    path = root / "sequences" / f"{SLUG}.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[23] == "    hold: 5 circles each way"
    path.write_text(text.replace("    hold: 5 circles each way", "    hold: 5 furlongs each way", 1), encoding="utf-8")
    session.rebuild()
    client = TestClient(make_app(session, workspace), base_url=BASE)
    page = client.get(f"/sequences/{SLUG}").text
    errors = [li for li in elements(page, "li", "problem") if "error" in li.classes]
    assert errors, "the broken hold is not shown"
    where = [within(li, "span", "where")[0].text for li in errors]
    lines = [within(li, "pre", "line")[0].text for li in errors]
    assert where[0].startswith("sequences/low-back-release.yaml:24:")
    assert lines[0] == "    hold: 5 furlongs each way"
    assert "Traceback" not in page
    # the last good pages are still shown, and the list counts the error with its place
    assert client.get(f"/sequences/{SLUG}/booklet.pdf").content == good
    row = next(r for r in elements(client.get("/").text, "tr", "sequence") if r.attrs["data-slug"] == SLUG)
    assert " ".join(within(row, "td")[-1].text.split()) == str(len(errors))
    assert within(row, "span", "where")[0].text.startswith("sequences/low-back-release.yaml:24:")
    live = client.get(f"/sequences/{SLUG}/live").json()
    assert live["ok"] is False and "5 furlongs each way" in live["problems"]


def test_text_from_the_files_is_escaped(tmp_path):
    root = _workspace(tmp_path / "ws")
    path = root / "sequences" / f"{SLUG}.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    hold: 5 circles each way", "    hold: <script>alert(1)</script>", 1), "utf-8")
    session = new_session(Workspace(root))
    session.rebuild()
    page = TestClient(make_app(session, Workspace(root)), base_url=BASE).get(f"/sequences/{SLUG}").text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve(session, root: Path):
    """The studio's app for `session` served by uvicorn on 127.0.0.1 in a thread; returns the port and a stop."""
    port = _free_port()
    app = make_app(session, Workspace(root))
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off", ws="none")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    while not running.started and thread.is_alive():
        time.sleep(0.02)

    def stop() -> None:
        app.state.events.closing.set()
        running.should_exit = True
        thread.join(timeout=10)

    return port, stop


@pytest.fixture
def server(studio):
    root, session, _, _ = studio
    port, stop = _serve(session, root)
    yield port, session
    stop()


def test_the_events_tell_of_each_rebuild(tmp_path):
    root = _workspace(tmp_path / "ws")
    session = new_session(Workspace(root))
    session.rebuild()
    before = session.state(SLUG).version
    port, stop = _serve(session, root)
    path = root / "sequences" / f"{SLUG}.yaml"
    received: list[dict] = []
    give_up = threading.Timer(120, stop)  # ends the stream (and so the test) if no event ever comes
    give_up.start()
    try:
        with (
            httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client,
            client.stream("GET", "/events") as stream,
        ):
            assert stream.status_code == 200
            assert stream.headers["content-type"].startswith("text/event-stream")
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace("hold: 5 circles each way", "hold: 9 circles each way", 1), encoding="utf-8")
            threading.Thread(target=session.rebuild, args=({path},)).start()
            for line in stream.iter_lines():
                if line.startswith("data: "):
                    received.append(json.loads(line[6:]))
                if any(event["slug"] == SLUG for event in received):
                    break
    finally:
        give_up.cancel()
        stop()
    mine = [event for event in received if event["slug"] == SLUG]
    assert mine == [{"slug": SLUG, "version": before + 1, "ok": True}]


def _raw(port: int, request: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    return data


@pytest.mark.parametrize(
    "path",
    [
        b"/static/../../pyproject.toml",
        b"/static/../../../../../../etc/passwd",
        b"/../../etc/passwd",
        b"/sequences/../../etc/passwd/booklet.pdf",
        b"/static/..\\..\\pyproject.toml",
    ],
)
def test_climbing_out_with_dots_in_the_request_line_is_refused(server, path):
    port, _ = server
    answer = _raw(port, b"GET " + path + b" HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nConnection: close\r\n\r\n" % port)
    status = answer.split(b"\r\n", 1)[0]
    assert status in (b"HTTP/1.1 404 Not Found", b"HTTP/1.1 403 Forbidden", b"HTTP/1.1 400 Bad Request"), status
    assert b"[project]" not in answer and b"root:" not in answer


def test_the_server_refuses_a_foreign_host(server):
    port, _ = server
    answer = _raw(port, b"GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 403")
    good = _raw(port, b"GET / HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nConnection: close\r\n\r\n" % port)
    assert good.startswith(b"HTTP/1.1 200") and b"Low Back Release" in good


def _session_written() -> bool:
    try:
        BuildSession(Workspace(ROOT)).state(SLUG)
    except NotImplementedError:
        return False
    return True


@pytest.mark.skipif(not _session_written(), reason="the build session is not written yet")
def test_handouts_serve_builds_serves_on_127_0_0_1_and_stops_on_ctrl_c(tmp_path):
    import os
    import queue
    import signal
    import subprocess
    import sys

    root = _workspace(tmp_path / "ws")
    written = snapshot(root)
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "handouts", "serve", "--no-browser", "--port", str(port), "-C", str(root)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()
    said = []
    try:
        while not any("the studio is at" in line for line in said):
            said.append(lines.get(timeout=120))
        assert f"http://127.0.0.1:{port}/" in said[-1]
        answer = httpx.get(f"http://127.0.0.1:{port}/", timeout=30)
        assert answer.status_code == 200 and "Low Back Release" in answer.text
        for address in (f"/sequences/{SLUG}", f"/sequences/{SLUG}/booklet/1.png", f"/sequences/{SLUG}/booklet.pdf"):
            assert httpx.get(f"http://127.0.0.1:{port}{address}", timeout=30).status_code == 200
        assert (root / "build" / SLUG / "booklet.pdf").is_file()
        with pytest.raises(httpx.ConnectError):  # on 127.0.0.1 only
            httpx.get(f"http://{_outward_address()}:{port}/", timeout=5)
        # a page left open (its live stream) does not keep Ctrl-C from stopping the studio
        opened = threading.Event()

        def keep_open() -> None:
            with httpx.stream("GET", f"http://127.0.0.1:{port}/events", timeout=60) as stream:
                opened.set()
                for _ in stream.iter_lines():
                    pass

        threading.Thread(target=keep_open, daemon=True).start()
        assert opened.wait(30)
    finally:
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    assert "the studio has stopped" in err
    assert "Traceback" not in err
    after = snapshot(root)
    assert {name: digest for name, digest in after.items() if not name.startswith("build/")} == written


def _outward_address() -> str:
    """This computer's address on its network (not 127.0.0.1), or another loopback address when it has none."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        try:
            sock.connect(("192.0.2.1", 9))  # no packet is sent: this only picks the outward interface
            address = sock.getsockname()[0]
        except OSError:
            address = "127.0.0.2"
    return address if not address.startswith("127.0.0.1") else "127.0.0.2"


def test_a_page_image_is_drawn_once_however_many_ask(studio, monkeypatch):
    from handouts.studio import pages

    root, _, _, _ = studio
    drawn = []
    render = pages._render

    def slow_render(data, page, scale):
        drawn.append((page, scale))
        time.sleep(0.3)  # long enough for every asker to arrive while it draws
        return render(data, page, scale)

    monkeypatch.setattr(pages, "_render", slow_render)
    images = pages.PageImages()
    pdf = images.pdf(root / "build" / SLUG / "cheatsheet.pdf")
    results: list[bytes] = []
    askers = [threading.Thread(target=lambda: results.append(images.png(pdf, 1, 0.5))) for _ in range(4)]
    for asker in askers:
        asker.start()
    for asker in askers:
        asker.join()
    assert drawn == [(1, 0.5)]
    assert len(results) == 4 and len(set(results)) == 1 and results[0][:4] == b"\x89PNG"


def test_a_port_already_taken_is_said_plainly(run, tmp_path):
    root = _workspace(tmp_path / "ws")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = run("serve", "--port", str(port), "--no-browser", workspace=root)
    assert result.code == 3
    assert f"cannot start the studio: port {port} is taken" in result.err
    assert "give another --port" in result.err
    assert not (root / "build").exists()  # nothing was built


def test_serve_has_help(capsys):
    from handouts.commands.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["serve", "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert "usage: handouts serve" in out and "--port N" in out and "--no-browser" in out
    with pytest.raises(SystemExit) as exit_:
        main(["serve", "--port", "80"])
    assert exit_.value.code == 2
    assert "'80' is not a port: give a number from 1024 to 65535" in capsys.readouterr().err
