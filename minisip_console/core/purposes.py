"""Why an operator touches personal data, and who may: the shared vocabulary of the access rules.

The policy: "We'll only ever access your account to help you with a problem or squash a software
bug." Every look at personal data names a purpose and a ticket reference; these checks are the
core's, so the GUI's greyed-out buttons are never the only guard.
"""

from __future__ import annotations

import enum
import re

from minisip_console.core.models import Role
from minisip_console.core.operators import OperatorInfo, role_word
from minisip_console.core.plumbing.errors import InvalidInput, PermissionDenied
from minisip_console.core.text import say


class Purpose(enum.StrEnum):
    SUPPORT = "support"  # help with a problem
    BUG = "bug"  # fix a software bug
    CUSTOMER_REQUEST = "customer_request"  # the customer asked (export, rectification, a file)
    LEGAL = "legal"  # a legal obligation (a court order)

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Purpose.SUPPORT: say("Help with a problem"),
    Purpose.BUG: say("Fix a software bug"),
    Purpose.CUSTOMER_REQUEST: say("Customer request"),
    Purpose.LEGAL: say("Legal obligation"),
}

#: a ticket reference: letters, digits and - _ . / # :, 3 to 60 characters, starting with a letter or digit
TICKET_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:/#-]{2,59}$")

_RANK = {Role.VIEWER: 0, Role.OPERATOR: 1, Role.APPROVER: 2, Role.ADMIN: 3}


def parse_purpose(raw: str | Purpose) -> Purpose:
    try:
        return Purpose(str(raw).strip().lower())
    except ValueError:
        choices = ", ".join(p.value for p in Purpose)
        raise InvalidInput(say("Unknown purpose {raw!r}.", raw=str(raw)), hint=say("Use one of: {choices}.", choices=choices)) from None


def validate_ticket(raw: str | None) -> str:
    ticket = (raw or "").strip()
    if not ticket:
        raise InvalidInput(say("A ticket reference is required."), hint=say("Give the support ticket this work is for, e.g. SUP-1234."))
    if not TICKET_RE.match(ticket):
        raise InvalidInput(
            say("{ticket!r} is not a ticket reference.", ticket=ticket[:80]),
            hint=say("Use 3 to 60 letters, digits and - _ . : / #, e.g. SUP-1234."),
        )
    return ticket


def has_role(operator: OperatorInfo, minimum: Role | str) -> bool:
    """Whether the operator is registered with at least ``minimum`` (the one ranking of roles:
    ``require_role`` enforces it, the window greys its buttons with it)."""
    return operator.registered and _RANK[operator.role] >= _RANK[Role(minimum)]


def role_refusal(operator: OperatorInfo, minimum: Role, action: str) -> PermissionDenied | None:
    """None when the operator is registered with at least ``minimum``; else the error that says
    why not (``require_role`` raises it; the domains' ``refusal`` functions return it)."""
    if not operator.registered:
        return PermissionDenied(
            say("{login} is not a registered operator and cannot {action}.", login=operator.login, action=action),
            hint=say("Ask an admin to add you to the operators of this database."),
        )
    if _RANK[operator.role] < _RANK[minimum]:
        error = PermissionDenied(
            say(
                "{name} ({role}) cannot {action}: that needs the {needs} role or higher.",
                name=operator.display_name,
                role=role_word(operator.role),
                action=action,
                needs=role_word(minimum),
            ),
        )
        error.who, error.needs = f"{operator.display_name} ({operator.role.value})", minimum.value
        return error
    return None


def require_role(operator: OperatorInfo, minimum: Role, action: str) -> None:
    """Raise ``PermissionDenied`` unless the operator is registered with at least ``minimum``."""
    error = role_refusal(operator, minimum, action)
    if error is not None:
        raise error
