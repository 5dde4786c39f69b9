"""The studio in a real headless Chromium: the sequence page follows saves to the YAML file on disk without a reload,
shows a broken file's errors with file, line and the line's text, and comes back when it is fixed; the library
page's search finds a pose by its Sanskrit name; the product tabs switch.

Needs Debian's chromium and chromium-driver: without them these tests are skipped, unless HANDOUTS_REQUIRE_BROWSER=1
(as .ci/run sets), where they fail."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from studio_fixtures import (
    SLUG,
    Studio,
    chromium_for_tests,
    copy_workspace,
    save,
    wait_for,
)

WAIT = 10  # seconds: the longest any change may take to show in the page

BOOKLET_PAGE_1 = 'img.page[data-product="booklet"][data-page="1"]'


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from chromium_for_tests()


@pytest.fixture
def studio(tmp_path: Path, browser: Any) -> Iterator[Studio]:
    with Studio(copy_workspace(tmp_path / "ws")) as running:
        yield running
        # leave the page first, so that its live connection to the server closes before the server stops
        browser.get("about:blank")


def wait_until(driver: Any, condition: Callable[[Any], Any], what: str, timeout: float = WAIT) -> Any:
    return wait_for(driver, condition, what, timeout)


def loaded_src(driver: Any, selector: str) -> str | None:
    """The src of the image `selector` once the browser has it fully loaded (None before that)."""
    return driver.execute_script(
        "const img = document.querySelector(arguments[0]);"
        "return img && img.complete && img.naturalWidth > 0 ? img.getAttribute('src') : null;",
        selector,
    )


def version_in(src: str) -> int:
    found = re.search(r"[?&]v=(\d+)", src)
    assert found, f"the page image's address carries no version: {src}"
    return int(found.group(1))


def body_version(driver: Any) -> int:
    return int(driver.find_element("css selector", "body").get_attribute("data-version"))


def open_sequence_page(driver: Any, studio: Studio) -> str:
    """Go to the sequence list, follow the low-back sequence's link, and wait for its first booklet page image."""
    driver.get(studio.url("/"))
    link = f'tr.sequence[data-slug="{SLUG}"] a'
    wait_until(driver, lambda d: d.find_elements("css selector", link), "the sequence list")[0].click()
    wait_until(driver, lambda d: d.find_element("css selector", "body").get_attribute("data-slug") == SLUG, "page")
    return wait_until(driver, lambda d: loaded_src(d, BOOKLET_PAGE_1), "the first booklet page image")


def booklet_images(driver: Any, studio: Studio) -> dict[str, bytes]:
    """Every booklet page image the page shows, by page number, fetched from its current address."""
    images = driver.find_elements("css selector", 'img.page[data-product="booklet"]')
    assert images, "the sequence page shows no booklet page images"
    return {img.get_attribute("data-page"): studio.fetch(img.get_attribute("src")) for img in images}


def booklet_text(driver: Any, studio: Studio) -> str:
    link = driver.find_element("css selector", 'a.download[data-product="booklet"]')
    pdf = studio.fetch(link.get_attribute("href"))
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def line_number(text: str, line: str) -> int:
    """The 1-based number of the first line of `text` that is exactly `line`."""
    return text.splitlines().index(line) + 1


# the supine twist's hold in the low-back example: the first "hold: 5 breaths" in the file
TWIST_HOLD = "    hold: 5 breaths"


def test_a_saved_hold_shows_in_the_page_without_a_reload(browser: Any, studio: Studio) -> None:
    sequence = studio.root / "sequences" / f"{SLUG}.yaml"
    original = sequence.read_text(encoding="utf-8")
    assert TWIST_HOLD in original
    first_src = open_sequence_page(browser, studio)
    first_version = body_version(browser)
    assert version_in(first_src) == first_version
    before = booklet_images(browser, studio)
    assert "9 breaths" not in booklet_text(browser, studio)
    browser.execute_script("window.__kept = 1; window.scrollTo(0, 400);")
    scrolled = browser.execute_script("return window.scrollY")

    save(sequence, original.replace(TWIST_HOLD, "    hold: 9 breaths", 1))
    new_src = wait_until(
        browser, lambda d: (src := loaded_src(d, BOOKLET_PAGE_1)) and src != first_src and src, "a new page image"
    )

    assert version_in(new_src) > version_in(first_src)
    assert body_version(browser) > first_version
    assert browser.execute_script("return window.__kept") == 1, "the page was reloaded"
    assert browser.execute_script("return window.scrollY") == scrolled, "the page lost its scroll position"
    after = booklet_images(browser, studio)
    assert after.keys() == before.keys()
    assert [page for page in before if before[page] != after[page]], "no booklet page image changed"
    assert "9 breaths" in booklet_text(browser, studio)


def error_shown(driver: Any) -> tuple[str, str, str] | None:
    """The first error in the page: its place (file:line:col), its whole text and the quoted line; None if none.
    Read in one go in the page, as the live refresh may replace the problems while they are being read."""
    shown = driver.execute_script(
        "const li = document.querySelector('#problems li.problem.error');"
        "if (!li) return null;"
        "const part = (selector) => { const e = li.querySelector(selector); return e ? e.textContent : null; };"
        "return [part('.where'), li.textContent, part('pre.line')];"
    )
    if shown is None:
        return None
    where, text, line = shown
    assert where is not None, f"an error without its place (.where): {text}"
    assert line is not None, f"an error without the text of its line (pre.line): {text}"
    return where.strip(), text, line


def test_a_broken_file_shows_its_located_error_and_the_fix_brings_the_image_back(browser: Any, studio: Studio) -> None:
    sequence = studio.root / "sequences" / f"{SLUG}.yaml"
    original = sequence.read_text(encoding="utf-8")
    line = line_number(original, TWIST_HOLD)
    first_src = open_sequence_page(browser, studio)
    assert error_shown(browser) is None
    browser.execute_script("window.__kept = 1")

    # a hold in a unit handouts does not know
    save(sequence, original.replace(TWIST_HOLD, "    hold: 9 bananas", 1))
    where, message, quoted = wait_until(browser, error_shown, "the unknown unit's error in the page")
    assert re.fullmatch(rf"(.*/)?sequences/{SLUG}\.yaml:{line}:\d+", where), where
    assert "bananas" in message
    assert quoted.strip() == "hold: 9 bananas"
    # the last good pages stay in view while the file is broken
    assert loaded_src(browser, BOOKLET_PAGE_1) == first_src

    # the same line pushed two spaces too far in: a YAML syntax error on that line
    save(sequence, original.replace(TWIST_HOLD, "      hold: 5 breaths", 1))
    wait_until(browser, lambda d: (shown := error_shown(d)) and "bananas" not in shown[1], "the indentation error")
    where, message, quoted = error_shown(browser) or ("", "", "")
    assert re.fullmatch(rf"(.*/)?sequences/{SLUG}\.yaml:{line}:\d+", where), where
    assert quoted.strip() == "hold: 5 breaths"
    assert "bananas" not in message

    # fixed, with a new hold: the errors go and the new pages come in
    save(sequence, original.replace(TWIST_HOLD, "    hold: 7 breaths", 1))
    wait_until(browser, lambda d: error_shown(d) is None, "the errors to go")
    new_src = wait_until(
        browser, lambda d: (src := loaded_src(d, BOOKLET_PAGE_1)) and src != first_src and src, "the new page image"
    )
    assert version_in(new_src) > version_in(first_src)
    assert browser.execute_script("return window.__kept") == 1, "the page was reloaded"
    assert "7 breaths" in booklet_text(browser, studio)


def visible_poses(driver: Any) -> list[str]:
    """The poses the library page shows (one without boxes on the page is hidden), read in one go in the page."""
    return driver.execute_script(
        "return [...document.querySelectorAll('article.pose')]"
        ".filter(pose => pose.getClientRects().length > 0).map(pose => pose.dataset.pose);"
    )


@pytest.mark.parametrize("typed", ["Bhujangasana", "Bhujaṅgāsana"])
def test_the_library_finds_a_pose_by_its_sanskrit_name(browser: Any, studio: Studio, typed: str) -> None:
    browser.get(studio.url("/library"))
    everything = wait_until(browser, visible_poses, "the library's poses")
    assert "cobra" in everything
    assert "child-pose" in everything
    browser.execute_script("window.__kept = 1")
    search = browser.find_element("css selector", "input#search[type=search]")
    search.send_keys(typed)

    # filtered as the name is typed: no submit, no new page
    shown = wait_until(browser, lambda d: (poses := visible_poses(d)) != everything and poses, "the search to filter")
    # the cobra, and the sphinx, whose Sanskrit name is Salamba Bhujangasana; child's pose and the rest hidden
    assert sorted(shown) == ["cobra", "sphinx"]
    assert browser.execute_script("return window.__kept") == 1, "the search loaded a new page"


def test_the_product_tabs_switch_to_the_cheat_sheet(browser: Any, studio: Studio) -> None:
    open_sequence_page(browser, studio)
    browser.execute_script("window.__kept = 1")
    booklet = browser.find_element("css selector", BOOKLET_PAGE_1)
    assert booklet.is_displayed()
    cheatsheet = 'img.page[data-product="cheatsheet"][data-page="1"]'

    # by mouse
    browser.find_element("css selector", 'button[data-product-tab="cheatsheet"]').click()
    wait_until(browser, lambda d: loaded_src(d, cheatsheet), "the cheat sheet image")
    assert browser.find_element("css selector", cheatsheet).is_displayed()
    assert not browser.find_element("css selector", BOOKLET_PAGE_1).is_displayed()
    png = studio.fetch(browser.find_element("css selector", cheatsheet).get_attribute("src"))
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    pdf = studio.fetch(
        browser.find_element("css selector", 'a.download[data-product="cheatsheet"]').get_attribute("href")
    )
    assert "Low Back Release" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()

    # by keyboard: the booklet's tab, focused, then Enter
    from selenium.webdriver.common.keys import Keys

    browser.find_element("css selector", 'button[data-product-tab="booklet"]').send_keys(Keys.ENTER)
    wait_until(browser, lambda d: d.find_element("css selector", BOOKLET_PAGE_1).is_displayed(), "the booklet again")
    assert not browser.find_element("css selector", cheatsheet).is_displayed()

    # the right arrow key moves from the booklet's tab to the next one, the cheat sheet's, as in any list of tabs
    browser.find_element("css selector", 'button[data-product-tab="booklet"]').send_keys(Keys.ARROW_RIGHT)
    wait_until(browser, lambda d: d.find_element("css selector", cheatsheet).is_displayed(), "the cheat sheet again")
    assert not browser.find_element("css selector", BOOKLET_PAGE_1).is_displayed()
    assert browser.execute_script("return document.activeElement.dataset.productTab") == "cheatsheet"
    assert browser.execute_script("return window.__kept") == 1, "switching tabs loaded a new page"
