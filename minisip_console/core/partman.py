"""pg_partman-managed retention targets: read their settings, judge them, set them, verify them.

A busy service partitions its CDR table by time and lets pg_partman drop old partitions
(``part_config.retention``). The console never fights it: on such a table it never deletes a row
in a partition pg_partman manages. It reads pg_partman's settings (``managed``), says whether they
keep the policy's promise (``verdict``), lets an admin set them (``set_retention``, audited in the
console's database), and, where its purge would delete, runs pg_partman's own maintenance for that
table (``run_maintenance``) and verifies what is left (``verify``).

How long a row can live under pg_partman: ``drop_partition_time`` drops (or detaches) a partition
only once its *upper* bound is older than ``now - retention``, so the oldest row of a partition
lives up to the retention plus one partition interval, plus the time until the next maintenance
run after that (the console's scheduled purge runs it every ``interval_days``, or
``pg_partman_bgw`` every ``pg_partman_bgw.interval``). The policy allows its days plus its purge
interval (``retention.CategoryStatus``); a setting whose worst case exceeds that breaks the promise
even though each number looks right.

``retention_keep_table`` true (pg_partman's default) or a ``retention_schema`` keep a partition
past its retention as a detached table: its rows are still in the database. The console finds
those tables (in the retention schema, or named like the set's children but no longer in its
partition tree) and counts them against the promise unless they are empty or dropped.

Both pg_partman 4.x and 5.x are read: the settings come from ``to_jsonb(part_config)``, so a column
one version lacks is simply absent. The extension may live in any schema (found through
``pg_extension``). Only PostgreSQL has pg_partman: on any other database ``managed`` says None.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from minisip_console.core import audit, limits
from minisip_console.core.operators import OperatorInfo
from minisip_console.core.plumbing import db
from minisip_console.core.plumbing.errors import ConsoleError, InvalidInput
from minisip_console.core.text import Text, say
from minisip_console.core.verdicts import AT_RISK, BROKEN, KEPT, NOT_CHECKED
from minisip_console.core.wording import plural

if TYPE_CHECKING:  # retention imports this module inside its functions: no cycle at import time
    from collections.abc import Callable

    from minisip_console.core.retention import PolicyInfo, TargetInfo, _Checked, _RunState

EXTENSION = "pg_partman"
#: how many detached tables a sentence names before it says "and N more"
NAMED = 5
_DAY = dt.timedelta(days=1)


# --------------------------------------------------------------------------- reading the settings


@dataclass(frozen=True)
class DetachedTable:
    """A table pg_partman detached from the set at its retention and kept (``retention_keep_table``
    true, or moved to ``retention_schema``): its rows are still in the database."""

    name: str  # schema-qualified
    has_rows: bool  # True too when the login may not read it (what it holds is unknown)
    oldest: dt.datetime | None  # its oldest row's control value (None: empty, or not a timestamp)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "has_rows": self.has_rows, "oldest": _iso(self.oldest)}


@dataclass(frozen=True)
class PartmanConfig:
    """A pg_partman parent's settings (``part_config``), as the installed version stores them."""

    extension_schema: str
    version: str  # the installed pg_partman, e.g. ``4.7.2``
    database: str
    parent_table: str  # ``schema.table``, as ``part_config`` names it
    control: str
    partition_type: str  # ``native``/``partman`` (4.x), ``range``/``list`` (5.x)
    partition_interval: str  # as stored: ``1 day``, ``7 days``, ``1 mon``; a number for id-based sets
    #: the longest one partition can span (a month counts 31 days); None: not a time interval
    interval: dt.timedelta | None
    retention: str | None  # as stored: ``30 days``; None: pg_partman drops nothing
    #: the longest that retention can be (a month counts 31 days); None: unset, or not a time
    retention_span: dt.timedelta | None
    retention_keep_table: bool
    retention_keep_index: bool | None
    retention_schema: str | None
    infinite_time_partitions: bool | None
    premake: int | None
    automatic_maintenance: str | None  # ``on`` / ``off``; None when the installed version has no such column
    #: ``pg_partman_bgw.interval`` when the background worker is loaded (None: it is not)
    bgw_interval: dt.timedelta | None
    bgw_databases: tuple[str, ...]  # ``pg_partman_bgw.dbname``: the databases the worker maintains
    default_partition: str | None  # the set's default partition, schema-qualified (rows pg_partman never drops)
    default_oldest: dt.datetime | None  # its oldest row
    oldest_partition: str | None  # the oldest child in the partition tree (the default aside)
    oldest_lower: dt.datetime | None
    oldest_upper: dt.datetime | None
    detached: tuple[DetachedTable, ...] = ()
    #: the whole ``part_config`` row as read (every column the installed version has)
    settings: Mapping[str, Any] = field(default_factory=dict)

    @property
    def major(self) -> int:
        head = self.version.split(".", 1)[0]
        return int(head) if head.isdigit() else 0

    @property
    def keeps_tables(self) -> bool:
        """pg_partman keeps a partition past its retention as a table instead of dropping it."""
        return self.retention_keep_table or bool(self.retention_schema)

    @property
    def maintained_by_bgw(self) -> bool:
        """pg_partman's background worker runs this set's maintenance on its own."""
        return self.automatic_maintenance != "off" and self.bgw_interval is not None and self.database in self.bgw_databases

    @property
    def detached_with_rows(self) -> tuple[DetachedTable, ...]:
        return tuple(d for d in self.detached if d.has_rows)

    def to_dict(self) -> dict[str, Any]:
        return {
            "extension_schema": self.extension_schema,
            "version": self.version,
            "parent_table": self.parent_table,
            "control": self.control,
            "partition_type": self.partition_type,
            "partition_interval": self.partition_interval,
            "retention": self.retention,
            "retention_keep_table": self.retention_keep_table,
            "retention_keep_index": self.retention_keep_index,
            "retention_schema": self.retention_schema,
            "infinite_time_partitions": self.infinite_time_partitions,
            "premake": self.premake,
            "automatic_maintenance": self.automatic_maintenance,
            "bgw_interval_seconds": None if self.bgw_interval is None else int(self.bgw_interval.total_seconds()),
            "maintained_by_bgw": self.maintained_by_bgw,
            "default_partition": self.default_partition,
            "default_oldest": _iso(self.default_oldest),
            "oldest_partition": self.oldest_partition,
            "oldest_lower": _iso(self.oldest_lower),
            "oldest_upper": _iso(self.oldest_upper),
            "detached": [d.to_dict() for d in self.detached],
        }


def extension(conn: Connection) -> tuple[str, str] | None:
    """``(schema, version)`` of the installed pg_partman, or None."""
    row = conn.execute(
        text("SELECT n.nspname, e.extversion FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = :name"),
        {"name": EXTENSION},
    ).first()
    return None if row is None else (str(row[0]), str(row[1]))


def managed(engine: Engine, schema: str | None, table: str) -> PartmanConfig | None:
    """The pg_partman settings of ``schema.table`` (``schema`` None: the search path's), or None when
    the database is not PostgreSQL, has no pg_partman, or the table is not one of its parents.

    Raises ``InvalidInput`` when pg_partman is there but its settings cannot be read (the login
    may not read ``part_config``): a table whose settings are unknown is never "not managed"."""
    if engine.dialect.name != "postgresql":
        return None
    with db.translated(engine.url), engine.connect() as conn:
        found = extension(conn)
        if found is None:
            return None
        ext_schema, version = found
        rel = conn.execute(
            text(
                "SELECT c.oid, n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE c.oid = to_regclass(:qualified)"
            ),
            {"qualified": _qualified(engine, schema, table)},
        ).first()
        if rel is None:
            return None
        parent_oid, parent_schema, parent_name = int(rel[0]), str(rel[1]), str(rel[2])
        config_table = f"{_q(engine, ext_schema)}.part_config"
        readable = conn.execute(  # by oid: naming a schema the login may not use would be an error, not an answer
            text(
                "SELECT has_schema_privilege(n.oid, 'USAGE') AND has_table_privilege(c.oid, 'SELECT') FROM pg_class c "
                "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = :schema AND c.relname = 'part_config'"
            ),
            {"schema": ext_schema},
        ).scalar()
        if not readable:
            login = conn.execute(text("SELECT session_user")).scalar()
            raise InvalidInput(
                say(
                    "{login} may not read pg_partman's settings ({config}): whether {table} is kept by pg_partman is unknown.",
                    login=login,
                    config=f"{ext_schema}.part_config",
                    table=f"{parent_schema}.{parent_name}",
                ),
                hint=say(
                    "Ask the database's owner to run: GRANT USAGE ON SCHEMA {schema} TO minisip_viewer; "
                    "GRANT SELECT ON {config} TO minisip_viewer;",
                    schema=ext_schema,
                    config=f"{ext_schema}.part_config",
                ),
            )
        raw = conn.execute(
            text(f"SELECT to_jsonb(p) FROM {config_table} p WHERE p.parent_table = :parent"),
            {"parent": f"{parent_schema}.{parent_name}"},
        ).scalar()
        if raw is None:
            return None
        settings: dict[str, Any] = raw if isinstance(raw, dict) else json.loads(raw)
        interval = _span(conn, settings.get("partition_interval"))
        retention_raw = settings.get("retention")
        retention_span = _span(conn, retention_raw) if retention_raw else None
        bgw_interval, bgw_dbs = _bgw(conn)
        control = str(settings.get("control") or "")
        default_name, default_oldest, oldest = _tree(engine, conn, parent_oid, control)
        keep = bool(settings.get("retention_keep_table", True))
        # looked for whatever the settings say now: tables detached while retention_keep_table was true stay behind
        detached = _detached(engine, conn, parent_oid, parent_schema, parent_name, settings.get("retention_schema"), control)
        database = str(conn.execute(text("SELECT current_database()")).scalar())
    return PartmanConfig(
        extension_schema=ext_schema,
        version=version,
        database=database,
        parent_table=f"{parent_schema}.{parent_name}",
        control=control,
        partition_type=str(settings.get("partition_type") or ""),
        partition_interval=str(settings.get("partition_interval") or ""),
        interval=interval,
        retention=str(retention_raw) if retention_raw else None,
        retention_span=retention_span,
        retention_keep_table=keep,
        retention_keep_index=_opt_bool(settings.get("retention_keep_index")),
        retention_schema=settings.get("retention_schema") or None,
        infinite_time_partitions=_opt_bool(settings.get("infinite_time_partitions")),
        premake=int(settings["premake"]) if settings.get("premake") is not None else None,
        automatic_maintenance=str(settings["automatic_maintenance"]) if settings.get("automatic_maintenance") is not None else None,
        bgw_interval=bgw_interval,
        bgw_databases=bgw_dbs,
        default_partition=default_name,
        default_oldest=default_oldest,
        oldest_partition=oldest[0] if oldest else None,
        oldest_lower=oldest[1] if oldest else None,
        oldest_upper=oldest[2] if oldest else None,
        detached=detached,
        settings=settings,
    )


def _opt_bool(value: Any) -> bool | None:
    return None if value is None else bool(value)


def _q(engine: Engine, name: str) -> str:
    return engine.dialect.identifier_preparer.quote(name)


def _qualified(engine: Engine, schema: str | None, table: str) -> str:
    return f"{_q(engine, schema)}.{_q(engine, table)}" if schema else _q(engine, table)


def _span(conn: Connection, value: Any) -> dt.timedelta | None:
    """The longest time ``value`` (an interval's text) can span: a month counts 31 days, a year 366.
    None when it is not an interval (an id-based set's ``partition_interval`` is a number)."""
    if value is None or str(value).strip() == "" or str(value).strip().lstrip("-").isdigit():
        return None
    try:
        with conn.begin_nested():
            row = conn.execute(
                text(
                    "SELECT extract(year FROM i), extract(month FROM i), extract(day FROM i), extract(epoch FROM i) "
                    "FROM (SELECT CAST(:v AS interval) AS i) x"
                ),
                {"v": str(value)},
            ).one()
    except DBAPIError:
        return None
    years, months, days, epoch = (float(x) for x in row)
    seconds = epoch - (years * 365.25 + months * 30 + days) * 86400  # what extract(epoch) counted for the time part
    return dt.timedelta(days=years * 366 + months * 31 + days, seconds=seconds)


def _bgw(conn: Connection) -> tuple[dt.timedelta | None, tuple[str, ...]]:
    """The background worker's interval and databases (settings that exist only when it is loaded)."""
    interval, dbname = conn.execute(
        text("SELECT current_setting('pg_partman_bgw.interval', true), current_setting('pg_partman_bgw.dbname', true)")
    ).one()
    if not interval or not dbname:
        return None, ()
    try:
        seconds = int(str(interval).strip())
    except ValueError:
        return None, ()
    return dt.timedelta(seconds=seconds), tuple(d.strip() for d in str(dbname).split(",") if d.strip())


def _tree(
    engine: Engine, conn: Connection, parent_oid: int, control: str
) -> tuple[str | None, dt.datetime | None, tuple[str, dt.datetime | None, dt.datetime | None] | None]:
    """The default partition (its name and oldest row) and the oldest child by its lower bound."""
    rows = conn.execute(
        text(
            "SELECT n.nspname, c.relname, pg_get_expr(c.relpartbound, c.oid) FROM pg_inherits i "
            "JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE i.inhparent = :oid"
        ),
        {"oid": parent_oid},
    ).all()
    from minisip_console.core.retention import _BOUND, _pg_bound  # the one parser of a range bound

    default_name = None
    default_oldest = None
    oldest: tuple[str, dt.datetime | None, dt.datetime | None] | None = None
    for nsp, rel, bound in rows:
        name = f"{nsp}.{rel}"
        if bound == "DEFAULT":
            default_name = name
            default_oldest = _oldest(engine, conn, nsp, rel, control)
            continue
        m = _BOUND.match(bound or "")
        if not m:
            continue
        try:
            lo, hi = _pg_bound(m["lo"]), _pg_bound(m["hi"])
        except ValueError:  # not a timestamp range (an id-based set)
            continue
        if oldest is None or (lo or dt.datetime.min.replace(tzinfo=dt.UTC)) < (oldest[1] or dt.datetime.min.replace(tzinfo=dt.UTC)):
            oldest = (name, lo, hi)
    return default_name, default_oldest, oldest


def _oldest(engine: Engine, conn: Connection, schema: str, name: str, control: str) -> dt.datetime | None:
    """The oldest control value of one table (None: empty, or the login may not read it directly:
    a grant on the parent does not reach its partitions read by name)."""
    if not control:
        return None
    readable = conn.execute(  # its control column is enough (a viewer is granted no more of a default partition)
        text(
            "SELECT has_schema_privilege(n.oid, 'USAGE') AND has_column_privilege(c.oid, :control, 'SELECT') FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = :control "
            "AND NOT a.attisdropped WHERE n.nspname = :schema AND c.relname = :name"
        ),
        {"schema": schema, "name": name, "control": control},
    ).scalar()
    if not readable:
        return None
    value = conn.execute(text(f"SELECT min({_q(engine, control)}) FROM {_q(engine, schema)}.{_q(engine, name)}")).scalar()
    return _aware(value)


def _detached(
    engine: Engine,
    conn: Connection,
    parent_oid: int,
    parent_schema: str,
    parent_name: str,
    retention_schema: Any,
    control: str,
) -> tuple[DetachedTable, ...]:
    """Tables pg_partman detached at their retention and kept: every table of ``retention_schema``
    named like the set's children, and those in the parent's schema named like them (``NAME_p...``)
    that are no longer in its partition tree."""
    schemas = [parent_schema] + ([str(retention_schema)] if retention_schema else [])
    # pg_partman names a child NAME_p<its start>: 4.x NAME_p2026_10_07, 5.x NAME_p20261007 (or a number for id sets)
    pattern = "^" + re.escape(parent_name) + "_p[0-9]"
    rows = conn.execute(
        text(
            "SELECT n.nspname, c.relname, has_schema_privilege(n.oid, 'USAGE') AND has_table_privilege(c.oid, 'SELECT') "
            "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY(:schemas) AND c.relname ~ :pattern "
            "AND NOT c.relispartition "
            "AND NOT EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = c.oid AND i.inhparent = :oid) "
            "ORDER BY n.nspname, c.relname"
        ),
        {"schemas": schemas, "pattern": pattern, "oid": parent_oid},
    ).all()
    out = []
    for nsp, rel, readable in rows:
        if not readable:  # the login may not look inside: it is a kept copy all the same, counted as holding rows
            out.append(DetachedTable(f"{nsp}.{rel}", True, None))
            continue
        has_rows = bool(conn.execute(text(f"SELECT EXISTS (SELECT 1 FROM {_q(engine, nsp)}.{_q(engine, rel)})")).scalar())
        oldest = None
        if has_rows:
            try:
                with conn.begin_nested():
                    oldest = _oldest(engine, conn, nsp, rel, control)
            except DBAPIError:  # its control column was dropped or renamed since
                oldest = None
        out.append(DetachedTable(f"{nsp}.{rel}", has_rows, oldest))
    return tuple(out)


# --------------------------------------------------------------------------- the verdict


@dataclass(frozen=True)
class PartmanVerdict:
    """Whether a pg_partman parent's settings keep the policy's promise, and why not.

    ``findings`` are ``(verdict, sentence)`` pairs; the verdict is the worst of them (``kept``
    when there are none). ``worst_age`` is how old a row can get before pg_partman's maintenance
    drops its partition; ``allowance`` what the policy allows (its days plus its purge interval)."""

    config: PartmanConfig
    findings: tuple[tuple[str, Text], ...]
    worst_age: dt.timedelta | None
    allowance: dt.timedelta | None
    maintenance: dt.timedelta  # the longest gap between two maintenance runs assumed
    #: the longest pg_partman retention, in whole days, that keeps the promise (None: none does with these partitions)
    suggested_days: int | None

    @property
    def verdict(self) -> str:
        """The worst finding: broken, then not checked, then at risk (as ``CategoryStatus`` orders them)."""
        rank: dict[str, int] = {KEPT: 0, AT_RISK: 1, NOT_CHECKED: 2, BROKEN: 3}
        return max((level for level, _ in self.findings), key=rank.__getitem__, default=KEPT)

    def reasons(self, level: str | None = None) -> tuple[Text, ...]:
        """The sentences (of one verdict level, or all), worst first."""
        if level is not None:
            return tuple(s for lv, s in self.findings if lv == level)
        return tuple(s for lv in (BROKEN, NOT_CHECKED, AT_RISK) for s in self.reasons(lv))

    @property
    def summary(self) -> Text:
        """One line for a status: kept by pg_partman, with its settings and the verdict."""
        c = self.config
        keep = say("dropped") if not c.keeps_tables else say("kept as tables")
        if self.worst_age is None:
            return say(
                "Kept by pg_partman {version} ({parent}: partitions of {interval}, retention {retention}, old partitions {keep}): {verdict}.",
                version=c.version,
                parent=c.parent_table,
                interval=c.partition_interval,
                retention=c.retention or "not set",
                keep=keep,
                verdict=self.verdict,
            )
        return say(
            "Kept by pg_partman {version} ({parent}: partitions of {interval}, retention {retention}, old partitions {keep}; "
            "a row lives at most {worst}, the policy allows {allowed}): {verdict}.",
            version=c.version,
            parent=c.parent_table,
            interval=c.partition_interval,
            retention=c.retention or "not set",
            keep=keep,
            worst=_days(self.worst_age),
            allowed=_days(self.allowance) if self.allowance is not None else "no limit",
            verdict=self.verdict,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "kept_by": "pg_partman",
            "verdict": self.verdict,
            "reasons": [str(s) for s in self.reasons()],
            "summary": str(self.summary),
            "worst_age_days": None if self.worst_age is None else round(self.worst_age / _DAY, 2),
            "allowance_days": None if self.allowance is None else round(self.allowance / _DAY, 2),
            "maintenance_days": round(self.maintenance / _DAY, 2),
            "suggested_days": self.suggested_days,
            "config": self.config.to_dict(),
        }


def verdict(
    config: PartmanConfig,
    policy_days: int | None,
    interval_days: int,
    *,
    now: dt.datetime | None = None,
    maintenance: dt.timedelta | None = None,
) -> PartmanVerdict:
    """Judge ``config`` against a policy of ``policy_days`` (None: no day limit) whose scheduled
    purge runs every ``interval_days``.

    A row may live ``retention + one partition interval + the gap between two maintenance runs``
    (``maintenance``: default the purge interval, or pg_partman_bgw's when it maintains this set
    more often); the policy allows ``policy_days + interval_days``. Broken: no retention, a
    retention longer than the policy, a worst case past the allowance, detached tables still
    holding rows, or (given ``now``) default-partition rows past the allowance, which pg_partman
    never drops. At risk: pg_partman is set to keep detached tables (none holds rows yet).
    Not checked: a set not partitioned by time."""
    gap = maintenance if maintenance is not None else dt.timedelta(days=interval_days)
    if maintenance is None and config.maintained_by_bgw and config.bgw_interval is not None:
        gap = min(gap, config.bgw_interval)
    findings: list[tuple[str, Text]] = []
    allowance = None if policy_days is None else dt.timedelta(days=policy_days + interval_days)
    worst = None
    suggested = None
    parent = config.parent_table
    if config.interval is None:
        findings.append(
            (
                NOT_CHECKED,
                say(
                    "{parent} is partitioned by {control} in steps of {interval}, not by time: how long pg_partman keeps a row is unknown.",
                    parent=parent,
                    control=config.control,
                    interval=config.partition_interval,
                ),
            )
        )
    elif config.retention is None:
        if policy_days is not None:
            findings.append(
                (
                    BROKEN,
                    say(
                        "pg_partman has no retention for {parent}: it never drops a partition, so every row stays; "
                        "the policy allows {allowed}.",
                        parent=parent,
                        allowed=_days(allowance),
                    ),
                )
            )
    elif config.retention_span is None:
        findings.append(
            (
                NOT_CHECKED,
                say("pg_partman's retention for {parent} is {retention}, not a time span.", parent=parent, retention=config.retention),
            )
        )
    else:
        worst = config.retention_span + config.interval + gap
        if policy_days is not None and allowance is not None:
            room = allowance - config.interval - gap
            suggested = int(room / _DAY) if room >= _DAY else None
            if config.retention_span > dt.timedelta(days=policy_days):
                findings.append(
                    (
                        BROKEN,
                        say(
                            "pg_partman's retention for {parent} is {retention}: longer than the policy's {days}.",
                            parent=parent,
                            retention=config.retention,
                            days=plural(policy_days, "day"),
                        ),
                    )
                )
            elif worst > allowance:
                fix = (
                    say("Set pg_partman's retention to at most {days}.", days=plural(suggested, "day"))
                    if suggested is not None
                    else say("Use shorter partitions: with partitions of {interval} no retention fits.", interval=config.partition_interval)
                )
                findings.append(
                    (
                        BROKEN,
                        say(
                            "Rows of {parent} can live {worst}: pg_partman drops a partition only once all of it is past the "
                            "retention of {retention}, so its oldest rows wait one more partition interval ({interval}), and then "
                            "up to {gap} for the next maintenance run; the policy allows {allowed} (its {days} plus the purge "
                            "interval of {purge}). {fix}",
                            parent=parent,
                            worst=_days(worst),
                            retention=config.retention,
                            interval=config.partition_interval,
                            gap=_days(gap),
                            allowed=_days(allowance),
                            days=plural(policy_days, "day"),
                            purge=plural(interval_days, "day"),
                            fix=fix,
                        ),
                    )
                )
    with_rows = config.detached_with_rows
    if with_rows:
        oldest = min((d.oldest for d in with_rows if d.oldest is not None), default=None)
        findings.append(
            (
                BROKEN,
                say(
                    "pg_partman detached {count} of {parent} at its retention and kept {them} ({names}){since}: "
                    "the rows are still in the database. Drop {them}, and set retention_keep_table to false.",
                    count=plural(len(with_rows), "table"),
                    parent=parent,
                    them="it" if len(with_rows) == 1 else "them",
                    names=_names(d.name for d in with_rows),
                    since=say(", the oldest row from {oldest:%Y-%m-%d}", oldest=oldest) if oldest is not None else "",
                ),
            )
        )
    elif config.keeps_tables and config.retention is not None:
        where = (
            say("moves them to the schema {schema}", schema=config.retention_schema)
            if config.retention_schema
            else say("keeps them as tables (retention_keep_table is true)")
        )
        findings.append(
            (
                AT_RISK,
                say(
                    "pg_partman detaches the partitions of {parent} past its retention but {where}: their rows would stay "
                    "in the database. Set retention_keep_table to false (and no retention_schema).",
                    parent=parent,
                    where=where,
                ),
            )
        )
    if now is not None and allowance is not None and config.default_oldest is not None and config.default_oldest < now - allowance:
        findings.append(
            (
                BROKEN,
                say(
                    "The default partition {name} holds rows from {oldest:%Y-%m-%d}, past what the policy allows: "
                    "pg_partman never drops a default partition's rows (move them with partman.partition_data_time, or delete them).",
                    name=config.default_partition,
                    oldest=config.default_oldest,
                ),
            )
        )
    return PartmanVerdict(config, tuple(findings), worst, allowance, gap, suggested)


def _days(span: dt.timedelta | None) -> str:
    if span is None:
        return "no limit"
    whole = span / _DAY
    if abs(whole - round(whole)) < 1e-9:
        return plural(round(whole), "day")
    return f"{whole:.1f} days"


def _names(names: Any) -> str:
    names = list(names)
    shown = ", ".join(names[:NAMED])
    return shown + (f" and {len(names) - NAMED} more" if len(names) > NAMED else "")


# --------------------------------------------------------------------------- setting it


def set_retention(
    sessions: sessionmaker[Session],
    operator: OperatorInfo,
    engine: Engine,
    table: str,
    days: int | str,
) -> PartmanConfig:
    """Set pg_partman's retention for the parent ``table`` to ``days`` days and make it drop old
    partitions (``retention_keep_table`` false, no ``retention_schema``): admins only, the same
    right as changing a retention policy. Audited (``retention.partman_set``, old and new values)
    in the console's database (``sessions``); ``engine`` is the database holding the table (the
    console's own, or a saved target's). On one database both commit in one transaction."""
    from minisip_console.core import retention

    error = retention.refusal("set_policy", operator)
    if error is not None:
        raise error
    try:
        n = limits.whole_number(
            days if isinstance(days, int) else str(days), what="a retention in days", minimum=1, maximum=retention.MAX_DAYS
        )
    except InvalidInput as exc:
        raise InvalidInput(exc.message, hint=say("Give whole days from 1 to {most:,}, e.g. 29.", most=retention.MAX_DAYS)) from None
    schema, name = retention.split_table_name(table)
    config = managed(engine, schema, name)
    if config is None:
        raise InvalidInput(
            say("{table} is not a table pg_partman manages: there is no retention of pg_partman to set.", table=table),
            hint=say("Check the name, or set the console's own retention policy instead."),
        )
    new = {"retention": f"{n} days", "retention_keep_table": False, "retention_schema": None}
    before = {
        "retention": config.retention,
        "retention_keep_table": config.retention_keep_table,
        "retention_schema": config.retention_schema,
    }
    update = text(
        f"UPDATE {_q(engine, config.extension_schema)}.part_config SET retention = :retention, retention_keep_table = false, "
        "retention_schema = NULL WHERE parent_table = :parent"
    )
    params = {"retention": new["retention"], "parent": config.parent_table}
    details = {
        "parent_table": config.parent_table,
        "database": engine.url.render_as_string(hide_password=True),
        "pg_partman": config.version,
        "before": before,
        "after": new,
    }
    console = retention._engine(sessions)

    def audited(session: Session) -> None:
        audit.append(
            session,
            operator=operator.login,
            action="retention.partman_set",
            target_type="partman_parent",
            target_id=config.parent_table,
            details=details,
        )

    if _same_database(console, engine):
        with db.translated(engine.url), sessions.begin() as session:
            session.execute(update, params)
            audited(session)
    else:  # the target's change commits only once its audit event has
        with db.translated(engine.url), engine.connect() as conn, conn.begin():
            conn.execute(update, params)
            with db.translated(console.url), sessions.begin() as session:
                audited(session)
    fresh = managed(engine, schema, name)
    assert fresh is not None
    return fresh


def _same_database(a: Engine, b: Engine) -> bool:
    return a is b or a.url.render_as_string(hide_password=True) == b.url.render_as_string(hide_password=True)


# --------------------------------------------------------------------------- maintenance and verification


@dataclass(frozen=True)
class Maintenance:
    """What one run of pg_partman's maintenance for a parent did to its partitions."""

    dropped: tuple[str, ...]  # partitions gone from the database
    detached: tuple[str, ...]  # partitions gone from the set but kept as tables (their rows stay)
    rows: int  # rows of the dropped partitions (counted in the same transaction, just before)
    oldest: dt.datetime | None  # the oldest and newest of those rows
    newest: dt.datetime | None
    detached_rows: int = 0


def run_maintenance(
    engine: Engine, table: str, *, held: Sequence[Any] = (), account_column: str | None = None, login: str | None = None
) -> Maintenance:
    """Run pg_partman's maintenance for the parent ``table`` (``run_maintenance(p_parent_table)``:
    whatever its ``automatic_maintenance`` says) and say what it dropped or detached.

    Counts the rows of the partitions its retention is about to drop, runs it, and compares the
    partition tree after, all in one transaction (``now()`` there is the time pg_partman measures
    its retention from). Refused (``ConsoleError``, nothing done) when a partition it would drop
    holds rows of an account under a legal hold (``held``, as ``account_column`` stores them):
    pg_partman cannot keep them.

    The rows are counted through the parent (a grant on it covers its partitions read through it,
    never by their own names). A login that does not own the parent (an operator's) runs the
    maintenance through the console's ``minisip_partman_maintenance`` (``core.pg_security``), which
    runs it with the schema owner's rights after checking the parent and the holds again; the
    parent's owner (the schema owner, a superuser) calls pg_partman itself."""
    from minisip_console.core import retention

    schema, name = retention.split_table_name(table)
    config = managed(engine, schema, name)
    if config is None:
        raise InvalidInput(say("{table} is not a table pg_partman manages.", table=table))
    ext = _q(engine, config.extension_schema)
    parent = _quoted_parent(engine, config)
    col = _q(engine, config.control)
    with db.translated(engine.url), engine.connect() as conn, conn.begin():
        parent_oid = int(conn.execute(text("SELECT CAST(:p AS regclass)::oid"), {"p": parent}).scalar_one())
        kind = conn.execute(
            text("SELECT format_type(a.atttypid, a.atttypmod) FROM pg_attribute a WHERE a.attrelid = :oid AND a.attname = :col"),
            {"oid": parent_oid, "col": config.control},
        ).scalar()
        before = _children(conn, parent_oid)
        due: dict[str, tuple[int, Any, Any]] = {}
        for child in _due(conn, engine, config):
            lo, hi = before[child]
            where = [f"{col} < CAST(:hi AS {kind})"] + ([f"{col} >= CAST(:lo AS {kind})"] if lo is not None else [])
            bounds = {"hi": hi, "lo": lo}
            if held and account_column:
                hit = conn.execute(
                    text(f"SELECT count(*) FROM {parent} WHERE {' AND '.join(where)} AND {_q(engine, account_column)} = ANY(:held)"),
                    {**bounds, "held": list(held)},
                ).scalar()
                if hit:
                    raise ConsoleError(
                        say(
                            "pg_partman's maintenance would drop {child}, which holds {rows} of accounts under a legal hold: "
                            "the console did not run it.",
                            child=child,
                            rows=plural(int(hit), "row"),
                        ),
                        hint=say(
                            "pg_partman cannot keep a held account's rows. Lengthen its retention for {parent} while the hold "
                            "lasts, or copy the held rows elsewhere first.",
                            parent=config.parent_table,
                        ),
                    )
            n, lo_v, hi_v = conn.execute(
                text(f"SELECT count(*), min({col}), max({col}) FROM {parent} WHERE {' AND '.join(where)}"), bounds
            ).one()
            due[child] = (int(n or 0), lo_v, hi_v)
        wrapped = conn.execute(
            text(
                "SELECT to_regprocedure('minisip_partman_maintenance(regclass, text, text)') IS NOT NULL "
                "AND NOT pg_has_role(session_user, c.relowner, 'MEMBER') FROM pg_class c WHERE c.oid = :oid"
            ),
            {"oid": parent_oid},
        ).scalar()
        if wrapped:
            # pg_partman sets the session's search_path inside the function: the caller's is put back after
            path = conn.execute(text("SELECT current_setting('search_path')")).scalar()
            conn.execute(
                text("SELECT minisip_partman_maintenance(CAST(:parent AS regclass), :account, :claimed)"),
                {"parent": parent, "account": account_column, "claimed": login},
            )
            conn.execute(text("SELECT set_config('search_path', :path, false)"), {"path": path})
        else:
            conn.execute(text(f"SELECT {ext}.run_maintenance(p_parent_table := :parent)"), {"parent": config.parent_table})
        after = _children(conn, parent_oid)
        gone = [c for c in before if c not in after]
        dropped: list[str] = []
        detached: list[str] = []
        for child in gone:
            nsp, rel = child.split(".", 1)
            still = conn.execute(
                text(
                    "SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = :rel "
                    "AND n.nspname = ANY(:schemas)"
                ),
                {"rel": rel, "schemas": [nsp] + ([config.retention_schema] if config.retention_schema else [])},
            ).first()
            (detached if still else dropped).append(child)
    rows = sum(due[c][0] for c in dropped if c in due)
    lows = [v for c in dropped if c in due and (v := _aware(due[c][1])) is not None]
    highs = [v for c in dropped if c in due and (v := _aware(due[c][2])) is not None]
    return Maintenance(
        dropped=tuple(dropped),
        detached=tuple(detached),
        rows=rows,
        oldest=min(lows, default=None),
        newest=max(highs, default=None),
        detached_rows=sum(due[c][0] for c in detached if c in due),
    )


def _quoted_parent(engine: Engine, config: PartmanConfig) -> str:
    schema, _, name = config.parent_table.partition(".")
    return f"{_q(engine, schema)}.{_q(engine, name)}"


def _children(conn: Connection, parent_oid: int) -> dict[str, tuple[str | None, str | None]]:
    """Every child in the partition tree: ``schema.name`` -> its range bounds as text (None: default)."""
    from minisip_console.core.retention import _BOUND

    out: dict[str, tuple[str | None, str | None]] = {}
    for nsp, rel, bound in conn.execute(
        text(
            "SELECT n.nspname, c.relname, pg_get_expr(c.relpartbound, c.oid) FROM pg_inherits i "
            "JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE i.inhparent = :oid"
        ),
        {"oid": parent_oid},
    ):
        m = _BOUND.match(bound or "")
        lo = m["lo"].strip().strip("'") if m else None
        hi = m["hi"].strip().strip("'") if m else None
        out[f"{nsp}.{rel}"] = (None if lo in (None, "MINVALUE") else lo, None if hi in (None, "MAXVALUE") else hi)
    return out


@dataclass(frozen=True)
class PartmanCheck:
    """What is left after pg_partman's maintenance, against the cutoff."""

    cutoff: dt.datetime
    allowance: dt.timedelta  # rows this much older than the cutoff are tolerated (the boundary partition)
    oldest_row: dt.datetime | None  # the oldest row in the set (its default partition too)
    oldest_partition: str | None
    oldest_lower: dt.datetime | None
    oldest_upper: dt.datetime | None
    detached: tuple[DetachedTable, ...]  # detached tables still holding rows

    @property
    def verified(self) -> bool:
        rows_ok = self.oldest_row is None or self.oldest_row >= self.cutoff - self.allowance
        return rows_ok and not self.detached

    @property
    def oldest_remaining(self) -> dt.datetime | None:
        """The oldest row still in the database: in the set or in a detached table."""
        stamps = [s for s in (self.oldest_row, *(d.oldest for d in self.detached)) if s is not None]
        return min(stamps, default=None)

    @property
    def reason(self) -> Text:
        if self.verified:
            return say(
                "Verified: no row of the set is older than {limit:%Y-%m-%d %H:%M} UTC (the cutoff less one partition interval) "
                "and no detached table holds rows.",
                limit=self.cutoff - self.allowance,
            )
        if self.detached:
            return say(
                "Not verified: {count} detached by pg_partman still {hold} rows ({names}).",
                count=plural(len(self.detached), "table"),
                hold="holds" if len(self.detached) == 1 else "hold",
                names=_names(d.name for d in self.detached),
            )
        return say(
            "Not verified: a row from {oldest:%Y-%m-%d %H:%M} UTC is older than the cutoff less one partition interval "
            "({limit:%Y-%m-%d %H:%M} UTC); the oldest partition is {partition}.",
            oldest=self.oldest_row,
            limit=self.cutoff - self.allowance,
            partition=self.oldest_partition or "the default partition",
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "cutoff": _iso(self.cutoff),
            "allowance_seconds": int(self.allowance.total_seconds()),
            "oldest_row": _iso(self.oldest_row),
            "oldest_partition": self.oldest_partition,
            "oldest_lower": _iso(self.oldest_lower),
            "oldest_upper": _iso(self.oldest_upper),
            "detached": [d.to_dict() for d in self.detached],
            "verified": self.verified,
            "reason": str(self.reason),
        }


def verify(engine: Engine, table: str, cutoff: dt.datetime, allowance: dt.timedelta | None = None) -> PartmanCheck:
    """After pg_partman's maintenance: the oldest row of the set (its default partition included)
    and its oldest partition's bounds against ``cutoff``, and the detached tables still holding rows.

    ``allowance`` (default: one partition interval) is how much older than the cutoff a row may
    be: pg_partman keeps the partition that straddles its retention until all of it is past."""
    from minisip_console.core import retention

    schema, name = retention.split_table_name(table)
    config = managed(engine, schema, name)
    if config is None:
        raise InvalidInput(say("{table} is not a table pg_partman manages.", table=table))
    _require_time(config)
    tolerance = allowance if allowance is not None else (config.interval or dt.timedelta(0))
    with db.translated(engine.url), engine.connect() as conn:
        oldest = _aware(conn.execute(text(f"SELECT min({_q(engine, config.control)}) FROM {_quoted_parent(engine, config)}")).scalar())
    return PartmanCheck(
        cutoff=cutoff,
        allowance=tolerance,
        oldest_row=oldest,
        oldest_partition=config.oldest_partition,
        oldest_lower=config.oldest_lower,
        oldest_upper=config.oldest_upper,
        detached=config.detached_with_rows,
    )


def _require_time(config: PartmanConfig) -> None:
    """Refuse a set not partitioned by time: the console cannot tell which of its rows are past a cutoff."""
    if config.interval is None:
        raise InvalidInput(
            say(
                "{parent} is partitioned by {control} in steps of {interval}, not by time: the console cannot verify "
                "what pg_partman keeps, and does not run its maintenance.",
                parent=config.parent_table,
                control=config.control,
                interval=config.partition_interval,
            ),
            hint=say("Purge a table partitioned by time, or leave this one to pg_partman's own schedule."),
        )


# --------------------------------------------------------------------------- what core.retention calls


def status_for(engine: Engine, target: TargetInfo, policy: PolicyInfo, now: dt.datetime) -> PartmanVerdict | None:
    """The verdict of pg_partman's settings for a retention target (None: not a pg_partman parent)."""
    config = managed(engine, target.schema, target.name)
    if config is None:
        return None
    return verdict(config, policy.days, policy.interval_days, now=now)


@dataclass(frozen=True)
class PlanNote:
    """What a dry run says of a pg_partman parent: the partitions its maintenance would drop now."""

    due: frozenset[str]  # their names (without the schema)
    note: Text


def plan_for(engine: Engine, target: TargetInfo) -> PlanNote | None:
    """For the dry run: the partitions pg_partman's retention makes due now, and a sentence saying
    the purge runs its maintenance instead of deleting (None: ``target`` is not a pg_partman parent)."""
    config = managed(engine, target.schema, target.name)
    if config is None:
        return None
    with db.translated(engine.url), engine.connect() as conn:
        due = frozenset(c.rpartition(".")[2] for c in _due(conn, engine, config))
    if config.retention is None:
        note = say(
            "Kept by pg_partman, which has no retention for {parent}: a purge runs its maintenance, which drops nothing.",
            parent=config.parent_table,
        )
    else:
        note = say(
            "Kept by pg_partman: a purge runs its maintenance, which drops the partitions past its retention of {retention} "
            "({count}), never the console's cutoff; rows younger than that stay.",
            retention=config.retention,
            count=plural(len(due), "partition"),
        )
    return PlanNote(due, note)


def _due(conn: Connection, engine: Engine, config: PartmanConfig) -> tuple[str, ...]:
    """The children whose upper bound is past ``now() - retention``: what ``drop_partition_time`` drops."""
    if config.retention is None or config.retention_span is None:
        return ()
    from minisip_console.core.retention import _pg_bound

    parent_oid = int(conn.execute(text("SELECT CAST(:p AS regclass)::oid"), {"p": _quoted_parent(engine, config)}).scalar_one())
    # now() is the transaction's start: the very moment pg_partman's maintenance, run in it, measures from
    threshold = _aware(conn.execute(text("SELECT now() - CAST(:r AS interval)"), {"r": config.retention}).scalar())
    out = []
    for child, (_lo, hi) in _children(conn, parent_oid).items():
        try:
            upper = _pg_bound(hi) if hi is not None else None
        except ValueError:  # not a timestamp bound
            continue
        if upper is not None and threshold is not None and upper < threshold:
            out.append(child)
    return tuple(sorted(out))


def purge_for(
    engine: Engine,
    console: Engine,
    target: TargetInfo,
    cutoff: dt.datetime,
    state: _RunState,
    report: Callable[[dt.datetime | None], None],
) -> _Checked | None:
    """What a purge does on a pg_partman parent instead of deleting (None: ``target`` is not one):
    run pg_partman's maintenance for it, record what it dropped in the run's receipt (``state``,
    written to ``console``, the console's database), and verify what is left against ``cutoff``.
    The console deletes no row in a partition pg_partman manages."""
    from minisip_console.core import retention

    config = managed(engine, target.schema, target.name)
    if config is None:
        return None
    _require_time(config)  # before its maintenance runs: what it would drop could not be verified
    with db.translated(engine.url), engine.connect() as conn:
        held = state.refresh_held(conn)
    done = run_maintenance(
        engine, config.parent_table, held=target.held_values(held), account_column=target.account_column, login=state.login
    )
    state.deleted += done.rows
    state.batches += 1
    state.partitions.extend(done.dropped + done.detached)
    retention._merge_range(state, done.oldest, done.newest)
    with db.translated(console.url), console.begin() as conn:
        retention._checkpoint(conn, state)
    report(None)
    check = verify(engine, config.parent_table, cutoff, config.interval)
    with db.translated(engine.url), engine.connect() as conn:
        skipped = retention._count_held(conn, target, cutoff, held)
    what = say(
        "Kept by pg_partman: its maintenance dropped {dropped} ({rows}){detached}; the console deleted no row itself. {check}",
        dropped=plural(len(done.dropped), "partition"),
        rows=plural(done.rows, "row"),
        detached=say(" and detached {count}, kept as tables", count=plural(len(done.detached), "partition")) if done.detached else "",
        check=check.reason,
    )
    holds = retention.holds_warning(target, held)
    note = say("{what} {holds}", what=what, holds=holds) if holds else what
    # a detached table whose rows have no readable timestamp: not verified, with no row to name (None, not False)
    verified = None if not check.verified and check.oldest_remaining is None else check.verified
    return retention._Checked(check.oldest_remaining, verified, skipped, note)


def _iso(value: dt.datetime | None) -> str | None:
    return None if value is None else value.astimezone(dt.UTC).isoformat()


def _aware(value: Any) -> dt.datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value.strip())
    if not isinstance(value, dt.datetime):
        return None  # a date or a number: not a timestamp control column
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)
