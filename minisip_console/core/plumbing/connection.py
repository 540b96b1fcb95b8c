"""Choosing a database (a URL, a profile, or the demo) and opening it with every check.

Both faces use this: the CLI with ``--database``/``--profile``/``--demo``, the GUI's connect
dialog and its start-up. Opening checks that the server answers, that the schema is at head
(never upgrading by itself), and who the operator is.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from sqlalchemy import Engine
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session, sessionmaker

from minisip_console.core.operators import (
    NotAnOperator,
    OperatorInfo,
    TrustMode,
    identify,
    require_registered,
    session_login,
    trust_mode,
)
from minisip_console.core.plumbing import db
from minisip_console.core.plumbing.errors import InvalidInput, PermissionDenied
from minisip_console.core.plumbing.paths import data_dir
from minisip_console.core.plumbing.profiles import ProfileStore, resolve_url
from minisip_console.core.text import say

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Target:
    """A database to open: its URL (password included only in memory) and how it was chosen."""

    url: URL
    label: str  # for the status bar and messages: never the password
    profile: str | None = None
    demo: bool = False

    @property
    def selector(self) -> str:
        """How to name this database again on the command line (for hints)."""
        if self.profile:
            return f"--profile {self.profile}"
        return f"--database {self.url.render_as_string(hide_password=True)}"


def demo_path() -> Path:
    return data_dir() / "demo" / "minisip-demo.db"


def demo_target() -> Target:
    url = URL.create("sqlite", database=str(demo_path()))
    return Target(url=url, label=say("demo database ({path})", path=str(demo_path())), demo=True)


def resolve(*, database: str | None = None, profile: str | None = None, store: ProfileStore | None = None) -> Target:
    """The target named by ``--database`` or ``--profile`` (exactly one)."""
    if database and profile:
        raise InvalidInput(say("Give either --database or --profile, not both."))
    if database:
        url = db.parse_url(database)
        return Target(url=url, label=db.describe(url))
    if profile:
        store = store or ProfileStore()
        prof = store.get(profile)
        url = resolve_url(prof)
        return Target(url=url, label=f"{prof.name}: {db.describe(url)}", profile=prof.name)
    raise InvalidInput(say("No database chosen."), hint=say("Use --database URL or --profile NAME (see: minisip-console profile list)."))


@dataclass
class Database:
    """An open, checked database; ``with open_database(...) as database:`` closes it."""

    target: Target
    engine: Engine
    sessions: sessionmaker[Session]
    operator: OperatorInfo
    schema: db.SchemaStatus
    #: who vouches for the operator's identity: the database, a single-user file, or the demo
    trust: TrustMode = TrustMode.SINGLE_USER

    def close(self) -> None:
        db.dispose(self.engine)

    def __enter__(self) -> Database:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        """Closed on the way out of a ``with`` block, whether it ended or raised (never swallowed)."""
        self.close()


def open_database(
    target: Target,
    *,
    require_head: bool = True,
    as_login: str | None = None,
    require_operator: bool = True,
    interactive: bool = False,
) -> Database:
    """Connect, check the schema, identify the operator. Raises ``ConsoleError`` subclasses.

    ``as_login`` names the operator (``--operator``): accepted on the demo database only.
    Unless ``require_operator`` is false (``operators add`` naming the first admin), a login
    that is not a registered, active operator raises ``NotAnOperator``.
    """
    engine = db.make_engine(target.url, interactive=interactive)  # the window's sessions time out waiting for locks
    try:
        db.check_connection(engine)
        try:
            status = db.ensure_at_head(engine, selector=target.selector) if require_head else db.schema_status(engine)
        except PermissionDenied:
            # a PostgreSQL login in none of the console's group roles may read nothing, not even the schema's version
            raise NotAnOperator(
                say(
                    "The database login {username!r} is not an operator of {label}: it has no console role.",
                    username=target.url.username,
                    label=target.label,
                ),
                hint=say(
                    "Ask an admin to run: minisip-console operators add {username} --role ROLE --name NAME", username=target.url.username
                ),
            ) from None
        sessions = db.session_factory(engine)
        if status.at_head:
            with db.translated(engine.url), sessions() as session:
                mode = trust_mode(session)
                if mode is TrustMode.DATABASE:
                    from minisip_console.core import pg_security

                    pg_security.ensure_installed(session, selector=target.selector)
                if as_login is not None:
                    as_login = as_login.strip()
                    if not as_login:
                        raise InvalidInput(say("--operator needs a name."))
                    if mode is not TrustMode.DEMO:
                        raise InvalidInput(
                            say("--operator is accepted only on the demo database."),
                            hint=say("Elsewhere you act as yourself: your database login on PostgreSQL, your OS login on an SQLite file."),
                        )
                operator = identify(session, as_login or session_login(session, mode))
                if require_operator:
                    require_registered(session, operator, mode, target.label, target.selector)
        else:
            mode = TrustMode.SINGLE_USER if engine.dialect.name == "sqlite" else TrustMode.DATABASE
            operator = identify_offline(engine)
    except BaseException:
        engine.dispose()
        raise
    log.info("opened %s as %s (schema %s, trust %s)", target.label, operator.login, status.current, mode.value)
    return Database(target=target, engine=engine, sessions=sessions, operator=operator, schema=status, trust=mode)


def identify_offline(engine: Engine) -> OperatorInfo:
    """Who is connecting, before the schema can say whether they are an operator (an unregistered viewer)."""
    from minisip_console.core.models import Role
    from minisip_console.core.operators import os_login

    if engine.dialect.name == "postgresql":
        login = engine.url.username or os_login()
    else:
        login = os_login()
    return OperatorInfo(login=login, display_name=login, role=Role.VIEWER, registered=False)
