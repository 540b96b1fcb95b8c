"""``minisip-console purge`` and ``retention ...`` as processes, on SQLite demo databases.

Every count the tests check is taken independently with ``sqlite3``, never through the console.
The demos are made once per module (``create_demo``) and copied per test: a small one for most
tests and a big one (100,000 CDRs, about 66,000 past the 30-day limit) for the runs that are killed or
interrupted in the middle. No sleeping: the tests read the child's progress lines from its pipe.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import insert, text

from tests.support.cli import run_console
from tests.support.sqlitefile import query

LOGIN = "test-operator"  # tests/conftest.py names the operator; create_demo makes the current login an admin


# --------------------------------------------------------------------------- demo databases


def _make_template(directory: Path, *, cdrs: int, accounts: int) -> Path:
    from minisip_console.core.demo import create_demo

    path = directory / "template.db"
    with pytest.MonkeyPatch.context() as mp:  # module scope: conftest's per-test environment is not set yet
        mp.setenv("MINISIP_CONSOLE_OPERATOR", LOGIN)
        mp.setenv("MINISIP_CONSOLE_CONFIG_DIR", str(directory / "config"))
        create_demo(f"sqlite:///{path}", accounts=accounts, cdrs=cdrs, seed=7)
    return path


@pytest.fixture(scope="module")
def small_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _make_template(tmp_path_factory.mktemp("small-demo"), cdrs=3_000, accounts=15)


@pytest.fixture(scope="module")
def big_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _make_template(tmp_path_factory.mktemp("big-demo"), cdrs=100_000, accounts=20)


def _copy(template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "minisip.db"
    for suffix in ("", "-wal", "-shm"):
        source = template.with_name(template.name + suffix)
        if source.exists():
            shutil.copyfile(source, target.with_name(target.name + suffix))
    return target


@pytest.fixture
def small_db(small_template: Path, tmp_path: Path) -> Path:
    return _copy(small_template, tmp_path)


@pytest.fixture
def big_db(big_template: Path, tmp_path: Path) -> Path:
    return _copy(big_template, tmp_path)


def _url(path: Path) -> str:
    return f"sqlite:///{path}"


# --------------------------------------------------------------------------- independent SQL


def _query(path: Path, sql: str, *params: object) -> list[tuple[object, ...]]:
    return query(path, sql, *params)


def _scalar(path: Path, sql: str, *params: object) -> object:
    return _query(path, sql, *params)[0][0]


def _bound(iso: str) -> str:
    """A cutoff as the console prints it (ISO, UTC) in the text form SQLite stores (to the second)."""
    return dt.datetime.fromisoformat(iso).astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")


def _cdr_starts(path: Path) -> dict[int, str]:
    return {int(i): str(s) for i, s in _query(path, "SELECT id, start FROM cdrs")}  # type: ignore[call-overload]


def _held(path: Path, cutoff: str, table: str = "cdrs", column: str = "start") -> set[int]:
    """Rows older than ``cutoff`` of accounts under a legal hold in force now: a purge keeps them
    (the demo's court order holds one account)."""
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")
    return {
        int(i)
        for (i,) in _query(  # type: ignore[call-overload]
            path,
            f"SELECT id FROM {table} WHERE {column} < ? AND account_id IN (SELECT account_id FROM legal_holds "
            "WHERE released_at IS NULL AND placed_at <= ? AND (expires_at IS NULL OR expires_at > ?))",
            cutoff,
            now,
            now,
        )
    }


def _fingerprint(path: Path) -> tuple[object, ...]:
    """What a refused command must not change."""
    return (
        _query(path, "SELECT count(*), min(start), max(start) FROM cdrs")[0],
        _query(
            path,
            "SELECT category, days, review_by, target_table, timestamp_column, partition_mode FROM retention_policies ORDER BY category",
        ),
        _scalar(path, "SELECT count(*) FROM purge_runs"),
        _scalar(path, "SELECT count(*) FROM audit_events"),
    )


# --------------------------------------------------------------------------- running the console


def _cli(config: Path, db: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return run_console(*args, "--database", _url(db), config_dir=config, env=env)


def _many(
    config: Path, db: Path, commands: Sequence[Sequence[str]], env: dict[str, str] | None = None
) -> list[subprocess.CompletedProcess[str]]:
    """Several independent commands at once (each start-up costs more than the work);
    ``env`` applies to the last one."""
    last = len(commands) - 1
    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(lambda i: _cli(config, db, *commands[i], env=env if i == last else None), range(len(commands))))


def _json(result: subprocess.CompletedProcess[str]) -> dict[str, object]:
    assert result.stdout.count("\n") == 1, result.stdout + result.stderr
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    return data


@pytest.fixture
def started(isolated_config: Path) -> Iterator[list[subprocess.Popen[str]]]:
    """Processes a test starts itself; killed if the test fails before they end."""
    procs: list[subprocess.Popen[str]] = []
    yield procs
    for proc in procs:
        if proc.poll() is None:
            proc.kill()
        proc.communicate()


def _start(procs: list[subprocess.Popen[str]], config: Path, db: Path, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "MINISIP_CONSOLE_CONFIG_DIR": str(config)}
    env.pop("PYTHONSTARTUP", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "minisip_console", *args, "--database", _url(db)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    procs.append(proc)
    return proc


def _wait_for_batch(proc: subprocess.Popen[str]) -> list[str]:
    """Read the child's stderr until it reports a committed batch (the line comes after the commit)."""
    assert proc.stderr is not None
    seen = []
    for line in proc.stderr:
        seen.append(line)
        if ": batch " in line:
            return seen
    raise AssertionError(f"the purge ended before reporting a batch: {''.join(seen)}")


# --------------------------------------------------------------------------- dry run


def test_the_dry_run_counts_what_sql_counts_and_deletes_nothing(small_db: Path, isolated_config: Path) -> None:
    before = _fingerprint(small_db)
    as_json, every = _many(isolated_config, small_db, [("purge", "--dry-run", "--json"), ("purge", "--dry-run", "--category", "all")])
    assert as_json.returncode == 0, as_json.stderr
    assert as_json.stderr == ""
    data = _json(as_json)
    assert data["ok"] is True and data["dry_run"] is True
    (plan,) = data["plans"]  # type: ignore[misc]
    cutoff = _bound(plan["cutoff"])
    held = _held(small_db, cutoff)
    assert held, "the demo holds an account with old CDRs"
    assert plan["rows"] == _scalar(small_db, "SELECT count(*) FROM cdrs WHERE start < ?", cutoff) - len(held)
    assert plan["held"] == len(held)
    assert plan["rows"] > 1_000  # the demo has two months past the limit
    assert plan["target"] == "cdrs.start" and plan["days"] == 30 and plan["warnings"] == []
    assert _bound(plan["oldest"]) == str(_scalar(small_db, "SELECT min(start) FROM cdrs"))[:19]

    # every category with a day limit, as text: the counts match SQL at the cutoff each line names
    assert every.returncode == 0, every.stderr
    assert "dry run, nothing deleted." in every.stdout
    lines = re.findall(
        r"^(\w+): would delete ([0-9,]+) rows of (\w+)\.(\w+) older than \d+ days \(before ([0-9: -]+) UTC\)", every.stdout, re.M
    )
    assert [line[0] for line in lines] == ["cdr", "correspondence", "page_visit"]  # surveys have a review date, no day limit
    for _category, rows, table, column, cutoff_text in lines:
        kept = len(_held(small_db, cutoff_text, table, column))  # every table with an account_id keeps held rows
        assert int(rows.replace(",", "")) == _scalar(small_db, f"SELECT count(*) FROM {table} WHERE {column} < ?", cutoff_text) - kept
    assert f"kept for legal holds: {len(held):,} older rows of held accounts" in every.stdout
    assert _fingerprint(small_db) == before


# --------------------------------------------------------------------------- purge


def test_purge_json_deletes_exactly_the_rows_past_the_cutoff(small_db: Path, isolated_config: Path) -> None:
    starts = _cdr_starts(small_db)
    result = _cli(isolated_config, small_db, "purge", "--json", "--scheduler")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == ""  # no progress lines with --json
    data = _json(result)
    assert data["ok"] is True
    (receipt,) = data["receipts"]  # type: ignore[misc]
    cutoff = _bound(receipt["cutoff"])
    held = _held(small_db, cutoff)
    old = {i for i, s in starts.items() if s < cutoff} - held
    assert old and held and len(old) < len(starts)
    assert (receipt["state"], receipt["ok"], receipt["verified"], receipt["trigger"]) == ("completed", True, True, "scheduler")
    assert receipt["rows_deleted"] == len(old) and receipt["started_by"] == LOGIN
    assert receipt["rows_skipped_held"] == len(held)
    # exactly the old rows went; every row after the cutoff is still there
    assert set(_cdr_starts(small_db)) == set(starts) - old
    state, rows = _query(small_db, "SELECT state, rows_deleted FROM purge_runs WHERE id = ?", receipt["id"])[0]
    assert (state, rows) == ("completed", len(old))
    assert _scalar(small_db, "SELECT count(*) FROM audit_events WHERE action = 'purge.run' AND target_id = ?", str(receipt["id"])) == 1

    shown = _cli(isolated_config, small_db, "retention", "show", str(receipt["id"]), "--json")
    assert shown.returncode == 0 and _json(shown)["receipt"] == receipt


def test_purge_all_prints_progress_and_receipts_and_status_turns_green(small_db: Path, isolated_config: Path) -> None:
    before = _cli(isolated_config, small_db, "retention", "status")
    assert before.returncode == 1
    # the verdict allows the purge interval (1 day): "late" rows are older than 31 days
    assert "not every retention promise is kept (" in before.stdout and "\nBROKEN      cdr " in before.stdout
    assert "rows are older than 31 days" in before.stdout and "the scheduled purge last ran 61 days ago" in before.stdout

    # as the OS scheduler runs it: a purge by hand alone leaves the categories at risk (never scheduled)
    result = _cli(isolated_config, small_db, "purge", "--category", "all", "--batch-size", "500", "--scheduler")
    assert result.returncode == 0, result.stdout + result.stderr
    batches = [line for line in result.stderr.splitlines() if " cdr: batch " in line]
    assert len(batches) >= 3  # 500-row batches of the CDRs past the limit, one line each
    assert all("rows deleted" in line and "rows/s" in line and "ETA" in line for line in batches)
    # nothing is counted up front: the first line says so (not "0 rows ... to delete"), the total is "about" until the end
    first = next(line for line in result.stderr.splitlines() if " cdr: " in line)
    assert first.endswith("; counting them as it goes") and "0 rows older than" not in result.stderr
    assert " of about " in batches[0] and " of about " not in batches[-1]
    for category in ("cdr", "correspondence", "page_visit"):
        assert f"({category}, " in result.stdout
    assert result.stdout.count("verified: nothing older than the cutoff remains") == 3

    after, listed = _many(isolated_config, small_db, [("retention", "status", "--json"), ("retention", "receipts", "--limit", "4")])
    assert after.returncode == 0, after.stdout
    assert all(c["kept"] and c["problems"] == [] for c in _json(after)["categories"])  # type: ignore[union-attr,index]
    assert all(c["verdict"] == "kept" and c["reasons"] == [] for c in _json(after)["categories"])  # type: ignore[union-attr,index]
    assert listed.returncode == 0
    assert [line.split()[4] for line in listed.stdout.splitlines()[1:]] == ["page_visit", "correspondence", "cdr", "cdr"]


def test_a_second_purge_is_refused_while_one_holds_the_lock(small_db: Path, isolated_config: Path) -> None:
    from minisip_console.core import retention
    from minisip_console.core.models import PurgeRun, utcnow
    from minisip_console.core.plumbing import db, locks

    engine = db.make_engine(_url(small_db))
    try:
        with locks.exclusive(engine, retention.LOCK_NAME):
            with engine.begin() as conn:  # the receipt a live purge keeps while it runs
                run_id = conn.execute(
                    insert(PurgeRun).values(
                        category="cdr",
                        state="running",
                        cutoff=utcnow(),
                        dry_run=False,
                        started_at=utcnow(),
                        started_by="bob",
                        trigger="operator",
                        host="pbx-ops-1",
                        pid=4242,
                    )
                ).inserted_primary_key[0]
            before = _fingerprint(small_db)
            text, as_json = _many(isolated_config, small_db, [("purge",), ("purge", "--json")])
            assert _fingerprint(small_db) == before
    finally:
        engine.dispose()
    assert text.returncode == 1
    assert f"A purge is already running on this database: run {run_id} (cdr), started by bob" in text.stderr
    assert "pbx-ops-1 (process 4242)" in text.stderr
    data = _json(as_json)
    assert as_json.returncode == 1 and (data["ok"], data["exit_code"]) == (False, 1)
    assert f"run {run_id} (cdr)" in str(data["error"])


def test_a_purge_killed_mid_run_is_finished_by_the_next_one(
    big_db: Path, isolated_config: Path, started: list[subprocess.Popen[str]]
) -> None:
    starts = _cdr_starts(big_db)
    proc = _start(started, isolated_config, big_db, "purge", "--batch-size", "2000")
    _wait_for_batch(proc)
    os.kill(proc.pid, signal.SIGKILL)
    assert proc.wait(timeout=30) == -signal.SIGKILL

    # the receipt still says running, and it matches the table: every batch committed with it
    (killed_id, state, deleted), *others = _query(big_db, "SELECT id, state, rows_deleted FROM purge_runs WHERE state = 'running'")
    assert others == [] and state == "running"
    assert 0 < int(deleted) < 66_000  # type: ignore[call-overload]
    assert _scalar(big_db, "SELECT count(*) FROM cdrs") == len(starts) - int(deleted)  # type: ignore[call-overload]

    again = _cli(isolated_config, big_db, "purge", "--json")
    assert again.returncode == 0, again.stdout + again.stderr
    (receipt,) = _json(again)["receipts"]  # type: ignore[misc]
    assert receipt["ok"] is True and receipt["resumed_runs"] == [killed_id]
    assert _query(big_db, "SELECT state FROM purge_runs WHERE id = ?", killed_id) == [("interrupted",)]
    cutoff = _bound(receipt["cutoff"])
    held = _held(big_db, cutoff)
    assert _scalar(big_db, "SELECT count(*) FROM cdrs WHERE start < ?", cutoff) == len(held) == receipt["rows_skipped_held"]
    kept = {i for i, s in starts.items() if s >= cutoff} | held
    assert set(_cdr_starts(big_db)) == kept  # nothing after the cutoff was touched
    assert int(deleted) + receipt["rows_deleted"] == len(starts) - len(kept)  # type: ignore[call-overload]


def test_ctrl_c_stops_between_batches_with_a_cancelled_receipt(
    big_db: Path, isolated_config: Path, started: list[subprocess.Popen[str]]
) -> None:
    total = len(_cdr_starts(big_db))
    proc = _start(started, isolated_config, big_db, "purge", "--batch-size", "2000")
    _wait_for_batch(proc)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 1, out + err
    assert "SIGINT: stopping after the current batch" in err
    assert ": cancelled after " in out and "run it again to go on" in out
    ((state, deleted),) = _query(big_db, "SELECT state, rows_deleted FROM purge_runs WHERE state NOT IN ('completed')")
    assert state == "cancelled" and 0 < int(deleted) < 66_000  # type: ignore[call-overload]
    assert _scalar(big_db, "SELECT count(*) FROM cdrs") == total - int(deleted)  # type: ignore[call-overload]


# --------------------------------------------------------------------------- policies and targets


def test_set_a_policy_and_check_a_target(small_db: Path, isolated_config: Path) -> None:
    conn = sqlite3.connect(small_db)  # an Asterisk-style table with no index on its timestamp
    conn.execute("CREATE TABLE cdr (calldate DATETIME NOT NULL, src VARCHAR(80), dst VARCHAR(80))")
    conn.commit()
    conn.close()
    review = (dt.datetime.now(dt.UTC).date() + dt.timedelta(days=90)).isoformat()
    changed, target, bob = _many(  # one writer at a time: the audit log is a chain
        isolated_config,
        small_db,
        [
            ("retention", "set", "cdr", "--days", "14", "--review-by", review, "--json"),
            ("retention", "check-target", "cdr", "calldate"),
            ("retention", "set", "cdr", "--days", "7"),  # as bob, an operator: refused
        ],
        env={"MINISIP_CONSOLE_OPERATOR": "bob"},
    )
    policy = _json(changed)["policy"]
    assert changed.returncode == 0, changed.stderr  # the current login is an admin in the demo
    assert (policy["days"], policy["review_by"], policy["breaks_promise"]) == (14, review, False)  # type: ignore[index]
    assert _query(small_db, "SELECT days, review_by FROM retention_policies WHERE category = 'cdr'") == [(14, review)]
    assert target.returncode == 0, target.stderr
    assert "cdr.calldate (DATETIME) can be a retention target." in target.stdout
    assert "index on calldate: NONE" in target.stdout
    assert "create the index with: CREATE INDEX ix_cdr_calldate ON cdr (calldate);" in target.stdout
    assert bob.returncode == 1
    assert "cannot change a retention policy: that needs the admin role" in bob.stderr
    assert _query(small_db, "SELECT days FROM retention_policies WHERE category = 'cdr'") == [(14,)]


#: (arguments, what the message says): each is refused with exit 2 before anything changes;
#: the ``--json`` ones print the refusal as one JSON object on stdout and nothing on stderr
BAD_INPUT: tuple[tuple[tuple[str, ...], str], ...] = (
    (("purge", "--batch-size", "0"), "--batch-size: must be 1 or more"),
    (("purge", "--category", "voicemail", "--json"), "Unknown data category 'voicemail'."),
    (("retention", "set", "cdr", "--days", "0"), "A retention of 0 days would delete everything at once."),
    (("retention", "set", "cdr", "--days", "-3", "--json"), "A retention of -3 days would delete everything at once."),
    (("retention", "set", "cdr", "--review-by", "2026-13-45"), "--review-by '2026-13-45' is not a date."),
    (("retention", "check-target", "cdrs; DROP TABLE x", "start"), "'cdrs; DROP TABLE x' is not a table name."),
    (("retention", "check-target", "no_such_table", "start", "--json"), "The database has no table 'no_such_table'."),
    (("retention", "check-target", "cdrs", "src"), "cdrs.src is VARCHAR(80), not a date and time."),
)


def test_bad_input_exits_2_with_a_clear_message_and_changes_nothing(small_db: Path, isolated_config: Path) -> None:
    before = _fingerprint(small_db)
    results = _many(isolated_config, small_db, [args for args, _ in BAD_INPUT])
    for (args, message), result in zip(BAD_INPUT, results, strict=True):
        assert result.returncode == 2, (args, result.stdout, result.stderr)
        if "--json" in args:
            data = _json(result)
            assert (data["ok"], data["exit_code"]) == (False, 2), args
            assert message in str(data["error"]), (args, data)
            assert result.stderr == "", args
        else:
            assert message in result.stderr, (args, result.stderr)
            assert result.stdout == "", args
    assert _fingerprint(small_db) == before


# --------------------------------------------------------------------------- a run that fails closes its receipt


def _newest_receipt(path: Path) -> tuple[int, str, str, int]:
    ((run_id, state, error, deleted),) = _query(path, "SELECT id, state, error, rows_deleted FROM purge_runs ORDER BY id DESC LIMIT 1")
    return int(run_id), str(state), str(error), int(deleted)  # type: ignore[call-overload]


def test_a_database_locked_mid_purge_ends_failed_with_the_reason_not_killed(
    big_db: Path, isolated_config: Path, started: list[subprocess.Popen[str]]
) -> None:
    """Another writer takes SQLite's write lock after the first batch and keeps it past the console's
    busy timeout (5 s) twice: the batch fails, then the receipt's first close; the run says it is
    trying again, the writer lets go, and the receipt is closed as failed with the reason."""
    total = len(_cdr_starts(big_db))
    proc = _start(started, isolated_config, big_db, "purge", "--batch-size", "500")
    seen = _wait_for_batch(proc)
    assert proc.stderr is not None
    other = sqlite3.connect(big_db, isolation_level=None, timeout=60)
    try:
        other.execute("BEGIN EXCLUSIVE")  # between two batches: the next one waits for it
        for line in proc.stderr:
            seen.append(line)
            if "cannot record the run as failed yet" in line:
                break
        else:
            raise AssertionError(f"the purge ended without saying it was waiting to record its failure: {''.join(seen)}")
    finally:
        if other.in_transaction:
            other.execute("ROLLBACK")
        other.close()
    out, err = proc.communicate(timeout=60)
    err = "".join(seen) + err
    assert proc.returncode == 1, out + err
    assert "The purge of call detail records (cdrs) stopped: " in err and "database is locked" in err
    run_id, state, error, deleted = _newest_receipt(big_db)
    assert (state, "database is locked" in error) == ("failed", True), error
    assert f"(run {run_id} records it as failed, with the reason)" in err
    assert 0 < deleted < 66_000 and _scalar(big_db, "SELECT count(*) FROM cdrs") == total - deleted

    again = _cli(isolated_config, big_db, "purge", "--json")
    assert again.returncode == 0, again.stdout + again.stderr
    (receipt,) = _json(again)["receipts"]  # type: ignore[misc]
    assert receipt["ok"] is True and receipt["resumed_runs"] == []  # nothing was left running: nothing called killed
    assert _newest_receipt(big_db)[0] == receipt["id"]
    assert _query(big_db, "SELECT state, error FROM purge_runs WHERE id = ?", run_id) == [("failed", error)]
    assert _scalar(big_db, "SELECT count(*) FROM audit_events WHERE action = 'purge.interrupted'") == 0


@pytest.mark.postgres
def test_a_table_locked_on_postgresql_fails_the_purge_with_a_failed_receipt(postgres_url: str, isolated_config: Path) -> None:
    """``LOCK TABLE cdrs IN ACCESS EXCLUSIVE MODE`` held in another session; the console's process
    gives up after lock_timeout (PGOPTIONS) instead of waiting for it."""
    from minisip_console.core.models import Cdr, Operator
    from minisip_console.core.plumbing import db
    from tests.support.cli import console_login

    engine = db.make_engine(postgres_url)
    try:
        db.upgrade(engine)
        now = dt.datetime.now(dt.UTC)
        with engine.begin() as conn:
            conn.execute(insert(Operator).values(login=console_login(engine), display_name="Ops", role="operator"))
            conn.execute(insert(Cdr), [{"start": now - dt.timedelta(days=d, hours=1), "src": "100", "dst": "200"} for d in range(60)])
        with engine.connect() as other:
            other.execute(text("LOCK TABLE cdrs IN ACCESS EXCLUSIVE MODE"))
            failed = run_console("purge", "--database", postgres_url, config_dir=isolated_config, env={"PGOPTIONS": "-c lock_timeout=300"})
            other.rollback()
        assert failed.returncode == 1, failed.stdout + failed.stderr
        assert "The purge of call detail records (cdrs) stopped: " in failed.stderr and "lock timeout" in failed.stderr
        with engine.connect() as conn:
            ((run_id, state, error),) = conn.execute(text("SELECT id, state, error FROM purge_runs")).all()
        assert state == "failed" and "lock timeout" in error

        again = run_console("purge", "--json", "--database", postgres_url, config_dir=isolated_config)
        assert again.returncode == 0, again.stdout + again.stderr
        (receipt,) = _json(again)["receipts"]  # type: ignore[misc]
        assert receipt["ok"] is True and receipt["resumed_runs"] == [] and receipt["rows_deleted"] == 30
        with engine.connect() as conn:
            assert conn.execute(text("SELECT state, error FROM purge_runs WHERE id = :i"), {"i": run_id}).one() == ("failed", error)
    finally:
        engine.dispose()


def test_counts_are_said_in_the_singular_and_a_small_share_is_not_0_percent() -> None:
    """In-process: the words the purge and the retention commands print for counts of one."""
    from minisip_console.commands import retention as cli
    from minisip_console.core.retention import PurgeProgress, Receipt

    cutoff = dt.datetime(2026, 10, 30, 12, 0, tzinfo=dt.UTC)
    one = Receipt(
        id=7,
        category="cdr",
        state="completed",
        cutoff=cutoff,
        target="cdrs.start",
        started_at=cutoff,
        finished_at=cutoff,
        started_by="bob",
        trigger="operator",
        rows_estimated=1,
        rows_deleted=1,
        oldest_deleted=cutoff,
        newest_deleted=cutoff,
        batches=1,
        duration_ms=5,
        partitions=("cdrs_w01",),
        resumed_runs=(),
        rows_skipped_held=1,
        verified=True,
        oldest_remaining=cutoff,
        error=None,
        host="ops-1",
        pid=1,
    )
    text_ = cli.describe_receipt(one)
    assert "1 row deleted (including 1 whole partition)" in text_ and "in 1 batch\n" in text_
    assert "kept for legal holds: 1 older row of held accounts" in text_
    assert " 1 rows" not in text_ and "1 batches" not in text_
    progress = PurgeProgress(7, "cdr", 5, 13_261, 1, 0.5, cutoff, cutoff)
    line = cli._progress_line(progress)
    assert "5 of about 13,261 rows deleted (less than 1%)" in line and "(0%)" not in line
    assert cli._first_line(PurgeProgress(7, "cdr", 0, 0, 0, 0.0, None, cutoff)).endswith("counting them as it goes")
    assert "1 row older than" in cli._first_line(PurgeProgress(7, "cdr", 0, 1, 0, 0.0, None, cutoff, exact=True))


def test_status_shows_each_categorys_verdict_reasons_interval_and_scheduled_run(small_db: Path, isolated_config: Path) -> None:
    result = _cli(isolated_config, small_db, "retention", "status", "--json")
    assert result.returncode == 1
    data = _json(result)
    by = {c["category"]: c for c in data["categories"]}  # type: ignore[union-attr,index]
    assert list(by) == ["cdr", "correspondence", "survey", "page_visit"]
    cdr = by["cdr"]
    # the old keys are still there, with the new ones beside them
    assert {"kept", "problems", "overdue", "held", "cutoff", "last_run", "policy"} <= set(cdr)
    assert cdr["verdict"] == "broken" and cdr["kept"] is False and cdr["interval_days"] == 1
    assert cdr["policy"]["interval_days"] == 1
    # counted independently: CDRs older than 31 days at the status's own moment, held accounts aside
    late_cutoff = _bound(cdr["late_cutoff"])
    assert _bound(cdr["now"]) == _bound(data["categories"][3]["now"])  # type: ignore[index]  # one moment for every category
    late = _scalar(small_db, "SELECT count(*) FROM cdrs WHERE start < ?", late_cutoff)
    assert cdr["late"] == late - len(_held(small_db, late_cutoff)) > 0
    assert cdr["reasons"][0].startswith(f"{cdr['late']:,} rows are older than 31 days")
    assert cdr["last_scheduled"]["trigger"] == "scheduler" and cdr["scheduled_age_days"] == 61 and cdr["scheduled_overdue"]
    assert any("The scheduled purge last ran 61 days ago" in r for r in cdr["reasons"])
    assert by["survey"]["verdict"] == "kept" and by["survey"]["last_scheduled"] is None
    assert by["correspondence"]["last_scheduled"] is None and by["correspondence"]["verdict"] in ("at risk", "broken")

    # the interval is a policy setting: bad values are refused before opening, a good one is kept
    bad = _cli(isolated_config, small_db, "retention", "set", "cdr", "--interval", "0")
    assert bad.returncode == 2 and "purge interval" in bad.stderr
    weekly = _cli(isolated_config, small_db, "retention", "set", "cdr", "--interval", "7")
    assert weekly.returncode == 0, weekly.stderr
    assert "30 days, purged every 7 days" in weekly.stdout
    assert _scalar(small_db, "SELECT interval_days FROM retention_policies WHERE category = 'cdr'") == 7
    assert _scalar(small_db, "SELECT days FROM retention_policies WHERE category = 'cdr'") == 30  # unchanged
    text = _cli(isolated_config, small_db, "retention", "status")
    assert "cdrs.start: 30 days, purged every 7 days" in text.stdout and "older than 37 days" in text.stdout
