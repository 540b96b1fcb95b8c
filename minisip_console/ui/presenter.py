"""Presenter mode (issue 15): the window as it may be shown to a customer on a shared screen.

While it is on, the window shows no OS login, no local path and no database host (each becomes a
neutral word: "operator", "a local folder", "the database server"...), the application font is
larger, and no access grant is opened: personal data stays masked (``MainWindow.open_account``
refuses, and running details windows are closed). It is per session: View > Presenter mode or
``--presenter`` turns it on, nothing remembers it.

One ``Presenter`` per window holds the switch and the words to hide; ``changed`` tells the widgets
that show such text to render again. ``scrub`` is the one place a text is cleaned: the window's
status bar, title, messages and About box go through it, and so does every table on screen (a
delegate installed on each item view while the mode is on), so a login or a path read from the
database (the audit log, the operators) is hidden too. A safety net catches what a tab or a dialog
writes on its own while presenting (a result line "Saved to /home/...", the crash dialog): every
label is scrubbed before it paints, every tooltip before it shows, every window's title and
read-only text when it opens; such a text keeps its neutral word until it is next written.

Nothing here imports the core at module level: the window imports this before its first paint.
"""

from __future__ import annotations

import getpass
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QPlainTextEdit, QStyledItemDelegate, QTextEdit, QWidget

from minisip_console.core.text import say
from minisip_console.ui.i18n import shown, tr

if TYPE_CHECKING:
    from minisip_console.core.plumbing.connection import Target
    from minisip_console.core.plumbing.profiles import Profile
    from minisip_console.ui.connecting import ConnectRequest

#: the application font's scale while presenting (restored when the mode ends)
FONT_SCALE = 1.25

#: what the Accounts tab, the refused actions and the refusal message say (core Texts: English
#: here, translated where shown, since the translator is installed after this module is imported)
REFUSAL = say("Presenter mode: personal data stays masked.")
REFUSAL_HINT = say("Turn presenter mode off (View > Presenter mode) to state a purpose and see an account's details.")

#: the neutral words that replace what is hidden (translated when a text is put on the list)
LOGIN_WORD = say("operator")
FOLDER_WORD = say("a local folder")
PATH_WORD = say("a local path")
FILE_WORD = say("the database file")
DEMO_WORD = say("the demo database")
HOST_WORD = say("the database server")

#: a login that is also one of the window's own words (a role, "demo") is not replaced: it tells
#: nothing about the person, and replacing it would garble every "Role: admin"
_COMMON_WORDS = frozenset({"admin", "operator", "approver", "viewer", "demo", "unknown", "console", "user"})

#: an absolute POSIX path of two parts or more ("/tmp/x"), not inside a URL ("https://a/b") or a
#: word ("and/or", "2024/01/15"); a Windows path ("C:\\Users\\...")
_GENERIC_PATHS = re.compile(
    r"(?<![\w:/.~\\-])~?/(?:[^\s/'\"()<>,;]+/)+(?:[^\s/'\"()<>,;]*[^\s/'\"()<>,;.:])?"  # not a full stop after it
    r"|\b[A-Za-z]:\\(?:[^\s'\"<>]*[^\s'\"<>.:])?"
)


def _os_login() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (a container, a service account)
        return ""


def database_word(target: Target, *, demo: bool) -> str:
    """The neutral name of a database: "Demo database", "a PostgreSQL database", "an SQLite file"."""
    if demo or target.demo:
        return tr("Demo database")
    return tr("a PostgreSQL database") if target.url.get_backend_name() == "postgresql" else tr("an SQLite file")


class _ScrubbingDelegate(QStyledItemDelegate):
    """Paints a cell's text through ``Presenter.scrub``; the view's own delegate comes back when
    the mode ends (a Python call per painted cell is for presenting only)."""

    def __init__(self, presenter: Presenter, view: QAbstractItemView) -> None:
        super().__init__(view)
        self.presenter = presenter
        self.original = view.itemDelegate()  # still the view's child: kept alive for the way back

    def displayText(self, value: Any, locale: Any) -> str:
        return self.presenter.scrub(super().displayText(value, locale))


class Presenter(QObject):
    """The presenter-mode switch of one window, and the texts it hides."""

    #: the mode was turned on (True) or off (False)
    changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._active = False
        self._font: QFont | None = None
        #: exact texts (paths first, longest first) and whole words (logins, hosts) -> the neutral word
        self._texts: dict[str, str] = {}
        self._words: dict[str, str] = {}
        self._pattern: re.Pattern[str] | None = None
        self._replacements: list[str] = []
        self._defaults = False

    def _hide_defaults(self) -> None:
        """The OS login, the home folder and the console's own folders (read when first needed:
        not before the window's first paint)."""
        if self._defaults:
            return
        self._defaults = True
        from minisip_console.core.plumbing.paths import config_dir, data_dir, log_dir

        self.hide_word(_os_login(), LOGIN_WORD)
        self.hide_text(str(Path.home()), FOLDER_WORD)
        for folder in (config_dir(), data_dir(), log_dir()):
            self.hide_text(str(folder), FOLDER_WORD)

    # ------------------------------------------------------------------ the switch
    @property
    def active(self) -> bool:
        return self._active

    def set_active(self, on: bool) -> None:
        if on == self._active:
            return
        self._active = on
        self._hide_defaults()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            if on:
                self._font = QFont(app.font())
                app.setFont(_scaled(self._font, FONT_SCALE))
                app.installEventFilter(self)
                for widget in app.allWidgets():
                    self._adopt(widget)
                for window in app.topLevelWidgets():
                    self._scrub_window(window)
            else:
                app.removeEventFilter(self)
                for widget in app.allWidgets():
                    self._release(widget)
                if self._font is not None:
                    app.setFont(self._font)
                    self._font = None
            if app.styleSheet():  # under a style sheet, widgets take a new application font only when polished again
                app.setStyleSheet(app.styleSheet())
            for widget in app.allWidgets():  # tables repaint their cells (scrubbed or not)
                if isinstance(widget, QAbstractItemView):
                    widget.viewport().update()
        self.changed.emit(on)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Paint:
            if isinstance(watched, QLabel):
                self._scrub_label(watched)  # before it paints: a text set while presenting
        elif kind == QEvent.Type.Polish:
            if isinstance(watched, QAbstractItemView):
                self._adopt(watched)  # a table built while presenting (a tab added, a dialog opened)
        elif kind == QEvent.Type.ToolTip:
            if isinstance(watched, QWidget):
                self._scrub_tooltip(watched)
        elif kind == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow():
            self._scrub_window(watched)
        return super().eventFilter(watched, event)

    def _scrub_label(self, label: QLabel) -> None:
        text = label.text()
        if text:
            clean = self.scrub(text)
            if clean != text:
                label.setText(clean)

    def _scrub_tooltip(self, widget: QWidget) -> None:
        tip = widget.toolTip()
        if tip:
            clean = self.scrub(tip)
            if clean != tip:
                widget.setToolTip(clean)

    def _scrub_window(self, window: QWidget) -> None:
        """A window opened while presenting (a dialog, the crash dialog): its title, labels,
        tooltips and read-only texts (an editable field is the operator's own input: kept)."""
        title = window.windowTitle()
        if title and self.scrub(title) != title:
            window.setWindowTitle(self.scrub(title))
        for widget in [window, *window.findChildren(QWidget)]:
            if isinstance(widget, QLabel):
                self._scrub_label(widget)
            elif isinstance(widget, (QPlainTextEdit, QTextEdit)) and widget.isReadOnly():
                text = widget.toPlainText()
                if text and self.scrub(text) != text:
                    widget.setPlainText(self.scrub(text))
            self._scrub_tooltip(widget)

    def _adopt(self, widget: QWidget) -> None:
        if isinstance(widget, QAbstractItemView) and type(widget.itemDelegate()) is QStyledItemDelegate:
            widget.setItemDelegate(_ScrubbingDelegate(self, widget))

    def _release(self, widget: QWidget) -> None:
        if isinstance(widget, QAbstractItemView):
            delegate = widget.itemDelegate()
            if isinstance(delegate, _ScrubbingDelegate) and delegate.presenter is self:
                widget.setItemDelegate(delegate.original)
                delegate.deleteLater()

    # ------------------------------------------------------------------ what is hidden
    def hide_text(self, text: str | None, word: str) -> None:
        """Replace ``text`` (a path) wherever it appears."""
        if text and len(text) > 1 and text not in self._texts:
            self._texts[text] = shown(word)
            self._pattern = None

    def hide_word(self, text: str | None, word: str) -> None:
        """Replace ``text`` (a login, a host) where it stands as a whole word."""
        if text and text not in self._words and text.lower() not in _COMMON_WORDS:
            self._words[text] = shown(word)
            self._pattern = None

    def hide_target(self, target: Target) -> None:
        """The database's own path, folder and file store, or its host and login."""
        from minisip_console.core.plumbing import db
        from minisip_console.core.plumbing.filestore import default_root

        path = db.sqlite_path(target.url)
        if path is not None:
            self.hide_text(str(path), DEMO_WORD if target.demo else FILE_WORD)
            self.hide_text(str(path.resolve()), DEMO_WORD if target.demo else FILE_WORD)
            self.hide_text(str(path.parent), FOLDER_WORD)
            self.hide_text(str(path.resolve().parent), FOLDER_WORD)
        self.hide_text(str(default_root(target.url)), FOLDER_WORD)
        self.hide_word(target.url.host, HOST_WORD)
        self.hide_word(target.url.username, LOGIN_WORD)

    def hide_profile(self, profile: Profile) -> None:
        """A saved profile's host and login, or its file and folder."""
        if profile.driver == "sqlite":
            self.hide_text(profile.database, FILE_WORD)
            self.hide_text(str(Path(profile.database).parent), FOLDER_WORD)
        else:
            self.hide_word(profile.host, HOST_WORD)
            self.hide_word(profile.user, LOGIN_WORD)

    def hide_request(self, request: ConnectRequest) -> None:
        """Before connecting: what the request names (a URL, a form, a profile, the last profile),
        so that "Connecting to ..." and a failure's message already hide its host or path."""
        from urllib.parse import urlsplit

        from minisip_console.core.plumbing.errors import ConsoleError
        from minisip_console.core.plumbing.profiles import ProfileStore

        if request.database:
            try:
                parts = urlsplit(request.database)
                host, user = parts.hostname, parts.username
            except ValueError:  # not a URL: connecting says so
                return
            self.hide_word(host, HOST_WORD)
            self.hide_word(user, LOGIN_WORD)
            if parts.scheme.startswith("sqlite") and parts.path.startswith("/"):
                path = Path(parts.path[1:])
                self.hide_text(str(path), FILE_WORD)
                self.hide_text(str(path.parent), FOLDER_WORD)
        if request.form is not None:
            self.hide_profile(request.form)
        if request.demo or request.form is not None or request.database:
            return
        try:
            store = ProfileStore()
            name = request.profile or store.last()
            if name:
                self.hide_profile(store.get(name))
        except ConsoleError:  # no such profile, an unreadable file: connecting says so
            pass

    def _compiled(self) -> re.Pattern[str]:
        if self._pattern is None:
            parts: list[str] = []
            self._replacements = []
            for text in sorted(self._texts, key=len, reverse=True):  # with what follows it in the same path
                # the whole name only ("/tmp/a" is not in "/tmp/ab"), and the rest of the path after it
                parts.append(re.escape(text) + r"(?=$|[\s/\\'\"()<>,;:]|\.(?!\w))(?:[/\\](?:[^\s'\"()<>,;]*[^\s'\"()<>,;.:])?)?")
                self._replacements.append(self._texts[text])
            for text in sorted(self._words, key=len, reverse=True):
                parts.append(rf"(?<![\w.-]){re.escape(text)}(?![\w-]|\.\w)")
                self._replacements.append(self._words[text])
            self._pattern = re.compile("|".join(f"({part})" for part in parts) or r"(?!x)x")
        return self._pattern

    def scrub(self, text: str) -> str:
        """``text`` without a login, path or host while the mode is on; unchanged otherwise."""
        if not self._active or not text:
            return text
        pattern = self._compiled()
        text = pattern.sub(lambda m: self._replacements[(m.lastindex or 1) - 1], text)
        word = shown(PATH_WORD)
        return _GENERIC_PATHS.sub(lambda _match: word, text)

    def scrub_optional(self, text: str | None) -> str | None:
        return None if text is None else self.scrub(text)


def _scaled(font: QFont, scale: float) -> QFont:
    bigger = QFont(font)
    if font.pointSizeF() > 0:
        bigger.setPointSizeF(font.pointSizeF() * scale)
    elif font.pixelSize() > 0:
        bigger.setPixelSize(round(font.pixelSize() * scale))
    return bigger
