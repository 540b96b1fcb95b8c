"""The virtual table model: Qt's model checks, lazy paging on workers, the LRU cache, SQL sorting.

The model never reads on the GUI thread: a test asks for rows, then waits (``qtbot``) for the
worker's page to arrive, as the view does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QTableView

from minisip_console.core.accounts import ACCOUNT_COLUMNS, AccountRow, AccountsSource, Column
from minisip_console.core.overview import PolicyVersionRow
from minisip_console.core.plumbing.errors import DatabaseUnavailable
from minisip_console.ui.table_model import ROLE_NAMES, ListTableModel, Roles, VirtualTableModel
from tests.gui.conftest import build_database

TIMEOUT = 10_000


@pytest.fixture
def sessions(tmp_path: Path):  # type: ignore[no-untyped-def]
    from minisip_console.core.plumbing import db

    engine = db.make_engine(build_database(tmp_path / "accounts.db", accounts=2000, cdrs=0))
    yield db.session_factory(engine)
    engine.dispose()


def loaded(qtbot, model: VirtualTableModel) -> VirtualTableModel:  # type: ignore[no-untyped-def]
    """Wait until the model's latest source is counted and its first page is in."""
    qtbot.waitUntil(lambda: model.ready, timeout=TIMEOUT)
    return model


def cell(qtbot, model: VirtualTableModel, row: int, column: int = 0, role: int = Roles.DISPLAY) -> Any:  # type: ignore[no-untyped-def]
    """A cell as the view sees it once its page has arrived (asked for, then waited for)."""
    index = model.index(row, column)
    if not model.is_loaded(row):
        assert index.data() == VirtualTableModel.PLACEHOLDER if column == 0 else index.data() == ""
        assert index.data(Roles.ROW) is None
        qtbot.waitUntil(lambda: model.is_loaded(row), timeout=TIMEOUT)
    return index.data(role)


@dataclass(frozen=True)
class Recording:
    """A real AccountsSource that records every fetch (offset, limit) it is asked for."""

    inner: AccountsSource
    calls: list[tuple[int, int]] = field(default_factory=list)

    @property
    def columns(self) -> Sequence[Column]:
        return self.inner.columns

    @property
    def order(self) -> tuple[str, bool]:
        return self.inner.order

    def count(self) -> int:
        return self.inner.count()

    def fetch(self, offset: int, limit: int) -> Sequence[AccountRow]:
        self.calls.append((offset, limit))
        return self.inner.fetch(offset, limit)

    def ordered(self, key: str, descending: bool) -> Recording:
        return Recording(self.inner.ordered(key, descending), self.calls)


def test_qtmodeltester_accepts_the_virtual_model(qtbot, qtmodeltester, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from minisip_console.core.plumbing import db

    engine = db.make_engine(build_database(tmp_path / "small.db", accounts=1200, cdrs=0))
    try:
        model = VirtualTableModel(AccountsSource(db.session_factory(engine)))
        qtmodeltester.check(model)  # empty while counting: still a valid model
        loaded(qtbot, model)
        qtmodeltester.check(model)  # placeholders for the pages not read yet
        with qtbot.waitSignal(model.source_ready, timeout=TIMEOUT):
            model.sort(0, Qt.SortOrder.DescendingOrder)  # a reset, checked again by the tester
        qtmodeltester.check(model)
        assert [cell(qtbot, model, r) for r in (600, 1199)] == ["600", "1"]  # pages arriving: dataChanged, checked too
    finally:
        engine.dispose()


def test_qtmodeltester_accepts_the_list_model(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    columns = (
        Column("number", "Version"),
        Column("effective_date", "Effective", "date"),
        Column("significant", "Significant", "bool", placeholder="Not decided"),
    )
    rows = [PolicyVersionRow("1.0", dt.date(2024, 1, 1), True, None, ""), PolicyVersionRow("1.1", dt.date(2025, 1, 1), None, None, "")]
    model = ListTableModel(columns, rows)
    qtmodeltester.check(model)
    assert [model.index(r, 2).data() for r in range(2)] == ["Yes", "Not decided"]


def test_only_the_pages_touched_are_fetched_and_the_lru_evicts(qtbot, sessions) -> None:  # type: ignore[no-untyped-def]
    source = Recording(AccountsSource(sessions))
    model = VirtualTableModel(source, page_size=100, cache_pages=3)
    assert model.rowCount() == 0 and model.loading  # counted on a worker, never in the constructor
    loaded(qtbot, model)
    assert model.rowCount() == 2000  # from COUNT(*), with the first page
    assert source.calls == [(0, 100)]

    assert cell(qtbot, model, 0) == "1"
    assert cell(qtbot, model, 99) == "100"  # same page
    assert source.calls == [(0, 100)]

    assert cell(qtbot, model, 1999) == "2000"  # the far end: one page, none in between
    assert cell(qtbot, model, 1500, 1) == "J*** D***"
    assert source.calls == [(0, 100), (1900, 100), (1500, 100)]
    assert model.cached_pages == (0, 19, 15)

    model.index(5, 0).data()  # page 0 is used again: now the most recent
    assert model.cached_pages == (19, 15, 0)
    cell(qtbot, model, 700)  # a fourth page evicts the least recently used (19)
    assert model.cached_pages == (15, 0, 7)
    assert len(source.calls) == 4
    assert cell(qtbot, model, 1999) == "2000"  # evicted: fetched again
    assert source.calls[-1] == (1900, 100)
    assert model.fetch_log == [19, 15, 7, 19]  # the first page came with the count


def test_a_view_fetches_what_it_shows_and_jumps_to_the_end(qtbot, sessions) -> None:  # type: ignore[no-untyped-def]
    source = Recording(AccountsSource(sessions))
    model = VirtualTableModel(source, page_size=100, cache_pages=4)
    view = QTableView()
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.setModel(model)
    view.show()
    qtbot.waitExposed(view)
    loaded(qtbot, model)
    assert view.model().index(0, 0).data() == "1"
    assert model.fetch_log == []  # 2,000 rows: the first page came with the count, nothing else read

    view.scrollToBottom()
    qtbot.waitUntil(lambda: model.is_loaded(1999), timeout=TIMEOUT)
    assert set(model.fetch_log) <= {18, 19}  # the last screen only, nothing in between
    assert {call[0] for call in source.calls} <= {0, 1800, 1900}


def test_rows_are_placeholders_until_their_page_arrives(qtbot, sessions) -> None:  # type: ignore[no-untyped-def]
    import threading

    gate = threading.Event()

    @dataclass(frozen=True)
    class Gated(Recording):
        def fetch(self, offset: int, limit: int) -> Sequence[AccountRow]:
            if offset:
                assert gate.wait(TIMEOUT / 1000)
            return super().fetch(offset, limit)

    model = loaded(qtbot, VirtualTableModel(Gated(AccountsSource(sessions)), page_size=100))
    assert model.index(1500, 0).data() == "Loading…"
    assert model.index(1500, 1).data() == ""
    assert model.index(1500, 0).data(Roles.ROW) is None and model.row_at(1500) is None
    qtbot.waitUntil(lambda: model.fetch_log == [15], timeout=TIMEOUT)
    for _ in range(3):
        model.index(1510, 0).data()  # the same page again: one request in flight, not four
    with qtbot.waitSignal(model.dataChanged, timeout=TIMEOUT) as changed:
        gate.set()
    top, bottom = changed.args[0], changed.args[1]
    assert (top.row(), top.column(), bottom.row(), bottom.column()) == (1500, 0, 1599, 5)
    assert model.index(1500, 0).data() == "1501"
    assert model.row_at(1500).id == 1501
    assert model.fetch_log == [15]


def test_pages_scrolled_past_before_they_started_are_never_read(qtbot, sessions) -> None:  # type: ignore[no-untyped-def]
    import threading

    gate = threading.Event()

    @dataclass(frozen=True)
    class Gated(Recording):
        def fetch(self, offset: int, limit: int) -> Sequence[AccountRow]:
            if offset:
                assert gate.wait(TIMEOUT / 1000)
            return super().fetch(offset, limit)

    model = loaded(qtbot, VirtualTableModel(Gated(AccountsSource(sessions)), page_size=100))
    model.index(100, 0).data()
    model.index(200, 0).data()
    qtbot.waitUntil(lambda: sorted(model.fetch_log) == [1, 2], timeout=TIMEOUT)  # both in flight (MAX_IN_FLIGHT)
    for number in range(3, 20):  # a fast drag: each page asked once, on its way down
        model.index(number * 100, 0).data()
    gate.set()
    qtbot.waitUntil(lambda: all(model.is_loaded(n * 100) for n in (17, 18, 19)), timeout=TIMEOUT)
    assert len(model.fetch_log) == 2 + VirtualTableModel.MAX_QUEUED  # the last pages asked for, not the 14 passed
    assert set(model.fetch_log[2:]) == {17, 18, 19}
    assert model.fetch_log[2] == 19  # the most recently asked first


def test_a_late_page_of_an_old_order_is_dropped(qtbot, sessions) -> None:  # type: ignore[no-untyped-def]
    import threading

    gate = threading.Event()

    @dataclass(frozen=True)
    class Gated(Recording):
        def fetch(self, offset: int, limit: int) -> Sequence[AccountRow]:
            if offset and not self.inner.descending:
                assert gate.wait(TIMEOUT / 1000)
            return super().fetch(offset, limit)

        def ordered(self, key: str, descending: bool) -> Gated:
            return Gated(self.inner.ordered(key, descending), self.calls)

    model = loaded(qtbot, VirtualTableModel(Gated(AccountsSource(sessions)), page_size=100))
    model.index(1500, 0).data()  # ascending: held at the gate
    qtbot.waitUntil(lambda: model.fetch_log == [15], timeout=TIMEOUT)
    with qtbot.waitSignal(model.source_ready, timeout=TIMEOUT):
        model.sort(0, Qt.SortOrder.DescendingOrder)
    assert cell(qtbot, model, 1500) == "500"
    with qtbot.assertNotEmitted(model.page_loaded, wait=0):
        gate.set()  # the ascending page arrives late...
        qtbot.waitUntil(lambda: (1500, 100) in source_calls(model), timeout=TIMEOUT)
        from PySide6.QtCore import QCoreApplication, QThreadPool

        assert QThreadPool.globalInstance().waitForDone(TIMEOUT)
        QCoreApplication.processEvents()  # ...its signal is delivered and ignored
    assert model.index(1500, 0).data() == "500"  # still the descending order's row


def source_calls(model: VirtualTableModel) -> list[tuple[int, int]]:
    return list(model.shown_source.calls)  # type: ignore[attr-defined]


def test_rows_are_masked_frozen_dataclasses_with_named_roles(qtbot, sessions) -> None:  # type: ignore[no-untyped-def]
    model = loaded(qtbot, VirtualTableModel(AccountsSource(sessions)))
    row = model.index(2, 0).data(Roles.ROW)
    assert isinstance(row, AccountRow)
    assert (row.name, row.email) == ("J*** D***", "j***@example.com")
    assert model.index(2, 0).data(Roles.VALUE) == 3
    assert model.index(2, 2).data(Roles.TOOLTIP) == "Masked until an access grant exists"
    assert int(model.index(2, 0).data(Roles.ALIGNMENT)) & int(Qt.AlignmentFlag.AlignRight)
    names = {bytes(v.data()) for v in model.roleNames().values()}
    assert set(ROLE_NAMES.values()) <= names
    assert model.headerData(0, Qt.Orientation.Horizontal) == "ID"
    assert model.rowCount(model.index(0, 0)) == 0  # a table: no children
    assert model.data(QModelIndex()) is None


def test_sorting_and_filtering_happen_in_sql(qtbot, sessions) -> None:  # type: ignore[no-untyped-def]
    source = Recording(AccountsSource(sessions))
    model = loaded(qtbot, VirtualTableModel(source, page_size=100))
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert model.source.order == ("id", True)  # asked for at once...
    assert model.sort_column() == (0, Qt.SortOrder.DescendingOrder)
    assert model.index(0, 0).data() == "1"  # ...the rows shown stay the old order's until it arrives
    loaded(qtbot, model)
    assert model.index(0, 0).data() == "2000"
    assert cell(qtbot, model, 1999) == "1"

    model.sort(1, Qt.SortOrder.AscendingOrder)  # the masked name: refused, nothing changes
    assert model.source.order == ("id", True) and not model.loading

    model.sort(5, Qt.SortOrder.AscendingOrder)  # created_at: oldest first (the highest ids here)
    assert loaded(qtbot, model).index(0, 0).data() == "2000"
    model.set_source(AccountsSource(sessions, status="closed"))
    assert loaded(qtbot, model).rowCount() == 500
    assert {cell(qtbot, model, r, 4) for r in range(0, 500, 50)} == {"Closed"}


class Failing:
    columns = ACCOUNT_COLUMNS
    order = ("id", False)

    def __init__(self, count: int = 1000) -> None:
        self._count = count

    def count(self) -> int:
        if self._count < 0:
            raise DatabaseUnavailable("SQLite x.db: cannot count.", hint="Check the file.")
        return self._count

    def fetch(self, offset: int, limit: int) -> Sequence[Any]:
        if offset == 0:
            return ()
        raise DatabaseUnavailable("SQLite x.db: cannot open the file.", hint="Check the path.")

    def ordered(self, key: str, descending: bool) -> Failing:
        return self


def test_a_failed_fetch_is_reported_once_and_shows_empty(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = loaded(qtbot, VirtualTableModel(Failing(), page_size=100))  # type: ignore[arg-type]
    with qtbot.waitSignal(model.fetch_failed, timeout=TIMEOUT) as blocker:
        assert model.index(100, 0).data() == "Loading…"
    assert blocker.args[0].hint == "Check the path."
    assert model.index(100, 0).data() is None  # the page is empty now: not read again and again
    with qtbot.assertNotEmitted(model.fetch_failed, wait=0):
        assert model.index(101, 0).data() is None  # the same page, cached as empty
        model.index(999, 0).data()  # another page: still reported only once
        qtbot.waitUntil(lambda: model.is_loaded(999), timeout=TIMEOUT)
        assert model.index(999, 0).data() is None


def test_a_failed_count_is_reported_and_keeps_the_rows_shown(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = loaded(qtbot, VirtualTableModel(Failing(), page_size=100))  # type: ignore[arg-type]
    with qtbot.waitSignal(model.fetch_failed, timeout=TIMEOUT) as blocker:
        model.set_source(Failing(-1))  # type: ignore[arg-type]
    assert blocker.args[0].message == "SQLite x.db: cannot count."
    assert model.rowCount() == 1000 and not model.loading  # the old source stays
    assert model.source.count() == 1000


@pytest.mark.parametrize("column", [0, 4, 5], ids=["id", "status", "created"])
@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder], ids=["asc", "desc"])
def test_paging_in_every_order_reads_each_row_once(qtbot, sessions, column: int, order: Qt.SortOrder) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from minisip_console.core.models import Account

    model = loaded(qtbot, VirtualTableModel(AccountsSource(sessions), page_size=300))  # pages that do not divide 2,000
    model.sort(column, order)
    loaded(qtbot, model)
    ids = [cell(qtbot, model, r, 0, Roles.VALUE) for r in range(model.rowCount())]
    keys = {0: (Account.id,), 4: (Account.status, Account.id), 5: (Account.created_at, Account.id)}[column]
    descending = order == Qt.SortOrder.DescendingOrder
    with sessions() as session:
        expected = session.scalars(select(Account.id).order_by(*(k.desc() if descending else k.asc() for k in keys))).all()
    assert ids == list(expected)


def _style_option(index: QModelIndex) -> Any:
    """What the view's delegate learns about a cell before painting it (one ``multiData`` call)."""
    from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

    option = QStyleOptionViewItem()
    QStyledItemDelegate().initStyleOption(option, index)
    return option


def test_the_delegate_gets_each_cells_text_and_alignment_in_one_call(qtbot, sessions) -> None:  # type: ignore[no-untyped-def]
    model = loaded(qtbot, VirtualTableModel(AccountsSource(sessions), page_size=100))
    option = _style_option(model.index(2, 0))
    assert option.text == "3"
    assert int(option.displayAlignment) & int(Qt.AlignmentFlag.AlignRight)
    assert _style_option(model.index(2, 2)).text == "j***@example.com"
    assert not int(_style_option(model.index(2, 2)).displayAlignment) & int(Qt.AlignmentFlag.AlignRight)
    # a row not read yet: its placeholder, and its page is asked for, as through data()
    assert _style_option(model.index(1500, 0)).text == VirtualTableModel.PLACEHOLDER
    assert _style_option(model.index(1500, 1)).text == ""
    qtbot.waitUntil(lambda: model.is_loaded(1500), timeout=TIMEOUT)
    assert _style_option(model.index(1500, 0)).text == "1501"
    assert _style_option(model.index(1500, 0)).text == model.index(1500, 0).data()


def test_a_subclass_that_answers_data_itself_is_still_asked(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The other tabs colour cells by overriding data(): the one-call path must not skip them."""
    import datetime as dt

    from PySide6.QtGui import QColor, QPalette

    class Coloured(ListTableModel):
        def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor("red")
            return super().data(index, role)

    columns = (Column("number", "Version"), Column("effective_date", "Effective", "date"))
    model = Coloured(columns, [PolicyVersionRow("1.0", dt.date(2024, 1, 1), True, None, "")])
    option = _style_option(model.index(0, 0))
    assert option.text == "1.0"
    assert option.palette.color(QPalette.ColorRole.Text) == QColor("red")
    assert _style_option(ListTableModel(columns, model._rows).index(0, 0)).palette.color(QPalette.ColorRole.Text) != QColor("red")
