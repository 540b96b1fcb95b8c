"""The one read path (ui/reading.py): only the latest read's outcome is shown, a failure goes to the
tab's failure display, and nothing read before a disconnect arrives after it.

Deterministic without sleeps: a worker's signals are queued to the GUI thread, so two reads started
in one turn of the event loop are both started before either outcome is delivered; and a worker's
``done`` signal is queued after its ``finished``/``failed``, so once ``done`` is seen its outcome
has been handled (shown or dropped)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from PySide6.QtCore import QObject

from minisip_console.core.plumbing.connection import Database
from minisip_console.core.plumbing.errors import InvalidInput
from minisip_console.ui import workers
from minisip_console.ui.reading import LatestRead
from minisip_console.ui.workers import Worker, WorkFailure
from tests.gui.test_deletion_tab import bob  # noqa: F401 - the fixture
from tests.gui.test_deletion_tab import make_tab as make_deletions_tab
from tests.gui.test_grant_dialog import demo_template, open_demo  # noqa: F401 - the module-scoped demo fixture

TIMEOUT = 20_000


class Owner(QObject):
    """A tab's stand-in: what its read handed back."""

    def __init__(self) -> None:
        super().__init__()
        self.results: list[Any] = []
        self.failures: list[WorkFailure] = []
        self.read = LatestRead(self, "test", done=self.results.append, failed=self.failures.append)


@pytest.fixture
def owner() -> Owner:
    return Owner()


def gated(gate: threading.Event, value: Any) -> Any:
    """A read that waits for the test before it answers."""
    assert gate.wait(TIMEOUT / 1000), "the test never opened the gate"
    return value


def refused(gate: threading.Event, text: str) -> Any:
    assert gate.wait(TIMEOUT / 1000), "the test never opened the gate"
    raise InvalidInput(text, hint="Try again.")


def wait_done(qtbot, worker: Worker) -> None:  # type: ignore[no-untyped-def]
    """Until ``worker`` ended and its outcome reached (or was dropped by) the GUI thread: the keeper
    releases it on ``done``, queued after its ``finished``/``failed`` (never missed, unlike a
    signal emitted before the test listens)."""
    qtbot.waitUntil(lambda: worker not in workers.active(), timeout=TIMEOUT)


def test_the_latest_read_is_shown_and_an_older_one_finishing_later_is_dropped(qtbot, owner: Owner) -> None:  # type: ignore[no-untyped-def]
    old_gate, new_gate = threading.Event(), threading.Event()
    old = owner.read.start(gated, old_gate, "old", label="old read")
    new = owner.read.start(gated, new_gate, "new", label="new read")
    assert owner.read.worker is new and old is not new
    new_gate.set()
    with qtbot.waitSignal(owner.read.finished, timeout=TIMEOUT) as blocker:
        pass
    assert blocker.args == ["new"]
    assert owner.results == ["new"] and not owner.read.running
    with qtbot.assertNotEmitted(owner.read.finished):
        old_gate.set()
        wait_done(qtbot, old)
    assert owner.results == ["new"], "the older read's result was shown after the newer one"


def test_an_older_read_finishing_first_is_dropped_too(qtbot, owner: Owner) -> None:  # type: ignore[no-untyped-def]
    old_gate, new_gate = threading.Event(), threading.Event()
    old = owner.read.start(gated, old_gate, "old")
    owner.read.start(gated, new_gate, "new")
    old_gate.set()
    wait_done(qtbot, old)
    assert owner.results == [] and owner.read.running, "the stale result was shown while the newer read runs"
    with qtbot.waitSignal(owner.read.finished, timeout=TIMEOUT):
        new_gate.set()
    assert owner.results == ["new"]


def test_a_failure_goes_to_the_failure_display_and_a_stale_failure_nowhere(qtbot, owner: Owner) -> None:  # type: ignore[no-untyped-def]
    gate = threading.Event()
    gate.set()
    with qtbot.waitSignal(owner.read.failed, timeout=TIMEOUT) as blocker:
        owner.read.start(refused, gate, "The filter is not valid.", label="the filter read")
    failure = blocker.args[0]
    assert owner.failures == [failure] and owner.results == []
    assert failure.known and failure.message == "The filter is not valid." and failure.hint == "Try again."
    assert not owner.read.running

    stale_gate, new_gate = threading.Event(), threading.Event()
    stale = owner.read.start(refused, stale_gate, "Stale refusal.")
    owner.read.start(gated, new_gate, "fresh")
    with qtbot.assertNotEmitted(owner.read.failed):
        stale_gate.set()
        wait_done(qtbot, stale)
    new_gate.set()
    with qtbot.waitSignal(owner.read.finished, timeout=TIMEOUT):
        pass
    assert [f.message for f in owner.failures] == ["The filter is not valid."]
    assert owner.results == ["fresh"]


def test_reset_cancels_the_read_and_drops_its_late_outcome(qtbot, owner: Owner) -> None:  # type: ignore[no-untyped-def]
    gate = threading.Event()
    worker = owner.read.start(gated, gate, "from the old database")
    owner.read.reset()
    assert worker.cancelled() and not owner.read.running and owner.read.worker is None
    with qtbot.assertNotEmitted(owner.read.finished), qtbot.assertNotEmitted(owner.read.failed):
        gate.set()
        wait_done(qtbot, worker)
    assert owner.results == [] and owner.failures == []
    # the read works again after the reset (the next connection)
    with qtbot.waitSignal(owner.read.finished, timeout=TIMEOUT):
        owner.read.start(gated, gate, "from the new database")
    assert owner.results == ["from the new database"]


def test_a_tab_refreshed_twice_shows_one_snapshot(qtbot, bob: Database) -> None:  # type: ignore[no-untyped-def]
    """The deletion tab through its public path: two refreshes in one turn, one ``loaded``."""
    tab = make_deletions_tab(qtbot, bob)
    loaded: list[Any] = []
    tab.loaded.connect(loaded.append)
    first = tab.refresh()
    second = tab.refresh()
    assert first is not None and second is not None and tab.snapshot_read.worker is second
    wait_done(qtbot, first)
    wait_done(qtbot, second)
    assert len(loaded) == 1 and tab.snapshot is loaded[0]


def test_a_tab_cleared_while_reading_shows_nothing_afterwards(qtbot, bob: Database) -> None:  # type: ignore[no-untyped-def]
    tab = make_deletions_tab(qtbot, bob)
    loaded: list[Any] = []
    tab.loaded.connect(loaded.append)
    worker = tab.refresh()
    assert worker is not None
    tab.clear()
    wait_done(qtbot, worker)
    assert loaded == [] and tab.snapshot is None and tab.database is None
    assert tab.currentWidget() is tab.empty, "the cleared tab left its not-connected page (a late read's result or failure)"
    assert not tab.snapshot_read.running and not tab.details_read.running


def test_a_tabs_failed_read_explains_itself_on_the_busy_page_and_in_a_notice(qtbot, bob: Database) -> None:  # type: ignore[no-untyped-def]
    """The deletion tab's snapshot read, failing while nothing is shown (after a disconnect): its
    sentence on the busy page, the core's message under it and as an error notice; a detail read's
    failure only as a notice."""
    tab = make_deletions_tab(qtbot, bob)
    tab.clear()
    notifier = tab.notifier
    notices: list[Any] = []
    notifier.notice.connect(notices.append)
    gate = threading.Event()
    gate.set()
    with qtbot.waitSignal(tab.snapshot_read.failed, timeout=TIMEOUT):
        tab.snapshot_read.start(refused, gate, "The queue is locked.")
    assert tab.currentWidget() is tab.busy
    assert "The deletion queue could not be read." in tab.busy.title.text()
    assert "The queue is locked." in tab.busy.text.text()
    qtbot.waitUntil(lambda: len(notices) == 1, timeout=TIMEOUT)
    assert notices[0].severity == "error" and notices[0].full_text == "The queue is locked. Try again."

    tab.show_disconnected()
    with qtbot.waitSignal(tab.details_read.failed, timeout=TIMEOUT):
        tab.details_read.start(refused, gate, "The request is locked.")
    assert tab.currentWidget() is tab.empty, "a detail's failure changed the page"
    qtbot.waitUntil(lambda: len(notices) == 2, timeout=TIMEOUT)
    assert notices[1].full_text == "The request is locked. Try again."
