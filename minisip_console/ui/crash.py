"""The crash dialog: a programming error shows what happened instead of killing the window.

``install()`` makes ``excepthook`` the process's ``sys.excepthook`` (PySide6 routes exceptions
raised in slots and virtual methods there too) and ``threading.excepthook``. The dialog shows
the traceback and the recent log lines (``core.plumbing.logs.recent``), copies both to the clipboard,
and names the log file. The application keeps running.

Known errors (``ConsoleError``) never come here: they are shown as a message through the
notifier. Only bugs do.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from minisip_console.ui.crash_dialog import CrashDialog
    from minisip_console.ui.workers import WorkFailure

log = logging.getLogger(__name__)

#: more dialogs than this at once means a loop of errors: the rest go to the log only
MAX_OPEN = 3

#: shown dialogs; each removes itself (crash_dialog.CrashDialog._drop) once closed
_open: list[CrashDialog] = []
_log_file: Path | None = None


def set_log_file(path: Path | None) -> None:
    """Called once logging writes to a file (from any thread)."""
    global _log_file
    _log_file = path


def log_file() -> Path | None:
    if _log_file is not None:
        return _log_file
    try:  # not set up yet: where it will be (imports the profile paths lazily: crash path only)
        from minisip_console.core.plumbing.paths import log_dir

        return log_dir() / "minisip-console.log"
    except Exception:  # the crash dialog must open even when this fails
        log.debug("no log directory", exc_info=True)
        return None


class _Relay(QObject):
    """Carries a report from another thread to the GUI thread (widgets live only there)."""

    report = Signal(str)

    @Slot(str)
    def display(self, text: str) -> None:
        show_report(text)


_relay: _Relay | None = None


def show_report(report: str) -> CrashDialog | None:
    """Show the crash dialog for ``report`` (a formatted traceback). Returns it, or None when it
    could not be shown here (no GUI, another thread: then it is relayed to the GUI thread)."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        sys.stderr.write(report)
        return None
    if threading.current_thread() is not threading.main_thread():
        if _relay is not None:
            _relay.report.emit(report)
        return None
    if len(open_dialogs()) >= MAX_OPEN:
        log.error("another unexpected error while %d crash dialogs are open; see the log", MAX_OPEN)
        return None
    from minisip_console.core.plumbing import logs
    from minisip_console.ui.crash_dialog import (
        CrashDialog,  # widgets loaded when needed, not at start-up
    )

    dialog = CrashDialog(report, logs.recent.text(), log_file())
    _open.append(dialog)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog


def excepthook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> CrashDialog | None:
    """``sys.excepthook``: log the error with its traceback and show the crash dialog."""
    if issubclass(exc_type, KeyboardInterrupt):
        app = QApplication.instance()
        if app is not None:
            app.quit()
        return None
    log.critical("unexpected error", exc_info=(exc_type, exc, tb))
    return show_report("".join(traceback.format_exception(exc_type, exc, tb)))


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is None:
        return
    excepthook(args.exc_type, args.exc_value, args.exc_traceback)


def report_failure(failure: WorkFailure) -> CrashDialog | None:
    """A worker's programming error (already logged by the worker)."""
    return show_report(failure.traceback or f"{failure.message}\n")


def install() -> None:
    """Make the crash dialog the handler of every uncaught exception. Call from the GUI thread."""
    global _relay
    if _relay is None:
        _relay = _Relay()
        _relay.report.connect(_relay.display)
    sys.excepthook = excepthook
    threading.excepthook = _thread_excepthook


def open_dialogs() -> tuple[CrashDialog, ...]:
    return tuple(d for d in _open if not d.closed)
