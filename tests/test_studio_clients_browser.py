"""The settings and clients pages in a real headless Chromium, by clicking: a client is added (name, e-mail, a
handout) and saved, "Make PDFs" says once that their PDFs are ready, with one link to each PDF named by the
sequence's title and product (also when pressed twice), and that PDF carries their name; the accent colour and a new
logo are saved into studio.yaml with its comments kept, and leaving the page asks first while they are not saved; a
refused value shows its problem in the error colour and writes nothing.

Needs Debian's chromium and chromium-driver: without them these tests are skipped, unless HANDOUTS_REQUIRE_BROWSER=1
(as .ci/run sets), where they fail."""

from __future__ import annotations

import difflib
import io
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from pypdf import PdfReader
from studio_fixtures import (
    Studio,
    chromium_for_tests,
    copy_workspace,
    wait_for,
)

WAIT = 60  # seconds: making a client's PDF on a busy machine may take a while


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from chromium_for_tests()


@pytest.fixture
def studio(tmp_path: Path, browser: Any) -> Iterator[Studio]:
    with Studio(copy_workspace(tmp_path / "ws")) as running:
        yield running
        browser.get("about:blank")


def wait_until(driver: Any, condition: Callable[[Any], Any], what: str, timeout: float = WAIT) -> Any:
    return wait_for(driver, condition, what, timeout)


def css(driver: Any, selector: str) -> Any:
    return driver.find_element("css selector", selector)


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line.rstrip("\n")
        for line in difflib.unified_diff(before.splitlines(True), after.splitlines(True), n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_a_client_added_by_clicking_gets_their_pdf(browser: Any, studio: Studio) -> None:
    browser.get(studio.url("/clients"))
    wait_until(browser, lambda d: d.find_elements("css selector", "#new-form"), "the add-a-client form")
    css(browser, "#new-name").send_keys("Greta Holm")
    css(browser, "#new-email").send_keys("greta@example.org")
    css(browser, '#new-form input[name="handouts"][value="low-back-release"]').click()
    # her sequence's steps are offered once it is chosen: leave out the supine twist
    twist = css(browser, '#new-form input[name="leave_out"][value="supine-twist"]')
    wait_until(browser, lambda d: twist.is_displayed(), "the sequence's steps")
    twist.click()
    css(browser, "#new-form button[type=submit]").click()
    wait_until(browser, lambda d: "saved=added" in d.current_url, "the page after saving")
    assert css(browser, "p.flash").text == "The client was added."
    roster = (studio.root / "clients.yaml").read_text(encoding="utf-8")
    assert "  - name: Greta Holm\n    email: greta@example.org\n    handouts: [low-back-release]\n" in roster
    assert "    leave_out: [supine-twist]\n" in roster

    row = 'tr.client[data-client="greta-holm"]'
    assert [a.text for a in browser.find_elements("css selector", f"{row} a.pdf")] == ["Low Back Release — booklet"]
    for _ in range(2):  # made, then made again: one message, one link per PDF, never a second list
        css(browser, f"{row} button.make").click()
        ready = wait_until(browser, lambda d: d.find_elements("css selector", f"{row} .made .message.done"), "ready")
        assert [p.text for p in browser.find_elements("css selector", f"{row} .made p")] == [
            "Greta Holm's PDFs are ready."
        ]
        links = browser.find_elements("css selector", f"{row} a")
        assert [(a.text, a.get_attribute("class")) for a in links] == [("Low Back Release — booklet", "pdf made-pdf")]
    # done is said in green, not in the error colour
    assert ready[0].value_of_css_property("color") == "rgba(20, 83, 45, 1)"
    link = links[0]
    pdf = studio.fetch(link.get_attribute("href"))
    assert pdf.startswith(b"%PDF")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Greta Holm" in text
    assert "Supine twist" not in text  # left out for her
    assert (studio.root / "build" / "clients" / "greta-holm" / "low-back-release.pdf").is_file()


def test_the_accent_colour_and_a_new_logo_are_saved_with_the_comments_kept(
    browser: Any, studio: Studio, tmp_path: Path
) -> None:
    path = studio.root / "studio.yaml"
    before = path.read_text(encoding="utf-8")
    logo = tmp_path / "Hill Logo.png"
    Image.new("RGB", (320, 120), (170, 51, 0)).save(logo, "PNG")

    browser.get(studio.url("/settings"))
    colour = wait_until(browser, lambda d: d.find_element("css selector", "#accent"), "the settings form")
    assert colour.get_attribute("value") == "#1f5f6b"
    # a colour picker is the browser's own dialog: set its value as picking a colour does
    browser.execute_script(
        "arguments[0].value = '#aa3300'; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
        "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
        colour,
    )
    # changes not saved yet: leaving the page asks first
    leaving = (
        "const e = new Event('beforeunload', {cancelable: true}); window.dispatchEvent(e); return e.defaultPrevented;"
    )
    assert browser.execute_script(leaving) is True
    css(browser, "#logo-file").send_keys(str(logo))
    wait_until(
        browser, lambda d: d.find_element("css selector", "#logo").get_attribute("value") == "hill-logo.png", "x"
    )
    assert "Added to your pictures folder as hill-logo.png" in css(browser, "#logo-said").text
    preview = css(browser, "#logo-preview")
    wait_until(browser, lambda d: d.execute_script("return arguments[0].naturalWidth", preview) == 320, "the preview")
    css(browser, "#save").click()
    wait_until(browser, lambda d: d.find_element("css selector", "#settings-answer").text == "Saved.", "Saved.")
    assert css(browser, "#settings-answer p").get_attribute("class") == "message done saved"
    assert browser.execute_script(leaving) is False  # saved: the page may be left without asking
    css(browser, "#accent-default").click()  # back to the usual colour: a change not saved yet
    assert css(browser, "#accent").get_attribute("value") == "#1f5f6b"
    assert browser.execute_script(leaving) is True
    after = path.read_text(encoding="utf-8")
    assert changed_lines(before, after) == [
        "-logo: riverside-logo.png",
        "-accent: '#1f5f6b'",
        "+logo: hill-logo.png",
        "+accent: '#aa3300'",
    ]
    assert after.splitlines()[:2] == before.splitlines()[:2]  # the header comments
    assert (studio.root / "images" / "hill-logo.png").read_bytes() == logo.read_bytes()


def test_a_refused_setting_shows_its_problem_and_writes_nothing(browser: Any, studio: Studio) -> None:
    path = studio.root / "studio.yaml"
    before = path.read_bytes()
    browser.get(studio.url("/settings"))
    name = wait_until(browser, lambda d: d.find_element("css selector", "#logo"), "the settings form")
    name.clear()
    name.send_keys("our-logo.png")
    css(browser, "#save").click()
    answer = wait_until(
        browser, lambda d: d.find_elements("css selector", "#settings-answer li.problem.error"), "the problem"
    )[0]
    assert "studio.yaml:9:7" in answer.text
    assert "not found in images/" in answer.text
    said = css(browser, "#settings-answer p.message")
    assert said.text == "Nothing was saved: 1 problem to fix first."
    assert said.value_of_css_property("color") == "rgba(180, 35, 24, 1)"  # the studio's error colour, #b42318
    assert path.read_bytes() == before
    # changed on disk meanwhile: the page says so and offers to reload
    path.write_bytes(before.replace(b"instructor: Maya Lindqvist", b"instructor: Maya L."))
    name.clear()
    name.send_keys("riverside-logo.png")
    css(browser, "#studio").send_keys(" and Friends")
    css(browser, "#save").click()
    wait_until(browser, lambda d: d.find_elements("css selector", "#settings-answer p.conflict"), "the conflict")
    assert "changed on disk" in css(browser, "#settings-answer p.conflict").text
    assert css(browser, "#settings-answer button").text == "Reload the page"
    assert b"instructor: Maya L.\n" in path.read_bytes() and b"and Friends" not in path.read_bytes()
