"""Table models: thin adapters over rows fetched by the core.

``VirtualTableModel`` is the model for every large table (ARCHITECTURE.md, measured on 1M
rows): the row count comes from ``COUNT(*)``, rows come in pages of 500 read on demand when
the view asks for them, and the last 16 pages stay in an LRU cache. The scroll bar is true
from the start, a jump to the end reads one page, and memory stays flat. Sorting and
filtering are SQL: ``sort`` asks the source for a new order and resets; no proxy model.
Nothing in it runs SQL on the GUI thread (a remote database would freeze the window): counts
and pages are read on pool workers, and a row not read yet shows a placeholder.

``ListTableModel`` shows a short list that the core returned whole (policy versions).

Both are generic over ``core.accounts.Column`` descriptors and share the roles below.

Painting is the hot path (benchmarks/remote_gui.py): each visible cell of each paint is a call
from C++ into Python, and each such call must first take the interpreter lock, which a pool
worker reading a page may hold for milliseconds. So the cell texts of a page are formatted
once, on the worker that read it (``texts``: a tuple of strings per row), and the delegate's
questions about a cell (display, alignment, font, colours, check state, icon: seven roles) are
answered by one ``multiData`` call that looks the text up; ``flags`` is Qt's own (no Python).
"""

from __future__ import annotations

import datetime as dt
import enum
import logging
from collections import OrderedDict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
    Slot,
)

from minisip_console.core.text import Text
from minisip_console.ui import formatting
from minisip_console.ui.i18n import shown, tr

if TYPE_CHECKING:
    from minisip_console.core.accounts import Column, PageSource
    from minisip_console.ui.workers import Worker, WorkFailure

log = logging.getLogger(__name__)

ModelIndex = QModelIndex | QPersistentModelIndex

PAGE_SIZE = 500
CACHE_PAGES = 16


class Roles(enum.IntEnum):
    """The model's roles, declared once. Views and tests use these names, never numbers."""

    DISPLAY = Qt.ItemDataRole.DisplayRole
    TOOLTIP = Qt.ItemDataRole.ToolTipRole
    ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
    ROW = Qt.ItemDataRole.UserRole + 1  # the whole row: a frozen dataclass from the core
    VALUE = Qt.ItemDataRole.UserRole + 2  # the cell's raw value (int, str, datetime)


ROLE_NAMES = {
    Roles.DISPLAY: b"display",
    Roles.TOOLTIP: b"toolTip",
    Roles.ALIGNMENT: b"textAlignment",
    Roles.ROW: b"row",
    Roles.VALUE: b"value",
}

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ROW = int(Roles.ROW)
_VALUE = int(Roles.VALUE)


def display(column: Column, value: Any) -> str:
    """A cell's text (on a pool thread: ``QCoreApplication.translate`` is thread-safe)."""
    if value is None:
        return shown(column.placeholder)
    if column.kind == "int":
        return str(value)
    if column.kind == "count" and isinstance(value, int):
        return f"{value:,}"
    if column.kind == "datetime" and isinstance(value, dt.datetime):
        return formatting.timestamp(value)
    if column.kind == "date" and isinstance(value, dt.date):
        return formatting.date(value)
    if column.kind == "status":
        return formatting.state(str(value))
    if column.kind == "bool":
        return formatting.yes_no(value)
    return shown(value) if isinstance(value, Text) else str(value)


def alignment(column: Column) -> int:
    return _RIGHT if column.kind in ("int", "count") else _LEFT


def texts(columns: Sequence[Column], rows: Sequence[Any]) -> tuple[tuple[str, ...], ...]:
    """Each row's cell texts (``display``), formatted once: plain work for a pool thread."""
    keys = [(column, column.key) for column in columns]
    return tuple(tuple(display(column, getattr(row, key)) for column, key in keys) for row in rows)


class _ColumnsModel(QAbstractTableModel):
    """What both models share: columns, header, roles, cell formatting."""

    def __init__(self, columns: Sequence[Column], parent: Any = None) -> None:
        super().__init__(parent)
        self._set_columns(columns)
        #: a subclass that answers data() itself is asked through data(), one role at a time
        self._own_data = type(self).data not in (_ColumnsModel.data, VirtualTableModel.data, ListTableModel.data)

    def _set_columns(self, columns: Sequence[Column]) -> None:
        self._columns: tuple[Column, ...] = tuple(columns)
        self._alignments = tuple(alignment(column) for column in self._columns)
        # a column's title and tooltip may be core Texts: translated once here
        self._titles = tuple(shown(column.title) for column in self._columns)
        self._tooltips = tuple(shown(column.tooltip) if column.tooltip else None for column in self._columns)
        #: a datetime column's cells show local time; hovering one shows it in UTC (``_tooltip``)
        self._datetimes = tuple(column.kind == "datetime" for column in self._columns)

    @property
    def columns(self) -> tuple[Column, ...]:
        return self._columns

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._columns)

    def roleNames(self) -> dict[int, QByteArray]:
        return {int(role): QByteArray(name) for role, name in ROLE_NAMES.items()}

    # flags(): QAbstractTableModel's own (enabled, selectable, no children) answers without Python

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self._columns):
                return None
            if role == Roles.DISPLAY:
                return self._titles[section]
            if role == Roles.TOOLTIP:
                return self._tooltips[section]
            if role == Roles.ALIGNMENT:
                return self._alignments[section]
            return None
        if role == Roles.DISPLAY:
            return str(section + 1)
        return None

    def row_at(self, row: int) -> Any:  # pragma: no cover - overridden
        raise NotImplementedError

    def _text(self, row: int, column: int) -> str | None:  # pragma: no cover - overridden
        """The cell's display text (a row not read yet: its placeholder, or None)."""
        raise NotImplementedError

    def _tooltip(self, row: int, column: int) -> str | None:
        """The column's tooltip; over a time (shown local), that time in UTC first."""
        if self._datetimes[column]:
            item = self.row_at(row)
            value = getattr(item, self._columns[column].key) if item is not None else None
            if isinstance(value, dt.datetime):
                return "\n".join(t for t in (formatting.utc_tooltip(value), self._tooltips[column]) if t)
        return self._tooltips[column]

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        column = index.column()
        if not 0 <= column < len(self._columns) or not index.isValid():
            return None
        if role == _DISPLAY:
            return self._text(index.row(), column)
        if role == _ALIGNMENT:
            return self._alignments[column]
        if role == _TOOLTIP:
            return self._tooltip(index.row(), column)
        if role != _ROW and role != _VALUE:
            return None
        item = self.row_at(index.row())
        if item is None or role == _ROW:
            return item
        return getattr(item, self._columns[column].key)

    def multiData(self, index: ModelIndex, roleDataSpan: Any) -> None:
        """All the roles a delegate asks for a cell, in one call from C++ (one interpreter lock).

        Only display and alignment have values for a cell (tooltips, rows and raw values are
        asked one at a time, through ``data``); the other roles stay unset (no value)."""
        if self._own_data:
            super().multiData(index, roleDataSpan)  # data() per role: the subclass's answers
            return
        column = index.column()
        if not 0 <= column < len(self._columns) or not index.isValid():
            return
        for item in roleDataSpan:
            role = item.role()
            if role == _DISPLAY:
                text = self._text(index.row(), column)
                if text is not None:
                    item.setData(text)
            elif role == _ALIGNMENT:
                item.setData(self._alignments[column])
            elif role == _TOOLTIP:
                item.setData(self._tooltip(index.row(), column))
            elif role == _ROW or role == _VALUE:
                item.setData(self.data(index, role))


class Prepared:
    """A source with its count and first page, fetched off the GUI thread (``prepare``)."""

    __slots__ = ("source", "count", "first_page", "first_texts")

    def __init__(
        self, source: PageSource[Any], count: int, first_page: tuple[Any, ...], first_texts: tuple[tuple[str, ...], ...] | None = None
    ) -> None:
        self.source = source
        self.count = count
        self.first_page = first_page
        #: the first page's cell texts (``texts``); None: formatted when adopted
        self.first_texts = first_texts


def prepare(source: PageSource[Any], page_size: int = PAGE_SIZE) -> Prepared:
    """Count and fetch the first page, formatted: plain work for a pool thread (a search scans the table)."""
    count = source.count()
    rows = tuple(source.fetch(0, page_size)) if count else ()
    return Prepared(source, count, rows, texts(source.columns, rows))


class _Page:
    """A page's rows and their cell texts (``texts``), read and formatted on a pool thread."""

    __slots__ = ("rows", "texts")

    def __init__(self, rows: tuple[Any, ...], texts: tuple[tuple[str, ...], ...]) -> None:
        self.rows = rows
        self.texts = texts


_EMPTY = _Page((), ())


def _fetch_page(source: PageSource[Any], offset: int, limit: int) -> _Page:
    """One page, formatted: plain work for a pool thread."""
    rows = tuple(source.fetch(offset, limit))
    return _Page(rows, texts(source.columns, rows))


class VirtualTableModel(_ColumnsModel):
    """A virtual, server-side-paged model over a ``PageSource``; it never runs SQL on the GUI thread.

    - The count and the first page of a source (the first one, and each new order, filter or
      search: ``set_source``, ``sort``, ``refresh``) are read by ``prepare`` on a pool worker;
      the rows shown stay those of the previous source until the new one arrives, then the
      model resets (``source_ready``). ``source`` is the latest source asked for, so a sort
      after a filter keeps the filter even while the filter is still counting. ``adopt``
      swaps in a source a tab prepared itself.
    - ``data()`` for a row whose page is not cached returns a placeholder ("Loading…" in the
      first column, nothing elsewhere; ``row_at`` gives None) and queues the page. Queued
      pages are started on the event loop's next turn, the most recently asked first, at most
      ``MAX_IN_FLIGHT`` at a time; only the ``MAX_QUEUED`` most recently asked wait, so the
      pages a fast scroll went past are never read. One request per page. When a page
      arrives it enters the LRU (the last ``cache_pages`` pages) and ``dataChanged`` repaints
      its rows.
    - Every result carries the generation it was asked under: after a reset (a new source,
      order, filter or a refresh) late pages and counts of the old one are dropped.
    - A ``ConsoleError`` (the database went away) is reported through ``fetch_failed`` once per
      generation; the page then shows empty until ``refresh``. A programming error goes to the
      crash dialog. Nothing here raises into the view.
    """

    #: a ConsoleError while counting or fetching (the tab shows it)
    fetch_failed = Signal(object)
    #: a new source's count and first page are in (after the reset)
    source_ready = Signal()
    #: a page arrived: its number (tests and benchmarks wait on it)
    page_loaded = Signal(int)

    #: pages read at the same time (a page is one indexed query; the pool has few threads)
    MAX_IN_FLIGHT = 2
    #: pages waiting to be read; older requests (rows scrolled past) are dropped
    MAX_QUEUED = 3
    #: the first column of a row whose page is still being read (English; shown through ``tr``)
    PLACEHOLDER = "Loading…"

    def __init__(self, source: PageSource[Any], *, page_size: int = PAGE_SIZE, cache_pages: int = CACHE_PAGES, parent: Any = None) -> None:
        if page_size < 1 or cache_pages < 1:
            raise ValueError("page_size and cache_pages must be positive")
        super().__init__(source.columns, parent)
        self._placeholder = tr("Loading…")
        self.page_size = page_size
        self.cache_pages = cache_pages
        self._source = source  # the source whose rows are shown
        self._count = 0
        self._ready = False  # a count has been adopted at least once
        self._pages: OrderedDict[int, _Page] = OrderedDict()
        self._generation = 0
        self._failed_reported = False
        #: the source being prepared (the latest asked for) and its worker
        self._pending: PageSource[Any] | None = source
        self._prepare_worker: Worker | None = None
        #: page number -> its worker, for pages being read now (this generation)
        self._in_flight: dict[int, Worker] = {}
        #: pages asked for and not started, the most recently asked last
        self._queued: OrderedDict[int, None] = OrderedDict()
        self._dispatch_timer = QTimer(self)
        self._dispatch_timer.setSingleShot(True)
        self._dispatch_timer.setInterval(0)
        self._dispatch_timer.timeout.connect(self._dispatch)
        #: page numbers in the order their reads were started (diagnostics and the lazy-loading tests)
        self.fetch_log: list[int] = []
        # started on the event loop's next turn: a caller that adopts a prepared source at once
        # (the CDR tab) costs no count
        QTimer.singleShot(0, self, self._start_initial)

    # -- the source
    @property
    def source(self) -> PageSource[Any]:
        """The latest source asked for (being prepared, or shown)."""
        return self._pending if self._pending is not None else self._source

    @property
    def shown_source(self) -> PageSource[Any]:
        """The source whose rows the model holds now."""
        return self._source

    @property
    def loading(self) -> bool:
        """A new source is being counted (the rows shown are the previous source's, or none)."""
        return self._pending is not None

    @property
    def ready(self) -> bool:
        """A count has arrived and nothing newer is being prepared."""
        return self._ready and self._pending is None

    @Slot()
    def _start_initial(self) -> None:
        if self._pending is not None and self._prepare_worker is None:
            self._start_prepare(self._pending)

    def set_source(self, source: PageSource[Any]) -> None:
        """Swap in a new order, filter or search: counted on a worker, then reset (``source_ready``)."""
        self._pending = source
        self._start_prepare(source)

    def _start_prepare(self, source: PageSource[Any]) -> None:
        from minisip_console.ui import workers
        from minisip_console.ui.workers import Worker

        if self._prepare_worker is not None:
            self._prepare_worker.cancel()  # superseded: skipped if not started, its result dropped
        worker = Worker(prepare, source, self.page_size, name="count and first page", callbacks=False)
        self._prepare_worker = worker
        workers.start(worker, finished=self._on_prepared, failed=self._on_prepare_failed)

    @Slot(object)
    def _on_prepared(self, prepared: Prepared) -> None:
        worker = self._prepare_worker
        if worker is None or self.sender() is not worker.signals:
            return  # superseded by a newer source, or adopted meanwhile
        self.adopt(prepared)

    @Slot(object)
    def _on_prepare_failed(self, failure: WorkFailure) -> None:
        worker = self._prepare_worker
        if worker is None or self.sender() is not worker.signals:
            return
        self._prepare_worker = None
        self._pending = None  # the rows shown stay those of the shown source
        self._report(failure)

    def adopt(self, prepared: Prepared) -> None:
        """Swap in a source whose count and first page a worker already fetched."""
        if self._prepare_worker is not None:
            self._prepare_worker.cancel()
            self._prepare_worker = None
        self._pending = None
        self.beginResetModel()
        self._generation += 1
        for worker in self._in_flight.values():
            worker.cancel()
        self._in_flight.clear()
        self._queued.clear()
        self._source = prepared.source
        self._set_columns(prepared.source.columns)
        self._count = prepared.count
        self._pages.clear()
        if prepared.first_page:
            first_texts = prepared.first_texts
            if first_texts is None or len(first_texts) != len(prepared.first_page):
                first_texts = texts(self._columns, prepared.first_page)
            self._pages[0] = _Page(prepared.first_page, first_texts)
        self._failed_reported = False
        self._ready = True
        self.endResetModel()
        self.source_ready.emit()

    def refresh(self) -> None:
        """Count and read the first page again (a worker), then reset."""
        self.set_source(self.source)

    def _report(self, failure: WorkFailure) -> None:
        if failure.cancelled:
            return
        if not failure.known:
            from minisip_console.ui import crash

            crash.report_failure(failure)
            return
        if not self._failed_reported:
            self._failed_reported = True
            self.fetch_failed.emit(failure.error)

    # -- paging
    @property
    def cached_pages(self) -> tuple[int, ...]:
        """Page numbers in the cache, least recently used first."""
        return tuple(self._pages)

    def is_loaded(self, row: int) -> bool:
        """The row's page is in the cache (its data is shown, not a placeholder)."""
        return 0 <= row < self._count and row // self.page_size in self._pages

    def _request(self, number: int) -> None:
        if number in self._in_flight:
            return
        self._queued[number] = None
        self._queued.move_to_end(number)
        while len(self._queued) > self.MAX_QUEUED:
            self._queued.popitem(last=False)  # asked before the rows scrolled past: never read
        if not self._dispatch_timer.isActive():
            self._dispatch_timer.start()

    @Slot()
    def _dispatch(self) -> None:
        from minisip_console.ui import workers
        from minisip_console.ui.workers import Worker

        while self._queued and len(self._in_flight) < self.MAX_IN_FLIGHT:
            number, _ = self._queued.popitem(last=True)  # the most recently asked first
            if number in self._pages or number in self._in_flight:
                continue
            worker = Worker(_fetch_page, self._source, number * self.page_size, self.page_size, name=f"page {number}", callbacks=False)
            self._in_flight[number] = worker
            self.fetch_log.append(number)
            workers.start(worker, finished=self._on_page, failed=self._on_page_failed)

    def _page_of_sender(self) -> int | None:
        sender = self.sender()
        for number, worker in self._in_flight.items():
            if worker.signals is sender:
                return number
        return None  # an earlier generation's page: dropped

    @Slot(object)
    def _on_page(self, page: _Page) -> None:
        number = self._page_of_sender()
        if number is None:
            return
        del self._in_flight[number]
        self._store(number, page)
        self._dispatch()

    @Slot(object)
    def _on_page_failed(self, failure: WorkFailure) -> None:
        number = self._page_of_sender()
        if number is None:
            return
        del self._in_flight[number]
        if not failure.cancelled:
            log.warning("cannot fetch page %d: %s", number, failure.message)
            self._store(number, _EMPTY)  # shown empty until a refresh: not read again and again
            self._report(failure)
        self._dispatch()

    def _store(self, number: int, page: _Page) -> None:
        self._pages[number] = page
        while len(self._pages) > self.cache_pages:
            self._pages.popitem(last=False)
        first = number * self.page_size
        last = min(first + self.page_size, self._count) - 1
        if last >= first and self._columns:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(self._columns) - 1))
        self.page_loaded.emit(number)

    def _row(self, row: int, *, request: bool) -> Any:
        if not 0 <= row < self._count:
            return None
        number, offset = divmod(row, self.page_size)
        page = self._pages.get(number)
        if page is None:
            if request:
                self._request(number)
            return None
        self._pages.move_to_end(number)
        rows = page.rows
        return rows[offset] if offset < len(rows) else None  # rows deleted since the count

    def row_at(self, row: int) -> Any:
        """The row if its page is cached, else None (and its page is queued). Never SQL."""
        return self._row(row, request=True)

    def _text(self, row: int, column: int) -> str | None:
        if not 0 <= row < self._count:
            return None
        number, offset = divmod(row, self.page_size)
        page = self._pages.get(number)
        if page is None:
            self._request(number)
            return self._placeholder if column == 0 else ""
        self._pages.move_to_end(number)
        cells = page.texts
        return cells[offset][column] if offset < len(cells) else None  # rows deleted since the count

    # -- Qt
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self._count

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns) or not self._columns[column].sortable:
            return
        key = self._columns[column].key
        descending = order == Qt.SortOrder.DescendingOrder
        source = self.source
        if source.order == (key, descending):
            return
        self.set_source(source.ordered(key, descending))

    def sort_column(self) -> tuple[int, Qt.SortOrder]:
        key, descending = self.source.order
        for i, column in enumerate(self._columns):
            if column.key == key:
                return i, Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        return -1, Qt.SortOrder.AscendingOrder


class ListTableModel(_ColumnsModel):
    """A short list of frozen rows held whole (tens of rows, never a large table)."""

    def __init__(self, columns: Sequence[Column], rows: Sequence[Any] = (), parent: Any = None) -> None:
        super().__init__(columns, parent)
        self._rows: tuple[Any, ...] = tuple(rows)
        self._texts = texts(self._columns, self._rows)

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self._texts = texts(self._columns, self._rows)
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def _text(self, row: int, column: int) -> str | None:
        return self._texts[row][column] if 0 <= row < len(self._texts) else None

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)
