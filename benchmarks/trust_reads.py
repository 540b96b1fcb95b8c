"""Benchmark: what the database's own checks cost, beside a plain SELECT of the same rows.

A throwaway PostgreSQL server (``tests.support.pgserver``) holds a database set up as production
would be (``tests.support.pgtrust``: a schema owner that is not a superuser, the console's roles
and controls installed, each operator with a login of their own), filled by ``generate_series``
on the server with ``--accounts`` accounts (1,000,000 by default), a CDR per account and a
correspondence message per tenth account. Bob (an operator) holds an access grant on
``--sample`` accounts. Then, interleaved round by round so a busy machine slows them alike,
medians of ``--runs`` rounds of:

- ``details``: one account's details as the Accounts tab reads them: the account row, its 50
  newest CDRs, its correspondence and its files' metadata, in one transaction.
  ``plain``: plain SELECTs on the tables, by the schema owner (no check, no audit: the floor);
  ``plain_audited``: the same plus the one audit event the console appended for a look before
  the database enforced anything (an INSERT whose seq and hashes the trigger computes);
  ``secured``: as bob: ``minisip_open_account`` (checks his grant, appends the event, opens the
  account for the transaction) and the same SELECTs on the ``minisip_p_*`` views.
- ``accounts_page``: a 500-row page of the accounts list at a random keyset position.
  ``plain``: the raw columns (the floor); ``masked_view``: as bob, ``minisip_accounts_masked``
  (masked by the database); ``masked_python``: the raw columns masked in Python by the same rules
  (what the console did on PostgreSQL before: the page a user saw cost that).

Each gives ``median_ms`` and ``ratio`` to ``plain``; ``machine`` has the load average at the
start and the end.

    python benchmarks/trust_reads.py [--accounts 1000000] [--runs 40] [--sample 200]

Prints one JSON object on stdout; progress goes to stderr.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PAGE = 500


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _fill(conn: Any, accounts: int) -> None:
    conn.execute(
        "INSERT INTO accounts (id, name, email, company, status, created_at) "
        "SELECT i, 'Person' || i || ' Example-Name', 'person' || i || CASE WHEN i %% 3 = 0 THEN '@example.com' ELSE '@acme-' || (i %% 97) || '.example' END, "
        "CASE WHEN i %% 3 = 0 THEN NULL ELSE 'Company ' || (i %% 97) || ' Telephony' END, 'active', now() - make_interval(mins => i) "
        "FROM generate_series(100, %s) AS i ON CONFLICT DO NOTHING",
        (accounts,),
    )
    conn.execute(
        "INSERT INTO cdrs (account_id, start, src, dst, clid, dcontext, channel, dstchannel, lastapp, lastdata, duration, billsec, "
        "disposition, amaflags, accountcode, uniqueid, linkedid, userfield) "
        "SELECT i, now() - make_interval(mins => i %% 40000), '+4420794' || lpad((i %% 100000)::text, 5, '0'), '+3314' || i, "
        "'\"Person ' || i || '\" <+4420794' || lpad((i %% 100000)::text, 5, '0') || '>', 'default', '', '', 'Dial', '', 30, 20, "
        "'ANSWERED', 3, '', i::text, i::text, '' FROM generate_series(1, %s) AS i",
        (accounts,),
    )
    conn.execute(
        "INSERT INTO support_messages (account_id, ticket_ref, direction, from_address, subject, body, sent_at) "
        "SELECT i, 'SUP-' || i, 'inbound', 'person' || i || '@example.com', 'Help', 'Please help with my trunk.', now() "
        "FROM generate_series(10, %s, 10) AS i",
        (accounts,),
    )
    conn.execute("ANALYZE")


def _median(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 3)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--sample", type=int, default=200)
    args = parser.parse_args(argv)

    import psycopg

    from minisip_console.core import access, operators
    from minisip_console.core.masking import mask_email, mask_words
    from minisip_console.core.plumbing import db
    from tests.support.pgserver import PostgresServer, find_pg_bin
    from tests.support.pgtrust import create_secured_database, drop_logins

    bin_dir = find_pg_bin()
    if bin_dir is None:
        print(json.dumps({"error": "no PostgreSQL binaries"}))
        return 1
    load_start = os.getloadavg()
    server = PostgresServer(bin_dir)
    server.start()
    try:
        database = create_secured_database(server, accounts=99)
        _log(f"filling {args.accounts:,} accounts...")
        t0 = time.perf_counter()
        with database.connect("owner") as owner:
            _fill(owner, args.accounts)
            owner.commit()
        _log(f"filled in {time.perf_counter() - t0:.1f} s")
        rng = random.Random(7)
        sample = rng.sample(range(100, args.accounts + 1), args.sample)
        engine = db.make_engine(database.url("bob"))
        sessions = db.session_factory(engine)
        with sessions() as session:
            bob = operators.identify(session)
        grants = {a: access.grant_access(sessions, bob, a, "support", "SUP-1", minutes=480).id for a in sample}
        engine.dispose()

        owner = database.connect("owner", autocommit=False)
        secured = database.connect("bob", autocommit=False)

        reads = [
            "SELECT id, name, email, company, status, created_at FROM {accounts} WHERE id = %(a)s",
            "SELECT * FROM {cdrs} WHERE account_id = %(a)s ORDER BY start DESC, id DESC LIMIT 50",
            "SELECT * FROM {support_messages} WHERE account_id = %(a)s ORDER BY sent_at, id",
            "SELECT id, account_id, filename, content_type, size_bytes, sha256, uploaded_at FROM {uploaded_files} WHERE account_id = %(a)s ORDER BY id",
        ]
        base = {t: t for t in ("accounts", "cdrs", "support_messages", "uploaded_files")}
        views = {t: f"minisip_p_{t}" for t in base}

        def details_plain(a: int) -> None:
            for sql in reads:
                owner.execute(sql.format(**base), {"a": a}).fetchall()
            owner.commit()

        def details_plain_audited(a: int) -> None:
            for sql in reads:
                owner.execute(sql.format(**base), {"a": a}).fetchall()
            owner.execute(
                "INSERT INTO audit_events (seq, operator_login, action, target_type, target_id, details, prev_hash, hash) "
                "VALUES (0, %s, 'account.view', 'account', %s, %s, '', '')",
                (database.login("bob"), str(a), json.dumps({"grant_id": grants[a]})),
            )
            owner.commit()

        def details_secured(a: int) -> None:
            secured.execute("SELECT minisip_open_account(%s, 'account.view', %s)", (a, json.dumps({"grant_id": grants[a]})))
            for sql in reads:
                secured.execute(sql.format(**views), {"a": a}).fetchall()
            secured.commit()

        page_sql = "SELECT id, name, email, company, status, created_at FROM {t} WHERE id > %(k)s ORDER BY id LIMIT 500"

        def page_plain(k: int) -> None:
            owner.execute(page_sql.format(t="accounts"), {"k": k}).fetchall()
            owner.commit()

        def page_masked_view(k: int) -> None:
            secured.execute(page_sql.format(t="minisip_accounts_masked"), {"k": k}).fetchall()
            secured.commit()

        def page_masked_python(k: int) -> None:
            rows = owner.execute(page_sql.format(t="accounts"), {"k": k}).fetchall()
            [(r[0], mask_words(r[1]), mask_email(r[2]), mask_words(r[3]), r[4], r[5]) for r in rows]
            owner.commit()

        groups: dict[str, dict[str, Callable[[int], None]]] = {
            "details": {"plain": details_plain, "plain_audited": details_plain_audited, "secured": details_secured},
            "accounts_page": {"plain": page_plain, "masked_view": page_masked_view, "masked_python": page_masked_python},
        }
        samples: dict[str, dict[str, list[float]]] = {g: {k: [] for k in ways} for g, ways in groups.items()}
        for _ in range(3):  # warm the caches
            for ways in groups.values():
                for fn in ways.values():
                    fn(sample[0])
        for run in range(args.runs):
            account = sample[run % len(sample)]
            key = rng.randrange(0, max(args.accounts - PAGE, 1))
            for group, ways in groups.items():
                arg = account if group == "details" else key
                order = list(ways.items())
                rng.shuffle(order)
                for name, fn in order:
                    t = time.perf_counter()
                    fn(arg)
                    samples[group][name].append(time.perf_counter() - t)
        owner.close()
        secured.close()
        result: dict[str, Any] = {"accounts": args.accounts, "runs": args.runs}
        for group, ways in samples.items():
            floor = _median(ways["plain"])
            result[group] = {name: {"median_ms": _median(s), "ratio": round(_median(s) / floor, 2)} for name, s in ways.items()}
        result["goals"] = {"details_secured_vs_plain": 1.2, "accounts_page_masked_vs_plain": 1.1}
        result["machine"] = {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "loadavg_start": [round(x, 2) for x in load_start],
            "loadavg_end": [round(x, 2) for x in os.getloadavg()],
        }
        with psycopg.connect(server.url().replace("+psycopg", "")) as su:
            result["machine"]["postgresql"] = su.execute("SHOW server_version").fetchone()[0]
        drop_logins(server, database)
    finally:
        server.stop()
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
