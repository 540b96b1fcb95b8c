"""The connect dialog: choose a saved profile or describe a database, test it, save it, connect.

Passwords go to the OS keyring through ``ProfileStore.add`` and nowhere else: not the window
title, the status bar, a log line or the profiles file. When the keyring refuses (locked,
absent) the error says so and the form keeps every value, so nothing typed is lost.
Testing and saving run on pool workers (a keyring may prompt; a server may take seconds).

"Open the demo" (issue 15) opens the embedded demo database, created on first use, as
``--demo`` does: prominent when no profile is saved yet, so a first start needs no command line.
In presenter mode (``ui/presenter.py``) the form, the profiles' tooltips and every message hide
the hosts, paths and logins: only the profiles' names show.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from minisip_console.core.plumbing import db
from minisip_console.core.plumbing.errors import ConsoleError, InvalidInput
from minisip_console.core.plumbing.profiles import TLS_MODES, Profile, ProfileStore, validate_name
from minisip_console.core.text import say
from minisip_console.ui.banner import MessageBanner
from minisip_console.ui.connecting import ConnectRequest, check_connection
from minisip_console.ui.i18n import shown, tr
from minisip_console.ui.long_action import LongAction
from minisip_console.ui.notifier import Notice, Severity
from minisip_console.ui.presenter import Presenter
from minisip_console.ui.workers import Worker, WorkFailure

log = logging.getLogger(__name__)

POSTGRESQL, SQLITE = "postgresql", "sqlite"
DEFAULT_PORT = 5432

#: the demo box's sentence (core Texts: translated where shown, the translator being installed after import)
DEMO_FIRST_RUN = say(
    "New here? Open the demo: a built-in database of sample accounts, CDRs and requests, created on this "
    "computer the first time (nothing in it is real)."
)
DEMO_NOTE = say("Or open the built-in demo database (sample data, nothing in it is real).")
PRESENTER_FORM_NOTE = say("Presenter mode: the connection details are hidden. Choose a profile and Connect, or open the demo.")


def tls_labels() -> dict[str, str]:
    """The TLS modes (libpq's sslmode codes, kept as the items' data) as the combo box says them."""
    return {
        "disable": tr("disable", "TLS mode"),
        "prefer": tr("prefer", "TLS mode"),
        "require": tr("require", "TLS mode"),
        "verify-ca": tr("verify-ca", "TLS mode"),
        "verify-full": tr("verify-full", "TLS mode"),
    }


def _save_profile(store: ProfileStore, profile: Profile, password: str | None, replace: bool) -> str:
    store.add(profile, password=password, replace=replace)
    return profile.name


class ConnectDialog(QDialog):
    #: the operator chose a database: the main window connects to it
    connect_requested = Signal(object)  # ConnectRequest
    #: outcome of "Test connection" (ok, the sentence shown)
    test_finished = Signal(bool, str)
    #: a profile was saved (its name), or saving failed (an empty name)
    save_finished = Signal(bool, str)

    def __init__(self, parent: QWidget | None = None, *, store: ProfileStore | None = None, presenter: Presenter | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connectDialog")
        self.setWindowTitle(tr("Connect to a database"))
        self.store = store or ProfileStore()
        self.presenter = presenter or Presenter(self)
        self._profiles: dict[str, Profile] = {}
        #: the one long-action path (ui/long_action.py): a test or a save, one at a time
        self.working = LongAction(self, "connectDialog")

        # -- profiles
        self.profile_list = QListWidget()
        self.profile_list.setObjectName("profileList")
        self.profile_list.setAccessibleName(tr("Profiles"))
        self.profile_list.setAccessibleDescription(tr("The saved connection profiles: choose one to fill in the form"))
        self.profile_list.setMinimumWidth(180)
        profiles_label = QLabel(tr("Profi&les:"))
        profiles_label.setBuddy(self.profile_list)
        self.new_button = QPushButton(tr("New &profile"))
        self.new_button.setObjectName("newProfile")
        self.new_button.setAutoDefault(False)
        left = QVBoxLayout()
        left.addWidget(profiles_label)
        left.addWidget(self.profile_list, 1)
        left.addWidget(self.new_button)

        # -- the form
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("profileName")
        self.name_edit.setPlaceholderText(tr("production", "an example profile name"))
        self.driver_combo = QComboBox()
        self.driver_combo.setObjectName("profileDriver")
        self.driver_combo.addItem(tr("PostgreSQL server"), POSTGRESQL)
        self.driver_combo.addItem(tr("SQLite file"), SQLITE)
        self.host_edit = QLineEdit()
        self.host_edit.setObjectName("profileHost")
        self.host_edit.setPlaceholderText("db.example.com")
        self.port_spin = QSpinBox()
        self.port_spin.setObjectName("profilePort")
        self.port_spin.setRange(1, 65535)
        self.port_spin.setValue(DEFAULT_PORT)
        self.database_edit = QLineEdit()
        self.database_edit.setObjectName("profileDatabase")
        self.browse_button = QPushButton(tr("&Browse…"))
        self.browse_button.setAutoDefault(False)
        database_row = QHBoxLayout()
        database_row.setContentsMargins(0, 0, 0, 0)
        database_row.addWidget(self.database_edit, 1)
        database_row.addWidget(self.browse_button)
        self.database_box = QWidget()
        self.database_box.setLayout(database_row)
        self.user_edit = QLineEdit()
        self.user_edit.setObjectName("profileUser")
        self.tls_combo = QComboBox()
        self.tls_combo.setObjectName("profileTls")
        labels = tls_labels()
        for mode in TLS_MODES:
            self.tls_combo.addItem(labels.get(mode, mode), mode)
        self._set_tls("prefer")
        self.tls_combo.setToolTip(tr("verify-full checks the server's certificate and name; use it over any untrusted network"))
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("profilePassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self._labels: dict[str, QLabel] = {}
        for key, text, field in (
            ("name", tr("&Name:"), self.name_edit),
            ("driver", tr("T&ype:"), self.driver_combo),
            ("host", tr("&Host:"), self.host_edit),
            ("port", tr("Po&rt:"), self.port_spin),
            ("database", tr("&Database:"), self.database_box),
            ("user", tr("&User:"), self.user_edit),
            ("tls", tr("TLS &mode:"), self.tls_combo),
            ("password", tr("Pass&word:"), self.password_edit),
        ):
            label = QLabel(text)
            label.setBuddy(self.database_edit if field is self.database_box else field)
            self._labels[key] = label
            self.form.addRow(label, field)

        self.form_box = QWidget()
        self.form_box.setObjectName("connectForm")
        self.form_box.setLayout(self.form)
        self.form_hidden_note = QLabel(shown(PRESENTER_FORM_NOTE))
        self.form_hidden_note.setObjectName("connectFormHidden")
        self.form_hidden_note.setWordWrap(True)
        self.form_hidden_note.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        # -- the demo (issue 15): a first start needs no command line
        self.demo_note = QLabel(shown(DEMO_FIRST_RUN))
        self.demo_note.setObjectName("demoNote")
        self.demo_note.setWordWrap(True)
        self.demo_button = QPushButton(tr("&Open the demo"))
        self.demo_button.setObjectName("openDemo")
        self.demo_button.setAutoDefault(False)
        self.demo_button.setToolTip(tr("Open the built-in demo database (minisip-console --demo); it is created the first time"))
        font = self.demo_button.font()
        font.setBold(True)
        self.demo_button.setFont(font)
        self.demo_button.setMinimumHeight(self.demo_button.sizeHint().height() + 8)
        demo_row = QHBoxLayout()
        demo_row.setContentsMargins(8, 6, 8, 6)
        demo_row.addWidget(self.demo_note, 1)
        demo_row.addWidget(self.demo_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.demo_box = QFrame()
        self.demo_box.setObjectName("demoBox")
        self.demo_box.setFrameShape(QFrame.Shape.StyledPanel)
        self.demo_box.setLayout(demo_row)

        # -- outcome and buttons
        self.banner = MessageBanner()
        self.banner.setObjectName("connectResult")
        self.test_button = QPushButton(tr("&Test connection"))
        self.test_button.setObjectName("testButton")
        self.test_button.setAutoDefault(False)
        self.save_button = QPushButton(tr("&Save"))
        self.save_button.setObjectName("saveButton")
        self.save_button.setAutoDefault(False)
        self.connect_button = QPushButton(tr("&Connect"))
        self.connect_button.setObjectName("connectButton")
        self.working.hold_buttons(self.test_button, self.save_button, self.connect_button)
        buttons = QDialogButtonBox()
        buttons.addButton(self.test_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.connect_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)

        body = QHBoxLayout()
        body.addLayout(left)
        body.addSpacing(8)
        body.addWidget(self.form_box, 1)
        body.addWidget(self.form_hidden_note, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.demo_box)
        layout.addLayout(body, 1)
        layout.addWidget(self.banner)
        layout.addWidget(buttons)
        self.setMinimumWidth(640)

        self.profile_list.currentItemChanged.connect(self._on_profile_selected)
        self.new_button.clicked.connect(self.new_profile)
        self.driver_combo.currentIndexChanged.connect(self._on_driver_changed)
        self.browse_button.clicked.connect(self._browse)
        self.test_button.clicked.connect(self.test_connection)
        self.save_button.clicked.connect(self.save_profile)
        self.connect_button.clicked.connect(self.connect_clicked)
        self.demo_button.clicked.connect(self.open_demo)
        for edit in (self.name_edit, self.host_edit, self.database_edit):
            edit.textEdited.connect(self._on_form_edited)
        self.presenter.changed.connect(self._on_presenter_changed)

        self.connect_button.setDefault(True)  # once it is inside the dialog (before, Qt cannot register it): Enter connects
        self._on_driver_changed()
        self.reload_profiles()
        self._on_presenter_changed(self.presenter.active)

    # ------------------------------------------------------------------ profiles
    def reload_profiles(self, select: str | None = None) -> None:
        try:
            profiles = self.store.list()
            last = self.store.last()
        except ConsoleError as exc:
            self._show(Severity.ERROR, exc.message, exc.hint)
            profiles, last = [], None
        self._profiles = {p.name: p for p in profiles}
        self.profile_list.blockSignals(True)
        self.profile_list.clear()
        for profile in profiles:
            self._hide(profile)
            item = QListWidgetItem(profile.name)
            item.setData(Qt.ItemDataRole.UserRole, profile.name)
            self.profile_list.addItem(item)
        self.profile_list.blockSignals(False)
        self._set_tooltips()
        first_run = not profiles
        self.demo_note.setText(shown(DEMO_FIRST_RUN if first_run else DEMO_NOTE))
        self.demo_box.setProperty("firstRun", first_run)
        if first_run:  # the first start: the demo is what a newcomer wants; Enter opens it
            self.connect_button.setDefault(False)
            self.demo_button.setDefault(True)
        else:
            self.demo_button.setDefault(False)
            self.connect_button.setDefault(True)
        wanted = select or last
        if wanted in self._profiles:
            self.select_profile(wanted)
        elif profiles:
            self.profile_list.setCurrentRow(0)
        else:
            self.new_profile()

    def _hide(self, profile: Profile) -> None:
        """What presenter mode hides of a profile: its host, its login, its file."""
        self.presenter.hide_profile(profile)

    def _set_tooltips(self) -> None:
        for row in range(self.profile_list.count()):
            item = self.profile_list.item(row)
            profile = self._profiles.get(item.data(Qt.ItemDataRole.UserRole))
            if profile is None:
                continue
            if self.presenter.active:
                if profile.driver == POSTGRESQL:
                    item.setToolTip(tr("{profile}: a PostgreSQL database").format(profile=profile.name))
                else:
                    item.setToolTip(tr("{profile}: an SQLite file").format(profile=profile.name))
            else:
                item.setToolTip(profile.url().render_as_string(hide_password=True))

    def set_presenter(self, presenter: Presenter) -> None:
        """The window's presenter (its switch may have changed while the dialog was open)."""
        if presenter is not self.presenter:
            self.presenter.changed.disconnect(self._on_presenter_changed)
            self.presenter = presenter
            presenter.changed.connect(self._on_presenter_changed)
            for profile in self._profiles.values():
                self._hide(profile)
        self._on_presenter_changed(presenter.active)

    @Slot(bool)
    def _on_presenter_changed(self, on: bool) -> None:
        """Presenting: no form (it shows hosts, paths and logins), only the profiles' names."""
        self.form_box.setVisible(not on)
        self.form_hidden_note.setVisible(on)
        self.new_button.setVisible(not on)
        self.test_button.setVisible(not on)
        self.save_button.setVisible(not on)
        self._set_tooltips()
        if self.banner.notice is not None and self.banner.isVisible():
            notice = self.banner.notice
            self.banner.show_notice(
                notice._replace(text=self.presenter.scrub(notice.text), hint=self.presenter.scrub_optional(notice.hint))
            )

    def select_profile(self, name: str) -> None:
        for row in range(self.profile_list.count()):
            if self.profile_list.item(row).data(Qt.ItemDataRole.UserRole) == name:
                self.profile_list.setCurrentRow(row)
                return

    @Slot()
    def new_profile(self) -> None:
        self.profile_list.blockSignals(True)
        self.profile_list.setCurrentRow(-1)
        self.profile_list.clearSelection()
        self.profile_list.blockSignals(False)
        self.name_edit.clear()
        self.driver_combo.setCurrentIndex(0)
        self.host_edit.clear()
        self.port_spin.setValue(DEFAULT_PORT)
        self.database_edit.clear()
        self.user_edit.clear()
        self._set_tls("prefer")
        self.password_edit.clear()
        self.password_edit.setPlaceholderText("")
        self.name_edit.setFocus()

    @Slot(QListWidgetItem, QListWidgetItem)
    def _on_profile_selected(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if current is None:
            return
        profile = self._profiles.get(current.data(Qt.ItemDataRole.UserRole))
        if profile is None:
            return
        self.name_edit.setText(profile.name)
        self.driver_combo.setCurrentIndex(self.driver_combo.findData(profile.driver))
        self.host_edit.setText(profile.host)
        self.port_spin.setValue(profile.port or DEFAULT_PORT)
        self.database_edit.setText(profile.database)
        self.user_edit.setText(profile.user)
        if profile.tls_mode in TLS_MODES:
            self._set_tls(profile.tls_mode)
        self.password_edit.clear()
        self.password_edit.setPlaceholderText(tr("stored in the OS keyring: leave empty to keep it"))

    def _set_tls(self, mode: str) -> None:
        self.tls_combo.setCurrentIndex(self.tls_combo.findData(mode))

    def selected_name(self) -> str | None:
        item = self.profile_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None and item.isSelected() else None

    # ------------------------------------------------------------------ the form
    @property
    def driver(self) -> str:
        return str(self.driver_combo.currentData())

    @Slot()
    def _on_driver_changed(self) -> None:
        server = self.driver == POSTGRESQL
        for key in ("host", "port", "user", "tls", "password"):
            self.form.setRowVisible(self._labels[key], server)
        self._labels["database"].setText(tr("&Database:") if server else tr("&Database file:"))
        self.database_edit.setPlaceholderText(tr("minisip", "an example database name") if server else "/path/to/minisip.db")
        self.browse_button.setVisible(not server)

    @Slot()
    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            tr("Choose the SQLite database"),
            self.database_edit.text(),
            tr("SQLite databases (*.db *.sqlite *.sqlite3);;All files (*)"),
        )
        if path:
            self.database_edit.setText(path)

    def form_profile(self) -> Profile:
        """The profile the form describes (no password). Raises InvalidInput saying what is missing."""
        name = validate_name(self.name_edit.text())
        database = self.database_edit.text().strip()
        if self.driver == SQLITE:
            if not database:
                raise InvalidInput(say("Choose the SQLite database file."), hint=say("Type its path or use Browse…."))
            path = str(Path(database).expanduser().resolve())
            return Profile(name=name, driver=SQLITE, database=path, tls_mode="")
        host = self.host_edit.text().strip()
        if not host:
            raise InvalidInput(say("Give the PostgreSQL server's host name."), hint=say("For example db.example.com or 127.0.0.1."))
        if not database:
            raise InvalidInput(say("Give the name of the database on the server."), hint=say("For example minisip."))
        profile = Profile(
            name=name,
            driver=POSTGRESQL,
            host=host,
            port=self.port_spin.value(),
            database=database,
            user=self.user_edit.text().strip(),
            tls_mode=str(self.tls_combo.currentData()),
        )
        db.parse_url(profile.url())  # the same checks as a typed URL
        return profile

    def request(self) -> ConnectRequest:
        """What Connect and Test connection use: the saved profile by name when the form shows it
        unchanged; otherwise the form's fields with the typed password (kept in memory only)."""
        profile = self.form_profile()
        password = self.password_edit.text() or None
        if self._profiles.get(profile.name) == profile and password is None:
            return ConnectRequest(profile=profile.name)
        return ConnectRequest(form=profile, password=password)

    # ------------------------------------------------------------------ outcome
    def _show(self, severity: Severity, text: str, hint: str | None = None) -> None:
        # a core sentence translated first, then presenter mode's scrubbing
        text, hint = shown(text), None if hint is None else shown(hint)
        self.banner.show_notice(Notice(severity, self.presenter.scrub(text), self.presenter.scrub_optional(hint)))

    # ------------------------------------------------------------------ actions
    @Slot()
    def test_connection(self) -> Worker | None:
        try:
            request = self.request()
        except ConsoleError as exc:
            self._show(Severity.ERROR, exc.message, exc.hint)
            self.test_finished.emit(False, exc.message)
            return None
        if self.working.running:
            return None
        self._show(Severity.INFO, tr("Testing the connection to {what}…").format(what=shown(request.describe)))
        return self.working.start(
            check_connection,
            request,
            label="test connection",
            callbacks=True,
            done=self._on_test_finished,
            failed=self._on_test_failed,
        )

    def _on_test_finished(self, text: str) -> None:
        self._show(Severity.SUCCESS, text)
        self.test_finished.emit(True, text)

    def _on_test_failed(self, failure: WorkFailure) -> None:
        if not failure.known:
            from minisip_console.ui import crash

            crash.report_failure(failure)
        self._show(Severity.ERROR, failure.message, failure.hint)
        self.test_finished.emit(False, failure.message)

    @Slot()
    def save_profile(self) -> Worker | None:
        try:
            profile = self.form_profile()
        except ConsoleError as exc:
            self._show(Severity.ERROR, exc.message, exc.hint)
            self.save_finished.emit(False, exc.message)
            return None
        password = self.password_edit.text() or None
        # overwrite only the profile being edited; a new profile may not take an existing name
        replace = self.selected_name() == profile.name
        return self.working.start(
            _save_profile,
            self.store,
            profile,
            password,
            replace,
            label="save profile",
            done=self._on_saved,
            failed=self._on_save_failed,
        )

    def _on_saved(self, name: str) -> None:
        stored = self.password_edit.text() != ""
        self.password_edit.clear()
        self.reload_profiles(select=name)
        if stored:
            text = tr("Saved profile {profile}. Its password is in the OS keyring.").format(profile=name)
        else:
            text = tr("Saved profile {profile}.").format(profile=name)
        self._show(Severity.SUCCESS, text)
        self.save_finished.emit(True, text)

    def _on_save_failed(self, failure: WorkFailure) -> None:
        # the form keeps every value, the password too: nothing typed is lost
        if not failure.known:
            from minisip_console.ui import crash

            crash.report_failure(failure)
        self._show(Severity.ERROR, failure.message, failure.hint)
        self.save_finished.emit(False, failure.message)

    @Slot()
    def _on_form_edited(self) -> None:
        """Typing a database of one's own: Enter connects to it, no longer opens the demo."""
        if self.demo_button.isDefault():
            self.demo_button.setDefault(False)
            self.connect_button.setDefault(True)

    @Slot()
    def open_demo(self) -> None:
        """The embedded demo database, as ``--demo`` opens it (created on first use)."""
        self.connect_requested.emit(ConnectRequest(demo=True))
        self.accept()

    @Slot()
    def connect_clicked(self) -> None:
        try:
            request = self.request()
        except ConsoleError as exc:
            self._show(Severity.ERROR, exc.message, exc.hint)
            return
        self.connect_requested.emit(request)
        self.accept()
