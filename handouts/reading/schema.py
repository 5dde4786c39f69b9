"""The sequence and pose file formats: one definition of every key, used to read files and to export JSON Schema.

`read_sequence` and `read_pose_file` turn YAML node trees into `model` objects, reporting every located problem
(unknown keys with "did you mean", wrong types, bad holds, unknown poses, missing images, misplaced repeats, more
steps than `limits.STEPS`). Each text field says its kind: a name (`limits.NAME_CHARS`), a title or a line
(`limits.TITLE_CHARS`, one line), or a text (`limits.TEXT_CHARS`).
`json_schemas()` exports the same definitions for editors.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from pathlib import Path
from typing import Any

from handouts.core import limits
from handouts.core.errors import Location
from handouts.core.model import (
    ImageRef,
    Mail,
    Pose,
    Repeat,
    Sequence,
    Series,
    Side,
    SideCards,
    SideMode,
    Sides,
    Step,
    Studio,
    Text,
    Timing,
)
from handouts.reading.fields import (
    INVALID,
    BoolType,
    ChoiceType,
    Ctx,
    Field,
    IdType,
    IntType,
    ListType,
    MapType,
    NumberType,
    PatternType,
    RecordType,
    TextType,
    Type,
    did_you_mean,
    line_text,
    name_text,
    slug,
    title_text,
)
from handouts.reading.figure_schema import FIGURE
from handouts.reading.headers import (  # mail.from and mail.subject go into e-mail headers
    HeaderText,
    Sender,
)
from handouts.reading.holds import DurationType, HoldType
from handouts.reading.videos import VIDEO  # a pose's or step's video: a web address for its QR code and link
from handouts.reading.yamlload import MappingNode, Node, ScalarNode, SequenceNode

SCHEMA_URL = "https://handouts.invalid/schema/"

STEP_SIDES = {
    "none": Sides(SideMode.NONE),
    "both": Sides(SideMode.BOTH),
    "right first": Sides(SideMode.BOTH, Side.RIGHT),
    "left first": Sides(SideMode.BOTH, Side.LEFT),
    "right": Sides(SideMode.ONE, Side.RIGHT),
    "left": Sides(SideMode.ONE, Side.LEFT),
    "alternate": Sides(SideMode.ALTERNATE),
}
SIDE_SYNONYMS = {
    "both sides": "both",
    "each side": "both",
    "two sides": "both",
    "right only": "right",
    "right side": "right",
    "right side only": "right",
    "left only": "left",
    "left side": "left",
    "left side only": "left",
    "right side first": "right first",
    "left side first": "left first",
    "alternating": "alternate",
    "alternate sides": "alternate",
    "symmetric": "none",
    "centre": "none",
    "center": "none",
}
SERIES_SIDES = {k: v for k, v in STEP_SIDES.items() if k != "alternate"}
SEQUENCE_SIDES = {"right first": Side.RIGHT, "left first": Side.LEFT}
POSE_SIDES = {"none": SideMode.NONE, "both": SideMode.BOTH, "alternate": SideMode.ALTERNATE}
POSITIONS = ("supine", "prone", "side-lying", "kneeling", "all-fours", "seated", "standing")

TEXT = TextType()  # a cue, caution, note, intro ...: several lines, limits.TEXT_CHARS
TEXTS = ListType(TextType(), what="list")
NAME = name_text()  # a step's, pose's or series' name: one line, limits.NAME_CHARS
NAMES = ListType(name_text(), what="list")
TITLE = title_text()  # the sequence's title and subtitle: one line, limits.TITLE_CHARS
LINE = line_text()  # one line of the cover or the back cover, a prop, a setting: limits.TITLE_CHARS
LINES = ListType(line_text(), what="list")


def is_devanagari(char: str) -> bool:
    """A character a `devanagari:` name may hold: the Devanagari block (its dandas too), a space, a hyphen."""
    return "\u0900" <= char <= "\u097f" or char in " -"


class DevanagariType(TextType):
    """A Sanskrit name in Devanagari script: one line of Devanagari letters (and spaces, hyphens, dandas). The
    font's own glyph check follows in fonts.check_texts, like every text's."""

    def __init__(self):
        super().__init__(
            "a name in Devanagari",
            "बालासन",
            most=limits.NAME_CHARS,
            one_line=True,
            kind="a name",
            shorter="shorten it to the pose's Sanskrit name",
        )

    def read(self, node: Node, ctx: Ctx) -> Any:
        text = super().read(node, ctx)
        if text is INVALID:
            return text
        others = [c for c in dict.fromkeys(text) if not is_devanagari(c)]
        if others:
            shown = ", ".join(f"'{c}' (U+{ord(c):04X} {unicodedata.name(c, 'unnamed')})" for c in others[:5])
            shown += f" and {len(others) - 5} more" if len(others) > 5 else ""
            return ctx.error(
                node,
                f"{shown} {'is not a Devanagari letter' if len(others) == 1 else 'are not Devanagari letters'}",
                "write the name in Devanagari script only (e.g. बालासन for Bālāsana); the IAST spelling "
                "goes under 'sanskrit:'",
            )
        return text

    def schema(self) -> dict:
        return {"type": "string", "pattern": "^[\\u0900-\\u097f -]+$", "minLength": 1, "maxLength": self.most}


DEVANAGARI = DevanagariType()


class ImageType(TextType):
    """A file name inside the workspace's images/ folder (it must exist), or a mapping with the file, a crop
    box and whether it may be mirrored for the left side."""

    def __init__(self):
        super().__init__(
            "an image file name",
            "twist.jpg",
            most=limits.TITLE_CHARS,
            one_line=True,
            kind="a file name",
            shorter="rename the file with a shorter name",
        )

    def read(self, node: Node, ctx: Ctx) -> Any:
        if isinstance(node, MappingNode):
            return IMAGE.read(node, ctx)
        return self.file(node, ctx)

    def schema(self) -> dict:
        return {"anyOf": [{"type": "string", "minLength": 1}, IMAGE.schema()]}

    def file(self, node: Node, ctx: Ctx) -> Any:
        name = super().read(node, ctx)
        if name is INVALID or ctx.images_dir is None:
            return name
        folder = ctx.images_dir
        path = folder / name
        try:
            inside = path.resolve().is_relative_to(folder.resolve())
        except OSError:
            inside = False
        if not inside or Path(name).is_absolute():
            return ctx.error(
                node,
                f"the image '{name}' is outside the images/ folder",
                "copy the file into images/ and give its name from there",
            )
        if not path.is_file():
            here = sorted(p.name for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []
            hint = did_you_mean(name, here, "files in images/") if here else "the images/ folder has no files yet"
            return ctx.error(
                node,
                f"image '{name}' not found in images/",
                f"{hint}"
                if here and "did you mean" in hint
                else f"put the file in images/ or correct the name ({hint})",
            )
        from handouts.reading.imagefiles import (
            examine,  # here: a workspace without images never loads Pillow
        )

        examined = examine(path)
        if examined.problem:
            return ctx.error(node, f"the image '{name}' {examined.problem[0]}", examined.problem[1])
        return ImageRef(path, name, pixels=examined.size)


class CropType(Type):
    """[left, top, right, bottom] as fractions of the picture, 0 to 1."""

    def read(self, node: Node, ctx: Ctx) -> Any:
        from handouts.reading.fields import describe, scalar_value

        values: list[Any] = (
            [scalar_value(n) if isinstance(n, ScalarNode) else None for n in node.value]
            if isinstance(node, SequenceNode)
            else []
        )
        if len(values) != 4 or any(isinstance(v, bool) or not isinstance(v, (int, float)) for v in values):
            return ctx.error(
                node,
                f"expected four numbers [left, top, right, bottom], found {describe(node)}",
                "give the box as fractions of the picture, e.g. crop: [0.1, 0, 0.9, 1]",
            )
        left, top, right, bottom = (float(v) for v in values)
        if not (0 <= left < right <= 1 and 0 <= top < bottom <= 1):
            return ctx.error(
                node,
                "the crop box must lie inside the picture, left before right, top above bottom",
                "use fractions from 0 to 1, e.g. crop: [0.1, 0, 0.9, 1]",
            )
        return (left, top, right, bottom)

    def schema(self) -> dict:
        return {"type": "array", "items": {"type": "number", "minimum": 0, "maximum": 1}, "minItems": 4, "maxItems": 4}


def _make_image(values: dict, keys: dict, node: Node, ctx: Ctx) -> Any:
    ref, crop = values["file"], values.get("crop")
    if crop and isinstance(ref, ImageRef):  # what the crop box keeps is enough to print
        from handouts.reading.imagefiles import crop_problem, examine

        pixels = ref.pixels or examine(ref.path).size
        assert pixels is not None  # an ImageRef is made only for a file examine() measured (ImageType.file)
        problem = crop_problem(pixels, crop)
        if problem:
            ctx.path.append("crop")
            try:
                return ctx.error(keys["crop"], *problem)
            finally:
                ctx.path.pop()
    if not isinstance(ref, ImageRef):
        return ref
    return dataclasses.replace(ref, crop=crop, mirror=values.get("mirror", True))


class _ImageFile(ImageType):
    """The file of an image mapping: a name only."""

    def read(self, node: Node, ctx: Ctx) -> Any:
        return self.file(node, ctx)

    def schema(self) -> dict:
        return {"type": "string", "minLength": 1}


IMAGE = RecordType(
    "image",
    {
        "file": Field(_ImageFile(), "the file in images/", required=True, hint="add 'file: twist.jpg'"),
        "crop": Field(CropType(), "[left, top, right, bottom] as fractions of the picture, e.g. [0.1, 0, 0.9, 1]"),
        "mirror": Field(
            BoolType(),
            "false when the photo must not be mirrored for the left side (it shows text, "
            "or a body that is not symmetric); default true",
        ),
    },
    _make_image,
    "an image with a crop box or a mirror setting",
)


def _step_fields(inline_doc: str) -> dict[str, Field]:
    return {
        "pose": Field(PoseRef(), "a pose from the library ('handouts poses' lists them)"),
        "name": Field(NAME, f"the pose's name in your language ({inline_doc})"),
        "sanskrit": Field(NAME, "the Sanskrit name in IAST (overrides the library's)"),
        "devanagari": Field(
            DEVANAGARI,
            "the Sanskrit name in Devanagari, e.g. बालासन (overrides the library's; a "
            "step that gives its own 'sanskrit' gives its own 'devanagari' too)",
        ),
        "image": Field(ImageType(), "an image file in images/ (overrides the library's image)"),
        "figure": Field(FIGURE, "a line drawing for this step (overrides the library's; see docs/figures.md)"),
        "video": Field(
            VIDEO,
            "a video of the movement, e.g. https://videos.example.org/cat-cow: a QR code on its "
            "card, a link in the PDF (overrides the library's)",
        ),
        "side": Field(
            ChoiceType("side", STEP_SIDES, SIDE_SYNONYMS),
            "none, both, right first, left first, right, left or alternate (default: the pose's own)",
        ),
        "hold": Field(HoldType(), "how long or how often: '5 breaths', '30 s', '3 x 30 s', '10 cycles' ..."),
        "cues": Field(TEXTS, "what to do, in order (replaces the library's cues)"),
        "cautions": Field(TEXTS, "safety notes, added to the library's cautions"),
        "library_cautions": Field(BoolType(), "false hides the library's cautions for this step (default true)"),
        "easier": Field(TEXTS, "an easier variation"),
        "deeper": Field(TEXTS, "a deeper variation"),
        "props": Field(LINES, "props this step needs"),
        "note": Field(TEXT, "a short explanation shown with the step"),
        "transition": Field(TEXT, "shown after the step, leading into the next one"),
    }


class PoseRef(IdType):
    """A step's `pose:`: an id of the library (or an alias of one), checked as it is read, so that an unknown pose
    is reported with the step's other problems. Read as the pose's own id."""

    def __init__(self):
        super().__init__("a pose id", "supine-twist")

    def read(self, node: Node, ctx: Ctx) -> Any:
        pose = super().read(node, ctx)
        if pose is INVALID or ctx.library is None:
            return pose
        known = ctx.library.get(pose)
        if known is None and pose in ctx.library.broken:
            return INVALID  # its entry's errors are reported where they are
        if known is None:
            ctx.problems.error(
                ctx.loc(node),
                f"unknown pose '{pose}'",
                did_you_mean(pose, list(ctx.library.poses) + list(ctx.library.aliases), "poses")
                + " ('handouts poses' lists the library; a pose of your own goes in poses/)",
            )
            return INVALID
        return Text(known.id, pose.location, pose.field)


def _make_step(values: dict, keys: dict, node: Node, ctx: Ctx) -> Any:
    if "pose" not in values and "name" not in values:
        return ctx.error(
            node,
            "a step needs 'pose' (from the library) or 'name' (a pose of your own)",
            "add e.g. 'pose: supine-twist' ('handouts poses' lists the library)",
        )
    pose = values.get("pose")  # a library pose's id (PoseRef checked it), its alias resolved
    fields = {k: v for k, v in values.items() if k not in ("pose", "side")}
    return Step(
        location=ctx.loc(node),
        pose=pose,
        side=values.get("side"),
        side_location=ctx.loc(keys["side"]) if "side" in keys else None,
        **fields,
    )


STEP = RecordType(
    "step",
    _step_fields("required for a pose of your own"),
    _make_step,
    "one step: a library pose ('pose') or one of your own ('name')",
)

REPEAT = RecordType(
    "repeat",
    {
        "repeat": Field(
            IntType(1, "the position of a step in this series"),
            "the position in this series of the step to repeat (1 = the first)",
            required=True,
        ),
        "hold": Field(HoldType(), "the hold for the repeat (default: the same as the first time)"),
        "note": Field(TEXT, "a short explanation shown with the repeat"),
        "transition": Field(TEXT, "shown after the repeat"),
    },
    lambda values, keys, node, ctx: Repeat(
        location=ctx.loc(node), target=values["repeat"], **{k: v for k, v in values.items() if k != "repeat"}
    ),
    "a repeat of an earlier step of the same series",
)


class StepItemType(Type):
    """An entry of a `steps:` list: a step, a series (top level only) or a repeat (inside a series only)."""

    def __init__(self, in_series: bool):
        self.in_series = in_series

    def read(self, node: Node, ctx: Ctx) -> Any:
        if isinstance(node, ScalarNode) and node.tag != "tag:yaml.org,2002:null":
            return ctx.error(
                node,
                f"a step is a set of keys, not just '{node.value}'",
                f"write it as '- pose: {slug(node.value)}' with its 'hold:' on the next line",
            )
        keys = {k.value: k for k, _ in node.value if isinstance(k, ScalarNode)} if isinstance(node, MappingNode) else {}
        if "series" in keys:
            if self.in_series:
                return ctx.error(
                    keys["series"],
                    "a series cannot hold another series",
                    "list its steps directly in this series, or make it a series of its own after this one",
                )
            return SERIES.read(node, ctx)
        if "repeat" in keys:
            if not self.in_series:
                return ctx.error(
                    keys["repeat"],
                    "'repeat' works only inside a series",
                    "copy the step you want to repeat, or put both in a series",
                )
            return REPEAT.read(node, ctx)
        return STEP.read(node, ctx)

    def schema(self) -> dict:
        step = dict(STEP.schema())
        options = [step, REPEAT.schema()] if self.in_series else [step, {"$ref": "#/$defs/series"}]
        return {"anyOf": options}


SERIES_MOST = 26  # steps of its own a series may hold: they are lettered a to z


def _make_series(values: dict, keys: dict, node: Node, ctx: Ctx) -> Any:
    steps = values["steps"]
    ok = True
    for index, item in enumerate(steps, 1):
        if isinstance(item, Step) and item.side is not None:
            assert item.side_location is not None  # _make_step: a step read with a side has its location
            ctx.problems.error(
                item.side_location,
                "a step inside a series takes its side from the series",
                "move 'side:' up to the series, or take the step out of the series",
            )
            ok = False
        if isinstance(item, Repeat):
            target = item.target
            if target >= index:
                ctx.problems.error(
                    item.location,
                    f"'repeat: {target}' must name an earlier step of this series",
                    ("use 1" if index == 2 else f"use a number from 1 to {index - 1}")
                    if index > 1
                    else "put the step to repeat before the repeat",
                )
                ok = False
            elif isinstance(steps[target - 1], Repeat):
                ctx.problems.error(
                    item.location,
                    f"step {target} of this series is itself a repeat",
                    "repeat the original step instead",
                )
                ok = False
    if not any(isinstance(s, Step) for s in steps):
        ctx.problems.error(ctx.loc(keys["steps"]), "the series has no steps of its own", "add at least one step")
        ok = False
    own = [s for s in steps if isinstance(s, Step)]
    if len(own) > SERIES_MOST:  # its steps are lettered 5a to 5z
        ctx.problems.error(
            own[SERIES_MOST].location,
            f"the series has {len(own)} steps; a series holds at most {SERIES_MOST} (lettered a to z)",
            "split it into two series, one after the other",
        )
        ok = False
    if not ok:
        return INVALID
    return Series(
        location=ctx.loc(node),
        title=values["series"],
        side=values.get("side"),
        props=values.get("props", ()),
        note=values.get("note"),
        steps=steps,
        transition=values.get("transition"),
    )


STEPS_IN_SERIES = ListType(
    StepItemType(in_series=True), single_ok=False, what="list of steps", non_empty="add at least one step"
)


class SequenceStepsType(ListType):
    """The sequence's `steps:`, of at most `limits.STEPS` steps: each step of a series and each repeat counts, so
    that every product can lay the sequence out. Counted on the nodes, so the count is said even while some
    steps have other problems."""

    def read(self, node: Node, ctx: Ctx) -> Any:
        if isinstance(node, SequenceNode):
            counted = [inner for item in node.value for inner in _steps_of(item)]
            if len(counted) > limits.STEPS:
                ctx.error(
                    counted[limits.STEPS],
                    f"the sequence has {len(counted)} steps; a sequence may have "
                    f"at most {limits.STEPS} (each step of a series and each repeat counts)",
                    "split it into two sequences",
                )
                # the steps up to the limit are still checked; those beyond it have to go anyway
                within = [item for item in node.value if item.start_mark.index < counted[limits.STEPS].start_mark.index]
                super().read(SequenceNode(node.tag, within, node.start_mark, node.end_mark), ctx)
                return INVALID
        return super().read(node, ctx)


def _steps_of(item: Node) -> list[Node]:
    """The step nodes one entry of `steps:` stands for: itself, or a series' steps."""
    if isinstance(item, MappingNode):
        for key, value in item.value:
            if isinstance(key, ScalarNode) and key.value == "steps" and isinstance(value, SequenceNode):
                return list(value.value)
    return [item]


STEPS = SequenceStepsType(
    StepItemType(in_series=False), single_ok=False, what="list of steps", non_empty="add at least one step"
)


SERIES = RecordType(
    "series",
    {
        "series": Field(NAME, "the series' title, e.g. 'Strap series'", required=True),
        "side": Field(
            ChoiceType("series side", SERIES_SIDES, SIDE_SYNONYMS),
            "both (default), right first, left first, right, left or none",
        ),
        "props": Field(LINES, "props the series needs"),
        "note": Field(TEXT, "a short explanation shown in the series header"),
        "steps": Field(
            STEPS_IN_SERIES,
            "the steps of the series, in order",
            required=True,
            hint="add 'steps:' with the series' steps below it",
        ),
        "transition": Field(TEXT, "shown after the whole series"),
    },
    _make_series,
    "steps done whole on one side, then whole on the other (numbered 5a, 5b ...)",
)


TIMING = RecordType(
    "timing",
    {
        name: Field(NumberType(0, " s", zero_ok=name == "setup"), doc)
        for name, doc in (
            ("breath", "seconds per breath (default 10)"),
            ("rep", "seconds per repetition (default 4)"),
            ("cycle", "seconds per cycle (default 10)"),
            ("circle", "seconds per circle (default 10)"),
            ("open_ended", "seconds counted for 'as long as you like' (default 60)"),
            ("setup", "seconds to get into and out of a pose, per side (default 20)"),
        )
    },
    lambda values, keys, node, ctx: Timing(**values),
    "seconds used to estimate the time a sequence takes",
)


def _make_sequence(values: dict, keys: dict, node: Node, ctx: Ctx) -> Any:
    fields = {k: v for k, v in values.items() if k not in ("sides",)}
    assert ctx.source is not None  # a sequence is read from its file (loading.read_sequences)
    return Sequence(path=ctx.source, location=ctx.loc(node), first_side=values.get("sides", Side.RIGHT), **fields)


SEQUENCE = RecordType(
    "sequence",
    {
        "title": Field(TITLE, "the sequence's title", required=True, hint="add 'title: ...' at the top of the file"),
        "subtitle": Field(TITLE, "a line under the title"),
        "instructor": Field(LINE, "who wrote it"),
        "level": Field(LINE, "who it is for: gentle, beginner, all levels ..."),
        "duration": Field(DurationType(), "the time you state: '30 min', '1 h 15 min', '20-30 min'"),
        "position": Field(LINE, "where the poses are done, e.g. 'all lying on your back'"),
        "sides": Field(
            ChoiceType("side order", SEQUENCE_SIDES, SIDE_SYNONYMS),
            "right first (default) or left first: the order for two-sided steps",
        ),
        "props": Field(LINES, "props for the whole sequence"),
        "intro": Field(TEXT, "a few sentences for the first page"),
        "cautions": Field(TEXTS, "general cautions shown before the steps"),
        "timing": Field(TIMING, "seconds used for the time estimate"),
        "side_cards": Field(
            ChoiceType("side cards", {c.value: c for c in SideCards}),
            "how two-sided steps are laid out here (overrides studio.yaml): auto, together or per side",
        ),
        "language": Field(
            line_text("a language code", "de"),
            "the language this file is written in, and builds in by default (default: studio.yaml's)",
        ),
        "steps": Field(
            STEPS, "the steps, in order", required=True, hint="add 'steps:' with at least one step below it"
        ),
    },
    _make_sequence,
    "a handouts sequence file",
)


def _make_pose(values: dict, keys: dict, node: Node, ctx: Ctx) -> Pose:
    return Pose(id="", location=ctx.loc(node), given=frozenset(values), **values)


POSE = RecordType(
    "pose",
    {
        "name": Field(NAME, "the English name (required for a new pose)"),
        "sanskrit": Field(NAME, "the Sanskrit name in IAST, e.g. Supta Pādāṅguṣṭhāsana"),
        "devanagari": Field(
            DEVANAGARI,
            "the Sanskrit name in Devanagari, e.g. सुप्त पादाङ्गुष्ठासन (printed under the IAST name on the booklet's card)",
        ),
        "aliases": Field(NAMES, "other names; a step may use them as the id"),
        "sides": Field(
            ChoiceType("side", POSE_SIDES, SIDE_SYNONYMS), "none (symmetric), both (done on each side) or alternate"
        ),
        "position": Field(ChoiceType("position", {p: p for p in POSITIONS}), "the starting position"),
        "props": Field(LINES, "props the pose needs"),
        "cues": Field(TEXTS, "default cues, in order"),
        "cautions": Field(TEXTS, "default cautions"),
        "easier": Field(TEXTS, "an easier variation"),
        "deeper": Field(TEXTS, "a deeper variation"),
        "image": Field(ImageType(), "an image file in images/"),
        "figure": Field(FIGURE, "a line drawing of the pose (used when there is no image; see docs/figures.md)"),
        "video": Field(
            VIDEO,
            "a video of the movement, e.g. https://videos.example.org/cat-cow: a QR code on its "
            "card, a link in the PDF",
        ),
    },
    _make_pose,
    "a pose of the library",
)

POSE_FILE = RecordType(
    "pose file",
    {
        "poses": Field(
            MapType(IdType("a pose id", "wall-angels"), POSE),
            "pose id -> pose",
            required=True,
            hint="start the file with 'poses:' and list the poses below it",
        ),
    },
    lambda values, keys, node, ctx: values["poses"],
    "a file of poses for the library",
)


COLOUR = PatternType(
    "a colour",
    "'#1f5f6b'",
    r"^#[0-9a-fA-F]{6}$",
    "a colour",
    "write it as '#' and six hex digits in quotes, e.g. accent: '#1f5f6b' (a dark colour keeps "
    "white text on it readable)",
    tidy=str.lower,
)


MAIL = RecordType(
    "mail settings",
    {
        "from": Field(
            Sender(),
            "the sender, e.g. 'Maya Lindqvist <maya@example.org>'",
            required=True,
            hint="add 'from: Your Name <you@example.org>'",
        ),
        "subject": Field(HeaderText(), "the subject; may use {{ client.name }}, {{ handouts }}, {{ studio }}"),
        "host": Field(LINE, "the SMTP server, e.g. smtp.example.org (needed for --send)"),
        "port": Field(IntType(1, "a port number", most=65535), "its port (default: 587 with starttls, 465 with ssl)"),
        "user": Field(LINE, "the user name to log in with (the password comes from an environment variable)"),
        "security": Field(
            ChoiceType("security", {"starttls": "starttls", "ssl": "ssl", "none": "none"}),
            "starttls (default), ssl, or none (only for a server on this machine)",
        ),
        "password_env": Field(
            line_text("an environment variable name", "HANDOUTS_SMTP_PASSWORD"),
            "the environment variable holding the password (default HANDOUTS_SMTP_PASSWORD)",
        ),
        "ca_file": Field(
            LINE, "a certificate file (PEM) to trust, for a server with its own certificate, relative to the workspace"
        ),
    },
    lambda values, keys, node, ctx: _make_mail(values, ctx.loc(node)),
    "the e-mail settings",
)


def _make_mail(values: dict, location: Location) -> Mail:
    sender = values.pop("from")
    fields: dict[str, Any] = {k: (str(v) if k == "password_env" else v) for k, v in values.items()}
    return Mail(location=location, sender=sender, **fields)


STUDIO = RecordType(
    "studio settings",
    {
        "studio": Field(LINE, "the studio's name, on the cover and the back cover"),
        "instructor": Field(LINE, "your name (a sequence's own 'instructor' wins)"),
        "contact": Field(LINES, "how clients reach you: lines for the back cover (email, phone, address)"),
        "website": Field(LINE, "your website, on the back cover"),
        "logo": Field(ImageType(), "an image in images/ for the cover"),
        "accent": Field(COLOUR, "the accent colour of badges and headings, e.g. '#1f5f6b'"),
        "paper": Field(
            ChoiceType("paper", {"a4": "a4", "letter": "letter"}),
            "a4 (A5 booklet pages, the default) or letter (half-letter pages)",
        ),
        "language": Field(
            line_text("a language code", "de"),
            "the language of the printed labels: en (default), de, es, fr, or one of labels/",
        ),
        "side_cards": Field(
            ChoiceType("side cards", {c.value: c for c in SideCards}),
            "auto (default: one card per side for poses with a photo), together, or per side",
        ),
        "grayscale": Field(BoolType(), "true: ink-saver output in shades of grey"),
        "devanagari": Field(
            BoolType(),
            "false: leave out the Sanskrit names in Devanagari under the IAST on the "
            "booklet's cards (shown by default where a pose or step gives one)",
        ),
        "images": Field(
            ChoiceType("image profile", {"print": "print", "email": "email"}),
            "print (photos at 250 pixels per inch, the default) or email (135, for smaller files)",
        ),
        "print_file": Field(BoolType(), "false: build the booklet without booklet-print.pdf"),
        "disclaimer": Field(TEXT, "the note on the back cover (default: not medical advice; stop if it hurts)"),
        "mail": Field(MAIL, "e-mail settings for 'handouts mail': from, subject, host, port, user, security"),
    },
    lambda values, keys, node, ctx: Studio(location=ctx.loc(node), **values),
    "the workspace settings (studio.yaml)",
)


def read_studio(root: Node | None, ctx: Ctx) -> Studio | Any:
    """The studio settings, or INVALID after reporting every problem to ctx (an empty file is all defaults)."""
    if root is None:
        return Studio()
    return STUDIO.read(root, ctx)


def read_sequence(root: Node | None, ctx: Ctx) -> Sequence | Any:
    """A Sequence, or INVALID after reporting every problem to ctx."""
    if root is None:
        ctx.problems.error(Location(ctx.file, 1, 1), "the file is empty", "run 'handouts new NAME' for a starter")
        return INVALID
    return SEQUENCE.read(root, ctx)


def read_pose_file(root: Node | None, ctx: Ctx) -> dict[str, Pose] | Any:
    """{id: Pose} located at its id, or INVALID after reporting every problem to ctx."""
    if root is None:
        return {}
    poses = POSE_FILE.read(root, ctx)
    if poses is INVALID:
        return INVALID
    return {pid: dataclasses.replace(pose, id=pid, location=ctx.loc(key)) for pid, (pose, key) in poses.items()}


class TextMapType(Type):
    """A mapping whose keys are the author's own words (a step as printed, '5a again', an English prop) and whose
    values are of one type; read as {key as written: (value, key node)}. Which keys exist is for the caller to
    check against the original file."""

    def __init__(self, value: Type, what: str, example: str):
        self.value, self.what, self.example = value, what, example

    def read(self, node: Node, ctx: Ctx) -> Any:
        if not isinstance(node, MappingNode):
            return ctx.error(
                node, f"expected {self.what}, found {_describe(node)}", f"write one line per entry, e.g. {self.example}"
            )
        out, ok = {}, True
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or not str(key_node.value).strip():
                ctx.error(key_node, "this key is not a word or a number", f"write it as e.g. {self.example}")
                ok = False
                continue
            key = str(key_node.value).strip()
            ctx.path.append(key)
            try:
                value = self.value.read(value_node, ctx)
            finally:
                ctx.path.pop()
            if value is INVALID:
                ok = False
                continue
            out[key] = (value, key_node)
        return out if ok else INVALID

    def schema(self) -> dict:
        return {"type": "object", "additionalProperties": self.value.schema()}


def _describe(node: Node) -> str:
    from handouts.reading.fields import describe

    return describe(node)


@dataclasses.dataclass(frozen=True)
class Entry:
    """One entry of a translation file as read: its texts by field, the nodes they were written at, where it is."""

    values: dict
    keys: dict
    location: Location


def _entry(values: dict, keys: dict, node: Node, ctx: Ctx) -> Entry:
    return Entry(values, keys, ctx.loc(node))


def _never(what: str):
    def unknown(key: str) -> str | None:
        if key in ("sanskrit", "figure", "image"):
            never = {"sanskrit": "the Sanskrit name", "figure": "the figure", "image": "the image"}[key]
            return f"{never} is never translated: delete this line (the {what} keeps the original's)"
        if key == "video":
            return f"the video is the same in every language: delete this line (the {what} keeps the original's)"
        if key in ("pose", "side", "sides", "position", "library_cautions", "repeat", "series"):
            return (
                f"a translation holds only words: delete this line (the {what}'s '{key}' comes from the original file)"
            )
        return None

    return unknown


POSE_TEXTS = RecordType(
    "pose translation",
    {
        "name": Field(NAME, "the pose's name in this language"),
        "aliases": Field(NAMES, "more names to search by in this language"),
        "props": Field(LINES, "the English pose's props, same count and order"),
        "cues": Field(TEXTS, "the English cues, same count and order"),
        "cautions": Field(TEXTS, "the English cautions, same count and order (none dropped)"),
        "easier": Field(TEXTS, "the easier variation (a list where the English has a list, of the same length)"),
        "deeper": Field(TEXTS, "the deeper variation (a list where the English has a list, of the same length)"),
    },
    _entry,
    "a pose's words in another language",
    unknown=_never("pose"),
)

POSE_TRANSLATION_FILE = RecordType(
    "pose translation file",
    {
        "poses": Field(
            MapType(IdType("a pose id", "child-pose"), POSE_TEXTS),
            "pose id (the English file's) -> its words",
            required=True,
            hint="start the file with 'poses:' and list the poses' ids below it",
        ),
    },
    lambda values, keys, node, ctx: values["poses"],
    "the words of a pose file in another language",
)

HOLD_TEXTS = RecordType(
    "hold translation",
    {
        "then": Field(TEXT, "the hold's 'then:' text"),
        "breath": Field(TEXT, "the hold's 'breath:' text"),
    },
    _entry,
    "the texts of a hold (its numbers come from the sequence)",
    unknown=lambda key: "a translation holds only the hold's words: 'then:' and 'breath:'",
)

STEP_TEXTS = RecordType(
    "step translation",
    {
        "name": Field(NAME, "the step's own name (a library pose's name comes from the library's translation)"),
        "title": Field(NAME, "a series' title"),
        "cues": Field(TEXTS, "the step's own cues, same count and order"),
        "cautions": Field(TEXTS, "the step's own added cautions, same count and order"),
        "note": Field(TEXT, "the note"),
        "transition": Field(TEXT, "the transition"),
        "easier": Field(TEXTS, "the step's own easier variation"),
        "deeper": Field(TEXTS, "the step's own deeper variation"),
        "hold": Field(HOLD_TEXTS, "the hold's texts: then, breath"),
    },
    _entry,
    "a step's (or a series', or a repeat's) words",
    unknown=_never("step"),
)

SEQUENCE_TRANSLATION = RecordType(
    "sequence translation",
    {
        "title": Field(TITLE, "the title"),
        "subtitle": Field(TITLE, "the subtitle"),
        "level": Field(LINE, "the level"),
        "position": Field(LINE, "the position"),
        "intro": Field(TEXT, "the intro"),
        "cautions": Field(TEXTS, "the sequence's general cautions, same count and order"),
        "props": Field(
            TextMapType(LINE, "a mapping of each prop as the sequence writes it to its words here", "'strap: Gurt'"),
            "each prop as the sequence writes it -> its words here",
        ),
        "steps": Field(
            TextMapType(
                STEP_TEXTS,
                "a mapping of steps (as printed: 1, 5a, '5a again', or a pose id used once) to their words",
                "'3:' with 'cues:' below it",
            ),
            "a step as printed (1, 5a, '5a again') or a pose id used once -> its words",
        ),
    },
    _entry,
    "the words of a sequence in another language (steps, holds and sides come from the sequence)",
    unknown=_never("sequence"),
)

STUDIO_TRANSLATION = RecordType(
    "studio translation",
    {
        "disclaimer": Field(TEXT, "the note on the back cover"),
        "contact": Field(LINES, "the contact lines, same count and order"),
        "mail": Field(
            RecordType(
                "mail translation",
                {"subject": Field(HeaderText(), "the e-mail subject in this language")},
                _entry,
                "the mail's words",
            ),
            "the mail's words: subject",
        ),
    },
    _entry,
    "studio.yaml's printed words in another language",
)


def read_translation(root: Node | None, ctx: Ctx, kind: RecordType) -> Any:
    """A translation file's entries (an Entry, or {pose id: (Entry, key node)} for a pose file), or INVALID after
    reporting every problem to ctx. An empty file translates nothing."""
    if root is None:
        return {} if kind is POSE_TRANSLATION_FILE else Entry({}, {}, Location(ctx.file, 1, 1))
    return kind.read(root, ctx)


def json_schemas() -> dict[str, dict]:
    """The JSON Schemas of sequence, pose, studio, roster, programme and translation files, keyed by file name."""
    sequence = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_URL + "sequence.schema.json",
        "title": "handouts sequence",
        **SEQUENCE.schema(),
        "$defs": {"series": SERIES.schema()},
    }
    poses = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_URL + "poses.schema.json",
        "title": "handouts pose file",
        **POSE_FILE.schema(),
    }
    studio = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_URL + "studio.schema.json",
        "title": "handouts studio settings",
        **STUDIO.schema(),
    }
    from handouts.reading.roster import ROSTER

    clients = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_URL + "clients.schema.json",
        "title": "handouts client roster",
        **ROSTER.schema(),
    }
    from handouts.reading.programme import json_schema as programme_schema
    from handouts.reading.programme_translation import json_schema as programme_translation_schema

    draft = "https://json-schema.org/draft/2020-12/schema"
    translations = {
        "sequence-translation.schema.json": {
            "$schema": draft,
            "$id": SCHEMA_URL + "sequence-translation.schema.json",
            "title": "handouts sequence translation",
            **SEQUENCE_TRANSLATION.schema(),
        },
        "poses-translation.schema.json": {
            "$schema": draft,
            "$id": SCHEMA_URL + "poses-translation.schema.json",
            "title": "handouts pose file translation",
            **POSE_TRANSLATION_FILE.schema(),
        },
        "studio-translation.schema.json": {
            "$schema": draft,
            "$id": SCHEMA_URL + "studio-translation.schema.json",
            "title": "handouts studio translation",
            **STUDIO_TRANSLATION.schema(),
        },
    }
    return {
        "sequence.schema.json": sequence,
        "poses.schema.json": poses,
        "studio.schema.json": studio,
        "clients.schema.json": clients,
        "programme.schema.json": programme_schema(SCHEMA_URL),
        "programme-translation.schema.json": programme_translation_schema(SCHEMA_URL),
        **translations,
    }


__all__ = ["POSITIONS", "SequenceNode", "json_schemas", "read_pose_file", "read_sequence", "slug"]
