"""A PDF's pages as PNG images for the studio's preview, drawn with pypdfium2.

Each image is kept in memory by the PDF's bytes (their hash), the page and the scale, so a page that did not change
is drawn once; the PDF's hash is kept by its file's size and modification time, so an unchanged file is not read
again. pdfium is not safe from two threads at once: one lock covers every call into it.
"""

from __future__ import annotations

import hashlib
import io
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import pypdfium2  # type: ignore[import-untyped]

SCALES = {"fit": 2.0, "100": 1.33, "150": 2.0}  # the zoom control's choices -> pixels per PDF point
LOWEST, HIGHEST = 0.5, 3.0  # a scale asked for in the address is held between these
IMAGES_KEPT = 200  # page images kept in memory (an A5 page at scale 2 is 100-300 KB)
ASKS_KEPT = 12  # the latest page images asked for, drawn again ahead of the browser after a rebuild


@dataclass(frozen=True)
class Pdf:
    """One version of a PDF file: its bytes, their hash, and each page's size in points."""

    data: bytes
    digest: str
    sizes: tuple[tuple[float, float], ...]

    @property
    def pages(self) -> int:
        return len(self.sizes)


def clamp_scale(asked: str | None) -> float:
    """The scale asked for in an address (`?scale=1.5`), held between LOWEST and HIGHEST, to two decimals;
    the zoom's 'fit' when missing or not a number."""
    try:
        value = float(asked) if asked else SCALES["fit"]
    except ValueError:
        value = SCALES["fit"]
    if value != value:  # not a number
        value = SCALES["fit"]
    return round(min(max(value, LOWEST), HIGHEST), 2)


class PageImages:
    """Reads PDFs and draws their pages, remembering both. Safe from any thread: the memory has one lock, pdfium
    another (held only while it reads or draws, not while a PNG is packed), and an image being drawn is waited for,
    not drawn twice."""

    def __init__(self, kept: int = IMAGES_KEPT) -> None:
        self._lock = threading.Lock()  # the dictionaries below
        self._pdfium = threading.Lock()  # every call into pdfium
        self._pdfs: dict[Path, tuple[tuple[int, int], Pdf]] = {}  # path -> ((size, mtime), that version)
        self._images: OrderedDict[tuple[str, int, float], bytes] = OrderedDict()
        self._drawing: dict[tuple[str, int, float], threading.Event] = {}
        self._reading: dict[Path, threading.Event] = {}
        self._kept = kept
        self._asked: OrderedDict[tuple[str, str, int, float], None] = OrderedDict()  # (slug, product, page, scale)

    def pdf(self, path: Path) -> Pdf:
        """The PDF at `path` as it is now (read again only when its size or time changed; read once however many
        ask at the same time)."""
        while True:
            stat = path.stat()
            key = (stat.st_size, stat.st_mtime_ns)
            with self._lock:
                known = self._pdfs.get(path)
                if known and known[0] == key:
                    return known[1]
                reading = self._reading.get(path)
                if reading is None:
                    self._reading[path] = threading.Event()
                    break
            reading.wait()  # another thread reads it: take theirs (or read it again if it changed meanwhile)
        try:
            data = path.read_bytes()
            with self._pdfium:
                sizes = _sizes(data)
            pdf = Pdf(data, hashlib.sha256(data).hexdigest(), sizes)
            with self._lock:
                self._pdfs[path] = (key, pdf)
            return pdf
        finally:
            with self._lock:
                self._reading.pop(path).set()

    def png(self, pdf: Pdf, page: int, scale: float) -> bytes:
        """Page `page` (1-based, within the PDF) drawn at `scale` pixels per point, as PNG bytes."""
        key = (pdf.digest, page, scale)
        while True:
            with self._lock:
                image = self._images.get(key)
                if image is not None:
                    self._images.move_to_end(key)
                    return image
                drawing = self._drawing.get(key)
                if drawing is None:
                    self._drawing[key] = threading.Event()
                    break
            drawing.wait()  # another thread draws it: take theirs
        try:
            with self._pdfium:
                picture = _render(pdf.data, page, scale)
            out = io.BytesIO()
            picture.save(out, format="PNG", compress_level=3)
            image = out.getvalue()
            with self._lock:
                self._images[key] = image
                while len(self._images) > self._kept:
                    self._images.popitem(last=False)
            return image
        finally:
            with self._lock:
                self._drawing.pop(key).set()

    def asked(self, slug: str, product: str, page: int, scale: float) -> None:
        """Remember that a page showed this image: after the next rebuild of `slug` it is drawn ahead of time."""
        with self._lock:
            self._asked[(slug, product, page, scale)] = None
            self._asked.move_to_end((slug, product, page, scale))
            while len(self._asked) > ASKS_KEPT:
                self._asked.popitem(last=False)

    def shown_of(self, slug: str) -> list[tuple[str, int, float]]:
        """The (product, page, scale) of `slug` asked for lately, latest first."""
        with self._lock:
            return [(product, page, scale) for (s, product, page, scale) in reversed(self._asked) if s == slug]


def _sizes(data: bytes) -> tuple[tuple[float, float], ...]:
    document = pypdfium2.PdfDocument(data)
    try:
        return tuple(tuple(document[i].get_size()) for i in range(len(document)))
    finally:
        document.close()


def _render(data: bytes, page: int, scale: float):
    """The page as a PIL image (pdfium's part of drawing it)."""
    document = pypdfium2.PdfDocument(data)
    try:
        return document[page - 1].render(scale=scale).to_pil()
    finally:
        document.close()
