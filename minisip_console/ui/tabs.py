"""What every tab shares: an explained empty state while there is no database, then its content."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6 import QtCore
from PySide6.QtGui import QAction, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from minisip_console.core.plumbing.errors import ConsoleError, PermissionDenied
from minisip_console.ui import theme
from minisip_console.ui.i18n import shown, tr
from minisip_console.ui.notifier import Notifier

if TYPE_CHECKING:
    from minisip_console.ui.workers import WorkFailure

W = TypeVar("W", bound=QWidget)
V = TypeVar("V", bound=QAbstractItemView)

#: English, for the tests; the window shows ``not_connected_title()`` (the translator is installed after import)
NOT_CONNECTED_TITLE = "Not connected — File > Connect…"


def not_connected_title() -> str:
    return tr("Not connected — File > Connect…")


def not_connected_text(what: str) -> str:
    """The not-connected explanation of a tab that shows ``what`` (a tab's ``what``: English
    class attributes, translated here by their English text; a core Text through ``shown``)."""
    whats = {
        "this": tr("this", "the not-connected tab: open a database to see this"),
        "whether every promise is kept": tr("whether every promise is kept"),
        "the accounts": tr("the accounts"),
        "how old the call detail records are": tr("how old the call detail records are"),
        "the deletion requests": tr("the deletion requests"),
        "the privacy policy versions": tr("the privacy policy versions"),
        "the law-enforcement register": tr("the law-enforcement register"),
        "the audit log": tr("the audit log"),
        "the operators": tr("the operators"),
    }
    return tr(
        "Open a database to see {what}: a saved profile, a PostgreSQL server or an SQLite file. "
        "To try the console on sample data, start it with --demo."
    ).format(what=whats.get(what) or shown(what))


class EmptyState(QWidget):
    """A centred title, an explanation and, optionally, the action that resolves it."""

    def __init__(self, title: str, text: str = "", action: QAction | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        self.title = QLabel()
        self.title.setObjectName("emptyTitle")
        self.title.setWordWrap(True)
        self.text = QLabel()
        self.text.setObjectName("emptyText")
        self.text.setWordWrap(True)
        self.set_text(title, text)
        self.button: QPushButton | None = None
        # a fixed-width column, centred by stretches: wrapped labels then get their full height
        column = QVBoxLayout()
        column.addWidget(self.title)
        column.addWidget(self.text)
        if action is not None:
            self.button = QPushButton(action.text().replace("&", ""))
            self.button.setObjectName("emptyAction")
            self.button.clicked.connect(action.trigger)
            row = QHBoxLayout()
            row.addStretch(1)
            row.addWidget(self.button)
            row.addStretch(1)
            column.addSpacing(8)
            column.addLayout(row)
        box = QWidget()
        box.setFixedWidth(600)
        box.setLayout(column)
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(box)
        centred.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addLayout(centred)
        layout.addStretch(3)

    def set_text(self, title: str, text: str = "") -> None:
        # centred by markup, not setAlignment: the not-connected state is painted at start-up,
        # before anything needs the Qt namespace (30-50 ms to load in PySide6)
        title, text = shown(title), shown(text)  # a core sentence (a failure's message) translated
        self.title_text, self.body_text = title, text
        self.title.setText(_centred(title))
        self.text.setText(_centred(text))
        self.text.setVisible(bool(text))


def _centred(text: str) -> str:
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f'<div align="center">{escaped}</div>' if text else ""


def page_note(text: str) -> QLabel:
    """The one-line note at the top of a tab that says what is live and what comes later."""
    label = QLabel(shown(text))
    label.setObjectName("pageNote")
    label.setWordWrap(True)
    label.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class TabPage(QStackedWidget):
    """A tab: the not-connected state, a busy state, or the content the subclass builds.

    Each page is built the first time it is needed (the not-connected state when the tab is
    first shown), so showing the window never waits for widgets it does not display yet.
    """

    #: for the empty state's sentence: "Open a database to see {what}"
    what = "this"
    #: pieces of the content built apart, each by its ``_build_<name>`` method through ``_part``:
    #: connecting builds them one per turn of the event loop (``build_steps``), so a big tab never
    #: holds the GUI thread for the whole of its build
    build_parts: tuple[str, ...] = ()

    def __init__(self, notifier: Notifier, connect_action: QAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.notifier = notifier
        self._connect_action = connect_action
        self._empty: EmptyState | None = None
        self._busy: EmptyState | None = None
        self._content: QWidget | None = None
        self._parts: dict[str, QWidget] = {}

    # ------------------------------------------------------------------ helpers the tabs share
    def _button(self, text: str, name: str, slot: Any) -> QPushButton:
        """An action button, disabled until the tab's state allows it."""
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        button.setEnabled(False)
        return button

    def _read_failed(self, sentence: str, failure: WorkFailure) -> None:
        """A tab's list could not be read (a ``LatestRead``'s ``failed``, with ``functools.partial``):
        ``sentence`` on the explained busy page while nothing is shown yet; the failure reported."""
        if not self.showing_content():
            self.show_busy(sentence, failure.message)
        self._report(failure)

    def _report(self, failure: WorkFailure) -> None:
        """A known failure as a message; a bug to the crash dialog."""
        from minisip_console.ui import crash

        if failure.known:
            self.notifier.error(failure.message, failure.hint)
        else:
            crash.report_failure(failure)

    def showEvent(self, event: QShowEvent) -> None:
        if self.currentWidget() is None:  # shown before any state was set: not connected
            self.setCurrentWidget(self.empty)
        super().showEvent(event)

    @property
    def empty(self) -> EmptyState:
        if self._empty is None:
            self._empty = EmptyState(not_connected_title(), not_connected_text(self.what), self._connect_action)
            self.addWidget(self._empty)
        return self._empty

    @property
    def busy(self) -> EmptyState:
        if self._busy is None:
            self._busy = EmptyState(tr("Loading…"))
            self.addWidget(self._busy)
        return self._busy

    @property
    def content(self) -> QWidget:
        if self._content is None:
            self._content = QWidget()
            self.build_content(self._content)
            self.addWidget(self._content)
        return self._content

    @property
    def built(self) -> bool:
        return self._content is not None

    def ensure_built(self) -> QWidget:
        return self.content

    def build_steps(self) -> list[Callable[[], object]]:
        """The build in steps, each for its own turn of the event loop: the parts, then the rest."""
        return [*(functools.partial(self._part, name) for name in self.build_parts), self.ensure_built]

    def _part(self, name: str) -> QWidget:
        """A piece of the content (``build_parts``), built once: by its build step or by ``build_content``."""
        part = self._parts.get(name)
        if part is None:
            part = self._parts[name] = getattr(self, f"_build_{name}")()
        return part

    def build_content(self, content: QWidget) -> None:
        """Subclasses lay out their content in ``content``."""

    def showing_empty(self) -> bool:
        return self.currentWidget() is None or self.currentWidget() is self._empty

    def showing_content(self) -> bool:
        return self._content is not None and self.currentWidget() is self._content

    def show_disconnected(self) -> None:
        self.setCurrentWidget(self.empty)

    def clear(self) -> None:
        """Forget the database's figures (on disconnect); subclasses drop their models."""
        self.show_disconnected()

    def show_busy(self, title: str, text: str = "") -> None:
        self.busy.set_text(title, text)
        self.setCurrentWidget(self.busy)

    def show_content(self) -> None:
        self.setCurrentWidget(self.content)


def value_label(name: str, *, mono: bool = False) -> QLabel:
    """A fact's value in a details pane: plain text, wrapped, selectable ("—" until set)."""
    label = QLabel("—")
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(QtCore.Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
    if mono:
        label.setStyleSheet("font-family: monospace;")
    return label


def read_only_table(headers: tuple[str, ...], name: str, *, single_selection: bool = False) -> QTableWidget:
    """A small read-only table of whole rows (the details panes' lists, the policy versions)."""
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels([shown(header) for header in headers])
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    if single_selection:
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def name_widget(widget: W, name: str, description: str = "") -> W:
    """What a screen reader says for ``widget`` (issue 16): its name, and what it holds or does."""
    widget.setAccessibleName(shown(name))
    if description:
        widget.setAccessibleDescription(shown(description))
    return widget


def name_table(view: V, name: str, description: str) -> V:
    """A table or list's name and what its rows are: nothing else names a table for a screen reader."""
    return name_widget(view, name, description)


def error_text(exc: ConsoleError) -> str:
    """A core error as one sentence for a result line: the message, then the hint (translated)."""
    return f"{shown(exc.message)} {shown(exc.hint)}" if exc.hint else shown(exc.message)


#: why an action is not open: the core's refusal, a sentence of the window's own (not connected,
#: nothing selected, work running), or None when it is open
Reason = ConsoleError | str | None


def reason_text(reason: Reason) -> str | None:
    if isinstance(reason, ConsoleError):
        return error_text(reason)
    return None if reason is None else shown(reason)


def role_word(role: str) -> str:
    """An operator's role as the window says it (the code itself when it is not one of the four)."""
    return {
        "viewer": tr("viewer", "role"),
        "operator": tr("operator", "role"),
        "approver": tr("approver", "role"),
        "admin": tr("admin", "role"),
    }.get(role, role)


def button_name(button: QAbstractButton) -> str:
    return button.text().replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(".…")


class ReasonsLine(QLabel):
    """Why the greyed actions are greyed, in the tab and not only in tooltips (a keyboard user or
    a screen reader never gets the tooltip of a disabled button): one line per reason, naming the
    buttons it greys. The core's refusals by role (``PermissionDenied.needs``) are grouped by the
    role they need, so a viewer reads one line, not one per button."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWordWrap(True)
        self.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setProperty("reasons", True)
        self.hide()

    def show_reasons(self, rows: Iterable[tuple[QAbstractButton, Reason]]) -> None:
        by_role: dict[tuple[str, str], list[str]] = {}
        by_text: dict[str, list[str]] = {}
        for button, reason in rows:
            if reason is None:
                continue
            if isinstance(reason, PermissionDenied) and reason.needs:
                by_role.setdefault((reason.who, reason.needs), []).append(button_name(button))
            else:
                by_text.setdefault(reason_text(reason) or "", []).append(button_name(button))
        comma = tr(", ", "between the names of buttons")
        lines = [
            tr("{who} cannot use {buttons}: that needs the {role} role or higher.").format(
                who=shown(who), buttons=comma.join(names), role=role_word(needs)
            )
            for (who, needs), names in by_role.items()
        ]
        lines += [tr("{buttons}: {reason}").format(buttons=comma.join(names), reason=text) for text, names in by_text.items()]
        self.setText("\n".join(lines))
        self.setVisible(bool(lines))


def render_actions(rows: Iterable[tuple[QAbstractButton, Reason, str]], line: ReasonsLine | None = None) -> None:
    """Each button enabled exactly when its reason is None; the reason as its tooltip (else the
    button's own tip); and, on ``line``, the reasons of the greyed ones."""
    rows = list(rows)
    for button, reason, tip in rows:
        button.setEnabled(reason is None)
        button.setToolTip(reason_text(reason) or tip)
    if line is not None:
        line.show_reasons((button, reason) for button, reason, _tip in rows)


class ActionTabPage(TabPage):
    """A tab whose buttons act on the database: one result line, one dialog open at a time.

    Subclasses define ``action_result`` (a QLabel), ``action_failed`` (a Signal(str)) and set
    ``self.dialog = None`` in their constructor."""

    action_result: QLabel
    dialog: QDialog | None

    def _refused(self, exc: ConsoleError) -> None:
        text = error_text(exc)
        self._show_result(text, theme.current().bad)
        self.notifier.console_error(exc)
        self.action_failed.emit(text)  # type: ignore[attr-defined]  # a Signal each subclass declares

    def _on_action_failed(self, failure: WorkFailure) -> None:
        """A long action's failure (``ui/long_action.py``): the core's refusal as ``_refused`` shows it; a stop
        or a programming error as ``_show_failure`` does."""
        if failure.known and not failure.cancelled and isinstance(failure.error, ConsoleError):
            self._refused(failure.error)
        else:
            self._show_failure(failure, "")

    def _show_failure(self, failure: WorkFailure, prefix: str) -> None:
        """A request worker's failure on the result line: a stop as a warning, an error in red (``prefix`` if known)."""
        from minisip_console.ui.long_action import failure_text

        if failure.cancelled:
            self._show_result(failure_text(failure))
            self.notifier.warning(failure.message, failure.hint)
        else:
            prefix = prefix if failure.known else ""
            self._show_result(prefix + failure_text(failure), theme.current().bad)
            self._report(failure)

    def _show_result(self, text: str, colour: str | None = None) -> None:
        self.action_result.setText(shown(text))
        self.action_result.setStyleSheet(f"color: {colour}; font-weight: bold;" if colour else "")
        self.action_result.show()

    def _open(self, dialog: QDialog) -> QDialog:
        if self.dialog is not None:
            self.dialog.reject()
        self.dialog = dialog
        dialog.finished.connect(self._on_dialog_finished)
        dialog.open()
        return dialog

    @QtCore.Slot(int)
    def _on_dialog_finished(self, _result: int) -> None:
        if self.dialog is not None and self.sender() is self.dialog:
            self.dialog.deleteLater()
            self.dialog = None
