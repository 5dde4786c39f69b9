"""The sequence editor's addresses: a new sequence from the list (`POST /sequences/new`), the editor panel beside a
sequence's preview (`GET /sequences/<slug>/editor`), every change to it (`POST /sequences/<slug>/edit`) and the
hold checked as it is typed (`POST /sequences/<slug>/hold`).

A change is saved at once through editing.save with the digest the page holds: a file changed on disk since is a
conflict (409, nothing written, both versions offered); a change that would make the file wrong is refused (422,
with every located problem, nothing written); a saved change answers with the panel as the file now is, its new
digest in it. The session's watcher rebuilds the sequence after each save and the page's live refresh shows it.
A sequence is found by its name among the files of sequences/, never by a path from the request; every request's
fields are checked (editor_input) before the file is opened.
"""

from __future__ import annotations

import difflib
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from handouts.core.errors import HandoutError, Problem, visible
from handouts.editing import sequence_edits as edits
from handouts.editing.document import Conflict, Document, save
from handouts.reading.workspace import Workspace
from handouts.studio import editor_input as given
from handouts.studio.editor_changes import change, first_pose, identity, mine, restorative
from handouts.studio.editor_input import BadRequest
from handouts.studio.editor_view import SIDE_WORDS, entries, sequence_values
from handouts.studio.history import History
from handouts.studio.library_view import library_view, sensible_hold
from handouts.studio.problems import LINE_CHARS
from handouts.studio.web import templates

TEXTS_KEPT = (
    50  # the texts of versions pages were shown, by digest: a conflict shows the page's version with the change
)
NO_STORE = {"cache-control": "no-store"}


@dataclass
class Editing:
    """What the editor keeps for the app: one change at a time, the undo history, the texts pages were shown."""

    lock: threading.Lock
    history: History
    texts: OrderedDict[str, str]

    def shown(self, digest: str, text: str) -> None:
        self.texts[digest] = text
        self.texts.move_to_end(digest)
        while len(self.texts) > TEXTS_KEPT:
            self.texts.popitem(last=False)


def _editing(app: Any) -> Editing:
    state = app.state
    if not hasattr(state, "editing"):
        state.editing = Editing(threading.Lock(), History(), OrderedDict())
    return state.editing


# -- lookups


def sequence_file(workspace: Workspace, slug: str) -> Path:
    """The file of the sequence named `slug` in sequences/ (404 when there is none)."""
    for path in workspace.all_sequences():
        if path.stem == slug:
            return path
    raise HTTPException(404, "There is no sequence of that name in this workspace.")


async def _fields(request: Request) -> dict[str, str]:
    try:
        form = await request.form(max_files=0, max_fields=given.FIELDS_MOST)
    except Exception:  # a body that is not a form, or breaks the limits above
        raise BadRequest("The page sent something the editor cannot read: reload it.") from None
    return given.plain(form)


def _bad(words: str) -> Response:
    return Response(f"400: {words}\n", status_code=400, media_type="text/plain")


# -- the panel


def _panel(
    request: Request,
    slug: str,
    document: Document | None,
    status: int = 200,
    note: str = "",
    refused: list[dict] | None = None,
    conflict: Conflict | None = None,
    open_path: str = "",
    whole: bool = False,
    typed: dict | None = None,
    note_kind: str = "done",
) -> Response:
    """The panel (with the pose picker too when `whole`: the first time a page asks). After a conflict, `typed` (a
    field edit that was not saved) is put back in its form when its step is still at its place. `note_kind` is the
    status line's style: "done" (green: saved, undone) or "said" (plain)."""
    workspace: Workspace = request.app.state.workspace
    editing = _editing(request.app)
    view = library_view(request.app.state, workspace)
    data = document.data if document is not None else {}
    if document is not None:
        editing.shown(document.digest, document.text())
    latest = editing.history.latest(document.path) if document is not None else None
    context = {
        "slug": slug,
        "digest": document.digest if document is not None else "",
        "shown": document.shown if document is not None else "",
        "rows": entries(data, view),
        "fields": sequence_values(data),
        "poses": view.entries,
        "positions": view.positions,
        "note": note,
        "refused": refused or [],
        "conflict": _conflict(conflict) if conflict is not None else None,
        "undo": latest.what if latest is not None else "",
        "undo_count": editing.history.count(document.path) if document is not None else 0,
        "open_path": open_path,
        "note_kind": note_kind,
        "side_words": SIDE_WORDS,
        "step_sides": given.STEP_SIDE_CHOICES,
        "series_sides": given.SERIES_SIDE_CHOICES,
        "sequence_sides": given.SEQUENCE_SIDE_CHOICES,
        "apply": "",
        "lost": "",
    }
    if typed is not None and document is not None and conflict is not None and conflict.on_disk:
        _keep_typed(context, document, typed)
    html = templates.get_template("editor.html" if whole else "editor_panel.html").render(request=request, **context)
    return HTMLResponse(html, status_code=status, headers=NO_STORE)


def _keep_typed(context: dict, document: Document, typed: dict) -> None:
    """Put a field edit that met a conflict back in its form (opened), and name the form "Apply my change to the
    new version" sends; or say why not (`lost`: the step is no longer at its place)."""
    if typed["path"] == "fields":
        context["fields"] = {**context["fields"], **typed["values"]}
        context["open_path"], context["apply"] = "fields", "sequence-fields"
        return
    path = given.step_path(typed, "path")
    found = _row(context["rows"], typed["path"])
    if found is None or identity(document, path) != typed["who"]:
        context["lost"] = "The step you changed is no longer at its place in the new version."
        return
    found.values = {**found.values, **typed["values"]}
    found.hold_fixed = found.hold_fixed if "hold" not in typed["values"] else ""
    context["open_path"], context["apply"] = typed["path"], f"change-{found.dom}"


def _row(rows: list, path: str) -> Any:
    for row in rows:
        if row.path == path:
            return row
        inner = _row(row.children, path)
        if inner is not None:
            return inner
    return None


def _conflict(conflict: Conflict) -> dict:
    """Both versions as one list of lines, as `diff -u` shows them (the panel is too narrow for two columns): each
    line with its kind, "disk" (only in the file on disk), "yours" (only in the page's version with the change),
    "same" or "place" (where in the file the lines below are)."""
    lines = []
    diff = difflib.unified_diff(conflict.on_disk.splitlines(), conflict.yours.splitlines(), lineterm="", n=2)
    for line in list(diff)[2:]:  # without the two header lines
        kind = {"-": "disk", "+": "yours", "@": "place"}.get(line[:1], "same")
        if kind == "place":
            found = re.match(r"@@ -(\d+)", line)
            line = f"at line {found.group(1) if found else '?'} of the file on disk:"
        lines.append({"kind": kind, "text": visible(line[1:] if kind != "place" else line)})
    return {"shown": conflict.shown, "lines": lines, "gone": conflict.on_disk == ""}


def _refused(problems: list[Problem], document: Document | None, text: str) -> list[dict]:
    """The located problems of a refused save, each with its line read from the text that was refused."""
    lines = text.splitlines()
    out = []
    for problem in sorted(problems, key=lambda p: (p.warning, p.location)):
        if problem.warning:
            continue
        line = ""
        if document is not None and problem.location.file == document.shown and 0 < problem.location.line <= len(lines):
            line = lines[problem.location.line - 1].rstrip()[:LINE_CHARS]
        out.append(
            {
                "where": visible(str(problem.location)),
                "message": visible(problem.message),
                "hint": visible(problem.hint),
                "line": visible(line),
            }
        )
    return out


async def editor_panel(request: Request) -> Response:
    slug = request.path_params["slug"]
    workspace: Workspace = request.app.state.workspace

    def work() -> Response:
        path = sequence_file(workspace, slug)
        try:
            document = Document.open(workspace, path)
        except HandoutError as exc:
            return _panel(request, slug, None, 200, refused=_refused(exc.problems, None, ""), whole=True)
        return _panel(request, slug, document, whole=True)

    return await run_in_threadpool(work)


# -- a change


async def edit(request: Request) -> Response:
    slug = request.path_params["slug"]
    try:
        fields = await _fields(request)
        action = given.choice(fields, "action", given.ACTIONS)
        digest = given.digest(fields) if action != "reload" else ""  # reload: also from a panel that could not open
    except BadRequest as bad:
        return _bad(str(bad))
    return await run_in_threadpool(_edit, request, slug, action, digest, fields)


def _edit(request: Request, slug: str, action: str, digest: str, fields: dict[str, str]) -> Response:
    workspace: Workspace = request.app.state.workspace
    editing = _editing(request.app)
    path = sequence_file(workspace, slug)
    with editing.lock:
        if action == "reload":
            editing.history.forget(path)
            return _opened(request, slug, path, note="Reloaded from disk.")
        document: Document | None = None
        text = ""
        typed: dict | None = None
        try:
            document = Document.open(workspace, path)
            before = document.text()
            if action == "undo":
                return _undo(request, slug, document, digest)
            page_text = editing.texts.get(digest)
            if document.digest != digest and page_text is not None:
                document.restore(page_text)  # the change goes onto the version the page showed
            typed = mine(document, action, fields)
            what, opened = change(document, action, fields, library_view(request.app.state, workspace))
            text = document.text()
            renumbered = any(old != new for old, new in document.renumbered.items())
            saved = save(document, digest)
        except BadRequest as bad:
            return _bad(str(bad))
        except Conflict as conflict:
            return _opened(request, slug, path, status=409, conflict=conflict, typed=typed)
        except HandoutError as exc:
            refused = _refused(exc.problems, document, text)
            return _opened(request, slug, path, status=422, refused=refused)
        except Exception as exc:  # an internal fault: said plainly, nothing written, no traceback in the answer
            return Response(
                f"500: the editor could not make that change ({type(exc).__name__}); nothing was written. "
                "Please report it, with the sequence's file.\n",
                status_code=500,
                media_type="text/plain",
            )
        document.digest = saved
        if renumbered and workspace.translations(path):
            # the translations' step numbers changed in the same save: taking back the sequence alone would part
            # them from it, so this change (and the ones before it) cannot be undone here
            editing.history.forget(path)
            note = f"Saved: {what}, and its translations' step numbers with it (this cannot be undone here)."
            return _panel(request, slug, document, note=note, open_path=opened)
        editing.history.saved(path, what, before, text)
        return _panel(request, slug, document, note=f"Saved: {what}.", open_path=opened)


def _opened(request: Request, slug: str, path: Path, status: int = 200, **extra: Any) -> Response:
    """The panel as the file on disk is now (after a refusal: nothing was written)."""
    try:
        document = Document.open(request.app.state.workspace, path)
    except HandoutError as exc:
        refused = _refused(exc.problems, None, "")
        return _panel(request, slug, None, status, refused=extra.pop("refused", []) + refused, **extra)
    return _panel(request, slug, document, status, **extra)


def _undo(request: Request, slug: str, document: Document, digest: str) -> Response:
    editing = _editing(request.app)
    latest = editing.history.latest(document.path)
    if latest is None:
        return _panel(
            request, slug, document, note="Nothing to undo: no change was saved from this page.", note_kind="said"
        )
    if document.digest != digest or document.text() != latest.after:
        changed = Conflict(document.shown, document.text(), latest.before)  # on disk now; what undo would write
        return _panel(request, slug, document, 409, conflict=changed)
    document.restore(latest.before)
    try:
        saved = save(document, digest)
    except Conflict as conflict:
        return _opened(request, slug, document.path, status=409, conflict=conflict)
    except HandoutError as exc:
        return _opened(
            request, slug, document.path, status=422, refused=_refused(exc.problems, document, latest.before)
        )
    editing.history.undone(document.path, latest)
    document.digest = saved
    return _panel(request, slug, document, note=f"Undone: {latest.what}.")


def pose_names(request: Request) -> Response:
    """The library's poses by name, with their figures, for the new sequence's first-pose picker."""
    view = library_view(request.app.state, request.app.state.workspace)
    names = [
        {
            "id": str(entry.id),
            "name": str(entry.pose.name or entry.id),
            "names": entry.names,  # folded, for the search as the pose picker does it
            "figure": f"/library/figures/{entry.id}.svg" if entry.svg else "",
        }
        for entry in view.entries
    ]
    return JSONResponse(names, headers=NO_STORE)


# -- the hold, as it is typed


async def check_hold(request: Request) -> Response:
    try:
        fields = await _fields(request)
    except BadRequest as bad:
        return _bad(str(bad))
    sequence_file(request.app.state.workspace, request.path_params["slug"])
    text = fields.get("hold", "").strip()
    if not text:
        return JSONResponse({"ok": True, "message": "", "hint": ""}, headers=NO_STORE)
    problem = given.hold_problem(text)
    if problem is None:
        return JSONResponse({"ok": True, "message": "", "hint": ""}, headers=NO_STORE)
    return JSONResponse({"ok": False, "message": problem[0], "hint": problem[1]}, headers=NO_STORE)


# -- a new sequence


async def new_sequence(request: Request) -> Response:
    try:
        fields = await _fields(request)
    except BadRequest as bad:
        return _bad(str(bad))
    return await run_in_threadpool(_new, request, fields)


def _new(request: Request, fields: dict[str, str]) -> Response:
    workspace: Workspace = request.app.state.workspace
    title = " ".join(fields.get("title", "").split())
    wrong: dict[str, str] = {}
    if not title:
        wrong["title"] = "Give the sequence a title."
    sides = fields.get("sides", "right first")
    if sides not in given.SEQUENCE_SIDE_CHOICES:
        wrong["sides"] = "Choose right first or left first."
    slug = edits.slug_for(title) if title else ""
    if title and not slug:
        wrong["title"] = "Use some letters or numbers in the title: the file is named after it."
    if slug and (workspace.sequences_dir / f"{slug}.yaml").exists():
        wrong["title"] = f"There is already a sequence named {slug}: choose another title."
    if wrong:
        return JSONResponse({"ok": False, "fields": wrong, "problems": []}, status_code=422)
    view = library_view(request.app.state, workspace)
    first, why = first_pose(view, fields.get("first", ""))
    picked = view.entry(fields.get("first_id", "")) if fields.get("first_id", "") else None
    if picked is not None and " ".join(fields.get("first", "").split()) == str(picked.pose.name or picked.id):
        first, why = picked, ""  # chosen by its figure: that pose, even if another has the same name
    if first is None:
        return JSONResponse({"ok": False, "fields": {"first": why}, "problems": []}, status_code=422)
    level = " ".join(fields.get("level", "").split())
    duration = " ".join(fields.get("duration", "").split())
    props = given.words(fields.get("props", ""))
    editing = _editing(request.app)
    with editing.lock:
        try:
            document = edits.new_sequence(workspace, slug, title, level, duration, sides, props)
            pose = str(first.id)
            edits.add_step(document, (0,), {"pose": pose, "hold": sensible_hold(first.pose, restorative(view, pose))})
            save(document, None)
        except Conflict:
            return JSONResponse(
                {"ok": False, "fields": {"title": f"There is already a sequence named {slug}."}, "problems": []},
                status_code=409,
            )
        except HandoutError as exc:
            return JSONResponse({"ok": False, **_placed(exc.problems)}, status_code=422)
    session = request.app.state.session
    session.rebuild({document.path})  # its page is there at once, before the watcher sees the file
    return JSONResponse({"ok": True, "slug": slug, "address": f"/sequences/{slug}"})


def _placed(problems: list[Problem]) -> dict:
    """A new sequence's problems beside the fields they are about (by the key the message names), the rest below."""
    beside: dict[str, str] = {}
    rest = []
    for problem in problems:
        if problem.warning:
            continue
        key = problem.message.split(":", 1)[0].strip()
        text = visible(problem.message + (f"; {problem.hint}" if problem.hint else ""))
        if key in ("title", "level", "duration", "sides", "props", "hold") and key not in beside:
            key = "first" if key == "hold" else key
            beside[key] = text
        else:
            rest.append(visible(str(problem)))
    return {"fields": beside, "problems": rest}


routes: list = [
    Route("/sequences/new", new_sequence, methods=["POST"]),
    Route("/editor/poses.json", pose_names, methods=["GET"]),
    Route("/sequences/{slug}/editor", editor_panel, methods=["GET"]),
    Route("/sequences/{slug}/edit", edit, methods=["POST"]),
    Route("/sequences/{slug}/hold", check_hold, methods=["POST"]),
]
