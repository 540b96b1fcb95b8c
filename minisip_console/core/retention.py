"""Retention: one policy per data category, checked targets, dry runs and batched purges with receipts.

Why one module of this size: policies, target checks, dry runs, batched purges, partitions and
receipts are one promise (CDRs gone after 30 days) whose parts share the policy row and the receipt.

The policy: "CDR records will also be deleted automatically in 30 days." A purge deletes what is
past a category's retention from its target (a table and a timestamp column, checked by
reflection: the service's ``cdrs`` table, an Asterisk ``cdr`` table, a FusionPBX ``v_xml_cdr``...).

How a purge deletes (ARCHITECTURE.md, measured facts): in batches that are ranges over the
timestamp index, each its own transaction, so the service keeps writing CDRs meanwhile and the
GUI's reads never wait for long (SQLite runs in WAL). Batches are sized by time, not by a fixed
count: each batch aims at ``BATCH_SECONDS`` and the next range is scaled from what the last one
took (``--batch-size`` sizes them by rows instead). A PostgreSQL table partitioned by range on the
timestamp loses whole partitions that lie entirely before the cutoff (dropped, or detached as the
policy says); only the boundary partition is deleted row by row.

Whether a category's promise holds is decided once, by ``CategoryStatus`` (read with ``status``
or, for every category at one moment, ``statuses``): the tab, its chart legend and dry run, the
command line and the compliance overview all read it. A daily purge always leaves rows that
turned N days old since it ran, so the promise allows rows up to the retention plus the
policy's purge interval (``interval_days``, default 1): older rows are *late* and the promise is
broken; a scheduled purge that has not run for two intervals puts it at risk.

Every run leaves a receipt (``purge_runs``) updated in the same transaction as each batch, so a
run killed at any point leaves the receipt and the data consistent: the next run finds the
receipt still ``running`` while it holds the lock, marks it ``interrupted``, names it in its own
receipt and finishes the work. Every other way a run ends goes through one closer
(``_Closing.close``): completed or unverified, time limit, cancelled, and ``failed`` with the
reason for any error (the driver's, one ``db.translated`` made, another known or unexpected
one). When the database refuses the closing write itself (another writer holds SQLite's lock
longer than its busy timeout), the closer keeps trying for ``CLOSE_SECONDS`` and says so through
the progress callback: only a run that is killed, or loses the database for longer than that,
is left ``running``. After the last batch the run verifies that the oldest remaining
row is not older than the cutoff, and audits the receipt. The finished receipt records the audit
head (``SEQ:HASH``) right after its own ``purge.run`` (or ``purge.interrupted``) event, written in
the same transaction: ``minisip-console audit verify --expect-head SEQ:HASH`` later shows the log
still holds that event unchanged.

Legal holds (``core.holds``): the rows of an account under a hold in force are kept. When the
target has an ``account_id`` column, every batch adds ``account_id IS NULL OR account_id NOT IN
(held ids)`` (the set is small; it is re-read in each batch's transaction, so a hold placed
mid-run applies from the next batch, and an account held once stays held for the whole run).
With no hold in force the statements are exactly those without holds. A whole partition with
held rows is deleted by rows instead of dropped. The receipt counts the held rows older than the
cutoff that were kept (``rows_skipped_held``) and the verification ignores them; a target
without an account column cannot keep them, and the receipt and the status say so.

Two purges never run at once on one database: the run holds ``core.plumbing.locks.exclusive`` for its
whole length, and a second start is refused naming the running receipt.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import socket
import time
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from functools import cached_property
from types import EllipsisType
from typing import TYPE_CHECKING, Any, NoReturn

from sqlalchemy import (
    ColumnElement,
    Date,
    DateTime,
    Engine,
    Integer,
    String,
    bindparam,
    case,
    column,
    func,
    inspect,
    or_,
    select,
    table,
    text,
    update,
)
from sqlalchemy.exc import DBAPIError, NoSuchTableError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.sql.expression import ColumnClause, TableClause

from minisip_console.core import audit, holds, limits
from minisip_console.core.models import (
    LegalHold,
    PurgeRun,
    RetentionPolicy,
    Role,
    utcnow,
)
from minisip_console.core.operators import OperatorInfo
from minisip_console.core.plumbing import db
from minisip_console.core.plumbing.errors import ConsoleError, DatabaseUnavailable, InvalidInput
from minisip_console.core.plumbing.locks import LockHeld, exclusive
from minisip_console.core.purposes import role_refusal
from minisip_console.core.text import Text, counted, say
from minisip_console.core.verdicts import AT_RISK, BROKEN, KEPT, NOT_CHECKED

if TYPE_CHECKING:  # core.partman imports this module; this one imports it inside the functions that need it
    from minisip_console.core.partman import PartmanVerdict

log = logging.getLogger(__name__)

#: the privacy policy's promise: "CDR records will also be deleted automatically in 30 days"
PROMISED_CDR_DAYS = 30
#: the categories, in the order the console shows them
CATEGORIES: tuple[str, ...] = ("cdr", "correspondence", "survey", "page_visit")
CATEGORY_LABELS: dict[str, str] = {
    "cdr": say("Call detail records (CDRs)"),
    "correspondence": say("Support correspondence"),
    "survey": say("Survey responses"),
    "page_visit": say("Marketing page visits"),
}
#: the same in the middle of a sentence ("The purge of call detail records (cdrs) stopped")
CATEGORY_LABELS_LOWER: dict[str, str] = {
    "cdr": say("call detail records (cdrs)"),
    "correspondence": say("support correspondence"),
    "survey": say("survey responses"),
    "page_visit": say("marketing page visits"),
}


def run_state_word(state: str) -> str:
    """A purge run's state as a word in a sentence ("time limit"), translatable."""
    words = {
        "completed": say("completed"),
        "running": say("running"),
        "interrupted": say("interrupted"),
        "failed": say("failed"),
        "cancelled": say("cancelled"),
        "time_limit": say("time limit"),
    }
    return words.get(state) or state.replace("_", " ")


def _days(n: int) -> Text:
    return counted(n, say("{count:,} day"), say("{count:,} days"))


#: each category's target in the service's own schema (the default, and what the demo uses)
DEFAULT_TARGETS = {
    "cdr": ("cdrs", "start"),
    "correspondence": ("support_messages", "sent_at"),
    "survey": ("survey_responses", "submitted_at"),
    "page_visit": ("page_visits", "visited_at"),
}
PARTITION_MODES = ("drop", "detach")
MAX_DAYS = 36_500  # a hundred years: anything longer is a typing slip
#: how often the scheduled purge runs, by default (days); a policy sets its own, 1 to ``MAX_INTERVAL_DAYS``
DEFAULT_INTERVAL_DAYS = 1
MAX_INTERVAL_DAYS = 365
#: a batch aims at this many seconds: long enough that per-batch overhead stays small against one
#: DELETE, short enough that cancel answers quickly and the service's writes never wait long
BATCH_SECONDS = 0.75
#: the first batch's row target when nothing has been measured yet
FIRST_BATCH_ROWS = 50_000
LOCK_NAME = "retention-purge"
#: the column that ties a target's rows to an account: legal holds apply through it
ACCOUNT_COLUMN = "account_id"

_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_$]{0,62}$")


# --------------------------------------------------------------------------- targets


@dataclass(frozen=True)
class Partition:
    """A partition of a PostgreSQL table partitioned by range on the timestamp column."""

    name: str  # schema-qualified when the parent is
    lower: dt.datetime | None  # None: MINVALUE
    upper: dt.datetime | None  # None: MAXVALUE; rows are below this bound
    default: bool = False

    def entirely_before(self, cutoff: dt.datetime) -> bool:
        """Every row this partition can ever hold is older than ``cutoff``."""
        return not self.default and self.upper is not None and self.upper <= cutoff


@dataclass(frozen=True)
class TargetInfo:
    """A retention target as the database describes it (by reflection)."""

    table: str  # as configured: ``name`` or ``schema.name``
    schema: str | None
    name: str
    column: str  # the timestamp column's real name
    column_type: str  # e.g. ``TIMESTAMP WITHOUT TIME ZONE``, ``DATETIME``
    aware: bool  # a ``timestamp with time zone`` column
    columns: tuple[str, ...]  # every column of the table, in order
    primary_key: tuple[str, ...]  # empty for an Asterisk ``cdr`` table
    indexed: bool  # an index leads with the timestamp column
    index_name: str | None
    create_index_sql: str | None  # the statement to run when ``indexed`` is false
    dialect: str
    partitioned: bool = False
    partition_key: str | None = None  # e.g. ``RANGE (start)``
    partitions: tuple[Partition, ...] = ()
    #: a saved target (``core.targets``): its account column's real name (None: holds cannot apply) and
    #: how an account id is written there (``acct{id}``); None: the category's own table (``account_id``)
    holds_via: tuple[str | None, str] | None = None
    #: the columns of an integer type (an account column written as the bare id compares as a number)
    integer_columns: tuple[str, ...] = ()

    @property
    def warnings(self) -> tuple[str, ...]:
        out: list[str] = []
        if not self.indexed:
            out.append(
                say(
                    "{table}.{column} has no index: every purge batch and the age chart scan the whole table. Run: {sql}",
                    table=self.table,
                    column=self.column,
                    sql=self.create_index_sql,
                )
            )
        if self.partitioned and not self.partition_key_is_column:
            out.append(
                say(
                    "{table} is partitioned by {key}, not by {column}: rows are deleted one batch at a time.",
                    table=self.table,
                    key=self.partition_key,
                    column=self.column,
                )
            )
        return tuple(out)

    @property
    def partition_key_is_column(self) -> bool:
        return bool(self.partition_key) and re.fullmatch(rf'RANGE \("?{re.escape(self.column)}"?\)', self.partition_key or "") is not None

    @property
    def account_column(self) -> str | None:
        """The column naming the account a row belongs to (None: legal holds cannot apply)."""
        if self.holds_via is not None:
            return self.holds_via[0]
        return next((c for c in self.columns if c.lower() == ACCOUNT_COLUMN), None)

    def held_values(self, held: Collection[int]) -> list[Any]:
        """The held account ids as the account column stores them (a saved target's format, e.g.
        ``acct42``; the ids themselves in the category's own table)."""
        if self.holds_via is None:
            return sorted(held)
        fmt = self.holds_via[1]
        if fmt == "{id}" and self.account_column in self.integer_columns:
            return sorted(int(i) for i in held)  # an INTEGER column: compared as numbers (PostgreSQL has no int = text)
        return sorted(fmt.replace("{id}", str(int(i))) for i in held)

    def not_held(self, held: Collection[int]) -> ColumnElement[bool] | None:
        """SQL: the row belongs to no held account (None: no hold in force, or no account column)."""
        if not held or self.account_column is None:
            return None
        acc = self._clause.c[self.account_column]
        return or_(acc.is_(None), acc.not_in(self.held_values(held)))

    def held(self, held: Collection[int]) -> ColumnElement[bool] | None:
        """SQL: the row belongs to a held account (None: no hold in force, or no account column)."""
        if not held or self.account_column is None:
            return None
        return self._clause.c[self.account_column].in_(self.held_values(held))

    @cached_property
    def _clause(self) -> TableClause:
        return table(self.name, *(column(c) for c in self.columns), schema=self.schema)

    def clause(self) -> TableClause:
        """A lightweight table construct with every column (one object per target, so statements
        that use ``clause()`` and ``ts()`` together name one FROM)."""
        return self._clause

    def ts(self) -> Any:
        """The timestamp column of ``clause()``."""
        return self._clause.c[self.column]

    def bound(self, when: dt.datetime, name: str | None = None) -> Any:
        """``when`` (aware UTC) as a bound value comparable with the timestamp column.

        PostgreSQL: aware for ``timestamptz``, naive UTC for ``timestamp``. SQLite stores text:
        the bound is ``YYYY-MM-DD HH:MM:SS`` (whole seconds), which sorts correctly against both
        SQLAlchemy's ``...SS.ffffff`` and Asterisk's ``...SS`` forms: a row in the cutoff's own
        second is kept, every older row is past it.
        """
        when = when.astimezone(dt.UTC)
        if self.dialect == "sqlite":
            return bindparam(name, when.strftime("%Y-%m-%d %H:%M:%S"), type_=String(), unique=name is None)
        value = when if self.aware else when.replace(tzinfo=None)
        return bindparam(name, value, type_=DateTime(timezone=self.aware), unique=name is None)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("integer_columns")
        if data.pop("holds_via") is not None:
            data["account_column"] = self.account_column
        data["partitions"] = [
            {"name": p.name, "lower": _iso(p.lower), "upper": _iso(p.upper), "default": p.default} for p in self.partitions
        ]
        data["warnings"] = list(self.warnings)
        return data


def split_table_name(raw: str) -> tuple[str | None, str]:
    """``"cdrs"`` -> ``(None, "cdrs")``; ``"asterisk.cdr"`` -> ``("asterisk", "cdr")``.

    Names are identifiers, never SQL: anything else is refused, so a value that looks like SQL
    never reaches a statement (statements quote the names they are given anyway).
    """
    raw = (raw or "").strip()
    parts = raw.split(".")
    if not raw or len(parts) > 2 or not all(_IDENT.match(p) for p in parts):
        raise InvalidInput(
            say("{raw!r} is not a table name.", raw=raw[:80]),
            hint=say("Give a table name such as cdr or v_xml_cdr, optionally with its schema: asterisk.cdr."),
        )
    return (parts[0], parts[1]) if len(parts) == 2 else (None, parts[0])


def _check_column_name(raw: str) -> str:
    raw = (raw or "").strip()
    if not _IDENT.match(raw):
        raise InvalidInput(
            say("{raw!r} is not a column name.", raw=raw[:80]), hint=say("Give the timestamp column's name, e.g. start or calldate.")
        )
    return raw


def _quote(engine: Engine, name: str) -> str:
    return engine.dialect.identifier_preparer.quote(name)


def check_target(engine: Engine, table_name: str, column_name: str) -> TargetInfo:
    """Reflect ``table_name.column_name`` and say whether it can be a retention target.

    Raises ``InvalidInput`` naming what is wrong: no such table, no such column (listing the
    table's date/time columns), or a column that is not a date and time.
    """
    schema, name = split_table_name(table_name)
    wanted = _check_column_name(column_name)
    with db.translated(engine.url):
        insp = inspect(engine)
        if not insp.has_table(name, schema=schema):
            similar = [t for t in insp.get_table_names(schema=schema) if "cdr" in t.lower() or name.lower() in t.lower()]
            hint = (
                say("Tables that look related: {value}.", value=", ".join(sorted(similar)[:8]))
                if similar
                else say("Check the name and the schema.")
            )
            raise InvalidInput(say("The database has no table {table_name!r}.", table_name=table_name), hint=hint)
        try:
            cols = insp.get_columns(name, schema=schema)
        except NoSuchTableError:  # pragma: no cover - dropped between the two calls
            raise InvalidInput(say("The database has no table {table_name!r}.", table_name=table_name)) from None
        by_name = {c["name"]: c for c in cols}
        col = by_name.get(wanted) or next((c for c in cols if c["name"].lower() == wanted.lower()), None)
        datetime_cols = [c["name"] for c in cols if _is_datetime(c["type"])]
        if col is None:
            hint = (
                say("Its date/time columns: {value}.", value=", ".join(datetime_cols))
                if datetime_cols
                else say("{table_name} has no date/time column.", table_name=table_name)
            )
            raise InvalidInput(say("The table {table_name!r} has no column {wanted!r}.", table_name=table_name, wanted=wanted), hint=hint)
        if not _is_datetime(col["type"]):
            kind = "a date without a time" if isinstance(col["type"], Date) else str(col["type"])
            hint = (
                say("Choose one of its date/time columns: {value}.", value=", ".join(datetime_cols))
                if datetime_cols
                else say("Retention needs a timestamp column (date and time).")
            )
            raise InvalidInput(
                say("{table_name}.{col} is {kind}, not a date and time.", table_name=table_name, col=col["name"], kind=kind), hint=hint
            )
        pk = tuple(insp.get_pk_constraint(name, schema=schema).get("constrained_columns") or ())
        index_name = None
        for ix in insp.get_indexes(name, schema=schema):
            if ix.get("column_names") and ix["column_names"][0] == col["name"]:
                index_name = ix["name"]
                break
        if index_name is None and pk and pk[0] == col["name"]:
            index_name = f"{name}_pkey"
        partition_key: str | None = None
        partitions: tuple[Partition, ...] = ()
        if engine.dialect.name == "postgresql":
            partition_key, partitions = _pg_partitions(engine, schema, name)
            if index_name is None and partition_key:
                index_name = _pg_partitioned_index(engine, schema, name, col["name"])
        elif engine.dialect.name in db.MYSQL_BACKENDS:
            partition_key, partitions = _mysql_partitions(engine, schema, name, col["name"])
    create_sql = None
    if index_name is None:
        qualified = ".".join(_quote(engine, p) for p in ((schema, name) if schema else (name,)))
        new_index = f"ix_{name}_{col['name']}"[:63]
        create_sql = f"CREATE INDEX {_quote(engine, new_index)} ON {qualified} ({_quote(engine, col['name'])});"
    return TargetInfo(
        table=table_name.strip(),
        schema=schema,
        name=name,
        column=col["name"],
        column_type=str(col["type"]),
        aware=bool(getattr(col["type"], "timezone", False)),
        columns=tuple(c["name"] for c in cols),
        primary_key=pk,
        indexed=index_name is not None,
        index_name=index_name,
        create_index_sql=create_sql,
        dialect=engine.dialect.name,
        partitioned=partition_key is not None,
        partition_key=partition_key,
        partitions=partitions,
        integer_columns=tuple(c["name"] for c in cols if isinstance(c["type"], Integer)),
    )


def _is_datetime(type_: Any) -> bool:
    return isinstance(type_, DateTime)


_BOUND = re.compile(r"FOR VALUES FROM \((?P<lo>.+?)\) TO \((?P<hi>.+?)\)$")


def _pg_partitions(engine: Engine, schema: str | None, name: str) -> tuple[str | None, tuple[Partition, ...]]:
    """The partition key and range partitions of a partitioned PostgreSQL table (else ``(None, ())``)."""
    with engine.connect() as conn:
        row = conn.execute(
            text(
                "SELECT c.oid, c.relkind, pg_get_partkeydef(c.oid) AS keydef FROM pg_class c "
                "JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE c.relname = :name AND n.nspname = COALESCE(:schema, current_schema())"
            ),
            {"name": name, "schema": schema},
        ).first()
        if row is None or row.relkind != "p":
            return None, ()
        parts = conn.execute(
            text(
                "SELECT n.nspname, c.relname, pg_get_expr(c.relpartbound, c.oid) AS bound FROM pg_inherits i "
                "JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE i.inhparent = :oid ORDER BY c.relname"
            ),
            {"oid": row.oid},
        ).all()
    out = []
    for p in parts:
        qualified = f"{p.nspname}.{p.relname}" if schema else p.relname
        if p.bound == "DEFAULT":
            out.append(Partition(qualified, None, None, default=True))
            continue
        m = _BOUND.match(p.bound or "")
        if not m:  # list or hash partitions: no time range to drop by
            continue
        try:
            out.append(Partition(qualified, _pg_bound(m["lo"]), _pg_bound(m["hi"])))
        except ValueError:  # a range of numbers (partitioned by id): no time range to drop by
            continue
    return row.keydef, tuple(sorted(out, key=lambda p: (p.default, p.lower or dt.datetime.min.replace(tzinfo=dt.UTC))))


def _pg_bound(literal: str) -> dt.datetime | None:
    literal = literal.strip()
    if literal.upper() in ("MINVALUE", "MAXVALUE"):
        return None
    value = dt.datetime.fromisoformat(literal.strip("'"))
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def _pg_partitioned_index(engine: Engine, schema: str | None, name: str, col: str) -> str | None:
    """An index on a partitioned table leading with ``col`` (older SQLAlchemy may not reflect them)."""
    with engine.connect() as conn:
        return conn.execute(
            text(
                "SELECT ic.relname FROM pg_index x JOIN pg_class ic ON ic.oid = x.indexrelid "
                "JOIN pg_class c ON c.oid = x.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = x.indkey[0] "
                "WHERE c.relname = :name AND n.nspname = COALESCE(:schema, current_schema()) AND a.attname = :col LIMIT 1"
            ),
            {"name": name, "schema": schema, "col": col},
        ).scalar()


def _iso(value: dt.datetime | None) -> str | None:
    return None if value is None else value.astimezone(dt.UTC).isoformat()


def _aware(value: Any) -> dt.datetime | None:
    """A timestamp read from any target as aware UTC (SQLite gives text, PostgreSQL naive or aware)."""
    if value is None:
        return None
    stamp: dt.datetime = dt.datetime.fromisoformat(value.strip()) if isinstance(value, str) else value
    return stamp.replace(tzinfo=dt.UTC) if stamp.tzinfo is None else stamp.astimezone(dt.UTC)


#: ``TO_DAYS(d)`` is ``d.toordinal()`` plus this (MySQL counts days from year 0)
_TO_DAYS_OFFSET = 365


def _mysql_partitions(engine: Engine, schema: str | None, name: str, col: str) -> tuple[str | None, tuple[Partition, ...]]:
    """The partition key and RANGE partitions of a partitioned MariaDB/MySQL table, from
    ``information_schema.PARTITIONS`` (else ``(None, ())``).

    A table partitioned by time on ``col`` (``RANGE COLUMNS(col)``, or ``RANGE (TO_DAYS(col))``, the
    usual form for an Asterisk ``cdr`` table) gets its key written as PostgreSQL's is, ``RANGE (col)``,
    so that ``TargetInfo`` treats both alike, and each partition its bounds in time (a partition's lower
    bound is the one before it's upper; MAXVALUE is None). A partition's name is its own, not qualified
    (``ALTER TABLE t DROP PARTITION name``). Any other method keeps MySQL's own words (``HASH (...)``) and
    no partition: there is no time range to drop by."""
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT PARTITION_NAME AS name, PARTITION_METHOD AS method, PARTITION_EXPRESSION AS expr, "
                "PARTITION_DESCRIPTION AS bound FROM information_schema.PARTITIONS "
                "WHERE TABLE_SCHEMA = COALESCE(:schema, DATABASE()) AND TABLE_NAME = :name AND PARTITION_NAME IS NOT NULL "
                "AND (SUBPARTITION_ORDINAL_POSITION IS NULL OR SUBPARTITION_ORDINAL_POSITION = 1) "
                "ORDER BY PARTITION_ORDINAL_POSITION"
            ),
            {"schema": schema, "name": name},
        ).all()
    if not rows:
        return None, ()
    method = str(rows[0].method or "").upper()
    expr = re.sub(r"\s+", "", str(rows[0].expr or "")).replace("`", "").lower()
    by_days = expr == f"to_days({col.lower()})"
    if method not in ("RANGE", "RANGE COLUMNS") or not (expr == col.lower() or (method == "RANGE" and by_days)):
        return f"{method} ({rows[0].expr})", ()
    out = []
    lower: dt.datetime | None = None
    for row in rows:
        upper = _mysql_bound(str(row.bound or ""), by_days=by_days)
        out.append(Partition(str(row.name), lower, upper))
        lower = upper
    return f"RANGE ({col})", tuple(out)


def _mysql_bound(literal: str, *, by_days: bool) -> dt.datetime | None:
    """A ``VALUES LESS THAN`` bound as aware UTC (a DATETIME column holds naive times, read as UTC like
    PostgreSQL's ``timestamp``); None for MAXVALUE."""
    literal = literal.strip()
    if literal.upper() == "MAXVALUE":
        return None
    if by_days:
        day = dt.date.fromordinal(int(literal) - _TO_DAYS_OFFSET)
        return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)
    value = dt.datetime.fromisoformat(literal.strip("'"))
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


# --------------------------------------------------------------------------- policies


@dataclass(frozen=True)
class PolicyInfo:
    category: str
    days: int | None  # None: kept until reviewed (``review_by``)
    review_by: dt.date | None
    target_table: str
    timestamp_column: str
    partition_mode: str
    updated_at: dt.datetime | None
    updated_by: str
    #: how often the scheduled purge runs (days): a row may be up to ``days + interval_days`` old
    #: between two runs before the promise is broken
    interval_days: int = DEFAULT_INTERVAL_DAYS

    @property
    def label(self) -> str:
        return CATEGORY_LABELS.get(self.category, self.category)

    @property
    def breaks_promise(self) -> bool:
        """CDRs kept longer than the policy's 30 days (or with no limit at all)."""
        return self.category == "cdr" and (self.days is None or self.days > PROMISED_CDR_DAYS)

    def review_overdue(self, today: dt.date) -> bool:
        return self.review_by is not None and self.review_by < today

    def cutoff(self, now: dt.datetime) -> dt.datetime | None:
        """Rows older than this are past retention: the next purge deletes them (``None``: the
        category has no day limit)."""
        return None if self.days is None else _floor_second(now - dt.timedelta(days=self.days))

    def late_cutoff(self, now: dt.datetime) -> dt.datetime | None:
        """Rows older than this are late: past the retention plus the purge interval, so even a
        purge run on schedule should have deleted them (``None``: no day limit)."""
        return None if self.days is None else _floor_second(now - dt.timedelta(days=self.days + self.interval_days))

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.update(label=self.label, breaks_promise=self.breaks_promise, updated_at=_iso(self.updated_at))
        data["review_by"] = self.review_by.isoformat() if self.review_by else None
        return data


def _policy_info(row: RetentionPolicy) -> PolicyInfo:
    return PolicyInfo(
        category=row.category,
        days=row.days,
        review_by=row.review_by,
        target_table=row.target_table,
        timestamp_column=row.timestamp_column,
        partition_mode=row.partition_mode or "drop",
        updated_at=row.updated_at,
        updated_by=row.updated_by or "",
        interval_days=int(row.interval_days or DEFAULT_INTERVAL_DAYS),
    )


def _default_policy(category: str) -> PolicyInfo:
    target, col = DEFAULT_TARGETS[category]
    return PolicyInfo(
        category=category,
        days=PROMISED_CDR_DAYS if category == "cdr" else None,
        review_by=None,
        target_table=target,
        timestamp_column=col,
        partition_mode="drop",
        updated_at=None,
        updated_by="",
    )


def list_policies(session: Session) -> tuple[PolicyInfo, ...]:
    """Every category's policy in display order; a category never configured shows its default
    (CDRs: the promised 30 days; others: no limit and no review date, which the tab flags)."""
    rows = {r.category: r for r in session.scalars(select(RetentionPolicy))}
    out = [_policy_info(rows.pop(c)) if c in rows else _default_policy(c) for c in CATEGORIES]
    out += [_policy_info(r) for _, r in sorted(rows.items())]
    return tuple(out)


def get_policy(session: Session, category: str) -> PolicyInfo:
    category = parse_category(category)
    row = session.scalar(select(RetentionPolicy).where(RetentionPolicy.category == category))
    return _policy_info(row) if row is not None else _default_policy(category)


def parse_category(raw: str) -> str:
    value = (raw or "").strip().lower().replace("-", "_")
    aliases = {"cdrs": "cdr", "page_visits": "page_visit", "surveys": "survey"}
    value = aliases.get(value, value)
    if value not in CATEGORIES:
        raise InvalidInput(say("Unknown data category {raw!r}.", raw=raw), hint=say("Use one of: {value}.", value=", ".join(CATEGORIES)))
    return value


def validate_days(raw: int | str | None, *, category: str) -> int | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if category == "cdr":
            raise InvalidInput(
                say("CDRs need a retention in days."),
                hint=say("The privacy policy promises at most {PROMISED_CDR_DAYS}.", PROMISED_CDR_DAYS=PROMISED_CDR_DAYS),
            )
        return None
    try:  # the one whole-number rule (core.limits): ASCII digits, so "+5", "1_0" or "١٢" are not days
        days = limits.whole_number(raw if isinstance(raw, int) else str(raw), minimum=-limits.INT64_MAX)
    except InvalidInput:
        raise InvalidInput(
            say("{value} is not a number of days.", value=limits.shown(raw)), hint=say("Give a whole number such as 30.")
        ) from None
    if days <= 0:
        raise InvalidInput(say("A retention of {days} days would delete everything at once.", days=days), hint=say("Give at least 1 day."))
    if days > MAX_DAYS:
        raise InvalidInput(
            say("{days} days is more than {value} years.", days=days, value=MAX_DAYS // 365), hint=say("Give a shorter retention.")
        )
    return days


def validate_interval(raw: int | str) -> int:
    """How often the scheduled purge runs, in days: a whole number from 1 to ``MAX_INTERVAL_DAYS``
    (the one whole-number rule, ``limits.whole_number``)."""
    try:
        return limits.whole_number(
            raw if isinstance(raw, int) else str(raw), what="a purge interval in days", minimum=1, maximum=MAX_INTERVAL_DAYS
        )
    except InvalidInput as exc:
        raise InvalidInput(
            exc.message,
            hint=say(
                "Give how often the scheduled purge runs, in whole days from 1 to {MAX_INTERVAL_DAYS} (1: daily).",
                MAX_INTERVAL_DAYS=MAX_INTERVAL_DAYS,
            ),
        ) from None


#: who may do what with the retention: the least role and the words of its refusal
_ROLE_FOR = {
    "purge": (Role.OPERATOR, say("purge data past its retention")),
    "set_policy": (Role.ADMIN, say("change a retention policy")),
}
ACTIONS = tuple(_ROLE_FOR)


def refusal(action: str, operator: OperatorInfo) -> ConsoleError | None:
    """None when ``operator`` may ``action`` (one of ``ACTIONS``); else the error ``purge`` or
    ``set_policy`` raises for it. The window shows its sentence beside the button (a dry run
    is open to everyone)."""
    if action not in _ROLE_FOR:
        raise ValueError(f"unknown action {action!r}")
    return role_refusal(operator, *_ROLE_FOR[action])


def _enforce(action: str, operator: OperatorInfo) -> None:
    error = refusal(action, operator)
    if error is not None:
        raise error


def set_policy(
    sessions: sessionmaker[Session],
    operator: OperatorInfo,
    category: str,
    *,
    days: int | str | None,
    review_by: dt.date | None = None,
    target_table: str | None = None,
    timestamp_column: str | None = None,
    partition_mode: str | None = None,
    interval_days: int | str | None = None,
    now: dt.datetime | None = None,
) -> PolicyInfo:
    """Change a category's policy (admins only); the target is checked by reflection first and the
    change is audited with the old and new values (a policy holds no personal data)."""
    _enforce("set_policy", operator)
    category = parse_category(category)
    days_ = validate_days(days, category=category)
    interval = None if interval_days is None or (isinstance(interval_days, str) and not interval_days.strip()) else interval_days
    interval_ = validate_interval(interval) if interval is not None else None
    if days_ is None and review_by is None:
        raise InvalidInput(
            say("{label} need a retention in days or a date to review them by.", label=CATEGORY_LABELS[category]),
            hint=say("The policy keeps data only as long as it makes sense: set one of the two."),
        )
    mode = (partition_mode or "drop").strip().lower()
    if mode not in PARTITION_MODES:
        raise InvalidInput(
            say("Unknown partition mode {partition_mode!r}.", partition_mode=partition_mode), hint=say("Use drop or detach.")
        )
    now = now or utcnow()
    with sessions() as session:
        current = get_policy(session, category)
    table_name = (target_table or current.target_table).strip()
    column_name = (timestamp_column or current.timestamp_column).strip()
    engine = _engine(sessions)
    target = check_target(engine, table_name, column_name)
    with db.translated(engine.url), sessions.begin() as session:
        row = session.scalar(select(RetentionPolicy).where(RetentionPolicy.category == category))
        if row is None:
            row = RetentionPolicy(category=category, target_table=target.table, timestamp_column=target.column)
            session.add(row)
        before = {
            "days": row.days,
            "review_by": _date(row.review_by),
            "target": f"{row.target_table}.{row.timestamp_column}" if row.id else None,
            "partition_mode": row.partition_mode,
            "interval_days": row.interval_days,
        }
        row.days, row.review_by = days_, review_by
        row.target_table, row.timestamp_column, row.partition_mode = target.table, target.column, mode
        if interval_ is not None:  # None: unchanged (a new row takes the default)
            row.interval_days = interval_
        elif row.interval_days is None:
            row.interval_days = DEFAULT_INTERVAL_DAYS
        row.updated_at, row.updated_by = now, operator.login
        session.flush()
        after = {
            "days": days_,
            "review_by": _date(review_by),
            "target": f"{target.table}.{target.column}",
            "partition_mode": mode,
            "interval_days": row.interval_days,
        }
        audit.append(
            session,
            operator=operator.login,
            action="retention.set",
            target_type="retention_policy",
            target_id=row.id,
            details={
                "category": category,
                "before": before,
                "after": after,
                "breaks_promise": category == "cdr" and days_ is not None and days_ > PROMISED_CDR_DAYS,
            },
            at=now,
        )
        return _policy_info(row)


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _engine(sessions: sessionmaker[Session]) -> Engine:
    bind = sessions.kw.get("bind")
    if not isinstance(bind, Engine):  # pragma: no cover - every factory in the console is bound
        raise TypeError("the session factory is not bound to an engine")
    return bind


# --------------------------------------------------------------------------- legal holds


def held_ids(conn: Any, now: dt.datetime) -> set[int]:
    """Accounts under a legal hold in force at ``now`` or at this moment (a hold placed since the
    run's ``now`` keeps its rows too): one small indexed query on ``legal_holds``."""
    current = utcnow()
    active = holds.active_clause(now) if current <= now else or_(holds.active_clause(now), holds.active_clause(current))
    return set(conn.execute(select(LegalHold.account_id).where(active).distinct()).scalars())


def holds_warning(target: TargetInfo, held: Collection[int], *, always: bool = False) -> str | None:
    """What to say when legal holds cannot apply to ``target`` (it has no account column)."""
    if target.account_column is not None or not (held or always):
        return None
    if held:
        return counted(
            len(held),
            say(
                "{count} account is under a legal hold, but {table} has no {column} column: "
                "a purge cannot tell their rows apart and deletes them with the rest."
            ),
            say(
                "{count} accounts are under a legal hold, but {table} has no {column} column: "
                "a purge cannot tell their rows apart and deletes them with the rest."
            ),
            table=target.table,
            column=ACCOUNT_COLUMN,
        )
    return say(
        "{table} has no {column} column: a legal hold cannot keep an account's rows from a purge.",
        table=target.table,
        column=ACCOUNT_COLUMN,
    )


def _count_held(conn: Any, target: TargetInfo, cutoff: dt.datetime, held: Collection[int]) -> int:
    """Rows of held accounts older than the cutoff (what a purge keeps for the holds)."""
    cond = target.held(held)
    if cond is None:
        return 0
    ts = target.ts()
    return int(conn.execute(select(func.count()).select_from(target.clause()).where(ts < target.bound(cutoff), cond)).scalar() or 0)


def _keep(cond: ColumnElement[bool], target: TargetInfo, held: Collection[int]) -> ColumnElement[bool]:
    """``cond`` restricted to rows of accounts under no hold (unchanged when no hold is in force)."""
    extra = target.not_held(held)
    return cond if extra is None else cond & extra


# --------------------------------------------------------------------------- dry run and status


@dataclass(frozen=True)
class PurgePlan:
    """What a purge of one category would delete now: the dry run."""

    category: str
    days: int
    cutoff: dt.datetime
    target: TargetInfo
    rows: int  # rows older than the cutoff
    oldest: dt.datetime | None
    newest: dt.datetime | None  # the newest of those rows
    partitions: tuple[Partition, ...]  # whole partitions a purge would drop or detach
    partition_mode: str
    running: tuple[int, ...]  # receipts still marked running (a live purge, or an interrupted one)
    held: int = 0  # rows older than the cutoff a purge keeps for a legal hold
    holds_warning: str | None = None  # holds are in force but cannot apply to this target
    #: the moment the cutoff was computed from (a status's ``now``: the dry run counts at its cutoff)
    now: dt.datetime | None = None
    #: the target is a pg_partman parent: what its purge does instead of deleting (``core.partman``)
    kept_by: str | None = None
    #: a saved target's name (``core.targets``); None: the category's own table
    target_name: str | None = None
    #: its partitions past the cutoff are deleted by rows, not dropped, and why (``_by_rows``)
    by_rows: str | None = None

    @property
    def warnings(self) -> tuple[str, ...]:
        return (
            self.target.warnings
            + ((self.holds_warning,) if self.holds_warning else ())
            + ((self.kept_by,) if self.kept_by else ())
            + ((self.by_rows,) if self.by_rows else ())
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "category": self.category,
            "days": self.days,
            "cutoff": _iso(self.cutoff),
            "target": f"{self.target.table}.{self.target.column}",
            "rows": self.rows,
            "oldest": _iso(self.oldest),
            "newest": _iso(self.newest),
            "partitions": [p.name for p in self.partitions],
            "partition_mode": self.partition_mode,
            "running": list(self.running),
            "held": self.held,
            "warnings": list(self.warnings),
            "now": _iso(self.now),
        } | ({"target_name": self.target_name} if self.target_name is not None else {})


def _policy_target(sessions: sessionmaker[Session], category: str) -> tuple[PolicyInfo, TargetInfo]:
    with db.translated(_engine(sessions).url), sessions() as session:
        policy = get_policy(session, category)
    return policy, check_target(_engine(sessions), policy.target_table, policy.timestamp_column)


def purgeable_categories(sessions: sessionmaker[Session]) -> tuple[str, ...]:
    """Categories with a day limit (a category kept until a review date is never purged)."""
    with db.translated(_engine(sessions).url), sessions() as session:
        return tuple(p.category for p in list_policies(session) if p.days is not None)


def plan(sessions: sessionmaker[Session], category: str = "cdr", *, now: dt.datetime | None = None, target: str | None = None) -> PurgePlan:
    """Count what a purge would delete and its time range; changes nothing.

    The rows counted are those ``status`` calls ``overdue`` (the same predicate the purge deletes
    by): given the ``now`` of a status, the dry run counts at that status's cutoff. ``target``: the
    saved target of that name instead (counted on its own database)."""
    if target is not None:
        from minisip_console.core import targets

        saved = targets.get(sessions, target)
        work = targets.engine_for(saved)
        try:
            return _plan_saved(sessions, saved, work, _floor_second(now or utcnow()))
        finally:
            db.dispose(work)
    category = parse_category(category)
    now = _floor_second(now or utcnow())
    policy, target_info = _policy_target(sessions, category)
    return _plan(sessions, policy, target_info, _engine(sessions), now, None)


def _plan_saved(sessions: sessionmaker[Session], saved: Any, work: Engine, now: dt.datetime) -> PurgePlan:
    with db.translated(_engine(sessions).url), sessions() as session:
        policy = get_policy(session, saved.category)
        held = held_ids(session.connection(), now)
    with db.translated(work.url):
        return _plan(sessions, policy, _saved_info(saved, work), work, now, saved, held)


def _plan(
    sessions: sessionmaker[Session],
    policy: PolicyInfo,
    target: TargetInfo,
    work: Engine,
    now: dt.datetime,
    saved: Any,
    saved_held: set[int] | None = None,
) -> PurgePlan:
    category = policy.category
    cutoff = policy.cutoff(now)
    if cutoff is None:
        raise InvalidInput(
            say("{label} have no retention in days, only a review date: nothing is purged automatically.", label=policy.label),
            hint=say("Set a number of days for this category to purge it."),
        )
    engine = _engine(sessions)
    ts = target.ts()
    with db.translated(engine.url), engine.connect() as conn:
        running = tuple(conn.execute(select(PurgeRun.id).where(PurgeRun.state == "running").order_by(PurgeRun.id)).scalars())
    with db.translated(work.url), work.connect() as conn:
        by_rows = _by_rows(conn, target, cutoff) if saved is not None else None
        droppable = by_rows is None
        held = held_ids(conn, now) if saved_held is None else saved_held
        rows, oldest, newest = conn.execute(
            select(func.count(), func.min(ts), func.max(ts))
            .select_from(target.clause())
            .where(_keep(ts < target.bound(cutoff), target, held))
        ).one()
        kept = _count_held(conn, target, cutoff, held)
        parts = (
            tuple(p for p in target.partitions if p.entirely_before(cutoff) and not _partition_held(conn, target, p, held))
            if target.partition_key_is_column and droppable
            else ()
        )
    from minisip_console.core import partman

    kept_by = partman.plan_for(work, target) if saved is None or work.dialect.name == "postgresql" else None
    if kept_by is not None:  # pg_partman's maintenance drops what its own retention says, not the console's cutoff
        parts = tuple(p for p in target.partitions if p.name.rpartition(".")[2] in kept_by.due)
    return PurgePlan(
        category=category,
        days=policy.days or 0,
        cutoff=cutoff,
        target=target,
        rows=int(rows or 0),
        oldest=_aware(oldest),
        newest=_aware(newest),
        partitions=parts,
        partition_mode=policy.partition_mode,
        running=running,
        held=kept,
        holds_warning=holds_warning(target, held),
        now=now,
        kept_by=kept_by.note if kept_by is not None else None,
        target_name=saved.name if saved is not None else None,
        by_rows=by_rows if kept_by is None else None,
    )


@dataclass(frozen=True)
class Receipt:
    """A purge run as recorded in ``purge_runs``."""

    id: int
    category: str
    state: str
    cutoff: dt.datetime
    target: str
    started_at: dt.datetime
    finished_at: dt.datetime | None
    started_by: str
    trigger: str
    rows_estimated: int | None
    rows_deleted: int
    oldest_deleted: dt.datetime | None
    newest_deleted: dt.datetime | None
    batches: int
    duration_ms: int | None
    partitions: tuple[str, ...]
    resumed_runs: tuple[int, ...]
    rows_skipped_held: int
    verified: bool | None
    oldest_remaining: dt.datetime | None
    error: str | None
    host: str
    pid: int | None
    #: ``SEQ:HASH``: the audit head right after the event that finished this receipt (``purge.run``,
    #: or ``purge.interrupted`` for a run a later one closed), recorded in the same transaction as
    #: that event; None while running, and for receipts finished before the head was recorded
    audit_head: str | None = None
    #: the saved target purged (``core.targets``); None: the category's own table
    target_name: str | None = None

    @property
    def ok(self) -> bool:
        return self.state == "completed" and bool(self.verified)

    @property
    def summary(self) -> str:
        what = counted(self.rows_deleted, say("{count:,} row deleted"), say("{count:,} rows deleted"))
        if self.partitions:
            whole = counted(len(self.partitions), say("{count:,} whole partition"), say("{count:,} whole partitions"))
            what = say("{what} (including {partitions})", what=what, partitions=whole)
        if self.rows_skipped_held:
            what = say("{what}, {held:,} kept for a legal hold", what=what, held=self.rows_skipped_held)
        if self.state == "completed":
            if not self.verified:
                check = say("NOT verified")
            elif self.rows_skipped_held:
                check = say("verified: nothing older than the cutoff remains but the held rows")
            else:
                check = say("verified: nothing older than the cutoff remains")
            done = say("{what}; {check}", what=what, check=check)
            return say("{summary}; warning: {error}", summary=done, error=self.error) if self.error else done
        if self.state == "running":
            return say("running: {what} so far", what=what)
        state = run_state_word(self.state)
        return (
            say("{state} after {what}: {error}", state=state, what=what, error=self.error)
            if self.error
            else say("{state} after {what}", state=state, what=what)
        )

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        if data["target_name"] is None:
            del data["target_name"]  # the category's own table: as before targets existed
        for key in ("cutoff", "started_at", "finished_at", "oldest_deleted", "newest_deleted", "oldest_remaining"):
            data[key] = _iso(data[key])
        data["partitions"] = list(self.partitions)
        data["resumed_runs"] = list(self.resumed_runs)
        data["ok"] = self.ok
        data["summary"] = self.summary
        return data


def _receipt(row: Any) -> Receipt:
    return Receipt(
        id=row.id,
        category=row.category,
        state=row.state,
        cutoff=row.cutoff,
        target=f"{row.target_table}.{row.timestamp_column}" if row.target_table else "",
        started_at=row.started_at,
        finished_at=row.finished_at,
        started_by=row.started_by,
        trigger=row.trigger,
        rows_estimated=row.rows_estimated,
        rows_deleted=int(row.rows_deleted or 0),
        oldest_deleted=row.oldest_deleted,
        newest_deleted=row.newest_deleted,
        batches=int(row.batches or 0),
        duration_ms=row.duration_ms,
        partitions=tuple(json.loads(row.partitions)) if row.partitions else (),
        resumed_runs=tuple(int(x) for x in row.resumed_runs.split(",") if x) if row.resumed_runs else (),
        rows_skipped_held=int(row.rows_skipped_held or 0),
        verified=row.verified,
        oldest_remaining=row.oldest_remaining,
        error=row.error,
        host=row.host or "",
        pid=row.pid,
        audit_head=row.audit_head,
        target_name=getattr(row, "target_name", None),
    )


def receipts(
    sessions: sessionmaker[Session], *, category: str | None = None, limit: int = 50, target_name: str | None | EllipsisType = ...
) -> tuple[Receipt, ...]:
    """The latest receipts, newest first (dry runs are not recorded: they change nothing).
    ``target_name``: only that saved target's receipts; ``None``: only those of the categories' own
    tables; left out: every receipt."""
    stmt = select(PurgeRun).where(PurgeRun.dry_run.is_(False)).order_by(PurgeRun.started_at.desc(), PurgeRun.id.desc()).limit(limit)
    if category:
        stmt = stmt.where(PurgeRun.category == parse_category(category))
    if target_name is None:
        stmt = stmt.where(PurgeRun.target_name.is_(None))
    elif isinstance(target_name, str):
        stmt = stmt.where(PurgeRun.target_name == target_name)
    with db.translated(_engine(sessions).url), sessions() as session:
        return tuple(_receipt(r) for r in session.scalars(stmt))


def receipt(sessions: sessionmaker[Session], run_id: int) -> Receipt:
    with db.translated(_engine(sessions).url), sessions() as session:
        row = session.get(PurgeRun, run_id)
        if row is None:
            raise InvalidInput(say("There is no purge run {run_id}.", run_id=run_id))
        return _receipt(row)


@dataclass(frozen=True)
class CategoryStatus:
    """Whether one category's promise holds right now: the ONE definition of its verdict, read by
    the retention tab (banner, figures, chart legend, dry run), the command line and the
    compliance overview.

    Every count is taken at one ``now``: ``cutoff`` (the retention) and ``late_cutoff`` (the
    retention plus the purge interval) both come from it, so a screen that shows one status shows
    one set of numbers.

    - ``overdue``: rows the next purge deletes (older than ``cutoff``; rows of accounts under a
      legal hold excluded). A daily purge always leaves some: they are not a broken promise.
    - ``late``: rows older than ``late_cutoff`` (holds excluded): even a purge on schedule should
      have deleted them.
    - ``held``: rows older than ``cutoff`` kept for a legal hold, counted apart (never broken).

    The verdict (``core.verdicts``): *broken* when a row is late, the policy itself breaks the
    promise, or its review date has passed; *not checked* when the target cannot be read (and
    the policy breaks nothing): nothing is known about its rows, so it is neither kept nor
    broken, and never reads as kept; *at risk* when nothing is late but the scheduled purge has
    not run for more than two intervals (or never ran while the target holds rows), its last run
    did not complete, or the category has no limit at all; *kept* otherwise.
    """

    policy: PolicyInfo
    target: TargetInfo | None
    target_error: str | None  # the target cannot be checked (a table or column missing...)
    total: int
    overdue: int  # rows older than the cutoff (holds excluded): what the next purge deletes
    oldest: dt.datetime | None
    cutoff: dt.datetime | None
    last_run: Receipt | None
    now: dt.datetime
    held: int = 0  # rows older than the cutoff kept for a legal hold: not a broken promise
    holds_warning: str | None = None  # the target has no account column: holds cannot apply
    late: int = 0  # rows older than the retention plus the purge interval (holds excluded)
    late_cutoff: dt.datetime | None = None
    #: the newest non-dry run the scheduler started for this category (whatever its outcome)
    last_scheduled: Receipt | None = None
    #: the target is a pg_partman parent: its settings' verdict (``core.partman``); None: it is not one
    partman: PartmanVerdict | None = None
    #: a saved target's name (``core.targets``); None: the category's own table
    target_name: str | None = None

    @property
    def kept_by(self) -> str | None:
        """``"pg_partman"`` when pg_partman's maintenance drops the target's old partitions (the console
        verifies, and never deletes rows in them); None when the console's purge deletes them."""
        return None if self.partman is None else "pg_partman"

    def _partman_reasons(self, level: str) -> tuple[str, ...]:
        return () if self.partman is None else self.partman.reasons(level)

    @property
    def oldest_age_days(self) -> int | None:
        return None if self.oldest is None else max(0, (self.now - self.oldest).days)

    @property
    def interval_days(self) -> int:
        return self.policy.interval_days

    @property
    def warnings(self) -> tuple[str, ...]:
        """The target's warnings (a missing index...) and whether legal holds can apply to it."""
        found = self.target.warnings if self.target is not None else ()
        return found + ((self.holds_warning,) if self.holds_warning else ())

    @property
    def review_overdue(self) -> bool:
        return self.policy.review_overdue(self.now.date())

    @property
    def scheduled_age_days(self) -> int | None:
        """Whole days since the last scheduled purge started (None: it never ran)."""
        if self.last_scheduled is None:
            return None
        return max(0, (self.now - _aware_dt(self.last_scheduled.started_at)).days)

    @property
    def scheduled_overdue(self) -> bool:
        """The scheduled purge is late: its last run started more than two intervals ago, or it
        never ran while the target holds rows (only for a category purged by days)."""
        if self.policy.days is None or (self.partman is not None and self.partman.config.maintained_by_bgw):
            return False  # pg_partman's background worker runs the maintenance, not the console's scheduled purge
        if self.last_scheduled is None:
            return self.total > 0
        return self.now - _aware_dt(self.last_scheduled.started_at) > dt.timedelta(days=2 * self.interval_days)

    @property
    def _broken(self) -> tuple[str, ...]:
        out: list[str] = []
        if self.policy.breaks_promise:
            out.append(
                say(
                    "The retention is {days} days: the privacy policy promises {promised}.",
                    days=self.policy.days,
                    promised=PROMISED_CDR_DAYS,
                )
                if self.policy.days
                else say("The retention is unlimited days: the privacy policy promises {promised}.", promised=PROMISED_CDR_DAYS)
            )
        if self.late:
            limit = (self.policy.days or 0) + self.interval_days
            out.append(
                counted(
                    self.late,
                    say(
                        "{count:,} row is older than {limit} (the retention of {days} plus the purge interval of "
                        "{interval}): a purge on schedule would have deleted it."
                    ),
                    say(
                        "{count:,} rows are older than {limit} (the retention of {days} plus the purge interval of "
                        "{interval}): a purge on schedule would have deleted them."
                    ),
                    limit=_days(limit),
                    days=_days(self.policy.days or 0),
                    interval=_days(self.interval_days),
                )
            )
        if self.review_overdue:
            out.append(
                say(
                    "The review date {review_by} has passed: decide whether keeping them still makes sense.",
                    review_by=self.policy.review_by,
                )
            )
        return tuple(out)

    @property
    def _at_risk(self) -> tuple[str, ...]:
        out: list[str] = []
        p = self.policy
        if p.days is None and p.review_by is None:
            out.append(say("No retention in days and no review date: nothing decides when these rows are deleted."))
        if self.scheduled_overdue:
            every = say("daily") if self.interval_days == 1 else say("every {days}", days=_days(self.interval_days))
            if self.last_scheduled is None and self.target_name is not None:
                out.append(
                    say(
                        "The scheduled purge has never run on the retention target {name} (it should run {every}).",
                        name=self.target_name,
                        every=every,
                    )
                )
            elif self.last_scheduled is None:
                out.append(say("The scheduled purge has never run for this category (it should run {every}).", every=every))
            else:
                out.append(
                    say(
                        "The scheduled purge last ran {days} ago (run {run}); it should run {every}.",
                        days=_days(self.scheduled_age_days or 0),
                        run=self.last_scheduled.id,
                        every=every,
                    )
                )
        elif p.days is not None and self.last_scheduled is not None and self.last_scheduled.state not in ("completed", "running"):
            r = self.last_scheduled
            state = run_state_word(r.state)
            out.append(
                say("The last scheduled purge (run {run}) ended {state}: {error}", run=r.id, state=state, error=r.error)
                if r.error
                else say("The last scheduled purge (run {run}) ended {state}.", run=r.id, state=state)
            )
        return tuple(out)

    @property
    def verdict(self) -> str:
        """``"kept"``, ``"at risk"``, ``"broken"`` or ``"not checked"`` (``core.verdicts``)."""
        if self._broken or self._partman_reasons(BROKEN):
            return BROKEN
        if self.target_error or self._partman_reasons(NOT_CHECKED):
            return NOT_CHECKED
        if self._at_risk or self._partman_reasons(AT_RISK):
            return AT_RISK
        return KEPT

    @property
    def reasons(self) -> tuple[str, ...]:
        """Why the category is not kept, one sentence each (empty when kept): what breaks it first,
        then why it could not be checked, then what puts it at risk."""
        return (
            self._broken
            + self._partman_reasons(BROKEN)
            + ((self.target_error,) if self.target_error else ())
            + self._partman_reasons(NOT_CHECKED)
            + self._at_risk
            + self._partman_reasons(AT_RISK)
        )

    @property
    def kept(self) -> bool:
        """Green: the verdict is ``kept``."""
        return self.verdict == KEPT

    @property
    def problems(self) -> tuple[str, ...]:
        """The reasons (the name older callers use)."""
        return self.reasons

    def to_dict(self) -> dict[str, Any]:
        return {
            "category": self.policy.category,
            "policy": self.policy.to_dict(),
            "target": self.target.to_dict() if self.target else None,
            "target_error": self.target_error,
            "total": self.total,
            "overdue": self.overdue,
            "held": self.held,
            "oldest": _iso(self.oldest),
            "oldest_age_days": self.oldest_age_days,
            "cutoff": _iso(self.cutoff),
            "last_run": self.last_run.to_dict() if self.last_run else None,
            "kept": self.kept,
            "problems": list(self.problems),
            "warnings": list(self.warnings),
            "now": _iso(self.now),
            "verdict": self.verdict,
            "reasons": list(self.reasons),
            "late": self.late,
            "late_cutoff": _iso(self.late_cutoff),
            "interval_days": self.interval_days,
            "last_scheduled": self.last_scheduled.to_dict() if self.last_scheduled else None,
            "scheduled_age_days": self.scheduled_age_days,
            "scheduled_overdue": self.scheduled_overdue,
            "kept_by": self.kept_by,
            "partman": self.partman.to_dict() if self.partman is not None else None,
        } | ({"target_name": self.target_name} if self.target_name is not None else {})


def _aware_dt(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def _past(conn: Any, target: TargetInfo, cutoff: dt.datetime, late_cutoff: dt.datetime, held: Collection[int]) -> tuple[int, int]:
    """``(overdue, late)``: rows older than ``cutoff`` and than ``late_cutoff``, holds excluded, in
    one statement (the purge deletes exactly the first set: ``_keep(ts < cutoff)``)."""
    ts = target.ts()
    is_late = case((ts < target.bound(late_cutoff), 1), else_=0)
    overdue, late = conn.execute(
        select(func.count(), func.coalesce(func.sum(is_late), 0))
        .select_from(target.clause())
        .where(_keep(ts < target.bound(cutoff), target, held))
    ).one()
    return int(overdue or 0), int(late or 0)


def _last(session: Session, category: str, *, trigger: str | None = None, target_name: str | None = None) -> Receipt | None:
    stmt = select(PurgeRun).where(PurgeRun.category == category, PurgeRun.dry_run.is_(False))
    # a category's own table, or one saved target: each has its own receipts
    stmt = stmt.where(PurgeRun.target_name.is_(None) if target_name is None else PurgeRun.target_name == target_name)
    if trigger is not None:
        stmt = stmt.where(PurgeRun.trigger == trigger)
    row = session.scalars(stmt.order_by(PurgeRun.started_at.desc(), PurgeRun.id.desc()).limit(1)).first()
    return _receipt(row) if row is not None else None


def status(
    sessions: sessionmaker[Session], category: str = "cdr", *, now: dt.datetime | None = None, target: str | None = None
) -> CategoryStatus:
    """Totals, overdue and late rows, the oldest row, the last purge, the last scheduled purge and
    the verdict for one category, all at one ``now`` (give the same ``now`` to read several
    categories, or the dry run, at one moment). ``target``: the saved target of that name instead
    (its category's policy; its rows read on its own database)."""
    if target is not None:
        from minisip_console.core import targets

        saved = targets.get(sessions, target)
        return _status(sessions, saved.category, _floor_second(now or utcnow()), saved)
    return _status(sessions, parse_category(category), _floor_second(now or utcnow()), None)


def _status(sessions: sessionmaker[Session], category: str, now: dt.datetime, saved: Any) -> CategoryStatus:
    engine = _engine(sessions)
    name = saved.name if saved is not None else None
    with db.translated(engine.url), sessions() as session:
        policy = get_policy(session, category)
        last_run = _last(session, category, target_name=name)
        last_scheduled = _last(session, category, trigger="scheduler", target_name=name)
        held = held_ids(session.connection(), now) if saved is not None else set()
    reading = _Reading(policy, now, last_run, last_scheduled, name)
    if saved is not None:
        return _saved_status(saved, reading, held)
    from minisip_console.core import partman

    try:
        target = check_target(engine, policy.target_table, policy.timestamp_column)
        kept_by = partman.status_for(engine, target, policy, now)  # None: not a pg_partman parent
    except InvalidInput as exc:
        return reading.unchecked(str(exc))
    return reading.counted(engine, target, None, kept_by)


@dataclass(frozen=True)
class _Reading:
    """What a status is read against (the policy, ``now``, the last runs), and the two ways it ends:
    the target's figures counted on its engine, or *not checked* with the reason."""

    policy: PolicyInfo
    now: dt.datetime
    last_run: Receipt | None
    last_scheduled: Receipt | None
    target_name: str | None = None  # a saved target's (``core.targets``); None: the category's own table

    def unchecked(self, reason: str) -> CategoryStatus:
        p = self.policy
        return CategoryStatus(
            p,
            None,
            reason,
            0,
            0,
            None,
            p.cutoff(self.now),
            self.last_run,
            self.now,
            late_cutoff=p.late_cutoff(self.now),
            last_scheduled=self.last_scheduled,
            target_name=self.target_name,
        )

    def counted(self, engine: Engine, target: TargetInfo, held: set[int] | None, kept_by: PartmanVerdict | None) -> CategoryStatus:
        """Totals, overdue, late and held rows of ``target`` on ``engine`` (``held``: the holds, or None
        to read them in the same connection: the category's own table is in the console's database)."""
        p, now = self.policy, self.now
        cutoff, late_cutoff = p.cutoff(now), p.late_cutoff(now)
        ts = target.ts()
        with db.translated(engine.url), engine.connect() as conn:
            total, oldest = conn.execute(select(func.count(), func.min(ts)).select_from(target.clause())).one()
            held = held_ids(conn, now) if held is None else held
            overdue = late = kept = 0
            if cutoff is not None and late_cutoff is not None:
                overdue, late = _past(conn, target, cutoff, late_cutoff, held)
                kept = _count_held(conn, target, cutoff, held)
        return CategoryStatus(
            p,
            target,
            None,
            int(total or 0),
            overdue,
            _aware(oldest),
            cutoff,
            self.last_run,
            now,
            kept,
            holds_warning(target, held, always=p.category == "cdr"),
            late=late,
            late_cutoff=late_cutoff,
            last_scheduled=self.last_scheduled,
            partman=kept_by,
            target_name=self.target_name,
        )


def _saved_status(saved: Any, reading: _Reading, held: set[int]) -> CategoryStatus:
    """A saved target's status: read on its own database; one that cannot be reached (no password in
    the keyring, the server down, the table gone) is *not checked*, with the sentence saying why."""
    from minisip_console.core import partman, targets

    try:
        work = targets.engine_for(saved)
    except ConsoleError as exc:
        return reading.unchecked(exc.message)
    try:
        target = _saved_info(saved, work)
        kept_by = partman.status_for(work, target, reading.policy, reading.now) if work.dialect.name == "postgresql" else None
        return reading.counted(work, target, held, kept_by)
    except ConsoleError as exc:
        return reading.unchecked(exc.message)
    except (OperationalError, DBAPIError) as exc:
        return reading.unchecked(
            say("Retention target {name}: {reason}", name=saved.name, reason=db.translate_error(exc, work.url).message)
        )
    finally:
        db.dispose(work)


def statuses(sessions: sessionmaker[Session], *, now: dt.datetime | None = None) -> tuple[CategoryStatus, ...]:
    """Every category's status (display order), then every saved target's (by category, then name),
    all at one ``now``."""
    from minisip_console.core import targets

    now = _floor_second(now or utcnow())
    with db.translated(_engine(sessions).url), sessions() as session:
        categories = [p.category for p in list_policies(session)]
    own = tuple(status(sessions, c, now=now) for c in categories)
    return own + tuple(_status(sessions, t.category, now, t) for t in targets.list_targets(sessions))


# --------------------------------------------------------------------------- the purge


class PurgeFailed(ConsoleError):
    """A purge stopped on an error; what it committed stays committed and is receipted."""


@dataclass(frozen=True)
class PurgeProgress:
    """Where a run is. Before its first batch (``batches == 0``) ``estimated`` is 0 unless the caller
    gave a count from a dry run (``exact``): the run counts nothing up front, it extrapolates."""

    run_id: int
    category: str
    deleted: int
    estimated: int
    batches: int
    elapsed: float  # seconds since this category's run started
    upto: dt.datetime | None  # every row older than this is gone
    cutoff: dt.datetime
    #: ``estimated`` is a count (from the dry run the caller passed as ``expected``), not an extrapolation
    exact: bool = False
    #: a sentence about the run itself (the run stopped and is waiting to record it in its receipt...)
    note: str | None = None

    @property
    def fraction(self) -> float:
        return 1.0 if self.estimated <= 0 else min(1.0, self.deleted / self.estimated)

    @property
    def eta_seconds(self) -> float | None:
        """Time left at the rate so far (``None`` until a batch has been measured)."""
        if self.deleted <= 0 or self.elapsed <= 0:
            return None
        return max(0.0, (self.estimated - self.deleted) / (self.deleted / self.elapsed))


@dataclass
class _RunState:
    run_id: int
    deleted: int = 0
    batches: int = 0
    oldest: dt.datetime | None = None
    newest: dt.datetime | None = None
    partitions: list[str] = field(default_factory=list)
    estimated: int = 0  # rows past the cutoff, extrapolated from the time covered so far
    now: dt.datetime | None = None  # the run's ``now``: holds in force then (or since) keep rows
    held: set[int] = field(default_factory=set)  # accounts under a hold seen during the run
    #: a saved target's run: the console's database (holds and the receipt live there, not in ``conn``)
    console: Engine | None = None
    login: str | None = None  # the operator running it (named to the database's own checks)

    def refresh_held(self, conn: Any) -> set[int]:
        """Re-read the holds in the batch's own transaction (a hold placed mid-run applies next batch);
        a saved target's run reads them from the console's database."""
        assert self.now is not None
        if self.console is not None:
            with db.translated(self.console.url), self.console.connect() as own:
                self.held |= held_ids(own, self.now)
        else:
            self.held |= held_ids(conn, self.now)
        return self.held


def _floor_second(value: dt.datetime) -> dt.datetime:
    return value.astimezone(dt.UTC).replace(microsecond=0)


def _busy_message(engine: Engine) -> str:
    try:
        with engine.connect() as conn:
            row = conn.execute(select(PurgeRun).where(PurgeRun.state == "running").order_by(PurgeRun.id.desc()).limit(1)).first()
    except (OperationalError, DBAPIError):  # pragma: no cover - the refusal matters more than its details
        row = None
    if row is None:
        return say("A purge is already starting on this database.")
    where = (
        (say(" on {host} (process {pid})", host=row.host, pid=row.pid) if row.pid else say(" on {host}", host=row.host)) if row.host else ""
    )
    started = _aware(row.started_at)
    return say(
        "A purge is already running on this database: run {id} ({category}), started by "
        "{started_by} at {started:%Y-%m-%d %H:%M} UTC{where}.",
        id=row.id,
        category=row.category,
        started_by=row.started_by,
        started=started,
        where=where,
    )


def _mark_interrupted(sessions: sessionmaker[Session], operator: OperatorInfo, now: dt.datetime) -> tuple[int, ...]:
    """Receipts left ``running`` by a process that died (we hold the lock, so none is live).

    A saved target's receipt may hold a batch in flight (``_checkpoint``): it is resolved first, by
    looking at the target (``_flight_gone``), so the receipt counts exactly the rows that are gone."""
    with sessions() as session:
        flights = {
            r.id: (r.target_name, r.in_flight)
            for r in session.scalars(select(PurgeRun).where(PurgeRun.state == "running", PurgeRun.in_flight.is_not(None)))
        }
    resolved = {run_id: _resolve(sessions, name, raw) for run_id, (name, raw) in flights.items()}
    with sessions.begin() as session:
        rows = session.scalars(select(PurgeRun).where(PurgeRun.state == "running").order_by(PurgeRun.id)).all()
        for row in rows:
            row.state = "interrupted"
            row.finished_at = now
            landed, why = resolved.get(row.id, (None, None))
            flight = _flight(row.in_flight)
            outcome = None
            if flight is not None:
                outcome = "unknown" if landed is None else "deleted" if landed else "not_deleted"
                if landed:
                    state = _RunState(
                        run_id=row.id,
                        deleted=int(row.rows_deleted or 0),
                        batches=int(row.batches or 0),
                        oldest=_aware(row.oldest_deleted),
                        newest=_aware(row.newest_deleted),
                        partitions=json.loads(row.partitions) if row.partitions else [],
                    )
                    _land(state, flight)
                    row.rows_deleted, row.batches = state.deleted, state.batches
                    row.oldest_deleted, row.newest_deleted = state.oldest, state.newest
                    row.partitions = json.dumps(state.partitions) if state.partitions else ""
                if landed is not None:
                    row.in_flight = None  # left set when unknown: the receipt keeps what was in flight
            # every way a run ends closes its receipt (``_close``): one still running was killed, lost its
            # connection, or could not write to the database for as long as it tried
            if outcome == "unknown" and flight is not None:
                row.error = counted(
                    int(row.rows_deleted or 0),
                    say(
                        "The process stopped after {count:,} row without closing its receipt; whether its last batch "
                        "({rows:,} more) was deleted in {target} could not be checked: {why}"
                    ),
                    say(
                        "The process stopped after {count:,} rows without closing its receipt; whether its last batch "
                        "({rows:,} more) was deleted in {target} could not be checked: {why}"
                    ),
                    rows=int(flight["rows"]),
                    target=row.target_name or row.target_table,
                    why=why or "",
                )
            else:
                row.error = counted(
                    int(row.rows_deleted or 0),
                    say(
                        "The process stopped after {count:,} row without closing its receipt "
                        "(killed, or it lost the database before it could record why); the next run finished the work."
                    ),
                    say(
                        "The process stopped after {count:,} rows without closing its receipt "
                        "(killed, or it lost the database before it could record why); the next run finished the work."
                    ),
                )
            event = audit.append(
                session,
                operator=operator.login,
                action="purge.interrupted",
                target_type="purge_run",
                target_id=row.id,
                details={"category": row.category, "rows_deleted": int(row.rows_deleted or 0), "started_by": row.started_by}
                | ({"target_name": row.target_name} if row.target_name else {})
                | ({"last_batch": outcome} if outcome else {}),
                at=now,
            )
            row.audit_head = audit.Head(event.seq, event.hash).text  # the head after the event that closed it
        return tuple(r.id for r in rows)


def _flight(raw: str | None) -> dict[str, Any] | None:
    try:
        found = json.loads(raw) if raw else None
    except ValueError:
        return None
    return found if isinstance(found, dict) and isinstance(found.get("rows"), int) else None


def _resolve(sessions: sessionmaker[Session], name: str | None, raw: str | None) -> tuple[bool | None, str | None]:
    """Whether a killed run's batch in flight on the saved target ``name`` committed: ``(True|False, None)``,
    or ``(None, why)`` when the target cannot be asked (removed, unreachable, its password gone)."""
    from minisip_console.core import targets

    flight = _flight(raw)
    if flight is None or not name:
        return None, "the receipt's record of it is unreadable"
    try:
        saved = targets.get(sessions, name)
        work = targets.engine_for(saved)
        try:
            return _flight_gone(work, _saved_info(saved, work), flight), None
        finally:
            db.dispose(work)
    except (ConsoleError, DBAPIError) as exc:
        return None, str(getattr(exc, "message", None) or exc)


def run_purge(
    sessions: sessionmaker[Session],
    operator: OperatorInfo,
    *,
    category: str = "cdr",
    trigger: str = "operator",
    batch_size: int | None = None,
    max_seconds: float | None = None,
    batch_seconds: float = BATCH_SECONDS,
    now: dt.datetime | None = None,
    progress: Callable[[PurgeProgress], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    expected: Mapping[str, int] | None = None,
    target: str | None = None,
) -> tuple[Receipt, ...]:
    """Purge one category (or ``"all"`` with a day limit) and return a receipt per category.

    ``target``: the saved target of that name instead (``core.targets``): its reads and deletes run
    on its own database, under a lock held there too (``GET_LOCK`` on MariaDB/MySQL); its receipt
    (``target_name``), audit event and verification are the console's. ``"all"`` purges every saved
    target of the purged categories too, after the categories' own tables, each with its own receipt.

    ``expected`` (category -> rows, from a dry run just made) is what progress counts against;
    without it the total is extrapolated from the time range covered so far (no COUNT(*) first).

    Refused (``LockHeld``) while another purge runs on this database. A cancel or the time limit
    (``max_seconds``) stops between batches: the receipt says ``cancelled`` or ``time_limit`` and
    the next run goes on from there. Every other way a run ends closes its receipt too (``_close``):
    a database error (raw, or translated by ``db.translated``) raises ``PurgeFailed`` after marking
    the receipt ``failed`` with the reason; any other error is recorded the same way and raised as
    it was; ``KeyboardInterrupt`` (a second Ctrl+C) marks it ``cancelled``. When the database
    refuses the receipt's own write (another writer holds its lock), the run keeps trying for
    ``CLOSE_SECONDS`` (saying so through ``progress``); only a run that is killed, or loses the
    database for longer, leaves its receipt ``running`` for the next run to mark ``interrupted``.
    """
    _enforce("purge", operator)
    if trigger not in ("operator", "scheduler"):
        raise InvalidInput(say("Unknown trigger {trigger!r}.", trigger=trigger), hint=say("Use operator or scheduler."))
    if batch_size is not None and not (100 <= batch_size <= 10_000_000):
        raise InvalidInput(
            say("A batch size of {batch_size} is out of range.", batch_size=batch_size),
            hint=say("Give 100 to 10,000,000 rows, or leave it out to size batches by time."),
        )
    if max_seconds is not None and max_seconds <= 0:
        raise InvalidInput(say("The time limit must be more than 0 seconds."))
    engine = _engine(sessions)
    from minisip_console.core import targets as saved_targets

    jobs: list[tuple[str, Any]]
    if target is not None:
        saved = saved_targets.get(sessions, target)
        jobs = [(saved.category, saved)]
    elif (category or "").strip().lower() == "all":
        categories = purgeable_categories(sessions)
        jobs = [(c, None) for c in categories]
        jobs += [(t.category, t) for t in saved_targets.list_targets(sessions) if t.category in categories]
    else:
        jobs = [(parse_category(category), None)]
    started = time.monotonic()
    try:
        lock = exclusive(engine, LOCK_NAME)
        lock.__enter__()
    except LockHeld:
        raise LockHeld(_busy_message(engine), hint=say("Wait for it to finish, or cancel it where it was started.")) from None
    try:
        now = _floor_second(now or utcnow())
        with db.translated(engine.url):
            interrupted = _mark_interrupted(sessions, operator, now)
        out: list[Receipt] = []
        for cat, saved in jobs:
            remaining = None if max_seconds is None else max_seconds - (time.monotonic() - started)
            r = (_purge_category if saved is None else _purge_target)(
                sessions,
                operator,
                cat,
                trigger=trigger,
                batch_size=batch_size,
                max_seconds=remaining,
                batch_seconds=batch_seconds,
                now=now,
                progress=progress,
                cancel=cancel,
                resumed=interrupted,
                expected=(expected or {}).get(cat if saved is None else f"{cat}:{saved.name}"),
                saved=saved,
            )
            interrupted = ()  # reported once, by the first receipt
            out.append(r)
            if r.state in ("cancelled", "time_limit"):
                break
        return tuple(out)
    finally:
        lock.__exit__(None, None, None)


def _saved_info(saved: Any, engine: Engine) -> TargetInfo:
    """A saved target's reflection, its legal holds applied through its own account column."""
    from dataclasses import replace

    from minisip_console.core import targets

    checked = targets.check(saved, engine=engine)
    return replace(checked.info, holds_via=(checked.account_column, saved.account_format))


def _target_lock_name(saved: Any) -> str:
    return f"purge:{saved.table_name}"


def _purge_target(sessions: sessionmaker[Session], operator: OperatorInfo, category: str, *, saved: Any, **kw: Any) -> Receipt:
    """Purge a saved target: its engine (the keyring's password), its own lock on its database, then
    the run as for a category's table, its reads and deletes on that engine."""
    from minisip_console.core import targets

    work = targets.engine_for(saved)
    try:
        try:
            lock = exclusive(work, _target_lock_name(saved))
            lock.__enter__()
        except LockHeld:
            raise LockHeld(
                say("A purge of the retention target {name} is already running: its database holds the purge's lock.", name=saved.name),
                hint=say("Wait for it to finish, or cancel it where it was started."),
            ) from None
        try:
            return _purge_category(sessions, operator, category, saved=saved, work=work, **kw)
        finally:
            lock.__exit__(None, None, None)
    finally:
        db.dispose(work)


def _purge_category(
    sessions: sessionmaker[Session],
    operator: OperatorInfo,
    category: str,
    *,
    trigger: str,
    batch_size: int | None,
    max_seconds: float | None,
    batch_seconds: float,
    now: dt.datetime,
    progress: Callable[[PurgeProgress], None] | None,
    cancel: Callable[[], bool] | None,
    resumed: Sequence[int],
    expected: int | None = None,
    saved: Any = None,
    work: Engine | None = None,
) -> Receipt:
    engine = _engine(sessions)
    work = work or engine  # where the target's rows are: the console's own database, or a saved target's
    with db.translated(engine.url), sessions() as session:
        policy = get_policy(session, category)
    if policy.days is None:
        raise InvalidInput(say("{label} have only a review date: nothing to purge automatically.", label=policy.label))
    cutoff = _floor_second(now - dt.timedelta(days=policy.days))
    # the receipt first, with the target as the policy names it (``set_policy`` stored the names reflection
    # gave): from here on every way the run ends goes through ``_Closing.close``, a target that cannot be
    # checked (dropped since, or locked: on PostgreSQL reflection waits for an ACCESS EXCLUSIVE lock) included
    with db.translated(engine.url), sessions.begin() as session:
        row = PurgeRun(
            category=category,
            state="running",
            cutoff=cutoff,
            dry_run=False,
            started_at=utcnow(),
            started_by=operator.login,
            trigger=trigger,
            rows_estimated=0,
            target_table=saved.table_name if saved is not None else policy.target_table,
            timestamp_column=saved.timestamp_column if saved is not None else policy.timestamp_column,
            target_name=saved.name if saved is not None else None,
            resumed_runs=",".join(str(i) for i in resumed),
            host=socket.gethostname()[:100],
            pid=os.getpid(),
        )
        session.add(row)
        session.flush()
        state = _RunState(run_id=row.id, now=now, console=engine if saved is not None else None, login=operator.login)
    t0 = time.monotonic()
    outcome = "completed"

    def report(upto: dt.datetime | None, note: str | None = None) -> None:
        if progress is not None:
            total = expected if expected is not None else state.estimated
            progress(
                PurgeProgress(
                    state.run_id,
                    category,
                    state.deleted,
                    max(total, state.deleted),
                    state.batches,
                    time.monotonic() - t0,
                    upto,
                    cutoff,
                    exact=expected is not None,
                    note=note,
                )
            )

    def stop_reason(next_batch: float) -> str | None:
        if cancel is not None and cancel():
            return "cancelled"
        if max_seconds is not None and time.monotonic() - t0 + next_batch > max_seconds:
            return "time_limit"
        return None

    closing = _Closing(sessions, operator, state, cutoff, policy, t0, category, trigger, report)
    if saved is not None:
        closing.saved = saved
    from minisip_console.core import partman

    def reflect() -> TargetInfo:
        if saved is not None:
            return _saved_info(saved, work)
        return check_target(engine, policy.target_table, policy.timestamp_column)

    kept = None
    try:  # a pg_partman parent: its own maintenance drops the partitions; the console deletes no row in them, it verifies
        closing.target = reflect()
        if work.dialect.name == "postgresql":
            kept = partman.purge_for(work, engine, closing.target, cutoff, state, report)  # None: not a pg_partman parent
    except BaseException as exc:  # noqa: BLE001 - every way a run ends closes its receipt; _stopped raises again
        _stopped(closing, exc, work, policy)
    if kept is not None:
        return closing.close(outcome, kept)
    try:
        target = closing.target = reflect()
        ts = target.ts()
        # no COUNT(*) up front (0.2 s on 1.3M rows): the oldest row and the first batch's boundary are
        # index lookups, and the row count is estimated from the time covered so far
        with work.connect() as conn:
            state.refresh_held(conn)  # read once here, and again in every batch's transaction
            oldest = conn.execute(select(ts).where(_keep(ts < target.bound(cutoff), target, state.held)).order_by(ts).limit(1)).scalar()
        report(None)
        # a saved PostgreSQL target's partitions are dropped only by its owner's login (``_by_rows``)
        with work.connect() as conn:
            by_rows = _by_rows(conn, target, cutoff) if saved is not None else None
        if by_rows is None and target.partition_key_is_column and target.partitions:
            for part in target.partitions:
                if not part.entirely_before(cutoff):
                    continue
                if (reason := stop_reason(0.0)) is not None:
                    outcome = reason
                    break
                if _drop_partition(work, target, part, policy.partition_mode, state, cutoff, operator.login):
                    report(part.upper)
                # else: it holds rows of a held account; the batches below delete the others by rows
        if outcome == "completed" and (oldest_ := _aware(oldest)) is not None:
            outcome = _delete_batches(
                work,
                target,
                cutoff,
                _floor_second(oldest_),
                0,
                state,
                batch_size,
                batch_seconds,
                stop_reason,
                report,
                cautious=max_seconds is not None,
            )
        elif outcome == "completed":
            outcome = _delete_batches(work, target, cutoff, None, 0, state, batch_size, batch_seconds, stop_reason, report)
        checked = _check(work, target, cutoff, state)
        if by_rows is not None:
            from dataclasses import replace

            checked = replace(checked, warning=say("{a} {b}", a=checked.warning, b=by_rows) if checked.warning else by_rows)
    except BaseException as exc:  # noqa: BLE001 - every way a run ends closes its receipt; _stopped raises again
        _stopped(closing, exc, work, policy)
    return closing.close(outcome, checked)


#: how long a run keeps trying to record how it ended when the database refuses the receipt's write
#: (another writer holds the lock, the server went away for a moment): a receipt left ``running``
#: would read, later, as a run that was killed
CLOSE_SECONDS = 30.0


@dataclass(frozen=True)
class _Checked:
    """What the run found after its last batch (nothing for a run that failed)."""

    oldest_remaining: dt.datetime | None = None
    verified: bool | None = None
    skipped: int = 0  # rows older than the cutoff kept for a legal hold
    warning: str | None = None  # legal holds cannot apply to the target


def _check(engine: Engine, target: TargetInfo, cutoff: dt.datetime, state: _RunState) -> _Checked:
    """Verify that the oldest remaining row (a held account's rows aside) is not older than the cutoff."""
    ts = target.ts()
    with engine.connect() as conn:
        held = state.refresh_held(conn) if state.now is not None else state.held
        # the held rows are kept on purpose: the oldest row that is not held is what is checked
        remaining = select(func.min(ts)).select_from(target.clause())
        if (free := target.not_held(held)) is not None:
            remaining = remaining.where(free)
        oldest_remaining = _aware(conn.execute(remaining).scalar())
        skipped = _count_held(conn, target, cutoff, held)
    verified = oldest_remaining is None or oldest_remaining >= cutoff
    return _Checked(oldest_remaining, verified, skipped, holds_warning(target, held))


def _stopped(closing: _Closing, exc: BaseException, engine: Engine, policy: PolicyInfo) -> NoReturn:
    """Close the receipt of a run that an exception ended, then raise what the caller should see.

    A database error (the driver's, or one ``db.translated`` made a ``DatabaseUnavailable``) is a
    ``PurgeFailed`` naming the rows already deleted; another known error (``ConsoleError``) is
    raised as it was, after the receipt records it as ``failed``; so is an unexpected one, whose
    receipt names its type; ``KeyboardInterrupt`` (a second Ctrl+C: the batch in flight rolled back)
    closes it as ``cancelled``, with one try only, so that stopping at once stays at once."""
    state = closing.state
    database_error = isinstance(exc, (OperationalError, DBAPIError, DatabaseUnavailable))
    if isinstance(exc, (OperationalError, DBAPIError)):
        reason = db.translate_error(exc, engine.url).message
    elif isinstance(exc, ConsoleError):
        reason = exc.message
    else:
        detail = str(exc).strip()[:300]
        reason = (
            say("An unexpected error stopped it: {kind}: {detail}", kind=type(exc).__name__, detail=detail)
            if detail
            else say("An unexpected error stopped it: {kind}", kind=type(exc).__name__)
        )
    try:
        if isinstance(exc, KeyboardInterrupt):
            closing.close("cancelled", error=say("Stopped at once (interrupted): the batch in flight was rolled back."), patience=0.0)
        else:
            closing.close("failed", error=reason)
    except PurgeFailed:
        if database_error or isinstance(exc, ConsoleError):
            raise  # it names the reason, and that the receipt could not be closed
        raise exc from None  # an interrupt, or a programming error: that is what the caller must see (logged by _Closing)
    if database_error:
        deleted = state.deleted
        if deleted:
            kept = counted(
                deleted,
                say("The {count:,} row deleted before it stopped stays deleted"),
                say("The {count:,} rows deleted before it stopped stay deleted"),
            )
        else:
            kept = say("Nothing was deleted before it stopped")
        raise PurgeFailed(
            say(
                "The purge of {category} stopped: {reason}",
                category=CATEGORY_LABELS_LOWER.get(policy.category) or policy.label.lower(),
                reason=reason,
            ),
            hint=say(
                "{kept} (run {run_id} records it as failed, with the reason); run the purge again to finish.",
                kept=kept,
                run_id=state.run_id,
            ),
        ) from None
    raise exc


class _Closing:
    """The one place a run's receipt is closed: completed (or unverified), time limit, cancelled,
    failed. Each close verifies nothing itself (``_check`` did), writes the receipt and its
    ``purge.run`` event in one transaction, and keeps trying for ``CLOSE_SECONDS`` when the database
    refuses that write, telling ``report`` so."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        operator: OperatorInfo,
        state: _RunState,
        cutoff: dt.datetime,
        policy: PolicyInfo,
        t0: float,
        category: str,
        trigger: str,
        report: Callable[[dt.datetime | None, str | None], None],
    ) -> None:
        self.sessions, self.operator, self.state, self.cutoff = sessions, operator, state, cutoff
        self.policy, self.t0, self.category, self.trigger, self.report = policy, t0, category, trigger, report
        self.target: TargetInfo | None = None  # once checked (a run can end before: a target dropped or locked)
        self.saved: Any = None  # a saved target's run (``core.targets.Target``)

    def close(self, outcome: str, checked: _Checked | None = None, *, error: str | None = None, patience: float = CLOSE_SECONDS) -> Receipt:
        checked = checked or _Checked(warning=holds_warning(self.target, self.state.held) if self.target else None)
        if outcome == "completed" and checked.verified is False:
            outcome = "unverified"
            error = say(
                "A row from {oldest_remaining:%Y-%m-%d %H:%M:%S} UTC is still older than the cutoff (written during the run?).",
                oldest_remaining=checked.oldest_remaining,
            )
        if checked.warning and not error:
            error = checked.warning  # a completed receipt's error is a note (the CLI prints it as one)
        duration_ms = int((time.monotonic() - self.t0) * 1000)
        url = _engine(self.sessions).url
        deadline = time.monotonic() + patience
        tries = 0
        while True:
            tries += 1
            try:
                return self._write(outcome, checked, error, duration_ms)
            except (OperationalError, DBAPIError) as exc:
                why = db.translate_error(exc, url).message
                left = deadline - time.monotonic()
                if left <= 0:
                    log.warning("purge run %s: could not record it as %s (%s): %s", self.state.run_id, outcome, error, why)
                    raise PurgeFailed(
                        say(
                            "The purge of {category} ended ({outcome}: {error}), but its receipt could not be closed: {why}",
                            category=CATEGORY_LABELS_LOWER.get(self.policy.category) or self.policy.label.lower(),
                            outcome=run_state_word(outcome) if outcome != "time_limit" else outcome,
                            error=error,
                            why=why,
                        )
                        if error and outcome != "completed"
                        else say(
                            "The purge of {category} ended ({outcome}), but its receipt could not be closed: {why}",
                            category=CATEGORY_LABELS_LOWER.get(self.policy.category) or self.policy.label.lower(),
                            outcome=run_state_word(outcome) if outcome != "time_limit" else outcome,
                            why=why,
                        ),
                        hint=say(
                            "Run {run_id} stays marked running; the next purge marks it interrupted and finishes the work.",
                            run_id=self.state.run_id,
                        ),
                    ) from None
                self._tell(f"cannot record the run as {outcome} yet ({why}); trying again for up to {left:.0f} s")
                time.sleep(min(left, 0.2 * tries))  # a busy SQLite file already waited its busy timeout

    def _tell(self, note: str) -> None:
        try:
            self.report(None, note)
        except Exception:  # a broken progress line must not stop the receipt from closing
            log.exception("purge run %s: could not report progress", self.state.run_id)

    def _write(self, outcome: str, checked: _Checked, error: str | None, duration_ms: int) -> Receipt:
        """Close the receipt and audit it in one transaction. The receipt's ``audit_head`` is the
        head right AFTER its ``purge.run`` event: that event's own number and hash, so the head
        covers the event that records the receipt itself."""
        state, policy, cutoff = self.state, self.policy, self.cutoff
        with self.sessions.begin() as session:
            row = session.get(PurgeRun, state.run_id)
            assert row is not None
            row.state = outcome
            row.finished_at = utcnow()
            row.duration_ms = duration_ms
            row.verified = checked.verified
            row.oldest_remaining = checked.oldest_remaining
            row.error = error
            row.rows_deleted, row.batches = state.deleted, state.batches
            row.oldest_deleted, row.newest_deleted = state.oldest, state.newest
            row.partitions = json.dumps(state.partitions) if state.partitions else ""
            row.rows_skipped_held = checked.skipped
            event = audit.append(
                session,
                operator=self.operator.login,
                action="purge.run",
                target_type="purge_run",
                target_id=row.id,
                details={
                    "category": self.category,
                    "trigger": self.trigger,
                    "state": outcome,
                    "cutoff": _iso(cutoff),
                    "target": (
                        f"{self.saved.table_name}.{self.saved.timestamp_column}"
                        if self.saved is not None
                        else f"{policy.target_table}.{policy.timestamp_column}"
                    ),
                    **({"target_name": self.saved.name} if self.saved is not None else {}),
                    "rows_deleted": state.deleted,
                    "oldest_deleted": _iso(state.oldest),
                    "newest_deleted": _iso(state.newest),
                    "partitions": state.partitions,
                    "verified": checked.verified,
                    "oldest_remaining": _iso(checked.oldest_remaining),
                    "duration_ms": duration_ms,
                    "resumed_runs": row.resumed_runs,
                    "error": error,
                    "rows_skipped_held": checked.skipped,
                    "held_accounts": sorted(state.held),
                },
            )
            row.audit_head = audit.Head(event.seq, event.hash).text
            session.flush()
            return _receipt(row)


def _partition_held(conn: Any, target: TargetInfo, part: Partition, held: Collection[int]) -> bool:
    """The partition holds a row of a held account (so it must not be dropped or detached whole)."""
    if not held or target.account_column is None:
        return False
    if target.dialect in db.MYSQL_BACKENDS:  # a MariaDB/MySQL partition is no table: ``parent PARTITION (p)``
        prep = conn.engine.dialect.identifier_preparer
        acc_sql = prep.quote(target.account_column)
        sql = f"SELECT 1 FROM {_mysql_parent(prep, target)} PARTITION ({prep.quote(part.name)}) WHERE {acc_sql} IN :held LIMIT 1"
        stmt = text(sql).bindparams(bindparam("held", expanding=True))
        return conn.execute(stmt, {"held": target.held_values(held)}).first() is not None
    schema, _, name = part.name.rpartition(".")
    acc: ColumnClause[Any] = column(target.account_column)
    child = table(name, acc, schema=schema or None)
    return conn.execute(select(acc).select_from(child).where(acc.in_(sorted(held))).limit(1)).first() is not None


def _drop_partition(
    engine: Engine, target: TargetInfo, part: Partition, mode: str, state: _RunState, cutoff: dt.datetime, login: str
) -> bool:
    """Drop or detach a partition wholly before the cutoff; False (nothing done) when it holds rows
    of an account under a legal hold: those are deleted by rows, keeping the held ones.

    Only a table's owner may drop or detach its partitions: the database's own
    ``minisip_drop_partition`` does it for an operator's login, after checking again that the table
    is a retention target, that the partition holds nothing newer than the policy's cutoff and no
    row of an account under a hold (``core.pg_security``)."""
    prep = engine.dialect.identifier_preparer
    if target.dialect in db.MYSQL_BACKENDS:
        return _drop_mysql_partition(engine, target, part, state)
    if state.console is not None and engine is not state.console:
        return _drop_saved_pg_partition(engine, target, part, mode, state, cutoff)
    parent = ".".join(prep.quote(p) for p in ((target.schema, target.name) if target.schema else (target.name,)))
    child = ".".join(prep.quote(p) for p in part.name.split("."))
    col = prep.quote(target.column)
    with engine.begin() as conn:
        if _partition_held(conn, target, part, state.refresh_held(conn)):
            return False
        n, lo, hi = conn.execute(text(f"SELECT count(*), min({col}), max({col}) FROM {child}")).one()
        conn.execute(
            text(
                "SELECT minisip_drop_partition(CAST(:parent AS regclass), CAST(:child AS regclass), :mode, :col, :account, "
                ":cutoff, :claimed)"
            ),
            {
                "parent": parent,
                "child": child,
                "mode": mode,
                "col": target.column,
                "account": target.account_column,
                "cutoff": cutoff.astimezone(dt.UTC).replace(tzinfo=None),
                "claimed": login,
            },
        )
        state.deleted += int(n or 0)
        state.batches += 1
        state.partitions.append(part.name)
        _merge_range(state, lo, hi)
        _checkpoint(conn, state)
    return True


def _by_rows(conn: Any, target: TargetInfo, cutoff: dt.datetime) -> Text | None:
    """Why a saved target's partitions wholly past the cutoff are deleted by rows, not dropped (None:
    they are dropped, or there are none). On PostgreSQL only the table's owner may drop or detach a
    partition, and the console's ``minisip_drop_partition`` lives in its own database, not the target's:
    a login that does not own the table deletes their rows in batches (slower, the same result)."""
    if target.dialect != "postgresql" or not target.partition_key_is_column:
        return None
    whole = [p for p in target.partitions if p.entirely_before(cutoff)]
    if not whole:
        return None
    owns = conn.execute(
        text("SELECT pg_has_role(session_user, c.relowner, 'MEMBER') FROM pg_class c WHERE c.oid = to_regclass(:t)"),
        {"t": _pg_parent(conn.engine.dialect.identifier_preparer, target)},
    ).scalar()
    if owns:
        return None
    login = conn.execute(text("SELECT session_user")).scalar()
    return counted(
        len(whole),
        say(
            "The {count:,} partition of {table} wholly past the cutoff is deleted by rows, not dropped: {login} does not own "
            "the table (only its owner may drop a partition). Let the target's URL name the table's owner to drop it whole."
        ),
        say(
            "The {count:,} partitions of {table} wholly past the cutoff are deleted by rows, not dropped: {login} does not own "
            "the table (only its owner may drop a partition). Let the target's URL name the table's owner to drop them whole."
        ),
        table=target.table,
        login=login,
    )


def _pg_parent(prep: Any, target: TargetInfo) -> str:
    return ".".join(prep.quote(p) for p in ((target.schema, target.name) if target.schema else (target.name,)))


def _drop_saved_pg_partition(engine: Engine, target: TargetInfo, part: Partition, mode: str, state: _RunState, cutoff: dt.datetime) -> bool:
    """Drop or detach a saved PostgreSQL target's partition wholly before the cutoff, as the table's
    owner (``_by_rows`` said the login is): the checks ``minisip_drop_partition`` makes in the console's
    own database are made here, in the same transaction, under an ACCESS EXCLUSIVE lock on the
    partition (no row newer than the cutoff, none of a held account). False (nothing done) when it holds
    a held account's row: those are deleted by rows. Its receipt records it in flight before the
    target's commit (``_checkpoint``), as a batch of rows."""
    prep = engine.dialect.identifier_preparer
    parent = _pg_parent(prep, target)
    child = ".".join(prep.quote(p) for p in part.name.split("."))
    col = prep.quote(target.column)
    with _Flight(engine, target, state) as flying, engine.begin() as conn:
        conn.execute(text(f"LOCK TABLE {child} IN ACCESS EXCLUSIVE MODE"))
        if _partition_held(conn, target, part, state.refresh_held(conn)):
            return False
        n, lo, hi = conn.execute(text(f"SELECT count(*), min({col}), max({col}) FROM {child}")).one()
        if hi is not None and (newest := _aware(hi)) is not None and newest >= cutoff:
            raise ConsoleError(say("The partition {name} holds rows newer than the cutoff: the console did not drop it.", name=part.name))
        flying.note(
            conn,
            {
                "kind": "partition",
                "partition": part.name,
                "mode": mode,
                "rows": int(n or 0),
                "first": _iso(_aware(lo)),
                "last": _iso(_aware(hi)),
            },
        )
        if mode == "detach":
            conn.execute(text(f"ALTER TABLE {parent} DETACH PARTITION {child}"))
        else:
            conn.execute(text(f"DROP TABLE {child}"))
    return True


def _mysql_parent(prep: Any, target: TargetInfo) -> str:
    return ".".join(prep.quote(p) for p in ((target.schema, target.name) if target.schema else (target.name,)))


def _drop_mysql_partition(engine: Engine, target: TargetInfo, part: Partition, state: _RunState) -> bool:
    """``ALTER TABLE t DROP PARTITION p`` for a MariaDB/MySQL RANGE partition wholly before the cutoff
    (False, nothing done, when it holds a row of a held account: those are deleted by rows). The
    statement commits by itself (DDL): its rows are counted first, and the receipt is written after."""
    prep = engine.dialect.identifier_preparer
    parent = _mysql_parent(prep, target)
    col = prep.quote(target.column)
    with engine.connect() as conn:
        if _partition_held(conn, target, part, state.refresh_held(conn)):
            return False
        n, lo, hi = conn.execute(text(f"SELECT count(*), min({col}), max({col}) FROM {parent} PARTITION ({prep.quote(part.name)})")).one()
        conn.rollback()
        # in flight in the receipt first: a kill while the DDL runs is resolved by whether the partition is there
        with _Flight(engine, target, state) as flying:
            flying.note(
                conn,
                {"kind": "partition", "partition": part.name, "rows": int(n or 0), "first": _iso(_aware(lo)), "last": _iso(_aware(hi))},
            )
            conn.execute(text(f"ALTER TABLE {parent} DROP PARTITION {prep.quote(part.name)}"))
            conn.commit()
    return True


def _merge_range(state: _RunState, lo: Any, hi: Any) -> None:
    lo, hi = _aware(lo), _aware(hi)
    if lo is not None and (state.oldest is None or lo < state.oldest):
        state.oldest = lo
    if hi is not None and (state.newest is None or hi > state.newest):
        state.newest = hi


def _checkpoint(conn: Any, state: _RunState, flight: Mapping[str, Any] | None = None) -> None:
    """Record progress in the receipt inside the batch's own transaction (killed = still consistent).

    A saved target's batch runs on another database, whose commit cannot be the receipt's: there the
    receipt is written in the console's own transaction, before the batch commits, with the counts
    of what has committed and the batch as ``flight`` (``purge_runs.in_flight``: its range, the holds
    it kept, its rows); once the batch has committed, again with it counted and nothing in flight.
    A kill between the two leaves the batch in flight, resolved by the next run (``_resolve``)."""
    if state.console is not None and conn.engine is not state.console:
        with db.translated(state.console.url), state.console.begin() as own:
            _checkpoint(own, state, flight)
        return
    conn.execute(
        update(PurgeRun)
        .where(PurgeRun.id == state.run_id)
        .values(
            rows_deleted=state.deleted,
            batches=state.batches,
            oldest_deleted=state.oldest,
            newest_deleted=state.newest,
            rows_estimated=max(state.estimated, state.deleted),
            partitions=json.dumps(state.partitions) if state.partitions else "",
            in_flight=json.dumps(flight, sort_keys=True) if flight else None,
        )
    )


def _flight_gone(engine: Engine, target: TargetInfo, flight: Mapping[str, Any]) -> bool:
    """Whether a batch recorded in flight (``_checkpoint``) committed on the target: its rows are gone.

    A batch of rows deleted everything in its range but the held accounts' rows: committed, fewer
    rows than it deleted are left there now (none, unless a writer added old rows since); rolled
    back, all of them are. A dropped partition committed when the partition is no longer there."""
    if flight.get("kind") == "partition" and target.dialect == "postgresql":
        with db.translated(engine.url), engine.connect() as conn:
            still = conn.execute(
                text("SELECT 1 FROM pg_inherits i WHERE i.inhrelid = to_regclass(:child) AND i.inhparent = to_regclass(:parent)"),
                {
                    "child": ".".join(engine.dialect.identifier_preparer.quote(p) for p in str(flight["partition"]).split(".")),
                    "parent": _pg_parent(engine.dialect.identifier_preparer, target),
                },
            ).first()
        return still is None  # dropped, or detached: no longer a partition of the table
    if flight.get("kind") == "partition":
        with db.translated(engine.url), engine.connect() as conn:
            there = conn.execute(
                text(
                    "SELECT 1 FROM information_schema.partitions WHERE table_schema = coalesce(:schema, DATABASE()) "
                    "AND table_name = :name AND partition_name = :part"
                ),
                {"schema": target.schema, "name": target.name, "part": str(flight["partition"])},
            ).first()
        return there is None
    ts = target.ts()
    lo, hi = _aware(flight.get("lo")), _aware(flight["hi"])
    assert hi is not None
    cond: ColumnElement[bool] = ts < target.bound(hi) if lo is None else (ts >= target.bound(lo)) & (ts < target.bound(hi))
    cond = _keep(cond, target, {int(i) for i in flight.get("held") or ()})
    with db.translated(engine.url), engine.connect() as conn:
        left = int(conn.execute(select(func.count()).select_from(target.clause()).where(cond)).scalar() or 0)
    return left < int(flight["rows"])


def _land(state: _RunState, flight: Mapping[str, Any]) -> None:
    """Count a batch that was in flight and committed."""
    state.deleted += int(flight["rows"])
    state.batches += 1
    if flight.get("kind") == "partition":
        state.partitions.append(str(flight["partition"]))
    _merge_range(state, flight.get("first"), flight.get("last"))


def _delete_batches(
    engine: Engine,
    target: TargetInfo,
    cutoff: dt.datetime,
    oldest: dt.datetime | None,
    estimated: int,
    state: _RunState,
    batch_size: int | None,
    batch_seconds: float,
    stop_reason: Callable[[float], str | None],
    report: Callable[[dt.datetime | None], None],
    *,
    cautious: bool = False,
) -> str:
    """Delete ``[lo, hi)`` ranges of the timestamp from the oldest row up to the cutoff, then sweep
    below the first oldest row (a row written meanwhile with an old timestamp goes too).

    Every range is bounded on both sides, so no statement walks the index entries of rows the
    earlier batches deleted (on PostgreSQL they stay in the index until vacuum and cost a heap
    visit each). The first range ends at the ``FIRST_BATCH_ROWS``-th row (an index lookup); the
    next ones are scaled so that each takes about ``batch_seconds`` (or holds ``batch_size`` rows).
    ``cautious`` (a time limit is set): the first batch is a tenth of that, so a short limit is not
    overshot by one unmeasured batch."""
    ts = target.ts()
    if oldest is None or oldest >= cutoff:
        _sweep(engine, target, cutoff, state, report)
        return "completed"
    first_lo = lo = oldest
    total_span = max(1.0, (cutoff - lo).total_seconds())
    before = state.deleted  # rows of whole partitions, already counted
    want = batch_size or (FIRST_BATCH_ROWS // 10 if cautious else FIRST_BATCH_ROWS)
    with engine.connect() as conn:
        probe = _aware(
            conn.execute(select(ts).where(ts >= target.bound(lo), ts < target.bound(cutoff)).order_by(ts).offset(want).limit(1)).scalar()
        )
    if probe is None:  # fewer rows than one batch: one range up to the cutoff
        span = total_span
        state.estimated = before + want  # at most; corrected after the batch
    else:
        span = max(1.0, (_floor_second(probe) - lo).total_seconds() + 1)
        state.estimated = before + int(want * total_span / span)
    last_elapsed = 0.0
    while True:
        if (reason := stop_reason(last_elapsed)) is not None:
            return reason
        hi = min(cutoff, lo + dt.timedelta(seconds=int(span)))
        final = hi >= cutoff
        cond: ColumnElement[bool] = (ts >= target.bound(lo)) & (ts < target.bound(hi))
        t = time.monotonic()
        n = _delete_range(engine, target, cond, state, lo, hi)
        last_elapsed = time.monotonic() - t
        covered = (hi - first_lo).total_seconds()
        state.estimated = (
            state.deleted if final else max(state.deleted, before + int((state.deleted - before) * total_span / max(covered, 1.0)))
        )
        report(hi)
        if final:
            break
        if n == 0:
            factor = 4.0
        elif batch_size:
            factor = batch_size / n
        else:
            factor = batch_seconds / max(last_elapsed, 1e-3)
        span = max(1.0, span * min(4.0, max(0.25, factor)))
        lo = hi
    _sweep(engine, target, first_lo, state, report)
    return "completed"


def _sweep(
    engine: Engine, target: TargetInfo, below: dt.datetime, state: _RunState, report: Callable[[dt.datetime | None], None]
) -> int | None:
    """Rows older than ``below`` (none were there when the run looked; a writer may have added some)."""
    ts = target.ts()
    n = _delete_range(engine, target, ts < target.bound(below), state, None, below)
    if n:
        state.estimated += n
        report(below)
    return n or None


def _delete_range(
    engine: Engine,
    target: TargetInfo,
    cond: ColumnElement[bool],
    state: _RunState,
    lo: dt.datetime | None = None,
    hi: dt.datetime | None = None,
) -> int:
    """One batch: its time range (two index lookups), the DELETE and the receipt, in one transaction.

    A saved target's (``lo``/``hi``: the range ``cond`` says): the receipt records the batch in flight
    before the target's transaction commits, and counts it after (``_checkpoint``); a batch that
    fails in between is resolved at once by looking at the target (``_flight_gone``)."""
    ts, tbl = target.ts(), target.clause()
    remote = state.console is not None and engine is not state.console
    with _Flight(engine, target, state) as flying, engine.begin() as conn:
        held = state.refresh_held(conn)
        cond = _keep(cond, target, held)
        first = conn.execute(select(ts).where(cond).order_by(ts).limit(1)).scalar()
        if first is None:
            return 0
        last = conn.execute(select(ts).where(cond).order_by(ts.desc()).limit(1)).scalar()
        n = conn.execute(tbl.delete().where(cond)).rowcount or 0
        if not remote:
            state.deleted += n
            state.batches += 1
            _merge_range(state, first, last)
            _checkpoint(conn, state)
            return n
        assert hi is not None, "a saved target's batch names its range"
        flying.note(
            conn,
            {
                "kind": "rows",
                "lo": _iso(lo),
                "hi": _iso(hi),
                "held": sorted(held) if target.account_column else [],
                "rows": n,
                "first": _iso(_aware(first)),
                "last": _iso(_aware(last)),
            },
        )
    return n


class _Flight:
    """A saved target's batch in flight (``with _Flight(...) as flying, engine.begin() as conn:``):
    ``flying.note(conn, flight)`` records it in the receipt before the target's transaction commits
    (``_checkpoint``). Leaving the block once that has committed counts it (``_land``) and writes the
    receipt again (``_record``); leaving it on an error resolves it by looking at the target
    (``_settle``). Nothing noted (the own table, an empty range): nothing to do."""

    def __init__(self, engine: Engine, target: TargetInfo, state: _RunState) -> None:
        self.engine, self.target, self.state = engine, target, state
        self.flight: dict[str, Any] | None = None

    def note(self, conn: Any, flight: dict[str, Any]) -> None:
        self.flight = flight
        _checkpoint(conn, self.state, flight)

    def __enter__(self) -> _Flight:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: Any) -> None:
        if self.flight is None:
            return
        if exc_type is not None:
            _settle(self.engine, self.target, self.state, self.flight)
            return
        _land(self.state, self.flight)
        _record(self.state)


def _settle(engine: Engine, target: TargetInfo, state: _RunState, flight: Mapping[str, Any]) -> None:
    """A saved target's batch failed after its receipt recorded it in flight: count it if it committed
    all the same, and clear it. Left in flight when the target cannot be asked (it lost the database)."""
    try:
        if _flight_gone(engine, target, flight):
            _land(state, flight)
        _record(state)
    except Exception:  # noqa: BLE001 - the batch's own error is what the run reports
        log.warning("could not resolve the batch in flight of purge run %s", state.run_id, exc_info=True)


def _record(state: _RunState) -> None:
    """Write a saved target's progress in the receipt, in a transaction of the console's own."""
    assert state.console is not None
    with db.translated(state.console.url), state.console.begin() as own:
        _checkpoint(own, state)
