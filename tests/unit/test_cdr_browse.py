"""The CDR browser in the core: any CDR table, paged on the server, numbers masked unless granted."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, insert, text

from minisip_console.core.accounts import PageSource
from minisip_console.core.cdr_browse import (
    AgeHistogram,
    CdrRow,
    CdrSource,
    age_histogram,
    mask_clid,
    mask_number,
    open_target,
)
from minisip_console.core.models import AccessGrant, Account, Cdr, Operator
from minisip_console.core.plumbing import db
from minisip_console.core.plumbing.errors import InvalidInput

BASE = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
BROWSER = "browser"
N = 300


# --------------------------------------------------------------------------- masking


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("+442079460056", "•••••56"),
        ("0044 20 7946 0056", "•••••56"),
        ("101", "•••••01"),
        ("12", "•••••"),
        ("s", "•••••"),
        ("", ""),
        (None, ""),
    ],
)
def test_numbers_keep_only_their_last_two_digits(value: str | None, masked: str) -> None:
    assert mask_number(value) == masked


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ('"Ann Smith" <+442079460056>', '"A*** S***" <•••••56>'),
        ("Ann Smith <+442079460056>", '"A*** S***" <•••••56>'),
        ('"" <2001>', '"" <•••••01>'),
        ("+442079460056", "•••••56"),
        ("Ann Smith", "A*** S***"),
        (None, ""),
    ],
)
def test_caller_ids_mask_the_name_and_the_number(value: str | None, masked: str) -> None:
    assert mask_clid(value) == masked


# --------------------------------------------------------------------------- the service's cdrs


def _start(i: int) -> dt.datetime:
    return BASE + dt.timedelta(minutes=(i * 7) % 150)  # every minute twice: ties broken by id


@pytest.fixture
def cdrs(db_engine: Engine) -> Engine:
    with db_engine.begin() as conn:
        conn.execute(
            insert(Account),
            [{"id": a, "name": f"Person{a}", "email": f"p{a}@example.com", "created_at": BASE} for a in (1, 2, 3)],
        )
        conn.execute(
            insert(Cdr),
            [
                {
                    "id": i,
                    "account_id": (i % 3) + 1 if i % 10 else None,
                    "start": _start(i),
                    "clid": f'"Caller{i} Name" <+44207946{i:04d}>',
                    "src": f"+44207946{i:04d}",
                    "dst": f"+33140{i:06d}",
                    "disposition": ("ANSWERED", "NO ANSWER", "BUSY")[i % 3],
                    "duration": i,
                    "billsec": i // 2,
                }
                for i in range(1, N + 1)
            ],
        )
        # the operator browsing holds a grant on each account (on PostgreSQL the database checks it)
        operator_id = conn.execute(
            insert(Operator).values(login=BROWSER, display_name="Browser", role="operator").returning(Operator.id)
        ).scalar_one()
        now = dt.datetime.now(dt.UTC)
        conn.execute(
            insert(AccessGrant),
            [
                {
                    "operator_id": operator_id,
                    "account_id": a,
                    "purpose": "support",
                    "ticket_ref": "SUP-1",
                    "granted_at": now,
                    "expires_at": now + dt.timedelta(hours=1),
                }
                for a in (1, 2, 3)
            ],
        )
    return db_engine


def _source(engine: Engine, table: str = "cdrs", unmasked: frozenset[int] = frozenset({1, 2, 3})) -> CdrSource:
    return CdrSource(engine, open_target(engine, table), unmasked_accounts=unmasked, login=BROWSER)


def test_pages_follow_the_sql_order_both_ways(cdrs: Engine) -> None:
    default: PageSource[CdrRow] = _source(cdrs)
    assert [c.key for c in default.columns] == ["time", "account", "src", "dst", "clid", "disposition", "duration", "billsec"]
    assert default.order == ("time", True)
    assert default.count() == N
    for descending in (True, False):
        source = _source(cdrs).ordered("time", descending)
        direction = "DESC" if descending else "ASC"
        with cdrs.connect() as conn:
            expected = conn.execute(text(f"SELECT id FROM cdrs ORDER BY start {direction}, id {direction}")).scalars().all()
        whole = source.fetch(0, 10_000)
        assert [r.duration for r in whole] == expected  # duration is the id: one row each
        paged = [row for offset in range(0, N, 70) for row in source.fetch(offset, 70)]
        assert paged == list(whole)
        assert source.fetch(N - 5, 70) == whole[N - 5 :]  # a far page: the same slice of the full read
        assert source.fetch(N, 10) == ()
        times = [r.time for r in whole]
        assert times == sorted(times, reverse=descending) and all(t is not None and t.tzinfo is dt.UTC for t in times)
    _check_masking(cdrs)


def test_filters_count_in_sql(cdrs: Engine) -> None:
    since, until = BASE + dt.timedelta(minutes=30), BASE + dt.timedelta(minutes=90)
    source = _source(cdrs).filtered(account_id=1, since=since, until=until, disposition="answered")
    with cdrs.connect() as conn:
        expected = (
            conn.execute(
                text(
                    "SELECT src FROM cdrs WHERE account_id = 1 AND start >= :s AND start < :u AND disposition = 'ANSWERED' "
                    "ORDER BY start DESC, id DESC"
                ),
                {"s": since.replace(tzinfo=None), "u": until.replace(tzinfo=None)},
            )
            .scalars()
            .all()
        )
    assert 0 < source.count() == len(expected)
    rows = source.fetch(0, 1000)
    assert [r.src for r in rows] == expected
    assert all(r.account == 1 and r.disposition == "ANSWERED" and since <= r.time < until for r in rows)  # type: ignore[operator]
    far = source.fetch(len(expected) - 2, 10)
    assert far == rows[-2:]
    # filtered() replaces every filter at once
    assert source.filtered(disposition="BUSY").count() == N // 3
    _check_sql_looking_filters(cdrs)
    _check_invalid_filters(cdrs)


# one database for several checks: setting up a PostgreSQL one is the slow part of these tests


def _check_masking(cdrs: Engine) -> None:
    """Numbers are masked unless the call's account is granted."""
    rows = _source(cdrs, unmasked=frozenset({1})).fetch(0, 1000)
    assert len(rows) == N
    for r in rows:
        if r.account == 1:
            assert not r.masked and r.src.startswith("+44207946") and r.clid.startswith('"Caller')  # type: ignore[union-attr]
        else:  # other accounts, and calls with no account
            assert r.masked and r.src.startswith("•••••") and r.dst.startswith("•••••")  # type: ignore[union-attr]
            assert r.clid.startswith('"C*** N***" <•••••') and "Caller" not in r.clid  # type: ignore[union-attr]
    assert {r.account for r in rows if r.masked} == {2, 3, None}
    assert all(r.masked for r in _source(cdrs, unmasked=frozenset()).fetch(0, 1000))
    assert not any(r.masked for r in _source(cdrs, unmasked=frozenset()).with_unmasked({1, 2, 3}).fetch(0, 1000) if r.account)


def _check_sql_looking_filters(cdrs: Engine) -> None:
    """SQL-looking filter text is matched literally or refused."""
    source = _source(cdrs)
    assert source.filtered(disposition="ANSWERED' OR '1'='1").count() == 0
    assert source.filtered(disposition="ANSW%").count() == 0
    assert source.filtered(disposition="'; DROP TABLE cdrs;--").fetch(0, 10) == ()
    with pytest.raises(InvalidInput, match="at most 45"):
        source.filtered(disposition="ANSWERED" + "'); DELETE FROM cdrs; --" * 3)
    with pytest.raises(InvalidInput, match="NUL"):
        source.filtered(disposition="ANSWERED\x00")
    assert source.count() == N


def _check_invalid_filters(cdrs: Engine) -> None:
    """Filters that cannot apply are refused with a sentence saying why."""
    source = _source(cdrs)
    with pytest.raises(InvalidInput, match="after its end"):
        source.filtered(since=BASE + dt.timedelta(days=1), until=BASE)
    with pytest.raises(InvalidInput, match="is not an account id"):
        source.filtered(account_id=-1)
    with pytest.raises(InvalidInput, match="time zone"):
        source.filtered(since=dt.datetime(2026, 1, 1))  # noqa: DTZ001 - naive on purpose
    with pytest.raises(InvalidInput, match="cannot be sorted by 'src'"):
        source.ordered("src", False)


# --------------------------------------------------------------------------- other CDR tables


def _stamp(when: dt.datetime, dialect: str) -> str:
    return when.strftime("%Y-%m-%d %H:%M:%S") + ("+00:00" if dialect == "postgresql" else "")


@pytest.fixture
def bare_engine(db_url: str) -> Iterator[Engine]:
    """An empty database without the service's schema (a PBX's own database)."""
    engine = db.make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def asterisk(bare_engine: Engine) -> Engine:
    """An Asterisk ``cdr`` table as its sample schema has it: no primary key, no index."""
    db_engine = bare_engine
    dialect = db_engine.dialect.name
    with db_engine.begin() as conn:
        conn.execute(
            text(
                "CREATE TABLE cdr (calldate timestamp NOT NULL, clid varchar(80), src varchar(80), dst varchar(80), "
                "dcontext varchar(80), disposition varchar(45), duration integer, billsec integer, accountcode varchar(20))"
            )
        )
        conn.execute(
            text(
                "INSERT INTO cdr (calldate, clid, src, dst, dcontext, disposition, duration, billsec, accountcode) "
                "VALUES (:t, :clid, :src, :dst, 'default', :disp, :dur, :bill, 'acme')"
            ),
            [
                {
                    "t": _stamp(BASE + dt.timedelta(seconds=(i * 13) % 40), dialect).replace("+00:00", ""),
                    "clid": f'"Ann{i}" <{2000 + i}>',
                    "src": str(2000 + i),
                    "dst": str(3000 + i % 7),  # some rows are identical but for src
                    "disp": ("ANSWERED", "BUSY")[i % 2],
                    "dur": i % 5,
                    "bill": 0,
                }
                for i in range(120)
            ],
        )
    return db_engine


def test_asterisk_table_without_a_primary_key_pages_by_time_alone(asterisk: Engine) -> None:
    target = open_target(asterisk, "cdr")
    assert target.column == "calldate" and target.primary_key == () and not target.indexed
    for descending in (True, False):
        source = CdrSource(asterisk, target, unmasked_accounts=frozenset({1})).ordered("time", descending)
        assert [c.key for c in source.columns] == ["time", "src", "dst", "clid", "disposition", "duration", "billsec"]
        assert source.count() == 120
        whole = source.fetch(0, 1000)
        assert len(whole) == 120
        for size in (7, 25):  # pages that start inside runs of equal timestamps
            assert [row for offset in range(0, 120, size) for row in source.fetch(offset, size)] == list(whole)
        assert source.fetch(117, 10) == whole[117:]
        times = [r.time for r in whole]
        assert times == sorted(times, reverse=descending)  # type: ignore[type-var]
        assert all(r.masked and r.account is None and r.src.startswith("•••••") for r in whole)  # type: ignore[union-attr]
    source = CdrSource(asterisk, target)
    with pytest.raises(InvalidInput, match="no account column"):
        source.filtered(account_id=1)
    with asterisk.connect() as conn:
        expected = conn.execute(
            text("SELECT count(*) FROM cdr WHERE disposition = 'BUSY' AND calldate >= :s"),
            {"s": _stamp(BASE + dt.timedelta(seconds=20), "sqlite")},
        ).scalar()
    assert source.filtered(disposition="BUSY", since=BASE + dt.timedelta(seconds=20)).count() == expected > 0
    _check_asterisk_histogram(asterisk)


@pytest.fixture
def fusionpbx(bare_engine: Engine) -> Engine:
    """A FusionPBX ``v_xml_cdr``: a uuid key, ``timestamptz`` start (some NULL), numeric durations."""
    db_engine = bare_engine
    dialect = db_engine.dialect.name
    uuid_t, ts_t = ("uuid", "timestamp with time zone") if dialect == "postgresql" else ("varchar(36)", "timestamp")
    with db_engine.begin() as conn:
        conn.execute(
            text(
                f"CREATE TABLE v_xml_cdr (xml_cdr_uuid {uuid_t} PRIMARY KEY, domain_name varchar(255), "
                f"caller_id_name varchar(255), caller_id_number varchar(255), destination_number varchar(255), "
                f"start_stamp {ts_t}, duration numeric, billsec numeric, hangup_cause varchar(255))"
            )
        )
        conn.execute(
            text(
                "INSERT INTO v_xml_cdr (xml_cdr_uuid, domain_name, caller_id_name, caller_id_number, destination_number, "
                "start_stamp, duration, billsec, hangup_cause) VALUES (:u, 'pbx.example', :name, :num, :dst, :t, :d, :b, :h)"
            ),
            [
                {
                    "u": f"00000000-0000-4000-8000-{(i * 7919) % 100_000:012d}",
                    "name": f"Bob Jones{i}",
                    "num": f"+1555{i:07d}",
                    "dst": f"+1666{i:07d}",
                    "t": None if i % 20 == 0 else _stamp(BASE + dt.timedelta(minutes=i % 30), dialect),
                    "d": i,
                    "b": i // 2,
                    "h": "NORMAL_CLEARING" if i % 4 else "USER_BUSY",
                }
                for i in range(100)
            ],
        )
    return db_engine


def test_fusionpbx_table_maps_its_columns_and_pages_by_time_and_uuid(fusionpbx: Engine) -> None:
    target = open_target(fusionpbx, "v_xml_cdr")
    assert target.column == "start_stamp"
    for descending in (True, False):
        source = CdrSource(fusionpbx, target).ordered("time", descending)
        assert [c.key for c in source.columns] == ["time", "src", "dst", "clid", "disposition", "duration", "billsec"]
        whole = source.fetch(0, 1000)
        assert len(whole) == source.count() == 100
        assert [row for offset in range(0, 100, 9) for row in source.fetch(offset, 9)] == list(whole)
        assert source.fetch(93, 20) == whole[93:]
        assert sum(r.time is None for r in whole) == 5
        assert all(r.masked and r.clid.startswith("B*** J***") for r in whole)  # type: ignore[union-attr]
        assert {r.disposition for r in whole} == {"NORMAL_CLEARING", "USER_BUSY"}
        assert all(isinstance(r.duration, int) for r in whole)
    assert CdrSource(fusionpbx, target).filtered(disposition="user_busy").count() == 25


# --------------------------------------------------------------------------- age histogram


def test_age_histogram_counts_whole_days_in_sql(db_engine: Engine) -> None:
    now = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)
    ages = {
        "future": now + dt.timedelta(days=2),  # counts as age 0
        "just now": now - dt.timedelta(seconds=1),
        "almost a day": now - dt.timedelta(hours=23, minutes=59, seconds=59),
        "a day": now - dt.timedelta(days=1),
        "two days": now - dt.timedelta(days=2, hours=1),
        "almost 30": now - dt.timedelta(days=29, hours=23),
        "30": now - dt.timedelta(days=30),
        "90": now - dt.timedelta(days=90, hours=12),
        "91": now - dt.timedelta(days=91),
        "a year": now - dt.timedelta(days=365),
    }
    with db_engine.begin() as conn:
        conn.execute(insert(Cdr), [{"start": when, "src": name} for name, when in ages.items()])
    target = open_target(db_engine)
    hist = age_histogram(db_engine, target, now=now, cutoff_days=30)
    assert isinstance(hist, AgeHistogram)
    assert [age for age, _ in hist.buckets] == list(range(91))
    counts = {age: n for age, n in hist.buckets if n}
    assert counts == {0: 3, 1: 1, 2: 1, 29: 1, 30: 1, 90: 1}
    assert hist.older == 2 and hist.total == 10 and hist.past_cutoff == 4
    data = hist.to_dict()
    assert data["max_days"] == 90 and data["past_cutoff"] == 4 and data["buckets"][0] == [0, 3]

    small = age_histogram(db_engine, target, now=now, cutoff_days=2, max_days=2)
    assert small.buckets == ((0, 3), (1, 1), (2, 1)) and small.older == 5 and small.past_cutoff == 6
    assert age_histogram(db_engine, target, now=now, cutoff_days=40).max_days == 120
    with pytest.raises(InvalidInput):
        age_histogram(db_engine, target, now=now, cutoff_days=30, max_days=10)
    with pytest.raises(InvalidInput):
        age_histogram(db_engine, target, now=now.replace(tzinfo=None), cutoff_days=30)


def _check_asterisk_histogram(asterisk: Engine) -> None:
    hist = age_histogram(asterisk, open_target(asterisk, "cdr"), now=BASE + dt.timedelta(days=3, seconds=30), cutoff_days=3)
    # calldates spread over BASE .. BASE+39s: those at or before BASE+30s are three whole days old
    with asterisk.connect() as conn:
        three = conn.execute(
            text("SELECT count(*) FROM cdr WHERE calldate <= :t"), {"t": _stamp(BASE + dt.timedelta(seconds=30), "sqlite")}
        ).scalar()
    assert dict(hist.buckets)[3] == three and dict(hist.buckets)[2] == 120 - three and hist.past_cutoff == three
