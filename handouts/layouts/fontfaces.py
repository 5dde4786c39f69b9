"""A bundled font as ReportLab parses it, kept between runs so that a build does not parse the same four fonts
again (`parsed`).

ReportLab reads a TrueType file's tables into Python values when the font is registered (its character map,
widths, glyph places: about 7 ms a face, read two bytes at a time). What that gives depends only on the file's
bytes and ReportLab's code, so it is kept in the user's cache (core/kept.py) under a hash of the file's content,
the font's name, ReportLab's and Python's versions and ReportLab's settings that change it. The file itself is
still read every run: the kept values come without the file's bytes, which ReportLab subsets from when a PDF is
written, so the PDF is the same byte for byte. A kept file that cannot be read or loaded, or is not what it should be,
is parsed again and written again; one that cannot be written is not kept (the run goes on).
"""

from __future__ import annotations

import hashlib
import marshal
import sys
from pathlib import Path
from weakref import WeakKeyDictionary

import reportlab
from reportlab import rl_config
from reportlab.pdfbase import ttfonts
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace

from handouts.core import kept

FORM = "handouts font 1"  # the kept file's first value: what it holds and how
# the face's values the kept file must hold (a check that it is what it should be)
_NEEDED = ("charToGlyph", "charWidths", "glyphPos", "hmetrics", "unitsPerEm", "name", "table")


def key(name: str, data: bytes, shapable: bool) -> str:
    """The hash naming a font's kept file: its bytes, the name it is registered under, and all that ReportLab's
    parse of it depends on."""
    digest = hashlib.sha256()
    for part in (
        name,
        str(shapable),
        str(ttfonts.uharfbuzz is not None),  # whether ReportLab found its shaper (not loaded by asking)
        str(rl_config.ttfAsciiReadable),
        reportlab.Version,
        sys.version,
        str(marshal.version),
    ):
        digest.update(part.encode() + b"\0")
    digest.update(data)
    return digest.hexdigest()[:32]


def parsed(name: str, path: Path, shapable: bool = True) -> TTFont:
    """`TTFont(name, path, shapable=shapable)`: as kept for these bytes, else parsed now (and kept)."""
    data = path.read_bytes()
    file = f"font-{key(name, data, shapable)}.marshal"
    found = kept.read(file)
    if found is not None:
        font = _restored(found, name, str(path), data)
        if font is not None:
            return font
    font = TTFont(name, str(path), shapable=shapable)
    form = _kept_form(font)
    if form is not None:
        kept.write(file, form)
    return font


def _kept_form(font: TTFont) -> bytes | None:
    """The font's values in marshal's form (three times quicker to load than pickle's), without what is made
    again on restoring: the file's bytes, the per-PDF state, the encoding (always UTF-8) and the scale function;
    the names ReportLab keeps as TTFNameBytes are kept as bytes and listed. None: a value marshal cannot keep."""
    own = {k: v for k, v in vars(font).items() if k not in ("face", "state", "encoding")}
    face = {k: v for k, v in vars(font.face).items() if k not in ("_ttf_data", "_pdfScale")}
    names = sorted(k for k, v in face.items() if isinstance(v, ttfonts.TTFNameBytes))
    face.update((k, bytes(face[k])) for k in names)
    try:
        return marshal.dumps((FORM, own, face, names))
    except ValueError:  # a value of a kind marshal cannot write (another ReportLab): not kept
        return None


def _restored(found: bytes, name: str, filename: str, data: bytes) -> TTFont | None:
    try:
        form, own, face_values, names = marshal.loads(found)
    except Exception:  # damaged, cut short, or written by something else
        return None
    if form != FORM or not (isinstance(own, dict) and isinstance(face_values, dict) and isinstance(names, list)):
        return None
    if own.get("fontName") != name or face_values.get("filename") != filename:
        return None
    if any(k not in face_values for k in _NEEDED) or not isinstance(face_values["unitsPerEm"], int):
        return None
    if not all(isinstance(face_values.get(k), bytes) for k in names):
        return None
    face = TTFontFace.__new__(TTFontFace)
    vars(face).update(face_values)
    for k in names:
        setattr(face, k, ttfonts.TTFNameBytes(face_values[k]))  # bytes in UTF-8 and their text, as it made them
    face._ttf_data = data
    face._pdfScale = _scale(face.unitsPerEm)
    font = TTFont.__new__(TTFont)
    vars(font).update(own)
    font.face = face
    font.encoding = ttfonts.TTEncoding()
    font.state = WeakKeyDictionary()
    return font


def _scale(units_per_em: int):
    """ReportLab's scale from font units to thousandths of the type size, computed as its parser does."""
    if units_per_em == 1000:
        return lambda x: x
    per = 1000 / units_per_em
    return lambda x: x * per
