"""How numbers, times and states read in the window: one place, so every tab agrees.

Times are shown in UTC and say so: an audit compares them with server logs and receipts.
"""

from __future__ import annotations

import datetime as dt


def number(value: int | None) -> str:
    return "—" if value is None else f"{value:,}"


def plural(count: int, singular: str, plural_: str | None = None) -> str:
    word = singular if count == 1 else (plural_ or singular + "s")
    return f"{count:,} {word}"


def timestamp(value: dt.datetime | None, *, utc_suffix: bool = True) -> str:
    if value is None:
        return "—"
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC)
    text = value.strftime("%Y-%m-%d %H:%M")
    return f"{text} UTC" if utc_suffix else text


def date(value: dt.date | None) -> str:
    return "—" if value is None else value.isoformat()


def days(count: int | None) -> str:
    if count is None:
        return "—"
    if count == 0:
        return "less than a day"
    return plural(count, "day")


def state(value: str | None) -> str:
    """``"dial_plan"`` -> ``"Dial plan"``."""
    if not value:
        return "—"
    return value.replace("_", " ").capitalize()


def yes_no(value: bool | None, *, undecided: str = "Not decided") -> str:
    if value is None:
        return undecided
    return "Yes" if value else "No"
