"""Cycles are freed on the GUI thread only (ui.gc_guard): the automatic collector is off, and the
GUI thread's timer collects what the thresholds say is due."""

from __future__ import annotations

import gc
import weakref

from PySide6.QtCore import QObject

from minisip_console.ui.gc_guard import GuiThreadCollector


class _Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the cyclic collector frees it


def test_the_collector_turns_automatic_collection_off_and_collects_when_due(qtbot) -> None:  # type: ignore[no-untyped-def]
    parent = QObject()
    threshold = gc.get_threshold()
    try:
        collector = GuiThreadCollector(parent, interval_ms=10)
        assert not gc.isenabled()
        node = _Node()
        alive = weakref.ref(node)
        del node
        gc.collect()  # start from empty generations, so the count below is this test's
        assert collector.collect() == 0  # nothing due yet
        node = _Node()
        alive = weakref.ref(node)
        del node
        allocated = [[i] for i in range(threshold[0] + 1)]  # the young generation past its threshold
        qtbot.waitUntil(lambda: alive() is None, timeout=5_000)  # freed by the GUI thread's timer
        assert allocated
    finally:
        parent.deleteLater()
        gc.set_threshold(*threshold)
