"""The audit log as a paged table: a ``PageSource`` over ``audit_query``'s filters.

Qt-free and read-only. The GUI's virtual table model counts the matching events with
``COUNT(*)`` and asks for pages by offset over the ``seq`` primary key (newest first by
default), so the model never holds the log. Filtering is ``audit_query.AuditFilter``'s SQL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from minisip_console.core import audit
from minisip_console.core.accounts import Column
from minisip_console.core.audit_query import AuditFilter
from minisip_console.core.models import AuditEvent
from minisip_console.core.plumbing.errors import InvalidInput
from minisip_console.core.text import say


@dataclass(frozen=True)
class AuditListRow:
    seq: int
    occurred_at: dt.datetime
    operator: str
    action: str
    target: str  # "account 17", "database", ...
    details: str  # the canonical JSON as stored (ids, purposes, tickets; no personal values)


AUDIT_COLUMNS: tuple[Column, ...] = (
    Column("seq", say("Seq"), "int", sortable=True, tooltip=say("The event's place in the hash chain")),
    Column("occurred_at", say("Time"), "datetime", sortable=True),
    Column("operator", say("Operator")),
    Column("action", say("Action")),
    Column("target", say("Target")),
    Column("details", say("Details")),
)

#: both orders follow seq (events are appended in time order): an index scan on the primary key
_SORTABLE = frozenset({"seq", "occurred_at"})


def _target_words() -> dict[str, str]:
    """What an event is about, as a word the window translates (the code stays in the log)."""
    return {
        "access_grant": say("access grant"),
        "account": say("account"),
        "accounts": say("accounts"),
        "audit_report": say("audit report"),
        "database": say("database"),
        "deletion_request": say("deletion request"),
        "disclosure": say("disclosure"),
        "law_enforcement_request": say("law enforcement request"),
        "legal_hold": say("legal hold"),
        "marketing_list": say("marketing list"),
        "notice_campaign": say("notice campaign"),
        "notice_delivery": say("notice delivery"),
        "operator": say("operator"),
        "policy_version": say("policy version"),
        "purge_run": say("purge run"),
        "retention_policy": say("retention policy"),
        "site_notice": say("site notice"),
        "uploaded_file": say("uploaded file"),
    }


_TARGET_WORDS = _target_words()


def _target(target_type: str, target_id: str) -> str:
    if not target_type:
        return target_id
    label = _TARGET_WORDS.get(target_type) or target_type.replace("_", " ")
    return say("{target} {id}", target=label, id=target_id) if target_id else label


@dataclass(frozen=True)
class AuditSource:
    """Audit events matching a filter, by ``seq`` (newest first unless ``descending`` is False)."""

    sessions: sessionmaker[Session]
    flt: AuditFilter = AuditFilter()
    sort_key: str = "seq"
    descending: bool = True

    def __post_init__(self) -> None:
        if self.sort_key not in _SORTABLE:
            raise InvalidInput(say("The audit log cannot be sorted by {sort_key!r}.", sort_key=self.sort_key))

    @property
    def columns(self) -> Sequence[Column]:
        return AUDIT_COLUMNS

    @property
    def order(self) -> tuple[str, bool]:
        return (self.sort_key, self.descending)

    def ordered(self, key: str, descending: bool) -> AuditSource:
        return replace(self, sort_key=key, descending=descending)

    def filtered(self, flt: AuditFilter) -> AuditSource:
        return replace(self, flt=flt)

    def count(self) -> int:
        with self.sessions() as session:
            return int(session.scalar(select(func.count()).select_from(AuditEvent).where(*self.flt.where())) or 0)

    def fetch(self, offset: int, limit: int) -> Sequence[AuditListRow]:
        order = AuditEvent.seq.desc() if self.descending else AuditEvent.seq.asc()
        stmt = (
            select(
                AuditEvent.seq,
                AuditEvent.occurred_at,
                AuditEvent.operator_login,
                AuditEvent.action,
                AuditEvent.target_type,
                AuditEvent.target_id,
                AuditEvent.details,
            )
            .where(*self.flt.where())
            .order_by(order)
            .offset(offset)
            .limit(limit)
        )
        with self.sessions() as session:
            return [
                AuditListRow(r.seq, r.occurred_at, r.operator_login, r.action, _target(r.target_type, r.target_id), r.details)
                for r in session.execute(stmt)
            ]


def operators_and_actions(sessions: sessionmaker[Session]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The distinct operators and actions in the log (for the filters' choices)."""
    with sessions() as session:
        operators = tuple(session.scalars(select(AuditEvent.operator_login).distinct().order_by(AuditEvent.operator_login)))
        actions = tuple(session.scalars(select(AuditEvent.action).distinct().order_by(AuditEvent.action)))
    return operators, actions


def verify_log(sessions: sessionmaker[Session]) -> audit.VerifyResult:
    """``audit.verify`` in its own read session (for a worker)."""
    with sessions() as session:
        return audit.verify(session)
