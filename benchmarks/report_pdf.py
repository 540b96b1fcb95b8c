"""Benchmark: the PDF audit report for a year on PostgreSQL with 1,000,000 accounts and 2,000,000 CDRs.

A throwaway PostgreSQL server (``tests.support.pgserver``) holds a database set up as production
would be (``tests.support.pgtrust``: a schema owner, the console's roles and controls, each
operator with a login of their own), filled on the server (``generate_series``) with
``--accounts`` accounts and ``--cdrs`` CDRs spread over the last ``--cdr-days`` days (35: a
purge has something to do). Then, through the console as the staff would: bob (an operator)
runs the CDR purge once a day for the year before (``--daily-receipts``, 365: the scheduler's
receipts, each with its audit event), takes three access grants and files a deletion request.

Measured as dave (a viewer, with his own login: the report needs no more), ``--runs`` times
(the median is printed): ``gather`` (``core.audit_report.gather``), ``render`` (the PDF laid
out and printed in memory), ``export`` (what the command does: gather, render, record
``report.exported``, write atomically), the pages. Then each of gather's parts alone, to name the
slowest: the promise table (``compliance.evaluate``), the purge receipts, the deletion requests,
the legal register and transparency counts, the operators, ``audit.verify``. The goal (issue
15): the PDF for a year at most 5 s.

    python benchmarks/report_pdf.py [--accounts 1000000] [--cdrs 2000000] [--runs 3]

Prints one JSON object on stdout; progress goes to stderr.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

GOAL_S = 5.0


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def build(server: Any, accounts: int, cdrs: int, cdr_days: int, daily_receipts: int) -> Any:
    """A secured database filled on the server, then a year of daily purges (one receipt a day),
    grants and a deletion request made as bob."""
    import psycopg

    from minisip_console.core import access, deletion, retention
    from minisip_console.core.plumbing.connection import open_database, resolve
    from tests.support.pgtrust import create_secured_database

    secured = create_secured_database(server, accounts=6)
    started = time.perf_counter()
    with psycopg.connect(secured.url("owner", driver=False), autocommit=True) as conn:
        conn.execute(
            "INSERT INTO accounts (id, name, email, company, status, created_at) "
            "SELECT i, 'Person' || i || ' Example-Name', 'person' || i || '@acme-' || (i %% 97) || '.example', "
            "CASE WHEN i %% 3 = 0 THEN NULL ELSE 'Company ' || (i %% 97) || ' Telephony' END, "
            "(ARRAY['active','active','active','active','active','active','active','active','suspended','closed'])[1 + i %% 10], "
            "now() - make_interval(mins => i) FROM generate_series(7, %s) AS i",
            (accounts,),
        )
        _log(f"filled {accounts:,} accounts in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        conn.execute(
            "INSERT INTO cdrs (account_id, start, src, dst, clid, dcontext, channel, dstchannel, lastapp, lastdata, "
            "duration, billsec, disposition, amaflags, accountcode, uniqueid, linkedid, userfield) "
            "SELECT 1 + i %% %s, now() - make_interval(secs => (i::bigint * %s) %% (%s * 86400) + 1800), "
            "'+4420794600' || (i %% 100), '+3312345678' || (i %% 10), '', 'from-trunk', 'SIP/trunk', 'SIP/100', 'Dial', "
            "'SIP/100', 60, 55, 'ANSWERED', 3, '', 'bench-' || i, 'bench-' || i, '' FROM generate_series(1, %s) AS i",
            (accounts, 7919, cdr_days, cdrs),
        )
        conn.execute("VACUUM ANALYZE accounts")
        conn.execute("VACUUM ANALYZE cdrs")
        _log(f"filled {cdrs:,} CDRs in {time.perf_counter() - started:.1f} s")
    bob = open_database(resolve(database=secured.url("bob")))
    try:
        started = time.perf_counter()
        now = dt.datetime.now(dt.UTC)
        for days_ago in range(daily_receipts - 1, 0, -1):  # the scheduler's daily runs of the year before
            retention.run_purge(bob.sessions, bob.operator, category="cdr", trigger="scheduler", now=now - dt.timedelta(days=days_ago))
        (receipt,) = retention.run_purge(bob.sessions, bob.operator, category="cdr")
        _log(
            f"{daily_receipts:,} daily purges in {time.perf_counter() - started:.1f} s; today's deleted "
            f"{receipt.rows_deleted:,} CDRs ({receipt.summary})"
        )
        for account_id, purpose in ((11, "support"), (12, "bug"), (13, "support")):
            access.grant_access(bob.sessions, bob.operator, account_id, purpose, "SUP-1001", minutes=5)
        deletion.file_request(bob.sessions, bob.operator, 2, "configurations", ticket="SUP-77", source="customer@example.com")
    finally:
        bob.close()
    return secured


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    value = fn()
    return time.perf_counter() - started, value


def measure(url: str, runs: int, folder: Path) -> dict[str, Any]:
    from minisip_console.core import audit, audit_report, compliance, deletion, legal, operators, retention
    from minisip_console.core.plumbing.connection import open_database, resolve
    from minisip_console.report import ensure_gui_application, export_report, render

    ensure_gui_application()
    dave = open_database(resolve(database=url))
    try:
        today = dt.datetime.now(dt.UTC).date()
        since = today - dt.timedelta(days=364)
        sessions, operator = dave.sessions, dave.operator
        gathers, renders, exports, pages = [], [], [], 0
        for n in range(runs):
            seconds, data = _timed(lambda: audit_report.gather(sessions, since=since, until=today, operator=operator))
            gathers.append(seconds)
            seconds, rendered = _timed(lambda: render(data))  # noqa: B023 (called at once)
            renders.append(seconds)
            pages = rendered.pages
            target = folder / f"report-{n}.pdf"
            seconds, _ = _timed(lambda: export_report(sessions, operator, since=since, until=today, path=target))  # noqa: B023
            exports.append(seconds)
            _log(f"run {n + 1}: gather {gathers[-1]:.2f} s, render {renders[-1]:.2f} s, export {exports[-1]:.2f} s, {pages} pages")

        def in_session(fn: Callable[[Any], Any]) -> Callable[[], Any]:
            def run() -> Any:
                with sessions() as session:
                    return fn(session)

            return run

        parts: dict[str, Callable[[], Any]] = {
            "promise_table": lambda: compliance.evaluate(sessions),
            "purge_receipts": lambda: retention.receipts(sessions, limit=audit_report.RECEIPTS_MAX),
            "deletion_requests": lambda: deletion.list_requests(sessions),
            "legal_register": in_session(lambda s: legal.list_requests(s)),
            "transparency": in_session(lambda s: legal.transparency_report(s, since, today)),
            "operators": in_session(operators.list_operators),
            "audit_verify": in_session(audit.verify),
        }
        alone = {name: round(min(_timed(fn)[0] for _ in range(max(1, runs))), 3) for name, fn in parts.items()}
        slowest = max(alone, key=lambda k: alone[k])
    finally:
        dave.close()
    median = statistics.median
    return {
        "gather_s": round(median(gathers), 3),
        "render_s": round(median(renders), 3),
        "total_s": round(median(exports), 3),
        "total_runs_s": [round(x, 3) for x in exports],
        "pages": pages,
        "parts_alone_s": alone,
        "slowest_part": slowest,
        "goal_s": GOAL_S,
        "goal_met": median(exports) <= GOAL_S,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=1_000_000)
    parser.add_argument("--cdrs", type=int, default=2_000_000)
    parser.add_argument("--cdr-days", type=int, default=35)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--daily-receipts", type=int, default=365, help="purge runs, one a day up to today (receipts in the report)")
    args = parser.parse_args()

    from tests.support.pgserver import PostgresServer, find_pg_bin

    out: dict[str, Any] = {
        "benchmark": "report_pdf",
        "settings": {
            "accounts": args.accounts,
            "cdrs": args.cdrs,
            "cdr_days": args.cdr_days,
            "runs": args.runs,
            "period_days": 365,
            "daily_receipts": args.daily_receipts,
        },
        "python": platform.python_version(),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "loadavg_start": [round(x, 2) for x in os.getloadavg()]},
    }
    bin_dir = find_pg_bin()
    if bin_dir is None:
        out["skipped"] = "no PostgreSQL binaries"
        json.dump(out, sys.stdout)
        sys.stdout.write("\n")
        return 0
    with tempfile.TemporaryDirectory(prefix="minisip-bench-") as tmp:
        os.environ["MINISIP_CONSOLE_CONFIG_DIR"] = str(Path(tmp) / "config")
        server = PostgresServer(bin_dir)
        server.start()
        try:
            secured = build(server, args.accounts, args.cdrs, args.cdr_days, args.daily_receipts)
            out["results"] = measure(secured.url("dave"), args.runs, Path(tmp))
        finally:
            server.stop()
    out["machine"]["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
