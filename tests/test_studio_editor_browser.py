"""The sequence editor in a real headless Chromium (issue 20's acceptance): the low-back example rebuilt by clicking
in a workspace with no sequences, its plan compared with the example's; a step moved by keyboard; a wrong hold
shown as it is typed, with nothing saved; a change on disk meanwhile detected; and the three-step handout of
docs/studio.md, click for click as that page tells it (tests/studio_editor_clicks.py holds those clicks); typing
in other boxes while a save is on its way (its answer held back) is kept and saved; a step moved to the end keeps
the keyboard on its other Move button.

Needs Debian's chromium and chromium-driver: without them these tests are skipped, unless HANDOUTS_REQUIRE_BROWSER=1
(as .ci/run sets), where they fail."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from studio_editor_clicks import (
    THREE_STEPS,
    add_caution,
    add_pose,
    add_repeat,
    css,
    digest,
    make_series,
    move_up_by_keyboard,
    new_sequence,
    open_step,
    set_breath,
    set_hold,
    set_side,
    status,
    three_step_handout,
    type_into,
    wait_until,
)
from studio_fixtures import (
    ROOT,
    Studio,
    chromium_for_tests,
    copy_workspace,
)

from handouts.pipeline.loading import load_workspace
from handouts.reading.labels import ENGLISH
from handouts.reading.workspace import Workspace

CAUTION = "Should the low back start to ache, hold the knees nearer the chest."


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from chromium_for_tests()


@pytest.fixture
def empty_studio(tmp_path: Path, browser: Any) -> Iterator[Studio]:
    """The example workspace's studio.yaml, poses and images, and no sequence at all."""
    root = copy_workspace(tmp_path / "ws", slugs=())
    assert not list((root / "sequences").iterdir())
    with Studio(root) as running:
        yield running
        browser.get("about:blank")


def plan_of(root: Path, path: Path) -> list[tuple]:
    """What the test compares of a sequence's plan: each numbered item (a step, or a series with its side order),
    and each step's label, pose, sides in order, hold as printed, the hold's breath and what it repeats."""
    loaded = load_workspace(Workspace(root), [str(path)], feasibility=False)
    plan = loaded.plans[0]
    items = []
    for item in plan.items:
        if hasattr(item, "steps"):
            inner = [_step(s) for s in item.steps]
            items.append(("series", str(item.title), tuple(side.value for side in item.order), inner))
        else:
            items.append(_step(item))
    return items


def _step(step: Any) -> tuple:
    breath = str(step.hold.breath) if step.hold is not None and step.hold.breath else ""
    return (
        step.label,
        step.pose_id,
        tuple(s.value for s in step.order),
        ENGLISH.hold_label(step.hold),
        breath,
        step.repeat_of,
    )


def test_the_low_back_example_rebuilt_by_clicking(browser: Any, empty_studio: Studio) -> None:
    base, root = empty_studio.base, empty_studio.root
    mine = root / "sequences" / "low-back-release.yaml"

    # a new sequence; its first pose typed by name, the second added with the picker, then put first by keyboard
    new_sequence(browser, base, "Low Back Release", "gentle", "30 min", "Sacral circles")
    assert mine.is_file()
    add_pose(browser, "knee circles", "knees-to-chest-circles")
    move_up_by_keyboard(browser, "1")
    assert browser.switch_to.active_element.get_attribute("id") in ("down-0", "up-0"), "the focus left the step"
    assert [t.text for t in browser.find_elements("css selector", "#steps > li .title")] == [
        "Knee circles",
        "Sacral circles",
    ]

    # the other poses, found by their names (the Sanskrit one with its accents)
    for search, pose in [
        ("supine twist", "supine-twist"),
        ("knee drops", "knee-drops"),
        ("Supta Pādāṅguṣṭhāsana", "supta-padangusthasana"),
        ("leg to the side", "supta-padangusthasana-open"),
        ("leg across", "supta-padangusthasana-across"),
        ("figure four", "reclined-figure-four"),
        ("cow face", "supine-cow-face"),
        ("sacral thumps", "sacral-thumps"),
    ]:
        add_pose(browser, search, pose)

    # holds and sides
    set_side(browser, "2", "both")  # the supine twist (step 3)
    set_hold(browser, "3", "10 cycles")  # the knee drops, with how to breathe
    set_breath(browser, "3", "exhale lowers, inhale returns")
    for figure in ("7", "8"):  # the reclined figure four and cow face
        set_side(browser, figure, "both")
        set_hold(browser, figure, "10 breaths")
    set_hold(browser, "9", "10 reps")  # the sacral thumps

    # the strap series: steps 5 to 7 ticked and grouped, done on both sides, with a repeat of its first step
    make_series(browser, ["4", "5", "6"], "Strap series")
    set_side(browser, "4", "both")
    add_repeat(browser, "4", "1", "3 breaths")

    # a caution on the knee drops
    add_caution(browser, "3", CAUTION)
    assert "      - " + CAUTION in mine.read_text(encoding="utf-8")

    ours, example = plan_of(root, mine), plan_of(ROOT, ROOT / "sequences" / "low-back-release.yaml")
    assert ours == example
    assert [item[0] for item in ours] == ["1", "2", "3", "4", "series", "6", "7", "8"]  # the structure, written out
    assert ours[4][3][-1] == ("5a", "supta-padangusthasana", ("right", "left"), "3 breaths", "", "5a")
    assert ours[3] == ("4", "knee-drops", ("right", "left"), "10 cycles", "exhale lowers, inhale returns", None)
    assert "    hold:\n      cycles: 10\n      breath: exhale lowers, inhale returns\n" in mine.read_text(
        encoding="utf-8"
    )


def test_a_wrong_hold_shows_its_message_and_saves_nothing(browser: Any, empty_studio: Studio) -> None:
    new_sequence(browser, empty_studio.base, "Quiet Evening", "gentle", "10 min", "Child's pose")
    path = empty_studio.root / "sequences" / "quiet-evening.yaml"
    before = path.read_bytes()
    shown = digest(browser)
    open_step(browser, "0")
    field = type_into(browser, "#f-0-hold", "5 breths")
    message = wait_until(browser, lambda d: css(d, "#m-0-hold").text, "the hold's message under the field")
    assert message == "hold: unknown unit 'breths' in the hold — did you mean 'breaths'?"
    assert field.get_attribute("aria-invalid") == "true"
    assert not css(browser, '#change-0 button[type="submit"]').is_enabled(), "Save should be off"
    from selenium.webdriver.common.keys import Keys

    field.send_keys(Keys.TAB)  # leaving the field does not save a wrong hold either
    wait_until(browser, lambda d: "Not saved" in status(d), "the page to say it did not save")
    assert path.read_bytes() == before
    assert digest(browser) == shown

    # fixed: the message goes, and the hold is saved
    set_hold(browser, "0", "6 breaths")
    assert css(browser, "#m-0-hold").text == ""
    assert "    hold: 6 breaths\n" in path.read_text(encoding="utf-8")


def test_a_change_on_disk_meanwhile_is_detected(browser: Any, empty_studio: Studio) -> None:
    new_sequence(browser, empty_studio.base, "Quiet Evening", "gentle", "10 min", "Child's pose")
    path = empty_studio.root / "sequences" / "quiet-evening.yaml"
    theirs = path.read_text(encoding="utf-8").replace("level: gentle", "level: all levels")
    path.write_text(theirs, encoding="utf-8")  # as another editor, or a git pull, would

    open_step(browser, "0")
    type_into(browser, "#f-0-hold", "7 breaths")
    browser.switch_to.active_element.send_keys("\t")
    conflict = wait_until(browser, lambda d: d.find_elements("css selector", "#conflict"), "the conflict")[0]
    assert "Not saved: the file changed on disk" in conflict.text
    assert path.read_text(encoding="utf-8") == theirs
    css(browser, "#both-versions > summary").click()
    assert "on disk\nlevel: all levels" in css(browser, "#diff").text
    assert css(browser, "#f-0-hold").get_attribute("value") == "7 breaths", "what was typed is kept in its form"
    css(browser, "#reload").click()
    wait_until(browser, lambda d: status(d) == "Reloaded from disk.", "the reload")
    assert css(browser, "#s-level").get_attribute("value") == "all levels"

    # again, and this time the change is applied to the new version in one click (the focus is on that button)
    path.write_text(path.read_text(encoding="utf-8").replace("title: Quiet Evening", "title: Quiet Evenings"))
    open_step(browser, "0")
    type_into(browser, "#f-0-hold", "8 breaths")
    browser.switch_to.active_element.send_keys("\t")
    wait_until(browser, lambda d: d.find_elements("css selector", "#apply-mine"), "the offer to apply the change")
    assert browser.switch_to.active_element.get_attribute("id") == "apply-mine"
    browser.switch_to.active_element.send_keys("\n")
    wait_until(browser, lambda d: status(d) == "Saved: step 1: hold changed.", "the change applied")
    text = path.read_text(encoding="utf-8")
    assert "title: Quiet Evenings\n" in text and "level: all levels\n" in text and "    hold: 8 breaths\n" in text


def test_the_three_step_handout_of_the_docs(browser: Any, empty_studio: Studio) -> None:
    """docs/studio.md's "A three-step handout in under five minutes", click for click."""
    three_step_handout(browser, empty_studio.base)
    path = empty_studio.root / "sequences" / "morning-back-care.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.endswith(
        "steps:\n  - pose: knees-to-chest\n    hold: 5 breaths\n\n  - pose: cat-cow\n    hold: 8 breaths\n\n"
        "  - pose: child-pose\n    hold: 5 breaths\n"
    )
    assert THREE_STEPS["title"] in text
    # the preview follows: the heading counts three steps once the session rebuilt the sequence
    wait_until(browser, lambda d: "3 steps" in css(d, "#heading").text, "the heading to count 3 steps")


DRAG = """
const from = document.getElementById(arguments[0]), onto = document.getElementById(arguments[1]);
const carried = new DataTransfer();
from.dispatchEvent(new DragEvent("dragstart", {bubbles: true, dataTransfer: carried}));
onto.dispatchEvent(new DragEvent("dragover", {bubbles: true, cancelable: true, dataTransfer: carried}));
onto.dispatchEvent(new DragEvent("drop", {bubbles: true, cancelable: true, dataTransfer: carried}));
from.dispatchEvent(new DragEvent("dragend", {bubbles: true, dataTransfer: carried}));
"""


def test_a_step_dragged_onto_another_takes_its_place(browser: Any, empty_studio: Studio) -> None:
    # the browser's own drag and drop cannot be driven by Selenium: the page gets the events a drag sends
    new_sequence(browser, empty_studio.base, "Quiet Evening", "gentle", "10 min", "Child's pose")
    add_pose(browser, "cat cow", "cat-cow")
    add_pose(browser, "cobra", "cobra")
    before = digest(browser)
    browser.execute_script(DRAG, "entry-2", "entry-0")
    wait_until(browser, lambda d: digest(d) != before, "the drop to be saved")
    titles = [t.text for t in browser.find_elements("css selector", "#steps > li .title")]
    assert titles == ["Cobra", "Child's pose", "Cat-cow"]
    text = (empty_studio.root / "sequences" / "quiet-evening.yaml").read_text(encoding="utf-8")
    assert text.endswith(
        "steps:\n  - pose: cobra\n    hold: 5 breaths\n\n  - pose: child-pose\n    hold: 5 breaths\n\n"
        "  - pose: cat-cow\n    hold: 5 breaths\n"
    )


def test_the_first_pose_is_chosen_by_its_figure(browser: Any, empty_studio: Studio) -> None:
    browser.get(empty_studio.base + "/")
    type_into(browser, "#new-title-field", "Cat and Cow")
    type_into(browser, "#new-first", "cat")
    choose = wait_until(
        browser, lambda d: d.find_elements("css selector", '#new-first-picks li[data-pose="cat-cow"] button'), "cat-cow"
    )[0]
    figure = css(browser, '#new-first-picks li[data-pose="cat-cow"] img')
    assert figure.get_attribute("src").endswith("/library/figures/cat-cow.svg")
    loaded = "return arguments[0].complete && arguments[0].naturalWidth > 0"
    assert wait_until(
        browser, lambda d: d.execute_script(loaded, figure), "the figure drawn"
    )  # it loads after the list
    choose.click()
    assert css(browser, "#new-first").get_attribute("value") == "Cat-cow"
    assert browser.switch_to.active_element.get_attribute("id") == "new-create"
    browser.switch_to.active_element.send_keys("\n")
    wait_until(browser, lambda d: d.find_elements("css selector", "#editor[data-digest]"), "the new sequence's editor")
    text = (empty_studio.root / "sequences" / "cat-and-cow.yaml").read_text(encoding="utf-8")
    assert text.endswith("steps:\n  - pose: cat-cow\n    hold: 5 breaths\n")


def test_the_keyboard_focus_stays_in_place_after_a_save_and_a_removal(browser: Any, empty_studio: Studio) -> None:
    new_sequence(browser, empty_studio.base, "Quiet Evening", "gentle", "10 min", "Child's pose")
    add_pose(browser, "cobra", "cobra")
    add_pose(browser, "cat cow", "cat-cow")
    path = empty_studio.root / "sequences" / "quiet-evening.yaml"

    open_step(browser, "1")
    save = css(browser, "#save-1")
    assert save.text == "Save step 2"
    browser.execute_script("arguments[0].focus()", save)
    browser.switch_to.active_element.send_keys("\n")
    wait_until(browser, lambda d: status(d) == "Saved: step 2: nothing changed.", "the save")
    assert browser.switch_to.active_element.get_attribute("id") == "save-1", "the focus left the Save button"

    # the last step removed by keyboard: the focus goes back to the list of steps, not to the top of the page
    shown = digest(browser)
    browser.execute_script("arguments[0].focus()", css(browser, "#remove-2"))
    browser.switch_to.active_element.send_keys("\n")
    wait_until(browser, lambda d: digest(d) != shown, "the removal")
    assert browser.switch_to.active_element.get_attribute("id") == "steps-title"
    assert "cat-cow" not in path.read_text(encoding="utf-8")


# the answers to the page's saves held back until the test lets them through one by one (or all, once `saveFreely`
# is set): what a slow studio does, without timing anything
HOLD_SAVES = """
window.heldSaves = [];
window.saveFreely = false;
window.letOneSaveThrough = function () { window.heldSaves.shift()(); };
const fetched = window.fetch;
window.fetch = function (url, options) {
  const answer = fetched(url, options);
  if (!String(url).endsWith("/edit") || window.saveFreely) return answer;
  return new Promise(function (resolve) { window.heldSaves.push(function () { resolve(answer); }); });
};
"""


def test_typing_while_a_save_is_on_its_way_is_never_lost(browser: Any, empty_studio: Studio) -> None:
    from selenium.webdriver.common.keys import Keys

    new_sequence(browser, empty_studio.base, "Quiet Evening", "gentle", "10 min", "Child's pose")
    path = empty_studio.root / "sequences" / "quiet-evening.yaml"
    open_step(browser, "0")
    browser.execute_script(HOLD_SAVES)
    shown = digest(browser)

    hold = type_into(browser, "#f-0-hold", "7 breaths")
    hold.send_keys(Keys.TAB)  # the hold is sent; its answer held back; the focus is in Breath
    wait_until(browser, lambda d: status(d) == "Saving …", "the hold's save to start")
    browser.switch_to.active_element.send_keys("exhale softens")  # Breath, typed while the save is on its way
    browser.switch_to.active_element.send_keys(Keys.TAB)  # left: Breath's own save waits behind the first
    cue = "Rest the forehead on a block"
    browser.switch_to.active_element.send_keys(cue)  # Cues, still being typed in
    assert browser.switch_to.active_element.get_attribute("id") == "f-0-cues"

    held = "return window.heldSaves.length"
    wait_until(browser, lambda d: d.execute_script(held) == 1, "the hold's save to be held")
    browser.execute_script("window.letOneSaveThrough()")
    wait_until(browser, lambda d: digest(d) != shown, "the hold's save to come back")
    # the new panel keeps both boxes as typed (Breath's own save still held back), and the focus where it was
    assert "      cycles" not in path.read_text(encoding="utf-8")  # (the hold is saved in its short form)
    assert css(browser, "#f-0-hold").get_attribute("value") == "7 breaths"
    assert css(browser, "#f-0-breath").get_attribute("value") == "exhale softens"
    assert css(browser, "#f-0-cues").get_attribute("value") == cue
    assert browser.switch_to.active_element.get_attribute("id") == "f-0-cues"

    # Breath's save, queued when Breath was left, comes back too; from now on the saves go through at once
    wait_until(browser, lambda d: d.execute_script(held) == 1, "Breath's save to be held")
    browser.execute_script("window.saveFreely = true; window.letOneSaveThrough()")
    wait_until(browser, lambda d: "exhale softens" in path.read_text(encoding="utf-8"), "Breath's save")
    wait_until(browser, lambda d: status(d).startswith("Saved: step 1"), "Breath's save to come back")
    assert css(browser, "#f-0-cues").get_attribute("value") == cue
    assert browser.switch_to.active_element.get_attribute("id") == "f-0-cues"
    browser.switch_to.active_element.send_keys(Keys.TAB)  # Cues left: saved too, with no more typing
    wait_until(browser, lambda d: cue in path.read_text(encoding="utf-8"), "the cue to be saved")
    text = path.read_text(encoding="utf-8")
    assert "breaths: 7\n" in text or "cycles: 7\n" in text, text  # with a breath: the hold's long form
    assert "exhale softens" in text
    assert f"    cues:\n      - {cue}\n" in text
    wait_until(browser, lambda d: css(d, "#f-0-cues").get_attribute("value") == cue, "the cue in its box")


def test_a_step_moved_to_the_end_keeps_the_focus_on_its_other_move_button(browser: Any, empty_studio: Studio) -> None:
    new_sequence(browser, empty_studio.base, "Quiet Evening", "gentle", "10 min", "Child's pose")
    add_pose(browser, "cobra", "cobra")
    shown = digest(browser)
    browser.execute_script("arguments[0].focus()", css(browser, "#down-0"))
    browser.switch_to.active_element.send_keys("\n")
    wait_until(browser, lambda d: digest(d) != shown, "the move")
    assert status(browser) == "Saved: Child's pose moved to 2."
    assert css(browser, "#down-1").get_attribute("disabled") is not None, "the last step cannot move down"
    assert browser.switch_to.active_element.get_attribute("id") == "up-1", "the focus left the moved step"
    # the same at the top
    shown = digest(browser)
    browser.switch_to.active_element.send_keys("\n")
    wait_until(browser, lambda d: digest(d) != shown, "the move back")
    assert status(browser) == "Saved: Child's pose moved to 1."
    assert browser.switch_to.active_element.get_attribute("id") == "down-0"
    # the status is green for a save, and the Undo button beside it
    colour = browser.execute_script("return getComputedStyle(document.getElementById('editor-status')).color")
    assert colour == "rgb(29, 107, 58)"
    assert css(browser, "#status-bar #undo").text == "Undo: Child's pose moved to 1"
