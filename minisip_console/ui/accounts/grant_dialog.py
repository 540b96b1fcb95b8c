"""The access-grant dialog: a purpose, a ticket reference and a duration before personal data.

The ticket is checked as it is typed with the core's own ``purposes.validate_ticket`` (OK stays
disabled until it is valid); OK runs ``access.grant_access`` on a worker. A refusal from the
core (a viewer, an inactive operator, a deleted account) is shown inside the dialog, which
stays open with everything typed, so nothing is lost.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QMenu,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from minisip_console.core.access import DEFAULT_MINUTES, MAX_MINUTES
from minisip_console.core.plumbing.errors import ConsoleError, InvalidInput
from minisip_console.core.purposes import Purpose, validate_ticket
from minisip_console.ui import crash, theme
from minisip_console.ui.i18n import shown, tr
from minisip_console.ui.long_action import LongAction
from minisip_console.ui.notifier import Notifier
from minisip_console.ui.tabs import error_text

if TYPE_CHECKING:
    from minisip_console.core.access import GrantInfo
    from minisip_console.core.plumbing.connection import Database
    from minisip_console.ui.workers import Worker, WorkFailure


class GrantDialog(QDialog):
    """Ask for access to one account. ``granted(GrantInfo)`` is emitted before the dialog accepts."""

    granted = Signal(object)  # core.access.GrantInfo
    #: the core refused or failed: the message is shown in the dialog (tests wait on it)
    refused = Signal(str)

    def __init__(self, database: Database, account_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("grantDialog")
        self.setWindowTitle(tr("Access account {id}").format(id=account_id))
        self.database = database
        self.account_id = account_id
        self.grant: GrantInfo | None = None
        #: the one long-action path (ui/long_action.py)
        self.granting = LongAction(self, "grant")

        intro = QLabel(
            tr(
                "Account {id}'s personal data is masked. State why you need it: the purpose and "
                "the ticket are recorded in the audit log, and the access ends on its own."
            ).format(id=account_id)
        )
        intro.setWordWrap(True)
        intro.setObjectName("grantIntro")

        self.purpose = QComboBox()
        self.purpose.setObjectName("grantPurpose")
        for purpose in Purpose:
            self.purpose.addItem(shown(purpose.label), purpose)
        self.ticket = QLineEdit()
        self.ticket.setObjectName("grantTicket")
        self.ticket.setPlaceholderText(tr("e.g. SUP-1234"))
        self.ticket.setMaxLength(60)
        self.ticket_error = QLabel()
        self.ticket_error.setObjectName("grantTicketError")
        self.ticket_error.setWordWrap(True)
        self.ticket_error.setTextFormat(Qt.TextFormat.PlainText)
        self.ticket_error.setStyleSheet(f"color: {theme.current().bad};")
        # room for the message and its hint (a wrapped label in a form row is not given its height)
        self.ticket_error.setMinimumHeight(self.ticket_error.fontMetrics().lineSpacing() * 3 + 4)
        self.minutes = QSpinBox()
        self.minutes.setObjectName("grantMinutes")
        self.minutes.setRange(1, MAX_MINUTES)
        self.minutes.setValue(DEFAULT_MINUTES)
        self.minutes.setSuffix(tr(" min"))

        form = QFormLayout()
        for text, field in ((tr("&Purpose:"), self.purpose), (tr("&Ticket reference:"), self.ticket), (tr("&Duration:"), self.minutes)):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
            if field is self.ticket:
                form.addRow("", self.ticket_error)

        self.error = QLabel()
        self.error.setObjectName("grantError")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setStyleSheet(f"color: {theme.current().bad}; font-weight: bold;")
        self.error.hide()
        from minisip_console.core.access import refusal

        #: the core's answer for this operator (``access.refusal``): a viewer is told here, before typing
        self.refusal = refusal("grant", database.operator)
        if self.refusal is not None:
            self.error.setText(error_text(self.refusal))
            self.error.show()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(tr("&Grant access"))
        self.ok_button.setObjectName("grantOk")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancel"))
        self.buttons.accepted.connect(self.request_grant)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        # the dialog grows with a message (the ticket's problem, a refusal) instead of clipping it
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        intro.setMinimumWidth(max(460, intro.fontMetrics().averageCharWidth() * 62))
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        self.ticket.textChanged.connect(self._validate)
        self._validate(self.ticket.text())
        self.ticket.setFocus()

    # -- validation
    def ticket_problem(self) -> str | None:
        try:
            validate_ticket(self.ticket.text())
        except InvalidInput as exc:
            return shown(exc.message) if not exc.hint else f"{shown(exc.message)} {shown(exc.hint)}"
        return None

    @Slot(str)
    def _validate(self, text: str) -> None:
        problem = self.ticket_problem()
        busy = self.granting.running
        self.ok_button.setEnabled(problem is None and not busy and self.refusal is None)
        if self.refusal is not None:
            self.ok_button.setToolTip(error_text(self.refusal))
        # say nothing while the field is still empty; once typed, say what is wrong
        self.ticket_error.setText(problem if problem and text.strip() else "")
        self.ticket_error.setVisible(bool(problem and text.strip()))

    # -- granting
    @Slot()
    def request_grant(self) -> Worker | None:
        from minisip_console.core.access import grant_access

        if self.ticket_problem() is not None or self.granting.running or self.refusal is not None:
            return None
        self.error.hide()
        purpose: Purpose = self.purpose.currentData()
        worker = self.granting.start(
            grant_access,
            self.database.sessions,
            self.database.operator,
            self.account_id,
            purpose,
            self.ticket.text(),
            self.minutes.value(),
            label="grant access",
            done=self._on_granted,
            failed=self._on_failed,
        )
        self._set_busy(True)
        return worker

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.purpose, self.ticket, self.minutes):
            widget.setEnabled(not busy)
        self._validate(self.ticket.text())

    def _on_granted(self, grant: GrantInfo) -> None:
        self._set_busy(False)
        self.grant = grant
        self.granted.emit(grant)
        self.accept()

    def _on_failed(self, failure: WorkFailure) -> None:
        self._set_busy(False)
        if failure.known:
            text = shown(failure.message) + (f"\n{shown(failure.hint)}" if failure.hint else "")
        else:
            text = tr("Access could not be granted because of a bug in the console; the details are in the crash report.")
            crash.report_failure(failure)
        self.error.setText(text)
        self.error.show()
        self.refused.emit(text)

    def reject(self) -> None:
        self.granting.reset()  # its outcome is ignored once the dialog is gone
        super().reject()


# --------------------------------------------------------------------------- the status bar


def grant_text(grant: GrantInfo, now: dt.datetime | None = None) -> str:
    """``"account 17, support SUP-1234, 23 min left"``."""
    seconds = grant.remaining(now or dt.datetime.now(dt.UTC)).total_seconds()
    left = int(-(-seconds // 60))
    # {purpose} is the code (support, bug...), {label} the purpose's words: a translation may use either
    return tr("account {id}, {purpose} {ticket}, {minutes} min left").format(
        id=grant.account_id, purpose=grant.purpose.value, label=shown(Purpose(grant.purpose).label), ticket=grant.ticket, minutes=left
    )


class GrantsStatus(QToolButton):
    """The operator's running grants in the status bar, refreshed each minute; its menu ends one early.

    Hidden while there is none. ``changed(tuple)`` after each refresh (tests wait on it).
    """

    changed = Signal(object)  # tuple[GrantInfo, ...]
    REFRESH_MS = 60_000

    def __init__(self, notifier: Notifier, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("grantsStatus")
        self.setAccessibleName(tr("Your access grants"))
        self.setAutoRaise(True)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setToolTip(tr("Your access grants to personal data; choose one to end it early"))
        # squeezed last by the other status-bar labels: the time left should stay readable
        self.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Preferred)
        self.notifier = notifier
        self.database: Database | None = None
        self.grants: tuple[GrantInfo, ...] = ()
        self._menu = QMenu(self)
        self.setMenu(self._menu)
        self.timer = QTimer(self)
        self.timer.setInterval(self.REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        #: the one long-action path (ui/long_action.py): reading the grants, ending one
        self.reading = LongAction(self, "grantsRead")
        self.ending = LongAction(self, "grantEnd")
        self._read_again = False
        self.hide()

    def set_database(self, database: Database | None) -> None:
        self.database = database
        self.reading.reset()
        self._read_again = False
        if database is None:
            self.timer.stop()
            self._show(())
        else:
            self.timer.start()
            self.refresh()

    @Slot()
    def refresh(self) -> None:
        """Read the running grants (one small indexed query) on a worker and show them; asked while a
        read runs, it reads once more when that one ends (a grant made meanwhile is not missed)."""
        from minisip_console.core.access import active_grants

        if self.database is None:
            self._show(())
            return
        if self.reading.running:
            self._read_again = True
            return
        self.reading.start(
            active_grants,
            self.database.sessions,
            self.database.operator,
            label="read the access grants",
            done=self._on_read,
            failed=self._on_read_failed,
        )

    def _on_read(self, grants: tuple[GrantInfo, ...]) -> None:
        if self._read_again:
            self._read_again = False
            self.refresh()
            return
        self._show(grants)

    def _on_read_failed(self, failure: WorkFailure) -> None:
        self._read_again = False
        if failure.known and isinstance(failure.error, ConsoleError):
            self.notifier.console_error(failure.error)
        elif not failure.known:
            crash.report_failure(failure)

    def _show(self, grants: tuple[GrantInfo, ...]) -> None:
        self.grants = grants
        self._menu.clear()
        now = dt.datetime.now(dt.UTC)
        if grants:
            text = tr("Access: {grant}").format(grant=grant_text(grants[0], now))
            if len(grants) > 1:
                text += f" (+{len(grants) - 1})"
            self.setText(text)
            for grant in grants:
                action = self._menu.addAction(tr("End access: {grant}").format(grant=grant_text(grant, now)))
                action.setData(grant.id)
                action.triggered.connect(self._on_end_action)
            self.show()
        else:
            self.setText("")
            self.hide()
        self.changed.emit(grants)

    @Slot()
    def _on_end_action(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            self.end(int(action.data()))

    def end(self, grant_id: int) -> Worker | None:
        """End a grant early on a worker, then read the grants again."""
        from minisip_console.core.access import end_grant

        if self.database is None:
            return None
        return self.ending.start(
            end_grant,
            self.database.sessions,
            self.database.operator,
            grant_id,
            label="end an access grant",
            done=self._on_ended,
            failed=self._on_end_failed,
        )

    def _on_ended(self, ended: GrantInfo) -> None:
        self.notifier.info(tr("Access to account {id} ended.").format(id=ended.account_id))
        self.refresh()

    def _on_end_failed(self, failure: WorkFailure) -> None:
        self._on_read_failed(failure)
        self.refresh()
