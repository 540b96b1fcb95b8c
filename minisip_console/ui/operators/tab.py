"""The Operators tab: who may use the console, and as what (``core.operators``).

The list (login, name, role, whether active and, on PostgreSQL, whether their database login
may log in) is read on a worker and read again after every change. Admins add an operator
(login, name, role and, on PostgreSQL, a first password typed twice, checked as they are typed
with the core's own validators), change an operator's role (which enables a disabled one) and
disable one (after a confirmation naming the person). Every change runs on a worker in one
transaction through ``core.operators``, which decides: its refusal is shown on the tab's result
line as it is (and in the dialog, which keeps what was typed).

For anyone but an admin the three buttons are disabled and a sentence beside them says why.
Whether an operator may manage operators is read from the operator's role only
(``manage_reason``, the core's ``operators.why_not_manage``).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
)

from minisip_console.core.plumbing.errors import ConsoleError
from minisip_console.ui import theme
from minisip_console.ui.i18n import plural, shown, tr
from minisip_console.ui.long_action import Confirm, LongAction
from minisip_console.ui.operators.dialogs import AddOperatorDialog, ChangeRoleDialog, _ChangeDialog
from minisip_console.ui.operators.jobs import add_job, disable_job, load_snapshot, set_role_job
from minisip_console.ui.operators.models import AddRequest, OperatorRow, Snapshot, manage_reason, operators_model
from minisip_console.ui.reading import LatestRead
from minisip_console.ui.tabs import ActionTabPage, EmptyState, ReasonsLine, error_text, name_table, page_note, role_word

if TYPE_CHECKING:
    from typing import Any

    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMessageBox, QWidget

    from minisip_console.core.operators import OperatorInfo
    from minisip_console.core.plumbing.connection import Database
    from minisip_console.ui.notifier import Notifier
    from minisip_console.ui.table_model import ListTableModel
    from minisip_console.ui.workers import Worker, WorkFailure


def _note() -> str:
    return tr(
        "Operators are the people who may use this console, each with a role. Admins add them, change their role "
        "and disable them; every change is in the audit log."
    )


def _note_by_trust(trust: str) -> str:
    return {
        "database": tr(
            "On PostgreSQL each operator connects with their own database login: adding one creates that login "
            "(or links an existing one), disabling one stops it from logging in."
        ),
        "single_user": tr("On this SQLite file an operator is an OS login; no password is kept."),
        "demo": tr("On the demo database an operator is a name the presenter switches to; no password is kept."),
    }.get(trust, "")


_WIDTHS = (22, 30, 12, 16)


# --------------------------------------------------------------------------- the tab


@dataclass
class _Pending:
    """The change running on the worker: what it is, for whom, and the dialog it came from."""

    kind: str  # add | set_role | disable
    login: str
    name: str
    role: str = ""
    was_active: bool = True
    password_given: bool = False
    dialog: QDialog | None = None


class OperatorsTab(ActionTabPage):
    loaded = Signal(object)  # Snapshot
    acted = Signal(str)  # the result sentence of a change
    action_failed = Signal(str)  # the core's sentence

    def __init__(self, notifier: Notifier, connect_action: QAction, parent: QWidget | None = None) -> None:
        super().__init__(notifier, connect_action, parent)
        self.what = tr("the operators")  # "Open a database to see {what}"
        self.database: Database | None = None
        self.snapshot: Snapshot | None = None
        self.model: ListTableModel | None = None
        self.dialog: QDialog | None = None
        self.snapshot_read = LatestRead(
            self,
            "operatorsSnapshot",
            done=self._on_loaded,
            failed=functools.partial(self._read_failed, tr("The operators could not be read.")),
        )
        #: the one long-action path (ui/long_action.py): add, change role, disable, one at a time
        self.changing = LongAction(self, "operatorsChange")
        self._pending: _Pending | None = None
        self._select_login: str | None = None

    # ------------------------------------------------------------------ layout
    def build_content(self, content: QWidget) -> None:
        self.note = page_note(_note())
        self.note.setObjectName("operatorsNote")
        self.count_label = QLabel()
        self.count_label.setObjectName("operatorsCount")
        self.permission_note = QLabel()
        self.permission_note.setObjectName("operatorsPermission")
        self.permission_note.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.permission_note.setStyleSheet("font-style: italic;")
        self.permission_note.hide()
        self.add_button = self._button(tr("Add opera&tor…"), "operatorsAdd", self.add_operator)
        self.role_button = self._button(tr("Change &role…"), "operatorsChangeRole", self.change_role)
        self.disable_button = self._button(tr("Di&sable…"), "operatorsDisable", self.disable_operator)

        bar = QHBoxLayout()
        bar.addWidget(self.count_label)
        bar.addStretch(1)
        bar.addWidget(self.permission_note)
        bar.addSpacing(8)
        for button in (self.add_button, self.role_button, self.disable_button):
            bar.addWidget(button)
        self.reasons = ReasonsLine("operatorsReasons")

        self.action_result = QLabel()
        self.action_result.setObjectName("operatorsResult")
        self.action_result.setWordWrap(True)
        self.action_result.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.action_result.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        self.action_result.hide()

        self.view = QTableView()
        self.view.setObjectName("operatorsTable")
        name_table(self.view, tr("Operators"), tr("One row per operator: login, name, role, whether active and whether they can log in"))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        self.model = operators_model(self)
        self.view.setModel(self.model)
        self.view.horizontalHeader().setStretchLastSection(True)
        self._fit_columns()
        self.view.selectionModel().currentRowChanged.connect(self._on_row_changed)
        self.list_empty = EmptyState(
            tr("No operators yet"),
            tr(
                "Nobody may use this database until its first admin is named with minisip-console operators add LOGIN "
                "--role admin --name NAME (on PostgreSQL, run by the schema owner). Then the admin adds the others here."
            ),
        )
        self.list_empty.setObjectName("operatorsEmpty")
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.view)
        self.list_stack.addWidget(self.list_empty)

        layout = QVBoxLayout(content)
        layout.addWidget(self.note)
        layout.addLayout(bar)
        layout.addWidget(self.reasons)
        layout.addWidget(self.action_result)
        layout.addWidget(self.list_stack, 1)
        self.setTabOrder(self.add_button, self.role_button)
        self.setTabOrder(self.role_button, self.disable_button)
        self.setTabOrder(self.disable_button, self.view)

    # ------------------------------------------------------------------ connection
    def set_database(self, database: Database) -> Worker | None:
        self.clear()
        self.ensure_built()
        self.database = database
        self.note.setText(f"{_note()} {_note_by_trust(database.trust.value)}".strip())
        self._update_actions()
        if not self.showing_content():
            self.show_busy(tr("Reading the operators…"))
        return self.refresh()

    def clear(self) -> None:
        self.changing.reset()
        self.snapshot_read.reset()
        self.database = None
        self.snapshot = None
        self._pending = None
        if self.dialog is not None:
            self.dialog.reject()
        if self.built:
            assert self.model is not None
            self.model.set_rows(())
            self.action_result.hide()
            self._update_actions()
        self.show_disconnected()

    @Slot()
    def refresh(self) -> Worker | None:
        if self.database is None:
            return None
        return self.snapshot_read.start(load_snapshot, self.database, label="operators")

    def _on_loaded(self, snapshot: Snapshot) -> None:
        assert self.model is not None
        keep = self._select_login or (self.selected.login if self.selected is not None else None)
        self._select_login = None
        self.snapshot = snapshot
        self.model.set_rows(snapshot.rows)
        self.view.setColumnHidden(4, not snapshot.postgres)  # "can log in" is a PostgreSQL login's
        self._fit_columns()
        self.list_stack.setCurrentWidget(self.view if snapshot.rows else self.list_empty)
        active = sum(1 for r in snapshot.rows if r.record.active)
        text = plural(len(snapshot.rows), tr("{count:,} operator"), tr("{count:,} operators"))
        if active != len(snapshot.rows):
            text = tr("{operators} · {active:,} active, {disabled:,} disabled").format(
                operators=text, active=active, disabled=len(snapshot.rows) - active
            )
        self.count_label.setText(text)
        row = next((i for i, r in enumerate(snapshot.rows) if r.login == keep), 0 if snapshot.rows else -1)
        if row >= 0:
            self.view.selectRow(row)
        self._update_actions()
        self.show_content()
        self.loaded.emit(snapshot)

    def _fit_columns(self) -> None:
        """Every login and name whole (up to a limit), never narrower than the defaults."""
        header = self.view.horizontalHeader()
        char = self.view.fontMetrics().averageCharWidth()
        for i, width in enumerate(_WIDTHS):
            header.resizeSection(i, min(max(width * char + 16, self.view.sizeHintForColumn(i) + 16), 60 * char))

    # ------------------------------------------------------------------ selection and buttons
    @property
    def me(self) -> OperatorInfo | None:
        """The operator at the console: as last read with the list, else as connected."""
        if self.database is None:
            return None
        return self.snapshot.me if self.snapshot is not None else self.database.operator

    @property
    def postgres(self) -> bool:
        return self.database is not None and self.database.engine.dialect.name == "postgresql"

    @property
    def selected(self) -> OperatorRow | None:
        if self.model is None or not self.built:
            return None
        return self.model.row_at(self.view.currentIndex().row())

    def select_operator(self, login: str) -> bool:
        assert self.model is not None
        for i in range(self.model.rowCount()):
            if self.model.row_at(i).login == login:
                self.view.selectRow(i)
                return True
        return False

    @Slot(object, object)
    def _on_row_changed(self, _current: Any, _previous: Any) -> None:
        self._update_actions()

    def _update_actions(self) -> None:
        if not self.built:
            return
        me = self.me
        manage = manage_reason(me) if me is not None else None
        selected = self.selected
        busy = self.changing.running
        shown: list[tuple[QAbstractButton, str | None]] = []
        for button, tip in (
            (self.add_button, tr("Register a new operator: their login, name and role")),
            (self.role_button, tr("Give the selected operator another role (a disabled one is enabled again)")),
            (self.disable_button, tr("Disable the selected operator (asks first)")),
        ):
            if self.database is None:
                reason: str | None = tr("Not connected.")
            elif manage is not None:
                reason = manage
            elif busy:
                reason = tr("A change is being saved: wait for it to finish.")
            elif button is not self.add_button and selected is None:
                reason = tr("Select an operator in the list first.")
            elif button is self.disable_button and selected is not None and not selected.record.active:
                reason = tr("{name} is already disabled; Change role… enables them again.").format(name=selected.display_name)
            else:
                reason = None
            button.setEnabled(reason is None)
            button.setToolTip(reason or tip)
            # beside the buttons for a keyboard user (a disabled button's tooltip never shows); the
            # permission note already says what the role refuses
            shown.append((button, None if manage is not None and reason == manage else reason))
        self.reasons.show_reasons(shown)
        self.permission_note.setText(manage or "")
        self.permission_note.setVisible(self.database is not None and manage is not None)

    # ------------------------------------------------------------------ the changes
    @Slot()
    def add_operator(self) -> AddOperatorDialog | None:
        if self.database is None:
            return None
        dialog = AddOperatorDialog(postgres=self.postgres, parent=self)
        dialog.submitted.connect(self._on_add_submitted)
        self._open(dialog)
        return dialog

    @Slot(object)
    def _on_add_submitted(self, request: AddRequest) -> None:
        dialog = self.sender()
        self._start(
            _Pending(
                "add",
                request.login,
                request.display_name,
                request.role,
                password_given=bool(request.password),
                dialog=dialog if isinstance(dialog, QDialog) else None,
            ),
            add_job,
            request,
            name=f"add operator {request.login}",
        )

    @Slot()
    def change_role(self) -> ChangeRoleDialog | None:
        row = self.selected
        if self.database is None or row is None:
            return None
        dialog = ChangeRoleDialog(row, parent=self)
        dialog.submitted.connect(self._on_role_submitted)
        self._open(dialog)
        return dialog

    @Slot(str)
    def _on_role_submitted(self, role: str) -> None:
        dialog = self.sender()
        if not isinstance(dialog, ChangeRoleDialog):
            return
        row = dialog.row
        self._start(
            _Pending("set_role", row.login, row.display_name, role, was_active=row.record.active, dialog=dialog),
            set_role_job,
            row.login,
            role,
            name=f"change the role of {row.login}",
        )

    @Slot()
    def disable_operator(self) -> QMessageBox | None:
        row = self.selected
        if self.database is None or row is None:
            return None
        if self.dialog is not None:
            self.dialog.reject()
        effect = (
            tr("Their database login will no longer be able to log in.")
            if self.postgres
            else tr("They will no longer be able to open this database.")
        )
        return self.changing.confirm(
            Confirm(
                "operatorsDisableConfirm",
                tr("Disable an operator"),
                tr("Disable {name} ({login}), {role}?").format(name=row.display_name, login=row.login, role=role_word(row.role)),
                tr("{effect} Their past actions stay in the audit log; an admin can enable them again with Change role….").format(
                    effect=effect
                ),
                yes=tr("Di&sable {name}").format(name=row.display_name),
                yes_name="operatorsDisableYes",
            ),
            then=lambda: self._start(
                _Pending("disable", row.login, row.display_name, row.role), disable_job, row.login, name=f"disable {row.login}"
            ),
            declined=lambda: self._show_result(tr("{name} was not disabled.").format(name=row.display_name)),
        )

    def _start(self, pending: _Pending, fn: Any, *args: Any, name: str) -> Worker | None:
        if self.database is None:
            return None
        worker = self.changing.start(fn, self.database, *args, label=name, done=self._on_action_done, failed=self._on_change_failed)
        if worker is None:
            return None
        self._pending = pending
        if isinstance(pending.dialog, _ChangeDialog):
            pending.dialog.set_busy(True)
        self._show_result(
            {
                "add": tr("Adding {login}…"),
                "set_role": tr("Changing the role of {login}…"),
                "disable": tr("Disabling {login}…"),
            }[pending.kind].format(login=pending.login)
        )
        self._update_actions()
        return worker

    def _result_text(self, pending: _Pending, outcome: object) -> str:
        names = {"name": pending.name, "login": pending.login, "role": role_word(pending.role)}
        if pending.kind == "add":
            if outcome == "created" and pending.password_given:
                template = tr("Added {name} ({login}) as {role}. Their database login was created with the password given.")
            elif outcome == "created":
                template = tr("Added {name} ({login}) as {role}. Their database login was created without a password.")
            elif outcome == "linked":
                template = tr(
                    "Added {name} ({login}) as {role}. They log in with the existing database login {login}; its password is unchanged."
                )
            else:
                template = tr("Added {name} ({login}) as {role}.")
            return template.format(**names)
        if pending.kind == "set_role":
            template = (
                tr("{name} ({login}) is now {role}.") if pending.was_active else tr("{name} ({login}) is now {role} and active again.")
            )
            return template.format(**names)
        if self.postgres:
            return tr("Disabled {name} ({login}): their database login can no longer log in.").format(**names)
        return tr("Disabled {name} ({login}): they can no longer open this database.").format(**names)

    def _on_action_done(self, outcome: object) -> None:
        pending = self._pending
        self._pending = None
        assert pending is not None
        text = self._result_text(pending, outcome)
        self._show_result(text, theme.current().good)
        self.notifier.success(text, timeout_ms=8000)
        if pending.dialog is not None and pending.dialog is self.dialog:
            pending.dialog.accept()
        self._select_login = pending.login
        self._update_actions()
        self.acted.emit(text)
        self.refresh()

    def _on_change_failed(self, failure: WorkFailure) -> None:
        pending = self._pending
        self._pending = None
        text = error_text(failure.error) if isinstance(failure.error, ConsoleError) else shown(failure.message)
        self._show_failure(failure, "")
        if pending is not None and isinstance(pending.dialog, _ChangeDialog) and pending.dialog is self.dialog:
            pending.dialog.set_busy(False)
            pending.dialog.show_error(text)
        self._update_actions()
        self.action_failed.emit(text)
        self.refresh()  # what the database has now (someone else may have changed it)
