"""Saved retention targets in the policy dialog (issue 17): the selected category's tables in other
databases (an Asterisk ``cdr`` table in MariaDB, FusionPBX's ``v_xml_cdr`` in PostgreSQL), and the
dialog that adds one.

``TargetsBox`` lists a category's targets (``targets.list_targets`` on a worker), checks one by
reflection on its own database (``targets.check``), stores its password in this OS account's
keyring (``targets.store_password``) and removes one (``targets.remove``, asked first). Adding and
removing are the admins' (``targets.refusal``: the buttons are greyed with the core's sentence);
listing, checking and storing a password are open to every operator, as on the command line
(``store_password`` changes nothing in the console's database, and only someone who knows the
password can). ``AddTargetDialog`` checks what was typed with ``targets.validate`` (no database),
then ``targets.add`` runs on a worker; a refusal shows inside the dialog and nothing typed is lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
)

from minisip_console.core.plumbing.errors import ConsoleError
from minisip_console.ui import theme
from minisip_console.ui.i18n import shown, tr
from minisip_console.ui.long_action import Confirm, LongAction, failure_text
from minisip_console.ui.reading import LatestRead
from minisip_console.ui.tabs import error_text, name_table, read_only_table

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from minisip_console.core.plumbing.connection import Database
    from minisip_console.core.targets import Removed, Target, TargetCheck
    from minisip_console.ui.workers import Worker, WorkFailure

# what the URL field suggests: a MariaDB server's Asterisk CDR database, without a password
URL_PLACEHOLDER = "mariadb://cdr_reader@db.example.com:3306/asteriskcdrdb"
# Asterisk's ``cdr`` table as ``cdr_mysql`` / ``cdr_adaptive_odbc`` write it: table, timestamp
# column, account column and how an account id is written there
ASTERISK = ("cdr", "calldate", "accountcode", "acct{id}")


def gui_hint(hint: str | None) -> str | None:
    """The core's hint, translated; the hints that name the command line's ``--password-stdin``
    (a pipe) get the window's own sentence, since here the password is typed into a field."""
    if hint is None:
        return None
    if "--password-stdin" not in hint and "password piped in" not in hint:
        return shown(hint)
    if "Remove it from the URL" in hint:
        return tr("Remove it from the URL and type it into the Password field: it goes to this OS account's keyring.")
    if hint.startswith("Check the password"):
        return (
            tr("Check the password; nothing was stored.") if "nothing was stored" in hint else tr("Check the password; nothing was saved.")
        )
    return tr("Type the target's password into the Password field; nothing was saved.")


def problem_text(message: str, hint: str | None) -> str:
    """A core refusal as the window says it: its message, then its hint (the window's for a password)."""
    shown_hint = gui_hint(hint)
    return f"{shown(message)} {shown_hint}" if shown_hint else shown(message)


def load_targets(database: Database, category: str) -> tuple[Target, ...]:
    """The worker's read: ``category``'s saved targets."""
    from minisip_console.core import targets

    return targets.list_targets(database.sessions, category=category)


@dataclass(frozen=True)
class Checked:
    """A target's last check in this dialog: the cell's words, the full text, and whether it is fine."""

    cell: str
    full: str
    ok: bool


def checked_words(checked: TargetCheck) -> Checked:
    """``targets.check``'s answer in words: OK, or its warnings (a missing index with its CREATE INDEX)."""
    if not checked.warnings:
        text = tr("OK: {table}.{column} is indexed").format(table=checked.info.table, column=checked.info.column)
        return Checked(text, text, True)
    warnings = [shown(w) for w in checked.warnings]
    full = "\n".join(warnings)
    return Checked(tr("Warning: {warning}").format(warning=warnings[0]), full, False)


class AddTargetDialog(QDialog):
    """A new saved target of one category: name, database URL, password, table and columns.

    ``added`` carries the core's ``TargetCheck`` once ``targets.add`` saved it; the dialog then closes."""

    added = Signal(object)  # targets.TargetCheck

    def __init__(self, database: Database, category: str, category_label: str, parent: QWidget | None = None) -> None:
        from minisip_console.ui.cdr_retention.models import uncapital

        super().__init__(parent)
        self.setObjectName("targetAddDialog")
        self.setWindowTitle(tr("Add a retention target"))
        self.database = database
        self.category = category

        intro = QLabel(
            tr(
                "A table holding copies of this category's records in another database, e.g. Asterisk's cdr table in "
                "MariaDB. It is checked on its database before it is saved; the retention policy of {category} applies to it."
            ).format(category=uncapital(category_label))
        )
        intro.setWordWrap(True)
        intro.setObjectName("targetAddIntro")

        self.name = QLineEdit()
        self.name.setObjectName("targetName")
        self.name.setPlaceholderText("asterisk_cdr")
        self.url = QLineEdit()
        self.url.setObjectName("targetUrl")
        self.url.setPlaceholderText(URL_PLACEHOLDER)
        self.url.setToolTip(tr("mysql://, mariadb:// or postgresql:// with the user, host, port and database; never the password."))
        self.password = QLineEdit()
        self.password.setObjectName("targetPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        password_hint = QLabel(
            tr("Kept in this OS account's keyring, never in the console's database. Empty: a server that asks for none.")
        )
        password_hint.setWordWrap(True)
        password_hint.setObjectName("targetPasswordHint")
        self.table = QLineEdit("cdr")
        self.table.setObjectName("targetTableName")
        self.column = QLineEdit("calldate")
        self.column.setObjectName("targetColumn")
        self.account_column = QLineEdit()
        self.account_column.setObjectName("targetAccountColumn")
        self.account_column.setPlaceholderText(tr("optional, e.g. accountcode: legal holds apply through it"))
        self.account_format = QLineEdit("{id}")
        self.account_format.setObjectName("targetAccountFormat")
        format_hint = QLabel(tr("Write {id} where the account's number goes: acct{id} for Asterisk accountcodes like acct42."))
        format_hint.setWordWrap(True)
        format_hint.setObjectName("targetFormatHint")
        self.preset = QPushButton(tr("Fill in &Asterisk cdr (MySQL/MariaDB)"))
        self.preset.setObjectName("targetPresetAsterisk")
        self.preset.setToolTip(tr("Table cdr, timestamp column calldate, account column accountcode written as acct{id}"))
        self.preset.clicked.connect(self.fill_asterisk)

        self.error = QLabel()
        self.error.setObjectName("targetAddError")
        self.error.setWordWrap(True)
        self.error.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.error.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.setStyleSheet(f"color: {theme.current().bad}; font-weight: bold;")
        self.error.hide()

        form = QFormLayout()
        for text, field in (
            (tr("&Name:"), self.name),
            (tr("Database &URL:"), self.url),
            (tr("Pass&word:"), self.password),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
        form.addRow("", password_hint)
        form.addRow("", self.preset)
        for text, field in (
            (tr("&Table:"), self.table),
            (tr("Timestamp &column:"), self.column),
            (tr("Acc&ount column:"), self.account_column),
            (tr("Account &format:"), self.account_format),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
        form.addRow("", format_hint)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.add_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.add_button.setText(tr("A&dd target"))
        self.add_button.setObjectName("targetAddOk")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.adding = LongAction(self, "targetAdd")
        self.adding.hold_buttons(self.add_button, self.preset)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(640, self.sizeHint().height())

    @Slot()
    def fill_asterisk(self) -> None:
        """Asterisk's MySQL/MariaDB ``cdr`` table: the fields a user would otherwise look up."""
        table, column, account, fmt = ASTERISK
        self.table.setText(table)
        self.column.setText(column)
        self.account_column.setText(account)
        self.account_format.setText(fmt)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    @Slot()
    def submit(self) -> Worker | None:
        """Check what was typed (no database), then save it on a worker: ``added`` and close, or the
        core's refusal inside the dialog with every field kept."""
        from minisip_console.core import targets

        account = self.account_column.text().strip() or None
        fmt = self.account_format.text().strip()
        try:
            spec = targets.validate(
                self.name.text(),
                self.url.text().strip(),
                self.table.text(),
                self.column.text(),
                category=self.category,
                account_column=account,
                # without an account column the default format is no choice the user made
                account_format=fmt if account is not None or fmt not in ("", targets.DEFAULT_ACCOUNT_FORMAT) else None,
            )
        except ConsoleError as exc:
            self.show_error(problem_text(exc.message, exc.hint))
            return None
        password = self.password.text() or None
        return self.adding.start(
            targets.add,
            self.database.sessions,
            self.database.operator,
            spec,
            password=password,
            label=f"add retention target {spec.name}",
            done=self._on_added,
            failed=self._on_failed,
        )

    def _on_failed(self, failure: WorkFailure) -> None:
        from minisip_console.ui import crash

        self.show_error(problem_text(failure.message, failure.hint) if failure.known else failure_text(failure))
        if not failure.known:
            crash.report_failure(failure)

    def _on_added(self, checked: TargetCheck) -> None:
        self.error.hide()
        self.added.emit(checked)
        self.accept()


class TargetsBox(QGroupBox):
    """The selected category's saved targets, with Add, Check, Set password and Remove.

    ``changed`` is emitted when a target was added or removed (the tab refreshes its figures)."""

    changed = Signal()
    loaded = Signal()  # the list was read (tests wait on it)

    @staticmethod
    def headers() -> tuple[str, ...]:
        return (tr("Name"), tr("Database"), tr("Table"), tr("Account column"), tr("Check"))

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        from minisip_console.core import targets

        super().__init__(tr("Saved tar&gets"), parent)
        self.setObjectName("targetsBox")
        self.database = database
        self.category: str | None = None
        self.category_label = ""
        self.targets: tuple[Target, ...] = ()
        # each target's last check in this dialog, by name: its row shows it
        self.checks: dict[str, Checked] = {}
        self.add_refused = targets.refusal("add", database.operator)
        self.remove_refused = targets.refusal("remove", database.operator)
        self.add_dialog: AddTargetDialog | None = None
        self.password_box: QInputDialog | None = None

        note = QLabel(tr("Tables of this category in other databases (MariaDB/MySQL, PostgreSQL): the policy above applies to each."))
        note.setWordWrap(True)
        self.table = name_table(
            read_only_table(self.headers(), "targetTable", single_selection=True),
            tr("Saved retention targets"),
            tr("One row per saved target of the selected category: its name, database, table, account column and last check"),
        )
        self.table.currentCellChanged.connect(self._on_row_changed)

        self.add_button = QPushButton(tr("&Add target…"))
        self.add_button.setObjectName("targetAdd")
        self.check_button = QPushButton(tr("Chec&k"))
        self.check_button.setObjectName("targetCheck")
        self.check_button.setToolTip(tr("Check the selected target by reflection on its database: table, column, index, partitions"))
        self.password_button = QPushButton(tr("Set pass&word…"))
        self.password_button.setObjectName("targetSetPassword")
        self.password_button.setToolTip(tr("Store the selected target's database password in this OS account's keyring"))
        self.remove_button = QPushButton(tr("&Remove"))
        self.remove_button.setObjectName("targetRemove")
        self.add_button.clicked.connect(self.open_add)
        self.check_button.clicked.connect(self.check)
        self.password_button.clicked.connect(self.ask_password)
        self.remove_button.clicked.connect(self.remove)

        self.detail = QLabel()
        self.detail.setObjectName("targetDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.detail.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message = QLabel()
        self.message.setObjectName("targetMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.message.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        reasons = [r for r in (self.add_refused, self.remove_refused) if r is not None]
        self.readonly_note = QLabel(tr("Read-only: {reason}").format(reason=error_text(reasons[0])) if reasons else "")
        self.readonly_note.setObjectName("targetReadOnly")
        self.readonly_note.setWordWrap(True)
        self.readonly_note.setVisible(bool(reasons))

        self.reading = LatestRead(self, "targets", done=self._on_loaded, failed=self._on_load_failed)
        self.checking = LongAction(self, "targetCheck")
        self.checking.hold_buttons(self.check_button)
        self.storing = LongAction(self, "targetPassword")
        self.storing.hold_buttons(self.password_button)
        self.removing = LongAction(self, "targetRemove")
        self.removing.hold_buttons(self.remove_button)
        for action in (self.checking, self.storing, self.removing):
            action.idle.connect(self._update_buttons)

        buttons = QHBoxLayout()
        for button in (self.add_button, self.check_button, self.password_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.readonly_note)
        layout.addWidget(self.detail)
        layout.addWidget(self.message)
        self._update_buttons()

    # ------------------------------------------------------------------ reading
    def set_category(self, category: str | None, label: str = "") -> Worker | None:
        """Show ``category``'s targets (read on a worker)."""
        if category == self.category and self.targets:
            return None
        self.category, self.category_label = category, label
        self.targets = ()
        self.table.setRowCount(0)
        self.message.hide()
        self._update_buttons()
        return self.reload()

    def reload(self) -> Worker | None:
        if self.category is None:
            return None
        return self.reading.start(load_targets, self.database, self.category, label="retention targets")

    def _on_loaded(self, found: tuple[Target, ...]) -> None:
        current = self.selected
        self.targets = found
        self.table.setRowCount(len(found))
        for row, target in enumerate(found):
            for col, (text, tip) in enumerate(self._cells(target)):
                item = QTableWidgetItem(text)
                if tip:
                    item.setToolTip(tip)
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()
        names = [t.name for t in found]
        if found:
            self.table.setCurrentCell(names.index(current.name) if current is not None and current.name in names else 0, 0)
        self._update_buttons()
        self.loaded.emit()

    def _on_load_failed(self, failure: WorkFailure) -> None:
        self.show_message(tr("The saved targets could not be read: {error}").format(error=failure_text(failure)), bad=True)
        self.loaded.emit()

    def _cells(self, target: Target) -> tuple[tuple[str, str], ...]:
        database = str(target.to_dict()["database"])
        if target.account_column is None:
            account = tr("none: legal holds cannot apply")
        else:
            account = tr("{column} as {format}").format(column=target.account_column, format=target.account_format)
        checked = self.checks.get(target.name)
        check = (checked.cell, checked.full) if checked is not None else (tr("Not checked"), "")
        return (
            (target.name, target.label),
            (database, target.url),
            (f"{target.table_name}.{target.timestamp_column}", ""),
            (account, ""),
            check,
        )

    def _show_check(self, name: str, checked: Checked) -> None:
        self.checks[name] = checked
        for row, target in enumerate(self.targets):
            if target.name == name:
                item = QTableWidgetItem(checked.cell)
                item.setToolTip(checked.full)
                if not checked.ok:
                    from PySide6.QtGui import QBrush, QColor

                    item.setForeground(QBrush(QColor(theme.current().bad)))
                self.table.setItem(row, len(self.headers()) - 1, item)
        self._show_detail()

    @property
    def selected(self) -> Target | None:
        row = self.table.currentRow()
        return self.targets[row] if 0 <= row < len(self.targets) else None

    @Slot(int, int, int, int)
    def _on_row_changed(self, *_args: int) -> None:
        self._show_detail()
        self._update_buttons()

    def _show_detail(self) -> None:
        target = self.selected
        checked = self.checks.get(target.name) if target is not None else None
        self.detail.setText(checked.full if checked is not None else "")
        self.detail.setVisible(checked is not None)

    def show_message(self, text: str, *, bad: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(f"color: {theme.current().bad}; font-weight: bold;" if bad else "")
        self.message.show()

    @Slot()
    def _update_buttons(self) -> None:
        selected = self.selected is not None
        self.add_button.setEnabled(self.add_refused is None and self.category is not None)
        self.add_button.setToolTip(
            error_text(self.add_refused) if self.add_refused is not None else tr("Add a table of this category in another database")
        )
        self.check_button.setEnabled(selected)
        self.password_button.setEnabled(selected and self.selected is not None and self.selected.needs_password)
        self.remove_button.setEnabled(self.remove_refused is None and selected)
        self.remove_button.setToolTip(
            error_text(self.remove_refused) if self.remove_refused is not None else tr("Remove the selected target and its password")
        )
        for action in (self.checking, self.storing, self.removing):
            action.hold()

    # ------------------------------------------------------------------ adding
    @Slot()
    def open_add(self) -> AddTargetDialog | None:
        if self.add_refused is not None or self.category is None:
            return None
        if self.add_dialog is None:
            dialog = AddTargetDialog(self.database, self.category, self.category_label, self)
            dialog.added.connect(self._on_added)
            dialog.finished.connect(self._on_add_finished)
            self.add_dialog = dialog
            dialog.open()
        return self.add_dialog

    def _on_added(self, checked: TargetCheck) -> None:
        name = checked.target.name
        self.checks[name] = checked_words(checked)  # the row the next read brings shows it
        self.show_message(tr("Added retention target {label}.").format(label=checked.target.label))
        self.reload()
        self.changed.emit()

    @Slot(int)
    def _on_add_finished(self, _result: int) -> None:
        if self.add_dialog is not None and self.sender() is self.add_dialog:
            self.add_dialog.deleteLater()
            self.add_dialog = None

    # ------------------------------------------------------------------ checking
    @Slot()
    def check(self) -> Worker | None:
        from minisip_console.core import targets

        target = self.selected
        if target is None:
            return None
        self.show_message(tr("Checking {name} on its database…").format(name=target.name))
        return self.checking.start(
            targets.check,
            target,
            label=f"check retention target {target.name}",
            done=lambda checked: self._on_checked(target.name, checked),
            failed=lambda failure: self._on_check_failed(target.name, failure),
        )

    def _on_checked(self, name: str, checked: TargetCheck) -> None:
        words = checked_words(checked)
        self._show_check(name, words)
        self.show_message(tr("Checked {name}: {result}").format(name=name, result=words.cell), bad=not words.ok)

    def _on_check_failed(self, name: str, failure: WorkFailure) -> None:
        from minisip_console.ui import crash

        text = problem_text(failure.message, failure.hint) if failure.known else failure_text(failure)
        self._show_check(name, Checked(tr("Failed: {error}").format(error=text), text, False))
        self.show_message(tr("Check of {name} failed: {error}").format(name=name, error=text), bad=True)
        if not failure.known:
            crash.report_failure(failure)

    # ------------------------------------------------------------------ the password
    @Slot()
    def ask_password(self) -> QInputDialog | None:
        target = self.selected
        if target is None or self.password_box is not None or self.storing.running:
            return None
        box = QInputDialog(self)
        box.setObjectName("targetPasswordDialog")
        box.setWindowTitle(tr("Set the password of {name}").format(name=target.name))
        box.setLabelText(
            tr("The password of {database} for {name}. It is tried on the server, then kept in this OS account's keyring.").format(
                database=target.to_dict()["database"], name=target.name
            )
        )
        box.setTextEchoMode(QLineEdit.EchoMode.Password)
        box.setInputMode(QInputDialog.InputMode.TextInput)
        box.setOkButtonText(tr("&Store password"))
        box.textValueSelected.connect(lambda password: self.store_password(target, password))
        box.finished.connect(self._on_password_box_finished)
        self.password_box = box
        box.open()
        return box

    @Slot(int)
    def _on_password_box_finished(self, _result: int) -> None:
        box = self.password_box
        if box is not None and self.sender() is box:
            box.deleteLater()
            self.password_box = None

    def store_password(self, target: Target, password: str) -> Worker | None:
        from minisip_console.core import targets

        return self.storing.start(
            targets.store_password,
            target,
            password,
            label=f"store the password of retention target {target.name}",
            done=lambda checked: self._on_password_stored(target.name, checked),
            failed=self._on_action_failed,
        )

    def _on_password_stored(self, name: str, checked: TargetCheck) -> None:
        self._show_check(name, checked_words(checked))
        self.show_message(tr("Stored the password of {name} in this OS account's keyring.").format(name=name))

    def _on_action_failed(self, failure: WorkFailure) -> None:
        from minisip_console.ui import crash

        text = problem_text(failure.message, failure.hint) if failure.known else failure_text(failure)
        self.show_message(text, bad=True)
        if not failure.known:
            crash.report_failure(failure)

    # ------------------------------------------------------------------ removing
    @Slot()
    def remove(self) -> None:
        target = self.selected
        if target is None or self.remove_refused is not None:
            return
        self.removing.confirm(
            Confirm(
                "targetRemoveConfirm",
                tr("Remove a retention target"),
                tr("Remove the retention target {label}?").format(label=target.label),
                tr(
                    "Its password is taken out of this OS account's keyring. Its table and rows in its own database are not "
                    "touched, and its purge receipts keep its name; the console no longer purges it."
                ),
                yes=tr("&Remove target"),
                yes_name="targetRemoveYes",
            ),
            then=lambda: self._start_remove(target),
            parent=self,
        )

    def _start_remove(self, target: Target) -> Worker | None:
        from minisip_console.core import targets

        return self.removing.start(
            targets.remove,
            self.database.sessions,
            self.database.operator,
            target.name,
            label=f"remove retention target {target.name}",
            done=self._on_removed,
            failed=self._on_action_failed,
        )

    def _on_removed(self, removed: Removed) -> None:
        self.checks.pop(removed.target.name, None)
        self.show_message(tr("Removed retention target {label}.").format(label=removed.target.label))
        self.reload()
        self.changed.emit()

    def reset(self) -> None:
        for action in (self.checking, self.storing, self.removing):
            action.reset()
        self.reading.reset()
