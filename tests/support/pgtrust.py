"""A PostgreSQL database set up as production would be: a schema owner that is not a superuser
(with CREATEROLE), the console's roles and privileges installed by ``db upgrade``, and each
operator with a login of their own, added through the console (``core.operators``).

Login roles are cluster-wide and the tests share one cluster, so every login here carries the
database's own suffix (``bob_3fa2c1``); ``db.login("bob")`` gives it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

import psycopg
from sqlalchemy import insert

from tests.support.pgserver import PostgresServer

#: the demo's four, plus a second approver
STAFF = (
    ("alice", "Alice Admin", "admin"),
    ("bob", "Bob Operator", "operator"),
    ("carol", "Carol Approver", "approver"),
    ("dave", "Dave Viewer", "viewer"),
    ("erin", "Erin Approver", "approver"),
)


@dataclass
class SecuredDatabase:
    server: PostgresServer
    name: str
    suffix: str
    passwords: dict[str, str] = field(default_factory=dict)

    @property
    def owner(self) -> str:
        return f"owner_{self.suffix}"

    def login(self, who: str) -> str:
        return who if who.endswith(self.suffix) else f"{who}_{self.suffix}"

    def url(self, who: str, *, driver: bool = True) -> str:
        login = self.owner if who == "owner" else self.login(who)
        scheme = "postgresql+psycopg" if driver else "postgresql"
        return f"{scheme}://{login}:{self.passwords[login]}@127.0.0.1:{self.server.port}/{self.name}"

    def connect(self, who: str, **kwargs: object) -> psycopg.Connection:
        """A plain psycopg connection as ``who``: what an operator with psql has."""
        return psycopg.connect(self.url(who, driver=False), **kwargs)  # type: ignore[arg-type]


def create_secured_database(
    server: PostgresServer, *, accounts: int = 6, staff: tuple[tuple[str, str, str], ...] = STAFF
) -> SecuredDatabase:
    from minisip_console.core import operators
    from minisip_console.core.models import Account, Cdr, SupportMessage, UploadedFile
    from minisip_console.core.plumbing import db

    suffix = uuid.uuid4().hex[:6]
    database = SecuredDatabase(server, f"t_sec_{suffix}", suffix)
    owner_pw = "own-" + uuid.uuid4().hex[:10]
    database.passwords[database.owner] = owner_pw
    with psycopg.connect(server.url().replace("+psycopg", ""), autocommit=True) as conn:
        conn.execute(f"CREATE ROLE {database.owner} LOGIN CREATEROLE PASSWORD '{owner_pw}'")
        conn.execute(f'CREATE DATABASE "{database.name}" OWNER {database.owner}')
    engine = db.make_engine(database.url("owner"))
    try:
        db.upgrade(engine)
        now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        sessions = db.session_factory(engine)
        with sessions.begin() as session:
            session.execute(
                insert(Account),
                [
                    {
                        "id": i,
                        "name": f"Jane{i} Doe",
                        "email": f"jane{i}@example.com",
                        "company": "Acme Telephony" if i % 2 else None,
                        "status": "active",
                        "created_at": now - dt.timedelta(days=i),
                    }
                    for i in range(1, accounts + 1)
                ],
            )
            session.execute(
                insert(Cdr),
                [
                    # an hour off the day: no call sits on a retention cutoff, whenever the purge runs
                    {
                        "account_id": 1 + i % accounts,
                        "start": now - dt.timedelta(days=i, hours=1),
                        "src": "+442079460056",
                        "dst": f"+3312345678{i % 10}",
                        "clid": '"Jane Doe" <+442079460056>',
                    }
                    for i in range(40)
                ],
            )
            session.execute(
                insert(SupportMessage),
                [
                    {
                        "account_id": 1,
                        "ticket_ref": "SUP-1",
                        "direction": "inbound",
                        "from_address": "jane1@example.com",
                        "subject": "My trunk",
                        "body": "Please help with my trunk.",
                        "sent_at": now - dt.timedelta(days=2),
                    },
                ],
            )
            session.execute(
                insert(UploadedFile),
                [
                    {
                        "account_id": 1,
                        "filename": "jane-passport.pdf",
                        "content_type": "application/pdf",
                        "size_bytes": 3,
                        "sha256": "0" * 64,
                        "storage_path": "accounts/1/jane-passport.pdf",
                        "uploaded_at": now,
                    },
                ],
            )
        with sessions.begin() as session:
            first = operators.bootstrap_actor(session)
            for who, name, role in staff:
                login = database.login(who)
                password = f"{who}-" + uuid.uuid4().hex[:10]
                database.passwords[login] = password
                actor = first if who == staff[0][0] else operators.identify(session, database.login(staff[0][0]))
                operators.add_operator(session, actor, login, role, name, password=password)
    finally:
        engine.dispose()
    return database


def drop_logins(server: PostgresServer, database: SecuredDatabase) -> None:
    """Remove the database and its logins from the shared cluster."""
    with psycopg.connect(server.url().replace("+psycopg", ""), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{database.name}" WITH (FORCE)')
        for login in database.passwords:
            conn.execute(f'DROP ROLE IF EXISTS "{login}"')
