"""A throwaway PostgreSQL cluster on a loopback port, for tests and benchmarks."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterable
from pathlib import Path

WINDOWS = os.name == "nt"


def program(bin_dir: Path, name: str, *, windows: bool = WINDOWS) -> Path:
    """``initdb`` in ``bin_dir``: ``initdb.exe`` on Windows."""
    return bin_dir / (f"{name}.exe" if windows else name)


def _places(windows: bool) -> list[Path]:
    """Where PostgreSQL's programs usually are: PG_BIN first (set it to choose), then the Windows
    runners' PGBIN, the PATH, Debian's /usr/lib/postgresql, the EDB installer's Program Files,
    and Homebrew's kegs (newest version first)."""
    places = [Path(os.environ[var]) for var in ("PG_BIN", "PGBIN") if os.environ.get(var)]
    found = shutil.which("pg_ctl")
    if found:
        places.append(Path(found).resolve().parent)
    places += _newest_first(Path("/usr/lib/postgresql").glob("*/bin"))
    if windows:
        for root in dict.fromkeys([os.environ.get("ProgramFiles", r"C:\Program Files"), r"C:\Program Files"]):
            places += _newest_first(Path(root, "PostgreSQL").glob("*/bin"))
    for brew in ("/opt/homebrew/opt", "/usr/local/opt"):
        places += _newest_first(Path(brew).glob("postgresql@*/bin"))
    return places


def _newest_first(bins: Iterable[Path]) -> list[Path]:
    """``.../16/bin`` before ``.../9.6/bin`` (by number, not by text)."""

    def version(path: Path) -> tuple[int, ...]:
        digits = re.findall(r"\d+", path.parent.name)
        return tuple(int(d) for d in digits)

    return sorted(bins, key=version, reverse=True)


def find_pg_bin(*, windows: bool = WINDOWS) -> Path | None:
    for directory in _places(windows):
        if program(directory, "initdb", windows=windows).exists() and program(directory, "pg_ctl", windows=windows).exists():
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
            str(program(self.bin_dir, "initdb")),
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
        # a Unix socket in the cluster's own folder on POSIX (never /var/run's); none on Windows
        sockets = "-c unix_socket_directories=''" if WINDOWS else f"-k {self.base}"
        self._cmd(
            str(program(self.bin_dir, "pg_ctl")),
            "-D",
            str(self.data),
            "-w",
            "-t",
            "60",
            "-l",
            str(self.base / "log"),
            "-o",
            f"-c listen_addresses=127.0.0.1 -p {self.port} {sockets} -c fsync=off -c full_page_writes=off",
            "start",
        )

    def stop(self) -> None:
        try:
            self._cmd(str(program(self.bin_dir, "pg_ctl")), "-D", str(self.data), "-m", "immediate", "stop")
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
