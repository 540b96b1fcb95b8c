"""The Accounts tab: every account, paged on the server, personal data masked by the core.

The search field narrows the table on the server (``AccountsSource.searched``): typing restarts
a short single-shot timer, and only when it fires is the model's source swapped, so a fast
typist costs one query, not one per key. Ctrl+F (the platform's Find key) focuses the field.

The tab runs no SQL on the GUI thread: the model counts and reads pages on workers (a search,
a status filter and a sort are each a new source the model prepares, then adopts), so the
table stays scrollable while a remote database answers.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore
from PySide6.QtCore import QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from minisip_console.core.plumbing.errors import ConsoleError
from minisip_console.ui.i18n import shown, tr
from minisip_console.ui.notifier import Notifier
from minisip_console.ui.tabs import TabPage, name_table, page_note

if TYPE_CHECKING:
    from minisip_console.core.plumbing.connection import Database
    from minisip_console.ui.table_model import VirtualTableModel

# formatting and the table model are imported when the table is first built (after the window
# is shown): nothing here may delay the first paint

log = logging.getLogger(__name__)


def mask_note() -> str:
    """The page note (a function: ``tr`` answers in the window's language only once the app runs)."""
    return tr(
        "Personal data is masked (J*** D***, j***@example.com). Open an account (Enter or double-click) and state "
        "a purpose and a ticket reference to see it: access lasts a limited time and is recorded in the audit log."
    )


def presenter_note() -> str:
    """The page note in presenter mode (ui/presenter.py): no account opens, whatever grant runs."""
    return tr(
        "Presenter mode: personal data stays masked. No account opens and no access is granted until presenter "
        "mode is turned off (View > Presenter mode)."
    )


#: the search field's placeholder in English (the field shows it through ``tr``)
SEARCH_PLACEHOLDER = "Search name, email, company or account id"
#: how long typing must pause before the search runs
SEARCH_DEBOUNCE_MS = 250

#: column widths in characters; None shares the rest. Never ResizeToContents on a million rows.
_WIDTHS: dict[str, int | None] = {"id": 8, "name": 16, "email": None, "company": None, "status": 12, "created_at": 18}


class AccountsTab(TabPage):
    #: the table painted its first rows after a database was set (start-up benchmark, tests)
    rows_shown = Signal()
    #: a search was applied to the table: the number of matching accounts (tests wait on it)
    search_applied = Signal(int)

    def __init__(self, notifier: Notifier, connect_action: QAction, parent: QWidget | None = None) -> None:
        super().__init__(notifier, connect_action, parent)
        self.what = tr("the accounts")
        self.model: VirtualTableModel | None = None
        self._waiting_for_rows = False
        #: a search was asked for and the model is still counting it (``search_applied`` when it lands)
        self._pending_search: Any = None
        self._presenting = False

    def build_content(self, content: QWidget) -> None:
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("accountsStatusFilter")
        self.status_filter.addItem(tr("All statuses"), None)
        status_label = QLabel(tr("&Status:"))
        status_label.setBuddy(self.status_filter)
        self.count_label = QLabel()
        self.count_label.setObjectName("accountsCount")
        self.count_label.setTextFormat(QtCore.Qt.TextFormat.PlainText)  # it shows the search text: never rich text
        self.search_field = QLineEdit()
        self.search_field.setObjectName("accountsSearch")
        self.search_field.setAccessibleName(tr("Search accounts"))
        placeholder = tr("Search name, email, company or account id")
        self.search_field.setPlaceholderText(placeholder)
        self.search_field.setClearButtonEnabled(True)
        find_key = QKeySequence(QKeySequence.StandardKey.Find).toString(QKeySequence.SequenceFormat.NativeText)
        self.search_field.setToolTip(f"{placeholder} ({find_key})")
        self.search_field.setMinimumWidth(self.search_field.fontMetrics().averageCharWidth() * 40)
        self.search_busy = QLabel(tr("Searching…"))
        self.search_busy.setObjectName("accountsSearchBusy")
        self.search_busy.setVisible(False)
        self._search_timer = QTimer(self)
        self._search_timer.setObjectName("accountsSearchTimer")
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self._apply_search)
        self.search_field.textChanged.connect(self._on_search_edited)  # typing, pasting and the clear button
        self.search_field.returnPressed.connect(self._apply_search)
        self._find_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        self._find_shortcut.activated.connect(self.focus_search)

        self.view = QTableView()
        self.view.setObjectName("accountsTable")
        name_table(self.view, tr("Accounts"), tr("One row per SIP account matching the search and the status filter"))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setCornerButtonEnabled(False)
        self.view.verticalHeader().hide()
        vheader = self.view.verticalHeader()
        vheader.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vheader.setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setHighlightSections(False)
        header.sectionClicked.connect(self._on_header_clicked)

        bar = QHBoxLayout()
        bar.addWidget(self.search_field, 2)
        bar.addSpacing(12)
        bar.addWidget(status_label)
        bar.addWidget(self.status_filter)
        bar.addSpacing(12)
        bar.addWidget(self.count_label)
        bar.addWidget(self.search_busy)
        bar.addStretch(1)

        layout = QVBoxLayout(content)
        self.note = page_note(presenter_note() if self._presenting else mask_note())
        layout.addWidget(self.note)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self.status_filter.currentIndexChanged.connect(self._on_filter_changed)

    def set_presenting(self, on: bool) -> None:
        """The page note says why no account opens while presenting (the window refuses it)."""
        self._presenting = on
        if self.built:
            self.note.setText(presenter_note() if on else mask_note())

    def changeEvent(self, event: QEvent) -> None:
        """A new font (presenter mode enlarges it): the columns and rows sized for it again."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and self.built:
            QTimer.singleShot(0, self, self._fit_to_font)  # once the table itself has the new font

    @Slot()
    def _fit_to_font(self) -> None:
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        if self.model is not None:
            self._size_columns()

    # -- connection
    def set_database(self, database: Database) -> None:
        """Show the accounts: the model counts them and reads the first page on a worker."""
        from minisip_console.core.accounts import STATUSES, AccountsSource
        from minisip_console.ui import formatting
        from minisip_console.ui.table_model import VirtualTableModel

        self.clear()
        self.ensure_built()
        if self.status_filter.count() == 1:
            for status in STATUSES:
                self.status_filter.addItem(formatting.state(status), status)
        model = VirtualTableModel(AccountsSource(database.sessions, login=database.operator.login), parent=self)
        model.fetch_failed.connect(self._on_fetch_failed)
        model.modelReset.connect(self._update_count)
        model.source_ready.connect(self._on_source_ready)
        self.model = model
        self.view.setModel(model)
        self._size_columns()
        self.view.horizontalHeader().setSortIndicator(*model.sort_column())
        self._update_count()
        self._waiting_for_rows = True
        # until the first rows are painted only: each viewport event the filter sees is a call
        # into Python, which waits for the interpreter lock while a worker reads (issue 14)
        self.view.viewport().installEventFilter(self)
        self.show_content()

    def clear(self) -> None:
        self._waiting_for_rows = False
        if not self.built:
            self.show_disconnected()
            return
        if self.model is not None:
            self.view.setModel(None)
            self.model.deleteLater()
            self.model = None
        self.status_filter.blockSignals(True)
        self.status_filter.setCurrentIndex(0)
        self.status_filter.blockSignals(False)
        self._search_timer.stop()
        self._pending_search = None
        self.search_busy.setVisible(False)
        self.search_field.blockSignals(True)
        self.search_field.clear()
        self.search_field.blockSignals(False)
        self.show_disconnected()

    def refresh(self) -> None:
        if self.model is not None:
            self.model.refresh()  # counted and read on a worker

    # -- view
    def _size_columns(self) -> None:
        assert self.model is not None
        header = self.view.horizontalHeader()
        char = self.view.fontMetrics().averageCharWidth()
        header.setStretchLastSection(False)
        for i, column in enumerate(self.model.columns):
            width = _WIDTHS.get(column.key, 14)
            if width is None:
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
            else:
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Interactive)
                header.resizeSection(i, width * char + 16)

    @Slot()
    def _update_count(self) -> None:
        from minisip_console.ui import formatting

        if self.model is None:
            self.count_label.clear()
            return
        if not self.model.ready and self.model.rowCount() == 0:
            self.count_label.setText(tr("Counting the accounts…"))
            return
        count = self.model.rowCount()
        shown: Any = self.model.shown_source  # the text says what the rows are, not what is being counted
        status: str | None = getattr(shown, "status", None)
        search: str | None = getattr(shown, "search", None)
        state = formatting.state(status).lower() if status else ""
        # one whole sentence for each case: the words go in another order in Chinese
        if count == 0:
            if status and search:
                text = tr("No accounts with status “{status}” matching “{search}”")
            elif status:
                text = tr("No accounts with status “{status}”")
            elif search:
                text = tr("No accounts matching “{search}”")
            else:
                text = tr("No accounts in this database")
        elif status and search:
            text = _one_or_many(
                count,
                tr("{count:,} account with status “{status}” matching “{search}”"),
                tr("{count:,} accounts with status “{status}” matching “{search}”"),
            )
        elif status:
            text = _one_or_many(count, tr("{count:,} account with status “{status}”"), tr("{count:,} accounts with status “{status}”"))
        elif search:
            text = _one_or_many(count, tr("{count:,} account matching “{search}”"), tr("{count:,} accounts matching “{search}”"))
        else:
            text = _one_or_many(count, tr("{count:,} account"), tr("{count:,} accounts"))
        self.count_label.setText(text.format(count=count, status=state, search=search))

    # -- search
    @Slot()
    def focus_search(self) -> None:
        if not self.built:
            return
        self.search_field.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    @Slot(str)
    def _on_search_edited(self, _text: str) -> None:
        self._search_timer.start()  # restarts: the search runs once typing pauses

    @Slot()
    def _apply_search(self) -> None:
        """Swap in the field's search: the model counts it and reads its first page on a worker.

        A substring search scans the table (about 1 s on 1M accounts, benchmarks/accounts_browse.py),
        so the window keeps answering meanwhile; a newer search (or filter, or sort) makes an
        older result stale, and the model drops it.
        """
        self._search_timer.stop()
        if self.model is None:
            return
        source: Any = self.model.source  # the latest asked for: keeps a filter or sort still counting
        try:
            searched = source.searched(self.search_field.text())
        except ConsoleError as exc:
            self.notifier.console_error(exc)
            return
        if searched.search == source.search:
            return
        self._pending_search = searched
        self.search_busy.setVisible(True)
        self._from_the_top()
        self.model.set_source(searched)

    def _from_the_top(self) -> None:
        """A new search, filter or sort shows its first rows: without this the view kept its scroll
        position, so after a jump far down a search showed its last matches and read their page
        too (a second scan of the table, benchmarks/accounts_browse.py). A refresh keeps it."""
        self.view.scrollToTop()

    @Slot()
    def _on_source_ready(self) -> None:
        """The model adopted a new source (a search, a filter, a sort, a refresh)."""
        model = self.model
        if model is None or model.loading:
            return  # something newer is still being counted
        self.search_busy.setVisible(False)
        if self._pending_search is not None:
            self._pending_search = None
            self.search_applied.emit(model.rowCount())

    @Slot(int)
    def _on_filter_changed(self, _index: int) -> None:
        if self.model is None:
            return
        source: Any = self.model.source
        self._from_the_top()
        self.model.set_source(source.filtered(self.status_filter.currentData()))  # counted on a worker

    @Slot(int)
    def _on_header_clicked(self, section: int) -> None:
        model = self.model
        if model is None:
            return
        header = self.view.horizontalHeader()
        column = model.columns[section]
        if not column.sortable:
            header.setSortIndicator(*model.sort_column())
            self.notifier.info(
                tr(
                    "Accounts cannot be sorted by {column}: the order would reveal masked data. Sort by ID, status or creation date."
                ).format(column=shown(column.title).lower()),
                timeout_ms=8000,
            )
            return
        key, descending = model.source.order
        descending = not descending if key == column.key else False
        order = QtCore.Qt.SortOrder.DescendingOrder if descending else QtCore.Qt.SortOrder.AscendingOrder
        self._from_the_top()
        model.sort(section, order)  # read on a worker; the indicator shows the order asked for
        header.setSortIndicator(*model.sort_column())

    @Slot(object)
    def _on_fetch_failed(self, error: ConsoleError) -> None:
        """A count or a page could not be read: the model keeps what it shows; say why."""
        if self.model is not None and not self.model.loading:
            self._pending_search = None
            self.search_busy.setVisible(False)
            self.view.horizontalHeader().setSortIndicator(*self.model.sort_column())
        self.notifier.console_error(error)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            self._waiting_for_rows
            and self.built
            and event.type() == QEvent.Type.Paint
            and self.model is not None
            and self.model.rowCount() > 0
            and watched is self.view.viewport()
        ):
            self._waiting_for_rows = False
            self.view.viewport().removeEventFilter(self)
            # after this paint has finished: the rows are on screen
            QTimer.singleShot(0, self, self._emit_rows_shown)
        return super().eventFilter(watched, event)

    @Slot()
    def _emit_rows_shown(self) -> None:
        self.rows_shown.emit()


def _one_or_many(count: int, one: str, many: str) -> str:
    """``one`` or ``many`` (both through ``tr``) for ``count``, still to be formatted."""
    return one if count == 1 else many
