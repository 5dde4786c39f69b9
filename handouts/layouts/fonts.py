"""The bundled fonts: registering them with ReportLab once, and checking that they can draw every character.

ReportLab draws a missing glyph as a blank or a box and never says so, so every piece of user text is checked
against the font's character map before anything is laid out, and a missing character is a located error.

Source Sans 3 sets every text but one: a pose's `devanagari:` name, set in Noto Sans Devanagari, the only font
that is shaped (uharfbuzz through ReportLab's paragraph shaping: conjuncts, the i-matra before its consonant,
reph). It is registered only when a Devanagari name is checked or printed, so a build without one reads and
embeds nothing more. Its glyphs that no character maps to (conjuncts, half forms) get private-use codes in
glyph order at registration, so a glyph's code in the PDF never depends on what was shaped before.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics

from handouts.core.errors import Problem
from handouts.core.model import Text
from handouts.layouts import fontfaces
from handouts.reading.schema import is_devanagari

PACKAGE_DIR = Path(__file__).parent.parent
# Installed wheels carry the fonts inside the package; a source checkout keeps them in fonts/ at the top.
FONT_DIRS = (PACKAGE_DIR / "fonts", PACKAGE_DIR.parent / "fonts")

FAMILY = "SourceSans3"
FACES = {
    FAMILY: "SourceSans3-Regular.ttf",
    f"{FAMILY}-Bold": "SourceSans3-Bold.ttf",
    f"{FAMILY}-Italic": "SourceSans3-Italic.ttf",
    f"{FAMILY}-BoldItalic": "SourceSans3-BoldItalic.ttf",
}


DEVANAGARI = "NotoSansDevanagari"
DEVANAGARI_FILE = "NotoSansDevanagari-Regular.ttf"
DEVANAGARI_FIELD = "devanagari"  # the one field set in the Devanagari font


def font_file(name: str) -> Path:
    for folder in FONT_DIRS:
        path = folder / name
        if path.is_file():
            return path
    raise FileNotFoundError(f"bundled font {name} is missing from {', '.join(map(str, FONT_DIRS))}")


@cache
def register() -> str:
    """Register the family (once per process); returns the regular face's name."""
    for face, file in FACES.items():
        pdfmetrics.registerFont(fontfaces.parsed(face, font_file(file)))  # as kept, or parsed now
    addMapping(FAMILY, 0, 0, FAMILY)
    addMapping(FAMILY, 1, 0, f"{FAMILY}-Bold")
    addMapping(FAMILY, 0, 1, f"{FAMILY}-Italic")
    addMapping(FAMILY, 1, 1, f"{FAMILY}-BoldItalic")
    return FAMILY


@cache
def register_devanagari() -> str:
    """Register the Devanagari font (once per process, and only when a text needs it), shaped; returns its name.

    ReportLab writes a glyph to the PDF by a character that maps to it; a shaped conjunct has none, and
    ReportLab would give it the next free private-use code when it first meets it, so that the same name could
    get different codes in two PDFs. Every unmapped glyph gets its code here instead, in glyph order."""
    try:  # imported here, not with this module: a build without a Devanagari name never loads it (startup.LAZY)
        import uharfbuzz  # noqa: F401
    except ImportError:  # pragma: no cover - a dependency: only a broken install lacks it
        raise RuntimeError("the Python package uharfbuzz is missing: install handouts again (pip install .)") from None
    font = fontfaces.parsed(DEVANAGARI, font_file(DEVANAGARI_FILE), shapable=True)
    face = font.face
    _DEVANAGARI_CMAP.update(face.charToGlyph)
    code = 0xE000
    for glyph in range(face.numGlyphs):
        if glyph in face.glyphToChar or glyph == 0:
            continue
        while code in face.charToGlyph:
            code += 1
        face.charToGlyph[code] = glyph
        face.glyphToChar[glyph] = [code]
        face.charWidths[code] = face.hmetrics[glyph][0] * 1000 / face.unitsPerEm
    pdfmetrics.registerFont(font)
    return DEVANAGARI


_DEVANAGARI_CMAP: dict[int, int] = {}  # the font's own character map, before the private-use codes


@cache
def coverage(face: str = FAMILY) -> frozenset[int]:
    """The code points every face of the family can draw (or the Devanagari font, by its own character map:
    read from the file alone, so that checking a name neither parses the whole font nor loads the shaper)."""
    if face == DEVANAGARI:
        if DEVANAGARI in pdfmetrics.getRegisteredFontNames():
            return frozenset(_DEVANAGARI_CMAP)
        mapped = character_map(font_file(DEVANAGARI_FILE))
        if mapped is None:  # a character map of a kind read only by ReportLab's own parser
            register_devanagari()
            return frozenset(_DEVANAGARI_CMAP)
        return mapped
    register()
    maps = [set(pdfmetrics.getFont(f).face.charToGlyph) for f in FACES]
    return frozenset(set.intersection(*maps))


def character_map(path: Path) -> frozenset[int] | None:
    """The code points a TrueType font's character map lists, chosen and read as ReportLab's TTFontFile does
    (its last Unicode subtable; formats 4 and 12); None for any other format."""
    import struct

    data = path.read_bytes()
    tables = {
        data[12 + 16 * i : 16 + 16 * i]: struct.unpack_from(">I", data, 20 + 16 * i)[0]
        for i in range(struct.unpack_from(">H", data, 4)[0])
    }
    start = tables.get(b"cmap")
    if start is None:
        return None
    version, count = struct.unpack_from(">HH", data, start)
    if count == 0 and version != 0:
        count = version
    chosen, kind = None, 0
    for i in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", data, start + 4 + 8 * i)
        if platform == 3 or (platform == 1 and encoding == 1) or (platform == 0 and encoding != 5):
            chosen, kind = offset, 1
        elif platform == 1 and encoding == 0 and kind != 1:
            chosen, kind = offset, 2
    if chosen is None:
        return None
    at = start + chosen
    fmt = struct.unpack_from(">H", data, at)[0]
    codes: set[int] = set()
    if fmt == 4:
        segments = struct.unpack_from(">H", data, at + 6)[0] // 2
        ends = struct.unpack_from(f">{segments}H", data, at + 14)
        starts = struct.unpack_from(f">{segments}H", data, at + 16 + 2 * segments)
        for first, last in zip(starts, ends):
            codes.update(range(first, last + 1))
    elif fmt == 12:
        groups = struct.unpack_from(">I", data, at + 12)[0]
        for i in range(groups):
            first, last = struct.unpack_from(">II", data, at + 16 + 12 * i)
            codes.update(range(first, last + 1))
    else:
        return None
    return frozenset(codes)


def missing_characters(text: str, face: str = FAMILY) -> list[str]:
    have = coverage(face)
    if have.issuperset(map(ord, text)):  # nearly always: no need to look at each character
        return []
    return sorted(
        {c for c in text if ord(c) not in have and not c.isspace() and unicodedata.category(c) not in ("Cc", "Cf")}
    )


def check_texts(texts, face: str = FAMILY) -> list[Problem]:
    """A located problem for each user text holding a character the bundled font cannot draw (a `devanagari:`
    name: the Devanagari font; its characters outside Devanagari are the field's own error)."""
    problems = []
    for text in texts:
        field = str(getattr(text, "field", "")).rsplit(".", 1)[-1]
        if field == DEVANAGARI_FIELD:
            missing = [c for c in missing_characters(text, DEVANAGARI) if is_devanagari(c)]
            font, hint = DEVANAGARI, "write the name with other letters, or leave 'devanagari:' out"
        else:
            missing = missing_characters(text, face)
            font, hint = FAMILY, "replace the character, e.g. with plain letters or IAST diacritics"
            if field == "sanskrit" and any(map(is_devanagari, missing)):
                hint = "write the Sanskrit name here in IAST (e.g. Bālāsana), and the Devanagari under 'devanagari:'"
        if missing and isinstance(text, Text):
            shown = ", ".join(f"'{c}' (U+{ord(c):04X} {unicodedata.name(c, 'unnamed')})" for c in missing)
            where = f"{text.field}: " if text.field else ""
            problems.append(Problem(text.location, f"{where}the font {font} cannot print {shown}", hint))
    return problems
