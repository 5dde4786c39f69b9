"""Make the hostile images of the tests/cases/image-* folders again (each file small: < 100 KB).

    .venv/bin/python tools/image_cases.py     # then review each folder's expected_error.txt by hand

Every picture is drawn, not random, so the files come out the same byte for byte on the same Pillow.
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

from PIL import Image, ImageDraw

CASES = Path(__file__).resolve().parent.parent / "tests" / "cases"


def photo(size=(400, 300)) -> Image.Image:
    """A 'photo': a gradient with a red block in one corner."""
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    ImageDraw.Draw(image).rectangle((0, 0, size[0] // 3, size[1] // 3), fill=(220, 20, 20))
    return image


def jpeg(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_header(width: int, height: int) -> bytes:
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))


def garbled_tiff() -> bytes:
    """An LZW TIFF whose picture data is overwritten with a pattern: its tags read, its strip does not decode (and
    libtiff, left to itself, complains on the terminal)."""
    out = io.BytesIO()
    photo((120, 90)).save(out, "TIFF", compression="tiff_lzw")
    data = bytearray(out.getvalue())
    with Image.open(io.BytesIO(bytes(data))) as tiff:
        start, length = tiff.tag_v2[273][0], tiff.tag_v2[279][0]  # the strip's offset and byte count
    data[start : start + length] = bytes((i * 37 + 11) % 256 for i in range(length))
    return bytes(data)


def tiff_of_78_samples() -> bytes:
    """A TIFF whose header claims 78 samples per pixel: Pillow refuses it, and logs an error about it."""
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(out, "TIFF")
    data = bytearray(out.getvalue())
    ifd = struct.unpack("<I", data[4:8])[0]
    for i in range(struct.unpack("<H", data[ifd : ifd + 2])[0]):
        entry = ifd + 2 + 12 * i
        if struct.unpack("<H", data[entry : entry + 2])[0] == 277:  # SamplesPerPixel
            data[entry + 8 : entry + 10] = struct.pack("<H", 78)
    return bytes(data)


def files() -> dict[str, bytes]:
    """case folder/images/name -> bytes."""
    made: dict[str, bytes] = {}
    whole = jpeg(photo())
    made["image-truncated-photo/images/bridge.jpg"] = whole[: len(whole) // 2]  # a real JPEG cut short
    rows = zlib.compress(b"".join(b"\0" + b"\x80" * 300 for _ in range(100)))
    made["image-truncated-png/images/logo.png"] = (
        png_header(100, 100) + chunk(b"IDAT", rows[: len(rows) // 3]) + chunk(b"IEND", b"")
    )
    made["image-damaged-png/images/bridge.png"] = (
        png_header(100, 100) + chunk(b"IDAT", b"not deflate data" * 8) + chunk(b"IEND", b"")
    )
    out = io.BytesIO()
    Image.new("1", (10000, 10000), 1).save(out, "PNG", optimize=True)  # 100 megapixels of white: about 25 KB
    made["image-too-many-pixels/images/poster.png"] = out.getvalue()
    out = io.BytesIO()
    Image.new("1", (13000, 400), 1).save(out, "PNG", optimize=True)
    made["image-too-long/images/banner.png"] = out.getvalue()
    out = io.BytesIO()
    Image.new("RGB", (1, 1), (200, 30, 30)).save(out, "PNG")
    made["image-too-few-pixels/images/dot.png"] = out.getvalue()
    made["image-crop-too-small/images/twist.jpg"] = jpeg(photo())
    made["image-damaged-tiff/images/scan.tiff"] = garbled_tiff()
    made["image-damaged-tiff/images/fax.tiff"] = tiff_of_78_samples()
    made["image-not-a-picture/images/empty.jpg"] = b""
    made["image-not-a-picture/images/notes.jpg"] = b"Bridge: lift the hips, keep the knees over the ankles.\n"
    made["image-not-a-picture/images/scan.png"] = (
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
    )
    made["image-not-a-picture/images/IMG_0042.jpg"] = (
        struct.pack(">I", 24) + b"ftypheic" + b"\0\0\0\0mif1heic" + b"\0" * 64
    )
    return made


def main() -> None:
    for name, data in files().items():
        path = CASES / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        print(f"{name}: {len(data)} bytes")


if __name__ == "__main__":
    main()
