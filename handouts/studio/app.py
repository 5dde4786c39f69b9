"""The studio's web app: the sequences list, a sequence's page (its products' pages as images, the PDFs, its errors
and warnings), the page images and PDFs themselves, live refresh (`/events`), the static files, and the library and
clients pages (library_pages, roster_pages), all behind the guard of security.py.

Nothing here names a file from the address: a PDF or a page image is found by the sequence's slug and the product's
name in the session's state, and only when that file is inside the session's build folder.
"""

from __future__ import annotations

import secrets
import threading
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from handouts.reading.workspace import Workspace
from handouts.studio import editor_pages, library_pages, roster_pages, settings_pages
from handouts.studio.live import Events
from handouts.studio.pages import SCALES, PageImages, Pdf, clamp_scale
from handouts.studio.problems import inside, shown
from handouts.studio.security import Guard
from handouts.studio.session import PRODUCTS, BuildSession, Rebuild, SequenceState
from handouts.studio.web import STATIC, templates

PRODUCT_NAMES = {
    "booklet": "Booklet",
    "cheatsheet": "Cheat sheet",
    "matcard": "Mat card",
    "booklet-print": "Print file",
}
ZOOMS = {"fit": "Fit width", "100": "100 %", "150": "150 %"}
NO_STORE = {"cache-control": "no-store"}  # a page is always asked again: going back shows the latest build


def make_app(session: BuildSession, workspace: Workspace, port: int | None = None) -> Starlette:
    """The studio for `session`'s workspace. `port`: the port the server listens on (default: read from each
    connection), which the Host and Origin headers must name."""
    token = secrets.token_urlsafe(32)  # every write must carry it (security.py); every page prints it
    app = Starlette(
        routes=[
            Route("/", sequences_page),
            Route("/events", events),
            Route("/sequences/{slug}", sequence_page),
            Route("/sequences/{slug}/live", sequence_live),
            Route("/sequences/{slug}/{product}.pdf", pdf_file),
            Route("/sequences/{slug}/{product}/{page:int}.png", page_image),
            Mount("/static", app=StaticFiles(directory=STATIC), name="static"),
            *library_pages.routes,
            *roster_pages.routes,
            *settings_pages.routes,
            *editor_pages.routes,
        ],
        middleware=[Middleware(Guard, port=port, token=token)],
        exception_handlers={HTTPException: _problem_page},
    )
    app.state.session = session
    app.state.csrf = token
    app.state.workspace = workspace
    app.state.images = PageImages()
    app.state.events = Events(session)
    session.listen(lambda rebuild: _draw_ahead(app, rebuild))
    return app


def _draw_ahead(app: Starlette, rebuild: Rebuild) -> None:
    """After a rebuild, draw the page images the open pages showed of those sequences, in a thread of its own, so
    the image is ready (or being drawn) when the page asks for it."""
    session, images = app.state.session, app.state.images
    wanted: list[tuple[SequenceState, str, int, float]] = []
    for slug in rebuild.slugs:
        state = session.state(slug)
        if state is not None and not state.errors:
            wanted.extend((state, product, page, scale) for product, page, scale in images.shown_of(slug))
    if not wanted:
        return

    def draw() -> None:
        build = _build_folder(app)
        pdfs: dict[tuple[str, str], Pdf] = {}
        for state in {id(s): s for s, *_ in wanted}.values():  # every product read first: the page asks their sizes
            for product, path in state.products.items():
                if inside(path, build):
                    try:
                        pdfs[(state.slug, product)] = images.pdf(path.resolve())
                    except (OSError, ValueError, RuntimeError):  # gone again, or being written: the page will ask
                        continue
        for state, product, page, scale in wanted:
            pdf = pdfs.get((state.slug, product))
            if pdf is not None and 1 <= page <= pdf.pages:
                try:
                    images.png(pdf, page, scale)
                except (OSError, ValueError, RuntimeError):  # the page will ask, and hear what went wrong
                    continue

    threading.Thread(target=draw, name="studio-draw-ahead", daemon=True).start()


# -- the pages


def sequences_page(request: Request) -> Response:
    session: BuildSession = request.app.state.session
    rows = [
        {"state": state, "problems": shown(request.app.state.workspace, state.errors)} for state in session.states()
    ]
    return templates.TemplateResponse(request, "sequences.html", {"rows": rows}, headers=NO_STORE)


def sequence_page(request: Request) -> Response:
    state = _state(request)
    product = request.query_params.get("product", "booklet")
    product = product if product in PRODUCTS else "booklet"
    zoom = request.query_params.get("zoom", "fit")
    zoom = zoom if zoom in ZOOMS else "fit"
    context = {
        "state": state,
        "products": _products(request, state, SCALES[zoom]),
        "problems": shown(request.app.state.workspace, (*state.errors, *state.warnings)),
        "active": product,
        "zoom": zoom,
        "zooms": ZOOMS,
        "scales": {name: f"{value:g}" for name, value in SCALES.items()},
        "names": PRODUCT_NAMES,
    }
    return templates.TemplateResponse(request, "sequence.html", context, headers=NO_STORE)


def sequence_live(request: Request) -> Response:
    """What the sequence page's script needs after a rebuild: the version, each product's pages (count and size in
    points), and the HTML of the heading (title, steps, time) and of the problems section."""
    state = _state(request)
    problems = shown(request.app.state.workspace, (*state.errors, *state.warnings))
    section = templates.get_template("problems.html").render(problems=problems, state=state)
    heading = templates.get_template("heading.html").render(state=state)
    products = {}
    for name in PRODUCTS:
        pdf = _pdf(request, state, name)
        products[name] = [[round(w, 2), round(h, 2)] for w, h in pdf.sizes] if pdf else []
    body = {"slug": state.slug, "version": state.version, "ok": not state.errors, "products": products}
    return JSONResponse({**body, "heading": heading, "problems": section}, headers=NO_STORE)


def _products(request: Request, state: SequenceState, scale: float) -> list[dict]:
    out = []
    for name in PRODUCTS:
        pdf = _pdf(request, state, name)
        pages = []
        for number, (width, height) in enumerate(pdf.sizes if pdf else (), 1):
            pages.append(
                {
                    "number": number,
                    "w": round(width, 2),
                    "h": round(height, 2),
                    "width": round(width * scale),
                    "height": round(height * scale),
                }
            )
        out.append({"name": name, "label": PRODUCT_NAMES[name], "pages": pages, "scale": f"{scale:g}"})
    return out


# -- the files


def pdf_file(request: Request) -> Response:
    state = _state(request)
    name = request.path_params["product"]
    pdf = _pdf(request, state, name)
    if pdf is None:
        raise HTTPException(404, f"{state.slug} has no {PRODUCT_NAMES.get(name, 'such product')} yet.")
    download = f"{_ascii(state.slug)}-{name}.pdf"
    headers = {
        "content-disposition": f'attachment; filename="{download}"',
        "cache-control": "no-cache",
        "etag": f'"{pdf.digest}"',
    }
    return Response(pdf.data, media_type="application/pdf", headers=headers)


def page_image(request: Request) -> Response:
    state = _state(request)
    pdf = _pdf(request, state, request.path_params["product"])
    page = request.path_params["page"]
    if pdf is None or not 1 <= page <= pdf.pages:
        raise HTTPException(404, "No such page.")
    scale = clamp_scale(request.query_params.get("scale"))
    request.app.state.images.asked(state.slug, request.path_params["product"], page, scale)
    etag = f'"{pdf.digest[:32]}-{page}-{scale:g}"'
    headers = {"cache-control": "no-cache", "etag": etag}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    return Response(request.app.state.images.png(pdf, page, scale), media_type="image/png", headers=headers)


async def events(request: Request) -> Response:
    stream = request.app.state.events.stream(request.is_disconnected)
    headers = {"cache-control": "no-store", "x-accel-buffering": "no"}
    return StreamingResponse(stream, media_type="text/event-stream", headers=headers)


# -- lookups: by slug and product name in the session's state, never by a path from the address


def _state(request: Request) -> SequenceState:
    state = request.app.state.session.state(request.path_params["slug"])
    if state is None:
        raise HTTPException(404, "There is no sequence of that name in this workspace.")
    return state


def _pdf(request: Request, state: SequenceState, product: str) -> Pdf | None:
    """The product's last good PDF, when the state has one and it is a file inside the build folder."""
    if product not in PRODUCTS:
        return None
    path = state.products.get(product)
    build = _build_folder(request.app)
    if path is None or not inside(path, build):
        return None
    try:
        return request.app.state.images.pdf(path.resolve())
    except (OSError, ValueError, RuntimeError):  # gone, or not a PDF pdfium can read
        return None


def _build_folder(app: Starlette) -> Path:
    return Path(getattr(app.state.session, "out_dir", app.state.workspace.root / "build"))


def _ascii(text: str) -> str:
    return "".join(c if c.isascii() and (c.isalnum() or c in "-_.") else "_" for c in text) or "sequence"


async def _problem_page(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if request.url.path.endswith((".png", ".pdf", "/live")) or request.url.path == "/events":
        return Response(f"{exc.status_code}: {exc.detail}\n", status_code=exc.status_code, media_type="text/plain")
    html = templates.get_template("missing.html").render(status=exc.status_code, detail=exc.detail, request=request)
    return HTMLResponse(html, status_code=exc.status_code)
