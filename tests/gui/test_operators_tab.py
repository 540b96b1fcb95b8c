"""The Operators tab on a real SQLite demo database: alice (admin) adds an operator through the
dialog, changes a role and disables one; bob (operator) sees why he cannot; the add dialog's
inline checks; the core's refusals on the result line; every database call off the GUI thread.

What changed is read with SQL here, not through the core. Waits on signals only, never sleeps.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton
from sqlalchemy import text

from minisip_console.core import operators as core_operators
from minisip_console.core.plumbing.connection import Database, open_database, resolve
from minisip_console.ui.notifier import Notifier
from minisip_console.ui.operators.dialogs import AddOperatorDialog, ChangeRoleDialog
from minisip_console.ui.operators.models import manage_reason
from minisip_console.ui.operators.tab import OperatorsTab
from minisip_console.ui.tabs import NOT_CONNECTED_TITLE
from tests.gui.conftest import build_database, finish_workers
from tests.gui.test_grant_dialog import demo_template, open_demo  # noqa: F401 - the module-scoped demo fixture

TIMEOUT = 20_000


@pytest.fixture
def alice(tmp_path: Path, demo_template: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:  # noqa: F811 - the fixture
    database = open_demo(tmp_path, demo_template, "alice", monkeypatch)
    assert database.operator.role.value == "admin"
    yield database
    database.close()


@pytest.fixture
def bob(tmp_path: Path, demo_template: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:  # noqa: F811 - the fixture
    database = open_demo(tmp_path, demo_template, "bob", monkeypatch)
    assert database.operator.role.value == "operator"
    yield database
    database.close()


def make_tab(qtbot, database: Database) -> OperatorsTab:  # type: ignore[no-untyped-def]
    notifier = Notifier()
    connect_action = QAction("Connect…")
    tab = OperatorsTab(notifier, connect_action)
    qtbot.addWidget(tab)
    notifier.setParent(tab)
    connect_action.setParent(tab)
    tab.resize(1100, 600)
    tab.show()
    qtbot.waitExposed(tab)
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        tab.set_database(database)
    return tab


def sql_operators(database: Database) -> dict[str, tuple[str, str, bool]]:
    with database.engine.connect() as conn:
        return {
            login: (name, role, bool(active))
            for login, name, role, active in conn.execute(text("SELECT login, display_name, role, active FROM operators"))
        }


def sql_events(database: Database) -> list[tuple[str, str, dict[str, Any]]]:
    with database.engine.connect() as conn:
        return [
            (who, action, json.loads(details))
            for who, action, details in conn.execute(
                text("SELECT operator_login, action, details FROM audit_events WHERE action LIKE 'operator.%' ORDER BY seq")
            )
        ]


def listed(tab: OperatorsTab) -> dict[str, tuple[str, ...]]:
    """What the table shows, cell by cell of the visible columns."""
    model = tab.view.model()
    shown = [c for c in range(model.columnCount()) if not tab.view.isColumnHidden(c)]
    return {model.index(r, 0).data(): tuple(model.index(r, c).data() for c in shown) for r in range(model.rowCount())}


def reloaded(login: str, check: Callable[[Any], bool]) -> Callable[[Any], bool]:
    """A ``loaded`` snapshot in which ``login``'s row passes ``check``."""
    return lambda snapshot: any(r.login == login and check(r) for r in snapshot.rows)


# --------------------------------------------------------------------------- the list


def test_the_list_shows_every_operator_and_an_admin_may_manage(qtbot, alice: Database) -> None:  # type: ignore[no-untyped-def]
    tab = make_tab(qtbot, alice)
    assert tab.showing_content()
    model = tab.view.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Login", "Name", "Role", "Active", "Can log in"]
    assert tab.view.isColumnHidden(4)  # an SQLite file has no database logins
    rows = listed(tab)
    assert rows["alice"] == ("alice", "Alice Martin", "Admin", "Yes")
    assert rows["bob"] == ("bob", "Bob Okafor", "Operator", "Yes")
    assert set(rows) == set(sql_operators(alice))
    assert tab.count_label.text() == f"{len(rows)} operators"
    assert "the presenter switches to" in tab.note.text()
    assert tab.add_button.isEnabled() and tab.role_button.isEnabled() and tab.disable_button.isEnabled()
    assert not tab.permission_note.isVisible()


def test_every_database_call_runs_off_the_gui_thread(qtbot, alice: Database, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    threads: list[tuple[str, bool]] = []

    def spy(name: str) -> None:
        original = getattr(core_operators, name)

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            threads.append((name, threading.current_thread() is threading.main_thread()))
            return original(*args, **kwargs)

        monkeypatch.setattr(core_operators, name, wrapper)

    for name in ("list_operators", "add_operator", "set_role", "disable", "identify"):
        spy(name)
    tab = make_tab(qtbot, alice)
    assert tab.select_operator("dave")
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT, check_params_cb=reloaded("dave", lambda r: r.role == "approver")):
        dialog = tab.change_role()
        assert dialog is not None
        dialog.role.setCurrentIndex(dialog.role.findData("approver"))
        dialog.ok_button.click()
    called = {name for name, _ in threads}
    assert {"list_operators", "set_role"} <= called
    assert not [name for name, on_gui in threads if on_gui], threads


def test_an_empty_list_explains_itself(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    url = build_database(tmp_path / "nobody.db", accounts=0, cdrs=0, operator=None, policies=False, deletions=False)
    database = open_database(resolve(database=url), require_operator=False)
    try:
        tab = make_tab(qtbot, database)
        assert tab.list_stack.currentWidget() is tab.list_empty
        assert tab.list_empty.title_text == "No operators yet"
        assert "operators add LOGIN --role admin" in tab.list_empty.body_text
        assert not tab.add_button.isEnabled()
        assert tab.permission_note.isVisible() and "not registered" in tab.permission_note.text()
    finally:
        database.close()


def test_not_connected_the_tab_says_how_to_connect(qtbot) -> None:  # type: ignore[no-untyped-def]
    connect_action = QAction("&Connect…")
    tab = OperatorsTab(Notifier(), connect_action)
    qtbot.addWidget(tab)
    connect_action.setParent(tab)
    tab.show()
    qtbot.waitExposed(tab)
    assert tab.showing_empty()
    assert tab.empty.title_text == NOT_CONNECTED_TITLE
    assert "to see the operators" in tab.empty.body_text


# --------------------------------------------------------------------------- alice manages


def test_an_admin_adds_an_operator_through_the_dialog_and_sees_it_listed(qtbot, alice: Database) -> None:  # type: ignore[no-untyped-def]
    tab = make_tab(qtbot, alice)
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    assert isinstance(dialog, AddOperatorDialog) and dialog.isVisible()
    assert not dialog.password.isVisible() and not dialog.confirm.isVisible()  # no passwords on SQLite
    assert dialog.role.currentData() == "viewer"  # least privilege first
    assert not dialog.ok_button.isEnabled()
    assert not dialog.login_error.isVisible()  # nothing typed yet: no scolding
    qtbot.keyClicks(dialog.login, "erin")
    qtbot.keyClicks(dialog.name, "Erin  Example")
    assert not dialog.ok_button.isEnabled() or dialog.role.currentData() == "viewer"
    dialog.role.setCurrentIndex(dialog.role.findData("approver"))
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT, check_params_cb=reloaded("erin", lambda r: r.role == "approver")):
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)  # Enter: the default button
    assert tab.dialog is None
    assert tab.action_result.isVisible() and tab.action_result.text() == "Added Erin Example (erin) as approver."
    assert listed(tab)["erin"] == ("erin", "Erin Example", "Approver", "Yes")
    assert tab.selected is not None and tab.selected.login == "erin"
    assert sql_operators(alice)["erin"] == ("Erin Example", "approver", True)
    assert sql_events(alice)[-1][:2] == ("alice", "operator.add") and sql_events(alice)[-1][2]["login"] == "erin"


def test_the_core_refuses_an_existing_operator_in_the_dialog_and_on_the_result_line(qtbot, alice: Database) -> None:  # type: ignore[no-untyped-def]
    tab = make_tab(qtbot, alice)
    before = sql_operators(alice)
    dialog = tab.add_operator()
    assert dialog is not None
    dialog.login.setText("bob")
    dialog.name.setText("Bob Again")
    with qtbot.waitSignal(tab.action_failed, timeout=TIMEOUT) as failed:
        dialog.ok_button.click()
    assert failed.args[0].startswith("bob is already an operator (operator).")
    assert tab.dialog is dialog and dialog.isVisible()  # nothing typed is lost
    assert dialog.error.isVisible() and dialog.error.text() == failed.args[0]
    assert dialog.login.text() == "bob" and dialog.ok_button.isEnabled()
    assert tab.action_result.text() == failed.args[0]
    assert sql_operators(alice) == before
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Esc closes it
    assert not dialog.isVisible()


def test_esc_closes_the_dialog_and_adds_nobody(qtbot, alice: Database) -> None:  # type: ignore[no-untyped-def]
    tab = make_tab(qtbot, alice)
    before = sql_operators(alice)
    dialog = tab.add_operator()
    assert dialog is not None
    qtbot.keyClicks(dialog.login, "frank")
    qtbot.keyClicks(dialog.name, "Frank")
    with qtbot.waitSignal(dialog.rejected, timeout=TIMEOUT):
        qtbot.keyClick(dialog.name, Qt.Key.Key_Escape)
    assert sql_operators(alice) == before


def test_an_admin_changes_a_role(qtbot, alice: Database) -> None:  # type: ignore[no-untyped-def]
    tab = make_tab(qtbot, alice)
    assert tab.select_operator("bob")
    qtbot.mouseClick(tab.role_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    assert isinstance(dialog, ChangeRoleDialog)
    assert "Bob Okafor (bob) is operator." in dialog.findChild(QLabel, "operatorsRoleIntro").text()
    assert dialog.role.currentData() == "operator" and not dialog.ok_button.isEnabled()  # nothing changed yet
    dialog.role.setCurrentIndex(dialog.role.findData("approver"))
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT, check_params_cb=reloaded("bob", lambda r: r.role == "approver")):
        qtbot.keyClick(dialog.role, Qt.Key.Key_Return)
    assert tab.action_result.text() == "Bob Okafor (bob) is now approver."
    assert listed(tab)["bob"][2] == "Approver"
    assert sql_operators(alice)["bob"] == ("Bob Okafor", "approver", True)
    assert sql_events(alice)[-1][2] == {**sql_events(alice)[-1][2], "login": "bob", "role": "approver", "previously": "operator"}


def test_an_admin_disables_an_operator_after_a_confirmation_naming_them_then_enables_them(qtbot, alice: Database) -> None:  # type: ignore[no-untyped-def]
    tab = make_tab(qtbot, alice)
    assert tab.select_operator("dave")
    box = tab.disable_operator()
    assert isinstance(box, QMessageBox)
    assert box.text() == "Disable Dave Lindqvist (dave), viewer?"
    assert box.defaultButton() is box.escapeButton()  # Enter and Esc both keep them
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert tab.action_result.text() == "Dave Lindqvist was not disabled."
    assert sql_operators(alice)["dave"][2] is True

    box = tab.disable_operator()
    assert box is not None
    yes = box.findChild(QPushButton, "operatorsDisableYes")
    assert yes is not None and "Dave Lindqvist" in yes.text()
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT, check_params_cb=reloaded("dave", lambda r: not r.record.active)):
        yes.click()
    assert tab.action_result.text() == "Disabled Dave Lindqvist (dave): they can no longer open this database."
    assert listed(tab)["dave"][3] == "No (disabled)"
    assert sql_operators(alice)["dave"] == ("Dave Lindqvist", "viewer", False)
    assert tab.selected is not None and tab.selected.login == "dave"
    assert not tab.disable_button.isEnabled() and "already disabled" in tab.disable_button.toolTip()

    dialog = tab.change_role()  # enables them again
    assert dialog is not None and dialog.ok_button.isEnabled() and dialog.ok_button.text() == "&Enable with this role"
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT, check_params_cb=reloaded("dave", lambda r: r.record.active)):
        dialog.ok_button.click()
    assert tab.action_result.text() == "Dave Lindqvist (dave) is now viewer and active again."
    assert sql_operators(alice)["dave"] == ("Dave Lindqvist", "viewer", True)


def test_disabling_oneself_is_the_cores_refusal_on_the_result_line(qtbot, alice: Database) -> None:  # type: ignore[no-untyped-def]
    tab = make_tab(qtbot, alice)
    before = sql_operators(alice), sql_events(alice)
    assert tab.select_operator("alice")
    box = tab.disable_operator()
    assert box is not None
    yes = box.findChild(QPushButton, "operatorsDisableYes")
    with qtbot.waitSignal(tab.action_failed, timeout=TIMEOUT) as failed:
        yes.click()
    assert failed.args == ["You cannot disable yourself. Another admin can."]
    assert tab.action_result.text() == failed.args[0] and "color: #a4262c" in tab.action_result.styleSheet()
    assert (sql_operators(alice), sql_events(alice)) == before


# --------------------------------------------------------------------------- bob may not


def test_for_an_operator_the_buttons_are_disabled_and_a_sentence_says_why(qtbot, bob: Database) -> None:  # type: ignore[no-untyped-def]
    tab = make_tab(qtbot, bob)
    reason = "Managing operators needs the admin role; you are Bob Okafor (operator)."
    assert manage_reason(bob.operator) == reason
    for button in (tab.add_button, tab.role_button, tab.disable_button):
        assert not button.isEnabled()
        assert button.toolTip() == reason
    assert tab.permission_note.isVisible() and tab.permission_note.text() == reason
    assert "alice" in listed(tab)  # he still reads the list


def test_a_forced_change_by_an_operator_is_refused_by_the_core(qtbot, bob: Database) -> None:  # type: ignore[no-untyped-def]
    tab = make_tab(qtbot, bob)
    before = sql_operators(bob)
    dialog = tab.add_operator()  # a button the window keeps disabled, pressed anyway
    assert dialog is not None
    dialog.login.setText("mallory")
    dialog.name.setText("Mallory")
    dialog.role.setCurrentIndex(dialog.role.findData("admin"))
    with qtbot.waitSignal(tab.action_failed, timeout=TIMEOUT) as failed:
        dialog.submit()
    assert failed.args[0] == "Bob Okafor (operator) cannot add an operator: that needs the admin role."
    assert sql_operators(bob) == before


# --------------------------------------------------------------------------- the dialog's checks and the keyboard


@pytest.mark.parametrize(
    ("login", "shown"),
    [
        ("Bob", "'Bob' is not a valid login name for PostgreSQL."),
        ("bob smith", "'bob smith' is not a valid login name for PostgreSQL."),
        ("1bob", "'1bob' is not a valid login name for PostgreSQL."),
        ("b" * 64, "is not a valid login name for PostgreSQL."),
        ("bob;drop", "'bob;drop' is not a valid login name for PostgreSQL."),
    ],
)
def test_an_invalid_login_shows_the_cores_sentence_inline(qtbot, login: str, shown: str) -> None:  # type: ignore[no-untyped-def]
    dialog = AddOperatorDialog(postgres=True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.password.isVisible() and dialog.confirm.isVisible()
    qtbot.keyClicks(dialog.name, "Bob Smith")
    qtbot.keyClicks(dialog.login, login)
    assert dialog.login_error.isVisible()
    assert shown in dialog.login_error.text()
    assert "lower-case letters, digits, _ and $" in dialog.login_error.text()
    assert not dialog.ok_button.isEnabled()
    dialog.login.setText("bob")
    assert not dialog.login_error.isVisible() and dialog.ok_button.isEnabled()


def test_the_passwords_must_match_and_an_empty_name_is_refused(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = AddOperatorDialog(postgres=True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.login, "jsmith")
    qtbot.keyClicks(dialog.name, "   ")
    assert dialog.name_error.isVisible() and dialog.name_error.text().startswith("A name is required.")
    dialog.name.setText("Jane Smith")
    qtbot.keyClicks(dialog.password, "s3cret-pass")
    qtbot.keyClicks(dialog.confirm, "s3cret-pas")
    assert dialog.password_error.isVisible() and dialog.password_error.text() == "The two passwords differ."
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.confirm, "s")
    assert not dialog.password_error.isVisible() and dialog.ok_button.isEnabled()
    with qtbot.waitSignal(dialog.submitted, timeout=TIMEOUT) as submitted:
        qtbot.keyClick(dialog.confirm, Qt.Key.Key_Return)
    request = submitted.args[0]
    assert (request.login, request.display_name, request.role, request.password) == ("jsmith", "Jane Smith", "viewer", "s3cret-pass")
    assert "s3cret" not in repr(request)
    dialog.reject()
    assert dialog.password.text() == "" and dialog.confirm.text() == ""  # not kept in the widgets


def test_every_button_is_reachable_from_the_keyboard(qtbot, alice: Database) -> None:  # type: ignore[no-untyped-def]
    tab = make_tab(qtbot, alice)
    window_mnemonics = {"a", "c", "d", "p", "e", "l", "o", "f", "v", "h"}  # the window's tabs and menus
    keys = []
    for button in (tab.add_button, tab.role_button, tab.disable_button):
        assert button.focusPolicy() & Qt.FocusPolicy.TabFocus
        label = button.text()
        assert "&" in label
        keys.append(label[label.index("&") + 1].lower())
    assert len(set(keys)) == len(keys) and not set(keys) & window_mnemonics, keys
    # Tab walks from one button to the next, then to the list
    tab.add_button.setFocus()
    chain = [tab.add_button]
    for _ in range(3):
        chain.append(chain[-1].nextInFocusChain())
        while not (chain[-1].focusPolicy() & Qt.FocusPolicy.TabFocus) or not chain[-1].isVisible():
            chain[-1] = chain[-1].nextInFocusChain()
    assert chain == [tab.add_button, tab.role_button, tab.disable_button, tab.view]


# --------------------------------------------------------------------------- in the window


def test_the_window_adds_the_operators_tab_after_the_others(
    qtbot, tmp_path: Path, demo_template: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from PySide6.QtGui import QKeySequence

    from minisip_console.ui.connecting import ConnectRequest
    from minisip_console.ui.main_window import MainWindow

    database = open_demo(tmp_path, demo_template, "alice", monkeypatch)
    url = str(database.target.url)
    database.close()
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.overview_loaded, timeout=TIMEOUT):
        window.start_connect(ConnectRequest(database=url))
    tab = window.operators_tab
    assert tab is not None
    if tab.snapshot is None:
        qtbot.waitSignal(tab.loaded, timeout=TIMEOUT).wait()
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles[-1] == "&Operators" and titles[-2] == "A&udit log"
    mnemonics = [t[t.index("&") + 1].lower() for t in titles if "&" in t]
    assert len(mnemonics) == len(set(mnemonics)), titles
    action = window.tab_actions[-1]
    assert action.text() == "Operators" and action.shortcut() == QKeySequence(f"Ctrl+{len(titles)}")
    action.trigger()
    assert window.tabs.currentWidget() is tab and tab.showing_content()
    assert "alice" in listed(tab)


# --------------------------------------------------------------------------- PostgreSQL: a login with a password


@pytest.mark.postgres
def test_on_postgresql_the_dialog_creates_a_login_that_connects_with_its_password(qtbot, postgres_server) -> None:  # type: ignore[no-untyped-def]
    import psycopg

    from tests.support.pgtrust import create_secured_database, drop_logins

    secured = create_secured_database(postgres_server, accounts=1)
    database = open_database(resolve(database=secured.url("alice")))
    try:
        tab = make_tab(qtbot, database)
        assert not tab.view.isColumnHidden(4)  # can log in: a PostgreSQL login's
        login = secured.login("zoe")
        secured.passwords[login] = "zoe-" + "7" * 12
        dialog = tab.add_operator()
        assert dialog is not None and dialog.password.isVisible() and dialog.confirm.isVisible()
        qtbot.keyClicks(dialog.login, login)
        qtbot.keyClicks(dialog.name, "Zoe New")
        qtbot.keyClicks(dialog.password, secured.passwords[login])
        assert not dialog.ok_button.isEnabled()  # not confirmed yet
        qtbot.keyClicks(dialog.confirm, secured.passwords[login])
        with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT, check_params_cb=reloaded(login, lambda r: r.record.can_log_in)):
            qtbot.keyClick(dialog.confirm, Qt.Key.Key_Return)
        assert tab.action_result.text() == f"Added Zoe New ({login}) as viewer. Their database login was created with the password given."
        assert listed(tab)[login] == (login, "Zoe New", "Viewer", "Yes", "Yes")
        secured.connect("zoe").close()  # her own login, her own password

        assert tab.select_operator(login)
        box = tab.disable_operator()
        assert box is not None
        with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT, check_params_cb=reloaded(login, lambda r: not r.record.active)):
            box.findChild(QPushButton, "operatorsDisableYes").click()
        assert listed(tab)[login][3:] == ("No (disabled)", "No")
        with pytest.raises(psycopg.OperationalError, match="not permitted to log in"):
            secured.connect("zoe").close()
    finally:
        database.close()
        finish_workers()
        drop_logins(postgres_server, secured)
