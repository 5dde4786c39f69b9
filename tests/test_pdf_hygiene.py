"""PDF hygiene, read back with pypdf: every font of every product is embedded (a print shop's preflight flags a
font that is only named), every PDF names its Author, Creator and Producer, and a client's name with <, > and &
prints as written in every product that shows it."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from conftest import ROOT
from pypdf import PdfReader

from handouts import __version__
from handouts.commands.cli import main

CORPUS = Path(__file__).resolve().parent / "corpus"
EMBEDDED = ("/FontFile", "/FontFile2", "/FontFile3")


def fonts_of(pdf: bytes) -> list[tuple[str, str, bool]]:
    """Every font the PDF's pages use (their /Resources, and the resources of the Form XObjects they draw,
    however deep): (page and path, font name, embedded?)."""
    found = []

    def walk(resources, where: str, seen: set) -> None:
        if resources is None:
            return
        resources = resources.get_object()
        for name, ref in (resources.get("/Font") or {}).items():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            if font.get("/Subtype") == "/Type0":
                (descendant,) = [d.get_object() for d in font["/DescendantFonts"]]
                descriptor = descendant.get("/FontDescriptor")
            if font.get("/Subtype") == "/Type3":  # glyphs drawn by the PDF's own procedures: nothing to embed
                embedded = True
            else:
                embedded = descriptor is not None and any(key in descriptor.get_object() for key in EMBEDDED)
            found.append((f"{where} {name}", str(font.get("/BaseFont")), embedded))
        for name, ref in (resources.get("/XObject") or {}).items():
            xobject = ref.get_object()
            if id(xobject) in seen or xobject.get("/Subtype") != "/Form":
                continue
            seen.add(id(xobject))
            walk(xobject.get("/Resources"), f"{where} {name}", seen)

    for number, page in enumerate(PdfReader(io.BytesIO(pdf)).pages, 1):
        walk(page.get("/Resources"), f"page {number}", set())
    return found


def unembedded(pdf: bytes) -> list[tuple[str, str, bool]]:
    return [font for font in fonts_of(pdf) if not font[2]]


def test_the_font_check_finds_a_font_that_is_only_named():
    """The check itself can fail: a page drawn in ReportLab's standard Helvetica (named, not embedded), and the
    same page imposed as the print file does it, where the font is only in the resources of a Form XObject."""
    from reportlab.pdfgen import canvas

    from handouts.output.impose import impose

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(420, 595))
    pdf.setFont("Helvetica", 12)
    pdf.drawString(72, 72, "named, never embedded")
    pdf.showPage()
    pdf.save()
    assert unembedded(buffer.getvalue()) == [("page 1 /F1", "/Helvetica", False)]
    imposed = impose(buffer.getvalue(), (842, 595))
    assert PdfReader(io.BytesIO(imposed)).pages[0]["/Resources"].get("/Font") is None  # only in the form
    assert unembedded(imposed) == [("page 1 /P1 /F1", "/Helvetica", False)]


@pytest.fixture(scope="module")
def every_product(tmp_path_factory) -> dict[str, bytes]:
    """Every PDF handouts makes: the examples' booklet, print file (with its notes pages), how-to-print, cheat
    sheet and mat card, in A4 and Letter and in grey; the clients' booklets, cheat sheets and mat cards; the
    pose sheet; notes pages made alone."""
    out = tmp_path_factory.mktemp("products")
    for extra in ([], ["--paper", "letter", "--grayscale"]):
        argv = ["build", "--workspace", str(ROOT), "--out", str(out / (extra[1] if extra else "a4"))]
        argv += ["--format", "booklet", "--format", "cheatsheet", "--format", "matcard", *extra]
        assert main(argv) == 0
    assert (
        main(
            [
                "build",
                "--workspace",
                str(CORPUS),
                "--out",
                str(out / "corpus"),
                "--clients",
                "clients.yaml",
                "--date",
                "2026-11-21",
            ]
        )
        == 0
    )
    assert (
        main(
            [
                "build",
                "--workspace",
                str(ROOT),
                "--out",
                str(out / "clients"),
                "--clients",
                "clients.yaml",
                "--date",
                "2026-11-21",
            ]
        )
        == 0
    )
    assert main(["poses", "--workspace", str(ROOT), "--sheet", str(out / "poses.pdf")]) == 0
    from handouts.pipeline.products import notes_pdf

    products = {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*.pdf"))}
    products["notes pages alone"] = notes_pdf(3, 9, "a4", "Low Back Release")
    return products


def test_every_product_is_made(every_product):
    names = {Path(name).name for name in every_product}
    assert {
        "booklet.pdf",
        "booklet-print.pdf",
        "how-to-print.pdf",
        "cheatsheet.pdf",
        "matcard.pdf",
        "poses.pdf",
        "s08-eight-steps-matcard.pdf",
        "s08-eight-steps-cheatsheet.pdf",
        "s08-eight-steps.pdf",
    } <= names
    assert len(every_product) > 40


def test_every_font_of_every_product_is_embedded(every_product):
    for name, pdf in every_product.items():
        fonts = fonts_of(pdf)
        assert fonts, name  # each draws text
        assert unembedded(pdf) == [], name
        names = {font for _, font, _ in fonts}
        assert names <= {
            "/AAAAAA+SourceSans3-Regular",
            "/AAAAAA+SourceSans3-Bold",
            "/AAAAAA+SourceSans3-Italic",
            "/AAAAAA+NotoSansDevanagari-Regular",
        }, name
        if "/AAAAAA+NotoSansDevanagari-Regular" in names:  # the Sanskrit in Devanagari: on the booklet's cards only
            assert "cheatsheet" not in name and "matcard" not in name and "poses" not in name, name


def test_every_product_names_its_author_creator_and_producer(every_product):
    for name, pdf in every_product.items():
        info = PdfReader(io.BytesIO(pdf)).metadata
        assert info["/Creator"] == f"handouts {__version__}", name
        assert info["/Producer"].startswith(f"handouts {__version__} with "), name
        if name.startswith(("a4/", "letter/", "clients/")):
            assert info["/Author"] == "Maya Lindqvist", name  # the example studio's instructor
        elif name.startswith("corpus/"):
            assert info["/Author"] == "Robin Example", name
        else:  # the pose sheet and pages made alone: no instructor, no studio
            assert info["/Author"] == "handouts", name


@pytest.mark.parametrize(
    "studio, author",
    [
        ("studio: Riverside Back Care\n", "Riverside Back Care"),
        ("", "handouts"),
        ("studio: Riverside Back Care\ninstructor: Maya Lindqvist\n", "Maya Lindqvist"),
    ],
)
def test_the_author_is_the_instructor_else_the_studio_else_handouts(tmp_path, studio, author):
    (tmp_path / "sequences").mkdir()
    (tmp_path / "sequences" / "one.yaml").write_text(
        "title: One\nsteps:\n  - pose: cat-cow\n    hold: 5 breaths\n", encoding="utf-8"
    )
    (tmp_path / "studio.yaml").write_text(studio or "paper: a4\n", encoding="utf-8")
    assert (
        main(
            [
                "build",
                "--workspace",
                str(tmp_path),
                "--format",
                "booklet",
                "--format",
                "cheatsheet",
                "--format",
                "matcard",
            ]
        )
        == 0
    )
    made = sorted((tmp_path / "build" / "one").glob("*.pdf"))
    assert [p.name for p in made] == [
        "booklet-print.pdf",
        "booklet.pdf",
        "cheatsheet.pdf",
        "how-to-print.pdf",
        "matcard.pdf",
    ]
    for path in made:
        assert PdfReader(path).metadata["/Author"] == author, path.name


def test_a_sequences_own_instructor_comes_first(tmp_path):
    (tmp_path / "sequences").mkdir()
    (tmp_path / "sequences" / "one.yaml").write_text(
        "title: One\ninstructor: Sam Guest\nsteps:\n  - pose: cat-cow\n    hold: 5 breaths\n", encoding="utf-8"
    )
    (tmp_path / "studio.yaml").write_text("studio: Riverside Back Care\ninstructor: Maya Lindqvist\n", encoding="utf-8")
    assert main(["build", "--workspace", str(tmp_path), "--format", "booklet", "--format", "cheatsheet"]) == 0
    for path in sorted((tmp_path / "build" / "one").glob("*.pdf")):
        assert PdfReader(path).metadata["/Author"] == "Sam Guest", path.name


# -- a name with <, > and & ------------------------------------------------------------------------------------
ADA = "Ada <Lovelace> & Co"


def one_line(pdf: Path) -> str:
    return " ".join(" ".join(page.extract_text() or "" for page in PdfReader(pdf).pages).split())


def test_a_name_with_markup_characters_prints_as_written_in_every_product(tmp_path):
    workspace = tmp_path / "ws"
    shutil.copytree(CORPUS, workspace)
    roster = workspace / "clients.yaml"
    text = roster.read_text(encoding="utf-8")
    assert f"  - name: {ADA}\n" in text
    roster.write_text(
        text.replace(
            "      - Bring a folded blanket for your head.", '      - "For {{ client.name }}: bring a folded blanket."'
        ),
        encoding="utf-8",
    )
    assert (
        main(
            ["build", "--workspace", str(workspace), "--clients", "clients.yaml", "--only", ADA, "--date", "2026-11-21"]
        )
        == 0
    )
    folder = workspace / "build" / "clients" / "ada-lovelace-co"
    made = {p.name: one_line(p) for p in sorted(folder.glob("*.pdf"))}
    assert sorted(made) == ["s08-eight-steps-cheatsheet.pdf", "s08-eight-steps-matcard.pdf", "s08-eight-steps.pdf"]
    for name, text in made.items():
        assert "Prepared for Ada <Lovelace> & Co" in text, name  # the booklet's cover, the sheets' title lines
        assert "For Ada <Lovelace> & Co: bring a folded blanket." in text, name  # their notes
        assert "&lt;" not in text and "&amp;" not in text and "<b>" not in text, name
