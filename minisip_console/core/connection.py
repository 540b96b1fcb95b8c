"""Choosing a database (a URL, a profile, or the demo) and opening it with every check.

Both faces use this: the CLI with ``--database``/``--profile``/``--demo``, the GUI's connect
dialog and its start-up. Opening checks that the server answers, that the schema is at head
(never upgrading by itself), and who the operator is.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session, sessionmaker

from minisip_console.core import db
from minisip_console.core.errors import InvalidInput
from minisip_console.core.operators import OperatorInfo, identify
from minisip_console.core.paths import data_dir
from minisip_console.core.profiles import ProfileStore, resolve_url

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
    return Target(url=url, label=f"demo database ({demo_path()})", demo=True)


def resolve(*, database: str | None = None, profile: str | None = None, store: ProfileStore | None = None) -> Target:
    """The target named by ``--database`` or ``--profile`` (exactly one)."""
    if database and profile:
        raise InvalidInput("Give either --database or --profile, not both.")
    if database:
        url = db.parse_url(database)
        return Target(url=url, label=db.describe(url))
    if profile:
        store = store or ProfileStore()
        prof = store.get(profile)
        url = resolve_url(prof)
        return Target(url=url, label=f"{prof.name}: {db.describe(url)}", profile=prof.name)
    raise InvalidInput(
        "No database chosen.", hint="Use --database URL or --profile NAME (see: minisip-console profile list)."
    )


@dataclass
class Database:
    """An open, checked database."""

    target: Target
    engine: Engine
    sessions: sessionmaker[Session]
    operator: OperatorInfo
    schema: db.SchemaStatus

    def close(self) -> None:
        self.engine.dispose()


def open_database(target: Target, *, require_head: bool = True) -> Database:
    """Connect, check the schema, identify the operator. Raises ``ConsoleError`` subclasses."""
    engine = db.make_engine(target.url)
    try:
        db.check_connection(engine)
        status = db.ensure_at_head(engine, selector=target.selector) if require_head else db.schema_status(engine)
        sessions = db.session_factory(engine)
        if status.at_head:
            with db.translated(engine.url), sessions() as session:
                operator = identify(session)
        else:
            operator = identify_offline()
    except BaseException:
        engine.dispose()
        raise
    log.info("opened %s as %s (schema %s)", target.label, operator.login, status.current)
    return Database(target=target, engine=engine, sessions=sessions, operator=operator, schema=status)


def identify_offline() -> OperatorInfo:
    from minisip_console.core.models import Role
    from minisip_console.core.operators import current_login

    login = current_login()
    return OperatorInfo(login=login, display_name=login, role=Role.VIEWER, registered=False)
