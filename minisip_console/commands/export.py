"""``minisip-console accounts export ACCOUNT_ID --purpose P --ticket REF --out FILE.zip [--json]``.

The customer's copy of their data (``core/export.py``). ``add_export`` adds the ``export``
subcommand to the ``accounts`` group that ``commands/accounts.py`` creates.
"""

from __future__ import annotations

import argparse
import time
from typing import TYPE_CHECKING

from minisip_console.commands import arguments
from minisip_console.commands.base import EXIT_OK
from minisip_console.commands.opening import open_as_operator, operator_options, store
from minisip_console.core.purposes import Purpose
from minisip_console.core.wording import plural

if TYPE_CHECKING:
    from minisip_console.commands.base import Output

#: seconds between progress lines on stderr
PROGRESS_EVERY = 1.0


def add_export(
    accounts_sub: argparse._SubParsersAction,  # type: ignore[type-arg]  # argparse's own type is private and generic
    selector: argparse.ArgumentParser,
    json_option: argparse.ArgumentParser,
) -> argparse.ArgumentParser:
    """Add ``export`` to the ``accounts`` subcommands; returns its parser."""
    purposes = ", ".join(p.value for p in Purpose)
    parser = accounts_sub.add_parser(
        "export",
        parents=[selector, json_option, operator_options(type(selector))],
        help="write a ZIP of everything held about an account (the customer's copy of their data)",
        description=(
            "Write a ZIP with JSON and CSV of everything the service holds about the account, its uploaded "
            "files, its access history and a manifest of SHA-256 hashes. The export is audited."
        ),
    )
    parser.add_argument("account_id", metavar="ACCOUNT_ID", type=arguments.account_id, help="the account's id")
    parser.add_argument("--purpose", required=True, help=f"why the data is exported: {purposes}")
    parser.add_argument("--ticket", required=True, metavar="REF", help="the ticket of the customer's request, e.g. SUP-1234")
    parser.add_argument(
        "--out", required=True, metavar="FILE.zip", type=arguments.path, help="the ZIP file to write (replaced if it exists)"
    )
    parser.set_defaults(handler=cmd_accounts_export)
    return parser


def cmd_accounts_export(args: argparse.Namespace, out: Output) -> int:
    from minisip_console.core.export import export_account

    last = {"at": 0.0, "what": ""}

    def progress(done: int, total: int, what: str) -> None:
        now = time.monotonic()
        if what != last["what"] or now - last["at"] >= PROGRESS_EVERY or done == total:
            last.update(at=now, what=what)
            out.progress(f"  {what}: {done:,}/{total:,}")

    with open_as_operator(args) as database:
        receipt = export_account(
            database.sessions,
            database.operator,
            args.account_id,
            purpose=args.purpose,
            ticket=args.ticket,
            out_path=args.out,
            store=store(database),
            progress=progress,
        )
    rows = {f.name: f.rows for f in receipt.files if f.rows is not None}
    text = (
        f"Exported account {receipt.account_id} to {receipt.path}: {plural(len(receipt.files), 'file')}, "
        f"{receipt.bytes:,} bytes, {rows.get('cdrs.csv', 0):,} CDRs, in {receipt.seconds:.1f} s.\n"
        f"  SHA-256 {receipt.sha256} (audit event {receipt.audit_seq})"
    )
    if receipt.missing_files:
        text += f"\n  warning: uploaded files {', '.join(map(str, receipt.missing_files))} were not in the file store"
    out.result({"ok": True, "database": database.target.label, **receipt.as_dict()}, text)
    return EXIT_OK
