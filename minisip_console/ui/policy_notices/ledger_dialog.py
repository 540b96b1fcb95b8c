"""The delivery ledger of one policy version, row by row, and the operator's decisions on it.

Filter by state; select rows; confirm ``uncertain`` ones as delivered or send them again
(``campaign.resolve_uncertain``); mark sent ones as bounced, one by one or from a CSV file
(``policy_versions.mark_bounced``/``import_bounces``). Addresses are masked (``core.ledger``).
Each decision is one short transaction, made on the GUI thread; the dialog's table is paged.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6 import QtCore
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from minisip_console.core.plumbing.errors import ConsoleError
from minisip_console.ui import theme
from minisip_console.ui.i18n import shown, tr
from minisip_console.ui.long_action import LongAction
from minisip_console.ui.policy_notices.models import delivery_state, delivery_state_title
from minisip_console.ui.tabs import error_text

if TYPE_CHECKING:
    from minisip_console.core.ledger import LedgerRow, LedgerSource
    from minisip_console.core.plumbing.connection import Database
    from minisip_console.ui.table_model import VirtualTableModel
    from minisip_console.ui.workers import Worker, WorkFailure


def _explain() -> str:
    return tr(
        "Uncertain: the message was handed to the mail server, but the console stopped before it recorded the answer. "
        "Check the mail server's log, then confirm the delivery or send it again: nothing is resent on its own. "
        "Bounced: the server accepted the message and a bounce came back later; the owners whom email did not reach need the site notice."
    )


def _column_words() -> dict[str, tuple[str, str]]:
    """The ledger's columns (``core.ledger.COLUMNS``, by key): title and tooltip in the window's language."""
    return {
        "account_id": (tr("Account"), ""),
        "owner": (tr("Owner (masked)"), ""),
        "state": (tr("State"), ""),
        "attempts": (tr("Attempts"), ""),
        "reply": (tr("Server's reply or reason"), tr("What the mail server answered, or why no message was sent")),
        "updated_at": (tr("Last change"), ""),
    }


def _ledger_model(source: LedgerSource, parent: QWidget) -> VirtualTableModel:
    """The ledger's paged model, its headers and its states in the window's language (the core's
    columns keep their English for the command line)."""
    from PySide6.QtCore import Qt

    from minisip_console.ui.table_model import VirtualTableModel

    titles = _column_words()

    class LedgerModel(VirtualTableModel):
        def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
            if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
                words = titles.get(self.columns[section].key)
                if words is not None and role == Qt.ItemDataRole.DisplayRole:
                    return words[0]
                if words is not None and role == Qt.ItemDataRole.ToolTipRole:
                    return words[1] or None
            return super().headerData(section, orientation, role)

        def _text(self, row: int, column: int) -> str | None:
            text = super()._text(row, column)
            if text and self.columns[column].key == "state":
                item = self._row(row, request=False)
                if item is not None:
                    return delivery_state_title(item.state)
            return text

    return LedgerModel(source, parent=parent)


class LedgerDialog(QDialog):
    changed = Signal(str)  # what was done (the tab reloads)

    def __init__(self, database: Database, number: str, parent: QWidget | None = None, *, source: LedgerSource | None = None) -> None:
        """``source``: the version's ledger, found on a worker (``ledger.source_for``); without it, found here."""
        from minisip_console.core import ledger

        super().__init__(parent)
        self.setObjectName("ledgerDialog")
        self.setWindowTitle(tr("Deliveries of policy version {number}").format(number=number))
        self.database, self.number = database, number
        self.source: LedgerSource = source if source is not None else ledger.source_for(database.sessions, number)
        note = QLabel(_explain())
        note.setWordWrap(True)
        note.setObjectName("ledgerNote")
        self.state = QComboBox()
        self.state.setObjectName("ledgerState")
        self.state.addItem(tr("Every state"), None)
        for s in ledger.STATES:
            self.state.addItem(delivery_state_title(s), s)
        self.state.currentIndexChanged.connect(self._filter)
        state_label = QLabel(tr("&Show:"))
        state_label.setBuddy(self.state)
        self.count = QLabel()
        self.count.setObjectName("ledgerCount")
        top = QHBoxLayout()
        top.addWidget(state_label)
        top.addWidget(self.state)
        top.addWidget(self.count, 1)

        self.view = QTableView(self)
        self.view.setObjectName("ledgerView")
        self.view.setAccessibleName(tr("Delivery ledger"))
        self.view.setAccessibleDescription(
            tr(
                "One row per account of the version's campaign: the masked owner, the delivery state, attempts, "
                "the server's reply and the last change"
            )
        )
        # the model belongs to the view: destroyed with it, never before it
        self.model: VirtualTableModel = _ledger_model(self.source, self.view)
        self.model.fetch_failed.connect(self._error)
        self.model.modelReset.connect(self._update_count)  # the model counts on a worker (a filter, a refresh)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicator(*self.model.sort_column())
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.verticalHeader().hide()
        self.view.setAlternatingRowColors(True)
        for column, width in enumerate((95, 170, 90, 75, 390, 150)):
            self.view.setColumnWidth(column, width)
        self.view.selectionModel().selectionChanged.connect(self._on_selection)

        from minisip_console.core.policy_versions import LEDGER_ACTIONS, refusal

        #: the core's answer for each of the ledger's actions (``policy_versions.refusal``): "" when allowed
        self._why_not = {a: error_text(e) if (e := refusal(a, None, database.operator)) is not None else "" for a in LEDGER_ACTIONS}
        self.delivered_button = self._button(tr("Confirm &delivered"), "ledgerDelivered", lambda: self._resolve(resend=False))
        self.resend_button = self._button(tr("Send a&gain"), "ledgerResend", lambda: self._resolve(resend=True))
        self.bounce_button = self._button(tr("Mark &bounced…"), "ledgerBounce", self._bounce)
        self.import_button = self._button(tr("&Import bounces…"), "ledgerImport", self._import)
        self.message = QLabel()
        self.message.setObjectName("ledgerMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        actions = QHBoxLayout()
        for b in (self.delivered_button, self.resend_button, self.bounce_button, self.import_button):
            actions.addWidget(b)
        actions.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        actions.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.message)
        layout.addLayout(actions)
        self.resize(1000, 560)
        #: every decision runs on the one long-action path (ui/long_action.py), one at a time
        self.writing = LongAction(self, "ledgerWrite")
        self.writing.hold_buttons(self.delivered_button, self.resend_button, self.bounce_button, self.import_button)
        self._update_count()
        self._update_buttons()

    def _button(self, text: str, name: str, slot: Any) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    # ------------------------------------------------------------------ state
    def selected(self) -> list[LedgerRow]:
        return [self.model.row_at(i.row()) for i in self.view.selectionModel().selectedRows()]

    def _update_count(self) -> None:
        n = self.model.rowCount()
        state = self.state.currentData()
        if state:
            text = (tr("{count:,} delivery {state}") if n == 1 else tr("{count:,} deliveries {state}")).format(
                count=n, state=delivery_state(state)
            )
        else:
            text = (tr("{count:,} delivery") if n == 1 else tr("{count:,} deliveries")).format(count=n)
        self.count.setText(text)

    def _on_selection(self, *_: object) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        rows = self.selected()
        uncertain = bool(rows) and all(r.state == "uncertain" for r in rows)
        sent = bool(rows) and all(r.state == "sent" for r in rows)
        for button, action, ok, why in (
            (self.delivered_button, "resolve", uncertain, tr("Select uncertain deliveries first")),
            (self.resend_button, "resolve", uncertain, tr("Select uncertain deliveries first")),
            (
                self.bounce_button,
                "bounce",
                sent,
                tr("Select sent deliveries first (a bounce comes back after the server accepted the message)"),
            ),
            (self.import_button, "bounce", True, ""),
        ):
            refused = self._why_not[action]
            button.setEnabled(ok and not refused)
            button.setToolTip(refused or ("" if ok else why))
        if hasattr(self, "writing"):
            self.writing.hold()

    def _filter(self, _index: int) -> None:
        try:
            self.model.set_source(self.source.filtered(self.state.currentData()))
        except ConsoleError as exc:
            self._error(exc)
        self._update_count()
        self._update_buttons()

    def _done(self, text: str) -> None:
        self.message.setStyleSheet("")
        self.message.setText(text)
        self.model.refresh()
        self._update_count()
        self._update_buttons()
        self.changed.emit(text)

    def _error(self, exc: ConsoleError) -> None:
        self.message.setStyleSheet(f"color: {theme.current().bad};")
        self.message.setText(shown(exc.message) + (f" {shown(exc.hint)}" if exc.hint else ""))

    def _failed(self, failure: WorkFailure) -> None:
        from minisip_console.ui import crash

        if isinstance(failure.error, ConsoleError):
            self._error(failure.error)
        else:
            self.message.setStyleSheet(f"color: {theme.current().bad};")
            self.message.setText(shown(failure.message))
        if not failure.known:
            crash.report_failure(failure)

    # ------------------------------------------------------------------ decisions (each on a worker)
    def _resolve(self, *, resend: bool) -> Worker | None:
        from minisip_console.core import campaign

        rows = self.selected()
        if resend:
            one, many = (
                tr("{count:,} uncertain delivery queued again: Send resumes the campaign and sends them."),
                tr("{count:,} uncertain deliveries queued again: Send resumes the campaign and sends them."),
            )
        else:
            one, many = (
                tr("{count:,} uncertain delivery recorded as delivered."),
                tr("{count:,} uncertain deliveries recorded as delivered."),
            )
        return self.writing.start(
            campaign.resolve_uncertain,
            self.database.sessions,
            self.database.operator,
            [r.delivery_id for r in rows],
            resend=resend,
            label="resolve uncertain deliveries",
            failed=self._failed,
            done=lambda n: self._done((one if n == 1 else many).format(count=n)),
        )

    def _bounce(self) -> None:
        rows = self.selected()
        reply, ok = QInputDialog.getText(
            self,
            tr("Mark bounced"),
            (
                tr("The bounce's reason for {count:,} delivery:") if len(rows) == 1 else tr("The bounce's reason for {count:,} deliveries:")
            ).format(count=len(rows)),
            text="550 bounced",
        )
        if ok:
            self.mark_bounced([r.account_id for r in rows], reply)

    def mark_bounced(self, account_ids: list[int], reply: str) -> Worker | None:
        from minisip_console.core import policy_versions

        return self.writing.start(
            policy_versions.mark_bounced,
            self.database.sessions,
            self.database.operator,
            self.number,
            account_ids,
            reply,
            label="mark bounced",
            done=lambda outcome: self._done(_bounce_text(outcome)),
            failed=self._failed,
        )

    def _import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Import bounces"), "", tr("CSV files (*.csv);;All files (*)"))
        if path:
            self.import_bounces(path)

    def import_bounces(self, path: str) -> Worker | None:
        from minisip_console.core import policy_versions

        return self.writing.start(
            policy_versions.import_bounces,
            self.database.sessions,
            self.database.operator,
            self.number,
            path,
            label="import bounces",
            done=lambda outcome: self._done(_bounce_text(outcome)),
            failed=self._failed,
        )


def _bounce_text(outcome: Any) -> str:
    n = len(outcome.marked)
    text = (tr("{count:,} delivery marked bounced.") if n == 1 else tr("{count:,} deliveries marked bounced.")).format(count=n)
    if outcome.skipped:
        listed = "; ".join(f"{what}: {shown(why)}" for what, why in outcome.skipped[:5])
        if len(outcome.skipped) > 5:
            skipped = tr("Skipped {listed} and {more:,} more.").format(listed=listed, more=len(outcome.skipped) - 5)
        else:
            skipped = tr("Skipped {listed}.").format(listed=listed)
        text = tr("{marked} {skipped}").format(marked=text, skipped=skipped)
    return text
