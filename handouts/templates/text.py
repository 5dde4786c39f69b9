"""Text templates: any text an author writes (in a sequence, a pose file or studio.yaml) may say
`{{ client.name }}` or `{{ date }}`, filled in for each client's own handout.

Templates run in the bounded sandbox (sandbox.py: Jinja2's, with StrictUndefined and limits on loops, ranges,
sizes and time): a name that is not there is a located error, found when the workspace is checked (before
anything is built), not a blank in a printed handout. Every template text is also filled in when the workspace is
read, as the build will fill it (`workspace_trial`; for `handouts check` a sample client too), so that a failure
(a division by zero, a loop over the limit) is a located error with all the others, never a fault mid-build; a
filled text is held to its field's limit. Output is plain text; the layouts escape it for ReportLab's markup, so
`<`, `&` and `>` print as themselves. Jinja2 is imported only when a template uses more than plain names (those
are filled here, as Jinja2 would), so a class build whose only templates are, say, the mail subject's
`{{ handouts }}` does not pay for it.

A handout made without a client (the class booklet) fills client fields and the date with a line to write on.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import Any

from handouts.core import limits
from handouts.core.errors import Problem
from handouts.core.model import Text
from handouts.reading.fields import did_you_mean

MARKERS = re.compile(r"\{\{|\{%|\{#")
BLANK = "_" * 12  # printed for a client field in a handout made for nobody in particular
CLIENT_FIELDS = ("name", "first_name", "email", "language", "notes")
NAMES = {
    "client": "the client: client.name, client.first_name, client.email, client.notes",
    "date": "the date the handout is made, in its language",
    "studio": "studio.yaml's studio name",
    "instructor": "the instructor's name",
    "sequence": "the sequence's title",
}
SIDE_NAMES = {
    "side": "the working side ('right' on the right side's card, 'left' on the left's)",
    "other_side": "the side that is not working",
}  # filled per card by the layouts (labels.sided)
MAIL_NAMES = {
    **NAMES,
    "handouts": "the titles of the client's handouts",
    "attachments": "the file names attached",
}  # in studio.yaml's mail: texts, filled by `mail`


def _for_mail(text: str) -> bool:
    return str(getattr(text, "field", "")).startswith("mail.")


SIDED_FIELDS = ("cues", "cautions", "easier", "deeper", "note", "transition")  # where a step's side is known


def _about_a_step(text) -> bool:
    """Whether the text belongs to a step (or a pose), where {{ side }} has a meaning."""
    return str(getattr(text, "field", "")).rsplit(".", 1)[-1] in SIDED_FIELDS


def is_template(text: str) -> bool:
    return bool(MARKERS.search(text))


def _environment():
    from handouts.templates.sandbox import environment

    return environment()


def _compiled(source: str):
    from handouts.templates.sandbox import compiled

    return compiled(source)


def _where(text: Text) -> str:
    return f"{text.field}: " if getattr(text, "field", "") else ""


SIMPLE = re.compile(r"\{\{ *([A-Za-z_][A-Za-z0-9_]*)(?:\.([A-Za-z_][A-Za-z0-9_]*))? *\}\}")
NOT_NAMES = {
    "true",
    "false",
    "none",
    "True",
    "False",
    "None",  # Jinja2 reads these as values
    "and",
    "or",
    "not",
    "in",
    "is",
    "if",
    "else",
    "for",
    "recursive",
}  # and these as its grammar


def _simple_names(text: str) -> list[tuple[str, str | None]] | None:
    """The (name, attribute) of each `{{ name }}` or `{{ name.attribute }}` in a text made of nothing else;
    None when the text uses anything more (filters, blocks, comments, literals, keywords), which Jinja2
    itself checks."""
    found = [(m.group(1), m.group(2)) for m in SIMPLE.finditer(text)]
    if MARKERS.search(SIMPLE.sub("", text)) or any(name in NOT_NAMES for name, _ in found):
        return None
    return found


def _name_problems(text: Text, names, client_attributes) -> list[Problem]:
    problems = []
    known = MAIL_NAMES if _for_mail(text) else {**NAMES, **SIDE_NAMES} if _about_a_step(text) else NAMES
    for name in sorted(set(names)):
        if name in SIDE_NAMES and not _for_mail(text) and name not in known:
            problems.append(
                Problem(
                    text.location,
                    f"{_where(text)}'{{{{ {name} }}}}' names the working side of a step",
                    "use it in a step's cues, cautions, easier, deeper, note or transition",
                )
            )
        elif name not in known:
            problems.append(
                Problem(
                    text.location,
                    f"{_where(text)}unknown name '{name}' in the template",
                    did_you_mean(name, known, "names (" + ", ".join(known) + ")"),
                )
            )
    for attr in client_attributes:
        if attr not in CLIENT_FIELDS:
            problems.append(
                Problem(
                    text.location,
                    f"{_where(text)}unknown name 'client.{attr}' in the template",
                    did_you_mean(attr, CLIENT_FIELDS, "client fields (" + ", ".join(CLIENT_FIELDS) + ")"),
                )
            )
    return problems


def check_template(text: Text) -> list[Problem]:
    """The problems of one template text: syntax, and names that no handout provides (with did-you-mean).

    A text whose templates are all plain names (`{{ client.name }}`) is checked here without Jinja2, whose
    import would cost a build more than anything else in reading a workspace; the problems are the same."""
    simple = _simple_names(str(text))
    if simple is not None:
        return _name_problems(
            text, [name for name, _ in simple], [attr for name, attr in simple if name == "client" and attr]
        )
    return jinja_problems(text)


def jinja_problems(text: Text) -> list[Problem]:
    """`check_template` by Jinja2's own parse of the text."""
    from jinja2 import TemplateSyntaxError, meta, nodes

    env = _environment()
    try:
        tree = env.parse(str(text))
        undeclared = meta.find_undeclared_variables(tree)  # compiles it: an unknown filter is found here
    except TemplateSyntaxError as exc:
        line = f" (line {exc.lineno} of the text)" if exc.lineno and "\n" in str(text) else ""
        why = str(exc.message).rstrip(".")
        return [
            Problem(
                text.location,
                f"{_where(text)}the template cannot be read: {why}{line}",
                "write a name in double braces, e.g. {{ client.name }}, and close every {% %} block",
            )
        ]
    from handouts.templates.sandbox import OTHER_FILE, other_files

    taken = [
        Problem(text.location, f"{_where(text)}" + OTHER_FILE[0].replace("{keyword}", keyword), OTHER_FILE[1])
        for _, keyword in other_files(tree)
    ]
    return taken + _name_problems(
        text,
        undeclared,
        [
            node.attr
            for node in tree.find_all(nodes.Getattr)
            if isinstance(node.node, nodes.Name) and node.node.name == "client"
        ],
    )


def check_texts(texts) -> list[Problem]:
    """Template problems of every text that is a template."""
    return [p for text in texts if is_template(text) for p in check_template(text)]


def side_outside_steps(texts) -> list[Problem]:
    """A sequence's own cautions (for the whole practice) that name the working side: no side is working."""
    return [
        Problem(
            text.location,
            f"{_where(text)}'{{{{ side }}}}' has no side here: these cautions are for the whole practice",
            "name the side in words, or move the caution to the step it is about",
        )
        for text in texts
        if is_template(text) and re.search(r"\{\{ *(other_)?side *\}\}", str(text))
    ]


def context(client: dict | None, date: str, studio=None, sequence=None) -> dict[str, Any]:
    """The names a template may use. With no client, its fields (and the date) are lines to write on."""
    if client is None:
        client, date = dict.fromkeys(CLIENT_FIELDS, BLANK) | {"notes": []}, BLANK
    return {
        "client": client,
        "date": date,
        "studio": str(getattr(studio, "studio", None) or ""),
        "instructor": str(getattr(sequence, "instructor", None) or getattr(studio, "instructor", None) or ""),
        "sequence": str(getattr(sequence, "title", None) or ""),
        **{name: "{{ " + name + " }}" for name in SIDE_NAMES},
    }  # left for the layouts to fill per side


def limit_of(text) -> int:
    """The most characters a filled-in text may hold: its field's limit (a name's, a title's, any other text's)."""
    field = str(getattr(text, "field", "")).rsplit(".", 1)[-1]
    if field in ("name", "sanskrit", "aliases", "studio", "instructor"):
        return limits.NAME_CHARS
    if field in ("title", "subtitle"):
        return limits.TITLE_CHARS
    if field == "subject":
        return limits.TEMPLATE_OUTPUT
    return limits.TEXT_CHARS


def _render_simple(source: str, found: list[tuple[str, str | None]], names: dict[str, Any]) -> str | None:
    """A text whose templates are all plain names, filled in without Jinja2 (what Jinja2 would print), or None
    when that is not sure to be the same."""
    if source.endswith("\n") or "\r" in source:
        return None  # Jinja2 drops a last newline and turns \r\n into \n: leave those to it
    values = []
    for name, attr in found:
        value = names.get(name)
        if attr is not None:
            if not isinstance(value, dict) or attr not in value:
                return None
            value = value[attr]
        if value is None or not isinstance(value, (str, list, int, float)):
            return None
        values.append(str(value))
    parts = iter(values)
    return SIMPLE.sub(lambda m: next(parts), source)


class TooLong(Exception):
    """A filled-in text over its limit (raised by `render` for a text filled in without Jinja2)."""


def render(text: str, names: dict[str, Any], limit: int | None = None) -> str:
    """A template filled in (the text itself when it is none), at most `limit` characters long (the text's
    field's limit by default), within the limits on template work. Raises what `sandbox.explain` explains."""
    if not is_template(text):
        return text
    limit = limit_of(text) if limit is None else limit
    simple = _simple_names(str(text))
    if simple is not None:
        value = _render_simple(str(text), simple, names)
        if value is not None:
            if len(value) > limit:
                raise TooLong(limit)
            return value
    from handouts.templates.sandbox import render as bounded

    return bounded(_compiled(str(text)), names, limit)


def failure(text: Text, exc: BaseException, who: str = "") -> Problem:
    """A render's failure as a located problem: at the text, in plain words, naming the client it was for."""
    from_jinja = not isinstance(exc, TooLong)
    if from_jinja:
        from handouts.templates.sandbox import explain

        message, hint, line, _ = explain(exc, str(text))
    else:
        limit = exc.args[0]
        message = f"the filled-in text is longer than {limit:,} characters, the most a text may hold"
        hint, line = "shorten the text", None
    if line and "\n" in str(text):
        message += f" (line {line} of the text)"
    if who:
        message += f" (filled in for {who})"
    return Problem(text.location, f"{_where(text)}{message}", hint)


def _failures():
    """What a render may raise: anything the template does (it is the user's code), and a text too long."""
    return (Exception, RecursionError, MemoryError)


def fill(obj, names: dict[str, Any], problems: list[Problem], who: str = ""):
    """`obj` (a plan, a studio, any model data) with every template text filled in; the same object where
    nothing changed. A failure at render time (a division by zero, a loop over the limit ...) is a located
    problem naming `who` it was filled in for."""

    def one(text: Text) -> Text:
        simple = _simple_names(str(text))
        if simple is not None and all(name in SIDE_NAMES for name, _ in simple):
            return text  # only the working side: the layouts fill it, per card
        try:
            value = render(text, names)
        except _failures() as exc:
            problems.append(failure(text, exc, who))
            return text
        return Text(value, text.location, text.field, getattr(text, "language", ""))

    return _rebuild(obj, lambda t: one(t) if is_template(t) and not _for_mail(t) else t)


def trial(texts, contexts: list[tuple[dict[str, Any], str]]) -> list[Problem]:
    """Every template text filled in with each of `contexts` ((names, who it is for), as the build and the mail
    will fill it): the first failure of each text, as a located problem. Texts that only name the working side
    (filled by the layouts) and the mail texts (see mail.py) are left out."""
    problems: list[Problem] = []
    seen = set()
    for text in texts:
        if not is_template(text) or _for_mail(text) or (str(text), text.location) in seen:
            continue
        seen.add((str(text), text.location))
        simple = _simple_names(str(text))
        if simple is not None and all(name in SIDE_NAMES for name, _ in simple):
            continue
        for names, who in contexts:
            try:
                render(text, names)
            except _failures() as exc:
                problems.append(failure(text, exc, who))
                break
    return problems


def workspace_trial(sequences, templates, studio, sample_date: str | None, skip=frozenset()) -> list[Problem]:
    """Every template text of the workspace (`templates`: those among all its texts) filled in as the class
    handouts of each sequence fill it (a pose's and studio.yaml's texts for each sequence), and with
    `sample_date` for a sample client too: the first failure of each text. `skip`: places already reported (a
    misspelt name), left alone."""
    from handouts.core.model import texts_of

    templates = [t for t in templates if t.location not in skip and not _for_mail(t)]
    if not templates:
        return []
    owned = {id(s): [t for t in texts_of(s) if is_template(t) and t.location not in skip] for s in sequences}
    theirs = {id(t) for own in owned.values() for t in own}
    shared = [t for t in templates if id(t) not in theirs]
    problems: list[Problem] = []
    for sequence in list(sequences) or [None]:
        texts = owned.get(id(sequence), []) + shared
        if not texts:
            continue
        contexts = [(context(None, "", studio, sequence), "")]
        if sample_date is not None:
            contexts.append((context(SAMPLE_CLIENT, sample_date, studio, sequence), "a sample client"))
        problems.extend(p for p in trial(texts, contexts) if p not in problems)
    return problems


SAMPLE_CLIENT = {
    "name": "Alexandra Sample-Example",
    "first_name": "Alexandra",
    "email": "alexandra@example.org",
    "language": "en",
    "notes": ["A note of the kind a client's entry may hold, for this client only."],
}


def _rebuild(value, change: Callable[[Text], Text]):
    if isinstance(value, Text):
        return change(value)
    if isinstance(value, tuple):
        items = tuple(_rebuild(item, change) for item in value)
        return value if all(a is b for a, b in zip(items, value)) else items
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for f in dataclasses.fields(value):
            old = getattr(value, f.name)
            new = _rebuild(old, change)
            if new is not old:
                changes[f.name] = new
        return dataclasses.replace(value, **changes) if changes else value
    return value


def has_templates(obj) -> bool:
    """Whether any user text inside `obj` is a template that `fill` fills in (the mail texts are `mail`'s)."""
    from handouts.core.model import texts_of

    return any(is_template(t) and not _for_mail(t) for t in texts_of(obj))
