"""pg_partman-managed retention targets on the test PostgreSQL, with the real extension.

A CDR table partitioned by day by pg_partman (``create_parent``), rows every hour over 60 days.
pg_partman measures its retention from the database's clock (``now()``), so these tests use the
real time, not a fixed one; every expectation is counted from the database before the change.
Where pg_partman is not installed the tests are skipped, except under ``CI=true`` (a failure).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session, sessionmaker

from minisip_console.core import audit, holds, partman, retention
from minisip_console.core.models import Account, AuditEvent, Operator, Role, utcnow
from minisip_console.core.operators import OperatorInfo, identify
from minisip_console.core.plumbing import db
from minisip_console.core.plumbing.errors import ConsoleError, InvalidInput, PermissionDenied
from minisip_console.core.verdicts import AT_RISK, BROKEN, KEPT, NOT_CHECKED
from tests.conftest import IN_CI

pytestmark = pytest.mark.postgres

TABLE = "public.calls"


@dataclass
class Env:
    engine: Engine
    sessions: sessionmaker[Session]

    def op(self, login: str) -> OperatorInfo:
        with self.sessions() as session:
            return identify(session, login)

    def scalar(self, sql: str, **params: Any) -> Any:
        with self.engine.connect() as conn:
            return conn.execute(text(sql), params).scalar()

    def rows(self, sql: str, **params: Any) -> list[Any]:
        with self.engine.connect() as conn:
            return list(conn.execute(text(sql), params).all())

    def execute(self, sql: str, **params: Any) -> None:
        with self.engine.begin() as conn:
            conn.execute(text(sql), params)

    def events(self, action: str) -> list[dict[str, Any]]:
        with self.sessions() as session:
            found = session.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.seq)).all()
            return [{**json.loads(e.details), "event_operator": e.operator_login, "event_target": e.target_id} for e in found]

    def config(self) -> partman.PartmanConfig:
        found = partman.managed(self.engine, "public", "calls")
        assert found is not None
        return found

    def children(self) -> set[str]:
        return {
            r[0]
            for r in self.rows(
                "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'public.calls'::regclass"
            )
        }


def _install_partman(engine: Engine) -> str:
    """``CREATE EXTENSION pg_partman`` as the superuser; the installed version."""
    with engine.begin() as conn:
        available = conn.execute(text("SELECT default_version FROM pg_available_extensions WHERE name = 'pg_partman'")).scalar()
        if available is None:
            if IN_CI:
                pytest.fail("CI=true but pg_partman is not installed for the test PostgreSQL: install postgresql-NN-partman")
            pytest.skip("pg_partman is not installed for the test PostgreSQL")
        conn.execute(text("CREATE SCHEMA partman"))
        conn.execute(text("CREATE EXTENSION pg_partman SCHEMA partman"))
        return str(conn.execute(text("SELECT extversion FROM pg_extension WHERE extname = 'pg_partman'")).scalar())


def _create_calls(engine: Engine, version: str, *, days: int = 60) -> None:
    """A cdrs-like table that pg_partman partitions by day, its first partition 62 days back, a call
    every hour (account 1; account 2 every sixth hour) from ``days`` days ago up to now."""
    major = int(version.split(".")[0])
    start = (utcnow() - dt.timedelta(days=62)).date().isoformat()
    with engine.begin() as conn:
        conn.execute(
            text(
                "CREATE TABLE public.calls (id bigserial, account_id integer, start timestamptz NOT NULL, src text, dst text, "
                "disposition text) PARTITION BY RANGE (start)"
            )
        )
        conn.execute(text("CREATE INDEX ix_calls_start ON public.calls (start)"))
        # 4.x names its native type 'native'; 5.x 'range' (and orders its parameters differently: named here)
        conn.execute(
            text(
                "SELECT partman.create_parent(p_parent_table := 'public.calls', p_control := 'start', p_type := :type, "
                "p_interval := '1 day', p_premake := 4, p_start_partition := :start)"
            ),
            {"type": "native" if major < 5 else "range", "start": start},
        )
        conn.execute(
            text(
                "INSERT INTO public.calls (account_id, start, src, dst, disposition) "
                "SELECT CASE WHEN extract(hour FROM g AT TIME ZONE 'UTC')::int % 6 = 0 THEN 2 ELSE 1 END, g, '+4420555010', '100', "
                "'ANSWERED' FROM generate_series(now() - make_interval(days => :days), now(), interval '1 hour') g"
            ),
            {"days": days},
        )


@pytest.fixture
def env(postgres_url: str) -> Iterator[Env]:
    engine = db.make_engine(postgres_url)
    try:
        version = _install_partman(engine)
        db.upgrade(engine)
        sessions = db.session_factory(engine)
        with sessions.begin() as session:
            for login, role in (("ann", Role.ADMIN), ("bob", Role.OPERATOR), ("vic", Role.VIEWER)):
                session.add(Operator(login=login, display_name=login.title(), role=role))
            session.add_all([Account(id=i, name=f"Customer {i}", email=f"c{i}@example.com") for i in (1, 2)])
        _create_calls(engine, version)
        yield Env(engine, sessions)
    finally:
        engine.dispose()


def _due(env: Env, days: int) -> int:
    """Rows in the partitions pg_partman drops at a retention of ``days``: those whose upper bound
    (the next midnight) is older than now less the retention."""
    return int(env.scalar("SELECT count(*) FROM public.calls WHERE start < date_trunc('day', now() - make_interval(days => :d))", d=days))


# --------------------------------------------------------------------------- reading and judging


def test_managed_reads_the_parents_settings_and_nothing_else_is_managed(env: Env) -> None:
    config = env.config()
    assert config.parent_table == TABLE and config.control == "start" and config.extension_schema == "partman"
    assert config.partition_interval == "1 day" and config.interval == dt.timedelta(days=1)
    assert config.retention is None and config.retention_span is None
    assert config.premake == 4 and config.default_partition == "public.calls_default" and config.default_oldest is None
    assert config.oldest_partition is not None and config.oldest_partition.startswith("public.calls_p")
    assert config.oldest_lower is not None and config.oldest_lower <= utcnow() - dt.timedelta(days=61)
    assert config.settings["parent_table"] == TABLE  # the whole row, as the installed version has it
    # the service's own cdrs table is no pg_partman parent; neither is a table that does not exist
    assert partman.managed(env.engine, None, "cdrs") is None
    assert partman.managed(env.engine, "public", "no_such_table") is None
    # without a schema the search path finds it
    assert partman.managed(env.engine, None, "calls") == config


def test_another_database_has_no_pg_partman(tmp_path: Any) -> None:
    engine = db.make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    try:
        assert partman.managed(engine, None, "cdrs") is None
    finally:
        engine.dispose()


def test_no_retention_breaks_the_promise_and_says_why(env: Env) -> None:
    judged = partman.verdict(env.config(), 30, 1)
    assert judged.verdict == BROKEN
    (reason,) = judged.reasons()
    assert "no retention for public.calls" in reason and "never drops a partition" in reason and "31 days" in reason


def test_set_retention_is_for_admins_audited_and_counts_the_partition_interval(env: Env) -> None:
    before = env.config()
    assert before.retention_keep_table is True  # pg_partman's own default: keeps detached partitions as tables

    with pytest.raises(PermissionDenied, match="admin"):
        partman.set_retention(env.sessions, env.op("bob"), env.engine, TABLE, 30)
    assert env.config() == before and env.events("retention.partman_set") == []

    with pytest.raises(InvalidInput):
        partman.set_retention(env.sessions, env.op("ann"), env.engine, TABLE, 0)
    with pytest.raises(InvalidInput, match="not a table pg_partman manages"):
        partman.set_retention(env.sessions, env.op("ann"), env.engine, "cdrs", 30)

    after = partman.set_retention(env.sessions, env.op("ann"), env.engine, TABLE, 30)
    assert after.retention == "30 days" and after.retention_keep_table is False and after.retention_schema is None
    stored = env.rows("SELECT retention, retention_keep_table FROM partman.part_config WHERE parent_table = :t", t=TABLE)
    assert stored == [("30 days", False)]
    (event,) = env.events("retention.partman_set")
    assert event["event_operator"] == "ann" and event["event_target"] == TABLE
    assert event["before"] == {"retention": None, "retention_keep_table": True, "retention_schema": None}
    assert event["after"] == {"retention": "30 days", "retention_keep_table": False, "retention_schema": None}
    assert "pg-test" not in event["database"]  # no password in the audit log
    with env.sessions() as session:
        assert audit.verify(session).ok

    # 30 days of retention with daily partitions: a partition's oldest rows wait a day more, and up to
    # a day for the next maintenance run: 32 days, past the 31 the policy allows (30 + the purge interval)
    judged = partman.verdict(after, 30, 1)
    assert judged.verdict == BROKEN and judged.suggested_days == 29
    (reason,) = judged.reasons()
    assert "32 days" in reason and "31 days" in reason and "one more partition interval (1 day)" in reason and "at most 29 days" in reason
    # a policy allowing 32 days (a purge every 2 days) with maintenance daily (pg_partman_bgw) fits; a
    # purge every 2 days that runs the maintenance itself does not (33 days)
    assert partman.verdict(after, 30, 2, maintenance=dt.timedelta(days=1)).verdict == KEPT
    assert partman.verdict(after, 30, 2).verdict == BROKEN
    kept = partman.verdict(partman.set_retention(env.sessions, env.op("ann"), env.engine, TABLE, "29"), 30, 1)
    assert kept.verdict == KEPT and kept.reasons() == () and "Kept by pg_partman" in kept.summary
    # longer than the policy: broken whatever the partitions
    longer = partman.verdict(partman.set_retention(env.sessions, env.op("ann"), env.engine, TABLE, 45), 30, 1)
    assert longer.verdict == BROKEN and "longer than the policy's 30 days" in longer.reasons()[0]
    assert len(env.events("retention.partman_set")) == 3


# --------------------------------------------------------------------------- maintenance and verification


def test_run_maintenance_drops_the_old_partitions_and_verify_confirms(env: Env) -> None:
    partman.set_retention(env.sessions, env.op("ann"), env.engine, TABLE, 29)
    due = _due(env, 29)
    young = env.scalar("SELECT count(*) FROM public.calls WHERE start >= date_trunc('day', now() - interval '29 days')")
    old_parts = {
        p for p in env.children() if p.startswith("calls_p") and p < "calls_p" + (utcnow() - dt.timedelta(days=30)).strftime("%Y_%m_%d")
    }
    assert due > 24 * 25 and young > 24 * 28 and len(old_parts) >= 30
    cutoff = utcnow() - dt.timedelta(days=30)
    assert not partman.verify(env.engine, TABLE, cutoff).verified  # before: rows 60 days old

    done = partman.run_maintenance(env.engine, TABLE)

    assert done.rows == due and done.detached == () and old_parts <= {d.split(".")[1] for d in done.dropped}
    assert done.oldest is not None and done.oldest < utcnow() - dt.timedelta(days=59)
    assert not env.children() & {d.split(".")[1] for d in done.dropped}
    assert env.scalar("SELECT count(*) FROM pg_tables WHERE tablename = ANY(:t)", t=[d.split(".")[1] for d in done.dropped]) == 0
    assert env.scalar("SELECT count(*) FROM public.calls") == young  # not one row of a kept partition touched
    check = partman.verify(env.engine, TABLE, cutoff)
    assert check.verified, check.reason
    assert check.oldest_row is not None and check.oldest_row >= cutoff - dt.timedelta(days=1)
    assert check.oldest_upper is not None and check.oldest_upper > utcnow() - dt.timedelta(days=29)
    # a second run drops nothing more
    assert partman.run_maintenance(env.engine, TABLE).dropped == ()


def test_kept_detached_tables_with_rows_break_the_promise(env: Env) -> None:
    # what an operator who set pg_partman up by hand may have: a retention, but its default keep_table
    env.execute("UPDATE partman.part_config SET retention = '29 days', retention_keep_table = true WHERE parent_table = :t", t=TABLE)
    warned = partman.verdict(env.config(), 30, 1)
    assert warned.verdict == AT_RISK and "keeps them as tables" in warned.reasons()[0]

    done = partman.run_maintenance(env.engine, TABLE)

    assert done.dropped == () and len(done.detached) >= 30 and done.rows == 0 and done.detached_rows > 0
    config = env.config()
    # every partition it detached is found (the two before the first call are empty)
    assert {d.name for d in config.detached} == set(done.detached)
    with_rows = {d.name for d in config.detached_with_rows}
    assert with_rows < set(done.detached) and len(with_rows) >= 28
    judged = partman.verdict(config, 30, 1)
    assert judged.verdict == BROKEN
    (reason,) = judged.reasons()
    assert f"detached {len(with_rows)} tables of public.calls" in reason and "still in the database" in reason
    check = partman.verify(env.engine, TABLE, utcnow() - dt.timedelta(days=30))
    assert not check.verified and "detached by pg_partman" in check.reason
    assert check.oldest_remaining is not None and check.oldest_remaining < utcnow() - dt.timedelta(days=59)

    # setting the retention right leaves the copies already made: still broken until they are gone
    fixed = partman.set_retention(env.sessions, env.op("ann"), env.engine, TABLE, 29)
    assert fixed.retention_keep_table is False and partman.verdict(fixed, 30, 1).verdict == BROKEN

    # emptied (or dropped), they no longer count
    for name in done.detached:
        env.execute(f"TRUNCATE {name}")
    assert partman.verdict(env.config(), 30, 1).verdict == KEPT
    assert partman.verify(env.engine, TABLE, utcnow() - dt.timedelta(days=30)).verified


def test_rows_in_the_default_partition_are_never_dropped_and_say_so(env: Env) -> None:
    env.execute("INSERT INTO public.calls (account_id, start) VALUES (1, now() - interval '400 days')")
    partman.set_retention(env.sessions, env.op("ann"), env.engine, TABLE, 29)
    config = env.config()
    assert config.default_oldest is not None and config.default_oldest < utcnow() - dt.timedelta(days=399)
    judged = partman.verdict(config, 30, 1, now=utcnow())
    assert judged.verdict == BROKEN and "default partition public.calls_default" in judged.reasons()[0]
    partman.run_maintenance(env.engine, TABLE)
    assert not partman.verify(env.engine, TABLE, utcnow() - dt.timedelta(days=30)).verified


# --------------------------------------------------------------------------- the console's purge and status


def _target_calls(env: Env) -> None:
    retention.set_policy(env.sessions, env.op("ann"), "cdr", days=30, target_table=TABLE, timestamp_column="start")


def test_status_reports_kept_by_pg_partman_with_its_verdict(env: Env) -> None:
    _target_calls(env)
    status = retention.status(env.sessions, "cdr")
    assert status.kept_by == "pg_partman" and status.partman is not None
    assert status.verdict == BROKEN and any("no retention for public.calls" in r for r in status.reasons)
    assert status.to_dict()["partman"]["config"]["parent_table"] == TABLE

    partman.set_retention(env.sessions, env.op("ann"), env.engine, TABLE, 29)
    partman.run_maintenance(env.engine, TABLE)
    status = retention.status(env.sessions, "cdr")
    assert status.partman is not None and status.partman.verdict == KEPT
    assert status.late == 0 and status._partman_reasons(BROKEN) == ()
    # the service's own cdrs table: no pg_partman there
    retention.set_policy(env.sessions, env.op("ann"), "cdr", days=30, target_table="cdrs", timestamp_column="start")
    assert retention.status(env.sessions, "cdr").kept_by is None


def test_the_purge_runs_pg_partmans_maintenance_instead_of_deleting(env: Env) -> None:
    _target_calls(env)
    partman.set_retention(env.sessions, env.op("ann"), env.engine, TABLE, 29)
    due = _due(env, 29)
    young = env.scalar("SELECT count(*) FROM public.calls WHERE start >= date_trunc('day', now() - interval '29 days')")
    deletes: list[str] = []

    from sqlalchemy import event

    @event.listens_for(env.engine, "before_cursor_execute")
    def spy(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if statement.lstrip().upper().startswith("DELETE") and "calls" in statement:
            deletes.append(statement)

    dry = retention.plan(env.sessions, "cdr")
    assert any("Kept by pg_partman" in w and "29 days" in w for w in dry.warnings)

    (receipt,) = retention.run_purge(env.sessions, env.op("bob"))

    assert deletes == []  # the console deleted no row itself
    # the dry run named exactly the partitions pg_partman dropped (not those past the console's cutoff)
    assert {p.name for p in dry.partitions} == set(receipt.partitions)
    assert receipt.ok, receipt.summary
    assert receipt.rows_deleted == due and len(receipt.partitions) >= 30 and receipt.error and "Kept by pg_partman" in receipt.error
    assert env.scalar("SELECT count(*) FROM public.calls") == young
    (event_,) = [e for e in env.events("purge.run") if e["event_target"] == str(receipt.id)]
    assert event_["rows_deleted"] == due and event_["verified"] is True
    with env.sessions() as session:
        assert audit.verify(session).ok
    # the next run finds nothing to drop, and verifies again
    (again,) = retention.run_purge(env.sessions, env.op("bob"))
    assert again.ok and again.rows_deleted == 0


def test_the_purge_does_not_let_pg_partman_drop_rows_under_a_legal_hold(env: Env) -> None:
    _target_calls(env)
    partman.set_retention(env.sessions, env.op("ann"), env.engine, TABLE, 29)
    with env.sessions.begin() as session:
        holds.place_holds(session, env.op("bob"), [2], "Preservation order 2026-17", days=90)
    parts = env.children()
    total = env.scalar("SELECT count(*) FROM public.calls")

    with pytest.raises(ConsoleError, match="legal hold") as raised:
        retention.run_purge(env.sessions, env.op("bob"))
    assert "public.calls_p" in raised.value.message and raised.value.hint and "Lengthen its retention" in raised.value.hint

    assert env.children() == parts and env.scalar("SELECT count(*) FROM public.calls") == total
    (receipt,) = retention.receipts(env.sessions)
    assert receipt.state == "failed" and receipt.error and "the console did not run it" in receipt.error


def test_a_viewer_cannot_purge_a_pg_partman_target(env: Env) -> None:
    _target_calls(env)
    parts = env.children()
    with pytest.raises(PermissionDenied):
        retention.run_purge(env.sessions, env.op("vic"))
    assert env.children() == parts


def test_a_login_that_cannot_read_pg_partmans_settings_is_told_not_told_unmanaged(env: Env) -> None:
    from sqlalchemy import create_engine

    env.execute("CREATE ROLE plain LOGIN PASSWORD 'plain-pw'")
    env.execute("GRANT SELECT ON public.calls TO plain")
    url = env.engine.url.set(username="plain", password="plain-pw")
    engine = create_engine(url)
    try:
        with pytest.raises(InvalidInput, match="plain may not read pg_partman's settings") as raised:
            partman.managed(engine, "public", "calls")
        assert raised.value.hint and "GRANT SELECT ON partman.part_config" in raised.value.hint
        env.execute("GRANT USAGE ON SCHEMA partman TO plain")
        env.execute("GRANT SELECT ON partman.part_config TO plain")
        assert partman.managed(engine, "public", "calls") == env.config()
    finally:
        engine.dispose()


def test_only_tables_named_like_its_children_count_as_detached(env: Env) -> None:
    env.execute("UPDATE partman.part_config SET retention = '29 days', retention_keep_table = true WHERE parent_table = :t", t=TABLE)
    env.execute("CREATE TABLE public.calls_phonebook (id int)")
    env.execute("INSERT INTO public.calls_phonebook VALUES (1)")
    env.execute("CREATE TABLE public.calls_p_notes (id int)")
    env.execute("INSERT INTO public.calls_p_notes VALUES (1)")
    assert env.config().detached == ()
    done = partman.run_maintenance(env.engine, TABLE)
    assert {d.name for d in env.config().detached} == set(done.detached) and done.detached


def test_the_command_line_status_says_kept_by_pg_partman(env: Env, postgres_url: str, tmp_path: Any) -> None:
    from tests.support.cli import run_console

    _target_calls(env)
    partman.set_retention(env.sessions, env.op("ann"), env.engine, TABLE, 29)
    with env.sessions.begin() as session:  # the URL's login (the superuser here) as a viewer of the console
        session.add(Operator(login="postgres", display_name="Postgres", role=Role.VIEWER))
    shown = run_console("retention", "status", "--database", postgres_url, config_dir=tmp_path / "cfg")
    assert "Kept by pg_partman" in shown.stdout and "retention 29 days" in shown.stdout, shown.stdout + shown.stderr
    as_json = run_console("retention", "status", "--database", postgres_url, "--json", config_dir=tmp_path / "cfg")
    (cdr,) = [c for c in json.loads(as_json.stdout)["categories"] if c["category"] == "cdr"]
    assert cdr["kept_by"] == "pg_partman" and cdr["partman"]["verdict"] == KEPT and cdr["partman"]["suggested_days"] == 29


def test_a_set_partitioned_by_id_is_not_checked_and_not_purged(env: Env) -> None:
    major = env.config().major
    env.execute("CREATE TABLE public.legacy (id bigint NOT NULL, start timestamptz NOT NULL) PARTITION BY RANGE (id)")
    env.execute(
        "SELECT partman.create_parent(p_parent_table := 'public.legacy', p_control := 'id', p_type := :type, p_interval := '1000')",
        type="native" if major < 5 else "range",
    )
    env.execute("INSERT INTO public.legacy SELECT g, now() - interval '90 days' FROM generate_series(1, 10) g")
    config = partman.managed(env.engine, "public", "legacy")
    assert config is not None and config.interval is None and config.partition_interval == "1000"
    judged = partman.verdict(config, 30, 1)
    assert judged.verdict == NOT_CHECKED and "not by time" in judged.reasons()[0]
    retention.set_policy(env.sessions, env.op("ann"), "cdr", days=30, target_table="public.legacy", timestamp_column="start")
    assert retention.status(env.sessions, "cdr").verdict == BROKEN  # its rows are late all the same
    with pytest.raises(InvalidInput, match="not by time"):
        retention.run_purge(env.sessions, env.op("bob"))
    assert env.scalar("SELECT count(*) FROM public.legacy") == 10  # the console deleted nothing
    (receipt,) = retention.receipts(env.sessions)
    assert receipt.state == "failed" and receipt.error and "not by time" in receipt.error
