"""The Policy notices tab on a real demo database: the versions and their reach, the diff of 1.0
and 1.1, the significance decision and publication by the right roles, the template preview, a
campaign sent from the tab to a real SMTP server, and the site notice that makes up for a failure.

Ledger rows and messages are checked with SQL and the server's capture, not with the core's
counting. Waits on signals and conditions only, never sleeps.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import QPushButton
from sqlalchemy import text

from minisip_console.core import policy_versions as pv
from minisip_console.core.demo import POLICY_1_1_CHANGE
from minisip_console.core.operators import OPERATOR_ENV
from minisip_console.core.plumbing.connection import Database, open_database, resolve
from minisip_console.ui import theme
from minisip_console.ui.notifier import Notifier
from minisip_console.ui.policy_notices.tab import PoliciesTab
from minisip_console.ui.shared import settings_name
from tests.gui.conftest import assert_reason_shown
from tests.gui.test_grant_dialog import demo_template, open_demo  # noqa: F401 - the module-scoped demo fixture
from tests.support.smtp import HOST, Behaviour, SmtpServer

TIMEOUT = 20_000


def _as(database: Database, login: str, monkeypatch: pytest.MonkeyPatch) -> Database:
    monkeypatch.setenv(OPERATOR_ENV, login)
    return open_database(resolve(database=database.engine.url.render_as_string(hide_password=False)))


@pytest.fixture
def bob(tmp_path: Path, demo_template: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:  # noqa: F811 - the fixture
    database = open_demo(tmp_path, demo_template, "bob", monkeypatch)
    assert database.operator.role.value == "operator"
    yield database
    database.close()


@pytest.fixture
def others(bob: Database, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Database]]:
    out = {login: _as(bob, login, monkeypatch) for login in ("alice", "carol", "dave")}
    assert [out[k].operator.role.value for k in ("alice", "carol", "dave")] == ["admin", "approver", "viewer"]
    yield out
    for database in out.values():
        database.close()


def make_tab(qtbot, database: Database) -> PoliciesTab:  # type: ignore[no-untyped-def]
    notifier = Notifier()
    connect_action = QAction("Connect…")
    tab = PoliciesTab(notifier, connect_action)
    qtbot.addWidget(tab)
    notifier.setParent(tab)
    connect_action.setParent(tab)
    tab.resize(1260, 800)
    tab.show()
    qtbot.waitExposed(tab)
    with qtbot.waitSignal(tab.details_loaded, timeout=TIMEOUT):
        tab.set_database(database)
    return tab


def select(qtbot, tab: PoliciesTab, number: str) -> None:  # type: ignore[no-untyped-def]
    if tab.details is not None and tab.details.version.number == number:
        return
    with qtbot.waitSignal(tab.details_loaded, timeout=TIMEOUT, check_params_cb=lambda d: d.version.number == number):
        assert tab.select_version(number)


def reloaded(qtbot, tab: PoliciesTab, number: str):  # type: ignore[no-untyped-def]
    """Wait for the list and the details read again after an action."""
    return qtbot.waitSignal(tab.details_loaded, timeout=TIMEOUT, check_params_cb=lambda d: d.version.number == number)


def rows(tab: PoliciesTab) -> list[list[str]]:
    return [[tab.table.item(r, c).text() for c in range(tab.table.columnCount())] for r in range(tab.table.rowCount())]


def ledger(database: Database, number: str) -> dict[int, str]:
    with database.engine.connect() as conn:
        return {
            int(a): s
            for a, s in conn.execute(
                text(
                    "SELECT d.account_id, d.state FROM notice_deliveries d JOIN policy_versions v ON v.id = d.policy_version_id "
                    "WHERE v.number = :n"
                ),
                {"n": number},
            )
        }


def test_connecting_builds_the_tab_a_part_per_step_and_the_content_uses_them(qtbot, bob: Database) -> None:  # type: ignore[no-untyped-def]
    """Issue 14: connecting runs each build step on a turn of the event loop of its own (no long stall);
    the parts built first are the ones the content shows, and the tab then works as one built at once."""
    notifier = Notifier()
    connect_action = QAction("Connect…")
    tab = PoliciesTab(notifier, connect_action)
    qtbot.addWidget(tab)
    notifier.setParent(tab)
    connect_action.setParent(tab)
    steps = tab.build_steps()
    assert len(steps) == 3  # the changes, the email campaign, then the rest
    for step in steps[:-1]:
        step()
        assert not tab.built
    diff, subject = tab.diff_table, tab.subject
    steps[-1]()
    assert tab.built
    assert tab.diff_table is diff and tab.detail_tabs.widget(0).isAncestorOf(diff)
    assert tab.subject is subject and tab.detail_tabs.widget(1).isAncestorOf(subject)
    tab.resize(1260, 800)
    tab.show()
    with qtbot.waitSignal(tab.details_loaded, timeout=TIMEOUT):
        tab.set_database(bob)
    assert tab.showing_content() and tab.table.rowCount() > 0


def test_the_demo_versions_are_listed_with_significance_publication_and_reach(qtbot, bob: Database) -> None:  # type: ignore[no-untyped-def]
    tab = make_tab(qtbot, bob)
    listed = rows(tab)
    assert [r[0] for r in listed] == ["1.0", "1.1"]
    assert listed[0][3] == "Significant" and listed[0][4] != "Not published"
    assert listed[1][3] == "Undecided" and listed[1][4] == "Not published"
    # 1.0: some email failed, but the demo's site notice made up for it -> green
    assert listed[0][5].startswith("Everyone reached")
    assert tab.table.item(0, 5).foreground().color() == QColor(theme.current().good)
    assert listed[1][5] == "— (draft)"
    # the newest version is selected; the empty states are explained
    assert tab.details is not None and tab.details.version.number == "1.1"
    assert tab.diff_stack.currentWidget() is tab.diff_table


def test_the_diff_of_1_0_and_1_1_shows_exactly_the_changed_line(qtbot, bob: Database) -> None:  # type: ignore[no-untyped-def]
    tab = make_tab(qtbot, bob)
    select(qtbot, tab, "1.1")
    assert tab.against.currentData() == "1.0"
    d = tab.details.diff
    assert d is not None and (d.left, d.right) == ("1.0", "1.1")
    changed = [r for r in range(tab.diff_table.rowCount()) if tab.diff_table.item(r, 1).text() != tab.diff_table.item(r, 3).text()]
    assert len(changed) == 1
    row = changed[0]
    old, new = POLICY_1_1_CHANGE
    assert old in tab.diff_table.item(row, 1).text() and new in tab.diff_table.item(row, 3).text()
    assert tab.diff_table.item(row, 1).text().replace(old, new) == tab.diff_table.item(row, 3).text()
    assert tab.diff_table.item(row, 1).background().color() == QColor("#fff4ce")
    from PySide6.QtCore import Qt

    plain = [r for r in range(tab.diff_table.rowCount()) if r != row]
    assert all(tab.diff_table.item(r, 1).background().style() == Qt.BrushStyle.NoBrush for r in plain)
    assert tab.diff_counts.text().startswith("1 line changed · 0 added · 0 removed")


def test_decide_and_publish_as_the_right_roles(qtbot, bob: Database, others: dict[str, Database]) -> None:  # type: ignore[no-untyped-def]
    # dave, a viewer: every action disabled, and the tooltip says why
    viewer = make_tab(qtbot, others["dave"])
    for button in (viewer.new_button, viewer.decide_button, viewer.publish_button, viewer.send_button, viewer.mail_button):
        assert not button.isEnabled()
    assert "approver" in viewer.decide_button.toolTip() and "admin" in viewer.publish_button.toolTip()

    # bob, an operator, may draft but not decide
    tab = make_tab(qtbot, bob)
    assert tab.new_button.isEnabled() and not tab.decide_button.isEnabled()

    # carol decides 1.1 is significant; she cannot publish
    approver = make_tab(qtbot, others["carol"])
    select(qtbot, approver, "1.1")
    assert approver.decide_button.isEnabled() and not approver.publish_button.isEnabled()
    dialog = approver.decide()
    assert dialog is not None
    dialog.reason.setPlainText("x")  # too short: the core's sentence in the dialog
    with qtbot.waitSignal(dialog.writing.failed, timeout=TIMEOUT):
        assert dialog.submit() is not None  # refused by the core on a worker
    assert dialog.error.isVisible() and "reason" in dialog.error.text().lower()
    dialog.reason.setPlainText("New retention period for marketing statistics.")
    with reloaded(qtbot, approver, "1.1"):
        assert dialog.submit() is not None
    assert approver.details.version.significant is True
    assert rows(approver)[1][3] == "Significant"

    # alice, an admin, publishes it from her tab
    admin = make_tab(qtbot, others["alice"])
    select(qtbot, admin, "1.1")
    assert admin.publish_button.isEnabled()
    with reloaded(qtbot, admin, "1.1"):
        admin.publish_button.click()
    assert pv.get_version(bob.sessions, "1.1").published_by == "alice"
    assert rows(admin)[1][4] != "Not published"
    assert not admin.publish_button.isEnabled()
    # published and significant, nobody emailed yet: the banner is red
    assert admin.banner.isVisible() and admin.banner_label.text().startswith("Site notice required")


def test_new_version_dialog_validates_inline_and_shows_the_core_refusal(qtbot, bob: Database) -> None:  # type: ignore[no-untyped-def]
    tab = make_tab(qtbot, bob)
    dialog = tab.new_version()
    assert dialog is not None
    dialog.number.setText("1.x")
    assert dialog.number_error.isVisible()
    dialog.number.setText("1.1")  # exists already: the core refuses
    dialog.effective.setText("2031-01-01")
    with qtbot.waitSignal(dialog.writing.failed, timeout=TIMEOUT):
        assert dialog.submit() is not None  # refused by the core on a worker
    assert dialog.error.isVisible()
    dialog.number.setText("1.2")
    dialog.summary.setText("A test draft")
    with reloaded(qtbot, tab, "1.2"):
        assert dialog.submit() is not None
    assert [r[0] for r in rows(tab)] == ["1.0", "1.1", "1.2"]


def test_preview_escapes_the_owner_name_in_html_and_names_unknown_placeholders(qtbot, bob: Database) -> None:  # type: ignore[no-untyped-def]
    with bob.engine.begin() as conn:
        conn.execute(text("UPDATE accounts SET name = :n WHERE id = 3"), {"n": "Noah <b>Clark</b> & Sons"})
    tab = make_tab(qtbot, bob)
    select(qtbot, tab, "1.0")
    tab.preview_account.setText("3")
    with qtbot.waitSignal(tab.preview_shown, timeout=TIMEOUT) as shown:
        assert tab.preview() is not None
    mail = shown.args[0]
    # the preview masks the owner as the rest of the console does, and escapes what is left
    assert "N*** &lt;*** &amp;*** S***" in mail.html and "Clark" not in mail.html and "<b>" not in mail.html
    assert "N*** <*** &*** S***" in tab.preview_html.toPlainText()  # shown as typed, not as markup
    assert "N*** <*** &*** S***" in tab.preview_text.toPlainText() and "@" in mail.to and "***" in mail.to
    tab.subject.setText("News {{ nonsense }}")
    assert tab.preview() is None
    assert tab.template_error.isVisible() and "{{ nonsense }}" in tab.template_error.text()


def test_send_1_1_from_the_tab_then_a_site_notice_turns_it_green(qtbot, bob: Database, others: dict[str, Database]) -> None:  # type: ignore[no-untyped-def]
    pv.decide_significance(bob.sessions, others["carol"].operator, "1.1", True, "Owners must know about the new retention.")
    pv.publish(bob.sessions, others["alice"].operator, "1.1")
    with bob.engine.connect() as conn:
        owners = {int(i): e for i, e in conn.execute(text("SELECT id, email FROM accounts WHERE status = 'active'"))}
    rejected_id, rejected = 3, owners[3]
    tab = make_tab(qtbot, bob)
    select(qtbot, tab, "1.1")
    assert not tab.send_button.isEnabled() and "Mail server" in tab.send_button.toolTip()

    with SmtpServer(Behaviour(reject=frozenset({rejected}))) as server:
        dialog = tab.mail_server()
        assert dialog is not None
        dialog.host.setText(HOST)
        dialog.security.setCurrentIndex(dialog.security.findData("none"))
        dialog.port.setText(str(server.port))
        dialog.from_address.setText("privacy@minisipserver.example")
        assert dialog.password.echoMode() == dialog.password.EchoMode.Password
        dialog.test_to.setText("me@example.com")
        with qtbot.waitSignal(tab.test_sent, timeout=TIMEOUT):
            dialog.send_test()
        assert dialog.test_result.text().startswith("Test message accepted")
        assert server.per_recipient()["me@example.com"] == 1
        with qtbot.waitSignal(dialog.saved, timeout=TIMEOUT):  # saved on a worker (the keyring may prompt)
            assert dialog.submit() is not None
        assert tab.send_button.isEnabled()

        box = tab.send()
        assert box is not None and f"{len(owners)} account owners" in box.text()
        with qtbot.waitSignal(tab.send_finished, timeout=TIMEOUT), reloaded(qtbot, tab, "1.1"):
            tab.confirm_box.findChild(QPushButton, "policySendConfirmYes").click()
        messages = server.per_recipient()

    rows_ = ledger(bob, "1.1")
    assert set(rows_) == set(owners)
    assert rows_[rejected_id] == "failed"
    assert all(state == "sent" for a, state in rows_.items() if a != rejected_id)
    expected = {e: 1 for a, e in owners.items() if a != rejected_id} | {"me@example.com": 1}
    assert dict(messages) == expected  # each recipient exactly one message, the rejected one none
    counts = tab.details.ledger
    assert (counts["sent"], counts["failed"], counts["queued"]) == (len(owners) - 1, 1, 0)
    assert tab.ledger_label.text().startswith(f"Ledger of version 1.1: sent {len(owners) - 1} · failed 1")
    # one owner failed: the banner is red and asks for a site notice
    assert tab.banner.isVisible() and tab.banner_label.text().startswith("Site notice required")
    assert tab.banner_colour == theme.current().bad
    assert rows(tab)[1][5] == "Problem"
    assert tab.notice_button.isEnabled()

    notice = tab.site_notice()
    assert notice is not None
    notice.shown_until.setText("2000-01-01")  # before the start: the core refuses, in the dialog
    with qtbot.waitSignal(notice.writing.failed, timeout=TIMEOUT):
        assert notice.submit() is not None  # refused by the core on a worker
    assert notice.error.isVisible()
    notice.shown_until.setText("")
    with reloaded(qtbot, tab, "1.1"):
        assert notice.submit() is not None
    assert tab.banner_label.text().startswith("Site notice published") and tab.banner_colour == theme.current().good
    assert rows(tab)[1][5].startswith("Everyone reached")
    assert tab.table.item(1, 5).foreground().color() == QColor(theme.current().good)


def test_pause_and_resume_a_campaign_and_the_mail_server_is_remembered(qtbot, bob: Database, others: dict[str, Database]) -> None:  # type: ignore[no-untyped-def]
    pv.decide_significance(bob.sessions, others["carol"].operator, "1.1", True, "Owners must know about the new retention.")
    pv.publish(bob.sessions, others["alice"].operator, "1.1")
    with bob.engine.connect() as conn:
        owners = {int(i): e for i, e in conn.execute(text("SELECT id, email FROM accounts WHERE status = 'active'"))}
    assert settings_name(bob) is None  # a database opened by URL has nowhere to keep mail settings
    bob.target = dataclasses.replace(bob.target, demo=True)  # the demo keeps them under "demo"
    tab = make_tab(qtbot, bob)
    select(qtbot, tab, "1.1")
    with SmtpServer(Behaviour(hang_at=2)) as server:
        dialog = tab.mail_server()
        assert dialog is not None
        dialog.host.setText(HOST)
        dialog.security.setCurrentIndex(dialog.security.findData("none"))
        dialog.port.setText(str(server.port))
        dialog.from_address.setText("privacy@minisipserver.example")
        with qtbot.waitSignal(dialog.saved, timeout=TIMEOUT):  # saved on a worker (the keyring may prompt)
            assert dialog.submit() is not None
        assert tab.send() is not None
        tab.confirm_box.findChild(QPushButton, "policySendConfirmYes").click()
        assert tab.sending and tab.progress_frame.isVisible() and tab.pause_button.isEnabled()
        assert not tab.send_button.isEnabled()
        qtbot.waitUntil(server.hung.is_set, timeout=TIMEOUT)
        tab.pause_button.click()  # stops after the message the server holds
        with qtbot.waitSignal(tab.send_finished, timeout=TIMEOUT) as finished, reloaded(qtbot, tab, "1.1"):
            server.release()
        assert finished.args[0].stopped
        states = ledger(bob, "1.1")
        assert sorted(states.values()).count("sent") == 2 and set(states.values()) <= {"sent", "queued"}
        assert tab.send_button.text().replace("&", "") == "Resume sending…"
        assert tab.ledger_label.text().startswith("Ledger of version 1.1: sent 2 · failed 0")

        # resume: the rest, each owner exactly once
        assert tab.send() is not None
        with qtbot.waitSignal(tab.send_finished, timeout=TIMEOUT), reloaded(qtbot, tab, "1.1"):
            tab.confirm_box.findChild(QPushButton, "policySendConfirmYes").click()
        assert server.per_recipient() == {e: 1 for e in owners.values()}
    assert set(ledger(bob, "1.1").values()) == {"sent"}
    assert not tab.banner.isVisible()  # everyone heard of it by email
    assert tab.send_button.text().replace("&", "") == "Send…"

    # the settings were saved for the database's profile: a new tab finds them
    again = make_tab(qtbot, bob)
    assert again.smtp_settings is not None and again.smtp_settings.port == server.port
    assert again.mail_label.text().startswith(f"Mail server: {HOST}:{server.port}")


# --------------------------------------------------------------------------- the ledger, row by row


def test_the_deliveries_dialog_filters_masks_resolves_uncertain_and_marks_bounces(qtbot, bob: Database) -> None:  # type: ignore[no-untyped-def]
    from minisip_console.ui.policy_notices.ledger_dialog import LedgerDialog

    before = ledger(bob, "1.0")
    sent = sorted(a for a, s in before.items() if s == "sent")
    with bob.engine.begin() as conn:  # as a run killed between handing a message over and recording it leaves it
        conn.execute(
            text(
                "UPDATE notice_deliveries SET state = 'uncertain' WHERE account_id = :a AND policy_version_id = "
                "(SELECT id FROM policy_versions WHERE number = '1.0')"
            ),
            {"a": sent[0]},
        )
    tab = make_tab(qtbot, bob)
    select(qtbot, tab, "1.1")
    assert not tab.ledger_button.isEnabled()  # a draft: nothing queued
    select(qtbot, tab, "1.0")
    assert tab.ledger_button.isEnabled()
    tab.ledger_button.click()
    qtbot.waitUntil(lambda: isinstance(tab.dialog, LedgerDialog), timeout=TIMEOUT)  # the ledger is found on a worker
    dialog = tab.dialog
    assert isinstance(dialog, LedgerDialog) and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.model.ready, timeout=TIMEOUT)  # counted on a worker
    assert dialog.model.rowCount() == len(before)
    emails = [r[0] for r in bob.engine.connect().execute(text("SELECT email FROM accounts WHERE email <> ''"))]
    shown = {dialog.model.row_at(i).owner for i in range(dialog.model.rowCount())}
    assert not shown & set(emails)  # masked

    with qtbot.waitSignal(dialog.model.source_ready, timeout=TIMEOUT):
        dialog.state.setCurrentIndex(dialog.state.findData("uncertain"))
    assert dialog.model.rowCount() == 1 and dialog.model.row_at(0).account_id == sent[0]
    assert not dialog.delivered_button.isEnabled() and "Select uncertain" in dialog.delivered_button.toolTip()
    dialog.view.selectRow(0)
    assert dialog.delivered_button.isEnabled() and not dialog.bounce_button.isEnabled()
    with reloaded(qtbot, tab, "1.0"):
        dialog.delivered_button.click()
    qtbot.waitUntil(lambda: dialog.model.ready and dialog.model.rowCount() == 0, timeout=TIMEOUT)  # read again on a worker
    assert ledger(bob, "1.0")[sent[0]] == "sent"
    assert "recorded as delivered" in dialog.message.text()

    with qtbot.waitSignal(dialog.model.source_ready, timeout=TIMEOUT):
        dialog.state.setCurrentIndex(dialog.state.findData("sent"))
    dialog.view.selectRow(0)
    target = dialog.selected()[0].account_id
    assert dialog.bounce_button.isEnabled()
    with reloaded(qtbot, tab, "1.0"):
        dialog.mark_bounced([target], "552 mailbox full")
    assert ledger(bob, "1.0")[target] == "bounced"
    with reloaded(qtbot, tab, "1.0"):
        dialog.mark_bounced([target], "again")  # no longer sent: skipped, named, nothing changes
    assert "Skipped" in dialog.message.text() and ledger(bob, "1.0")[target] == "bounced"
    dialog.reject()


@pytest.mark.parametrize("who", ["alice", "bob", "carol", "dave"])
def test_every_button_shows_the_cores_answer_for_every_version_and_role(
    qtbot,
    bob: Database,
    others: dict[str, Database],  # type: ignore[no-untyped-def]
    who: str,
) -> None:
    """The buttons render ``policy_versions.refusal``: enabled exactly when the core says yes (the
    send button also waits for the mail server), the core's sentence as the reason otherwise."""
    from minisip_console.core import policy_versions

    database = bob if who == "bob" else others[who]
    tab = make_tab(qtbot, database)
    buttons = {
        "new": tab.new_button,
        "decide": tab.decide_button,
        "publish": tab.publish_button,
        "send": tab.send_button,
        "notice": tab.notice_button,
        "mail": tab.mail_button,
    }
    seen = set()
    for number in [r[0] for r in rows(tab)]:
        select(qtbot, tab, number)
        assert tab.details is not None
        version = tab.details.version
        for action, error in policy_versions.actions(version, database.operator).items():
            button = buttons[action]
            expected = error is None and not (action == "send" and tab.smtp_settings is None)
            assert button.isEnabled() == expected, (who, number, action, error)
            if error is not None:
                assert error.message in button.toolTip(), (who, number, action)
                assert_reason_shown(tab.reasons, button, error)
            seen.add(error is None)
    assert False in seen  # some action was refused, so the check compared a refusal too


def test_the_ledger_buttons_show_the_cores_answer_for_every_role(qtbot, bob: Database, others: dict[str, Database]) -> None:  # type: ignore[no-untyped-def]
    """The deliveries dialog renders ``policy_versions.refusal`` for its two actions: Import bounces
    (always selectable) is enabled exactly when the core lets the operator record bounces, with the
    core's sentence as the reason when it does not."""
    from minisip_console.core import policy_versions
    from minisip_console.ui.policy_notices.ledger_dialog import LedgerDialog

    seen = set()
    for database in (bob, *others.values()):
        dialog = LedgerDialog(database, "1.0")
        qtbot.addWidget(dialog)
        error = policy_versions.refusal("bounce", None, database.operator)
        assert dialog.import_button.isEnabled() == (error is None), database.operator.login
        if error is not None:
            assert error.message in dialog.import_button.toolTip()
            resolve = policy_versions.refusal("resolve", None, database.operator)
            assert resolve is not None and not dialog.delivered_button.isEnabled()
            assert resolve.message in dialog.delivered_button.toolTip()
        seen.add(error is None)
        dialog.reject()
    assert seen == {True, False}  # dave is refused, the others are not
