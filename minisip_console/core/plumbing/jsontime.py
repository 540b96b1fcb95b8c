"""The one form a moment takes in what the console writes for programs: ``--json`` output and the
CSV and JSON exports (issue 16).

A moment is ISO 8601 in UTC, to the second, with its offset written out:
``2026-12-07T10:34:56+00:00`` (:func:`iso`); a date stays ``2026-12-07``. A script reading any
command's output parses one form, whatever zone the operator's machine is in (the window shows
local times; programs get UTC). A naive time is UTC already: that is how the database stores them
(``models.UTCDateTime``).

:func:`jsonable` is what ``commands.base.Output`` passes every ``--json`` answer through: it turns
``datetime`` values into :func:`iso`, and a string that is a whole ISO 8601 moment in another
spelling (a core ``to_dict`` that wrote ``isoformat()``, with microseconds or another offset) into
the same form, so no command can print a second form by forgetting to call :func:`iso`.

Two writings keep their own form on purpose, because a hash is computed over them: the audit
log's CSV export (``occurred_at`` to the microsecond, as the chain hashes it) and the deletion
certificate (rebuilt byte for byte to match the SHA-256 recorded when the request completed).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

#: what :func:`iso` writes, and nothing else: the tests hold every ``--json`` output against it
ISO_PATTERN = re.compile(r"\A\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00\Z")
#: a date, the other form a ``--json`` value may take
DATE_PATTERN = re.compile(r"\A\d{4}-\d{2}-\d{2}\Z")

#: a whole string that is a moment in another spelling: "2026-12-07T10:34:56.123456+01:00",
#: "2026-12-07 10:34:56", "2026-12-07T10:34Z" (what ``isoformat()`` or ``str()`` wrote)
_MOMENT = re.compile(r"\A\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?\Z")


def utc(value: dt.datetime) -> dt.datetime:
    """``value`` as an aware UTC time (a naive one is taken to be UTC already)."""
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def iso(value: dt.datetime) -> str:
    """``2026-12-07T10:34:56+00:00``: UTC, to the second, the offset written out."""
    return utc(value).replace(microsecond=0).isoformat()


def iso_or_none(value: dt.datetime | None) -> str | None:
    return None if value is None else iso(value)


def cell(value: Any) -> Any:
    """One value as an export writes it: a moment through :func:`iso`, a date as ``YYYY-MM-DD``,
    anything else as it is."""
    if isinstance(value, dt.datetime):
        return iso(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def moment_text(text: str) -> str:
    """``text`` in :func:`iso`'s form when the whole of it is a moment in another spelling, else
    ``text`` unchanged (words, dates, a moment inside a sentence)."""
    if not _MOMENT.match(text) or ISO_PATTERN.match(text):
        return text
    try:
        return iso(dt.datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:  # "2026-02-30T10:00": not a moment after all
        return text


def jsonable(data: Any) -> Any:
    """``data`` with every moment in it (a ``datetime``, or a string that is one) in :func:`iso`'s
    form and every date as ``YYYY-MM-DD``; dicts, lists and tuples walked, the rest as it is."""
    if isinstance(data, str):
        return moment_text(data)
    if isinstance(data, dt.date):
        return cell(data)
    if isinstance(data, Mapping):
        return {key: jsonable(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [jsonable(value) for value in data]
    return data


def default(value: Any) -> Any:
    """``json.dump``'s ``default``: a moment or a date as above, anything else as ``str``."""
    if isinstance(value, dt.date):
        return cell(value)
    return str(value)
