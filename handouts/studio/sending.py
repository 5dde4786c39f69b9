"""E-mail to every client from the studio, as `handouts mail` and `handouts mail --send` do it, in a thread of its
own so the page can show how far it got ("3 of 12 sent").

The work is clients.mail's own: `prepare` (the mail settings checked, and when sending the password read from the
environment variable studio.yaml names, before anything is built; then every client's PDFs made and one draft per
client written to build/outbox/) and `send` (the same send log, sent-mail.log, read first and locked while sending:
a message already in it is never sent again). One run at a time per studio; the page asks `state()` for progress.

Its pages: `POST /clients/mail/drafts` and `POST /clients/mail/send` start a run (202, or 409 while one runs) and
`GET /clients/mail/progress` says where it is (MailRun as JSON).
"""

from __future__ import annotations

import threading
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from handouts.clients.mail import SEND_LOG, prepare, read_log, send
from handouts.core.errors import HandoutError, OutsideError, Problem
from handouts.reading.workspace import Workspace
from handouts.studio import roster_pages


@dataclass(frozen=True)
class MailRun:
    """Where a run of drafts or sending is; what the progress endpoint answers."""

    kind: str = ""  # "drafts" or "send"; "" when nothing has run yet
    stage: str = "idle"  # idle, making (the PDFs), sending, done, failed
    made: int = 0  # PDFs made so far
    to_make: int = 0
    sent: int = 0  # messages sent by this run so far
    to_send: int = 0  # messages this run has to send (those not in the send log)
    already: int = 0  # messages in the send log before this run: not sent again
    drafts: int = 0  # drafts written
    outbox: str = ""  # where the drafts are, as the page says it (build/outbox)
    log: str = ""  # the send log, as the page says it
    message: str = ""  # what went wrong (or what happened), in plain words
    detail: str = ""  # for the person who sets the computer up: where the drafts are (build/outbox/)
    hint: str = ""
    problems: list[str] = field(default_factory=list)  # located problems, one line each

    @property
    def running(self) -> bool:
        return self.stage in ("making", "sending")

    def as_json(self) -> dict:
        return {**asdict(self), "running": self.running}


class Mailer:
    """Runs one mail job at a time for a workspace, in a background thread, and keeps its progress."""

    def __init__(self, workspace: Workspace, out_dir: Path) -> None:
        self.workspace = workspace
        self.out_dir = out_dir
        self._lock = threading.Lock()
        self._run = MailRun()
        self._thread: threading.Thread | None = None

    def state(self) -> MailRun:
        with self._lock:
            return self._run

    def start(self, roster: Path, sending: bool) -> bool:
        """Start writing the drafts (and sending, with `sending`); False when a run is going on already."""
        with self._lock:
            if self._run.running:
                return False
            self._run = MailRun(kind="send" if sending else "drafts", stage="making")
            self._thread = threading.Thread(target=self._work, args=(roster, sending), name="studio-mail", daemon=True)
            self._thread.start()
            return True

    def wait(self, timeout: float | None = None) -> MailRun:
        """The run's state once its thread has ended (or when `timeout` passes)."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
        return self.state()

    def _update(self, **changes) -> None:
        with self._lock:
            self._run = replace(self._run, **changes)

    def _work(self, roster: Path, sending: bool) -> None:
        ws = self.workspace
        log_path = ws.root / SEND_LOG
        outbox = ws.shown(self.out_dir / "outbox")
        self._update(outbox=outbox, log=ws.shown(log_path))
        try:
            made = _Counter(lambda done, total: self._update(made=done, to_make=total))
            box = prepare(ws, roster, self.out_dir, sending=sending, progress=made.start, workers=1)
            self._update(drafts=len(box.drafts))
            if not sending:
                self._update(stage="done", message=_drafts_words(len(box.drafts)), detail=f"Drafts: {outbox}/")
                return
            assert box.settings is not None  # prepare(sending=True) read them
            logged = read_log(log_path)
            waiting = sum(1 for letter in box.letters if letter.message_id not in logged)
            self._update(stage="sending", to_send=waiting, already=len(box.letters) - waiting)
            sent = [0]

            def said(_text: str) -> None:
                sent[0] += 1
                self._update(sent=sent[0])

            done, before = send(box.letters, log_path, box.settings, box.password, say=said)
            self._update(stage="done", sent=done, already=before, message=_sent_words(done, before))
        except HandoutError as exc:
            self._update(stage="failed", message=_failed_words(exc.problems), problems=[str(p) for p in exc.problems])
        except OutsideError as exc:
            self._update(stage="failed", message=exc.message, hint=exc.hint)
        except Exception as exc:  # an internal fault: said, not hidden; the studio goes on
            self._update(stage="failed", message=f"internal error while mailing: {type(exc).__name__}: {exc}")


class _Counter:
    """What `prepare` takes as `progress`: called with the number of PDFs, then stepped once per PDF."""

    def __init__(self, report) -> None:
        self.report = report
        self.total = self.done = 0

    def start(self, total: int) -> _Counter:
        self.total, self.done = total, 0
        self.report(0, total)
        return self

    def step(self, _label: str = "") -> None:
        self.done += 1
        self.report(self.done, self.total)

    def close(self) -> None:
        pass


def _sent_words(sent: int, before: int) -> str:
    words = f"Sent {sent} message{'s' if sent != 1 else ''}."
    if before:
        words += f" {before} had been sent before and {'were' if before != 1 else 'was'} not sent again."
    return words


def _failed_words(problems: list[Problem]) -> str:
    errors = [p for p in problems if not p.warning]
    count = len(errors) or len(problems)
    return f"Nothing was sent: {count} problem{'s' if count != 1 else ''} to fix first."


# -- its pages


def _mailer(request: Request) -> Mailer:
    app_state = request.app.state
    mailer = getattr(app_state, "mailer", None)
    if mailer is None:
        mailer = app_state.mailer = Mailer(app_state.workspace, roster_pages._out_dir(request))
    return mailer


def _start(request: Request, sending: bool) -> JSONResponse:
    mailer = _mailer(request)
    roster = roster_pages.roster_file(mailer.workspace)
    if roster is None:
        return JSONResponse({"error": "There are no clients yet: add a client first."}, status_code=409)
    if not mailer.start(roster, sending):
        return JSONResponse({**mailer.state().as_json(), "error": "E-mail is being made already."}, status_code=409)
    return JSONResponse(mailer.state().as_json(), status_code=202)


def drafts(request: Request) -> JSONResponse:
    return _start(request, sending=False)


def send_all(request: Request) -> JSONResponse:
    return _start(request, sending=True)


def progress(request: Request) -> JSONResponse:
    return JSONResponse(_mailer(request).state().as_json(), headers={"cache-control": "no-store"})


routes: list = [
    Route("/clients/mail/drafts", drafts, methods=["POST"]),
    Route("/clients/mail/send", send_all, methods=["POST"]),
    Route("/clients/mail/progress", progress, methods=["GET"]),
]


def _drafts_words(count: int) -> str:
    return f"Wrote {count} e-mail draft{'s' if count != 1 else ''} into your outbox folder."
