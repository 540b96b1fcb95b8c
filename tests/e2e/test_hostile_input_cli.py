"""Hostile input on the command line: each is bad usage (exit 2) with a sentence, never a traceback.

The reproductions run as processes, on a small demo database made once per module (the tests
only read it or are refused, so it is shared). Last, a fuzzing pass with Hypothesis runs every
command's parser in this process (``cli.main``) with any text in any of its arguments, on a
throwaway SQLite database whose OS login is an admin, so that accepted values reach the
handlers too.
"""

from __future__ import annotations

import argparse
import functools
import io
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minisip_console import cli
from minisip_console.commands import arguments
from tests.support.cli import files_under, run_console
from tests.support.sqlitefile import query

BOB = {"MINISIP_CONSOLE_OPERATOR": "bob"}  # an operator of the demo
HUGE = "99999999999999999999999"


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from minisip_console.core.demo import create_demo

    directory = tmp_path_factory.mktemp("hostile-demo")
    path = directory / "demo.db"
    with pytest.MonkeyPatch.context() as mp:  # module scope: conftest's per-test environment is not set yet
        mp.setenv("MINISIP_CONSOLE_CONFIG_DIR", str(directory / "config"))
        create_demo(f"sqlite:///{path}", accounts=6, cdrs=50, seed=3)
    return path


def _console(config: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return run_console(*args, config_dir=config, env=env)


def _many(config: Path, commands: Sequence[Sequence[str]], env: dict[str, str] | None = None) -> list[subprocess.CompletedProcess[str]]:
    """Independent commands two at a time (the machine is shared)."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(lambda args: _console(config, *args, env=env), commands))


def _refused(result: subprocess.CompletedProcess[str], message: str) -> None:
    """Exit 2, the sentence on stderr, nothing on stdout, no traceback."""
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.stderr.startswith("error: "), result.stderr
    assert message in result.stderr, result.stderr
    assert result.stdout == ""


# --------------------------------------------------------------------------- a password in a URL


@pytest.mark.parametrize("query", ["password={}", "PassWord={}", "pass%77ord={}", "sslpassword={}", "sslmode=require&PASSWORD={}"])
def test_a_password_in_the_urls_query_is_refused_and_kept_nowhere(isolated_config: Path, query: str) -> None:
    secret = "Qx7-hunter2-secret"
    url = "postgresql://ops@db.example.com/minisip?" + query.format(secret)
    added, as_database = _many(
        isolated_config,
        [
            ("profile", "add", "pgq", "--url", url),
            ("db", "status", "--database", url),  # the same one check: --database refuses it too, before connecting
        ],
    )
    for result in (added, as_database):
        _refused(result, "The database URL has a secret in its query")
        assert secret not in result.stderr
    assert not (isolated_config / "profiles.json").exists()
    listed = _console(isolated_config, "profile", "list")
    assert listed.stdout == "No profiles yet.\n"
    for path in files_under(isolated_config):
        assert secret not in path.read_text(errors="replace"), path


def test_libpq_parameters_that_point_at_a_secret_are_refused_and_key_paths_are_not(isolated_config: Path) -> None:
    base = "postgresql://ops@db.example.com/minisip?"
    passfile, keylog, key = _many(
        isolated_config,
        [
            ("profile", "add", "a", "--url", base + "passfile=/home/ops/.pgpass"),
            ("profile", "add", "b", "--url", base + "sslkeylogfile=/tmp/keys"),
            ("profile", "add", "c", "--url", base + "sslkey=/home/ops/client.key&sslcert=/home/ops/client.crt"),
        ],
    )
    _refused(passfile, "names a password file (passfile)")
    _refused(keylog, "names a key log file (sslkeylogfile)")
    assert key.returncode == 0, key.stderr  # a path is not a secret: client-certificate login needs it
    assert "sslkey=%2Fhome%2Fops%2Fclient.key" in _console(isolated_config, "profile", "list").stdout


# --------------------------------------------------------------------------- huge ids


def test_huge_ids_are_usage_errors_not_overflow_tracebacks(isolated_config: Path, demo_file: Path) -> None:
    db = ("--database", f"sqlite:///{demo_file}")
    cases = [
        (
            ("accounts", "grant", HUGE, "--purpose", "support", "--ticket", "SUP-1"),
            "is too large for an account id (at most 2,147,483,647)",
        ),
        (("accounts", "show", HUGE), "is too large for an account id"),
        (("accounts", "end-grant", HUGE), "is too large for a grant id"),
        (("legal", "show", HUGE), "is too large for a request id"),
        (("deletion", "show", HUGE), "is too large for a request id"),
        (("retention", "show", HUGE), "is too large for a run id"),
        (("notices", "bounce", "1.0", "--account", HUGE), "is too large for an account id"),
        (("deletion", "request", "2147483648", "--scope", "account", "--ticket", "SUP-1"), "is too large for an account id"),
    ]
    before = query(demo_file, "SELECT count(*) FROM audit_events")
    results = _many(isolated_config, [(*args, *db) for args, _ in cases], env=BOB)
    for (_, message), result in zip(cases, results, strict=True):
        _refused(result, message)
    assert query(demo_file, "SELECT count(*) FROM audit_events") == before


# --------------------------------------------------------------------------- small lies


def test_an_unknown_option_before_any_command_is_bad_usage_not_a_window(isolated_config: Path) -> None:
    # were the window opened, it would print one JSON line and quit (and exit 0)
    result = _console(isolated_config, "--jsn", env={"MINISIP_CONSOLE_EXIT_AFTER_SHOWN": "1"})
    _refused(result, "unrecognized arguments: --jsn")


def test_a_closed_stdout_stops_the_console_quietly(isolated_config: Path, demo_file: Path) -> None:
    """``deletion list --json | head``: the reader is gone before the console writes."""
    read, write = os.pipe()
    os.close(read)
    try:
        env = {**os.environ, **BOB, "MINISIP_CONSOLE_CONFIG_DIR": str(isolated_config)}
        result = subprocess.run(
            [sys.executable, "-m", "minisip_console", "deletion", "list", "--json", "--database", f"sqlite:///{demo_file}"],
            stdin=subprocess.DEVNULL,
            stdout=write,
            stderr=subprocess.PIPE,
            env=env,
            text=True,
            timeout=120,
        )
    finally:
        os.close(write)
    assert result.stderr == ""  # no BrokenPipeError traceback
    assert result.returncode == 141 == cli.EXIT_PIPE_CLOSED  # 128 + SIGPIPE, as a shell reports a program a pipe stopped


def test_an_unknown_policy_version_names_the_ones_there_are(isolated_config: Path, demo_file: Path) -> None:
    result = _console(isolated_config, "notices", "status", "9.9", "--database", f"sqlite:///{demo_file}", env=BOB)
    _refused(result, "There is no policy version '9.9'.")
    assert "The versions are 1.0, 1.1" in result.stderr
    assert "policy list" not in result.stderr  # no such command


def test_retention_status_accepts_demo_like_deletion_and_legal(isolated_config: Path, demo_file: Path) -> None:
    from minisip_console.core.plumbing.connection import demo_path

    demo = demo_path()
    demo.parent.mkdir(parents=True)
    shutil.copyfile(demo_file, demo)
    results = _many(
        isolated_config, [("retention", "status", "--demo"), ("--demo", "retention", "status"), ("deletion", "list", "--demo")], env=BOB
    )
    for result in results:
        assert "Traceback" not in result.stderr
        assert result.returncode in (0, 1), result.stderr  # 1: the demo keeps CDRs past retention on purpose
    assert results[0].stdout.startswith(f"demo database ({demo}): ")
    assert results[1].stdout == results[0].stdout


def _leaves(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        yield path, parser
        return
    for name, child in subs[0].choices.items():
        yield from _leaves(child, (*path, name))


def _options(parser: argparse.ArgumentParser) -> set[str]:
    return {s for a in parser._actions for s in a.option_strings}


def test_every_command_that_opens_a_database_accepts_demo() -> None:
    leaves = dict(_leaves(cli.build_parser()))
    opening = {path for path, parser in leaves.items() if "--database" in _options(parser)}
    assert {
        ("retention", "status"),
        ("purge",),
        ("accounts", "grant"),
        ("audit", "verify"),
        ("notices", "ledger"),
        ("db", "status"),
    } <= opening
    assert [" ".join(p) for p in sorted(opening) if "--demo" not in _options(leaves[p])] == []
    # --operator (act as a demo operator) wherever the command acts as one: all but these
    no_operator = {
        ("audit", "verify"),
        ("audit", "head"),
        ("audit", "export"),
        ("db", "upgrade"),
        ("db", "status"),
        ("db", "roles"),
        ("demo", "create"),
        ("notices", "send"),
        ("notices", "smtp-set"),
        ("notices", "smtp-show"),
    }
    assert sorted(" ".join(p) for p in opening - no_operator if "--operator" not in _options(leaves[p])) == []


def test_a_long_deletion_source_is_refused_not_cut_short(isolated_config: Path, demo_file: Path) -> None:
    # an account with no request yet: only the source's length can refuse it
    ((account,),) = query(
        demo_file, "SELECT min(id) FROM accounts WHERE status = 'active' AND id NOT IN (SELECT account_id FROM deletion_requests)"
    )
    before = query(demo_file, "SELECT count(*) FROM deletion_requests")
    result = _console(
        isolated_config,
        "deletion",
        "request",
        str(account),
        "--scope",
        "configurations",
        "--ticket",
        "SUP-9",
        "--source",
        "x" * 10_000,
        "--database",
        f"sqlite:///{demo_file}",
        env=BOB,
    )
    _refused(result, "The source is 10,000 characters; at most 300 are kept.")
    assert query(demo_file, "SELECT count(*) FROM deletion_requests") == before


# --------------------------------------------------------------------------- a database another program holds


@pytest.mark.parametrize(
    "command",
    [
        ("deletion", "request", "{account}", "--scope", "configurations", "--ticket", "SUP-77"),
        ("accounts", "grant", "{account}", "--purpose", "support", "--ticket", "SUP-77", "--minutes", "5"),
        ("retention", "set", "cdr", "--days", "30"),
    ],
)
def test_a_write_refused_by_a_locked_file_is_a_sentence_not_a_traceback(
    isolated_config: Path, demo_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]
) -> None:
    """Another program holds SQLite's write lock: the command's own write is refused by the driver
    outside any translated block; the console says so (exit 1) instead of printing a traceback."""
    import sqlite3

    from minisip_console.core.plumbing import db

    copy = tmp_path / "locked.db"
    shutil.copy(demo_file, copy)
    ((account,),) = query(
        copy, "SELECT min(id) FROM accounts WHERE status = 'active' AND id NOT IN (SELECT account_id FROM deletion_requests)"
    )
    before = query(copy, "SELECT count(*) FROM audit_events")
    monkeypatch.setattr(db, "SQLITE_BUSY_SECONDS", 0)  # refused at once, not after the usual wait
    monkeypatch.setenv("MINISIP_CONSOLE_OPERATOR", "alice")  # the demo's admin: every command here is hers to run
    holder = sqlite3.connect(copy, isolation_level=None)
    out, err = io.StringIO(), io.StringIO()
    try:
        holder.execute("BEGIN EXCLUSIVE")
        argv = [part.format(account=account) for part in command] + ["--database", f"sqlite:///{copy}"]
        code = cli.main(argv, stdout=out, stderr=err)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == 1, (code, out.getvalue(), err.getvalue())
    assert err.getvalue().startswith("error: SQLite ") and "database is locked: another program kept writing to it" in err.getvalue()
    assert "try again when it has finished" in err.getvalue() and "Traceback" not in err.getvalue()
    assert query(copy, "SELECT count(*) FROM audit_events") == before  # nothing half-done


# --------------------------------------------------------------------------- fuzzing the parser

#: a value each argument accepts (by its ``dest``), so that one argument at a time can be fuzzed
GOOD = {
    "account_id": "1",
    "request_id": "1",
    "grant_id": "1",
    "hold_id": "1",
    "run_id": "1",
    "request_ids": "1",
    "version": "1.0",
    "purpose": "support",
    "ticket": "SUP-1",
    "scope": "account",
    "name": "fuzz",
    "url": "sqlite:///fuzz.db",
    "login": "nobody",
    "role": "viewer",
    "reason": "other",
    "evidence": "REL-1",
    "granted": "yes",
    "category": "cdr",
    "table": "cdrs",
    "column": "start",
    "recipient": "X",
    "court_order": "CO-1",
    "date_from": "2026-01-01",
    "date_to": "2026-01-31",
    "accounts": "1",
    "account": "1",
    "basis": "law",
    "data": "cdrs",
    "out": "out.csv",
    "until": "2026-12-31",
    "date": "2026-01-01",
}


def _fuzzable(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    """The arguments that take a value (flags take none; --help and the like print and stop)."""
    return [a for a in parser._actions if a.nargs != 0 and not isinstance(a, argparse._SubParsersAction | argparse._HelpAction)]


def _good(action: argparse.Action) -> str:
    return next(iter(action.choices)) if action.choices else GOOD.get(action.dest, "1")  # type: ignore[arg-type]


def _baseline(parser: argparse.ArgumentParser) -> list[tuple[argparse.Action, list[str]]]:
    """The required arguments, each with a value it accepts: ``(action, [value])`` or
    ``(action, [--option, value])``; a required exclusive group gets its first member."""
    out: list[tuple[argparse.Action, list[str]]] = []
    for action in _fuzzable(parser):
        if not action.option_strings:
            out.append((action, [_good(action)]))
        elif action.required:
            out.append((action, [action.option_strings[0], _good(action)]))
    for group in parser._mutually_exclusive_groups:
        if group.required and not any(a.required for a in group._group_actions):
            first = group._group_actions[0]
            out.append((first, [first.option_strings[0]] + ([] if first.nargs == 0 else [_good(first)])))
    return out


COMMANDS = sorted(dict(_leaves(cli.build_parser())).items())
HOSTILE = [
    "",
    " ",
    "0",
    "-1",
    "-0",
    "+1",
    "1.5",
    "1e309",
    "nan",
    "inf",
    "2147483647",
    "2147483648",
    "9223372036854775807",
    "9223372036854775808",
    HUGE,
    "9" * 5000,
    "\u0665",
    "\U0001d7d9",
    "\x00",
    "a\x00b",
    "\udcff",
    "\u202egpj.exe",
    "-",
    "--",
    "--x",
    "-x",
    "9999-12-31",
    "0001-01-01",
    "2026-02-30",
    "1.1",
    "999.999",
    "postgresql://u@h/db?password=x",
    "sqlite://",
    "é" * 300,
    "x" * 10_000,
    "\n",
    "'; DROP TABLE accounts;--",
]
VALUES = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=40), st.integers(min_value=-(2**70), max_value=2**70).map(str))


def _file_name(value: str) -> str:
    """A fuzzed file or folder name kept inside the test's folder (the console would write it)."""
    return "f-" + value.replace("/", "_").replace("\\", "_").lstrip("~")


@pytest.fixture
def fuzz_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    from minisip_console.core.operators import os_login

    monkeypatch.chdir(tmp_path)  # relative names the console writes land here
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    # one parser for every example (argparse does not change a parser by parsing): building it
    # costs more than most commands take to refuse their input
    monkeypatch.setattr(cli, "build_parser", functools.cache(cli.build_parser))
    url = f"sqlite:///{tmp_path / 'fuzz.db'}"
    quiet = io.StringIO()
    assert cli.main(["db", "upgrade", "--database", url], stdout=quiet, stderr=quiet) == 0
    assert (
        cli.main(["operators", "add", os_login(), "--role", "admin", "--name", "Fuzz", "--database", url], stdout=quiet, stderr=quiet) == 0
    )
    return url


@settings(
    max_examples=300,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_any_text_in_any_argument_is_an_answer_not_a_traceback(fuzz_db: str, data: st.DataObject) -> None:
    _fuzz_once(fuzz_db, data, COMMANDS)


#: the saved retention targets' commands (issue 17), fuzzed on their own as well: among every command
#: they would get a handful of examples. ``target add`` with the good values saves the fuzz database's
#: own ``cdrs`` table as a target (an SQLite file: no keyring needed), so ``check`` and ``remove`` reach it
TARGET_COMMANDS = [(path, parser) for path, parser in COMMANDS if path[:2] == ("retention", "target")]


def test_the_target_commands_are_among_the_fuzzed_ones() -> None:
    assert sorted(path for path, _ in TARGET_COMMANDS) == [
        ("retention", "target", a) for a in ("add", "check", "list", "remove", "set-password")
    ]


@settings(
    max_examples=120,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_any_text_in_a_retention_target_command_is_an_answer(fuzz_db: str, data: st.DataObject) -> None:
    if data.draw(st.booleans(), label="saved first"):
        quiet = io.StringIO()
        cli.main(
            [
                "retention",
                "target",
                "add",
                "fuzz",
                "--url",
                "sqlite:///fuzz.db",
                "--table",
                "cdrs",
                "--column",
                "start",
                "--database",
                fuzz_db,
            ],
            stdout=quiet,
            stderr=quiet,
        )
    _fuzz_once(fuzz_db, data, TARGET_COMMANDS)


def _fuzz_once(fuzz_db: str, data: st.DataObject, commands: Sequence[tuple[tuple[str, ...], argparse.ArgumentParser]]) -> None:
    path, parser = data.draw(st.sampled_from(commands), label="command")
    slots = _fuzzable(parser)
    action = data.draw(st.sampled_from([*slots, None]), label="argument")  # None: an extra word at the end
    value = data.draw(VALUES, label="value")
    argv = [*path]
    for owner, part in _baseline(parser):
        if owner is not action:
            argv += part
    if action is None:
        argv.append(value)
    else:
        if action.type is arguments.path:
            value = _file_name(value)
        argv += [value] if not action.option_strings else [action.option_strings[-1], value]
    if "--database" not in argv and "--profile" not in argv and path[0] != "profile":
        argv += ["--database", fuzz_db]
    as_json = data.draw(st.booleans(), label="json")
    if as_json:
        argv.append("--json")
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(argv, stdout=out, stderr=err)

    assert code in (0, 1, 2), (argv, code, out.getvalue(), err.getvalue())
    for printed in (out.getvalue(), err.getvalue()):
        printed.encode("utf-8")  # printable: no lone surrogate from the arguments echoed back raw
    if as_json:
        lines = out.getvalue().splitlines()
        assert len(lines) == 1, (argv, out.getvalue(), err.getvalue())
        answer = json.loads(lines[0])
        if code == 2:
            assert answer["ok"] is False and answer["error"], argv
    elif code == 2:
        assert err.getvalue().startswith("error: ") and len(err.getvalue()) > 12, (argv, err.getvalue())
    else:
        assert out.getvalue() or err.getvalue(), argv
