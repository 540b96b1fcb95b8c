"""A search counts on a pool thread: the window keeps answering while the table is scanned."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from minisip_console.core.accounts import AccountsSource
from minisip_console.ui.accounts.tab import AccountsTab
from minisip_console.ui.table_model import Prepared
from tests.gui.test_accounts_search import TIMEOUT, database, tab  # noqa: F401 - fixtures


@dataclass(frozen=True)
class GatedSource:
    """An AccountsSource whose searched counts wait for a gate (a slow scan on demand)."""

    inner: AccountsSource
    gate: threading.Event
    counted_in: list[str]

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def searched(self, text: str) -> GatedSource:
        return GatedSource(self.inner.searched(text), self.gate, self.counted_in)

    def count(self) -> int:
        if self.inner.search:
            self.counted_in.append(threading.current_thread().name)
            assert self.gate.wait(TIMEOUT / 1000)
        return self.inner.count()


def test_the_count_runs_off_the_gui_thread_and_a_stale_result_is_dropped(qtbot, tab: AccountsTab) -> None:  # type: ignore[no-untyped-def]
    assert tab.model is not None
    gate = threading.Event()
    counted_in: list[str] = []
    tab.model.adopt(Prepared(GatedSource(tab.model.source, gate, counted_in), 50, ()))

    tab.search_field.setText("Jane1")
    tab._apply_search()  # the debounce timer's slot, called at once
    # the GUI thread is free: the table still shows every account and says it is searching
    assert tab.search_busy.isVisibleTo(tab) and tab.model.rowCount() == 50
    tab.search_field.setText("Jane2")  # typed on: the first result must not land
    tab._apply_search()
    with qtbot.waitSignal(tab.search_applied, timeout=TIMEOUT) as applied:
        gate.set()
    assert applied.args == [1 + 10]  # Jane2 and Jane20..Jane29
    assert tab.model.source.search == "Jane2"
    assert not tab.search_busy.isVisibleTo(tab)
    assert counted_in and threading.main_thread().name not in counted_in
