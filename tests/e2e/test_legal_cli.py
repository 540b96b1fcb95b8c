"""``minisip-console legal ...`` as processes, on the embedded demo database.

The issue's walkthrough as far as the command line goes: a subpoena can only be rejected; a court
order with a gag order ending next week is checked, proposed by one operator and approved by
another (``--operator`` on the demo), its exports' SHA-256 match what the register recorded; the
notice is refused while gagged and sent by email (a real SMTP server on loopback) once the gag
has ended; the hold blocks the account's deletion; the transparency report's counts match an
independently kept list of the requests made. Every check of the database is taken with
``sqlite3``, never through the console. No sleeping.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import hashlib
import io
import json
import shutil
import subprocess
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from minisip_console import cli
from minisip_console.commands import legal as legal_cli
from tests.support.cli import run_console, unmark_demo
from tests.support.smtp import SmtpServer
from tests.support.sqlitefile import query, sqlite_file

LOGIN = "test-operator"  # tests/conftest.py names the operator; create_demo makes the current login an admin
FROM = "privacy@minisipserver.com"


# --------------------------------------------------------------------------- demo databases


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from minisip_console.core.demo import create_demo

    directory = tmp_path_factory.mktemp("legal-demo")
    path = directory / "template.db"
    with pytest.MonkeyPatch.context() as mp:  # module scope: conftest's per-test environment is not set yet
        mp.setenv("MINISIP_CONSOLE_OPERATOR", LOGIN)
        mp.setenv("MINISIP_CONSOLE_CONFIG_DIR", str(directory / "config"))
        create_demo(f"sqlite:///{path}", accounts=15, cdrs=2_000, seed=11)
    return path


def _copy(template: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        source = template.with_name(template.name + suffix)
        if source.exists():
            shutil.copyfile(source, target.with_name(target.name + suffix))
    files = template.with_name(template.stem + "-files")  # the file store beside a SQLite database
    if files.is_dir():
        shutil.copytree(files, target.with_name(target.stem + "-files"))
    return target


@pytest.fixture
def demo(template: Path, isolated_config: Path) -> Path:
    """The embedded demo's file under this test's config directory, so ``--demo --operator`` work."""
    from minisip_console.core.plumbing.connection import demo_path

    return _copy(template, demo_path())


# --------------------------------------------------------------------------- independent SQL and dates


def _query(path: Path, sql: str, *params: object) -> list[tuple[object, ...]]:
    return query(path, sql, *params)


def _scalar(path: Path, sql: str, *params: object) -> object:
    return _query(path, sql, *params)[0][0]


def _free_accounts(path: Path, n: int, *, with_files: bool = True) -> list[int]:
    """Active accounts with an email and CDRs (and files), no deletion request and no legal hold."""
    files = "AND a.id IN (SELECT account_id FROM uploaded_files) " if with_files else ""
    rows = _query(
        path,
        "SELECT a.id FROM accounts a WHERE a.status = 'active' AND a.email <> '' AND a.id IN (SELECT account_id FROM cdrs) "
        f"{files}AND a.id NOT IN (SELECT account_id FROM deletion_requests) AND a.id NOT IN (SELECT account_id FROM legal_holds) "
        "ORDER BY a.id LIMIT ?",
        n,
    )
    assert len(rows) == n, "the demo has too few free accounts"
    return [int(r[0]) for r in rows]  # type: ignore[call-overload]


def _email(path: Path, account_id: int) -> str:
    return str(_scalar(path, "SELECT email FROM accounts WHERE id = ?", account_id)).lower()


def _fingerprint(path: Path) -> tuple[object, ...]:
    """What refused or bad input must not change."""
    return (
        _query(path, "SELECT * FROM law_enforcement_requests ORDER BY id"),
        _query(path, "SELECT * FROM law_request_accounts ORDER BY id"),
        _query(path, "SELECT * FROM legal_holds ORDER BY id"),
        _query(path, "SELECT * FROM disclosures ORDER BY id"),
        _scalar(path, "SELECT count(*) FROM audit_events"),
    )


def _today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


def _days(n: int) -> str:
    return (_today() + dt.timedelta(days=n)).isoformat()


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --------------------------------------------------------------------------- running the console


def _cli(config: Path, *args: str, who: str | None = None) -> subprocess.CompletedProcess[str]:
    """The console on the demo database (``--demo``), as ``who`` (a demo operator) when given."""
    operator = ("--operator", who) if who else ()
    return run_console(*args, "--demo", *operator, config_dir=config)


def _many(config: Path, commands: Sequence[Sequence[str]]) -> list[subprocess.CompletedProcess[str]]:
    """Several independent commands at once (each start-up costs more than the work): reads and refusals only."""
    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(lambda c: run_console(*c, config_dir=config), commands))


def _json(result: subprocess.CompletedProcess[str]) -> dict[str, object]:
    assert result.stdout.count("\n") == 1, result.stdout + result.stderr
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    return data


def _ok(result: subprocess.CompletedProcess[str]) -> dict[str, object]:
    assert result.returncode == 0, result.stdout + result.stderr
    return _json(result)


def _intake(
    account_ids: Sequence[int],
    process: str,
    *,
    received: str,
    reference: str,
    country: str = "US",
    agency: str = "Springfield Police Department",
    data: Sequence[str] = ("subscriber", "cdrs"),
) -> list[str]:
    args = [
        "legal",
        "add",
        "--received",
        received,
        "--agency",
        agency,
        "--country",
        country,
        "--officer",
        "Det. Jane Roe",
        "--officer-contact",
        "jroe@spd.example.gov",
        "--process",
        process,
        "--reference",
        reference,
    ]
    for a in account_ids:
        args += ["--account", str(a)]
    for d in data:
        args += ["--data", d]
    return args


def _add(config: Path, args: Sequence[str], who: str = "bob") -> int:
    data = _ok(_cli(config, *args, "--json", who=who))
    request = data["request"]
    assert isinstance(request, dict) and request["decision"] == "pending" and request["recorded_by"] == who
    return int(request["id"])


# --------------------------------------------------------------------------- without the core


def test_the_vocabularies_are_the_cores() -> None:
    """The parser repeats core.legal's keys (so that building it imports no core module): the same, in the same order."""
    from minisip_console.core import disclosures, legal

    assert legal_cli.PROCESSES == tuple(legal.PROCESSES)
    assert legal_cli.CATEGORIES == tuple(disclosures.CATEGORIES)
    assert legal_cli.DISCLOSURE_BASES == tuple(disclosures.DISCLOSURE_BASES)
    assert legal_cli.NOTICE_CHANNELS == tuple(legal.NOTICE_CHANNELS)
    assert legal_cli.SCOPES == tuple(legal.SCOPES)
    assert set(legal_cli.INTAKE_KEYS) == {f.name for f in dataclasses.fields(legal.Intake)}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["legal", "add", "--received", "2026-02-30"], "argument --received: '2026-02-30' is not a date: use YYYY-MM-DD"),
        (["legal", "add", "--received", "31/01/2026"], "'31/01/2026' is not a date"),
        (["legal", "add", "--process", "letter"], "argument --process: invalid choice: 'letter'"),
        (["legal", "add", "--data", "passwords"], "argument --data: invalid choice: 'passwords'"),
        (["legal", "add", "--gag-until", "2026-01-01", "--gag-no-end"], "not allowed with argument --gag-until"),
        (["legal", "decide", "1"], "one of the arguments --reject --comply is required"),
        (["legal", "decide", "x", "--reject"], "'x' is not a request id"),
        (["legal", "decide", "1", "--comply", "--scope", "most"], "argument --scope: invalid choice: 'most'"),
        (["legal", "gag", "1"], "one of the arguments --until --no-end --reviewed is required"),
        (["legal", "gag", "1", "--until", "2026-1-5"], "'2026-1-5' is not a date"),
        (["legal", "report", "--from", "2026-01-01", "--to", "yesterday", "--out", "r.csv"], "'yesterday' is not a date"),
        (
            ["legal", "disclose", "--account", "1", "--recipient", "X", "--basis", "curiosity", "--evidence", "T", "--data", "cdrs"],
            "argument --basis: invalid choice: 'curiosity'",
        ),
        (["legal", "notify", "1", "--by-hand", "pigeon", "--date", "2026-01-01"], "argument --by-hand: invalid choice: 'pigeon'"),
        (["legal", "holds", "--account", "0"], "0 is not an account id (1 or more)"),
    ],
)
def test_bad_usage_exits_2_before_anything_is_opened(args: list[str], message: str) -> None:
    """In this process (``cli.main``), for speed: no database is named, so none could be opened."""
    out, err = io.StringIO(), io.StringIO()
    assert cli.main(args, stdout=out, stderr=err) == 2
    assert message in err.getvalue() and out.getvalue() == ""
    out, err = io.StringIO(), io.StringIO()
    assert cli.main([*args, "--json"], stdout=out, stderr=err) == 2
    data = json.loads(out.getvalue())
    assert data["ok"] is False and data["exit_code"] == 2 and message in str(data["error"]) and err.getvalue() == ""


def test_a_malformed_date_as_a_process(isolated_config: Path) -> None:
    plain_text, as_json = _many(
        isolated_config,
        [
            ("legal", "add", "--received", "2026-02-30", "--demo"),
            ("legal", "report", "--from", "2026-01-01", "--to", "2026-13-01", "--out", "r.json", "--json"),
        ],
    )
    assert plain_text.returncode == 2 and plain_text.stdout == ""
    assert "argument --received: '2026-02-30' is not a date: use YYYY-MM-DD, e.g. 2026-03-31" in plain_text.stderr
    data = _json(as_json)
    assert as_json.returncode == 2 and data["exit_code"] == 2 and "'2026-13-01' is not a date" in str(data["error"])
    assert as_json.stderr == ""


def test_input_checked_before_the_database_is_opened(isolated_config: Path, tmp_path: Path) -> None:
    """No database exists: each of these is refused (exit 2) for its input, never for the database."""
    url = f"sqlite:///{tmp_path / 'none.db'}"
    intake = _intake([1], "subpoena", received=_days(-1), reference="R-1")
    (from_json_too, future, no_account, bad_suffix, backwards, comply_no_scope, reject_no_reason, by_hand_no_date) = _many(
        isolated_config,
        [
            (*intake, "--from-json", str(tmp_path / "x.json"), "--database", url),
            (*_intake([1], "subpoena", received=_days(3), reference="R-1"), "--database", url),
            (*_intake([], "subpoena", received=_days(-1), reference="R-1"), "--database", url),
            ("legal", "report", "--from", "2026-01-01", "--to", "2026-03-31", "--out", str(tmp_path / "r.txt"), "--database", url),
            ("legal", "report", "--from", "2026-03-01", "--to", "2026-01-31", "--out", str(tmp_path / "r.csv"), "--database", url),
            ("legal", "decide", "1", "--comply", "--database", url),
            ("legal", "decide", "1", "--reject", "--database", url),
            ("legal", "notify", "1", "--by-hand", "phone", "--database", url),
        ],
    )
    assert from_json_too.returncode == 2 and "--from-json is given with --received" in from_json_too.stderr
    assert future.returncode == 2 and f"The received date {_days(3)} is in the future." in future.stderr
    assert no_account.returncode == 2 and "A request must name at least one account." in no_account.stderr
    assert bad_suffix.returncode == 2 and "Use a .csv or .json file name." in bad_suffix.stderr
    assert backwards.returncode == 2 and "--from 2026-03-01 is after --to 2026-01-31." in backwards.stderr
    assert comply_no_scope.returncode == 2 and "--comply needs --scope full or --scope partial." in comply_no_scope.stderr
    assert reject_no_reason.returncode == 2 and "--reject needs --reason CODE." in reject_no_reason.stderr
    assert by_hand_no_date.returncode == 2 and "needs both --by-hand CHANNEL and --date DATE" in by_hand_no_date.stderr
    assert not (tmp_path / "none.db").exists() and not (tmp_path / "r.csv").exists()


# --------------------------------------------------------------------------- the walkthrough


def test_subpoena_only_rejected_court_order_complied_with_four_eyes_notice_hold_and_deletion(
    demo: Path, isolated_config: Path, tmp_path: Path
) -> None:
    config = isolated_config
    subpoenaed, ordered = _free_accounts(demo, 2)

    # a subpoena without a court order: compliance refused naming the rule, so it is rejected
    subpoena = _add(config, _intake([subpoenaed], "subpoena", received=_days(-3), reference="SPD-2026-0007"))
    before = _fingerprint(demo)
    refused = _cli(config, "legal", "decide", str(subpoena), "--comply", "--scope", "full", who="bob")
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert "The court-order rule (no data without a court order or a warrant that an operator has checked)" in refused.stderr
    assert f"request {subpoena} is a subpoena" in refused.stderr
    refused_json = _cli(config, "legal", "decide", str(subpoena), "--comply", "--scope", "full", "--json", who="bob")
    error = _json(refused_json)
    assert refused_json.returncode == 1 and error["exit_code"] == 1 and "The court-order rule" in str(error["error"])
    assert _fingerprint(demo) == before  # a refusal changes nothing
    rejected = _ok(_cli(config, "legal", "decide", str(subpoena), "--reject", "--reason", "no_court_order", "--json", who="bob"))
    assert rejected["request"]["decision"] == "rejected"  # type: ignore[index]
    assert _query(demo, "SELECT decision, decided_by FROM law_enforcement_requests WHERE id = ?", subpoena) == [("rejected", "bob")]

    # a court order with a gag order ending next week, and the order itself as a document
    order_pdf = tmp_path / "court-order.pdf"
    order_pdf.write_bytes(b"%PDF-1.4\n% order CO-2026-117 of the district court\n")
    gag_end = _days(7)
    court_order = _add(
        config,
        [
            *_intake([ordered], "court_order", received=_days(-1), reference="FBI-2026-1187", agency="FBI Field Office"),
            "--court-order",
            "CO-2026-117",
            "--gag-until",
            gag_end,
            "--hold-days",
            "90",
            "--document",
            str(order_pdf),
        ],
    )
    shown = _ok(_cli(config, "legal", "show", str(court_order), "--json"))["request"]
    assert isinstance(shown, dict)
    (document,) = shown["documents"]
    assert (document["filename"], document["sha256"]) == ("court-order.pdf", _sha256(order_pdf))
    assert shown["gag_order"] is True and shown["gag_until"] == gag_end
    assert shown["compliance_blocked_by"]  # not checked yet: the tab says why its button is disabled

    # compliance before the order was checked: refused
    unchecked = _cli(config, "legal", "decide", str(court_order), "--comply", "--scope", "full", who="bob")
    assert unchecked.returncode == 1, unchecked.stdout + unchecked.stderr
    assert "The court-order rule" in unchecked.stderr and "was checked" in unchecked.stderr
    _ok(_cli(config, "legal", "check-order", str(court_order), "--court-order", "CO-2026-117", "--json", who="bob"))
    proposed = _ok(_cli(config, "legal", "decide", str(court_order), "--comply", "--scope", "full", "--json", who="carol"))
    assert proposed["request"]["decision"] == "proposed" and proposed["request"]["proposed_by"] == "carol"  # type: ignore[index]

    # four eyes: the proposer cannot approve, nor can an operator without the approver role; another approver can
    out_dir = tmp_path / "handed-over"
    before = _fingerprint(demo)
    own, operator_only = _many(
        config,
        [
            ("legal", "approve", str(court_order), "--out", str(out_dir), "--demo", "--operator", "carol"),
            ("legal", "approve", str(court_order), "--out", str(out_dir), "--demo", "--operator", "bob"),
        ],
    )
    assert own.returncode == 1 and f"carol proposed compliance with request {court_order} and cannot also approve it." in own.stderr
    assert "Four eyes" in own.stderr
    assert operator_only.returncode == 1 and "needs the approver role" in operator_only.stderr, operator_only.stderr
    assert _fingerprint(demo) == before and list(out_dir.iterdir()) == []
    approved = _ok(_cli(config, "legal", "approve", str(court_order), "--out", str(out_dir), "--json", who="alice"))
    assert approved["request"]["decision"] == "complied"  # type: ignore[index]
    (export,) = approved["exports"]  # type: ignore[misc]
    zip_path = Path(export["path"])
    assert zip_path.is_file() and zip_path.parent == out_dir and export["account_id"] == ordered
    assert export["sha256"] == _sha256(zip_path)
    recorded = _ok(_cli(config, "legal", "show", str(court_order), "--json"))["request"]
    (disclosure,) = recorded["disclosures"]  # type: ignore[index]
    assert disclosure["export_sha256"] == _sha256(zip_path) and disclosure["manifest"]
    assert (disclosure["account_id"], disclosure["legal_basis"], disclosure["request_id"]) == (ordered, "law", court_order)
    assert _query(demo, "SELECT export_sha256 FROM disclosures WHERE law_enforcement_request_id = ?", court_order) == [(_sha256(zip_path),)]
    again = _cli(config, "legal", "approve", str(court_order), "--out", str(out_dir), who="carol")
    assert again.returncode == 1 and "only a proposed compliance can be approved" in again.stderr

    with SmtpServer() as server:
        saved = run_console(
            "notices",
            "smtp-set",
            "--demo",
            "--host",
            "127.0.0.1",
            "--port",
            str(server.port),
            "--security",
            "none",
            "--from",
            FROM,
            config_dir=config,
        )
        assert saved.returncode == 0, saved.stdout + saved.stderr

        # the notice: refused while the gag order is in force, by email and by hand alike
        before = _fingerprint(demo)
        gagged_mail, gagged_hand = _many(
            config,
            [
                ("legal", "notify", str(court_order), "--demo", "--operator", "bob"),
                ("legal", "notify", str(court_order), "--by-hand", "phone", "--date", _days(0), "--demo", "--operator", "bob"),
            ],
        )
        assert gagged_mail.returncode == 1 and gagged_hand.returncode == 1, gagged_mail.stderr + gagged_hand.stderr
        assert gag_end in gagged_mail.stderr
        assert server.messages == [] and _fingerprint(demo) == before

        # the rejected subpoena's owner is told by email
        told = _ok(_cli(config, "legal", "notify", str(subpoena), "--json", who="bob"))
        (notice,) = told["notices"]  # type: ignore[misc]
        assert (notice["account_id"], notice["state"], notice["channel"]) == (subpoenaed, "notified", "email")
        assert server.wait_for_messages(1) and server.per_recipient() == {_email(demo, subpoenaed): 1}

        # a week passes: the gag order has ended (its date moved back, the only way to age a record from outside)
        listed = _ok(_cli(config, "legal", "list", "--json"))
        (row,) = [r for r in listed["requests"] if r["id"] == court_order]  # type: ignore[union-attr]
        assert row["notice_state"] == "gagged" and row["gag_until"] == gag_end
        with sqlite_file(demo) as conn:
            conn.execute("UPDATE law_enforcement_requests SET gag_until = ? WHERE id = ?", (_days(-1), court_order))
        conn.close()
        due = _ok(_cli(config, "legal", "list", "--json"))
        (row,) = [r for r in due["requests"] if r["id"] == court_order]  # type: ignore[union-attr]
        assert row["notice_state"] == "due"
        told = _ok(_cli(config, "legal", "notify", str(court_order), "--json", who="bob"))
        assert [(n["account_id"], n["state"]) for n in told["notices"]] == [(ordered, "notified")]  # type: ignore[union-attr]
        assert server.wait_for_messages(2) and server.per_recipient() == {_email(demo, subpoenaed): 1, _email(demo, ordered): 1}

    # the hold on the ordered account, with its end date; the subpoena's ended with its rejection
    holds_json, holds_text = _many(config, [("legal", "holds", "--json", "--demo"), ("legal", "holds", "--demo")])
    mine = [h for h in _ok(holds_json)["holds"] if h["request_id"] == court_order]  # type: ignore[union-attr]
    assert [(h["account_id"], h["active"]) for h in mine] == [(ordered, True)]
    ends = str(mine[0]["expires_at"])[:10]
    assert ends in (_days(90), _days(91))  # 90 days from the moment it was placed (UTC)
    assert holds_text.returncode == 0 and any(str(ordered) in line and ends in line for line in holds_text.stdout.splitlines())
    assert not [h for h in _ok(holds_json)["holds"] if h["account_id"] == subpoenaed]

    # the account's deletion: requested and approved, then refused by the hold
    filed = _ok(_cli(config, "deletion", "request", str(ordered), "--scope", "account", "--ticket", "SUP-7001", "--json", who="bob"))
    deletion_id = int(filed["request"]["id"])  # type: ignore[index]
    assert _cli(config, "deletion", "approve", str(deletion_id), who="carol").returncode == 0
    run = _cli(config, "deletion", "run", str(deletion_id))
    assert run.returncode == 1, run.stdout + run.stderr
    assert f"Account {ordered} is under a legal hold (hold {mine[0]['id']}" in run.stdout
    assert _query(demo, "SELECT state FROM deletion_requests WHERE id = ?", deletion_id) == [("approved",)]
    assert _query(demo, "SELECT status FROM accounts WHERE id = ?", ordered) == [("active",)]


def test_operator_option_only_on_the_demo_and_release_hold_needs_an_approver(demo: Path, isolated_config: Path, tmp_path: Path) -> None:
    other = unmark_demo(_copy(demo, tmp_path / "prod" / "minisip.db"))  # an office's own SQLite file
    (account,) = _free_accounts(demo, 1, with_files=False)
    request = _add(isolated_config, _intake([account], "preservation", received=_days(0), reference="PRES-1", data=("cdrs",)))
    ((hold_id,),) = _query(demo, "SELECT id FROM legal_holds WHERE law_enforcement_request_id = ?", request)
    before, elsewhere = _fingerprint(demo), _fingerprint(other)
    refused, unknown, as_bob, no_reason = _many(
        isolated_config,
        [
            ("legal", "list", "--database", f"sqlite:///{other}", "--operator", "alice"),
            ("legal", "release-hold", str(hold_id), "--reason", "done", "--demo", "--operator", "mallory"),
            ("legal", "release-hold", str(hold_id), "--reason", "done", "--demo", "--operator", "bob"),
            ("legal", "release-hold", str(hold_id), "--reason", "  ", "--demo", "--operator", "carol"),
        ],
    )
    assert refused.returncode == 2 and "--operator is accepted only on the demo database." in refused.stderr
    assert unknown.returncode == 2 and "The demo has no operator 'mallory'." in unknown.stderr
    assert as_bob.returncode == 1 and "release a legal hold" in as_bob.stderr
    assert no_reason.returncode == 2 and "needs a reason" in no_reason.stderr
    assert _fingerprint(demo) == before and _fingerprint(other) == elsewhere
    released = _ok(
        _cli(isolated_config, "legal", "release-hold", str(hold_id), "--reason", "preservation withdrawn", "--json", who="carol")
    )
    assert released["hold"]["active"] is False and released["hold"]["released_by"] == "carol"  # type: ignore[index]
    still = _ok(_cli(isolated_config, "legal", "holds", "--json"))
    assert hold_id not in [h["id"] for h in still["holds"]]  # type: ignore[union-attr]
    every = _ok(_cli(isolated_config, "legal", "holds", "--all", "--json"))
    assert hold_id in [h["id"] for h in every["holds"]]  # type: ignore[union-attr]


def test_gag_order_without_an_end_date_recorded_and_reviewed(demo: Path, isolated_config: Path) -> None:
    (account,) = _free_accounts(demo, 1, with_files=False)
    request = _add(isolated_config, _intake([account], "court_order", received=_days(-2), reference="NSL-1"))
    ((expires,),) = _query(demo, "SELECT expires_at FROM legal_holds WHERE law_enforcement_request_id = ?", request)
    assert str(expires)[:10] in (_days(90), _days(91))  # no --hold-days: the default period
    before = _fingerprint(demo)
    too_early, nothing_to_review = _many(
        isolated_config,
        [
            ("legal", "gag", str(request), "--until", _days(-5), "--demo", "--operator", "bob"),
            ("legal", "gag", str(request), "--reviewed", "--demo", "--operator", "bob"),
        ],
    )
    assert too_early.returncode == 2 and "before the request was received" in too_early.stderr
    assert nothing_to_review.returncode == 1 and "no gag order without an end date" in nothing_to_review.stderr
    assert _fingerprint(demo) == before
    gagged = _ok(_cli(isolated_config, "legal", "gag", str(request), "--no-end", "--json", who="bob"))
    assert (gagged["request"]["gag_order"], gagged["request"]["gag_until"], gagged["request"]["notice_state"]) == (True, None, "gagged")  # type: ignore[index]
    assert _ok(_cli(isolated_config, "legal", "gag", str(request), "--reviewed", "--json", who="bob"))["request"]["gag_reviewed_at"]  # type: ignore[index]
    refused = _cli(isolated_config, "legal", "notify", str(request), "--by-hand", "phone", "--date", _days(0), who="bob")
    assert refused.returncode == 1 and "in force without an end date" in refused.stderr
    shown = _cli(isolated_config, "legal", "show", str(request))
    assert shown.returncode == 0 and "gag order without an end date" in shown.stdout


# --------------------------------------------------------------------------- disclosures


def test_disclosure_register(demo: Path, isolated_config: Path) -> None:
    (account,) = _free_accounts(demo, 1, with_files=False)
    before = _fingerprint(demo)
    empty = _cli(
        isolated_config,
        "legal",
        "disclose",
        "--account",
        str(account),
        "--recipient",
        "Example CRM Ltd.",
        "--basis",
        "permission",
        "--evidence",
        "  ",
        "--data",
        "subscriber",
        who="bob",
    )
    assert empty.returncode == 2 and "--evidence must not be empty." in empty.stderr
    assert _fingerprint(demo) == before
    recorded = _ok(
        _cli(
            isolated_config,
            "legal",
            "disclose",
            "--account",
            str(account),
            "--recipient",
            "Example CRM Ltd.",
            "--basis",
            "permission",
            "--evidence",
            "signed form in SUP-4411",
            "--data",
            "subscriber",
            "cdrs",
            "--json",
            who="bob",
        )
    )
    disclosure = recorded["disclosure"]
    assert isinstance(disclosure, dict)
    assert (disclosure["account_id"], disclosure["legal_basis"], disclosure["data_categories"]) == (
        account,
        "permission",
        ["subscriber", "cdrs"],
    )
    listed = _ok(_cli(isolated_config, "legal", "disclosures", "--account", str(account), "--json"))
    assert [d["id"] for d in listed["disclosures"]] == [disclosure["id"]]  # type: ignore[union-attr]
    assert _query(demo, "SELECT account_id, legal_basis, recorded_by FROM disclosures WHERE id = ?", disclosure["id"]) == [
        (account, "permission", "bob")
    ]


# --------------------------------------------------------------------------- bad input on the demo


def test_bad_intake_is_refused_and_changes_nothing(demo: Path, isolated_config: Path, tmp_path: Path) -> None:
    (account,) = _free_accounts(demo, 1, with_files=False)
    missing = int(_scalar(demo, "SELECT max(id) FROM accounts")) + 1000  # type: ignore[call-overload]
    bad_json = tmp_path / "intake.json"
    bad_json.write_text(
        json.dumps(
            {
                "received_on": _days(-1),
                "agency": "X",
                "country": "US",
                "officer_name": "Y",
                "officer_contact": "Z",
                "legal_process": "subpoena",
                "account_ids": [account],
                "reference": "R",
                "colour": "red",
            }
        ),
        "utf-8",
    )
    before = _fingerprint(demo)
    unknown_account, no_accounts, future, malformed, unknown_process, unknown_key, no_such_request = _many(
        isolated_config,
        [
            (*_intake([missing], "court_order", received=_days(-1), reference="R-1"), "--demo", "--operator", "bob"),
            (*_intake([], "court_order", received=_days(-1), reference="R-2"), "--demo", "--operator", "bob"),
            (*_intake([account], "court_order", received=_days(2), reference="R-3"), "--demo", "--operator", "bob"),
            (*_intake([account], "court_order", received="2026-04-31", reference="R-4"), "--demo", "--operator", "bob"),
            (*_intake([account], "letter_rogatory", received=_days(-1), reference="R-5"), "--demo", "--operator", "bob"),
            ("legal", "add", "--from-json", str(bad_json), "--demo", "--operator", "bob"),
            ("legal", "show", "999999", "--demo"),
        ],
    )
    assert unknown_account.returncode == 2 and str(missing) in unknown_account.stderr, unknown_account.stderr
    assert no_accounts.returncode == 2 and "at least one account" in no_accounts.stderr
    assert future.returncode == 2 and "in the future" in future.stderr
    assert malformed.returncode == 2 and "'2026-04-31' is not a date: use YYYY-MM-DD" in malformed.stderr
    assert unknown_process.returncode == 2 and "invalid choice: 'letter_rogatory'" in unknown_process.stderr
    assert unknown_key.returncode == 2 and "unknown key 'colour'" in unknown_key.stderr
    assert no_such_request.returncode in (1, 2) and "999999" in no_such_request.stderr
    assert _fingerprint(demo) == before


@pytest.mark.parametrize(
    ("given", "said"),
    [
        ({"account_ids": [0]}, "account_ids: 0 is not an account id (1 or more)."),
        ({"account_ids": [2**31]}, "account_ids: '2147483648' is too large for an account id (at most 2,147,483,647)."),
        ({"account_ids": ["7"]}, "account_ids: '7' is not a whole number."),
        ({"account_ids": [True]}, "account_ids: True is not a whole number."),
        ({"hold_days": 0}, "hold_days: 0 is not a hold's length in days (1 or more)."),
        ({"hold_days": legal_cli.HOLD_DAYS_MAX + 1}, "hold_days: '3661' is too large for a hold's length in days (at most 3,660)."),
        ({"hold_days": 1.5}, "hold_days: 1.5 is not a whole number."),
    ],
)
def test_the_numbers_of_a_json_intake_keep_the_rules_of_the_options(given: dict[str, object], said: str, tmp_path: Path) -> None:
    """An id or a hold's length from --from-json is held to the rule --account and --hold-days keep
    (``core.limits``), and refused (exit 2) before any database is opened: this one does not exist."""
    intake = {
        "received_on": "2026-01-02",
        "agency": "A",
        "country": "US",
        "officer_name": "O",
        "officer_contact": "C",
        "legal_process": "subpoena",
        "account_ids": [1],
        "reference": "R",
        **given,
    }
    path = tmp_path / "intake.json"
    path.write_text(json.dumps(intake), "utf-8")
    stdout, stderr = io.StringIO(), io.StringIO()
    code = cli.main(
        ["legal", "add", "--from-json", str(path), "--database", f"sqlite:///{tmp_path / 'none.db'}"], stdout=stdout, stderr=stderr
    )
    assert code == 2 and f"error: {path}: {said}" in stderr.getvalue(), stderr.getvalue()
    assert not (tmp_path / "none.db").exists()


# --------------------------------------------------------------------------- the transparency report


def _report_rows_from_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


COUNTS = (
    "requests",
    "accounts",
    "rejected",
    "complied_full",
    "complied_partial",
    "pending",
    "content",
    "non_content",
    "customers_notified",
    "notices_gagged",
)


def _clear_register(path: Path) -> None:
    """Remove the demo's own requests (and every row that points at one), so the report counts only this test's."""
    with sqlite_file(path) as conn:
        referencing = conn.execute(
            'SELECT m.name, f."from" FROM sqlite_master m, pragma_foreign_key_list(m.name) f '
            "WHERE m.type = 'table' AND f.\"table\" = 'law_enforcement_requests'"
        ).fetchall()
        for table, column in referencing:
            conn.execute(f"DELETE FROM {table} WHERE {column} IS NOT NULL")
        conn.execute("DELETE FROM law_enforcement_requests")
    conn.close()


def test_transparency_report_counts_match_the_requests_made(demo: Path, isolated_config: Path, tmp_path: Path) -> None:
    config = isolated_config
    _clear_register(demo)
    a, b, c, d, e = _free_accounts(demo, 5, with_files=False)
    # the period: the last 20 days; each request is kept here with what is expected of it
    made: list[dict[str, object]] = []

    def add(args: list[str], *, country: str, process: str, accounts: list[int]) -> int:
        request_id = _add(config, args)
        made.append(
            {
                "id": request_id,
                "country": country,
                "process": process,
                "accounts": accounts,
                "decision": "pending",
                "scope": None,
                "content": False,
                "notified": 0,
                "gagged": 0,
            }
        )
        return request_id

    # 1. an informal request from Germany: rejected, its owner told by hand
    r1 = add(
        _intake([a], "informal", received=_days(-10), reference="BKA-1", country="DE", agency="BKA"),
        country="DE",
        process="informal",
        accounts=[a],
    )
    _ok(_cli(config, "legal", "decide", str(r1), "--reject", "--reason", "no_court_order", "--json", who="bob"))
    _ok(_cli(config, "legal", "notify", str(r1), "--by-hand", "phone", "--date", _days(-9), "--json", who="bob"))
    made[-1].update(decision="rejected", notified=1)

    # 2. a court order (from --from-json) for two accounts, complied with in part (configurations: content), gag without end
    intake = tmp_path / "intake.json"
    intake.write_text(
        json.dumps(
            {
                "received_on": _days(-5),
                "agency": "FBI",
                "country": "US",
                "officer_name": "SA John Doe",
                "officer_contact": "jdoe@fbi.example.gov",
                "legal_process": "court_order",
                "account_ids": [b, c],
                "data_sought": ["subscriber", "configurations"],
                "reference": "FBI-2",
                "court_order_ref": "CO-2",
                "gag_order": True,
                "gag_until": None,
                "hold_days": 30,
                "documents": ["order-2.txt"],
            }
        ),
        "utf-8",
    )
    (tmp_path / "order-2.txt").write_bytes(b"Order CO-2: produce the configurations of two accounts.\n")  # beside the JSON file
    r2 = _add(config, ["legal", "add", "--from-json", str(intake)])
    assert _query(demo, "SELECT filename, sha256 FROM law_request_documents WHERE request_id = ?", r2) == [
        ("order-2.txt", _sha256(tmp_path / "order-2.txt"))
    ]
    ends = [str(x)[:10] for (x,) in _query(demo, "SELECT expires_at FROM legal_holds WHERE law_enforcement_request_id = ?", r2)]
    assert len(ends) == 2 and set(ends) <= {_days(30), _days(31)}  # hold_days from the JSON file
    made.append(
        {
            "id": r2,
            "country": "US",
            "process": "court_order",
            "accounts": [b, c],
            "decision": "complied",
            "scope": "partial",
            "content": True,
            "notified": 0,
            "gagged": 2,
        }
    )
    _ok(_cli(config, "legal", "check-order", str(r2), "--court-order", "CO-2", "--json", who="bob"))
    _ok(_cli(config, "legal", "decide", str(r2), "--comply", "--scope", "partial", "--data", "configurations", "--json", who="bob"))
    _ok(_cli(config, "legal", "approve", str(r2), "--out", str(tmp_path / "out2"), "--json", who="carol"))

    # 3. a search warrant from the US: complied with in full (subscriber and CDRs: non-content), owner told by hand
    r3 = add(
        _intake([d], "search_warrant", received=_days(-3), reference="DEA-3", agency="DEA") + ["--court-order", "W-3"],
        country="US",
        process="search_warrant",
        accounts=[d],
    )
    _ok(_cli(config, "legal", "check-order", str(r3), "--court-order", "W-3", "--json", who="bob"))
    _ok(_cli(config, "legal", "decide", str(r3), "--comply", "--scope", "full", "--json", who="bob"))
    _ok(_cli(config, "legal", "approve", str(r3), "--out", str(tmp_path / "out3"), "--json", who="carol"))
    _ok(_cli(config, "legal", "notify", str(r3), "--by-hand", "letter", "--date", _days(0), "--json", who="bob"))
    made[-1].update(decision="complied", scope="full", notified=1)

    # 4. a preservation request from Germany, still pending; 5. a subpoena from the US, pending
    add(
        _intake([e], "preservation", received=_days(-1), reference="BKA-4", country="DE", agency="BKA", data=("cdrs",)),
        country="DE",
        process="preservation",
        accounts=[e],
    )
    add(_intake([a, e], "subpoena", received=_days(0), reference="SPD-5"), country="US", process="subpoena", accounts=[a, e])

    # the same requests, counted again from the database itself
    since = (_today() - dt.timedelta(days=20)).isoformat()
    in_period = _query(demo, "SELECT id FROM law_enforcement_requests WHERE date(received_at) >= ? ORDER BY id", since)
    assert [int(r[0]) for r in in_period] == sorted(int(m["id"]) for m in made)  # type: ignore[call-overload]

    expected: dict[tuple[str, str], dict[str, int]] = {}
    for m in made:
        row = expected.setdefault((str(m["country"]), str(m["process"])), dict.fromkeys(COUNTS, 0))
        accounts = list(m["accounts"])  # type: ignore[call-overload]
        row["requests"] += 1
        row["accounts"] += len(accounts)
        row["rejected"] += m["decision"] == "rejected"
        row["complied_full"] += m["decision"] == "complied" and m["scope"] == "full"
        row["complied_partial"] += m["decision"] == "complied" and m["scope"] == "partial"
        row["pending"] += m["decision"] == "pending"
        row["content"] += m["decision"] == "complied" and bool(m["content"])
        row["non_content"] += m["decision"] == "complied" and not m["content"]
        row["customers_notified"] += int(m["notified"])  # type: ignore[call-overload]
        row["notices_gagged"] += int(m["gagged"])  # type: ignore[call-overload]
    total = {k: sum(r[k] for r in expected.values()) for k in COUNTS}
    total["accounts"] = len({x for m in made for x in m["accounts"]})  # type: ignore[attr-defined]

    as_csv, as_json = tmp_path / "report.csv", tmp_path / "report.json"
    wrote_csv, wrote_json = _many(
        config,
        [
            ("legal", "report", "--from", since, "--to", _days(0), "--out", str(as_csv), "--demo", "--json"),
            ("legal", "report", "--from", since, "--to", _days(0), "--out", str(as_json), "--demo"),
        ],
    )
    printed = _ok(wrote_csv)
    assert printed["sha256"] == _sha256(as_csv) and printed["path"] == str(as_csv)
    assert wrote_json.returncode == 0 and str(as_json) in wrote_json.stdout, wrote_json.stderr

    report = printed["report"]
    assert isinstance(report, dict)
    got = {(r["country"], r["legal_process"]): {k: r[k] for k in COUNTS} for r in report["rows"]}
    assert got == expected
    assert {k: report["total"][k] for k in COUNTS} == total

    rows = _report_rows_from_csv(as_csv)
    from_csv = {(r["country"], r["legal_process"]): {k: int(r[k]) for k in COUNTS} for r in rows if r["country"] != "all"}
    assert from_csv == expected
    (csv_total,) = [r for r in rows if r["country"] == "all"]
    assert {k: int(csv_total[k]) for k in COUNTS} == total

    written = json.loads(as_json.read_text("utf-8"))
    json_rows = written["rows"]
    assert {(r["country"], r["legal_process"]): {k: r[k] for k in COUNTS} for r in json_rows} == expected
    assert {k: written["total"][k] for k in COUNTS} == total


# --------------------------------------------------------------------------- issue 13: the country, and formulas in the CSV


def test_a_country_is_an_iso_code_and_a_formula_never_reaches_the_report_csv(demo: Path, isolated_config: Path, tmp_path: Path) -> None:
    """A country ``=1+1`` was accepted and went raw into the report's CSV. Now the intake takes an
    ISO 3166-1 alpha-2 code only (exit 2 otherwise, nothing recorded), and a value stored before
    the check reaches the CSV with a leading quote."""
    (account,) = _free_accounts(demo, 1, with_files=False)
    before = _fingerprint(demo)
    formula, spelled, reserved = _many(
        isolated_config,
        [
            (*_intake([account], "subpoena", received=_days(-1), reference=f"C-{i}", country=country), "--demo", "--operator", "bob")
            for i, country in enumerate(("=1+1", "United States", "UK"))
        ],
    )
    assert formula.returncode == 2 and "The country '=1+1' is not a two-letter ISO 3166-1 code." in formula.stderr, formula.stderr
    assert spelled.returncode == 2 and "'United States' is not a two-letter ISO 3166-1 code" in spelled.stderr
    assert reserved.returncode == 2 and "UK is not an ISO 3166-1 country code" in reserved.stderr and "the code is GB" in reserved.stderr
    assert _fingerprint(demo) == before

    request_id = _add(isolated_config, _intake([account], "subpoena", received=_days(-1), reference="C-4", country="de"))
    assert _scalar(demo, "SELECT country FROM law_enforcement_requests WHERE id = ?", request_id) == "DE"
    with sqlite_file(demo) as conn:  # as a request recorded before the check, or behind the console's back
        conn.execute("UPDATE law_enforcement_requests SET country = '=1+1' WHERE id = ?", (request_id,))
    out = tmp_path / "report.csv"
    _ok(_cli(isolated_config, "legal", "report", "--from", _days(-2), "--to", _days(0), "--out", str(out), "--json", who="bob"))
    rows = _report_rows_from_csv(out)
    assert "'=1+1" in [r["country"] for r in rows]
    cells = [v for r in rows for k, v in r.items() if k is not None]
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert out.read_bytes().decode("utf-8").startswith('"country","legal_process",')  # every cell quoted
