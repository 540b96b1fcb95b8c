"""Under zh_CN every screen is in Chinese (issue 16): the main window with every tab (and every
page of a tab's own tabs), its menus, every dialog and an account's details, on the demo database,
walked widget by widget. Any text a person can see or hear (labels, buttons, titles, tabs, table
headers and cells, combo box items, placeholders, tooltips, accessible names and descriptions,
menu entries) that still holds an English word fails, unless the word is

- the data itself: every text value stored in the demo database (a name, a ticket, the policy's
  own English text, a reason an operator typed) is taken out before looking;
- a code or a name that is the same in every language: all capitals (CDR, SMTP, UTC, PDF), with a
  digit, an underscore or a dot inside (``customer_request``, ``report.exported``, ``REQ-42``),
  or one of ``SAME_IN_EVERY_LANGUAGE`` (product names, ``PostgreSQL``...);
- an email address, a URL or a file path.

The failure lists every offender with where it is (the tab or dialog, the widget), so each part of
the window can be finished on its own: ``pytest tests/gui/test_chinese.py 2>&1 | grep 'Accounts'``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from minisip_console.core.demo import create_demo
from minisip_console.ui import i18n, workers
from minisip_console.ui.connecting import ConnectRequest
from minisip_console.ui.main_window import MainWindow
from tests.gui.test_main_window import connect_ok

TIMEOUT = 20_000
ROWS = 40  # table rows read per view

#: names and terms that stay as they are in a Chinese window
SAME_IN_EVERY_LANGUAGE = {
    "minisip-console",
    "miniSIPServer",
    "Cloud",
    "PostgreSQL",
    "SQLite",
    "MariaDB",
    "MySQL",
    "Windows",
    "macOS",
    "Linux",
    "Qt",
    "Python",
    "Asterisk",
    "calldate",  # Asterisk's cdr columns and an account format's {id} (acct{id}): what a user types
    "accountcode",
    "acct",
    "id",
    "CDRs",
    "IDs",
    "URLs",
    "pg_partman",
    "Secret",
    "Service",  # the freedesktop Secret Service (a keyring's name)
    "Keychain",
    "Credential",
    "Manager",  # Windows Credential Manager
    "demo",  # the --demo option in a sentence
    "English",
    "psql",
    "SHA",
    "sqlite",
    "postgresql",
    "mysql",
    "mariadb",
    "Ctrl",  # key names as Qt writes them in every language
    "Shift",
    "Alt",
    "Esc",
    "Meta",
    "Markdown",
}
TOKEN = re.compile(r"[A-Za-z][\w'’-]*(?:\.[\w-]+)*")
ADDRESS = re.compile(
    r"[\w.*+-]+@[\w*-]+(\.[\w*-]+)+|\b[a-z][a-z0-9+.-]*://\S*|(?:[A-Za-z]:)?[\\/]?(?:[\w.-]+[\\/])+[\w.-]*|--[a-z-]+|\S+\.(?:db|ini|log|pdf|csv|json|txt|html|ts|qm)\b"
)
TAG = re.compile(r"<[^>]+>")
#: an audit event's own details as recorded (``purpose=customer_request``): the keys are codes
KEY_VALUE = re.compile(r"\b[a-z_]+=")
#: a command line quoted in a sentence: the program, its subcommands and options stay as typed
COMMAND = re.compile(r"minisip-console(?:-cli)?(?: (?:--?[\w-]+(?:=\S+)?|[a-z][a-z-]*|[A-Z_]+|\d+))*")


def data_values(url: str) -> list[str]:
    """Every text the demo database holds (and each line of it), longest first."""
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    values: set[str] = set()
    try:
        meta = sa.MetaData()
        meta.reflect(engine)
        with engine.connect() as conn:
            for table in meta.sorted_tables:
                columns = [c for c in table.columns if isinstance(c.type, (sa.String, sa.Text, sa.JSON))]
                if not columns:
                    continue
                for row in conn.execute(sa.select(*columns)):
                    for value in row:
                        if isinstance(value, (dict, list)):
                            value = str(value)
                        if isinstance(value, str) and len(value.strip()) >= 2:
                            values.add(value.strip())
                            values.update(line.strip() for line in value.splitlines() if len(line.strip()) >= 2)
    finally:
        engine.dispose()
    return sorted(values, key=len, reverse=True)


def _without(text: str, data: list[str]) -> str:
    """``text`` with every data value taken out where it stands as a whole (a language code "en"
    is data; the "en" inside "Suspended" is not)."""
    for value in data:
        if value in text:
            text = re.sub(rf"(?<!\w){re.escape(value)}(?!\w)", " ", text)
    return text


def english_words(text: str, data: list[str]) -> list[str]:
    """The English words of ``text`` once data, addresses and codes are taken out."""
    text = ADDRESS.sub(" ", COMMAND.sub(" ", text))  # first: a path holds words that are also data ("demo")
    text = _without(text, data)  # then: data may look like markup (a caller id's "<1002>")
    text = _without(html.unescape(TAG.sub(" ", text)).replace("&", ""), data)
    text = KEY_VALUE.sub(" ", text)
    words = []
    for token in TOKEN.findall(text):
        bare = token.strip("'’-")
        if len(bare) < 2 or bare.isupper() or bare in SAME_IN_EVERY_LANGUAGE:
            continue
        if re.search(r"[\d_.]", bare):
            continue
        words.append(bare)
    return words


def _model_texts(model: QAbstractItemModel) -> Iterator[tuple[str, str]]:
    from PySide6.QtCore import QModelIndex

    try:
        columns = model.columnCount(QModelIndex())
    except TypeError:  # a list model: one column, not exposed to Python
        columns = 1
    for column in range(columns):
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = model.headerData(column, Qt.Orientation.Horizontal, role)
            if isinstance(value, str):
                yield f"header {column}", value
    for row in range(min(model.rowCount(QModelIndex()), ROWS)):
        for column in range(columns):
            index = model.index(row, column)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
                value = model.data(index, role)
                if isinstance(value, str):
                    yield f"cell {row},{column}", value


def _menu_texts(menu: QMenu, where: str) -> Iterator[tuple[str, str]]:
    yield where, menu.title()
    for action in menu.actions():
        if action.menu() is not None:
            yield from _menu_texts(action.menu(), f"{where} > {action.text()}")  # type: ignore[arg-type]
        elif not action.isSeparator():
            for text in (action.text(), action.toolTip(), action.statusTip()):
                yield f"{where} > {action.text()}", text


def texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every text a person meets under ``root``."""
    for widget in [root, *root.findChildren(QWidget)]:
        name = widget.objectName() or type(widget).__name__
        if widget.isWindow():
            yield f"{name} title", widget.windowTitle()
        for label, text in (
            ("tooltip", widget.toolTip()),
            ("accessible name", widget.accessibleName()),
            ("description", widget.accessibleDescription()),
        ):
            yield f"{name} {label}", text
        if isinstance(widget, QLabel):
            yield name, widget.text()
        elif isinstance(widget, QAbstractButton):
            yield name, widget.text()
        elif isinstance(widget, QGroupBox):
            yield name, widget.title()
        elif isinstance(widget, QLineEdit):
            yield f"{name} placeholder", widget.placeholderText()
        elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
            yield f"{name} placeholder", widget.placeholderText()
            if widget.isReadOnly():
                yield name, widget.toPlainText()
        elif isinstance(widget, QComboBox):
            for i in range(widget.count()):
                yield f"{name} item {i}", widget.itemText(i)
        elif isinstance(widget, QTabBar):
            for i in range(widget.count()):
                yield f"{name} tab {i}", widget.tabText(i)
                yield f"{name} tab {i} tooltip", widget.tabToolTip(i)
        elif isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView) and widget.model() is not None:
            for where, text in _model_texts(widget.model()):
                yield f"{name} {where}", text
        elif isinstance(widget, QMenu) and widget.parentWidget() is None:
            yield from _menu_texts(widget, name)


def offenders(root: QWidget | Iterator[tuple[str, str]], where: str, data: list[str]) -> list[str]:
    found = []
    seen: set[str] = set()  # each English text once per part (a column of 40 rows says it once)
    for place, text in texts(root) if isinstance(root, QWidget) else root:
        words = english_words(text, data) if text else []
        if words and text not in seen:
            seen.add(text)
            found.append(f"{where} | {place}: {text!r} ({' '.join(words[:6])})")
    return found


@pytest.fixture
def chinese(qapp):  # type: ignore[no-untyped-def]
    assert i18n.install(qapp, "zh_CN") == "zh_CN"
    yield
    i18n.install(qapp, "en")


@pytest.fixture
def window(qtbot, tmp_path: Path, chinese) -> tuple[MainWindow, list[str]]:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    create_demo(url, accounts=20, cdrs=300, seed=4)
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    with qtbot.waitSignal(win.overview_tab.loaded, timeout=TIMEOUT):
        connect_ok(qtbot, win, ConnectRequest(database=url))
    return win, data_values(url)


def test_the_walk_finds_english_and_lets_data_and_codes_through() -> None:
    data = ["Ada Lovelace", "Please delete my account"]
    assert english_words("账户 Ada Lovelace 已删除", data) == []
    assert english_words("原因：Please delete my account", data) == []
    assert english_words("CDR 保留 30 天 (UTC)", data) == []
    assert english_words("用途 customer_request，事件 report.exported，REQ-42", data) == []
    assert english_words("写入 /tmp/x/report.pdf 或 ada@example.com，https://example.com/a", data) == []
    assert english_words("minisip-console 在 PostgreSQL 上", data) == []
    assert english_words("邮箱 j***@p***.example", data) == []
    assert english_words("计划任务运行 minisip-console purge --category all --scheduler。", data) == []
    assert english_words("按 Ctrl+Shift+D 或 Esc", data) == []
    assert english_words("正在连接到 SQLite /tmp/x/demo.db…", ["demo"]) == []
    assert english_words("Suspended", ["en"]) == ["Suspended"]  # data is taken out only as a whole word
    assert english_words("grant_id=3, purpose=customer_request", []) == []
    assert english_words("Refresh", data) == ["Refresh"]
    assert english_words("<b>3</b> accounts are late", data) == ["accounts", "are", "late"]
    assert english_words("Ada Lovelace was deleted", data) == ["was", "deleted"]


def test_the_translation_is_loaded_and_qt_buttons_follow(qapp, chinese) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QDialogButtonBox

    assert i18n.tr("Follow the system") != "Follow the system"
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() != "Cancel"  # Qt's own qtbase_zh_CN
    box.deleteLater()


@pytest.mark.parametrize(
    "bad",
    [
        {"name": "no spaces please"},
        {"url": "mariadb://cdr:secret@pbx/asteriskcdrdb"},
        {"url": "sqlite://"},
        {"column": "calldate; DROP TABLE cdr"},
        {"account_format": "acct"},
        {"account_format": "acct{id}{x}"},
    ],
)
def test_a_saved_target_refused_as_typed_says_why_in_chinese(qapp, chinese, bad: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    """The Add target dialog shows the core's refusal (``targets.validate``) through ``shown``: its
    sentence and hint are translated, with the typed values kept as they are."""
    from minisip_console.core import targets
    from minisip_console.core.plumbing.errors import InvalidInput

    typed = {"name": "pbx", "url": "mariadb://cdr@pbx/asteriskcdrdb", "column": "calldate", "account_format": "acct{id}"} | bad
    with pytest.raises(InvalidInput) as refused:
        targets.validate(
            typed["name"], typed["url"], "cdr", typed["column"], account_column="accountcode", account_format=typed["account_format"]
        )
    for said in (refused.value.message, refused.value.hint):
        assert said, refused.value
        words = english_words(i18n.shown(said), [*typed.values(), "asterisk-cdr", "--account-column", "--password-stdin"])
        assert words == [], (str(said), i18n.shown(said), words)


def test_every_tab_and_menu_of_the_window_is_in_chinese(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    win, data = window
    menus = (pair for action in win.menuBar().actions() if action.menu() for pair in _menu_texts(action.menu(), action.text()))  # type: ignore[arg-type]
    found = offenders(menus, "menu", data)
    found += offenders(win.statusBar(), "status bar", data)
    for index in range(win.tabs.count()):
        tab = win.tabs.widget(index)
        tab.ensure_built()
        win.tabs.setCurrentIndex(index)
        qtbot.waitUntil(tab.showing_content, timeout=TIMEOUT)
        name = tab.objectName() or type(tab).__name__
        pages = [(inner, i) for inner in tab.findChildren(QTabWidget) for i in range(inner.count())] or [(None, 0)]
        for inner, page in pages:
            if inner is not None:
                inner.setCurrentIndex(page)
            # the page's rows are read on workers: walk it once they have all delivered
            qtbot.waitUntil(lambda: not workers.active(), timeout=TIMEOUT)
            for line in offenders(tab, name, data):
                if line not in found:
                    found.append(line)
    assert not found, f"{len(found)} English texts under zh_CN:\n" + "\n".join(found)


def test_every_dialog_is_in_chinese(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from minisip_console.core import access
    from minisip_console.ui.accounts.details import AccountDetailsWindow
    from tests.gui.test_accessibility import dialogs

    win, data = window
    db = win.database
    assert db is not None
    access.grant_access(db.sessions, db.operator, 1, "customer_request", "REQ-42", 30)
    details = AccountDetailsWindow(db, 1, win)
    with qtbot.waitSignal(details.loaded, timeout=TIMEOUT):
        details.load()
    data = data_values(db.engine.url.render_as_string(hide_password=False))  # the grant and the reading are data now
    data += ["A certificate", "Traceback: a test", "a recent log line", "Ada Lovelace"]  # what dialogs() hands its dialogs
    found = offenders(details, "AccountDetailsWindow", data)
    for dialog in dialogs(win):
        found += offenders(dialog, type(dialog).__name__, data)
        dialog.deleteLater()
    assert not found, f"{len(found)} English texts under zh_CN:\n" + "\n".join(found)
