"""The client roster: `clients.yaml` (or a CSV file with the same columns) read into `Client`s.

Both formats go through one definition: a CSV row is turned into the same located nodes a YAML mapping gives
(each cell keeps its line and column), so every check and message is the same. Cells are separated by ','
(or by ';' or a tab, as some spreadsheets save them); a list inside a cell has ';' between its items (',' in a
file separated by ';'). Checked here: the fields, the e-mail address, the formats, that the name and the
address hold no line break or control character (they go into the To: header: see headers.py), and that no two
clients share a name (their folder) or an address; a programme's `start:` (a real day, written year-month-day,
and only with a `programme:`). Whether the sequences, languages and steps exist is checked when the handouts are
planned (`personal.py`), whether the programme exists when its sheets are (`programme_sheets.py`).
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import re
import unicodedata
from pathlib import Path
from typing import Any

from yaml.error import Mark

from handouts.core import limits
from handouts.core.errors import Collector, HandoutError, Location, Problem
from handouts.core.model import FORMATS, Client, ClientHandout, Text
from handouts.reading.fields import (
    INVALID,
    Ctx,
    Field,
    ListType,
    RecordType,
    TextType,
    describe,
    did_you_mean,
)
from handouts.reading.headers import EmailAddress, HeaderText
from handouts.reading.yamlload import (
    MappingNode,
    Node,
    ScalarNode,
    SequenceNode,
    load,
    read_text,
)

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"


def client_slug(name: str) -> str:
    """The client's folder name: 'Zoë Müller' -> 'zoe-muller' (a short hash when no letters are left)."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")
    return words or "client-" + hashlib.sha256(name.encode()).hexdigest()[:8]


EMAIL = EmailAddress()  # no control characters, and one the mail step can send to (see headers.py)


class HandoutType(TextType):
    """'low-back-release' (its booklet), 'low-back-release cheatsheet', or {sequence: ..., format: ...}."""

    def __init__(self):
        super().__init__("a sequence name", "low-back-release cheatsheet")

    def read(self, node: Node, ctx: Ctx) -> Any:
        if isinstance(node, MappingNode):
            return HANDOUT.read(node, ctx)
        value = super().read(node, ctx)
        if value is INVALID:
            return value
        words = value.split()
        if len(words) > 2:
            return ctx.error(
                node,
                f"'{value}' is not a handout",
                "write the sequence's name and, after a space, the format, e.g. 'low-back-release cheatsheet'",
            )
        sequence = Text(words[0].removesuffix(".yaml"), value.location, value.field)
        return ClientHandout(value.location, sequence, _format(words[1], node, ctx) if len(words) == 2 else "booklet")

    def schema(self) -> dict:
        return {"anyOf": [{"type": "string", "pattern": r"^\S+( (" + "|".join(FORMATS) + "))?$"}, HANDOUT.schema()]}


def _format(word: str, node: Node, ctx: Ctx) -> Any:
    if word in FORMATS:
        return word
    return ctx.error(node, f"unknown format '{word}'", did_you_mean(word, FORMATS, "formats"))


class FormatType(TextType):
    def __init__(self):
        super().__init__("a format", "booklet")

    def read(self, node: Node, ctx: Ctx) -> Any:
        value = super().read(node, ctx)
        return value if value is INVALID else _format(value, node, ctx)

    def schema(self) -> dict:
        return {"enum": list(FORMATS)}


class DateType(TextType):
    """A day written the ISO way, year-month-day: 2026-11-16 (kept as written, with where it is)."""

    def __init__(self):
        super().__init__("a date", "2026-11-16", one_line=True)

    def read(self, node: Node, ctx: Ctx) -> Any:
        value = super().read(node, ctx)
        if value is INVALID:
            return value
        try:
            datetime.date.fromisoformat(str(value))
        except ValueError:
            return ctx.error(
                node,
                f"'{value}' is not a date",
                "write the year, the month and the day with dashes between them, e.g. 2026-11-16",
            )
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(value)):
            return ctx.error(node, f"'{value}' is not a date", "write it as year-month-day, e.g. 2026-11-16")
        return value

    def schema(self) -> dict:
        return {"type": "string", "format": "date"}


def _client(values: dict, keys: dict, node: Node, ctx: Ctx) -> Any:
    """A client, once its keys are read: `handouts` or a `programme` (or both); a programme with its start day."""
    if "handouts" not in values and "programme" not in values:
        return ctx.error(
            node,
            "a client is missing 'handouts'",
            "add 'handouts:' with a sequence name, e.g. handouts: [low-back-release], or a programme to follow",
        )
    if "start" in values and "programme" not in values:
        return ctx.error(
            keys["start"],
            "start: a start date without a programme",
            "add 'programme:' with the programme the client follows from that day, or delete the line",
        )
    if "programme" in values and "start" not in values:
        return ctx.error(
            keys["programme"],
            f"programme: no start date for {values['programme']}",
            "add 'start:' with the day the client's first week begins, e.g. start: 2026-11-16",
        )
    values = {"handouts": (), **values}
    return Client(location=ctx.loc(node), slug=client_slug(values["name"]), **values)


TEXT = TextType()
STEPS = ListType(TextType("a step", "3"), what="list of steps")
HANDOUT = RecordType(
    "handout",
    {
        "sequence": Field(
            TextType("a sequence name", "low-back-release"),
            "the sequence's file name in sequences/, without .yaml",
            required=True,
        ),
        "format": Field(FormatType(), "booklet (the default), cheatsheet or matcard"),
    },
    lambda values, keys, node, ctx: ClientHandout(
        ctx.loc(node),
        Text(values["sequence"].removesuffix(".yaml"), values["sequence"].location, values["sequence"].field),
        values.get("format", "booklet"),
    ),
    "a handout",
)
CLIENT = RecordType(
    "client",
    {
        "name": Field(
            HeaderText(most=limits.NAME_CHARS, kind="a name"),
            "the client's name, printed on their handouts",
            required=True,
        ),
        "email": Field(
            EMAIL,
            "where their handouts are sent",
            required=True,
            hint="add 'email:' with the client's address (handouts are sent to exactly this client)",
        ),
        "language": Field(
            TextType("a language code", "de"), "the labels' language: en, de, es, fr (default: studio.yaml's)"
        ),
        "handouts": Field(
            ListType(
                HandoutType(),
                what="list of handouts",
                non_empty="name at least one sequence, e.g. handouts: [low-back-release]",
            ),
            "the sequences they get, each 'name' (a booklet) or 'name format'; the programme's name with a format "
            "chooses the programme's sheets (both the cheat sheet and the mat card without one)",
        ),
        "programme": Field(
            TextType("a programme name", "back-care-12-weeks"),
            "a programme of programmes/ they follow: each week's sheets are theirs (needs 'start:')",
        ),
        "start": Field(DateType(), "the day their programme's first week begins, e.g. 2026-11-16"),
        "notes": Field(
            ListType(HeaderText(breaks_ok=True, most=limits.TEXT_CHARS, kind="a text"), what="list of notes"),
            "notes for their body, printed on their handouts",
        ),
        "easier": Field(STEPS, "steps shown with only their easier variation, marked as theirs ('3', 'supine-twist')"),
        "deeper": Field(STEPS, "steps shown with only their deeper variation, marked as theirs"),
        "leave_out": Field(STEPS, "steps left out of their handouts (the others are numbered again)"),
    },
    _client,
    "a client",
)
ROSTER = RecordType(
    "roster",
    {
        "clients": Field(
            ListType(
                CLIENT,
                single_ok=False,
                what="list of clients",
                non_empty="add at least one client with name, email and handouts",
            ),
            "one entry per client",
            required=True,
        ),
    },
    lambda values, keys, node, ctx: values["clients"],
    "the client roster (clients.yaml)",
)

LIST_COLUMNS = ("handouts", "notes", "easier", "deeper", "leave_out")  # a list in one cell


def read_roster(path: Path, shown: str, orphans: list | None = None) -> tuple[Client, ...]:
    """Every client of a roster file (.yaml/.yml or .csv). Raises HandoutError with every problem found (and puts
    the texts read in `orphans`, when given, so that their templates can be checked in the same run)."""
    problems = Collector()
    root: Node | None
    if path.suffix.lower() == ".csv":
        root = _csv_nodes(path, shown, problems)
    else:
        root = load(path, shown)
        if root is None:
            raise HandoutError(
                Problem(
                    Location(shown, 1, 1),
                    "the roster is empty",
                    "list the clients under 'clients:', each with name, email and handouts",
                )
            )
    clients = INVALID
    if root is not None:
        ctx = Ctx(shown, problems, source=path)
        ctx.CONTAINERS = ("clients",)
        clients = ROSTER.read(root, ctx)
        if orphans is not None:
            orphans.extend(ctx.texts)
    if root is not None:
        _check_unique(root, shown, problems)
    problems.raise_if_errors()
    return clients


def _entries(root: Node) -> list[_Entry]:
    """The roster's entries as {key: scalar node}, however broken the rest of them is."""
    if not isinstance(root, MappingNode):
        return []
    listed = next((v for k, v in root.value if getattr(k, "value", None) == "clients"), None)
    if not isinstance(listed, SequenceNode):
        return []
    return [_Entry(entry) for entry in listed.value if isinstance(entry, MappingNode)]


class _Entry(dict):
    """A roster entry's {key: scalar node}, and its node (an alias repeats the very same node)."""

    def __init__(self, node: MappingNode):
        super().__init__({k.value: v for k, v in node.value if isinstance(k, ScalarNode) and isinstance(v, ScalarNode)})
        self.node = node


def _check_unique(root: Node, shown: str, problems: Collector) -> None:
    """No two clients with one folder name (the same name, give or take case and accents) or one address,
    checked even where an entry has other problems, so that every problem is reported in one run."""
    seen: dict[tuple[str, str], ScalarNode] = {}
    entries: set[int] = set()
    for entry in _entries(root):
        name = entry.get("name")
        if id(entry.node) in entries and name is not None:  # the same entry again, through a YAML alias (*ann)
            problems.error(
                Location(shown, name.start_mark.line + 1, name.start_mark.column + 1),
                f"client '{name.value}' is listed twice: once here and once more through an alias "
                "('*' and the anchor's name)",
                "keep one entry per client; delete the alias line",
            )
            continue
        entries.add(id(entry.node))
        for key, same in (("name", client_slug), ("email", str.lower)):
            node = entry.get(key)
            if node is None or not str(node.value).strip():
                continue
            first = seen.setdefault((key, same(str(node.value).strip())), node)
            if first is node:
                continue
            where = Location(shown, node.start_mark.line + 1, node.start_mark.column + 1)
            if key == "name":
                problems.error(
                    where,
                    f"client '{node.value}' is listed twice (first at line {first.start_mark.line + 1})",
                    "keep one entry per client; give different "
                    "clients names that differ in letters, e.g. add a surname",
                )
            else:
                problems.error(
                    where,
                    f"the address {node.value} is listed twice (first at line {first.start_mark.line + 1})",
                    "each client needs their own address: a message goes to exactly one client",
                )


# -- CSV ----------------------------------------------------------------------------------------------------
def _cell_columns(line: str, delimiter: str = ",") -> list[int]:
    """0-based start of each cell in one physical line, quotes respected."""
    starts, quoted = [0], False
    for i, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == delimiter and not quoted:
            starts.append(i + 1)
    return starts


def _delimiter(header: str) -> str:
    """',' as usual; ';' or a tab when the header is written with those (spreadsheets in many languages save
    CSV with ';'). Lists inside a cell are then written with ',' instead of ';'."""
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: (counts[d], d == ","))


def _scalar(value: str, shown: str, line: int, col: int) -> ScalarNode:
    mark = Mark(shown, 0, line, col, None, 0)  # no buffer: the pointer into it is never read
    return ScalarNode(_STR, value, mark, mark, style='"')


def _csv_nodes(path: Path, shown: str, problems: Collector) -> MappingNode | None:
    """The CSV table as a YAML-like node tree: {clients: [{column: cell}, ...]} with each cell located."""
    text = read_text(path, shown)  # the same checks as a YAML file: size, UTF-8, invisible characters
    lines = text.splitlines()
    delimiter = _delimiter(lines[0] if lines else "")
    between = "," if delimiter == ";" else ";"  # between the items of a list inside one cell
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        rows = [(reader.line_num, row) for row in reader]
    except csv.Error as exc:
        raise HandoutError(
            Problem(
                Location(shown, reader.line_num, 1), f"the CSV cannot be read ({exc})", "check the quotes on that line"
            )
        ) from None
    if not rows:
        raise HandoutError(
            Problem(
                Location(shown, 1, 1),
                "the roster is empty",
                "start with a header line: name,email,language,handouts,notes",
            )
        )
    header_line, header = rows[0]
    columns = _cell_columns(lines[header_line - 1], delimiter) if header_line <= len(lines) else []
    names = []
    for i, title in enumerate(header):
        key = title.strip().lower().replace(" ", "_").replace("-", "_")
        if key and key not in CLIENT.fields:
            col = columns[i] + 1 if i < len(columns) else 1
            problems.error(
                Location(shown, header_line, col),
                f"unknown column '{title}'",
                did_you_mean(key, CLIENT.fields, "columns (" + ", ".join(CLIENT.fields) + ")"),
            )
        names.append(key)
    entries = []
    for line_num, row in rows[1:]:
        if not any(cell.strip() for cell in row):
            continue
        first_line = line_num - max(0, sum(cell.count("\n") for cell in row))
        starts = _cell_columns(lines[first_line - 1], delimiter) if first_line <= len(lines) else []
        row_mark = Mark(shown, 0, first_line - 1, 0, None, 0)
        pairs = []
        for i, cell in enumerate(row):
            if i >= len(names) and cell.strip():
                col = starts[i] + 1 if i < len(starts) else 1
                problems.error(
                    Location(shown, first_line, col),
                    f"a cell beyond the {len(names)} columns of the header: '{cell.strip()[:30]}'",
                    "give the column a name in the first line, or put quotes around a cell that contains a comma",
                )
                continue
            if i >= len(names) or not names[i] or not cell.strip():
                continue
            col = starts[i] if i < len(starts) else 0
            key_node = _scalar(names[i], shown, first_line - 1, col)
            if names[i] in LIST_COLUMNS:
                items, offset = [], col + (1 if lines[first_line - 1][col : col + 1] == '"' else 0)
                for part in cell.split(between):
                    if part.strip():
                        lead = len(part) - len(part.lstrip())
                        items.append(_scalar(part.strip(), shown, first_line - 1, offset + lead))
                    offset += len(part) + 1
                value: Node = SequenceNode(_SEQ, items, key_node.start_mark, key_node.end_mark)
            else:
                value = _scalar(cell.strip(), shown, first_line - 1, col)
            pairs.append((key_node, value))
        entries.append(MappingNode(_MAP, pairs, row_mark, row_mark))
    start = Mark(shown, 0, 0, 0, None, 0)
    return MappingNode(
        _MAP, [(_scalar("clients", shown, 0, 0), SequenceNode(_SEQ, entries, start, start))], start, start
    )


__all__ = ["client_slug", "describe", "read_roster"]
