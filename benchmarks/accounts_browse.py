"""Benchmark: browsing and searching 1,000,000 accounts, each beside the floor of plain SQL.

For SQLite and PostgreSQL (a throwaway server from ``tests.support.pgserver``; skipped when no
binaries are found), a fresh schema at head is filled with N accounts by a child process
(sqlite3 ``executemany`` / psycopg ``COPY``, not the ORM), and its first admin is named once,
as a deployment does (``core.operators``: ``bootstrap_actor`` + ``add_operator``, what
``minisip-console operators add LOGIN --role admin`` runs): on SQLite the OS login, the only
operator a single-user file knows; on PostgreSQL a secured database as ``tests.support.pgtrust``
makes them (a schema owner that is not a superuser, with CREATEROLE, runs ``db upgrade`` and the
load, and names the first admin, a login of its own with a password). A superuser cannot be the
console's login there: the database refuses it as an operator (``minisip_operator_add``) and the
console opens nothing for a login that is not one. The console (below) connects as that admin,
through ``open_database``, as the window does; the floor reads the tables as the file's user /
the schema owner (an operator may not read the personal columns directly). Then this process
measures, as medians of ``--runs`` runs (the first, cold run is reported beside it):

- ``first_rows``: a new ``AccountsSource``: ``count()`` + ``fetch(0, 500)``;
- ``row_900000``: ``fetch(900000, 500)`` (the page that shows row 900,000; scaled to 90 % of N
  for a smaller ``--accounts``);
- ``search_common`` / ``search_rare``: ``searched(text)``: ``count()`` + ``fetch(0, 500)``
  for a text many accounts match and for one account's whole email (a substring search scans
  the table: no B-tree index helps ``ILIKE '%text%'``);

each beside ``floor``: the same query as plain SQL on the raw driver connection with the same
LIMIT (``SELECT count(*)`` + ``... ORDER BY id LIMIT 500 [OFFSET n]``, the same ``ILIKE`` /
``lower() LIKE`` condition), and ``ratio`` = console / floor.

Then the real Accounts tab (its ``QTableView`` and ``VirtualTableModel``) shown offscreen at
1280x800, each step ending with a synchronous repaint of the viewport (the rows on screen):
``qt_view.first_rows`` (``set_database``: model built, counted, painted), ``jump_900000``
(a refresh, then scrollTo + paint), ``search_common`` / ``search_rare`` (the search field's
text applied, as when its debounce timer fires, + paint). The model reads on workers: each
step waits, as the tests do, until the rows on screen have arrived (``ready``, ``is_loaded``
of every row the viewport shows), turning the event loop, which the model's worker results wake:
no polling interval is added to the figures; a ``fetch_failed``, a crash report or ``--wait-s``
without the rows stops the run with what was being waited for. The view keeps its scroll
position (clamped) across the model's reset, as the window does: after the jump, a search lands
on its last matches, so a common text's figure holds a second scan for the page they are on.
Memory: ``ru_maxrss``
of this process (which never holds the data: the child process loads it) before and after
all measurements, and the tracemalloc peak of Python allocations while the model visits 200
far pages (the LRU keeps 16: memory must stay flat, not grow with the pages seen).

    python benchmarks/accounts_browse.py [--accounts N] [--runs 5] [--databases sqlite,postgresql] [--wait-s 600]

Prints one JSON object on stdout (each database's ``operator``: the login the console acted
as, its role and the trust mode); progress goes to stderr.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PAGE = 500
CHUNK = 50_000
FIRST = [
    "James",
    "Mary",
    "John",
    "Patricia",
    "Robert",
    "Jennifer",
    "Michael",
    "Linda",
    "David",
    "Elizabeth",
    "William",
    "Barbara",
    "Richard",
    "Susan",
    "Joseph",
    "Jessica",
    "Thomas",
    "Sarah",
    "Carlos",
    "Zoë",
    "Émile",
    "Jürgen",
    "Дмитрий",
    "Ольга",
    "Hiroshi",
    "Yuki",
    "Aarav",
    "Fatima",
    "Mohammed",
    "Ana",
    "Lars",
    "Ingrid",
]
LAST = [
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Miller",
    "Davis",
    "Rodriguez",
    "Martinez",
    "Hernandez",
    "Lopez",
    "Gonzalez",
    "Wilson",
    "Anderson",
    "Taylor",
    "Moore",
    "Jackson",
    "Martin",
    "Lee",
    "Müller",
    "Schmidt",
    "Ångström",
    "Иванов",
    "Tanaka",
    "Sato",
    "Kumar",
    "O'Brien",
    "Nguyen",
    "Kowalski",
]
COMPANY = [
    "Acme",
    "Globex",
    "Initech",
    "Umbrella",
    "Hooli",
    "Stark",
    "Wayne",
    "Wonka",
    "Tyrell",
    "Cyberdyne",
    "Soylent",
    "Aperture",
    "Vandelay",
    "Gringotts",
    "Oceanic",
    "Massive Dynamic",
]
SUFFIX = ["Ltd", "GmbH", "Inc", "AB", "SARL", "& Sons", "Telecom", "Telephony"]
STATUSES = ["active"] * 8 + ["suspended", "closed"]
SEARCH_COMMON = "garcia"
T0 = datetime(2023, 1, 1, tzinfo=UTC)


# --------------------------------------------------------------------------- loading (child process)


def _rows(count: int, chunk: int):  # type: ignore[no-untyped-def]
    """Accounts as tuples (id, name, email, company, status, created_at as naive-UTC text), in chunks."""
    rng = random.Random(1)
    batch: list[tuple[Any, ...]] = []
    span = 3 * 365 * 86400
    for i in range(1, count + 1):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        company = f"{rng.choice(COMPANY)} {rng.choice(SUFFIX)}" if rng.random() < 0.7 else None
        email = f"{first.lower()}.{last.lower()}{i}@{'example.com' if company is None else 'corp' + str(i % 997) + '.example'}"
        created = (T0 + timedelta(seconds=span * i // count)).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
        batch.append((i, f"{first} {last}", email, company, rng.choice(STATUSES), created))
        if len(batch) >= chunk:
            yield batch
            batch = []
    if batch:
        yield batch


def load(url: str, count: int) -> None:
    from minisip_console.core.plumbing import db

    engine = db.make_engine(url)
    try:
        db.upgrade(engine)
    finally:
        engine.dispose()
    columns = "id, name, email, company, status, created_at"
    if url.startswith("sqlite"):
        import sqlite3

        conn = sqlite3.connect(url.removeprefix("sqlite:///"))
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        with conn:
            for batch in _rows(count, CHUNK):
                conn.executemany(f"INSERT INTO accounts ({columns}) VALUES (?, ?, ?, ?, ?, ?)", batch)
        conn.execute("ANALYZE")
        conn.close()
    else:
        import psycopg

        with psycopg.connect(url.replace("+psycopg", "")) as conn:
            with conn.cursor() as cur, cur.copy(f"COPY accounts ({columns}) FROM STDIN") as copy:
                for batch in _rows(count, CHUNK):
                    for row in batch:
                        copy.write_row(row)
            conn.commit()
            conn.autocommit = True
            conn.execute("VACUUM ANALYZE accounts")


# --------------------------------------------------------------------------- the operator

ADMIN_NAME = "Benchmark Admin"


def secured_postgres(server: Any) -> Any:
    """An empty database owned by a schema owner that is not a superuser (LOGIN CREATEROLE), as
    ``tests.support.pgtrust.create_secured_database`` makes one but without its sample rows (the
    load writes every account); ``db upgrade`` (which installs the roles and controls) and the
    load run as that owner."""
    import uuid

    import psycopg

    from tests.support.pgtrust import SecuredDatabase

    suffix = uuid.uuid4().hex[:6]
    secured = SecuredDatabase(server, f"accounts_{suffix}", suffix)
    password = "own-" + uuid.uuid4().hex[:12]
    secured.passwords[secured.owner] = password
    with psycopg.connect(server.url().replace("+psycopg", ""), autocommit=True) as conn:
        conn.execute(f"CREATE ROLE {secured.owner} LOGIN CREATEROLE PASSWORD '{password}'")
        conn.execute(f'CREATE DATABASE "{secured.name}" OWNER {secured.owner}')
    return secured


def name_first_admin(url: str, login: str, *, password: str | None = None) -> None:
    """Name the database's first admin, once, as ``minisip-console operators add LOGIN --role admin
    --name NAME`` does: while no admin exists, the session's own login (the file's user on SQLite,
    the schema owner on PostgreSQL) may name one. On PostgreSQL the database creates the login
    role with ``password`` (a SCRAM verifier computed on this side)."""
    from minisip_console.core import operators
    from minisip_console.core.models import Role
    from minisip_console.core.plumbing import db

    engine = db.make_engine(url)
    try:
        with db.session_factory(engine).begin() as session:
            operators.add_operator(session, operators.bootstrap_actor(session), login, Role.ADMIN, ADMIN_NAME, password=password)
    finally:
        engine.dispose()


# --------------------------------------------------------------------------- measuring


def _timed(fn: Callable[[], Any], runs: int) -> dict[str, float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return {"median_ms": round(statistics.median(times) * 1000, 2), "cold_ms": round(times[0] * 1000, 2)}


def _pair(console: Callable[[], Any], floor: Callable[[], Any], runs: int) -> dict[str, Any]:
    floor_t = _timed(floor, runs)  # the floor first: the console never profits from its warm-up alone
    console_t = _timed(console, runs)
    return {
        "console": console_t,
        "floor": floor_t,
        "ratio": round(console_t["median_ms"] / floor_t["median_ms"], 2) if floor_t["median_ms"] else None,
    }


class Floor:
    """The same queries as plain SQL on the raw driver connection."""

    def __init__(self, url: str) -> None:
        self.sqlite = url.startswith("sqlite")
        if self.sqlite:
            import sqlite3

            self.conn: Any = sqlite3.connect(url.removeprefix("sqlite:///"))
            self.mark = "?"
        else:
            import psycopg

            self.conn = psycopg.connect(url.replace("+psycopg", ""), autocommit=True)
            self.mark = "%s"
        self.cols = "id, name, email, company, status, created_at"

    def _all(self, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
        cur = self.conn.cursor()
        cur.execute(sql, params)
        rows = cur.fetchall()
        cur.close()
        return rows

    def email_of(self, account_id: int) -> str:
        return str(self._all(f"SELECT email FROM accounts WHERE id = {self.mark}", (account_id,))[0][0])

    def first_rows(self) -> None:
        self._all("SELECT count(*) FROM accounts")
        self._all(f"SELECT {self.cols} FROM accounts ORDER BY id LIMIT {PAGE}")

    def page_at(self, offset: int) -> None:
        self._all(f"SELECT {self.cols} FROM accounts ORDER BY id LIMIT {PAGE} OFFSET {offset}")

    def search(self, text: str) -> None:
        m = self.mark
        like = "LIKE" if self.sqlite else "ILIKE"  # SQLite's LIKE folds A-Z, as ILIKE does in the C locale
        where = f"name {like} {m} OR email {like} {m} OR company {like} {m}"
        pattern = f"%{text}%"
        self._all(f"SELECT count(*) FROM accounts WHERE {where}", (pattern,) * 3)
        self._all(f"SELECT {self.cols} FROM accounts WHERE {where} ORDER BY id LIMIT {PAGE}", (pattern,) * 3)

    def close(self) -> None:
        self.conn.close()


def _maxrss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # KiB on Linux


def measure(console_url: str, floor_url: str, count: int, runs: int, wait_s: float) -> dict[str, Any]:
    """The figures of one database: the console as the registered operator of ``console_url``
    (``open_database`` refuses any other login), the floor as ``floor_url``."""
    from PySide6.QtWidgets import QApplication

    from minisip_console.core.accounts import AccountsSource
    from minisip_console.core.plumbing.connection import open_database, resolve

    app = QApplication.instance() or QApplication([])
    database = open_database(resolve(database=console_url), require_head=True)
    sessions = database.sessions
    login = database.operator.login  # as the Accounts tab makes its source
    floor = Floor(floor_url)
    far = (count * 9 // 10) // PAGE * PAGE
    rare = floor.email_of(count // 3 + 1)  # one account's whole email (ids make every email unique)
    source = AccountsSource(sessions, login=login)
    result: dict[str, Any] = {
        "accounts": count,
        "far_row": far,
        "search_common": SEARCH_COMMON,
        "search_rare": rare,
        "operator": {"login": login, "role": database.operator.role.value, "trust": database.trust.value},
    }
    rss_before = _maxrss_mb()

    def console_first() -> None:
        s = AccountsSource(sessions, login=login)
        s.count()
        s.fetch(0, PAGE)

    def console_search(text: str) -> Callable[[], None]:
        def run() -> None:
            s = source.searched(text)
            s.count()
            s.fetch(0, PAGE)

        return run

    result["first_rows"] = _pair(console_first, floor.first_rows, runs)
    result["row_900000"] = _pair(lambda: source.fetch(far, PAGE), lambda: floor.page_at(far), runs)
    for name, text in (("search_common", SEARCH_COMMON), ("search_rare", rare)):
        result[name] = {"text": text, **_pair(console_search(text), lambda text=text: floor.search(text), runs)}
        s = source.searched(text)
        result[name]["matches"] = s.count()
        result[name]["count_only_ms"] = _timed(s.count, runs)["median_ms"]
        result[name]["first_page_only_ms"] = _timed(lambda s=s: s.fetch(0, PAGE), runs)["median_ms"]

    # the real Accounts tab (its view, its model) shown offscreen
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtGui import QAction

    from minisip_console.ui import crash
    from minisip_console.ui.accounts.tab import AccountsTab
    from minisip_console.ui.notifier import Notifier
    from minisip_console.ui.table_model import VirtualTableModel

    notifier = Notifier()
    connect_action = QAction("Connect…")
    tab = AccountsTab(notifier, connect_action)
    tab.resize(1280, 800)
    tab.show()
    app.processEvents()

    failures: list[Any] = []  # what a model reported through fetch_failed

    def watched(model: VirtualTableModel | None) -> VirtualTableModel:
        assert model is not None, "the tab has no model after set_database"
        model.fetch_failed.connect(failures.append)
        return model

    def wait(condition: Callable[[], bool], what: str) -> None:
        """As the tests' ``qtbot.waitUntil``: turn the event loop until ``condition`` holds. The
        model's results come from workers as queued signals, which wake the loop (no polling
        interval in the figures); a single-shot timer wakes it to give up after ``wait_s``. A
        failure the model reported, or a worker's crash report, stops the run: rows that never
        came must not pass for rows read fast (a failed page is cached empty)."""
        expired: list[bool] = []
        timer = QTimer()
        timer.setSingleShot(True)
        timer.timeout.connect(lambda: expired.append(True))
        timer.start(int(wait_s * 1000))
        try:
            while True:
                if failures:
                    raise RuntimeError(f"waiting for {what}: the model could not read its rows: {failures[0]}")
                if crash.open_dialogs():
                    raise RuntimeError(f"waiting for {what}: a worker failed:\n{crash.open_dialogs()[0].report}")
                if condition():
                    return
                if expired:
                    raise TimeoutError(f"waited {wait_s:g} s for {what} (--wait-s)")
                app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        finally:
            timer.stop()

    def rows_shown(model: VirtualTableModel) -> bool:
        """The count is in and every row the viewport shows has its page in the cache (no
        "Loading…" placeholder on screen)."""
        if not model.ready:
            return False
        view = tab.view  # built by the first set_database
        top = view.rowAt(0)
        if top < 0:
            return model.rowCount() == 0
        bottom = view.rowAt(view.viewport().height() - 1)
        bottom = bottom if bottom >= 0 else model.rowCount() - 1
        return all(model.is_loaded(row) for row in range(top, bottom + 1))

    def qt_first() -> None:
        tab.set_database(database)
        first = watched(tab.model)
        wait(lambda: rows_shown(first), "the first rows")
        tab.view.viewport().repaint()

    qt: dict[str, Any] = {"first_rows": _timed(qt_first, runs)}
    tab.set_database(database)
    model = watched(tab.model)
    wait(lambda: rows_shown(model), "the first rows")
    view = tab.view
    view.viewport().repaint()

    def qt_jump() -> None:
        model.refresh()  # an empty cache: the page is really fetched
        wait(lambda: model.ready, "the count after a refresh")
        view.scrollTo(model.index(far, 0))
        view.viewport().repaint()  # asks for the pages on screen: they arrive from workers
        wait(lambda: rows_shown(model), f"the rows around {far:,}")
        view.viewport().repaint()

    def qt_search(text: str) -> Callable[[], None]:
        def run() -> None:
            tab.search_field.blockSignals(True)  # no debounce timer: the search itself is measured
            tab.search_field.setText("")
            tab.search_field.blockSignals(False)
            tab._apply_search()  # back to no search (untimed part is tiny: an indexed count)
            wait(lambda: rows_shown(model), "the rows without a search")
            tab.search_field.blockSignals(True)
            tab.search_field.setText(text)
            tab.search_field.blockSignals(False)
            started = time.perf_counter()
            tab._apply_search()  # counted on a worker: the window answers meanwhile
            wait(lambda: rows_shown(model), f"the rows matching {text!r}")
            view.viewport().repaint()
            timings.append(time.perf_counter() - started)

        return run

    qt["jump_900000"] = _timed(qt_jump, runs)
    for name, text in (("search_common", SEARCH_COMMON), ("search_rare", rare)):
        timings: list[float] = []
        for _ in range(runs):
            qt_search(text)()
        qt[name] = {"median_ms": round(statistics.median(timings) * 1000, 2), "cold_ms": round(timings[0] * 1000, 2)}
    tab.search_field.blockSignals(True)
    tab.search_field.setText("")
    tab.search_field.blockSignals(False)
    tab._apply_search()
    wait(lambda: rows_shown(model), "the rows without a search")
    assert model.rowCount() == count, (model.rowCount(), count)
    result["qt_view"] = qt

    # memory: visit 200 far pages through the model; the cache keeps 16
    rng = random.Random(2)
    tracemalloc.start()
    base, _ = tracemalloc.get_traced_memory()
    peaks = []
    for i in range(200):
        row = rng.randrange(count)
        model.index(row, 1).data()  # queued: read on a worker
        wait(lambda row=row: model.is_loaded(row), f"row {row:,}")
        if i in (15, 199):
            peaks.append(tracemalloc.get_traced_memory()[1] - base)
    tracemalloc.stop()
    result["memory"] = {
        "tracemalloc_peak_after_16_pages_mb": round(peaks[0] / 2**20, 2),
        "tracemalloc_peak_after_200_pages_mb": round(peaks[1] / 2**20, 2),
        "cached_pages": len(model.cached_pages),
        "maxrss_before_mb": rss_before,
        "maxrss_after_mb": _maxrss_mb(),
        "maxrss_delta_mb": round(_maxrss_mb() - rss_before, 1),
    }
    tab.clear()
    tab.close()
    database.close()
    floor.close()
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument(
        "--wait-s", type=float, default=600.0, help="give up on a window step whose rows have not arrived after this many seconds"
    )
    parser.add_argument("--_load", nargs=2, metavar=("URL", "N"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args._load:
        load(args._load[0], int(args._load[1]))
        return 0

    from minisip_console.core.operators import os_login
    from tests.support.pgserver import PostgresServer, find_pg_bin

    out: dict[str, Any] = {
        "benchmark": "accounts_browse",
        "accounts": args.accounts,
        "runs": args.runs,
        "page": PAGE,
        "python": platform.python_version(),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
        "databases": {},
    }
    with tempfile.TemporaryDirectory(prefix="minisip-bench-") as tmp:
        os.environ["MINISIP_CONSOLE_CONFIG_DIR"] = str(Path(tmp) / "config")
        server = None
        for name in args.databases.split(","):
            # owner_url: who loads the data, names the first admin and reads the floor;
            # console_url: the first admin, as whom the console connects
            password: str | None = None
            if name == "sqlite":
                owner_url = console_url = f"sqlite:///{Path(tmp) / 'accounts.db'}"
                admin = os_login()  # a single-user file's operator is the OS login
            else:
                bin_dir = find_pg_bin()
                if bin_dir is None:
                    out["databases"][name] = {"skipped": "no PostgreSQL binaries"}
                    continue
                server = PostgresServer(bin_dir)
                server.start()
                secured = secured_postgres(server)
                admin = secured.login("admin")
                password = "admin-" + os.urandom(8).hex()
                secured.passwords[admin] = password
                owner_url, console_url = secured.url("owner"), secured.url("admin")
            try:
                print(f"{name}: loading {args.accounts:,} accounts", file=sys.stderr, flush=True)
                started = time.perf_counter()
                subprocess.run([sys.executable, __file__, "--_load", owner_url, str(args.accounts)], check=True)
                load_s = round(time.perf_counter() - started, 1)
                name_first_admin(owner_url, admin, password=password)
                print(f"{name}: loaded in {load_s} s; {admin} named the first admin; measuring", file=sys.stderr, flush=True)
                out["databases"][name] = {"load_s": load_s, **measure(console_url, owner_url, args.accounts, args.runs, args.wait_s)}
            finally:
                if server is not None:
                    server.stop()
                    server = None
    json.dump(out, sys.stdout, indent=None, sort_keys=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
