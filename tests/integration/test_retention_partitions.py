"""A CDR table partitioned by time on PostgreSQL: whole partitions go, the boundary one by rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, text

from minisip_console.core import retention
from minisip_console.core.models import Operator, Role
from minisip_console.core.operators import identify
from minisip_console.core.plumbing import db

pytestmark = pytest.mark.postgres

NOW = dt.datetime(2026, 11, 29, 12, 0, 0, tzinfo=dt.UTC)
CUTOFF = NOW - dt.timedelta(days=30)
WEEK0 = dt.datetime(2026, 8, 24, tzinfo=dt.UTC)  # a Monday more than 90 days back


@pytest.fixture
def engine(postgres_url: str) -> Iterator[Engine]:
    engine = db.make_engine(postgres_url)
    db.upgrade(engine)
    with db.session_factory(engine).begin() as session:
        session.add_all(
            [Operator(login="ann", display_name="Ann", role=Role.ADMIN), Operator(login="bob", display_name="Bob", role=Role.OPERATOR)]
        )
    with engine.begin() as conn:
        conn.execute(
            text(
                "CREATE TABLE v_xml_cdr (xml_cdr_uuid uuid NOT NULL DEFAULT gen_random_uuid(), caller_id_number text, "
                "destination_number text, start_stamp timestamptz NOT NULL, hangup_cause text) PARTITION BY RANGE (start_stamp)"
            )
        )
        for week in range(15):
            lo, hi = WEEK0 + dt.timedelta(weeks=week), WEEK0 + dt.timedelta(weeks=week + 1)
            conn.execute(
                text(
                    f"CREATE TABLE v_xml_cdr_w{week:02d} PARTITION OF v_xml_cdr FOR VALUES FROM ('{lo.isoformat()}') TO ('{hi.isoformat()}')"
                )
            )
        conn.execute(text("CREATE TABLE v_xml_cdr_default PARTITION OF v_xml_cdr DEFAULT"))
        conn.execute(text("CREATE INDEX ix_v_xml_cdr_start ON v_xml_cdr (start_stamp)"))
        # one call every 3 hours from WEEK0 to now, and two strays in the default partition
        conn.execute(
            text(
                "INSERT INTO v_xml_cdr (caller_id_number, destination_number, start_stamp, hangup_cause) "
                "SELECT '+4420555', '100', g, 'NORMAL_CLEARING' FROM generate_series(CAST(:a AS timestamptz), CAST(:b AS timestamptz), interval '3 hours') g"
            ),
            {"a": WEEK0, "b": NOW},
        )
        conn.execute(
            text(
                "INSERT INTO v_xml_cdr (caller_id_number, destination_number, start_stamp, hangup_cause) VALUES "
                "('1', '2', CAST(:old AS timestamptz), 'X'), ('1', '2', CAST(:future AS timestamptz), 'X')"
            ),
            {"old": WEEK0 - dt.timedelta(days=400), "future": NOW + dt.timedelta(days=400)},
        )
    yield engine
    engine.dispose()


def _counts(engine: Engine) -> tuple[int, int]:
    with engine.connect() as conn:
        before = conn.execute(text("SELECT count(*) FROM v_xml_cdr WHERE start_stamp < :c"), {"c": CUTOFF}).scalar()
        after = conn.execute(text("SELECT count(*) FROM v_xml_cdr WHERE start_stamp >= :c"), {"c": CUTOFF}).scalar()
    return int(before or 0), int(after or 0)


def _tables(engine: Engine) -> set[str]:
    with engine.connect() as conn:
        return set(conn.execute(text("SELECT tablename FROM pg_tables WHERE tablename LIKE 'v_xml_cdr%'")).scalars())


@pytest.mark.parametrize("mode", ["drop", "detach"])
def test_whole_partitions_before_the_cutoff_go_and_the_boundary_is_deleted_by_rows(engine: Engine, mode: str) -> None:
    sessions = db.session_factory(engine)
    with sessions() as session:
        ann, bob = identify(session, "ann"), identify(session, "bob")
    target = retention.check_target(engine, "v_xml_cdr", "start_stamp")
    assert target.partitioned and target.partition_key_is_column and target.indexed and target.aware
    whole = [p.name for p in target.partitions if p.entirely_before(CUTOFF)]
    assert whole == [f"v_xml_cdr_w{w:02d}" for w in range(9)]  # weeks ending by 2026-10-26 < cutoff 2026-10-30
    retention.set_policy(sessions, ann, "cdr", days=30, target_table="v_xml_cdr", timestamp_column="start_stamp", partition_mode=mode)

    old, young = _counts(engine)
    plan = retention.plan(sessions, "cdr", now=NOW)
    assert plan.rows == old and [p.name for p in plan.partitions] == whole

    (receipt,) = retention.run_purge(sessions, bob, batch_size=100, now=NOW)
    assert receipt.ok, receipt.summary
    assert receipt.rows_deleted == old and list(receipt.partitions) == whole
    assert _counts(engine) == (0, young)  # the boundary partition and the default one were deleted by rows
    tables = _tables(engine)
    assert not tables & {f"v_xml_cdr_w{w:02d}" for w in range(9)} if mode == "drop" else set(whole) <= tables
    assert "v_xml_cdr_w09" in tables and "v_xml_cdr_default" in tables
    if mode == "detach":  # detached tables keep their rows outside the CDR table: the receipt names them
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM v_xml_cdr_w00")).scalar() > 0
    again = retention.check_target(engine, "v_xml_cdr", "start_stamp")
    assert not [p for p in again.partitions if p.entirely_before(CUTOFF)]
