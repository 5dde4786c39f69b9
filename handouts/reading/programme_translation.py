"""A programme's words in another language: `programmes/<name>.<code>.yaml` beside the programme, its keys, its
check against the programme and its use.

Owns the translation file's format (title, subtitle, welcome, contacts, home_practice, practice_log, and per
segment its title, focus and the words of its changes, each change named by its number in the segment's list),
the check against the programme as written (every key one the programme has, every list as long as the
programme's, one entry per segment: located errors at the translation) and the warnings for words still missing
(at the original text). Reading the file and checking a step's words are translate.py's; weeks, sequences, steps,
holds' numbers and poses always come from the programme itself.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from handouts.core.errors import Collector, Location
from handouts.core.model import Repeat, Step, Text
from handouts.core.programme import Change, ChangeKind, Programme, Segment
from handouts.reading.fields import Field, ListType, RecordType
from handouts.reading.schema import (
    HOLD_TEXTS,
    LINES,
    NAME,
    STEP_TEXTS,
    TEXT,
    TEXTS,
    TITLE,
    Entry,
    TextMapType,
    _entry,
    _never,
)
from handouts.reading.translate import (
    Place,
    apply_step_words,
    lacking_step_words,
    language_name,
    same_placeholders,
    step_words,
)
from handouts.reading.yamlload import loc

_FROM_PROGRAMME = ("weeks", "sequence", "language", "step", "to", "after", "before")


def _only_words(what: str):
    never = _never(what)

    def unknown(key: str) -> str | None:
        if key in _FROM_PROGRAMME:
            return f"a translation holds only words: delete this line (the {what}'s '{key}' comes from the programme)"
        return never(key)

    return unknown


CHANGE_TEXTS = RecordType(
    "change translation",
    {
        "text": Field(TEXT, "a caution change's words"),
        **{k: v for k, v in STEP_TEXTS.fields.items() if k != "title"},
        "hold": Field(HOLD_TEXTS, "the texts of the hold (a hold change's, or an added step's): then, breath"),
    },
    _entry,
    "the words of one change: a caution's text, or an added or replacing step's words",
    unknown=_only_words("change"),
)

SEGMENT_TEXTS = RecordType(
    "segment translation",
    {
        "title": Field(NAME, "the segment's heading"),
        "focus": Field(TEXT, "what these weeks are for"),
        "changes": Field(
            TextMapType(
                CHANGE_TEXTS,
                "a mapping of changes (by their number in the segment's list: 1 = the first) to their words",
                "'4:' with 'text:' below it",
            ),
            "a change by its number in the segment's list (1 = the first) -> its words",
        ),
    },
    _entry,
    "a segment's words (its weeks, sequence and what its changes do come from the programme)",
    unknown=_only_words("segment"),
)

PROGRAMME_TRANSLATION = RecordType(
    "programme translation",
    {
        "title": Field(TITLE, "the title"),
        "subtitle": Field(TITLE, "the subtitle"),
        "welcome": Field(TEXT, "the welcome"),
        "contacts": Field(LINES, "the contact lines, same count and order"),
        "home_practice": Field(TEXTS, "the home practice paragraphs, same count and order"),
        "practice_log": Field(TEXT, "how to keep the practice log"),
        "segments": Field(
            ListType(SEGMENT_TEXTS, single_ok=False, what="list of segments"),
            "one entry per segment of the programme, in the same order",
        ),
    },
    _entry,
    "the words of a programme in another language (weeks, sequences and changes come from the programme)",
    unknown=_only_words("programme"),
)


def json_schema(url: str) -> dict:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": url + "programme-translation.schema.json",
        "title": "handouts programme translation",
        **PROGRAMME_TRANSLATION.schema(),
    }


def _loc(entry: Entry, key: str) -> Location:
    node = entry.keys.get(key)
    return loc(node, entry.location.file) if node is not None else entry.location


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def apply_programme(programme: Programme, entry: Entry, code: str, shown: str, problems: Collector) -> Programme:
    """The programme in `code`: its words from the translation `entry` (read from `shown`), everything else from
    the programme. Errors (a key the programme has no words for, a list of another length, a segment or change
    that does not exist) and warnings (each text the programme has and the translation lacks, at the programme's
    text) go to `problems`; with errors the programme comes back as it is."""
    name = language_name(code)
    original = programme.location.file
    errors_before = len(problems.errors)
    changes: dict[str, Any] = {"language": Text(code, entry.location, "language", code)}
    for key in ("title", "subtitle", "welcome", "practice_log"):
        have = getattr(programme, key)
        if key in entry.values:
            if have is None:
                problems.error(
                    _loc(entry, key),
                    f"{key}: the programme has no {key} to translate",
                    f"delete this line, or add '{key}:' to {original} first",
                )
            elif same_placeholders(have, entry.values[key], key, code, problems):
                changes[key] = entry.values[key]
        elif have is not None:
            problems.warn(have.location, f"no {name} text for the {key.replace('_', ' ')}", f"add '{key}:' to {shown}")
    for key, what in (("contacts", "contact lines"), ("home_practice", "paragraphs")):
        have = getattr(programme, key)
        if key not in entry.values:
            if have:
                problems.warn(
                    have[0].location,
                    f"no {name} text for the {key.replace('_', ' ')}",
                    f"add '{key}:' to {shown}, one for each, in the same order",
                )
            continue
        given = entry.values[key]
        if not have:
            problems.error(
                _loc(entry, key),
                f"{key}: the programme has no {key} to translate",
                f"delete this line, or add '{key}:' to {original} first",
            )
        elif len(given) != len(have):
            problems.error(
                _loc(entry, key),
                f"{key}: {len(given)} {name} {'text' if len(given) == 1 else 'texts'}, but the programme has "
                f"{len(have)} {what}",
                "give one for each, in the same order (none left out, none added)",
            )
        elif same_placeholders(have, given, key, code, problems):
            changes[key] = given
    segments = _segments(programme, entry, code, shown, problems)
    if len(problems.errors) > errors_before:
        return programme
    return dataclasses.replace(programme, segments=segments, **changes)


def _segments(programme: Programme, entry: Entry, code: str, shown: str, problems: Collector) -> tuple:
    given: tuple[Entry, ...] = entry.values.get("segments", ())
    have = programme.segments
    if "segments" in entry.values and len(given) < len(have):
        left = have[len(given) :]
        problems.error(
            _loc(entry, "segments"),
            f"segments: {len(given)} here, but the programme has {len(have)}: "
            f"{'the segment' if len(left) == 1 else 'the segments'} for "
            f"{', '.join('weeks ' + s.weeks for s in left)} {'has' if len(left) == 1 else 'have'} no words",
            "give one entry for each segment, in the same order (one with only '- title: ...' is fine)",
        )
    for number, extra in enumerate(given[len(have) :], len(have) + 1):
        problems.error(
            extra.location,
            f"segments: the {_ordinal(number)} entry has no segment to translate: {programme.location.file} "
            f"has {len(have)}",
            "delete it (one entry for each segment, in the same order)",
        )
    out = []
    for index, segment in enumerate(have):
        mine = given[index] if index < len(given) else Entry({}, {}, entry.location)
        out.append(_segment(segment, mine, code, shown, index + 1, problems, "segments" not in entry.values))
    return tuple(out)


def _segment(
    segment: Segment, entry: Entry, code: str, shown: str, number: int, problems: Collector, quiet: bool
) -> Segment:
    """One segment with its words from `entry` (the `number`th of the translation's list). `quiet`: the
    translation has no segments at all (one warning for them, not one per text)."""
    name = language_name(code)
    where = f"segments: weeks {segment.weeks}"
    under = f"{shown} under segments: (the {_ordinal(number)}, weeks {segment.weeks})"
    changes: dict[str, Any] = {}
    for key in ("title", "focus"):
        have = getattr(segment, key)
        if key in entry.values:
            if have is None:
                problems.error(
                    _loc(entry, key),
                    f"{where}: {key}: the segment has no {key} to translate",
                    f"delete this line, or add '{key}:' to the segment in {segment.location.file} first",
                )
            elif same_placeholders(have, entry.values[key], f"{where}: {key}", code, problems):
                changes[key] = entry.values[key]
        elif have is not None:
            problems.warn(have.location, f"no {name} text for the {key} of weeks {segment.weeks}", f"add it to {under}")
    given: dict[str, tuple[Entry, Any]] = entry.values.get("changes", {})
    numbers = {str(n): change for n, change in enumerate(segment.changes, 1)}
    for key, (_, node) in given.items():
        if key not in numbers:
            count = len(segment.changes)
            problems.error(
                loc(node, entry.location.file),
                f"{where}: changes: there is no change {key}: the segment has "
                + (f"{count} change{'' if count == 1 else 's'}" if count else "no changes"),
                f"number the changes as they are listed in {segment.location.file}, 1 for the first"
                if count
                else "delete this line",
            )
    translated = tuple(
        _change(
            change,
            given.get(n, (None, None))[0],
            code,
            shown,
            f"{where}: changes: {n}",
            f"{under}: changes: {n}",
            segment.location.file,
            problems,
        )
        for n, change in numbers.items()
    )
    if translated != segment.changes:
        changes["changes"] = translated
    return dataclasses.replace(segment, **changes) if changes else segment


_WORDLESS = (ChangeKind.REMOVE, ChangeKind.EASIER, ChangeKind.DEEPER)


def _change(
    change: Change, entry: Entry | None, code: str, shown: str, where: str, under: str, original: str, problems
) -> Change:
    """One change with its words from `entry` (None: the translation gives none)."""
    kind = change.kind.value
    what = f"the {kind} change"
    if change.kind in _WORDLESS or (change.kind is ChangeKind.HOLD and not _hold_words(change)):
        if entry is not None:
            problems.error(
                entry.location,
                f"{where}: '{kind}: {change.step}' has no words to translate",
                "delete these lines (only a caution, an added or replacing step, or a hold's 'then:'/'breath:' "
                "has words)",
            )
        return change
    if change.kind is ChangeKind.CAUTION:
        assert change.text is not None  # a caution change always has its text (reading/programme.py)
        entry = entry or Entry({}, {}, change.location)
        for field in entry.values:
            if field != "text":
                problems.error(
                    _loc(entry, field),
                    f"{where}: {field}: a caution change has only its text to translate",
                    "delete this line",
                )
        if "text" not in entry.values:
            problems.warn(
                change.text.location, f"no {language_name(code)} text for this caution", f"add it to {under}: text:"
            )
            return change
        if same_placeholders(change.text, entry.values["text"], f"{where}: text", code, problems):
            return dataclasses.replace(change, text=entry.values["text"])
        return change
    if change.kind is ChangeKind.HOLD:
        assert change.hold is not None  # a hold change always has its hold
        place = Place(kind, Repeat(change.location, 1, hold=change.hold), "repeat")
    else:
        assert isinstance(change.step_entry, Step)  # an add or replace change has its step
        place = Place(kind, change.step_entry, "step")
    entry = entry or Entry({}, {}, change.location)
    mine = step_words(place, entry, where, what, code, original, problems)
    lacking_step_words(place, mine, what, under, code, problems)
    if not mine:
        return change
    if change.kind is ChangeKind.HOLD:
        assert change.hold is not None
        return dataclasses.replace(change, hold=dataclasses.replace(change.hold, **mine.get("hold", {})))
    return dataclasses.replace(change, step_entry=apply_step_words(change.step_entry, mine))


def _hold_words(change: Change) -> bool:
    return change.hold is not None and (change.hold.then is not None or change.hold.breath is not None)


__all__ = ["PROGRAMME_TRANSLATION", "apply_programme", "json_schema"]
