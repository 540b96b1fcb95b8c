"""``minisip-console deletion ...`` as processes, on SQLite demo databases.

Every count the tests check is taken independently with ``sqlite3``, never through the console:
the tables that hold an account's rows are found from SQLite's own foreign-key list. The demo is
made once per module (``create_demo``; its approved request is then rejected, so a run touches
only the requests a test files) and copied per test with its file store. No sleeping: the
killed (or Ctrl+C'd) run is stopped when its stderr shows the step that deletes the account's CDRs.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.support.cli import run_console, unmark_demo
from tests.support.sqlitefile import query

LOGIN = "test-operator"  # tests/conftest.py names the operator; create_demo makes the current login an admin
EXTRA_CDRS = 200_000


# --------------------------------------------------------------------------- demo databases


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from minisip_console.core import deletion
    from minisip_console.core.demo import create_demo
    from minisip_console.core.operators import identify
    from minisip_console.core.plumbing import db

    directory = tmp_path_factory.mktemp("deletion-demo")
    path = directory / "template.db"
    with pytest.MonkeyPatch.context() as mp:  # module scope: conftest's per-test environment is not set yet
        mp.setenv("MINISIP_CONSOLE_OPERATOR", LOGIN)
        mp.setenv("MINISIP_CONSOLE_CONFIG_DIR", str(directory / "config"))
        create_demo(f"sqlite:///{path}", accounts=15, cdrs=3_000, seed=7)
        engine = db.make_engine(f"sqlite:///{path}")
        try:  # the demo's approved request would run too: withdraw it, so a run touches only ours
            sessions = db.session_factory(engine)
            with sessions() as session:
                carol = identify(session, "carol")
            (approved,) = deletion.list_requests(sessions, states=["approved"])
            deletion.reject(sessions, carol, approved.id, "withdrawn")
        finally:
            engine.dispose()
    return path


def _copy(template: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        source = template.with_name(template.name + suffix)
        if source.exists():
            shutil.copyfile(source, target.with_name(target.name + suffix))
    files = template.with_name(template.stem + "-files")  # the file store beside a SQLite database
    shutil.copytree(files, target.with_name(target.stem + "-files"))
    return target


@pytest.fixture
def demo_db(template: Path, tmp_path: Path) -> Path:
    return _copy(template, tmp_path / "minisip.db")


def _url(path: Path) -> str:
    return f"sqlite:///{path}"


# --------------------------------------------------------------------------- independent SQL


def _query(path: Path, sql: str, *params: object) -> list[tuple[object, ...]]:
    return query(path, sql, *params)


def _scalar(path: Path, sql: str, *params: object) -> object:
    return _query(path, sql, *params)[0][0]


def _account_tables(path: Path) -> list[tuple[str, str]]:
    """(table, column) of every foreign key to ``accounts``, from SQLite itself."""
    rows = _query(
        path,
        'SELECT m.name, f."from" FROM sqlite_master m, pragma_foreign_key_list(m.name) f '
        "WHERE m.type = 'table' AND f.\"table\" = 'accounts' ORDER BY m.name",
    )
    return [(str(t), str(c)) for t, c in rows]


def _per_account(path: Path) -> dict[str, dict[int, int]]:
    """Rows per account in every table that references accounts."""
    return {
        f"{table}.{column}": {
            int(a): int(n) for a, n in _query(path, f"SELECT {column}, count(*) FROM {table} WHERE {column} IS NOT NULL GROUP BY {column}")
        }  # type: ignore[call-overload]
        for table, column in _account_tables(path)
    }


def _without(counts: dict[str, dict[int, int]], account_id: int) -> dict[str, dict[int, int]]:
    return {t: {a: n for a, n in per.items() if a != account_id} for t, per in counts.items()}


def _pick_account(path: Path) -> int:
    """An active account with files and configurations, no deletion request and no legal hold."""
    return int(
        _scalar(  # type: ignore[call-overload]
            path,
            "SELECT a.id FROM accounts a WHERE a.status = 'active' "
            "AND a.id IN (SELECT account_id FROM uploaded_files) AND a.id IN (SELECT account_id FROM cdrs) "
            "AND a.id NOT IN (SELECT account_id FROM deletion_requests) AND a.id NOT IN (SELECT account_id FROM legal_holds) "
            "ORDER BY a.id LIMIT 1",
        )
    )


def _fingerprint(path: Path) -> tuple[object, ...]:
    """What a refused command must not change."""
    return (
        _query(path, "SELECT id, state, decided_by, certificate_sha256 FROM deletion_requests ORDER BY id"),
        _scalar(path, "SELECT count(*) FROM audit_events"),
        _per_account(path),
        _query(path, "SELECT id, status, name, email FROM accounts ORDER BY id"),
    )


def _store_files(path: Path, account_id: int) -> list[Path]:
    folder = path.with_name(path.stem + "-files") / "accounts" / str(account_id)
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []


def _assert_deleted(path: Path, account_id: int, before: dict[str, dict[int, int]]) -> None:
    """Nothing of the account left anywhere; every other account exactly as before."""
    after = _per_account(path)
    assert {t: per.get(account_id, 0) for t, per in after.items()} == dict.fromkeys(after, 0)
    assert any(per.get(account_id) for per in before.values())  # there was something to delete
    assert _without(after, account_id) == _without(before, account_id)
    assert _query(path, "SELECT status, name, email, company FROM accounts WHERE id = ?", account_id) == [("deleted", "", "", None)]
    assert _store_files(path, account_id) == []


# --------------------------------------------------------------------------- running the console


def _cli(config: Path, db: Path | None, *args: str, who: str | None = None) -> subprocess.CompletedProcess[str]:
    selector = ("--database", _url(db)) if db is not None else ()
    return run_console(*args, *selector, config_dir=config, env={"MINISIP_CONSOLE_OPERATOR": who} if who else None)


def _many(
    config: Path, db: Path | None, commands: Sequence[Sequence[str]], who: str | None = None
) -> list[subprocess.CompletedProcess[str]]:
    """Several independent commands at once (each start-up costs more than the work)."""
    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(lambda c: _cli(config, db, *c, who=who), commands))


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


def _wait_for(proc: subprocess.Popen[str], text: str) -> list[str]:
    assert proc.stderr is not None
    seen = []
    for line in proc.stderr:
        seen.append(line)
        if text in line:
            return seen
    raise AssertionError(f"the run ended before {text!r}: {''.join(seen)}")


def _file(config: Path, db: Path, account_id: int, scope: str = "account", who: str = "bob") -> int:
    filed = _cli(
        config,
        db,
        "deletion",
        "request",
        str(account_id),
        "--scope",
        scope,
        "--ticket",
        "SUP-7001",
        "--source",
        "email from the owner",
        "--json",
        who=who,
    )
    assert filed.returncode == 0, filed.stdout + filed.stderr
    request = _json(filed)["request"]
    assert request["state"] == "received" and request["requested_by"] == who  # type: ignore[index]
    return int(request["id"])  # type: ignore[index]


# --------------------------------------------------------------------------- the flow


def test_request_approve_run_verify_and_certify(demo_db: Path, isolated_config: Path, tmp_path: Path) -> None:
    account = _pick_account(demo_db)
    before = _per_account(demo_db)
    assert _store_files(demo_db, account)
    request_id = _file(isolated_config, demo_db, account)

    listed, text = _many(isolated_config, demo_db, [("deletion", "list", "--state", "open", "--json"), ("deletion", "list")])
    assert listed.returncode == 0, listed.stderr
    (mine,) = [r for r in _json(listed)["requests"] if r["id"] == request_id]  # type: ignore[union-attr,index]
    assert (mine["account_id"], mine["scope"], mine["urgency"], mine["age_days"]) == (account, "account", "green", 0)
    assert mine["days_left"] in (29, 30)
    assert text.returncode == 0 and any(
        line.split()[:2] == [str(request_id), "received"] and line.endswith("green") for line in text.stdout.splitlines()
    )

    approved = _cli(isolated_config, demo_db, "deletion", "approve", str(request_id), who="carol")
    assert approved.returncode == 0, approved.stderr
    assert f"Request {request_id} approved by carol." in approved.stdout
    assert _query(demo_db, "SELECT state, decided_by FROM deletion_requests WHERE id = ?", request_id) == [("approved", "carol")]
    assert _per_account(demo_db) == before  # approval deletes nothing

    run = _cli(isolated_config, demo_db, "deletion", "run", "--json")
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stderr == ""  # no progress lines with --json
    data = _json(run)
    (outcome,) = data["runs"]  # type: ignore[misc]
    assert (data["ok"], outcome["ok"], outcome["request"]["state"]) == (True, True, "completed")
    assert outcome["missing_files"] == []
    assert outcome["deleted"]["file_store"] == before["uploaded_files.account_id"][account] > 0
    _assert_deleted(demo_db, account, before)
    verification = json.loads(str(_scalar(demo_db, "SELECT verification FROM deletion_requests WHERE id = ?", request_id)))
    assert set(verification.values()) == {0}
    assert {t for t, _ in _account_tables(demo_db)} <= set(verification)  # every referencing table was checked

    as_json, as_html = tmp_path / "certificate.json", tmp_path / "certificate.html"
    shown, cert_json, cert_html, verify = _many(
        isolated_config,
        demo_db,
        [
            ("deletion", "show", str(request_id), "--json"),
            ("deletion", "certificate", str(request_id), "--out", str(as_json), "--json"),
            ("deletion", "certificate", str(request_id), "--out", str(as_html)),
            ("audit", "verify"),
        ],
    )
    assert verify.returncode == 0, verify.stdout + verify.stderr
    assert shown.returncode == 0 and cert_json.returncode == 0 and cert_html.returncode == 0, (
        shown.stderr + cert_json.stderr + cert_html.stderr
    )
    shown_data = _json(shown)
    sha = shown_data["request"]["certificate_sha256"]  # type: ignore[index]
    assert [e["action"] for e in shown_data["timeline"]] == [
        "deletion.request",
        "deletion.approve",
        "deletion.execute",
        "deletion.complete",
    ]  # type: ignore[union-attr,index]
    assert [e["operator"] for e in shown_data["timeline"]][:2] == ["bob", "carol"]  # type: ignore[union-attr,index]

    certificate = json.loads(as_json.read_text(encoding="utf-8"))
    content = {k: v for k, v in certificate.items() if k != "sha256"}
    recomputed = hashlib.sha256(json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()).hexdigest()
    assert certificate["sha256"] == recomputed == sha == _json(cert_json)["sha256"]
    assert (certificate["account_id"], certificate["scope"], certificate["requested_by"], certificate["approved_by"]) == (
        account,
        "account",
        "bob",
        "carol",
    )
    assert set(certificate["checked"].values()) == {0}
    page = as_html.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and sha in page and f"SHA-256 {sha}" in cert_html.stdout
    (details,) = _query(demo_db, "SELECT details FROM audit_events WHERE action = 'deletion.complete' AND target_id = ?", str(request_id))
    assert json.loads(str(details[0]))["certificate_sha256"] == sha

    # the audit head in the certificate (the event before deletion.complete), kept by the customer,
    # is what audit verify --expect-head takes: the log contains it; cut off, the log no longer does
    head = certificate["audit_head"]
    ((complete_seq, prev_hash),) = _query(
        demo_db, "SELECT seq, prev_hash FROM audit_events WHERE action = 'deletion.complete' AND target_id = ?", str(request_id)
    )
    assert head == f"{int(complete_seq) - 1}:{prev_hash}" == shown_data["request"]["audit_head"]  # type: ignore[index]
    assert f"This certificate was made under audit log head <code>{head}</code>" in page
    checked = _cli(isolated_config, demo_db, "audit", "verify", "--expect-head", head)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert f"and it contains the expected head {int(complete_seq) - 1}." in checked.stdout
    conn = sqlite3.connect(demo_db)
    try:
        with conn:
            conn.execute("DELETE FROM audit_events WHERE seq >= ?", (int(complete_seq) - 1,))
    finally:
        conn.close()
    plain, expected = _many(isolated_config, demo_db, [("audit", "verify"), ("audit", "verify", "--expect-head", head)])
    # what is left is consistent in itself, but the console's own records show events are missing...
    assert plain.returncode == 1, plain.stdout + plain.stderr
    assert "has no deletion.complete event" in plain.stdout and "holds in itself" in plain.stdout
    assert expected.returncode == 1  # ...and it no longer holds the head the certificate carries
    assert f"FAILED verification at event {int(complete_seq) - 1}: the log ends before the exported head" in expected.stdout


def test_four_eyes_and_the_demo_only_operator_option(template: Path, isolated_config: Path) -> None:
    from minisip_console.core.plumbing.connection import demo_path

    demo = _copy(template, demo_path())  # the embedded demo's file, under this test's config directory
    other = unmark_demo(_copy(template, isolated_config / "prod" / "minisip.db"))  # an office's own SQLite file
    account = _pick_account(demo)

    filed = _cli(
        isolated_config,
        None,
        "deletion",
        "request",
        str(account),
        "--scope",
        "configurations",
        "--ticket",
        "SUP-42",
        "--demo",
        "--operator",
        "carol",
        "--json",
    )
    assert filed.returncode == 0, filed.stdout + filed.stderr
    request_id = int(_json(filed)["request"]["id"])  # type: ignore[index]
    before, elsewhere = _fingerprint(demo), _fingerprint(other)
    # four eyes; and --operator anywhere but the demo, or a name the demo does not know: refused, nothing changed
    own, also_own, refused, unknown, as_bob = _many(
        isolated_config,
        None,
        [
            ("deletion", "approve", str(request_id), "--demo", "--operator", "carol"),
            ("deletion", "approve", str(request_id), "--database", _url(demo), "--operator", "carol", "--json"),
            ("deletion", "approve", "4", "--database", _url(other), "--operator", "alice"),
            ("deletion", "approve", str(request_id), "--demo", "--operator", "mallory"),
            ("deletion", "approve", str(request_id), "--demo", "--operator", "bob"),
        ],
    )
    assert own.returncode == 1
    assert f"carol filed request {request_id} and cannot also approve it." in own.stderr and "Four eyes" in own.stderr
    assert also_own.returncode == 1 and f"carol filed request {request_id}" in str(_json(also_own)["error"])
    assert refused.returncode == 2 and "--operator is accepted only on the demo database." in refused.stderr
    assert unknown.returncode == 2 and "The demo has no operator 'mallory'." in unknown.stderr
    assert as_bob.returncode == 1 and "cannot approve a deletion request: that needs the approver role" in as_bob.stderr
    assert _fingerprint(other) == elsewhere and _fingerprint(demo) == before

    ok = _cli(isolated_config, None, "deletion", "approve", str(request_id), "--demo", "--operator", "alice")
    assert ok.returncode == 0, ok.stderr
    assert _query(demo, "SELECT state, requested_by, decided_by FROM deletion_requests WHERE id = ?", request_id) == [
        ("approved", "carol", "alice")
    ]


# --------------------------------------------------------------------------- bad input and refusals


def test_bad_input_and_refusals_change_nothing(demo_db: Path, isolated_config: Path, tmp_path: Path) -> None:
    received = _query(demo_db, "SELECT id, account_id FROM deletion_requests WHERE state = 'received' AND scope = 'configurations'")
    ((open_id, open_account),) = received
    ((rejected_id,),) = _query(demo_db, "SELECT id FROM deletion_requests WHERE state = 'rejected' AND scope = 'account'")
    ((completed_id,),) = _query(demo_db, "SELECT id FROM deletion_requests WHERE state = 'completed'")
    account = _pick_account(demo_db)
    cert = tmp_path / "cert"
    cases: tuple[tuple[tuple[str, ...], int, str], ...] = (
        (("deletion", "request", "99999", "--scope", "account", "--ticket", "SUP-1"), 2, "There is no account 99999."),
        (("deletion", "request", str(account), "--scope", "everything", "--ticket", "SUP-1", "--json"), 2, "Unknown scope 'everything'."),
        (
            ("deletion", "request", str(open_account), "--scope", "configurations", "--ticket", "SUP-2"),
            1,
            f"Account {open_account} already has an open configurations deletion request: request {open_id} (received, filed by bob",
        ),
        (
            ("deletion", "run", str(rejected_id)),
            1,
            f"Request {rejected_id}: not carried out: Request {rejected_id} is rejected: only an approved request (or one a stopped run left) can be carried out.",
        ),
        (
            ("deletion", "run", str(open_id), "--json"),
            1,
            f"Request {open_id} is received: only an approved request (or one a stopped run left) can be carried out.",
        ),
        (("deletion", "reject", str(open_id), "--reason", "bored"), 2, "Unknown rejection reason 'bored'."),
        (("deletion", "certificate", str(completed_id), "--out", f"{cert}.txt"), 2, "Cannot write a certificate as .txt"),
        (
            ("deletion", "certificate", str(completed_id), "--out", str(tmp_path / "no-such-folder" / "c.json"), "--json"),
            2,
            "does not exist.",
        ),
        (("deletion", "show", "abc"), 2, "'abc' is not a request id"),
        (("deletion", "list", "--state", "lost"), 2, "Unknown state 'lost'."),
    )
    before = _fingerprint(demo_db)
    results = _many(isolated_config, demo_db, [args for args, _, _ in cases], who="alice")
    for (args, code, message), result in zip(cases, results, strict=True):
        assert result.returncode == code, (args, result.stdout, result.stderr)
        if "--json" in args:
            data = _json(result)
            assert (data["ok"], result.stderr) == (False, ""), args
            where = json.dumps(data)
            assert data.get("exit_code", code) == code, args
        else:
            where = result.stdout + result.stderr
        assert message in where, (args, where)
    assert _fingerprint(demo_db) == before
    assert not list(tmp_path.glob("cert*"))


# --------------------------------------------------------------------------- a killed run


def test_a_run_killed_mid_run_is_finished_by_the_next_one(
    demo_db: Path, isolated_config: Path, started: list[subprocess.Popen[str]]
) -> None:
    account = _pick_account(demo_db)
    conn = sqlite3.connect(demo_db)  # enough CDRs that deleting them takes a while: copies of one of its own
    columns = ", ".join(f'"{c[1]}"' for c in conn.execute("PRAGMA table_info(cdrs)") if c[1] != "id")
    with conn:
        conn.execute(
            f"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
            f"INSERT INTO cdrs ({columns}) SELECT {columns} FROM n, (SELECT * FROM cdrs WHERE account_id = ? LIMIT 1)",
            (EXTRA_CDRS, account),
        )
    conn.close()
    before = _per_account(demo_db)
    assert before["cdrs.account_id"][account] > EXTRA_CDRS
    request_id = _file(isolated_config, demo_db, account)
    approved = _cli(isolated_config, demo_db, "deletion", "approve", str(request_id), who="carol")
    assert approved.returncode == 0, approved.stderr

    # Ctrl+C stops between steps: the rows' transaction rolls back, the request stays executing
    interrupted = _start(started, isolated_config, demo_db, "deletion", "run")
    _wait_for(interrupted, f"request {request_id}: step 2/")
    interrupted.send_signal(signal.SIGINT)
    out, err = interrupted.communicate(timeout=60)
    assert interrupted.returncode == 1, out + err
    assert "SIGINT: stopping after the current step" in err and "The run was stopped: run it again to finish (exit 1)." in out
    assert _query(demo_db, "SELECT state FROM deletion_requests WHERE id = ?", request_id) == [("executing",)]
    assert _per_account(demo_db)["cdrs.account_id"][account] == before["cdrs.account_id"][account]

    proc = _start(started, isolated_config, demo_db, "deletion", "run")
    seen = _wait_for(proc, f"request {request_id}: step 2/")  # the step that deletes the CDRs
    assert "deleting from cdrs" in seen[-1], seen
    os.kill(proc.pid, signal.SIGKILL)
    assert proc.wait(timeout=30) == -signal.SIGKILL

    # the rows' transaction rolled back whole; the request is still executing
    assert _query(demo_db, "SELECT state FROM deletion_requests WHERE id = ?", request_id) == [("executing",)]
    assert _without(_per_account(demo_db), account) == _without(before, account)
    assert _per_account(demo_db)["cdrs.account_id"][account] == before["cdrs.account_id"][account]

    again = _cli(isolated_config, demo_db, "deletion", "run", "--json")
    assert again.returncode == 0, again.stdout + again.stderr
    (outcome,) = _json(again)["runs"]  # type: ignore[misc]
    assert (outcome["request_id"], outcome["ok"], outcome["request"]["state"]) == (request_id, True, "completed")
    _assert_deleted(demo_db, account, before)
    shown, verify = _many(isolated_config, demo_db, [("deletion", "show", str(request_id), "--json"), ("audit", "verify")])
    assert verify.returncode == 0, verify.stdout + verify.stderr
    actions = [e["action"] for e in _json(shown)["timeline"]]  # type: ignore[union-attr,index]
    assert actions == ["deletion.request", "deletion.approve", "deletion.execute", "deletion.complete"]  # one execute: resumed twice


# --------------------------------------------------------------------------- a full disk


def test_a_certificate_on_a_full_disk_is_a_sentence_and_leaves_no_part(demo_db: Path, isolated_config: Path, tmp_path: Path) -> None:
    """Issue 13: ``deletion certificate`` on a full file system ended in a traceback and left
    ``c.json.part``. Now: exit 1, a sentence with the room there was and the room needed, nothing left."""
    from tests.support.mounts import fill, read_only_tmpfs, small_tmpfs

    ((completed_id,),) = _query(demo_db, "SELECT id FROM deletion_requests WHERE state = 'completed'")
    with small_tmpfs(tmp_path / "disk") as disk:
        filler = fill(disk)
        full_json, full_html = _many(
            isolated_config,
            demo_db,
            [
                ("deletion", "certificate", str(completed_id), "--out", str(disk / "c.json")),
                ("deletion", "certificate", str(completed_id), "--out", str(disk / "c.html"), "--json"),
            ],
            who="alice",
        )
        assert full_json.returncode == 1, full_json.stdout + full_json.stderr
        assert f"Could not write {disk / 'c.json'}: the disk is full. {disk} has " in full_json.stderr
        assert "; the file needs " in full_json.stderr and "Traceback" not in full_json.stderr
        assert full_html.returncode == 1 and "the disk is full" in _json(full_html)["error"]  # type: ignore[operator]
        assert list(disk.iterdir()) == [filler]  # no c.json.part
    with read_only_tmpfs(tmp_path / "ro") as folder:
        read_only = _cli(
            isolated_config, demo_db, "deletion", "certificate", str(completed_id), "--out", str(folder / "c.json"), who="alice"
        )
        assert read_only.returncode == 1 and f"{folder} is on a read-only file system" in read_only.stderr, read_only.stderr
        assert list(folder.iterdir()) == []
