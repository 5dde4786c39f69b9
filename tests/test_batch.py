"""A client batch makes the same bytes however it is spread over processes: the first PDF made before the
workers fork, the rest in the workers, one process alone, or a client built on their own (`--only`)."""

from __future__ import annotations

import datetime
import textwrap

from conftest import snapshot

from handouts.clients.making import build_clients
from handouts.reading.workspace import Workspace

ROSTER = """\
clients:
  - name: Ann Example
    email: ann@example.org
    handouts: [low-back-release, low-back-release cheatsheet]
    notes: [Skip the twist until your disc settles.]
    leave_out: [supine-twist]
    easier: [reclined-figure-four]
  - name: Jonas Weber
    email: jonas@example.org
    language: de
    handouts: [psoas-stretches cheatsheet, psoas-stretches]
  - name: Zoë Ångström
    email: zoe@example.org
    handouts: [low-back-release, psoas-stretches matcard]
"""
DAY = datetime.date(2026, 11, 21)


def _batch(examples, out, workers):
    (examples / "clients.yaml").write_text(textwrap.dedent(ROSTER), encoding="utf-8")
    _, jobs, _ = build_clients(Workspace(examples), examples / "clients.yaml", out, date=DAY, workers=workers)
    return [job.path.as_posix() for job in jobs], snapshot(out / "clients")


def test_workers_make_the_bytes_one_process_makes(examples, tmp_path):
    order, alone = _batch(examples, tmp_path / "alone", workers=1)
    again_order, spread = _batch(examples, tmp_path / "spread", workers=2)
    assert (
        order
        == again_order
        == [
            "clients/ann-example/low-back-release.pdf",
            "clients/ann-example/low-back-release-cheatsheet.pdf",
            "clients/jonas-weber/psoas-stretches-cheatsheet.pdf",
            "clients/jonas-weber/psoas-stretches.pdf",
            "clients/zoe-angstrom/low-back-release.pdf",
            "clients/zoe-angstrom/psoas-stretches-matcard.pdf",
        ]
    )
    assert sorted(spread) == sorted(p.removeprefix("clients/") for p in order)
    assert spread == alone


def test_each_pdf_is_the_one_a_build_of_that_client_alone_makes(examples, tmp_path, run):
    _, together = _batch(examples, tmp_path / "together", workers=2)
    for name, folder in (("Zoë Ångström", "zoe-angstrom"), ("Jonas Weber", "jonas-weber")):
        out = tmp_path / folder
        result = run(
            "build", "--clients", "clients.yaml", "--only", name, "--date", "2026-11-21", "--out", str(out),
            workspace=examples,
        )  # fmt: skip
        assert result.code == 0, result.err
        alone = snapshot(out / "clients")
        assert len(alone) == 2
        assert alone == {path: digest for path, digest in together.items() if path.startswith(folder + "/")}
