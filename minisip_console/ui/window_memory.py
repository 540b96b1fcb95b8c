"""The window as it was left: its size and place, the last tab, each splitter and each table's columns.

Kept per user in ``window.ini`` in the console's configuration folder (``core.plumbing.paths``,
moved by ``MINISIP_CONSOLE_CONFIG_DIR``), through ``QSettings`` in INI form: the same file on Windows,
macOS and Linux, beside the profiles, never the registry. Splitters and table headers are kept by
their object names (a widget without one is not remembered); a table's columns are restored once its
model has them, since the tabs set their models only after connecting.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QHeaderView, QSplitter, QTableView

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow, QTabWidget, QWidget

FILE_NAME = "window.ini"


def settings() -> QSettings:
    from minisip_console.core.plumbing.paths import config_dir

    return QSettings(str(config_dir() / FILE_NAME), QSettings.Format.IniFormat)


def _headers(root: QWidget) -> list[tuple[str, QHeaderView]]:
    return [(view.objectName(), view.horizontalHeader()) for view in root.findChildren(QTableView) if view.objectName()]


def save(window: QMainWindow, tabs: QTabWidget) -> None:
    """Everything worth reopening as it was; called when the window closes."""
    store = settings()
    store.setValue("window/geometry", window.saveGeometry())
    current = tabs.currentWidget()
    if current is not None and current.objectName():
        store.setValue("window/tab", current.objectName())
    for splitter in window.findChildren(QSplitter):
        if splitter.objectName():
            store.setValue(f"splitters/{splitter.objectName()}", splitter.saveState())
    for name, header in _headers(window):
        if header.count():  # a table with no model yet has nothing to remember
            store.setValue(f"columns/{name}", header.saveState())
    store.sync()


def restore_geometry(window: QMainWindow, tabs: QTabWidget) -> bool:
    """The size, place and last tab, before the first paint; False when nothing was kept."""
    store = settings()
    geometry = store.value("window/geometry")
    restored = isinstance(geometry, QByteArray) and window.restoreGeometry(geometry)
    tab = store.value("window/tab")
    if isinstance(tab, str):
        for i in range(tabs.count()):
            if tabs.widget(i).objectName() == tab:
                tabs.setCurrentIndex(i)
                break
    return bool(restored)


def remembered_tab() -> str | None:
    tab = settings().value("window/tab")
    return tab if isinstance(tab, str) and tab else None


def restore_layout(window: QMainWindow) -> None:
    """Splitters and columns, once the tabs are built and their tables have models."""
    store = settings()
    for splitter in window.findChildren(QSplitter):
        state = store.value(f"splitters/{splitter.objectName()}") if splitter.objectName() else None
        if isinstance(state, QByteArray):
            splitter.restoreState(state)
    for name, header in _headers(window):
        state = store.value(f"columns/{name}")
        if isinstance(state, QByteArray) and header.count():
            # widths, order and hidden columns; the sort shown stays the model's own (a header's
            # indicator that the rows do not follow would mislead)
            section, order = header.sortIndicatorSection(), header.sortIndicatorOrder()
            header.restoreState(state)
            header.setSortIndicator(section, order)
