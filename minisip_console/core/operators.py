"""Who is at the console: the OS login, looked up in the ``operators`` table."""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from minisip_console.core.models import Operator, Role

#: tests and shared desktops may name the operator explicitly
OPERATOR_ENV = "MINISIP_CONSOLE_OPERATOR"


def current_login() -> str:
    explicit = os.environ.get(OPERATOR_ENV, "").strip()
    if explicit:
        return explicit
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (a container, a service account)
        return "unknown"


@dataclass(frozen=True)
class OperatorInfo:
    login: str
    display_name: str
    role: Role
    registered: bool

    @property
    def label(self) -> str:
        return f"{self.display_name} ({self.role.value})" if self.registered else f"{self.login} (not registered: read-only)"


def identify(session: Session, login: str | None = None) -> OperatorInfo:
    """The operator record for ``login``; an unknown or inactive login is a read-only viewer."""
    login = login or current_login()
    row = session.scalar(select(Operator).where(Operator.login == login))
    if row is None or not row.active:
        return OperatorInfo(login=login, display_name=login, role=Role.VIEWER, registered=False)
    return OperatorInfo(login=row.login, display_name=row.display_name, role=Role(row.role), registered=True)
