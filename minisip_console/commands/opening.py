"""Opening the database for commands that act as an operator (``deletion``, ``legal``).

``--demo``, ``--database`` or ``--profile`` choose the database; ``--operator NAME`` is accepted
only on the demo database (elsewhere the operator is the OS login, or MINISIP_CONSOLE_OPERATOR).
The commands import these under their old private names (``_target``, ``_open``...).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from minisip_console.core.errors import InvalidInput

if TYPE_CHECKING:
    from minisip_console.core.connection import Database, Target


def operator_options(parser_class: Any) -> argparse.ArgumentParser:
    """The ``--demo`` and ``--operator`` options, as a parent parser."""
    who = parser_class(add_help=False)
    who.add_argument("--demo", action="store_true", default=argparse.SUPPRESS, help="use the embedded demo database")
    who.add_argument(
        "--operator", metavar="NAME", default=None,
        help="act as this demo operator (only on the demo database; elsewhere the operator is the OS login)",
    )
    return who


def target(args: argparse.Namespace) -> Target:
    """The database (``--demo``, ``--database`` or ``--profile``); ``--operator`` checked against it."""
    from dataclasses import replace

    from minisip_console import cli
    from minisip_console.core.connection import demo_path, demo_target
    from minisip_console.core.db import sqlite_path

    if getattr(args, "demo", False):
        if args.database or args.profile:
            raise InvalidInput("Give --demo or --database/--profile, not both.")
        chosen = demo_target()
    else:
        chosen = cli.target(args)
        path = sqlite_path(chosen.url)
        if path is not None and same_file(path, demo_path()):
            chosen = replace(chosen, demo=True)
    if args.operator is not None:
        if not args.operator.strip():
            raise InvalidInput("--operator needs a name.")
        if not chosen.demo:
            raise InvalidInput(
                "--operator is accepted only on the demo database.",
                hint="On this database the operator is your OS login (or MINISIP_CONSOLE_OPERATOR for a shared desktop).",
            )
    return chosen


def same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def open_as_operator(args: argparse.Namespace, chosen: Target | None = None) -> Database:
    """The database, acting as the OS login (or the demo's ``--operator``)."""
    from minisip_console.core import db
    from minisip_console.core.connection import open_database
    from minisip_console.core.operators import identify

    database = open_database(chosen or target(args))
    try:
        if args.operator is not None:
            with db.translated(database.engine.url), database.sessions() as session:
                operator = identify(session, args.operator.strip())
            if not operator.registered:
                raise InvalidInput(f"The demo has no operator {args.operator.strip()[:40]!r}.", hint="The demo's operators are alice, bob, carol and dave.")
            database.operator = operator
    except BaseException:
        database.close()
        raise
    return database


def require_reader(database: Database, what: str) -> None:
    from minisip_console.core.models import Role
    from minisip_console.core.purposes import require_role

    require_role(database.operator, Role.VIEWER, what)


def store(database: Database):  # type: ignore[no-untyped-def]
    from minisip_console.core.filestore import FileStore, default_root

    return FileStore(default_root(database.engine.url))
