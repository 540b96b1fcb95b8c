"""The connect dialog: profiles saved for real, the keyring's refusal shown, keyboard use."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from minisip_console.core.plumbing.profiles import ProfileStore, profile_from_url
from minisip_console.ui.connect_dialog import ConnectDialog
from minisip_console.ui.connecting import ConnectRequest
from tests.gui.conftest import build_database

TIMEOUT = 20_000
SECRET = "s3cret-Pa55"


@pytest.fixture
def no_keyring() -> Iterator[None]:
    """keyring's real 'fail' backend, as on a desktop without a Secret Service: never the user's keyring."""
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def dialog(qtbot) -> ConnectDialog:  # type: ignore[no-untyped-def]
    dlg = ConnectDialog()
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    return dlg


def choose_sqlite(dialog: ConnectDialog, name: str, path: Path) -> None:
    dialog.new_profile()
    dialog.name_edit.setText(name)
    dialog.driver_combo.setCurrentIndex(dialog.driver_combo.findData("sqlite"))
    dialog.database_edit.setText(str(path))


def test_saves_a_sqlite_profile(qtbot, dialog: ConnectDialog, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "office.db"
    build_database(path)
    choose_sqlite(dialog, "office", path)
    assert not dialog.host_edit.isVisible() and not dialog.password_edit.isVisible()  # a file has neither
    with qtbot.waitSignal(dialog.save_finished, timeout=TIMEOUT) as blocker:
        dialog.save_button.click()
    assert blocker.args[0] is True, blocker.args[1]
    saved = ProfileStore().get("office")
    assert (saved.driver, saved.database) == ("sqlite", str(path.resolve()))
    assert [dialog.profile_list.item(i).text() for i in range(dialog.profile_list.count())] == ["office"]
    assert dialog.selected_name() == "office"
    assert "Saved profile office." in dialog.banner.text.text()
    # the form shows the saved profile unchanged: Connect names it
    assert dialog.request() == ConnectRequest(profile="office")


def test_a_refusing_keyring_is_shown_and_nothing_typed_is_lost(qtbot, dialog: ConnectDialog, no_keyring: None) -> None:  # type: ignore[no-untyped-def]
    dialog.new_profile()
    dialog.name_edit.setText("production")
    dialog.host_edit.setText("db.example.com")
    dialog.port_spin.setValue(6543)
    dialog.database_edit.setText("minisip")
    dialog.user_edit.setText("console")
    dialog.tls_combo.setCurrentText("verify-full")
    dialog.password_edit.setText(SECRET)
    with qtbot.waitSignal(dialog.save_finished, timeout=TIMEOUT) as blocker:
        dialog.save_button.click()
    assert blocker.args[0] is False
    assert "No usable OS keyring" in dialog.banner.text.text()
    assert "Secret Service" in dialog.banner.hint.text()
    assert ProfileStore().list() == []  # the keyring comes first: nothing half saved
    assert (dialog.name_edit.text(), dialog.host_edit.text(), dialog.port_spin.value()) == ("production", "db.example.com", 6543)
    assert (dialog.database_edit.text(), dialog.user_edit.text(), dialog.tls_combo.currentText()) == ("minisip", "console", "verify-full")
    assert dialog.password_edit.text() == SECRET
    # the password is never shown
    assert SECRET not in dialog.windowTitle()
    assert SECRET not in dialog.banner.text.text() + dialog.banner.hint.text()
    assert dialog.password_edit.echoMode() == dialog.password_edit.EchoMode.Password
    assert SECRET not in repr(dialog.request())


def test_test_connection_reports_success_and_failure(qtbot, dialog: ConnectDialog, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "ok.db"
    build_database(path)
    choose_sqlite(dialog, "ok", path)
    with qtbot.waitSignal(dialog.test_finished, timeout=TIMEOUT) as blocker:
        dialog.test_button.click()
    assert blocker.args[0] is True
    assert "Connected to ok: SQLite" in dialog.banner.text.text()
    assert "Test Operator (admin)" in dialog.banner.text.text()

    choose_sqlite(dialog, "missing", tmp_path / "missing.db")
    with qtbot.waitSignal(dialog.test_finished, timeout=TIMEOUT) as blocker:
        dialog.test_button.click()
    assert blocker.args[0] is False
    assert "There is no SQLite database at" in dialog.banner.text.text()
    assert "db upgrade" in dialog.banner.hint.text()
    assert not (tmp_path / "missing.db").exists()  # testing never creates a file


def test_form_errors_are_explained(dialog: ConnectDialog) -> None:
    dialog.new_profile()
    dialog.name_edit.setText("bad name!")
    dialog.save_button.click()
    assert "is not a usable profile name" in dialog.banner.text.text()
    dialog.name_edit.setText("prod")
    dialog.connect_button.click()
    assert "host name" in dialog.banner.text.text()
    assert dialog.isVisible()  # nothing to connect to: the dialog stays


def test_enter_connects_and_escape_cancels(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    url = build_database(tmp_path / "kb.db")
    ProfileStore().add(profile_from_url("kb", url))
    dialog = ConnectDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.selected_name() == "kb"
    assert dialog.connect_button.isDefault()
    with qtbot.waitSignal(dialog.connect_requested) as blocker:
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    assert blocker.args[0] == ConnectRequest(profile="kb")
    assert not dialog.isVisible()

    other = ConnectDialog()
    qtbot.addWidget(other)
    other.show()
    qtbot.waitExposed(other)
    with qtbot.waitSignal(other.rejected), qtbot.assertNotEmitted(other.connect_requested):
        qtbot.keyClick(other, Qt.Key.Key_Escape)


def test_every_field_has_a_label_with_a_mnemonic(dialog: ConnectDialog) -> None:
    labels = [label for label in dialog.findChildren(QLabel) if label.buddy() is not None]
    assert len(labels) >= 9
    keys = [label.text().split("&")[1][0].lower() for label in labels]
    assert all("&" in label.text() for label in labels)
    buttons = [dialog.test_button, dialog.save_button, dialog.connect_button, dialog.new_button, dialog.browse_button]
    keys += [b.text().split("&")[1][0].lower() for b in buttons]
    assert len(keys) == len(set(keys)), keys
