"""Benchmark: what holding the audit log against the console's tables adds to ``audit verify``.

``audit.verify`` recomputes the hash chain (``_verify_chain``) and then runs ``check_records``:
one aggregate query per kind of audited record (an anti-join on the events' ``target_id``) and
one count per counted kind. This measures both on an SQLite file made by ``create_demo`` and
grown to ``--events`` audit events, of which ``--requests`` are deletion requests with their
``deletion.request`` event (the largest audited table a real console gathers):

- ``chain_seconds``: ``_verify_chain`` alone (the verify of before issue 13), median of ``--repeat``;
- ``verify_seconds``: ``verify`` (chain + records), median;
- ``records_seconds``: ``check_records`` alone, median; ``overhead`` = verify / chain.

Everything is written under a temporary directory. Prints one JSON object.

    python benchmarks/audit_verify.py [--events N] [--requests N] [--repeat N]
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
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _median(fn: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return round(statistics.median(times), 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["MINISIP_CONSOLE_CONFIG_DIR"] = str(Path(tmp) / "config")
        from minisip_console.core import audit
        from minisip_console.core.demo import create_demo
        from minisip_console.core.models import Account, DeletionRequest
        from minisip_console.core.plumbing import db

        url = f"sqlite:///{Path(tmp) / 'verify.db'}"
        t0 = time.perf_counter()
        create_demo(url, accounts=200, cdrs=1000, seed=1)
        engine = db.make_engine(url)
        sessions = db.session_factory(engine)
        now = datetime(2026, 6, 1, tzinfo=UTC)
        with sessions() as session, session.begin():
            accounts = list(session.scalars(Account.__table__.select().with_only_columns(Account.id)))
            for i in range(args.requests):
                request = DeletionRequest(
                    account_id=accounts[i % len(accounts)],
                    scope="configurations",
                    source="benchmark",
                    ticket_ref=f"SUP-{i}",
                    state="rejected",
                    requested_by="bob",
                    requested_at=now,
                    due_at=now + timedelta(days=30),
                    rejection_reason="duplicate",
                )
                session.add(request)
                session.flush()
                audit.append(
                    session,
                    operator="bob",
                    action="deletion.request",
                    target_type="deletion_request",
                    target_id=request.id,
                    details={"scope": "configurations"},
                    at=now,
                )
            for i in range(args.events - args.requests):
                audit.append(
                    session,
                    operator="bob",
                    action="account.read",
                    target_type="account",
                    target_id=accounts[i % len(accounts)],
                    details={"purpose": "support"},
                    at=now,
                )
        fill = time.perf_counter() - t0

        def chain() -> None:
            with sessions() as session:
                assert audit._verify_chain(session, expected_head=None, batch=5000).ok  # noqa: SLF001

        def records() -> None:
            with sessions() as session:
                assert all(r.ok for r in audit.check_records(session))

        def verify() -> None:
            with sessions() as session:
                assert audit.verify(session).ok

        verify()  # warm the caches
        with sessions() as session:
            events = session.scalar(audit.select(audit.func.count()).select_from(audit.AuditEvent))
        chain_s, records_s, verify_s = _median(chain, args.repeat), _median(records, args.repeat), _median(verify, args.repeat)
        engine.dispose()

    print(
        json.dumps(
            {
                "benchmark": "audit_verify",
                "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs",
                "python": platform.python_version(),
                "events": events,
                "deletion_requests": args.requests,
                "repeat": args.repeat,
                "fill_seconds": round(fill, 1),
                "chain_seconds": chain_s,
                "records_seconds": records_s,
                "verify_seconds": verify_s,
                "overhead": round(verify_s / chain_s, 3) if chain_s else None,
            },
            sort_keys=True,
        )
    )


if __name__ == "__main__":
    main()
