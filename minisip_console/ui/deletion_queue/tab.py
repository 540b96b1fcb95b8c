# Over 800 lines (854): the class DeletionsTab alone is 732 lines, one widget whose methods share its
# state; its dialogs, rows and jobs are in the modules beside it. Splitting the class itself is left to a person.
"""The Deletion queue tab: keep the promise "when you delete your configurations, nothing is
stored on our servers", and prove it with a certificate.

The queue lists every request (filtered by state in SQL) with its due date and the days left,
coloured green, amber or red while it is open. The details of the selected request are read
on a worker: its facts, the rejection reason, the verification counts per table and in the
file store, the certificate's SHA-256, the audit head it was made under and its timeline from
the audit log.

The actions follow the request's state and the operator's role, and a disabled one says why in
its tooltip: New request… (``deletion.file_request``), Approve (``deletion.approve``, four
eyes: never the filer), Reject… (``deletion.reject`` with a reason), Cancel request…
(``deletion.cancel_request``), Run deletion… (``deletion.execute`` on a worker with a progress
bar and a Cancel button), Save certificate… (``deletion.write_certificate``, .html or .json)
and Open certificate (``deletion.certificate_html`` in a browser dialog). Permissions are the
core's: a forced action the core refuses is shown with the core's sentence. The queue is read
again after every action.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from minisip_console.ui import formatting, theme
from minisip_console.ui.deletion_queue.dialogs import CertificateView, DecisionDialog, NewRequestDialog
from minisip_console.ui.deletion_queue.jobs import load_details, load_snapshot, run_job
from minisip_console.ui.deletion_queue.models import (
    Details,
    Snapshot,
    action_word,
    describe_event,
    queue_model,
    rejection_reason,
    scope_phrase,
    scopes,
    state_filters,
    state_word,
)
from minisip_console.ui.i18n import plural, tr
from minisip_console.ui.long_action import Confirm, LongAction
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
    from pathlib import Path
    from typing import Any

    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMessageBox

    from minisip_console.core.deletion import RequestInfo, RunOutcome
    from minisip_console.core.operators import OperatorInfo
    from minisip_console.core.plumbing.connection import Database
    from minisip_console.ui.notifier import Notifier
    from minisip_console.ui.table_model import ListTableModel
    from minisip_console.ui.tabs import Reason
    from minisip_console.ui.workers import Worker, WorkFailure


def _note() -> str:
    return tr(
        "The privacy policy promises: “When you delete your configurations, we'll ensure that nothing is stored on our servers.” "
        "A request is filed, approved by a second operator, carried out across every table and the file store, verified "
        "(nothing may be left) and closed with a certificate for the customer. Requests are due 30 days after they arrive."
    )


def _certificate_page(sessions: Any, request_id: int) -> str:
    """The certificate of ``request_id`` as the customer's page (read on a worker)."""
    from minisip_console.core import deletion

    return deletion.certificate_html(deletion.certificate_for(sessions, request_id))


# --------------------------------------------------------------------------- permissions: the core's answer


def why_not(action: str, request: RequestInfo | None, operator: OperatorInfo) -> Reason:
    """``None`` when ``operator`` may do ``action`` on ``request``; else the sentence to show: the
    core's own answer (``deletion.refusal``, the error the core raises), never a copy of its rules."""
    from minisip_console.core.deletion import refusal

    if request is None and action != "new":
        return tr("Select a request in the queue first.")
    return refusal(action, request, operator)


_WIDTHS = (8, 11, 8, 14, 26, 11, 12, 10)


# --------------------------------------------------------------------------- the tab


class DeletionsTab(ActionTabPage):
    build_parts = ("details",)  # a connect stage of its own (issue 14)

    loaded = Signal(object)  # Snapshot
    details_loaded = Signal(object)  # Details
    acted = Signal(object)  # RequestInfo after file, approve, reject or cancel
    action_failed = Signal(str)  # the core's sentence
    run_progressed = Signal(int, int, str)
    run_finished = Signal(object)  # RunOutcome
    run_failed = Signal(object)  # WorkFailure
    certificate_saved = Signal(str)  # SHA-256

    def __init__(self, notifier: Notifier, connect_action: QAction, parent: QWidget | None = None) -> None:
        super().__init__(notifier, connect_action, parent)
        self.what = tr("the deletion requests")  # "Open a database to see {what}"
        self.database: Database | None = None
        self.snapshot: Snapshot | None = None
        self.details: Details | None = None
        self.model: ListTableModel | None = None
        self.new_dialog: NewRequestDialog | None = None
        self.decision_dialog: DecisionDialog | None = None
        self.file_dialog: QFileDialog | None = None
        self.certificate_view: CertificateView | None = None
        self.last_outcome: RunOutcome | None = None
        self._run_request: int | None = None
        self._select_id: int | None = None
        self.snapshot_read = LatestRead(
            self,
            "deletionSnapshot",
            done=self._on_snapshot,
            failed=functools.partial(self._read_failed, tr("The deletion queue could not be read.")),
        )
        self.details_read = LatestRead(self, "deletionDetails", done=self._on_details, failed=self._report)
        self.run_progress = RequestProgress(
            self,
            "deletion",
            tr("Stop the run"),
            "deletionRunCancel",
            tr(
                "Stop between files or before the rows' transaction commits (Esc); the request stays executing and the next run finishes it"
            ),
        )
        self.run_progress.progressed.connect(self.run_progressed)
        #: the one long-action path (ui/long_action.py): approve, the certificate, the run
        self.approving = LongAction(self, "deletionApprove")
        self.certifying = LongAction(self, "deletionCertificate")
        self.running_action = LongAction(self, "deletionRun", panel=self.run_progress)

    # ------------------------------------------------------------------ layout
    def build_content(self, content: QWidget) -> None:
        # -- the bar: filter and actions
        self.state_filter = QComboBox()
        self.state_filter.setObjectName("deletionStateFilter")
        self._nothing_is: dict[tuple[str, ...] | None, str] = {}
        for label, nothing, states in state_filters():
            self.state_filter.addItem(label, states)
            self._nothing_is[states] = nothing
        self.state_filter.currentIndexChanged.connect(self._on_filter_changed)
        filter_label = QLabel(tr("&Show:"))
        filter_label.setBuddy(self.state_filter)
        self.count_label = QLabel()
        self.count_label.setObjectName("deletionCount")

        self.new_button = self._button(tr("&New request…"), "deletionNew", self.new_request)
        self.approve_button = self._button(tr("Approv&e"), "deletionApprove", self.approve)
        self.reject_button = self._button(tr("Re&ject…"), "deletionReject", self.reject)
        self.cancel_request_button = self._button(tr("Cancel re&quest…"), "deletionCancelRequest", self.cancel_request)
        self.run_button = self._button(tr("&Run deletion…"), "deletionRun", self.run)
        self.save_button = self._button(tr("Save cer&tificate…"), "deletionSaveCertificate", self.save_certificate)
        self.open_button = self._button(tr("Open cert&ificate"), "deletionOpenCertificate", self.open_certificate)
        self.approving.hold_buttons(self.approve_button)
        self.certifying.hold_buttons(self.save_button, self.open_button)

        bar = QHBoxLayout()
        bar.addWidget(filter_label)
        bar.addWidget(self.state_filter)
        bar.addSpacing(8)
        bar.addWidget(self.count_label)
        bar.addStretch(1)
        bar.addWidget(self.new_button)
        actions = QHBoxLayout()
        actions.addWidget(QLabel(tr("Selected request:")))
        for button in (
            self.approve_button,
            self.reject_button,
            self.cancel_request_button,
            self.run_button,
            self.save_button,
            self.open_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        self.reasons = ReasonsLine("deletionReasons")

        # -- the result of the last action, and the running deletion
        self.action_result = QLabel()
        self.action_result.setObjectName("deletionResult")
        self.action_result.setWordWrap(True)
        self.action_result.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.action_result.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        self.action_result.hide()
        self.progress_frame = self.run_progress.build()
        assert self.run_progress.bar is not None and self.run_progress.text is not None
        assert self.run_progress.cancel_button is not None
        self.progress_bar = self.run_progress.bar
        self.progress_text = self.run_progress.text
        self.cancel_run_button = self.run_progress.cancel_button

        # -- the queue
        self.view = QTableView()
        self.view.setObjectName("deletionTable")
        name_table(
            self.view,
            tr("Deletion requests"),
            tr("One row per deletion request: its number, state, account, scope, dates, days left, who filed and who approved it"),
        )
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        self.model = queue_model(self)
        self.view.setModel(self.model)
        header = self.view.horizontalHeader()
        char = self.view.fontMetrics().averageCharWidth()
        for i, width in enumerate(_WIDTHS):
            header.resizeSection(i, width * char + 16)
        header.setStretchLastSection(True)
        self.view.selectionModel().currentRowChanged.connect(self._on_row_changed)
        self.queue_empty = EmptyState(tr("No deletion requests yet"))
        self.queue_stack = QStackedWidget()
        self.queue_stack.addWidget(self.view)
        self.queue_stack.addWidget(self.queue_empty)

        splitter = QSplitter(QtCore.Qt.Orientation.Vertical)
        splitter.setObjectName("deletionSplitter")  # window_memory keeps its sizes
        splitter.addWidget(self.queue_stack)
        splitter.addWidget(self._part("details"))
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(content)
        layout.addWidget(page_note(_note()))
        layout.addLayout(bar)
        layout.addLayout(actions)
        layout.addWidget(self.reasons)
        layout.addWidget(self.action_result)
        layout.addWidget(self.progress_frame)
        layout.addWidget(splitter, 1)
        self._show_details(None)

    def _build_details(self) -> QWidget:
        """The selected request's details (a build part: a connect stage of its own, issue 14)."""
        self.detail_title = QLabel(tr("Select a request to see its details"))
        self.detail_title.setObjectName("deletionDetailTitle")
        font = self.detail_title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.detail_title.setFont(font)
        self.detail_facts = {
            key: value_label(f"deletionDetail_{key}")
            for key in ("account", "scope", "ticket", "filed", "due", "decision", "reason", "executed", "completed", "certificate")
        }
        # the audit head the certificate was made under, in one piece (a label would wrap it and a
        # copy would carry the line break): read-only, selectable, to paste into audit verify
        self.detail_audit_head = QLineEdit()
        self.detail_audit_head.setObjectName("deletionDetail_audit_head")
        self.detail_audit_head.setReadOnly(True)
        self.detail_audit_head.setFrame(False)
        self.detail_audit_head.setStyleSheet("font-family: monospace; background: transparent;")
        facts = QFormLayout()
        facts.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, title in (
            ("account", tr("Account:")),
            ("scope", tr("Scope:")),
            ("ticket", tr("Ticket, source:")),
            ("filed", tr("Filed:")),
            ("due", tr("Due:")),
            ("decision", tr("Decision:")),
            ("reason", tr("Rejection reason:")),
            ("executed", tr("Carried out:")),
            ("completed", tr("Completed:")),
            ("certificate", tr("Certificate SHA-256:")),
        ):
            facts.addRow(title, self.detail_facts[key])
        facts.addRow(tr("Audit head:"), self.detail_audit_head)
        facts.setRowVisible(self.detail_audit_head, False)
        self._facts_form = facts
        self.detail_facts["certificate"].setStyleSheet("font-family: monospace;")
        self.verification = read_only_table((tr("Table or store"), tr("Left")), "deletionVerification")
        name_table(
            self.verification,
            tr("Verification"),
            tr("One row per table or store checked after the run, with the rows left for the account"),
        )
        self.verification.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.verification.setVerticalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.verification.setMaximumWidth(380)
        self.verification_note = QLabel(tr("Verification: not run yet"))
        self.verification_note.setObjectName("deletionVerificationNote")
        self.verification_note.setWordWrap(True)
        self.timeline_table = read_only_table((tr("When (UTC)"), tr("Operator"), tr("What"), tr("Details")), "deletionTimeline")
        name_table(
            self.timeline_table, tr("Timeline"), tr("One row per event of the selected request: when, which operator, what happened")
        )
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.detail_title)
        left_layout.addLayout(facts)
        left_layout.addWidget(self.verification_note)
        left_layout.addWidget(self.verification)
        left_layout.addStretch(1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel(tr("Timeline (from the audit log):")))
        right_layout.addWidget(self.timeline_table, 1)
        details_split = QSplitter(QtCore.Qt.Orientation.Horizontal)
        details_split.setObjectName("deletionDetailsSplitter")  # window_memory keeps its sizes
        details_split.addWidget(left)
        details_split.addWidget(right)
        details_split.setStretchFactor(0, 1)
        details_split.setStretchFactor(1, 1)
        details_split.setSizes([560, 640])
        self.details_box = QGroupBox(tr("Details of the selected request"))
        self.details_box.setObjectName("deletionDetails")
        box = QVBoxLayout(self.details_box)
        box.addWidget(details_split)
        return self.details_box

    # ------------------------------------------------------------------ connection
    def set_database(self, database: Database) -> Worker | None:
        self.clear()
        self.ensure_built()
        self.database = database
        self._update_actions()
        if not self.showing_content():
            self.show_busy(tr("Reading the deletion queue…"))
        return self.refresh()

    def clear(self) -> None:
        for action in (self.approving, self.certifying, self.running_action):
            action.reset()
        for read in (self.snapshot_read, self.details_read):
            read.reset()
        self.database = None
        self.snapshot = None
        self.details = None
        for dialog in (self.new_dialog, self.decision_dialog, self.file_dialog, self.certificate_view):
            if dialog is not None:
                dialog.reject()
        self.new_dialog = self.decision_dialog = self.file_dialog = self.certificate_view = None
        if self.built:
            assert self.model is not None
            self.model.set_rows(())
            self.action_result.hide()
            self._show_details(None)
            self._update_actions()
        self.show_disconnected()

    def set_overview(self, *_args: Any) -> None:
        """The main window's overview is not needed: the tab reads its own queue (kept for callers)."""

    @Slot()
    def refresh(self) -> Worker | None:
        if self.database is None:
            return None
        return self.snapshot_read.start(load_snapshot, self.database, self.state_filter.currentData(), label="deletion queue")

    @Slot(int)
    def _on_filter_changed(self, _index: int) -> None:
        self.refresh()

    def _on_snapshot(self, snapshot: Snapshot) -> None:
        assert self.model is not None
        keep = self._select_id if self._select_id is not None else (self.details.request.id if self.details else None)
        self._select_id = None
        self.snapshot = snapshot
        self.model.set_rows(snapshot.rows)
        shown, total = len(snapshot.rows), snapshot.total
        if total == 0:
            self.queue_empty.set_text(
                tr("No deletion requests yet"),
                tr(
                    "When a customer asks to delete their configurations or their account, file the request with "
                    "New request…; a second operator approves it, then it is carried out and verified here."
                ),
            )
            self.queue_stack.setCurrentWidget(self.queue_empty)
        elif shown == 0:
            self.queue_empty.set_text(
                self._nothing_is.get(self.state_filter.currentData(), ""),
                plural(
                    total,
                    tr("{count:,} request in other states: choose All requests in Show."),
                    tr("{count:,} requests in other states: choose All requests in Show."),
                ),
            )
            self.queue_stack.setCurrentWidget(self.queue_empty)
        else:
            self.queue_stack.setCurrentWidget(self.view)
        overdue = sum(1 for r in snapshot.rows if r.urgency == "red")
        if shown != total:
            text = (tr("{count:,} request of {total:,}") if shown == 1 else tr("{count:,} requests of {total:,}")).format(
                count=shown, total=total
            )
        else:
            text = plural(shown, tr("{count:,} request"), tr("{count:,} requests"))
        if overdue:
            text = tr("{requests} · {overdue:,} overdue").format(requests=text, overdue=overdue)
        self.count_label.setText(text)
        self.count_label.setStyleSheet(f"color: {theme.current().bad}; font-weight: bold;" if overdue else "")
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

    # ------------------------------------------------------------------ selection and details
    @property
    def selected(self) -> RequestInfo | None:
        """The selected request as last read (the details when read, else the queue's row)."""
        if self.model is None or not self.built:
            return None
        row = self.model.row_at(self.view.currentIndex().row())
        if row is None:
            return None
        if self.details is not None and self.details.request.id == row.id:
            return self.details.request
        return row.request

    def select_request(self, request_id: int) -> bool:
        assert self.model is not None
        for i in range(self.model.rowCount()):
            if self.model.row_at(i).id == request_id:
                self.view.selectRow(i)
                return True
        return False

    @Slot(object, object)
    def _on_row_changed(self, current: Any, _previous: Any) -> None:
        row = self.model.row_at(current.row()) if self.model is not None else None
        self._update_actions()
        if row is None:
            self._show_details(None)
            return
        self._show_details(Details(row.request, ()), loading=True)
        self._load_details(row.id)

    def _load_details(self, request_id: int) -> Worker | None:
        if self.database is None:
            return None
        return self.details_read.start(load_details, self.database, request_id, label="deletion request")

    def _on_details(self, details: Details) -> None:
        current = self.model.row_at(self.view.currentIndex().row()) if self.model is not None else None
        if current is None or current.id != details.request.id:
            return
        self._show_details(details)
        self._update_actions()
        self.details_loaded.emit(details)

    def _show_details(self, details: Details | None, *, loading: bool = False) -> None:
        self.details = None if details is None or loading else details
        facts = self.detail_facts
        if details is None:
            self.detail_title.setText(tr("Select a request to see its details"))
            for label in facts.values():
                label.setText("—")
            self._facts_form.setRowVisible(facts["reason"], False)
            self.detail_audit_head.clear()
            self._facts_form.setRowVisible(self.detail_audit_head, False)
            self.verification.setRowCount(0)
            self.verification.hide()
            self.verification_note.setText(tr("Verification: —"))
            self.timeline_table.setRowCount(0)
            return
        r = details.request
        self.detail_title.setText(tr("Request {id}: {state}").format(id=r.id, state=state_word(r.state).lower()))
        facts["account"].setText(str(r.account_id))
        facts["scope"].setText(scopes().get(r.scope, r.scope))
        facts["ticket"].setText(f"{r.ticket_ref}; {r.source}" if r.source else r.ticket_ref)
        facts["filed"].setText(tr("{when} by {who}").format(when=formatting.timestamp(r.requested_at), who=r.requested_by))
        now = self.snapshot.now if self.snapshot is not None else r.requested_at
        urgency = r.urgency(now)
        due = formatting.timestamp(r.due_at)
        if urgency:
            left = r.days_left(now)
            days = (
                plural(-left, tr("{count:,} day overdue"), tr("{count:,} days overdue"))
                if left < 0
                else plural(left, tr("{count:,} day left"), tr("{count:,} days left"))
            )
            due = tr("{due} ({days})").format(due=due, days=days)
        facts["due"].setText(due)
        if r.decided_by is None:
            decision = tr("Waiting for a second operator's approval") if r.state == "received" else "—"
        else:
            template = {"rejected": tr("Rejected by {who} on {when}"), "cancelled": tr("Cancelled by {who} on {when}")}.get(
                r.state, tr("Approved by {who} on {when}")
            )
            decision = template.format(who=r.decided_by, when=formatting.timestamp(r.decided_at))
        if r.state == "cancelled":
            decision = (
                tr("Cancelled by its filer or an admin: {note}").format(note=r.rejection_note)
                if r.rejection_note
                else tr("Cancelled by its filer or an admin")
            )
        facts["decision"].setText(decision)
        rejected = r.state == "rejected"
        if rejected:
            reason = rejection_reason(r.rejection_reason) or "—"
            facts["reason"].setText(
                tr("{reason}\nNote: {note}").format(reason=reason, note=r.rejection_note) if r.rejection_note else reason
            )
        self._facts_form.setRowVisible(facts["reason"], rejected)
        facts["executed"].setText(formatting.timestamp(r.executed_at))
        facts["completed"].setText(formatting.timestamp(r.completed_at))
        digest = r.certificate_sha256
        # two lines of 32 hex digits: the whole hash stays readable in a narrow panel (the tooltip has it in one piece)
        facts["certificate"].setText(f"{digest[:32]}\n{digest[32:]}" if digest else ("—" if r.state != "completed" else tr("not recorded")))
        facts["certificate"].setToolTip(digest or "")
        # the audit head the certificate was made under (a request completed before it was recorded has none)
        head = r.audit_head or ""
        self.detail_audit_head.setText(head)
        self.detail_audit_head.setCursorPosition(0)
        self.detail_audit_head.setToolTip(
            tr("Check it later: minisip-console audit verify --expect-head {head}").format(head=head) if head else ""
        )
        self._facts_form.setRowVisible(self.detail_audit_head, bool(head))
        counts = r.verification or {}
        self.verification.setRowCount(len(counts))
        for i, (name, n) in enumerate(sorted(counts.items())):
            self.verification.setItem(i, 0, QTableWidgetItem(name.replace("_", " ")))
            cell = QTableWidgetItem(f"{n:,}")
            cell.setTextAlignment(QtCore.Qt.AlignmentFlag.AlignRight | QtCore.Qt.AlignmentFlag.AlignVCenter)
            cell.setForeground(QBrush(QColor(theme.current().good if n == 0 else theme.current().bad)))
            self.verification.setItem(i, 1, cell)
        self.verification.resizeColumnToContents(0)
        self.verification.setFixedHeight(self.verification.horizontalHeader().height() + self.verification.verticalHeader().length() + 4)
        self.verification.setVisible(bool(counts))
        if not counts:
            self.verification_note.setText(tr("Verification: not run yet"))
            self.verification_note.setStyleSheet("")
        elif all(v == 0 for v in counts.values()):
            self.verification_note.setText(
                plural(
                    len(counts),
                    tr("Verified: nothing left in {count:,} place checked"),
                    tr("Verified: nothing left in {count:,} places checked"),
                )
            )
            self.verification_note.setStyleSheet(f"color: {theme.current().good}; font-weight: bold;")
        else:
            self.verification_note.setText(
                plural(sum(counts.values()), tr("Not verified: {count:,} item left"), tr("Not verified: {count:,} items left"))
            )
            self.verification_note.setStyleSheet(f"color: {theme.current().bad}; font-weight: bold;")
        if loading:
            self.timeline_table.setRowCount(0)
            return
        events = details.timeline
        self.timeline_table.setRowCount(len(events))
        for i, e in enumerate(events):
            cells = (formatting.timestamp(e.at, utc_suffix=False), e.operator, action_word(e.action), describe_event(e))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.timeline_table.setItem(i, col, item)
        for col in range(3):  # the details column takes the rest
            self.timeline_table.resizeColumnToContents(col)

    # ------------------------------------------------------------------ actions follow state and role
    def _update_actions(self) -> None:
        if not self.built:
            return
        database = self.database
        running = self.running_action.running
        request = self.selected
        rows = []
        for action, button in (
            ("new", self.new_button),
            ("approve", self.approve_button),
            ("reject", self.reject_button),
            ("cancel", self.cancel_request_button),
            ("run", self.run_button),
            ("certificate", self.save_button),
            ("certificate", self.open_button),
        ):
            if database is None:
                reason: Reason = tr("Not connected.")
            elif running:
                reason = tr("A deletion is being carried out: wait for it to finish or stop it.")
            else:
                reason = why_not(action, request, database.operator)
            rows.append((button, reason, self._tip(action, request)))
        render_actions(rows, self.reasons)
        self.approving.hold()
        self.certifying.hold()
        if request is not None and request.state in ("executing", "verifying"):
            self.run_button.setText(tr("&Resume deletion…"))
        else:
            self.run_button.setText(tr("&Run deletion…"))

    @staticmethod
    def _tip(action: str, request: RequestInfo | None) -> str:
        n = request.id if request is not None else ""
        return {
            "new": tr("Record a customer's deletion request (due in 30 days)"),
            "approve": tr("Approve request {id} as the second operator (four eyes)"),
            "reject": tr("Reject request {id} with a reason the customer is told"),
            "cancel": tr("Withdraw request {id} before it starts"),
            "run": tr("Delete everything request {id} covers, across every table and the file store, then verify (asks first)"),
            "certificate": tr("The deletion certificate of request {id}, for the customer"),
        }[action].format(id=n)

    def _done(self, info: RequestInfo, text: str) -> None:
        self._show_result(text, theme.current().good)
        self.notifier.success(text, timeout_ms=8000)
        self._select_id = info.id
        self.acted.emit(info)
        self.refresh()

    # -- new request
    @Slot()
    def new_request(self) -> NewRequestDialog | None:
        if self.database is None:
            return None
        if self.new_dialog is None:
            dialog = NewRequestDialog(self.database, self)
            dialog.filed.connect(self._on_filed)
            dialog.finished.connect(self._on_new_dialog_finished)
            self.new_dialog = dialog
            dialog.open()
        else:
            self.new_dialog.raise_()
            self.new_dialog.activateWindow()
        return self.new_dialog

    @Slot(object)
    def _on_filed(self, info: RequestInfo) -> None:
        self._done(
            info,
            tr("Filed request {id} for account {account} ({scope}); due {date}.").format(
                id=info.id, account=info.account_id, scope=info.scope, date=formatting.date(info.due_at.date())
            ),
        )

    @Slot(int)
    def _on_new_dialog_finished(self, _result: int) -> None:
        if self.new_dialog is not None and self.sender() is self.new_dialog:
            self.new_dialog.deleteLater()
            self.new_dialog = None

    # -- approve
    @Slot()
    def approve(self) -> Worker | None:
        """Approve the selected request on a worker; a refusal (four eyes, role, state) is the core's, shown as it is."""
        from minisip_console.core import deletion

        request = self.selected
        if self.database is None or request is None:
            return None
        return self.approving.start(
            deletion.approve,
            self.database.sessions,
            self.database.operator,
            request.id,
            done=self._on_approved,
            failed=self._on_action_failed,
            label=f"approve request {request.id}",
        )

    def _on_approved(self, info: RequestInfo) -> None:
        self._done(info, tr("Approved request {id}: it can now be carried out.").format(id=info.id))

    # -- reject and cancel
    @Slot()
    def reject(self) -> DecisionDialog | None:
        return self._open_decision("reject")

    @Slot()
    def cancel_request(self) -> DecisionDialog | None:
        return self._open_decision("cancel")

    def _open_decision(self, kind: str) -> DecisionDialog | None:
        request = self.selected
        if self.database is None or request is None:
            return None
        if self.decision_dialog is not None:
            self.decision_dialog.reject()
        dialog = DecisionDialog(self.database, request, kind, self)
        dialog.decided.connect(self._on_decided)
        dialog.finished.connect(self._on_decision_finished)
        self.decision_dialog = dialog
        dialog.open()
        return dialog

    @Slot(object)
    def _on_decided(self, info: RequestInfo) -> None:
        text = tr("Rejected request {id}.") if info.state == "rejected" else tr("Cancelled request {id}.")
        self._done(info, text.format(id=info.id))

    @Slot(int)
    def _on_decision_finished(self, _result: int) -> None:
        if self.decision_dialog is not None and self.sender() is self.decision_dialog:
            self.decision_dialog.deleteLater()
            self.decision_dialog = None

    # -- run
    @Slot()
    def run(self) -> QMessageBox | None:
        """Ask first (naming the account, the scope and what cannot be undone), then run on a worker."""
        request = self.selected
        if self.database is None or request is None or self.running_action.running:
            return None
        request_id = request.id
        return self.running_action.confirm(
            Confirm(
                "deletionRunConfirm",
                tr("Carry out a deletion request"),
                tr("Delete {scope} of account {account} (request {id})?").format(
                    scope=scope_phrase(request.scope), account=request.account_id, id=request.id
                ),
                tr(
                    "Every table that holds them and the file store are emptied, then checked: the request completes only when "
                    "nothing is left. This cannot be undone. You can stop the run; the next run then finishes it."
                ),
                yes=tr("&Delete and verify"),
                yes_name="deletionRunConfirmYes",
            ),
            then=lambda: self.start_run(request_id),
            declined=lambda: self._show_result(tr("Not carried out: nothing was deleted.")),
        )

    @property
    def confirm_box(self) -> QMessageBox | None:
        """The open question before a run, if any."""
        return self.running_action.box

    def start_run(self, request_id: int) -> Worker | None:
        """Carry out ``request_id`` now on a worker (no question asked: ``run`` asks first)."""
        if self.database is None:
            return None
        worker = self.running_action.start(
            run_job,
            self.database,
            request_id,
            label=f"deletion request {request_id}",
            callbacks=True,
            panel_id=request_id,
            panel_text=tr("Carrying out request {id}…").format(id=request_id),
            done=self._on_run_finished,
            failed=self._on_run_failed,
        )
        if worker is not None:
            self._run_request = request_id
            self._show_result(tr("Carrying out request {id}…").format(id=request_id))
            self._update_actions()
        return worker

    @property
    def running(self) -> bool:
        return self.running_action.running

    @Slot()
    def cancel_run(self) -> None:
        self.running_action.cancel()

    def _on_run_finished(self, outcome: RunOutcome) -> None:
        self._select_id = outcome.request.id
        self._update_actions()
        self.last_outcome = outcome
        r = outcome.request
        deleted = sum(outcome.deleted.values())
        if r.state == "completed":
            text = (
                tr("Request {id} completed: {count:,} item deleted, verified that nothing is left; certificate SHA-256 {digest}.")
                if deleted == 1
                else tr("Request {id} completed: {count:,} items deleted, verified that nothing is left; certificate SHA-256 {digest}.")
            ).format(id=r.id, count=deleted, digest=r.certificate_sha256)
            if outcome.missing_files:
                missing = plural(
                    len(outcome.missing_files),
                    tr("{count:,} file was already missing from the store."),
                    tr("{count:,} files were already missing from the store."),
                )
                text = tr("{text} {missing}").format(text=text, missing=missing)
            self._show_result(text, theme.current().good)
            self.notifier.success(tr("Request {id} completed and verified.").format(id=r.id), timeout_ms=10_000)
        else:
            left = sum((r.verification or {}).values())
            text = (
                tr("Request {id} failed verification: {count:,} item still belongs to account {account}.")
                if left == 1
                else tr("Request {id} failed verification: {count:,} items still belong to account {account}.")
            ).format(id=r.id, count=left, account=r.account_id)
            self._show_result(text, theme.current().bad)
            self.notifier.error(text, tr("See the verification counts in the details; run it again after fixing the cause."))
        self.run_finished.emit(outcome)
        self.refresh()

    def _on_run_failed(self, failure: WorkFailure) -> None:
        request_id = self._select_id = self._run_request
        self._update_actions()
        self._show_failure(failure, tr("Request {id} was not carried out: ").format(id=request_id))
        self.run_failed.emit(failure)
        self.refresh()

    # -- certificate
    @Slot()
    def save_certificate(self) -> QFileDialog | None:
        """Ask where (a .html page for the customer, or .json), then write it."""
        request = self.selected
        if self.database is None or request is None:
            return None
        if self.file_dialog is not None:
            self.file_dialog.reject()
        dialog = QFileDialog(self, tr("Save the certificate of request {id}").format(id=request.id))
        dialog.setObjectName("deletionCertificateFile")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setNameFilters([tr("Web page for the customer (*.html)"), "JSON (*.json)"])
        dialog.setDefaultSuffix("html")
        dialog.filterSelected.connect(self._on_certificate_filter)
        dialog.selectFile(f"deletion-certificate-{request.id}.html")
        dialog.fileSelected.connect(self._on_certificate_file)
        dialog.finished.connect(self._on_file_dialog_finished)
        self.file_dialog = dialog
        self._certificate_request = request.id
        dialog.open()
        return dialog

    @Slot(str)
    def _on_certificate_filter(self, name_filter: str) -> None:
        if self.file_dialog is not None and self.sender() is self.file_dialog:
            self.file_dialog.setDefaultSuffix("json" if "json" in name_filter else "html")

    @Slot(str)
    def _on_certificate_file(self, path: str) -> None:
        if self.file_dialog is not None and self.sender() is self.file_dialog and path:
            self.save_certificate_to(self._certificate_request, path)

    @Slot(int)
    def _on_file_dialog_finished(self, _result: int) -> None:
        if self.file_dialog is not None and self.sender() is self.file_dialog:
            self.file_dialog.deleteLater()
            self.file_dialog = None

    def save_certificate_to(self, request_id: int, path: str | Path) -> Worker | None:
        """Write the certificate on a worker; ``certificate_saved(sha256)`` when it is written."""
        from minisip_console.core import deletion

        if self.database is None:
            return None
        return self.certifying.start(
            deletion.write_certificate,
            self.database.sessions,
            request_id,
            path,
            label=f"certificate of request {request_id}",
            done=lambda digest: self._on_certificate_saved(request_id, path, digest),
            failed=self._on_action_failed,
        )

    def _on_certificate_saved(self, request_id: int, path: str | Path, digest: str) -> None:
        text = tr("Saved the certificate of request {id} to {path} (SHA-256 {digest}).").format(id=request_id, path=path, digest=digest)
        self._show_result(text, theme.current().good)
        self.notifier.success(text, timeout_ms=8000)
        self.certificate_saved.emit(digest)

    @Slot()
    def open_certificate(self) -> Worker | None:
        """Read the certificate on a worker, then show it (``certificate_view``)."""
        request = self.selected
        if self.database is None or request is None:
            return None
        request_id = request.id
        return self.certifying.start(
            _certificate_page,
            self.database.sessions,
            request_id,
            label=f"certificate of request {request_id}",
            done=lambda page: self._show_certificate(request_id, page),
            failed=self._on_action_failed,
        )

    def _show_certificate(self, request_id: int, page: str) -> None:
        if self.certificate_view is not None:
            self.certificate_view.reject()
        view = CertificateView(request_id, page, self)
        view.finished.connect(self._on_certificate_view_finished)
        self.certificate_view = view
        view.open()

    @Slot(int)
    def _on_certificate_view_finished(self, _result: int) -> None:
        if self.certificate_view is not None and self.sender() is self.certificate_view:
            self.certificate_view.deleteLater()
            self.certificate_view = None
