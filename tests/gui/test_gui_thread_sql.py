"""No SQL on the GUI thread: the accounts table (scroll far, sort, filter, search) and connecting
the main window run every statement, and open every connection, on workers.

A remote database turns each database call on the GUI thread into a freeze (ARCHITECTURE.md);
these tests fail on the first statement executed, or connection opened, by the main thread.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtGui import QAction

from minisip_console.core.plumbing.connection import Database, open_database, resolve
from minisip_console.ui import workers
from minisip_console.ui.accounts.tab import AccountsTab
from minisip_console.ui.connecting import ConnectRequest
from minisip_console.ui.main_window import MainWindow, State
from minisip_console.ui.notifier import Notifier
from tests.gui.conftest import build_database

TIMEOUT = 20_000


@pytest.fixture
def gui_thread_sql() -> Iterator[list[str]]:
    """The statements executed (and connections opened, as ``connect``) on the main thread while the test runs.

    Listens on every engine (SQLAlchemy's class-level events), so the engines a worker creates
    while connecting are watched too."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine
    from sqlalchemy.pool import Pool

    seen: list[str] = []

    def on_execute(conn, cursor, statement, parameters, context, executemany) -> None:  # type: ignore[no-untyped-def]
        if threading.current_thread() is threading.main_thread():
            seen.append(statement)

    def on_connect(dbapi_connection, connection_record) -> None:  # type: ignore[no-untyped-def]
        if threading.current_thread() is threading.main_thread():
            seen.append("connect")

    event.listen(Engine, "before_cursor_execute", on_execute)
    event.listen(Pool, "connect", on_connect)
    try:
        yield seen
    finally:
        event.remove(Engine, "before_cursor_execute", on_execute)
        event.remove(Pool, "connect", on_connect)


def _listed(statements: list[str]) -> str:
    return "SQL on the GUI thread:\n" + "\n".join(" ".join(s.split())[:160] for s in statements)


def settle(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Every worker done and its signals delivered (a slot may start another worker: wait again)."""
    from PySide6.QtCore import QCoreApplication

    for _ in range(5):
        assert QThreadPool.globalInstance().waitForDone(TIMEOUT)
        QCoreApplication.processEvents()
        if not workers.active():
            return
    qtbot.waitUntil(lambda: not workers.active(), timeout=TIMEOUT)


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    opened = open_database(resolve(database=build_database(tmp_path / "accounts.db", accounts=3000, cdrs=0)))
    yield opened
    opened.close()


def test_the_accounts_table_never_reads_on_the_gui_thread(qtbot, database: Database, gui_thread_sql: list[str]) -> None:  # type: ignore[no-untyped-def]
    tab = AccountsTab(Notifier(), QAction("Connect…"))
    qtbot.addWidget(tab)
    tab.resize(1000, 600)
    tab.show()
    qtbot.waitExposed(tab)
    with qtbot.waitSignal(tab.rows_shown, timeout=TIMEOUT):
        tab.set_database(database)
    model = tab.model
    assert model is not None and model.rowCount() == 3000

    # scroll far: the rows on screen arrive from a worker
    tab.view.scrollTo(model.index(2500, 0))
    qtbot.waitUntil(lambda: model.is_loaded(2500) and model.index(2500, 0).data() == "2501", timeout=TIMEOUT)
    tab.view.scrollToBottom()
    qtbot.waitUntil(lambda: model.is_loaded(2999), timeout=TIMEOUT)

    # sort by id, descending (the header's click)
    with qtbot.waitSignal(model.source_ready, timeout=TIMEOUT):
        tab._on_header_clicked(0)
    assert model.source.order == ("id", True)
    tab.view.scrollToTop()
    qtbot.waitUntil(lambda: model.index(0, 0).data() == "3000", timeout=TIMEOUT)

    # a status filter
    with qtbot.waitSignal(model.source_ready, timeout=TIMEOUT):
        tab.status_filter.setCurrentIndex(tab.status_filter.findData("closed"))
    assert model.rowCount() == 750

    # a search
    with qtbot.waitSignal(tab.search_applied, timeout=TIMEOUT) as applied:
        tab.search_field.setText("jane12")
        tab._apply_search()
    assert applied.args == [len([i for i in range(1, 3001) if str(i).startswith("12") and i % 4 == 3])]  # closed: ids 3, 7, 11, ...
    tab.view.viewport().repaint()
    settle(qtbot)
    assert gui_thread_sql == [], _listed(gui_thread_sql)


def test_connecting_the_main_window_never_reads_on_the_gui_thread(qtbot, tmp_path: Path, gui_thread_sql: list[str]) -> None:  # type: ignore[no-untyped-def]
    url = build_database(tmp_path / "console.db", accounts=2000)
    gui_thread_sql.clear()  # building the database ran on this thread, before the window
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.overview_loaded, timeout=TIMEOUT):
        window.start_connect(ConnectRequest(database=url))
    assert window.state == State.CONNECTED
    accounts = window.accounts_tab
    assert accounts.model is not None
    qtbot.waitUntil(lambda: accounts.model is not None and accounts.model.ready, timeout=TIMEOUT)
    # every tab in turn, as the operator would look at them
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        window.repaint()
    window.tabs.setCurrentWidget(accounts)
    accounts.view.scrollToBottom()
    qtbot.waitUntil(lambda: accounts.model is not None and accounts.model.is_loaded(1999), timeout=TIMEOUT)
    window.refresh()
    settle(qtbot)
    assert window.grants_status is not None and window.audit_tab is not None and window.audit_tab.model is not None
    assert window.audit_tab.model.ready
    assert gui_thread_sql == [], _listed(gui_thread_sql)


def test_opening_an_account_asks_for_its_grant_on_a_worker(qtbot, tmp_path: Path, gui_thread_sql: list[str]) -> None:  # type: ignore[no-untyped-def]
    from minisip_console.ui.accounts.grant_dialog import GrantDialog

    url = build_database(tmp_path / "console.db", accounts=20)
    gui_thread_sql.clear()
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.overview_loaded, timeout=TIMEOUT):
        window.start_connect(ConnectRequest(database=url))
    view = window.accounts_tab.view
    qtbot.waitUntil(lambda: window.accounts_tab.model is not None and window.accounts_tab.model.ready, timeout=TIMEOUT)
    settle(qtbot)
    view.setFocus()
    view.setCurrentIndex(view.model().index(3, 0))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(window.grant_dialog, GrantDialog), timeout=TIMEOUT)
    assert window.grant_dialog is not None and window.grant_dialog.account_id == 4
    window.grant_dialog.reject()
    settle(qtbot)
    assert gui_thread_sql == [], _listed(gui_thread_sql)
