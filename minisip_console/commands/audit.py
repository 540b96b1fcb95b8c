"""``minisip-console audit verify | head | export``: check and read the hash-chained audit log.

Every registered operator may read and verify the log, viewers included; a login that is not
in the operators table is refused (exit 1). These commands only read: they add no event, so
verifying never moves the head it checks.

- ``audit verify [--expect-head SEQ:HASH]`` recomputes the chain: exit 0 with the number of
  events and the head; exit 1 naming the first event that does not match and why. With
  ``--expect-head`` (from ``audit head``, taken earlier and kept elsewhere) a log cut off or
  rewritten after that head is caught too. It also holds the log against the records the
  console audits (``core.audit.check_records``: deletion requests, finished purge receipts,
  legal holds, law-enforcement requests and their documents, disclosures, access grants,
  notice campaigns, retention policies): exit 1 naming each kind whose events are missing, so
  an emptied or shortened log fails while the console's tables remember what happened. An
  empty log verifies only on a database whose audited tables are empty too.
- ``audit head`` prints ``SEQ:HASH`` of the newest event, the form ``--expect-head`` takes;
  an empty log has no head (exit 1).
- ``audit export --out FILE.csv`` writes the events (filtered by operator, action, account and
  a date range) as CSV, streamed.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from minisip_console.commands import arguments
from minisip_console.commands.base import EXIT_FAILED, EXIT_OK, command_group
from minisip_console.commands.opening import as_reader, demo_option, target
from minisip_console.core import limits
from minisip_console.core.plumbing.errors import InvalidInput
from minisip_console.core.wording import plural

if TYPE_CHECKING:
    from minisip_console.commands.base import Output
    from minisip_console.core.audit import Head
    from minisip_console.core.plumbing.connection import Database


def register(sub: Any, selector: argparse.ArgumentParser, json_option: argparse.ArgumentParser) -> None:
    # --demo, but not --operator: here it filters the export by operator, and reading the log
    # needs no one to act as
    parents = [selector, json_option, demo_option(type(selector))]
    audit_sub = command_group(sub, "audit", "the hash-chained audit log: verify, head, export")
    verify = audit_sub.add_parser("verify", parents=parents, help="recompute the chain; exit 1 at the first event that does not match")
    verify.add_argument(
        "--expect-head",
        metavar="SEQ:HASH",
        default=None,
        help="a head taken earlier with 'audit head': also catches a truncated or rewritten tail",
    )
    verify.set_defaults(handler=cmd_verify)
    head = audit_sub.add_parser("head", parents=parents, help="print the newest event as SEQ:HASH")
    head.set_defaults(handler=cmd_head)
    export = audit_sub.add_parser("export", parents=parents, help="write the events as CSV")
    export.add_argument(
        "--out", required=True, type=arguments.path, metavar="FILE.csv", help="the CSV file to write (replaced if it exists)"
    )
    export.add_argument("--operator", metavar="LOGIN", default=None, help="only this operator's events")
    export.add_argument("--action", metavar="A", default=None, help="only this action (e.g. grant.open)")
    export.add_argument("--account", metavar="ID", type=arguments.account_id, default=None, help="only events about this account")
    export.add_argument("--since", metavar="DATE", default=None, help="from this day (YYYY-MM-DD, UTC)")
    export.add_argument("--until", metavar="DATE", default=None, help="up to and including this day (YYYY-MM-DD, UTC)")
    export.set_defaults(handler=cmd_export)


def format_head(head: Head | None) -> str | None:
    """``SEQ:HASH`` (``Head.text``), or None for an empty log."""
    return head.text if head else None


def _open(args: argparse.Namespace) -> Database:
    """The database, with its operator registered (any role): else ``PermissionDenied``."""
    from minisip_console.core.plumbing.connection import open_database

    # not open_as_operator: here --operator filters the export, and reading the log acts as no one
    return as_reader(open_database(target(args)), "read the audit log")


def cmd_verify(args: argparse.Namespace, out: Output) -> int:
    from minisip_console.core import audit
    from minisip_console.core.plumbing import db

    # before connecting: bad input first (exit 2); the one parser of a head, the core's
    expected = audit.parse_head(args.expect_head, source="--expect-head") if args.expect_head is not None else None
    with _open(args) as database:
        with db.translated(database.engine.url), database.sessions() as session:
            result = audit.verify(session, expected_head=expected)
    data: dict[str, Any] = {
        "ok": result.ok,
        "database": database.target.label,
        "events": result.events,
        "head": format_head(result.head),
        "expected_head": format_head(expected),
        "first_bad_seq": result.first_bad_seq,
        "reason": result.reason,
        # the console's audited records held against the log: each kind, and what lacks its event
        "records": [r.to_dict() for r in result.records],
        "missing": [r.text for r in result.missing],
    }
    label = database.target.label
    checked = f", and it contains the expected head {expected.seq}" if expected else ""
    held = [r.text for r in result.records if r.records]
    if result.ok:
        if result.head is None:
            text = f"{label}: the audit log is empty, and so are the console's audited records; nothing to verify{checked}."
        else:
            text = f"{label}: audit log intact: {plural(result.events, 'event')}, head {format_head(result.head)}{checked}."
            if held:
                text += f"\nEvery audited record has its event: {', '.join(held)}."
        out.result(data, text)
        return EXIT_OK
    lacking = [f"  - {r.text}" for r in result.missing]
    if result.first_bad_seq is None:  # the chain holds, but events of the console's records are not in it
        chain = f"the chain of its {plural(result.events, 'event')} holds in itself{checked}" if result.head else "the log is empty"
        lines = [
            f"{label}: audit log FAILED verification: it lacks the events of records the console holds:",
            *lacking,
            f"Events were removed (or those records were written behind the console's back); {chain}.",
        ]
    else:
        last = f"; the last good event is {result.head.seq}" if result.head else ""
        lines = [
            f"{label}: audit log FAILED verification at event {result.first_bad_seq}: {result.reason}.",
            f"{plural(result.events, 'event')} before it verified{last}.",
        ]
        if lacking:
            lines += ["It also lacks the events of records the console holds:", *lacking]
    out.result(data, "\n".join(lines))
    return EXIT_FAILED


def cmd_head(args: argparse.Namespace, out: Output) -> int:
    from minisip_console.core import audit
    from minisip_console.core.plumbing import db

    with _open(args) as database:
        with db.translated(database.engine.url), database.sessions() as session:
            head = audit.head(session)
    if head is None:
        out.error(f"{database.target.label}: the audit log is empty; there is no head to export.", None, EXIT_FAILED)
        return EXIT_FAILED
    out.result(
        {"ok": True, "database": database.target.label, "seq": head.seq, "hash": head.hash, "head": format_head(head)},
        format_head(head) or "",
    )
    return EXIT_OK


def _in_range(day: dt.date | None, option: str) -> dt.date | None:
    """A date the export can compute with (``--until`` adds a day): ``core.limits``."""
    return limits.check_date(day, what=option) if day is not None else None


def cmd_export(args: argparse.Namespace, out: Output) -> int:
    from minisip_console.core import audit_query
    from minisip_console.core.plumbing import db

    flt = audit_query.AuditFilter(
        operator=(args.operator or "").strip() or None,
        action=(args.action or "").strip() or None,
        account_id=args.account,
        since=_in_range(audit_query.parse_date(args.since, option="--since"), "--since"),
        until=_in_range(audit_query.parse_date(args.until, option="--until"), "--until"),
    )
    path = Path(args.out).expanduser()
    if path.is_dir():
        raise InvalidInput(f"--out {path} is a folder.", hint="Give a file name, e.g. audit.csv.")
    with _open(args) as database:
        with db.translated(database.engine.url):
            count = audit_query.export_csv(database.sessions, path, flt, progress=lambda n: out.progress(f"  {plural(n, 'event')} written"))
    out.result(
        {"ok": True, "database": database.target.label, "events": count, "out": str(path), "filters": flt.as_dict()},
        f"{database.target.label}: wrote {plural(count, 'audit event')} to {path}.",
    )
    return EXIT_OK
