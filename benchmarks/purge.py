"""Benchmark: the console's CDR purge beside one plain ``DELETE``, and the GUI's longest stall.

The issue: "2,000,000 CDRs, two thirds past the cutoff, on SQLite and on PostgreSQL: the
console's purge beside one plain ``DELETE ... WHERE start < cutoff`` on the same data in the
same run, as a ratio (goal: at most 1.25x), with the longest time the GUI event loop stalled
during a purge run from the tab (goal: under 50 ms); and the partitioned case beside the row
delete."

For each backend a freshly upgraded schema (``db.upgrade``) gets 20 accounts, an admin and an
operator, and N CDRs written directly (sqlite3 ``executemany`` in 100,000-row transactions;
psycopg ``COPY``), ``start`` spread uniformly over the 90 days before ``NOW`` and written in
time order as a PBX writes them (so two thirds are older than the 30-day cutoff); one account
in ten is NULL. That database is built once, then copied for every measurement (SQLite: the
file, checkpointed; PostgreSQL: ``CREATE DATABASE ... TEMPLATE``), so every run starts from
identical data:

- ``plain_delete_s``: one ``DELETE FROM cdrs WHERE start < :cutoff`` in one transaction on the
  raw driver connection (the console's pragmas on SQLite: WAL, synchronous=NORMAL, foreign keys);
- ``console_purge_s``: ``retention.run_purge(sessions, operator, category="cdr", now=NOW)`` (the
  same cutoff), end to end: lock, up-front count, receipt, batches, verification, audit; with
  its breakdown from the progress callbacks (``upfront_s`` until the first report,
  ``batches_s``, ``finish_s`` after the last one) and every batch's rows and seconds;
- ``ratio`` = console / plain; ``same_result``: both left the same number of rows (asserted);
- ``gui``: the purge on a third copy, run from a ``ui.workers.Worker`` on the thread pool while
  the GUI thread's event loop runs a 10 ms precise QTimer (stall = gap between ticks - 10 ms)
  and, every 100 ms, reads what the tab shows (``--reader page``: the newest 500 CDRs, ``SELECT
  ... ORDER BY start DESC LIMIT 500`` on its own connection; ``--reader status``:
  ``retention.status(sessions, "cdr")``, two counts over the table). Progress arrives by signal
  at a ``@Slot`` of a GUI-thread QObject. ``gui_max_stall_ms`` and ``gui_p99_stall_ms``, beside
  ``idle_*``: the same loop and reads for 2 s before the purge starts (the floor of this loop);
  ``stalls_over_50ms`` lists each long gap (seconds into the run, stall ms, ms of it spent in the
  GUI's own read) and ``gc_max_ms`` the longest cyclic-GC pause on the GUI thread, to tell a
  stall the purge causes from one it does not. Each copy is synced to disk (``os.sync``) before
  it is measured, so the copy's own writeback does not land in the timings.
- PostgreSQL only, ``partitioned``: ``cdr_part`` (the same columns, ``start timestamp NOT NULL``,
  ``PARTITION BY RANGE (start)``, one partition per 7 days over the 90 days plus a default
  partition, an index on ``start``) with the same rows; the CDR policy's target set to it
  (``retention.set_policy`` by the admin); ``partition_purge_s`` (``run_purge``: drops the
  partitions entirely past the cutoff, deletes the boundary one by rows) beside
  ``plain_delete_s`` (one ``DELETE FROM cdr_part WHERE start < :cutoff``).

With ``--repeat K`` every run is listed and the summary holds medians.

``--alternatives`` adds, per backend, where the console's time goes: its up-front count, the
per-batch ``min``/``max`` queries (and ``ORDER BY ... LIMIT 1`` instead) and the final ``min``
alone, then whole purges with other batch sizings (``batch_seconds`` 1.5 and 3, 200,000-row
batches, one batch) beside another plain DELETE.

    python benchmarks/purge.py [--rows 2000000] [--backends sqlite,postgresql] [--repeat 1] [--reader page] [--alternatives]

Prints one JSON object on stdout; progress goes to stderr.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import shutil
import sqlite3
import statistics
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

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before Qt is imported

SEED = 1
DAYS_SPAN = 90
KEEP_DAYS = 30
ACCOUNTS = 20
CHUNK = 100_000
TICK_MS = 10
READ_EVERY_S = 0.1
IDLE_S = 2.0
#: the moment of every run: whole seconds, so the purge's cutoff (floored to a second) is this minus 30 days
NOW = dt.datetime.now(dt.UTC).replace(microsecond=0)
CUTOFF = NOW - dt.timedelta(days=KEEP_DAYS)
CDR_COLUMNS = (
    "account_id",
    "start",
    "answer",
    "end",
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
    "linkedid",
    "userfield",
)
DISPOSITIONS = ("ANSWERED", "ANSWERED", "ANSWERED", "NO ANSWER", "BUSY", "FAILED")


def _log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def _cols() -> str:
    return ", ".join(f'"{c}"' for c in CDR_COLUMNS)


def _ts(value: dt.datetime) -> str:
    """Naive UTC as SQLAlchemy writes ``DateTime`` on SQLite (PostgreSQL parses it too)."""
    return value.isoformat(sep=" ", timespec="microseconds")


def _cutoff_text() -> str:
    """The cutoff as ``TargetInfo.bound`` gives it on SQLite (whole seconds)."""
    return CUTOFF.strftime("%Y-%m-%d %H:%M:%S")


def _cdr_rows(count: int):  # type: ignore[no-untyped-def]
    """CDR tuples in ``CDR_COLUMNS`` order, in chunks, ``start`` uniform over the 90 days before NOW, in order."""
    rng = random.Random(SEED)
    begin = (NOW - dt.timedelta(days=DAYS_SPAN)).replace(tzinfo=None)
    span = DAYS_SPAN * 86400.0
    batch: list[tuple[Any, ...]] = []
    for i in range(count):
        start = begin + dt.timedelta(seconds=span * (i + rng.random()) / count)
        ring = rng.randint(0, 20)
        answered = rng.random() < 0.7
        billsec = rng.randint(5, 900) if answered else 0
        answer = start + dt.timedelta(seconds=ring)
        end = answer + dt.timedelta(seconds=billsec)
        acct = None if i % 10 == 0 else 1 + i % ACCOUNTS
        ext = 100 + i % 900
        dst = f"+4420{rng.randint(1000000, 9999999)}"
        uid = f"{1700000000 + i}.{i % 1000}"
        batch.append(
            (
                acct,
                _ts(start),
                _ts(answer) if answered else None,
                _ts(end),
                f'"Ext {ext}" <{ext}>',
                str(ext),
                dst,
                "from-internal",
                f"PJSIP/{ext}-{i:08x}",
                "PJSIP/trunk" if answered else "",
                "Dial",
                f"PJSIP/{dst}@trunk",
                ring + billsec,
                billsec,
                DISPOSITIONS[i % len(DISPOSITIONS)] if answered else "NO ANSWER",
                3,
                f"acc{acct or 0}",
                uid,
                uid,
                "",
            )
        )
        if len(batch) >= CHUNK:
            yield batch
            batch = []
    if batch:
        yield batch


def _fixed_rows() -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    created = _ts((NOW - dt.timedelta(days=400)).replace(tzinfo=None))
    accounts = [(i, f"Customer {i}", f"c{i}@example.com", f"Company {i}", "active", created) for i in range(1, ACCOUNTS + 1)]
    operators = [
        (1, "bench-admin", "Bench Admin", "admin", True, created),
        (2, "bench-operator", "Bench Operator", "operator", True, created),
    ]
    return accounts, operators


def _operators() -> tuple[Any, Any]:
    from minisip_console.core.models import Role
    from minisip_console.core.operators import OperatorInfo

    admin = OperatorInfo(login="bench-admin", display_name="Bench Admin", role=Role.ADMIN, registered=True)
    operator = OperatorInfo(login="bench-operator", display_name="Bench Operator", role=Role.OPERATOR, registered=True)
    return admin, operator


def _upgrade(url: str) -> None:
    from minisip_console.core.plumbing import db

    engine = db.make_engine(url)
    try:
        db.upgrade(engine)
    finally:
        engine.dispose()


# --------------------------------------------------------------------------- building the data


def build_sqlite(path: Path, rows: int) -> None:
    _upgrade(f"sqlite:///{path}")
    accounts, operators = _fixed_rows()
    conn = sqlite3.connect(path)
    try:
        for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON"):
            conn.execute(f"PRAGMA {pragma}")
        with conn:
            conn.executemany("INSERT INTO accounts (id, name, email, company, status, created_at) VALUES (?, ?, ?, ?, ?, ?)", accounts)
            conn.executemany(
                "INSERT INTO operators (id, login, display_name, role, active, created_at) VALUES (?, ?, ?, ?, ?, ?)", operators
            )
        sql = f"INSERT INTO cdrs ({_cols()}) VALUES ({', '.join('?' * len(CDR_COLUMNS))})"
        for batch in _cdr_rows(rows):
            with conn:
                conn.executemany(sql, batch)
        conn.execute("ANALYZE")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def _pg(url: str, **kw: Any) -> Any:
    import psycopg

    return psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"), **kw)


def build_postgres(url: str, rows: int) -> dict[str, Any]:
    _upgrade(url)
    accounts, operators = _fixed_rows()
    with _pg(url) as conn:
        with conn.cursor() as cur:
            cur.executemany("INSERT INTO accounts (id, name, email, company, status, created_at) VALUES (%s, %s, %s, %s, %s, %s)", accounts)
            cur.executemany(
                "INSERT INTO operators (id, login, display_name, role, active, created_at) VALUES (%s, %s, %s, %s, %s, %s)", operators
            )
            with cur.copy(f"COPY cdrs ({_cols()}) FROM STDIN") as copy:
                for batch in _cdr_rows(rows):
                    for row in batch:
                        copy.write_row(row)
        conn.commit()
        # the partitioned twin: same columns, start NOT NULL, one range partition per 7 days + default
        begin = (NOW - dt.timedelta(days=DAYS_SPAN + 1)).replace(tzinfo=None, hour=0, minute=0, second=0)
        end_at = (NOW + dt.timedelta(days=1)).replace(tzinfo=None)
        with conn.cursor() as cur:
            cur.execute(
                'CREATE TABLE cdr_part (id bigint NOT NULL, account_id integer, start timestamp NOT NULL, answer timestamp, "end" timestamp, '
                "clid varchar(80), src varchar(80), dst varchar(80), dcontext varchar(80), channel varchar(80), dstchannel varchar(80), "
                "lastapp varchar(80), lastdata varchar(80), duration integer, billsec integer, disposition varchar(45), amaflags integer, "
                "accountcode varchar(20), uniqueid varchar(150), linkedid varchar(150), userfield varchar(255)) PARTITION BY RANGE (start)"
            )
            lo, n = begin, 0
            while lo < end_at:
                hi = lo + dt.timedelta(days=7)
                cur.execute(f"CREATE TABLE cdr_part_w{n:02d} PARTITION OF cdr_part FOR VALUES FROM ('{lo:%Y-%m-%d}') TO ('{hi:%Y-%m-%d}')")
                lo, n = hi, n + 1
            cur.execute("CREATE TABLE cdr_part_default PARTITION OF cdr_part DEFAULT")
            cur.execute(f"INSERT INTO cdr_part (id, {_cols()}) SELECT id, {_cols()} FROM cdrs")
            cur.execute("CREATE INDEX ix_cdr_part_start ON cdr_part (start)")
        conn.commit()
        conn.autocommit = True
        conn.execute("VACUUM ANALYZE")
        version = conn.execute("SHOW server_version").fetchone()[0]
    return {"partitions": n + 1, "server_version": version}


# --------------------------------------------------------------------------- copies


class SqliteCopies:
    def __init__(self, base: Path) -> None:
        self.base = base
        self.dir = base.parent

    def new(self, label: str) -> str:
        path = self.dir / f"{label}-{uuid.uuid4().hex[:6]}.db"
        shutil.copyfile(self.base, path)
        os.sync()  # the copy's writeback happens now, not during the measurement
        return f"sqlite:///{path}"

    def drop(self, url: str) -> None:
        path = Path(url.removeprefix("sqlite:///"))
        for p in path.parent.glob(path.name + "*"):
            p.unlink(missing_ok=True)


class PgCopies:
    def __init__(self, server: Any, base: str) -> None:
        self.server = server
        self.base = base

    def new(self, label: str) -> str:
        name = f"{label}_{uuid.uuid4().hex[:8]}"
        with _pg(self.server.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{self.base}"')
            conn.execute("CHECKPOINT")
        os.sync()
        return self.server.url(name)

    def drop(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        with _pg(self.server.url(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --------------------------------------------------------------------------- measuring


def _count(url: str, table: str = "cdrs") -> int:
    if url.startswith("sqlite"):
        conn = sqlite3.connect(url.removeprefix("sqlite:///"))
        try:
            return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        finally:
            conn.close()
    with _pg(url) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def plain_delete(url: str, table: str = "cdrs") -> dict[str, Any]:
    """One ``DELETE ... WHERE start < cutoff`` in one transaction on the raw driver connection."""
    if url.startswith("sqlite"):
        conn = sqlite3.connect(url.removeprefix("sqlite:///"), timeout=5)
        try:
            for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON", "busy_timeout=5000"):
                conn.execute(f"PRAGMA {pragma}")
            started = time.perf_counter()
            n = conn.execute(f"DELETE FROM {table} WHERE start < ?", (_cutoff_text(),)).rowcount
            conn.commit()
            seconds = time.perf_counter() - started
        finally:
            conn.close()
    else:
        with _pg(url) as conn:
            conn.execute("SELECT 1")
            conn.commit()
            started = time.perf_counter()
            n = conn.execute(f"DELETE FROM {table} WHERE start < %s", (CUTOFF.replace(tzinfo=None),)).rowcount
            conn.commit()
            seconds = time.perf_counter() - started
    return {"plain_delete_s": round(seconds, 3), "rows_deleted": n, "rows_left": _count(url, table)}


def _sessions(url: str) -> tuple[Any, Any]:
    from sqlalchemy import text

    from minisip_console.core.plumbing import db

    engine = db.make_engine(url)
    with engine.connect() as conn:  # connected and warm, as the console is when the button is pressed
        conn.execute(text("SELECT 1"))
    return engine, db.session_factory(engine)


def _breakdown(started: float, ended: float, events: list[tuple[float, int, int]]) -> dict[str, Any]:
    """From the progress reports (time, deleted, batches): up-front part, batches, finish."""
    if not events:
        return {}
    first = events[0][0]
    last = events[-1][0]
    batches = []
    prev_t, prev_n = first, events[0][1]
    for t, n, _b in events[1:]:
        batches.append((n - prev_n, round(t - prev_t, 3)))
        prev_t, prev_n = t, n
    return {
        "upfront_s": round(first - started, 3),  # lock, interrupted receipts, count + min, receipt insert
        "batches_s": round(last - first, 3),
        "finish_s": round(ended - last, 3),  # verification (min of what is left) + receipt + audit
        "batch_rows_s": batches,
    }


def console_purge(url: str, *, target: str | None = None, **purge_kw: Any) -> dict[str, Any]:
    from minisip_console.core import retention

    admin, operator = _operators()
    engine, sessions = _sessions(url)
    try:
        if target is not None:
            retention.set_policy(sessions, admin, "cdr", days=KEEP_DAYS, target_table=target, timestamp_column="start")
        events: list[tuple[float, int, int]] = []
        uptos: list[dt.datetime | None] = []

        def progress(p: Any) -> None:
            events.append((time.perf_counter(), p.deleted, p.batches))
            uptos.append(p.upto)

        started = time.perf_counter()
        (receipt,) = retention.run_purge(sessions, operator, category="cdr", now=NOW, progress=progress, **purge_kw)
        ended = time.perf_counter()
    finally:
        engine.dispose()
    assert receipt.state == "completed", receipt
    out = {
        "console_purge_s": round(ended - started, 3),
        "rows_deleted": receipt.rows_deleted,
        "rows_estimated": receipt.rows_estimated,
        "batches": receipt.batches,
        "partitions_dropped": len(receipt.partitions),
        "verified": receipt.verified,
        "rows_left": _count(url, target or "cdrs"),
        **_breakdown(started, ended, events),
        "uptos": [u.isoformat() if u else None for u in uptos],
    }
    return out


def _stalls(gaps: list[float]) -> dict[str, Any]:
    stalls = sorted(max(0.0, g * 1000 - TICK_MS) for g in gaps)
    if not stalls:
        return {"ticks": 0}
    p99 = stalls[min(len(stalls) - 1, int(round(0.99 * (len(stalls) - 1))))]
    return {"max_stall_ms": round(stalls[-1], 1), "p99_stall_ms": round(p99, 1), "ticks": len(stalls)}


def gui_purge(url: str, reader_kind: str) -> dict[str, Any]:
    """The purge on a pool thread while the GUI thread ticks every 10 ms and reads every 100 ms."""
    from sqlalchemy import text

    from minisip_console.core import retention

    _admin, operator = _operators()
    engine, sessions = _sessions(url)  # the purge's (what the tab hands the worker)
    gui_engine, gui_sessions = _sessions(url)  # the tab's own reads
    gui_conn = gui_engine.connect()
    page_sql = text("SELECT id, account_id, start, src, dst, duration, billsec, disposition FROM cdrs ORDER BY start DESC LIMIT 500")

    def read() -> None:
        if reader_kind == "status":
            retention.status(gui_sessions, "cdr")
        else:
            rows = gui_conn.execute(page_sql).all()
            gui_conn.rollback()  # no transaction held open between reads (a WAL snapshot would pin)
            assert len(rows) == 500

    def purge(progress: Callable[[int, int, str], None], cancel: Callable[[], bool]) -> Any:
        return retention.run_purge(
            sessions, operator, category="cdr", now=NOW, cancel=cancel, progress=lambda p: progress(p.deleted, p.estimated, "")
        )

    try:
        measured = measure_gui(purge, read)
    finally:
        gui_conn.close()
        gui_engine.dispose()
        engine.dispose()
    (receipt,) = measured.pop("result")
    return {"reader": reader_kind, **measured, "rows_deleted": receipt.rows_deleted, "batches": receipt.batches}


def measure_gui(purge: Callable[[Callable[[int, int, str], None], Callable[[], bool]], Any], read: Callable[[], None]) -> dict[str, Any]:
    """``purge(progress, cancel)`` run by a ``ui.workers.Worker`` on the thread pool while the GUI
    thread's event loop ticks every 10 ms and calls ``read()`` every 100 ms, after the same loop
    alone for 2 s (the floor). The figures, and the purge's return value as ``result``."""
    from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, Slot
    from PySide6.QtWidgets import QApplication

    from minisip_console.ui import workers

    app = QApplication.instance() or QApplication([])

    class Probe(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.gaps: list[float] = []
            self.reads: list[float] = []
            self.read_errors: list[str] = []
            self.long: list[tuple[float, float, float]] = []
            self._pending_read = 0.0
            self._t0 = 0.0
            self.progress_signals = 0
            self.last_progress: tuple[int, int] | None = None
            self.result: Any = None
            self.failure: Any = None
            self.loop = QEventLoop()
            self._last_tick = 0.0
            self._last_read = 0.0
            self.timer = QTimer(self)
            self.timer.setTimerType(Qt.TimerType.PreciseTimer)
            self.timer.setInterval(TICK_MS)
            self.timer.timeout.connect(self.tick)

        def begin(self) -> None:
            self.gaps, self.reads, self.read_errors, self.long = [], [], [], []
            self._pending_read = 0.0
            self._t0 = self._last_tick = self._last_read = time.perf_counter()
            self.timer.start()

        def end(self) -> None:
            self.timer.stop()

        @Slot()
        def tick(self) -> None:
            now = time.perf_counter()
            gap = now - self._last_tick
            self.gaps.append(gap)
            if gap * 1000 - TICK_MS > 50:  # what the GUI thread did in a long gap: its own read, or nothing
                self.long.append((round(now - self._t0, 3), round(gap * 1000 - TICK_MS, 1), round(self._pending_read * 1000, 1)))
            self._pending_read = 0.0
            self._last_tick = now
            if now - self._last_read >= READ_EVERY_S:
                self._last_read = now
                t = time.perf_counter()
                try:
                    read()
                except Exception as exc:  # a failed read is a result ("database is locked")
                    self.read_errors.append(f"{type(exc).__name__}: {exc}"[:200])
                self._pending_read = time.perf_counter() - t
                self.reads.append(self._pending_read)  # the read's time counts in the next gap: the GUI was busy

        @Slot(object)
        def on_progress(self, progress: Any) -> None:  # a workers.Progress
            self.progress_signals += 1
            self.last_progress = (progress.done, progress.total)

        @Slot(object)
        def on_finished(self, result: Any) -> None:
            self.result = result
            self.loop.quit()

        @Slot(object)
        def on_failed(self, failure: Any) -> None:
            self.failure = failure
            self.loop.quit()

        @Slot()
        def stop_idle(self) -> None:
            self.loop.quit()

    probe = Probe()
    import gc
    import threading

    gc_pauses: list[float] = []  # the GUI thread's cyclic-GC pauses (a stall the purge does not cause)
    gc_started: dict[int, float] = {}

    def on_gc(phase: str, _info: dict[str, Any]) -> None:
        if threading.current_thread() is not threading.main_thread():
            return
        if phase == "start":
            gc_started[0] = time.perf_counter()
        elif 0 in gc_started:
            gc_pauses.append(time.perf_counter() - gc_started.pop(0))

    gc.callbacks.append(on_gc)
    try:
        # the floor: the same ticks and reads with no purge running
        probe.begin()
        QTimer.singleShot(int(IDLE_S * 1000), probe.stop_idle)
        probe.loop.exec()
        probe.end()
        idle = {**_stalls(probe.gaps), "read_max_ms": round(max(probe.reads) * 1000, 1) if probe.reads else None, "long": probe.long}

        worker = workers.Worker(purge, name="purge")
        probe.begin()
        started = time.perf_counter()
        workers.start(worker, finished=probe.on_finished, failed=probe.on_failed, progress=probe.on_progress)
        probe.loop.exec()
        seconds = time.perf_counter() - started
        probe.end()
        app.processEvents()
    finally:
        gc.callbacks.remove(on_gc)
    if probe.failure is not None:
        raise RuntimeError(f"the purge failed: {probe.failure.message}\n{probe.failure.traceback}")
    stalls = _stalls(probe.gaps)
    return {
        "gui_purge_s": round(seconds, 3),
        "gui_max_stall_ms": stalls.get("max_stall_ms"),
        "gui_p99_stall_ms": stalls.get("p99_stall_ms"),
        "ticks": stalls.get("ticks"),
        "reads": len(probe.reads),
        "read_max_ms": round(max(probe.reads) * 1000, 1) if probe.reads else None,
        "read_median_ms": round(statistics.median(probe.reads) * 1000, 1) if probe.reads else None,
        "read_errors": len(probe.read_errors),
        "first_read_error": probe.read_errors[0] if probe.read_errors else None,
        "progress_signals": probe.progress_signals,
        "gc_max_ms": round(max(gc_pauses, default=0.0) * 1000, 1),
        "stalls_over_50ms": probe.long,  # (seconds into the purge, stall ms, ms of that gap spent in the GUI's read)
        "idle_max_stall_ms": idle.get("max_stall_ms"),
        "idle_p99_stall_ms": idle.get("p99_stall_ms"),
        "idle_read_max_ms": idle.get("read_max_ms"),
        "idle_stalls_over_50ms": idle.get("long"),
        "result": probe.result,
    }


def _run_once(copies: Any, *, partitioned: bool, reader: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    # plain first, then the console: neither profits alone from a cache the other warmed
    url = copies.new("plain")
    try:
        plain = plain_delete(url)
    finally:
        copies.drop(url)
    url = copies.new("console")
    try:
        console = console_purge(url)
    finally:
        copies.drop(url)
    assert plain["rows_left"] == console["rows_left"], (plain, console)
    assert plain["rows_deleted"] == console["rows_deleted"], (plain, console)
    out.update(
        plain_delete_s=plain["plain_delete_s"],
        console_purge_s=console["console_purge_s"],
        ratio=round(console["console_purge_s"] / plain["plain_delete_s"], 3),
        rows_deleted=console["rows_deleted"],
        rows_left=console["rows_left"],
        same_result=plain["rows_left"] == console["rows_left"],
        batches=console["batches"],
        console=console,
    )
    url = copies.new("gui")
    try:
        out["gui"] = gui_purge(url, reader)
    finally:
        copies.drop(url)
    if partitioned:
        url = copies.new("pplain")
        try:
            pplain = plain_delete(url, "cdr_part")
        finally:
            copies.drop(url)
        url = copies.new("ppurge")
        try:
            ppurge = console_purge(url, target="cdr_part")
        finally:
            copies.drop(url)
        assert pplain["rows_left"] == ppurge["rows_left"], (pplain, ppurge)
        out["partitioned"] = {
            "plain_delete_s": pplain["plain_delete_s"],
            "partition_purge_s": ppurge["console_purge_s"],
            "ratio": round(ppurge["console_purge_s"] / pplain["plain_delete_s"], 3),
            "rows_deleted": ppurge["rows_deleted"],
            "same_result": pplain["rows_left"] == ppurge["rows_left"],
            "partitions_dropped": ppurge["partitions_dropped"],
            "batches": ppurge["batches"],
            "console": ppurge,
        }
    return out


def _query_s(url: str, sql: str, params: tuple[Any, ...]) -> float:
    if url.startswith("sqlite"):
        conn = sqlite3.connect(url.removeprefix("sqlite:///"))
        try:
            t = time.perf_counter()
            conn.execute(sql, params).fetchall()
            return time.perf_counter() - t
        finally:
            conn.close()
    with _pg(url) as conn:
        t = time.perf_counter()
        conn.execute(sql.replace("?", "%s"), params).fetchall()
        return time.perf_counter() - t


def alternatives(copies: Any, sqlite: bool, base_run: dict[str, Any]) -> dict[str, Any]:
    """Where the console's extra time goes: its queries alone, and other batch sizings (on fresh copies)."""

    def bound(value: dt.datetime) -> Any:
        return value.strftime("%Y-%m-%d %H:%M:%S") if sqlite else value.replace(tzinfo=None)

    out: dict[str, Any] = {}
    url = copies.new("alt")
    try:
        out["upfront_count_min_s"] = round(_query_s(url, "SELECT count(*), min(start) FROM cdrs WHERE start < ?", (bound(CUTOFF),)), 3)
        # the per-batch min/max over the ranges the purge used (before any delete: the same rows)
        uptos = [dt.datetime.fromisoformat(u) for u in base_run["console"]["uptos"] if u]
        total_minmax = total_first_last = 0.0
        lo = None
        for hi in uptos:
            if lo is None:
                cond, params = "start < ?", (bound(hi),)
            else:
                cond, params = "start >= ? AND start < ?", (bound(lo), bound(hi))
            total_minmax += _query_s(url, f"SELECT min(start), max(start) FROM cdrs WHERE {cond}", params)
            total_first_last += _query_s(url, f"SELECT start FROM cdrs WHERE {cond} ORDER BY start LIMIT 1", params)
            total_first_last += _query_s(url, f"SELECT start FROM cdrs WHERE {cond} ORDER BY start DESC LIMIT 1", params)
            lo = hi
        out["batch_minmax_queries_s"] = round(total_minmax, 3)
        out["batch_first_last_queries_s"] = round(total_first_last, 3)
        out["verify_min_s"] = round(_query_s(url, "SELECT min(start) FROM cdrs", ()), 3)
    finally:
        copies.drop(url)
    url = copies.new("altplain")
    try:
        out["plain_delete_s"] = plain_delete(url)["plain_delete_s"]
    finally:
        copies.drop(url)
    sizings: dict[str, dict[str, Any]] = {
        "batch_seconds_0.75": {},
        "batch_seconds_1.5": {"batch_seconds": 1.5},
        "batch_seconds_3": {"batch_seconds": 3.0},
        "batch_size_200000": {"batch_size": 200_000},
        "one_batch": {"batch_size": 10_000_000},
    }
    for label, kw in sizings.items():
        url = copies.new("alt")
        try:
            r = console_purge(url, **kw)
        finally:
            copies.drop(url)
        out[label] = {
            "console_purge_s": r["console_purge_s"],
            "ratio": round(r["console_purge_s"] / out["plain_delete_s"], 3),
            "batches": r["batches"],
            "upfront_s": r.get("upfront_s"),
            "batches_s": r.get("batches_s"),
            "finish_s": r.get("finish_s"),
            "longest_batch_s": max((b[1] for b in r.get("batch_rows_s", [])), default=None),
        }
        _log(f"alternative {label}: {out[label]}")
    return out


def _median(runs: list[dict[str, Any]], *path: str) -> float | None:
    values = []
    for run in runs:
        v: Any = run
        for p in path:
            v = v.get(p) if isinstance(v, dict) else None
        if v is not None:
            values.append(v)
    return round(statistics.median(values), 3) if values else None


def _summary(runs: list[dict[str, Any]], partitioned: bool) -> dict[str, Any]:
    s: dict[str, Any] = {
        "plain_delete_s": _median(runs, "plain_delete_s"),
        "console_purge_s": _median(runs, "console_purge_s"),
        "ratio": _median(runs, "ratio"),
        "rows_deleted": runs[0]["rows_deleted"],
        "batches": runs[0]["batches"],
        "same_result": all(r["same_result"] for r in runs),
        "gui_max_stall_ms": _median(runs, "gui", "gui_max_stall_ms"),
        "gui_p99_stall_ms": _median(runs, "gui", "gui_p99_stall_ms"),
        "gui_max_stall_ms_worst": max(r["gui"]["gui_max_stall_ms"] for r in runs),
        "gui_read_errors": sum(r["gui"]["read_errors"] for r in runs),
    }
    if partitioned:
        s["partitioned"] = {
            "plain_delete_s": _median(runs, "partitioned", "plain_delete_s"),
            "partition_purge_s": _median(runs, "partitioned", "partition_purge_s"),
            "ratio": _median(runs, "partitioned", "ratio"),
            "partitions_dropped": runs[0]["partitioned"]["partitions_dropped"],
            "same_result": all(r["partitioned"]["same_result"] for r in runs),
        }
    return s


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2_000_000)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--reader", choices=("page", "status"), default="page")
    parser.add_argument("--alternatives", action="store_true", help="also time the purge's queries alone and other batch sizings")
    args = parser.parse_args()

    import PySide6

    from tests.support.pgserver import PostgresServer, find_pg_bin

    out: dict[str, Any] = {
        "benchmark": "purge",
        "rows": args.rows,
        "days_spanned": DAYS_SPAN,
        "keep_days": KEEP_DAYS,
        "now": NOW.isoformat(),
        "cutoff": CUTOFF.isoformat(),
        "repeat": args.repeat,
        "goals": {"ratio_max": 1.25, "gui_max_stall_ms": 50},
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version,
            "pyside6": PySide6.__version__,
            "postgres": None,
        },
        "backends": {},
    }
    with tempfile.TemporaryDirectory(prefix="minisip-purge-bench-") as tmp:
        os.environ["MINISIP_CONSOLE_CONFIG_DIR"] = str(Path(tmp) / "config")
        os.environ["MINISIP_CONSOLE_DATA_DIR"] = str(Path(tmp) / "data")
        for name in [b.strip() for b in args.backends.split(",") if b.strip()]:
            server = None
            try:
                started = time.perf_counter()
                if name == "sqlite":
                    base = Path(tmp) / "base.db"
                    _log(f"sqlite: building {args.rows:,} CDRs")
                    build_sqlite(base, args.rows)
                    copies: Any = SqliteCopies(base)
                    info: dict[str, Any] = {"file_mb": round(base.stat().st_size / 2**20, 1)}
                    partitioned = False
                elif name == "postgresql":
                    bin_dir = find_pg_bin()
                    if bin_dir is None:
                        out["backends"][name] = {"skipped": "no PostgreSQL binaries"}
                        continue
                    server = PostgresServer(bin_dir)
                    server.start()
                    base_db = server.create_database()
                    _log(f"postgresql: building {args.rows:,} CDRs (+ cdr_part)")
                    info = build_postgres(server.url(base_db), args.rows)
                    out["machine"]["postgres"] = info.pop("server_version")
                    copies = PgCopies(server, base_db)
                    partitioned = True
                else:
                    raise SystemExit(f"unknown backend {name!r}")
                info["build_s"] = round(time.perf_counter() - started, 1)
                info["rows_total"] = _count(f"sqlite:///{base}" if name == "sqlite" else server.url(base_db))
                runs = []
                for k in range(args.repeat):
                    _log(f"{name}: run {k + 1}/{args.repeat}")
                    run = _run_once(copies, partitioned=partitioned, reader=args.reader)
                    _log(
                        f"{name}: plain {run['plain_delete_s']} s, console {run['console_purge_s']} s (x{run['ratio']}), "
                        f"gui max stall {run['gui']['gui_max_stall_ms']} ms"
                        + (
                            f", partitioned {run['partitioned']['partition_purge_s']} s vs {run['partitioned']['plain_delete_s']} s"
                            if partitioned
                            else ""
                        )
                    )
                    runs.append(run)
                out["backends"][name] = {**info, **_summary(runs, partitioned), "runs": runs}
                if args.alternatives:
                    out["backends"][name]["alternatives"] = alternatives(copies, name == "sqlite", runs[-1])
            finally:
                if server is not None:
                    server.stop()
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
