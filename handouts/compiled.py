"""The methods Python writes for every dataclass (`__init__`, `__repr__`, `__eq__`, `__hash__`, `__setattr__` ...),
compiled once and kept between runs.

For each dataclass, the standard library's `dataclasses` writes the source text of its methods and compiles it
as the class is defined: about 300 texts for the classes a build imports, 30 ms of compiling, a tenth of a build
with warm photos. The compiled code of a text depends only on the text and the Python that compiles it, so it is
kept in the user's cache (core/kept.py) in one file named by the Python version, and loaded (marshal) instead of
compiled: the file is read once, and each text's code unmarshalled when that text comes.

`install()` (run when the package is imported, before any of its dataclasses) gives the `dataclasses` module an
`exec` of its own: a text is looked up by its whole self, and compiled as `exec` would (no `from __future__` flag
of this module) when it is new. Every dataclass still gets its methods from its own text, so a changed class is
a new text and is compiled afresh: the kept file is never stale, only incomplete. A damaged file or one written
by another Python is ignored and made again; a text used by no run since the file was last made is dropped.
New texts are written when the process ends (and by the helper process when its jobs are done), merged with the
file as it is then.

The command line's imports also go without Python's cycle collector: `install()` pauses it when this process is
the `handouts` command (`python -m handouts`, or the installed script), and the command resumes it (`resume`)
before it runs, with every object made so far set aside where no collection walks it again (gc.freeze): the
modules, classes and functions of the imports are never garbage, and walking them again and again as they are
made is about a twentieth of a build. Any other use of the package (a test, the studio's helper) is not paused.
"""

import atexit
import gc
import marshal
import sys
import threading
from types import CodeType

from handouts.core import kept

NAME = f"dataclass-methods-{sys.implementation.cache_tag}-{sys.hexversion:x}.marshal"
_VERSION = sys.version  # what the file's first entry must say

_lock = threading.Lock()
_kept: dict[str, bytes] | None = None  # text -> marshalled code, as read from the kept file on first use
_codes: dict[str, CodeType] = {}  # text -> compiled code: the texts this process used
_new = False  # a text compiled here that the kept file did not hold


def load(data: bytes | None) -> dict[str, bytes]:
    """The texts and their marshalled code a kept file holds; empty for no file, a damaged one or another
    Python's. Each code is unmarshalled only when its text is used (`code_for`)."""
    if not data:
        return {}
    try:
        version, codes = marshal.loads(data)
    except Exception:  # damaged, cut short, or not this Python's marshal at all
        return {}
    if version != _VERSION or not isinstance(codes, dict):
        return {}
    if not all(isinstance(text, str) and isinstance(code, bytes) for text, code in codes.items()):
        return {}
    return codes


def code_for(text: str) -> CodeType:
    """The compiled code of one text, as `exec(text)` in the dataclasses module would compile it."""
    global _kept, _new
    with _lock:
        if _kept is None:
            _kept = load(kept.read(NAME))
        code = _codes.get(text)
        if code is None:
            found = _kept.get(text)
            try:
                code = marshal.loads(found) if found is not None else None
            except Exception:  # a damaged entry: compiled again, and kept again
                code = None
            if not isinstance(code, CodeType):
                code = compile(text, "<string>", "exec", dont_inherit=True)
                _kept.pop(text, None)
                if not _new:
                    _new = True
                    atexit.register(save)
            _codes[text] = code
    return code


def _exec(source, globals=None, locals=None, /):
    if isinstance(source, str):
        source = code_for(source)
    exec(source, globals, locals)


def save() -> None:
    """Write the texts compiled here that the kept file lacks, with what it holds now (another process may have
    written it meanwhile); texts no run has used since are dropped when they outnumber the ones used."""
    global _new
    with _lock:
        if not _new:
            return
        on_disk = load(kept.read(NAME))
        try:
            mine = {text: marshal.dumps(code) for text, code in _codes.items()}
        except ValueError:  # pragma: no cover - a code object marshal cannot write: keep nothing
            return
        if len(on_disk) + len(mine) > 4 * max(len(mine), 1000):  # many versions' worth: start again
            on_disk = {}
        _new = False
        data = marshal.dumps((_VERSION, {**on_disk, **mine}))
    kept.write(NAME, data)


def install() -> None:
    """The dataclasses module compiles through the kept code from now on (once); the cycle collector paused while
    the command line imports (see `resume`)."""
    import dataclasses

    if getattr(dataclasses, "exec", None) is not _exec:
        dataclasses.exec = _exec  # type: ignore[attr-defined]
    if _the_command() and gc.isenabled():
        global _paused
        gc.disable()
        _paused = True


_paused = False  # the cycle collector paused by `install`, not yet resumed


def _the_command() -> bool:
    """Whether this process is the `handouts` command being started: `python -m handouts` (the package is imported
    while "-m" stands for the module's path) or the installed `handouts` script."""
    first = sys.argv[0] if sys.argv else ""
    if first == "-m":  # the module named after -m is being found: only `handouts` itself runs the command
        given = getattr(sys, "orig_argv", [])
        return "-m" in given and given[given.index("-m") + 1 :][:1] == ["handouts"]
    return first.replace("\\", "/").rsplit("/", 1)[-1] in ("handouts", "handouts.exe")


def resume() -> None:
    """The cycle collector running again (when `install` paused it), with what the imports made set aside."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()
