"""``minisip-console operators list | add | set-role | disable``: who may use the console, and as what.

The headless face of ``core.operators``. Who an operator *is* comes from the database, never
from an option: on PostgreSQL the database login, on an SQLite file the OS login, on the demo
``MINISIP_CONSOLE_OPERATOR`` or ``--operator``.

- ``operators list`` every operator: login, name, role, whether active and, on PostgreSQL,
  whether their database login may log in. Any operator may read it.
- ``operators add LOGIN --role ROLE --name NAME [--password-stdin]`` registers an operator (an
  admin). On PostgreSQL the database creates their login role (or links an existing one) and
  puts it in the role's group; ``--password-stdin`` reads its first password from one line of
  standard input, and only a SCRAM verifier computed here reaches the server. On an SQLite file
  the operator is an OS login and no password is kept. While the database has no active admin,
  the first admin is named with this command: on PostgreSQL by the schema owner, on an SQLite
  file by whoever runs it (the core refuses anything else).
- ``operators set-role LOGIN ROLE`` changes an operator's role (and enables a disabled one).
- ``operators disable LOGIN`` disables an operator: on PostgreSQL their login can no longer log
  in. Never oneself, never the last admin.

Input is checked before the database is opened (bad input: exit 2, nothing changed); a refusal
(not an admin, the last admin, oneself) is exit 1. Every change is in the audit log.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from minisip_console.commands.base import EXIT_OK, command_group, read_password
from minisip_console.commands.opening import open_as_operator, operator_options, target
from minisip_console.core.plumbing import jsontime
from minisip_console.core.plumbing.errors import InvalidInput

if TYPE_CHECKING:
    from minisip_console.commands.base import Output
    from minisip_console.core.operators import OperatorRecord
    from minisip_console.core.plumbing.connection import Target


ROLES_HELP = "viewer, operator, approver or admin"


# --------------------------------------------------------------------------- registration


def register(sub: Any, selector: argparse.ArgumentParser, json_option: argparse.ArgumentParser) -> None:
    parents = [selector, json_option, operator_options(type(selector))]

    actions = command_group(sub, "operators", "who may use the console: list, add, set-role, disable (admins change them)")

    ls = actions.add_parser("list", parents=parents, help="every operator: login, name, role, active (and on PostgreSQL: can log in)")
    ls.set_defaults(handler=cmd_list)

    ad = actions.add_parser("add", parents=parents, help="register an operator (an admin; the first admin while there is none)")
    ad.add_argument("login", metavar="LOGIN", help="their database login on PostgreSQL (e.g. jsmith), their OS login on an SQLite file")
    ad.add_argument("--role", required=True, metavar="ROLE", help=ROLES_HELP)
    ad.add_argument("--name", required=True, metavar="NAME", help="their full name, as the console shows it")
    ad.add_argument(
        "--password-stdin",
        action="store_true",
        help="PostgreSQL: read the new login's first password from one line of standard input",
    )
    ad.set_defaults(handler=cmd_add)

    sr = actions.add_parser("set-role", parents=parents, help="change an operator's role (and enable a disabled one)")
    sr.add_argument("login", metavar="LOGIN")
    sr.add_argument("role", metavar="ROLE", help=ROLES_HELP)
    sr.set_defaults(handler=cmd_set_role)

    ds = actions.add_parser("disable", parents=parents, help="disable an operator (on PostgreSQL their login can no longer log in)")
    ds.add_argument("login", metavar="LOGIN")
    ds.set_defaults(handler=cmd_disable)


# --------------------------------------------------------------------------- the database


def _postgres(chosen: Target) -> bool:
    return chosen.url.get_backend_name() == "postgresql"


# --------------------------------------------------------------------------- text


def _yes(value: bool | None) -> str:
    return "-" if value is None else ("yes" if value else "no")


def _record(r: OperatorRecord) -> dict[str, Any]:
    return {
        "login": r.login,
        "name": r.display_name,
        "role": r.role.value,
        "active": r.active,
        "can_log_in": r.can_log_in,
        "created_at": jsontime.cell(r.created_at),
    }


def _table(rows: tuple[OperatorRecord, ...], postgres: bool) -> str:
    headers = ["login", "name", "role", "active"] + (["can log in"] if postgres else [])
    cells = [[r.login, r.display_name, r.role.value, _yes(r.active)] + ([_yes(r.can_log_in)] if postgres else []) for r in rows]
    widths = [max(len(h), *(len(c[i]) for c in cells)) if cells else len(h) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    return "\n".join(lines)


def _find(rows: tuple[OperatorRecord, ...], login: str) -> OperatorRecord | None:
    return next((r for r in rows if r.login == login), None)


# --------------------------------------------------------------------------- commands


def cmd_list(args: argparse.Namespace, out: Output) -> int:
    from minisip_console.core import operators
    from minisip_console.core.plumbing import db

    chosen = target(args)
    with open_as_operator(args, chosen) as database:
        with db.translated(database.engine.url), database.sessions() as session:
            rows = operators.list_operators(session)
    postgres = _postgres(chosen)
    active = sum(1 for r in rows if r.active)
    text = _table(rows, postgres) if rows else "No operators yet."
    text += f"\n{active} active of {len(rows)}. {database.trust.statement}"
    out.result(
        {"ok": True, "database": database.target.label, "trust": database.trust.value, "operators": [_record(r) for r in rows]},
        text,
    )
    return EXIT_OK


def cmd_add(args: argparse.Namespace, out: Output) -> int:
    from minisip_console.core import operators
    from minisip_console.core.plumbing import db

    chosen = target(args)
    postgres = _postgres(chosen)
    # bad input first: before reading a password or connecting
    login = operators.validate_login(args.login, postgres=postgres)
    role = operators.parse_role(args.role)
    name = operators.validate_display_name(args.name)
    password = None
    if args.password_stdin:
        if not postgres:
            raise InvalidInput(
                "--password-stdin sets a PostgreSQL login's password: on an SQLite file the operator is the OS login, "
                "and no password is kept.",
                hint="Leave out --password-stdin.",
            )
        password = read_password()
    with open_as_operator(args, chosen, require_operator=False) as database:
        with db.translated(database.engine.url), database.sessions.begin() as session:
            outcome = operators.add_operator(session, database.operator, login, role, name, password=password)
            added = _find(operators.list_operators(session), login)
    text = f"Added {login} ({name}) as {role.value}"
    if outcome == "created":
        text += (
            ", with a new database login and the password from standard input."
            if password is not None
            else ", with a new database login without a password: it can connect only as the server's pg_hba.conf allows without one."
        )
    elif outcome == "linked":
        text += f", linked to the existing database login {login} (its password is unchanged)."
    else:
        text += f"; {login} is the OS login they open this file with."
    out.result(
        {
            "ok": True,
            "database": database.target.label,
            "result": outcome,
            "by": database.operator.login,
            "operator": _record(added) if added is not None else {"login": login, "name": name, "role": role.value},
        },
        text,
    )
    return EXIT_OK


def cmd_set_role(args: argparse.Namespace, out: Output) -> int:
    from minisip_console.core import operators
    from minisip_console.core.plumbing import db

    chosen = target(args)
    login = operators.validate_login(args.login, postgres=_postgres(chosen))
    role = operators.parse_role(args.role)
    with open_as_operator(args, chosen) as database:
        with db.translated(database.engine.url), database.sessions.begin() as session:
            before = _find(operators.list_operators(session), login)
            operators.set_role(session, database.operator, login, role)
            after = _find(operators.list_operators(session), login)
    text = f"{login} is now {role.value}"
    if before is not None and not before.active:
        text += " and active again"
    elif before is not None:
        text += f" (was {before.role.value})"
    out.result(
        {
            "ok": True,
            "database": database.target.label,
            "by": database.operator.login,
            "previously": _record(before) if before is not None else None,
            "operator": _record(after) if after is not None else None,
        },
        text + ".",
    )
    return EXIT_OK


def cmd_disable(args: argparse.Namespace, out: Output) -> int:
    from minisip_console.core import operators
    from minisip_console.core.plumbing import db

    chosen = target(args)
    postgres = _postgres(chosen)
    login = operators.validate_login(args.login, postgres=postgres)
    with open_as_operator(args, chosen) as database:
        with db.translated(database.engine.url), database.sessions.begin() as session:
            operators.disable(session, database.operator, login)
            after = _find(operators.list_operators(session), login)
    name = f"{login} ({after.display_name})" if after is not None else login
    what = "their database login can no longer log in" if postgres else "they can no longer open this database"
    out.result(
        {
            "ok": True,
            "database": database.target.label,
            "by": database.operator.login,
            "operator": _record(after) if after is not None else None,
        },
        f"Disabled {name}: {what}. An admin can enable them again with: minisip-console operators set-role {login} ROLE",
    )
    return EXIT_OK
