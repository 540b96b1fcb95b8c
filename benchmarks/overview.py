"""Benchmark: the Overview (``core.compliance.evaluate``, every promise's checks) on a big PostgreSQL.

The issue: "Benchmark on 1M accounts and 2M CDRs on PostgreSQL: the overview ≤ 1 s ...; report
the figures beside the time of the slowest single check run alone."

A throwaway PostgreSQL server (``tests.support.pgserver``) holds a database set up as production
would be (``tests.support.pgtrust``: a schema owner, the console's roles and controls, each
operator with a login of their own). On the server (``generate_series``) it gets ``--accounts``
accounts (1,000,000) and ``--cdrs`` CDRs (2,000,000, ``start`` spread over the 90 days before now,
so two thirds are past the 30 days), then 50 access grants made through the console and
``--events`` reads made under them (inserted by the schema owner, naming the reader: the
database's own trigger chains each event's hash to the one before, as in production) and a published significant policy version. ``VACUUM ANALYZE``.

Measured as Carol (an approver), each ``--repeat`` times (median):

- ``overview_s``: ``compliance.evaluate`` (every promise, one session), what the Overview tab and
  ``minisip-console compliance`` run;
- ``checks_s``: each promise's check alone (``evaluate(only=(key,))``), and ``slowest_check``.

    python benchmarks/overview.py [--accounts 1000000] [--cdrs 2000000] [--events 20000] [--repeat 3]

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
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

GOAL_S = 1.0
#: access grants made through the console; the reads cite them in turn
GRANTS = 50


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def build(server: Any, accounts: int, cdrs: int, events: int) -> Any:
    import psycopg

    from minisip_console.core import access
    from minisip_console.core.plumbing.connection import open_database, resolve
    from minisip_console.core.purposes import Purpose
    from tests.support.pgtrust import create_secured_database

    secured = create_secured_database(server, accounts=6)
    started = time.perf_counter()
    with psycopg.connect(secured.url("owner", driver=False), autocommit=True) as conn:
        conn.execute(
            "INSERT INTO accounts (id, name, email, company, status, created_at) "
            "SELECT i, 'Person' || i, 'person' || i || '@example.com', NULL, "
            "(ARRAY['active','active','active','active','active','active','active','active','suspended','closed'])[1 + i %% 10], "
            "now() - make_interval(mins => i) FROM generate_series(7, %s) AS i",
            (accounts,),
        )
        conn.execute(
            'INSERT INTO cdrs (account_id, start, answer, "end", clid, src, dst, dcontext, channel, dstchannel, lastapp, lastdata, '
            "duration, billsec, disposition, amaflags, accountcode, uniqueid, linkedid, userfield) "
            "SELECT CASE WHEN i %% 10 = 0 THEN NULL ELSE 1 + i %% %s END, "
            "(now() AT TIME ZONE 'UTC') - make_interval(secs => (i::float8 * 90 * 86400 / %s)), NULL, NULL, "
            "'', '+4420' || i, '+3312' || i, 'default', 'SIP/a', 'SIP/b', 'Dial', '', 60, 55, 'ANSWERED', 3, '', 'u' || i, 'l' || i, '' "
            "FROM generate_series(1, %s) AS i",
            (accounts, cdrs, cdrs),
        )
        conn.execute("VACUUM ANALYZE accounts")
        conn.execute("VACUUM ANALYZE cdrs")
    _log(f"filled {accounts:,} accounts and {cdrs:,} CDRs in {time.perf_counter() - started:.1f} s")

    started = time.perf_counter()
    bob = open_database(resolve(database=secured.url("bob")))
    try:  # grants through the console (their guards and events), then the reads made under them
        grants = [
            access.grant_access(bob.sessions, bob.operator, 1 + i % 6, Purpose.SUPPORT, f"SUP-{1000 + i}", minutes=480)
            for i in range(GRANTS)
        ]
        login = bob.operator.login
    finally:
        bob.close()
    with psycopg.connect(secured.url("owner", driver=False), autocommit=True) as conn:
        # as the schema owner, who may name the reader: the database still chains every event's hash
        conn.execute(
            "INSERT INTO audit_events (operator_login, action, target_type, target_id, details) "
            "SELECT %s, 'account.view', 'account', g.account_id::text, "
            "json_build_object('grant_id', g.id, 'purpose', 'support', 'ticket', g.ticket_ref)::text "
            "FROM generate_series(1, %s) AS i JOIN access_grants g ON g.id = (SELECT min(id) FROM access_grants) + i %% %s",
            (login, events, len(grants)),
        )
        conn.execute("VACUUM ANALYZE audit_events")
        count = conn.execute("SELECT count(*) FROM audit_events").fetchone()[0]
    _log(f"wrote {count:,} audit events in {time.perf_counter() - started:.1f} s")
    return secured


def measure(url: str, repeat: int) -> dict[str, Any]:
    from minisip_console.core import compliance
    from minisip_console.core.plumbing.connection import open_database, resolve

    database = open_database(resolve(database=url))
    try:
        compliance.evaluate(database.sessions)  # warm: connections, statement plans, the OS cache
        overview = []
        result = None
        for _ in range(repeat):
            started = time.perf_counter()
            result = compliance.evaluate(database.sessions)
            overview.append(time.perf_counter() - started)
        checks: dict[str, float] = {}
        for p in compliance.PROMISES:
            runs = []
            for _ in range(repeat):
                started = time.perf_counter()
                compliance.evaluate(database.sessions, only=(p.key,))
                runs.append(time.perf_counter() - started)
            checks[p.key] = round(statistics.median(runs), 4)
    finally:
        database.close()
    assert result is not None
    slowest = max(checks, key=checks.__getitem__)
    return {
        "overview_s": round(statistics.median(overview), 4),
        "overview_runs_s": [round(x, 4) for x in overview],
        "goal_s": GOAL_S,
        "meets_goal": statistics.median(overview) <= GOAL_S,
        "checks_s": checks,
        "slowest_check": {"key": slowest, "s": checks[slowest]},
        "headline": result.headline,
        "verdicts": {p.key: p.verdict for p in result.promises},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=1_000_000)
    parser.add_argument("--cdrs", type=int, default=2_000_000)
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from tests.support.pgserver import PostgresServer, find_pg_bin

    out: dict[str, Any] = {
        "benchmark": "overview",
        "settings": {"accounts": args.accounts, "cdrs": args.cdrs, "events": args.events, "repeat": args.repeat},
        "python": platform.python_version(),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "loadavg_start": [round(x, 2) for x in os.getloadavg()]},
    }
    bin_dir = find_pg_bin()
    if bin_dir is None:
        out["skipped"] = "no PostgreSQL binaries"
    else:
        server = PostgresServer(bin_dir)
        server.start()
        try:
            secured = build(server, args.accounts, args.cdrs, args.events)
            out["postgresql"] = measure(secured.url("carol"), args.repeat)
        finally:
            server.stop()
    out["machine"]["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
