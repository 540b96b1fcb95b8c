"""Database access: URLs, engines, the schema check and migrations.

SQLite runs with WAL (a purge must not lock the GUI's reads; ARCHITECTURE.md measured up to 5 s
stalls and "database is locked" without it) and with foreign keys on. PostgreSQL goes through
psycopg 3. Every failure to connect becomes a ``DatabaseUnavailable`` with a sentence that names
the host or file and what to do, and never the password.
"""

from __future__ import annotations

import logging
import re
import unicodedata
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import (
    ArgumentError,
    DBAPIError,
    NoSuchModuleError,
    OperationalError,
)
from sqlalchemy.orm import Session, sessionmaker

from minisip_console.core.plumbing.errors import ConsoleError, DatabaseUnavailable, InvalidInput, PermissionDenied, SchemaNotAtHead
from minisip_console.core.text import Text, say

if TYPE_CHECKING:  # Alembic and pg_security are imported where used at run time (Alembic is slow to import)
    from alembic.config import Config
    from sqlalchemy.engine.interfaces import DBAPIConnection
    from sqlalchemy.pool import ConnectionPoolEntry

    from minisip_console.core.pg_security import InstallReport

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"
#: the newest migration; a test checks it against the migrations folder. Opening a database
#: compares its ``alembic_version`` with this constant, so the common case (at head) does not
#: import Alembic (about 0.35 s of start-up).
SCHEMA_HEAD = "0009"
SUPPORTED_BACKENDS = ("sqlite", "postgresql")
#: MariaDB and MySQL (one SQLAlchemy dialect each, the same driver): a retention target may live
#: there (issue 17), never the console's own database
MYSQL_BACKENDS = ("mysql", "mariadb")
#: where a saved retention target may live (``core.targets``): the console's databases and MariaDB/MySQL
TARGET_BACKENDS = (*SUPPORTED_BACKENDS, *MYSQL_BACKENDS)


#: libpq connection parameters refused in a URL's query, in any spelling (any case,
#: percent-encoded, with ``_`` or ``-``). SQLAlchemy masks only the password between ``user:``
#: and ``@``: anything in the query is kept in profiles.json and printed by ``profile list``, in
#: labels, hints and the log. Refused because they carry a secret: ``password``, ``sslpassword``
#: (the passphrase of the client key) and ``oauth_client_secret``; and because they point a
#: secret somewhere else: ``passfile`` (a file of plain-text passwords, read instead of the
#: password the console keeps in the OS keyring) and ``sslkeylogfile`` (libpq writes the TLS
#: session keys there: whoever reads the file decrypts the connection, the password exchange
#: included). Accepted: ``sslkey``, ``sslcert``, ``sslrootcert``, ``sslcrl`` and ``sslcrldir``
#: name files, and a path is not a secret: the key file is protected by its permissions (libpq
#: refuses a key that others can read) and client-certificate login needs it. ``service`` and
#: ``servicefile`` name libpq's own configuration, which like ``~/.pgpass`` is the
#: administrator's and is read by libpq whatever the URL says. Any other parameter whose name
#: contains "password", "passwd", "pwd" or "secret" is refused too: whatever it is, the value
#: would be shown in clear.
#: PyMySQL's ``read_default_file`` (a MySQL option file, which may hold ``password=``) is MySQL's passfile.
SECRET_PARAMETERS = ("password", "sslpassword", "oauth_client_secret", "passfile", "sslkeylogfile", "read_default_file")
_SECRET_WORDS = ("password", "passwd", "pwd", "secret")
_SECRET_HINT = say(
    "Remove it from the URL and save a profile: its password goes to the OS keyring "
    "(minisip-console profile add NAME --url URL --password-stdin, or the connect dialog)."
)
#: characters no URL needs (C0 and C1 controls, NUL included): SQLite would cut a path at a NUL
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _parameter_key(name: str) -> str:
    """A query parameter's name as libpq's would compare, and more: percent-decoded until it no
    longer changes, NFKC-normalised, case-folded, only letters and digits kept."""
    for _ in range(5):
        decoded = unquote(name)
        if decoded == name:
            break
        name = decoded
    return re.sub(r"[^0-9a-z]", "", unicodedata.normalize("NFKC", name).casefold())


def secret_parameter(name: str) -> str | None:
    """The libpq parameter ``name`` spells when it carries or points at a secret (see
    ``SECRET_PARAMETERS``), else None."""
    key = _parameter_key(name)
    for known in SECRET_PARAMETERS:
        if key == known.replace("_", ""):
            return known
    return "password" if any(word in key for word in _SECRET_WORDS) else None


def refuse_secrets(url: URL, *, password_allowed: bool = True) -> URL:
    """The one check on secrets in a database URL, for every place a URL enters (``profile
    add``, ``--database``, the window's connect dialog and ``--database``: all through
    ``parse_url``). Refuses a secret in the query (``SECRET_PARAMETERS``) and, unless
    ``password_allowed``, the password in ``user:password@`` (a stored profile keeps its
    password only in the OS keyring; a ``--database`` URL keeps it in memory, masked)."""
    for name in url.query:
        found = secret_parameter(name)  # named as libpq spells it: the typed spelling could hold the secret
        if found is None:
            continue
        if found == "passfile":
            message = say("The database URL names a password file (passfile); the console keeps passwords in the OS keyring, not in files.")
        elif found == "read_default_file":
            message = say(
                "The database URL names an option file (read_default_file); the console keeps passwords in the OS keyring, not in files."
            )
        elif found == "sslkeylogfile":
            message = say(
                "The database URL names a key log file (sslkeylogfile): libpq would write the keys that decrypt the connection to it."
            )
        else:
            message = say("The database URL has a secret in its query ({found}); it would be kept and shown in plain text.", found=found)
        raise InvalidInput(message, hint=_SECRET_HINT)
    if not password_allowed and url.password:
        raise InvalidInput(
            say("The URL contains a password; a stored profile keeps passwords only in the OS keyring."),
            hint=say("Remove the password from the URL and use --password-stdin, or the connect dialog."),
        )
    return url


def parse_url(raw: str | URL, *, password_allowed: bool = True, backends: tuple[str, ...] = SUPPORTED_BACKENDS) -> URL:
    """Parse and normalise a database URL, or raise ``InvalidInput`` saying what is wrong.

    ``postgresql://`` and ``postgres://`` use psycopg 3; ``sqlite:///path`` is a file;
    ``mysql://`` and ``mariadb://`` (only where ``backends`` allows them: a retention target,
    ``TARGET_BACKENDS``) use PyMySQL, pure Python, so no MySQL client library is needed. A
    secret in the query is refused (``refuse_secrets``), and so is ``user:password@`` unless
    ``password_allowed`` (a profile or a target that is stored refuses it).
    """
    if isinstance(raw, URL):
        url = raw
    else:
        raw = raw.strip()
        if not raw:
            raise InvalidInput(say("The database URL is empty."), hint=say("Example: postgresql://user@host:5432/minisip"))
        if _CONTROL.search(raw):
            raise InvalidInput(
                say("The database URL contains a control character."), hint=say("Type the URL again, without tabs, line breaks or NUL.")
            )
        if raw.startswith("postgres://"):
            raw = "postgresql://" + raw[len("postgres://") :]
        try:
            url = make_url(raw)
        except (ArgumentError, ValueError):  # ValueError: a port that is not a number ("h:abc", "[::1")
            raise InvalidInput(
                say("That is not a database URL."),
                hint=say("Use postgresql://user@host:5432/database or sqlite:///path/to/file.db."),
            ) from None
    if _CONTROL.search(str(url.database or "")):  # %00 decodes to NUL
        raise InvalidInput(
            say("The database URL contains a control character."), hint=say("Type the URL again, without tabs, line breaks or NUL.")
        )
    if url.port is not None and not 1 <= url.port <= 65535:
        raise InvalidInput(say("The port {port} is not a port number.", port=url.port), hint=say("Give 1 to 65535; PostgreSQL's is 5432."))
    refuse_secrets(url, password_allowed=password_allowed)
    backend = url.get_backend_name()
    if backend not in backends:
        hint = say("minisip-console works with PostgreSQL (postgresql://) and SQLite (sqlite:///).")
        if backend in MYSQL_BACKENDS:
            hint = say(
                "minisip-console works with PostgreSQL (postgresql://) and SQLite (sqlite:///). A table in MariaDB/MySQL "
                "can be a retention target: minisip-console retention target add NAME --url URL ..."
            )
        raise InvalidInput(say("Unsupported database type {backend!r}.", backend=backend), hint=hint)
    if backend in MYSQL_BACKENDS:
        # PyMySQL is the driver the console ships (pure Python): a bare mysql:// would ask for mysqlclient,
        # and any other driver named in the URL is not installed
        url = url.set(drivername=f"{backend}+pymysql")
        if not url.host:
            raise InvalidInput(
                say("The {kind} URL names no host.", kind=_label(backend)),
                hint=say("Example: mysql://asterisk@pbx.example.com:3306/asteriskcdrdb"),
            )
        if not url.database:
            raise InvalidInput(
                say("The {kind} URL names no database.", kind=_label(backend)), hint=say("Add /DATABASE at the end of the URL.")
            )
    if backend == "postgresql":
        # psycopg 3 is the driver the console ships; SQLAlchemy 2.0 would pick psycopg2 for a
        # bare postgresql://, and any other driver named in the URL is not installed
        url = url.set(drivername="postgresql+psycopg")
        if not url.host and not url.query.get("host"):
            raise InvalidInput(say("The PostgreSQL URL names no host."), hint=say("Example: postgresql://user@db.example.com/minisip"))
        if not url.database:
            raise InvalidInput(say("The PostgreSQL URL names no database."), hint=say("Add /DATABASE at the end of the URL."))
    if backend == "sqlite" and not url.database:
        raise InvalidInput(say("The SQLite URL names no file."), hint=say("Use sqlite:///relative/path.db or sqlite:////absolute/path.db."))
    return url


def _label(backend: str) -> str:
    return {"sqlite": "SQLite", "mysql": "MySQL", "mariadb": "MariaDB"}.get(backend, "PostgreSQL")


def describe(url: URL) -> str:
    """A label for the status bar and messages: never carries the password."""
    if url.get_backend_name() == "sqlite":
        return f"SQLite {url.database}"
    port = f":{url.port}" if url.port else ""
    user = f"{url.username}@" if url.username else ""
    return f"{_label(url.get_backend_name())} {user}{url.host}{port}/{url.database}"


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


#: how long an SQLite connection waits for another writer's lock before "database is locked"
SQLITE_BUSY_SECONDS = 5


def _sqlite_on_connect(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_SECONDS * 1000}")
    cursor.close()


#: an interactive session (the window) on PostgreSQL waits at most this long for another session's
#: lock (a row another console holds FOR UPDATE, a table a purge locked), and lets no statement run
#: longer than ``STATEMENT_TIMEOUT_MS``: a blocked write becomes a sentence, never a frozen window.
#: The command line and the scheduler run without them (a purge may wait its turn).
LOCK_TIMEOUT_MS = 5_000
STATEMENT_TIMEOUT_MS = 120_000


def make_engine(
    url: str | URL,
    *,
    password: str | None = None,
    connect_timeout: int = 10,
    interactive: bool = False,
    backends: tuple[str, ...] = SUPPORTED_BACKENDS,
) -> Engine:
    """An engine for ``url``; ``password`` (from the keyring) is never put in logs or messages.
    ``interactive``: the window's sessions, with ``LOCK_TIMEOUT_MS`` and ``STATEMENT_TIMEOUT_MS``
    (on MariaDB/MySQL the lock wait only). ``backends``: ``TARGET_BACKENDS`` for a retention target."""
    url = parse_url(url, backends=backends)
    if password is not None:
        url = url.set(password=password)
    backend = url.get_backend_name()
    kwargs: dict[str, Any] = {"future": True}
    if backend == "sqlite":
        path = sqlite_path(url)
        if path is not None and not path.parent.exists():
            raise DatabaseUnavailable(
                say("The folder for the SQLite database does not exist: {parent}", parent=path.parent),
                hint=say("Create the folder or choose another path."),
            )
        kwargs["connect_args"] = {"check_same_thread": False}
        if path is not None:
            # a connection per checkout, closed on checkin: none outlives its use (a pooled one still held by a
            # worker when the database is closed would only be closed by the garbage collector: Python 3.13
            # warns of it, and on Windows the file stays locked); opening an SQLite file costs well under 1 ms
            from sqlalchemy.pool import NullPool

            kwargs["poolclass"] = NullPool
    elif backend in MYSQL_BACKENDS:
        kwargs["connect_args"] = {"connect_timeout": connect_timeout, "charset": "utf8mb4"}
        if interactive:
            seconds = max(1, LOCK_TIMEOUT_MS // 1000)
            kwargs["connect_args"]["init_command"] = f"SET SESSION innodb_lock_wait_timeout={seconds}, SESSION lock_wait_timeout={seconds}"
        kwargs["pool_pre_ping"] = True
    else:
        kwargs["connect_args"] = {"connect_timeout": connect_timeout, "application_name": "minisip-console"}
        if interactive:
            kwargs["connect_args"]["options"] = f"-c lock_timeout={LOCK_TIMEOUT_MS} -c statement_timeout={STATEMENT_TIMEOUT_MS}"
        kwargs["pool_pre_ping"] = True
    try:
        engine = create_engine(url, **kwargs)
    except NoSuchModuleError as exc:  # pragma: no cover - a broken installation
        raise DatabaseUnavailable(say("No database driver for {drivername}: {exc}", drivername=url.drivername, exc=exc)) from None
    if backend == "sqlite":
        event.listen(engine, "connect", _sqlite_on_connect)
    else:
        event.listen(engine, "checkin", _close_after_dispose(engine))
    return engine


#: engines closed with ``dispose``: a connection a worker still held is closed when it comes back
_DISPOSED: weakref.WeakSet[Engine] = weakref.WeakSet()


def dispose(engine: Engine) -> None:
    """Close ``engine``'s connections: the idle ones now, each one still in use (a worker's read that
    outlived the window's connection) when it is given back. ``Engine.dispose`` alone leaves those to
    the garbage collector: a connection open until then (and a ResourceWarning from the driver)."""
    _DISPOSED.add(engine)
    engine.dispose()


def _close_after_dispose(engine: Engine) -> Callable[[Any, Any], None]:
    ref = weakref.ref(engine)  # the listener must not keep its engine alive

    def on_checkin(dbapi_connection: Any, _record: Any) -> None:
        closed = ref()
        if dbapi_connection is not None and (closed is None or closed in _DISPOSED):
            dbapi_connection.close()

    return on_checkin


#: the URLs a profile's password was looked up for (``profiles.resolve_url`` notes them), by a
#: digest of the URL with its password: the profile's name. A refused password's hint says
#: where the password came from; a URL not noted here brought its own (``--database``, or
#: typed in the connect dialog), or none, and libpq then looks in PGPASSWORD and ~/.pgpass.
_PROFILE_URLS: dict[str, str] = {}
#: the same for saved retention targets (``core.targets``): digest -> the target's name
_TARGET_URLS: dict[str, str] = {}


def _url_digest(url: URL) -> str:
    import hashlib

    return hashlib.sha256(url.render_as_string(hide_password=False).encode("utf-8", "surrogatepass")).hexdigest()


def note_profile_url(url: URL, profile: str) -> URL:
    """Remember that ``url`` (with the password from the OS keyring, or none if the keyring had
    none) is profile ``profile``'s, for ``translate_error``'s hint. Returns ``url``."""
    _PROFILE_URLS[_url_digest(url)] = profile
    return url


def note_target_url(url: URL, target: str) -> URL:
    """Remember that ``url`` (with the password from the OS keyring, or none) is the saved retention
    target ``target``'s, for ``translate_error``'s hint. Returns ``url``."""
    _TARGET_URLS[_url_digest(url)] = target
    return url


def password_source(url: URL) -> str:
    """Where the password of ``url`` came from and where to fix it, as a sentence: the profile's
    keyring entry, the URL (or the connect dialog), or libpq's own PGPASSWORD and ~/.pgpass."""
    target = _TARGET_URLS.get(_url_digest(url))
    if target is not None:
        store = f"minisip-console retention target set-password {target}, the password on standard input"
        if url.password is not None:
            return f"The password is read from the OS keyring entry of retention target {target!r}: store the right one with {store}."
        return f"Retention target {target!r} has no password in this OS account's keyring: store it with {store}."
    profile = _PROFILE_URLS.get(_url_digest(url))
    store = f"minisip-console profile add {profile} --url URL --password-stdin --replace, or in the connect dialog"
    if profile is not None and url.password is not None:
        return say(
            "The password is read from the OS keyring entry of profile {profile!r}: store the right one with {store}.",
            profile=profile,
            store=store,
        )
    if profile is not None:
        return say("Profile {profile!r} has no password in the OS keyring: store it with {store}.", profile=profile, store=store)
    if url.password is not None:
        return say(
            "The password is the one given with the URL (user:password@) or typed in the connect dialog; it is not read from the OS keyring."
        )
    return say(
        "No password came with the URL, so libpq looked in PGPASSWORD and ~/.pgpass: check them, or save a profile "
        "whose password is kept in the OS keyring (minisip-console profile add NAME --url URL --password-stdin)."
    )


#: a driver's message (lower case) -> the sentence and what to do: the first entry with a needle
#: whose every part is in the message wins; ``{db}``, ``{user}``, ``{said}`` (the driver's first
#: line) and ``{busy}`` (SQLite's wait) are filled in
_DRIVER_MESSAGES: tuple[tuple[tuple[tuple[str, ...], ...], Text, Text], ...] = (
    (
        (("does not exist", "database"), ("unknown database",)),
        say("the server has no database named {db!r}."),
        say("Check the database name, or create it (createdb) and run: minisip-console db upgrade."),
    ),
    (
        (("is not permitted to log in",),),
        say("the login {user!r} may not log in: it was disabled."),
        say("An admin enables it again (minisip-console operators set-role LOGIN ROLE)."),
    ),
    ((("role", "does not exist"),), say("the server has no user {user!r}."), say("Check the user name in the profile.")),
    (
        tuple(
            (n,)
            for n in (
                "connection refused",
                "could not connect",
                "timeout expired",
                "no route",
                "name or service not known",
                "could not translate host name",
                "nodename nor servname",
                "connection timed out",
                "failed to resolve",
                "connection failed",
                "can't connect to",
            )
        ),
        say("cannot reach the database server."),
        say("Check the host and port, that the server is running, and that your network allows the connection."),
    ),
    ((("unable to open database file",),), say("cannot open the file."), say("Check the path and that you may read and write it.")),
    (
        (("database is locked",), ("database table is locked",)),
        say("database is locked: another program kept writing to it for more than {busy} s."),
        say("Another console, a purge or a backup may be using the file; try again when it has finished."),
    ),
    (
        (("lock timeout",), ("deadlock detected",)),
        say("another session holds a lock on the rows or the table this needs ({said})."),
        say("Another console or a maintenance job is working on them; try again in a moment."),
    ),
    (
        (("statement timeout",),),
        say("the database took too long to answer ({said}); the statement was stopped and nothing of it kept."),
        say("Try again when the database is less busy, or run the same work from the command line, which waits as long as it takes."),
    ),
    (
        (("database or disk is full",), ("could not extend file",), ("no space left on device",)),
        say("the database's disk is full ({said})."),
        say("Free space where the database keeps its files; nothing of this change was kept."),
    ),
    (
        (("readonly database",),),
        say("the database may only be read here ({said})."),
        say("Check that you may write the file and its folder, or open a copy you may write."),
    ),
    ((("file is not a database",), ("file is encrypted",)), say("this file is not an SQLite database."), say("Choose another file.")),
    ((("ssl",),), say("the TLS connection failed ({said})."), say("Check the TLS mode in the profile.")),
)


def translate_error(exc: BaseException, url: URL) -> ConsoleError:
    """Turn a driver error into a sentence the operator can act on (and no password).

    A refusal by the database (SQLSTATE 42501: a privilege it does not give this login, or a
    control of ``core.pg_security``) is a ``PermissionDenied`` naming what was refused. A
    refused password's hint says where the password came from (``password_source``)."""
    where = describe(url)
    text_ = str(getattr(exc, "orig", exc) or exc).strip()
    low = text_.lower()
    if getattr(getattr(exc, "orig", exc), "sqlstate", None) == "42501":
        from minisip_console.core.pg_security import refusal

        said = refusal(exc) or _first_line(text_)
        return PermissionDenied(
            say("{where}: the database refused: {said}.", where=where, said=said),
            hint=say("The database enforces who may do what; ask an admin if your role should allow it."),
        )
    if "password authentication failed" in low or ("access denied for user" in low and "using password: yes" in low):
        return DatabaseUnavailable(
            say("{where}: the server refused the password for user {username!r}.", where=where, username=url.username),
            hint=password_source(url),
        )
    if "no password supplied" in low or ("access denied for user" in low and "using password: no" in low):
        return DatabaseUnavailable(
            say("{where}: the server wants a password for user {username!r} and none was given.", where=where, username=url.username),
            hint=password_source(url),
        )
    for needles, message, hint in _DRIVER_MESSAGES:
        if any(all(n in low for n in needle) for needle in needles):
            values = {"db": url.database, "user": url.username, "said": _first_line(text_), "busy": SQLITE_BUSY_SECONDS}
            return DatabaseUnavailable(say("{where}: {message}", where=where, message=Text(message.template, values)), hint=hint)
    return DatabaseUnavailable(say("{where}: {text_}", where=where, text_=_first_line(text_)))


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


def alembic_config(engine: Engine | None = None) -> Config:
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
        msg = say("{where} has no minisip-console schema yet.", where=where)
    elif not status.current:
        msg = say("{where} has tables but no minisip-console schema version.", where=where)
    elif is_newer(status.current):
        raise SchemaNotAtHead(
            say(
                "{where} has a newer schema ({value}) than this console knows ({head}).",
                where=where,
                value=", ".join(status.current),
                head=status.head,
            ),
            current=status.current,
            head=status.head,
            hint=say("Update minisip-console before using this database."),
        )
    else:
        msg = say(
            "{where} is at schema {value}; this console needs {head}.", where=where, value=", ".join(status.current), head=status.head
        )
    raise SchemaNotAtHead(msg, current=status.current, head=status.head, hint=say("Run: {run}", run=run))


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
            say(
                "{url} has a newer schema ({value}) than this console knows ({value2}).",
                url=describe(engine.url),
                value=", ".join(before),
                value2=head_revision(),
            ),
            current=before,
            head=head_revision(),
            hint=say("Update minisip-console; it will not change a schema it does not know."),
        )
    cfg = alembic_config(engine)
    with translated(engine.url):
        command.upgrade(cfg, "head")
    if engine.dialect.name == "postgresql":
        install_security(engine)
    return before, head_revision()


def install_security(engine: Engine) -> InstallReport:
    """Install or refresh PostgreSQL's roles, privileges and controls (``core.pg_security``):
    ``db roles``, and the end of every ``db upgrade``. Returns its ``InstallReport``."""
    from minisip_console.core import pg_security

    with translated(engine.url), engine.begin() as conn:
        return pg_security.install(conn, extra_tables=pg_security.retention_targets(conn))


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
