"""Where things land in the guidebook: a flowable that notes the page it is drawn on (and makes that place a
link target), the pages noted in one layout pass, and the numbers printed from the pass before.

The guidebook is laid out twice (or more, until nothing moves): first with page numbers not known yet, drawn as
wide as real ones, then with the pages the first pass noted. Every printed page number sits on a line of its own
width, so a number never changes where anything else falls.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from handouts.layouts import styles


class PageNote(Flowable):
    """Takes no room; when drawn, notes its page under `key` in `noted` and names the place `key` for links."""

    def __init__(self, key: str, noted: dict[str, int]):
        super().__init__()
        self.key, self.noted = key, noted
        self.width = self.height = 0

    def wrap(self, availWidth, availHeight):
        return 0, 0

    def draw(self):
        self.canv.bookmarkPage(self.key)
        self.noted.setdefault(self.key, self.canv.getPageNumber())


class Pages:
    """The page numbers a layout pass prints (`known`, from the pass before) and those it notes (`noted`)."""

    def __init__(self, known: dict[str, int] | None = None):
        self.known = dict(known or {})
        self.noted: dict[str, int] = {}

    def of(self, key: str) -> str:
        """The page number to print for `key`: the one the pass before noted, else a stand-in as wide."""
        page = self.known.get(key)
        return str(page) if page is not None else styles.GUIDE_PAGE_DIGITS

    def note(self, key: str) -> PageNote:
        return PageNote(key, self.noted)

    def settled(self) -> bool:
        """Whether every number printed was the one it turned out to be."""
        return self.noted == self.known
