"""The studio's sequence editor through Starlette's TestClient: the panel, every kind of change (the file's text
after it, written out here), refusals (a wrong hold: 422 with the located message, the file's bytes unchanged),
conflicts (the file changed on disk first: 409, unchanged), undo, the hold checked as it is typed, a new sequence,
and requests the page would never send; the words a teacher reads (the empty list, the side menu, a move named,
the status in green or plain) and the thumbnails' size."""

from __future__ import annotations

import hashlib
import html
import io
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from handouts.reading.workspace import Workspace
from handouts.studio.app import make_app
from handouts.studio.session import BuildSession

ROOT = Path(__file__).resolve().parent.parent
BASE = "http://127.0.0.1:8765"
SLUG = "low-back-release"
ORIGINAL = (ROOT / "sequences" / f"{SLUG}.yaml").read_bytes()
EDIT = f"/sequences/{SLUG}/edit"

# the supine twist (step 3): its hold and the line after it, as the example file has them
TWIST = "  - pose: supine-twist\n    side: both\n    hold: 5 breaths\n    cues:\n"


@pytest.fixture(scope="module")
def running(tmp_path_factory) -> Iterator[tuple[Path, object, TestClient]]:
    root = tmp_path_factory.mktemp("editor") / "ws"
    (root / "sequences").mkdir(parents=True)
    for name in ("poses", "images"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "studio.yaml", root / "studio.yaml")
    workspace = Workspace(root)
    session = BuildSession(workspace, helper="here")
    app = make_app(session, workspace)
    with TestClient(app, base_url=BASE) as client:
        yield root, app, client


@pytest.fixture
def studio(running) -> Iterator[tuple[Path, TestClient, dict[str, str]]]:
    """The low-back example as it is in the repository, no undo history, and the headers of the page's requests."""
    root, app, client = running
    for extra in (root / "sequences").iterdir():
        extra.unlink()
    (root / "sequences" / f"{SLUG}.yaml").write_bytes(ORIGINAL)
    if hasattr(app.state, "editing"):
        del app.state.editing
    yield root, client, {"X-CSRF-Token": app.state.csrf}


def sequence(root: Path) -> Path:
    return root / "sequences" / f"{SLUG}.yaml"


def digest_in(page: str) -> str:
    found = re.search(r'id="editor"[^>]*data-digest="([0-9a-f]*)"', page)
    assert found, "the panel carries no digest"
    return found.group(1)


def status_in(page: str) -> str:
    found = re.search(r'id="editor-status"[^>]*>([^<]*)<', page)
    return html.unescape(found.group(1)) if found else ""


def panel(client: TestClient) -> str:
    answer = client.get(f"/sequences/{SLUG}/editor")
    assert answer.status_code == 200
    return answer.text


def change(client: TestClient, headers: dict[str, str], **fields: str):
    fields.setdefault("digest", digest_in(panel(client)))
    return client.post(EDIT, data=fields, headers=headers)


def test_the_panel_lists_the_steps_as_printed_with_the_files_digest(studio) -> None:
    _, client, _ = studio
    page = panel(client)
    assert digest_in(page) == hashlib.sha256(ORIGINAL).hexdigest()
    labels = [html.unescape(x) for x in re.findall(r'<li class="entry [a-z]+"[^>]*data-label="([^"]+)"', page)]
    assert labels == ["1", "2", "3", "4", "5", "5a", "5b", "5c", "5a again", "6", "7", "8"]
    titles = [html.unescape(t) for t in re.findall(r'<span class="title">([^<]*)</span>', page)]
    assert titles[:5] == ["Gluteal massage", "Sacral massage", "Supine twist", "Knee drops", "Strap series"]
    # a figure thumbnail from the library page's figures, keyboard moves named after their step
    assert '<img class="thumb" src="/library/figures/supine-twist.svg"' in page
    assert 'aria-label="Move up: step 3, Supine twist"' in page
    assert re.search(r'id="up-0"[^>]*disabled', page), "the first step cannot move up"
    # the pose picker: every library pose, with its folded names for the search
    assert 'data-pose="cobra"' in page and "bhujangasana" in page


def test_a_changed_hold_is_saved_as_that_one_line(studio) -> None:
    root, client, headers = studio
    answer = change(client, headers, action="step", path="2", hold="7 breaths", name="", side="both")
    assert answer.status_code == 200
    expected = ORIGINAL.decode().replace(TWIST, TWIST.replace("hold: 5 breaths", "hold: 7 breaths"))
    assert sequence(root).read_text(encoding="utf-8") == expected
    assert digest_in(answer.text) == hashlib.sha256(expected.encode()).hexdigest()
    assert status_in(answer.text) == "Saved: step 3: hold changed."


def test_a_wrong_hold_is_refused_with_its_located_message_and_nothing_written(studio) -> None:
    root, client, headers = studio
    answer = change(client, headers, action="step", path="2", hold="5 breths")
    assert answer.status_code == 422
    page = html.unescape(answer.text)
    assert "Not saved" in page
    assert "sequences/low-back-release.yaml:32:11" in page
    assert "hold: unknown unit 'breths' in the hold" in page
    assert "did you mean 'breaths'?" in page
    assert '<pre class="line">    hold: 5 breths</pre>' in page  # the refused line, as it would have been
    assert sequence(root).read_bytes() == ORIGINAL
    assert digest_in(answer.text) == hashlib.sha256(ORIGINAL).hexdigest()


def test_the_hold_is_checked_as_it_is_typed_with_the_checkers_words(studio) -> None:
    _, client, headers = studio
    wrong = client.post(f"/sequences/{SLUG}/hold", data={"hold": "5 breths"}, headers=headers)
    assert wrong.json() == {
        "ok": False,
        "message": "hold: unknown unit 'breths' in the hold",
        "hint": "did you mean 'breaths'?",
    }
    right = client.post(f"/sequences/{SLUG}/hold", data={"hold": "30 s - 2 min"}, headers=headers)
    assert right.json() == {"ok": True, "message": "", "hint": ""}
    backwards = client.post(f"/sequences/{SLUG}/hold", data={"hold": "9-5 breaths"}, headers=headers)
    assert backwards.json()["message"] == "hold: the range 9-5 breaths runs backwards"


def test_a_file_changed_on_disk_is_a_conflict_and_stays_as_it_is(studio) -> None:
    root, client, headers = studio
    page_digest = digest_in(panel(client))
    theirs = ORIGINAL.decode().replace("title: Low Back Release", "title: Low Back Release (edited elsewhere)")
    sequence(root).write_text(theirs, encoding="utf-8")
    answer = client.post(
        EDIT, data={"action": "step", "path": "2", "hold": "7 breaths", "digest": page_digest}, headers=headers
    )
    assert answer.status_code == 409
    assert sequence(root).read_text(encoding="utf-8") == theirs
    page = html.unescape(answer.text)
    assert "Not saved: the file changed on disk" in page
    assert 'id="reload"' in page and "Reload from disk" in page
    assert "Show both versions" in page
    # both versions side by side: theirs on the left, the page's version with the change on the right
    assert "Low Back Release (edited elsewhere)" in page
    assert '<li class="disk"><span class="mark disk">on disk</span><code>    hold: 5 breaths</code></li>' in answer.text
    assert '<li class="yours"><span class="mark yours">yours</span><code>    hold: 7 breaths</code></li>' in answer.text
    # reloading gives the file as it is now
    reloaded = client.post(EDIT, data={"action": "reload", "digest": page_digest}, headers=headers)
    assert digest_in(reloaded.text) == hashlib.sha256(theirs.encode()).hexdigest()
    assert status_in(reloaded.text) == "Reloaded from disk."


def test_undo_saves_the_text_before_the_last_change(studio) -> None:
    root, client, headers = studio
    change(client, headers, action="step", path="2", hold="7 breaths")
    change(client, headers, action="add", pose="cobra")
    assert (
        sequence(root)
        .read_text(encoding="utf-8")
        .endswith(
            "      - Keep the lift tiny, 5 cm (two inches) at the most.\n\n  - pose: cobra\n    hold: 5 breaths\n"
        )
    )
    first = change(client, headers, action="undo")
    assert first.status_code == 200
    assert status_in(first.text) == "Undone: Cobra added."
    assert sequence(root).read_text(encoding="utf-8") == ORIGINAL.decode().replace(
        TWIST, TWIST.replace("hold: 5 breaths", "hold: 7 breaths")
    )
    change(client, headers, action="undo")
    assert sequence(root).read_bytes() == ORIGINAL
    nothing = change(client, headers, action="undo")
    assert status_in(nothing.text) == "Nothing to undo: no change was saved from this page."
    assert sequence(root).read_bytes() == ORIGINAL


def test_undo_after_a_change_on_disk_is_a_conflict(studio) -> None:
    root, client, headers = studio
    saved = change(client, headers, action="step", path="2", hold="7 breaths")
    theirs = sequence(root).read_text(encoding="utf-8") + "# a comment added by hand\n"
    sequence(root).write_text(theirs, encoding="utf-8")
    answer = client.post(EDIT, data={"action": "undo", "digest": digest_in(saved.text)}, headers=headers)
    assert answer.status_code == 409
    assert sequence(root).read_text(encoding="utf-8") == theirs


def test_steps_are_added_moved_grouped_repeated_and_ungrouped(studio) -> None:
    root, client, headers = studio
    start = "steps:\n  - pose: knees-to-chest-circles\n    name: Gluteal massage\n    hold: 5 circles each way\n\n"
    start += "  - pose: sacral-circles\n    name: Sacral massage\n    hold: 5 circles each way\n\n"
    assert start in ORIGINAL.decode()

    moved = change(client, headers, action="move", path="1", to="0")
    assert moved.status_code == 200
    text = sequence(root).read_text(encoding="utf-8")
    assert (
        "steps:\n  - pose: sacral-circles\n    name: Sacral massage\n    hold: 5 circles each way\n\n"
        "  - pose: knees-to-chest-circles\n    name: Gluteal massage\n    hold: 5 circles each way\n\n"
        "  - pose: supine-twist\n"
    ) in text

    grouped = change(client, headers, action="group", first="0", count="2", title="Massage")
    assert grouped.status_code == 200
    assert (
        "steps:\n  - series: Massage\n    steps:\n"
        "      - pose: sacral-circles\n        name: Sacral massage\n        hold: 5 circles each way\n"
        "      - pose: knees-to-chest-circles\n        name: Gluteal massage\n        hold: 5 circles each way\n\n"
        "  - pose: supine-twist\n"
    ) in sequence(root).read_text(encoding="utf-8")

    repeated = change(client, headers, action="repeat", path="0", target="1", hold="3 circles each way")
    assert repeated.status_code == 200
    assert (
        "        hold: 5 circles each way\n      - repeat: 1\n        hold: 3 circles each way\n\n  - pose: supine-twist\n"
    ) in sequence(root).read_text(encoding="utf-8")
    labels = re.findall(r'data-label="([^"]+)"', repeated.text)
    assert labels[:4] == ["1", "1a", "1b", "1a again"]

    # the repeat removed, the series taken apart and the first move taken back: the file as it was
    change(client, headers, action="remove", path="0.2")
    change(client, headers, action="ungroup", path="0")
    change(client, headers, action="move", path="0", to="1")
    assert sequence(root).read_bytes() == ORIGINAL


def test_your_own_pose_and_the_sequences_fields(studio) -> None:
    root, client, headers = studio
    own = change(client, headers, action="own", name="Wall rest", hold="1 min", cues="Lie down.\n\nRest.  ")
    assert own.status_code == 200
    assert (
        sequence(root)
        .read_text(encoding="utf-8")
        .endswith("\n\n  - name: Wall rest\n    hold: 1 min\n    cues:\n      - Lie down.\n      - Rest.\n")
    )
    fields = {
        "title": "Low Back Release",
        "subtitle": "A gentle floor sequence for the hips, hamstrings and low back",
        "level": "all levels",
        "duration": "30 min",
        "sides": "left first",
        "props": "strap, block or folded towel",
    }
    answer = change(client, headers, action="fields", **fields)
    assert status_in(answer.text) == "Saved: level, sides changed."
    text = sequence(root).read_text(encoding="utf-8")
    assert "\nlevel: all levels\nduration: 30 min\nposition: All poses lying on your back\nsides: left first\n" in text


def test_a_cleared_caution_and_a_new_one(studio) -> None:
    root, client, headers = studio
    answer = change(
        client,
        headers,
        action="step",
        path="3",
        cautions="Should the low back start to ache, hold the knees nearer the chest.\nBreathe out as the knees go down.",
    )
    assert answer.status_code == 200
    assert (
        "    cautions:\n      - Should the low back start to ache, hold the knees nearer the chest.\n"
        "      - Breathe out as the knees go down.\n\n  - series: Strap series\n"
    ) in sequence(root).read_text(encoding="utf-8")


def test_a_new_sequence_is_written_and_opened(studio, running) -> None:
    root, client, headers = studio
    fields = {"title": "Evening Unwind", "level": "gentle", "duration": "20 min", "sides": "left first"}
    answer = client.post(
        "/sequences/new", data={**fields, "props": "strap, bolster", "first": "Bhujaṅgāsana"}, headers=headers
    )
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"ok": True, "slug": "evening-unwind", "address": "/sequences/evening-unwind"}
    text = (root / "sequences" / "evening-unwind.yaml").read_text(encoding="utf-8")
    assert text == (
        "# yaml-language-server: $schema=../schema/sequence.schema.json\n"
        "# A starter sequence written by `handouts new`. Change anything; `handouts check` tells you what it thinks.\n"
        "# Lines starting with # are comments. Indent with spaces, never tabs.\n"
        "title: Evening Unwind\n"
        "level: gentle\n"
        "duration: 20 min\n"
        "sides: left first\n"
        "props: [strap, bolster]\n"
        "steps:\n"
        "  - pose: cobra\n"
        "    hold: 5 breaths\n"
    )
    # built at once: its page is there
    page = client.get("/sequences/evening-unwind")
    assert page.status_code == 200
    assert "Evening Unwind" in page.text


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"title": "  ", "first": "cobra"}, "title", "Give the sequence a title."),
        (
            {"title": "Low back release", "first": "cobra"},
            "title",
            "There is already a sequence named low-back-release",
        ),
        ({"title": "Calm", "first": "banana pose"}, "first", "No pose of the library is called 'banana pose'"),
        ({"title": "Calm", "first": "twist"}, "first", "poses have that in their names"),
        (
            {"title": "Calm", "first": "cobra", "duration": "half an hour"},
            "duration",
            "cannot read the duration 'half an hour'",
        ),
    ],
)
def test_a_new_sequences_mistakes_are_said_beside_their_fields(studio, fields, field, words) -> None:
    root, client, headers = studio
    answer = client.post("/sequences/new", data=fields, headers=headers)
    assert answer.status_code == 422
    said = answer.json()
    assert said["ok"] is False
    assert words in said["fields"][field]
    assert sorted(p.name for p in (root / "sequences").iterdir()) == [f"{SLUG}.yaml"]


@pytest.mark.parametrize(
    ("fields", "status"),
    [
        ({"action": "explode"}, 400),
        ({"action": "step", "path": "../../etc", "hold": "5 breaths"}, 400),
        ({"action": "step", "path": "2", "hold": "5 breaths", "digest": "not-a-digest"}, 400),
        ({"action": "step", "path": "2", "side": "upside down"}, 400),
        ({"action": "step", "path": "40", "hold": "5 breaths"}, 400),
        ({"action": "add", "pose": "no-such-pose"}, 400),
        ({"action": "fields", "level": "x" * 50_000}, 400),
    ],
)
def test_requests_the_page_never_sends_are_refused_and_change_nothing(studio, fields, status) -> None:
    root, client, headers = studio
    answer = change(client, headers, **fields)
    assert answer.status_code == status
    assert "Traceback" not in answer.text
    assert sequence(root).read_bytes() == ORIGINAL


def test_no_token_no_file_and_no_other_names(studio) -> None:
    root, client, headers = studio
    digest = hashlib.sha256(ORIGINAL).hexdigest()
    data = {"action": "step", "path": "2", "hold": "9 breaths", "digest": digest}
    assert client.post(EDIT, data=data).status_code == 403  # no CSRF token
    assert client.post(EDIT, data=data, headers={"X-CSRF-Token": "guess"}).status_code == 403
    upload = client.post(EDIT, data=data, files={"hold": ("x.txt", b"5 breaths")}, headers=headers)
    assert upload.status_code == 400
    assert client.post("/sequences/studio/edit", data=data, headers=headers).status_code == 404
    assert client.post("/sequences/..%2fstudio/edit", data=data, headers=headers).status_code == 404
    assert sequence(root).read_bytes() == ORIGINAL


def test_taking_a_series_apart_keeps_the_practice(studio) -> None:
    root, client, headers = studio
    answer = change(client, headers, action="ungroup", path="4")
    assert answer.status_code == 200
    text = sequence(root).read_text(encoding="utf-8")
    # the repeat of 5a becomes a copy of the hamstring stretch with the repeat's hold, after the IT band stretch
    assert "  - series: Strap series\n" not in text
    assert re.findall(r"  - pose: (supta-padangusthasana[a-z-]*)\n", text) == [
        "supta-padangusthasana",
        "supta-padangusthasana-open",
        "supta-padangusthasana-across",
        "supta-padangusthasana",
    ]
    labels = re.findall(r'data-label="([^"]+)"', answer.text)
    assert labels == ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"]


def test_a_move_in_a_translated_sequence_renumbers_its_translation_and_is_not_undone_alone(studio) -> None:
    root, client, headers = studio
    german = root / "sequences" / f"{SLUG}.de.yaml"
    shutil.copy(ROOT / "sequences" / f"{SLUG}.de.yaml", german)
    before = german.read_text(encoding="utf-8")
    assert "\n  3:\n" in before
    answer = change(client, headers, action="move", path="2", to="0")
    assert answer.status_code == 200, html.unescape(answer.text)
    assert status_in(answer.text) == (
        "Saved: Supine twist moved to 1, and its translations' step numbers with it (this cannot be undone here)."
    )
    after = german.read_text(encoding="utf-8")
    assert after != before
    # the supine twist's cues now go with step 1, the massages' names with steps 2 and 3
    assert "\n  1:\n    cues:\n      - Heb mit gebeugten Knien" in after
    assert "\n  2:\n    name: Gesäßmassage\n" in after
    assert "\n  3:\n    name: Kreuzbeinmassage\n" in after
    assert 'id="undo"' not in answer.text
    nothing = change(client, headers, action="undo")
    assert status_in(nothing.text) == "Nothing to undo: no change was saved from this page."
    assert german.read_text(encoding="utf-8") == after


def test_a_steps_photo_is_copied_into_images_and_named_in_the_step(studio) -> None:
    root, client, headers = studio
    from PIL import Image

    picture = io.BytesIO()
    Image.new("RGB", (120, 90), (200, 120, 40)).save(picture, format="PNG")
    sent = client.post(
        "/pictures?name=" + "My Twist (1).PNG",
        content=picture.getvalue(),
        headers={**headers, "content-type": "application/octet-stream"},
    )
    assert sent.json()["name"] == "my-twist-1.png"
    answer = change(client, headers, action="step", path="2", image="my-twist-1.png")
    assert answer.status_code == 200, html.unescape(answer.text)
    assert sequence(root).read_text(encoding="utf-8") == ORIGINAL.decode().replace(
        TWIST, TWIST.replace("    hold: 5 breaths\n", "    hold: 5 breaths\n    image: my-twist-1.png\n")
    )
    assert '<img class="thumb" src="/pictures/my-twist-1.png"' in answer.text
    # a name with no picture behind it is refused by the check, located, and nothing is written
    missing = change(client, headers, action="step", path="2", image="no-such-photo.jpg")
    assert missing.status_code == 422
    assert "no-such-photo.jpg" in html.unescape(missing.text)


def test_a_file_that_cannot_be_opened_says_where_and_opens_again_once_fixed(studio) -> None:
    root, client, headers = studio
    broken = ORIGINAL.decode().replace("    hold: 5 breaths\n    cues:\n", "      hold: 5 breaths\n    cues:\n", 1)
    sequence(root).write_text(broken, encoding="utf-8")
    page = html.unescape(panel(client))
    assert "This file cannot be opened for editing" in page
    assert re.search(r"sequences/low-back-release\.yaml:32:\d+", page)
    assert 'id="reopen"' in page
    sequence(root).write_bytes(ORIGINAL)  # fixed in a text editor
    reopened = client.post(EDIT, data={"action": "reload"}, headers=headers)
    assert reopened.status_code == 200
    assert digest_in(reopened.text) == hashlib.sha256(ORIGINAL).hexdigest()


def test_a_side_written_in_other_words_is_kept_when_something_else_changes(studio) -> None:
    root, client, headers = studio
    own_words = ORIGINAL.decode().replace(TWIST, TWIST.replace("side: both", "side: each side"))
    sequence(root).write_text(own_words, encoding="utf-8")
    page = panel(client)
    assert '<option value="each side" selected>each side</option>' in page
    answer = change(client, headers, action="step", path="2", side="each side", hold="6 breaths")
    assert answer.status_code == 200
    assert sequence(root).read_text(encoding="utf-8") == own_words.replace(
        "side: each side\n    hold: 5 breaths\n", "side: each side\n    hold: 6 breaths\n"
    )


# the knee drops (step 4) as the example writes them: a hold in the long form, with its breath
KNEE_DROPS = "    hold:\n      cycles: 10\n      breath: exhale lowers, inhale returns\n    cues:\n"


def test_a_hold_in_the_long_form_shows_its_amount_and_breath_in_two_boxes(studio) -> None:
    _, client, _ = studio
    page = panel(client)
    assert 'id="f-3-hold" name="hold" class="hold" value="10 cycles"' in page
    assert 'id="f-3-breath" name="breath" value="exhale lowers, inhale returns"' in page
    assert 'id="f-2-breath" name="breath" value=""' in page  # the twist: a short hold, no breath


def test_a_breath_changed_keeps_the_long_form_and_changes_that_line(studio) -> None:
    root, client, headers = studio
    answer = change(client, headers, action="step", path="3", hold="10 cycles", breath="out down, in up")
    assert status_in(answer.text) == "Saved: step 4: hold changed."
    assert sequence(root).read_text(encoding="utf-8") == ORIGINAL.decode().replace(
        KNEE_DROPS, KNEE_DROPS.replace("exhale lowers, inhale returns", "out down, in up")
    )


def test_a_breath_emptied_writes_the_short_form_and_a_breath_added_the_long_one(studio) -> None:
    root, client, headers = studio
    answer = change(client, headers, action="step", path="3", hold="12 cycles", breath="")
    assert answer.status_code == 200
    short = ORIGINAL.decode().replace(KNEE_DROPS, "    hold: 12 cycles\n    cues:\n")
    assert sequence(root).read_text(encoding="utf-8") == short
    # the twist (step 3) gets a breath: its hold goes into the long form, in block style
    answer = change(client, headers, action="step", path="2", hold="5 breaths", breath="breathe into the back ribs")
    assert status_in(answer.text) == "Saved: step 3: hold changed."
    assert sequence(root).read_text(encoding="utf-8") == short.replace(
        TWIST, TWIST.replace("hold: 5 breaths", "hold:\n      breaths: 5\n      breath: breathe into the back ribs")
    )


def test_a_breath_without_a_hold_is_refused_and_nothing_written(studio) -> None:
    root, client, headers = studio
    answer = change(client, headers, action="step", path="2", hold="", breath="slowly")
    assert answer.status_code == 422
    assert "step 3: a breath needs a hold" in html.unescape(answer.text)
    assert sequence(root).read_bytes() == ORIGINAL


def test_a_step_form_sent_unchanged_changes_nothing_in_the_long_hold(studio) -> None:
    root, client, headers = studio
    answer = change(client, headers, action="step", path="3", hold="10 cycles", breath="exhale lowers, inhale returns")
    assert status_in(answer.text) == "Saved: step 4: nothing changed."
    assert sequence(root).read_bytes() == ORIGINAL


def test_paragraphs_of_a_note_are_kept_apart_by_a_blank_line(studio) -> None:
    root, client, headers = studio
    note = "Builds strength in the deep abdominal muscles.\r\n\r\nThe sacrum gets a gentle   massage.\nSlowly."
    answer = change(client, headers, action="step", path="3", note=note)
    assert status_in(answer.text) == "Saved: step 4: note changed."
    assert sequence(root).read_text(encoding="utf-8") == ORIGINAL.decode().replace(
        "    note: Builds strength in the deep abdominal muscles while the sacrum gets a gentle massage.\n",
        "    note: |\n      Builds strength in the deep abdominal muscles.\n\n"
        "      The sacrum gets a gentle massage. Slowly.\n",
    )
    # the box shows the two paragraphs; sent back as shown, nothing changes
    page = panel(client)
    assert (
        "Builds strength in the deep abdominal muscles.\n\nThe sacrum gets a gentle massage. Slowly.</textarea>" in page
    )
    again = change(
        client,
        headers,
        action="step",
        path="3",
        note="Builds strength in the deep abdominal muscles.\n\nThe sacrum gets a gentle massage. Slowly.",
    )
    assert status_in(again.text) == "Saved: step 4: nothing changed."


def test_after_a_conflict_the_typed_change_stays_in_its_form_and_applies_in_one_click(studio) -> None:
    root, client, headers = studio
    page_digest = digest_in(panel(client))
    theirs = ORIGINAL.decode().replace("title: Low Back Release", "title: Low Back Release (edited elsewhere)")
    sequence(root).write_text(theirs, encoding="utf-8")
    typed = {"action": "step", "path": "2", "name": "", "side": "both", "hold": "7 breaths", "breath": "slowly"}
    answer = client.post(EDIT, data={**typed, "digest": page_digest}, headers=headers)
    assert answer.status_code == 409
    assert sequence(root).read_text(encoding="utf-8") == theirs
    page = answer.text
    assert digest_in(page) == hashlib.sha256(theirs.encode()).hexdigest()  # the panel shows the file as it is now
    assert (
        '<button type="button" id="apply-mine" data-form="change-2">Apply my change to the new version</button>' in page
    )
    assert '<details class="change" id="change-2" open>' in page
    assert 'id="f-2-hold" name="hold" class="hold" value="7 breaths"' in page  # what was typed, not the 5 on disk
    assert 'id="f-2-breath" name="breath" value="slowly"' in page
    # the one click: the same form sent again, with the new version's digest
    applied = client.post(EDIT, data={**typed, "digest": digest_in(page)}, headers=headers)
    assert status_in(applied.text) == "Saved: step 3: hold changed."
    assert sequence(root).read_text(encoding="utf-8") == theirs.replace(
        TWIST, TWIST.replace("hold: 5 breaths", "hold:\n      breaths: 7\n      breath: slowly")
    )


def test_after_a_conflict_a_step_no_longer_at_its_place_offers_only_the_reload(studio) -> None:
    root, client, headers = studio
    page_digest = digest_in(panel(client))
    theirs = ORIGINAL.decode().replace(TWIST, "  - pose: cobra\n    hold: 5 breaths\n\n" + TWIST)
    sequence(root).write_text(theirs, encoding="utf-8")
    answer = client.post(
        EDIT, data={"action": "step", "path": "2", "hold": "7 breaths", "digest": page_digest}, headers=headers
    )
    assert answer.status_code == 409
    assert "apply-mine" not in answer.text
    assert "The step you changed is no longer at its place in the new version." in answer.text
    assert 'id="f-2-hold" name="hold" class="hold" value="5 breaths"' in answer.text  # the cobra, as on disk


def test_after_a_conflict_the_sequences_own_fields_stay_as_typed(studio) -> None:
    root, client, headers = studio
    page_digest = digest_in(panel(client))
    theirs = ORIGINAL.decode().replace("level: ", "level: all levels, was ")
    sequence(root).write_text(theirs, encoding="utf-8")
    answer = client.post(
        EDIT, data={"action": "fields", "title": "Back Release", "digest": page_digest}, headers=headers
    )
    assert answer.status_code == 409
    assert 'data-form="sequence-fields"' in answer.text
    assert 'id="s-title" name="title" value="Back Release"' in answer.text
    assert '<details class="sequence-fields" id="sequence-fields" open>' in answer.text


def test_the_first_pose_picker_has_each_pose_with_its_figure(studio) -> None:
    _, client, _ = studio
    poses = {pose["id"]: pose for pose in client.get("/editor/poses.json").json()}
    assert poses["cobra"]["name"] == "Cobra"
    assert poses["cobra"]["figure"] == "/library/figures/cobra.svg"
    assert "bhujangasana" in poses["cobra"]["names"]  # folded, as the picker searches
    assert client.get(poses["cobra"]["figure"]).status_code == 200
    page = client.get("/").text
    assert "A sequence needs one step before it can be checked and printed" in page
    assert '<ul class="poses-picked" id="new-first-picks"></ul>' in page


def test_a_first_pose_chosen_by_its_figure_is_that_pose(studio) -> None:
    root, client, headers = studio
    fields = {"title": "Morning", "level": "gentle", "duration": "10 min", "sides": "right first"}
    answer = client.post("/sequences/new", data={**fields, "first": "Cobra", "first_id": "cobra"}, headers=headers)
    assert answer.status_code == 200, answer.text
    assert (
        (root / "sequences" / "morning.yaml")
        .read_text(encoding="utf-8")
        .endswith("steps:\n  - pose: cobra\n    hold: 5 breaths\n")
    )
    # an id that does not go with the name typed is not taken: the name is
    answer = client.post(
        "/sequences/new",
        data={**fields, "title": "Evening", "first": "Child's pose", "first_id": "cobra"},
        headers=headers,
    )
    assert answer.status_code == 200, answer.text
    assert "  - pose: child-pose\n" in (root / "sequences" / "evening.yaml").read_text(encoding="utf-8")


def test_a_hold_the_file_wrote_on_one_line_stays_on_one_line(studio) -> None:
    root, client, headers = studio
    one_line = ORIGINAL.decode().replace(KNEE_DROPS, "    hold: {cycles: 10, breath: exhale lowers}\n    cues:\n")
    sequence(root).write_text(one_line, encoding="utf-8")
    answer = change(client, headers, action="step", path="3", hold="10 cycles", breath="exhale down")
    assert status_in(answer.text) == "Saved: step 4: hold changed."
    assert sequence(root).read_text(encoding="utf-8") == one_line.replace("exhale lowers}", "exhale down}")


# -- what a teacher who never saw YAML read on these pages (issue 20's trial)


def test_the_empty_sequences_page_points_to_the_form_in_plain_words(tmp_path) -> None:
    root = tmp_path / "ws"
    (root / "sequences").mkdir(parents=True)
    shutil.copy(ROOT / "studio.yaml", root / "studio.yaml")
    workspace = Workspace(root)
    with TestClient(make_app(BuildSession(workspace, helper="here"), workspace), base_url=BASE) as client:
        page = client.get("/").text
    empty = re.search(r'<p class="empty">(.*?)</p>', page, re.S)
    assert empty, "the empty list says nothing"
    said = " ".join(empty.group(1).split())
    assert said == (
        'There are no sequences here yet. Start your first one with the <a href="#new-sequence">New sequence</a> '
        "form below: give it a title and the pose it starts with."
    )
    # the command only in a small line of its own, for people who use the command line
    assert '<p class="aside-note">For people who use the command line: <code>handouts new my-sequence</code>' in page
    # the busy words of "Create the sequence" go into a plain status line, not the red error line
    assert '<p class="busy" id="new-busy" role="status" aria-live="polite"></p>' in page


def test_the_panel_says_every_change_is_saved_at_once_the_file_only_in_a_title(studio) -> None:
    _, client, _ = studio
    page = panel(client)
    assert (
        f'<p class="help" id="saved-where" title="The file: sequences/{SLUG}.yaml">Every change is saved at once;\n'
        "the pages on the right follow a moment later.</p>"
    ) in page
    assert f'<p class="help file-name">The file: <code>sequences/{SLUG}.yaml</code></p>' in page
    assert "Every change is saved to" not in page


def test_the_side_menu_says_each_choice_in_words_and_what_the_library_does(studio) -> None:
    _, client, _ = studio
    page = panel(client)
    menu = re.search(r'<select id="f-2-side" name="side">(.*?)</select>', page, re.S)  # step 3: the supine twist
    assert menu
    options = [html.unescape(o) for o in re.findall(r'<option value="([^"]*)"', menu.group(1))]
    words = [html.unescape(w) for w in re.findall(r"<option [^>]*>([^<]*)</option>", menu.group(1))]
    assert list(zip(options, words, strict=True)) == [
        ("", "as the library has it: both sides"),
        ("none", "no sides: done once"),
        ("both", "both sides (the sequence's side first)"),
        ("right first", "both sides, right first"),
        ("left first", "both sides, left first"),
        ("right", "right side only"),
        ("left", "left side only"),
        ("alternate", "sides taking turns within the hold"),
    ]
    assert re.search(r'<option value="both" selected>', menu.group(1)), "the file's side is the one chosen"
    # the gluteal massage (knees to chest circles) is done once in the library
    first = re.search(r'<select id="f-0-side" name="side">\s*<option value="" selected>([^<]*)<', page)
    assert first and first.group(1) == "as the library has it: done once"
    assert "the pose's own" not in page


def test_a_saved_change_is_said_in_green_and_a_move_names_the_step_and_its_place(studio) -> None:
    _, client, headers = studio
    moved = change(client, headers, action="move", path="7", to="0")  # the sacral thumps (step 8) to the top
    assert moved.status_code == 200, moved.text
    assert re.search(r'<p id="editor-status" class="done" role="status" aria-live="polite">', moved.text)
    assert status_in(moved.text) == "Saved: Sacral thumps moved to 1."
    # Undo sits with the status, in the bar that stays at the top of the panel
    bar = re.search(r'<div class="status-bar" id="status-bar">(.*?)</div>', moved.text, re.S)
    assert bar and 'id="undo"' in bar.group(1) and "Undo: Sacral thumps moved to 1" in bar.group(1)
    into_series = change(client, headers, action="move", path="1", to="4.1")  # gluteal massage into the series
    assert status_in(into_series.text) == "Saved: Gluteal massage moved to 5b."


def test_undo_with_nothing_to_undo_is_said_plainly_not_in_green(studio) -> None:
    _, client, headers = studio
    answer = change(client, headers, action="undo")
    assert re.search(r'<p id="editor-status" class="said" role="status"[^>]*>Nothing to undo', answer.text)


def test_the_step_lists_figures_are_64_pixels_tall(studio) -> None:
    _, client, _ = studio
    page = panel(client)
    assert '<img class="thumb" src="/library/figures/supine-twist.svg" alt="" width="92" height="64"' in page
    css = (ROOT / "handouts" / "studio" / "static" / "editor.css").read_text(encoding="utf-8")
    assert "img.thumb, span.thumb { width: 92px; height: 64px;" in css
    # the status line: red and on its own ground for an error, green when saved, as the sequence page's colours
    assert "#editor-status.error { color: var(--error); background: var(--error-bg);" in css
    assert "#editor-status.done { color: #1d6b3a; }" in css
