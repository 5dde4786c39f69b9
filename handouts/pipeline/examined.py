"""What a build remembers between runs about its image files: those `imagefiles.examine` found fine, by content
(out/.cache/examined.json), so a rebuild neither decodes a picture again only to prove that it decodes nor reads a
photo's header (nor loads Pillow: a rebuild whose photos are all in the image cache never needs it). A JPEG photo
was found fine from its header (a build's examine); its pixels are proven by the image stage, which decodes it to
make its file. `check` never uses the memo: it examines and decodes every file. A missing or damaged memo is an
empty one; a memo that cannot be written is left alone (the build itself succeeds).
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from pathlib import Path

from handouts.core.errors import OutsideError
from handouts.reading import imagefiles

MEMO = "examined.json"


@contextlib.contextmanager
def remembered(cache_dir: Path) -> Iterator[None]:
    """Within it, `examine` trusts what the memo in `cache_dir` says; after it, the memo holds what was found."""
    path = cache_dir / MEMO
    try:
        known = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(known, dict):
            known = {}
    except (OSError, ValueError):
        known = {}
    imagefiles.trust(known)
    try:
        yield
    finally:
        found = imagefiles.trust(None) or {}
    if found != known:
        from handouts.output.writer import write_file

        with contextlib.suppress(OutsideError):
            write_file(path, json.dumps(found, sort_keys=True).encode(), durable=False)
