"""What the speed work (issue 17) must not change: the same bytes whichever way a photo's file came to be, never
fewer pixels than the profile promises, every check still made where it matters. (How fast is measured by
`make bench` and the peers' compare.py, never asserted here.)"""

from __future__ import annotations

import hashlib
import json
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from handouts.core.errors import HandoutError, Location
from handouts.core.model import ImageRef, Text
from handouts.output.images import PHOTO_SLACK, PROFILES, SAID, ImageStage

ROOT = Path(__file__).resolve().parent.parent
CARD, THUMB = (351.5, 155.9), (73.0, 51.4)  # points: a booklet card's picture box and a cheat sheet's


def _photo(path: Path, size=(1600, 1200)) -> Path:
    """A 'photo' with grain (so that it compresses as a camera's does), red on its left third."""
    image = Image.new("RGB", size, (20, 40, 220))
    ImageDraw.Draw(image).rectangle((0, 0, size[0] // 3, size[1]), fill=(220, 20, 20))
    grain = Image.effect_noise(size, 25).convert("RGB")
    Image.blend(image, grain, 0.15).save(path, "JPEG", quality=88)
    return path


def _ref(path: Path) -> ImageRef:
    return ImageRef(path, Text(path.name, Location("sequences/s.yaml", 3, 12), "image"))


@pytest.mark.parametrize("profile", sorted(PROFILES))
@pytest.mark.parametrize("box", [CARD, THUMB, (200.0, 300.0), (500.0, 380.0)], ids=str)
def test_a_photo_never_has_fewer_pixels_than_its_profile_promises(tmp_path, profile, box):
    ref = _ref(_photo(tmp_path / "p.jpg"))
    prepared = ImageStage(tmp_path / "cache", profile).prepare(ref, box)
    ppi = PROFILES[profile]
    scale = min(box[0] / 1600, box[1] / 1200)  # points per source pixel: the printed size
    needed = (round(1600 * scale / 72 * ppi), round(1200 * scale / 72 * ppi))
    if needed[0] <= 1600:  # a photo is never enlarged: a larger box just gets all of it
        assert prepared.pixels[0] >= needed[0] and prepared.pixels[1] >= needed[1]
        assert prepared.pixels[0] <= PHOTO_SLACK * needed[0] + 1  # and not much more than that
    with Image.open(prepared.path) as made:
        assert made.size == prepared.pixels


def test_a_photo_placed_but_never_drawn_is_never_made(tmp_path):
    stage = ImageStage(tmp_path / "cache")
    prepared = stage.place(_ref(_photo(tmp_path / "p.jpg")), CARD)
    assert not prepared.path.exists() and stage.decoded == 0  # its size from the header alone
    said = [p.name for p in (tmp_path / "cache").iterdir()]
    assert said == [prepared.path.name.removesuffix(".jpg") + SAID]
    again = ImageStage(tmp_path / "cache")  # the next build: the size from the cache, no header read
    assert again.place(_ref(tmp_path / "p.jpg"), CARD) == prepared
    again.ready(prepared)
    with Image.open(prepared.path) as made:
        assert made.size == prepared.pixels
    assert again.decoded == 1


def test_a_card_its_mirror_and_its_smaller_variant_share_one_decode(tmp_path):
    ref = _ref(_photo(tmp_path / "p.jpg"))
    stage = ImageStage(tmp_path / "cache")
    right = stage.prepare(ref, CARD)
    left = stage.prepare(ref, CARD, mirrored=True)
    stage.prepare(ref, (CARD[0], CARD[1] * 0.75))
    assert stage.decoded == 1
    with Image.open(right.path) as a, Image.open(left.path) as b:
        assert a.getpixel((10, 10))[0] > 150 and b.getpixel((b.width - 10, 10))[0] > 150  # red on its side


def test_a_photos_file_is_the_same_bytes_however_it_was_made(tmp_path):
    """Decoded alone or after its mirror shared the decode, in this process or a fresh one: the same file."""
    ref = _ref(_photo(tmp_path / "p.jpg"))
    shared = ImageStage(tmp_path / "one")
    shared.prepare(ref, CARD, mirrored=True)
    first = shared.prepare(ref, CARD).path.read_bytes()
    alone = ImageStage(tmp_path / "two").prepare(ref, CARD).path.read_bytes()
    script = (
        "import sys; from pathlib import Path; from handouts.core.errors import Location; "
        "from handouts.core.model import ImageRef, Text; from handouts.output.images import ImageStage; "
        f"p = Path({str(tmp_path / 'p.jpg')!r}); "
        "ref = ImageRef(p, Text(p.name, Location('sequences/s.yaml', 3, 12), 'image')); "
        f"sys.stdout.buffer.write(ImageStage(Path({str(tmp_path / 'three')!r})).prepare(ref, {CARD!r})"
        ".path.read_bytes())"
    )
    fresh = subprocess.run([sys.executable, "-c", script], capture_output=True, check=True, cwd=ROOT).stdout
    assert first == alone == fresh


def _photo_workspace(examples: Path) -> None:
    for i in range(3):
        _photo(examples / "images" / f"p{i}.jpg")
    lines = ["title: Photos", "steps:"]
    for i, side in enumerate(("both", "none", "both")):
        lines += ["  - pose: mountain", f"    side: {side}", "    hold: 5 breaths", f"    image: p{i}.jpg"]
    (examples / "sequences" / "photos.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.pdf"))}


def test_a_build_with_photos_is_the_same_bytes_cold_warm_and_in_another_folder(examples, run, tmp_path):
    _photo_workspace(examples)
    args = ("build", "photos", "--format", "booklet", "--format", "cheatsheet", "--impose")
    assert run(*args, "--out", str(tmp_path / "a"), workspace=examples).code == 0
    cold = _digests(tmp_path / "a" / "photos")
    assert run(*args, "--out", str(tmp_path / "a"), workspace=examples).code == 0  # the cache warm
    assert _digests(tmp_path / "a" / "photos") == cold
    assert run(*args, "--out", str(tmp_path / "b"), workspace=examples).code == 0  # another cache
    assert _digests(tmp_path / "b" / "photos") == cold and len(cold) == 4


def test_a_build_reads_a_photos_header_and_a_rebuild_not_even_that(examples, run, tmp_path, monkeypatch):
    from handouts.reading import imagefiles

    _photo_workspace(examples)
    out = ["--out", str(tmp_path / "out")]
    examined = []
    real = imagefiles._examine

    def spy(path, size, decode=True):
        examined.append((path.name, decode))
        return real(path, size, decode)

    monkeypatch.setattr(imagefiles, "_examine", spy)
    monkeypatch.setattr(imagefiles, "_EXAMINED", {})
    assert run("build", "photos", "--format", "booklet", *out, workspace=examples).code == 0
    photos = sorted(e for e in examined if e[0].endswith(".jpg"))
    assert photos == [("p0.jpg", False), ("p1.jpg", False), ("p2.jpg", False)]  # headers: no decode
    assert ("riverside-logo.png", True) in examined  # the logo (a PNG) is decoded, as before
    assert (tmp_path / "out" / ".cache" / "examined.json").is_file()
    examined.clear()
    imagefiles._EXAMINED.clear()
    assert run("build", "photos", "--format", "booklet", *out, workspace=examples).code == 0
    assert examined == []  # the same content: trusted, not even opened
    check = run("check", "photos", workspace=examples)
    photos = sorted(e for e in examined if e[0].endswith(".jpg"))
    assert check.code in (0, 1) and photos == [("p0.jpg", True), ("p1.jpg", True), ("p2.jpg", True)]


def test_a_photo_cut_short_is_decoded_by_the_build_and_refused_as_check_refuses_it(examples, run, tmp_path):
    """It does not end as a JPEG ends: the build decodes it while reading, as `check` does, and leaves its output
    folder as it was (not even the image cache is written)."""
    _photo_workspace(examples)
    path = examples / "images" / "p1.jpg"
    path.write_bytes(path.read_bytes()[:5000])
    said = (
        "sequences/photos.yaml:10:12: image: the image 'p1.jpg' ends early (truncated): part of the file is "
        "missing; export it again from your photo app, or copy it into images/ again\n"
    )
    out = tmp_path / "out"
    result = run(
        "build", "photos", "--format", "booklet", "--format", "cheatsheet", "--out", str(out), workspace=examples
    )
    assert result.code == 2 and result.err == said + "1 error in 1 file; nothing was written\n"
    assert not out.exists()
    result = run("check", "photos", workspace=examples)
    assert result.code == 2 and result.err.startswith(said)


def test_a_whole_photo_damaged_inside_is_a_located_error_from_either_process(examples, run, tmp_path):
    """It ends as a JPEG ends, so a build reads only its header; the image stage's decode finds the damage: in
    this process (the booklet) and in the helper (the cheat sheet alone), a located error, exit 2, no PDF."""
    _photo_workspace(examples)
    path = examples / "images" / "p1.jpg"
    data = path.read_bytes()
    scan = data.index(b"\xff\xda") + 2000
    path.write_bytes(data[:scan] + bytes(range(256)) * 40 + data[scan + 10240 :])  # stray markers in the scan
    said = (
        "sequences/photos.yaml:10:12: image: the image 'p1.jpg' is damaged: its picture cannot be decoded; open it "
        "in an image editor or your photo app and export it again as JPEG or PNG"
    )
    for formats in (["booklet", "cheatsheet"], ["cheatsheet"]):
        out = tmp_path / "-".join(formats)
        args = [a for f in formats for a in ("--format", f)]
        result = run("build", "photos", *args, "--out", str(out), workspace=examples)
        assert result.code == 2 and said in result.err, result.err
        assert not (out / "photos").exists()
    result = run("check", "photos", workspace=examples)
    assert result.code == 2 and said in result.err  # check says it in the same words


def test_a_rebuild_with_its_photos_in_the_image_cache_never_loads_pillow(examples, tmp_path):
    _photo_workspace(examples)
    studio = examples / "studio.yaml"  # without its logo: ReportLab reads a PNG with Pillow
    studio.write_text(
        "".join(line for line in studio.read_text(encoding="utf-8").splitlines(True) if not line.startswith("logo:")),
        encoding="utf-8",
    )
    script = (
        "import sys; from handouts.commands.cli import main; "
        f"code = main(['build', '-C', {str(examples)!r}, 'photos', '--format', 'booklet', '--format', "
        f"'cheatsheet', '--out', {str(tmp_path / 'out')!r}]); "
        "print(code, 'PIL.JpegImagePlugin' in sys.modules)"
    )
    made = [
        subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT).stdout
        for _ in range(2)
    ]
    assert made[0].split()[-2:] == ["0", "True"]  # the first build decodes the photos
    assert made[1].split()[-2:] == ["0", "False"]


def test_the_character_maps_are_read_as_reportlab_reads_them():
    from reportlab.pdfbase.ttfonts import TTFontFile

    from handouts.layouts import fonts

    for name in (*fonts.FACES.values(), fonts.DEVANAGARI_FILE):
        path = fonts.font_file(name)
        assert fonts.character_map(path) == frozenset(TTFontFile(str(path)).charToGlyph), name


def _modules_after(code: str) -> set[str]:
    script = f"import sys, handouts\n{code}\nprint(' '.join(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT)
    return set(done.stdout.split())


def test_the_print_file_loads_pypdf_without_cryptography():
    loaded = _modules_after("from handouts.output.impose import prime; prime()")
    assert "pypdf" in loaded and "cryptography" not in loaded


def test_checking_a_devanagari_name_loads_neither_the_shaper_nor_the_whole_font():
    loaded = _modules_after(
        "from handouts.core.errors import Location\nfrom handouts.core.model import Text\n"
        "from handouts.layouts import fonts\nimport reportlab.platypus\n"
        "assert fonts.check_texts([Text('\u0924\u093e\u0921\u093e\u0938\u0928', Location('p.yaml', 1, 1), "
        "'devanagari')]) == []\n"
        "from reportlab.pdfbase import pdfmetrics\nassert fonts.DEVANAGARI not in pdfmetrics.getRegisteredFontNames()"
    )
    assert "uharfbuzz._harfbuzz" not in loaded and "PIL.ExifTags" not in loaded  # both run when first used


def test_the_cards_photos_are_shared_with_the_helper_and_made_the_same_bytes(tmp_path):
    """When the first page is drawn, the photos placed first (a card and its mirror, not the smaller variant)
    go to `share` last first; what the helper makes is the file the build would have made, and a file already
    made, or whose source changed since, is left alone."""
    from handouts.output.images import make_shared

    refs = [_ref(_photo(tmp_path / f"p{i}.jpg")) for i in range(2)]
    stage, shared = ImageStage(tmp_path / "cache"), []
    stage.share = shared.append
    right = stage.place(refs[0], CARD)
    left = stage.place(refs[0], CARD, mirrored=True)
    other = stage.place(refs[1], CARD)
    stage.place(refs[0], (CARD[0], CARD[1] * 0.75))  # a smaller variant: made only if drawn
    stage.ready(right)
    assert [[path for path, _ in jobs] for jobs in shared] == [[other.path, left.path, right.path]]
    assert all(job.source == b"" for _, job in shared[0])  # the helper reads the sources itself
    helper = pickle.loads(pickle.dumps(stage))  # what the helper process gets
    assert helper.share is None
    assert make_shared(helper, shared[0]) == 2  # the right card was made already
    alone = ImageStage(tmp_path / "alone")
    assert other.path.read_bytes() == alone.prepare(refs[1], CARD).path.read_bytes()
    assert left.path.read_bytes() == alone.prepare(refs[0], CARD, mirrored=True).path.read_bytes()
    stage.ready(left)  # made by the helper: not made again
    assert stage.decoded == 1
    stage.ready(right)
    assert shared == [shared[0]]  # shared once
    _photo(refs[1].path, size=(1200, 1600))  # changed since it was placed
    other.path.unlink()
    assert make_shared(helper, shared[0][:1]) == 0 and not other.path.exists()


def _indexed_stage(tmp_path, monkeypatch):
    """A photo made once (a card and its smaller variant said), its sha256 indexed; and a second build's stage."""
    import handouts.output.images as images

    monkeypatch.setattr(images, "SETTLED", 0)  # files made by a test are seconds old only
    ref, smaller = _ref(_photo(tmp_path / "p.jpg")), (CARD[0], CARD[1] * 0.75)
    first = ImageStage(tmp_path / "cache")
    card = first.prepare(ref, CARD)
    variant = first.place(ref, smaller)
    assert not (tmp_path / "cache" / ".sources.json").exists()  # written once, when the run is done with photos
    first.flush()
    return ref, card, variant, smaller, ImageStage(tmp_path / "cache")


def test_a_rebuild_finds_its_photos_by_their_stats_without_reading_them(tmp_path, monkeypatch):
    ref, card, variant, smaller, again = _indexed_stage(tmp_path, monkeypatch)
    index = json.loads((tmp_path / "cache" / ".sources.json").read_text())
    assert index[str(ref.path)][4] == hashlib.sha256(ref.path.read_bytes()).hexdigest()
    monkeypatch.setattr(ImageStage, "_source", lambda self, path: pytest.fail(f"{path} was read"))
    assert again.place(ref, CARD) == card
    assert again.place(ref, smaller) == variant and not variant.path.exists()
    monkeypatch.undo()  # drawn: now it is read, and made
    again.ready(variant)
    with Image.open(variant.path) as made:
        assert made.size == variant.pixels


def test_a_photo_changed_since_it_was_indexed_is_read_again(tmp_path, monkeypatch):
    ref, card, _, _, again = _indexed_stage(tmp_path, monkeypatch)
    _photo(ref.path, size=(1200, 1600))  # another picture at the same place
    changed = again.prepare(ref, CARD)
    assert changed.path != card.path and changed.pixels[1] > changed.pixels[0]
    with Image.open(changed.path) as made:
        assert made.size == changed.pixels


def test_a_photo_changed_between_placing_and_drawing_is_refused_where_it_is_named(tmp_path, monkeypatch):
    ref, _, variant, smaller, again = _indexed_stage(tmp_path, monkeypatch)
    assert again.place(ref, smaller) == variant  # from the index: not read
    _photo(ref.path, size=(1200, 1600))
    with pytest.raises(HandoutError) as caught:
        again.ready(variant)
    assert str(caught.value.problems[0].location) == "sequences/s.yaml:3:12"
    assert "changed while the handout was being made" in caught.value.problems[0].message
    assert not variant.path.exists()


@pytest.mark.parametrize("content", [b"{damaged", b"[]", b'{"%s": [1, 2, 3, 4, "not a sha256"]}'])
def test_a_damaged_or_foreign_index_is_not_used(tmp_path, monkeypatch, content):
    ref, card, _, _, again = _indexed_stage(tmp_path, monkeypatch)
    (tmp_path / "cache" / ".sources.json").write_bytes(content.replace(b"%s", str(ref.path).encode()))
    read = []
    source = ImageStage._source
    monkeypatch.setattr(ImageStage, "_source", lambda self, path: read.append(path) or source(self, path))
    assert again.place(ref, CARD) == card and read == [ref.path]


def test_a_photo_written_moments_ago_is_not_indexed(tmp_path):
    stage = ImageStage(tmp_path / "cache")
    stage.prepare(_ref(_photo(tmp_path / "p.jpg")), CARD)
    stage.flush()
    assert not (tmp_path / "cache" / ".sources.json").exists()


def test_the_index_is_written_once_for_all_the_photos_of_a_run(tmp_path, monkeypatch):
    import handouts.output.images as images

    monkeypatch.setattr(images, "SETTLED", 0)
    refs = [_ref(_photo(tmp_path / f"p{n}.jpg", size=(1600 + 8 * n, 1200))) for n in range(3)]
    stage = ImageStage(tmp_path / "cache")
    written = []
    write = ImageStage._write
    monkeypatch.setattr(
        ImageStage, "_write", lambda self, path, data: written.append(path.name) or write(self, path, data)
    )
    said = [stage.place(ref, CARD) for ref in refs]
    assert written == []  # placed: only the empty size markers, made without a temporary file
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == sorted(
        p.path.name.replace(".jpg", ".said") for p in said
    )
    assert all(p.stat().st_size == 0 for p in (tmp_path / "cache").iterdir())
    stage.flush()
    stage.flush()  # nothing new: not written again
    assert written == [".sources.json"]
    index = json.loads((tmp_path / "cache" / ".sources.json").read_text())
    assert sorted(index) == sorted(str(ref.path) for ref in refs)
    assert index[str(refs[2].path)][4] == hashlib.sha256(refs[2].path.read_bytes()).hexdigest()
