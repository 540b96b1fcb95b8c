"""File > Export audit report…: the menu entry, the dialog's defaults and checks, and the report
written on a worker (no SQL on the GUI thread) with its SHA-256 in the audit log."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from minisip_console.ui.connecting import ConnectRequest
from minisip_console.ui.main_window import MainWindow
from minisip_console.ui.report_dialog import ReportDialog, last_twelve_months
from tests.gui.conftest import build_database
from tests.gui.test_main_window import TIMEOUT, connect_ok


@pytest.fixture
def window(qtbot) -> MainWindow:  # type: ignore[no-untyped-def]
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


def _file_menu(window: MainWindow) -> list[str]:
    menus = {a.text(): a.menu() for a in window.menuBar().actions()}
    return [a.text() for a in menus["&File"].actions() if not a.isSeparator()]


def test_the_default_period_is_the_last_twelve_months() -> None:
    assert last_twelve_months(dt.date(2026, 12, 7)) == (dt.date(2025, 12, 8), dt.date(2026, 12, 7))
    assert last_twelve_months(dt.date(2028, 2, 29)) == (dt.date(2027, 3, 1), dt.date(2028, 2, 29))


def test_the_menu_entry_waits_for_a_connection_then_exports_on_a_worker(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, tmp_path: Path, gui_thread_sql: list[str]
) -> None:
    assert "Export audit &report…" in _file_menu(window)
    assert not window.export_report_action.isEnabled()
    assert window.export_audit_report() is None  # nothing opens without a database

    path = tmp_path / "console.db"
    connect_ok(qtbot, window, ConnectRequest(database=build_database(path)))
    assert window.export_report_action.isEnabled()
    dialog = window.export_audit_report()
    assert isinstance(dialog, ReportDialog)
    qtbot.waitExposed(dialog)
    start, end = last_twelve_months(dt.datetime.now(dt.UTC).date())
    assert dialog.date_from.date().toString("yyyy-MM-dd") == f"{start:%Y-%m-%d}"
    assert dialog.date_to.date().toString("yyyy-MM-dd") == f"{end:%Y-%m-%d}"
    assert dialog.path.text().endswith(".pdf")

    # checked in the dialog, before anything runs: a file that is not a PDF, a period backwards
    dialog.path.setText(str(tmp_path / "report.txt"))
    assert dialog.submit() is None
    assert dialog.error.isVisible() and ".pdf" in dialog.error.text()
    dialog.path.setText(str(tmp_path / "report.pdf"))
    dialog.date_from.setDate(dialog.date_to.date().addDays(1))
    assert dialog.submit() is None
    assert "after it ends" in dialog.error.text()
    assert not (tmp_path / "report.pdf").exists()

    dialog.date_from.setDate(dialog.date_to.date().addYears(-1).addDays(1))
    notices: list = []  # type: ignore[type-arg]
    window.notifier.notice.connect(notices.append)
    gui_thread_sql.clear()
    with qtbot.waitSignal(dialog.exported, timeout=TIMEOUT) as got:
        worker = dialog.submit()
        assert worker is not None
        assert not dialog.ok_button.isEnabled()  # grey while it runs
    exported = got.args[0]
    assert gui_thread_sql == []  # gathered, rendered and recorded on the worker

    written = tmp_path / "report.pdf"
    assert exported.path == written
    data = written.read_bytes()
    assert data.startswith(b"%PDF-")
    assert hashlib.sha256(data).hexdigest() == exported.sha256
    assert exported.pages >= 11  # a cover, the contents and a page per section
    assert not list(tmp_path.glob(".report.pdf.*"))  # no temporary file left beside it
    with closing(sqlite3.connect(path)) as conn:
        action, details = conn.execute("SELECT action, details FROM audit_events ORDER BY seq DESC LIMIT 1").fetchone()
    assert action == "report.exported"
    assert json.loads(details)["sha256"] == exported.sha256
    assert any(exported.sha256 in n.full_text and str(written) in n.full_text for n in notices)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=TIMEOUT)


def test_a_write_error_stays_in_the_dialog(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "console.db"
    connect_ok(qtbot, window, ConnectRequest(database=build_database(path)))
    dialog = window.export_audit_report()
    assert dialog is not None
    target = tmp_path / "taken.pdf"
    target.mkdir()  # a folder where the file should go
    dialog.path.setText(str(target))
    with qtbot.waitSignal(dialog.action.failed, timeout=TIMEOUT):
        assert dialog.submit() is not None
    assert dialog.isVisible()
    assert dialog.error.isVisible() and "folder" in dialog.error.text()
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT count(*) FROM audit_events WHERE action = 'report.exported'").fetchone() == (0,)
