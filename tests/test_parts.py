"""The layouts' Paragraph, which remembers parsed markup and line breaks across documents, gives exactly what
ReportLab's own Paragraph gives."""

from __future__ import annotations

from reportlab.platypus.paragraph import Paragraph as Plain

from handouts.layouts.parts import Paragraph
from handouts.layouts.styles import paragraph_styles

TEXT = "A cue long enough to wrap differently at different widths, with <b>bold</b> &amp; more words. " * 4


def lines(paragraph) -> list:
    blpara = paragraph.blPara
    return [getattr(line, "words", line) for line in blpara.lines]


def test_the_same_text_at_other_widths_and_styles_wraps_as_reportlab_does():
    styles = paragraph_styles()
    for name, bullet in (("body", None), ("cue", "3."), ("caution", None), ("cue", "3.")):
        for width in (90, 160, 300, 90, 160):
            mine, plain = Paragraph(TEXT, styles[name], bulletText=bullet), Plain(TEXT, styles[name], bulletText=bullet)
            assert mine.wrap(width, 10_000) == plain.wrap(width, 10_000), (name, width)
            assert repr(lines(mine)) == repr(lines(plain)), (name, width)


def test_equal_styles_made_afresh_share_and_other_sizes_do_not():
    first, second = paragraph_styles()["body"], paragraph_styles()["body"]
    assert first is not second
    a, b = Paragraph(TEXT, first), Paragraph(TEXT, second)
    assert a.wrap(200, 10_000) == b.wrap(200, 10_000)
    bigger = paragraph_styles()["heading"]
    assert Paragraph(TEXT, bigger).wrap(200, 10_000) == Plain(TEXT, bigger).wrap(200, 10_000)
    assert Paragraph(TEXT, bigger).wrap(200, 10_000) != a.wrap(200, 10_000)
