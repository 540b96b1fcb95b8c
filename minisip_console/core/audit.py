"""The audit log: append-only and hash-chained.

Each event's ``hash`` is SHA-256 over a canonical JSON serialisation of its fields and the
previous event's hash (``prev_hash``; the first event chains to ``GENESIS``). ``verify`` walks
the chain and names the first event that does not match, so an edited, inserted or removed
event is caught; comparing with an exported head (``head``) catches a truncated tail too.

Events record what happened, by whom and why (fields changed, purpose, ticket), never the old
or new personal values: the log must not become a second store of personal data.

``append`` must be called inside the transaction that makes the change it records.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from minisip_console.core.models import AuditEvent, utcnow

GENESIS = "0" * 64


def canonical(fields: Mapping[str, Any]) -> bytes:
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str).encode()


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
    seq: int
    hash: str


def append(
    session: Session,
    *,
    operator: str,
    action: str,
    target_type: str = "",
    target_id: str | int = "",
    details: Mapping[str, Any] | None = None,
    at: dt.datetime | None = None,
) -> AuditEvent:
    """Add an event to the chain in the caller's transaction (it commits with the change).

    On PostgreSQL the previous event is read ``FOR UPDATE`` so two consoles appending at once
    serialise; the primary key on ``seq`` turns any remaining race into a failed transaction
    rather than a fork in the chain.
    """
    stmt = select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)
    if session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update()
    last = session.execute(stmt).first()
    seq, prev = (last.seq + 1, last.hash) if last else (1, GENESIS)
    event = AuditEvent(
        seq=seq,
        occurred_at=at or utcnow(),
        operator_login=operator,
        action=action,
        target_type=target_type,
        target_id=str(target_id),
        details=canonical(details or {}).decode(),
        prev_hash=prev,
    )
    event.hash = compute_hash(event)
    session.add(event)
    session.flush()
    return event


def head(session: Session) -> Head | None:
    row = session.execute(select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)).first()
    return Head(row.seq, row.hash) if row else None


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    events: int
    head: Head | None
    first_bad_seq: int | None = None
    reason: str | None = None


def verify(session: Session, *, expected_head: Head | None = None, batch: int = 5000) -> VerifyResult:
    """Recompute the chain; stop at the first event that does not match."""
    prev_hash = GENESIS
    expected_seq = 1
    count = 0
    last: Head | None = None
    after = 0
    while True:
        rows = session.scalars(select(AuditEvent).where(AuditEvent.seq > after).order_by(AuditEvent.seq).limit(batch)).all()
        if not rows:
            break
        for event in rows:
            if event.seq != expected_seq:
                return VerifyResult(False, count, last, event.seq, f"event {expected_seq} is missing")
            if event.prev_hash != prev_hash:
                return VerifyResult(False, count, last, event.seq, "does not chain to the event before it")
            if compute_hash(event) != event.hash:
                return VerifyResult(False, count, last, event.seq, "its content does not match its hash")
            prev_hash = event.hash
            expected_seq += 1
            count += 1
            last = Head(event.seq, event.hash)
        after = rows[-1].seq
        session.expunge_all()
    if expected_head is not None:
        if last is None or last.seq < expected_head.seq:
            return VerifyResult(False, count, last, expected_head.seq, "the log ends before the exported head: it was truncated")
        if last.seq >= expected_head.seq:
            at = session.scalar(select(AuditEvent.hash).where(AuditEvent.seq == expected_head.seq))
            if at != expected_head.hash:
                return VerifyResult(False, count, last, expected_head.seq, "differs from the exported head: the log was rewritten")
    return VerifyResult(True, count, last)
