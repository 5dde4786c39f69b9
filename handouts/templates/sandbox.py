"""The bounded template sandbox: where every template is filled in (a text's `{{ client.name }}`, the mail
message and subject), and how much work one may do.

Jinja2's immutable sandbox, with limits enforced while it runs (handouts/limits.py): loop rounds counted as they
go (every `{% for %}` is given a counting filter when the template is parsed), `range` capped, a string or list
product, a `+`, a format width, a power or a growing filter refused *before* it is made, text built inside the
template (a macro, a `{% set %}` block) measured before it is joined, the output counted chunk by chunk as it is
written, and a wall-clock budget checked at every loop round, call, operator and chunk. Each breach raises
`Breach` (what limit, how to stay under it); `explain` turns any failure of a render (a breach, a division by
zero, a type error, a name that is not there ...) into plain words and the line of the template it happened on.

Jinja2 is imported with this module: only once some template needs more than plain names (text.py fills those
itself).
"""

from __future__ import annotations

import functools
import math
import re
import time
from typing import Any

from jinja2 import StrictUndefined, nodes
from jinja2.exceptions import SecurityError, TemplateError, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.visitor import NodeTransformer

from handouts.core import limits

LOOP_FILTER = "_handouts_counted"  # given to every loop by the parser below
SIZE_FILTER = "_handouts_sized"  # given to every `~` (joining texts)
INT_DIGITS = 4_300  # Python's own limit on printing a whole number; a template's numbers stay under it
INT_BITS = int(INT_DIGITS * math.log2(10)) + 1
TAGS = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)


def _n(number: int) -> str:
    return f"{number:,}"


class Breach(Exception):
    """A template went over one of the limits on template work: what it did, and how to stay under the limit."""

    def __init__(self, message: str, hint: str, culprit: str = ""):
        super().__init__(message)
        self.message, self.hint = message, hint
        self.culprit = culprit  # a pattern for the tag that did it, to quote it


class _Budget:
    __slots__ = ("deadline", "loops")

    def __init__(self, seconds: float):
        self.loops = 0
        self.deadline = time.thread_time() + seconds  # CPU time: a busy machine does not cut a render short


_budget: _Budget | None = None  # the render under way (one at a time per process)


def _tick() -> None:
    if _budget is not None and time.thread_time() > _budget.deadline:
        seconds = limits.TEMPLATE_SECONDS
        raise Breach(
            f"the template takes more than {seconds:g} second{'s' if seconds != 1 else ''} to fill in",
            "make it simpler: fewer loops, fewer rounds in each, shorter texts",
        )


def _too_long(size: int, what: str = "text") -> Breach:
    made = f"a text of {_n(size)} characters" if what == "text" else f"a list of {_n(size)} items"
    return Breach(
        f"the template makes {made}, more than the {_n(limits.TEMPLATE_OUTPUT)} a template may make",
        "repeat less: a smaller number after *, fewer rounds in a loop",
    )


def _size(value: Any) -> int:
    """Characters of a text, items of a list (those inside it counted too); stops counting past the limit."""
    if isinstance(value, str):
        return len(value)
    if not isinstance(value, (list, tuple, dict, set, frozenset)):
        return 0
    total, stack = 0, [value]
    while stack and total <= limits.TEMPLATE_OUTPUT:
        item = stack.pop()
        if isinstance(item, str):
            total += len(item)
        elif isinstance(item, dict):
            total += len(item)
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, set, frozenset)):
            total += len(item)
            stack.extend(item)
    return total


def _check_size(value: Any) -> Any:
    size = _size(value)
    if size > limits.TEMPLATE_OUTPUT:
        raise _too_long(size, "text" if isinstance(value, str) else "list")
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > INT_BITS:
        raise _number_too_long()
    return value


def _number_too_long() -> Breach:
    return Breach(f"a number in the template grows longer than {_n(INT_DIGITS)} digits", "use smaller numbers")


def _counted(iterable):
    """A loop's items, each counted against the render's budget."""
    budget = _budget
    for item in iterable:
        if budget is not None:
            budget.loops += 1
            if budget.loops > limits.TEMPLATE_LOOP:
                raise Breach(
                    f"the template goes round its loops more than {_n(limits.TEMPLATE_LOOP)} times",
                    "loop over fewer items (a loop inside a loop multiplies its rounds)",
                    r"^-?\s*for\b",
                )
            _tick()
        yield item


def _range(*args):
    """`range` in a template: at most TEMPLATE_RANGE numbers."""
    _tick()
    numbers = range(*args)
    if len(numbers) > limits.TEMPLATE_RANGE:
        shown = ", ".join(str(a) for a in args)
        raise Breach(
            f"range({shown}) counts {_n(len(numbers))} numbers, more than the "
            f"{_n(limits.TEMPLATE_RANGE)} a template may count",
            "use a smaller range",
            r"\brange\s*\(",
        )
    return numbers


def _concat(parts) -> str:
    """Text built inside a template (a macro's, a {% set %} block's), measured before it is joined."""
    parts = parts if isinstance(parts, list) else list(parts)
    total = sum(map(len, parts))
    if total > limits.TEMPLATE_OUTPUT:
        raise _too_long(total)
    return "".join(parts)


_WIDTH = re.compile(r"%[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?|\{[^{}]*?:([^{}]*)\}")


def _check_format(fmt: str, args=()) -> None:
    """Refuse a format (`'%10s' % x`, `'{:>10}'.format(x)`, `|format`) whose widths make a text over the limit."""
    for match in _WIDTH.finditer(fmt):
        numbers = [g for g in match.groups()[:2] if g] + re.findall(r"\d+", match.group(3) or "")
        wide = [int(n) for n in numbers if n != "*" and int(n) > limits.TEMPLATE_OUTPUT]
        if wide:
            raise _too_long(wide[0])
    if "*" in fmt or re.search(r"\{[^{}]*\{", fmt):  # a width given as an argument
        for arg in args if isinstance(args, (tuple, list)) else (args,):
            if isinstance(arg, int) and not isinstance(arg, bool) and abs(arg) > limits.TEMPLATE_OUTPUT:
                raise _too_long(abs(arg))


def _replaced_size(text: str, old: str, new: str, count: int = -1) -> int:
    times = text.count(old) if old else len(text) + 1
    if count is not None and count >= 0:
        times = min(times, count)
    return len(text) + times * (len(new) - len(old))


def _joined_size(sep: str, items) -> tuple[int, list]:
    items = items if isinstance(items, (list, tuple)) else list(items)
    return sum(len(x) if isinstance(x, str) else _size(x) + 8 for x in items) + len(sep) * max(len(items) - 1, 0), items


def _check_str_method(name: str, text: str, args: tuple, kwargs: dict) -> None:
    """Refuse a string method that would make a text over the limit, before it runs."""
    size = 0
    if name in ("center", "ljust", "rjust", "zfill") and args and isinstance(args[0], int):
        size = args[0]
    elif name == "expandtabs":
        tab = args[0] if args else kwargs.get("tabsize", 8)
        size = len(text) + text.count("\t") * (tab if isinstance(tab, int) else 0)
    elif name == "replace" and len(args) >= 2 and isinstance(args[0], str) and isinstance(args[1], str):
        size = _replaced_size(text, args[0], args[1], args[2] if len(args) > 2 and isinstance(args[2], int) else -1)
    elif name == "join" and args:
        size, _ = _joined_size(text, args[0])
    elif name == "translate" and args and isinstance(args[0], dict):
        longest = max((len(v) for v in args[0].values() if isinstance(v, str)), default=1)
        size = len(text) * max(longest, 1)
    elif name in ("format", "format_map"):
        _check_format(text, args + tuple(kwargs.values()))
    if size > limits.TEMPLATE_OUTPUT:
        raise _too_long(size)


# -- filters: each checked before it runs where it can grow, and its result measured -----------------------------
def _before_filter(name: str, args: tuple, kwargs: dict) -> None:
    value = args[0] if args else None
    rest = args[1:]
    if name == "center":
        width = rest[0] if rest else kwargs.get("width", 80)
        if isinstance(width, int) and width > limits.TEMPLATE_OUTPUT:
            raise _too_long(width)
    elif name == "indent" and isinstance(value, str):
        width = rest[0] if rest else kwargs.get("width", 4)
        width = len(width) if isinstance(width, str) else width if isinstance(width, int) else 0
        size = len(value) + (value.count("\n") + 1) * width
        if size > limits.TEMPLATE_OUTPUT:
            raise _too_long(size)
    elif name == "format" and isinstance(value, str):
        _check_format(value, rest + tuple(kwargs.values()))
    elif name == "replace" and len(rest) >= 2:
        text = str(value) if not isinstance(value, str) else value
        count = rest[2] if len(rest) > 2 else kwargs.get("count")
        size = _replaced_size(text, str(rest[0]), str(rest[1]), count if isinstance(count, int) else -1)
        if size > limits.TEMPLATE_OUTPUT:
            raise _too_long(size)
    elif name == "join" and value is not None and not isinstance(value, str):
        sep = rest[0] if rest else kwargs.get("d", "")
        size, _ = _joined_size(str(sep), value if isinstance(value, (list, tuple)) else list(value))
        if size > limits.TEMPLATE_OUTPUT:
            raise _too_long(size)
    elif name in ("batch", "slice"):
        count = rest[0] if rest else kwargs.get("linecount", kwargs.get("slices", 0))
        if isinstance(count, int) and count > limits.TEMPLATE_OUTPUT:
            raise _too_long(count)
    elif name == "wordwrap" and isinstance(value, str):
        width = rest[0] if rest else kwargs.get("width", 79)
        wrap = rest[2] if len(rest) > 2 else kwargs.get("wrapstring") or "\n"
        lines = len(value) // max(width if isinstance(width, int) else 1, 1) + 1
        size = len(value) + lines * len(str(wrap))
        if size > limits.TEMPLATE_OUTPUT:
            raise _too_long(size)
    elif name == "round":
        precision = rest[0] if rest else kwargs.get("precision", 0)
        if isinstance(precision, int) and abs(precision) > INT_DIGITS:
            raise _number_too_long()
    elif name == "sum":
        start = rest[1] if len(rest) > 1 else kwargs.get("start", 0)
        if not isinstance(start, (int, float)):
            raise TypeError("sum adds up numbers only")


def _guarded_filter(name: str, func):
    @functools.wraps(func)  # keeps Jinja2's pass_context / pass_environment marks
    def guarded(*args, **kwargs):
        _tick()
        start = 1 if getattr(func, "jinja_pass_arg", None) is not None else 0  # the context comes first
        _before_filter(name, args[start:], kwargs)
        return _check_size(func(*args, **kwargs))

    return guarded


def _sized(value):
    _tick()
    return _check_size(value)


# -- the environment ---------------------------------------------------------------------------------------------
class _Counting(NodeTransformer):
    """Every `{% for %}` loops over its items through the counting filter; every `~` is measured."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)  # changes the node in place and returns it
        node.iter = nodes.Filter(node.iter, LOOP_FILTER, [], [], None, None, lineno=node.iter.lineno)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)  # changes the node in place and returns it
        return nodes.Filter(node, SIZE_FILTER, [], [], None, None, lineno=node.lineno)


class Sandbox(ImmutableSandboxedEnvironment):
    """Jinja2's immutable sandbox, bounded: see the module's docstring."""

    intercepted_binops = frozenset(["*", "**", "+", "%"])
    concat = staticmethod(_concat)

    def __init__(self, autoescape: bool = False, keep_trailing_newline: bool = False):
        super().__init__(undefined=StrictUndefined, autoescape=autoescape, keep_trailing_newline=keep_trailing_newline)
        self.globals.pop("lipsum", None)  # random words, and much work for a large count
        self.globals["range"] = _range
        self.filters.pop("random", None)  # the same inputs make the same handouts
        self.filters = {name: _guarded_filter(name, func) for name, func in self.filters.items()}
        self.filters[LOOP_FILTER] = _counted
        self.filters[SIZE_FILTER] = _sized

    def _parse(self, source, name, filename):
        return _Counting().visit(super()._parse(source, name, filename))

    def call_binop(self, context, operator: str, left, right):
        _tick()
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(times, int) and times > 0:
                    size = _size(seq) * times
                    if size > limits.TEMPLATE_OUTPUT:
                        raise _too_long(size, "text" if isinstance(seq, str) else "list")
            if isinstance(left, int) and isinstance(right, int) and left.bit_length() + right.bit_length() > INT_BITS:
                raise _number_too_long()
        elif operator == "**":
            if (
                isinstance(left, int)
                and isinstance(right, int)
                and abs(left) > 1
                and right > 0
                and right * math.log2(abs(left)) > INT_BITS
            ):
                raise _number_too_long()
        elif operator == "+":
            if isinstance(left, (str, list, tuple)) and type(left) is type(right):
                size = _size(left) + _size(right)
                if size > limits.TEMPLATE_OUTPUT:
                    raise _too_long(size, "text" if isinstance(left, str) else "list")
        elif operator == "%" and isinstance(left, str):
            _check_format(left, right)
        return _check_size(super().call_binop(context, operator, left, right))

    def call(__self, __context, __obj, *args, **kwargs):
        _tick()
        method = getattr(__obj, "__wrapped__", __obj)  # the sandbox wraps str.format
        owner = getattr(method, "__self__", None)
        if isinstance(owner, str):
            _check_str_method(getattr(method, "__name__", ""), owner, args, kwargs)
        return _check_size(super().call(__context, __obj, *args, **kwargs))


@functools.lru_cache(maxsize=4)
def environment(autoescape: bool = False, keep_trailing_newline: bool = False) -> Sandbox:
    return Sandbox(autoescape, keep_trailing_newline)


@functools.lru_cache(maxsize=4096)
def compiled(source: str, autoescape: bool = False, keep_trailing_newline: bool = False):
    return environment(autoescape, keep_trailing_newline).from_string(source)


def render(template, names: dict, limit: int, what: str = "text") -> str:
    """The template filled in with `names`, within the limits on template work and at most `limit` characters
    long (`what` names it in the message: 'text', 'message'). Raises what the template raised, or Breach."""
    global _budget
    previous, _budget = _budget, _Budget(limits.TEMPLATE_SECONDS)
    try:
        out, count = [], 0
        for chunk in template.generate(names):
            count += len(chunk)
            if count > limit:
                raise Breach(
                    f"the filled-in {what} is longer than {_n(limit)} characters, the most a {what} may hold",
                    f"shorten the {what}, or repeat less in its loops",
                )
            _tick()
            out.append(chunk)
        return "".join(out)
    finally:
        _budget = previous


def other_files(tree) -> list[tuple[int, str]]:
    """The line and keyword of each tag that would take in another file ({% include %}, {% import %},
    {% from %}, {% extends %}): a template here has no other files to take in."""
    kinds = {nodes.Include: "include", nodes.Import: "import", nodes.FromImport: "from", nodes.Extends: "extends"}
    return sorted((node.lineno, kinds[type(node)]) for node in tree.find_all(tuple(kinds)))


OTHER_FILE = ("a template cannot take in another file ({% {keyword} %})", "write the words out here instead")


# -- failures in plain words ---------------------------------------------------------------------------------------
def _template_line(exc: BaseException) -> int | None:
    """The line of the template where it failed (Jinja2 gives its frames the template's line numbers)."""
    line, tb = None, exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


_CULPRITS = {
    ZeroDivisionError: r"/|%",
    RecursionError: r"^-?\s*(?!macro\b|call\b|for\b|if\b|set\b)[\w.]+\s*\(",
    OverflowError: r"\*|\(",
    TypeError: r"[-+*/%|(~]",
}


def _quote(tag: str) -> str:
    tag = " ".join(tag.split())
    return tag if len(tag) <= 60 else tag[:57] + "..."


def _culprit(exc: BaseException, source: str, line: int | None) -> tuple[str, int]:
    """The tag on the failing line to quote (empty when it is not clear), and its column there."""
    if not line:
        return "", 1
    lines = source.split("\n")
    if line > len(lines):
        return "", 1
    text = lines[line - 1]
    tags = list(TAGS.finditer(text))
    pattern = getattr(exc, "culprit", "") or next((p for kind, p in _CULPRITS.items() if isinstance(exc, kind)), None)
    if isinstance(exc, UndefinedError):  # "... has no element 3", "... has no attribute 'x'", "'x' is undefined"
        said = str(exc.message or "")
        name = re.search(r"attribute '(\w+)'|^'(\w+)' is undefined", said)
        pattern = r"\[" if "no element" in said else rf"\b{(name.group(1) or name.group(2))}\b" if name else None
    if pattern and len(tags) > 1:
        matching = [t for t in tags if re.search(pattern, t.group(0)[2:-2])]
        tags = matching[:1] or tags  # the first such tag on the line is the first to run
    if not tags:
        return "", 1
    return (_quote(tags[0].group(0)) if len(tags) == 1 else ""), tags[0].start() + 1


def _said(exc: BaseException) -> str:
    text = " ".join(str(getattr(exc, "message", None) or exc).split()).rstrip(".")
    return text if len(text) <= 100 else text[:97] + "..."


def explain(exc: BaseException, source: str) -> tuple[str, str, int | None, int]:
    """A failed render in plain words: (what went wrong, how to fix it, line in the template or None, column)."""
    line = _template_line(exc)
    quoted, col = _culprit(exc, source, line)
    at = f": {quoted}" if quoted else ""
    if isinstance(exc, Breach):
        return exc.message + at, exc.hint, line, col
    if isinstance(exc, ZeroDivisionError):
        message, hint = "the template divides by zero", "divide by a number other than 0"
    elif isinstance(exc, RecursionError):
        message, hint = "the template calls itself too deeply", "give a macro that calls itself a way to stop"
    elif isinstance(exc, (OverflowError, MemoryError)):
        message, hint = "a number or text in the template grows too large", "use smaller numbers"
    elif isinstance(exc, SecurityError):
        message = f"the template uses something a template may not use ({_said(exc)})"
        hint = "use names and filters only, e.g. {{ client.first_name | upper }}"
    elif isinstance(exc, UndefinedError):
        message = f"the template asks for something that is not there ({_said(exc)})"
        hint = "check the names in double braces; a list may be empty: test it with {% if ... %}"
    elif isinstance(exc, TypeError):
        message = f"the template mixes values that do not go together ({_said(exc)})"
        hint = "turn a number into words with |string, or words into a number with |int"
    elif isinstance(exc, ValueError):
        message = f"the template cannot use a value ({_said(exc)})"
        hint = "check the numbers and words the template works with"
    elif isinstance(exc, TemplateError):
        message, hint = f"the template failed ({_said(exc)})", "check the names and blocks in braces"
    else:
        message = f"the template failed ({type(exc).__name__}: {_said(exc)})"
        hint = "make the template simpler"
    return message + at, hint, line, col


FAILURES = (Exception, RecursionError, MemoryError)  # what a render may raise, all of it the template's doing
__all__ = ["FAILURES", "Breach", "Sandbox", "compiled", "environment", "explain", "render"]
