"""``minisip-console deletion ...``: the deletion queue from a terminal and the OS scheduler.

The privacy policy: "When you delete your configurations, we'll ensure that nothing is stored on
our servers." These commands are the headless face of ``core.deletion``:

- ``deletion request ACCOUNT_ID --scope configurations|account --ticket REF [--source TEXT]``
  files a customer's request (due in 30 days); a second open request for the same account and
  scope is refused (exit 1) naming the first.
- ``deletion list [--state S]`` the queue: state, account, scope, age, due date, days left and
  its urgency as a word (green, amber, red; nothing for a closed request).
- ``deletion show ID`` one request and its timeline from the audit log.
- ``deletion approve ID`` / ``deletion reject ID --reason CODE [--note TEXT]`` a second
  operator's decision (an approver; never the one who filed it: four eyes).
- ``deletion cancel ID [--note TEXT]`` withdraws a request that has not started.
- ``deletion run [ID ...]`` carries out every approved request and finishes every interrupted
  one (or only the ones named), for the OS scheduler. One progress line per step on stderr
  (none with ``--json`` or ``--quiet``). Exit 0 only when every request it touched is completed
  and verified. Ctrl+C (SIGINT) or SIGTERM stops between steps: the request stays ``executing``
  and the next run finishes it; a second one stops at once (the rows' transaction rolls back).
- ``deletion certificate ID --out FILE`` writes a completed request's certificate as ``.json``
  or ``.html`` and prints its SHA-256 (the one recorded in the audit log).

The operator is the OS login (or ``MINISIP_CONSOLE_OPERATOR``). ``--operator NAME`` is accepted
only on the embedded demo database (``--demo``, or ``--database`` naming the demo's file,
``core.plumbing.connection.demo_path()``), so a demo can show four eyes from one terminal; on any other
database it is refused (exit 2) before the database is opened.

Input is checked before the database is opened wherever it can be: bad input is exit 2 and
changes nothing; a refusal (four eyes, a state that does not allow the action) is exit 1.
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING, Any

from minisip_console.commands import arguments, opening
from minisip_console.commands.base import (
    EXIT_FAILED,
    EXIT_OK,
    CancelOnSignal,
    audit_head_line,
    command_group,
    out_file,
    rejection_code,
    stamp,
)
from minisip_console.commands.opening import operator_options
from minisip_console.core.plumbing import jsontime
from minisip_console.core.plumbing.errors import ConsoleError, InvalidInput

if TYPE_CHECKING:
    from minisip_console.commands.base import Output
    from minisip_console.core.deletion import RequestInfo, RunOutcome, TimelineEvent
    from minisip_console.core.plumbing.connection import Database


SCOPES = ("configurations", "account")
CERTIFICATE_SUFFIXES = (".json", ".html", ".htm")


# --------------------------------------------------------------------------- registration


def register(sub: Any, selector: argparse.ArgumentParser, json_option: argparse.ArgumentParser) -> None:
    parents = [selector, json_option, operator_options(type(selector))]

    actions = command_group(sub, "deletion", "the deletion queue: request, four-eyes approval, execution, certificate")

    rq = actions.add_parser("request", parents=parents, help="file a customer's deletion request (due in 30 days)")
    rq.add_argument("account_id", metavar="ACCOUNT_ID", type=arguments.account_id)
    rq.add_argument("--scope", required=True, metavar="configurations|account", help="configurations and files, or the whole account")
    rq.add_argument("--ticket", required=True, metavar="REF", help="the support ticket the request came in on")
    rq.add_argument("--source", default="", metavar="TEXT", help="how the customer asked (default: the ticket)")
    rq.set_defaults(handler=cmd_request)

    ls = actions.add_parser("list", parents=parents, help="the queue, newest first, with days left (green, amber, red)")
    ls.add_argument("--state", default=None, metavar="S", help="only this state (received, approved, ..., or open)")
    ls.set_defaults(handler=cmd_list)

    sh = actions.add_parser("show", parents=parents, help="one request and its timeline")
    sh.add_argument("request_id", metavar="ID", type=arguments.request_id)
    sh.set_defaults(handler=cmd_show)

    ap = actions.add_parser("approve", parents=parents, help="approve a request (an approver other than its filer)")
    ap.add_argument("request_id", metavar="ID", type=arguments.request_id)
    ap.set_defaults(handler=cmd_approve)

    rj = actions.add_parser("reject", parents=parents, help="reject a request with a reason code")
    rj.add_argument("request_id", metavar="ID", type=arguments.request_id)
    rj.add_argument(
        "--reason", required=True, metavar="CODE", help="identity_not_verified, legal_hold, duplicate, withdrawn, not_our_data or other"
    )
    rj.add_argument("--note", default="", metavar="TEXT", help="an explanation (required for other)")
    rj.set_defaults(handler=cmd_reject)

    cn = actions.add_parser("cancel", parents=parents, help="withdraw a request that has not started (its filer or an admin)")
    cn.add_argument("request_id", metavar="ID", type=arguments.request_id)
    cn.add_argument("--note", default="", metavar="TEXT", help="why")
    cn.set_defaults(handler=cmd_cancel)

    rn = actions.add_parser(
        "run", parents=parents, help="carry out every approved request and finish interrupted ones (for the OS scheduler)"
    )
    rn.add_argument(
        "request_ids",
        metavar="ID",
        type=arguments.request_id,
        nargs="*",
        help="only these requests (default: every approved or interrupted one)",
    )
    rn.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    rn.set_defaults(handler=cmd_run)

    ce = actions.add_parser("certificate", parents=parents, help="write a completed request's certificate (.json or .html)")
    ce.add_argument("request_id", metavar="ID", type=arguments.request_id)
    ce.add_argument("--out", required=True, type=arguments.path, metavar="FILE", help="where to write it: a .json or .html file")
    ce.set_defaults(handler=cmd_certificate)


# --------------------------------------------------------------------------- text


def _now() -> dt.datetime:
    from minisip_console.core.models import utcnow

    return utcnow()


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def _row(r: RequestInfo, now: dt.datetime) -> dict[str, Any]:
    data = r.to_dict(now)
    data["age_days"] = (now - _aware(r.requested_at)).days
    return data


def _list_line(r: RequestInfo, now: dt.datetime) -> str:
    age = (now - _aware(r.requested_at)).days
    urgency = r.urgency(now)
    left = f"{r.days_left(now):>5}" if urgency else f"{'-':>5}"
    return f"{r.id:>5}  {r.state:<10} {r.account_id:>8}  {r.scope:<15} {age:>4} d  {_aware(r.due_at):%Y-%m-%d}  {left}  {urgency or '-'}"


def describe_request(r: RequestInfo, now: dt.datetime) -> str:
    lines = [f"Request {r.id}: {r.scope} of account {r.account_id}, {r.state}."]
    lines.append(f"  ticket {r.ticket_ref}; source: {r.source}")
    lines.append(f"  filed by {r.requested_by} on {stamp(r.requested_at)}; due {stamp(r.due_at)}")
    urgency = r.urgency(now)
    if urgency:
        lines.append(f"  days left: {r.days_left(now)} ({urgency})")
    if r.decided_by:
        lines.append(f"  decided by {r.decided_by} on {stamp(r.decided_at)}")
    if r.rejection_reason:
        lines.append(f"  rejected: {r.rejection_reason}" + (f": {r.rejection_note}" if r.rejection_note else ""))
    elif r.rejection_note:
        lines.append(f"  note: {r.rejection_note}")
    if r.executed_at:
        lines.append(f"  carried out from {stamp(r.executed_at)}" + (f"; completed {stamp(r.completed_at)}" if r.completed_at else ""))
    if r.verification is not None:
        left = {k: v for k, v in r.verification.items() if v}
        lines.append("  verified: nothing left" if not left else "  LEFT: " + ", ".join(f"{k} {v}" for k, v in sorted(left.items())))
    if r.certificate_sha256:
        lines.append(f"  certificate SHA-256: {r.certificate_sha256}")
    if r.audit_head:
        lines.append(audit_head_line(r.audit_head))
    return "\n".join(lines)


def _event(e: TimelineEvent) -> dict[str, Any]:
    return {"at": jsontime.iso(e.at), "operator": e.operator, "action": e.action, "details": e.details}


def _event_line(e: TimelineEvent) -> str:
    details = ", ".join(f"{k}={v}" for k, v in sorted(e.details.items()) if not isinstance(v, dict))
    return f"  {stamp(e.at)}  {e.operator:<14} {e.action}" + (f" ({details})" if details else "")


def _decided(out: Output, database: Database, r: RequestInfo, what: str) -> int:
    now = _now()
    out.result(
        {"ok": True, "database": database.target.label, "request": _row(r, now)},
        f"Request {r.id} {what} by {database.operator.login}.\n{describe_request(r, now)}",
    )
    return EXIT_OK


# --------------------------------------------------------------------------- request, approve, reject, cancel


def cmd_request(args: argparse.Namespace, out: Output) -> int:
    from minisip_console.core import deletion
    from minisip_console.core.purposes import validate_ticket

    scope = deletion.parse_scope(args.scope)  # bad input first: before connecting
    ticket = validate_ticket(args.ticket)
    with opening.open_as_operator(args) as database:
        r = deletion.file_request(database.sessions, database.operator, args.account_id, scope.value, ticket=ticket, source=args.source)
    return _decided(out, database, r, "filed")


def cmd_approve(args: argparse.Namespace, out: Output) -> int:
    from minisip_console.core import deletion

    with opening.open_as_operator(args) as database:
        r = deletion.approve(database.sessions, database.operator, args.request_id)
    return _decided(out, database, r, "approved")


def cmd_reject(args: argparse.Namespace, out: Output) -> int:
    from minisip_console.core import deletion

    code = rejection_code(args.reason, args.note, deletion.REJECTION_REASONS)
    with opening.open_as_operator(args) as database:
        r = deletion.reject(database.sessions, database.operator, args.request_id, code, args.note)
    return _decided(out, database, r, "rejected")


def cmd_cancel(args: argparse.Namespace, out: Output) -> int:
    from minisip_console.core import deletion

    with opening.open_as_operator(args) as database:
        r = deletion.cancel_request(database.sessions, database.operator, args.request_id, args.note)
    return _decided(out, database, r, "cancelled")


# --------------------------------------------------------------------------- list, show


def _parse_states(raw: str | None) -> list[str] | None:
    from minisip_console.core.deletion import OPEN_STATES
    from minisip_console.core.models import DeletionState

    if raw is None:
        return None
    value = raw.strip().lower()
    if value == "open":
        return [s.value for s in OPEN_STATES]
    known = [s.value for s in DeletionState]
    if value not in known:
        raise InvalidInput(f"Unknown state {raw[:40]!r}.", hint=f"Use one of: {', '.join(known)}, or open.")
    return [value]


def cmd_list(args: argparse.Namespace, out: Output) -> int:
    from minisip_console.core import deletion

    states = _parse_states(args.state)
    with opening.open_as_operator(args) as database:
        opening.require_reader(database, "read the deletion queue")
        got = deletion.list_requests(database.sessions, states=states)
    now = _now()
    header = f"{'id':>5}  {'state':<10} {'account':>8}  {'scope':<15} {'age':>6}  {'due':<10}  {'left':>5}  urgency"
    text = (
        "\n".join([header, *(_list_line(r, now) for r in got)])
        if got
        else "No deletion requests" + (f" in state {args.state}." if states else ".")
    )
    out.result({"ok": True, "database": database.target.label, "requests": [_row(r, now) for r in got]}, text)
    return EXIT_OK


def cmd_show(args: argparse.Namespace, out: Output) -> int:
    from minisip_console.core import deletion

    with opening.open_as_operator(args) as database:
        opening.require_reader(database, "read the deletion queue")
        r = deletion.get_request(database.sessions, args.request_id)
        events = deletion.timeline(database.sessions, args.request_id)
    now = _now()
    text = describe_request(r, now) + "\nTimeline:\n" + ("\n".join(_event_line(e) for e in events) or "  (no events)")
    out.result({"ok": True, "database": database.target.label, "request": _row(r, now), "timeline": [_event(e) for e in events]}, text)
    return EXIT_OK


# --------------------------------------------------------------------------- run


def _outcome(o: RunOutcome, now: dt.datetime) -> dict[str, Any]:
    return {
        "request_id": o.request.id,
        "ok": o.request.state == "completed",
        "request": _row(o.request, now),
        "deleted": dict(sorted(o.deleted.items())),
        "missing_files": list(o.missing_files),
    }


def _outcome_text(o: RunOutcome) -> str:
    r = o.request
    deleted = sum(v for k, v in o.deleted.items())
    head = f"Request {r.id} ({r.scope} of account {r.account_id}): {r.state}"
    if r.state == "completed":
        head += f"; {deleted:,} {'row or file' if deleted == 1 else 'rows and files'} deleted, verified: nothing left; certificate SHA-256 {r.certificate_sha256}"
    elif r.verification:
        left = {k: v for k, v in r.verification.items() if v}
        head += "; LEFT: " + ", ".join(f"{k} {v}" for k, v in sorted(left.items()))
    if o.missing_files:
        head += f"\n  {len(o.missing_files)} file(s) were already gone (an earlier run removed them)"
    return head + "."


def cmd_run(args: argparse.Namespace, out: Output) -> int:
    from sqlalchemy.exc import DBAPIError, OperationalError

    from minisip_console.core import deletion
    from minisip_console.core.models import DeletionState
    from minisip_console.core.plumbing import db
    from minisip_console.core.plumbing.errors import Cancelled

    quiet = bool(args.quiet)
    results: list[dict[str, Any]] = []
    lines: list[str] = []
    stopped = False
    with opening.open_as_operator(args) as database:
        store = opening.store(database)
        if args.request_ids:
            ids = sorted(set(args.request_ids))
        else:
            pending = (DeletionState.APPROVED, DeletionState.EXECUTING, DeletionState.VERIFYING)
            ids = sorted(r.id for r in deletion.list_requests(database.sessions, states=[s.value for s in pending]))
        cancel = CancelOnSignal(out.progress, "step")
        with cancel.installed():
            for request_id in ids:
                if cancel():
                    stopped = True
                    break

                def progress(done: int, total: int, what: str, _id: int = request_id) -> None:
                    if not quiet:
                        out.progress(f"  request {_id}: step {done}/{total}: {what}")

                try:
                    o = deletion.execute(database.sessions, database.operator, request_id, store, progress=progress, cancel=cancel)
                except (OperationalError, DBAPIError) as exc:
                    err: ConsoleError = db.translate_error(exc, database.engine.url)
                except ConsoleError as exc:
                    err = exc
                else:
                    results.append(_outcome(o, _now()))
                    lines.append(_outcome_text(o))
                    continue
                results.append({"request_id": request_id, "ok": False, "error": err.message, "hint": err.hint, "exit_code": err.exit_code})
                lines.append(f"Request {request_id}: not carried out: {err.message}" + (f" {err.hint}" if err.hint else ""))
                if isinstance(err, Cancelled):
                    stopped = True
                    break
    ok = all(r["ok"] for r in results) and not stopped
    if not ids:
        text = "No approved or interrupted deletion request: nothing to do."
    else:
        text = "\n".join(lines)
        if stopped:
            text += "\nThe run was stopped: run it again to finish (exit 1)."
        elif not ok:
            text += "\nNot every request was completed (exit 1)."
    out.result({"ok": ok, "database": database.target.label, "stopped": stopped, "runs": results}, f"{database.target.label}:\n{text}")
    return EXIT_OK if ok else EXIT_FAILED


# --------------------------------------------------------------------------- certificate


def cmd_certificate(args: argparse.Namespace, out: Output) -> int:
    from minisip_console.core import deletion

    target = out_file(args.out, "a certificate", CERTIFICATE_SUFFIXES, "a .json or .html")  # before connecting
    with opening.open_as_operator(args) as database:
        opening.require_reader(database, "read a deletion certificate")
        digest = deletion.write_certificate(database.sessions, args.request_id, target)
    out.result(
        {"ok": True, "database": database.target.label, "request_id": args.request_id, "path": str(target), "sha256": digest},
        f"Wrote the certificate of request {args.request_id} to {target}\n  SHA-256 {digest}",
    )
    return EXIT_OK
