"""Every colour the window draws itself, in a light and a dark variant: one place.

The platform style draws the widgets; the console adds only meaning: a verdict is good or bad,
a deadline near, a line of a policy changed. Those colours come from ``current()`` (a ``Theme``),
never from a literal in a tab, so that under a dark palette (Windows 11 and macOS run dark by
default) no light text lands on a light background. Every pair of a text colour and the
background it is drawn on (``PAIRS``) keeps WCAG AA's 4.5:1 contrast in both variants; the
tests check the pairs and walk every tab's labels and coloured cells under both.

The variant follows the OS colour scheme (``QStyleHints.colorScheme``, Qt 6.5+) and changes
with it; ``MINISIP_CONSOLE_THEME=light|dark`` overrides it (the screenshots use it). A dark
variant on a platform whose own palette is light (Linux offscreen, an old Windows style) gets
the Fusion style with a dark palette, so the widgets' own text turns light too.

The style sheet (``resources/style.qss``) is a template: ``${name}`` is a field of the theme.
"""

from __future__ import annotations

import dataclasses
import os
import string
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

#: the environment variable that picks a variant whatever the OS says
THEME_ENV = "MINISIP_CONSOLE_THEME"
#: WCAG AA for normal text
MIN_CONTRAST = 4.5


@dataclass(frozen=True)
class Theme:
    name: str
    window: str  # the window's background (the palette's, for the checks)
    text: str  # the window's text
    bad: str  # a broken promise, an error, an overdue item: text
    good: str  # a kept promise, a verified result: text
    warn: str  # a deadline near, a review due: text
    muted: str  # disabled operators, secondary facts: text
    bad_bg: str  # the background of a bad verdict, an overdue row, a removed line
    good_bg: str
    warn_bg: str
    info_bg: str  # page notes, information banners
    info_text: str
    info_border: str
    bad_border: str
    warn_border: str
    banner_text: str  # text on any of the *_bg backgrounds that is not itself coloured
    empty_title: str
    empty_text: str
    chart_within: str  # the age chart: rows within retention, past it, the cutoff line
    chart_past: str
    chart_cutoff: str

    def brush(self, field: str) -> QBrush:
        return QBrush(QColor(getattr(self, field)))

    def colour(self, field: str) -> str:
        return str(getattr(self, field))

    def banner(self, good: bool) -> tuple[str, str]:
        """(text colour, background) of a verdict banner."""
        return (self.good, self.good_bg) if good else (self.bad, self.bad_bg)


LIGHT = Theme(
    name="light",
    window="#f0f0f0",
    text="#1f1f1f",
    bad="#a4262c",
    good="#1e6b2f",
    warn="#7a4d00",
    muted="#5f5f5f",
    bad_bg="#fdecea",
    good_bg="#e8f5e9",
    warn_bg="#fff4ce",
    info_bg="#eef4fb",
    info_text="#1d3a5c",
    info_border="#c9dcf0",
    bad_border="#e0a39c",
    warn_border="#e5c77a",
    banner_text="#1f1f1f",
    empty_title="#333333",
    empty_text="#555555",
    chart_within="#4a7fb5",
    chart_past="#c0392b",
    chart_cutoff="#333333",
)
DARK = Theme(
    name="dark",
    window="#2b2b2b",
    text="#e6e6e6",
    bad="#ff9b8f",
    good="#8fd694",
    warn="#f2c85b",
    muted="#ababab",
    bad_bg="#4a2020",
    good_bg="#1d3b24",
    warn_bg="#43360f",
    info_bg="#1f2e40",
    info_text="#cfe3ff",
    info_border="#3b5573",
    bad_border="#8c3b35",
    warn_border="#8a6d1f",
    banner_text="#f0f0f0",
    empty_title="#dddddd",
    empty_text="#b8b8b8",
    chart_within="#6fa3d8",
    chart_past="#e57368",
    chart_cutoff="#dddddd",
)
THEMES = {t.name: t for t in (LIGHT, DARK)}

#: (text, background) pairs the window draws: each must keep ``MIN_CONTRAST`` in every variant
PAIRS: tuple[tuple[str, str], ...] = (
    ("text", "window"),
    ("bad", "window"),
    ("good", "window"),
    ("warn", "window"),
    ("muted", "window"),
    ("bad", "bad_bg"),
    ("good", "good_bg"),
    ("warn", "warn_bg"),
    ("info_text", "info_bg"),
    ("banner_text", "bad_bg"),
    ("banner_text", "good_bg"),
    ("banner_text", "warn_bg"),
    ("banner_text", "info_bg"),
    ("empty_title", "window"),
    ("empty_text", "window"),
)

_current: Theme = LIGHT


def current() -> Theme:
    """The variant the window is drawn in now."""
    return _current


def wanted(app: QGuiApplication | None = None) -> Theme:
    """The variant the environment override or the OS colour scheme asks for."""
    forced = os.environ.get(THEME_ENV, "").strip().lower()
    if forced in THEMES:
        return THEMES[forced]
    app = app or QGuiApplication.instance()  # type: ignore[assignment]
    if app is not None:
        scheme = app.styleHints().colorScheme()
        if scheme == Qt.ColorScheme.Dark:
            return DARK
        if scheme == Qt.ColorScheme.Unknown and _is_dark(app.palette().color(QPalette.ColorRole.Window)):
            return DARK
    return LIGHT


def apply(app: QApplication, theme: Theme | None = None) -> Theme:
    """Draw the application in ``theme`` (default: ``wanted``): the palette when the platform's
    does not match, and the style sheet with the theme's colours. Returns the theme applied."""
    global _current
    theme = theme or wanted(app)
    _current = theme
    if theme is DARK and not _is_dark(app.palette().color(QPalette.ColorRole.Window)):
        fusion = QStyleFactory.create("Fusion")
        if fusion is not None:
            app.setStyle(fusion)
        app.setPalette(dark_palette())
    app.setStyleSheet(style_sheet(theme))
    return theme


def follow_os(app: QApplication) -> None:
    """Re-apply when the OS switches between light and dark (tabs repaint what they colour on
    their next refresh). Connected once per application."""
    if app.property("minisipFollowsOs"):
        return
    app.setProperty("minisipFollowsOs", True)
    app.styleHints().colorSchemeChanged.connect(lambda _scheme: apply(app))


def style_sheet(theme: Theme) -> str:
    from minisip_console.ui.resources import read_text

    template = read_text("style.qss") or ""
    return string.Template(template).safe_substitute(dataclasses.asdict(theme))


def dark_palette() -> QPalette:
    """A dark palette for the Fusion style (where the platform gives none)."""
    p = QPalette()
    colours = {
        QPalette.ColorRole.Window: DARK.window,
        QPalette.ColorRole.WindowText: DARK.text,
        QPalette.ColorRole.Base: "#1e1e1e",
        QPalette.ColorRole.AlternateBase: "#262626",
        QPalette.ColorRole.Text: DARK.text,
        QPalette.ColorRole.Button: "#353535",
        QPalette.ColorRole.ButtonText: DARK.text,
        QPalette.ColorRole.ToolTipBase: "#3a3a3a",
        QPalette.ColorRole.ToolTipText: DARK.text,
        QPalette.ColorRole.PlaceholderText: "#9a9a9a",
        QPalette.ColorRole.Highlight: "#2f65ca",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#7cb8ff",
        QPalette.ColorRole.BrightText: "#ffffff",
        QPalette.ColorRole.Light: "#4a4a4a",
        QPalette.ColorRole.Midlight: "#3e3e3e",
        QPalette.ColorRole.Mid: "#303030",
        QPalette.ColorRole.Dark: "#1a1a1a",
        QPalette.ColorRole.Shadow: "#000000",
    }
    for role, value in colours.items():
        p.setColor(role, QColor(value))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#8a8a8a"))
    return p


# --------------------------------------------------------------------------- contrast (WCAG 2.x)


def _channel(c: float) -> float:
    c /= 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: QColor | str) -> float:
    q = QColor(colour)
    return 0.2126 * _channel(q.red()) + 0.7152 * _channel(q.green()) + 0.0722 * _channel(q.blue())


def contrast(a: QColor | str, b: QColor | str) -> float:
    """WCAG's contrast ratio of two colours, 1 to 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _is_dark(colour: QColor) -> bool:
    return luminance(colour) < 0.2
