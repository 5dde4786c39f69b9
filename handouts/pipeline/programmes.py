"""Programmes in a run: programmes/*.yaml read (reading/programme.py), checked against the workspace's sequences
and library and planned (plan/programme.py), every problem gathered. `load_programme` is what a guidebook build
plans from; `programme_problems` is what `handouts check` reports for every programme.

A programme is planned in its own language (its `language:`, else studio.yaml's), or in another one asked for:
each sequence with its translation into that language where it has one, the programme's own words from its
translation (`programmes/<name>.<code>.yaml`, reading/programme_translation.py), the library's words and the labels
of that language. A sequence or programme without a translation into it is said once each, naming the file to add.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from handouts.core.errors import Collector, HandoutError, Location, Problem
from handouts.core.model import Text, texts_of
from handouts.core.programme import Programme
from handouts.layouts import fonts
from handouts.pipeline.loading import Loaded, own_language
from handouts.plan.programme import PlannedProgramme, plan_programme
from handouts.reading.fields import INVALID, did_you_mean
from handouts.reading.labels import ENGLISH
from handouts.reading.library import Library
from handouts.reading.programme import read_programme, reading_ctx
from handouts.reading.programme_translation import PROGRAMME_TRANSLATION, apply_programme
from handouts.reading.translate import language_name, read_file, translation_path
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
    own = str(programme.language or studio_code).strip().lower()
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
    if code != own:
        programme = translated_programme(workspace, path, programme, code, problems, own)
        if programme is None:
            return None, problems.problems
    library, found = loaded.library.translated(code)
    problems.extend(found)
    sequences = {}
    for plan in loaded.plans:
        sequence = plan.sequence
        if own_language(sequence, loaded.studio) != code:
            sequence = loaded.translations.get((sequence.slug, code), sequence)
        sequences[sequence.slug] = sequence
    problems.extend(untranslated_sequences(programme, loaded, code))
    try:
        planned = plan_programme(programme, sequences, library, words or ENGLISH)
    except HandoutError as exc:
        problems.extend(exc.problems)
        return None, problems.problems
    shown = workspace.shown(path)
    for segment in planned.segments:  # a step the programme adds without a hold, say
        problems.extend(w for w in segment.plan.warnings if w.location.file == shown)
    return planned, problems.problems


def translated_programme(
    workspace: Workspace, path: Path, programme: Programme, code: str, problems: Collector, own: str = "en"
) -> Programme | None:
    """The programme with its words in `code` from its translation file (as it is, with a warning naming the
    file to add, when it has none); None after errors in the translation, which go to `problems` with the
    warnings for words it lacks.
    `own`: the language the programme is written in."""
    file = workspace.translations(path).get(code)
    if file is None:
        shown = workspace.shown(path)
        problems.warn(
            Location(shown, 1, 1),
            f"{shown} has no {language_name(code)} translation: its title, welcome, segment titles and other "
            f"words of its own print in {language_name(own)} in the "
            f"{language_name(code)} guidebook",
            f"add {translation_path(shown, code)} with their {language_name(code)} words (docs/programmes.md)",
        )
        return programme
    shown = workspace.shown(file)
    entry, found = read_file(file, shown, code, PROGRAMME_TRANSLATION)
    problems.extend(found)
    if entry is INVALID:
        return None
    collected = Collector()
    translated = apply_programme(programme, entry, code, shown, collected)
    problems.extend(collected.problems)
    problems.extend(fonts.check_texts([t for t in texts_of(translated) if t.location.file == shown]))
    return None if collected.errors else translated


def untranslated_sequences(programme: Programme, loaded: Loaded, code: str) -> list[Problem]:
    """For each sequence the programme names that is written in another language than `code`: one warning when
    it has no translation into `code` (naming the file to add), else the warnings for the words its translation
    lacks."""
    found: list[Problem] = []
    by_slug = {plan.sequence.slug: plan.sequence for plan in loaded.plans}
    for slug in dict.fromkeys(str(s.sequence) for s in programme.segments):
        sequence = by_slug.get(slug)
        if sequence is None or own_language(sequence, loaded.studio) == code:
            continue
        if (slug, code) in loaded.translations:
            found.extend(loaded.lacking.get((slug, code), []))
            continue
        shown = sequence.location.file
        found.append(
            Problem(
                Location(shown, 1, 1),
                f"{shown} has no {language_name(code)} translation: its own words (title, notes, cues of its "
                f"own) print in {language_name(own_language(sequence, loaded.studio))} in the "
                f"{language_name(code)} guidebook of {programme.location.file}",
                f"add {translation_path(shown, code)} with their {language_name(code)} words",
                warning=True,
            )
        )
    return found


def programme_problems(workspace: Workspace, loaded: Loaded | None) -> tuple[list[PlannedProgramme], list[Problem]]:
    """Every programme of programmes/ read and planned, and all their problems. With `loaded` None (the
    workspace's sequences have errors of their own) each file is only read: its own keys and weeks checked."""
    planned: list[PlannedProgramme] = []
    problems: list[Problem] = []
    for path in workspace.all_programmes():
        if loaded is None:
            found = Collector()
            written = read_programme_file(workspace, path, found)
            for code in workspace.translations(path):
                if written is not None and not found.errors:
                    own = str(written.language or "en").strip().lower()
                    translated_programme(workspace, path, written, code, found, own)
                else:  # its own words are read all the same
                    file = workspace.translations(path)[code]
                    found.extend(read_file(file, workspace.shown(file), code, PROGRAMME_TRANSLATION)[1])
            problems.extend(found.problems)
            continue
        programme, found_problems = load_programme(workspace, path, loaded)
        problems.extend(found_problems)
        if programme is not None:
            planned.append(programme)
            for code in workspace.translations(path):  # each translation checked by planning in its language
                problems.extend(load_programme(workspace, path, loaded, code)[1])
    for path, stem, code in workspace.orphan_translations(workspace.programmes_dir):
        problems.append(
            Problem(
                Location(workspace.shown(path), 1, 1),
                f"this {language_name(code)} translation has no programme to translate: there is no "
                f"programmes/{stem}.yaml",
                did_you_mean(stem, [p.stem for p in workspace.all_programmes()], "programmes")
                + f" (name it <programme>.{code}.yaml)"
                if workspace.all_programmes()
                else f"add programmes/{stem}.yaml, or delete this file",
            )
        )
    return planned, list(dict.fromkeys(problems))


__all__ = ["load_programme", "programme_problems", "read_programme_file"]
