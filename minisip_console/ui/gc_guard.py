"""Python's cyclic garbage collector runs on the GUI thread only, in short steps.

A reference cycle that holds a Qt wrapper (a closed dialog and the slots bound to it, a model
and its view) is freed by whichever thread is allocating when the collector's threshold is
reached. If that is a pool worker reading the database, PySide6 destroys a GUI object off the
GUI thread, and the process dies (seen: a segmentation fault inside a worker's ORM load while a
window's widgets were being torn down). So the automatic collector is switched off, and a timer
on the GUI thread collects instead, as the thresholds would have: the young generation when it
is full, the middle one when it is due.

The GUI thread must not stall either (issue 14: at most 50 ms), and a collection holds it for
as long as it takes to walk the generations it collects: the young ones are small, but the
oldest holds every object the console keeps (some 200,000 once connected; 100-200 ms to walk
on a loaded machine). So:

- the counts are looked at often (``INTERVAL_MS``): workers allocate while the GUI thread
  waits, and a young generation left to grow for half a second took tens of milliseconds;
- the young generations are collected as the thresholds say; their survivors wait in the
  oldest generation until they number ``BATCH``, then that batch is collected and its
  survivors frozen (``gc.freeze``): each collection walks about a batch, never the whole heap
  (CPython's own rule, once a quarter of the long-lived objects are new, walks all of them);
- a burst (more than a batch of young objects: a worker importing SQLAlchemy, a bulk read) is
  frozen unwalked: what it allocated is freed by reference counting as usual, and a cycle in it
  waits for the next walk of every object (below);
- what is alive when the collector starts (the modules imported, their classes and functions)
  is frozen at once, unwalked: nearly all of it lives as long as the process;
- the frozen objects are not forgotten: a cycle that became garbage after it was frozen is
  freed by a walk of every object, unfrozen for it, when CPython's rule says one is due (a
  quarter more frozen objects than at the last such walk) but at most once every ``REWALK_S``.
  That walk is the one long collection left (100-200 ms with a connected console's 200,000
  objects on a loaded machine): its garbage waits for it, a small leak bounded in time.
"""

from __future__ import annotations

import gc
import time

from PySide6.QtCore import QObject, QTimer, Slot

#: how often the GUI thread looks at the collector's counts (a look is a call to gc.get_count)
INTERVAL_MS = 50
#: about the most objects one collection walks (20-30 ms on a loaded machine)
BATCH = 15_000
#: a walk of every object (frozen ones included) when their number has grown by this fraction...
REWALK_GROWTH = 0.25
#: ...but at most once in this many seconds
REWALK_S = 600.0


class GuiThreadCollector(QObject):
    """Switches automatic collection off and collects on a timer of the GUI thread, in short steps."""

    def __init__(
        self, parent: QObject | None = None, *, interval_ms: int = INTERVAL_MS, batch: int = BATCH, rewalk_s: float = REWALK_S
    ) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        self.batch = batch
        self.rewalk_s = rewalk_s
        gc.disable()
        gc.freeze()
        #: the frozen objects' number at the last walk of every object (at first: frozen unwalked), and its time
        self.walked = gc.get_freeze_count()
        self.walked_at = time.monotonic()
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.collect)
        self.timer.start()

    @Slot()
    def collect(self) -> int:
        """Collect the generations that are due; returns how many objects were freed."""
        young, middle, _old = gc.get_count()
        if young <= self.threshold[0]:
            return 0
        if young > self.batch:
            gc.freeze()  # a burst: frozen unwalked
            return 0
        if middle <= self.threshold[1]:
            return gc.collect(0)
        if len(gc.get_objects(1)) + young > self.batch:
            gc.freeze()
            return 0
        if len(gc.get_objects(2)) < self.batch:
            return gc.collect(1)
        return self.collect_old()

    def collect_old(self) -> int:
        """Collect every unfrozen generation and freeze the survivors; every object, unfrozen for it,
        when a walk of them all is due."""
        frozen = gc.get_freeze_count()
        if frozen > self.walked * (1 + REWALK_GROWTH) and time.monotonic() - self.walked_at >= self.rewalk_s:
            gc.unfreeze()
            freed = gc.collect(2)
            gc.freeze()
            self.walked = gc.get_freeze_count()
            self.walked_at = time.monotonic()
            return freed
        freed = gc.collect(2)
        gc.freeze()
        return freed

    def release(self) -> None:
        """Stop, unfreeze and switch automatic collection back on (a collector torn down: the tests)."""
        self.timer.stop()
        gc.unfreeze()
        gc.enable()
