"""Breaking a workspace the way people and attackers do.

`mutate(spec, rng, count)` applies `count` mutations to a workspace from generate.py and returns its files as
bytes with the mutations in words ("sequences/hips.yaml: steps[2].hold -> nan"). Three kinds:
- on the data of a YAML file (wrong types, deleted or misspelt keys, non-finite and huge numbers, long strings,
  control characters, unicode, hostile templates, deep nesting, thousands of steps);
- on the text of a file once written (YAML tags, anchors and aliases, duplicated or deleted lines, tabs, CR/LF,
  a BOM, UTF-16, truncation, binary garbage, an empty file, a file over the size limit);
- on the workspace (odd client names and addresses, broken label tables, photos that are truncated, garbage or
  a decompression bomb, crops of a few pixels, hostile mail templates, files removed or oddly named, a link out).
"""

from __future__ import annotations

import random
import struct
import zlib

import yaml

from .generate import english_table, photo

NUMBERS = (float("nan"), float("inf"), float("-inf"), 1e308, -1e308, 0, -1, -5, 10**20, 2.5, 1e-9, 123456789)
WRONG = (42, -1, 3.5, True, False, None, [], {}, ["a", "b"], {"x": 1}, "text", "", " ", "~", [[1]], [None])
CONTROL = (
    "\x00",
    "\x07",
    "\x1b[31mred\x1b[0m",
    "\r",
    "\n",
    "\r\n",
    "\u2028",
    "\u202e",
    "\t",
    "\x7f",
    "\ufeff",
    "\x85",
    "\x0c",
    "\b\b\b",
    "\ud800"[:0] + "\x1f",
)
UNICODE = (
    "\u202eevil",
    "e\u0301\u0301\u0301",
    "🧘‍♀️",
    "👨‍👩‍👧‍👦",
    "ताड़ासन",
    "مرحبا بالعالم",
    "שָׁלוֹם",
    "Z̷̧̛a̶l̸g̵o̵",
    "\U0001f600" * 20,
    "日本語のテキスト",
    "ﷺ",
    "\ufffd",
    "\U000e0041",
    "ꙮ",
    "𝕳𝖊𝖑𝖑𝖔",
    "Ａｂｃ",
    "İıŞş",
)
TEMPLATES = (
    "{{ client.nmae }}",
    "{{ clinet.name }}",
    "{{ 1/0 }}",
    "{{ 'a' * 100000000 }}",
    "{{ range(10**9) | list }}",
    "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
    "{% for i in range(3) %}{{ i }}{% endfor %}",
    "{{ client.name + 1 }}",
    "{% if %}",
    "{{ x",
    "{{ }}",
    "{{ ''.__class__.__mro__ }}",
    "{{ date.year }}",
    "{{ client.name | upper }}",
    "{{ side }}",
    "{{ other_side }}",
    "{% raw %}{{ client.name }}{% endraw %}",
    "{{ client['name'] }}",
    "{{ lipsum(1000) }}",
    "{{ cycler }}",
    "{% set x = 'a' * 1000 %}{{ x * 1000 }}",
    "{{ 10 ** 10 ** 10 }}",
    "{{ (client.name ~ ' ') * 1000 }}",
    "{{ namespace }}",
    "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
    "{# a comment #}",
    "{{ client.notes[99] }}",
    "{% include 'x' %}",
    "{% extends 'base' %}",
    "{{ studio | int }}",
    "{{ '%s' % client }}",
    "{{ undefined_name }}",
)
NAMES = (
    "Ann\r\nBcc: evil@example.org",
    "Ann\x00Example",
    "Ann\nExample",
    "\u202eelpmaxE nnA",
    "A" * 300,
    "   ",
    "",
    "Zoë\u0301",
    "👩‍⚕️ Doc",
    "=?utf-8?q?x?=",
    'Ann "The" <Example>',
    "Ann,Example",
    "Ann; Bob",
    "مريم",
    "Ann\tExample",
    "a" * 5000,
    "\x1b[2J",
    "--",
    "..",
    "../../etc",
    "CON",
    "a/b\\c",
)
ADDRESSES = (
    "a@b",
    "ann@example.org, bob@example.org",
    "<ann@example.org>",
    "ann@exa mple.org",
    "ann@例え.jp",
    "x" * 300 + "@example.org",
    "ann@example.org\r\nBcc: evil@example.org",
    "ann",
    "@example.org",
    "ann@",
    "Ann <ann@example.org>",
    "ann@@example.org",
    "ann@example.org\x00",
    "ann@-example.org",
    "ann.@example.org",
    '"ann smith"@example.org',
    "ÄNN@EXAMPLE.ORG",
    "",
)
TAGS = (
    '!!int "x"',
    "!!bool maybe",
    "!!timestamp bogus",
    "!custom 5",
    "!!python/name:os.system",
    '!!python/object/apply:os.system ["echo pwned"]',
    "!!float nan",
    "!!binary AAAA",
    "!!str",
    "!!null",
    "!!float .inf",
    "!!int 0x1F",
    "!!map",
    "!!seq",
    "!!set",
    "!!omap",
    "!<tag:yaml.org,2002:int> 7",
    "!!python/tuple [1, 2]",
    "!!merge",
    "!!float 1e999",
    "!!int 99999999999999999999999999",
)


def _paths(data, prefix=()) -> list[tuple]:
    """Every (container path, key) in a YAML data tree."""
    out = []
    if isinstance(data, dict):
        for key, value in data.items():
            out.append(prefix + (key,))
            out.extend(_paths(value, prefix + (key,)))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            out.append(prefix + (i,))
            out.extend(_paths(value, prefix + (i,)))
    return out


def _get(data, path):
    for key in path:
        data = data[key]
    return data


def _show(path) -> str:
    return "".join(f"[{k}]" if isinstance(k, int) else f".{k}" for k in path).lstrip(".") or "(top)"


def _short(value) -> str:
    text = repr(value)
    return text if len(text) < 60 else text[:40] + f"... ({len(text)} chars)"


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 2:
        return word + "x"
    i = rng.randrange(len(word) - 1)
    op = rng.randrange(3)
    if op == 0:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if op == 1:
        return word[:i] + word[i + 1 :]
    return word[:i] + rng.choice("aeiousnrt") + word[i:]


def _deep(value, depth: int, rng: random.Random):
    for _ in range(depth):
        value = [value] if rng.random() < 0.5 else {"a": value}
    return value


def _data_mutation(data, rng: random.Random) -> tuple[object, str]:
    paths = _paths(data)
    op = rng.choice(
        (
            "wrong",
            "delete",
            "typo",
            "number",
            "number",
            "long",
            "control",
            "control",
            "unicode",
            "template",
            "template",
            "deep",
            "many",
            "empty",
            "duplicate-item",
            "top",
        )
    )
    if op == "top" or not paths:
        new = rng.choice(WRONG + ([data, data], "just some words", 5))
        return new, f"the whole file -> {_short(new)}"
    path = rng.choice(paths)
    parent, key = _get(data, path[:-1]), path[-1]
    value = parent[key]
    where = _show(path)
    if op == "wrong":
        parent[key] = rng.choice(WRONG)
    elif op == "delete":
        del parent[key]
        return data, f"{where} deleted"
    elif op == "typo" and isinstance(key, str):
        items = list(parent.items())
        new_key = _typo(key, rng)
        parent.clear()
        parent.update((new_key if k == key else k, v) for k, v in items)
        return data, f"{where}: key misspelt as {new_key!r}"
    elif op == "number":
        parent[key] = rng.choice(NUMBERS)
        if isinstance(value, list) and value and rng.random() < 0.5:  # a number inside a list (angles, ranges)
            value[rng.randrange(len(value))] = rng.choice(NUMBERS)
            parent[key] = value
    elif op == "long":
        n = rng.choice((121, 201, 300, 2001, 5000, 100_000))
        unit = rng.choice(("x", "word ", "Pādāṅguṣṭhāsana", "Supercalifragilistic", "{{ client.name }} "))
        parent[key] = (unit * (n // len(unit) + 1))[:n]
    elif op == "control":
        base = value if isinstance(value, str) else "text"
        i = rng.randrange(len(base) + 1)
        parent[key] = base[:i] + rng.choice(CONTROL) + base[i:]
    elif op == "unicode":
        base = value if isinstance(value, str) else "text"
        parent[key] = rng.choice((base + " " + rng.choice(UNICODE), rng.choice(UNICODE)))
    elif op == "template":
        base = value if isinstance(value, str) else ""
        parent[key] = (base + " " + rng.choice(TEMPLATES)).strip()
    elif op == "deep":
        parent[key] = _deep(value, rng.choice((10, 50, 150)), rng)
    elif op == "many" and isinstance(value, list) and value:
        n = rng.choice((27, 30, 101, 150, 1000, 5000))
        parent[key] = [value[i % len(value)] for i in range(n)]
        return data, f"{where}: {n} items"
    elif op == "empty":
        parent[key] = rng.choice(([], {}, "", None))
    elif op == "duplicate-item" and isinstance(parent, list):
        parent.insert(key, value)
        return data, f"{where} duplicated"
    else:
        parent[key] = rng.choice(WRONG)
    return (
        data,
        f"{where} -> {_short(parent[key]) if key in (parent if isinstance(parent, dict) else range(len(parent))) else '?'}",
    )


def dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def _value_lines(text: str) -> list[int]:
    return [i for i, line in enumerate(text.split("\n")) if ": " in line and not line.strip().startswith("#")]


def _text_mutation(raw: bytes, rng: random.Random) -> tuple[bytes, str]:
    text = raw.decode("utf-8", "replace")
    lines = text.split("\n")
    op = rng.choice(
        (
            "tag",
            "tag",
            "tag",
            "dup-line",
            "delete-line",
            "tab",
            "truncate",
            "garbage",
            "empty",
            "bom",
            "utf16",
            "latin1",
            "crlf",
            "cr",
            "anchor",
            "alias-bomb",
            "bad-alias",
            "merge",
            "multi-doc",
            "huge",
            "deep-text",
            "raw-control",
            "long-line",
            "comment-only",
            "indent",
        )
    )
    if op == "tag" and _value_lines(text):
        i = rng.choice(_value_lines(text))
        tag = rng.choice(TAGS)
        head, _, tail = lines[i].partition(": ")
        lines[i] = f"{head}: {tag} {tail}" if rng.random() < 0.5 or " " in tag else f"{head}: {tag}"
        return "\n".join(lines).encode(), f"line {i + 1}: tag {tag}"
    if op == "dup-line" and lines:
        i = rng.randrange(len(lines))
        lines.insert(i, lines[i])
        return "\n".join(lines).encode(), f"line {i + 1} doubled"
    if op == "delete-line" and lines:
        i = rng.randrange(len(lines))
        del lines[i]
        return "\n".join(lines).encode(), f"line {i + 1} deleted"
    if op == "tab" and lines:
        i = rng.randrange(len(lines))
        lines[i] = "\t" + lines[i].lstrip(" ")
        return "\n".join(lines).encode(), f"line {i + 1} indented with a tab"
    if op == "indent" and lines:
        i = rng.randrange(len(lines))
        lines[i] = " " * rng.choice((1, 3, 7)) + lines[i]
        return "\n".join(lines).encode(), f"line {i + 1} indented oddly"
    if op == "truncate" and raw:
        n = rng.randrange(len(raw))
        return raw[:n], f"cut after byte {n}"
    if op == "garbage":
        garbage = bytes(rng.randrange(256) for _ in range(rng.choice((1, 16, 512))))
        return (garbage if rng.random() < 0.5 else raw + garbage), f"binary garbage ({len(garbage)} bytes)"
    if op == "empty":
        return rng.choice((b"", b"\n", b"   \n", b"# only a comment\n", b"---\n", b"...\n", b"~\n")), "emptied"
    if op == "bom":
        return b"\xef\xbb\xbf" + raw, "a UTF-8 BOM"
    if op == "utf16":
        return text.encode("utf-16"), "saved as UTF-16"
    if op == "latin1":
        return raw.replace(b"e", b"\xe9", 1), "a Latin-1 byte"
    if op == "crlf":
        return raw.replace(b"\n", b"\r\n"), "CR/LF line ends"
    if op == "cr":
        return raw.replace(b"\n", b"\r"), "CR line ends (old Mac)"
    if op == "anchor" and _value_lines(text):
        i, j = rng.choice(_value_lines(text)), rng.choice(_value_lines(text))
        head, _, tail = lines[i].partition(": ")
        lines[i] = f"{head}: &a {tail}"
        head2, _, _ = lines[j].partition(": ")
        if j != i:
            lines[j] = f"{head2}: *a"
        return "\n".join(lines).encode(), f"anchor on line {i + 1}, alias on line {j + 1}"
    if op == "alias-bomb":
        bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
            f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi")
        )
        return (bomb + text).encode(), "billion laughs at the top"
    if op == "bad-alias" and _value_lines(text):
        i = rng.choice(_value_lines(text))
        head, _, _ = lines[i].partition(": ")
        lines[i] = f"{head}: *nowhere"
        return "\n".join(lines).encode(), f"line {i + 1}: an alias to no anchor"
    if op == "merge":
        return (
            "base: &base {hold: 5 breaths}\n" + text.replace("- pose:", "- <<: *base\n  pose:", 1)
        ).encode(), "a merge key"
    if op == "multi-doc":
        return (text + "\n---\n" + text).encode(), "two YAML documents"
    if op == "huge":
        filler = "# " + "x" * 98 + "\n"
        return raw + (filler * 11_000).encode(), "over 1 MB of comments"
    if op == "raw-control" and raw:
        i = rng.randrange(len(raw))
        char = rng.choice((b"\x00", b"\x07", b"\x1b", b"\x0b", b"\x7f", b"\xc2\x85", b"\xe2\x80\xa8"))
        return raw[:i] + char + raw[i:], f"byte(s) {char!r} at {i}"
    if op == "deep-text" and _value_lines(text):
        i = rng.choice(_value_lines(text))
        head, _, _ = lines[i].partition(": ")
        depth = rng.choice((500, 5000, 50_000))
        lines[i] = f"{head}: " + "[" * depth + "]" * depth
        return "\n".join(lines).encode(), f"line {i + 1}: lists nested {depth} deep"
    if op == "long-line":
        return (text + "\n# " + "y" * 200_000 + "\n").encode(), "a 200,000-character line"
    if op == "comment-only":
        return b"# nothing here yet\n", "only a comment"
    i = rng.randrange(len(lines)) if lines else 0
    return "\n".join(lines[:i] + ["  - ]["] + lines[i:]).encode(), f"line {i + 1}: YAML syntax error"


def _png_bomb(width: int, height: int) -> bytes:
    """A valid PNG header claiming a huge picture, with one tiny compressed row: a decompression bomb."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    head = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", head) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b"")
    )


def _workspace_mutation(files: dict[str, object], rng: random.Random, devices: bool) -> str:
    op = rng.choice(
        (
            "client-name",
            "client-name",
            "address",
            "address",
            "labels",
            "image",
            "image",
            "crop",
            "mail-template",
            "mail-template",
            "remove",
            "odd-file",
            "link",
            "unknown-handout",
            "leave-out-all",
            "subject",
        )
    )
    roster = files.get("clients.yaml")
    clients = roster.get("clients") if isinstance(roster, dict) else None
    if (
        op in ("client-name", "address", "unknown-handout", "leave-out-all")
        and isinstance(clients, list)
        and clients
        and isinstance(clients[0], dict)
    ):
        client = rng.choice([c for c in clients if isinstance(c, dict)] or [{}])
        if op == "client-name":
            client["name"] = rng.choice(NAMES)
            return f"clients.yaml: a client's name -> {_short(client['name'])}"
        if op == "address":
            client["email"] = rng.choice(ADDRESSES)
            return f"clients.yaml: a client's email -> {_short(client['email'])}"
        if op == "unknown-handout":
            client["handouts"] = [
                rng.choice(
                    ("no-such-sequence", "low-back cheatsheat", "../studio", "a b c", "low-back booklet extra", "")
                )
            ]
            return f"clients.yaml: handouts -> {client['handouts']!r}"
        client["leave_out"] = [str(i) for i in range(1, 40)]
        return "clients.yaml: every step left out"
    if op == "labels":
        code = rng.choice(("it", "xx", "en", "de"))
        table = {k: v for k, v in english_table().items() if rng.random() < 0.5}
        key = rng.choice(sorted(english_table()))
        broken = rng.choice(
            (
                "{m} oops",
                "no placeholder",
                "{n} {n} {extra}",
                "{",
                "}",
                "{0}",
                "{n!r}",
                "{n:>99999}",
                ["only one"],
                5,
                None,
                "",
                {"a": 1},
                "{n.__class__}",
                "{n[0]}",
            )
        )
        table[key] = broken
        if rng.random() < 0.3:
            table["no_such_label"] = "extra"
        files[f"labels/{code}.yaml"] = table
        studio = files.get("studio.yaml")
        if isinstance(studio, dict):
            studio["language"] = code
        return f"labels/{code}.yaml: {key} -> {_short(broken)}"
    if op == "image":
        name = rng.choice(("photo-1.jpg", "photo-1.png"))
        kind = rng.choice(("truncated", "garbage", "empty", "bomb", "tiny", "wrong-ext", "huge-side"))
        data = {
            "truncated": photo("JPEG", 64, 48)[:300],
            "garbage": bytes(range(256)) * 4,
            "empty": b"",
            "bomb": _png_bomb(20_000, 20_000),
            "tiny": photo("PNG", 1, 1),
            "wrong-ext": photo("PNG", 40, 30),
            "huge-side": _png_bomb(40_000, 2),
        }[kind]
        files[f"images/{name}"] = data
        _use_image(files, name, rng)
        return f"images/{name}: {kind}"
    if op == "crop":
        files["images/photo-1.jpg"] = photo("JPEG", 64, 48)
        crop = rng.choice(
            (
                [0.5, 0.5, 0.501, 0.501],
                [0, 0, 0.01, 1],
                [0.1, 0.1, 0.1000001, 0.2],
                [0, 0, 1, 1],
                [0.9, 0.9, 1, 1],
                [1, 1, 0, 0],
                [0, 0, 1, float("nan")],
            )
        )
        _use_image(files, {"file": "photo-1.jpg", "crop": crop}, rng)
        return f"images/photo-1.jpg (64x48) cropped to {crop}"
    if op == "mail-template":
        template = rng.choice(TEMPLATES)
        kind = rng.choice(("txt", "html"))
        files[f"mail/message.{kind}"] = f"Hello {{{{ client.first_name }}}},\n{template}\n"
        return f"mail/message.{kind}: {template}"
    if op == "subject":
        studio = files.setdefault("studio.yaml", {})
        if isinstance(studio, dict):
            mail = studio.setdefault("mail", {"from": "maya@example.org"})
            if isinstance(mail, dict):
                mail["subject"] = rng.choice(TEMPLATES + ("Line one\nBcc: evil@example.org", "x" * 2000))
                return f"studio.yaml: mail.subject -> {_short(mail['subject'])}"
    if op == "remove" and files:
        path = rng.choice(sorted(files))
        del files[path]
        return f"{path} removed"
    if op == "odd-file":
        path = rng.choice(
            (
                "sequences/My Flow.yaml",
                "sequences/.hidden.yaml",
                "sequences/x.yml",
                "sequences/UPPER.yaml",
                "sequences/notes.txt",
                "poses/empty.yaml",
                "sequences/ü.yaml",
                "labels/en.yaml",
                "poses/x.yaml",
            )
        )
        files[path] = rng.choice(({"title": "T", "steps": [{"pose": "bridge"}]}, b"", b"\xff\xfe", {"poses": {}}))
        return f"{path} added"
    if op == "link":
        target = "/dev/zero" if devices and rng.random() < 0.5 else "/etc/hostname"
        path = rng.choice(("images/photo-1.jpg", "sequences/linked.yaml", "poses/linked.yaml"))
        files[path] = Link(target)
        if path.startswith("images/"):
            _use_image(files, "photo-1.jpg", rng)
        return f"{path} -> a link to {target}"
    return "nothing (the mutation found nothing to break)"


class Link(str):
    """A symbolic link to the given target, in place of a file."""


def _use_image(files: dict[str, object], ref, rng: random.Random) -> None:
    for path, data in files.items():
        if path.startswith("sequences/") and isinstance(data, dict) and isinstance(data.get("steps"), list):
            steps = [s for s in data["steps"] if isinstance(s, dict) and "series" not in s]
            if steps:
                rng.choice(steps)["image"] = ref
                return


def _bytes(content) -> bytes | Link:
    if isinstance(content, Link):
        return content
    if isinstance(content, bytes):
        return content
    if isinstance(content, str):
        return content.encode("utf-8", "surrogatepass")
    return dump(content).encode("utf-8", "surrogatepass")


def mutate(
    spec: dict[str, object], rng: random.Random, count: int, devices: bool = False
) -> tuple[dict[str, bytes], list[str]]:
    """The workspace's files as bytes (or Link), after `count` mutations, and what they were."""
    done: list[str] = []
    kinds = [rng.choice(("data", "data", "text", "workspace")) for _ in range(count)]
    for kind in kinds:
        if kind == "workspace":
            done.append(_workspace_mutation(spec, rng, devices))
        elif kind == "data":
            yamls = [p for p, v in spec.items() if not isinstance(v, (str, bytes))]
            if yamls:
                path = rng.choice(yamls)
                spec[path], what = _data_mutation(spec[path], rng)
                done.append(f"{path}: {what}")
    files = {path: _bytes(content) for path, content in spec.items()}
    for kind in kinds:
        if kind == "text":
            texts = [p for p, v in files.items() if not isinstance(v, Link) and not p.startswith("images/")]
            if texts:
                path = rng.choice(texts)
                files[path], what = _text_mutation(files[path], rng)
                done.append(f"{path}: {what}")
    return files, done
