"""Retention policies, targets, dry runs and purges, on SQLite and PostgreSQL.

Every purge is checked against what the test inserted (the ids that must survive), not against
the console's own counting; receipts and the audit chain are checked too.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event, insert, select, text
from sqlalchemy.orm import Session, sessionmaker

from minisip_console.core import audit, holds, overview, retention
from minisip_console.core.models import (
    Account,
    AuditEvent,
    Cdr,
    Operator,
    PageVisit,
    PurgeRun,
    Role,
    SupportMessage,
)
from minisip_console.core.operators import OperatorInfo, identify
from minisip_console.core.plumbing import db
from minisip_console.core.plumbing.errors import InvalidInput, PermissionDenied
from minisip_console.core.plumbing.locks import LockHeld, exclusive

NOW = dt.datetime(2026, 11, 29, 12, 0, 0, tzinfo=dt.UTC)
CUTOFF = NOW - dt.timedelta(days=30)


@dataclass
class Env:
    engine: Engine
    sessions: sessionmaker[Session]

    def op(self, login: str) -> OperatorInfo:
        with self.sessions() as session:
            return identify(session, login)

    def scalar(self, sql: str, **params: object) -> object:
        with self.engine.connect() as conn:
            return conn.execute(text(sql), params).scalar()

    def ids(self, table: str = "cdrs") -> set[int]:
        with self.engine.connect() as conn:
            return set(conn.execute(text(f"SELECT id FROM {table}")).scalars())

    def actions(self) -> list[str]:
        with self.sessions() as session:
            return list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.seq)))


@pytest.fixture
def env(db_engine: Engine) -> Iterator[Env]:
    sessions = db.session_factory(db_engine)
    with sessions.begin() as session:
        for login, role in (("ann", Role.ADMIN), ("bob", Role.OPERATOR), ("vic", Role.VIEWER)):
            session.add(Operator(login=login, display_name=login.title(), role=role))
    yield Env(db_engine, sessions)


def _cdr_times() -> list[dt.datetime]:
    """Ages spread over 90 days plus the edges of the cutoff."""
    times = [NOW - dt.timedelta(hours=7 * i + 1) for i in range(300)]  # about 87 days
    times += [CUTOFF - dt.timedelta(seconds=1), CUTOFF, CUTOFF + dt.timedelta(seconds=1), CUTOFF - dt.timedelta(microseconds=1)]
    return times


def _fill_cdrs(env: Env, times: list[dt.datetime]) -> dict[int, dt.datetime]:
    with env.sessions.begin() as session:
        rows = [Cdr(start=t, src="+4420555010", dst="100", disposition="ANSWERED") for t in times]
        session.add_all(rows)
        session.flush()
        return {r.id: r.start for r in rows}


def test_purge_deletes_exactly_the_rows_before_the_cutoff(env: Env) -> None:
    inserted = _fill_cdrs(env, _cdr_times())
    expected_gone = {i for i, t in inserted.items() if t < CUTOFF}
    assert len(expected_gone) > 150 and len(inserted) - len(expected_gone) > 100

    dry = retention.plan(env.sessions, "cdr", now=NOW)
    assert dry.rows == len(expected_gone)
    assert dry.oldest == min(inserted[i] for i in expected_gone)
    assert env.ids() == set(inserted)  # a dry run changes nothing

    seen: list[retention.PurgeProgress] = []
    (receipt,) = retention.run_purge(env.sessions, env.op("bob"), batch_size=100, now=NOW, progress=seen.append)

    assert env.ids() == set(inserted) - expected_gone
    assert receipt.state == "completed" and receipt.verified and receipt.ok
    assert receipt.rows_deleted == len(expected_gone) == receipt.rows_estimated
    assert receipt.batches > 1
    assert receipt.oldest_deleted == min(inserted[i] for i in expected_gone)
    assert receipt.newest_deleted == max(inserted[i] for i in expected_gone)
    assert receipt.oldest_remaining == CUTOFF  # the row exactly at the cutoff is kept
    assert receipt.cutoff == CUTOFF and receipt.started_by == "bob" and receipt.trigger == "operator"
    assert receipt.target == "cdrs.start"
    assert seen[-1].deleted == len(expected_gone) and seen[-1].fraction == 1.0
    assert [p.deleted for p in seen] == sorted(p.deleted for p in seen)
    # the receipt is in the database and audited, and the chain still verifies
    assert retention.receipt(env.sessions, receipt.id) == receipt
    assert env.actions()[-1] == "purge.run"
    with env.sessions() as session:
        assert audit.verify(session).ok
    status = retention.status(env.sessions, "cdr", now=NOW)
    # nothing is past the retention, but a purge by hand is not the automatic deletion promised:
    # with no scheduled run ever, the category is at risk (the verdict's rule, not kept)
    assert status.overdue == 0 and status.late == 0 and status.last_run == receipt and status.last_scheduled is None
    assert status.verdict == "at risk" and not status.kept
    assert status.reasons == ("The scheduled purge has never run for this category (it should run daily).",)


def _event_head(env: Env, action: str, target_id: int) -> audit.Head:
    """The audit event that closed a receipt, by SQL, as a head."""
    with env.engine.connect() as conn:
        seq, hash_ = conn.execute(
            text("SELECT seq, hash FROM audit_events WHERE action = :a AND target_id = :t"), {"a": action, "t": str(target_id)}
        ).one()
    return audit.Head(int(seq), str(hash_))


def _tamper(env: Env, seq: int) -> None:
    """Change an event's details with plain SQL, behind the console's back (on PostgreSQL as the
    superuser, who can switch the append-only triggers off for the transaction)."""
    with env.engine.begin() as conn:
        if env.engine.dialect.name == "postgresql":
            conn.execute(text("SET LOCAL session_replication_role = replica"))
        conn.execute(text("UPDATE audit_events SET details = :d WHERE seq = :s"), {"d": '{"rows_deleted":0}', "s": seq})


def _verify_against(env: Env, head: str) -> audit.VerifyResult:
    with env.sessions() as session:
        return audit.verify(session, expected_head=audit.parse_head(head))


def test_the_receipt_carries_the_audit_head_right_after_its_own_event(env: Env) -> None:
    _fill_cdrs(env, _cdr_times())
    (receipt,) = retention.run_purge(env.sessions, env.op("bob"), batch_size=100, now=NOW)
    with env.sessions() as session:
        newest = audit.head(session)
    # the head right after the purge.run event, which nothing followed
    assert receipt.audit_head == _event_head(env, "purge.run", receipt.id).text == str(newest)
    assert receipt.to_dict()["audit_head"] == receipt.audit_head
    assert retention.receipt(env.sessions, receipt.id).audit_head == receipt.audit_head
    assert env.scalar("SELECT audit_head FROM purge_runs WHERE id = :i", i=receipt.id) == receipt.audit_head
    assert receipt.audit_head is not None and _verify_against(env, receipt.audit_head).ok

    (later,) = retention.run_purge(env.sessions, env.op("bob"), now=NOW)  # more events after it
    assert later.audit_head is not None and audit.parse_head(later.audit_head).seq > audit.parse_head(receipt.audit_head).seq
    assert _verify_against(env, receipt.audit_head).ok
    # the receipt's own event changed afterwards: the head it carries catches it
    seq = audit.parse_head(receipt.audit_head).seq
    _tamper(env, seq)
    result = _verify_against(env, receipt.audit_head)
    assert (result.ok, result.first_bad_seq) == (False, seq)


def test_purge_sized_by_time_in_one_batch_when_small(env: Env) -> None:
    inserted = _fill_cdrs(env, _cdr_times())
    (receipt,) = retention.run_purge(env.sessions, env.op("bob"), now=NOW)
    assert receipt.ok and receipt.batches == 1
    assert env.ids() == {i for i, t in inserted.items() if t >= CUTOFF}


def test_nothing_to_purge_still_leaves_a_verified_receipt(env: Env) -> None:
    _fill_cdrs(env, [NOW - dt.timedelta(days=1)])
    (receipt,) = retention.run_purge(env.sessions, env.op("bob"), now=NOW)
    assert receipt.ok and receipt.rows_deleted == 0 and receipt.oldest_deleted is None
    (empty,) = retention.run_purge(env.sessions, env.op("bob"), now=NOW)
    assert empty.ok


def test_status_shows_the_promise_broken_then_kept(env: Env) -> None:
    inserted = _fill_cdrs(env, _cdr_times())
    status = retention.status(env.sessions, "cdr", now=NOW)
    overdue = sum(1 for t in inserted.values() if t < CUTOFF)
    late = sum(1 for t in inserted.values() if t < CUTOFF - dt.timedelta(days=1))
    assert 0 < late < overdue
    assert not status.kept and status.overdue == overdue and status.late == late and status.total == len(inserted)
    assert status.verdict == "broken"
    assert status.oldest_age_days == (NOW - min(inserted.values())).days
    assert any(f"{late:,} rows are older than 31 days" in p for p in status.problems)
    assert status.to_dict()["kept"] is False and status.to_dict()["verdict"] == "broken"
    # a scheduled purge: then nothing is late, and the promise is kept
    (receipt,) = retention.run_purge(env.sessions, env.op("bob"), trigger="scheduler", now=NOW)
    after = retention.status(env.sessions, "cdr", now=NOW)
    assert receipt.ok and after.verdict == "kept" and after.kept and after.reasons == () and after.last_scheduled == receipt


def test_viewer_cannot_purge_and_nothing_changes(env: Env) -> None:
    inserted = _fill_cdrs(env, _cdr_times())
    with pytest.raises(PermissionDenied, match="purge"):
        retention.run_purge(env.sessions, env.op("vic"), now=NOW)
    assert env.ids() == set(inserted)


@pytest.mark.parametrize("bad", [0, 99, 10_000_001])
def test_batch_size_out_of_range_is_refused(env: Env, bad: int) -> None:
    with pytest.raises(InvalidInput, match="batch size"):
        retention.run_purge(env.sessions, env.op("bob"), batch_size=bad, now=NOW)


# --------------------------------------------------------------------------- interruptions


def test_a_second_purge_is_refused_while_the_first_holds_the_lock(env: Env) -> None:
    _fill_cdrs(env, _cdr_times())
    with env.sessions.begin() as session:  # what a live run looks like from outside
        session.add(PurgeRun(category="cdr", state="running", cutoff=CUTOFF, started_by="ann", trigger="operator", host="ops-1", pid=4242))
    with exclusive(env.engine, retention.LOCK_NAME):
        with pytest.raises(LockHeld, match=r"already running.*started by ann.*ops-1 \(process 4242\)"):
            retention.run_purge(env.sessions, env.op("bob"), now=NOW)
    assert env.scalar("SELECT count(*) FROM cdrs WHERE start < :c", c=CUTOFF.replace(tzinfo=None)) > 0


def test_an_interrupted_run_is_reported_and_finished(env: Env) -> None:
    inserted = _fill_cdrs(env, _cdr_times())
    with env.sessions.begin() as session:  # a run killed mid-way: receipt left running, lock gone
        dead = PurgeRun(category="cdr", state="running", cutoff=CUTOFF, started_by="svc", trigger="scheduler", rows_deleted=7)
        session.add(dead)
        session.flush()
        dead_id = dead.id
    (receipt,) = retention.run_purge(env.sessions, env.op("bob"), now=NOW)
    assert receipt.ok and receipt.resumed_runs == (dead_id,)
    old = retention.receipt(env.sessions, dead_id)
    assert old.state == "interrupted" and "7 rows" in (old.error or "")
    assert "purge.interrupted" in env.actions()
    # each receipt carries the head right after the event that closed it
    assert old.audit_head == _event_head(env, "purge.interrupted", dead_id).text
    assert receipt.audit_head == _event_head(env, "purge.run", receipt.id).text
    assert env.ids() == {i for i, t in inserted.items() if t >= CUTOFF}


def test_cancel_stops_between_batches_and_the_next_run_finishes(env: Env) -> None:
    inserted = _fill_cdrs(env, _cdr_times())

    def progress(p: retention.PurgeProgress) -> None:
        seen.append(p)

    seen: list[retention.PurgeProgress] = []
    (receipt,) = retention.run_purge(
        env.sessions, env.op("bob"), batch_size=100, now=NOW, progress=progress, cancel=lambda: any(p.deleted for p in seen)
    )
    assert receipt.state == "cancelled" and not receipt.ok
    assert 0 < receipt.rows_deleted < sum(1 for t in inserted.values() if t < CUTOFF)
    assert len(env.ids()) == len(inserted) - receipt.rows_deleted  # receipt and table agree
    assert receipt.verified is False
    (again,) = retention.run_purge(env.sessions, env.op("bob"), now=NOW)
    assert again.ok and env.ids() == {i for i, t in inserted.items() if t >= CUTOFF}


def test_time_limit_stops_and_says_so(env: Env) -> None:
    inserted = _fill_cdrs(env, _cdr_times())
    (receipt,) = retention.run_purge(env.sessions, env.op("bob"), max_seconds=1e-9, now=NOW)
    assert receipt.state == "time_limit" and receipt.rows_deleted == 0
    assert env.ids() == set(inserted)
    with pytest.raises(InvalidInput, match="time limit"):
        retention.run_purge(env.sessions, env.op("bob"), max_seconds=0, now=NOW)


def test_a_database_error_mid_purge_marks_the_run_failed_and_keeps_committed_batches(env: Env) -> None:
    inserted = _fill_cdrs(env, _cdr_times())

    def progress(p: retention.PurgeProgress) -> None:
        if p.deleted and not broken:
            broken.append(True)
            with env.engine.begin() as conn:  # the table disappears under the purge
                conn.execute(text("ALTER TABLE cdrs RENAME TO cdrs_moved"))

    broken: list[bool] = []
    with pytest.raises(retention.PurgeFailed, match="stopped") as info:
        retention.run_purge(env.sessions, env.op("bob"), batch_size=100, now=NOW, progress=progress)
    assert "stay deleted" in (info.value.hint or "")
    (failed,) = retention.receipts(env.sessions, limit=1)
    assert failed.state == "failed" and failed.error and failed.rows_deleted > 0
    assert len(env.ids("cdrs_moved")) == len(inserted) - failed.rows_deleted


# --------------------------------------------------------------------------- targets and policies


def _asterisk_table(env: Env) -> list[tuple[str, str]]:
    """Asterisk's own migration: no primary key, no index; MySQL layout's ``calldate``."""
    ts_type = "DATETIME" if env.engine.dialect.name == "sqlite" else "timestamp without time zone"
    rows = []
    with env.engine.begin() as conn:
        conn.execute(
            text(
                f"CREATE TABLE cdr (calldate {ts_type} NOT NULL, clid varchar(80), src varchar(80), dst varchar(80), "
                "disposition varchar(45), duration integer, billsec integer, uniqueid varchar(150))"
            )
        )
        for i, t in enumerate(_cdr_times()):
            naive = t.astimezone(dt.UTC).replace(tzinfo=None, microsecond=0)
            stamp = naive.strftime("%Y-%m-%d %H:%M:%S")  # how Asterisk writes it
            rows.append((f"u{i}", stamp))
            conn.execute(
                text(
                    "INSERT INTO cdr (calldate, clid, src, dst, disposition, duration, billsec, uniqueid) "
                    "VALUES (:t, 'x', '100', '200', 'ANSWERED', 5, 4, :u)"
                ),
                {"t": stamp if env.engine.dialect.name == "sqlite" else naive, "u": f"u{i}"},
            )
    return rows


def test_an_asterisk_cdr_table_without_primary_key_or_index(env: Env) -> None:
    rows = _asterisk_table(env)
    target = retention.check_target(env.engine, "cdr", "calldate")
    assert target.primary_key == () and not target.indexed
    assert target.create_index_sql is not None and "calldate" in target.create_index_sql
    assert any("has no index" in w for w in target.warnings)
    with env.engine.begin() as conn:  # the statement the console shows is runnable as it is
        conn.execute(text(target.create_index_sql))
    assert retention.check_target(env.engine, "cdr", "calldate").indexed

    retention.set_policy(env.sessions, env.op("ann"), "cdr", days=30, target_table="cdr", timestamp_column="calldate")
    cutoff_s = CUTOFF.replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S")
    keep = {u for u, stamp in rows if stamp >= cutoff_s}
    assert retention.plan(env.sessions, "cdr", now=NOW).rows == len(rows) - len(keep)
    (receipt,) = retention.run_purge(env.sessions, env.op("bob"), batch_size=100, now=NOW)
    with env.engine.connect() as conn:
        left = set(conn.execute(text("SELECT uniqueid FROM cdr")).scalars())
    assert left == keep and receipt.ok and receipt.target == "cdr.calldate"


def test_check_target_explains_what_is_wrong(env: Env) -> None:
    with pytest.raises(InvalidInput, match="no table 'cdr_archive'"):
        retention.check_target(env.engine, "cdr_archive", "start")
    with pytest.raises(InvalidInput, match="no column 'calldate'") as info:
        retention.check_target(env.engine, "cdrs", "calldate")
    assert "start" in (info.value.hint or "")  # the table's date/time columns are offered
    with pytest.raises(InvalidInput, match=r"cdrs\.src is VARCHAR\(80\), not a date and time"):
        retention.check_target(env.engine, "cdrs", "src")
    for sqlish in ("cdrs; DROP TABLE cdrs", "cdrs --", "a.b.c", "", "cdrs' OR '1'='1"):
        with pytest.raises(InvalidInput, match="not a table name"):
            retention.check_target(env.engine, sqlish, "start")
    with pytest.raises(InvalidInput, match="not a column name"):
        retention.check_target(env.engine, "cdrs", "start) OR (1=1")
    assert env.scalar("SELECT count(*) FROM cdrs") == 0  # the table survived every attempt
    ok = retention.check_target(env.engine, "cdrs", "start")
    assert ok.indexed and ok.primary_key == ("id",) and not ok.warnings


def test_policies_are_validated_restricted_and_audited(env: Env) -> None:
    with env.sessions() as session:
        policies = {p.category: p for p in retention.list_policies(session)}
    assert list(policies) == list(retention.CATEGORIES)
    assert policies["cdr"].days == 30 and not policies["cdr"].breaks_promise

    for bad, message in ((0, "at least 1 day"), (-3, "at least 1 day"), ("abc", "not a number"), (None, "need a retention")):
        with pytest.raises(InvalidInput, match=message):
            retention.set_policy(env.sessions, env.op("ann"), "cdr", days=bad)
    with pytest.raises(PermissionDenied, match="admin"):
        retention.set_policy(env.sessions, env.op("bob"), "cdr", days=20)
    with pytest.raises(InvalidInput, match="Unknown data category"):
        retention.set_policy(env.sessions, env.op("ann"), "voicemail", days=20)
    with pytest.raises(InvalidInput, match="days or a date"):
        retention.set_policy(env.sessions, env.op("ann"), "survey", days=None)
    assert "retention.set" not in env.actions()

    shorter = retention.set_policy(env.sessions, env.op("ann"), "cdr", days=14)
    assert shorter.days == 14 and not shorter.breaks_promise
    longer = retention.set_policy(env.sessions, env.op("ann"), "cdr", days=45)
    assert longer.breaks_promise
    review = retention.set_policy(env.sessions, env.op("ann"), "survey", days=None, review_by=dt.date(2026, 12, 31))
    assert review.days is None and review.review_overdue(dt.date(2027, 1, 1)) and not review.review_overdue(dt.date(2026, 12, 1))
    assert env.actions().count("retention.set") == 3
    status = retention.status(env.sessions, "cdr", now=NOW)
    assert not status.kept and any("promises 30" in p for p in status.problems)


def test_purge_all_covers_every_category_with_a_day_limit(env: Env) -> None:
    _fill_cdrs(env, _cdr_times())
    with env.sessions.begin() as session:
        session.execute(
            insert(SupportMessage),
            [
                {
                    "ticket_ref": "SUP-1",
                    "direction": "inbound",
                    "from_address": "a@example.com",
                    "subject": "s",
                    "body": "b",
                    "sent_at": NOW - dt.timedelta(days=d),
                }
                for d in (1, 100, 800)
            ],
        )
        session.execute(insert(PageVisit), [{"visitor_id": "v", "path": "/", "visited_at": NOW - dt.timedelta(days=d)} for d in (1, 400)])
    retention.set_policy(env.sessions, env.op("ann"), "correspondence", days=730)
    retention.set_policy(env.sessions, env.op("ann"), "page_visit", days=395)
    retention.set_policy(env.sessions, env.op("ann"), "survey", days=None, review_by=dt.date(2027, 1, 1))
    assert retention.purgeable_categories(env.sessions) == ("cdr", "correspondence", "page_visit")
    receipts = retention.run_purge(env.sessions, env.op("bob"), category="all", trigger="scheduler", now=NOW)
    assert [(r.category, r.rows_deleted, r.ok) for r in receipts][1:] == [("correspondence", 1, True), ("page_visit", 1, True)]
    assert all(r.trigger == "scheduler" for r in receipts)
    assert env.scalar("SELECT count(*) FROM support_messages") == 2
    assert env.scalar("SELECT count(*) FROM page_visits") == 1
    with pytest.raises(InvalidInput, match="review date"):
        retention.plan(env.sessions, "survey", now=NOW)


# --------------------------------------------------------------------------- legal holds


def _accounts(env: Env, *ids: int) -> None:
    with env.sessions.begin() as session:
        session.add_all([Account(id=i, name=f"Customer {i}", email=f"c{i}@example.com") for i in ids])


def _fill_owned(env: Env, times: list[dt.datetime], owners: tuple[int | None, ...]) -> dict[int, tuple[dt.datetime, int | None]]:
    """CDRs whose accounts cycle through ``owners`` (None: a call no account is known for)."""
    with env.sessions.begin() as session:
        rows = [Cdr(start=t, account_id=owners[i % len(owners)], src="+4420555010", dst="100") for i, t in enumerate(times)]
        session.add_all(rows)
        session.flush()
        return {r.id: (r.start, r.account_id) for r in rows}


def _hold(env: Env, account_ids: list[int], *, days: int | None = 90, now: dt.datetime | None = None) -> list[int]:
    with env.sessions.begin() as session:
        return [h.id for h in holds.place_holds(session, env.op("bob"), account_ids, "Preservation order 2026-17", days=days, now=now)]


def test_a_purge_keeps_the_rows_of_held_accounts_and_counts_them(env: Env) -> None:
    _accounts(env, 1, 2, 3)
    inserted = _fill_owned(env, _cdr_times(), (1, 2, 3, None))
    _hold(env, [2], now=NOW - dt.timedelta(days=5))
    _hold(env, [3], days=10, now=NOW - dt.timedelta(days=60))  # ended 50 days ago: keeps nothing
    old_held = {i for i, (t, a) in inserted.items() if t < CUTOFF and a == 2}
    gone = {i for i, (t, a) in inserted.items() if t < CUTOFF and a != 2}
    assert len(old_held) > 30 and any(inserted[i][1] == 3 for i in gone) and any(inserted[i][1] is None for i in gone)
    # what the tab and the overview show before: the held rows are no broken promise
    status = retention.status(env.sessions, "cdr", now=NOW)
    assert status.overdue == len(gone) and status.held == len(old_held) and not status.warnings
    dry = retention.plan(env.sessions, "cdr", now=NOW)
    assert dry.rows == len(gone) and dry.held == len(old_held) and dry.to_dict()["held"] == len(old_held)
    assert env.ids() == set(inserted)

    (receipt,) = retention.run_purge(env.sessions, env.op("bob"), batch_size=100, now=NOW)

    assert env.ids() == set(inserted) - gone
    # the receipt's count against an independent one, in SQL written here
    kept = env.scalar(
        "SELECT count(*) FROM cdrs WHERE account_id = 2 AND start < :c",
        c=CUTOFF.strftime("%Y-%m-%d %H:%M:%S") if env.engine.dialect.name == "sqlite" else CUTOFF.replace(tzinfo=None),
    )
    assert receipt.rows_skipped_held == kept == len(old_held)
    assert receipt.ok and receipt.verified and receipt.rows_deleted == len(gone) and not receipt.error
    assert receipt.oldest_remaining is not None and receipt.oldest_remaining >= CUTOFF  # the held rows are not what is checked
    assert "kept for a legal hold" in receipt.summary
    assert retention.receipt(env.sessions, receipt.id).rows_skipped_held == len(old_held)
    with env.sessions() as session:
        event = session.scalars(select(AuditEvent).where(AuditEvent.action == "purge.run")).one()
        assert json.loads(event.details)["rows_skipped_held"] == len(old_held)
    cdr = overview.load_overview(env.sessions, now=NOW).cdr  # the window's first figures: the same status
    assert (cdr.overdue, cdr.held) == (0, len(old_held))
    after = retention.status(env.sessions, "cdr", now=NOW)
    assert after == cdr
    # held rows are never late: only the missing scheduled run keeps it from "kept"
    assert after.verdict == "at risk" and after.overdue == after.late == 0 and after.held == len(old_held)
    assert after.reasons == ("The scheduled purge has never run for this category (it should run daily).",)
    # once the hold ends, the next purge deletes them
    later = NOW + dt.timedelta(days=120)
    (again,) = retention.run_purge(env.sessions, env.op("bob"), now=later)
    assert again.ok and again.rows_skipped_held == 0 and not (old_held & env.ids())


def test_a_hold_placed_while_a_purge_runs_keeps_the_rest_of_its_rows(env: Env) -> None:
    _accounts(env, 1, 2)
    inserted = _fill_owned(env, _cdr_times(), (1, 2))
    old_of_2 = {i for i, (t, a) in inserted.items() if t < CUTOFF and a == 2}

    def progress(p: retention.PurgeProgress) -> None:
        if p.deleted and not placed:  # after the first batch, as an operator elsewhere would
            placed.extend(_hold(env, [2]))

    placed: list[int] = []
    (receipt,) = retention.run_purge(env.sessions, env.op("bob"), batch_size=100, now=NOW, progress=progress)
    assert placed and receipt.ok
    left = env.ids()
    kept = old_of_2 & left
    assert kept and len(kept) < len(old_of_2)  # the first batch went before the hold, the rest stayed
    assert receipt.rows_skipped_held == len(kept)
    assert all(inserted[i][1] == 2 for i in left if inserted[i][0] < CUTOFF)
    assert receipt.rows_deleted == sum(1 for t, _ in inserted.values() if t < CUTOFF) - len(kept)


def test_holds_cannot_apply_to_a_target_without_an_account_column_and_say_so(env: Env) -> None:
    _accounts(env, 1)
    rows = _asterisk_table(env)
    retention.set_policy(env.sessions, env.op("ann"), "cdr", days=30, target_table="cdr", timestamp_column="calldate")
    status = retention.status(env.sessions, "cdr", now=NOW)
    assert any("no account_id column" in w for w in status.warnings)  # said even before any hold
    _hold(env, [1])
    dry = retention.plan(env.sessions, "cdr", now=NOW)
    assert dry.held == 0 and dry.holds_warning and "1 account is under a legal hold" in dry.holds_warning
    (receipt,) = retention.run_purge(env.sessions, env.op("bob"), now=NOW)
    assert receipt.ok and receipt.rows_skipped_held == 0
    assert receipt.error and "cannot tell their rows apart" in receipt.error and "warning:" in receipt.summary
    cutoff_s = CUTOFF.replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S")
    assert env.scalar("SELECT count(*) FROM cdr") == sum(1 for _, stamp in rows if stamp >= cutoff_s)
    assert any("1 account is under a legal hold" in w for w in retention.status(env.sessions, "cdr", now=NOW).warnings)


@pytest.mark.postgres
def test_a_partition_with_held_rows_is_deleted_by_rows_not_dropped(postgres_url: str) -> None:
    engine = db.make_engine(postgres_url)
    db.upgrade(engine)
    try:
        env = Env(engine, db.session_factory(engine))
        with env.sessions.begin() as session:
            session.add_all(
                [Operator(login="ann", display_name="Ann", role=Role.ADMIN), Operator(login="bob", display_name="Bob", role=Role.OPERATOR)]
            )
        _accounts(env, 1, 2)
        week0 = dt.datetime(2026, 8, 24, tzinfo=dt.UTC)
        with engine.begin() as conn:
            conn.execute(
                text("CREATE TABLE cdr_part (id bigserial, account_id integer, start timestamptz NOT NULL) PARTITION BY RANGE (start)")
            )
            for week in range(15):
                lo, hi = week0 + dt.timedelta(weeks=week), week0 + dt.timedelta(weeks=week + 1)
                conn.execute(
                    text(
                        f"CREATE TABLE cdr_part_w{week:02d} PARTITION OF cdr_part FOR VALUES FROM ('{lo.isoformat()}') TO ('{hi.isoformat()}')"
                    )
                )
            conn.execute(text("CREATE TABLE cdr_part_default PARTITION OF cdr_part DEFAULT"))
            conn.execute(text("CREATE INDEX ix_cdr_part_start ON cdr_part (start)"))
            # a call every 3 hours: account 1, except every fourth call of week 3, which is account 2's
            conn.execute(
                text(
                    "INSERT INTO cdr_part (account_id, start) SELECT CASE WHEN g >= CAST(:w3 AS timestamptz) AND g < CAST(:w4 AS timestamptz) "
                    "AND extract(hour FROM g AT TIME ZONE 'UTC')::int % 12 = 0 THEN 2 ELSE 1 END, g "
                    "FROM generate_series(CAST(:a AS timestamptz), CAST(:b AS timestamptz), interval '3 hours') g"
                ),
                {"a": week0, "b": NOW, "w3": week0 + dt.timedelta(weeks=3), "w4": week0 + dt.timedelta(weeks=4)},
            )
        retention.set_policy(env.sessions, env.op("ann"), "cdr", days=30, target_table="cdr_part", timestamp_column="start")
        _hold(env, [2])
        held = env.scalar("SELECT count(*) FROM cdr_part WHERE account_id = 2 AND start < :c", c=CUTOFF)
        young = env.scalar("SELECT count(*) FROM cdr_part WHERE start >= :c", c=CUTOFF)
        old_free = env.scalar("SELECT count(*) FROM cdr_part WHERE start < :c AND account_id = 1", c=CUTOFF)
        assert held and held == env.scalar("SELECT count(*) FROM cdr_part_w03 WHERE account_id = 2")
        whole = [f"cdr_part_w{w:02d}" for w in range(9) if w != 3]

        dry = retention.plan(env.sessions, "cdr", now=NOW)
        assert [p.name for p in dry.partitions] == whole and dry.held == held and dry.rows == old_free
        (receipt,) = retention.run_purge(env.sessions, env.op("bob"), batch_size=100, now=NOW)

        assert receipt.ok, receipt.summary
        assert list(receipt.partitions) == whole and receipt.rows_skipped_held == held and receipt.rows_deleted == old_free
        with engine.connect() as conn:
            tables = set(conn.execute(text("SELECT tablename FROM pg_tables WHERE tablename LIKE 'cdr_part%'")).scalars())
            left_in_w03 = conn.execute(text("SELECT DISTINCT account_id FROM cdr_part_w03")).scalars().all()
        assert "cdr_part_w03" in tables and not tables & set(whole)
        assert left_in_w03 == [2]
        assert env.scalar("SELECT count(*) FROM cdr_part WHERE start < :c", c=CUTOFF) == held
        assert env.scalar("SELECT count(*) FROM cdr_part WHERE start >= :c", c=CUTOFF) == young
    finally:
        engine.dispose()


# --------------------------------------------------------------------------- every way a run ends closes its receipt


def _env_on(engine: Engine) -> Env:
    env = Env(engine, db.session_factory(engine))
    with env.sessions.begin() as session:
        session.add_all(
            [Operator(login="ann", display_name="Ann", role=Role.ADMIN), Operator(login="bob", display_name="Bob", role=Role.OPERATOR)]
        )
    return env


def _closed_by(env: Env, run_id: int) -> dict[str, Any]:
    """The details of the purge.run event that closed a receipt."""
    with env.engine.connect() as conn:
        details = conn.execute(
            text("SELECT details FROM audit_events WHERE action = 'purge.run' AND target_id = :t"), {"t": str(run_id)}
        ).scalar_one()
    return dict(json.loads(details))


def _the_next_run_finishes_without_calling_it_killed(env: Env, failed: retention.Receipt, inserted: dict[int, dt.datetime]) -> None:
    (again,) = retention.run_purge(env.sessions, env.op("bob"), now=NOW)
    assert again.ok and again.resumed_runs == ()
    assert retention.receipt(env.sessions, failed.id) == failed  # still failed, with its own reason
    assert "purge.interrupted" not in env.actions()
    assert env.ids() == {i for i, t in inserted.items() if t >= CUTOFF}
    with env.sessions() as session:
        assert audit.verify(session).ok


def test_a_database_locked_mid_purge_closes_the_receipt_as_failed_with_the_reason(tmp_path: Path) -> None:
    """Another writer holds SQLite's write lock (BEGIN EXCLUSIVE) from the first batch on, through the
    next batch and the receipt's first try to close: the run keeps trying, then records why it failed."""
    path = tmp_path / "locked.db"
    engine = db.make_engine(f"sqlite:///{path}")
    try:
        db.upgrade(engine)
        # the console waits 5 s for SQLite's lock (busy_timeout); a tenth of a second here, so the test is quick
        event.listen(engine, "connect", lambda dbapi_connection, _record: dbapi_connection.execute("PRAGMA busy_timeout=100"))
        env = _env_on(engine)
        inserted = _fill_cdrs(env, _cdr_times())
        other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        locked: list[str] = []

        def on_error(context: Any) -> None:
            if "database is locked" in str(context.original_exception):
                locked.append(str(context.statement))
                if len(locked) == 2:  # the batch, then the receipt's first close: the other writer lets go
                    other.execute("ROLLBACK")

        event.listen(engine, "handle_error", on_error)
        seen: list[retention.PurgeProgress] = []

        def progress(p: retention.PurgeProgress) -> None:
            seen.append(p)
            if p.batches == 1 and len(seen) == 2:  # right after the first batch committed
                other.execute("BEGIN EXCLUSIVE")

        try:
            with pytest.raises(retention.PurgeFailed, match="stopped: .*database is locked") as info:
                retention.run_purge(env.sessions, env.op("bob"), batch_size=100, now=NOW, progress=progress)
        finally:
            other.close()
        assert len(locked) == 2 and locked[0].startswith("DELETE FROM cdrs") and "purge_runs" in locked[1]
        (failed,) = retention.receipts(env.sessions, limit=1)
        assert failed.state == "failed" and failed.error is not None and "database is locked" in failed.error
        notes = [p.note for p in seen if p.note]
        assert len(notes) == 1 and notes[0].startswith("cannot record the run as failed yet") and "trying again" in notes[0]
        assert failed.rows_deleted == seen[1].deleted > 0 and failed.batches == 1 and failed.finished_at is not None
        assert f"run {failed.id} records it as failed" in (info.value.hint or "") and "stay deleted" in (info.value.hint or "")
        assert len(env.ids()) == len(inserted) - failed.rows_deleted  # receipt and table agree
        assert _closed_by(env, failed.id)["state"] == "failed" and failed.audit_head == _event_head(env, "purge.run", failed.id).text
        event.remove(engine, "handle_error", on_error)
        _the_next_run_finishes_without_calling_it_killed(env, failed, inserted)
    finally:
        engine.dispose()


@pytest.mark.postgres
@pytest.mark.parametrize("when", ["before the run", "after the first batch"])
def test_a_table_locked_on_postgresql_fails_the_run_with_a_failed_receipt(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch, when: str
) -> None:
    """``LOCK TABLE cdrs IN ACCESS EXCLUSIVE MODE`` in another session; the purge's statements give up
    after lock_timeout (libpq's PGOPTIONS, for this test's connections) instead of waiting."""
    monkeypatch.setenv("PGOPTIONS", "-c lock_timeout=200")
    engine = db.make_engine(postgres_url)
    try:
        db.upgrade(engine)
        env = _env_on(engine)
        inserted = _fill_cdrs(env, _cdr_times())
        other = engine.connect()

        def lock() -> None:
            other.execute(text("LOCK TABLE cdrs IN ACCESS EXCLUSIVE MODE"))

        if when == "before the run":
            lock()
        seen: list[retention.PurgeProgress] = []

        def progress(p: retention.PurgeProgress) -> None:
            seen.append(p)
            if when == "after the first batch" and p.batches == 1 and len(seen) == 2:
                lock()

        try:
            with pytest.raises(retention.PurgeFailed, match="stopped: .*lock timeout"):
                retention.run_purge(env.sessions, env.op("bob"), batch_size=100, now=NOW, progress=progress)
        finally:
            other.rollback()
            other.close()
        (failed,) = retention.receipts(env.sessions, limit=1)
        assert failed.state == "failed" and failed.error is not None and "lock timeout" in failed.error
        assert failed.rows_deleted == (0 if when == "before the run" else seen[1].deleted) and not any(p.note for p in seen)
        assert _closed_by(env, failed.id)["error"] == failed.error
        _the_next_run_finishes_without_calling_it_killed(env, failed, inserted)
    finally:
        engine.dispose()


def test_an_unexpected_error_mid_purge_is_recorded_and_raised_as_it_was(env: Env) -> None:
    inserted = _fill_cdrs(env, _cdr_times())

    def progress(p: retention.PurgeProgress) -> None:
        if p.batches == 1:
            raise RuntimeError("the progress display broke")

    with pytest.raises(RuntimeError, match="the progress display broke"):
        retention.run_purge(env.sessions, env.op("bob"), batch_size=100, now=NOW, progress=progress)
    (failed,) = retention.receipts(env.sessions, limit=1)
    assert failed.state == "failed" and failed.batches == 1 and len(env.ids()) == len(inserted) - failed.rows_deleted
    assert failed.error == "An unexpected error stopped it: RuntimeError: the progress display broke"
    _the_next_run_finishes_without_calling_it_killed(env, failed, inserted)


def test_a_second_ctrl_c_stops_at_once_and_closes_the_receipt_as_cancelled(env: Env) -> None:
    inserted = _fill_cdrs(env, _cdr_times())

    def progress(p: retention.PurgeProgress) -> None:
        if p.batches == 1:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        retention.run_purge(env.sessions, env.op("bob"), batch_size=100, now=NOW, progress=progress)
    (stopped,) = retention.receipts(env.sessions, limit=1)
    assert stopped.state == "cancelled" and stopped.batches == 1 and "Stopped at once" in (stopped.error or "")
    assert len(env.ids()) == len(inserted) - stopped.rows_deleted
    _the_next_run_finishes_without_calling_it_killed(env, stopped, inserted)


def test_progress_before_the_first_batch_has_no_count_unless_a_dry_run_gave_one(env: Env) -> None:
    inserted = _fill_cdrs(env, _cdr_times())
    past = sum(1 for t in inserted.values() if t < CUTOFF)
    seen: list[retention.PurgeProgress] = []
    retention.run_purge(env.sessions, env.op("bob"), batch_size=100, now=NOW, progress=seen.append)
    first = seen[0]
    assert (first.batches, first.deleted, first.estimated, first.exact) == (0, 0, 0, False)  # nothing counted up front
    assert seen[-1].estimated == past and not seen[-1].exact

    _fill_cdrs(env, _cdr_times())
    counted: list[retention.PurgeProgress] = []
    retention.run_purge(env.sessions, env.op("bob"), batch_size=100, now=NOW, progress=counted.append, expected={"cdr": past})
    assert (counted[0].batches, counted[0].estimated, counted[0].exact) == (0, past, True)


@pytest.mark.parametrize("raw", ["+5", "1_0", "١٢", "3 0", "30.0", "thirty", "9" * 40])
def test_days_take_the_one_whole_number_rule(raw: str) -> None:
    """``retention set --days`` and the policy dialog: ASCII digits only (``int`` took "+5", "1_0" and "١٢")."""
    with pytest.raises(InvalidInput, match="is not a number of days"):
        retention.validate_days(raw, category="cdr")


def test_days_in_range_are_kept_and_out_of_range_refused() -> None:
    assert retention.validate_days(" 30 ", category="cdr") == 30 and retention.validate_days(7, category="surveys") == 7
    assert retention.validate_days("", category="surveys") is None
    with pytest.raises(InvalidInput, match="delete everything"):
        retention.validate_days("-3", category="cdr")
    with pytest.raises(InvalidInput, match="years"):
        retention.validate_days("99999999", category="cdr")
