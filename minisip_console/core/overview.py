"""Live figures for the console's tabs before their full features arrive.

CDR retention (how many CDRs, how many past the promised 30 days, the oldest, the last purge),
the deletion queue (requests per state, open, overdue) and the policy versions. Each is one
read-only query set; the results are small frozen dataclasses, never ORM objects.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, sessionmaker

from minisip_console.core.holds import held_account_ids
from minisip_console.core.models import Cdr, DeletionRequest, DeletionState, PolicyVersion, PurgeRun, RetentionPolicy, utcnow
from minisip_console.core.retention import PROMISED_CDR_DAYS

#: the privacy policy: "CDRs are deleted automatically in 30 days" (the one definition: core.retention)
CDR_RETENTION_DAYS = PROMISED_CDR_DAYS

#: deletion requests still waiting for something to happen
OPEN_DELETION_STATES = (
    DeletionState.RECEIVED,
    DeletionState.APPROVED,
    DeletionState.EXECUTING,
    DeletionState.VERIFYING,
)


@dataclass(frozen=True)
class PurgeRunInfo:
    id: int
    state: str
    dry_run: bool
    trigger: str
    started_by: str
    started_at: dt.datetime
    finished_at: dt.datetime | None
    rows_deleted: int


@dataclass(frozen=True)
class CdrOverview:
    total: int
    retention_days: int
    cutoff: dt.datetime  # CDRs that started before this are past retention
    overdue: int
    oldest: dt.datetime | None
    newest: dt.datetime | None
    last_run: PurgeRunInfo | None
    now: dt.datetime
    held: int = 0  # CDRs past retention kept under a legal hold (not counted in ``overdue``)

    @property
    def oldest_age_days(self) -> int | None:
        return None if self.oldest is None else (self.now - self.oldest).days


@dataclass(frozen=True)
class DeletionOverview:
    by_state: tuple[tuple[str, int], ...]  # every state, in workflow order, zeros included
    total: int
    open: int
    overdue: int  # open and past their due date


@dataclass(frozen=True)
class PolicyVersionRow:
    number: str
    effective_date: dt.date
    significant: bool | None  # None: not decided yet
    published_at: dt.datetime | None
    summary: str


@dataclass(frozen=True)
class Overview:
    now: dt.datetime  # when the figures were read
    cdr: CdrOverview
    deletions: DeletionOverview
    policies: tuple[PolicyVersionRow, ...]


def cdr_retention_days(session: Session) -> int:
    """The CDR retention from the retention policies, or the privacy policy's 30 days."""
    days = session.scalar(select(RetentionPolicy.days).where(RetentionPolicy.category == "cdr"))
    return int(days) if days else CDR_RETENTION_DAYS


def cdr_overview(session: Session, *, now: dt.datetime | None = None) -> CdrOverview:
    now = now or utcnow()
    days = cdr_retention_days(session)
    cutoff = now - dt.timedelta(days=days)
    total, oldest, newest = session.execute(select(func.count(), func.min(Cdr.start), func.max(Cdr.start))).one()
    held_ids = sorted(held_account_ids(session, now))
    overdue = (
        session.scalar(
            select(func.count())
            .select_from(Cdr)
            .where(Cdr.start < cutoff, *([or_(Cdr.account_id.is_(None), Cdr.account_id.not_in(held_ids))] if held_ids else []))
        )
        or 0
    )
    held = 0
    if held_ids:  # kept for a legal hold: reported apart, not a broken promise
        held = session.scalar(select(func.count()).select_from(Cdr).where(Cdr.start < cutoff, Cdr.account_id.in_(held_ids))) or 0
    run = session.scalars(
        select(PurgeRun).where(PurgeRun.category.in_(("cdr", "all"))).order_by(PurgeRun.started_at.desc(), PurgeRun.id.desc()).limit(1)
    ).first()
    last_run = None
    if run is not None:
        last_run = PurgeRunInfo(
            id=run.id,
            state=run.state,
            dry_run=bool(run.dry_run),
            trigger=run.trigger,
            started_by=run.started_by,
            started_at=run.started_at,
            finished_at=run.finished_at,
            rows_deleted=int(run.rows_deleted or 0),
        )
    # func.min/max bypass the column type on some drivers: normalise to aware UTC
    return CdrOverview(
        total=int(total or 0),
        retention_days=days,
        cutoff=cutoff,
        overdue=int(overdue),
        oldest=_aware(oldest),
        newest=_aware(newest),
        last_run=last_run,
        now=now,
        held=int(held),
    )


def _aware(value: dt.datetime | str | None) -> dt.datetime | None:
    if value is None:
        return None
    if isinstance(value, str):  # SQLite returns MIN/MAX of a DATETIME column as text
        value = dt.datetime.fromisoformat(value)
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def deletion_overview(session: Session, *, now: dt.datetime | None = None) -> DeletionOverview:
    now = now or utcnow()
    counts = {state: n for state, n in session.execute(select(DeletionRequest.state, func.count()).group_by(DeletionRequest.state))}
    by_state = tuple((s.value, int(counts.pop(s.value, 0))) for s in DeletionState)
    by_state += tuple(sorted((k, int(v)) for k, v in counts.items()))  # unknown states are shown, not hidden
    open_states = [s.value for s in OPEN_DELETION_STATES]
    overdue = session.scalar(
        select(func.count()).select_from(DeletionRequest).where(DeletionRequest.state.in_(open_states), DeletionRequest.due_at < now)
    )
    return DeletionOverview(
        by_state=by_state,
        total=sum(n for _, n in by_state),
        open=sum(n for s, n in by_state if s in open_states),
        overdue=int(overdue or 0),
    )


def policy_versions(session: Session) -> tuple[PolicyVersionRow, ...]:
    rows = session.execute(
        select(
            PolicyVersion.number,
            PolicyVersion.effective_date,
            PolicyVersion.significant,
            PolicyVersion.published_at,
            PolicyVersion.summary,
        ).order_by(PolicyVersion.effective_date.desc(), PolicyVersion.id.desc())
    ).all()
    return tuple(
        PolicyVersionRow(
            number=r.number,
            effective_date=r.effective_date,
            significant=r.significant,
            published_at=r.published_at,
            summary=r.summary or "",
        )
        for r in rows
    )


def load_overview(sessions: sessionmaker[Session], *, now: dt.datetime | None = None) -> Overview:
    """Everything the overview tabs show, read in one session."""
    now = now or utcnow()
    with sessions() as session:
        return Overview(
            now=now,
            cdr=cdr_overview(session, now=now),
            deletions=deletion_overview(session, now=now),
            policies=policy_versions(session),
        )
