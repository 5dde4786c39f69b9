"""Compressed streams and font subsets made once per process (output/reuse.py): the same bytes as ReportLab makes."""

import zlib

from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import TTFontFile

from handouts.layouts import fonts
from handouts.output import render, reuse  # importing render installs the reuse


def test_a_stream_compressed_again_is_the_same_bytes_and_remembered():
    data = b"BT /F1 10 Tf 72 720 Td (Lie on your back) Tj ET\n" * 50
    first = pdfdoc.PDFZCompress.encode(data)
    assert zlib.decompress(first) == data
    assert first == zlib.compress(data)
    assert reuse._streams[data] is first  # remembered: the next PDF with this stream gets these bytes
    assert pdfdoc.PDFZCompress.encode(data) is first
    assert zlib.decompress(pdfdoc.PDFZCompress.encode("Tj (\u00e4)")) == "Tj (\u00e4)".encode("utf8")


def test_remembered_streams_stay_within_their_bound(monkeypatch):
    monkeypatch.setattr(reuse, "KEPT_BYTES", 3000)
    for n in range(20):
        reuse.compressed(bytes([n]) * 1000)
    assert reuse._stream_bytes <= 3000
    assert sum(len(k) + len(v) for k, v in reuse._streams.items()) == reuse._stream_bytes
    assert bytes([19]) * 1000 in reuse._streams  # the newest kept, the oldest gone
    assert bytes([0]) * 1000 not in reuse._streams


def test_a_font_subset_is_what_reportlab_makes_and_is_made_once():
    face = pdfmetrics.getFont(fonts.register()).face
    characters = [0, *range(32, 127), 0xE9, 0x101]
    reuse._subsets.clear()
    made = face.makeSubset(list(characters))
    assert TTFontFile.makeSubset.__module__ == "handouts.output.reuse"
    assert made == reuse._made_by_reportlab(face, list(characters))  # what ReportLab itself makes
    assert made[:4] == b"\x00\x01\x00\x00"  # a TrueType file
    assert face.makeSubset(list(characters)) is made  # given back, not made again
    other = face.makeSubset(list(characters[:-1]))
    assert other != made and len(other) < len(made)
    calls = []
    assert reuse.subset(face, lambda chosen: calls.append(chosen) or b"new", characters) is made
    assert calls == []


def test_the_page_frame_deep_copied_is_what_copy_deepcopy_makes_of_a_frame():
    import copy

    from reportlab.platypus import Frame

    ours = render._Frame(10, 20, 300, 400, id="body", leftPadding=0)
    theirs = Frame(10, 20, 300, 400, id="body", leftPadding=0)
    for frame in (ours, theirs):
        frame._frameBGs = [("a", 1)]
        frame._saveGeom(x1=5)
    copied, reference = copy.deepcopy(ours), copy.deepcopy(theirs)
    assert type(copied) is render._Frame
    assert copied.__dict__ == reference.__dict__
    assert copied._frameBGs is not ours._frameBGs  # a list is copied, as deepcopy copies it
    copied._frameBGs.append("b")
    assert ours._frameBGs == [("a", 1)]
    assert (copied.x1, copied.width, copied.id) == (5, 300, "body")


def test_the_languages_read_only_the_built_in_tables_asked_for(tmp_path, monkeypatch):
    from handouts.core.errors import Collector
    from handouts.pipeline import loading
    from handouts.reading.workspace import Workspace

    (tmp_path / "labels").mkdir()
    (tmp_path / "labels" / "nl.yaml").write_text("language: Nederlands\n", encoding="utf-8")
    read = []
    table = loading.built_in_table
    monkeypatch.setattr(loading, "built_in_table", lambda code: read.append(code) or table(code))
    found = loading.read_languages(Workspace(tmp_path), Collector())
    assert isinstance(found, loading.Languages)
    assert list(found) == ["en", "de", "es", "fr", "nl"] and read == []
    assert found["nl"].name == "Nederlands"
    assert found.get("fr").code == "fr" and found.get("xx") is None
    assert read == ["nl", "fr"]  # never asked for: never read
    assert {code: words.code for code, words in {**found}.items()} == {c: c for c in ("en", "de", "es", "fr", "nl")}
    assert found["de"].name == "Deutsch"
    assert found == {code: found[code] for code in ("en", "de", "es", "fr", "nl")}
