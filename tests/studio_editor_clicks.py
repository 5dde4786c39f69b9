"""The sequence editor's clicks as a person makes them, for the browser tests and the screenshot tool
(tools/studio_screenshots.py): each function does what docs/studio.md tells the reader to do, in a headless
Chromium driven by Selenium, and waits until the studio has saved it (the panel's digest changed).

Plain functions, no pytest."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from studio_fixtures import wait_for

WAIT = 60  # seconds: a save is checked as `handouts check` checks, on a machine the tests share

# the three-step handout of docs/studio.md, "A three-step handout in under five minutes"
THREE_STEPS = {
    "title": "Morning Back Care",
    "level": "gentle",
    "duration": "10 min",
    "first": "Knees to chest",
    "first_pose": "knees-to-chest",  # its picture's "Start with this" clicked
    "added": [("cat cow", "cat-cow"), ("child", "child-pose")],
    "hold": "8 breaths",  # step 2's, typed over the 5 breaths it starts with
}


def wait_until(driver: Any, condition: Callable[[Any], Any], what: str, timeout: float = WAIT) -> Any:
    return wait_for(driver, condition, what, timeout)


def css(driver: Any, selector: str) -> Any:
    return driver.find_element("css selector", selector)


def digest(driver: Any) -> str:
    return driver.execute_script("const e = document.getElementById('editor'); return e ? e.dataset.digest : '';")


def saved(driver: Any, before: str, what: str) -> None:
    """Wait until the panel shows a new version of the file (the change was saved)."""
    wait_until(driver, lambda d: (now := digest(d)) and now != before, f"the studio to save {what}")


def status(driver: Any) -> str:
    return driver.execute_script("const e = document.getElementById('editor-status'); return e ? e.textContent : '';")


def type_into(driver: Any, selector: str, text: str) -> Any:
    """Select what the field holds and type over it, as a person does (Selenium's clear() would send a change of
    its own, which the editor saves)."""
    from selenium.webdriver.common.keys import Keys

    field = css(driver, selector)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", field)
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys(text)
    return field


def new_sequence(driver: Any, base: str, title: str, level: str, duration: str, first: str) -> None:
    """On the Sequences page: fill in "New sequence" and click "Create the sequence"; wait for its page."""
    driver.get(base + "/")
    type_into(driver, "#new-title-field", title)
    type_into(driver, "#new-level", level)
    type_into(driver, "#new-duration", duration)
    type_into(driver, "#new-first", first)
    css(driver, "#new-create").click()
    wait_until(driver, lambda d: d.find_elements("css selector", "#editor[data-digest]"), "the new sequence's editor")


def add_pose(driver: Any, search: str, pose: str) -> None:
    """In "Add a step": type `search` in the search box, then click "Add" on the pose `pose` (its id)."""
    before = digest(driver)
    type_into(driver, "#pick-search", search)
    card = f'li.pick-pose[data-pose="{pose}"]'
    wait_until(driver, lambda d: css(d, card).is_displayed(), f"{pose} in the picker")
    button = css(driver, card + " button.add-pose")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()
    saved(driver, before, f"the new step {pose}")


def open_step(driver: Any, dom: str) -> None:
    """Click "Change step …" of the step at `dom` ("4", or "4-1" in a series), when its form is not open yet."""
    details = css(driver, f"#change-{dom}")
    if details.get_attribute("open") is None:
        summary = css(driver, f"#change-{dom} > summary")
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", summary)
        summary.click()


def leave_field(driver: Any, field: Any) -> None:
    from selenium.webdriver.common.keys import Keys

    field.send_keys(Keys.TAB)


def set_hold(driver: Any, dom: str, hold: str) -> None:
    open_step(driver, dom)
    before = digest(driver)
    field = type_into(driver, f"#f-{dom}-hold", hold)
    leave_field(driver, field)
    saved(driver, before, f"the hold {hold!r}")


def set_breath(driver: Any, dom: str, breath: str) -> None:
    """Type how to breathe in the step's "Breath" box (under its hold), then leave the box."""
    open_step(driver, dom)
    before = digest(driver)
    field = type_into(driver, f"#f-{dom}-breath", breath)
    leave_field(driver, field)
    saved(driver, before, f"the breath {breath!r}")


def set_side(driver: Any, dom: str, side: str) -> None:
    from selenium.webdriver.support.ui import Select

    open_step(driver, dom)
    before = digest(driver)
    Select(css(driver, f"#f-{dom}-side")).select_by_value(side)
    saved(driver, before, f"the side {side!r}")


def add_caution(driver: Any, dom: str, caution: str) -> None:
    """Write a caution on a new line of the step's "Cautions" box, then leave the box."""
    from selenium.webdriver.common.keys import Keys

    open_step(driver, dom)
    before = digest(driver)
    box = css(driver, f"#f-{dom}-cautions")
    box.send_keys(Keys.END)
    if box.get_attribute("value"):
        box.send_keys(Keys.ENTER)
    box.send_keys(caution)
    leave_field(driver, box)
    saved(driver, before, "the caution")


def make_series(driver: Any, doms: list[str], title: str) -> None:
    """Tick the steps, type the series' title, click "Make a series of the ticked steps"."""
    before = digest(driver)
    for dom in doms:
        box = css(driver, f"#pick-{dom}")
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
        box.click()
    type_into(driver, "#group-title", title)
    css(driver, "#group").click()
    saved(driver, before, f"the series {title!r}")


def add_repeat(driver: Any, dom: str, target: str, hold: str) -> None:
    """Under a series: choose the step to repeat, type its hold, click "Add a repeat to …"."""
    from selenium.webdriver.support.ui import Select

    before = digest(driver)
    Select(css(driver, f"#repeat-{dom}-target")).select_by_value(target)
    type_into(driver, f"#repeat-{dom}-hold", hold)
    button = css(driver, f'form.repeat-form[data-path="{dom.replace("-", ".")}"] button.save')
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()
    saved(driver, before, "the repeat")


def move_up_by_keyboard(driver: Any, dom: str) -> None:
    """Focus the step's "Move up" button (as Tab would) and press Enter."""
    from selenium.webdriver.common.keys import Keys

    before = digest(driver)
    button = css(driver, f"#up-{dom}")
    driver.execute_script("arguments[0].focus()", button)
    driver.switch_to.active_element.send_keys(Keys.ENTER)
    saved(driver, before, "the move")


def three_step_handout(driver: Any, base: str, shoot: Callable[[str], None] | None = None) -> None:
    """docs/studio.md's clicks, in its order; `shoot(name)` is called where the page shows one of its pictures."""
    plan = THREE_STEPS
    driver.get(base + "/")
    type_into(driver, "#new-title-field", plan["title"])
    type_into(driver, "#new-level", plan["level"])
    type_into(driver, "#new-duration", plan["duration"])
    type_into(driver, "#new-first", plan["first"])
    choose = f'#new-first-picks li[data-pose="{plan["first_pose"]}"] button'
    wait_until(driver, lambda d: d.find_elements("css selector", choose), "the first pose's picture")
    if shoot:
        shoot("new")
    css(driver, choose).click()
    css(driver, "#new-create").click()
    wait_until(driver, lambda d: d.find_elements("css selector", "#editor[data-digest]"), "the new sequence's editor")
    for search, pose in plan["added"]:
        add_pose(driver, search, pose)
        if shoot and pose == plan["added"][0][1]:
            shoot("picker")
    set_hold(driver, "1", plan["hold"])
    if shoot:
        time.sleep(0.3)
        shoot("step")
