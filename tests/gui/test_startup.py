"""Start-up as a process: the window is shown before SQLAlchemy is imported; run() connects."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from minisip_console.ui.app import parse_args, request_from_args
from minisip_console.ui.connecting import ConnectRequest
from tests.gui.conftest import build_database

BUILD_AND_RUN = "import sys; from minisip_console.ui.app import run; sys.exit(run(sys.argv[1:]))"


def _env(config: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("MINISIP_CONSOLE_BENCH", "MINISIP_CONSOLE_EXIT_AFTER_SHOWN")}
    env.update({"QT_QPA_PLATFORM": "offscreen", "MINISIP_CONSOLE_CONFIG_DIR": str(config), **extra})
    return env


def test_the_window_is_shown_before_sqlalchemy_is_imported(isolated_config: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", BUILD_AND_RUN, "--demo"],
        env=_env(isolated_config, MINISIP_CONSOLE_EXIT_AFTER_SHOWN="1"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    assert len(lines) == 1, done.stdout
    print(lines[0])
    assert lines[0]["event"] == "shown"
    assert lines[0]["sqlalchemy_imported"] is False


def test_run_connects_in_the_background_and_shows_rows(isolated_config: Path, tmp_path: Path) -> None:
    url = build_database(tmp_path / "run.db", accounts=30)
    done = subprocess.run(
        [sys.executable, "-m", "minisip_console", "--database", url],
        env=_env(isolated_config, MINISIP_CONSOLE_BENCH="1"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    events = [line.split() for line in done.stderr.splitlines() if line.startswith("BENCH ")]
    assert [e[1] for e in events] == ["shown", "rows"], done.stderr
    assert events[0][3] == "sqlalchemy=False"
    from minisip_console.core.compliance import PROMISES

    assert events[1][3] == f"rows={len(PROMISES)}"  # the first screen: the Overview, one row per promise
    assert float(events[0][2]) <= float(events[1][2])
    log = isolated_config / "logs" / "minisip-console.log"
    assert "opened SQLite" in log.read_text(encoding="utf-8")  # the log file was set up, then connected


def test_a_bad_option_is_a_usage_error(isolated_config: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", BUILD_AND_RUN, "--demo", "--profile", "x"],
        env=_env(isolated_config),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "not allowed with argument" in done.stderr


def test_options_become_a_request() -> None:
    assert request_from_args(parse_args(["--demo"])[0]) == ConnectRequest(demo=True)
    assert request_from_args(parse_args(["--profile", "prod"])[0]) == ConnectRequest(profile="prod")
    args, qt_args = parse_args(["--database", "sqlite:///x.db", "-style", "fusion"])
    assert request_from_args(args) == ConnectRequest(database="sqlite:///x.db")
    assert qt_args == ["-style", "fusion"]
    assert request_from_args(parse_args([])[0]) == ConnectRequest()  # the last profile, or the dialog
    assert "sqlite:///x.db" not in ConnectRequest(database="sqlite:///x.db").describe  # a URL may hold a password
