"""The Law enforcement tab on a real demo database: intake through the dialog, the court-order rule
on the comply button, four-eyes approval on a worker, the register's models, the verdict turning
red for an overdue notice, notices, holds, disclosures, the transparency report and the empty state.

What was written is checked with SQL and the file system here, not with the core's own reading.
Waits on signals and conditions only, never sleeps.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction
from sqlalchemy import text

from minisip_console.core import legal
from minisip_console.core.operators import OPERATOR_ENV
from minisip_console.core.plumbing.connection import Database, open_database, resolve
from minisip_console.core.plumbing.filestore import FileStore, default_root
from minisip_console.ui import theme
from minisip_console.ui.law_enforcement.models import parse_accounts
from minisip_console.ui.law_enforcement.tab import LegalTab
from minisip_console.ui.notifier import Notifier
from minisip_console.ui.table_model import Roles
from tests.gui.conftest import assert_reason_shown, build_database
from tests.gui.test_grant_dialog import demo_template, open_demo  # noqa: F401 - the module-scoped demo fixture

TIMEOUT = 20_000
#: demo accounts named in the requests recorded here
ACCOUNT, OTHER = 5, 6


def _as(database: Database, login: str, monkeypatch: pytest.MonkeyPatch) -> Database:
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


def make_tab(qtbot, database: Database) -> LegalTab:  # type: ignore[no-untyped-def]
    notifier = Notifier()
    connect_action = QAction("Connect…")
    tab = LegalTab(notifier, connect_action)
    qtbot.addWidget(tab)
    notifier.setParent(tab)
    connect_action.setParent(tab)
    tab.resize(1260, 800)
    tab.show()
    qtbot.waitExposed(tab)
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        tab.set_database(database)
    return tab


def select(qtbot, tab: LegalTab, request_id: int) -> None:  # type: ignore[no-untyped-def]
    """Select a request and wait until its details are read (the actions need them)."""
    if tab.selected is not None and tab.selected.id == request_id:
        return
    with qtbot.waitSignal(tab.details_loaded, timeout=TIMEOUT, check_params_cb=lambda r: r.id == request_id):
        assert tab.select_request(request_id)


def reload(qtbot, tab: LegalTab) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        tab.refresh()


def record(database: Database, process: str, *, accounts: tuple[int, ...] = (ACCOUNT,), **extra: object) -> legal.RequestInfo:
    intake = legal.Intake(
        received_on=dt.datetime.now(dt.UTC).date() - dt.timedelta(days=1),
        agency="Metro Police",
        country="US",
        officer_name="Det. Jane Roe",
        officer_contact="jroe@metro-police.example",
        legal_process=process,
        account_ids=accounts,
        data_sought=("subscriber", "cdrs"),
        reference=f"MP-{process}",
        court_order_ref="Case 1:26-mj-00042, District Court" if process in legal.COMPLIABLE else "",
        **extra,  # type: ignore[arg-type]
    )
    return legal.record_request(database.sessions, database.operator, intake, store=FileStore(default_root(database.engine.url)))


def sql(database: Database, query: str, **params: object) -> list[tuple]:
    with database.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(query), params)]


def test_connecting_builds_the_tab_a_part_per_step_and_the_content_uses_them(qtbot, bob: Database) -> None:  # type: ignore[no-untyped-def]
    """Issue 14: connecting runs each build step on a turn of the event loop of its own (no long stall);
    the parts built first are the ones the content shows, and the tab then works as one built at once."""
    notifier = Notifier()
    connect_action = QAction("Connect…")
    tab = LegalTab(notifier, connect_action)
    qtbot.addWidget(tab)
    notifier.setParent(tab)
    connect_action.setParent(tab)
    steps = tab.build_steps()
    assert len(steps) == 5  # the request's facts, its details, the holds, the disclosures, then the rest
    for step in steps[:-1]:
        step()
        assert not tab.built
    facts, details, holds, disclosures = tab.detail_facts["agency"], tab.details_box, tab.holds_view, tab.disclosures_view
    steps[-1]()
    assert tab.built
    assert tab.ensure_built() is tab.content  # built once: a second call builds nothing
    assert tab.details_box is details and tab.pages.widget(0).isAncestorOf(details) and details.isAncestorOf(facts)
    assert tab.holds_view is holds and tab.pages.widget(1).isAncestorOf(holds)
    assert tab.disclosures_view is disclosures and tab.pages.widget(2).isAncestorOf(disclosures)
    tab.resize(1260, 800)
    tab.show()
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        tab.set_database(bob)
    assert tab.showing_content() and tab.details_box.isVisibleTo(tab) == (tab.model.rowCount() > 0)


def test_parse_accounts() -> None:
    assert parse_accounts("3, 5 7;3") == ((3, 5, 7), None)
    assert parse_accounts("")[1] is not None
    assert "is not an account id" in (parse_accounts("3, x")[1] or "")
    assert "is not an account id" in (parse_accounts("0")[1] or "")
    # the command line's rule for ids: a superscript digit passes str.isdigit but is no id, a huge one does not fit
    assert "'²' is not an account id" in (parse_accounts("3, ²")[1] or "")
    assert "is too large for an account id (at most 2,147,483,647)" in (parse_accounts("99999999999999999999999")[1] or "")


def test_intake_through_the_dialog_records_the_request_its_documents_and_holds(qtbot, bob: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tab = make_tab(qtbot, bob)
    before = {r[0] for r in sql(bob, "SELECT id FROM law_enforcement_requests")}
    assert tab.record_button.isEnabled()
    tab.record_button.click()
    dialog = tab.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=TIMEOUT)
    # the received date cannot be in the future
    assert dialog.received.maximumDate() == QDate.currentDate() or dialog.received.maximumDate() <= QDate.currentDate().addDays(1)

    # accounts checked inline, nothing typed is lost
    qtbot.keyClicks(dialog.accounts, "5, x")
    assert dialog.accounts_error.isVisible() and "is not an account id" in dialog.accounts_error.text()
    qtbot.keyClicks(dialog.agency, "Springfield Police Department")
    qtbot.keyClicks(dialog.country, "US")
    qtbot.keyClicks(dialog.officer, "Det. John Smith")
    qtbot.keyClicks(dialog.contact, "jsmith@springfield-pd.example")
    dialog.process.setCurrentIndex(dialog.process.findData("subpoena"))
    qtbot.keyClicks(dialog.reference, "SPD-2026-0999")
    qtbot.keyClicks(dialog.description, "Subscriber details of the account")
    dialog.sought["subscriber"].setChecked(True)
    dialog.sought["cdrs"].setChecked(True)
    dialog.received.setDate(QDate.currentDate().addDays(-2))
    dialog.hold_days.setValue(30)
    assert dialog.submit() is None
    assert dialog.agency.text() == "Springfield Police Department"
    dialog.accounts.clear()
    qtbot.keyClicks(dialog.accounts, f"{ACCOUNT}, {OTHER}")
    assert not dialog.accounts_error.isVisible()
    document = tmp_path / "subpoena.pdf"
    document.write_bytes(b"%PDF-1.4 subpoena for account 5\n")
    dialog.add_documents([str(document)])
    assert dialog.documents.count() == 1

    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        with qtbot.waitSignal(tab.acted, timeout=TIMEOUT) as blocker:
            dialog.ok_button.click()
    info = blocker.args[0]
    assert info.id not in before
    rows = sql(
        bob,
        "SELECT agency, country, officer_name, legal_process, reference, decision FROM law_enforcement_requests WHERE id = :i",
        i=info.id,
    )
    assert rows == [("Springfield Police Department", "US", "Det. John Smith", "subpoena", "SPD-2026-0999", "pending")]
    assert sorted(r[0] for r in sql(bob, "SELECT account_id FROM law_request_accounts WHERE request_id = :i", i=info.id)) == [
        ACCOUNT,
        OTHER,
    ]
    docs = sql(bob, "SELECT filename, sha256 FROM law_request_documents WHERE request_id = :i", i=info.id)
    assert docs == [("subpoena.pdf", hashlib.sha256(document.read_bytes()).hexdigest())]
    holds = sql(bob, "SELECT account_id FROM legal_holds WHERE law_enforcement_request_id = :i AND released_at IS NULL", i=info.id)
    assert sorted(h[0] for h in holds) == [ACCOUNT, OTHER]
    qtbot.waitUntil(lambda: tab.dialog is None, timeout=TIMEOUT)

    # the new request is selected, its details show the document's hash and its holds with their end dates
    qtbot.waitUntil(lambda: tab.selected is not None and tab.selected.id == info.id, timeout=TIMEOUT)
    assert tab.documents_table.rowCount() == 1
    assert tab.documents_table.item(0, 3).text() == docs[0][1]
    assert tab.request_holds_table.rowCount() == 2
    assert all(tab.request_holds_table.item(r, 3).text() != "No end date" for r in range(2))
    assert "Recorded request" in tab.action_result.text()


def test_the_comply_button_follows_the_court_order_rule(qtbot, bob: Database) -> None:  # type: ignore[no-untyped-def]
    subpoena = record(bob, "subpoena")
    informal = record(bob, "informal")
    order = record(bob, "court_order", accounts=(OTHER,))
    tab = make_tab(qtbot, bob)

    for request in (subpoena, informal):
        select(qtbot, tab, request.id)
        assert not tab.propose_button.isEnabled()
        tip = tab.propose_button.toolTip()
        assert "court-order rule" in tip.lower() and "can only be rejected" in tip, tip
        assert tip == tab.selected.compliance_blocked_by  # type: ignore[union-attr]
        assert not tab.check_button.isEnabled()
        assert tab.reject_button.isEnabled()

    # a court order not checked yet: disabled, saying so; checked: enabled
    select(qtbot, tab, order.id)
    assert not tab.propose_button.isEnabled() and "checked" in tab.propose_button.toolTip()
    assert tab.check_button.isEnabled()
    dialog = tab.record_check()
    assert dialog is not None
    assert dialog.reference.text() == order.court_order_ref
    with qtbot.waitSignal(
        tab.details_loaded, timeout=TIMEOUT, check_params_cb=lambda r: r.id == order.id and r.court_order_checked_by == "bob"
    ):
        dialog.ok_button.click()
    assert tab.propose_button.isEnabled(), tab.propose_button.toolTip()
    assert not tab.check_button.isEnabled()
    assert "Checked by bob" in tab.detail_facts["order"].text()

    # forced on the subpoena, the core refuses, naming the rule, and the refusal is shown
    select(qtbot, tab, subpoena.id)
    with pytest.raises(legal.RuleViolation, match="court-order rule"):
        legal.propose_compliance(bob.sessions, bob.operator, subpoena.id, "full")
    assert sql(bob, "SELECT decision FROM law_enforcement_requests WHERE id = :i", i=subpoena.id) == [("pending",)]

    # the subpoena can only be rejected: the dialog proposes the rule as the reason
    dialog = tab.reject()
    assert dialog is not None
    assert dialog.reason.currentData() == "no_court_order"
    with qtbot.waitSignal(tab.details_loaded, timeout=TIMEOUT, check_params_cb=lambda r: r.id == subpoena.id and r.decision == "rejected"):
        dialog.ok_button.click()
    assert sql(bob, "SELECT decision FROM law_enforcement_requests WHERE id = :i", i=subpoena.id) == [("rejected",)]
    assert not tab.reject_button.isEnabled() and not tab.propose_button.isEnabled()
    assert tab.detail_facts["decision"].text().startswith("Rejected by bob") and "No court order" in tab.detail_facts["decision"].text()


def test_a_second_operator_approves_on_a_worker_and_the_export_is_recorded(qtbot, bob: Database, carol: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    order = record(bob, "court_order", accounts=(ACCOUNT,))
    legal.record_court_order_check(bob.sessions, bob.operator, order.id, order.court_order_ref or "")
    tab = make_tab(qtbot, bob)
    select(qtbot, tab, order.id)
    dialog = tab.propose()
    assert dialog is not None
    dialog.partial.setChecked(True)
    dialog.categories["cdrs"].setChecked(False)
    assert [c for c, b in dialog.categories.items() if b.isChecked()] == ["subscriber"]
    with qtbot.waitSignal(tab.details_loaded, timeout=TIMEOUT, check_params_cb=lambda r: r.id == order.id and r.decision == "proposed"):
        dialog.ok_button.click()
    assert sql(bob, "SELECT decision, compliance_scope, proposed_by FROM law_enforcement_requests WHERE id = :i", i=order.id) == [
        ("proposed", "partial", "bob")
    ]
    # bob is an operator: he cannot approve, and the button says why
    assert not tab.approve_button.isEnabled() and "approver role" in tab.approve_button.toolTip()

    carols = make_tab(qtbot, carol)
    select(qtbot, carols, order.id)
    assert carols.approve_button.isEnabled(), carols.approve_button.toolTip()
    folder = carols.approve()
    assert folder is not None and folder.fileMode() == folder.FileMode.Directory
    folder.reject()
    out = tmp_path / "handed-over"
    out.mkdir()
    with qtbot.waitSignal(carols.approve_finished, timeout=TIMEOUT) as finished:
        carols.start_approve(order.id, out)
        assert carols.running and carols.progress_frame.isVisible() and carols.cancel_button.isEnabled()
        assert not carols.record_button.isEnabled()  # one thing at a time while the export runs
    result = finished.args[0]
    assert result.request.decision == "complied"
    assert not carols.progress_frame.isVisible()
    assert len(result.exports) == 1
    path, disclosure = result.exports[0]
    assert path.is_file() and path.parent == out
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    recorded = sql(
        carol, "SELECT account_id, export_sha256, legal_basis FROM disclosures WHERE law_enforcement_request_id = :i", i=order.id
    )
    assert recorded == [(ACCOUNT, digest, "law")]
    assert sql(carol, "SELECT decision, decided_by FROM law_enforcement_requests WHERE id = :i", i=order.id) == [("complied", "carol")]
    assert digest in carols.action_result.text()
    qtbot.waitUntil(
        lambda: carols.selected is not None and carols.selected.id == order.id and carols.selected.decision == "complied", timeout=TIMEOUT
    )
    assert carols.disclosed_table.rowCount() == 1 and carols.disclosed_table.item(0, 3).text() == digest
    assert carols.disclosures_model is not None
    shown = [carols.disclosures_model.row_at(r).export for r in range(carols.disclosures_model.rowCount())]
    assert digest in shown


def test_four_eyes_the_proposer_cannot_approve(qtbot, carol: Database) -> None:  # type: ignore[no-untyped-def]
    order = record(carol, "search_warrant")
    legal.record_court_order_check(carol.sessions, carol.operator, order.id, order.court_order_ref or "")
    legal.propose_compliance(carol.sessions, carol.operator, order.id, "full")
    tab = make_tab(qtbot, carol)
    select(qtbot, tab, order.id)
    assert not tab.approve_button.isEnabled()
    assert tab.approve_button.toolTip().startswith("Four eyes: carol proposed")
    # forced on a worker, the core refuses and the refusal is shown
    with qtbot.waitSignal(tab.approve_failed, timeout=TIMEOUT) as failed:
        tab.start_approve(order.id, Path(tab.database.engine.url.database or ".").parent)  # type: ignore[union-attr]
    assert failed.args[0].known
    assert tab.action_result.isVisible() and "not complied with" in tab.action_result.text()
    assert sql(carol, "SELECT decision FROM law_enforcement_requests WHERE id = :i", i=order.id) == [("proposed",)]


def test_the_models_pass_the_model_tester(qtbot, qtmodeltester, bob: Database) -> None:  # type: ignore[no-untyped-def]
    record(bob, "subpoena")
    tab = make_tab(qtbot, bob)
    for model in (tab.model, tab.holds_model, tab.disclosures_model):
        assert model is not None and model.rowCount() > 0
        qtmodeltester.check(model)
    model = tab.model
    assert model is not None
    ids = {r[0] for r in sql(bob, "SELECT id FROM law_enforcement_requests")}
    assert {model.row_at(r).id for r in range(model.rowCount())} == ids
    assert model.headerData(7, Qt.Orientation.Horizontal) == "Customer notice"
    assert isinstance(model.index(0, 0).data(Roles.ROW).request, legal.RequestSummary)


def test_the_verdict_turns_red_for_an_overdue_notice(qtbot, bob: Database) -> None:  # type: ignore[no-untyped-def]
    today = dt.datetime.now(dt.UTC).date()
    gagged = record(bob, "court_order", gag_order=True, gag_until=today + dt.timedelta(days=7))
    tab = make_tab(qtbot, bob)
    with bob.sessions() as session:
        checks = legal.checks(session)
    assert tab.verdict.property("kept") is checks.ok
    select(qtbot, tab, gagged.id)
    assert not tab.notify_button.isEnabled()
    assert f"until {(today + dt.timedelta(days=7)).isoformat()}" in tab.notify_button.toolTip()

    # the gag ended long ago and nobody told the customer: the notice is overdue
    with bob.engine.begin() as conn:
        conn.execute(
            text("UPDATE law_enforcement_requests SET gag_until = :d WHERE id = :i"), {"d": today - dt.timedelta(days=30), "i": gagged.id}
        )
    reload(qtbot, tab)
    assert tab.verdict.property("kept") is False
    assert tab.verdict.text().startswith("Promise broken:") and "overdue" in tab.verdict.text()
    assert theme.current().bad in tab.verdict.styleSheet()
    model = tab.model
    assert model is not None
    row = next(r for r in range(model.rowCount()) if model.row_at(r).id == gagged.id)
    cell = model.index(row, 7)
    assert cell.data() == "Overdue"
    assert cell.data(Qt.ItemDataRole.ForegroundRole).color().name() == theme.current().bad
    assert "overdue" in tab.count_label.text()

    # told by hand: the notice is recorded and the verdict is green again (if nothing else is wrong)
    qtbot.waitUntil(lambda: tab.selected is not None and tab.selected.id == gagged.id, timeout=TIMEOUT)
    assert tab.notify_button.isEnabled(), tab.notify_button.toolTip()
    dialog = tab.notify()
    assert dialog is not None
    assert dialog.account_ids() == (ACCOUNT,)
    dialog.by_hand.setChecked(True)
    dialog.channel.setCurrentIndex(dialog.channel.findData("phone"))
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        with qtbot.waitSignal(tab.notified, timeout=TIMEOUT):
            dialog.ok_button.click()
    told = sql(bob, "SELECT notice_channel, notified_by FROM law_request_accounts WHERE request_id = :i", i=gagged.id)
    assert told == [("phone", "bob")]
    with bob.sessions() as session:
        checks = legal.checks(session)
    assert checks.overdue_notices == 0
    assert tab.verdict.property("kept") is checks.ok
    if checks.ok:
        assert theme.current().good in tab.verdict.styleSheet() and tab.verdict.text().startswith("Promise kept")


def test_a_viewer_sees_every_action_disabled_with_a_reason(qtbot, dave: Database) -> None:  # type: ignore[no-untyped-def]
    tab = make_tab(qtbot, dave)
    model = tab.model
    assert model is not None and model.rowCount() > 0
    select(qtbot, tab, model.row_at(0).id)
    for button in (
        tab.record_button,
        tab.check_button,
        tab.propose_button,
        tab.approve_button,
        tab.reject_button,
        tab.notify_button,
        tab.gag_button,
        tab.review_button,
        tab.disclosure_button,
        tab.release_button,
    ):
        assert not button.isEnabled(), button.objectName()
        assert button.toolTip(), button.objectName()
    assert "Dave Lindqvist (viewer)" in tab.record_button.toolTip()
    assert tab.report_button.isEnabled()  # the report only reads


def test_holds_are_listed_with_end_dates_and_an_approver_releases_one(qtbot, bob: Database, carol: Database) -> None:  # type: ignore[no-untyped-def]
    request = record(bob, "preservation", hold_days=30)
    tab = make_tab(qtbot, carol)
    holds = tab.holds_model
    assert holds is not None
    ours = [r for r in range(holds.rowCount()) if holds.row_at(r).hold.request_id == request.id]
    assert len(ours) == 1
    row = holds.row_at(ours[0])
    assert row.state == "In force" and row.ends is not None
    tab.pages.setCurrentIndex(1)
    assert not tab.release_button.isEnabled() and tab.release_button.toolTip() == "Select a hold first."
    tab.holds_view.selectRow(ours[0])
    assert tab.release_button.isEnabled()
    dialog = tab.release_hold()
    assert dialog is not None
    assert dialog.submit() is None and "needs a reason" in dialog.error.text()
    dialog.reason.setText("The agency withdrew the preservation request")
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        dialog.ok_button.click()
    assert sql(carol, "SELECT released_by FROM legal_holds WHERE id = :i", i=row.id) == [("carol",)]
    # bob, an operator, cannot release one
    bobs = make_tab(qtbot, bob)
    bobs.pages.setCurrentIndex(1)
    bobs.holds_view.selectRow(0)
    assert not bobs.release_button.isEnabled() and "approver role" in bobs.release_button.toolTip()


def test_a_disclosure_needs_a_basis(qtbot, bob: Database) -> None:  # type: ignore[no-untyped-def]
    tab = make_tab(qtbot, bob)
    tab.pages.setCurrentIndex(2)
    before = len(sql(bob, "SELECT id FROM disclosures"))
    dialog = tab.record_disclosure()
    assert dialog is not None
    dialog.account.setText(str(ACCOUNT))
    dialog.recipient.setText("Example Payroll Ltd.")
    dialog.evidence.setText("signed form SUP-4321")
    dialog.categories["subscriber"].setChecked(True)
    assert dialog.submit() is None and "legal basis" in dialog.error.text()
    dialog.basis.setCurrentIndex(dialog.basis.findData("permission"))
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        dialog.ok_button.click()
    rows = sql(bob, "SELECT account_id, recipient, legal_basis, data_categories FROM disclosures ORDER BY id DESC LIMIT 1")
    assert rows == [(ACCOUNT, "Example Payroll Ltd.", "permission", "subscriber")]
    assert len(sql(bob, "SELECT id FROM disclosures")) == before + 1
    assert tab.disclosures_model is not None and tab.disclosures_model.rowCount() == before + 1


def test_the_transparency_report_is_saved_and_its_counts_shown(qtbot, bob: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    record(bob, "subpoena")
    record(bob, "court_order", accounts=(OTHER,))
    tab = make_tab(qtbot, bob)
    dialog = tab.transparency_report()
    assert dialog is not None
    today = QDate.currentDate()
    dialog.date_from.setDate(today.addDays(-30))
    dialog.date_to.setDate(today)
    chooser = dialog.choose_file()
    assert chooser.acceptMode() == chooser.AcceptMode.AcceptSave
    chooser.reject()
    target = tmp_path / "report.csv"
    with qtbot.waitSignal(tab.report_written, timeout=TIMEOUT) as written:
        assert dialog.save_to(str(target)) is not None  # counted and written on a worker
        assert not dialog.save_button.isEnabled()  # grey while it runs
    report = written.args[0]
    assert dialog.report is report and dialog.save_button.isEnabled()
    assert target.is_file() and target.stat().st_size > 0
    assert report.total.requests >= 2
    assert dialog.summary.isVisible() and f"{report.total.requests:,} requests" in dialog.summary.text()
    assert dialog.result.rowCount() == len(report.rows) + 1
    # a suffix the core does not write is refused, shown in the dialog
    with qtbot.waitSignal(dialog.saving.failed, timeout=TIMEOUT):
        assert dialog.save_to(str(tmp_path / "report.txt")) is not None
    assert dialog.error.isVisible() and "Use a .csv or .json file name." in dialog.error.text()
    assert not (tmp_path / "report.txt").exists() and dialog.report is report
    # a period that ends before it starts is refused at once, nothing started
    dialog.date_to.setDate(today.addDays(-60))
    assert dialog.save_to(str(tmp_path / "again.csv")) is None
    assert dialog.error.text() == "The period ends before it starts." and not dialog.saving.running


def test_the_empty_register_explains_itself(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv(OPERATOR_ENV, "test-operator")
    database = open_database(resolve(database=build_database(tmp_path / "empty.db", deletions=False)))
    try:
        tab = make_tab(qtbot, database)
        assert tab.register_stack.currentWidget() is tab.register_empty
        assert tab.register_empty.title_text == "No law-enforcement requests yet"
        assert "court order" in tab.register_empty.body_text and "Record request…" in tab.register_empty.body_text
        assert tab.verdict.property("kept") is True
        assert tab.record_button.isEnabled()
        assert not tab.propose_button.isEnabled() and tab.propose_button.toolTip().startswith("Select a request")
        tab.clear()
        assert tab.showing_empty() and "--demo" in tab.empty.body_text
        assert not tab.record_button.isEnabled() and tab.record_button.toolTip() == "Not connected."
    finally:
        database.close()


def test_the_window_registers_the_tab_after_policy_notices(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from minisip_console.ui.connecting import ConnectRequest
    from minisip_console.ui.main_window import MainWindow

    monkeypatch.setenv(OPERATOR_ENV, "test-operator")
    url = build_database(tmp_path / "window.db", deletions=False)
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles[titles.index("&Policy notices") + 1] == "&Law enforcement"
    assert window.legal_tab in window._all_tabs() and window.legal_tab.showing_empty()
    mnemonics = [t[t.index("&") + 1].lower() for t in titles if "&" in t]
    assert len(mnemonics) == len(set(mnemonics)), titles  # every tab's Alt key is its own
    action = next(a for a in window.tab_actions if a.text() == "Law enforcement")
    assert action.shortcuts()[0].toString() == f"Ctrl+{window.tabs.indexOf(window.legal_tab) + 1}"
    with qtbot.waitSignal(window.legal_tab.loaded, timeout=TIMEOUT):
        window.start_connect(ConnectRequest(database=url))
    tab = window.legal_tab
    assert tab.showing_content() and tab.register_stack.currentWidget() is tab.register_empty
    action.trigger()
    assert window.tabs.currentWidget() is tab
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        window.refresh()
    window.disconnect_database()
    assert tab.showing_empty() and tab.database is None


def test_esc_stops_the_export_and_the_request_stays_proposed(
    qtbot, bob: Database, carol: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    import threading

    from minisip_console.core import export

    order = record(bob, "court_order", accounts=(ACCOUNT,))
    legal.record_court_order_check(bob.sessions, bob.operator, order.id, order.court_order_ref or "")
    legal.propose_compliance(bob.sessions, bob.operator, order.id, "full")
    # hold the export at its start until Esc has been pressed, so the stop lands mid-run
    entered, gate = threading.Event(), threading.Event()
    real = export.export_account

    def gated(*args: object, **kwargs: object) -> object:
        entered.set()
        gate.wait(TIMEOUT / 1000)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(export, "export_account", gated)
    tab = make_tab(qtbot, carol)
    select(qtbot, tab, order.id)
    out = tmp_path / "out"
    out.mkdir()
    tab.start_approve(order.id, out)
    qtbot.waitUntil(entered.is_set, timeout=TIMEOUT)
    assert tab.progress_frame.isVisible() and not tab.approve_button.isEnabled()
    assert tab.approve_button.toolTip().startswith("A compliance export is running")
    with qtbot.waitSignal(tab.approve_failed, timeout=TIMEOUT) as failed:
        with qtbot.waitActive(tab, timeout=TIMEOUT):
            tab.activateWindow()
        tab.view.setFocus()
        qtbot.keyClick(tab.view, Qt.Key.Key_Escape)  # the tab's shortcut: Esc stops the export
        assert not tab.cancel_button.isEnabled() and "stopping" in tab.progress_text.text()
        gate.set()
    assert failed.args[0].cancelled
    assert not tab.progress_frame.isVisible() and not tab.running
    assert sql(carol, "SELECT decision FROM law_enforcement_requests WHERE id = :i", i=order.id) == [("proposed",)]
    assert sql(carol, "SELECT count(*) FROM disclosures WHERE law_enforcement_request_id = :i", i=order.id) == [(0,)]
    assert list(out.iterdir()) == []


def test_customers_are_told_by_email_through_the_saved_mail_server(qtbot, bob: Database) -> None:  # type: ignore[no-untyped-def]
    from minisip_console.core.plumbing.mailer import SmtpSettings
    from tests.support.smtp import HOST, SmtpServer

    request = record(bob, "informal", accounts=(ACCOUNT,))
    owner = sql(bob, "SELECT email FROM accounts WHERE id = :i", i=ACCOUNT)[0][0]
    tab = make_tab(qtbot, bob)
    with SmtpServer() as server:
        tab.smtp_settings = SmtpSettings(host=HOST, port=server.port, security="none", from_address="privacy@minisipserver.example")
        select(qtbot, tab, request.id)
        assert tab.notify_button.isEnabled(), tab.notify_button.toolTip()
        dialog = tab.notify()
        assert dialog is not None
        assert dialog.by_email.isChecked() and f"{HOST}:{server.port}" in dialog.by_email.text()
        assert dialog.account_ids() == (ACCOUNT,)
        with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
            with qtbot.waitSignal(tab.notified, timeout=TIMEOUT):
                dialog.ok_button.click()
        assert server.wait_for_messages(1)
        assert server.per_recipient() == {owner: 1}
    assert sql(bob, "SELECT notice_channel, notified_by FROM law_request_accounts WHERE request_id = :i", i=request.id) == [
        ("email", "bob")
    ]
    qtbot.waitUntil(lambda: tab.selected is not None and tab.selected.id == request.id, timeout=TIMEOUT)
    assert not tab.notify_button.isEnabled() and "has been told" in tab.notify_button.toolTip()
    assert tab.accounts_table.item(0, 1).text() == "Told" and tab.accounts_table.item(0, 4).text() == "Email"


def _buttons(tab: LegalTab) -> dict[str, object]:
    return {
        "record": tab.record_button,
        "check": tab.check_button,
        "propose": tab.propose_button,
        "approve": tab.approve_button,
        "reject": tab.reject_button,
        "notify": tab.notify_button,
        "gag": tab.gag_button,
        "review": tab.review_button,
        "disclosure": tab.disclosure_button,
        "report": tab.report_button,
    }


@pytest.mark.parametrize("who", ["bob", "carol", "dave"])
def test_every_button_shows_the_cores_answer_for_every_request_and_role(
    qtbot, request: pytest.FixtureRequest, bob: Database, who: str
) -> None:  # type: ignore[no-untyped-def]
    """The buttons render ``legal.refusal`` and ``holds.release_refusal``: enabled exactly when the
    core says yes, and the core's sentence as the reason when it says no, for each demo role, every
    request in the register (the demo's, plus one in each state the demo lacks) and every hold."""
    from minisip_console.core import holds

    checked = record(bob, "court_order")
    legal.record_court_order_check(bob.sessions, bob.operator, checked.id, "Case 1")
    proposed = record(bob, "search_warrant", accounts=(OTHER,))
    legal.record_court_order_check(bob.sessions, bob.operator, proposed.id, "Case 2")
    legal.propose_compliance(bob.sessions, bob.operator, proposed.id, "full")
    record(bob, "subpoena", gag_order=True, gag_until=dt.datetime.now(dt.UTC).date() + dt.timedelta(days=7))
    record(bob, "preservation", gag_order=True, hold_days=30)
    database: Database = request.getfixturevalue(who)
    tab = make_tab(qtbot, database)
    assert tab.model is not None
    ids = [tab.model.row_at(r).id for r in range(tab.model.rowCount())]
    assert len(ids) >= 7
    counts = {"yes": 0, "no": 0}
    for request_id in ids:
        select(qtbot, tab, request_id)
        answers = legal.actions(tab.selected, database.operator)
        for action, button in _buttons(tab).items():
            error = answers[action]
            assert button.isEnabled() == (error is None), (who, request_id, action, error)  # type: ignore[attr-defined]
            if error is not None:
                assert error.message in button.toolTip(), (who, request_id, action)  # type: ignore[attr-defined]
                line = {"disclosure": tab.disclosure_reasons, "report": None}.get(action, tab.reasons)
                if line is not None:
                    tab.pages.setCurrentIndex(2 if action == "disclosure" else 0)
                    assert_reason_shown(line, button, error)
            counts["no" if error is not None else "yes"] += 1
    assert counts["no"] and counts["yes"]  # both answers were met (the report is open to everyone)

    tab.pages.setCurrentIndex(1)
    assert tab.holds_model is not None and tab.holds_model.rowCount() >= 2
    for row in range(tab.holds_model.rowCount()):
        tab.holds_view.selectRow(row)
        error = holds.release_refusal(tab.selected_hold, database.operator)
        assert tab.release_button.isEnabled() == (error is None), (who, row, error)
        if error is not None:
            assert error.message in tab.release_button.toolTip()
            assert_reason_shown(tab.hold_reasons, tab.release_button, error)


def test_a_gag_order_is_recorded_then_reviewed_on_workers(qtbot, bob: Database) -> None:  # type: ignore[no-untyped-def]
    request = record(bob, "subpoena")
    tab = make_tab(qtbot, bob)
    select(qtbot, tab, request.id)
    assert not tab.review_button.isEnabled()  # no gag order yet
    dialog = tab.gag()
    assert dialog is not None
    dialog.open_ended.setChecked(True)
    with qtbot.waitSignal(tab.details_loaded, timeout=TIMEOUT, check_params_cb=lambda r: r.id == request.id and r.gag_order):
        assert dialog.submit() is not None  # recorded on a worker
        assert not dialog.ok_button.isEnabled()  # grey while it runs
    gag = sql(bob, "SELECT gag_order, gag_until FROM law_enforcement_requests WHERE id = :i", i=request.id)
    assert [(bool(g), until) for g, until in gag] == [(True, None)]
    assert "without an end date" in tab.action_result.text()
    reviews = "SELECT operator_login FROM audit_events WHERE action = 'law_request.gag_review' AND target_id = :i"
    assert sql(bob, reviews, i=str(request.id)) == []

    assert tab.review_button.isEnabled(), tab.review_button.toolTip()
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        with qtbot.waitSignal(tab.acted, timeout=TIMEOUT) as acted:
            assert tab.review_gag() is not None
            assert not tab.review_button.isEnabled()
            assert tab.review_gag() is None  # a second click while it runs starts nothing
    assert acted.args[0].id == request.id and acted.args[0].gag_reviewed_at is not None
    assert sql(bob, reviews, i=str(request.id)) == [("bob",)]
    assert tab.action_result.text() == f"Recorded that the gag order of request {request.id} was reviewed and still stands."


def test_a_dialogs_refusal_from_the_core_is_shown_inline_and_nothing_typed_is_lost(qtbot, bob: Database) -> None:  # type: ignore[no-untyped-def]
    tab = make_tab(qtbot, bob)
    before = sql(bob, "SELECT count(*) FROM law_enforcement_requests")
    dialog = tab.record_request()
    assert dialog is not None
    qtbot.keyClicks(dialog.accounts, "999999")  # a well-formed id the database does not hold: only the core knows
    qtbot.keyClicks(dialog.agency, "Metro Police")
    qtbot.keyClicks(dialog.reference, "MP-1")
    dialog.sought["subscriber"].setChecked(True)
    with qtbot.waitSignal(dialog.acting.failed, timeout=TIMEOUT) as failed:
        assert dialog.submit() is not None
    assert failed.args[0].known and not failed.args[0].cancelled
    assert dialog.isVisible() and dialog.error.isVisible() and failed.args[0].message in dialog.error.text()
    assert dialog.ok_button.isEnabled() and dialog.agency.text() == "Metro Police" and dialog.accounts.text() == "999999"
    assert tab.dialog is dialog
    assert sql(bob, "SELECT count(*) FROM law_enforcement_requests") == before
