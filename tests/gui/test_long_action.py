"""The one long-action path (ui/long_action.py): its life cycle on plain functions, and, through the
tabs themselves, that no write or report of theirs runs SQL on the GUI thread (``gui_thread_sql``)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox, QPushButton, QVBoxLayout, QWidget

from minisip_console.core import deletion
from minisip_console.core.plumbing.connection import Database
from minisip_console.core.plumbing.errors import InvalidInput
from minisip_console.ui import crash
from minisip_console.ui.law_enforcement.tab import LegalTab
from minisip_console.ui.long_action import Confirm, LongAction
from minisip_console.ui.progress_panel import RequestProgress
from minisip_console.ui.workers import Progress, WorkFailure
from tests.gui.test_deletion_tab import _as, bob, carol, sql_states  # noqa: F401 - fixtures
from tests.gui.test_deletion_tab import make_tab as make_deletions_tab
from tests.gui.test_deletion_tab import select as select_request
from tests.gui.test_grant_dialog import demo_template, open_demo  # noqa: F401 - the module-scoped demo fixture

TIMEOUT = 20_000


# --------------------------------------------------------------------------- the path itself


class Owner(QWidget):
    """A tab's stand-in: a button, a progress row and what the action handed back."""

    def __init__(self) -> None:
        super().__init__()
        self.button = QPushButton("Go")
        self.field = QLineEdit()
        self.panel = RequestProgress(self, "test", "&Stop", "testStop", "Stop it (Esc)")
        layout = QVBoxLayout(self)
        layout.addWidget(self.button)
        layout.addWidget(self.field)
        layout.addWidget(self.panel.build())
        self.action = LongAction(self, "test", panel=self.panel)
        self.action.hold_buttons(self.button)
        self.results: list[Any] = []
        self.failures: list[WorkFailure] = []
        self.payloads: list[Any] = []


@pytest.fixture
def owner(qtbot) -> Owner:  # type: ignore[no-untyped-def]
    widget = Owner()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def gated(entered: threading.Event, gate: threading.Event, *, progress: Any, cancel: Any) -> str:
    """Long work: reports a payload, then waits for the test, then stops if asked."""
    progress({"rows": 7})  # any object goes out whole
    progress(3, 10, "copying")
    entered.set()
    gate.wait(TIMEOUT / 1000)
    if cancel():
        from minisip_console.core.plumbing.errors import Cancelled

        raise Cancelled("Stopped before the end.")
    return "done"


def test_one_run_at_a_time_with_its_button_grey_and_its_progress_shown(qtbot, owner: Owner) -> None:  # type: ignore[no-untyped-def]
    entered, gate = threading.Event(), threading.Event()
    owner.button.setEnabled(True)
    worker = owner.action.start(
        gated,
        entered,
        gate,
        callbacks=True,
        panel_text="Working…",
        done=owner.results.append,
        failed=owner.failures.append,
        progress=owner.payloads.append,
    )
    assert worker is not None and owner.action.running
    assert not owner.button.isEnabled() and owner.panel.frame is not None and owner.panel.frame.isVisible()
    assert owner.action.start(gated, entered, gate, callbacks=True) is None  # a second click starts nothing
    qtbot.waitUntil(entered.is_set, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: len(owner.payloads) == 2, timeout=TIMEOUT)
    assert owner.payloads == [{"rows": 7}, Progress(3, 10, "copying")]
    assert owner.panel.text is not None and owner.panel.text.text() == "copying"
    assert owner.panel.bar is not None and (owner.panel.bar.value(), owner.panel.bar.maximum()) == (3, 10)
    with qtbot.waitSignal(owner.action.finished, timeout=TIMEOUT) as finished:
        gate.set()
    assert finished.args == ["done"] and owner.results == ["done"] and not owner.failures
    assert not owner.action.running and owner.button.isEnabled() and not owner.panel.frame.isVisible()


def test_esc_stops_the_work_and_the_failure_says_cancelled(qtbot, owner: Owner) -> None:  # type: ignore[no-untyped-def]
    entered, gate = threading.Event(), threading.Event()
    owner.action.start(gated, entered, gate, callbacks=True, failed=owner.failures.append)
    qtbot.waitUntil(entered.is_set, timeout=TIMEOUT)
    with qtbot.waitSignal(owner.action.failed, timeout=TIMEOUT):
        with qtbot.waitActive(owner, timeout=TIMEOUT):
            owner.activateWindow()
        owner.field.setFocus()
        qtbot.keyClick(owner.field, Qt.Key.Key_Escape)  # the panel's shortcut on its owner
        assert owner.panel.text is not None and owner.panel.text.text().endswith(" · stopping…")
        gate.set()
    (failure,) = owner.failures
    assert failure.cancelled and failure.known and failure.message == "Stopped before the end."


def refuse(what: str) -> None:
    raise InvalidInput(f"{what} is not allowed.", hint="Ask an admin.")


def explode() -> None:
    raise ValueError("a bug in the action")


def test_a_refusal_is_a_value_and_a_bug_reaches_the_crash_dialog(qtbot, owner: Owner) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(owner.action.failed, timeout=TIMEOUT):
        owner.action.start(refuse, "That", failed=owner.failures.append)
    (failure,) = owner.failures
    assert failure.known and (failure.message, failure.hint) == ("That is not allowed.", "Ask an admin.")
    assert not crash.open_dialogs()

    with qtbot.waitSignal(owner.action.failed, timeout=TIMEOUT) as blocker:
        owner.action.start(explode)  # no failed= given: a programming error still reaches the crash dialog
    assert not blocker.args[0].known
    qtbot.waitUntil(lambda: len(crash.open_dialogs()) == 1, timeout=TIMEOUT)
    dialog = crash.open_dialogs()[0]
    qtbot.addWidget(dialog)
    assert "a bug in the action" in dialog.details
    dialog.close()


def test_the_confirmation_defaults_to_cancel_and_only_yes_runs_the_work(qtbot, owner: Owner) -> None:  # type: ignore[no-untyped-def]
    ran: list[str] = []
    ask = Confirm("testConfirm", "Delete", "Delete everything?", "This cannot be undone.", yes="&Delete", yes_name="testYes")
    box = owner.action.confirm(ask, then=lambda: ran.append("yes"), declined=lambda: ran.append("no"))
    assert isinstance(box, QMessageBox) and box.text() == "Delete everything?"
    assert box.defaultButton() is box.escapeButton() is box.button(QMessageBox.StandardButton.Cancel)
    assert owner.action.confirm(ask, then=lambda: ran.append("twice")) is None  # one question at a time
    qtbot.waitExposed(box)
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: ran == ["no"], timeout=TIMEOUT)
    assert owner.action.box is None

    box = owner.action.confirm(ask, then=lambda: ran.append("yes"))
    assert box is not None
    yes = box.findChild(QPushButton, "testYes")
    assert yes is not None
    yes.click()
    qtbot.waitUntil(lambda: ran == ["no", "yes"], timeout=TIMEOUT)


def test_after_reset_a_late_result_goes_nowhere(qtbot, owner: Owner) -> None:  # type: ignore[no-untyped-def]
    entered, gate = threading.Event(), threading.Event()
    worker = owner.action.start(gated, entered, gate, callbacks=True, done=owner.results.append, failed=owner.failures.append)
    assert worker is not None
    qtbot.waitUntil(entered.is_set, timeout=TIMEOUT)
    owner.action.reset()  # as on disconnect
    assert not owner.action.running and owner.button.isEnabled()
    with qtbot.waitSignal(worker.signals.done, timeout=TIMEOUT):
        gate.set()
    assert owner.results == [] and owner.failures == []


# --------------------------------------------------------------------------- no SQL on the GUI thread


def test_the_listener_sees_sql_run_on_the_gui_thread(gui_thread_sql: list[str], bob: Database) -> None:  # noqa: F811
    """The check below can fail: a statement run from the test's own (main) thread is recorded."""
    gui_thread_sql.clear()
    sql_states(bob)
    assert any("deletion_requests" in s for s in gui_thread_sql)


def test_approve_reject_and_the_certificate_run_no_sql_on_the_gui_thread(  # type: ignore[no-untyped-def]
    qtbot,
    gui_thread_sql: list[str],
    bob: Database,
    carol: Database,
    tmp_path: Path,  # noqa: F811
) -> None:
    approve_me = deletion.file_request(bob.sessions, bob.operator, 5, "configurations", ticket="SUP-1")
    reject_me = next(r for r in deletion.list_requests(bob.sessions) if r.state == "received" and r.id != approve_me.id)
    tab = make_deletions_tab(qtbot, carol)
    select_request(qtbot, tab, approve_me.id)

    gui_thread_sql.clear()
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):  # the queue read again, before the next selection
        with qtbot.waitSignal(tab.acted, timeout=TIMEOUT) as acted:
            tab.approve_button.click()
        assert gui_thread_sql == []
    assert acted.args[0].state == "approved"

    select_request(qtbot, tab, reject_me.id)
    dialog = tab.reject()
    assert dialog is not None
    dialog.note.setPlainText("The customer withdrew it.")
    gui_thread_sql.clear()
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        with qtbot.waitSignal(tab.acted, timeout=TIMEOUT) as acted:
            dialog.ok_button.click()
        assert gui_thread_sql == []
    assert acted.args[0].state == "rejected"

    completed = next(i for i, s in sql_states(bob).items() if s == "completed")
    gui_thread_sql.clear()
    with qtbot.waitSignal(tab.certificate_saved, timeout=TIMEOUT):
        tab.save_certificate_to(completed, tmp_path / "certificate.json")
    assert gui_thread_sql == []
    assert (tmp_path / "certificate.json").exists()


@pytest.fixture
def alice(bob: Database, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:  # noqa: F811
    database = _as(bob, "alice", monkeypatch)
    assert database.operator.role.value == "admin"
    yield database
    database.close()


def test_a_policy_save_publish_a_report_and_an_operator_change_run_no_sql_on_the_gui_thread(  # type: ignore[no-untyped-def]
    qtbot,
    gui_thread_sql: list[str],
    alice: Database,
    carol: Database,  # noqa: F811
) -> None:
    from minisip_console.core import policy_versions as pv
    from tests.gui import test_cdr_tab, test_operators_tab, test_policies_tab

    # the CDR tab: the dry run (a report) and the retention policy save
    cdrs = test_cdr_tab.make_tab(qtbot, alice)
    gui_thread_sql.clear()
    with qtbot.waitSignal(cdrs.dry_run_done, timeout=TIMEOUT):
        cdrs.dry_run_button.click()
    assert gui_thread_sql == []
    dialog = cdrs.open_policies()
    assert dialog is not None and dialog.category == "cdr"
    dialog.days.setText("30")
    gui_thread_sql.clear()
    with qtbot.waitSignal(dialog.saved, timeout=TIMEOUT):
        dialog.save_button.click()
    assert gui_thread_sql == []
    dialog.reject()

    # the policies tab: publish (carol, an approver, decided the draft first)
    pv.decide_significance(alice.sessions, carol.operator, "1.1", True, "Owners must know about the new retention.")
    policies = test_policies_tab.make_tab(qtbot, alice)
    test_policies_tab.select(qtbot, policies, "1.1")
    assert policies.publish_button.isEnabled(), policies.publish_button.toolTip()
    gui_thread_sql.clear()
    with qtbot.waitSignal(policies.acted, timeout=TIMEOUT):
        policies.publish_button.click()
    assert gui_thread_sql == []

    # the operators tab: a role change
    operators = test_operators_tab.make_tab(qtbot, alice)
    assert operators.select_operator("dave")
    role_dialog = operators.change_role()
    assert role_dialog is not None
    role_dialog.role.setCurrentIndex(role_dialog.role.findData("operator"))
    gui_thread_sql.clear()
    with qtbot.waitSignal(operators.acted, timeout=TIMEOUT):
        role_dialog.ok_button.click()
    assert gui_thread_sql == []


def test_the_legal_tabs_writes_and_report_run_no_sql_on_the_gui_thread(  # type: ignore[no-untyped-def]
    qtbot,
    gui_thread_sql: list[str],
    bob: Database,
    carol: Database,
    tmp_path: Path,  # noqa: F811
) -> None:
    """Every write of the Law enforcement tab and its report, driven through its buttons and dialogs:
    record (a document copied into the store), check, propose, approve (the export), reject, gag,
    review, notify by hand and by email, disclose, release a hold, the transparency report."""
    from minisip_console.core import holds
    from minisip_console.core.plumbing.mailer import SmtpSettings
    from tests.gui import test_legal_tab as lt
    from tests.support.smtp import HOST, SmtpServer

    order = lt.record(bob, "court_order", accounts=(lt.ACCOUNT,))
    subpoena = lt.record(bob, "subpoena", accounts=(lt.OTHER,))
    informal = lt.record(bob, "informal", accounts=(lt.ACCOUNT,))
    emailed = lt.record(bob, "informal", accounts=(lt.OTHER,))
    tab = lt.make_tab(qtbot, bob)

    def acts(signal: Any, act: Any, *, reload: LegalTab | None = tab) -> Any:
        """Run ``act`` from a cleared list; wait for ``signal`` (and ``reload``'s register read again); no SQL on this thread."""
        gui_thread_sql.clear()
        if reload is not None:
            with qtbot.waitSignal(reload.loaded, timeout=TIMEOUT):
                with qtbot.waitSignal(signal, timeout=TIMEOUT) as blocker:
                    act()
        else:
            with qtbot.waitSignal(signal, timeout=TIMEOUT) as blocker:
                act()
        assert gui_thread_sql == [], gui_thread_sql[:3]
        return blocker.args[0]

    # record a request through the dialog, with a document copied into the file store
    document = tmp_path / "warrant.pdf"
    document.write_bytes(b"%PDF-1.4 a warrant\n")
    intake = tab.record_request()
    assert intake is not None
    intake.accounts.setText(str(lt.ACCOUNT))
    intake.agency.setText("Metro Police")
    intake.reference.setText("MP-GUI-1")
    intake.sought["subscriber"].setChecked(True)
    intake.add_documents([str(document)])
    recorded = acts(tab.acted, intake.ok_button.click)
    assert lt.sql(bob, "SELECT filename FROM law_request_documents WHERE request_id = :i", i=recorded.id) == [("warrant.pdf",)]

    # check the order, propose compliance
    lt.select(qtbot, tab, order.id)
    check = tab.record_check()
    assert check is not None
    assert acts(tab.acted, check.ok_button.click).court_order_checked_by == "bob"
    lt.select(qtbot, tab, order.id)
    propose = tab.propose()
    assert propose is not None
    assert acts(tab.acted, propose.ok_button.click).decision == "proposed"

    # reject the subpoena; a gag order on it, then its review
    lt.select(qtbot, tab, subpoena.id)
    reject = tab.reject()
    assert reject is not None
    assert acts(tab.acted, reject.ok_button.click).decision == "rejected"
    lt.select(qtbot, tab, subpoena.id)
    gag = tab.gag()
    assert gag is not None
    gag.open_ended.setChecked(True)
    assert acts(tab.acted, gag.ok_button.click).gag_order
    lt.select(qtbot, tab, subpoena.id)
    assert tab.review_button.isEnabled(), tab.review_button.toolTip()
    assert acts(tab.acted, tab.review_button.click).id == subpoena.id

    # tell the customers: by hand, and by email through a mail server on this machine
    lt.select(qtbot, tab, informal.id)
    notify = tab.notify()
    assert notify is not None
    notify.by_hand.setChecked(True)
    assert acts(tab.notified, notify.ok_button.click)
    with SmtpServer() as server:
        tab.smtp_settings = SmtpSettings(host=HOST, port=server.port, security="none", from_address="privacy@minisipserver.example")
        lt.select(qtbot, tab, emailed.id)
        notify = tab.notify()
        assert notify is not None and notify.by_email.isChecked()
        assert acts(tab.notified, notify.ok_button.click)
        assert server.wait_for_messages(1)

    # a disclosure, and the transparency report
    disclose = tab.record_disclosure()
    assert disclose is not None
    disclose.account.setText(str(lt.ACCOUNT))
    disclose.recipient.setText("Example Payroll Ltd.")
    disclose.basis.setCurrentIndex(disclose.basis.findData("permission"))
    disclose.evidence.setText("signed form SUP-4321")
    disclose.categories["subscriber"].setChecked(True)
    assert acts(tab.acted, disclose.ok_button.click).recipient == "Example Payroll Ltd."
    report = tab.transparency_report()
    assert report is not None
    report.date_to.setDate(report.date_to.date().addYears(2))
    acts(tab.report_written, lambda: report.save_to(str(tmp_path / "report.csv")), reload=None)
    assert (tmp_path / "report.csv").is_file()

    # carol, an approver: approve the proposal (the export), release a hold
    carols = lt.make_tab(qtbot, carol)
    lt.select(qtbot, carols, order.id)
    out = tmp_path / "handed-over"
    out.mkdir()
    assert acts(carols.approve_finished, lambda: carols.start_approve(order.id, out), reload=carols).request.decision == "complied"
    assert carols.holds_model is not None
    row = next(
        r for r in range(carols.holds_model.rowCount()) if holds.release_refusal(carols.holds_model.row_at(r).hold, carol.operator) is None
    )
    carols.pages.setCurrentIndex(1)
    carols.holds_view.selectRow(row)
    release = carols.release_hold()
    assert release is not None
    release.reason.setText("The agency withdrew it")
    assert acts(carols.acted, release.ok_button.click, reload=carols).released_by == "carol"
