"""Pictures sent to the studio (`POST /pictures`, studio/uploads.py) and the guard in front of every write: a write
without the page's token, a name that climbs out of images/, a body over the size limit (with and without a
Content-Length), a PNG whose header claims a huge picture, a text file named like a photo. Each is refused with a
plain message and leaves the images/ folder (hidden files too) and the workspace around it as they were."""

from __future__ import annotations

import io
import os
import shutil
import socket
import struct
import threading
import time
import zlib
from pathlib import Path

import httpx
import pytest
import uvicorn
from PIL import Image
from starlette.testclient import TestClient

from handouts.core.errors import HandoutError
from handouts.reading.workspace import Workspace
from handouts.studio.app import make_app
from handouts.studio.session import BuildSession
from handouts.studio.uploads import safe_name, save_image

ROOT = Path(__file__).resolve().parent.parent
BASE = "http://127.0.0.1:8765"
MB = 1_000_000


def _workspace(folder: Path) -> Path:
    (folder / "images").mkdir(parents=True)
    shutil.copy(ROOT / "studio.yaml", folder / "studio.yaml")
    shutil.copy(ROOT / "images" / "riverside-logo.png", folder / "images" / "riverside-logo.png")
    return folder


def _picture(kind: str, colour: tuple[int, int, int] = (31, 95, 107), size: tuple[int, int] = (120, 80)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, kind)
    return out.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _png_bomb(width: int = 100_000, height: int = 100_000) -> bytes:
    """A PNG of a few dozen bytes whose header says it is `width` x `height` pixels (8-bit RGB)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b"\0" * 1000))
        + _chunk(b"IEND", b"")
    )


def _listing(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


@pytest.fixture
def studio(tmp_path):
    root = _workspace(tmp_path / "ws")
    workspace = Workspace(root)
    app = make_app(BuildSession(workspace, helper="here"), workspace)  # nothing built: only writes are tried here
    with TestClient(app, base_url=BASE) as client:
        yield root, app, client


def _post(client, name: str, data: bytes, token: str | None):
    headers = {"content-type": "application/octet-stream"}
    if token is not None:
        headers["x-csrf-token"] = token
    return client.post("/pictures", params={"name": name}, content=data, headers=headers)


def test_a_write_without_or_with_a_wrong_token_is_refused_and_writes_nothing(studio):
    root, app, client = studio
    before, around = _listing(root / "images"), _listing(root)
    for token in (None, "", "x" * 43, app.state.csrf[:-1] + ("A" if app.state.csrf[-1] != "A" else "B")):
        answer = _post(client, "new.png", _picture("PNG"), token)
        assert answer.status_code == 403, token
        assert "reload it and try again" in answer.text
    assert _listing(root / "images") == before
    assert _listing(root) == around


def test_the_pages_token_lets_a_picture_in(studio):
    root, app, client = studio
    answer = _post(client, "Ann's Logo.PNG", _picture("PNG"), app.state.csrf)
    assert answer.status_code == 200
    assert answer.json() == {"name": "anns-logo.png", "href": "/pictures/anns-logo.png"}
    assert (root / "images" / "anns-logo.png").read_bytes() == _picture("PNG")
    assert _listing(root / "images") == ["anns-logo.png", "riverside-logo.png"]
    shown = client.get("/pictures/anns-logo.png")
    assert shown.status_code == 200 and shown.headers["content-type"] == "image/png"
    assert shown.content == _picture("PNG")


@pytest.mark.parametrize("name", ["../../x.jpg", "..\\..\\x.jpg", "/etc/x.jpg", "images/../../x.jpg", "a/b/x.jpg"])
def test_a_name_that_climbs_out_is_cut_to_its_last_part_inside_images(studio, tmp_path, name):
    root, app, client = studio
    around, outside = _listing(root), _listing(tmp_path)
    answer = _post(client, name, _picture("JPEG"), app.state.csrf)
    assert answer.status_code == 200
    assert answer.json()["name"] == "x.jpg"
    assert _listing(root / "images") == ["riverside-logo.png", "x.jpg"]
    assert _listing(root) == around  # nothing beside images/
    assert _listing(tmp_path) == outside  # nor outside the workspace
    assert not Path("/etc/x.jpg").exists()


def test_a_body_over_the_limit_with_its_length_said_is_refused_before_it_is_read(studio):
    root, app, client = studio
    before = _listing(root / "images")
    sent = [0]

    def body():
        for _ in range(200):
            sent[0] += MB
            yield b"\xff" * MB

    headers = {"x-csrf-token": app.state.csrf, "content-length": str(200 * MB)}
    answer = client.post("/pictures", params={"name": "big.jpg"}, content=body(), headers=headers)
    assert answer.status_code == 413
    assert "more than the studio takes at once (31 MB)" in answer.text
    assert _listing(root / "images") == before


def _serve(app):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off", ws="none")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started and thread.is_alive():
        time.sleep(0.02)
    return port, server, thread


def test_a_200_mb_body_without_a_length_is_counted_and_refused(tmp_path):
    """Sent in chunks, as a browser streams a file, to a real server: the guard counts what arrives."""
    root = _workspace(tmp_path / "ws")
    workspace = Workspace(root)
    app = make_app(BuildSession(workspace, helper="here"), workspace)
    before = _listing(root / "images")
    port, server, thread = _serve(app)

    def body():
        for _ in range(200):
            yield b"\xff\xd8\xff" + b"\0" * (MB - 3)

    try:
        answer = httpx.post(
            f"http://127.0.0.1:{port}/pictures",
            params={"name": "huge.jpg"},
            content=body(),
            headers={"x-csrf-token": app.state.csrf},
            timeout=60,
        )
        assert "content-length" not in {k.lower() for k in answer.request.headers}
        assert answer.request.headers["transfer-encoding"] == "chunked"
        assert answer.status_code == 413
        assert "more than the studio takes at once (31 MB)" in answer.text
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    assert _listing(root / "images") == before


def test_a_png_decompression_bomb_is_refused_from_its_header(studio):
    root, app, client = studio
    before = _listing(root / "images")
    bomb = _png_bomb()
    assert len(bomb) < 100
    answer = _post(client, "bomb.png", bomb, app.state.csrf)
    assert answer.status_code == 400
    assert answer.json() == {
        "error": "the picture 'bomb.png' says it is 100000 x 100000 pixels, more than the 50 megapixels a picture "
        "may have",
        "hint": "export a smaller copy, e.g. 4000 pixels on the long side, as JPEG",
    }
    assert _listing(root / "images") == before


def test_a_picture_too_long_on_one_side_is_refused(studio):
    root, app, client = studio
    before = _listing(root / "images")
    answer = _post(client, "strip.png", _png_bomb(13_000, 10), app.state.csrf)
    assert answer.status_code == 400
    assert (
        answer.json()["error"]
        == "the picture 'strip.png' says it is 13000 x 10 pixels, more than 12,000 on its long side"
    )
    assert _listing(root / "images") == before


def test_a_text_file_named_like_a_photo_is_refused(studio):
    root, app, client = studio
    before = _listing(root / "images")
    answer = _post(client, "x.jpg", b"Dear Maya,\nthis is not a photo.\n", app.state.csrf)
    assert answer.status_code == 400
    assert answer.json()["error"] == "the picture 'x.jpg' is a text file, not a picture"
    assert _listing(root / "images") == before


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"GIF89a" + b"\0" * 40, "is a GIF picture; the studio takes JPEG or PNG pictures"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "is a PDF document, not a picture"),
        (b"", "is an empty file (0 bytes)"),
    ],
)
def test_other_files_are_refused_with_what_they_are(studio, data, says):
    root, app, client = studio
    before = _listing(root / "images")
    answer = _post(client, "photo.jpg", data, app.state.csrf)
    assert answer.status_code == 400
    assert answer.json()["error"] == f"the picture 'photo.jpg' {says}"
    assert _listing(root / "images") == before


def test_a_damaged_png_is_refused_by_the_photo_stages_own_check_and_leaves_no_temporary_file(studio):
    """Its header is fine, so it is written to a hidden temporary file and examined as `check` examines a photo:
    the pixels are cut short. The temporary file is gone afterwards."""
    root, app, client = studio
    before = _listing(root / "images")
    whole = _picture("PNG", size=(300, 300))
    answer = _post(client, "cut.png", whole[: len(whole) // 2], app.state.csrf)
    assert answer.status_code == 400
    assert answer.json()["error"].startswith("the picture 'cut.png' ")
    assert "truncated" in answer.json()["error"] or "damaged" in answer.json()["error"]
    assert _listing(root / "images") == before


def test_a_different_picture_of_a_taken_name_gets_a_number_and_the_same_picture_is_not_written_twice(tmp_path):
    root = _workspace(tmp_path / "ws")
    workspace = Workspace(root)
    teal, red = _picture("PNG"), _picture("PNG", colour=(200, 30, 30))
    assert save_image(workspace, "logo.png", teal) == "logo.png"
    assert save_image(workspace, "logo.png", teal) == "logo.png"
    assert save_image(workspace, "logo.png", red) == "logo-2.png"
    assert save_image(workspace, "LOGO.png", red) == "logo-2.png"
    assert (root / "images" / "logo.png").read_bytes() == teal
    assert (root / "images" / "logo-2.png").read_bytes() == red
    assert _listing(root / "images") == ["logo-2.png", "logo.png", "riverside-logo.png"]


def test_the_name_ends_as_the_picture_is_whatever_the_name_said(tmp_path):
    workspace = Workspace(_workspace(tmp_path / "ws"))
    assert save_image(workspace, "me.png", _picture("JPEG")) == "me.jpg"
    assert save_image(workspace, "me.jpg", _picture("PNG")) == "me.png"


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("Ann's Logo (2).PNG", "anns-logo-2"),
        ("C:\\photos\\me.jpg", "me"),
        (".hidden.jpg", "hidden"),
        ("..", "picture"),
        ("", "picture"),
        ("Zoë Müller.jpg", "zoe-muller"),
        ("a\nb\x00c\x1b.jpg", "a-b-c"),
        ("x" * 300 + ".jpg", "x" * 60),
        ("日本.png", "picture"),
    ],
)
def test_safe_names(sent, kept):
    assert safe_name(sent) == kept


def test_a_link_named_images_that_leads_out_is_not_written_through(tmp_path):
    root = tmp_path / "ws"
    root.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (root / "images").symlink_to(elsewhere)
    with pytest.raises(HandoutError) as refused:
        save_image(Workspace(root), "x.png", _picture("PNG"))
    assert "outside the workspace" in str(refused.value)
    assert _listing(elsewhere) == []


@pytest.mark.parametrize(
    "address",
    [
        "/settings",
        "/clients/add",
        "/clients/change",
        "/clients/remove",
        "/clients/ann-example/make",
        "/clients/mail/drafts",
        "/clients/mail/send",
    ],
)
def test_every_write_of_the_settings_and_clients_pages_needs_the_token(studio, address):
    root, app, client = studio
    shutil.copy(ROOT / "clients.yaml", root / "clients.yaml")
    before = {path: path.read_bytes() for path in (root / "studio.yaml", root / "clients.yaml")}
    form = {"digest": "", "index": "0", "name": "Eve", "email": "eve@example.org", "handouts": "x", "accent": "#000000"}
    for headers in ({}, {"x-csrf-token": "not-the-token"}):
        answer = client.post(address, data=form, headers=headers)
        assert answer.status_code == 403
    assert {path: path.read_bytes() for path in before} == before
    assert not (root / "build").exists() and not (root / "sent-mail.log").exists()
    assert getattr(app.state, "mailer", None) is None  # no e-mail run was started
