"""File > Export audit report...: a period (the last 12 months by default) and a PDF file, then the
report written on a worker (``ui/long_action.py``) by ``minisip_console.report.export_report``,
the same function the ``report`` command calls. The dialog stays open on a refusal or a write
error (the core's sentence, inline; nothing typed is lost) and closes when the file is written,
telling the window's notifier where it is and its SHA-256."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QDateEdit, QDialog, QFileDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from minisip_console.ui import dialog_parts
from minisip_console.ui.dialog_parts import to_date, to_qdate, today_utc
from minisip_console.ui.i18n import plural, tr

if TYPE_CHECKING:
    from minisip_console.core.plumbing.connection import Database
    from minisip_console.report import Exported
    from minisip_console.ui.notifier import Notifier
    from minisip_console.ui.workers import Worker, WorkFailure


def last_twelve_months(today: dt.date) -> tuple[dt.date, dt.date]:
    """The default period: the twelve months ending today (a year and a day back, both ends included)."""
    try:
        start = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        start = today.replace(year=today.year - 1, day=28)
    return start + dt.timedelta(days=1), today


def _export(database: Database, since: dt.date, until: dt.date, path: Path) -> Exported:
    """On the worker: the report package (and QtGui's PDF writer) is imported here, not at start-up."""
    from minisip_console.report import export_report

    return export_report(database.sessions, database.operator, since=since, until=until, path=path, database=database.target.label)


class ReportDialog(QDialog):
    """The period and the file; Export runs the report on the long-action path."""

    exported = Signal(object)  # report.Exported

    def __init__(self, database: Database, notifier: Notifier | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportDialog")
        self.setWindowTitle(tr("Export audit report"))
        self.database = database
        self.notifier = notifier
        start, end = last_twelve_months(today_utc())
        self.date_from = QDateEdit(to_qdate(start))
        self.date_from.setObjectName("reportFrom")
        self.date_to = QDateEdit(to_qdate(end))
        self.date_to.setObjectName("reportTo")
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.path = QLineEdit(str(Path.home() / f"audit-report-{start:%Y-%m-%d}-to-{end:%Y-%m-%d}.pdf"))
        self.path.setObjectName("reportPath")
        self.path.setAccessibleName(tr("Report file"))
        self.choose = QPushButton(tr("&Choose…"))
        self.choose.setObjectName("reportChoose")
        self.choose.clicked.connect(self.choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.choose)
        self.error = dialog_parts.error_label("reportError")

        intro = QLabel(
            tr(
                "A PDF an auditor can file: the promises and their verdicts, then the evidence of the period (purge receipts, "
                "deletion requests, notice campaigns, the law-enforcement register, access grants, operators, the audit chain). "
                "Account ids only. Its SHA-256 is recorded in the audit log."
            )
        )
        intro.setWordWrap(True)
        form = dialog_parts.form_layout()
        dialog_parts.add_row(form, tr("&From:"), self.date_from)
        dialog_parts.add_row(form, tr("&To:"), self.date_to)
        dialog_parts.add_row(form, tr("&File:"), file_row)
        buttons, self.ok_button = dialog_parts.ok_cancel(tr("&Export"), "reportExport", self)
        buttons.accepted.connect(self.submit)
        self.action = dialog_parts.dialog_action(self, "exportReport", buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        dialog_parts.resize_to(self, 520)

    @Slot()
    def choose_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, tr("Export the audit report"), self.path.text(), tr("PDF documents (*.pdf)"))
        if path:
            self.path.setText(path if path.lower().endswith(".pdf") else path + ".pdf")

    def _problem(self, since: dt.date, until: dt.date, raw: str) -> str | None:
        if since > until:
            return tr("The period starts ({start}) after it ends ({end}).").format(start=f"{since:%Y-%m-%d}", end=f"{until:%Y-%m-%d}")
        if not raw.strip():
            return tr("Choose the file to write.")
        target = Path(raw.strip()).expanduser()
        if target.suffix.lower() != ".pdf":
            return tr("The file name must end in .pdf.")
        if not target.parent.is_dir():
            return tr("The folder {folder} does not exist.").format(folder=target.parent)
        return None

    @Slot()
    def submit(self) -> Worker | None:
        since, until = to_date(self.date_from.date()), to_date(self.date_to.date())
        problem = self._problem(since, until, self.path.text())
        if problem is not None:
            self.error.setText(problem)
            self.error.show()
            dialog_parts.fit(self)
            return None
        self.error.hide()
        return self.action.start(
            _export,
            self.database,
            since,
            until,
            Path(self.path.text().strip()).expanduser(),
            label="export the audit report",
            done=self._done,
            failed=self._failed,
        )

    def _done(self, exported: Exported) -> None:
        if self.notifier is not None:
            self.notifier.success(
                tr("Audit report written to {path} ({pages}); its SHA-256 {sha256} is recorded in the audit log (event {event}).").format(
                    path=exported.path,
                    pages=plural(exported.pages, tr("{count:,} page"), tr("{count:,} pages")),
                    sha256=exported.sha256,
                    event=exported.audit_seq,
                ),
                timeout_ms=15000,
            )
        self.exported.emit(exported)
        self.accept()

    def _failed(self, failure: WorkFailure) -> None:
        dialog_parts.show_dialog_failure(self, self.error, failure)
