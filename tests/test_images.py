"""The image stage: photos made with Pillow here, in every shape a phone or a scanner produces them."""

from __future__ import annotations

import io
import json
import shutil

import pytest
from PIL import Image, ImageDraw
from pypdf import PdfReader

from handouts.core.errors import HandoutError, Location
from handouts.core.model import ImageRef, Text
from handouts.output.images import PROFILES, ImageStage

BOX = (300.0, 200.0)  # points
RED, BLUE = (220, 20, 20), (20, 40, 220)


def _upright(size=(600, 400)) -> Image.Image:
    """Blue, with a red block in the top-left corner: any turn or flip shows."""
    image = Image.new("RGB", size, BLUE)
    ImageDraw.Draw(image).rectangle((0, 0, size[0] // 3, size[1] // 3), fill=RED)
    return image


def _ref(path) -> ImageRef:
    return ImageRef(path, Text(path.name, Location("sequences/s.yaml", 7, 12), "image"))


def _result(prepared) -> Image.Image:
    with Image.open(prepared.path) as image:
        return image.convert("RGB")


def _near(pixel, colour, tolerance=40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour))


# the stored pixels for each EXIF orientation, so that turning them upright gives _upright()
STORED = {
    1: None,
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_90,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_270,
}


@pytest.mark.parametrize("orientation", sorted(STORED))
def test_every_exif_orientation_comes_out_upright(tmp_path, orientation):
    upright = _upright()
    stored = upright if STORED[orientation] is None else upright.transpose(STORED[orientation])
    exif = Image.Exif()
    exif[0x0112] = orientation
    path = tmp_path / "phone.jpg"
    stored.save(path, "JPEG", quality=95, exif=exif)
    result = _result(ImageStage(tmp_path / "cache").prepare(_ref(path), BOX))
    assert result.width > result.height  # landscape again
    assert _near(result.getpixel((5, 5)), RED) and _near(result.getpixel((result.width - 5, result.height - 5)), BLUE)


def test_mirrored_for_the_left_side(tmp_path):
    path = tmp_path / "pose.jpg"
    _upright().save(path, "JPEG", quality=95)
    result = _result(ImageStage(tmp_path / "cache").prepare(_ref(path), BOX, mirrored=True))
    assert _near(result.getpixel((result.width - 5, 5)), RED) and _near(result.getpixel((5, 5)), BLUE)


def test_cmyk_rgba_16_bit_and_palette_images(tmp_path):
    stage = ImageStage(tmp_path / "cache")
    cmyk = tmp_path / "scan.jpg"
    _upright().convert("CMYK").save(cmyk, "JPEG", quality=95)
    result = _result(stage.prepare(_ref(cmyk), BOX))
    assert _near(result.getpixel((5, 5)), RED, 60)
    rgba = tmp_path / "cutout.png"
    image = Image.new("RGBA", (200, 100), (0, 0, 0, 0))
    ImageDraw.Draw(image).rectangle((100, 0, 199, 99), fill=(*BLUE, 255))
    image.save(rgba)
    result = _result(stage.prepare(_ref(rgba), BOX))
    assert result.getpixel((10, 10)) == (255, 255, 255) and _near(result.getpixel((150, 50)), BLUE, 5)
    deep = tmp_path / "deep.png"
    Image.new("I;16", (300, 200), 40000).save(deep)
    prepared = stage.prepare(_ref(deep), BOX)
    with Image.open(prepared.path) as image:
        assert image.mode == "L" and abs(image.getpixel((10, 10)) - 40000 // 256) <= 1
    palette = tmp_path / "drawing.gif"
    _upright().convert("P").save(palette)
    assert prepared.path.suffix == ".png" and stage.prepare(_ref(palette), BOX).path.suffix == ".png"


@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_a_huge_photo_is_scaled_to_its_printed_size_and_never_up(tmp_path, profile):
    big = tmp_path / "big.jpg"
    Image.effect_noise((6000, 4000), 60).convert("RGB").save(big, "JPEG", quality=80)
    prepared = ImageStage(tmp_path / "cache", profile).prepare(_ref(big), BOX)
    needed = round(prepared.width / 72 * PROFILES[profile])
    assert prepared.pixels[0] == needed and prepared.path.suffix == ".jpg"
    assert abs(prepared.pixels[0] / prepared.pixels[1] - 1.5) < 0.01
    small = tmp_path / "small.jpg"
    _upright((200, 100)).save(small, "JPEG")
    stage = ImageStage(tmp_path / "cache", profile)
    assert stage.prepare(_ref(small), BOX).pixels == (200, 100)  # never enlarged
    assert stage.warnings and "prints at only" in stage.warnings[0].message  # and said to be soft


def test_a_second_build_decodes_nothing(tmp_path):
    path = tmp_path / "pose.jpg"
    _upright().save(path, "JPEG")
    first = ImageStage(tmp_path / "cache")
    made = first.prepare(_ref(path), BOX, mirrored=True)
    again = ImageStage(tmp_path / "cache")
    assert again.prepare(_ref(path), BOX, mirrored=True) == made
    assert (first.decoded, again.decoded) == (1, 0)
    assert again.prepare(_ref(path), BOX).path != made.path  # other parameters, other file


@pytest.mark.parametrize(
    "content, said",
    [
        (b"", "is an empty file (0 bytes); copy the photo into images/ again"),
        (b"\xff\xd8\xff\xe0 not really a jpeg", "ends early (truncated): part of the file is missing"),
    ],
    ids=["empty", "garbage"],
)
def test_an_unreadable_image_is_a_located_error_at_build_too(tmp_path, content, said):
    """A file changed after `check` (the only way here) is still said in plain words at its line."""
    path = tmp_path / "broken.jpg"
    path.write_bytes(content)
    with pytest.raises(HandoutError) as caught:
        ImageStage(tmp_path / "cache").prepare(_ref(path), BOX)
    assert str(caught.value.problems[0]).startswith(f"sequences/s.yaml:7:12: image: the image 'broken.jpg' {said}")


def test_a_truncated_photo_fails_the_build_with_nothing_written(tmp_path, examples, run):
    data = io.BytesIO()
    Image.effect_noise((800, 600), 50).convert("RGB").save(data, "JPEG")
    (examples / "images" / "cut.jpg").write_bytes(data.getvalue()[: len(data.getvalue()) // 2])
    sequence = examples / "sequences" / "psoas-stretches.yaml"
    sequence.write_text(
        sequence.read_text(encoding="utf-8").replace("  - pose: bridge\n", "  - pose: bridge\n    image: cut.jpg\n", 1),
        encoding="utf-8",
    )
    result = run("build", "psoas-stretches", workspace=examples)
    assert result.code == 2 and "image 'cut.jpg'" in result.err
    assert not (examples / "build" / "psoas-stretches").exists()


def _photo(seed: int) -> Image.Image:
    """A 4000 x 3000 'photo': smooth light with grain, as a camera makes it (noise alone would not compress)."""
    base = Image.linear_gradient("L").resize((4000, 3000)).convert("RGB")
    grain = Image.effect_noise((4000, 3000), 12 + seed).convert("RGB")
    tint = Image.new("RGB", (4000, 3000), (120 + 10 * seed, 90, 160 - 8 * seed))
    return Image.blend(Image.blend(base, tint, 0.5), grain, 0.15)


def test_ten_big_photos_make_a_booklet_small_enough_to_email(tmp_path, examples, run):
    names = []
    for i in range(10):
        name = f"photo{i}.jpg"
        _photo(i).save(examples / "images" / name, "JPEG", quality=88)
        names.append(name)
    lines = ["title: Photos", "steps:"]
    for name in names:
        lines += ["  - pose: mountain", "    hold: 5 breaths", f"    image: {name}"]
    (examples / "sequences" / "photos.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    sizes = {}
    for profile in ("email", "print"):
        out = tmp_path / profile
        assert (
            run(
                "build", "photos", "--images", profile, "--format", "booklet", "--out", str(out), workspace=examples
            ).code
            == 0
        )
        booklet = out / "photos" / "booklet.pdf"
        sizes[profile] = booklet.stat().st_size
        images = [image for page in PdfReader(booklet).pages for image in page.images]
        assert len(images) >= 10
    assert sizes["email"] < 1.5 * 1024 * 1024 and sizes["print"] < 4 * 1024 * 1024
    assert sizes["email"] < sizes["print"]
    shutil.rmtree(tmp_path / "email")


def _bomb(path) -> None:
    """A PNG that claims 40000 x 40000 pixels: a decompression bomb, refused before anything is decoded."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 40000, 40000, 8, 0, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 100)) + chunk(b"IEND", b"")
    )


def _with_image(examples, name: str, side: str = "") -> None:
    sequence = examples / "sequences" / "psoas-stretches.yaml"
    text = sequence.read_text(encoding="utf-8")
    sequence.write_text(
        text.replace("  - pose: bridge\n", f"  - pose: bridge\n    image: {name}\n{side}", 1), encoding="utf-8"
    )


@pytest.mark.parametrize("case", ["bomb", "empty", "outside"])
def test_bad_images_are_refused_before_anything_is_written(tmp_path, examples, run, case):
    images = examples / "images"
    if case == "bomb":
        _bomb(images / "huge.png")
        name, expected = (
            "huge.png",
            (
                "sequences/psoas-stretches.yaml:31:12: image: the image 'huge.png' is 40000 x "
                "40000 pixels (1600 megapixels), more than the 50 megapixels a picture may "
                "have; export a smaller copy"
            ),
        )
    elif case == "empty":
        (images / "empty.jpg").write_bytes(b"")
        name, expected = (
            "empty.jpg",
            ("sequences/psoas-stretches.yaml:31:12: image: the image 'empty.jpg' is an empty file (0 bytes)"),
        )
    else:
        (tmp_path / "secret.jpg").write_bytes(b"x")
        name, expected = (
            "../../secret.jpg",
            ("sequences/psoas-stretches.yaml:31:12: image: the image '../../secret.jpg' is outside the images/ folder"),
        )
    _with_image(examples, name)
    result = run("build", workspace=examples)
    assert result.code == 2 and result.err.startswith(expected), result.err
    assert not (examples / "build").exists()


def test_the_left_card_carries_the_mirrored_photo(tmp_path, examples, run):
    _upright((400, 300)).save(examples / "images" / "bridge.jpg", "JPEG", quality=95)
    _with_image(examples, "bridge.jpg")
    sequence = examples / "sequences" / "psoas-stretches.yaml"
    sequence.write_text(
        sequence.read_text(encoding="utf-8").replace(
            "  - pose: bridge\n    image: bridge.jpg\n",
            "  - pose: supta-padangusthasana\n    side: both\n    image: bridge.jpg\n",
            1,
        ),
        encoding="utf-8",
    )
    assert run("build", "psoas-stretches", "--format", "booklet", workspace=examples).code == 0  # auto: per side
    found = []
    for page in PdfReader(examples / "build" / "psoas-stretches" / "booklet.pdf").pages[1:]:
        for image in page.images:
            found.append((page.extract_text(), image.image.convert("RGB")))
    (right_text, right), (left_text, left) = found
    assert "Right side first" in right_text and "Left side second" in left_text
    assert _near(right.getpixel((5, 5)), RED) and _near(right.getpixel((right.width - 5, 5)), BLUE)
    assert _near(left.getpixel((left.width - 5, 5)), RED) and _near(left.getpixel((5, 5)), BLUE)


def test_a_crop_box_keeps_only_its_part(tmp_path):
    path = tmp_path / "pose.jpg"
    _upright().save(path, "JPEG", quality=95)
    ref = _ref(path)
    import dataclasses

    cropped = dataclasses.replace(ref, crop=(0.5, 0.5, 1.0, 1.0))  # the bottom-right quarter: all blue
    result = _result(ImageStage(tmp_path / "cache").prepare(cropped, BOX))
    assert result.size == (300, 200) and _near(result.getpixel((5, 5)), BLUE)


def test_a_photo_that_must_not_be_mirrored_says_so_on_the_left_card(tmp_path, examples, run):
    _upright((400, 300)).save(examples / "images" / "sign.jpg", "JPEG", quality=95)
    sequence = examples / "sequences" / "psoas-stretches.yaml"
    sequence.write_text(
        sequence.read_text(encoding="utf-8").replace(
            "  - pose: bridge\n",
            "  - pose: supta-padangusthasana\n    side: both\n    image: {file: sign.jpg, mirror: false}\n",
            1,
        ),
        encoding="utf-8",
    )
    assert run("build", "psoas-stretches", "--format", "booklet", workspace=examples).code == 0
    found = [
        (page.extract_text(), image.image.convert("RGB"))
        for page in PdfReader(examples / "build" / "psoas-stretches" / "booklet.pdf").pages[1:]
        for image in page.images
    ]
    (_, _right), (left_text, left) = found
    assert _near(left.getpixel((5, 5)), RED) and "The photo shows the right side" in " ".join(left_text.split())


def test_a_bad_crop_box_is_a_located_error(tmp_path, examples, run):
    _upright().save(examples / "images" / "pose.jpg", "JPEG")
    _with_image(examples, "{file: pose.jpg, crop: [0.5, 0, 0.2, 1]}")
    result = run("check", workspace=examples)
    assert result.code == 2
    assert result.err.startswith(
        "sequences/psoas-stretches.yaml:31:35: image.crop: the crop box must lie inside the picture"
    ), result.err


def test_two_builds_at_once_share_the_cache_safely(tmp_path, examples):
    import subprocess
    import sys

    for i in range(3):
        _photo(i).resize((1600, 1200)).save(examples / "images" / f"p{i}.jpg", "JPEG", quality=85)
    lines = ["title: Shared", "steps:"] + [
        line for i in range(3) for line in ("  - pose: mountain", "    hold: 5 breaths", f"    image: p{i}.jpg")
    ]
    (examples / "sequences" / "shared.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    command = [
        sys.executable,
        "-m",
        "handouts",
        "build",
        "shared",
        "--format",
        "booklet",
        "--no-impose",
        "--workspace",
        str(examples),
    ]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    assert [run.wait(timeout=120) for run in runs] == [0, 0]
    cache = sorted((examples / "build" / ".cache" / "images").iterdir())
    assert len([p for p in cache if p.name.startswith("p") or "-" in p.name]) >= 3
    assert not [p for p in cache if p.name.endswith(".part")]  # no half-written file left behind
    for path in cache:
        if path.suffix == ".said":  # an empty marker: a placed photo's size, its file made only when drawn
            assert path.stat().st_size == 0
            continue
        if path.name == ".sources.json":  # the folder's index of photos by their stats, when a run wrote it
            assert isinstance(json.loads(path.read_text(encoding="utf-8")), dict)  # whole, not half-written
            continue
        with Image.open(path) as image:
            image.load()  # every cached file is whole


# -- the check: every picture a build will use is opened, decoded and measured by `handouts check` ----------------


def _save_kinds(images) -> dict[str, str]:
    """One file of every kind a phone, a scanner or an editor makes that handouts reads: name -> what it is."""
    photo = _upright()
    exif = Image.Exif()
    exif[0x0112] = 6
    photo.save(images / "turned.jpg", "JPEG", exif=exif)
    photo.convert("CMYK").save(images / "scan.jpg", "JPEG")
    Image.new("I;16", (300, 200), 40000).save(images / "deep.png")
    palette = photo.convert("P")
    palette.save(images / "cutout.png", transparency=0)
    photo.save(images / "still.gif")
    photo.save(
        images / "moving.gif",
        save_all=True,
        append_images=[photo.transpose(Image.Transpose.ROTATE_180)],
        duration=200,
        loop=0,
    )
    photo.save(images / "web.webp")
    photo.save(images / "scan.tiff")
    photo.save(images / "paint.bmp")
    photo.save(images / "profiled.jpg", "JPEG", icc_profile=b"\0" * 90_000)  # a large (if meaningless) ICC profile
    Image.new("RGB", (16, 16), RED).save(images / "smallest.png")
    return {
        "turned.jpg": "EXIF orientation",
        "scan.jpg": "CMYK JPEG",
        "deep.png": "16-bit PNG",
        "cutout.png": "palette PNG with transparency",
        "still.gif": "GIF",
        "moving.gif": "animated GIF",
        "web.webp": "WebP",
        "scan.tiff": "TIFF",
        "paint.bmp": "BMP",
        "profiled.jpg": "large ICC profile",
        "smallest.png": "16 x 16 pixels",
    }


def test_every_kind_of_picture_passes_check_and_builds(examples, run):
    kinds = _save_kinds(examples / "images")
    lines = ["title: Every kind", "steps:"]
    for name in kinds:
        lines += ["  - pose: mountain", "    hold: 5 breaths", f"    image: {name}"]
    (examples / "sequences" / "kinds.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    checked = run("check", "kinds", workspace=examples)
    assert checked.code == 0 and "Warning" not in checked.err, checked.err
    built = run("build", "kinds", "--format", "booklet", "--no-impose", workspace=examples)
    assert built.code == 0, built.err
    assert "Warning" not in built.err and "warnings.warn" not in built.err
    pages = PdfReader(examples / "build" / "kinds" / "booklet.pdf").pages
    assert sum(len(page.images) for page in pages) >= len(kinds) + 1  # each photo, and the logo


def test_a_crop_box_of_16_pixels_builds_and_one_of_15_is_a_located_error(examples, run):
    _upright((400, 300)).save(examples / "images" / "pose.jpg", "JPEG", quality=95)
    sequence = examples / "sequences" / "psoas-stretches.yaml"
    original = sequence.read_text(encoding="utf-8")
    # 0.5 to 0.54 of 400 pixels keeps 200..216: 16 pixels; to 0.5375 keeps 200..215 (round(215.0)): 15
    _with_image(examples, "{file: pose.jpg, crop: [0.5, 0, 0.54, 1]}")
    assert run("check", "psoas-stretches", workspace=examples).code == 0
    assert run("build", "psoas-stretches", "--format", "booklet", workspace=examples).code == 0
    sequence.write_text(original, encoding="utf-8")
    _with_image(examples, "{file: pose.jpg, crop: [0.5, 0, 0.5375, 1]}")
    result = run("check", "psoas-stretches", workspace=examples)
    assert result.code == 2
    assert result.err.startswith(
        "sequences/psoas-stretches.yaml:31:35: image.crop: the crop box keeps only 15 x 300 of the picture's 400 x "
        "300 pixels, too few to print (at least 16 x 16); make the box larger (its fractions further apart), or use "
        "a larger picture\n"
    ), result.err


def test_a_crop_box_is_measured_on_the_upright_picture(examples, run):
    """A phone's portrait photo is stored landscape with an EXIF turn: the crop's fractions are of the upright
    picture (300 wide, 400 high), so 0.05 of its width is 15 pixels, not 20."""
    exif = Image.Exif()
    exif[0x0112] = 6
    _upright((400, 300)).save(examples / "images" / "portrait.jpg", "JPEG", exif=exif)
    _with_image(examples, "{file: portrait.jpg, crop: [0, 0, 0.05, 1]}")
    result = run("check", "psoas-stretches", workspace=examples)
    assert result.code == 2 and "keeps only 15 x 400 of the picture's 300 x 400 pixels" in result.err, result.err


def test_a_file_over_the_size_limit_is_refused_without_reading_it(examples, run):
    from handouts.core import limits

    big = examples / "images" / "raw.jpg"
    with open(big, "wb") as file:  # sparse: 31 MB on paper, nothing on disk
        file.write(b"\xff\xd8\xff\xe0")
        file.truncate(31_000_000)
    assert limits.IMAGE_BYTES == 30_000_000
    _with_image(examples, "raw.jpg")
    result = run("check", "psoas-stretches", workspace=examples)
    assert result.code == 2
    assert result.err.startswith(
        "sequences/psoas-stretches.yaml:31:12: image: the image 'raw.jpg' is 31.0 MB, more "
        "than the 30 MB a picture may have; export a smaller copy, e.g. 4000 pixels on the "
        "long side, as JPEG\n"
    ), result.err


def test_a_picture_over_pillows_own_limit_is_measured_without_a_warning(tmp_path, recwarn):
    """200 megapixels: Pillow refuses to open it (a decompression bomb) and warns from 89; the check reads the
    size from the header itself and says it, and no warning escapes."""
    from handouts.reading.imagefiles import examine

    Image.new("1", (20000, 10000), 1).save(tmp_path / "poster.png", optimize=True)
    Image.new("1", (10000, 9000), 1).save(tmp_path / "wall.png", optimize=True)
    assert examine(tmp_path / "poster.png").problem[0] == (
        "is 20000 x 10000 pixels (200 megapixels), more than the 50 megapixels a picture may have"
    )
    assert examine(tmp_path / "wall.png").problem[0].startswith("is 10000 x 9000 pixels (90 megapixels)")
    assert len(recwarn) == 0


def _noisy_jpeg(path, size, exif=None) -> None:
    """Red on the left third, blue elsewhere, with grain (so the JPEG is heavy to decode)."""
    image = Image.new("RGB", size, BLUE)
    ImageDraw.Draw(image).rectangle((0, 0, size[0] // 3, size[1]), fill=RED)
    grain = Image.effect_noise(size, 20).convert("RGB")
    Image.blend(image, grain, 0.1).save(path, "JPEG", quality=90, **({"exif": exif} if exif else {}))


@pytest.mark.parametrize("turned", [False, True], ids=["as stored", "EXIF turn"])
def test_a_large_jpeg_is_decoded_reduced_to_what_its_box_needs(tmp_path, monkeypatch, turned):
    """A 6000 x 4500 photo cropped to its top two thirds (6000 x 3000) in a 300 x 200 pt box prints 300 x 150 pt:
    1042 x 521 pixels at 250 ppi. A quarter of it (1500 x 1125, the crop keeping 1500 x 750) still covers that,
    an eighth (750 wide) does not: the decoder is asked for a quarter, and the result has exactly the pixels
    needed, upright, with the red third on the left."""
    from PIL import JpegImagePlugin

    asked = []
    real = JpegImagePlugin.JpegImageFile.draft

    def spy(self, mode, size):
        asked.append(size)
        return real(self, mode, size)

    monkeypatch.setattr(JpegImagePlugin.JpegImageFile, "draft", spy)
    path = tmp_path / "big.jpg"
    exif = None
    if turned:  # stored on its side; upright it is 6000 wide again
        exif = Image.Exif()
        exif[0x0112] = 6
        image_path = tmp_path / "flat.jpg"
        _noisy_jpeg(image_path, (6000, 4500))
        with Image.open(image_path) as upright:
            upright.transpose(Image.Transpose.ROTATE_90).save(path, "JPEG", quality=90, exif=exif)
    else:
        _noisy_jpeg(path, (6000, 4500))
    import dataclasses

    ref = dataclasses.replace(_ref(path), crop=(0.0, 0.0, 1.0, 2 / 3))  # 6000 x 3000: the box's 3:2
    prepared = ImageStage(tmp_path / "cache").prepare(ref, BOX)
    assert prepared.pixels == (1042, 521)
    result = _result(prepared)
    assert _near(result.getpixel((20, 20)), RED, 60) and _near(result.getpixel((result.width - 20, 20)), BLUE, 60)
    stored = (4500, 6000) if turned else (6000, 4500)
    # a quarter, asked when its size is said (from the header: nothing decoded) and when it is decoded
    assert set(asked) == {(stored[0] // 4, stored[1] // 4)}


def test_a_damaged_tiff_is_said_once_and_libtiff_stays_off_the_terminal(capfd):
    """libtiff writes its own complaints to file descriptor 2, past Python, and Pillow logs a TIFF of 78 samples
    per pixel as an error (which Python prints): a check shows only the located errors."""
    from conftest import CASES

    from handouts.commands.cli import main

    case = CASES / "image-damaged-tiff"
    assert main(["check", "--workspace", str(case)]) == 2
    captured = capfd.readouterr()
    assert captured.err == (
        "sequences/s.yaml:4:19: image.file: the image 'scan.tiff' is damaged: its picture cannot be decoded; open it "
        "in an image editor or your photo app and export it again as JPEG or PNG\n"
        "sequences/s.yaml:7:12: image: the image 'fax.tiff' is damaged: its first bytes say it is a picture, but they "
        "cannot be read; open it in an image editor or your photo app and export it again as JPEG or PNG\n"
        "2 errors in 1 file\n"
    )
