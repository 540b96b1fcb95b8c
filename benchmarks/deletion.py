"""Benchmark: the console's account deletion (request, approval, execution, verification) beside
plain SQL deletes of the same rows, in the same run.

The issue: "an account with 100,000 CDRs, 1,000 configurations and 100 files, deleted and
verified, beside plain SQL deletes of the same rows in the same run, as a ratio (goal: at most
2x including verification)."

For each backend a freshly upgraded schema (``db.upgrade``) gets ``--others`` other accounts
(each with a few CDRs, configurations, one uploaded file, page visits, support messages, a survey
response and, for every second one, a marketing permission) and the target account with
``--cdrs`` CDRs, ``--configs`` configurations, ``--files`` uploaded files (half of them attached
to one of its configurations; rows in ``uploaded_files`` and real small files in the file store
under ``accounts/<id>/``), page visits, support messages, survey responses and a marketing
permission; two operators: bob (operator) and carol (approver). Rows are written with the raw
driver (sqlite3 ``executemany``; psycopg ``COPY``), then ``ANALYZE``. That database and its file
store are built once and copied for every measurement (SQLite: the checkpointed file and the
store folder; PostgreSQL: ``CREATE DATABASE ... TEMPLATE`` and the store folder):

- ``plain_s``: on the raw driver connection (the console's pragmas on SQLite), the account's
  storage paths (``SELECT storage_path FROM uploaded_files WHERE account_id = ?``), each file
  unlinked and its folder removed, then in one transaction ``DELETE ... WHERE account_id = ?``
  from uploaded_files, configurations, cdrs, page_visits, support_messages, survey_responses,
  marketing_permissions (FK order) and ``UPDATE accounts`` to the tombstone; commit. No
  verification (``plain_verify_s``, the same counts done by hand after it, is reported apart).
- ``console_s``: ``deletion.file_request`` (bob) + ``deletion.approve`` (carol) +
  ``deletion.execute`` (bob) on a warm engine, end to end; ``execute`` includes the verification.
  Its phases from the progress callback: ``request_s``, ``approve_s``, ``setup_s`` (execute's
  start to its first report: lock, state change + audit, reflection, plan, file paths),
  ``files_s``, one entry per table, ``verify_s`` (counts + completion + audit).
- ``console_inside_s``: time spent inside some core functions during the console run (lock, reflection,
  plan, file paths, legal holds, verification counts, audit appends), measured by wrapping them in
  this process only (see ``Timers``);
- ``ratio`` = console_s / plain_s; ``ratio_vs_plain_verified`` = console_s / (plain_s +
  plain_verify_s); ``same_end_state``: per table, the rows of every account, the
  accounts' rows themselves and the file store's listing are equal after both (asserted), and
  the target has zero rows everywhere and no files.

``--diagnose`` adds, on further copies, where the console's extra time goes: reflection and
``scope_plan`` alone, each of the console's count and DELETE statements (as it compiles them)
beside the plain one with its query plan, the verification counts one by one right after a
delete (first and second pass) and alone (with and without reflection); ``whatif_cached_reflection``:
pairs of plain and console runs with ``read_schema`` answered from a graph read beforehand;
``uploaded_files_scaling``: ``--extra-files`` more uploaded_files rows for other accounts, then the
console's OR + IN-subquery statements on that table beside the plain ones (on PostgreSQL also an
``= ANY(ARRAY(subquery))`` form).

    python benchmarks/deletion.py [--backends sqlite,postgresql] [--repeat 1] [--cdrs 100000]
        [--configs 1000] [--files 100] [--others 300] [--diagnose] [--extra-files 200000]

Prints one JSON object on stdout; progress goes to stderr.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
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
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SEED = 7
NOW = dt.datetime.now(dt.UTC).replace(microsecond=0)
CHUNK = 50_000
#: the service tables that hold an account's rows, in FK order (children first), for the plain deletes
PLAIN_ORDER = (
    "uploaded_files",
    "configurations",
    "cdrs",
    "page_visits",
    "support_messages",
    "survey_responses",
    "marketing_permissions",
)
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
KINDS = ("extension", "trunk", "dial_plan", "ivr", "voicemail", "queue", "ring_group")


def _log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def _ts(value: dt.datetime) -> str:
    """Naive UTC as SQLAlchemy writes ``DateTime`` on SQLite (PostgreSQL parses it too)."""
    return value.astimezone(dt.UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


# --------------------------------------------------------------------------- the data


class Data:
    """Every row of the base database, generated once (the same for both backends)."""

    def __init__(self, *, others: int, cdrs: int, configs: int, files: int) -> None:
        rng = random.Random(SEED)
        self.target = others // 2 + 1  # in the middle of the id range, not at an end
        n_accounts = others + 1
        created = _ts(NOW - dt.timedelta(days=400))
        self.accounts = [
            (i, f"Customer {i}", f"c{i}@example.com", f"Company {i}" if i % 3 else None, "active", created)
            for i in range(1, n_accounts + 1)
        ]
        self.operators = [
            (1, "bob", "Bob Operator", "operator", True, created),
            (2, "carol", "Carol Approver", "approver", True, created),
        ]
        per = {  # rows per other account / for the target
            "cdrs": (200, cdrs),
            "configurations": (5, configs),
            "files": (1, files),
            "page_visits": (10, 500),
            "support_messages": (3, 60),
            "survey_responses": (1, 12),
        }
        self.configurations: list[tuple[Any, ...]] = []
        self.uploaded_files: list[tuple[Any, ...]] = []
        self.file_bytes: dict[str, bytes] = {}
        self.page_visits: list[tuple[Any, ...]] = []
        self.support_messages: list[tuple[Any, ...]] = []
        self.survey_responses: list[tuple[Any, ...]] = []
        self.marketing_permissions: list[tuple[Any, ...]] = []
        self.cdr_counts: list[tuple[int, int]] = []
        cfg_id = file_id = 0
        for acct in range(1, n_accounts + 1):
            which = 1 if acct == self.target else 0
            first_cfg = cfg_id + 1
            for k in range(per["configurations"][which]):
                cfg_id += 1
                settings = json.dumps({"number": 100 + k, "label": f"cfg {k}", "codecs": ["PCMU", "G722"]})
                self.configurations.append(
                    (cfg_id, acct, KINDS[k % len(KINDS)], f"{KINDS[k % len(KINDS)]} {k}", settings, created, created)
                )
            last_cfg = cfg_id
            for k in range(per["files"][which]):
                file_id += 1
                content = f"account {acct} file {k} ".encode() * rng.randint(8, 64)
                path = f"accounts/{acct}/{uuid.UUID(int=rng.getrandbits(128)).hex}.txt"
                config = rng.randint(first_cfg, last_cfg) if k % 2 == 0 and last_cfg >= first_cfg else None
                self.file_bytes[path] = content
                self.uploaded_files.append(
                    (
                        file_id,
                        acct,
                        config,
                        f"upload-{k}.txt",
                        "text/plain",
                        len(content),
                        hashlib.sha256(content).hexdigest(),
                        path,
                        created,
                    )
                )
            for k in range(per["page_visits"][which]):
                self.page_visits.append(
                    (
                        acct,
                        f"v{rng.getrandbits(48):012x}",
                        f"/pricing/{k % 7}",
                        "https://example.org/",
                        "B" if k % 2 else "A",
                        _ts(NOW - dt.timedelta(minutes=rng.randint(1, 40_000))),
                    )
                )
            for k in range(per["support_messages"][which]):
                self.support_messages.append(
                    (
                        acct,
                        f"SUP-{acct}-{k // 2}",
                        "inbound" if k % 2 == 0 else "outbound",
                        f"c{acct}@example.com" if k % 2 == 0 else "support@example.org",
                        f"Question {k}",
                        f"Hello, about my trunk ({k}). " * 10,
                        _ts(NOW - dt.timedelta(hours=rng.randint(1, 5000))),
                    )
                )
            for k in range(per["survey_responses"][which]):
                self.survey_responses.append(
                    (acct, f"survey-{k % 3}", json.dumps({"score": rng.randint(1, 10)}), _ts(NOW - dt.timedelta(days=rng.randint(1, 300))))
                )
            if acct % 2 == 0 or acct == self.target:
                self.marketing_permissions.append((acct, acct % 4 != 1, created, f"SUP-{acct}-form"))
            self.cdr_counts.append((acct, per["cdrs"][which]))
        self.expected_target = {
            "cdrs": cdrs,
            "configurations": configs,
            "uploaded_files": files,
            "page_visits": per["page_visits"][1],
            "support_messages": per["support_messages"][1],
            "survey_responses": per["survey_responses"][1],
            "marketing_permissions": 1,
        }

    def cdr_rows(self):  # type: ignore[no-untyped-def]
        """CDR tuples in ``CDR_COLUMNS`` order, in chunks; the accounts' calls interleaved in time as a PBX writes them."""
        rng = random.Random(SEED + 1)
        owners = [acct for acct, n in self.cdr_counts for _ in range(n)]
        rng.shuffle(owners)
        begin = (NOW - dt.timedelta(days=29)).replace(tzinfo=None)
        span = 29 * 86400.0
        total = len(owners)
        batch: list[tuple[Any, ...]] = []
        for i, acct in enumerate(owners):
            start = begin + dt.timedelta(seconds=span * (i + rng.random()) / total)
            billsec = rng.randint(0, 900)
            answer = start + dt.timedelta(seconds=rng.randint(0, 20))
            end = answer + dt.timedelta(seconds=billsec)
            ext = 100 + i % 900
            dst = f"+4420{rng.randint(1000000, 9999999)}"
            uid = f"{1700000000 + i}.{i % 1000}"
            f = lambda v: v.isoformat(sep=" ", timespec="microseconds")  # noqa: E731
            batch.append(
                (
                    acct,
                    f(start),
                    f(answer) if billsec else None,
                    f(end),
                    f'"Ext {ext}" <{ext}>',
                    str(ext),
                    dst,
                    "from-internal",
                    f"PJSIP/{ext}-{i:08x}",
                    "PJSIP/trunk" if billsec else "",
                    "Dial",
                    f"PJSIP/{dst}@trunk",
                    billsec + 5,
                    billsec,
                    "ANSWERED" if billsec else "NO ANSWER",
                    3,
                    f"acc{acct}",
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


INSERTS = {
    "accounts": "INSERT INTO accounts (id, name, email, company, status, created_at) VALUES ({})",
    "operators": "INSERT INTO operators (id, login, display_name, role, active, created_at) VALUES ({})",
    "configurations": "INSERT INTO configurations (id, account_id, kind, name, settings, created_at, updated_at) VALUES ({})",
    "uploaded_files": "INSERT INTO uploaded_files (id, account_id, configuration_id, filename, content_type, size_bytes, sha256, "
    "storage_path, uploaded_at) VALUES ({})",
    "page_visits": "INSERT INTO page_visits (account_id, visitor_id, path, referrer, variant, visited_at) VALUES ({})",
    "support_messages": "INSERT INTO support_messages (account_id, ticket_ref, direction, from_address, subject, body, sent_at) VALUES ({})",
    "survey_responses": "INSERT INTO survey_responses (account_id, survey, answers, submitted_at) VALUES ({})",
    "marketing_permissions": "INSERT INTO marketing_permissions (account_id, granted, decided_at, evidence) VALUES ({})",
}


def _insert_sql(table: str, mark: str) -> str:
    sql = INSERTS[table]
    n = sql.split("(", 1)[1].split(")", 1)[0].count(",") + 1
    return sql.format(", ".join([mark] * n))


def _upgrade(url: str) -> None:
    from minisip_console.core.plumbing import db

    engine = db.make_engine(url)
    try:
        db.upgrade(engine)
    finally:
        engine.dispose()


def write_store(root: Path, data: Data) -> None:
    for path, content in data.file_bytes.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)


def build_sqlite(path: Path, data: Data) -> None:
    _upgrade(f"sqlite:///{path}")
    conn = sqlite3.connect(path)
    try:
        for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON"):
            conn.execute(f"PRAGMA {pragma}")
        with conn:
            for table in INSERTS:
                conn.executemany(_insert_sql(table, "?"), getattr(data, table))
        sql = f"INSERT INTO cdrs ({', '.join(f'{chr(34)}{c}{chr(34)}' for c in CDR_COLUMNS)}) VALUES ({', '.join('?' * len(CDR_COLUMNS))})"
        for batch in data.cdr_rows():
            with conn:
                conn.executemany(sql, batch)
        conn.execute("ANALYZE")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def _pg(url: str, **kw: Any) -> Any:
    import psycopg

    return psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"), **kw)


def build_postgres(url: str, data: Data) -> str:
    _upgrade(url)
    with _pg(url) as conn:
        with conn.cursor() as cur:
            for table in INSERTS:
                cur.executemany(_insert_sql(table, "%s"), getattr(data, table))
            # the explicit ids above leave the sequences behind: move them on as the service's own inserts would have
            for table in ("accounts", "operators", "configurations", "uploaded_files"):
                cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
            cols = ", ".join(f'"{c}"' for c in CDR_COLUMNS)
            with cur.copy(f"COPY cdrs ({cols}) FROM STDIN") as copy:
                for batch in data.cdr_rows():
                    for row in batch:
                        copy.write_row(row)
        conn.commit()
        conn.autocommit = True
        conn.execute("VACUUM ANALYZE")
        return str(conn.execute("SHOW server_version").fetchone()[0])


# --------------------------------------------------------------------------- copies


class SqliteCopies:
    def __init__(self, base: Path, store: Path) -> None:
        self.base, self.store, self.dir = base, store, base.parent

    def new(self, label: str) -> tuple[str, Path]:
        path = self.dir / f"{label}-{uuid.uuid4().hex[:6]}.db"
        shutil.copyfile(self.base, path)
        store = path.with_name(path.stem + "-files")  # where filestore.default_root puts it
        shutil.copytree(self.store, store)
        os.sync()  # the copy's writeback happens now, not during the measurement
        return f"sqlite:///{path}", store

    def drop(self, url: str, store: Path) -> None:
        path = Path(url.removeprefix("sqlite:///"))
        for p in path.parent.glob(path.name + "*"):
            p.unlink(missing_ok=True)
        shutil.rmtree(store, ignore_errors=True)


class PgCopies:
    def __init__(self, server: Any, base: str, store: Path) -> None:
        self.server, self.base, self.store = server, base, store

    def new(self, label: str) -> tuple[str, Path]:
        name = f"{label}_{uuid.uuid4().hex[:8]}"
        with _pg(self.server.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{self.base}"')
            conn.execute("CHECKPOINT")
        store = self.store.parent / f"{name}-files"
        shutil.copytree(self.store, store)
        os.sync()
        return self.server.url(name), store

    def drop(self, url: str, store: Path) -> None:
        name = url.rsplit("/", 1)[1]
        with _pg(self.server.url(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        shutil.rmtree(store, ignore_errors=True)


# --------------------------------------------------------------------------- raw connections


class Raw:
    """The raw driver connection with ``?`` placeholders on both backends."""

    def __init__(self, url: str) -> None:
        self.sqlite = url.startswith("sqlite")
        if self.sqlite:
            self.conn = sqlite3.connect(url.removeprefix("sqlite:///"), timeout=5, isolation_level=None)
            for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON", "busy_timeout=5000"):
                self.conn.execute(f"PRAGMA {pragma}")
        else:
            self.conn = _pg(url, autocommit=True)

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        return self.conn.execute(sql if self.sqlite else sql.replace("?", "%s"), params)

    def close(self) -> None:
        self.conn.close()


def snapshot(url: str, store: Path) -> dict[str, Any]:
    """The end state compared between plain and console: per table the rows of every account, the
    accounts' rows, the file store's listing."""
    raw = Raw(url)
    try:
        out: dict[str, Any] = {}
        for table in PLAIN_ORDER:
            out[table] = {
                str(a): int(n)
                for a, n in raw.execute(f"SELECT account_id, count(*) FROM {table} GROUP BY account_id ORDER BY account_id").fetchall()
            }
        out["uploaded_files_by_configuration_owner"] = int(
            raw.execute(
                "SELECT count(*) FROM uploaded_files f JOIN configurations c ON c.id = f.configuration_id WHERE c.account_id <> f.account_id"
            ).fetchone()[0]
        )
        out["accounts"] = [list(r) for r in raw.execute("SELECT id, name, email, company, status FROM accounts ORDER BY id").fetchall()]
    finally:
        raw.close()
    out["file_store"] = sorted(str(p.relative_to(store)) for p in store.rglob("*") if p.is_file())
    return out


def target_left(snap: dict[str, Any], target: int) -> dict[str, int]:
    left = {t: snap[t].get(str(target), 0) for t in PLAIN_ORDER}
    row = next(r for r in snap["accounts"] if r[0] == target)
    left["accounts (personal fields)"] = int(any(row[1:4]))
    left["file_store"] = sum(1 for p in snap["file_store"] if p.startswith(f"accounts/{target}/"))
    return left


# --------------------------------------------------------------------------- the two measurements


def plain_delete(url: str, store: Path, target: int, *, verify: bool = True) -> dict[str, Any]:
    raw = Raw(url)
    try:
        raw.execute("SELECT 1").fetchall()  # connected and warm
        t0 = time.perf_counter()
        paths = [r[0] for r in raw.execute("SELECT storage_path FROM uploaded_files WHERE account_id = ?", (target,)).fetchall()]
        for p in paths:
            (store / p).unlink()
        shutil.rmtree(store / "accounts" / str(target), ignore_errors=True)
        t_files = time.perf_counter()
        tables: dict[str, float] = {}
        deleted: dict[str, int] = {}
        raw.execute("BEGIN")
        for table in PLAIN_ORDER:
            t = time.perf_counter()
            deleted[table] = raw.execute(f"DELETE FROM {table} WHERE account_id = ?", (target,)).rowcount
            tables[table] = round(time.perf_counter() - t, 4)
        t = time.perf_counter()
        raw.execute("UPDATE accounts SET name = '', email = '', company = NULL, status = 'deleted' WHERE id = ?", (target,))
        tables["accounts (tombstone)"] = round(time.perf_counter() - t, 4)
        t = time.perf_counter()
        raw.execute("COMMIT")
        tables["commit"] = round(time.perf_counter() - t, 4)
        t_end = time.perf_counter()
        # what a by-hand verification would cost (not part of plain_s)
        counts = {
            table: int(raw.execute(f"SELECT count(*) FROM {table} WHERE account_id = ?", (target,)).fetchone()[0])
            for table in (PLAIN_ORDER if verify else ())
        }
        t_verify = time.perf_counter()
    finally:
        raw.close()
    return {
        "plain_s": round(t_end - t0, 4),
        "files_s": round(t_files - t0, 4),
        "rows_s": round(t_end - t_files, 4),
        "tables_s": tables,
        "deleted": {"file_store": len(paths), **deleted},
        "plain_verify_s": round(t_verify - t_end, 4),
        "plain_verify_counts": counts,
    }


def _operators() -> tuple[Any, Any]:
    from minisip_console.core.models import Role
    from minisip_console.core.operators import OperatorInfo

    bob = OperatorInfo(login="bob", display_name="Bob Operator", role=Role.OPERATOR, registered=True)
    carol = OperatorInfo(login="carol", display_name="Carol Approver", role=Role.APPROVER, registered=True)
    return bob, carol


def _engine(url: str) -> tuple[Any, Any]:
    from sqlalchemy import text

    from minisip_console.core.plumbing import db

    engine = db.make_engine(url)
    with engine.connect() as conn:  # connected and warm, as the console is when the button is pressed
        conn.execute(text("SELECT 1"))
    return engine, db.session_factory(engine)


class Timers:
    """Time spent inside some of the core's functions during a console run, by wrapping the module
    attributes ``deletion`` looks up at call time (nothing in the core is changed; the wrappers
    are removed afterwards). ``cached_reflection``: a what-if, ``read_schema`` answered from a
    MetaData reflected before the run (as a console that reflects once per connection would)."""

    NAMES = (
        ("deletion", "exclusive"),
        ("deletion", "read_schema"),
        ("deletion", "scope_plan"),
        ("deletion", "_file_paths"),
        ("deletion", "active_holds"),
        ("deletion", "count_remaining"),
        ("audit", "append"),
    )

    def __init__(self, cached_reflection: Any = None) -> None:
        self.totals: dict[str, float] = {}
        self.calls: dict[str, int] = {}
        self.cached = cached_reflection
        self._saved: list[tuple[Any, str, Any]] = []

    def __enter__(self) -> Timers:
        from minisip_console.core import audit, deletion

        modules = {"deletion": deletion, "audit": audit}
        for mod_name, attr in self.NAMES:
            mod = modules[mod_name]
            original = getattr(mod, attr)
            self._saved.append((mod, attr, original))
            key = f"{mod_name}.{attr}"
            if attr == "read_schema" and self.cached is not None:
                original = lambda engine, cached=self.cached: cached  # noqa: E731
            setattr(mod, attr, self._wrap(key, original, contextmanager=attr == "exclusive"))
        return self

    def _wrap(self, key: str, fn: Any, *, contextmanager: bool = False) -> Any:
        timers = self

        def add(seconds: float) -> None:
            timers.totals[key] = timers.totals.get(key, 0.0) + seconds
            timers.calls[key] = timers.calls.get(key, 0) + 1

        if contextmanager:  # time taking the lock (entering) only

            class Timed:
                def __init__(self, *a: Any, **kw: Any) -> None:
                    self.inner = fn(*a, **kw)

                def __enter__(self) -> Any:
                    t = time.perf_counter()
                    try:
                        return self.inner.__enter__()
                    finally:
                        add(time.perf_counter() - t)

                def __exit__(self, *exc: Any) -> Any:
                    return self.inner.__exit__(*exc)

            return Timed

        def wrapper(*a: Any, **kw: Any) -> Any:
            t = time.perf_counter()
            try:
                return fn(*a, **kw)
            finally:
                add(time.perf_counter() - t)

        return wrapper

    def __exit__(self, *exc: Any) -> None:
        for mod, attr, original in reversed(self._saved):
            setattr(mod, attr, original)

    def report(self) -> dict[str, Any]:
        return {k: {"s": round(v, 4), "calls": self.calls[k]} for k, v in sorted(self.totals.items())}


def console_delete(url: str, store_root: Path, target: int, *, cached_reflection: bool = False) -> dict[str, Any]:
    from minisip_console.core import deletion
    from minisip_console.core.plumbing.filestore import FileStore

    bob, carol = _operators()
    engine, sessions = _engine(url)
    store = FileStore(store_root)
    events: list[tuple[float, int, int, str]] = []
    timers = Timers(deletion.read_schema(engine) if cached_reflection else None)
    try:
        with timers:
            t0 = time.perf_counter()
            req = deletion.file_request(sessions, bob, target, "account", ticket="SUP-4242", source="customer email")
            t1 = time.perf_counter()
            deletion.approve(sessions, carol, req.id)
            t2 = time.perf_counter()
            outcome = deletion.execute(
                sessions, bob, req.id, store, progress=lambda d, n, what: events.append((time.perf_counter(), d, n, what))
            )
            t3 = time.perf_counter()
    finally:
        engine.dispose()
    phases: dict[str, float] = {"request_s": round(t1 - t0, 4), "approve_s": round(t2 - t1, 4)}
    if events:
        phases["setup_s"] = round(events[0][0] - t2, 4)  # lock, state + audit, reflection, plan, file paths
        tables: dict[str, float] = {}
        for (t, _d, _n, what), (t_next, *_rest) in zip(events, events[1:], strict=False):
            if what.startswith("deleting from "):
                tables[what.removeprefix("deleting from ")] = round(t_next - t, 4)
            elif what.startswith("deleting ") and what.endswith(" files"):
                phases["files_s"] = round(t_next - t, 4)
            elif what == "verifying":
                phases["verify_s"] = round(t_next - t, 4)  # counts + state, certificate hash, audit, commit
        phases["after_last_report_s"] = round(t3 - events[-1][0], 4)
        phases["tables_s"] = tables  # the last one includes the tombstone UPDATE and the commit
        phases["rows_s"] = round(sum(tables.values()), 4)
    return {
        "console_s": round(t3 - t0, 4),
        "execute_s": round(t3 - t2, 4),
        **phases,
        "inside_s": timers.report(),
        "state": outcome.request.state,
        "verification": outcome.request.verification,
        "deleted": outcome.deleted,
        "missing_files": len(outcome.missing_files),
    }


def run_once(copies: Any, target: int, expected: dict[str, int]) -> dict[str, Any]:
    # plain first, then the console: neither profits alone from a cache the other warmed
    url, store = copies.new("plain")
    try:
        plain = plain_delete(url, store, target)
        plain_snap = snapshot(url, store)
    finally:
        copies.drop(url, store)
    url, store = copies.new("console")
    try:
        console = console_delete(url, store, target)
        console_snap = snapshot(url, store)
    finally:
        copies.drop(url, store)
    same = plain_snap == console_snap
    left = target_left(console_snap, target)
    assert same, {k: (plain_snap[k], console_snap[k]) for k in plain_snap if plain_snap[k] != console_snap[k]}
    assert not any(left.values()), left
    assert console["state"] == "completed", console["state"]
    for table, n in expected.items():
        assert plain["deleted"][table] == n and console["deleted"].get(table) == n, (table, n, plain["deleted"], console["deleted"])
    return {
        "console_s": console["console_s"],
        "plain_s": plain["plain_s"],
        "ratio": round(console["console_s"] / plain["plain_s"], 3),
        # the plain deletes followed by the same counts done by hand (the console's includes its verification)
        "ratio_vs_plain_verified": round(console["console_s"] / (plain["plain_s"] + plain["plain_verify_s"]), 3),
        "same_end_state": same,
        "target_left": left,
        "other_accounts_rows": {t: sum(n for a, n in console_snap[t].items() if a != str(target)) for t in PLAIN_ORDER},
        "plain": plain,
        "console": console,
    }


# --------------------------------------------------------------------------- diagnosis


def _plan_text(raw: Raw, sql: str, params: tuple[Any, ...]) -> list[str]:
    prefix = "EXPLAIN QUERY PLAN " if raw.sqlite else "EXPLAIN "
    rows = raw.execute(prefix + sql, params).fetchall()
    return [str(r[-1]) for r in rows] if raw.sqlite else [str(r[0]) for r in rows]


def _compiled(stmt: Any, engine: Any) -> tuple[str, tuple[Any, ...]]:
    """A console statement as its dialect compiles it, with ``?`` placeholders and positional params."""
    c = stmt.compile(dialect=engine.dialect, compile_kwargs={})
    if engine.dialect.name == "sqlite":
        return str(c), tuple(c.params[k] for k in c.positiontup)
    # psycopg uses %(name)s: render positional for Raw (which turns ? into %s)
    import re

    names: list[str] = []
    sql = re.sub(r"%\((\w+)\)s", lambda m: names.append(m.group(1)) or "?", str(c))
    return sql, tuple(c.params[n] for n in names)


def diagnose(copies: Any, target: int) -> dict[str, Any]:
    """Where the console's time goes: reflection, plan, its statements one by one beside the plain ones."""
    from sqlalchemy import func, select

    from minisip_console.core import deletion
    from minisip_console.core.plumbing.filestore import FileStore

    out: dict[str, Any] = {}
    url, store_root = copies.new("diag")
    try:
        engine, _sessions = _engine(url)
        try:
            t = time.perf_counter()
            meta = deletion.read_schema(engine)
            out["reflect_s"] = round(time.perf_counter() - t, 4)
            out["reflected_tables"] = len(meta.tables)
            t = time.perf_counter()
            meta2 = deletion.read_schema(engine)
            out["reflect_again_s"] = round(time.perf_counter() - t, 4)
            t = time.perf_counter()
            plan = deletion.scope_plan(engine, "account", meta2)
            out["scope_plan_s"] = round(time.perf_counter() - t, 4)
            out["plan"] = [{"table": o.name, "links": [list(link) for link in o.links]} for o in plan.tables]
            lookup = {o.name: o for o in plan.tables}
            store = FileStore(store_root)
            t = time.perf_counter()
            before = deletion.count_remaining(engine, target, "account", store, meta=meta)
            out["count_remaining_before_delete_s"] = round(time.perf_counter() - t, 4)
            out["count_remaining_before_delete"] = before
            raw = Raw(url)
            try:
                statements: dict[str, Any] = {}
                for owned in plan.tables:
                    tbl = meta.tables[owned.name]
                    where = deletion._owned_clause(meta, owned.name, target, lookup)
                    sql, params = _compiled(select(func.count()).select_from(tbl).where(where), engine)
                    plain_sql = f"SELECT count(*) FROM {owned.name} WHERE account_id = ?"
                    entry: dict[str, Any] = {"console_where": " ".join(sql.split()).split(" WHERE ", 1)[1]}
                    for label, (q, p) in {"console": (sql, params), "plain": (plain_sql, (target,))}.items():
                        times = []
                        for _ in range(3):
                            t = time.perf_counter()
                            raw.execute(q, p).fetchall()
                            times.append(time.perf_counter() - t)
                        entry[f"{label}_count_s"] = round(min(times), 5)
                        entry[f"{label}_plan"] = _plan_text(raw, q, p)
                    statements[owned.name] = entry
                out["count_statements"] = statements
                # the DELETEs one by one, each in its own rolled-back transaction, console's form vs plain
                deletes: dict[str, Any] = {}
                for owned in plan.tables:
                    tbl = meta.tables[owned.name]
                    sql, params = _compiled(tbl.delete().where(deletion._owned_clause(meta, owned.name, target, lookup)), engine)
                    plain_sql = f"DELETE FROM {owned.name} WHERE account_id = ?"
                    entry = {}
                    for label, (q, p) in {"console": (sql, params), "plain": (plain_sql, (target,))}.items():
                        raw.execute("BEGIN")
                        if raw.sqlite:
                            raw.execute("PRAGMA defer_foreign_keys = ON")  # one table alone, its children still there
                        else:
                            raw.execute("SET CONSTRAINTS ALL DEFERRED")  # only deferrable ones; see below
                        try:
                            t = time.perf_counter()
                            n = raw.execute(q, p).rowcount
                            entry[f"{label}_delete_s"] = round(time.perf_counter() - t, 5)
                            entry[f"{label}_rows"] = n
                        except Exception as exc:  # noqa: BLE001 - a FK from a child table still holding rows (PostgreSQL)
                            entry[f"{label}_error"] = type(exc).__name__
                        finally:
                            raw.execute("ROLLBACK")
                    deletes[owned.name] = entry
                out["delete_statements"] = deletes
            finally:
                raw.close()
        finally:
            engine.dispose()
    finally:
        copies.drop(url, store_root)
    # right after a plain deletion (nothing has read the tables since): the console's verification
    # counts one by one, first pass (what execute's verification meets) and second pass
    url, store_root = copies.new("diagfirst")
    try:
        plain_delete(url, store_root, target, verify=False)
        engine, _sessions = _engine(url)
        raw = Raw(url)
        try:
            meta = deletion.read_schema(engine)
            plan = deletion.scope_plan(engine, "account", meta)
            lookup = {o.name: o for o in plan.tables}
            first: dict[str, Any] = {}
            for owned in plan.tables:
                tbl = meta.tables[owned.name]
                sql, params = _compiled(
                    select(func.count()).select_from(tbl).where(deletion._owned_clause(meta, owned.name, target, lookup)), engine
                )
                t = time.perf_counter()
                raw.execute(sql, params).fetchall()
                t1 = time.perf_counter()
                raw.execute(sql, params).fetchall()
                first[owned.name] = {"first_s": round(t1 - t, 5), "second_s": round(time.perf_counter() - t1, 5)}
            out["verify_counts_after_delete"] = first
        finally:
            raw.close()
            engine.dispose()
    finally:
        copies.drop(url, store_root)
    # after a console deletion: the verification alone, on a warm engine
    url, store_root = copies.new("diagafter")
    try:
        console_delete(url, store_root, target)
        engine, _sessions = _engine(url)
        try:
            store = FileStore(store_root)
            meta = deletion.read_schema(engine)
            times = []
            for _ in range(3):
                t = time.perf_counter()
                deletion.count_remaining(engine, target, "account", store, meta=meta)
                times.append(time.perf_counter() - t)
            out["count_remaining_after_delete_s"] = round(min(times), 4)
            t = time.perf_counter()
            deletion.count_remaining(engine, target, "account", store)
            out["count_remaining_after_delete_with_reflection_s"] = round(time.perf_counter() - t, 4)
        finally:
            engine.dispose()
    finally:
        copies.drop(url, store_root)
    return out


def _time_sql(raw: Raw, sql: str, params: tuple[Any, ...], *, write: bool = False, repeat: int = 3) -> tuple[float, int]:
    """Best of ``repeat``; a write runs in a transaction that is rolled back."""
    best, n = float("inf"), 0
    for _ in range(repeat):
        if write:
            raw.execute("BEGIN")
        try:
            t = time.perf_counter()
            cur = raw.execute(sql, params)
            n = cur.rowcount if write else len(cur.fetchall())
            best = min(best, time.perf_counter() - t)
        finally:
            if write:
                raw.execute("ROLLBACK")
    return round(best, 5), n


def uploaded_files_scaling(copies: Any, target: int, extra: int) -> dict[str, Any]:
    """The OR + IN-subquery the console uses for uploaded_files, when the table is large: ``extra``
    more rows for other accounts (rows only), ANALYZE, then the console's three statements on that
    table (file paths, DELETE, verification count) beside the plain ``account_id = ?`` ones."""
    from sqlalchemy import func, select

    from minisip_console.core import deletion

    url, store_root = copies.new("diagfiles")
    try:
        raw = Raw(url)
        engine, _s = _engine(url)
        try:
            fill = (
                "INSERT INTO uploaded_files (account_id, configuration_id, filename, content_type, size_bytes, sha256, storage_path, uploaded_at) "
                "SELECT 1 + (i - (i / {m}) * {m}), NULL, 'bulk.txt', 'text/plain', 10, 'x', 'bulk/' || i, '2026-01-01 00:00:00' FROM {src}"
            )
            if raw.sqlite:
                raw.execute("BEGIN")
                raw.execute(
                    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) " + fill.format(m=target - 1, src="n"),
                    (extra,),
                )
                raw.execute("COMMIT")
                raw.execute("ANALYZE")
            else:
                raw.execute(fill.format(m=target - 1, src="generate_series(1, ?) AS g(i)"), (extra,))
                raw.execute("VACUUM ANALYZE uploaded_files")
            meta = deletion.read_schema(engine)
            plan = deletion.scope_plan(engine, "account", meta)
            lookup = {o.name: o for o in plan.tables}
            t = meta.tables["uploaded_files"]
            where = deletion._owned_clause(meta, "uploaded_files", target, lookup)
            out: dict[str, Any] = {"uploaded_files_rows": int(raw.execute("SELECT count(*) FROM uploaded_files").fetchone()[0])}
            pairs = {
                "file_paths": (
                    _compiled(select(t.c.storage_path).where(where), engine),
                    ("SELECT storage_path FROM uploaded_files WHERE account_id = ?", (target,)),
                    False,
                ),
                "count": (
                    _compiled(select(func.count()).select_from(t).where(where), engine),
                    ("SELECT count(*) FROM uploaded_files WHERE account_id = ?", (target,)),
                    False,
                ),
                "delete": (
                    _compiled(t.delete().where(where), engine),
                    ("DELETE FROM uploaded_files WHERE account_id = ?", (target,)),
                    True,
                ),
            }
            if not raw.sqlite:  # a form PostgreSQL can answer from the two indexes (BitmapOr), for comparison
                alt = (
                    "SELECT count(*) FROM uploaded_files WHERE account_id = ? OR configuration_id = ANY(ARRAY("
                    "SELECT id FROM configurations WHERE account_id = ?))"
                )
                a_s, a_n = _time_sql(raw, alt, (target, target))
                out["count_any_array"] = {"s": a_s, "rows": a_n, "sql": alt, "plan": _plan_text(raw, alt, (target, target))}
            for label, ((c_sql, c_params), (p_sql, p_params), write) in pairs.items():
                c_s, c_n = _time_sql(raw, c_sql, c_params, write=write)
                p_s, p_n = _time_sql(raw, p_sql, p_params, write=write)
                out[label] = {
                    "console_s": c_s,
                    "plain_s": p_s,
                    "console_rows": c_n,
                    "plain_rows": p_n,
                    "console_plan": _plan_text(raw, c_sql, c_params),
                }
            return out
        finally:
            engine.dispose()
            raw.close()
    finally:
        copies.drop(url, store_root)


def whatif_cached_reflection(copies: Any, target: int, repeat: int) -> dict[str, Any]:
    """Pairs (plain, console with ``read_schema`` answered from a graph read beforehand)."""
    runs = []
    for _ in range(repeat):
        url, store = copies.new("wplain")
        try:
            plain = plain_delete(url, store, target)
        finally:
            copies.drop(url, store)
        url, store = copies.new("wconsole")
        try:
            console = console_delete(url, store, target, cached_reflection=True)
        finally:
            copies.drop(url, store)
        runs.append(
            {
                "plain_s": plain["plain_s"],
                "console_s": console["console_s"],
                "ratio": round(console["console_s"] / plain["plain_s"], 3),
                "setup_s": console.get("setup_s"),
                "verify_s": console.get("verify_s"),
            }
        )
    return {
        "console_s": _median(runs, "console_s"),
        "plain_s": _median(runs, "plain_s"),
        "ratio": _median(runs, "ratio"),
        "setup_s": _median(runs, "setup_s"),
        "verify_s": _median(runs, "verify_s"),
        "runs": runs,
    }


# --------------------------------------------------------------------------- main


def _median(runs: list[dict[str, Any]], *path: str) -> float | None:
    values = []
    for run in runs:
        v: Any = run
        for p in path:
            v = v.get(p) if isinstance(v, dict) else None
        if v is not None:
            values.append(v)
    return round(statistics.median(values), 4) if values else None


def summary(runs: list[dict[str, Any]]) -> dict[str, Any]:
    c0, p0 = runs[0]["console"], runs[0]["plain"]
    return {
        "console_s": _median(runs, "console_s"),
        "plain_s": _median(runs, "plain_s"),
        "ratio": _median(runs, "ratio"),
        "ratio_vs_plain_verified": _median(runs, "ratio_vs_plain_verified"),
        "same_end_state": all(r["same_end_state"] for r in runs),
        "console_phases_s": {
            **{
                k: _median(runs, "console", k)
                for k in ("request_s", "approve_s", "setup_s", "files_s", "rows_s", "verify_s", "after_last_report_s")
            },
            "tables": {t: _median(runs, "console", "tables_s", t) for t in c0.get("tables_s", {})},
        },
        "console_inside_s": {k: _median(runs, "console", "inside_s", k, "s") for k in c0.get("inside_s", {})},
        "plain_phases_s": {
            "files_s": _median(runs, "plain", "files_s"),
            "rows_s": _median(runs, "plain", "rows_s"),
            "tables": {t: _median(runs, "plain", "tables_s", t) for t in p0["tables_s"]},
            "verify_by_hand_s (not in plain_s)": _median(runs, "plain", "plain_verify_s"),
        },
        "deleted": c0["deleted"],
        "verification": c0["verification"],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--cdrs", type=int, default=100_000)
    parser.add_argument("--configs", type=int, default=1_000)
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--others", type=int, default=300, help="other accounts, each with a few rows of every kind")
    parser.add_argument("--diagnose", action="store_true", help="also time reflection, the plan and each statement alone")
    parser.add_argument("--extra-files", type=int, default=200_000, help="--diagnose: uploaded_files rows added for the scaling probe")
    args = parser.parse_args()

    from tests.support.pgserver import PostgresServer, find_pg_bin

    data = Data(others=args.others, cdrs=args.cdrs, configs=args.configs, files=args.files)
    out: dict[str, Any] = {
        "benchmark": "deletion",
        "target_account": data.target,
        "target_rows": data.expected_target,
        "others": args.others,
        "other_rows": {
            "cdrs": sum(n for a, n in data.cdr_counts if a != data.target),
            **{
                t: sum(1 for r in getattr(data, t) if (r[1] if t in ("configurations", "uploaded_files") else r[0]) != data.target)
                for t in (
                    "configurations",
                    "uploaded_files",
                    "page_visits",
                    "support_messages",
                    "survey_responses",
                    "marketing_permissions",
                )
            },
        },
        "repeat": args.repeat,
        "goals": {"ratio_max": 2.0},
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version,
            "postgres": None,
        },
        "backends": {},
    }
    with tempfile.TemporaryDirectory(prefix="minisip-deletion-bench-") as tmp:
        os.environ["MINISIP_CONSOLE_CONFIG_DIR"] = str(Path(tmp) / "config")
        os.environ["MINISIP_CONSOLE_DATA_DIR"] = str(Path(tmp) / "data")
        for name in [b.strip() for b in args.backends.split(",") if b.strip()]:
            server = None
            try:
                started = time.perf_counter()
                if name == "sqlite":
                    base = Path(tmp) / "base.db"
                    store = Path(tmp) / "base-files"
                    _log(f"sqlite: building (target {data.target}: {args.cdrs:,} CDRs)")
                    build_sqlite(base, data)
                    write_store(store, data)
                    copies: Any = SqliteCopies(base, store)
                    info: dict[str, Any] = {"file_mb": round(base.stat().st_size / 2**20, 1)}
                elif name == "postgresql":
                    bin_dir = find_pg_bin()
                    if bin_dir is None:
                        out["backends"][name] = {"skipped": "no PostgreSQL binaries"}
                        continue
                    server = PostgresServer(bin_dir)
                    server.start()
                    base_db = server.create_database()
                    _log(f"postgresql: building (target {data.target}: {args.cdrs:,} CDRs)")
                    out["machine"]["postgres"] = build_postgres(server.url(base_db), data)
                    store = Path(tmp) / "pg-base-files"
                    write_store(store, data)
                    copies = PgCopies(server, base_db, store)
                    info = {}
                else:
                    raise SystemExit(f"unknown backend {name!r}")
                info["build_s"] = round(time.perf_counter() - started, 1)
                runs = []
                for k in range(args.repeat):
                    run = run_once(copies, data.target, data.expected_target)
                    _log(f"{name}: run {k + 1}/{args.repeat}: plain {run['plain_s']} s, console {run['console_s']} s (x{run['ratio']})")
                    runs.append(run)
                out["backends"][name] = {**info, **summary(runs), "runs": runs}
                if args.diagnose:
                    _log(f"{name}: diagnosing")
                    diag = diagnose(copies, data.target)
                    _log(f"{name}: what if reflection were cached")
                    diag["whatif_cached_reflection"] = whatif_cached_reflection(copies, data.target, max(3, args.repeat))
                    _log(f"{name}: uploaded_files with {args.extra_files:,} more rows")
                    diag["uploaded_files_scaling"] = uploaded_files_scaling(copies, data.target, args.extra_files)
                    out["backends"][name]["diagnosis"] = diag
            finally:
                if server is not None:
                    server.stop()
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
