"""Benchmark: the console's purge of a saved MariaDB retention target beside one plain ``DELETE``, and the GUI's longest stall.

The issue: "Benchmark: 2M CDRs on MariaDB, console purge vs one plain ``DELETE ... WHERE calldate <
cutoff`` (goal ≤ 1.25x, verification included, reported both with and without the verification),
and the GUI stall during it (< 50 ms)."

The server is a throwaway ``mariadbd`` (``tests/support/mariadbserver.py``) switched to production
durability (``innodb_flush_log_at_trx_commit=1``: every commit reaches the disk, which is what a
batched purge pays for and one big DELETE does not) with a ``--buffer-pool`` MB buffer pool. Its
``base`` database gets Asterisk's ``cdr`` table as ``cdr_mysql`` writes it (``tests/support/asterisk.py``:
no key), N rows with ``calldate`` spread evenly over the 90 days before ``NOW`` in time order and
``accountcode`` ``acct1`` .. ``acct20``, then the index on ``calldate`` the console suggests for it
(``retention target check`` says so before any purge). Every measurement gets its own copy
(``CREATE TABLE ... LIKE`` + ``INSERT ... SELECT`` in a new database), then InnoDB's dirty pages
are flushed and the OS synced, so every run starts from the same data and a quiet disk.

The console's own database is a SQLite file (the embedded default) with an admin and an
operator; each copy is a saved retention target (``targets.add``, its password in the OS
keyring): run it inside a throwaway keyring session,

    bash scripts/session.sh .venv/bin/python benchmarks/purge_mariadb.py [--rows 2000000] [--repeat 1] [--buffer-pool 1024]

- ``plain_delete_s``: one ``DELETE FROM cdr WHERE calldate < :cutoff`` and its ``COMMIT`` on a
  PyMySQL connection;
- ``console_purge_s``: ``retention.run_purge(sessions, operator, target=NAME, now=NOW)``, end to end:
  the keyring, the connection, reflection, both locks (the console's and ``GET_LOCK`` on MariaDB),
  the receipt, the batches, the verification, the audit event; ``verify_s`` is the time spent in
  its verification (``retention._check``, timed around the call), and
  ``console_without_verification_s`` the rest; ``ratio`` and ``ratio_without_verification``
  against the plain DELETE; ``same_result``: both left the same rows (asserted);
- ``raw_batches_s``: the floor of batching by index ranges, without the console: 100,000-row
  ranges of ``calldate`` deleted and committed one by one on a PyMySQL connection;
  ``raw_batches_ratio`` against the plain DELETE, ``console_vs_raw_batches`` the console against it;
- both with the PBX writing meanwhile (a new CDR every 20 ms on its own connection):
  ``pbx.write_max_ms``, the longest an INSERT waited. The plain DELETE is fast because InnoDB
  reads the whole table for it (two thirds match), and under REPEATABLE READ that scan locks
  every row and gap it passes: the PBX's INSERTs wait for the whole DELETE. The console's
  batches lock index ranges of old rows only;
- ``until_purged_s``: from the start until InnoDB's background purge has removed the rows the
  delete marked (``INNODB_METRICS`` ``purge_del_mark_records``): a plain DELETE leaves that work
  for after its COMMIT, a batched purge pays much of it while it runs; ``ratio_until_purged``
  compares the two totals;
- ``gui``: the purge on a third copy run from a ``ui.workers.Worker`` while the GUI thread ticks
  every 10 ms and reads what the tab shows every 100 ms (the newest 500 rows of the target on its
  own connection): ``gui_max_stall_ms`` beside ``idle_max_stall_ms`` (``benchmarks/purge.py``'s
  ``measure_gui``).

With ``--repeat K`` every run is listed and the summary holds medians. One JSON object on stdout;
progress on stderr.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.purge import (  # noqa: E402 - after the path is set; also sets QT_QPA_PLATFORM before Qt
    ACCOUNTS,
    CUTOFF,
    DAYS_SPAN,
    KEEP_DAYS,
    NOW,
    _breakdown,
    _log,
    _median,
    _operators,
    build_sqlite,
    measure_gui,
)

INDEX = "cdr_calldate"
#: the PBX's writes meanwhile: one new CDR every 20 ms (50 calls a second end)
WRITE_EVERY_S = 0.02
#: the rows per range of the raw batches (the floor of batching by index ranges, without the console)
RAW_BATCH_ROWS = 100_000
#: how long to wait for InnoDB's background purge to remove what a delete marked
PURGE_WAIT_S = 300


class Maria:
    """The throwaway server, its base table and its copies."""

    def __init__(self, buffer_pool_mb: int) -> None:
        from tests.support.mariadbserver import MariaDBServer, find_mariadb

        found = find_mariadb()
        if found is None:
            raise SystemExit("no MariaDB server here (apt-get install mariadb-server)")
        self.server = MariaDBServer(*found)
        self.server.start()
        with self.server.connect() as conn, conn.cursor() as cur:
            cur.execute("SET GLOBAL innodb_flush_log_at_trx_commit = 1")
            cur.execute("SET GLOBAL innodb_monitor_enable = 'purge_del_mark_records'")
            cur.execute("SET GLOBAL innodb_buffer_pool_size = %s", (buffer_pool_mb * 2**20,))
            cur.execute("SELECT VERSION(), @@innodb_buffer_pool_size, @@innodb_flush_log_at_trx_commit")
            version, pool, flush = cur.fetchone()
        self.info = {"version": version, "buffer_pool_mb": int(pool) // 2**20, "flush_log_at_trx_commit": int(flush)}
        self.base = self.server.create_database()

    def build(self, rows: int) -> None:
        from tests.support import asterisk

        with self.server.connect(self.base) as conn:
            asterisk.create_cdr_table(conn)
            start = (NOW - dt.timedelta(days=DAYS_SPAN)).replace(tzinfo=None)
            made = asterisk.insert_cdrs(
                conn,
                asterisk.cdr_rows(rows, start=start, end=NOW.replace(tzinfo=None), accounts=range(1, ACCOUNTS + 1)),
                chunk=10_000,
            )
            assert made == rows, made
            with conn.cursor() as cur:
                cur.execute(f"CREATE INDEX `{INDEX}` ON cdr (calldate)")
                cur.execute("ANALYZE TABLE cdr")
                cur.fetchall()

    def new(self, label: str) -> str:
        """A copy of the base table in a new database; its name."""
        name = f"{label}_{uuid.uuid4().hex[:8]}"
        with self.server.connect() as conn, conn.cursor() as cur:
            cur.execute(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4")
            cur.execute(f"CREATE TABLE `{name}`.cdr LIKE `{self.base}`.cdr")
            cur.execute(f"INSERT INTO `{name}`.cdr SELECT * FROM `{self.base}`.cdr")
            cur.execute(f"ANALYZE TABLE `{name}`.cdr")
            cur.fetchall()
        self.settle()
        return name

    def settle(self) -> None:
        """Flush InnoDB's dirty pages and sync the disk: the copy's writeback is not measured."""
        with self.server.connect() as conn, conn.cursor() as cur:
            cur.execute("SELECT @@innodb_max_dirty_pages_pct")
            (pct,) = cur.fetchone()
            cur.execute("SET GLOBAL innodb_max_dirty_pages_pct = 0")
            try:
                deadline = time.monotonic() + 300
                while time.monotonic() < deadline:
                    cur.execute("SHOW GLOBAL STATUS LIKE 'Innodb_buffer_pool_pages_dirty'")
                    if int(cur.fetchone()[1]) == 0:
                        break
                    time.sleep(0.2)
            finally:
                cur.execute("SET GLOBAL innodb_max_dirty_pages_pct = %s", (pct,))
        os.sync()

    def purged_rows(self) -> int:
        """Delete-marked rows InnoDB's background purge has removed so far (a server-wide counter)."""
        with self.server.connect() as conn, conn.cursor() as cur:
            cur.execute("SELECT `COUNT` FROM information_schema.INNODB_METRICS WHERE NAME = 'purge_del_mark_records'")
            return int(cur.fetchone()[0])

    def purged_after(self, started: float, before: int, rows: int) -> float | None:
        """Seconds from ``started`` until InnoDB's background purge has removed the ``rows`` a delete
        marked (counted from ``before``): the work a DELETE leaves behind its COMMIT. None: not
        within ``PURGE_WAIT_S``."""
        deadline = time.monotonic() + PURGE_WAIT_S
        while self.purged_rows() - before < rows:
            if time.monotonic() > deadline:
                return None
            time.sleep(0.05)
        return time.perf_counter() - started

    def drop(self, name: str) -> None:
        with self.server.connect() as conn, conn.cursor() as cur:
            cur.execute(f"DROP DATABASE IF EXISTS `{name}`")

    def count(self, name: str) -> int:
        with self.server.connect(name) as conn, conn.cursor() as cur:
            cur.execute("SELECT COUNT(*) FROM cdr")
            return int(cur.fetchone()[0])

    def stop(self) -> None:
        self.server.stop()


class Writer:
    """The PBX meanwhile: a new CDR (``calldate`` now) INSERTed every ``WRITE_EVERY_S`` on its own
    connection (autocommit, as ``cdr_mysql`` writes), each INSERT's latency recorded: how long a
    purge makes the service's own writes wait for its locks."""

    def __init__(self, maria: Maria, name: str) -> None:
        import threading

        self.conn = maria.server.connect(name)
        self.latencies: list[float] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, name="pbx-writer", daemon=True)

    def __enter__(self) -> Writer:
        self.thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop.set()
        self.thread.join()
        self.conn.close()

    def _run(self) -> None:
        from tests.support import asterisk

        columns = ", ".join(f"`{c}`" for c in asterisk.COLUMNS)
        sql = f"INSERT INTO cdr ({columns}) VALUES ({', '.join(['%s'] * len(asterisk.COLUMNS))})"
        seq = 0
        with self.conn.cursor() as cur:
            while not self.stop.wait(WRITE_EVERY_S):
                now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
                (row,) = asterisk.cdr_rows(1, start=now, end=now, accounts=(1,), seed=seq)
                t = time.perf_counter()
                cur.execute(sql, row)
                self.latencies.append(time.perf_counter() - t)
                seq += 1

    def figures(self) -> dict[str, Any]:
        ms = sorted(x * 1000 for x in self.latencies)
        if not ms:
            return {"writes": 0}
        return {
            "writes": len(ms),
            "write_max_ms": round(ms[-1], 1),
            "write_p99_ms": round(ms[min(len(ms) - 1, int(round(0.99 * (len(ms) - 1))))], 1),
        }


def plain_delete(maria: Maria, name: str) -> dict[str, Any]:
    """One DELETE and its COMMIT on a PyMySQL connection (autocommit off), the PBX writing meanwhile."""
    conn = maria.server.connect(name)
    try:
        conn.autocommit(False)
        with conn.cursor() as cur, Writer(maria, name) as writer:
            cur.execute("SELECT 1")
            conn.commit()
            before = maria.purged_rows()
            started = time.perf_counter()
            n = cur.execute("DELETE FROM cdr WHERE calldate < %s", (CUTOFF.replace(tzinfo=None),))
            conn.commit()
            seconds = time.perf_counter() - started
        purged = maria.purged_after(started, before, n)
    finally:
        conn.close()
    return {
        "plain_delete_s": round(seconds, 3),
        "until_purged_s": None if purged is None else round(purged, 3),
        "rows_deleted": n,
        "rows_left": maria.count(name) - len(writer.latencies),
        "pbx": writer.figures(),
    }


def raw_batches(maria: Maria, name: str) -> dict[str, Any]:
    """The floor of batching by index ranges, without the console: ``RAW_BATCH_ROWS``-row ranges of
    ``calldate`` from the oldest row to the cutoff (sized from a count made before the clock
    starts), each ``DELETE ... WHERE calldate >= lo AND calldate < hi`` and its COMMIT."""
    cutoff = CUTOFF.replace(tzinfo=None)
    conn = maria.server.connect(name)
    try:
        conn.autocommit(False)
        with conn.cursor() as cur:
            cur.execute("SELECT MIN(calldate), COUNT(*) FROM cdr WHERE calldate < %s", (cutoff,))
            lo, past = cur.fetchone()
            conn.commit()
            batches = max(1, -(-int(past) // RAW_BATCH_ROWS))
            step = (cutoff - lo) / batches
            deleted = 0
            started = time.perf_counter()
            for k in range(batches):
                hi = cutoff if k == batches - 1 else lo + step
                deleted += cur.execute("DELETE FROM cdr WHERE calldate >= %s AND calldate < %s", (lo, hi))
                conn.commit()
                lo = hi
            seconds = time.perf_counter() - started
    finally:
        conn.close()
    return {"raw_batches_s": round(seconds, 3), "batches": batches, "rows_deleted": deleted, "rows_left": maria.count(name)}


class Console:
    """The console's own database (SQLite) and a saved target per copy."""

    def __init__(self, tmp: Path, maria: Maria) -> None:
        from minisip_console.core.plumbing import db

        path = Path(tmp) / "console.db"
        build_sqlite(path, 0)  # the schema, the accounts, an admin and an operator; no CDRs of its own
        self.engine = db.make_engine(f"sqlite:///{path}")
        self.sessions = db.session_factory(self.engine)
        self.maria = maria

    def target(self, name: str) -> str:
        """``name``'s copy saved as a retention target (checked by reflection, its password in the keyring)."""
        from minisip_console.core import targets

        admin, _operator = _operators()
        spec = targets.validate(
            name=f"bench-{name}",
            url=self.maria.server.url(name, password=False, driver="mariadb"),
            table="cdr",
            column="calldate",
            account_column="accountcode",
            account_format="acct{id}",
        )
        check = targets.add(self.sessions, admin, spec, password=self.maria.server.password, now=NOW)
        assert not check.warnings, check.warnings  # the suggested index is there: nothing to warn about
        return spec.name

    def close(self) -> None:
        self.engine.dispose()


def console_purge(console: Console, maria: Maria, name: str) -> dict[str, Any]:
    from minisip_console.core import retention

    _admin, operator = _operators()
    target = console.target(name)
    verifying: list[float] = []
    check = retention._check

    def timed_check(*args: Any, **kw: Any) -> Any:
        t = time.perf_counter()
        try:
            return check(*args, **kw)
        finally:
            verifying.append(time.perf_counter() - t)

    events: list[tuple[float, int, int]] = []

    def progress(p: Any) -> None:
        events.append((time.perf_counter(), p.deleted, p.batches))

    retention._check = timed_check  # type: ignore[assignment] - timed, not replaced: the same function runs
    try:
        before = maria.purged_rows()
        with Writer(maria, name) as writer:
            started = time.perf_counter()
            (receipt,) = retention.run_purge(console.sessions, operator, target=target, now=NOW, progress=progress)
            ended = time.perf_counter()
        purged = maria.purged_after(started, before, receipt.rows_deleted)
    finally:
        retention._check = check  # type: ignore[assignment]
    assert receipt.state == "completed" and receipt.verified, receipt
    assert len(verifying) == 1, verifying
    total = ended - started
    return {
        "console_purge_s": round(total, 3),
        "verify_s": round(verifying[0], 3),
        "console_without_verification_s": round(total - verifying[0], 3),
        "until_purged_s": None if purged is None else round(purged, 3),
        "rows_deleted": receipt.rows_deleted,
        "batches": receipt.batches,
        "verified": receipt.verified,
        "target_name": receipt.target_name,
        "rows_left": maria.count(name) - len(writer.latencies),
        "pbx": writer.figures(),
        **_breakdown(started, ended, events),
    }


def gui_purge(console: Console, maria: Maria, name: str) -> dict[str, Any]:
    """The purge from a worker while the GUI thread reads the target's newest 500 rows every 100 ms."""
    from minisip_console.core import retention

    _admin, operator = _operators()
    target = console.target(name)
    reader = maria.server.connect(name)

    def read() -> None:
        with reader.cursor() as cur:
            cur.execute("SELECT calldate, src, dst, duration, billsec, disposition, accountcode FROM cdr ORDER BY calldate DESC LIMIT 500")
            assert len(cur.fetchall()) == 500

    def purge(progress: Callable[[int, int, str], None], cancel: Callable[[], bool]) -> Any:
        return retention.run_purge(
            console.sessions, operator, target=target, now=NOW, cancel=cancel, progress=lambda p: progress(p.deleted, p.estimated, "")
        )

    try:
        measured = measure_gui(purge, read)
    finally:
        reader.close()
    (receipt,) = measured.pop("result")
    assert receipt.state == "completed" and receipt.verified, receipt
    return {"reader": "page", **measured, "rows_deleted": receipt.rows_deleted, "batches": receipt.batches}


def run_once(console: Console, maria: Maria) -> dict[str, Any]:
    # plain first, then the console: neither profits alone from a cache the other warmed
    name = maria.new("plain")
    try:
        plain = plain_delete(maria, name)
    finally:
        maria.drop(name)
    name = maria.new("raw")
    try:
        raw = raw_batches(maria, name)
    finally:
        maria.drop(name)
    name = maria.new("console")
    try:
        purged = console_purge(console, maria, name)
    finally:
        maria.drop(name)
    assert plain["rows_left"] == purged["rows_left"] and plain["rows_deleted"] == purged["rows_deleted"], (plain, purged)
    assert raw["rows_deleted"] == plain["rows_deleted"], (raw, plain)
    name = maria.new("gui")
    try:
        gui = gui_purge(console, maria, name)
    finally:
        maria.drop(name)
    return {
        "plain_delete_s": plain["plain_delete_s"],
        "console_purge_s": purged["console_purge_s"],
        "console_without_verification_s": purged["console_without_verification_s"],
        "verify_s": purged["verify_s"],
        "ratio": round(purged["console_purge_s"] / plain["plain_delete_s"], 3),
        "ratio_without_verification": round(purged["console_without_verification_s"] / plain["plain_delete_s"], 3),
        "raw_batches_s": raw["raw_batches_s"],
        "raw_batches_ratio": round(raw["raw_batches_s"] / plain["plain_delete_s"], 3),
        "console_vs_raw_batches": round(purged["console_purge_s"] / raw["raw_batches_s"], 3),
        "plain_until_purged_s": plain["until_purged_s"],
        "console_until_purged_s": purged["until_purged_s"],
        "ratio_until_purged": (
            round(purged["until_purged_s"] / plain["until_purged_s"], 3) if purged["until_purged_s"] and plain["until_purged_s"] else None
        ),
        "plain_pbx_write_max_ms": plain["pbx"].get("write_max_ms"),
        "console_pbx_write_max_ms": purged["pbx"].get("write_max_ms"),
        "rows_deleted": purged["rows_deleted"],
        "rows_left": purged["rows_left"],
        "same_result": plain["rows_left"] == purged["rows_left"],
        "plain": plain,
        "console": purged,
        "gui": gui,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2_000_000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--buffer-pool", type=int, default=1024, help="InnoDB buffer pool, MB")
    args = parser.parse_args()

    import pymysql
    import PySide6

    out: dict[str, Any] = {
        "benchmark": "purge_mariadb",
        "rows": args.rows,
        "days_spanned": DAYS_SPAN,
        "keep_days": KEEP_DAYS,
        "now": NOW.isoformat(),
        "cutoff": CUTOFF.isoformat(),
        "repeat": args.repeat,
        "goals": {"ratio_max": 1.25, "gui_max_stall_ms": 50},
        "machine": {
            "cpus": os.cpu_count(),
            "load_before": os.getloadavg(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "pyside6": PySide6.__version__,
            "pymysql": pymysql.__version__,
        },
    }
    with tempfile.TemporaryDirectory(prefix="minisip-maria-bench-") as tmp:
        os.environ["MINISIP_CONSOLE_CONFIG_DIR"] = str(Path(tmp) / "config")
        os.environ["MINISIP_CONSOLE_DATA_DIR"] = str(Path(tmp) / "data")
        maria = Maria(args.buffer_pool)
        console = None
        try:
            out["machine"]["mariadb"] = maria.info
            started = time.perf_counter()
            _log(f"mariadb: building {args.rows:,} CDRs")
            maria.build(args.rows)
            out["build_s"] = round(time.perf_counter() - started, 1)
            out["rows_total"] = maria.count(maria.base)
            console = Console(Path(tmp), maria)
            runs = []
            for k in range(args.repeat):
                _log(f"mariadb: run {k + 1}/{args.repeat}")
                run = run_once(console, maria)
                _log(
                    f"mariadb: plain {run['plain_delete_s']} s, console {run['console_purge_s']} s (x{run['ratio']}; "
                    f"x{run['ratio_without_verification']} without the {run['verify_s']} s verification), "
                    f"gui max stall {run['gui']['gui_max_stall_ms']} ms"
                )
                runs.append(run)
            out["summary"] = {
                key: _median(runs, key)
                for key in (
                    "plain_delete_s",
                    "console_purge_s",
                    "console_without_verification_s",
                    "verify_s",
                    "ratio",
                    "ratio_without_verification",
                    "raw_batches_s",
                    "raw_batches_ratio",
                    "console_vs_raw_batches",
                    "plain_until_purged_s",
                    "console_until_purged_s",
                    "ratio_until_purged",
                    "plain_pbx_write_max_ms",
                    "console_pbx_write_max_ms",
                )
            } | {
                "rows_deleted": runs[0]["rows_deleted"],
                "rows_left": runs[0]["rows_left"],
                "same_result": all(r["same_result"] for r in runs),
                "gui_max_stall_ms": _median(runs, "gui", "gui_max_stall_ms"),
                "gui_max_stall_ms_worst": max(r["gui"]["gui_max_stall_ms"] for r in runs),
                "idle_max_stall_ms": _median(runs, "gui", "idle_max_stall_ms"),
            }
            out["runs"] = runs
            out["machine"]["load_after"] = os.getloadavg()
        finally:
            if console is not None:
                console.close()
            maria.stop()
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
