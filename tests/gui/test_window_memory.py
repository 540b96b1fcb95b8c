"""The window reopens as it was left: size, the last tab, splitters and table columns
(``ui.window_memory``, an INI file in the isolated configuration folder)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QSplitter

from minisip_console.core.demo import create_demo
from minisip_console.ui import window_memory
from minisip_console.ui.app import make_window, parse_args
from minisip_console.ui.connecting import ConnectRequest
from minisip_console.ui.main_window import MainWindow

TIMEOUT = 20_000


def _open(qtbot, url: str | None = None) -> MainWindow:  # type: ignore[no-untyped-def]
    window = make_window(parse_args([])[0])
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    if url is not None:
        with qtbot.waitSignal(window.overview_tab.loaded, timeout=TIMEOUT):
            window.start_connect(ConnectRequest(database=url))
        qtbot.waitUntil(lambda: window._remembered_tab is None and not window._stages, timeout=TIMEOUT)
    return window


def test_the_first_start_has_the_default_size_and_the_overview(qtbot, isolated_config: Path) -> None:  # type: ignore[no-untyped-def]
    assert not (isolated_config / window_memory.FILE_NAME).exists()
    window = _open(qtbot)
    assert (window.width(), window.height()) == (1280, 800)
    assert window.tabs.currentWidget() is window.overview_tab
    window.close()
    assert (isolated_config / window_memory.FILE_NAME).exists()


def test_size_last_tab_splitters_and_columns_come_back(qtbot, isolated_config: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    create_demo(url, accounts=20, cdrs=200, seed=2)
    first = _open(qtbot, url)
    first.resize(1150, 700)
    size = (first.width(), first.height())  # as the window's minimum allows
    assert size != (1280, 800)
    first.tabs.setCurrentWidget(first.deletions_tab)
    splitter = first.findChild(QSplitter, "deletionSplitter")
    assert splitter is not None
    splitter.setSizes([150, 450])
    sizes = splitter.sizes()
    header = first.accounts_tab.view.horizontalHeader()
    header.resizeSection(1, 333)
    sort = (header.sortIndicatorSection(), header.sortIndicatorOrder())
    first.close()

    again = _open(qtbot, url)
    # restoreGeometry fits a window to its screen: the offscreen screen is 800 px wide, so the width
    # comes back as wide as the window's minimum allows there, the height as it was
    screen = again.screen().availableGeometry()
    assert again.height() == size[1]
    assert again.width() == (size[0] if size[0] <= screen.width() else max(screen.width(), again.minimumSizeHint().width()))
    assert again.tabs.currentWidget() is again.deletions_tab
    assert again.findChild(QSplitter, "deletionSplitter").sizes() == sizes
    header = again.accounts_tab.view.horizontalHeader()
    assert header.sectionSize(1) == 333
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == sort  # the model's sort, shown as it is
    again.close()


def test_a_last_tab_added_by_connecting_is_reopened_after_connecting(qtbot, isolated_config: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    create_demo(url, accounts=10, cdrs=50, seed=3)
    first = _open(qtbot, url)
    first.tabs.setCurrentWidget(first.audit_tab)
    first.close()
    again = _open(qtbot)
    assert again.tabs.currentWidget() is again.overview_tab  # not there before connecting
    with qtbot.waitSignal(again.overview_tab.loaded, timeout=TIMEOUT):
        again.start_connect(ConnectRequest(database=url))
    qtbot.waitUntil(lambda: again.tabs.currentWidget() is again.audit_tab, timeout=TIMEOUT)
    again.close()
