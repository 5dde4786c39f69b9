"""Quicker imports of PyYAML and ReportLab, which every build pays for before it reads a single file.

Three of their modules compile, as they are imported, a regular expression whose character class reaches the
end of Unicode: `yaml.reader` (printable characters), `reportlab.platypus.paragraph` (URLs, with IGNORECASE)
and `reportlab.lib.textsplit` (CJK wrapping). Python 3.11 takes about 35 ms to compile the three, a tenth of a
whole build, and a build rarely or never uses them: libyaml reads the files, the URL pattern only splits an
over-long link, and no handout wraps CJK text.

`install()` (run when the package is imported) makes exactly those modules get exactly those patterns as a
`LazyPattern`, compiled the first time it is used and the same pattern from then on. `re.compile` is replaced
only while one of the three modules runs its own code, and only for calls made by that module; everything else
compiles as always. A library version without those modules or patterns is simply unaffected.

Two modules ReportLab imports at once are run only when first used (`LAZY`, through importlib's LazyLoader):
`uharfbuzz` (about 20 ms), which shapes only a Devanagari name, and `PIL.Image` (about 15 ms with what it
imports), which a build whose pictures are all in the image cache already (or that has none) never calls.
"""

from __future__ import annotations

import importlib.machinery
import re
import sys
import threading

MODULES = frozenset({"yaml.reader", "reportlab.platypus.paragraph", "reportlab.lib.textsplit"})
LAZY = frozenset({"uharfbuzz", "PIL.Image"})  # run when first used, not when imported
WIDE = "\ufffd"  # a pattern holding a character from here on spans (nearly) all of Unicode

_compile = re.compile
_lock = threading.Lock()
_running: set[str] = set()  # the modules among MODULES whose code is being run now


class LazyPattern:
    """A compiled regular expression, compiled when first used (any attribute: match, search, sub, pattern...)."""

    __slots__ = ("_compiled", "_flags", "_source")

    def __init__(self, source: str, flags: int):
        self._source, self._flags = source, flags
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str):
        if self._compiled is None:
            self._compiled = _compile(self._source, self._flags)
        return getattr(self._compiled, name)

    def __repr__(self) -> str:
        return f"LazyPattern({self._source!r}, {self._flags!r})"


def _deferring_compile(pattern, flags=0):
    caller = sys._getframe(1).f_globals.get("__name__")
    if caller in _running and isinstance(pattern, str) and pattern and max(pattern) >= WIDE:
        return LazyPattern(pattern, flags)
    return _compile(pattern, flags)


class _Loader:
    """Runs one of MODULES with `re.compile` deferring its wide patterns; otherwise the usual loader.
    (Neither class derives from importlib.abc: importing that takes longer than the patterns do.)"""

    def __init__(self, loader):
        self.loader = loader

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module) -> None:
        name = module.__name__
        with _lock:
            _running.add(name)
            re.compile = _deferring_compile
        try:
            self.loader.exec_module(module)
        finally:
            with _lock:
                _running.discard(name)
                if not _running:
                    re.compile = _compile

    def __getattr__(self, name: str):  # get_source, get_filename, is_package... as the usual loader has them
        return getattr(self.loader, name)


class _Finder:
    """Finds MODULES and LAZY as the usual path finder does, and hands them to `_Loader` or a LazyLoader."""

    def find_spec(self, name, path, target=None):
        if name not in MODULES and name not in LAZY:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path, target)
        if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return spec
        if name in LAZY:
            from importlib.util import LazyLoader

            spec.loader = LazyLoader(spec.loader)
        else:
            spec.loader = _Loader(spec.loader)
        return spec


def install() -> None:
    """Put the finder first on the import path (once); modules imported already are left as they are."""
    if not any(isinstance(finder, _Finder) for finder in sys.meta_path):
        sys.meta_path.insert(0, _Finder())
