"""Presenter mode (issue 15): no OS login, local path or database host in any text on screen;
no account opened; a "Demo data" badge; "Open the demo" on the first start.

Each test walks what the screen shows (every visible window's title, every visible label,
button, field, tooltip, the status bar, the tab titles, and the cells of every visible table as
their delegate paints them) once without presenter mode, where a login, a path or a host must be
found (so the walk can fail), and once with it, where none may be.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, Qt, QThreadPool
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from minisip_console.ui.connect_dialog import ConnectDialog
from minisip_console.ui.connecting import ConnectRequest, ensure_demo
from minisip_console.ui.main_window import MainWindow, State
from minisip_console.ui.notifier import Severity
from minisip_console.ui.presenter import FONT_SCALE, REFUSAL
from tests.gui.conftest import build_database, finish_workers

TIMEOUT = 30_000
SMALL = {"accounts": 6, "cdrs": 120, "seed": 3}
#: the rows of a table read by the walk (the painted ones and some more)
ROWS = 200


@pytest.fixture
def window(qtbot) -> MainWindow:  # type: ignore[no-untyped-def]
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.presenter.set_active(False)  # the application font as it was, for the next test


def settle(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Every worker done and its results delivered (pages read, tabs filled)."""
    pool = QThreadPool.globalInstance()
    for _ in range(3):
        QCoreApplication.processEvents()
        qtbot.waitUntil(lambda: pool.activeThreadCount() == 0, timeout=TIMEOUT)
        QCoreApplication.processEvents()


def connect_ok(qtbot, window: MainWindow, request: ConnectRequest) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.overview_loaded, timeout=TIMEOUT):
        window.start_connect(request)
    assert window.state == State.CONNECTED
    settle(qtbot)


def _widget_texts(widget: QWidget) -> Iterable[str]:
    yield widget.toolTip()
    yield widget.statusTip()
    if widget.isWindow():
        yield widget.windowTitle()
    if isinstance(widget, QLabel):
        yield widget.text()
    elif isinstance(widget, QAbstractButton):
        yield widget.text()
    elif isinstance(widget, QLineEdit):
        yield widget.text()
        yield widget.placeholderText()
    elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
        yield widget.toPlainText()
    elif isinstance(widget, QComboBox):
        yield widget.currentText()
    elif isinstance(widget, QTabWidget):
        for i in range(widget.count()):
            yield widget.tabText(i)
            yield widget.tabToolTip(i)
    if isinstance(widget, QMainWindow):
        yield widget.statusBar().currentMessage()
    if isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView) and widget.model() is not None:
        model = widget.model()
        locale = widget.locale()
        rows = min(model.rowCount(QModelIndex()), ROWS)
        columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(QModelIndex())
        for column in range(columns):
            yield str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        for row in range(rows):
            for column in range(columns):
                index = model.index(row, column)
                delegate = widget.itemDelegateForIndex(index) or widget.itemDelegate()
                value = index.data(Qt.ItemDataRole.DisplayRole)
                if value is not None:  # what is painted
                    yield delegate.displayText(value, locale)
                yield str(index.data(Qt.ItemDataRole.ToolTipRole) or "")


def screen_texts() -> list[str]:
    """Every text of every visible window and its visible widgets."""
    texts: list[str] = []
    for top in QApplication.topLevelWidgets():
        if not top.isVisible():
            continue
        for widget in [top, *top.findChildren(QWidget)]:
            if widget.isVisible():
                where = f"{type(widget).__name__}#{widget.objectName()}: "  # says where a leak is
                texts.extend(where + text for text in _widget_texts(widget) if text)
    return texts


def every_tab_texts(qtbot, window: MainWindow) -> list[str]:  # type: ignore[no-untyped-def]
    """The walk on each tab in turn (a table reads the rows it paints)."""
    texts: list[str] = []
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        settle(qtbot)
        texts += screen_texts()
    window.tabs.setCurrentIndex(0)
    return texts


def leaks(texts: list[str], *, words: Iterable[str] = (), paths: Iterable[str] = ()) -> list[tuple[str, str]]:
    """(what, the text it is in): a login or host as a whole word, a path anywhere."""
    found = []
    for word in words:
        pattern = re.compile(rf"(?<![\w]){re.escape(word)}(?![\w])")
        found += [(word, text) for text in texts if pattern.search(text)]
    for path in paths:
        found += [(path, text) for text in texts if path in text]
    return found


#: the OS login the tests present as (getpass reads LOGNAME first): a name no text of the window
#: holds by chance, whatever account runs the tests ("admin" would be a role's name)
LOGIN = "jdoe_presenter"


@pytest.fixture(autouse=True)
def os_login(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("LOGNAME", LOGIN)
    return LOGIN


def _os_login() -> str:
    from minisip_console.core.operators import os_login

    login = os_login()
    assert login == LOGIN
    return login


def test_on_the_demo_presenter_mode_shows_no_login_and_no_path(qtbot, window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from minisip_console.core.plumbing.connection import demo_path
    from minisip_console.core.plumbing.paths import config_dir

    monkeypatch.delenv("MINISIP_CONSOLE_OPERATOR")  # the OS login is the demo's operator (and in its audit log)
    ensure_demo(**SMALL)
    login, path = _os_login(), demo_path()
    secrets = {"words": [login], "paths": [str(path), str(path.parent), str(config_dir())]}
    connect_ok(qtbot, window, ConnectRequest(demo=True))
    window.show_about()

    plain = every_tab_texts(qtbot, window)
    assert leaks(plain, words=[login]), "the walk finds the login without presenter mode"
    assert leaks(plain, paths=[str(path)]), "the walk finds the demo's path without presenter mode"

    window.presenter_action.trigger()  # View > Presenter mode
    assert window.presenter.active and window.presenter_action.isChecked()
    window.show_about()
    window.notifier.info(f"Exported to {path.parent / 'export-1.zip'} as {login}.")  # a message with a path and the login
    assert window.statusBar().currentMessage() == "Exported to a local folder as operator."
    presenting = every_tab_texts(qtbot, window)
    assert leaks(presenting, **secrets) == []
    assert window.status_database.text() == "Database: Demo database"
    assert not window.status_operator.isVisible()
    assert window.status_role.text().startswith("Role: admin")  # the role only

    window.presenter_action.trigger()  # off again: everything as before
    assert not window.presenter.active
    assert str(path) in window.status_database.toolTip() and window.status_operator.isVisible()


def test_on_a_file_database_presenter_mode_hides_its_path_and_the_login(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    login = _os_login()
    folder = tmp_path / "customer-office"
    folder.mkdir()
    path = folder / "office.db"
    url = build_database(path, operator=(login, "The Owner", "admin"), demo=False)
    connect_ok(qtbot, window, ConnectRequest(database=url))
    plain = every_tab_texts(qtbot, window)
    assert leaks(plain, paths=[str(path)]) and leaks(plain, words=[login])

    window.set_presenter(True)
    presenting = every_tab_texts(qtbot, window)
    assert leaks(presenting, words=[login], paths=[str(path), str(folder)]) == []
    assert window.status_database.text() == "Database: an SQLite file"
    assert not window.demo_badge.isVisible()  # not the demo


def test_the_connect_dialog_hides_hosts_and_paths_while_presenting(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from minisip_console.core.plumbing.profiles import Profile, ProfileStore

    host, file = "db7.customer-secret.example", str(tmp_path / "branch" / "branch.db")
    store = ProfileStore()
    store.add(
        Profile(name="production", driver="postgresql", host=host, port=5432, database="minisip", user="ops_jane", tls_mode="verify-full")
    )
    store.add(Profile(name="branch", driver="sqlite", database=file, tls_mode=""))
    dialog = window.open_connect_dialog()
    qtbot.waitExposed(dialog)
    dialog.select_profile("production")
    plain = screen_texts()
    assert leaks(plain, words=[host]), "the walk finds the host without presenter mode"

    window.set_presenter(True)  # while the dialog is open
    for name in ("production", "branch"):
        dialog.select_profile(name)
        assert leaks(screen_texts(), words=[host, "ops_jane"], paths=[file, str(tmp_path)]) == []
    assert not dialog.form_box.isVisible() and dialog.form_hidden_note.isVisible()
    # a message about the host is cleaned too
    dialog._show(Severity.ERROR, f"cannot reach {host}:5432")
    assert host not in dialog.banner.text.text() and "the database server" in dialog.banner.text.text()
    dialog.reject()


def test_presenter_mode_refuses_to_open_an_account_even_with_a_running_grant(qtbot, window: MainWindow, database_url: str) -> None:  # type: ignore[no-untyped-def]
    from minisip_console.core.access import grant_access

    connect_ok(qtbot, window, ConnectRequest(database=database_url))
    database = window.database
    assert database is not None
    grant_access(database.sessions, database.operator, 1, "customer_request", "REQ-42")
    details = window.show_account_details(1)  # a grant runs: the details open (not presenting)
    assert details is not None and details.isVisible()

    window.set_presenter(True)
    settle(qtbot)
    assert not details.isVisible(), "turning presenter mode on closes the personal data on screen"
    with qtbot.waitSignal(window.notifier.notice, timeout=TIMEOUT) as blocker:
        assert window.open_account(1) is None  # the grant runs, and still nothing opens
    assert blocker.args[0].text == REFUSAL
    assert window.show_account_details(1) is None and window.ask_grant(2) is None
    assert window.grant_dialog is None and not details.isVisible()
    assert REFUSAL in window.banner.text.text()
    assert window.accounts_tab.note.text().startswith(REFUSAL)

    window.set_presenter(False)
    assert window.show_account_details(1) is not None  # off again: the grant opens the account


def test_the_demo_shows_a_demo_data_badge(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ensure_demo(**SMALL)
    connect_ok(qtbot, window, ConnectRequest(demo=True))
    assert window.demo_badge.isVisible() and window.demo_badge.text() == "Demo data"
    url = build_database(tmp_path / "real.db", operator=(_os_login(), "The Owner", "admin"), demo=False)
    connect_ok(qtbot, window, ConnectRequest(database=url))
    assert not window.demo_badge.isVisible()
    window.disconnect_database()
    assert not window.demo_badge.isVisible()


def test_presenter_mode_enlarges_the_font_and_restores_it(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    before, label = QApplication.font(), window.status_state
    shown = label.font().pointSizeF()
    window.set_presenter(True)
    QCoreApplication.processEvents()  # the widgets hear of the new application font
    assert QApplication.font().pointSizeF() == pytest.approx(before.pointSizeF() * FONT_SCALE)
    assert label.font().pointSizeF() == pytest.approx(shown * FONT_SCALE)  # what the screen shows
    window.set_presenter(False)
    QCoreApplication.processEvents()
    assert QApplication.font() == before and label.font().pointSizeF() == pytest.approx(shown)


def test_first_start_offers_open_the_demo(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """No profile saved: the window asks for a choice, and one button opens the demo."""
    ensure_demo(**SMALL)  # a small one: the button's path is the same as --demo's
    with qtbot.waitSignal(window.state_changed, timeout=TIMEOUT, check_params_cb=lambda s: s == "disconnected"):
        window.start_connect(ConnectRequest())  # nothing chosen, nothing used before
    dialog = window.dialog
    assert isinstance(dialog, ConnectDialog)
    qtbot.waitExposed(dialog)
    assert dialog.demo_button.isVisible() and dialog.demo_button.isDefault()
    assert "New here?" in dialog.demo_note.text()
    with qtbot.waitSignal(window.overview_loaded, timeout=TIMEOUT):
        dialog.demo_button.click()
    assert window.state == State.CONNECTED and window.database is not None and window.database.target.demo
    assert window.accounts_tab.showing_content()
    assert window.tabs.count() >= 5 and window.demo_badge.isVisible()


def test_presenter_on_the_command_line(qtbot) -> None:  # type: ignore[no-untyped-def]
    from minisip_console.app import wants_cli
    from minisip_console.ui.app import make_window, parse_args

    assert not wants_cli(["--presenter", "--demo"])  # the window's own option
    args, _qt_args = parse_args(["--presenter", "--demo"])
    assert args.presenter and args.demo
    window = make_window(args)
    qtbot.addWidget(window)
    try:
        assert window.presenter.active and window.presenter_action.isChecked()
    finally:
        window.presenter.set_active(False)
    plain = make_window(parse_args(["--demo"])[0])
    qtbot.addWidget(plain)
    assert not plain.presenter.active  # off unless asked: never remembered


@pytest.mark.postgres
def test_on_postgresql_presenter_mode_hides_the_host_and_the_login(qtbot, window: MainWindow, postgres_server) -> None:  # type: ignore[no-untyped-def]
    from tests.support.pgtrust import create_secured_database, drop_logins

    secured = create_secured_database(postgres_server)
    host, login = "127.0.0.1", secured.login("bob")
    try:
        connect_ok(qtbot, window, ConnectRequest(database=secured.url("bob")))
        plain = every_tab_texts(qtbot, window)
        assert leaks(plain, words=[host]) and leaks(plain, words=[login])

        window.set_presenter(True)
        assert leaks(every_tab_texts(qtbot, window), words=[host, login]) == []
        assert window.status_database.text() == "Database: a PostgreSQL database"
        assert window.windowTitle() == "minisip-console — a PostgreSQL database"
        window.disconnect_database()  # closes its connections before the database is dropped
    finally:
        finish_workers()
        drop_logins(postgres_server, secured)


def test_what_a_tab_or_a_dialog_writes_while_presenting_is_cleaned_too(
    qtbot, window: MainWindow, database_url: str, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """The safety net: a tab's result line and the crash dialog know nothing of presenter mode."""
    from minisip_console.ui.crash_dialog import CrashDialog

    login, saved = _os_login(), tmp_path / "reports" / "certificate-7.pdf"
    connect_ok(qtbot, window, ConnectRequest(database=database_url))
    tab = window.deletions_tab
    window.tabs.setCurrentWidget(tab)
    window.set_presenter(True)
    tab._show_result(f"Saved the certificate to {saved}.")
    # the database's folder (tmp_path) is a known one: the file in it goes with it
    qtbot.waitUntil(lambda: tab.action_result.text() == "Saved the certificate to a local folder.", timeout=TIMEOUT)

    log_path = tmp_path / "logs" / "minisip-console.log"
    dialog = CrashDialog(f'File "{tmp_path}/x.py", line 1\nRuntimeError: boom', f"opened the database as {login}", log_path, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert leaks(screen_texts(), words=[login], paths=[str(tmp_path)]) == []
    assert str(tmp_path) in dialog.details  # "Copy details" still copies the whole report for the maintainers
    dialog.close()

    window.set_presenter(False)
    tab._show_result(f"Saved the certificate to {saved}.")  # off: the path as it is
    QCoreApplication.processEvents()
    assert str(saved) in tab.action_result.text()


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Saved to /srv/acme/out/c.pdf.", "Saved to a local folder."),  # a known folder, and what follows it
        ("/srv/acme", "a local folder"),
        ("x /srv/acmex/c", "x a local path"),  # another folder's name that starts alike: any path goes
        ("jdoe@db7.acme.example as jdoe", "operator@the database server as operator"),
        ("pytest-of-jdoe, jdoe2, jdoe.", "pytest-of-jdoe, jdoe2, operator."),  # whole words only
        ("https://example.com/a/b and/or 2024/01/15", "https://example.com/a/b and/or 2024/01/15"),  # no path
        (r"at C:\Users\jdoe\x.db.", "at a local path."),
        ("Role: admin", "Role: admin"),  # a login that is a role's name is not hidden
    ],
)
def test_scrub(qapp, text: str, shown: str) -> None:  # type: ignore[no-untyped-def]
    from minisip_console.ui.presenter import FOLDER_WORD, HOST_WORD, LOGIN_WORD, Presenter

    presenter = Presenter()
    presenter.hide_text("/srv/acme", FOLDER_WORD)
    presenter.hide_word("jdoe", LOGIN_WORD)
    presenter.hide_word("admin", LOGIN_WORD)
    presenter.hide_word("db7.acme.example", HOST_WORD)
    assert presenter.scrub(text) == text  # off: nothing changes
    presenter._active = True  # the switch alone (set_active also changes the application's font)
    assert presenter.scrub(text) == shown


def test_the_tables_get_their_own_delegate_back_when_presenting_ends(qtbot, window: MainWindow, database_url: str) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QStyledItemDelegate

    connect_ok(qtbot, window, ConnectRequest(database=database_url))
    view = window.accounts_tab.view
    original = view.itemDelegate()
    window.set_presenter(True)
    assert view.itemDelegate() is not original and type(view.itemDelegate()) is not QStyledItemDelegate
    window.set_presenter(False)
    assert view.itemDelegate() is original


def test_connecting_while_presenting_never_shows_the_host(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """The host is known before connecting: "Connecting to ..." and the failure hide it."""
    host = "db9.customer-secret.example"
    window.set_presenter(True)
    with qtbot.waitSignal(window.connect_failed, timeout=TIMEOUT):
        window.start_connect(ConnectRequest(database=f"postgresql://ops_jane@{host}:1/minisip"))
    QCoreApplication.processEvents()
    assert window.banner.isVisible()
    assert leaks(screen_texts(), words=[host, "ops_jane"]) == []
