"""What fits: the ids, counts and dates the database and the console's arithmetic can hold.

Every check here raises ``InvalidInput`` (exit 2) with a sentence that names the value and its
limit, so an id typed on the command line, read from a CSV file or put in a form gets the same
answer; ``commands/arguments.py`` wraps them as argparse types.

Ids (``ID_MAX``): every id an operator gives (an account, an access grant, a deletion request,
a law-enforcement request, a legal hold, a purge run) names a row of a column that is
PostgreSQL's ``integer``, 32 bits: ``accounts.id``, ``access_grants.id``,
``deletion_requests.id``, ``law_enforcement_requests.id``, ``legal_holds.id``,
``purge_runs.id``, and the ``account_id`` columns that refer to accounts
(``notice_deliveries``, ``deletion_requests``, ``law_request_accounts``, ``disclosures``...).
A larger value is refused: on PostgreSQL it would be "integer out of range" (or match nothing),
and past ``INT64_MAX`` SQLite's driver raises ``OverflowError`` binding it. Only ``cdrs.id``
and ``page_visits.id`` are ``bigint``, and no command takes them.

Counts (``INT64_MAX``): a number bound into SQL (a ``LIMIT``, a batch size) fits SQLite's
64-bit INTEGER and PostgreSQL's ``bigint``.

Dates (``DATE_MIN`` to ``DATE_MAX``): the console adds days to the dates it is given (the day
after a gag order ends, the end of a report's last day, a hold's period); Python's dates end on
9999-12-31, so a date near that end overflows. No date this console records is before 1900 or
after 2999.
"""

from __future__ import annotations

import datetime as dt
import re

from minisip_console.core.plumbing.errors import InvalidInput
from minisip_console.core.text import say

#: PostgreSQL's ``integer``: the id columns (see the module docstring)
ID_MAX = 2**31 - 1
#: SQLite's INTEGER and PostgreSQL's ``bigint``
INT64_MAX = 2**63 - 1
DATE_MIN = dt.date(1900, 1, 1)
DATE_MAX = dt.date(2999, 12, 31)

#: ASCII digits only (Python's ``int`` also takes "١٢", "1_0", "+5" and surrounding space)
_DIGITS = re.compile(r"[0-9]+")
_GROUPED = re.compile(r"[0-9]+(?:[,_][0-9]+)*")
#: more digits than any limit here has: ``int`` is not asked to convert a 10,000-digit string
_MAX_DIGITS = 25


def shown(raw: object, limit: int = 40) -> str:
    """A value as quoted in a message: short, with control characters escaped (``repr``)."""
    text = str(raw)
    return repr(text if len(text) <= limit else text[:limit] + "...")


def whole_number(raw: str | int, *, what: str | None = None, minimum: int = 1, maximum: int = INT64_MAX, thousands: bool = False) -> int:
    """``raw`` as a whole number from ``minimum`` to ``maximum``; ``InvalidInput`` otherwise.

    ``what`` names the value in the message ("an account id"); without it the message is about
    a number ("must be 1 or more"), for a caller that names the option (argparse does). Text is
    ASCII digits with an optional minus sign and surrounding white space; with ``thousands``,
    ``,`` or ``_`` between groups of digits are allowed too (1,000,000)."""
    if isinstance(raw, bool) or not isinstance(raw, int | str):
        raise InvalidInput(_not_whole(raw, what))
    if isinstance(raw, int):
        value = raw
    else:
        text = raw.strip()
        sign, digits = ("-", text[1:]) if text.startswith("-") else ("", text)
        if thousands and _GROUPED.fullmatch(digits):
            digits = digits.replace(",", "").replace("_", "")
        if not _DIGITS.fullmatch(digits):
            raise InvalidInput(_not_whole(raw, what))
        if len(digits.lstrip("0")) > _MAX_DIGITS:
            raise InvalidInput(_too_large(raw, what, maximum))
        value = int(sign + digits)
    if value < minimum:
        raise InvalidInput(
            say("{value} is not {what} ({minimum} or more).", value=value, what=what, minimum=minimum)
            if what
            else say("must be {minimum} or more, not {value}", minimum=minimum, value=value)
        )
    if value > maximum:
        raise InvalidInput(_too_large(value, what, maximum))
    return value


def _not_whole(raw: object, what: str | None) -> str:
    if what:
        return say("{value} is not {what} (it is not a whole number).", value=shown(raw), what=what)
    return say("{value} is not a whole number", value=shown(raw))


def _too_large(raw: object, what: str | None, maximum: int) -> str:
    if what:
        return say("{value} is too large for {what} (at most {maximum:,}).", value=shown(raw), what=what, maximum=maximum)
    return say("must be at most {maximum:,}, not {value}", maximum=maximum, value=shown(raw))


def parse_id(raw: str | int, *, what: str = "an account id") -> int:
    """An id: a whole number from 1 to ``ID_MAX``. The one check for ids from any source (the
    command line, a CSV file, a form); ``InvalidInput`` whose message says what is wrong."""
    return whole_number(raw, what=what, minimum=1, maximum=ID_MAX)


def id_problem(raw: str, *, what: str = "an account id", example: str = "42") -> tuple[int | None, str | None]:
    """A form's id field: ``(id, None)``, or ``(None, the sentence to show beside the field)``
    (empty text: "An account id is required."). The same rule as ``parse_id``: the window and the
    command line take the same ids ("²" or "١٢" pass ``str.isdigit`` but are no id)."""
    text = raw.strip()
    if not text:
        return None, f"{what[:1].upper()}{what[1:]} is required."
    try:
        return parse_id(text, what=what), None
    except InvalidInput as exc:
        return None, say("{error} Give a whole number such as {example}.", error=exc.message, example=example)


def check_date(value: dt.date, *, what: str = "The date") -> dt.date:
    """``value`` if it is between ``DATE_MIN`` and ``DATE_MAX``; ``InvalidInput`` otherwise."""
    if not DATE_MIN <= value <= DATE_MAX:
        raise InvalidInput(
            say("{what} {value} is out of range.", what=what, value=value.isoformat()),
            hint=say("Give a date from {value} to {value2}.", value=DATE_MIN.isoformat(), value2=DATE_MAX.isoformat()),
        )
    return value
