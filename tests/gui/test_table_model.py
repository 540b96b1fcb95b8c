"""The virtual table model: Qt's model checks, lazy paging, the LRU cache, SQL sorting."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QTableView

from minisip_console.core.accounts import ACCOUNT_COLUMNS, AccountRow, AccountsSource, Column
from minisip_console.core.errors import DatabaseUnavailable
from minisip_console.core.overview import PolicyVersionRow
from minisip_console.ui.table_model import ROLE_NAMES, ListTableModel, Roles, VirtualTableModel
from tests.gui.conftest import build_database


@pytest.fixture
def sessions(tmp_path: Path):  # type: ignore[no-untyped-def]
    from minisip_console.core import db

    engine = db.make_engine(build_database(tmp_path / "accounts.db", accounts=2000, cdrs=0))
    yield db.session_factory(engine)
    engine.dispose()


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


def test_qtmodeltester_accepts_the_virtual_model(qtmodeltester, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from minisip_console.core import db

    engine = db.make_engine(build_database(tmp_path / "small.db", accounts=1200, cdrs=0))
    try:
        model = VirtualTableModel(AccountsSource(db.session_factory(engine)))
        qtmodeltester.check(model)
        model.sort(0, Qt.SortOrder.DescendingOrder)  # a reset, checked again by the tester
        qtmodeltester.check(model)
    finally:
        engine.dispose()


def test_qtmodeltester_accepts_the_list_model(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    columns = (Column("number", "Version"), Column("effective_date", "Effective", "date"), Column("significant", "Significant", "bool", placeholder="Not decided"))
    rows = [PolicyVersionRow("1.0", dt.date(2024, 1, 1), True, None, ""), PolicyVersionRow("1.1", dt.date(2025, 1, 1), None, None, "")]
    model = ListTableModel(columns, rows)
    qtmodeltester.check(model)
    assert [model.index(r, 2).data() for r in range(2)] == ["Yes", "Not decided"]


def test_only_the_pages_touched_are_fetched_and_the_lru_evicts(sessions) -> None:  # type: ignore[no-untyped-def]
    source = Recording(AccountsSource(sessions))
    model = VirtualTableModel(source, page_size=100, cache_pages=3)
    assert model.rowCount() == 2000  # from COUNT(*): nothing fetched yet
    assert source.calls == []

    assert model.index(0, 0).data() == "1"
    assert model.index(99, 0).data() == "100"  # same page
    assert source.calls == [(0, 100)]

    assert model.index(1999, 0).data() == "2000"  # the far end: one page, none in between
    assert model.index(1500, 1).data() == "J*** D***"
    assert source.calls == [(0, 100), (1900, 100), (1500, 100)]
    assert model.cached_pages == (0, 19, 15)

    model.index(5, 0).data()  # page 0 is used again: now the most recent
    assert model.cached_pages == (19, 15, 0)
    model.index(700, 0).data()  # a fourth page evicts the least recently used (19)
    assert model.cached_pages == (15, 0, 7)
    assert len(source.calls) == 4
    model.index(1999, 0).data()  # evicted: fetched again
    assert source.calls[-1] == (1900, 100)
    assert model.fetch_log == [0, 19, 15, 7, 19]


def test_a_view_fetches_what_it_shows_and_jumps_to_the_end(qtbot, sessions) -> None:  # type: ignore[no-untyped-def]
    source = Recording(AccountsSource(sessions))
    model = VirtualTableModel(source, page_size=100, cache_pages=4)
    view = QTableView()
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.setModel(model)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: 0 in model.fetch_log)
    assert set(model.fetch_log) == {0}  # 2,000 rows, one page read

    view.scrollToBottom()
    qtbot.waitUntil(lambda: 19 in model.fetch_log)
    assert set(model.fetch_log) <= {0, 18, 19}  # the last screen only, nothing in between


def test_rows_are_masked_frozen_dataclasses_with_named_roles(sessions) -> None:  # type: ignore[no-untyped-def]
    model = VirtualTableModel(AccountsSource(sessions))
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


def test_sorting_and_filtering_happen_in_sql(sessions) -> None:  # type: ignore[no-untyped-def]
    source = Recording(AccountsSource(sessions))
    model = VirtualTableModel(source, page_size=100)
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert model.source.order == ("id", True)
    assert model.index(0, 0).data() == "2000"
    assert model.index(1999, 0).data() == "1"
    assert model.sort_column() == (0, Qt.SortOrder.DescendingOrder)

    model.sort(1, Qt.SortOrder.AscendingOrder)  # the masked name: refused, nothing changes
    assert model.source.order == ("id", True)

    model.sort(5, Qt.SortOrder.AscendingOrder)  # created_at: oldest first (the highest ids here)
    assert model.index(0, 0).data() == "2000"
    model.set_source(AccountsSource(sessions, status="closed"))
    assert model.rowCount() == 500
    assert {model.index(r, 4).data() for r in range(0, 500, 50)} == {"Closed"}


class Failing:
    columns = ACCOUNT_COLUMNS
    order = ("id", False)

    def count(self) -> int:
        return 1000

    def fetch(self, offset: int, limit: int) -> Sequence[Any]:
        raise DatabaseUnavailable("SQLite x.db: cannot open the file.", hint="Check the path.")

    def ordered(self, key: str, descending: bool) -> Failing:
        return self


def test_a_failed_fetch_is_reported_once_and_shows_empty(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = VirtualTableModel(Failing())  # type: ignore[arg-type]
    with qtbot.waitSignal(model.fetch_failed) as blocker:
        assert model.index(0, 0).data() is None
    assert blocker.args[0].hint == "Check the path."
    with qtbot.assertNotEmitted(model.fetch_failed):
        assert model.index(1, 0).data() is None  # the same page, cached as empty
        assert model.index(999, 0).data() is None  # another page: still reported only once


@pytest.mark.parametrize("column", [0, 4, 5], ids=["id", "status", "created"])
@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder], ids=["asc", "desc"])
def test_paging_in_every_order_reads_each_row_once(sessions, column: int, order: Qt.SortOrder) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from minisip_console.core.models import Account

    model = VirtualTableModel(AccountsSource(sessions), page_size=300)  # pages that do not divide 2,000
    model.sort(column, order)
    ids = [model.index(r, 0).data(Roles.VALUE) for r in range(model.rowCount())]
    keys = {0: (Account.id,), 4: (Account.status, Account.id), 5: (Account.created_at, Account.id)}[column]
    descending = order == Qt.SortOrder.DescendingOrder
    with sessions() as session:
        expected = session.scalars(select(Account.id).order_by(*(k.desc() if descending else k.asc() for k in keys))).all()
    assert ids == list(expected)
