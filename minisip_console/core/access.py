"""Purpose-bound access to an account's personal data, and the customer's rights over it.

The policy: "We'll only ever access your account to help you with a problem or squash a
software bug. We'll never open any uploaded files unless you ask us to." Here that becomes:

- an operator (not a viewer) obtains an **access grant** for one account, naming a purpose and a
  ticket, for 1 to 480 minutes; it expires on its own and can be ended early (by its holder, or
  by an admin);
- the account's details in the clear (``account_details``), an uploaded file's content
  (``file_opening.open_file``, which also needs the customer's own request reference) and a rectification
  (``rectification.rectify``) each need an active grant *at the moment of the action*, and each is audited;
- marketing use of a name or company needs a recorded permission with its evidence
  (``marketing.set_marketing_permission``); the marketing list holds only permitted, active accounts.

This module keeps the grants and the account's details; opening a file, rectification and the
marketing permission each have their own module (``file_opening``, ``rectification``,
``marketing``), which use the grant checks and helpers here.

Every check is here, in the core: the GUI's disabled buttons are a convenience, not the guard.
Every write commits in one transaction with its audit event, and audit details carry ids,
purposes, tickets and field names, never a personal value. Functions take a ``sessionmaker``
and the ``OperatorInfo`` of who is at the console, and return small frozen dataclasses.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from sqlalchemy import and_, func, or_, select

from minisip_console.core import audit
from minisip_console.core.models import (
    AccessGrant,
    Account,
    AccountStatus,
    AuditEvent,
    Cdr,
    Configuration,
    Disclosure,
    MarketingPermission,
    Operator,
    Role,
    SupportMessage,
    UploadedFile,
    utcnow,
)
from minisip_console.core.personal import PersonalReader
from minisip_console.core.plumbing.errors import InvalidInput, PermissionDenied
from minisip_console.core.purposes import Purpose, parse_purpose, require_role, role_refusal, validate_ticket

if TYPE_CHECKING:
    from typing import Any

    from sqlalchemy.orm import Session, sessionmaker

    from minisip_console.core.operators import OperatorInfo
    from minisip_console.core.plumbing.errors import ConsoleError

DEFAULT_MINUTES = 30

MAX_MINUTES = 480


#: CDRs shown in an account's details (the newest)
RECENT_CDRS = 50


#: audit events shown in an account's history (the newest)
HISTORY_LIMIT = 500


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class GrantInfo:
    id: int
    operator_login: str
    account_id: int
    purpose: Purpose
    ticket: str
    granted_at: dt.datetime
    expires_at: dt.datetime
    ended_at: dt.datetime | None = None

    def active_at(self, now: dt.datetime) -> bool:
        return self.ended_at is None and self.expires_at > now

    def remaining(self, now: dt.datetime) -> dt.timedelta:
        return max(self.expires_at - now, dt.timedelta(0)) if self.ended_at is None else dt.timedelta(0)


@dataclass(frozen=True)
class Profile:
    id: int
    name: str
    email: str
    company: str | None
    status: str
    created_at: dt.datetime
    language: str = "en"  # the language of the owner's notices (``rectification.set_language``)


@dataclass(frozen=True)
class ConfigurationInfo:
    id: int
    kind: str
    name: str
    settings: str  # the JSON document as stored
    created_at: dt.datetime
    updated_at: dt.datetime


@dataclass(frozen=True)
class FileInfo:
    """An uploaded file's metadata: listing it never opens it."""

    id: int
    account_id: int
    configuration_id: int | None
    filename: str
    content_type: str
    size_bytes: int
    sha256: str
    uploaded_at: dt.datetime


@dataclass(frozen=True)
class MessageInfo:
    id: int
    ticket_ref: str
    direction: str
    from_address: str
    subject: str
    body: str
    sent_at: dt.datetime


@dataclass(frozen=True)
class CdrInfo:
    id: int
    start: dt.datetime
    answer: dt.datetime | None
    end: dt.datetime | None
    clid: str
    src: str
    dst: str
    duration: int
    billsec: int
    disposition: str


@dataclass(frozen=True)
class MarketingInfo:
    granted: bool
    decided_at: dt.datetime
    evidence: str


@dataclass(frozen=True)
class DisclosureInfo:
    id: int
    recipient: str
    legal_basis: str
    evidence: str
    data_shared: str
    disclosed_at: dt.datetime
    recorded_by: str
    data_categories: str = ""  # comma-separated (core.legal.CATEGORIES)
    export_sha256: str | None = None  # for a disclosure made as an export


@dataclass(frozen=True)
class HistoryEvent:
    """One audit event about the account: who, when, what and why."""

    seq: int
    occurred_at: dt.datetime
    operator: str
    action: str
    target_type: str
    target_id: str
    details: dict[str, Any]


@dataclass(frozen=True)
class AccountDetails:
    grant: GrantInfo
    profile: Profile
    configurations: tuple[ConfigurationInfo, ...]
    files: tuple[FileInfo, ...]
    correspondence: tuple[MessageInfo, ...]
    recent_cdrs: tuple[CdrInfo, ...]  # the newest first, at most RECENT_CDRS
    cdr_count: int
    marketing: MarketingInfo | None
    disclosures: tuple[DisclosureInfo, ...]
    history: tuple[HistoryEvent, ...]  # the newest first, this look included


# --------------------------------------------------------------------------- who may do what

#: the actions on one account's personal data -> the least role and the words of its refusal (each
#: also needs a running grant on the account, which the write checks in its transaction)
_ROLE_FOR = {
    "grant": (Role.OPERATOR, "obtain access to an account's personal data"),
    "rectify": (Role.OPERATOR, "rectify an account"),
    "export": (Role.OPERATOR, "export an account's data"),
    "marketing": (Role.OPERATOR, "record a marketing permission"),
    "marketing_list": (Role.OPERATOR, "export the marketing list"),
}

ACTIONS = tuple(_ROLE_FOR)


def refusal(action: str, operator: OperatorInfo) -> ConsoleError | None:
    """None when ``operator``'s role allows ``action`` (one of ``ACTIONS``); else the error the
    core raises for it. The grant dialog and the account's details render it."""
    if action not in _ROLE_FOR:
        raise ValueError(f"unknown action {action!r}")
    return role_refusal(operator, *_ROLE_FOR[action])


def enforce(action: str, operator: OperatorInfo) -> None:
    error = refusal(action, operator)
    if error is not None:
        raise error


# --------------------------------------------------------------------------- helpers


def _now(now: dt.datetime | None) -> dt.datetime:
    if now is None:
        return utcnow()
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    return now.astimezone(dt.UTC)


def _operator_row(session: Session, operator: OperatorInfo, action: str) -> Operator:
    """The operator's row; an unregistered or since-deactivated login is refused."""
    require_role(operator, Role.VIEWER, action)
    row = session.scalar(select(Operator).where(Operator.login == operator.login))
    if row is None or not row.active:
        raise PermissionDenied(
            f"{operator.login} is not an active operator of this database and cannot {action}.",
            hint="Ask an admin to add or reactivate you.",
        )
    return row


def _grant_info(grant: AccessGrant, login: str) -> GrantInfo:
    return GrantInfo(
        id=grant.id,
        operator_login=login,
        account_id=grant.account_id,
        purpose=Purpose(grant.purpose),
        ticket=grant.ticket_ref,
        granted_at=grant.granted_at,
        expires_at=grant.expires_at,
        ended_at=grant.ended_at,
    )


def _active_grant_row(session: Session, operator_id: int, account_id: int, now: dt.datetime) -> AccessGrant | None:
    return session.scalar(
        select(AccessGrant)
        .where(
            AccessGrant.operator_id == operator_id,
            AccessGrant.account_id == account_id,
            AccessGrant.ended_at.is_(None),
            AccessGrant.expires_at > now,
        )
        .order_by(AccessGrant.expires_at.desc(), AccessGrant.id.desc())
        .limit(1)
    )


def _require_grant(session: Session, operator: OperatorInfo, account_id: int, now: dt.datetime, action: str) -> AccessGrant:
    """The operator's active grant on the account, checked at ``now`` (so a grant that expired
    while a dialog was open refuses the action it was opened for)."""
    row = _operator_row(session, operator, action)
    grant = _active_grant_row(session, row.id, account_id, now)
    if grant is None:
        last = session.scalar(
            select(AccessGrant)
            .where(AccessGrant.operator_id == row.id, AccessGrant.account_id == account_id)
            .order_by(AccessGrant.expires_at.desc())
            .limit(1)
        )
        why = "you have no access grant for it."
        if last is not None:
            if last.ended_at is not None:
                why = f"your access grant {last.id} was ended at {last.ended_at:%Y-%m-%d %H:%M} UTC."
            else:
                why = f"your access grant {last.id} expired at {last.expires_at:%Y-%m-%d %H:%M} UTC."
        raise PermissionDenied(
            f"Cannot {action} of account {account_id}: {why}",
            hint=f"Request access first: state a purpose and a ticket (accounts grant {account_id} --purpose P --ticket REF).",
        )
    return grant


@dataclass(frozen=True)
class _AccountState:
    id: int
    status: str


def _account(session: Session, account_id: int) -> _AccountState:
    """The account's id and status (no personal field: those are opened through ``core.personal``)."""
    row = session.execute(select(Account.id, Account.status).where(Account.id == account_id)).first()
    if row is None:
        raise InvalidInput(f"No account {account_id}.", hint="It does not exist, or someone deleted it meanwhile.")
    return _AccountState(row.id, row.status)


def _live_account(session: Session, account_id: int, action: str) -> _AccountState:
    account = _account(session, account_id)
    if account.status == AccountStatus.DELETED:
        raise InvalidInput(f"Account {account_id} has been deleted; cannot {action}.")
    return account


def _check_id(value: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidInput(f"{value!r} is not {what} id.", hint="Ids are positive whole numbers.")
    return value


# --------------------------------------------------------------------------- grants


def grant_access(
    sessions: sessionmaker[Session],
    operator: OperatorInfo,
    account_id: int,
    purpose: str | Purpose,
    ticket: str | None,
    minutes: int = DEFAULT_MINUTES,
    now: dt.datetime | None = None,
) -> GrantInfo:
    """Give ``operator`` access to one account's personal data, for a purpose and a ticket."""
    enforce("grant", operator)
    _check_id(account_id, "an account")
    chosen = parse_purpose(purpose)
    ref = validate_ticket(ticket)
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not 1 <= minutes <= MAX_MINUTES:
        raise InvalidInput(f"A grant lasts 1 to {MAX_MINUTES} minutes, not {minutes!r}.")
    at = _now(now)
    with sessions() as session, session.begin():
        row = _operator_row(session, operator, "obtain access to an account's personal data")
        _live_account(session, account_id, "grant access to it")
        grant = AccessGrant(
            operator_id=row.id,
            account_id=account_id,
            purpose=chosen.value,
            ticket_ref=ref,
            granted_at=at,
            expires_at=at + dt.timedelta(minutes=minutes),
        )
        session.add(grant)
        session.flush()
        audit.append(
            session,
            operator=row.login,
            action="access.grant",
            target_type="account",
            target_id=account_id,
            details={"grant_id": grant.id, "purpose": chosen.value, "ticket": ref, "minutes": minutes},
            at=at,
        )
        return _grant_info(grant, row.login)


def ensure_grant(
    sessions: sessionmaker[Session],
    operator: OperatorInfo,
    account_id: int,
    purpose: str | Purpose,
    ticket: str | None,
    *,
    minutes: int = DEFAULT_MINUTES,
    now: dt.datetime | None = None,
) -> GrantInfo:
    """The operator's running grant on the account, or a new one for ``purpose`` and ``ticket``
    (an export states both: it is a purpose-bound access of its own)."""
    return active_grant(sessions, operator, account_id, now) or grant_access(
        sessions, operator, account_id, purpose, ticket, minutes=minutes, now=now
    )


def end_grant(sessions: sessionmaker[Session], operator: OperatorInfo, grant_id: int, now: dt.datetime | None = None) -> GrantInfo:
    """End a grant early: one's own, or anyone's for an admin."""
    _check_id(grant_id, "an access grant")
    at = _now(now)
    with sessions() as session, session.begin():
        row = _operator_row(session, operator, "end an access grant")
        grant = session.get(AccessGrant, grant_id)
        if grant is None:
            raise InvalidInput(f"No access grant {grant_id}.")
        holder = session.scalar(select(Operator.login).where(Operator.id == grant.operator_id)) or "?"
        if grant.operator_id != row.id and operator.role != Role.ADMIN:
            raise PermissionDenied(f"Access grant {grant_id} belongs to {holder}; only its holder or an admin can end it.")
        if grant.ended_at is not None:
            raise InvalidInput(f"Access grant {grant_id} already ended at {grant.ended_at:%Y-%m-%d %H:%M} UTC.")
        if grant.expires_at <= at:
            raise InvalidInput(f"Access grant {grant_id} already expired at {grant.expires_at:%Y-%m-%d %H:%M} UTC.")
        grant.ended_at = at
        grant.ended_by_id = row.id
        audit.append(
            session,
            operator=row.login,
            action="access.end",
            target_type="account",
            target_id=grant.account_id,
            details={"grant_id": grant.id, "holder": holder},
            at=at,
        )
        session.flush()
        return _grant_info(grant, holder)


def active_grant(
    sessions: sessionmaker[Session], operator: OperatorInfo, account_id: int, now: dt.datetime | None = None
) -> GrantInfo | None:
    """The operator's grant on the account that is running at ``now`` (the longest, if several)."""
    if not operator.registered:
        return None
    at = _now(now)
    with sessions() as session:
        op_id = session.scalar(select(Operator.id).where(Operator.login == operator.login, Operator.active.is_(True)))
        if op_id is None:
            return None
        grant = _active_grant_row(session, op_id, account_id, at)
        return _grant_info(grant, operator.login) if grant is not None else None


def active_grants(sessions: sessionmaker[Session], operator: OperatorInfo, now: dt.datetime | None = None) -> tuple[GrantInfo, ...]:
    """Every grant of the operator running at ``now``, the soonest to expire first (the status bar)."""
    if not operator.registered:
        return ()
    at = _now(now)
    with sessions() as session:
        grants = session.scalars(
            select(AccessGrant)
            .join(Operator, Operator.id == AccessGrant.operator_id)
            .where(
                Operator.login == operator.login,
                Operator.active.is_(True),
                AccessGrant.ended_at.is_(None),
                AccessGrant.expires_at > at,
            )
            .order_by(AccessGrant.expires_at, AccessGrant.id)
        ).all()
        return tuple(_grant_info(g, operator.login) for g in grants)


# --------------------------------------------------------------------------- details


def _file_info(f: UploadedFile) -> FileInfo:
    return FileInfo(
        id=f.id,
        account_id=f.account_id,
        configuration_id=f.configuration_id,
        filename=f.filename,
        content_type=f.content_type,
        size_bytes=f.size_bytes,
        sha256=f.sha256,
        uploaded_at=f.uploaded_at,
    )


def _history(session: Session, account_id: int) -> tuple[HistoryEvent, ...]:
    """Audit events about the account: those that target it, and those that target its grants
    (the demo and older console versions recorded grants under ``access_grant``)."""
    grant_ids = [str(g) for g in session.scalars(select(AccessGrant.id).where(AccessGrant.account_id == account_id))]
    about = and_(AuditEvent.target_type == "account", AuditEvent.target_id == str(account_id))
    if grant_ids:
        about = or_(about, and_(AuditEvent.target_type == "access_grant", AuditEvent.target_id.in_(grant_ids)))
    events = session.scalars(select(AuditEvent).where(about).order_by(AuditEvent.seq.desc()).limit(HISTORY_LIMIT)).all()
    result = []
    for e in events:
        try:
            details = json.loads(e.details)
        except ValueError:
            details = {"unreadable": True}
        result.append(
            HistoryEvent(
                seq=e.seq,
                occurred_at=e.occurred_at,
                operator=e.operator_login,
                action=e.action,
                target_type=e.target_type,
                target_id=e.target_id,
                details=details if isinstance(details, dict) else {"value": details},
            )
        )
    return tuple(result)


def account_details(
    sessions: sessionmaker[Session], operator: OperatorInfo, account_id: int, now: dt.datetime | None = None
) -> AccountDetails:
    """Everything the service holds about one account, in the clear; needs an active grant."""
    _check_id(account_id, "an account")
    at = _now(now)
    with sessions() as session, session.begin():
        grant = _require_grant(session, operator, account_id, at, "see the details")
        _account(session, account_id)
        holder = _operator_login(session, grant.operator_id)
        reader = PersonalReader(session, replace(operator, login=holder))
        reader.open_account(
            account_id, action="account.view", details={"grant_id": grant.id, "purpose": grant.purpose, "ticket": grant.ticket_ref}, at=at
        )
        acc = reader.entity(Account)
        account = session.scalar(select(acc).where(acc.id == account_id))
        assert account is not None  # _account found it above, in this transaction, which opened it
        profile = Profile(account.id, account.name, account.email, account.company, account.status, account.created_at, account.language)
        configurations = tuple(
            ConfigurationInfo(c.id, c.kind, c.name, c.settings, c.created_at, c.updated_at)
            for c in session.scalars(select(Configuration).where(Configuration.account_id == account_id).order_by(Configuration.id))
        )
        files = _files(session, reader.entity(UploadedFile), account_id)
        message = reader.entity(SupportMessage)
        correspondence = tuple(
            MessageInfo(m.id, m.ticket_ref, m.direction, m.from_address, m.subject, m.body, m.sent_at)
            for m in session.scalars(select(message).where(message.account_id == account_id).order_by(message.sent_at, message.id))
        )
        cdr = reader.entity(Cdr)
        cdrs = tuple(
            CdrInfo(c.id, c.start, c.answer, c.end, c.clid, c.src, c.dst, c.duration, c.billsec, c.disposition)
            for c in session.scalars(
                select(cdr).where(cdr.account_id == account_id).order_by(cdr.start.desc(), cdr.id.desc()).limit(RECENT_CDRS)
            )
        )
        cdr_count = int(session.scalar(select(func.count()).select_from(Cdr).where(Cdr.account_id == account_id)) or 0)
        mp = session.scalar(select(MarketingPermission).where(MarketingPermission.account_id == account_id))
        marketing = MarketingInfo(mp.granted, mp.decided_at, mp.evidence) if mp is not None else None
        disclosures = tuple(
            DisclosureInfo(
                d.id,
                d.recipient,
                d.legal_basis,
                d.evidence,
                d.data_shared,
                d.disclosed_at,
                d.recorded_by,
                d.data_categories or "",
                d.export_sha256,
            )
            for d in session.scalars(
                select(Disclosure).where(Disclosure.account_id == account_id).order_by(Disclosure.disclosed_at, Disclosure.id)
            )
        )
        history = _history(session, account_id)
        return AccountDetails(
            grant=_grant_info(grant, holder),
            profile=profile,
            configurations=configurations,
            files=files,
            correspondence=correspondence,
            recent_cdrs=cdrs,
            cdr_count=cdr_count,
            marketing=marketing,
            disclosures=disclosures,
            history=history,
        )


def _operator_login(session: Session, operator_id: int) -> str:
    return session.scalar(select(Operator.login).where(Operator.id == operator_id)) or "?"


def _files(session: Session, entity: Any, account_id: int) -> tuple[FileInfo, ...]:
    return tuple(_file_info(f) for f in session.scalars(select(entity).where(entity.account_id == account_id).order_by(entity.id)))


# --------------------------------------------------------------------------- the live check

#: the audit events of a look at personal data (``PersonalReader.open_account``): each names its grant
READ_ACTIONS = ("account.view", "account.read", "file.open")
#: how many offending events a check names (their sequence numbers), enough to start looking
EXAMPLES = 5


@dataclass(frozen=True)
class AccessChecks:
    """The promise "only to help", read from the audit log: every look at personal data named a
    grant of the same operator, for the same account, running at that moment; every uploaded file
    opened named the customer's request."""

    reads: int
    without_grant: int  # must be 0
    without_grant_examples: tuple[int, ...]  # audit sequence numbers
    files_opened: int
    files_without_request: int  # must be 0
    files_without_request_examples: tuple[int, ...]
    grants_by_purpose: tuple[tuple[str, int], ...]  # every purpose, zeros included
    active_grants: int


def checks(session: Session, *, now: dt.datetime | None = None) -> AccessChecks:
    now = _now(now)
    grants = {
        gid: (login, account_id, _aware(granted), _aware(expires), _aware(ended))
        for gid, login, account_id, granted, expires, ended in session.execute(
            select(
                AccessGrant.id,
                Operator.login,
                AccessGrant.account_id,
                AccessGrant.granted_at,
                AccessGrant.expires_at,
                AccessGrant.ended_at,
            ).join(Operator, Operator.id == AccessGrant.operator_id)
        )
    }
    reads = files = 0
    bad: list[int] = []
    bad_files: list[int] = []
    events = session.execute(
        select(
            AuditEvent.seq, AuditEvent.occurred_at, AuditEvent.operator_login, AuditEvent.action, AuditEvent.target_id, AuditEvent.details
        )
        .where(AuditEvent.action.in_(READ_ACTIONS))
        .order_by(AuditEvent.seq)
    )
    for seq, at, login, action, target, raw in events:
        reads += 1
        try:
            details = json.loads(raw or "{}")
        except ValueError:
            details = {}
        if not isinstance(details, dict):
            details = {}
        named = details.get("grant_id")
        grant = grants.get(named) if isinstance(named, int) else None
        if not _grant_covers(grant, login, target, _aware(at)):
            bad.append(seq)
        if action == "file.open":
            files += 1
            if not str(details.get("customer_request") or "").strip():
                bad_files.append(seq)
    counts = dict(session.execute(select(AccessGrant.purpose, func.count()).group_by(AccessGrant.purpose)).all())
    by_purpose = tuple((p.value, int(counts.pop(p.value, 0))) for p in Purpose) + tuple(sorted((k, int(v)) for k, v in counts.items()))
    active = session.scalar(
        select(func.count()).select_from(AccessGrant).where(AccessGrant.ended_at.is_(None), AccessGrant.expires_at > now)
    )
    return AccessChecks(
        reads=reads,
        without_grant=len(bad),
        without_grant_examples=tuple(bad[:EXAMPLES]),
        files_opened=files,
        files_without_request=len(bad_files),
        files_without_request_examples=tuple(bad_files[:EXAMPLES]),
        grants_by_purpose=by_purpose,
        active_grants=int(active or 0),
    )


def _grant_covers(grant: tuple[Any, ...] | None, login: str, target: str, at: dt.datetime | None) -> bool:
    if grant is None or at is None:
        return False
    holder, account_id, granted, expires, ended = grant
    if holder != login or str(account_id) != str(target):
        return False
    end = min(expires, ended) if ended is not None else expires
    return bool(granted <= at < end)


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value
