"""Choosing and opening the database for the commands: the options, the target, the operator.

``--demo``, ``--database`` or ``--profile`` choose the database: every command that opens one
accepts all three (``selector_options`` gives ``--database``/``--profile``, ``demo_option``
``--demo``; ``target`` resolves them). The commands that act as an operator (accounts, deletion,
legal, notices, operators, retention) take ``operator_options``: ``--demo`` and ``--operator
NAME``, accepted only on the demo database (elsewhere the operator is the database login on
PostgreSQL, the OS login on an SQLite file).

Every opener returns a ``Database`` to use as ``with open_as_operator(args) as database:``: it is
closed when the block ends, and when it raises. ``cli.py`` builds its parser from these; nothing
here imports ``cli`` (an import-linter contract in ``pyproject.toml`` says so).
"""

from __future__ import annotations

import argparse
from contextlib import ExitStack
from typing import TYPE_CHECKING

from minisip_console.core.plumbing.errors import InvalidInput

if TYPE_CHECKING:
    from minisip_console.core.plumbing.connection import Database, Target
    from minisip_console.core.plumbing.filestore import FileStore

# --------------------------------------------------------------------------- options


def selector_options(parser_class: type[argparse.ArgumentParser], *, suppress: bool) -> argparse.ArgumentParser:
    """``--database`` / ``--profile``, as a parent parser. The main parser has them with a default
    of None; a subcommand's copy is ``suppress``ed, so that its default does not overwrite one
    given before the command's name."""
    default = argparse.SUPPRESS if suppress else None
    parent = parser_class(add_help=False)
    group = parent.add_argument_group("database")
    group.add_argument("--database", metavar="URL", default=default, help="database URL (postgresql://... or sqlite:///file.db)")
    group.add_argument("--profile", metavar="NAME", default=default, help="a saved connection profile")
    return parent


def json_option(parser_class: type[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    """``--json``, as a parent parser (accepted before the command's name too)."""
    parent = parser_class(add_help=False)
    parent.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="print one JSON object and nothing else")
    return parent


def demo_option(parser_class: type[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    """The ``--demo`` option, as a parent parser (accepted before the command's name too: the
    main parser has it, and this one's default does not overwrite it)."""
    demo = parser_class(add_help=False)
    demo.add_argument("--demo", action="store_true", default=argparse.SUPPRESS, help="use the embedded demo database")
    return demo


def operator_options(parser_class: type[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    """The ``--demo`` and ``--operator`` options, as a parent parser."""
    who = parser_class(add_help=False, parents=[demo_option(parser_class)])
    who.add_argument(
        "--operator",
        metavar="NAME",
        default=None,
        help="act as this demo operator (only on the demo database; elsewhere you act as yourself)",
    )
    return who


# --------------------------------------------------------------------------- opening


def target(args: argparse.Namespace) -> Target:
    """The database ``--demo``, ``--database`` or ``--profile`` names (exactly one)."""
    from minisip_console.core.plumbing.connection import demo_target, resolve

    if getattr(args, "demo", False):
        if args.database or args.profile:
            raise InvalidInput("Give --demo or --database/--profile, not both.")
        return demo_target()
    return resolve(database=args.database, profile=args.profile)


def open_as_operator(args: argparse.Namespace, chosen: Target | None = None, *, require_operator: bool = True) -> Database:
    """The database (``chosen``, else the one ``args`` names), acting as the session's own
    operator or the demo's ``--operator``; ``require_operator`` false lets ``operators add`` name
    the first admin (the core decides who may).

    ``--operator`` is checked by ``open_database``: only the demo database (an SQLite database
    made by ``demo create``) accepts it; the demo's operators are alice, bob, carol and dave."""
    from minisip_console.core.operators import NotAnOperator
    from minisip_console.core.plumbing.connection import open_database

    login = getattr(args, "operator", None)
    try:
        return open_database(chosen or target(args), as_login=login, require_operator=require_operator)
    except NotAnOperator as exc:
        if login is None:
            raise
        raise InvalidInput(
            f"The demo has no operator {login.strip()[:40]!r}.", hint="The demo's operators are alice, bob, carol and dave."
        ) from exc


def require_reader(database: Database, what: str) -> None:
    """``PermissionDenied`` unless the operator is registered (any role may ``what``: read)."""
    from minisip_console.core.models import Role
    from minisip_console.core.purposes import require_role

    require_role(database.operator, Role.VIEWER, what)


def as_reader(database: Database, what: str) -> Database:
    """``database``, once ``require_reader`` let its operator ``what``; closed when it refuses."""
    with ExitStack() as closing:
        closing.enter_context(database)
        require_reader(database, what)
        closing.pop_all()  # allowed: the caller's ``with`` closes it
    return database


def store(database: Database) -> FileStore:
    """The file store of uploaded files that goes with the database."""
    from minisip_console.core.plumbing.filestore import FileStore, default_root

    return FileStore(default_root(database.engine.url))
