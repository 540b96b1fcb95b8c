"""A throwaway PostgreSQL cluster on a loopback port, for tests and benchmarks."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path


def find_pg_bin() -> Path | None:
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
            str(self.bin_dir / "initdb"),
            "-D",
            str(self.data),
            "-U",
            self.user,
            "--auth=scram-sha-256",
            f"--pwfile={pwfile}",
            "-E",
            "UTF8",
            "--locale=C",
        )
        self._cmd(
            str(self.bin_dir / "pg_ctl"),
            "-D",
            str(self.data),
            "-w",
            "-t",
            "60",
            "-l",
            str(self.base / "log"),
            "-o",
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.base} -c fsync=off -c full_page_writes=off",
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
