"""How long the studio takes from a save to the new page image in the browser.

    .venv/bin/python benchmarks/studio_latency.py [--saves N]

Serves a copy of the low-back example as `handouts serve` does (one warm build session, its watcher, the web app)
and opens its sequence page in a headless Chromium (Debian's chromium and chromium-driver). Then saves the YAML file
N times (default 20), each time with a different hold for the supine twist, and measures from the moment of the
write to the moment the browser has the first booklet page's new image fully loaded (a script in the page checks
every 10 ms). Also prints the session's own rebuild time for each save. The target: the image within 500 ms.
Figures only: nothing here passes or fails (`make bench` runs it; without Chromium it only says so).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from run import reference  # noqa: E402
from studio_fixtures import SLUG, Studio, browser_missing, close_chromium, copy_workspace, open_chromium, save  # noqa: E402

TARGET_MS = 500
TWIST_HOLD = "    hold: 5 breaths"
PAGE = 'img.page[data-product="booklet"][data-page="1"]'

# Installed in the page before each save: every 10 ms, look for the first booklet page's image with an address other
# than the old one, fully loaded; note the moment (milliseconds since 1970, on the browser's clock).
WATCH_FOR_NEW_IMAGE = """
const selector = arguments[0];
const old = document.querySelector(selector).getAttribute('src');
window.__arrived = null;
clearInterval(window.__poll);
window.__poll = setInterval(() => {
  const img = document.querySelector(selector);
  if (img && img.getAttribute('src') !== old && img.complete && img.naturalWidth > 0) {
    window.__arrived = performance.timeOrigin + performance.now();
    clearInterval(window.__poll);
  }
}, 10);
"""


def browser_clock_offset(driver) -> float:
    """The browser's clock minus this process's time.time(), in ms: from the round trip that took least time."""
    best = (float("inf"), 0.0)
    for _ in range(15):
        before = time.time() * 1000
        browser = driver.execute_script("return performance.timeOrigin + performance.now()")
        after = time.time() * 1000
        best = min(best, (after - before, browser - (before + after) / 2))
    return best[1]


def describe(name: str, values: list[float]) -> str:
    return (
        f"{name}: median {statistics.median(values):.0f} ms, range {min(values):.0f}-{max(values):.0f} ms "
        f"over {len(values)} saves"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--saves", type=int, default=20, help="how many saves to time (at least 15)")
    saves = max(15, parser.parse_args().saves)
    reason = browser_missing()
    if reason:
        print(f"the studio's save-to-image time is not measured here: Chromium is {reason}")
        return 0
    before = reference()
    with tempfile.TemporaryDirectory(prefix="handouts-latency-") as folder:
        workspace = copy_workspace(Path(folder) / "ws")
        sequence = workspace / "sequences" / f"{SLUG}.yaml"
        original = sequence.read_text(encoding="utf-8")
        driver = open_chromium()
        try:
            with Studio(workspace) as studio:
                driver.get(studio.url(f"/sequences/{SLUG}"))
                wait(lambda: driver.execute_script(f"return document.querySelector('{PAGE}')?.naturalWidth > 0"))
                offset = browser_clock_offset(driver)
                in_browser: list[float] = []
                rebuilt: list[float] = []
                seen_by_session: list[float] = []
                after_rebuild: list[float] = []
                # one save before the timed ones warms what the first edit alone touches
                for n in range(saves + 1):
                    driver.execute_script(WATCH_FOR_NEW_IMAGE, PAGE)
                    seen = len(studio.rebuilds)
                    hold = f"    hold: {6 + n % 10} breaths"
                    written = save(sequence, original.replace(TWIST_HOLD, hold, 1)) * 1000
                    arrived = wait(lambda: driver.execute_script("return window.__arrived"))
                    studio.wait_for_rebuild(seen + 1)
                    rebuild = studio.rebuilds[seen]
                    if n == 0:
                        continue
                    done = studio.rebuilt_at[seen] * 1000
                    in_browser.append(arrived - offset - written)
                    rebuilt.append(rebuild.seconds * 1000)
                    seen_by_session.append(done - written - rebuilt[-1])
                    after_rebuild.append(arrived - offset - done)
                    print(
                        f"save {n:2}: new image in the browser after {in_browser[-1]:4.0f} ms: the save noticed after "
                        f"{seen_by_session[-1]:3.0f} ms, rebuilt in {rebuilt[-1]:4.0f} ms, the new image loaded "
                        f"{after_rebuild[-1]:3.0f} ms later"
                    )
                    time.sleep(0.2)
                driver.get("about:blank")
        finally:
            close_chromium(driver)
    after = reference()
    print(
        f"machine reference (benchmarks/run.py's fixed loop): {before * 1000:.0f} ms before, {after * 1000:.0f} ms after"
    )
    print(describe("save to new image in the browser", in_browser) + f" (target: within {TARGET_MS} ms)")
    print(describe("  the watcher noticing the save", seen_by_session))
    print(describe("  the session's rebuild of the sequence (Rebuild.seconds)", rebuilt))
    print(
        describe("  from the rebuild's end to the new image loaded (event, page image drawn, fetched)", after_rebuild)
    )
    return 0


def wait(condition, timeout: float = 10):
    deadline = time.monotonic() + timeout
    while not (value := condition()):
        if time.monotonic() > deadline:
            raise TimeoutError(f"nothing after {timeout} s")
        time.sleep(0.02)
    return value


if __name__ == "__main__":
    sys.exit(main())
