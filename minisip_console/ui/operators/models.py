"""The Operators tab's rows: an operator's row, the snapshot, an add request, the table model, who may manage."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtGui import QBrush, QColor

from minisip_console.ui import formatting, theme
from minisip_console.ui.i18n import shown, tr

if TYPE_CHECKING:
    from typing import Any

    from PySide6.QtWidgets import QWidget

    from minisip_console.core.operators import OperatorInfo, OperatorRecord
    from minisip_console.ui.table_model import ListTableModel


#: the roles, least privilege first (the add dialog's default is the first)
ROLES = ("viewer", "operator", "approver", "admin")


def role_word(role: str) -> str:
    """A role as a word of the window's language (the codes stay English in the database)."""
    return {"viewer": tr("Viewer"), "operator": tr("Operator"), "approver": tr("Approver"), "admin": tr("Admin")}.get(
        role, formatting.state(role)
    )


# --------------------------------------------------------------------------- permissions


def manage_reason(operator: OperatorInfo) -> str | None:
    """The core's answer (``operators.why_not_manage``), shown beside the disabled buttons."""
    from minisip_console.core.operators import why_not_manage

    reason = why_not_manage(operator)
    return shown(reason) if reason is not None else None


# --------------------------------------------------------------------------- the work (plain functions)


@dataclass(frozen=True)
class OperatorRow:
    """One line of the list, worded for the table (the record itself in ``record``)."""

    record: OperatorRecord
    login: str
    display_name: str
    role: str
    active: str
    can_log_in: str


@dataclass(frozen=True)
class Snapshot:
    rows: tuple[OperatorRow, ...]
    postgres: bool
    #: the operator at the console as the database now has them (their role may have changed since connecting)
    me: OperatorInfo


@dataclass(frozen=True)
class AddRequest:
    login: str
    display_name: str
    role: str
    password: str | None = field(default=None, repr=False)


def operator_row(r: OperatorRecord) -> OperatorRow:
    can = "—" if r.can_log_in is None else (tr("Yes") if r.can_log_in else tr("No"))
    return OperatorRow(
        record=r,
        login=r.login,
        display_name=r.display_name,
        role=r.role.value,
        active=tr("Yes") if r.active else tr("No (disabled)"),
        can_log_in=can,
    )


# --------------------------------------------------------------------------- the list's model


_model_class: type | None = None


def _columns() -> tuple[Any, ...]:
    from minisip_console.core.accounts import Column

    return (
        Column("login", tr("Login")),
        Column("display_name", tr("Name")),
        Column("role", tr("Role"), "status"),
        Column("active", tr("Active")),
        Column("can_log_in", tr("Can log in"), tooltip=tr("Whether their PostgreSQL login may connect (a disabled operator's may not)")),
    )


def operators_model(parent: QWidget) -> ListTableModel:
    """The list's model: a disabled operator's row in grey."""
    global _model_class
    if _model_class is None:
        from minisip_console.ui.table_model import ListTableModel

        class OperatorsModel(ListTableModel):
            def data(self, index: Any, role: int = 0) -> Any:
                if role == QtCore.Qt.ItemDataRole.ForegroundRole and index.isValid():
                    row = self.row_at(index.row())
                    if row is not None and not row.record.active:
                        return QBrush(QColor(theme.current().muted))
                return super().data(index, role)

            def _text(self, row: int, column: int) -> str | None:
                item = self.row_at(row)
                if item is not None and self.columns[column].key == "role":
                    return role_word(item.role)  # a word of the window's language, not the code's English
                return super()._text(row, column)

        _model_class = OperatorsModel
    return _model_class(_columns(), parent=parent)
