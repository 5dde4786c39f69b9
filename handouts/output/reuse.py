"""The parts of a PDF that a process makes again and again, made once: compressed streams and font subsets.

A client batch writes the same booklet for every client with only the cover changed, and a build session
rebuilds the same handout after each save. ReportLab compresses every page's drawing, and cuts every font down
to the characters a PDF uses, anew for each PDF: about a tenth of a client's booklet. Both are pure functions of
their input (zlib at its default level; a subset of one parsed font file), so the same input gives the same bytes
however it is made: here each is remembered by its input and given back when the same input comes again. A PDF
made with `install()` is the same byte for byte as one made without.

What is remembered is bounded (`KEPT_BYTES` of compressed streams, `KEPT_SUBSETS` font subsets): the oldest go
first. A forked worker of a batch inherits what the process before it made.
"""

from __future__ import annotations

import threading
import zlib
from collections import OrderedDict

KEPT_BYTES = 32 * 1024 * 1024  # the input and output bytes of the compressed streams remembered at most
KEPT_SUBSETS = 64  # font subsets remembered at most

_lock = threading.Lock()
_streams: OrderedDict[bytes, bytes] = OrderedDict()  # a stream's bytes -> them compressed
_stream_bytes = 0
_subsets: OrderedDict[tuple, tuple[object, bytes]] = OrderedDict()  # (id of the face, subset) -> (face, bytes)
_installed = False
_made_by_reportlab = None  # ReportLab's own makeSubset, once installed


def compressed(data: bytes) -> bytes:
    """`zlib.compress(data)` (ReportLab's FlateDecode), remembered for the next PDF that holds the same stream."""
    global _stream_bytes
    with _lock:
        found = _streams.get(data)
        if found is not None:
            _streams.move_to_end(data)
            return found
    made = zlib.compress(data)
    with _lock:
        if data not in _streams:
            _streams[data] = made
            _stream_bytes += len(data) + len(made)
            while _stream_bytes > KEPT_BYTES and _streams:
                old, old_made = _streams.popitem(last=False)
                _stream_bytes -= len(old) + len(old_made)
    return made


def subset(face, make, characters) -> bytes:
    """`make(characters)`: a font file cut down to `characters` (ReportLab's makeSubset of `face`), remembered."""
    key = (id(face), tuple(characters))
    with _lock:
        found = _subsets.get(key)
        if found is not None and found[0] is face:
            _subsets.move_to_end(key)
            return found[1]
    made = make(characters)
    with _lock:
        _subsets[key] = (face, made)  # the face kept with it: its id cannot name another face meanwhile
        while len(_subsets) > KEPT_SUBSETS:
            _subsets.popitem(last=False)
    return made


def install() -> None:
    """ReportLab's stream compression and font subsetting go through the memory above from now on (once)."""
    global _installed, _made_by_reportlab
    if _installed:
        return
    from reportlab.pdfbase import pdfdoc
    from reportlab.pdfbase.ttfonts import TTFontFile

    def encode(self, text):
        if isinstance(text, str):
            text = text.encode("utf8")
        return compressed(bytes(text))

    make_subset = _made_by_reportlab = TTFontFile.makeSubset

    def make(self, characters):
        return subset(self, lambda chosen: make_subset(self, chosen), characters)

    pdfdoc.PDFStreamFilterZCompress.encode = encode
    TTFontFile.makeSubset = make
    _installed = True
