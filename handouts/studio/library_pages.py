"""The studio's pose library pages: `/library` (every pose: figure, names, sides, position, props, cues, cautions,
easier and deeper, the YAML of a step; searchable by any name and filtered by position and prop, in the page as you
type and on the server with `?q=`, `?position=`, `?prop=`), `/library/poses/<id>` (one pose) and
`/library/figures/<id>.svg` (a pose's figure, the same picture the page shows), `/library/photos/<id>` (the
photo a pose of the workspace prints instead, when it has one)."""

from __future__ import annotations

import hashlib

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response
from starlette.routing import Route

from handouts.core.model import SideMode
from handouts.reading.library import PACKAGE_DIR
from handouts.reading.workspace import Workspace
from handouts.studio.library_view import LibraryView, library_view
from handouts.studio.problems import shown
from handouts.studio.web import templates

SIDES = {
    SideMode.NONE: "done once, the same on both sides",
    SideMode.BOTH: "done on each side (the picture shows the right side; the left is its mirror image)",
    SideMode.ALTERNATE: "the sides take turns within the hold",
}
LANGUAGES = {"de": "German", "es": "Spanish", "fr": "French", "en": "English"}


def _view(request: Request) -> tuple[Workspace, LibraryView]:
    workspace: Workspace = request.app.state.workspace
    return workspace, library_view(request.app.state, workspace)


def _choice(value: str, allowed: tuple[str, ...]) -> str:
    return value if value in allowed else ""


def library_page(request: Request) -> HTMLResponse:
    workspace, view = _view(request)
    query = request.query_params.get("q", "")[:200]
    position = _choice(request.query_params.get("position", ""), view.positions)
    prop = _choice(request.query_params.get("prop", ""), view.props)
    cards = [(entry, entry.shown_for(query, position, prop)) for entry in view.entries]
    return templates.TemplateResponse(
        request,
        "library.html",
        {
            "cards": cards,
            "count": sum(1 for _, on in cards if on),
            "total": len(cards),
            "query": query,
            "position": position,
            "prop": prop,
            "positions": view.positions,
            "props": view.props,
            "problems": shown(workspace, view.problems),
            "sides": SIDES,
            "languages": LANGUAGES,
        },
    )


def pose_page(request: Request) -> HTMLResponse:
    _, view = _view(request)
    entry = view.entry(request.path_params["pose"])
    if entry is None:
        raise HTTPException(404, "There is no pose with that id in the library.")
    return templates.TemplateResponse(request, "pose.html", {"entry": entry, "sides": SIDES, "languages": LANGUAGES})


def figure(request: Request) -> Response:
    """A pose's figure as an SVG file; revalidated by its ETag (a hash of the picture), so an unchanged figure is
    not sent again and a changed one is."""
    _, view = _view(request)
    entry = view.entry(request.path_params["pose"])
    if entry is None or not entry.svg:
        raise HTTPException(404, "There is no figure for that pose.")
    tag = '"' + hashlib.sha256(entry.svg.encode()).hexdigest()[:20] + '"'
    headers = {"ETag": tag, "Cache-Control": "no-cache"}
    if tag in [t.strip() for t in request.headers.get("if-none-match", "").split(",")]:
        return Response(status_code=304, headers=headers)
    return Response(entry.svg, media_type="image/svg+xml", headers=headers)


PHOTO_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png"}


def photo(request: Request) -> Response:
    """The photo a pose prints instead of a figure (`image:` in its pose file), as the file is: served only from
    the workspace's images/ folder (or the built-in one), found through the pose, never from a path in the
    address."""
    workspace, view = _view(request)
    entry = view.entry(request.path_params["pose"])
    image = entry.pose.image if entry else None
    if image is None:
        raise HTTPException(404, "That pose has no photo.")
    path = image.path
    folders = (workspace.images_dir.resolve(), (PACKAGE_DIR / "images").resolve())
    kind = PHOTO_TYPES.get(path.suffix.lower())
    if kind is None or not path.is_file() or not any(path.resolve().is_relative_to(f) for f in folders):
        raise HTTPException(404, "That pose has no photo.")
    return FileResponse(path.resolve(), media_type=kind, headers={"Cache-Control": "no-cache"})


routes: list = [
    Route("/library", library_page, methods=["GET"]),
    Route("/library/poses/{pose}", pose_page, methods=["GET"]),
    Route("/library/figures/{pose}.svg", figure, methods=["GET"]),
    Route("/library/photos/{pose}", photo, methods=["GET"]),
]
