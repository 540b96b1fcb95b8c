"""The law-enforcement register and the disclosure register (core only), on SQLite and PostgreSQL.

The court-order rule for every legal process and both decisions, four-eyes compliance with its
exports checked against the recorded hashes, gag orders and the notices they hold back, holds at
intake and their release, bad input, email notices through a real loopback SMTP server, and the
transparency report against counts computed here by plain Python from the requests it is fed.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import hashlib
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session, sessionmaker

from minisip_console.core import audit, disclosures, holds, legal
from minisip_console.core.models import (
    Account,
    AuditEvent,
    Cdr,
    Configuration,
    Disclosure,
    LawEnforcementRequest,
    LawRequestAccount,
    LawRequestDocument,
    LegalHold,
    Operator,
    Role,
    SupportMessage,
    UploadedFile,
)
from minisip_console.core.operators import OperatorInfo, identify
from minisip_console.core.plumbing import db, files, mailer
from minisip_console.core.plumbing.errors import Cancelled, ConsoleError, InvalidInput, PermissionDenied
from minisip_console.core.plumbing.filestore import FileStore
from tests.support.smtp import SmtpServer

NOW = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)
TODAY = NOW.date()
STAFF = {"bob": Role.OPERATOR, "carol": Role.APPROVER, "erin": Role.APPROVER, "dave": Role.VIEWER}
#: account id -> owner's address (account 4's is not an address)
OWNERS = {1: "owner1@example.com", 2: "owner2@example.com", 3: "owner3@example.com", 4: "not an address"}
ORDER_REF = "Case 1:26-mj-00042, District Court"


@dataclass
class Env:
    engine: Engine
    sessions: sessionmaker[Session]
    store: FileStore
    tmp: Path

    def op(self, login: str) -> OperatorInfo:
        with self.sessions() as session:
            return identify(session, login)

    def intake(self, process: str = "court_order", accounts: tuple[int, ...] = (1,), **kw: object) -> legal.Intake:
        values: dict[str, object] = {
            "received_on": TODAY - dt.timedelta(days=2),
            "agency": "Metro Police",
            "country": "US",
            "officer_name": "Det. Jane Roe",
            "officer_contact": "jroe@metro-police.example",
            "legal_process": process,
            "account_ids": accounts,
            "data_sought": ("subscriber", "cdrs"),
            "reference": f"MP-{process}",
        }
        values.update(kw)
        return legal.Intake(**values)  # type: ignore[arg-type]  # test values of the right types

    def record(
        self, process: str = "court_order", accounts: tuple[int, ...] = (1,), *, now: dt.datetime = NOW, **kw: object
    ) -> legal.RequestInfo:
        return legal.record_request(self.sessions, self.op("bob"), self.intake(process, accounts, **kw), store=self.store, now=now)

    def get(self, request_id: int, now: dt.datetime = NOW) -> legal.RequestInfo:
        with self.sessions() as session:
            return legal.get_request(session, request_id, now=now)

    def count(self, model: type) -> int:
        with self.sessions() as session:
            return session.scalar(select(func.count()).select_from(model)) or 0

    def comply(
        self, request_id: int, scope: str = "full", categories: tuple[str, ...] | None = None, *, now: dt.datetime = NOW
    ) -> legal.ComplianceResult:
        legal.record_court_order_check(self.sessions, self.op("bob"), request_id, ORDER_REF, now=now)
        legal.propose_compliance(self.sessions, self.op("bob"), request_id, scope, categories, note="only what the order covers", now=now)
        out = self.tmp / f"out-{request_id}"
        out.mkdir(exist_ok=True)
        return legal.approve_compliance(self.sessions, self.op("carol"), request_id, store=self.store, out_dir=out, now=now)


@pytest.fixture
def env(db_url: str, tmp_path: Path) -> Iterator[Env]:
    engine = db.make_engine(db_url)
    db.upgrade(engine)
    sessions = db.session_factory(engine)
    store = FileStore(tmp_path / "store")
    with sessions.begin() as session:
        session.add_all([Operator(login=login, display_name=login.title(), role=role.value, active=True) for login, role in STAFF.items()])
        for account_id, address in OWNERS.items():
            session.add(
                Account(id=account_id, name=f"Owner {account_id}", email=address, company=None, created_at=NOW - dt.timedelta(days=400))
            )
        session.flush()
        for account_id in OWNERS:
            config = Configuration(account_id=account_id, kind="extension", name="1001", settings="{}")
            session.add(config)
            session.flush()
            content = f"greeting of {account_id}".encode()
            path = f"accounts/{account_id}/greeting.wav"
            session.add(
                UploadedFile(
                    account_id=account_id,
                    configuration_id=config.id,
                    filename="greeting.wav",
                    content_type="audio/wav",
                    size_bytes=len(content),
                    sha256=store.write(path, content),
                    storage_path=path,
                )
            )
            for minutes in (5, 65):
                session.add(
                    Cdr(account_id=account_id, start=NOW - dt.timedelta(days=3, minutes=minutes), src="1001", dst="5550100", duration=60)
                )
            session.add(
                SupportMessage(
                    account_id=account_id,
                    ticket_ref=f"SUP-{account_id}",
                    direction="inbound",
                    from_address=OWNERS[account_id],
                    subject="Help",
                    body="One-way audio",
                    sent_at=NOW - dt.timedelta(days=9),
                )
            )
    yield Env(engine, sessions, store, tmp_path)
    engine.dispose()


# --------------------------------------------------------------------------- the court-order rule


@pytest.mark.parametrize("decision", ["comply", "reject"])
@pytest.mark.parametrize("process", list(legal.PROCESSES))
def test_the_court_order_rule_for_every_process_and_both_decisions(env: Env, process: str, decision: str) -> None:
    request = env.record(process)
    assert request.decision == legal.PENDING
    compliable = process in legal.COMPLIABLE
    if decision == "reject":
        info = legal.reject(env.sessions, env.op("bob"), request.id, "no_court_order" if not compliable else "overbroad", now=NOW)
        assert info.decision == legal.REJECTED and info.rejection_reason in ("no_court_order", "overbroad")
        with pytest.raises(ConsoleError):  # a rejected request can never be complied with afterwards
            legal.propose_compliance(env.sessions, env.op("bob"), request.id, "full", now=NOW)
        assert env.get(request.id).decision == legal.REJECTED
        return
    # comply: refused without a checked court order, whatever the process
    with pytest.raises(legal.RuleViolation, match="court-order rule"):
        legal.propose_compliance(env.sessions, env.op("bob"), request.id, "full", now=NOW)
    assert env.get(request.id).compliance_blocked_by != ""
    if not compliable:
        with pytest.raises(legal.RuleViolation, match="court-order rule"):
            legal.record_court_order_check(env.sessions, env.op("bob"), request.id, ORDER_REF, now=NOW)
        assert "can only be rejected" in env.get(request.id).compliance_blocked_by
        assert env.get(request.id).decision == legal.PENDING
        return
    checked = legal.record_court_order_check(env.sessions, env.op("bob"), request.id, ORDER_REF, now=NOW)
    assert checked.court_order_checked_by == "bob" and checked.compliance_blocked_by == ""
    proposed = legal.propose_compliance(env.sessions, env.op("bob"), request.id, "full", now=NOW)
    assert proposed.decision == legal.PROPOSED and proposed.compliance_categories == ("subscriber", "cdrs")
    result = legal.approve_compliance(env.sessions, env.op("carol"), request.id, store=env.store, out_dir=env.tmp, now=NOW)
    assert result.request.decision == legal.COMPLIED
    with env.sessions() as session:
        assert legal.checks(session, now=NOW).complied_without_order == 0


def test_a_viewer_cannot_record_and_an_operator_cannot_approve(env: Env) -> None:
    with pytest.raises(PermissionDenied):
        legal.record_request(env.sessions, env.op("dave"), env.intake(), store=env.store, now=NOW)
    request = env.record()
    legal.record_court_order_check(env.sessions, env.op("bob"), request.id, ORDER_REF, now=NOW)
    legal.propose_compliance(env.sessions, env.op("bob"), request.id, "full", now=NOW)
    with pytest.raises(PermissionDenied, match="approver"):
        legal.approve_compliance(env.sessions, env.op("bob"), request.id, store=env.store, out_dir=env.tmp, now=NOW)


# --------------------------------------------------------------------------- four eyes and what left


def test_two_operator_approval_exports_exactly_what_was_complied_with(env: Env) -> None:
    request = env.record("search_warrant", (1, 2), data_sought=("subscriber", "cdrs", "correspondence"))
    legal.record_court_order_check(env.sessions, env.op("carol"), request.id, ORDER_REF, now=NOW)
    legal.propose_compliance(env.sessions, env.op("carol"), request.id, "partial", ["cdrs", "subscriber"], now=NOW)
    out = env.tmp / "out"
    out.mkdir()
    with pytest.raises(PermissionDenied, match="Four eyes"):
        legal.approve_compliance(env.sessions, env.op("carol"), request.id, store=env.store, out_dir=out, now=NOW)
    assert env.get(request.id).decision == legal.PROPOSED and list(out.iterdir()) == []

    result = legal.approve_compliance(env.sessions, env.op("erin"), request.id, store=env.store, out_dir=out, now=NOW)

    assert result.request.decision == legal.COMPLIED and result.request.decided_by == "erin"
    assert result.request.compliance_scope == "partial" and result.request.compliance_categories == ("subscriber", "cdrs")
    assert sorted(p.name for p in out.iterdir()) == [f"request-{request.id}-account-1.zip", f"request-{request.id}-account-2.zip"]
    with env.sessions() as session:
        rows = session.scalars(
            select(Disclosure).where(Disclosure.law_enforcement_request_id == request.id).order_by(Disclosure.account_id)
        ).all()
        assert [d.account_id for d in rows] == [1, 2]
        for (path, info), row in zip(result.exports, rows, strict=True):
            assert hashlib.sha256(path.read_bytes()).hexdigest() == row.export_sha256 == info.export_sha256
            assert row.legal_basis == "law" and ORDER_REF in row.evidence and str(request.id) in row.evidence
            assert row.data_categories == "subscriber,cdrs" and row.recipient == "Metro Police"
            recorded = json.loads(row.export_manifest or "{}")
            with zipfile.ZipFile(path) as z:
                names = set(z.namelist())
                manifest = json.loads(z.read("manifest.json"))
                for name in names - {"manifest.json"}:  # every entry's hash as recorded
                    assert hashlib.sha256(z.read(name)).hexdigest() == recorded[name]["sha256"]
                profile = json.loads(z.read("profile.json"))
            assert names == {"profile.json", "cdrs.csv", "cdrs.jsonl", "manifest.json"}
            assert {f["name"] for f in manifest["files"]} == names - {"manifest.json"}
            assert manifest["categories"] == ["cdrs", "subscriber"] and manifest["purpose"] == "legal"
            assert manifest["ticket"] == "MP-search_warrant" and profile["id"] == row.account_id
        assert audit.verify(session).ok
        actions = session.scalars(
            select(AuditEvent.action).where(AuditEvent.target_type == "law_enforcement_request", AuditEvent.target_id == str(request.id))
        ).all()
        assert actions[-1] == "law_request.comply"
        assert legal.checks(session, now=NOW).complied_without_order == 0
    with pytest.raises(ConsoleError, match="complied"):  # no second approval
        legal.approve_compliance(env.sessions, env.op("carol"), request.id, store=env.store, out_dir=out, now=NOW)


def test_a_failed_export_leaves_the_request_proposed_and_nothing_recorded(env: Env) -> None:
    request = env.record("court_order", (1, 2), reference="not a ticket!")
    legal.record_court_order_check(env.sessions, env.op("bob"), request.id, ORDER_REF, now=NOW)
    legal.propose_compliance(env.sessions, env.op("bob"), request.id, "full", now=NOW)
    first = env.tmp / f"request-{request.id}-account-1.zip"

    def cancel() -> bool:  # the second account's export is cancelled, once the first one is written
        return first.exists()

    with pytest.raises(Cancelled):
        legal.approve_compliance(env.sessions, env.op("carol"), request.id, store=env.store, out_dir=env.tmp, cancel=cancel, now=NOW)
    assert env.get(request.id).decision == legal.PROPOSED
    assert env.count(Disclosure) == 0 and list(env.tmp.glob("request-*.zip")) == []
    result = legal.approve_compliance(env.sessions, env.op("carol"), request.id, store=env.store, out_dir=env.tmp, now=NOW)
    assert len(result.exports) == 2 and result.exports[0][0].name == f"request-{request.id}-account-1.zip"
    with zipfile.ZipFile(result.exports[0][0]) as z:
        assert json.loads(z.read("manifest.json"))["ticket"] == f"LER-{request.id}"  # the reference is not a ticket


# --------------------------------------------------------------------------- notices and gag orders


def test_a_gag_order_holds_the_notice_back_until_it_ends(env: Env) -> None:
    gag_until = TODAY + dt.timedelta(days=10)
    request = env.record(gag_order=True, gag_until=gag_until)
    (notice,) = env.get(request.id).accounts
    assert notice.state == "gagged" and notice.due_on == gag_until + dt.timedelta(days=1)
    with pytest.raises(legal.RuleViolation, match=f"until {gag_until:%Y-%m-%d}"):
        legal.notify(env.sessions, env.op("bob"), request.id, by_hand=("phone", TODAY), now=NOW)

    on_last_day = NOW + dt.timedelta(days=10)
    assert env.get(request.id, on_last_day).accounts[0].state == "gagged"
    ended = NOW + dt.timedelta(days=11)
    assert env.get(request.id, ended).accounts[0].state == "due"
    with env.sessions() as session:
        assert legal.checks(session, now=ended).due_notices == 1
        assert legal.list_requests(session, now=ended)[0].notice_state == "due"
    late = NOW + dt.timedelta(days=11 + legal.NOTICE_GRACE_DAYS + 1)
    assert env.get(request.id, late).accounts[0].state == "overdue"
    with env.sessions() as session:
        found = legal.checks(session, now=late)
        assert found.overdue_notices == 1 and not found.ok

    with pytest.raises(InvalidInput, match="within the gag order"):
        legal.notify(env.sessions, env.op("bob"), request.id, by_hand=("letter", gag_until), now=late)
    told = legal.notify(env.sessions, env.op("bob"), request.id, by_hand=("letter", late.date()), now=late)
    assert told[0].state == "notified" and told[0].channel == "letter" and told[0].notified_by == "bob"
    with env.sessions() as session:
        assert legal.checks(session, now=late).overdue_notices == 0


def test_without_a_gag_order_the_notice_is_due_at_once(env: Env) -> None:
    request = env.record("subpoena")
    (notice,) = env.get(request.id).accounts
    assert notice.state == "due" and notice.due_on == TODAY - dt.timedelta(days=2)
    with pytest.raises(InvalidInput, match="future"):
        legal.notify(env.sessions, env.op("bob"), request.id, by_hand=("phone", TODAY + dt.timedelta(days=1)), now=NOW)
    with pytest.raises(InvalidInput, match="before the request was received"):
        legal.notify(env.sessions, env.op("bob"), request.id, by_hand=("phone", TODAY - dt.timedelta(days=5)), now=NOW)
    with pytest.raises(InvalidInput, match="channel"):
        legal.notify(env.sessions, env.op("bob"), request.id, by_hand=("pigeon", TODAY), now=NOW)


def test_a_gag_without_end_date_is_listed_for_review_every_ninety_days(env: Env) -> None:
    request = env.record(gag_order=True, gag_until=None)
    assert env.get(request.id, NOW + dt.timedelta(days=89)).accounts[0].state == "gagged"
    later = NOW + dt.timedelta(days=legal.GAG_REVIEW_DAYS + 1)
    info = env.get(request.id, later)
    assert info.accounts[0].state == "gag_review" and info.accounts[0].due_on is None
    with env.sessions() as session:
        assert legal.checks(session, now=later).gags_to_review == 1
    with pytest.raises(legal.RuleViolation, match="without an end date"):
        legal.notify(env.sessions, env.op("bob"), request.id, by_hand=("phone", later.date()), now=later)

    reviewed = legal.review_gag(env.sessions, env.op("bob"), request.id, now=later)
    assert reviewed.accounts[0].state == "gagged" and reviewed.gag_reviewed_at == later
    assert env.get(request.id, later + dt.timedelta(days=89)).accounts[0].state == "gagged"
    assert env.get(request.id, later + dt.timedelta(days=91)).accounts[0].state == "gag_review"

    ended = legal.record_gag(env.sessions, env.op("bob"), request.id, TODAY + dt.timedelta(days=200), now=later)
    assert ended.gag_until == TODAY + dt.timedelta(days=200) and ended.accounts[0].state == "gagged"


# --------------------------------------------------------------------------- holds


def test_holds_are_placed_at_intake_and_released_when_a_request_is_rejected(env: Env) -> None:
    request = env.record("subpoena", (1, 2), hold_days=30)
    assert {h.account_id for h in request.holds} == {1, 2}
    assert all(h.active and h.expires_at == NOW + dt.timedelta(days=30) and h.request_id == request.id for h in request.holds)
    with env.sessions() as session:
        assert holds.held_account_ids(session, NOW) == {1, 2}

    info = legal.reject(env.sessions, env.op("bob"), request.id, "other", "The subpoena names the wrong company", now=NOW)

    assert info.rejection_reason == "other" and info.rejection_note == "The subpoena names the wrong company"
    assert all(not h.active and h.released_by == "bob" and "rejected" in (h.release_reason or "") for h in info.holds)
    with env.sessions() as session:
        assert holds.held_account_ids(session, NOW) == set()
        released = session.scalars(select(AuditEvent).where(AuditEvent.action == "legal_hold.release")).all()
        assert sorted(json.loads(e.details)["account_id"] for e in released) == [1, 2]
        assert audit.verify(session).ok


def test_a_rejected_preservation_request_keeps_its_holds_and_a_hold_can_have_no_end(env: Env) -> None:
    request = env.record("preservation", (3,), hold_days=None)
    assert request.holds[0].expires_at is None
    info = legal.reject(env.sessions, env.op("bob"), request.id, "no_court_order", now=NOW)
    assert info.holds[0].active
    with env.sessions() as session:
        assert holds.held_account_ids(session, NOW + dt.timedelta(days=3000)) == {3}
        assert legal.checks(session, now=NOW).active_holds == 1


def test_reject_needs_a_known_reason_and_a_note_for_other(env: Env) -> None:
    request = env.record("informal")
    with pytest.raises(InvalidInput, match="Unknown rejection reason"):
        legal.reject(env.sessions, env.op("bob"), request.id, "because", now=NOW)
    with pytest.raises(InvalidInput, match="note"):
        legal.reject(env.sessions, env.op("bob"), request.id, "other", "  ", now=NOW)
    legal.reject(env.sessions, env.op("bob"), request.id, "no_court_order", now=NOW)
    with pytest.raises(ConsoleError, match="no longer be rejected"):
        legal.reject(env.sessions, env.op("bob"), request.id, "no_court_order", now=NOW)


# --------------------------------------------------------------------------- intake


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"account_ids": ()}, "at least one account"),
        ({"account_ids": (1, 998, 999)}, "No account 998, 999"),
        ({"received_on": TODAY + dt.timedelta(days=1)}, "in the future"),
        ({"legal_process": "phone_call"}, "Unknown legal process"),
        ({"agency": "   "}, "agency cannot be empty"),
        ({"agency": "Metro\tPolice"}, "control character"),
        ({"officer_name": "Jane\u202eRoe"}, "control character"),
        ({"data_sought": ()}, "at least one data category"),
        ({"data_sought": ("subscriber", "dna")}, "Unknown data category"),
        ({"gag_until": TODAY + dt.timedelta(days=3)}, "no gag order is recorded"),
        ({"hold_days": 0}, "1 to 3660 days"),
        # issue 13: a country "=1+1" was accepted, and reached the transparency report's CSV
        ({"country": "=1+1"}, r"The country '=1\+1' is not a two-letter ISO 3166-1 code"),
        ({"country": "USA"}, "is not a two-letter ISO 3166-1 code"),
        ({"country": "United States"}, "is not a two-letter ISO 3166-1 code"),
        ({"country": "U1"}, "is not a two-letter ISO 3166-1 code"),
        ({"country": "UK"}, "UK is not an ISO 3166-1 country code. UK is reserved, not assigned to a country: the code is GB"),
        ({"country": "EU"}, "EU is not an ISO 3166-1 country code"),
        ({"country": "XK"}, "XK is not an ISO 3166-1 country code"),
        ({"country": "ÜS"}, "is not a two-letter ISO 3166-1 code"),
    ],
)
def test_bad_intake_is_refused_and_nothing_is_written(env: Env, change: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        env.record(**change)  # type: ignore[arg-type]  # the changed fields
    assert env.count(LawEnforcementRequest) == env.count(LawRequestAccount) == env.count(LegalHold) == 0


def test_the_country_is_an_iso_3166_alpha2_code(env: Env) -> None:
    assert len(legal.ISO_3166_ALPHA2) == 249 and {"US", "DE", "GB", "FR", "SS", "CW"} <= legal.ISO_3166_ALPHA2
    assert not {"UK", "EU", "AN", "XK", "ZZ"} & legal.ISO_3166_ALPHA2
    assert env.record(country=" de ").country == "DE"  # any case in, upper case out
    assert env.record(country="").country == ""  # not stated


def test_a_missing_document_is_named_and_nothing_is_written(env: Env) -> None:
    present = env.tmp / "order.pdf"
    present.write_bytes(b"%PDF-1.4 order")
    missing = env.tmp / "letter.pdf"
    with pytest.raises(InvalidInput, match="letter.pdf"):
        env.record(documents=(present, missing))
    assert env.count(LawEnforcementRequest) == env.count(LawRequestDocument) == 0
    assert not (env.store.root / legal.DOCUMENTS_FOLDER).exists()


def test_documents_are_kept_in_the_file_store_with_their_hash(env: Env) -> None:
    order = env.tmp / "court order (signed).pdf"
    order.write_bytes(b"%PDF-1.4 the order")
    odd = env.tmp / "..evil name?.txt"
    odd.write_bytes(b"second")
    request = env.record(documents=(order, odd))
    assert [d.filename for d in request.documents] == ["court order (signed).pdf", "..evil name?.txt"]
    with env.sessions() as session:
        rows = session.scalars(select(LawRequestDocument).order_by(LawRequestDocument.id)).all()
    for row, source in zip(rows, (order, odd), strict=True):
        assert row.storage_path.startswith(f"law-requests/{request.id}/") and "/" not in row.storage_path.split("/", 2)[2]
        stored = env.store.path_of(row.storage_path).read_bytes()
        assert stored == source.read_bytes() and row.sha256 == hashlib.sha256(stored).hexdigest() and row.size_bytes == len(stored)
    added = legal.add_document(env.sessions, env.op("bob"), request.id, order, store=env.store, now=NOW)
    assert added.sha256 == rows[0].sha256 and len(env.get(request.id).documents) == 3
    with pytest.raises(InvalidInput, match="nothere.pdf"):
        legal.add_document(env.sessions, env.op("bob"), request.id, env.tmp / "nothere.pdf", store=env.store, now=NOW)


def test_text_that_looks_like_sql_is_stored_verbatim(env: Env) -> None:
    agency = "Robert'); DROP TABLE accounts; --"
    reference = "X' OR '1'='1"
    request = env.record(agency=f"  {agency} ", reference=reference, description="line one\nline two; DELETE FROM cdrs")
    info = env.get(request.id)
    assert info.agency == agency and info.reference == reference
    assert info.description == "line one\nline two; DELETE FROM cdrs"
    with env.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM accounts")).scalar() == len(OWNERS)
        assert conn.execute(text("SELECT agency FROM law_enforcement_requests")).scalar() == agency


# --------------------------------------------------------------------------- email notices


def test_notices_by_email_through_a_real_smtp_server(env: Env) -> None:
    request = env.record("subpoena", (1, 2, 4))
    legal.reject(env.sessions, env.op("bob"), request.id, "no_court_order", now=NOW)
    with SmtpServer() as server:
        settings = mailer.SmtpSettings(host="127.0.0.1", port=server.port, security="none", from_address="privacy@example.com")
        with pytest.raises(InvalidInput, match="account 4") as refused:
            legal.notify(env.sessions, env.op("bob"), request.id, settings=settings, now=NOW)
        assert server.wait_for_messages(2)
        assert sorted(r for m in server.messages for r in m.recipients) == ["owner1@example.com", "owner2@example.com"]
        first = next(m.parsed() for m in server.messages if m.recipients == ("owner1@example.com",))
        body = first.get_content()
        assert "account 1" in first["Subject"] and "Owner 1" in body and "Metro Police" in body and "Subpoena" in body
        assert "Subscriber information" in body and "rejected" in body
        states = {n.account_id: n for n in refused.value.notices}  # type: ignore[attr-defined]  # set by notify
        assert states[1].state == states[2].state == "notified" and states[4].state == "due"
        assert states[1].channel == "email" and (states[1].reply or "").startswith("250")

        with pytest.raises(InvalidInput, match="account 4"):  # the others are not sent twice
            legal.notify(env.sessions, env.op("bob"), request.id, settings=settings, now=NOW)
        assert len(server.messages) == 2
    info = env.get(request.id)
    assert [n.state for n in info.accounts] == ["notified", "notified", "due"]
    told = legal.notify(env.sessions, env.op("bob"), request.id, by_hand=("phone", TODAY), now=NOW)
    assert [n.state for n in told] == ["notified"] * 3 and told[2].channel == "phone"


# --------------------------------------------------------------------------- disclosures


def test_a_disclosure_needs_a_basis_evidence_and_known_things(env: Env) -> None:
    base = {
        "account_id": 1,
        "recipient": "Example CRM Ltd.",
        "legal_basis": "permission",
        "evidence": "ticket SUP-4711",
        "categories": ["cdrs"],
    }
    for change, message in [
        ({"legal_basis": ""}, "legal basis"),
        ({"legal_basis": "curiosity"}, "legal basis"),
        ({"evidence": " "}, "Evidence is required"),
        ({"account_id": 999}, "No account 999"),
        ({"categories": ["cdrs", "dna"]}, "Unknown data category"),
        ({"categories": []}, "at least one"),
        ({"request_id": 77}, "no law-enforcement request 77"),
        ({"recipient": ""}, "recipient"),
    ]:
        with pytest.raises(InvalidInput, match=message):
            legal.record_disclosure(env.sessions, env.op("bob"), **{**base, **change})  # type: ignore[arg-type]  # test values
    assert env.count(Disclosure) == 0
    made = legal.record_disclosure(env.sessions, env.op("bob"), **base, data_shared="daily CDR export")  # type: ignore[arg-type]  # test values
    assert made.legal_basis == "permission" and made.data_categories == ("cdrs",) and made.recorded_by == "bob"
    with env.sessions() as session:
        assert [d.id for d in disclosures.list_disclosures(session, account_id=1)] == [made.id]
        assert disclosures.list_disclosures(session, account_id=2) == ()
        assert legal.checks(session, now=NOW).disclosures_without_basis == 0


# --------------------------------------------------------------------------- transparency report


#: (country, process, received days before NOW, outcome, accounts, data sought, complied categories, gag, told)
REQUESTS = [
    ("US", "subpoena", 20, "rejected", (1,), ("subscriber",), (), False, True),
    ("US", "subpoena", 19, "rejected", (1, 2), ("subscriber", "cdrs"), (), False, False),
    ("US", "court_order", 18, "full", (2,), ("subscriber", "cdrs"), ("subscriber", "cdrs"), False, True),
    ("US", "court_order", 17, "partial", (3,), ("cdrs", "correspondence"), ("correspondence",), True, False),
    ("US", "search_warrant", 16, "full", (1, 3), ("files",), ("files",), True, False),
    ("US", "informal", 15, "pending", (2,), ("cdrs",), (), False, False),
    ("DE", "foreign", 14, "rejected", (3,), ("subscriber",), (), False, True),
    ("DE", "court_order", 13, "partial", (1,), ("subscriber", "configurations"), ("subscriber",), False, False),
    ("DE", "emergency", 12, "pending", (1, 2), ("subscriber",), (), True, False),
    ("FR", "preservation", 11, "rejected", (2,), ("cdrs",), (), False, False),
    # outside the period: before it, and after it
    ("US", "subpoena", 40, "rejected", (3,), ("subscriber",), (), False, True),
    ("US", "court_order", 2, "full", (1,), ("cdrs",), ("cdrs",), False, False),
]


def test_the_transparency_report_matches_counts_built_independently(env: Env) -> None:
    date_from, date_to = TODAY - dt.timedelta(days=25), TODAY - dt.timedelta(days=5)
    for country, process, days, outcome, accounts, sought, complied, gag, told in REQUESTS:
        received = NOW - dt.timedelta(days=days)
        request = env.record(
            process,
            accounts,
            country=country,
            received_on=received.date(),
            data_sought=sought,
            gag_order=gag,
            gag_until=None,
            reference=f"R-{days}",
            now=received,
        )
        at = received + dt.timedelta(hours=1)
        if outcome == "rejected":
            legal.reject(env.sessions, env.op("bob"), request.id, "no_court_order", now=at)
        elif outcome in ("full", "partial"):
            env.comply(request.id, outcome, complied, now=at)
        if told:
            legal.notify(env.sessions, env.op("bob"), request.id, by_hand=("letter", at.date()), now=at)

    # the expectation, by plain Python from the list above
    chosen = [r for r in REQUESTS if date_from <= (NOW - dt.timedelta(days=r[2])).date() <= date_to]
    content = {"configurations", "files", "correspondence"}
    expected: dict[tuple[str, str], dict[str, object]] = {}
    for country, process, _days, outcome, accounts, _sought, complied, gag, told in chosen:
        e = expected.setdefault(
            (country, process),
            {
                "requests": 0,
                "accounts": set(),
                "rejected": 0,
                "complied_full": 0,
                "complied_partial": 0,
                "pending": 0,
                "content": 0,
                "non_content": 0,
                "customers_notified": 0,
                "notices_gagged": 0,
            },
        )
        e["requests"] += 1  # type: ignore[operator]  # an int here
        e["accounts"] |= set(accounts)  # type: ignore[operator]  # a set here
        key = {"rejected": "rejected", "full": "complied_full", "partial": "complied_partial", "pending": "pending"}[outcome]
        e[key] += 1  # type: ignore[operator]  # an int here
        if outcome in ("full", "partial"):
            e["content" if set(complied) & content else "non_content"] += 1  # type: ignore[operator]  # an int here
        if told:
            e["customers_notified"] += len(accounts)  # type: ignore[operator]  # an int here
        elif gag:
            e["notices_gagged"] += len(accounts)  # type: ignore[operator]  # an int here
    process_order = list(legal.PROCESSES)
    want = [
        {"country": c, "legal_process": p, **{k: (len(v) if isinstance(v, set) else v) for k, v in e.items()}}
        for (c, p), e in sorted(expected.items(), key=lambda kv: (kv[0][0], process_order.index(kv[0][1])))
    ]
    assert len(want) == 8
    want_total = {"country": "all", "legal_process": "all"}
    for field in want[0]:
        if field not in ("country", "legal_process", "accounts"):
            want_total[field] = sum(w[field] for w in want)  # type: ignore[misc]  # ints
    want_total["accounts"] = len({a for r in chosen for a in r[4]})

    with env.sessions() as session:
        report = legal.transparency_report(session, date_from, date_to, now=NOW)
    assert [dataclasses.asdict(r) for r in report.rows] == want
    assert dataclasses.asdict(report.total) == {k: want_total[k] for k in dataclasses.asdict(report.total)}

    written = legal.write_report(report, env.tmp / "report.csv")
    with written.open(newline="", encoding="utf-8") as f:
        table = list(csv.reader(f))
    assert table[0] == [f.name for f in dataclasses.fields(legal.ReportRow)]
    assert (
        len(table) == len(want) + 2 and table[-1][:2] == ["all", "all"] and table[1][:2] == [want[0]["country"], want[0]["legal_process"]]
    )
    body = json.loads(legal.write_report(report, env.tmp / "report.json").read_text("utf-8"))
    assert body["from"] == date_from.isoformat() and body["to"] == date_to.isoformat()
    assert body["rows"] == want and body["total"]["requests"] == len(chosen)
    with pytest.raises(InvalidInput, match=r"\.txt"):
        legal.write_report(report, env.tmp / "report.txt")
    assert sorted(p.name for p in env.tmp.iterdir() if p.name.startswith(("report", ".report"))) == ["report.csv", "report.json"]
    with env.sessions() as session, pytest.raises(InvalidInput, match="after its end"):
        legal.transparency_report(session, date_to, date_from, now=NOW)


def test_the_report_csv_neutralises_a_formula_in_a_country(env: Env) -> None:
    """Issue 13: a country ``=1+1`` went raw into the report's CSV. The intake refuses it now; one
    stored before (or by other means) is written with a leading quote, every cell quoted."""
    request = env.record("subpoena", (1,))
    with env.engine.begin() as conn:
        conn.execute(text("UPDATE law_enforcement_requests SET country = :c WHERE id = :i"), {"c": "=1+1", "i": request.id})
    with env.sessions() as session:
        report = legal.transparency_report(session, TODAY - dt.timedelta(days=10), TODAY, now=NOW)
    assert [r.country for r in report.rows] == ["=1+1"]
    written = legal.write_report(report, env.tmp / "report.csv")
    raw = written.read_bytes().decode("utf-8")
    assert raw.splitlines()[1].startswith('"\'=1+1","subpoena","1","1"')
    with written.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [(r["country"], r["requests"]) for r in rows] == [("'=1+1", "1"), ("all", "1")]
    # JSON is not for spreadsheets: it keeps the value as it is
    assert json.loads(legal.write_report(report, env.tmp / "report.json").read_text("utf-8"))["rows"][0]["country"] == "=1+1"


def test_the_report_on_a_full_disk_is_a_sentence_and_leaves_nothing(env: Env) -> None:
    from tests.support.mounts import fill, small_tmpfs

    with env.sessions() as session:
        report = legal.transparency_report(session, TODAY - dt.timedelta(days=10), TODAY, now=NOW)
    with small_tmpfs(env.tmp / "disk") as disk:
        filler = fill(disk)
        for name in ("report.csv", "report.json"):
            with pytest.raises(ConsoleError, match=rf"Could not write {disk / name}: the disk is full\. {disk} has .* free"):
                legal.write_report(report, disk / name)
        assert list(disk.iterdir()) == [filler]


def _tamper(env: Env, seq: int) -> None:
    """Change an event's details with plain SQL, behind the console's back (on PostgreSQL as the
    superuser, who can switch the append-only triggers off for the transaction)."""
    with env.engine.begin() as conn:
        if env.engine.dialect.name == "postgresql":
            conn.execute(text("SET LOCAL session_replication_role = replica"))
        conn.execute(text("UPDATE audit_events SET details = :d WHERE seq = :s"), {"d": '{"reason":"none"}', "s": seq})


def test_the_transparency_report_carries_the_audit_head_it_was_made_under(env: Env) -> None:
    period = (TODAY - dt.timedelta(days=10), TODAY)
    with env.sessions() as session:  # nothing audited yet: no head, and the CSV is the plain table
        empty = legal.transparency_report(session, *period, now=NOW)
    assert empty.audit_head is None
    with legal.write_report(empty, env.tmp / "empty.csv").open(newline="", encoding="utf-8") as f:
        assert [len(row) for row in csv.reader(f)] == [len(legal.report_fields())] * 2
    assert json.loads(legal.write_report(empty, env.tmp / "empty.json").read_text("utf-8"))["audit_head"] is None

    request = env.record("subpoena", (1, 2))
    legal.reject(env.sessions, env.op("bob"), request.id, "no_court_order", now=NOW)
    with env.sessions() as session:
        report = legal.transparency_report(session, *period, now=NOW)
        newest = audit.head(session)
    assert newest is not None and report.audit_head == newest.text

    # CSV: the header and every row as before; the total row ends with the head, labelled
    with legal.write_report(report, env.tmp / "report.csv").open(newline="", encoding="utf-8") as f:
        table = list(csv.reader(f))
    width = len(legal.report_fields())
    assert table[0] == list(legal.report_fields()) and [len(row) for row in table[1:-1]] == [width] * (len(table) - 2)
    assert table[-1][:2] == ["all", "all"] and table[-1][width:] == ["audit_head", report.audit_head]
    with (env.tmp / "report.csv").open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert rows[-1]["requests"] == "1" and rows[-1][None] == ["audit_head", report.audit_head]  # type: ignore[index]
    body = json.loads(legal.write_report(report, env.tmp / "report.json").read_text("utf-8"))
    assert body["audit_head"] == report.audit_head

    def verify() -> audit.VerifyResult:
        with env.sessions() as session:
            return audit.verify(session, expected_head=audit.parse_head(body["audit_head"]))

    assert verify().ok
    env.record("court_order", (3,))  # the log goes on
    assert verify().ok
    _tamper(env, newest.seq - 1)
    result = verify()
    assert (result.ok, result.first_bad_seq) == (False, newest.seq - 1)


# --------------------------------------------------------------------------- the demo


def test_the_demo_register_tells_the_story(db_url: str) -> None:
    from minisip_console.core.demo import create_demo

    create_demo(db_url, accounts=12, cdrs=100, now=NOW)
    engine = db.make_engine(db_url)
    try:
        with db.session_factory(engine)() as session:
            summaries = legal.list_requests(session, now=NOW)
            assert sorted(s.decision for s in summaries) == ["complied", "pending", "rejected"]
            by = {s.decision: legal.get_request(session, s.id, now=NOW) for s in summaries}
            assert by["pending"].legal_process == "subpoena" and "can only be rejected" in by["pending"].compliance_blocked_by
            assert by["pending"].holds and all(h.active and h.expires_at for h in by["pending"].holds)
            complied = by["complied"]
            assert complied.gag_until == TODAY + dt.timedelta(days=40) and complied.accounts[0].state == "gagged"
            assert complied.disclosures[0].export_sha256 and complied.disclosures[0].manifest
            assert complied.compliance_categories == ("subscriber", "cdrs")
            assert by["rejected"].accounts[0].state == "notified" and by["rejected"].rejection_reason == "no_court_order"
            found = legal.checks(session, now=NOW)
            assert found.ok and found.open_requests == 1 and found.complied_without_order == 0
            after_gag = NOW + dt.timedelta(days=41)
            assert legal.get_request(session, complied.id, now=after_gag).accounts[0].state == "due"
            assert audit.verify(session).ok
    finally:
        engine.dispose()


# --------------------------------------------------------------------------- the export limited to categories


def test_an_export_limited_to_categories_holds_only_their_data(env: Env) -> None:
    # the exports run now (not at NOW): on PostgreSQL the database checks the grant an export obtains against its own clock
    from minisip_console.core.export import export_account

    receipt = export_account(
        env.sessions,
        env.op("bob"),
        2,
        purpose="legal",
        ticket="LER-1",
        out_path=env.tmp / "a.zip",
        store=env.store,
        categories=("files", "correspondence", "configurations"),
    )
    with zipfile.ZipFile(receipt.path) as z:
        names = set(z.namelist())
        manifest = json.loads(z.read("manifest.json"))
        (stored,) = [n for n in names if n.startswith("files/")]
        assert z.read(stored) == b"greeting of 2"
    assert names == {
        "configurations.csv",
        "configurations.json",
        "uploaded_files.csv",
        "uploaded_files.json",
        stored,
        "support_messages.csv",
        "support_messages.json",
        "manifest.json",
    }
    assert manifest["categories"] == ["configurations", "correspondence", "files"]
    assert {f.name for f in receipt.files} == names
    with pytest.raises(InvalidInput, match="Unknown data category"):
        export_account(
            env.sessions,
            env.op("bob"),
            2,
            purpose="legal",
            ticket="LER-1",
            out_path=env.tmp / "b.zip",
            store=env.store,
            categories=("dna",),
        )
    with pytest.raises(InvalidInput, match="at least one"):
        export_account(
            env.sessions, env.op("bob"), 2, purpose="legal", ticket="LER-1", out_path=env.tmp / "b.zip", store=env.store, categories=()
        )
    assert not (env.tmp / "b.zip").exists()
    full = export_account(env.sessions, env.op("bob"), 2, purpose="support", ticket="SUP-1", out_path=env.tmp / "c.zip", store=env.store)
    with zipfile.ZipFile(full.path) as z:
        assert "categories" not in json.loads(z.read("manifest.json"))
        assert {"profile.json", "access_history.json", "marketing_permission.json", "disclosures.csv"} <= set(z.namelist())


def test_the_export_knows_every_category_of_the_register() -> None:
    from minisip_console.core.export import CATEGORY_TABLES

    assert set(CATEGORY_TABLES) == set(disclosures.CATEGORIES)
    assert legal.CONTENT <= set(disclosures.CATEGORIES)


def test_an_intake_from_json(env: Env) -> None:
    order = env.tmp / "order.pdf"
    order.write_bytes(b"%PDF order")
    data = {
        "received_on": "2026-05-30",
        "agency": "Metro Police",
        "country": "US",
        "officer_name": "Det. Roe",
        "officer_contact": "roe@metro.example",
        "legal_process": "court_order",
        "account_ids": [2, 1],
        "data_sought": ["cdrs"],
        "reference": "MP-1",
        "gag_order": True,
        "gag_until": "2026-07-01",
        "hold_days": 30,
        "documents": ["order.pdf"],
    }
    intake = legal.parse_intake(json.loads(json.dumps(data)), base=env.tmp)
    assert intake.received_on == dt.date(2026, 5, 30) and intake.account_ids == (1, 2) and intake.documents == (order,)
    info = legal.record_request(env.sessions, env.op("bob"), intake, store=env.store, now=NOW)
    assert info.gag_until == dt.date(2026, 7, 1) and len(info.documents) == 1 and len(info.holds) == 2
    with pytest.raises(InvalidInput, match="'colour'"):
        legal.parse_intake({**data, "colour": "red"})
    with pytest.raises(InvalidInput, match="not a date"):
        legal.parse_intake({**data, "received_on": "yesterday"})
    with pytest.raises(InvalidInput, match="Missing field"):
        legal.parse_intake({"agency": "x"})


def test_the_rules_the_window_showed_are_the_cores_a_check_once_and_nobody_left_to_tell(env: Env) -> None:
    """Two rules only the window held until it rendered ``legal.refusal``: the core now refuses them too."""
    request = env.record("court_order", (1,))
    legal.record_court_order_check(env.sessions, env.op("bob"), request.id, ORDER_REF, now=NOW)
    with pytest.raises(ConsoleError, match="as checked on"):
        legal.record_court_order_check(env.sessions, env.op("carol"), request.id, "another reference", now=NOW)
    assert env.get(request.id).court_order_checked_by == "bob" and env.get(request.id).court_order_ref == ORDER_REF
    legal.notify(env.sessions, env.op("bob"), request.id, by_hand=("phone", NOW.date()), now=NOW)
    told = env.get(request.id)
    assert [a.state for a in told.accounts] == ["notified"]
    assert legal.refusal("notify", told, env.op("bob"), today=NOW.date()) is not None
    with pytest.raises(ConsoleError, match="has been told"):
        legal.notify(env.sessions, env.op("bob"), request.id, by_hand=("phone", NOW.date()), now=NOW)


def test_document_names_are_stored_as_every_platform_keeps_them(env: Env) -> None:
    """Issue 16: a file store may live on (or move to) Windows or macOS: a device name, a trailing dot
    and two names that differ only in case each get a file of their own there too."""
    sources = []
    for name in ("CON", "nul.txt", "Order.pdf", "order.PDF", "notes. ", "协查通知书" * 12 + ".pdf"):
        folder = env.tmp / f"d{len(sources)}"
        folder.mkdir()
        path = folder / name
        path.write_bytes(name.encode())
        sources.append(path)
    request = env.record(documents=tuple(sources))
    with env.sessions() as session:
        stored = [r.storage_path.split("/", 2)[2] for r in session.scalars(select(LawRequestDocument).order_by(LawRequestDocument.id))]
    assert stored[:5] == ["_CON", "_nul.txt", "Order.pdf", "order-2.PDF", "notes"]
    assert stored[5].endswith(".pdf") and len(stored[5].encode()) <= files.NAME_MAX_BYTES
    assert len({s.casefold() for s in stored}) == len(stored)  # one file each on a case-insensitive disk
    assert [d.filename for d in env.get(request.id).documents] == [p.name for p in sources]  # the names as given
