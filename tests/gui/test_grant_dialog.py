"""The grant dialog and the grants in the status bar, on a real SQLite demo database.

The operator is chosen with MINISIP_CONSOLE_OPERATOR: bob (operator) or dave (viewer) of the
demo. Waits on signals only, never sleeps.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from minisip_console.core import access
from minisip_console.core.demo import create_demo
from minisip_console.core.operators import OPERATOR_ENV
from minisip_console.core.plumbing.connection import Database, open_database, resolve
from minisip_console.core.purposes import Purpose
from minisip_console.ui.accounts.grant_dialog import GrantDialog, GrantsStatus
from minisip_console.ui.notifier import Notifier

TIMEOUT = 10_000


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    create_demo(f"sqlite:///{path}", accounts=10, cdrs=200)
    return path


def open_demo(tmp_path: Path, template: Path, login: str, monkeypatch: pytest.MonkeyPatch) -> Database:
    import shutil

    target = tmp_path / "demo.db"
    shutil.copyfile(template, target)
    files = template.with_name(template.stem + "-files")
    if files.is_dir():
        shutil.copytree(files, target.with_name(target.stem + "-files"))
    monkeypatch.setenv(OPERATOR_ENV, login)
    return open_database(resolve(database=f"sqlite:///{target}"))


@pytest.fixture
def bob(tmp_path: Path, demo_template: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    database = open_demo(tmp_path, demo_template, "bob", monkeypatch)
    assert database.operator.role.value == "operator"
    yield database
    database.close()


@pytest.fixture
def dave(tmp_path: Path, demo_template: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    database = open_demo(tmp_path, demo_template, "dave", monkeypatch)
    assert database.operator.role.value == "viewer"
    yield database
    database.close()


def make_dialog(qtbot, database: Database, account_id: int = 3) -> GrantDialog:  # type: ignore[no-untyped-def]
    dialog = GrantDialog(database, account_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_ok_is_disabled_until_the_ticket_is_valid(qtbot, bob: Database) -> None:  # type: ignore[no-untyped-def]
    dialog = make_dialog(qtbot, bob)
    assert [dialog.purpose.itemText(i) for i in range(dialog.purpose.count())] == [p.label for p in Purpose]
    assert dialog.minutes.value() == 30
    assert (dialog.minutes.minimum(), dialog.minutes.maximum()) == (1, 480)
    assert not dialog.ok_button.isEnabled()
    assert not dialog.ticket_error.isVisible()  # nothing typed yet: no scolding

    qtbot.keyClicks(dialog.ticket, "x")
    assert not dialog.ok_button.isEnabled()
    assert dialog.ticket_error.isVisible()
    assert "is not a ticket reference" in dialog.ticket_error.text()

    dialog.ticket.clear()
    qtbot.keyClicks(dialog.ticket, "SUP 12")  # a space is not allowed
    assert not dialog.ok_button.isEnabled()

    dialog.ticket.clear()
    qtbot.keyClicks(dialog.ticket, "SUP-1234")
    assert dialog.ok_button.isEnabled()
    assert not dialog.ticket_error.isVisible()

    # Enter with an invalid ticket does nothing
    dialog.ticket.setText("!")
    qtbot.keyClick(dialog.ticket, Qt.Key.Key_Return)
    assert dialog.isVisible()


def test_a_successful_grant_is_stored_and_shown_in_the_status_bar(qtbot, bob: Database) -> None:  # type: ignore[no-untyped-def]
    dialog = make_dialog(qtbot, bob, account_id=3)
    dialog.purpose.setCurrentIndex(list(Purpose).index(Purpose.SUPPORT))
    qtbot.keyClicks(dialog.ticket, "SUP-1234")
    dialog.minutes.setValue(25)
    with qtbot.waitSignal(dialog.granted, timeout=TIMEOUT) as blocker:
        qtbot.keyClick(dialog.ticket, Qt.Key.Key_Return)  # Enter is OK
    grant = blocker.args[0]
    assert (grant.account_id, grant.purpose, grant.ticket) == (3, Purpose.SUPPORT, "SUP-1234")
    assert dialog.result() == GrantDialog.DialogCode.Accepted
    stored = access.active_grant(bob.sessions, bob.operator, 3)
    assert stored is not None and stored.id == grant.id

    notifier = Notifier()
    status = GrantsStatus(notifier)
    qtbot.addWidget(status)
    notifier.setParent(status)
    with qtbot.waitSignal(status.changed, timeout=TIMEOUT):
        status.set_database(bob)
    assert status.isVisibleTo(status.parentWidget() or status) or status.text()
    assert status.text().startswith("Access: account 3, support SUP-1234, ")
    assert status.text().endswith("min left")
    assert status.timer.isActive() and status.timer.interval() == 60_000

    # end it early from the menu
    actions = status.menu().actions()
    assert len(actions) == 1 and "account 3" in actions[0].text()
    with qtbot.waitSignal(status.changed, timeout=TIMEOUT) as changed:
        actions[0].trigger()
    assert changed.args[0] == ()
    assert access.active_grant(bob.sessions, bob.operator, 3) is None
    assert status.text() == ""


def test_escape_cancels_and_grants_nothing(qtbot, bob: Database) -> None:  # type: ignore[no-untyped-def]
    dialog = make_dialog(qtbot, bob)
    qtbot.keyClicks(dialog.ticket, "SUP-1")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == GrantDialog.DialogCode.Rejected
    assert access.active_grants(bob.sessions, bob.operator) == ()


def test_mnemonics_reach_every_field(qtbot, bob: Database) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLabel

    dialog = make_dialog(qtbot, bob)
    buddies = {label.text(): label.buddy() for label in dialog.findChildren(QLabel) if label.buddy() is not None}
    assert buddies == {"&Purpose:": dialog.purpose, "&Ticket reference:": dialog.ticket, "&Duration:": dialog.minutes}
    assert dialog.ok_button.text() == "&Grant access"


def test_a_viewer_sees_the_refusal_in_the_dialog_and_keeps_the_input(qtbot, dave: Database) -> None:  # type: ignore[no-untyped-def]
    """The dialog renders ``access.refusal``: a viewer reads the core's sentence before typing, and
    Grant access stays grey even with a valid ticket; an operator's dialog says nothing of the kind."""
    import dataclasses

    from minisip_console.core.models import Role
    from minisip_console.core.plumbing.errors import PermissionDenied

    dialog = make_dialog(qtbot, dave)
    error = access.refusal("grant", dave.operator)
    assert isinstance(error, PermissionDenied) and "cannot obtain access" in error.message and "viewer" in error.message
    assert dialog.error.isVisible() and error.message in dialog.error.text()
    qtbot.keyClicks(dialog.ticket, "SUP-77")
    assert dialog.ticket_problem() is None and not dialog.ok_button.isEnabled()
    assert error.message in dialog.ok_button.toolTip()
    assert dialog.request_grant() is None  # forced: nothing starts
    assert dialog.isVisible() and dialog.ticket.text() == "SUP-77" and dialog.ticket.isEnabled()
    with pytest.raises(PermissionDenied):  # the core enforces the same answer
        access.grant_access(dave.sessions, dave.operator, 3, "support", "SUP-77")
    assert access.active_grants(dave.sessions, dave.operator) == ()
    # the same answer says yes to an operator (whose dialog test_ok_is_disabled_until_the_ticket_is_valid drives)
    assert access.refusal("grant", dataclasses.replace(dave.operator, role=Role.OPERATOR)) is None


def test_the_window_opens_an_account_through_the_grant_dialog(
    qtbot, tmp_path: Path, demo_template: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """Enter on an accounts row -> the grant dialog -> the details window, the grant in the status bar,
    and the Audit log tab."""
    from minisip_console.ui.connecting import ConnectRequest
    from minisip_console.ui.main_window import MainWindow
    from minisip_console.ui.table_model import Roles

    database = open_demo(tmp_path, demo_template, "bob", monkeypatch)
    url = str(database.target.url)
    database.close()
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.overview_loaded, timeout=TIMEOUT):
        window.start_connect(ConnectRequest(database=url))
    assert window.audit_tab is not None and window.audit_tab.showing_content()
    assert window.tabs.tabText(window.tabs.indexOf(window.audit_tab)) == "A&udit log"
    from PySide6.QtGui import QKeySequence

    audit_action = next(a for a in window.tab_actions if a.text().replace("&", "") == "Audit log")
    assert audit_action.shortcut() == QKeySequence("Ctrl+7")  # after the Overview and the five tabs
    audit_action.trigger()
    assert window.tabs.currentWidget() is window.audit_tab
    window.tabs.setCurrentWidget(window.accounts_tab)

    view = window.accounts_tab.view
    view.setFocus()
    qtbot.waitUntil(lambda: window.accounts_tab.model is not None and window.accounts_tab.model.ready, timeout=TIMEOUT)
    index = view.model().index(1, 0)
    account_id = index.data(Roles.ROW).id
    view.setCurrentIndex(index)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.grant_dialog is not None, timeout=TIMEOUT)  # the grant is looked for on a worker
    dialog = window.grant_dialog
    assert isinstance(dialog, GrantDialog) and dialog.account_id == account_id
    qtbot.keyClicks(dialog.ticket, "SUP-9")
    assert window.grants_status is not None
    with qtbot.waitSignal(window.grants_status.changed, timeout=TIMEOUT):
        dialog.ok_button.click()
    assert window.grants_status.text().startswith(f"Access: account {account_id}, support SUP-9, ")
    details = window.details_windows[account_id]
    qtbot.waitUntil(lambda: details.details is not None, timeout=TIMEOUT)
    assert details.isVisible()
    assert "***" not in details.profile_labels["email"].text()

    # a second Enter with the grant running opens the details directly, no dialog
    window.grant_dialog = None
    details.close()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(details.isVisible, timeout=TIMEOUT)
    assert window.grant_dialog is None
