"""The Operators tab's dialogs: adding an operator, changing a role."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from minisip_console.core.plumbing.errors import ConsoleError
from minisip_console.ui import theme
from minisip_console.ui.dialog_parts import error_label
from minisip_console.ui.i18n import tr
from minisip_console.ui.operators.models import ROLES, AddRequest, OperatorRow, role_word
from minisip_console.ui.tabs import error_text
from minisip_console.ui.tabs import role_word as role_phrase

if TYPE_CHECKING:
    from typing import Any

    from PySide6.QtWidgets import QWidget


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
        self.setWindowTitle(tr("Add an operator"))
        self.postgres = postgres
        self._busy = False

        intro = QLabel(
            tr(
                "They open the console with their own PostgreSQL login: the database creates it (or links an existing login "
                "of that name) and gives it the role's rights."
            )
            if postgres
            else tr("On an SQLite file an operator is the OS login they open the file with; no password is kept.")
        )
        intro.setObjectName("operatorsAddIntro")
        intro.setWordWrap(True)
        self.login = QLineEdit()
        self.login.setObjectName("operatorsAddLogin")
        self.login.setPlaceholderText(tr("their database login, e.g. jsmith") if postgres else tr("their OS login, e.g. jsmith"))
        self.login.setMaxLength(100)
        self.name = QLineEdit()
        self.name.setObjectName("operatorsAddName")
        self.name.setPlaceholderText(tr("their full name, e.g. Jane Smith"))
        self.role = QComboBox()
        self.role.setObjectName("operatorsAddRole")
        for value in ROLES:
            self.role.addItem(role_word(value), value)
        self.password = QLineEdit()
        self.password.setObjectName("operatorsAddPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(tr("their first password (empty: link an existing login)"))
        self.confirm = QLineEdit()
        self.confirm.setObjectName("operatorsAddConfirm")
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm.setPlaceholderText(tr("the same password again"))
        self.login_error = error_label("operatorsAddLoginError")
        self.name_error = error_label("operatorsAddNameError")
        self.password_error = error_label("operatorsAddPasswordError")
        self.error = error_label("operatorsAddError")
        self.error.setStyleSheet(f"color: {theme.current().bad}; font-weight: bold;")

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        rows: list[tuple[str, QWidget, QLabel | None]] = [
            (tr("&Login:"), self.login, self.login_error),
            (tr("&Name:"), self.name, self.name_error),
            (tr("&Role:"), self.role, None),
        ]
        if postgres:
            rows += [(tr("&Password:"), self.password, None), (tr("Con&firm password:"), self.confirm, self.password_error)]
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
        self.ok_button.setText(tr("&Add operator"))
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
            return tr("The two passwords differ.")
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
            login=self.login.text().strip(),
            display_name=" ".join(self.name.text().split()),
            role=self.role.currentData(),
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
        self.setWindowTitle(tr("Change the role of {name}").format(name=row.display_name))
        self.row = row
        self._busy = False
        active = row.record.active
        intro = QLabel(
            tr("{name} ({login}) is {role}.").format(name=row.display_name, login=row.login, role=role_phrase(row.role))
            if active
            else tr("{name} ({login}) is disabled (was {role}): the role chosen here enables them again.").format(
                name=row.display_name, login=row.login, role=role_phrase(row.role)
            )
        )
        intro.setObjectName("operatorsRoleIntro")
        intro.setWordWrap(True)
        self.role = QComboBox()
        self.role.setObjectName("operatorsRoleCombo")
        for value in ROLES:
            self.role.addItem(role_word(value), value)
        self.role.setCurrentIndex(ROLES.index(row.role) if row.role in ROLES else 0)
        self.error = error_label("operatorsRoleError")
        self.error.setStyleSheet(f"color: {theme.current().bad}; font-weight: bold;")
        form = QFormLayout()
        label = QLabel(tr("New &role:"))
        label.setBuddy(self.role)
        form.addRow(label, self.role)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(tr("&Change role") if active else tr("&Enable with this role"))
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
        self.ok_button.setToolTip(tr("{name} already has this role.").format(name=self.row.display_name) if unchanged else "")

    @Slot()
    def submit(self) -> str | None:
        if not self.ok_button.isEnabled():
            return None
        role = str(self.role.currentData())
        self.submitted.emit(role)
        return role
