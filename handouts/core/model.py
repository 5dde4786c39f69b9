"""The vocabulary of a handout, as frozen dataclasses in the users' words.

Sequence, Step, Series, Repeat, Pose, Hold, Sides, Timing. These are plain data: every other module may import
them, and they import nothing from the project but `errors.Location`. `schema.py` builds them from YAML nodes,
`plan/planner.py` resolves them into numbered, timed steps.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from handouts.core.errors import Location


class Text(str):
    """A piece of user text that remembers where it was written (for located errors) and the language it is
    written in: the code of the file it was read from ("en" for the built-in library, a sequence's or
    studio.yaml's `language:`, "de" for a text read from a `.de.yaml` translation; "" where nobody said)."""

    location: Location
    field: str
    language: str

    def __new__(cls, value: str, location: Location, field: str = "", language: str = "") -> Text:
        self = super().__new__(cls, value)
        self.location = location
        self.field = field
        self.language = language
        return self

    def __reduce__(self):
        return (Text, (str(self), self.location, self.field, self.language))


class Side(enum.Enum):
    RIGHT = "right"
    LEFT = "left"

    @property
    def other(self) -> Side:
        return Side.LEFT if self is Side.RIGHT else Side.RIGHT


class SideMode(enum.Enum):
    NONE = "none"  # symmetric, done once
    BOTH = "both"  # once per side
    ONE = "one"  # one named side only
    ALTERNATE = "alternate"  # sides alternate within the hold


@dataclass(frozen=True)
class Sides:
    """How a step or series uses the sides. `first` is None where the sequence default decides (or no side)."""

    mode: SideMode
    first: Side | None = None


@dataclass(frozen=True)
class Amount:
    """A count or a time in seconds: one value, or a range from `low` to `high`."""

    low: float
    high: float

    @property
    def is_range(self) -> bool:
        return self.high != self.low

    @property
    def middle(self) -> float:
        return (self.low + self.high) / 2


@dataclass(frozen=True)
class Hold:
    """How long a pose is held or how often it is done.

    Exactly one of breaths, seconds, cycles, circles, open_ended - or reps alone, or reps of seconds or
    breaths ("3 x 30 s"). `in_minutes` keeps the author's unit for printing.
    """

    breaths: Amount | None = None
    seconds: Amount | None = None
    in_minutes: bool = False
    reps: Amount | None = None
    cycles: Amount | None = None
    circles: Amount | None = None
    each_way: bool = False
    open_ended: bool = False
    then: Text | None = None
    breath: Text | None = None


@dataclass(frozen=True)
class ImageRef:
    """An image file in the workspace's images/ folder, as named in the YAML."""

    path: Path
    name: Text
    crop: tuple[float, float, float, float] | None = None  # left, top, right, bottom as fractions (0-1)
    mirror: bool = True  # may be mirrored for the left side (not when it shows text or an asymmetric body)
    pixels: tuple[int, int] | None = None  # its upright size, as `check` measured it (imagefiles.examine)


@dataclass(frozen=True)
class Video:
    """A video of the movement: its web address (http or https, checked by `videos.VideoType`) as written, and
    where it was written. Not a Text: an address is never translated, filled in or hyphenated."""

    url: str
    location: Location


@dataclass(frozen=True)
class Pose:
    """A library entry: what a pose is called and what to say about it by default."""

    id: str
    location: Location
    name: Text | None = None
    sanskrit: Text | None = None
    devanagari: Text | None = None  # the Sanskrit name in Devanagari script
    aliases: tuple[Text, ...] = ()
    sides: SideMode = SideMode.NONE
    position: str | None = None
    props: tuple[Text, ...] = ()
    cues: tuple[Text, ...] = ()
    cautions: tuple[Text, ...] = ()
    easier: tuple[Text, ...] = ()
    deeper: tuple[Text, ...] = ()
    image: ImageRef | None = None
    figure: Any = None  # figures.model.Figure: the built-in line drawing
    video: Video | None = None  # a video of the movement: a QR code and a link on its cards
    given: frozenset[str] = frozenset()  # the keys the entry wrote (a workspace override changes only these)


@dataclass(frozen=True)
class Step:
    """One step as written: a library pose (`pose`) or an inline one (`name`), with the author's overrides.

    None means "not given here: take the library's". Cautions given here are added to the library's.
    """

    location: Location
    pose: Text | None = None
    name: Text | None = None
    sanskrit: Text | None = None
    devanagari: Text | None = None
    image: ImageRef | None = None
    figure: Any = None
    video: Video | None = None  # overrides the pose's
    side: Sides | None = None
    side_location: Location | None = None
    hold: Hold | None = None
    cues: tuple[Text, ...] | None = None
    cautions: tuple[Text, ...] = ()
    library_cautions: bool = True
    easier: tuple[Text, ...] | None = None
    deeper: tuple[Text, ...] | None = None
    props: tuple[Text, ...] | None = None
    note: Text | None = None
    transition: Text | None = None


@dataclass(frozen=True)
class Repeat:
    """A repeat of an earlier step of the same series (by 1-based position), perhaps with its own hold."""

    location: Location
    target: int
    hold: Hold | None = None
    note: Text | None = None
    transition: Text | None = None


@dataclass(frozen=True)
class Series:
    """Steps done whole on one side, then whole on the other; numbered as sub-steps (5a, 5b ...)."""

    location: Location
    title: Text
    side: Sides | None = None
    props: tuple[Text, ...] = ()
    note: Text | None = None
    steps: tuple[Step | Repeat, ...] = ()
    transition: Text | None = None


@dataclass(frozen=True)
class Timing:
    """Seconds used to estimate how long a sequence takes."""

    breath: float = 10.0  # one slow breath in and out (about 6 a minute)
    rep: float = 4.0  # one repetition
    cycle: float = 10.0  # one cycle (usually one breath)
    circle: float = 10.0  # one slow circle
    open_ended: float = 60.0  # "as long as you like"
    setup: float = 20.0  # getting into and out of a pose, once per side


@dataclass(frozen=True)
class Duration:
    """The time the author states, in minutes (a range where they give one)."""

    low: float
    high: float
    location: Location


@dataclass(frozen=True)
class Sequence:
    """A whole sequence file."""

    path: Path
    location: Location
    title: Text
    subtitle: Text | None = None
    instructor: Text | None = None
    level: Text | None = None
    duration: Duration | None = None
    position: Text | None = None
    first_side: Side = Side.RIGHT
    props: tuple[Text, ...] = ()
    intro: Text | None = None
    cautions: tuple[Text, ...] = ()
    timing: Timing = field(default_factory=Timing)
    side_cards: SideCards | None = None  # overrides the studio's
    steps: tuple[Step | Series, ...] = ()
    language: Text | None = None  # the language it is written in (and builds in by default); None: the studio's

    @property
    def slug(self) -> str:
        return self.path.stem


class SideCards(enum.Enum):
    """How a two-sided step is laid out: one card for both sides, or one card per side."""

    AUTO = "auto"  # one card per side for a pose with a photo (mirrored on the left), else one card
    TOGETHER = "together"  # one card, marked right then left (figures drawn for both sides)
    PER_SIDE = "per side"  # one card for each side, the left one mirrored


@dataclass(frozen=True)
class Mail:
    """studio.yaml's mail: who the e-mails are from, their subject, and the SMTP server that sends them."""

    location: Location
    sender: Text  # 'Maya Lindqvist <maya@example.org>' or just the address
    subject: Text | None = None  # a template; default: the labels' subject
    host: Text | None = None
    port: int | None = None  # default: 465 for ssl, 587 for starttls, 25 for none
    user: Text | None = None
    security: str = "starttls"  # starttls, ssl or none (only to this machine)
    password_env: str = "HANDOUTS_SMTP_PASSWORD"  # the environment variable holding the password
    ca_file: Text | None = None  # a certificate authority to trust (a server with its own certificate)


@dataclass(frozen=True)
class Studio:
    """The workspace's settings (studio.yaml): who hands the booklets out and how they look by default."""

    location: Location | None = None
    studio: Text | None = None
    instructor: Text | None = None
    contact: tuple[Text, ...] = ()
    website: Text | None = None
    logo: ImageRef | None = None
    accent: str | None = None  # '#1f5f6b'
    paper: str = "a4"
    language: str = "en"
    side_cards: SideCards = SideCards.AUTO
    grayscale: bool = False
    images: str = "print"  # the image profile: print (250 ppi) or email (135 ppi)
    print_file: bool = True
    disclaimer: Text | None = None
    mail: Mail | None = None
    devanagari: bool = True  # the Sanskrit names in Devanagari on the booklet's cards
    subjects: tuple[tuple[str, Text], ...] = ()  # (language, mail subject) from studio.<code>.yaml


FORMATS = ("booklet", "cheatsheet", "matcard")


@dataclass(frozen=True)
class ClientHandout:
    """One handout a client gets: a sequence (its file name without .yaml) in one format."""

    location: Location
    sequence: Text
    format: str = "booklet"


@dataclass(frozen=True)
class Client:
    """One line of the roster: who, where to send, which handouts, and what is theirs alone. Steps are named
    as printed ('3', '5b') or by pose id ('supine-twist')."""

    location: Location
    name: Text
    email: Text
    handouts: tuple[ClientHandout, ...]
    language: Text | None = None
    notes: tuple[Text, ...] = ()
    easier: tuple[Text, ...] = ()
    deeper: tuple[Text, ...] = ()
    leave_out: tuple[Text, ...] = ()
    slug: str = ""  # the folder name under build/clients/
    programme: Text | None = None  # a programme of programmes/ they follow (its slug), from `start`
    start: Text | None = None  # the day its first week begins, as written: '2026-11-16'


@dataclass(frozen=True)
class Personal:
    """What a client's own handout prints about them: their name, the date, the instructor's notes for them."""

    name: str
    date: str = ""  # as printed, in the handout's language
    notes: tuple[str, ...] = ()


def texts_of(obj) -> list[Text]:
    """Every piece of user text inside a model object (for checks that look at all of it)."""
    found: list[Text] = []

    def walk(value) -> None:
        if isinstance(value, Text):
            found.append(value)
        elif isinstance(value, (tuple, list)):
            for item in value:
                walk(item)
        elif hasattr(value, "__dataclass_fields__"):
            for name in value.__dataclass_fields__:
                walk(getattr(value, name))

    walk(obj)
    return found
