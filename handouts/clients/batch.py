"""Making many clients' PDFs at once: across every core, with a progress bar on a terminal.

The jobs are planned and checked first (`personal.client_jobs`), so bad input stops the run before any PDF is
made. The first PDF is made in this process, so that the worker processes forked after it start with what it
loaded and measured (fonts, photos made ready, layout measures) instead of each making it again. The workers
have the jobs already in memory, take them one at a time (so the cores finish together) and send back each
PDF's bytes, which are written at once into a staging folder (so memory stays flat however long the roster is) and moved into place
together when all succeeded (so a failed batch leaves the previous files as they were).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Iterator

from handouts.clients.personal import ClientJob
from handouts.core.errors import HandoutError, Problem
from handouts.output.images import ImageStage

_JOBS: list[ClientJob] = []  # set before the workers fork: they read their jobs from here
_CONTEXT: dict = {}


def make(job: ClientJob, paper: str, images: ImageStage, pages: int = 1) -> bytes | tuple[bytes, list[Problem]]:
    """One client's PDF (a cheat sheet comes with its warnings)."""
    from handouts.pipeline.products import booklet_pdf, cheatsheet_pdf, matcard_pdf

    if job.format == "cheatsheet":
        return cheatsheet_pdf(job.plan, paper, job.studio, pages, images, job.words, job.personal)
    if job.format == "matcard":
        return matcard_pdf(job.plan, paper, job.studio, images, job.words, job.personal)
    return booklet_pdf(job.plan, paper, job.studio, images, job.words, job.personal).data


def _work(index: int) -> tuple[int, str, bytes | list[Problem], list[Problem]]:
    """One job, and the warnings found while making it (a photo printed too small, a two-page cheat sheet)."""
    images = _CONTEXT["images"]
    before = len(images.warnings)
    found: list[Problem] = []
    result: tuple[int, str, bytes | list[Problem]]
    try:
        made = make(_JOBS[index], **_CONTEXT)
        if isinstance(made, tuple):
            made, found = made
        result = index, "ok", made
    except HandoutError as exc:
        result = index, "problems", exc.problems
    return (*result, images.warnings[before:] + list(found))


def _warm(jobs: list[ClientJob]) -> None:
    """What every job needs, loaded once here before the workers fork (they share it): the fonts, and the
    Devanagari font when a client's handout names a pose in it."""
    from handouts.layouts import fonts
    from handouts.pipeline import products  # noqa: F401 - the layouts' modules, imported once for every worker

    fonts.register()
    if any(job.studio.devanagari and any(s.devanagari for s in job.plan.steps) for job in jobs):
        fonts.register_devanagari()


def run(
    jobs: list[ClientJob], paper: str, images: ImageStage, pages: int = 1, workers: int | None = None
) -> Iterator[tuple[ClientJob, str, bytes | list[Problem], list[Problem]]]:
    """Each job with ("ok", pdf bytes) or ("problems", [...]) and its image warnings, in the order of `jobs`.

    The first job is made here, before the workers fork: what it leaves in memory (imports, fonts, the photos
    made ready and where they are, the layouts' measures) every worker starts with, instead of each making it
    again. Then the others go to the workers one at a time, so that both finish together."""
    global _JOBS, _CONTEXT
    if not workers:
        workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    workers = max(1, min(workers, len(jobs) - 1))
    _JOBS, _CONTEXT = jobs, {"paper": paper, "images": images, "pages": pages}
    frozen = False
    try:
        if workers == 1 or "fork" not in multiprocessing.get_all_start_methods():
            for index in range(len(jobs)):
                _, kind, value, warnings = _work(index)
                yield jobs[index], kind, value, warnings
            return
        _warm(jobs)
        _, kind, value, warnings = _work(0)
        yield jobs[0], kind, value, warnings
        gc.freeze()  # what is in memory now is never collected in a worker: its pages stay shared, not copied
        frozen = True
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for index, kind, value, warnings in pool.imap(_work, range(1, len(jobs))):
                yield jobs[index], kind, value, warnings
    finally:
        _JOBS, _CONTEXT = [], {}
        if frozen:
            gc.unfreeze()


class Progress:
    """A one-line bar on a terminal, shown once a batch has taken a second: 'clients [#####-----] 57/200'."""

    def __init__(self, total: int, stream=None, after: float = 1.0, clock: Callable[[], float] = time.monotonic):
        self.total, self.done = total, 0
        self.stream = stream if stream is not None else sys.stderr  # cli.py's choice: the bar is its output
        self.after, self.clock = after, clock
        self.start = clock()
        self.shown = False

    def step(self, label: str = "") -> None:
        self.done += 1
        if not getattr(self.stream, "isatty", lambda: False)():
            return
        if not self.shown and self.clock() - self.start < self.after:
            return
        self.shown = True
        width = 30
        filled = width * self.done // max(1, self.total)
        self.stream.write(
            f"\rclients [{'#' * filled}{'-' * (width - filled)}] {self.done}/{self.total} {label[:30]:<30}"
        )
        self.stream.flush()

    def close(self) -> None:
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()
