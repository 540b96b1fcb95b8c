"""``minisip-console audit verify | head | export`` as a process, on SQLite and PostgreSQL.

Tampering is plain SQL, the way someone with database access and no console would do it: an
event's details changed, an event deleted in the middle, the newest events deleted (caught
only against a head exported before).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from minisip_console.core import audit
from minisip_console.core.models import AuditEvent, Operator
from tests.support.cli import console_login, run_console

T0 = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)

#: (operator, action, account) of the events, one a day from T0
EVENTS = (
    ("alice", "grant.open", 101),
    ("bob", "account.rectify", 102),
    ("alice", "file.open", 101),
    ("bob", "grant.open", 103),
    ("carol", "purge.run", None),
    ("alice", "account.export", 102),
)


def _fill(engine: Engine, *, role: str = "viewer", events: int = len(EVENTS)) -> audit.Head | None:
    with Session(engine) as session, session.begin():
        session.add(Operator(login=console_login(engine), display_name="Test Operator", role=role))
        for i, (operator, action, account) in enumerate(EVENTS[:events]):
            audit.append(
                session,
                operator=operator,
                action=action,
                target_type="account" if account else "cdr",
                target_id=account or "",
                details={"purpose": "bug", "ticket": f"T-{i}"},
                at=T0 + dt.timedelta(days=i),
            )
    with Session(engine) as session:
        return audit.head(session)


def _sql(engine: Engine, statement: str, **params: object) -> None:
    """Plain SQL behind the console's back (on PostgreSQL as the superuser, who can switch the
    append-only triggers off for the transaction: no operator's login can)."""
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("SET LOCAL session_replication_role = replica"))
        conn.execute(text(statement), params)


def _cli(config: Path, url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return run_console(*args, "--database", url, config_dir=config)


def _json(result: subprocess.CompletedProcess[str]) -> dict[str, object]:
    assert result.stdout.count("\n") == 1, result.stdout + result.stderr
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    return data


def _head_text(head: audit.Head | None) -> str:
    assert head is not None
    return f"{head.seq}:{head.hash}"


# --------------------------------------------------------------------------- intact


def test_an_intact_log_verifies_and_its_head_is_printed(db_engine: Engine, db_url: str, isolated_config: Path) -> None:
    head = _fill(db_engine)
    result = _cli(isolated_config, db_url, "audit", "verify")
    assert result.returncode == 0, result.stderr
    assert f"audit log intact: 6 events, head {_head_text(head)}." in result.stdout

    printed = _cli(isolated_config, db_url, "audit", "head")
    assert (printed.returncode, printed.stdout) == (0, _head_text(head) + "\n")
    as_json = _json(_cli(isolated_config, db_url, "audit", "head", "--json"))
    assert as_json["head"] == _head_text(head) and as_json["seq"] == 6

    # the printed head is exactly what --expect-head takes back
    checked = _json(_cli(isolated_config, db_url, "audit", "verify", "--json", "--expect-head", printed.stdout.strip()))
    assert checked["ok"] is True and checked["events"] == 6 and checked["head"] == _head_text(head)
    assert checked["first_bad_seq"] is None


# --------------------------------------------------------------------------- tampering


def test_changed_details_fail_and_name_the_event(db_engine: Engine, db_url: str, isolated_config: Path) -> None:
    _fill(db_engine)
    _sql(db_engine, "UPDATE audit_events SET details = :d WHERE seq = 3", d='{"purpose":"marketing"}')
    result = _cli(isolated_config, db_url, "audit", "verify")
    assert result.returncode == 1
    assert "FAILED verification at event 3: its content does not match its hash." in result.stdout
    assert "2 events before it verified; the last good event is 2." in result.stdout
    data = _json(_cli(isolated_config, db_url, "audit", "verify", "--json"))
    assert (data["ok"], data["first_bad_seq"], data["events"]) == (False, 3, 2)


def test_an_event_deleted_in_the_middle_fails_and_is_named(db_engine: Engine, db_url: str, isolated_config: Path) -> None:
    _fill(db_engine)
    _sql(db_engine, "DELETE FROM audit_events WHERE seq = 3")
    result = _cli(isolated_config, db_url, "audit", "verify")
    assert result.returncode == 1
    assert "FAILED verification at event 4: event 3 is missing." in result.stdout
    data = _json(_cli(isolated_config, db_url, "audit", "verify", "--json"))
    assert (data["ok"], data["first_bad_seq"], data["reason"]) == (False, 4, "event 3 is missing")


def test_deleted_newest_events_fail_against_the_head_taken_before(db_engine: Engine, db_url: str, isolated_config: Path) -> None:
    _fill(db_engine)
    taken = _cli(isolated_config, db_url, "audit", "head").stdout.strip()
    _sql(db_engine, "DELETE FROM audit_events WHERE seq >= 5")
    # the rest is consistent in itself...
    assert _cli(isolated_config, db_url, "audit", "verify").returncode == 0
    # ...but not with the head exported before
    result = _cli(isolated_config, db_url, "audit", "verify", "--expect-head", taken)
    assert result.returncode == 1
    assert "FAILED verification at event 6: the log ends before the exported head: it was truncated." in result.stdout
    data = _json(_cli(isolated_config, db_url, "audit", "verify", "--json", "--expect-head", taken))
    assert (data["ok"], data["first_bad_seq"], data["events"], data["expected_head"]) == (False, 6, 4, taken)
    assert str(data["head"]).startswith("4:")


def test_a_tail_rewritten_after_the_head_fails_against_it(db_engine: Engine, db_url: str, isolated_config: Path) -> None:
    head = _fill(db_engine, events=4)
    with Session(db_engine) as session, session.begin():  # edit event 2 and recompute every hash after it
        if db_engine.dialect.name == "postgresql":
            session.execute(text("SET LOCAL session_replication_role = replica"))
        events = session.scalars(select(AuditEvent).order_by(AuditEvent.seq)).all()
        events[1].details = '{"purpose":"nothing to see"}'
        prev = events[0].hash
        for event in events[1:]:
            event.prev_hash = prev
            event.hash = audit.compute_hash(event)
            prev = event.hash
    assert _cli(isolated_config, db_url, "audit", "verify").returncode == 0
    result = _cli(isolated_config, db_url, "audit", "verify", "--expect-head", _head_text(head))
    assert result.returncode == 1
    assert "at event 4: differs from the exported head: the log was rewritten." in result.stdout


# --------------------------------------------------------------------------- who and what


@pytest.mark.parametrize(
    "raw", ["", "abc", "5", "5:", ":" + "a" * 64, "0:" + "a" * 64, "-1:" + "a" * 64, "5:" + "a" * 63, "5:" + "g" * 64, "5 " + "a" * 64]
)
def test_a_malformed_expected_head_is_bad_input(sqlite_url: str, isolated_config: Path, raw: str) -> None:
    result = run_console("audit", "verify", f"--expect-head={raw}", "--database", sqlite_url, config_dir=isolated_config)
    assert result.returncode == 2
    assert "is not a head" in result.stderr
    assert "SEQ:HASH" in result.stderr
    assert result.stdout == ""


def test_an_unregistered_login_is_refused_and_an_empty_log_has_no_head(db_engine: Engine, db_url: str, isolated_config: Path) -> None:
    # the login the console connects as is not an operator (naming another one changes nothing outside the demo)
    refused = run_console("audit", "verify", "--database", db_url, config_dir=isolated_config, env={"MINISIP_CONSOLE_OPERATOR": "mallory"})
    assert refused.returncode == 1
    assert f"{console_login(db_engine)!r} is not a registered operator" in refused.stderr and "opens nothing" in refused.stderr
    _fill(db_engine, events=0)  # registers the (viewer) operator, no events
    empty = _cli(isolated_config, db_url, "audit", "verify")
    assert (empty.returncode, "the audit log is empty, and so are the console's audited records" in empty.stdout) == (0, True)
    no_head = _cli(isolated_config, db_url, "audit", "head")
    assert no_head.returncode == 1 and "there is no head to export" in no_head.stderr


def test_an_emptied_log_fails_while_the_consoles_tables_hold_audited_records(db_engine: Engine, db_url: str, isolated_config: Path) -> None:
    """``delete from audit_events`` leaves a log consistent in itself; the deletion requests, holds,
    policy, purge receipt and grant it recorded are still there, and name what is missing."""
    from tests.unit.test_audit import _console_records

    _fill(db_engine, events=0)  # the console's own (viewer) login
    made = _console_records(db_engine)
    intact = _cli(isolated_config, db_url, "audit", "verify")
    assert intact.returncode == 0, intact.stdout + intact.stderr
    assert (
        "Every audited record has its event: 1 deletion request, 1 finished purge receipt, 2 legal holds, "
        "1 retention policy, 1 access grant."
    ) in intact.stdout

    _sql(db_engine, "DELETE FROM audit_events")
    result = _cli(isolated_config, db_url, "audit", "verify")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "audit log FAILED verification: it lacks the events of records the console holds:" in result.stdout
    (request,), holds = made["deletion requests"], made["legal holds"]
    assert f"  - 1 of 1 deletion request has no deletion.request event (id {request})" in result.stdout
    assert f"  - 2 of 2 legal holds have no legal_hold.place event (ids {holds[0]}, {holds[1]})" in result.stdout
    assert "  - 1 access grant but no access.grant event" in result.stdout
    assert result.stdout.rstrip().endswith("the log is empty.")
    data = _json(_cli(isolated_config, db_url, "audit", "verify", "--json"))
    assert (data["ok"], data["events"], data["head"], data["first_bad_seq"]) == (False, 0, None, None)
    missing = {r["kind"]: (r["records"], r["missing"]) for r in data["records"] if not r["ok"]}  # type: ignore[union-attr]
    assert missing == {
        "deletion requests": (1, 1),
        "legal holds": (2, 2),
        "retention policies": (1, 1),
        "finished purge receipts": (1, 1),
        "access grants": (1, 1),
    }


# --------------------------------------------------------------------------- export


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_export_writes_the_filtered_events_as_csv(db_engine: Engine, db_url: str, isolated_config: Path, tmp_path: Path) -> None:
    _fill(db_engine)
    out = tmp_path / "audit.csv"
    everything = _json(_cli(isolated_config, db_url, "audit", "export", "--out", str(out), "--json"))
    assert everything["events"] == 6
    rows = _read_csv(out)
    with Session(db_engine) as session:
        events = session.scalars(select(AuditEvent).order_by(AuditEvent.seq)).all()
        assert [r["hash"] for r in rows] == [e.hash for e in events]
        # every hashed field is in the export: the chain can be recomputed from the file
        for row, event in zip(rows, events, strict=True):
            assert (row["seq"], row["operator"], row["action"], row["target_id"], row["details"], row["prev_hash"]) == (
                str(event.seq),
                event.operator_login,
                event.action,
                event.target_id,
                event.details,
                event.prev_hash,
            )
            assert dt.datetime.fromisoformat(row["occurred_at"]) == event.occurred_at

    def seqs(*filters: str) -> list[int]:
        result = _cli(isolated_config, db_url, "audit", "export", "--out", str(out), *filters)
        assert result.returncode == 0, result.stderr
        written = len(_read_csv(out))
        assert result.stdout.endswith(f"wrote {written} audit {'event' if written == 1 else 'events'} to {out}.\n")
        return [int(r["seq"]) for r in _read_csv(out)]

    assert seqs("--operator", "alice") == [1, 3, 6]
    assert seqs("--action", "grant.open") == [1, 4]
    assert seqs("--account", "101") == [1, 3]
    assert seqs("--since", "2026-03-02", "--until", "2026-03-04") == [2, 3, 4]  # until includes its whole day
    assert seqs("--operator", "bob", "--since", "2026-03-03") == [4]
    assert seqs("--operator", "nobody") == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "2026-13-01"], "--since '2026-13-01' is not a date."),
        (["--until", "01/03/2026"], "--until '01/03/2026' is not a date."),
        (["--since", "2026-3-1"], "--since '2026-3-1' is not a date."),
        (["--since", "2026-03-05", "--until", "2026-03-01"], "The date range is empty"),
        (["--account", "abc"], "argument --account: 'abc' is not an account id (it is not a whole number)"),
        (["--account", "99999999999999999999999"], "argument --account: '99999999999999999999999' is too large for an account id"),
    ],
)
def test_export_refuses_bad_filters(sqlite_url: str, isolated_config: Path, tmp_path: Path, args: list[str], message: str) -> None:
    out = tmp_path / "audit.csv"
    result = run_console("audit", "export", "--out", str(out), *args, "--database", sqlite_url, config_dir=isolated_config)
    assert result.returncode == 2
    assert message in result.stderr
    assert "YYYY-MM-DD" in result.stderr or "--account" in message or "empty" in message
    assert not out.exists()


def test_the_export_streams_in_batches_and_leaves_no_partial_file(db_engine: Engine, tmp_path: Path) -> None:
    """In-process: the keyset batches cross boundaries without losing or repeating an event."""
    from minisip_console.core.audit_query import AuditFilter, export_csv, iter_events
    from minisip_console.core.plumbing import db

    _fill(db_engine)
    sessions = db.session_factory(db_engine)
    assert [r.seq for r in iter_events(sessions, batch=2)] == [1, 2, 3, 4, 5, 6]
    assert [r.seq for r in iter_events(sessions, AuditFilter(operator="alice"), batch=1)] == [1, 3, 6]
    seen: list[int] = []
    folder = tmp_path / "export"
    folder.mkdir()
    out = folder / "a.csv"
    assert export_csv(sessions, out, progress=seen.append, batch=2) == 6
    assert seen == [2, 4, 6]
    assert len(_read_csv(out)) == 6
    assert [p.name for p in folder.iterdir()] == ["a.csv"]  # the temporary file was renamed, not left


def test_an_export_on_a_full_disk_is_a_sentence_and_leaves_no_part(
    db_engine: Engine, db_url: str, isolated_config: Path, tmp_path: Path
) -> None:
    """Issue 13: ``audit export`` on a full file system ended in a traceback. Now: exit 1, a sentence
    with the room there was, no temporary file, an earlier export under the name kept."""
    from tests.support.mounts import fill, read_only_tmpfs, small_tmpfs

    _fill(db_engine)
    with small_tmpfs(tmp_path / "disk") as disk:
        out = disk / "audit.csv"
        out.write_text("an earlier export\n", "utf-8")
        filler = fill(disk)
        result = _cli(isolated_config, db_url, "audit", "export", "--out", str(out))
        assert result.returncode == 1, result.stdout + result.stderr
        assert f"Could not write {out}: the disk is full. {disk} has " in result.stderr and "Traceback" not in result.stderr
        assert "audit.csv was left as it was." in result.stderr
        assert sorted(disk.iterdir()) == sorted([out, filler]) and out.read_text("utf-8") == "an earlier export\n"
    with read_only_tmpfs(tmp_path / "ro") as folder:
        result = _cli(isolated_config, db_url, "audit", "export", "--out", str(folder / "audit.csv"), "--json")
        assert result.returncode == 1 and "is on a read-only file system" in str(_json(result)["error"])
        assert list(folder.iterdir()) == []
