"""The Law enforcement tab's intake dialog: a new request from an authority, typed or read from a file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from minisip_console.ui.dialog_parts import add_row, error_label, fit, resize_to, to_date, to_qdate, today_utc
from minisip_console.ui.i18n import shown, tr
from minisip_console.ui.law_enforcement.dialogs import _category_boxes, _Dialog
from minisip_console.ui.law_enforcement.jobs import record_job
from minisip_console.ui.law_enforcement.models import parse_accounts

if TYPE_CHECKING:
    from typing import Any

    from PySide6.QtWidgets import QWidget

    from minisip_console.core.plumbing.connection import Database
    from minisip_console.ui.workers import Worker


class IntakeDialog(_Dialog):
    """A request that has arrived: every intake field, the accounts checked inline, the documents
    picked from disk. The core's refusal (an unknown account, a date in the future) is shown here and
    nothing typed is lost."""

    recorded = Signal(object)  # RequestInfo

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        from minisip_console.core.holds import DEFAULT_HOLD_DAYS
        from minisip_console.core.legal import PROCESSES

        super().__init__(
            tr("Record a law-enforcement request"),
            "legalIntake",
            tr("&Record request"),
            tr(
                "Record the request as it arrived. Its accounts are placed under a legal hold for the period below. Only a "
                "court order or a search warrant, once checked, can be complied with; anything else can only be rejected."
            ),
            parent,
        )
        self.database = database
        today = today_utc()
        self.received = QDateEdit(to_qdate(today))
        self.received.setObjectName("legalIntakeReceived")
        self.received.setCalendarPopup(True)
        self.received.setDisplayFormat("yyyy-MM-dd")
        self.received.setMaximumDate(to_qdate(today))
        self.agency = QLineEdit()
        self.agency.setObjectName("legalIntakeAgency")
        self.agency.setPlaceholderText(tr("e.g. Springfield Police Department, Cybercrime Unit"))
        self.agency.setMaxLength(200)
        self.country = QLineEdit()
        self.country.setObjectName("legalIntakeCountry")
        self.country.setPlaceholderText(tr("e.g. US"))
        self.country.setMaxLength(100)
        self.officer = QLineEdit()
        self.officer.setObjectName("legalIntakeOfficer")
        self.officer.setPlaceholderText(tr("the officer's name"))
        self.contact = QLineEdit()
        self.contact.setObjectName("legalIntakeContact")
        self.contact.setPlaceholderText(tr("official email or phone (not a personal one)"))
        self.process = QComboBox()
        self.process.setObjectName("legalIntakeProcess")
        for code, label in PROCESSES.items():
            self.process.addItem(shown(label), code)
        self.accounts = QLineEdit()
        self.accounts.setObjectName("legalIntakeAccounts")
        self.accounts.setPlaceholderText(tr("account ids, comma-separated, e.g. 3, 7"))
        self.accounts_error = error_label("legalIntakeAccountsError")
        self.accounts_error.setWordWrap(False)  # one line: a wrapped label in a form row leaves gaps around it
        self.sought, sought_layout = _category_boxes("legalIntakeSought")
        self.reference = QLineEdit()
        self.reference.setObjectName("legalIntakeReference")
        self.reference.setPlaceholderText(tr("the agency's reference, e.g. SPD-2026-0412"))
        self.description = QPlainTextEdit()
        self.description.setObjectName("legalIntakeDescription")
        self.description.setTabChangesFocus(True)
        self.description.setPlaceholderText(tr("the data requested, in the request's words"))
        self.description.setFixedHeight(self.description.fontMetrics().height() * 3 + 12)
        self.court_order = QLineEdit()
        self.court_order.setObjectName("legalIntakeCourtOrder")
        self.court_order.setPlaceholderText(tr("case number and court, for a court order or warrant"))
        self.gag = QCheckBox(tr("A nondisclosure (&gag) order forbids telling the customer until"))
        self.gag.setObjectName("legalIntakeGag")
        self.gag_until = QDateEdit(to_qdate(today + dt.timedelta(days=90)))
        self.gag_until.setAccessibleName(tr("Gag order until"))
        self.gag_until.setObjectName("legalIntakeGagUntil")
        self.gag_until.setCalendarPopup(True)
        self.gag_until.setDisplayFormat("yyyy-MM-dd")
        self.gag_open = QCheckBox(tr("no end date"))
        self.gag_open.setObjectName("legalIntakeGagOpen")
        gag_row = QHBoxLayout()
        gag_row.setContentsMargins(0, 0, 0, 0)
        gag_row.addWidget(self.gag)
        gag_row.addWidget(self.gag_until)
        gag_row.addWidget(self.gag_open)
        gag_row.addStretch(1)
        self.hold_days = QSpinBox()
        self.hold_days.setObjectName("legalIntakeHoldDays")
        self.hold_days.setRange(1, 3660)
        self.hold_days.setValue(DEFAULT_HOLD_DAYS)
        self.hold_days.setSuffix(tr(" days", "spin box suffix"))
        self.hold_open = QCheckBox(tr("no end date (until released)"))
        self.hold_open.setObjectName("legalIntakeHoldOpen")
        hold_row = QHBoxLayout()
        hold_row.setContentsMargins(0, 0, 0, 0)
        hold_row.addWidget(self.hold_days)
        hold_row.addWidget(self.hold_open)
        hold_row.addStretch(1)
        self.documents = QListWidget()
        self.documents.setObjectName("legalIntakeDocuments")
        self.documents.setAccessibleName(tr("Documents"))
        self.documents.setAccessibleDescription(tr("The files of the request to store with it: the order, the warrant, correspondence"))
        self.documents.setFixedHeight(self.documents.fontMetrics().height() * 3 + 12)
        self.add_documents_button = QPushButton(tr("Add &files…"))
        self.add_documents_button.setObjectName("legalIntakeAddFiles")
        self.add_documents_button.clicked.connect(self.pick_documents)
        self.remove_document_button = QPushButton(tr("Re&move"))
        self.remove_document_button.setObjectName("legalIntakeRemoveFile")
        self.remove_document_button.clicked.connect(self._remove_document)
        doc_buttons = QVBoxLayout()
        doc_buttons.addWidget(self.add_documents_button)
        doc_buttons.addWidget(self.remove_document_button)
        doc_buttons.addStretch(1)
        doc_row = QHBoxLayout()
        doc_row.setContentsMargins(0, 0, 0, 0)
        doc_row.addWidget(self.documents, 1)
        doc_row.addLayout(doc_buttons)
        self.file_dialog: QFileDialog | None = None

        for text, widget in (
            (tr("Recei&ved on:"), self.received),
            (tr("Agenc&y:"), self.agency),
            (tr("Co&untry:"), self.country),
            (tr("&Officer:"), self.officer),
            (tr("Official con&tact:"), self.contact),
            (tr("&Legal process:"), self.process),
            (tr("&Accounts:"), self.accounts),
        ):
            add_row(self.form, text, widget)
        self.form.addRow("", self.accounts_error)
        self.form.addRow(QLabel(tr("Data sought:")), sought_layout)
        for text, widget in (
            (tr("Refere&nce:"), self.reference),
            (tr("&Description:"), self.description),
            (tr("&Court order:"), self.court_order),
        ):
            add_row(self.form, text, widget)
        self.form.addRow(QLabel(tr("Gag order:")), gag_row)
        hold_label = QLabel(tr("&Hold the data for:"))
        hold_label.setBuddy(self.hold_days)
        self.form.addRow(hold_label, hold_row)
        self.form.addRow(QLabel(tr("Documents:")), doc_row)
        self.accounts.textChanged.connect(self._check_accounts)
        self.gag.toggled.connect(self._sync)
        self.gag_open.toggled.connect(self._sync)
        self.hold_open.toggled.connect(self._sync)
        self.process.currentIndexChanged.connect(self._sync)
        self._sync()
        resize_to(self, 720)

    @Slot()
    def _sync(self) -> None:
        from minisip_console.core.legal import COMPLIABLE

        self.gag_until.setEnabled(self.gag.isChecked() and not self.gag_open.isChecked())
        self.gag_open.setEnabled(self.gag.isChecked())
        self.hold_days.setEnabled(not self.hold_open.isChecked())
        compliable = self.process.currentData() in COMPLIABLE
        self.court_order.setPlaceholderText(
            tr("case number and court") if compliable else tr("none: this legal process is not a court order (it can only be rejected)")
        )

    def _accounts_problem(self) -> str | None:
        return parse_accounts(self.accounts.text())[1]

    @Slot()
    def _check_accounts(self) -> None:
        problem = self._accounts_problem() if self.accounts.text().strip() else None
        self.accounts_error.setText(problem or "")
        self.accounts_error.setVisible(problem is not None)
        fit(self)

    @Slot()
    def pick_documents(self) -> QFileDialog:
        dialog = QFileDialog(self, tr("Documents received with the request"))
        dialog.setObjectName("legalIntakeFiles")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.filesSelected.connect(self.add_documents)
        dialog.finished.connect(dialog.deleteLater)
        self.file_dialog = dialog
        dialog.open()
        return dialog

    @Slot(list)
    def add_documents(self, paths: list[str]) -> None:
        present = {self.documents.item(i).data(QtCore.Qt.ItemDataRole.UserRole) for i in range(self.documents.count())}
        for p in paths:
            if p and p not in present:
                item = QListWidgetItem(Path(p).name)
                item.setData(QtCore.Qt.ItemDataRole.UserRole, p)
                item.setToolTip(p)
                self.documents.addItem(item)

    @Slot()
    def _remove_document(self) -> None:
        row = self.documents.currentRow()
        if row >= 0:
            self.documents.takeItem(row)

    def document_paths(self) -> tuple[Path, ...]:
        return tuple(Path(self.documents.item(i).data(QtCore.Qt.ItemDataRole.UserRole)) for i in range(self.documents.count()))

    def intake(self) -> Any:
        from minisip_console.core.legal import Intake

        ids, _ = parse_accounts(self.accounts.text())
        gag = self.gag.isChecked()
        return Intake(
            received_on=to_date(self.received.date()),
            agency=self.agency.text().strip(),
            country=self.country.text().strip(),
            officer_name=self.officer.text().strip(),
            officer_contact=self.contact.text().strip(),
            legal_process=self.process.currentData(),
            account_ids=ids,
            data_sought=tuple(code for code, box in self.sought.items() if box.isChecked()),
            reference=self.reference.text().strip(),
            description=self.description.toPlainText().strip(),
            court_order_ref=self.court_order.text().strip(),
            gag_order=gag,
            gag_until=to_date(self.gag_until.date()) if gag and not self.gag_open.isChecked() else None,
            hold_days=None if self.hold_open.isChecked() else self.hold_days.value(),
            documents=self.document_paths(),
        )

    @Slot()
    def submit(self) -> Worker | None:
        """Check the form inline (None when a field is wrong), then record the request on a worker, its
        documents copied into the store: ``recorded`` and the dialog closes, or the core's refusal shows here."""
        self.error.hide()
        problem = self._accounts_problem()
        self.accounts_error.setText(problem or "")
        self.accounts_error.setVisible(problem is not None)
        if problem is not None:
            fit(self)
            self.accounts.setFocus()
            return None
        for widget, missing in ((self.agency, tr("Give the requesting agency.")), (self.reference, tr("Give the request's reference."))):
            if not widget.text().strip():
                self._fail(missing, widget)
                return None
        if not any(box.isChecked() for box in self.sought.values()):
            self._fail(tr("Tick the data the request seeks (at least one kind)."), next(iter(self.sought.values())))
            return None
        if to_date(self.received.date()) > today_utc():
            self._fail(tr("The date received cannot be in the future."), self.received)
            return None
        return self._start(self.recorded, record_job, self.database, self.intake(), label=tr("record a law-enforcement request"))
