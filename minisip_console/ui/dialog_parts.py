"""The parts every tab's dialogs are built from: the inline error line, the form and its rows,
OK and Cancel, growing to fit a message, dates between Qt and Python, and a dialog's write on the
long-action path. One copy here; a tab's ``dialogs.py`` holds only its own dialogs."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLayout, QPlainTextEdit, QWidget

from minisip_console.ui import theme
from minisip_console.ui.i18n import shown
from minisip_console.ui.long_action import LongAction, show_failure_in

if TYPE_CHECKING:
    from PySide6.QtGui import QResizeEvent
    from PySide6.QtWidgets import QPushButton

    from minisip_console.ui.workers import WorkFailure


class WrappedLabel(QLabel):
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


def error_label(name: str) -> QLabel:
    """The hidden inline error line of a dialog (plain text: a customer's input never renders as HTML)."""
    label = WrappedLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(QtCore.Qt.TextFormat.PlainText)
    label.setStyleSheet(f"color: {theme.current().bad}; font-weight: bold;")
    label.setAlignment(QtCore.Qt.AlignmentFlag.AlignLeft | QtCore.Qt.AlignmentFlag.AlignTop)
    label.hide()
    return label


def _needed_height(dialog: QDialog, width: int) -> int:
    """The height the dialog's layout needs at ``width`` (wrapped labels counted at that width, not
    at their narrow preferred width, so no gap opens around them)."""
    layout = dialog.layout()
    layout.activate()
    if layout.hasHeightForWidth():
        return layout.totalHeightForWidth(width)
    return dialog.sizeHint().height()


def resize_to(dialog: QDialog, width: int) -> None:
    """Open a dialog ``width`` wide and exactly as tall as its contents need there."""
    dialog.resize(width, _needed_height(dialog, width))


def fit(dialog: QDialog) -> None:
    """Grow a dialog when an inline error appears, so no line of it is squeezed or cut."""
    needed = _needed_height(dialog, dialog.width())
    if needed > dialog.height():
        dialog.resize(dialog.width(), needed)


def ok_cancel(ok_text: str, ok_name: str, dialog: QDialog | None = None) -> tuple[QDialogButtonBox, QPushButton]:
    """OK (renamed, the default) and Cancel; with ``dialog``, Cancel and Esc close it."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(shown(ok_text))
    ok.setObjectName(ok_name)
    ok.setDefault(True)
    if dialog is not None:
        buttons.rejected.connect(dialog.reject)
    return buttons, ok


def form_layout() -> QFormLayout:
    """A form whose fields take the dialog's width on every platform's style."""
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form


def add_row(form: QFormLayout, text: str, field: QWidget | QLayout) -> None:
    """A labelled row; a widget becomes the label's buddy, so the label's mnemonic focuses it."""
    label = QLabel(shown(text))
    if isinstance(field, QWidget):
        label.setBuddy(field)
        form.addRow(label, field)
    else:
        form.addRow(label, field)


def form_with(rows: list[tuple[str, QWidget, QLabel | None]]) -> QFormLayout:
    """A form of labelled rows, each optionally followed by its own inline error line."""
    form = form_layout()
    for text, widget, error in rows:
        add_row(form, text, widget)
        if error is not None:
            form.addRow("", error)
    return form


def text_edit(name: str, lines: int = 4) -> QPlainTextEdit:
    """A plain multi-line field at least ``lines`` tall, where Tab moves on instead of typing a tab."""
    edit = QPlainTextEdit()
    edit.setObjectName(name)
    edit.setTabChangesFocus(True)
    edit.setMinimumHeight(edit.fontMetrics().height() * lines)
    return edit


def dialog_action(dialog: QDialog, name: str, buttons: QDialogButtonBox) -> LongAction:
    """A dialog's write on the long-action path: its OK button grey while it runs."""
    action = LongAction(dialog, name)
    action.hold_buttons(buttons.button(QDialogButtonBox.StandardButton.Ok))
    return action


def show_dialog_failure(dialog: QDialog, label: QLabel, failure: WorkFailure) -> None:
    """A dialog's write refused (the core's sentence, inline) or failed (also to the crash dialog)."""
    show_failure_in(label, failure)
    fit(dialog)


def today_utc() -> dt.date:
    """Today's date in UTC, the date every record of the service is kept in."""
    return dt.datetime.now(dt.UTC).date()


def to_qdate(value: dt.date) -> QtCore.QDate:
    return QtCore.QDate(value.year, value.month, value.day)


def to_date(value: QtCore.QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())
