"""``minisip-console legal ...``: the law-enforcement register and the disclosure register.

The privacy policy: "miniSIPServer won't hand your data over to law enforcement unless a court
order says we have to ... unless we're legally prevented from it, we'll always inform you when
such requests are made." These commands are the headless face of ``core.legal``:

- ``legal add`` records a request: the intake fields as options (``--received``, ``--agency``,
  ``--country``, ``--officer``, ``--officer-contact``, ``--process``, ``--account`` and ``--data``
  (repeatable), ``--reference``, ``--description``, ``--court-order``, ``--gag-until DATE`` or
  ``--gag-no-end``, ``--hold-days N`` or ``--no-hold-end``, ``--document FILE`` (repeatable)),
  or ``--from-json FILE`` holding the same keys as ``core.legal.Intake`` (a relative document
  path is read from the JSON file's folder). The accounts named are placed under a legal hold.
- ``legal list`` / ``legal show ID`` the register and one request (its accounts' notices, its
  documents with their SHA-256, its holds and what was disclosed, with the exports' hashes).
- ``legal check-order ID --court-order REF`` records that the court order or warrant was checked.
- ``legal decide ID --reject --reason CODE [--note TEXT]`` or ``--comply --scope full|partial
  [--data CAT ...]``: compliance is only proposed (a second operator approves it) and is refused
  (exit 1, naming the rule) unless the process is a court order or a warrant that was checked.
- ``legal approve ID --out DIR`` the second operator: exports what is handed over, one ZIP per
  account into DIR, records the disclosures and prints each ZIP with its SHA-256.
- ``legal notify ID`` tells the accounts' owners by email through the SMTP settings saved for the
  profile or the demo (``notices smtp-set``), or ``--by-hand CHANNEL --date DATE`` records that
  they were told another way; refused (exit 1) while a gag order is in force.
- ``legal gag ID --until DATE | --no-end | --reviewed`` records a gag order (or that one without
  an end date was reviewed); ``legal holds [--all]``; ``legal release-hold HOLD_ID --reason TEXT``.
- ``legal disclose ...`` / ``legal disclosures [--account ID]`` the disclosure register.
- ``legal report --from DATE --to DATE --out FILE.csv|FILE.json`` the transparency report, with
  the audit head it was made under (in the file and printed).

The operator is the OS login (or ``MINISIP_CONSOLE_OPERATOR``); ``--operator NAME`` is accepted
only on the demo database, as in ``commands/deletion.py``. Dates are YYYY-MM-DD. Bad input is
exit 2 and is checked before the database is opened wherever it can be; a refusal is exit 1.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from minisip_console.commands import arguments, opening
from minisip_console.commands.base import EXIT_OK, audit_head_line, command_group, existing_folder, out_file, rejection_code, stamp
from minisip_console.commands.opening import operator_options
from minisip_console.core import limits
from minisip_console.core.plumbing import jsontime
from minisip_console.core.plumbing.errors import InvalidInput
from minisip_console.core.wording import plural

if TYPE_CHECKING:
    from minisip_console.commands.base import Output
    from minisip_console.core.disclosures import DisclosureInfo
    from minisip_console.core.holds import HoldInfo
    from minisip_console.core.legal import AccountNotice, RequestInfo, RequestSummary, TransparencyReport
    from minisip_console.core.plumbing.connection import Database, Target


# The vocabularies of core.legal, repeated here so that building the parser imports no core
# module (tests/e2e/test_legal_cli.py checks that they are the core's keys, in its order).
PROCESSES = ("informal", "subpoena", "court_order", "search_warrant", "emergency", "preservation", "foreign")
CATEGORIES = ("subscriber", "cdrs", "configurations", "files", "correspondence")
DISCLOSURE_BASES = ("permission", "law", "acquisition", "service_provider")
NOTICE_CHANNELS = ("email", "phone", "letter", "ticket", "in_person")
SCOPES = ("full", "partial")
REPORT_SUFFIXES = (".csv", ".json")

#: the longest legal hold in days (``core.legal``'s rule, repeated for the same reason)
HOLD_DAYS_MAX = 3660

#: the keys ``--from-json`` accepts: the fields of ``core.legal.Intake``
INTAKE_KEYS = (
    "received_on",
    "agency",
    "country",
    "officer_name",
    "officer_contact",
    "legal_process",
    "account_ids",
    "data_sought",
    "reference",
    "description",
    "court_order_ref",
    "gag_order",
    "gag_until",
    "hold_days",
    "documents",
)
#: the options that give intake fields (refused next to ``--from-json``)
_INTAKE_OPTIONS = {
    "received": "--received",
    "agency": "--agency",
    "country": "--country",
    "officer": "--officer",
    "officer_contact": "--officer-contact",
    "process": "--process",
    "accounts": "--account",
    "data": "--data",
    "reference": "--reference",
    "description": "--description",
    "court_order": "--court-order",
    "gag_until": "--gag-until",
    "gag_no_end": "--gag-no-end",
    "hold_days": "--hold-days",
    "no_hold_end": "--no-hold-end",
    "documents": "--document",
}


# --------------------------------------------------------------------------- argument types


#: a legal hold's period: core.legal refuses more than HOLD_DAYS_MAX (as the window's spin box does)
_days = arguments.days(HOLD_DAYS_MAX, what="a hold lasts 1 to {maximum} days")
#: YYYY-MM-DD, strictly, 1900-01-01 to 2999-12-31 (argparse turns the error into a usage error: exit 2)
parse_date = arguments.date


def _today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


# --------------------------------------------------------------------------- registration


def register(sub: Any, selector: argparse.ArgumentParser, json_option: argparse.ArgumentParser) -> None:
    parents = [selector, json_option, operator_options(type(selector))]

    actions = command_group(sub, "legal", "law-enforcement requests (court-order rule, notices, holds), disclosures, transparency report")

    add = actions.add_parser("add", parents=parents, help="record a request received (the accounts named are placed under a legal hold)")
    add.add_argument(
        "--from-json",
        type=arguments.path,
        default=None,
        metavar="FILE",
        help="read the intake from a JSON object (the keys of core.legal.Intake)",
    )
    add.add_argument("--received", type=parse_date, default=None, metavar="DATE", help="the day it was received (YYYY-MM-DD)")
    add.add_argument("--agency", default=None, help="the requesting agency")
    add.add_argument("--country", default=None, help="the agency's country")
    add.add_argument("--officer", default=None, metavar="NAME", help="the requesting officer's name")
    add.add_argument("--officer-contact", default=None, metavar="TEXT", help="the officer's official contact")
    add.add_argument("--process", choices=PROCESSES, default=None, help="the legal process")
    add.add_argument(
        "--account",
        dest="accounts",
        type=arguments.account_id,
        action="append",
        default=None,
        metavar="ID",
        help="an account named (repeat for more)",
    )
    add.add_argument("--data", choices=CATEGORIES, action="append", default=None, help="a category of data sought (repeat for more)")
    add.add_argument("--reference", default=None, metavar="REF", help="the request's own reference")
    add.add_argument("--description", default=None, metavar="TEXT", help="the data requested, in the request's words")
    add.add_argument("--court-order", default=None, metavar="REF", help="the court order's or warrant's reference")
    gag = add.add_mutually_exclusive_group()
    gag.add_argument("--gag-until", type=parse_date, default=None, metavar="DATE", help="a nondisclosure (gag) order ending on DATE")
    gag.add_argument("--gag-no-end", action="store_true", help="a gag order without an end date (listed for review every 90 days)")
    hold = add.add_mutually_exclusive_group()
    hold.add_argument("--hold-days", type=_days, default=None, metavar="N", help="the legal hold's period (default 90 days)")
    hold.add_argument("--no-hold-end", action="store_true", help="a hold without an end date (until released)")
    add.add_argument(
        "--document",
        dest="documents",
        type=arguments.path,
        action="append",
        default=None,
        metavar="FILE",
        help="a document received (repeat for more)",
    )
    add.set_defaults(handler=cmd_add)

    ls = actions.add_parser("list", parents=parents, help="the register, newest first, with each request's decision and notice state")
    ls.set_defaults(handler=cmd_list)

    sh = actions.add_parser("show", parents=parents, help="one request: accounts and notices, documents, holds, disclosures")
    sh.add_argument("request_id", metavar="ID", type=arguments.request_id)
    sh.set_defaults(handler=cmd_show)

    co = actions.add_parser("check-order", parents=parents, help="record that the court order or warrant was checked")
    co.add_argument("request_id", metavar="ID", type=arguments.request_id)
    co.add_argument("--court-order", required=True, metavar="REF", help="the reference of the order that was checked")
    co.set_defaults(handler=cmd_check_order)

    de = actions.add_parser("decide", parents=parents, help="reject a request, or propose complying with it (a second operator approves)")
    de.add_argument("request_id", metavar="ID", type=arguments.request_id)
    way = de.add_mutually_exclusive_group(required=True)
    way.add_argument("--reject", action="store_true", help="reject it (needs --reason)")
    way.add_argument(
        "--comply", action="store_true", help="propose compliance (needs --scope; only under a checked court order or warrant)"
    )
    de.add_argument(
        "--reason", default=None, metavar="CODE", help="no_court_order, not_verified, overbroad, no_data, wrong_jurisdiction or other"
    )
    de.add_argument("--note", default="", metavar="TEXT", help="an explanation (required for other)")
    de.add_argument("--scope", choices=SCOPES, default=None, help="comply fully or in part")
    de.add_argument(
        "--data",
        choices=CATEGORIES,
        action="extend",
        nargs="+",
        default=None,
        metavar="CAT",
        help="the categories complied with (default: those sought)",
    )
    de.set_defaults(handler=cmd_decide)

    ap = actions.add_parser(
        "approve", parents=parents, help="approve a proposed compliance (not its proposer): export and record what is handed over"
    )
    ap.add_argument("request_id", metavar="ID", type=arguments.request_id)
    ap.add_argument("--out", required=True, type=arguments.path, metavar="DIR", help="the folder the ZIPs are written to")
    ap.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    ap.set_defaults(handler=cmd_approve)

    no = actions.add_parser("notify", parents=parents, help="tell the accounts' owners (email with the saved SMTP settings, or by hand)")
    no.add_argument("request_id", metavar="ID", type=arguments.request_id)
    no.add_argument(
        "--by-hand",
        choices=NOTICE_CHANNELS,
        default=None,
        metavar="CHANNEL",
        help=f"record that they were told another way: {', '.join(NOTICE_CHANNELS)}",
    )
    no.add_argument("--date", type=parse_date, default=None, metavar="DATE", help="when they were told by hand (YYYY-MM-DD)")
    no.add_argument(
        "--account",
        dest="accounts",
        type=arguments.account_id,
        action="append",
        default=None,
        metavar="ID",
        help="only this account's owner (repeat for more)",
    )
    no.set_defaults(handler=cmd_notify)

    ga = actions.add_parser("gag", parents=parents, help="record a nondisclosure (gag) order, or that one without an end date was reviewed")
    ga.add_argument("request_id", metavar="ID", type=arguments.request_id)
    until = ga.add_mutually_exclusive_group(required=True)
    until.add_argument("--until", type=parse_date, default=None, metavar="DATE", help="the day the gag order ends")
    until.add_argument("--no-end", action="store_true", help="no end date (listed for review every 90 days)")
    until.add_argument("--reviewed", action="store_true", help="a gag order without an end date was reviewed and still stands")
    ga.set_defaults(handler=cmd_gag)

    ho = actions.add_parser("holds", parents=parents, help="legal holds in force with their end dates (--all: ended ones too)")
    ho.add_argument("--all", action="store_true", help="include holds that were released or expired")
    ho.add_argument("--account", type=arguments.account_id, default=None, metavar="ID", help="only this account's holds")
    ho.set_defaults(handler=cmd_holds)

    rh = actions.add_parser("release-hold", parents=parents, help="end a legal hold before its end date (an approver)")
    rh.add_argument("hold_id", metavar="HOLD_ID", type=arguments.hold_id)
    rh.add_argument("--reason", required=True, metavar="TEXT", help="why it is released")
    rh.set_defaults(handler=cmd_release_hold)

    di = actions.add_parser("disclose", parents=parents, help="record a sharing of customer data, with its legal basis and evidence")
    di.add_argument("--account", required=True, type=arguments.account_id, metavar="ID", help="the account whose data was shared")
    di.add_argument("--recipient", required=True, metavar="TEXT", help="who received it")
    di.add_argument("--basis", required=True, choices=DISCLOSURE_BASES, help="the legal basis")
    di.add_argument("--evidence", required=True, metavar="TEXT", help="a ticket, a signed form, a court order")
    di.add_argument(
        "--data",
        required=True,
        choices=CATEGORIES,
        action="extend",
        nargs="+",
        metavar="CAT",
        help=f"the categories shared: {', '.join(CATEGORIES)}",
    )
    di.add_argument("--shared", default="", metavar="TEXT", help="what was shared, in words")
    di.add_argument("--request", type=arguments.request_id, default=None, metavar="ID", help="the law-enforcement request it answers")
    di.set_defaults(handler=cmd_disclose)

    dl = actions.add_parser("disclosures", parents=parents, help="the disclosure register")
    dl.add_argument("--account", type=arguments.account_id, default=None, metavar="ID", help="only this account's disclosures")
    dl.set_defaults(handler=cmd_disclosures)

    rp = actions.add_parser("report", parents=parents, help="the transparency report for a period, as CSV or JSON")
    rp.add_argument("--from", dest="date_from", required=True, type=parse_date, metavar="DATE", help="first day (YYYY-MM-DD)")
    rp.add_argument("--to", dest="date_to", required=True, type=parse_date, metavar="DATE", help="last day (YYYY-MM-DD)")
    rp.add_argument("--out", required=True, type=arguments.path, metavar="FILE", help="a .csv or .json file to write")
    rp.set_defaults(handler=cmd_report)


def _read(database: Database, what: str, fn: Any) -> Any:
    """``fn(session)`` in a read session, after checking the operator may read the register."""
    from minisip_console.core.plumbing import db

    opening.require_reader(database, what)
    with db.translated(database.engine.url), database.sessions() as session:
        return fn(session)


# --------------------------------------------------------------------------- JSON and text


def plain(value: Any) -> Any:
    """A core dataclass (or anything inside one) as JSON-ready values: moments and dates in
    ``core.plumbing.jsontime``'s one form, lists, strings."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dt.datetime | dt.date):
        return jsontime.cell(value)
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(v) for v in value]
    return value


def _request_dict(r: RequestInfo) -> dict[str, Any]:
    data = plain(r)
    data["compliance_blocked_by"] = r.compliance_blocked_by
    return data


def _day(value: dt.datetime | dt.date | None) -> str:
    if value is None:
        return "-"
    if isinstance(value, dt.datetime):
        value = (value.astimezone(dt.UTC) if value.tzinfo is not None else value).date()
    return value.isoformat()


def _ids(ids: tuple[int, ...] | list[int]) -> str:
    return ", ".join(str(i) for i in ids) or "-"


def _gag(gag_order: bool, until: dt.date | None) -> str:
    if not gag_order:
        return "no gag order"
    return f"gag order until {until.isoformat()}" if until else "gag order without an end date"


def _notice_line(n: AccountNotice) -> str:
    text = f"    account {n.account_id}: {n.state}"
    if n.due_on is not None and n.state != "notified":
        text += f", due {n.due_on.isoformat()}"
    if n.notified_at is not None:
        text += f", told on {_day(n.notified_at)} by {n.channel or '?'}" + (f" ({n.notified_by})" if n.notified_by else "")
    if n.reply:
        text += f"; server: {n.reply}"
    return text


def _hold_line(h: HoldInfo) -> str:
    if h.active:
        state = f"until {_day(h.expires_at)}" if h.expires_at else "no end date (until released)"
    elif h.released_at is not None:
        state = f"released {_day(h.released_at)} by {h.released_by}" + (f": {h.release_reason}" if h.release_reason else "")
    else:
        state = f"expired {_day(h.ended_at)}"
    request = f" request {h.request_id}" if h.request_id else ""
    return f"{h.id:>5}  account {h.account_id:<6}{request:<12}  {'active' if h.active else 'ended':<6}  {state}  ({h.reason}; placed by {h.placed_by} on {_day(h.placed_at)})"


def _disclosure_line(d: DisclosureInfo) -> str:
    head = (
        f"{d.id:>5}  {_day(d.disclosed_at)}  account {d.account_id if d.account_id is not None else '-'}  to {d.recipient}"
        f"  basis {d.legal_basis} ({d.evidence})  data: {', '.join(d.data_categories) or '-'}"
    )
    if d.request_id:
        head += f"  request {d.request_id}"
    if d.export_sha256:
        head += f"\n         export SHA-256 {d.export_sha256}"
    return head


def describe_request(r: RequestInfo) -> str:
    lines = [
        f"Request {r.id}: {r.legal_process} from {r.agency} ({r.country}), reference {r.reference}; {r.decision}"
        + (f" ({r.compliance_scope})" if r.compliance_scope else "")
        + "."
    ]
    lines.append(f"  received {_day(r.received_at)}; recorded by {r.recorded_by or '-'} on {stamp(r.recorded_at)}")
    lines.append(f"  officer: {r.officer_name} ({r.officer_contact})")
    lines.append(f"  data sought: {', '.join(r.data_sought) or '-'}" + (f"; {r.description}" if r.description else ""))
    if r.court_order_ref:
        checked = (
            f"checked by {r.court_order_checked_by} on {stamp(r.court_order_checked_at)}" if r.court_order_checked_by else "not checked yet"
        )
        lines.append(f"  court order {r.court_order_ref}: {checked}")
    if r.proposed_by:
        lines.append(f"  compliance proposed by {r.proposed_by} on {stamp(r.proposed_at)}")
    if r.compliance_categories:
        lines.append(f"  {'handed over' if r.decision == 'complied' else 'to hand over'}: {', '.join(r.compliance_categories)}")
    if r.decided_by:
        lines.append(f"  decided by {r.decided_by} on {stamp(r.decided_at)}")
    if r.rejection_reason:
        lines.append(f"  rejected: {r.rejection_reason}" + (f": {r.rejection_note}" if r.rejection_note else ""))
    elif r.decision_reason:
        lines.append(f"  note: {r.decision_reason}")
    blocked = r.compliance_blocked_by
    if blocked and r.decision in ("pending",):
        lines.append(f"  cannot be complied with: {blocked}")
    lines.append(f"  {_gag(r.gag_order, r.gag_until)}" + (f"; last reviewed {stamp(r.gag_reviewed_at)}" if r.gag_reviewed_at else ""))
    lines.append(f"  accounts and their notices ({r.notice_state}):")
    lines += [_notice_line(n) for n in r.accounts] or ["    (none)"]
    if r.documents:
        lines.append("  documents:")
        lines += [f"    {d.filename} ({d.size_bytes:,} bytes) SHA-256 {d.sha256}" for d in r.documents]
    if r.holds:
        lines.append("  legal holds:")
        lines += ["  " + _hold_line(h) for h in r.holds]
    if r.disclosures:
        lines.append("  disclosed:")
        lines += ["  " + _disclosure_line(d) for d in r.disclosures]
        for d in r.disclosures:
            lines += [
                f"           {name}  {sha}" + (f"  ({plural(rows, 'row')})" if rows is not None else "") for name, sha, rows in d.manifest
            ]
    return "\n".join(lines)


def _summary_line(s: RequestSummary) -> str:
    decision = s.decision + (f" ({s.compliance_scope})" if s.compliance_scope else "")
    return (
        f"{s.id:>5}  {_day(s.received_at)}  {s.legal_process:<14} {s.country[:14]:<14} {s.agency[:24]:<24} "
        f"{_ids(s.account_ids)[:20]:<20} {decision:<18} {s.notice_state}"
    )


def _done(out: Output, database: Database, r: RequestInfo, what: str) -> int:
    out.result(
        {"ok": True, "database": database.target.label, "request": _request_dict(r)},
        f"Request {r.id} {what} by {database.operator.login}.\n{describe_request(r)}",
    )
    return EXIT_OK


# --------------------------------------------------------------------------- add


def _nonblank(value: Any, what: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidInput(f"{what} must be text, not {value!r:.40}.")
    return value.strip()


def _intake_from_options(args: argparse.Namespace) -> dict[str, Any]:
    missing = [
        opt
        for name, opt in (
            ("received", "--received"),
            ("agency", "--agency"),
            ("country", "--country"),
            ("officer", "--officer"),
            ("officer_contact", "--officer-contact"),
            ("process", "--process"),
            ("reference", "--reference"),
        )
        if getattr(args, name) is None
    ]
    if missing:
        raise InvalidInput(f"legal add needs {', '.join(missing)}.", hint="Give every intake field as an option, or --from-json FILE.")
    fields: dict[str, Any] = {
        "received_on": args.received,
        "agency": args.agency,
        "country": args.country,
        "officer_name": args.officer,
        "officer_contact": args.officer_contact,
        "legal_process": args.process,
        "account_ids": tuple(args.accounts or ()),
        "data_sought": tuple(dict.fromkeys(args.data or ())),
        "reference": args.reference,
        "description": args.description or "",
        "court_order_ref": args.court_order or "",
        "gag_order": bool(args.gag_until or args.gag_no_end),
        "gag_until": args.gag_until,
        "documents": tuple(args.documents or ()),
    }
    if args.no_hold_end or args.hold_days is not None:  # else the Intake's default period
        fields["hold_days"] = None if args.no_hold_end else args.hold_days
    return fields


def _intake_from_json(path: Path) -> dict[str, Any]:
    from minisip_console.core.plumbing import files

    # a missing file, a folder, no permission, a huge or non-UTF-8 file: a sentence naming it (exit 2)
    text = files.read_text(path, what="an intake JSON file", limit=16 * 1024 * 1024)
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:  # RecursionError: nested too deep to be an intake
        raise InvalidInput(
            f"{path} is not a JSON object ({str(exc)[:200]}).", hint="Write one JSON object with the intake's keys."
        ) from None
    if not isinstance(data, dict):
        raise InvalidInput(f"{path} holds JSON, but not an object.", hint=f"Use an object with the keys: {', '.join(INTAKE_KEYS)}.")
    unknown = sorted(set(data) - set(INTAKE_KEYS))
    if unknown:
        raise InvalidInput(
            f"{path}: unknown key{'s' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown))}.",
            hint=f"The keys are: {', '.join(INTAKE_KEYS)}.",
        )
    required = ("received_on", "agency", "country", "officer_name", "officer_contact", "legal_process", "account_ids", "reference")
    missing = [k for k in required if k not in data]
    if missing:
        raise InvalidInput(f"{path} lacks {', '.join(missing)}.", hint=f"The keys are: {', '.join(INTAKE_KEYS)}.")

    def date_of(key: str) -> dt.date | None:
        raw = data.get(key)
        if raw is None:
            return None
        if not isinstance(raw, str):
            raise InvalidInput(f"{path}: {key} must be a date as text (YYYY-MM-DD), not {raw!r:.40}.")
        try:
            return parse_date(raw)
        except argparse.ArgumentTypeError as exc:
            raise InvalidInput(f"{path}: {key}: {exc}") from None

    def whole(raw: Any, key: str, check: Any, hint: str | None = None) -> int:
        """A JSON number (not text, not true/false) checked by ``check``: the rule the options keep."""
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise InvalidInput(f"{path}: {key}: {raw!r:.40} is not a whole number.", hint=hint)
        try:
            return int(check(raw))
        except InvalidInput as exc:
            raise InvalidInput(f"{path}: {key}: {exc.message}", hint=hint) from None

    def ids_of(raw: Any) -> tuple[int, ...]:
        if not isinstance(raw, list):
            raise InvalidInput(f"{path}: account_ids must be a list of account ids.")
        return tuple(whole(v, "account_ids", limits.parse_id) for v in raw)

    def strings_of(key: str, allowed: tuple[str, ...] | None = None) -> tuple[str, ...]:
        raw = data.get(key, [])
        if not isinstance(raw, list) or not all(isinstance(v, str) for v in raw):
            raise InvalidInput(f"{path}: {key} must be a list of text.")
        if allowed is not None:
            bad = [v for v in raw if v not in allowed]
            if bad:
                raise InvalidInput(f"{path}: {key}: unknown {', '.join(map(repr, bad))}.", hint=f"Use: {', '.join(allowed)}.")
        return tuple(raw)

    process = data["legal_process"]
    if process not in PROCESSES:
        raise InvalidInput(f"{path}: unknown legal_process {process!r:.40}.", hint=f"Use one of: {', '.join(PROCESSES)}.")
    hold_days = data.get("hold_days")  # null: no end; absent: the Intake's default period
    if hold_days is not None:  # the rule --hold-days keeps: 1 to HOLD_DAYS_MAX
        hold_days = whole(
            hold_days,
            "hold_days",
            lambda n: limits.whole_number(n, what="a hold's length in days", minimum=1, maximum=HOLD_DAYS_MAX),
            hint="Give the hold's length in days, or null for a hold without an end.",
        )
    gag_until = date_of("gag_until")
    gag_order = data.get("gag_order", gag_until is not None)
    if not isinstance(gag_order, bool):
        raise InvalidInput(f"{path}: gag_order must be true or false.")
    if gag_until is not None and not gag_order:
        raise InvalidInput(f"{path}: gag_until is given but gag_order is false.")
    documents = tuple(p if p.is_absolute() else path.parent / p for p in (Path(s).expanduser() for s in strings_of("documents")))
    fields: dict[str, Any] = {
        "received_on": date_of("received_on"),
        "agency": _nonblank(data["agency"], "agency"),
        "country": _nonblank(data["country"], "country"),
        "officer_name": _nonblank(data["officer_name"], "officer_name"),
        "officer_contact": _nonblank(data["officer_contact"], "officer_contact"),
        "legal_process": process,
        "account_ids": ids_of(data["account_ids"]),
        "data_sought": tuple(dict.fromkeys(strings_of("data_sought", CATEGORIES))),
        "reference": _nonblank(data["reference"], "reference"),
        "description": _nonblank(data.get("description"), "description"),
        "court_order_ref": _nonblank(data.get("court_order_ref"), "court_order_ref"),
        "gag_order": gag_order,
        "gag_until": gag_until,
        "documents": documents,
    }
    if "hold_days" in data:
        fields["hold_days"] = hold_days
    return fields


def _check_intake(fields: dict[str, Any], source: str) -> None:
    """What can be told before the database is opened (the core checks everything again)."""
    received = fields["received_on"]
    if received is None:
        raise InvalidInput(f"{source}: the received date is missing.")
    if received > _today():
        raise InvalidInput(
            f"The received date {received.isoformat()} is in the future.", hint="Give the day the request arrived (YYYY-MM-DD)."
        )
    if not fields["account_ids"]:
        raise InvalidInput("A request must name at least one account.", hint="Add --account ID (repeat it for more).")
    for path in fields["documents"]:
        if not Path(path).is_file():
            raise InvalidInput(f"No document file {path}.", hint="Check the --document path.")


def cmd_add(args: argparse.Namespace, out: Output) -> int:
    from minisip_console.core import legal

    if args.from_json is not None:
        given = [opt for name, opt in _INTAKE_OPTIONS.items() if getattr(args, name) not in (None, False)]
        if given:
            raise InvalidInput(
                f"--from-json is given with {', '.join(given)}.",
                hint="Put every intake field in the JSON file, or give them all as options.",
            )
        fields = _intake_from_json(Path(args.from_json).expanduser())
        source = str(args.from_json)
    else:
        fields = _intake_from_options(args)
        source = "legal add"
    _check_intake(fields, source)
    intake = legal.Intake(**fields)
    with opening.open_as_operator(args) as database:
        r = legal.record_request(database.sessions, database.operator, intake, store=opening.store(database))
    return _done(out, database, r, "recorded")


# --------------------------------------------------------------------------- list, show


def cmd_list(args: argparse.Namespace, out: Output) -> int:
    from minisip_console.core import legal

    with opening.open_as_operator(args) as database:
        got = _read(database, "read the law-enforcement register", legal.list_requests)
    header = f"{'id':>5}  {'received':<10}  {'process':<14} {'country':<14} {'agency':<24} {'accounts':<20} {'decision':<18} notice"
    text = "\n".join([header, *(_summary_line(s) for s in got)]) if got else "No law-enforcement requests."
    out.result({"ok": True, "database": database.target.label, "requests": [plain(s) for s in got]}, text)
    return EXIT_OK


def cmd_show(args: argparse.Namespace, out: Output) -> int:
    from minisip_console.core import legal

    with opening.open_as_operator(args) as database:
        r = _read(database, "read the law-enforcement register", lambda s: legal.get_request(s, args.request_id))
    out.result({"ok": True, "database": database.target.label, "request": _request_dict(r)}, describe_request(r))
    return EXIT_OK


# --------------------------------------------------------------------------- check, decide, approve


def cmd_check_order(args: argparse.Namespace, out: Output) -> int:
    from minisip_console.core import legal

    ref = args.court_order.strip()
    if not ref:
        raise InvalidInput("--court-order needs the order's reference.")
    with opening.open_as_operator(args) as database:
        r = legal.record_court_order_check(database.sessions, database.operator, args.request_id, ref)
    return _done(out, database, r, f"has its court order {ref} checked")


def cmd_decide(args: argparse.Namespace, out: Output) -> int:
    from minisip_console.core import legal

    if args.reject:
        if args.scope is not None or args.data:
            raise InvalidInput("--scope and --data go with --comply, not --reject.")
        if not (args.reason or "").strip():
            raise InvalidInput("--reject needs --reason CODE.", hint=f"Use one of: {', '.join(legal.REJECTION_REASONS)}.")
        code = rejection_code(args.reason, args.note, legal.REJECTION_REASONS)
        with opening.open_as_operator(args) as database:
            r = legal.reject(database.sessions, database.operator, args.request_id, code, args.note)
        return _done(out, database, r, "rejected")
    if args.reason is not None:
        raise InvalidInput("--reason goes with --reject; a compliance takes --note.")
    if args.scope is None:
        raise InvalidInput("--comply needs --scope full or --scope partial.")
    categories = list(dict.fromkeys(args.data)) if args.data else None
    with opening.open_as_operator(args) as database:
        r = legal.propose_compliance(database.sessions, database.operator, args.request_id, args.scope, categories, args.note)
    code = _done(out, database, r, f"proposed for {args.scope} compliance")
    out.progress(f"A second operator (an approver) now approves it: minisip-console legal approve {r.id} --out DIR")
    return code


def _out_dir(raw: Path) -> Path:
    target = raw.expanduser()
    if target.exists() and not target.is_dir():
        raise InvalidInput(f"{target} is not a folder.", hint="Give --out a folder for the export ZIPs.")
    if not target.exists():
        existing_folder(target.parent)
        target.mkdir()
    return target


def cmd_approve(args: argparse.Namespace, out: Output) -> int:
    from minisip_console.core import legal

    target = _out_dir(args.out)  # before connecting
    with opening.open_as_operator(args) as database:

        def progress(done: int, total: int, what: str) -> None:
            if not args.quiet:
                out.progress(f"  request {args.request_id}: {done}/{total}: {what}")

        result = legal.approve_compliance(
            database.sessions, database.operator, args.request_id, store=opening.store(database), out_dir=target, progress=progress
        )
    r = result.request
    exports = [
        {"path": str(path), "account_id": d.account_id, "sha256": d.export_sha256, "disclosure": plain(d)} for path, d in result.exports
    ]
    lines = [
        f"Request {r.id} approved by {database.operator.login}: {r.decision}"
        + (f" ({r.compliance_scope})" if r.compliance_scope else "")
        + "."
    ]
    lines += [f"  account {d.account_id}: {path}\n    SHA-256 {d.export_sha256}" for path, d in result.exports] or ["  (nothing exported)"]
    lines.append(describe_request(r))
    out.result({"ok": True, "database": database.target.label, "request": _request_dict(r), "exports": exports}, "\n".join(lines))
    return EXIT_OK


# --------------------------------------------------------------------------- notify, gag


def _smtp_settings(target: Target) -> Any:
    """The SMTP settings saved for the profile or the demo, as ``notices send`` finds them."""
    from minisip_console.core.plumbing import mailer

    if target.profile:
        name, selector = str(target.profile), f"--profile {target.profile}"
    elif mailer.is_demo_target(target):
        name, selector = mailer.DEMO_NAME, "--demo"
    else:
        raise InvalidInput(
            f"No SMTP settings for {target.label}: settings belong to a profile or the demo, and this database was chosen with --database.",
            hint="Use --profile NAME (its settings saved with 'minisip-console notices smtp-set'), "
            "or record a notice given another way with --by-hand CHANNEL --date DATE.",
        )
    saved = mailer.load_settings(name)
    if saved is None:
        raise InvalidInput(
            f"No SMTP settings are saved for {name!r}.",
            hint=f"Save them with: minisip-console notices smtp-set {selector} --host HOST --from ADDRESS, "
            "or record a notice given another way with --by-hand CHANNEL --date DATE.",
        )
    return mailer.validate_settings(saved)


def cmd_notify(args: argparse.Namespace, out: Output) -> int:
    from minisip_console.core import legal

    by_hand: tuple[str, dt.date] | None = None
    settings = None
    if args.by_hand is not None or args.date is not None:
        if args.by_hand is None or args.date is None:
            raise InvalidInput("A notice given by hand needs both --by-hand CHANNEL and --date DATE.")
        if args.date > _today():
            raise InvalidInput(f"The notice date {args.date.isoformat()} is in the future.", hint="Give the day the owner was told.")
        by_hand = (args.by_hand, args.date)
    chosen = opening.target(args)
    if by_hand is None:
        settings = _smtp_settings(chosen)
    with opening.open_as_operator(args, chosen) as database:
        notices = legal.notify(
            database.sessions,
            database.operator,
            args.request_id,
            settings=settings,
            by_hand=by_hand,
            account_ids=sorted(set(args.accounts)) if args.accounts else None,
        )
    how = f"by hand ({by_hand[0]}, {by_hand[1].isoformat()})" if by_hand else f"by email through {settings.describe()}"
    lines = [f"Request {args.request_id}: owners told {how}."] + [_notice_line(n) for n in notices]
    out.result(
        {"ok": True, "database": database.target.label, "request_id": args.request_id, "notices": [plain(n) for n in notices]},
        "\n".join(lines),
    )
    return EXIT_OK


def cmd_gag(args: argparse.Namespace, out: Output) -> int:
    from minisip_console.core import legal

    with opening.open_as_operator(args) as database:
        if args.reviewed:
            r = legal.review_gag(database.sessions, database.operator, args.request_id)
            what = "has its gag order reviewed"
        else:
            r = legal.record_gag(database.sessions, database.operator, args.request_id, args.until)
            what = f"has a {_gag(True, args.until)}"
    return _done(out, database, r, what)


# --------------------------------------------------------------------------- holds


def cmd_holds(args: argparse.Namespace, out: Output) -> int:
    from minisip_console.core import holds

    with opening.open_as_operator(args) as database:
        got = _read(database, "read the legal holds", lambda s: holds.list_holds(s, include_ended=args.all, account_id=args.account))
    rows = [{**plain(h), "ended_at": plain(h.ended_at)} for h in got]
    active = sum(1 for h in got if h.active)
    text = (
        "\n".join(
            [
                f"{active} legal hold{'s' if active != 1 else ''} in force" + (f", {len(got) - active} ended:" if args.all else ":"),
                *(_hold_line(h) for h in got),
            ]
        )
        if got
        else ("No legal holds." if args.all else "No legal hold in force.")
    )
    out.result({"ok": True, "database": database.target.label, "holds": rows}, text)
    return EXIT_OK


def cmd_release_hold(args: argparse.Namespace, out: Output) -> int:
    from minisip_console.core import holds

    reason = " ".join(args.reason.split())
    if not reason:
        raise InvalidInput("Releasing a legal hold needs a reason.", hint="Add --reason TEXT.")
    with opening.open_as_operator(args) as database:
        h = holds.release_hold(database.sessions, database.operator, args.hold_id, reason)
    out.result(
        {"ok": True, "database": database.target.label, "hold": {**plain(h), "ended_at": plain(h.ended_at)}},
        f"Legal hold {h.id} on account {h.account_id} released by {database.operator.login}.\n{_hold_line(h)}",
    )
    return EXIT_OK


# --------------------------------------------------------------------------- disclosures


def cmd_disclose(args: argparse.Namespace, out: Output) -> int:
    from minisip_console.core import legal

    for option, value in (("--recipient", args.recipient), ("--evidence", args.evidence)):
        if not value.strip():
            raise InvalidInput(f"{option} must not be empty.", hint="A disclosure is recorded with its recipient and its evidence.")
    with opening.open_as_operator(args) as database:
        d = legal.record_disclosure(
            database.sessions,
            database.operator,
            account_id=args.account,
            recipient=args.recipient.strip(),
            legal_basis=args.basis,
            evidence=args.evidence.strip(),
            categories=list(dict.fromkeys(args.data)),
            data_shared=args.shared,
            request_id=args.request,
        )
    out.result(
        {"ok": True, "database": database.target.label, "disclosure": plain(d)},
        f"Disclosure {d.id} recorded by {database.operator.login}.\n{_disclosure_line(d)}",
    )
    return EXIT_OK


def cmd_disclosures(args: argparse.Namespace, out: Output) -> int:
    from minisip_console.core import disclosures

    with opening.open_as_operator(args) as database:
        got = _read(database, "read the disclosure register", lambda s: disclosures.list_disclosures(s, account_id=args.account))
    text = (
        "\n".join(_disclosure_line(d) for d in got) if got else "No disclosures" + (f" of account {args.account}." if args.account else ".")
    )
    out.result({"ok": True, "database": database.target.label, "disclosures": [plain(d) for d in got]}, text)
    return EXIT_OK


# --------------------------------------------------------------------------- report


def _report_text(report: TransparencyReport, path: Path) -> str:
    header = (
        f"{'country':<16} {'process':<14} {'requests':>8} {'accounts':>8} {'rejected':>8} {'full':>5} {'partial':>7} "
        f"{'pending':>7} {'content':>7} {'non-content':>11} {'notified':>8} {'gagged':>6}"
    )

    def line(r: Any) -> str:
        return (
            f"{r.country[:16]:<16} {r.legal_process:<14} {r.requests:>8} {r.accounts:>8} {r.rejected:>8} {r.complied_full:>5} "
            f"{r.complied_partial:>7} {r.pending:>7} {r.content:>7} {r.non_content:>11} {r.customers_notified:>8} {r.notices_gagged:>6}"
        )

    lines = [f"Transparency report {report.date_from.isoformat()} to {report.date_to.isoformat()}, written to {path}", header]
    lines += [line(r) for r in report.rows]
    lines.append(line(report.total))
    if report.audit_head:
        lines.append(audit_head_line(report.audit_head))
    return "\n".join(lines)


def cmd_report(args: argparse.Namespace, out: Output) -> int:
    import hashlib

    from minisip_console.core import legal

    if args.date_from > args.date_to:
        raise InvalidInput(f"--from {args.date_from.isoformat()} is after --to {args.date_to.isoformat()}.")
    target = out_file(args.out, "a report", REPORT_SUFFIXES, "a .csv or .json")  # before connecting
    with opening.open_as_operator(args) as database:
        report = _read(database, "read the transparency report", lambda s: legal.transparency_report(s, args.date_from, args.date_to))
    written = legal.write_report(report, target)
    digest = hashlib.sha256(Path(written).read_bytes()).hexdigest()
    out.result(
        {"ok": True, "database": database.target.label, "path": str(written), "sha256": digest, "report": plain(report)},
        _report_text(report, Path(written)) + f"\n  SHA-256 {digest}",
    )
    return EXIT_OK
