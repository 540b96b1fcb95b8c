"""``minisip-console purge`` and ``minisip-console retention ...``: the CDR promise from a terminal.

The privacy policy: "CDR records will also be deleted automatically in 30 days". These commands
are the headless face of ``core.retention`` for operators and for the OS scheduler.

- ``purge [--category cdr|all] [--dry-run]`` deletes what is past each category's retention, in
  batches, each committed with its receipt. ``--dry-run`` only counts (rows, time range, whole
  partitions, warnings) and exits 0. A real run prints one progress line per batch on stderr
  (rows deleted of an estimate, rate, ETA; none with ``--json`` or ``--quiet``), then each
  receipt; it counts nothing up front, so its first line says it is counting as it goes, and the
  total is "about" until the last batch. Exit 0 only when every receipt is ``completed`` and
  verified; 1 when the time limit was reached, the run was cancelled, a receipt is unverified,
  the purge failed (its receipt says ``failed`` and why), or another purge holds the lock.
  ``--scheduler`` records the run as started by the scheduler (the OS login the scheduled task
  runs under is the operator). Ctrl+C (SIGINT) or SIGTERM stops between batches: the receipt
  says ``cancelled`` and the next run goes on from there; a second Ctrl+C stops at once (the
  batch in flight rolls back; the receipt says ``cancelled``, stopped at once). When the
  database will not take the receipt (another writer holds its lock), a line on stderr says the
  run is trying again; only a process that is killed leaves its receipt ``running``, for the
  next run to mark ``interrupted``. ``--target NAME`` purges a saved retention target instead (its
  rows in its own database; its receipt names it); ``--category all`` purges every saved target of
  the purged categories too, after their own tables, each with its own receipt.
- ``retention status`` shows every category's and saved target's verdict (``core.retention.CategoryStatus``: kept, at
  risk, broken or not checked), its reasons, the purge interval and when the scheduled purge last
  ran, all counted at one moment (exit 1 unless every category is kept: for monitoring),
  ``retention receipts`` / ``retention show RUN_ID`` the receipts (a finished receipt, here and
  after ``purge``, names the audit head it was recorded under), ``retention set CATEGORY``
  changes a policy (admins; ``--interval DAYS`` is how often the scheduled purge runs),
  ``retention check-target TABLE COLUMN`` reflects a table and says whether it can be a target
  (with the CREATE INDEX it lacks).
- ``retention target add NAME --url URL --table T --column C [--account-column A] [--account-format F]
  [--category cdr] [--password-stdin]`` saves a retention target in another database (MariaDB/MySQL,
  PostgreSQL, an SQLite file; admins), checked by reflection first; its password goes to the OS
  keyring, never in the URL. ``retention target list``, ``retention target remove NAME`` (admins;
  its receipts keep its name), ``retention target check NAME`` (the reflection again, with the
  CREATE INDEX it lacks) and ``retention target set-password NAME`` (the password, from standard
  input, into this OS account's keyring: the targets are shared, keyrings are not) are ``core.targets``.

Input is checked before the database is opened wherever it can be: bad input is exit 2 and
changes nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from minisip_console.commands import arguments
from minisip_console.commands.base import EXIT_FAILED, EXIT_OK, CancelOnSignal, audit_head_line, command_group, read_password, stamp
from minisip_console.commands.opening import as_reader, open_as_operator, operator_options
from minisip_console.core import limits
from minisip_console.core.plumbing import jsontime
from minisip_console.core.plumbing.errors import InvalidInput
from minisip_console.core.wording import percent, plural

if TYPE_CHECKING:
    from minisip_console.commands.base import Output
    from minisip_console.core.plumbing.connection import Database
    from minisip_console.core.retention import CategoryStatus, PurgePlan, PurgeProgress, Receipt, TargetInfo
    from minisip_console.core.targets import Target, TargetCheck


_DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


# --------------------------------------------------------------------------- argument types


def parse_review_date(raw: str, *, today: dt.date | None = None) -> dt.date:
    """``YYYY-MM-DD``, a real date, not in the past; ``InvalidInput`` (exit 2) otherwise."""
    text = (raw or "").strip()
    try:
        if not _DATE_RE.match(text):
            raise ValueError
        value = dt.date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"--review-by {text[:40]!r} is not a date.", hint="Use the ISO form YYYY-MM-DD, e.g. 2027-03-01.") from None
    today = today or dt.datetime.now(dt.UTC).date()
    if value < today:
        raise InvalidInput(f"--review-by {value} is in the past.", hint="Give the date by which the category must be reviewed again.")
    return limits.check_date(value, what="--review-by")


# --------------------------------------------------------------------------- registration


def register(sub: Any, selector: argparse.ArgumentParser, json_option: argparse.ArgumentParser) -> None:
    parents = [selector, json_option, operator_options(type(selector))]

    purge = sub.add_parser("purge", parents=parents, help="delete data past its retention (CDRs: 30 days), in batches, with a receipt")
    purge.add_argument(
        "--category",
        default="cdr",
        metavar="cdr|all|CATEGORY",
        help="what to purge: cdr (default), or all categories with a retention in days",
    )
    purge.add_argument(
        "--target",
        default=None,
        metavar="NAME",
        help="purge this saved retention target (retention target list) instead of a category's own table",
    )
    purge.add_argument("--dry-run", action="store_true", help="only count what would be deleted; change nothing")
    purge.add_argument(
        "--batch-size",
        type=arguments.positive_count,
        default=None,
        metavar="N",
        help="rows per batch (100 to 10,000,000; default: sized by time)",
    )
    purge.add_argument(
        "--max-seconds",
        type=arguments.seconds,
        default=None,
        metavar="S",
        help="stop between batches after this long (exit 1; the next run goes on)",
    )
    purge.add_argument("--scheduler", action="store_true", help="record the run as started by the OS scheduler (for scheduled tasks)")
    purge.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    purge.set_defaults(handler=cmd_purge)

    actions = command_group(sub, "retention", "retention policies, their status and the purge receipts")

    st = actions.add_parser("status", parents=parents, help="every category's verdict and its reasons; exit 1 unless every one is kept")
    st.set_defaults(handler=cmd_status)

    rs = actions.add_parser("receipts", parents=parents, help="the latest purge receipts, newest first")
    rs.add_argument("--limit", type=arguments.positive_count, default=20, metavar="N", help="how many (default 20)")
    rs.add_argument("--category", default=None, help="only this category's receipts")
    rs.set_defaults(handler=cmd_receipts)

    show = actions.add_parser("show", parents=parents, help="one purge receipt")
    show.add_argument("run_id", metavar="RUN_ID", type=arguments.run_id)
    show.set_defaults(handler=cmd_show)

    sp = actions.add_parser("set", parents=parents, help="change a category's retention policy (admins)")
    sp.add_argument("category", metavar="CATEGORY", help="cdr, correspondence, survey or page_visit")
    sp.add_argument("--days", default=None, metavar="N", help="keep this many days (1 or more)")
    sp.add_argument("--review-by", default=None, metavar="YYYY-MM-DD", help="review the category by this date")
    sp.add_argument(
        "--interval",
        default=None,
        metavar="DAYS",
        help="how often the scheduled purge runs, 1 to 365 days (default: unchanged; 1 for a new policy)",
    )
    sp.add_argument("--table", default=None, metavar="T", help="the target table (default: unchanged)")
    sp.add_argument("--column", default=None, metavar="C", help="the target's timestamp column (default: unchanged)")
    sp.add_argument(
        "--partition-mode", default=None, choices=("drop", "detach"), help="what to do with whole partitions past retention (PostgreSQL)"
    )
    sp.set_defaults(handler=cmd_set)

    ct = actions.add_parser("check-target", parents=parents, help="check by reflection that TABLE.COLUMN can be a retention target")
    ct.add_argument("table", metavar="TABLE")
    ct.add_argument("column", metavar="COLUMN")
    ct.set_defaults(handler=cmd_check_target)

    targets = command_group(actions, "target", "saved retention targets: tables in other databases (MariaDB/MySQL, PostgreSQL)")
    ta = targets.add_parser("add", parents=parents, help="save a retention target, checked by reflection first (admins)")
    ta.add_argument("name", metavar="NAME", help="the target's name: 1 to 64 letters, digits, dots, dashes or underscores")
    ta.add_argument(
        "--url",
        required=True,
        metavar="URL",
        help="its database, without a password: mysql://USER@HOST:3306/DB, mariadb://..., postgresql://USER@HOST/DB",
    )
    ta.add_argument("--table", required=True, metavar="T", help="the table (name or schema.name), e.g. cdr")
    ta.add_argument("--column", required=True, metavar="C", help="its timestamp column, e.g. calldate")
    ta.add_argument(
        "--account-column",
        default=None,
        metavar="A",
        help="the column naming a row's account (legal holds apply through it), e.g. accountcode",
    )
    ta.add_argument(
        "--account-format",
        default=None,
        metavar="F",
        help="how an account id is written in it, with {id} once (default {id}), e.g. acct{id}",
    )
    ta.add_argument("--category", default="cdr", metavar="CATEGORY", help="the category whose policy applies (default cdr)")
    ta.add_argument("--password-stdin", action="store_true", help="read the database password from standard input into the OS keyring")
    ta.set_defaults(handler=cmd_target_add)

    tl = targets.add_parser("list", parents=parents, help="the saved retention targets")
    tl.set_defaults(handler=cmd_target_list)

    trm = targets.add_parser("remove", parents=parents, help="remove a saved retention target and its password (admins)")
    trm.add_argument("name", metavar="NAME")
    trm.set_defaults(handler=cmd_target_remove)

    tp = targets.add_parser(
        "set-password", parents=parents, help="store a target's password in this OS account's keyring, read from standard input"
    )
    tp.add_argument("name", metavar="NAME")
    tp.set_defaults(handler=cmd_target_set_password)

    tc = targets.add_parser("check", parents=parents, help="check a saved target by reflection on its database (index, partitions)")
    tc.add_argument("name", metavar="NAME")
    tc.set_defaults(handler=cmd_target_check)


# --------------------------------------------------------------------------- helpers


def _open(args: argparse.Namespace, *, what: str = "read the retention status") -> Database:
    """The database, with its operator registered (any role for reading): else ``PermissionDenied``."""
    return as_reader(open_as_operator(args), what)


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "?"
    seconds = max(0.0, seconds)
    if seconds < 60:
        return f"{seconds:.1f} s" if seconds < 10 else f"{seconds:.0f} s"
    minutes, sec = divmod(int(round(seconds)), 60)
    if minutes < 60:
        return f"{minutes} min {sec:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


def _parse_category(raw: str) -> str:
    """``all`` or a known category (``InvalidInput`` otherwise), before touching the database."""
    from minisip_console.core.retention import parse_category

    value = (raw or "").strip().lower()
    return "all" if value == "all" else parse_category(raw)


def describe_plan(p: PurgePlan) -> str:
    if p.rows:
        when = f"from {stamp(p.oldest, seconds=True)} to {stamp(p.newest, seconds=True)}"
    else:
        when = "nothing is past retention"
    lines = [
        (
            f"{p.category if p.target_name is None else f'{p.category} (target {p.target_name})'}: would delete "
            f"{plural(p.rows, 'row')} of {p.target.table}.{p.target.column} older than "
            f"{plural(p.days, 'day')} (before {stamp(p.cutoff, seconds=True)}); {when}."
        ),
    ]
    if p.partitions:
        lines.append(f"  whole partitions to {p.partition_mode}: {', '.join(x.name for x in p.partitions)}")
    if p.held:
        lines.append(f"  kept for legal holds: {plural(p.held, 'older row')} of held accounts")
    if p.running:
        lines.append(f"  receipts still marked running (a live or an interrupted purge): {', '.join(map(str, p.running))}")
    lines += [f"  warning: {w}" for w in p.warnings]
    return "\n".join(lines)


def describe_receipt(r: Receipt) -> str:
    head = f"completed: {r.summary}" if r.state == "completed" else r.summary  # other summaries start with the state
    where = r.target if r.target_name is None else f"target {r.target_name}, {r.target}"
    lines = [f"Run {r.id} ({r.category}, {where}): {head}."]
    lines.append(
        f"  cutoff {stamp(r.cutoff, seconds=True)}; started {stamp(r.started_at, seconds=True)} by {r.started_by} ({r.trigger})"
        + (f"; finished {stamp(r.finished_at, seconds=True)}" if r.finished_at else "")
        + (f" after {_duration(r.duration_ms / 1000)}" if r.duration_ms is not None else "")
    )
    if r.rows_deleted:
        lines.append(
            f"  deleted rows from {stamp(r.oldest_deleted, seconds=True)} to {stamp(r.newest_deleted, seconds=True)} in {plural(r.batches, 'batch', 'batches')}"
        )
    if r.partitions:
        lines.append(f"  whole partitions: {', '.join(r.partitions)}")
    if r.rows_skipped_held:
        lines.append(f"  kept for legal holds: {plural(r.rows_skipped_held, 'older row')} of held accounts")
    if r.verified is not None:
        lines.append(f"  oldest row left: {stamp(r.oldest_remaining, seconds=True)}")
    if r.resumed_runs:
        lines.append(f"  finished the work of interrupted run(s) {', '.join(map(str, r.resumed_runs))}")
    if r.error and r.state == "completed":
        lines.append(f"  note: {r.error}")
    if r.audit_head:
        lines.append(audit_head_line(r.audit_head))
    return "\n".join(lines)


def _receipt_line(r: Receipt) -> str:
    return f"{r.id:>6}  {stamp(r.started_at, seconds=True)}  {r.category:<14} {r.state:<12} {r.trigger:<9} {r.started_by:<14} {r.rows_deleted:>12,}"


def _first_line(p: PurgeProgress) -> str:
    """Before the first batch: the run has counted nothing (unless a dry run's count was passed)."""
    if p.exact:
        return f"  run {p.run_id} {p.category}: {plural(p.estimated, 'row')} older than {stamp(p.cutoff, seconds=True)} to delete"
    return f"  run {p.run_id} {p.category}: deleting the rows older than {stamp(p.cutoff, seconds=True)}; counting them as it goes"


def _progress_line(p: PurgeProgress) -> str:
    rate = p.deleted / p.elapsed if p.elapsed > 0 else 0.0
    eta = p.eta_seconds
    # the total is extrapolated from the time range covered so far until the last batch: "about"
    total = plural(p.estimated, "row") if p.exact or p.fraction >= 1 else f"about {plural(p.estimated, 'row')}"
    pct = f" ({percent(p.fraction)})" if p.estimated else ""
    return (
        f"  run {p.run_id} {p.category}: batch {p.batches:,}: {p.deleted:,} of {total} deleted{pct}, "
        f"{rate:,.0f} rows/s, ETA {_duration(eta) if eta is not None else '?'}"
    )


# --------------------------------------------------------------------------- purge


def cmd_purge(args: argparse.Namespace, out: Output) -> int:
    from minisip_console.core import retention

    category = _parse_category(args.category)  # bad input first: before connecting
    saved = _parse_target(args)
    if args.dry_run:
        return _dry_run(args, out, category)
    quiet = bool(args.quiet)
    shown: dict[int, int] = {}  # run id -> batches already reported (a range with no row is no batch)

    def progress(p: PurgeProgress) -> None:
        if quiet:
            return
        if p.note:  # the run itself: e.g. it stopped and is still trying to record why in its receipt
            out.progress(f"  run {p.run_id} {p.category}: {p.note}")
            return
        if shown.get(p.run_id) == p.batches:
            return
        shown[p.run_id] = p.batches
        out.progress(_first_line(p) if p.batches == 0 else _progress_line(p))

    cancel = CancelOnSignal(out.progress, "batch")
    with _open(args, what="purge data past its retention") as database, cancel.installed():
        got = retention.run_purge(
            database.sessions,
            database.operator,
            category=category,
            trigger="scheduler" if args.scheduler else "operator",
            batch_size=args.batch_size,
            max_seconds=args.max_seconds,
            progress=progress,
            cancel=cancel,
            target=saved,
        )
    ok = all(r.ok for r in got)
    data = {"ok": ok, "database": database.target.label, "dry_run": False, "receipts": [r.to_dict() for r in got]}
    if got:
        text = "\n".join(describe_receipt(r) for r in got)
    else:
        text = "No category has a retention in days: nothing to purge."
    if not ok:
        text += "\nThe purge did not finish: run it again to go on (exit 1)."
    out.result(data, f"{database.target.label}:\n{text}")
    return EXIT_OK if ok else EXIT_FAILED


def _dry_run(args: argparse.Namespace, out: Output, category: str) -> int:
    from minisip_console.core import retention, targets

    saved = _parse_target(args)
    with _open(args) as database:
        if saved is not None:
            plans = [retention.plan(database.sessions, target=saved)]
        else:
            categories = retention.purgeable_categories(database.sessions) if category == "all" else (category,)
            plans = [retention.plan(database.sessions, c) for c in categories]
            if category == "all":
                plans += [
                    retention.plan(database.sessions, target=t.name)
                    for t in targets.list_targets(database.sessions)
                    if t.category in categories
                ]
    data = {"ok": True, "database": database.target.label, "dry_run": True, "plans": [p.to_dict() for p in plans]}
    total = sum(p.rows for p in plans)
    body = "\n".join(describe_plan(p) for p in plans) or "No category has a retention in days: nothing to purge."
    out.result(data, f"{database.target.label}: dry run, nothing deleted.\n{body}\nIn all: {plural(total, 'row')} would be deleted.")
    return EXIT_OK


def _parse_target(args: argparse.Namespace) -> str | None:
    """``--target NAME`` (checked before connecting); it names its category, so ``--category`` stays out."""
    from minisip_console.core import targets

    raw = getattr(args, "target", None)
    if raw is None:
        return None
    if args.category not in ("cdr", None):
        raise InvalidInput("--target and --category do not go together: a target's category is its own.")
    return targets.validate_name(raw)


# --------------------------------------------------------------------------- retention ...


def _scheduled_words(s: CategoryStatus) -> str:
    """When the scheduled purge last ran, in words."""
    if s.policy.days is None:
        return "not purged (review date only)"
    r = s.last_scheduled
    if r is None:
        return "the scheduled purge never ran"
    return f"the scheduled purge last ran {plural(s.scheduled_age_days or 0, 'day')} ago (run {r.id}, {r.state.replace('_', ' ')})"


def cmd_status(args: argparse.Namespace, out: Output) -> int:
    from minisip_console.core import retention

    with _open(args) as database:
        statuses = retention.statuses(database.sessions)  # every category at one moment
    ok = all(s.kept for s in statuses)
    lines = []
    for s in statuses:
        p = s.policy
        keep = plural(p.days, "day") if p.days is not None else "no limit in days"
        if p.days is not None:
            keep += f", purged every {plural(p.interval_days, 'day')}"
        if p.review_by:
            keep += f", review by {p.review_by}"
        verdict = s.verdict if s.kept else s.verdict.upper()
        last = (
            f"last purge run {s.last_run.id} {s.last_run.state} {stamp(s.last_run.started_at, seconds=True)}"
            if s.last_run
            else "never purged"
        )
        counts = f"{plural(s.total, 'row')}, {s.overdue:,} past retention, {s.late:,} late"
        if s.held:
            counts += f", {s.held:,} held"
        where = f"{p.target_table}.{p.timestamp_column}"
        if s.target_name is not None:  # a saved target: its name, and its own table when it could be read
            where = f"target {s.target_name}" + (f" ({s.target.table}.{s.target.column})" if s.target is not None else "")
        lines.append(f"{verdict:<11} {p.category:<15} {where}: {keep}; {counts}; {last}; {_scheduled_words(s)}")
        if s.partman is not None:  # a pg_partman parent: what keeps it, whatever its verdict
            lines.append(f"            {s.partman.summary}")
        lines += [f"            - {reason}" for reason in s.reasons]
    if ok:
        summary = "every retention promise is kept."
    else:
        shown = sorted({s.verdict for s in statuses if not s.kept})
        summary = f"not every retention promise is kept ({', '.join(shown)}; exit 1)."
    out.result(
        {
            "ok": ok,
            "database": database.target.label,
            "now": jsontime.iso(statuses[0].now) if statuses else None,
            "categories": [s.to_dict() for s in statuses],
        },
        f"{database.target.label}: {summary}\n" + "\n".join(lines),
    )
    return EXIT_OK if ok else EXIT_FAILED


def cmd_receipts(args: argparse.Namespace, out: Output) -> int:
    from minisip_console.core import retention

    category = retention.parse_category(args.category) if args.category else None
    with _open(args) as database:
        got = retention.receipts(database.sessions, category=category, limit=args.limit)
    header = f"{'run':>6}  {'started':<23}  {'category':<14} {'state':<12} {'trigger':<9} {'by':<14} {'rows deleted':>12}"
    text = "\n".join([header, *(_receipt_line(r) for r in got)]) if got else "No purge has run yet."
    out.result({"ok": True, "database": database.target.label, "receipts": [r.to_dict() for r in got]}, text)
    return EXIT_OK


def cmd_show(args: argparse.Namespace, out: Output) -> int:
    from minisip_console.core import retention

    with _open(args) as database:
        r = retention.receipt(database.sessions, args.run_id)
    out.result({"ok": True, "database": database.target.label, "receipt": r.to_dict()}, describe_receipt(r))
    return EXIT_OK


def cmd_set(args: argparse.Namespace, out: Output) -> int:
    from minisip_console.core import retention

    # every check that needs no database comes first: bad input changes nothing
    category = retention.parse_category(args.category)
    if args.days is None and args.review_by is None and args.interval is None:
        raise InvalidInput(
            "Give --days N, --review-by YYYY-MM-DD or --interval DAYS (or several).", hint="See: minisip-console retention set --help"
        )
    days = retention.validate_days(args.days, category=category) if args.days is not None else None
    review_by = parse_review_date(args.review_by) if args.review_by is not None else None
    interval = retention.validate_interval(args.interval) if args.interval is not None else None
    if args.table is not None:
        retention.split_table_name(args.table)
    with _open(args, what="change a retention policy") as database:
        if args.days is None and args.review_by is None:  # only the interval: the rest stays as it is
            from minisip_console.core.plumbing import db

            with db.translated(database.engine.url), database.sessions() as session:
                current = retention.get_policy(session, category)
            days, review_by = current.days, current.review_by
        policy = retention.set_policy(
            database.sessions,
            database.operator,
            category,
            days=days,
            review_by=review_by,
            target_table=args.table,
            timestamp_column=args.column,
            partition_mode=args.partition_mode,
            interval_days=interval,
        )
    keep = plural(policy.days, "day") if policy.days is not None else "no limit in days"
    if policy.days is not None:
        keep += f", purged every {plural(policy.interval_days, 'day')}"
    if policy.review_by:
        keep += f", review by {policy.review_by}"
    text = f"{policy.label}: {keep}; target {policy.target_table}.{policy.timestamp_column} (partitions: {policy.partition_mode})."
    if policy.breaks_promise:
        text += f"\nwarning: the privacy policy promises CDRs are deleted in {retention.PROMISED_CDR_DAYS} days."
    out.result({"ok": True, "database": database.target.label, "policy": policy.to_dict()}, text)
    return EXIT_OK


def cmd_check_target(args: argparse.Namespace, out: Output) -> int:
    from minisip_console.core import retention

    retention.split_table_name(args.table)  # never SQL: refused before connecting
    with _open(args, what="check a retention target") as database:
        info = retention.check_target(database.engine, args.table, args.column)
    lines = [
        f"{info.table}.{info.column} ({info.column_type}{', with time zone' if info.aware else ''}) can be a retention target.",
        f"  columns: {', '.join(info.columns)}",
        f"  primary key: {', '.join(info.primary_key) or 'none'}",
        f"  index on {info.column}: {info.index_name or 'NONE'}",
    ]
    if info.partitioned:
        lines.append(f"  partitioned by {info.partition_key}: {plural(len(info.partitions), 'partition')}")
    if info.create_index_sql:
        lines.append(f"  create the index with: {info.create_index_sql}")
    lines += [f"  warning: {w}" for w in info.warnings]
    out.result({"ok": True, "database": database.target.label, "target": info.to_dict()}, "\n".join(lines))
    return EXIT_OK


# --------------------------------------------------------------------------- retention target ...


def _reflection_lines(info: TargetInfo) -> list[str]:
    lines = [
        f"  columns: {', '.join(info.columns)}",
        f"  primary key: {', '.join(info.primary_key) or 'none'}",
        f"  index on {info.column}: {info.index_name or 'NONE'}",
    ]
    if info.partitioned:
        lines.append(f"  partitioned by {info.partition_key}: {plural(len(info.partitions), 'partition')}")
    if info.create_index_sql:
        lines.append(f"  create the index with: {info.create_index_sql}")
    return lines


def _account_words(t: Target) -> str:
    if t.account_column is None:
        return "no account column"
    return f"accounts in {t.account_column}" + (f" as {t.account_format}" if t.account_format != "{id}" else "")


def _check_lines(checked: TargetCheck) -> list[str]:
    t, info = checked.target, checked.info
    lines = [
        f"  {info.table}.{info.column} ({info.column_type}{', with time zone' if info.aware else ''}); {_account_words(t)}",
        *_reflection_lines(info),
    ]
    return lines + [f"  warning: {w}" for w in checked.warnings]


def cmd_target_add(args: argparse.Namespace, out: Output) -> int:
    from minisip_console.core import targets

    # every check that needs no database comes first: bad input changes nothing and reads no password
    spec = targets.validate(
        args.name,
        args.url,
        args.table,
        args.column,
        category=args.category,
        account_column=args.account_column,
        account_format=args.account_format,
    )
    password = (
        read_password(hint="Pipe the target database's password in, e.g. from your password manager.") if args.password_stdin else None
    )
    with _open(args, what="add a retention target") as database:
        checked = targets.add(database.sessions, database.operator, spec, password=password)
    t = checked.target
    stored = "; its password is in the OS keyring" if password is not None else ""
    text = "\n".join([f"Added retention target {t.label} for {t.category}{stored}.", *_check_lines(checked)])
    out.result({"ok": True, "database": database.target.label, **checked.to_dict()}, text)
    return EXIT_OK


def cmd_target_list(args: argparse.Namespace, out: Output) -> int:
    from minisip_console.core import targets
    from minisip_console.core.plumbing import db

    with _open(args) as database:
        got = targets.list_targets(database.sessions)
    lines = [
        f"{t.name:<20} {t.category:<14} {db.describe(db.parse_url(t.url, backends=db.TARGET_BACKENDS))}  "
        f"{t.table_name}.{t.timestamp_column}; {_account_words(t)}; added {stamp(t.created_at)} by {t.created_by}"
        for t in got
    ]
    text = "\n".join(lines) if got else "No retention target saved yet: the categories purge their own tables only."
    out.result({"ok": True, "database": database.target.label, "targets": [t.to_dict() for t in got]}, text)
    return EXIT_OK


def cmd_target_remove(args: argparse.Namespace, out: Output) -> int:
    from minisip_console.core import targets

    name = targets.validate_name(args.name)
    with _open(args, what="remove a retention target") as database:
        removed = targets.remove(database.sessions, database.operator, name)
    password = "; its password was taken out of the OS keyring" if removed.password_removed else ""
    text = f"Removed retention target {removed.target.label}{password}. Its purge receipts keep its name."
    out.result({"ok": True, "database": database.target.label, **removed.to_dict()}, text)
    return EXIT_OK


def cmd_target_check(args: argparse.Namespace, out: Output) -> int:
    from minisip_console.core import targets

    name = targets.validate_name(args.name)
    with _open(args, what="check a retention target") as database:
        target = targets.get(database.sessions, name)
    checked = targets.check(target)  # on the target's own database: the console's is closed by now
    text = "\n".join([f"Retention target {target.label}: checked by reflection on its database.", *_check_lines(checked)])
    out.result({"ok": True, "database": database.target.label, **checked.to_dict()}, text)
    return EXIT_OK


def cmd_target_set_password(args: argparse.Namespace, out: Output) -> int:
    from minisip_console.core import targets

    name = targets.validate_name(args.name)
    password = read_password(hint="Pipe the target database's password in, e.g. from your password manager.")
    with _open(args, what="store a retention target's password") as database:
        target = targets.get(database.sessions, name)
    checked = targets.store_password(target, password)
    text = "\n".join([f"Stored the password of retention target {target.label} in the OS keyring.", *_check_lines(checked)])
    out.result({"ok": True, "database": database.target.label, **checked.to_dict()}, text)
    return EXIT_OK
