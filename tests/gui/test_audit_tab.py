"""The Audit log tab: the paged model, filters, "Verify chain" (intact, then tampered) and CSV export.

A real SQLite demo database; waits on signals only.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction
from sqlalchemy import func, select, text

from minisip_console.core.audit_list import AuditSource
from minisip_console.core.models import AuditEvent
from minisip_console.core.plumbing.connection import Database
from minisip_console.ui import theme
from minisip_console.ui.audit_log.tab import AuditTab
from minisip_console.ui.notifier import Notifier
from minisip_console.ui.table_model import Roles, VirtualTableModel
from tests.gui.test_grant_dialog import demo_template, open_demo  # noqa: F401 - the module-scoped demo fixture

TIMEOUT = 20_000


@pytest.fixture
def database(tmp_path: Path, demo_template: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:  # noqa: F811 - the fixture
    opened = open_demo(tmp_path, demo_template, "bob", monkeypatch)
    yield opened
    opened.close()


@pytest.fixture
def tab(qtbot, database: Database) -> AuditTab:  # type: ignore[no-untyped-def]
    notifier = Notifier()
    connect_action = QAction("Connect…")
    page = AuditTab(notifier, connect_action)
    qtbot.addWidget(page)
    notifier.setParent(page)
    connect_action.setParent(page)
    page.resize(1200, 700)
    page.show()
    qtbot.waitExposed(page)
    page.set_database(database)
    qtbot.waitUntil(lambda: page.model is not None and page.model.ready and page.operator_filter.count() > 1, timeout=TIMEOUT)
    return page


def _total(database: Database) -> int:
    with database.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(AuditEvent)) or 0)


def test_the_model_passes_the_model_tester(qtbot, qtmodeltester, database: Database) -> None:  # type: ignore[no-untyped-def]
    model = VirtualTableModel(AuditSource(database.sessions), page_size=7, cache_pages=2)
    qtbot.waitUntil(lambda: model.ready, timeout=TIMEOUT)  # counted on a worker
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == _total(database) > 7


def test_the_table_shows_the_newest_event_first_and_filters_in_sql(qtbot, tab: AuditTab, database: Database) -> None:  # type: ignore[no-untyped-def]
    assert tab.showing_content()
    assert tab.model is not None
    total = _total(database)
    assert tab.model.rowCount() == total
    assert tab.count_label.text() == f"{total:,} events"
    headers = [tab.model.headerData(i, Qt.Orientation.Horizontal) for i in range(tab.model.columnCount())]
    assert headers == ["Seq", "Time", "Operator", "Action", "Target", "Details"]
    first = tab.model.index(0, 0).data(Roles.ROW)
    assert first.seq == total  # newest first

    tab.operator_filter.setCurrentIndex(tab.operator_filter.findData("alice"))
    with qtbot.waitSignal(tab.filter_applied, timeout=TIMEOUT) as blocker:
        tab.apply_button.click()
    model = tab.model
    qtbot.waitUntil(lambda: all(model.is_loaded(r) for r in range(model.rowCount()) if model.index(r, 0).data()), timeout=TIMEOUT)
    rows = [tab.model.index(r, 0).data(Roles.ROW) for r in range(tab.model.rowCount())]
    assert blocker.args[0] == len(rows) > 0
    assert {r.operator for r in rows} == {"alice"}

    tab.operator_filter.setCurrentIndex(0)
    tab.account_filter.setText("abc")
    with qtbot.waitSignal(tab.notifier.notice, timeout=TIMEOUT) as notice:
        tab.apply_button.click()
    assert "is not an account id" in notice.args[0].text

    # an empty date range is refused with the core's sentence
    tab.account_filter.clear()
    tab.use_dates.setChecked(True)
    tab.since.setDate(QDate(2026, 3, 2))
    tab.until.setDate(QDate(2026, 3, 1))
    with qtbot.waitSignal(tab.notifier.notice, timeout=TIMEOUT) as notice:
        tab.apply_button.click()
    assert "date range is empty" in notice.args[0].text

    # a range far in the past matches nothing
    tab.since.setDate(QDate(2000, 1, 1))
    tab.until.setDate(QDate(2000, 1, 2))
    with qtbot.waitSignal(tab.filter_applied, timeout=TIMEOUT) as blocker:
        tab.apply_button.click()
    assert blocker.args[0] == 0


def test_verify_shows_intact_then_broken_after_tampering(qtbot, tab: AuditTab, database: Database) -> None:  # type: ignore[no-untyped-def]
    total = _total(database)
    with qtbot.waitSignal(tab.verified, timeout=TIMEOUT) as blocker:
        tab.verify_button.click()
    assert blocker.args[0].ok
    assert tab.result.text().startswith(f"Intact: {total:,} events, head {total}:")
    assert theme.current().good in tab.result.styleSheet()  # green, from the theme

    victim = total // 2
    with database.engine.begin() as conn:
        conn.execute(text("UPDATE audit_events SET operator_login = 'mallory' WHERE seq = :seq"), {"seq": victim})
    with qtbot.waitSignal(tab.verified, timeout=TIMEOUT) as blocker:
        tab.verify_button.click()
    assert not blocker.args[0].ok
    assert tab.result.text() == f"Broken at event {victim}: its content does not match its hash"
    assert theme.current().bad in tab.result.styleSheet()  # red, from the theme


def test_export_csv_writes_the_filtered_events(qtbot, tab: AuditTab, database: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "audit.csv"
    tab.action_filter.setCurrentIndex(tab.action_filter.findData("access.grant"))
    with qtbot.waitSignal(tab.exported, timeout=TIMEOUT) as blocker:
        tab.export_to(out)
    with out.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert blocker.args[0] == len(rows) > 0
    assert {r["action"] for r in rows} == {"access.grant"}
    assert dt.datetime.fromisoformat(rows[0]["occurred_at"]).tzinfo is not None
