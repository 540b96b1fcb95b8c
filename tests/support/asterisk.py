"""Asterisk's CDR table as ``cdr_mysql`` / ``cdr_adaptive_odbc`` write it into MariaDB/MySQL, and rows for it.

The DDL is Asterisk's own MySQL schema (its contrib/ast-db-manage ``cdr`` table): ``calldate`` is a
DATETIME without a time zone, the account is the ``accountcode`` text, and the table has no primary
key and no index: the console must say so, and suggest the index, before it purges by ``calldate``.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tests.support.mariadbserver import MariaDBServer

#: the columns in Asterisk's order
COLUMNS = (
    "calldate",
    "clid",
    "src",
    "dst",
    "dcontext",
    "channel",
    "dstchannel",
    "lastapp",
    "lastdata",
    "duration",
    "billsec",
    "disposition",
    "amaflags",
    "accountcode",
    "uniqueid",
    "userfield",
    "peeraccount",
    "linkedid",
    "sequence",
)

CDR_DDL = """
CREATE TABLE `{table}` (
    `calldate` DATETIME NOT NULL,
    `clid` VARCHAR(80) NOT NULL DEFAULT '',
    `src` VARCHAR(80) NOT NULL DEFAULT '',
    `dst` VARCHAR(80) NOT NULL DEFAULT '',
    `dcontext` VARCHAR(80) NOT NULL DEFAULT '',
    `channel` VARCHAR(80) NOT NULL DEFAULT '',
    `dstchannel` VARCHAR(80) NOT NULL DEFAULT '',
    `lastapp` VARCHAR(80) NOT NULL DEFAULT '',
    `lastdata` VARCHAR(80) NOT NULL DEFAULT '',
    `duration` INTEGER NOT NULL DEFAULT 0,
    `billsec` INTEGER NOT NULL DEFAULT 0,
    `disposition` VARCHAR(45) NOT NULL DEFAULT '',
    `amaflags` INTEGER NOT NULL DEFAULT 0,
    `accountcode` VARCHAR(80) NOT NULL DEFAULT '',
    `uniqueid` VARCHAR(150) NOT NULL DEFAULT '',
    `userfield` VARCHAR(255) NOT NULL DEFAULT '',
    `peeraccount` VARCHAR(80) NOT NULL DEFAULT '',
    `linkedid` VARCHAR(150) NOT NULL DEFAULT '',
    `sequence` INTEGER NOT NULL DEFAULT 0
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
"""

_DISPOSITIONS = ("ANSWERED", "NO ANSWER", "BUSY", "FAILED")


def create_cdr_table(conn: Any, table: str = "cdr", *, partitions_by_month: Sequence[dt.date] = ()) -> None:
    """Asterisk's ``cdr`` table on a PyMySQL connection (autocommit). ``partitions_by_month``: the first
    day of each month to start a partition at, the usual ``PARTITION BY RANGE (TO_DAYS(calldate))``
    with a last ``MAXVALUE`` partition (MySQL needs no key for it: the table has none)."""
    ddl = CDR_DDL.format(table=table)
    if partitions_by_month:
        months = sorted(partitions_by_month)
        parts = [f"PARTITION p{m:%Y%m} VALUES LESS THAN (TO_DAYS('{_next_month(m):%Y-%m-%d}'))" for m in months]
        parts.append("PARTITION pmax VALUES LESS THAN MAXVALUE")
        ddl += " PARTITION BY RANGE (TO_DAYS(`calldate`)) (" + ", ".join(parts) + ")"
    with conn.cursor() as cur:
        cur.execute(ddl)


def _next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def cdr_rows(
    count: int,
    *,
    start: dt.datetime,
    end: dt.datetime,
    accounts: Sequence[int] = (1, 2, 3),
    account_format: str = "acct{id}",
    seed: int = 17,
) -> Iterator[tuple[Any, ...]]:
    """``count`` rows in ``COLUMNS`` order, ``calldate`` spread evenly from ``start`` to ``end``
    (naive, whole seconds, as Asterisk writes them), round-robin over ``accounts``."""
    rng = random.Random(seed)
    span = (end - start).total_seconds()
    for i in range(count):
        when = (start + dt.timedelta(seconds=int(span * i / max(1, count - 1) if count > 1 else 0))).replace(tzinfo=None, microsecond=0)
        account = accounts[i % len(accounts)] if accounts else None
        src, dst = f"1555{rng.randrange(10**6):06d}", f"{rng.randrange(100, 999)}"
        duration = rng.randrange(0, 900)
        uniqueid = f"{int(when.replace(tzinfo=dt.UTC).timestamp())}.{i}"
        yield (
            when,
            f'"Caller {i}" <{src}>',
            src,
            dst,
            "from-internal",
            f"PJSIP/{src}-{i:08x}",
            f"PJSIP/{dst}-{i + 1:08x}",
            "Dial",
            f"PJSIP/{dst},30",
            duration,
            max(0, duration - 5),
            _DISPOSITIONS[i % len(_DISPOSITIONS)],
            3,
            account_format.format(id=account) if account is not None else "",
            uniqueid,
            "",
            "",
            uniqueid,
            i,
        )


def insert_cdrs(conn: Any, rows: Iterator[tuple[Any, ...]] | Sequence[tuple[Any, ...]], table: str = "cdr", *, chunk: int = 5000) -> int:
    """Insert rows (``cdr_rows``) with PyMySQL's multi-row INSERT; returns how many."""
    columns = ", ".join(f"`{c}`" for c in COLUMNS)
    sql = f"INSERT INTO `{table}` ({columns}) VALUES ({', '.join(['%s'] * len(COLUMNS))})"
    done = 0
    batch: list[tuple[Any, ...]] = []
    with conn.cursor() as cur:
        for row in rows:
            batch.append(row)
            if len(batch) >= chunk:
                cur.executemany(sql, batch)
                done += len(batch)
                batch.clear()
        if batch:
            cur.executemany(sql, batch)
            done += len(batch)
    return done


@dataclass
class Pbx:
    """Asterisk's CDR database on a MariaDB server: its URL as a user writes it (no driver, no password)."""

    server: MariaDBServer
    database: str

    @property
    def url(self) -> str:
        return self.server.url(self.database, password=False, driver="mysql")

    @property
    def password(self) -> str:
        return self.server.password

    def execute(self, sql: str) -> None:
        with self.server.connect(self.database) as conn, conn.cursor() as cur:
            cur.execute(sql)


def make_pbx(server: MariaDBServer, rows: int, *, start: dt.datetime, end: dt.datetime) -> Pbx:
    """A new database on ``server`` with Asterisk's ``cdr`` table (no key, no index) holding ``rows`` CDRs."""
    database = server.create_database()
    with server.connect(database) as conn:
        create_cdr_table(conn)
        insert_cdrs(conn, cdr_rows(rows, start=start, end=end))
    return Pbx(server, database)
