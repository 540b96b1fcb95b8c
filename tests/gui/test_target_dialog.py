"""The policy dialog's saved retention targets (issue 17), on the demo database and a real MariaDB
server holding Asterisk's ``cdr`` table (no primary key, no index on ``calldate``).

An admin adds the table by typing into the Add target dialog and clicking; wrong input is refused
inside the dialog with every field kept; a viewer sees the admins' buttons greyed with the core's
reason; Check shows the missing index with its CREATE INDEX; Remove asks first; Set password stores
the password in the keyring. The keyring is the in-memory backend (``memory_keyring``): the console
talks to it through ``keyring`` as to the OS's, and the test reads back what was stored. What was
saved is read back with SQL written here. Waits on signals and conditions, never sleeps.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import text

from minisip_console.core import targets
from minisip_console.core.operators import identify
from minisip_console.core.plumbing.connection import Database
from minisip_console.ui.cdr_retention.dialogs import PolicyDialog
from minisip_console.ui.cdr_retention.tab import CdrTab
from minisip_console.ui.cdr_retention.target_dialog import AddTargetDialog, TargetsBox
from tests.gui.test_cdr_tab import make_tab
from tests.gui.test_grant_dialog import demo_template, open_demo  # noqa: F401 - the module-scoped demo fixture
from tests.support.asterisk import Pbx, make_pbx
from tests.support.keyrings import MemoryKeyring
from tests.support.mariadbserver import MariaDBServer, _free_port

pytestmark = pytest.mark.mariadb

TIMEOUT = 20_000


@pytest.fixture
def pbx(mariadb_server: MariaDBServer) -> Pbx:
    return make_pbx(mariadb_server, 50, start=dt.datetime(2026, 10, 1), end=dt.datetime(2026, 12, 1))


@pytest.fixture
def alice(tmp_path: Path, demo_template: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:  # noqa: F811 - the fixture
    database = open_demo(tmp_path, demo_template, "alice", monkeypatch)
    assert database.operator.role.value == "admin"
    yield database
    database.close()


@pytest.fixture
def dave(tmp_path: Path, demo_template: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:  # noqa: F811 - the fixture
    database = open_demo(tmp_path, demo_template, "dave", monkeypatch)
    assert database.operator.role.value == "viewer"
    yield database
    database.close()


def saved_rows(database: Database) -> list[tuple[str, str, str, str, str | None, str]]:
    with database.engine.connect() as conn:
        rows = conn.execute(
            text("SELECT name, url, table_name, timestamp_column, account_column, account_format FROM retention_targets ORDER BY name")
        ).all()
    return [tuple(r) for r in rows]  # type: ignore[misc]


def add_by_core(database: Database, pbx: Pbx, name: str = "pbx") -> None:
    """A target saved by an admin (alice) through the core, its password in the keyring."""
    with database.sessions() as session:
        admin = identify(session, "alice")
    spec = targets.validate(name, pbx.url, "cdr", "calldate", account_column="accountcode", account_format="acct{id}")
    targets.add(database.sessions, admin, spec, password=pbx.password)


def open_box(qtbot, tab: CdrTab) -> tuple[PolicyDialog, TargetsBox]:  # type: ignore[no-untyped-def]
    dialog = tab.open_policies()
    assert dialog is not None and dialog.category == "cdr"
    box = dialog.targets
    qtbot.waitUntil(lambda: box.reading.worker is None and box.category == "cdr", timeout=TIMEOUT)
    return dialog, box


def cell(box: TargetsBox, row: int, col: int) -> str:
    item = box.table.item(row, col)
    assert item is not None
    return item.text()


def test_an_admin_adds_an_asterisk_table_in_mariadb_through_the_dialog(  # type: ignore[no-untyped-def]
    qtbot, alice: Database, pbx: Pbx, memory_keyring: MemoryKeyring, gui_thread_sql: list[str]
) -> None:
    tab = make_tab(qtbot, alice)
    dialog, box = open_box(qtbot, tab)
    assert box.table.rowCount() == 0 and box.add_button.isEnabled()
    assert not box.check_button.isEnabled() and not box.remove_button.isEnabled()  # nothing selected
    gui_thread_sql.clear()

    qtbot.mouseClick(box.add_button, Qt.MouseButton.LeftButton)
    add = box.add_dialog
    assert isinstance(add, AddTargetDialog) and add.isVisible()
    assert add.url.placeholderText() == "mariadb://cdr_reader@db.example.com:3306/asteriskcdrdb"
    assert add.password.echoMode() == add.password.EchoMode.Password
    assert (add.table.text(), add.column.text(), add.account_column.text(), add.account_format.text()) == ("cdr", "calldate", "", "{id}")
    qtbot.keyClicks(add.name, "pbx")
    qtbot.keyClicks(add.url, pbx.url)
    qtbot.keyClicks(add.password, pbx.password)
    qtbot.mouseClick(add.preset, Qt.MouseButton.LeftButton)  # Asterisk's cdr table
    assert (add.table.text(), add.column.text(), add.account_column.text(), add.account_format.text()) == (
        "cdr",
        "calldate",
        "accountcode",
        "acct{id}",
    )
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT), qtbot.waitSignal(box.loaded, timeout=TIMEOUT):
        qtbot.mouseClick(add.add_button, Qt.MouseButton.LeftButton)
    assert gui_thread_sql == []  # the add, the list and the tab's refresh ran on workers
    assert box.add_dialog is None  # success closed it (and it is gone)

    # the row, read back with SQL: the URL as normalised, no password anywhere in the console's database
    assert saved_rows(alice) == [
        ("pbx", pbx.server.url(pbx.database, password=False, driver="mysql+pymysql"), "cdr", "calldate", "accountcode", "acct{id}")
    ]
    assert memory_keyring.entries == {("minisip-console", "target:pbx"): pbx.password}
    assert box.table.rowCount() == 1
    assert cell(box, 0, 0) == "pbx"
    assert cell(box, 0, 1) == f"MySQL root@127.0.0.1:{pbx.server.port}/{pbx.database}"
    assert (cell(box, 0, 2), cell(box, 0, 3)) == ("cdr.calldate", "accountcode as acct{id}")
    assert cell(box, 0, 4).startswith("Warning: cdr.calldate has no index")  # add's own check, shown in the row
    assert "CREATE INDEX ix_cdr_calldate ON cdr (calldate);" in box.detail.text()
    assert box.message.text().startswith("Added retention target pbx (MySQL root@")
    dialog.reject()


def _unreachable(pbx: Pbx) -> str:
    return f"mysql://root@127.0.0.1:{_free_port()}/{pbx.database}"


@pytest.mark.parametrize(
    ("url", "table", "password", "expected"),
    [
        (lambda pbx: "mysql//no-scheme", "cdr", None, "That is not a database URL."),
        (
            lambda pbx: pbx.server.url(pbx.database, driver="mysql"),
            "cdr",
            None,
            "The URL contains a password; a retention target keeps its password only in the OS keyring. "
            "Remove it from the URL and type it into the Password field",
        ),
        (_unreachable, "cdr", None, "cannot reach the database server."),
        (lambda pbx: pbx.url, "cdr", "not-the-password", "Check the password; nothing was saved."),
        (lambda pbx: pbx.url, "no_such_table", None, "no_such_table"),
    ],
    ids=["not-a-url", "password-in-url", "unreachable", "wrong-password", "missing-table"],
)
def test_wrong_input_is_explained_in_the_dialog_and_nothing_typed_is_lost(  # type: ignore[no-untyped-def]
    qtbot, alice: Database, pbx: Pbx, memory_keyring: MemoryKeyring, url, table: str, password: str | None, expected: str
) -> None:
    tab = make_tab(qtbot, alice)
    dialog, box = open_box(qtbot, tab)
    add = box.open_add()
    assert add is not None
    typed, secret = url(pbx), password or pbx.password
    qtbot.keyClicks(add.name, "pbx")
    qtbot.keyClicks(add.url, typed)
    qtbot.keyClicks(add.password, secret)
    add.table.setText(table)
    qtbot.mouseClick(add.add_button, Qt.MouseButton.LeftButton)  # refused at once, or by the core on a worker
    qtbot.waitUntil(lambda: add.adding.worker is None, timeout=TIMEOUT)
    assert add.error.isVisible() and expected in add.error.text(), add.error.text()
    assert "--password-stdin" not in add.error.text()  # the window has a field for it, not a pipe
    assert add.isVisible() and add.add_button.isEnabled()
    assert (add.name.text(), add.url.text(), add.password.text(), add.table.text()) == ("pbx", typed, secret, table)
    assert secret not in add.error.text()
    assert saved_rows(alice) == [] and memory_keyring.entries == {}
    dialog.reject()


def test_a_viewer_lists_and_checks_but_cannot_add_or_remove(  # type: ignore[no-untyped-def]
    qtbot, dave: Database, pbx: Pbx, memory_keyring: MemoryKeyring
) -> None:
    add_by_core(dave, pbx)
    tab = make_tab(qtbot, dave)
    dialog, box = open_box(qtbot, tab)
    assert box.table.rowCount() == 1 and box.selected is not None and box.selected.name == "pbx"
    refused = targets.refusal("add", dave.operator)
    assert refused is not None and "needs the admin role" in refused.message
    assert not box.add_button.isEnabled() and refused.message in box.add_button.toolTip()
    removal = targets.refusal("remove", dave.operator)
    assert removal is not None
    assert not box.remove_button.isEnabled() and removal.message in box.remove_button.toolTip()
    assert box.readonly_note.isVisible() and refused.message in box.readonly_note.text()
    assert box.open_add() is None and box.add_dialog is None
    box.remove()
    assert box.removing.box is None  # nothing asked
    assert box.check_button.isEnabled() and box.password_button.isEnabled()  # open to every operator, as on the command line
    with qtbot.waitSignal(box.checking.finished, timeout=TIMEOUT):
        qtbot.mouseClick(box.check_button, Qt.MouseButton.LeftButton)
    assert cell(box, 0, 4).startswith("Warning: cdr.calldate has no index")
    assert saved_rows(dave)[0][0] == "pbx"
    dialog.reject()


def test_check_shows_the_missing_index_then_ok_once_it_is_made(  # type: ignore[no-untyped-def]
    qtbot, alice: Database, pbx: Pbx, memory_keyring: MemoryKeyring
) -> None:
    add_by_core(alice, pbx)
    tab = make_tab(qtbot, alice)
    dialog, box = open_box(qtbot, tab)
    assert cell(box, 0, 4) == "Not checked" and not box.detail.isVisible()
    with qtbot.waitSignal(box.checking.finished, timeout=TIMEOUT):
        qtbot.mouseClick(box.check_button, Qt.MouseButton.LeftButton)
        assert not box.check_button.isEnabled()  # held while it runs
    assert cell(box, 0, 4).startswith("Warning: cdr.calldate has no index")
    assert box.detail.isVisible() and "Run: CREATE INDEX ix_cdr_calldate ON cdr (calldate);" in box.detail.text()
    assert box.check_button.isEnabled()

    pbx.execute("CREATE INDEX ix_cdr_calldate ON cdr (calldate)")  # what the warning said to run
    with qtbot.waitSignal(box.checking.finished, timeout=TIMEOUT):
        qtbot.mouseClick(box.check_button, Qt.MouseButton.LeftButton)
    assert cell(box, 0, 4) == "OK: cdr.calldate is indexed"

    memory_keyring.entries.clear()  # another OS account: no password here
    with qtbot.waitSignal(box.checking.failed, timeout=TIMEOUT):
        qtbot.mouseClick(box.check_button, Qt.MouseButton.LeftButton)
    assert cell(box, 0, 4).startswith("Failed: Retention target 'pbx'")
    assert "Failed: Retention target 'pbx'" in cell(box, 0, 4) and box.message.isVisible()
    dialog.reject()


def test_remove_asks_first_and_then_removes_the_row_and_its_password(  # type: ignore[no-untyped-def]
    qtbot, alice: Database, pbx: Pbx, memory_keyring: MemoryKeyring
) -> None:
    add_by_core(alice, pbx)
    tab = make_tab(qtbot, alice)
    dialog, box = open_box(qtbot, tab)
    assert box.remove_button.isEnabled()

    qtbot.mouseClick(box.remove_button, Qt.MouseButton.LeftButton)
    question = box.removing.box
    assert isinstance(question, QMessageBox) and "Remove the retention target pbx (" in question.text()
    assert question.defaultButton() is question.escapeButton() is question.button(QMessageBox.StandardButton.Cancel)
    qtbot.mouseClick(question.defaultButton(), Qt.MouseButton.LeftButton)  # the safe answer
    qtbot.waitUntil(lambda: box.removing.box is None, timeout=TIMEOUT)
    assert box.removing.worker is None and [r[0] for r in saved_rows(alice)] == ["pbx"]

    qtbot.mouseClick(box.remove_button, Qt.MouseButton.LeftButton)
    question = box.removing.box
    assert question is not None
    yes = question.findChild(type(question.defaultButton()), "targetRemoveYes")
    assert yes is not None
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT), qtbot.waitSignal(box.loaded, timeout=TIMEOUT):
        qtbot.mouseClick(yes, Qt.MouseButton.LeftButton)
    assert saved_rows(alice) == [] and memory_keyring.entries == {}
    assert box.table.rowCount() == 0 and box.message.text().startswith("Removed retention target pbx (")
    dialog.reject()


def test_set_password_tries_it_and_stores_it_in_the_keyring(  # type: ignore[no-untyped-def]
    qtbot, alice: Database, pbx: Pbx, memory_keyring: MemoryKeyring
) -> None:
    add_by_core(alice, pbx)
    memory_keyring.entries.clear()  # the scheduler's OS account: the target is shared, the keyring is not
    tab = make_tab(qtbot, alice)
    dialog, box = open_box(qtbot, tab)

    qtbot.mouseClick(box.password_button, Qt.MouseButton.LeftButton)
    ask = box.password_box
    assert ask is not None and ask.textEchoMode() == ask.textEchoMode().Password
    ask.setTextValue("not-the-password")
    with qtbot.waitSignal(box.storing.failed, timeout=TIMEOUT):
        ask.accept()
    assert memory_keyring.entries == {}
    assert box.message.isVisible() and box.message.text().endswith("Check the password; nothing was stored.")
    assert "not-the-password" not in box.message.text()

    qtbot.waitUntil(lambda: box.password_box is None, timeout=TIMEOUT)
    qtbot.mouseClick(box.password_button, Qt.MouseButton.LeftButton)
    ask = box.password_box
    assert ask is not None
    ask.setTextValue(pbx.password)
    with qtbot.waitSignal(box.storing.finished, timeout=TIMEOUT):
        ask.accept()
    assert memory_keyring.entries == {("minisip-console", "target:pbx"): pbx.password}
    assert box.message.text() == "Stored the password of pbx in this OS account's keyring."
    assert cell(box, 0, 4).startswith("Warning: cdr.calldate has no index")  # tried on the server and checked
    assert pbx.password not in box.message.text() + box.detail.text()
    dialog.reject()
