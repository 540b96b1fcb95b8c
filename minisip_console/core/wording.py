"""Counts and shares as the console says them, for the core and the CLI (no Qt here).

``plural(1, "row")`` is "1 row", never "1 rows"; ``percent(0.004)`` is "less than 1%", never a
"0%" that hides rows that are there. The window's ``ui.formatting.plural`` says counts the same way.
"""

from __future__ import annotations

from minisip_console.core.text import say


def plural(count: int, singular: str, plural_: str | None = None) -> str:
    """``"1 row"``, ``"13,261 rows"``; ``plural_`` for irregular words (``"batch", "batches"``)."""
    word = singular if count == 1 else (plural_ or singular + "s")
    return f"{count:,} {word}"


def percent(part: float, whole: float | None = None) -> str:
    """``part`` (a fraction, or a count of ``whole``) as a whole percentage that never rounds to a lie:
    a share above 0 reads "less than 1%", one short of the whole "more than 99%"."""
    share = part if whole is None else (part / whole if whole else 0.0)
    if share <= 0:
        return "0%"
    if share >= 1:
        return "100%"
    if share < 0.01:
        return say("less than 1%")
    if share > 0.99:
        return say("more than 99%")
    return f"{share:.0%}"
