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

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore
from PySide6.QtCore import QSize, Signal, Slot
from PySide6.QtGui import QAction, QBrush, QColor, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from minisip_console.core.errors import ConsoleError
from minisip_console.ui import formatting, theme
from minisip_console.ui.long_action import Confirm, LongAction
from minisip_console.ui.notifier import Notifier
from minisip_console.ui.tabs import ActionTabPage, EmptyState, error_text, page_note

if TYPE_CHECKING:
    from minisip_console.core.connection import Database
    from minisip_console.core.operators import OperatorInfo, OperatorRecord
    from minisip_console.ui.table_model import ListTableModel
    from minisip_console.ui.workers import Worker, WorkFailure

#: the roles, least privilege first (the add dialog's default is the first)
ROLES = ("viewer", "operator", "approver", "admin")

NOTE = (
    "Operators are the people who may use this console, each with a role. Admins add them, change their role "
    "and disable them; every change is in the audit log."
)
NOTE_BY_TRUST = {
    "database": "On PostgreSQL each operator connects with their own database login: adding one creates that login "
                "(or links an existing one), disabling one stops it from logging in.",
    "single_user": "On this SQLite file an operator is an OS login; no password is kept.",
    "demo": "On the demo database an operator is a name the presenter switches to; no password is kept.",
}


# --------------------------------------------------------------------------- permissions


def manage_reason(operator: OperatorInfo) -> str | None:
    """The core's answer (``operators.why_not_manage``), shown beside the disabled buttons."""
    from minisip_console.core.operators import why_not_manage

    return why_not_manage(operator)


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
    can = "—" if r.can_log_in is None else ("Yes" if r.can_log_in else "No")
    return OperatorRow(
        record=r, login=r.login, display_name=r.display_name, role=r.role.value,
        active="Yes" if r.active else "No (disabled)", can_log_in=can,
    )


def load_snapshot(database: Database) -> Snapshot:
    from minisip_console.core import db, operators

    with db.translated(database.engine.url), database.sessions() as session:
        records = operators.list_operators(session)
        me = operators.identify(session, database.operator.login)
        postgres = session.get_bind().dialect.name == "postgresql"
    return Snapshot(tuple(operator_row(r) for r in records), postgres, me)


def add_job(database: Database, request: AddRequest) -> str:
    """``operators.add_operator`` in one transaction, as the operator at the console; "created", "linked" or "added"."""
    from minisip_console.core import db, operators

    with db.translated(database.engine.url), database.sessions.begin() as session:
        actor = operators.identify(session, database.operator.login)
        return operators.add_operator(session, actor, request.login, request.role, request.display_name, password=request.password)


def set_role_job(database: Database, login: str, role: str) -> None:
    from minisip_console.core import db, operators

    with db.translated(database.engine.url), database.sessions.begin() as session:
        operators.set_role(session, operators.identify(session, database.operator.login), login, role)


def disable_job(database: Database, login: str) -> None:
    from minisip_console.core import db, operators

    with db.translated(database.engine.url), database.sessions.begin() as session:
        operators.disable(session, operators.identify(session, database.operator.login), login)


# --------------------------------------------------------------------------- the list's model


_model_class: type | None = None


def _columns() -> tuple[Any, ...]:
    from minisip_console.core.accounts import Column

    return (
        Column("login", "Login"),
        Column("display_name", "Name"),
        Column("role", "Role", "status"),
        Column("active", "Active"),
        Column("can_log_in", "Can log in", tooltip="Whether their PostgreSQL login may connect (a disabled operator's may not)"),
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

        _model_class = OperatorsModel
    return _model_class(_columns(), parent=parent)


_WIDTHS = (22, 30, 12, 16)


class _ErrorLabel(QLabel):
    """A wrapped message whose height is the one its width needs: a form row sizes its field by
    the size hint, which for wrapped text guesses a narrower width (a tall row with a gap)."""

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        if self.wordWrap() and self.text() and self.width() > 100:
            return QSize(hint.width(), self.heightForWidth(self.width()))
        return hint

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()  # the height it needs follows its width


def _error_label(name: str) -> QLabel:
    label = _ErrorLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(QtCore.Qt.TextFormat.PlainText)
    label.setStyleSheet(f"color: {theme.current().bad};")
    label.setAlignment(QtCore.Qt.AlignmentFlag.AlignLeft | QtCore.Qt.AlignmentFlag.AlignTop)
    label.hide()
    return label


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
    what = "the operators"

    loaded = Signal(object)  # Snapshot
    acted = Signal(str)  # the result sentence of a change
    action_failed = Signal(str)  # the core's sentence

    def __init__(self, notifier: Notifier, connect_action: QAction, parent: QWidget | None = None) -> None:
        super().__init__(notifier, connect_action, parent)
        self.database: Database | None = None
        self.snapshot: Snapshot | None = None
        self.model: ListTableModel | None = None
        self.dialog: QDialog | None = None
        self._load_worker: Worker | None = None
        #: the one long-action path (ui/long_action.py): add, change role, disable, one at a time
        self.changing = LongAction(self, "operatorsChange")
        self._pending: _Pending | None = None
        self._select_login: str | None = None

    # ------------------------------------------------------------------ layout
    def build_content(self, content: QWidget) -> None:
        self.note = page_note(NOTE)
        self.note.setObjectName("operatorsNote")
        self.count_label = QLabel()
        self.count_label.setObjectName("operatorsCount")
        self.permission_note = QLabel()
        self.permission_note.setObjectName("operatorsPermission")
        self.permission_note.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.permission_note.setStyleSheet("font-style: italic;")
        self.permission_note.hide()
        self.add_button = self._button("Add opera&tor…", "operatorsAdd", self.add_operator)
        self.role_button = self._button("Change &role…", "operatorsChangeRole", self.change_role)
        self.disable_button = self._button("Di&sable…", "operatorsDisable", self.disable_operator)

        bar = QHBoxLayout()
        bar.addWidget(self.count_label)
        bar.addStretch(1)
        bar.addWidget(self.permission_note)
        bar.addSpacing(8)
        for button in (self.add_button, self.role_button, self.disable_button):
            bar.addWidget(button)

        self.action_result = QLabel()
        self.action_result.setObjectName("operatorsResult")
        self.action_result.setWordWrap(True)
        self.action_result.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.action_result.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        self.action_result.hide()

        self.view = QTableView()
        self.view.setObjectName("operatorsTable")
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
            "No operators yet",
            "Nobody may use this database until its first admin is named with minisip-console operators add LOGIN "
            "--role admin --name NAME (on PostgreSQL, run by the schema owner). Then the admin adds the others here.",
        )
        self.list_empty.setObjectName("operatorsEmpty")
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.view)
        self.list_stack.addWidget(self.list_empty)

        layout = QVBoxLayout(content)
        layout.addWidget(self.note)
        layout.addLayout(bar)
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
        self.note.setText(f"{NOTE} {NOTE_BY_TRUST.get(database.trust.value, '')}".strip())
        self._update_actions()
        if not self.showing_content():
            self.show_busy("Reading the operators…")
        return self.refresh()

    def clear(self) -> None:
        self.changing.reset()
        if self._load_worker is not None:
            self._load_worker.cancel()
        self.database = None
        self.snapshot = None
        self._load_worker = None
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
        from minisip_console.ui import workers
        from minisip_console.ui.workers import Worker

        if self.database is None:
            return None
        worker = Worker(load_snapshot, self.database, name="operators", callbacks=False)
        self._load_worker = worker
        return workers.start(worker, finished=self._on_loaded, failed=self._on_load_failed)

    @Slot(object)
    def _on_loaded(self, snapshot: Snapshot) -> None:
        if not self._is_current(self._load_worker) or self.database is None:
            return
        self._load_worker = None
        assert self.model is not None
        keep = self._select_login or (self.selected.login if self.selected is not None else None)
        self._select_login = None
        self.snapshot = snapshot
        self.model.set_rows(snapshot.rows)
        self.view.setColumnHidden(4, not snapshot.postgres)  # "can log in" is a PostgreSQL login's
        self._fit_columns()
        self.list_stack.setCurrentWidget(self.view if snapshot.rows else self.list_empty)
        active = sum(1 for r in snapshot.rows if r.record.active)
        text = formatting.plural(len(snapshot.rows), "operator")
        if active != len(snapshot.rows):
            text += f" · {active:,} active, {len(snapshot.rows) - active:,} disabled"
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

    @Slot(object)
    def _on_load_failed(self, failure: WorkFailure) -> None:
        if not self._is_current(self._load_worker):
            return
        self._load_worker = None
        if not self.showing_content():
            self.show_busy("The operators could not be read.", failure.message)
        self._report(failure)

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
        for button, tip in (
            (self.add_button, "Register a new operator: their login, name and role"),
            (self.role_button, "Give the selected operator another role (a disabled one is enabled again)"),
            (self.disable_button, "Disable the selected operator (asks first)"),
        ):
            if self.database is None:
                reason: str | None = "Not connected."
            elif manage is not None:
                reason = manage
            elif busy:
                reason = "A change is being saved: wait for it to finish."
            elif button is not self.add_button and selected is None:
                reason = "Select an operator in the list first."
            elif button is self.disable_button and selected is not None and not selected.record.active:
                reason = f"{selected.display_name} is already disabled; Change role… enables them again."
            else:
                reason = None
            button.setEnabled(reason is None)
            button.setToolTip(reason or tip)
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
            _Pending("add", request.login, request.display_name, request.role, password_given=bool(request.password),
                     dialog=dialog if isinstance(dialog, QDialog) else None),
            add_job, request, name=f"add operator {request.login}",
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
        self._start(_Pending("set_role", row.login, row.display_name, role, was_active=row.record.active, dialog=dialog),
                    set_role_job, row.login, role, name=f"change the role of {row.login}")

    @Slot()
    def disable_operator(self) -> QMessageBox | None:
        row = self.selected
        if self.database is None or row is None:
            return None
        if self.dialog is not None:
            self.dialog.reject()
        effect = ("Their database login will no longer be able to log in." if self.postgres
                  else "They will no longer be able to open this database.")
        return self.changing.confirm(
            Confirm(
                "operatorsDisableConfirm", "Disable an operator", f"Disable {row.display_name} ({row.login}), {row.role}?",
                f"{effect} Their past actions stay in the audit log; an admin can enable them again with Change role….",
                yes=f"Di&sable {row.display_name}", yes_name="operatorsDisableYes",
            ),
            then=lambda: self._start(_Pending("disable", row.login, row.display_name, row.role), disable_job, row.login,
                                     name=f"disable {row.login}"),
            declined=lambda: self._show_result(f"{row.display_name} was not disabled."),
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
        self._show_result({"add": f"Adding {pending.login}…", "set_role": f"Changing the role of {pending.login}…",
                           "disable": f"Disabling {pending.login}…"}[pending.kind])
        self._update_actions()
        return worker

    def _result_text(self, pending: _Pending, outcome: object) -> str:
        who = f"{pending.name} ({pending.login})"
        if pending.kind == "add":
            text = f"Added {who} as {pending.role}."
            if outcome == "created":
                text += (" Their database login was created with the password given." if pending.password_given
                         else " Their database login was created without a password.")
            elif outcome == "linked":
                text += f" They log in with the existing database login {pending.login}; its password is unchanged."
            return text
        if pending.kind == "set_role":
            return f"{who} is now {pending.role}" + ("" if pending.was_active else " and active again") + "."
        effect = "their database login can no longer log in" if self.postgres else "they can no longer open this database"
        return f"Disabled {who}: {effect}."

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
        text = error_text(failure.error) if isinstance(failure.error, ConsoleError) else failure.message
        self._show_failure(failure, "")
        if pending is not None and isinstance(pending.dialog, _ChangeDialog) and pending.dialog is self.dialog:
            pending.dialog.set_busy(False)
            pending.dialog.show_error(text)
        self._update_actions()
        self.action_failed.emit(text)
        self.refresh()  # what the database has now (someone else may have changed it)


# --------------------------------------------------------------------------- dialogs


class _ChangeDialog(QDialog):
    """What the two dialogs share: a refusal shown inside (nothing typed is lost), a busy state."""

    error: QLabel
    ok_button: Any

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self._fit_errors()

    def _fit_errors(self) -> None:
        """Grow the dialog when a message appears, so no line of it is squeezed or cut."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        needed = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() else self.sizeHint().height()
        if needed > self.height():
            self.resize(self.width(), needed)

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in self._inputs():
            widget.setEnabled(not busy)
        self._validate()

    def _inputs(self) -> tuple[QWidget, ...]:
        return ()

    def _validate(self) -> None:
        """Subclasses: enable OK when the input is valid (and nothing is being saved)."""


class AddOperatorDialog(_ChangeDialog):
    """Login, name, role and (PostgreSQL) a first password typed twice. Each field is checked as it
    is typed with the core's validators; OK stays disabled until everything is valid."""

    submitted = Signal(object)  # AddRequest

    def __init__(self, *, postgres: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("operatorsAddDialog")
        self.setWindowTitle("Add an operator")
        self.postgres = postgres
        self._busy = False

        intro = QLabel(
            "They open the console with their own PostgreSQL login: the database creates it (or links an existing login "
            "of that name) and gives it the role's rights." if postgres else
            "On an SQLite file an operator is the OS login they open the file with; no password is kept."
        )
        intro.setObjectName("operatorsAddIntro")
        intro.setWordWrap(True)
        self.login = QLineEdit()
        self.login.setObjectName("operatorsAddLogin")
        self.login.setPlaceholderText("their database login, e.g. jsmith" if postgres else "their OS login, e.g. jsmith")
        self.login.setMaxLength(100)
        self.name = QLineEdit()
        self.name.setObjectName("operatorsAddName")
        self.name.setPlaceholderText("their full name, e.g. Jane Smith")
        self.role = QComboBox()
        self.role.setObjectName("operatorsAddRole")
        for value in ROLES:
            self.role.addItem(formatting.state(value), value)
        self.password = QLineEdit()
        self.password.setObjectName("operatorsAddPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("their first password (empty: link an existing login)")
        self.confirm = QLineEdit()
        self.confirm.setObjectName("operatorsAddConfirm")
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm.setPlaceholderText("the same password again")
        self.login_error = _error_label("operatorsAddLoginError")
        self.name_error = _error_label("operatorsAddNameError")
        self.password_error = _error_label("operatorsAddPasswordError")
        self.error = _error_label("operatorsAddError")
        self.error.setStyleSheet(f"color: {theme.current().bad}; font-weight: bold;")

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        rows: list[tuple[str, QWidget, QLabel | None]] = [
            ("&Login:", self.login, self.login_error), ("&Name:", self.name, self.name_error), ("&Role:", self.role, None),
        ]
        if postgres:
            rows += [("&Password:", self.password, None), ("Con&firm password:", self.confirm, self.password_error)]
        for text, widget, error in rows:
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
            if error is not None:
                form.addRow("", error)
        if not postgres:
            self.password.hide()
            self.confirm.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("&Add operator")
        self.ok_button.setObjectName("operatorsAddOk")
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)  # spare height below the fields, never inside a message's row
        layout.addWidget(self.buttons)
        for edit in (self.login, self.name, self.password, self.confirm):
            edit.textChanged.connect(self._on_edited)
        self._validate()
        self.resize(620, self.sizeHint().height())
        self.login.setFocus()

    def _inputs(self) -> tuple[QWidget, ...]:
        return (self.login, self.name, self.role, self.password, self.confirm)

    # -- validation: the core's validators
    def login_problem(self) -> str | None:
        from minisip_console.core.operators import validate_login

        try:
            validate_login(self.login.text(), postgres=self.postgres)
        except ConsoleError as exc:
            return error_text(exc)
        return None

    def name_problem(self) -> str | None:
        from minisip_console.core.operators import validate_display_name

        try:
            validate_display_name(self.name.text())
        except ConsoleError as exc:
            return error_text(exc)
        return None

    def password_problem(self) -> str | None:
        if not self.postgres:
            return None
        if self.password.text() != self.confirm.text():
            return "The two passwords differ."
        return None

    @Slot()
    def _on_edited(self) -> None:
        self.error.hide()
        self._validate()

    def _validate(self) -> None:
        problems = (
            (self.login_problem(), self.login_error, self.login.text()),
            (self.name_problem(), self.name_error, self.name.text()),
            (self.password_problem(), self.password_error, self.confirm.text()),
        )
        for problem, label, typed in problems:
            # say nothing while a field is still empty; once typed, say what is wrong
            shown = bool(problem and typed)
            label.setText(problem if shown else "")
            label.setVisible(shown)
        self._fit_errors()
        self.ok_button.setEnabled(all(p is None for p, _, _ in problems) and not self._busy)

    @Slot()
    def submit(self) -> AddRequest | None:
        if not self.ok_button.isEnabled():
            return None
        self.error.hide()
        request = AddRequest(
            login=self.login.text().strip(), display_name=" ".join(self.name.text().split()), role=self.role.currentData(),
            password=(self.password.text() or None) if self.postgres else None,
        )
        self.submitted.emit(request)
        return request

    def done(self, result: int) -> None:
        # the passwords do not outlive the dialog in its widgets
        self.password.clear()
        self.confirm.clear()
        super().done(result)


class ChangeRoleDialog(_ChangeDialog):
    """Another role for one operator (a disabled one is enabled again with it)."""

    submitted = Signal(str)  # the role

    def __init__(self, row: OperatorRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("operatorsRoleDialog")
        self.setWindowTitle(f"Change the role of {row.display_name}")
        self.row = row
        self._busy = False
        active = row.record.active
        intro = QLabel(
            f"{row.display_name} ({row.login}) is {row.role}." if active else
            f"{row.display_name} ({row.login}) is disabled (was {row.role}): the role chosen here enables them again."
        )
        intro.setObjectName("operatorsRoleIntro")
        intro.setWordWrap(True)
        self.role = QComboBox()
        self.role.setObjectName("operatorsRoleCombo")
        for value in ROLES:
            self.role.addItem(formatting.state(value), value)
        self.role.setCurrentIndex(ROLES.index(row.role) if row.role in ROLES else 0)
        self.error = _error_label("operatorsRoleError")
        self.error.setStyleSheet(f"color: {theme.current().bad}; font-weight: bold;")
        form = QFormLayout()
        label = QLabel("New &role:")
        label.setBuddy(self.role)
        form.addRow(label, self.role)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("&Change role" if active else "&Enable with this role")
        self.ok_button.setObjectName("operatorsRoleOk")
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)  # spare height below the fields, never inside a message's row
        layout.addWidget(self.buttons)
        self.role.currentIndexChanged.connect(self._on_changed)
        self._validate()
        self.resize(520, self.sizeHint().height())
        self.role.setFocus()

    def _inputs(self) -> tuple[QWidget, ...]:
        return (self.role,)

    @Slot(int)
    def _on_changed(self, _index: int) -> None:
        self.error.hide()
        self._validate()

    def _validate(self) -> None:
        unchanged = self.role.currentData() == self.row.role and self.row.record.active
        self.ok_button.setEnabled(not unchanged and not self._busy)
        self.ok_button.setToolTip(f"{self.row.display_name} already has this role." if unchanged else "")

    @Slot()
    def submit(self) -> str | None:
        if not self.ok_button.isEnabled():
            return None
        role = str(self.role.currentData())
        self.submitted.emit(role)
        return role
