"""Live figures for the console's tabs before their full features arrive.

CDR retention (``retention.status``: the one definition of the CDR verdict and its counts; this
module used to count them a second way), the deletion queue (requests per state, open, overdue)
and the policy versions. Each is one read-only query set; the results are small frozen
dataclasses, never ORM objects.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from minisip_console.core import retention
from minisip_console.core.models import DeletionRequest, DeletionState, PolicyVersion, utcnow

#: deletion requests still waiting for something to happen
OPEN_DELETION_STATES = (
    DeletionState.RECEIVED,
    DeletionState.APPROVED,
    DeletionState.EXECUTING,
    DeletionState.VERIFYING,
)


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
    cdr: retention.CategoryStatus  # the console's own CDR table
    deletions: DeletionOverview
    policies: tuple[PolicyVersionRow, ...]
    #: every saved CDR retention target's status (``core.targets``, by name), read at the same ``now``
    cdr_targets: tuple[retention.CategoryStatus, ...] = ()

    @property
    def cdr_all(self) -> tuple[retention.CategoryStatus, ...]:
        """Every place CDRs live: the console's own table, then each saved target."""
        return (self.cdr, *self.cdr_targets)


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


def load_overview(sessions: sessionmaker[Session], *, now: dt.datetime | None = None, targets: bool = True) -> Overview:
    """Everything the overview tabs show, read in one session; the CDRs' own table and every saved
    CDR target (each on its own database: one that cannot be reached is *not checked*) at one ``now``.

    ``targets=False``: the own table only (``cdr_targets`` empty). The window's first figures are read
    so: its Overview (``core.compliance``) and CDR tab read every target on workers of their own, and
    a target's server that does not answer must not hold back the first figures of the console's own."""
    from minisip_console.core import targets as saved_targets

    now = (now or utcnow()).replace(microsecond=0)
    cdr = retention.status(sessions, "cdr", now=now)
    saved = (
        tuple(retention.status(sessions, target=t.name, now=now) for t in saved_targets.list_targets(sessions, category="cdr"))
        if targets
        else ()
    )
    with sessions() as session:
        return Overview(
            now=now,
            cdr=cdr,
            deletions=deletion_overview(session, now=now),
            policies=policy_versions(session),
            cdr_targets=saved,
        )
