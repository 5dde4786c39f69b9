"""The bundled fonts: registering them with ReportLab once, and checking that they can draw every character.

ReportLab draws a missing glyph as a blank or a box and never says so, so every piece of user text is checked
against the font's character map before anything is laid out, and a missing character is a located error.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from .errors import Problem
from .model import Text

PACKAGE_DIR = Path(__file__).parent
# Installed wheels carry the fonts inside the package; a source checkout keeps them in fonts/ at the top.
FONT_DIRS = (PACKAGE_DIR / "fonts", PACKAGE_DIR.parent / "fonts")

FAMILY = "SourceSans3"
FACES = {
    FAMILY: "SourceSans3-Regular.ttf",
    f"{FAMILY}-Bold": "SourceSans3-Bold.ttf",
    f"{FAMILY}-Italic": "SourceSans3-Italic.ttf",
    f"{FAMILY}-BoldItalic": "SourceSans3-BoldItalic.ttf",
}


def font_file(name: str) -> Path:
    for folder in FONT_DIRS:
        path = folder / name
        if path.is_file():
            return path
    raise FileNotFoundError(f"bundled font {name} is missing from {', '.join(map(str, FONT_DIRS))}")


@lru_cache(maxsize=None)
def register() -> str:
    """Register the family (once per process); returns the regular face's name."""
    for face, file in FACES.items():
        pdfmetrics.registerFont(TTFont(face, str(font_file(file))))
    addMapping(FAMILY, 0, 0, FAMILY)
    addMapping(FAMILY, 1, 0, f"{FAMILY}-Bold")
    addMapping(FAMILY, 0, 1, f"{FAMILY}-Italic")
    addMapping(FAMILY, 1, 1, f"{FAMILY}-BoldItalic")
    return FAMILY


@lru_cache(maxsize=None)
def coverage(face: str = FAMILY) -> frozenset[int]:
    """The code points every face of the family can draw."""
    register()
    maps = [set(pdfmetrics.getFont(f).face.charToGlyph) for f in FACES]
    return frozenset(set.intersection(*maps))


def missing_characters(text: str, face: str = FAMILY) -> list[str]:
    have = coverage(face)
    if have.issuperset(map(ord, text)):  # nearly always: no need to look at each character
        return []
    return sorted({c for c in text if ord(c) not in have and not c.isspace()
                   and unicodedata.category(c) not in ("Cc", "Cf")})


def check_texts(texts, face: str = FAMILY) -> list[Problem]:
    """A located problem for each user text holding a character the bundled font cannot draw."""
    problems = []
    for text in texts:
        missing = missing_characters(text, face)
        if missing and isinstance(text, Text):
            shown = ", ".join(f"'{c}' (U+{ord(c):04X} {unicodedata.name(c, 'unnamed')})" for c in missing)
            where = f"{text.field}: " if text.field else ""
            problems.append(Problem(text.location, f"{where}the font {FAMILY} cannot print {shown}",
                                    "replace the character, e.g. with plain letters or IAST diacritics"))
    return problems
