"""The Sanskrit name in Devanagari: the field, the library's names, and the shaped line under the IAST name on the
booklet's card (the glyphs in the PDF are HarfBuzz's, the line is drawn where it belongs)."""

from __future__ import annotations

import hashlib
import io
import subprocess
import sys
import textwrap
from pathlib import Path

import pdfplumber
import pytest
import uharfbuzz
from conftest import ROOT
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.ttLib import TTFont
from pypdf import PdfReader
from pypdf.generic import ContentStream

from handouts.pipeline.loading import load_workspace
from handouts.pipeline.products import booklet_pdf
from handouts.reading.library import builtin_files
from handouts.reading.workspace import Workspace

FONT = ROOT / "fonts" / "NotoSansDevanagari-Regular.ttf"
DEVANAGARI_FONT = "NotoSansDevanagari"

# Each name with the glyph ids HarfBuzz gives for it in Noto Sans Devanagari 2.001 (the reference shaping),
# written out, and the glyphs of its characters one by one (what an unshaped line would draw).
SHAPED = {
    # प ा द ा, the conjunct ङ्ग with the u sign below it, the conjunct ष्ठ, ा स न
    "पादाङ्गुष्ठासन": [46, 66, 42, 66, 497, 721, 565, 66, 60, 44],
    # the i sign drawn before the conjunct त्र it follows in the text, क ो ण ा स न
    "त्रिकोणासन": [607, 269, 25, 79, 39, 66, 60, 44],
    # प ा, the conjunct श्व, and the reph (र्) drawn over it at the end
    "पार्श्व": [46, 66, 559, 181],
}
UNSHAPED = {
    "पादाङ्गुष्ठासन": [46, 66, 42, 66, 29, 81, 27, 69, 59, 81, 36, 66, 60, 44],
    "त्रिकोणासन": [40, 81, 52, 67, 25, 79, 39, 66, 60, 44],
    "पार्श्व": [46, 66, 52, 81, 58, 81, 57],
}


def _workspace(root: Path, devanagari: str, sanskrit: str = "Pādāṅguṣṭhāsana") -> Workspace:
    (root / "sequences").mkdir(parents=True, exist_ok=True)
    (root / "sequences" / "s.yaml").write_text(
        textwrap.dedent(f"""\
        title: Big toe
        steps:
          - name: Big toe hold
            sanskrit: {sanskrit}
            devanagari: {devanagari}
            hold: 5 breaths
            cues: [Lie on the back and hold the big toe of the raised leg.]
        """),
        encoding="utf-8",
    )
    return Workspace(root)


def _booklet(workspace: Workspace) -> bytes:
    loaded = load_workspace(workspace, [])
    return booklet_pdf(loaded.plans[0], "a4", loaded.studio).data


def _harfbuzz(text: str) -> list[int]:
    font = uharfbuzz.Font(uharfbuzz.Face(uharfbuzz.Blob(FONT.read_bytes())))
    buffer = uharfbuzz.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    uharfbuzz.shape(font, buffer, {})
    return [info.codepoint for info in buffer.glyph_infos]


def _outline_key(glyphs, name: str, advance: int) -> tuple:
    pen = DecomposingRecordingPen(glyphs)
    glyphs[name].draw(pen)
    return repr(pen.value), advance


def devanagari_glyphs(pdf: bytes) -> list[frozenset[int]]:
    """The glyph ids (in the original font file) of every glyph the PDF draws in the Devanagari font, in the order
    of its content streams: each char code through the embedded subset's character map to its glyph, and that
    glyph matched by outline and advance to the glyphs of the full font (a set: a few glyphs are drawn alike,
    e.g. the i sign's two forms 67 and 607)."""
    original = TTFont(FONT)
    whole = original.getGlyphSet()
    by_outline: dict[tuple, frozenset[int]] = {}
    for name in original.getGlyphOrder():
        key = _outline_key(whole, name, original["hmtx"][name][0])
        by_outline[key] = by_outline.get(key, frozenset()) | {original.getGlyphID(name)}
    reader = PdfReader(io.BytesIO(pdf))
    found: list[frozenset[int]] = []
    for page in reader.pages:
        subsets = {}
        for resource, ref in page["/Resources"]["/Font"].items():
            font = ref.get_object()
            if DEVANAGARI_FONT in font["/BaseFont"]:
                subset = TTFont(io.BytesIO(font["/FontDescriptor"]["/FontFile2"].get_object().get_data()))
                cmap = subset["cmap"].tables[0].cmap  # ReportLab writes one table: code -> glyph
                subsets[resource] = (subset, cmap, subset.getGlyphSet())
        current = None
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"Tf":
                current = operands[0]
            elif operator in (b"Tj", b"TJ") and current in subsets:
                subset, cmap, glyphs = subsets[current]
                strings = (
                    [operands[0]] if operator == b"Tj" else [s for s in operands[0] if not hasattr(s, "as_numeric")]
                )
                for string in strings:
                    for code in getattr(string, "original_bytes", None) or bytes(string):
                        name = cmap[code]
                        found.append(by_outline[_outline_key(glyphs, name, subset["hmtx"][name][0])])
    return found


def drawn_as(found: list[frozenset[int]], expected: list[int]) -> bool:
    """Whether the PDF's glyphs are these, one for one."""
    return len(found) == len(expected) and all(glyph in drawn for glyph, drawn in zip(expected, found))


def test_the_reference_glyphs_are_harfbuzz_s_and_differ_from_a_letter_by_letter_line():
    for text, glyphs in SHAPED.items():
        assert _harfbuzz(text) == glyphs
        assert UNSHAPED[text] != glyphs  # conjuncts, the reordered i sign and the reph make the difference
        cmap = TTFont(FONT).getBestCmap()
        assert [TTFont(FONT).getGlyphID(cmap[ord(c)]) for c in text] == UNSHAPED[text]


@pytest.mark.parametrize("text", sorted(SHAPED))
def test_the_card_draws_the_glyphs_harfbuzz_gives(tmp_path, text):
    found = devanagari_glyphs(_booklet(_workspace(tmp_path, text)))
    assert drawn_as(found, SHAPED[text]), (found, SHAPED[text])


def test_the_check_fails_for_a_line_drawn_letter_by_letter(tmp_path, monkeypatch):
    """The same card with shaping turned off: the PDF then holds the characters' own glyphs, and the comparison
    with the reference says so."""
    from handouts.layouts import styles

    made = styles.paragraph_styles

    def unshaped(*args, **kwargs):
        found = made(*args, **kwargs)
        found["devanagari"] = styles.ParagraphStyle("unshaped", parent=found["devanagari"], shaping=0)
        return found

    monkeypatch.setattr(styles, "paragraph_styles", unshaped)
    glyphs = devanagari_glyphs(_booklet(_workspace(tmp_path, "पादाङ्गुष्ठासन")))
    assert drawn_as(glyphs, UNSHAPED["पादाङ्गुष्ठासन"])
    assert not drawn_as(glyphs, SHAPED["पादाङ्गुष्ठासन"])


def test_the_devanagari_line_is_printed_under_the_iast_name(tmp_path):
    import pypdfium2

    pdf = _booklet(_workspace(tmp_path, "पादाङ्गुष्ठासन"))
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        (number,) = [
            i for i, page in enumerate(document.pages) if any(DEVANAGARI_FONT in c["fontname"] for c in page.chars)
        ]
        page = document.pages[number]
        iast = [c for c in page.chars if "Italic" in c["fontname"] and c["text"] in "Pādāṅguṣṭhāsana"]
        deva = [c for c in page.chars if DEVANAGARI_FONT in c["fontname"]]
        others = [c for c in page.chars if DEVANAGARI_FONT not in c["fontname"]]
    assert "".join(c["text"] for c in iast) == "Pādāṅguṣṭhāsana"
    iast_bottom = max(c["bottom"] for c in iast)
    left, right = min(c["x0"] for c in deva), max(c["x1"] for c in deva)
    top, bottom = min(c["top"] for c in deva), max(c["bottom"] for c in deva)
    assert top >= iast_bottom - 3  # the line under the name, not beside it
    assert bottom - top < 20 and 50 < right - left < 120  # one line, about 12 pt type
    # nothing else is printed in the band where the Devanagari line goes
    assert not [
        c for c in others if c["bottom"] > top + 2 and c["top"] < bottom - 2 and c["x1"] > left and c["x0"] < right
    ]
    scale = 200 / 72
    image = pypdfium2.PdfDocument(pdf)[number].render(scale=scale).to_pil().convert("L")
    band = image.crop((int(left * scale), int(top * scale), int(right * scale), int(bottom * scale)))
    ink = sum(band.histogram()[:140])  # pixels darker than mid grey
    assert ink > 400  # the glyphs are drawn: a blank band would have none
    above = image.crop((int(left * scale), int((top - 40) * scale), int(right * scale), int((top - 28) * scale)))
    assert sum(above.histogram()[:140]) < ink  # the band is not just any part of the page


def test_a_booklet_without_devanagari_does_not_embed_the_font(tmp_path):
    workspace = _workspace(tmp_path, "पादाङ्गुष्ठासन")
    path = workspace.root / "sequences" / "s.yaml"
    path.write_text(
        "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if "devanagari" not in line),
        encoding="utf-8",
    )
    with pdfplumber.open(io.BytesIO(_booklet(workspace))) as document:
        assert not [c for page in document.pages for c in page.chars if DEVANAGARI_FONT in c["fontname"]]
    assert b"NotoSansDevanagari" not in _booklet(workspace)


_HASH_SCRIPT = """
import hashlib, sys
from pathlib import Path
from handouts.pipeline.products import booklet_pdf
from handouts.pipeline.loading import load_workspace
from handouts.reading.workspace import Workspace
for root in sys.argv[1:]:
    loaded = load_workspace(Workspace(Path(root)), [])
    data = booklet_pdf(loaded.plans[0], "a4", loaded.studio).data
print(hashlib.sha256(data).hexdigest())
"""


def test_a_name_s_glyph_codes_do_not_depend_on_what_was_shaped_before(tmp_path):
    """Shaped conjuncts have no character of their own; their codes are fixed when the font is registered, so a
    booklet is the same whether or not a process made another one first (a client batch's workers do)."""
    one = _workspace(tmp_path / "one", "पादाङ्गुष्ठासन")
    other = _workspace(tmp_path / "other", "परिवृत्त सुप्त पार्श्व त्रिकोणासन", "Parivṛtta Supta Pārśva Trikoṇāsana")

    def digest(*roots: Path) -> str:
        result = subprocess.run(
            [sys.executable, "-c", _HASH_SCRIPT, *map(str, roots)], capture_output=True, text=True, check=True, cwd=ROOT
        )
        return result.stdout.strip()

    alone = digest(one.root)
    assert digest(other.root, one.root) == alone
    assert alone == hashlib.sha256(_booklet(one)).hexdigest()


def test_a_card_a_little_too_tall_for_its_page_leaves_out_its_devanagari_line(tmp_path):
    """One card laid out on pages made shorter a few points at a time: while the page holds it (with smaller
    pictures if need be) it keeps its Devanagari line; on a page a little shorter it is drawn whole without
    that line; only on a page shorter still does it flow over pages, marked "continued"."""
    from handouts.layouts import styles
    from handouts.layouts.card import CardMaker
    from handouts.output.render import DocInfo, render

    ws = tmp_path / "ws"
    (ws / "sequences").mkdir(parents=True)
    (ws / "sequences" / "s.yaml").write_text(
        "title: Tall\nsteps:\n  - pose: supine-twist\n    hold: 5 breaths\n    cues:\n"
        + "".join(f"      - Short cue number {i}.\n" for i in range(12)),
        encoding="utf-8",
    )
    step = load_workspace(Workspace(ws), []).plans[0].items[0]
    palette = styles.palette(None, False)
    s = {**styles.paragraph_styles(palette), **styles.booklet_styles(palette)}
    width, margin = 300.0, 20.0
    outcomes = []
    for height in range(560, 200, -3):
        page = styles.PageSpec("test", (width + 2 * margin, height + 2 * margin), margin, margin, margin, margin)
        cards = CardMaker(width, page.frame_height, s, palette).card(step, 0)
        with pdfplumber.open(io.BytesIO(render(cards, page, DocInfo("t"), folio_from=99))) as document:
            text = " ".join(p.extract_text() or "" for p in document.pages)
            shown = any(DEVANAGARI_FONT in c["fontname"] for p in document.pages for c in p.chars)
            flows = len(document.pages) > 1
        assert "Short cue number 11." in text
        outcomes.append("flows" if flows else "with" if shown else "without")
        if flows:
            break
    assert outcomes[0] == "with" and outcomes[-1] == "flows", outcomes
    first_without = outcomes.index("without")  # fails when no page height drops the line
    assert set(outcomes[:first_without]) == {"with"} and set(outcomes[first_without:-1]) == {"without"}, outcomes


# -- the built-in library -------------------------------------------------------------------------------------


def _library() -> dict[str, dict]:
    import yaml

    poses = {}
    for path in builtin_files():
        poses.update(yaml.safe_load(path.read_text(encoding="utf-8"))["poses"])
    return poses


def test_every_built_in_sanskrit_name_has_its_devanagari_and_only_those():
    poses = _library()
    assert len(poses) == 92  # 52, 13 restorative, 13 from the programme, 14 on a chair
    with_sanskrit = {pid for pid, pose in poses.items() if "sanskrit" in pose}
    with_devanagari = {pid for pid, pose in poses.items() if "devanagari" in pose}
    assert with_devanagari == with_sanskrit and len(with_devanagari) == 48
    for pid in with_devanagari:
        assert all("\u0900" <= c <= "\u097f" or c in " -" for c in poses[pid]["devanagari"]), pid


@pytest.mark.parametrize(
    "pid, devanagari",
    [
        ("child-pose", "बालासन"),
        ("downward-dog", "अधो मुख श्वानासन"),
        ("standing-big-toe", "उत्थित हस्त पादाङ्गुष्ठासन"),
        ("supta-padangusthasana-open", "सुप्त पादाङ्गुष्ठासन"),  # "II" is not part of the name
        ("cat-cow", "मार्जार्यासन-बितिलासन"),
        ("seated-side-bend", "पार्श्व सुखासन"),
        ("supine-twist", "सुप्त मत्स्येन्द्रासन"),
    ],
)
def test_built_in_names_in_devanagari(pid, devanagari):
    assert _library()[pid]["devanagari"] == devanagari


def test_warrior_one_has_no_roman_numeral_in_devanagari():
    warriors = {
        pid: pose["devanagari"] for pid, pose in _library().items() if pose.get("sanskrit") == "Vīrabhadrāsana I"
    }
    assert warriors == {"warrior-1": "वीरभद्रासन", "warrior-1-wall": "वीरभद्रासन"}


# -- the plan: whose Devanagari a step prints -----------------------------------------------------------------


def test_a_step_prints_the_library_s_devanagari_unless_it_renames_the_sanskrit(tmp_path):
    (tmp_path / "sequences").mkdir()
    (tmp_path / "sequences" / "s.yaml").write_text(
        textwrap.dedent("""\
        title: Names
        steps:
          - pose: child-pose
            hold: 5 breaths
          - pose: child-pose
            sanskrit: Śaśāṅkāsana
            hold: 5 breaths
          - pose: child-pose
            sanskrit: Śaśāṅkāsana
            devanagari: शशाङ्कासन
            hold: 5 breaths
          - pose: mountain
            devanagari: समस्थिति
            hold: 5 breaths
          - pose: wall-dog
            hold: 5 breaths
        """),
        encoding="utf-8",
    )
    steps = load_workspace(Workspace(tmp_path), []).plans[0].steps
    assert [s.devanagari for s in steps] == ["बालासन", None, "शशाङ्कासन", "समस्थिति", None]
