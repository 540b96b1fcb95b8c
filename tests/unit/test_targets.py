"""Saved retention targets (``core.targets``): the console's database on SQLite and PostgreSQL, the
targets in a real MariaDB server holding Asterisk's ``cdr`` table (no primary key, no index).

The keyring is the in-memory one (``memory_keyring``): what a target stored is read back from it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass

import keyring
import keyring.backends.fail
import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session, sessionmaker

from minisip_console.core import retention, targets
from minisip_console.core.models import AuditEvent, Operator, PurgeRun, RetentionTarget, Role
from minisip_console.core.operators import OperatorInfo, identify
from minisip_console.core.plumbing import db
from minisip_console.core.plumbing.errors import DatabaseUnavailable, InvalidInput, KeyringUnavailable, PermissionDenied
from tests.support.asterisk import Pbx, create_cdr_table, make_pbx
from tests.support.keyrings import LockedKeyring, MemoryKeyring
from tests.support.mariadbserver import MariaDBServer
from tests.support.pgserver import PostgresServer

pytestmark = pytest.mark.mariadb

ENTRY = ("minisip-console", "target:pbx")


@dataclass
class Env:
    engine: Engine
    sessions: sessionmaker[Session]

    def op(self, login: str) -> OperatorInfo:
        with self.sessions() as session:
            return identify(session, login)

    def events(self) -> list[tuple[str, str, dict[str, object]]]:
        with self.sessions() as session:
            rows = session.execute(select(AuditEvent.action, AuditEvent.target_id, AuditEvent.details).order_by(AuditEvent.seq)).all()
        return [(a, t, json.loads(d)) for a, t, d in rows if a.startswith("retention.target")]

    def rows(self) -> list[str]:
        with self.sessions() as session:
            return list(session.scalars(select(RetentionTarget.name).order_by(RetentionTarget.name)))


@pytest.fixture
def env(db_engine: Engine) -> Iterator[Env]:
    sessions = db.session_factory(db_engine)
    with sessions.begin() as session:
        for login, role in (("ann", Role.ADMIN), ("bob", Role.OPERATOR), ("vic", Role.VIEWER)):
            session.add(Operator(login=login, display_name=login.title(), role=role))
    yield Env(db_engine, sessions)


@pytest.fixture
def pbx(mariadb_server: MariaDBServer) -> Pbx:
    return make_pbx(mariadb_server, 200, start=dt.datetime(2026, 9, 1), end=dt.datetime(2026, 12, 1))


def _spec(pbx: Pbx, name: str = "pbx", **kw: str) -> targets.TargetSpec:
    return targets.validate(name, pbx.url, "cdr", "calldate", **kw)


# --------------------------------------------------------------------------- input, before any database


@pytest.mark.parametrize(
    ("raw", "driver"),
    [
        ("mysql://asterisk@pbx.example.com:3306/asteriskcdrdb", "mysql+pymysql"),
        ("mariadb://asterisk@pbx.example.com/asteriskcdrdb", "mariadb+pymysql"),
        ("mysql+mysqldb://asterisk@pbx.example.com/asteriskcdrdb", "mysql+pymysql"),
        ("postgres://fusion@pbx.example.com/fusionpbx", "postgresql+psycopg"),
    ],
)
def test_urls_are_normalised_to_the_drivers_the_console_ships(raw: str, driver: str) -> None:
    spec = targets.validate("pbx", raw, "cdr", "calldate")
    assert spec.url.split("://")[0] == driver
    assert spec.category == "cdr" and spec.account_column is None and spec.account_format == "{id}"


def test_mysql_urls_stay_refused_for_the_consoles_own_database() -> None:
    with pytest.raises(InvalidInput, match="Unsupported database type 'mysql'") as caught:
        db.parse_url("mysql://root@db.example.com/minisip")
    assert caught.value.hint is not None and "retention target add" in caught.value.hint


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": "no spaces"}, "is not a usable target name"),
        ({"name": "-dash"}, "is not a usable target name"),
        ({"name": "x" * 65}, "is not a usable target name"),
        (
            {"url": "mysql://root:Sekr3t-pw@pbx/cdr"},
            "The URL contains a password; a retention target keeps its password only in the OS keyring.",
        ),
        ({"url": "mysql://root@pbx/cdr?passwd=Sekr3t-pw"}, "has a secret in its query"),
        ({"url": "mysql://root@pbx/cdr?read_default_file=/etc/my.cnf"}, "names an option file (read_default_file)"),
        ({"url": "mysql://root@pbx/"}, "The MySQL URL names no database."),
        ({"url": "mariadb:///cdr"}, "The MariaDB URL names no host."),
        ({"url": "oracle://root@pbx/cdr"}, "Unsupported database type 'oracle'."),
        ({"url": "sqlite://"}, "The SQLite URL names no file."),
        ({"table": "cdr; DROP TABLE cdr"}, "is not a table name"),
        ({"column": "calldate)"}, "is not a column name (the timestamp column)"),
        ({"account_column": "account code"}, "is not a column name (the account column)"),
        ({"account_column": "accountcode", "account_format": "acct"}, "must contain {id} exactly once"),
        ({"account_column": "accountcode", "account_format": "{id}-{id}"}, "must contain {id} exactly once"),
        ({"account_column": "accountcode", "account_format": "{id}{name}"}, "has braces other than {id}"),
        ({"account_format": "acct{id}"}, "--account-format needs --account-column."),
        ({"category": "calls"}, "calls"),
    ],
)
def test_bad_input_is_refused_before_any_database(kwargs: dict[str, str], message: str) -> None:
    given = {"name": "pbx", "url": "mysql://root@pbx/cdr", "table": "cdr", "column": "calldate", **kwargs}
    with pytest.raises(InvalidInput) as caught:
        targets.validate(given.pop("name"), given.pop("url"), given.pop("table"), given.pop("column"), **given)
    assert message in caught.value.message
    assert "Sekr3t-pw" not in str(caught.value)
    assert caught.value.exit_code == 2


def test_account_format_maps_ids_both_ways() -> None:
    target = targets.Target(
        1, "pbx", "cdr", "mysql+pymysql://a@h/d", "cdr", "calldate", "accountcode", "acct{id}", dt.datetime.now(dt.UTC), "ann"
    )
    assert target.account_value(42) == "acct42"
    assert [target.account_id(v) for v in ("acct42", " acct7 ", "acct", "acct4x", "42", None)] == [42, 7, None, None, None, None]


# --------------------------------------------------------------------------- add, list, get, remove


def test_an_admin_adds_an_asterisk_table_in_mariadb(env: Env, pbx: Pbx, memory_keyring: MemoryKeyring) -> None:
    checked = targets.add(
        env.sessions, env.op("ann"), _spec(pbx, account_column="accountcode", account_format="acct{id}"), password=pbx.password
    )

    assert memory_keyring.entries == {ENTRY: pbx.password}  # the password is in the keyring and nowhere else
    t = checked.target
    assert (t.name, t.category, t.table_name, t.timestamp_column, t.account_column, t.account_format) == (
        "pbx",
        "cdr",
        "cdr",
        "calldate",
        "accountcode",
        "acct{id}",
    )
    assert t.url == pbx.server.url(pbx.database, password=False, driver="mysql+pymysql") and pbx.password not in t.url
    assert t.created_by == "ann" and t.backend == "mysql" and t.needs_password
    assert t.label.startswith(f"pbx (MySQL root@127.0.0.1:{pbx.server.port}/{pbx.database}, cdr.calldate)")
    info = checked.info
    assert (info.dialect, info.column_type, info.primary_key, info.indexed, info.partitioned) == ("mysql", "DATETIME", (), False, False)
    assert info.create_index_sql == "CREATE INDEX ix_cdr_calldate ON cdr (calldate);"
    assert any("cdr.calldate has no index" in w and info.create_index_sql in w for w in checked.warnings)
    assert checked.account_column == "accountcode"

    assert env.rows() == ["pbx"]
    ((action, target_id, details),) = env.events()
    assert (action, target_id) == ("retention.target_added", str(t.id))
    assert details["url"] == t.url and details["account_format"] == "acct{id}" and pbx.password not in json.dumps(details)
    assert targets.list_targets(env.sessions) == (t,)
    assert targets.list_targets(env.sessions, category="survey") == ()
    assert targets.get(env.sessions, "pbx") == t


def test_the_suggested_index_is_valid_mysql_and_then_the_warning_goes(env: Env, pbx: Pbx, memory_keyring: MemoryKeyring) -> None:
    checked = targets.add(env.sessions, env.op("ann"), _spec(pbx, account_column="accountcode"), password=pbx.password)
    assert checked.info.create_index_sql is not None
    pbx.execute(checked.info.create_index_sql)  # the statement the console suggests, run as the DBA would

    again = targets.check(targets.get(env.sessions, "pbx"))  # password from the keyring
    assert again.info.indexed and again.info.index_name == "ix_cdr_calldate" and again.info.create_index_sql is None
    assert again.warnings == ()


def test_a_mariadb_url_works_too_and_no_account_column_is_a_warning(env: Env, pbx: Pbx, memory_keyring: MemoryKeyring) -> None:
    url = pbx.server.url(pbx.database, password=False, driver="mariadb")
    checked = targets.add(env.sessions, env.op("ann"), targets.validate("pbx", url, "cdr", "calldate"), password=pbx.password)
    assert checked.info.dialect == "mariadb" and checked.target.label.startswith("pbx (MariaDB ")
    assert any("legal holds cannot keep its rows" in w for w in checked.warnings)


@pytest.mark.parametrize("login", ["bob", "vic"])
def test_only_admins_add_and_remove_targets(env: Env, pbx: Pbx, memory_keyring: MemoryKeyring, login: str) -> None:
    who = env.op(login)
    for action in targets.ACTIONS:
        refused = targets.refusal(action, who)
        assert isinstance(refused, PermissionDenied) and "that needs the admin role" in refused.message
    assert targets.refusal("add", env.op("ann")) is None
    with pytest.raises(PermissionDenied, match="cannot add a retention target"):
        targets.add(env.sessions, who, _spec(pbx), password=pbx.password)
    assert env.rows() == [] and memory_keyring.entries == {} and env.events() == []

    targets.add(env.sessions, env.op("ann"), _spec(pbx), password=pbx.password)
    with pytest.raises(PermissionDenied, match="cannot remove a retention target"):
        targets.remove(env.sessions, who, "pbx")
    assert env.rows() == ["pbx"] and ENTRY in memory_keyring.entries


def test_a_name_is_saved_once(env: Env, pbx: Pbx, memory_keyring: MemoryKeyring) -> None:
    targets.add(env.sessions, env.op("ann"), _spec(pbx), password=pbx.password)
    with pytest.raises(InvalidInput, match="A retention target named 'pbx' exists already"):
        targets.add(env.sessions, env.op("ann"), _spec(pbx), password="another")
    assert memory_keyring.entries == {ENTRY: pbx.password}  # the first one's password is untouched


def test_a_wrong_password_saves_nothing(env: Env, pbx: Pbx, memory_keyring: MemoryKeyring) -> None:
    with pytest.raises(DatabaseUnavailable) as caught:
        targets.add(env.sessions, env.op("ann"), _spec(pbx), password="not-the-password")
    assert caught.value.message == (
        f"Retention target 'pbx': MySQL root@127.0.0.1:{pbx.server.port}/{pbx.database}: the server refused the password for user 'root'."
    )
    assert caught.value.hint == "Check the password piped in with --password-stdin; nothing was saved."
    assert "not-the-password" not in str(caught.value)
    assert env.rows() == [] and memory_keyring.entries == {} and env.events() == []


def test_no_such_table_or_column_saves_nothing(env: Env, pbx: Pbx, memory_keyring: MemoryKeyring) -> None:
    with pytest.raises(InvalidInput, match="has no table 'cdrs'"):
        targets.add(env.sessions, env.op("ann"), targets.validate("pbx", pbx.url, "cdrs", "calldate"), password=pbx.password)
    with pytest.raises(InvalidInput, match="has no column 'start'") as caught:
        targets.add(env.sessions, env.op("ann"), targets.validate("pbx", pbx.url, "cdr", "start"), password=pbx.password)
    assert caught.value.hint == "Its date/time columns: calldate."
    with pytest.raises(InvalidInput, match="has no column 'acctcode' \\(the account column\\)"):
        targets.add(env.sessions, env.op("ann"), _spec(pbx, account_column="acctcode"), password=pbx.password)
    assert env.rows() == [] and memory_keyring.entries == {}


def test_a_keyring_that_fails_saves_nothing(env: Env, pbx: Pbx) -> None:
    keyring.set_keyring(LockedKeyring())
    with pytest.raises(KeyringUnavailable, match="^Retention target 'pbx': The OS keyring is locked"):
        targets.add(env.sessions, env.op("ann"), _spec(pbx), password=pbx.password)
    assert env.rows() == [] and env.events() == []


def test_remove_takes_the_password_and_keeps_the_receipts(env: Env, pbx: Pbx, memory_keyring: MemoryKeyring) -> None:
    added = targets.add(env.sessions, env.op("ann"), _spec(pbx), password=pbx.password).target
    with env.sessions.begin() as session:
        session.add(
            PurgeRun(
                category="cdr",
                state="completed",
                cutoff=dt.datetime(2026, 11, 1, tzinfo=dt.UTC),
                started_by="bob",
                trigger="operator",
                target_name="pbx",
            )
        )

    removed = targets.remove(env.sessions, env.op("ann"), "pbx")

    assert removed.target == added and removed.password_removed
    assert env.rows() == [] and memory_keyring.entries == {}
    with env.sessions() as session:
        assert session.scalars(select(PurgeRun.target_name)).all() == ["pbx"]
    assert [(a, t) for a, t, _ in env.events()] == [("retention.target_added", str(added.id)), ("retention.target_removed", str(added.id))]
    with pytest.raises(InvalidInput, match=r"No retention target named 'pbx' \(known: none yet\)"):
        targets.remove(env.sessions, env.op("ann"), "pbx")
    with pytest.raises(InvalidInput, match=r"No retention target named 'pbx' \(known: none yet\)"):
        targets.get(env.sessions, "pbx")


# --------------------------------------------------------------------------- a target's engine


def test_engine_for_reads_the_password_from_the_keyring(env: Env, pbx: Pbx, memory_keyring: MemoryKeyring) -> None:
    target = targets.add(env.sessions, env.op("ann"), _spec(pbx), password=pbx.password).target
    engine = targets.engine_for(target)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM cdr")).scalar() == 200
    finally:
        db.dispose(engine)
    window = targets.engine_for(target, interactive=True)  # the window's: a lock is waited for 5 s, not 50
    try:
        with window.connect() as conn:
            assert conn.execute(text("SELECT @@SESSION.innodb_lock_wait_timeout, @@SESSION.lock_wait_timeout")).one() == (5, 5)
    finally:
        db.dispose(window)


def test_another_os_account_stores_the_password_in_its_own_keyring(env: Env, pbx: Pbx, memory_keyring: MemoryKeyring) -> None:
    target = targets.add(env.sessions, env.op("ann"), _spec(pbx), password=pbx.password).target
    memory_keyring.entries.clear()  # the scheduler's OS account: the target is shared, the keyring is not

    with pytest.raises(DatabaseUnavailable, match="the server refused the password") as wrong:
        targets.store_password(target, "a-guess")
    assert wrong.value.hint == "Check the password piped in; nothing was stored." and memory_keyring.entries == {}

    checked = targets.store_password(target, pbx.password)
    assert memory_keyring.entries == {ENTRY: pbx.password} and checked.info.table == "cdr"
    assert targets.check(target).target == target


def test_a_machine_without_a_keyring_removes_a_target_all_the_same(env: Env, pbx: Pbx, memory_keyring: MemoryKeyring) -> None:
    targets.add(env.sessions, env.op("ann"), _spec(pbx), password=pbx.password)
    keyring.set_keyring(keyring.backends.fail.Keyring())  # another machine: nothing of the target is stored here
    removed = targets.remove(env.sessions, env.op("ann"), "pbx")
    assert not removed.password_removed and env.rows() == []


def test_engine_for_says_what_is_wrong_naming_the_target(env: Env, pbx: Pbx, memory_keyring: MemoryKeyring) -> None:
    target = targets.add(env.sessions, env.op("ann"), _spec(pbx), password=pbx.password).target
    where = f"MySQL root@127.0.0.1:{pbx.server.port}/{pbx.database}"

    memory_keyring.entries[ENTRY] = "changed-on-the-server"
    with pytest.raises(DatabaseUnavailable) as wrong:
        targets.engine_for(target)
    assert wrong.value.message == f"Retention target 'pbx': {where}: the server refused the password for user 'root'."
    assert wrong.value.hint is not None and "keyring entry of retention target 'pbx'" in wrong.value.hint
    assert "changed-on-the-server" not in str(wrong.value)

    del memory_keyring.entries[ENTRY]
    with pytest.raises(DatabaseUnavailable) as missing:
        targets.check(target)
    assert missing.value.message == f"Retention target 'pbx': {where}: the server wants a password for user 'root' and none was given."
    assert missing.value.hint is not None and "Retention target 'pbx' has no password in this OS account's keyring" in missing.value.hint

    keyring.set_keyring(LockedKeyring())
    with pytest.raises(KeyringUnavailable, match="^Retention target 'pbx': The OS keyring is locked"):
        targets.engine_for(target)


def test_an_unreachable_server_is_a_sentence(env: Env, memory_keyring: MemoryKeyring) -> None:
    from tests.support.mariadbserver import _free_port

    port = _free_port()
    spec = targets.validate("gone", f"mysql://root@127.0.0.1:{port}/cdr", "cdr", "calldate")
    with pytest.raises(DatabaseUnavailable) as caught:
        targets.add(env.sessions, env.op("ann"), spec, password="pw")
    assert caught.value.message == f"Retention target 'gone': MySQL root@127.0.0.1:{port}/cdr: cannot reach the database server."
    assert env.rows() == [] and memory_keyring.entries == {}


# --------------------------------------------------------------------------- partitions in MariaDB


def test_range_partitions_by_to_days_are_read_with_their_bounds(mariadb_server: MariaDBServer) -> None:
    database = mariadb_server.create_database()
    months = [dt.date(2026, 9, 1), dt.date(2026, 10, 1), dt.date(2026, 11, 1)]
    with mariadb_server.connect(database) as conn:
        create_cdr_table(conn, partitions_by_month=months)
    engine = db.make_engine(mariadb_server.url(database), backends=db.TARGET_BACKENDS)
    try:
        info = retention.check_target(engine, "cdr", "calldate")
    finally:
        db.dispose(engine)
    utc = dt.UTC
    assert info.partitioned and info.partition_key == "RANGE (calldate)" and info.partition_key_is_column
    assert info.partitions == (
        retention.Partition("p202609", None, dt.datetime(2026, 10, 1, tzinfo=utc)),
        retention.Partition("p202610", dt.datetime(2026, 10, 1, tzinfo=utc), dt.datetime(2026, 11, 1, tzinfo=utc)),
        retention.Partition("p202611", dt.datetime(2026, 11, 1, tzinfo=utc), dt.datetime(2026, 12, 1, tzinfo=utc)),
        retention.Partition("pmax", dt.datetime(2026, 12, 1, tzinfo=utc), None),
    )
    cutoff = dt.datetime(2026, 11, 15, tzinfo=utc)
    assert [p.name for p in info.partitions if p.entirely_before(cutoff)] == ["p202609", "p202610"]


def test_range_columns_partitions_and_other_methods(mariadb_server: MariaDBServer) -> None:
    database = mariadb_server.create_database()
    with mariadb_server.connect(database) as conn, conn.cursor() as cur:
        cur.execute(
            "CREATE TABLE cdr_cols (calldate DATETIME NOT NULL, accountcode VARCHAR(80)) "
            "PARTITION BY RANGE COLUMNS(calldate) (PARTITION p1 VALUES LESS THAN ('2026-10-01 00:00:00'), "
            "PARTITION p2 VALUES LESS THAN ('2026-11-01'), PARTITION p3 VALUES LESS THAN (MAXVALUE))"
        )
        cur.execute("CREATE TABLE cdr_hash (calldate DATETIME NOT NULL, id INT NOT NULL) PARTITION BY HASH (id) PARTITIONS 4")
    engine = db.make_engine(mariadb_server.url(database), backends=db.TARGET_BACKENDS)
    try:
        cols = retention.check_target(engine, "cdr_cols", "calldate")
        hashed = retention.check_target(engine, "cdr_hash", "calldate")
    finally:
        db.dispose(engine)
    oct1, nov1 = dt.datetime(2026, 10, 1, tzinfo=dt.UTC), dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    assert cols.partition_key == "RANGE (calldate)"
    assert [(p.name, p.lower, p.upper) for p in cols.partitions] == [("p1", None, oct1), ("p2", oct1, nov1), ("p3", nov1, None)]
    assert hashed.partitioned and hashed.partitions == () and not hashed.partition_key_is_column
    assert any("is partitioned by HASH" in w and "not by calldate" in w for w in hashed.warnings)


# --------------------------------------------------------------------------- a PostgreSQL target


@pytest.mark.postgres
def test_a_fusionpbx_table_in_another_postgresql_database(env: Env, postgres_server: PostgresServer, memory_keyring: MemoryKeyring) -> None:
    database = postgres_server.create_database()
    engine = db.make_engine(postgres_server.url(database))
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE v_xml_cdr (xml_cdr_uuid uuid PRIMARY KEY, start_stamp timestamptz NOT NULL, domain_name text)"))
    finally:
        db.dispose(engine)
    url = postgres_server.url(database, password=False).replace("postgresql+psycopg://", "postgresql://")
    spec = targets.validate(
        "fusion", url, "public.v_xml_cdr", "start_stamp", account_column="domain_name", account_format="tenant{id}.example.com"
    )
    checked = targets.add(env.sessions, env.op("ann"), spec, password=postgres_server.password)
    info = checked.info
    assert (info.dialect, info.schema, info.name, info.aware, info.primary_key) == (
        "postgresql",
        "public",
        "v_xml_cdr",
        True,
        ("xml_cdr_uuid",),
    )
    assert info.create_index_sql == "CREATE INDEX ix_v_xml_cdr_start_stamp ON public.v_xml_cdr (start_stamp);"
    assert checked.target.account_value(7) == "tenant7.example.com" and checked.target.account_id("tenant7.example.com") == 7
    assert memory_keyring.entries == {("minisip-console", "target:fusion"): postgres_server.password}
    assert targets.check(checked.target).info == info
