"""How numbers, times and states read in the window: one place, so every tab agrees.

Times are shown in the operator's local time zone with its offset ("2026-12-07 11:34 +01:00"):
the offset says which zone, so a time compared with a server log or a receipt in UTC can be
checked. The UTC form is one hover away (:func:`utc_tooltip`; every table's datetime column
shows it, ``ui/table_model.py``), and everything written for programs or kept as evidence (the
``--json`` output, the exports, the receipts) is UTC (``core.plumbing.jsontime``).

The local zone is the operating system's; ``TZ`` overrides it (POSIX: ``TZ=Asia/Shanghai``),
which is how the tests and the screenshots fix it. A naive time is UTC: that is how the database
stores them (``core.models.UTCDateTime``).

Words go through :func:`~minisip_console.ui.i18n.tr` when they are asked for, never at import:
the translator is installed after this module is imported.
"""

from __future__ import annotations

import datetime as dt

from minisip_console.ui import i18n
from minisip_console.ui.i18n import tr

NONE = "—"


def number(value: int | None) -> str:
    return NONE if value is None else f"{value:,}"


def plural(count: int, singular: str, plural_: str | None = None) -> str:
    """``"3 accounts"`` from English words (kept for the tabs that still call it; new code uses
    :func:`~minisip_console.ui.i18n.plural` with a translatable template for each form)."""
    word = singular if count == 1 else (plural_ or singular + "s")
    return f"{count:,} {word}"


def _utc(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def local(value: dt.datetime) -> dt.datetime:
    """``value`` in the operating system's zone (``TZ`` when set), aware."""
    return _utc(value).astimezone()


def offset(value: dt.datetime) -> str:
    """The UTC offset of an aware time as ``+01:00`` (``-03:30``, ``+00:00``)."""
    delta = value.utcoffset() or dt.timedelta(0)
    minutes = int(delta.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    hours, minutes = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{minutes:02d}"


def timestamp(value: dt.datetime | None, *, utc_suffix: bool = True) -> str:
    """``2026-12-07 11:34 +01:00``: local time to the minute, with its offset; ``—`` for none.

    ``utc_suffix`` is kept so the calls that pass it keep working; it no longer drops anything: a
    local time without its offset could not be told from UTC."""
    if value is None:
        return NONE
    shown = local(value)
    return f"{shown:%Y-%m-%d %H:%M} {offset(shown)}"


def utc_tooltip(value: dt.datetime | None) -> str | None:
    """``2026-12-07 10:34:00 UTC``: the same moment in UTC to the second, for the hover over a
    local time (what server logs, receipts and exports say); None for no time."""
    if value is None:
        return None
    return f"{_utc(value):%Y-%m-%d %H:%M:%S} UTC"


def date(value: dt.date | None) -> str:
    return NONE if value is None else value.isoformat()


def days(count: int | None) -> str:
    if count is None:
        return NONE
    if count == 0:
        return tr("less than a day")
    return i18n.plural(count, tr("{count:,} day"), tr("{count:,} days"))


def state(value: str | None) -> str:
    """``"dial_plan"`` -> ``"Dial plan"``: a code shown as words (a code with a word of its own in
    a tab's table of words is translated there; this is the fallback for the others)."""
    if not value:
        return NONE
    word = _state_words().get(value)
    return word if word is not None else value.replace("_", " ").capitalize()


def _state_words() -> dict[str, str]:
    """The codes every tab shows through :func:`state`, in the window's language (built when
    called: the translator is installed after import)."""
    return {
        # accounts.status
        "active": tr("Active"),
        "suspended": tr("Suspended"),
        "closed": tr("Closed"),
        "deleted": tr("Deleted"),
        # configurations.kind
        "extension": tr("Extension"),
        "trunk": tr("Trunk"),
        "dial_plan": tr("Dial plan"),
        "ivr": tr("IVR"),
        "voicemail": tr("Voicemail"),
        "queue": tr("Queue"),
        "ring_group": tr("Ring group"),
        # purge_runs.state and who started a run
        "running": tr("Running"),
        "completed": tr("Completed"),
        "unverified": tr("Unverified"),
        "time_limit": tr("Time limit"),
        "failed": tr("Failed"),
        "cancelled": tr("Cancelled"),
        "interrupted": tr("Interrupted"),
        "scheduler": tr("Scheduler"),
        "operator": tr("Operator", "who started a run"),
    }


def yes_no(value: bool | None, *, undecided: str | None = None) -> str:
    """``Yes`` or ``No``; ``undecided`` (default "Not decided") when there is no answer."""
    if value is None:
        return tr("Not decided") if undecided is None else undecided
    return tr("Yes") if value else tr("No")
