"""The argument types every command shares: ids, counts, minutes, days, ports, seconds, dates.

One type per kind of value, so the same text gets the same answer in every command: a value
that is not one, or does not fit, is a usage error (exit 2) with a sentence, raised as
``argparse.ArgumentTypeError`` (``cli._Parser`` turns it into the usage message) before any
database is opened. The limits are the core's (``core.limits``): an id is 1 to 2**31 - 1
because every id column is PostgreSQL's 32-bit ``integer``; a count bound into SQL fits 64
bits; a date is 1900-01-01 to 2999-12-31 so that the console's date arithmetic cannot overflow.

Building the parser imports no heavy module: only ``core.plumbing.errors`` and ``core.limits``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
from collections.abc import Callable
from pathlib import Path

from minisip_console.core import limits
from minisip_console.core.plumbing.errors import InvalidInput

#: the largest id a command accepts (PostgreSQL's ``integer``; see ``core.limits``)
ID_MAX = limits.ID_MAX
#: the largest count (SQLite's INTEGER, PostgreSQL's ``bigint``)
COUNT_MAX = limits.INT64_MAX
PORT_MAX = 65535
#: ``--max-seconds`` and the like: a year is longer than any run should be asked to last
SECONDS_MAX = 366 * 24 * 3600
#: the longest file name and path the common file systems take (Linux's NAME_MAX and PATH_MAX)
NAME_MAX, PATH_MAX = 255, 4096


def _argparse_type(check: Callable[[str], object], name: str) -> Callable[[str], object]:
    """``check`` raising ``ArgumentTypeError`` (argparse's way to a usage error) for ``InvalidInput``."""

    def parse(raw: str) -> object:
        try:
            return check(raw)
        except InvalidInput as exc:
            raise argparse.ArgumentTypeError(exc.message.rstrip(".") + (f": {exc.hint}" if exc.hint else "")) from None

    parse.__name__ = name  # argparse names the type in some messages
    return parse


# --------------------------------------------------------------------------- ids


def id_type(what: str) -> Callable[[str], int]:
    """An id (``what`` is "an account id", "a request id"...): 1 to ``ID_MAX``."""
    return _argparse_type(lambda raw: limits.parse_id(raw, what=what), "id")  # type: ignore[return-value]


account_id = id_type("an account id")
grant_id = id_type("a grant id")
request_id = id_type("a request id")
hold_id = id_type("a hold id")
run_id = id_type("a run id")


# --------------------------------------------------------------------------- numbers


def count_type(*, minimum: int = 0, maximum: int = COUNT_MAX, too_large: str | None = None) -> Callable[[str], int]:
    """A whole number from ``minimum`` to ``maximum`` (``1,000`` and ``1_000`` allowed);
    ``too_large`` replaces the message for a value over ``maximum``."""

    def check(raw: str) -> int:
        value = limits.whole_number(raw, minimum=minimum, maximum=COUNT_MAX, thousands=True)
        if value > maximum:
            raise InvalidInput(too_large or f"must be at most {maximum:,}, not {value:,}")
        return value

    return _argparse_type(check, "count")  # type: ignore[return-value]


#: 0 or more (``--limit`` where 0 means all, the demo's number of CDRs)
count = count_type(minimum=0)
#: 1 or more (``--limit``, ``--batch-size``)
positive_count = count_type(minimum=1)
#: a random seed
seed = count_type(minimum=0)
#: a TCP port
port = count_type(minimum=1, maximum=PORT_MAX, too_large=f"a port is 1 to {PORT_MAX}")


def minutes(maximum: int, *, what: str = "at most {maximum} minutes") -> Callable[[str], int]:
    """1 to ``maximum`` minutes (``what``: the message for more)."""
    return count_type(minimum=1, maximum=maximum, too_large=what.format(maximum=maximum))


def days(maximum: int, *, what: str = "at most {maximum} days") -> Callable[[str], int]:
    """1 to ``maximum`` days (``what``: the message for more)."""
    return count_type(minimum=1, maximum=maximum, too_large=what.format(maximum=maximum))


def _seconds(raw: str) -> float:
    text = raw.strip()
    try:
        value = float(text) if text.isascii() else math.nan
    except ValueError:
        value = math.nan
    if math.isnan(value):
        raise InvalidInput(f"{limits.shown(raw)} is not a number of seconds")
    if not 0 < value <= SECONDS_MAX:
        raise InvalidInput(f"must be more than 0 seconds and at most {SECONDS_MAX:,} (a year), not {limits.shown(text)}")
    return value


#: seconds: more than 0, at most a year (``nan`` and ``inf`` are refused)
seconds = _argparse_type(_seconds, "seconds")


# --------------------------------------------------------------------------- dates and paths


def _date(raw: str) -> dt.date:
    value = raw.strip()
    try:
        if len(value) != 10 or not value.isascii():
            raise ValueError
        parsed = dt.date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(f"{limits.shown(raw)} is not a date: use YYYY-MM-DD, e.g. 2026-03-31") from None
    if not limits.DATE_MIN <= parsed <= limits.DATE_MAX:
        raise InvalidInput(f"{value} is out of range: give a date from {limits.DATE_MIN} to {limits.DATE_MAX}")
    return parsed


#: YYYY-MM-DD, strictly, from 1900-01-01 to 2999-12-31
date = _argparse_type(_date, "date")


def _path(raw: str) -> Path:
    if not raw.strip():
        raise InvalidInput("the file name is empty")
    if "\x00" in raw:
        raise InvalidInput(f"{limits.shown(raw)} is not a file name (it contains a NUL character)")
    value = Path(raw)
    if len(raw.encode("utf-8", "surrogatepass")) > PATH_MAX or any(
        len(part.encode("utf-8", "surrogatepass")) > NAME_MAX for part in value.parts
    ):
        raise InvalidInput(f"{limits.shown(raw)} is too long for a file name (at most {NAME_MAX} bytes a name, {PATH_MAX} a path)")
    return value


#: a file or folder name: not empty, no NUL, not longer than file systems allow
path = _argparse_type(_path, "path")
