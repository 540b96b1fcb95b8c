"""Database access: URLs, engines, the schema check and migrations.

SQLite runs with WAL (a purge must not lock the GUI's reads; ARCHITECTURE.md measured up to 5 s
stalls and "database is locked" without it) and with foreign keys on. PostgreSQL goes through
psycopg 3. Every failure to connect becomes a ``DatabaseUnavailable`` with a sentence that names
the host or file and what to do, and never the password.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import (
    ArgumentError,
    DBAPIError,
    NoSuchModuleError,
    OperationalError,
)
from sqlalchemy.orm import Session, sessionmaker

from minisip_console.core.errors import (
    ConsoleError,
    DatabaseUnavailable,
    InvalidInput,
    PermissionDenied,
    SchemaNotAtHead,
)

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
#: the newest migration; a test checks it against the migrations folder. Opening a database
#: compares its ``alembic_version`` with this constant, so the common case (at head) does not
#: import Alembic (about 0.35 s of start-up).
SCHEMA_HEAD = "0005"
SUPPORTED_BACKENDS = ("sqlite", "postgresql")


def parse_url(raw: str | URL) -> URL:
    """Parse and normalise a database URL, or raise ``InvalidInput`` saying what is wrong.

    ``postgresql://`` and ``postgres://`` use psycopg 3; ``sqlite:///path`` is a file.
    """
    if isinstance(raw, URL):
        url = raw
    else:
        raw = raw.strip()
        if not raw:
            raise InvalidInput("The database URL is empty.", hint="Example: postgresql://user@host:5432/minisip")
        if raw.startswith("postgres://"):
            raw = "postgresql://" + raw[len("postgres://") :]
        try:
            url = make_url(raw)
        except ArgumentError:
            raise InvalidInput(
                "That is not a database URL.",
                hint="Use postgresql://user@host:5432/database or sqlite:///path/to/file.db.",
            ) from None
    backend = url.get_backend_name()
    if backend not in SUPPORTED_BACKENDS:
        raise InvalidInput(
            f"Unsupported database type {backend!r}.",
            hint="minisip-console works with PostgreSQL (postgresql://) and SQLite (sqlite:///).",
        )
    if backend == "postgresql":
        # psycopg 3 is the driver the console ships; SQLAlchemy 2.0 would pick psycopg2 for a
        # bare postgresql://, and any other driver named in the URL is not installed
        url = url.set(drivername="postgresql+psycopg")
        if not url.host and not url.query.get("host"):
            raise InvalidInput("The PostgreSQL URL names no host.", hint="Example: postgresql://user@db.example.com/minisip")
        if not url.database:
            raise InvalidInput("The PostgreSQL URL names no database.", hint="Add /DATABASE at the end of the URL.")
    if backend == "sqlite" and not url.database:
        raise InvalidInput(
            "The SQLite URL names no file.", hint="Use sqlite:///relative/path.db or sqlite:////absolute/path.db."
        )
    return url


def describe(url: URL) -> str:
    """A label for the status bar and messages: never carries the password."""
    if url.get_backend_name() == "sqlite":
        return f"SQLite {url.database}"
    port = f":{url.port}" if url.port else ""
    user = f"{url.username}@" if url.username else ""
    return f"PostgreSQL {user}{url.host}{port}/{url.database}"


def sqlite_path(url: URL) -> Path | None:
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        return Path(url.database)
    return None


def _register_sqlite_adapters() -> None:
    """Dates and times bound raw (in ``text()`` statements) are stored as sqlite3 always stored
    them, by adapters of our own: Python 3.12 deprecated the module's default ones (and the tests
    turn that warning into an error)."""
    import datetime as dt
    import sqlite3

    sqlite3.register_adapter(dt.date, lambda value: value.isoformat())
    sqlite3.register_adapter(dt.datetime, lambda value: value.isoformat(" "))


_register_sqlite_adapters()


def _sqlite_on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def make_engine(url: str | URL, *, password: str | None = None, connect_timeout: int = 10) -> Engine:
    """An engine for ``url``; ``password`` (from the keyring) is never put in logs or messages."""
    url = parse_url(url)
    if password is not None:
        url = url.set(password=password)
    backend = url.get_backend_name()
    kwargs: dict = {"future": True}
    if backend == "sqlite":
        path = sqlite_path(url)
        if path is not None and not path.parent.exists():
            raise DatabaseUnavailable(
                f"The folder for the SQLite database does not exist: {path.parent}",
                hint="Create the folder or choose another path.",
            )
        kwargs["connect_args"] = {"check_same_thread": False}
        if path is not None:
            # a connection per checkout, closed on checkin: none outlives its use (a pooled one still held by a
            # worker when the database is closed would only be closed by the garbage collector: Python 3.13
            # warns of it, and on Windows the file stays locked); opening an SQLite file costs well under 1 ms
            from sqlalchemy.pool import NullPool

            kwargs["poolclass"] = NullPool
    else:
        kwargs["connect_args"] = {"connect_timeout": connect_timeout, "application_name": "minisip-console"}
        kwargs["pool_pre_ping"] = True
    try:
        engine = create_engine(url, **kwargs)
    except NoSuchModuleError as exc:  # pragma: no cover - a broken installation
        raise DatabaseUnavailable(f"No database driver for {url.drivername}: {exc}") from None
    if backend == "sqlite":
        event.listen(engine, "connect", _sqlite_on_connect)
    return engine


def translate_error(exc: BaseException, url: URL) -> ConsoleError:
    """Turn a driver error into a sentence the operator can act on (and no password).

    A refusal by the database (SQLSTATE 42501: a privilege it does not give this login, or a
    control of ``core.pg_security``) is a ``PermissionDenied`` naming what was refused."""
    where = describe(url)
    text_ = str(getattr(exc, "orig", exc) or exc).strip()
    low = text_.lower()
    if getattr(getattr(exc, "orig", exc), "sqlstate", None) == "42501":
        from minisip_console.core.pg_security import refusal

        said = refusal(exc) or _first_line(text_)
        return PermissionDenied(
            f"{where}: the database refused: {said}.",
            hint="The database enforces who may do what; ask an admin if your role should allow it.",
        )
    if "password authentication failed" in low or "no password supplied" in low:
        return DatabaseUnavailable(
            f"{where}: the server refused the password for user {url.username!r}.",
            hint="Check the password in the connect dialog; it is read from the OS keyring.",
        )
    if "does not exist" in low and "database" in low:
        return DatabaseUnavailable(
            f"{where}: the server has no database named {url.database!r}.",
            hint="Check the database name, or create it (createdb) and run: minisip-console db upgrade.",
        )
    if "is not permitted to log in" in low:
        return DatabaseUnavailable(
            f"{where}: the login {url.username!r} may not log in: it was disabled.",
            hint="An admin enables it again (minisip-console operators set-role LOGIN ROLE).",
        )
    if "role" in low and "does not exist" in low:
        return DatabaseUnavailable(
            f"{where}: the server has no user {url.username!r}.",
            hint="Check the user name in the profile.",
        )
    if any(s in low for s in ("connection refused", "could not connect", "timeout expired", "no route", "name or service not known", "could not translate host name", "nodename nor servname", "connection timed out", "failed to resolve", "connection failed")):
        return DatabaseUnavailable(
            f"{where}: cannot reach the database server.",
            hint="Check the host and port, that the server is running, and that your network allows the connection.",
        )
    if "unable to open database file" in low:
        return DatabaseUnavailable(
            f"{where}: cannot open the file.", hint="Check the path and that you may read and write it."
        )
    if "file is not a database" in low or "file is encrypted" in low:
        return DatabaseUnavailable(f"{where}: this file is not an SQLite database.", hint="Choose another file.")
    if "ssl" in low:
        return DatabaseUnavailable(f"{where}: the TLS connection failed ({_first_line(text_)}).", hint="Check the TLS mode in the profile.")
    return DatabaseUnavailable(f"{where}: {_first_line(text_)}")


def _first_line(message: str) -> str:
    return message.splitlines()[0] if message else "unknown error"


@contextmanager
def translated(url: URL) -> Iterator[None]:
    """Re-raise driver errors met inside the block as ``DatabaseUnavailable``."""
    try:
        yield
    except (OperationalError, DBAPIError) as exc:
        raise translate_error(exc, url) from None


def check_connection(engine: Engine) -> None:
    with translated(engine.url), engine.connect() as conn:
        conn.execute(text("SELECT 1"))


# --------------------------------------------------------------------------- migrations


def alembic_config(engine: Engine | None = None):  # type: ignore[no-untyped-def]
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    if len(heads) != 1:  # pragma: no cover - guarded by a test
        raise RuntimeError(f"migrations have {len(heads)} heads: {heads}")
    return heads[0]


def current_revisions(engine: Engine) -> tuple[str, ...]:
    from alembic.runtime.migration import MigrationContext

    with translated(engine.url), engine.connect() as conn:
        return tuple(MigrationContext.configure(conn).get_current_heads())


@dataclass(frozen=True)
class SchemaStatus:
    current: tuple[str, ...]
    head: str
    has_tables: bool

    @property
    def at_head(self) -> bool:
        return self.current == (self.head,)

    @property
    def empty(self) -> bool:
        return not self.current and not self.has_tables


def schema_status(engine: Engine) -> SchemaStatus:
    with translated(engine.url), engine.connect() as conn:
        from alembic.runtime.migration import MigrationContext

        current = tuple(MigrationContext.configure(conn).get_current_heads())
        has_tables = bool(inspect(conn).get_table_names())
    return SchemaStatus(current=current, head=head_revision(), has_tables=has_tables)


def _stamped_at_head(engine: Engine) -> bool:
    """The fast check: ``alembic_version`` holds exactly ``SCHEMA_HEAD``."""
    with translated(engine.url), engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return False
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [SCHEMA_HEAD]


def ensure_at_head(engine: Engine, *, selector: str = "--database URL") -> SchemaStatus:
    """Raise ``SchemaNotAtHead`` unless the schema is current. Never upgrades by itself."""
    if _stamped_at_head(engine):
        return SchemaStatus(current=(SCHEMA_HEAD,), head=SCHEMA_HEAD, has_tables=True)
    status = schema_status(engine)
    if status.at_head:
        return status
    where = describe(engine.url)
    run = f"minisip-console db upgrade {selector}"
    if status.empty:
        msg = f"{where} has no minisip-console schema yet."
    elif not status.current:
        msg = f"{where} has tables but no minisip-console schema version."
    elif is_newer(status.current):
        raise SchemaNotAtHead(
            f"{where} has a newer schema ({', '.join(status.current)}) than this console knows ({status.head}).",
            current=status.current,
            head=status.head,
            hint="Update minisip-console before using this database.",
        )
    else:
        msg = f"{where} is at schema {', '.join(status.current)}; this console needs {status.head}."
    raise SchemaNotAtHead(msg, current=status.current, head=status.head, hint=f"Run: {run}")


def is_newer(current: tuple[str, ...]) -> bool:
    """True when the database names a revision this console does not ship (a newer console wrote it)."""
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    script = ScriptDirectory.from_config(alembic_config())
    for rev in current:
        try:
            script.get_revision(rev)
        except CommandError:
            return True
    return False


def upgrade(engine: Engine) -> tuple[tuple[str, ...], str]:
    """Upgrade to head (idempotent). Returns (revisions before, head)."""
    from alembic import command

    before = current_revisions(engine)
    if is_newer(before):
        raise SchemaNotAtHead(
            f"{describe(engine.url)} has a newer schema ({', '.join(before)}) than this console knows ({head_revision()}).",
            current=before,
            head=head_revision(),
            hint="Update minisip-console; it will not change a schema it does not know.",
        )
    cfg = alembic_config(engine)
    with translated(engine.url):
        command.upgrade(cfg, "head")
    if engine.dialect.name == "postgresql":
        install_security(engine)
    return before, head_revision()


def install_security(engine: Engine):  # type: ignore[no-untyped-def]
    """Install or refresh PostgreSQL's roles, privileges and controls (``core.pg_security``):
    ``db roles``, and the end of every ``db upgrade``. Returns its ``InstallReport``."""
    from minisip_console.core import pg_security

    with translated(engine.url), engine.begin() as conn:
        return pg_security.install(conn, extra_tables=pg_security.retention_targets(conn))


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
