"""The crash hook: an uncaught exception opens the crash dialog, and the application goes on."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from minisip_console.core.plumbing import logs
from minisip_console.ui import crash


@pytest.fixture
def recent_log() -> Iterator[None]:
    root = logging.getLogger()
    added = logs.recent not in root.handlers
    if added:
        root.addHandler(logs.recent)
    yield
    if added:
        root.removeHandler(logs.recent)


@pytest.fixture
def installed(monkeypatch: pytest.MonkeyPatch) -> None:
    """crash.install() for one test: the previous hooks come back afterwards."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    crash.install()
    assert sys.excepthook is crash.excepthook


def test_the_hook_shows_the_traceback_and_the_recent_log(qtbot, recent_log: None, installed: None) -> None:  # type: ignore[no-untyped-def]
    logging.getLogger("minisip_console.test").warning("a line just before the bug")
    try:
        raise RuntimeError("something the code did not expect")
    except RuntimeError:
        dialog = sys.excepthook(*sys.exc_info())
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    assert crash.open_dialogs() == (dialog,)
    text = dialog.text.toPlainText()
    assert "RuntimeError: something the code did not expect" in text
    assert "test_the_hook_shows_the_traceback" in text  # the traceback's frames
    assert "--- recent log ---" in text and "a line just before the bug" in text
    assert "Log file:" in dialog.log_label.text() and "minisip-console.log" in dialog.log_label.text()

    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == dialog.details
    assert dialog.copy_button.text() == "&Copied"

    # the application did not exit: its event loop still runs and the dialog closes normally
    assert QApplication.instance() is not None
    with qtbot.waitSignal(dialog.finished):
        dialog.reject()
    assert crash.open_dialogs() == ()


def test_a_storm_of_errors_opens_a_few_dialogs_not_hundreds(qtbot) -> None:  # type: ignore[no-untyped-def]
    opened = []
    for i in range(crash.MAX_OPEN + 3):
        try:
            raise ValueError(f"error {i}")
        except ValueError:
            dialog = crash.excepthook(*sys.exc_info())
        if dialog is not None:
            qtbot.addWidget(dialog)
            opened.append(dialog)
    assert len(opened) == crash.MAX_OPEN
    for dialog in opened:
        dialog.close()


def test_an_error_in_another_thread_reaches_the_gui_thread(qtbot, installed: None) -> None:  # type: ignore[no-untyped-def]
    def work() -> None:
        raise KeyError("from a plain thread")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: len(crash.open_dialogs()) == 1)
    dialog = crash.open_dialogs()[0]
    qtbot.addWidget(dialog)
    assert "KeyError: 'from a plain thread'" in dialog.details
    dialog.close()
