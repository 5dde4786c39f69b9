"""The image stage, between plan and layout: every photo made ready for the size it is printed at.

A source image (checked when it was named: imagefiles.py) is turned upright (EXIF orientation), cropped, flattened
onto white (alpha, palettes), brought to RGB or grey (CMYK, 16-bit), mirrored for a left-side card, greyed for the
ink saver, and scaled down (never up) to the pixels its printed box needs at the profile's resolution: `print`
(250 ppi) or `email` (135 ppi). A large JPEG is decoded reduced (1/2, 1/4 or 1/8 of its size, by the decoder)
when that still covers those pixels. Photos are saved as JPEG, drawings with few colours as PNG. Results are kept
in build/.cache/images/ under a key made of the source's bytes and every parameter, so a rebuild decodes nothing;
files appear there atomically.
"""
from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

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


@dataclass(frozen=True)
class Prepared:
    """A processed image ready to place: its file and its size in points at the place it goes."""

    path: Path
    pixels: tuple[int, int]
    width: float  # points
    height: float


class ImageStage:
    """Prepares images on demand for one build (profile, ink saver), caching under `cache_dir`."""

    def __init__(self, cache_dir: Path, profile: str = "print", grey: bool = False):
        self.cache_dir, self.ppi, self.grey = cache_dir, PROFILES[profile], grey
        self.warnings: list[Problem] = []
        self.decoded = 0  # how many images were actually decoded (a cached rebuild decodes none)

    def prepare(self, ref: ImageRef, box: tuple[float, float], mirrored: bool = False,
                grey: bool | None = None) -> Prepared:
        """`ref` fitted into `box` (points), keeping its proportions."""
        grey = self.grey if grey is None else grey
        source = ref.path.read_bytes()
        mirrored = mirrored and ref.mirror
        key = hashlib.sha256(source + repr((STAGE_VERSION, round(box[0], 3), round(box[1], 3), self.ppi,
                                            mirrored, grey, ref.crop)).encode()).hexdigest()[:32]
        cached = sorted(self.cache_dir.glob(f"{key}-*")) if self.cache_dir.is_dir() else []
        if cached:
            return self._placed(cached[0], box, ref)
        data, name = self._process(source, box, mirrored, grey, ref)
        from handouts.output.writer import write_file
        target = self.cache_dir / f"{key}-{name}"
        write_file(target, data)
        return self._placed(target, box, ref)

    def _placed(self, path: Path, box: tuple[float, float], ref: ImageRef) -> Prepared:
        size, _, _ = path.stem.partition("-")[2].partition(".")
        width_px, height_px = (int(v) for v in size.split("x"))
        scale = min(box[0] / width_px, box[1] / height_px)
        prepared = Prepared(path, (width_px, height_px), width_px * scale, height_px * scale)
        ppi = width_px / (prepared.width / 72)
        if ppi < LOW_PPI and not any(w.location == ref.name.location for w in self.warnings):
            self.warnings.append(Problem(ref.name.location, f"the image '{ref.name}' prints at only {ppi:.0f} "
                                         f"pixels per inch ({width_px} x {height_px} pixels)",
                                         "use a larger photo if it looks soft", warning=True))
        return prepared

    def _process(self, source: bytes, box: tuple[float, float], mirrored: bool, grey: bool,
                 ref: ImageRef) -> tuple[bytes, str]:
        from PIL import Image
        self.decoded += 1
        try:
            with quiet(), Image.open(io.BytesIO(source), formats=list(FORMATS)) as opened:
                photo = opened.format in ("JPEG", "MPO")  # a camera's file stays JPEG; others may be drawings
                lossless_kind = "A" in opened.getbands() or opened.mode == "P"
                if not photo:  # a JPEG's EXIF is read without decoding it (a PNG's may come after its pixels)
                    load(opened)
                turned = orientation(opened) in (5, 6, 7, 8)
                full = (opened.height, opened.width) if turned else opened.size  # upright
                kept = full
                if ref.crop:
                    left, top, right, bottom = crop_box(full, ref.crop)
                    kept = (right - left, bottom - top)
                scale = min(box[0] / kept[0], box[1] / kept[1])  # points per pixel at full size
                needed = (round(kept[0] * scale / 72 * self.ppi), round(kept[1] * scale / 72 * self.ppi))
                if photo:
                    _reduce(opened, full, ref.crop, needed, turned)
                    load(opened)
                picture = upright(opened)
                if ref.crop:
                    picture = picture.crop(crop_box(picture.size, ref.crop))
                picture = flat(picture)
                picture.info = {}  # no ICC profile or EXIF of the source goes into the prepared file
                drawing = not photo and (lossless_kind or picture.getcolors(256) is not None)
                if grey:
                    picture = picture.convert("L")
                if mirrored:
                    picture = picture.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
                if needed[0] < picture.width:  # only ever smaller
                    picture = picture.resize((max(needed[0], 1), max(needed[1], 1)), Image.Resampling.LANCZOS)
                out = io.BytesIO()
                if drawing:  # few colours or transparency: a drawing or a logo, kept sharp
                    picture.save(out, "PNG", compress_level=1)  # ReportLab decodes and compresses it again
                    suffix = "png"
                else:
                    picture.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
                    suffix = "jpg"
        except Exception as exc:
            what, hint = examine(ref.path).problem or undecodable(exc)
            raise HandoutError(Problem(ref.name.location, f"the image '{ref.name}' {what}", hint)) from None
        return out.getvalue(), f"{picture.width}x{picture.height}.{suffix}"


def _reduce(jpeg, full: tuple[int, int], crop, needed: tuple[int, int], turned: bool) -> None:
    """Ask the JPEG decoder for the smallest of 1/8, 1/4, 1/2 of the picture whose kept part (`crop`) still has
    more pixels than `needed` on each side; leave it whole when none has."""
    for factor in (8, 4, 2):
        reduced = ((full[0] + factor - 1) // factor, (full[1] + factor - 1) // factor)  # the decoder's own rounding
        left, top, right, bottom = crop_box(reduced, crop) if crop else (0, 0, *reduced)
        stored = (full[1], full[0]) if turned else full
        if min(stored) >= factor and right - left > max(needed[0], 1) and bottom - top > max(needed[1], 1):
            jpeg.draft(None, (stored[0] // factor, stored[1] // factor))
            return
