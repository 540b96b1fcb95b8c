"""The audit log: append-only and hash-chained.

Each event's ``hash`` is SHA-256 over a canonical JSON serialisation of its fields and the
previous event's hash (``prev_hash``; the first event chains to ``GENESIS``). ``verify`` walks
the chain and names the first event that does not match, so an edited, inserted or removed
event is caught; comparing with an exported head (``head``) catches a truncated tail too.

A log can also be consistent in itself and still short: emptied, or cut after its last event
that anyone kept a head of. So ``verify`` also holds the log against the console's own tables
(``check_records``): every record the console audits when it makes it must have its event
(``AUDITED``: a deletion request its ``deletion.request``, a finished purge receipt its
``purge.run``...), and kinds whose event names another target must have as many events as rows
(``COUNTED``: access grants, law-enforcement documents). An empty log verifies only while those
tables are empty too. The checks are aggregate queries (one per kind, over the ``target_id``
index), not one per row.

A head has one text form, ``SEQ:HASH`` (``str(head)``, ``Head.text``), and one parser,
``parse_head``. Deletion certificates, purge receipts, the transparency report and the export
manifest carry the head they were made under in that form, so an auditor can keep a copy
elsewhere and later run ``minisip-console audit verify --expect-head SEQ:HASH``.

Events record what happened, by whom and why (fields changed, purpose, ticket), never the old
or new personal values: the log must not become a second store of personal data.

``append`` must be called inside the transaction that makes the change it records.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import (
    ColumnElement,
    String,
    Table,
    and_,
    case,
    cast,
    exists,
    false,
    func,
    insert,
    literal,
    select,
    true,
    update,
)
from sqlalchemy.orm import Session

from minisip_console.core.models import (
    AccessGrant,
    AuditEvent,
    DeletionRequest,
    Disclosure,
    LawEnforcementRequest,
    LawRequestDocument,
    LegalHold,
    NoticeCampaign,
    Operator,
    PurgeRun,
    RetentionPolicy,
    RetentionTarget,
    utcnow,
)
from minisip_console.core.plumbing.errors import InvalidInput
from minisip_console.core.text import Text, joined, say
from minisip_console.core.wording import plural

GENESIS = "0" * 64
#: the largest event number a head can name (a signed 64-bit integer); more is refused as malformed
MAX_SEQ = 2**63 - 1


#: one encoder, made once: ``json.dumps`` with these options builds a new one per call, which was
#: most of the cost of verifying an event (the bytes are the same)
_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def canonical(fields: Mapping[str, Any]) -> bytes:
    return _CANONICAL.encode(fields).encode()


def _event_fields(
    seq: int, occurred_at: dt.datetime, operator: str, action: str, target_type: str, target_id: str, details: str, prev_hash: str
) -> dict[str, Any]:
    return {
        "seq": seq,
        "occurred_at": occurred_at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "operator": operator,
        "action": action,
        "target_type": target_type,
        "target_id": target_id,
        "details": details,
        "prev_hash": prev_hash,
    }


def compute_hash(event: AuditEvent) -> str:
    fields = _event_fields(
        event.seq,
        event.occurred_at,
        event.operator_login,
        event.action,
        event.target_type,
        event.target_id,
        event.details,
        event.prev_hash,
    )
    return hashlib.sha256(canonical(fields)).hexdigest()


@dataclass(frozen=True)
class Head:
    """The newest event of the log at some moment: its number and its hash."""

    seq: int
    hash: str

    @property
    def text(self) -> str:
        """``SEQ:HASH``: what ``audit head`` prints and ``parse_head`` reads back."""
        return f"{self.seq}:{self.hash}"

    def __str__(self) -> str:
        return self.text


_SEQ_RE = re.compile(r"[0-9]+")
_HASH_RE = re.compile(r"[0-9a-f]{64}")
_HEAD_HINT = say("Give it as SEQ:HASH, a positive event number and 64 lowercase hex digits, as 'minisip-console audit head' prints it.")


def parse_head(raw: str, *, source: str = "The value") -> Head:
    """``SEQ:HASH`` (surrounding white space ignored) as a ``Head``; ``InvalidInput`` otherwise.

    ``source`` names where the text came from in the message (``--expect-head`` for the CLI).
    SEQ is a whole number from 1 to ``MAX_SEQ`` in ASCII digits without leading zeros; HASH is
    exactly 64 lowercase hexadecimal digits, as heads are always printed: so
    ``parse_head(text).text == text.strip()``.
    """
    text_ = raw.strip() if isinstance(raw, str) else ""
    shown = f"{source} {text_[:80]!r}" if isinstance(raw, str) else f"{source} ({type(raw).__name__})"

    def bad(why: str) -> InvalidInput:
        return InvalidInput(say("{shown} is not a head: {why}.", shown=shown, why=why), hint=_HEAD_HINT)

    parts = text_.split(":")
    if len(parts) != 2:
        raise bad("it must be two parts, SEQ and HASH, separated by one colon")
    seq_text, hash_text = parts
    if not seq_text:
        raise bad("its event number SEQ is missing")
    if not _SEQ_RE.fullmatch(seq_text):
        raise bad("its event number SEQ is not a whole number")
    if seq_text == "0" * len(seq_text):
        raise bad("its event number must be 1 or more")
    if seq_text.startswith("0"):  # never printed so: one text form per head
        raise bad("its event number starts with a zero")
    # the length is checked before int(): Python refuses to convert more than 4,300 digits
    # (ValueError), and a long string costs time for nothing
    if len(seq_text) > len(str(MAX_SEQ)) or int(seq_text) > MAX_SEQ:
        raise bad(f"its event number is larger than {MAX_SEQ}, the largest the log can hold")
    seq = int(seq_text)
    if not _HASH_RE.fullmatch(hash_text):
        if _HASH_RE.fullmatch(hash_text.lower()):
            raise bad("its hash has uppercase letters; heads are printed in lowercase")
        if len(hash_text) != 64:
            raise bad(f"its hash has {len(hash_text)} characters, not 64")
        raise bad("its hash must be hex digits (0-9, a-f) only")
    return Head(seq, hash_text)


@dataclass(frozen=True)
class Appended:
    """An event as the database recorded it (on PostgreSQL the database fills in who, when,
    the sequence number and the hashes)."""

    seq: int
    hash: str
    operator_login: str
    occurred_at: dt.datetime


def append(
    session: Session,
    *,
    operator: str,
    action: str,
    target_type: str = "",
    target_id: str | int = "",
    details: Mapping[str, Any] | None = None,
    at: dt.datetime | None = None,
) -> Appended:
    """Add an event to the chain in the caller's transaction (it commits with the change).

    On PostgreSQL a trigger (``core.pg_security``) fills in the session's own login (the
    ``operator`` given here only counts for the schema owner), the time, the sequence number
    and both hashes, serialising appends with a transaction-level lock; the primary key on
    ``seq`` turns any remaining race into a failed transaction rather than a fork in the chain.
    On SQLite (single-user: the file is the trust boundary) they are computed here.
    """
    table = AuditEvent.__table__
    values = {
        "operator_login": operator,
        "action": action,
        "target_type": target_type,
        "target_id": str(target_id),
        "details": canonical(details or {}).decode(),
        "occurred_at": at or utcnow(),
    }
    if session.get_bind().dialect.name == "postgresql":
        # seq, prev_hash and hash are the trigger's to fill in: the values sent here are placeholders
        row = session.execute(
            insert(table)
            .values(seq=0, prev_hash="", hash="", **values)
            .returning(table.c.seq, table.c.hash, table.c.operator_login, table.c.occurred_at)
        ).one()
        return Appended(row.seq, row.hash, row.operator_login, row.occurred_at)
    # a write that changes nothing takes the database's write lock first (SQLite begins the transaction
    # at a transaction's first write): the last event is then read under it, and two appends at once
    # (a search on a worker beside a grant) wait for each other instead of both taking the same seq
    session.execute(update(table).where(false()).values(seq=table.c.seq))
    last = session.execute(select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)).first()
    seq, prev = (last.seq + 1, last.hash) if last else (1, GENESIS)
    event = AuditEvent(seq=seq, prev_hash=prev, **values)
    event.hash = compute_hash(event)
    session.execute(insert(table).values(seq=seq, prev_hash=prev, hash=event.hash, **values))
    return Appended(seq, event.hash, operator, event.occurred_at)


def head(session: Session) -> Head | None:
    row = session.execute(select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)).first()
    return Head(row.seq, row.hash) if row else None


# --------------------------------------------------------------------------- the log against the records


@dataclass(frozen=True)
class Audited:
    """A kind of record the console audits as it makes it: each row must have an event naming it
    (``target_type`` and ``target_id`` = the row's id) with one of ``actions`` (None: any action,
    for kinds whose first event differs between the console and the demo)."""

    name: str  # one record, as a sentence says it: "deletion request"
    names: str  # several
    table: Table
    target_type: str
    actions: tuple[str, ...] | None
    where: Callable[[Table], ColumnElement[bool]] | None = None  # which rows (None: all of them)
    any_event: str = ""  # how a message names "any event about it" (``actions`` None): "campaign.*"

    @property
    def event(self) -> str:
        return " or ".join(self.actions) if self.actions else self.any_event


@dataclass(frozen=True)
class Counted:
    """A kind whose event names another target (an access grant's names the account): at least as
    many ``action`` events as rows."""

    name: str
    names: str
    table: Table
    action: str


#: what ``check_records`` holds the log against: the kinds the core audits in the transaction that
#: creates the row, as the demo does too. Left out on purpose: operators (a schema owner may add the
#: first ones directly), policy versions (written by hand in setups and tests), site notices (a
#: service table: the site may add its own), and running purge receipts (their event comes when
#: they finish; a killed run's comes as ``purge.interrupted`` from the next run).
AUDITED: tuple[Audited, ...] = (
    Audited("deletion request", "deletion requests", DeletionRequest.__table__, "deletion_request", ("deletion.request",)),
    Audited(
        "completed deletion request",
        "completed deletion requests",
        DeletionRequest.__table__,
        "deletion_request",
        ("deletion.complete",),
        lambda t: t.c.state == "completed",
    ),
    Audited(
        "finished purge receipt",
        "finished purge receipts",
        PurgeRun.__table__,
        "purge_run",
        ("purge.run", "purge.interrupted"),
        lambda t: and_(t.c.dry_run.is_(False), t.c.state != "running"),
    ),
    Audited("legal hold", "legal holds", LegalHold.__table__, "legal_hold", ("legal_hold.place",)),
    Audited(
        "law-enforcement request",
        "law-enforcement requests",
        LawEnforcementRequest.__table__,
        "law_enforcement_request",
        ("law_request.receive",),
    ),
    Audited("disclosure", "disclosures", Disclosure.__table__, "disclosure", ("disclosure.record",)),
    Audited("notice campaign", "notice campaigns", NoticeCampaign.__table__, "notice_campaign", None, any_event="campaign.*"),
    Audited("retention policy", "retention policies", RetentionPolicy.__table__, "retention_policy", ("retention.set",)),
    Audited("retention target", "retention targets", RetentionTarget.__table__, "retention_target", ("retention.target_added",)),
)
COUNTED: tuple[Counted, ...] = (
    Counted("access grant", "access grants", AccessGrant.__table__, "access.grant"),
    Counted("law-enforcement document", "law-enforcement documents", LawRequestDocument.__table__, "law_request.document"),
)
#: how many ids of records without their event a check names
EXAMPLES = 5


@dataclass(frozen=True)
class RecordCheck:
    """One kind of record held against the log: how many there are and how many lack their event."""

    name: str
    names: str
    event: str  # the event each must have ("deletion.request"; "purge.run or purge.interrupted")
    records: int
    missing: int  # records whose event the log lacks (counted kinds: rows beyond the events found)
    examples: tuple[int, ...] = ()  # ids of the first of them (id-checked kinds only)
    events: int | None = None  # counted kinds: the events found

    @property
    def ok(self) -> bool:
        return self.missing == 0

    @property
    def text(self) -> str:
        """What is missing (``ok``: how many records were checked)."""
        what = plural(self.records, self.name, self.names)
        if self.ok:
            return what
        if self.events is not None:
            found = f"only {plural(self.events, self.event + ' event')}" if self.events else f"no {self.event} event"
            return f"{what} but {found}"
        ids = ", ".join(map(str, self.examples)) + (", ..." if self.missing > len(self.examples) else "")
        return (
            f"{self.missing:,} of {what} {'has' if self.missing == 1 else 'have'} no {self.event} event "
            f"({'id' if self.missing == 1 else 'ids'} {ids})"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.names,
            "event": self.event,
            "records": self.records,
            "missing": self.missing,
            "examples": list(self.examples),
            "events": self.events,
            "ok": self.ok,
        }


def _has_event(kind: Audited) -> ColumnElement[bool]:
    e = AuditEvent.__table__
    cond = and_(e.c.target_id == cast(kind.table.c.id, String), e.c.target_type == kind.target_type)
    if kind.actions:
        cond = and_(cond, e.c.action.in_(kind.actions))
    return exists(select(literal(1)).select_from(e).where(cond))


def check_records(session: Session) -> tuple[RecordCheck, ...]:
    """Every kind of ``AUDITED`` and ``COUNTED`` record against the events the log holds for them."""
    out = []
    for kind in AUDITED:
        t = kind.table
        rows = kind.where(t) if kind.where is not None else true()
        lacking = ~_has_event(kind)
        records, missing = session.execute(
            select(func.count(), func.coalesce(func.sum(case((lacking, 1), else_=0)), 0)).select_from(t).where(rows)
        ).one()
        examples: tuple[int, ...] = ()
        if missing:
            examples = tuple(session.scalars(select(t.c.id).where(rows, lacking).order_by(t.c.id).limit(EXAMPLES)))
        out.append(RecordCheck(kind.name, kind.names, kind.event, int(records), int(missing), examples))
    for counted in COUNTED:
        records = int(session.scalar(select(func.count()).select_from(counted.table)) or 0)
        events = int(session.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == counted.action)) or 0)
        out.append(RecordCheck(counted.name, counted.names, counted.action, records, max(0, records - events), events=events))
    return tuple(out)


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    events: int
    head: Head | None
    first_bad_seq: int | None = None  # None when the chain holds but events are missing for records
    reason: str | None = None
    #: the console's audited records held against the log (``check_records``): details of the
    #: verdict above, left out of comparisons
    records: tuple[RecordCheck, ...] = field(default=(), compare=False)

    @property
    def missing(self) -> tuple[RecordCheck, ...]:
        """The kinds of records whose events the log lacks."""
        return tuple(r for r in self.records if not r.ok)


def verify(session: Session, *, expected_head: Head | None = None, batch: int = 5000) -> VerifyResult:
    """Recompute the chain (stop at the first event that does not match), then hold the log against
    the records the console audits (``check_records``): a log that lacks their events is not intact,
    even when it is consistent in itself (emptied, or cut after its last exported head). Last, the
    events whose content has rules of its own (``check_events``): the first that breaks one fails."""
    chain = _verify_chain(session, expected_head=expected_head, batch=batch)
    records = check_records(session)
    missing = [r for r in records if not r.ok]
    if chain.ok and missing:
        reason = say(
            "it lacks the events of records the console holds: {missing}", missing=joined([r.text for r in missing], say("{a}; {b}"))
        )
        return VerifyResult(False, chain.events, chain.head, None, reason, records)
    if chain.ok:
        broken = check_events(session)
        if broken:
            return VerifyResult(False, chain.events, chain.head, broken[0].seq, broken[0].reason, records)
    return replace(chain, records=records)


# --------------------------------------------------------------------------- rules on events' content


@dataclass(frozen=True)
class EventProblem:
    """An event that is in the chain but breaks a rule on what such an event may say or who may make it."""

    seq: int
    action: str
    reason: Text


#: what an added retention target's event must name (``targets._details``)
TARGET_FIELDS = ("name", "url", "table", "column")
_OPERATOR_EVENTS = ("operator.add", "operator.set_role", "operator.disable")
_TARGET_EVENTS = ("retention.target_added", "retention.target_removed")
#: a key of an event's details that would carry a secret
_SECRET_KEY = re.compile(r"pass(word|wd)?|secret|credential", re.IGNORECASE)


def check_events(session: Session) -> tuple[EventProblem, ...]:
    """The rules on saved retention targets' events (``retention.target_added`` / ``_removed``):
    only an admin makes them (the role the log's own ``operator.*`` events gave that login at the time,
    else the ``operators`` table's for a login the log never mentions: one its schema owner added);
    an added target's event names its name, URL, table and column, and no password (no such key, no
    URL with one); a removed target was added before. Reads only those events and the operators'."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    current = {login: (role, active) for login, role, active in session.execute(select(Operator.login, Operator.role, Operator.active))}
    roles: dict[str, tuple[str, bool]] = {}
    added: set[str] = set()
    problems: list[EventProblem] = []
    rows = session.execute(
        select(AuditEvent.seq, AuditEvent.operator_login, AuditEvent.action, AuditEvent.target_id, AuditEvent.details)
        .where(AuditEvent.action.in_(_OPERATOR_EVENTS + _TARGET_EVENTS))
        .order_by(AuditEvent.seq)
    ).all()
    for seq, login, action, target_id, raw in rows:
        try:
            details = json.loads(raw) if raw else {}
        except ValueError:
            details = None
        if action in _OPERATOR_EVENTS:
            if isinstance(details, dict) and isinstance(details.get("login"), str):
                was = roles.get(details["login"], (str(details.get("role") or ""), True))
                role = str(details.get("role") or was[0])
                roles[details["login"]] = (role, action != "operator.disable")
            continue

        def problem(reason: Text, seq: int = seq, action: str = action) -> None:
            problems.append(EventProblem(seq, action, reason))

        role, active = roles.get(login) or current.get(login) or ("", False)
        if role != "admin" or not active:
            problem(
                say(
                    "event {seq} ({action}) was made by {login}, who was not an active admin then: "
                    "only admins add or remove retention targets",
                    seq=seq,
                    action=action,
                    login=login,
                )
            )
        if not isinstance(details, dict):
            problem(say("event {seq} ({action}) has no readable details", seq=seq, action=action))
            continue
        if action == "retention.target_removed":
            if target_id not in added:
                problem(
                    say(
                        "event {seq} removes retention target {id}, which no earlier retention.target_added event added",
                        seq=seq,
                        id=target_id,
                    )
                )
            added.discard(target_id)
            continue
        added.add(target_id)
        lacking = [f for f in TARGET_FIELDS if not isinstance(details.get(f), str) or not details[f].strip()]
        if lacking:
            problem(say("event {seq} adds a retention target without its {fields}", seq=seq, fields=", ".join(lacking)))
        secrets = sorted(k for k in details if _SECRET_KEY.search(str(k)))
        if secrets:
            problem(say("event {seq} adds a retention target with a secret in its details ({keys})", seq=seq, keys=", ".join(secrets)))
        url = details.get("url")
        if isinstance(url, str) and url.strip():
            try:
                has_password = make_url(url.strip()).password is not None
            except (ArgumentError, ValueError):
                has_password = "@" in url and ":" in url.split("@", 1)[0].partition("://")[2]
            if has_password:
                problem(say("event {seq} adds a retention target whose URL carries a password", seq=seq))
    return tuple(problems)


def _verify_chain(session: Session, *, expected_head: Head | None, batch: int) -> VerifyResult:
    """Recompute the chain; stop at the first event that does not match."""
    prev_hash = GENESIS
    expected_seq = 1
    count = 0
    last: Head | None = None
    after = 0
    # plain rows, not ORM objects: the same columns (and types) at a third of the cost per event
    columns = (
        AuditEvent.seq,
        AuditEvent.occurred_at,
        AuditEvent.operator_login,
        AuditEvent.action,
        AuditEvent.target_type,
        AuditEvent.target_id,
        AuditEvent.details,
        AuditEvent.prev_hash,
        AuditEvent.hash,
    )
    while True:
        rows = session.execute(select(*columns).where(AuditEvent.seq > after).order_by(AuditEvent.seq).limit(batch)).all()
        if not rows:
            break
        for seq, occurred_at, operator, action, target_type, target_id, details, prev, stored in rows:
            if seq != expected_seq:
                return VerifyResult(False, count, last, seq, say("event {seq} is missing", seq=expected_seq))
            if prev != prev_hash:
                return VerifyResult(False, count, last, seq, say("does not chain to the event before it"))
            fields = _event_fields(seq, occurred_at, operator, action, target_type, target_id, details, prev)
            if hashlib.sha256(canonical(fields)).hexdigest() != stored:
                return VerifyResult(False, count, last, seq, say("its content does not match its hash"))
            prev_hash = stored
            expected_seq += 1
            count += 1
            last = Head(seq, stored)
        after = rows[-1][0]
    if expected_head is not None:
        if last is None or last.seq < expected_head.seq:
            return VerifyResult(False, count, last, expected_head.seq, say("the log ends before the exported head: it was truncated"))
        if last.seq >= expected_head.seq:
            at = session.scalar(select(AuditEvent.hash).where(AuditEvent.seq == expected_head.seq))
            if at != expected_head.hash:
                return VerifyResult(False, count, last, expected_head.seq, say("differs from the exported head: the log was rewritten"))
    return VerifyResult(True, count, last)
