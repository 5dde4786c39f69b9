"""The image stage, between plan and layout: every photo made ready for the size it is printed at.

A source image (checked when it was named: imagefiles.py) is turned upright (EXIF orientation), cropped, flattened
onto white (alpha, palettes), brought to RGB or grey (CMYK, 16-bit), mirrored for a left-side card, greyed for the
ink saver, and scaled down (never up) to the pixels its printed box needs at the profile's resolution: `print`
(250 ppi) or `email` (135 ppi). A JPEG is decoded reduced (1/2, 1/4 or 1/8 of its size, by the decoder) when that
still covers those pixels, and scaled further only when what the decoder gave has more than `PHOTO_SLACK` times the
pixels needed on a side (within that it prints sharper than the profile promises, never softer, and costs no
resampling). Photos are saved as JPEG, drawings with few colours as PNG. Results are kept in
build/.cache/images/ under a key made of the source's bytes and every parameter, so a rebuild decodes nothing;
files appear there atomically.

Work is proportional to what is printed: `place` (what the layouts call) says a photo's printed size from its
JPEG header alone and makes the file only when the page that shows it is drawn (`ready`), so a card's smaller
variant that a layout only measured costs nothing; one decode of a source at one scale is shared by the copies
made from it (the card, its mirror, its smaller variant); each source is read and hashed once per process, and a
placement asked for again (the next client of a batch) is answered from memory. A rebuild does not even read its
photos: their sha256 is looked up by their stats in the cache folder's index (`.sources.json`), and a photo is read
only to make a file.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import os
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from handouts.core.errors import HandoutError, Problem
from handouts.core.model import ImageRef
from handouts.reading.imagefiles import (
    FORMATS,
    crop_box,
    examine,
    flat,
    load,
    orientation,
    quiet,
    undecodable,
    upright,
)

PROFILES = {"print": 250, "email": 135}  # pixels per inch of printed size
LOW_PPI = 100  # below this a photo looks soft in print: warn
JPEG_QUALITY = 85
STAGE_VERSION = "2"  # part of every cache key: bump when processing changes
PHOTO_VERSION = "3"  # a JPEG source's key: scaled only beyond PHOTO_SLACK, decoded once for all its copies
PHOTO_SLACK = 1.25  # a decoded photo at most this much larger (on a side) than needed is used at its own size
_JPEG = b"\xff\xd8\xff"  # how a JPEG (or a camera's MPO) begins
SOURCES = ".sources.json"  # the cache folder's index: a photo's path -> its size, inode, times and sha256
SETTLED = 2  # seconds: a file changed more recently than this is hashed, not looked up in the index
SAID = ".said"  # an empty file in the cache whose name says a placed photo's size (its file made when drawn)
_DECODED_KEPT = 3  # decoded sources kept in memory at once (a card, its mirror and its smaller variant share one)

if TYPE_CHECKING:  # Pillow itself is imported where a picture is made
    from PIL import Image


@dataclass(frozen=True)
class Prepared:
    """A processed image ready to place: its file and its size in points at the place it goes."""

    path: Path
    pixels: tuple[int, int]
    width: float  # points
    height: float


@dataclass(frozen=True)
class _Job:
    """What making a placed photo's file needs, kept until the page that shows it is drawn."""

    source: bytes
    digest: str  # the source's sha256
    box: tuple[float, float]
    mirrored: bool
    grey: bool
    ref: ImageRef


class ImageStage:
    """Prepares images on demand for one build (profile, ink saver), caching under `cache_dir`."""

    def __init__(self, cache_dir: Path, profile: str = "print", grey: bool = False):
        self.cache_dir, self.ppi, self.grey = cache_dir, PROFILES[profile], grey
        self.warnings: list[Problem] = []
        self.decoded = 0  # how many images were actually decoded (a cached rebuild decodes none)
        self.share: Callable[[list[tuple[Path, _Job]]], object] | None = None  # see `ready`
        self._forget()

    def _forget(self) -> None:
        """This process's memory of the sources, placements, decoded pictures and the cache folder's files."""
        self._sources: dict[tuple, tuple[bytes, str]] = {}  # (path, size, mtime) -> (bytes, sha256)
        self._placed_at: dict[tuple, Prepared] = {}  # a placement's parameters -> its file
        self._pending: dict[Path, _Job] = {}  # files said but not yet made
        self._pictures: OrderedDict[tuple, Image.Image] = OrderedDict()  # (sha256, decoded size) -> upright, flat
        self._cached: dict[str, str] | None = None  # key -> file name in cache_dir, listed once
        self._index: dict | None = None  # the cache folder's index of photos' sha256 by their stats, read once
        self._index_changed = False  # entries added here, not yet written (`flush`)
        self._first: set[tuple] = set()  # (sha256, mirrored, grey, crop) of every photo placed so far
        self._to_share: list[Path] = []  # first placements of a photo still to be made, not yet shared

    def __getstate__(self) -> dict:  # a helper process gets the settings, not this process's memory
        state = self.__dict__.copy()
        state["share"] = None
        for name in (
            "_sources",
            "_placed_at",
            "_pending",
            "_pictures",
            "_cached",
            "_index",
            "_index_changed",
            "_first",
            "_to_share",
        ):
            state.pop(name)
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._forget()

    def prepare(
        self, ref: ImageRef, box: tuple[float, float], mirrored: bool = False, grey: bool | None = None
    ) -> Prepared:
        """`ref` fitted into `box` (points), keeping its proportions; its file made now."""
        prepared = self.place(ref, box, mirrored, grey)
        self.ready(prepared)
        return prepared

    def place(
        self, ref: ImageRef, box: tuple[float, float], mirrored: bool = False, grey: bool | None = None
    ) -> Prepared:
        """`ref` fitted into `box` (points): its file and size, the file made by `ready` (a photo's only when
        asked: its size comes from its header)."""
        grey = self.grey if grey is None else grey
        mirrored = mirrored and ref.mirror
        params = (round(box[0], 3), round(box[1], 3), self.ppi, mirrored, grey, ref.crop)
        indexed = self._indexed(ref.path)  # a photo's sha256 without reading it, when it is as indexed
        if indexed is not None:
            memo = (indexed, *params)
            if memo in self._placed_at:
                return self._warned(self._placed_at[memo], ref)
            key = hashlib.sha256(f"{indexed}{(PHOTO_VERSION, *params)!r}".encode()).hexdigest()[:32]
            name = self._cache_listing().get(key)
            if name is not None and (name.endswith(SAID) or _whole(self.cache_dir / name)):  # placed before
                first = (indexed, mirrored, grey, ref.crop) not in self._first
                self._first.add((indexed, mirrored, grey, ref.crop))
                if name.endswith(SAID):  # its size said, its file not made: read and made if it is drawn
                    prepared = self._placed(self.cache_dir / (name[: -len(SAID)] + ".jpg"), box, ref)
                    self._pending[prepared.path] = _Job(b"", indexed, box, mirrored, grey, ref)
                    if first:
                        self._to_share.append(prepared.path)
                else:
                    prepared = self._placed(self.cache_dir / name, box, ref)
                self._placed_at[memo] = prepared
                return prepared
        source, digest = self._source(ref.path)
        memo = (digest, *params)
        if memo in self._placed_at:
            return self._warned(self._placed_at[memo], ref)
        photo = source.startswith(_JPEG)
        if photo:
            key = hashlib.sha256(f"{digest}{(PHOTO_VERSION, *params)!r}".encode()).hexdigest()[:32]
        else:  # as before photos had their own key: a drawing's file (and so its PDF) stays the same bytes
            key = hashlib.sha256(source + repr((STAGE_VERSION, *params)).encode()).hexdigest()[:32]
        name = self._cache_listing().get(key)
        first = photo and (digest, mirrored, grey, ref.crop) not in self._first  # a card's, not a smaller one's
        if photo:
            self._first.add((digest, mirrored, grey, ref.crop))
        if name is not None and name.endswith(SAID) and photo:  # its size said before, its file never made
            prepared = self._placed(self.cache_dir / (name[: -len(SAID)] + ".jpg"), box, ref)
            self._pending[prepared.path] = _Job(source, digest, box, mirrored, grey, ref)
            if first:
                self._to_share.append(prepared.path)
        elif name is not None and not name.endswith(SAID) and _whole(self.cache_dir / name):
            prepared = self._placed(self.cache_dir / name, box, ref)
        elif photo:
            size = self._photo_size(source, box, ref)
            prepared = self._placed(self.cache_dir / f"{key}-{size[0]}x{size[1]}.jpg", box, ref)
            self._pending[prepared.path] = _Job(source, digest, box, mirrored, grey, ref)
            self._mark(self.cache_dir / f"{key}-{size[0]}x{size[1]}{SAID}")  # the next build needs no header
            if first:
                self._to_share.append(prepared.path)
        else:
            data, name = self._process(_Job(source, digest, box, mirrored, grey, ref))
            self._write(self.cache_dir / f"{key}-{name}", data)
            prepared = self._placed(self.cache_dir / f"{key}-{name}", box, ref)
        self._placed_at[memo] = prepared
        return prepared

    def ready(self, prepared: Prepared) -> None:
        """Make `prepared`'s file if it is still to be made (another process may have made it meanwhile).

        When a page is first drawn, the photos placed first (the cards' pictures, which a layout places before
        it draws) whose files are still to be made are handed to `share` if set: the helper process makes them
        from the last to the first while this one makes them from the first, each skipping those the other has
        made (the same bytes whichever makes them)."""
        self.share_pending()
        job = self._pending.pop(prepared.path, None)
        if job is None or _whole(prepared.path):
            return
        if not job.source:  # placed from the index, never read: read now, and it must be what was placed
            source, digest = self._source(job.ref.path)
            if digest != job.digest:
                raise HandoutError(
                    Problem(
                        job.ref.name.location,
                        f"the image '{job.ref.name}' changed while the handout was being made",
                        "build again once the file is saved",
                    )
                )
            job = dataclasses.replace(job, source=source)
        data, name = self._process(job)
        assert prepared.path.name.endswith(f"-{name}"), (prepared.path, name)  # the size said is the size made
        self._write(prepared.path, data)

    def share_pending(self, part: float = 1.0) -> None:
        """Hand the photos placed first whose files are still to be made to `share` (when set, and when there are
        two or more: see `ready`), once; a layout's story built, or its first page drawn, is the moment. `part`:
        only the last of them, that part of them (rounded up)."""
        if self._to_share and self.share is not None:
            shared = [
                (path, dataclasses.replace(job, source=b""))  # the helper reads the source itself
                for path in self._to_share
                if (job := self._pending.get(path)) is not None
            ]
            if len(shared) > 1:
                self.share(shared[::-1][: -(-len(shared) * round(part * 100) // 100)])
        self._to_share = []

    def _write(self, target: Path, data: bytes) -> None:
        from handouts.output.writer import write_file

        write_file(target, data, durable=False)  # a cache: atomic, but a crash may cost it, never a wrong file

    def _mark(self, target: Path) -> None:
        """An empty marker file (a `.said` size): made in one step, as there is nothing to be half-written."""
        from handouts.output.writer import cannot_write

        try:
            try:
                os.close(os.open(target, os.O_WRONLY | os.O_CREAT, 0o644))
            except FileNotFoundError:  # the cache folder's first file
                target.parent.mkdir(parents=True, exist_ok=True)
                os.close(os.open(target, os.O_WRONLY | os.O_CREAT, 0o644))
        except OSError as exc:
            raise cannot_write(target, exc) from None

    def flush(self) -> None:
        """Write the cache folder's index of photos (`SOURCES`) if this process added to it: once, when the run's
        photos are placed and made (a run that never calls it hashes its photos again next time, nothing worse)."""
        if self._index_changed and self._index is not None:
            self._index_changed = False
            self._write(self.cache_dir / SOURCES, json.dumps(self._index, sort_keys=True).encode())

    def _cache_listing(self) -> dict[str, str]:
        if self._cached is None:
            try:
                names = sorted(p.name for p in self.cache_dir.iterdir() if not p.name.startswith("."))
            except OSError:
                names = []
            self._cached = {}
            for name in names:
                self._cached.setdefault(name.partition("-")[0], name)
        return self._cached

    def _source(self, path: Path) -> tuple[bytes, str]:
        """A source's bytes and their sha256, read once per process (again when the file changed); a photo's
        sha256 is written into the cache folder's index too (see `_indexed`)."""
        try:
            stat = path.stat()
            mark = (str(path), stat.st_size, stat.st_mtime_ns)
        except OSError:
            mark = None
        if mark is None or mark not in self._sources:
            source = path.read_bytes()
            found = (source, hashlib.sha256(source).hexdigest())
            if mark is None:
                return found
            self._sources[mark] = found
            if source.startswith(_JPEG):
                self._index_source(path, found[1])
        return self._sources[mark]

    def _indexed(self, path: Path) -> str | None:
        """A photo's sha256 from the cache folder's index (`SOURCES`) when the file is as it was indexed: the same
        place, size, inode and times of change and of status change (any write to a file changes the last). A
        file is indexed only once those times are SETTLED seconds old, so a file written again within the same
        tick of the clock (same size, same times) is never mistaken for the one indexed."""
        if self._index is None:
            try:
                found = json.loads((self.cache_dir / SOURCES).read_bytes())
            except (OSError, ValueError):
                found = {}
            self._index = found if isinstance(found, dict) else {}
        entry = self._index.get(str(path))
        if not (isinstance(entry, list) and len(entry) == 5 and isinstance(entry[4], str) and len(entry[4]) == 64):
            return None
        try:
            stat = path.stat()
        except OSError:
            return None
        if entry[:4] != [stat.st_size, stat.st_ino, stat.st_mtime_ns, stat.st_ctime_ns]:
            return None
        return entry[4]

    def _index_source(self, path: Path, digest: str) -> None:
        """Remember a photo's sha256 by its stats in the index, when its times are settled (see `_indexed`)."""
        try:
            stat = path.stat()
        except OSError:
            return
        if max(stat.st_mtime_ns, stat.st_ctime_ns) > time.time_ns() - SETTLED * 1_000_000_000:
            return
        self._indexed(path)  # the index read first, if it was not
        assert self._index is not None
        entry = [stat.st_size, stat.st_ino, stat.st_mtime_ns, stat.st_ctime_ns, digest]
        if self._index.get(str(path)) != entry:
            self._index[str(path)] = entry
            self._index_changed = True  # written by `flush`, once for all the run's photos

    def _warned(self, prepared: Prepared, ref: ImageRef) -> Prepared:
        ppi = prepared.pixels[0] / (prepared.width / 72)
        if ppi < LOW_PPI and not any(w.location == ref.name.location for w in self.warnings):
            self.warnings.append(
                Problem(
                    ref.name.location,
                    f"the image '{ref.name}' prints at only {ppi:.0f} "
                    f"pixels per inch ({prepared.pixels[0]} x {prepared.pixels[1]} pixels)",
                    "use a larger photo if it looks soft",
                    warning=True,
                )
            )
        return prepared

    def _placed(self, path: Path, box: tuple[float, float], ref: ImageRef) -> Prepared:
        size, _, _ = path.stem.partition("-")[2].partition(".")
        width_px, height_px = (int(v) for v in size.split("x"))
        scale = min(box[0] / width_px, box[1] / height_px)
        return self._warned(Prepared(path, (width_px, height_px), width_px * scale, height_px * scale), ref)

    def _failed(self, exc: Exception, ref: ImageRef) -> HandoutError:
        """What is wrong with a picture that failed here, said as `check` says it (its field, e.g. `image:`)."""
        what, hint = examine(ref.path, whole=True).problem or undecodable(exc)
        field = f"{ref.name.field}: " if ref.name.field else ""
        return HandoutError(Problem(ref.name.location, f"{field}the image '{ref.name}' {what}", hint))

    def _photo_size(self, source: bytes, box: tuple[float, float], ref: ImageRef) -> tuple[int, int]:
        """The pixels a photo's file will have, from its header alone (nothing decoded)."""
        from PIL import Image

        try:
            with quiet(), Image.open(io.BytesIO(source), formats=list(FORMATS)) as opened:
                return _plan(opened, box, ref, self.ppi)[1]
        except Exception as exc:
            raise self._failed(exc, ref) from None

    def _process(self, job: _Job) -> tuple[bytes, str]:
        from PIL import Image

        try:
            if job.source.startswith(_JPEG):
                picture, size = self._photo(job)
                drawing = False
            else:
                picture, size, drawing = self._drawing(job.source, job.box, job.ref)
            if job.grey:
                picture = picture.convert("L")
            if job.mirrored:
                picture = picture.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
            if size != picture.size:  # only ever smaller
                picture = picture.resize(size, Image.Resampling.LANCZOS)
            out = io.BytesIO()
            if drawing:  # few colours or transparency: a drawing or a logo, kept sharp
                picture.save(out, "PNG", compress_level=1)  # ReportLab decodes and compresses it again
                suffix = "png"
            else:
                picture.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
                suffix = "jpg"
        except HandoutError:
            raise
        except Exception as exc:
            raise self._failed(exc, job.ref) from None
        return out.getvalue(), f"{picture.width}x{picture.height}.{suffix}"

    def _photo(self, job: _Job):
        """A JPEG's picture upright, flat and cropped, from a decode at the planned scale shared by every copy
        made from it; and the size its file gets."""
        from PIL import Image

        ref = job.ref
        with quiet(), Image.open(io.BytesIO(job.source), formats=list(FORMATS)) as opened:
            draft, size = _plan(opened, job.box, ref, self.ppi)  # asks the decoder for `draft`
            memo = (job.digest, draft)
            picture = self._pictures.get(memo)
            if picture is None:
                self.decoded += 1
                load(opened)
                picture = flat(upright(opened))
                picture.info = {}  # no ICC profile or EXIF of the source goes into the prepared file
                self._pictures[memo] = picture
                while len(self._pictures) > _DECODED_KEPT:
                    self._pictures.popitem(last=False)
            else:
                self._pictures.move_to_end(memo)
        if ref.crop:
            picture = picture.crop(crop_box(picture.size, ref.crop))
            picture.info = {}
        return picture, size

    def _drawing(self, source: bytes, box: tuple[float, float], ref: ImageRef):
        """Any other picture (PNG, GIF, ...): decoded whole, upright, cropped and flat, as it always was; its
        size, and whether it is a drawing (few colours or transparency: kept as PNG)."""
        self.decoded += 1
        from PIL import Image

        with quiet(), Image.open(io.BytesIO(source), formats=list(FORMATS)) as opened:
            lossless_kind = "A" in opened.getbands() or opened.mode == "P"
            load(opened)
            turned = orientation(opened) in (5, 6, 7, 8)
            full = (opened.height, opened.width) if turned else opened.size  # upright
            needed = _needed(full, box, ref, self.ppi)
            picture = upright(opened)
            if ref.crop:
                picture = picture.crop(crop_box(picture.size, ref.crop))
            picture = flat(picture)
            picture.info = {}
            drawing = lossless_kind or picture.getcolors(256) is not None
        size = (max(needed[0], 1), max(needed[1], 1)) if needed[0] < picture.width else picture.size
        return picture, size, drawing


def make_shared(stage: ImageStage, jobs: list[tuple[Path, _Job]]) -> int:
    """A helper process's part of `ready`: each photo's file made in the order given unless already made (by the
    process that shared them); a source that changed since it was placed is left to that process. Returns how
    many files this made."""
    made = 0
    for path, job in jobs:
        if _whole(path):
            continue
        source, digest = stage._source(job.ref.path)
        if digest != job.digest:
            continue
        data, name = stage._process(dataclasses.replace(job, source=source))
        if not _whole(path):
            assert path.name.endswith(f"-{name}"), (path, name)
            stage._write(path, data)
            made += 1
    stage.flush()
    return made


def _whole(path: Path) -> bool:
    """A cached file ends as its format ends (a crash after an unsynced write may have left it short)."""
    try:
        with open(path, "rb") as file:
            file.seek(max(0, path.stat().st_size - 12))
            tail = file.read()
    except OSError:
        return False
    return tail.endswith(b"\xff\xd9") if path.suffix == ".jpg" else b"IEND" in tail


def _needed(full: tuple[int, int], box: tuple[float, float], ref: ImageRef, ppi: int) -> tuple[int, int]:
    """The pixels a picture of `full` upright pixels (its crop box's part of it) needs in `box` at `ppi`."""
    kept = full
    if ref.crop:
        left, top, right, bottom = crop_box(full, ref.crop)
        kept = (right - left, bottom - top)
    scale = min(box[0] / kept[0], box[1] / kept[1])  # points per pixel at full size
    return round(kept[0] * scale / 72 * ppi), round(kept[1] * scale / 72 * ppi)


def _plan(jpeg, box: tuple[float, float], ref: ImageRef, ppi: int):
    """A JPEG's plan from its header: the size its decoder is asked for (None: whole; `jpeg` is set so, nothing
    decoded yet), and the pixels of the file made (the decoded, upright, cropped picture's; scaled to those
    needed when it has more than PHOTO_SLACK times as many on a side)."""
    turned = orientation(jpeg) in (5, 6, 7, 8)
    stored = jpeg.size
    full = (stored[1], stored[0]) if turned else stored  # upright
    needed = _needed(full, box, ref, ppi)
    draft = _reduce(full, ref.crop, needed, turned)
    if draft is not None:
        jpeg.draft(None, draft)
    decoded = jpeg.size  # the decoder's own size for that request
    upright_size = (decoded[1], decoded[0]) if turned else decoded
    if ref.crop:
        left, top, right, bottom = crop_box(upright_size, ref.crop)
        upright_size = (right - left, bottom - top)
    if upright_size[0] > PHOTO_SLACK * max(needed[0], 1) or upright_size[1] > PHOTO_SLACK * max(needed[1], 1):
        return draft, (max(needed[0], 1), max(needed[1], 1))
    return draft, upright_size


def _reduce(full: tuple[int, int], crop, needed: tuple[int, int], turned: bool) -> tuple[int, int] | None:
    """The size to ask the JPEG decoder for: the smallest of 1/8, 1/4, 1/2 of the picture whose kept part
    (`crop`) still has more pixels than `needed` on each side; None (whole) when none has."""
    for factor in (8, 4, 2):
        reduced = ((full[0] + factor - 1) // factor, (full[1] + factor - 1) // factor)  # the decoder's own rounding
        left, top, right, bottom = crop_box(reduced, crop) if crop else (0, 0, *reduced)
        stored = (full[1], full[0]) if turned else full
        if min(stored) >= factor and right - left > max(needed[0], 1) and bottom - top > max(needed[1], 1):
            return stored[0] // factor, stored[1] // factor
    return None
