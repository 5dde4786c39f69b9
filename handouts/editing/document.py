"""A YAML file opened for editing and saved back: read in ruamel.yaml's round-trip mode (comments, key order,
quoting, blank lines, folded and literal blocks and flow lists kept as written), written as the same text when
nothing changed, and saved only when the file on disk is still the one that was opened (`Conflict` otherwise) and
`check_text` finds no error in what would be written; then written atomically (writer.write_file).
"""

from __future__ import annotations

import hashlib
import io
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.util import load_yaml_guess_indent

from handouts.core import limits
from handouts.core.errors import HandoutError, Location, Problem
from handouts.editing.checking import check_text
from handouts.editing.following import numbers, renumber
from handouts.output.writer import write_file
from handouts.reading.workspace import Workspace
from handouts.reading.yamlload import given_texts, load, read_text

__all__ = ["Conflict", "Document", "check_text", "digest_of", "save"]


_WRITING = threading.Lock()


def digest_of(path: Path) -> str:
    """The sha256 (hex) of the file's bytes on disk now; "" when there is no such file."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        return ""


class Conflict(Exception):
    """The file changed on disk since the page opened it (another editor, `git pull`): nothing was written.
    `on_disk` is the file's text now ("" when it is gone), `yours` the text the save would have written."""

    def __init__(self, shown: str, on_disk: str, yours: str):
        self.shown, self.on_disk, self.yours = shown, on_disk, yours
        super().__init__(f"{shown} changed on disk since it was opened")


def yaml_for(mapping: int = 2, sequence: int = 4, offset: int = 2) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    yaml.width = 4096  # never re-wrap a line; new long texts carry their own folds
    return yaml


def _inside(workspace: Workspace, path: Path) -> Path:
    """`path` made absolute, refused when it is not inside the workspace."""
    absolute = (path if path.is_absolute() else workspace.root / path).resolve()
    if not absolute.is_relative_to(workspace.root.resolve()):
        raise HandoutError(
            Problem(Location(str(path)), "this file is outside the workspace", "open a file of this workspace")
        )
    return absolute


@dataclass
class Document:
    """A YAML file opened for editing. `data` is ruamel.yaml's CommentedMap: change it (sequence_edits.py,
    roster_edits.py, studio_edits.py), then `text()` is the file as it would be written, and `save` writes it."""

    workspace: Workspace
    path: Path  # absolute
    shown: str  # as errors name it: workspace-relative, e.g. "sequences/low-back-release.yaml"
    digest: str  # sha256 hex of the bytes on disk when opened ("" for a new file)
    data: Any  # the CommentedMap
    newline: str = "\n"  # the file's line ends, kept
    bom: str = ""  # a byte-order mark the file started with, kept
    indents: tuple[int, int, int] = (2, 4, 2)  # mapping, sequence, offset: as the file has them
    yaml: YAML = field(default_factory=yaml_for, repr=False)
    history: list[str] = field(default_factory=list, repr=False)  # the texts before the last changes, for undo
    renumbered: dict[str, str | None] = field(default_factory=dict, repr=False)  # step numbers on disk -> now
    renumbered_history: list[dict] = field(default_factory=list, repr=False)  # `renumbered` before each change
    changing: bool = field(default=False, repr=False)  # a change is being made (sequence_edits.whole)
    UNDO: ClassVar[int] = 50  # changes that can be taken back

    def restore(self, text: str) -> None:
        """Make the document hold `text` again (as `text()` gave it): how a failed change or an undo goes back."""
        self.data = self.yaml.load(text.removeprefix(self.bom).replace(self.newline, "\n"))

    @classmethod
    def open(cls, workspace: Workspace, path: Path) -> Document:
        """Open `path` (inside the workspace) for editing. Raises HandoutError, located, when it cannot be read or
        is not YAML (the same checks and messages as `handouts check`)."""
        path = _inside(workspace, path)
        shown = workspace.shown(path)
        read_text(path, shown)  # size, UTF-8, invisible characters: located problems (read again below)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise HandoutError(Problem(Location(shown), f"cannot read the file ({exc.strerror})")) from None
        if len(raw) > limits.FILE_BYTES:
            raise HandoutError(Problem(Location(shown), "the file grew too large while it was being opened"))
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise HandoutError(
                Problem(Location(shown), "the file is not UTF-8 text", "save it as UTF-8 in your editor")
            ) from None
        with given_texts({path: text}):
            load(path, shown)  # syntax, duplicate keys, tags: as `check` reports them
        bom = "\ufeff" if text.startswith("\ufeff") else ""
        body = text.removeprefix("\ufeff")
        newline = "\r\n" if "\r\n" in body else "\n"
        indents, data = _parse(body.replace("\r\n", "\n"), shown)
        document = cls(workspace, path, shown, hashlib.sha256(raw).hexdigest(), data, newline, bom, indents)
        document.yaml = yaml_for(*indents)
        return document

    @classmethod
    def new(cls, workspace: Workspace, path: Path) -> Document:
        """A file that does not exist yet (a first studio.yaml or roster), empty, with digest "": save it with
        `expected_digest=None`."""
        path = _inside(workspace, path)
        if path.exists():
            raise HandoutError(Problem(Location(workspace.shown(path)), "the file already exists", "open it instead"))
        return cls(workspace, path, workspace.shown(path), "", None)

    def text(self) -> str:
        """The file as it would be written now (the same text, byte for byte, when nothing was changed)."""
        if self.data is None:
            return self.bom
        out = io.StringIO()
        self.yaml.dump(self.data, out)
        text = out.getvalue()
        if self.newline != "\n":
            text = text.replace("\n", self.newline)
        return self.bom + text


def _parse(text: str, shown: str) -> tuple[tuple[int, int, int], Any]:
    """The file's indents (mapping, sequence, dash offset) and its round-trip data (quotes kept)."""
    try:
        _, sequence, offset = load_yaml_guess_indent(text)
        indents = (2, 4, 2) if sequence is None else (2, sequence, offset or 0)
        data = yaml_for(*indents).load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Location(shown, mark.line + 1, mark.column + 1) if mark else Location(shown)
        raise HandoutError(Problem(where, f"the file cannot be opened for editing: {exc.problem}")) from None
    except YAMLError as exc:
        raise HandoutError(Problem(Location(shown), f"the file cannot be opened for editing: {exc}")) from None
    if data is not None and not hasattr(data, "ca"):
        raise HandoutError(
            Problem(Location(shown, 1, 1), "the file does not hold a mapping of keys", "start it with 'title: ...'")
        )
    return indents, data


def _followers(document: Document) -> list[Document]:
    """The sequence's translations with their step numbers changed as the steps were (following.py): those that
    changed."""
    renames = {old: new for old, new in document.renumbered.items() if old != new}
    if not renames or document.path.parent != document.workspace.sequences_dir.resolve():
        return []
    order = [label for _, label in numbers(document.data).values()]
    out = []
    for path in document.workspace.translations(document.path).values():
        translation = Document.open(document.workspace, path)
        if renumber(translation.data, renames, order):
            out.append(translation)
    return out


def save(document: Document, expected_digest: str | None) -> str:
    """Write the document, checked, atomically; return the new digest.

    `expected_digest`: the digest the page loaded (None for a new file, which must not exist yet). In order: the
    file on disk must still be the one opened (else `Conflict` with both texts); `check_text` must find no error
    (else HandoutError with every located problem); only then is it written (a temporary file in the same
    folder, flushed to disk, renamed over the old one). Nothing is written when anything fails.

    When steps were moved, grouped, ungrouped, added or removed, the sequence's translations get the new step
    numbers in the same save (checked with it, written just before it)."""
    text = document.text()

    def unchanged() -> None:
        now = digest_of(document.path)
        if (expected_digest is None and document.path.exists()) or (
            expected_digest is not None and now != expected_digest
        ):
            try:
                on_disk = document.path.read_text(encoding="utf-8", errors="replace")
            except OSError:
                on_disk = ""
            raise Conflict(document.shown, on_disk, text)

    unchanged()
    translations = _followers(document)
    errors, _ = check_text(document.workspace, document.path, text, {t.path: t.text() for t in translations})
    if errors:
        raise HandoutError(errors)
    data = text.encode("utf-8")
    with _WRITING:  # two pages saving the same file at once: the second finds the first's digest
        unchanged()  # checking takes a moment: the file may have changed meanwhile
        for translation in translations:
            if digest_of(translation.path) != translation.digest:
                raise Conflict(translation.shown, translation.path.read_text(errors="replace"), translation.text())
        for translation in translations:  # the translations first: the sequence is the last file to change
            write_file(translation.path, translation.text().encode("utf-8"))
        write_file(document.path, data)
    document.digest = hashlib.sha256(data).hexdigest()
    if document.renumbered:  # the numbers on disk are the numbers now: what undo knew no longer applies
        document.renumbered, document.history, document.renumbered_history = {}, [], []
    return document.digest
