"""The console's own flows, each run as the operator who does it in real life: every core call on
an engine connected with that operator's own PostgreSQL login (no superuser, no schema owner), so
the roles' privileges and the database's controls are exercised exactly as in production, and a
privilege the console's work needs but the roles lack fails here.

The database is built as production would be (tests/support/pgtrust.py). Each test checks what
happened with the schema owner's plain SQL, not with the console's own reading.
"""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, insert, select, text

from minisip_console.core import access, audit, campaign, deletion, legal, operators, policy_versions, rectification, retention
from minisip_console.core.accounts import AccountsSource
from minisip_console.core.models import AuditEvent, PolicyVersion
from minisip_console.core.operators import TrustMode
from minisip_console.core.plumbing import db, mailer
from minisip_console.core.plumbing.connection import Database, open_database, resolve
from minisip_console.core.plumbing.errors import PermissionDenied
from minisip_console.core.plumbing.filestore import FileStore
from tests.support.pgserver import PostgresServer
from tests.support.pgtrust import SecuredDatabase, create_secured_database, drop_logins
from tests.support.smtp import SmtpServer

pytestmark = pytest.mark.postgres


@pytest.fixture
def secured(postgres_server: PostgresServer) -> Iterator[SecuredDatabase]:
    database = create_secured_database(postgres_server)
    yield database
    drop_logins(postgres_server, database)


class Logins:
    """One open console database per operator, each with its own login."""

    def __init__(self, secured: SecuredDatabase) -> None:
        self.secured = secured
        self.open: dict[str, Database] = {}

    def __call__(self, who: str) -> Database:
        if who not in self.open:
            self.open[who] = open_database(resolve(database=self.secured.url(who)))
        return self.open[who]

    def close(self) -> None:
        for database in self.open.values():
            database.close()


@pytest.fixture
def as_(secured: SecuredDatabase) -> Iterator[Logins]:
    logins = Logins(secured)
    yield logins
    logins.close()


def _owner(secured: SecuredDatabase) -> Engine:
    return db.make_engine(secured.url("owner"))


def _actions(secured: SecuredDatabase, who: str) -> list[str]:
    engine = _owner(secured)
    try:
        with engine.connect() as conn:
            return list(
                conn.scalars(select(AuditEvent.action).where(AuditEvent.operator_login == secured.login(who)).order_by(AuditEvent.seq))
            )
    finally:
        engine.dispose()


def test_each_login_is_its_own_operator_and_the_database_vouches_for_it(secured: SecuredDatabase, as_: Logins) -> None:
    for who, role in (("alice", "admin"), ("bob", "operator"), ("carol", "approver"), ("dave", "viewer")):
        database = as_(who)
        assert (database.operator.login, database.operator.role.value) == (secured.login(who), role)
        assert database.trust is TrustMode.DATABASE and database.trust.enforced


def test_a_look_an_export_and_a_rectification_under_a_grant(secured: SecuredDatabase, as_: Logins, tmp_path: Path) -> None:
    bob = as_("bob")
    with pytest.raises(PermissionDenied, match="no access grant"):
        access.account_details(bob.sessions, bob.operator, 1)
    grant = access.grant_access(bob.sessions, bob.operator, 1, "support", "SUP-77")
    details = access.account_details(bob.sessions, bob.operator, 1)
    assert (details.profile.email, details.grant.id) == ("jane1@example.com", grant.id)
    assert details.correspondence[0].body == "Please help with my trunk." and details.recent_cdrs[0].src == "+442079460056"
    assert rectification.rectify(bob.sessions, bob.operator, 1, email="jane.one@example.com") == ["email"]
    receipt = access_export(bob, tmp_path / "one.zip")
    with zipfile.ZipFile(receipt.path) as z:
        assert json.loads(z.read("profile.json"))["email"] == "jane.one@example.com"
        assert b"+442079460056" in z.read("cdrs.csv")
    assert _actions(secured, "bob") == ["access.grant", "account.view", "account.read", "account.rectify", "account.read", "account.export"]
    # dave (a viewer) and carol (no grant of hers) read nothing in the clear
    dave = as_("dave")
    with pytest.raises(PermissionDenied, match="operator role"):
        access.grant_access(dave.sessions, dave.operator, 1, "support", "SUP-1")
    carol = as_("carol")
    with pytest.raises(PermissionDenied, match="no access grant"):
        access.account_details(carol.sessions, carol.operator, 1)


def access_export(database: Database, out: Path):  # type: ignore[no-untyped-def]
    from minisip_console.core.export import export_account

    return export_account(
        database.sessions,
        database.operator,
        1,
        purpose="customer_request",
        ticket="SUP-77",
        out_path=out,
        store=FileStore(out.parent / "store"),
    )


def test_the_list_is_masked_by_the_database_and_a_search_is_audited(secured: SecuredDatabase, as_: Logins) -> None:
    dave = as_("dave")
    source = AccountsSource(dave.sessions, login=dave.operator.login)
    page = source.fetch(0, 10)
    assert [r.email for r in page[:2]] == ["j***@example.com", "j***@example.com"] and page[0].name == "J*** D***"
    found = source.searched("jane4@")
    assert (found.count(), [r.id for r in found.fetch(0, 10)]) == (1, [4])
    assert _actions(secured, "dave") == ["account.search", "account.search"]


def test_a_deletion_filed_by_bob_approved_by_carol_carried_out_by_bob(secured: SecuredDatabase, as_: Logins, tmp_path: Path) -> None:
    bob, carol = as_("bob"), as_("carol")
    request = deletion.file_request(bob.sessions, bob.operator, 2, "account", ticket="SUP-12")
    with pytest.raises(PermissionDenied, match="approver role"):
        deletion.approve(bob.sessions, bob.operator, request.id)
    deletion.approve(carol.sessions, carol.operator, request.id)
    outcome = deletion.execute(bob.sessions, bob.operator, request.id, FileStore(tmp_path / "store"))
    assert outcome.request.state == "completed", outcome
    engine = _owner(secured)
    try:
        with engine.connect() as conn:
            row = conn.exec_driver_sql("SELECT name, email, status FROM accounts WHERE id = 2").one()
            cdrs = conn.exec_driver_sql("SELECT count(*) FROM cdrs WHERE account_id = 2").scalar()
    finally:
        engine.dispose()
    assert tuple(row) == ("", "", "deleted") and cdrs == 0
    assert deletion.certificate_for(bob.sessions, request.id)["approved_by"] == secured.login("carol")


def test_retention_is_set_by_an_admin_and_purged_by_an_operator(secured: SecuredDatabase, as_: Logins) -> None:
    alice, bob = as_("alice"), as_("bob")
    with pytest.raises(PermissionDenied, match="admin role"):
        retention.set_policy(bob.sessions, bob.operator, "cdr", days=10)
    retention.set_policy(alice.sessions, alice.operator, "cdr", days=30)
    receipts = retention.run_purge(bob.sessions, bob.operator, category="cdr")
    assert [r.state for r in receipts] == ["completed"] and receipts[0].verified
    assert receipts[0].rows_deleted == 10  # the CDRs 30 days and an hour to 39 days and an hour old
    assert receipts[0].audit_head


def test_a_court_order_proposed_by_erin_and_approved_by_carol(secured: SecuredDatabase, as_: Logins, tmp_path: Path) -> None:
    bob, erin, carol = as_("bob"), as_("erin"), as_("carol")
    store = FileStore(tmp_path / "store")
    intake = legal.Intake(
        received_on=dt.date.today(),
        agency="District Police",
        country="US",
        officer_name="Det. Smith",
        officer_contact="smith@police.example",
        legal_process="court_order",
        account_ids=(4,),
        data_sought=("subscriber", "cdrs"),
        reference="CASE-9",
        court_order_ref="Case 1:26-mj-9",
    )
    request = legal.record_request(bob.sessions, bob.operator, intake, store=store)
    legal.record_court_order_check(bob.sessions, bob.operator, request.id, "Case 1:26-mj-9")
    legal.propose_compliance(erin.sessions, erin.operator, request.id, "full")
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(PermissionDenied, match="cannot also approve"):
        legal.approve_compliance(erin.sessions, erin.operator, request.id, store=store, out_dir=out)
    result = legal.approve_compliance(carol.sessions, carol.operator, request.id, store=store, out_dir=out)
    [(path, disclosure)] = result.exports
    with zipfile.ZipFile(path) as z:
        assert json.loads(z.read("profile.json"))["email"] == "jane4@example.com"
    assert disclosure.recorded_by == secured.login("carol") and result.request.decided_by == secured.login("carol")


def test_a_campaign_run_by_bob_reaches_every_owner_once(secured: SecuredDatabase, as_: Logins) -> None:
    engine = _owner(secured)
    try:
        with engine.begin() as conn:
            version = conn.execute(
                insert(PolicyVersion)
                .values(
                    number="9.0",
                    effective_date=dt.date(2027, 1, 1),
                    text="v9",
                    summary="s",
                    significant=True,
                    published_at=dt.datetime.now(dt.UTC),
                )
                .returning(PolicyVersion.id)
            ).scalar_one()
    finally:
        engine.dispose()
    bob = as_("bob")
    cid = campaign.create_campaign(
        bob.sessions,
        bob.operator,
        version,
        campaign.Template(
            subject="Our privacy policy changes", body_text="Dear {{ owner_name }}, see {{ link }}", link="https://example.com/p"
        ),
    )
    with SmtpServer() as server:
        outcome = campaign.run_campaign(
            bob.sessions,
            bob.operator,
            cid.id,
            mailer.SmtpSettings(host="127.0.0.1", port=server.port, security="none", from_address="privacy@example.com"),
            retry_delays=(0.0,),
        )
    assert server.per_recipient() == {f"jane{i}@example.com": 1 for i in range(1, 7)}
    assert outcome.sent_now == 6
    assert "campaign.recipients" in _actions(secured, "bob")


def test_a_version_is_decided_by_an_approver_and_published_by_an_admin(secured: SecuredDatabase, as_: Logins) -> None:
    bob, carol, alice = as_("bob"), as_("carol"), as_("alice")
    policy_versions.create_version(bob.sessions, bob.operator, number="9.1", effective_date=dt.date(2027, 6, 1), text="new text")
    with pytest.raises(PermissionDenied, match="approver role"):
        policy_versions.decide_significance(bob.sessions, bob.operator, "9.1", True, "new retention")
    policy_versions.decide_significance(carol.sessions, carol.operator, "9.1", True, "new retention")
    assert policy_versions.publish(alice.sessions, alice.operator, "9.1").published


def test_the_log_verifies_for_a_viewer(secured: SecuredDatabase, as_: Logins) -> None:
    dave = as_("dave")
    with dave.sessions() as session:
        result = audit.verify(session)
    assert result.ok and result.events >= 5  # the five operators' additions at least


def test_an_admin_adds_an_operator_who_can_then_work(secured: SecuredDatabase, as_: Logins) -> None:
    alice = as_("alice")
    login = secured.login("frank")
    secured.passwords[login] = "frank-pw-1"
    with alice.sessions.begin() as session:
        assert operators.add_operator(session, alice.operator, login, "operator", "Frank New", password="frank-pw-1") == "created"
    frank = as_("frank")
    assert frank.operator.role.value == "operator"
    access.grant_access(frank.sessions, frank.operator, 3, "bug", "BUG-1")
    assert access.account_details(frank.sessions, frank.operator, 3).profile.email == "jane3@example.com"


def test_an_operator_sets_a_language_and_the_owner_is_written_to_in_it(secured: SecuredDatabase, as_: Logins) -> None:
    """Issue 16 on the database's own terms: an operator's login may change ``accounts.language``
    (no grant needed: it is no personal field), a viewer's may not, and a campaign sent by the
    operator's login reads each owner's language."""
    bob, dave = as_("bob"), as_("dave")
    with pytest.raises(PermissionDenied, match="operator role"):
        rectification.set_language(dave.sessions, dave.operator, 2, "zh_CN")
    assert rectification.set_language(bob.sessions, bob.operator, 2, "zh_CN") == ("en", "zh_CN")
    engine = _owner(secured)
    try:
        with engine.connect() as conn:
            assert conn.scalar(text("SELECT language FROM accounts WHERE id = 2")) == "zh_CN"
            version = conn.execute(
                insert(PolicyVersion)
                .values(
                    number="9.5",
                    effective_date=dt.date(2027, 1, 1),
                    text="v",
                    summary="s",
                    significant=True,
                    published_at=dt.datetime.now(dt.UTC),
                )
                .returning(PolicyVersion.id)
            ).scalar_one()
            conn.commit()
    finally:
        engine.dispose()
    assert _actions(secured, "bob")[-1] == "account.set_language"
    shipped = campaign.shipped_template(link="https://example.com/p")
    assert shipped is not None
    cid = campaign.create_campaign(
        bob.sessions, bob.operator, version, campaign.Template(shipped.subject, shipped.body_text, shipped.body_html, shipped.link)
    )
    with SmtpServer() as server:
        campaign.run_campaign(
            bob.sessions,
            bob.operator,
            cid.id,
            mailer.SmtpSettings(host="127.0.0.1", port=server.port, security="none", from_address="privacy@example.com"),
            retry_delays=(0.0,),
        )
        subjects = {m.recipients[0]: m.parsed()["Subject"] for m in server.messages}
    assert subjects["jane2@example.com"].startswith("我们的隐私政策变更通知")
    assert subjects["jane1@example.com"].startswith("Changes to our privacy policy")
