"""Times the tabs put on screen themselves (issue 16): local with their offset, UTC on hover.

The shared table model is tested in test_formatting.py; these are the cells and labels two tabs
build by hand (the deletion queue's details and timeline, the account details' profile and
history), on a real demo database, with the local zone set to Asia/Shanghai (UTC+8, no summer
time). The expected texts are worked out here from the stored UTC value plus eight hours, not
with ``ui/formatting``.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QAction

from minisip_console.core import access, deletion
from minisip_console.core.plumbing.connection import Database
from minisip_console.ui.accounts.details import AccountDetailsWindow
from minisip_console.ui.deletion_queue.tab import DeletionsTab
from minisip_console.ui.notifier import Notifier
from tests.gui.test_grant_dialog import demo_template, open_demo  # noqa: F401 - the module-scoped demo fixture

pytestmark = pytest.mark.skipif(not hasattr(time, "tzset"), reason="TZ is read through time.tzset (POSIX)")

TIMEOUT = 20_000
#: the demo's account with configurations and two uploaded files, no hold and no open request
ACCOUNT = 5


@pytest.fixture
def shanghai(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The local zone is Asia/Shanghai until the test ends; then the zone it started with
    (scripts/test.sh: UTC) is set and read again, so the next test sees it."""
    before = os.environ.get("TZ")
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    if before is None:
        monkeypatch.delenv("TZ")
    else:
        monkeypatch.setenv("TZ", before)
    time.tzset()


@pytest.fixture
def bob(tmp_path: Path, demo_template: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:  # noqa: F811 - the fixture
    database = open_demo(tmp_path, demo_template, "bob", monkeypatch)
    yield database
    database.close()


def _utc(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def in_shanghai(value: dt.datetime) -> str:
    """What the window should show for ``value`` in Shanghai: eight hours on, to the minute."""
    return f"{_utc(value) + dt.timedelta(hours=8):%Y-%m-%d %H:%M} +08:00"


def in_utc(value: dt.datetime) -> str:
    """The hover: the same moment in UTC, to the second."""
    return f"{_utc(value):%Y-%m-%d %H:%M:%S} UTC"


def test_the_deletion_queue_details_show_shanghai_time_and_utc_on_hover(qtbot, shanghai: None, bob: Database) -> None:  # type: ignore[no-untyped-def]
    filed = deletion.file_request(bob.sessions, bob.operator, ACCOUNT, "configurations", ticket="SUP-0800")
    notifier = Notifier()
    connect_action = QAction("Connect…")
    tab = DeletionsTab(notifier, connect_action)
    qtbot.addWidget(tab)
    notifier.setParent(tab)
    connect_action.setParent(tab)
    tab.show()
    qtbot.waitExposed(tab)
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        tab.set_database(bob)
    with qtbot.waitSignal(tab.details_loaded, timeout=TIMEOUT, check_params_cb=lambda d: d.request.id == filed.id):
        assert tab.select_request(filed.id)
    assert tab.details is not None
    request = tab.details.request

    label = tab.detail_facts["filed"]
    assert label.text() == f"{in_shanghai(request.requested_at)} by bob"
    assert label.toolTip() == in_utc(request.requested_at)
    assert tab.detail_facts["due"].text().startswith(in_shanghai(request.due_at))
    assert tab.detail_facts["due"].toolTip() == in_utc(request.due_at)
    assert tab.detail_facts["executed"].text() == "—" and tab.detail_facts["executed"].toolTip() == ""

    table = tab.timeline_table
    assert table.horizontalHeaderItem(0).text() == "When"  # no "(UTC)" over a local time
    events = tab.details.timeline
    assert events and table.rowCount() == len(events)
    for row, event in enumerate(events):
        assert table.item(row, 0).text() == in_shanghai(event.at)
        assert table.item(row, 0).toolTip() == in_utc(event.at)


def test_the_account_details_show_shanghai_time_and_utc_on_hover(qtbot, shanghai: None, bob: Database) -> None:  # type: ignore[no-untyped-def]
    access.grant_access(bob.sessions, bob.operator, ACCOUNT, "customer_request", "REQ-0800", 30)
    window = AccountDetailsWindow(bob, ACCOUNT)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.loaded, timeout=TIMEOUT):
        window.load()
    assert window.details is not None
    created = window.details.profile.created_at

    label = window.profile_labels["created"]
    assert label.text() == in_shanghai(created)
    assert label.toolTip() == in_utc(created)

    table = window.history_table
    assert table.horizontalHeaderItem(1).text() == "Time"  # no "(UTC)" over a local time
    history = window.details.history
    assert history and table.rowCount() == len(history)
    for row, event in enumerate(history):
        assert table.item(row, 1).text() == in_shanghai(event.occurred_at)
        assert table.item(row, 1).toolTip() == in_utc(event.occurred_at)
    # a cell that is not a time has no hover of its own
    assert table.item(0, 0).toolTip() == ""
