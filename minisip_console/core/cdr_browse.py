"""Call detail records as the console lists them: any CDR table, paged on the server, masked in the core.

A CDR source reads a retention target (``retention.check_target``): the service's ``cdrs`` table,
an Asterisk ``cdr`` table (``calldate`` or ``start``, no primary key, often no index) or a
FusionPBX ``v_xml_cdr``. Well-known column names are mapped to the columns the console shows
(time, account, from, to, caller id, disposition, duration, billsec); a table shows only the
ones it has. Statements are built with ``table()``/``column()`` from the reflected names, so a
name is always quoted by the dialect and never formatted into SQL.

Phone numbers (from, to, caller id) are personal data: they are masked here, before a row
leaves the core, unless the row's account is one the operator holds an active access grant
for (``unmasked_accounts``, see ``granted_accounts``). A table without an account column can
never be matched to a grant: its numbers are always masked. The mask keeps the last two digits
behind a fixed run of bullets, ``"+442079460056"`` -> ``"•••••56"``, so neither the country,
the area nor the length of the number shows; a caller id ``"Ann Smith" <+442079460056>``
becomes ``"A*** S***" <•••••56>``.

Paging follows ``accounts.AccountsSource``: a far page is located by reading only the key
columns up to the offset, then read with a keyset condition. The order is the timestamp, then
the primary key to break ties. A table without a primary key (Asterisk) has no unique key:
the keyset uses the timestamp alone and skips, by ``OFFSET``, only the rows that share the
page's first timestamp; ties are ordered by every shown column, so rows that would swap places
between two reads are indistinguishable on screen anyway.

Rows whose timestamp is NULL are listed where the database sorts NULLs (after the others in
ascending order on PostgreSQL, in descending order on SQLite), so the timestamp index still
serves both directions; the age histogram leaves them out (they have no age).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Engine,
    Integer,
    String,
    and_,
    bindparam,
    case,
    cast,
    column,
    extract,
    func,
    inspect,
    literal_column,
    or_,
    select,
    table,
)
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.sql.expression import TableClause

from minisip_console.core import limits
from minisip_console.core.access import active_grants
from minisip_console.core.accounts import Column

# the masking rules are written once, in core.masking (with their SQL twins); imported from here too
from minisip_console.core.masking import KEPT_DIGITS as KEPT_DIGITS
from minisip_console.core.masking import NUMBER_MASK as NUMBER_MASK
from minisip_console.core.masking import mask_clid as mask_clid
from minisip_console.core.masking import mask_number as mask_number
from minisip_console.core.operators import OperatorInfo
from minisip_console.core.plumbing import db
from minisip_console.core.plumbing.errors import InvalidInput
from minisip_console.core.retention import (
    CategoryStatus,
    TargetInfo,
    _aware,
    check_target,
    split_table_name,
)
from minisip_console.core.text import say

#: the longest disposition accepted as a filter (the column is ``varchar(45)`` in Asterisk)
DISPOSITION_MAX = 45
#: timestamp columns tried, in order, when none is named
TIME_COLUMNS: tuple[str, ...] = ("start", "calldate", "start_stamp")

#: shown column key -> the table columns that can hold it, first match wins (case-insensitive)
SOURCE_COLUMNS: dict[str, tuple[str, ...]] = {
    "account": ("account_id",),
    "src": ("src", "caller_id_number"),
    "dst": ("dst", "destination_number"),
    "clid": ("clid", "caller_id_name"),
    "disposition": ("disposition", "hangup_cause"),
    "duration": ("duration",),
    "billsec": ("billsec",),
}
_MASKED_KEYS = frozenset({"src", "dst", "clid"})
_TOOLTIP = say("Masked until an access grant for the call's account exists")

ALL_COLUMNS: tuple[Column, ...] = (
    Column("time", say("Time"), "datetime", sortable=True),
    Column("account", say("Account"), "int", placeholder="—"),
    Column("src", say("From"), tooltip=_TOOLTIP),
    Column("dst", say("To"), tooltip=_TOOLTIP),
    Column("clid", say("Caller ID"), tooltip=_TOOLTIP),
    Column("disposition", say("Disposition")),
    Column("duration", say("Duration (s)"), "int"),
    Column("billsec", say("Billed (s)"), "int"),
)


def granted_accounts(sessions: sessionmaker[Session], operator: OperatorInfo, now: dt.datetime | None = None) -> frozenset[int]:
    """The accounts ``operator`` holds an active access grant for: a source's ``unmasked_accounts``."""
    return frozenset(g.account_id for g in active_grants(sessions, operator, now))


# --------------------------------------------------------------------------- rows and source


@dataclass(frozen=True)
class CdrRow:
    """A call as listed: numbers already masked unless ``masked`` is false.

    A field the table does not have is ``None`` (its column is not shown either).
    """

    time: dt.datetime | None
    account: int | None
    src: str | None
    dst: str | None
    clid: str | None
    disposition: str | None
    duration: int | None
    billsec: int | None
    masked: bool


def _find(columns: Sequence[str], candidates: Sequence[str]) -> str | None:
    by_lower = {c.lower(): c for c in columns}
    return next((by_lower[c] for c in candidates if c in by_lower), None)


def open_target(engine: Engine, table_name: str = "cdrs", column_name: str | None = None) -> TargetInfo:
    """``check_target`` with the timestamp column guessed from ``TIME_COLUMNS`` when not given."""
    if column_name is None:
        schema, name = split_table_name(table_name)
        with db.translated(engine.url):
            insp = inspect(engine)
            found = [c["name"] for c in insp.get_columns(name, schema=schema)] if insp.has_table(name, schema=schema) else []
        # no match (or no table): check_target then names what is wrong, in words
        column_name = _find(found, TIME_COLUMNS) or TIME_COLUMNS[0]
    return check_target(engine, table_name, column_name)


def _check_when(value: dt.datetime | None, what: str) -> dt.datetime | None:
    if value is None:
        return None
    if not isinstance(value, dt.datetime) or value.tzinfo is None or value.utcoffset() is None:
        raise InvalidInput(say("The {what} date must be a date and time with a time zone.", what=what), hint=say("Give it in UTC."))
    # whole seconds, as SQLite's bound is: the filter then means the same on both dialects
    return value.astimezone(dt.UTC).replace(microsecond=0)


@dataclass(frozen=True)
class CdrSource:
    """The calls of one CDR table, optionally narrowed by account, time range and disposition,
    in time order; masked rows (see the module docstring).

    ``since`` is inclusive and ``until`` exclusive, both in whole seconds.
    """

    engine: Engine
    target: TargetInfo
    unmasked_accounts: frozenset[int] = frozenset()
    descending: bool = True
    account_id: int | None = None
    since: dt.datetime | None = None
    until: dt.datetime | None = None
    disposition: str | None = None
    #: the operator browsing (whose grants unmask; on PostgreSQL the database's own login counts)
    login: str = ""
    _names: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        names = {"time": self.target.column}
        for key, candidates in SOURCE_COLUMNS.items():
            found = _find(self.target.columns, candidates)
            if found is not None:
                names[key] = found
        object.__setattr__(self, "_names", names)
        object.__setattr__(self, "unmasked_accounts", frozenset(self.unmasked_accounts))
        if self.account_id is not None:
            if "account" not in names:
                raise InvalidInput(
                    say("{table} has no account column: its calls cannot be filtered by account.", table=self.target.table),
                    hint=say("Filter by time or disposition instead."),
                )
            if isinstance(self.account_id, bool) or not isinstance(self.account_id, int):
                raise InvalidInput(
                    say("{account_id!r} is not an account id.", account_id=self.account_id), hint=say("Give a whole number.")
                )
            if not 0 <= self.account_id <= limits.ID_MAX:
                raise InvalidInput(
                    say("{account_id} is not an account id.", account_id=self.account_id),
                    hint=say("Account ids are positive whole numbers."),
                )
        since = _check_when(self.since, "since")
        until = _check_when(self.until, "until")
        if since is not None and until is not None and since > until:
            raise InvalidInput(
                say(
                    "The start of the range ({since:%Y-%m-%d %H:%M:%S}) is after its end ({until:%Y-%m-%d %H:%M:%S}).",
                    since=since,
                    until=until,
                ),
                hint=say("Swap the two dates."),
            )
        object.__setattr__(self, "since", since)
        object.__setattr__(self, "until", until)
        disposition = self.disposition.strip() if isinstance(self.disposition, str) else self.disposition
        if disposition is not None and not isinstance(disposition, str):
            raise InvalidInput(say("{disposition!r} is not a disposition.", disposition=disposition))
        if disposition:
            if "disposition" not in names:
                raise InvalidInput(say("{table} has no disposition column.", table=self.target.table))
            if len(disposition) > DISPOSITION_MAX:
                raise InvalidInput(
                    say(
                        "The disposition is {disposition} characters long; at most {DISPOSITION_MAX} are accepted.",
                        disposition=len(disposition),
                        DISPOSITION_MAX=DISPOSITION_MAX,
                    ),
                    hint=say("Give a disposition such as ANSWERED, BUSY or NO ANSWER."),
                )
            if "\x00" in disposition:
                raise InvalidInput(say("The disposition contains a NUL character."), hint=say("Type it again."))
        object.__setattr__(self, "disposition", disposition or None)

    # ------------------------------------------------------------------ PageSource

    @property
    def columns(self) -> Sequence[Column]:
        return tuple(c for c in ALL_COLUMNS if c.key in self._names)

    @property
    def order(self) -> tuple[str, bool]:
        return ("time", self.descending)

    def ordered(self, key: str, descending: bool) -> CdrSource:
        """Only time orders: it is the column every CDR table indexes (or should)."""
        if key != "time":
            raise InvalidInput(say("Calls cannot be sorted by {key!r}.", key=key), hint=say("Sort by time."))
        return replace(self, descending=bool(descending))

    def filtered(
        self,
        account_id: int | None = None,
        since: dt.datetime | None = None,
        until: dt.datetime | None = None,
        disposition: str | None = None,
    ) -> CdrSource:
        """This source with exactly these filters (``None``: not filtered); the old ones are dropped.

        Raises ``InvalidInput`` for a filter that cannot apply (see ``__post_init__``).
        The disposition matches whole and case-insensitively, as a bound value.
        """
        return replace(self, account_id=account_id, since=since, until=until, disposition=disposition)

    def with_unmasked(self, accounts: frozenset[int] | set[int]) -> CdrSource:
        """This source for an operator whose grants changed."""
        return replace(self, unmasked_accounts=frozenset(accounts))

    # ------------------------------------------------------------------ SQL

    @property
    def _tiebreak(self) -> tuple[str, ...]:
        """Unique columns after the timestamp (the primary key), else every shown column."""
        pk = tuple(c for c in self.target.primary_key if c != self.target.column)
        if pk or self.target.primary_key:
            return pk
        return tuple(n for k, n in self._names.items() if k != "time")

    @property
    def _unique(self) -> bool:
        return bool(self.target.primary_key)

    @property
    def _premasked(self) -> bool:
        """The service's own ``cdrs`` on PostgreSQL: its numbers are read masked, from the database's
        ``minisip_cdrs_masked`` (no group role may read them in the clear; ``core.pg_security``)."""
        return self.target.dialect == "postgresql" and self.target.name == "cdrs" and self.target.schema is None

    def _table(self) -> TableClause:
        names = dict.fromkeys([*self._names.values(), *self._tiebreak])
        name = "minisip_cdrs_masked" if self._premasked else self.target.name
        return table(name, *(column(n) for n in names), schema=self.target.schema)

    def _where(self, t: TableClause) -> list[ColumnElement[bool]]:
        where: list[ColumnElement[bool]] = []
        ts = t.c[self.target.column]
        if self.account_id is not None:
            where.append(t.c[self._names["account"]] == bindparam("account_id", self.account_id, type_=Integer()))
        if self.since is not None:
            where.append(ts >= self.target.bound(self.since, "since"))
        if self.until is not None:
            where.append(ts < self.target.bound(self.until, "until"))
        if self.disposition is not None:
            value = bindparam("disposition", self.disposition.upper(), type_=String())
            where.append(func.upper(t.c[self._names["disposition"]]) == value)
        return where

    def _order_by(self, t: TableClause) -> list[Any]:
        cols = [t.c[self.target.column], *(t.c[n] for n in self._tiebreak)]
        return [c.desc() if self.descending else c.asc() for c in cols]

    @property
    def _nulls_after(self) -> bool:
        """NULL timestamps come after every other row in this order (the dialect's own NULL order)."""
        return self.descending if self.target.dialect == "sqlite" else not self.descending

    def count(self) -> int:
        t = self._table()
        with db.translated(self.engine.url), self.engine.connect() as conn:
            return int(conn.scalar(select(func.count()).select_from(t).where(*self._where(t))) or 0)

    def fetch(self, offset: int, limit: int) -> tuple[CdrRow, ...]:
        """Rows ``offset`` to ``offset + limit`` in this order, masked as the module docstring says."""
        if offset < 0 or limit <= 0:
            return ()
        t = self._table()
        ts = t.c[self.target.column]
        where = self._where(t)
        order = self._order_by(t)
        shown = [t.c[n].label(k) for k, n in self._names.items()]
        if self._premasked:
            shown.append(t.c["id"].label("id"))
        with db.translated(self.engine.url), self.engine.connect() as conn:
            if not offset:
                rows = conn.execute(select(*shown).where(*where).order_by(*order).limit(limit)).all()
                return self._rows(conn, rows)
            key_cols = [ts, *(t.c[n] for n in self._tiebreak)] if self._unique else [ts]
            key = conn.execute(select(*key_cols).where(*where).order_by(*order).offset(offset).limit(1)).first()
            if key is None:
                return ()
            if key[0] is None:  # inside the NULL-timestamp rows: they have no key to seek by
                rows = conn.execute(select(*shown).where(*where).order_by(*order).offset(offset).limit(limit)).all()
                return self._rows(conn, rows)
            skip = 0
            if self._unique:
                seek = self._from_key(t, tuple(key))
            else:  # the timestamp alone: skip the rows of the same second that precede the offset
                before = ts > key[0] if self.descending else ts < key[0]
                earlier = conn.scalar(select(func.count()).select_from(t).where(*where, before)) or 0
                if not self._nulls_after:
                    earlier += conn.scalar(select(func.count()).select_from(t).where(*where, ts.is_(None))) or 0
                skip = offset - int(earlier)
                seek = ts <= key[0] if self.descending else ts >= key[0]
            rows = conn.execute(select(*shown).where(*where, seek).order_by(*order).offset(skip or None).limit(limit)).all()
            if len(rows) < limit and self._nulls_after:
                rows = [*rows, *conn.execute(select(*shown).where(*where, ts.is_(None)).order_by(*order).limit(limit - len(rows))).all()]
            return self._rows(conn, rows)

    def _rows(self, conn: Any, rows: Sequence[Any]) -> tuple[CdrRow, ...]:
        """The rows as shown. On PostgreSQL's ``cdrs`` they come masked; the calls of accounts the
        operator holds a grant for are then opened (audited, ``cdrs.view``) and read in the clear."""
        if not self._premasked:
            return tuple(self._row(r) for r in rows)
        clear: dict[Any, Any] = {}
        wanted = sorted({r._mapping.get("account") for r in rows} & set(self.unmasked_accounts))
        if wanted:
            from minisip_console.core.personal import PERSONAL_VIEWS, PersonalReader

            with Session(bind=conn) as session, session.begin():
                reader = PersonalReader(session, _Who(self.login))
                for account in wanted:
                    reader.open_account(
                        account, action="cdrs.view", details={"rows": sum(1 for r in rows if r._mapping.get("account") == account)}
                    )
                v = PERSONAL_VIEWS["cdrs"]
                ids = [r._mapping["id"] for r in rows if r._mapping.get("account") in wanted]
                clear = {c.id: c for c in session.execute(select(v.c.id, v.c.src, v.c.dst, v.c.clid).where(v.c.id.in_(ids)))}
        return tuple(self._row(r, premasked=True, clear=clear.get(r._mapping["id"])) for r in rows)

    def _from_key(self, t: TableClause, key: Sequence[Any]) -> ColumnElement[bool]:
        """Rows at or after ``key`` in this order (a portable expansion of a row-value ``>=``)."""
        cols = [t.c[self.target.column], *(t.c[n] for n in self._tiebreak)]

        def after(c: ColumnElement[Any], v: object) -> ColumnElement[bool]:
            return c < v if self.descending else c > v

        def at_or_after(c: ColumnElement[Any], v: object) -> ColumnElement[bool]:
            return c <= v if self.descending else c >= v

        clause: ColumnElement[bool] = at_or_after(cols[-1], key[-1])
        for c, v in zip(reversed(cols[:-1]), reversed(key[:-1]), strict=True):
            clause = or_(after(c, v), and_(c == v, clause))
        if len(cols) > 1:  # a plain range on the timestamp, so the planner walks its index from there
            clause = and_(at_or_after(cols[0], key[0]), clause)
        return clause

    def _row(self, r: Any, *, premasked: bool = False, clear: Any = None) -> CdrRow:
        data = r._mapping
        account = data.get("account")
        masked = (account is None or account not in self.unmasked_accounts) if not premasked else clear is None

        def text(key: str, mask: Any) -> str | None:
            if key not in data:
                return None
            if premasked:  # masked by the database, or opened in the clear
                value = data[key] if clear is None else getattr(clear, key)
                return "" if value is None else str(value)
            value = "" if data[key] is None else str(data[key])
            return mask(value) if masked else value

        def number(key: str) -> int | None:
            value = data.get(key)
            return None if value is None else int(value)

        return CdrRow(
            time=_aware(data["time"]),
            account=account,
            src=text("src", mask_number),
            dst=text("dst", mask_number),
            clid=text("clid", mask_clid),
            disposition=None if "disposition" not in data else (data["disposition"] or ""),
            duration=number("duration"),
            billsec=number("billsec"),
            masked=masked,
        )


@dataclass(frozen=True)
class _Who:
    """The operator a source reads as (only the login counts to the personal reader)."""

    login: str


# --------------------------------------------------------------------------- age histogram


@dataclass(frozen=True)
class AgeHistogram:
    """Rows by age in whole days at ``now`` (age 0: the last 24 hours; a future time is age 0).

    ``buckets`` holds every age from 0 to ``max_days``, zeros included; ``older`` counts the
    rows older than that. Rows without a timestamp have no age and are not counted.

    Made from a retention status (``status_histogram``), ``overdue`` and ``held`` are that
    status's counts at its cutoff: the chart's legend then shows the very numbers the verdict and
    the dry run show (the bars, by whole days, count held rows with the others).
    """

    buckets: tuple[tuple[int, int], ...]
    older: int
    cutoff_days: int
    overdue: int | None = None  # the status's rows past the cutoff, holds excluded (None: not from a status)
    held: int = 0  # the status's rows past the cutoff kept for a legal hold

    @property
    def max_days(self) -> int:
        return len(self.buckets) - 1

    @property
    def total(self) -> int:
        return sum(n for _, n in self.buckets) + self.older

    @property
    def past_cutoff(self) -> int:
        """What a purge at ``now`` would delete: the status's ``overdue`` when made from one (the one
        definition, ``retention.CategoryStatus``); otherwise the rows at least ``cutoff_days`` whole
        days old by the buckets."""
        if self.overdue is not None:
            return self.overdue
        return sum(n for age, n in self.buckets if age >= self.cutoff_days) + self.older

    def to_dict(self) -> dict[str, Any]:
        return {
            "cutoff_days": self.cutoff_days,
            "max_days": self.max_days,
            "buckets": [[age, n] for age, n in self.buckets],
            "older": self.older,
            "total": self.total,
            "past_cutoff": self.past_cutoff,
            "held": self.held,
        }


def age_histogram(engine: Engine, target: TargetInfo, *, now: dt.datetime, cutoff_days: int, max_days: int | None = None) -> AgeHistogram:
    """Count ``target``'s rows by age in days, in one ``GROUP BY`` on the server.

    Ages above ``max_days`` (default ``max(cutoff_days * 3, 90)``) come back as one value, so the
    result has at most ``max_days + 2`` rows however old the table is.
    """
    if now.tzinfo is None or now.utcoffset() is None:
        raise InvalidInput(say("now must be a date and time with a time zone."))
    if isinstance(cutoff_days, bool) or not isinstance(cutoff_days, int) or cutoff_days < 0:
        raise InvalidInput(
            say("{cutoff_days!r} is not a number of days.", cutoff_days=cutoff_days), hint=say("Give a whole number, 0 or more.")
        )
    if max_days is None:
        max_days = max(cutoff_days * 3, 90)
    if isinstance(max_days, bool) or not isinstance(max_days, int) or max_days < cutoff_days:
        raise InvalidInput(
            say(
                "The chart must reach at least the cutoff ({cutoff_days} days), not {max_days!r}.",
                cutoff_days=cutoff_days,
                max_days=max_days,
            )
        )
    now = now.astimezone(dt.UTC)
    t = table(target.name, column(target.column), schema=target.schema)
    ts = t.c[target.column]
    if target.dialect == "sqlite":
        # julianday keeps whole milliseconds: round the difference to them, then divide exactly
        stamp = bindparam("now", now.strftime("%Y-%m-%d %H:%M:%S.%f"), type_=String())
        millis = cast(func.round((func.julianday(stamp) - func.julianday(ts)) * 86_400_000), Integer)
        days: Any = millis // 86_400_000  # integers: SQLite truncates toward zero
    elif target.dialect in db.MYSQL_BACKENDS:
        # MariaDB/MySQL have no EXTRACT(EPOCH ...), and ``DATETIME - DATETIME`` is digit arithmetic there
        seconds: Any = func.timestampdiff(literal_column("SECOND"), ts, target.bound(now, "now"))
        days = func.floor(seconds / 86_400)
    else:
        seconds = extract("epoch", target.bound(now, "now") - ts)
        days = cast(func.floor(seconds / 86_400), Integer)
    lumped = case((days < 0, 0), (days > max_days, max_days + 1), else_=days)
    inner = select(lumped.label("age")).where(ts.is_not(None)).subquery()
    stmt = select(inner.c.age, func.count()).group_by(inner.c.age)
    with db.translated(engine.url), engine.connect() as conn:
        counts = {int(age): int(n) for age, n in conn.execute(stmt)}
    return AgeHistogram(
        buckets=tuple((age, counts.get(age, 0)) for age in range(max_days + 1)),
        older=counts.get(max_days + 1, 0),
        cutoff_days=cutoff_days,
    )


def status_histogram(engine: Engine, status: CategoryStatus, *, max_days: int | None = None) -> AgeHistogram:
    """The age chart of a retention status's target, at the status's own ``now`` and retention,
    carrying its ``overdue`` and ``held`` counts (see ``AgeHistogram``). ``InvalidInput`` when the
    status has no readable target or no retention in days."""
    if status.target is None:
        raise InvalidInput(status.target_error or say("The target cannot be read."))
    if status.policy.days is None:
        raise InvalidInput(say("{label} have no retention in days: there is no cutoff to chart.", label=status.policy.label))
    hist = age_histogram(engine, status.target, now=status.now, cutoff_days=status.policy.days, max_days=max_days)
    return replace(hist, overdue=status.overdue, held=status.held)
