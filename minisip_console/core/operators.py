"""Who is at the console, and how far the database itself vouches for it.

Three trust modes, decided by the database, never by the client's say-so:

- **database** (PostgreSQL): the operator is the database session's own login
  (``session_user``), looked up in ``operators``. Each person connects with their own login;
  the database enforces four eyes, purpose-bound reads and the append-only audit log
  (``core.pg_security``), so a modified client or ``psql`` cannot act as someone else.
- **single_user** (an SQLite file other than the demo): the operator is the OS login, with no
  override. The file is the trust boundary: whoever can write it can write anything in it, so
  separation of duties is not enforced there, and the console says so.
- **demo** (an SQLite database made by ``demo create``, marked in ``console_settings``): the
  presenter may switch operators (``MINISIP_CONSOLE_OPERATOR``, ``--operator``); nothing in it
  is evidence.

A login that is not a registered, active operator opens nothing (``NotAnOperator``).
"""

from __future__ import annotations

import enum
import getpass
import os
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from minisip_console.core.models import ConsoleSetting, Operator, Role
from minisip_console.core.plumbing.errors import InvalidInput, PermissionDenied
from minisip_console.core.text import say

if TYPE_CHECKING:
    import psycopg

#: names the operator on the embedded demo database only (a presenter switching roles)
OPERATOR_ENV = "MINISIP_CONSOLE_OPERATOR"
#: the ``console_settings`` key that marks the demo database
DEMO_KEY = "demo"
#: a login as PostgreSQL accepts it unquoted: lower-case letters, digits, _ and $, at most 63
#: characters, not starting with a digit or $ (the console refuses anything that would need quotes)
LOGIN_RE = re.compile(r"^[a-z_][a-z0-9_$]{0,62}$")


class TrustMode(enum.StrEnum):
    DATABASE = "database"
    SINGLE_USER = "single_user"
    DEMO = "demo"

    @property
    def enforced(self) -> bool:
        """True when the database, not the client, enforces separation of duties."""
        return self is TrustMode.DATABASE

    @property
    def statement(self) -> str:
        """One sentence for the status bar, ``db status`` and the compliance checks."""
        return _STATEMENTS[self]


_STATEMENTS = {
    TrustMode.DATABASE: say("Separation of duties is enforced by the database: you act as your own database login."),
    TrustMode.SINGLE_USER: say(
        "Single-user file: the file is the trust boundary and separation of duties is not enforced "
        "(anyone who can write the file can act as anyone)."
    ),
    TrustMode.DEMO: say("Demo database: operators can be switched and nothing here is evidence; separation of duties is not enforced."),
}


def role_word(role: Role | str) -> str:
    """A role's name in a sentence ("approver"), translatable where it is shown."""
    words = {
        Role.VIEWER.value: say("viewer"),
        Role.OPERATOR.value: say("operator"),
        Role.APPROVER.value: say("approver"),
        Role.ADMIN.value: say("admin"),
    }
    value = Role(role).value
    return words.get(value) or value


def os_login() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (a container, a service account)
        return "unknown"


def current_login() -> str:
    """The demo's operator: ``MINISIP_CONSOLE_OPERATOR`` when set, else the OS login.

    Only ever used where the demo is the database (``session_login`` checks that)."""
    explicit = os.environ.get(OPERATOR_ENV, "").strip()
    return explicit or os_login()


def is_demo(session: Session) -> bool:
    """The database is the embedded demo: an SQLite database that ``demo create`` marked."""
    if session.get_bind().dialect.name != "sqlite":
        return False
    return session.scalar(select(ConsoleSetting.value).where(ConsoleSetting.key == DEMO_KEY)) == "true"


def mark_demo(session: Session) -> None:
    """Mark this database as the demo (``demo create`` does, in its own transaction)."""
    row = session.get(ConsoleSetting, DEMO_KEY)
    if row is None:
        session.add(ConsoleSetting(key=DEMO_KEY, value="true"))
    else:
        row.value = "true"


def trust_mode(session: Session) -> TrustMode:
    if session.get_bind().dialect.name == "postgresql":
        return TrustMode.DATABASE
    return TrustMode.DEMO if is_demo(session) else TrustMode.SINGLE_USER


def session_login(session: Session, mode: TrustMode | None = None) -> str:
    """The login this session acts as: PostgreSQL's ``session_user``, the OS login, or on the
    demo ``MINISIP_CONSOLE_OPERATOR``."""
    mode = mode or trust_mode(session)
    if mode is TrustMode.DATABASE:
        return str(session.scalar(text("SELECT session_user")))
    return current_login() if mode is TrustMode.DEMO else os_login()


@dataclass(frozen=True)
class OperatorInfo:
    login: str
    display_name: str
    role: Role
    registered: bool

    @property
    def label(self) -> str:
        if self.registered:
            return say("{name} ({role})", name=self.display_name, role=role_word(self.role))
        return say("{login} (not registered: read-only)", login=self.login)


def identify(session: Session, login: str | None = None) -> OperatorInfo:
    """The operator record for ``login`` (default: ``session_login``); an unknown or inactive
    login is an unregistered viewer, which ``require_registered`` refuses."""
    login = login or session_login(session)
    row = session.scalar(select(Operator).where(Operator.login == login))
    if row is None or not row.active:
        return OperatorInfo(login=login, display_name=login, role=Role.VIEWER, registered=False)
    return OperatorInfo(login=row.login, display_name=row.display_name, role=Role(row.role), registered=True)


class NotAnOperator(PermissionDenied):
    """The login is not a registered, active operator of this database: it may open nothing."""


def require_registered(session: Session, operator: OperatorInfo, mode: TrustMode, where: str, selector: str) -> None:
    """Raise ``NotAnOperator`` (with what to do) unless ``operator`` is registered and active."""
    if operator.registered:
        return
    admins = session.scalar(select(func.count()).select_from(Operator).where(Operator.role == Role.ADMIN.value, Operator.active.is_(True)))
    known = session.scalar(select(Operator.active).where(Operator.login == operator.login))
    who = {
        TrustMode.DATABASE: say("The database login {login!r}", login=operator.login),
        TrustMode.SINGLE_USER: say("Your OS login {login!r}", login=operator.login),
        TrustMode.DEMO: repr(operator.login),
    }[mode]
    state = say("is a disabled operator") if known is False else say("is not a registered operator")
    if admins:
        hint = say(
            "Ask an admin to run: minisip-console operators add {login} --role ROLE --name NAME {selector}",
            login=operator.login,
            selector=selector,
        )
        if known is False:
            hint = say("Ask an admin to enable it again (operators set-role).")
    elif mode is TrustMode.DATABASE:
        hint = say(
            "This database has no admin yet: its schema owner names the first one with "
            "minisip-console operators add LOGIN --role admin --name NAME (connected as the schema owner)."
        )
    else:
        hint = say(
            "This file has no admin yet: name yourself with minisip-console operators add {login} --role admin --name NAME {selector}",
            login=operator.login,
            selector=selector,
        )
    raise NotAnOperator(say("{who} {state} of {where}: the console opens nothing for it.", who=who, state=state, where=where), hint=hint)


# --------------------------------------------------------------------------- managing operators
#
# Admins add operators, change their role and disable them; while no active admin exists, the
# schema owner (on an SQLite file: whoever may write it) names the first admin. On PostgreSQL
# these go through the database's own functions (``core.pg_security``: ``minisip_operator_*``),
# which check the same rules again, create or link the login role, keep its group membership in
# step and audit the change; on SQLite the same checks run here.


@dataclass(frozen=True)
class OperatorRecord:
    login: str
    display_name: str
    role: Role
    active: bool
    created_at: object  # an aware datetime
    #: PostgreSQL: whether a login role of that name exists and may log in (None on SQLite)
    can_log_in: bool | None = None


#: the longest display name kept
NAME_MAX = 200


def list_operators(session: Session) -> tuple[OperatorRecord, ...]:
    rows = session.scalars(select(Operator).order_by(Operator.active.desc(), Operator.login)).all()
    logins: dict[str, bool] = {}
    if session.get_bind().dialect.name == "postgresql" and rows:
        logins = {
            name: bool(can)
            for name, can in session.execute(
                text("SELECT rolname, rolcanlogin FROM pg_roles WHERE rolname = ANY(:names)"), {"names": [r.login for r in rows]}
            )
        }
    pg = session.get_bind().dialect.name == "postgresql"
    return tuple(
        OperatorRecord(r.login, r.display_name, Role(r.role), r.active, r.created_at, logins.get(r.login, False) if pg else None)
        for r in rows
    )


def validate_login(raw: str | None, *, postgres: bool) -> str:
    login = (raw or "").strip()
    if not login:
        raise InvalidInput(say("A login is required."), hint=say("Give the operator's login, e.g. jsmith."))
    if postgres:
        if not LOGIN_RE.fullmatch(login):
            raise InvalidInput(
                say("{login!r} is not a valid login name for PostgreSQL.", login=login[:70]),
                hint=say("Use 1 to 63 lower-case letters, digits, _ and $, starting with a letter or _ (e.g. jsmith)."),
            )
    elif len(login) > 100 or any(ord(c) < 32 or c == "\x7f" for c in login):
        raise InvalidInput(
            say("{login!r} is not a login name.", login=login[:70]), hint=say("Give the OS login of the operator (at most 100 characters).")
        )
    return login


def parse_role(raw: str | Role | None) -> Role:
    try:
        return Role(str(raw or "").strip().lower())
    except ValueError:
        raise InvalidInput(
            say("Unknown role {value!r}.", value=str(raw or "")[:30]),
            hint=say("Use one of: {value}.", value=", ".join(r.value for r in Role)),
        ) from None


def validate_display_name(raw: str | None) -> str:
    name = " ".join((raw or "").split())
    if not name:
        raise InvalidInput(say("A name is required."), hint=say("Give the operator's full name, as it appears in the audit log's views."))
    if len(name) > NAME_MAX:
        raise InvalidInput(say("The name is {name} characters long; at most {NAME_MAX} are kept.", name=len(name), NAME_MAX=NAME_MAX))
    return name


def why_not_manage(operator: OperatorInfo) -> str | None:
    """``None`` when ``operator`` may add, change and disable operators (an admin); else why not,
    as a sentence to show beside the controls. The changes themselves check again (``_may_manage``,
    and on PostgreSQL the database)."""
    if operator.registered and operator.role is Role.ADMIN:
        return None
    return say("Managing operators needs the admin role; you are {operator}.", operator=operator.label)


def _admins(session: Session) -> int:
    return int(
        session.scalar(select(func.count()).select_from(Operator).where(Operator.role == Role.ADMIN.value, Operator.active.is_(True))) or 0
    )


def _may_manage(session: Session, actor: OperatorInfo, role: Role | None, action: str) -> None:
    """An admin; or, while there is no active admin, the first admin being named."""
    if _admins(session):
        if why_not_manage(actor) is not None:
            raise PermissionDenied(say("{label} cannot {action}: that needs the admin role.", label=actor.label, action=action))
        return
    if role is not Role.ADMIN:
        raise PermissionDenied(
            say("This database has no admin yet: the first operator named must be an admin."),
            hint=say("Run: minisip-console operators add LOGIN --role admin --name NAME"),
        )
    if session.get_bind().dialect.name == "postgresql" and not session.scalar(text("SELECT minisip_is_owner()")):
        raise PermissionDenied(
            say("This database has no admin yet: only its schema owner can name the first one."),
            hint=say("Connect as the schema owner and run: minisip-console operators add LOGIN --role admin --name NAME"),
        )


def _database_call(session: Session, sql: str, params: dict[str, object]) -> object:
    """Call one of the database's ``minisip_operator_*`` functions; its refusals become known errors."""
    from sqlalchemy.exc import DBAPIError

    from minisip_console.core.pg_security import database_message

    try:
        with session.begin_nested():
            return session.scalar(text(sql), params)
    except DBAPIError as exc:
        state = getattr(exc.orig, "sqlstate", None)
        said = database_message(exc)
        if state == "42501":
            raise PermissionDenied(say("The database refused: {said}.", said=said)) from None
        if state in ("22023", "23505", "42710"):
            raise InvalidInput(say("The database refused: {said}.", said=said)) from None
        raise


def _scram(session: Session, login: str, password: str) -> str:
    """The SCRAM-SHA-256 verifier of ``password``, computed by libpq on this side: the password
    itself never reaches the server, its log or its statistics."""
    # PostgreSQL only, so psycopg's connection (SQLAlchemy types it as the generic, optional DB-API one)
    raw = cast("psycopg.Connection[Any]", session.connection().connection.dbapi_connection)
    return bytes(raw.pgconn.encrypt_password(password.encode(), login.encode(), b"scram-sha-256")).decode()


def add_operator(
    session: Session, actor: OperatorInfo, login: str, role: str | Role, display_name: str, *, password: str | None = None
) -> str:
    """Register an operator in the caller's transaction; returns "created" (a new PostgreSQL
    login role), "linked" (an existing one) or "added" (SQLite). ``password`` only on PostgreSQL,
    for a login role it creates."""
    postgres = session.get_bind().dialect.name == "postgresql"
    login = validate_login(login, postgres=postgres)
    role_ = parse_role(role)
    name = validate_display_name(display_name)
    if password is not None and not postgres:
        raise InvalidInput(
            say("A password is only set for a PostgreSQL login."), hint=say("On an SQLite file the operator is the OS login.")
        )
    if password is not None and not password:
        raise InvalidInput(say("The password is empty."))
    _may_manage(session, actor, role_, "add an operator")
    existing = session.scalar(select(Operator).where(Operator.login == login))
    if existing is not None:
        state = "an operator" if existing.active else "a disabled operator"
        raise InvalidInput(
            say("{login} is already {state} ({role}).", login=login, state=state, role=existing.role),
            hint=say("Change their role with: minisip-console operators set-role LOGIN ROLE"),
        )
    if postgres:
        verifier = _scram(session, login, password) if password else None
        return str(
            _database_call(
                session,
                "SELECT minisip_operator_add(:login, :role, :name, :verifier, :claimed)",
                {"login": login, "role": role_.value, "name": name, "verifier": verifier, "claimed": actor.login},
            )
        )
    from minisip_console.core import audit

    row = Operator(login=login, display_name=name, role=role_.value, active=True)
    session.add(row)
    session.flush()
    audit.append(
        session,
        operator=actor.login,
        action="operator.add",
        target_type="operator",
        target_id=row.id,
        details={"login": login, "role": role_.value, "created_login": False},
    )
    return "added"


def set_role(session: Session, actor: OperatorInfo, login: str, role: str | Role) -> None:
    """Change an operator's role (and enable a disabled one); never leaves the database without an admin."""
    postgres = session.get_bind().dialect.name == "postgresql"
    login = validate_login(login, postgres=postgres)
    role_ = parse_role(role)
    _may_manage(session, actor, Role.ADMIN if _admins(session) else None, "change an operator's role")
    row = session.scalar(select(Operator).where(Operator.login == login))
    if row is None:
        raise InvalidInput(say("{login} is not an operator.", login=login), hint=say("Add them with: minisip-console operators add"))
    if row.role == role_.value and row.active:
        raise InvalidInput(say("{login} already has the {value} role.", login=login, value=role_.value))
    if row.role == Role.ADMIN.value and row.active and role_ is not Role.ADMIN and _admins(session) <= 1:
        raise PermissionDenied(
            say("{login} is the last admin: the database would be left without one.", login=login),
            hint=say("Make another operator an admin first."),
        )
    if postgres:
        _database_call(
            session,
            "SELECT minisip_operator_set_role(:login, :role, :claimed)",
            {"login": login, "role": role_.value, "claimed": actor.login},
        )
        return
    from minisip_console.core import audit

    before, was_active = row.role, row.active
    row.role, row.active = role_.value, True
    audit.append(
        session,
        operator=actor.login,
        action="operator.set_role",
        target_type="operator",
        target_id=row.id,
        details={"login": login, "role": role_.value, "previously": before, "was_active": was_active},
    )


def disable(session: Session, actor: OperatorInfo, login: str) -> None:
    """Disable an operator (on PostgreSQL their login can no longer log in); never oneself, never the last admin."""
    postgres = session.get_bind().dialect.name == "postgresql"
    login = validate_login(login, postgres=postgres)
    _may_manage(session, actor, Role.ADMIN if _admins(session) else None, "disable an operator")
    row = session.scalar(select(Operator).where(Operator.login == login))
    if row is None:
        raise InvalidInput(say("{login} is not an operator.", login=login))
    if login == actor.login:
        raise PermissionDenied(say("You cannot disable yourself."), hint=say("Another admin can."))
    if not row.active:
        raise InvalidInput(say("{login} is already disabled.", login=login))
    if row.role == Role.ADMIN.value and _admins(session) <= 1:
        raise PermissionDenied(say("{login} is the last admin: the database would be left without one.", login=login))
    if postgres:
        _database_call(session, "SELECT minisip_operator_disable(:login, :claimed)", {"login": login, "claimed": actor.login})
        return
    from minisip_console.core import audit

    row.active = False
    audit.append(
        session,
        operator=actor.login,
        action="operator.disable",
        target_type="operator",
        target_id=row.id,
        details={"login": login, "role": row.role},
    )


def bootstrap_actor(session: Session) -> OperatorInfo:
    """Who names the first admin: the session's own login, not (yet) an operator."""
    mode = trust_mode(session)
    return identify(session, session_login(session, mode))
