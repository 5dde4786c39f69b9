"""Reading a workspace for a run: the library, studio.yaml, the sequences and their translations, each checked
and planned, every problem gathered (`load_workspace`), and a sequence made ready in a language (`Loaded.in_language`).

A sequence builds in its own language (its `language:`, else studio.yaml's) and in any other language asked for,
with its translations (reading/translate.py) and that language's labels.
"""

from __future__ import annotations

import dataclasses
import datetime
import os
from dataclasses import dataclass
from pathlib import Path

from handouts.core.errors import Collector, HandoutError, Location, Problem
from handouts.core.model import Sequence, Studio, texts_of
from handouts.layouts import fonts
from handouts.pipeline.products import filled
from handouts.plan.languages import mixed_language
from handouts.plan.planner import Plan, make_plan
from handouts.reading.fields import INVALID, Ctx, did_you_mean
from handouts.reading.labels import (
    BUILT_IN,
    ENGLISH,
    Labels,
    built_in_table,
    read_table,
)
from handouts.reading.library import PACKAGE_DIR, Library, load_library
from handouts.reading.schema import read_sequence, read_studio
from handouts.reading.workspace import Workspace
from handouts.reading.yamlload import load
from handouts.templates import text
from handouts.templates.text import is_template

PAPERS = ("a4", "letter")  # what `check` proves a build on


PAPERS = ("a4", "letter")  # what `check` proves a build on


@dataclass(frozen=True)
class InLanguage:
    """A sequence ready to print in one language: its plan, the studio's words, the labels, and the warnings
    (words still in another language)."""

    plan: Plan
    studio: Studio
    words: Labels
    warnings: tuple[Problem, ...] = ()
    library: Library | None = None  # the library in that language (a client's steps left out are planned with it)


def own_language(sequence: Sequence, studio: Studio) -> str:
    """The language a sequence is written in (and builds in by default): its `language:`, else studio.yaml's."""
    return str(sequence.language or studio.language).strip().lower()


@dataclass(frozen=True)
class Loaded:
    library: Library
    plans: tuple[Plan, ...]
    studio: Studio = Studio()
    more_warnings: tuple[Problem, ...] = ()  # found while building (a photo printed too small)
    languages: dict = dataclasses.field(default_factory=dict)  # code -> labels.Labels, built in and labels/
    translations: dict = dataclasses.field(default_factory=dict)  # (sequence slug, code) -> the translated Sequence
    studios: dict = dataclasses.field(default_factory=dict)  # code -> the Studio with studio.<code>.yaml's words
    lacking: dict = dataclasses.field(default_factory=dict)  # (slug or "studio.yaml", code) -> warnings: words missing
    made: dict = dataclasses.field(default_factory=dict, compare=False, repr=False)  # in_language's, once each

    def in_language(self, plan: Plan, code: str) -> InLanguage:
        """`plan`'s sequence in `code`: its translation for that language (none in its own), the library's words
        in it, studio.<code>.yaml's, the labels; with the warnings for every text that still prints in another
        language. Raises HandoutError when a translation of the library has errors."""
        key = (plan.sequence.slug, code)
        if key not in self.made:
            sequence = (
                plan.sequence
                if code == own_language(plan.sequence, self.studio)
                else self.translations.get(key, plan.sequence)
            )
            library, found = self.library.translated(code)
            if any(not p.warning for p in found):
                raise HandoutError(found)
            here = plan if sequence is plan.sequence and library is self.library else make_plan(sequence, library)
            studio = (
                self.studio
                if code == str(self.studio.language).strip().lower()
                else self.studios.get(code, self.studio)
            )
            used = {s.pose_id for s in here.steps if s.pose_id}
            warnings = [library.missing[pid] for pid in sorted(used) if pid in library.missing]
            warnings += self.lacking.get(key, []) + self.lacking.get(("studio.yaml", code), [])
            translated = {plan.sequence.location.file} if key in self.translations else set()
            if code in self.studios:
                translated.add(self.studio.location.file if self.studio.location else "studio.yaml")
            warnings += mixed_language(
                here,
                studio,
                code,
                frozenset(used & set(library.missing)),
                frozenset(f.shown for f in library.files),
                frozenset(translated),
            )
            self.made[key] = InLanguage(
                here, studio, self.languages.get(code) or ENGLISH, tuple(sorted(set(warnings) | set(found))), library
            )
        return self.made[key]

    def codes(self, plan: Plan) -> list[str]:
        """The languages `check` proves a sequence in: its own and every one it has a translation for."""
        own = own_language(plan.sequence, self.studio)
        return [own] + sorted(code for slug, code in self.translations if slug == plan.sequence.slug and code != own)

    @property
    def words(self) -> Labels:
        """The labels in studio.yaml's language."""
        return self.languages.get(str(self.studio.language).strip().lower()) or ENGLISH

    @property
    def warnings(self) -> list[Problem]:
        return sorted({w for plan in self.plans for w in plan.warnings} | set(self.more_warnings))


_POSE_TEXTS: dict = {}  # (id of a library, language) -> (the library, its poses' texts, the font's problems)


def pose_texts(library: Library, language: str = "") -> tuple[list, list[Problem]]:
    """The texts of a library's poses (only those in `language` when given), and the problems of those the font
    cannot print: worked out once per library (a build session reads its library once, and rebuilds often)."""
    key = (id(library), language)
    done = _POSE_TEXTS.get(key)
    if done is None or done[0] is not library:
        texts = texts_of(list(library.poses.values()))
        if language:
            texts = [t for t in texts if t.language == language]
        done = (library, texts, fonts.check_texts(texts))
        if len(_POSE_TEXTS) >= 16:
            _POSE_TEXTS.clear()
        _POSE_TEXTS[key] = done
    return list(done[1]), list(done[2])


def read_sequences(
    workspace: Workspace,
    library: Library,
    paths: list[Path],
    problems: Collector,
    orphans: list | None = None,
    language: str = "en",
) -> list[Sequence]:
    """The sequences read without errors; every problem goes to `problems`, and the texts of a sequence that had
    errors to `orphans` (so that its templates' names and glyphs are checked in the same run). Each text carries
    the sequence's language (its `language:`, else `language`, studio.yaml's)."""
    sequences = []
    for path in paths:
        shown = workspace.shown(path)
        try:
            root = load(path, shown)
        except HandoutError as exc:
            problems.extend(exc.problems)
            continue
        ctx = Ctx(shown, problems, source=path, images_dir=workspace.images_dir, library=library)
        sequence = read_sequence(root, ctx)
        code = str(getattr(sequence, "language", None) or language).strip().lower()
        for read in ctx.texts:
            read.language = code
        if sequence is not INVALID:
            sequences.append(sequence)
        elif orphans is not None:
            orphans.extend(ctx.texts)
    return sequences


def read_studio_file(workspace: Workspace, problems: Collector, orphans: list | None = None) -> Studio:
    """studio.yaml, or the defaults when there is none (its problems go to `problems`; when it has some, its texts
    to `orphans`)."""
    path = workspace.studio_file
    if not path.is_file():
        return Studio()
    shown = workspace.shown(path)
    try:
        root = load(path, shown)
    except HandoutError as exc:
        problems.extend(exc.problems)
        return Studio()
    ctx = Ctx(shown, problems, source=path, images_dir=workspace.images_dir)
    studio = read_studio(root, ctx)
    code = str(studio.language if studio is not INVALID else "en").strip().lower()
    for read in ctx.texts:
        read.language = code
    if studio is INVALID and orphans is not None:
        orphans.extend(ctx.texts)
    return Studio() if studio is INVALID else studio


def load_workspace(workspace: Workspace, names: list[str], sample: bool = False, feasibility: bool = True) -> Loaded:
    """Read, check and plan the named sequences (all of sequences/ when none is named); with `feasibility`,
    also prove that every product can be laid out on either paper (`feasible`).

    Every template text is filled in as the class handouts fill it (and, with `sample`, for a sample client, and
    the mail's templates too: what `handouts check` does). Raises HandoutError holding every problem found.
    """
    problems = Collector()
    orphans: list = []  # the texts of files with errors: checked for names and glyphs all the same
    studio = read_studio_file(workspace, problems, orphans)
    code = str(studio.language).strip().lower()
    library = load_library(workspace, problems, code)
    orphans.extend(library.orphans)
    translated_texts = []  # the library's words in other languages: their glyphs and template names checked too
    library_texts, font_problems = pose_texts(library)
    for (
        other_code,
        paths,
    ) in library.translation_files().items():  # the workspace's always, the built-in ones on `check`
        if sample or any(not p.is_relative_to(PACKAGE_DIR) for p in paths):
            other, found_problems = library.translated(other_code, builtin=sample)
            problems.extend(found_problems)
            texts, unprintable = pose_texts(other, other_code)
            translated_texts += texts
            font_problems += unprintable
    paths = workspace.sequences(names)
    sequences = read_sequences(workspace, library, paths, problems, orphans, code)
    languages = read_languages(workspace, problems)
    translations, studios, lacking = read_translations(
        workspace, sequences, studio, languages, problems, whole=not names
    )
    subjects = tuple(
        sorted(
            (c, s.mail.subject)
            for c, s in studios.items()
            if s.mail and s.mail.subject and getattr(s.mail.subject, "language", "") == c
        )
    )
    if subjects:  # the mail subject in each language studio.<code>.yaml gives it in
        studio = dataclasses.replace(studio, subjects=subjects)
    written = texts_of(sequences)
    settings = texts_of(studio) + texts_of(list(translations.values())) + texts_of(list(studios.values()))
    everything = written + library_texts + settings + translated_texts
    problems.extend(fonts.check_texts(written + settings + orphans) + font_problems)  # the library's: checked once
    if code not in languages:
        problems.error(
            getattr(studio.language, "location", None) or Location(workspace.shown(workspace.studio_file)),
            f"language: no labels in '{code}'",
            did_you_mean(code, languages, "languages (" + ", ".join(sorted(languages)) + ")")
            + f" (or add labels/{code}.yaml for a new language)",
        )
    elif code != "en" and languages[code].missing:
        fallback = languages[code].fallback_warning(Location(f"labels/{code}.yaml"))
        assert fallback is not None  # there is one whenever a label is missing
        problems.extend([fallback])
    found: list[Problem] = []
    if any(is_template(t) for t in orphans):
        problems.extend(text.check_texts(orphans))
    if any(is_template(t) for t in everything):
        found = text.check_texts(everything) + text.side_outside_steps([c for s in sequences for c in s.cautions])
        problems.extend(found)
        words = languages.get(code) or ENGLISH
        problems.extend(
            text.workspace_trial(
                sequences + list(translations.values()),
                [t for t in everything if is_template(t)],
                studio,
                words.date(default_date()) if sample else None,
                {p.location for p in found},
            )
        )
    if sample:
        from handouts.templates import mailtext

        if mailtext.has_mail_templates(workspace.root, studio):
            problems.extend(
                mailtext.sample_problems(
                    workspace.root,
                    studio,
                    sequences,
                    code,
                    (languages.get(code) or ENGLISH).date(default_date()),
                    {p.location for p in found},
                )
            )
    problems.raise_if_errors()
    plans = tuple(make_plan(s, library) for s in sequences)
    loaded = Loaded(
        library,
        plans,
        studio,
        more_warnings=tuple(problems.warnings),
        languages=languages,
        translations=translations,
        studios=studios,
        lacking=lacking,
    )
    if sample:  # `check`: each sequence in each of its languages
        for plan in plans:
            for language in loaded.codes(plan):
                try:
                    problems.extend(loaded.in_language(plan, language).warnings)
                except HandoutError as exc:
                    problems.extend(exc.problems)
        problems.raise_if_errors()
        loaded = dataclasses.replace(loaded, more_warnings=tuple(problems.warnings))
    if feasibility:
        layout_problems(loaded, studio, PAPERS).raise_if_errors()
    return loaded


def layout_problems(
    loaded: Loaded, studio: Studio, papers: tuple[str, ...], languages: dict | None = None
) -> Collector:
    """Every plan's products that cannot be laid out on one of `papers` (see `feasible`), before any layout: in
    each language `languages` names for its sequence (by slug), else in each of `Loaded.codes`."""
    from handouts.pipeline.feasible import cheatsheet_problems

    problems = Collector()
    for plan in loaded.plans:
        for code in (languages or {}).get(plan.sequence.slug) or loaded.codes(plan):
            try:
                made = loaded.in_language(plan, code)
            except HandoutError as exc:
                problems.extend(exc.problems)
                continue
            plan_here, studio_here = filled(made.plan, studio if made.studio is loaded.studio else made.studio)
            problems.extend(cheatsheet_problems(plan_here, studio_here, made.words, papers))
    return problems


def read_translations(
    workspace: Workspace,
    sequences: list[Sequence],
    studio: Studio,
    languages: dict,
    problems: Collector,
    whole: bool = True,
) -> tuple[dict, dict, dict]:
    """Every translation of the sequences (`sequences/<name>.<code>.yaml`) and of studio.yaml, read, checked
    against its original and applied: {(slug, code): Sequence}, {code: Studio}, and the warnings for the words
    each lacks, {(slug or "studio.yaml", code): [Problem]}, said when a handout is made in that language. Errors go
    to `problems`. With `whole` (all of sequences/ is read), a translation whose original does not exist is an
    error too."""
    lacking: dict = {}
    from handouts.reading.schema import SEQUENCE_TRANSLATION, STUDIO_TRANSLATION
    from handouts.reading.translate import (
        apply_sequence,
        apply_studio,
        language_name,
        read_file,
    )

    translations: dict = {}
    for sequence in sequences:
        for code, path in workspace.translations(sequence.path).items():
            shown = workspace.shown(path)
            entry, found = read_file(path, shown, code, SEQUENCE_TRANSLATION)
            problems.extend(found)
            if entry is INVALID:
                continue
            collected = Collector()
            translations[(sequence.slug, code)] = apply_sequence(sequence, entry, code, shown, collected)
            problems.extend(collected.errors)
            lacking[(sequence.slug, code)] = collected.warnings
    if whole:
        known = [p.stem for p in workspace.all_sequences()]
        for path, stem, code in workspace.orphan_translations(workspace.sequences_dir):
            problems.error(
                Location(workspace.shown(path), 1, 1),
                f"this {language_name(code)} translation has no "
                f"sequence to translate: there is no sequences/{stem}.yaml",
                did_you_mean(stem, known, "sequences") + f" (name it <sequence>.{code}.yaml)"
                if known
                else f"add sequences/{stem}.yaml, or delete this file",
            )
    for path, stem, code in workspace.orphan_translations(workspace.poses_dir):
        problems.error(
            Location(workspace.shown(path), 1, 1),
            f"this {language_name(code)} translation has no pose file to translate: there is no poses/{stem}.yaml",
            did_you_mean(stem, [p.stem for p in workspace.pose_files()], "pose files")
            + f" (name it <pose file>.{code}.yaml)"
            if workspace.pose_files()
            else f"add poses/{stem}.yaml, or delete this file",
        )
    studios: dict = {}
    if not workspace.studio_file.is_file():
        for code, path in workspace.translations(workspace.studio_file).items():
            problems.error(
                Location(workspace.shown(path), 1, 1),
                f"this {language_name(code)} translation has no studio.yaml to translate",
                "add studio.yaml beside it (its settings and its words in "
                "the studio's own language), or delete this file",
            )
    else:
        for code, path in workspace.translations(workspace.studio_file).items():
            shown = workspace.shown(path)
            entry, found = read_file(path, shown, code, STUDIO_TRANSLATION)
            problems.extend(found)
            if entry is not INVALID:
                collected = Collector()
                studios[code] = apply_studio(studio, entry, code, shown, collected)
                problems.extend(collected.errors)
                lacking[("studio.yaml", code)] = collected.warnings
    for sequence in sequences:
        code = own_language(sequence, studio)
        if sequence.language is not None and code not in languages:
            problems.error(
                sequence.language.location,
                f"language: no labels in '{code}'",
                did_you_mean(code, languages, "languages (" + ", ".join(sorted(languages)) + ")")
                + f" (or add labels/{code}.yaml for a new language)",
            )
    return translations, studios, lacking


def read_languages(workspace: Workspace, problems: Collector) -> dict[str, Labels]:
    """Every language a handout may be printed in: the built-in tables, changed or added to by labels/ (read and
    checked now; a built-in table is read when its language is first asked for)."""
    own: dict[str, dict] = {}
    for path in workspace.label_files():
        table, found = read_table(path, workspace.shown(path))
        problems.extend(found)
        code = path.stem.lower()
        own[code] = {**own.get(code, {}), **table}
    return Languages(own)


class Languages(dict):
    """The languages by code (built in first, then labels/'s own in their order), each one's Labels made when it
    is first asked for: a build in one language does not read the other built-in tables. Reads as the dict of
    every language's Labels (`get`, `items`, `values`, copies, equality and pickling included)."""

    def __init__(self, own: dict[str, dict]):
        super().__init__(dict.fromkeys([*BUILT_IN, *own]))
        self._own = own

    def __getitem__(self, code: str) -> Labels:
        made = dict.__getitem__(self, code)  # KeyError for a language there is no table for
        if made is None:
            made = Labels(code, {**built_in_table(code), **self._own.get(code, {})})
            dict.__setitem__(self, code, made)
        return made

    def __iter__(self):  # not dict's own: a copy ({**it}, dict(it)) then asks for each value, as it should
        return iter(list(dict.keys(self)))

    def get(self, code, default=None):
        return self[code] if code in self else default  # noqa: SIM401 - dict.get would skip making it

    def values(self):
        return [self[code] for code in self]

    def items(self):
        return [(code, self[code]) for code in self]

    def __eq__(self, other) -> bool:
        return isinstance(other, dict) and dict(self.items()) == dict(other.items())

    __hash__ = None

    def __reduce__(self):
        return dict, (dict(self.items()),)


def default_date() -> datetime.date:
    """The date printed on clients' handouts: SOURCE_DATE_EPOCH's when set (reproducible builds), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date()
    return datetime.date.today()
