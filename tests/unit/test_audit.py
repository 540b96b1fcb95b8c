"""The audit log is hash-chained: every edit, removal or truncation is caught and located.

Runs on SQLite and on PostgreSQL (``db_engine``): tampering is done in plain SQL, the way
someone with database access and no console would do it.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from minisip_console.core import audit
from minisip_console.core.models import AuditEvent

T0 = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)


def _append_events(engine: Engine, count: int) -> audit.Head:
    with Session(engine) as session, session.begin():
        for i in range(count):
            audit.append(
                session,
                operator="ann",
                action="grant.open",
                target_type="account",
                target_id=100 + i,
                details={"purpose": "bug", "ticket": f"T-{i}", "fields": ["email", "name"]},
                at=T0 + dt.timedelta(minutes=i),
            )
    with Session(engine) as session:
        head = audit.head(session)
    assert head is not None
    return head


def _verify(engine: Engine, *, expected_head: audit.Head | None = None, batch: int = 5000) -> audit.VerifyResult:
    with Session(engine) as session:
        return audit.verify(session, expected_head=expected_head, batch=batch)


def _sql(engine: Engine, statement: str, **params: object) -> None:
    with engine.begin() as conn:
        conn.execute(text(statement), params)


def test_append_chains_every_event(db_engine: Engine) -> None:
    head = _append_events(db_engine, 5)
    assert head.seq == 5
    with Session(db_engine) as session:
        events = session.scalars(select(AuditEvent).order_by(AuditEvent.seq)).all()
    assert [e.seq for e in events] == [1, 2, 3, 4, 5]
    assert events[0].prev_hash == audit.GENESIS
    for before, after in zip(events, events[1:], strict=False):
        assert after.prev_hash == before.hash
    for event in events:
        assert event.hash == audit.compute_hash(event)
        assert len(event.hash) == 64
    assert events[2].details == '{"fields":["email","name"],"purpose":"bug","ticket":"T-2"}'
    assert events[2].target_id == "102"
    assert events[2].occurred_at == T0 + dt.timedelta(minutes=2)
    assert head.hash == events[-1].hash


def test_the_hash_covers_the_documented_fields() -> None:
    event = AuditEvent(
        seq=1, occurred_at=T0, operator_login="ann", action="grant.open", target_type="account",
        target_id="7", details="{}", prev_hash=audit.GENESIS,
    )
    expected = hashlib.sha256(
        b'{"action":"grant.open","details":"{}","occurred_at":"2026-03-01T09:30:00.000000+00:00",'
        b'"operator":"ann","prev_hash":"' + audit.GENESIS.encode() + b'","seq":1,"target_id":"7","target_type":"account"}'
    ).hexdigest()
    assert audit.compute_hash(event) == expected


def test_an_intact_log_verifies(db_engine: Engine) -> None:
    head = _append_events(db_engine, 7)
    result = _verify(db_engine, expected_head=head, batch=3)  # crosses batch boundaries
    assert result == audit.VerifyResult(True, 7, head)


def test_an_empty_log_verifies(db_engine: Engine) -> None:
    assert _verify(db_engine) == audit.VerifyResult(True, 0, None)


def test_tampered_details_are_caught_at_that_event(db_engine: Engine) -> None:
    _append_events(db_engine, 5)
    _sql(db_engine, "UPDATE audit_events SET details = :d WHERE seq = 3", d='{"purpose":"marketing"}')
    result = _verify(db_engine)
    assert not result.ok
    assert result.first_bad_seq == 3
    assert result.reason == "its content does not match its hash"
    assert result.events == 2


@pytest.mark.parametrize("column", ["operator_login", "action", "target_id"])
def test_any_tampered_field_is_caught(db_engine: Engine, column: str) -> None:
    _append_events(db_engine, 4)
    _sql(db_engine, f"UPDATE audit_events SET {column} = 'mallory' WHERE seq = 2")
    result = _verify(db_engine)
    assert (result.ok, result.first_bad_seq) == (False, 2)


def test_a_deleted_middle_event_is_caught(db_engine: Engine) -> None:
    _append_events(db_engine, 5)
    _sql(db_engine, "DELETE FROM audit_events WHERE seq = 3")
    result = _verify(db_engine)
    assert not result.ok
    assert result.first_bad_seq == 4  # the first event found out of place
    assert result.reason == "event 3 is missing"
    assert result.events == 2


def test_a_renumbered_log_is_caught_by_the_chain(db_engine: Engine) -> None:
    """Deleting event 3 and renumbering the rest leaves no gap: the broken link shows it."""
    _append_events(db_engine, 5)
    _sql(db_engine, "DELETE FROM audit_events WHERE seq = 3")
    for seq in (4, 5):
        _sql(db_engine, "UPDATE audit_events SET seq = :new WHERE seq = :old", new=seq - 1, old=seq)
    result = _verify(db_engine)
    assert (result.ok, result.first_bad_seq, result.reason) == (False, 3, "does not chain to the event before it")


def test_truncation_is_caught_only_against_the_exported_head(db_engine: Engine) -> None:
    head = _append_events(db_engine, 5)
    with Session(db_engine) as session:
        third = session.scalar(select(AuditEvent.hash).where(AuditEvent.seq == 3))
    _sql(db_engine, "DELETE FROM audit_events WHERE seq >= 4")
    assert _verify(db_engine).ok  # the remaining chain is consistent in itself...
    result = _verify(db_engine, expected_head=head)  # ...but the exported head knows better
    assert not result.ok
    assert result.first_bad_seq == 5
    assert result.reason == "the log ends before the exported head: it was truncated"
    assert result.head == audit.Head(3, third)
    assert result.events == 3


def test_a_rewritten_log_is_caught_against_the_exported_head(db_engine: Engine) -> None:
    """Someone edits event 2 and recomputes every hash after it: only the exported head shows it."""
    head = _append_events(db_engine, 4)
    with Session(db_engine) as session, session.begin():
        events = session.scalars(select(AuditEvent).order_by(AuditEvent.seq)).all()
        events[1].details = '{"purpose":"nothing to see"}'
        prev = events[0].hash
        for event in events[1:]:
            event.prev_hash = prev
            event.hash = audit.compute_hash(event)
            prev = event.hash
    assert _verify(db_engine).ok
    result = _verify(db_engine, expected_head=head)
    assert (result.ok, result.first_bad_seq) == (False, 4)
    assert result.reason == "differs from the exported head: the log was rewritten"


def test_appending_after_the_export_still_verifies(db_engine: Engine) -> None:
    head = _append_events(db_engine, 3)
    with Session(db_engine) as session, session.begin():
        audit.append(session, operator="bob", action="purge.run")
    result = _verify(db_engine, expected_head=head)
    assert result.ok and result.events == 4


def test_an_event_rolled_back_with_its_change_leaves_no_trace(db_engine: Engine) -> None:
    _append_events(db_engine, 2)
    with Session(db_engine) as session:
        session.begin()
        audit.append(session, operator="ann", action="account.rectify")
        session.rollback()  # the change it recorded failed: both go
    result = _verify(db_engine)
    assert result.ok and result.events == 2
