"""Saved retention targets (issue 17): the tables where CDRs really live, in other databases.

The promise covers every copy of a call record, and they rarely all sit in the service's own
database: Asterisk writes its ``cdr`` table into MariaDB/MySQL or PostgreSQL, FusionPBX keeps
``v_xml_cdr`` in its own PostgreSQL. A saved target is a connection plus a table: a row of
``retention_targets`` (a name, its category, a URL without a password, the table, its timestamp
column, and optionally the column naming the account a row belongs to and how an account id is
written there, e.g. Asterisk's ``accountcode`` as ``acct{id}``). Its password lives only in the
OS keyring, like a profile's (``secrets``, entry ``target:NAME`` beside the profiles' ``db:NAME``).

A category keeps its own table in the console's database and may have any number of saved targets;
its policy (days, interval) applies to all of them. Receipts, locks, verification and audit events
stay in the console's database; only the purge's own reads and deletes run on a target's engine
(``engine_for``).

Admins add and remove targets (``refusal``, the same rule as a retention policy), each change
audited in its own transaction (``retention.target_added``, ``retention.target_removed``). A target
is checked by reflection when it is added and by ``check`` at any time: the same
``retention.check_target`` as the category's own table, on PostgreSQL, SQLite and MariaDB/MySQL.
Receipts name their target by ``purge_runs.target_name``: removing a target keeps them.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session, sessionmaker

from minisip_console.core import audit, retention
from minisip_console.core.models import RetentionTarget, Role, utcnow
from minisip_console.core.operators import OperatorInfo
from minisip_console.core.plumbing import db, secrets
from minisip_console.core.plumbing.errors import ConsoleError, DatabaseUnavailable, InvalidInput
from minisip_console.core.purposes import role_refusal
from minisip_console.core.retention import TargetInfo
from minisip_console.core.text import Text, say

log = logging.getLogger(__name__)

#: a target's name: as a profile's (1 to 64 letters, digits, dots, dashes, underscores)
NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
#: a column name: the same rule as ``retention``'s for table and column names (never SQL)
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_$]{0,62}$")
#: the keyring entry's kind: ``target:NAME`` (a profile's database password is ``db:NAME``)
KEYRING_KIND = "target"
DEFAULT_CATEGORY = "cdr"
DEFAULT_ACCOUNT_FORMAT = "{id}"
MAX_URL = 500
MAX_FORMAT = 100
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


# --------------------------------------------------------------------------- what a target is


@dataclass(frozen=True)
class TargetSpec:
    """A target as typed, checked without a database (``validate``): what ``add`` saves."""

    name: str
    category: str
    url: str  # normalised, never with a password
    table_name: str
    timestamp_column: str
    account_column: str | None = None
    account_format: str = DEFAULT_ACCOUNT_FORMAT


@dataclass(frozen=True)
class Target:
    """A saved retention target (a row of ``retention_targets``)."""

    id: int
    name: str
    category: str
    url: str  # never with a password: it is in the OS keyring
    table_name: str
    timestamp_column: str
    account_column: str | None
    account_format: str
    created_at: dt.datetime
    created_by: str

    @property
    def backend(self) -> str:
        """``postgresql``, ``mysql``, ``mariadb`` or ``sqlite``."""
        return _parse(self.url).get_backend_name()

    @property
    def needs_password(self) -> bool:
        """Every server does (its password may be absent: a server that trusts the login); a file does not."""
        return self.backend != "sqlite"

    @property
    def label(self) -> str:
        """``NAME (MariaDB asterisk@pbx:3306/asteriskcdrdb, cdr.calldate)``: never a password."""
        return f"{self.name} ({db.describe(_parse(self.url))}, {self.table_name}.{self.timestamp_column})"

    def account_value(self, account_id: int) -> str:
        """How ``account_id`` is written in the account column (``acct{id}`` -> ``acct42``)."""
        return self.account_format.replace("{id}", str(int(account_id)))

    def account_id(self, value: Any) -> int | None:
        """The account id a value of the account column names, or None (another format, empty)."""
        if value is None:
            return None
        before, _, after = self.account_format.partition("{id}")
        m = re.fullmatch(re.escape(before) + r"([0-9]{1,10})" + re.escape(after), str(value).strip())
        return int(m.group(1)) if m else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "category": self.category,
            "url": self.url,
            "database": db.describe(_parse(self.url)),
            "table": self.table_name,
            "column": self.timestamp_column,
            "account_column": self.account_column,
            "account_format": self.account_format,
            "created_at": self.created_at.astimezone(dt.UTC).isoformat(),
            "created_by": self.created_by,
        }


@dataclass(frozen=True)
class TargetCheck:
    """A target as its database describes it (``check``): the reflection and what it means."""

    target: Target
    info: TargetInfo
    #: the account column's real name in the table (None: no account column, legal holds cannot apply)
    account_column: str | None
    warnings: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "target": self.target.to_dict(),
            "reflection": self.info.to_dict(),
            "account_column": self.account_column,
            "warnings": list(self.warnings),
        }


# --------------------------------------------------------------------------- checks without a database


def validate_name(raw: str) -> str:
    name = (raw or "").strip()
    if not NAME_RE.match(name):
        raise InvalidInput(
            say("{name!r} is not a usable target name.", name=name[:80]),
            hint=say("Use 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit, e.g. asterisk-cdr."),
        )
    return name


def validate_url(raw: str) -> str:
    """A target's URL, normalised (``mysql://`` and ``mariadb://`` to PyMySQL, ``postgresql://`` to
    psycopg, an SQLite path made absolute), or ``InvalidInput``: a password in it is refused."""
    if isinstance(raw, str) and len(raw) > MAX_URL:
        raise InvalidInput(say("The URL is {length:,} characters long; a target's URL has at most {most}.", length=len(raw), most=MAX_URL))
    try:
        url = db.parse_url(raw, backends=db.TARGET_BACKENDS)
    except InvalidInput as exc:
        if exc.hint and "profile add" in exc.hint:  # a secret in the query: the profiles' hint names the wrong command
            raise InvalidInput(exc.message, hint=_PASSWORD_HINT) from None
        raise
    if url.password:
        raise InvalidInput(
            say("The URL contains a password; a retention target keeps its password only in the OS keyring."), hint=_PASSWORD_HINT
        )
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        url = url.set(database=str(Path(url.database or "").expanduser().resolve()))
    elif url.get_backend_name() == "sqlite":
        raise InvalidInput(
            say("An SQLite target must be a file, not an in-memory database."), hint=say("Use sqlite:////absolute/path/cdr.db.")
        )
    shown = url.render_as_string(hide_password=False)
    if len(shown) > MAX_URL:
        raise InvalidInput(
            say("The URL is {length:,} characters long; a target's URL has at most {most}.", length=len(shown), most=MAX_URL)
        )
    return shown


_PASSWORD_HINT = say(
    "Remove it from the URL and pipe the password in: minisip-console retention target add NAME --url URL ... --password-stdin."
)


def validate_column(raw: str | None, *, what: Text) -> str:
    """A column name (an identifier, never SQL); ``what`` says which in the sentence."""
    value = (raw or "").strip()
    if not _IDENT.match(value):
        raise InvalidInput(
            say("{value!r} is not a column name ({what}).", value=value[:80], what=what),
            hint=say("Give a column's name: letters, digits, _ or $, e.g. calldate."),
        )
    return value


def validate_account_format(raw: str | None) -> str:
    """How an account id is written in the account column: ``{id}`` exactly once, nothing else in
    braces (``acct{id}``, ``{id}``, ``C-{id}-EU``)."""
    value = DEFAULT_ACCOUNT_FORMAT if raw is None else raw.strip()
    hint = say(
        "Write {id} once where the account's number goes, e.g. acct{id} for Asterisk accountcodes like acct42."
    )  # no values: as written
    if not value or len(value) > MAX_FORMAT or _CONTROL.search(value):
        raise InvalidInput(
            say("{value!r} is not an account format (1 to {most} printable characters).", value=value[:80], most=MAX_FORMAT), hint=hint
        )
    if value.count("{id}") != 1:
        raise InvalidInput(say("The account format {value!r} must contain {{id}} exactly once.", value=value[:80]), hint=hint)
    if "{" in value.replace("{id}", "") or "}" in value.replace("{id}", ""):
        raise InvalidInput(say("The account format {value!r} has braces other than {{id}}.", value=value[:80]), hint=hint)
    return value


def validate(
    name: str,
    url: str,
    table: str,
    column: str,
    *,
    category: str = DEFAULT_CATEGORY,
    account_column: str | None = None,
    account_format: str | None = None,
) -> TargetSpec:
    """Every check that needs no database, in the order the command line gives them: bad input is
    ``InvalidInput`` (exit 2) and reaches no database and no keyring."""
    name_ = validate_name(name)
    category_ = retention.parse_category(category)
    url_ = validate_url(url)
    retention.split_table_name(table)
    column_ = validate_column(column, what=say("the timestamp column"))
    account = validate_column(account_column, what=say("the account column")) if account_column is not None else None
    if account is None and account_format is not None:
        raise InvalidInput("--account-format needs --account-column.", hint="Name the column that holds the account, e.g. accountcode.")
    return TargetSpec(
        name=name_,
        category=category_,
        url=url_,
        table_name=table.strip(),
        timestamp_column=column_,
        account_column=account,
        account_format=validate_account_format(account_format),
    )


def _parse(url: str) -> URL:
    return db.parse_url(url, backends=db.TARGET_BACKENDS)


# --------------------------------------------------------------------------- who may


#: who may do what with the saved targets: the least role and the words of its refusal
_ROLE_FOR = {
    "add": (Role.ADMIN, "add a retention target"),
    "remove": (Role.ADMIN, "remove a retention target"),
}
ACTIONS = tuple(_ROLE_FOR)


def refusal(action: str, operator: OperatorInfo) -> ConsoleError | None:
    """None when ``operator`` may ``action`` (``add`` or ``remove``); else the error ``add`` or
    ``remove`` raises for it. Reading and checking targets is open to every operator."""
    if action not in _ROLE_FOR:
        raise ValueError(f"unknown action {action!r}")
    return role_refusal(operator, *_ROLE_FOR[action])


def _enforce(action: str, operator: OperatorInfo) -> None:
    error = refusal(action, operator)
    if error is not None:
        raise error


# --------------------------------------------------------------------------- reading


def _target(row: RetentionTarget) -> Target:
    return Target(
        id=row.id,
        name=row.name,
        category=row.category,
        url=row.url,
        table_name=row.table_name,
        timestamp_column=row.timestamp_column,
        account_column=row.account_column,
        account_format=row.account_format,
        created_at=row.created_at,
        created_by=row.created_by,
    )


def list_targets(sessions: sessionmaker[Session], *, category: str | None = None) -> tuple[Target, ...]:
    """Every saved target (of ``category``, when given), by category then name."""
    engine = _console_engine(sessions)
    with db.translated(engine.url), sessions() as session:
        query = select(RetentionTarget).order_by(RetentionTarget.category, RetentionTarget.name)
        if category is not None:
            query = query.where(RetentionTarget.category == retention.parse_category(category))
        return tuple(_target(row) for row in session.scalars(query))


def get(sessions: sessionmaker[Session], name: str) -> Target:
    """The saved target ``name``, or ``InvalidInput`` naming the known ones."""
    name = validate_name(name)
    engine = _console_engine(sessions)
    with db.translated(engine.url), sessions() as session:
        row = session.scalar(select(RetentionTarget).where(RetentionTarget.name == name))
        if row is None:
            raise _unknown(session, name)
        return _target(row)


def _unknown(session: Session, name: str) -> InvalidInput:
    known = ", ".join(session.scalars(select(RetentionTarget.name).order_by(RetentionTarget.name)).all()[:20]) or say("none yet")
    return InvalidInput(
        say("No retention target named {name!r} (known: {known}).", name=name, known=known),
        hint=say("Add one with: minisip-console retention target add NAME --url URL --table T --column C --password-stdin"),
    )


def _console_engine(sessions: sessionmaker[Session]) -> Engine:
    bind = sessions.kw.get("bind")
    if not isinstance(bind, Engine):  # pragma: no cover - every factory in the console is bound
        raise TypeError("the session factory is not bound to an engine")
    return bind


# --------------------------------------------------------------------------- a target's database


@contextmanager
def _about(name: str) -> Iterator[None]:
    """A ``ConsoleError`` met inside the block names the target it is about (same class, same hint)."""
    try:
        yield
    except ConsoleError as exc:
        if not exc.message.startswith(f"Retention target {name!r}: "):
            exc.message = say("Retention target {name!r}: {message}", name=name, message=exc.message)
            exc.args = (exc.message,)
        raise


def engine_for(target: Target | TargetSpec, *, password: str | None = None, interactive: bool = False, connect: bool = True) -> Engine:
    """An engine on ``target``'s database, with its password from the OS keyring (``password``
    instead, when given: ``add`` checks a new target before storing it).

    ``connect``: connect once now, so that what can go wrong is said here, naming the target: a
    locked or missing keyring (``KeyringUnavailable``), an unreachable server, a refused login or
    password (``DatabaseUnavailable``, whose hint says where the password came from: the target's
    keyring entry, or none was stored). The caller disposes of the engine (``db.dispose``)."""
    with _about(target.name):
        url = _parse(target.url)
        if password is None and url.get_backend_name() != "sqlite":
            password = secrets.get_password(target.name, kind=KEYRING_KIND)
        return _engine(target, url, password, interactive=interactive, connect=connect, noted=True)


def _engine(target: Target | TargetSpec, url: URL, password: str | None, *, interactive: bool, connect: bool, noted: bool) -> Engine:
    path = db.sqlite_path(url)
    if path is not None and not path.is_file():  # SQLite would make an empty file: a target is one that exists
        raise InvalidInput(say("The SQLite file {path} does not exist.", path=str(path)), hint=say("Check the path in the target's URL."))
    engine = db.make_engine(url, password=password, interactive=interactive, backends=db.TARGET_BACKENDS)
    if noted:  # a refused password's hint names the target's keyring entry
        db.note_target_url(engine.url, target.name)
    if connect:
        try:
            db.check_connection(engine)
        except BaseException:
            db.dispose(engine)
            raise
    return engine


def check(target: Target, *, engine: Engine | None = None) -> TargetCheck:
    """Reflect ``target`` on its database (``retention.check_target``: the table, the timestamp column,
    its index and the ``CREATE INDEX`` it lacks, RANGE partitions) and its account column.

    ``engine``: one from ``engine_for`` (else one is made, and disposed of, here). Raises
    ``InvalidInput`` naming what is wrong (no such table or column), ``DatabaseUnavailable`` or
    ``KeyringUnavailable`` when the database cannot be reached; each names the target."""
    own = engine is None
    engine = engine if engine is not None else engine_for(target)
    try:
        with _about(target.name):
            info = retention.check_target(engine, target.table_name, target.timestamp_column)
            return _checked(target, info)
    finally:
        if own:
            db.dispose(engine)


def _checked(target: Target, info: TargetInfo) -> TargetCheck:
    warnings = list(info.warnings)
    account: str | None = None
    if target.account_column is not None:
        account = next((c for c in info.columns if c.lower() == target.account_column.lower()), None)
        if account is None:
            raise InvalidInput(
                say(
                    "The table {table!r} has no column {column!r} (the account column).",
                    table=target.table_name,
                    column=target.account_column,
                ),
                hint=say("Its columns: {columns}.", columns=", ".join(info.columns)),
            )
        if account == info.column:
            raise InvalidInput(
                say(
                    "{table}.{column} is the timestamp column; the account column must be another one.",
                    table=target.table_name,
                    column=account,
                )
            )
    else:
        warnings.append(
            say(
                "{table} has no account column: legal holds cannot keep its rows (name the column with --account-column, e.g. accountcode).",
                table=target.table_name,
            )
        )
    return TargetCheck(target=target, info=info, account_column=account, warnings=tuple(warnings))


# --------------------------------------------------------------------------- adding and removing


def add(
    sessions: sessionmaker[Session],
    operator: OperatorInfo,
    spec: TargetSpec,
    *,
    password: str | None = None,
    now: dt.datetime | None = None,
) -> TargetCheck:
    """Save ``spec`` (admins only), after checking it by reflection on its database with ``password``.

    The password goes to the OS keyring before the row is written (a keyring that fails saves
    nothing), and is taken out again if the row cannot be written. The row and its
    ``retention.target_added`` event commit together. A name already saved is refused."""
    _enforce("add", operator)
    now = now or utcnow()
    console = _console_engine(sessions)
    with db.translated(console.url), sessions() as session:
        if session.scalar(select(RetentionTarget.id).where(RetentionTarget.name == spec.name)) is not None:
            raise InvalidInput(
                say("A retention target named {name!r} exists already.", name=spec.name),
                hint=say("Remove it first (minisip-console retention target remove {name}) or choose another name.", name=spec.name),
            )
    draft = Target(
        id=0,
        name=spec.name,
        category=spec.category,
        url=spec.url,
        table_name=spec.table_name,
        timestamp_column=spec.timestamp_column,
        account_column=spec.account_column,
        account_format=spec.account_format,
        created_at=now,
        created_by=operator.login,
    )
    # the password piped in (or none: a server that trusts the login); the keyring is not read, since
    # nothing of this name is stored yet
    try:
        with _about(spec.name):
            engine = _engine(draft, _parse(spec.url), password, interactive=False, connect=True, noted=False)
    except DatabaseUnavailable as exc:
        if "password" in exc.message:
            exc.hint = (
                "Check the password piped in with --password-stdin; nothing was saved."
                if password is not None
                else "Pipe the target's password in with --password-stdin; nothing was saved."
            )
        raise
    try:
        checked = check(draft, engine=engine)
    finally:
        db.dispose(engine)
    stored = False
    if password is not None:
        with _about(spec.name):
            secrets.set_password(spec.name, password, kind=KEYRING_KIND)
        stored = True
    try:
        with db.translated(console.url), sessions.begin() as session:
            row = RetentionTarget(
                name=spec.name,
                category=spec.category,
                url=spec.url,
                table_name=checked.info.table,
                timestamp_column=checked.info.column,
                account_column=checked.account_column,
                account_format=spec.account_format,
                created_at=now,
                created_by=operator.login,
            )
            session.add(row)
            session.flush()
            audit.append(
                session,
                operator=operator.login,
                action="retention.target_added",
                target_type="retention_target",
                target_id=row.id,
                details={**_details(row), "warnings": list(checked.warnings)},
                at=now,
            )
            saved = _target(row)
    except BaseException:
        if stored:
            try:
                secrets.delete_password(spec.name, kind=KEYRING_KIND)
            except ConsoleError:  # pragma: no cover - the keyring failed between two calls
                log.warning("could not take the password of retention target %r out of the keyring again", spec.name)
        raise
    log.info("added retention target %r (%s)", saved.name, db.describe(_parse(saved.url)))
    return TargetCheck(target=saved, info=checked.info, account_column=checked.account_column, warnings=checked.warnings)


def _details(row: RetentionTarget) -> dict[str, Any]:
    return {
        "name": row.name,
        "category": row.category,
        "url": row.url,
        "table": row.table_name,
        "column": row.timestamp_column,
        "account_column": row.account_column,
        "account_format": row.account_format,
    }


@dataclass(frozen=True)
class Removed:
    """What ``remove`` did: the target as it was, and whether a keyring entry went with it."""

    target: Target
    password_removed: bool

    def to_dict(self) -> dict[str, Any]:
        return {"target": self.target.to_dict(), "password_removed": self.password_removed}


def remove(sessions: sessionmaker[Session], operator: OperatorInfo, name: str, *, now: dt.datetime | None = None) -> Removed:
    """Remove the saved target ``name`` (admins only) and its keyring entry, audited
    (``retention.target_removed``) in the same transaction. Its receipts stay: they carry its name."""
    _enforce("remove", operator)
    name = validate_name(name)
    now = now or utcnow()
    console = _console_engine(sessions)
    with db.translated(console.url), sessions.begin() as session:
        row = session.scalar(select(RetentionTarget).where(RetentionTarget.name == name).with_for_update())
        if row is None:
            raise _unknown(session, name)
        target = _target(row)
        details = _details(row)
        session.delete(row)
        audit.append(
            session,
            operator=operator.login,
            action="retention.target_removed",
            target_type="retention_target",
            target_id=target.id,
            details=details,
            at=now,
        )
        session.flush()
        removed = False
        # before the commit: a keyring that fails (locked) removes nothing. A machine without a keyring
        # holds no password of it (the one that added it may be another: the row is shared, keyrings are not)
        if secrets.backend_info().usable:
            with _about(name):
                removed = secrets.delete_password(name, kind=KEYRING_KIND)
    log.info("removed retention target %r", name)
    return Removed(target=target, password_removed=removed)


def store_password(target: Target, password: str) -> TargetCheck:
    """Store ``target``'s password in this OS account's keyring, once the server took it and the table
    checks out: the targets are shared by every console on the database, the keyrings are not (a
    scheduled purge under another OS account, an admin's second machine). Any operator may: it
    changes nothing in the console's database, and only someone who knows the password can."""
    if not target.needs_password:
        raise InvalidInput(say("Retention target {name!r} is an SQLite file: it has no password.", name=target.name))
    try:
        with _about(target.name):
            engine = _engine(target, _parse(target.url), password, interactive=False, connect=True, noted=False)
    except DatabaseUnavailable as exc:
        if "password" in exc.message:
            exc.hint = "Check the password piped in; nothing was stored."
        raise
    try:
        checked = check(target, engine=engine)
    finally:
        db.dispose(engine)
    with _about(target.name):
        secrets.set_password(target.name, password, kind=KEYRING_KIND)
    log.info("stored the password of retention target %r in the OS keyring", target.name)
    return checked
