"""Benchmark: the customer's export of one account with 100,000 CDRs, beside a plain SELECT.

For each database (SQLite, and PostgreSQL on a throwaway server from ``tests.support.pgserver``,
skipped when no binaries are found), a demo with one account holding every CDR is created
(``create_demo(accounts=1, cdrs=N)``: CDRs go in bulk, ``executemany`` on SQLite and ``COPY``
on PostgreSQL). Then, after one untimed export that warms imports and caches:

- ``export_seconds``: ``export_account`` end to end (every table, the stored files, the ZIP
  written, hashed and renamed, the audit event committed), median of ``--repeat`` runs;
- ``select_seconds``: the floor, ``SELECT`` of the same account's CDRs in the same order with
  ``fetchall()`` through SQLAlchemy Core (the same typed values the export reads), median;
- ``driver_select_seconds``: the same query on the raw driver cursor (no type processing);
- ``ratio`` = export_seconds / select_seconds;
- ``export_peak_mb`` and ``select_peak_mb``: tracemalloc peaks of one more run of each (apart
  from the timed runs, which tracemalloc would slow);
- ``zip_mb`` and ``cdr_csv_mb`` / ``cdr_jsonl_mb``: what was written.

Everything is written under a temporary directory, the console's config and data directories
included. Prints one JSON object.

    python benchmarks/export.py [--cdrs N] [--repeat N] [--skip-postgres]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
SEED = 1
MB = 1024 * 1024


def _median(run: Callable[[], float], repeat: int) -> float:
    return statistics.median(run() for _ in range(repeat))


def _peak(run: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _measure(url: str, work: Path, *, cdrs: int, repeat: int) -> dict[str, Any]:
    from sqlalchemy import select

    from minisip_console.core import demo
    from minisip_console.core.export import export_account
    from minisip_console.core.models import Account, Cdr
    from minisip_console.core.operators import identify
    from minisip_console.core.plumbing import db
    from minisip_console.core.plumbing.filestore import FileStore, default_root

    started = time.perf_counter()
    demo.create_demo(url, accounts=1, cdrs=cdrs, seed=SEED, now=NOW)
    fill_seconds = time.perf_counter() - started

    engine = db.make_engine(url)
    try:
        sessions = db.session_factory(engine)
        store = FileStore(default_root(engine.url))
        with sessions() as session:
            operator = identify(session, "bob")
            account_id = session.scalar(select(Account.id))
        table = Cdr.__table__
        query = select(table).where(table.c.account_id == account_id).order_by(table.c.start, table.c.id)
        out = work / "export.zip"
        receipts = []

        def export() -> float:
            t = time.perf_counter()
            receipts.append(
                export_account(sessions, operator, account_id, purpose="customer_request", ticket="BENCH-1", out_path=out, store=store)
            )
            return time.perf_counter() - t

        def plain_select() -> float:
            t = time.perf_counter()
            with engine.connect() as conn:
                rows = conn.execute(query).fetchall()
            assert len(rows) == cdrs, len(rows)
            return time.perf_counter() - t

        raw_sql = str(query.compile(engine, compile_kwargs={"literal_binds": True}))

        def driver_select() -> float:
            with engine.connect() as conn:
                cursor = conn.connection.driver_connection.cursor()
                t = time.perf_counter()
                cursor.execute(raw_sql)
                rows = cursor.fetchall()
                seconds = time.perf_counter() - t
                cursor.close()
            assert len(rows) == cdrs, len(rows)
            return seconds

        export()  # warm-up: imports, statement caches, the file system
        plain_select()
        export_seconds = _median(export, repeat)
        select_seconds = _median(plain_select, repeat)
        driver_seconds = _median(driver_select, repeat)
        export_peak = _peak(export)
        select_peak = _peak(plain_select)
    finally:
        engine.dispose()
    receipt = receipts[-1]
    sizes = {f.name: f.bytes for f in receipt.files}
    rows = {f.name: f.rows for f in receipt.files}
    assert rows["cdrs.csv"] == rows["cdrs.jsonl"] == cdrs
    return {
        "fill_seconds": round(fill_seconds, 2),
        "export_seconds": round(export_seconds, 3),
        "select_seconds": round(select_seconds, 3),
        "driver_select_seconds": round(driver_seconds, 3),
        "ratio": round(export_seconds / select_seconds, 2),
        "export_peak_mb": round(export_peak / MB, 1),
        "select_peak_mb": round(select_peak / MB, 1),
        "zip_mb": round(receipt.bytes / MB, 1),
        "cdr_csv_mb": round(sizes["cdrs.csv"] / MB, 1),
        "cdr_jsonl_mb": round(sizes["cdrs.jsonl"] / MB, 1),
        "zip_entries": len(receipt.files),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cdrs", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-postgres", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="minisip-bench-export-") as tmp:
        work = Path(tmp)
        os.environ["MINISIP_CONSOLE_CONFIG_DIR"] = str(work / "config")
        os.environ["MINISIP_CONSOLE_OPERATOR"] = "bench"
        result: dict[str, Any] = {
            "benchmark": "export",
            "cdrs": args.cdrs,
            "repeat": args.repeat,
            "python": platform.python_version(),
            "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs",
        }
        sqlite_dir = work / "sqlite"
        sqlite_dir.mkdir()
        result["sqlite"] = _measure(f"sqlite:///{sqlite_dir / 'bench.db'}", sqlite_dir, cdrs=args.cdrs, repeat=args.repeat)

        from tests.support.pgserver import PostgresServer, find_pg_bin

        bin_dir = None if args.skip_postgres else find_pg_bin()
        if bin_dir is None:
            result["postgresql"] = {"skipped": "no PostgreSQL binaries" if not args.skip_postgres else "--skip-postgres"}
        else:
            server = PostgresServer(bin_dir)
            server.start()
            try:
                pg_dir = work / "postgresql"
                pg_dir.mkdir()
                url = server.url(server.create_database())
                result["postgresql"] = _measure(url, pg_dir, cdrs=args.cdrs, repeat=args.repeat)
            finally:
                server.stop()
    print(json.dumps(result, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
