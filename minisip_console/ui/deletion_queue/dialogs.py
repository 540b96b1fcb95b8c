"""The Deletion queue tab's dialogs: a new request, the approval decision, the certificate."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextBrowser,
    QVBoxLayout,
)

from minisip_console.core import limits
from minisip_console.core.plumbing.errors import ConsoleError
from minisip_console.ui.deletion_queue.models import SCOPE_CODES, rejection_reason, scope_phrase, scopes
from minisip_console.ui.dialog_parts import error_label, fit
from minisip_console.ui.i18n import shown, tr
from minisip_console.ui.long_action import LongAction, show_failure_in
from minisip_console.ui.tabs import error_text

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from minisip_console.core.deletion import RequestInfo
    from minisip_console.core.plumbing.connection import Database
    from minisip_console.ui.workers import Worker, WorkFailure


# --------------------------------------------------------------------------- dialogs


class NewRequestDialog(QDialog):
    """A customer's deletion request: account, scope, ticket and source, checked inline; the
    core's refusal (an unknown account, a duplicate) is shown here and nothing typed is lost."""

    filed = Signal(object)  # RequestInfo

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deletionNewDialog")
        self.setWindowTitle(tr("New deletion request"))
        self.database = database
        self.account = QLineEdit()
        self.account.setObjectName("deletionNewAccount")
        self.account.setPlaceholderText(tr("e.g. 42"))
        self.scope = QComboBox()
        self.scope.setObjectName("deletionNewScope")
        for value in SCOPE_CODES:
            self.scope.addItem(scopes()[value], value)
        self.ticket = QLineEdit()
        self.ticket.setObjectName("deletionNewTicket")
        self.ticket.setPlaceholderText(tr("the support ticket, e.g. SUP-1234"))
        self.source = QLineEdit()
        self.source.setObjectName("deletionNewSource")
        self.source.setPlaceholderText(tr("how the customer asked, e.g. email to support (optional)"))
        self.source.setMaxLength(300)
        self.account_error = error_label("deletionNewAccountError")
        self.ticket_error = error_label("deletionNewTicketError")
        self.error = error_label("deletionNewError")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for text, widget, error in (
            (tr("&Account id:"), self.account, self.account_error),
            (tr("&Scope:"), self.scope, None),
            (tr("&Ticket:"), self.ticket, self.ticket_error),
            (tr("S&ource:"), self.source, None),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
            if error is not None:
                form.addRow("", error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(tr("&File request"))
        self.ok_button.setObjectName("deletionNewFile")
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.account.textChanged.connect(self._check_account)
        self.ticket.textChanged.connect(self._check_ticket)
        intro = QLabel(tr("Record what the customer asked for. The request is due in 30 days; another operator approves it."))
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(620, self.sizeHint().height())
        self.filing = LongAction(self, "deletionFile")
        self.filing.hold_buttons(self.ok_button)

    def _account_problem(self) -> str | None:
        problem = limits.id_problem(self.account.text())[1]
        return shown(problem) if problem is not None else None

    def _ticket_problem(self) -> str | None:
        from minisip_console.core.purposes import validate_ticket

        try:
            validate_ticket(self.ticket.text())
        except ConsoleError as exc:
            return error_text(exc)
        return None

    @Slot()
    def _check_account(self) -> None:
        problem = self._account_problem() if self.account.text().strip() else None
        self.account_error.setText(problem or "")
        self.account_error.setVisible(problem is not None)
        fit(self)

    @Slot()
    def _check_ticket(self) -> None:
        problem = self._ticket_problem() if self.ticket.text().strip() else None
        self.ticket_error.setText(problem or "")
        self.ticket_error.setVisible(problem is not None)
        fit(self)

    @Slot()
    def submit(self) -> Worker | None:
        """Check the form inline (None when a field is wrong), then file the request on a worker:
        ``filed`` and the dialog closes, or the core's refusal shows here and nothing typed is lost."""
        from minisip_console.core import deletion

        self.error.hide()
        problems = [(self._account_problem(), self.account_error, self.account), (self._ticket_problem(), self.ticket_error, self.ticket)]
        first = None
        for problem, label, widget in problems:
            label.setText(problem or "")
            label.setVisible(problem is not None)
            if problem is not None and first is None:
                first = widget
        if first is not None:
            fit(self)
            first.setFocus()
            return None
        return self.filing.start(
            deletion.file_request,
            self.database.sessions,
            self.database.operator,
            limits.parse_id(self.account.text()),
            self.scope.currentData(),
            ticket=self.ticket.text(),
            source=self.source.text(),
            label="file a deletion request",
            done=self._on_filed,
            failed=self._on_failed,
        )

    def _on_filed(self, info: RequestInfo) -> None:
        self.filed.emit(info)
        self.accept()

    def _on_failed(self, failure: WorkFailure) -> None:
        show_failure_in(self.error, failure)
        fit(self)


class DecisionDialog(QDialog):
    """Reject (a reason from the core's list and a note) or cancel (a note) one request."""

    decided = Signal(object)  # RequestInfo

    def __init__(self, database: Database, request: RequestInfo, kind: str, parent: QWidget | None = None) -> None:
        from minisip_console.core.deletion import REJECTION_REASONS

        super().__init__(parent)
        self.setObjectName("deletionRejectDialog" if kind == "reject" else "deletionCancelDialog")
        self.database = database
        self.request = request
        self.kind = kind
        rejecting = kind == "reject"
        self.setWindowTitle((tr("Reject request {id}") if rejecting else tr("Cancel request {id}")).format(id=request.id))
        self.reason = QComboBox()
        self.reason.setObjectName("deletionRejectReason")
        for code in REJECTION_REASONS:
            self.reason.addItem(rejection_reason(code), code)
        self.note = QPlainTextEdit()
        self.note.setObjectName("deletionDecisionNote")
        self.note.setTabChangesFocus(True)
        self.note.setPlaceholderText(
            tr("What the customer is told (required for another reason)") if rejecting else tr("Why it is withdrawn (optional)")
        )
        self.note.setFixedHeight(self.note.fontMetrics().height() * 5)
        self.error = error_label("deletionDecisionError")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        if rejecting:
            reason_label = QLabel(tr("&Reason:"))
            reason_label.setBuddy(self.reason)
            form.addRow(reason_label, self.reason)
        else:
            self.reason.hide()
        note_label = QLabel(tr("&Note:"))
        note_label.setBuddy(self.note)
        form.addRow(note_label, self.note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(tr("Re&ject request") if rejecting else tr("Cancel &the request"))
        self.ok_button.setObjectName("deletionDecisionOk")
        self.ok_button.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("&Keep it") if not rejecting else tr("Cancel"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        intro = QLabel(
            tr("Request {id}: delete {scope} of account {account}, filed by {who} ({ticket}).").format(
                id=request.id,
                scope=scope_phrase(request.scope),
                account=request.account_id,
                who=request.requested_by,
                ticket=request.ticket_ref,
            )
        )
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())
        self.deciding = LongAction(self, "deletionDecision")
        self.deciding.hold_buttons(self.ok_button)

    @Slot()
    def submit(self) -> Worker | None:
        """Reject or cancel on a worker: ``decided`` and the dialog closes, or the core's refusal shows here."""
        from minisip_console.core import deletion

        note = self.note.toPlainText()
        self.error.hide()
        if self.kind == "reject":
            code = self.reason.currentData()
            if code == "other" and not note.strip():
                self.error.setText(tr("A rejection for another reason needs a note explaining it."))
                self.error.show()
                fit(self)
                self.note.setFocus()
                return None
            return self.deciding.start(
                deletion.reject,
                self.database.sessions,
                self.database.operator,
                self.request.id,
                code,
                note,
                label=f"reject request {self.request.id}",
                done=self._on_decided,
                failed=self._on_failed,
            )
        return self.deciding.start(
            deletion.cancel_request,
            self.database.sessions,
            self.database.operator,
            self.request.id,
            note,
            label=f"cancel request {self.request.id}",
            done=self._on_decided,
            failed=self._on_failed,
        )

    def _on_decided(self, info: RequestInfo) -> None:
        self.decided.emit(info)
        self.accept()

    def _on_failed(self, failure: WorkFailure) -> None:
        show_failure_in(self.error, failure)
        fit(self)


class CertificateView(QDialog):
    """The certificate as the customer reads it."""

    def __init__(self, request_id: int, page: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deletionCertificateView")
        self.setWindowTitle(tr("Deletion certificate of request {id}").format(id=request_id))
        self.browser = QTextBrowser()
        self.browser.setObjectName("deletionCertificateBrowser")
        self.browser.setAccessibleName(tr("Deletion certificate"))
        self.browser.setOpenLinks(False)
        self.browser.setHtml(page)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(760, 680)
