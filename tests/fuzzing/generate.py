"""Realistic workspaces drawn from a random.Random: what a yoga teacher or clinician would write.

`workspace(rng)` returns {path: content}: YAML files as Python data (dumped later, after the structure mutators
have had their go), other files as str (text) or bytes (images). Everything it draws is meant to be valid;
the invalid comes from mutate.py.
"""

from __future__ import annotations

import functools
import io
import random

# `handouts poses` on the built-in library, written out (the generator does not ask the code under test)
POSE_IDS = (
    "balancing-table",
    "bridge",
    "camel",
    "cat-cow",
    "chair-pose",
    "child-pose",
    "cobra",
    "constructive-rest",
    "corpse-pose",
    "dancer",
    "downward-dog",
    "dragonfly",
    "flat-back-forward-bend",
    "knee-drops",
    "kneeling-psoas-stretch",
    "knees-to-chest",
    "knees-to-chest-circles",
    "locust",
    "low-lunge",
    "lying-psoas-stretch",
    "mountain",
    "mountain-one-leg-lifted",
    "neck-side-stretch",
    "pelvic-tilt",
    "prone-knee-bend",
    "reclined-chest-opener",
    "reclined-figure-four",
    "reclining-cobbler",
    "sacral-circles",
    "sacral-thumps",
    "seated-chair-twist",
    "seated-side-bend",
    "shoulder-opener",
    "shoulder-rolls",
    "sphinx",
    "standing-big-toe",
    "standing-chair-twist",
    "standing-forward-bend",
    "standing-psoas-stretch",
    "standing-quad-stretch",
    "supine-cow-face",
    "supine-twist",
    "supported-bridge",
    "supta-padangusthasana",
    "supta-padangusthasana-across",
    "supta-padangusthasana-open",
    "toe-taps",
    "tree",
    "triangle",
    "wall-dog",
    "warrior-1",
    "wrist-circles",
)
HOLDS = (
    "5 breaths",
    "3-5 breaths",
    "30 s",
    "20-30 s",
    "2 min",
    "30 s - 2 min",
    "10 reps",
    "10 cycles",
    "5 circles each way",
    "3 x 30 s",
    "3 x 5 breaths",
    "as long as you like",
    "1 breath",
    "8 reps",
    "45 seconds",
    "1 minute",
    "3 to 5 breaths",
    "4 × 20 s",
    "6 circles in each direction",
    "open",
)
HOLD_MAPS = (
    {"breaths": 5},
    {"breaths": [3, 5], "then": "return the leg to the centre"},
    {"seconds": 30},
    {"seconds": [20, 30], "breath": "slow and even"},
    {"minutes": 2},
    {"reps": 3, "seconds": 30},
    {"reps": 3, "breaths": 3, "then": "stand up straight between rounds"},
    {"reps": 10},
    {"circles": 5, "each_way": True},
    {"cycles": 10},
    {"as_long_as_you_like": True},
)
DURATIONS = ("15 min", "30 min", "20-30 min", "1 h 15 min", "45 min", "10 min", "1 h")
STEP_SIDES = (
    "none",
    "both",
    "right first",
    "left first",
    "right",
    "left",
    "alternate",
    "both sides",
    "each side",
    "right only",
    "left side first",
    "alternating",
)
SERIES_SIDES = ("both", "right first", "left first", "right", "left", "none")
SENTENCES = (
    "Breathe in as you lengthen the spine; breathe out as you soften the shoulders.",
    "Keep the knees soft and the lower back long.",
    "Let the head rest heavy on the floor.",
    "Press the {{ side }} foot into the floor and reach the {{ other_side }} arm up.",
    "Move slowly, and only as far as feels easy.",
    "Stop if you feel any pinching in the hip.",
    "Rest a folded blanket under the knees if the floor is hard.",
    "Draw the navel gently toward the spine.",
    "Cross the {{ side }} ankle over the {{ other_side }} knee.",
    "Ease out of it on an out-breath.",
    "Don't force the twist; let gravity do the work.",
    "Hold the strap with both hands, elbows soft.",
    "Keep the neck long & the chin slightly tucked — no strain.",
    "If your chin tips up toward the ceiling, rest your head on a folded towel.",
    "Bring your attention back to the breath, {{ client.first_name }}.",
    "Practise this one every morning, {{ client.name }}.",
    "Written for {{ client.name }} on {{ date }}.",
    "From {{ studio }}, with {{ instructor }}.",
    "Part of {{ sequence }}.",
    "Avoid after a recent hip replacement <ask your physio> first.",
    "Knie leicht gebeugt halten, Rücken lang.",
    "Mantén la espalda larga y respira con calma.",
    "Gardez les épaules détendues, s'il vous plaît.",
)
UNICODE = (
    "Zoë",
    "Łukasz",
    "Ægir",
    "Dvořák",
    "Śavāsana",
    "Pādāṅguṣṭhāsana",
    "e\u0301te\u0301",
    "Ωmega",
    "ß",
    "Ñandú",
    "Øresund",
    "“quoted”",
    "–",
    "…",
)  # all in the bundled font; the rest is mutate.py's
NAMES = (
    "Ann Example",
    "Jonas Weber",
    "Lucía Romero",
    "Camille Martin",
    "Zoë Müller",
    "O'Brien",
    "Anne-Marie Dupont",
    "Mary <script>",
    "Tom & Jerry",
    'José "Pepe" García',
    "Ng",
    "X Æ A-12",
    "Pat",
    "Dr. Sam Lee, PhD",
    "Ōtsuka Ren",
    "Ahmed Al-Farsi",
    "Ana María de la Cruz y Montenegro",
)
EMAILS = (
    "ann@example.org",
    "jonas@example.org",
    "lucia+yoga@example.org",
    "c.martin@example.fr",
    "zoe@mail.example.de",
    "o'brien@example.ie",
    "test@example.com",
    "a@b.co",
)
FORMATS = ("booklet", "cheatsheet", "matcard")
POINTS = (
    "pelvis",
    "waist",
    "chest",
    "shoulders",
    "neck",
    "head",
    "right hand",
    "left hand",
    "right knee",
    "left knee",
    "right foot",
    "left foot",
    "right elbow",
    "right ankle",
    "right heel",
    "right toes",
)
PROPS = ("strap", "block", "bolster", "towel", "wall", "chair", "desk")
LANGUAGES = ("en", "de", "es", "fr")
VIDEOS = (
    "https://videos.example.org/cat-cow",
    "https://youtu.be/k3Zp9vQx?t=42",
    "http://example.org/v/1#start",
    "https://www.example.com/watch?v=abc&list=xyz",
    "HTTPS://Example.org/%C3%BCbung",
)
TAGS = ("it", "nl", "pt", "sv", "en")


def text(rng: random.Random, sentences: int = 1, sided: bool = False) -> str:
    """Sentences a teacher writes; {{ side }} and {{ other_side }} only where a step's side is known."""
    parts = [rng.choice(SENTENCES) for _ in range(sentences)]
    if rng.random() < 0.15:
        parts.append(rng.choice(UNICODE))
    out = " ".join(parts)
    return (
        out if sided and rng.random() < 0.5 else out.replace("{{ side }}", "the").replace("{{ other_side }}", "other")
    )


def plain(rng: random.Random, words: tuple[str, ...]) -> str:
    return " ".join(rng.choice(words) for _ in range(rng.randint(1, 4))).capitalize()


TITLE_WORDS = (
    "morning",
    "gentle",
    "back",
    "care",
    "release",
    "hips",
    "desk",
    "break",
    "evening",
    "calm",
    "psoas",
    "stretches",
    "neck",
    "shoulders",
    "flow",
    "rest",
    "strong",
    "easy",
)


def hold(rng: random.Random):
    return rng.choice(HOLDS) if rng.random() < 0.7 else dict(rng.choice(HOLD_MAPS))


def figure(rng: random.Random) -> dict:
    angle = lambda lo=-180, hi=180: rng.randint(lo, hi)  # noqa: E731
    fig: dict = {
        "spine": angle() if rng.random() < 0.6 else [angle(), angle()],
        "right arm": [angle(), angle()] + ([angle()] if rng.random() < 0.3 else []),
        "right leg": [angle(), angle()] + ([angle()] if rng.random() < 0.3 else []),
    }
    if rng.random() < 0.3:
        fig["view"] = rng.choice(("side", "front", "top"))
    if rng.random() < 0.3:
        fig["neck"] = angle()
    if rng.random() < 0.2:
        fig["left arm"] = [angle(), angle()]
    if rng.random() < 0.2:
        fig["left leg"] = [angle(), angle()]
    if rng.random() < 0.3:
        prop = rng.choice(PROPS)
        fig["props"] = [{"strap": ["right hand", "right foot"]} if prop == "strap" else {prop: rng.choice(POINTS)}]
    if rng.random() < 0.2:
        fig["hints"] = [{"circle": rng.choice(POINTS), "size": rng.choice((0.1, 0.05, 0.2))}]
    if rng.random() < 0.1:
        fig["ghost"] = {"right leg": [90, -90]}
    return fig


def step(rng: random.Random, images: list[str], in_series: bool = False) -> dict:
    out: dict = {}
    if rng.random() < 0.85:
        out["pose"] = rng.choice(POSE_IDS)
        if rng.random() < 0.2:
            out["name"] = plain(rng, TITLE_WORDS)
    else:
        out["name"] = plain(rng, TITLE_WORDS)
        if rng.random() < 0.5:
            out["figure"] = figure(rng)
    if rng.random() < 0.1:
        out["sanskrit"] = rng.choice(("Tāḍāsana", "Bālāsana", "Supta Matsyendrāsana"))
    if rng.random() < 0.3 and not in_series:
        out["side"] = rng.choice(STEP_SIDES)
    if rng.random() < 0.85:
        out["hold"] = hold(rng)
    for key, p in (("cues", 0.3), ("cautions", 0.3), ("easier", 0.2), ("deeper", 0.15), ("props", 0.1)):
        if rng.random() < p:
            out[key] = [text(rng, sided=key != "props") for _ in range(rng.randint(1, 3))]
    for key, p in (("note", 0.2), ("transition", 0.2)):
        if rng.random() < p:
            out[key] = text(rng, sided=True)
    if rng.random() < 0.05:
        out["library_cautions"] = False
    if images and rng.random() < 0.15:
        name = rng.choice(images)
        out["image"] = (
            name
            if rng.random() < 0.6
            else {
                "file": name,
                "crop": rng.choice(([0.1, 0, 0.9, 1], [0, 0, 1, 1], [0.25, 0.25, 0.75, 0.75])),
                "mirror": rng.random() < 0.5,
            }
        )
    videos = random.Random(repr(out))  # a stream of its own: every case drawn before videos stays as it was
    if videos.random() < 0.15:
        out["video"] = videos.choice(VIDEOS)
    return out


def series(rng: random.Random, images: list[str]) -> dict:
    steps: list = [step(rng, images, in_series=True) for _ in range(rng.randint(1, 4))]
    if len(steps) >= 2 and rng.random() < 0.4:
        repeat: dict = {"repeat": rng.randint(1, len(steps))}
        if rng.random() < 0.5:
            repeat["hold"] = hold(rng)
        steps.append(repeat)
    out: dict = {"series": plain(rng, TITLE_WORDS) + " series", "steps": steps}
    if rng.random() < 0.4:
        out["side"] = rng.choice(SERIES_SIDES)
    if rng.random() < 0.2:
        out["props"] = [rng.choice(PROPS)]
    if rng.random() < 0.2:
        out["note"] = text(rng)
    if rng.random() < 0.1:
        out["transition"] = text(rng)
    return out


def sequence(rng: random.Random, images: list[str]) -> dict:
    out: dict = {"title": plain(rng, TITLE_WORDS)}
    if rng.random() < 0.4:
        out["subtitle"] = text(rng)
    for key, value, p in (
        ("instructor", lambda: rng.choice(NAMES), 0.2),
        ("level", lambda: rng.choice(("gentle", "beginner", "all levels")), 0.3),
        ("duration", lambda: rng.choice(DURATIONS), 0.6),
        ("position", lambda: text(rng), 0.2),
        ("sides", lambda: rng.choice(("right first", "left first")), 0.3),
        ("props", lambda: [rng.choice(PROPS) for _ in range(rng.randint(1, 3))], 0.3),
        ("intro", lambda: text(rng, rng.randint(1, 4)), 0.4),
        ("cautions", lambda: [text(rng) for _ in range(rng.randint(1, 3))], 0.4),
        (
            "timing",
            lambda: (
                {
                    k: rng.choice((4, 8, 10, 12.5))
                    for k in rng.sample(("breath", "rep", "cycle", "circle", "open_ended"), 2)
                }
                | ({"setup": rng.choice((0, 20, 30))} if rng.random() < 0.5 else {})
            ),
            0.2,
        ),
        ("side_cards", lambda: rng.choice(("auto", "together", "per side")), 0.2),
    ):
        if rng.random() < p:
            out[key] = value()
    count = rng.choice((1, 2, 3, 4, 5, 6, 8, 10, 12))
    out["steps"] = [series(rng, images) if rng.random() < 0.15 else step(rng, images) for _ in range(count)]
    return out


def pose_file(rng: random.Random) -> dict:
    poses: dict = {}
    for i in range(rng.randint(1, 3)):
        if rng.random() < 0.4:  # change a built-in pose
            poses[rng.choice(POSE_IDS)] = {rng.choice(("cues", "cautions", "easier", "deeper")): [text(rng)]}
            continue
        pose: dict = {"name": plain(rng, TITLE_WORDS)}
        if rng.random() < 0.5:
            pose["sides"] = rng.choice(("none", "both", "alternate"))
        if rng.random() < 0.5:
            pose["position"] = rng.choice(
                ("supine", "prone", "side-lying", "kneeling", "all-fours", "seated", "standing")
            )
        for key in ("cues", "cautions", "easier", "deeper", "aliases", "props"):
            if rng.random() < 0.3:
                pose[key] = [text(rng) if key != "aliases" else plain(rng, TITLE_WORDS).lower()]
        if rng.random() < 0.6:
            pose["figure"] = figure(rng)
        poses[f"my-pose-{i + 1}"] = pose
    return {"poses": poses}


def studio(rng: random.Random, images: list[str], label_code: str | None) -> dict:
    out: dict = {}
    for key, value, p in (
        ("studio", lambda: rng.choice(("Riverside Back Care", "Yoga & Co", "Studio Ōm")), 0.7),
        ("instructor", lambda: rng.choice(NAMES), 0.6),
        ("contact", lambda: ["maya@example.org", "Tuesdays 18:00, Room 2"][: rng.randint(1, 2)], 0.4),
        ("website", lambda: "riverside.example", 0.3),
        ("logo", lambda: rng.choice(images), 0.3 if images else 0),
        ("accent", lambda: rng.choice(("#1f5f6b", "#AA3300", "#000000", "#ffffff")), 0.4),
        ("paper", lambda: rng.choice(("a4", "letter")), 0.4),
        ("language", lambda: label_code or rng.choice(LANGUAGES), 0.3 if not label_code else 1),
        ("side_cards", lambda: rng.choice(("auto", "together", "per side")), 0.2),
        ("grayscale", lambda: rng.random() < 0.5, 0.2),
        ("images", lambda: rng.choice(("print", "email")), 0.2),
        ("print_file", lambda: rng.random() < 0.5, 0.2),
        ("disclaimer", lambda: text(rng, 2), 0.2),
    ):
        if rng.random() < p:
            out[key] = value()
    if rng.random() < 0.9:
        mail: dict = {
            "from": rng.choice(("Maya Lindqvist <maya@example.org>", "maya@example.org", "Zoë <zoe@example.de>"))
        }
        if rng.random() < 0.6:
            mail["subject"] = rng.choice(
                ("Your practice: {{ handouts }}", "Hello {{ client.first_name }}", "From {{ studio }}", "Your handouts")
            )
        if rng.random() < 0.5:
            mail.update(host="smtp.example.org", user="maya@example.org", security=rng.choice(("starttls", "ssl")))
        if rng.random() < 0.2:
            mail["port"] = rng.choice((25, 465, 587))
        out["mail"] = mail
    return out


@functools.cache
def english_table() -> dict:
    from pathlib import Path

    import yaml

    path = Path(__file__).resolve().parents[2] / "handouts" / "translations" / "en.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def label_table(rng: random.Random) -> dict:
    """Some of the English table's keys, as they are (a real table would translate them)."""
    table = english_table()
    keys = rng.sample(sorted(table), rng.randint(1, len(table)))
    return {k: table[k] for k in keys}


def roster(rng: random.Random, sequences: dict[str, dict], label_code: str | None) -> list[dict]:
    clients = []
    names = rng.sample(NAMES, rng.randint(1, 4))
    for i, name in enumerate(names):
        slug = rng.choice(sorted(sequences))
        handouts = [slug if rng.random() < 0.5 else f"{slug} {rng.choice(FORMATS)}"]
        if rng.random() < 0.3:
            other = f"{rng.choice(sorted(sequences))} {rng.choice(FORMATS)}"
            if other not in handouts and other != f"{slug} booklet":
                handouts.append(other)
        if rng.random() < 0.1:
            handouts = [{"sequence": slug, "format": rng.choice(FORMATS)}]
        client: dict = {"name": name, "email": EMAILS[i % len(EMAILS)], "handouts": handouts}
        if rng.random() < 0.3:
            client["language"] = rng.choice(LANGUAGES + ((label_code,) if label_code else ()))
        if rng.random() < 0.3:
            client["notes"] = [text(rng) for _ in range(rng.randint(1, 2))]
        steps = sequences[slug]["steps"]
        single = [i for i, s in enumerate(steps) if "series" not in s]
        if rng.random() < 0.3 and len(steps) > 1 and single:
            i = rng.choice(single)
            client["leave_out"] = [steps[i]["pose"] if "pose" in steps[i] and rng.random() < 0.5 else str(i + 1)]
        for key in ("easier", "deeper"):
            with_it = [s["pose"] for s in steps if key in s and "pose" in s]
            if with_it and rng.random() < 0.3:
                client[key] = [rng.choice(with_it)]
        clients.append(client)
    return clients


def csv_roster(rng: random.Random, clients: list[dict]) -> str:
    import csv

    columns = ["name", "email", "language", "handouts", "notes", "leave_out", "easier", "deeper"]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n" if rng.random() < 0.3 else "\n")
    writer.writerow(columns)
    for client in clients:
        row = []
        for column in columns:
            value = client.get(column, "")
            if isinstance(value, list):
                value = "; ".join(v if isinstance(v, str) else f"{v['sequence']} {v['format']}" for v in value)
            row.append(value)
        writer.writerow(row)
    return buffer.getvalue()


MESSAGES_TXT = (
    "Hello {{ client.first_name }},\n\nhere are your handouts: {{ handouts }}.\n\n{{ instructor }}\n{{ studio }}\n",
    "Dear {{ client.name }},\n{% for a in attachments %}- {{ a }}\n{% endfor %}See you on {{ date }}.\n",
    "{% if client.notes %}Remember your notes.{% endif %}\nBest, {{ instructor }}\n",
)
MESSAGES_HTML = (
    "<p>Hello {{ client.first_name }},</p>\n<p>{{ handouts }}</p>\n",
    "<ul>{% for a in attachments %}<li>{{ a }}</li>{% endfor %}</ul>\n<p>{{ studio }}</p>\n",
)


@functools.cache
def photo(kind: str, width: int, height: int) -> bytes:
    from PIL import Image

    image = Image.new("RGB", (width, height), (200, 180, 150))
    for x in range(0, width, 4):
        for y in range(0, height, 6):
            image.putpixel((x, y), (30, 80, (x * 7 + y) % 255))
    buffer = io.BytesIO()
    image.save(buffer, format=kind)
    return buffer.getvalue()


def workspace(rng: random.Random) -> dict[str, object]:
    """{path: content}: YAML files as Python data, other files as str or bytes."""
    files: dict[str, object] = {}
    images: list[str] = []
    if rng.random() < 0.25:
        for i in range(rng.randint(1, 2)):
            kind = rng.choice(("JPEG", "PNG"))
            name = f"photo-{i + 1}.{'jpg' if kind == 'JPEG' else 'png'}"
            files[f"images/{name}"] = photo(kind, rng.choice((40, 64, 120)), rng.choice((30, 48, 90)))
            images.append(name)
    sequences = {}
    for i in range(rng.choice((1, 1, 1, 2))):
        slug = rng.choice(("morning-stretch", "low-back", "desk-break", "hips", "neck-care")) + (f"-{i}" if i else "")
        sequences[slug] = sequence(rng, images)
        files[f"sequences/{slug}.yaml"] = sequences[slug]
    if rng.random() < 0.3:
        files["poses/mine.yaml"] = pose_file(rng)
    label_code = None
    if rng.random() < 0.15:
        label_code = rng.choice(TAGS)
        files[f"labels/{label_code}.yaml"] = label_table(rng)
    if rng.random() < 0.85:
        files["studio.yaml"] = studio(rng, images, label_code)
    if rng.random() < 0.8:
        clients = roster(rng, sequences, label_code)
        if rng.random() < 0.2:
            files["clients.csv"] = csv_roster(rng, clients)
        else:
            files["clients.yaml"] = {"clients": clients}
    if rng.random() < 0.3:
        files["mail/message.txt"] = rng.choice(MESSAGES_TXT)
    if rng.random() < 0.15:
        files["mail/message.html"] = rng.choice(MESSAGES_HTML)
    return files
