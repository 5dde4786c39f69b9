"""What a run keeps in the user's cache to start faster (issue 17): the dataclasses' compiled methods
(handouts/compiled.py) and the fonts as ReportLab parsed them (layouts/fontfaces.py). Kept or not, the classes
behave and the PDFs come out the same; a damaged or foreign file is made again."""

from __future__ import annotations

import dataclasses
import marshal
import os
import pickle
import re
import subprocess
import sys
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas

from handouts import compiled
from handouts.layouts import fontfaces
from handouts.layouts.fonts import font_file

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    """A cache folder of the test's own, and no kept code known to this process yet."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("HANDOUTS_CACHE", str(folder))
    monkeypatch.setattr(compiled, "_kept", None)
    monkeypatch.setattr(compiled, "_codes", {})
    monkeypatch.setattr(compiled, "_new", False)
    return folder


def _make_class():
    """A frozen dataclass whose texts no other test writes (its field names are its own)."""

    @dataclasses.dataclass(frozen=True)
    class Hold:
        kept_breaths_417: int
        kept_side_417: str = "left"

    return Hold


def _check_behaviour(cls) -> None:
    one, same, other = cls(5), cls(5), cls(6, "right")
    assert one == same and one != other and hash(one) == hash(same)
    assert repr(other) == "_make_class.<locals>.Hold(kept_breaths_417=6, kept_side_417='right')"
    with pytest.raises(dataclasses.FrozenInstanceError):
        one.kept_breaths_417 = 7
    # compiled as the dataclasses module compiles it: real annotations, not the strings this test file's
    # `from __future__ import annotations` (or compiled.py's) would make of them
    assert cls.__init__.__annotations__["return"] is None


def test_a_class_made_from_kept_code_behaves_as_one_compiled_afresh(cache, monkeypatch):
    _check_behaviour(_make_class())
    assert compiled._new  # its texts were new
    compiled.save()
    kept = compiled.load((cache / compiled.NAME).read_bytes())
    mine = [text for text in kept if "kept_breaths_417" in text]
    assert len(mine) >= 4  # __init__, __repr__, __eq__, __hash__, __setattr__, __delattr__
    # a new process: the texts are read from the file, none compiled again
    monkeypatch.setattr(compiled, "_kept", None)
    monkeypatch.setattr(compiled, "_codes", {})
    monkeypatch.setattr(compiled, "_new", False)
    calls = []
    monkeypatch.setattr(compiled, "compile", lambda *a, **k: calls.append(a) or compile(*a, **k), raising=False)
    _check_behaviour(_make_class())
    assert calls == [] and not compiled._new


@pytest.mark.parametrize(
    "content",
    [
        b"not marshal at all",
        marshal.dumps(("3.10.0 (another Python)", {})),
        marshal.dumps((sys.version, {"def f(): pass": "not marshalled code"})),
        marshal.dumps((sys.version, ["a list"])),
    ],
    ids=["damaged", "another-python", "not-code", "not-a-map"],
)
def test_a_damaged_or_foreign_file_is_ignored_and_made_again(cache, content):
    cache.mkdir()
    (cache / compiled.NAME).write_bytes(content)
    assert compiled.load(content) == {}
    _check_behaviour(_make_class())
    compiled.save()
    kept = compiled.load((cache / compiled.NAME).read_bytes())
    assert any("kept_breaths_417" in text for text in kept)
    assert all(isinstance(text, str) for text in kept)


def test_a_damaged_entry_is_compiled_again(cache, monkeypatch):
    _check_behaviour(_make_class())
    compiled.save()
    version, codes = marshal.loads((cache / compiled.NAME).read_bytes())
    mine = [text for text in codes if "kept_breaths_417" in text]
    codes.update((text, b"junk") for text in mine[:2])
    codes.update((text, marshal.dumps("a text, not code")) for text in mine[2:])
    (cache / compiled.NAME).write_bytes(marshal.dumps((version, codes)))
    monkeypatch.setattr(compiled, "_kept", None)
    monkeypatch.setattr(compiled, "_codes", {})
    monkeypatch.setattr(compiled, "_new", False)
    _check_behaviour(_make_class())
    assert compiled._new
    compiled.save()
    again = compiled.load((cache / compiled.NAME).read_bytes())
    assert all(isinstance(marshal.loads(again[text]), type(compile("", "", "exec"))) for text in mine)


def test_nothing_is_written_with_no_cache_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("HANDOUTS_CACHE", "")
    monkeypatch.setattr(compiled, "_kept", None)
    monkeypatch.setattr(compiled, "_codes", {})
    monkeypatch.setattr(compiled, "_new", False)
    _check_behaviour(_make_class())
    compiled.save()
    assert list(tmp_path.iterdir()) == []


def test_a_run_keeps_its_dataclasses_code_when_it_ends(tmp_path):
    env = dict(os.environ, HANDOUTS_CACHE=str(tmp_path), PYTHONPATH=str(ROOT))
    subprocess.run([sys.executable, "-P", "-c", "import handouts.core.model"], env=env, check=True, cwd=tmp_path)
    kept = compiled.load((tmp_path / compiled.NAME).read_bytes())
    inits = [text for text in kept if text.startswith("def __create_fn__(") and " def __init__(self," in text]
    assert len(inits) >= 17  # core/model.py's dataclasses alone


# ----- the fonts -----


def _pdf(font_name: str) -> bytes:
    pdf = canvas.Canvas(None, invariant=1)  # type: ignore[arg-type]
    pdf.setFont(font_name, 14)
    pdf.drawString(72, 700, "Bālāsana: breathe out — fold, 3 × 30 s")
    return pdf.getpdfdata()


def _values(font) -> tuple[dict, dict]:
    """Every value of the font and its face with its type (a TTFNameBytes equals its bytes), but the scale."""
    own = {k: (type(v), v) for k, v in vars(font).items() if k not in ("face", "state", "encoding")}
    own["encoding"] = (type(font.encoding), vars(font.encoding))
    face = {k: (type(v), v) for k, v in vars(font.face).items() if k != "_pdfScale"}
    face.update((k, (type(v), v.ustr)) for k, v in vars(font.face).items() if hasattr(v, "ustr"))
    return own, face


def test_a_kept_font_is_the_parsed_one_and_prints_the_same_bytes(cache):
    path = font_file("SourceSans3-Italic.ttf")
    fresh = fontfaces.parsed("KeptTest-Italic", path)  # parsed, and kept
    (kept_file,) = list(cache.iterdir())
    assert kept_file.name.startswith("font-") and kept_file.name.endswith(".marshal")
    restored = fontfaces.parsed("KeptTest-Italic", path)
    assert restored is not fresh and restored.face is not fresh.face
    assert _values(restored) == _values(fresh)
    assert [restored.face._pdfScale(v) for v in (1, 517, -250)] == [fresh.face._pdfScale(v) for v in (1, 517, -250)]
    pdfmetrics.registerFont(fresh)
    first = _pdf("KeptTest-Italic")
    fresh.unregister()
    pdfmetrics.registerFont(restored)
    assert pdfmetrics.getFont("KeptTest-Italic") is restored
    again = _pdf("KeptTest-Italic")
    restored.unregister()
    assert b"/FontFile2" in first and again == first


@pytest.mark.parametrize(
    "content",
    [
        b"damaged",
        marshal.dumps((fontfaces.FORM, {"fontName": "Another"}, {"filename": "x"}, [])),
        marshal.dumps(("another form", {}, {}, [])),
        marshal.dumps(["a list"]),
        pickle.dumps(({"fontName": "KeptTest-Italic"}, {})),
    ],
    ids=["damaged", "another-font", "another-form", "not-a-font", "a-pickle"],
)
def test_a_damaged_or_foreign_font_file_is_parsed_and_kept_again(cache, content):
    path = font_file("SourceSans3-Italic.ttf")
    fontfaces.parsed("KeptTest-Italic", path)
    (kept_file,) = list(cache.iterdir())
    good = kept_file.read_bytes()
    kept_file.write_bytes(content)
    font = fontfaces.parsed("KeptTest-Italic", path)
    assert font.face.charToGlyph[ord("ā")] > 0 and font.face.unitsPerEm == 1000
    assert kept_file.read_bytes() == good


def test_another_font_file_or_name_is_another_key():
    data = font_file("SourceSans3-Italic.ttf").read_bytes()
    first = fontfaces.key("A", data, True)
    assert fontfaces.key("A", data, True) == first
    assert fontfaces.key("A", data[:-1] + bytes([data[-1] ^ 1]), True) != first
    assert fontfaces.key("B", data, True) != first
    assert fontfaces.key("A", data, False) != first


# ----- the end of a build -----


def test_a_build_ends_at_once_with_its_output_said_and_its_exit_handlers_run(tmp_path):
    """The installed command after a build: every line printed (stdout a pipe), every file there, and the exit
    handlers run (compiled.save writes the dataclasses' code into a cache folder that was empty)."""
    workspace = tmp_path / "ws"
    (workspace / "sequences").mkdir(parents=True)
    (workspace / "sequences" / "s.yaml").write_text(
        "title: Short\nsteps:\n  - pose: mountain\n    hold: 5 breaths\n", encoding="utf-8"
    )
    cache = tmp_path / "cache"
    env = dict(os.environ, HANDOUTS_CACHE=str(cache), PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-P", "-c", "from handouts.commands.cli import run; run()", "build", "-C", str(workspace)],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    said = [re.fullmatch(r"wrote build/s/(\S+) \(\d+ KB\)", line) for line in done.stdout.splitlines()]
    assert all(said) and sorted(m[1] for m in said if m) == [
        "booklet-print.pdf",
        "booklet.pdf",
        "cheatsheet.pdf",
        "how-to-print.pdf",
    ]
    assert sorted(p.name for p in (workspace / "build" / "s").iterdir()) == [
        "booklet-print.pdf",
        "booklet.pdf",
        "cheatsheet.pdf",
        "how-to-print.pdf",
    ]
    assert all(p.read_bytes().rstrip().endswith(b"%%EOF") for p in (workspace / "build" / "s").iterdir())
    assert compiled.load((cache / compiled.NAME).read_bytes())  # written by an exit handler


# ----- the cycle collector while the command imports -----

_SAYS_GC = (
    "import gc, sys, handouts; print(gc.isenabled()); from handouts import compiled; compiled.resume(); "
    "print(gc.isenabled(), gc.get_freeze_count() > 0)"
)


@pytest.mark.parametrize(
    ("first", "command", "said"),
    [
        # python -m handouts: paused while imported, resumed with the imports set aside
        ("-m", ["python", "-P", "-m", "handouts", "build"], "False\nTrue True\n"),
        ("/usr/local/bin/handouts", ["/usr/local/bin/handouts"], "False\nTrue True\n"),  # the installed script
        ("-m", ["python", "-m", "handouts.other"], "True\nTrue False\n"),  # another module run: never paused
        ("-c", ["python", "-c", "..."], "True\nTrue False\n"),  # the studio's kept helper, a script: never paused
        ("/usr/bin/pytest", ["/usr/bin/pytest"], "True\nTrue False\n"),
    ],
)
def test_the_collector_is_paused_only_while_the_command_imports(tmp_path, first, command, said):
    env = dict(os.environ, HANDOUTS_CACHE=str(tmp_path), PYTHONPATH=str(ROOT))
    code = f"import sys; sys.argv[0] = {first!r}; sys.orig_argv = {command!r}; " + _SAYS_GC
    done = subprocess.run([sys.executable, "-P", "-c", code], env=env, capture_output=True, text=True, check=True)
    assert done.stdout == said


def test_the_command_runs_with_the_collector_on(tmp_path):
    """`python -m handouts`: whatever a command runs (a studio serving for hours), it runs collecting."""
    env = dict(os.environ, HANDOUTS_CACHE=str(tmp_path), PYTHONPATH=str(ROOT))
    code = (
        "import gc, sys, runpy; from handouts.commands import cli; "
        "cli.main = lambda argv=None: print('collecting' if gc.isenabled() else 'paused') or 0; "
        "sys.argv = ['handouts', 'check']; cli.run()"
    )
    done = subprocess.run(
        [
            sys.executable,
            "-P",
            "-c",
            "import sys; sys.argv[0] = '-m'; sys.orig_argv = ['python', '-m', 'handouts']; " + code,
        ],
        env=env,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.stdout == "collecting\n"
    assert done.returncode == 0
