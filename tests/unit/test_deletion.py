"""Deletion requests: four eyes, holds, schema discovery, execution and verification (core only).

Counts are taken with independent SQL for the target account and for every other account.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session, sessionmaker

from minisip_console.core import audit, deletion, holds
from minisip_console.core.demo import create_demo
from minisip_console.core.models import AuditEvent, LegalHold, utcnow
from minisip_console.core.operators import OperatorInfo, identify
from minisip_console.core.plumbing import db
from minisip_console.core.plumbing.errors import Cancelled, ConsoleError, InvalidInput, PermissionDenied
from minisip_console.core.plumbing.filestore import FileStore
from tests.support.mounts import fill, read_only_tmpfs, small_tmpfs

DIRECT = ("cdrs", "configurations", "marketing_permissions", "page_visits", "support_messages", "survey_responses", "uploaded_files")


@dataclass
class Env:
    engine: Engine
    sessions: sessionmaker[Session]
    store: FileStore

    def op(self, login: str) -> OperatorInfo:
        with self.sessions() as session:
            return identify(session, login)

    def counts(self, table: str) -> dict[int, int]:
        with self.engine.connect() as conn:
            return dict(
                conn.execute(text(f"SELECT account_id, count(*) FROM {table} WHERE account_id IS NOT NULL GROUP BY account_id")).all()
            )

    def snapshot(self) -> dict[str, dict[int, int]]:
        return {t: self.counts(t) for t in DIRECT}


@pytest.fixture
def env(db_url: str, tmp_path: Path) -> Iterator[Env]:
    create_demo(db_url, accounts=30, cdrs=3000, seed=5)
    engine = db.make_engine(db_url)
    from minisip_console.core.plumbing.filestore import default_root

    yield Env(engine, db.session_factory(engine), FileStore(default_root(engine.url)))
    engine.dispose()


def _account_with_files(env: Env) -> int:
    with env.engine.connect() as conn:
        return int(
            conn.execute(
                text(
                    "SELECT f.account_id FROM uploaded_files f JOIN accounts a ON a.id = f.account_id WHERE a.status = 'active' "
                    "GROUP BY f.account_id ORDER BY count(*) DESC, f.account_id LIMIT 1"
                )
            ).scalar()
        )


def _done(env: Env, account_id: int, scope: str) -> deletion.RunOutcome:
    request = deletion.file_request(env.sessions, env.op("bob"), account_id, scope, ticket="SUP-9001")
    deletion.approve(env.sessions, env.op("carol"), request.id)
    return deletion.execute(env.sessions, env.op("bob"), request.id, env.store)


@pytest.mark.parametrize("scope", ["account", "configurations"])
def test_a_request_deletes_everything_in_scope_and_nothing_else(env: Env, scope: str) -> None:
    account_id = _account_with_files(env)
    before = env.snapshot()
    with env.engine.connect() as conn:
        paths = list(conn.execute(text("SELECT storage_path FROM uploaded_files WHERE account_id = :a"), {"a": account_id}).scalars())
    assert paths and all(env.store.exists(p) for p in paths)

    outcome = _done(env, account_id, scope)

    assert outcome.request.state == "completed"
    assert outcome.request.verification and set(outcome.request.verification.values()) == {0}
    after = env.snapshot()
    gone = set(DIRECT) if scope == "account" else {"configurations", "uploaded_files"}
    for table in DIRECT:
        others_before = {a: n for a, n in before[table].items() if a != account_id}
        others_after = {a: n for a, n in after[table].items() if a != account_id}
        assert others_after == others_before, table  # no other account touched
        expected = 0 if table in gone else before[table].get(account_id, 0)
        assert after[table].get(account_id, 0) == expected, table
    assert not any(env.store.exists(p) for p in paths)
    with env.engine.connect() as conn:
        name, email, status = conn.execute(text("SELECT name, email, status FROM accounts WHERE id = :a"), {"a": account_id}).one()
    if scope == "account":
        assert (name, email, status) == ("", "", "deleted")
    else:
        assert name and email and status == "active"
    with env.sessions() as session:
        assert audit.verify(session).ok


def test_a_table_added_later_is_found_deleted_and_verified(env: Env) -> None:
    with env.engine.begin() as conn:
        conn.execute(
            text(
                "CREATE TABLE voicemail_greetings (id integer PRIMARY KEY, account_id integer NOT NULL REFERENCES accounts(id), label varchar(40))"
            )
        )
        conn.execute(text("CREATE TABLE greeting_plays (id integer PRIMARY KEY, greeting_id integer REFERENCES voicemail_greetings(id))"))
        conn.execute(text("INSERT INTO voicemail_greetings (id, account_id, label) VALUES (1, 3, 'a'), (2, 3, 'b'), (3, 4, 'c')"))
        conn.execute(text("INSERT INTO greeting_plays (id, greeting_id) VALUES (1, 1), (2, 2), (3, 3)"))
    names = [o.name for o in deletion.scope_plan(env.engine, "account").tables]
    assert names.index("greeting_plays") < names.index("voicemail_greetings")  # children first
    outcome = _done(env, 3, "account")
    assert outcome.request.state == "completed"
    assert outcome.request.verification["voicemail_greetings"] == 0 and outcome.request.verification["greeting_plays"] == 0
    with env.engine.connect() as conn:
        assert conn.execute(text("SELECT account_id FROM voicemail_greetings")).scalars().all() == [4]
        assert conn.execute(text("SELECT greeting_id FROM greeting_plays")).scalars().all() == [3]


def test_four_eyes_roles_duplicates_and_bad_input(env: Env) -> None:
    bob, carol, dave = env.op("bob"), env.op("carol"), env.op("dave")
    with pytest.raises(InvalidInput, match="no account 999999"):
        deletion.file_request(env.sessions, bob, 999999, "account", ticket="SUP-1")
    with pytest.raises(InvalidInput, match="Unknown scope"):
        deletion.file_request(env.sessions, bob, 4, "everything", ticket="SUP-1")
    with pytest.raises(PermissionDenied):
        deletion.file_request(env.sessions, dave, 4, "account", ticket="SUP-1")
    first = deletion.file_request(env.sessions, bob, 4, "account", ticket="SUP-1")
    with pytest.raises(ConsoleError, match=f"request {first.id}"):
        deletion.file_request(env.sessions, carol, 4, "account", ticket="SUP-2")
    with pytest.raises(ConsoleError, match="only an approved request"):
        deletion.execute(env.sessions, bob, first.id, env.store)
    with pytest.raises(PermissionDenied, match="cannot also approve"):
        deletion.approve(env.sessions, identify_as(env, "bob", carol), first.id)
    with pytest.raises(InvalidInput, match="needs a note"):
        deletion.reject(env.sessions, carol, first.id, "other")
    rejected = deletion.reject(env.sessions, carol, first.id, "identity_not_verified", "asked the owner")
    assert rejected.state == "rejected"
    with pytest.raises(ConsoleError, match="rejected"):
        deletion.execute(env.sessions, bob, first.id, env.store)


def identify_as(env: Env, login: str, like: OperatorInfo) -> OperatorInfo:
    """``login`` with ``like``'s role: the requester promoted to approver still cannot approve their own request."""
    return OperatorInfo(login=login, display_name=login, role=like.role, registered=True)


def test_a_legal_hold_blocks_execution_naming_the_hold(env: Env) -> None:
    request = deletion.file_request(env.sessions, env.op("bob"), 6, "account", ticket="SUP-3")
    deletion.approve(env.sessions, env.op("carol"), request.id)
    with env.sessions.begin() as session:
        session.add(LegalHold(account_id=6, reason="Preservation order 2026-17", placed_by="alice"))
    before = env.snapshot()
    with pytest.raises(ConsoleError, match="legal hold.*Preservation order 2026-17"):
        deletion.execute(env.sessions, env.op("bob"), request.id, env.store)
    assert env.snapshot() == before
    assert deletion.get_request(env.sessions, request.id).state == "approved"


def test_missing_files_are_recorded_not_fatal_and_an_interrupted_run_resumes(env: Env) -> None:
    account_id = _account_with_files(env)
    request = deletion.file_request(env.sessions, env.op("bob"), account_id, "configurations", ticket="SUP-4")
    deletion.approve(env.sessions, env.op("carol"), request.id)
    with env.engine.connect() as conn:
        paths = list(conn.execute(text("SELECT storage_path FROM uploaded_files WHERE account_id = :a"), {"a": account_id}).scalars())
    env.store.path_of(paths[0]).unlink()  # already missing from the store
    with env.engine.begin() as conn:  # a run killed after marking the request executing
        conn.execute(text("UPDATE deletion_requests SET state = 'executing' WHERE id = :i"), {"i": request.id})
    outcome = deletion.execute(env.sessions, env.op("bob"), request.id, env.store)
    assert outcome.request.state == "completed" and outcome.missing_files == [paths[0]]


def test_the_certificate_matches_the_recorded_hash_and_holds_no_personal_data(env: Env, tmp_path: Path) -> None:
    account_id = _account_with_files(env)
    with env.engine.connect() as conn:
        name, email = conn.execute(text("SELECT name, email FROM accounts WHERE id = :a"), {"a": account_id}).one()
    outcome = _done(env, account_id, "account")
    sha = deletion.write_certificate(env.sessions, outcome.request.id, tmp_path / "cert.json")
    assert sha == outcome.request.certificate_sha256
    page = tmp_path / "cert.html"
    assert deletion.write_certificate(env.sessions, outcome.request.id, page) == sha
    for text_ in ((tmp_path / "cert.json").read_text(), page.read_text()):
        assert name not in text_ and email not in text_ and sha in text_
    cert = deletion.certificate_for(env.sessions, outcome.request.id)
    assert cert["approved_by"] == "carol" and cert["requested_by"] == "bob" and set(cert["checked"].values()) == {0}
    assert [e.action for e in deletion.timeline(env.sessions, outcome.request.id)] == [
        "deletion.request",
        "deletion.approve",
        "deletion.execute",
        "deletion.complete",
    ]
    with env.engine.begin() as conn:  # a record changed afterwards no longer matches its certificate hash
        conn.execute(text("UPDATE deletion_requests SET decided_by = 'mallory' WHERE id = :i"), {"i": outcome.request.id})
    with pytest.raises(ConsoleError, match="does not match"):
        deletion.certificate_for(env.sessions, outcome.request.id)
    with pytest.raises(InvalidInput, match=".pdf"):
        deletion.write_certificate(env.sessions, outcome.request.id, tmp_path / "cert.pdf")


def test_the_certificate_on_a_full_disk_or_a_read_only_folder_is_a_sentence_and_leaves_no_part(env: Env, tmp_path: Path) -> None:
    """Issue 13: on a full file system the certificate ended in a traceback and left c.json.part."""
    request_id = _done(env, _account_with_files(env), "configurations").request.id
    with small_tmpfs(tmp_path / "disk") as disk:
        filler = fill(disk)
        for name in ("c.json", "c.html"):
            with pytest.raises(
                ConsoleError,
                match=rf"Could not write {disk / name}: the disk is full\. {disk} has .* free of .*; "
                r"the file needs [\d,.]+ (bytes|KB)\. .*Nothing was written\.",
            ):
                deletion.write_certificate(env.sessions, request_id, disk / name)
        assert list(disk.iterdir()) == [filler]  # no c.json.part, no other temporary file
        filler.unlink()  # room again: the same call writes it
        assert (
            deletion.write_certificate(env.sessions, request_id, disk / "c.json")
            == deletion.certificate_for(env.sessions, request_id)["sha256"]
        )
        assert [p.name for p in disk.iterdir()] == ["c.json"]
    with read_only_tmpfs(tmp_path / "ro") as folder:
        with pytest.raises(ConsoleError, match=rf"{folder} is on a read-only file system"):
            deletion.write_certificate(env.sessions, request_id, folder / "c.json")
        assert list(folder.iterdir()) == []
    (tmp_path / "folder.json").mkdir()
    with pytest.raises(InvalidInput, match="folder.json is a folder"):
        deletion.write_certificate(env.sessions, request_id, tmp_path / "folder.json")


def test_cancel_mid_run_rolls_the_rows_back_and_the_next_run_finishes(env: Env) -> None:
    request = deletion.file_request(env.sessions, env.op("bob"), 7, "account", ticket="SUP-5")
    deletion.approve(env.sessions, env.op("carol"), request.id)
    before = env.snapshot()
    with pytest.raises(Cancelled):
        deletion.execute(env.sessions, env.op("bob"), request.id, env.store, progress=lambda *a: None, cancel=lambda: True)
    assert env.snapshot() == before and deletion.get_request(env.sessions, request.id).state == "executing"
    assert deletion.execute(env.sessions, env.op("bob"), request.id, env.store).request.state == "completed"
    other = deletion.file_request(env.sessions, env.op("bob"), 8, "configurations", ticket="SUP-6")
    with pytest.raises(PermissionDenied, match="Only bob"):
        deletion.cancel_request(env.sessions, env.op("carol"), other.id)
    assert deletion.cancel_request(env.sessions, env.op("bob"), other.id, "customer withdrew").state == "cancelled"


# --------------------------------------------------------------------------- legal holds during a run


def _approved(env: Env, account_id: int, scope: str = "configurations") -> int:
    request = deletion.file_request(env.sessions, env.op("bob"), account_id, scope, ticket="SUP-7001")
    deletion.approve(env.sessions, env.op("carol"), request.id)
    return request.id


def _place(env: Env, account_id: int, *, days: int | None, now: dt.datetime | None = None) -> int:
    with env.sessions.begin() as session:
        (hold,) = holds.place_holds(session, env.op("bob"), [account_id], "Preservation order 2026-17", days=days, now=now)
        return hold.id


def _paths(env: Env, account_id: int) -> list[str]:
    with env.engine.connect() as conn:
        return list(conn.execute(text("SELECT storage_path FROM uploaded_files WHERE account_id = :a"), {"a": account_id}).scalars())


def _held_events(env: Env, request_id: int) -> list[dict[str, object]]:
    return [e.details for e in deletion.timeline(env.sessions, request_id) if e.action == "deletion.held"]


def test_an_expired_hold_does_not_block(env: Env) -> None:
    account_id = _account_with_files(env)
    request_id = _approved(env, account_id)
    _place(env, account_id, days=1, now=utcnow() - dt.timedelta(days=5))  # ended four days ago
    assert deletion.execute(env.sessions, env.op("bob"), request_id, env.store).request.state == "completed"


def test_a_hold_placed_before_the_files_go_stops_the_run_with_nothing_deleted(env: Env) -> None:
    account_id = _account_with_files(env)
    request_id = _approved(env, account_id)
    before, paths = env.snapshot(), _paths(env, account_id)
    placed: list[int] = []

    def progress(done: int, total: int, what: str) -> None:
        if done == 0 and not placed:  # the run has started: the request is executing
            placed.append(_place(env, account_id, days=30))

    with pytest.raises(deletion.HeldByLegalHold, match=r"placed under a legal hold while request") as info:
        deletion.execute(env.sessions, env.op("bob"), request_id, env.store, progress=progress)
    hold_id = placed[0]
    assert f"hold {hold_id}: Preservation order 2026-17, placed by bob on " in info.value.message
    assert " until 20" in info.value.message and info.value.hold_ids == (hold_id,)
    assert env.snapshot() == before and all(env.store.exists(p) for p in paths)
    assert deletion.get_request(env.sessions, request_id).state == "executing"
    assert _held_events(env, request_id) == [
        {"account_id": account_id, "hold_ids": [hold_id], "stopped": "before the files", "deleted": {}}
    ]
    with env.sessions() as session:
        assert audit.verify(session).ok


def test_a_hold_placed_while_the_files_go_stops_before_the_rows_and_the_request_resumes(env: Env) -> None:
    account_id = _account_with_files(env)
    request_id = _approved(env, account_id)
    before, paths = env.snapshot(), _paths(env, account_id)
    assert len(paths) >= 2
    placed: list[int] = []

    def cancel() -> bool:  # asked before each file: the hold arrives while the files are deleted
        if not placed:
            placed.append(_place(env, account_id, days=None))
        return False

    with pytest.raises(deletion.HeldByLegalHold, match="with no end date") as info:
        deletion.execute(env.sessions, env.op("bob"), request_id, env.store, cancel=cancel)
    assert f"hold {placed[0]}" in info.value.message and "stays executing" in (info.value.hint or "")
    assert env.snapshot() == before  # the database transaction never started
    assert not any(env.store.exists(p) for p in paths)  # the current step (the files) finished
    assert deletion.get_request(env.sessions, request_id).state == "executing"
    (event,) = _held_events(env, request_id)
    assert event["stopped"] == "after the files" and event["deleted"] == {deletion.FILE_STORE: len(paths)}
    # while the hold lasts the request is refused, still executing; once released it finishes
    with pytest.raises(deletion.HeldByLegalHold, match="stays executing"):
        deletion.execute(env.sessions, env.op("bob"), request_id, env.store)
    outcomes = deletion.run_approved(env.sessions, env.op("bob"), env.store)  # the scheduler's run reports it and goes on
    assert any(isinstance(o, deletion.HeldByLegalHold) and o.hold_ids == (placed[0],) for o in outcomes)
    assert deletion.get_request(env.sessions, request_id).state == "executing"
    holds.release_hold(env.sessions, env.op("carol"), placed[0], "court order lifted")
    done = deletion.execute(env.sessions, env.op("bob"), request_id, env.store)
    assert done.request.state == "completed" and sorted(done.missing_files) == sorted(paths)
    assert [e.action for e in deletion.timeline(env.sessions, request_id)] == [
        "deletion.request",
        "deletion.approve",
        "deletion.execute",
        "deletion.held",
        "deletion.complete",
    ]


@pytest.mark.postgres
def test_a_hold_placed_during_the_rows_transaction_rolls_it_back(postgres_url: str) -> None:
    """Only PostgreSQL lets another connection commit while the rows' transaction is open (SQLite
    serialises writers: no hold can be placed then)."""
    create_demo(postgres_url, accounts=30, cdrs=3000, seed=5)
    engine = db.make_engine(postgres_url)
    from minisip_console.core.plumbing.filestore import default_root

    env = Env(engine, db.session_factory(engine), FileStore(default_root(engine.url)))
    try:
        request_id = _approved(env, 9, "account")
        before = env.snapshot()
        placed: list[int] = []

        def progress(done: int, total: int, what: str) -> None:
            if what.startswith("deleting from") and done >= 3 and not placed:  # some tables' rows already deleted
                placed.append(_place(env, 9, days=60))

        with pytest.raises(deletion.HeldByLegalHold, match="placed under a legal hold while request"):
            deletion.execute(env.sessions, env.op("bob"), request_id, env.store, progress=progress)
        assert placed and env.snapshot() == before  # rolled back whole
        with engine.connect() as conn:
            assert conn.execute(text("SELECT status, name <> '' FROM accounts WHERE id = 9")).one() == ("active", True)
        assert deletion.get_request(env.sessions, request_id).state == "executing"
        (event,) = _held_events(env, request_id)
        assert event["hold_ids"] == placed and "rolled back" in str(event["stopped"])
    finally:
        engine.dispose()


# --------------------------------------------------------------------------- the audit head of a certificate


#: the keys of a certificate made before the audit head was recorded (migration 0005)
OLD_CERTIFICATE_KEYS = {
    "certificate",
    "request",
    "account_id",
    "scope",
    "ticket_ref",
    "requested_at",
    "requested_by",
    "approved_by",
    "approved_at",
    "executed_at",
    "completed_at",
    "checked",
}


def _complete_event(env: Env, request_id: int) -> tuple[int, str, str]:
    """(seq, prev_hash, certificate_sha256) of the request's deletion.complete event, by SQL."""
    with env.engine.connect() as conn:
        seq, prev, details = conn.execute(
            text("SELECT seq, prev_hash, details FROM audit_events WHERE action = 'deletion.complete' AND target_id = :t"),
            {"t": str(request_id)},
        ).one()
    return int(seq), str(prev), json.loads(details)["certificate_sha256"]


def _tamper(env: Env, seq: int) -> None:
    """Change an event's details with plain SQL, behind the console's back (on PostgreSQL as the
    superuser, who can switch the append-only triggers off for the transaction)."""
    with env.engine.begin() as conn:
        if env.engine.dialect.name == "postgresql":
            conn.execute(text("SET LOCAL session_replication_role = replica"))
        conn.execute(text("UPDATE audit_events SET details = :d WHERE seq = :s"), {"d": '{"purpose":"nothing to see"}', "s": seq})


def _verify_against(env: Env, head: str) -> audit.VerifyResult:
    with env.sessions() as session:
        return audit.verify(session, expected_head=audit.parse_head(head))


def test_the_certificate_carries_the_head_just_before_its_completion(env: Env, tmp_path: Path) -> None:
    account_id = _account_with_files(env)
    outcome = _done(env, account_id, "configurations")
    request_id = outcome.request.id
    seq, prev_hash, recorded_sha = _complete_event(env, request_id)
    # the head just before deletion.complete (which records the certificate's hash) is the one recorded
    before = audit.Head(seq - 1, prev_hash)
    assert outcome.request.audit_head == before.text == deletion.get_request(env.sessions, request_id).audit_head
    with env.engine.connect() as conn:
        assert conn.execute(text("SELECT hash FROM audit_events WHERE seq = :s"), {"s": seq - 1}).scalar() == prev_hash

    cert = deletion.certificate_for(env.sessions, request_id)
    assert cert["audit_head"] == before.text and cert["sha256"] == recorded_sha == outcome.request.certificate_sha256
    assert set(cert) == OLD_CERTIFICATE_KEYS | {"audit_head", "sha256"}
    deletion.write_certificate(env.sessions, request_id, tmp_path / "cert.json")
    written = json.loads((tmp_path / "cert.json").read_text("utf-8"))
    assert written["audit_head"] == before.text
    page = deletion.certificate_html(cert)
    assert f"audit log head <code>{before.text}</code>" in page
    assert page.count(f"minisip-console audit verify --expect-head {before.text}") == 1

    # the head checks against the log, also after more events were appended...
    assert _verify_against(env, written["audit_head"]).ok
    _done(env, 8, "configurations")
    assert _verify_against(env, written["audit_head"]).ok
    # ...and no longer once an event at or before it was changed
    _tamper(env, seq - 3)
    result = _verify_against(env, written["audit_head"])
    assert not result.ok and result.first_bad_seq == seq - 3


def test_a_log_rewritten_under_a_certificate_fails_against_its_head(env: Env) -> None:
    """Edit an event before the head and recompute every hash after it: the chain is whole again,
    only the head the certificate carries shows it."""
    outcome = _done(env, _account_with_files(env), "configurations")
    head = audit.parse_head(deletion.certificate_for(env.sessions, outcome.request.id)["audit_head"])
    with env.sessions.begin() as session:
        if env.engine.dialect.name == "postgresql":  # the superuser, past the append-only triggers
            session.execute(text("SET LOCAL session_replication_role = replica"))
        events = session.scalars(select(AuditEvent).where(AuditEvent.seq >= head.seq - 1).order_by(AuditEvent.seq)).all()
        events[0].details = '{"purpose":"nothing to see"}'
        prev = events[0].prev_hash
        for event in events:
            event.prev_hash = prev
            event.hash = audit.compute_hash(event)
            prev = event.hash
    with env.sessions() as session:
        assert audit.verify(session).ok
        result = audit.verify(session, expected_head=head)
    assert (result.ok, result.first_bad_seq, result.reason) == (False, head.seq, "differs from the exported head: the log was rewritten")


def test_a_certificate_completed_before_the_head_was_recorded_is_rebuilt_unchanged(env: Env, tmp_path: Path) -> None:
    outcome = _done(env, _account_with_files(env), "configurations")
    request_id = outcome.request.id
    # the request as an earlier console completed it: no audit_head, the hash of the certificate without one
    now = deletion.certificate_for(env.sessions, request_id)
    old = {k: v for k, v in now.items() if k not in ("audit_head", "sha256")}
    assert set(old) == OLD_CERTIFICATE_KEYS
    old_sha = hashlib.sha256(json.dumps(old, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()).hexdigest()
    with env.engine.begin() as conn:
        conn.execute(
            text("UPDATE deletion_requests SET audit_head = NULL, certificate_sha256 = :s WHERE id = :i"), {"s": old_sha, "i": request_id}
        )

    assert deletion.get_request(env.sessions, request_id).audit_head is None
    rebuilt = deletion.certificate_for(env.sessions, request_id)
    assert rebuilt == {**old, "sha256": old_sha} and "audit_head" not in rebuilt
    assert deletion.write_certificate(env.sessions, request_id, tmp_path / "old.json") == old_sha
    assert json.loads((tmp_path / "old.json").read_text("utf-8")) == {**old, "sha256": old_sha}
    page = deletion.certificate_html(rebuilt)
    assert old_sha in page and "--expect-head" not in page and "audit log head" not in page
