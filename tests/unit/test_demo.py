"""The demo database: counts, determinism, realistic CDRs, real files, a sound audit chain."""

from __future__ import annotations

import hashlib
import io
import json
import wave
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from minisip_console import cli
from minisip_console.core import audit, demo
from minisip_console.core.models import (
    SERVICE_TABLES,
    Account,
    AuditEvent,
    Base,
    Cdr,
    Configuration,
    SupportMessage,
    UploadedFile,
)
from minisip_console.core.plumbing import db
from minisip_console.core.plumbing.errors import Cancelled, ConsoleError, InvalidInput
from minisip_console.core.plumbing.filestore import FileStore, default_root

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
SMALL = {"accounts": 20, "cdrs": 2000, "now": NOW}
#: tables compared row by row to decide whether two demos hold the same data
FINGERPRINT_TABLES = (Account, Configuration, UploadedFile, Cdr, SupportMessage, AuditEvent)


@pytest.fixture
def other_url(db_url: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A second empty database on the same backend as ``db_url``."""
    if db_url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / 'other.db'}"
    server = request.getfixturevalue("postgres_server")
    return server.url(server.create_database())


@contextmanager
def _session(url: str) -> Iterator[Session]:
    engine = db.make_engine(url)
    try:
        with Session(engine) as session:
            yield session
    finally:
        engine.dispose()


def _fingerprint(url: str) -> str:
    digest = hashlib.sha256()
    with _session(url) as session:
        for model in FINGERPRINT_TABLES:
            table = model.__table__
            for row in session.execute(select(table).order_by(*table.primary_key.columns)):
                digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def _counts(url: str) -> dict[str, int]:
    with _session(url) as session:
        return {t.name: session.scalar(select(func.count()).select_from(t)) or 0 for t in Base.metadata.sorted_tables}


def test_creates_what_was_asked_and_every_table_has_rows(db_url: str) -> None:
    summary = demo.create_demo(db_url, **SMALL)

    counts = _counts(db_url)
    assert counts["accounts"] == 20
    assert counts["cdrs"] == 2000
    assert dict(summary.rows) == counts
    # a saved retention target is a table in another database (issue 17): the demo has no other database
    empty = sorted(name for name, count in counts.items() if count == 0 and name != "retention_targets")
    assert empty == [], f"tables left empty: {empty}"
    console_tables = set(counts) - SERVICE_TABLES
    assert {
        "operators",
        "audit_events",
        "retention_policies",
        "purge_runs",
        "deletion_requests",
        "legal_holds",
        "policy_versions",
        "notice_campaigns",
        "notice_deliveries",
        "law_enforcement_requests",
        "disclosures",
        "access_grants",
    } <= console_tables
    with _session(db_url) as session:
        assert db.schema_status(session.get_bind()).at_head


def test_summary_is_json_safe_and_readable(db_url: str) -> None:
    summary = demo.create_demo(db_url, **SMALL)

    data = json.loads(json.dumps(summary.as_dict()))
    assert data["rows"]["cdrs"] == 2000
    assert data["seed"] == 1
    assert data["now"] == NOW.isoformat()
    assert data["files"] == data["rows"]["uploaded_files"] > 0
    text = summary.describe()
    assert "20 accounts" in text
    assert "2,000 CDRs" in text


def test_same_seed_gives_the_same_data_and_another_seed_differs(db_url: str, other_url: str) -> None:
    demo.create_demo(db_url, **SMALL)
    demo.create_demo(other_url, **SMALL)
    assert _fingerprint(db_url) == _fingerprint(other_url)

    demo.create_demo(other_url, **SMALL, seed=2, force=True)
    assert _fingerprint(db_url) != _fingerprint(other_url)


def test_cdrs_span_ninety_days_with_two_thirds_past_the_limit(db_url: str) -> None:
    summary = demo.create_demo(db_url, **SMALL)

    cutoff = NOW - timedelta(days=30)
    with _session(db_url) as session:
        starts = session.scalars(select(Cdr.start).order_by(Cdr.id)).all()
        older_in_sql = session.scalar(select(func.count()).where(Cdr.start < cutoff))
        account_ids = set(session.scalars(select(Account.id)))
        cdr_accounts = set(session.scalars(select(Cdr.account_id).distinct()))
        sample = session.scalars(select(Cdr).order_by(Cdr.id).limit(200)).all()
    assert starts == sorted(starts), "ids follow time"
    assert all(s.tzinfo is UTC for s in starts)
    assert NOW - timedelta(days=90) <= starts[0] < NOW - timedelta(days=89)
    assert NOW - timedelta(days=1) < starts[-1] < NOW
    older = sum(s < cutoff for s in starts)
    assert older == older_in_sql == summary.cdrs_past_retention  # stored text compares like the datetimes
    assert 0.6 * len(starts) < older < 0.73 * len(starts)
    assert cdr_accounts <= account_ids
    for cdr in sample:
        assert cdr.disposition in {"ANSWERED", "NO ANSWER", "BUSY", "FAILED"}
        assert cdr.lastapp in {"Dial", "Queue", "Voicemail"}
        assert cdr.channel.startswith("PJSIP/")
        assert cdr.clid.endswith(">") and cdr.clid.startswith('"')
        assert cdr.linkedid == cdr.uniqueid
        assert cdr.end is not None and cdr.end >= cdr.start
        assert cdr.duration >= cdr.billsec >= 0
        assert (cdr.answer is not None) == (cdr.disposition == "ANSWERED")


def test_every_uploaded_file_is_in_the_store_with_its_size_and_hash(db_url: str) -> None:
    demo.create_demo(db_url, **SMALL)

    store = FileStore(default_root(db.parse_url(db_url)))
    with _session(db_url) as session:
        files = session.scalars(select(UploadedFile)).all()
    assert files
    for row in files:
        content = store.path_of(row.storage_path).read_bytes()
        assert len(content) == row.size_bytes
        assert hashlib.sha256(content).hexdigest() == row.sha256
        if row.content_type == "audio/wav":
            with wave.open(io.BytesIO(content)) as greeting:
                assert (greeting.getnchannels(), greeting.getsampwidth(), greeting.getframerate()) == (1, 2, 8000)
                assert greeting.getnframes() > 0
        elif row.content_type == "image/png":
            assert content.startswith(b"\x89PNG\r\n\x1a\n") and content.endswith(b"IEND\xaeB`\x82")
    assert {"audio/wav", "text/plain", "image/png"} <= {row.content_type for row in files}


def test_audit_chain_verifies_and_holds_no_personal_values(db_url: str) -> None:
    demo.create_demo(db_url, **SMALL)

    with _session(db_url) as session:
        result = audit.verify(session)
        details = " ".join(session.scalars(select(AuditEvent.details)))
        people = session.execute(select(Account.name, Account.email)).all()
    assert result.ok, result.reason
    assert result.events > 10
    for name, email in people:
        assert name not in details
        assert email not in details


def test_the_demos_certificate_and_receipts_carry_heads_that_verify(db_url: str) -> None:
    from minisip_console.core import deletion
    from minisip_console.core.models import DeletionRequest, PurgeRun

    demo.create_demo(db_url, **SMALL)
    engine = db.make_engine(db_url)
    try:
        sessions = db.session_factory(engine)
        with sessions() as session:
            request_id = session.scalar(select(DeletionRequest.id).where(DeletionRequest.state == "completed"))
            heads = [
                session.scalar(select(DeletionRequest.audit_head).where(DeletionRequest.id == request_id)),
                *session.scalars(select(PurgeRun.audit_head).order_by(PurgeRun.id)),
            ]
            complete = session.scalar(select(AuditEvent).where(AuditEvent.action == "deletion.complete"))
            assert complete is not None and heads[0] == f"{complete.seq - 1}:{complete.prev_hash}"  # the head before its event
            assert all(heads) and len(heads) == 3
            for head in heads:
                assert audit.verify(session, expected_head=audit.parse_head(head)).ok
        # the certificate the console rebuilds carries it, and its hash is the one in the log
        certificate = deletion.certificate_for(sessions, request_id)
        assert certificate["audit_head"] == heads[0] and certificate["sha256"] in complete.details
    finally:
        engine.dispose()


def test_a_second_create_needs_force_and_then_replaces_the_same_data(db_url: str) -> None:
    first = demo.create_demo(db_url, **SMALL)
    fingerprint = _fingerprint(db_url)

    with pytest.raises(ConsoleError, match="already holds data") as refused:
        demo.create_demo(db_url, **SMALL)
    assert refused.value.hint == "use --force to replace it"

    again = demo.create_demo(db_url, **SMALL, force=True)
    assert again.rows == first.rows
    assert _fingerprint(db_url) == fingerprint  # ids restart, so the same seed gives the same rows
    stored = sorted(p for p in again.file_store.rglob("*") if p.is_file() and "law-requests" not in p.parts)
    assert len(stored) == again.files
    _documents_are_stored(db_url, again.file_store)


def test_force_removes_files_of_the_replaced_demo(db_url: str) -> None:
    big = demo.create_demo(db_url, accounts=30, cdrs=0, now=NOW)
    small = demo.create_demo(db_url, accounts=5, cdrs=0, now=NOW, force=True)
    assert small.files < big.files
    assert len([p for p in small.file_store.rglob("*") if p.is_file() and "law-requests" not in p.parts]) == small.files
    _documents_are_stored(db_url, small.file_store)


def _documents_are_stored(url: str, root: Path) -> None:
    """The documents received with the demo's law-enforcement requests are in the store, with their SHA-256."""
    engine = db.make_engine(url)
    try:
        with engine.connect() as conn:
            docs = conn.execute(text("SELECT storage_path, sha256 FROM law_request_documents")).all()
    finally:
        engine.dispose()
    assert docs
    for storage_path, sha256 in docs:
        assert hashlib.sha256((root / storage_path).read_bytes()).hexdigest() == sha256
    on_disk = [p for p in root.rglob("*") if p.is_file() and "law-requests" in p.parts]
    assert len(on_disk) == len(docs)  # a forced re-create left no old document behind


def test_cancel_between_cdr_chunks_raises_and_leaves_a_consistent_partial_demo(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(demo, "CDR_CHUNK", 500)
    reports: list[tuple[int, int, str]] = []

    def progress(done: int, total: int, what: str) -> None:
        reports.append((done, total, what))

    def cancel() -> bool:
        return sum(what == "CDRs" for _, _, what in reports) >= 2

    with pytest.raises(Cancelled, match="after 1,000 of 2,000 CDRs") as cancelled:
        demo.create_demo(db_url, **SMALL, progress=progress, cancel=cancel)
    assert "--force" in (cancelled.value.hint or "")
    assert [r for r in reports if r[2] == "CDRs"] == [(500, 2000, "CDRs"), (1000, 2000, "CDRs")]
    assert _counts(db_url)["cdrs"] == 1000
    with _session(db_url) as session:
        assert audit.verify(session).ok

    assert demo.create_demo(db_url, **SMALL, force=True).rows["cdrs"] == 2000


def test_cancel_before_any_data(db_url: str) -> None:
    with pytest.raises(Cancelled):
        demo.create_demo(db_url, **SMALL, cancel=lambda: True)
    assert _counts(db_url)["accounts"] == 0


def test_bad_counts_are_refused(sqlite_url: str) -> None:
    with pytest.raises(InvalidInput):
        demo.create_demo(sqlite_url, accounts=0)
    with pytest.raises(InvalidInput):
        demo.create_demo(sqlite_url, cdrs=-1)


def test_cli_demo_create_prints_one_json_object(db_url: str) -> None:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(["demo", "create", "--database", db_url, "--accounts", "5", "--cdrs", "100", "--json"], stdout=out, stderr=err)

    assert code == 0, out.getvalue()
    lines = out.getvalue().splitlines()
    assert len(lines) == 1
    data = json.loads(lines[0])
    assert data["ok"] is True
    assert data["rows"]["accounts"] == 5
    assert data["rows"]["cdrs"] == 100
    assert err.getvalue() == ""
