"""The threat model, tried as it would be: each operator connects with their own PostgreSQL login
through psycopg, exactly as ``psql`` would, not through the console, and the database refuses.

An operator with their own login cannot act as another operator; approve their own deletion
request or their own compliance proposal; change, delete or truncate an audit event; read an
account's personal fields without an active access grant of their own (and that read is in the
audit log); change a retention policy, an operator or a role unless they are an admin. The
schema owner is a login with CREATEROLE and no superuser; the operators were added through the
console (``core.operators``), as an admin would.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

import psycopg
import pytest
from psycopg import errors

from minisip_console.core import audit
from minisip_console.core.plumbing import db
from tests.support.pgserver import PostgresServer
from tests.support.pgtrust import SecuredDatabase, create_secured_database, drop_logins

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def secured(postgres_server: PostgresServer) -> Iterator[SecuredDatabase]:
    database = create_secured_database(postgres_server)
    yield database
    drop_logins(postgres_server, database)


def _refused(conn: psycopg.Connection, sql: str, params: tuple[object, ...] | None = None) -> str:
    """Run ``sql``, expect the database to refuse it (SQLSTATE 42501), roll back, return the message."""
    with pytest.raises(errors.InsufficientPrivilege) as caught:
        conn.execute(sql, params)
    conn.rollback()
    return str(caught.value)


def _owner_scalar(secured: SecuredDatabase, sql: str, params: tuple[object, ...] | None = None) -> object:
    with secured.connect("owner") as conn:
        row = conn.execute(sql, params).fetchone()
        return row[0] if row else None


def _file_request(conn: psycopg.Connection, login: str, account: int = 2) -> int:
    request_id = conn.execute(
        "INSERT INTO deletion_requests (account_id, scope, source, ticket_ref, state, requested_by, requested_at, due_at) "
        "VALUES (%s, 'configurations', 'ticket', 'SUP-9', 'received', %s, now() AT TIME ZONE 'UTC', "
        "now() AT TIME ZONE 'UTC' + interval '30 days') RETURNING id",
        (account, login),
    ).fetchone()[0]
    conn.commit()
    return int(request_id)


# --------------------------------------------------------------------------- identity


def test_an_operator_cannot_file_a_request_in_another_operators_name(secured: SecuredDatabase) -> None:
    with secured.connect("bob") as bob:
        message = _refused(
            bob,
            "INSERT INTO deletion_requests (account_id, scope, source, ticket_ref, state, requested_by, "
            "requested_at, due_at) VALUES (2, 'configurations', 's', 'SUP-1', 'received', %s, now(), now())",
            (secured.login("carol"),),
        )
    assert "must name you" in message


def test_an_audit_event_records_the_session_login_whatever_the_client_sends(secured: SecuredDatabase) -> None:
    with secured.connect("bob") as bob:
        seq, who, at = bob.execute(
            "INSERT INTO audit_events (seq, occurred_at, operator_login, action, target_type, target_id, details, prev_hash, hash) "
            "VALUES (1, '2001-01-01', %s, 'test.forged', '', '', '{}', 'x', 'y') RETURNING seq, operator_login, occurred_at",
            (secured.login("carol"),),
        ).fetchone()
        bob.commit()
    assert who == secured.login("bob")
    assert at.year == dt.datetime.now(dt.UTC).year
    assert seq > 1
    engine = db.make_engine(secured.url("dave"))
    try:
        with db.session_factory(engine)() as session:
            assert audit.verify(session).ok  # the database computed the chain: it verifies
    finally:
        engine.dispose()


def test_a_login_cannot_become_someone_else(secured: SecuredDatabase) -> None:
    with secured.connect("bob") as bob:
        with pytest.raises(errors.InsufficientPrivilege):
            bob.execute(f"SET SESSION AUTHORIZATION {secured.login('alice')}")
        bob.rollback()
        with pytest.raises(errors.InsufficientPrivilege):
            bob.execute("SET ROLE minisip_admin")
        bob.rollback()


# --------------------------------------------------------------------------- four eyes


def test_bob_cannot_approve_his_own_deletion_request_from_psql(secured: SecuredDatabase) -> None:
    with secured.connect("bob") as bob:
        request_id = _file_request(bob, secured.login("bob"))
        assert "four eyes" in _refused(
            bob,
            "UPDATE deletion_requests SET state = 'approved', decided_by = %s, decided_at = now() WHERE id = %s",
            (secured.login("bob"), request_id),
        )
        assert "cannot go from received to executing" in _refused(
            bob, "UPDATE deletion_requests SET state = 'executing' WHERE id = %s", (request_id,)
        )
        assert "never change" in _refused(bob, "UPDATE deletion_requests SET account_id = 3 WHERE id = %s", (request_id,))
    with secured.connect("carol") as carol:
        assert "must name you" in _refused(
            carol, "UPDATE deletion_requests SET state = 'approved', decided_by = %s WHERE id = %s", (secured.login("erin"), request_id)
        )
        carol.execute(
            "UPDATE deletion_requests SET state = 'approved', decided_by = %s, decided_at = now() WHERE id = %s",
            (secured.login("carol"), request_id),
        )
        carol.commit()
    assert _owner_scalar(secured, "SELECT state FROM deletion_requests WHERE id = %s", (request_id,)) == "approved"


def test_an_approver_cannot_approve_a_request_they_filed(secured: SecuredDatabase) -> None:
    with secured.connect("bob") as bob:
        bobs = _file_request(bob, secured.login("bob"), account=4)
    with secured.connect("carol") as carol:
        request_id = _file_request(carol, secured.login("carol"), account=3)
        assert "four eyes" in _refused(
            carol, "UPDATE deletion_requests SET state = 'approved', decided_by = %s WHERE id = %s", (secured.login("carol"), request_id)
        )
        # nor make someone else's request hers, nor clear its filer
        assert "cannot be rewritten" in _refused(
            carol, "UPDATE deletion_requests SET requested_by = %s WHERE id = %s", (secured.login("carol"), bobs)
        )
        assert "cannot be rewritten" in _refused(carol, "UPDATE deletion_requests SET requested_by = NULL WHERE id = %s", (request_id,))


def test_a_request_cannot_be_inserted_already_approved(secured: SecuredDatabase) -> None:
    with secured.connect("bob") as bob:
        assert "filed as received" in _refused(
            bob,
            "INSERT INTO deletion_requests (account_id, scope, source, ticket_ref, state, requested_by, requested_at, due_at, "
            "decided_by) VALUES (2, 'account', 's', 'SUP-1', 'approved', %s, now(), now(), NULL)",
            (secured.login("bob"),),
        )


def _law_request(conn: psycopg.Connection, login: str, process: str) -> int:
    request_id = conn.execute(
        "INSERT INTO law_enforcement_requests (received_at, agency, reference, account_id, data_requested, legal_process, decision, "
        "recorded_by, court_order_verified) VALUES (now() AT TIME ZONE 'UTC', 'Agency', 'REF-1', 4, '', %s, 'pending', %s, false) "
        "RETURNING id",
        (process, login),
    ).fetchone()[0]
    conn.execute("INSERT INTO law_request_accounts (request_id, account_id) VALUES (%s, 4)", (request_id,))
    conn.commit()
    return int(request_id)


def test_an_approver_cannot_approve_their_own_compliance_proposal(secured: SecuredDatabase) -> None:
    erin_login = secured.login("erin")
    with secured.connect("erin") as erin:
        request_id = _law_request(erin, erin_login, "court_order")
        erin.execute(
            "UPDATE law_enforcement_requests SET court_order_ref = 'Case 1', court_order_checked_by = %s, "
            "court_order_checked_at = now() WHERE id = %s",
            (erin_login, request_id),
        )
        erin.execute(
            "UPDATE law_enforcement_requests SET decision = 'proposed', compliance_scope = 'full', proposed_by = %s, "
            "proposed_at = now() WHERE id = %s",
            (erin_login, request_id),
        )
        erin.commit()
        assert "four eyes" in _refused(
            erin,
            "UPDATE law_enforcement_requests SET decision = 'complied', decided_by = %s, decided_at = now() WHERE id = %s",
            (erin_login, request_id),
        )
        assert "does not change" in _refused(erin, "UPDATE law_enforcement_requests SET proposed_by = NULL WHERE id = %s", (request_id,))
        # nor read the account's data for it
        assert "other than its proposer" in _refused(erin, "SELECT minisip_open_for_compliance(%s, 4)", (request_id,))
    with secured.connect("bob") as bob:  # an operator, not an approver
        assert "approver role" in _refused(
            bob,
            "UPDATE law_enforcement_requests SET decision = 'complied', decided_by = %s WHERE id = %s",
            (secured.login("bob"), request_id),
        )
    with secured.connect("carol") as carol:
        carol.execute(
            "UPDATE law_enforcement_requests SET decision = 'complied', decided_by = %s, decided_at = now() WHERE id = %s",
            (secured.login("carol"), request_id),
        )
        carol.commit()


def test_no_compliance_without_a_checked_court_order(secured: SecuredDatabase) -> None:
    with secured.connect("bob") as bob:
        request_id = _law_request(bob, secured.login("bob"), "subpoena")
        assert "court order" in _refused(
            bob,
            "UPDATE law_enforcement_requests SET decision = 'proposed', compliance_scope = 'full', proposed_by = %s WHERE id = %s",
            (secured.login("bob"), request_id),
        )


# --------------------------------------------------------------------------- the audit log


@pytest.mark.parametrize("who", ["alice", "bob", "carol", "dave", "owner"])
def test_no_login_can_alter_an_audit_event(secured: SecuredDatabase, who: str) -> None:
    with secured.connect(who) as conn:
        for sql in (
            "UPDATE audit_events SET details = '{\"forged\":true}' WHERE seq = 1",
            "DELETE FROM audit_events WHERE seq = 1",
            "TRUNCATE audit_events",
        ):
            message = _refused(conn, sql)
            assert "append-only" in message or "permission denied" in message
    assert _owner_scalar(secured, "SELECT count(*) FROM audit_events WHERE seq = 1") == 1


def test_the_owner_cannot_truncate_the_log_without_re_creating_a_demo(secured: SecuredDatabase) -> None:
    with secured.connect("owner") as owner:
        assert "append-only" in _refused(owner, "TRUNCATE audit_events")


# --------------------------------------------------------------------------- personal fields


@pytest.mark.parametrize("who", ["bob", "carol", "dave", "alice"])
@pytest.mark.parametrize(
    "sql",
    [
        "SELECT email FROM accounts WHERE id = 1",
        "SELECT * FROM accounts",
        "SELECT id FROM accounts WHERE email LIKE 'jane%'",
        "SELECT src, dst FROM cdrs",
        "SELECT body FROM support_messages",
        "SELECT storage_path FROM uploaded_files",
    ],
)
def test_no_personal_field_without_a_grant(secured: SecuredDatabase, who: str, sql: str) -> None:
    with secured.connect(who) as conn:
        assert "permission denied" in _refused(conn, sql)


def test_the_masked_view_shows_no_unmasked_email(secured: SecuredDatabase) -> None:
    with secured.connect("dave") as dave:
        rows = dave.execute("SELECT id, name, email, company FROM minisip_accounts_masked ORDER BY id").fetchall()
        cdr = dave.execute("SELECT src, clid FROM minisip_cdrs_masked LIMIT 1").fetchone()
        opened = dave.execute("SELECT count(*) FROM minisip_p_accounts").fetchone()[0]
    assert rows[0] == (1, "J*** D***", "j***@example.com", "A*** T***")
    assert all("@" not in r[2] or r[2].split("@")[0].endswith("***") for r in rows)
    assert cdr == ("•••••56", '"J*** D***" <•••••56>')
    assert opened == 0


def test_reading_an_account_needs_a_grant_of_ones_own_and_is_audited(secured: SecuredDatabase) -> None:
    bob_login = secured.login("bob")
    with secured.connect("bob") as bob:
        assert "no active access grant" in _refused(bob, "SELECT minisip_open_account(1, 'account.view', '{}')")
        # a grant is obtained for oneself only, and only with its audit event
        carol_id = bob.execute("SELECT id FROM operators WHERE login = %s", (secured.login("carol"),)).fetchone()[0]
        assert "its holder" in _refused(
            bob,
            "INSERT INTO access_grants (operator_id, account_id, purpose, ticket_ref, granted_at, expires_at) "
            "VALUES (%s, 1, 'support', 'SUP-1', now(), now() + interval '10 minutes')",
            (carol_id,),
        )
        bob_id = bob.execute("SELECT id FROM operators WHERE login = %s", (bob_login,)).fetchone()[0]
        bob.execute(
            "INSERT INTO access_grants (operator_id, account_id, purpose, ticket_ref, granted_at, expires_at) "
            "VALUES (%s, 1, 'support', 'SUP-1', now(), now() + interval '10 minutes')",
            (bob_id,),
        )
        with pytest.raises(errors.InsufficientPrivilege, match="no access.grant event"):
            bob.commit()
        grant_id = bob.execute(
            "INSERT INTO access_grants (operator_id, account_id, purpose, ticket_ref, granted_at, expires_at) "
            "VALUES (%s, 1, 'support', 'SUP-1', now(), (now() AT TIME ZONE 'UTC') + interval '10 minutes') RETURNING id",
            (bob_id,),
        ).fetchone()[0]
        bob.execute(
            "INSERT INTO audit_events (action, target_type, target_id, details) VALUES ('access.grant', 'account', '1', %s)",
            (json.dumps({"grant_id": grant_id}),),
        )
        bob.commit()
        assert "only be ended" in _refused(
            bob, "UPDATE access_grants SET expires_at = expires_at + interval '1 day' WHERE id = %s", (grant_id,)
        )
        # with the grant: the account's rows, in this transaction only, and the read is in the log
        seq = bob.execute("SELECT minisip_open_account(1, 'account.view', %s)", (json.dumps({"grant_id": grant_id}),)).fetchone()[0]
        email = bob.execute("SELECT email FROM minisip_p_accounts").fetchall()
        cdrs = bob.execute("SELECT count(*) FROM minisip_p_cdrs WHERE src = '+442079460056'").fetchone()[0]
        bob.commit()
        assert email == [("jane1@example.com",)] and cdrs > 0
        assert bob.execute("SELECT count(*) FROM minisip_p_accounts").fetchone()[0] == 0  # a new transaction: closed again
        bob.rollback()
    event = _owner_scalar(secured, "SELECT operator_login || ' ' || action || ' ' || target_id FROM audit_events WHERE seq = %s", (seq,))
    assert event == f"{bob_login} account.view 1"
    # another operator's grant opens nothing for carol
    with secured.connect("carol") as carol:
        assert "no active access grant" in _refused(carol, "SELECT minisip_open_account(1, 'account.view', '{}')")
        assert carol.execute("SELECT count(*) FROM minisip_p_accounts").fetchone()[0] == 0


def test_a_search_on_personal_values_is_audited_without_its_text(secured: SecuredDatabase) -> None:
    with secured.connect("dave") as dave:
        matched = dave.execute("SELECT minisip_search_count('jane3@example', NULL)").fetchone()[0]
        page = dave.execute("SELECT id, email FROM minisip_search_page('jane3@example', NULL, 'id', false, 0, 10)").fetchall()
        dave.commit()
    assert matched == 1 and page == [(3, "j***@example.com")]
    details = _owner_scalar(
        secured,
        "SELECT string_agg(details, ' ') FROM (SELECT details FROM audit_events WHERE action = "
        "'account.search' AND operator_login = %s ORDER BY seq DESC LIMIT 2) e",
        (secured.login("dave"),),
    )
    assert '"matched":1' in str(details) and '"returned":1' in str(details)
    assert "jane3" not in str(details)


def test_a_campaigns_recipients_need_a_running_campaign_opened_by_this_session(secured: SecuredDatabase) -> None:
    with secured.connect("bob") as bob:
        assert "open the campaign" in _refused(bob, "SELECT * FROM minisip_recipients(1, ARRAY[1])")
        assert "no campaign is running" in _refused(bob, "SELECT minisip_open_campaign(1)")


# --------------------------------------------------------------------------- admin only


@pytest.mark.parametrize("who", ["bob", "carol", "dave"])
def test_only_an_admin_changes_a_retention_policy_an_operator_or_a_role(secured: SecuredDatabase, who: str) -> None:
    with secured.connect(who) as conn:
        assert "permission denied" in _refused(
            conn,
            "INSERT INTO retention_policies (category, days, target_table, timestamp_column, updated_at, updated_by) "
            "VALUES ('cdr', 3650, 'cdrs', 'start', now(), %s)",
            (secured.login(who),),
        )
        assert "permission denied" in _refused(conn, "UPDATE operators SET role = 'admin' WHERE login = %s", (secured.login(who),))
        assert "permission denied" in _refused(
            conn, "INSERT INTO operators (login, display_name, role, active, created_at) VALUES ('mallory', 'M', 'admin', true, now())"
        )
        assert "admin role" in _refused(conn, "SELECT minisip_operator_set_role(%s, 'admin')", (secured.login(who),))
        assert "admin role" in _refused(conn, "SELECT minisip_operator_disable(%s)", (secured.login("alice"),))
        assert "admin role" in _refused(conn, "SELECT minisip_operator_add('mallory', 'admin', 'M', NULL)")
        assert "admin option" in _refused(conn, f"GRANT minisip_admin TO {secured.login(who)}")


def test_an_admin_changes_a_retention_policy(secured: SecuredDatabase) -> None:
    with secured.connect("alice") as alice:
        alice.execute(
            "INSERT INTO retention_policies (category, days, target_table, timestamp_column, partition_mode, updated_at, "
            "updated_by) VALUES ('survey', 365, 'survey_responses', 'submitted_at', 'drop', now(), %s)",
            (secured.login("alice"),),
        )
        alice.commit()
        assert "must name you" in _refused(
            alice, "UPDATE retention_policies SET days = 400, updated_by = %s WHERE category = 'survey'", (secured.login("bob"),)
        )


_TARGET_INSERT = (
    "INSERT INTO retention_targets (name, category, url, table_name, timestamp_column, account_format, created_at, created_by) "
    "VALUES (%s, 'cdr', 'mysql+pymysql://asterisk@pbx/asteriskcdrdb', 'cdr', 'calldate', '{id}', now(), %s)"
)


@pytest.mark.parametrize("who", ["bob", "carol", "dave"])
def test_every_role_reads_the_retention_targets_and_only_an_admin_writes_them(secured: SecuredDatabase, who: str) -> None:
    with secured.connect(who) as conn:
        conn.execute("SELECT name, url FROM retention_targets").fetchall()
        conn.execute("SELECT target_name FROM purge_runs").fetchall()
        assert "permission denied" in _refused(conn, _TARGET_INSERT, (f"pbx-{who}", secured.login(who)))
        assert "permission denied" in _refused(conn, "DELETE FROM retention_targets")


def test_an_admin_adds_and_removes_a_retention_target_in_her_own_name(secured: SecuredDatabase) -> None:
    with secured.connect("alice") as alice:
        assert "must name you" in _refused(alice, _TARGET_INSERT, ("pbx-as-bob", secured.login("bob")))
        alice.execute(_TARGET_INSERT, ("pbx-alice", secured.login("alice")))
        alice.commit()
        assert "cannot be rewritten" in _refused(alice, "UPDATE retention_targets SET created_by = '' WHERE name = 'pbx-alice'")
        alice.execute("DELETE FROM retention_targets WHERE name = 'pbx-alice'")
        alice.commit()


def test_roles_follow_the_operators_table(secured: SecuredDatabase) -> None:
    with secured.connect("owner") as owner:
        groups = dict(
            owner.execute(
                "SELECT r.rolname, string_agg(g.rolname, ',') FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
                "JOIN pg_roles r ON r.oid = m.member WHERE r.rolname LIKE %s GROUP BY r.rolname",
                (f"%_{secured.suffix}",),
            ).fetchall()
        )
    assert groups[secured.login("bob")] == "minisip_operator"
    assert groups[secured.login("dave")] == "minisip_viewer"
    assert groups[secured.login("alice")] == "minisip_admin"
    assert secured.owner not in groups  # the schema owner is not an operator's login


@pytest.mark.parametrize(
    "sql",
    [
        "INSERT INTO minisip_private.open_reads (xid, pid, scope, account_id) VALUES (pg_current_xact_id(), pg_backend_pid(), 'account', 1)",
        "SELECT minisip_private.register('account', 1, NULL, false)",
        "SELECT * FROM minisip_private.open_reads",
        "SELECT minisip_append('someone', 'forged', '', '', '{}')",
    ],
)
def test_no_operator_can_open_an_account_behind_the_functions_back(secured: SecuredDatabase, sql: str) -> None:
    with secured.connect("alice") as alice:  # even an admin
        assert "permission denied" in _refused(alice, sql)
        assert alice.execute("SELECT count(*) FROM minisip_p_accounts").fetchone()[0] == 0


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT minisip_sync_login(current_user)",
        "SELECT minisip_admin_or_bootstrap(current_user, 'admin', 'x')",
        "SELECT minisip_require(current_user, 'viewer', 'x')",
    ],
)
def test_the_layers_inner_functions_are_not_callable(secured: SecuredDatabase, sql: str) -> None:
    with secured.connect("bob") as bob:
        assert "permission denied for function" in _refused(bob, sql)
