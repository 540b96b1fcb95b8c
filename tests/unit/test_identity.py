"""Who the operator is, and who vouches for it: the demo (switchable), a single-user SQLite file
(the OS login, no override) and, for PostgreSQL, the database's own login (see
tests/integration/test_db_trust.py for what the database then refuses).

Real SQLite databases; the demo is made by ``demo create`` itself.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from minisip_console.core import audit, demo, operators
from minisip_console.core.models import AuditEvent, Operator, Role
from minisip_console.core.operators import OPERATOR_ENV, NotAnOperator, TrustMode
from minisip_console.core.plumbing import db
from minisip_console.core.plumbing.connection import open_database, resolve
from minisip_console.core.plumbing.errors import InvalidInput, PermissionDenied


def _file(path: Path, *staff: tuple[str, str]) -> str:
    url = f"sqlite:///{path}"
    engine = db.make_engine(url)
    try:
        db.upgrade(engine)
        with db.session_factory(engine).begin() as session:
            for login, role in staff:
                session.add(Operator(login=login, display_name=login.title(), role=role))
    finally:
        engine.dispose()
    return url


@pytest.fixture
def demo_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    demo.create_demo(url, accounts=4, cdrs=20)
    return url


def test_on_the_demo_the_operator_can_be_switched(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(OPERATOR_ENV, "carol")
    database = open_database(resolve(database=demo_url))
    try:
        assert (database.operator.login, database.operator.role, database.trust) == ("carol", Role.APPROVER, TrustMode.DEMO)
        assert not database.trust.enforced
    finally:
        database.close()
    database = open_database(resolve(database=demo_url), as_login="bob")
    try:
        assert database.operator.login == "bob"
    finally:
        database.close()


def test_a_file_made_elsewhere_ignores_the_override_and_takes_the_os_login(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = _file(tmp_path / "office.db", (operators.os_login(), "operator"), ("alice", "admin"))
    monkeypatch.setenv(OPERATOR_ENV, "alice")  # would be the admin: ignored here
    database = open_database(resolve(database=url))
    try:
        assert database.operator.login == operators.os_login()
        assert database.operator.role is Role.OPERATOR
        assert database.trust is TrustMode.SINGLE_USER
        assert "trust boundary" in database.trust.statement and "not enforced" in database.trust.statement
    finally:
        database.close()
    with pytest.raises(InvalidInput, match="only on the demo"):
        open_database(resolve(database=url), as_login="alice")


def test_a_login_that_is_not_an_operator_opens_nothing(tmp_path: Path) -> None:
    url = _file(tmp_path / "office.db", ("alice", "admin"))
    with pytest.raises(NotAnOperator, match="not a registered operator") as caught:
        open_database(resolve(database=url))
    assert "operators add" in (caught.value.hint or "")
    # a disabled operator neither
    engine = db.make_engine(url)
    with db.session_factory(engine).begin() as session:
        session.add(Operator(login=operators.os_login(), display_name="Me", role="admin", active=False))
    engine.dispose()
    with pytest.raises(NotAnOperator, match="is a disabled operator"):
        open_database(resolve(database=url))


def test_a_new_file_names_its_first_admin_and_only_that(tmp_path: Path) -> None:
    url = _file(tmp_path / "new.db")
    me = operators.os_login()
    with pytest.raises(NotAnOperator, match="no admin yet"):
        open_database(resolve(database=url))
    database = open_database(resolve(database=url), require_operator=False)
    try:
        with database.sessions.begin() as session:
            actor = operators.bootstrap_actor(session)
            with pytest.raises(PermissionDenied, match="must be an admin"):
                operators.add_operator(session, actor, me, "operator", "Me")
        with database.sessions.begin() as session:
            assert operators.add_operator(session, actor, me, "admin", "Me Myself") == "added"
        with database.sessions.begin() as session:
            with pytest.raises(PermissionDenied, match="admin role"):  # the first admin exists: bootstrap is over
                operators.add_operator(session, operators.identify(session, "nobody"), "eve", "admin", "Eve")
            events = session.scalars(select(AuditEvent.action).order_by(AuditEvent.seq)).all()
            assert events == ["operator.add"] and audit.verify(session).ok
    finally:
        database.close()
    reopened = open_database(resolve(database=url))
    try:
        assert reopened.operator.role is Role.ADMIN
    finally:
        reopened.close()


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda s, a: operators.add_operator(s, a, "alice", "viewer", "Again"), "already an operator"),
        (lambda s, a: operators.add_operator(s, a, "dora", "overlord", "Dora"), "Unknown role"),
        (lambda s, a: operators.add_operator(s, a, "dora", "viewer", "  "), "name is required"),
        (lambda s, a: operators.add_operator(s, a, "do\x00ra", "viewer", "Dora"), "not a login name"),
        (lambda s, a: operators.add_operator(s, a, "dora", "viewer", "Dora", password="pw"), "only set for a PostgreSQL login"),
        (lambda s, a: operators.set_role(s, a, "bob", "operator"), "already has the operator role"),
        (lambda s, a: operators.set_role(s, a, "nobody", "viewer"), "not an operator"),
        (lambda s, a: operators.disable(s, a, "alice"), "cannot disable yourself"),
    ],
)
def test_bad_input_to_operator_changes(tmp_path: Path, call, message: str) -> None:  # type: ignore[no-untyped-def]
    url = _file(tmp_path / "office.db", ("alice", "admin"), ("bob", "operator"))
    engine = db.make_engine(url)
    try:
        with db.session_factory(engine)() as session:
            alice = operators.identify(session, "alice")
            with pytest.raises((InvalidInput, PermissionDenied), match=message):
                call(session, alice)
    finally:
        engine.dispose()


def test_the_last_admin_stays_and_roles_change_with_audit(tmp_path: Path) -> None:
    url = _file(tmp_path / "office.db", ("alice", "admin"), ("bob", "operator"))
    engine = db.make_engine(url)
    sessions = db.session_factory(engine)
    try:
        with sessions.begin() as session:
            alice = operators.identify(session, "alice")
            with pytest.raises(PermissionDenied, match="last admin"):
                operators.set_role(session, alice, "alice", "approver")
            bob = operators.identify(session, "bob")
            with pytest.raises(PermissionDenied, match="admin role"):
                operators.set_role(session, bob, "bob", "admin")
            operators.set_role(session, alice, "bob", "approver")
            operators.disable(session, alice, "bob")
        with sessions() as session:
            rows = {r.login: r for r in operators.list_operators(session)}
            assert (rows["bob"].role, rows["bob"].active) == (Role.APPROVER, False)
            assert session.scalars(select(AuditEvent.action).order_by(AuditEvent.seq)).all() == ["operator.set_role", "operator.disable"]
        with sessions.begin() as session:
            operators.set_role(session, operators.identify(session, "alice"), "bob", "operator")  # enabled again
        with sessions() as session:
            assert operators.identify(session, "bob").registered
    finally:
        engine.dispose()


# --------------------------------------------------------------------------- the one ranking of roles


def test_has_role_is_the_ranking_require_role_enforces() -> None:
    """``purposes.has_role`` greys the window's buttons; ``require_role`` refuses in the core: the
    same answer for every pair of roles, and nothing for a login that is not registered."""
    from minisip_console.core.operators import OperatorInfo
    from minisip_console.core.purposes import has_role, require_role

    roles = [Role.VIEWER, Role.OPERATOR, Role.APPROVER, Role.ADMIN]
    for held in roles:
        who = OperatorInfo(login="x", display_name="X", role=held, registered=True)
        for needed in roles:
            allowed = has_role(who, needed)
            assert allowed == (roles.index(held) >= roles.index(needed)) == has_role(who, needed.value)
            if allowed:
                require_role(who, needed, "act")
            else:
                with pytest.raises(PermissionDenied):
                    require_role(who, needed, "act")
    stranger = OperatorInfo(login="y", display_name="y", role=Role.ADMIN, registered=False)
    assert not has_role(stranger, Role.VIEWER)
