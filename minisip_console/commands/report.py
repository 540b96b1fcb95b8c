"""``minisip-console report --from DATE --to DATE --out FILE.pdf``: the PDF audit report.

One document an auditor can file: a cover (service, database, period, who made it and when, the
audit head ``SEQ:HASH`` it was made under), the promise table with its verdicts, then the evidence
(purge receipts, deletion requests and their certificates, notice campaigns and reach, the
law-enforcement register and transparency counts, access grants by purpose, operators and roles,
the audit chain's verification). Account ids only. The data is ``core.audit_report.gather``'s, the
layout ``minisip_console.report``'s.

The file is written atomically, and its SHA-256 goes into the audit log (``report.exported``, with
the period and the head) before the file is moved into place: no report exists without its event.
Prints the path, the page count, the SHA-256 and the head (``--json``: one object). Any registered
operator may make it (it holds no personal data); ``--operator`` only on the demo. Exit 0 when
written, 1 when refused or the file cannot be written, 2 for bad dates or a file name that is not
a .pdf (checked before the database is opened).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from minisip_console.commands import arguments, opening
from minisip_console.commands.base import EXIT_OK, audit_head_line, out_file
from minisip_console.commands.opening import operator_options
from minisip_console.core.plumbing.errors import InvalidInput

if TYPE_CHECKING:
    from minisip_console.commands.base import Output


def register(sub: Any, selector: argparse.ArgumentParser, json_option: argparse.ArgumentParser) -> None:
    parents = [selector, json_option, operator_options(type(selector))]
    rp = sub.add_parser(
        "report",
        parents=parents,
        help="the PDF audit report for a period: promises and verdicts, then the evidence",
        description="Write the PDF audit report for a period (whole UTC days, both included) and record its SHA-256 in the audit log.",
    )
    rp.add_argument("--from", dest="date_from", required=True, type=arguments.date, metavar="DATE", help="first day (YYYY-MM-DD)")
    rp.add_argument("--to", dest="date_to", required=True, type=arguments.date, metavar="DATE", help="last day (YYYY-MM-DD)")
    rp.add_argument("--out", required=True, type=arguments.path, metavar="FILE.pdf", help="the PDF file to write (replaced if it exists)")
    rp.set_defaults(handler=cmd_report)


def cmd_report(args: argparse.Namespace, out: Output) -> int:
    if args.date_from > args.date_to:
        raise InvalidInput(f"--from {args.date_from.isoformat()} is after --to {args.date_to.isoformat()}.")
    out_file(args.out, "the audit report", (".pdf",), "a .pdf")  # before connecting
    from minisip_console.report import export_report

    with opening.open_as_operator(args) as database:
        done = export_report(
            database.sessions,
            database.operator,
            since=args.date_from,
            until=args.date_to,
            path=args.out,
            database=database.target.label,
        )
    data = done.data
    lines = [
        f"Audit report {data.period} written to {done.path}",
        f"  {done.pages} pages; {data.headline}",
        f"  SHA-256 {done.sha256} (recorded in the audit log as event {done.audit_seq}, report.exported)",
    ]
    if data.audit_head:
        lines.append(audit_head_line(data.audit_head))
    out.result(
        {
            "ok": True,
            "database": database.target.label,
            "path": str(done.path),
            "sha256": done.sha256,
            "pages": done.pages,
            "from": data.since.isoformat(),
            "to": data.until.isoformat(),
            "audit_head": data.audit_head,
            "audit_seq": done.audit_seq,
            "headline": data.headline,
            "all_kept": data.all_kept,
            "verdicts": {p.key: p.verdict for p in data.promises},
        },
        "\n".join(lines),
    )
    return EXIT_OK
