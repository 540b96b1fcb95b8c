"""``minisip-console accounts ...``: purpose-bound access, details, rectification, marketing, the
language of an owner's notices (``set-language``).

Each handler opens the chosen database (identifying the operator from the OS login or
``MINISIP_CONSOLE_OPERATOR``), calls one core function of ``core.access`` and prints its
result; the core checks roles and grants, so the command line is no back door.

``register`` returns the ``accounts`` subparsers object; the customer's export
(``commands/export.py``) hangs its action under it.
"""

from __future__ import annotations

import argparse
import dataclasses
from typing import Any

from minisip_console.commands import arguments
from minisip_console.commands.base import EXIT_OK, command_group, stamp
from minisip_console.commands.opening import open_as_operator, operator_options
from minisip_console.core.access import DEFAULT_MINUTES, MAX_MINUTES
from minisip_console.core.purposes import Purpose
from minisip_console.core.wording import plural

_minutes = arguments.minutes(MAX_MINUTES, what="a grant lasts at most {maximum} minutes")


def _yes_no(raw: str) -> bool:
    value = raw.strip().lower()
    if value in ("yes", "y", "true", "1"):
        return True
    if value in ("no", "n", "false", "0"):
        return False
    raise argparse.ArgumentTypeError(f"{raw!r}: answer yes or no")


def register(sub: Any, selector: argparse.ArgumentParser, json_option: argparse.ArgumentParser) -> Any:
    parents = [selector, json_option, operator_options(type(selector))]
    actions = command_group(sub, "accounts", "accounts: access grants, details, rectification, marketing permission")

    grant = actions.add_parser("grant", parents=parents, help="obtain access to an account's personal data")
    grant.add_argument("account_id", metavar="ACCOUNT_ID", type=arguments.account_id)
    grant.add_argument("--purpose", required=True, help=f"why: {', '.join(p.value for p in Purpose)}")
    grant.add_argument("--ticket", required=True, metavar="REF", help="the ticket this work is for, e.g. SUP-1234")
    grant.add_argument(
        "--minutes", type=_minutes, default=DEFAULT_MINUTES, help=f"how long (1 to {MAX_MINUTES}; default {DEFAULT_MINUTES})"
    )
    grant.set_defaults(handler=cmd_grant)

    end = actions.add_parser("end-grant", parents=parents, help="end an access grant before it expires")
    end.add_argument("grant_id", metavar="GRANT_ID", type=arguments.grant_id)
    end.set_defaults(handler=cmd_end_grant)

    grants = actions.add_parser("grants", parents=parents, help="list your access grants that are running")
    grants.set_defaults(handler=cmd_grants)

    show = actions.add_parser("show", parents=parents, help="an account's details in the clear (needs an access grant)")
    show.add_argument("account_id", metavar="ACCOUNT_ID", type=arguments.account_id)
    show.set_defaults(handler=cmd_show)

    rect = actions.add_parser("rectify", parents=parents, help="change an account's name, email or company (needs an access grant)")
    rect.add_argument("account_id", metavar="ACCOUNT_ID", type=arguments.account_id)
    rect.add_argument("--name", help="the new name")
    rect.add_argument("--email", help="the new email address")
    rect.add_argument("--company", help="the new company")
    rect.set_defaults(handler=cmd_rectify)

    lang = actions.add_parser("set-language", parents=parents, help="the language the owner's notices are written in (en, zh_CN)")
    lang.add_argument("account_id", metavar="ACCOUNT_ID", type=arguments.account_id)
    lang.add_argument("language", metavar="LANG", help="en or zh_CN (checked before the database is opened)")
    lang.set_defaults(handler=cmd_set_language)

    mset = actions.add_parser("marketing-set", parents=parents, help="record the customer's marketing permission")
    mset.add_argument("account_id", metavar="ACCOUNT_ID", type=arguments.account_id)
    mset.add_argument("--granted", required=True, type=_yes_no, metavar="yes|no", help="whether the customer permits it")
    mset.add_argument("--evidence", required=True, metavar="REF", help="the ticket or signed form the decision rests on")
    mset.set_defaults(handler=cmd_marketing_set)

    mlist = actions.add_parser("marketing-list", parents=parents, help="write the accounts that permit marketing use as CSV")
    mlist.add_argument("--out", required=True, type=arguments.path, metavar="FILE.csv", help="the CSV file to write")
    mlist.set_defaults(handler=cmd_marketing_list)

    from minisip_console.commands.export import add_export

    add_export(actions, selector, json_option)
    return actions


# --------------------------------------------------------------------------- handlers


def _grant_dict(grant: Any) -> dict[str, Any]:
    return {k: (v.value if isinstance(v, Purpose) else v) for k, v in dataclasses.asdict(grant).items()}


def cmd_grant(args: argparse.Namespace, out: Any) -> int:
    from minisip_console.core import access

    with open_as_operator(args) as database:
        grant = access.grant_access(database.sessions, database.operator, args.account_id, args.purpose, args.ticket, args.minutes)
    out.result(
        {"ok": True, "grant": _grant_dict(grant)},
        f"Access grant {grant.id}: account {grant.account_id} for {grant.purpose.label.lower()} ({grant.ticket}), "
        f"until {stamp(grant.expires_at, seconds=True)}.",
    )
    return EXIT_OK


def cmd_end_grant(args: argparse.Namespace, out: Any) -> int:
    from minisip_console.core import access

    with open_as_operator(args) as database:
        grant = access.end_grant(database.sessions, database.operator, args.grant_id)
    out.result(
        {"ok": True, "grant": _grant_dict(grant)},
        f"Access grant {grant.id} (account {grant.account_id}, held by {grant.operator_login}) ended at {stamp(grant.ended_at, seconds=True)}.",
    )
    return EXIT_OK


def cmd_grants(args: argparse.Namespace, out: Any) -> int:
    from minisip_console.core import access

    with open_as_operator(args) as database:
        grants = access.active_grants(database.sessions, database.operator)
    lines = [
        f"{g.id:>6}  account {g.account_id:<8} {g.purpose.value:<16} {g.ticket:<20} until {stamp(g.expires_at, seconds=True)}"
        for g in grants
    ]
    out.result({"ok": True, "grants": [_grant_dict(g) for g in grants]}, "\n".join(lines) or "No access grant is running.")
    return EXIT_OK


def cmd_show(args: argparse.Namespace, out: Any) -> int:
    from minisip_console.core import access

    with open_as_operator(args) as database:
        details = access.account_details(database.sessions, database.operator, args.account_id)
    data = dataclasses.asdict(details)
    data["grant"] = _grant_dict(details.grant)
    out.result({"ok": True, **data}, _describe(details))
    return EXIT_OK


def _describe(d: Any) -> str:
    p = d.profile
    g = d.grant
    lines = [
        f"Account {p.id} ({p.status}), created {stamp(p.created_at, seconds=True)}",
        f"  name:    {p.name}",
        f"  email:   {p.email}",
        f"  company: {p.company or '-'}",
        f"  notices in: {p.language}",
        f"  seen under grant {g.id} ({g.purpose.value}, {g.ticket}) until {stamp(g.expires_at, seconds=True)}",
        "",
        f"Configurations ({len(d.configurations)}):",
        *(f"  {c.id:>6}  {c.kind:<11} {c.name}" for c in d.configurations),
        "",
        f"Uploaded files ({len(d.files)}, metadata only):",
        *(f"  {f.id:>6}  {f.filename}  {f.content_type}  {f.size_bytes:,} bytes  {stamp(f.uploaded_at, seconds=True)}" for f in d.files),
        "",
        f"Support correspondence ({len(d.correspondence)} messages):",
        *(f"  {stamp(m.sent_at, seconds=True)}  {m.ticket_ref:<12} {m.direction:<8} {m.subject}" for m in d.correspondence),
        "",
        f"Recent CDRs ({len(d.recent_cdrs)} of {d.cdr_count:,}):",
        *(f"  {stamp(c.start, seconds=True)}  {c.src} -> {c.dst}  {c.disposition}  {c.billsec}s" for c in d.recent_cdrs),
        "",
        "Marketing permission: "
        + (
            f"{'granted' if d.marketing.granted else 'refused'} on {stamp(d.marketing.decided_at, seconds=True)} ({d.marketing.evidence})"
            if d.marketing
            else "no decision recorded (no marketing use)"
        ),
        "",
        f"Disclosures ({len(d.disclosures)}):",
        *(f"  {stamp(x.disclosed_at, seconds=True)}  to {x.recipient} ({x.legal_basis}): {x.evidence}" for x in d.disclosures),
        "",
        f"Audit history ({plural(len(d.history), 'event')}, newest first):",
        *(
            f"  {stamp(e.occurred_at, seconds=True)}  {e.operator:<14} {e.action:<16} "
            + ", ".join(f"{k}={v}" for k, v in sorted(e.details.items()))
            for e in d.history
        ),
    ]
    return "\n".join(lines)


def cmd_rectify(args: argparse.Namespace, out: Any) -> int:
    from minisip_console.core import rectification

    with open_as_operator(args) as database:
        changed = rectification.rectify(
            database.sessions, database.operator, args.account_id, name=args.name, email=args.email, company=args.company
        )
    text = (
        f"Account {args.account_id}: changed {', '.join(changed)}."
        if changed
        else f"Account {args.account_id}: nothing changed (the values are already stored)."
    )
    out.result({"ok": True, "account_id": args.account_id, "changed": changed}, text)
    return EXIT_OK


def cmd_set_language(args: argparse.Namespace, out: Any) -> int:
    from minisip_console.core import rectification

    language = rectification.validate_language(args.language)  # a usage error before any database is opened
    with open_as_operator(args) as database:
        before, now = rectification.set_language(database.sessions, database.operator, args.account_id, language)
    text = (
        f"Account {args.account_id}: notices are now written in {now} (were {before})."
        if before != now
        else f"Account {args.account_id}: notices are already written in {now}; nothing changed."
    )
    out.result({"ok": True, "account_id": args.account_id, "language": now, "previously": before, "changed": before != now}, text)
    return EXIT_OK


def cmd_marketing_set(args: argparse.Namespace, out: Any) -> int:
    from minisip_console.core import marketing

    with open_as_operator(args) as database:
        info = marketing.set_marketing_permission(database.sessions, database.operator, args.account_id, args.granted, args.evidence)
    out.result(
        {"ok": True, "account_id": args.account_id, "granted": info.granted, "decided_at": info.decided_at, "evidence": info.evidence},
        f"Account {args.account_id}: marketing use {'permitted' if info.granted else 'refused'} ({info.evidence}).",
    )
    return EXIT_OK


def cmd_marketing_list(args: argparse.Namespace, out: Any) -> int:
    from minisip_console.core import marketing

    with open_as_operator(args) as database:
        count = marketing.write_marketing_csv(database.sessions, database.operator, args.out)
    out.result(
        {"ok": True, "out": args.out, "rows": count},
        f"Wrote {plural(count, 'account')} that {'permits' if count == 1 else 'permit'} marketing use to {args.out}.",
    )
    return EXIT_OK
