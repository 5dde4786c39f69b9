"""The clients page's writes: add a client, change one, remove one (each saved through editing: only that client's
lines change, the rest of clients.yaml stays as written), and "Make PDFs" for one client. Also what their form
offers: the workspace's sequences in each format (by title: `sequence_titles`), and each sequence's steps to leave
out or to give their easier or deeper variation (`StepChoice`).

A client is named by their place in the roster together with the roster's digest as the page loaded it: if the
file changed since, nothing is written and the page says so (saving.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml.comments import CommentedMap
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from handouts.core.errors import HandoutError, Location, Problem
from handouts.core.model import Client
from handouts.editing.document import Document
from handouts.editing.roster_edits import add_client, remove_client, set_client_field
from handouts.reading.workspace import Workspace
from handouts.studio import roster_pages
from handouts.studio.problems import shown
from handouts.studio.saving import problems_html, refused, save_and_answer

STEP_KEYS = ("leave_out", "easier", "deeper")
HEADER = (
    "The client roster: each client's own handouts (their name on the cover, your notes for them, steps left out\n"
    "or made easier), made by the studio or by `handouts build --clients clients.yaml`.\n"
    'Steps are named as printed ("3", "5b") or by pose id ("supine-twist").'
)


@dataclass(frozen=True)
class StepChoice:
    """A step a client's entry may name: `value` as the roster writes it (the pose id when no other step of the
    sequence has that pose, else the number as printed), `label` as the page shows it."""

    value: str
    label: str
    number: str
    pose_id: str
    easier: bool
    deeper: bool

    def names(self, ref: str) -> bool:
        return ref in (self.number, self.pose_id)


def step_choices(workspace: Workspace, state) -> dict[str, list[StepChoice]]:
    """Each sequence's steps (by slug), planned as a build plans them; a sequence with errors has none. Kept on the
    app's `state` until a file they come from changes."""
    return _planned(workspace, state)[0]


def sequence_titles(workspace: Workspace, state) -> dict[str, str]:
    """Each sequence's title (by slug), as its handouts print it; a sequence with errors has none."""
    return _planned(workspace, state)[1]


def _planned(workspace: Workspace, state) -> tuple[dict[str, list[StepChoice]], dict[str, str]]:
    roster = roster_pages.roster_file(workspace) or workspace.root / "clients.yaml"
    stamp = roster_pages._stamp(workspace, roster)
    kept = getattr(state, "step_choices", None)
    if kept is not None and kept[0] == stamp:
        return kept[1], kept[2]
    from handouts.pipeline.loading import load_workspace

    plans = []
    try:
        plans = list(load_workspace(workspace, [], feasibility=False).plans)
    except HandoutError:  # some sequence has errors: the others, one by one
        for path in workspace.all_sequences():
            try:
                plans += load_workspace(workspace, [str(path)], feasibility=False).plans
            except HandoutError:
                continue
    found: dict[str, list[StepChoice]] = {}
    titles: dict[str, str] = {}
    for plan in plans:
        titles[plan.sequence.slug] = str(plan.sequence.title)
        steps = [s for s in plan.steps if s.repeat_of is None]
        poses = [s.pose_id for s in steps if s.pose_id]
        found[plan.sequence.slug] = [
            StepChoice(
                s.pose_id if s.pose_id and poses.count(s.pose_id) == 1 else s.label,
                f"{s.label} {s.name}",
                s.label,
                s.pose_id or "",
                bool(s.easier),
                bool(s.deeper),
            )
            for s in steps
        ]
    state.step_choices = (stamp, found, titles)
    return found, titles


def handout_value(sequence: str, format: str) -> str:
    """A handout as the roster writes it: 'low-back-release' (its booklet), 'low-back-release cheatsheet'."""
    return sequence if format == "booklet" else f"{sequence} {format}"


def form_values(client: Client, choices: dict[str, list[StepChoice]]) -> dict:
    """What a client's form shows ticked and filled in."""
    handouts = [handout_value(str(h.sequence), h.format) for h in client.handouts]
    sequences = {str(h.sequence) for h in client.handouts}
    values: dict[str, object] = {
        "name": str(client.name),
        "email": str(client.email),
        "language": str(client.language or "").strip().lower(),
        "handouts": handouts,
        "notes": "\n".join(str(n) for n in client.notes),
    }
    for key in STEP_KEYS:
        refs = [str(r) for r in getattr(client, key)]
        values[key] = {
            (slug, choice.value)
            for slug in sequences
            for choice in choices.get(slug, [])
            if any(choice.names(ref) for ref in refs)
        }
    return values


def steps_shown(client: Client, choices: dict[str, list[StepChoice]]) -> dict[str, list[str]]:
    """The client's left-out, easier and deeper steps as the page names them ("3 Supine twist"); a step that is in
    none of their sequences as written in the roster."""
    steps = [c for h in client.handouts for c in choices.get(str(h.sequence), [])]
    return {
        key: list(
            dict.fromkeys(next((c.label for c in steps if c.names(str(r))), str(r)) for r in getattr(client, key))
        )
        for key in STEP_KEYS
    }


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(v.strip() for v in values if v.strip()))


def entry_from(form, workspace: Workspace) -> tuple[dict, list[Problem]]:
    """The roster entry the form describes: {key: value} (None: the key is left out), and what is missing."""
    name = str(form.get("name", "")).strip()
    email = str(form.get("email", "")).strip()
    language = str(form.get("language", "")).strip().lower()
    handouts = _unique([str(v) for v in form.getlist("handouts")])
    notes = _unique(str(form.get("notes", "")).splitlines())
    missing = []
    if not name:
        missing.append(Problem(Location("name"), "the client needs a name", "write their name as it should print"))
    if not email:
        missing.append(Problem(Location("email"), "the client needs an e-mail address", "write where to send them"))
    if not handouts:
        missing.append(Problem(Location("handouts"), "choose at least one handout for them", ""))
    if language and language not in workspace.language_codes:
        missing.append(Problem(Location("language"), f"there are no labels in '{language}'", "choose a language"))
    entry: dict = {
        "name": name,
        "email": email,
        "language": language or None,
        "handouts": handouts,
        "notes": notes or None,
    }
    for key in STEP_KEYS:
        entry[key] = _unique([str(v) for v in form.getlist(key)]) or None
    return entry, missing


def _same(key: str, new, client: Client, choices: dict[str, list[StepChoice]]) -> bool:
    """Whether the form's value of `key` says what the roster says already (so that line is left as written)."""
    if key in ("name", "email"):
        return new == str(getattr(client, key))
    if key == "language":
        return (new or "") == str(client.language or "").strip().lower()
    if key == "handouts":
        return new == [handout_value(str(h.sequence), h.format) for h in client.handouts]
    if key == "notes":
        return (new or []) == [str(n) for n in client.notes]
    steps = [c for h in client.handouts for c in choices.get(str(h.sequence), [])]

    def canonical(ref: str) -> str:
        return next((c.value for c in steps if c.names(ref)), ref)

    return (new or []) == _unique([canonical(str(r)) for r in getattr(client, key)])


def _document(workspace: Workspace) -> tuple[Document, Path]:
    """The roster opened for editing: clients.yaml (a new one, not yet on disk, when there is no roster)."""
    roster = roster_pages.roster_file(workspace)
    if roster is None:
        path = (workspace.root / "clients.yaml").resolve()
        data = CommentedMap()
        data.yaml_set_start_comment(HEADER)
        return Document(workspace, path, workspace.shown(path), "", data), path
    if roster.suffix.lower() == ".csv":
        raise HandoutError(
            Problem(
                Location(workspace.shown(roster)),
                "the roster is a spreadsheet file (CSV): the studio changes only a clients.yaml",
                "change it in your spreadsheet, or turn it into clients.yaml",
            )
        )
    return Document.open(workspace, roster), roster


def _clients(workspace: Workspace, roster: Path) -> tuple[Client, ...]:
    from handouts.reading.roster import read_roster

    return read_roster(roster, workspace.shown(roster)) if roster.is_file() else ()


def _index(form, clients: tuple[Client, ...]) -> int | None:
    text = str(form.get("index", ""))
    return int(text) if text.isdigit() and int(text) < len(clients) else None


async def add(request: Request) -> JSONResponse:
    workspace: Workspace = request.app.state.workspace
    form = await request.form()
    try:
        document, _ = _document(workspace)
    except HandoutError as exc:
        return refused(list(exc.problems))
    entry, missing = entry_from(form, workspace)
    if missing:
        return refused(missing)
    try:
        add_client(document, {k: v for k, v in entry.items() if v is not None})
    except HandoutError as exc:
        return refused(list(exc.problems))
    return await save_and_answer(document, str(form.get("digest", "")) or None)


async def change(request: Request) -> JSONResponse:
    workspace: Workspace = request.app.state.workspace
    form = await request.form()
    try:
        document, roster = _document(workspace)
        clients = await run_in_threadpool(_clients, workspace, roster)
    except HandoutError as exc:
        return refused(list(exc.problems))
    index = _index(form, clients)
    if index is None:
        return _gone()
    entry, missing = entry_from(form, workspace)
    if missing:
        return refused(missing)
    choices = await run_in_threadpool(step_choices, workspace, request.app.state)
    try:
        for key, value in entry.items():
            if not _same(key, value, clients[index], choices):
                set_client_field(document, index, key, value)
    except HandoutError as exc:
        return refused(list(exc.problems))
    return await save_and_answer(document, str(form.get("digest", "")))


async def remove(request: Request) -> JSONResponse:
    workspace: Workspace = request.app.state.workspace
    form = await request.form()
    try:
        document, roster = _document(workspace)
        clients = await run_in_threadpool(_clients, workspace, roster)
    except HandoutError as exc:
        return refused(list(exc.problems))
    index = _index(form, clients)
    if index is None:
        return _gone()
    if len(clients) == 1:
        return refused(
            [
                Problem(
                    Location(document.shown),
                    f"{clients[0].name} is the only client: the list of clients needs at least one",
                    "add another client first",
                )
            ]
        )
    remove_client(document, index)
    return await save_and_answer(document, str(form.get("digest", "")))


def _gone() -> JSONResponse:
    message = "That client is no longer in your list of clients as this page showed it. Reload the page."
    return JSONResponse({"ok": False, "conflict": True, "message": message}, status_code=409)


async def make(request: Request) -> JSONResponse:
    """Make one client's PDFs (as `handouts build --clients --only` does) and answer what the page says: "Ana
    Test's PDFs are ready" and one link to each, named by the sequence's title and the product."""
    workspace: Workspace = request.app.state.workspace
    roster = roster_pages.roster_file(workspace)
    if roster is None:
        return JSONResponse({"ok": False, "error": "There are no clients yet."}, status_code=404)
    clients, problems = await run_in_threadpool(roster_pages._read, workspace, roster)
    client = next((c for c in clients if c.slug == request.path_params["client"]), None)
    if client is None:
        if problems:
            return JSONResponse({"ok": False, "problems": problems_html(shown(workspace, problems))}, status_code=409)
        return JSONResponse({"ok": False, "error": "The roster has no such client."}, status_code=404)
    out_dir = roster_pages._out_dir(request).resolve()
    if not hasattr(request.app.state, "client_pdfs"):
        request.app.state.client_pdfs = {}
    found = await run_in_threadpool(
        roster_pages._make, workspace, roster, out_dir, client, request.app.state.client_pdfs
    )
    if found:
        stopped = f"{client.name}'s PDFs could not be made"
        return JSONResponse({"ok": False, "problems": problems_html(shown(workspace, found), stopped)}, status_code=409)
    titles = await run_in_threadpool(sequence_titles, workspace, request.app.state)
    links = [{"href": h.href, "label": h.label} for h in roster_pages._handouts(client, titles)]
    return JSONResponse({"ok": True, "message": f"{client.name}'s PDFs are ready.", "links": links})


routes: list = [
    Route("/clients/add", add, methods=["POST"]),
    Route("/clients/change", change, methods=["POST"]),
    Route("/clients/remove", remove, methods=["POST"]),
    Route("/clients/{client}/make", make, methods=["POST"]),
]
