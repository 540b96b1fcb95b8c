"""The progress row of a tab's one running worker: a bar, a line of text, a stop button and Esc.

``ui/long_action.py`` drives it (pass it as ``LongAction(..., panel=...)``); a tab only builds it
into its layout. The CDR purge, the deletion run, the notice campaign and the law-enforcement
approval all show their work here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore
from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QWidget,
)

from minisip_console.ui.i18n import shown, tr

if TYPE_CHECKING:
    from minisip_console.ui.workers import Worker

#: English, for the tests; the row appends its translation, ``stopping_text()``
STOPPING = " · stopping…"


def stopping_text() -> str:
    """What the row appends once a stop is asked for."""
    return tr(" · stopping…")


#: a payload as the row shows it: (value, maximum, text); maximum 0 is a busy bar
Described = tuple[int, int, str]


class RequestProgress(QObject):
    """Owns one request worker at a time and the widgets that show it running.

    Created with its tab (it holds the worker's state before the content is built); ``build``
    makes the widgets when the tab builds its content. ``name`` prefixes the object names
    (``{name}Progress``, ``{name}Bar``, ``{name}ProgressText`` unless ``text_name`` is given); the
    stop button's text, object name and tooltip are the tab's. ``describe(payload)`` turns the
    worker's progress payload into what the row shows (by default a ``workers.Progress`` as
    "Request N: what"); ``stopping`` is appended once a stop is asked for. ``reported(payload)``
    follows every payload the row showed; ``progressed(done, total, what)`` the counted ones.
    """

    progressed = Signal(int, int, str)
    reported = Signal(object)

    def __init__(
        self,
        owner: QWidget,
        name: str,
        cancel_text: str,
        cancel_name: str,
        cancel_tip: str,
        *,
        describe: Callable[[Any], Described] | None = None,
        stopping: str | None = None,
        text_name: str | None = None,
        bar_format: str | None = None,
    ) -> None:
        super().__init__(owner)
        self._owner = owner
        self._name = name
        self._cancel_text, self._cancel_name, self._cancel_tip = cancel_text, cancel_name, cancel_tip
        self._describe = describe
        self._stopping = stopping_text() if stopping is None else shown(stopping)
        self._text_name = text_name or f"{name}ProgressText"
        self._bar_format = bar_format
        self.worker: Worker | None = None
        self.request: int | None = None
        self.frame: QFrame | None = None
        self.bar: QProgressBar | None = None
        self.text: QLabel | None = None
        self.cancel_button: QPushButton | None = None
        self._shortcut: QShortcut | None = None

    def build(self) -> QFrame:
        """The row, hidden until a worker starts; Esc (on the owner) stops it while it runs."""
        self.frame = QFrame()
        self.frame.setObjectName(f"{self._name}Progress")
        self.bar = QProgressBar()
        self.bar.setObjectName(f"{self._name}Bar")
        self.text = QLabel()
        if self._bar_format is not None:
            self.bar.setFormat(self._bar_format)
        self.text.setObjectName(self._text_name)
        self.cancel_button = QPushButton(shown(self._cancel_text))
        self.cancel_button.setObjectName(self._cancel_name)
        self.cancel_button.setToolTip(shown(self._cancel_tip))
        self.cancel_button.clicked.connect(self.cancel)
        self._shortcut = QShortcut(QKeySequence(QtCore.Qt.Key.Key_Escape), self._owner)
        self._shortcut.setContext(QtCore.Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._shortcut.activated.connect(self.cancel)
        self._shortcut.setEnabled(False)
        row = QHBoxLayout(self.frame)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.bar, 1)
        row.addWidget(self.text, 2)
        row.addWidget(self.cancel_button)
        self.frame.hide()
        return self.frame

    @property
    def running(self) -> bool:
        return self.worker is not None

    def start(self, worker: Worker, request_id: int | None, text: str) -> None:
        """Show ``worker`` running (for ``request_id``, if any): an indeterminate bar and ``text``."""
        assert self.frame is not None and self.bar is not None and self.text is not None
        assert self.cancel_button is not None and self._shortcut is not None
        self.worker = worker
        self.request = request_id
        self.bar.setRange(0, 0)
        self.text.setText(shown(text))
        self.cancel_button.setEnabled(True)
        self._shortcut.setEnabled(True)
        self.frame.show()

    @Slot(object)
    def on_progress(self, payload: Any) -> None:
        if self.worker is None or self.sender() is not self.worker.signals:  # a replaced worker's late signal
            return
        self.show_progress(payload)

    def show_progress(self, payload: Any) -> None:
        """Show one progress payload of the running worker."""
        from minisip_console.ui.workers import Progress

        if self.worker is None:
            return
        assert self.bar is not None and self.text is not None
        if self._describe is not None:
            value, maximum, text = self._describe(payload)
        else:
            done, total, what = payload if isinstance(payload, Progress) else (0, 0, payload)
            what = shown(what)
            value, maximum = done, total
            if self.request is None:
                text = what
            elif what:
                text = tr("Request {request}: {what}").format(request=self.request, what=what)
            else:
                text = tr("Request {request}").format(request=self.request)
        if maximum > 0:
            self.bar.setRange(0, maximum)
            self.bar.setValue(value)
        text = shown(text)  # a tab's describe() may return a core Text
        if self.worker.cancelled():
            text += self._stopping
        self.text.setText(text)
        self.reported.emit(payload)
        if isinstance(payload, Progress):
            self.progressed.emit(*payload)

    @Slot()
    def cancel(self) -> None:
        if self.worker is None:
            return
        assert self.cancel_button is not None and self.text is not None
        self.worker.cancel()
        self.cancel_button.setEnabled(False)
        if not self.text.text().endswith(self._stopping):
            self.text.setText(self.text.text() + self._stopping)

    def done(self) -> int | None:
        """The worker has finished or failed: hide the row; returns its request's id."""
        request_id = self.request
        self.worker = None
        self.request = None
        self._hide()
        return request_id

    def reset(self) -> None:
        """On disconnect: stop the worker, forget it and hide the row."""
        if self.worker is not None:
            self.worker.cancel()
        self.worker = None
        self.request = None
        self._hide()

    def _hide(self) -> None:
        if self._shortcut is not None:
            self._shortcut.setEnabled(False)
        if self.frame is not None:
            self.frame.hide()
