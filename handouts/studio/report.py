"""What `handouts watch` says after a rebuild: one line (what changed, what was rebuilt, how long), in plain words."""

from __future__ import annotations

from handouts.studio.session import Rebuild


def summary(done: Rebuild) -> str:
    """'sequences/low-back-release.yaml changed: rebuilt low-back-release in 0.14 s', or for a first build
    'built desk-break, low-back-release in 1.20 s'; a sequence with errors is named as not rebuilt."""
    built = [slug for slug in done.slugs if slug not in done.failed]
    parts = []
    if built:
        parts.append(("rebuilt " if done.reason else "built ") + ", ".join(built))
    if done.failed:
        errors = len(done.errors)
        parts.append(
            f"{', '.join(done.failed)} not rebuilt ({errors} error{'s' if errors != 1 else ''}; "
            f"{'its' if len(done.failed) == 1 else 'their'} last good PDFs kept)"
        )
    if done.dropped:
        parts.append(f"{', '.join(done.dropped)} removed (its file is gone)")
    if not parts:
        parts.append("nothing to rebuild")
    line = "; ".join(parts) + f" in {done.seconds:.2f} s"
    return f"{done.reason} changed: {line}" if done.reason else line
