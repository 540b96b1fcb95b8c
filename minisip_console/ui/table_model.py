"""Table models: thin adapters over rows fetched by the core.

``VirtualTableModel`` is the model for every large table (ARCHITECTURE.md, measured on 1M
rows): the row count comes from ``COUNT(*)``, rows come in pages of 500 fetched on demand
when the view asks for them, and the last 16 pages stay in an LRU cache. The scroll bar is
true from the start, a jump to the end fetches one page, and memory stays flat. Sorting and
filtering are SQL: ``sort`` asks the source for a new order and resets; no proxy model.

``ListTableModel`` shows a short list that the core returned whole (policy versions).

Both are generic over ``core.accounts.Column`` descriptors and share the roles below.
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
    Signal,
)

from minisip_console.core.errors import ConsoleError
from minisip_console.ui import formatting

if TYPE_CHECKING:
    from minisip_console.core.accounts import Column, PageSource

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


def display(column: Column, value: Any) -> str:
    if value is None:
        return column.placeholder
    if column.kind == "int":
        return str(value)
    if column.kind == "count" and isinstance(value, int):
        return f"{value:,}"
    if column.kind == "datetime" and isinstance(value, dt.datetime):
        return formatting.timestamp(value, utc_suffix=False)
    if column.kind == "date" and isinstance(value, dt.date):
        return formatting.date(value)
    if column.kind == "status":
        return formatting.state(str(value))
    if column.kind == "bool":
        return formatting.yes_no(value)
    return str(value)


class _ColumnsModel(QAbstractTableModel):
    """What both models share: columns, header, roles, cell formatting."""

    def __init__(self, columns: Sequence[Column], parent: Any = None) -> None:
        super().__init__(parent)
        self._columns: tuple[Column, ...] = tuple(columns)

    @property
    def columns(self) -> tuple[Column, ...]:
        return self._columns

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._columns)

    def roleNames(self) -> dict[int, QByteArray]:
        return {int(role): QByteArray(name) for role, name in ROLE_NAMES.items()}

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self._columns):
                return None
            column = self._columns[section]
            if role == Roles.DISPLAY:
                return column.title
            if role == Roles.TOOLTIP:
                return column.tooltip or None
            if role == Roles.ALIGNMENT:
                return _RIGHT if column.kind in ("int", "count") else _LEFT
            return None
        if role == Roles.DISPLAY:
            return str(section + 1)
        return None

    def row_at(self, row: int) -> Any:  # pragma: no cover - overridden
        raise NotImplementedError

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.column() < len(self._columns):
            return None
        column = self._columns[index.column()]
        if role == Roles.ALIGNMENT:
            return _RIGHT if column.kind in ("int", "count") else _LEFT
        if role == Roles.TOOLTIP:
            return column.tooltip or None
        if role not in (Roles.DISPLAY, Roles.ROW, Roles.VALUE):
            return None
        item = self.row_at(index.row())
        if item is None:
            return None
        if role == Roles.ROW:
            return item
        value = getattr(item, column.key)
        if role == Roles.VALUE:
            return value
        return display(column, value)


class Prepared:
    """A source with its count and first page, fetched off the GUI thread (``prepare``)."""

    __slots__ = ("source", "count", "first_page")

    def __init__(self, source: PageSource[Any], count: int, first_page: tuple[Any, ...]) -> None:
        self.source = source
        self.count = count
        self.first_page = first_page


def prepare(source: PageSource[Any], page_size: int = PAGE_SIZE) -> Prepared:
    """Count and fetch the first page: plain work for a pool thread (a search scans the table)."""
    count = source.count()
    return Prepared(source, count, tuple(source.fetch(0, page_size)) if count else ())


class VirtualTableModel(_ColumnsModel):
    """A virtual, server-side-paged model over a ``PageSource``.

    ``count()`` runs when the source is set; ``fetch(offset, limit)`` runs for a page the
    first time the view asks for one of its rows. Both run on the GUI thread: one indexed
    page is a few milliseconds (ARCHITECTURE.md: first rows 56 ms, a jump 63 ms on 1M rows).
    A ``ConsoleError`` while fetching (the database went away) is reported once through
    ``fetch_failed`` and the page shows empty until ``refresh``.
    """

    fetch_failed = Signal(object)  # ConsoleError

    def __init__(self, source: PageSource[Any], *, page_size: int = PAGE_SIZE, cache_pages: int = CACHE_PAGES, parent: Any = None) -> None:
        if page_size < 1 or cache_pages < 1:
            raise ValueError("page_size and cache_pages must be positive")
        super().__init__(source.columns, parent)
        self.page_size = page_size
        self.cache_pages = cache_pages
        self._source = source
        self._count = source.count()
        self._pages: OrderedDict[int, tuple[Any, ...]] = OrderedDict()
        self._failed_reported = False
        #: page numbers in the order they were fetched (diagnostics and the lazy-loading test)
        self.fetch_log: list[int] = []

    # -- the source
    @property
    def source(self) -> PageSource[Any]:
        return self._source

    def set_source(self, source: PageSource[Any]) -> None:
        """Swap in a new order or filter: count first (it may raise), then reset."""
        count = source.count()
        self.beginResetModel()
        self._source = source
        self._columns = tuple(source.columns)
        self._count = count
        self._pages.clear()
        self._failed_reported = False
        self.endResetModel()

    def adopt(self, prepared: Prepared) -> None:
        """Swap in a source whose count and first page a worker already fetched."""
        self.beginResetModel()
        self._source = prepared.source
        self._columns = tuple(prepared.source.columns)
        self._count = prepared.count
        self._pages.clear()
        if prepared.first_page:
            self._pages[0] = prepared.first_page
        self._failed_reported = False
        self.endResetModel()

    def refresh(self) -> None:
        self.set_source(self._source)

    # -- paging
    @property
    def cached_pages(self) -> tuple[int, ...]:
        """Page numbers in the cache, least recently used first."""
        return tuple(self._pages)

    def _page(self, number: int) -> tuple[Any, ...]:
        page = self._pages.get(number)
        if page is not None:
            self._pages.move_to_end(number)
            return page
        try:
            page = tuple(self._source.fetch(number * self.page_size, self.page_size))
        except ConsoleError as exc:
            page = ()
            if not self._failed_reported:
                self._failed_reported = True
                log.warning("cannot fetch page %d: %s", number, exc)
                self.fetch_failed.emit(exc)
        self.fetch_log.append(number)
        self._pages[number] = page
        while len(self._pages) > self.cache_pages:
            self._pages.popitem(last=False)
        return page

    def row_at(self, row: int) -> Any:
        if not 0 <= row < self._count:
            return None
        number, offset = divmod(row, self.page_size)
        page = self._page(number)
        return page[offset] if offset < len(page) else None  # rows deleted since the count

    # -- Qt
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self._count

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns) or not self._columns[column].sortable:
            return
        key = self._columns[column].key
        descending = order == Qt.SortOrder.DescendingOrder
        if self._source.order == (key, descending):
            return
        self.set_source(self._source.ordered(key, descending))

    def sort_column(self) -> tuple[int, Qt.SortOrder]:
        key, descending = self._source.order
        for i, column in enumerate(self._columns):
            if column.key == key:
                return i, Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        return -1, Qt.SortOrder.AscendingOrder


class ListTableModel(_ColumnsModel):
    """A short list of frozen rows held whole (tens of rows, never a large table)."""

    def __init__(self, columns: Sequence[Column], rows: Sequence[Any] = (), parent: Any = None) -> None:
        super().__init__(columns, parent)
        self._rows: tuple[Any, ...] = tuple(rows)

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)
