"""A helper process for one build: while the main process lays out the booklets, a forked helper makes the
cheat sheets, mat cards, print files and how-to-print sheets, so a two-core machine uses both
cores. (Clients' batches use a pool of workers instead: `batch`.)

Jobs are module-level functions with picklable arguments, run in the order given; results come back in that
order whatever happens. A job that finds bad input returns its located problems; any other failure comes back
as a fault with its traceback. Without fork (or with one core) the jobs simply run in this process, with the
same results: output never depends on whether the helper was used.

A build session keeps one helper for all its builds (`KeptHelper`): a process started with its own Python (not
forked: a fork from a thread of a web server may inherit a lock another thread held), warm after its first jobs.
"""

from __future__ import annotations

import os
import pickle
import queue
import struct
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from handouts import compiled
from handouts.core.errors import HandoutError, OutsideError

_LENGTH = struct.Struct("!Q")


def outcome(what: Path, result: tuple[str, Any]) -> tuple[str, Any]:
    """A job's result as the run uses it: ("problems", [...]) or ("done", value); a fault in the helper process is
    raised here as the RuntimeError it was, an outside failure (disk, lock) as OutsideError."""
    kind, value = result
    if kind == "fault":
        raise RuntimeError(f"making {what} failed in the helper process:\n{value}")
    if kind == "outside":
        raise OutsideError(*value)
    return kind, value


def _pack(value: Any) -> bytes:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    return _LENGTH.pack(len(data)) + data


def _send(stream, value: Any) -> None:
    stream.write(_pack(value))
    stream.flush()


def _receive(stream) -> Any:
    head = stream.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        raise EOFError
    return pickle.loads(stream.read(_LENGTH.unpack(head)[0]))


def _run(job: Callable, args: tuple) -> tuple[str, Any]:
    try:
        return "ok", job(*args)
    except HandoutError as exc:
        return "problems", exc.problems
    except OutsideError as exc:  # the disk refused (exit 3), not a fault
        return "outside", (exc.message, exc.hint)
    except BaseException:
        import traceback

        return "fault", traceback.format_exc()


def _serve(jobs_fd: int, results_fd: int) -> None:
    with os.fdopen(jobs_fd, "rb") as jobs, os.fdopen(results_fd, "wb") as results:
        while True:
            try:
                job, args = _receive(jobs)
            except EOFError:
                return
            _send(results, _run(job, args))


def warm() -> None:
    """A job that only gets ready for the print files to come: pypdf imported and primed (see `impose.prime`)
    while the main process is busy reading the workspace."""
    from handouts.output.impose import prime

    prime()


class Helper:
    """Runs jobs in a forked helper process when the machine has cores to spare, else right here."""

    def __init__(self, use_fork: bool | None = None):
        if use_fork is None:  # HANDOUTS_HELPER=0 turns the helper off (to compare, or to debug a job)
            use_fork = os.environ.get("HANDOUTS_HELPER", "1") != "0"
        self.forked = use_fork and hasattr(os, "fork") and (os.cpu_count() or 1) > 1
        self.local: list[tuple[str, Any]] = []
        self.remote: list[tuple[str, Any]] = []
        self.count = 0
        if self.forked:
            self._start()

    def _start(self) -> None:
        jobs_r, jobs_w = os.pipe()
        results_r, results_w = os.pipe()
        pid = os.fork()
        if pid == 0:  # the helper: serve jobs, then leave without running the parent's exit handlers
            code = 0
            try:
                os.close(jobs_w)
                os.close(results_r)
                _serve(jobs_r, results_w)
                compiled.save()  # the dataclasses first defined here (os._exit runs no exit handler)
            except BaseException:
                code = 1
            finally:
                os._exit(code)
        os.close(jobs_r)
        os.close(results_w)
        self.pid = pid
        self.waiting: queue.SimpleQueue = queue.SimpleQueue()  # jobs for the sender: a big one (a booklet to
        # impose) fills the pipe while the helper is busy, and the main process should go on meanwhile
        self.sender = threading.Thread(target=self._send_jobs, args=(os.fdopen(jobs_w, "wb"),), daemon=True)
        self.sender.start()
        results = os.fdopen(results_r, "rb")
        self.arrived = threading.Condition()  # told each time a result comes back, and when the helper ended
        self.ended = False
        self.reader = threading.Thread(target=self._read, args=(results,), daemon=True)
        self.reader.start()

    def _send_jobs(self, jobs) -> None:
        try:
            with jobs:
                while (packed := self.waiting.get()) is not None:
                    jobs.write(packed)
                    jobs.flush()
        except OSError:  # the helper is gone: `finish` reports every job it did not answer as a fault
            pass

    def _read(self, results) -> None:
        with results:
            while True:
                try:
                    result = _receive(results)
                except EOFError:
                    break
                with self.arrived:
                    self.remote.append(result)
                    self.arrived.notify_all()
        with self.arrived:
            self.ended = True
            self.arrived.notify_all()
        os.waitpid(self.pid, 0)  # the ended helper reaped here, whether or not `finish` still waits

    def submit(self, job: Callable, *args) -> int:
        """Queue a job; returns its number (the index of its result). A job whose arguments cannot be pickled
        raises here, at once, and is not queued."""
        if self.forked:
            self.waiting.put(_pack((job, args)))  # the sender thread writes it while this process goes on
        else:
            self.local.append(_run(job, args))
        self.count += 1
        return self.count - 1

    def finish(self) -> list[tuple[str, Any]]:
        """Every job's (kind, value), in the order submitted: ('ok', result), ('problems', [...]) or
        ('fault', traceback)."""
        if not self.forked:
            return self.local
        self.waiting.put(None)  # the sender closes the pipe after the last job, and the helper then ends
        self.sender.join()
        with self.arrived:  # every result back: the helper's own ending (a few ms) is not waited for
            while len(self.remote) < self.count and not self.ended:
                self.arrived.wait()
        if len(self.remote) != self.count:
            return self.remote + [("fault", "the helper process stopped early")] * (self.count - len(self.remote))
        return self.remote

    def reap(self) -> None:
        """Wait until the helper process has ended and been reaped (after `finish`: it ends once its pipe is
        closed, usually while the build writes its files)."""
        if self.forked:
            self.reader.join()


def serve(jobs_fd: int, results_fd: int) -> None:
    """A kept helper's whole life: the fonts registered, then jobs served until the session closes the pipe.
    Ctrl-C (sent to every process of the terminal) is left to the session, which then closes the pipe."""
    import signal

    from handouts.layouts import fonts

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    fonts.register()
    try:
        _serve(jobs_fd, results_fd)
    except OSError:  # the session's process ended while a result was on its way: nobody to tell
        pass


_GONE = ("fault", "the helper process stopped early")


class KeptHelper:
    """A helper process for a build session's many builds, with `Helper`'s submit and finish: `finish` ends one
    build's jobs (the process stays), `close` ends the process. One build at a time. A helper that died (killed,
    out of memory) answers that build's jobs as faults, and a new one is started for the next build."""

    forked = True

    def __init__(self) -> None:
        self.count = 0
        self._start()

    def _start(self) -> None:
        import subprocess  # only a kept helper starts a Python: a build's helper is forked

        jobs_r, jobs_w = os.pipe()
        results_r, results_w = os.pipe()
        package_root = str(Path(__file__).resolve().parent.parent.parent)  # where `handouts` is imported from
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
        code = f"from handouts.pipeline.helper import serve; serve({jobs_r}, {results_w})"
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-c", code], pass_fds=(jobs_r, results_w), env=env, stdin=subprocess.DEVNULL
            )
        finally:
            os.close(jobs_r)
            os.close(results_w)
        self.waiting: queue.SimpleQueue = queue.SimpleQueue()
        self.results: queue.SimpleQueue = queue.SimpleQueue()
        self.alive = True
        self.sender = threading.Thread(target=self._send_jobs, args=(os.fdopen(jobs_w, "wb"),), daemon=True)
        self.sender.start()
        threading.Thread(target=self._read, args=(os.fdopen(results_r, "rb"),), daemon=True).start()

    def _send_jobs(self, jobs) -> None:
        try:
            with jobs:
                while (packed := self.waiting.get()) is not None:
                    jobs.write(packed)
                    jobs.flush()
        except OSError:  # the helper is gone: `finish` answers its jobs as faults
            pass

    def _read(self, results) -> None:
        with results:
            while True:
                try:
                    self.results.put(_receive(results))
                except (EOFError, OSError, pickle.UnpicklingError):
                    self.results.put(None)
                    return

    def submit(self, job: Callable, *args) -> int:
        """Queue a job of this build; returns its number. Arguments that cannot be pickled raise here, at once."""
        if not self.alive or (self.count == 0 and self.process.poll() is not None):  # a build's first job
            self.close()
            self._start()
        self.waiting.put(_pack((job, args)))
        self.count += 1
        return self.count - 1

    def finish(self) -> list[tuple[str, Any]]:
        """This build's jobs' (kind, value), in the order submitted; the next build's numbers start at 0."""
        answers: list[tuple[str, Any]] = []
        while len(answers) < self.count:
            got = self.results.get() if self.alive else None
            if got is None:
                self.alive = False
                answers.append(_GONE)
            else:
                answers.append(got)
        self.count = 0
        return answers

    def release(self) -> None:
        """Let the helper process end (its jobs' pipe is closed), without waiting for it."""
        self.waiting.put(None)
        self.alive = False

    def close(self) -> None:
        """End the helper process (it ends by itself, too, when this process does)."""
        import subprocess

        self.release()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


_FIGURES: dict[bytes, Any] = {}  # in a kept helper: each figure received, by its content


def _figure(data: bytes):
    """A figure as a kept helper unpickles it: the one it got before when equal, so that the figure's art and its
    drawing, worked out once per figure object (figures/art.py, layouts/figurebox.py), are not worked out again
    for every job."""
    figure = _FIGURES.get(data)
    if figure is None:
        from handouts.core.figure import Figure

        figure = _FIGURES[data] = Figure(*pickle.loads(data))
    return figure


def _reduce_figure(figure) -> tuple:
    fields = tuple(getattr(figure, name) for name in figure.__dataclass_fields__)
    return _figure, (pickle.dumps(fields, protocol=pickle.HIGHEST_PROTOCOL),)


def _send_figures_by_content() -> None:
    """Pickle figures (from this process on) so that a kept helper keeps one object per figure (see `_figure`)."""
    import copyreg

    from handouts.core.figure import Figure

    copyreg.pickle(Figure, _reduce_figure)


class KeptHelpers:
    """Kept helpers for a build session: the jobs of the functions in `apart` (the mat card, the longest) go to
    a second process, every other job to the first, so that on two cores or more the mat card no longer holds up
    the rest; the same submit and finish as `Helper`, results in the order submitted. The second process starts
    with its first job."""

    forked = True

    def __init__(self, apart: tuple[Callable, ...] = ()) -> None:
        _send_figures_by_content()
        self.apart = apart
        self.helpers: list[KeptHelper | None] = [KeptHelper(), None]
        self.routes: list[tuple[int, int]] = []  # each job: (which helper, its number there)

    def submit(self, job: Callable, *args) -> int:
        which = 1 if job in self.apart else 0
        helper = self.helpers[which]
        if helper is None:
            helper = self.helpers[which] = KeptHelper()
        self.routes.append((which, helper.submit(job, *args)))
        return len(self.routes) - 1

    def finish(self) -> list[tuple[str, Any]]:
        answers = [helper.finish() if helper is not None else [] for helper in self.helpers]
        routes, self.routes = self.routes, []
        return [answers[which][number] for which, number in routes]

    def release(self) -> None:
        for helper in self.helpers:
            if helper is not None:
                helper.release()

    def close(self) -> None:
        for helper in self.helpers:
            if helper is not None:
                helper.close()
