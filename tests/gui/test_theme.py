"""Light and dark: every colour the window draws keeps WCAG AA's 4.5:1 contrast in both themes.

First the theme's own pairs (each text colour on the background it is drawn on). Then the window
itself, on a demo database, in each theme: every tab is shown and loaded, and every label that
colours its text and every table cell that colours its text or background is checked against
what it is drawn on (the nearest background a style sheet gives, else the palette's). Under the
old fixed colours the dark check failed: light text on the light verdict boxes and diff lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QTableView, QTableWidget, QWidget

from minisip_console.ui import theme
from minisip_console.ui.connecting import ConnectRequest
from minisip_console.ui.main_window import MainWindow

TIMEOUT = 30_000
_COLOUR = r"\s*:\s*(#[0-9a-fA-F]{6})"


@pytest.mark.parametrize("variant", list(theme.THEMES.values()), ids=list(theme.THEMES))
def test_every_pair_of_the_theme_keeps_aa_contrast(variant: theme.Theme) -> None:
    low = {(fg, bg): round(theme.contrast(getattr(variant, fg), getattr(variant, bg)), 2) for fg, bg in theme.PAIRS}
    assert {pair: ratio for pair, ratio in low.items() if ratio < theme.MIN_CONTRAST} == {}


def test_contrast_is_wcag_s() -> None:
    assert round(theme.contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(theme.contrast("#777777", "#ffffff"), 2) == 4.48  # WCAG's own example of a grey just short of AA
    assert theme.contrast("#a4262c", "#fdecea") == theme.contrast("#fdecea", "#a4262c")


def test_the_environment_picks_the_variant(monkeypatch: pytest.MonkeyPatch, qapp: QApplication) -> None:
    monkeypatch.setenv(theme.THEME_ENV, "dark")
    assert theme.wanted(qapp) is theme.DARK
    monkeypatch.setenv(theme.THEME_ENV, "light")
    assert theme.wanted(qapp) is theme.LIGHT


@pytest.fixture
def themed(qapp: QApplication) -> Iterator[None]:
    """Whatever a test applies, the application gets its style, palette and style sheet back."""
    style, palette, sheet, before = qapp.style().name(), QPalette(qapp.palette()), qapp.styleSheet(), theme.current()
    yield
    qapp.setStyle(style)
    qapp.setPalette(palette)
    qapp.setStyleSheet(sheet)
    theme._current = before  # noqa: SLF001 - the module's state, put back for the next test


def _sheet_colour(widget: QWidget, prop: str) -> QColor | None:
    found = re.findall(r"(?<![-\w])" + prop + _COLOUR, widget.styleSheet())
    return QColor(found[-1]) if found else None


def _sheet_background(widget: QWidget) -> QColor | None:
    """The nearest background a style sheet gives ``widget`` or an ancestor (None: the palette's)."""
    w: QWidget | None = widget
    while w is not None:
        colour = _sheet_colour(w, "background")
        if colour is not None:
            return colour
        w = w.parentWidget()
    return None


def _problems(window: MainWindow, palette: QPalette) -> list[str]:
    out: list[str] = []
    for label in window.findChildren(QLabel):
        fg, bg = _sheet_colour(label, "color"), _sheet_background(label)
        if (fg is None and bg is None) or not label.text().strip():
            continue  # the platform's own text on its own background
        # a label on a coloured box without a colour of its own is drawn in the palette's text colour
        fg = fg or palette.color(QPalette.ColorRole.WindowText)
        ratio = theme.contrast(fg, bg or palette.color(QPalette.ColorRole.Window))
        if ratio < theme.MIN_CONTRAST:
            out.append(f"label {label.objectName() or label.text()[:40]!r}: {fg.name()} at {ratio:.2f}:1")
    base, text = palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text)
    for table in window.findChildren(QTableView):
        model = table.model()
        if model is None:
            continue
        for row in range(min(model.rowCount(), 60)):
            for col in range(model.columnCount()):
                if isinstance(table, QTableWidget):
                    item = table.item(row, col)
                    if item is None:
                        continue
                    fg_brush, bg_brush = item.foreground(), item.background()
                    fg_set, bg_set = fg_brush.style() != Qt.BrushStyle.NoBrush, bg_brush.style() != Qt.BrushStyle.NoBrush
                else:
                    index = model.index(row, col)
                    fg_brush, bg_brush = index.data(Qt.ItemDataRole.ForegroundRole), index.data(Qt.ItemDataRole.BackgroundRole)
                    fg_set, bg_set = fg_brush is not None, bg_brush is not None
                if not (fg_set or bg_set):
                    continue
                fg = fg_brush.color() if fg_set else text
                bg = bg_brush.color() if bg_set else base
                ratio = theme.contrast(fg, bg)
                if ratio < theme.MIN_CONTRAST:
                    out.append(
                        f"{table.objectName() or type(model).__name__} cell ({row}, {col}): {fg.name()} on {bg.name()} at {ratio:.2f}:1"
                    )
    return out


@pytest.mark.parametrize("variant", ["light", "dark"])
def test_every_tab_is_readable_in_both_themes(qtbot, qapp: QApplication, themed: None, tmp_path: Path, variant: str) -> None:  # type: ignore[no-untyped-def]
    from minisip_console.core.demo import create_demo

    url = f"sqlite:///{tmp_path / 'demo.db'}"
    create_demo(url, accounts=40, cdrs=400, seed=3)
    applied = theme.apply(qapp, theme.THEMES[variant])
    palette = qapp.palette()
    assert applied.name == variant
    if variant == "dark":  # the widgets' own text turns light too, not only the console's colours
        assert theme.luminance(palette.color(QPalette.ColorRole.Window)) < 0.2
        assert theme.contrast(palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base)) >= theme.MIN_CONTRAST
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.overview_loaded, timeout=TIMEOUT):
        window.start_connect(ConnectRequest(database=url))
    pool = QThreadPool.globalInstance()
    problems: list[str] = []
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        qtbot.waitUntil(lambda: pool.activeThreadCount() == 0, timeout=TIMEOUT)
        QApplication.processEvents()
        problems += [f"{window.tabs.tabText(i).replace('&', '')}: {p}" for p in _problems(window, palette)]
    coloured = [label for label in window.findChildren(QLabel) if _sheet_colour(label, "color") is not None and label.text().strip()]
    assert coloured, "no coloured label was checked: the walk would pass on anything"
    assert sorted(set(problems)) == []
