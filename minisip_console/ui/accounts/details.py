"""An account's details in the clear, behind an access grant: a non-modal window.

Everything comes from ``access.account_details`` (which checks the grant at that moment and
audits the look) on a worker. The window shows the profile, configurations, uploaded files
(metadata only), correspondence, recent CDRs, the marketing permission, disclosures and the
account's audit history, and the grant's time left. Its actions each call one core function
on a worker: "Open…" a file (``file_opening.open_file``, with the customer's request reference),
"Rectify…" (``rectification.rectify``) and "Export…" (``export.export_account``, with progress and
Cancel). The core checks the grant at every action: when it has expired meanwhile, its
``PermissionDenied`` is shown in the window's red message line.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from minisip_console.core.plumbing.errors import InvalidInput
from minisip_console.ui import crash, formatting, theme
from minisip_console.ui.i18n import shown, tr
from minisip_console.ui.long_action import LongAction
from minisip_console.ui.tabs import Reason, ReasonsLine, name_table, render_actions

if TYPE_CHECKING:
    from minisip_console.core.access import AccountDetails, GrantInfo
    from minisip_console.core.export import ExportReceipt
    from minisip_console.core.file_opening import OpenedFile
    from minisip_console.core.plumbing.connection import Database
    from minisip_console.ui.workers import Progress, Worker, WorkFailure


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def minutes_left(grant: GrantInfo, now: dt.datetime | None = None) -> int:
    """Whole minutes left, rounded up (a grant with 10 s left still has "1 min")."""
    seconds = grant.remaining(now or _now()).total_seconds()
    return int(-(-seconds // 60))


def _table(headers: list[str], rows: list[list[Any]], name: str) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, dt.datetime):
                text = formatting.timestamp(value, utc_suffix=False)
            elif value is None:
                text = "—"
            else:
                text = str(value)
            item = QTableWidgetItem(text)
            if isinstance(value, int) and not isinstance(value, bool):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # tens of rows, not a large table
    header.setStretchLastSection(True)
    return table


def field_names() -> dict[str, str]:
    """The rectifiable fields as the window names them (a function: ``tr`` works once the app runs)."""
    return {"name": tr("name"), "email": tr("email"), "company": tr("company")}


def _details_text(details: dict[str, Any]) -> str:
    return ", ".join(f"{k}={v}" for k, v in sorted(details.items()))


# --------------------------------------------------------------------------- rectify


class RectifyDialog(QDialog):
    """Name, email and company, with the core's validation messages inline. Emits ``requested(dict)``."""

    requested = Signal(dict)

    def __init__(self, name: str, email: str, company: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rectifyDialog")
        self.setWindowTitle(tr("Rectify the account's details"))
        self._original = {"name": name, "email": email, "company": company or ""}
        self.fields: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, text in (("name", tr("&Name:")), ("email", tr("&Email:")), ("company", tr("&Company:"))):
            field = QLineEdit(self._original[key])
            field.setObjectName(f"rectify_{key}")
            label = QLabel(text)
            label.setBuddy(field)
            error = QLabel()
            error.setObjectName(f"rectify_{key}_error")
            error.setTextFormat(Qt.TextFormat.PlainText)
            error.setWordWrap(True)
            error.setStyleSheet(f"color: {theme.current().bad}; font-weight: bold;")
            error.hide()
            form.addRow(label, field)
            form.addRow("", error)
            self.fields[key] = field
            self.errors[key] = error
            field.textEdited.connect(self._clear_error)
        self.error = QLabel()
        self.error.setObjectName("rectifyError")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {theme.current().bad}; font-weight: bold;")
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def changes(self) -> dict[str, str]:
        return {k: f.text() for k, f in self.fields.items() if f.text() != self._original[k]}

    @Slot()
    def _clear_error(self) -> None:
        for error in self.errors.values():
            error.hide()
        self.error.hide()

    @Slot()
    def submit(self) -> None:
        """Validate each changed field with the core's validators; if all pass, ask for the change."""
        from minisip_console.core.validation import (
            validate_company,
            validate_email,
            validate_name,
        )

        validators = {"name": validate_name, "email": validate_email, "company": validate_company}
        changes = self.changes()
        ok = True
        for key, value in changes.items():
            try:
                validators[key](value)
            except InvalidInput as exc:
                ok = False
                self.errors[key].setText(shown(exc.message) + (f" {shown(exc.hint)}" if exc.hint else ""))
                self.errors[key].show()
        if not changes:
            self.show_error(tr("Nothing changed."))
            return
        if ok:
            self.requested.emit(changes)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()


# --------------------------------------------------------------------------- file preview


class FilePreview(QDialog):
    """An opened file, in the app: text read-only, an image as a pixmap, audio as its metadata."""

    def __init__(self, opened: OpenedFile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filePreview")
        meta = opened.metadata
        self.setWindowTitle(tr("{file} — account {id}").format(file=meta.filename, id=meta.account_id))
        layout = QVBoxLayout(self)
        facts = tr("{file} · {type} · {size} bytes · uploaded {time}").format(
            file=meta.filename,
            type=meta.content_type,
            size=formatting.number(meta.size_bytes),
            time=formatting.timestamp(meta.uploaded_at),
        )
        if not opened.intact:
            facts += tr(" · WARNING: the content does not match its recorded SHA-256")
        info = QLabel(facts)
        info.setTextFormat(Qt.TextFormat.PlainText)
        info.setWordWrap(True)
        layout.addWidget(info)
        self.view: QWidget
        if opened.kind == "text":
            text = QPlainTextEdit(opened.text())
            text.setReadOnly(True)
            text.setObjectName("previewText")
            text.setAccessibleName(tr("Content of {file}").format(file=meta.filename))
            self.view = text
        elif opened.kind == "image":
            pixmap = QPixmap()
            label = QLabel()
            label.setObjectName("previewImage")
            if pixmap.loadFromData(opened.content):
                label.setPixmap(pixmap)
            else:
                label.setText(tr("The image could not be decoded."))
            scroll = QScrollArea()
            scroll.setWidget(label)
            scroll.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.view = label
            layout.addWidget(scroll, 1)
        else:
            if opened.audio is not None:
                a = opened.audio
                text_ = tr(
                    "Audio: {channels} channel(s), {rate:,} Hz, {bits}-bit, "
                    "{frames:,} frames ({seconds:.1f} s). The console does not play recordings."
                ).format(channels=a.channels, rate=a.sample_rate, bits=a.sample_width_bits, frames=a.frames, seconds=a.seconds)
            elif opened.kind == "audio":
                text_ = tr("Audio in a format the console cannot read; no preview.")
            else:
                text_ = tr("No preview for this kind of file.")
            label = QLabel(text_)
            label.setObjectName("previewAudio")
            label.setWordWrap(True)
            self.view = label
        if opened.kind != "image":
            layout.addWidget(self.view, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 480)


# --------------------------------------------------------------------------- the window


class AccountDetailsWindow(QWidget):
    """The details of one account (a top-level, non-modal window)."""

    loaded = Signal(object)  # AccountDetails
    #: a core refusal or failure shown in the message line (tests wait on it)
    failed = Signal(str)
    file_opened = Signal(object)  # OpenedFile
    rectified = Signal(list)  # the fields that changed
    export_finished = Signal(object)  # ExportReceipt

    def __init__(self, database: Database, account_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        from minisip_console.core.plumbing.filestore import FileStore, default_root

        self.setObjectName("accountDetails")
        self.setWindowTitle(tr("Account {id}").format(id=account_id))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.database = database
        self.account_id = account_id
        self.store = FileStore(default_root(database.target.url))
        self.details: AccountDetails | None = None
        self.rectify_dialog: RectifyDialog | None = None
        self.preview: FilePreview | None = None
        self._load_worker: Worker | None = None
        #: the one long-action path (ui/long_action.py): opening a file and rectifying, one at a time; the export
        self.acting = LongAction(self, "accountAction")
        self.exporting = LongAction(self, "accountExport")

        self.title = QLabel(tr("Account {id}").format(id=account_id))
        self.title.setObjectName("detailsTitle")
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.grant_label = QLabel()
        self.grant_label.setObjectName("detailsGrant")
        self.grant_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message = QLabel()
        self.message.setObjectName("detailsMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()

        self.rectify_button = QPushButton(tr("&Rectify…"))
        self.rectify_button.setObjectName("rectifyButton")
        self.rectify_button.clicked.connect(self.open_rectify)
        self.export_button = QPushButton(tr("E&xport…"))
        self.export_button.setObjectName("exportButton")
        self.export_button.clicked.connect(self.choose_export)
        self.reload_button = QPushButton(tr("Re&load"))
        self.reload_button.clicked.connect(self.load)
        self.progress = QProgressBar()
        self.progress.setObjectName("exportProgress")
        self.progress.hide()
        self.cancel_button = QPushButton(tr("&Cancel export"))
        self.cancel_button.setObjectName("exportCancel")
        self.cancel_button.clicked.connect(self.cancel_export)
        self.cancel_button.hide()

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.grant_label)
        actions = QHBoxLayout()
        actions.addWidget(self.rectify_button)
        actions.addWidget(self.export_button)
        actions.addWidget(self.reload_button)
        actions.addWidget(self.progress, 1)
        actions.addWidget(self.cancel_button)
        actions.addStretch(0)

        self.sections = QTabWidget()
        self.sections.setObjectName("detailsSections")
        self.sections.setAccessibleName(tr("Account details sections"))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addLayout(actions)
        self.reasons = ReasonsLine("detailsReasons")
        layout.addWidget(self.reasons)
        layout.addWidget(self.sections, 1)
        self._set_actions_enabled(False)

        close = QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self)
        close.activated.connect(self.close)

        self._timer = QTimer(self)
        self._timer.setInterval(30_000)
        self._timer.timeout.connect(self._update_grant)
        self.resize(1000, 680)

    # ------------------------------------------------------------------ messages
    def show_error(self, text: str) -> None:
        self.message.setStyleSheet(f"color: {theme.current().bad}; font-weight: bold;")
        self.message.setText(text)
        self.message.show()
        self.failed.emit(text)

    def show_info(self, text: str) -> None:
        self.message.setStyleSheet(f"color: {theme.current().good};")
        self.message.setText(text)
        self.message.show()

    def _failure(self, failure: WorkFailure) -> None:
        if failure.known:
            self.show_error(shown(failure.message) + (f" {shown(failure.hint)}" if failure.hint else ""))
        else:
            self.show_error(
                tr("{what} failed because of a bug in the console; the details are in the crash report.").format(what=failure.what)
            )
            crash.report_failure(failure)

    def _set_actions_enabled(self, enabled: bool) -> None:
        """Rectify and Export once the details are read, and only as the core allows (``access.refusal``)."""
        from minisip_console.core.access import refusal

        rows = []
        for action, button, tip in (
            ("rectify", self.rectify_button, tr("Correct the name, email or company (audited)")),
            ("export", self.export_button, tr("Export everything held about the account to a ZIP")),
        ):
            reason: Reason = refusal(action, self.database.operator) or (None if enabled else tr("The details are still being read."))
            rows.append((button, reason, tip))
        render_actions(rows, self.reasons if enabled else None)  # while reading, the buttons wait without a line
        if not enabled:
            self.reasons.hide()

    # ------------------------------------------------------------------ loading
    @Slot()
    def load(self) -> Worker:
        from minisip_console.core.access import account_details
        from minisip_console.ui import workers
        from minisip_console.ui.workers import Worker

        worker = Worker(
            account_details, self.database.sessions, self.database.operator, self.account_id, name="account details", callbacks=False
        )
        self._load_worker = worker
        return workers.start(worker, finished=self._on_loaded, failed=self._on_load_failed)

    @Slot(object)
    def _on_loaded(self, details: AccountDetails) -> None:
        self._load_worker = None
        self.details = details
        self._fill(details)
        self._set_actions_enabled(True)
        self._update_grant()
        self._timer.start()
        self.loaded.emit(details)

    @Slot(object)
    def _on_load_failed(self, failure: WorkFailure) -> None:
        self._load_worker = None
        self._failure(failure)

    def _fill(self, d: AccountDetails) -> None:
        p = d.profile
        self.title.setText(tr("Account {id}: {name}").format(id=p.id, name=p.name))
        current = self.sections.currentIndex()
        self.sections.clear()

        profile = QWidget()
        form = QFormLayout(profile)
        self.profile_labels: dict[str, QLabel] = {}
        for key, title, value in (
            ("name", tr("Name:"), p.name),
            ("email", tr("Email:"), p.email),
            ("company", tr("Company:"), p.company or "—"),
            ("status", tr("Status:"), formatting.state(p.status)),
            ("created", tr("Created:"), formatting.timestamp(p.created_at)),
        ):
            label = QLabel(value)
            label.setObjectName(f"profile_{key}")
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(title, label)
            self.profile_labels[key] = label
        m = d.marketing
        if m is None:
            marketing = tr("Not decided: no marketing use of the name or company.")
        else:
            decided = tr("Permitted on {time}; evidence: {evidence}") if m.granted else tr("Refused on {time}; evidence: {evidence}")
            marketing = decided.format(time=formatting.timestamp(m.decided_at), evidence=m.evidence)
        self.marketing_label = QLabel(marketing)
        self.marketing_label.setObjectName("profile_marketing")
        self.marketing_label.setWordWrap(True)
        self.marketing_label.setTextFormat(Qt.TextFormat.PlainText)
        form.addRow(tr("Marketing permission:"), self.marketing_label)
        self.sections.addTab(profile, tr("&Profile"))

        configs = _table(
            [tr("ID"), tr("Kind"), tr("Name"), tr("Updated (UTC)"), tr("Settings")],
            [[c.id, formatting.state(c.kind), c.name, c.updated_at, c.settings] for c in d.configurations],
            "detailsConfigurations",
        )
        name_table(configs, tr("Configurations"), tr("One row per configuration of the account: its kind, name, last update and settings"))
        self.sections.addTab(configs, tr("Co&nfigurations ({count})").format(count=len(d.configurations)))

        files_page = QWidget()
        self.files_table = _table(
            [tr("ID"), tr("File"), tr("Type"), tr("Bytes"), tr("Uploaded (UTC)"), "SHA-256"],
            [[f.id, f.filename, f.content_type, f.size_bytes, f.uploaded_at, f.sha256] for f in d.files],
            "detailsFiles",
        )
        name_table(
            self.files_table,
            tr("Files"),
            tr("One row per file the account uploaded, by metadata only: name, type, size, upload time, SHA-256"),
        )
        self.open_button = QPushButton(tr("&Open…"))
        self.open_button.setObjectName("openFileButton")
        self.open_button.setToolTip(tr("Opening a file needs the reference of the customer's request to open it"))
        self.open_button.clicked.connect(self.ask_open_file)
        self.open_button.setEnabled(bool(d.files))
        note = QLabel(tr("Files are listed by metadata only. Opening one needs the customer's request and is audited."))
        note.setWordWrap(True)
        files_layout = QVBoxLayout(files_page)
        files_layout.addWidget(note)
        files_layout.addWidget(self.files_table, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.open_button)
        files_layout.addLayout(row)
        self.sections.addTab(files_page, tr("&Files ({count})").format(count=len(d.files)))

        mail = QSplitter(Qt.Orientation.Vertical)
        self.mail_table = _table(
            [tr("Sent (UTC)"), tr("Ticket"), tr("Direction"), tr("From"), tr("Subject")],
            [[x.sent_at, x.ticket_ref, x.direction, x.from_address, x.subject] for x in d.correspondence],
            "detailsCorrespondence",
        )
        name_table(
            self.mail_table,
            tr("Correspondence"),
            tr("One row per message with the customer: when, the ticket, the direction, the sender, the subject"),
        )
        self.mail_body = QPlainTextEdit()
        self.mail_body.setAccessibleName(tr("Message body"))
        self.mail_body.setReadOnly(True)
        self.mail_table.currentCellChanged.connect(self._show_message)
        mail.addWidget(self.mail_table)
        mail.addWidget(self.mail_body)
        self.sections.addTab(mail, tr("Corr&espondence ({count})").format(count=len(d.correspondence)))

        cdrs = _table(
            [tr("Start (UTC)"), tr("From"), tr("To"), tr("Caller ID"), tr("Duration s"), tr("Billed s"), tr("Disposition")],
            [[c.start, c.src, c.dst, c.clid, c.duration, c.billsec, c.disposition] for c in d.recent_cdrs],
            "detailsCdrs",
        )
        name_table(
            cdrs,
            tr("Recent CDRs"),
            tr("One row per recent call of the account: start, from, to, caller ID, duration, billed seconds, disposition"),
        )
        self.sections.addTab(cdrs, tr("C&DRs ({shown} of {count:,})").format(shown=len(d.recent_cdrs), count=d.cdr_count))

        disclosures = _table(
            [
                tr("Disclosed (UTC)"),
                tr("Recipient"),
                tr("Legal basis"),
                tr("Evidence"),
                tr("Data"),
                tr("Data shared"),
                tr("Export SHA-256"),
                tr("Recorded by"),
            ],
            [
                [
                    x.disclosed_at,
                    x.recipient,
                    formatting.state(x.legal_basis),
                    x.evidence,
                    ", ".join(formatting.state(c) for c in x.data_categories.split(",") if c),
                    x.data_shared,
                    x.export_sha256 or "",
                    x.recorded_by,
                ]
                for x in d.disclosures
            ],
            "detailsDisclosures",
        )
        name_table(
            disclosures,
            tr("Disclosures"),
            tr("One row per disclosure of the account's data: when, to whom, on what legal basis, what was shared"),
        )
        self.sections.addTab(disclosures, tr("D&isclosures ({count})").format(count=len(d.disclosures)))

        self.history_table = _table(
            [tr("Seq"), tr("Time (UTC)"), tr("Operator"), tr("Action"), tr("Details")],
            [[h.seq, h.occurred_at, h.operator, h.action, _details_text(h.details)] for h in d.history],
            "detailsHistory",
        )
        name_table(
            self.history_table,
            tr("Audit history"),
            tr("One row per audited event about the account: sequence, time, operator, action, details"),
        )
        self.sections.addTab(self.history_table, tr("Audit &history ({count})").format(count=len(d.history)))
        if current >= 0:
            self.sections.setCurrentIndex(min(current, self.sections.count() - 1))

    @Slot(int, int, int, int)
    def _show_message(self, row: int, _col: int, _prow: int, _pcol: int) -> None:
        if self.details is not None and 0 <= row < len(self.details.correspondence):
            self.mail_body.setPlainText(self.details.correspondence[row].body)

    @Slot()
    def _update_grant(self) -> None:
        if self.details is None:
            return
        g = self.details.grant
        from minisip_console.core.purposes import Purpose

        left = minutes_left(g)
        purpose = shown(Purpose(g.purpose).label)
        if left <= 0:
            self.grant_label.setText(tr("Access ended ({purpose}, {ticket}): request a new grant").format(purpose=purpose, ticket=g.ticket))
            self.grant_label.setStyleSheet(f"color: {theme.current().bad}; font-weight: bold;")
        else:
            self.grant_label.setText(
                tr("Access: {purpose}, {ticket}, {minutes} min left").format(purpose=purpose, ticket=g.ticket, minutes=left)
            )
            self.grant_label.setStyleSheet("")

    # ------------------------------------------------------------------ files
    def selected_file_id(self) -> int | None:
        if self.details is None:
            return None
        row = self.files_table.currentRow()
        return self.details.files[row].id if 0 <= row < len(self.details.files) else None

    @Slot()
    def ask_open_file(self) -> None:
        file_id = self.selected_file_id()
        if file_id is None and self.details is not None and self.details.files:
            file_id = self.details.files[0].id
        if file_id is None:
            return
        ref, ok = QInputDialog.getText(
            self, tr("Open an uploaded file"), tr("Reference of the customer's request to open this file (e.g. SUP-1234):")
        )
        if ok:
            self.open_file_with(file_id, ref)

    def open_file_with(self, file_id: int, customer_request_ref: str) -> Worker | None:
        from minisip_console.core.file_opening import open_file

        return self.acting.start(
            open_file,
            self.database.sessions,
            self.database.operator,
            file_id,
            customer_request_ref,
            self.store,
            label="open the file",
            done=self._on_file_opened,
            failed=self._on_action_failed,
        )

    def _on_file_opened(self, opened: OpenedFile) -> None:
        self.message.hide()
        self.preview = FilePreview(opened, self)
        self.preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.preview.show()
        self.file_opened.emit(opened)

    def _on_action_failed(self, failure: WorkFailure) -> None:
        if self.rectify_dialog is not None and self.rectify_dialog.isVisible() and failure.known:
            self.rectify_dialog.show_error(shown(failure.message) + (f" {shown(failure.hint)}" if failure.hint else ""))
        self._failure(failure)

    # ------------------------------------------------------------------ rectify
    @Slot()
    def open_rectify(self) -> RectifyDialog | None:
        if self.details is None:
            return None
        p = self.details.profile
        dialog = RectifyDialog(p.name, p.email, p.company, self)
        dialog.requested.connect(self.rectify)
        self.rectify_dialog = dialog
        dialog.open()
        return dialog

    @Slot(dict)
    def rectify(self, changes: dict[str, str]) -> Worker | None:
        from minisip_console.core.rectification import rectify

        return self.acting.start(
            rectify,
            self.database.sessions,
            self.database.operator,
            self.account_id,
            label="rectify",
            done=self._on_rectified,
            failed=self._on_action_failed,
            **changes,
        )

    def _on_rectified(self, changed: list[str]) -> None:
        if self.rectify_dialog is not None:
            self.rectify_dialog.accept()
            self.rectify_dialog.deleteLater()
            self.rectify_dialog = None
        if changed:
            self.show_info(tr("Rectified: {fields}.").format(fields=", ".join(field_names().get(f, f) for f in changed)))
        else:
            self.show_info(tr("Nothing changed."))
        self.rectified.emit(changed)
        self.load()  # show the stored values and the new history entry

    # ------------------------------------------------------------------ export
    @Slot()
    def choose_export(self) -> None:
        name = f"account-{self.account_id}-export.zip"
        path, _ = QFileDialog.getSaveFileName(self, tr("Export the customer's data"), str(Path.home() / name), tr("ZIP archives (*.zip)"))
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> Worker | None:
        """Export to ``path`` with the grant's purpose and ticket (tests call this directly)."""
        from minisip_console.core.export import export_account

        if self.details is None:
            return None
        g = self.details.grant
        worker = self.exporting.start(
            export_account,
            self.database.sessions,
            self.database.operator,
            self.account_id,
            purpose=str(g.purpose),
            ticket=g.ticket,
            out_path=path,
            store=self.store,
            label="export",
            callbacks=True,
            done=self._on_exported,
            failed=self._on_export_failed,
            progress=self._on_export_progress,
        )
        if worker is None:
            return None
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.export_button.setEnabled(False)
        self.show_info(tr("Exporting to {path}…").format(path=path))
        return worker

    @Slot()
    def cancel_export(self) -> None:
        self.exporting.cancel()

    def _on_export_progress(self, progress: Progress) -> None:
        done, total, what = progress
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
        self.progress.setFormat(f"{shown(what)} %p%" if what else "%p%")

    def _export_done(self) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        self._set_actions_enabled(self.details is not None)

    def _on_exported(self, receipt: ExportReceipt) -> None:
        self._export_done()
        self.show_info(
            tr("Exported to {path}\nSHA-256 {sha256} · {size} bytes").format(
                path=receipt.path, sha256=receipt.sha256, size=formatting.number(receipt.bytes)
            )
        )
        self.export_finished.emit(receipt)

    def _on_export_failed(self, failure: WorkFailure) -> None:
        self._export_done()
        if failure.cancelled:
            self.show_info(tr("The export was cancelled; no file was written."))
            self.failed.emit("cancelled")
            return
        self._failure(failure)

    # ------------------------------------------------------------------ closing
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.close()  # as a dialog does
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: Any) -> None:
        self._timer.stop()
        self.exporting.cancel()
        super().closeEvent(event)
