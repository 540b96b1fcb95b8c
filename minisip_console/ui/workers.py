"""Run a plain core function on the thread pool; deliver its outcome as signals.

Long work is a Qt-free function that takes ``progress(...)`` and ``cancel() -> bool`` (STYLE.md
rule 3). ``Worker`` only carries it: it runs on ``QThreadPool.globalInstance()`` and emits
``finished(result)``, ``failed(WorkFailure)`` or ``progress(payload)`` from a ``WorkerSignals``
object that lives in the GUI thread. The payload is whatever the function reports: called as
``progress(done, total, what)`` it is a ``Progress`` (a named tuple of the three); called with one
object (a ``PurgeProgress``, a campaign's ``Progress``) it is that object, whole, so no tab needs
a relay of its own to carry a richer report.

Tabs do not start workers for their buttons directly: ``ui/long_action.py`` is the one path
(confirm, worker, progress, result or error, busy state) built on this module.

Errors are values: a ``ConsoleError`` (the environment, the input) is logged as a warning and
delivered with ``known=True`` for a clear message; anything else is a programming error,
logged with its traceback and delivered with ``known=False`` for the crash dialog. Nothing is
swallowed.

Receivers must be ``@Slot`` methods of QObjects living in the GUI thread (ARCHITECTURE.md: a
plain function or a lambda connected to a worker's signal runs in the worker's thread);
``start`` refuses anything else.
"""

from __future__ import annotations

import logging
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from minisip_console.core.plumbing.errors import Cancelled, ConsoleError
from minisip_console.core.text import say

log = logging.getLogger(__name__)

#: at most this many progress signals a second (the last one always goes out)
PROGRESS_INTERVAL_S = 0.05


class Progress(NamedTuple):
    """The payload of ``progress(done, total, what)``: ``total`` 0 means not known yet."""

    done: int
    total: int
    what: str = ""


@dataclass(frozen=True)
class WorkFailure:
    """What went wrong in a worker, as a value."""

    error: BaseException
    known: bool  # a ConsoleError: show its message and hint
    what: str  # the work's name, for messages and logs
    traceback: str = field(default="", repr=False)  # for programming errors

    @property
    def message(self) -> str:
        if isinstance(self.error, ConsoleError):
            return self.error.message
        return f"{self.what} failed: {type(self.error).__name__}: {self.error}"

    @property
    def hint(self) -> str | None:
        return self.error.hint if isinstance(self.error, ConsoleError) else None

    @property
    def cancelled(self) -> bool:
        return isinstance(self.error, Cancelled)


class WorkerSignals(QObject):
    """Lives in the GUI thread (parented to the keeper), emitted from the worker's thread."""

    finished = Signal(object)
    failed = Signal(object)
    progress = Signal(object)  # a Progress, or the one object the function reported
    #: after finished or failed: the keeper releases the worker
    done = Signal(object)


class _Keeper(QObject):
    """Holds running workers until their last signal has reached the GUI thread."""

    def __init__(self) -> None:
        super().__init__()
        self.active: set[Worker] = set()

    @Slot(object)
    def unhandled(self, failure: WorkFailure) -> None:
        """A failure nobody asked for: a programming error still reaches the crash dialog."""
        if not failure.known:
            from minisip_console.ui import crash

            crash.report_failure(failure)

    @Slot(object)
    def release(self, worker: Worker) -> None:
        self.active.discard(worker)
        worker.signals.deleteLater()  # deleted by the GUI thread's event loop, never by the worker's


_keeper: _Keeper | None = None


def _the_keeper() -> _Keeper:
    global _keeper
    if _keeper is None:
        _keeper = _Keeper()
    return _keeper


class Worker(QRunnable):
    """Runs ``fn(*args, progress=..., cancel=..., **kwargs)`` once on a pool thread.

    With ``callbacks=False`` the function is called without ``progress`` and ``cancel``.
    Create and start it from the GUI thread.
    """

    def __init__(self, fn: Callable[..., Any], *args: Any, name: str | None = None, callbacks: bool = True, **kwargs: Any) -> None:
        super().__init__()
        self.setAutoDelete(False)  # Python keeps it until the keeper releases it
        self.fn = fn
        self.args = args
        self.kwargs = kwargs
        self.callbacks = callbacks
        self.name: str = name or str(getattr(fn, "__name__", "work"))
        self.signals = WorkerSignals(_the_keeper())
        self._cancel = threading.Event()
        self._last_progress = 0.0

    # -- called from any thread
    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def _progress(self, *report: Any) -> None:
        """``progress(done, total, what="")``, at most one signal per interval (the last count always
        goes out); or ``progress(payload)``: the function's own report, every one, whole."""
        if len(report) == 1 and not isinstance(report[0], int):
            self.signals.progress.emit(report[0])
            return
        done, total, *what = report
        # a core Text (core/text.py) stays one: the window translates it where it shows it
        text = (what[0] if isinstance(what[0], str) else str(what[0])) if what else ""
        payload = Progress(max(int(done), 0), max(int(total), 0), text)
        now = time.monotonic()
        if payload.done < payload.total and now - self._last_progress < PROGRESS_INTERVAL_S:
            return
        self._last_progress = now
        self.signals.progress.emit(payload)

    # -- the pool thread
    def run(self) -> None:
        signals = self.signals
        try:
            if self._cancel.is_set():
                raise Cancelled(say("{work} was cancelled before it started.", work=self.name))
            if self.callbacks:
                result = self.fn(*self.args, progress=self._progress, cancel=self.cancelled, **self.kwargs)
            else:
                result = self.fn(*self.args, **self.kwargs)
        except ConsoleError as exc:
            log.warning("%s: %s: %s", self.name, type(exc).__name__, exc)
            signals.failed.emit(WorkFailure(exc, known=True, what=self.name))
        except Exception as exc:  # a programming error: logged with its traceback, shown in the crash dialog
            log.error("%s failed with an unexpected error", self.name, exc_info=True)
            text = "".join(traceback.format_exception(exc))
            signals.failed.emit(WorkFailure(exc, known=False, what=self.name, traceback=text))
        else:
            signals.finished.emit(result)
        finally:
            signals.done.emit(self)


def _check_receiver(slot: Callable[..., Any] | None, what: str) -> None:
    if slot is None:
        return
    owner = getattr(slot, "__self__", None)
    if not isinstance(owner, QObject):
        raise TypeError(
            f"{what} must be a @Slot method of a QObject in the GUI thread, not {slot!r}: "
            "a plain function or lambda would run in the worker's thread"
        )


def start(
    worker: Worker,
    *,
    finished: Callable[[Any], None] | None = None,
    failed: Callable[[WorkFailure], None] | None = None,
    progress: Callable[[Any], None] | None = None,
    pool: QThreadPool | None = None,
) -> Worker:
    """Connect the receivers (bound slots of GUI-thread QObjects) and start the worker."""
    for slot, what in ((finished, "finished"), (failed, "failed"), (progress, "progress")):
        _check_receiver(slot, what)
    keeper = _the_keeper()
    if finished is not None:
        worker.signals.finished.connect(finished)
    worker.signals.failed.connect(failed if failed is not None else keeper.unhandled)
    if progress is not None:
        worker.signals.progress.connect(progress)
    worker.signals.done.connect(keeper.release)
    keeper.active.add(worker)
    (pool or QThreadPool.globalInstance()).start(worker)
    log.debug("started %s", worker.name)
    return worker


def active() -> frozenset[Worker]:
    return frozenset(_the_keeper().active)


def cancel_all() -> None:
    for worker in active():
        worker.cancel()
