"""The guidebook's own words: headings, the card marks (NEW, CHANGED), "see page N", the reference and index
titles, and the texts printed when the programme file leaves one out. They are the labels' `guidebook_*` phrases
(handouts/translations/<code>.yaml, or a workspace's labels/<code>.yaml), in the language the guidebook is
being made in: `speaking(labels)` sets it for everything laid out inside it (English outside). The words around
steps (holds, sides, "Practice log") come from the handout's labels like every other product's.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from handouts.reading.labels import ENGLISH, Labels

PREFIX = "guidebook_"  # the labels' keys for these words: guidebook_contents, guidebook_see_page ...
_SPEAKING: ContextVar[Labels | None] = ContextVar("guidebook_words", default=None)


@contextmanager
def speaking(labels: Labels) -> Iterator[Labels]:
    """The guidebook's words are `labels`' while inside (the layout and the rendering of one guidebook)."""
    token = _SPEAKING.set(labels)
    try:
        yield labels
    finally:
        _SPEAKING.reset(token)


def current() -> Labels:
    """The labels the guidebook is being made in (English when none was set)."""
    return _SPEAKING.get() or ENGLISH


def words(key: str, labels: Labels | None = None, **values) -> str:
    """The guidebook's words for `key` ("contents", "see_page" ...) in `labels`' language (else the one being
    spoken), with `values` filled in."""
    table = labels or current()
    return table(PREFIX + key, **values) if values else str(table[PREFIX + key])


def weeks_label(first: int, last: int, labels: Labels | None = None) -> str:
    """'Weeks 4-6' (an en dash), or 'Week 7' for a segment of one week, in the labels' language."""
    if first == last:
        return words("week", labels, first=first)
    return words("weeks", labels, first=first, last=last)


CAPITAL_NOUNS = ("de",)  # languages whose nouns keep their capital inside a sentence ("Wochen 4-6")


def in_sentence(text: str, labels: Labels | None = None) -> str:
    """A heading's words inside a sentence: 'Weeks 4-6' -> 'weeks 4-6' (its first letter made small), kept as
    they are in a language whose nouns keep their capital ('Wochen 4-6')."""
    code = (labels or current()).code
    return text if code in CAPITAL_NOUNS else text[:1].lower() + text[1:]
