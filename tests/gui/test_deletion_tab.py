"""The Deletion queue tab on a real demo database: the queue, filing as bob, four eyes, approval
as carol, a run from the tab with its verification, the certificate, a viewer, a legal hold and
the empty states.

Rows and files left are checked with SQL and the file system here, not with the core's own
counting. Waits on signals and conditions only, never sleeps.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QPushButton
from sqlalchemy import text

from minisip_console.core import audit, deletion
from minisip_console.core.operators import OPERATOR_ENV
from minisip_console.core.plumbing.connection import Database, open_database, resolve
from minisip_console.ui.deletion_queue.tab import DeletionsTab
from minisip_console.ui.notifier import Notifier
from tests.gui.conftest import assert_reason_shown, build_database
from tests.gui.test_grant_dialog import demo_template, open_demo  # noqa: F401 - the module-scoped demo fixture

TIMEOUT = 20_000
#: the demo's account with configurations and two uploaded files, no hold and no open request
ACCOUNT = 5
#: the demo's account under a legal hold
HELD = 1


def _as(database: Database, login: str, monkeypatch: pytest.MonkeyPatch) -> Database:
    """The same database file, opened by another operator."""
    monkeypatch.setenv(OPERATOR_ENV, login)
    return open_database(resolve(database=database.engine.url.render_as_string(hide_password=False)))


@pytest.fixture
def bob(tmp_path: Path, demo_template: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:  # noqa: F811 - the fixture
    database = open_demo(tmp_path, demo_template, "bob", monkeypatch)
    assert database.operator.role.value == "operator"
    yield database
    database.close()


@pytest.fixture
def carol(bob: Database, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    database = _as(bob, "carol", monkeypatch)
    assert database.operator.role.value == "approver"
    yield database
    database.close()


@pytest.fixture
def dave(bob: Database, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    database = _as(bob, "dave", monkeypatch)
    assert database.operator.role.value == "viewer"
    yield database
    database.close()


def make_tab(qtbot, database: Database) -> DeletionsTab:  # type: ignore[no-untyped-def]
    notifier = Notifier()
    connect_action = QAction("Connect…")
    tab = DeletionsTab(notifier, connect_action)
    qtbot.addWidget(tab)
    notifier.setParent(tab)
    connect_action.setParent(tab)
    tab.resize(1260, 760)
    tab.show()
    qtbot.waitExposed(tab)
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        tab.set_database(database)
    return tab


def select(qtbot, tab: DeletionsTab, request_id: int) -> None:  # type: ignore[no-untyped-def]
    """Select a request and wait until its details (and the timeline) are read."""
    if tab.details is not None and tab.details.request.id == request_id and tab.selected is not None and tab.selected.id == request_id:
        return
    with qtbot.waitSignal(tab.details_loaded, timeout=TIMEOUT, check_params_cb=lambda d: d.request.id == request_id):
        assert tab.select_request(request_id)


def reload(qtbot, tab: DeletionsTab) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        tab.refresh()


def sql_states(database: Database) -> dict[int, str]:
    with database.engine.connect() as conn:
        return {int(i): s for i, s in conn.execute(text("SELECT id, state FROM deletion_requests"))}


def left_for(database: Database, account_id: int) -> dict[str, int]:
    """Independent of the core: the account's configuration rows and uploaded files, and its folder in the store."""
    with database.engine.connect() as conn:
        out = {
            table: int(conn.execute(text(f"SELECT count(*) FROM {table} WHERE account_id = :a"), {"a": account_id}).scalar() or 0)
            for table in ("configurations", "uploaded_files")
        }
    folder = (
        Path(database.engine.url.database or "").with_name(Path(database.engine.url.database or "").stem + "-files")
        / "accounts"
        / str(account_id)
    )
    out["files on disk"] = sum(1 for p in folder.rglob("*") if p.is_file()) if folder.exists() else 0
    return out


def buttons(tab: DeletionsTab) -> dict[str, object]:
    return {
        "new": tab.new_button,
        "approve": tab.approve_button,
        "reject": tab.reject_button,
        "cancel": tab.cancel_request_button,
        "run": tab.run_button,
        "save": tab.save_button,
        "open": tab.open_button,
    }


def test_the_queue_lists_the_demo_requests_with_their_states_and_details(qtbot, bob: Database) -> None:  # type: ignore[no-untyped-def]
    tab = make_tab(qtbot, bob)
    assert tab.showing_content()
    model = tab.model
    assert model is not None
    shown = {model.row_at(r).id: model.index(r, 1).data() for r in range(model.rowCount())}
    assert shown == {i: s.capitalize() for i, s in sql_states(bob).items()}
    assert sorted(s for s in shown.values()) == ["Approved", "Completed", "Received", "Rejected"]
    assert tab.count_label.text() == "4 requests"
    # open requests count their days; closed ones do not
    for r in range(model.rowCount()):
        row = model.row_at(r)
        assert (row.urgency == "") == (row.state in ("completed", "rejected")), row
        assert (model.index(r, 6).data() == "—") == (row.urgency == "")

    # the completed demo request: verification per table and store, the certificate's hash, the audit timeline
    completed = next(i for i, s in sql_states(bob).items() if s == "completed")
    select(qtbot, tab, completed)
    with bob.engine.connect() as conn:
        recorded, head = conn.execute(
            text("SELECT certificate_sha256, audit_head FROM deletion_requests WHERE id = :i"), {"i": completed}
        ).one()
    assert tab.detail_facts["certificate"].text().replace("\n", "") == recorded
    # the audit head is shown only when the certificate carries one
    assert tab.detail_audit_head.isVisible() == bool(head) and tab.detail_audit_head.text() == (head or "")
    assert tab.verification.rowCount() == 3
    assert {tab.verification.item(i, 0).text(): tab.verification.item(i, 1).text() for i in range(3)} == {
        "configurations": "0",
        "file store": "0",
        "uploaded files": "0",
    }
    assert tab.verification_note.text().startswith("Verified: nothing left")
    actions = [tab.timeline_table.item(i, 2).text() for i in range(tab.timeline_table.rowCount())]
    assert actions == ["Filed", "Approved", "Carrying out started", "Verified and completed"]

    # the rejected one shows its reason and note
    rejected = next(i for i, s in sql_states(bob).items() if s == "rejected")
    select(qtbot, tab, rejected)
    assert tab.detail_facts["reason"].isVisible()
    assert "did not come from the account owner" in tab.detail_facts["reason"].text()
    assert "Rejected by carol" in tab.detail_facts["decision"].text()

    # the state filter runs in SQL
    tab.state_filter.setCurrentIndex(next(i for i in range(tab.state_filter.count()) if tab.state_filter.itemData(i) == ("received",)))
    qtbot.waitUntil(lambda: model.rowCount() == 1 and model.row_at(0).state == "received", timeout=TIMEOUT)
    assert tab.count_label.text() == "1 request of 4"
    tab.state_filter.setCurrentIndex(next(i for i in range(tab.state_filter.count()) if tab.state_filter.itemData(i) == ("failed",)))
    qtbot.waitUntil(lambda: tab.queue_stack.currentWidget() is tab.queue_empty, timeout=TIMEOUT)
    assert "4 requests in other states" in tab.queue_empty.body_text


def test_bob_files_carol_approves_and_the_run_leaves_nothing(qtbot, bob: Database, carol: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert any(v > 0 for v in left_for(bob, ACCOUNT).values()), "the demo account holds configurations and files"
    tab = make_tab(qtbot, bob)

    # New request…: checked inline, nothing typed is lost
    tab.new_button.click()
    dialog = tab.new_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=TIMEOUT)
    dialog.account.setText("abc")
    dialog.ticket.setText("x")
    dialog.source.setText("email to support")
    assert dialog.submit() is None
    assert dialog.account_error.isVisible() and "is not an account id" in dialog.account_error.text()
    assert dialog.ticket_error.isVisible() and "is not a ticket reference" in dialog.ticket_error.text()
    assert (dialog.account.text(), dialog.ticket.text(), dialog.source.text()) == ("abc", "x", "email to support")
    for hostile, said in (("²", "is not an account id"), ("99999999999999999999999", "is too large for an account id")):
        dialog.account.setText(hostile)  # passed str.isdigit, then int() or the database failed: now a sentence
        assert dialog.submit() is None and said in dialog.account_error.text()
    dialog.account.setText(str(ACCOUNT))
    dialog.ticket.setText("SUP-7777")
    assert not dialog.account_error.isVisible() and not dialog.ticket_error.isVisible()
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        with qtbot.waitSignal(tab.acted, timeout=TIMEOUT) as blocker:
            qtbot.keyClick(dialog.ticket, "\r")  # Enter files the request
    info = blocker.args[0]
    assert (info.account_id, info.state, info.requested_by, info.ticket_ref) == (ACCOUNT, "received", "bob", "SUP-7777")
    assert sql_states(bob)[info.id] == "received"
    qtbot.waitUntil(lambda: tab.new_dialog is None, timeout=TIMEOUT)

    # a duplicate is refused by the core, shown in the dialog, and the form keeps what was typed
    dialog = tab.new_request()
    assert dialog is not None
    dialog.account.setText(str(ACCOUNT))
    dialog.ticket.setText("SUP-7778")
    with qtbot.waitSignal(dialog.filing.failed, timeout=TIMEOUT):
        assert dialog.submit() is not None  # checked inline, then refused by the core on a worker
    assert dialog.error.isVisible() and f"already has an open configurations deletion request: request {info.id}" in dialog.error.text()
    assert dialog.ticket.text() == "SUP-7778"
    dialog.reject()

    # bob (an operator) cannot approve, least of all his own request: the button says why, and the core refuses if forced
    select(qtbot, tab, info.id)
    assert not tab.approve_button.isEnabled()
    assert "cannot approve a deletion request: that needs the approver role" in tab.approve_button.toolTip()
    assert not tab.run_button.isEnabled() and "needs a second operator's approval first" in tab.run_button.toolTip()
    with qtbot.waitSignal(tab.action_failed, timeout=TIMEOUT) as refused:
        assert tab.approve() is not None  # the core refuses it on a worker
    assert refused.args[0] == "Bob Okafor (operator) cannot approve a deletion request: that needs the approver role or higher."
    assert tab.action_result.isVisible()
    assert sql_states(bob)[info.id] == "received"

    # carol approves (her own tab: the approve button is open to her, with a tooltip)
    carols = make_tab(qtbot, carol)
    select(qtbot, carols, info.id)
    assert carols.approve_button.isEnabled()
    assert "four eyes" in carols.approve_button.toolTip()
    with qtbot.waitSignal(carols.loaded, timeout=TIMEOUT):
        with qtbot.waitSignal(carols.acted, timeout=TIMEOUT):
            carols.approve_button.click()
    assert sql_states(bob)[info.id] == "approved"
    assert carols.selected is not None and carols.selected.state == "approved"

    # bob runs it from his tab: asked first, then carried out on a worker, verified and completed
    reload(qtbot, tab)
    select(qtbot, tab, info.id)
    assert tab.run_button.isEnabled()
    tab.run_button.click()
    qtbot.waitUntil(lambda: tab.confirm_box is not None and tab.confirm_box.isVisible(), timeout=TIMEOUT)
    assert tab.confirm_box is not None and f"account {ACCOUNT} (request {info.id})" in tab.confirm_box.text()
    with qtbot.waitSignal(tab.run_finished, timeout=TIMEOUT) as finished:
        tab.confirm_box.findChild(QPushButton, "deletionRunConfirmYes").click()
        assert tab.running and tab.progress_frame.isVisible() and tab.cancel_run_button.isEnabled()
        assert not tab.new_button.isEnabled()  # one thing at a time while a deletion runs
    outcome = finished.args[0]
    assert outcome.request.state == "completed"
    assert outcome.deleted["uploaded_files"] == 2 and outcome.deleted["file_store"] == 2
    assert all(v == 0 for v in (outcome.request.verification or {}).values())
    assert left_for(bob, ACCOUNT) == {"configurations": 0, "uploaded_files": 0, "files on disk": 0}
    assert sql_states(bob)[info.id] == "completed"
    assert not tab.progress_frame.isVisible()
    assert "verified that nothing is left" in tab.action_result.text()
    qtbot.waitUntil(
        lambda: tab.details is not None and tab.details.request.id == info.id and tab.details.request.state == "completed", timeout=TIMEOUT
    )
    with bob.engine.connect() as conn:
        recorded, head = conn.execute(
            text("SELECT certificate_sha256, audit_head FROM deletion_requests WHERE id = :i"), {"i": info.id}
        ).one()
    assert recorded and tab.detail_facts["certificate"].text().replace("\n", "") == recorded
    # the audit head the certificate was made under: whole, selectable, read-only
    assert head and tab.detail_audit_head.isVisible() and tab.detail_audit_head.text() == head
    assert tab.detail_audit_head.isReadOnly() and head in tab.detail_audit_head.toolTip()
    assert [tab.verification.item(i, 1).text() for i in range(tab.verification.rowCount())] == ["0"] * tab.verification.rowCount()
    assert tab.timeline_table.item(tab.timeline_table.rowCount() - 1, 2).text() == "Verified and completed"

    # Save certificate…: the file dialog, a JSON file whose content hashes to the recorded SHA-256
    assert tab.save_button.isEnabled() and tab.open_button.isEnabled()
    tab.save_button.click()
    file_dialog = tab.file_dialog
    assert file_dialog is not None
    qtbot.waitUntil(file_dialog.isVisible, timeout=TIMEOUT)
    target = tmp_path / "certificate.json"
    file_dialog.selectNameFilter("JSON (*.json)")
    file_dialog.selectFile(str(target))
    with qtbot.waitSignal(tab.certificate_saved, timeout=TIMEOUT) as saved:
        file_dialog.accept()
    assert saved.args[0] == recorded
    cert = json.loads(target.read_text(encoding="utf-8"))
    stated = cert.pop("sha256")
    assert stated == recorded == hashlib.sha256(audit.canonical(cert)).hexdigest()
    assert cert["checked"] and all(v == 0 for v in cert["checked"].values()) and cert["audit_head"] == head
    page = tmp_path / "certificate.html"
    with qtbot.waitSignal(tab.certificate_saved, timeout=TIMEOUT) as saved:
        assert tab.save_certificate_to(info.id, page) is not None
    assert saved.args[0] == recorded
    assert recorded in page.read_text(encoding="utf-8")

    # Open certificate: the page in a browser dialog
    assert tab.open_certificate() is not None
    qtbot.waitUntil(lambda: tab.certificate_view is not None, timeout=TIMEOUT)
    view = tab.certificate_view
    assert view is not None
    qtbot.waitUntil(view.isVisible, timeout=TIMEOUT)
    shown = view.browser.toPlainText()
    assert "Deletion certificate" in shown and recorded in shown and f"{ACCOUNT}" in shown
    assert f"minisip-console audit verify --expect-head {head}" in shown
    view.reject()


@pytest.mark.parametrize("who", ["bob", "carol", "dave"])
def test_every_button_shows_the_cores_answer_for_every_request_and_role(qtbot, request: pytest.FixtureRequest, who: str) -> None:  # type: ignore[no-untyped-def]
    """The buttons render ``deletion.refusal``: enabled exactly when the core says yes, and the core's
    sentence as the reason when it says no, for each demo role and every request in the queue."""
    from minisip_console.core import deletion

    database: Database = request.getfixturevalue(who)
    tab = make_tab(qtbot, database)
    shown = {
        "new": "new",
        "approve": "approve",
        "reject": "reject",
        "cancel": "cancel",
        "run": "run",
        "save": "certificate",
        "open": "certificate",
    }
    seen_yes = seen_no = 0
    for request_id in sorted(sql_states(database)):
        select(qtbot, tab, request_id)
        assert tab.selected is not None
        answers = deletion.actions(tab.selected, database.operator)
        for name, button in buttons(tab).items():
            error = answers[shown[name]]
            assert button.isEnabled() == (error is None), (who, request_id, name, error)  # type: ignore[attr-defined]
            if error is not None:
                assert error.message in button.toolTip(), (who, request_id, name)  # type: ignore[attr-defined]
                assert_reason_shown(tab.reasons, button, error)
                seen_no += 1
            else:
                seen_yes += 1
    assert seen_no and (seen_yes or who == "dave")  # both answers were met (a viewer may do nothing)


def test_a_viewer_sees_every_action_disabled_with_a_reason(qtbot, dave: Database) -> None:  # type: ignore[no-untyped-def]
    tab = make_tab(qtbot, dave)
    for state in ("received", "approved", "completed", "rejected"):
        request_id = next(i for i, s in sql_states(dave).items() if s == state)
        select(qtbot, tab, request_id)
        for name, button in buttons(tab).items():
            assert not button.isEnabled(), (state, name)  # type: ignore[attr-defined]
            assert button.toolTip(), (state, name)  # type: ignore[attr-defined]
        assert "Dave Lindqvist (viewer)" in tab.new_button.toolTip()
    # forced, the core refuses and the refusal is shown as the core wrote it
    received = next(i for i, s in sql_states(dave).items() if s == "received")
    select(qtbot, tab, received)
    with qtbot.waitSignal(tab.action_failed, timeout=TIMEOUT) as refused:
        assert tab.approve() is not None  # the core refuses it on a worker
    assert "cannot approve a deletion request: that needs the approver role" in refused.args[0]
    assert sql_states(dave)[received] == "received"


def test_a_legal_hold_stops_the_run_with_the_cores_message(qtbot, bob: Database, carol: Database) -> None:  # type: ignore[no-untyped-def]
    filed = deletion.file_request(bob.sessions, bob.operator, HELD, "configurations", ticket="SUP-4242")
    deletion.approve(carol.sessions, carol.operator, filed.id)
    before = left_for(bob, HELD)
    tab = make_tab(qtbot, bob)
    select(qtbot, tab, filed.id)
    assert tab.run_button.isEnabled()
    with qtbot.waitSignal(tab.run_failed, timeout=TIMEOUT) as failed:
        tab.start_run(filed.id)
    failure = failed.args[0]
    assert failure.known and "is under a legal hold" in failure.message
    assert f"Account {HELD} is under a legal hold" in tab.action_result.text()
    assert "The hold must be released first" in tab.action_result.text()
    assert not tab.progress_frame.isVisible()
    assert sql_states(bob)[filed.id] == "approved"
    assert left_for(bob, HELD) == before


def test_reject_needs_a_note_for_another_reason_and_cancel_withdraws(qtbot, bob: Database, carol: Database) -> None:  # type: ignore[no-untyped-def]
    received = next(i for i, s in sql_states(bob).items() if s == "received")
    carols = make_tab(qtbot, carol)
    select(qtbot, carols, received)
    dialog = carols.reject()
    assert dialog is not None
    dialog.reason.setCurrentIndex(dialog.reason.findData("other"))
    assert dialog.submit() is None and "needs a note" in dialog.error.text()
    dialog.note.setPlainText("The customer closed the ticket.")
    with qtbot.waitSignal(carols.loaded, timeout=TIMEOUT):
        with qtbot.waitSignal(carols.acted, timeout=TIMEOUT):
            dialog.ok_button.click()
    assert sql_states(bob)[received] == "rejected"
    qtbot.waitUntil(lambda: carols.details is not None and carols.details.request.state == "rejected", timeout=TIMEOUT)
    assert "Another reason" in carols.detail_facts["reason"].text() and "closed the ticket" in carols.detail_facts["reason"].text()

    # bob withdraws his approved request; carol (not the filer, not an admin) may not
    approved = next(i for i, s in sql_states(bob).items() if s == "approved")
    select(qtbot, carols, approved)
    assert not carols.cancel_request_button.isEnabled() and "Only bob" in carols.cancel_request_button.toolTip()
    tab = make_tab(qtbot, bob)
    select(qtbot, tab, approved)
    assert tab.cancel_request_button.isEnabled()
    dialog = tab.cancel_request()
    assert dialog is not None
    dialog.note.setPlainText("Customer changed their mind")
    with qtbot.waitSignal(tab.acted, timeout=TIMEOUT):
        dialog.ok_button.click()
    assert sql_states(bob)[approved] == "cancelled"


def test_empty_states_explain_themselves(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv(OPERATOR_ENV, "test-operator")
    database = open_database(resolve(database=build_database(tmp_path / "empty.db", deletions=False)))
    try:
        tab = make_tab(qtbot, database)
        assert tab.queue_stack.currentWidget() is tab.queue_empty
        assert tab.queue_empty.title_text == "No deletion requests yet"
        assert "New request…" in tab.queue_empty.body_text
        assert tab.new_button.isEnabled()
        assert not tab.approve_button.isEnabled() and tab.approve_button.toolTip() == "Select a request in the queue first."
        tab.clear()
        assert tab.showing_empty() and "--demo" in tab.empty.body_text
        assert not tab.new_button.isEnabled() and tab.new_button.toolTip() == "Not connected."
    finally:
        database.close()


def test_four_eyes_an_approver_cannot_approve_her_own_request(qtbot, carol: Database) -> None:  # type: ignore[no-untyped-def]
    tab = make_tab(qtbot, carol)
    dialog = tab.new_request()
    assert dialog is not None
    dialog.account.setText(str(ACCOUNT))
    dialog.scope.setCurrentIndex(dialog.scope.findData("account"))
    dialog.ticket.setText("SUP-9000")
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        with qtbot.waitSignal(tab.acted, timeout=TIMEOUT) as blocker:
            dialog.ok_button.click()
    info = blocker.args[0]
    assert (info.requested_by, info.scope) == ("carol", "account")
    select(qtbot, tab, info.id)
    assert not tab.approve_button.isEnabled()
    assert (
        tab.approve_button.toolTip()
        == f"carol filed request {info.id} and cannot also approve it. Four eyes: another approver must approve it."
    )
    assert tab.reject_button.isEnabled() and tab.cancel_request_button.isEnabled()
    with qtbot.waitSignal(tab.action_failed, timeout=TIMEOUT) as refused:
        assert tab.approve() is not None  # the core refuses it on a worker
    assert refused.args[0] == f"carol filed request {info.id} and cannot also approve it. Four eyes: another approver must approve it."
    assert tab.action_result.text() == refused.args[0]
    assert sql_states(carol)[info.id] == "received"


def test_a_stopped_run_stays_executing_and_the_next_run_finishes_it(
    qtbot, bob: Database, carol: Database, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    filed = deletion.file_request(bob.sessions, bob.operator, ACCOUNT, "configurations", ticket="SUP-5151")
    deletion.approve(carol.sessions, carol.operator, filed.id)
    # hold the run in its first step until Stop has been pressed, so the stop lands mid-run
    entered, gate = threading.Event(), threading.Event()
    file_paths = deletion._file_paths

    def gated(*args: Any) -> list[str]:
        entered.set()
        gate.wait(TIMEOUT / 1000)
        return file_paths(*args)

    monkeypatch.setattr(deletion, "_file_paths", gated)
    tab = make_tab(qtbot, bob)
    select(qtbot, tab, filed.id)
    tab.start_run(filed.id)
    qtbot.waitUntil(entered.is_set, timeout=TIMEOUT)
    assert tab.progress_frame.isVisible() and not tab.run_button.isEnabled()
    assert tab.run_button.toolTip().startswith("A deletion is being carried out")
    with qtbot.waitSignal(tab.run_failed, timeout=TIMEOUT) as failed:
        tab.cancel_run_button.click()
        gate.set()
    assert failed.args[0].cancelled
    assert "stays executing" in tab.action_result.text()
    assert sql_states(bob)[filed.id] == "executing"
    qtbot.waitUntil(lambda: tab.details is not None and tab.details.request.state == "executing", timeout=TIMEOUT)
    assert tab.run_button.isEnabled() and tab.run_button.text() == "&Resume deletion…"
    with qtbot.waitSignal(tab.run_finished, timeout=TIMEOUT) as finished:
        tab.start_run(filed.id)
    assert finished.args[0].request.state == "completed"
    assert left_for(bob, ACCOUNT) == {"configurations": 0, "uploaded_files": 0, "files on disk": 0}
