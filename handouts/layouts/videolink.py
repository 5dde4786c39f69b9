"""A step's video on the page: on the booklet's card, the QR code of its web address with a label under it
("Video", in the handout's language), the two one link (`VideoCode`, at the card's top right corner beside the
name); on the cheat sheet, the step's name as a link, underlined (`link_text`).

The QR code is drawn from ReportLab's own encoder (reportlab.graphics.barcode.qrencoder), as one filled path of
its dark modules, each row's runs joined: vector, the same bytes for the same address, `styles.VIDEO_CODE` on a
side whatever the address's length (a longer one makes finer modules: limits.VIDEO_CHARS keeps them 0.3 mm or
more), error correction level M (a crease or a smudge on a printed card still scans), or L for a long address
whose squares M would make too fine. Its quiet zone is the white around it: `styles.VIDEO_TO_NAME` to the text
beside it, the page margin to its right.
"""

from __future__ import annotations

from functools import lru_cache

from reportlab.platypus import Flowable

from handouts.layouts import styles
from handouts.layouts.parts import Paragraph, esc


@lru_cache(maxsize=256)
def modules(url: str) -> tuple[tuple[bool, ...], ...]:
    """The QR code of `url` as rows of modules, top row first (True: dark), without its quiet zone: at error
    correction level M, or L where M would make more than `styles.VIDEO_MODULES` a side (a long address)."""
    from reportlab.graphics.barcode import qrencoder  # here: a build without videos never loads the encoder

    for level in (qrencoder.QRErrorCorrectLevel.M, qrencoder.QRErrorCorrectLevel.L):
        code = qrencoder.QRCode(None, level)
        code.addData(url)
        code.make()
        if code.getModuleCount() <= styles.VIDEO_MODULES:
            break
    return tuple(tuple(bool(m) for m in row) for row in code.modules)


def draw_code(canvas, url: str, x: float, y: float, side: float, color) -> None:
    """The QR code of `url` as a `side` square with its lower left corner at (x, y)."""
    rows = modules(url)
    unit = side / len(rows)
    path = canvas.beginPath()
    for r, row in enumerate(rows):
        top = y + side - (r + 1) * unit
        c = 0
        while c < len(row):
            if not row[c]:
                c += 1
                continue
            start = c
            while c < len(row) and row[c]:
                c += 1
            path.rect(x + start * unit, top, (c - start) * unit, unit)
    canvas.saveState()
    canvas.setFillColor(color)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


class VideoCode(Flowable):
    """The QR code of a step's video with its label under it, at the right of a column `styles.VIDEO_TO_NAME`
    wider than the code; the code and the label are one link to the video."""

    def __init__(self, url: str, label: str, style, color):
        super().__init__()
        self.url, self.color = url, color
        self.label = Paragraph(esc(label), style)
        self.width = styles.VIDEO_CODE + styles.VIDEO_TO_NAME
        self.height = 0.0

    def wrap(self, availWidth, availHeight):
        _, label = self.label.wrap(styles.VIDEO_CODE, 1e6)
        self.height = styles.VIDEO_CODE + styles.VIDEO_LABEL_GAP + label
        return self.width, self.height

    def draw(self):
        canvas, side = self.canv, styles.VIDEO_CODE
        left = self.width - side
        draw_code(canvas, self.url, left, self.height - side, side, self.color)
        self.label.drawOn(canvas, left, 0)
        canvas.linkURL(self.url, (left, 0, self.width, self.height), relative=1, thickness=0)


def link_text(canvas, url: str, x: float, y: float, width: float, height: float, lines, color) -> None:
    """The link to a video over a text's box (lower left corner x, y), each of its `lines` underlined
    ((left, baseline, right) in the same space): what says, on the screen, that the name opens the video."""
    canvas.saveState()
    canvas.setStrokeColor(color)
    canvas.setLineWidth(styles.VIDEO_UNDERLINE)
    for left, baseline, right in lines:
        canvas.line(left, baseline, right, baseline)
    canvas.restoreState()
    canvas.linkURL(url, (x, y, x + width, y + height), relative=1, thickness=0)
