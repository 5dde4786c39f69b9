"""A hold in the two forms a file may write it: the short text ("10 cycles", "3 x 30 s") and the mapping
(`{cycles: 10, breath: exhale lowers, inhale returns}`), each made from the other, so that a page can show the
amount in one box and the breath in another, and write the mapping only when it is needed (a breath, or a `then`).
A text the checker cannot read is not turned into a mapping: `mapping` raises ValueError with the checker's words.
"""

from __future__ import annotations

from typing import Any

from handouts.core.model import Amount
from handouts.reading.holds import _Bad, parse_hold_text

_UNITS = {
    "breaths": "breaths",
    "reps": "reps",
    "cycles": "cycles",
    "circles": "circles",
    "seconds": "s",
    "minutes": "min",
}
AMOUNT_KEYS = ("reps", "breaths", "seconds", "minutes", "cycles", "circles", "each_way", "as_long_as_you_like")


def _number(value: float) -> int | float:
    return int(value) if value == int(value) else value


def _amount(amount: Amount, scale: float = 1) -> Any:
    low, high = _number(amount.low / scale), _number(amount.high / scale)
    return low if low == high else [low, high]


def mapping(text: str) -> dict[str, Any]:
    """The amount of the short text `text` as the mapping form writes it ("10 cycles" -> {cycles: 10})."""
    try:
        read = parse_hold_text(text)
    except _Bad as bad:
        raise ValueError(bad.message) from None
    if read.get("open_ended"):
        return {"as_long_as_you_like": True}
    out: dict[str, Any] = {}
    if "reps" in read:
        out["reps"] = _amount(read["reps"])
    if "seconds" in read:
        if read.get("in_minutes"):
            out["minutes"] = _amount(read["seconds"], 60)
        else:
            out["seconds"] = _amount(read["seconds"])
    for kind in ("breaths", "cycles", "circles"):
        if kind in read:
            out[kind] = _amount(read[kind])
    if read.get("each_way"):
        out["each_way"] = True
    return out


def _shown(value: Any) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return f"{value:g}"
    if isinstance(value, list) and len(value) == 2 and all(_shown(v) for v in value):
        return f"{_shown(value[0])}-{_shown(value[1])}"
    return None


def text(hold: Any) -> str | None:
    """The amount of a hold mapping as the short text says it ({cycles: 10, breath: ...} -> "10 cycles"), None
    when the mapping holds something the short text cannot say (or nothing to say)."""
    if not hasattr(hold, "items"):
        return None
    given = {str(key): value for key, value in hold.items() if str(key) in AMOUNT_KEYS}
    if given.get("as_long_as_you_like") is True and len(given) == 1:
        return "as long as you like"
    each_way = given.pop("each_way", None)
    reps = given.pop("reps", None)
    if len(given) > 1 or (each_way is not None and (each_way is not True or "circles" not in given)):
        return None
    parts = []
    for kind, value in given.items():
        shown = _shown(value)
        if shown is None:
            return None
        unit = _UNITS.get(kind)
        if unit is None:
            return None
        parts.append(f"{shown} {unit[:-1] if shown == '1' and kind in ('breaths', 'cycles', 'circles') else unit}")
    if each_way:
        parts[-1] += " each way"
    if reps is not None:
        shown_reps = _shown(reps)
        if shown_reps is None or (parts and "-" in shown_reps):
            return None
        return f"{shown_reps} x {parts[0]}" if parts else f"{shown_reps} reps"
    return parts[0] if parts else None
