"""Legal holds: data of an account that must be kept, whatever the retention or a deletion request says.

A preservation request or an open law-enforcement request places a hold on the accounts named,
for a stated period (``expires_at``; None = until an operator releases it). A hold is *active*
from ``placed_at`` until it is released or it expires: it ends on its own, no job has to run.
While a hold is active:
- the deletion queue refuses to execute a request for the account (``core.deletion``), and a
  deletion already running stops before its next step, reporting the hold;
- CDR purges keep the account's rows and count them in the receipt (``rows_skipped_held``).

Every placement and release is audited in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session, sessionmaker

from minisip_console.core import audit
from minisip_console.core.models import Account, LegalHold, Role, utcnow
from minisip_console.core.operators import OperatorInfo
from minisip_console.core.plumbing.errors import ConsoleError, InvalidInput
from minisip_console.core.purposes import require_role, role_refusal
from minisip_console.core.text import say

#: a preservation request asks to keep data for 90 days (renewable), the usual period
DEFAULT_HOLD_DAYS = 90


@dataclass(frozen=True)
class HoldInfo:
    id: int
    account_id: int
    request_id: int | None
    reason: str
    placed_by: str
    placed_at: dt.datetime
    expires_at: dt.datetime | None
    released_at: dt.datetime | None
    released_by: str | None
    release_reason: str | None
    active: bool  # as of the moment it was read

    @property
    def ended_at(self) -> dt.datetime | None:
        """When the hold ended (released, or expired), None while it lasts or has no end."""
        if self.released_at is not None:
            return self.released_at
        return self.expires_at if not self.active else None


def active_clause(now: dt.datetime) -> ColumnElement[bool]:
    """SQL: the hold is in force at ``now``."""
    return and_(
        LegalHold.released_at.is_(None),
        LegalHold.placed_at <= now,
        or_(LegalHold.expires_at.is_(None), LegalHold.expires_at > now),
    )


def is_active(hold: LegalHold, now: dt.datetime) -> bool:
    return hold.released_at is None and hold.placed_at <= now and (hold.expires_at is None or hold.expires_at > now)


def info(hold: LegalHold, now: dt.datetime | None = None) -> HoldInfo:
    return HoldInfo(
        hold.id,
        hold.account_id,
        hold.law_enforcement_request_id,
        hold.reason,
        hold.placed_by,
        hold.placed_at,
        hold.expires_at,
        hold.released_at,
        hold.released_by,
        hold.release_reason,
        is_active(hold, now or utcnow()),
    )


def active_holds(session: Session, account_id: int, now: dt.datetime | None = None) -> list[LegalHold]:
    """The holds in force on one account, oldest first."""
    return list(
        session.scalars(select(LegalHold).where(LegalHold.account_id == account_id, active_clause(now or utcnow())).order_by(LegalHold.id))
    )


def held_account_ids(session: Session, now: dt.datetime | None = None) -> set[int]:
    """Every account under at least one hold in force (a purge keeps their rows)."""
    return set(session.scalars(select(LegalHold.account_id).where(active_clause(now or utcnow())).distinct()))


def list_holds(
    session: Session, *, now: dt.datetime | None = None, include_ended: bool = False, account_id: int | None = None
) -> tuple[HoldInfo, ...]:
    """Holds with their end dates: in force first (soonest end first), then the ended ones (newest first)."""
    now = now or utcnow()
    q = select(LegalHold)
    if account_id is not None:
        q = q.where(LegalHold.account_id == account_id)
    if not include_ended:
        q = q.where(active_clause(now))
    rows = [info(h, now) for h in session.scalars(q.order_by(LegalHold.id))]
    far = dt.datetime.max.replace(tzinfo=dt.UTC).timestamp()

    def order(h: HoldInfo) -> tuple[int, float, int]:
        if h.active:
            return 0, h.expires_at.timestamp() if h.expires_at else far, h.id
        return 1, -(h.ended_at or h.placed_at).timestamp(), h.id

    return tuple(sorted(rows, key=order))


def place_holds(
    session: Session,
    operator: OperatorInfo,
    account_ids: Iterable[int],
    reason: str,
    *,
    days: int | None = DEFAULT_HOLD_DAYS,
    request_id: int | None = None,
    now: dt.datetime | None = None,
) -> list[LegalHold]:
    """Place one hold per account (in the caller's transaction, audited). ``days`` None: no end date."""
    require_role(operator, Role.OPERATOR, say("place a legal hold"))
    reason = " ".join((reason or "").split())
    if not reason:
        raise InvalidInput(say("A legal hold needs a reason (the request or order it preserves data for)."))
    if days is not None and (isinstance(days, bool) or not isinstance(days, int) or days < 1 or days > 3660):
        raise InvalidInput(
            say("A hold lasts 1 to 3660 days, not {days!r}.", days=days), hint=say("Leave the period empty for a hold without an end date.")
        )
    ids = sorted(set(account_ids))
    if not ids:
        raise InvalidInput(say("A legal hold needs at least one account."))
    known = set(session.scalars(select(Account.id).where(Account.id.in_(ids))))
    missing = [i for i in ids if i not in known]
    if missing:
        raise InvalidInput(say("No account {value}.", value=", ".join(map(str, missing))), hint=say("Check the account numbers."))
    now = now or utcnow()
    expires = now + dt.timedelta(days=days) if days is not None else None
    holds = [
        LegalHold(
            account_id=a,
            law_enforcement_request_id=request_id,
            reason=reason[:300],
            placed_by=operator.login,
            placed_at=now,
            expires_at=expires,
        )
        for a in ids
    ]
    session.add_all(holds)
    session.flush()
    for h in holds:
        audit.append(
            session,
            operator=operator.login,
            action="legal_hold.place",
            target_type="legal_hold",
            target_id=h.id,
            details={
                "account_id": h.account_id,
                "law_enforcement_request_id": request_id,
                "expires_at": expires.isoformat() if expires else None,
            },
            at=now,
        )
    return holds


def release_refusal(hold: HoldInfo | None, operator: OperatorInfo) -> ConsoleError | None:
    """None when ``operator`` may release ``hold`` (None: the role alone); else the error
    ``release_hold`` raises: an approver's decision, on a hold still in force."""
    error = role_refusal(operator, Role.APPROVER, say("release a legal hold"))
    if error is not None or hold is None:
        return error
    if not hold.active:
        return ConsoleError(say("Legal hold {id} has already ended.", id=hold.id))
    return None


def _enforce_release(hold: HoldInfo | None, operator: OperatorInfo) -> None:
    error = release_refusal(hold, operator)
    if error is not None:
        raise error


def release_hold(
    sessions: sessionmaker[Session], operator: OperatorInfo, hold_id: int, reason: str, *, now: dt.datetime | None = None
) -> HoldInfo:
    """End a hold before its end date (an approver's decision, audited)."""
    _enforce_release(None, operator)
    reason = " ".join((reason or "").split())
    if not reason:
        raise InvalidInput(say("Releasing a legal hold needs a reason."))
    now = now or utcnow()
    with sessions.begin() as session:
        hold = session.get(LegalHold, hold_id, with_for_update=True)
        if hold is None:
            raise InvalidInput(say("No legal hold {hold_id}.", hold_id=hold_id))
        _enforce_release(info(hold, now), operator)
        hold.released_at, hold.released_by, hold.release_reason = now, operator.login, reason[:300]
        audit.append(
            session,
            operator=operator.login,
            action="legal_hold.release",
            target_type="legal_hold",
            target_id=hold.id,
            details={"account_id": hold.account_id, "reason": reason[:300]},
            at=now,
        )
        return info(hold, now)
