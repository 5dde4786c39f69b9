"""Fuzzing handouts: realistic workspaces, the ways people and attackers break them, and the property they must
keep ("check reports located errors, exit 2, or build and the mail drafts succeed").

- generate.py  a realistic workspace from a random.Random: sequences (built-in poses, series, repeats, holds of
               every form, sides, cautions, variations, templates), a pose file, studio.yaml, a label table, a
               roster (YAML or CSV), mail templates, small photos
- mutate.py    breaking it: wrong types, deleted/duplicated/misspelt keys, non-finite and huge numbers, YAML tags,
               anchors, control characters, long strings, deep nesting, unicode, empty and binary files,
               hostile templates, odd names and addresses, broken label tables, pose figures and images
- check.py     the property, run in-process (`handouts.commands.cli.main`): one case -> one Outcome

Used by tests/test_fuzz.py (a fixed-seed slice under hypothesis) and tools/fuzz.py (`make fuzz`, many cases on
every core). Both draw a case from a seed, so any failing case is made again from its seed alone.
"""

from .check import Outcome, run_case
from .generate import workspace
from .mutate import mutate

__all__ = ["Outcome", "make_case", "mutate", "run_case", "workspace"]


def make_case(rng, mutations: int | None = None) -> tuple[dict[str, bytes], list[str]]:
    """A workspace drawn from `rng`, broken by 0-3 mutations (about one case in five is left intact): its files
    and the mutations applied, in words."""
    spec = workspace(rng)
    if mutations is None:
        mutations = rng.choice((0, 1, 1, 1, 2, 2, 3))
    return mutate(spec, rng, mutations)
