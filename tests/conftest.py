"""Fixtures shared by every tier: isolated config, and real databases.

``db_url`` runs a test on SQLite and on a throwaway PostgreSQL server that the tests start
themselves (``initdb`` + ``pg_ctl`` on a loopback port, a fresh database per test). Where no
PostgreSQL binaries are found the PostgreSQL half is skipped, except under ``CI=true``, where a
missing server is a failure.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

IN_CI = os.environ.get("CI", "").lower() == "true"


@pytest.fixture(autouse=True)
def isolated_config(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own config, data and log directories: never the user's real ones."""
    directory = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("MINISIP_CONSOLE_CONFIG_DIR", str(directory))
    monkeypatch.setenv("MINISIP_CONSOLE_OPERATOR", "test-operator")
    return directory


# --------------------------------------------------------------------------- PostgreSQL


def _pg_bin() -> Path | None:
    candidates = []
    if os.environ.get("PG_BIN"):
        candidates.append(Path(os.environ["PG_BIN"]))
    found = shutil.which("pg_ctl")
    if found:
        candidates.append(Path(found).resolve().parent)
    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    for directory in candidates:
        if (directory / "initdb").exists() and (directory / "pg_ctl").exists():
            return directory
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresServer:
    """A throwaway cluster owned by the test session."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.base = Path(tempfile.mkdtemp(prefix="minisip-pg-"))
        self.data = self.base / "data"
        self.port = _free_port()
        self.user = "postgres"
        self.password = "pg-test-" + uuid.uuid4().hex[:12]
        self._run_as = self._maybe_drop_root()

    def _maybe_drop_root(self) -> list[str]:
        # initdb refuses to run as root: run the server as the unprivileged "postgres" user then
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            shutil.chown(self.base, user="postgres")
            return ["runuser", "-u", "postgres", "--"]
        return []

    def _cmd(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*self._run_as, *args], check=True, capture_output=True, text=True, timeout=120)

    def start(self) -> None:
        pwfile = self.base / "pw"
        pwfile.write_text(self.password)
        if self._run_as:
            shutil.chown(pwfile, user="postgres")
        self._cmd(
            str(self.bin_dir / "initdb"), "-D", str(self.data), "-U", self.user, "--auth=scram-sha-256",
            f"--pwfile={pwfile}", "-E", "UTF8", "--locale=C",
        )
        self._cmd(
            str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-w", "-t", "60", "-l", str(self.base / "log"),
            "-o", f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.base} -c fsync=off -c full_page_writes=off",
            "start",
        )

    def stop(self) -> None:
        try:
            self._cmd(str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.base, ignore_errors=True)

    def url(self, database: str = "postgres", *, password: bool = True) -> str:
        pw = f":{self.password}" if password else ""
        return f"postgresql+psycopg://{self.user}{pw}@127.0.0.1:{self.port}/{database}"

    def create_database(self) -> str:
        import psycopg

        name = "t_" + uuid.uuid4().hex[:16]
        with psycopg.connect(self.url().replace("+psycopg", ""), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return name


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    bin_dir = _pg_bin()
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


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'minisip.db'}"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The same test on SQLite and on PostgreSQL: an empty database (no schema yet)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'minisip.db'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def db_engine(db_url: str):  # type: ignore[no-untyped-def]
    """An engine on an empty database upgraded to head."""
    from minisip_console.core import db

    engine = db.make_engine(db_url)
    db.upgrade(engine)
    yield engine
    engine.dispose()
