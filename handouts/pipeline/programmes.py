"""Programmes in a run: programmes/*.yaml read (reading/programme.py), checked against the workspace's sequences
and library and planned (plan/programme.py), every problem gathered. `load_programme` is what a guidebook build
plans from; `programme_problems` is what `handouts check` reports for every programme.

A programme is planned in its own language (its `language:`, else studio.yaml's): each sequence with its
translation into that language where it has one, the library's words and the labels of that language.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from handouts.core.errors import Collector, HandoutError, Location, Problem
from handouts.core.model import Text
from handouts.core.programme import Programme
from handouts.layouts import fonts
from handouts.pipeline.loading import Loaded, own_language
from handouts.plan.programme import PlannedProgramme, plan_programme
from handouts.reading.fields import INVALID
from handouts.reading.labels import ENGLISH
from handouts.reading.library import Library
from handouts.reading.programme import read_programme, reading_ctx
from handouts.reading.workspace import Workspace
from handouts.reading.yamlload import load


def read_programme_file(
    workspace: Workspace, path: Path, problems: Collector, library: Library | None = None, language: str = "en"
) -> Programme | None:
    """The programme in `path`, or None after its problems went to `problems` (the poses its changes add are
    checked against `library` when one is given). Each text carries its language (`language:`, else `language`)."""
    shown = workspace.shown(path)
    try:
        root = load(path, shown)
    except HandoutError as exc:
        problems.extend(exc.problems)
        return None
    ctx = reading_ctx(shown, problems, path, library, workspace.images_dir)
    programme = read_programme(root, ctx)
    code = str(getattr(programme, "language", None) or language).strip().lower()
    for text in ctx.texts:
        text.language = code
    problems.extend(fonts.check_texts(ctx.texts))
    return None if programme is INVALID else programme


def load_programme(
    workspace: Workspace, path: Path, loaded: Loaded, language: str | None = None
) -> tuple[PlannedProgramme | None, list[Problem]]:
    """The programme in `path` read and planned against `loaded` (a workspace read without errors), with every
    problem found (errors and warnings); None when it has errors. `language` (`build --language`): planned in
    that language instead of its own (its own texts stay as written; the sequences' translations and the labels
    follow it)."""
    problems = Collector()
    studio_code = str(loaded.studio.language).strip().lower()
    programme = read_programme_file(workspace, path, problems, loaded.library, studio_code)
    if programme is None or problems.errors:
        return None, problems.problems
    if language:
        code = language.strip().lower()
        if code not in loaded.languages:
            problems.error(
                Location("--language"),
                f"no labels in '{code}'",
                f"use one of: {', '.join(sorted(loaded.languages))} (or add labels/{code}.yaml for a new language)",
            )
            return None, problems.problems
        programme = dataclasses.replace(programme, language=Text(code, programme.location))
    code = str(programme.language or studio_code).strip().lower()
    words = loaded.languages.get(code)
    if words is None:
        assert programme.language is not None  # studio.yaml's language has labels (load_workspace checked it)
        problems.error(
            programme.language.location,
            f"language: no labels in '{code}'",
            f"use one of: {', '.join(sorted(loaded.languages))} (or add labels/{code}.yaml for a new language)",
        )
        return None, problems.problems
    library, found = loaded.library.translated(code)
    problems.extend(found)
    sequences = {}
    for plan in loaded.plans:
        sequence = plan.sequence
        if own_language(sequence, loaded.studio) != code:
            sequence = loaded.translations.get((sequence.slug, code), sequence)
        sequences[sequence.slug] = sequence
    try:
        planned = plan_programme(programme, sequences, library, words or ENGLISH)
    except HandoutError as exc:
        problems.extend(exc.problems)
        return None, problems.problems
    shown = workspace.shown(path)
    for segment in planned.segments:  # a step the programme adds without a hold, say
        problems.extend(w for w in segment.plan.warnings if w.location.file == shown)
    return planned, problems.problems


def programme_problems(workspace: Workspace, loaded: Loaded | None) -> tuple[list[PlannedProgramme], list[Problem]]:
    """Every programme of programmes/ read and planned, and all their problems. With `loaded` None (the
    workspace's sequences have errors of their own) each file is only read: its own keys and weeks checked."""
    planned: list[PlannedProgramme] = []
    problems: list[Problem] = []
    for path in workspace.all_programmes():
        if loaded is None:
            found = Collector()
            read_programme_file(workspace, path, found)
            problems.extend(found.problems)
            continue
        programme, found_problems = load_programme(workspace, path, loaded)
        problems.extend(found_problems)
        if programme is not None:
            planned.append(programme)
    return planned, problems


__all__ = ["load_programme", "programme_problems", "read_programme_file"]
