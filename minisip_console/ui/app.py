"""Start the window: parse the few GUI options, show the main window, then connect in the background.

The order matters (ARCHITECTURE.md: a bare window shows in about 0.24 s, ``sqlalchemy.orm``
costs about 0.6 s more): the window is built and shown first, and only once it has been
exposed does a pool worker set up the log file and connect, which imports SQLAlchemy. This
module and ``main_window`` never import ``core.plumbing.db``, ``core.plumbing.connection`` or ``core.models`` at
module level; a test checks ``sys.modules`` at the moment the window is shown.

Process-level hooks (environment variables), for tests and the start-up benchmark:

``MINISIP_CONSOLE_EXIT_AFTER_SHOWN=1``
    print one JSON line on stdout when the window is first shown (with whether SQLAlchemy was
    imported by then) and quit without connecting.
``MINISIP_CONSOLE_BENCH=1``
    print ``BENCH <event> <unix time>`` lines on stderr for ``shown`` and ``rows`` (the first
    screen's content, the Overview's verdicts, painted) and quit after ``rows`` (or ``failed``).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThreadPool, QTimer, Slot
from PySide6.QtWidgets import QApplication

from minisip_console import APP_NAME, __version__
from minisip_console.ui import crash
from minisip_console.ui.gc_guard import GuiThreadCollector
from minisip_console.ui.main_window import MainWindow
from minisip_console.ui.resources import app_icon

if TYPE_CHECKING:
    from minisip_console.ui.connecting import ConnectRequest

log = logging.getLogger(__name__)

EXIT_AFTER_SHOWN_ENV = "MINISIP_CONSOLE_EXIT_AFTER_SHOWN"
BENCH_ENV = "MINISIP_CONSOLE_BENCH"
ORGANIZATION = "Cloud miniSIPServer"
WINDOW_SIZE = (1280, 800)


def parse_args(argv: Sequence[str]) -> tuple[argparse.Namespace, list[str]]:
    """The GUI's options; anything else is left for Qt (``-platform``, ``-style``...)."""
    parser = argparse.ArgumentParser(prog=APP_NAME, description="Open the minisip-console window.", add_help=False)
    choice = parser.add_mutually_exclusive_group()
    choice.add_argument("--demo", action="store_true", help="open the embedded demo database (created on first use)")
    choice.add_argument("--database", metavar="URL", help="open this database URL")
    choice.add_argument("--profile", metavar="NAME", help="open this saved profile")
    parser.add_argument(
        "--presenter", action="store_true", help="start in presenter mode: no login, path or host shown, personal data masked"
    )
    return parser.parse_known_args(list(argv))


def request_from_args(args: argparse.Namespace) -> ConnectRequest:
    """--demo, --profile or --database; nothing means the last profile (or the connect dialog)."""
    from minisip_console.ui.connecting import ConnectRequest

    return ConnectRequest(demo=bool(args.demo), profile=args.profile or None, database=args.database or None)


def create_application(qt_args: Sequence[str] = ()) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication([sys.argv[0] if sys.argv else APP_NAME, *qt_args])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_NAME)
    app.setWindowIcon(app_icon())
    from minisip_console.ui import i18n, theme

    i18n.install(app, i18n.effective())  # before any widget: every label is built in one language
    theme.apply(app)  # light or dark, as the OS (or MINISIP_CONSOLE_THEME) says
    theme.follow_os(app)
    if app.findChild(GuiThreadCollector) is None:  # cycles are freed on the GUI thread, never on a worker
        GuiThreadCollector(app)
    return app


def prepare_logging() -> None:
    """Pool thread, before connecting: the log file and the recent lines for the crash dialog,
    kept off the path to the first paint."""
    from minisip_console.ui.connecting import setup_logging

    crash.set_log_file(setup_logging())


class _Starter(QObject):
    """Starts connecting once the window is on screen: the connect logic (and SQLAlchemy with
    it) is loaded only then, never before the first paint."""

    def __init__(self, window: MainWindow, args: argparse.Namespace) -> None:
        super().__init__(window)
        self.window = window
        self.args = args
        window.first_shown.connect(self.start)

    @Slot()
    def start(self) -> None:
        self.window.start_connect(request_from_args(self.args), prepare=prepare_logging)


class _Probe(QObject):
    """The environment hooks: report the moments tests and the benchmark measure, then quit."""

    def __init__(self, window: MainWindow, *, exit_after_shown: bool, bench: bool) -> None:
        super().__init__(window)
        self.window = window
        self.exit_after_shown = exit_after_shown
        self.bench = bench
        window.first_shown.connect(self.on_shown)
        if bench:
            # the first screen's content: the Overview's verdicts, after the paint that shows them
            window.overview_tab.loaded.connect(lambda _result: QTimer.singleShot(0, self, self.on_rows))
            window.connect_failed.connect(self.on_failed)

    @Slot()
    def on_shown(self) -> None:
        now = time.time()
        if self.exit_after_shown:
            import json

            print(json.dumps({"event": "shown", "time": now, "sqlalchemy_imported": "sqlalchemy" in sys.modules}), flush=True)
            QApplication.quit()
        if self.bench:
            print(f"BENCH shown {now:.6f} sqlalchemy={'sqlalchemy' in sys.modules}", file=sys.stderr, flush=True)

    @Slot()
    def on_rows(self) -> None:
        print(
            f"BENCH rows {time.time():.6f} rows={self.window.overview_tab.table.rowCount()}",
            file=sys.stderr,
            flush=True,
        )
        QApplication.quit()

    @Slot(object)
    def on_failed(self, failure: object) -> None:
        print(f"BENCH failed {time.time():.6f} {getattr(failure, 'message', failure)}", file=sys.stderr, flush=True)
        QApplication.exit(1)


def build(argv: Sequence[str]) -> tuple[QApplication, MainWindow, argparse.Namespace]:
    """Everything up to (not including) showing: the application, the window and the options."""
    args, qt_args = parse_args(argv)
    # logging (the file and the crash dialog's recent lines) is set up by the first worker,
    # after the window is shown, so opening the log file never delays the first paint
    app = create_application(qt_args)
    crash.install()
    return app, make_window(args), args


def make_window(args: argparse.Namespace) -> MainWindow:
    """The main window as the options want it (``--presenter``: before the first paint, so
    nothing private is ever on screen)."""
    window = MainWindow()
    if args.presenter:
        window.set_presenter(True)
    if not window.restore_memory():  # as it was left; the first time, this size
        window.resize(*WINDOW_SIZE)
    return window


def run(argv: Sequence[str]) -> int:
    try:
        app, window, args = build(argv)
    except SystemExit as exc:  # argparse: a bad option
        return int(exc.code or 0)
    exit_after_shown = os.environ.get(EXIT_AFTER_SHOWN_ENV) == "1"
    bench = os.environ.get(BENCH_ENV) == "1"
    if exit_after_shown or bench:
        _Probe(window, exit_after_shown=exit_after_shown, bench=bench)
    if not exit_after_shown:
        _Starter(window, args)
    window.show()
    status = app.exec()
    from minisip_console.ui import workers

    workers.cancel_all()
    QThreadPool.globalInstance().waitForDone(10_000)
    log.info("%s exits with status %d", APP_NAME, status)
    return status
