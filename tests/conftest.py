"""Shared test helpers: run the CLI in-process, copy workspaces, snapshot build/ folders."""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from handouts.commands.cli import main

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).resolve().parent / "cases"


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def run(capsys):
    """Run `handouts ARGS...` in-process in a workspace; returns exit code, stdout and stderr."""

    def _run(*args: str, workspace: Path | None = None) -> Result:
        argv = list(args)
        if workspace is not None:
            argv[1:1] = ["--workspace", str(workspace)]
        code = main(argv)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return _run


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` (hidden ones too) with a hash of its bytes."""
    if not folder.exists():
        return {}
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def examples(tmp_path) -> Path:
    """A copy of the repository's example workspace (sequences/, poses/, images/)."""
    target = tmp_path / "ws"
    target.mkdir()
    for name in ("sequences", "poses", "images"):
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "studio.yaml", target / "studio.yaml")
    return target


def build_examples(out: Path, *formats: str) -> Path:
    """Every example built into `out` in the given formats, as `handouts build --format ...` does."""
    argv = ["build", "--workspace", str(ROOT), "--out", str(out)]
    for fmt in formats:
        argv += ["--format", fmt]
    assert main(argv) == 0
    return out


def colourful_pixels(pdf_path: Path) -> int:
    """How many pixels of the rendered pages are clearly coloured (not a shade of grey)."""
    import pypdfium2

    count = 0
    for page in pypdfium2.PdfDocument(str(pdf_path)):
        image = page.render(scale=0.5).to_pil().convert("RGB")
        data = image.tobytes()
        count += sum(1 for i in range(0, len(data), 3) if max(data[i : i + 3]) - min(data[i : i + 3]) > 24)
    return count
