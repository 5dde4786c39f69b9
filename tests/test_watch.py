"""`handouts watch` in its own process, on a copy of the examples: a saved hold shows in the PDF, a broken file is
reported with its line and keeps the last good PDF byte for byte, the fix is rebuilt, Ctrl-C ends it quietly."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pypdf

ROOT = Path(__file__).resolve().parent.parent
LOW_BACK = "sequences/low-back-release.yaml"
WAIT = 120.0  # seconds: a generous bound for a busy machine; nothing here is timed


class Watcher:
    """`handouts watch low-back-release` running in a workspace; its output lines as they come."""

    def __init__(self, workspace: Path):
        env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
        command = "from handouts.commands.cli import run; run()"
        self.process = subprocess.Popen(
            [sys.executable, "-c", command, "watch", "low-back-release"],
            cwd=workspace,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,  # its own process group: Ctrl-C below reaches it and its helper, as in a terminal
        )
        self.lines: queue.SimpleQueue = queue.SimpleQueue()
        self.seen: list[str] = []
        for stream, name in ((self.process.stdout, "out"), (self.process.stderr, "err")):
            threading.Thread(target=self._read, args=(stream, name), daemon=True).start()

    def _read(self, stream, name: str) -> None:
        for line in stream:
            self.lines.put((name, line.rstrip("\n")))

    def until(self, text: str, stream: str = "out", also: tuple[str, str] | None = None) -> list[str]:
        """Every line up to the first one on `stream` containing `text` (and, with `also`, until a line on
        also[0] containing also[1] came too, before or after it: two pipes keep no order between them)."""
        got: list[str] = []
        wanted = [(stream, text)] + ([also] if also else [])
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            try:
                name, line = self.lines.get(timeout=1)
            except queue.Empty:
                assert self.process.poll() is None, f"watch ended early: {self.seen}"
                continue
            self.seen.append(f"{name}: {line}")
            got.append(f"{name}: {line}")
            wanted = [(where, what) for where, what in wanted if not (where == name and what in line)]
            if not wanted:
                return got
        raise AssertionError(f"no line with {text!r} in {WAIT} s: {self.seen}")


def holds(pdf: Path) -> list[str]:
    lines = [line.strip() for page in pypdf.PdfReader(pdf).pages for line in page.extract_text().split("\n")]
    return [line for line in lines if line.endswith("breaths")]


def test_watch_rebuilds_on_save_reports_errors_and_keeps_the_last_good_pdf(examples):
    sequence = examples / LOW_BACK
    booklet = examples / "build" / "low-back-release" / "booklet.pdf"
    original = sequence.read_text(encoding="utf-8")
    watcher = Watcher(examples)
    try:
        first = watcher.until("press Ctrl-C to stop")
        assert first[0].startswith("out: built low-back-release in ")
        assert "9 breaths" not in holds(booklet)

        time.sleep(0.5)  # the watcher is started just after the line above; give it a moment to look
        sequence.write_text(original.replace("hold: 5 breaths", "hold: 9 breaths", 1), encoding="utf-8")
        saved = watcher.until("rebuilt low-back-release")
        assert saved[-1].startswith(f"out: {LOW_BACK} changed: rebuilt low-back-release in ")
        assert saved[-1].endswith(" s")
        assert "9 breaths" in holds(booklet)
        good = booklet.read_bytes()

        sequence.write_text(original.replace("hold: 5 breaths", "hold: [9 breaths", 1), encoding="utf-8")
        broken = watcher.until("not rebuilt", also=("err", f"{LOW_BACK}:33:9: YAML syntax error"))
        said = [line for line in broken if line.startswith("out: ")]
        assert len(said) == 1
        assert said[0].startswith(
            f"out: {LOW_BACK} changed: low-back-release not rebuilt (1 error; its last good PDFs kept) in "
        )
        assert booklet.read_bytes() == good

        sequence.write_text(original.replace("hold: 5 breaths", "hold: 11 breaths", 1), encoding="utf-8")
        watcher.until("rebuilt low-back-release")
        assert "11 breaths" in holds(booklet)
        assert "9 breaths" not in holds(booklet)
    finally:
        os.killpg(watcher.process.pid, signal.SIGINT)  # Ctrl-C: to every process of the group
        code = watcher.process.wait(timeout=60)
    rest = []
    while not watcher.lines.empty():
        rest.append(watcher.lines.get())
    assert code == 0
    assert not any("Traceback" in line or "interrupted" in line for _, line in rest), rest
