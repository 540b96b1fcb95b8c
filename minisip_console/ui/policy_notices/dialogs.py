"""The Policy notices tab's dialogs: a new version, the significance decision, a site notice.

(The mail server dialog is in ``tab.py``: it asks the tab it belongs to, an import the other way round.)"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
)

from minisip_console.core.plumbing.errors import ConsoleError
from minisip_console.ui import formatting
from minisip_console.ui.dialog_parts import dialog_action, error_label, fit, form_with, ok_cancel, show_dialog_failure, text_edit
from minisip_console.ui.i18n import tr
from minisip_console.ui.policy_notices.models import kind_word
from minisip_console.ui.tabs import error_text

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from minisip_console.core.plumbing.connection import Database
    from minisip_console.core.policy_versions import NoticeInfo, VersionInfo
    from minisip_console.ui.workers import Worker, WorkFailure


# --------------------------------------------------------------------------- small widgets


# --------------------------------------------------------------------------- dialogs


class NewVersionDialog(QDialog):
    """A new draft: number, effective date, kind (and transfer date), summary and text, checked
    inline; the core's refusal is shown here and nothing typed is lost."""

    created = Signal(object)  # VersionInfo

    def __init__(self, database: Database, base: VersionInfo | None, parent: QWidget | None = None) -> None:
        from minisip_console.core.policy_versions import KINDS

        super().__init__(parent)
        self.setObjectName("policyNewDialog")
        self.setWindowTitle(tr("New policy version"))
        self.database = database
        self.number = QLineEdit()
        self.number.setObjectName("policyNewNumber")
        self.number.setPlaceholderText(tr("major.minor, e.g. 1.2"))
        self.effective = QLineEdit()
        self.effective.setObjectName("policyNewEffective")
        self.effective.setPlaceholderText(tr("YYYY-MM-DD, e.g. 2027-01-31"))
        self.kind = QComboBox()
        self.kind.setObjectName("policyNewKind")
        for k in KINDS:
            self.kind.addItem(kind_word(k), k)
        self.transfer = QLineEdit()
        self.transfer.setObjectName("policyNewTransfer")
        self.transfer.setPlaceholderText(tr("YYYY-MM-DD: when data moves to the acquirer"))
        self.transfer.setEnabled(False)
        self.kind.currentIndexChanged.connect(lambda _i: self.transfer.setEnabled(self.kind.currentData() == "acquisition"))
        self.summary = QLineEdit()
        self.summary.setObjectName("policyNewSummary")
        self.summary.setPlaceholderText(tr("what changes and why, for the owners"))
        self.text = text_edit("policyNewText", 10)
        if base is not None:
            self.text.setPlainText(base.text)
        self.number_error = error_label("policyNewNumberError")
        self.effective_error = error_label("policyNewEffectiveError")
        self.error = error_label("policyNewError")
        form = form_with(
            [
                (tr("&Number:"), self.number, self.number_error),
                (tr("&Effective date:"), self.effective, self.effective_error),
                (tr("&Kind:"), self.kind, None),
                (tr("T&ransfer date:"), self.transfer, None),
                (tr("&Summary:"), self.summary, None),
                (tr("Te&xt (Markdown):"), self.text, None),
            ],
        )
        self.buttons, self.ok_button = ok_cancel(tr("&Draft version"), "policyNewOk", self)
        self.writing = dialog_action(self, "policyNew", self.buttons)
        self.buttons.accepted.connect(self.submit)
        self.number.textChanged.connect(self._check)
        self.effective.textChanged.connect(self._check)
        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(760, 620)

    def _problems(self) -> tuple[str | None, str | None]:
        from minisip_console.core import policy_versions as pv

        out: list[str | None] = []
        for fn in (lambda: pv.parse_number(self.number.text()), lambda: pv.parse_date(self.effective.text(), "effective date")):
            try:
                fn()
                out.append(None)
            except ConsoleError as exc:
                out.append(error_text(exc))
        return out[0], out[1]

    @Slot()
    def _check(self) -> None:
        number, effective = self._problems()
        for problem, label, edit in ((number, self.number_error, self.number), (effective, self.effective_error, self.effective)):
            shown = problem if edit.text().strip() else None
            label.setText(shown or "")
            label.setVisible(shown is not None)
        fit(self)

    @Slot()
    def submit(self) -> Worker | None:
        """Check inline (None when a field is wrong), then draft on a worker: ``created``, or the core's refusal here."""
        from minisip_console.core import policy_versions as pv

        self.error.hide()
        number, effective = self._problems()
        for problem, label in ((number, self.number_error), (effective, self.effective_error)):
            label.setText(problem or "")
            label.setVisible(problem is not None)
        if number or effective:
            (self.number if number else self.effective).setFocus()
            fit(self)
            return None
        kind = self.kind.currentData()
        return self.writing.start(
            pv.create_version,
            self.database.sessions,
            self.database.operator,
            number=self.number.text(),
            effective_date=self.effective.text(),
            text=self.text.toPlainText(),
            summary=self.summary.text(),
            kind=kind,
            transfer_date=self.transfer.text() if kind == "acquisition" else None,
            label="draft a policy version",
            done=self._on_written,
            failed=lambda failure: show_dialog_failure(self, self.error, failure),
        )

    def _on_written(self, info: VersionInfo) -> None:
        self.created.emit(info)
        self.accept()


class DecideDialog(QDialog):
    """An approver's decision: significant or not, and why (for the audit log)."""

    decided = Signal(object)  # VersionInfo

    def __init__(self, database: Database, version: VersionInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("policyDecideDialog")
        self.setWindowTitle(tr("Is version {number} significant?").format(number=version.number))
        self.database = database
        self.version = version
        self.yes = QRadioButton(tr("&Significant: every account owner is emailed (or told on the site)"))
        self.yes.setObjectName("policyDecideYes")
        self.no = QRadioButton(tr("&Minor: no notice is needed"))
        self.no.setObjectName("policyDecideNo")
        group = QButtonGroup(self)
        group.addButton(self.yes)
        group.addButton(self.no)
        self.yes.setChecked(True)
        self.reason = text_edit("policyDecideReason", 3)
        self.reason.setPlaceholderText(tr("Why (3 to 500 characters, recorded in the audit log)"))
        self.error = error_label("policyDecideError")
        intro = QLabel(tr("Version {number}: {summary}").format(number=version.number, summary=version.summary or tr("no summary")))
        intro.setWordWrap(True)
        intro.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        reason_label = QLabel(tr("R&eason:"))
        reason_label.setBuddy(self.reason)
        self.buttons, self.ok_button = ok_cancel(tr("&Record decision"), "policyDecideOk", self)
        self.writing = dialog_action(self, "policyDecide", self.buttons)
        self.buttons.accepted.connect(self.submit)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.yes)
        layout.addWidget(self.no)
        layout.addWidget(reason_label)
        layout.addWidget(self.reason)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())

    @Slot()
    def submit(self) -> Worker | None:
        """Record the decision on a worker: ``decided``, or the core's refusal here."""
        from minisip_console.core import policy_versions as pv

        self.error.hide()
        return self.writing.start(
            pv.decide_significance,
            self.database.sessions,
            self.database.operator,
            self.version.number,
            self.yes.isChecked(),
            self.reason.toPlainText(),
            label=f"decide version {self.version.number}",
            done=self._on_written,
            failed=self._on_failed,
        )

    def _on_written(self, info: VersionInfo) -> None:
        self.decided.emit(info)
        self.accept()

    def _on_failed(self, failure: WorkFailure) -> None:
        show_dialog_failure(self, self.error, failure)
        self.reason.setFocus()


class SiteNoticeDialog(QDialog):
    """A prominent notice on the site: title, text, shown from (and until)."""

    created = Signal(object)  # NoticeInfo

    def __init__(self, database: Database, version: VersionInfo, parent: QWidget | None = None) -> None:
        from minisip_console.core.models import utcnow

        super().__init__(parent)
        self.setObjectName("policyNoticeDialog")
        self.setWindowTitle(tr("Site notice about version {number}").format(number=version.number))
        self.database = database
        self.version = version
        self.title = QLineEdit("We have updated our privacy policy")
        self.title.setObjectName("policyNoticeTitle")
        self.body = text_edit("policyNoticeBody", 4)
        self.body.setPlainText(
            f"Version {version.number} of our privacy policy takes effect on {formatting.date(version.effective_date)}. "
            + (f"{version.summary} " if version.summary else "")
            + "Read it at https://www.minisipserver.com/privacy."
        )
        self.shown_from = QLineEdit(utcnow().strftime("%Y-%m-%d %H:%M"))
        self.shown_from.setObjectName("policyNoticeFrom")
        self.shown_until = QLineEdit()
        self.shown_until.setObjectName("policyNoticeUntil")
        self.shown_until.setPlaceholderText(tr("optional, e.g. 2027-03-31"))
        self.error = error_label("policyNoticeError")
        form = form_with(
            [
                (tr("&Title:"), self.title, None),
                (tr("Te&xt:"), self.body, None),
                (tr("Shown &from (UTC):"), self.shown_from, None),
                (tr("Shown &until (UTC):"), self.shown_until, None),
            ],
        )
        self.buttons, self.ok_button = ok_cancel(tr("&Publish notice"), "policyNoticeOk", self)
        self.writing = dialog_action(self, "policyNotice", self.buttons)
        self.buttons.accepted.connect(self.submit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(620, self.sizeHint().height())

    @Slot()
    def submit(self) -> Worker | None:
        """Place the notice on a worker: ``created``, or the core's refusal here."""
        from minisip_console.core import policy_versions as pv

        self.error.hide()
        return self.writing.start(
            pv.create_site_notice,
            self.database.sessions,
            self.database.operator,
            self.version.number,
            title=self.title.text(),
            body=self.body.toPlainText(),
            shown_from=self.shown_from.text().strip().replace(" ", "T"),
            shown_until=self.shown_until.text().strip().replace(" ", "T") or None,
            label=f"site notice about {self.version.number}",
            done=self._on_written,
            failed=lambda failure: show_dialog_failure(self, self.error, failure),
        )

    def _on_written(self, notice: NoticeInfo) -> None:
        self.created.emit(notice)
        self.accept()
