"""Load YAML files into node trees that keep file, line and column on every node.

Before anything parses a user's file, `read_text` checks it: a regular file of at most `limits.FILE_BYTES`
(by its size on disk, so a huge file is never read), UTF-8, and free of invisible control characters (NUL,
escape, bell ..., text-direction overrides, a byte-order mark after the start), each reported with its line and
column. PyYAML's composer then gives nodes with marks; this module turns syntax errors into located problems and
rejects duplicate keys, which YAML itself silently resolves to the last one, and explicit YAML tags (`!!int`,
`!!bool`, `!custom` ...), which handouts files never need: a value is read from how it is written. Nothing here
knows the sequence format.
"""

from __future__ import annotations

import contextlib
import contextvars
import re
import stat
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from handouts.core import limits
from handouts.core.errors import Collector, HandoutError, Location, Problem

__all__ = [
    "FORBIDDEN",
    "MappingNode",
    "Node",
    "ScalarNode",
    "SequenceNode",
    "char_name",
    "given_text",
    "given_texts",
    "load",
    "loc",
    "read_text",
]

# Characters no handouts file needs and no editor shows: C0 controls but tab and line breaks, DEL, C1 controls
# (NEL among them), line and paragraph separators, text-direction embeddings, overrides and isolates, the
# byte-order mark (at the very start it is allowed and removed), non-characters and lone surrogates.
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff\ud800-\udfff]"
)
_NAMES = {
    "\x00": "a null character",
    "\x1b": "an escape character",
    "\x7f": "a delete character",
    "\x85": "a next-line character",
    "\r": "a carriage return",
    "\n": "a line break",
    "\t": "a tab",
    "\ufeff": "a byte-order mark",
    "\u2028": "a line separator",
    "\u2029": "a paragraph separator",
}
SHOWN_MOST = 10  # invisible characters reported one by one in a file (one per line); then one line for the rest


def char_name(char: str) -> str:
    """The character in words, with its code: 'a control character (U+0007)'."""
    if char in _NAMES:
        name = _NAMES[char]
    elif "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069":
        name = "a text-direction control"
    elif unicodedata.category(char) == "Cs":
        name = "a broken character"
    elif char in "\ufffe\uffff":
        name = "a non-character"
    else:
        name = "a control character"
    return f"{name} (U+{ord(char):04X})"


def loc(node: Node, file: str) -> Location:
    """The 1-based location of a node's first character."""
    mark = node.start_mark
    return Location(file, mark.line + 1, mark.column + 1)


def _mark_location(mark, file: str) -> Location:
    if mark is None:
        return Location(file)
    return Location(file, mark.line + 1, mark.column + 1)


def _size(count: int) -> str:
    """A file size for people: '52.4 MB', '980 KB'."""
    if count >= 1_000_000:
        return f"{count / 1_000_000:.1f}".removesuffix(".0") + " MB"
    return f"{count / 1000:.0f} KB"


def _too_large(shown_as: str, size: int) -> HandoutError:
    size_shown, limit_shown = _size(size), _size(limits.FILE_BYTES)
    if size_shown == limit_shown:  # just over the limit: rounding would hide it
        size_shown, limit_shown = f"{size:,} bytes", f"{limits.FILE_BYTES:,} bytes"
    return HandoutError(
        Problem(
            Location(shown_as, 1, 1),
            f"the file is {size_shown}; handouts reads files of at most {limit_shown}",
            "check that this is the file you meant (a sequence is a few KB), or split it into several files",
        )
    )


_GIVEN: contextvars.ContextVar[dict[Path, str] | None] = contextvars.ContextVar("given_texts", default=None)


@contextlib.contextmanager
def given_texts(texts: dict[Path, str]) -> Iterator[None]:
    """While inside, a file named here is read from the text given instead of the disk (with the same checks and
    the same name in its problems): how the studio checks a file before it saves it. Nothing is written."""
    token = _GIVEN.set({**(_GIVEN.get() or {}), **{path.resolve(): text for path, text in texts.items()}})
    try:
        yield
    finally:
        _GIVEN.reset(token)


def given_text(path: Path) -> str | None:
    """The text given in place of this file (`given_texts`), or None when it is read from the disk."""
    given = _GIVEN.get()
    return given.get(path.resolve()) if given else None


def read_text(path: Path, shown_as: str) -> str:
    """The text of a user's file, checked before anything parses it (size, UTF-8, invisible characters); a
    byte-order mark at its start is removed. Raises HandoutError with every located problem."""
    given = given_text(path)
    if given is not None:
        return _given_text(given, shown_as)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise HandoutError(
                Problem(
                    Location(shown_as),
                    "this is not a file that can be read (a folder or a device)",
                    "give the name of a text file",
                )
            )
        if info.st_size > limits.FILE_BYTES:
            raise _too_large(shown_as, info.st_size)
        with path.open("rb") as stream:
            data = stream.read(limits.FILE_BYTES + 1)
    except OSError as exc:
        raise HandoutError(
            Problem(
                Location(shown_as),
                f"cannot read the file ({exc.strerror})",
                "check the path and the file's permissions",
            )
        ) from None
    if len(data) > limits.FILE_BYTES:  # it grew after it was measured
        raise _too_large(shown_as, len(data))
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or (data.count(0) > len(data) // 4 > 0):
        raise HandoutError(
            Problem(
                Location(shown_as, 1, 1),
                "the file is saved as UTF-16 text, not UTF-8",
                "save it as UTF-8 in your editor",
            )
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        start = data.rfind(b"\n", 0, exc.start) + 1
        line = data.count(b"\n", 0, exc.start) + 1
        col = len(data[start : exc.start].decode("utf-8", "replace")) + 1
        raise HandoutError(
            Problem(
                Location(shown_as, line, col),
                f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x})",
                "save it as UTF-8 in your editor",
            )
        ) from None
    text = text.removeprefix("\ufeff")  # neither parser counts it in a column
    if FORBIDDEN.search(text):
        raise HandoutError(_invisible(text, shown_as))
    return text


def _given_text(text: str, shown_as: str) -> str:
    """A text given in place of a file (`given_texts`), checked as the file's would be."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > limits.FILE_BYTES:
        raise _too_large(shown_as, size)
    text = text.removeprefix("\ufeff")
    if FORBIDDEN.search(text):
        raise HandoutError(_invisible(text, shown_as))
    return text


_BREAK = re.compile(r"\r\n?|\n")


def _invisible(text: str, shown_as: str) -> list[Problem]:
    """A problem for the first invisible character on each line that has one (lines counted as editors do)."""
    problems: list[Problem] = []
    line, counted = 1, 0
    last_line = 0
    for match in FORBIDDEN.finditer(text):
        index = match.start()
        line += len(_BREAK.findall(text, counted, index))
        counted = index
        if line == last_line:
            continue
        last_line = line
        col = index - max(text.rfind("\n", 0, index), text.rfind("\r", 0, index))
        where = Location(shown_as, line, col)
        if len(problems) == SHOWN_MOST:
            problems.append(
                Problem(
                    where,
                    "more invisible characters follow from here",
                    "delete them too; an editor's 'show invisible characters' setting shows them",
                )
            )
            break
        char = match.group()
        hint = (
            "delete it: it changes the order in which text is shown"
            if "text-direction" in char_name(char)
            else "delete it (it can come with text copied from another program)"
        )
        problems.append(Problem(where, f"the file contains {char_name(char)}, which most editors do not show", hint))
    return problems


def load(path: Path, shown_as: str) -> Node | None:
    """Compose one YAML document from `path`. Returns None for an empty file.

    Raises HandoutError for unreadable, oversized or non-UTF-8 files, invisible characters, syntax errors, several
    documents, duplicate keys and YAML tags.
    """
    text = read_text(path, shown_as)
    try:
        try:
            documents = list(yaml.compose_all(text, Loader=FAST_LOADER))
        except yaml.YAMLError:  # read it again with the Python parser, whose messages the hints know
            documents = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = (exc.problem or "").strip() or "the YAML cannot be read"
        if exc.context and "found" not in problem:
            problem = f"{exc.context.strip()}: {problem}"
        raise HandoutError(
            Problem(_mark_location(mark, shown_as), f"YAML syntax error: {problem}", _syntax_hint(problem))
        ) from None
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML raises marked errors for text input
        raise HandoutError(Problem(Location(shown_as), f"YAML error: {exc}", "check the file's syntax")) from None
    except RecursionError:
        raise _too_deep(shown_as) from None
    try:
        return _checked(documents, shown_as, aliased="&" in text, text=text)
    except RecursionError:  # libyaml composes any depth; walking the tree is what overflows
        raise _too_deep(shown_as) from None


def _too_deep(shown_as: str) -> HandoutError:
    return HandoutError(
        Problem(
            Location(shown_as, 1, 1),
            "the file nests lists or mappings too deeply to read",
            "a sequence needs only a few levels: steps, a series' steps, a hold",
        )
    )


def _checked(documents: list, shown_as: str, aliased: bool = True, text: str = "") -> Node | None:
    """The one document of a file, after the checks YAML does not make (several documents, aliases, duplicates,
    tags). `aliased`: whether the text may hold aliases at all (an alias needs an anchor, '&name'); `text`: the
    file's text, which the nodes' marks index (a tag starts with '!')."""
    documents = [d for d in documents if d is not None]
    if not documents:
        return None
    if len(documents) > 1:
        raise HandoutError(
            Problem(
                loc(documents[1], shown_as),
                "the file holds more than one YAML document",
                "keep one sequence per file and remove the '---' line",
            )
        )
    root = documents[0]
    if aliased and _expanded_size(root, {}) > MAX_NODES:
        raise HandoutError(
            Problem(
                loc(root, shown_as),
                f"the file expands to more than {MAX_NODES} entries through YAML aliases ('*name')",
                "write the entries out instead of aliasing them",
            )
        )
    problems = Collector()
    _check_nodes(root, shown_as, problems, set(), text if "!" in text else "")
    problems.raise_if_errors()
    return root


FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML has it: same nodes and marks
MAX_NODES = 100_000  # far beyond any real sequence; stops "billion laughs" alias bombs


def _expanded_size(node: Node, sizes: dict[int, int]) -> int:
    """How many nodes the document has once every alias is expanded (memoised, so cheap to compute)."""
    if id(node) not in sizes:
        sizes[id(node)] = 0  # a cycle counts as nothing more
        children = (
            [n for pair in node.value for n in pair]
            if isinstance(node, MappingNode)
            else node.value
            if isinstance(node, SequenceNode)
            else []
        )
        sizes[id(node)] = min(MAX_NODES + 1, 1 + sum(_expanded_size(child, sizes) for child in children))
    return sizes[id(node)]


def _syntax_hint(problem: str) -> str:
    if "tab" in problem or "'\\t'" in problem:
        return "indent with spaces, not tabs"
    if "mapping values are not allowed" in problem:
        return "line this key up with the keys above it, or put quotes around text that contains ': '"
    if "could not find expected ':'" in problem:
        return "each key needs a colon after it, as in 'hold: 5 breaths'"
    return "check the indentation and the quotes on this line and the one before"


_TAG = re.compile(r"(?:&[^\s,\[\]{}]+\s+)?(![^\s,\[\]{}]*)")


def _check_tag(node: Node, file: str, problems: Collector, text: str) -> None:
    """A node written with a YAML tag ('!!int 5', '!custom x', '! text') is refused: the tag would change what the
    value means without showing it. (A plain value never starts with '!', so its first character tells.)"""
    index = node.start_mark.index
    if text[index : index + 1] in ("!", "&"):
        match = _TAG.match(text, index)
        if match:
            tag = match.group(1) if len(match.group(1)) <= 40 else match.group(1)[:40] + "..."
            problems.error(
                loc(node, file),
                f"the YAML tag '{tag}' is not used in handouts files",
                "delete the tag and write the value plainly (put quotes around text that starts with '!')",
            )


def _check_nodes(node: Node, file: str, problems: Collector, seen: set[int], text: str) -> None:
    """Duplicate keys and (when `text` is given: it holds a '!') YAML tags, anywhere in the tree."""
    if id(node) in seen:  # an alias points back at a node already walked
        return
    seen.add(id(node))
    if text:
        _check_tag(node, file, problems, text)
    if isinstance(node, MappingNode):
        first: dict[str, Node] = {}
        for key, value in node.value:
            if text:
                _check_tag(key, file, problems, text)
            if isinstance(key, ScalarNode):
                if key.value in first:
                    earlier = loc(first[key.value], file)
                    problems.error(
                        loc(key, file),
                        f"duplicate key '{key.value}' (first given on line {earlier.line})",
                        "keep one of them and delete the other",
                    )
                else:
                    first[key.value] = key
            _check_nodes(value, file, problems, seen, text)
    elif isinstance(node, SequenceNode):
        for item in node.value:
            _check_nodes(item, file, problems, seen, text)
