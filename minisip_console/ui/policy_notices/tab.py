# Over 800 lines (1221): the class PoliciesTab alone is 943 lines, one widget whose methods share its
# state; its dialogs, rows and jobs are in the modules beside it. Splitting the class itself is left to a person.
"""The Policy notices tab: the privacy policy's versions, what changed, and proof that every
owner heard of a significant change.

The policy: "we'll notify you about significant changes by emailing the account owner or by
placing a prominent notice on our site."

The versions list shows each version's kind, effective date, significance, publication and its
reach verdict (green: every owner heard of it; red: a problem ``policy_versions.reach`` names).
For the selected version: its summary, a side-by-side diff against another version, the actions
by role (New version…, Decide significance…, Publish), the email campaign of a published
significant version (template, preview, mail server, Send on a worker with Pause and Cancel),
the ledger's counts, and a red banner when a site notice must make up for email that failed.
Permissions are the core's: a refusal is shown with the core's sentence. The list is read again
after every action.
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
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from minisip_console.core import limits
from minisip_console.core.plumbing.errors import ConsoleError
from minisip_console.ui import crash, formatting, theme
from minisip_console.ui.dialog_parts import error_label, fit, form_with, ok_cancel, show_dialog_failure, text_edit
from minisip_console.ui.i18n import plural, shown, tr
from minisip_console.ui.long_action import Confirm, LongAction, show_failure_in
from minisip_console.ui.policy_notices.dialogs import (
    DecideDialog,
    NewVersionDialog,
    SiteNoticeDialog,
)
from minisip_console.ui.policy_notices.jobs import default_template, load_details, load_snapshot, send_job, store_job, test_job
from minisip_console.ui.policy_notices.models import (
    DIFF_COLOURS,
    LEDGER_STATES,
    CampaignCreated,
    Details,
    Snapshot,
    delivery_state,
    diff_words,
    kind_word,
    reach_verdict,
    significance_word,
)
from minisip_console.ui.progress_panel import RequestProgress
from minisip_console.ui.reading import LatestRead
from minisip_console.ui.shared import settings_name
from minisip_console.ui.tabs import (
    ActionTabPage,
    EmptyState,
    ReasonsLine,
    error_text,
    name_table,
    page_note,
    read_only_table,
    render_actions,
)

if TYPE_CHECKING:
    from typing import Any

    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMessageBox

    from minisip_console.core.campaign import RenderedEmail, RunOutcome, Template
    from minisip_console.core.ledger import LedgerSource
    from minisip_console.core.operators import OperatorInfo
    from minisip_console.core.plumbing.connection import Database
    from minisip_console.core.plumbing.mailer import SmtpSettings
    from minisip_console.core.policy_versions import NoticeInfo, VersionInfo
    from minisip_console.ui.notifier import Notifier
    from minisip_console.ui.tabs import Reason
    from minisip_console.ui.workers import Worker, WorkFailure


def _note() -> str:
    return tr(
        "The privacy policy promises: “we'll notify you about significant changes by emailing the account owner or by placing a "
        "prominent notice on our site.” A version is drafted, an approver decides whether it is significant, an admin publishes it; "
        "a significant one is emailed to every owner, and where email fails a site notice makes up for it."
    )


def _describe_send(payload: Any) -> tuple[int, int, str]:
    """A send's progress as the progress row shows it."""
    if isinstance(payload, CampaignCreated):
        return 0, 0, tr("Campaign {id} created; emailing the owners…").format(id=payload.campaign_id)
    done, total, what = payload
    return done, total, what


# --------------------------------------------------------------------------- permissions


def why_not(action: str, version: VersionInfo | None, operator: OperatorInfo) -> Reason:
    """``None`` when ``operator`` may do ``action``; else the sentence to show: the core's own answer
    (``policy_versions.refusal``, the error the core raises), never a copy of its rules."""
    from minisip_console.core.policy_versions import refusal

    if version is None and action != "new":
        return tr("Select a version in the list first.")
    return refusal(action, version, operator)


def _show_error(dialog: QDialog, label: QLabel, text: str) -> None:
    label.setText(text)
    label.show()
    fit(dialog)


# --------------------------------------------------------------------------- the tab


class PoliciesTab(ActionTabPage):
    build_parts = ("version", "campaign")

    loaded = Signal(object)  # Snapshot
    details_loaded = Signal(object)  # Details
    acted = Signal(str)  # what was done
    action_failed = Signal(str)  # the core's sentence
    preview_shown = Signal(object)  # RenderedEmail
    send_progressed = Signal(int, int, str)
    send_finished = Signal(object)  # RunOutcome
    send_failed = Signal(object)  # WorkFailure
    test_sent = Signal(str)  # the server's reply or the error

    def __init__(self, notifier: Notifier, connect_action: QAction, parent: QWidget | None = None) -> None:
        super().__init__(notifier, connect_action, parent)
        self.what = tr("the privacy policy versions")  # "Open a database to see {what}"
        self.database: Database | None = None
        self.snapshot: Snapshot | None = None
        self.details: Details | None = None
        self.smtp_settings: SmtpSettings | None = None
        self.smtp_password = ""
        self.last_preview: RenderedEmail | None = None
        self.last_outcome: RunOutcome | None = None
        self.dialog: QDialog | None = None
        self._campaigns: dict[int, int] = {}  # version id -> the paused campaign a Send resumes
        self._select: str | None = None
        self.snapshot_read = LatestRead(
            self,
            "policySnapshot",
            done=self._on_snapshot,
            failed=functools.partial(self._read_failed, tr("The policy versions could not be read.")),
        )
        self.details_read = LatestRead(self, "policyDetails", done=self._on_details, failed=self._report)
        self._send_campaign: int | None = None
        self._send_version: VersionInfo | None = None
        self._cancel_after = False
        #: the one long-action path (ui/long_action.py)
        self.publishing = LongAction(self, "policyPublish")
        self.previewing = LongAction(self, "policyPreview")
        self.opening_ledger = LongAction(self, "policyLedger")
        self.send_progress = RequestProgress(
            self,
            "policy",
            tr("Pause"),
            "policyPause",
            tr("Stop after the current message (Esc); Send resumes where it stopped"),
            stopping=tr(" · pausing…"),
            describe=_describe_send,
        )
        self.send_progress.progressed.connect(self.send_progressed)
        self.sending_action = LongAction(self, "policySend", panel=self.send_progress)

    # ------------------------------------------------------------------ layout
    def build_content(self, content: QWidget) -> None:
        self.new_button = self._button(tr("&New version…"), "policyNew", self.new_version)
        self.decide_button = self._button(tr("Decide &significance…"), "policyDecide", self.decide)
        self.publish_button = self._button(tr("Pu&blish"), "policyPublish", self.publish)
        self.publishing.hold_buttons(self.publish_button)
        self.count_label = QLabel()
        self.count_label.setObjectName("policyCount")
        bar = QHBoxLayout()
        bar.addWidget(self.count_label)
        bar.addStretch(1)
        for button in (self.new_button, self.decide_button, self.publish_button):
            bar.addWidget(button)
        self.reasons = ReasonsLine("policyReasons")

        self.action_result = QLabel()
        self.action_result.setObjectName("policyResult")
        self.action_result.setWordWrap(True)
        self.action_result.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.action_result.hide()

        # -- the versions
        self.table = read_only_table(
            (tr("Version"), tr("Kind"), tr("Effective"), tr("Significance"), tr("Published (UTC)"), tr("Reach")),
            "policyTable",
            single_selection=True,
        )
        char = self.table.fontMetrics().averageCharWidth()
        for i, width in enumerate((9, 12, 12, 13, 18)):
            self.table.horizontalHeader().resizeSection(i, width * char + 16)
        self.table.currentCellChanged.connect(self._on_row_changed)
        name_table(
            self.table,
            tr("Policy versions"),
            tr("One row per version of the privacy policy: its kind, effective date, significance and reach"),
        )
        self.list_empty = EmptyState(
            tr("No policy versions yet"),
            tr(
                "Draft the first version of the privacy policy with New version…; an approver decides whether it is "
                "significant and an admin publishes it."
            ),
        )
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.table)
        self.list_stack.addWidget(self.list_empty)

        # -- the banner
        self.banner = QFrame()
        self.banner.setObjectName("policyBanner")
        self.banner_label = QLabel()
        self.banner_label.setObjectName("policyBannerText")
        self.banner_label.setWordWrap(True)
        self.banner_label.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.notice_button = self._button(tr("Publish si&te notice…"), "policyNotice", self.site_notice)
        banner = QHBoxLayout(self.banner)
        banner.addWidget(self.banner_label, 1)
        banner.addWidget(self.notice_button)
        self.banner.hide()

        # -- the selected version
        self.detail_title = QLabel(tr("Select a version to see its details"))
        self.detail_title.setObjectName("policyDetailTitle")
        font = self.detail_title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.detail_title.setFont(font)

        self.campaign_page = self._part("campaign")
        self.detail_tabs = QTabWidget()
        self.detail_tabs.setObjectName("policyDetailTabs")
        self.detail_tabs.setAccessibleName(tr("Policy version details"))
        self.detail_tabs.addTab(self._part("version"), tr("Chan&ges"))
        self.detail_tabs.addTab(self.campaign_page, tr("Ema&il campaign"))

        details = QWidget()
        dl = QVBoxLayout(details)
        dl.setContentsMargins(0, 0, 0, 0)
        dl.addWidget(self.detail_title)
        dl.addWidget(self.detail_tabs, 1)

        splitter = QSplitter(QtCore.Qt.Orientation.Vertical)
        splitter.setObjectName("policySplitter")  # window_memory keeps its sizes
        splitter.addWidget(self.list_stack)
        splitter.addWidget(details)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([110, 560])

        layout = QVBoxLayout(content)
        layout.addWidget(page_note(_note()))
        layout.addLayout(bar)
        layout.addWidget(self.reasons)
        layout.addWidget(self.banner)
        layout.addWidget(self.action_result)
        layout.addWidget(splitter, 1)
        self._show_details(None)

    def _build_version(self) -> QWidget:
        """The selected version's summary and its changes (a build part: built on a turn of its own)."""
        self.summary = QLabel("—")
        self.summary.setObjectName("policySummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.summary.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        self.against = QComboBox()
        self.against.setObjectName("policyAgainst")
        self.against.setMinimumContentsLength(12)
        self.against.currentIndexChanged.connect(self._on_against_changed)
        against_label = QLabel(tr("Co&mpare with:"))
        against_label.setBuddy(self.against)
        self.diff_counts = QLabel()
        self.diff_counts.setObjectName("policyDiffCounts")
        compare = QHBoxLayout()
        compare.addWidget(against_label)
        compare.addWidget(self.against)
        compare.addWidget(self.diff_counts, 1)
        self.diff_table = read_only_table(
            (tr("Line"), tr("Compared version"), tr("Line"), tr("Selected version")), "policyDiff", single_selection=True
        )
        name_table(self.diff_table, tr("Changes"), tr("The selected version's text beside the compared version's, line by line"))
        self.diff_table.setWordWrap(True)
        char = self.diff_table.fontMetrics().averageCharWidth()
        self.diff_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.diff_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.diff_table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for col in (0, 2):
            self.diff_table.horizontalHeader().resizeSection(col, 6 * char + 12)
        # wrapped lines get their height again when the columns change width (coalesced)
        self._rows_timer = QtCore.QTimer(self)
        self._rows_timer.setSingleShot(True)
        self._rows_timer.setInterval(0)
        self._rows_timer.timeout.connect(self._fit_rows)
        self.diff_table.horizontalHeader().sectionResized.connect(self._on_diff_section_resized)
        self.diff_empty = EmptyState(tr("No other version to compare with"))
        self.diff_stack = QStackedWidget()
        self.diff_stack.addWidget(self.diff_table)
        self.diff_stack.addWidget(self.diff_empty)
        version_page = QWidget()
        vl = QVBoxLayout(version_page)
        vl.addWidget(self.summary)
        vl.addLayout(compare)
        vl.addWidget(self.diff_stack, 1)
        return version_page

    def _build_campaign(self) -> QWidget:
        subject, text, html = default_template()
        self.campaign_note = QLabel()
        self.campaign_note.setObjectName("policyCampaignNote")
        self.campaign_note.setWordWrap(True)
        self.subject = QLineEdit(subject)
        self.subject.setObjectName("policySubject")
        self.body_text = text_edit("policyBodyText", 6)
        self.body_text.setAccessibleName(tr("Email body, plain text"))
        self.body_text.setPlainText(text)
        self.body_html = text_edit("policyBodyHtml", 6)
        self.body_html.setAccessibleName(tr("Email body, HTML"))
        self.body_html.setPlainText(html)
        self.link = QLineEdit("https://www.minisipserver.com/privacy")
        self.link.setObjectName("policyLink")
        bodies = QTabWidget()
        bodies.setAccessibleName(tr("Email body"))
        bodies.addTab(self.body_text, tr("Plain text"))
        bodies.addTab(self.body_html, "HTML")
        self.template_error = error_label("policyTemplateError")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for label_text, widget in ((tr("Sub&ject:"), self.subject), (tr("Body:"), bodies), (tr("Link:"), self.link)):
            label = QLabel(label_text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        form.addRow("", self.template_error)

        self.preview_account = QLineEdit()
        self.preview_account.setObjectName("policyPreviewAccount")
        self.preview_account.setPlaceholderText(tr("account id, e.g. 3"))
        self.preview_account.setMaximumWidth(160)
        self.preview_account.returnPressed.connect(self.preview)
        self.preview_button = QPushButton(tr("Preview"))
        self.preview_button.setObjectName("policyPreview")
        self.preview_button.setToolTip(tr("Render the email the owner of this account would get (Enter)"))
        self.preview_button.clicked.connect(self.preview)
        self.previewing.hold_buttons(self.preview_button)
        preview_label = QLabel(tr("Preview for account:"))
        preview_label.setBuddy(self.preview_account)
        self.preview_text = QTextBrowser()
        self.preview_text.setObjectName("policyPreviewText")
        self.preview_text.setAccessibleName(tr("Rendered text preview"))
        self.preview_html = QTextBrowser()
        self.preview_html.setObjectName("policyPreviewHtml")
        self.preview_html.setAccessibleName(tr("Rendered HTML preview"))
        self.preview_html.setOpenLinks(False)
        self.preview_tabs = QTabWidget()
        self.preview_tabs.setAccessibleName(tr("Email preview"))
        self.preview_tabs.addTab(self.preview_html, tr("Rendered HTML"))
        self.preview_tabs.addTab(self.preview_text, tr("Rendered text"))
        self.preview_subject = QLabel()
        self.preview_subject.setObjectName("policyPreviewSubject")
        self.preview_subject.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.preview_subject.setWordWrap(True)

        self.mail_button = self._button(tr("&Mail server…"), "policyMailServer", self.mail_server)
        self.send_button = self._button(tr("S&end…"), "policySend", self.send)
        self.mail_label = QLabel(tr("Mail server: not set"))
        self.mail_label.setObjectName("policyMailLabel")
        self.ledger_label = QLabel(tr("Ledger: —"))
        self.ledger_label.setObjectName("policyLedger")
        self.ledger_label.setWordWrap(True)
        self.ledger_button = self._button(tr("Delive&ries…"), "policyLedgerButton", self.open_ledger)
        ledger_row = QHBoxLayout()
        ledger_row.addWidget(self.ledger_label, 1)
        ledger_row.addWidget(self.ledger_button, 0, QtCore.Qt.AlignmentFlag.AlignTop)
        send_row = QHBoxLayout()
        send_row.addWidget(self.mail_button)
        send_row.addWidget(self.mail_label, 1)
        send_row.addWidget(self.send_button)

        self.progress_frame = self.send_progress.build()
        assert self.send_progress.bar is not None and self.send_progress.text is not None
        assert self.send_progress.cancel_button is not None
        self.progress_bar = self.send_progress.bar
        self.progress_text = self.send_progress.text
        self.pause_button = self.send_progress.cancel_button
        self.cancel_button = QPushButton(tr("Cancel campaign"))
        self.cancel_button.setObjectName("policyCancel")
        self.cancel_button.setToolTip(tr("Stop and cancel the campaign for good (queued owners stay unsent)"))
        self.cancel_button.clicked.connect(self.cancel_send)
        self.progress_frame.layout().addWidget(self.cancel_button)

        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.campaign_note)
        ll.addLayout(form, 1)
        ll.addLayout(send_row)
        ll.addWidget(self.progress_frame)
        ll.addLayout(ledger_row)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(preview_label)
        row.addWidget(self.preview_account)
        row.addWidget(self.preview_button)
        row.addStretch(1)
        rl.addLayout(row)
        rl.addWidget(self.preview_subject)
        rl.addWidget(self.preview_tabs, 1)
        split = QSplitter(QtCore.Qt.Orientation.Horizontal)
        split.setObjectName("policyDiffSplitter")  # window_memory keeps its sizes
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([600, 500])
        page = QWidget()
        QVBoxLayout(page).addWidget(split)
        return page

    # ------------------------------------------------------------------ connection
    def set_database(self, database: Database) -> Worker | None:
        self.clear()
        self.ensure_built()
        self.database = database
        self._load_mail_settings()
        self._update_actions()
        if not self.showing_content():
            self.show_busy(tr("Reading the policy versions…"))
        return self.refresh()

    def clear(self) -> None:
        for action in (self.publishing, self.previewing, self.opening_ledger, self.sending_action):
            action.reset()
        for read in (self.snapshot_read, self.details_read):
            read.reset()
        self.database = None
        self.snapshot = None
        self.details = None
        self.smtp_settings = None
        self.smtp_password = ""
        self._campaigns.clear()
        if self.dialog is not None:
            self.dialog.reject()
        self.dialog = None
        if self.built:
            self.table.setRowCount(0)
            self.action_result.hide()
            self._show_details(None)
            self._update_actions()
        self.show_disconnected()

    def set_overview(self, *_args: Any) -> None:
        """The overview's figures are not needed: the tab reads its own versions (kept for callers)."""

    @Slot()
    def refresh(self) -> Worker | None:
        if self.database is None:
            return None
        return self.snapshot_read.start(load_snapshot, self.database, label="policy versions")

    @property
    def selected(self) -> VersionInfo | None:
        if self.snapshot is None or not self.built:
            return None
        row = self.table.currentRow()
        return self.snapshot.versions[row] if 0 <= row < len(self.snapshot.versions) else None

    def select_version(self, number: str) -> bool:
        if self.snapshot is None:
            return False
        for i, v in enumerate(self.snapshot.versions):
            if v.number == number:
                self.table.setCurrentCell(i, 0)
                return True
        return False

    def _on_snapshot(self, snapshot: Snapshot) -> None:
        keep = self._select or (self.details.version.number if self.details else None)
        self._select = None
        self.snapshot = snapshot
        table = self.table
        table.blockSignals(True)
        table.setRowCount(len(snapshot.versions))
        for i, v in enumerate(snapshot.versions):
            words, colour, tip = reach_verdict(v, snapshot.reach.get(v.number))
            cells = (
                v.number,
                tr("{kind} (transfer {date})").format(kind=kind_word(v.kind), date=formatting.date(v.transfer_date))
                if v.transfer_date
                else kind_word(v.kind),
                formatting.date(v.effective_date),
                significance_word(v.significance_label).capitalize(),
                formatting.timestamp(v.published_at, utc_suffix=False) if v.published_at else tr("Not published"),
                words,
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(tip if col == 5 else text)
                if col == 5 and colour:
                    item.setForeground(QBrush(QColor(colour)))
                    item.setBackground(
                        QBrush(QColor(theme.current().good_bg if colour == theme.current().good else theme.current().bad_bg))
                    )
                if col == 3 and v.significant is None:
                    item.setForeground(QBrush(QColor(theme.current().warn)))
                table.setItem(i, col, item)
        table.blockSignals(False)
        if snapshot.versions:
            self.list_stack.setCurrentWidget(table)
        else:
            self.list_stack.setCurrentWidget(self.list_empty)
        problems = sum(1 for r in snapshot.reach.values() if not r.ok)
        text = plural(len(snapshot.versions), tr("{count:,} version"), tr("{count:,} versions"))
        if problems:
            text = tr("{versions} · {problems}").format(
                versions=text,
                problems=plural(problems, tr("{count:,} version with a reach problem"), tr("{count:,} versions with a reach problem")),
            )
        self.count_label.setText(text)
        self.count_label.setStyleSheet(f"color: {theme.current().bad}; font-weight: bold;" if problems else "")
        numbers = [v.number for v in snapshot.versions]
        # newest version first by default: the one that needs attention
        row = numbers.index(keep) if keep in numbers else len(numbers) - 1
        self.against.blockSignals(True)
        self.against.clear()
        self.against.blockSignals(False)
        if row >= 0:
            current = self.table.currentRow()
            self.table.setCurrentCell(row, 0)  # a new row reads its details through currentCellChanged
            if current == row:  # the same row stays current: read its details again (they changed)
                self._on_row_changed(row, 0, -1, -1)
        else:
            self._show_details(None)
        self._update_actions()
        self.show_content()
        self.loaded.emit(snapshot)

    def _report(self, failure: WorkFailure) -> None:
        if failure.known:
            self.notifier.error(shown(failure.message), shown(failure.hint) if failure.hint else failure.hint)
        else:
            self.notifier.error(tr("A bug in the console stopped this; the details are in the crash report."))
            crash.report_failure(failure)

    @Slot(int, int, int, int)
    def _on_row_changed(self, row: int, _col: int, previous: int, _pcol: int) -> None:
        if (
            row == previous
            and self.details is not None
            and self.details.version.number == (self.selected.number if self.selected else None)
        ):
            return
        version = self.selected
        if version is None or self.snapshot is None:
            self._show_details(None)
            return
        others = [v.number for v in self.snapshot.versions if v.number != version.number]
        earlier = [v.number for v in self.snapshot.versions if v.number != version.number and v.created_at <= version.created_at]
        default = earlier[-1] if earlier else (others[0] if others else None)
        self.against.blockSignals(True)
        self.against.clear()
        for n in others:
            self.against.addItem(tr("Version {number}").format(number=n), n)
        if default is not None:
            self.against.setCurrentIndex(others.index(default))
        self.against.blockSignals(False)
        self._load_details(version.number)
        self._update_actions()

    @Slot(int)
    def _on_against_changed(self, _index: int) -> None:
        if self.selected is not None:
            self._load_details(self.selected.number)

    def _load_details(self, number: str) -> Worker | None:
        if self.database is None:
            return None
        return self.details_read.start(load_details, self.database, number, self.against.currentData(), label=f"policy version {number}")

    def _on_details(self, details: Details) -> None:
        self._show_details(details)
        self._update_actions()
        self.details_loaded.emit(details)

    def _show_details(self, details: Details | None) -> None:
        self.details = details
        if details is None:
            self.detail_title.setText(tr("Select a version to see its details"))
            self.summary.setText("—")
            self.diff_table.setRowCount(0)
            self.diff_counts.setText("")
            self.diff_empty.set_text(tr("No version selected"), tr("Select a version in the list to see what changed."))
            self.diff_stack.setCurrentWidget(self.diff_empty)
            self.banner.hide()
            self.ledger_label.setText(tr("Ledger: —"))
            self.campaign_note.setText(tr("Select a published, significant version to email its owners."))
            return
        v = details.version
        decided = (
            tr("significance not decided yet")
            if v.significant is None
            else tr("{significance} (decided by {who})").format(
                significance=significance_word(v.significance_label), who=v.significance_by or "—"
            )
        )
        published = (
            tr("published {when} by {who}").format(when=formatting.timestamp(v.published_at), who=v.published_by)
            if v.published
            else tr("draft")
        )
        self.detail_title.setText(
            tr("Version {number} ({kind}): effective {date}, {decided}, {published}").format(
                number=v.number, kind=kind_word(v.kind), date=formatting.date(v.effective_date), decided=decided, published=published
            )
        )
        self.summary.setText(tr("Summary: {summary}").format(summary=v.summary) if v.summary else tr("Summary: none was written."))
        d = details.diff
        if d is None:
            self.diff_empty.set_text(tr("No other version to compare with"), tr("The diff appears when there are two versions or more."))
            self.diff_stack.setCurrentWidget(self.diff_empty)
            self.diff_table.setRowCount(0)
            self.diff_counts.setText("")
        else:
            self.diff_table.setHorizontalHeaderLabels(
                (tr("Line"), tr("Version {number}").format(number=d.left), tr("Line"), tr("Version {number}").format(number=d.right))
            )
            self.diff_table.setRowCount(len(d.rows))
            for i, r in enumerate(d.rows):
                cells = (str(r.left_no or ""), r.left or "", str(r.right_no or ""), r.right or "")
                for col, text in enumerate(cells):
                    item = QTableWidgetItem(text)
                    if col in (1, 3):
                        item.setToolTip(
                            tr("{change}: {text}").format(change=diff_words()[r.kind], text=text) if r.kind != "equal" else text
                        )
                        item.setTextAlignment(QtCore.Qt.AlignmentFlag.AlignLeft | QtCore.Qt.AlignmentFlag.AlignTop)
                    else:
                        item.setTextAlignment(QtCore.Qt.AlignmentFlag.AlignRight | QtCore.Qt.AlignmentFlag.AlignTop)
                    if r.kind in DIFF_COLOURS:
                        item.setBackground(theme.current().brush(DIFF_COLOURS[r.kind]))
                        item.setForeground(theme.current().brush("banner_text"))
                    self.diff_table.setItem(i, col, item)
            self.diff_table.resizeRowsToContents()
            if d.identical:
                self.diff_counts.setText(tr("Versions {left} and {right} have the same text.").format(left=d.left, right=d.right))
            else:
                self.diff_counts.setText(
                    (
                        tr("{count:,} line changed · {added:,} added · {removed:,} removed (yellow: changed, green: added, red: removed)")
                        if d.changed == 1
                        else tr(
                            "{count:,} lines changed · {added:,} added · {removed:,} removed (yellow: changed, green: added, red: removed)"
                        )
                    ).format(count=d.changed, added=d.added, removed=d.removed)
                )
                self._first_change = next(i for i, r in enumerate(d.rows) if r.kind != "equal")
                QtCore.QTimer.singleShot(0, self, self._scroll_to_change)  # once the rows have their heights (not after the tab is gone)
            self.diff_stack.setCurrentWidget(self.diff_table)
        # the ledger, the banner
        counts = details.ledger
        self.ledger_label.setText(
            tr("Ledger of version {number}: {counts} · never emailed {never:,}").format(
                number=v.number,
                counts=" · ".join(tr("{state} {count:,}").format(state=delivery_state(s), count=counts.get(s, 0)) for s in LEDGER_STATES),
                never=details.reach.not_contacted,
            )
        )
        r = details.reach
        if r.site_notice_required:
            if r.site_notice_published:
                notice = details.notices[0] if details.notices else None
                if notice is not None:
                    text = tr(
                        "Site notice published: email did not reach every owner of version {number}; "
                        "the site notice “{title}” shown from {when} makes up for it."
                    ).format(number=v.number, title=notice.title, when=formatting.timestamp(notice.shown_from))
                else:
                    text = tr(
                        "Site notice published: email did not reach every owner of version {number}; the site notice makes up for it."
                    ).format(number=v.number)
                self.banner_label.setText(text)
                self._banner_colour(theme.current().good, theme.current().good_bg)
            else:
                self.banner_label.setText(tr("Site notice required: {problems}").format(problems=" ".join(shown(p) for p in r.problems)))
                self._banner_colour(theme.current().bad, theme.current().bad_bg)
            self.banner.show()
        elif r.problems:
            self.banner_label.setText(" ".join(shown(p) for p in r.problems))
            self._banner_colour(theme.current().bad, theme.current().bad_bg)
            self.banner.show()
        else:
            self.banner.hide()
        if v.published and v.significant:
            owners = r.not_contacted + r.in_progress
            self.campaign_note.setText(
                (
                    tr(
                        "Email every owner about version {number}: {count:,} owner still to be told. "
                        "Check the template and a preview first; the ledger records each delivery."
                    )
                    if owners == 1
                    else tr(
                        "Email every owner about version {number}: {count:,} owners still to be told. "
                        "Check the template and a preview first; the ledger records each delivery."
                    )
                ).format(number=v.number, count=owners)
            )
        elif v.published:
            self.campaign_note.setText(tr("Version {number} is a minor change: owners are not emailed about it.").format(number=v.number))
        else:
            self.campaign_note.setText(
                tr("Version {number} is a draft: owners are emailed once it is published and decided significant.").format(number=v.number)
            )

    _first_change = -1

    @Slot(int, int, int)
    def _on_diff_section_resized(self, _index: int, _old: int, _new: int) -> None:
        self._rows_timer.start()

    @Slot()
    def _fit_rows(self) -> None:
        if self.diff_table.rowCount():
            self.diff_table.resizeRowsToContents()
            self._scroll_to_change()

    @Slot()
    def _scroll_to_change(self) -> None:
        """Show the first changed line near the top of the diff."""
        item = self.diff_table.item(self._first_change, 1) if self._first_change >= 0 else None
        if item is not None:
            self.diff_table.resizeRowsToContents()  # now that the columns have their widths
            self.diff_table.scrollToItem(item, QAbstractItemView.ScrollHint.PositionAtTop)
            row = self._first_change
            if row > 0:  # one line of context above it
                self.diff_table.scrollToItem(self.diff_table.item(row - 1, 1), QAbstractItemView.ScrollHint.PositionAtTop)

    def _banner_colour(self, fg: str, bg: str) -> None:
        self.banner.setStyleSheet(f"QFrame#policyBanner {{ background: {bg}; border: 1px solid {fg}; border-radius: 4px; }}")
        self.banner_label.setStyleSheet(f"color: {fg}; font-weight: bold;")
        self.banner_colour = fg

    banner_colour = ""

    # ------------------------------------------------------------------ actions follow role
    def _update_actions(self) -> None:
        if not self.built:
            return
        database = self.database
        version = self.details.version if self.details is not None else self.selected
        sending = self.sending_action.running
        rows = []
        for action, button in (
            ("new", self.new_button),
            ("decide", self.decide_button),
            ("publish", self.publish_button),
            ("send", self.send_button),
            ("notice", self.notice_button),
            ("mail", self.mail_button),
        ):
            if database is None:
                reason: Reason = tr("Not connected.")
            elif sending and action in ("send", "mail"):
                reason = tr("A campaign is being sent: pause it or wait for it to finish.")
            else:
                reason = why_not(action, version, database.operator)
            if action == "send" and reason is None and self.smtp_settings is None:
                reason = tr("Set the mail server first (Mail server…).")
            rows.append((button, reason, self._tip(action, version)))
        # Preview and Deliveries too: their reasons on the line, not only in a disabled button's tooltip
        can_preview = database is not None and version is not None
        rows.append(
            (
                self.preview_button,
                None if can_preview else tr("Select a version first."),
                tr("Render the email the owner of this account would get (Enter)"),
            )
        )
        has_ledger = self.details is not None and any(self.details.ledger.values())
        ledger_reason: Reason = None
        if database is None:
            ledger_reason = tr("Not connected.")
        elif not has_ledger:
            ledger_reason = tr("No email about this version has been queued yet.")
        rows.append((self.ledger_button, ledger_reason, tr("Every delivery of this version: decide on uncertain ones, record bounces")))
        paused = version is not None and version.id in self._campaigns
        self.send_button.setText(tr("R&esume sending…") if paused else tr("S&end…"))  # before the line names it
        render_actions(rows, self.reasons)
        self.publishing.hold()
        self.previewing.hold()

    def open_ledger(self) -> Worker | None:
        """Find the version's ledger on a worker, then open the deliveries dialog (``dialog``)."""
        from minisip_console.core import ledger

        if self.database is None or self.details is None:
            return None
        number = self.details.version.number
        return self.opening_ledger.start(
            ledger.source_for,
            self.database.sessions,
            number,
            label=f"deliveries of version {number}",
            done=lambda source: self._show_ledger(number, source),
            failed=self._on_ledger_failed,
        )

    def _show_ledger(self, number: str, source: LedgerSource) -> None:
        from minisip_console.ui.policy_notices.ledger_dialog import LedgerDialog

        if self.database is None:
            return
        dialog = LedgerDialog(self.database, number, self, source=source)
        dialog.changed.connect(lambda text: self._done(text, number))
        self._open(dialog)

    def _on_ledger_failed(self, failure: WorkFailure) -> None:
        if failure.known:
            self.notifier.error(shown(failure.message), shown(failure.hint) if failure.hint else failure.hint)
        else:
            self._report(failure)

    @staticmethod
    def _tip(action: str, version: VersionInfo | None) -> str:
        n = version.number if version is not None else ""
        return {
            "new": tr("Draft a new version of the policy (an approver then decides whether it is significant)"),
            "decide": tr("Decide whether version {number} is significant, with a reason for the audit log"),
            "publish": tr("Publish version {number} (it can never be edited afterwards)"),
            "send": tr("Email version {number}'s notice to every owner not told yet (asks first)"),
            "notice": tr("Place a prominent notice about version {number} on the site"),
            "mail": tr("The SMTP server the notices go through, and a test message"),
        }[action].format(number=n)

    def _done(self, text: str, number: str | None = None) -> None:
        self._show_result(text, theme.current().good)
        self.notifier.success(text, timeout_ms=8000)
        self._select = number
        self.acted.emit(text)
        self.refresh()

    # -- versions
    @Slot()
    def new_version(self) -> NewVersionDialog | None:
        if self.database is None:
            return None
        dialog = NewVersionDialog(self.database, self.selected, self)
        dialog.created.connect(self._on_created)
        self._open(dialog)
        return dialog

    @Slot(object)
    def _on_created(self, v: VersionInfo) -> None:
        self._done(tr("Drafted version {number}: an approver decides now whether it is significant.").format(number=v.number), v.number)

    @Slot()
    def decide(self) -> DecideDialog | None:
        version = self.selected
        if self.database is None or version is None:
            return None
        dialog = DecideDialog(self.database, version, self)
        dialog.decided.connect(self._on_decided)
        self._open(dialog)
        return dialog

    @Slot(object)
    def _on_decided(self, v: VersionInfo) -> None:
        self._done(
            tr("Version {number} decided {significance}.").format(number=v.number, significance=significance_word(v.significance_label)),
            v.number,
        )

    @Slot()
    def publish(self) -> Worker | None:
        """Publish the selected version on a worker; the core's refusal on the result line."""
        from minisip_console.core import policy_versions as pv

        version = self.selected
        if self.database is None or version is None:
            return None
        return self.publishing.start(
            pv.publish,
            self.database.sessions,
            self.database.operator,
            version.number,
            label=f"publish version {version.number}",
            done=self._on_published,
            failed=self._on_action_failed,
        )

    def _on_published(self, info: VersionInfo) -> None:
        text = (
            tr("Published version {number}. Email its owners from the Email campaign tab.")
            if info.significant
            else tr("Published version {number}.")
        )
        self._done(text.format(number=info.number), info.number)

    @Slot()
    def site_notice(self) -> SiteNoticeDialog | None:
        version = self.selected
        if self.database is None or version is None:
            return None
        dialog = SiteNoticeDialog(self.database, version, self)
        dialog.created.connect(self._on_notice)
        self._open(dialog)
        return dialog

    @Slot(object)
    def _on_notice(self, notice: NoticeInfo) -> None:
        self._done(
            tr("Site notice “{title}” about version {number} placed from {when}.").format(
                title=notice.title, number=notice.version, when=formatting.timestamp(notice.shown_from)
            ),
            notice.version,
        )

    # -- campaign
    def template(self) -> Template:
        from minisip_console.core.campaign import Template

        return Template(self.subject.text(), self.body_text.toPlainText(), self.body_html.toPlainText(), self.link.text().strip())

    def _check_template(self) -> Template | None:
        from minisip_console.core import campaign

        template = self.template()
        try:
            campaign.check_template(template)
        except ConsoleError as exc:
            self.template_error.setText(error_text(exc))
            self.template_error.show()
            self.detail_tabs.setCurrentWidget(self.campaign_page)
            return None
        self.template_error.hide()
        return template

    @Slot()
    def preview(self) -> Worker | None:
        """Check the template and the account inline (None when wrong), then render on a worker: ``preview_shown``."""
        from minisip_console.core import campaign

        version = self.selected
        if self.database is None or version is None:
            return None
        self.detail_tabs.setCurrentWidget(self.campaign_page)
        template = self._check_template()
        if template is None:
            return None
        account_id, problem = limits.id_problem(self.preview_account.text(), example="3")
        if account_id is None:
            self.template_error.setText(shown(problem) if self.preview_account.text().strip() else tr("Type an account id to preview."))
            self.template_error.show()
            self.preview_account.setFocus()
            return None
        return self.previewing.start(
            campaign.preview,
            self.database.sessions,
            template,
            account_id,
            version_id=version.id,
            label=f"preview for account {account_id}",
            done=self._on_preview,
            failed=self._on_preview_failed,
        )

    def _on_preview_failed(self, failure: WorkFailure) -> None:
        show_failure_in(self.template_error, failure)

    def _on_preview(self, mail: RenderedEmail) -> None:
        self.template_error.hide()
        self.last_preview = mail
        language = {"en": tr("English"), "zh_CN": tr("Chinese (Simplified)")}.get(mail.language, mail.language)
        self.preview_subject.setText(
            tr("To: {to} (in {language})\nSubject: {subject}").format(to=mail.to, language=language, subject=mail.subject)
        )
        self.preview_text.setPlainText(mail.text)
        self.preview_html.setHtml(mail.html or tr("<p><i>No HTML part: owners get the plain text.</i></p>"))
        self.preview_shown.emit(mail)

    def _load_mail_settings(self) -> None:
        from minisip_console.core.plumbing import mailer

        if self.database is None:
            return
        loader = getattr(mailer, "load_settings", None)
        if loader is not None and settings_name(self.database) is not None:
            try:
                self.smtp_settings = loader(settings_name(self.database))
            except ConsoleError as exc:
                self.notifier.console_error(exc)
        self._show_mail_label()

    def _show_mail_label(self) -> None:
        s = self.smtp_settings
        self.mail_label.setText(
            tr("Mail server: {server} from {address}").format(server=s.describe(), address=s.from_address)
            if s
            else tr("Mail server: not set (Mail server…)")
        )

    @Slot()
    def mail_server(self) -> MailServerDialog | None:
        if self.database is None:
            return None
        dialog = MailServerDialog(self.smtp_settings, settings_name(self.database), self)
        dialog.saved.connect(self._on_mail_saved)
        self._open(dialog)
        return dialog

    @Slot(object)
    def _on_mail_saved(self, settings: SmtpSettings) -> None:
        self.smtp_settings = settings
        self._show_mail_label()
        self._update_actions()

    def _owners_to_tell(self) -> int:
        if self.details is None:
            return 0
        r = self.details.reach
        return r.not_contacted + r.in_progress

    @Slot()
    def send(self) -> QMessageBox | None:
        version = self.selected
        if self.database is None or version is None or self.sending_action.running or self.smtp_settings is None:
            return None
        if self._check_template() is None:
            self.detail_tabs.setCurrentWidget(self.campaign_page)
            return None
        n = self._owners_to_tell()
        return self.sending_action.confirm(
            Confirm(
                "policySendConfirm",
                tr("Email version {number}").format(number=version.number),
                (
                    tr("Email the notice of version {number} to {count:,} account owner?")
                    if n == 1
                    else tr("Email the notice of version {number} to {count:,} account owners?")
                ).format(number=version.number, count=n),
                tr(
                    "Through {server} from {address}. Each owner gets one message; "
                    "the ledger records every delivery. You can pause and resume."
                ).format(server=self.smtp_settings.describe(), address=self.smtp_settings.from_address),
                yes=tr("&Send to {count:,}").format(count=n),
                yes_name="policySendConfirmYes",
                destructive=False,
            ),
            then=lambda: self.start_send(version),
            declined=lambda: self._show_result(tr("Not sent: nobody was emailed.")),
        )

    @property
    def confirm_box(self) -> QMessageBox | None:
        """The open question before a campaign is sent, if any."""
        return self.sending_action.box

    def start_send(self, version: VersionInfo) -> Worker | None:
        """Create the campaign (or resume the paused one) and send, on a worker (``send`` asks first)."""
        if self.database is None or self.sending_action.running or self.smtp_settings is None:
            return None
        campaign_id = self._campaigns.get(version.id)
        template = None
        if campaign_id is None:
            template = self._check_template()
            if template is None:
                return None
        self._send_campaign = campaign_id
        self._send_version = version
        self._cancel_after = False
        worker = self.sending_action.start(
            send_job,
            self.database,
            campaign_id,
            self.smtp_settings,
            version_id=version.id,
            template=template,
            label=f"notice campaign for version {version.number}",
            callbacks=True,
            panel_text=tr("Emailing the owners about version {number}…").format(number=version.number),
            progress=self._on_send_progress,
            done=lambda outcome: self._on_send_finished(version, outcome),
            failed=lambda failure: self._on_send_failed(version, failure),
        )
        if worker is not None:
            self.cancel_button.setEnabled(True)
            self.detail_tabs.setCurrentWidget(self.campaign_page)
            self._show_result(tr("Emailing the owners about version {number}…").format(number=version.number))
            self._update_actions()
        return worker

    def _on_send_progress(self, payload: Any) -> None:
        if isinstance(payload, CampaignCreated):
            self._send_campaign = payload.campaign_id

    @property
    def sending(self) -> bool:
        return self.sending_action.running

    @Slot()
    def pause(self) -> None:
        self.sending_action.cancel()

    @Slot()
    def cancel_send(self) -> None:
        if not self.sending_action.running:
            return
        self._cancel_after = True
        self.cancel_button.setEnabled(False)
        self.pause()

    def _on_send_finished(self, version: VersionInfo, outcome: RunOutcome) -> None:
        from minisip_console.core import campaign

        campaign_id = outcome.campaign.id
        self._send_campaign = None
        self.last_outcome = outcome
        if outcome.stopped and self._cancel_after and self.database is not None:
            self._campaigns.pop(version.id, None)
            self.sending_action.start(
                campaign.cancel_campaign,
                self.database.sessions,
                self.database.operator,
                campaign_id,
                label=f"cancel campaign {campaign_id}",
                done=lambda _info: self._show_sent(version, outcome, cancelled=True),
                failed=lambda failure: self._show_sent(version, outcome, cancelled=True, failure=failure),
            )
            return
        if outcome.stopped:
            self._campaigns[version.id] = campaign_id
        else:
            self._campaigns.pop(version.id, None)
        self._show_sent(version, outcome)

    def _show_sent(self, version: VersionInfo, outcome: RunOutcome, *, cancelled: bool = False, failure: WorkFailure | None = None) -> None:
        c = outcome.counts
        counts = tr("sent {sent:,}, failed {failed:,}, uncertain {uncertain:,}, queued {queued:,}").format(
            sent=c.get("sent", 0), failed=c.get("failed", 0), uncertain=c.get("uncertain", 0), queued=c.get("queued", 0)
        )
        if failure is not None:
            self._on_action_failed(failure)
        if cancelled:
            text = tr("Campaign for version {number} cancelled: {counts}.").format(number=version.number, counts=counts)
            colour: str | None = theme.current().bad
        elif outcome.stopped:
            text = tr("Campaign for version {number} stopped ({why}): {counts}. Resume sending to go on.").format(
                number=version.number,
                why={"paused": tr("paused"), "cancelled": tr("cancelled"), "retries pending": tr("retries pending")}.get(
                    outcome.stopped, shown(outcome.stopped)
                ),
                counts=counts,
            )
            colour = None
        else:
            colour = theme.current().good
            if c.get("failed", 0) or c.get("bounced", 0):
                colour = theme.current().bad
                template = tr(
                    "Campaign for version {number} finished in {seconds:,.1f} s: {counts}. "
                    "Some owners were not reached: a site notice is required."
                )
            else:
                template = tr("Campaign for version {number} finished in {seconds:,.1f} s: {counts}.")
            text = template.format(number=version.number, seconds=outcome.seconds, counts=counts)
        self._show_result(text, colour)
        if colour == theme.current().good:
            self.notifier.success(text, timeout_ms=10_000)
        else:
            self.notifier.warning(text)
        self._select = version.number
        self.send_finished.emit(outcome)
        self._update_actions()
        self.refresh()

    def _on_send_failed(self, version: VersionInfo, failure: WorkFailure) -> None:
        campaign_id, self._send_campaign = self._send_campaign, None
        if campaign_id is None and failure.known and not failure.cancelled:  # the campaign itself was refused
            self._on_action_failed(failure)
            self._update_actions()
            return
        if campaign_id is not None:
            self._campaigns[version.id] = campaign_id
        self._show_result(
            tr("Sending stopped: {error}").format(error=f"{shown(failure.message)} {shown(failure.hint or '')}".strip()),
            theme.current().bad,
        )
        self._report(failure)
        self._select = version.number
        self.send_failed.emit(failure)
        self._update_actions()
        self.refresh()


class MailServerDialog(QDialog):
    """The SMTP server: host, port, security, user, password (masked), From; a test message."""

    saved = Signal(object)  # SmtpSettings

    def __init__(self, settings: SmtpSettings | None, name: str | None, parent: QWidget | None = None) -> None:
        from minisip_console.core.plumbing.mailer import DEFAULT_PORTS, SECURITY_MODES

        super().__init__(parent)
        self.setObjectName("policyMailDialog")
        self.setWindowTitle(tr("Mail server for policy notices"))
        self.name = name
        self.host = QLineEdit(settings.host if settings else "")
        self.host.setObjectName("policyMailHost")
        self.host.setPlaceholderText("smtp.example.com")
        self.port = QLineEdit(str(settings.port) if settings else "587")
        self.port.setObjectName("policyMailPort")
        self.security = QComboBox()
        self.security.setObjectName("policyMailSecurity")
        security_words = {"none": tr("none", "security"), "starttls": "STARTTLS", "tls": "TLS"}
        for mode in SECURITY_MODES:
            self.security.addItem(security_words.get(mode, mode), mode)
        self.security.setCurrentIndex(SECURITY_MODES.index(settings.security) if settings else SECURITY_MODES.index("starttls"))
        self.security.currentIndexChanged.connect(lambda _i: self.port.setText(str(DEFAULT_PORTS[self.security.currentData()])))
        self.user = QLineEdit(settings.user if settings else "")
        self.user.setObjectName("policyMailUser")
        self.user.setPlaceholderText(tr("empty: no login"))
        self.password = QLineEdit()
        self.password.setObjectName("policyMailPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(tr("kept in the OS keyring, never shown"))
        self.from_address = QLineEdit(settings.from_address if settings else "")
        self.from_address.setObjectName("policyMailFrom")
        self.from_address.setPlaceholderText("privacy@example.com")
        self.test_to = QLineEdit()
        self.test_to.setObjectName("policyMailTestTo")
        self.test_to.setAccessibleName(tr("Test email address"))
        self.test_to.setPlaceholderText(tr("your address"))
        self.test_button = QPushButton(tr("Send &test"))
        self.test_button.setObjectName("policyMailTest")
        self.test_button.clicked.connect(self.send_test)
        self.test_result = QLabel()
        self.test_result.setObjectName("policyMailTestResult")
        self.test_result.setWordWrap(True)
        self.test_result.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_to, 1)
        test_row.addWidget(self.test_button)
        test_box = QWidget()
        test_box.setLayout(test_row)
        test_row.setContentsMargins(0, 0, 0, 0)
        self.error = error_label("policyMailError")
        form = form_with(
            [
                (tr("&Host:"), self.host, None),
                (tr("P&ort:"), self.port, None),
                (tr("Se&curity:"), self.security, None),
                (tr("&User:"), self.user, None),
                (tr("Pass&word:"), self.password, None),
                (tr("&From:"), self.from_address, None),
                (tr("Test &message to:"), test_box, None),
            ],
        )
        self.buttons, self.ok_button = ok_cancel(tr("&Save"), "policyMailOk", self)
        self.buttons.accepted.connect(self.submit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.test_result)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        #: the one long-action path (ui/long_action.py): saving, or a test message, one at a time
        self.working = LongAction(self, "policyMail")
        self.working.hold_buttons(self.ok_button, self.test_button)
        self.resize(560, self.sizeHint().height())

    def settings(self) -> SmtpSettings | None:
        from minisip_console.core.plumbing import mailer

        port = self.port.text().strip()
        try:
            if not port.isdigit():
                raise ConsoleError(
                    tr("The SMTP port {port} is not a port number.").format(port=repr(port[:10])), hint=tr("Give 1 to 65535, e.g. 587.")
                )
            settings = mailer.SmtpSettings(
                self.host.text().strip(),
                int(port),
                self.security.currentData(),
                self.user.text().strip(),
                self.from_address.text().strip(),
                profile=self.name if self.user.text().strip() else "",
            )
            return mailer.validate_settings(settings)
        except ConsoleError as exc:
            _show_error(self, self.error, error_text(exc))
            return None

    @Slot()
    def send_test(self) -> Worker | None:
        """A test message through the settings typed (saved first when a password is given) on a worker."""
        self.error.hide()
        settings = self.settings()
        if settings is None or self.working.running:
            return None
        password = self.password.text() or None
        worker = self.working.start(
            test_job,
            settings,
            self.test_to.text().strip(),
            name=self.name,
            password=password,
            store=bool(settings.user and password),
            label="SMTP test",
            done=self._on_test,
            failed=self._on_test_failed,
        )
        self.test_result.setStyleSheet("")
        self.test_result.setText(tr("Sending a test message through {server}…").format(server=settings.describe()))
        return worker

    def _on_test(self, reply: str) -> None:
        self.test_result.setText(tr("Test message accepted: {reply}.").format(reply=shown(reply)))
        self.test_result.setStyleSheet(f"color: {theme.current().good}; font-weight: bold;")
        parent = self.parent()
        if isinstance(parent, PoliciesTab):
            parent.test_sent.emit(self.test_result.text())

    def _on_test_failed(self, failure: WorkFailure) -> None:
        self.test_result.setText(f"{shown(failure.message)} {shown(failure.hint or '')}".strip())
        self.test_result.setStyleSheet(f"color: {theme.current().bad}; font-weight: bold;")
        fit(self)
        if not failure.known:
            crash.report_failure(failure)
        parent = self.parent()
        if isinstance(parent, PoliciesTab):
            parent.test_sent.emit(self.test_result.text())

    def reject(self) -> None:
        self.working.reset()
        super().reject()

    @Slot()
    def submit(self) -> Worker | None:
        """Check the settings inline (None when wrong), then save them on a worker: ``saved`` and the dialog
        closes, or the sentence (a keyring that refuses) shows here and nothing typed is lost."""
        self.error.hide()
        settings = self.settings()
        if settings is None:
            return None
        return self.working.start(
            store_job,
            self.name,
            settings,
            self.password.text() or None,
            label="save the mail server",
            done=self._on_stored,
            failed=lambda failure: show_dialog_failure(self, self.error, failure),
        )

    def _on_stored(self, saved: SmtpSettings) -> None:
        self.saved.emit(saved)
        self.accept()
