"""Marketing permission: no use of a customer's name or company in marketing without it.

``set_marketing_permission`` records the permission (or its withdrawal) with when and on what
evidence; ``marketing_list`` and ``write_marketing_csv`` list the accounts that gave it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from minisip_console.core import audit
from minisip_console.core.access import MarketingInfo, _check_id, _live_account, _now, _operator_row, enforce
from minisip_console.core.models import AuditEvent, MarketingPermission
from minisip_console.core.personal import PersonalReader
from minisip_console.core.plumbing import files, jsontime
from minisip_console.core.plumbing.errors import InvalidInput
from minisip_console.core.validation import validate_evidence

if TYPE_CHECKING:
    import os
    from collections.abc import Iterator

    from sqlalchemy.orm import Session, sessionmaker

    from minisip_console.core.operators import OperatorInfo


# --------------------------------------------------------------------------- marketing


def set_marketing_permission(
    sessions: sessionmaker[Session],
    operator: OperatorInfo,
    account_id: int,
    granted: bool,
    evidence: str | None,
    now: dt.datetime | None = None,
) -> MarketingInfo:
    """Record the customer's decision on marketing use of their name or company, with evidence."""
    enforce("marketing", operator)
    _check_id(account_id, "an account")
    if not isinstance(granted, bool):
        raise InvalidInput("A marketing decision is yes or no.")
    proof = validate_evidence(evidence)
    at = _now(now)
    with sessions() as session, session.begin():
        row = _operator_row(session, operator, "record a marketing permission")
        _live_account(session, account_id, "record a marketing permission")
        mp = session.scalar(select(MarketingPermission).where(MarketingPermission.account_id == account_id))
        before = None if mp is None else mp.granted
        if mp is None:
            mp = MarketingPermission(account_id=account_id)
            session.add(mp)
        mp.granted = granted
        mp.decided_at = at
        mp.evidence = proof
        session.flush()
        audit.append(
            session,
            operator=row.login,
            action="marketing.set",
            target_type="account",
            target_id=account_id,
            details={"granted": granted, "previously": before},
            at=at,
        )
        return MarketingInfo(granted, at, proof)


MARKETING_COLUMNS = ("account_id", "name", "company", "decided_at", "evidence")


def marketing_list(sessions: sessionmaker[Session], operator: OperatorInfo) -> Iterator[tuple[int, str, str | None, dt.datetime, str]]:
    """Active accounts whose owners permitted marketing use, by account id (streamed); the read
    is opened (and audited as ``marketing.read``) in its own transaction."""
    with sessions() as session, session.begin():
        reader = PersonalReader(session, operator)
        reader.open_marketing_list()
        for r in session.execute(reader.marketing_rows().execution_options(yield_per=1000)):
            yield (r.id, r.name, r.company, r.decided_at, r.evidence)


def write_marketing_csv(sessions: sessionmaker[Session], operator: OperatorInfo, path: str | os.PathLike[str]) -> int:
    """Write the marketing list as CSV (UTF-8); returns the number of accounts. Audited.

    Written by ``files.write_csv``: beside its destination and moved into place, so a failure
    (a full disk included) leaves no partial list, and with names and companies that a
    spreadsheet would take for a formula neutralised; if the audit event cannot be written, the
    list is removed again.
    """
    enforce("marketing_list", operator)
    target = files.check_target(path, example="a file name, e.g. marketing.csv")
    count = files.write_csv(
        target,
        MARKETING_COLUMNS,
        (
            (account_id, name, company or "", jsontime.iso(decided_at), evidence)
            for account_id, name, company, decided_at, evidence in marketing_list(sessions, operator)
        ),
    )
    try:
        with sessions() as session, session.begin():
            row = _operator_row(session, operator, "export the marketing list")
            audit.append(
                session,
                operator=row.login,
                action="marketing.export",
                target_type="marketing_list",
                details={"rows": count},
            )
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return count


# --------------------------------------------------------------------------- the live check


@dataclass(frozen=True)
class MarketingChecks:
    """The promise "not in marketing without your permission": every permission on record names
    its evidence, and every marketing list was drawn from permissions only (``marketing_list``)."""

    permitted: int  # accounts whose permission is on record
    withdrawn: int
    without_evidence: int  # must be 0
    exports: int  # marketing lists written (audited)
    last_export: dt.datetime | None


def checks(session: Session) -> MarketingChecks:
    rows = session.execute(select(MarketingPermission.granted, MarketingPermission.evidence)).all()
    permitted = sum(1 for granted, _ in rows if granted)
    without = sum(1 for granted, evidence in rows if granted and not (evidence or "").strip())
    exports, last = session.execute(
        select(func.count(), func.max(AuditEvent.occurred_at)).where(AuditEvent.action == "marketing.export")
    ).one()
    if isinstance(last, str):  # SQLite gives MAX of a DATETIME column as text
        last = dt.datetime.fromisoformat(last)
    if last is not None and last.tzinfo is None:
        last = last.replace(tzinfo=dt.UTC)
    return MarketingChecks(permitted, len(rows) - permitted, without, int(exports or 0), last)
