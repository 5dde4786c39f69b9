"""Image files, checked where a sequence, pose file or studio.yaml names one (so `handouts check` proves the build
can use it), and the steps every picture goes through that a check must prove: upright, cropped, flattened.

`examine(path)`: the file is at most limits.IMAGE_BYTES, a JPEG, PNG, GIF, WebP, TIFF or BMP picture (anything
else is named: an empty file, a text file, a PDF, an iPhone's HEIC photo), at most limits.IMAGE_PIXELS and
limits.IMAGE_SIDE pixels (read from its header, before anything is decoded); it decodes (a JPEG at an eighth of its
size: every byte is still read) and its colours flatten as a build flattens them; it has at least
limits.IMAGE_CROPPED_SIDE pixels on each side, and so has what its crop box keeps (`crop_problem`). Each failure is
a (what is wrong, how to fix it) pair that the reader (schema.py) locates at the image's line. Pillow's own
warnings (a decompression bomb, odd EXIF) never reach the terminal.

A build (`trust`) reads the header alone of a JPEG photo that ends as a JPEG ends: everything above but the
decode, which the image stage does anyway to print it (and a photo whose file it made before was decoded then). A
photo cut short (the commonest damage: a copy or download that stopped) does not end so, and is decoded here as
`check` decodes it: the same error at its line, before the build writes anything, even to its cache. Damage inside
a whole file is rarer: the image stage finds it when it decodes the photo, still a located error with nothing
written but its cache. A file a build found fine before (by content) is not opened at all. `check` decodes every
file, so what it passes a build can print.
"""

from __future__ import annotations

import contextlib
import warnings
from dataclasses import dataclass
from pathlib import Path

from handouts.core import limits

FORMATS = ("JPEG", "PNG", "GIF", "WEBP", "TIFF", "BMP")  # what Pillow may open (a camera's MPO opens as JPEG)
READABLE = "JPEG, PNG, GIF, WebP, TIFF or BMP"
EXPORT = "open it in an image editor or your photo app and export it again as JPEG or PNG"
SMALLER = "export a smaller copy, e.g. 4000 pixels on the long side, as JPEG"
_JPEG = b"\xff\xd8\xff"  # how a JPEG (or a camera's MPO) begins
_END = b"\xff\xd9"  # and how it ends (its scan data never holds these two bytes)
_SIGNATURES = (_JPEG, b"\x89PNG", b"GIF8", b"II*\0", b"MM\0*", b"BM")  # how the readable formats begin
# EXIF orientation -> the turn that makes the stored pixels upright (ImageOps.exif_transpose's table)
_TURNS = {
    2: "FLIP_LEFT_RIGHT",
    3: "ROTATE_180",
    4: "FLIP_TOP_BOTTOM",
    5: "TRANSPOSE",
    6: "ROTATE_270",
    7: "TRANSVERSE",
    8: "ROTATE_90",
}


@dataclass(frozen=True)
class Examined:
    """What checking an image file found: its upright size in pixels, or what is wrong with it and how to fix it
    (a phrase that follows "the image 'x.jpg' ...")."""

    size: tuple[int, int] | None = None
    problem: tuple[str, str] | None = None


_EXAMINED: dict[tuple, Examined] = {}  # by path, size and time of change: a file named twice is checked once
_TRUSTED: dict[str, list[int]] | None = None  # see `trust`
_TRUST_TAG = repr(
    ("examined 1", limits.IMAGE_BYTES, limits.IMAGE_PIXELS, limits.IMAGE_SIDE, limits.IMAGE_CROPPED_SIDE)
).encode()  # what a remembered "fine" was measured against


def trust(known: dict[str, list[int]] | None) -> dict[str, list[int]] | None:
    """A build's way of examining: a file whose content was found fine before (`known`: a digest of the content
    and of these limits -> its upright size, as a build remembers them in its cache) is taken as it is; a JPEG
    photo is measured from its header alone (see the module's docstring), any other file decoded. None: examine
    and decode every file (what `check` does). Returns what was trusted until now, with every file found fine
    since added to it."""
    global _TRUSTED
    before, _TRUSTED = _TRUSTED, (dict(known) if known is not None else None)
    return before


def examine(path: Path, whole: bool = False) -> Examined:
    """Check the image file at `path` as a build will use it (see the module's docstring); `whole`: decode it
    even in a build (what the image stage asks when a photo it decodes turns out broken, to say what is wrong)."""
    try:
        stat = path.stat()
    except OSError as exc:
        return Examined(
            problem=(
                f"cannot be opened ({exc.strerror or 'no access'})",
                "check that the file is yours to read, or copy it into images/ again",
            )
        )
    whole = whole or _TRUSTED is None
    key = (str(path), stat.st_size, stat.st_mtime_ns, whole)  # a build's look at a photo is not a check's
    if key not in _EXAMINED:
        _EXAMINED[key] = _examine(path, stat.st_size) if whole else _remembered(path, stat.st_size)
    return _EXAMINED[key]


def _remembered(path: Path, size: int) -> Examined:
    """A build's examine: what a build found before for the same content (`trust`: then Pillow is not even
    loaded), else `_examine`, a whole JPEG photo's from its header alone (its decode is the image stage's)."""
    trusted = _TRUSTED
    if trusted is None or not 0 < size <= limits.IMAGE_BYTES:
        return _examine(path, size)
    import hashlib

    try:
        content = path.read_bytes()
    except OSError:
        return _examine(path, size)
    digest = hashlib.sha256(_TRUST_TAG + content).hexdigest()
    known = trusted.get(digest)
    if isinstance(known, list) and len(known) == 2 and all(isinstance(v, int) for v in known):
        return Examined(size=(known[0], known[1]))
    whole = content.startswith(_JPEG) and content.endswith(_END)  # a photo cut short is decoded to say so
    found = _examine(path, size, decode=not whole)
    if found.size is not None:
        trusted[digest] = list(found.size)
    return found


def _examine(path: Path, size: int, decode: bool = True) -> Examined:
    """Examine the file; `decode=False`: a JPEG of the colours every build can print (grey, RGB, CMYK) is
    measured from its header alone."""
    from PIL import Image, UnidentifiedImageError

    if size == 0:
        return Examined(problem=("is an empty file (0 bytes)", "copy the photo into images/ again, or " + EXPORT))
    if size > limits.IMAGE_BYTES:
        return Examined(
            problem=(
                f"is {_megabytes(size)}, more than the {limits.IMAGE_BYTES // 1_000_000} MB a picture may have",
                SMALLER,
            )
        )
    try:
        with quiet(), open(path, "rb") as file:
            try:
                opened = Image.open(file, formats=list(FORMATS))
            except Image.DecompressionBombError:  # beyond Pillow's own limit: the size from the header alone
                return Examined(problem=_too_large(_header_size(file, path)))
            with opened:
                header = opened.size
                if _too_large(header):
                    return Examined(problem=_too_large(header))
                jpeg = opened.format in ("JPEG", "MPO")
                if decode or not (jpeg and opened.mode in ("L", "RGB", "CMYK")):
                    if jpeg:
                        opened.draft(None, (1, 1))  # decoded at an eighth of the size: every byte still read
                    load(opened)
                    try:  # what a build does to every picture, on a corner of it
                        flat(opened.crop((0, 0, min(opened.width, 32), min(opened.height, 32)))).convert("L")
                    except Exception:
                        return Examined(problem=("stores its colours in a way handouts cannot convert", EXPORT))
                turned = orientation(opened) in (5, 6, 7, 8)
                shown = (header[1], header[0]) if turned else header  # as it prints, upright
    except UnidentifiedImageError:
        return Examined(problem=_not_a_picture(path))
    except PermissionError:
        return Examined(
            problem=(
                "cannot be opened (permission denied)",
                "check that the file is yours to read, or copy it into images/ again",
            )
        )
    except Image.DecompressionBombError:
        return Examined(problem=("is too large to open safely (a part of it claims a huge size)", SMALLER))
    except Exception as exc:
        return Examined(problem=undecodable(exc))
    small = _too_small(shown)
    if small:
        return Examined(
            problem=(
                f"is only {shown[0]} x {shown[1]} pixels, {small}",
                "use a larger picture (a logo or photo of a few hundred pixels at least)",
            )
        )
    return Examined(size=shown)


def undecodable(exc: Exception) -> tuple[str, str]:
    """What to say about a picture Pillow failed to decode with `exc`: cut short, or otherwise damaged."""
    if "truncated" in str(exc).lower() or isinstance(exc, EOFError):
        return (
            "ends early (truncated): part of the file is missing",
            "export it again from your photo app, or copy it into images/ again",
        )
    return "is damaged: its picture cannot be decoded", EXPORT


def crop_box(size: tuple[int, int], crop: tuple[float, float, float, float]) -> tuple[int, int, int, int]:
    """The pixels a crop box (fractions of the picture) keeps of a picture of `size`: what a build crops."""
    left, top, right, bottom = crop
    width, height = size
    return round(left * width), round(top * height), round(right * width), round(bottom * height)


def crop_problem(size: tuple[int, int], crop: tuple[float, float, float, float]) -> tuple[str, str] | None:
    """What is wrong with cropping a picture of `size` (upright pixels) to `crop`, and how to fix it; or None."""
    left, top, right, bottom = crop_box(size, crop)
    kept = (right - left, bottom - top)
    small = _too_small(kept)
    if not small:
        return None
    return (
        f"the crop box keeps only {kept[0]} x {kept[1]} of the picture's {size[0]} x {size[1]} pixels, {small}",
        "make the box larger (its fractions further apart), or use a larger picture",
    )


def _too_small(size: tuple[int, int]) -> str:
    least = limits.IMAGE_CROPPED_SIDE
    if min(size) >= least:
        return ""
    return f"too few to print (at least {least} x {least})"


def _too_large(size: tuple[int, int] | None) -> tuple[str, str] | None:
    """Beyond the pixel limits: what to say; None when `size` is within them."""
    if size is None:
        return (f"is too large to open safely (far more than {limits.IMAGE_PIXELS // 1_000_000} megapixels)", SMALLER)
    width, height = size
    if width * height > limits.IMAGE_PIXELS:
        return (
            f"is {width} x {height} pixels ({width * height / 1_000_000:.0f} megapixels), more than the "
            f"{limits.IMAGE_PIXELS // 1_000_000} megapixels a picture may have",
            SMALLER,
        )
    if max(width, height) > limits.IMAGE_SIDE:
        return (
            f"is {width} x {height} pixels, more than {limits.IMAGE_SIDE:,} pixels on its long side",
            "export a smaller copy, or crop it in an image editor, e.g. 4000 pixels on the long side",
        )
    return None


def _header_size(file, path: Path) -> tuple[int, int] | None:
    """The size an image's header claims, read by the format's own reader without Pillow's bomb check."""
    from PIL import Image

    file.seek(0)
    prefix = file.read(16)
    for name in FORMATS:
        factory, accept = Image.OPEN.get(name, (None, None))
        if factory is None or (accept and not accept(prefix)):
            continue
        try:
            file.seek(0)
            return factory(file, str(path)).size
        except Exception:
            continue
    return None


def _not_a_picture(path: Path) -> tuple[str, str]:
    """Say what a file Pillow cannot identify is, when its first bytes tell."""
    with open(path, "rb") as file:
        head = file.read(512)
    if head.startswith(_SIGNATURES) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        return "is damaged: its first bytes say it is a picture, but they cannot be read", EXPORT
    if head.startswith(b"%PDF"):
        return "is a PDF document, not a picture", "export the page as JPEG or PNG (most PDF viewers can)"
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1"):
        return (
            "is an HEIC photo (an iPhone's own format), which handouts cannot read",
            "export it as JPEG (on the iPhone: Settings > Camera > Formats > Most Compatible)",
        )
    if head[4:8] == b"ftyp" and head[8:12] in (b"avif", b"avis"):
        return "is an AVIF picture, which handouts cannot read", "export it again as JPEG or PNG"
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    if text[:5].lower() in (b"<?xml", b"<svg ", b"<svg>") or b"<svg" in text[:200].lower():
        return "is an SVG drawing, which handouts cannot read", "export it as PNG (at least 1000 pixels wide)"
    try:
        head.decode("utf-8")
        printable = all(b >= 32 or b in b"\t\r\n" for b in head)
    except UnicodeDecodeError:
        printable = False
    if printable:
        return "is a text file, not a picture", f"put the picture itself ({READABLE}) in images/"
    return f"is not a picture handouts can read (it reads {READABLE})", EXPORT


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


@contextlib.contextmanager
def quiet():
    """Pillow's warnings (a decompression bomb, corrupt EXIF, palette transparency) and its log messages are not for
    the terminal: the checks here say what matters in the users' words."""
    import logging

    pillow = logging.getLogger("PIL")  # its plugins log a damaged file's details as errors, which Python prints
    level = pillow.level
    pillow.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        pillow.setLevel(level)


def load(image) -> None:
    """Decode `image`. libtiff writes its complaints about a damaged TIFF straight to the terminal (file
    descriptor 2), past Python: while it decodes, that goes to nowhere; what is wrong is said by the caller."""
    if image.format != "TIFF":
        image.load()
        return
    import os
    import sys

    sys.stderr.flush()
    try:
        saved = os.dup(2)
    except OSError:  # no terminal to keep quiet
        image.load()
        return
    try:
        with open(os.devnull, "wb") as nowhere:
            os.dup2(nowhere.fileno(), 2)
            image.load()
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def orientation(image) -> int:
    """The EXIF orientation (1 to 8; 1 when there is none or the EXIF cannot be read)."""
    try:
        value = image.getexif().get(0x0112, 1)
    except Exception:
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def upright(image):
    """The picture turned as its EXIF orientation says."""
    from PIL import Image

    turn = _TURNS.get(orientation(image))
    return image.transpose(getattr(Image.Transpose, turn)) if turn else image


def flat(picture):
    """RGB or L: transparency onto white, CMYK and palettes to RGB, 16-bit greys to 8-bit."""
    from PIL import Image

    if picture.mode.startswith("I"):  # 16-bit grey (or 32-bit): keep the top 8 bits
        return picture.convert("I").point(lambda v: v / 256).convert("L")
    if picture.mode == "P":
        picture = picture.convert("RGBA" if "transparency" in picture.info else "RGB")
    if picture.mode in ("RGBA", "LA", "PA"):
        rgba = picture.convert("RGBA")
        white = Image.new("RGB", rgba.size, "white")
        white.paste(rgba, mask=rgba.getchannel("A"))
        return white
    if picture.mode in ("L", "RGB"):
        return picture
    return picture.convert("RGB")  # CMYK, YCbCr, 1, ...
