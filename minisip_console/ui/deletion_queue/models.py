"""The Deletion queue tab's rows and words: the queue's filters, urgency colours, the table model, the history lines."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6 import QtCore

from minisip_console.ui import formatting, theme

if TYPE_CHECKING:
    import datetime as dt
    from typing import Any

    from PySide6.QtWidgets import QWidget

    from minisip_console.core.deletion import RequestInfo, TimelineEvent
    from minisip_console.ui.table_model import ListTableModel


#: the state filter: (label, states or None for all)
STATE_FILTERS: tuple[tuple[str, tuple[str, ...] | None], ...] = (
    ("All requests", None),
    ("Open (received, approved, executing, verifying)", ("received", "approved", "executing", "verifying")),
    ("Received: waiting for approval", ("received",)),
    ("Approved: waiting to be carried out", ("approved",)),
    ("Executing or verifying", ("executing", "verifying")),
    ("Completed", ("completed",)),
    ("Failed verification", ("failed",)),
    ("Rejected", ("rejected",)),
    ("Cancelled", ("cancelled",)),
)

OPEN = frozenset(("received", "approved", "executing", "verifying"))

SCOPES = (
    ("configurations", "Configurations and uploaded files"),
    ("account", "The whole account (all personal data; the account row kept as a tombstone)"),
)


#: urgency -> (background, foreground) of the days-left cell
#: urgency -> (background, text): fields of ui.theme's Theme
URGENCY_COLOURS = {"green": ("good_bg", "good"), "amber": ("warn_bg", "warn"), "red": ("bad_bg", "bad")}

URGENCY_WORDS = {"green": "on time", "amber": "due within 7 days", "red": "overdue"}

ACTION_WORDS = {
    "deletion.request": "Filed",
    "deletion.approve": "Approved",
    "deletion.reject": "Rejected",
    "deletion.cancel": "Cancelled",
    "deletion.execute": "Carrying out started",
    "deletion.complete": "Verified and completed",
    "deletion.fail": "Verification failed",
}


# --------------------------------------------------------------------------- the work (plain functions)


@dataclass(frozen=True)
class QueueRow:
    """One line of the queue, worded for the table (the request itself in ``request``)."""

    request: RequestInfo
    id: int
    state: str
    account_id: int
    scope: str
    requested: str
    due: str
    days_left: str
    urgency: str
    requested_by: str
    approved_by: str


@dataclass(frozen=True)
class Snapshot:
    requests: tuple[RequestInfo, ...]
    rows: tuple[QueueRow, ...]
    total: int  # requests in the database, whatever the filter
    now: dt.datetime


@dataclass(frozen=True)
class Details:
    request: RequestInfo
    timeline: tuple[TimelineEvent, ...]


def _age(then: dt.datetime, now: dt.datetime) -> str:
    days = (now - then).days
    if days <= 0:
        hours = int((now - then).total_seconds() // 3600)
        return "less than an hour ago" if hours <= 0 else f"{formatting.plural(hours, 'hour')} ago"
    return "yesterday" if days == 1 else f"{days:,} days ago"


def queue_row(r: RequestInfo, now: dt.datetime) -> QueueRow:
    urgency = r.urgency(now)
    if urgency:
        left = r.days_left(now)
        days_left = f"{left} (overdue)" if left < 0 else str(left)
    else:
        days_left = "—"
    approved = r.decided_by if r.decided_by and r.state not in ("rejected", "cancelled") else "—"
    return QueueRow(
        request=r,
        id=r.id,
        state=r.state,
        account_id=r.account_id,
        scope=r.scope,
        requested=f"{formatting.date(r.requested_at.date())} ({_age(r.requested_at, now)})",
        due=formatting.date(r.due_at.date()),
        days_left=days_left,
        urgency=urgency,
        requested_by=r.requested_by,
        approved_by=approved,
    )


# --------------------------------------------------------------------------- the queue's model


_queue_model: type | None = None


def queue_model(parent: QWidget) -> ListTableModel:
    """The queue's model (its class is defined on first use: the table model module loads the Qt
    namespace, which the window's first paint does not wait for)."""
    global _queue_model
    if _queue_model is None:
        from minisip_console.ui.table_model import ListTableModel, Roles

        class QueueModel(ListTableModel):
            """The queue: the days-left cell coloured by urgency, with a tooltip that says why."""

            data = _queue_data(ListTableModel.data, Roles)

        _queue_model = QueueModel
    return _queue_model(_columns(), parent=parent)


def _queue_data(base: Any, roles: Any) -> Any:
    def data(self: Any, index: Any, role: int = 0) -> Any:
        if index.isValid() and self.columns[index.column()].key == "days_left":
            row = self.row_at(index.row())
            colours = URGENCY_COLOURS.get(row.urgency) if row is not None else None
            if colours is not None:
                if role == QtCore.Qt.ItemDataRole.BackgroundRole:
                    return theme.current().brush(colours[0])
                if role == QtCore.Qt.ItemDataRole.ForegroundRole:
                    return theme.current().brush(colours[1])
                if role == roles.TOOLTIP:
                    return f"Due {row.due}: {URGENCY_WORDS[row.urgency]}"
            if role == roles.ALIGNMENT:
                return int(QtCore.Qt.AlignmentFlag.AlignRight | QtCore.Qt.AlignmentFlag.AlignVCenter)
        return base(self, index, role)

    return data


def _columns() -> tuple[Any, ...]:
    from minisip_console.core.accounts import Column

    return (
        Column("id", "Request", "int"),
        Column("state", "State", "status"),
        Column("account_id", "Account", "int"),
        Column("scope", "Scope", "status"),
        Column("requested", "Requested"),
        Column("due", "Due"),
        Column("days_left", "Days left", tooltip="Green: on time; amber: due within 7 days; red: overdue"),
        Column("requested_by", "Filed by"),
        Column("approved_by", "Approved by"),
    )


def describe_event(event: TimelineEvent) -> str:
    d = event.details
    if event.action == "deletion.request":
        return f"account {d.get('account_id', '—')}, {d.get('scope', '—')}, ticket {d.get('ticket_ref', '—')}"
    if event.action == "deletion.reject":
        from minisip_console.core.deletion import REJECTION_REASONS

        return REJECTION_REASONS.get(str(d.get("reason")), str(d.get("reason", "")))
    if event.action in ("deletion.complete", "deletion.fail"):
        left = sum(int(v) for v in (d.get("verification") or {}).values())
        text = "nothing left" if left == 0 else f"{formatting.plural(left, 'item')} left"
        if d.get("certificate_sha256"):
            text += f"; certificate {str(d['certificate_sha256'])[:16]}…"
        return text
    return ", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in sorted(d.items()))
