"""Translations: a file's words in another language, kept beside it as `<name>.<code>.yaml`, read and applied.

Owns: reading a translation file (parsed once per process and file version), checking it against its original
(every key names a step, pose or prop the original has, every field is one the original gives, every list as long
as the original's: located errors), applying it (a Sequence, Pose or Studio with the translated words, each
`Text` carrying the translation's language), the located warnings for words still missing (at the original
text), and the mixed-language check: one warning per step (or per file for the sequence's own texts) for the
texts a handout would print in another language than its own. Structure (steps, holds' numbers, sides, props'
identity, figures) always comes from the original.
"""

from __future__ import annotations

import dataclasses
import re
import string
from pathlib import Path
from typing import Any

from handouts.core.errors import Collector, HandoutError, Location, Problem
from handouts.core.model import Pose, Repeat, Sequence, Series, Step, Studio, Text
from handouts.reading.fields import INVALID, Ctx, did_you_mean
from handouts.reading.schema import (
    POSE_TRANSLATION_FILE,
    SEQUENCE_TRANSLATION,
    STUDIO_TRANSLATION,
    Entry,
    read_translation,
)
from handouts.reading.yamlload import given_text, load, loc

LANGUAGE_NAMES = {
    "en": "English",
    "de": "German",
    "es": "Spanish",
    "fr": "French",
    "it": "Italian",
    "nl": "Dutch",
    "pt": "Portuguese",
    "sv": "Swedish",
    "da": "Danish",
    "pl": "Polish",
}


def language_name(code: str) -> str:
    """'German' for 'de': the language's name in the messages (which are in English); the code itself else."""
    return LANGUAGE_NAMES.get(code, f"'{code}'")


def translation_path(shown: str, code: str) -> str:
    """'sequences/back.de.yaml' for 'sequences/back.yaml': where the words of `shown` in `code` go."""
    for ext in (".yaml", ".yml"):
        if shown.endswith(ext):
            return shown[: -len(ext)] + f".{code}{ext}"
    return f"{shown}.{code}.yaml"


_PARSED: dict = {}  # (path, size, mtime, shown, kind) -> (what was read, its problems): each file parsed once


def read_file(path: Path, shown: str, code: str, kind) -> tuple[Any, list[Problem]]:
    """A translation file read with `kind` (schema.POSE_TRANSLATION_FILE, SEQUENCE_TRANSLATION or
    STUDIO_TRANSLATION); INVALID when it has errors. Every text read carries `code` as its language."""
    try:
        stat = path.stat()
        key = (str(path), stat.st_size, stat.st_mtime_ns, shown, id(kind))
    except OSError:
        key = None
    if given_text(path) is not None:  # the studio checking a text before it saves it: not the file on disk
        key = None
    if key in _PARSED:
        return _PARSED[key]
    problems = Collector()
    try:
        root = load(path, shown)
    except HandoutError as exc:
        found = (INVALID, list(exc.problems))
    else:
        ctx = Ctx(shown, problems, source=path, language=code)
        found = (read_translation(root, ctx, kind), list(problems.problems))
    if key is not None:
        _PARSED[key] = found
    return found


def _length(problems: Collector, node, where: str, have: int, want: int, what: str, code: str) -> bool:
    if have == want:
        return True
    one = what[:-1] if what.endswith("s") else what
    problems.error(
        node,
        f"{where}: {have} {language_name(code)} {'text' if have == 1 else 'texts'}, but the "
        f"original has {want} {one if want == 1 else what}",
        "give one for each, in the same order (none left out, none added)",
    )
    return False


_PLACEHOLDER = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)


def _placeholders(text: str) -> list[str]:
    return sorted("".join(found.split()) for found in _PLACEHOLDER.findall(str(text)))


def same_placeholders(original, translated, where: str, code: str, problems: Collector) -> bool:
    """Each translated text keeps the `{{ ... }}` of the text it translates (a side, a client's name): an error
    at the translated text that lost or added one."""
    ok = True
    pairs = zip(original, translated) if isinstance(original, tuple) else [(original, translated)]
    for _number, (before, after) in enumerate(pairs, 1):
        if _placeholders(before) != _placeholders(after):
            wanted = ", ".join(_PLACEHOLDER.findall(str(before))) or "none"
            problems.error(
                after.location,
                f"{where}: the {language_name(code)} text does not keep the original's placeholders ({wanted})",
                "keep each {{ ... }} of the original exactly as it is, with your own words around it",
            )
            ok = False
    return ok


def _loc(entry: Entry, key: str) -> Location:
    node = entry.keys.get(key)
    return loc(node, entry.location.file) if node is not None else entry.location


# ---------------------------------------------------------------------------------------------- the library

POSE_FIELDS = ("name", "props", "cues", "cautions", "easier", "deeper")  # what a pose translation gives


def check_pose_entry(pid: str, entry: Entry, pose: Pose, fields: set[str], code: str, problems: Collector) -> bool:
    """A pose translation's fields against the original entry (`fields`: those it gives): errors to `problems`."""
    ok = True
    for name, value in entry.values.items():
        if name == "aliases":
            continue
        where = f"{pid}.{name}"
        if name not in fields or not getattr(pose, name):
            problems.error(
                _loc(entry, name),
                f"{where}: the original pose '{pid}' has no {name} to translate",
                "delete this line (a translation gives only the words its original has)",
            )
            ok = False
        elif name != "name":
            if _length(problems, _loc(entry, name), where, len(value), len(getattr(pose, name)), name, code):
                ok &= same_placeholders(getattr(pose, name), value, where, code, problems)
            else:
                ok = False
        else:
            ok &= same_placeholders(pose.name, value, where, code, problems)
    return ok


def translated_pose(pose: Pose, layers: list[tuple[Entry | None, frozenset[str]]]) -> tuple[Pose, list[str]]:
    """The pose with each field's words from the last layer that gives it (the built-in translation, then the
    workspace's, each for the fields its original gave); the fields still in the original's language."""
    changes: dict = {}
    missing = []
    for name in POSE_FIELDS:
        if not getattr(pose, name):
            continue
        owner = None
        for entry, gave in layers:  # the last file that gave the field decides which translation gives it
            if name in gave:
                owner = entry
        if owner is not None and name in owner.values:
            changes[name] = owner.values[name]
        else:
            missing.append(name)
    aliases = tuple(a for entry, _ in layers if entry for a in entry.values.get("aliases", ()))
    if aliases:
        changes["aliases"] = aliases + tuple(pose.aliases)
    return (dataclasses.replace(pose, **changes) if changes else pose), missing


def pose_missing_warning(pose: Pose, where: Location, missing: list[str], add_to: str, code: str) -> Problem:
    return Problem(
        where,
        f"no {language_name(code)} words for the pose '{pose.id}' ({', '.join(missing)}): "
        "they print in its original language",
        f"add them to {add_to} under poses: {pose.id}:",
        warning=True,
    )


# ---------------------------------------------------------------------------------------- a sequence's words


@dataclasses.dataclass(frozen=True)
class Place:
    """A step, series or repeat of a sequence as a translation names it."""

    label: str  # '3', '5a', '5', '5a again'
    item: Step | Series | Repeat
    kind: str  # 'step', 'series', 'repeat'


def places(sequence: Sequence) -> tuple[dict[str, Place], dict[str, list[str]]]:
    """Every key a translation may use for a step: its printed number ('1', '5a'), a series' number, a repeat's
    '<label> again', and the id of a pose used by exactly one step. Also the pose ids used more than once, with
    their steps' labels (the same numbering as the plan's and the roster's)."""
    found: dict[str, Place] = {}
    by_pose: dict[str, list[str]] = {}
    for number, item in enumerate(sequence.steps, 1):
        if isinstance(item, Series):
            found[str(number)] = Place(str(number), item, "series")
            letters = iter(string.ascii_lowercase)
            labels: list[str] = []
            for inner in item.steps:
                if isinstance(inner, Repeat):
                    label = f"{labels[inner.target - 1]} again" if inner.target <= len(labels) else ""
                    labels.append(labels[inner.target - 1] if inner.target <= len(labels) else "")
                    if label and label not in found:
                        found[label] = Place(label, inner, "repeat")
                    continue
                label = f"{number}{next(letters)}"
                labels.append(label)
                found[label] = Place(label, inner, "step")
                if inner.pose:
                    by_pose.setdefault(str(inner.pose), []).append(label)
        else:
            found[str(number)] = Place(str(number), item, "step")
            if item.pose:
                by_pose.setdefault(str(item.pose), []).append(str(number))
    for pid, labels in by_pose.items():
        if len(labels) == 1 and pid not in found:
            found[pid] = found[labels[0]]
    return found, {pid: labels for pid, labels in by_pose.items() if len(labels) > 1}


_STEP_FIELDS = {
    "step": ("name", "cues", "cautions", "note", "transition", "easier", "deeper", "hold"),
    "series": ("title", "note", "transition"),
    "repeat": ("note", "transition", "hold"),
}


def _original(place: Place, name: str):
    item = place.item
    if name == "title":  # a series' only (_STEP_FIELDS)
        return item.title if isinstance(item, Series) else None
    if name == "hold":
        hold = getattr(item, "hold", None)
        return hold if hold is not None and (hold.then or hold.breath) else None
    value = getattr(item, name, None)
    return value if value else None  # () and None: the step has none of its own


def apply_sequence(sequence: Sequence, entry: Entry, code: str, shown: str, problems: Collector) -> Sequence:
    """The sequence in `code`: its words from the translation `entry` (read from `shown`), its structure from the
    original. Errors (a key naming no step, a field the original lacks, a list of another length) and warnings
    (each text the original has and the translation lacks, at the original text) go to `problems`."""
    name = language_name(code)
    original = sequence.location.file
    errors_before = len(problems.errors)
    changes: dict = {"language": Text(code, entry.location, "language", code)}
    for key in ("title", "subtitle", "level", "position", "intro"):
        have = getattr(sequence, key)
        if key in entry.values:
            if have is None:
                problems.error(
                    _loc(entry, key),
                    f"{key}: the sequence has no {key} to translate",
                    f"delete this line, or add '{key}:' to {original} first",
                )
            else:
                changes[key] = entry.values[key]
        elif have is not None:
            problems.warn(have.location, f"no {name} text for the {key}", f"add '{key}:' to {shown}")
    if "cautions" in entry.values:
        if not sequence.cautions:
            problems.error(
                _loc(entry, "cautions"),
                "cautions: the sequence has no general cautions to translate",
                f"delete this line, or add 'cautions:' to {original} first",
            )
        elif _length(
            problems,
            _loc(entry, "cautions"),
            "cautions",
            len(entry.values["cautions"]),
            len(sequence.cautions),
            "cautions",
            code,
        ):
            changes["cautions"] = entry.values["cautions"]
    elif sequence.cautions:
        problems.warn(
            sequence.cautions[0].location,
            f"no {name} text for the sequence's cautions",
            f"add 'cautions:' to {shown}, one for each, in the same order",
        )
    props = _props(sequence)
    given_props: dict = {}
    for word, (value, node) in entry.values.get("props", {}).items():
        if word not in props:
            problems.error(
                _node_loc(entry, node),
                f"props: the sequence has no prop '{word}'",
                did_you_mean(word, props, "props")
                if props
                else "delete this line: the sequence names no props of its own",
            )
        else:
            given_props[word] = value
    for word, location in props.items():
        if word not in given_props:
            problems.warn(location, f"no {name} word for the prop '{word}'", f"add it to {shown} under props:")
    found, shared = places(sequence)
    given: dict[int, dict] = {}  # id(item) -> its translated fields
    for key, (step_entry, node) in entry.values.get("steps", {}).items():
        place = found.get(key)
        if place is None:
            if key in shared:
                problems.error(
                    _node_loc(entry, node),
                    f"steps: the pose '{key}' is used by steps {' and '.join(shared[key])}",
                    "name the step by its number instead",
                )
            else:
                problems.error(
                    _node_loc(entry, node),
                    f'steps: there is no step "{key}" in {original}',
                    did_you_mean(key, found, "steps") + " (a step as printed: 1, 5a, '5a again', "
                    "or the id of a pose used once)",
                )
            continue
        fields = step_words(place, step_entry, f"steps: {key}", _what_of(place), code, original, problems)
        given.setdefault(id(place.item), {}).update(fields)
    for place in _unique(found):
        lacking_step_words(
            place, given.get(id(place.item), {}), _what(place), f"{shown} under steps: {place.label}", code, problems
        )
    if len(problems.errors) > errors_before:
        return sequence
    changes["props"] = _swap(sequence.props, given_props)
    changes["steps"] = tuple(_apply_item(item, given, given_props) for item in sequence.steps)
    return dataclasses.replace(sequence, **changes)


def _what_of(place: Place) -> str:
    return {
        "step": f"step {place.label}",
        "series": f"the series {place.label}",
        "repeat": f"the repeat {place.label}",
    }[place.kind]


def step_words(place: Place, step_entry: Entry, where: str, what: str, code: str, original: str, problems) -> dict:
    """A step's (series', repeat's) translated fields from `step_entry`, checked against the step the original
    writes (`original`: its file): a field it has no words for, a list of another length or a lost placeholder is
    an error at the translation (`where`: the message's start, `what`: how the step is called)."""
    allowed = _STEP_FIELDS[place.kind]
    fields: dict = {}
    for field, value in step_entry.values.items():
        have = _original(place, field) if field in allowed else None
        here = f"{where}: {field}"
        if have is None:
            hint = (
                "a library pose's name comes from the library's translation: delete this line"
                if field == "name" and place.kind == "step"
                else f"delete this line, or give it in {original} first"
            )
            problems.error(_loc(step_entry, field), f"{here}: {what} has no {field} of its own to translate", hint)
            continue
        if field == "hold":
            hold_fields = {}
            for part, text in value.values.items():
                if getattr(have, part) is None:
                    problems.error(
                        _loc(value, part),
                        f"{here}: {part}: the hold of {what} has no '{part}:' text",
                        f"delete this line, or give it in {original} first",
                    )
                elif same_placeholders(getattr(have, part), text, f"{here}: {part}", code, problems):
                    hold_fields[part] = text
            fields["hold"] = hold_fields
        elif isinstance(have, tuple):
            if _length(problems, _loc(step_entry, field), here, len(value), len(have), field, code) and (
                same_placeholders(have, value, here, code, problems)
            ):
                fields[field] = value
        elif same_placeholders(have, value, here, code, problems):
            fields[field] = value
    return fields


def lacking_step_words(place: Place, mine: dict, what: str, under: str, code: str, problems) -> None:
    """A warning at each text of the step in `place` that its translated fields `mine` lack, naming where its
    words go (`under`: 'sequences/x.de.yaml under steps: 3')."""
    name = language_name(code)
    for field in _STEP_FIELDS[place.kind]:
        have = _original(place, field)
        if have is None:
            continue
        if field == "hold":
            for part in ("then", "breath"):
                text = getattr(have, part)
                if text is not None and part not in mine.get("hold", {}):
                    problems.warn(
                        text.location,
                        f"no {name} text for {what}'s hold {part}",
                        f"add it to {under}: hold: {part}:",
                    )
        elif field not in mine:
            first = have[0] if isinstance(have, tuple) else have
            problems.warn(first.location, f"no {name} text for {what}'s {field}", f"add it to {under}: {field}:")


def apply_step_words(item, fields: dict):
    """The step (series, repeat) with the translated `fields` (from step_words) in place of its own words."""
    return _apply_item(item, {id(item): fields}, {})


def _what(place: Place) -> str:
    return {"step": "step", "series": "series", "repeat": "repeat"}[place.kind] + f" {place.label}"


def _node_loc(entry: Entry, node) -> Location:
    return loc(node, entry.location.file)


def _unique(found: dict[str, Place]) -> list[Place]:
    seen, out = set(), []
    for place in found.values():
        if id(place.item) not in seen:
            seen.add(id(place.item))
            out.append(place)
    return out


def _props(sequence: Sequence) -> dict[str, Location]:
    """Every prop the sequence writes (its own, its series', its steps'), at its first place."""
    found: dict[str, Location] = {}
    items = [sequence, *sequence.steps]
    for item in list(items):
        if isinstance(item, Series):
            items.extend(s for s in item.steps if isinstance(s, Step))
    for item in items:
        for prop in getattr(item, "props", None) or ():
            found.setdefault(str(prop), prop.location)
    return found


def _swap(props, words: dict) -> tuple:
    return tuple(words.get(str(p), p) for p in props) if props else props


def _apply_item(item, given: dict, props: dict):
    mine = given.get(id(item), {})
    changes = {k: v for k, v in mine.items() if k != "hold"}
    if mine.get("hold"):
        changes["hold"] = dataclasses.replace(item.hold, **mine["hold"])
    if isinstance(item, Series):
        changes["steps"] = tuple(_apply_item(s, given, props) for s in item.steps)
    if not isinstance(item, Repeat) and getattr(item, "props", None):
        changes["props"] = _swap(item.props, props)
    return dataclasses.replace(item, **changes) if changes else item


def apply_studio(studio: Studio, entry: Entry, code: str, shown: str, problems: Collector) -> Studio:
    """studio.yaml's printed words in `code` (disclaimer, contact lines, mail subject) from `entry`."""
    changes: dict = {}
    if "disclaimer" in entry.values:
        changes["disclaimer"] = entry.values["disclaimer"]
    elif studio.disclaimer is not None:
        problems.warn(
            studio.disclaimer.location,
            f"no {language_name(code)} text for the disclaimer",
            f"add 'disclaimer:' to {shown}",
        )
    if "contact" not in entry.values and studio.contact:
        problems.warn(
            studio.contact[0].location,
            f"no {language_name(code)} text for the contact lines",
            f"add 'contact:' to {shown}, one for each line, in the same order",
        )
    if "contact" in entry.values and _length(
        problems,
        _loc(entry, "contact"),
        "contact",
        len(entry.values["contact"]),
        len(studio.contact),
        "contact lines",
        code,
    ):
        changes["contact"] = entry.values["contact"]
    mail = entry.values.get("mail")
    if mail is not None and "subject" in mail.values:
        if studio.mail is None:
            problems.error(
                _loc(mail, "subject"),
                "mail: subject: studio.yaml has no mail settings",
                "delete this line, or add 'mail:' to studio.yaml first",
            )
        else:
            changes["mail"] = dataclasses.replace(studio.mail, subject=mail.values["subject"])
    elif studio.mail is not None and studio.mail.subject is not None:
        problems.warn(
            studio.mail.subject.location,
            f"no {language_name(code)} text for the mail subject",
            f"add 'mail: subject:' to {shown}",
        )
    return dataclasses.replace(studio, **changes) if changes else studio


# ------------------------------------------------------------------------------------ the mixed-language check

__all__ = [
    "POSE_TRANSLATION_FILE",
    "SEQUENCE_TRANSLATION",
    "STUDIO_TRANSLATION",
    "apply_sequence",
    "apply_studio",
    "check_pose_entry",
    "language_name",
    "places",
    "read_file",
    "translated_pose",
    "translation_path",
]
