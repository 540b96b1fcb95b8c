"""``minisip-console purge --target NAME`` as a process: a saved target in an SQLite file (Asterisk's
``cdr`` as ``cdr_adaptive_odbc`` writes it), so no keyring is needed. Counts are read with ``sqlite3``."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from contextlib import closing
from pathlib import Path

from tests.support.cli import run_console


def _console(config: Path, database: str, *args: str) -> tuple[int, str, str]:
    done = run_console(*args, "--database", database, config_dir=config)
    return done.returncode, done.stdout, done.stderr


def test_purge_target_json_deletes_past_the_cutoff_with_a_receipt_naming_the_target(isolated_config: Path, tmp_path: Path) -> None:
    from minisip_console.core.operators import os_login

    console = f"sqlite:///{tmp_path / 'console.db'}"
    for args in (("db", "upgrade"), ("operators", "add", os_login(), "--role", "admin", "--name", "Admin")):
        code, _, err = _console(isolated_config, console, *args)
        assert code == 0, err
    cdr = tmp_path / "asterisk.db"
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    with closing(sqlite3.connect(cdr)) as conn, conn:
        conn.execute("CREATE TABLE cdr (calldate DATETIME NOT NULL, accountcode VARCHAR(80) NOT NULL DEFAULT '')")
        conn.execute("CREATE INDEX cdr_calldate ON cdr (calldate)")
        for days in (45, 31, 29, 1):
            conn.execute("INSERT INTO cdr VALUES (?, 'acct1')", (f"{now - dt.timedelta(days=days):%Y-%m-%d %H:%M:%S}",))
    add = ("retention", "target", "add", "ast", "--url", f"sqlite:///{cdr}", "--table", "cdr", "--column", "calldate")
    code, _, err = _console(isolated_config, console, *add, "--account-column", "accountcode", "--account-format", "acct{id}")
    assert code == 0, err

    code, out, err = _console(isolated_config, console, "purge", "--target", "ast", "--dry-run", "--json")
    assert code == 0, err
    (plan,) = json.loads(out)["plans"]
    assert plan["target_name"] == "ast" and plan["rows"] == 2

    code, out, err = _console(isolated_config, console, "purge", "--target", "ast", "--json")
    assert code == 0, err
    data = json.loads(out)
    (receipt,) = data["receipts"]
    assert data["ok"] is True and receipt["target_name"] == "ast" and receipt["target"] == "cdr.calldate"
    assert receipt["state"] == "completed" and receipt["verified"] is True and receipt["rows_deleted"] == 2
    with closing(sqlite3.connect(cdr)) as conn:
        assert conn.execute("SELECT count(*) FROM cdr").fetchone() == (2,)  # the 29- and 1-day-old rows stay

    code, out, err = _console(isolated_config, console, "retention", "status", "--json")
    statuses = json.loads(out)["categories"]
    (mine,) = [s for s in statuses if s.get("target_name") == "ast"]
    assert mine["overdue"] == 0 and mine["last_run"]["target_name"] == "ast"
    code, out, err = _console(isolated_config, console, "retention", "status")
    assert "target ast (cdr.calldate)" in out

    code, out, err = _console(isolated_config, console, "purge", "--target", "nope", "--json")
    assert code == 2 and "No retention target named 'nope'" in out + err and "Traceback" not in err
