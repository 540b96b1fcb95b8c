"""A retention target in MariaDB with its password in a real Secret Service keyring (issue 17).

Asterisk's ``cdr`` table (no primary key, no index on ``calldate``) on the throwaway MariaDB server,
added as a user writes it: ``mysql://`` without a driver, the password through ``--password-stdin``.
From then on the password lives only in the keyring: not in the console's database, not in a log,
not on the terminal, not in an error message.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

import keyring
import pytest
import secretstorage

from minisip_console.core.plumbing import secrets
from tests.support.asterisk import cdr_rows, create_cdr_table, insert_cdrs
from tests.support.cli import files_under, run_console
from tests.support.mariadbserver import MariaDBServer
from tests.support.secret_service import SecretServiceSession

pytestmark = [pytest.mark.keyring, pytest.mark.mariadb]

ENTRY = "target:pbx"


def _console(config: Path, database: str, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return run_console(*args, "--database", database, config_dir=config, stdin=stdin)


def test_an_asterisk_table_in_mariadb_is_added_checked_and_removed(
    secret_service: SecretServiceSession,
    mariadb_server: MariaDBServer,
    isolated_config: Path,
    console_db: str,
    tmp_path: Path,
) -> None:
    database = mariadb_server.create_database()
    with mariadb_server.connect(database) as conn:
        create_cdr_table(conn)
        insert_cdrs(conn, cdr_rows(50, start=dt.datetime(2026, 10, 1), end=dt.datetime(2026, 12, 1)))
    url = mariadb_server.url(database, password=False, driver="mysql")  # as a user writes it
    where = f"MySQL root@127.0.0.1:{mariadb_server.port}/{database}"
    password = mariadb_server.password
    outputs: list[str] = []

    def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        result = _console(isolated_config, console_db, "retention", "target", *args, stdin=stdin)
        outputs.extend((result.stdout, result.stderr))
        assert "Traceback" not in result.stderr, result.stderr
        return result

    added = run(
        "add", "pbx", "--url", url, "--table", "cdr", "--column", "calldate", "--account-column", "accountcode", "--password-stdin",
        stdin=password + "\n",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert added.stdout.startswith(f"Added retention target pbx ({where}, cdr.calldate) for cdr; its password is in the OS keyring.\n")
    assert keyring.get_password(secrets.SERVICE, ENTRY) == password
    connection = secretstorage.dbus_init()
    try:
        (item,) = secretstorage.get_default_collection(connection).search_items({"service": secrets.SERVICE, "username": ENTRY})
        assert item.get_secret().decode() == password
    finally:
        connection.close()

    checked = run("check", "pbx")
    assert checked.returncode == 0, checked.stderr
    assert "  primary key: none\n  index on calldate: NONE\n" in checked.stdout
    assert "  create the index with: CREATE INDEX ix_cdr_calldate ON cdr (calldate);\n" in checked.stdout
    assert "  warning: cdr.calldate has no index: every purge batch and the age chart scan the whole table." in checked.stdout

    with mariadb_server.connect(database) as conn, conn.cursor() as cur:
        cur.execute("CREATE INDEX ix_cdr_calldate ON cdr (calldate);")  # what the console said to run
    indexed = run("check", "pbx", "--json")
    assert indexed.returncode == 0, indexed.stderr
    data = json.loads(indexed.stdout)
    assert data["reflection"]["index_name"] == "ix_cdr_calldate" and data["warnings"] == []
    assert data["target"]["url"] == mariadb_server.url(database, password=False, driver="mysql+pymysql")

    listed = run("list", "--json")
    assert [t["name"] for t in json.loads(listed.stdout)["targets"]] == ["pbx"]

    keyring.set_password(secrets.SERVICE, ENTRY, "changed-Elsewhere-9")
    refused = run("check", "pbx")
    assert refused.returncode == 1
    assert f"error: Retention target 'pbx': {where}: the server refused the password for user 'root'." in refused.stderr
    assert "read from the OS keyring entry of retention target 'pbx'" in refused.stderr
    assert "changed-Elsewhere-9" not in refused.stderr
    assert "retention target set-password pbx" in refused.stderr

    stored = run("set-password", "pbx", stdin=password + "\n")
    assert stored.returncode == 0, stored.stderr
    assert stored.stdout.startswith(f"Stored the password of retention target pbx ({where}, cdr.calldate) in the OS keyring.\n")
    assert keyring.get_password(secrets.SERVICE, ENTRY) == password
    assert run("check", "pbx").returncode == 0

    removed = run("remove", "pbx")
    assert removed.returncode == 0, removed.stderr
    assert removed.stdout == (
        f"Removed retention target pbx ({where}, cdr.calldate); its password was taken out of the OS keyring. Its purge receipts keep its name.\n"
    )
    assert keyring.get_password(secrets.SERVICE, ENTRY) is None

    for text in outputs:
        assert password not in text
    written = [*files_under(isolated_config), tmp_path / "console.db"]
    assert any(p.suffix == ".log" for p in written), "the logs were searched too"
    for path in written:
        assert password.encode() not in path.read_bytes(), path
