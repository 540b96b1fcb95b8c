# Over 800 lines: the class CdrTab alone is most of it, one widget whose methods share its
# state; its dialogs, rows, words and jobs are in the modules beside it. Splitting the class itself is left to a person.
"""The retention tab: is each retention promise kept ("CDRs are deleted automatically in 30 days",
correspondence, surveys, page visits), and keep it.

On top, one row per data category with its verdict (``retention.CategoryStatus.verdict``: kept, at
risk, broken, not checked), the rows past retention, the late ones, the held ones and when the
scheduled purge last ran; selecting a row shows that category. At a glance: its rows in total,
those the next purge deletes, those late (past the retention plus the purge interval), the
oldest, the cutoff, the legal holds, the last purge and the scheduled one, and a coloured verdict
with its reasons and the target's warnings (a missing index with the ``CREATE INDEX`` statement
to run). Below, three pages: the age chart of the category (``ui.cdr_retention.age_chart``), a
CDR browser (the shared virtual model over ``core.cdr_browse.CdrSource``, filtered in SQL, phone
numbers masked by the core unless the operator holds a grant for the call's account) and the
category's purge receipts with the full receipt of the selected run.

Everything the tab reads comes from one plain function, ``load_snapshot``, run on a worker:
every category's ``retention.status`` at ONE moment, the receipts, the policies, the age
histogram (made from the status: its legend counts what the verdict counts) and the browser's
count and first page. "Dry run" runs ``retention.plan`` at the snapshot's moment (so at its
cutoff; it says so when the count moved since); "Purge now" runs the plan, asks for
confirmation naming the rows and the cutoff, then runs ``retention.run_purge`` at that cutoff on
a worker with a progress bar, the rate, the time left and a Cancel button; at the end the
receipt is shown and the tab reads everything again. Permissions are the core's (``run_purge``
refuses a viewer); the buttons only follow them, with a tooltip that says why one is disabled.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QDate, Signal, Slot
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from minisip_console.core import limits
from minisip_console.core.plumbing.errors import ConsoleError, InvalidInput
from minisip_console.core.text import say
from minisip_console.core.wording import percent
from minisip_console.ui import crash, formatting, theme
from minisip_console.ui.cdr_retention.dialogs import PolicyDialog
from minisip_console.ui.cdr_retention.jobs import load_snapshot, purge_job
from minisip_console.ui.cdr_retention.models import (
    DISPOSITIONS,
    Snapshot,
    cancelling,
    capital,
    count_of,
    describe_purge,
    describe_receipt,
    describe_run,
    disposition_labels,
    headline,
    limit_days,
    nouns,
    schedule_text,
    uncapital,
    verdict_colours,
    verdict_word,
)
from minisip_console.ui.dialog_parts import to_date
from minisip_console.ui.i18n import plural, shown, tr
from minisip_console.ui.long_action import Confirm, LongAction
from minisip_console.ui.progress_panel import RequestProgress
from minisip_console.ui.reading import LatestRead
from minisip_console.ui.tabs import EmptyState, ReasonsLine, TabPage, error_text, name_table, page_note, render_actions

if TYPE_CHECKING:
    from typing import Any

    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMessageBox

    from minisip_console.core.cdr_browse import CdrSource
    from minisip_console.core.operators import OperatorInfo
    from minisip_console.core.plumbing.connection import Database
    from minisip_console.core.retention import CategoryStatus, PolicyInfo, PurgePlan, Receipt
    from minisip_console.ui.cdr_retention.age_chart import AgeChart
    from minisip_console.ui.notifier import Notifier
    from minisip_console.ui.table_model import ListTableModel, Prepared, VirtualTableModel
    from minisip_console.ui.workers import Worker, WorkFailure


def note() -> str:
    """The tab's note: what it promises and who runs the purge."""
    return tr(
        "The privacy policy promises: “CDR records will also be deleted automatically in 30 days”; correspondence, surveys "
        "and page visits are kept as their policy says. The OS scheduler runs the purge (minisip-console purge --category all "
        "--scheduler): a promise is kept when nothing is older than the retention plus the purge interval and that purge runs. "
        "Every purge leaves a receipt. Phone numbers stay masked without an access grant."
    )


def category_headers() -> tuple[str, ...]:
    """The categories table's columns."""
    return (tr("Category"), tr("Verdict"), tr("Past retention"), tr("Late"), tr("Held"), tr("Scheduled purge"))


#: the categories table's role holding a row's saved target name ("" for the category's own table)
TARGET_ROLE = QtCore.Qt.ItemDataRole.UserRole + 1

#: rows per purge batch (``None``: the core sizes batches by time, ``retention.BATCH_SECONDS``)
PURGE_BATCH_SIZE: int | None = None

_CDR_WIDTHS = {"time": 18, "account": 9, "src": 11, "dst": 11, "clid": None, "disposition": 13, "duration": 11, "billsec": 10}


def _figure(name: str) -> QLabel:
    label = QLabel("—")
    label.setObjectName(name)
    label.setProperty("figure", True)
    label.setWordWrap(True)
    label.setTextFormat(QtCore.Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _mark(label: QLabel, *, alert: bool = False, good: bool = False) -> None:
    label.setProperty("alert", alert)
    label.setProperty("good", good)
    label.style().unpolish(label)
    label.style().polish(label)


# --------------------------------------------------------------------------- the tab


class CdrTab(TabPage):
    what = "how old the call detail records are"
    build_parts = ("chart", "browser", "receipts")  # one connect stage each (issue 14)

    #: a snapshot was read and shown (tests wait on it)
    loaded = Signal(object)  # Snapshot
    dry_run_done = Signal(object)  # retention.PurgePlan
    purge_progressed = Signal(object)  # retention.PurgeProgress
    purge_finished = Signal(object)  # tuple[retention.Receipt, ...]
    purge_failed = Signal(object)  # WorkFailure
    filter_applied = Signal(int)  # matching CDRs
    filter_rejected = Signal(str)  # the inline error

    def __init__(self, notifier: Notifier, connect_action: QAction, parent: QWidget | None = None) -> None:
        super().__init__(notifier, connect_action, parent)
        self.what = tr("how old the call detail records are")
        self.database: Database | None = None
        self.snapshot: Snapshot | None = None
        self.model: VirtualTableModel | None = None
        self.receipts_model: ListTableModel | None = None
        self.chart: AgeChart | None = None
        self.policy_dialog: PolicyDialog | None = None
        self.last_receipts: tuple[Receipt, ...] = ()
        #: the row shown (the categories table's selection): a category, and a saved target of it
        #: (``core.targets``) or None for the category's own table in the console's database
        self.category = "cdr"
        self.target_name: str | None = None
        self._filters: dict[str, Any] = {}
        self._base_source: CdrSource | None = None
        self._pending_filter: Any = None
        self.snapshot_read = LatestRead(
            self,
            "cdrSnapshot",
            done=self._on_snapshot,
            failed=functools.partial(self._read_failed, tr("The CDR figures could not be read.")),
        )
        #: the one long-action path (ui/long_action.py): the dry run's count, and the purge with its progress row
        self.counting = LongAction(self, "cdrDryRun")
        self.purge_progress = RequestProgress(
            self,
            "cdrPurge",
            tr("Cancel purge"),
            "cdrPurgeCancel",
            tr("Stop after the current batch (Esc); what is deleted stays deleted and the receipt says so"),
            describe=describe_purge,
            stopping=cancelling(),
            text_name="cdrPurgeText",
            bar_format="%p%",
        )
        self.purging_action = LongAction(self, "cdrPurge", panel=self.purge_progress)
        self._purge_plan: PurgePlan | None = None

    # ------------------------------------------------------------------ layout
    def build_content(self, content: QWidget) -> None:
        # -- every category, one row each: the picker
        from minisip_console.ui.tabs import read_only_table

        self.categories = read_only_table(category_headers(), "retentionCategories", single_selection=True)
        name_table(
            self.categories,
            tr("Retention categories"),
            tr("One row per category of retained data: its retention, the oldest record and whether it is kept"),
        )
        self.categories.setAccessibleName(tr("Retention categories and their verdicts"))
        self.categories.setToolTip(tr("Select a category to check it, dry-run it and purge it"))
        self.categories.horizontalHeader().setStretchLastSection(True)
        self.categories.itemSelectionChanged.connect(self._on_category_selected)

        # -- at a glance
        self.total = _figure("cdrTotal")
        self.total_title = QLabel(tr("CDRs in total:"))
        self.overdue = _figure("cdrOverdue")
        self.overdue_title = QLabel(tr("Past 30 days:"))
        self.late = _figure("cdrLate")
        self.late_title = QLabel(tr("Late (older than 31 days):"))
        self.oldest = _figure("cdrOldest")
        self.oldest_title = QLabel(tr("Oldest CDR:"))
        self.cutoff = _figure("cdrCutoff")
        self.held = _figure("cdrHeld")
        self.last_run = _figure("cdrLastRun")
        glance = QGroupBox(tr("At a glance"))
        glance.setObjectName("cdrGlance")
        self.glance = glance
        form = QFormLayout(glance)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.total_title, self.total)
        form.addRow(self.overdue_title, self.overdue)
        form.addRow(self.late_title, self.late)
        form.addRow(self.oldest_title, self.oldest)
        form.addRow(tr("Cutoff:"), self.cutoff)
        form.addRow(tr("Legal holds:"), self.held)
        form.addRow(tr("Last purge:"), self.last_run)

        self.verdict = QLabel("—")
        self.verdict.setObjectName("cdrVerdict")
        self.verdict.setWordWrap(True)
        self.verdict.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        font = QFont(self.verdict.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.verdict.setFont(font)
        self.schedule_line = QLabel()
        self.schedule_line.setObjectName("cdrScheduleLine")
        self.schedule_line.setWordWrap(True)
        self.schedule_line.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.problems = QLabel()
        self.problems.setObjectName("cdrProblems")
        self.problems.setWordWrap(True)
        self.problems.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.problems.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        self.warnings = QLabel()
        self.warnings.setObjectName("cdrWarnings")
        self.warnings.setWordWrap(True)
        self.warnings.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.warnings.setTextInteractionFlags(
            QtCore.Qt.TextInteractionFlag.TextSelectableByMouse | QtCore.Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.warnings.setStyleSheet(
            f"background: {theme.current().warn_bg}; border: 1px solid {theme.current().warn_border}; border-radius: 4px; padding: 4px; "
            f"color: {theme.current().banner_text};"
        )
        self.warnings.hide()
        self.verdict_box = QFrame()
        self.verdict_box.setObjectName("cdrVerdictBox")
        box = QVBoxLayout(self.verdict_box)
        box.addWidget(self.verdict)
        box.addWidget(self.schedule_line)
        box.addWidget(self.problems)
        box.addWidget(self.warnings)
        box.addStretch(1)

        # -- actions
        self.dry_run_button = QPushButton(tr("Dr&y run"))
        self.dry_run_button.setObjectName("cdrDryRun")
        self.dry_run_button.setToolTip(tr("Count what a purge would delete now, and its time range; changes nothing (Ctrl+Shift+D)"))
        self.dry_run_button.clicked.connect(self.dry_run)
        self._dry_run_shortcut = QShortcut(QKeySequence("Ctrl+Shift+D"), self)
        self._dry_run_shortcut.setContext(QtCore.Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._dry_run_shortcut.activated.connect(self.dry_run)
        self.purge_button = QPushButton(tr("Purge &now…"))
        self.purge_button.setObjectName("cdrPurge")
        self.purge_button.clicked.connect(self.purge)
        self.policies_button = QPushButton(tr("&Retention policies…"))
        self.policies_button.setObjectName("cdrPolicies")
        self.policies_button.setToolTip(tr("Days, review date and target of every data category"))
        self.policies_button.clicked.connect(self.open_policies)
        self.action_result = QLabel()
        self.action_result.setObjectName("cdrActionResult")
        self.action_result.setWordWrap(True)
        self.action_result.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.action_result.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QVBoxLayout()
        for button in (self.dry_run_button, self.purge_button, self.policies_button):
            buttons.addWidget(button)
        self.reasons = ReasonsLine("cdrReasons")
        self.reasons.setMaximumWidth(self.purge_button.sizeHint().width() * 2)
        buttons.addWidget(self.reasons)
        buttons.addStretch(1)

        # -- the running purge
        self.progress_frame = self.purge_progress.build()
        assert self.purge_progress.bar is not None and self.purge_progress.text is not None
        assert self.purge_progress.cancel_button is not None
        self.progress_bar = self.purge_progress.bar
        self.progress_text = self.purge_progress.text
        self.cancel_button = self.purge_progress.cancel_button
        self.counting.hold_buttons(self.dry_run_button)
        self.purging_action.hold_buttons(self.dry_run_button, self.purge_button)

        top = QHBoxLayout()
        top.addWidget(glance, 5)
        top.addWidget(self.verdict_box, 5)
        top.addLayout(buttons)

        # -- the pages: chart, browser, receipts
        self.pages = QTabWidget()
        self.pages.setObjectName("cdrPages")
        self.pages.setAccessibleName(tr("CDR pages"))
        self.pages.addTab(self._part("chart"), tr("A&ge chart"))
        self.pages.addTab(self._part("browser"), tr("&Browse CDRs"))
        self.pages.addTab(self._part("receipts"), tr("Rece&ipts"))

        layout = QVBoxLayout(content)
        layout.addWidget(page_note(note()))
        layout.addWidget(self.categories)
        layout.addLayout(top)
        layout.addWidget(self.action_result)
        layout.addWidget(self.progress_frame)
        layout.addWidget(self.pages, 1)
        self.action_result.hide()

    def _build_chart(self) -> QWidget:
        from minisip_console.ui.cdr_retention.age_chart import AgeChart

        self.chart = AgeChart()
        return self.chart

    def _build_browser(self) -> QWidget:
        self.account_filter = QLineEdit()
        self.account_filter.setObjectName("cdrAccount")
        self.account_filter.setPlaceholderText(tr("account id"))
        self.account_filter.setMaximumWidth(self.account_filter.fontMetrics().averageCharWidth() * 14)
        self.account_filter.returnPressed.connect(self.apply_filter)
        self.use_dates = QCheckBox(tr("Dat&es"))
        self.use_dates.setObjectName("cdrUseDates")
        self.use_dates.setToolTip(tr("Only calls that started from the first date to the second, both included (UTC)"))
        today = QDate.currentDate()
        self.since = QDateEdit(today.addDays(-30))
        self.since.setObjectName("cdrSince")
        self.since.setAccessibleName(tr("CDRs from date"))
        self.until = QDateEdit(today)
        self.until.setObjectName("cdrUntil")
        self.until.setAccessibleName(tr("CDRs until date"))
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
            self.use_dates.toggled.connect(edit.setEnabled)
        self.disposition_filter = QComboBox()
        self.disposition_filter.setObjectName("cdrDisposition")
        self.disposition_filter.addItem(tr("Any", "disposition"), None)
        words = disposition_labels()
        for value in DISPOSITIONS:
            self.disposition_filter.addItem(words[value], value)
        self.apply_button = QPushButton(tr("Apply filter"))
        self.apply_button.setObjectName("cdrApply")
        self.apply_button.clicked.connect(self.apply_filter)
        self.count_label = QLabel()
        self.count_label.setObjectName("cdrCount")
        self.filter_error = QLabel()
        self.filter_error.setObjectName("cdrFilterError")
        self.filter_error.setWordWrap(True)
        self.filter_error.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.filter_error.setStyleSheet(f"color: {theme.current().bad}; font-weight: bold;")
        self.filter_error.hide()

        bar = QHBoxLayout()
        account_label = QLabel(tr("Accoun&t:"))
        account_label.setBuddy(self.account_filter)
        disposition_label = QLabel(tr("Di&sposition:"))
        disposition_label.setBuddy(self.disposition_filter)
        bar.addWidget(account_label)
        bar.addWidget(self.account_filter)
        bar.addSpacing(8)
        bar.addWidget(self.use_dates)
        bar.addWidget(self.since)
        bar.addWidget(QLabel(tr("to", "a date range")))
        bar.addWidget(self.until)
        bar.addSpacing(8)
        bar.addWidget(disposition_label)
        bar.addWidget(self.disposition_filter)
        bar.addWidget(self.apply_button)
        bar.addSpacing(12)
        bar.addWidget(self.count_label)
        bar.addStretch(1)

        self.view = QTableView()
        self.view.setObjectName("cdrTable")
        name_table(
            self.view,
            tr("Call detail records"),
            tr("One row per call detail record: time, account, from, to, caller ID, disposition, duration and billed seconds"),
        )
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        self.view.horizontalHeader().setSortIndicatorShown(True)
        self.view.horizontalHeader().sectionClicked.connect(self._on_header_clicked)
        self.browse_empty = EmptyState(tr("No CDRs to list"))
        from PySide6.QtWidgets import QStackedWidget

        self.browse_stack = QStackedWidget()
        self.browse_stack.addWidget(self.view)
        self.browse_stack.addWidget(self.browse_empty)

        # the browser lists the console's own CDR table: said so while a saved target is shown above
        self.browse_note = QLabel()
        self.browse_note.setObjectName("cdrBrowseNote")
        self.browse_note.setWordWrap(True)
        self.browse_note.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.browse_note.hide()

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.browse_note)
        layout.addLayout(bar)
        layout.addWidget(self.filter_error)
        layout.addWidget(self.browse_stack, 1)
        return page

    def _build_receipts(self) -> QWidget:
        from minisip_console.core.accounts import Column
        from minisip_console.ui.table_model import ListTableModel

        columns = (
            Column("id", tr("Run", "a purge run"), "int"),
            Column("started_at", tr("Started"), "datetime"),
            Column("started_by", tr("By")),
            Column("trigger", tr("Trigger"), "status"),
            Column("state", tr("State"), "status"),
            Column("rows_deleted", tr("Rows deleted"), "count"),
            Column("rows_skipped_held", tr("Kept for holds"), "count"),
            Column("verified", tr("Verified"), "bool", placeholder=tr("Not checked")),
        )
        self.receipts_model = ListTableModel(columns, parent=self)
        self.receipts_view = QTableView()
        self.receipts_view.setObjectName("cdrReceipts")
        name_table(
            self.receipts_view,
            tr("Purge receipts"),
            tr("One row per CDR purge run: when, by whom, the rows purged and the receipt's hash"),
        )
        self.receipts_view.setModel(self.receipts_model)
        self.receipts_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.receipts_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.receipts_view.setAlternatingRowColors(True)
        self.receipts_view.verticalHeader().hide()
        self.receipts_view.verticalHeader().setDefaultSectionSize(self.receipts_view.fontMetrics().height() + 8)
        header = self.receipts_view.horizontalHeader()
        char = self.receipts_view.fontMetrics().averageCharWidth()
        for i, width in enumerate((6, 18, 14, 11, 12, 15, 15, 11)):
            header.resizeSection(i, width * char + 16)
        header.setStretchLastSection(True)
        self.receipts_view.selectionModel().currentRowChanged.connect(self._on_receipt_selected)
        self.receipts_view.activated.connect(self._on_receipt_activated)
        self.receipt_details = QPlainTextEdit()
        self.receipt_details.setObjectName("cdrReceiptDetails")
        self.receipt_details.setAccessibleName(tr("Purge receipt details"))
        self.receipt_details.setReadOnly(True)
        self.receipt_details.setPlaceholderText(tr("Select a run to read its full receipt."))
        self.receipts_empty = QLabel(tr("No purge has run on this database yet: no receipts."))
        self.receipts_empty.setObjectName("cdrReceiptsEmpty")
        self.receipts_empty.hide()
        splitter = QSplitter(QtCore.Qt.Orientation.Horizontal)
        splitter.setObjectName("cdrSplitter")  # window_memory keeps its sizes
        splitter.addWidget(self.receipts_view)
        splitter.addWidget(self.receipt_details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.receipts_empty)
        layout.addWidget(splitter, 1)
        return page

    # ------------------------------------------------------------------ connection
    def set_database(self, database: Database) -> Worker | None:
        """Read everything on a worker; ``loaded`` when shown."""
        self.clear()
        self.ensure_built()
        self.database = database
        self._apply_role(database.operator)
        if not self.showing_content():
            self.show_busy(tr("Reading the CDR figures…"))
        return self.refresh()

    def clear(self) -> None:
        self.counting.reset()
        self.purging_action.reset()
        self.snapshot_read.reset()
        self.database = None
        self.snapshot = None
        self.category = "cdr"
        self.target_name = None
        self._pending_filter = None
        self._base_source = None
        self._filters = {}
        if self.policy_dialog is not None:
            self.policy_dialog.reject()
            self.policy_dialog = None
        if self.built:
            if self.model is not None:
                self.view.setModel(None)
                self.model.deleteLater()
                self.model = None
            self.categories.setRowCount(0)
            if self.receipts_model is not None:
                self.receipts_model.set_rows(())
            self.receipt_details.clear()
            if self.chart is not None:
                self.chart.clear()
            self.action_result.hide()
            self.filter_error.hide()
        self.show_disconnected()

    @Slot()
    def refresh(self) -> Worker | None:
        if self.database is None:
            return None
        return self.snapshot_read.start(
            load_snapshot, self.database, dict(self._filters), self.category, self.target_name, label="retention figures"
        )

    def _on_snapshot(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self.category = snapshot.category
        self.target_name = snapshot.target_name
        self._show_categories(snapshot)
        self._show_status(snapshot.status, snapshot.label_of(snapshot.status))
        self._show_chart(snapshot)
        self._show_browser(snapshot)
        self._show_receipts(snapshot.receipts)
        if self.policy_dialog is not None:
            self.policy_dialog.set_policies(snapshot.policies, snapshot.statuses)
        if self.database is not None:
            self._apply_role(self.database.operator)
        self.show_content()
        self.loaded.emit(snapshot)

    def _apply_role(self, operator: OperatorInfo) -> None:
        """The core's answer (``retention.refusal``) on the Purge button; a category kept until a
        review date has nothing to dry-run or purge (the core's ``plan`` refuses it too)."""
        from minisip_console.core.retention import CATEGORY_LABELS, refusal

        label = shown(CATEGORY_LABELS.get(self.category, self.category))
        one, many = nouns(self.category)
        no_days: InvalidInput | None = None
        unreachable: InvalidInput | None = None
        snapshot = self.snapshot
        status = (
            snapshot.status
            if snapshot is not None and snapshot.category == self.category and snapshot.target_name == self.target_name
            else None
        )
        if status is not None and status.policy.days is None:
            no_days = InvalidInput(
                tr("{category} have no retention in days, only a review date: nothing is purged automatically.").format(category=label)
            )
        if status is not None and status.target_name is not None and status.target is None:
            # a saved target that cannot be read now (no password in the keyring, the server down): say why
            unreachable = InvalidInput(
                tr("The retention target {name} cannot be read: {reason}").format(
                    name=status.target_name, reason=shown(status.target_error or "")
                )
            )
        error = refusal("purge", operator) or no_days or unreachable
        render_actions(
            [
                (
                    self.dry_run_button,
                    no_days,
                    tr(
                        "Count the {many} a purge would delete at the cutoff shown, and their time range; changes nothing (Ctrl+Shift+D)"
                    ).format(many=many),
                ),
                (
                    self.purge_button,
                    error,
                    tr("Delete every {one} past the retention now, in batches, with a receipt (asks first)").format(one=one),
                ),
            ],
            self.reasons,
        )
        if error is not None and no_days is None and error is not unreachable:
            self.purge_button.setToolTip(tr("{reason} The dry run is open to everyone.").format(reason=error_text(error)))
        self.counting.hold()
        self.purging_action.hold()

    # ------------------------------------------------------------------ categories
    def _show_categories(self, snapshot: Snapshot) -> None:
        from PySide6.QtGui import QBrush, QColor
        from PySide6.QtWidgets import QTableWidgetItem

        table = self.categories
        table.blockSignals(True)
        try:
            table.setRowCount(len(snapshot.statuses))
            for row, st in enumerate(snapshot.statuses):
                category = st.policy.category
                if st.policy.days is None:
                    past = late = tr("— (review date only)")
                else:
                    past = tr("{count} (older than {days} days)").format(count=count_of(st.overdue, category), days=st.policy.days)
                    late = tr("{count:,} (older than {days} days)").format(count=st.late, days=limit_days(st))
                cells = (snapshot.label_of(st), verdict_word(st.verdict), past, late, f"{st.held:,}", schedule_text(st))
                saved = snapshot.target(st.target_name)
                for col, value in enumerate(cells):
                    item = QTableWidgetItem(value)
                    item.setData(QtCore.Qt.ItemDataRole.UserRole, category)
                    item.setData(TARGET_ROLE, st.target_name or "")
                    if col == 0 and saved is not None:
                        item.setToolTip(
                            tr("Retention target {target}: its rows are read and purged in its own database").format(target=saved.label)
                        )
                    if col == 1:
                        fg, bg = verdict_colours(st.verdict)
                        item.setForeground(QBrush(QColor(fg)))
                        item.setBackground(QBrush(QColor(bg)))
                        font = item.font()
                        font.setBold(True)
                        item.setFont(font)
                        item.setToolTip("\n".join(shown(reason) for reason in st.reasons) or tr("Kept"))
                    table.setItem(row, col, item)
                if category == snapshot.category and st.target_name == snapshot.target_name:
                    table.selectRow(row)
            table.resizeColumnsToContents()
            rows_height = sum(table.rowHeight(r) for r in range(table.rowCount()))
            table.setFixedHeight(table.horizontalHeader().height() + rows_height + 2 * table.frameWidth())
        finally:
            table.blockSignals(False)

    @Slot()
    def _on_category_selected(self) -> None:
        rows = self.categories.selectionModel().selectedRows()
        if not rows:
            return
        item = self.categories.item(rows[0].row(), 0)
        category = item.data(QtCore.Qt.ItemDataRole.UserRole) if item is not None else None
        if category:
            self._show_row(str(category), str(item.data(TARGET_ROLE) or "") or None)

    def show_category(self, category: str) -> Worker | None:
        """Show ``category``'s own table: its figures and verdict at once from the snapshot in hand,
        then read everything again (one moment) for its chart and receipts; ``loaded`` when shown."""
        from minisip_console.core.retention import parse_category

        return self._show_row(parse_category(category), None)

    def show_target(self, name: str) -> Worker | None:
        """Show the saved retention target ``name`` (``core.targets``): its status, verdict, age
        chart (read on its own database) and receipts; Dry run and Purge act on it. ``loaded`` when
        shown (a name no longer saved shows its category's own table, or the CDRs')."""
        saved = self.snapshot.target(name) if self.snapshot is not None else None
        return self._show_row(saved.category if saved is not None else self.category, name)

    def _show_row(self, category: str, target_name: str | None) -> Worker | None:
        snapshot = self.snapshot
        if (
            (category, target_name) == (self.category, self.target_name)
            and snapshot is not None
            and (snapshot.category, snapshot.target_name) == (category, target_name)
        ):
            return None
        self.category = category
        self.target_name = target_name
        self.action_result.hide()
        if snapshot is not None:
            status = snapshot.find(category, target_name)
            if status is not None:
                self._show_status(status, snapshot.label_of(status))
            for row in range(self.categories.rowCount()):
                item = self.categories.item(row, 0)
                if (
                    item is not None
                    and item.data(QtCore.Qt.ItemDataRole.UserRole) == category
                    and (item.data(TARGET_ROLE) or None) == target_name
                ):
                    self.categories.blockSignals(True)
                    self.categories.selectRow(row)
                    self.categories.blockSignals(False)
        if self.database is not None:
            self._apply_role(self.database.operator)
        return self.refresh()

    # ------------------------------------------------------------------ showing
    def set_overview(self, cdr: CategoryStatus) -> None:
        """The main window's overview (read on connecting): the CDR status, shown until the tab's own
        snapshot arrives (then the snapshot alone speaks: one moment for every figure on the screen)."""
        self.ensure_built()
        if self.snapshot is not None:
            return
        if self.category == cdr.policy.category and self.target_name is None:
            self._show_status(cdr)
        if self.database is not None:
            self.show_content()

    def _show_status(self, status: CategoryStatus, label: str | None = None) -> None:
        """The figures and the verdict of one row; ``label``: the row's (``Snapshot.label_of``),
        naming the saved target when it is one."""
        category = status.policy.category
        one, many = nouns(category)
        days = status.policy.days
        limit = limit_days(status)
        own = status.target_name is None
        self.glance.setTitle(tr("At a glance: {category}").format(category=label or shown(status.policy.label)))
        self.total_title.setText(tr("{many} in total:").format(many=capital(many)))
        self.oldest_title.setText(tr("Oldest {one}:").format(one=one))
        self.total.setText(formatting.number(status.total))
        if days is None:
            self.overdue_title.setText(tr("Past retention:"))
            self.overdue.setText(tr("None by age: kept until the review date {date}").format(date=formatting.date(status.policy.review_by)))
            _mark(self.overdue)
            self.late_title.setText(tr("Late:"))
            self.late.setText("—")
            _mark(self.late)
        else:
            self.overdue_title.setText(tr("Past {days} days:").format(days=days))
            if status.overdue:
                if status.total:
                    text = tr("{count} ({share} of all): the next purge deletes them").format(
                        count=formatting.number(status.overdue), share=shown(percent(status.overdue, status.total))
                    )
                else:
                    text = tr("{count}: the next purge deletes them").format(count=formatting.number(status.overdue))
                self.overdue.setText(text)
            else:
                self.overdue.setText(tr("None: every {one} is younger than {days} days").format(one=one, days=days))
            _mark(self.overdue, good=not status.overdue)
            self.late_title.setText(tr("Late (older than {days} days):").format(days=limit))
            if status.late:
                self.late.setText(
                    tr("{count}: past the retention plus the purge interval: broken").format(count=formatting.number(status.late))
                )
                _mark(self.late, alert=True)
            else:
                self.late.setText(tr("None: no {one} past the retention plus the purge interval").format(one=one))
                _mark(self.late, good=True)
        if status.oldest is None:
            if status.target is None:
                self.oldest.setText("—")
            elif own:
                self.oldest.setText(tr("No {many} in this database").format(many=many))
            else:
                self.oldest.setText(tr("No {many} in this target's table").format(many=many))
        else:
            self.oldest.setText(
                tr("{age} old ({when})").format(age=formatting.days(status.oldest_age_days), when=formatting.timestamp(status.oldest))
            )
        if status.held:
            self.held.setText(tr("{count} kept under legal hold (deleted once it ends)").format(count=count_of(status.held, category)))
        else:
            self.held.setText(tr("None: no {one} past the retention is kept for a legal hold").format(one=one))
        if status.cutoff is not None:
            self.cutoff.setText(
                tr("{cutoff}: older {many} are past the retention").format(cutoff=formatting.timestamp(status.cutoff), many=many)
            )
        else:
            self.cutoff.setText(tr("None: the policy sets no retention in days"))
        if status.last_run is not None:
            self.last_run.setText(describe_run(status.last_run))
        elif own:
            self.last_run.setText(tr("Never: no purge has run on this database"))
        else:
            self.last_run.setText(tr("Never: no purge has run on this retention target"))
        # the times above are local with their offset; hovering shows them in UTC
        self.oldest.setToolTip(formatting.utc_tooltip(status.oldest) or "")
        self.cutoff.setToolTip(formatting.utc_tooltip(status.cutoff) or "")
        self.last_run.setToolTip((formatting.utc_tooltip(status.last_run.started_at) or "") if status.last_run is not None else "")
        self.verdict.setText(headline(status))
        self.schedule_line.setText(tr("Scheduled purge: {schedule}").format(schedule=schedule_text(status)) if days is not None else "")
        self.schedule_line.setVisible(days is not None)
        colour, background = verdict_colours(status.verdict)
        self.verdict.setStyleSheet(f"color: {colour};")
        self.verdict_box.setStyleSheet(
            f"QFrame#cdrVerdictBox {{ background: {background}; border: 2px solid {colour}; border-radius: 6px; }}"
        )
        self.verdict.setProperty("kept", status.kept)
        self.verdict.setProperty("verdict", status.verdict)
        reasons = status.reasons
        self.problems.setText("\n".join(f"• {shown(p)}" for p in reasons))
        self.problems.setVisible(bool(reasons))
        warnings = status.warnings
        self.warnings.setText("\n".join(shown(w) for w in warnings))
        self.warnings.setVisible(bool(warnings))

    def _show_chart(self, snapshot: Snapshot) -> None:
        assert self.chart is not None
        _one, many = nouns(snapshot.category)
        if snapshot.histogram is None:
            self.chart.clear()
            self.chart.empty.set_text(tr("The age chart cannot be drawn"), shown(snapshot.histogram_error or ""))
        else:
            from minisip_console.ui.cdr_retention.age_chart import empty_text, empty_title

            if snapshot.category == "cdr":
                self.chart.empty.set_text(empty_title(), empty_text())
            else:
                self.chart.empty.set_text(
                    tr("No {many} to chart").format(many=many),
                    tr("This database holds no {many}: nothing is past the retention either.").format(many=many),
                )
            self.chart.set_histogram(snapshot.histogram, many=many)

    def _show_browser(self, snapshot: Snapshot) -> None:
        from minisip_console.ui.table_model import VirtualTableModel

        if snapshot.target_name is None:
            self.browse_note.hide()
        else:
            self.browse_note.setText(
                tr(
                    "These are the CDRs in the console's own database. The retention target {name} is checked, "
                    "charted and purged above; its rows are not listed here."
                ).format(name=snapshot.target_name)
            )
            self.browse_note.show()
        self._base_source = snapshot.source
        prepared = snapshot.browse
        if prepared is None:
            if self.model is not None:
                self.view.setModel(None)
                self.model.deleteLater()
                self.model = None
            self.browse_empty.set_text(tr("The CDRs cannot be listed"), shown(snapshot.browse_error or ""))
            self.browse_stack.setCurrentWidget(self.browse_empty)
            self.count_label.clear()
            return
        if self.model is None:
            model = VirtualTableModel(prepared.source, parent=self)
            model.fetch_failed.connect(self._on_fetch_failed)
            model.modelReset.connect(self._update_count)
            self.model = model
            model.adopt(prepared)
            self.view.setModel(model)
            self._size_columns()
        else:
            self.model.adopt(prepared)
        self.view.horizontalHeader().setSortIndicator(*self.model.sort_column())
        self.browse_stack.setCurrentWidget(self.view)
        self._update_count()

    def _size_columns(self) -> None:
        assert self.model is not None
        header = self.view.horizontalHeader()
        char = self.view.fontMetrics().averageCharWidth()
        header.setStretchLastSection(False)
        for i, column in enumerate(self.model.columns):
            width = _CDR_WIDTHS.get(column.key, 12)
            if width is None:
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
            else:
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Interactive)
                header.resizeSection(i, width * char + 16)

    @Slot()
    def _update_count(self) -> None:
        if self.model is None:
            self.count_label.clear()
            return
        count = self.model.rowCount()
        filtered = any(v is not None for v in self._filters.values())
        if filtered:
            text = plural(count, tr("{count:,} CDR matches the filter"), tr("{count:,} CDRs match the filter"))
        else:
            text = plural(count, tr("{count:,} CDR"), tr("{count:,} CDRs"))
        self.count_label.setText(text)

    def _show_receipts(self, receipts: tuple[Receipt, ...]) -> None:
        assert self.receipts_model is not None
        if self.target_name is None:
            self.receipts_empty.setText(tr("No purge has run on this database yet: no receipts."))
        else:
            self.receipts_empty.setText(
                tr("No purge has run on the retention target {name} yet: no receipts.").format(name=self.target_name)
            )
        current = self.receipts_view.currentIndex().row()
        self.receipts_model.set_rows(receipts)
        self.receipts_empty.setVisible(not receipts)
        if receipts:
            self.receipts_view.selectRow(max(0, min(current, len(receipts) - 1)))
        else:
            self.receipt_details.clear()

    @Slot(object, object)
    def _on_receipt_selected(self, current: Any, _previous: Any) -> None:
        self._show_receipt_row(current.row())

    @Slot(object)
    def _on_receipt_activated(self, index: Any) -> None:
        self._show_receipt_row(index.row())
        self.receipt_details.setFocus()

    def _show_receipt_row(self, row: int) -> None:
        receipt = self.receipts_model.row_at(row) if self.receipts_model is not None else None
        self.receipt_details.setPlainText(describe_receipt(receipt) if receipt is not None else "")

    # ------------------------------------------------------------------ filters
    def current_filters(self) -> dict[str, Any]:
        """The filter the widgets describe; ``InvalidInput`` with a clear sentence when it cannot be."""
        raw = self.account_filter.text().strip()
        account: int | None = None
        if raw:
            account = limits.parse_id(raw, what=say("an account id"))  # the command line's rule ("²" is no id)
        since = until = None
        if self.use_dates.isChecked():
            first, last = to_date(self.since.date()), to_date(self.until.date())
            if first > last:
                raise InvalidInput(
                    tr("The date range is empty: {first} is after {last}.").format(first=first.isoformat(), last=last.isoformat()),
                    hint=tr("Swap the two dates."),
                )
            since = dt.datetime.combine(first, dt.time(), dt.UTC)
            until = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), dt.UTC)  # the last day included
        return {"account_id": account, "since": since, "until": until, "disposition": self.disposition_filter.currentData()}

    def _filter_error(self, exc: ConsoleError) -> None:
        text = error_text(exc)
        self.filter_error.setText(text)
        self.filter_error.show()
        self.filter_rejected.emit(text)

    @Slot()
    def apply_filter(self) -> Worker | None:
        """Check the filter here (an error is shown inline and the fields keep what was typed),
        then count and fetch the first page on a worker."""
        from minisip_console.ui import workers
        from minisip_console.ui.table_model import prepare
        from minisip_console.ui.workers import Worker

        if self._base_source is None:
            return None
        try:
            filters = self.current_filters()
            source = self._base_source.filtered(**filters)
        except ConsoleError as exc:
            self._filter_error(exc)
            return None
        self.filter_error.hide()
        if self.model is not None:
            key, descending = self.model.source.order
            source = source.ordered(key, descending)
        self._pending_filter = (source, filters)
        self.count_label.setText(tr("Filtering…"))
        worker = Worker(prepare, source, name="CDR filter", callbacks=False)
        return workers.start(worker, finished=self._on_filter_ready, failed=self._on_filter_failed)

    @Slot(object)
    def _on_filter_ready(self, prepared: Prepared) -> None:
        pending = self._pending_filter
        if pending is None or prepared.source is not pending[0] or self.model is None:
            return
        self._pending_filter = None
        self._filters = pending[1]
        self.model.adopt(prepared)
        self._update_count()
        self.filter_applied.emit(self.model.rowCount())

    @Slot(object)
    def _on_filter_failed(self, failure: WorkFailure) -> None:
        self._pending_filter = None
        self._update_count()
        if failure.known and isinstance(failure.error, ConsoleError):
            self._filter_error(failure.error)
        else:
            crash.report_failure(failure)

    @Slot(int)
    def _on_header_clicked(self, section: int) -> None:
        model = self.model
        if model is None:
            return
        column = model.columns[section]
        if column.sortable:
            _key, descending = model.source.order
            order = QtCore.Qt.SortOrder.AscendingOrder if descending else QtCore.Qt.SortOrder.DescendingOrder
            try:
                model.sort(section, order)
            except ConsoleError as exc:
                self.notifier.console_error(exc)
        else:
            self.notifier.info(tr("Calls are listed by time only: it is the column every CDR table indexes."), timeout_ms=6000)
        self.view.horizontalHeader().setSortIndicator(*model.sort_column())

    @Slot(object)
    def _on_fetch_failed(self, error: ConsoleError) -> None:
        self.notifier.console_error(error)

    # ------------------------------------------------------------------ dry run and purge
    def _start_plan(self, for_purge: bool) -> Worker | None:
        """Count at the snapshot's moment (its cutoff: the figures, the chart and the verdict on the
        screen); a purge then deletes at that same cutoff."""
        from minisip_console.core import retention

        if self.database is None or self.purging_action.running or not self.dry_run_button.isEnabled():
            return None
        category, target_name = self.category, self.target_name
        snapshot = self.snapshot
        shown = snapshot.find(category, target_name) if snapshot is not None else None
        worker = self.counting.start(
            retention.plan,
            self.database.sessions,
            category,
            now=shown.now if shown is not None else None,
            target=target_name,
            label=f"{category} dry run" if target_name is None else f"{category} dry run of target {target_name}",
            done=lambda plan: self._on_plan(plan, for_purge, shown),
            failed=self._on_plan_failed,
        )
        if worker is not None:
            self._show_result(tr("Counting what a purge would delete…"))
        return worker

    @Slot()
    def dry_run(self) -> Worker | None:
        return self._start_plan(for_purge=False)

    @Slot()
    def purge(self) -> Worker | None:
        """Count first (the confirmation names the rows and the cutoff), then ask, then purge."""
        if self.database is None or not self.purge_button.isEnabled():
            return None
        return self._start_plan(for_purge=True)

    def _show_result(self, text: str, colour: str | None = None) -> None:
        self.action_result.setText(text)
        self.action_result.setStyleSheet(f"color: {colour}; font-weight: bold;" if colour else "")
        self.action_result.show()

    @staticmethod
    def describe_plan(plan: PurgePlan, shown: CategoryStatus | None = None) -> str:
        """The dry run in words; with the status it was counted for, whether the count moved since
        the figures were read (rows written or deleted meanwhile: same cutoff, other rows)."""
        from minisip_console.ui.i18n import shown as shown_text  # ``shown`` here is the status

        one, many = nouns(plan.category)
        cutoff = formatting.timestamp(plan.cutoff)
        if plan.rows == 0 and not plan.partitions:
            text = tr("Dry run: nothing to delete. No {one} is older than the cutoff {cutoff} ({days} days).").format(
                one=one, cutoff=cutoff, days=plan.days
            )
        else:
            text = tr(
                "Dry run: a purge would delete {count} older than the cutoff {cutoff} ({days} days), "
                "from {oldest} to {newest}, in {table}.{column}."
            ).format(
                count=count_of(plan.rows, plan.category),
                cutoff=cutoff,
                days=plan.days,
                oldest=formatting.timestamp(plan.oldest),
                newest=formatting.timestamp(plan.newest),
                table=plan.target.table,
                column=plan.target.column,
            )
        if plan.target_name is not None:
            text += tr(" Counted in the retention target {name}, in its own database.").format(name=plan.target_name)
        if shown is not None and shown.cutoff == plan.cutoff:
            if shown.overdue == plan.rows:
                text += tr(" The same count as the figures above, at their cutoff.")
            else:
                text += tr(
                    " The figures above, read at {when}, counted {count:,} at this cutoff: "
                    "{many} were written or deleted since. Refresh (F5) to read them again."
                ).format(when=formatting.timestamp(shown.now), count=shown.overdue, many=many)
        if plan.held:
            text += tr(" It would keep {count} of accounts under a legal hold.").format(count=count_of(plan.held, plan.category))
        if plan.holds_warning:
            text += tr(" Warning: {warning}").format(warning=shown_text(plan.holds_warning))
        if plan.partitions:
            names = ", ".join(p.name for p in plan.partitions)
            whole = plural(len(plan.partitions), tr("{count:,} whole partition"), tr("{count:,} whole partitions"))
            if plan.partition_mode == "detach":
                text += tr(" It would detach {partitions}: {names}.").format(partitions=whole, names=names)
            else:
                text += tr(" It would drop {partitions}: {names}.").format(partitions=whole, names=names)
        if plan.running:
            text += tr(" Receipts still marked running: {runs} (a purge runs now, or one was interrupted).").format(
                runs=", ".join(str(i) for i in plan.running)
            )
        return text

    def _on_plan(self, plan: PurgePlan, for_purge: bool, shown: CategoryStatus | None = None) -> None:
        self._show_result(self.describe_plan(plan, shown))
        self.dry_run_done.emit(plan)
        if for_purge:
            self._confirm(plan)

    def _on_plan_failed(self, failure: WorkFailure) -> None:
        self._show_result(
            tr("Could not count the rows past the retention: {reason}").format(reason=shown(failure.message)), theme.current().bad
        )
        self._report(failure)

    def _confirm(self, plan: PurgePlan) -> QMessageBox | None:
        one, many = nouns(plan.category)
        if plan.rows == 0 and not plan.partitions:
            self.notifier.info(tr("Nothing to purge: no {one} is past the retention.").format(one=one))
            return None
        when = {"oldest": formatting.timestamp(plan.oldest), "newest": formatting.timestamp(plan.newest), "table": plan.target.table}
        if plan.target_name is None:
            details = [tr("From {oldest} to {newest}, in {table}.").format(**when)]
        else:
            details = [
                tr("From {oldest} to {newest}, in {table} of the retention target {name} (its own database).").format(
                    name=plan.target_name, **when
                )
            ]
        if plan.partitions:
            names = ", ".join(p.name for p in plan.partitions)
            if plan.partition_mode == "detach":
                details.append(tr("Whole partitions to detach: {names}.").format(names=names))
            else:
                details.append(tr("Whole partitions to drop: {names}.").format(names=names))
        if plan.held:
            details.append(tr("{count} of accounts under a legal hold are kept.").format(count=count_of(plan.held, plan.category)))
        if plan.holds_warning:
            details.append(tr("Warning: {warning}").format(warning=shown(plan.holds_warning)))
        details.append(tr("This cannot be undone. The purge runs in batches; you can cancel between batches. A receipt records the run."))
        self._purge_plan = plan
        count = count_of(plan.rows, plan.category)
        return self.purging_action.confirm(
            Confirm(
                "cdrPurgeConfirm",
                tr("Purge {many}").format(many=many),
                tr("Delete {count} older than {cutoff} (older than {days} days)?").format(
                    count=count, cutoff=formatting.timestamp(plan.cutoff), days=plan.days
                ),
                "\n".join(details),
                yes=tr("&Delete {count}").format(count=count),
                yes_name="cdrPurgeConfirmYes",
            ),
            then=self.start_purge,
            declined=lambda: self._show_result(tr("Purge not started: nothing was deleted.")),
        )

    @property
    def confirm_box(self) -> QMessageBox | None:
        """The open question before a purge, if any."""
        return self.purging_action.box

    def start_purge(self) -> Worker | None:
        """Run the purge now (no question asked: ``purge`` asks first), at the cutoff the dry run
        counted and the confirmation named."""
        if self.database is None or self.counting.running:
            return None
        plan = self._purge_plan
        category = plan.category if plan is not None else self.category
        target_name = plan.target_name if plan is not None else self.target_name
        _one, many = nouns(category)
        worker = self.purging_action.start(
            purge_job,
            self.database.sessions,
            self.database.operator,
            batch_size=PURGE_BATCH_SIZE,
            expected=plan.rows if plan is not None else None,
            category=category,
            now=plan.now if plan is not None else None,
            target_name=target_name,
            label=f"{category} purge" if target_name is None else f"{category} purge of target {target_name}",
            callbacks=True,
            panel_text=tr("Starting the purge…"),
            progress=self.purge_progressed.emit,
            done=self._on_purged,
            failed=self._on_purge_failed,
        )
        if worker is not None:
            self.progress_bar.setRange(0, 1000)
            self.progress_bar.setValue(0)
            if target_name is None:
                self._show_result(tr("Purging {many} past the retention…").format(many=many))
            else:
                self._show_result(tr("Purging {many} past the retention in the target {name}…").format(many=many, name=target_name))
        return worker

    @property
    def purging(self) -> bool:
        return self.purging_action.running

    @Slot()
    def cancel_purge(self) -> None:
        self.purging_action.cancel()

    def _purge_done(self) -> None:
        if self.database is not None:
            self._apply_role(self.database.operator)

    def _on_purged(self, receipts: tuple[Receipt, ...]) -> None:
        self._purge_done()
        self.last_receipts = receipts
        for r in receipts:
            state = formatting.state(r.state).lower()
            if r.target_name:
                text = tr("Purge run {run} of the retention target {name} {state}: {summary}.").format(
                    run=r.id, name=r.target_name, state=state, summary=shown(r.summary)
                )
            else:
                text = tr("Purge run {run} {state}: {summary}.").format(run=r.id, state=state, summary=shown(r.summary))
            if r.ok:
                self._show_result(text, theme.current().good)
                self.notifier.success(text, timeout_ms=10_000)
            else:
                self._show_result(text, theme.current().bad if r.state in ("failed", "unverified") else None)
                self.notifier.warning(
                    text, tr("Run the purge again to finish the work.") if r.state in ("cancelled", "time_limit") else None
                )
        self.purge_finished.emit(receipts)
        self.refresh()

    def _on_purge_failed(self, failure: WorkFailure) -> None:
        self._purge_done()
        reason = f"{shown(failure.message)} {shown(failure.hint)}" if failure.hint else shown(failure.message)
        self._show_result(tr("The purge did not run to its end: {reason}").format(reason=reason), theme.current().bad)
        self._report(failure)
        self.purge_failed.emit(failure)
        self.refresh()

    # ------------------------------------------------------------------ policies
    @Slot()
    def open_policies(self) -> PolicyDialog | None:
        if self.database is None or self.snapshot is None:
            return None
        if self.policy_dialog is None:
            dialog = PolicyDialog(self.database, self.snapshot.policies, self, statuses=self.snapshot.statuses)
            dialog.saved.connect(self._on_policy_saved)
            dialog.targets_changed.connect(self.refresh)  # a target added or removed: its figures
            dialog.finished.connect(self._on_policy_dialog_finished)
            self.policy_dialog = dialog
            dialog.open()
        else:
            self.policy_dialog.raise_()
            self.policy_dialog.activateWindow()
        return self.policy_dialog

    @Slot(object)
    def _on_policy_saved(self, policy: PolicyInfo) -> None:
        self.notifier.success(tr("Saved the retention policy of {category}.").format(category=uncapital(shown(policy.label))))
        self.refresh()

    @Slot(int)
    def _on_policy_dialog_finished(self, _result: int) -> None:
        if self.policy_dialog is not None and self.sender() is self.policy_dialog:
            self.policy_dialog.deleteLater()
            self.policy_dialog = None
