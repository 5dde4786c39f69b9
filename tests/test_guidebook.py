"""The programme guidebook (issue 21), read back from the real PDF: "see page N" beside each card, the index's
pages, the NEW and CHANGED marks, the bookmarks, every caution, the page count, the same bytes twice, and a
guidebook too long to fold. The programme is assembled here from the example sequences' plans, its marks written
by hand, so these tests do not depend on how a programme file is read."""

from __future__ import annotations

import re

import pdfplumber
import pytest
from conftest import ROOT
from pypdf import PdfReader

from handouts.core.errors import Location
from handouts.core.model import Text
from handouts.core.programme import Programme, Segment
from handouts.layouts.progression import progression_rows
from handouts.output.impose import cut_stack_order
from handouts.pipeline.guidebook import build_guidebook
from handouts.pipeline.loading import load_workspace
from handouts.plan.programme import Mark, PlannedProgramme, PlannedSegment
from handouts.reading.workspace import Workspace

HERE = Location("programmes/test.yaml", 1, 1)
NAME_SIZE = 16  # a card's name and a reference entry's name (styles.NAME_SIZE)
INDEX_NAME = 175  # points: an index name's room left of its page number (a half of the A5 page's index)


def T(text: str) -> Text:
    return Text(text, HERE)


@pytest.fixture(scope="module")
def loaded():
    return load_workspace(Workspace(ROOT), [])


def programme_of(loaded, segments) -> PlannedProgramme:
    plans = {p.sequence.slug: p for p in loaded.plans}
    planned = tuple(
        PlannedSegment(Segment(HERE, first, last, T(slug), T(title)), plans[slug], marks, news, removed)
        for first, last, slug, title, marks, news, removed in segments
    )
    programme = Programme(
        ROOT / "programmes" / "test.yaml",
        HERE,
        "test",
        T("Back care in twelve weeks"),
        T("A home practice"),
        T("Welcome to the programme."),
        (T("Call the studio"),),
        (T("Find a quiet place."),),
        None,
        tuple(ps.segment for ps in planned),
    )
    return PlannedProgramme(programme, planned)


SEGMENTS = [
    (1, 3, "low-back-release", "Gentle start", {}, (), ()),
    (4, 6, "low-back-release", "Longer holds", {"3": Mark.CHANGED, "4": Mark.NEW}, ("Knee drops",), ()),
    (7, 9, "psoas-stretches", "The psoas", {"1": Mark.NEW, "2": Mark.NEW}, ("Psoas work",), ("Gluteal massage",)),
    (10, 12, "psoas-stretches", "Deeper", {"5": Mark.CHANGED}, ("A longer lunge",), ()),
]


@pytest.fixture(scope="module")
def programme(loaded):
    return programme_of(loaded, SEGMENTS)


@pytest.fixture(scope="module")
def built(loaded, programme, tmp_path_factory):
    out = tmp_path_factory.mktemp("guide")
    warnings, written = build_guidebook(programme, loaded.studio, out, paper="a4", print_file=True)
    return out / "programmes" / "test", warnings, written


@pytest.fixture(scope="module")
def pdf(built):
    return built[0] / "guidebook.pdf"


@pytest.fixture(scope="module")
def pages(pdf):
    return read_pages(pdf)


def read_pages(pdf) -> list[dict]:
    """Each page's text lines (top to bottom), its lines of card or entry names, and its links (the page each
    points at, its top, the text of its whole line)."""
    reader = PdfReader(pdf)
    numbers = {page.indirect_reference.idnum: index + 1 for index, page in enumerate(reader.pages)}
    out = []
    with pdfplumber.open(pdf) as doc:
        for index, page in enumerate(doc.pages):
            names: dict[float, str] = {}
            for char in sorted(page.chars, key=lambda c: (round(c["top"]), c["x0"])):
                if abs(char["size"] - NAME_SIZE) < 0.1:
                    key = round(char["top"])
                    names[key] = names.get(key, "") + char["text"]
            links, named = [], []
            for annot in reader.pages[index].get("/Annots", []) or []:
                annot = annot.get_object()
                if "/Dest" in annot:
                    _, y0, _, y1 = (float(v) for v in annot["/Rect"])
                    top = float(page.height) - y1
                    line = (0, top + 1, float(page.width), float(page.height) - y0 - 1)  # the whole line of the link
                    said = page.crop(line).extract_text() or ""
                    target = numbers[annot["/Dest"][0].idnum]
                    links.append((target, top, " ".join(said.split())))
                    # the link's own words, and the words left of it on its line (an index entry's name)
                    x0, x1, bottom = float(annot["/Rect"][0]), float(annot["/Rect"][2]), float(page.height) - y0
                    own = page.crop((x0, top + 1, x1, bottom - 1)).extract_text() or ""
                    left = page.crop((max(0.0, x0 - INDEX_NAME), top + 1, x0, bottom - 1)).extract_text() or ""
                    name = re.sub(r"^\d+ |\s*\d+$", "", " ".join(left.split()))  # the numbers either side
                    named.append((target, own.strip(), name))
            out.append(
                {
                    "lines": (page.extract_text() or "").splitlines(),
                    "names": sorted((top, " ".join(n.split())) for top, n in names.items()),
                    "links": links,
                    "named": named,
                }
            )
    return out


def name_above(page: dict, top: float) -> str:
    """The card name printed nearest above `top` on the page."""
    above = [name for at, name in page["names"] if at < top]
    assert above, page["lines"][:3]
    return above[-1]


def first_segment_page(pages) -> int:
    return next(i for i, p in enumerate(pages) if p["lines"][:2] and "Weeks 1\u20133" in p["lines"][1])


def test_page_count(built, pdf):
    assert len(PdfReader(pdf).pages) == 57


def test_every_see_page_points_at_its_poses_reference_entry(pages):
    start = first_segment_page(pages)
    reference = next(i for i, p in enumerate(pages) if "Pose reference" in p["lines"][:3])
    seen = 0
    for page in pages[start:reference]:
        for target, top, said in page["links"]:
            number = re.search(r"(?:NEW |CHANGED )?\u2192 see page (\d+)$", said)
            assert number, said
            assert int(number.group(1)) == target, (said, target)  # the number printed is the page linked
            assert target > reference, target  # a page of the reference section
            name = re.sub(r", again$", "", name_above(page, top))  # a repeat's card: the pose's entry
            # the entry on that page: its name is one of that page's names, or the card's step is named in it
            entry_names = [n for _, n in pages[target - 1]["names"]]
            assert name.split("  ")[0] in " ".join(entry_names + pages[target - 1]["lines"]), (name, target)
            seen += 1
    assert seen == 2 * 11 + 2 * 8  # every card: low back release's 11 (a repeat among them), psoas stretches' 8


def test_every_index_entry_points_at_a_page_holding_that_pose(pages):
    index = next(i for i, p in enumerate(pages) if p["lines"][1:2] == ["Index of poses"])
    checked = 0
    for page in pages[index:]:
        for target, number, name in page["named"]:
            assert number == str(target), (name, number, target)  # the page printed is the page linked
            assert name and name in " ".join(pages[target - 1]["lines"]), (name, target)
            checked += 1
    assert checked == 18 + 12  # the 18 poses by their English names, the 12 with one by their Sanskrit name


def marked(pages) -> list[tuple[str, str]]:
    """(badge, card name) of every card with a NEW or CHANGED badge, in page order."""
    out = []
    for page in pages[first_segment_page(pages) :]:
        for _, top, said in page["links"]:
            badge = re.search(r"(NEW|CHANGED) \u2192 see page", said)
            if badge:
                out.append((badge.group(1), name_above(page, top)))
    return out


def test_marks_sit_exactly_on_the_changed_steps(pages):
    assert marked(pages) == [
        ("CHANGED", "Supine twist"),
        ("NEW", "Knee drops"),
        ("NEW", "Constructive rest"),
        ("NEW", "Lying psoas stretch"),
        ("CHANGED", "Low lunge"),
    ]


def test_one_bookmark_per_segment_at_its_first_page(pdf, pages):
    reader = PdfReader(pdf)
    top = [item for item in reader.outline if not isinstance(item, list)]
    assert [item.title for item in top] == [
        "Welcome",
        "Your programme week by week",
        "Weeks 1\u20133: Gentle start",
        "Weeks 4\u20136: Longer holds",
        "Weeks 7\u20139: The psoas",
        "Weeks 10\u201312: Deeper",
        "Pose reference",
        "Index of poses",
    ]
    for item, weeks in zip(top[2:6], ("Weeks 1\u20133", "Weeks 4\u20136", "Weeks 7\u20139", "Weeks 10\u201312")):
        lines = pages[reader.get_destination_page_number(item)]["lines"]
        assert lines[1] == weeks, lines[:3]  # under the running header
        assert "New this segment" in lines


def test_every_caution_reaches_cards_and_reference(pdf, programme, pages):
    text = " ".join(" ".join(p["lines"]) for p in pages)
    text = " ".join(text.split())
    reference = next(i for i, p in enumerate(pages) if "Pose reference" in p["lines"][:3])
    back = " ".join(" ".join(" ".join(p["lines"]) for p in pages[reference:]).split())
    count = 0
    for ps in programme.segments:
        for caution in ps.plan.sequence.cautions:
            assert " ".join(caution.split()) in text, caution
        for step in ps.plan.steps:
            for caution in step.cautions:
                flat = " ".join(caution.split())
                assert flat in text and flat in back, caution
                count += 1
    assert count == 2 * 16 + 2 * 7  # the steps' cautions (library's and own) in low back release, psoas stretches


def test_removed_steps_and_news_on_the_segments_first_page(pages):
    opener = next(p for p in pages if p["lines"][1:2] == ["Weeks 7\u20139"])
    assert "No longer practised" in opener["lines"]
    assert "\u2022 Gluteal massage" in opener["lines"]
    assert "\u2022 Psoas work" in opener["lines"]


def test_the_same_bytes_twice(loaded, programme, built, tmp_path):
    build_guidebook(programme, loaded.studio, tmp_path, paper="a4", print_file=True)
    for name in ("guidebook.pdf", "guidebook-print.pdf", "progression.pdf", "weeks-04-06-cheatsheet.pdf"):
        assert (tmp_path / "programmes" / "test" / name).read_bytes() == (built[0] / name).read_bytes(), name


def test_files_of_a_programme(built):
    folder, warnings, written = built
    assert warnings == []  # each segment's cheat sheet fits one page
    assert sorted(p.name for p in written) == [
        "guidebook-how-to-print.pdf",
        "guidebook-print.pdf",
        "guidebook.pdf",
        "progression.pdf",
        "weeks-01-03-cheatsheet.pdf",
        "weeks-01-03-matcard.pdf",
        "weeks-04-06-cheatsheet.pdf",
        "weeks-04-06-matcard.pdf",
        "weeks-07-09-cheatsheet.pdf",
        "weeks-07-09-matcard.pdf",
        "weeks-10-12-cheatsheet.pdf",
        "weeks-10-12-matcard.pdf",
    ]
    # 57 pages, a notes page and two blank ones, 2 a side
    assert len(PdfReader(folder / "guidebook-print.pdf").pages) == 60 // 2
    assert len(PdfReader(folder / "progression.pdf").pages) == 1
    first = PdfReader(folder / "weeks-04-06-cheatsheet.pdf").pages[0].extract_text()
    assert "Back care in twelve weeks, weeks 4\u20136" in " ".join(first.split())


def test_progression_rows(programme):
    rows = {row.name: [cell.lines for cell in row.cells] for row in progression_rows(programme)}
    assert rows["Gluteal massage"] == [("5 circles each way",), ("5 circles each way",), ("removed",), ()]
    assert rows["Constructive rest"] == [(), (), ("added", "2\u20135 min"), ("2\u20135 min",)]
    assert len(rows) == 10 + 8  # the steps of low back release and of psoas stretches


def test_the_progression_table_is_one_page_in_the_guidebook(pages):
    table = next(i for i, p in enumerate(pages) if p["lines"][1:2] == ["Your programme week by week"])
    assert "Weeks 10\u201312" in " ".join(pages[table]["lines"])
    assert "Weeks 1\u20133" in pages[table + 1]["lines"][1]  # the next page is the first segment's


def test_cut_stack_order():
    assert cut_stack_order(8) == [(1, 5), (6, 2), (3, 7), (8, 4)]


def test_past_64_pages_a_warning_and_no_saddle_stitch_file(loaded, tmp_path):
    long = [
        (week, week, slug, f"Week {week}", {}, (), ())
        for week, slug in enumerate(["low-back-release", "psoas-stretches"] * 4, 1)
    ]
    warnings, written = build_guidebook(programme_of(loaded, long), loaded.studio, tmp_path, "a4", True)
    names = sorted(p.name for p in written)
    assert "guidebook-print.pdf" not in names and "guidebook-stack.pdf" in names
    pages = len(PdfReader(tmp_path / "programmes" / "test" / "guidebook.pdf").pages)
    assert pages > 64
    said = [str(w) for w in warnings if "pages" in w.message and "fold" in w.message]
    assert len(said) == 1 and f"the guidebook has {pages} pages" in said[0]
    stack = PdfReader(tmp_path / "programmes" / "test" / "guidebook-stack.pdf")
    assert len(stack.pages) == -(-pages // 4) * 2


def test_the_example_programme(run, tmp_path):
    """programmes/back-care-12-weeks.yaml built by the command: its files (64 pages: a saddle-stitched print
    file), the marks its changes make, what is new on a segment's first page, the progression table."""
    result = run("build", "--workspace", str(ROOT), "--programme", "back-care-12-weeks", "--out", str(tmp_path))
    assert result.code == 0, result.err
    folder = tmp_path / "programmes" / "back-care-12-weeks"
    assert sorted(p.name for p in folder.iterdir()) == [
        "guidebook-how-to-print.pdf",
        "guidebook-print.pdf",
        "guidebook.pdf",
        "progression.pdf",
        "weeks-01-03-cheatsheet.pdf",
        "weeks-01-03-matcard.pdf",
        "weeks-04-06-cheatsheet.pdf",
        "weeks-04-06-matcard.pdf",
        "weeks-07-09-cheatsheet.pdf",
        "weeks-07-09-matcard.pdf",
        "weeks-10-12-cheatsheet.pdf",
        "weeks-10-12-matcard.pdf",
    ]
    assert "the guidebook has" not in result.err
    # a weekly sheet's warning is at its segment in the programme file
    assert result.err.splitlines()[0].startswith(
        "programmes/back-care-12-weeks.yaml:46:5: warning: weeks-07-09-cheatsheet.pdf: the cheat sheet of 11 steps "
        "takes two pages"
    )
    pages = read_pages(folder / "guidebook.pdf")
    assert len(pages) == 64
    assert len(PdfReader(folder / "guidebook-print.pdf").pages) == 32
    steps = " ".join((PdfReader(folder / "guidebook-how-to-print.pdf").pages[0].extract_text() or "").split())
    assert "Open guidebook-print.pdf." in steps and "This booklet has 64 pages on 16 sheets of paper." in steps
    assert marked(pages) == [
        ("CHANGED", "Supine twist"),  # weeks 4-6: 8 breaths, a new caution
        ("CHANGED", "Knee drops"),  # 12 cycles
        ("NEW", "Lying psoas stretch"),
        ("CHANGED", "Hamstring stretch"),  # weeks 7-9: the deeper variation
        ("CHANGED", "Lying psoas stretch"),  # 45 s
        ("NEW", "Bridge"),
        ("CHANGED", "Supine twist"),  # weeks 10-12: 10 breaths
        ("NEW", "Low lunge"),
        ("CHANGED", "Outer hip stretch"),  # the deeper variation
        ("NEW", "Corpse pose"),
    ]
    opener = next(p for p in pages if p["lines"][1:2] == ["Weeks 7\u20139"])
    assert "\u2022 No longer in the practice: Sacral massage" in opener["lines"]
    assert "\u2022 Hamstring stretch: the deeper variation" in opener["lines"]
    # the caution weeks 4-6 add reaches the twist's card in each later segment and its reference entry
    text = " ".join(" ".join(" ".join(page["lines"]) for page in pages).split())
    assert text.count("Now that you stay longer, come out of the twist early if the low back starts to pull.") == 3 + 1
    text = " ".join((PdfReader(folder / "progression.pdf").pages[0].extract_text() or "").split())
    assert "Lying psoas stretch added 30 s 45 s removed" in text
    assert "Bridge added 5 \u00d7 3 breaths 5 \u00d7 3 breaths" in text


def test_the_badges_differ_in_grayscale(loaded, programme):
    """Printed without colour, NEW is a white word on a dark ground and CHANGED a dark word on a light grey one."""
    import dataclasses
    import io

    import pypdfium2

    from handouts.pipeline.guidebook import guidebook_pdf

    grey = dataclasses.replace(loaded.studio, grayscale=True)
    rendered, _ = guidebook_pdf(programme, "a4", grey)
    grounds = {}
    scale = 3
    document = pypdfium2.PdfDocument(rendered.data)
    with pdfplumber.open(io.BytesIO(rendered.data)) as doc:
        for index, page in enumerate(doc.pages):
            for word in page.extract_words():
                if word["text"] in ("NEW", "CHANGED") and word["text"] not in grounds and index > 4:
                    image = document[index].render(scale=scale).to_pil().convert("L")
                    # just left of the word, inside the badge's padding, halfway down
                    x, y = (word["x0"] - 1.5) * scale, (word["top"] + word["bottom"]) / 2 * scale
                    grounds[word["text"]] = image.getpixel((int(x), int(y)))
    assert grounds["NEW"] < 60  # the ink
    assert 200 < grounds["CHANGED"] < 250  # the light tint, not the paper


def test_a_bad_programme_is_a_located_error_and_nothing_is_written(examples, run):
    (examples / "programmes").mkdir()
    text = (ROOT / "programmes" / "back-care-12-weeks.yaml").read_text(encoding="utf-8")
    (examples / "programmes" / "back.yaml").write_text(text.replace("weeks: 4-6", "weeks: 3-6"), encoding="utf-8")
    result = run("build", "--programme", "back", workspace=examples)
    assert result.code == 2
    assert result.err.startswith("programmes/back.yaml:32:12: weeks: weeks 3-6 overlap weeks 1-3")
    assert result.err.endswith("1 error in 1 file; nothing was written\n")
    assert not (examples / "build").exists()
    unknown = run("build", "--programme", "bak", workspace=examples)
    assert unknown.code == 2 and "bak: no such programme" in unknown.err and "did you mean 'back'" in unknown.err
    mixed = run("build", "--programme", "back", "low-back-release", workspace=examples)
    assert mixed.code == 2 and "leave out sequence names" in mixed.err


def test_the_example_programme_is_the_same_bytes_in_two_processes(tmp_path):
    """Two fresh processes with different hash seeds write the same files, byte for byte."""
    import os
    import subprocess
    import sys

    from conftest import snapshot

    made = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        subprocess.run(
            [sys.executable, "-m", "handouts", "build", "--workspace", str(ROOT), "--programme", "back-care-12-weeks"]
            + ["--out", str(out)],
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
        )
        made.append({name: digest for name, digest in snapshot(out).items() if not name.startswith(".cache/")})
    assert len(made[0]) == 12  # guidebook, print file, how to print it, progression, 4 x (cheat sheet, mat card)
    assert made[0] == made[1]
