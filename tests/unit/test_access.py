"""Purpose-bound access, details, file opening, rectification and marketing permission.

The core is called directly, on SQLite and PostgreSQL, to prove its checks hold whatever the
UI does. Every test ends with an intact audit chain that holds no personal value.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine, delete, func, insert, select
from sqlalchemy.orm import Session, sessionmaker

from minisip_console.core import access, audit, file_opening, marketing, rectification
from minisip_console.core.demo import create_demo
from minisip_console.core.models import (
    AccessGrant,
    Account,
    AccountStatus,
    AuditEvent,
    MarketingPermission,
    UploadedFile,
)
from minisip_console.core.operators import OperatorInfo, identify
from minisip_console.core.plumbing import db
from minisip_console.core.plumbing.errors import ConsoleError, InvalidInput, PermissionDenied
from minisip_console.core.plumbing.filestore import FileStore, default_root
from minisip_console.core.purposes import Purpose


@dataclass
class Demo:
    url: str
    engine: Engine
    sessions: sessionmaker[Session]
    store: FileStore

    def op(self, login: str) -> OperatorInfo:
        with self.sessions() as session:
            return identify(session, login)

    def account(self, account_id: int) -> Account:
        with self.sessions() as session:
            account = session.get(Account, account_id)
            assert account is not None
            return account

    def events(self) -> list[AuditEvent]:
        with self.sessions() as session:
            return list(session.scalars(select(AuditEvent).order_by(AuditEvent.seq)))

    def event_count(self) -> int:
        with self.sessions() as session:
            return int(session.scalar(select(func.count()).select_from(AuditEvent)) or 0)

    def last_event(self) -> AuditEvent:
        return self.events()[-1]

    def assert_chain_intact(self) -> None:
        with self.sessions() as session:
            result = audit.verify(session)
        assert result.ok, result


@pytest.fixture
def demo(db_url: str) -> Iterator[Demo]:
    create_demo(db_url, accounts=10, cdrs=200)
    engine = db.make_engine(db_url)
    d = Demo(db_url, engine, db.session_factory(engine), FileStore(default_root(db.parse_url(db_url))))
    yield d
    d.assert_chain_intact()
    engine.dispose()


def _personal_values(d: Demo) -> list[str]:
    with d.sessions() as session:
        rows = session.execute(select(Account.name, Account.email, Account.company)).all()
    return [v for row in rows for v in row if v]


def _assert_no_personal_values_in_audit(d: Demo, *extra: str) -> None:
    values = [*_personal_values(d), *extra]
    for event in d.events():
        for value in values:
            assert value not in event.details, (event.seq, event.action)


# --------------------------------------------------------------------------- grants


def test_a_viewer_cannot_obtain_a_grant(demo: Demo) -> None:
    before = demo.event_count()
    with pytest.raises(PermissionDenied, match="viewer"):
        access.grant_access(demo.sessions, demo.op("dave"), 3, "support", "SUP-1")
    with pytest.raises(PermissionDenied, match="not a registered operator"):
        access.grant_access(demo.sessions, demo.op("mallory"), 3, "support", "SUP-1")
    assert demo.event_count() == before
    assert access.active_grant(demo.sessions, demo.op("dave"), 3) is None


def test_an_operator_obtains_a_grant_and_it_is_audited(demo: Demo) -> None:
    bob = demo.op("bob")
    now = dt.datetime.now(dt.UTC)
    grant = access.grant_access(demo.sessions, bob, 3, "Support", " SUP-1234 ", minutes=45, now=now)
    assert (grant.operator_login, grant.account_id, grant.purpose, grant.ticket) == ("bob", 3, Purpose.SUPPORT, "SUP-1234")
    assert grant.expires_at == now + dt.timedelta(minutes=45)
    assert access.active_grant(demo.sessions, bob, 3, now=now) == grant
    assert access.active_grant(demo.sessions, bob, 4, now=now) is None
    assert grant in access.active_grants(demo.sessions, bob, now=now)
    event = demo.last_event()
    assert (event.operator_login, event.action, event.target_type, event.target_id) == ("bob", "access.grant", "account", "3")
    assert '"purpose":"support"' in event.details and '"ticket":"SUP-1234"' in event.details and '"minutes":45' in event.details
    with demo.sessions() as session:
        assert session.get(AccessGrant, grant.id) is not None


@pytest.mark.parametrize(
    ("account_id", "purpose", "ticket", "minutes", "message"),
    [
        (3, "marketing", "SUP-1", 30, "Unknown purpose"),
        (3, "support", "", 30, "ticket reference is required"),
        (3, "support", "a b", 30, "not a ticket reference"),
        (3, "support", "SUP-1", 0, "1 to 480 minutes"),
        (3, "support", "SUP-1", 481, "1 to 480 minutes"),
        (9999, "support", "SUP-1", 30, "No account 9999"),
    ],
)
def test_bad_grant_requests_write_nothing(demo: Demo, account_id: int, purpose: str, ticket: str, minutes: int, message: str) -> None:
    before = demo.event_count()
    with pytest.raises(InvalidInput, match=message):
        access.grant_access(demo.sessions, demo.op("bob"), account_id, purpose, ticket, minutes)
    assert demo.event_count() == before
    assert access.active_grants(demo.sessions, demo.op("bob")) == ()


def test_a_grant_ends_early_and_only_its_holder_or_an_admin_ends_it(demo: Demo) -> None:
    bob, carol, alice = demo.op("bob"), demo.op("carol"), demo.op("alice")
    first = access.grant_access(demo.sessions, bob, 3, "bug", "BUG-7")
    with pytest.raises(PermissionDenied, match="only its holder or an admin"):
        access.end_grant(demo.sessions, carol, first.id)
    with pytest.raises(PermissionDenied):
        access.end_grant(demo.sessions, demo.op("dave"), first.id)
    ended = access.end_grant(demo.sessions, bob, first.id)
    assert ended.ended_at is not None and ended.operator_login == "bob"
    assert access.active_grant(demo.sessions, bob, 3) is None
    with pytest.raises(PermissionDenied, match="was ended"):
        access.account_details(demo.sessions, bob, 3)
    with pytest.raises(InvalidInput, match="already ended"):
        access.end_grant(demo.sessions, bob, first.id)

    second = access.grant_access(demo.sessions, bob, 4, "bug", "BUG-8")
    access.end_grant(demo.sessions, alice, second.id)  # an admin ends another operator's grant
    event = demo.last_event()
    assert (event.operator_login, event.action, event.target_id) == ("alice", "access.end", "4")
    assert '"holder":"bob"' in event.details
    with pytest.raises(InvalidInput, match="No access grant 9999"):
        access.end_grant(demo.sessions, alice, 9999)


# --------------------------------------------------------------------------- details


def test_details_need_a_grant(demo: Demo) -> None:
    before = demo.event_count()
    with pytest.raises(PermissionDenied, match="no access grant") as info:
        access.account_details(demo.sessions, demo.op("bob"), 3)
    assert "accounts grant 3" in (info.value.hint or "")
    # another operator's grant is not yours
    access.grant_access(demo.sessions, demo.op("carol"), 3, "support", "SUP-2")
    with pytest.raises(PermissionDenied):
        access.account_details(demo.sessions, demo.op("bob"), 3)
    assert demo.event_count() == before + 1


def test_details_with_a_grant_are_in_the_clear_and_audited_without_personal_values(demo: Demo) -> None:
    bob = demo.op("bob")
    grant = access.grant_access(demo.sessions, bob, 3, "support", "SUP-1234")
    details = access.account_details(demo.sessions, bob, 3)
    stored = demo.account(3)
    assert (details.profile.name, details.profile.email, details.profile.company) == (stored.name, stored.email, stored.company)
    assert "***" not in details.profile.name
    assert details.grant.id == grant.id
    assert details.configurations and all(c.id for c in details.configurations)
    assert len(details.recent_cdrs) <= access.RECENT_CDRS and details.cdr_count >= len(details.recent_cdrs)
    starts = [c.start for c in details.recent_cdrs]
    assert starts == sorted(starts, reverse=True)
    event = demo.last_event()
    assert (event.operator_login, event.action, event.target_type, event.target_id) == ("bob", "account.view", "account", "3")
    assert f'"grant_id":{grant.id}' in event.details and '"ticket":"SUP-1234"' in event.details
    # the history shows who looked, when and why, this look included
    actions = [(e.operator, e.action) for e in details.history]
    assert actions[0] == ("bob", "account.view") and ("bob", "access.grant") in actions
    assert details.history[0].details["purpose"] == "support"
    _assert_no_personal_values_in_audit(demo)


def test_details_hold_every_kind_of_record(demo: Demo) -> None:
    with demo.sessions() as session, session.begin():
        file_account = session.scalar(select(UploadedFile.account_id).order_by(UploadedFile.id).limit(1))
        assert file_account is not None
        session.execute(delete(MarketingPermission).where(MarketingPermission.account_id == file_account))
        session.add(MarketingPermission(account_id=file_account, granted=True, decided_at=dt.datetime.now(dt.UTC), evidence="REL-1"))
    alice = demo.op("alice")
    access.grant_access(demo.sessions, alice, file_account, "customer_request", "REQ-9")
    details = access.account_details(demo.sessions, alice, file_account)
    assert details.files and all(f.account_id == file_account for f in details.files)
    assert details.marketing is not None
    assert all(m.ticket_ref for m in details.correspondence)


def test_an_expired_grant_is_refused_mid_action(demo: Demo) -> None:
    bob = demo.op("bob")
    now = dt.datetime.now(dt.UTC)
    grant = access.grant_access(demo.sessions, bob, 3, "support", "SUP-1", minutes=1, now=now)
    access.account_details(demo.sessions, bob, 3, now=now + dt.timedelta(seconds=30))
    before = demo.event_count()
    later = grant.expires_at + dt.timedelta(seconds=1)
    with pytest.raises(PermissionDenied, match="expired"):
        access.account_details(demo.sessions, bob, 3, now=later)
    with pytest.raises(PermissionDenied, match="expired"):
        rectification.rectify(demo.sessions, bob, 3, name="New Name", now=later)
    assert access.active_grant(demo.sessions, bob, 3, now=later) is None
    assert access.active_grants(demo.sessions, bob, now=later) == ()
    assert demo.event_count() == before
    with pytest.raises(InvalidInput, match="already expired"):
        access.end_grant(demo.sessions, bob, grant.id, now=later)


def test_an_account_deleted_meanwhile_gives_a_clear_error_and_writes_nothing(demo: Demo) -> None:
    with demo.sessions() as session, session.begin():
        new_id = session.execute(
            insert(Account)
            .values(name="Short Lived", email="short@example.com", status="active", created_at=dt.datetime.now(dt.UTC))
            .returning(Account.id)
        ).scalar_one()
    bob = demo.op("bob")
    access.grant_access(demo.sessions, bob, new_id, "support", "SUP-5")
    with demo.sessions() as session, session.begin():
        session.execute(delete(Account).where(Account.id == new_id))
    before = demo.event_count()
    with pytest.raises(InvalidInput, match=f"No account {new_id}.*deleted it meanwhile"):
        access.account_details(demo.sessions, bob, new_id)
    with pytest.raises(InvalidInput, match=f"No account {new_id}"):
        rectification.rectify(demo.sessions, bob, new_id, name="Someone")
    assert demo.event_count() == before


# --------------------------------------------------------------------------- files


def _file(demo: Demo) -> UploadedFile:
    with demo.sessions() as session:
        row = session.scalars(select(UploadedFile).order_by(UploadedFile.id).limit(1)).first()
    assert row is not None
    return row


def test_opening_a_file_needs_a_grant_and_the_customers_request(demo: Demo) -> None:
    f = _file(demo)
    bob = demo.op("bob")
    before = demo.event_count()
    with pytest.raises(PermissionDenied, match="no access grant"):
        file_opening.open_file(demo.sessions, bob, f.id, "REQ-77", demo.store)
    access.grant_access(demo.sessions, bob, f.account_id, "customer_request", "SUP-77")
    before = demo.event_count()
    for ref in (None, "", "  ", "x"):
        with pytest.raises(InvalidInput, match="customer's request"):
            file_opening.open_file(demo.sessions, bob, f.id, ref, demo.store)
    with pytest.raises(InvalidInput, match="No uploaded file 9999"):
        file_opening.open_file(demo.sessions, bob, 9999, "REQ-77", demo.store)
    assert demo.event_count() == before

    opened = file_opening.open_file(demo.sessions, bob, f.id, "REQ-77", demo.store)
    assert opened.content == demo.store.path_of(f.storage_path).read_bytes()
    assert opened.intact and opened.metadata.id == f.id
    assert opened.kind == file_opening.file_kind(f.content_type) and opened.kind in ("text", "image", "audio")
    event = demo.last_event()
    assert (event.operator_login, event.action, event.target_id) == ("bob", "file.open", str(f.account_id))
    assert '"customer_request":"REQ-77"' in event.details and f'"file_id":{f.id}' in event.details
    assert f.filename not in event.details


def test_a_file_missing_from_the_store_gives_a_clear_error(demo: Demo) -> None:
    f = _file(demo)
    bob = demo.op("bob")
    access.grant_access(demo.sessions, bob, f.account_id, "customer_request", "SUP-77")
    demo.store.path_of(f.storage_path).unlink()
    before = demo.event_count()
    with pytest.raises(ConsoleError, match="missing from the file store"):
        file_opening.open_file(demo.sessions, bob, f.id, "REQ-77", demo.store)
    assert demo.event_count() == before


def test_an_opened_recording_shows_its_audio_metadata(demo: Demo) -> None:
    with demo.sessions() as session:
        wav = session.scalars(select(UploadedFile).where(UploadedFile.content_type.like("audio/%")).limit(1)).first()
    if wav is None:
        pytest.skip("this demo has no recording")
    alice = demo.op("alice")
    access.grant_access(demo.sessions, alice, wav.account_id, "customer_request", "SUP-78")
    opened = file_opening.open_file(demo.sessions, alice, wav.id, "REQ-78", demo.store)
    assert opened.kind == "audio" and opened.audio is not None
    assert opened.audio.channels >= 1 and opened.audio.sample_rate > 0 and opened.audio.seconds > 0
    assert file_opening.audio_info(b"not a wav file") is None


@pytest.mark.parametrize(
    ("content_type", "kind"),
    [("text/plain", "text"), ("application/json", "text"), ("image/png", "image"), ("audio/wav", "audio"), ("application/zip", "other")],
)
def test_file_kinds(content_type: str, kind: str) -> None:
    assert file_opening.file_kind(content_type) == kind


# --------------------------------------------------------------------------- rectification


def test_rectify_changes_fields_and_audits_only_their_names(demo: Demo) -> None:
    bob = demo.op("bob")
    old = demo.account(3)
    access.grant_access(demo.sessions, bob, 3, "customer_request", "SUP-9")
    new_name, new_email = "Zoë Ångström-Łukasiewicz", "zoe.new@example.org"
    changed = rectification.rectify(demo.sessions, bob, 3, name=f"  {new_name} ", email=new_email, company=old.company or "Acme Ltd")
    expected = ["name", "email"] if old.company else ["name", "email", "company"]
    assert changed == expected
    now = demo.account(3)
    assert (now.name, now.email) == (new_name, new_email)
    event = demo.last_event()
    assert (event.operator_login, event.action, event.target_id, event.details) == (
        "bob",
        "account.rectify",
        "3",
        audit.canonical({"fields": expected}).decode(),
    )
    _assert_no_personal_values_in_audit(demo, old.name, old.email)
    # the same values again change nothing: only the read (comparing with what is stored) is in the log,
    # since "nothing changed" tells whether the value typed is the one stored
    before = demo.event_count()
    assert rectification.rectify(demo.sessions, bob, 3, name=new_name) == []
    assert demo.event_count() == before + 1
    assert demo.last_event().action == "account.read"


def test_invalid_input_writes_nothing_half(demo: Demo) -> None:
    bob = demo.op("bob")
    access.grant_access(demo.sessions, bob, 3, "customer_request", "SUP-9")
    old = demo.account(3)
    before = demo.event_count()
    with pytest.raises(InvalidInput, match="email address"):
        rectification.rectify(demo.sessions, bob, 3, name="Valid Name", email="not an address")
    with pytest.raises(InvalidInput, match="The company contains a control character"):
        rectification.rectify(demo.sessions, bob, 3, email="valid@example.com", company="Acme\x00")
    with pytest.raises(InvalidInput, match="The name is too long"):
        rectification.rectify(demo.sessions, bob, 3, name="N" * 201, email="valid@example.com")
    with pytest.raises(InvalidInput, match="Nothing to change"):
        rectification.rectify(demo.sessions, bob, 3)
    after = demo.account(3)
    assert (after.name, after.email, after.company) == (old.name, old.email, old.company)
    assert demo.event_count() == before


@pytest.mark.parametrize("name", ["王" * 200, "Ωμέγα Σίγμα", "محمد عبد الله", "Анна-Мария Иванова-Петрова", "🎉 Party Phones"])
def test_long_and_non_latin_names_are_stored_as_given(demo: Demo, name: str) -> None:
    bob = demo.op("bob")
    access.grant_access(demo.sessions, bob, 5, "customer_request", "SUP-10")
    assert rectification.rectify(demo.sessions, bob, 5, name=name, company=name) == ["name", "company"]
    assert (demo.account(5).name, demo.account(5).company) == (name, name)
    assert access.account_details(demo.sessions, bob, 5).profile.name == name
    _assert_no_personal_values_in_audit(demo)


def test_a_viewer_cannot_rectify(demo: Demo) -> None:
    with pytest.raises(PermissionDenied, match="viewer"):
        rectification.rectify(demo.sessions, demo.op("dave"), 3, name="X Y")


# --------------------------------------------------------------------------- marketing


def test_marketing_permission_and_list(demo: Demo, tmp_path: Path) -> None:
    bob = demo.op("bob")
    with demo.sessions() as session, session.begin():
        session.execute(delete(MarketingPermission))
        session.execute(Account.__table__.update().where(Account.id.in_([2, 4, 7, 8])).values(status=AccountStatus.ACTIVE.value))
        session.execute(Account.__table__.update().where(Account.id == 6).values(status=AccountStatus.SUSPENDED.value))
    before = demo.event_count()
    for bad_evidence in (None, "", "ab"):
        with pytest.raises(InvalidInput, match="evidence|Evidence"):
            marketing.set_marketing_permission(demo.sessions, bob, 2, True, bad_evidence)
    with pytest.raises(PermissionDenied, match="viewer"):
        marketing.set_marketing_permission(demo.sessions, demo.op("dave"), 2, True, "REL-2026-001")
    with pytest.raises(InvalidInput, match="No account 9999"):
        marketing.set_marketing_permission(demo.sessions, bob, 9999, True, "REL-2026-001")
    assert demo.event_count() == before

    at = dt.datetime(2026, 5, 1, 12, 0, tzinfo=dt.UTC)
    for account_id, granted in [(2, True), (4, True), (6, True), (7, False), (8, True)]:
        marketing.set_marketing_permission(demo.sessions, bob, account_id, granted, f"signed form REL-{account_id}", now=at)
    marketing.set_marketing_permission(demo.sessions, bob, 8, False, "withdrawn by phone, SUP-88", now=at)  # upsert
    event = demo.last_event()
    assert (event.action, event.target_id, event.details) == ("marketing.set", "8", '{"granted":false,"previously":true}')
    with demo.sessions() as session:
        assert session.scalar(select(func.count()).select_from(MarketingPermission).where(MarketingPermission.account_id == 8)) == 1

    rows = list(marketing.marketing_list(demo.sessions, demo.op("bob")))
    assert [r[0] for r in rows] == [2, 4]  # 6 is suspended, 7 refused, 8 withdrawn
    assert rows[0][1] == demo.account(2).name and rows[0][3] == at and rows[0][4] == "signed form REL-2"

    out = tmp_path / "marketing.csv"
    with pytest.raises(PermissionDenied):
        marketing.write_marketing_csv(demo.sessions, demo.op("dave"), out)
    assert not out.exists()
    assert marketing.write_marketing_csv(demo.sessions, bob, out) == 2
    with out.open(newline="", encoding="utf-8") as fh:
        table = list(csv.DictReader(fh))
    assert [int(r["account_id"]) for r in table] == [2, 4]
    assert [r["name"] for r in table] == [demo.account(2).name, demo.account(4).name]
    assert list(table[0]) == list(marketing.MARKETING_COLUMNS)
    event = demo.last_event()
    assert (event.operator_login, event.action, event.details) == ("bob", "marketing.export", '{"rows":2}')
    assert not list(tmp_path.glob(".*partial"))
    _assert_no_personal_values_in_audit(demo)


def test_the_marketing_list_neutralises_formulas(demo: Demo, tmp_path: Path) -> None:
    """Issue 13: a name ``=1+1`` or a company ``=HYPERLINK(...)`` went raw into the CSV, for a
    spreadsheet to evaluate; each now starts with a quote, and a separator cannot split a cell."""
    bob = demo.op("bob")
    hostile = {2: ("=1+1", '=HYPERLINK("http://evil.example","x")'), 4: ("@SUM(A1)", "Acme;=1+1"), 5: ("-2+3", "+44 20 7946 0056")}
    with demo.sessions() as session, session.begin():
        session.execute(delete(MarketingPermission))
        for account_id, (name, company) in hostile.items():
            session.execute(
                Account.__table__.update()
                .where(Account.id == account_id)
                .values(name=name, company=company, status=AccountStatus.ACTIVE.value)
            )
    for account_id in hostile:
        marketing.set_marketing_permission(demo.sessions, bob, account_id, True, f"signed form REL-{account_id}")
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "marketing.csv"
    assert marketing.write_marketing_csv(demo.sessions, bob, out) == 3
    raw = out.read_bytes().decode("utf-8")
    assert '"\'=1+1","\'=HYPERLINK(""http://evil.example"",""x"")"' in raw and '"Acme;=1+1"' in raw
    with out.open(newline="", encoding="utf-8") as fh:
        table = list(csv.DictReader(fh))
    assert {int(r["account_id"]): (r["name"], r["company"]) for r in table} == {
        2: ("'=1+1", '\'=HYPERLINK("http://evil.example","x")'),
        4: ("'@SUM(A1)", "Acme;=1+1"),
        5: ("'-2+3", "'+44 20 7946 0056"),
    }
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for r in table for cell in r.values())
    assert [p.name for p in out.parent.iterdir()] == ["marketing.csv"]
