"""The customer's copy of their data: the ZIP against the database, refusals, cancel, streaming."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import tracemalloc
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session, sessionmaker

from minisip_console.core import audit, demo, export
from minisip_console.core.export import export_account
from minisip_console.core.models import (
    AccessGrant,
    Account,
    AuditEvent,
    Cdr,
    Configuration,
    Disclosure,
    MarketingPermission,
    Operator,
    PageVisit,
    SupportMessage,
    SurveyResponse,
    UploadedFile,
)
from minisip_console.core.operators import OperatorInfo, identify
from minisip_console.core.plumbing import db
from minisip_console.core.plumbing.errors import Cancelled, ConsoleError, InvalidInput, PermissionDenied
from minisip_console.core.plumbing.filestore import FileStore, default_root

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
#: the tables exported as <name>.csv and <name>.json(l), and the order their rows come in
DATASETS: dict[str, tuple[type[Any], str]] = {
    "configurations": (Configuration, "json"),
    "uploaded_files": (UploadedFile, "json"),
    "cdrs": (Cdr, "jsonl"),
    "support_messages": (SupportMessage, "json"),
    "survey_responses": (SurveyResponse, "json"),
    "page_visits": (PageVisit, "json"),
    "disclosures": (Disclosure, "json"),
}


@dataclass
class Env:
    engine: Engine
    sessions: sessionmaker[Session]
    store: FileStore
    account_id: int
    other_id: int

    def operator(self, login: str) -> OperatorInfo:
        with self.sessions() as session:
            return identify(session, login)

    def export(self, out: Path, login: str = "bob", **kwargs: Any) -> export.ExportReceipt:
        kwargs.setdefault("purpose", "customer_request")
        kwargs.setdefault("ticket", "SUP-4242")
        return export_account(
            self.sessions, self.operator(login), kwargs.pop("account_id", self.account_id), out_path=out, store=self.store, **kwargs
        )

    def export_events(self) -> list[AuditEvent]:
        with self.sessions() as session:
            return list(session.scalars(select(AuditEvent).where(AuditEvent.action == "account.export")))


def _open(url: str) -> tuple[Engine, sessionmaker[Session], FileStore]:
    engine = db.make_engine(url)
    return engine, db.session_factory(engine), FileStore(default_root(engine.url))


@pytest.fixture
def env(db_url: str) -> Iterator[Env]:
    """A small demo; the account with the most uploaded files gets a grant and an audited look."""
    demo.create_demo(db_url, accounts=6, cdrs=3000, seed=3, now=NOW)
    engine, sessions, store = _open(db_url)
    with sessions() as session, session.begin():
        account_id, files = session.execute(
            select(UploadedFile.account_id, func.count())
            .group_by(UploadedFile.account_id)
            .order_by(func.count().desc(), UploadedFile.account_id)
            .limit(1)
        ).one()
        assert files > 0
        other_id = session.scalar(select(func.min(Account.id)).where(Account.id != account_id))
        bob = session.scalar(select(Operator.id).where(Operator.login == "bob"))
        # each record with the event the console writes beside it (audit verify holds the log against them)
        session.add(
            AccessGrant(
                operator_id=bob,
                account_id=account_id,
                purpose="support",
                ticket_ref="SUP-7001",
                granted_at=NOW - timedelta(days=2),
                expires_at=NOW - timedelta(days=2) + timedelta(minutes=30),
            )
        )
        audit.append(
            session,
            operator="bob",
            action="access.grant",
            target_type="account",
            target_id=account_id,
            details={"purpose": "support", "ticket": "SUP-7001", "minutes": 30},
            at=NOW - timedelta(days=2),
        )
        audit.append(
            session,
            operator="bob",
            action="account.unmask",
            target_type="account",
            target_id=account_id,
            details={"purpose": "support", "ticket": "SUP-7001"},
            at=NOW - timedelta(days=2),
        )
        disclosure = Disclosure(
            account_id=account_id,
            recipient="Example Auditors Ltd",
            legal_basis="permission",
            evidence="SUP-7002",
            data_shared="invoices",
            recorded_by="bob",
        )
        session.add(disclosure)
        session.flush()
        audit.append(
            session,
            operator="bob",
            action="disclosure.record",
            target_type="disclosure",
            target_id=disclosure.id,
            details={"account_id": account_id, "legal_basis": "permission"},
        )
    yield Env(engine, sessions, store, account_id, other_id)
    engine.dispose()


@pytest.fixture
def outdir(tmp_path: Path) -> Path:
    """Where exports go: a folder of its own (the SQLite database sits in tmp_path)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def _expected(sessions: sessionmaker[Session], model: type[Any], account_id: int) -> list[dict[str, Any]]:
    """The account's rows as the export must write them, in its order, straight from the database."""
    table = model.__table__
    order = (table.c.start, table.c.id) if model is Cdr else (table.c.id,)
    with sessions() as session:
        rows = session.execute(select(table).where(table.c.account_id == account_id).order_by(*order)).mappings().all()
    return [{k: _moment(v) if isinstance(v, dt.datetime) else v for k, v in row.items()} for row in rows]


def _moment(value: dt.datetime) -> str:
    """A time as every export writes it (issue 16): UTC, to the second, ``+00:00``."""
    return value.astimezone(dt.UTC).replace(microsecond=0).isoformat()


def _csv_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value.lstrip("'")[:1] in ("=", "+", "-", "@", "\t", "\r", "\n") and value.lstrip("'"):
        return "'" + value  # text a spreadsheet would evaluate (a number +1919..., a caller's =HYPERLINK) is neutralised
    return str(value)


def _read_json(z: zipfile.ZipFile, name: str, kind: str) -> list[dict[str, Any]]:
    data = z.read(name).decode()
    if kind == "jsonl":
        return [json.loads(line) for line in data.splitlines()]
    return json.loads(data)


# --------------------------------------------------------------------------- contents


def test_zip_matches_the_database(env: Env, outdir: Path) -> None:
    out = outdir / "export.zip"
    seen: list[tuple[int, int, str]] = []
    receipt = env.export(out, progress=lambda done, total, what: seen.append((done, total, what)))

    assert receipt.path == out and out.is_file()
    assert receipt.sha256 == hashlib.sha256(out.read_bytes()).hexdigest()
    assert receipt.bytes == out.stat().st_size
    z = zipfile.ZipFile(out)
    assert z.testzip() is None
    names = set(z.namelist())
    manifest = json.loads(z.read("manifest.json"))

    # the manifest: every other entry once, with its true hash, size and rows
    listed = {f["name"]: f for f in manifest["files"]}
    assert set(listed) == names - {"manifest.json"}
    for name, entry in listed.items():
        data = z.read(name)
        assert entry["sha256"] == hashlib.sha256(data).hexdigest(), name
        assert entry["bytes"] == len(data), name
    assert [f.as_dict() for f in receipt.files[:-1]] == manifest["files"]
    assert receipt.files[-1].name == "manifest.json"
    assert receipt.files[-1].sha256 == hashlib.sha256(z.read("manifest.json")).hexdigest()
    assert manifest["account_id"] == env.account_id
    assert manifest["exported_by"]["login"] == "bob"
    assert (manifest["purpose"], manifest["ticket"]) == ("customer_request", "SUP-4242")
    assert manifest["missing_files"] == []

    # every table: the same rows, values and order in JSON and in CSV
    for name, (model, kind) in DATASETS.items():
        expected = _expected(env.sessions, model, env.account_id)
        assert _read_json(z, f"{name}.{kind}", kind) == expected, name
        reader = csv.DictReader(io.StringIO(z.read(f"{name}.csv").decode(), newline=""))
        assert reader.fieldnames == [c.name for c in model.__table__.columns]
        assert list(reader) == [{k: _csv_text(v) for k, v in row.items()} for row in expected], name
        assert listed[f"{name}.csv"]["rows"] == listed[f"{name}.{kind}"]["rows"] == len(expected), name
    cdr_ids = [r["id"] for r in _read_json(z, "cdrs.jsonl", "jsonl")]
    assert cdr_ids and len(cdr_ids) == len(set(cdr_ids))

    # the profile and the marketing permission
    with env.sessions() as session:
        account = session.get(Account, env.account_id)
        permission = session.scalar(select(MarketingPermission).where(MarketingPermission.account_id == env.account_id))
        files = session.scalars(select(UploadedFile).where(UploadedFile.account_id == env.account_id).order_by(UploadedFile.id)).all()
    assert account is not None
    profile = json.loads(z.read("profile.json"))
    assert (profile["id"], profile["name"], profile["email"], profile["company"]) == (
        account.id,
        account.name,
        account.email,
        account.company,
    )
    marketing = json.loads(z.read("marketing_permission.json"))
    if permission is None:
        assert marketing is None
    else:
        assert (marketing["granted"], marketing["evidence"]) == (permission.granted, permission.evidence)

    # the uploaded files themselves: the store's bytes, matching their metadata's hash
    stored = sorted(n for n in names if n.startswith("files/"))
    assert len(stored) == len(files)
    for meta in files:
        [name] = [n for n in stored if n.startswith(f"files/{meta.id}/")]
        data = z.read(name)
        assert data == env.store.path_of(meta.storage_path).read_bytes()
        assert hashlib.sha256(data).hexdigest() == meta.sha256 == listed[name]["sha256"]

    # who looked, when and why
    history = json.loads(z.read("access_history.json"))
    assert {(h["action"], h["operator"], h["purpose"], h["ticket"]) for h in history} >= {
        ("access.grant", "bob", "support", "SUP-7001"),
        ("account.unmask", "bob", "support", "SUP-7001"),
    }

    # progress: monotonic, ending at the total
    dones = [d for d, _, _ in seen]
    assert dones == sorted(dones) and seen[-1][0] == seen[-1][1]


def test_another_accounts_data_is_not_in_it(env: Env, outdir: Path) -> None:
    out = outdir / "export.zip"
    env.export(out)
    z = zipfile.ZipFile(out)
    for name, (_, kind) in DATASETS.items():
        assert {r["account_id"] for r in _read_json(z, f"{name}.{kind}", kind)} <= {env.account_id}, name
    with env.sessions() as session:
        other = session.get(Account, env.other_id)
        other_cdrs = set(session.scalars(select(Cdr.id).where(Cdr.account_id == env.other_id)))
    assert other is not None and other_cdrs
    assert not other_cdrs & {r["id"] for r in _read_json(z, "cdrs.jsonl", "jsonl")}
    everything = b"".join(z.read(n) for n in z.namelist())
    assert other.email.encode() not in everything
    assert other.name.encode() not in everything


def test_audited_without_personal_values(env: Env, outdir: Path) -> None:
    with env.sessions() as session:
        before = audit.head(session)
        account = session.get(Account, env.account_id)
    assert account is not None and before is not None
    receipt = env.export(outdir / "export.zip")

    [event] = env.export_events()
    # the export's grant (obtained for its purpose and ticket), its read of the account, then the export
    with env.sessions() as session:
        after = session.scalars(select(AuditEvent).where(AuditEvent.seq > before.seq).order_by(AuditEvent.seq)).all()
    assert [e.action for e in after] == ["access.grant", "account.read", "account.export"]
    assert json.loads(after[1].details) == {
        "grant_id": json.loads(after[0].details)["grant_id"],
        "purpose": "customer_request",
        "ticket": "SUP-4242",
        "for": "account.export",
    }
    assert event.seq == receipt.audit_seq == before.seq + 3
    assert (event.operator_login, event.target_type, event.target_id) == ("bob", "account", str(env.account_id))
    details = json.loads(event.details)
    assert details == {"purpose": "customer_request", "ticket": "SUP-4242", "files": len(receipt.files), "zip_sha256": receipt.sha256}
    for personal in (account.name, account.email, account.company):
        if personal:
            assert personal not in event.details
    with env.sessions() as session:
        assert audit.verify(session).ok


def _tamper(env: Env, seq: int) -> None:
    """Change an event's details with plain SQL, behind the console's back (on PostgreSQL as the
    superuser, who can switch the append-only triggers off for the transaction)."""
    with env.engine.begin() as conn:
        if env.engine.dialect.name == "postgresql":
            conn.execute(text("SET LOCAL session_replication_role = replica"))
        conn.execute(text("UPDATE audit_events SET details = :d WHERE seq = :s"), {"d": '{"purpose":"none"}', "s": seq})


def test_the_manifest_carries_the_audit_head_before_the_exports_own_event(env: Env, outdir: Path) -> None:
    with env.sessions() as session:
        before = audit.head(session)
    assert before is not None
    receipt = env.export(outdir / "export.zip")
    manifest = json.loads(zipfile.ZipFile(receipt.path).read("manifest.json"))
    # read in the export's read transaction: the head then (its grant and its read of the account, recorded
    # just before), and the export's own event right after it
    [event] = env.export_events()
    with env.sessions() as session:
        read = session.get(AuditEvent, event.seq - 1)
    assert read is not None and read.action == "account.read" and read.seq == before.seq + 2
    assert manifest["audit_head"] == f"{read.seq}:{read.hash}"
    assert event.prev_hash == read.hash

    def verify() -> audit.VerifyResult:
        with env.sessions() as session:
            return audit.verify(session, expected_head=audit.parse_head(manifest["audit_head"]))

    assert verify().ok  # with the export's event after it
    _tamper(env, before.seq - 2)
    result = verify()
    assert (result.ok, result.first_bad_seq) == (False, before.seq - 2)


# --------------------------------------------------------------------------- refusals


def test_a_viewer_is_refused_by_the_core(env: Env, outdir: Path) -> None:
    out = outdir / "export.zip"
    with pytest.raises(PermissionDenied, match="viewer"):
        env.export(out, login="dave")
    with pytest.raises(PermissionDenied, match="not a registered operator"):
        env.export(out, login="mallory")
    assert list(outdir.iterdir()) == [] and env.export_events() == []


@pytest.mark.parametrize(
    ("purpose", "ticket", "message"),
    [
        ("customer_request", "", "ticket reference is required"),
        ("customer_request", "x", "not a ticket reference"),
        ("customer_request", "SUP 1; DROP TABLE", "not a ticket reference"),
        ("curiosity", "SUP-1", "Unknown purpose"),
    ],
)
def test_bad_purpose_or_ticket_is_refused(env: Env, outdir: Path, purpose: str, ticket: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        env.export(outdir / "export.zip", purpose=purpose, ticket=ticket)
    assert list(outdir.iterdir()) == [] and env.export_events() == []


def test_unknown_account_is_invalid_input(env: Env, outdir: Path) -> None:
    with pytest.raises(InvalidInput, match="(?i)no account 999999"):
        env.export(outdir / "export.zip", account_id=999_999)
    assert list(outdir.iterdir()) == [] and env.export_events() == []


def test_missing_or_wrong_output_folder(env: Env, outdir: Path) -> None:
    with pytest.raises(ConsoleError, match="does not exist"):
        env.export(outdir / "nowhere" / "export.zip")
    (outdir / "a-file").write_text("x")
    with pytest.raises(ConsoleError, match="does not exist"):
        env.export(outdir / "a-file" / "export.zip")
    with pytest.raises(InvalidInput, match="is a folder"):
        env.export(outdir)
    assert env.export_events() == []


def test_a_folder_that_is_not_writable(env: Env, outdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the tests may run as root, whom file modes do not stop: the permission check is simulated
    monkeypatch.setattr(export.os, "access", lambda path, mode: False)
    with pytest.raises(ConsoleError, match="is not writable"):
        env.export(outdir / "export.zip")
    assert list(outdir.iterdir()) == [] and env.export_events() == []


# --------------------------------------------------------------------------- cancel


def test_cancel_mid_way_leaves_no_file_and_no_event(env: Env, outdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(export, "BATCH", 100)  # several CDR batches in a small demo
    out = outdir / "export.zip"
    with env.sessions() as session:
        before = audit.head(session)
    reports: list[str] = []
    cdr_batches = 0

    def progress(done: int, total: int, what: str) -> None:
        nonlocal cdr_batches
        reports.append(what)
        cdr_batches += what == "cdrs"

    with pytest.raises(Cancelled, match="no file was written"):
        env.export(out, progress=progress, cancel=lambda: cdr_batches >= 2)
    assert "cdrs" in reports and "manifest" not in reports
    assert list(outdir.iterdir()) == []  # neither the ZIP nor its temporary file
    assert env.export_events() == []  # no export event: only its grant and the read that happened
    with env.sessions() as session:
        actions = session.scalars(select(AuditEvent.action).where(AuditEvent.seq > before.seq).order_by(AuditEvent.seq)).all()
        assert actions == ["access.grant", "account.read"]
        assert audit.verify(session).ok


def test_cancelled_export_keeps_an_existing_file(env: Env, outdir: Path) -> None:
    out = outdir / "export.zip"
    out.write_bytes(b"an earlier export")
    with pytest.raises(Cancelled):
        env.export(out, cancel=lambda: True)
    assert out.read_bytes() == b"an earlier export"
    assert [p.name for p in outdir.iterdir()] == ["export.zip"]


def test_a_failure_while_writing_leaves_no_file(env: Env, outdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export._Writer, "_stored_files", broken)
    with pytest.raises(ConsoleError, match=r"Could not write .*export\.zip: the disk is full\. .* has .* free"):
        env.export(outdir / "export.zip")
    assert list(outdir.iterdir()) == [] and env.export_events() == []


def test_a_full_disk_is_a_sentence_and_leaves_the_old_file(env: Env, tmp_path: Path) -> None:
    """A real full file system (a 256 KB tmpfs; the ZIP streams past it): no temporary file left,
    an earlier export under the name kept, no export event."""
    from tests.support.mounts import small_tmpfs

    with small_tmpfs(tmp_path / "disk", size="32k") as disk:
        out = disk / "export.zip"
        out.write_bytes(b"an earlier export")
        with pytest.raises(
            ConsoleError,
            match=rf"Could not write {out}: the disk is full\. {disk} has [\d.]+ KB free of 32\.8 KB; "
            r"the file needs more than the [\d.]+ KB written when the space ran out\.",
        ) as caught:
            env.export(out)
        assert "export.zip was left as it was" in str(caught.value)
        assert [p.name for p in disk.iterdir()] == ["export.zip"] and out.read_bytes() == b"an earlier export"
    assert env.export_events() == []


def test_the_csv_files_neutralise_formulas_and_the_json_keeps_the_values(env: Env, outdir: Path) -> None:
    """A caller's display name is the caller's to choose: ``=HYPERLINK(...)`` must not reach a
    spreadsheet as a formula from the customer's own export."""
    hostile = '=HYPERLINK("http://evil.example","x")'
    with env.engine.begin() as conn:
        first = conn.execute(text("SELECT min(id) FROM cdrs WHERE account_id = :a"), {"a": env.account_id}).scalar()
        conn.execute(text("UPDATE cdrs SET clid = :c, src = :s WHERE id = :i"), {"c": hostile, "s": "@SUM(A1)", "i": first})
    receipt = env.export(outdir / "export.zip")
    with zipfile.ZipFile(receipt.path) as z:
        rows = {r["id"]: r for r in csv.DictReader(io.StringIO(z.read("cdrs.csv").decode(), newline=""))}
        assert '"\'=HYPERLINK(""http://evil.example"",""x"")"' in z.read("cdrs.csv").decode()
        records = {r["id"]: r for r in (json.loads(line) for line in z.read("cdrs.jsonl").decode().splitlines())}
    assert (rows[str(first)]["clid"], rows[str(first)]["src"]) == ("'" + hostile, "'@SUM(A1)")
    assert (records[first]["clid"], records[first]["src"]) == (hostile, "@SUM(A1)")


# --------------------------------------------------------------------------- streaming


@pytest.mark.slow
def test_cdrs_are_streamed_not_loaded(db_url: str, tmp_path: Path) -> None:
    """20,000 CDRs: the export's peak is a fraction of what holding them all would take."""
    demo.create_demo(db_url, accounts=1, cdrs=20_000, seed=5, now=NOW)
    engine, sessions, store = _open(db_url)
    try:
        with sessions() as session:
            bob = identify(session, "bob")
            account_id = session.scalar(select(Account.id))
            assert session.scalar(select(func.count()).select_from(Cdr).where(Cdr.account_id == account_id)) == 20_000

        def run(out: Path) -> export.ExportReceipt:
            return export_account(sessions, bob, account_id, purpose="customer_request", ticket="SUP-1", out_path=out, store=store)

        run(tmp_path / "warm-up.zip")  # imports and statement caches are not the export's memory
        tracemalloc.start()
        try:
            receipt = run(tmp_path / "export.zip")
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

        tracemalloc.start()
        try:
            with sessions() as session:
                rows = session.execute(select(Cdr.__table__).where(Cdr.account_id == account_id)).all()
            load_all = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert len(rows) == 20_000
        del rows
    finally:
        engine.dispose()
    sizes = {f.name: f.bytes for f in receipt.files}
    assert {f.name: f.rows for f in receipt.files}["cdrs.jsonl"] == 20_000
    cdr_data = sizes["cdrs.csv"] + sizes["cdrs.jsonl"]
    # a load-all export holds every row (load_all, ~30 MB here) and more; this one holds a batch
    assert peak < load_all / 3, (peak, load_all)
    print(f"peak {peak:,} load_all {load_all:,} cdr_data {cdr_data:,}")
    assert peak < cdr_data / 2, (peak, cdr_data)
