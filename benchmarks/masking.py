"""Benchmark: a 500-row page masked by the PostgreSQL functions of ``core.masking``, beside a plain one.

A throwaway PostgreSQL server (``tests.support.pgserver``; or ``--url`` for an existing, empty
database) gets two tables of N rows each, filled by ``generate_series`` on the server:
``bench_accounts`` (id, name, email, company, status, created_at; names with accents, Cyrillic
and CJK, emails on public and company domains, a third of the companies NULL) and
``bench_cdrs`` (id, src, dst, clid; caller ids quoted, bare, a bare number or ``anonymous``).
Then, for each table, medians of ``--runs`` rounds, each round reading a page at a different
keyset position (``WHERE id > k ORDER BY id LIMIT 500``, as the console pages) in every way,
interleaved so that a busy machine slows them alike:

- ``plain``: the raw columns (the floor);
- ``masked_sql``: the same columns through ``minisip_mask_*`` (``sql_functions()``, inlined);
- ``masked_sql_not_inlined``: the same bodies with ``SET search_path = pg_catalog`` (a ``SET``
  clause stops PostgreSQL from inlining a SQL function: one function call per value);
- ``masked_python``: the plain page masked in Python by the same rules (what the core does on
  SQLite).

Each gives ``median_ms`` (wall clock, one round trip on the loopback, rows fetched as tuples)
and ``ratio`` to ``plain``; ``masked_sql_us_per_row`` is the masking's own cost. ``inlined``
says whether ``EXPLAIN VERBOSE`` shows the function bodies rather than calls.

    python benchmarks/masking.py [--rows 200000] [--runs 30] [--url postgresql://...]

Prints one JSON object on stdout; progress goes to stderr.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PAGE = 500
Conn = psycopg.Connection[tuple[Any, ...]]

LOAD = """
CREATE TABLE bench_accounts (
    id integer PRIMARY KEY, name text NOT NULL, email text NOT NULL, company text,
    status text NOT NULL, created_at timestamptz NOT NULL
);
INSERT INTO bench_accounts
SELECT i,
       (ARRAY['James', 'Mary', 'Émile', 'Zoë', 'Jürgen', 'Дмитрий', 'Ольга', '山田', 'Ann Marie'])[1 + i % 9] || ' '
           || (ARRAY['Smith', 'García', 'Ångström', 'Иванов', '太郎', 'O''Brien', 'van der Berg'])[1 + i % 7],
       (ARRAY['james', 'mary', 'emile', 'Zoe', 'jurgen', 'dmitry', 'olga', 'yamada', 'ann.marie'])[1 + i % 9]
           || '.' || i || '@' || (ARRAY['gmail.com', 'example.com', 'Outlook.com', 'acme-telecom.co.uk',
                                        'scott-group.example', 'mail.globex.example'])[1 + i % 6],
       CASE WHEN i % 3 > 0 THEN (ARRAY['Acme', 'Globex', 'Initech', 'Umbrella', 'Massive Dynamic'])[1 + i % 5]
                                || ' ' || (ARRAY['Ltd', 'GmbH', 'Inc', '& Sons', 'Telecom'])[1 + i % 7 % 5] END,
       CASE WHEN i % 10 = 0 THEN 'suspended' ELSE 'active' END,
       timestamptz '2023-01-01 00:00:00+00' + i * interval '7 minutes'
FROM generate_series(1, {rows}) AS i;

CREATE TABLE bench_cdrs (id integer PRIMARY KEY, src text, dst text, clid text);
INSERT INTO bench_cdrs
SELECT i, number, '0044 20 7946 ' || right(number, 4),
       CASE i % 10 WHEN 0 THEN number WHEN 1 THEN 'anonymous'
                   WHEN 2 THEN 'Ann Smith <' || number || '>' WHEN 3 THEN 'Ann Smith <' || number || '>'
                   ELSE '"Caller ' || i || '" <' || number || '>' END
FROM generate_series(1, {rows}) AS i,
     LATERAL (SELECT '+44207946' || lpad((i % 10000)::text, 4, '0') AS number) AS n;
"""

#: table -> (the page's columns, with the function each masked column goes through)
TABLES: dict[str, tuple[tuple[str, str | None], ...]] = {
    "bench_accounts": (
        ("id", None),
        ("name", "words"),
        ("email", "email"),
        ("company", "words"),
        ("status", None),
        ("created_at", None),
    ),
    "bench_cdrs": (("id", None), ("src", "number"), ("dst", "number"), ("clid", "clid")),
}


def _page_sql(table: str, schema: str | None) -> str:
    """A page of ``table`` from a keyset position; masked by ``schema``'s functions unless None."""
    cols = ", ".join(c if f is None or schema is None else f"{schema}.minisip_mask_{f}({c}) AS {c}" for c, f in TABLES[table])
    return f"SELECT {cols} FROM {table} WHERE id > %s ORDER BY id LIMIT {PAGE}"


def _not_inlined(statement: str) -> str:
    """The same function in schema ``not_inlined``, with a ``SET search_path`` clause."""
    statement = statement.replace("CREATE OR REPLACE FUNCTION ", "CREATE OR REPLACE FUNCTION not_inlined.", 1)
    return statement.replace("\nAS $minisip_mask$", "\nSET search_path = pg_catalog\nAS $minisip_mask$", 1)


def _reader(conn: Conn, query: str) -> Callable[[int], list[tuple[Any, ...]]]:
    return lambda start: conn.execute(query, (start,)).fetchall()


def _python_masked(conn: Conn, query: str, masks: dict[int, Callable[[str | None], str]]) -> Callable[[int], list[tuple[Any, ...]]]:
    """A plain page, then masked in Python (column index -> rule)."""

    def read(start: int) -> list[tuple[Any, ...]]:
        page = conn.execute(query, (start,)).fetchall()
        return [tuple(masks[i](v) if i in masks else v for i, v in enumerate(r)) for r in page]

    return read


def measure(conn: Conn, rows: int, runs: int) -> dict[str, Any]:
    from minisip_console.core.masking import (
        mask_clid,
        mask_email,
        mask_number,
        mask_words,
        sql_functions,
    )

    python_masks: dict[str, Callable[[str | None], str]] = {
        "words": mask_words,
        "email": mask_email,
        "number": mask_number,
        "clid": mask_clid,
    }
    conn.execute("CREATE SCHEMA IF NOT EXISTS not_inlined")
    for statement in sql_functions():
        conn.execute(statement)
        conn.execute(_not_inlined(statement))
    out: dict[str, Any] = {}
    for table, columns in TABLES.items():
        queries = {
            "plain": _page_sql(table, None),
            "masked_sql": _page_sql(table, "public"),
            "masked_sql_not_inlined": _page_sql(table, "not_inlined"),
        }
        explain = conn.execute("EXPLAIN VERBOSE " + queries["masked_sql"].replace("%s", "0")).fetchall()
        plan = "\n".join(r[0] for r in explain)
        masks = {i: python_masks[f] for i, (_, f) in enumerate(columns) if f is not None}
        ways: dict[str, Callable[[int], Any]] = {name: _reader(conn, q) for name, q in queries.items()}
        ways["masked_python"] = _python_masked(conn, queries["plain"], masks)
        for run in ways.values():  # warm the caches and psycopg's prepared statements
            for start in range(0, 6 * PAGE, PAGE):
                run(start)
        times: dict[str, list[float]] = {name: [] for name in ways}
        step = max(PAGE, (rows - PAGE) // runs)
        for i in range(runs):
            start = (i * step) % max(1, rows - PAGE)
            for name, run in ways.items():
                started = time.perf_counter()
                run(start)
                times[name].append(time.perf_counter() - started)
        plain = statistics.median(times["plain"])
        result: dict[str, Any] = {
            "columns": [c for c, _ in columns],
            "masked_columns": [c for c, f in columns if f],
            "inlined": "minisip_mask" not in plan,
        }
        for name, ts in times.items():
            median = statistics.median(ts)
            result[name] = {"median_ms": round(median * 1000, 3), "ratio": round(median / plain, 2)}
        result["masked_sql_us_per_row"] = round((statistics.median(times["masked_sql"]) - plain) / PAGE * 1e6, 2)
        out[table] = result
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--url", help="an existing, empty PostgreSQL database (libpq URL) instead of a throwaway server")
    args = parser.parse_args()

    out: dict[str, Any] = {
        "benchmark": "masking",
        "rows": args.rows,
        "runs": args.runs,
        "page": PAGE,
        "python": platform.python_version(),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
    }
    server = None
    url = args.url
    if url is None:
        from tests.support.pgserver import PostgresServer, find_pg_bin

        bin_dir = find_pg_bin()
        if bin_dir is None:
            print("no PostgreSQL binaries (initdb, pg_ctl) found: give --url", file=sys.stderr)
            return 2
        server = PostgresServer(bin_dir)
        server.start()
        url = server.url(server.create_database()).replace("+psycopg", "")
    try:
        with psycopg.connect(url, autocommit=True) as conn:
            out["postgres"] = conn.execute("SHOW server_version").fetchone()[0]  # type: ignore[index]
            print(f"loading 2 x {args.rows:,} rows", file=sys.stderr, flush=True)
            started = time.perf_counter()
            conn.execute(LOAD.format(rows=int(args.rows)))
            conn.execute("VACUUM ANALYZE bench_accounts")
            conn.execute("VACUUM ANALYZE bench_cdrs")
            out["load_s"] = round(time.perf_counter() - started, 1)
            print(f"loaded in {out['load_s']} s; measuring", file=sys.stderr, flush=True)
            out["tables"] = measure(conn, args.rows, args.runs)
    finally:
        if server is not None:
            server.stop()
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
