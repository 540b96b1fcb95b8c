"""The command line as a process: exit status 0/1/2, --json, and --database/--profile anywhere.

Every command runs as ``python -m minisip_console`` with ``MINISIP_CONSOLE_CONFIG_DIR`` in a
temporary folder and no keyring (the keyring-backed commands are in tests/integration).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from minisip_console import __version__
from minisip_console.core.plumbing import db
from tests.support.cli import files_under, run_console
from tests.support.sqlitefile import sqlite_file

HEAD = db.head_revision()


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    return tmp_path / "console.db"


@pytest.fixture
def url(db_file: Path) -> str:
    return f"sqlite:///{db_file}"


def cli(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_console(*args, config_dir=config)


def _one_json_object(stdout: str) -> dict[str, object]:
    assert stdout.endswith("\n") and stdout.count("\n") == 1, f"not exactly one line on stdout: {stdout!r}"
    data = json.loads(stdout)
    assert isinstance(data, dict)
    return data


# --------------------------------------------------------------------------- usage


def test_version(isolated_config: Path) -> None:
    result = cli(isolated_config, "--version")
    assert (result.returncode, result.stdout, result.stderr) == (0, f"minisip-console {__version__}\n", "")


@pytest.mark.parametrize("args", [["--help"], ["-h"], ["db", "--help"], ["profile", "add", "--help"]])
def test_help_exits_0(isolated_config: Path, args: list[str]) -> None:
    result = cli(isolated_config, *args)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: minisip-console")
    assert result.stderr == ""


def test_help_lists_the_commands(isolated_config: Path) -> None:
    result = cli(isolated_config, "--help")
    for word in ("demo", "db", "profile", "--database URL", "--profile NAME", "--version"):
        assert word in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["frobnicate"], "invalid choice: 'frobnicate'"),
        (["db"], "the following arguments are required: ACTION"),
        (["db", "upgrade", "--frobnicate"], "unrecognized arguments: --frobnicate"),
        (["profile", "add", "prod"], "the following arguments are required: --url"),
    ],
)
def test_bad_usage_exits_2(isolated_config: Path, args: list[str], message: str) -> None:
    result = cli(isolated_config, *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "See: minisip-console --help" in result.stderr
    assert result.stdout == ""


def test_bad_usage_with_json_is_one_json_object(isolated_config: Path) -> None:
    result = cli(isolated_config, "frobnicate", "--json")
    assert result.returncode == 2
    data = _one_json_object(result.stdout)
    assert data["ok"] is False and data["exit_code"] == 2
    assert "invalid choice" in str(data["error"])
    assert result.stderr == ""


# --------------------------------------------------------------------------- db upgrade / status


def test_db_upgrade_creates_the_schema_then_has_nothing_to_do(isolated_config: Path, url: str, db_file: Path) -> None:
    first = cli(isolated_config, "db", "upgrade", "--database", url)
    assert first.returncode == 0, first.stderr
    assert first.stdout == f"SQLite {db_file}: upgraded from an empty database to {HEAD}.\n"
    with sqlite_file(db_file) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(HEAD,)]
    second = cli(isolated_config, "db", "upgrade", "--database", url)
    assert second.returncode == 0
    assert second.stdout == f"SQLite {db_file}: already at {HEAD}; nothing to do.\n"


def test_db_upgrade_json_prints_exactly_one_object(isolated_config: Path, url: str, db_file: Path) -> None:
    result = cli(isolated_config, "db", "upgrade", "--database", url, "--json")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    data = _one_json_object(result.stdout)
    assert data == {"ok": True, "database": f"SQLite {db_file}", "before": [], "head": HEAD, "changed": True}
    again = _one_json_object(cli(isolated_config, "db", "upgrade", "--database", url, "--json").stdout)
    assert (again["changed"], again["before"]) == (False, [HEAD])


def test_db_status_on_an_empty_database_names_the_upgrade_command(isolated_config: Path, url: str) -> None:
    result = cli(isolated_config, "db", "status", "--database", url)
    assert result.returncode == 1
    assert f"run minisip-console db upgrade --database {url}" in result.stdout
    as_json = cli(isolated_config, "db", "status", "--database", url, "--json")
    assert as_json.returncode == 1
    data = _one_json_object(as_json.stdout)
    assert (data["ok"], data["at_head"], data["current"], data["head"]) == (False, False, [], HEAD)


def test_db_status_on_a_newer_schema_says_to_update_the_console(isolated_config: Path, url: str, db_file: Path) -> None:
    assert cli(isolated_config, "db", "upgrade", "--database", url).returncode == 0
    with sqlite_file(db_file) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffffffffffff'")
    result = cli(isolated_config, "db", "status", "--database", url)
    assert result.returncode == 1
    assert result.stdout.endswith("this console needs " + HEAD + ": update minisip-console.\n")


def test_json_is_accepted_before_the_subcommand(isolated_config: Path, url: str) -> None:
    result = cli(isolated_config, "--json", "db", "upgrade", "--database", url)
    assert result.returncode == 0, result.stdout
    assert _one_json_object(result.stdout)["head"] == HEAD


def test_db_status_after_upgrade_is_current(isolated_config: Path, url: str) -> None:
    assert cli(isolated_config, "db", "upgrade", "--database", url).returncode == 0
    result = cli(isolated_config, "db", "status", "--database", url)
    assert result.returncode == 0
    assert f"schema {HEAD}, this console needs {HEAD}: current.\n" in result.stdout
    # an SQLite file other than the demo says who vouches for the operator: nobody but the file
    assert result.stdout.endswith(
        "Single-user file: the file is the trust boundary and separation of duties is not enforced "
        "(anyone who can write the file can act as anyone).\n"
    )


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("mysql://root@db.example.com/minisip", "Unsupported database type 'mysql'."),
        ("not a url", "That is not a database URL."),
        ("postgresql://ops@db.example.com", "The PostgreSQL URL names no database."),
        ("", "No database chosen."),
    ],
)
def test_a_bad_url_exits_2(isolated_config: Path, bad: str, message: str) -> None:
    result = cli(isolated_config, "db", "upgrade", "--database", bad)
    assert result.returncode == 2
    assert f"error: {message}" in result.stderr
    assert result.stdout == ""
    as_json = cli(isolated_config, "db", "upgrade", "--database", bad, "--json")
    assert as_json.returncode == 2
    assert _one_json_object(as_json.stdout)["error"] == message
    assert as_json.stderr == ""


@pytest.mark.parametrize(
    "args",
    [
        ["--database", "{url}", "db", "upgrade"],
        ["db", "upgrade", "--database", "{url}"],
        ["--database", "{url}", "db", "upgrade", "--json"],
        ["db", "upgrade", "--json", "--database", "{url}"],
    ],
)
def test_database_is_accepted_before_and_after_the_subcommand(isolated_config: Path, url: str, args: list[str]) -> None:
    result = cli(isolated_config, *[a.format(url=url) for a in args])
    assert result.returncode == 0, result.stderr
    if "--json" in args:
        assert _one_json_object(result.stdout)["changed"] is True
    status = cli(isolated_config, "--database", url, "db", "status")
    assert status.returncode == 0, status.stdout


def test_database_and_profile_together_are_refused(isolated_config: Path, url: str) -> None:
    result = cli(isolated_config, "db", "upgrade", "--database", url, "--profile", "prod")
    assert result.returncode == 2
    assert "Give either --database or --profile, not both." in result.stderr


def test_an_unknown_profile_exits_2(isolated_config: Path) -> None:
    result = cli(isolated_config, "db", "upgrade", "--profile", "prod")
    assert result.returncode == 2
    assert "No profile named 'prod' (known: none yet)." in result.stderr


def test_db_upgrade_of_a_newer_schema_is_refused_clearly(isolated_config: Path, url: str, db_file: Path) -> None:
    assert cli(isolated_config, "db", "upgrade", "--database", url).returncode == 0
    with sqlite_file(db_file) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffffffffffff'")
    result = cli(isolated_config, "db", "upgrade", "--database", url)
    assert "Traceback" not in result.stderr
    assert result.returncode == 1
    assert f"error: SQLite {db_file} has a newer schema (ffffffffffff) than this console knows ({HEAD})." in result.stderr
    assert "Update minisip-console" in result.stderr
    with sqlite_file(db_file) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [("ffffffffffff",)]


# --------------------------------------------------------------------------- profiles (no keyring needed)


def test_a_sql_looking_profile_name_is_refused_and_nothing_is_written(isolated_config: Path, url: str, db_file: Path) -> None:
    name = "x'; DROP TABLE accounts;--"
    result = cli(isolated_config, "profile", "add", name, "--url", url)
    assert result.returncode == 2
    assert f"error: {name!r} is not a usable profile name." in result.stderr
    assert not (isolated_config / "profiles.json").exists()
    assert [p.name for p in files_under(isolated_config) if p.suffix != ".log"] == []
    assert not db_file.exists()
    listed = cli(isolated_config, "profile", "list", "--json")
    assert _one_json_object(listed.stdout) == {"ok": True, "profiles": []}


def test_a_sqlite_profile_from_add_to_upgrade(isolated_config: Path, url: str, db_file: Path) -> None:
    added = cli(isolated_config, "profile", "add", "demo", "--url", url, "--json")
    assert added.returncode == 0, added.stdout + added.stderr
    assert _one_json_object(added.stdout) == {"ok": True, "profile": "demo", "url": url, "password_stored": False}
    listed = _one_json_object(cli(isolated_config, "profile", "list", "--json").stdout)
    assert listed == {"ok": True, "profiles": [{"name": "demo", "driver": "sqlite", "url": url, "last": False}]}
    status = cli(isolated_config, "db", "status", "--profile", "demo")
    assert status.returncode == 1
    assert "run minisip-console db upgrade --profile demo" in status.stdout
    upgraded = cli(isolated_config, "db", "upgrade", "--profile", "demo")
    assert upgraded.returncode == 0, upgraded.stderr
    assert upgraded.stdout.startswith(f"demo: SQLite {db_file}: upgraded from an empty database to {HEAD}.")
    assert cli(isolated_config, "--profile", "demo", "db", "status").returncode == 0


def test_an_empty_password_on_stdin_is_refused(isolated_config: Path) -> None:
    result = run_console(
        "profile",
        "add",
        "prod",
        "--url",
        "postgresql://ops@db.example.com/minisip",
        "--password-stdin",
        config_dir=isolated_config,
        stdin="\n",
    )
    assert result.returncode == 2
    assert "error: --password-stdin read an empty password." in result.stderr
    assert not (isolated_config / "profiles.json").exists()


def test_a_url_with_a_password_is_refused_without_echoing_it(isolated_config: Path) -> None:
    secret = "hunter2-Xq9"
    result = cli(isolated_config, "profile", "add", "prod", "--url", f"postgresql://ops:{secret}@db.example.com/minisip")
    assert result.returncode == 2
    assert "--password-stdin" in result.stderr
    for stream in (result.stdout, result.stderr):
        assert secret not in stream
    for path in files_under(isolated_config):
        assert secret not in path.read_text(errors="replace"), path


# --------------------------------------------------------------------------- the window or the command line


@pytest.mark.parametrize(
    ("argv", "cli_"),
    [
        ([], False),
        (["--demo"], False),
        (["--database", "sqlite:///x.db"], False),
        (["--database=sqlite:///x.db"], False),
        (["--profile", "prod"], False),
        (["-reverse"], False),  # Qt's own options take one dash
        (["--jsn"], True),  # an unknown option is bad usage, not a window
        (["--demo", "--jsn"], True),
        (["--json"], True),
        (["--version"], True),
        (["db", "status"], True),
        (["--database", "db", "status"], True),
    ],
)
def test_the_window_opens_only_for_its_own_options(argv: list[str], cli_: bool) -> None:
    from minisip_console.app import wants_cli

    assert wants_cli(argv) is cli_


def test_the_demo_can_be_created_and_upgraded_from_the_command_line(isolated_config: Path) -> None:
    created = cli(isolated_config, "demo", "create", "--demo", "--accounts", "3", "--cdrs", "0", "--json")
    assert created.returncode == 0, created.stderr
    assert _one_json_object(created.stdout)["database"] == f"demo database ({isolated_config / 'data' / 'demo' / 'minisip-demo.db'})"
    status = cli(isolated_config, "--demo", "db", "status")
    assert status.returncode == 0, status.stderr
    both = cli(isolated_config, "db", "status", "--demo", "--database", "sqlite:///x.db")
    assert both.returncode == 2 and "Give --demo or --database/--profile, not both." in both.stderr
