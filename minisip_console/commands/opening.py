"""Opening the database for the commands: ``--demo``, and ``--operator`` on the demo.

``--demo``, ``--database`` or ``--profile`` choose the database: every command that opens one
accepts all three (``demo_option`` is the ``--demo`` parent; ``cli.target`` resolves them).
The commands that act as an operator (accounts, deletion, legal, notices, operators, retention)
take ``operator_options``: ``--demo`` and ``--operator NAME``, accepted only on the demo database
(elsewhere the operator is the database login on PostgreSQL, the OS login on an SQLite file).
The commands import these under their old private names (``_target``, ``_open``...).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from minisip_console.core.errors import InvalidInput

if TYPE_CHECKING:
    from minisip_console.core.connection import Database, Target


def demo_option(parser_class: Any) -> argparse.ArgumentParser:
    """The ``--demo`` option, as a parent parser (accepted before the command's name too: the
    main parser has it, and this one's default does not overwrite it)."""
    demo = parser_class(add_help=False)
    demo.add_argument("--demo", action="store_true", default=argparse.SUPPRESS, help="use the embedded demo database")
    return demo


def operator_options(parser_class: Any) -> argparse.ArgumentParser:
    """The ``--demo`` and ``--operator`` options, as a parent parser."""
    who = parser_class(add_help=False, parents=[demo_option(parser_class)])
    who.add_argument(
        "--operator", metavar="NAME", default=None,
        help="act as this demo operator (only on the demo database; elsewhere you act as yourself)",
    )
    return who


def target(args: argparse.Namespace) -> Target:
    """The database (``--demo``, ``--database`` or ``--profile``): ``cli.target``."""
    from minisip_console import cli

    return cli.target(args)


def open_as_operator(args: argparse.Namespace, chosen: Target | None = None) -> Database:
    """The database, acting as the session's own operator (or the demo's ``--operator``).

    ``--operator`` is checked by ``open_database``: only the demo database (an SQLite database
    made by ``demo create``) accepts it; the demo's operators are alice, bob, carol and dave."""
    from minisip_console.core.connection import open_database
    from minisip_console.core.operators import NotAnOperator

    login = getattr(args, "operator", None)
    try:
        return open_database(chosen or target(args), as_login=login)
    except NotAnOperator as exc:
        if login is None:
            raise
        raise InvalidInput(f"The demo has no operator {login.strip()[:40]!r}.",
                           hint="The demo's operators are alice, bob, carol and dave.") from exc


def require_reader(database: Database, what: str) -> None:
    from minisip_console.core.models import Role
    from minisip_console.core.purposes import require_role

    require_role(database.operator, Role.VIEWER, what)


def store(database: Database):  # type: ignore[no-untyped-def]
    from minisip_console.core.filestore import FileStore, default_root

    return FileStore(default_root(database.engine.url))
