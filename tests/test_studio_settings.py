"""The studio's settings page (studio.yaml) and clients page (clients.yaml, Make PDFs, e-mail drafts and sending),
through Starlette's TestClient on a temp copy of three example sequences. Every save is checked on the file's
bytes: exactly the lines expected change, comments and everything else stay; a refused save leaves the file as it
was. Sending goes to a real SMTP server (aiosmtpd on 127.0.0.1), as tests/test_mail.py does."""

from __future__ import annotations

import asyncio
import difflib
import email
import email.policy
import io
import json
import re
import shutil
import threading
import time
from pathlib import Path

import pytest
from pypdf import PdfReader
from starlette.testclient import TestClient
from test_mail import PASSWORD, USER, Inbox, mail_workspace, received, smtp  # noqa: F401 - smtp is a fixture

from handouts.reading.workspace import Workspace
from handouts.studio.app import make_app
from handouts.studio.session import BuildSession

ROOT = Path(__file__).resolve().parent.parent
BASE = "http://127.0.0.1:8765"
SEQUENCES = ("low-back-release", "psoas-stretches", "desk-break")
WAIT = 120  # seconds a mail run may take on a busy machine (it makes every client's PDF first)


def _workspace(folder: Path) -> Path:
    (folder / "sequences").mkdir(parents=True)
    for slug in SEQUENCES:
        shutil.copy(ROOT / "sequences" / f"{slug}.yaml", folder / "sequences" / f"{slug}.yaml")
    for name in ("poses", "images"):
        shutil.copytree(ROOT / name, folder / name)
    shutil.copy(ROOT / "studio.yaml", folder / "studio.yaml")
    return folder


@pytest.fixture
def studio(tmp_path):
    root = _workspace(tmp_path / "ws")
    workspace = Workspace(root)
    app = make_app(BuildSession(workspace, helper="here"), workspace)
    with TestClient(app, base_url=BASE) as client:
        yield root, app, client


def _digest(page: str) -> str:
    found = re.search(r'name="digest" value="([0-9a-f]*)"', page)
    assert found, "the page's form carries the file's digest"
    return found.group(1)


def _post(app, client, address: str, form: dict):
    return client.post(address, data=form, headers={"x-csrf-token": app.state.csrf})


def _changed(before: str, after: str) -> list[str]:
    """The lines removed ('-') and added ('+'), in order."""
    return [
        line.rstrip("\n")
        for line in difflib.unified_diff(before.splitlines(True), after.splitlines(True), n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


# -- settings


def _settings_form(client) -> dict:
    """The settings form as the page fills it in from the example studio.yaml."""
    page = client.get("/settings").text
    return {
        "digest": _digest(page),
        "grayscale_shown": "1",
        "studio": "Riverside Back Care",
        "instructor": "Maya Lindqvist",
        "contact": "maya@riverside-backcare.example\nTuesdays and Thursdays, 18:00, Riverside Hall, Room 2",
        "website": "riverside-backcare.example",
        "logo": "riverside-logo.png",
        "accent": "#1f5f6b",
        "paper": "a4",
        "language": "en",
    }


def test_the_settings_page_shows_what_studio_yaml_says(studio):
    _, _, client = studio
    page = client.get("/settings")
    assert page.status_code == 200
    text = page.text
    assert 'id="studio" name="studio" type="text" value="Riverside Back Care"' in text
    assert 'id="accent" name="accent" type="color" value="#1f5f6b"' in text
    assert '<option value="a4" selected>' in text and '<option value="letter">' in text
    assert '<option value="en" selected>English</option>' in text
    assert '<img id="logo-preview" alt="the logo" src="/pictures/riverside-logo.png">' in text
    assert ">maya@riverside-backcare.example\nTuesdays and Thursdays, 18:00, Riverside Hall, Room 2</textarea>" in text
    logo = client.get("/pictures/riverside-logo.png")
    assert logo.status_code == 200
    assert logo.content == (ROOT / "images" / "riverside-logo.png").read_bytes()


def test_a_new_accent_colour_changes_that_one_line_and_keeps_the_comments(studio):
    root, app, client = studio
    before = (root / "studio.yaml").read_text(encoding="utf-8")
    form = _settings_form(client)
    answer = _post(app, client, "/settings", {**form, "accent": "#AA3300"})
    assert answer.status_code == 200 and answer.json()["ok"] is True
    after = (root / "studio.yaml").read_text(encoding="utf-8")
    assert _changed(before, after) == ["-accent: '#1f5f6b'", "+accent: '#aa3300'"]
    assert after.startswith("# yaml-language-server: $schema=schema/studio.schema.json\n# Workspace settings:")
    assert answer.json()["digest"] != form["digest"]


def test_paper_language_grey_and_an_emptied_setting(studio):
    root, app, client = studio
    before = (root / "studio.yaml").read_text(encoding="utf-8")
    form = {**_settings_form(client), "paper": "letter", "language": "de", "website": "", "grayscale": "on"}
    answer = _post(app, client, "/settings", form)
    assert answer.status_code == 200, answer.text
    after = (root / "studio.yaml").read_text(encoding="utf-8")
    expected = (
        before.replace("website: riverside-backcare.example\n", "")
        .replace("paper: a4\n", "language: de\npaper: letter\n")  # where the example would have it
        .replace("grayscale: false\n", "grayscale: true\n")
    )
    assert after == expected


def test_new_contact_lines(studio):
    root, app, client = studio
    before = (root / "studio.yaml").read_text(encoding="utf-8")
    form = _settings_form(client)
    form["contact"] = "maya@riverside-backcare.example\n\n  +46 70 123 45 67  \n"
    assert _post(app, client, "/settings", form).status_code == 200
    after = (root / "studio.yaml").read_text(encoding="utf-8")
    assert _changed(before, after) == [
        "-  - Tuesdays and Thursdays, 18:00, Riverside Hall, Room 2",
        "+  - +46 70 123 45 67",
    ]


def test_the_same_values_write_nothing(studio):
    root, app, client = studio
    before = (root / "studio.yaml").read_bytes()
    answer = _post(app, client, "/settings", _settings_form(client))
    assert answer.json() == {"ok": True, "digest": answer.json()["digest"], "unchanged": True}
    assert (root / "studio.yaml").read_bytes() == before


def test_a_logo_not_in_images_is_refused_with_its_located_problem_and_nothing_is_written(studio):
    root, app, client = studio
    before = (root / "studio.yaml").read_bytes()
    answer = _post(app, client, "/settings", {**_settings_form(client), "logo": "our-logo.png"})
    assert answer.status_code == 422
    html = answer.json()["problems"]
    assert '<span class="where">studio.yaml:9:7</span>' in html
    assert "logo: image &#39;our-logo.png&#39; not found in images/" in html
    assert '<pre class="line">logo: our-logo.png</pre>' in html  # the line as it would have been written
    assert "Nothing was saved" in html
    assert (root / "studio.yaml").read_bytes() == before


def test_a_control_character_in_a_name_is_refused(studio):
    root, app, client = studio
    before = (root / "studio.yaml").read_bytes()
    answer = _post(app, client, "/settings", {**_settings_form(client), "instructor": "Maya\x1b[31m"})
    assert answer.status_code == 422
    assert "the text contains an escape character (U+001B)" in answer.json()["problems"]
    assert (root / "studio.yaml").read_bytes() == before


def test_a_file_changed_on_disk_since_the_page_loaded_is_not_overwritten(studio):
    root, app, client = studio
    form = _settings_form(client)
    path = root / "studio.yaml"
    theirs = path.read_text(encoding="utf-8").replace("instructor: Maya Lindqvist", "instructor: Maya L.")
    path.write_text(theirs, encoding="utf-8")  # another editor saved meanwhile
    answer = _post(app, client, "/settings", {**form, "accent": "#aa3300"})
    assert answer.status_code == 409
    assert answer.json()["conflict"] is True
    assert answer.json()["message"].startswith("studio.yaml was changed on disk")
    assert _changed(theirs, path.read_text(encoding="utf-8")) == []
    both = answer.json()["both"].splitlines()
    assert both[:2] == ["--- studio.yaml as it is on disk now", "+++ studio.yaml with your change"]
    assert [line for line in both[2:] if line[:1] in "+-"] == [
        "-instructor: Maya L.",
        "+instructor: Maya Lindqvist",
        "-accent: '#1f5f6b'",
        "+accent: '#aa3300'",
    ]


def test_a_settings_save_without_the_token_is_refused(studio):
    root, _, client = studio
    before = (root / "studio.yaml").read_bytes()
    answer = client.post("/settings", data={**_settings_form(client), "accent": "#000000"})
    assert answer.status_code == 403
    assert (root / "studio.yaml").read_bytes() == before


def test_a_logo_sent_then_saved(studio):
    from PIL import Image

    root, app, client = studio
    picture = io.BytesIO()
    Image.new("RGB", (300, 120), (170, 51, 0)).save(picture, "PNG")
    sent = client.post(
        "/pictures",
        params={"name": "New Logo.png"},
        content=picture.getvalue(),
        headers={"x-csrf-token": app.state.csrf},
    )
    assert sent.json() == {"name": "new-logo.png", "href": "/pictures/new-logo.png"}
    before = (root / "studio.yaml").read_text(encoding="utf-8")
    answer = _post(app, client, "/settings", {**_settings_form(client), "logo": "new-logo.png"})
    assert answer.status_code == 200
    after = (root / "studio.yaml").read_text(encoding="utf-8")
    assert _changed(before, after) == ["-logo: riverside-logo.png", "+logo: new-logo.png"]
    assert 'src="/pictures/new-logo.png"' in client.get("/settings").text


def test_a_workspace_without_studio_yaml_gets_one(studio):
    root, app, client = studio
    (root / "studio.yaml").unlink()
    (root / "images" / "riverside-logo.png").unlink()
    page = client.get("/settings").text
    assert _digest(page) == ""
    answer = _post(
        app,
        client,
        "/settings",
        {"digest": "", "grayscale_shown": "1", "studio": "Hill Studio", "accent": "#1f5f6b", "paper": "a4"},
    )
    assert answer.status_code == 200, answer.text
    assert (root / "studio.yaml").read_text(encoding="utf-8") == (
        "# Workspace settings: who hands these booklets out, and how they look by default. Every key is optional.\n"
        "# Written by the handouts studio; you may edit it by hand too.\n"
        "studio: Hill Studio\n"
    )


# -- clients


def _client_form(page: str, **values) -> dict:
    return {"digest": _digest(page), "language": "", "notes": "", **values}


ANN = {
    "name": "Ann Example",
    "email": "ann@example.org",
    "handouts": ["low-back-release", "low-back-release cheatsheet"],
    "notes": "Keep a folded blanket under your head.\nStop if your back tingles.",
    "leave_out": ["supine-twist"],
}


def test_the_first_client_makes_the_roster(studio):
    root, app, client = studio
    page = client.get("/clients").text
    assert "You have no clients here yet" in page
    assert '<details class="add" id="add" open>' in page
    # every sequence in every format is offered, and each sequence's steps
    assert 'name="handouts" value="desk-break matcard" data-sequence="desk-break"' in page
    assert 'name="leave_out" value="supine-twist" aria-label="leave out 3 Supine twist"' in page
    answer = _post(app, client, "/clients/add", _client_form(page, **ANN))
    assert answer.status_code == 200, answer.text
    assert (root / "clients.yaml").read_text(encoding="utf-8") == (
        "# The client roster: each client's own handouts (their name on the cover, your notes for them, steps left"
        " out\n"
        "# or made easier), made by the studio or by `handouts build --clients clients.yaml`.\n"
        '# Steps are named as printed ("3", "5b") or by pose id ("supine-twist").\n'
        "clients:\n"
        "  - name: Ann Example\n"
        "    email: ann@example.org\n"
        "    handouts: [low-back-release, low-back-release cheatsheet]\n"
        "    notes:\n"
        "      - Keep a folded blanket under your head.\n"
        "      - Stop if your back tingles.\n"
        "    leave_out: [supine-twist]\n"
    )
    shown = client.get("/clients?saved=added").text
    assert '<p class="flash message done" role="status">The client was added.</p>' in shown
    assert '<tr class="client" data-client="ann-example">' in shown


def _roster(root: Path) -> str:
    shutil.copy(ROOT / "clients.yaml", root / "clients.yaml")
    return (root / "clients.yaml").read_text(encoding="utf-8")


def test_a_client_added_to_the_example_roster_adds_only_their_lines(studio):
    root, app, client = studio
    before = _roster(root)
    page = client.get("/clients").text
    form = _client_form(
        page, name="Bo Lind", email="bo@example.org", language="fr", handouts=["desk-break cheatsheet"], notes=""
    )
    assert _post(app, client, "/clients/add", form).status_code == 200
    after = (root / "clients.yaml").read_text(encoding="utf-8")
    assert after.startswith(before)
    assert after[len(before) :] == (
        "\n  - name: Bo Lind\n    email: bo@example.org\n    language: fr\n    handouts: [desk-break cheatsheet]\n"
    )


def test_changing_a_clients_language_changes_one_line_and_the_same_form_changes_nothing(studio):
    root, app, client = studio
    before = _roster(root)
    page = client.get("/clients").text
    ann = {
        "index": "0",
        "name": "Ann Example",
        "email": "ann@example.org",
        "handouts": ["low-back-release", "low-back-release cheatsheet"],
        "notes": "Skip the twist until your disc settles; we will add it back together.\n"
        "Keep a folded blanket under your head for every step on your back.",
        "leave_out": ["supine-twist"],
        "easier": ["reclined-figure-four"],
    }
    same = _post(app, client, "/clients/change", _client_form(page, **ann))
    assert same.status_code == 200, same.text
    assert (root / "clients.yaml").read_text(encoding="utf-8") == before
    changed = _post(app, client, "/clients/change", _client_form(page, **{**ann, "language": "es"}))
    assert changed.status_code == 200, changed.text
    after = (root / "clients.yaml").read_text(encoding="utf-8")
    assert _changed(before, after) == ["+    language: es"]


def test_removing_a_client_takes_out_their_lines(studio):
    root, app, client = studio
    before = _roster(root)
    page = client.get("/clients").text
    answer = _post(app, client, "/clients/remove", {"digest": _digest(page), "index": "2"})
    assert answer.status_code == 200, answer.text
    after = (root / "clients.yaml").read_text(encoding="utf-8")
    assert _changed(before, after) == [
        "-  - name: Lucía Romero",
        "-    email: lucia@example.org",
        "-    language: es",
        "-    handouts: [desk-break cheatsheet]",
        "-",
    ]


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"name": ""}, "the client needs a name"),
        ({"handouts": []}, "choose at least one handout for them"),
        ({"handouts": ["back-bends"]}, "unknown sequence &#39;back-bends&#39;"),
        ({"email": "ann at example"}, "clients.yaml:"),
    ],
)
def test_a_client_the_checker_refuses_is_not_written(studio, change, says):
    root, app, client = studio
    before = _roster(root)
    page = client.get("/clients").text
    answer = _post(
        app,
        client,
        "/clients/add",
        _client_form(page, **{**ANN, "name": "New One", "email": "new@example.org", **change}),
    )
    assert answer.status_code == 422
    assert says in answer.json()["problems"]
    assert (root / "clients.yaml").read_text(encoding="utf-8") == before


def test_a_roster_changed_on_disk_is_not_overwritten(studio):
    root, app, client = studio
    _roster(root)
    page = client.get("/clients").text
    theirs = (root / "clients.yaml").read_text(encoding="utf-8") + "\n# a note added by hand\n"
    (root / "clients.yaml").write_text(theirs, encoding="utf-8")
    answer = _post(app, client, "/clients/remove", {"digest": _digest(page), "index": "0"})
    assert answer.status_code == 409
    assert (root / "clients.yaml").read_text(encoding="utf-8") == theirs


def test_a_spreadsheet_roster_is_shown_but_not_changed(studio):
    root, app, client = studio
    (root / "clients.csv").write_text("name,email,handouts\nAnn Example,ann@example.org,desk-break\n", "utf-8")
    page = client.get("/clients").text
    assert "does not change it" in page and "Add a client" not in page
    answer = _post(app, client, "/clients/add", {"digest": "", **ANN})
    assert answer.status_code == 422
    assert "the studio changes only a clients.yaml" in answer.json()["problems"]
    assert (root / "clients.csv").read_text("utf-8") == "name,email,handouts\nAnn Example,ann@example.org,desk-break\n"


def test_make_pdfs_answers_the_links_to_the_clients_own_pdfs(studio):
    root, app, client = studio
    _roster(root)
    answer = client.post("/clients/ann-example/make", headers={"x-csrf-token": app.state.csrf})
    assert answer.status_code == 200, answer.text
    assert answer.json()["links"] == [
        {"href": "/clients/ann-example/low-back-release.pdf", "label": "Low Back Release — booklet"},
        {"href": "/clients/ann-example/low-back-release-cheatsheet.pdf", "label": "Low Back Release — cheat sheet"},
    ]
    assert answer.json()["message"] == "Ann Example's PDFs are ready."
    assert (root / "build" / "clients" / "ann-example" / "low-back-release.pdf").is_file()
    pdf = client.get("/clients/ann-example/low-back-release-cheatsheet.pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Ann Example" in text
    assert not (root / "build" / "clients" / "jonas-weber").exists()  # only hers


# -- e-mail


def _wait(app) -> dict:
    app.state.mailer.wait(WAIT)
    return app.state.mailer.state().as_json()


def test_drafts_are_written_where_the_page_says(studio):
    root, app, client = studio
    mail_workspace(root, 2)
    started = client.post("/clients/mail/drafts", headers={"x-csrf-token": app.state.csrf})
    assert started.status_code == 202
    state = _wait(app)
    assert state["stage"] == "done", state
    assert state["message"] == "Wrote 2 e-mail drafts into your outbox folder."
    assert state["detail"] == "Drafts: build/outbox/"
    assert sorted(p.name for p in (root / "build" / "outbox").iterdir()) == [
        "client01-example.eml",
        "client02-example.eml",
    ]
    assert not (root / "sent-mail.log").exists()
    assert "build/outbox" in client.get("/clients").text


class Gate(Inbox):
    """An inbox that takes a message only when the test opens the gate for it."""

    def __init__(self) -> None:
        super().__init__()
        self.open = threading.Semaphore(0)

    async def handle_DATA(self, server, session, envelope):
        while not self.open.acquire(blocking=False):
            await asyncio.sleep(0.01)
        return await super().handle_DATA(server, session, envelope)


def _until(app, condition, what: str) -> dict:
    deadline = time.monotonic() + WAIT
    while True:
        state = app.state.mailer.state().as_json()
        if condition(state):
            return state
        assert time.monotonic() < deadline, f"waited for {what}; the run is at {state}"
        time.sleep(0.02)


def test_send_shows_its_progress_and_keeps_the_same_send_log(studio, smtp, monkeypatch):  # noqa: F811
    root, app, client = studio
    inbox = Gate()
    mail_workspace(root, 3, smtp(inbox))
    monkeypatch.setenv("HANDOUTS_SMTP_PASSWORD", PASSWORD)
    assert "(it is set)" in client.get("/clients").text
    assert client.post("/clients/mail/send", headers={"x-csrf-token": app.state.csrf}).status_code == 202
    inbox.open.release()  # one message through
    state = _until(app, lambda s: s["sent"] == 1, "the first message")
    assert (state["stage"], state["sent"], state["to_send"]) == ("sending", 1, 3)
    progress = client.get("/clients/mail/progress").json()
    assert (progress["sent"], progress["to_send"], progress["running"]) == (1, 3, True)
    busy = client.post("/clients/mail/send", headers={"x-csrf-token": app.state.csrf})
    assert busy.status_code == 409  # one run at a time
    for _ in range(2):
        inbox.open.release()
    state = _wait(app)
    assert (state["stage"], state["sent"], state["to_send"], state["already"]) == ("done", 3, 3, 0)
    assert state["message"] == "Sent 3 messages."
    log = root / "sent-mail.log"
    entries = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert [(e["to"], e["client"]) for e in entries] == [
        ("client01@example.org", "Client01 Example"),
        ("client02@example.org", "Client02 Example"),
        ("client03@example.org", "Client03 Example"),
    ]
    messages = received(inbox)
    by_address = {rcpt[0]: message for rcpt, message in messages}
    assert sorted(by_address) == ["client01@example.org", "client02@example.org", "client03@example.org"]
    for entry in entries:
        message = by_address[entry["to"]]
        assert message["Message-ID"] == entry["message_id"]
        assert [part.get_filename() for part in message.iter_attachments()] == ["desk-break-cheatsheet.pdf"]
        (part,) = message.iter_attachments()
        sheet = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(part.get_payload(decode=True))).pages)
        assert entry["client"] in sheet
    # again: the log says all three went, so nothing is sent and the log stays as it was
    before = log.read_bytes()
    client.post("/clients/mail/send", headers={"x-csrf-token": app.state.csrf})
    state = _wait(app)
    assert (state["stage"], state["sent"], state["already"]) == ("done", 0, 3)
    assert state["message"] == "Sent 0 messages. 3 had been sent before and were not sent again."
    assert len(inbox.messages) == 3
    assert log.read_bytes() == before
    assert PASSWORD not in log.read_text(encoding="utf-8") + json.dumps(state)


def test_without_the_password_in_the_environment_nothing_is_sent(studio, smtp, monkeypatch):  # noqa: F811
    root, app, client = studio
    inbox = Inbox()
    mail_workspace(root, 2, smtp(inbox))
    monkeypatch.delenv("HANDOUTS_SMTP_PASSWORD", raising=False)
    page = client.get("/clients").text
    assert "<code>HANDOUTS_SMTP_PASSWORD</code>" in page and "it is not set" in page
    client.post("/clients/mail/send", headers={"x-csrf-token": app.state.csrf})
    state = _wait(app)
    assert state["stage"] == "failed"
    assert state["message"] == "Nothing was sent: 1 problem to fix first."
    (problem,) = state["problems"]
    assert f"the password for {USER} is not set" in problem and "HANDOUTS_SMTP_PASSWORD" in problem
    assert inbox.messages == []
    assert not (root / "sent-mail.log").exists()
    assert not (root / "build" / "outbox").exists()  # stopped before anything was made


def test_a_draft_is_the_message_that_is_sent(studio):
    """The drafts the page writes are `handouts mail`'s: one per client, to exactly that client."""
    root, app, client = studio
    mail_workspace(root, 1)
    client.post("/clients/mail/drafts", headers={"x-csrf-token": app.state.csrf})
    assert _wait(app)["stage"] == "done"
    draft = email.message_from_bytes(
        (root / "build" / "outbox" / "client01-example.eml").read_bytes(), policy=email.policy.default
    )
    assert draft["To"] == "Client01 Example <client01@example.org>"
    assert [p.get_filename() for p in draft.iter_attachments()] == ["desk-break-cheatsheet.pdf"]


def test_the_last_client_is_not_removed(studio):
    root, app, client = studio
    page = client.get("/clients").text
    assert _post(app, client, "/clients/add", _client_form(page, **ANN)).status_code == 200
    before = (root / "clients.yaml").read_bytes()
    page = client.get("/clients").text
    answer = _post(app, client, "/clients/remove", {"digest": _digest(page), "index": "0"})
    assert answer.status_code == 422
    assert "Ann Example is the only client: the list of clients needs at least one" in answer.json()["problems"]
    assert (root / "clients.yaml").read_bytes() == before


# -- the pages as a teacher who has never seen YAML found them


def test_a_clients_handouts_are_named_by_title_and_product(studio):
    root, _app, client = studio
    _roster(root)
    page = client.get("/clients").text
    # in the list of each client's handouts
    assert (
        '<a class="pdf" href="/clients/ann-example/low-back-release.pdf" data-sequence="low-back-release">'
        "Low Back Release — booklet</a>"
    ) in page
    assert (
        '<a class="pdf" href="/clients/lucia-romero/desk-break-cheatsheet.pdf" data-sequence="desk-break">'
        "Desk Break — cheat sheet</a>"
    ) in page
    # in the form's choices: each sequence by its title, each box named with the title and the product
    assert '<span class="field">Psoas Stretches</span>' in page
    assert 'value="desk-break matcard" data-sequence="desk-break" aria-label="Desk Break — mat card"' in page
    # her steps by number and name, not by pose id
    assert '<p class="leave-out">3 Supine twist</p>' in page
    assert "low-back-release, booklet" not in page and "desk-break, cheat sheet" not in page


def test_make_pdfs_says_they_are_ready_once_with_one_link_per_pdf(studio):
    root, app, client = studio
    _roster(root)
    page = client.get("/clients").text
    # one list of links per client, the one "Make PDFs" fills in again (never a second list)
    assert page.count('<ul class="pdfs"') == 4
    assert 'data-make="/clients/ann-example/make" data-links="pdfs-0"' in page
    assert page.count('href="/clients/ann-example/low-back-release.pdf"') == 1
    for _ in range(2):  # made, then asked again: the same one answer
        answer = client.post("/clients/ann-example/make", headers={"x-csrf-token": app.state.csrf})
        assert answer.status_code == 200, answer.text
        assert answer.json() == {
            "ok": True,
            "message": "Ann Example's PDFs are ready.",
            "links": [
                {"href": "/clients/ann-example/low-back-release.pdf", "label": "Low Back Release — booklet"},
                {
                    "href": "/clients/ann-example/low-back-release-cheatsheet.pdf",
                    "label": "Low Back Release — cheat sheet",
                },
            ],
        }


def test_pdfs_that_cannot_be_made_are_said_in_the_error_style(studio):
    root, app, client = studio
    _roster(root)
    sequence = root / "sequences" / "low-back-release.yaml"
    sequence.write_text(sequence.read_text("utf-8").replace("hold: 5 breaths", "hold: 5 breths", 1), "utf-8")
    answer = client.post("/clients/ann-example/make", headers={"x-csrf-token": app.state.csrf})
    assert answer.status_code == 409
    html = answer.json()["problems"]
    assert html.strip().startswith(
        '<p class="message error">Ann Example&#39;s PDFs could not be made: 1 problem to fix first.</p>'
    )
    assert '<li class="problem error">' in html
    assert "breths" in html


def test_a_refused_setting_is_said_in_the_error_style(studio):
    _root, app, client = studio
    answer = _post(app, client, "/settings", {**_settings_form(client), "logo": "our-logo.png"})
    assert answer.status_code == 422
    assert '<p class="message error">Nothing was saved: 1 problem to fix first.</p>' in answer.json()["problems"]
    assert "message done" not in answer.json()["problems"]


def test_what_the_pages_say_is_in_a_live_region_and_styled_by_kind(studio):
    root, _app, client = studio
    settings = client.get("/settings").text
    assert '<div class="answer" id="settings-answer" role="status" aria-live="polite"></div>' in settings
    assert '<p id="logo-said" class="said" role="status" aria-live="polite"></p>' in settings
    mail_workspace(root, 1)
    clients = client.get("/clients").text
    assert '<div class="made" id="made-0" role="status" aria-live="polite"></div>' in clients
    assert '<div id="mail-words" role="status" aria-live="polite"></div>' in clients
    assert '<div class="answer" role="status" aria-live="polite"></div>' in clients  # each client's form
    css = client.get("/static/settings.css").text
    # an error looks as the sequence editor's errors do; done is green
    assert ".message.error { background: var(--error-bg); border-color: var(--error); color: var(--error);" in css
    assert ".message.done { background: #e7f4ea; border-color: #1d6b3a; color: #14532d; }" in css
    script = client.get("/static/settings.js").text
    assert 'message(answer.message || "The PDFs are ready.", "done")' in script
    assert 'message(answer.error || "The PDFs could not be made.", "error")' in script


def test_send_is_off_with_its_reason_when_the_password_is_not_given(studio, monkeypatch):
    root, _app, client = studio
    mail_workspace(root, 2)
    monkeypatch.delenv("HANDOUTS_SMTP_PASSWORD", raising=False)
    page = client.get("/clients").text
    assert (
        '<button type="button" data-mail="send" data-cannot="1" disabled aria-describedby="why-not">Send</button>'
        in page
    )
    assert (
        "Sending cannot work yet: the mail password was not given when the studio was started. "
        "Use “Write e-mail drafts” instead"
    ) in " ".join(page.split())
    assert '<button type="button" data-mail="drafts">Write e-mail drafts</button>' in page
    monkeypatch.setenv("HANDOUTS_SMTP_PASSWORD", PASSWORD)
    page = client.get("/clients").text
    assert (
        '<button type="button" data-mail="send" data-confirm="Send every client their handouts now?">Send</button>'
    ) in page
    assert "disabled" not in page.split('id="mail"')[1] and "why-not" not in page


def test_send_is_off_when_there_is_no_mail_server(studio, monkeypatch):
    root, _app, client = studio
    mail_workspace(root, 1)
    studio_file = root / "studio.yaml"
    studio_file.write_text(studio_file.read_text("utf-8").replace("  host: 127.0.0.1\n", ""), "utf-8")
    monkeypatch.setenv("HANDOUTS_SMTP_PASSWORD", PASSWORD)
    page = " ".join(client.get("/clients").text.split())
    assert 'data-mail="send" data-cannot="1" disabled' in page
    assert "Sending is not set up: the studio does not know which mail server to send through." in page


def test_the_pages_speak_a_teachers_words(studio):
    root, _app, client = studio
    settings = client.get("/settings").text
    lead = settings.split('<p class="lead">')[1].split("</p>")[0]
    assert " ".join(lead.split()) == (
        "Who hands these sheets out and how they look. Changes are saved when you press <strong>Save settings</strong>."
        " A setting left empty goes back to its default."
    )
    assert "Changes are saved when you press Save settings." in settings
    assert "copied into your pictures folder" in settings
    # the colour only as a colour (the picker's value, the usual colour's button), never as words
    assert "#1f5f6b" not in settings.replace('value="#1f5f6b"', "").replace('data-colour="#1f5f6b"', "")
    # the file's name only for the person who sets the computer up
    details = settings.split('<details class="setup">')[1].split("</details>")[0]
    assert "<code>studio.yaml</code>" in details
    assert "studio.yaml" not in settings.replace(details, "")
    _roster(root)
    mail_workspace(root, 1)
    clients = client.get("/clients").text
    outside = re.sub(r'<details class="setup">.*?</details>', "", clients, flags=re.S)
    for technical in ("clients.yaml", "build/", "images/", "sent-mail.log", "HANDOUTS_SMTP_PASSWORD", "studio.yaml"):
        assert technical not in outside, technical
    assert "<code>HANDOUTS_SMTP_PASSWORD</code>" in clients  # still named, where it is set up


def test_languages_are_offered_in_the_order_of_their_names_the_studios_first(studio):
    root, _app, client = studio
    settings = client.get("/settings").text
    assert re.findall(r'<option value="(en|de|es|fr)"', settings.split('id="language"')[1].split("</select>")[0]) == [
        "en",
        "fr",
        "de",
        "es",
    ]
    studio_file = root / "studio.yaml"
    studio_file.write_text(studio_file.read_text("utf-8").replace("paper: a4\n", "paper: a4\nlanguage: es\n"), "utf-8")
    _roster(root)
    page = client.get("/clients").text
    chosen = page.split('id="new-language"')[1].split("</select>")[0]
    assert re.findall(r'<option value="(\w*)"', chosen) == ["", "es", "en", "fr", "de"]
    assert "the studio's (Spanish)" in chosen
