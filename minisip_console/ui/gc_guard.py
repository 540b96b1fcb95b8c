"""Python's cyclic garbage collector runs on the GUI thread only.

A reference cycle that holds a Qt wrapper (a closed dialog and the slots bound to it, a model
and its view) is freed by whichever thread is allocating when the collector's threshold is
reached. If that is a pool worker reading the database, PySide6 destroys a GUI object off the
GUI thread, and the process dies (seen: a segmentation fault inside a worker's ORM load while a
window's widgets were being torn down). So the automatic collector is switched off, and a timer
on the GUI thread collects instead, as the thresholds would have: the young generation when it
is full, the older ones when they are due.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer, Slot

#: how often the GUI thread looks at the collector's counts
INTERVAL_MS = 500


class GuiThreadCollector(QObject):
    """Switches automatic collection off and collects on a timer of the GUI thread."""

    def __init__(self, parent: QObject | None = None, *, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.collect)
        self.timer.start()

    @Slot()
    def collect(self) -> int:
        """Collect the generations that are due; returns how many objects were freed."""
        young, middle, old = gc.get_count()
        freed = 0
        if young > self.threshold[0]:
            generation = 0
            if middle > self.threshold[1]:
                generation = 2 if old > self.threshold[2] else 1
            freed = gc.collect(generation)
        return freed
