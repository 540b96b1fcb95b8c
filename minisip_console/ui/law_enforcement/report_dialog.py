"""The Law enforcement tab's transparency report dialog: a period's requests, counted, to save."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from minisip_console.ui import formatting
from minisip_console.ui.dialog_parts import add_row, error_label, fit, form_layout, resize_to, to_date, to_qdate, today_utc
from minisip_console.ui.i18n import plural, tr
from minisip_console.ui.law_enforcement.jobs import report_job
from minisip_console.ui.law_enforcement.models import short_process
from minisip_console.ui.long_action import LongAction, show_failure_in

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from minisip_console.core.legal import TransparencyReport
    from minisip_console.core.plumbing.connection import Database
    from minisip_console.ui.workers import Worker, WorkFailure


class ReportDialog(QDialog):
    """The transparency report for a period, saved as CSV or JSON; the counts shown once written."""

    written = Signal(object)  # TransparencyReport

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("legalReportDialog")
        self.setWindowTitle(tr("Transparency report"))
        self.database = database
        today = today_utc()
        self.date_from = QDateEdit(to_qdate(dt.date(today.year - 1, 1, 1)))
        self.date_from.setObjectName("legalReportFrom")
        self.date_to = QDateEdit(to_qdate(dt.date(today.year - 1, 12, 31)))
        self.date_to.setObjectName("legalReportTo")
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        form = form_layout()
        add_row(form, tr("&From:"), self.date_from)
        add_row(form, tr("&To:"), self.date_to)
        intro = QLabel(
            tr(
                "Requests received in the period, by country and legal process: accounts affected, rejected, complied with "
                "fully or in part, content and non-content data, customers told and notices held back by a gag order "
                "(counted, no details)."
            )
        )
        intro.setWordWrap(True)
        self.error = error_label("legalReportError")
        self.result = QTableWidget(0, 0)
        self.result.setObjectName("legalReportCounts")
        self.result.setAccessibleName(tr("Report counts"))
        self.result.setAccessibleDescription(
            tr(
                "The transparency report's counts for the period, the total last: requests, accounts, rejected, complied, "
                "pending, told, gagged"
            )
        )
        self.result.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.result.verticalHeader().hide()
        self.result.hide()
        self.summary = QLabel()
        self.summary.setObjectName("legalReportSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = self.buttons.addButton(tr("&Save report…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.setObjectName("legalReportSave")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.choose_file)
        self.buttons.rejected.connect(self.reject)
        self.file_dialog: QFileDialog | None = None
        self.report: TransparencyReport | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.summary)
        layout.addWidget(self.result, 1)
        layout.addWidget(self.buttons)
        self.saving = LongAction(self, "legalReportSave")
        self.saving.hold_buttons(self.save_button)
        resize_to(self, 760)

    @Slot()
    def choose_file(self) -> QFileDialog:
        dialog = QFileDialog(self, tr("Save the transparency report"))
        dialog.setObjectName("legalReportFile")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setNameFilters([tr("CSV for a spreadsheet (*.csv)"), tr("JSON (*.json)")])
        dialog.setDefaultSuffix("csv")
        dialog.filterSelected.connect(self._on_filter)
        start, end = to_date(self.date_from.date()), to_date(self.date_to.date())
        dialog.selectFile(f"transparency-report-{start.isoformat()}-{end.isoformat()}.csv")
        dialog.fileSelected.connect(self.save_to)
        dialog.finished.connect(dialog.deleteLater)
        self.file_dialog = dialog
        dialog.open()
        return dialog

    @Slot(str)
    def _on_filter(self, name_filter: str) -> None:
        if self.file_dialog is not None:
            self.file_dialog.setDefaultSuffix("json" if "json" in name_filter else "csv")

    @Slot(str)
    def save_to(self, path: str | Path) -> Worker | None:
        """Count the period and write the report to ``path`` on a worker: ``written`` and the counts shown, or
        the refusal (a period that ends before it starts, a suffix the core does not write) in the dialog."""
        self.error.hide()
        start, end = to_date(self.date_from.date()), to_date(self.date_to.date())
        if end < start:
            self.error.setText(tr("The period ends before it starts."))
            self.error.show()
            return None
        return self.saving.start(
            report_job,
            self.database,
            start,
            end,
            Path(path),
            label=tr("the transparency report"),
            done=self._on_saved,
            failed=self._on_failed,
        )

    def _on_saved(self, outcome: tuple[TransparencyReport, Path]) -> None:
        report, written = outcome
        self.report = report
        self._show(report, written)
        self.written.emit(report)

    def _on_failed(self, failure: WorkFailure) -> None:
        show_failure_in(self.error, failure)
        fit(self)

    def _show(self, report: TransparencyReport, path: Path) -> None:
        t = report.total
        self.summary.setText(
            tr(
                "Saved to {path}. {start} to {end}: {requests} about {accounts}; {rejected:,} rejected, {full:,} complied with "
                "fully and {partial:,} in part, {pending:,} pending; {customers} told, {notices} held back by a gag order."
            ).format(
                path=path,
                start=formatting.date(report.date_from),
                end=formatting.date(report.date_to),
                requests=plural(t.requests, tr("{count:,} request"), tr("{count:,} requests")),
                accounts=plural(t.accounts, tr("{count:,} account"), tr("{count:,} accounts")),
                rejected=t.rejected,
                full=t.complied_full,
                partial=t.complied_partial,
                pending=t.pending,
                customers=plural(t.customers_notified, tr("{count:,} customer"), tr("{count:,} customers")),
                notices=plural(t.notices_gagged, tr("{count:,} notice"), tr("{count:,} notices")),
            )
        )
        self.summary.show()
        headers = (
            tr("Country"),
            tr("Legal process"),
            tr("Requests"),
            tr("Accounts"),
            tr("Rejected"),
            tr("Fully"),
            tr("In part"),
            tr("Pending"),
            tr("Content"),
            tr("Non-content"),
            tr("Told"),
            tr("Gagged"),
        )
        rows = list(report.rows) + [report.total]
        self.result.setColumnCount(len(headers))
        self.result.setHorizontalHeaderLabels(headers)
        self.result.setRowCount(len(rows))
        for i, r in enumerate(rows):
            cells = (
                r.country if r.country != "all" else tr("All", "every country"),
                short_process(r.legal_process) if r.legal_process != "all" else tr("All", "every legal process"),
                r.requests,
                r.accounts,
                r.rejected,
                r.complied_full,
                r.complied_partial,
                r.pending,
                r.content,
                r.non_content,
                r.customers_notified,
                r.notices_gagged,
            )
            for col, value in enumerate(cells):
                item = QTableWidgetItem(f"{value:,}" if isinstance(value, int) else str(value))
                if isinstance(value, int):
                    item.setTextAlignment(QtCore.Qt.AlignmentFlag.AlignRight | QtCore.Qt.AlignmentFlag.AlignVCenter)
                if r is report.total:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.result.setItem(i, col, item)
        self.result.resizeColumnsToContents()
        self.result.show()
        fit(self)
