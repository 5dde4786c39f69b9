"""Pictures sent to the studio (a logo, a step's photo) saved into the workspace's images/ folder: `save_image`.

The name the browser gives is never used as a path: only its last part is kept, made of plain letters, digits,
'-' and '_', and it ends as the picture really is (.jpg or .png), whatever the name said. Before anything is
written the picture must be a JPEG or PNG of at most limits.IMAGE_BYTES, and the size its header claims must be
within limits.IMAGE_PIXELS and limits.IMAGE_SIDE (read from the header, before any pixel is decoded: a small file
may claim a picture of 100 000 x 100 000 pixels). Then it is written to a hidden temporary file in images/, checked
as `handouts check` checks every picture (reading.imagefiles.examine), and only then linked under its name, never
over another file: a different picture of the same name makes "name-2.jpg". A refused picture leaves nothing.

Its pages: `POST /pictures?name=<the file's name>` with the picture itself as the body (what the settings page and
the sequence editor send) answers {"name": the name in images/} or, refused, {"error": why, "hint": what to do}
with 400; `GET /pictures/<name>` shows a JPEG or PNG of images/, found by its name in the folder's listing.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import secrets
import struct
import unicodedata
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from handouts.core import limits
from handouts.core.errors import HandoutError, Location, Problem
from handouts.reading.imagefiles import examine, quiet
from handouts.reading.workspace import Workspace

NAME_CHARS = 60  # the longest name kept (without its ending)
KINDS = {"JPEG": ".jpg", "PNG": ".png"}
PNG_START = b"\x89PNG\r\n\x1a\n"
JPEG_START = b"\xff\xd8\xff"
OTHER_PICTURES = ((b"GIF8", "a GIF picture"), (b"BM", "a BMP picture"), (b"II*\0", "a TIFF picture"))
EXPORT = "open it in your photo app or an image editor and export it as JPEG or PNG"
SMALLER = "export a smaller copy, e.g. 4000 pixels on the long side, as JPEG"


def safe_name(filename: str) -> str:
    """A plain name for a picture from the name the browser sent, without its ending: 'Ann's Logo (2).PNG' ->
    'anns-logo-2'; '../../x.jpg' -> 'x'; 'C:\\photos\\me.jpg' -> 'me'; 'picture' when nothing usable is left."""
    last = re.split(r"[/\\]", filename)[-1]
    stem = last.rsplit(".", 1)[0] if "." in last.lstrip(".") else last
    plain = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode().lower()
    plain = re.sub(r"['`\u2019]", "", plain)
    words = re.sub(r"[^a-z0-9_]+", "-", plain).strip("-_")
    return words[:NAME_CHARS].rstrip("-_") or "picture"


def save_image(workspace: Workspace, filename: str, data: bytes) -> str:
    """Save the picture `data` (sent as `filename`) into images/ and return the name it has there (as studio.yaml
    or a step's `image:` names it). Raises HandoutError, in plain words, when it is refused: nothing is written."""
    shown = _printable(filename) or "picture"
    kind = _kind(shown, data)
    folder = _images_folder(workspace)
    wanted = safe_name(filename) + KINDS[kind]
    digest = hashlib.sha256(data).hexdigest()
    same = _same_picture(folder, wanted, digest)
    if same:
        return same  # that very picture is there already: nothing to write
    folder.mkdir(exist_ok=True)
    temporary = folder / f".upload-{secrets.token_hex(8)}.tmp"
    try:
        with open(temporary, "xb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        found = examine(temporary)
        if found.problem is not None:
            what, hint = found.problem
            raise _refused(shown, what, hint)
        return _place(temporary, folder, wanted, digest)
    finally:
        temporary.unlink(missing_ok=True)


def _kind(shown: str, data: bytes) -> str:
    """JPEG or PNG, with the size its header claims within the limits; else the reason it is refused."""
    if not data:
        raise _refused(shown, "is an empty file (0 bytes)", EXPORT)
    if len(data) > limits.IMAGE_BYTES:
        raise _refused(
            shown,
            f"is {len(data) / 1_000_000:.1f} MB, more than the {limits.IMAGE_BYTES // 1_000_000} MB a picture may have",
            SMALLER,
        )
    if data.startswith(PNG_START):
        kind = "PNG"
    elif data.startswith(JPEG_START):
        kind = "JPEG"
    else:
        raise _refused(shown, _what_it_is(data), EXPORT)
    size = _header_size(kind, data)
    if size is None:
        raise _refused(shown, "is damaged: its first bytes say it is a picture, but its size cannot be read", EXPORT)
    width, height = size
    if width * height > limits.IMAGE_PIXELS:
        raise _refused(
            shown,
            f"says it is {width} x {height} pixels, more than the {limits.IMAGE_PIXELS // 1_000_000} megapixels a "
            "picture may have",
            SMALLER,
        )
    if max(width, height) > limits.IMAGE_SIDE:
        raise _refused(
            shown, f"says it is {width} x {height} pixels, more than {limits.IMAGE_SIDE:,} on its long side", SMALLER
        )
    return kind


def _header_size(kind: str, data: bytes) -> tuple[int, int] | None:
    """The width and height the picture's header claims, without decoding any pixel."""
    if kind == "PNG":  # the signature, then the IHDR chunk: length, 'IHDR', width, height
        if len(data) < 24 or data[12:16] != b"IHDR":
            return None
        width, height = struct.unpack(">II", data[16:24])
        return width, height
    from PIL import Image

    try:
        with quiet(), Image.open(io.BytesIO(data), formats=["JPEG"]) as opened:  # reads the header only
            return opened.size
    except Image.DecompressionBombError:  # claims far more than Pillow's own limit
        return (limits.IMAGE_SIDE + 1, limits.IMAGE_SIDE + 1)
    except Exception:
        return None


def _what_it_is(data: bytes) -> str:
    head = data[:512]
    for start, name in OTHER_PICTURES:
        if head.startswith(start):
            return f"is {name}; the studio takes JPEG or PNG pictures"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "is a WebP picture; the studio takes JPEG or PNG pictures"
    if head.startswith(b"%PDF"):
        return "is a PDF document, not a picture"
    if head[4:8] == b"ftyp":
        return "is an HEIC or AVIF photo, which handouts cannot read"
    if b"<svg" in head[:200].lower():
        return "is an SVG drawing, not a JPEG or PNG picture"
    try:
        head.decode("utf-8")
        return "is a text file, not a picture"
    except UnicodeDecodeError:
        return "is not a JPEG or PNG picture"


def _images_folder(workspace: Workspace) -> Path:
    folder = workspace.images_dir
    root = workspace.root.resolve()
    if folder.is_symlink() or (folder.exists() and not folder.resolve().is_relative_to(root)):
        raise HandoutError(
            Problem(
                Location("images"),
                "the images folder is a link to somewhere outside the workspace, so the studio does not write there",
                "make images/ a plain folder inside the workspace",
            )
        )
    if folder.exists() and not folder.is_dir():
        raise HandoutError(
            Problem(Location("images"), "there is a file named 'images' where the pictures' folder should be", "")
        )
    return folder


def _candidates(wanted: str):
    stem, ending = wanted.rsplit(".", 1)
    yield wanted
    for number in range(2, 1000):
        yield f"{stem}-{number}.{ending}"


def _same_picture(folder: Path, wanted: str, digest: str) -> str | None:
    """The name under which this very picture is in images/ already (as `wanted`, or a numbered copy of it)."""
    for name in _candidates(wanted):
        path = folder / name
        if not path.exists():
            return None
        if path.is_file() and not path.is_symlink() and _digest(path) == digest:
            return name
    return None


def _place(temporary: Path, folder: Path, wanted: str, digest: str) -> str:
    """Give the checked temporary file its name: the first of 'name.jpg', 'name-2.jpg', ... not taken by another
    file (a hard link never replaces a file; where the disk has none, the name is taken only if still free)."""
    for name in _candidates(wanted):
        target = folder / name
        try:
            os.link(temporary, target)
            return name
        except FileExistsError:
            if target.is_file() and not target.is_symlink() and _digest(target) == digest:
                return name
            continue
        except OSError:  # a disk without hard links
            if target.exists() or target.is_symlink():
                continue
            os.replace(temporary, target)
            return name
    raise HandoutError(
        Problem(
            Location("images"),
            f"your pictures folder has too many pictures named like '{wanted}'",
            "rename some of them",
        )
    )


def _digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def _printable(filename: str) -> str:
    """The name as sent, for the message: its last part, without control characters, not too long."""
    last = re.split(r"[/\\]", filename)[-1]
    kept = "".join(c for c in last if c.isprintable())
    return kept if len(kept) <= 80 else kept[:77] + "..."


def _refused(shown: str, what: str, hint: str) -> HandoutError:
    return HandoutError(Problem(Location("images"), f"the picture '{shown}' {what}", hint))


# -- its pages


async def upload(request: Request) -> JSONResponse:
    workspace: Workspace = request.app.state.workspace
    data = await request.body()  # the guard has refused it already when it is over the studio's limit
    try:
        name = await run_in_threadpool(save_image, workspace, request.query_params.get("name", ""), data)
    except HandoutError as exc:
        problem = exc.problems[0]
        return JSONResponse({"error": problem.message, "hint": problem.hint}, status_code=400)
    return JSONResponse({"name": name, "href": f"/pictures/{name}"})


def picture(request: Request) -> Response:
    workspace: Workspace = request.app.state.workspace
    path = find_picture(workspace, request.path_params["name"])
    if path is None:
        raise HTTPException(404, "There is no such picture in your pictures folder.")
    media = "image/png" if path.suffix.lower() == ".png" else "image/jpeg"
    return Response(path.read_bytes(), media_type=media, headers={"cache-control": "no-cache"})


def find_picture(workspace: Workspace, name: str) -> Path | None:
    """The JPEG or PNG file of images/ named `name`, looked up in the folder's listing (never a path from outside),
    when it is a plain file inside the workspace."""
    folder = workspace.images_dir
    if not name or not folder.is_dir() or folder.is_symlink():
        return None
    root = workspace.root.resolve()
    for path in folder.iterdir():
        if path.name != name or path.suffix.lower() not in (".jpg", ".jpeg", ".png"):
            continue
        if path.is_file() and not path.is_symlink() and path.resolve().is_relative_to(root):
            return path
    return None


routes: list = [
    Route("/pictures", upload, methods=["POST"]),
    Route("/pictures/{name}", picture, methods=["GET"]),
]
