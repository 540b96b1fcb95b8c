"""pg_partman under the console's roles: each step run with the operator's own PostgreSQL login.

The database is built as production would be (tests/support/pgtrust.py): a schema owner that is no
superuser, pg_partman installed by a superuser, who grants the owner what pg_partman's own docs ask
for a non-superuser that runs its maintenance (WITH GRANT OPTION, so ``db roles`` can pass part of
it on). The CDR table is the owner's, partitioned by day by pg_partman, a call every hour for 60 days.
Each expectation is checked with the superuser's or the owner's plain SQL.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

from minisip_console.core import partman, retention
from minisip_console.core.models import utcnow
from minisip_console.core.plumbing import db
from minisip_console.core.plumbing.connection import Database, open_database, resolve
from minisip_console.core.plumbing.errors import ConsoleError, InvalidInput, PermissionDenied
from minisip_console.core.verdicts import BROKEN, KEPT
from tests.conftest import IN_CI
from tests.support.cli import run_console
from tests.support.pgserver import PostgresServer
from tests.support.pgtrust import SecuredDatabase, create_secured_database, drop_logins

pytestmark = pytest.mark.postgres

TABLE = "public.calls"


class Partmanned:
    def __init__(self, server: PostgresServer, secured: SecuredDatabase) -> None:
        self.server = server
        self.secured = secured
        self.open: dict[str, Database] = {}

    def superuser(self) -> psycopg.Connection:
        return psycopg.connect(self.server.url(self.secured.name).replace("+psycopg", ""), autocommit=True)

    def as_(self, who: str) -> Database:
        if who not in self.open:
            self.open[who] = open_database(resolve(database=self.secured.url(who)))
        return self.open[who]

    def scalar(self, sql: str, *params: Any) -> Any:
        with self.superuser() as conn:
            row = conn.execute(sql, params or None).fetchone()
            return None if row is None else row[0]

    def roles(self) -> Any:
        """``db roles``, run by the schema owner."""
        engine = db.make_engine(self.secured.url("owner"))
        try:
            return db.install_security(engine)
        finally:
            engine.dispose()

    def close(self) -> None:
        for database in self.open.values():
            database.close()


@pytest.fixture
def pm(postgres_server: PostgresServer) -> Iterator[Partmanned]:
    secured = create_secured_database(postgres_server)
    env = Partmanned(postgres_server, secured)
    try:
        with env.superuser() as conn:
            if conn.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_partman'").fetchone() is None:
                if IN_CI:
                    pytest.fail("CI=true but pg_partman is not installed for the test PostgreSQL: install postgresql-NN-partman")
                pytest.skip("pg_partman is not installed for the test PostgreSQL")
            conn.execute("CREATE SCHEMA partman")
            conn.execute("CREATE EXTENSION pg_partman SCHEMA partman")
        with secured.connect("owner", autocommit=True) as conn:
            conn.execute(
                "CREATE TABLE public.calls (id bigserial, account_id integer, start timestamptz NOT NULL, src text, dst text) "
                "PARTITION BY RANGE (start)"
            )
            conn.execute("CREATE INDEX ix_calls_start ON public.calls (start)")
        yield env
    finally:
        env.close()
        drop_logins(postgres_server, secured)


def _grant_owner(pm: Partmanned) -> None:
    """What pg_partman's docs ask for a non-superuser that runs its maintenance, WITH GRANT OPTION."""
    owner = pm.secured.owner
    with pm.superuser() as conn:
        conn.execute(f"GRANT ALL ON SCHEMA partman TO {owner} WITH GRANT OPTION")
        conn.execute(f"GRANT ALL ON ALL TABLES IN SCHEMA partman TO {owner} WITH GRANT OPTION")


def _partition(pm: Partmanned) -> None:
    """The owner hands public.calls to pg_partman (daily, its first partition 62 days back) and fills it:
    a call every hour, account 2 every sixth hour, account 1 otherwise."""
    version = str(pm.scalar("SELECT extversion FROM pg_extension WHERE extname = 'pg_partman'"))
    start = (utcnow() - dt.timedelta(days=62)).date().isoformat()
    with pm.secured.connect("owner", autocommit=True) as conn:
        conn.execute(
            "SELECT partman.create_parent(p_parent_table := 'public.calls', p_control := 'start', p_type := %s, "
            "p_interval := '1 day', p_premake := 4, p_start_partition := %s)",
            ("native" if int(version.split(".")[0]) < 5 else "range", start),
        )
        conn.execute(
            "INSERT INTO public.calls (account_id, start, src, dst) "
            "SELECT CASE WHEN extract(hour FROM g AT TIME ZONE 'UTC')::int % 6 = 0 THEN 2 ELSE 1 END, g, '+4420555010', '100' "
            "FROM generate_series(now() - interval '60 days', now(), interval '1 hour') g"
        )


def _ready(pm: Partmanned) -> None:
    _grant_owner(pm)
    _partition(pm)
    alice = pm.as_("alice")
    retention.set_policy(alice.sessions, alice.operator, "cdr", days=30, target_table=TABLE, timestamp_column="start")
    report = pm.roles()  # db roles again: the new target, and pg_partman
    assert report.partman_schema == "partman" and report.partman_missing == () and TABLE in report.grants_on


def _due(pm: Partmanned, days: int) -> int:
    return int(pm.scalar("SELECT count(*) FROM public.calls WHERE start < date_trunc('day', now() - make_interval(days => %s))", days))


def _children(pm: Partmanned) -> set[str]:
    with pm.superuser() as conn:
        rows = conn.execute(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'public.calls'::regclass"
        )
        return {r[0] for r in rows}


def test_db_roles_names_what_a_superuser_must_grant_first(pm: Partmanned, tmp_path: Path) -> None:
    report = pm.roles()
    owner = pm.secured.owner
    assert report.partman_schema == "partman"
    assert f'GRANT USAGE ON SCHEMA "partman" TO "{owner}" WITH GRANT OPTION' in report.partman_missing
    assert f'GRANT SELECT ON "partman".part_config TO "{owner}" WITH GRANT OPTION' in report.partman_missing
    # nothing of pg_partman's was given, and no wrapper made for operators
    assert pm.scalar("SELECT has_table_privilege('minisip_viewer', 'partman.part_config', 'SELECT')") is False
    assert pm.scalar("SELECT to_regprocedure('public.minisip_partman_maintenance(regclass, text, text)')") is None
    # the command says it, in words and in its JSON
    shown = run_console("db", "roles", "--database", pm.secured.url("owner"), config_dir=tmp_path / "cfg")
    assert shown.returncode == 0, shown.stderr
    assert "pg_partman (schema partman): the schema owner cannot pass its privileges on" in shown.stdout
    assert f'GRANT USAGE ON SCHEMA "partman" TO "{owner}" WITH GRANT OPTION;' in shown.stdout
    as_json = run_console("db", "roles", "--json", "--database", pm.secured.url("owner"), config_dir=tmp_path / "cfg")
    assert json.loads(as_json.stdout)["partman_missing"] == list(report.partman_missing)
    _grant_owner(pm)
    report = pm.roles()
    assert report.partman_missing == ()
    assert pm.scalar("SELECT has_table_privilege('minisip_viewer', 'partman.part_config', 'SELECT')") is True
    owner_of = pm.scalar(
        "SELECT pg_get_userbyid(p.proowner) FROM pg_proc p WHERE p.oid = 'public.minisip_partman_maintenance(regclass, text, text)'::regprocedure"
    )
    assert owner_of == owner


def test_each_role_does_its_part_with_its_own_login(pm: Partmanned) -> None:
    _ready(pm)
    # a viewer reads pg_partman's settings: the verdict, not "cannot read"
    dave = pm.as_("dave")
    status = retention.status(dave.sessions, "cdr")
    assert status.kept_by == "pg_partman" and status.partman is not None
    assert status.verdict == BROKEN and any("no retention for public.calls" in r for r in status.reasons)

    # an operator may not set pg_partman's retention, in the console or with psql
    bob = pm.as_("bob")
    with pytest.raises(PermissionDenied, match="admin"):
        partman.set_retention(bob.sessions, bob.operator, bob.engine, TABLE, 29)
    with pm.secured.connect("bob") as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("UPDATE partman.part_config SET retention = '1 day' WHERE parent_table = 'public.calls'")

    # the admin sets it (only the columns set_retention writes are hers to change)
    alice = pm.as_("alice")
    after = partman.set_retention(alice.sessions, alice.operator, alice.engine, TABLE, 29)
    assert after.retention == "29 days" and after.retention_keep_table is False
    assert pm.scalar("SELECT retention FROM partman.part_config WHERE parent_table = %s", TABLE) == "29 days"
    with pm.secured.connect("alice") as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("UPDATE partman.part_config SET premake = 1 WHERE parent_table = 'public.calls'")

    # the operator's purge runs pg_partman's maintenance through the console's wrapper
    due = _due(pm, 29)
    young = int(pm.scalar("SELECT count(*) FROM public.calls WHERE start >= date_trunc('day', now() - interval '29 days')"))
    parts = _children(pm)
    (receipt,) = retention.run_purge(bob.sessions, bob.operator)
    assert receipt.ok, receipt.summary
    assert receipt.rows_deleted == due > 24 * 25 and len(receipt.partitions) >= 30
    assert set(p.split(".")[1] for p in receipt.partitions) <= parts and not _children(pm) & {p.split(".")[1] for p in receipt.partitions}
    assert int(pm.scalar("SELECT count(*) FROM public.calls")) == young
    # the operator's session keeps its own search_path after pg_partman set one inside
    with bob.engine.connect() as conn:
        from sqlalchemy import text

        assert "partman" not in str(conn.execute(text("SHOW search_path")).scalar())
    # and the viewer's verdict is now kept
    status = retention.status(dave.sessions, "cdr")
    assert status.partman is not None and status.partman.verdict == KEPT, status.partman.reasons()


def test_the_wrapper_runs_only_for_a_pg_partman_retention_target_and_keeps_holds(pm: Partmanned) -> None:
    _ready(pm)
    bob = pm.as_("bob")
    with pm.secured.connect("bob") as conn:
        # not a pg_partman parent (the service's own cdrs), and not a table at all
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="not a table pg_partman manages"):
            conn.execute("SELECT minisip_partman_maintenance('cdrs'::regclass)")
        conn.rollback()
        # a pg_partman parent that no retention policy names
        with pm.secured.connect("owner", autocommit=True) as owner:
            owner.execute("CREATE TABLE public.other (id bigserial, start timestamptz NOT NULL) PARTITION BY RANGE (start)")
            owner.execute(
                "SELECT partman.create_parent(p_parent_table := 'public.other', p_control := 'start', p_type := 'native', p_interval := '1 day')"
                if str(pm.scalar("SELECT extversion FROM pg_extension WHERE extname = 'pg_partman'")).startswith("4")
                else "SELECT partman.create_parent(p_parent_table := 'public.other', p_control := 'start', p_type := 'range', p_interval := '1 day')"
            )
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="not a retention target"):
            conn.execute("SELECT minisip_partman_maintenance('public.other'::regclass)")
        conn.rollback()
        # pg_partman itself: its functions run with bob's rights, which own nothing
        with pytest.raises(psycopg.Error):
            conn.execute("SELECT partman.run_maintenance(p_parent_table := 'public.calls')")
        conn.rollback()
        # a viewer may not call the wrapper at all
    with pm.secured.connect("dave") as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("SELECT minisip_partman_maintenance('public.calls'::regclass)")

    # a hold: the wrapper refuses to let pg_partman drop a held account's rows, even when asked directly
    alice = pm.as_("alice")
    partman.set_retention(alice.sessions, alice.operator, alice.engine, TABLE, 29)
    from minisip_console.core import holds

    with bob.sessions.begin() as session:
        holds.place_holds(session, bob.operator, [2], "Preservation order 2026-17", days=90)
    parts = _children(pm)
    with pm.secured.connect("bob") as conn, pytest.raises(psycopg.errors.InsufficientPrivilege, match="legal hold"):
        conn.execute("SELECT minisip_partman_maintenance('public.calls'::regclass, 'account_id')")
    with pytest.raises(ConsoleError, match="legal hold"):
        retention.run_purge(bob.sessions, bob.operator)
    assert _children(pm) == parts
    with pytest.raises(InvalidInput):
        partman.run_maintenance(bob.engine, "public.no_such_table")


def test_an_operator_cannot_switch_the_hold_check_off_by_naming_another_account_column(pm: Partmanned) -> None:
    """Both partition functions find the table's account column themselves: an operator calling them
    with psql, naming no account column or another one, still meets the legal hold."""
    _ready(pm)
    alice, bob = pm.as_("alice"), pm.as_("bob")
    partman.set_retention(alice.sessions, alice.operator, alice.engine, TABLE, 29)
    from minisip_console.core import holds

    with bob.sessions.begin() as session:
        holds.place_holds(session, bob.operator, [2], "Preservation order 2026-18", days=90)
    parts = _children(pm)
    # the oldest daily partition with calls of account 2: wholly past the cutoff
    oldest = min(p for p in parts if p != "calls_default" and pm.scalar(f"SELECT count(*) FROM public.{p} WHERE account_id = 2"))
    cutoff = (utcnow() - dt.timedelta(days=31)).replace(tzinfo=None)
    with pm.secured.connect("bob") as conn:
        for account in (None, "src"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="legal hold"):
                conn.execute(
                    "SELECT minisip_drop_partition('public.calls'::regclass, %s::regclass, 'drop', 'start', %s, %s)",
                    (f"public.{oldest}", account, cutoff),
                )
            conn.rollback()
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="legal hold"):
                conn.execute("SELECT minisip_partman_maintenance('public.calls'::regclass, %s)", (account,))
            conn.rollback()
    assert _children(pm) == parts  # nothing dropped
    with pm.superuser() as conn:  # the hold released: the same call by the same login drops it
        conn.execute("UPDATE legal_holds SET released_at = now(), released_by = 'carol', release_reason = 'ended'")
    with pm.secured.connect("bob") as conn:
        conn.execute(
            "SELECT minisip_drop_partition('public.calls'::regclass, %s::regclass, 'drop', 'start', NULL, %s)",
            (f"public.{oldest}", cutoff),
        )
        conn.commit()
    assert oldest not in _children(pm)
