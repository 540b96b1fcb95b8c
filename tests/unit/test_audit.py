"""The audit log is hash-chained: every edit, removal or truncation is caught and located.

Runs on SQLite and on PostgreSQL (``db_engine``): tampering is done in plain SQL, the way
someone with database access and no console would do it.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from minisip_console.core import audit
from minisip_console.core.models import AuditEvent
from minisip_console.core.plumbing.errors import InvalidInput

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
    """Tamper behind the console's back: on PostgreSQL as the superuser, who alone can switch the
    append-only triggers off (tests/integration/test_db_trust.py shows that no operator can)."""
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("SET LOCAL session_replication_role = replica"))
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
        seq=1,
        occurred_at=T0,
        operator_login="ann",
        action="grant.open",
        target_type="account",
        target_id="7",
        details="{}",
        prev_hash=audit.GENESIS,
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
        if db_engine.dialect.name == "postgresql":  # the superuser switches the append-only triggers off
            session.execute(text("SET LOCAL session_replication_role = replica"))
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


# --------------------------------------------------------------------------- the text form of a head


def test_a_head_has_one_text_form_that_parses_back(db_engine: Engine) -> None:
    head = _append_events(db_engine, 3)
    assert str(head) == head.text == f"3:{head.hash}"
    assert audit.parse_head(head.text) == head
    assert audit.parse_head(f"  {head.text}\n") == head  # pasted from a file: the line break is not part of it
    largest = audit.Head(audit.MAX_SEQ, "0123456789abcdef" * 4)
    assert audit.parse_head(largest.text) == largest and audit.MAX_SEQ == 2**63 - 1
    assert _verify(db_engine, expected_head=audit.parse_head(str(head))).ok


HASH = "0123456789abcdef" * 4


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        ("", "two parts"),
        ("   ", "two parts"),
        ("5", "two parts"),
        (HASH, "two parts"),
        (f"5 {HASH}", "two parts"),
        (f"5:{HASH}:", "two parts"),
        (f"1:2:{HASH}", "two parts"),
        (f":{HASH}", "SEQ is missing"),
        (f"-1:{HASH}", "not a whole number"),
        (f"+5:{HASH}", "not a whole number"),
        (f"5.0:{HASH}", "not a whole number"),
        (f"five:{HASH}", "not a whole number"),
        (f"\u0665:{HASH}", "not a whole number"),  # an Arabic-Indic five: a digit to Python, not to us
        (f"5 :{HASH}", "not a whole number"),
        (f"0:{HASH}", "must be 1 or more"),
        (f"000:{HASH}", "must be 1 or more"),
        (f"07:{HASH}", "starts with a zero"),
        (f"{2**63}:{HASH}", "larger than 9223372036854775807"),
        (f"{'9' * 30}:{HASH}", "larger than"),
        (f"{'9' * 5000}:{HASH}", "larger than"),  # more digits than int() converts: refused before it
        ("5:", "0 characters, not 64"),
        (f"5:{HASH[:-1]}", "63 characters, not 64"),
        (f"5:{HASH}0", "65 characters, not 64"),
        (f"5: {HASH}", "65 characters"),
        (f"5:{HASH.upper()}", "uppercase"),
        (f"5:{'g' * 64}", "hex digits (0-9, a-f) only"),
        (f"5:{HASH[:-1]}\u00e9", "hex digits"),
    ],
)
def test_a_malformed_head_is_refused_with_a_reason_and_a_hint(raw: str, why: str) -> None:
    with pytest.raises(InvalidInput) as info:
        audit.parse_head(raw, source="--expect-head")
    error = info.value
    assert error.exit_code == 2
    assert error.message.startswith("--expect-head ") and " is not a head: " in error.message
    assert why in error.message
    assert error.hint is not None and "SEQ:HASH" in error.hint and "audit head" in error.hint
    assert len(error.message) < 300  # a huge input is cut in the message


# --------------------------------------------------------------------------- the log against the records


def _console_records(engine: Engine) -> dict[str, list[int]]:
    """Records made through the core, each with its event: a deletion request, two legal holds, a
    retention policy, a finished purge receipt and an access grant."""
    from minisip_console.core import access, deletion, holds, retention
    from minisip_console.core.models import Account, Operator, Role
    from minisip_console.core.operators import identify
    from minisip_console.core.plumbing import db

    sessions = db.session_factory(engine)
    with sessions.begin() as session:
        session.add_all(
            [Operator(login="ann", display_name="Ann", role=Role.ADMIN), Operator(login="bob", display_name="Bob", role=Role.OPERATOR)]
        )
        session.add_all([Account(id=i, name=f"Customer {i}", email=f"c{i}@example.com") for i in (1, 2, 3)])
    with sessions() as session:
        ann, bob = identify(session, "ann"), identify(session, "bob")
    request = deletion.file_request(sessions, bob, 1, "configurations", ticket="SUP-1")
    with sessions.begin() as session:
        held = [h.id for h in holds.place_holds(session, bob, [2, 3], "Preservation order 2026-17", days=30)]
    policy = retention.set_policy(sessions, ann, "cdr", days=30)
    (receipt,) = retention.run_purge(sessions, bob)
    access.grant_access(sessions, bob, 3, "support", "SUP-2")
    with engine.connect() as conn:
        policy_id = conn.execute(text("SELECT id FROM retention_policies WHERE category = :c"), {"c": policy.category}).scalar_one()
    return {
        "deletion requests": [request.id],
        "legal holds": held,
        "retention policies": [policy_id],
        "finished purge receipts": [receipt.id],
    }


def _missing(result: audit.VerifyResult) -> dict[str, tuple[int, int, tuple[int, ...]]]:
    return {r.names: (r.records, r.missing, r.examples) for r in result.missing}


def test_an_emptied_log_fails_while_the_console_holds_audited_records(db_engine: Engine) -> None:
    made = _console_records(db_engine)
    intact = _verify(db_engine)
    assert intact.ok and intact.events >= 6 and not intact.missing
    checked = {r.names: r.records for r in intact.records}
    assert {k: checked[k] for k in made} == {k: len(v) for k, v in made.items()}
    assert checked["access grants"] == 1

    _sql(db_engine, "DELETE FROM audit_events")  # consistent in itself: no event, no chain to break

    result = _verify(db_engine)
    assert (result.ok, result.events, result.head, result.first_bad_seq) == (False, 0, None, None)
    assert _missing(result) == {
        **{kind: (len(ids), len(ids), tuple(ids)) for kind, ids in made.items()},
        "access grants": (1, 1, ()),
    }
    assert result.reason is not None and result.reason.startswith("it lacks the events of records the console holds")
    for named in (
        "no deletion.request event",
        "no legal_hold.place event",
        "no retention.set event",
        "no purge.run or purge.interrupted event",
        "1 access grant but no access.grant event",
    ):
        assert named in result.reason
    assert f"(ids {', '.join(map(str, made['legal holds']))})" in result.reason


def test_a_log_cut_after_its_last_records_fails_without_an_exported_head(db_engine: Engine) -> None:
    made = _console_records(db_engine)
    with db_engine.connect() as conn:  # the newest events go: the purge's and the grant's
        cut = conn.execute(text("SELECT min(seq) FROM audit_events WHERE action = 'purge.run'")).scalar_one()
    _sql(db_engine, "DELETE FROM audit_events WHERE seq >= :s", s=cut)
    result = _verify(db_engine)
    assert not result.ok and result.first_bad_seq is None and result.events == cut - 1
    assert _missing(result) == {"finished purge receipts": (1, 1, tuple(made["finished purge receipts"])), "access grants": (1, 1, ())}


def test_an_event_removed_for_one_record_is_named_and_the_rest_is_not(db_engine: Engine) -> None:
    made = _console_records(db_engine)
    gone = made["legal holds"][1]
    # removed and the chain rebuilt behind it (what a tool recomputing the hashes would leave): consistent
    with Session(db_engine) as session:
        events = [
            (e.operator_login, e.action, e.target_type, e.target_id, e.details, e.occurred_at)
            for e in session.scalars(select(AuditEvent).order_by(AuditEvent.seq))
            if not (e.action == "legal_hold.place" and e.target_id == str(gone))
        ]
    _sql(db_engine, "DELETE FROM audit_events")
    with Session(db_engine) as session, session.begin():  # on PostgreSQL the owner's appends keep who and when
        for operator, action, target_type, target_id, details, at in events:
            audit.append(
                session, operator=operator, action=action, target_type=target_type, target_id=target_id, details=json.loads(details), at=at
            )
    assert _verify(db_engine, expected_head=None).events == len(events)
    result = _verify(db_engine)
    assert not result.ok and result.first_bad_seq is None
    assert _missing(result) == {"legal holds": (2, 1, (gone,))}
    assert result.reason is not None and f"1 of 2 legal holds has no legal_hold.place event (id {gone})" in result.reason


def test_a_running_purge_receipt_needs_no_event_yet_and_an_empty_database_verifies(db_engine: Engine) -> None:
    from minisip_console.core.models import PurgeRun

    assert _verify(db_engine).ok  # an empty log on empty console tables: nothing to verify
    with Session(db_engine) as session, session.begin():  # a purge under way: its event comes when it ends
        session.add(PurgeRun(category="cdr", state="running", cutoff=T0, started_by="bob", trigger="operator"))
    result = _verify(db_engine)
    assert result.ok and result.events == 0 and not result.missing


# --------------------------------------------------------------------------- the CSV export stays faithful


def test_the_csv_export_recomputes_to_the_same_chain_even_with_formula_like_values(db_engine: Engine, tmp_path: Path) -> None:
    """The export goes through the console's CSV writer, which neutralises cells a spreadsheet would
    evaluate. The log's own values never begin with such a character, so their cells are the values;
    one that does (written by other means: a target ``-1``, details ``@...``) gets a quote that
    ``files.restore_cell`` removes, and every hash recomputes from the file."""
    from minisip_console.core.audit_query import CSV_FIELDS, export_csv
    from minisip_console.core.plumbing import db, files

    _append_events(db_engine, 3)
    with Session(db_engine) as session, session.begin():
        audit.append(
            session,
            operator="ann",
            action="grant.open",
            target_type="account",
            target_id="-1",
            details={"note": "=1+1"},
            at=T0 + dt.timedelta(hours=1),
        )
        audit.append(session, operator="ann", action="=cmd", target_type="@x", target_id="+1", at=T0 + dt.timedelta(hours=2))
    out = tmp_path / "audit.csv"
    assert export_csv(db.session_factory(db_engine), out) == 5
    with out.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == CSV_FIELDS
    with Session(db_engine) as session:
        events = session.scalars(select(AuditEvent).order_by(AuditEvent.seq)).all()
    raw = {f: [r[i] for r in rows[1:]] for i, f in enumerate(CSV_FIELDS)}
    assert raw["hash"] == [e.hash for e in events] and raw["prev_hash"] == [e.prev_hash for e in events]  # hex: never touched
    assert raw["details"][3] == '{"note":"=1+1"}'  # canonical JSON starts with "{": never touched
    assert (raw["target_id"][3], raw["action"][4], raw["target_type"][4]) == ("'-1", "'=cmd", "'@x")
    assert [r[1:] for r in rows[1:4]] == [
        [
            e.occurred_at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
            e.operator_login,
            e.action,
            e.target_type,
            e.target_id,
            e.details,
            e.prev_hash,
            e.hash,
        ]
        for e in events[:3]
    ]
    prev = audit.GENESIS
    for row in rows[1:]:
        cells = dict(zip(CSV_FIELDS, (files.restore_cell(c) for c in row), strict=True))
        rebuilt = AuditEvent(
            seq=int(cells["seq"]),
            occurred_at=dt.datetime.fromisoformat(cells["occurred_at"]),
            operator_login=cells["operator"],
            action=cells["action"],
            target_type=cells["target_type"],
            target_id=cells["target_id"],
            details=cells["details"],
            prev_hash=cells["prev_hash"],
        )
        assert cells["prev_hash"] == prev and audit.compute_hash(rebuilt) == cells["hash"], cells["seq"]
        prev = cells["hash"]


# --------------------------------------------------------------------------- saved retention targets' events


def _target_env(engine: Engine) -> None:
    from minisip_console.core.models import Operator, Role

    with Session(engine) as session, session.begin():
        session.add_all(
            [
                Operator(login="ann", display_name="Ann", role=Role.ADMIN),
                Operator(login="bob", display_name="Bob", role=Role.OPERATOR),
            ]
        )


def _target_event(engine: Engine, action: str, *, operator: str = "ann", target_id: int | None = None, **changes: object) -> int:
    """A target added (its row and its event, in one transaction, as ``targets.add`` writes them) or
    removed; ``changes`` alter the event's details from what the console writes. Returns the target's id."""
    from minisip_console.core.models import RetentionTarget

    details: dict[str, object] = {
        "name": "pbx",
        "category": "cdr",
        "url": "mysql+pymysql://asterisk@pbx.example.com/asteriskcdrdb",
        "table": "cdr",
        "column": "calldate",
        "account_column": "accountcode",
        "account_format": "acct{id}",
        "warnings": [],
    }
    details.update(changes)
    details = {k: v for k, v in details.items() if v is not None}
    with Session(engine) as session, session.begin():
        if target_id is None:
            row = RetentionTarget(name=f"pbx{_count(session)}", url="x", table_name="cdr", timestamp_column="calldate", created_by=operator)
            session.add(row)
            session.flush()
            target_id = row.id
        else:
            session.execute(text("DELETE FROM retention_targets WHERE id = :i"), {"i": target_id})
        audit.append(session, operator=operator, action=action, target_type="retention_target", target_id=target_id, details=details)
    return target_id


def _count(session: Session) -> int:
    return int(session.scalar(text("SELECT count(*) FROM retention_targets")) or 0)


def test_retention_target_events_made_as_the_console_makes_them_verify(db_engine: Engine) -> None:
    _target_env(db_engine)
    added = _target_event(db_engine, "retention.target_added")
    _target_event(db_engine, "retention.target_added")
    _target_event(db_engine, "retention.target_removed", target_id=added)
    result = _verify(db_engine)
    assert result.ok, result.reason
    assert {r.names: r.records for r in result.records}["retention targets"] == 1
    with Session(db_engine) as session:
        assert audit.check_events(session) == ()


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"url": "mysql+pymysql://asterisk:s3cret@pbx.example.com/asteriskcdrdb"}, "whose URL carries a password"),
        ({"password": "s3cret"}, "with a secret in its details (password)"),
        ({"table": None, "column": ""}, "without its table, column"),
        ({"operator": "bob"}, "was made by bob, who was not an active admin then"),
        ({"operator": "mallory"}, "was made by mallory, who was not an active admin then"),
    ],
)
def test_a_wrong_retention_target_added_event_is_caught(db_engine: Engine, changes: dict[str, object], reason: str) -> None:
    _target_env(db_engine)
    _target_event(db_engine, "retention.target_added")  # a good one first: the bad one is named by its number
    changes = dict(changes)  # the parameters are shared by both databases' runs
    operator = str(changes.pop("operator", "ann"))
    _target_event(db_engine, "retention.target_added", operator=operator, **changes)
    result = _verify(db_engine)
    assert not result.ok and result.first_bad_seq == 2
    assert result.reason is not None and reason in result.reason and result.reason.startswith("event 2 ")


def test_a_removal_of_a_target_never_added_is_caught(db_engine: Engine) -> None:
    _target_env(db_engine)
    kept = _target_event(db_engine, "retention.target_added")
    _target_event(db_engine, "retention.target_removed", target_id=kept + 5)
    result = _verify(db_engine)
    assert not result.ok and result.first_bad_seq == 2
    assert result.reason is not None and f"removes retention target {kept + 5}, which no earlier retention.target_added" in result.reason
    # a target whose event was taken out of the log (the chain rebuilt behind it) is missing its event
    _sql(db_engine, "DELETE FROM audit_events")
    with Session(db_engine) as session, session.begin():
        audit.append(session, operator="ann", action="grant.open", target_type="account", target_id=1, details={})
    result = _verify(db_engine)
    assert not result.ok and [r.names for r in result.missing] == ["retention targets"]


def test_the_role_is_the_one_the_log_gave_at_the_time(db_engine: Engine) -> None:
    _target_env(db_engine)

    def role_event(login: str, action: str, role: str) -> None:
        with Session(db_engine) as session, session.begin():
            audit.append(
                session, operator="ann", action=action, target_type="operator", target_id=1, details={"login": login, "role": role}
            )

    _target_event(db_engine, "retention.target_added")
    role_event("ann", "operator.set_role", "operator")  # ann made it an admin; demoted since: still good
    assert _verify(db_engine).ok
    role_event("bob", "operator.set_role", "admin")
    _target_event(db_engine, "retention.target_added", operator="bob")  # bob, an admin by then
    assert _verify(db_engine).ok
    role_event("bob", "operator.disable", "admin")
    _target_event(db_engine, "retention.target_added", operator="bob")  # disabled: not an active admin
    result = _verify(db_engine)
    assert not result.ok and result.reason is not None and "was made by bob" in result.reason
