"""Changes to studio.yaml opened for editing: one setting at a time (`set_setting`), a nested one named by its
keys (("mail", "from")). New keys go where the example studio.yaml puts them (`STUDIO_KEYS`, `MAIL_KEYS`).
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml.comments import CommentedMap

from handouts.core.errors import HandoutError, Location, Problem
from handouts.editing.document import Document
from handouts.editing.sequence_edits import put, whole
from handouts.editing.values import styled

STUDIO_KEYS = (
    "studio",
    "instructor",
    "contact",
    "website",
    "logo",
    "accent",
    "language",
    "paper",
    "side_cards",
    "grayscale",
    "print_file",
    "disclaimer",
    "mail",
)
MAIL_KEYS = ("from", "subject", "host", "port", "user", "security", "certificate")


@whole
def set_setting(doc: Document, key: str | tuple[str, ...], value: Any) -> None:
    """Set a setting of studio.yaml (`key`, or a nested one as ("mail", "from")); None removes it (and an empty
    `mail:` with its last key)."""
    keys = (key,) if isinstance(key, str) else tuple(key)
    if not keys or len(keys) > 2:
        raise HandoutError(Problem(Location(doc.shown), f"there is no setting {'.'.join(keys)}"))
    if doc.data is None:
        doc.data = CommentedMap()
    if len(keys) == 1:
        put(doc.data, STUDIO_KEYS, keys[0], None if value is None else styled(keys[0], value, 2))
        return
    outer = doc.data.get(keys[0])
    if outer is None:
        if value is None:
            return
        outer = CommentedMap()
        put(doc.data, STUDIO_KEYS, keys[0], outer)
    if not isinstance(outer, CommentedMap):
        raise HandoutError(Problem(Location(doc.shown), f"'{keys[0]}' is not a group of settings"))
    put(outer, MAIL_KEYS, keys[1], None if value is None else styled(keys[1], value, 4))
    if not outer:
        put(doc.data, STUDIO_KEYS, keys[0], None)
