"""How the settings and clients pages save a changed file and answer the page: through editing's `save` (the file
must still be the one the page loaded, and what would be written must check without errors; then it is written
atomically), as JSON the page's script (settings.js) shows:

- saved: 200 {"ok": true, "digest": the file's new digest}
- refused, invalid: 422 {"ok": false, "problems": the located problems as HTML, each with the text of its line as
  it would have been written}
- refused, changed on disk since the page loaded it: 409 {"ok": false, "conflict": true, "message": ..., "both":
  the two versions side by side as a diff: the file on disk now, and the file with the page's change}
"""

from __future__ import annotations

import difflib
import re

from starlette.concurrency import run_in_threadpool
from starlette.responses import JSONResponse

from handouts.core.errors import HandoutError, Problem, visible
from handouts.editing.document import Conflict, Document, save
from handouts.studio.problems import LINE_CHARS, ShownProblem
from handouts.studio.web import templates

_BREAK = re.compile(r"\r\n|\r|\n")


def shown_in(text: str, problems: list[Problem]) -> list[ShownProblem]:
    """The problems, errors first, each with the text of its line in `text` (the file as it would be written)."""
    lines = _BREAK.split(text)
    out = []
    for p in sorted(problems, key=lambda p: (p.warning, p.location)):
        line = lines[p.location.line - 1].rstrip() if 1 <= p.location.line <= len(lines) else ""
        if len(line) > LINE_CHARS:
            line = line[:LINE_CHARS] + "…"
        out.append(
            ShownProblem(
                "warning" if p.warning else "error",
                visible(str(p.location)),
                visible(p.message),
                visible(p.hint),
                visible(line),
            )
        )
    return out


def problems_html(problems: list[ShownProblem], stopped: str = "") -> str:
    """The problems as the page shows them, under one line in the error style: "<stopped>: 2 problems to fix
    first." (`stopped`: "Nothing was saved" unless given)."""
    return templates.get_template("_saved_problems.html").render(problems=problems, stopped=stopped)


def refused(problems: list[Problem], text: str = "") -> JSONResponse:
    """The answer to a change that cannot be saved (nothing was written)."""
    return JSONResponse({"ok": False, "problems": problems_html(shown_in(text, problems))}, status_code=422)


async def save_and_answer(document: Document, digest: str | None) -> JSONResponse:
    """Save `document` if the file on disk still has `digest` (None: a new file) and it checks; the answer."""
    try:
        new = await run_in_threadpool(save, document, digest)
    except Conflict as conflict:
        message = (
            f"{conflict.shown} was changed on disk (in another editor, or by a copy or a git pull) since this page "
            "opened it, so your change was not saved. Reload the page to see the file as it is now, then make your "
            "change again."
        )
        both = "".join(
            difflib.unified_diff(
                conflict.on_disk.splitlines(True),
                conflict.yours.splitlines(True),
                f"{conflict.shown} as it is on disk now",
                f"{conflict.shown} with your change",
            )
        )
        return JSONResponse({"ok": False, "conflict": True, "message": message, "both": both}, status_code=409)
    except HandoutError as exc:
        return refused(list(exc.problems), document.text())
    return JSONResponse({"ok": True, "digest": new})
