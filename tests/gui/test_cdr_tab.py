"""The CDR retention tab on real SQLite databases: the verdict, the dry run, a purge, a cancelled
purge, the age chart's model, permissions and the browser's filters.

Counts are checked against SQL written here, not against the core's own queries. Waits on
signals and conditions only, never sleeps.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QPushButton
from sqlalchemy import text

from minisip_console.core import retention
from minisip_console.core.cdr_browse import age_histogram, status_histogram
from minisip_console.core.operators import OPERATOR_ENV
from minisip_console.core.plumbing.connection import Database, open_database, resolve
from minisip_console.ui import formatting
from minisip_console.ui.cdr_retention import tab as cdr_tab_module
from minisip_console.ui.cdr_retention.age_chart import chart_values
from minisip_console.ui.cdr_retention.tab import CdrTab
from minisip_console.ui.notifier import Notifier
from minisip_console.ui.table_model import Roles
from tests.gui.conftest import assert_reason_shown, build_database
from tests.gui.test_grant_dialog import demo_template, open_demo  # noqa: F401 - the module-scoped demo fixture

TIMEOUT = 20_000


def _open(url: str, login: str, monkeypatch: pytest.MonkeyPatch) -> Database:
    monkeypatch.setenv(OPERATOR_ENV, login)
    return open_database(resolve(database=url))


@pytest.fixture
def bob(tmp_path: Path, demo_template: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:  # noqa: F811 - the fixture
    database = open_demo(tmp_path, demo_template, "bob", monkeypatch)
    assert database.operator.role.value == "operator"
    yield database
    database.close()


@pytest.fixture
def dave(tmp_path: Path, demo_template: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:  # noqa: F811 - the fixture
    database = open_demo(tmp_path, demo_template, "dave", monkeypatch)
    assert database.operator.role.value == "viewer"
    yield database
    database.close()


def make_tab(qtbot, database: Database) -> CdrTab:  # type: ignore[no-untyped-def]
    notifier = Notifier()
    connect_action = QAction("Connect…")
    tab = CdrTab(notifier, connect_action)
    qtbot.addWidget(tab)
    notifier.setParent(tab)
    connect_action.setParent(tab)
    tab.resize(1260, 760)
    tab.show()
    qtbot.waitExposed(tab)
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        tab.set_database(database)
    return tab


def _sql_count(database: Database, where: str = "", **params: Any) -> int:
    with database.engine.connect() as conn:
        return int(conn.execute(text(f"SELECT count(*) FROM cdrs {where}"), params).scalar() or 0)


def _older_than(database: Database, cutoff: Any) -> int:
    # the column holds ISO text on SQLite; compare in whole seconds, as the retention promise does
    return _sql_count(database, "WHERE start < :cutoff", cutoff=cutoff.strftime("%Y-%m-%d %H:%M:%S"))


def _held_accounts(database: Database) -> list[int]:
    """Accounts under a legal hold in force now (read and decided here)."""
    now = dt.datetime.now(dt.UTC)

    def when(value: Any) -> dt.datetime | None:
        if value is None:
            return None
        value = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value

    with database.engine.connect() as conn:
        rows = conn.execute(text("SELECT account_id, placed_at, expires_at, released_at FROM legal_holds")).all()
    return sorted(
        {
            a
            for a, placed, expires, released in rows
            if released is None and when(placed) <= now and (expires is None or when(expires) > now)
        }
    )


def _held_older_than(database: Database, cutoff: Any) -> int:
    """CDRs older than ``cutoff`` of accounts under a legal hold in force now (read and decided here)."""
    held = _held_accounts(database)
    if not held:
        return 0
    return _sql_count(
        database,
        f"WHERE start < :cutoff AND account_id IN ({', '.join(str(int(a)) for a in held)})",
        cutoff=cutoff.strftime("%Y-%m-%d %H:%M:%S"),
    )


def test_the_promise_is_broken_then_a_purge_from_the_tab_keeps_it(qtbot, bob: Database) -> None:  # type: ignore[no-untyped-def]
    tab = make_tab(qtbot, bob)
    assert tab.showing_content()
    snapshot = tab.snapshot
    assert snapshot is not None and snapshot.status.cutoff is not None
    total = _sql_count(bob)
    held = _held_older_than(bob, snapshot.status.cutoff)
    assert held > 0, "the demo's court order holds an account with old CDRs"
    overdue = _older_than(bob, snapshot.status.cutoff) - held  # kept under a hold: no broken promise
    assert overdue > 0, "the demo keeps CDRs past the retention"
    assert tab.total.text() == f"{total:,}"
    assert tab.held.text().startswith(f"{held:,} CDRs kept under legal hold")
    assert tab.overdue.text().startswith(f"{overdue:,} (")
    # broken: rows older than the retention plus the purge interval (31 days), not "exactly 30"
    late_cutoff = snapshot.status.late_cutoff
    assert late_cutoff == snapshot.status.cutoff - dt.timedelta(days=1)
    late = _older_than(bob, late_cutoff) - _held_older_than(bob, late_cutoff)
    assert 0 < late < overdue
    assert tab.verdict.text() == f"Promise broken: {late:,} CDRs older than 31 days"
    assert tab.verdict.property("kept") is False and tab.verdict.property("verdict") == "broken"
    assert tab.late.text() == f"{late:,}: past the retention plus the purge interval: broken"
    assert f"{late:,} rows are older than 31 days" in tab.problems.text()
    # the scheduled purge last ran 61 days ago: said in the banner and at a glance
    assert "The scheduled purge last ran 61 days ago" in tab.problems.text()
    assert tab.schedule_line.text().startswith("Scheduled purge: Last ran 61 days ago")
    assert "svc-retention (the scheduler)" in tab.last_run.text()  # the demo's last run was the scheduler's
    # the chart's legend counts what the verdict counts, at the same cutoff
    assert tab.chart is not None and tab.chart.values is not None
    assert (tab.chart.values.to_purge, tab.chart.values.held) == (overdue, held)

    # the dry run counts the same rows at the snapshot's cutoff and changes nothing
    with qtbot.waitSignal(tab.dry_run_done, timeout=TIMEOUT) as blocker:
        tab.dry_run_button.click()
    plan = blocker.args[0]
    assert plan.rows == overdue and plan.held == held and plan.cutoff == snapshot.status.cutoff
    assert f"would delete {overdue:,} CDRs" in tab.action_result.text()
    assert "The same count as the figures above, at their cutoff." in tab.action_result.text()
    assert f"It would keep {held:,} CDRs of accounts under a legal hold." in tab.action_result.text()
    assert _sql_count(bob) == total

    # Purge now: counted, confirmed, purged on a worker, receipted, and the tab reads everything again
    receipts_before = tab.receipts_model.rowCount()
    tab.purge_button.click()
    qtbot.waitUntil(lambda: tab.confirm_box is not None and tab.confirm_box.isVisible(), timeout=TIMEOUT)
    assert tab.confirm_box is not None
    assert f"Delete {overdue:,} CDRs older than {formatting.timestamp(snapshot.status.cutoff)}" in tab.confirm_box.text()
    with qtbot.waitSignal(tab.purge_finished, timeout=TIMEOUT) as blocker:
        tab.confirm_box.findChild(QPushButton, "cdrPurgeConfirmYes").click()
    (receipt,) = blocker.args[0]
    assert receipt.state == "completed" and receipt.verified
    assert receipt.cutoff == snapshot.status.cutoff  # the cutoff the confirmation named
    assert receipt.rows_deleted == overdue and receipt.rows_skipped_held == held
    assert _sql_count(bob) == total - overdue
    assert _older_than(bob, receipt.cutoff) == held == _held_older_than(bob, receipt.cutoff)
    qtbot.waitUntil(
        lambda: tab.snapshot is not None and tab.snapshot.status.last_run is not None and tab.snapshot.status.last_run.id == receipt.id,
        timeout=TIMEOUT,
    )
    # nothing is late any more, but a purge by hand is not the scheduled one: at risk, not red
    assert tab.snapshot.status.late == 0 and tab.snapshot.status.verdict == "at risk"
    assert tab.verdict.text() == "Scheduled purge last ran 61 days ago: at risk"
    assert tab.held.text().startswith(f"{held:,} CDRs kept under legal hold")
    assert tab.verdict.property("kept") is False and tab.verdict.property("verdict") == "at risk"
    assert not tab.progress_frame.isVisible()
    assert f"{overdue:,} rows deleted" in tab.action_result.text()
    assert tab.receipts_model.rowCount() == receipts_before + 1
    assert tab.receipts_model.row_at(0).id == receipt.id
    assert tab.model is not None and tab.model.rowCount() == total - overdue
    assert tab.chart is not None and tab.chart.values is not None and tab.chart.values.past_total == held  # still there, held
    assert (tab.chart.values.to_purge, tab.chart.values.held) == (0, held)
    assert f"Purge run {receipt.id} (cdr): Completed" in tab.receipt_details.toPlainText()
    assert f"Rows kept for a legal hold: {held:,}" in tab.receipt_details.toPlainText()
    # the audit head the receipt was recorded under, as recorded
    with bob.engine.connect() as conn:
        head = conn.execute(text("SELECT audit_head FROM purge_runs WHERE id = :i"), {"i": receipt.id}).scalar()
    assert head and receipt.audit_head == head
    assert f"Audit head: {head} (check it later: minisip-console audit verify --expect-head {head})" in tab.receipt_details.toPlainText()
    assert tab.receipts_model.headerData(6, Qt.Orientation.Horizontal) == "Kept for holds"
    assert tab.receipts_model.index(0, 6).data() == f"{held:,}"


def test_cancelling_a_purge_leaves_a_cancelled_receipt_and_the_rest(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    url = build_database(tmp_path / "many.db", cdrs=2000)  # one a day: 1,970 past 30 days
    database = _open(url, "test-operator", monkeypatch)
    try:
        monkeypatch.setattr(cdr_tab_module, "PURGE_BATCH_SIZE", 100)
        # hold the first batch until Cancel has been pressed, so the cancel lands mid-purge
        gate = threading.Event()
        checkpoint = retention._checkpoint

        def gated(conn: Any, state: Any) -> None:
            checkpoint(conn, state)
            gate.wait(TIMEOUT / 1000)

        monkeypatch.setattr(retention, "_checkpoint", gated)
        tab = make_tab(qtbot, database)
        assert tab.snapshot is not None
        overdue = _older_than(database, tab.snapshot.status.cutoff)
        assert overdue == 1970
        tab._purge_plan = retention.plan(database.sessions, "cdr")  # what "Purge now..." counted and confirmed
        with qtbot.waitSignal(tab.purge_progressed, timeout=TIMEOUT):
            tab.start_purge()
        assert tab.progress_frame.isVisible() and tab.cancel_button.isEnabled()
        assert f"of {overdue:,} rows deleted" in tab.progress_text.text()
        assert not tab.purge_button.isEnabled()  # one purge at a time from this window
        with qtbot.waitSignal(tab.purge_finished, timeout=TIMEOUT) as blocker:
            tab.cancel_button.click()
            gate.set()
        (receipt,) = blocker.args[0]
        assert receipt.state == "cancelled"
        assert receipt.rows_deleted < overdue
        assert _older_than(database, receipt.cutoff) == overdue - receipt.rows_deleted > 0
        assert "cancelled" in tab.action_result.text()
        qtbot.waitUntil(lambda: tab.receipts_model.rowCount() > 0 and tab.receipts_model.row_at(0).id == receipt.id, timeout=TIMEOUT)
        assert tab.receipts_model.index(0, 4).data() == "Cancelled"
        assert tab.verdict.text().startswith("Promise broken:")
    finally:
        database.close()


def test_the_chart_model_counts_what_the_histogram_counts(qtbot, bob: Database) -> None:  # type: ignore[no-untyped-def]
    tab = make_tab(qtbot, bob)
    assert tab.snapshot is not None and tab.snapshot.status.target is not None
    status = tab.snapshot.status
    histogram = status_histogram(bob.engine, status)
    by_days = age_histogram(bob.engine, status.target, now=status.now, cutoff_days=30)
    assert histogram.buckets == by_days.buckets and histogram.older == by_days.older
    chart = tab.chart
    assert chart is not None and not chart.showing_empty()
    values = chart.values
    assert values is not None and values == chart_values(histogram)
    buckets = dict(histogram.buckets)
    for age, within, past in zip(values.ages, values.within, values.past, strict=True):
        expected = histogram.older if age is None else buckets[age]
        assert within + past == expected
        assert (within if age is not None and age < 30 else past) == expected
    # the red bars hold every row past the cutoff; the legend names those a purge deletes (the verdict's) and the held ones
    assert values.past_total == by_days.past_cutoff == status.overdue + status.held
    assert values.to_purge == histogram.past_cutoff == status.overdue > 0 and values.held == status.held
    assert values.total == histogram.total == _sql_count(bob, "WHERE start IS NOT NULL")
    # what Qt draws: the chart's two bar sets hold exactly these values
    bars = chart.chart.series()[0]
    sets = bars.barSets()
    assert [[int(s.at(i)) for i in range(s.count())] for s in sets] == [list(values.within), list(values.past)]


def test_an_empty_database_explains_the_chart_and_keeps_the_promise(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    database = _open(build_database(tmp_path / "empty.db", cdrs=0), "test-operator", monkeypatch)
    try:
        tab = make_tab(qtbot, database)
        assert tab.chart is not None and tab.chart.showing_empty()
        assert tab.chart.empty.title_text == "No CDRs to chart"
        assert tab.verdict.text() == "Promise kept: no CDR older than 31 days"  # the retention plus the daily purge's interval
        assert tab.oldest.text() == "No CDRs in this database"
        tab.clear()
        assert tab.showing_empty() and "--demo" in tab.empty.body_text
    finally:
        database.close()


def test_a_viewer_cannot_purge(qtbot, dave: Database) -> None:  # type: ignore[no-untyped-def]
    tab = make_tab(qtbot, dave)
    assert not tab.purge_button.isEnabled()
    assert "needs the operator role" in tab.purge_button.toolTip()
    assert tab.purge() is None
    assert tab.dry_run_button.isEnabled()  # counting is open to everyone
    dialog = tab.open_policies()
    assert dialog is not None
    assert not dialog.save_button.isEnabled() and "needs the admin role" in dialog.save_button.toolTip()
    dialog.reject()


@pytest.mark.parametrize("who", ["bob", "dave", "alice"])
def test_the_purge_and_policy_buttons_show_the_cores_answer(
    qtbot, tmp_path: Path, demo_template: Path, monkeypatch: pytest.MonkeyPatch, who: str
) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    """Purge and Save policy render ``retention.refusal``: enabled exactly when the core says yes,
    with the core's sentence as the reason (and the read-only note) when it says no."""
    from minisip_console.core import retention

    database = open_demo(tmp_path, demo_template, who, monkeypatch)
    try:
        tab = make_tab(qtbot, database)
        purge = retention.refusal("purge", database.operator)
        assert tab.purge_button.isEnabled() == (purge is None), who
        assert purge is None or purge.message in tab.purge_button.toolTip()
        if purge is not None:
            assert_reason_shown(tab.reasons, tab.purge_button, purge)
        else:
            assert not tab.reasons.isVisible()
        dialog = tab.open_policies()
        assert dialog is not None
        save = retention.refusal("set_policy", database.operator)
        assert (save is None) == (who == "alice")  # the admin only: the check can fail either way
        assert dialog.save_button.isEnabled() == (save is None) or dialog.table.currentRow() < 0, who
        if save is not None:
            assert not dialog.save_button.isEnabled() and save.message in dialog.save_button.toolTip()
            assert save.message in dialog.readonly_note.text()
        dialog.reject()
    finally:
        database.close()


def test_invalid_filters_are_explained_inline_and_valid_ones_filter_in_sql(qtbot, bob: Database) -> None:  # type: ignore[no-untyped-def]
    tab = make_tab(qtbot, bob)
    tab.pages.setCurrentIndex(1)
    assert tab.model is not None and tab.model.rowCount() == _sql_count(bob)
    row = tab.model.index(0, 0).data(Roles.ROW)
    assert row.masked and (row.src or "").startswith("•••••")  # no grant: numbers masked by the core

    tab.account_filter.setText("abc")
    with qtbot.waitSignal(tab.filter_rejected, timeout=TIMEOUT) as blocker:
        tab.apply_button.click()
    assert "is not an account id" in blocker.args[0]
    assert tab.filter_error.isVisible()
    assert tab.account_filter.text() == "abc"  # nothing typed is lost
    tab.account_filter.setText("²")  # str.isdigit says yes, int() said ValueError
    with qtbot.waitSignal(tab.filter_rejected, timeout=TIMEOUT) as blocker:
        tab.apply_button.click()
    assert "'²' is not an account id" in blocker.args[0]

    tab.account_filter.clear()
    tab.use_dates.setChecked(True)
    tab.since.setDate(QDate(2026, 3, 2))
    tab.until.setDate(QDate(2026, 3, 1))
    with qtbot.waitSignal(tab.filter_rejected, timeout=TIMEOUT) as blocker:
        tab.apply_button.click()
    assert "date range is empty" in blocker.args[0]
    assert tab.since.date() == QDate(2026, 3, 2)

    tab.use_dates.setChecked(False)
    account = int(bob.engine.connect().execute(text("SELECT account_id FROM cdrs WHERE account_id IS NOT NULL LIMIT 1")).scalar() or 0)
    tab.account_filter.setText(str(account))
    tab.disposition_filter.setCurrentIndex(tab.disposition_filter.findData("ANSWERED"))
    expected = _sql_count(bob, "WHERE account_id = :a AND upper(disposition) = 'ANSWERED'", a=account)
    with qtbot.waitSignal(tab.filter_applied, timeout=TIMEOUT) as blocker:
        tab.apply_button.click()
    assert blocker.args[0] == expected
    assert not tab.filter_error.isVisible()
    assert {tab.model.index(r, 0).data(Roles.ROW).account for r in range(tab.model.rowCount())} <= {account}


def test_an_admin_sets_the_cdr_retention_and_the_tab_marks_the_broken_promise(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    database = _open(build_database(tmp_path / "policy.db", cdrs=40), "test-operator", monkeypatch)
    try:
        tab = make_tab(qtbot, database)
        dialog = tab.open_policies()
        assert dialog is not None and dialog.save_button.isEnabled()
        assert dialog.category == "cdr"
        dialog.days.setText("0")
        with qtbot.waitSignal(dialog.saving.failed, timeout=TIMEOUT):
            assert dialog.save() is not None  # refused by the core on a worker
        assert "would delete everything at once" in dialog.error.text()
        dialog.days.setText("45")
        assert dialog.promise_mark.isVisible() and "breaks the privacy policy's promise" in dialog.promise_mark.text()
        with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
            assert dialog.save() is not None
        assert dialog.table.item(0, 6).text().startswith("Broken: The retention is 45 days")  # the status's verdict
        assert tab.verdict.text().startswith("Promise broken:")
        assert "The retention is 45 days: the privacy policy promises 30." in tab.problems.text()
        dialog.reject()
    finally:
        database.close()


def test_a_missing_index_is_shown_with_the_statement_that_creates_it(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    url = build_database(tmp_path / "noindex.db", cdrs=40)
    database = _open(url, "test-operator", monkeypatch)
    try:
        with database.engine.begin() as conn:
            names = (
                conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'cdrs' AND sql LIKE '%start%'"))
                .scalars()
                .all()
            )
            assert names
            for name in names:
                conn.execute(text(f'DROP INDEX "{name}"'))
        tab = make_tab(qtbot, database)
        assert tab.warnings.isVisible()
        assert "cdrs.start has no index" in tab.warnings.text()
        assert tab.warnings.text().endswith("Run: CREATE INDEX ix_cdrs_start ON cdrs (start);")
        assert tab.warnings.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse  # to copy the statement
        assert tab.verdict.text() == "Promise broken: 9 CDRs older than 31 days"  # one a day: 31 to 39 days old
    finally:
        database.close()


def _messages_older_than(database: Database, cutoff: Any, *, held: bool | None = None) -> int:
    """Support messages older than ``cutoff``: all, or only those of held accounts (``held``), or
    only the others (``held=False``)."""
    accounts = ", ".join(str(int(a)) for a in _held_accounts(database)) or "NULL"
    where = {None: "", True: f" AND account_id IN ({accounts})", False: f" AND (account_id IS NULL OR account_id NOT IN ({accounts}))"}
    with database.engine.connect() as conn:
        return int(
            conn.execute(
                text(f"SELECT count(*) FROM support_messages WHERE sent_at < :c{where[held]}"), {"c": cutoff.strftime("%Y-%m-%d %H:%M:%S")}
            ).scalar()
            or 0
        )


def test_the_tab_shows_every_category_with_the_cores_verdict(qtbot, bob: Database) -> None:  # type: ignore[no-untyped-def]
    tab = make_tab(qtbot, bob)
    assert tab.snapshot is not None
    expected = retention.statuses(bob.sessions, now=tab.snapshot.status.now)  # the same moment, read again here
    table = tab.categories
    assert table.rowCount() == 4
    assert [table.item(r, 0).text() for r in range(4)] == [retention.CATEGORY_LABELS[c] for c in retention.CATEGORIES]
    assert [table.item(r, 1).text() for r in range(4)] == [s.verdict for s in expected]
    assert [s.verdict for s in tab.snapshot.statuses] == [s.verdict for s in expected]
    assert {s.now for s in tab.snapshot.statuses} == {tab.snapshot.status.now}  # one moment for every category
    assert table.item(0, 1).text() == "broken" and table.item(0, 5).text().startswith("Last ran 61 days ago")
    assert table.item(2, 2).text() == "— (review date only)"  # surveys: kept until their review date
    assert expected[0].reasons[0] in table.item(0, 1).toolTip()

    # surveys: no day limit, so nothing to dry-run or purge, and the buttons say why
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        table.selectRow(2)
    assert tab.category == "survey" and tab.snapshot.category == "survey"
    assert tab.verdict.text().startswith("Promise kept: survey responses are reviewed by")
    assert not tab.dry_run_button.isEnabled() and not tab.purge_button.isEnabled()
    assert "only a review date" in tab.dry_run_button.toolTip()
    assert tab.dry_run() is None and tab.purge() is None
    assert tab.chart is not None and tab.chart.showing_empty()

    # the policies dialog's check is each category's verdict, not whether its table exists
    dialog = tab.open_policies()
    assert dialog is not None
    checks = [dialog.table.item(r, 6).text() for r in range(4)]
    assert checks[0].startswith("Broken: ") and expected[0].reasons[0] in checks[0]
    assert [c.split(":")[0].lower() for c in checks] == [s.verdict for s in tab.snapshot.statuses]
    assert dialog.table.item(0, 2).text() == "1 day"  # the purge interval
    dialog.reject()


def test_a_dry_run_and_a_purge_of_correspondence_from_the_tab(qtbot, bob: Database) -> None:  # type: ignore[no-untyped-def]
    from minisip_console.core.models import SupportMessage, utcnow

    now = utcnow().replace(microsecond=0)
    with bob.sessions.begin() as session:  # correspondence past its 730 days (no account: no legal hold can keep it)
        for days in (800, 760, 745, 731):
            session.add(
                SupportMessage(
                    account_id=None,
                    ticket_ref="T-OLD",
                    direction="inbound",
                    from_address="old@example.com",
                    subject="old",
                    body="old",
                    sent_at=now - dt.timedelta(days=days),
                )
            )
        session.add(
            SupportMessage(
                account_id=None,
                ticket_ref="T-NEW",
                direction="inbound",
                from_address="new@example.com",
                subject="new",
                body="new",
                sent_at=now - dt.timedelta(days=700),
            )
        )
    tab = make_tab(qtbot, bob)
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT) as blocker:
        assert tab.show_category("correspondence") is not None
    snapshot = blocker.args[0]
    status = snapshot.status
    assert snapshot.category == "correspondence" and status.policy.days == 730
    past = _messages_older_than(bob, status.cutoff, held=False)  # the demo's held account has old messages too: kept
    late = _messages_older_than(bob, status.late_cutoff, held=False)
    kept = _messages_older_than(bob, status.cutoff, held=True)
    assert past >= 4 and late >= 4 and (status.overdue, status.late, status.held) == (past, late, kept)
    assert tab.verdict.text() == f"Promise broken: {late:,} messages older than 731 days"
    assert tab.total_title.text() == "Messages in total:"
    assert tab.chart is not None and tab.chart.values is not None and tab.chart.values.to_purge == past
    assert tab.categories.item(1, 1).text() == "broken"

    with qtbot.waitSignal(tab.dry_run_done, timeout=TIMEOUT) as blocker:
        tab.dry_run_button.click()
    plan = blocker.args[0]
    assert plan.category == "correspondence" and plan.rows == past and plan.cutoff == status.cutoff
    assert f"a purge would delete {past:,} messages older than the cutoff" in tab.action_result.text()
    assert "The same count as the figures above" in tab.action_result.text()
    assert _messages_older_than(bob, status.cutoff, held=False) == past  # nothing deleted

    tab.purge_button.click()
    qtbot.waitUntil(lambda: tab.confirm_box is not None and tab.confirm_box.isVisible(), timeout=TIMEOUT)
    assert tab.confirm_box is not None and f"Delete {past:,} messages older than" in tab.confirm_box.text()
    with qtbot.waitSignal(tab.purge_finished, timeout=TIMEOUT) as blocker:
        tab.confirm_box.findChild(QPushButton, "cdrPurgeConfirmYes").click()
    (receipt,) = blocker.args[0]
    assert receipt.category == "correspondence" and receipt.ok and receipt.rows_deleted == past
    assert receipt.cutoff == status.cutoff and receipt.target == "support_messages.sent_at"
    assert _messages_older_than(bob, status.cutoff, held=False) == 0 and _messages_older_than(bob, status.cutoff, held=True) == kept
    with bob.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM support_messages WHERE ticket_ref = 'T-NEW'")).scalar() == 1
    qtbot.waitUntil(
        lambda: (
            tab.snapshot is not None
            and tab.snapshot.category == "correspondence"
            and tab.snapshot.status.last_run is not None
            and tab.snapshot.status.last_run.id == receipt.id
        ),
        timeout=TIMEOUT,
    )
    after = tab.snapshot.status
    assert after.late == after.overdue == 0 and after.verdict == "at risk"  # by hand; the scheduler never ran for it
    assert tab.verdict.text() == "The scheduled purge has never run: at risk"
    assert tab.receipts_model.row_at(0).id == receipt.id and tab.receipts_model.rowCount() == 1  # the category's receipts
