"""Cycles are freed on the GUI thread only (ui.gc_guard): the automatic collector is off, and the
GUI thread's timer collects what the thresholds say is due, in short steps (the survivors frozen a
batch at a time, every object walked again now and then)."""

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
    collector = GuiThreadCollector(parent, interval_ms=10)
    try:
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
        collector.release()
        parent.deleteLater()
        gc.set_threshold(*threshold)


def test_old_survivors_are_frozen_a_batch_at_a_time_and_walked_again_when_due(qtbot) -> None:  # type: ignore[no-untyped-def]
    parent = QObject()
    collector = GuiThreadCollector(parent, interval_ms=60_000, batch=1, rewalk_s=3_600)
    try:
        assert gc.get_freeze_count() > 0  # what was alive at the start: frozen unwalked
        keep = _Node()
        alive = weakref.ref(keep)
        collector.collect_old()
        assert gc.get_freeze_count() >= collector.walked  # the batch's survivors frozen...
        assert all(obj is not keep for obj in gc.get_objects(2))  # ...out of the generations the batches walk
        del keep
        gc.collect(2)
        assert alive() is not None  # garbage now, but frozen: a batch does not walk it
        collector.collect_old()
        assert alive() is not None  # a walk of every object is not due yet (at most one an hour here)
        collector.rewalk_s = 0
        collector.walked = 0  # as if the frozen objects had grown by a quarter since the last walk
        collector.collect_old()
        assert alive() is None  # the walk of every object freed it
        assert collector.walked == gc.get_freeze_count()
    finally:
        collector.release()
        parent.deleteLater()
    assert gc.get_freeze_count() == 0 and gc.isenabled()
