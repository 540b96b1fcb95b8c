"""The account details window: behind a grant, rectify, open a file, export, an expired grant.

Real SQLite demo databases (core.demo), the operator bob (operator role). Workers are waited
on with their signals, never sleeps.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, update

from minisip_console.core import access
from minisip_console.core.models import AccessGrant, Account, AuditEvent, UploadedFile
from minisip_console.core.plumbing.connection import Database
from minisip_console.ui.accounts.details import AccountDetailsWindow
from tests.gui.test_grant_dialog import demo_template, open_demo  # noqa: F401 - the module-scoped demo fixture

TIMEOUT = 20_000


@pytest.fixture
def bob(tmp_path: Path, demo_template: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:  # noqa: F811 - the fixture
    database = open_demo(tmp_path, demo_template, "bob", monkeypatch)
    yield database
    database.close()


def an_account_with_files(database: Database) -> int:
    with database.sessions() as session:
        account_id = session.scalar(
            select(UploadedFile.account_id)
            .join(Account, Account.id == UploadedFile.account_id)
            .where(Account.status != "deleted")
            .order_by(UploadedFile.account_id)
            .limit(1)
        )
    assert account_id is not None
    return account_id


def make_window(qtbot, database: Database, account_id: int) -> AccountDetailsWindow:  # type: ignore[no-untyped-def]
    window = AccountDetailsWindow(database, account_id)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def grant(database: Database, account_id: int, minutes: int = 30) -> access.GrantInfo:
    return access.grant_access(database.sessions, database.operator, account_id, "customer_request", "REQ-42", minutes)


def test_without_a_grant_the_details_are_refused_and_nothing_is_shown(qtbot, bob: Database) -> None:  # type: ignore[no-untyped-def]
    account_id = an_account_with_files(bob)
    window = make_window(qtbot, bob, account_id)
    with qtbot.waitSignal(window.failed, timeout=TIMEOUT) as blocker:
        window.load()
    assert f"Cannot see the details of account {account_id}:" in blocker.args[0]
    assert window.message.isVisible()
    assert window.details is None
    assert window.sections.count() == 0
    assert not window.rectify_button.isEnabled() and not window.export_button.isEnabled()


def test_after_a_grant_the_details_are_in_the_clear(qtbot, bob: Database) -> None:  # type: ignore[no-untyped-def]
    account_id = an_account_with_files(bob)
    with bob.sessions() as session:
        account = session.get(Account, account_id)
        assert account is not None
        name, email = account.name, account.email
    grant(bob, account_id)
    window = make_window(qtbot, bob, account_id)
    with qtbot.waitSignal(window.loaded, timeout=TIMEOUT):
        window.load()
    assert window.profile_labels["name"].text() == name
    assert window.profile_labels["email"].text() == email  # unmasked
    assert "***" not in window.profile_labels["email"].text()
    titles = [window.sections.tabText(i) for i in range(window.sections.count())]
    for title in ("&Profile", "Co&nfigurations", "&Files", "Corr&espondence", "C&DRs", "D&isclosures", "Audit &history"):
        assert any(t.startswith(title) for t in titles), (title, titles)
    assert window.files_table.rowCount() >= 1
    # the look itself is in the account's audit history, with who and why
    history = [window.history_table.item(r, 3).text() for r in range(window.history_table.rowCount())]
    assert "account.view" in history and "access.grant" in history
    assert "customer_request" in window.history_table.item(0, 4).text()
    assert window.grant_label.text().startswith("Access: Customer request, REQ-42, ")


def test_rectify_writes_and_a_bad_email_is_refused_inline(qtbot, bob: Database) -> None:  # type: ignore[no-untyped-def]
    account_id = an_account_with_files(bob)
    grant(bob, account_id)
    window = make_window(qtbot, bob, account_id)
    with qtbot.waitSignal(window.loaded, timeout=TIMEOUT):
        window.load()

    dialog = window.open_rectify()
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.fields["email"].setText("not an email")
    with qtbot.assertNotEmitted(dialog.requested):
        dialog.submit()
    assert dialog.errors["email"].isVisible()
    assert "contains a space" in dialog.errors["email"].text()

    dialog.fields["email"].setText("new.address@example.org")
    dialog.fields["company"].setText("Renamed Ltd")
    with qtbot.waitSignal(window.rectified, timeout=TIMEOUT) as blocker:
        dialog.submit()
    assert sorted(blocker.args[0]) == ["company", "email"]
    with bob.sessions() as session:
        account = session.get(Account, account_id)
        assert account is not None and (account.email, account.company) == ("new.address@example.org", "Renamed Ltd")
        event = session.scalar(select(AuditEvent).where(AuditEvent.action == "account.rectify").order_by(AuditEvent.seq.desc()))
        assert event is not None and "new.address" not in event.details  # field names, never the values
    # the window reads the account again
    qtbot.waitUntil(lambda: window.profile_labels["email"].text() == "new.address@example.org", timeout=TIMEOUT)
    assert "Rectified: email, company." == window.message.text()


def test_open_a_file_needs_the_customers_request_and_previews_in_app(qtbot, bob: Database) -> None:  # type: ignore[no-untyped-def]
    account_id = an_account_with_files(bob)
    grant(bob, account_id)
    window = make_window(qtbot, bob, account_id)
    with qtbot.waitSignal(window.loaded, timeout=TIMEOUT):
        window.load()
    file_id = window.details.files[0].id  # type: ignore[union-attr]

    with qtbot.waitSignal(window.failed, timeout=TIMEOUT) as refused:
        window.open_file_with(file_id, "")
    assert "customer's request" in refused.args[0]

    with qtbot.waitSignal(window.file_opened, timeout=TIMEOUT) as opened:
        window.open_file_with(file_id, "REQ-OPEN-1")
    assert window.preview is not None
    qtbot.addWidget(window.preview)
    assert opened.args[0].metadata.id == file_id
    assert opened.args[0].intact
    with bob.sessions() as session:
        assert session.scalar(select(AuditEvent).where(AuditEvent.action == "file.open")) is not None


def test_export_through_the_view_writes_a_zip(qtbot, bob: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    account_id = an_account_with_files(bob)
    grant(bob, account_id)
    window = make_window(qtbot, bob, account_id)
    with qtbot.waitSignal(window.loaded, timeout=TIMEOUT):
        window.load()
    out = tmp_path / "out" / "customer.zip"
    out.parent.mkdir()
    with qtbot.waitSignal(window.export_finished, timeout=TIMEOUT) as blocker:
        worker = window.export_to(out)
        assert worker is not None
        assert window.cancel_button.isVisibleTo(window) and window.progress.isVisibleTo(window)
    receipt = blocker.args[0]
    assert out.is_file() and receipt.path == out
    with zipfile.ZipFile(out) as archive:
        assert "manifest.json" in archive.namelist()
    assert str(out) in window.message.text() and receipt.sha256 in window.message.text()
    assert not window.cancel_button.isVisibleTo(window)


def test_a_grant_that_expired_meanwhile_refuses_the_action_clearly(qtbot, bob: Database) -> None:  # type: ignore[no-untyped-def]
    account_id = an_account_with_files(bob)
    info = grant(bob, account_id)
    window = make_window(qtbot, bob, account_id)
    with qtbot.waitSignal(window.loaded, timeout=TIMEOUT):
        window.load()
    past = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
    with bob.sessions() as session, session.begin():
        session.execute(update(AccessGrant).where(AccessGrant.id == info.id).values(expires_at=past))
    with qtbot.waitSignal(window.failed, timeout=TIMEOUT) as blocker:
        window.rectify({"company": "Too Late Ltd"})
    assert f"your access grant {info.id} expired at" in blocker.args[0]
    assert window.message.isVisible()
    with bob.sessions() as session:
        assert session.get(Account, account_id).company != "Too Late Ltd"  # type: ignore[union-attr]


def test_escape_closes_the_window(qtbot, bob: Database) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    window = make_window(qtbot, bob, an_account_with_files(bob))
    window.activateWindow()
    window.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.isVisible()


def test_each_kind_of_file_previews_in_app(qtbot, bob: Database) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLabel, QPlainTextEdit

    with bob.sessions() as session:
        by_kind = {
            kind: session.scalar(select(UploadedFile).where(UploadedFile.content_type.like(f"{kind}/%")).limit(1))
            for kind in ("text", "image", "audio")
        }
    for kind, row in by_kind.items():
        assert row is not None, kind
        grant(bob, row.account_id)
        window = make_window(qtbot, bob, row.account_id)
        with qtbot.waitSignal(window.file_opened, timeout=TIMEOUT):
            window.open_file_with(row.id, "REQ-7")
        preview = window.preview
        assert preview is not None
        qtbot.addWidget(preview)
        if kind == "text":
            assert isinstance(preview.view, QPlainTextEdit) and preview.view.isReadOnly()
            assert preview.view.toPlainText()
        elif kind == "image":
            assert isinstance(preview.view, QLabel) and not preview.view.pixmap().isNull()
        else:
            assert isinstance(preview.view, QLabel) and "Hz" in preview.view.text()
