"""Regenerate the studio's pictures in docs/ from the real app in a headless Chromium, at 1280 x 900:

    .venv/bin/python tools/studio_screenshots.py

docs/studio-sequence.png: the low-back example's page with its booklet showing; docs/studio-library.png: the pose
library with a search typed in; docs/studio-new.png, studio-picker.png, studio-step.png and studio-done.png: the
clicks of docs/studio.md's three-step handout (tests/studio_editor_clicks.py, which the browser test follows too). Serves a copy of the example workspace as `handouts serve` does (see
tests/studio_fixtures.py); needs Debian's chromium and chromium-driver.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from studio_fixtures import SLUG, Studio, browser_missing, close_chromium, copy_workspace, open_chromium  # noqa: E402

WIDTH, HEIGHT = 1280, 900
LIBRARY_SEARCH = "bhujangasana"
ZOOM = "100"

# every image matching arguments[0] that is in view has loaded (arguments[1]: true when there may be none); the
# page images further down load only when scrolled to
ALL_IMAGES_LOADED = """
const inView = img => img.getClientRects().length > 0 && img.getBoundingClientRect().top < innerHeight;
const images = [...document.querySelectorAll(arguments[0])].filter(inView);
return (images.length > 0 || arguments[1]) && images.every(img => img.complete && img.naturalWidth > 0);
"""


def wait(condition, what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"waited {timeout} s for {what}")
        time.sleep(0.05)


def main() -> int:
    reason = browser_missing()
    if reason:
        print(f"the studio screenshots need Chromium: {reason}")
        return 1
    with tempfile.TemporaryDirectory(prefix="handouts-screenshots-") as folder:
        workspace = copy_workspace(Path(folder) / "ws", slugs=None)
        driver = open_chromium(WIDTH, HEIGHT)
        try:
            with Studio(workspace) as studio:
                driver.get(studio.url(f"/sequences/{SLUG}"))
                # at 100 % the booklet's A5 pages sit side by side, several in view (fit width shows half the cover)
                for button in driver.find_elements("css selector", f'button[data-zoom="{ZOOM}"]'):
                    button.click()
                wait(lambda: driver.execute_script(ALL_IMAGES_LOADED, "img.page", False), "the booklet's page images")
                wait(
                    lambda: driver.find_elements("css selector", "#editor[data-digest]"), "the editor beside the pages"
                )
                wait(lambda: driver.execute_script(ALL_IMAGES_LOADED, "img.thumb", False), "the steps' figures")
                driver.save_screenshot(str(ROOT / "docs" / "studio-sequence.png"))

                driver.get(studio.url("/library"))
                driver.find_element("css selector", "input#search").send_keys(LIBRARY_SEARCH)
                wait(
                    lambda: driver.execute_script(
                        "return [...document.querySelectorAll('article.pose')].some(a => a.offsetParent === null)"
                    ),
                    "the search to hide the poses that do not match",
                )
                wait(lambda: driver.execute_script(ALL_IMAGES_LOADED, "article.pose img", True), "the figures", 10)
                driver.save_screenshot(str(ROOT / "docs" / "studio-library.png"))
                driver.get("about:blank")
        finally:
            close_chromium(driver)
    for name in ("studio-sequence.png", "studio-library.png"):
        print(f"wrote docs/{name}")
    for name in editor_pictures():
        print(f"wrote docs/{name}")
    return 0


EDITOR_PICTURES = {  # the point of docs/studio.md's clicks -> its picture, and what is scrolled into view first
    "new": ("studio-new.png", "#new-sequence"),
    "picker": ("studio-picker.png", "#picker"),
    "step": ("studio-step.png", "#change-1"),
}


def editor_pictures() -> list[str]:
    """The three-step handout of docs/studio.md made in an empty workspace, pictured on the way."""
    from studio_editor_clicks import three_step_handout, wait_until

    written = []
    with tempfile.TemporaryDirectory(prefix="handouts-screenshots-") as folder:
        workspace = copy_workspace(Path(folder) / "ws", slugs=())
        driver = open_chromium(WIDTH, HEIGHT)
        try:
            with Studio(workspace) as studio:

                def shoot(point: str) -> None:
                    name, selector = EDITOR_PICTURES[point]
                    driver.execute_script(
                        "const e = document.querySelector(arguments[0]); if (e) e.scrollIntoView({block: 'start'});",
                        selector,
                    )
                    time.sleep(0.5)
                    wait(lambda: driver.execute_script(ALL_IMAGES_LOADED, "img", True), "the pictures", 20)
                    driver.save_screenshot(str(ROOT / "docs" / name))
                    written.append(name)

                three_step_handout(driver, studio.base, shoot)
                wait_until(driver, lambda d: "3 steps" in d.find_element("css selector", "#heading").text, "3 steps")
                driver.execute_script("window.scrollTo(0, 0)")
                wait(lambda: driver.execute_script(ALL_IMAGES_LOADED, "img.page", False), "the booklet's pages", 60)
                driver.save_screenshot(str(ROOT / "docs" / "studio-done.png"))
                written.append("studio-done.png")
                driver.get("about:blank")
        finally:
            close_chromium(driver)
    return written


if __name__ == "__main__":
    sys.exit(main())
