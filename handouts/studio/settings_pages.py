"""The studio's settings page, `/settings`: studio.yaml's name, instructor, contact lines, website, logo (sent
through uploads.save_image, shown), accent colour, paper, language and grayscale, changed in a form and saved
through editing (only the settings changed are written; every comment and other line of the file stays as it was).
Changes are saved when the teacher presses "Save settings" (settings.js warns before leaving with unsaved ones);
the page says where the settings are kept only in a "details" line. The page sends the file's digest as it loaded it: a file changed on disk since then is not overwritten
(saving.py says so and offers a reload); a value the checker refuses is shown with its located problem, and nothing
is written. A setting left empty is taken out of the file (its default applies).

`routes`: this page's, and the other writes of the settings and clients pages, in one list for make_app: the
pictures (uploads.py), the clients' forms (roster_forms.py) and their e-mail (sending.py).
"""

from __future__ import annotations

import re

from ruamel.yaml.comments import CommentedMap
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from handouts.core.errors import HandoutError, Location, Problem
from handouts.editing.document import Document
from handouts.editing.studio_edits import set_setting
from handouts.layouts.styles import ACCENT
from handouts.reading.workspace import Workspace
from handouts.studio import roster_forms, sending, uploads
from handouts.studio.problems import shown
from handouts.studio.roster_pages import language_choices
from handouts.studio.saving import refused, save_and_answer
from handouts.studio.web import templates

DEFAULT_ACCENT = "#" + ACCENT.hexval()[2:].lower()  # what the handouts use when studio.yaml names none
PAPERS = {"a4": "A4 (A5 booklet pages)", "letter": "US Letter (half-letter booklet pages)"}
LINES = ("studio", "instructor", "website", "logo")  # one-line texts; "" takes the key out
COLOUR = re.compile(r"^#[0-9a-f]{6}$")
HEADER = (
    "Workspace settings: who hands these booklets out, and how they look by default. Every key is optional.\n"
    "Written by the handouts studio; you may edit it by hand too."
)


def _open(workspace: Workspace) -> Document:
    """studio.yaml opened for editing; a new, empty one (not yet on disk, digest "") when there is none."""
    path = workspace.studio_file
    if path.is_file():
        return Document.open(workspace, path)
    data = CommentedMap()
    data.yaml_set_start_comment(HEADER)
    return Document(workspace, path.resolve(), workspace.shown(path), "", data)


def _text(value) -> str:
    return "" if value is None else str(value)


def _form(document: Document, workspace: Workspace) -> dict:
    """What the form shows: the settings as the file has them (or their defaults)."""
    data = document.data if isinstance(document.data, CommentedMap) else CommentedMap()
    contact = data.get("contact")
    contact_lines = [str(line) for line in contact] if isinstance(contact, list) else [_text(contact)]
    language = _text(data.get("language")).strip().lower() or "en"
    accent = _text(data.get("accent")).strip().lower()
    logo = _text(data.get("logo"))
    return {
        "studio": _text(data.get("studio")),
        "instructor": _text(data.get("instructor")),
        "contact": "\n".join(line for line in contact_lines if line),
        "website": _text(data.get("website")),
        "logo": logo,
        "logo_shown": bool(logo) and uploads.find_picture(workspace, logo) is not None,
        "accent": accent if COLOUR.match(accent) else DEFAULT_ACCENT,
        "paper": _text(data.get("paper")).strip().lower() or "a4",
        "language": language,
        "grayscale": data.get("grayscale") is True,
    }


def _languages(workspace: Workspace) -> dict[str, str]:
    """The languages to choose from, in the order of their names."""
    return language_choices(workspace.language_codes)


def settings_page(request: Request) -> Response:
    workspace: Workspace = request.app.state.workspace
    try:
        document = _open(workspace)
    except HandoutError as exc:  # not YAML, not UTF-8, too large: shown where it is; no form to break it more
        return templates.TemplateResponse(
            request,
            "settings.html",
            {"problems": shown(workspace, exc.problems), "form": None, "shown": workspace.shown(workspace.studio_file)},
        )
    return templates.TemplateResponse(
        request,
        "settings.html",
        {
            "problems": [],
            "form": _form(document, workspace),
            "digest": document.digest,
            "shown": document.shown,
            "papers": PAPERS,
            "languages": _languages(workspace),
            "default_accent": DEFAULT_ACCENT,
        },
        headers={"cache-control": "no-store"},
    )


def changes(document: Document, workspace: Workspace, form) -> dict[str, object]:
    """The settings the form changes: {key: new value (None: take it out)}, only those that differ from the file
    (or from the default, for a setting the file does not have)."""
    now = _form(document, workspace)
    data = document.data if isinstance(document.data, CommentedMap) else CommentedMap()
    changed: dict[str, object] = {}
    for key in LINES:
        if key not in form:
            continue
        value = str(form[key]).strip()
        if value != now[key]:
            changed[key] = value or None
    if "contact" in form:
        lines = [line.strip() for line in str(form["contact"]).splitlines() if line.strip()]
        if "\n".join(lines) != now["contact"]:
            changed["contact"] = lines or None
    if "accent" in form:
        accent = str(form["accent"]).strip().lower()
        if accent != now["accent"] or ("accent" not in data and accent != DEFAULT_ACCENT):
            changed["accent"] = accent
    for key in ("paper", "language"):
        if key in form:
            value = str(form[key]).strip().lower()
            if value != now[key]:
                changed[key] = value
    if "grayscale" in form or "grayscale_shown" in form:  # an unticked box sends nothing: the form says it was there
        grey = str(form.get("grayscale", "")) in ("on", "true", "1")
        if grey != now["grayscale"]:
            changed["grayscale"] = grey if grey or "grayscale" in data else None
    return changed


def _wrong(key: str, value: object) -> Problem | None:
    """A value the form itself should never send (a colour picker gives '#rrggbb', the lists give their choices)."""
    if key == "accent" and not COLOUR.match(str(value)):
        return Problem(Location("accent"), f"'{value}' is not a colour", "pick one with the colour button")
    if key == "paper" and value not in PAPERS:
        return Problem(Location("paper"), f"'{value}' is not a paper size", "choose A4 or US Letter")
    return None


async def save_settings(request: Request) -> JSONResponse:
    workspace: Workspace = request.app.state.workspace
    form = await request.form()
    digest = str(form.get("digest", ""))
    try:
        document = _open(workspace)
    except HandoutError as exc:
        return refused(list(exc.problems))
    changed = changes(document, workspace, form)
    wrong = [p for key, value in changed.items() if (p := _wrong(key, value)) is not None]
    if wrong:
        return refused(wrong)
    if not changed:
        return JSONResponse({"ok": True, "digest": document.digest, "unchanged": True})
    try:
        for key, value in changed.items():
            set_setting(document, key, value)
    except HandoutError as exc:  # a line break or a control character where one line is needed
        return refused(list(exc.problems))
    return await save_and_answer(document, digest or None)


routes: list = [
    Route("/settings", settings_page, methods=["GET"]),
    Route("/settings", save_settings, methods=["POST"]),
    *uploads.routes,
    *sending.routes,  # before the clients' own: /clients/mail/... is no client
    *roster_forms.routes,
]
