"""The main window on real SQLite databases: connecting, the status bar, the tabs, errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from minisip_console import __version__
from minisip_console.ui import crash, workers
from minisip_console.ui.connecting import ConnectRequest
from minisip_console.ui.main_window import MainWindow, State
from minisip_console.ui.table_model import Roles
from minisip_console.ui.tabs import NOT_CONNECTED_TITLE
from minisip_console.ui.workers import Worker
from tests.gui.conftest import build_database, finish_workers

TIMEOUT = 20_000


@pytest.fixture
def window(qtbot) -> MainWindow:  # type: ignore[no-untyped-def]
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


def connect(qtbot, window: MainWindow, request: ConnectRequest) -> None:  # type: ignore[no-untyped-def]
    """Start connecting and wait until it has succeeded or failed."""
    with qtbot.waitSignal(window.state_changed, timeout=TIMEOUT, check_params_cb=lambda s: s in ("connected", "failed", "disconnected")):
        window.start_connect(request)


def connect_ok(qtbot, window: MainWindow, request: ConnectRequest) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.overview_loaded, timeout=TIMEOUT):
        connect(qtbot, window, request)
        assert window.state == State.CONNECTED, window.banner.text.text() + " " + window.banner.hint.text()


def test_disconnected_tabs_explain_themselves(window: MainWindow) -> None:
    assert window.state == State.DISCONNECTED
    assert window.status_state.text() == "Not connected"
    for tab in window._all_tabs():
        assert tab.showing_empty()
        assert tab.empty.title_text == NOT_CONNECTED_TITLE
        assert "--demo" in tab.empty.body_text
        assert tab.empty.button is not None and tab.empty.button.text() == "Connect…"
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == [
        "Overvie&w",
        "&Accounts",
        "&CDR retention",
        "&Deletion queue",
        "&Policy notices",
        "&Law enforcement",
    ]


def test_a_single_user_file_says_duties_are_not_separated(qtbot, window: MainWindow, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from minisip_console.core.operators import os_login

    url = build_database(tmp_path / "own.db", operator=(os_login(), "The Owner", "admin"), demo=False)
    connect_ok(qtbot, window, ConnectRequest(database=url))
    assert window.status_operator.text() == "Operator: The Owner"
    assert window.status_role.text() == "Role: admin (single-user file)"
    assert "file is the trust boundary" in window.status_role.toolTip()


def test_a_login_that_is_no_operator_gets_the_message_and_nothing_opens(qtbot, window: MainWindow, tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = build_database(tmp_path / "theirs.db", operator=("someone-else", "Someone Else", "admin"), demo=False)
    with qtbot.waitSignal(window.connect_failed, timeout=TIMEOUT) as blocker:
        window.start_connect(ConnectRequest(database=url))
    assert blocker.args[0].known and window.state == State.FAILED
    assert "is not a registered operator" in window.banner.text.text()
    assert "operators add" in window.banner.hint.text()
    for tab in window._all_tabs():
        assert tab.showing_empty()


def test_opens_a_real_database_and_shows_the_connection(qtbot, window: MainWindow, database_url: str) -> None:  # type: ignore[no-untyped-def]
    connect_ok(qtbot, window, ConnectRequest(database=database_url))

    assert window.status_state.text() == "Connected"
    assert window.status_profile.text() == "Profile: none (a database URL)"
    assert window.status_database.text().startswith("Database: SQLite ")
    assert window.status_operator.text() == "Operator: Test Operator"
    assert window.status_role.text() == "Role: admin (demo)"
    assert "nothing here is evidence" in window.status_role.toolTip()
    for label in (window.status_profile, window.status_database, window.status_operator, window.status_role):
        assert label.isVisible()
    assert not window.status_busy.isVisible()
    assert window.statusBar().currentMessage().startswith("Connected to SQLite")

    # Accounts: a real, masked, server-side-paged table
    tab = window.accounts_tab
    assert tab.currentWidget() is tab.content
    model = tab.model
    assert model is not None
    qtbot.waitUntil(lambda: model.ready, timeout=TIMEOUT)  # counted with its first page on a worker
    assert model.rowCount() == 50
    assert tab.count_label.text() == "50 accounts"
    row = model.index(0, 0).data(Roles.ROW)
    assert (row.id, row.name, row.email, row.company) == (1, "J*** D***", "j***@example.com", "A*** T***")
    assert model.index(1, 3).data() == ""  # no company
    assert "masked" in tab.content.findChild(type(tab.count_label), "pageNote").text()

    # CDR retention: one CDR a day for 40 days, so 10 are past 30 days
    cdr = window.cdr_tab
    assert cdr.currentWidget() is cdr.content
    assert cdr.total.text() == "40"
    assert cdr.overdue.text().startswith("10 (25% of all): the next purge deletes them")
    assert cdr.oldest.text().startswith("39 days old")
    assert "1,234 rows deleted" in cdr.last_run.text()
    # broken: older than the retention plus the daily purge's interval (31 days): 9 of the 10 past 30 days
    qtbot.waitUntil(lambda: cdr.verdict.text().startswith("Promise broken: 9 CDRs older than 31"), timeout=10_000)

    # Deletion queue: every request with its state, read on the tab's own worker
    deletions = window.deletions_tab
    qtbot.waitUntil(lambda: deletions.snapshot is not None, timeout=10_000)
    assert deletions.currentWidget() is deletions.content
    dm = deletions.model
    assert dm is not None and dm.rowCount() == 4
    assert sorted(dm.index(r, 1).data() for r in range(4)) == ["Approved", "Completed", "Received", "Received"]
    assert deletions.count_label.text() == "4 requests · 1 overdue"  # one received request is past its due date
    assert deletions.new_button.isEnabled()  # the test operator is an admin

    # Policy notices: every version, oldest number first, read by the tab on its own worker
    policies = window.policies_tab
    qtbot.waitUntil(lambda: policies.snapshot is not None and policies.details is not None, timeout=10_000)
    assert policies.currentWidget() is policies.content
    pt = policies.table
    assert pt.rowCount() == 2
    assert [pt.item(r, 0).text() for r in range(2)] == ["1.0", "1.1"]
    assert pt.item(0, 3).text() == "Significant"
    assert pt.item(1, 3).text() == "Undecided"
    assert pt.item(1, 4).text() == "Not published"
    assert pt.item(0, 4).text() != "Not published"
    assert policies.details.version.number == "1.1"  # the newest is selected, its diff against 1.0 shown
    assert policies.details.diff is not None and policies.details.diff.left == "1.0"
    assert policies.new_button.isEnabled() and policies.publish_button.isEnabled() is False  # 1.1 is undecided


def test_accounts_status_filter_and_sorting_run_in_sql(qtbot, window: MainWindow, database_url: str) -> None:  # type: ignore[no-untyped-def]
    connect_ok(qtbot, window, ConnectRequest(database=database_url))
    tab = window.accounts_tab
    assert tab.model is not None
    with qtbot.waitSignal(tab.model.source_ready, timeout=TIMEOUT):  # counted on a worker
        tab.status_filter.setCurrentIndex(tab.status_filter.findData("suspended"))
    assert tab.model.rowCount() == 13  # ids 2, 6, ... 50
    assert {tab.model.index(r, 4).data() for r in range(13)} == {"Suspended"}
    assert tab.count_label.text() == "13 accounts with status “suspended”"

    header = tab.view.horizontalHeader()
    with qtbot.waitSignal(tab.model.source_ready, timeout=TIMEOUT):
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=header.viewport().rect().topLeft() + _section_centre(header, 0))
        assert tab.model.source.order == ("id", True)
        assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder  # at once, while it is read
    assert tab.model.index(0, 0).data() == "50"  # the highest suspended id
    assert tab.count_label.text() == "13 accounts with status “suspended”"
    with qtbot.waitSignal(window.notifier.notice, timeout=TIMEOUT) as blocker:
        tab._on_header_clicked(1)  # the masked name: not sortable
    assert "reveal masked data" in blocker.args[0].text
    assert tab.model.source.order == ("id", True)


def _section_centre(header, section: int):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPoint

    return QPoint(header.sectionViewportPosition(section) + header.sectionSize(section) // 2, header.height() // 2)


def test_the_last_profile_is_used_when_nothing_is_given(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from minisip_console.core.plumbing.profiles import ProfileStore, profile_from_url

    url = build_database(tmp_path / "office.db")
    store = ProfileStore()
    store.add(profile_from_url("office", url))

    # no profile used yet: the connect dialog opens
    with qtbot.waitSignal(window.state_changed, timeout=TIMEOUT, check_params_cb=lambda s: s == "disconnected"):
        window.start_connect(ConnectRequest())
    assert window.dialog is not None and window.dialog.isVisible()
    window.dialog.reject()

    store.set_last("office")
    connect_ok(qtbot, window, ConnectRequest())
    assert window.status_profile.text() == "Profile: office"
    assert window.windowTitle() == "minisip-console — office"


@pytest.mark.parametrize(
    ("url", "message", "hint"),
    [
        ("mysql://user@localhost/db", "Unsupported database type 'mysql'.", "PostgreSQL (postgresql://) and SQLite"),
        ("sqlite:///{tmp}/nothing-here.db", "There is no SQLite database at", "minisip-console db upgrade"),
        ("postgresql://nobody@127.0.0.1:1/minisip", "cannot reach the database server", "Check the host and port"),
    ],
    ids=["unsupported", "missing-file", "unreachable"],
)
def test_a_connection_error_is_shown_and_the_window_stays(
    qtbot, window: MainWindow, tmp_path: Path, url: str, message: str, hint: str
) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.connect_failed, timeout=TIMEOUT) as blocker:
        window.start_connect(ConnectRequest(database=url.format(tmp=tmp_path)))
    assert blocker.args[0].known
    assert window.isVisible()
    assert window.state == State.FAILED
    assert window.status_state.text() == "Not connected: the connection failed"
    assert window.banner.isVisible()
    assert message in window.banner.text.text()
    assert hint in window.banner.hint.text()
    assert window.banner.property("severity") == "error"
    buttons = [b.text() for b in window.banner.findChildren(type(window.accounts_tab.empty.button), "bannerAction")]
    assert buttons == ["&Connect…"]
    assert crash.open_dialogs() == ()
    for tab in window._all_tabs():
        assert tab.showing_empty()


def test_retry_after_an_error_then_disconnect(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    connect(qtbot, window, ConnectRequest(database=f"sqlite:///{tmp_path}/later.db"))
    assert window.state == State.FAILED
    url = build_database(tmp_path / "later.db")
    connect_ok(qtbot, window, ConnectRequest(database=url))
    assert not window.banner.isVisible()  # the old error went with the new attempt
    database = window.database
    assert database is not None

    with qtbot.waitSignal(window.disconnected, timeout=TIMEOUT):
        window.disconnect_action.trigger()
    assert window.database is None
    assert window.state == State.DISCONNECTED
    assert window.status_state.text() == "Not connected"
    assert not window.status_database.isVisible()
    assert window.accounts_tab.model is None
    for tab in window._all_tabs():
        assert tab.showing_empty()
    assert not window.disconnect_action.isEnabled()


def test_a_schema_that_is_not_current_says_how_to_upgrade(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    path = tmp_path / "empty.db"
    sqlite3.connect(path).close()
    with qtbot.waitSignal(window.connect_failed, timeout=TIMEOUT):
        window.start_connect(ConnectRequest(database=f"sqlite:///{path}"))
    assert "has no minisip-console schema yet" in window.banner.text.text()
    assert "minisip-console db upgrade --database sqlite:///" in window.banner.hint.text()


def test_menus_and_shortcuts(window: MainWindow) -> None:
    menus = {a.text(): a.menu() for a in window.menuBar().actions()}
    assert list(menus) == ["&File", "&View", "&Help"]
    assert [a.text() for a in menus["&File"].actions() if not a.isSeparator()] == [
        "&Connect…",
        "&Disconnect",
        "Export audit &report…",
        "&Quit",
    ]
    assert "&About minisip-console" in [a.text() for a in menus["&Help"].actions()]
    assert "Open the &log folder" in [a.text() for a in menus["&Help"].actions()]
    assert window.connect_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Open)
    assert QKeySequence("Ctrl+Q") in window.quit_action.shortcuts()
    assert window.refresh_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Refresh)
    window.tab_actions[3].trigger()  # Ctrl+4: the Overview is Ctrl+1
    assert window.tabs.currentWidget() is window.deletions_tab
    assert window.tab_actions[0].shortcut() == QKeySequence("Ctrl+1") and window.tab_actions[0].text() == "Overview"


def test_about_names_the_version_and_the_log_folder(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    box = window.show_about()
    qtbot.addWidget(box)
    assert __version__ in box.text()
    assert "Log folder:" in box.informativeText()
    box.close()


def test_connecting_shows_a_busy_state_and_can_be_cancelled(qtbot, window: MainWindow, database_url: str) -> None:  # type: ignore[no-untyped-def]
    window.start_connect(ConnectRequest(database=database_url))
    assert window.state == State.CONNECTING
    assert window.status_state.text() == "Connecting to the database…"  # never the URL: it may hold a password
    assert window.status_busy.isVisible() and window.status_busy.maximum() == 0
    assert window.accounts_tab.currentWidget() is window.accounts_tab.busy
    window.cancel_action.trigger()
    assert window.state == State.DISCONNECTED
    assert window.status_state.text() == "Not connected: connecting was cancelled"
    # the late result is closed, not shown
    with qtbot.assertNotEmitted(window.connected, wait=0):
        from PySide6.QtCore import QThreadPool

        qtbot.waitUntil(lambda: QThreadPool.globalInstance().activeThreadCount() == 0, timeout=TIMEOUT)
        qtbot.waitUntil(lambda: not workers.active(), timeout=TIMEOUT)
    assert window.database is None


def explode() -> None:
    raise ValueError("a bug in a worker")


def test_a_worker_bug_reaches_the_crash_dialog(qtbot) -> None:  # type: ignore[no-untyped-def]
    worker = Worker(explode, callbacks=False)
    with qtbot.waitSignal(worker.signals.failed, timeout=TIMEOUT) as blocker:
        workers.start(worker)  # nobody listens to failed: the crash dialog still shows it
    failure = blocker.args[0]
    assert not failure.known and "ValueError: a bug in a worker" in failure.traceback
    qtbot.waitUntil(lambda: len(crash.open_dialogs()) == 1, timeout=TIMEOUT)
    dialog = crash.open_dialogs()[0]
    qtbot.addWidget(dialog)
    assert "a bug in a worker" in dialog.details
    dialog.close()


def test_a_receiver_must_be_a_slot_of_a_gui_object() -> None:
    with pytest.raises(TypeError, match="would run in the worker's thread"):
        workers.start(Worker(explode, callbacks=False), finished=lambda result: None)
    assert not workers.active()


@pytest.mark.postgres
@pytest.mark.parametrize("who", ["bob", "dave"])
def test_on_postgresql_the_window_works_as_the_databases_own_login(qtbot, window: MainWindow, postgres_server, who: str) -> None:  # type: ignore[no-untyped-def]
    """The window connected with an operator's own login (no superuser, no schema owner): the
    database vouches for who it is, and the accounts come masked from the database."""
    from tests.support.pgtrust import create_secured_database, drop_logins

    secured = create_secured_database(postgres_server)
    try:
        connect_ok(qtbot, window, ConnectRequest(database=secured.url(who)))
        assert window.status_operator.text().startswith("Operator: ") and secured.login(who) in window.status_operator.toolTip()
        assert window.status_role.text() == f"Role: {'operator' if who == 'bob' else 'viewer'}"
        assert "enforced by the database" in window.status_role.toolTip()
        model = window.accounts_tab.view.model()
        qtbot.waitUntil(lambda: model.rowCount() == 6, timeout=TIMEOUT)
        qtbot.waitUntil(lambda: model.index(0, 2).data() == "j***@example.com", timeout=TIMEOUT)
        # the retention tab reads every category (a reflection of each target): let its read and the
        # overview's finish, so no worker opens a connection to the database dropped below
        qtbot.waitUntil(lambda: window.cdr_tab.snapshot is not None and window._overview_worker is None, timeout=TIMEOUT)
        window.disconnect_database()  # closes its connections before the database is dropped
    finally:
        finish_workers()
        drop_logins(postgres_server, secured)
