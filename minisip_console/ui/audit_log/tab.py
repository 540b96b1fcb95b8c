"""The Audit log tab: every event, paged from the database, with filters, verify and CSV export.

The table is the shared virtual model over ``core.audit_list.AuditSource`` (newest first);
the filters (operator, action, account id, a date range) become an ``audit_query.AuditFilter``
and a new source, so filtering happens in SQL. "Verify chain" runs ``audit.verify`` on a
worker and shows the result in green (intact, with the head to note down) or red (the first
event that does not match, and why; or the console's records whose events the log lacks, as
after the log was emptied). "Export CSV…" writes the filtered events with
``audit_query.export_csv`` on a worker.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from minisip_console.core.plumbing.errors import ConsoleError, InvalidInput
from minisip_console.ui import crash, theme
from minisip_console.ui.i18n import plural, shown, tr
from minisip_console.ui.long_action import LongAction
from minisip_console.ui.notifier import Notifier
from minisip_console.ui.reading import LatestRead
from minisip_console.ui.tabs import TabPage, name_table, page_note

if TYPE_CHECKING:
    from minisip_console.core.audit import VerifyResult
    from minisip_console.core.audit_query import AuditFilter
    from minisip_console.core.plumbing.connection import Database
    from minisip_console.ui.table_model import VirtualTableModel
    from minisip_console.ui.workers import Worker, WorkFailure


def note() -> str:
    """The page note (a function: ``tr`` answers in the window's language only once the app runs)."""
    return tr(
        "Every access to personal data, every change and every export is recorded here, hash-chained: "
        "“Verify chain” recomputes the chain and names the first event that does not match."
    )


def events_text(count: int) -> str:
    return plural(count, tr("{count:,} event"), tr("{count:,} events"))


_WIDTHS = {"seq": 9, "occurred_at": 18, "operator": 14, "action": 20, "target": 24}


class AuditTab(TabPage):
    verified = Signal(object)  # core.audit.VerifyResult
    exported = Signal(int)  # events written
    filter_applied = Signal(int)  # matching events

    def __init__(self, notifier: Notifier, connect_action: QAction, parent: QWidget | None = None) -> None:
        super().__init__(notifier, connect_action, parent)
        self.what = tr("the audit log")
        self.database: Database | None = None
        self.model: VirtualTableModel | None = None
        #: the one long-action path (ui/long_action.py): the chain's verification and the CSV export (reports)
        self.verifying = LongAction(self, "auditVerify")
        self.exporting = LongAction(self, "auditExport")
        self.choices_read = LatestRead(self, "auditChoices", done=self._on_choices, failed=self._report)
        #: a filter was applied and the model is still counting it (``filter_applied`` when it lands)
        self._filtering = False

    # ------------------------------------------------------------------ layout
    def build_content(self, content: QWidget) -> None:
        self.operator_filter = QComboBox()
        self.operator_filter.setObjectName("auditOperator")
        self.action_filter = QComboBox()
        self.action_filter.setObjectName("auditAction")
        self.account_filter = QLineEdit()
        self.account_filter.setObjectName("auditAccount")
        self.account_filter.setPlaceholderText(tr("account id"))
        self.account_filter.setMaximumWidth(110)
        self.use_dates = QCheckBox(tr("Date&s"))
        self.use_dates.setObjectName("auditUseDates")
        today = QDate.currentDate()
        self.since = QDateEdit(today.addDays(-30))
        self.since.setObjectName("auditSince")
        self.since.setAccessibleName(tr("Audit log from date"))
        self.until = QDateEdit(today)
        self.until.setObjectName("auditUntil")
        self.until.setAccessibleName(tr("Audit log until date"))
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
        self.use_dates.toggled.connect(self.since.setEnabled)
        self.use_dates.toggled.connect(self.until.setEnabled)

        self.apply_button = QPushButton(tr("F&ilter"))
        self.apply_button.setObjectName("auditApply")
        self.apply_button.clicked.connect(self.apply_filter)
        self.account_filter.returnPressed.connect(self.apply_filter)
        self.verify_button = QPushButton(tr("Ve&rify chain"))
        self.verify_button.setObjectName("auditVerify")
        self.verify_button.clicked.connect(self.verify)
        self.export_button = QPushButton(tr("E&xport CSV…"))
        self.export_button.setObjectName("auditExport")
        self.export_button.clicked.connect(self.choose_export)
        self.verifying.hold_buttons(self.verify_button)
        self.exporting.hold_buttons(self.export_button)
        self.result = QLabel()
        self.result.setObjectName("auditVerifyResult")
        self.result.setTextFormat(Qt.TextFormat.PlainText)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.setWordWrap(True)
        self.count_label = QLabel()
        self.count_label.setObjectName("auditCount")

        filters = QHBoxLayout()
        for text, widget in (
            (tr("Op&erator:"), self.operator_filter),
            (tr("Ac&tion:"), self.action_filter),
            (tr("Accou&nt:"), self.account_filter),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            filters.addWidget(label)
            filters.addWidget(widget)
            filters.addSpacing(8)
        filters.addWidget(self.use_dates)
        filters.addWidget(self.since)
        filters.addWidget(QLabel(tr("to", "a date range")))
        filters.addWidget(self.until)
        filters.addWidget(self.apply_button)
        filters.addStretch(1)

        checks = QHBoxLayout()
        checks.addWidget(self.verify_button)
        checks.addWidget(self.result, 1)
        checks.addWidget(self.count_label)
        checks.addWidget(self.export_button)

        self.view = QTableView()
        self.view.setObjectName("auditTable")
        name_table(
            self.view,
            tr("Audit log"),
            tr("One row per audited event of the hash chain: its sequence, time, operator, action, target and details"),
        )
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        self.view.horizontalHeader().sectionClicked.connect(self._on_header_clicked)
        self.view.horizontalHeader().setSortIndicatorShown(True)

        layout = QVBoxLayout(content)
        layout.addWidget(page_note(note()))
        layout.addLayout(filters)
        layout.addLayout(checks)
        layout.addWidget(self.view, 1)

    # ------------------------------------------------------------------ connection
    def set_database(self, database: Database) -> None:
        """Show the events, newest first: the model counts them, a worker reads the filters' choices."""
        from minisip_console.core.audit_list import AuditSource, operators_and_actions
        from minisip_console.ui.table_model import VirtualTableModel

        self.clear()
        self.ensure_built()
        self.database = database
        for combo in (self.operator_filter, self.action_filter):
            combo.clear()
            combo.addItem(tr("Any"), None)
        self.choices_read.start(operators_and_actions, database.sessions, label="audit filter choices")
        model = VirtualTableModel(AuditSource(database.sessions), parent=self)
        model.fetch_failed.connect(self._on_fetch_failed)
        model.modelReset.connect(self._update_count)
        model.source_ready.connect(self._on_source_ready)
        self.model = model
        self.view.setModel(model)
        header = self.view.horizontalHeader()
        char = self.view.fontMetrics().averageCharWidth()
        for i, column in enumerate(model.columns):
            width = _WIDTHS.get(column.key)
            if width is None:
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
            else:
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Interactive)
                header.resizeSection(i, width * char + 16)
        header.setSortIndicator(*model.sort_column())
        self.result.clear()
        self._update_count()
        self.show_content()

    def _on_choices(self, choices: tuple[Any, Any]) -> None:
        operators, actions = choices
        for combo, values in ((self.operator_filter, operators), (self.action_filter, actions)):
            for value in values:
                combo.addItem(value, value)

    @Slot()
    def _on_source_ready(self) -> None:
        if self.model is not None and not self.model.loading and self._filtering:
            self._filtering = False
            self.filter_applied.emit(self.model.rowCount())

    def clear(self) -> None:
        self.database = None
        self.verifying.reset()
        self.exporting.reset()
        self.choices_read.reset()
        self._filtering = False
        if self.built and self.model is not None:
            self.view.setModel(None)
            self.model.deleteLater()
            self.model = None
        self.show_disconnected()

    def refresh(self) -> None:
        if self.model is not None:
            self.model.refresh()  # counted on a worker

    # ------------------------------------------------------------------ filters
    def current_filter(self) -> AuditFilter:
        """The filter the widgets describe; ``InvalidInput`` for a bad account id or date range."""
        from minisip_console.core.audit_query import AuditFilter, parse_account_id

        account = parse_account_id(self.account_filter.text())
        since = until = None
        if self.use_dates.isChecked():
            since = _date(self.since.date())
            until = _date(self.until.date())
        return AuditFilter(
            operator=self.operator_filter.currentData(),
            action=self.action_filter.currentData(),
            account_id=account,
            since=since,
            until=until,
        )

    @Slot()
    def apply_filter(self) -> None:
        if self.model is None:
            return
        source: Any = self.model.source
        try:
            filtered = source.filtered(self.current_filter())
        except ConsoleError as exc:  # InvalidInput: a bad account id or date range
            self.notifier.console_error(exc)
            return
        self._filtering = True
        self.model.set_source(filtered)  # counted on a worker: filter_applied when it lands

    @Slot()
    def _update_count(self) -> None:
        self.count_label.setText(events_text(self.model.rowCount()) if self.model is not None else "")

    @Slot(int)
    def _on_header_clicked(self, section: int) -> None:
        model = self.model
        if model is None:
            return
        column = model.columns[section]
        if column.sortable:
            key, descending = model.source.order
            order = Qt.SortOrder.AscendingOrder if descending else Qt.SortOrder.DescendingOrder
            model.sort(section, order)  # read on a worker
        self.view.horizontalHeader().setSortIndicator(*model.sort_column())

    @Slot(object)
    def _on_fetch_failed(self, error: ConsoleError) -> None:
        if self.model is not None and not self.model.loading:
            self._filtering = False
        self.notifier.console_error(error)

    # ------------------------------------------------------------------ verify
    @Slot()
    def verify(self) -> Worker | None:
        from minisip_console.core.audit_list import verify_log

        if self.database is None:
            return None
        worker = self.verifying.start(
            verify_log,
            self.database.sessions,
            label="audit verify",
            done=self._on_verified,
            failed=self._on_verify_failed,
        )
        if worker is not None:
            self.result.setStyleSheet("")
            self.result.setText(tr("Verifying the chain…"))
        return worker

    def _on_verified(self, result: VerifyResult) -> None:
        if result.ok:
            head = f"{result.head.seq}:{result.head.hash}" if result.head else tr("none (empty log)")
            self.result.setText(tr("Intact: {events}, head {head}").format(events=events_text(result.events), head=head))
            self.result.setStyleSheet(f"color: {theme.current().good}; font-weight: bold;")
        elif result.first_bad_seq is None:  # the chain holds, but the console's records have events it lacks
            missing = tr("; ", "between the records whose events are missing").join(shown(r.text) for r in result.missing)
            self.result.setText(tr("Incomplete: events are missing for {records}").format(records=missing))
            self.result.setStyleSheet(f"color: {theme.current().bad}; font-weight: bold;")
        else:
            self.result.setText(tr("Broken at event {seq}: {reason}").format(seq=result.first_bad_seq, reason=shown(result.reason)))
            self.result.setStyleSheet(f"color: {theme.current().bad}; font-weight: bold;")
        self.refresh()
        self.verified.emit(result)

    def _on_verify_failed(self, failure: WorkFailure) -> None:
        self.result.setText(tr("Could not verify: {reason}").format(reason=shown(failure.message)))
        self.result.setStyleSheet(f"color: {theme.current().bad}; font-weight: bold;")
        if not failure.known:
            crash.report_failure(failure)

    # ------------------------------------------------------------------ export
    @Slot()
    def choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, tr("Export the audit log"), str(Path.home() / "audit-log.csv"), tr("CSV files (*.csv)"))
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> Worker | None:
        from minisip_console.core.audit_query import export_csv

        if self.database is None or self.exporting.running:
            return None
        try:
            flt = self.current_filter()
        except InvalidInput as exc:
            self.notifier.console_error(exc)
            return None
        return self.exporting.start(
            export_csv,
            self.database.sessions,
            path,
            flt,
            label="audit export",
            done=lambda count: self._on_exported(path, count),
            failed=self._on_export_failed,
        )

    def _on_exported(self, path: Path, count: int) -> None:
        self.notifier.success(tr("Exported {count:,} audit events to {path}.").format(count=count, path=path), timeout_ms=10_000)
        self.exported.emit(count)

    def _on_export_failed(self, failure: WorkFailure) -> None:
        if failure.known:
            self.notifier.error(shown(failure.message), shown(failure.hint) if failure.hint else failure.hint)
        else:
            crash.report_failure(failure)


def _date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())
