"""The Accounts tab's search field: debounced, server-side, Ctrl+F, the match count, bad input.

Waits on signals only (``search_applied``, the notifier's ``notice``), never sleeps.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLineEdit

from minisip_console.core.plumbing.connection import Database, open_database, resolve
from minisip_console.ui.accounts.tab import SEARCH_DEBOUNCE_MS, SEARCH_PLACEHOLDER, AccountsTab
from minisip_console.ui.notifier import Notifier
from minisip_console.ui.table_model import Roles
from tests.gui.conftest import build_database

TIMEOUT = 10_000


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    # build_database: "Jane{i} Doe", jane{i}@example.com, "Acme Telephony" for odd ids; ids 1..50
    opened = open_database(resolve(database=build_database(tmp_path / "search.db", accounts=50, cdrs=0)))
    yield opened
    opened.close()


@pytest.fixture
def tab(qtbot, database: Database) -> AccountsTab:  # type: ignore[no-untyped-def]
    notifier = Notifier()
    connect_action = QAction("Connect…")
    page = AccountsTab(notifier, connect_action)
    qtbot.addWidget(page)
    notifier.setParent(page)
    connect_action.setParent(page)
    page.resize(1000, 600)
    page.show()
    qtbot.waitExposed(page)
    page.set_database(database)
    assert page.model is not None
    qtbot.waitUntil(lambda: page.model is not None and page.model.ready, timeout=TIMEOUT)  # counted on a worker
    return page


def _ids(tab: AccountsTab) -> list[int]:
    assert tab.model is not None
    return [tab.model.index(r, 0).data(Roles.ROW).id for r in range(tab.model.rowCount())]


def test_the_field_is_there_with_its_placeholder_and_clear_button(tab: AccountsTab) -> None:
    field = tab.findChild(QLineEdit, "accountsSearch")
    assert field is tab.search_field
    assert field.placeholderText() == SEARCH_PLACEHOLDER == "Search name, email, company or account id"
    assert field.isClearButtonEnabled()
    assert tab.count_label.text() == "50 accounts"


def test_typing_searches_once_after_a_pause_and_shows_the_count(qtbot, tab: AccountsTab) -> None:  # type: ignore[no-untyped-def]
    assert tab.model is not None
    counts: list[int] = []
    tab.search_applied.connect(counts.append)
    with qtbot.waitSignal(tab.search_applied, timeout=TIMEOUT) as blocker:
        qtbot.keyClicks(tab.search_field, "jane4")  # five edits...
        assert tab._search_timer.isActive() and tab._search_timer.interval() == SEARCH_DEBOUNCE_MS
        assert tab.model.rowCount() == 50  # ...and nothing searched while typing goes on
    assert counts == [11] == [blocker.args[0]]  # one search: jane4, jane40..jane49
    assert _ids(tab) == [4, *range(40, 50)]
    assert tab.count_label.text() == "11 accounts matching “jane4”"
    # the rows stay masked
    row = tab.model.index(0, 0).data(Roles.ROW)
    assert (row.name, row.email) == ("J*** D***", "j***@example.com")


def test_search_is_case_insensitive_matches_company_and_ids(qtbot, tab: AccountsTab) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(tab.search_applied, timeout=TIMEOUT):
        tab.search_field.setText("ACME tel")
    assert _ids(tab) == list(range(1, 51, 2))
    with qtbot.waitSignal(tab.search_applied, timeout=TIMEOUT):
        tab.search_field.setText("50")
    assert _ids(tab) == [50]  # the account id (and jane50@)
    with qtbot.waitSignal(tab.search_applied, timeout=TIMEOUT):
        tab.search_field.setText("100%_'; DROP TABLE accounts;--")
    assert _ids(tab) == []
    assert tab.count_label.text() == "No accounts matching “100%_'; DROP TABLE accounts;--”"


def test_the_search_keeps_the_status_filter_and_the_clear_button_resets(qtbot, tab: AccountsTab) -> None:  # type: ignore[no-untyped-def]
    assert tab.model is not None
    tab.status_filter.setCurrentIndex(tab.status_filter.findData("suspended"))  # ids 2, 6, 10, ...
    with qtbot.waitSignal(tab.search_applied, timeout=TIMEOUT):
        tab.search_field.setText("jane1")
    assert _ids(tab) == [10, 14, 18]
    assert tab.count_label.text() == "3 accounts with status “suspended” matching “jane1”"
    with qtbot.waitSignal(tab.search_applied, timeout=TIMEOUT) as blocker:
        tab.search_field.clear()  # what the clear button does
    assert blocker.args == [13]
    assert tab.count_label.text() == "13 accounts with status “suspended”"


def test_return_searches_at_once(qtbot, tab: AccountsTab) -> None:  # type: ignore[no-untyped-def]
    tab.search_field.setText("jane7")
    with qtbot.waitSignal(tab.search_applied, timeout=200) as blocker:  # well before any debounce could end
        qtbot.keyClick(tab.search_field, Qt.Key.Key_Return)
    assert blocker.args == [1]
    assert not tab._search_timer.isActive()


def test_ctrl_f_focuses_the_search_field(qtbot, tab: AccountsTab) -> None:  # type: ignore[no-untyped-def]
    tab.search_field.setText("jane")
    tab.view.setFocus()
    qtbot.waitUntil(tab.view.hasFocus, timeout=TIMEOUT)
    qtbot.keyClick(tab.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(tab.search_field.hasFocus, timeout=TIMEOUT)
    assert tab.search_field.selectedText() == "jane"  # ready to type over


def test_an_overlong_search_is_refused_with_a_message(qtbot, tab: AccountsTab) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(tab.notifier.notice, timeout=TIMEOUT) as blocker:
        tab.search_field.setText("x" * 201)
    assert "at most 200" in blocker.args[0].text
    assert tab.model is not None and tab.model.rowCount() == 50  # the table is unchanged
    assert tab.count_label.text() == "50 accounts"


def test_a_search_a_filter_and_a_sort_show_their_first_rows(qtbot, tab: AccountsTab) -> None:  # type: ignore[no-untyped-def]
    """Scrolled to the end, a new search (or filter, or sort) starts at its first row: the view used to
    keep its position and show (and read) the last matches instead."""
    bar = tab.view.verticalScrollBar()

    def scrolled_down() -> None:
        tab.view.scrollToBottom()
        assert bar.maximum() > 0 and bar.value() == bar.maximum()

    scrolled_down()
    with qtbot.waitSignal(tab.search_applied, timeout=TIMEOUT):
        tab.search_field.setText("jane")
        tab._apply_search()
    assert bar.value() == 0 and tab.view.rowAt(0) == 0
    scrolled_down()
    tab.status_filter.setCurrentIndex(tab.status_filter.findData("active"))
    qtbot.waitUntil(lambda: tab.model is not None and tab.model.ready and not tab.model.loading, timeout=TIMEOUT)
    assert bar.value() == 0
