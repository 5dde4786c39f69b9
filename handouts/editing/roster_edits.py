"""Changes to a client roster opened for editing (clients.yaml): add a client, change or remove one of their
fields, remove a client. A client is named by their place in `clients:` (0 is the first). New keys go where the
example roster puts them (`CLIENT_KEYS`); a blank line stays between clients, as in the example.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from handouts.core.errors import HandoutError, Location, Problem
from handouts.editing import gaps
from handouts.editing.document import Document
from handouts.editing.sequence_edits import checked_key, put, whole
from handouts.editing.values import ROSTER_SENTENCES, styled

CLIENT_KEYS = ("name", "email", "language", "handouts", "notes", "leave_out", "easier", "deeper", "paper")


def _clients(doc: Document, create: bool = False) -> CommentedSeq:
    if doc.data is None and create:
        doc.data = CommentedMap()
    clients = doc.data.get("clients") if isinstance(doc.data, CommentedMap) else None
    if clients is None and create:
        clients = doc.data["clients"] = CommentedSeq()
    if not isinstance(clients, CommentedSeq):
        raise HandoutError(Problem(Location(doc.shown), "the roster has no list of clients", "add 'clients:'"))
    return clients


def _client(doc: Document, index: int) -> CommentedMap:
    clients = _clients(doc)
    if not 0 <= index < len(clients) or not isinstance(clients[index], CommentedMap):
        raise HandoutError(
            Problem(Location(doc.shown), f"there is no client {index + 1}", f"the roster has {len(clients)}")
        )
    return clients[index]


@whole
def add_client(doc: Document, entry: dict) -> int:
    """Add a client at the end of the roster (name, email, handouts, notes ...); return their index."""
    clients = _clients(doc, create=True)
    client = CommentedMap()
    for key in sorted(entry, key=lambda k: CLIENT_KEYS.index(k) if k in CLIENT_KEYS else len(CLIENT_KEYS)):
        if checked_key(key) and entry[key] is not None:
            client[key] = styled(key, entry[key], 4, ROSTER_SENTENCES)
    if not client:
        raise HandoutError(Problem(Location(doc.shown), "a new client needs at least a name", "give their name"))
    gaps.gather(clients)
    if clients:
        gaps.set_gap(clients[-1], True)
    clients.append(client)
    return len(clients) - 1


@whole
def set_client_field(doc: Document, index: int, key: str, value: Any) -> None:
    """Set one field of client `index` (0-based); None removes it."""
    put(_client(doc, index), CLIENT_KEYS, key, None if value is None else styled(key, value, 4, ROSTER_SENTENCES))


@whole
def remove_client(doc: Document, index: int) -> None:
    """Remove client `index` (0-based) from the roster."""
    _client(doc, index)
    clients = _clients(doc)
    gaps.gather(clients)
    blank = gaps.has_gap(clients[index])
    del clients[index]
    if index == len(clients) and index > 0:
        gaps.set_gap(clients[index - 1], blank)
