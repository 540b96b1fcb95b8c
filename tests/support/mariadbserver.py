"""A throwaway MariaDB server on a loopback port, for the CDR stores that live in MariaDB/MySQL
(issue 17): ``mariadb-install-db`` into a temporary folder, then ``mariadbd`` in the foreground,
owned by the test session and killed with it. Under root the server runs as the ``mysql`` user,
as Debian's package does."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

START_TIMEOUT_S = 60.0


def find_mariadb() -> tuple[Path, Path] | None:
    """(the server, its install-db script): MARIADB_BIN first (a folder holding both), then the PATH
    and Debian's /usr/sbin."""
    folders = [Path(os.environ["MARIADB_BIN"])] if os.environ.get("MARIADB_BIN") else []
    folders += [Path("/usr/sbin"), Path("/usr/bin"), Path("/usr/local/bin"), Path("/opt/homebrew/bin")]
    server = next((p for f in folders for p in (f / "mariadbd", f / "mysqld") if p.exists()), None)
    server = server or next((Path(w) for w in map(shutil.which, ("mariadbd", "mysqld")) if w), None)
    install = next((p for f in folders for p in (f / "mariadb-install-db", f / "mysql_install_db") if p.exists()), None)
    install = install or next((Path(w) for w in map(shutil.which, ("mariadb-install-db", "mysql_install_db")) if w), None)
    return (server, install) if server and install else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class MariaDBServer:
    """A throwaway server: ``start()``, ``url(db)``, ``create_database()``, ``stop()``."""

    def __init__(self, server: Path, install: Path) -> None:
        self.server_bin = server
        self.install_bin = install
        self.base = Path(tempfile.mkdtemp(prefix="minisip-maria-"))
        self.data = self.base / "data"
        self.socket = self.base / "mysqld.sock"
        self.port = _free_port()
        self.user = "root"
        self.password = "maria-test-" + uuid.uuid4().hex[:12]
        self.process: subprocess.Popen[bytes] | None = None
        self._as_root = hasattr(os, "geteuid") and os.geteuid() == 0
        if self._as_root:
            os.chmod(self.base, 0o755)
            shutil.chown(self.base, user="mysql")

    def _user_args(self) -> list[str]:
        return ["--user=mysql"] if self._as_root else []

    def start(self) -> None:
        subprocess.run(
            [
                str(self.install_bin),
                "--no-defaults",
                f"--datadir={self.data}",
                "--auth-root-authentication-method=normal",  # root by password, not by the OS user
                "--skip-test-db",
                *self._user_args(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        log = open(self.base / "server.log", "wb")  # noqa: SIM115 - the server's whole life
        self.process = subprocess.Popen(
            [
                str(self.server_bin),
                "--no-defaults",
                f"--datadir={self.data}",
                f"--socket={self.socket}",
                f"--port={self.port}",
                "--bind-address=127.0.0.1",
                f"--pid-file={self.base / 'mysqld.pid'}",
                "--skip-log-bin",
                "--innodb-flush-log-at-trx-commit=2",  # a test server: durability is not under test here
                "--innodb-buffer-pool-size=256M",
                "--skip-name-resolve",
                *self._user_args(),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        deadline = time.monotonic() + START_TIMEOUT_S
        import pymysql

        while True:
            try:
                conn = pymysql.connect(unix_socket=str(self.socket), user="root", password="")
                break
            except pymysql.err.OperationalError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        "mariadbd did not start: " + (self.base / "server.log").read_text(errors="replace")[-2000:]
                    ) from None
                time.sleep(0.1)
        with conn:
            with conn.cursor() as cur:
                # the tests connect over TCP as clients do, with a password
                cur.execute("CREATE OR REPLACE USER 'root'@'127.0.0.1' IDENTIFIED BY %s", (self.password,))
                cur.execute("GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION")
                cur.execute("ALTER USER 'root'@'localhost' IDENTIFIED BY %s", (self.password,))
            conn.commit()

    def stop(self) -> None:
        try:
            if self.process is not None and self.process.poll() is None:
                self.process.kill()
                self.process.wait(timeout=30)
        finally:
            shutil.rmtree(self.base, ignore_errors=True)

    def url(self, database: str = "", *, password: bool = True, driver: str = "mysql+pymysql") -> str:
        pw = f":{self.password}" if password else ""
        return f"{driver}://{self.user}{pw}@127.0.0.1:{self.port}/{database}"

    def connect(self, database: str | None = None):  # type: ignore[no-untyped-def]
        import pymysql

        return pymysql.connect(host="127.0.0.1", port=self.port, user=self.user, password=self.password, database=database, autocommit=True)

    def create_database(self) -> str:
        name = "t_" + uuid.uuid4().hex[:16]
        with self.connect() as conn, conn.cursor() as cur:
            cur.execute(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4")
        return name
