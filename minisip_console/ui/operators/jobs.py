"""The Operators tab's work, as plain functions a worker runs: reading, adding, changing a role, disabling."""

from __future__ import annotations

from typing import TYPE_CHECKING

from minisip_console.ui.operators.models import AddRequest, Snapshot, operator_row

if TYPE_CHECKING:
    from minisip_console.core.plumbing.connection import Database


def load_snapshot(database: Database) -> Snapshot:
    from minisip_console.core import operators
    from minisip_console.core.plumbing import db

    with db.translated(database.engine.url), database.sessions() as session:
        records = operators.list_operators(session)
        me = operators.identify(session, database.operator.login)
        postgres = session.get_bind().dialect.name == "postgresql"
    return Snapshot(tuple(operator_row(r) for r in records), postgres, me)


def add_job(database: Database, request: AddRequest) -> str:
    """``operators.add_operator`` in one transaction, as the operator at the console; "created", "linked" or "added"."""
    from minisip_console.core import operators
    from minisip_console.core.plumbing import db

    with db.translated(database.engine.url), database.sessions.begin() as session:
        actor = operators.identify(session, database.operator.login)
        return operators.add_operator(session, actor, request.login, request.role, request.display_name, password=request.password)


def set_role_job(database: Database, login: str, role: str) -> None:
    from minisip_console.core import operators
    from minisip_console.core.plumbing import db

    with db.translated(database.engine.url), database.sessions.begin() as session:
        operators.set_role(session, operators.identify(session, database.operator.login), login, role)


def disable_job(database: Database, login: str) -> None:
    from minisip_console.core import operators
    from minisip_console.core.plumbing import db

    with db.translated(database.engine.url), database.sessions.begin() as session:
        operators.disable(session, operators.identify(session, database.operator.login), login)
