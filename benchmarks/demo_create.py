"""Benchmark: ``create_demo`` with 1,000,000 CDRs on SQLite and PostgreSQL, each beside a floor.

For each database:

- ``create_demo_seconds``: ``create_demo(url, cdrs=N)`` with the default accounts, end to end
  (schema, service and console data, files, CDRs, counts);
- ``fixed_seconds``: the same with ``cdrs=0``; ``cdr_seconds`` is the difference, the cost of
  the CDRs alone (drawing them and writing them in 50,000-row transactions);
- ``floor_seconds``: the plainest way to write the very same CDR rows, drawn beforehand and
  not timed, into a fresh schema holding the same accounts (same table, indexes and foreign
  key): on SQLite one ``sqlite3`` ``executemany`` in one transaction with the console's
  pragmas (WAL, synchronous=NORMAL, foreign_keys=ON); on PostgreSQL one psycopg ``COPY``;
- ``cdr_ratio`` = cdr_seconds / floor_seconds and ``total_ratio`` = create_demo_seconds /
  floor_seconds.

PostgreSQL is a throwaway server started here (``tests.support.pgserver``; skipped when no
binaries are found). Everything is written under a temporary directory, the console's
config and data directories included. One untimed demo warms up imports and caches first.
Prints one JSON object; ``--repeat`` reports medians.

    python benchmarks/demo_create.py [--cdrs N] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
SEED = 1


def _prebuilt_cdrs(url: str, *, cdrs: int) -> list[tuple[Any, ...]]:
    """Fill ``url`` as ``create_demo`` does up to the CDRs; return the CDR rows it would write."""
    from sqlalchemy.orm import Session

    from minisip_console.core import demo
    from minisip_console.core.plumbing import db
    from minisip_console.core.plumbing.filestore import FileStore, default_root

    engine = db.make_engine(url)
    try:
        db.upgrade(engine)
        with Session(engine) as session, session.begin():
            builder = demo._Builder(session, FileStore(default_root(db.parse_url(url))), seed=SEED, now=NOW, report=lambda *_: None)
            builder.build(demo.DEFAULT_ACCOUNTS)
    finally:
        engine.dispose()
    maker = builder.cdr_maker(cdrs)
    rows: list[tuple[Any, ...]] = []
    for first in range(0, cdrs, demo.CDR_CHUNK):
        rows += maker.rows(first, min(demo.CDR_CHUNK, cdrs - first))
    return rows


def _columns() -> str:
    from minisip_console.core.demo import CDR_COLUMNS

    return ", ".join(f'"{c}"' for c in CDR_COLUMNS)


def _sqlite_floor(path: Path, rows: list[tuple[Any, ...]]) -> float:
    sql = f"INSERT INTO cdrs ({_columns()}) VALUES ({', '.join('?' * len(rows[0]))})"
    conn = sqlite3.connect(path)
    try:
        for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON"):
            conn.execute(f"PRAGMA {pragma}")
        started = time.perf_counter()
        conn.executemany(sql, rows)
        conn.commit()
        return time.perf_counter() - started
    finally:
        conn.close()


def _postgres_floor(url: str, rows: list[tuple[Any, ...]]) -> float:
    import psycopg

    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://")) as conn:
        started = time.perf_counter()
        with conn.cursor() as cursor, cursor.copy(f"COPY cdrs ({_columns()}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        conn.commit()
        return time.perf_counter() - started


def _timed(create: Callable[[], object]) -> float:
    started = time.perf_counter()
    create()
    return time.perf_counter() - started


Floor = Callable[[str, list[tuple[Any, ...]]], float]


def _measure(new_url: Callable[[], str], floor: Floor, cdrs: int) -> dict[str, float]:
    from minisip_console.core.demo import create_demo

    total = _timed(lambda: create_demo(new_url(), cdrs=cdrs, seed=SEED, now=NOW))
    fixed = _timed(lambda: create_demo(new_url(), cdrs=0, seed=SEED, now=NOW))
    floor_url = new_url()
    rows = _prebuilt_cdrs(floor_url, cdrs=cdrs)
    floor_seconds = floor(floor_url, rows)
    return {"create_demo_seconds": total, "fixed_seconds": fixed, "floor_seconds": floor_seconds}


def _summarise(runs: list[dict[str, float]], floor: str) -> dict[str, Any]:
    median = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
    cdr_seconds = median["create_demo_seconds"] - median["fixed_seconds"]
    return {
        "create_demo_seconds": round(median["create_demo_seconds"], 2),
        "fixed_seconds": round(median["fixed_seconds"], 2),
        "cdr_seconds": round(cdr_seconds, 2),
        "floor_seconds": round(median["floor_seconds"], 2),
        "cdr_ratio": round(cdr_seconds / median["floor_seconds"], 2),
        "total_ratio": round(median["create_demo_seconds"] / median["floor_seconds"], 2),
        "floor": floor,
        "runs": [{key: round(value, 2) for key, value in run.items()} for run in runs],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cdrs", type=int, default=1_000_000, help="CDRs per demo (default 1,000,000)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per database; medians are reported")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="minisip-bench-") as tmp:
        base = Path(tmp)
        os.environ["MINISIP_CONSOLE_CONFIG_DIR"] = str(base / "config")
        from minisip_console.core.demo import DEFAULT_ACCOUNTS, create_demo
        from tests.support.pgserver import PostgresServer, find_pg_bin

        counter = iter(range(1_000_000))

        def sqlite_url() -> str:
            return f"sqlite:///{base / f'demo-{next(counter)}.db'}"

        def sqlite_floor(url: str, rows: list[tuple[Any, ...]]) -> float:
            return _sqlite_floor(Path(url.removeprefix("sqlite:///")), rows)

        create_demo(sqlite_url(), cdrs=0, seed=SEED, now=NOW)  # warm up: imports, migration scripts, caches
        result: dict[str, Any] = {
            "benchmark": "demo_create",
            "cdrs": args.cdrs,
            "accounts": DEFAULT_ACCOUNTS,
            "repeat": args.repeat,
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "sqlite": sqlite3.sqlite_version},
        }
        runs = [_measure(sqlite_url, sqlite_floor, args.cdrs) for _ in range(args.repeat)]
        result["sqlite"] = _summarise(runs, "sqlite3 executemany of the pre-built tuples, one transaction, same schema and pragmas")

        bin_dir = find_pg_bin()
        if bin_dir is None:
            result["postgresql"] = {"skipped": "no PostgreSQL binaries (initdb, pg_ctl) found"}
        else:
            server = PostgresServer(bin_dir)
            server.start()
            try:
                runs = [_measure(lambda: server.url(server.create_database()), _postgres_floor, args.cdrs) for _ in range(args.repeat)]
                result["postgresql"] = _summarise(runs, "psycopg COPY of the pre-built tuples, one transaction, same schema")
                result["machine"]["postgresql"] = bin_dir.parent.name
            finally:
                server.stop()
    json.dump(result, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
