"""Orchestration: read the library and the sequences, check everything, plan, lay out, render, then write.

Every problem of a run is gathered before anything is written; a run with an error writes nothing. A sequence
builds in its own language (its `language:`, else studio.yaml's) into build/<seq>/, and in any other language
asked for into build/<seq>/<code>/, with its translations (see translate.py) and that language's labels.
"""
from __future__ import annotations

import dataclasses
import datetime
import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import fonts
from .errors import Collector, HandoutError, OutsideError, Problem
from .fields import INVALID, Ctx
from .images import ImageStage
from .layouts.booklet import Booklet
from .layouts.styles import BOOKLET_PAGES, DEFAULT_PALETTE, PRINT_SHEETS, SHEET_PAGES, Palette, palette
from .library import PACKAGE_DIR, Library, load_library
from . import text
from .errors import Location
from .fields import did_you_mean
from .labels import BUILT_IN, ENGLISH, Labels, built_in_table, read_table
from .model import Personal, Sequence, Studio, texts_of
from .text import is_template
from .plan import Plan, make_plan
from .render import DocInfo, Rendered, author_of, render, render_counted
from .schema import read_sequence, read_studio
from .translate import mixed_language
from .workspace import Workspace
from .writer import Output, publish
from .yamlload import load

PAPERS = ("a4", "letter")  # what `check` proves a build on

if TYPE_CHECKING:
    from .personal import ClientJob


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
            sequence = plan.sequence if code == own_language(plan.sequence, self.studio) else \
                self.translations.get(key, plan.sequence)
            library, found = self.library.translated(code)
            if any(not p.warning for p in found):
                raise HandoutError(found)
            here = plan if sequence is plan.sequence and library is self.library else make_plan(sequence, library)
            studio = self.studio if code == str(self.studio.language).strip().lower() else \
                self.studios.get(code, self.studio)
            used = {s.pose_id for s in here.steps if s.pose_id}
            warnings = [library.missing[pid] for pid in sorted(used) if pid in library.missing]
            warnings += self.lacking.get(key, []) + self.lacking.get(("studio.yaml", code), [])
            translated = {plan.sequence.location.file} if key in self.translations else set()
            if code in self.studios:
                translated.add(self.studio.location.file if self.studio.location else "studio.yaml")
            warnings += mixed_language(here, studio, code, frozenset(used & set(library.missing)),
                                       frozenset(f.shown for f in library.files), frozenset(translated))
            self.made[key] = InLanguage(here, studio, self.languages.get(code) or ENGLISH,
                                        tuple(sorted(set(warnings) | set(found))), library)
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


def read_sequences(workspace: Workspace, library: Library, paths: list[Path], problems: Collector,
                   orphans: list | None = None, language: str = "en") -> list[Sequence]:
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
    for found, paths in library.translation_files().items():  # the workspace's always, the built-in ones on `check`
        if sample or any(not p.is_relative_to(PACKAGE_DIR) for p in paths):
            other, found_problems = library.translated(found, builtin=sample)
            problems.extend(found_problems)
            translated_texts += [t for t in texts_of(list(other.poses.values())) if t.language == found]
    paths = workspace.sequences(names)
    sequences = read_sequences(workspace, library, paths, problems, orphans, code)
    languages = read_languages(workspace, problems)
    translations, studios, lacking = read_translations(workspace, sequences, studio, languages, problems,
                                                       whole=not names)
    subjects = tuple(sorted((c, s.mail.subject) for c, s in studios.items()
                            if s.mail and s.mail.subject and getattr(s.mail.subject, "language", "") == c))
    if subjects:  # the mail subject in each language studio.<code>.yaml gives it in
        studio = dataclasses.replace(studio, subjects=subjects)
    everything = texts_of(sequences) + texts_of(list(library.poses.values())) + texts_of(studio) + \
        texts_of(list(translations.values())) + texts_of(list(studios.values())) + translated_texts
    problems.extend(fonts.check_texts(everything + orphans))
    if code not in languages:
        problems.error(getattr(studio.language, "location", None) or Location(workspace.shown(workspace.studio_file)),
                       f"language: no labels in '{code}'", did_you_mean(code, languages, "languages (" +
                       ", ".join(sorted(languages)) + ")") + f" (or add labels/{code}.yaml for a new language)")
    elif code != "en" and languages[code].missing:
        problems.extend([languages[code].fallback_warning(Location(f"labels/{code}.yaml"))])
    found: list[Problem] = []
    if any(is_template(t) for t in orphans):
        problems.extend(text.check_texts(orphans))
    if any(is_template(t) for t in everything):
        found = text.check_texts(everything) + text.side_outside_steps([c for s in sequences for c in s.cautions])
        problems.extend(found)
        words = languages.get(code) or ENGLISH
        problems.extend(text.workspace_trial(sequences + list(translations.values()),
                                             [t for t in everything if is_template(t)], studio,
                                             words.date(default_date()) if sample else None,
                                             {p.location for p in found}))
    if sample:
        from . import mailtext
        if mailtext.has_mail_templates(workspace.root, studio):
            problems.extend(mailtext.sample_problems(workspace.root, studio, sequences, code,
                                                     (languages.get(code) or ENGLISH).date(default_date()),
                                                     {p.location for p in found}))
    problems.raise_if_errors()
    plans = tuple(make_plan(s, library) for s in sequences)
    loaded = Loaded(library, plans, studio, more_warnings=tuple(problems.warnings), languages=languages,
                    translations=translations, studios=studios, lacking=lacking)
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


def layout_problems(loaded: Loaded, studio: Studio, papers: tuple[str, ...], languages: dict | None = None
                    ) -> Collector:
    """Every plan's products that cannot be laid out on one of `papers` (see `feasible`), before any layout: in
    each language `languages` names for its sequence (by slug), else in each of `Loaded.codes`."""
    from .feasible import cheatsheet_problems
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


def read_translations(workspace: Workspace, sequences: list[Sequence], studio: Studio, languages: dict,
                      problems: Collector, whole: bool = True) -> tuple[dict, dict, dict]:
    """Every translation of the sequences (`sequences/<name>.<code>.yaml`) and of studio.yaml, read, checked
    against its original and applied: {(slug, code): Sequence}, {code: Studio}, and the warnings for the words
    each lacks, {(slug or "studio.yaml", code): [Problem]}, said when a handout is made in that language. Errors go
    to `problems`. With `whole` (all of sequences/ is read), a translation whose original does not exist is an
    error too."""
    lacking: dict = {}
    from .schema import SEQUENCE_TRANSLATION, STUDIO_TRANSLATION
    from .translate import apply_sequence, apply_studio, language_name, read_file
    translations: dict = {}
    for sequence in sequences:
        for code, path in workspace.translations(sequence.path).items():
            shown = workspace.shown(path)
            entry, found = read_file(path, shown, code, SEQUENCE_TRANSLATION)
            problems.extend(found)
            if entry is INVALID:
                continue
            found = Collector()
            translations[(sequence.slug, code)] = apply_sequence(sequence, entry, code, shown, found)
            problems.extend(found.errors)
            lacking[(sequence.slug, code)] = found.warnings
    if whole:
        known = [p.stem for p in workspace.all_sequences()]
        for path, stem, code in workspace.orphan_translations(workspace.sequences_dir):
            problems.error(Location(workspace.shown(path), 1, 1), f"this {language_name(code)} translation has no "
                           f"sequence to translate: there is no sequences/{stem}.yaml",
                           did_you_mean(stem, known, "sequences") + f" (name it <sequence>.{code}.yaml)" if known
                           else f"add sequences/{stem}.yaml, or delete this file")
    for path, stem, code in workspace.orphan_translations(workspace.poses_dir):
        problems.error(Location(workspace.shown(path), 1, 1), f"this {language_name(code)} translation has no pose "
                       f"file to translate: there is no poses/{stem}.yaml",
                       did_you_mean(stem, [p.stem for p in workspace.pose_files()], "pose files") +
                       f" (name it <pose file>.{code}.yaml)" if workspace.pose_files() else
                       f"add poses/{stem}.yaml, or delete this file")
    studios: dict = {}
    if not workspace.studio_file.is_file():
        for code, path in workspace.translations(workspace.studio_file).items():
            problems.error(Location(workspace.shown(path), 1, 1), f"this {language_name(code)} translation has no "
                           "studio.yaml to translate", "add studio.yaml beside it (its settings and its words in "
                           "the studio's own language), or delete this file")
    else:
        for code, path in workspace.translations(workspace.studio_file).items():
            shown = workspace.shown(path)
            entry, found = read_file(path, shown, code, STUDIO_TRANSLATION)
            problems.extend(found)
            if entry is not INVALID:
                found = Collector()
                studios[code] = apply_studio(studio, entry, code, shown, found)
                problems.extend(found.errors)
                lacking[("studio.yaml", code)] = found.warnings
    for sequence in sequences:
        code = own_language(sequence, studio)
        if sequence.language is not None and code not in languages:
            problems.error(sequence.language.location, f"language: no labels in '{code}'",
                           did_you_mean(code, languages, "languages (" + ", ".join(sorted(languages)) + ")") +
                           f" (or add labels/{code}.yaml for a new language)")
    return translations, studios, lacking


def read_languages(workspace: Workspace, problems: Collector) -> dict[str, Labels]:
    """Every language a handout may be printed in: the built-in tables, changed or added to by labels/."""
    tables = {code: built_in_table(code) for code in BUILT_IN}
    for path in workspace.label_files():
        table, found = read_table(path, workspace.shown(path))
        problems.extend(found)
        code = path.stem.lower()
        tables[code] = {**tables.get(code, {}), **table}
    return {code: Labels(code, table) for code, table in tables.items()}


def filled(plan: Plan, studio: Studio, personal_names: dict | None = None) -> tuple[Plan, Studio]:
    """The plan and studio with their template texts filled in for nobody in particular (lines to write on)."""
    if not (text.has_templates(plan) or text.has_templates(studio)):
        return plan, studio
    names = text.context(None, "", studio, plan.sequence)
    found: list[Problem] = []
    plan, studio = text.fill(plan, names, found), text.fill(studio, names, found)
    if found:
        raise HandoutError(found)
    return plan, studio


def _scratch_images(studio: Studio) -> ImageStage:
    """An image stage for a product made on its own (not by `build`): its cache in the temporary folder."""
    return ImageStage(Path(tempfile.gettempdir()) / "handouts-images", profile=studio.images, grey=studio.grayscale)


def booklet_pdf(plan: Plan, paper: str, studio: Studio = Studio(), images: ImageStage | None = None,
                words: Labels = ENGLISH, personal: Personal | None = None, on_pages=None) -> Rendered:
    """The booklet as it is read on screen or e-mailed: as many pages as its content needs (the print file,
    `print_file_pdf`, adds the notes pages that make a multiple of four). `on_pages(count)` is told its page
    count before the PDF is written."""
    page = BOOKLET_PAGES[paper]
    seq = plan.sequence
    info = DocInfo(title=str(seq.title), author=author_of(seq.instructor, studio.instructor, studio.studio),
                   subject=str(seq.subtitle or f"{seq.title}: a practice booklet"),
                   keywords="yoga, sequence, handout", lang=words.code)
    colours = palette(studio.accent, studio.grayscale)
    images = images or _scratch_images(studio)
    return render_counted(Booklet(plan, page, studio, images, words, personal).story(), page, info, str(seq.title),
                          colours, on_pages=on_pages)


def cheatsheet_pdf(plan: Plan, paper: str, studio: Studio = Studio(), pages: int = 1,
                   images: ImageStage | None = None, words: Labels = ENGLISH,
                   personal: Personal | None = None) -> tuple[bytes, list[Problem]]:
    """The cheat sheet at the largest type that fits on one page (or `pages` pages), and its warnings: a long
    sheet takes two pages on its own, and says so."""
    from .layouts.cheatsheet import CheatSheet
    sheet = CheatSheet(plan, paper, studio, pages, images or _scratch_images(studio), words, personal)
    layout, story, warnings = sheet.fit()
    seq = plan.sequence
    info = DocInfo(title=f"{seq.title}: cheat sheet", author=author_of(seq.instructor, studio.instructor, studio.studio),
                   subject=f"{seq.title} on one page", keywords="yoga, sequence, cheat sheet", lang=words.code)
    return render(story, layout.page, info, palette=sheet.p, folio_from=len(layout.pages) + 1), warnings


def matcard_pdf(plan: Plan, paper: str, studio: Studio = Studio(), images: ImageStage | None = None,
                words: Labels = ENGLISH, personal: Personal | None = None) -> bytes:
    """The large-print mat card: landscape pages of up to six steps, each page with its title line and folio
    drawn by the card itself (so none from the page template)."""
    from .layouts.matcard import MatCard
    from .layouts.styles import MAT_PAGES
    card = MatCard(plan, MAT_PAGES[paper], studio, images or _scratch_images(studio), words, personal)
    seq = plan.sequence
    info = DocInfo(title=f"{seq.title}: mat card", author=author_of(seq.instructor, studio.instructor, studio.studio),
                   subject=f"{seq.title} in large print", keywords="yoga, sequence, mat card", lang=words.code)
    return render(card.story(), card.page, info, "", card.p, folio_from=10 ** 9)


def how_to_print_pdf(pages: int, paper: str, words: Labels = ENGLISH, colours: Palette = DEFAULT_PALETTE,
                     author: str = "") -> bytes:
    """One page on the print file's paper: a diagram of the booklet's sheets, and how to print, fold and staple
    them. `pages` is the booklet's own page count (the print file pads it to a multiple of 4); `colours` is the
    build's palette (the studio's accent, or greys for an ink-saver build)."""
    from .impose import padded, saddle_order
    from .layouts.printsheet import how_to_print
    page = SHEET_PAGES[paper]
    sides = saddle_order(padded(pages))  # the print file's own order: the diagram shows what comes out
    return render(how_to_print(sides, pages, page, PRINT_SHEETS[paper], words, colours), page,
                  DocInfo(title=words["how_to_print"], author=author, lang=words.code), palette=colours)


FORMATS = ("booklet", "cheatsheet")  # built by default; "matcard" on request


def notes_pdf(count: int, first: int, paper: str, title: str, studio: Studio = Studio(),
              words: Labels = ENGLISH) -> bytes:
    """`count` notes pages as the booklet draws them (heading, ruled lines, running header), numbered from
    `first`: what the print file puts before the back cover."""
    from .layouts.endpages import notes_pages
    from .layouts.styles import booklet_styles, paragraph_styles
    colours = palette(studio.accent, studio.grayscale)
    styles = {**paragraph_styles(colours), **booklet_styles(colours)}
    return render(notes_pages(count, styles, colours, words), BOOKLET_PAGES[paper],
                  DocInfo(title=f"{title}: {words['notes']}", lang=words.code), title, colours, first_page=first)


_BEGUN: dict = {}  # print files begun in this process (the helper), by booklet: see begin_print_file


def begin_print_file(pages: int, paper: str, title: str, studio: Studio = Studio(), words: Labels = ENGLISH) -> None:
    """A job for the helper, sent as soon as a booklet's page count is known and before its PDF is written: its
    notes pages made and put into the print file begun for it, which `print_file_pdf` then finishes."""
    from .impose import begin, padded
    notes = padded(pages) - pages
    extra = notes_pdf(notes, pages, paper, title, studio, words) if notes else None
    _BEGUN[(pages, paper, title, studio.accent, studio.grayscale, words.code)] = begin(extra)


def _begin_print_later(helper, paper: str, title: str, studio: Studio, words: Labels):
    return lambda pages: helper.submit(begin_print_file, pages, paper, title, studio, words)


def print_file_pdf(booklet: bytes, pages: int, paper: str, title: str, studio: Studio = Studio(),
                   words: Labels = ENGLISH) -> bytes:
    """The booklet imposed for saddle stitching: its `pages` pages with notes pages before the back cover, to a
    multiple of four (pypdf is imported here, where the print file is made)."""
    from .impose import impose
    key = (pages, paper, title, studio.accent, studio.grayscale, words.code)
    if key not in _BEGUN:
        begin_print_file(pages, paper, title, studio, words)
    return impose(booklet, PRINT_SHEETS[paper], title, begun=_BEGUN.pop(key))


def build(workspace: Workspace, names: list[str], out_dir: Path, paper: str | None = None,
          print_file: bool | None = None, grayscale: bool | None = None, formats: tuple[str, ...] = FORMATS,
          pages: int = 1, profile: str | None = None, languages: tuple[str, ...] = ()) -> tuple[Loaded, list[Path]]:
    """Build every product of the named sequences into `out_dir`; returns what was written.

    Each sequence is built in each of `languages` (default: its own language): its own into <seq>/, another
    into <seq>/<code>/.

    Each sequence gets booklet.pdf and, with `print_file`, booklet-print.pdf (the same pages imposed 2-up for
    saddle stitching) and how-to-print.pdf, and the cheat sheet and mat card when asked. `paper`, `print_file`
    and `grayscale` default to studio.yaml's settings. The booklets are made here while a helper process makes the
    cheat sheets, mat cards, print files and how-to-print sheets (see `helper`)."""
    from .helper import Helper, warm
    fonts.register()  # needed here first (to check the texts), and the helper inherits it
    helper = Helper()  # started next: it gets ready (pypdf) while the workspace is read here
    if "booklet" in formats and print_file is not False:  # a print file to come (studio.yaml's default)
        helper.submit(warm)
    try:
        loaded = load_workspace(workspace, names, feasibility=False)
        studio = loaded.studio if grayscale is None else dataclasses.replace(loaded.studio, grayscale=grayscale)
        paper = paper or studio.paper
        wanted = _wanted(loaded, languages)
        found = Collector()
        ready = {}  # (slug, code) -> InLanguage
        for plan in loaded.plans:
            for code in wanted[plan.sequence.slug]:
                try:
                    ready[(plan.sequence.slug, code)] = loaded.in_language(plan, code)
                except HandoutError as exc:
                    found.extend(exc.problems)
        found.raise_if_errors()
        if "cheatsheet" in formats:  # fail fast: before the first booklet is laid out
            layout_problems(loaded, studio, (paper,), wanted).raise_if_errors()
    except BaseException:
        helper.finish()
        raise
    print_file = studio.print_file if print_file is None else print_file
    images = ImageStage(out_dir / ".cache" / "images", profile=profile or studio.images, grey=studio.grayscale)
    planned: list[tuple[Path, bytes | int]] = []  # each output's path, and its bytes or its helper job
    warnings = sorted({w for here in ready.values() for w in here.warnings})
    for (slug, code), here in ready.items():
        words = here.words
        studio_in = studio if here.studio is loaded.studio else \
            (here.studio if grayscale is None else dataclasses.replace(here.studio, grayscale=grayscale))
        plan, studio_here = filled(here.plan, studio_in)
        folder = Path(slug) if code == _own(loaded, slug) else Path(slug) / code
        if "cheatsheet" in formats:
            planned.append((folder / "cheatsheet.pdf",
                            helper.submit(cheatsheet_pdf, plan, paper, studio_here, pages, images, words)))
        if "matcard" in formats:
            planned.append((folder / "matcard.pdf", helper.submit(matcard_pdf, plan, paper, studio_here, images, words)))
        if "booklet" not in formats:
            continue
        title = str(plan.sequence.title)
        # the helper makes the print file's notes pages while the booklet's PDF is being written
        begin = _begin_print_later(helper, paper, title, studio_here, words) if print_file else None
        booklet = booklet_pdf(plan, paper, studio_here, images, words, on_pages=begin)
        planned.append((folder / "booklet.pdf", booklet.data))
        if print_file:
            planned.append((folder / "booklet-print.pdf",
                            helper.submit(print_file_pdf, booklet.data, booklet.pages, paper, title, studio_here,
                                          words)))
            # made by the helper after the print file: it has pypdf (impose) loaded, this process never does
            colours = palette(studio_here.accent, studio_here.grayscale)
            planned.append((folder / "how-to-print.pdf",
                            helper.submit(how_to_print_pdf, booklet.pages, paper, words, colours,
                                          author_of(plan.sequence.instructor, studio_here.instructor,
                                                    studio_here.studio))))
    results = helper.finish()
    problems = Collector()
    outputs = []
    for path, made in planned:
        if isinstance(made, bytes):
            outputs.append(Output(path, made))
            continue
        kind, value = results[made]
        if kind == "fault":
            raise RuntimeError(f"making {path} failed in the helper process:\n{value}")
        if kind == "outside":
            raise OutsideError(*value)
        if kind == "problems":
            problems.extend(value)
        elif isinstance(value, tuple):  # a cheat sheet, and its warnings
            outputs.append(Output(path, value[0]))
            problems.extend(value[1])
        else:
            outputs.append(Output(path, value))
    problems.raise_if_errors()
    loaded = dataclasses.replace(loaded, more_warnings=loaded.more_warnings + tuple(images.warnings)
                                 + tuple(problems.warnings) + tuple(warnings))
    return loaded, publish(outputs, out_dir)


def _own(loaded: Loaded, slug: str) -> str:
    plan = next(p for p in loaded.plans if p.sequence.slug == slug)
    return own_language(plan.sequence, loaded.studio)


def _wanted(loaded: Loaded, languages: tuple[str, ...]) -> dict[str, list[str]]:
    """The languages each sequence is built in: those asked for (`--language`, checked), else its own."""
    codes = []
    for code in languages:
        for part in str(code).split(","):
            part = part.strip().lower()
            if part and part not in codes:
                codes.append(part)
    unknown = [c for c in codes if c not in loaded.languages]
    if unknown:
        raise HandoutError([Problem(Location("--language"), f"no labels in the language '{c}'",
                                    did_you_mean(c, loaded.languages, "languages (" + ", ".join(sorted(
                                        loaded.languages)) + ")") + f" (or add labels/{c}.yaml for a new language)")
                            for c in unknown])
    return {plan.sequence.slug: codes or [own_language(plan.sequence, loaded.studio)] for plan in loaded.plans}


def default_date() -> datetime.date:
    """The date printed on clients' handouts: SOURCE_DATE_EPOCH's when set (reproducible builds), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).date()
    return datetime.date.today()


def plan_clients(workspace: Workspace, roster: Path, only: list[str] | None = None,
                 date: datetime.date | None = None, feasibility: bool = True) -> tuple[Loaded, list["ClientJob"]]:
    """Read the workspace and the roster, and plan every client's PDFs (or only those named in `only`); with
    `feasibility`, prove that each client's cheat sheet can be laid out on either paper.

    Raises HandoutError with every problem of the workspace and the roster."""
    from .personal import client_jobs
    from .roster import read_roster
    try:
        loaded = load_workspace(workspace, [], feasibility=feasibility)
    except HandoutError as exc:  # the roster's own problems in the same run
        raise HandoutError(exc.problems + roster_problems(workspace, roster)) from None
    read: list = []
    try:
        clients = read_roster(roster, workspace.shown(roster), read)
    except HandoutError as exc:  # the names in its templates too, in the same run
        raise HandoutError(list(exc.problems) + [p for p in text.check_texts(read) if p not in exc.problems]) from None
    problems = Collector()
    if only:
        by_name = {c.slug: c for c in clients} | {str(c.name).lower(): c for c in clients}
        for name in only:
            if name.lower() not in by_name and name not in by_name:
                problems.error(Location(workspace.shown(roster)), f"--only: no client '{name}' in the roster",
                               did_you_mean(name, [str(c.name) for c in clients], "clients"))
        chosen = {by_name.get(name.lower(), by_name.get(name)) for name in only}
        clients = tuple(c for c in clients if c in chosen)
    plans = {plan.sequence.slug: plan for plan in loaded.plans}
    jobs = client_jobs(clients, plans, loaded.library, loaded.studio, loaded.languages, date or default_date(),
                       problems, loaded.in_language)
    if feasibility and not problems.errors:
        from .feasible import cheatsheet_problems
        for job in jobs:
            if job.format == "cheatsheet":
                problems.extend(cheatsheet_problems(job.plan, job.studio, job.words, PAPERS, 1, job.personal))
    problems.raise_if_errors()
    return dataclasses.replace(loaded, more_warnings=loaded.more_warnings + tuple(problems.warnings)), jobs


def roster_problems(workspace: Workspace, roster: Path) -> list[Problem]:
    """The roster's problems that show without planning (its structure, the sequences it names, the names in its
    templates, its glyphs): reported with the workspace's when the workspace itself has errors."""
    from .roster import read_roster
    read: list = []
    try:
        clients = read_roster(roster, workspace.shown(roster), read)
    except HandoutError as exc:
        return list(exc.problems) + [p for p in text.check_texts(read) if p not in exc.problems]
    found = Collector()
    try:
        known = {path.stem for path in workspace.sequences([])}
    except HandoutError:
        known = set()  # no sequences at all: said already
    for client in clients:
        for handout in client.handouts:
            if known and str(handout.sequence) not in known:
                found.error(handout.sequence.location, f"unknown sequence '{handout.sequence}'",
                            did_you_mean(str(handout.sequence), known, "sequences in sequences/"))
    texts = texts_of(list(clients))
    found.extend(fonts.check_texts(texts))
    if any(is_template(t) for t in texts):
        found.extend(text.check_texts(texts))
    return found.problems


def build_clients(workspace: Workspace, roster: Path, out_dir: Path, only: list[str] | None = None,
                  date: datetime.date | None = None, paper: str | None = None, profile: str | None = None,
                  grayscale: bool | None = None, pages: int = 1, progress=None,
                  workers: int | None = None, planned=None) -> tuple[Loaded, list["ClientJob"], list[Path]]:
    """Every client's PDFs under out_dir/clients/<client>/, made in parallel; written only if all succeed.
    `progress(total)` makes the progress bar (cli.py's, on the terminal); without it the batch is silent.
    `planned` is what `plan_clients` already gave (`mail` checks its letters first)."""
    from .batch import Progress, run
    from .writer import Staging
    # a sheet that cannot be laid out is a located problem from its worker: nothing is written
    loaded, jobs = planned or plan_clients(workspace, roster, only, date, feasibility=False)
    studio = loaded.studio
    if grayscale is not None:
        jobs = [dataclasses.replace(j, studio=dataclasses.replace(j.studio, grayscale=grayscale)) for j in jobs]
    images = ImageStage(out_dir / ".cache" / "images", profile=profile or "email",
                        grey=studio.grayscale if grayscale is None else grayscale)
    progress = progress(len(jobs)) if progress else Progress(len(jobs), stream=io.StringIO())  # silent
    staging = Staging(out_dir)
    problems = Collector()
    try:
        for job, kind, value, warnings in run(jobs, paper or studio.paper, images, pages, workers):
            problems.extend(warnings)
            if kind == "ok":
                staging.add(job.path, value)
            else:
                problems.extend(value)
            progress.step(job.client)
        progress.close()
        problems.raise_if_errors()
        written = staging.commit()
    finally:
        staging.discard()
    return dataclasses.replace(loaded, more_warnings=loaded.more_warnings + tuple(problems.warnings)), jobs, written


def pose_sheet_pdf(library: Library, paper: str = "a4") -> bytes:
    """The contact sheet of every pose in the library (built-in and the workspace's)."""
    from .layouts.sheet import pose_sheet
    page = SHEET_PAGES[paper]
    info = DocInfo(title="Pose library", subject="Every pose of the handouts library with its figure",
                   keywords="yoga, poses, figures")
    poses = [library.poses[pid] for pid in sorted(library.poses)]
    return render(pose_sheet(poses, page), page, info, running_header="Pose library")
