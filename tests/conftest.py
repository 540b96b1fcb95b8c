"""Fixtures shared by every tier: isolated config and keyring, and real databases.

``db_url`` runs a test on SQLite and on a throwaway PostgreSQL server that the tests start
themselves (``initdb`` + ``pg_ctl`` on a loopback port, a fresh database per test). Where no
PostgreSQL binaries are found the PostgreSQL half is skipped, except under ``CI=true``, where a
missing server is a failure. ``mariadb_url`` is the same for a throwaway MariaDB server (retention
targets in MariaDB/MySQL, issue 17): ``mariadb-install-db`` + ``mariadbd`` on a loopback port.

No test reaches the user's real keyring: every test starts with keyring's ``fail`` backend in
this process (what a machine without a keyring has), a unit test that needs one asks for
``memory_keyring``, and the keyring tests in tests/integration start a private Secret Service.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.keyrings import MemoryKeyring
from tests.support.mariadbserver import MariaDBServer, find_mariadb
from tests.support.pgserver import PostgresServer, find_pg_bin

IN_CI = os.environ.get("CI", "").lower() == "true"


@pytest.fixture(autouse=True)
def isolated_config(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own config, data and log directories: never the user's real ones."""
    directory = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("MINISIP_CONSOLE_CONFIG_DIR", str(directory))
    monkeypatch.setenv("MINISIP_CONSOLE_OPERATOR", "test-operator")
    return directory


@pytest.fixture
def console_db(tmp_path: Path, isolated_config: Path) -> str:
    """A console database (SQLite) made by the command line, with this OS login as its admin."""
    from minisip_console.core.operators import os_login
    from tests.support.cli import run_console

    url = f"sqlite:///{tmp_path / 'console.db'}"
    for args in (("db", "upgrade"), ("operators", "add", os_login(), "--role", "admin", "--name", "Admin")):
        done = run_console(*args, "--database", url, config_dir=isolated_config)
        assert done.returncode == 0, done.stderr
    return url


#: keyring's own switch: child processes (the CLI under test) get no keyring either
FAIL_BACKEND = "keyring.backends.fail.Keyring"


@pytest.fixture(autouse=True)
def no_real_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    """No keyring unless a test sets one, in this process and its children: never the user's."""
    import keyring
    import keyring.backends.fail

    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", FAIL_BACKEND)
    keyring.set_keyring(keyring.backends.fail.Keyring())


@pytest.fixture
def memory_keyring() -> MemoryKeyring:
    """An in-memory keyring for unit tests; its ``entries`` show what was stored."""
    import keyring

    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    return backend


# --------------------------------------------------------------------------- PostgreSQL


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    bin_dir = find_pg_bin()
    if bin_dir is None:
        if IN_CI:
            pytest.fail("CI=true but no PostgreSQL binaries (initdb, pg_ctl) were found: install postgresql")
        pytest.skip("no PostgreSQL binaries (initdb, pg_ctl) on this machine")
    server = PostgresServer(bin_dir)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> str:
    """A fresh, empty database on the throwaway server (URL with its password)."""
    return postgres_server.url(postgres_server.create_database())


# --------------------------------------------------------------------------- MariaDB


@pytest.fixture(scope="session")
def mariadb_server() -> Iterator[MariaDBServer]:
    found = find_mariadb()
    if found is None:
        if IN_CI:
            pytest.fail("CI=true but no MariaDB server (mariadbd, mariadb-install-db) was found: install mariadb-server")
        pytest.skip("no MariaDB server (mariadbd, mariadb-install-db) on this machine")
    server = MariaDBServer(*found)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def mariadb_url(mariadb_server: MariaDBServer) -> str:
    """A fresh, empty database on the throwaway MariaDB server (``mysql+pymysql://`` URL with its
    password, like ``postgres_url``; a saved target's URL has none: ``mariadb_server.url(db, password=False)``)."""
    return mariadb_server.url(mariadb_server.create_database())


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'minisip.db'}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The same test on SQLite and on PostgreSQL: an empty database (no schema yet)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'minisip.db'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def db_engine(db_url: str):  # type: ignore[no-untyped-def]
    """An engine on an empty database upgraded to head."""
    from minisip_console.core.plumbing import db

    engine = db.make_engine(db_url)
    db.upgrade(engine)
    yield engine
    engine.dispose()
