"""Issue 17's "done when", in the window: an Asterisk ``cdr`` table in a real MariaDB server, saved as a
second CDR retention target with its password in a real Secret Service keyring, is its own row of the
CDR tab with its own verdict; selecting it shows its figures; Dry run counts its rows; Purge deletes
them in MariaDB with a receipt that names the target and verifies; the row turns kept; the Overview's
CDR promise counts it.

The console's own database is the demo (SQLite); every count checked is read from MariaDB with PyMySQL
or from the console's database with SQL written here. Waits on signals and conditions only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QPushButton
from sqlalchemy import text

from minisip_console.core import retention, targets
from minisip_console.core.overview import load_overview
from minisip_console.core.plumbing import secrets
from minisip_console.core.plumbing.connection import Database
from minisip_console.ui import formatting
from minisip_console.ui.cdr_retention.tab import TARGET_ROLE, CdrTab
from minisip_console.ui.notifier import Notifier
from minisip_console.ui.overview.tab import OverviewTab
from tests.gui.test_cdr_tab import make_tab
from tests.gui.test_grant_dialog import demo_template, open_demo  # noqa: F401 - the module-scoped demo fixture
from tests.integration.conftest import secret_service  # noqa: F401 - a private, real Secret Service
from tests.support.asterisk import cdr_rows, create_cdr_table, insert_cdrs
from tests.support.mariadbserver import MariaDBServer

pytestmark = [pytest.mark.mariadb, pytest.mark.keyring]

TIMEOUT = 30_000
NAME = "pbx"
OLD, NEW = 40, 30


@pytest.fixture
def alice(tmp_path: Path, demo_template: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:  # noqa: F811 - the fixture
    database = open_demo(tmp_path, demo_template, "alice", monkeypatch)
    assert database.operator.role.value == "admin"
    yield database
    database.close()


class Asterisk:
    """Asterisk's ``cdr`` table in its own MariaDB database, read back with PyMySQL."""

    def __init__(self, server: MariaDBServer) -> None:
        self.server = server
        self.database = server.create_database()
        with server.connect(self.database) as conn:
            create_cdr_table(conn)

    def count(self, where: str = "", **params: Any) -> int:
        with self.server.connect(self.database) as conn, conn.cursor() as cur:
            cur.execute(f"SELECT count(*) FROM cdr {where}", params)
            return int(cur.fetchone()[0])

    def older_than(self, cutoff: dt.datetime) -> int:
        # Asterisk writes calldate as a naive DATETIME; the tests run in UTC
        return self.count("WHERE calldate < %(cutoff)s", cutoff=cutoff.astimezone(dt.UTC).replace(tzinfo=None))


def _own_cdrs(database: Database) -> int:
    with database.engine.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM cdrs")).scalar() or 0)


def _row_of(tab: CdrTab, name: str | None) -> int:
    """The categories table's row of the CDRs' own table (None) or of a saved target."""
    for row in range(tab.categories.rowCount()):
        item = tab.categories.item(row, 0)
        if item.data(Qt.ItemDataRole.UserRole) == "cdr" and (item.data(TARGET_ROLE) or None) == name:
            return row
    raise AssertionError(f"no row for {name!r}")


def test_a_mariadb_target_is_its_own_row_purged_from_the_tab_with_a_receipt_and_counted_on_the_overview(  # type: ignore[no-untyped-def]
    qtbot,
    alice: Database,
    mariadb_server: MariaDBServer,
    secret_service,  # noqa: F811 - the fixture
) -> None:
    # a new user's second CDR store: Asterisk's table in MariaDB, added as a saved target, password in the keyring
    pbx = Asterisk(mariadb_server)
    url = mariadb_server.url(pbx.database, password=False, driver="mysql")  # as a user writes it
    spec = targets.validate(NAME, url, "cdr", "calldate", account_column="accountcode", account_format="acct{id}")
    targets.add(alice.sessions, alice.operator, spec, password=mariadb_server.password)
    assert secrets.get_password(NAME, kind=targets.KEYRING_KIND) == mariadb_server.password
    # the scheduler purges it daily (it ran today, on the empty table); then old rows arrive (an import)
    (scheduled,) = retention.run_purge(alice.sessions, alice.operator, target=NAME, trigger="scheduler")
    assert scheduled.ok and scheduled.target_name == NAME
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    with mariadb_server.connect(pbx.database) as conn:
        insert_cdrs(conn, cdr_rows(OLD, start=now - dt.timedelta(days=60), end=now - dt.timedelta(days=35), accounts=(7, 8)))
        insert_cdrs(conn, cdr_rows(NEW, start=now - dt.timedelta(days=20), end=now - dt.timedelta(hours=1), accounts=(7, 8)))
    assert pbx.count() == OLD + NEW
    own = _own_cdrs(alice)

    # the CDR tab: the console's own CDR table and the target, each its own row with its own verdict
    tab = make_tab(qtbot, alice)
    label = f"CDRs: {NAME} (MySQL, cdr.calldate)"
    own_row, row = _row_of(tab, None), _row_of(tab, NAME)
    assert own_row != row
    assert tab.categories.item(own_row, 0).text() == "Call detail records (CDRs)"
    assert tab.categories.item(row, 0).text() == label
    assert NAME in tab.categories.item(row, 0).toolTip() and "MySQL root@127.0.0.1" in tab.categories.item(row, 0).toolTip()
    assert tab.categories.item(row, 1).text() == "broken"  # rows 35 to 60 days old: past 31 days
    assert f"{OLD:,} rows are older than 31 days" in tab.categories.item(row, 1).toolTip()
    assert tab.snapshot is not None and tab.snapshot.target_name is None  # the own table is shown first
    assert tab.glance.title() == "At a glance: Call detail records (CDRs)"

    # selecting it shows its figures, chart and receipts, read in MariaDB
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        tab.categories.selectRow(row)
    snapshot = tab.snapshot
    assert snapshot is not None and snapshot.target_name == NAME and snapshot.category == "cdr"
    status = snapshot.status
    assert status.target_name == NAME and status.verdict == "broken" and status.cutoff is not None
    assert tab.glance.title() == f"At a glance: {label}"
    assert tab.total.text() == f"{OLD + NEW:,}"
    assert tab.overdue.text().startswith(f"{pbx.older_than(status.cutoff):,} (")
    assert tab.verdict.text() == f"Promise broken: {OLD:,} CDRs older than 31 days"
    assert tab.verdict.property("verdict") == "broken"
    assert f"{OLD:,} rows are older than 31 days" in tab.problems.text()
    assert tab.chart is not None and tab.chart.values is not None and tab.chart.values.to_purge == OLD
    assert snapshot.histogram is not None and sum(n for _, n in snapshot.histogram.buckets) + snapshot.histogram.older == OLD + NEW
    assert [r.id for r in snapshot.receipts] == [scheduled.id]  # its receipts only, not the own table's
    assert "svc-retention" not in tab.last_run.text() and "(the scheduler)" in tab.last_run.text()
    assert not tab.browse_note.isHidden() and "console's own database" in tab.browse_note.text()
    assert tab.model is not None and tab.model.rowCount() == own  # the browser stays the console's own table
    assert tab.purge_button.isEnabled() and tab.dry_run_button.isEnabled()

    # Dry run counts the target's rows, in MariaDB, and changes nothing
    with qtbot.waitSignal(tab.dry_run_done, timeout=TIMEOUT) as blocker:
        tab.dry_run_button.click()
    plan = blocker.args[0]
    assert plan.target_name == NAME and plan.cutoff == status.cutoff
    assert plan.rows == OLD == pbx.older_than(plan.cutoff)
    assert f"would delete {OLD:,} CDRs" in tab.action_result.text()
    assert f"Counted in the retention target {NAME}" in tab.action_result.text()
    assert pbx.count() == OLD + NEW

    # Purge: counted, confirmed, deleted in MariaDB, receipted in the console's database
    tab.purge_button.click()
    qtbot.waitUntil(lambda: tab.confirm_box is not None and tab.confirm_box.isVisible(), timeout=TIMEOUT)
    assert tab.confirm_box is not None
    assert f"Delete {OLD:,} CDRs older than {formatting.timestamp(status.cutoff)}" in tab.confirm_box.text()
    assert f"of the retention target {NAME}" in tab.confirm_box.informativeText()
    with qtbot.waitSignal(tab.purge_finished, timeout=TIMEOUT) as blocker:
        tab.confirm_box.findChild(QPushButton, "cdrPurgeConfirmYes").click()
    (receipt,) = blocker.args[0]
    assert receipt.target_name == NAME and receipt.state == "completed" and receipt.verified is True
    assert receipt.rows_deleted == OLD and receipt.cutoff == status.cutoff
    assert f"Purge run {receipt.id} of the retention target {NAME} completed" in tab.action_result.text()
    # the real databases: MariaDB lost exactly the old rows; the console's own CDRs are untouched
    assert pbx.count() == NEW and pbx.older_than(status.cutoff) == 0
    assert _own_cdrs(alice) == own
    with alice.engine.connect() as conn:
        recorded = conn.execute(
            text("SELECT target_name, state, rows_deleted, verified FROM purge_runs WHERE id = :i"), {"i": receipt.id}
        ).one()
    assert tuple(recorded) == (NAME, "completed", OLD, 1)

    # read again: the receipt shown names the target and verifies; the row turns kept
    qtbot.waitUntil(
        lambda: tab.snapshot is not None and tab.snapshot.status.last_run is not None and tab.snapshot.status.last_run.id == receipt.id,
        timeout=TIMEOUT,
    )
    assert tab.snapshot.target_name == NAME
    assert [r.id for r in tab.snapshot.receipts] == [receipt.id, scheduled.id]
    assert tab.receipts_model is not None and tab.receipts_model.row_at(0).id == receipt.id
    details = tab.receipt_details.toPlainText()
    assert f"Purge run {receipt.id} (cdr): Completed" in details
    assert f"Retention target: {NAME}" in details and "Verified: Yes" in details
    row = _row_of(tab, NAME)
    assert tab.categories.item(row, 1).text() == "kept"
    assert tab.snapshot.status.verdict == "kept" and tab.verdict.property("verdict") == "kept"
    assert tab.verdict.text() == "Promise kept: no CDR older than 31 days"

    # the Overview counts it: the core's figures, and the CDR promise's row in the window
    overview = load_overview(alice.sessions)
    assert [(s.target_name, s.verdict, s.total) for s in overview.cdr_targets] == [(NAME, "kept", NEW)]
    notifier, connect_action = Notifier(), QAction("Connect…")
    page = OverviewTab(notifier, connect_action)
    qtbot.addWidget(page)
    notifier.setParent(page)
    connect_action.setParent(page)
    page.resize(1260, 760)
    page.show()
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT):
        page.set_database(alice)
    assert page.result is not None
    cdr = [p.key for p in page.result.promises].index("cdr")
    evidence = page.table.item(cdr, 3)
    assert f"saved targets: {NAME} (kept, 0 due)" in evidence.text()
    assert f"Retention target {NAME}: KEPT; {NEW:,} rows, 0 due for the next purge, 0 late" in evidence.toolTip()


def test_a_target_that_cannot_be_read_says_why_and_cannot_be_purged(  # type: ignore[no-untyped-def]
    qtbot,
    alice: Database,
    mariadb_server: MariaDBServer,
    memory_keyring,
) -> None:
    pbx = Asterisk(mariadb_server)
    url = mariadb_server.url(pbx.database, password=False, driver="mysql")
    targets.add(alice.sessions, alice.operator, targets.validate(NAME, url, "cdr", "calldate"), password=mariadb_server.password)
    memory_keyring.entries.clear()  # the password is gone from the keyring (another machine, a wiped keyring)

    tab = make_tab(qtbot, alice)
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        assert tab.show_target(NAME) is not None
    row = _row_of(tab, NAME)
    assert tab.categories.item(row, 1).text() == "not checked"
    reason = tab.categories.item(row, 1).toolTip()
    assert NAME in reason and "wants a password" in reason  # the core says why (its keyring hint is not kept)
    assert tab.snapshot is not None and tab.snapshot.target_name == NAME
    assert tab.verdict.text() == "Not checked: the target cannot be read"
    assert reason.splitlines()[0] in tab.problems.text()
    assert not tab.purge_button.isEnabled()
    assert f"The retention target {NAME} cannot be read" in tab.purge_button.toolTip()
    assert tab.chart is not None and tab.chart.values is None
    # show_category still shows the category's own table
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        tab.show_category("cdr")
    assert tab.snapshot.target_name is None and tab.glance.title() == "At a glance: Call detail records (CDRs)"
    assert tab.purge_button.isEnabled()
