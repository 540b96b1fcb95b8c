"""``minisip-console compliance [--json]``: is every promise of the privacy policy kept?

The same table as the window's Overview tab (``core.compliance``): one row per promise, its
verdict (kept, at risk, broken, not checked), the reason and the evidence. Exit 0 only when every
promise is kept, 1 otherwise, so a scheduler or a monitoring system can alert on it. Any
registered operator may run it, viewers included; it only reads (it adds no audit event).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from minisip_console.commands.base import EXIT_FAILED, EXIT_OK
from minisip_console.commands.opening import as_reader, demo_option, target

if TYPE_CHECKING:
    from minisip_console.commands.base import Output


def register(sub: Any, selector: argparse.ArgumentParser, json_option: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "compliance",
        parents=[selector, json_option, demo_option(type(selector))],
        help="every promise of the privacy policy: kept, at risk, broken or not checked (exit 1 unless all are kept)",
    )
    parser.set_defaults(handler=cmd_compliance)


def cmd_compliance(args: argparse.Namespace, out: Output) -> int:
    from minisip_console.core import compliance
    from minisip_console.core.plumbing import db
    from minisip_console.core.plumbing.connection import open_database

    with as_reader(open_database(target(args)), "check the promises") as database, db.translated(database.engine.url):
        result = compliance.evaluate(database.sessions)
    data = result.to_dict() | {"ok": result.all_kept, "database": database.target.label}
    width = max(len(p.title) for p in result.promises)
    lines = [f"{database.target.label}: {result.headline} (audit head {result.audit_head or 'none'})", ""]
    for p in result.promises:
        lines.append(f"{p.verdict.upper():<11}  {p.title:<{width}}  {p.reason}")
        if p.evidence:
            lines.append(f"{'':<11}  {'':<{width}}  {p.evidence}")
    out.result(data, "\n".join(lines))
    return EXIT_OK if result.all_kept else EXIT_FAILED
