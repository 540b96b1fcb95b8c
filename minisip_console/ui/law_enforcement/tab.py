# Over 800 lines (1236): the class LegalTab alone is 873 lines, one widget whose methods share its
# state; its dialogs, rows and jobs are in the modules beside it. Splitting the class itself is left to a person.
"""The Law enforcement tab: the register of requests, the legal holds and the disclosure register,
with the policy's court-order rule as the workflow (``core.legal``).

The verdict at the top is ``legal.checks``: green while no request was complied with without a
court order, no customer notice is overdue and every disclosure has a basis; red otherwise, with
the counts of open requests, notices due, gags to review and holds in force.

The register lists every request (received, agency, country, legal process, accounts, decision
and the worst notice state, overdue in red). The details of the selected request are read on a
worker: the intake, the documents with their SHA-256, the accounts with their notice, the holds
with their end dates and what was disclosed (the export's SHA-256 and its manifest).

The actions follow the request's state and the operator's role, and a disabled one says why in
its tooltip: Record request… (``legal.record_request``), Record order checked…
(``record_court_order_check``), Propose compliance… (``propose_compliance``: only a checked court
order or warrant; the tooltip is ``RequestInfo.compliance_blocked_by``), Approve compliance…
(``approve_compliance`` by another operator, on a worker with a progress bar and Stop), Reject…
(``reject``), Notify customers… (``notify``: email through the saved mail server, or recorded by
hand), Gag order… (``record_gag``) and Review gag (``review_gag``). The Holds page releases a
hold (``holds.release_hold``, approvers); the Disclosures page records a disclosure
(``record_disclosure``, a basis required). Transparency report… writes ``legal.write_report``.
The core checks every rule again: a refusal is shown with the core's sentence.

Every write and the report take the one long-action path (``ui/long_action.py``): the core call
runs on a worker with its button grey, never on the GUI thread. A dialog's write runs on the
dialog's own action (OK grey; the refusal inline, nothing typed lost; on success the dialog
closes); the approval asks for its folder first, then shows its progress row with Stop and Esc;
the emailed notice and the gag review run on the tab's actions.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from minisip_console.core.plumbing.errors import ConsoleError
from minisip_console.ui import formatting, theme
from minisip_console.ui.dialog_parts import form_layout, today_utc
from minisip_console.ui.i18n import plural, shown, tr
from minisip_console.ui.law_enforcement.dialogs import (
    DisclosureDialog,
    GagDialog,
    NotifyDialog,
    OrderCheckDialog,
    ProposeDialog,
    RejectDialog,
    ReleaseHoldDialog,
)
from minisip_console.ui.law_enforcement.intake_dialog import IntakeDialog
from minisip_console.ui.law_enforcement.jobs import approve_job, load_details, load_snapshot, notify_job
from minisip_console.ui.law_enforcement.models import (
    NOTICE_LOOK,
    Snapshot,
    basis_label,
    category_labels,
    decision_words,
    hold_state,
    notice_words,
    process_label,
    scope_words,
    short_process,
)
from minisip_console.ui.law_enforcement.report_dialog import ReportDialog
from minisip_console.ui.long_action import LongAction
from minisip_console.ui.progress_panel import RequestProgress
from minisip_console.ui.reading import LatestRead
from minisip_console.ui.tabs import (
    ActionTabPage,
    EmptyState,
    ReasonsLine,
    name_table,
    page_note,
    read_only_table,
    render_actions,
    value_label,
)

if TYPE_CHECKING:
    import datetime as dt
    from typing import Any

    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QDialog

    from minisip_console.core.disclosures import DisclosureInfo
    from minisip_console.core.holds import HoldInfo
    from minisip_console.core.legal import AccountNotice, ComplianceResult, LegalChecks, RequestInfo, TransparencyReport
    from minisip_console.core.operators import OperatorInfo
    from minisip_console.core.plumbing.connection import Database
    from minisip_console.core.plumbing.mailer import SmtpSettings
    from minisip_console.ui.notifier import Notifier
    from minisip_console.ui.table_model import ListTableModel
    from minisip_console.ui.tabs import Reason
    from minisip_console.ui.workers import Worker, WorkFailure


def note() -> str:
    return tr(
        "The privacy policy promises: “miniSIPServer won't hand your data over to law enforcement unless a court order "
        "says we have to … and unless we're legally prevented from it, we'll always inform you when such requests are "
        "made.” A request can be complied with only under a court order or warrant that an operator has checked, and a "
        "second operator approves; everything else is rejected with a reason. Every account named is told, unless a gag "
        "order stands."
    )


def empty_title() -> str:
    return tr("No law-enforcement requests yet")


def empty_text() -> str:
    return tr(
        "This register records every request from the police or another authority for a customer's data: who asked, "
        "under which legal process, what was decided and when the customer was told. The policy's promise: nothing is "
        "handed over without a court order, and the customer is always informed unless a court forbids it. Record a "
        "request with Record request… when one arrives."
    )


#: the sub-pages of the tab
REQUESTS_PAGE, HOLDS_PAGE, DISCLOSURES_PAGE = 0, 1, 2


def verdict(checks: LegalChecks) -> tuple[str, str]:
    """The verdict line and the counts line."""
    problems = []
    if checks.complied_without_order:
        problems.append(
            plural(
                checks.complied_without_order,
                tr("{count:,} request complied with without a court order"),
                tr("{count:,} requests complied with without a court order"),
            )
        )
    if checks.overdue_notices:
        problems.append(plural(checks.overdue_notices, tr("{count:,} customer notice overdue"), tr("{count:,} customer notices overdue")))
    if checks.disclosures_without_basis:
        problems.append(
            plural(
                checks.disclosures_without_basis,
                tr("{count:,} disclosure without a legal basis"),
                tr("{count:,} disclosures without a legal basis"),
            )
        )
    if problems:
        head = tr("Promise broken: {problems}").format(problems=tr("; ").join(problems))
    else:
        head = tr("Promise kept: no request complied with without a court order; no customer notice overdue")
    counts = tr(" · ").join(
        (
            plural(checks.open_requests, tr("{count:,} open request"), tr("{count:,} open requests")),
            plural(checks.due_notices, tr("{count:,} notice due"), tr("{count:,} notices due")),
            tr("{count:,} overdue").format(count=checks.overdue_notices),
            plural(checks.gags_to_review, tr("{count:,} gag order to review"), tr("{count:,} gag orders to review")),
            plural(checks.active_holds, tr("{count:,} legal hold in force"), tr("{count:,} legal holds in force")),
        )
    )
    return head, counts


# --------------------------------------------------------------------------- permissions: the core's answer


def why_not(action: str, request: RequestInfo | None, operator: OperatorInfo, *, today: dt.date | None = None) -> Reason:
    """``None`` when ``operator`` may do ``action`` on ``request``; else the sentence to show: the
    core's own answer (``legal.refusal``, the error the core raises), never a copy of its rules."""
    from minisip_console.core.legal import ON_A_REQUEST, refusal

    if request is None and action in ON_A_REQUEST:
        error = refusal(action, None, operator)
        if error is None:
            return tr("Select a request in the register first (its details are read before the actions open).")
    else:
        error = refusal(action, request, operator, today=today)
    return error


def why_not_release(hold: HoldInfo | None, operator: OperatorInfo) -> Reason:
    """The core's answer for Release (``holds.release_refusal``)."""
    from minisip_console.core.holds import release_refusal

    error = release_refusal(hold, operator)
    if error is None and hold is None:
        return tr("Select a hold first.")
    return error


# --------------------------------------------------------------------------- models


_models: dict[str, type] = {}


def _model(kind: str, parent: QWidget) -> ListTableModel:
    """The tab's list models (their classes are defined on first use: the table model module loads
    the Qt namespace, which the window's first paint does not wait for)."""
    from minisip_console.core.accounts import Column
    from minisip_console.ui.table_model import ListTableModel, Roles

    if "register" not in _models:

        class RegisterModel(ListTableModel):
            """The register: the notice cell coloured by its state (overdue in red), with a tooltip."""

            def data(self, index: Any, role: int = QtCore.Qt.ItemDataRole.DisplayRole) -> Any:
                if index.isValid() and self.columns[index.column()].key == "notice":
                    row = self.row_at(index.row())
                    look = NOTICE_LOOK.get(row.notice_state) if row is not None else None
                    if look is not None:
                        if role == QtCore.Qt.ItemDataRole.BackgroundRole and look[0]:
                            return theme.current().brush(look[0])
                        if role == QtCore.Qt.ItemDataRole.ForegroundRole and look[1]:
                            return theme.current().brush(look[1])
                        if role == Roles.TOOLTIP:
                            return _notice_tip(row.notice_state)
                return super().data(index, role)

        class HoldsModel(ListTableModel):
            def data(self, index: Any, role: int = QtCore.Qt.ItemDataRole.DisplayRole) -> Any:
                if index.isValid() and role == QtCore.Qt.ItemDataRole.ForegroundRole and self.columns[index.column()].key == "state":
                    row = self.row_at(index.row())
                    if row is not None and row.hold.active:
                        return QBrush(QColor(theme.current().good))
                return super().data(index, role)

        _models["register"] = RegisterModel
        _models["holds"] = HoldsModel
        _models["disclosures"] = ListTableModel
    columns = {
        "register": (
            Column("id", tr("Request"), "int"),
            Column("received", tr("Received")),
            Column("agency", tr("Agency")),
            Column("country", tr("Country")),
            Column("process", tr("Legal process")),
            Column("accounts", tr("Accounts")),
            Column("decision", tr("Decision")),
            Column("notice", tr("Customer notice"), tooltip=tr("The worst notice state of the accounts named; overdue in red")),
        ),
        "holds": (
            Column("id", tr("Hold"), "int"),
            Column("account_id", tr("Account"), "int"),
            Column("request_id", tr("Request"), "int", placeholder="—"),
            Column("state", tr("State")),
            Column("placed", tr("Placed (UTC)")),
            Column("ends", tr("Ends or ended (UTC)"), tooltip=tr("A hold ends on its own at its end date")),
            Column("reason", tr("Reason")),
        ),
        "disclosures": (
            Column("id", tr("Disclosure"), "int"),
            Column("disclosed", tr("Disclosed (UTC)")),
            Column("account", tr("Account")),
            Column("recipient", tr("Recipient")),
            Column("basis", tr("Legal basis")),
            Column("categories", tr("Data")),
            Column("evidence", tr("Evidence")),
            Column(
                "export",
                tr("Export SHA-256"),
                tooltip=tr("The SHA-256 of the export ZIP handed over (made by the customer's own export code)"),
            ),
        ),
    }[kind]
    return _models[kind](columns, parent=parent)


def _notice_tip(state: str) -> str:
    from minisip_console.core.legal import GAG_REVIEW_DAYS, NOTICE_GRACE_DAYS

    return {
        "overdue": tr("A customer notice fell due more than {days} days ago and has not been sent").format(days=NOTICE_GRACE_DAYS),
        "due": tr("A customer must be told now (Notify customers…)"),
        "gag_review": tr("A gag order without an end date is due for its review (every {days} days)").format(days=GAG_REVIEW_DAYS),
        "gagged": tr("A gag order in force holds the notice back"),
        "notified": tr("Every customer named has been told"),
    }.get(state, "")


# --------------------------------------------------------------------------- small widgets


def _fill(table: QTableWidget, rows: list[tuple[str, ...]], colours: list[str | None] | None = None) -> None:
    table.setRowCount(len(rows))
    for i, cells in enumerate(rows):
        for col, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            if colours is not None and colours[i] and col == 1:
                item.setForeground(QBrush(QColor(colours[i])))
            table.setItem(i, col, item)
    for col in range(table.columnCount() - 1):
        table.resizeColumnToContents(col)


def _view(name: str, model: ListTableModel, widths: tuple[int, ...]) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.setModel(model)
    header = view.horizontalHeader()
    char = view.fontMetrics().averageCharWidth()
    for i, width in enumerate(widths):
        header.resizeSection(i, width * char + 16)
    header.setStretchLastSection(True)
    return view


# --------------------------------------------------------------------------- the tab


class LegalTab(ActionTabPage):
    build_parts = ("facts", "details", "holds", "disclosures")

    loaded = Signal(object)  # Snapshot
    details_loaded = Signal(object)  # RequestInfo
    acted = Signal(object)  # RequestInfo, DisclosureInfo or HoldInfo after an action
    action_failed = Signal(str)  # the core's sentence
    approve_progressed = Signal(int, int, str)
    approve_finished = Signal(object)  # ComplianceResult
    approve_failed = Signal(object)  # WorkFailure
    notified = Signal(object)  # tuple[AccountNotice, ...]
    report_written = Signal(object)  # TransparencyReport

    def __init__(self, notifier: Notifier, connect_action: QAction, parent: QWidget | None = None) -> None:
        super().__init__(notifier, connect_action, parent)
        self.what = tr("the law-enforcement register")  # for "Open a database to see …" (translated: set once the translator is in)
        self.database: Database | None = None
        self.snapshot: Snapshot | None = None
        self.details: RequestInfo | None = None
        self.model: ListTableModel | None = None
        self.holds_model: ListTableModel | None = None
        self.disclosures_model: ListTableModel | None = None
        self.dialog: QDialog | None = None
        self.folder_dialog: QFileDialog | None = None
        self.smtp_settings: SmtpSettings | None = None
        self.last_result: ComplianceResult | None = None
        self._select_id: int | None = None
        self.snapshot_read = LatestRead(
            self,
            "legalSnapshot",
            done=self._on_snapshot,
            failed=functools.partial(self._read_failed, tr("The law-enforcement register could not be read.")),
        )
        self.details_read = LatestRead(self, "legalDetails", done=self._on_details, failed=self._report)
        self.approve_progress = RequestProgress(
            self,
            "legal",
            tr("Stop the export"),
            "legalCancel",
            tr("Stop the export (Esc): nothing is recorded as disclosed and the request stays proposed"),
        )
        self.approve_progress.progressed.connect(self.approve_progressed)
        # the tab's writes (ui/long_action.py); the dialogs' own writes run on each dialog's action
        self.approving = LongAction(self, "legalApprove", panel=self.approve_progress)
        self.reviewing = LongAction(self, "legalReview")
        self.emailing = LongAction(self, "legalNotifyEmail")
        self._approve_request: int | None = None

    # ------------------------------------------------------------------ layout
    def build_content(self, content: QWidget) -> None:
        # -- the verdict
        self.verdict = QLabel("—")
        self.verdict.setObjectName("legalVerdict")
        self.verdict.setWordWrap(True)
        self.verdict.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        font = QFont(self.verdict.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.verdict.setFont(font)
        self.verdict_counts = QLabel()
        self.verdict_counts.setObjectName("legalVerdictCounts")
        self.verdict_counts.setWordWrap(True)
        self.verdict_box = QFrame()
        self.verdict_box.setObjectName("legalVerdictBox")
        box = QVBoxLayout(self.verdict_box)
        box.setContentsMargins(10, 6, 10, 6)
        box.addWidget(self.verdict)
        box.addWidget(self.verdict_counts)
        self.report_button = self._button(tr("&Transparency report…"), "legalReport", self.transparency_report)
        top = QHBoxLayout()
        top.addWidget(self.verdict_box, 1)
        top.addWidget(self.report_button, 0, QtCore.Qt.AlignmentFlag.AlignTop)

        # -- the last action's result, and the running approval
        self.action_result = QLabel()
        self.action_result.setObjectName("legalResult")
        self.action_result.setWordWrap(True)
        self.action_result.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.action_result.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        self.action_result.hide()
        self.progress_frame = self.approve_progress.build()
        assert self.approve_progress.bar is not None and self.approve_progress.text is not None
        assert self.approve_progress.cancel_button is not None
        self.progress_bar = self.approve_progress.bar
        self.progress_text = self.approve_progress.text
        self.cancel_button = self.approve_progress.cancel_button

        self.pages = QTabWidget()
        self.pages.setObjectName("legalPages")
        self.pages.setAccessibleName(tr("Law enforcement pages"))
        self.pages.addTab(self._build_requests(), tr("Re&quests"))
        self.pages.addTab(self._part("holds"), tr("Hold&s"))
        self.pages.addTab(self._part("disclosures"), tr("D&isclosures"))
        self.approving.hold_buttons(self.approve_button)
        self.reviewing.hold_buttons(self.review_button)
        self.emailing.hold_buttons(self.notify_button)

        layout = QVBoxLayout(content)
        layout.addWidget(page_note(note()))
        layout.addLayout(top)
        layout.addWidget(self.action_result)
        layout.addWidget(self.progress_frame)
        layout.addWidget(self.pages, 1)
        self._show_details(None)

    def _build_requests(self) -> QWidget:
        self.record_button = self._button(tr("R&ecord request…"), "legalRecord", self.record_request)
        self.check_button = self._button(tr("Record order chec&ked…"), "legalCheck", self.record_check)
        self.propose_button = self._button(tr("Propose complia&nce…"), "legalPropose", self.propose)
        self.approve_button = self._button(tr("Approve co&mpliance…"), "legalApprove", self.approve)
        self.reject_button = self._button(tr("Re&ject…"), "legalReject", self.reject)
        self.notify_button = self._button(tr("Notif&y customers…"), "legalNotify", self.notify)
        self.gag_button = self._button(tr("&Gag order…"), "legalGag", self.gag)
        self.review_button = self._button(tr("&Review gag"), "legalReview", self.review_gag)
        self.count_label = QLabel()
        self.count_label.setObjectName("legalCount")
        actions = QHBoxLayout()
        actions.addWidget(self.record_button)
        actions.addSpacing(12)
        actions.addWidget(QLabel(tr("Selected:")))
        for button in (
            self.check_button,
            self.propose_button,
            self.approve_button,
            self.reject_button,
            self.notify_button,
            self.gag_button,
            self.review_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.count_label)
        self.reasons = ReasonsLine("legalReasons")

        self.model = _model("register", self)
        self.view = _view("legalTable", self.model, (8, 11, 50, 8, 16, 12, 20))
        name_table(
            self.view, tr("Law enforcement requests"), tr("One row per request in the register: its reference, agency, state and deadlines")
        )
        self.view.selectionModel().currentRowChanged.connect(self._on_row_changed)
        self.register_empty = EmptyState(empty_title(), empty_text())
        self.register_stack = QStackedWidget()
        self.register_stack.addWidget(self.view)
        self.register_stack.addWidget(self.register_empty)

        splitter = QSplitter(QtCore.Qt.Orientation.Vertical)
        splitter.setObjectName("legalSplitter")  # window_memory keeps its sizes
        splitter.addWidget(self.register_stack)
        splitter.addWidget(self._part("details"))
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(actions)
        layout.addWidget(self.reasons)
        layout.addWidget(splitter, 1)
        return page

    def _build_facts(self) -> QWidget:
        """The selected request's facts, left of its tables (a build part: built on a turn of its own)."""
        self.detail_title = QLabel()
        self.detail_title.setObjectName("legalDetailTitle")
        font = self.detail_title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.detail_title.setFont(font)
        keys = (
            ("received", tr("Received:")),
            ("agency", tr("Agency, country:")),
            ("officer", tr("Officer, contact:")),
            ("process", tr("Legal process:")),
            ("sought", tr("Data sought:")),
            ("reference", tr("Reference:")),
            ("description", tr("In the request's words:")),
            ("order", tr("Court order:")),
            ("decision", tr("Decision:")),
            ("gag", tr("Gag order:")),
        )
        self.detail_facts = {key: value_label(f"legalDetail_{key}") for key, _ in keys}
        facts = form_layout()
        for key, title in keys:
            facts.addRow(title, self.detail_facts[key])
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.detail_title)
        left_layout.addLayout(facts)
        left_layout.addStretch(1)
        facts_scroll = QScrollArea()  # a short window scrolls the facts rather than squeezing their lines together
        facts_scroll.setObjectName("legalDetailFacts")
        facts_scroll.setWidget(left)
        facts_scroll.setWidgetResizable(True)
        facts_scroll.setFrameShape(QFrame.Shape.NoFrame)
        return facts_scroll

    def _build_details(self) -> QWidget:
        """The selected request's details: its facts and its tables (a build part: built on a turn of its own)."""
        self.accounts_table = read_only_table(
            (tr("Account"), tr("Customer notice"), tr("Due", "a notice's due date"), tr("Told (UTC)"), tr("Channel"), tr("By")),
            "legalAccounts",
        )
        name_table(
            self.accounts_table,
            tr("Accounts named"),
            tr("One row per account the request names, with its customer notice and when it is due"),
        )
        self.documents_table = read_only_table((tr("Document"), tr("Size"), tr("Added by"), tr("SHA-256")), "legalDocuments")
        name_table(
            self.documents_table,
            tr("Documents"),
            tr("One row per document filed with this request: its size, who added it and its SHA-256"),
        )
        self.request_holds_table = read_only_table(
            (tr("Account"), tr("State"), tr("Placed (UTC)"), tr("Ends (UTC)"), tr("Reason")), "legalRequestHolds"
        )
        name_table(
            self.request_holds_table,
            tr("Holds of this request"),
            tr("One row per account this request holds: its state, start and end"),
        )
        self.disclosed_table = read_only_table((tr("Account"), tr("Disclosed (UTC)"), tr("Data"), tr("Export SHA-256")), "legalDisclosed")
        name_table(
            self.disclosed_table,
            tr("Disclosed data"),
            tr("One row per account whose data this request disclosed, with the export's SHA-256"),
        )
        self.manifest_text = QPlainTextEdit()
        self.manifest_text.setObjectName("legalManifest")
        self.manifest_text.setAccessibleName(tr("Disclosure manifest"))
        self.manifest_text.setReadOnly(True)
        self.manifest_text.setStyleSheet("font-family: monospace;")
        self.manifest_text.setPlaceholderText(tr("What was handed over: each export's SHA-256 and its manifest"))
        disclosed = QSplitter(QtCore.Qt.Orientation.Vertical)
        disclosed.setObjectName("legalDisclosedSplitter")  # window_memory keeps its sizes
        disclosed.addWidget(self.disclosed_table)
        disclosed.addWidget(self.manifest_text)
        disclosed.setSizes([120, 200])
        disclosed.setChildrenCollapsible(False)
        self.detail_tabs = QTabWidget()
        self.detail_tabs.setObjectName("legalDetailTabs")
        self.detail_tabs.setAccessibleName(tr("Request details"))
        for page, title in zip(
            (self.accounts_table, self.documents_table, self.request_holds_table, disclosed), _detail_titles(), strict=True
        ):
            self.detail_tabs.addTab(page, title)
        split = QSplitter(QtCore.Qt.Orientation.Horizontal)
        split.setObjectName("legalDetailsSplitter")  # window_memory keeps its sizes
        split.addWidget(self._part("facts"))
        split.addWidget(self.detail_tabs)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([480, 720])
        self.details_box = QGroupBox(tr("Details of the selected request"))
        self.details_box.setObjectName("legalDetails")
        QVBoxLayout(self.details_box).addWidget(split)
        return self.details_box

    def _build_holds(self) -> QWidget:
        self.release_button = self._button(tr("&Release hold…"), "legalRelease", self.release_hold)
        self.holds_count = QLabel()
        self.holds_count.setObjectName("legalHoldsCount")
        bar = QHBoxLayout()
        bar.addWidget(self.release_button)
        bar.addStretch(1)
        bar.addWidget(self.holds_count)
        self.holds_model = _model("holds", self)
        self.holds_view = _view("legalHolds", self.holds_model, (6, 8, 8, 18, 18, 21))
        name_table(
            self.holds_view, tr("Legal holds"), tr("One row per legal hold: the account, its state, when it was placed and when it ends")
        )
        self.holds_view.selectionModel().currentRowChanged.connect(self._on_hold_changed)
        note = QLabel(
            tr(
                "A preservation request or an open request holds the data of the accounts named: the deletion queue will not "
                "delete them and CDR purges keep their rows. A hold ends on its own at its end date; an approver can release "
                "it early."
            )
        )
        note.setWordWrap(True)
        note.setObjectName("legalHoldsNote")
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(note)
        layout.addLayout(bar)
        self.hold_reasons = ReasonsLine("legalHoldReasons")
        layout.addWidget(self.hold_reasons)
        layout.addWidget(self.holds_view, 1)
        return page

    def _build_disclosures(self) -> QWidget:
        self.disclosure_button = self._button(tr("&Record disclosure…"), "legalDisclosure", self.record_disclosure)
        self.disclosures_count = QLabel()
        self.disclosures_count.setObjectName("legalDisclosuresCount")
        bar = QHBoxLayout()
        bar.addWidget(self.disclosure_button)
        bar.addStretch(1)
        bar.addWidget(self.disclosures_count)
        self.disclosures_model = _model("disclosures", self)
        self.disclosures_view = _view("legalDisclosures", self.disclosures_model, (10, 19, 8, 28, 25, 28, 28))
        name_table(
            self.disclosures_view,
            tr("Disclosures"),
            tr("One row per disclosure of personal data: when, to whom, on what legal basis and its evidence"),
        )
        self.disclosures_view.selectionModel().currentRowChanged.connect(self._on_disclosure_changed)
        self.disclosure_record = QPlainTextEdit()
        self.disclosure_record.setObjectName("legalDisclosureRecord")
        self.disclosure_record.setAccessibleName(tr("Disclosure record"))
        self.disclosure_record.setReadOnly(True)
        self.disclosure_record.setStyleSheet("font-family: monospace;")
        self.disclosure_record.setPlaceholderText(tr("Select a disclosure to see its evidence, the export's SHA-256 and its manifest"))
        split = QSplitter(QtCore.Qt.Orientation.Vertical)
        split.setObjectName("legalDisclosuresSplitter")  # window_memory keeps its sizes
        split.addWidget(self.disclosures_view)
        split.addWidget(self.disclosure_record)
        split.setSizes([220, 280])
        split.setChildrenCollapsible(False)
        note = QLabel(
            tr(
                "Every sharing of customer data, whatever the reason — the customer's permission, a legal obligation, an "
                "acquisition, a service provider — with the recipient, its legal basis and the evidence. The customer's "
                "export includes them."
            )
        )
        note.setWordWrap(True)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(note)
        layout.addLayout(bar)
        self.disclosure_reasons = ReasonsLine("legalDisclosureReasons")
        layout.addWidget(self.disclosure_reasons)
        layout.addWidget(split, 1)
        return page

    @Slot(object, object)
    def _on_disclosure_changed(self, current: Any, _previous: Any) -> None:
        row = self.disclosures_model.row_at(current.row()) if self.disclosures_model is not None else None
        self.disclosure_record.setPlainText(_manifest_text(row.disclosure, evidence=True) if row is not None else "")

    # ------------------------------------------------------------------ connection
    def set_database(self, database: Database) -> Worker | None:
        self.clear()
        self.ensure_built()
        self.database = database
        self._load_mail_settings()
        self._update_actions()
        if not self.showing_content():
            self.show_busy(tr("Reading the law-enforcement register…"))
        return self.refresh()

    def _load_mail_settings(self) -> None:
        from minisip_console.core.plumbing import mailer
        from minisip_console.ui.shared import settings_name

        self.smtp_settings = None
        if self.database is None:
            return
        name = settings_name(self.database)
        if name is None:
            return
        try:
            self.smtp_settings = mailer.load_settings(name)
        except ConsoleError as exc:  # a broken settings file: notices are then recorded by hand
            self.notifier.console_error(exc)

    def clear(self) -> None:
        for action in (self.approving, self.reviewing, self.emailing):
            action.reset()
        for read in (self.snapshot_read, self.details_read):
            read.reset()
        self.database = None
        self.snapshot = None
        self.details = None
        self.smtp_settings = None
        self._approve_request = None
        for dialog in (self.dialog, self.folder_dialog):
            if dialog is not None:
                dialog.reject()
        self.dialog = self.folder_dialog = None
        if self.built:
            for model in (self.model, self.holds_model, self.disclosures_model):
                assert model is not None
                model.set_rows(())
            self.action_result.hide()
            self.disclosure_record.clear()
            self._show_details(None)
            self._update_actions()
        self.show_disconnected()

    @Slot()
    def refresh(self) -> Worker | None:
        if self.database is None:
            return None
        return self.snapshot_read.start(load_snapshot, self.database, label=tr("law-enforcement register"))

    def _on_snapshot(self, snapshot: Snapshot) -> None:
        assert self.model is not None and self.holds_model is not None and self.disclosures_model is not None
        keep = self._select_id if self._select_id is not None else (self.details.id if self.details else None)
        self._select_id = None
        self.snapshot = snapshot
        self._show_verdict(snapshot.checks)
        self.model.set_rows(snapshot.rows)
        n = len(snapshot.rows)
        self.register_stack.setCurrentWidget(self.view if n else self.register_empty)
        self.details_box.setVisible(n > 0)  # an empty register: its explanation gets the room
        overdue = sum(1 for r in snapshot.rows if r.notice_state == "overdue")
        text = plural(n, tr("{count:,} request"), tr("{count:,} requests"))
        if overdue:
            text = tr("{requests} · {overdue:,} with an overdue notice").format(requests=text, overdue=overdue)
        self.count_label.setText(text)
        self.count_label.setStyleSheet(f"color: {theme.current().bad}; font-weight: bold;" if overdue else "")
        self.pages.setTabText(REQUESTS_PAGE, tr("Re&quests ({count:,})").format(count=n))
        active = sum(1 for h in snapshot.holds if h.hold.active)
        self.holds_model.set_rows(snapshot.holds)
        self.holds_count.setText(
            tr("{holds} in force, {ended:,} ended").format(
                holds=plural(active, tr("{count:,} hold"), tr("{count:,} holds")), ended=len(snapshot.holds) - active
            )
        )
        self.pages.setTabText(HOLDS_PAGE, tr("Hold&s ({count:,} in force)").format(count=active))
        self.disclosures_model.set_rows(snapshot.disclosures)
        self.disclosure_record.clear()
        self.disclosures_count.setText(plural(len(snapshot.disclosures), tr("{count:,} disclosure"), tr("{count:,} disclosures")))
        self.pages.setTabText(DISCLOSURES_PAGE, tr("D&isclosures ({count:,})").format(count=len(snapshot.disclosures)))
        row = next((i for i, r in enumerate(snapshot.rows) if r.id == keep), 0 if snapshot.rows else -1)
        if row >= 0:
            current = self.view.currentIndex().row()
            self.view.selectRow(row)
            if current == row:  # the same row stays current: read its details again (they changed)
                self._load_details(snapshot.rows[row].id)
        else:
            self._show_details(None)
        self._update_actions()
        self.show_content()
        self.loaded.emit(snapshot)

    def _show_verdict(self, checks: LegalChecks) -> None:
        head, counts = verdict(checks)
        self.verdict.setText(head)
        self.verdict_counts.setText(counts)
        colour = theme.current().good if checks.ok else theme.current().bad
        background = theme.current().good_bg if checks.ok else theme.current().bad_bg
        self.verdict.setStyleSheet(f"color: {colour};")
        self.verdict_box.setStyleSheet(
            f"QFrame#legalVerdictBox {{ background: {background}; border: 2px solid {colour}; border-radius: 6px; }}"
        )
        self.verdict.setProperty("kept", checks.ok)

    # ------------------------------------------------------------------ selection and details
    @property
    def selected(self) -> RequestInfo | None:
        """The selected request's details, once read (the actions need the whole request)."""
        if self.model is None or not self.built:
            return None
        row = self.model.row_at(self.view.currentIndex().row())
        if row is None or self.details is None or self.details.id != row.id:
            return None
        return self.details

    @property
    def selected_hold(self) -> HoldInfo | None:
        if self.holds_model is None or not self.built:
            return None
        row = self.holds_model.row_at(self.holds_view.currentIndex().row())
        return row.hold if row is not None else None

    def select_request(self, request_id: int) -> bool:
        assert self.model is not None
        for i in range(self.model.rowCount()):
            if self.model.row_at(i).id == request_id:
                self.pages.setCurrentIndex(REQUESTS_PAGE)
                self.view.selectRow(i)
                return True
        return False

    @Slot(object, object)
    def _on_row_changed(self, current: Any, _previous: Any) -> None:
        row = self.model.row_at(current.row()) if self.model is not None else None
        self.details = None
        self._update_actions()
        if row is None:
            self._show_details(None)
            return
        self.detail_title.setText(tr("Request {id}: {agency} — reading…").format(id=row.id, agency=row.agency))
        self._load_details(row.id)

    @Slot(object, object)
    def _on_hold_changed(self, _current: Any, _previous: Any) -> None:
        self._update_actions()

    def _load_details(self, request_id: int) -> Worker | None:
        if self.database is None:
            return None
        return self.details_read.start(load_details, self.database, request_id, label=tr("law-enforcement request"))

    def _on_details(self, info: RequestInfo) -> None:
        current = self.model.row_at(self.view.currentIndex().row()) if self.model is not None else None
        if current is None or current.id != info.id:
            return
        self._show_details(info)
        self._update_actions()
        self.details_loaded.emit(info)

    def _show_details(self, r: RequestInfo | None) -> None:
        self.details = r
        facts = self.detail_facts
        if r is None:
            self.detail_title.setText(tr("Select a request to see its details"))
            for label in facts.values():
                label.setText("—")
            for table in (self.accounts_table, self.documents_table, self.request_holds_table, self.disclosed_table):
                table.setRowCount(0)
            self.manifest_text.clear()
            return
        self.detail_title.setText(
            tr("Request {id}: {decision}").format(id=r.id, decision=decision_words(r.decision, r.compliance_scope).lower())
        )
        facts["received"].setText(
            tr("{time}; recorded by {operator}").format(time=formatting.timestamp(r.received_at), operator=r.recorded_by or "—")
        )
        facts["agency"].setText(tr("{agency}, {country}").format(agency=r.agency, country=r.country) if r.country else r.agency)
        facts["officer"].setText(tr(", ").join(x for x in (r.officer_name, r.officer_contact) if x) or "—")
        facts["process"].setText(process_label(r.legal_process))
        facts["sought"].setText(category_labels(r.data_sought))
        facts["reference"].setText(r.reference or "—")
        facts["description"].setText(r.description or "—")
        if r.court_order_ref:
            order = r.court_order_ref
            if r.court_order_checked_by:
                order += "\n" + tr("Checked by {operator} on {time}").format(
                    operator=r.court_order_checked_by, time=formatting.timestamp(r.court_order_checked_at)
                )
            else:
                order += "\n" + tr("Not checked yet")
        else:
            order = tr("None", "no court order")
        facts["order"].setText(order)
        facts["decision"].setText(self._decision_text(r))
        facts["gag"].setText(self._gag_text(r))
        facts["gag"].setStyleSheet(f"color: {theme.current().bad};" if any(a.state == "gag_review" for a in r.accounts) else "")
        # accounts and their notice
        rows, colours = [], []
        for a in r.accounts:
            told = formatting.timestamp(a.notified_at, utc_suffix=False) if a.notified_at else "—"
            channel = _channel_label(a.channel) if a.channel else "—"
            rows.append(
                (
                    str(a.account_id),
                    notice_words(a.state),
                    formatting.date(a.due_on) if a.due_on else "—",
                    told,
                    channel,
                    a.notified_by or "—",
                )
            )
            look = NOTICE_LOOK.get(a.state, (None, None))[1]
            colours.append(theme.current().colour(look) if look else None)
        _fill(self.accounts_table, rows, colours)
        _fill(self.documents_table, [(d.filename, _size(d.size_bytes), d.added_by, d.sha256) for d in r.documents])
        hold_rows, hold_colours = [], []
        for h in r.holds:
            end = h.ended_at or h.expires_at
            hold_rows.append(
                (
                    str(h.account_id),
                    hold_state(h),
                    formatting.timestamp(h.placed_at, utc_suffix=False),
                    formatting.timestamp(end, utc_suffix=False) if end else tr("No end date"),
                    shown(h.reason),
                )
            )
            hold_colours.append(theme.current().good if h.active else None)
        _fill(self.request_holds_table, hold_rows, hold_colours)
        _fill(
            self.disclosed_table,
            [
                (
                    str(d.account_id) if d.account_id is not None else "—",
                    formatting.timestamp(d.disclosed_at, utc_suffix=False),
                    category_labels(d.data_categories),
                    d.export_sha256 or "—",
                )
                for d in r.disclosures
            ],
        )
        self.manifest_text.setPlainText("\n\n".join(_manifest_text(d) for d in r.disclosures))
        tables = (self.accounts_table, self.documents_table, self.request_holds_table, self.disclosed_table)
        for i, (table, title) in enumerate(zip(tables, _detail_titles(), strict=True)):
            self.detail_tabs.setTabText(i, tr("{title} ({count})").format(title=title, count=table.rowCount()))

    @classmethod
    def _decision_text(cls, r: RequestInfo) -> str:
        text = cls._decision_words(r)
        handed = r.compliance_categories
        if r.decision in ("proposed", "complied") and handed:
            text += "\n" + tr("Data handed over: {data}").format(data=category_labels(handed))
        return text

    @staticmethod
    def _decision_words(r: RequestInfo) -> str:
        from minisip_console.core.legal import REJECTION_REASONS

        if r.decision == "pending":
            return tr("Pending: not decided")
        if r.decision == "proposed":
            return tr("Compliance ({scope}) proposed by {operator} on {time}; waiting for a second operator's approval").format(
                scope=scope_words(r.compliance_scope), operator=r.proposed_by, time=formatting.timestamp(r.proposed_at)
            )
        if r.decision == "rejected":
            code, note = r.rejection_reason, r.rejection_note
            if code:
                label = REJECTION_REASONS.get(code)
                reason = shown(label) if label is not None else ""
                if note:
                    reason = tr("{reason}. Note: {note}").format(reason=reason, note=note)
            else:
                reason = shown(r.decision_reason) if r.decision_reason else ""
            return tr("Rejected by {operator} on {time}: {reason}").format(
                operator=r.decided_by or "—", time=formatting.timestamp(r.decided_at), reason=reason or "—"
            )
        if r.proposed_by:
            return tr("Complied with ({scope}): approved by {operator} on {time}, proposed by {proposer}").format(
                scope=scope_words(r.compliance_scope),
                operator=r.decided_by or "—",
                time=formatting.timestamp(r.decided_at),
                proposer=r.proposed_by,
            )
        return tr("Complied with ({scope}): approved by {operator} on {time}").format(
            scope=scope_words(r.compliance_scope), operator=r.decided_by or "—", time=formatting.timestamp(r.decided_at)
        )

    @staticmethod
    def _gag_text(r: RequestInfo) -> str:
        if not r.gag_order:
            return tr("None: the customers are told")
        if r.gag_until is None:
            reviewed = formatting.timestamp(r.gag_reviewed_at) if r.gag_reviewed_at else tr("never", "never reviewed")
            return tr("No end date (reviewed every 90 days; last review: {reviewed})").format(reviewed=reviewed)
        if r.gag_until >= today_utc():
            return tr("Ends on {date}").format(date=formatting.date(r.gag_until))
        return tr("Ended on {date}").format(date=formatting.date(r.gag_until))

    # ------------------------------------------------------------------ actions follow state and role
    def _update_actions(self) -> None:
        if not self.built:
            return
        database = self.database
        busy = self.approving.running
        request = self.selected
        pairs = (
            ("record", self.record_button),
            ("check", self.check_button),
            ("propose", self.propose_button),
            ("approve", self.approve_button),
            ("reject", self.reject_button),
            ("notify", self.notify_button),
            ("gag", self.gag_button),
            ("review", self.review_button),
            ("disclosure", self.disclosure_button),
            ("report", self.report_button),
        )
        rows = []
        for action, button in pairs:
            if database is None:
                reason: Reason = tr("Not connected.")
            elif busy and action not in ("report",):
                reason = tr("A compliance export is running: wait for it to finish or stop it.")
            else:
                reason = why_not(action, request, database.operator)
            rows.append((button, reason, self._tip(action, request)))
        render_actions(rows[:-2], self.reasons)  # the register's row; Record disclosure and the report sit elsewhere
        render_actions(rows[-2:-1], self.disclosure_reasons)
        render_actions(rows[-1:])
        if database is None:
            reason = tr("Not connected.")
        elif busy:
            reason = tr("A compliance export is running: wait for it to finish or stop it.")
        else:
            reason = why_not_release(self.selected_hold, database.operator)
        render_actions([(self.release_button, reason, tr("End this hold before its end date (with a reason, audited)"))], self.hold_reasons)
        for running in (self.approving, self.reviewing, self.emailing):
            running.hold()  # a running action's button stays grey

    @staticmethod
    def _tip(action: str, request: RequestInfo | None) -> str:
        n = request.id if request is not None else ""
        tips = {
            "record": tr("Record a request that has arrived: the agency, the legal process, the accounts, the documents"),
            "check": tr("Record that the court order or warrant of request {id} was checked (genuine, in force, covering the data)"),
            "propose": tr("Propose complying with request {id}, fully or in part; a second operator approves"),
            "approve": tr("Approve compliance with request {id} as the second operator: export the data handed over and record it"),
            "reject": tr("Reject request {id} with a reason"),
            "notify": tr("Tell the customers named in request {id} (by email, or record that they were told by hand)"),
            "gag": tr("Record a nondisclosure (gag) order for request {id}, with its end date"),
            "review": tr("Record that the gag order of request {id} (no end date) was reviewed and still stands"),
            "disclosure": tr("Record a sharing of customer data with its recipient, legal basis and evidence"),
            "report": tr("Counts of requests by country and legal process, ready for a published transparency report"),
        }
        return tips[action].format(id=n)

    def _done(self, text: str, select: int | None = None, payload: Any = None) -> None:
        self._show_result(text, theme.current().good)
        self.notifier.success(text, timeout_ms=8000)
        if select is not None:
            self._select_id = select
        self.acted.emit(payload)
        self.refresh()

    # -- record a request
    @Slot()
    def record_request(self) -> IntakeDialog | None:
        if self.database is None:
            return None
        dialog = IntakeDialog(self.database, self)
        dialog.recorded.connect(self._on_recorded)
        self._open(dialog)
        return dialog

    @Slot(object)
    def _on_recorded(self, info: RequestInfo) -> None:
        text = tr("Recorded request {id} from {agency} ({process}) about {accounts}; {holds} placed.").format(
            id=info.id,
            agency=info.agency,
            process=short_process(info.legal_process).lower(),
            accounts=plural(len(info.accounts), tr("{count:,} account"), tr("{count:,} accounts")),
            holds=plural(len(info.holds), tr("{count:,} legal hold"), tr("{count:,} legal holds")),
        )
        self._done(text, info.id, info)

    # -- check the order
    @Slot()
    def record_check(self) -> OrderCheckDialog | None:
        request = self.selected
        if self.database is None or request is None:
            return None
        dialog = OrderCheckDialog(self.database, request, self)
        dialog.decided.connect(self._on_checked)
        self._open(dialog)
        return dialog

    @Slot(object)
    def _on_checked(self, info: RequestInfo) -> None:
        self._done(
            tr("Recorded that the order of request {id} was checked: compliance can now be proposed.").format(id=info.id), info.id, info
        )

    # -- propose
    @Slot()
    def propose(self) -> ProposeDialog | None:
        request = self.selected
        if self.database is None or request is None:
            return None
        dialog = ProposeDialog(self.database, request, self)
        dialog.decided.connect(self._on_proposed)
        self._open(dialog)
        return dialog

    @Slot(object)
    def _on_proposed(self, info: RequestInfo) -> None:
        self._done(
            tr("Proposed {scope} compliance with request {id}: another approver must approve it.").format(
                scope=scope_words(info.compliance_scope) if info.compliance_scope else "", id=info.id
            ),
            info.id,
            info,
        )

    # -- approve (a worker)
    @Slot()
    def approve(self) -> QFileDialog | None:
        """Ask for the folder the exports go to, then approve on a worker."""
        request = self.selected
        if self.database is None or request is None or self.approving.running:
            return None
        if self.folder_dialog is not None:
            self.folder_dialog.reject()
        dialog = QFileDialog(
            self, tr("Approve compliance with request {id}: choose the folder for the exports handed over").format(id=request.id)
        )
        dialog.setObjectName("legalApproveFolder")
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        dialog.setLabelText(QFileDialog.DialogLabel.Accept, tr("Approve and export"))
        dialog.fileSelected.connect(self._on_folder)
        dialog.finished.connect(self._on_folder_dialog_finished)
        self.folder_dialog = dialog
        self._folder_request = request.id
        dialog.open()
        return dialog

    @Slot(str)
    def _on_folder(self, path: str) -> None:
        if self.folder_dialog is not None and self.sender() is self.folder_dialog and path:
            self.start_approve(self._folder_request, Path(path))

    @Slot(int)
    def _on_folder_dialog_finished(self, _result: int) -> None:
        if self.folder_dialog is not None and self.sender() is self.folder_dialog:
            self.folder_dialog.deleteLater()
            self.folder_dialog = None

    def start_approve(self, request_id: int, out_dir: Path) -> Worker | None:
        """Approve ``request_id`` now on a worker, writing the exports to ``out_dir`` (the folder dialog asks
        first): the progress row with Stop and Esc while it runs; None while an approval already runs."""
        if self.database is None:
            return None
        worker = self.approving.start(
            approve_job,
            self.database,
            request_id,
            Path(out_dir),
            label=tr("compliance with request {id}").format(id=request_id),
            callbacks=True,
            panel_id=request_id,
            panel_text=tr("Approving request {id}: exporting the data handed over…").format(id=request_id),
            done=self._on_approve_finished,
            failed=self._on_approve_failed,
        )
        if worker is not None:
            self._approve_request = request_id
            self._show_result(tr("Approving compliance with request {id}…").format(id=request_id))
            self._update_actions()
        return worker

    @property
    def running(self) -> bool:
        return self.approving.running

    @Slot()
    def cancel_approve(self) -> None:
        self.approving.cancel()

    def _approve_done(self) -> int | None:
        request_id, self._approve_request = self._approve_request, None
        self._select_id = request_id
        self._update_actions()
        return request_id

    def _on_approve_finished(self, result: ComplianceResult) -> None:
        self._approve_done()
        self.last_result = result
        r = result.request
        folders = sorted({str(path.parent) for path, _ in result.exports})
        exports = plural(len(result.exports), tr("{count:,} export"), tr("{count:,} exports"))
        where = ", ".join(folders) or "—"
        scope = scope_words(r.compliance_scope)
        if result.exports:
            hashes = ", ".join(f"{d.account_id}: {d.export_sha256}" for _, d in result.exports)
            text = tr(
                "Complied with request {id} ({scope}): {exports} written to {folders} and recorded as disclosed; SHA-256 {hashes}."
            ).format(id=r.id, scope=scope, exports=exports, folders=where, hashes=hashes)
        else:
            text = tr("Complied with request {id} ({scope}): {exports} written to {folders} and recorded as disclosed.").format(
                id=r.id, scope=scope, exports=exports, folders=where
            )
        self._show_result(text, theme.current().good)
        self.notifier.success(
            tr("Complied with request {id}; what was handed over is recorded with its hashes.").format(id=r.id), timeout_ms=10_000
        )
        self.approve_finished.emit(result)
        self.refresh()

    def _on_approve_failed(self, failure: WorkFailure) -> None:
        request_id = self._approve_done()
        self._show_failure(failure, tr("Request {id} was not complied with: ").format(id=request_id))
        self.approve_failed.emit(failure)
        self.refresh()

    # -- reject
    @Slot()
    def reject(self) -> RejectDialog | None:
        request = self.selected
        if self.database is None or request is None:
            return None
        dialog = RejectDialog(self.database, request, self)
        dialog.decided.connect(self._on_rejected)
        self._open(dialog)
        return dialog

    @Slot(object)
    def _on_rejected(self, info: RequestInfo) -> None:
        self._done(tr("Rejected request {id}.").format(id=info.id), info.id, info)

    # -- notify
    @Slot()
    def notify(self) -> NotifyDialog | None:
        request = self.selected
        if self.database is None or request is None:
            return None
        dialog = NotifyDialog(self.database, request, self.smtp_settings, self)
        dialog.notified.connect(self._on_notified)
        dialog.email_requested.connect(self._on_email_requested)
        self._open(dialog)
        return dialog

    @Slot(object)
    def _on_notified(self, notices: tuple[AccountNotice, ...]) -> None:
        request_id = self.details.id if self.details is not None else None
        accounts = ", ".join(str(a.account_id) for a in notices if a.state == "notified")
        self.notified.emit(notices)
        self._done(
            tr("Recorded that the customers of request {id} were told (accounts {accounts}).").format(
                id=request_id, accounts=accounts or "—"
            ),
            request_id,
            notices,
        )

    @Slot(object)
    def _on_email_requested(self, account_ids: object) -> Worker | None:
        """Email the customers through the saved mail server on a worker (the dialog has closed)."""
        request = self.selected
        if self.database is None or request is None or self.smtp_settings is None:
            return None
        worker = self.emailing.start(
            notify_job,
            self.database,
            request.id,
            self.smtp_settings,
            account_ids,
            label=tr("notice of request {id}").format(id=request.id),
            done=self._on_notified,
            failed=self._on_email_failed,
        )
        if worker is not None:
            self._show_result(tr("Emailing the customers of request {id}…").format(id=request.id))
        return worker

    def _on_email_failed(self, failure: WorkFailure) -> None:
        self._show_result(shown(failure.message), theme.current().bad)
        self._report(failure)
        self.refresh()

    # -- gag orders
    @Slot()
    def gag(self) -> GagDialog | None:
        request = self.selected
        if self.database is None or request is None:
            return None
        dialog = GagDialog(self.database, request, self)
        dialog.decided.connect(self._on_gag)
        self._open(dialog)
        return dialog

    @Slot(object)
    def _on_gag(self, info: RequestInfo) -> None:
        if info.gag_until:
            text = tr("Recorded a gag order for request {id} until {date}.").format(id=info.id, date=formatting.date(info.gag_until))
        else:
            text = tr("Recorded a gag order for request {id} without an end date (reviewed every 90 days).").format(id=info.id)
        self._done(text, info.id, info)

    @Slot()
    def review_gag(self) -> Worker | None:
        """Record on a worker that the gag order (no end date) was reviewed; a refusal is the core's, shown as it is."""
        from minisip_console.core import legal

        request = self.selected
        if self.database is None or request is None:
            return None
        return self.reviewing.start(
            legal.review_gag,
            self.database.sessions,
            self.database.operator,
            request.id,
            label=tr("review the gag order of request {id}").format(id=request.id),
            done=self._on_reviewed,
            failed=self._on_action_failed,
        )

    def _on_reviewed(self, info: RequestInfo) -> None:
        self._done(tr("Recorded that the gag order of request {id} was reviewed and still stands.").format(id=info.id), info.id, info)

    # -- holds
    @Slot()
    def release_hold(self) -> ReleaseHoldDialog | None:
        hold = self.selected_hold
        if self.database is None or hold is None:
            return None
        dialog = ReleaseHoldDialog(self.database, hold, self)
        dialog.released.connect(self._on_released)
        self._open(dialog)
        return dialog

    @Slot(object)
    def _on_released(self, hold: HoldInfo) -> None:
        self._done(tr("Released legal hold {id} on account {account}.").format(id=hold.id, account=hold.account_id), None, hold)

    # -- disclosures
    @Slot()
    def record_disclosure(self) -> DisclosureDialog | None:
        if self.database is None:
            return None
        requests = self.snapshot.rows if self.snapshot is not None else ()
        dialog = DisclosureDialog(self.database, requests, self)
        dialog.recorded.connect(self._on_disclosed)
        self._open(dialog)
        return dialog

    @Slot(object)
    def _on_disclosed(self, info: DisclosureInfo) -> None:
        self._done(
            tr("Recorded disclosure {id}: account {account} to {recipient} ({basis}).").format(
                id=info.id, account=info.account_id, recipient=info.recipient, basis=basis_label(info.legal_basis)
            ),
            None,
            info,
        )

    # -- the transparency report
    @Slot()
    def transparency_report(self) -> ReportDialog | None:
        if self.database is None:
            return None
        dialog = ReportDialog(self.database, self)
        dialog.written.connect(self._on_report_written)
        self._open(dialog)
        return dialog

    @Slot(object)
    def _on_report_written(self, report: TransparencyReport) -> None:
        self.report_written.emit(report)


def _detail_titles() -> tuple[str, str, str, str]:
    """The request details' pages (the counts are added once a request is shown)."""
    return tr("Accounts"), tr("Documents"), tr("Holds"), tr("Disclosed")


def _channel_label(code: str) -> str:
    from minisip_console.core.legal import NOTICE_CHANNELS

    label = NOTICE_CHANNELS.get(code)
    return shown(label) if label is not None else code


def _size(n: int) -> str:
    if n < 1024:
        return tr("{size:,} B").format(size=n)
    if n < 1024 * 1024:
        return tr("{size:,.1f} KB").format(size=n / 1024)
    return tr("{size:,.1f} MB").format(size=n / 1024 / 1024)


def _manifest_text(d: DisclosureInfo, *, evidence: bool = False) -> str:
    """One disclosure as the record of what left: the export's SHA-256, then each entry of its
    manifest with its own SHA-256 on the line below (so a hash is never cut)."""
    head = tr("Account {account} to {recipient}, {time}").format(
        account=d.account_id if d.account_id is not None else "—", recipient=d.recipient, time=formatting.timestamp(d.disclosed_at)
    )
    lines = [head]
    if evidence:
        lines.append(
            tr("Legal basis: {basis}; evidence: {evidence}; recorded by {operator}").format(
                basis=basis_label(d.legal_basis), evidence=d.evidence or "—", operator=d.recorded_by
            )
        )
        lines.append(tr("Data: {data}").format(data=category_labels(d.data_categories)))
    if d.data_shared:
        lines.append(tr("Data shared: {data}").format(data=d.data_shared))
    lines.append(tr("Export SHA-256:") if d.export_sha256 else tr("Export: none (not handed over as an export)"))
    if d.export_sha256:
        lines.append(f"    {d.export_sha256}")
    if d.manifest:
        lines.append(tr("Manifest:"))
    for name, sha, rows in d.manifest:
        lines.append(
            f"  {name}"
            + (" " + tr("({rows})").format(rows=plural(rows, tr("{count:,} row"), tr("{count:,} rows"))) if rows is not None else "")
        )
        lines.append(f"    {sha}")
    return "\n".join(lines)
