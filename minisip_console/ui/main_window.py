"""The main window: menus, the tabs, the message banner and the status bar.

It is shown before SQLAlchemy is imported (nothing here imports ``core.plumbing.db``, ``core.plumbing.connection``
or ``core.models`` at module level). Connecting runs on a pool worker (``ui.connecting``);
the window shows "Connecting to …" with a busy indicator meanwhile, then the profile, the
database, the operator and the role. A known error is shown with its hint and a "Connect…"
button, and the window stays up; a bug opens the crash dialog.

On the first connection the window adds what needs the core (issue 3): the Audit log tab and
then the Operators tab, the operator's running access grants in the status bar (refreshed each
minute, each can be ended early), and opening an account from the Accounts table (Enter or
double-click: the platform's "activated"): its details window if a grant runs, else the grant
dialog first.

Presenter mode (issue 15, ``ui/presenter.py``; View > Presenter mode, ``--presenter``): the status
bar, the title and every message without the OS login, paths or the database host, the role
only; no account opens (``_refuse_presenting``). A "Demo data" badge marks the demo database.
"""

from __future__ import annotations

import enum
import logging
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore
from PySide6.QtCore import QEvent, QObject, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDesktopServices,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from minisip_console import APP_NAME, __version__
from minisip_console.ui import crash, window_memory
from minisip_console.ui.accounts.tab import AccountsTab
from minisip_console.ui.cdr_retention.tab import CdrTab
from minisip_console.ui.deletion_queue.tab import DeletionsTab
from minisip_console.ui.i18n import shown, tr
from minisip_console.ui.law_enforcement.tab import LegalTab
from minisip_console.ui.notifier import Notice, Notifier, Severity
from minisip_console.ui.overview.tab import OverviewTab
from minisip_console.ui.policy_notices.tab import PoliciesTab
from minisip_console.ui.presenter import Presenter
from minisip_console.ui.resources import app_icon
from minisip_console.ui.tabs import TabPage, role_word

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu

    from minisip_console.core.overview import Overview
    from minisip_console.core.plumbing.connection import Database
    from minisip_console.ui.accounts.details import AccountDetailsWindow
    from minisip_console.ui.accounts.grant_dialog import GrantDialog, GrantsStatus
    from minisip_console.ui.audit_log.tab import AuditTab
    from minisip_console.ui.banner import MessageBanner
    from minisip_console.ui.connect_dialog import ConnectDialog
    from minisip_console.ui.connecting import Connected, ConnectRequest, NeedsChoice
    from minisip_console.ui.operators.tab import OperatorsTab
    from minisip_console.ui.report_dialog import ReportDialog
    from minisip_console.ui.workers import Progress, Worker, WorkFailure

# Modules that the first paint does not need (the banner, the workers, the connect logic) are
# imported when first used, and the Qt namespace is reached as QtCore.Qt inside functions: it
# costs 30-50 ms to load in PySide6, and the first paint does not need it (ARCHITECTURE.md).

log = logging.getLogger(__name__)

#: the status bar's database label is cut in the middle beyond this (the tooltip has it whole)
LABEL_MAX = 70


class State(enum.StrEnum):
    DISCONNECTED = "disconnected"
    CONNECTING = "connecting"
    CONNECTED = "connected"
    FAILED = "failed"


def _grant_of(sessions: Any, operator: Any, account_id: int) -> tuple[int, Any]:
    """The account and the operator's running grant to it (or None): work for a pool thread."""
    from minisip_console.core.access import active_grant

    return account_id, active_grant(sessions, operator, account_id)


def _middle(text: str, limit: int = LABEL_MAX) -> str:
    if len(text) <= limit:
        return text
    half = (limit - 1) // 2
    return f"{text[:half]}…{text[-half:]}"


class MainWindow(QMainWindow):
    #: the window has been exposed and painted once (start-up work may begin)
    first_shown = Signal()
    connected = Signal(object)  # core.plumbing.connection.Database
    connect_failed = Signal(object)  # WorkFailure
    disconnected = Signal()
    overview_loaded = Signal(object)  # core.overview.Overview
    state_changed = Signal(str)

    def __init__(self, notifier: Notifier | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)
        if QApplication.windowIcon().isNull():  # the application's icon otherwise (ui.app sets it)
            self.setWindowIcon(app_icon())
        self.notifier = notifier or Notifier(self)
        self.notifier.notice.connect(self.show_notice)
        #: presenter mode (issue 15): per session, View > Presenter mode or --presenter
        self.presenter = Presenter(self)
        self.presenter.changed.connect(self._on_presenter_changed)
        self.database: Database | None = None
        self.state = State.DISCONNECTED
        self.dialog: ConnectDialog | None = None
        self._connect_worker: Worker | None = None
        self._overview_worker: Worker | None = None
        self._grant_check_worker: Worker | None = None
        #: what connecting still has to do, one step per turn of the event loop, and for which database
        self._stages: list[Callable[[], Any]] = []
        self._stages_for: Database | None = None
        self._shown_once = False
        self._first_shown_emitted = False
        # issue 3: built on the first connection (they import the core, which the first paint must not wait for)
        self.audit_tab: AuditTab | None = None
        self.operators_tab: OperatorsTab | None = None
        self.grants_status: GrantsStatus | None = None
        self.grant_dialog: GrantDialog | None = None
        self.details_windows: dict[int, AccountDetailsWindow] = {}
        self.report_dialog: ReportDialog | None = None  # File > Export audit report…, the last one opened
        self._accounts_view_wired = False
        self._remembered_tab: str | None = None  # window_memory: a last tab that connecting adds

        self._build_actions()
        self._build_menus()

        self._banner: MessageBanner | None = None
        self.tabs = QTabWidget()
        self.tabs.setObjectName("tabs")
        self.tabs.setAccessibleName(tr("Console tabs"))
        self.tabs.setDocumentMode(True)
        self.overview_tab = OverviewTab(self.notifier, self.connect_action)
        self.overview_tab.go_to.connect(self.go_to_tab)
        self.accounts_tab = AccountsTab(self.notifier, self.connect_action)
        self.cdr_tab = CdrTab(self.notifier, self.connect_action)
        self.deletions_tab = DeletionsTab(self.notifier, self.connect_action)
        self.policies_tab = PoliciesTab(self.notifier, self.connect_action)
        self.legal_tab = LegalTab(self.notifier, self.connect_action)
        for tab, name in (
            (self.overview_tab, "overviewTab"),
            (self.accounts_tab, "accountsTab"),
            (self.cdr_tab, "cdrTab"),
            (self.deletions_tab, "deletionsTab"),
            (self.policies_tab, "policiesTab"),
            (self.legal_tab, "legalTab"),
        ):
            tab.setObjectName(name)  # window_memory reopens the last tab by its name
        self.tabs.addTab(self.overview_tab, tr("Overvie&w"))
        self.tabs.addTab(self.accounts_tab, tr("&Accounts"))
        self.tabs.addTab(self.cdr_tab, tr("&CDR retention"))
        self.tabs.addTab(self.deletions_tab, tr("&Deletion queue"))
        self.tabs.addTab(self.policies_tab, tr("&Policy notices"))
        self.tabs.addTab(self.legal_tab, tr("&Law enforcement"))
        central = QWidget()
        self._central_layout = QVBoxLayout(central)
        self._central_layout.setContentsMargins(8, 8, 8, 4)
        self._central_layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

        self._build_status_bar()
        self._set_state(State.DISCONNECTED)

    # ------------------------------------------------------------------ construction
    @property
    def banner(self) -> MessageBanner:
        """The message banner above the tabs, built with the first message."""
        if self._banner is None:
            from minisip_console.ui.banner import MessageBanner

            self._banner = MessageBanner()
            self._central_layout.insertWidget(0, self._banner)
        return self._banner

    def _clear_banner(self) -> None:
        if self._banner is not None:
            self._banner.clear()

    def _action(self, text: str, slot: Callable[[], Any], shortcuts: list[QKeySequence] | None = None, tip: str = "") -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        if shortcuts:
            action.setShortcuts(shortcuts)
        if tip:
            action.setStatusTip(tip)
        return action

    def _build_actions(self) -> None:
        self.connect_action = self._action(
            tr("&Connect…"),
            self.open_connect_dialog,
            [QKeySequence(QKeySequence.StandardKey.Open)],
            tr("Choose a profile or database and connect"),
        )
        self.connect_action.setObjectName("connectAction")
        self.disconnect_action = self._action(
            tr("&Disconnect"), self.disconnect_database, [QKeySequence("Ctrl+Shift+W")], tr("Close the connection to the database")
        )
        self.disconnect_action.setObjectName("disconnectAction")
        self.export_report_action = self._action(
            tr("Export audit &report…"),
            self.export_audit_report,
            tip=tr("A PDF of the promises, their verdicts and the evidence of a period"),
        )
        self.export_report_action.setObjectName("exportReportAction")
        self.refresh_action = self._action(
            tr("&Refresh"),
            self.refresh,
            [QKeySequence(QKeySequence.StandardKey.Refresh), QKeySequence("Ctrl+R")],
            tr("Read the figures again"),
        )
        self.refresh_action.setObjectName("refreshAction")
        quit_keys = [QKeySequence(QKeySequence.StandardKey.Quit)]
        if quit_keys[0].isEmpty() or quit_keys[0] != QKeySequence("Ctrl+Q"):
            quit_keys.append(QKeySequence("Ctrl+Q"))
        self.quit_action = self._action(tr("&Quit"), self.quit_app, [k for k in quit_keys if not k.isEmpty()], tr("Quit minisip-console"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.about_action = self._action(
            tr("&About minisip-console"), self.show_about, [QKeySequence(QKeySequence.StandardKey.HelpContents)]
        )
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.log_folder_action = self._action(
            tr("Open the &log folder"), self.open_log_folder, tip=tr("Where minisip-console writes its log")
        )
        self.cancel_action = self._action(tr("Cancel"), self.cancel_connect)
        self.presenter_action = self._action(
            tr("&Presenter mode"),
            self._on_presenter_action,
            [QKeySequence("Ctrl+Shift+P")],
            tr("Hide the login, local paths and the database host, enlarge the text and keep personal data masked"),
        )
        self.presenter_action.setObjectName("presenterAction")
        self.presenter_action.setCheckable(True)

    def _build_menus(self) -> None:
        menu = self.menuBar()
        file_menu = menu.addMenu(tr("&File"))
        file_menu.addAction(self.connect_action)
        file_menu.addAction(self.disconnect_action)
        file_menu.addSeparator()
        file_menu.addAction(self.export_report_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        view_menu = menu.addMenu(tr("&View"))
        self.view_menu = view_menu
        view_menu.addAction(self.refresh_action)
        view_menu.addAction(self.presenter_action)
        self._build_language_menu(view_menu)
        view_menu.addSeparator()
        self.tab_actions: list[QAction] = []
        titles = (tr("Overview"), tr("Accounts"), tr("CDR retention"), tr("Deletion queue"), tr("Policy notices"), tr("Law enforcement"))
        for i, title in enumerate(titles):
            action = QAction(title, self)
            action.setShortcuts([QKeySequence(f"Ctrl+{i + 1}")])  # setShortcut() would load the Qt namespace
            action.setData(i)
            action.triggered.connect(self._select_tab)
            view_menu.addAction(action)
            self.tab_actions.append(action)
        help_menu = menu.addMenu(tr("&Help"))
        help_menu.addAction(self.log_folder_action)
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)

    def _build_language_menu(self, view_menu: QMenu) -> None:
        """View > Language: follow the system, or one of the console's languages (remembered;
        the window speaks it from the next start)."""
        from PySide6.QtGui import QActionGroup

        from minisip_console.ui import i18n

        self.language_menu = view_menu.addMenu(tr("&Language"))
        self.language_menu.setObjectName("languageMenu")
        group = QActionGroup(self)
        group.setExclusive(True)
        self.language_actions: dict[str, QAction] = {}
        chosen = i18n.chosen()
        choices = [(i18n.SYSTEM, tr("Follow the system")), *i18n.LANGUAGES.items()]
        for code, name in choices:
            action = QAction(name, self)
            action.setCheckable(True)
            action.setChecked(code == chosen)
            action.setData(code)
            action.setObjectName(f"language_{code}")
            group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[code] = action
        group.triggered.connect(self._on_language_chosen)

    def _on_language_chosen(self, action: QAction) -> None:
        from minisip_console.ui import i18n

        code = str(action.data())
        i18n.choose(code)
        language = i18n.effective(code)
        self.notifier.info(
            tr("minisip-console will speak {language} from its next start.").format(language=i18n.LANGUAGES[language]),
            timeout_ms=10_000,
        )

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        bar.setObjectName("statusBar")
        self.status_state = QLabel()
        self.status_state.setObjectName("statusState")
        self.status_busy = QProgressBar()
        self.status_busy.setObjectName("statusBusy")
        self.status_busy.setMaximumWidth(140)
        self.status_busy.setMaximumHeight(16)
        self.status_busy.setTextVisible(False)
        self.status_cancel = QToolButton()
        self.status_cancel.setDefaultAction(self.cancel_action)
        self.status_cancel.setAutoRaise(True)
        self.status_profile = QLabel()
        self.status_profile.setObjectName("statusProfile")
        self.status_database = QLabel()
        self.status_database.setObjectName("statusDatabase")
        self.status_operator = QLabel()
        self.status_operator.setObjectName("statusOperator")
        self.status_role = QLabel()
        self.status_role.setObjectName("statusRole")
        #: shown on the demo database: nothing in it is real
        self.demo_badge = QLabel(tr("Demo data"))
        self.demo_badge.setObjectName("demoBadge")
        self.demo_badge.setToolTip(tr("The built-in demo database: sample data, nothing in it is real or evidence"))
        self.demo_badge.hide()
        # all permanent (right side): a temporary message on the left never hides the state
        for widget in (self.status_state, self.status_busy, self.status_cancel):
            bar.addPermanentWidget(widget)
        for label in (self.demo_badge, self.status_profile, self.status_database, self.status_operator, self.status_role):
            bar.addPermanentWidget(label)

    # ------------------------------------------------------------------ showing
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            handle = self.windowHandle()
            if handle is not None:
                handle.installEventFilter(self)
            # a window that is never exposed (started minimised) still starts its work
            QTimer.singleShot(1500, self, self._on_first_exposed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Expose and watched is self.windowHandle() and self.windowHandle().isExposed():
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._on_first_exposed)  # after this expose has painted the window
        return super().eventFilter(watched, event)

    @Slot()
    def _on_first_exposed(self) -> None:
        if self._first_shown_emitted:
            return
        self._first_shown_emitted = True
        log.info("window shown")
        self.first_shown.emit()

    # ------------------------------------------------------------------ state and status bar
    def _set_state(self, state: State, text: str | None = None) -> None:
        self.state = state
        default = {
            State.DISCONNECTED: tr("Not connected"),
            State.CONNECTING: tr("Connecting…"),
            State.CONNECTED: tr("Connected"),
            State.FAILED: tr("Not connected: the connection failed"),
        }[state]
        self.status_state.setText(text or default)
        self.status_state.setProperty("state", state.value)
        if self._shown_once:  # restyle for the new state (before the first show, polishing does it)
            self.status_state.style().unpolish(self.status_state)
            self.status_state.style().polish(self.status_state)
        busy = state == State.CONNECTING
        self.status_busy.setVisible(busy)
        self.status_cancel.setVisible(busy)
        if busy:
            self.status_busy.setRange(0, 0)
        connected = state == State.CONNECTED
        self.disconnect_action.setEnabled(connected or busy)
        self.refresh_action.setEnabled(connected)
        self.export_report_action.setEnabled(connected)
        if not connected:
            for label in (self.status_profile, self.status_database, self.status_operator, self.status_role):
                label.clear()
                label.setToolTip("")
                label.hide()
            self.demo_badge.hide()
        self.state_changed.emit(state.value)

    def _show_connection(self, database: Database) -> None:
        from minisip_console.ui.presenter import database_word

        target = database.target
        presenting = self.presenter.active
        self.presenter.hide_target(target)
        if target.demo:
            profile = tr("Profile: demo (built-in sample data)")
        elif target.profile:
            profile = tr("Profile: {profile}").format(profile=target.profile)
        else:
            profile = tr("Profile: none (a database URL)")
        operator = database.operator
        if operator.registered:
            role = tr("Role: {role}").format(role=role_word(operator.role.value))
        else:
            role = tr("Role: {role} (read-only: not a registered operator)").format(role=role_word(operator.role.value))
        self.status_profile.setText(profile)
        demo = database.trust.value == "demo"
        # presenting: no path, host or login; the role only
        label = database_word(target, demo=demo) if presenting else shown(target.label)
        self.status_database.setText(tr("Database: {database}").format(database=_middle(label)))
        self.status_database.setToolTip(label)
        self.status_operator.setText(tr("Operator: {operator}").format(operator=operator.display_name))
        self.status_operator.setToolTip(operator.login)
        self.status_role.setText(role)
        # who vouches for the operator: the database, or (an SQLite file, the demo) nobody but the file
        trust = database.trust
        self.status_role.setToolTip(shown(trust.statement))
        if not trust.enforced:
            if trust.value == "demo":
                self.status_role.setText(tr("{role} (demo)").format(role=role))
            else:
                self.status_role.setText(tr("{role} (single-user file)").format(role=role))
        for part in (self.status_profile, self.status_database, self.status_operator, self.status_role):
            part.show()
        self.status_operator.setVisible(not presenting)
        self.demo_badge.setVisible(demo)
        if target.profile:
            title_part = target.profile
        elif target.demo:
            title_part = tr("demo", "the demo database in the window title")
        else:
            title_part = label
        self.setWindowTitle(f"{APP_NAME} — {title_part}")

    # ------------------------------------------------------------------ presenter mode (issue 15)
    def set_presenter(self, on: bool) -> None:
        """Presenter mode on or off (View > Presenter mode, ``--presenter``): for this session only."""
        self.presenter.set_active(on)

    @Slot()
    def _on_presenter_action(self) -> None:
        self.set_presenter(self.presenter_action.isChecked())

    @Slot(bool)
    def _on_presenter_changed(self, on: bool) -> None:
        """Everything that shows a login, a path or a host renders again; personal data is closed."""
        self.presenter_action.setChecked(on)
        if self.database is not None and self.state == State.CONNECTED:
            self._show_connection(self.database)
        message = self.statusBar().currentMessage()
        if message:
            self.statusBar().showMessage(self.presenter.scrub(message))
        if self._banner is not None and self._banner.notice is not None and self._banner.isVisible():
            self._banner.show_notice(self._scrubbed(self._banner.notice))
        self.accounts_tab.set_presenting(on)
        for box in self.findChildren(QMessageBox, "aboutBox"):
            box.setInformativeText(self.presenter.scrub(str(box.property("plainText") or "")))
        if self.dialog is not None:
            self.dialog.set_presenter(self.presenter)
        if on:  # an open grant dialog or details window would show what presenting keeps masked
            self._close_personal_windows()

    def _close_personal_windows(self) -> None:
        if self.grant_dialog is not None:
            self.grant_dialog.reject()
            self.grant_dialog = None
        for window in list(self.details_windows.values()):
            window.close()

    def _scrubbed(self, notice: Notice) -> Notice:
        """The notice in the window's language (a core sentence translated), without a login, a
        path or a host while presenting."""
        notice = notice._replace(text=shown(notice.text), hint=None if notice.hint is None else shown(notice.hint))
        if not self.presenter.active:
            return notice
        return notice._replace(text=self.presenter.scrub(notice.text), hint=self.presenter.scrub_optional(notice.hint))

    def _refuse_presenting(self) -> bool:
        """True (and says why) when presenter mode keeps personal data masked: the one check
        before a grant dialog or an account's details open."""
        if not self.presenter.active:
            return False
        from minisip_console.ui.presenter import REFUSAL, REFUSAL_HINT

        self.notifier.warning(REFUSAL, REFUSAL_HINT)  # core Texts (say): shown() translates them on screen
        return True

    # ------------------------------------------------------------------ connecting
    def _all_tabs(self) -> tuple[TabPage, ...]:
        return (self.overview_tab, self.accounts_tab, self.cdr_tab, self.deletions_tab, self.policies_tab, self.legal_tab)

    def start_connect(self, request: ConnectRequest, *, prepare: Callable[[], None] | None = None) -> Worker:
        """Connect on a pool thread; the outcome arrives in ``_on_connect_finished``/``_failed``."""
        from minisip_console.ui import connecting, workers
        from minisip_console.ui.workers import Worker

        if self._connect_worker is not None:  # superseded: its outcome will be ignored
            self._connect_worker.cancel()
        self._close_database()
        self._clear_banner()
        if self.presenter.active:
            self.presenter.hide_request(request)
        connecting_to = tr("Connecting to {what}…").format(what=shown(request.describe))
        self._set_state(State.CONNECTING, connecting_to)
        for tab in self._all_tabs():
            tab.show_busy(connecting_to)
        worker = Worker(connecting.connect, request, name="connect", prepare=prepare)
        self._connect_worker = worker
        return workers.start(worker, finished=self._on_connect_finished, failed=self._on_connect_failed, progress=self._on_connect_progress)

    def _is_current(self, worker: Worker | None) -> bool:
        return worker is not None and self.sender() is worker.signals

    @Slot(object)
    def _on_connect_progress(self, progress: Progress) -> None:
        if not self._is_current(self._connect_worker):
            return
        done, total, what = progress
        what = shown(what)
        if total > 0:
            self.status_busy.setRange(0, total)
            self.status_busy.setValue(done)
            if what:
                text = tr("{what}: {done:,} of {total:,}").format(what=what, done=done, total=total)
            else:
                text = tr("{done:,} of {total:,}").format(done=done, total=total)
        else:
            self.status_busy.setRange(0, 0)
            text = what or tr("Connecting…")
        text = self.presenter.scrub(text)
        self.status_state.setText(text)
        for tab in self._all_tabs():
            tab.show_busy(text)

    @Slot(object)
    def _on_connect_finished(self, result: Connected | NeedsChoice) -> None:
        from minisip_console.ui.connecting import Connected, NeedsChoice

        if not self._is_current(self._connect_worker):
            if isinstance(result, Connected):  # superseded or cancelled: do not leak it
                result.database.close()
            return
        self._connect_worker = None
        if isinstance(result, NeedsChoice):
            self._set_state(State.DISCONNECTED)
            for tab in self._all_tabs():
                tab.show_disconnected()
            self.notifier.info(result.reason)
            self.open_connect_dialog()
            return
        database = result.database
        self.database = database
        self._set_state(State.CONNECTED)
        self._show_connection(database)
        # Each tab builds its widgets (a big one in parts: TabPage.build_steps) and starts its readers
        # (every read is on a worker), one step per turn of the event loop: built all at once they
        # held it for most of a second.
        stages: list[Callable[[], Any]] = []
        current = self.tabs.currentWidget()
        tabs = sorted(self._all_tabs(), key=lambda tab: tab is not current)  # the tab on screen first
        for tab in tabs:
            stages += [*tab.build_steps(), lambda tab=tab: tab.set_database(database)]
        stages += [
            self._add_audit_tab,
            lambda: self._audit_tab().ensure_built(),
            lambda: self._audit_tab().set_database(database),
            self._add_operators_tab,
            lambda: self._operators_tab().ensure_built(),
            lambda: self._operators_tab().set_database(database),
            lambda: self._wire_grants(database),
            self._load_overview,
            self._restore_layout,
            lambda: self._announce(database, result.created_demo),
        ]
        self._stages = stages
        self._stages_for = database
        QTimer.singleShot(0, self, self._next_stage)

    @Slot()
    def _next_stage(self) -> None:
        """Run the next connect step; the next one on the next turn of the event loop."""
        if not self._stages or self.database is None or self.database is not self._stages_for:
            return  # disconnected or reconnected meanwhile: the rest is moot
        stage = self._stages.pop(0)
        try:
            stage()
        except Exception as exc:  # a ConsoleError is shown; anything else is a bug
            self._report(exc)
        if self._stages:
            QTimer.singleShot(0, self, self._next_stage)

    def restore_memory(self) -> bool:
        """Reopen as the window was left (``ui.window_memory``): size, place and the last tab now
        (the Audit log and Operators tabs once connecting adds them); False when nothing was kept."""
        restored = window_memory.restore_geometry(self, self.tabs)
        self._remembered_tab = window_memory.remembered_tab()
        return restored

    def _restore_layout(self) -> None:
        """After connecting: splitters and columns as they were left, and a last tab added only now."""
        window_memory.restore_layout(self)
        tab = self._remembered_tab
        self._remembered_tab = None
        if tab is not None:
            found = self.findChild(QWidget, tab)
            if found is not None and self.tabs.indexOf(found) >= 0 and self.tabs.currentWidget() is self.tabs.widget(0):
                self.tabs.setCurrentWidget(found)

    def _announce(self, database: Database, created_demo: Any) -> None:
        if created_demo is not None:
            self.notifier.success(
                tr("Created the demo database and connected to {database}.").format(database=shown(database.target.label))
            )
        else:
            self.notifier.success(tr("Connected to {database}.").format(database=shown(database.target.label)))
        self.connected.emit(database)

    @Slot(object)
    def _on_connect_failed(self, failure: WorkFailure) -> None:
        if not self._is_current(self._connect_worker):
            return
        self._connect_worker = None
        self._set_state(State.FAILED)
        for tab in self._all_tabs():
            tab.show_disconnected()
        if failure.known:
            self.notifier.error(failure.message, failure.hint, actions=(self.connect_action,))
        else:
            self.notifier.error(
                tr("Connecting failed because of a bug in the console; the details are in the crash report."),
                actions=(self.connect_action,),
            )
            crash.report_failure(failure)
        self.connect_failed.emit(failure)

    @Slot()
    def cancel_connect(self) -> None:
        worker = self._connect_worker
        if worker is None:
            return
        worker.cancel()
        self._connect_worker = None  # its outcome is ignored (and a late connection closed)
        self._set_state(State.DISCONNECTED, tr("Not connected: connecting was cancelled"))
        for tab in self._all_tabs():
            tab.show_disconnected()
        self.notifier.info(tr("Connecting was cancelled."))

    def _report(self, exc: Exception) -> None:
        from minisip_console.core.plumbing.errors import ConsoleError

        if isinstance(exc, ConsoleError):
            self.notifier.console_error(exc, actions=(self.refresh_action,))
        else:
            crash.excepthook(type(exc), exc, exc.__traceback__)

    # ------------------------------------------------------------------ overview
    def _load_overview(self) -> None:
        if self.database is None:
            return
        from minisip_console.core.overview import load_overview
        from minisip_console.ui import workers
        from minisip_console.ui.workers import Worker

        for tab in (self.cdr_tab,):
            if not tab.showing_content():
                tab.show_busy(tr("Reading the figures…"))
        # the saved targets' figures come with the Overview's and the CDR tab's own reads
        worker = Worker(load_overview, self.database.sessions, targets=False, name="overview", callbacks=False)
        self._overview_worker = worker
        workers.start(worker, finished=self._on_overview, failed=self._on_overview_failed)

    @Slot(object)
    def _on_overview(self, overview: Overview) -> None:
        if not self._is_current(self._overview_worker) or self.database is None:
            return
        self._overview_worker = None
        self.cdr_tab.set_overview(overview.cdr)
        self.overview_loaded.emit(overview)

    @Slot(object)
    def _on_overview_failed(self, failure: WorkFailure) -> None:
        if not self._is_current(self._overview_worker):
            return
        self._overview_worker = None
        for tab in (self.cdr_tab,):
            if not tab.showing_content():
                tab.show_busy(tr("The figures could not be read."), shown(failure.message))
        if failure.known:
            self.notifier.error(failure.message, failure.hint, actions=(self.refresh_action,))
        else:
            crash.report_failure(failure)

    @Slot()
    def refresh(self) -> None:
        if self.database is None:
            return
        self.overview_tab.refresh()
        self.accounts_tab.refresh()
        self.cdr_tab.refresh()
        self.deletions_tab.refresh()
        self.policies_tab.refresh()
        self.legal_tab.refresh()
        if self.audit_tab is not None:
            self.audit_tab.refresh()
        if self.operators_tab is not None:
            self.operators_tab.refresh()
        if self.grants_status is not None:
            self.grants_status.refresh()
        self._load_overview()

    # ------------------------------------------------------------------ disconnecting
    def _close_database(self) -> None:
        self._overview_worker = None
        self._grant_check_worker = None
        self._stages = []
        self._stages_for = None
        for tab in self._all_tabs():
            tab.clear()
        self._unwire_access()
        if self.database is not None:
            database, self.database = self.database, None
            database.close()
            log.info("disconnected from %s", database.target.label)
            self.disconnected.emit()
        self.setWindowTitle(APP_NAME)

    @Slot()
    def disconnect_database(self) -> None:
        if self._connect_worker is not None:
            self.cancel_connect()
            return
        self._close_database()
        self._clear_banner()
        self._set_state(State.DISCONNECTED)

    # ------------------------------------------------------------------ access (issue 3)
    def _audit_tab(self) -> AuditTab:
        assert self.audit_tab is not None
        return self.audit_tab

    def _operators_tab(self) -> OperatorsTab:
        assert self.operators_tab is not None
        return self.operators_tab

    def _add_audit_tab(self) -> None:
        """The Audit log tab, added on the first connection."""
        from minisip_console.ui.audit_log.tab import AuditTab

        if self.audit_tab is None:
            self.audit_tab = AuditTab(self.notifier, self.connect_action)
            self.audit_tab.setObjectName("auditTab")
            index = self.tabs.addTab(self.audit_tab, tr("A&udit log"))
            action = QAction(tr("Audit log"), self)
            action.setShortcuts([QKeySequence(f"Ctrl+{index + 1}")])
            action.setData(index)
            action.triggered.connect(self._select_tab)
            self.view_menu.addAction(action)
            self.tab_actions.append(action)

    def _add_operators_tab(self) -> None:
        """The Operators tab, added on the first connection."""
        if self.operators_tab is None:  # after the Audit log: its Ctrl+7 stays
            from minisip_console.ui.operators.tab import OperatorsTab

            self.operators_tab = OperatorsTab(self.notifier, self.connect_action)
            self.operators_tab.setObjectName("operatorsTab")
            index = self.tabs.addTab(self.operators_tab, tr("&Operators"))
            action = QAction(tr("Operators"), self)
            action.setShortcuts([QKeySequence(f"Ctrl+{index + 1}")])
            action.setData(index)
            action.triggered.connect(self._select_tab)
            self.view_menu.addAction(action)
            self.tab_actions.append(action)

    def _wire_grants(self, database: Database) -> None:
        """The running grants in the status bar (read on a worker), and opening an account from its row."""
        from minisip_console.ui.accounts.grant_dialog import GrantsStatus

        if self.grants_status is None:
            self.grants_status = GrantsStatus(self.notifier)
            self.statusBar().insertPermanentWidget(0, self.grants_status)
        self.grants_status.set_database(database)
        if not self._accounts_view_wired and self.accounts_tab.built:
            # Enter and double-click (the platform's activation) on a row open the account
            self.accounts_tab.view.activated.connect(self._on_account_activated)
            self._accounts_view_wired = True

    def _unwire_access(self) -> None:
        if self.audit_tab is not None:
            self.audit_tab.clear()
        if self.operators_tab is not None:
            self.operators_tab.clear()
        if self.grants_status is not None:
            self.grants_status.set_database(None)
        if self.grant_dialog is not None:
            self.grant_dialog.reject()
            self.grant_dialog = None
        for window in list(self.details_windows.values()):
            window.close()
            window.deleteLater()
        self.details_windows.clear()

    @Slot(QtCore.QModelIndex)
    def _on_account_activated(self, index: QtCore.QModelIndex) -> None:
        from minisip_console.ui.table_model import Roles

        row = index.data(Roles.ROW)
        if row is not None:
            self.open_account(int(row.id))

    def open_account(self, account_id: int) -> Worker | None:
        """The account's details if a grant runs, else the grant dialog first.

        Whether a grant runs is read on a worker (``_on_grant_checked``): no database call on the GUI thread."""
        from minisip_console.ui import workers
        from minisip_console.ui.workers import Worker

        if self.database is None or self._refuse_presenting():
            return None
        worker = Worker(_grant_of, self.database.sessions, self.database.operator, account_id, name="access check", callbacks=False)
        self._grant_check_worker = worker
        return workers.start(worker, finished=self._on_grant_checked, failed=self._on_grant_check_failed)

    @Slot(object)
    def _on_grant_checked(self, checked: tuple[int, Any]) -> None:
        if not self._is_current(self._grant_check_worker) or self.database is None:
            return
        self._grant_check_worker = None
        account_id, grant = checked
        if grant is not None:
            self.show_account_details(account_id)
        else:
            self.ask_grant(account_id)

    @Slot(object)
    def _on_grant_check_failed(self, failure: WorkFailure) -> None:
        if not self._is_current(self._grant_check_worker):
            return
        self._grant_check_worker = None
        if failure.known:
            self.notifier.error(failure.message, failure.hint)
        else:
            crash.report_failure(failure)

    def ask_grant(self, account_id: int) -> GrantDialog | None:
        """The grant dialog for an account (the operator states a purpose and a ticket)."""
        from minisip_console.ui.accounts.grant_dialog import GrantDialog

        if self.database is None or self._refuse_presenting():
            return None
        if self.grant_dialog is not None:
            self.grant_dialog.reject()
        dialog = GrantDialog(self.database, account_id, self)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.granted.connect(self._on_granted)
        dialog.finished.connect(self._on_grant_dialog_finished)
        self.grant_dialog = dialog
        dialog.open()
        return dialog

    @Slot(object)
    def _on_granted(self, grant: Any) -> None:
        if self.grants_status is not None:
            self.grants_status.refresh()
        if self.audit_tab is not None:
            self.audit_tab.refresh()
        self.show_account_details(grant.account_id)

    @Slot(int)
    def _on_grant_dialog_finished(self, _result: int) -> None:
        if self.sender() is self.grant_dialog:
            self.grant_dialog = None

    def show_account_details(self, account_id: int) -> AccountDetailsWindow | None:
        from minisip_console.ui.accounts.details import AccountDetailsWindow

        if self.database is None or self._refuse_presenting():
            return None
        window = self.details_windows.get(account_id)
        if window is None:
            window = AccountDetailsWindow(self.database, account_id, self)
            self.details_windows[account_id] = window
            window.load()
        elif not window.isVisible():
            window.load()  # closed earlier: read again (the grant and the data may have changed)
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    # ------------------------------------------------------------------ dialogs
    @Slot()
    def open_connect_dialog(self) -> ConnectDialog:
        from minisip_console.ui.connect_dialog import ConnectDialog

        if self.dialog is None:
            self.dialog = ConnectDialog(self, presenter=self.presenter)
            self.dialog.connect_requested.connect(self._on_dialog_request)
            self.dialog.finished.connect(self._on_dialog_finished)
            self.dialog.open()
        else:
            self.dialog.raise_()
            self.dialog.activateWindow()
        return self.dialog

    @Slot(object)
    def _on_dialog_request(self, request: ConnectRequest) -> None:
        self.start_connect(request)

    @Slot(int)
    def _on_dialog_finished(self, _result: int) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None

    @Slot()
    def export_audit_report(self) -> ReportDialog | None:
        """File > Export audit report…: the period and file dialog (``ui/report_dialog.py``); the
        report is written on a worker. None when not connected."""
        if self.database is None or self.state != State.CONNECTED:
            return None
        from minisip_console.ui.report_dialog import ReportDialog

        dialog = ReportDialog(self.database, self.notifier, self)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.report_dialog = dialog
        return dialog

    def show_about(self) -> QMessageBox:
        from PySide6 import __version__ as pyside_version

        from minisip_console.core.plumbing.paths import log_dir

        box = QMessageBox(self)
        box.setObjectName("aboutBox")
        box.setWindowTitle(tr("About {app}").format(app=APP_NAME))
        box.setIconPixmap(self.windowIcon().pixmap(64, 64))
        box.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        box.setText(f"{APP_NAME} {__version__}")
        about = (
            tr("The privacy console of Cloud miniSIPServer: keep every promise of the privacy policy, and prove it.")
            + "\n\n"
            + tr("Log folder: {folder}").format(folder=log_dir())
            + f"\nPython {sys.version.split()[0]}, PySide6 {pyside_version}"
        )
        box.setProperty("plainText", about)  # presenter mode switched while it is open: scrubbed again
        box.setInformativeText(self.presenter.scrub(about))
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        box.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    @Slot()
    def open_log_folder(self) -> None:
        from minisip_console.core.plumbing.paths import log_dir

        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            self.notifier.warning(tr("Could not open the log folder {folder}.").format(folder=folder), tr("Open it in your file manager."))
        else:
            self.notifier.info(tr("Log folder: {folder}").format(folder=folder))

    @Slot(str)
    def go_to_tab(self, key: str) -> None:
        """The Overview's "Go there": the tab that acts on a promise (``core.compliance.TABS``)."""
        tab = {
            "overview": self.overview_tab,
            "accounts": self.accounts_tab,
            "cdr": self.cdr_tab,
            "deletion": self.deletions_tab,
            "policies": self.policies_tab,
            "legal": self.legal_tab,
            "audit": self.audit_tab,
            "operators": self.operators_tab,
        }.get(key)
        if tab is not None:
            self.tabs.setCurrentWidget(tab)
            tab.setFocus()

    @Slot()
    def _select_tab(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            self.tabs.setCurrentIndex(int(action.data()))

    # ------------------------------------------------------------------ messages
    @Slot(object)
    def show_notice(self, notice: Notice) -> None:
        """The notifier's display: the status bar for information, the banner for problems
        (presenting: without a login, a path or a host)."""
        notice = self._scrubbed(notice)
        if notice.severity in (Severity.ERROR, Severity.WARNING):
            self.banner.show_notice(notice)
            self.statusBar().clearMessage()
        else:
            if (
                self._banner is not None
                and self._banner.notice is not None
                and self._banner.notice.severity not in (Severity.ERROR, Severity.WARNING)
            ):
                self._banner.clear()
            self.statusBar().showMessage(notice.text, notice.timeout_ms)

    # ------------------------------------------------------------------ closing
    @Slot()
    def quit_app(self) -> None:
        if self.close():
            QApplication.quit()  # also when a crash dialog is still open

    def closeEvent(self, event: QCloseEvent) -> None:
        window_memory.save(self, self.tabs)  # before the tables lose their models
        if self._connect_worker is not None:
            self._connect_worker.cancel()
            self._connect_worker = None
        self._close_database()
        self.presenter.set_active(False)  # the application font as it was
        super().closeEvent(event)
        log.info("main window closed")
