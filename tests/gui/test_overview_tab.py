"""The Overview tab on a real demo database: first in the window, one row per promise with the core's
verdict and reason, the headline, "Go there" to the tab that acts, refreshed on a worker."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from minisip_console.core import compliance
from minisip_console.core.demo import create_demo
from minisip_console.ui.connecting import ConnectRequest
from minisip_console.ui.main_window import MainWindow
from tests.gui.test_main_window import connect_ok

TIMEOUT = 20_000


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    create_demo(url, accounts=20, cdrs=300, seed=4)
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    with qtbot.waitSignal(win.overview_tab.loaded, timeout=TIMEOUT):
        connect_ok(qtbot, win, ConnectRequest(database=url))
    return win


def test_the_overview_is_first_and_shows_the_cores_verdict_for_every_promise(window: MainWindow) -> None:
    tab = window.overview_tab
    assert window.tabs.widget(0) is tab and window.tabs.currentWidget() is tab
    assert tab.showing_content()
    expected = compliance.evaluate(window.database.sessions)  # type: ignore[union-attr]
    table = tab.table
    assert table.rowCount() == len(expected.promises)
    for row, p in enumerate(expected.promises):
        assert table.item(row, 0).text() == p.verdict.upper()
        assert table.item(row, 1).text() == p.title
        assert table.item(row, 2).text() == p.reason
        assert p.promise in table.item(row, 1).toolTip()
    assert tab.headline.text() == expected.headline
    assert "broken" in tab.headline.text()
    # the verdict is a word on a coloured cell: the broken CDR row is not coloured like a kept one
    cdr = next(r for r, p in enumerate(expected.promises) if p.key == "cdr")
    kept = next(r for r, p in enumerate(expected.promises) if p.verdict == compliance.KEPT)
    assert table.item(cdr, 0).background().color() != table.item(kept, 0).background().color()


def test_go_there_opens_the_tab_that_acts_on_the_promise(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    tab = window.overview_tab
    keys = [p.key for p in tab.result.promises]  # type: ignore[union-attr]
    button = tab.table.cellWidget(keys.index("cdr"), 4).findChild(QPushButton)
    assert button.text() == "Go to CDR retention"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.tabs.currentWidget() is window.cdr_tab
    window.tabs.setCurrentWidget(tab)
    tab.table.setFocus()
    tab.table.setCurrentCell(keys.index("deletion"), 1)
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    assert window.tabs.currentWidget() is window.deletions_tab
    window.go_to_tab("audit")
    assert window.tabs.currentWidget() is window.audit_tab


def test_refresh_reads_again_on_a_worker_and_shows_a_change(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import text

    tab = window.overview_tab
    row = [p.key for p in tab.result.promises].index("sharing")  # type: ignore[union-attr]
    assert tab.table.item(row, 0).text() == "KEPT"
    with window.database.engine.begin() as conn:  # type: ignore[union-attr]
        conn.execute(text("UPDATE disclosures SET evidence = ''"))
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        qtbot.mouseClick(tab.refresh_button, Qt.MouseButton.LeftButton)
        assert not tab.refresh_button.isEnabled()  # while the checks run
    assert tab.table.item(row, 0).text() == "BROKEN"
    assert tab.refresh_button.isEnabled()


def test_disconnecting_clears_the_overview(window: MainWindow) -> None:
    window.disconnect_database()
    assert window.overview_tab.showing_empty()
    assert window.overview_tab.result is None


@pytest.mark.mariadb
def test_a_saved_cdr_target_in_mariadb_is_counted_on_the_overview(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, mariadb_server, memory_keyring
) -> None:
    """A second place CDRs live (Asterisk's table in MariaDB, saved as a retention target) has its own
    verdict in the CDR promise's evidence and its tooltip, and in ``core.overview``'s figures."""
    import datetime as dt

    from minisip_console.core import targets
    from minisip_console.core.overview import load_overview
    from tests.support.asterisk import cdr_rows, create_cdr_table, insert_cdrs

    database = window.database
    assert database is not None
    name = mariadb_server.create_database()
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    with mariadb_server.connect(name) as conn:
        create_cdr_table(conn)
        insert_cdrs(conn, cdr_rows(12, start=now - dt.timedelta(days=50), end=now - dt.timedelta(days=40)))
        insert_cdrs(conn, cdr_rows(5, start=now - dt.timedelta(days=3), end=now - dt.timedelta(days=1)))
    with database.sessions() as session:
        from minisip_console.core.operators import identify

        admin = identify(session, "alice")
    url = mariadb_server.url(name, password=False, driver="mysql")
    targets.add(database.sessions, admin, targets.validate("pbx", url, "cdr", "calldate"), password=mariadb_server.password)

    tab = window.overview_tab
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        tab.refresh()
    assert tab.result is not None
    row = [p.key for p in tab.result.promises].index("cdr")
    assert tab.table.item(row, 0).text() == "BROKEN"
    evidence = tab.table.item(row, 3)
    assert "saved targets: pbx (broken, 12 due)" in evidence.text()
    tooltip = evidence.toolTip()
    assert tooltip.startswith(evidence.text())
    assert "Retention target pbx: BROKEN; 17 rows, 12 due for the next purge, 12 late" in tooltip
    assert "12 rows are older than 31 days" in tooltip
    # the core's overview carries it, read at the same moment as the CDRs' own table
    overview = load_overview(database.sessions)
    (pbx,) = overview.cdr_targets
    assert (pbx.target_name, pbx.verdict, pbx.total, pbx.late) == ("pbx", "broken", 17, 12)
    assert pbx.now == overview.cdr.now == overview.now
    assert [s.target_name for s in overview.cdr_all] == [None, "pbx"]
