"""The purge and the status of a saved retention target in a real MariaDB server (issue 17).

The console's own database is SQLite (receipts, locks, holds and audit events stay there); the target
is Asterisk's ``cdr`` table in MariaDB: no primary key, no index until the suggested one is made,
``calldate`` a DATETIME, the account in ``accountcode`` written ``acct{id}``. Every count the tests
check is read from MariaDB with PyMySQL, not through the console.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from minisip_console.core import compliance, retention, targets
from minisip_console.core.models import AuditEvent, LegalHold, Operator, PurgeRun, Role
from minisip_console.core.operators import OperatorInfo, identify
from minisip_console.core.plumbing import db
from minisip_console.core.plumbing.locks import LockHeld, mysql_lock_name
from tests.support.asterisk import cdr_rows, create_cdr_table, insert_cdrs
from tests.support.keyrings import MemoryKeyring
from tests.support.mariadbserver import MariaDBServer

pytestmark = pytest.mark.mariadb

NOW = dt.datetime(2026, 12, 1, 12, 0, 0, tzinfo=dt.UTC)
CUTOFF = dt.datetime(2026, 11, 1, 12, 0, 0)  # NOW less the CDRs' 30 days, naive as Asterisk writes it


@dataclass
class Env:
    engine: Engine
    sessions: sessionmaker[Session]
    server: MariaDBServer
    database: str

    @property
    def admin(self) -> OperatorInfo:
        with self.sessions() as session:
            return identify(session, "ann")

    def add(self, **kw: str) -> targets.TargetCheck:
        url = self.server.url(self.database, password=False, driver="mysql")
        spec = targets.validate("pbx", url, "cdr", "calldate", **kw)
        return targets.add(self.sessions, self.admin, spec, password=self.server.password)

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        with self.server.connect(self.database) as conn, conn.cursor() as cur:
            cur.execute(sql)
            return list(cur.fetchall())

    def execute(self, sql: str) -> None:
        with self.server.connect(self.database) as conn, conn.cursor() as cur:
            cur.execute(sql)

    def purge(self, **kw: Any) -> retention.Receipt:
        (got,) = retention.run_purge(self.sessions, self.admin, target="pbx", now=NOW, **kw)
        return got


@pytest.fixture
def env(sqlite_url: str, mariadb_server: MariaDBServer, memory_keyring: MemoryKeyring) -> Iterator[Env]:
    engine = db.make_engine(sqlite_url)
    db.upgrade(engine)
    sessions = db.session_factory(engine)
    with sessions.begin() as session:
        session.add(Operator(login="ann", display_name="Ann", role=Role.ADMIN))
    yield Env(engine, sessions, mariadb_server, mariadb_server.create_database())
    engine.dispose()


def _fill(env: Env, *, partitions: bool = False) -> None:
    with env.server.connect(env.database) as conn:
        months = [dt.date(2026, m, 1) for m in (9, 10, 11, 12)] if partitions else []
        create_cdr_table(conn, partitions_by_month=months)
        insert_cdrs(conn, cdr_rows(300, start=dt.datetime(2026, 9, 1), end=dt.datetime(2026, 11, 30)))
        # the cutoff's edges: one second older than the cutoff (deleted), in its own second (kept)
        edge = list(cdr_rows(2, start=CUTOFF - dt.timedelta(seconds=1), end=CUTOFF, accounts=(7,)))
        insert_cdrs(conn, edge)


def _old(env: Env) -> int:
    return int(env.query(f"SELECT count(*) FROM cdr WHERE calldate < '{CUTOFF:%Y-%m-%d %H:%M:%S}'")[0][0])


@pytest.mark.parametrize("indexed", [False, True], ids=["no-index", "suggested-index"])
def test_a_target_is_purged_at_the_cutoff_second_with_a_receipt_that_verifies(env: Env, indexed: bool) -> None:
    _fill(env)
    checked = env.add()
    if indexed:
        assert checked.info.create_index_sql
        env.execute(checked.info.create_index_sql)
    before = _old(env)
    assert before > 100
    plan = retention.plan(env.sessions, target="pbx", now=NOW)
    assert plan.rows == before and plan.target_name == "pbx"

    r = env.purge(batch_size=100)

    assert r.state == "completed" and r.verified is True and r.ok
    assert r.target_name == "pbx" and r.target == "cdr.calldate" and r.rows_deleted == before
    assert r.to_dict()["target_name"] == "pbx"
    assert _old(env) == 0
    edges = [row[0] for row in env.query("SELECT calldate FROM cdr WHERE accountcode = 'acct7'")]
    assert edges == [CUTOFF]  # the row one second older went; the one in the cutoff's second stays
    with env.sessions() as session:
        row = session.get(PurgeRun, r.id)
        assert row is not None and row.target_name == "pbx" and row.state == "completed"
        details = json.loads(session.scalars(select(AuditEvent.details).where(AuditEvent.action == "purge.run")).one())
    assert details["target_name"] == "pbx" and details["rows_deleted"] == before


def test_legal_holds_keep_a_held_accounts_rows_through_its_accountcode(env: Env) -> None:
    _fill(env)
    env.add(account_column="accountcode", account_format="acct{id}")
    with env.sessions.begin() as session:
        session.add(LegalHold(account_id=1, reason="court order", placed_by="ann", placed_at=NOW - dt.timedelta(days=200)))
    held_old = int(env.query(f"SELECT count(*) FROM cdr WHERE accountcode = 'acct1' AND calldate < '{CUTOFF:%Y-%m-%d %H:%M:%S}'")[0][0])
    assert held_old > 0

    r = env.purge()

    assert r.ok and r.rows_skipped_held == held_old
    assert _old(env) == held_old  # only the held account's old rows are left
    assert env.query(f"SELECT DISTINCT accountcode FROM cdr WHERE calldate < '{CUTOFF:%Y-%m-%d %H:%M:%S}'") == [("acct1",)]


def test_a_range_partitioned_cdr_table_loses_its_old_partitions_whole(env: Env) -> None:
    _fill(env, partitions=True)
    env.add()
    plan = retention.plan(env.sessions, target="pbx", now=NOW)
    assert [p.name for p in plan.partitions] == ["p202609", "p202610"]

    r = env.purge()

    assert r.ok and r.partitions == ("p202609", "p202610")
    left = [
        row[0]
        for row in env.query(
            "SELECT PARTITION_NAME FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'cdr' ORDER BY 1"
        )
    ]
    assert left == ["p202611", "p202612", "pmax"]  # the boundary partition stays, emptied of its old rows row by row
    assert _old(env) == 0


def test_a_second_purge_is_refused_while_the_targets_lock_is_held(env: Env) -> None:
    _fill(env)
    env.add()
    with env.server.connect(env.database) as holder, holder.cursor() as cur:
        cur.execute("SELECT GET_LOCK(%s, 0)", (mysql_lock_name(f"{env.database}:purge:cdr"),))
        assert cur.fetchone() == (1,)
        with pytest.raises(LockHeld, match="retention target pbx is already running"):
            env.purge()
    with env.sessions() as session:
        assert session.scalars(select(PurgeRun)).all() == []  # refused before any receipt
    assert env.purge().ok  # the holder's connection ended: so did its lock


def _left_running(env: Env, *, table: str = "cdr", column: str = "calldate", **fields: Any) -> int:
    """The receipt a purge of target ``pbx`` killed mid-run leaves: ``running``, at the test's cutoff
    (``fields``: what it had counted, its batch in flight). Its id."""
    with env.sessions.begin() as session:
        dead = PurgeRun(
            category="cdr",
            state="running",
            cutoff=CUTOFF.replace(tzinfo=dt.UTC),
            dry_run=False,
            started_by="ann",
            trigger="operator",
            rows_estimated=0,
            target_table=table,
            timestamp_column=column,
            target_name="pbx",
            **fields,
        )
        session.add(dead)
        session.flush()
        return dead.id


def test_a_receipt_left_running_for_the_target_is_marked_interrupted_by_the_next_run(env: Env) -> None:
    _fill(env)
    env.add()
    dead_id = _left_running(env, rows_deleted=40)

    r = env.purge()

    assert r.ok and r.resumed_runs == (dead_id,)
    with env.sessions() as session:
        row = session.get(PurgeRun, dead_id)
        assert row is not None and row.state == "interrupted" and row.finished_at is not None
        details = json.loads(session.scalars(select(AuditEvent.details).where(AuditEvent.action == "purge.interrupted")).one())
    assert details["target_name"] == "pbx"


def test_every_target_has_its_own_status_and_compliance_counts_it(env: Env, memory_keyring: MemoryKeyring) -> None:
    _fill(env)
    env.add()
    got = retention.statuses(env.sessions, now=NOW)
    (mine,) = [s for s in got if s.target_name == "pbx"]
    assert mine.target is not None and mine.overdue == _old(env) and mine.to_dict()["target_name"] == "pbx"
    assert [s for s in got if s.target_name is None and s.policy.category == "cdr"]  # the own table keeps its own status
    verdict = compliance.evaluate(env.sessions, now=NOW, only=("cdr",)).promises[0]
    assert verdict.verdict != "kept" and "pbx" in json.dumps(verdict.details)

    env.purge()
    (mine,) = [s for s in retention.statuses(env.sessions, now=NOW) if s.target_name == "pbx"]
    assert mine.overdue == 0 and mine.last_run is not None and mine.last_run.target_name == "pbx"
    # an operator's purge is not the scheduler's: the reason names the target, not "this category"
    assert "The scheduled purge has never run on the retention target pbx (it should run daily)." in mine.reasons

    memory_keyring.entries.clear()  # its password gone: the target cannot be reached
    (mine,) = [s for s in retention.statuses(env.sessions, now=NOW) if s.target_name == "pbx"]
    assert mine.verdict == "not checked" and mine.target is None
    assert mine.target_error and "pbx" in mine.target_error


def test_purging_all_categories_includes_every_saved_target_with_its_own_receipt(env: Env) -> None:
    _fill(env)
    env.add()
    got = retention.run_purge(env.sessions, env.admin, category="all", now=NOW)
    own = [r for r in got if r.target_name is None]
    (mine,) = [r for r in got if r.target_name == "pbx"]
    assert own and {r.category for r in own} == set(retention.purgeable_categories(env.sessions))
    assert got[-1] is mine and mine.ok and _old(env) == 0


def _killed_with_a_batch_in_flight(env: Env, *, committed: bool) -> tuple[int, int, int]:
    """What a process killed between its receipt's in-flight record and the target's commit leaves:
    a ``running`` receipt counting 40 rows, with a batch of every non-held row of 1-15 September in
    flight (account 1 held), whose DELETE did (``committed``) or did not reach the target.
    Returns ``(receipt id, rows in flight, rows of the range the hold kept)``."""
    lo, hi = dt.datetime(2026, 9, 1), dt.datetime(2026, 9, 15)
    in_range = f"calldate >= '{lo:%Y-%m-%d %H:%M:%S}' AND calldate < '{hi:%Y-%m-%d %H:%M:%S}'"
    n = int(env.query(f"SELECT count(*) FROM cdr WHERE {in_range} AND accountcode <> 'acct1'")[0][0])
    kept = int(env.query(f"SELECT count(*) FROM cdr WHERE {in_range} AND accountcode = 'acct1'")[0][0])
    assert n > 10 and kept > 0
    if committed:
        env.execute(f"DELETE FROM cdr WHERE {in_range} AND accountcode <> 'acct1'")
    flight = {
        "kind": "rows",
        "lo": lo.replace(tzinfo=dt.UTC).isoformat(),
        "hi": hi.replace(tzinfo=dt.UTC).isoformat(),
        "held": [1],
        "rows": n,
        "first": lo.replace(tzinfo=dt.UTC).isoformat(),
        "last": (hi - dt.timedelta(hours=1)).replace(tzinfo=dt.UTC).isoformat(),
    }
    return _left_running(env, rows_deleted=40, batches=2, in_flight=json.dumps(flight)), n, kept


@pytest.mark.parametrize("committed", [True, False], ids=["committed", "rolled-back"])
def test_a_batch_in_flight_at_a_kill_is_counted_only_if_it_reached_the_target(env: Env, committed: bool) -> None:
    _fill(env)
    env.add(account_column="accountcode", account_format="acct{id}")
    with env.sessions.begin() as session:
        session.add(LegalHold(account_id=1, reason="court order", placed_by="ann", placed_at=NOW - dt.timedelta(days=200)))
    dead_id, n, _kept = _killed_with_a_batch_in_flight(env, committed=committed)

    r = env.purge()

    assert r.ok and r.resumed_runs == (dead_id,)
    with env.sessions() as session:
        row = session.get(PurgeRun, dead_id)
        assert row is not None and row.state == "interrupted" and row.in_flight is None
        assert (row.rows_deleted, row.batches) == ((40 + n, 3) if committed else (40, 2))
        details = json.loads(session.scalars(select(AuditEvent.details).where(AuditEvent.action == "purge.interrupted")).one())
        fresh = session.get(PurgeRun, r.id)
        assert fresh is not None and fresh.in_flight is None  # a run that ends clears what it had in flight
    assert details["last_batch"] == ("deleted" if committed else "not_deleted")
    assert details["rows_deleted"] == row.rows_deleted


def test_a_batch_in_flight_on_a_target_that_cannot_be_asked_is_said_unknown(env: Env, memory_keyring: MemoryKeyring) -> None:
    _fill(env)
    env.add()
    dead_id, n, _kept = _killed_with_a_batch_in_flight(env, committed=True)
    # the target's password went from the keyring: the next run of another target cannot look
    memory_keyring.delete_password("minisip-console", "target:pbx")
    retention.set_policy(env.sessions, env.admin, "cdr", days=30)
    retention.run_purge(env.sessions, env.admin, now=NOW)  # the category's own table: resolves what it finds
    with env.sessions() as session:
        row = session.get(PurgeRun, dead_id)
        assert row is not None and row.state == "interrupted" and row.rows_deleted == 40 and row.in_flight is not None
        assert row.error is not None and f"whether its last batch ({n:,} more) was deleted in pbx could not be checked" in row.error


def test_a_postgresql_target_with_an_integer_account_column_keeps_the_held_accounts_rows(
    env: Env, postgres_server: Any, memory_keyring: MemoryKeyring
) -> None:
    """FusionPBX-like: the account is an INTEGER column written as the id itself ("{id}"); a hold on
    account 2 keeps its old rows, every other old row goes (the status, the dry run and the purge agree)."""
    from sqlalchemy import text

    database = postgres_server.create_database()
    pg = db.make_engine(postgres_server.url(database))
    try:
        with pg.begin() as conn:
            conn.execute(text("CREATE TABLE calls (id bigserial PRIMARY KEY, account_id integer, start_stamp timestamptz NOT NULL)"))
            conn.execute(text("CREATE INDEX ix_calls_start_stamp ON calls (start_stamp)"))
            conn.execute(
                text(
                    "INSERT INTO calls (account_id, start_stamp) SELECT 1 + g % 3, CAST(:now AS timestamptz) - g * interval '1 hour' "
                    "FROM generate_series(1, 24 * 60) g"
                ),
                {"now": NOW},
            )
        url = postgres_server.url(database, password=False).replace("postgresql+psycopg://", "postgresql://")
        spec = targets.validate("pbx", url, "public.calls", "start_stamp", account_column="account_id", account_format="{id}")
        targets.add(env.sessions, env.admin, spec, password=postgres_server.password)
        with env.sessions.begin() as session:
            session.add(LegalHold(account_id=2, reason="court order", placed_by="ann", placed_at=NOW - dt.timedelta(days=200)))

        def old(where: str = "true") -> int:
            with pg.connect() as conn:
                return int(
                    conn.execute(
                        text(f"SELECT count(*) FROM calls WHERE start_stamp < :c AND {where}"), {"c": NOW - dt.timedelta(days=30)}
                    ).scalar_one()
                )

        held_old, free_old = old("account_id = 2"), old("account_id <> 2")
        assert held_old > 100 and free_old > 200
        assert retention.plan(env.sessions, target="pbx", now=NOW).rows == free_old
        assert retention.status(env.sessions, target="pbx", now=NOW).overdue == free_old

        r = env.purge(batch_size=100)

        assert r.ok and r.rows_deleted == free_old and r.rows_skipped_held == held_old
        assert old("account_id <> 2") == 0 and old("account_id = 2") == held_old
    finally:
        db.dispose(pg)


def _weekly_calls(postgres_server: Any) -> tuple[str, Engine]:
    """A saved-target-to-be in another PostgreSQL database: ``calls`` partitioned by week over 15 weeks
    to NOW (and a default partition), a call every 3 hours, accounts 1-3."""
    from sqlalchemy import text

    database = postgres_server.create_database()
    pg = db.make_engine(postgres_server.url(database))
    week0 = dt.datetime(2026, 8, 24, tzinfo=dt.UTC)
    with pg.begin() as conn:
        conn.execute(text("CREATE TABLE calls (account_id integer, start_stamp timestamptz NOT NULL) PARTITION BY RANGE (start_stamp)"))
        for week in range(15):
            lo, hi = week0 + dt.timedelta(weeks=week), week0 + dt.timedelta(weeks=week + 1)
            conn.execute(
                text(f"CREATE TABLE calls_w{week:02d} PARTITION OF calls FOR VALUES FROM ('{lo.isoformat()}') TO ('{hi.isoformat()}')")
            )
        conn.execute(text("CREATE TABLE calls_default PARTITION OF calls DEFAULT"))
        conn.execute(text("CREATE INDEX ix_calls_start_stamp ON calls (start_stamp)"))
        conn.execute(
            text(
                "INSERT INTO calls SELECT 1 + (extract(epoch FROM g)::bigint / 10800) % 3, g "
                "FROM generate_series(CAST(:a AS timestamptz), CAST(:b AS timestamptz), interval '3 hours') g"
            ),
            {"a": week0, "b": NOW},
        )
    return database, pg


def _pg_counts(pg: Engine) -> tuple[int, int, set[str]]:
    from sqlalchemy import text

    with pg.connect() as conn:
        old = int(conn.execute(text("SELECT count(*) FROM calls WHERE start_stamp < :c"), {"c": NOW - dt.timedelta(days=30)}).scalar_one())
        new = int(conn.execute(text("SELECT count(*) FROM calls WHERE start_stamp >= :c"), {"c": NOW - dt.timedelta(days=30)}).scalar_one())
        parts = set(conn.execute(text("SELECT tablename FROM pg_tables WHERE tablename LIKE 'calls_w%'")).scalars())
    return old, new, parts


def test_a_saved_postgresql_target_owned_by_its_login_loses_whole_partitions(
    env: Env, postgres_server: Any, memory_keyring: MemoryKeyring
) -> None:
    database, pg = _weekly_calls(postgres_server)
    try:
        url = postgres_server.url(database, password=False).replace("postgresql+psycopg://", "postgresql://")
        spec = targets.validate("pbx", url, "calls", "start_stamp", account_column="account_id")
        targets.add(env.sessions, env.admin, spec, password=postgres_server.password)
        old, new, parts = _pg_counts(pg)
        dry = retention.plan(env.sessions, target="pbx", now=NOW)
        whole = {p.name.rpartition(".")[2] for p in dry.partitions}
        assert dry.by_rows is None and len(whole) >= 9 and whole < parts and dry.rows == old

        r = env.purge()

        assert r.ok and r.verified is True and r.rows_deleted == old
        assert {p.rpartition(".")[2] for p in r.partitions} == whole  # dropped whole, the boundary week by rows
        after_old, after_new, after_parts = _pg_counts(pg)
        assert (after_old, after_new) == (0, new) and after_parts == parts - whole
        with env.sessions() as session:
            row = session.get(PurgeRun, r.id)
            assert row is not None and row.in_flight is None
    finally:
        db.dispose(pg)


def test_a_saved_postgresql_target_whose_login_does_not_own_it_is_purged_by_rows_and_says_so(
    env: Env, postgres_server: Any, memory_keyring: MemoryKeyring
) -> None:
    import uuid

    from sqlalchemy import text

    database, pg = _weekly_calls(postgres_server)
    login, password = f"cdr_{uuid.uuid4().hex[:8]}", "pw-" + uuid.uuid4().hex[:8]
    try:
        with pg.begin() as conn:
            conn.execute(text(f"CREATE ROLE {login} LOGIN PASSWORD '{password}'"))
            conn.execute(text(f"GRANT SELECT, DELETE ON calls TO {login}"))
        url = f"postgresql://{login}@127.0.0.1:{postgres_server.port}/{database}"
        targets.add(env.sessions, env.admin, targets.validate("pbx", url, "calls", "start_stamp"), password=password)
        old, new, parts = _pg_counts(pg)
        dry = retention.plan(env.sessions, target="pbx", now=NOW)
        assert dry.partitions == () and dry.rows == old
        assert dry.by_rows is not None and f"{login} does not own the table" in dry.by_rows and dry.by_rows in dry.warnings

        r = env.purge()

        assert r.ok and r.verified is True and r.rows_deleted == old and r.partitions == ()
        assert r.error is not None and "deleted by rows, not dropped" in r.error
        assert _pg_counts(pg) == (0, new, parts)  # every partition is still there, its old rows gone
    finally:
        with pg.begin() as conn:
            conn.execute(text(f"REVOKE ALL ON calls FROM {login}"))
            conn.execute(text(f"DROP ROLE {login}"))
        db.dispose(pg)


@pytest.mark.parametrize("dropped", [True, False], ids=["dropped", "still-there"])
def test_a_postgresql_partition_drop_in_flight_at_a_kill_is_resolved_by_whether_it_is_still_there(
    env: Env, postgres_server: Any, memory_keyring: MemoryKeyring, dropped: bool
) -> None:
    from sqlalchemy import text

    database, pg = _weekly_calls(postgres_server)
    try:
        url = postgres_server.url(database, password=False).replace("postgresql+psycopg://", "postgresql://")
        targets.add(env.sessions, env.admin, targets.validate("pbx", url, "calls", "start_stamp"), password=postgres_server.password)
        with pg.begin() as conn:
            rows = int(conn.execute(text("SELECT count(*) FROM calls_w00")).scalar_one())
            if dropped:  # what the killed run's DROP did when its transaction committed
                conn.execute(text("DROP TABLE calls_w00"))
        flight = {"kind": "partition", "partition": "public.calls_w00", "mode": "drop", "rows": rows, "first": None, "last": None}
        dead_id = _left_running(env, table="calls", column="start_stamp", in_flight=json.dumps(flight))

        r = env.purge()

        assert r.ok and r.resumed_runs == (dead_id,)
        with env.sessions() as session:
            row = session.get(PurgeRun, dead_id)
            assert row is not None and row.in_flight is None
            assert (row.rows_deleted, json.loads(row.partitions or "[]")) == ((rows, ["public.calls_w00"]) if dropped else (0, []))
    finally:
        db.dispose(pg)
