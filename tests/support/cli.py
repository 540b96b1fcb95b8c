"""Run the console as a separate process, the way an operator or the OS scheduler does."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path


def run_console(
    *args: str,
    config_dir: Path,
    stdin: str | None = None,
    env: Mapping[str, str] | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    """``python -m minisip_console ARGS`` with its own config directory; never raises on exit status."""
    full_env = {**os.environ, **(env or {}), "MINISIP_CONSOLE_CONFIG_DIR": str(config_dir)}
    full_env.pop("PYTHONSTARTUP", None)
    return subprocess.run(
        [sys.executable, "-m", "minisip_console", *args],
        input=stdin if stdin is not None else "",
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def files_under(directory: Path) -> list[Path]:
    return sorted(p for p in directory.rglob("*") if p.is_file())


def console_login(engine: object) -> str:
    """The login a console process acts as on this database (not the demo): PostgreSQL's login
    named in the URL, or the OS login on an SQLite file (``core.operators``)."""
    from minisip_console.core.operators import os_login

    url = engine.url  # type: ignore[attr-defined]
    return str(url.username) if url.get_backend_name() == "postgresql" else os_login()


def unmark_demo(path: Path) -> Path:
    """A copy of the demo made into an ordinary SQLite file (a single-user setup): its demo mark
    removed, so ``--operator`` and ``MINISIP_CONSOLE_OPERATOR`` no longer apply to it."""
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("DELETE FROM console_settings WHERE key = 'demo'")
    return path
