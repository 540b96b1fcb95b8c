"""Accessible names on every interactive widget and table (issue 16): the main window on a demo
database with every tab built, and its dialogs, walked widget by widget. A screen reader names a
widget by its accessibleName, the QLabel whose buddy it is, or its own visible text; a table gets an
explicit name and a description (what its rows are) because nothing else names it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTableWidget,
    QTabWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from minisip_console.core.demo import create_demo
from minisip_console.ui.connecting import ConnectRequest
from minisip_console.ui.main_window import MainWindow
from tests.gui.test_deletion_tab import bob, carol  # noqa: F401 - fixtures: the demo as an operator and an approver
from tests.gui.test_grant_dialog import demo_template  # noqa: F401 - the module-scoped demo fixture
from tests.gui.test_main_window import connect_ok

TIMEOUT = 20_000

INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit, QTextEdit, QAbstractItemView, QTabBar, QTabWidget)


def _chain(widget: QWidget) -> str:
    names = []
    w: QWidget | None = widget
    while w is not None:
        names.append(f"{w.objectName() or '?'}:{type(w).__name__}")
        w = w.parentWidget()
    return " < ".join(names)


def _buddied(root: QWidget) -> set[int]:
    return {id(label.buddy()) for label in [root, *root.findChildren(QLabel)] if isinstance(label, QLabel) and label.buddy() is not None}


def _is_internal(widget: QWidget) -> bool:
    """Qt's own parts of a composite widget (a combo box's line edit and popup list, a spin box's
    line edit, a table's corner button, a tab widget's bar, scroll bars' buttons): named through
    the widget they belong to."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, (QComboBox, QAbstractSpinBox)):
            return True
        parent = parent.parentWidget()
    if isinstance(widget, QHeaderView) or isinstance(widget.parentWidget(), QAbstractItemView):
        return True  # a table's headers and corner button (its cell widgets sit in its viewport: checked)
    if isinstance(widget, QTabBar) and isinstance(widget.parentWidget(), QTabWidget):
        return True
    if isinstance(widget.parentWidget(), QLineEdit):
        return True  # a line edit's clear button: the line edit is named
    if widget.objectName().startswith("qt_"):
        return True
    return type(widget).__name__ in {"QComboBoxPrivateContainer", "QComboBoxListView"}


def unnamed(root: QWidget) -> list[str]:
    """Every interactive widget under ``root`` (``root`` included) a screen reader cannot name."""
    buddies = _buddied(root)
    offenders = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not isinstance(widget, INTERACTIVE) or _is_internal(widget):
            continue
        if isinstance(widget, QAbstractItemView):
            if not widget.accessibleName().strip() or not widget.accessibleDescription().strip():
                offenders.append(_chain(widget) + " (a table or list needs a name and a description)")
            continue
        if widget.accessibleName().strip() or id(widget) in buddies:
            continue
        if isinstance(widget, QAbstractButton) and widget.text().replace("&", "").strip():
            continue
        offenders.append(_chain(widget))
    return offenders


def assert_named(root: QWidget) -> None:
    offenders = unnamed(root)
    assert not offenders, f"{len(offenders)} widgets without an accessible name:\n" + "\n".join(offenders)


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    create_demo(url, accounts=20, cdrs=300, seed=4)
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    with qtbot.waitSignal(win.overview_tab.loaded, timeout=TIMEOUT):
        connect_ok(qtbot, win, ConnectRequest(database=url))
    for index in range(win.tabs.count()):
        win.tabs.widget(index).ensure_built()  # type: ignore[attr-defined]
    return win


def test_the_walker_finds_an_unnamed_widget_and_accepts_each_kind_of_name(qtbot) -> None:  # type: ignore[no-untyped-def]
    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    bare = QLineEdit()
    bare.setObjectName("bareField")
    table = QTableWidget()
    table.setObjectName("bareTable")
    table.setAccessibleName("Rows")  # a name without a description is not enough for a table
    layout.addWidget(bare)
    layout.addWidget(table)
    offenders = unnamed(root)
    assert len(offenders) == 2
    assert offenders[0].startswith("bareField:QLineEdit < ?:QWidget")
    assert offenders[1].startswith("bareTable:QTableWidget")
    label = QLabel("&Search")
    label.setBuddy(bare)
    layout.addWidget(label)
    table.setAccessibleDescription("One row per thing")
    assert unnamed(root) == []
    combo = QComboBox()
    layout.addWidget(combo)
    assert len(unnamed(root)) == 1
    combo.setAccessibleName("Choice")
    assert unnamed(root) == []


def test_every_interactive_widget_of_the_window_has_a_name(window: MainWindow) -> None:
    assert window.tabs.count() == 8
    assert_named(window)


def dialogs(window: MainWindow) -> list[QDialog]:
    """Every dialog of the console, constructed on the demo database's own records (not shown)."""
    from minisip_console.ui.accounts.details import RectifyDialog
    from minisip_console.ui.accounts.grant_dialog import GrantDialog
    from minisip_console.ui.cdr_retention import jobs as cdr_jobs
    from minisip_console.ui.cdr_retention.dialogs import PolicyDialog
    from minisip_console.ui.cdr_retention.target_dialog import AddTargetDialog
    from minisip_console.ui.connect_dialog import ConnectDialog
    from minisip_console.ui.crash_dialog import CrashDialog
    from minisip_console.ui.deletion_queue import dialogs as deletion_dialogs
    from minisip_console.ui.deletion_queue import jobs as deletion_jobs
    from minisip_console.ui.i18n import shown
    from minisip_console.ui.law_enforcement import dialogs as legal_dialogs
    from minisip_console.ui.law_enforcement import jobs as legal_jobs
    from minisip_console.ui.law_enforcement.intake_dialog import IntakeDialog
    from minisip_console.ui.law_enforcement.report_dialog import ReportDialog as TransparencyDialog
    from minisip_console.ui.operators import jobs as operator_jobs
    from minisip_console.ui.operators.dialogs import AddOperatorDialog, ChangeRoleDialog
    from minisip_console.ui.policy_notices import jobs as policy_jobs
    from minisip_console.ui.policy_notices.dialogs import DecideDialog, NewVersionDialog, SiteNoticeDialog
    from minisip_console.ui.policy_notices.ledger_dialog import LedgerDialog
    from minisip_console.ui.policy_notices.tab import MailServerDialog
    from minisip_console.ui.report_dialog import ReportDialog

    db = window.database
    assert db is not None
    cdr = cdr_jobs.load_snapshot(db, {})
    deletions = deletion_jobs.load_snapshot(db, None).requests
    legal = legal_jobs.load_snapshot(db)
    request = legal_jobs.load_details(db, legal.rows[0].id)
    versions = policy_jobs.load_snapshot(db).versions
    operator = operator_jobs.load_snapshot(db).rows[0]
    assert deletions and legal.holds and versions
    return [
        ConnectDialog(window, presenter=window.presenter),
        ReportDialog(db, window.notifier, window),
        GrantDialog(db, 1, window),
        RectifyDialog("Ada Lovelace", "ada@example.com", None, window),
        CrashDialog("Traceback: a test", "a recent log line", None, window),
        PolicyDialog(db, cdr.policies, window, statuses=cdr.statuses),
        AddTargetDialog(db, "cdr", shown(next(p.label for p in cdr.policies if p.category == "cdr")), window),
        deletion_dialogs.NewRequestDialog(db, window),
        *(deletion_dialogs.DecisionDialog(db, deletions[0], kind, window) for kind in ("approve", "reject", "cancel")),
        deletion_dialogs.CertificateView(deletions[0].id, "A certificate", window),
        IntakeDialog(db, window),
        legal_dialogs.OrderCheckDialog(db, request, window),
        legal_dialogs.ProposeDialog(db, request, window),
        legal_dialogs.RejectDialog(db, request, window),
        legal_dialogs.NotifyDialog(db, request, None, window),
        legal_dialogs.GagDialog(db, request, window),
        legal_dialogs.ReleaseHoldDialog(db, legal.holds[0].hold, window),
        legal_dialogs.DisclosureDialog(db, legal.rows, window),
        TransparencyDialog(db, window),
        AddOperatorDialog(postgres=False, parent=window),
        ChangeRoleDialog(operator, parent=window),
        LedgerDialog(db, versions[0].number, window),
        MailServerDialog(None, None, window),
        NewVersionDialog(db, versions[0], window),
        DecideDialog(db, versions[0], window),
        SiteNoticeDialog(db, versions[0], window),
    ]


def test_every_interactive_widget_of_every_dialog_has_a_name(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from minisip_console.core import access
    from minisip_console.ui.accounts.details import AccountDetailsWindow

    db = window.database
    assert db is not None
    access.grant_access(db.sessions, db.operator, 1, "customer_request", "REQ-42", 30)
    details = AccountDetailsWindow(db, 1, window)
    with qtbot.waitSignal(details.loaded, timeout=TIMEOUT):
        details.load()
    assert details.sections.count() > 0
    offenders = [f"AccountDetailsWindow: {o}" for o in unnamed(details)]
    for dialog in dialogs(window):
        offenders += [f"{type(dialog).__name__}: {o}" for o in unnamed(dialog)]
        dialog.deleteLater()
    assert not offenders, f"{len(offenders)} widgets without an accessible name:\n" + "\n".join(offenders)


def test_every_greyed_action_says_why_beside_it(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """A disabled button's tooltip never shows for a keyboard user: each tab's greyed buttons are named,
    with their reason, on a ReasonsLine of the same tab."""
    from PySide6.QtWidgets import QPushButton

    from minisip_console.ui.tabs import ReasonsLine, button_name

    def unexplained(tab: QWidget) -> list[str]:
        lines = " ".join(line.text() for line in tab.findChildren(ReasonsLine) if line.isVisibleTo(window))
        return [
            f"{button_name(button)} ({button.objectName()}): {button.toolTip()}"
            for button in tab.findChildren(QPushButton)
            if button.isVisibleTo(window) and not button.isEnabled() and button_name(button) not in lines
        ]

    missing = []
    greyed = 0
    for index in range(window.tabs.count()):
        tab = window.tabs.widget(index)
        window.tabs.setCurrentIndex(index)
        qtbot.waitUntil(tab.showing_content, timeout=TIMEOUT)  # type: ignore[attr-defined]
        # every page of the tab's own tab widgets (the Law enforcement holds, the Policy email campaign)
        pages = [(inner, i) for inner in tab.findChildren(QTabWidget) for i in range(inner.count())] or [(None, 0)]
        for inner, page in pages:
            if inner is not None:
                inner.setCurrentIndex(page)
            try:  # the tab reads its list on a worker, then renders its actions
                qtbot.waitUntil(lambda: not unexplained(tab), timeout=3_000)  # noqa: B023
            except qtbot.TimeoutError:
                missing += [
                    f"{window.tabs.tabText(index)}: {m}" for m in unexplained(tab) if f"{window.tabs.tabText(index)}: {m}" not in missing
                ]
            greyed += sum(1 for b in tab.findChildren(QPushButton) if b.isVisibleTo(window) and not b.isEnabled())
    assert greyed >= 3, greyed  # the walk saw greyed buttons (the demo has requests waiting on others)
    assert not missing, "greyed without a reason beside them:\n" + "\n".join(missing)


def test_the_operators_tab_says_why_its_buttons_are_greyed(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QModelIndex

    tab = window.operators_tab
    assert tab is not None
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.showing_content() and tab.model is not None and tab.model.rowCount() > 0, timeout=TIMEOUT)
    tab.view.setCurrentIndex(QModelIndex())
    tab._update_actions()
    assert not tab.role_button.isEnabled() and not tab.disable_button.isEnabled()
    assert tab.reasons.isVisibleTo(window)
    assert tab.reasons.text() == "Change role, Disable: Select an operator in the list first."


# --------------------------------------------------------------------------- keyboard only
def _key(qtbot, window: QWidget, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    """A key as the user presses it: to the widget with the focus (shortcuts and mnemonics included)."""
    qtbot.keyClick(QApplication.focusWidget() or window, key, modifier)


def _tab_to(qtbot, window: QWidget, target: QWidget, limit: int = 80) -> None:  # type: ignore[no-untyped-def]
    """Tab until ``target`` has the focus: it is in the tab order."""
    for _ in range(limit):
        if target.hasFocus():
            return
        _key(qtbot, window, Qt.Key.Key_Tab)
    raise AssertionError(f"{target.objectName()} is not reached with Tab (focus on {QApplication.focusWidget()})")


def _active(qtbot, window: QWidget) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=TIMEOUT)


def test_keyboard_only_overview_ctrl_1_a_row_and_return_opens_its_tab(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    _active(qtbot, window)
    tab = window.overview_tab
    _key(qtbot, window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.cdr_tab
    _key(qtbot, window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is tab
    _tab_to(qtbot, window, tab.table)
    keys = [p.key for p in tab.result.promises]  # type: ignore[union-attr]
    _key(qtbot, window, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    for _ in range(keys.index("deletion")):
        _key(qtbot, window, Qt.Key.Key_Down)
    assert tab.table.currentRow() == keys.index("deletion")
    _key(qtbot, window, Qt.Key.Key_Return)
    assert window.tabs.currentWidget() is window.deletions_tab


def test_keyboard_only_accounts_search_then_the_status_filter(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    _active(qtbot, window)
    tab = window.accounts_tab
    _key(qtbot, window, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # the tab's mnemonic
    assert window.tabs.currentWidget() is tab
    qtbot.waitUntil(lambda: tab.model is not None and tab.model.rowCount() == 20, timeout=TIMEOUT)
    _key(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # Find: to the search field
    assert tab.search_field.hasFocus()
    with qtbot.waitSignal(tab.search_applied, timeout=TIMEOUT) as searched:
        qtbot.keyClicks(QApplication.focusWidget(), "1")
        _key(qtbot, window, Qt.Key.Key_Return)
    assert searched.args[0] == tab.model.rowCount() < 20  # type: ignore[union-attr]
    assert tab.model.rowCount() > 0  # type: ignore[union-attr]
    _key(qtbot, window, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)  # &Status: to its combo box
    assert tab.status_filter.hasFocus()
    _key(qtbot, window, Qt.Key.Key_Down)
    assert tab.status_filter.currentIndex() == 1
    qtbot.waitUntil(lambda: "with status" in tab.count_label.text(), timeout=TIMEOUT)


def test_keyboard_only_cdr_retention_dry_run(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    _active(qtbot, window)
    tab = window.cdr_tab
    _key(qtbot, window, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    assert window.tabs.currentWidget() is tab
    qtbot.waitUntil(tab.dry_run_button.isEnabled, timeout=TIMEOUT)
    with qtbot.waitSignal(tab.dry_run_done, timeout=TIMEOUT) as done:
        _key(qtbot, window, Qt.Key.Key_Y, Qt.KeyboardModifier.AltModifier)  # Dr&y run
    assert tab.action_result.isVisible()
    assert tab.action_result.text().startswith("Dry run:")
    assert tab.action_result.text().startswith(tab.describe_plan(done.args[0]).split(" (")[0])


def test_keyboard_only_deletion_queue_carol_approves_with_arrows_and_alt_e(qtbot, bob, carol) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from minisip_console.core import deletion
    from tests.gui.test_deletion_tab import make_tab, sql_states

    filed = deletion.file_request(bob.sessions, bob.operator, 5, "configurations", ticket="SUP-4242", source="email to support")
    tab = make_tab(qtbot, carol)
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        tab.refresh()
    _active(qtbot, tab)
    _tab_to(qtbot, tab, tab.view)
    _key(qtbot, tab, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert tab.model is not None
    for _ in range(tab.model.rowCount()):
        row = tab.model.row_at(tab.view.currentIndex().row())
        if row is not None and row.id == filed.id:
            break
        _key(qtbot, tab, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: tab.selected is not None and tab.selected.id == filed.id and tab.approve_button.isEnabled(), timeout=TIMEOUT)
    with qtbot.waitSignal(tab.acted, timeout=TIMEOUT) as acted:
        _key(qtbot, tab, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)  # Approv&e
    assert acted.args[0].id == filed.id and acted.args[0].state == "approved"
    assert sql_states(bob)[filed.id] == "approved"


def test_keyboard_only_law_enforcement_alt_l_arrows_to_a_subpoena_and_alt_j_rejects_it(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from minisip_console.core import legal
    from minisip_console.ui.law_enforcement.dialogs import RejectDialog

    _active(qtbot, window)
    tab = window.legal_tab
    _key(qtbot, window, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)  # &Law enforcement
    assert window.tabs.currentWidget() is tab
    qtbot.waitUntil(lambda: tab.snapshot is not None and tab.model is not None and tab.model.rowCount() > 1, timeout=TIMEOUT)
    assert tab.snapshot is not None and tab.model is not None
    pending = next(r for r in tab.snapshot.rows if r.request.decision == "pending" and r.request.legal_process == "subpoena")
    _tab_to(qtbot, window, tab.view)
    _key(qtbot, window, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert tab.view.currentIndex().row() == 0
    for _ in range(tab.model.rowCount()):
        if tab.model.row_at(tab.view.currentIndex().row()).id == pending.id:
            break
        _key(qtbot, window, Qt.Key.Key_Down)
    # the arrows moved the selection: the request's details are read and its actions follow them
    qtbot.waitUntil(lambda: tab.selected is not None and tab.selected.id == pending.id and tab.reject_button.isEnabled(), timeout=TIMEOUT)
    assert tab.detail_title.text().startswith(f"Request {pending.id}: pending")
    assert tab.detail_facts["agency"].text().startswith(pending.agency)
    assert not tab.propose_button.isEnabled()  # a subpoena is no court order: it can only be rejected
    _key(qtbot, window, Qt.Key.Key_J, Qt.KeyboardModifier.AltModifier)  # Re&ject… (a mnemonic clicks after its animation)
    qtbot.waitUntil(lambda: isinstance(tab.dialog, RejectDialog), timeout=TIMEOUT)
    dialog = tab.dialog
    assert isinstance(dialog, RejectDialog) and dialog.request.id == pending.id  # the selected request
    _active(qtbot, dialog)
    assert dialog.reason.currentData() == "no_court_order"  # the policy's rule, proposed for a subpoena
    _key(qtbot, dialog, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)  # &Note:
    assert dialog.note.hasFocus()
    qtbot.keyClicks(QApplication.focusWidget(), "Told by letter")
    with qtbot.waitSignal(
        tab.details_loaded, timeout=TIMEOUT, check_params_cb=lambda r: r.id == pending.id and r.decision == "rejected"
    ) as loaded:
        _key(qtbot, dialog, Qt.Key.Key_J, Qt.KeyboardModifier.AltModifier)  # Re&ject request
    assert tab.dialog is None  # closed once the core recorded the rejection
    assert loaded.args[0].rejection_reason == "no_court_order" and loaded.args[0].rejection_note == "Told by letter"
    assert window.database is not None
    with window.database.sessions() as session:
        stored = legal.get_request(session, pending.id)
    assert stored.decision == "rejected" and stored.rejection_note == "Told by letter"
    assert tab.action_result.text() == f"Rejected request {pending.id}."
    assert not tab.reject_button.isEnabled()
