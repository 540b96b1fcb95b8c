"""No two Alt+letter mnemonics clash within a window (issue 16): the main window (its menu bar, its
tab titles and every page's buttons, buddied labels, group boxes and inner tab titles) and each
dialog. Two widgets clash only when they can be visible at the same time: widgets on different
pages of a tab widget or a stacked widget never are, so the walk records, for each widget, which
page of which stack it sits on, and compares only widgets whose pages agree."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QPushButton, QStackedWidget, QTabBar, QVBoxLayout, QWidget

from minisip_console.ui.main_window import MainWindow
from tests.gui.test_accessibility import dialogs
from tests.gui.test_accessibility import window as window  # noqa: F401  # the fixture: every tab built on a demo database

TIMEOUT = 20_000


def mnemonic(text: str) -> str | None:
    """The letter after a single '&' ("&&" is a literal ampersand), lower-cased; None without one."""
    i = 0
    while i < len(text) - 1:
        if text[i] == "&":
            if text[i + 1] != "&":
                return text[i + 1].lower()
            i += 2
        else:
            i += 1
    return None


@dataclass(frozen=True)
class Key:
    letter: str
    what: str  # the text and where it is, for the failure message
    pages: tuple[tuple[int, int], ...]  # (id of a stack, index of the page) for each stack it sits in


def _pages(widget: QWidget, root: QWidget) -> tuple[tuple[int, int], ...]:
    pages = []
    child, parent = widget, widget.parentWidget()
    while parent is not None and child is not root:
        if isinstance(parent, QStackedWidget) and parent.indexOf(child) >= 0:
            pages.append((id(parent), parent.indexOf(child)))
        child, parent = parent, parent.parentWidget()
    return tuple(pages)


def _where(widget: QWidget) -> str:
    names = []
    w: QWidget | None = widget
    while w is not None and len(names) < 4:
        if w.objectName() and not w.objectName().startswith("qt_"):
            names.append(w.objectName())
        w = w.parentWidget()
    return " < ".join(names) or type(widget).__name__


def keys(root: QWidget, extra: tuple[str, ...] = ()) -> list[Key]:
    """Every mnemonic under ``root``, with the pages it sits on; ``extra``: texts always visible (menu titles)."""
    found = [Key(m, f"{text!r} (menu bar)", ()) for text in extra if (m := mnemonic(text))]
    for widget in [root, *root.findChildren(QWidget)]:
        texts: list[str] = []
        if isinstance(widget, QAbstractButton):
            texts = [widget.text()]
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            texts = [widget.text()]
        elif isinstance(widget, QGroupBox):
            texts = [widget.title()]
        elif isinstance(widget, QTabBar):
            texts = [widget.tabText(i) for i in range(widget.count())]
        pages = _pages(widget, root)
        found += [Key(m, f"{text!r} ({_where(widget)})", pages) for text in texts if (m := mnemonic(text))]
    return found


def clashes(root: QWidget, extra: tuple[str, ...] = ()) -> list[str]:
    found = keys(root, extra)
    out = []
    for i, a in enumerate(found):
        for b in found[i + 1 :]:
            if a.letter != b.letter:
                continue
            stacks_a, stacks_b = dict(a.pages), dict(b.pages)
            if all(stacks_a[s] == stacks_b[s] for s in stacks_a.keys() & stacks_b.keys()):
                out.append(f"Alt+{a.letter.upper()}: {a.what} and {b.what}")
    return out


def test_the_walk_finds_a_clash_on_one_page_and_not_across_pages(qtbot) -> None:  # type: ignore[no-untyped-def]
    assert mnemonic("&Approve") == "a" and mnemonic("Law &enforcement") == "e"
    assert mnemonic("Fish && chips") is None and mnemonic("R&&D &now") == "n"
    root = QWidget()
    qtbot.addWidget(root)
    stack = QStackedWidget()
    one, two = QWidget(), QWidget()
    QVBoxLayout(one).addWidget(QPushButton("&Delete"))
    QVBoxLayout(two).addWidget(QPushButton("&Decide"))
    stack.addWidget(one)
    stack.addWidget(two)
    QVBoxLayout(root).addWidget(stack)
    assert clashes(root) == []  # on different pages: never visible together
    assert sorted(clashes(root, ("&Discard",))) == [
        "Alt+D: '&Discard' (menu bar) and '&Decide' (QPushButton)",
        "Alt+D: '&Discard' (menu bar) and '&Delete' (QPushButton)",
    ]
    one.layout().addWidget(QPushButton("&Download"))
    assert clashes(root) == ["Alt+D: '&Delete' (QPushButton) and '&Download' (QPushButton)"]


def test_no_mnemonic_clash_in_the_main_window(window: MainWindow) -> None:  # noqa: F811
    menus = tuple(action.text() for action in window.menuBar().actions())
    assert menus == ("&File", "&View", "&Help")
    found = clashes(window, menus)
    assert not found, f"{len(found)} mnemonic clashes:\n" + "\n".join(found)


def test_no_mnemonic_clash_in_any_dialog(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from minisip_console.core import access
    from minisip_console.ui.accounts.details import AccountDetailsWindow

    db = window.database
    assert db is not None
    access.grant_access(db.sessions, db.operator, 1, "customer_request", "REQ-42", 30)
    details = AccountDetailsWindow(db, 1, window)
    with qtbot.waitSignal(details.loaded, timeout=TIMEOUT):
        details.load()
    found = [f"AccountDetailsWindow: {c}" for c in clashes(details)]
    for dialog in dialogs(window):
        found += [f"{type(dialog).__name__}: {c}" for c in clashes(dialog)]
        dialog.deleteLater()
    assert not found, f"{len(found)} mnemonic clashes:\n" + "\n".join(found)
