"""The one path every read of a tab takes: the list it shows (its "snapshot") and the selected row's details.

A read differs from a write (``ui/long_action.py``) in one way: a newer read replaces an older
one instead of waiting for it. Refresh twice, or move the selection twice, and only the last
read's result may be shown: the earlier one describes a filter, a row or a moment that is gone.
A ``LatestRead`` keeps that rule in one place:

1. ``start(fn, *args)`` runs ``fn(*args)`` on the thread pool as a ``workers.Worker``
   (``callbacks=False``: a read neither reports progress nor stops halfway) and makes it the
   current read; an older read still running is left to finish, its result is stale,
2. the current read's result goes, on the GUI thread, to ``done(result)``; its failure to
   ``failed(WorkFailure)`` (the tab's failure display: a line, an explained empty page, the
   notifier); a stale read's result or failure is dropped, never shown,
3. ``reset()`` (the tab's ``clear`` on disconnect) cancels the current read and forgets it:
   nothing read from the old database reaches the tab afterwards.

The tabs therefore keep no worker attribute and check no ``sender()``; ``done`` and ``failed``
are plain callables, called by ``LatestRead``'s own slots. Tests wait on ``finished`` or
``failed`` (emitted after ``done``/``failed`` ran, for the current read only); ``worker`` is the
current read (None when none runs).

Using it (the deletion, law-enforcement, CDR, operators, policy and audit tabs)::

    # __init__: one LatestRead per independent read (the list, the details); a list that cannot be
    # read explains itself on the busy page (TabPage._read_failed), a detail's failure is reported
    self.snapshot_read = LatestRead(
        self, "deletionSnapshot", done=self._on_snapshot,
        failed=functools.partial(self._read_failed, "The deletion queue could not be read."),
    )
    self.details_read = LatestRead(self, "deletionDetails", done=self._on_details, failed=self._report)

    @Slot()
    def refresh(self) -> Worker | None:
        if self.database is None:
            return None
        return self.snapshot_read.start(load_snapshot, self.database, label="deletion queue")

    def clear(self) -> None:
        self.snapshot_read.reset()
        ...

Why a module of its own rather than a ``LongAction`` option: a write holds its buttons, asks
first, shows progress and refuses a second start while it runs; a read does none of that and
does the opposite on a second start. One class with both rules would need a mode flag on every
method.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from minisip_console.ui import workers
from minisip_console.ui.workers import Worker, WorkFailure

log = logging.getLogger(__name__)


class LatestRead(QObject):
    """One read of a tab: many may run, only the latest one's outcome is delivered."""

    finished = Signal(object)  # the current read's result, after done(result)
    failed = Signal(object)  # the current read's WorkFailure, after failed(failure)

    def __init__(
        self,
        owner: QObject,
        name: str,
        *,
        done: Callable[[Any], object],
        failed: Callable[[WorkFailure], object],
    ) -> None:
        super().__init__(owner)
        self.setObjectName(f"{name}Read")
        self.name = name
        self.worker: Worker | None = None
        self._done = done
        self._failed = failed

    @property
    def running(self) -> bool:
        return self.worker is not None

    def start(self, fn: Callable[..., Any], *args: Any, label: str | None = None, **kwargs: Any) -> Worker:
        """Run ``fn(*args, **kwargs)`` on the pool as the current read; any earlier read becomes stale.

        ``label`` names the read in logs and failure messages (default: ``fn``'s name)."""
        if self.worker is not None:
            log.debug("%s: %s replaced by a newer read", self.name, self.worker.name)
        # bound with functools.partial: a keyword of fn's (name=) never meets the Worker's own
        worker = Worker(functools.partial(fn, *args, **kwargs), name=label or getattr(fn, "__name__", self.name), callbacks=False)
        self.worker = worker
        return workers.start(worker, finished=self._on_finished, failed=self._on_failed)

    def reset(self) -> None:
        """On disconnect: cancel the current read and forget it (its late result goes nowhere)."""
        if self.worker is not None:
            self.worker.cancel()
        self.worker = None

    # ------------------------------------------------------------------ the worker's signals (GUI thread)
    def _current(self) -> bool:
        return self.worker is not None and self.sender() is self.worker.signals

    @Slot(object)
    def _on_finished(self, result: Any) -> None:
        if not self._current():
            return  # a stale read: a newer one started, or the tab was cleared
        self.worker = None
        self._done(result)
        self.finished.emit(result)

    @Slot(object)
    def _on_failed(self, failure: WorkFailure) -> None:
        if not self._current():
            return
        self.worker = None
        self._failed(failure)
        self.failed.emit(failure)
