"""The studio's pose library and clients pages, through Starlette's TestClient on an app made of their routes:
what the pages list and hide, the figures' SVG, the copied step's YAML, the roster shown escaped, and each
client's PDF made and served by looking them up in the roster."""

from __future__ import annotations

import io
import textwrap
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import snapshot
from pypdf import PdfReader
from starlette.applications import Starlette
from starlette.testclient import TestClient

from handouts.core.errors import HandoutError
from handouts.pipeline.loading import load_workspace
from handouts.reading.workspace import Workspace
from handouts.studio import library_pages, roster_pages
from handouts.studio.library_view import fold, matches

SVG = "{http://www.w3.org/2000/svg}"
BUILT_IN_POSES = 92  # tests/test_library.py: 52, 13 restorative, 13 from the programme, 14 on a chair
STANDING_POSES = 26


class FakeSession:
    """What the pages take from the app's build session: where it writes (build/)."""

    def __init__(self, out_dir: Path):
        self.out_dir = out_dir


def client_for(root: Path) -> TestClient:
    app = Starlette(routes=library_pages.routes + roster_pages.routes)
    app.state.workspace = Workspace(root)
    app.state.session = FakeSession(root / "build")
    return TestClient(app)


class Page(HTMLParser):
    """The parts of a page the tests read: each pose card (its attributes), the <pre> texts by id, the problems."""

    def __init__(self, text: str):
        super().__init__()
        self.poses: dict[str, dict] = {}
        self.pres: dict[str, str] = {}
        self.problems: list[dict] = []
        self._pre: str | None = None
        self._in: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "article" and "pose" in (attributes.get("class") or "").split():
            self.poses[attributes["data-pose"]] = attributes
        if tag == "pre" and attributes.get("id"):
            self._pre = attributes["id"]
            self.pres[self._pre] = ""
        if tag == "li" and "problem" in (attributes.get("class") or "").split():
            self.problems.append({"class": attributes["class"], "where": "", "line": ""})
        if tag == "span" and attributes.get("class") == "where":
            self._in.append("where")
        if tag == "pre" and attributes.get("class") == "line":
            self._in.append("line")

    def handle_endtag(self, tag):
        if tag == "pre":
            self._pre = None
        if tag in ("span", "pre") and self._in:
            self._in.pop()

    def handle_data(self, data):
        if self._pre is not None:
            self.pres[self._pre] += data
        if self._in and self.problems:
            self.problems[-1][self._in[-1]] += data

    def shown(self) -> set[str]:
        return {pid for pid, attrs in self.poses.items() if "hidden" not in attrs}


@pytest.fixture
def empty(tmp_path) -> Path:
    """A workspace with nothing in it: the library is the built-in one."""
    root = tmp_path / "ws"
    root.mkdir()
    return root


# -- the library page ------------------------------------------------------------------------------------------


def test_the_library_page_lists_every_built_in_pose(empty):
    response = client_for(empty).get("/library")
    assert response.status_code == 200
    page = Page(response.text)
    assert len(page.poses) == BUILT_IN_POSES
    assert len(page.shown()) == BUILT_IN_POSES
    assert f'Showing <span id="shown">{BUILT_IN_POSES}</span> of {BUILT_IN_POSES} poses' in response.text
    for needed in ('<input id="search"', 'type="search"', '<select id="position"', '<select id="prop"'):
        assert needed in response.text
    # the cobra's card: its names, sides, position, cues and its caution in a cautions section
    assert "Bhujaṅgāsana" in response.text and "भुजङ्गासन" in response.text
    assert "cobra pose, baby cobra, serpent pose" in response.text
    assert "Come up only as far as the low back stays comfortable" in response.text
    assert response.text.count('class="caution"') >= 80  # nearly every pose has at least one caution
    assert '<dd lang="de">Kobra</dd>' in response.text  # the German name, where it differs


def test_a_sanskrit_name_without_its_accents_finds_the_pose(empty):
    client = client_for(empty)
    for query in ("bhujangasana", "Bhujaṅgāsana", "BHUJANGASANA"):
        page = Page(client.get("/library", params={"q": query}).text)
        assert len(page.poses) == BUILT_IN_POSES  # every card is in the page: the script can show them again
        assert page.shown() == {"cobra", "sphinx"}  # Sālamba Bhujaṅgāsana is the sphinx
        assert "hidden" in page.poses["child-pose"]


def test_an_alias_or_a_translated_name_finds_the_pose(empty):
    client = client_for(empty)
    assert Page(client.get("/library?q=serpent+pose").text).shown() == {"cobra"}
    assert Page(client.get("/library?q=Kobrahaltung").text).shown() == {"cobra"}  # its German alias
    assert Page(client.get("/library?q=nothing+called+this").text).shown() == set()


def test_fold_and_matches():
    assert fold("Sālamba Bhujaṅgāsana") == "salamba bhujangasana"
    assert fold("Child's Pose") == "child s pose"
    assert fold("भुजङ्गासन") == "भुजङ्गासन"  # Devanagari keeps its vowel signs
    assert matches("bhujang", "cobra / bhujangasana")
    assert matches("down dog", "adho mukha / downward dog")
    assert matches("childspose", "child s pose")
    assert not matches("cobra twist", "cobra / bhujangasana")


def test_filter_by_position_and_by_prop(empty):
    client = client_for(empty)
    page = Page(client.get("/library?position=standing").text)
    assert len(page.shown()) == STANDING_POSES
    assert all(page.poses[pid]["data-position"] == "standing" for pid in page.shown())
    page = Page(client.get("/library?prop=strap").text)
    assert page.shown() == {"supta-padangusthasana", "supta-padangusthasana-across", "supta-padangusthasana-open"}
    page = Page(client.get("/library?position=prone&q=cobra").text)
    assert page.shown() == {"cobra", "sphinx"}
    # a position that is not one is no filter at all
    assert len(Page(client.get("/library?position=upside-down").text).shown()) == BUILT_IN_POSES


def test_every_figure_is_served_as_svg(empty):
    client = client_for(empty)
    ids = list(Page(client.get("/library").text).poses)
    for pid in ids:
        response = client.get(f"/library/figures/{pid}.svg")
        assert response.status_code == 200, pid
        assert response.headers["content-type"].startswith("image/svg+xml")
        root = ET.fromstring(response.content)
        assert root.tag == f"{SVG}svg"
        assert len(root.findall(f".//{SVG}path")) >= 10, pid
        assert all("style" not in element.attrib for element in root.iter()), pid  # the page's CSP allows no styles
    cobra = client.get("/library/figures/cobra.svg")
    again = client.get("/library/figures/cobra.svg", headers={"If-None-Match": cobra.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    assert client.get("/library/figures/cobra.svg").content == cobra.content  # the same bytes each time
    assert client.get("/library/figures/no-such-pose.svg").status_code == 404
    assert client.get("/library/figures/..%2f..%2fpyproject.toml.svg").status_code == 404


def test_one_pose_page(empty):
    client = client_for(empty)
    page = Page(client.get("/library/poses/supine-twist").text)
    assert page.shown() == {"supine-twist"}
    assert client.get("/library/poses/no-such-pose").status_code == 404


def test_the_copied_yaml_of_every_pose_is_a_valid_step(empty):
    page = Page(client_for(empty).get("/library").text)
    steps = {pid: page.pres[f"yaml-{pid}"] for pid in page.poses}
    assert steps["cobra"] == "- pose: cobra\n  hold: 5 breaths\n"
    assert steps["supine-twist"] == "- pose: supine-twist\n  side: both\n  hold: 5 breaths\n"
    assert steps["knee-drops"] == "- pose: knee-drops\n  side: alternate\n  hold: 10 reps\n"
    assert steps["sacral-circles"] == "- pose: sacral-circles\n  hold: 5 circles each way\n"
    body = "".join(textwrap.indent(step, "  ") for step in steps.values())
    (empty / "sequences").mkdir()
    (empty / "sequences" / "every-pose.yaml").write_text(f"title: Every pose\nsteps:\n{body}", encoding="utf-8")
    try:
        loaded = load_workspace(Workspace(empty), [], feasibility=False)
    except HandoutError as exc:
        pytest.fail("\n".join(str(p) for p in exc.problems))
    (plan,) = loaded.plans
    assert [str(step.pose) for step in plan.sequence.steps] == list(steps)


def test_the_library_is_read_again_when_a_pose_file_changes(empty):
    client = client_for(empty)
    assert len(Page(client.get("/library").text).poses) == BUILT_IN_POSES
    (empty / "poses").mkdir()
    pose_file = empty / "poses" / "desk.yaml"
    pose_file.write_text(
        "poses:\n  desk-lean:\n    name: Desk lean\n    aliases: [leaning rest]\n    position: standing\n",
        encoding="utf-8",
    )
    page = Page(client.get("/library?q=leaning").text)
    assert len(page.poses) == BUILT_IN_POSES + 1 and page.shown() == {"desk-lean"}
    pose_file.write_text("poses:\n  desk-lean:\n    name: Desk lean\n    aliases: [quiet lean]\n", encoding="utf-8")
    assert Page(client.get("/library?q=leaning").text).shown() == set()
    pose_file.write_text("poses:\n  desk-lean:\n    nme: Desk lean\n", encoding="utf-8")
    page = Page(client.get("/library").text)
    assert [p["where"] for p in page.problems] == ["poses/desk.yaml:3:5"]
    assert page.problems[0]["line"] == "    nme: Desk lean"


# -- the clients page ------------------------------------------------------------------------------------------

HOSTILE = "<script>alert(1)</script> Ann"
SHORT = """\
title: Short Practice
steps:
  - pose: cobra
    hold: 5 breaths
  - pose: child-pose
    hold: 1 min
"""
ROSTER = """\
clients:
  - name: "<script>alert(1)</script> Ann"
    email: ann@example.org
    handouts: [short cheatsheet]
    notes: [Rest in the child's pose whenever you like.]
    leave_out: [cobra]
  - name: Jonas Weber
    email: jonas@example.org
    language: de
    handouts: [short]
"""


@pytest.fixture
def clients_ws(tmp_path) -> Path:
    root = tmp_path / "ws"
    (root / "sequences").mkdir(parents=True)
    (root / "sequences" / "short.yaml").write_text(SHORT, encoding="utf-8")
    (root / "clients.yaml").write_text(ROSTER, encoding="utf-8")
    return root


def test_the_clients_page_shows_the_roster_with_names_escaped(clients_ws):
    response = client_for(clients_ws).get("/clients")
    assert response.status_code == 200
    assert "<script>alert" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Ann" in response.text
    assert 'href="/clients/script-alert-1-script-ann/short-cheatsheet.pdf"' in response.text
    assert 'href="/clients/jonas-weber/short.pdf"' in response.text
    assert "Rest in the child&#39;s pose whenever you like." in response.text
    assert '<p class="leave-out">1 Cobra</p>' in response.text  # the step as the page names it
    assert '<td class="language">German</td>' in response.text
    assert '<td class="language">English (the studio\'s)</td>' in response.text
    assert '<li class="problem' not in response.text


def test_a_clients_pdf_is_made_into_build_and_served(clients_ws):
    client = client_for(clients_ws)
    before = snapshot(clients_ws)
    response = client.get("/clients/script-alert-1-script-ann/short-cheatsheet.pdf")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages).split())
    assert f"Prepared for {HOSTILE}" in text
    assert "Child" in text and "Cobra" not in text  # the cobra left out for her
    after = snapshot(clients_ws)
    written = sorted(set(after) - set(before))
    assert all(path.startswith("build/") for path in written), written
    assert "build/clients/script-alert-1-script-ann/short-cheatsheet.pdf" in written
    assert {k: after[k] for k in before} == before  # nothing else changed
    # a change to the sequence makes the PDF again
    (clients_ws / "sequences" / "short.yaml").write_text(SHORT.replace("Short Practice", "Evening Rest"), "utf-8")
    again = client.get("/clients/script-alert-1-script-ann/short-cheatsheet.pdf")
    assert again.status_code == 200
    assert "Evening Rest" in PdfReader(io.BytesIO(again.content)).pages[0].extract_text()


def test_unknown_clients_and_handouts_are_not_found(clients_ws):
    client = client_for(clients_ws)
    assert client.get("/clients/nobody/short.pdf").status_code == 404
    assert client.get("/clients/jonas-weber/short-cheatsheet.pdf").status_code == 404  # not one of his
    assert client.get("/clients/..%2f..%2fetc/passwd.pdf").status_code == 404
    assert client.get("/clients/jonas-weber/..%2f..%2fclients.pdf").status_code == 404
    assert not (clients_ws / "build").exists()


def test_roster_problems_are_shown_where_they_are(clients_ws):
    (clients_ws / "clients.yaml").write_text(ROSTER.replace("[short]", "[shrot]"), encoding="utf-8")
    client = client_for(clients_ws)
    page = Page(client.get("/clients").text)
    assert [(p["class"], p["where"], p["line"]) for p in page.problems] == [
        ("problem error", "clients.yaml:10:16", "    handouts: [shrot]")
    ]
    response = client.get("/clients/jonas-weber/short.pdf")
    assert response.status_code == 404  # the roster no longer gives him 'short'
    # Ann's handouts do not depend on his line: hers are made
    assert client.get("/clients/script-alert-1-script-ann/short-cheatsheet.pdf").status_code == 200


def test_a_left_out_step_that_is_not_there_is_shown_where_it_is(clients_ws):
    (clients_ws / "clients.yaml").write_text(ROSTER.replace("[cobra]", "[cobra, no-such-step]"), encoding="utf-8")
    page = Page(client_for(clients_ws).get("/clients").text)
    assert [(p["class"], p["where"], p["line"]) for p in page.problems] == [
        ("problem error", "clients.yaml:6:24", "    leave_out: [cobra, no-such-step]")
    ]


def test_a_pdf_that_cannot_be_made_shows_the_problems(clients_ws):
    (clients_ws / "sequences" / "short.yaml").write_text(SHORT.replace("5 breaths", "five breaths"), "utf-8")
    response = client_for(clients_ws).get("/clients/script-alert-1-script-ann/short-cheatsheet.pdf")
    assert response.status_code == 409
    page = Page(response.text)
    assert [(p["class"], p["where"], p["line"]) for p in page.problems] == [
        ("problem error", "sequences/short.yaml:4:11", "    hold: five breaths")
    ]
    assert "<script>alert" not in response.text
    assert not (clients_ws / "build" / "clients").exists()


def test_no_roster(empty):
    client = client_for(empty)
    response = client.get("/clients")
    assert response.status_code == 200 and "You have no clients here yet" in response.text
    assert client.get("/clients/ann-example/low-back-release.pdf").status_code == 404


def test_a_poses_photo_is_served_from_images_only(empty, tmp_path):
    from PIL import Image

    (empty / "images").mkdir()
    Image.new("RGB", (64, 48), (200, 120, 40)).save(empty / "images" / "lean.png")
    Image.new("RGB", (64, 48), (10, 10, 10)).save(tmp_path / "outside.png")
    (empty / "images" / "elsewhere.png").symlink_to(tmp_path / "outside.png")
    (empty / "poses").mkdir()
    (empty / "poses" / "desk.yaml").write_text(
        "poses:\n"
        "  desk-lean:\n    name: Desk lean\n    image: lean.png\n"
        "  far-lean:\n    name: Far lean\n    image: elsewhere.png\n",
        encoding="utf-8",
    )
    client = client_for(empty)
    page = client.get("/library?q=desk+lean").text
    assert '<img class="photo" src="/library/photos/desk-lean" alt="Photo: Desk lean">' in page
    response = client.get("/library/photos/desk-lean")
    assert response.status_code == 200 and response.headers["content-type"] == "image/png"
    assert response.content == (empty / "images" / "lean.png").read_bytes()
    # a link to a file outside the workspace: refused where the pose file names it, and never served
    assert [(p["where"], p["line"]) for p in Page(page).problems] == [
        ("poses/desk.yaml:7:12", "    image: elsewhere.png")
    ]
    assert "outside the images/ folder" in page
    assert client.get("/library/photos/far-lean").status_code == 404
    assert client.get("/library/photos/cobra").status_code == 404  # a figure, no photo
    assert client.get("/library/photos/..%2f..%2foutside.png").status_code == 404


def test_a_direction_mark_in_a_shown_line_is_written_as_its_code(clients_ws):
    (clients_ws / "clients.yaml").write_text(ROSTER.replace("[short]", "[\u202eshort]"), encoding="utf-8")
    response = client_for(clients_ws).get("/clients")
    assert "\u202e" not in response.text
    (problem,) = Page(response.text).problems
    assert problem["where"].startswith("clients.yaml:10:")
    assert problem["line"] == "    handouts: [\\u202eshort]"
