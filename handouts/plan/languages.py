"""Which of a planned sequence's texts would print in another language than the handout's: one located warning
per step (and per file for the sequence's and the studio's own words), saying where their words go."""

from __future__ import annotations

from handouts.core.errors import Problem
from handouts.core.model import Hold, Studio, Text
from handouts.plan.planner import PlannedSeries
from handouts.reading.translate import language_name, translation_path

_STEP_TEXTS = ("name", "cues", "cautions", "easier", "deeper", "props", "note", "transition")


def _texts(obj, names) -> list[tuple[str, Text]]:
    out = []
    for name in names:
        value = getattr(obj, name, None)
        for text in value if isinstance(value, tuple) else (value,):
            if isinstance(text, Text):
                out.append((name, text))
    hold = getattr(obj, "hold", None)
    if isinstance(hold, Hold):
        out += [
            (f"hold {part}", getattr(hold, part))
            for part in ("then", "breath")
            if isinstance(getattr(hold, part), Text)
        ]
    return out


def mixed_language(
    plan,
    studio: Studio,
    code: str,
    said: frozenset[str] = frozenset(),
    pose_files: frozenset[str] = frozenset(),
    translated: frozenset[str] = frozenset(),
) -> list[Problem]:
    """One warning per step (and per file, for the sequence's and studio's own words) that would print text in a
    language other than `code`, at that text's file and line, with how many texts and where their words in
    `code` go. Texts of no known language (a client's notes, a name) are taken to be the handout's. The library's
    texts of a pose in `said` (whose missing words have their own warning) are not said twice: those from
    `pose_files`; nor the texts of a file in `translated` (its translation into `code` warns of each word it
    lacks)."""
    groups: dict[tuple, list[tuple[str, Text]]] = {}
    seen: set = set()

    def add(group: str, found: list[tuple[str, Text]], pose: str | None = None) -> None:
        for field, text in found:
            language = getattr(text, "language", "")
            if not language or language == code or (text.location, str(text)) in seen:
                continue
            if (pose in said and text.location.file in pose_files) or text.location.file in translated:
                continue
            seen.add((text.location, str(text)))
            groups.setdefault((text.location.file, language, group), []).append((field, text))

    seq = plan.sequence
    add("", _texts(seq, ("title", "subtitle", "level", "position", "intro", "cautions", "props")))
    for item in plan.items:
        steps = item.steps if isinstance(item, PlannedSeries) else (item,)
        if isinstance(item, PlannedSeries):
            add(
                f"series {item.number}",
                [
                    (n, t)
                    for n, t in (("title", item.title), ("note", item.note), ("transition", item.transition))
                    if isinstance(t, Text)
                ]
                + [("props", p) for p in item.props if isinstance(p, Text)],
            )
        for step in steps:
            label = f"{step.repeat_of} again" if step.repeat_of else step.label
            add(f"step {label} ({step.name})", _texts(step, _STEP_TEXTS), step.pose_id)
    add("", _texts(studio, ("disclaimer", "contact")))
    if studio.mail is not None and isinstance(studio.mail.subject, Text):
        add("", [("mail subject", studio.mail.subject)])
    warnings = []
    for (file, language, group), found in groups.items():
        first = min(text.location for _, text in found)
        fields: dict[str, int] = {}
        for field, _ in found:
            fields[field] = fields.get(field, 0) + 1
        listed = ", ".join(f"{count} {field}" if count > 1 else field for field, count in fields.items())
        count = f"{len(found)} texts" if len(found) > 1 else "1 text"
        who = f"{group}: " if group else ""
        warnings.append(
            Problem(
                first,
                f"{who}{count} would print in {language_name(language)} in the "
                f"{language_name(code)} handout ({listed})",
                f"add {'their' if len(found) > 1 else 'its'} {language_name(code)} words to "
                f"{translation_path(file, code)}",
                warning=True,
            )
        )
    return sorted(warnings)
