"""kill -9 of ``minisip-console purge --target NAME`` as a real process, on a real MariaDB target.

The console's database is an SQLite file; the target is Asterisk's ``cdr`` table in the throwaway
MariaDB server, its password in a real Secret Service keyring (as a user adds it). The purge is
killed mid-run, wherever it happens to be: between batches, inside one, or between the console's
receipt and the target's commit (``retention._checkpoint``). Whatever the moment, the next run must
close the killed receipt with exactly the rows that are gone, finish the work and verify it.
Counts are read with PyMySQL and sqlite3, not through the console.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from minisip_console.core.plumbing.locks import mysql_lock_name
from tests.support.asterisk import cdr_rows, create_cdr_table, insert_cdrs
from tests.support.cli import run_console
from tests.support.mariadbserver import MariaDBServer
from tests.support.secret_service import SecretServiceSession

pytestmark = [pytest.mark.keyring, pytest.mark.mariadb]

OLD_ROWS = 30_000  # 31 to 90 days old: past the CDRs' 30 days, 300 batches of 100
NEW_ROWS = 3_000  # 0 to 29 days old: kept


@pytest.fixture
def started() -> Iterator[list[subprocess.Popen[str]]]:
    procs: list[subprocess.Popen[str]] = []
    yield procs
    for proc in procs:
        if proc.poll() is None:
            proc.kill()
        proc.communicate()


def _console(config: Path, database: str, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return run_console(*args, "--database", database, config_dir=config, stdin=stdin)


def _receipts(console: Path) -> list[tuple[int, str, int, str | None]]:
    with closing(sqlite3.connect(console)) as conn:
        return list(conn.execute("SELECT id, state, rows_deleted, in_flight FROM purge_runs ORDER BY id"))


def test_a_target_purge_killed_mid_run_counts_what_is_gone_and_the_next_run_finishes(
    secret_service: SecretServiceSession,
    mariadb_server: MariaDBServer,
    isolated_config: Path,
    tmp_path: Path,
    started: list[subprocess.Popen[str]],
) -> None:
    from minisip_console.core.operators import os_login

    console = tmp_path / "console.db"
    url = f"sqlite:///{console}"
    for args in (("db", "upgrade"), ("operators", "add", os_login(), "--role", "admin", "--name", "Admin")):
        done = _console(isolated_config, url, *args)
        assert done.returncode == 0, done.stderr
    database = mariadb_server.create_database()
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    with mariadb_server.connect(database) as conn:
        create_cdr_table(conn)
        # nothing within a day of the cutoff: the counts below hold whatever second the runs start in
        insert_cdrs(conn, cdr_rows(OLD_ROWS, start=now - dt.timedelta(days=90), end=now - dt.timedelta(days=31)))
        insert_cdrs(conn, cdr_rows(NEW_ROWS, start=now - dt.timedelta(days=29), end=now, seed=18))
        with conn.cursor() as cur:
            cur.execute("CREATE INDEX cdr_calldate ON cdr (calldate)")
    border = f"{now - dt.timedelta(days=30):%Y-%m-%d %H:%M:%S}"

    def count(where: str) -> int:
        with mariadb_server.connect(database) as conn, conn.cursor() as cur:
            cur.execute(f"SELECT count(*) FROM cdr WHERE {where}")
            return int(cur.fetchone()[0])

    newer = set(_rows(mariadb_server, database, f"calldate >= '{border}'"))  # every row to keep, as it is
    assert count(f"calldate < '{border}'") == OLD_ROWS and len(newer) == NEW_ROWS
    add = _console(
        isolated_config,
        url,
        *("retention", "target", "add", "pbx", "--url", mariadb_server.url(database, password=False, driver="mysql")),
        *("--table", "cdr", "--column", "calldate", "--account-column", "accountcode", "--password-stdin"),
        stdin=mariadb_server.password + "\n",
    )
    assert add.returncode == 0, add.stderr

    env = {**os.environ, "MINISIP_CONSOLE_CONFIG_DIR": str(isolated_config)}
    env.pop("PYTHONSTARTUP", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "minisip_console", "purge", "--target", "pbx", "--batch-size", "100", "--database", url],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    started.append(proc)
    assert proc.stderr is not None
    seen = []
    for line in proc.stderr:  # a progress line comes after a batch committed: the run is mid-way
        seen.append(line)
        if ": batch 3:" in line:
            break
    else:
        raise AssertionError("the purge ended before its third batch: " + "".join(seen))
    os.kill(proc.pid, signal.SIGKILL)
    assert proc.wait(timeout=30) == -signal.SIGKILL

    gone = OLD_ROWS - count(f"calldate < '{border}'")
    ((killed, state, counted, raw),) = _receipts(console)
    assert state == "running" and 0 < gone < OLD_ROWS
    flight = json.loads(raw) if raw else None
    # the receipt counts what committed; a batch in flight may or may not have reached the target
    assert counted <= gone <= counted + (flight["rows"] if flight else 0)
    assert counted == gone or flight is not None
    # the dead process's GET_LOCK died with its connection
    with mariadb_server.connect(database) as conn, conn.cursor() as cur:
        cur.execute("SELECT IS_FREE_LOCK(%s)", (mysql_lock_name(f"{database}:purge:cdr"),))
        assert cur.fetchone() == (1,)

    again = _console(isolated_config, url, "purge", "--target", "pbx", "--json")
    assert again.returncode == 0, again.stdout + again.stderr  # not refused: no lock is left behind
    (receipt,) = json.loads(again.stdout)["receipts"]
    assert receipt["ok"] is True and receipt["verified"] is True and receipt["resumed_runs"] == [killed]
    (first, second) = _receipts(console)
    assert first[:3] == (killed, "interrupted", gone) and first[3] is None  # exactly the rows gone at the kill
    assert second[1] == "completed" and second[2] == receipt["rows_deleted"] == OLD_ROWS - gone and second[3] is None
    assert count(f"calldate < '{border}'") == 0  # nothing past the cutoff remains
    assert set(_rows(mariadb_server, database, "1 = 1")) == newer  # nothing newer was deleted
    with closing(sqlite3.connect(console)) as conn:
        (details,) = conn.execute("SELECT details FROM audit_events WHERE action = 'purge.interrupted'").fetchone()
    assert json.loads(details)["rows_deleted"] == gone and json.loads(details)["target_name"] == "pbx"


def _rows(server: MariaDBServer, database: str, where: str) -> list[tuple[object, ...]]:
    with server.connect(database) as conn, conn.cursor() as cur:
        cur.execute(f"SELECT calldate, uniqueid FROM cdr WHERE {where}")
        return list(cur.fetchall())
