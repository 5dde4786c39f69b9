"""Load YAML files into node trees that keep file, line and column on every node.

PyYAML's composer gives nodes with marks; this module turns syntax errors into located problems and rejects
duplicate keys, which YAML itself silently resolves to the last one. Nothing here knows the sequence format.
"""
from __future__ import annotations

from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import Collector, HandoutError, Location, Problem

__all__ = ["load", "loc", "MappingNode", "Node", "ScalarNode", "SequenceNode"]


def loc(node: Node, file: str) -> Location:
    """The 1-based location of a node's first character."""
    mark = node.start_mark
    return Location(file, mark.line + 1, mark.column + 1)


def _mark_location(mark, file: str) -> Location:
    if mark is None:
        return Location(file)
    return Location(file, mark.line + 1, mark.column + 1)


def load(path: Path, shown_as: str) -> Node | None:
    """Compose one YAML document from `path`. Returns None for an empty file.

    Raises HandoutError for unreadable files, syntax errors, several documents and duplicate keys.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise HandoutError(Problem(Location(shown_as), f"cannot read the file ({exc.strerror})",
                                   "check the path and the file's permissions")) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - data.rfind(b"\n", 0, exc.start)
        raise HandoutError(Problem(Location(shown_as, line, col), f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x})",
                                   "save it as UTF-8 in your editor")) from None
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
        raise HandoutError(Problem(_mark_location(mark, shown_as), f"YAML syntax error: {problem}",
                                   _syntax_hint(problem))) from None
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML raises marked errors for text input
        raise HandoutError(Problem(Location(shown_as), f"YAML error: {exc}", "check the file's syntax")) from None
    except RecursionError:
        raise _too_deep(shown_as) from None
    try:
        return _checked(documents, shown_as, aliased="&" in text)
    except RecursionError:  # libyaml composes any depth; walking the tree is what overflows
        raise _too_deep(shown_as) from None


def _too_deep(shown_as: str) -> HandoutError:
    return HandoutError(Problem(Location(shown_as, 1, 1), "the file nests lists or mappings too deeply to read",
                                "a sequence needs only a few levels: steps, a series' steps, a hold"))


def _checked(documents: list, shown_as: str, aliased: bool = True) -> Node | None:
    """The one document of a file, after the checks YAML does not make (several documents, aliases, duplicates).
    `aliased`: whether the text may hold aliases at all (an alias needs an anchor, '&name')."""
    documents = [d for d in documents if d is not None]
    if not documents:
        return None
    if len(documents) > 1:
        raise HandoutError(Problem(loc(documents[1], shown_as), "the file holds more than one YAML document",
                                   "keep one sequence per file and remove the '---' line"))
    root = documents[0]
    if aliased and _expanded_size(root, {}) > MAX_NODES:
        raise HandoutError(Problem(loc(root, shown_as), f"the file expands to more than {MAX_NODES} entries "
                                   "through YAML aliases ('*name')", "write the entries out instead of aliasing them"))
    problems = Collector()
    _check_duplicates(root, shown_as, problems, set())
    problems.raise_if_errors()
    return root


FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML has it: same nodes and marks
MAX_NODES = 100_000  # far beyond any real sequence; stops "billion laughs" alias bombs


def _expanded_size(node: Node, sizes: dict[int, int]) -> int:
    """How many nodes the document has once every alias is expanded (memoised, so cheap to compute)."""
    if id(node) not in sizes:
        sizes[id(node)] = 0  # a cycle counts as nothing more
        children = ([n for pair in node.value for n in pair] if isinstance(node, MappingNode) else
                    node.value if isinstance(node, SequenceNode) else [])
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


def _check_duplicates(node: Node, file: str, problems: Collector, seen: set[int]) -> None:
    if id(node) in seen:  # an alias points back at a node already walked
        return
    seen.add(id(node))
    if isinstance(node, MappingNode):
        first: dict[str, Node] = {}
        for key, value in node.value:
            if isinstance(key, ScalarNode):
                if key.value in first:
                    earlier = loc(first[key.value], file)
                    problems.error(loc(key, file), f"duplicate key '{key.value}' (first given on line {earlier.line})",
                                   "keep one of them and delete the other")
                else:
                    first[key.value] = key
            _check_duplicates(value, file, problems, seen)
    elif isinstance(node, SequenceNode):
        for item in node.value:
            _check_duplicates(item, file, problems, seen)
