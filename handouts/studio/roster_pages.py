"""The studio's clients pages: `/clients` shows the roster (clients.yaml, or clients.csv) as `handouts build
--clients` reads and checks it: who gets which sequences in which formats and language, their notes, variations
and left-out steps, and the roster's problems where they are; with a form to add a client and one to change each
(saved by roster_forms.py; a CSV roster is only shown), a "Make PDFs" button for each, and the e-mail section
(sending.py). `/clients/<client>/<handout>.pdf`
serves a client's PDF, made on demand into build/clients/<client>/ (again when a file it is made from changed).
A handout is shown by its sequence's title and its product in words ("Evening Unwind — booklet"); the languages
offered are sorted by the name shown, the studio's own first (`language_choices`).

A PDF is found only by looking the client and the handout up in the roster: the address names them, never a file.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from handouts.clients.making import build_clients, plan_clients, roster_problems
from handouts.clients.personal import output_path
from handouts.core.errors import HandoutError, Problem
from handouts.core.model import Client, ClientHandout
from handouts.editing.document import digest_of
from handouts.pipeline.loading import default_date
from handouts.reading.roster import read_roster
from handouts.reading.workspace import Workspace
from handouts.studio.problems import shown
from handouts.studio.web import templates

ROSTER_NAMES = ("clients.yaml", "clients.yml", "clients.csv")  # the first one there is the roster
INPUT_FOLDERS = ("sequences", "poses", "images", "labels")  # what a client's PDF is made from, with the roster
FORMATS = {"booklet": "booklet", "cheatsheet": "cheat sheet", "matcard": "mat card"}
LANGUAGES = {"en": "English", "de": "German", "es": "Spanish", "fr": "French"}  # else the code as written
_BUILDING = threading.Lock()  # one client's PDFs made at a time


def roster_file(workspace: Workspace) -> Path | None:
    """The workspace's roster: clients.yaml, clients.yml or clients.csv, if it is a file inside the workspace."""
    root = workspace.root.resolve()
    for name in ROSTER_NAMES:
        path = workspace.root / name
        if path.is_file() and path.resolve().is_relative_to(root):
            return path
    return None


def _out_dir(request: Request) -> Path:
    session = getattr(request.app.state, "session", None)
    workspace: Workspace = request.app.state.workspace
    return Path(getattr(session, "out_dir", None) or workspace.root / "build")


def language_choices(codes, first: str = "") -> dict[str, str]:
    """The languages to choose from, {code: name shown}: `first` (the studio's own) at the top when it is one of
    them, then the others in the order of their names."""
    named = {str(code).lower(): LANGUAGES.get(str(code).lower(), str(code)) for code in codes}
    order = sorted(named, key=lambda code: (code != first, named[code].casefold(), code))
    return {code: named[code] for code in order}


@dataclass(frozen=True)
class ShownHandout:
    sequence: str  # its file name in sequences/, without .yaml
    format: str  # as the page says it: booklet, cheat sheet, mat card
    file: str  # the PDF's name in the client's folder
    href: str
    title: str = ""  # the sequence's title ("" when it cannot be read)

    @property
    def label(self) -> str:
        """How the page names it: "Evening Unwind — booklet"."""
        return f"{self.title or self.sequence} — {self.format}"


def _handouts(client: Client, titles: dict[str, str] | None = None) -> list[ShownHandout]:
    shown_handouts = []
    for handout in client.handouts:
        name = output_path(client, handout).name
        sequence = str(handout.sequence)
        shown_handouts.append(
            ShownHandout(
                sequence,
                FORMATS.get(handout.format, handout.format),
                name,
                f"/clients/{client.slug}/{name}",
                (titles or {}).get(sequence, ""),
            )
        )
    return shown_handouts


def _read(workspace: Workspace, roster: Path) -> tuple[tuple[Client, ...], list[Problem]]:
    """The roster's clients (none when it has errors) and its problems (also the sequences it names that are not
    there, and the names in its templates)."""
    problems = roster_problems(workspace, roster)
    try:
        clients = read_roster(roster, workspace.shown(roster))
    except HandoutError:
        clients = ()
    return clients, problems


def _planned(workspace: Workspace, roster: Path, state) -> tuple[list[Problem], str]:
    """What planning every client's handouts finds (a left-out step that is not in their sequence, a template
    that fails for them, an error in a sequence that stops their handouts), as `build --clients` would; kept on
    the app's `state` until a file they are made from changes. With them, the studio's language ("" when the
    workspace cannot be read)."""
    stamp = _stamp(workspace, roster)
    kept = getattr(state, "roster_checked", None)
    if kept is not None and kept[0] == stamp:
        return kept[1]
    shown_roster = workspace.shown(roster)
    language = ""
    try:
        loaded, _ = plan_clients(workspace, roster, feasibility=False)
        found = [p for p in loaded.more_warnings if p.location.file == shown_roster]
        language = loaded.studio.language
    except HandoutError as exc:
        found = list(exc.problems)
    state.roster_checked = (stamp, (found, language))
    return found, language


SAVED = {
    "added": "The client was added.",
    "changed": "Saved.",
    "removed": "The client was removed.",
}


def clients_page(request: Request) -> HTMLResponse:
    from handouts.studio.roster_forms import form_values, sequence_titles, step_choices, steps_shown

    workspace: Workspace = request.app.state.workspace
    roster = roster_file(workspace)
    clients: tuple[Client, ...] = ()
    problems: list[Problem] = []
    studio_language = ""
    if roster is not None:
        clients, problems = _read(workspace, roster)
        if not any(not p.warning for p in problems):
            planned, studio_language = _planned(workspace, roster, request.app.state)
            problems += [p for p in planned if p not in problems]
    choices = step_choices(workspace, request.app.state)
    titles = sequence_titles(workspace, request.app.state)
    return templates.TemplateResponse(
        request,
        "clients.html",
        {
            "roster": workspace.shown(roster) if roster else "",
            "clients": [
                (client, _handouts(client, titles), form_values(client, choices), steps_shown(client, choices))
                for client in clients
            ],
            "problems": shown(workspace, problems),
            "studio_language": studio_language,
            "languages": language_choices(workspace.language_codes, studio_language),
            "editable": roster is None or roster.suffix.lower() != ".csv",
            "digest": digest_of(roster) if roster else "",
            "sequences": _sequences(workspace, titles),
            "formats": FORMATS,
            "choices": choices,
            "saved": SAVED.get(request.query_params.get("saved", ""), ""),
            "mail": _mail_words(workspace, request),
        },
        headers={"cache-control": "no-store"},
    )


def _sequences(workspace: Workspace, titles: dict[str, str]) -> list[tuple[str, str]]:
    """Every sequence a client may get: (its name in sequences/, its title), in the order of their titles."""
    found = [(path.stem, titles.get(path.stem) or path.stem) for path in workspace.all_sequences()]
    return sorted(found, key=lambda pair: (pair[1].casefold(), pair[0]))


def _mail_words(workspace: Workspace, request: Request) -> dict:
    """What the e-mail section says: where the drafts go, whether studio.yaml has mail settings, which
    environment variable the password is read from (and whether it is set; never its value), and whether sending
    can work (`why_not`: in plain words why it cannot, "" when it can)."""
    import os

    from handouts.core.errors import Collector
    from handouts.pipeline.loading import read_studio_file

    studio = read_studio_file(workspace, Collector())
    mail = studio.mail
    variable = str(mail.password_env) if mail is not None else "HANDOUTS_SMTP_PASSWORD"
    host = str(mail.host or "") if mail is not None else ""
    login = bool(mail is not None and mail.user)
    password_set = bool(os.environ.get(variable))
    why_not = ""
    if not host:
        why_not = "Sending is not set up: the studio does not know which mail server to send through."
    elif login and not password_set:
        why_not = "Sending cannot work yet: the mail password was not given when the studio was started."
    return {
        "outbox": workspace.shown(_out_dir(request) / "outbox"),
        "settings": mail is not None,
        "host": host,
        "login": login,
        "variable": variable,
        "password_set": password_set,
        "why_not": why_not,
    }


def _stamp(workspace: Workspace, roster: Path) -> tuple:
    """What a client's PDFs are made from, by name, size and modification time, and the date they print."""
    paths = [roster, *sorted(workspace.root.glob("studio*.yaml"))]
    for folder in INPUT_FOLDERS:
        base = workspace.root / folder
        if base.is_dir():
            paths += sorted(p for p in base.rglob("*") if p.is_file())
    found = []
    for path in paths:
        try:
            stat = path.stat()
        except OSError:
            continue
        found.append((str(path), stat.st_mtime_ns, stat.st_size))
    return (default_date().isoformat(), *found)


def _find(clients: tuple[Client, ...], slug: str, file: str) -> tuple[Client, ClientHandout] | None:
    for client in clients:
        if client.slug == slug:
            for handout in client.handouts:
                if output_path(client, handout).name == file:
                    return client, handout
    return None


def _make(workspace: Workspace, roster: Path, out_dir: Path, client: Client, made: dict) -> list[Problem]:
    """The client's PDFs made (unless made already from the same files); the problems when they cannot be."""
    with _BUILDING:
        stamp = _stamp(workspace, roster)
        there = all((out_dir / output_path(client, handout)).is_file() for handout in client.handouts)
        if made.get(client.slug) == stamp and there:
            return []
        try:
            build_clients(workspace, roster, out_dir, only=[client.slug], workers=1)
        except HandoutError as exc:
            made.pop(client.slug, None)
            return list(exc.problems)
        made[client.slug] = stamp
        return []


async def client_pdf(request: Request) -> Response:
    workspace: Workspace = request.app.state.workspace
    roster = roster_file(workspace)
    if roster is None:
        raise HTTPException(404, "There are no clients yet.")
    clients, _ = await run_in_threadpool(_read, workspace, roster)
    found = _find(clients, request.path_params["client"], request.path_params["handout"] + ".pdf")
    if found is None:
        raise HTTPException(404, "The roster has no such client or handout.")
    client, handout = found
    out_dir = _out_dir(request).resolve()
    target = out_dir / output_path(client, handout)
    if not target.resolve().is_relative_to(out_dir):  # a slug is made of a-z, 0-9 and '-': never happens
        raise HTTPException(404, "The roster has no such client or handout.")
    if not hasattr(request.app.state, "client_pdfs"):
        request.app.state.client_pdfs = {}
    problems = await run_in_threadpool(_make, workspace, roster, out_dir, client, request.app.state.client_pdfs)
    if problems or not target.is_file():
        return templates.TemplateResponse(
            request,
            "client_problems.html",
            {"client": client, "problems": shown(workspace, problems)},
            status_code=409,
        )
    return Response(
        target.read_bytes(),
        media_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="{client.slug}-{target.name}"', "Cache-Control": "no-store"},
    )


routes: list = [
    Route("/clients", clients_page, methods=["GET"]),
    Route("/clients/{client}/{handout}.pdf", client_pdf, methods=["GET"]),
]
