"""Purpose-bound access to an account's personal data, and the customer's rights over it.

The policy: "We'll only ever access your account to help you with a problem or squash a
software bug. We'll never open any uploaded files unless you ask us to." Here that becomes:

- an operator (not a viewer) obtains an **access grant** for one account, naming a purpose and a
  ticket, for 1 to 480 minutes; it expires on its own and can be ended early (by its holder, or
  by an admin);
- the account's details in the clear (``account_details``), an uploaded file's content
  (``open_file``, which also needs the customer's own request reference) and a rectification
  (``rectify``) each need an active grant *at the moment of the action*, and each is audited;
- marketing use of a name or company needs a recorded permission with its evidence
  (``set_marketing_permission``); the marketing list holds only permitted, active accounts.

Every check is here, in the core: the GUI's disabled buttons are a convenience, not the guard.
Every write commits in one transaction with its audit event, and audit details carry ids,
purposes, tickets and field names, never a personal value. Functions take a ``sessionmaker``
and the ``OperatorInfo`` of who is at the console, and return small frozen dataclasses.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import wave
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from minisip_console.core import audit, files
from minisip_console.core.errors import ConsoleError, InvalidInput, PermissionDenied
from minisip_console.core.filestore import FileStore
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
from minisip_console.core.operators import OperatorInfo
from minisip_console.core.personal import PersonalReader
from minisip_console.core.purposes import (
    Purpose,
    parse_purpose,
    require_role,
    role_refusal,
    validate_ticket,
)
from minisip_console.core.validation import (
    validate_company,
    validate_email,
    validate_evidence,
    validate_name,
)

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


@dataclass(frozen=True)
class AudioInfo:
    """What the preview shows of a WAV recording (the console does not play it)."""

    channels: int
    sample_rate: int
    sample_width_bits: int
    frames: int

    @property
    def seconds(self) -> float:
        return self.frames / self.sample_rate if self.sample_rate else 0.0


@dataclass(frozen=True)
class OpenedFile:
    metadata: FileInfo
    content: bytes
    kind: str  # text | image | audio | other
    intact: bool  # the content's SHA-256 matches the metadata
    audio: AudioInfo | None = None  # for a readable WAV file

    def text(self) -> str:
        """The content as text (UTF-8; undecodable bytes shown as U+FFFD)."""
        return self.content.decode("utf-8", errors="replace")


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


def end_grant(
    sessions: sessionmaker[Session], operator: OperatorInfo, grant_id: int, now: dt.datetime | None = None
) -> GrantInfo:
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
            raise PermissionDenied(
                f"Access grant {grant_id} belongs to {holder}; only its holder or an admin can end it."
            )
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


def active_grants(
    sessions: sessionmaker[Session], operator: OperatorInfo, now: dt.datetime | None = None
) -> tuple[GrantInfo, ...]:
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
        reader.open_account(account_id, action="account.view",
                            details={"grant_id": grant.id, "purpose": grant.purpose, "ticket": grant.ticket_ref}, at=at)
        acc = reader.entity(Account)
        account = session.scalar(select(acc).where(acc.id == account_id))
        assert account is not None  # _account found it above, in this transaction, which opened it
        profile = Profile(account.id, account.name, account.email, account.company, account.status, account.created_at)
        configurations = tuple(
            ConfigurationInfo(c.id, c.kind, c.name, c.settings, c.created_at, c.updated_at)
            for c in session.scalars(
                select(Configuration).where(Configuration.account_id == account_id).order_by(Configuration.id)
            )
        )
        files = _files(session, reader.entity(UploadedFile), account_id)
        message = reader.entity(SupportMessage)
        correspondence = tuple(
            MessageInfo(m.id, m.ticket_ref, m.direction, m.from_address, m.subject, m.body, m.sent_at)
            for m in session.scalars(
                select(message).where(message.account_id == account_id).order_by(message.sent_at, message.id)
            )
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
            DisclosureInfo(d.id, d.recipient, d.legal_basis, d.evidence, d.data_shared, d.disclosed_at, d.recorded_by,
                           d.data_categories or "", d.export_sha256)
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


# --------------------------------------------------------------------------- files

_TEXT_TYPES = frozenset({"application/json", "application/xml", "application/csv", "application/x-yaml"})


def file_kind(content_type: str) -> str:
    """How the console previews a file: ``text``, ``image``, ``audio`` or ``other``."""
    main = content_type.split(";", 1)[0].strip().lower()
    if main.startswith("text/") or main in _TEXT_TYPES:
        return "text"
    if main.startswith("image/"):
        return "image"
    if main.startswith("audio/"):
        return "audio"
    return "other"


def audio_info(content: bytes) -> AudioInfo | None:
    """Channels, rate and length of a WAV file; ``None`` for anything ``wave`` cannot read."""
    try:
        with wave.open(io.BytesIO(content), "rb") as w:
            return AudioInfo(w.getnchannels(), w.getframerate(), w.getsampwidth() * 8, w.getnframes())
    except (wave.Error, EOFError, ValueError):
        return None


def _files(session: Session, entity: Any, account_id: int) -> tuple[FileInfo, ...]:
    return tuple(
        _file_info(f) for f in session.scalars(select(entity).where(entity.account_id == account_id).order_by(entity.id))
    )


def open_file(
    sessions: sessionmaker[Session],
    operator: OperatorInfo,
    file_id: int,
    customer_request_ref: str | None,
    store: FileStore,
    now: dt.datetime | None = None,
) -> OpenedFile:
    """An uploaded file's content: needs an active grant on its account and the customer's own
    request reference ("we never open uploaded files unless you ask us to")."""
    _check_id(file_id, "an uploaded file")
    try:
        ref = validate_ticket(customer_request_ref)
    except InvalidInput as exc:
        raise InvalidInput(
            "Opening a file needs the reference of the customer's request to open it. " + exc.message,
            hint="Give the ticket in which the customer asked for this file to be opened.",
        ) from None
    at = _now(now)
    with sessions() as session, session.begin():
        owner = session.scalar(select(UploadedFile.account_id).where(UploadedFile.id == file_id))
        if owner is None:
            raise InvalidInput(f"No uploaded file {file_id}.", hint="It does not exist, or it was deleted meanwhile.")
        grant = _require_grant(session, operator, owner, at, "open files")
        reader = PersonalReader(session, replace(operator, login=_operator_login(session, grant.operator_id)))
        reader.open_account(owner, action="file.open",
                            details={"file_id": file_id, "grant_id": grant.id, "customer_request": ref}, at=at)
        upload = reader.entity(UploadedFile)
        row = session.scalar(select(upload).where(upload.id == file_id))
        assert row is not None  # its owner was read above, in this transaction, which opened the owner's account
        metadata = _file_info(row)
        try:
            path = store.path_of(row.storage_path)
            content = path.read_bytes()
        except ValueError:
            raise ConsoleError(f"Uploaded file {file_id} has a storage path outside the file store; it was not opened.") from None
        except FileNotFoundError:
            raise ConsoleError(
                f"Uploaded file {file_id} ({row.filename}) is missing from the file store at {store.root}.",
                hint="Its metadata remains; check the file store's location and backups.",
            ) from None
        except OSError as exc:
            raise ConsoleError(f"Uploaded file {file_id} could not be read: {exc.strerror or exc}.") from None
        intact = hashlib.sha256(content).hexdigest() == row.sha256
        if not intact:
            audit.append(session, operator=reader.operator.login, action="file.integrity", target_type="account",
                         target_id=owner, details={"file_id": file_id, "intact": False}, at=at)
    kind = file_kind(metadata.content_type)
    audio = audio_info(content) if kind == "audio" else None
    return OpenedFile(metadata=metadata, content=content, kind=kind, intact=intact, audio=audio)


# --------------------------------------------------------------------------- rectification

RECTIFIABLE = ("name", "email", "company")


def rectify(
    sessions: sessionmaker[Session],
    operator: OperatorInfo,
    account_id: int,
    *,
    name: str | None = None,
    email: str | None = None,
    company: str | None = None,
    now: dt.datetime | None = None,
) -> list[str]:
    """Change an account's name, email or company; returns the fields that changed.

    Every given field is validated before anything is written; the change and its audit event
    (field names only) commit together. Fields equal to the stored value are not "changed".
    """
    _check_id(account_id, "an account")
    given = {"name": name, "email": email, "company": company}
    if all(v is None for v in given.values()):
        raise InvalidInput("Nothing to change.", hint="Give a new name, email or company.")
    validators = {"name": validate_name, "email": validate_email, "company": validate_company}
    clean = {field: validators[field](value) for field, value in given.items() if value is not None}
    at = _now(now)
    with sessions() as session, session.begin():
        enforce("rectify", operator)
        grant = _require_grant(session, operator, account_id, at, "rectify the details")
        _live_account(session, account_id, "rectify it")
        reader = PersonalReader(session, replace(operator, login=_operator_login(session, grant.operator_id)))
        reader.open_account(account_id, action="account.read",
                            details={"grant_id": grant.id, "purpose": grant.purpose, "ticket": grant.ticket_ref, "for": "account.rectify"}, at=at)
        acc = reader.entity(Account)
        account = session.scalar(select(acc).where(acc.id == account_id))
        changed = [field for field in RECTIFIABLE if field in clean and getattr(account, field) != clean[field]]
        if not changed:
            return []
        session.execute(update(Account).where(Account.id == account_id).values({field: clean[field] for field in changed}))
        audit.append(
            session,
            operator=_operator_login(session, grant.operator_id),
            action="account.rectify",
            target_type="account",
            target_id=account_id,
            details={"fields": changed},
            at=at,
        )
        return changed


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
        target, MARKETING_COLUMNS,
        ((account_id, name, company or "", decided_at.isoformat(), evidence)
         for account_id, name, company, decided_at, evidence in marketing_list(sessions, operator)),
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
