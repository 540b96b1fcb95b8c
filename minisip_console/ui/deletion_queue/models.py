"""The Deletion queue tab's rows and words: the queue's filters, urgency colours, the table model, the history lines."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6 import QtCore

from minisip_console.ui import formatting, theme
from minisip_console.ui.i18n import plural, shown, tr

if TYPE_CHECKING:
    import datetime as dt
    from typing import Any

    from PySide6.QtWidgets import QWidget

    from minisip_console.core.deletion import RequestInfo, TimelineEvent
    from minisip_console.ui.table_model import ListTableModel


# The words below are built when they are shown (functions, not constants): tr() at import time
# would be English, the translator is installed later (issue 16).


def state_filters() -> tuple[tuple[str, str, tuple[str, ...] | None], ...]:
    """The state filter: (label, what "No request is ..." says of it, states or None for all)."""
    return (
        (tr("All requests"), "", None),
        (
            tr("Open (received, approved, executing, verifying)"),
            tr("No request is open"),
            ("received", "approved", "executing", "verifying"),
        ),
        (tr("Received: waiting for approval"), tr("No request is received"), ("received",)),
        (tr("Approved: waiting to be carried out"), tr("No request is approved"), ("approved",)),
        (tr("Executing or verifying"), tr("No request is executing or verifying"), ("executing", "verifying")),
        (tr("Completed"), tr("No request is completed"), ("completed",)),
        (tr("Failed verification"), tr("No request is failed verification"), ("failed",)),
        (tr("Rejected"), tr("No request is rejected"), ("rejected",)),
        (tr("Cancelled"), tr("No request is cancelled"), ("cancelled",)),
    )


OPEN = frozenset(("received", "approved", "executing", "verifying"))

#: the scopes a request may have (codes)
SCOPE_CODES = ("configurations", "account")


def scopes() -> dict[str, str]:
    """A scope's code -> its full words (the new request's choice, the details)."""
    return {
        "configurations": tr("Configurations and uploaded files"),
        "account": tr("The whole account (all personal data; the account row kept as a tombstone)"),
    }


def scope_phrase(scope: str) -> str:
    """A scope inside a sentence ("delete {scope} of account 42")."""
    return {"configurations": tr("configurations and uploaded files"), "account": tr("the whole account")}.get(scope, scope)


def scope_word(scope: str) -> str:
    """A scope in the queue's column."""
    return {"configurations": tr("Configurations"), "account": tr("Account")}.get(scope, formatting.state(scope))


def state_word(state: str) -> str:
    """A request's state as a word (the queue's column, the details' title)."""
    return {
        "received": tr("Received"),
        "approved": tr("Approved"),
        "executing": tr("Executing"),
        "verifying": tr("Verifying"),
        "completed": tr("Completed"),
        "failed": tr("Failed"),
        "rejected": tr("Rejected"),
        "cancelled": tr("Cancelled"),
    }.get(state, formatting.state(state))


def rejection_reason(code: str | None) -> str:
    """A rejection reason's words (the codes of the core's ``REJECTION_REASONS``, whose English the
    command line keeps), or the code itself when unknown."""
    from minisip_console.core.deletion import REJECTION_REASONS

    words = {
        "identity_not_verified": tr("The request did not come from the account owner"),
        "legal_hold": tr("A legal obligation requires keeping the data"),
        "duplicate": tr("The same request was already made"),
        "withdrawn": tr("The customer withdrew the request"),
        "not_our_data": tr("The data is not held by this service"),
        "other": tr("Another reason (explained in the note)"),
    }
    if code in words:
        return words[code]
    return shown(REJECTION_REASONS[code]) if code in REJECTION_REASONS else (code or "")


#: urgency -> (background, foreground) of the days-left cell
#: urgency -> (background, text): fields of ui.theme's Theme
URGENCY_COLOURS = {"green": ("good_bg", "good"), "amber": ("warn_bg", "warn"), "red": ("bad_bg", "bad")}


def urgency_words() -> dict[str, str]:
    return {"green": tr("on time"), "amber": tr("due within 7 days"), "red": tr("overdue")}


def action_word(action: str) -> str:
    """An audit action of a request's timeline as words (the code itself when unknown)."""
    return {
        "deletion.request": tr("Filed"),
        "deletion.approve": tr("Approved"),
        "deletion.reject": tr("Rejected"),
        "deletion.cancel": tr("Cancelled"),
        "deletion.execute": tr("Carrying out started"),
        "deletion.complete": tr("Verified and completed"),
        "deletion.fail": tr("Verification failed"),
    }.get(action, action)


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
        return tr("less than an hour ago") if hours <= 0 else plural(hours, tr("{count:,} hour ago"), tr("{count:,} hours ago"))
    return tr("yesterday") if days == 1 else tr("{count:,} days ago").format(count=days)


def queue_row(r: RequestInfo, now: dt.datetime) -> QueueRow:
    urgency = r.urgency(now)
    if urgency:
        left = r.days_left(now)
        days_left = tr("{days} (overdue)").format(days=left) if left < 0 else str(left)
    else:
        days_left = "—"
    approved = r.decided_by if r.decided_by and r.state not in ("rejected", "cancelled") else "—"
    return QueueRow(
        request=r,
        id=r.id,
        state=r.state,
        account_id=r.account_id,
        scope=r.scope,
        requested=tr("{date} ({age})").format(date=formatting.date(r.requested_at.date()), age=_age(r.requested_at, now)),
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

            def _text(self, row: int, column: int) -> str | None:
                # the state and the scope as words of the window's language (not the codes' English)
                item = self.row_at(row)
                key = self.columns[column].key
                if item is not None and key == "state":
                    return state_word(item.state)
                if item is not None and key == "scope":
                    return scope_word(item.scope)
                return super()._text(row, column)

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
                    return tr("Due {date}: {urgency}").format(date=row.due, urgency=urgency_words()[row.urgency])
            if role == roles.ALIGNMENT:
                return int(QtCore.Qt.AlignmentFlag.AlignRight | QtCore.Qt.AlignmentFlag.AlignVCenter)
        return base(self, index, role)

    return data


def _columns() -> tuple[Any, ...]:
    from minisip_console.core.accounts import Column

    return (
        Column("id", tr("Request"), "int"),
        Column("state", tr("State"), "status"),
        Column("account_id", tr("Account"), "int"),
        Column("scope", tr("Scope"), "status"),
        Column("requested", tr("Requested")),
        Column("due", tr("Due")),
        Column("days_left", tr("Days left"), tooltip=tr("Green: on time; amber: due within 7 days; red: overdue")),
        Column("requested_by", tr("Filed by")),
        Column("approved_by", tr("Approved by")),
    )


def describe_event(event: TimelineEvent) -> str:
    d = event.details
    if event.action == "deletion.request":
        return tr("account {account}, {scope}, ticket {ticket}").format(
            account=d.get("account_id", "—"), scope=d.get("scope", "—"), ticket=d.get("ticket_ref", "—")
        )
    if event.action == "deletion.reject":
        return rejection_reason(str(d.get("reason", "")))
    if event.action in ("deletion.complete", "deletion.fail"):
        left = sum(int(v) for v in (d.get("verification") or {}).values())
        text = tr("nothing left") if left == 0 else plural(left, tr("{count:,} item left"), tr("{count:,} items left"))
        if d.get("certificate_sha256"):
            text = tr("{left}; certificate {digest}…").format(left=text, digest=str(d["certificate_sha256"])[:16])
        return text
    return ", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in sorted(d.items()))
