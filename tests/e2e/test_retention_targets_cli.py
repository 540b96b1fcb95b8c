"""``minisip-console retention target add|list|check|remove`` as processes, without a keyring.

The console's database is an SQLite file whose OS login is an admin; the targets are an SQLite file
and Asterisk's ``cdr`` table on the throwaway MariaDB server. Everything here is refused or answered
before the OS keyring would be used (a new target is checked with the password piped in before it
is stored); the runs that store a password are in tests/integration/test_retention_targets_keyring.py.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

import pytest

from tests.support.asterisk import cdr_rows, create_cdr_table, insert_cdrs
from tests.support.cli import files_under, run_console
from tests.support.mariadbserver import MariaDBServer, _free_port


@pytest.fixture
def cdr_file(tmp_path: Path) -> Path:
    path = tmp_path / "asterisk.db"
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("CREATE TABLE cdr (calldate DATETIME NOT NULL, accountcode VARCHAR(80) NOT NULL DEFAULT '')")
        conn.execute("CREATE INDEX cdr_calldate ON cdr (calldate)")
    return path


def _console(config: Path, database: str, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return run_console(*args, "--database", database, config_dir=config, stdin=stdin)


def _refused(result: subprocess.CompletedProcess[str], code: int, *messages: str) -> None:
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and result.stderr.startswith("error: "), result.stderr
    for message in messages:
        assert message in result.stderr, result.stderr
    assert result.stdout == ""


def _targets(config: Path, database: str) -> list[dict[str, object]]:
    listed = _console(config, database, "retention", "target", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    data = json.loads(listed.stdout)
    assert data["ok"] is True
    return list(data["targets"])


def test_a_file_target_is_added_listed_checked_and_removed(isolated_config: Path, console_db: str, cdr_file: Path) -> None:
    add = ("retention", "target", "add", "ast", "--url", f"sqlite:///{cdr_file}", "--table", "cdr", "--column", "calldate")
    added = _console(isolated_config, console_db, *add, "--account-column", "accountcode", "--account-format", "acct{id}")
    assert added.returncode == 0, added.stderr
    assert added.stdout.startswith(f"Added retention target ast (SQLite {cdr_file}, cdr.calldate) for cdr.\n")
    assert "  cdr.calldate (DATETIME); accounts in accountcode as acct{id}\n" in added.stdout
    assert "  index on calldate: cdr_calldate\n" in added.stdout and "warning" not in added.stdout

    (listed,) = _targets(isolated_config, console_db)
    assert (listed["name"], listed["url"], listed["table"], listed["column"], listed["account_format"]) == (
        "ast",
        f"sqlite:///{cdr_file}",
        "cdr",
        "calldate",
        "acct{id}",
    )
    text = _console(isolated_config, console_db, "retention", "target", "list")
    assert text.returncode == 0 and text.stdout.startswith("ast ") and "cdr.calldate; accounts in accountcode as acct{id}" in text.stdout

    checked = _console(isolated_config, console_db, "retention", "target", "check", "ast", "--json")
    assert checked.returncode == 0, checked.stderr
    data = json.loads(checked.stdout)
    assert data["reflection"]["indexed"] is True and data["account_column"] == "accountcode" and data["warnings"] == []

    again = _console(isolated_config, console_db, *add)
    _refused(again, 2, "error: A retention target named 'ast' exists already.")

    removed = _console(isolated_config, console_db, "retention", "target", "remove", "ast")
    assert removed.returncode == 0, removed.stderr
    assert removed.stdout == f"Removed retention target ast (SQLite {cdr_file}, cdr.calldate). Its purge receipts keep its name.\n"
    assert _targets(isolated_config, console_db) == []
    _refused(
        _console(isolated_config, console_db, "retention", "target", "check", "ast"),
        2,
        "No retention target named 'ast' (known: none yet).",
    )
    empty = _console(isolated_config, console_db, "retention", "target", "list")
    assert empty.stdout == "No retention target saved yet: the categories purge their own tables only.\n"


def test_a_password_in_the_url_is_refused_and_kept_nowhere(isolated_config: Path, console_db: str, tmp_path: Path) -> None:
    secret = "Qx7-hunter2-target"
    for url in (f"mysql://root:{secret}@127.0.0.1/asterisk", f"mysql://root@127.0.0.1/asterisk?password={secret}"):
        result = _console(
            isolated_config, console_db, "retention", "target", "add", "pbx", "--url", url, "--table", "cdr", "--column", "calldate"
        )
        _refused(result, 2, "retention target" if "?" not in url else "has a secret in its query", "--password-stdin")
        assert secret not in result.stderr
    assert _targets(isolated_config, console_db) == []
    for path in [*files_under(isolated_config), tmp_path / "console.db"]:
        assert secret.encode() not in path.read_bytes(), path


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("add", "bad name", "--url", "mysql://r@h/d", "--table", "cdr", "--column", "calldate"), "is not a usable target name"),
        (("add", "pbx", "--url", "oracle://r@h/d", "--table", "cdr", "--column", "calldate"), "Unsupported database type 'oracle'."),
        (("add", "pbx", "--url", "mysql://r@h/d", "--table", "cdr;--", "--column", "calldate"), "is not a table name"),
        (
            ("add", "pbx", "--url", "mysql://r@h/d", "--table", "cdr", "--column", "calldate", "--account-format", "x"),
            "needs --account-column",
        ),
        (("add", "pbx", "--url", "sqlite:///nowhere/cdr.db", "--table", "cdr", "--column", "calldate"), "does not exist"),
        (("check", "../x"), "is not a usable target name"),
        (("remove", "nobody"), "No retention target named 'nobody'"),
    ],
)
def test_bad_input_is_a_sentence_and_exit_2(isolated_config: Path, console_db: str, args: tuple[str, ...], message: str) -> None:
    _refused(_console(isolated_config, console_db, "retention", "target", *args), 2, message)


def test_only_an_admin_adds_a_target(isolated_config: Path, tmp_path: Path, cdr_file: Path) -> None:
    from minisip_console.core.demo import create_demo

    demo = tmp_path / "demo.db"
    create_demo(f"sqlite:///{demo}", accounts=3, cdrs=10, seed=5)
    args = ("retention", "target", "add", "ast", "--url", f"sqlite:///{cdr_file}", "--table", "cdr", "--column", "calldate")
    refused = run_console(*args, "--operator", "bob", "--database", f"sqlite:///{demo}", config_dir=isolated_config)
    _refused(refused, 1, "cannot add a retention target: that needs the admin role")
    allowed = run_console(*args, "--operator", "alice", "--database", f"sqlite:///{demo}", config_dir=isolated_config)
    assert allowed.returncode == 0, allowed.stderr


# --------------------------------------------------------------------------- MariaDB, refused before the keyring


@pytest.fixture
def pbx(mariadb_server: MariaDBServer) -> str:
    """Asterisk's CDR database: its URL as a user writes it, ``mysql://`` without a driver or a password."""
    database = mariadb_server.create_database()
    with mariadb_server.connect(database) as conn:
        create_cdr_table(conn)
        insert_cdrs(conn, cdr_rows(20, start=dt.datetime(2026, 11, 1), end=dt.datetime(2026, 12, 1)))
    return mariadb_server.url(database, password=False, driver="mysql")


@pytest.mark.mariadb
def test_a_wrong_or_missing_password_is_a_sentence_and_saves_nothing(
    isolated_config: Path, console_db: str, pbx: str, mariadb_server: MariaDBServer
) -> None:
    add = ("retention", "target", "add", "pbx", "--url", pbx, "--table", "cdr", "--column", "calldate")
    where = f"MySQL root@127.0.0.1:{mariadb_server.port}/{pbx.rsplit('/', 1)[1]}"
    wrong = _console(isolated_config, console_db, *add, "--password-stdin", stdin="not-the-password\n")
    _refused(wrong, 1, f"error: Retention target 'pbx': {where}: the server refused the password for user 'root'.", "nothing was saved")
    assert "not-the-password" not in wrong.stderr
    missing = _console(isolated_config, console_db, *add)
    _refused(
        missing, 1, "the server wants a password for user 'root' and none was given.", "Pipe the target's password in with --password-stdin"
    )
    assert _targets(isolated_config, console_db) == []


@pytest.mark.mariadb
def test_an_unreachable_server_is_a_sentence(isolated_config: Path, console_db: str) -> None:
    port = _free_port()
    url = f"mariadb://root@127.0.0.1:{port}/asterisk"
    result = _console(
        isolated_config, console_db, "retention", "target", "add", "pbx", "--url", url, "--table", "cdr", "--column", "calldate", "--json"
    )
    assert result.returncode == 1, result.stderr
    answer = json.loads(result.stdout)
    assert (
        answer["ok"] is False
        and answer["error"] == f"Retention target 'pbx': MariaDB root@127.0.0.1:{port}/asterisk: cannot reach the database server."
    )
