"""A video per pose or step (`video:`): the address checked where it is written, a QR code that reads back as
the address on the booklet's card beside a link to it, the name a link on the cheat sheet, the same for clients.

The QR codes are read from a render of the page by zxing-cpp, as a phone would read the printed card."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pypdfium2
import pytest
import zxingcpp
from pypdf import PdfReader

from handouts.pipeline.loading import load_workspace
from handouts.reading.videos import problem
from handouts.reading.workspace import Workspace

CAT_COW = "https://videos.example.org/cat-cow?t=12"
BRIDGE = "https://videos.example.org/bridge"
BRIDGE_SLOW = "https://videos.example.org/bridge-slow"
STRAP = "https://videos.example.org/strap#start"

SEQUENCE = f"""\
title: With videos
steps:
  - pose: cat-cow
    hold: 5 breaths
    video: {CAT_COW}
  - pose: bridge
    hold: 5 breaths
  - pose: bridge
    hold: 3 breaths
    video: {BRIDGE_SLOW}
  - pose: child-pose
    hold: 1 min
  - series: Strap series
    steps:
      - pose: supta-padangusthasana
        hold: 5 breaths
        video: {STRAP}
      - repeat: 1
        hold: 3 breaths
"""

POSES = f"""\
poses:
  bridge:
    video: {BRIDGE}
"""

ROSTER = """\
clients:
  - name: Ann Example
    email: ann@example.org
    handouts: [videos, videos cheatsheet]
"""


def write(folder: Path, name: str, text: str) -> None:
    (folder / name).parent.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


@pytest.fixture
def workspace(tmp_path) -> Path:
    ws = tmp_path / "ws"
    write(ws, "sequences/videos.yaml", SEQUENCE)
    write(ws, "poses/mine.yaml", POSES)
    return ws


def links(path: Path) -> list[tuple[int, str, tuple[float, ...]]]:
    """Every link annotation: (page index, its address, its rectangle)."""
    found = []
    for index, page in enumerate(PdfReader(path).pages):
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation["/Subtype"] == "/Link" and "/URI" in annotation["/A"]:
                found.append((index, str(annotation["/A"]["/URI"]), tuple(float(v) for v in annotation["/Rect"])))
    return found


def qr_codes(path: Path, dpi: float = 200) -> list[tuple[int, str, tuple[float, float, float, float]]]:
    """Every QR code a reader finds on a render of each page: (page index, its text, its box in PDF points
    (x0, y0, x1, y1) from the page's lower left corner)."""
    found = []
    document = pypdfium2.PdfDocument(str(path))
    for index in range(len(document)):
        page = document[index]
        scale, height = dpi / 72, page.get_height()
        for code in zxingcpp.read_barcodes(page.render(scale=scale).to_pil()):
            assert code.format == zxingcpp.BarcodeFormat.QRCode
            corners = [
                code.position.top_left,
                code.position.top_right,
                code.position.bottom_left,
                code.position.bottom_right,
            ]
            xs = [c.x / scale for c in corners]
            ys = [height - c.y / scale for c in corners]
            found.append((index, code.text, (min(xs), min(ys), max(xs), max(ys))))
    return found


def covered(page, rect) -> str:
    """The characters of a pdfplumber page that reach into `rect` (PDF points from the lower left corner)."""
    top, bottom = page.height - rect[3], page.height - rect[1]
    return "".join(
        c["text"]
        for c in page.chars
        if c["x1"] > rect[0] and c["x0"] < rect[2] and c["bottom"] > top and c["top"] < bottom
    )


def inside(box, rect, slack: float = 1.0) -> bool:
    return (
        box[0] >= rect[0] - slack
        and box[1] >= rect[1] - slack
        and box[2] <= rect[2] + slack
        and box[3] <= rect[3] + slack
    )


# -- the address -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "url",
    [
        "https://videos.example.org/cat-cow",
        "http://example.org",
        "https://youtu.be/dQw4w9WgXcQ?t=42",
        "HTTPS://Example.org/a?b=c&d=%C3%BC#t=30",
        "https://user@example.org:8080/x",
        "https://[2001:db8::1]/x",
    ],
)
def test_a_web_address_is_a_video(url):
    assert problem(url) is None


COPY = "copy the video's address from your browser's address bar"


@pytest.mark.parametrize(
    "url, expected",
    [
        (
            "javascript:alert(1)",
            (
                "'javascript:' addresses cannot be a video's link; only web addresses can (https:// or http://)",
                "give the video's address on the web, e.g. https://videos.example.org/cat-cow",
            ),
        ),
        (
            "file:///home/maya/bridge.mp4",
            (
                "'file:' addresses cannot be a video's link; only web addresses can (https:// or http://)",
                "give the video's address on the web, e.g. https://videos.example.org/cat-cow",
            ),
        ),
        (
            "data:text/html,<b>hi</b>",
            (
                "'data:' addresses cannot be a video's link; only web addresses can (https:// or http://)",
                "give the video's address on the web, e.g. https://videos.example.org/cat-cow",
            ),
        ),
        (
            "youtu.be/abc",
            (
                "'youtu.be/abc' does not start with https://",
                "write the whole address, with https:// (or http://) before it: https://youtu.be/abc",
            ),
        ),
        (
            "cat cow video",
            (
                "'cat cow video' is not a web address",
                f"give the video's whole address, e.g. https://videos.example.org/cat-cow ({COPY})",
            ),
        ),
        (
            "https:example.org",
            (
                "'https:example.org' is not a whole web address: '//' is missing after 'https:'",
                f"write it as https://... ({COPY})",
            ),
        ),
        (
            "https://",
            ("the address has no site name after https://", f"e.g. https://videos.example.org/cat-cow ({COPY})"),
        ),
        (
            "https://example.org/cat cow",
            (
                "the address has a space after 'https://example.org/cat'",
                f"a web address has no spaces: write it as %20, or {COPY}",
            ),
        ),
        (
            "https://example.org/a\tb",
            (
                "the address has a tab after 'https://example.org/a'",
                f"write the address on one line, without it ({COPY})",
            ),
        ),
        (
            "https://example.org/\u202ex",
            (
                "the address has an invisible character (U+202E) after 'https://example.org/'",
                f"write the address on one line, without it ({COPY})",
            ),
        ),
        (
            "https://example.org/\u00fcbung",
            (
                "the address has '\u00fc' after 'https://example.org/', which a link cannot carry",
                f"write it as %C3%BC ({COPY}: it writes it so)",
            ),
        ),
        (
            "https://ex\u00e4mple.org/x",
            (
                "the site name 'ex\u00e4mple.org' has '\u00e4', which a link cannot carry",
                "write the site name as xn--exmple-cua.org",
            ),
        ),
        (
            "https://example.org/a<b",
            (
                "the address has '<' after 'https://example.org/a', which a link cannot carry",
                f"write it as %3C ({COPY}: it writes it so)",
            ),
        ),
        (
            "https://ex_ample.org/",
            ("'ex_ample.org' is not a site name", f"e.g. https://videos.example.org/cat-cow ({COPY})"),
        ),
        (
            "https://example.org/" + "a" * 281,
            (
                "the address is 301 characters long; a video's address may have at most 300 characters",
                "use the video's short link (a video site's Share button gives one)",
            ),
        ),
    ],
)
def test_what_is_not_a_video_address_is_said_with_how_to_fix_it(url, expected):
    assert problem(url) == expected


def test_the_longest_address_is_still_a_video():
    assert problem("https://example.org/" + "a" * 280) is None


def test_a_steps_video_overrides_its_poses_and_a_repeat_keeps_it(workspace):
    (plan,) = load_workspace(Workspace(workspace), []).plans
    videos = [(s.label + (" again" if s.repeat_of else ""), s.video) for s in plan.steps]
    assert videos == [
        ("1", CAT_COW),
        ("2", BRIDGE),
        ("3", BRIDGE_SLOW),
        ("4", None),
        ("5a", STRAP),
        ("5a again", STRAP),
    ]
    bridge = plan.steps[1]
    assert bridge.name == "Bridge" and bridge.figure is not None  # the workspace's entry changed only the video


def test_check_passes_a_good_video(workspace, run):
    result = run("check", workspace=workspace)
    assert result.code == 0, result.err
    assert "video" not in result.err


# -- the booklet and the cheat sheet ---------------------------------------------------------------------------
@pytest.fixture
def built(workspace, run) -> Path:
    assert run("build", "--format", "booklet", "--format", "cheatsheet", workspace=workspace).code == 0
    return workspace / "build" / "videos"


def test_each_card_with_a_video_has_its_qr_code_inside_a_link_to_it(built):
    booklet = built / "booklet.pdf"
    linked = links(booklet)
    # one link per card with a video: not on the repeat of 5a, whose first card has it
    assert sorted(url for _, url, _ in linked) == sorted([CAT_COW, BRIDGE, BRIDGE_SLOW, STRAP])
    codes = qr_codes(booklet)
    assert sorted((page, text) for page, text, _ in codes) == sorted((page, url) for page, url, _ in linked)
    for page, text, box in codes:
        (rect,) = [r for p, url, r in linked if p == page and url == text]
        assert inside(box, rect)
        side = (box[2] - box[0]) / 72 * 25.4
        assert 16 <= side <= 20  # millimetres


def test_the_qr_code_covers_no_text_but_its_label(built):
    booklet = built / "booklet.pdf"
    with pdfplumber.open(booklet) as pdf:
        for page_index, _, rect in links(booklet):
            page = pdf.pages[page_index]
            assert covered(page, rect) == "Video"
            top, bottom = page.height - rect[3], page.height - rect[1]
            # the card's name and badge line stay left of it, with a gap
            line = [c for c in page.chars if c["top"] < bottom and c["bottom"] > top and c["x1"] <= rect[0]]
            assert line and max(c["x1"] for c in line) < rect[0] - 2


def test_the_cheat_sheet_links_each_steps_name_to_its_video(built):
    sheet = built / "cheatsheet.pdf"
    linked = links(sheet)
    assert qr_codes(sheet) == []  # no room for QR codes there
    with pdfplumber.open(sheet) as pdf:

        def words_in(page_index, rect):  # the words whose middle a click on the link reaches
            page = pdf.pages[page_index]
            middle = [
                (w["text"], (w["x0"] + w["x1"]) / 2, page.height - (w["top"] + w["bottom"]) / 2)
                for w in page.extract_words()
            ]
            words = " ".join(text for text, x, y in middle if rect[0] < x < rect[2] and rect[1] < y < rect[3])
            return words.replace("- ", "-")  # a name broken over two lines at its hyphen

        named = sorted((url, words_in(page, rect)) for page, url, rect in linked if words_in(page, rect))
    assert named == sorted(
        [
            (CAT_COW, "Cat-cow"),
            (BRIDGE, "Bridge"),
            (BRIDGE_SLOW, "Bridge"),
            (STRAP, "Reclined hand-to-big-toe pose"),
            (STRAP, "Reclined hand-to-big-toe pose, again"),
        ]
    )


def test_a_sequence_without_videos_has_no_links(tmp_path, run):
    ws = tmp_path / "plain"
    write(ws, "sequences/plain.yaml", SEQUENCE.replace("    video:", "    # video:"))
    assert run("build", "--format", "booklet", "--format", "cheatsheet", workspace=ws).code == 0
    assert links(ws / "build" / "plain" / "booklet.pdf") == []
    assert links(ws / "build" / "plain" / "cheatsheet.pdf") == []


def test_a_clients_handouts_have_the_same_codes_and_links(workspace, run):
    write(workspace, "clients.yaml", ROSTER)
    assert run("build", "--clients", "clients.yaml", "--date", "2026-12-03", workspace=workspace).code == 0
    mine = workspace / "build" / "clients" / "ann-example"
    assert sorted(url for _, url, _ in links(mine / "videos.pdf")) == sorted([CAT_COW, BRIDGE, BRIDGE_SLOW, STRAP])
    assert sorted(text for _, text, _ in qr_codes(mine / "videos.pdf")) == sorted([CAT_COW, BRIDGE, BRIDGE_SLOW, STRAP])
    assert sorted({url for _, url, _ in links(mine / "videos-cheatsheet.pdf")}) == sorted(
        [CAT_COW, BRIDGE, BRIDGE_SLOW, STRAP]
    )


@pytest.mark.parametrize("code, word", [("de", "Video"), ("es", "Vídeo"), ("fr", "Vidéo")])
def test_the_label_is_in_the_handouts_language(workspace, run, code, word):
    assert run("build", "--format", "booklet", "--language", code, workspace=workspace).code == 0
    booklet = workspace / "build" / "videos" / code / "booklet.pdf"
    with pdfplumber.open(booklet) as pdf:
        for page_index, _, rect in links(booklet):
            assert covered(pdf.pages[page_index], rect) == word


def test_the_longest_address_reads_back_from_its_code(tmp_path, run):
    url = "https://videos.example.org/" + "x" * 273
    assert len(url) == 300
    ws = tmp_path / "long"
    write(ws, "sequences/long.yaml", f"title: Long\nsteps:\n  - pose: cat-cow\n    hold: 5 breaths\n    video: {url}\n")
    assert run("build", "--format", "booklet", workspace=ws).code == 0
    assert [text for _, text, _ in qr_codes(ws / "build" / "long" / "booklet.pdf", dpi=300)] == [url]


def test_a_booklet_with_videos_is_the_same_bytes_each_time(workspace, run, tmp_path):
    outs = []
    for name in ("one", "two"):
        assert run("build", "--format", "booklet", "--out", str(tmp_path / name), workspace=workspace).code == 0
        outs.append((tmp_path / name / "videos" / "booklet.pdf").read_bytes())
    assert outs[0] == outs[1]


def test_the_schema_offers_video_and_refuses_another_kind_of_link():
    import jsonschema

    from handouts.reading.schema import json_schemas

    schemas = json_schemas()
    step = {"title": "T", "steps": [{"pose": "cat-cow", "video": "https://videos.example.org/cat-cow"}]}
    jsonschema.validate(step, schemas["sequence.schema.json"])
    jsonschema.validate({"poses": {"bridge": {"video": BRIDGE}}}, schemas["poses.schema.json"])
    for wrong in ("javascript:alert(1)", "youtu.be/abc", "https://example.org/a b", "https://x.org/" + "a" * 300):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(
                {"title": "T", "steps": [{"pose": "cat-cow", "video": wrong}]}, schemas["sequence.schema.json"]
            )
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({"poses": {"bridge": {"video": wrong}}}, schemas["poses.schema.json"])
    with pytest.raises(jsonschema.ValidationError):  # a translation gives no video
        jsonschema.validate({"poses": {"bridge": {"video": BRIDGE}}}, schemas["poses-translation.schema.json"])
