"""Grade a blind check of the figures (see tools/blind_figures.py and docs/figures.md, "Checking figures blind").

    .venv/bin/python tools/blind_grade.py KEY.json ANSWERS.txt [--wrong 3,17,...]

ANSWERS.txt holds the reader's lines, `N: name — SURE|FAIRLY SURE|GUESS`. Without --wrong it lists every
picture: its pose, the reader's answer and the pose's name and aliases, for a person to judge which names are
wrong (a machine cannot: "lying on the back hugging both knees" is a right name for knees to chest). With
--wrong (the numbers judged wrong) it prints the score: the pictures named right with confidence (SURE or
FAIRLY SURE), and every miss with the reader's words, ready to quote. A development aid, not part of the package.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from handouts.core.errors import Collector  # noqa: E402
from handouts.reading.library import load_library  # noqa: E402

LINE = re.compile(r"\s*(\d+)\s*[:.]\s*(.*?)\s*(?:—|--|-)\s*(SURE|FAIRLY SURE|GUESS)\s*$", re.IGNORECASE)


def read_answers(text: str) -> dict[int, tuple[str, str]]:
    """Number -> (the reader's name, their confidence in capitals), from the lines that have both."""
    answers = {}
    for line in text.splitlines():
        match = LINE.match(line)
        if match:
            answers[int(match.group(1))] = (match.group(2), match.group(3).upper())
    return answers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("key", type=Path)
    parser.add_argument("answers", type=Path)
    parser.add_argument("--wrong", default="", help="comma-separated numbers whose names are wrong")
    args = parser.parse_args()
    key = {int(n): entry for n, entry in json.loads(args.key.read_text(encoding="utf-8")).items()}
    answers = read_answers(args.answers.read_text(encoding="utf-8"))
    wrong = {int(n) for n in args.wrong.split(",") if n.strip()}
    library = load_library(None, Collector())
    misses = []
    for number in sorted(key):
        pose = library.poses[key[number]["id"]]
        name, confidence = answers.get(number, ("(no answer)", "GUESS"))
        if not args.wrong:
            aliases = ", ".join(pose.aliases)
            print(f"{number:>3} {pose.id:<28} {confidence:<12} {name}  [{pose.name}; {aliases}]")
        elif number in wrong or confidence == "GUESS":
            why = "wrong" if number in wrong else "right, but a guess"
            misses.append(f'- {pose.name} ({number}): "{name}", {confidence.lower()}: {why}')
    if args.wrong:
        right = len(key) - len(misses)
        print(f"named right with confidence: {right} of {len(key)} ({100 * right / len(key):.1f} %)")
        print("\n".join(misses))
    else:
        sure = sum(1 for _, c in answers.values() if c != "GUESS")
        print(f"{len(answers)} answers, {sure} SURE or FAIRLY SURE; judge the names, then pass --wrong")


if __name__ == "__main__":
    main()
