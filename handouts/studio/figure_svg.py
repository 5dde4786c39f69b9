"""A pose figure as an SVG picture for the web pages: the same plain drawing data the PDFs paint
(`figures.art`), in the same tones (`layouts.styles.FIGURE_TONES`), written as SVG paths.

The SVG is written here rather than by ReportLab's renderSVG because that one puts its colours in `style="..."`
attributes (which the studio's Content-Security-Policy does not allow in a page) and gives every picture the same
ids (which clash when many pictures share one page). Here: colours as attributes, no ids, numbers rounded to
tenths of a pixel (crisp at any zoom), so the same figure gives the same bytes.
"""

from __future__ import annotations

from html import escape

from handouts.figures.art import Art, Disc, fit
from handouts.layouts import styles

BOX = (240.0, 168.0)  # the picture's width and height (CSS pixels at 100 %), the mat card's proportions
PAD = 6.0


def _number(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _colour(tone: str, tones: dict) -> str:
    colour = tones[tone]
    return "#" + colour.hexval()[2:].lower()


def art_svg(art: Art, label: str, box: tuple[float, float] = BOX, mirrored: bool = False) -> str:
    """The art fitted into `box` (as large as it allows, its ground at the foot, as on a booklet card), as one <svg> element; `label` is what a
    screen reader says (the pose's name)."""
    width, height = box
    tones = styles.FIGURE_TONES
    placed = fit(art.mirrored() if mirrored else art, width, height, PAD)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_number(width)} {_number(height)}" '
        f'width="{_number(width)}" height="{_number(height)}" role="img" aria-label="{escape(label)}">',
        f"<title>{escape(label)}</title>",
        f'<g transform="matrix(1 0 0 -1 0 {_number(height)})" stroke-linecap="round" stroke-linejoin="round">',
    ]
    for item in placed.items:
        if isinstance(item, Disc):
            parts.append(
                f'<circle cx="{_number(item.centre[0])}" cy="{_number(item.centre[1])}" r="{_number(item.radius)}" '
                f'fill="{_colour(item.tone, tones)}"/>'
            )
            continue
        (x, y), *rest = item.points
        path = f"M{_number(x)} {_number(y)}" + "".join(f"L{_number(x)} {_number(y)}" for x, y in rest)
        if item.fill:
            path += "Z"
        fill = _colour(item.fill, tones) if item.fill else "none"
        if item.width > 0:
            stroke = f' stroke="{_colour(item.tone, tones)}" stroke-width="{_number(item.width)}"'
            if item.dash:
                stroke += f' stroke-dasharray="{" ".join(_number(d) for d in item.dash)}"'
        else:
            stroke = ""
        parts.append(f'<path d="{path}" fill="{fill}"{stroke}/>')
    parts.append("</g></svg>")
    return "".join(parts)
