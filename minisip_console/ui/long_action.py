"""The one path every write and report of a tab or dialog takes: confirm -> worker -> progress -> result or error.

A button's slot never calls the core itself (a write can wait seconds on a lock; a report can
read a million rows): it hands the core call to a ``LongAction``, which

1. optionally asks first (``confirm``: a ``QMessageBox`` whose default and Esc button are the
   safe answer, Cancel; nothing runs unless the destructive button is clicked),
2. runs the call on the thread pool as a ``workers.Worker`` (``ui/workers.py``), disabling the
   action's buttons while it runs; a second click while it runs starts nothing (``start``
   returns None),
3. shows its progress on a ``RequestProgress`` row (``ui/progress_panel.py``: bar, text, a
   stop button and Esc), when one is given and the call reports progress,
4. hands the result, on the GUI thread, to ``done(result)``; or the failure to
   ``failed(WorkFailure)`` (a ``ConsoleError``: its message and hint; a stop: ``failure.cancelled``;
   anything else a programming error for the crash dialog: ``ActionTabPage._show_failure`` and
   ``TabPage._report`` do both). Without ``failed``, a known failure goes to the owner's
   ``notifier`` and a programming error to the crash dialog.

Signals from an earlier worker (after ``reset`` on disconnect) are ignored: no tab checks
``sender()`` any more. A tab's reads (its list, the selected row's details) take the sibling
path, ``ui/reading.py``'s ``LatestRead``: there a newer read replaces an older one. ``done``, ``failed`` and ``progress`` may be any callables (bound methods,
lambdas): ``LongAction``'s own slots, in the GUI thread, call them. Owned by a dialog, the action
dies with it and its late result goes nowhere.

Using it (a tab, or a dialog; the law-enforcement tab follows the same steps)::

    # __init__: one LongAction per independent action (each has its own busy state)
    self.approving = LongAction(self, "approve")
    # build_content: the buttons it greys while it runs
    self.approving.hold_buttons(self.approve_button)

    @Slot()
    def approve(self) -> Worker | None:
        return self.approving.start(
            deletion.approve, self.database.sessions, self.database.operator, request.id,
            done=self._on_approved, failed=self._on_action_failed,
        )

    # a destructive one asks first; the Worker is then started by the box's Yes
    box = self.running.confirm(
        Confirm("deletionRunConfirm", "Carry out a deletion request", "Delete …?", "This cannot be undone.",
                yes="&Delete and verify", yes_name="deletionRunConfirmYes"),
        then=lambda: self.start_run(request.id), declined=lambda: self._show_result("Not carried out."),
    )

A tab whose buttons are re-enabled by its own ``_update_actions`` calls ``action.hold()`` at
its end, so a running action's buttons stay grey; ``idle`` is emitted when the action is over
(the tab's hook to re-enable them). Tests wait on ``finished`` / ``failed`` (or the tab's own
signals) with ``qtbot.waitSignal``; ``worker`` is the running one; ``box`` the open question.

Moving a tab onto this path (as the deletion, policies, CDR and operators tabs were):

- a long run with a progress row: keep the ``RequestProgress`` (built into the layout as before)
  and pass it as ``LongAction(self, name, panel=progress)``; start with ``callbacks=True,
  panel_id=request_id, panel_text="…"``. Its Stop button and Esc then cancel the action's worker;
  ``progress.progressed(done, total, what)`` still follows counted progress for the tab's signal.
  Drop the tab's ``workers.start(..., progress=panel.on_progress)``, ``panel.start``/``done``
  calls and the ``_is_current`` checks in the finished and failed slots: ``done``/``failed``
  are only called for the current worker, after the panel is hidden and the buttons given back.
- a confirmation: replace the hand-built ``QMessageBox``, its ``_confirm_yes`` and its finished
  slot by ``action.confirm(Confirm(...), then=..., declined=...)``; expose ``box`` as the tab's
  ``confirm_box`` if tests look for it. Tests click Yes by its object name (``yes_name``).
- a write in a slot or a dialog's ``submit``: check the form inline first (return None), then
  ``return action.start(core_fn, ..., done=..., failed=...)``; in a tab, ``failed=self._on_action_failed``
  (``ActionTabPage``: the refusal on the result line, ``action_failed`` emitted); in a dialog,
  ``failed=lambda f: show_failure_in(self.error, f)`` (nothing typed is lost).
- ``clear()`` on disconnect calls ``action.reset()`` for each action.
- ``gui_thread_sql`` (tests/gui/conftest.py) then proves the tab runs no SQL on the GUI thread.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore
from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from minisip_console.ui import workers
from minisip_console.ui.i18n import shown, tr
from minisip_console.ui.workers import Worker, WorkFailure

if TYPE_CHECKING:
    from minisip_console.ui.progress_panel import RequestProgress

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Confirm:
    """What the confirmation asks: the default and Esc button are Cancel, the safe answer."""

    name: str  # the box's object name
    title: str
    text: str
    informative: str = ""
    yes: str = ""  # the destructive button's text: "&Continue" (translated) when not given
    yes_name: str = ""
    destructive: bool = True


def failure_text(failure: WorkFailure) -> str:
    """A failure as one sentence for an inline error or a result line: the message, then the hint
    (a core sentence translated)."""
    return f"{shown(failure.message)} {shown(failure.hint)}" if failure.hint else shown(failure.message)


def show_failure_in(label: QLabel, failure: WorkFailure) -> None:
    """A dialog's inline error: the core's sentence in ``label``; a programming error also to the crash dialog."""
    from minisip_console.ui import crash

    label.setText(failure_text(failure))
    label.show()
    if not failure.known:
        crash.report_failure(failure)


class LongAction(QObject):
    """One action's life cycle: at most one worker at a time, its buttons grey while it runs."""

    started = Signal(object)  # Worker
    progressed = Signal(object)  # the payload
    finished = Signal(object)  # the result
    failed = Signal(object)  # WorkFailure
    idle = Signal()  # after finished or failed: the action may run again

    def __init__(self, owner: QObject, name: str, *, panel: RequestProgress | None = None) -> None:
        super().__init__(owner)
        self.setObjectName(f"{name}Action")
        self._owner = owner
        self.name = name
        self.panel = panel
        self.worker: Worker | None = None
        self.box: QMessageBox | None = None
        self._buttons: list[QWidget] = []
        self._held: dict[QWidget, bool] = {}
        self._done: Callable[[Any], object] | None = None
        self._failed: Callable[[WorkFailure], object] | None = None
        self._progress: Callable[[Any], object] | None = None
        self._then: Callable[[], object] | None = None
        self._declined: Callable[[], object] | None = None
        self._yes: Any = None

    # ------------------------------------------------------------------ state
    @property
    def running(self) -> bool:
        return self.worker is not None

    def hold_buttons(self, *buttons: QWidget) -> None:
        """The widgets greyed while the action runs (given back their state when it ends)."""
        self._buttons.extend(buttons)

    def hold(self) -> None:
        """Grey the action's buttons again if it runs (call at the end of a tab's ``_update_actions``)."""
        if self.worker is not None:
            for button in self._buttons:
                button.setEnabled(False)

    # ------------------------------------------------------------------ confirm
    def confirm(
        self,
        ask: Confirm,
        then: Callable[[], object],
        declined: Callable[[], object] | None = None,
        parent: QWidget | None = None,
    ) -> QMessageBox | None:
        """Ask ``ask`` (window-modal, not blocking); ``then()`` runs when its Yes is clicked, ``declined()``
        otherwise. None (nothing asked) while the action runs or another question is open."""
        if self.worker is not None or self.box is not None:
            return None
        owner = parent if parent is not None else self._owner
        box = QMessageBox(owner if isinstance(owner, QWidget) else None)
        box.setObjectName(ask.name)
        box.setIcon(QMessageBox.Icon.Warning if ask.destructive else QMessageBox.Icon.Question)
        box.setWindowTitle(shown(ask.title))
        box.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        box.setText(shown(ask.text))
        if ask.informative:
            box.setInformativeText(shown(ask.informative))
        role = QMessageBox.ButtonRole.DestructiveRole if ask.destructive else QMessageBox.ButtonRole.AcceptRole
        yes = box.addButton(shown(ask.yes) if ask.yes else tr("&Continue"), role)
        if ask.yes_name:
            yes.setObjectName(ask.yes_name)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        self.box, self._yes, self._then, self._declined = box, yes, then, declined
        box.finished.connect(self._on_box_finished)
        box.open()
        return box

    @Slot(int)
    def _on_box_finished(self, _result: int) -> None:
        box = self.box
        if box is None or self.sender() is not box:
            return
        confirmed = box.clickedButton() is self._yes
        then, declined = self._then, self._declined
        self.box, self._yes, self._then, self._declined = None, None, None, None
        box.deleteLater()
        if confirmed and then is not None:
            then()
        elif declined is not None:
            declined()

    # ------------------------------------------------------------------ run
    def start(
        self,
        fn: Callable[..., Any],
        *args: Any,
        done: Callable[[Any], object] | None = None,
        failed: Callable[[WorkFailure], object] | None = None,
        progress: Callable[[Any], object] | None = None,
        callbacks: bool = False,
        label: str | None = None,
        panel_id: int | None = None,
        panel_text: str = "",
        **kwargs: Any,
    ) -> Worker | None:
        """Run ``fn(*args, **kwargs)`` on the pool; None (nothing started) while it already runs.

        ``label`` names the work in logs and messages (default: the action's name). ``callbacks=True``
        passes ``progress`` and ``cancel`` to ``fn`` (long work that reports and stops); the panel,
        if any, then shows it with ``panel_text`` (and ``panel_id``, a request's id) until it ends.
        Every other keyword goes to ``fn``."""
        if self.worker is not None:
            log.debug("%s: already running, not started again", self.name)
            return None
        # bound with functools.partial: a keyword of fn's (name=, text=) never meets the Worker's own
        worker = Worker(functools.partial(fn, *args, **kwargs), name=label or getattr(fn, "__name__", self.name), callbacks=callbacks)
        self.worker = worker
        self._done, self._failed, self._progress = done, failed, progress
        self._held = {button: button.isEnabled() for button in self._buttons}
        for button in self._buttons:
            button.setEnabled(False)
        if self.panel is not None and callbacks:
            self.panel.start(worker, panel_id, panel_text)
        self.started.emit(worker)
        return workers.start(worker, finished=self._on_finished, failed=self._on_failed, progress=self._on_progress)

    def cancel(self) -> None:
        """Ask the running worker to stop (it stops at its next check; the failure says ``cancelled``)."""
        if self.panel is not None and self.panel.worker is self.worker:
            self.panel.cancel()
        elif self.worker is not None:
            self.worker.cancel()

    def reset(self) -> None:
        """On disconnect: stop the worker and forget it (its late signals go nowhere); close the question."""
        if self.box is not None:
            box, self.box = self.box, None
            box.reject()
            box.deleteLater()
        if self.worker is not None:
            self.worker.cancel()
        if self.panel is not None and self.panel.worker is self.worker:
            self.panel.reset()
        self._end()

    # ------------------------------------------------------------------ the worker's signals (GUI thread)
    def _current(self) -> bool:
        return self.worker is not None and self.sender() is self.worker.signals

    @Slot(object)
    def _on_progress(self, payload: Any) -> None:
        if not self._current():
            return
        if self.panel is not None and self.panel.worker is self.worker:
            self.panel.show_progress(payload)
        if self._progress is not None:
            self._progress(payload)
        self.progressed.emit(payload)

    @Slot(object)
    def _on_finished(self, result: Any) -> None:
        if not self._current():
            return
        done = self._done
        self._end()
        if done is not None:
            done(result)
        self.finished.emit(result)
        self.idle.emit()

    @Slot(object)
    def _on_failed(self, failure: WorkFailure) -> None:
        if not self._current():
            return
        failed = self._failed
        self._end()
        if failed is not None:
            failed(failure)
        else:
            self._unhandled(failure)
        self.failed.emit(failure)
        self.idle.emit()

    def _end(self) -> None:
        if self.panel is not None and self.worker is not None and self.panel.worker is self.worker:
            self.panel.done()
        self.worker = None
        self._done = self._failed = self._progress = None
        for button, enabled in self._held.items():
            button.setEnabled(enabled)
        self._held = {}

    def _unhandled(self, failure: WorkFailure) -> None:
        from minisip_console.ui import crash

        notifier = getattr(self._owner, "notifier", None)
        if failure.known and notifier is not None:
            notifier.error(failure.message, failure.hint)
        elif not failure.known:
            crash.report_failure(failure)
