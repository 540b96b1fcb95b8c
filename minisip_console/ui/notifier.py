"""One channel for user-facing messages.

Widgets and workers do not pop up their own boxes: they call the notifier, and the main window
shows each ``Notice`` (the status bar for information, the message banner for warnings and
errors, with the actions that help, such as "Connect…"). Tests wait on ``notice``.
"""

from __future__ import annotations

import enum
import logging
from typing import NamedTuple

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction

from minisip_console.core.plumbing.errors import ConsoleError

log = logging.getLogger(__name__)


class Severity(enum.StrEnum):
    INFO = "info"
    SUCCESS = "success"
    WARNING = "warning"
    ERROR = "error"


class Notice(NamedTuple):
    """A message for the operator (a NamedTuple: immutable, and no dataclasses import at start-up)."""

    severity: Severity
    text: str
    hint: str | None = None
    #: actions offered beside the message (e.g. File > Connect… after a failed connection)
    actions: tuple[QAction, ...] = ()
    #: for the status bar: how long an information stays (0: until replaced)
    timeout_ms: int = 0

    @property
    def full_text(self) -> str:
        return f"{self.text} {self.hint}" if self.hint else self.text


class Notifier(QObject):
    """Emits ``notice(Notice)``; safe to call from any thread (the signal is queued to receivers)."""

    notice = Signal(object)

    def post(self, notice: Notice) -> Notice:
        level = {Severity.WARNING: logging.WARNING, Severity.ERROR: logging.WARNING}.get(notice.severity, logging.INFO)
        log.log(level, "notice (%s): %s", notice.severity.value, notice.full_text)
        self.notice.emit(notice)
        return notice

    def info(self, text: str, *, timeout_ms: int = 5000) -> Notice:
        return self.post(Notice(Severity.INFO, text, timeout_ms=timeout_ms))

    def success(self, text: str, *, timeout_ms: int = 5000) -> Notice:
        return self.post(Notice(Severity.SUCCESS, text, timeout_ms=timeout_ms))

    def warning(self, text: str, hint: str | None = None, *, actions: tuple[QAction, ...] = ()) -> Notice:
        return self.post(Notice(Severity.WARNING, text, hint, actions))

    def error(self, text: str, hint: str | None = None, *, actions: tuple[QAction, ...] = ()) -> Notice:
        return self.post(Notice(Severity.ERROR, text, hint, actions))

    def console_error(self, exc: ConsoleError, *, actions: tuple[QAction, ...] = ()) -> Notice:
        """A known error: its message and hint, as the core wrote them (never a password)."""
        return self.error(exc.message, exc.hint, actions=actions)
