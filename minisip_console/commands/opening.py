"""Opening the database for commands that act as an operator (``deletion``, ``legal``).

``--demo``, ``--database`` or ``--profile`` choose the database; ``--operator NAME`` is accepted
only on the demo database (elsewhere the operator is the database login on PostgreSQL, the OS
login on an SQLite file).
The commands import these under their old private names (``_target``, ``_open``...).
"""

from __future__ import annotations

import argparse
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
        help="act as this demo operator (only on the demo database; elsewhere you act as yourself)",
    )
    return who


def target(args: argparse.Namespace) -> Target:
    """The database (``--demo``, ``--database`` or ``--profile``)."""
    from minisip_console import cli
    from minisip_console.core.connection import demo_target

    if getattr(args, "demo", False):
        if args.database or args.profile:
            raise InvalidInput("Give --demo or --database/--profile, not both.")
        return demo_target()
    return cli.target(args)


def open_as_operator(args: argparse.Namespace, chosen: Target | None = None) -> Database:
    """The database, acting as the session's own operator (or the demo's ``--operator``).

    ``--operator`` is checked by ``open_database``: only the demo database (an SQLite database
    made by ``demo create``) accepts it; the demo's operators are alice, bob, carol and dave."""
    from minisip_console.core.connection import open_database
    from minisip_console.core.operators import NotAnOperator

    try:
        return open_database(chosen or target(args), as_login=args.operator)
    except NotAnOperator as exc:
        if args.operator is None:
            raise
        raise InvalidInput(f"The demo has no operator {args.operator.strip()[:40]!r}.",
                           hint="The demo's operators are alice, bob, carol and dave.") from exc


def require_reader(database: Database, what: str) -> None:
    from minisip_console.core.models import Role
    from minisip_console.core.purposes import require_role

    require_role(database.operator, Role.VIEWER, what)


def store(database: Database):  # type: ignore[no-untyped-def]
    from minisip_console.core.filestore import FileStore, default_root

    return FileStore(default_root(database.engine.url))
