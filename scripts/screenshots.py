"""Take the documentation screenshots of the window on a fresh demo database.

    QT_QPA_PLATFORM=offscreen python scripts/screenshots.py [--theme light|dark] [--language en|zh_CN] [--out FOLDER]

``--language zh_CN`` draws it in Simplified Chinese into ``docs/screenshots/zh_CN/`` (the
fonts-noto-cjk package gives Linux the glyphs). ``--theme dark`` draws the window in the dark theme (``ui/theme.py``, as on a Windows or macOS
desktop that runs dark) into ``docs/screenshots/dark/`` unless ``--out`` says otherwise.

Everything runs in a temporary configuration folder (``MINISIP_CONSOLE_CONFIG_DIR``), so the
user's profiles, keyring and demo database are never touched. The demo is created through the
window's own path (``--demo``: core.demo.create_demo on first use), the window is 1280x800, and
one PNG is written per tab (``main-window.png`` is the Overview, ``accounts.png`` the Accounts tab), plus the CDR retention tab's
dry run, CDR browser, receipts and policy dialog, a saved retention target (an Asterisk ``master.db``
added as an admin adds one: its row and figures, the policy dialog's saved targets, the Add target
dialog), the Policy notices tab (versions and the diff; a
campaign preview), the Deletion queue with the completed demo
request's details and the New request dialog (an invalid ticket), the Law enforcement tab (the
register with a request's details, what was disclosed, the holds, the disclosures and the intake
dialog), the connect dialog,
the not-connected state, the first start's connect dialog (Open the demo), presenter mode, a connection error, the verified Audit log tab, the Operators tab, the grant dialog
(valid and invalid ticket), an account's details (profile, files, audit history), a file's
preview and the running
grant in the status bar.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TIMEOUT_MS = 180_000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=None, help="where the PNGs go (default docs/screenshots, /dark for --theme dark)")
    parser.add_argument("--theme", choices=("light", "dark"), default="light", help="the theme to draw the window in")
    parser.add_argument(
        "--language", choices=("en", "zh_CN"), default="en", help="the window's language (zh_CN: into docs/screenshots/zh_CN)"
    )
    args = parser.parse_args(argv)
    folder = "dark" if args.theme == "dark" else ""
    if args.language != "en":
        folder = args.language if not folder else f"{args.language}/{folder}"
    out: Path = args.out or (REPO / "docs" / "screenshots" / folder)
    os.environ["MINISIP_CONSOLE_THEME"] = args.theme
    os.environ["MINISIP_CONSOLE_LANGUAGE"] = args.language  # ui/i18n.py: before the application exists
    out.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory(prefix="minisip-screenshots-") as tmp:
        os.environ["MINISIP_CONSOLE_CONFIG_DIR"] = tmp
        os.environ.setdefault("MINISIP_CONSOLE_OPERATOR", "alice")  # an admin of the demo
        return _shoot(out, Path(tmp))


def _asterisk_store(path: Path, *, accounts: int) -> None:
    """Asterisk's ``cdr_sqlite3_custom`` store (``master.db``): a ``cdr`` table with ``calldate``
    (indexed; times as SQLAlchemy writes them on SQLite) and ``accountcode`` (``acct{id}``), three calls
    a day per account over 45 days."""
    import datetime as dt
    import sqlite3

    now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    conn = sqlite3.connect(path)
    try:
        conn.execute(
            "CREATE TABLE cdr (calldate DATETIME NOT NULL, clid TEXT, src TEXT, dst TEXT, dcontext TEXT, channel TEXT, "
            "duration INTEGER, billsec INTEGER, disposition TEXT, accountcode TEXT, uniqueid TEXT)"
        )
        conn.execute("CREATE INDEX cdr_calldate ON cdr (calldate)")
        rows = []
        for day in range(45):
            for account in range(1, accounts + 1):
                for k in range(3):
                    when = now - dt.timedelta(days=day, hours=3 * k + account % 3, minutes=7 * account)
                    src, dst = f"1555{account:03d}{k:03d}", f"{200 + k}"
                    rows.append(
                        (
                            when.strftime("%Y-%m-%d %H:%M:%S.000000"),
                            f'"Ext {src}" <{src}>',
                            src,
                            dst,
                            "from-internal",
                            f"PJSIP/{src}-{day:04x}{k}",
                            30 + 17 * k,
                            25 + 17 * k,
                            "ANSWERED",
                            f"acct{account}",
                            f"{int(when.timestamp())}.{account}{k}",
                        )
                    )
        with conn:
            conn.executemany("INSERT INTO cdr VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    finally:
        conn.close()


def _shoot(out: Path, tmp: Path) -> int:
    import logging

    from PySide6.QtCore import QEventLoop, QObject, QTimer, Signal, Slot
    from PySide6.QtWidgets import QWidget

    from minisip_console.core.plumbing import logs
    from minisip_console.ui.app import WINDOW_SIZE, create_application
    from minisip_console.ui.connecting import ConnectRequest
    from minisip_console.ui.main_window import MainWindow

    logging.getLogger().addHandler(logs.recent)  # keep the window's log lines off the terminal
    app = create_application()
    window = MainWindow()
    window.resize(*WINDOW_SIZE)
    window.show()
    written: list[Path] = []

    class Waiter(QObject):
        """Runs the event loop until a signal arrives (or fails after a timeout)."""

        def __init__(self) -> None:
            super().__init__()
            self.loop = QEventLoop()
            self.fired = False

        @Slot()
        @Slot(object)
        @Slot(str)
        def fire(self, *_args: object) -> None:
            self.fired = True
            self.loop.quit()

        def wait(self, signal: Signal, start: Callable[[], object] | None = None, what: str = "") -> None:
            self.fired = False
            signal.connect(self.fire)
            timer = QTimer()
            timer.setSingleShot(True)
            timer.timeout.connect(self.loop.quit)
            timer.start(TIMEOUT_MS)
            if start is not None:
                start()
            if not self.fired:
                self.loop.exec()
            timer.stop()
            signal.disconnect(self.fire)
            if not self.fired:
                raise SystemExit(f"timed out waiting for {what}")

    waiter = Waiter()

    def settle() -> None:
        for _ in range(5):
            app.processEvents()

    def save(widget: QWidget, name: str) -> None:
        settle()
        path = out / name
        if not widget.grab().save(str(path)):
            raise SystemExit(f"could not write {path}")
        written.append(path)

    waiter.wait(window.first_shown, what="the window")
    save(window, "not-connected.png")

    # the first start: no profile saved, the connect dialog offers the demo
    first_run = window.open_connect_dialog()
    first_run.resize(720, first_run.sizeHint().height())
    save(first_run, "connect-dialog-first-run.png")
    first_run.reject()

    # a connection error, as the operator sees it
    missing = tmp / "nothing-here.db"
    waiter.wait(window.connect_failed, lambda: window.start_connect(ConnectRequest(database=f"sqlite:///{missing}")), "the error")
    save(window, "connection-error.png")

    # the demo, created through the window's own --demo path
    waiter.wait(window.overview_loaded, lambda: window.start_connect(ConnectRequest(demo=True)), "the demo")
    if window.accounts_tab.model is not None and window.accounts_tab.model.rowCount():
        window.tabs.setCurrentWidget(window.accounts_tab)
    window.statusBar().clearMessage()
    if window.cdr_tab.snapshot is None:  # the CDR tab reads its figures, chart and CDRs on its own worker
        waiter.wait(window.cdr_tab.loaded, None, "the CDR figures")
    if window.overview_tab.result is None:  # the promise checks run on their own worker
        waiter.wait(window.overview_tab.loaded, None, "the promise checks")
    for tab, name in (
        (window.overview_tab, "main-window.png"),
        (window.accounts_tab, "accounts.png"),
        (window.cdr_tab, "cdr-retention.png"),
    ):
        window.tabs.setCurrentWidget(tab)
        save(window, name)

    # presenter mode (issue 15): no login, path or host, larger text, the Demo data badge
    window.tabs.setCurrentIndex(0)
    window.set_presenter(True)
    save(window, "presenter.png")
    window.set_presenter(False)

    # the CDR retention tab: a dry run, the CDR browser, the receipts, the retention policies
    cdr = window.cdr_tab
    window.tabs.setCurrentWidget(cdr)
    waiter.wait(cdr.dry_run_done, cdr.dry_run, "the dry run")
    save(window, "cdr-retention-dry-run.png")
    cdr.pages.setCurrentIndex(1)
    save(window, "cdr-retention-browse.png")
    cdr.pages.setCurrentIndex(2)
    save(window, "cdr-retention-receipts.png")
    cdr.pages.setCurrentIndex(0)
    policies = cdr.open_policies()
    assert policies is not None
    save(policies, "cdr-retention-policies.png")
    policies.reject()
    window.statusBar().clearMessage()

    # a second CDR store, added as an admin adds it (issue 17): Asterisk's cdr_sqlite3_custom master.db
    # with 45 days of calls that nothing has purged yet; its row, its figures, the policy dialog's
    # saved targets and the Add target dialog with the Asterisk fields filled in
    from minisip_console.core import targets

    assert window.database is not None
    pbx = tmp / "master.db"
    _asterisk_store(pbx, accounts=10)
    spec = targets.validate("pbx-master", f"sqlite:///{pbx}", "cdr", "calldate", account_column="accountcode", account_format="acct{id}")
    targets.add(window.database.sessions, window.database.operator, spec)
    waiter.wait(cdr.loaded, cdr.refresh, "the CDR figures with the saved target")
    waiter.wait(cdr.loaded, lambda: cdr.show_target("pbx-master"), "the saved target's figures")
    save(window, "cdr-retention-target.png")
    policies = cdr.open_policies()
    assert policies is not None
    if not policies.targets.targets:
        waiter.wait(policies.targets.loaded, None, "the saved targets")
    save(policies, "cdr-retention-targets.png")
    adding = policies.targets.open_add()
    assert adding is not None
    adding.name.setText("asterisk-cdr")
    adding.url.setText("mariadb://cdr_reader@pbx-db.example.com:3306/asteriskcdrdb")
    adding.fill_asterisk()
    save(adding, "cdr-retention-add-target.png")
    adding.reject()
    policies.reject()
    waiter.wait(cdr.loaded, lambda: cdr.show_category("cdr"), "the CDR figures")
    window.statusBar().clearMessage()

    # the Deletion queue: the queue, then the completed demo request's details (verification, certificate, timeline)
    deletions = window.deletions_tab
    window.tabs.setCurrentWidget(deletions)
    if deletions.snapshot is None:
        waiter.wait(deletions.loaded, None, "the deletion queue")
    first = deletions.model.row_at(0) if deletions.model is not None else None
    if first is not None and (deletions.details is None or deletions.details.request.id != first.id):
        waiter.wait(deletions.details_loaded, None, "the first request's details")
    window.statusBar().clearMessage()
    save(window, "deletion-queue.png")
    completed = next(r for r in deletions.snapshot.rows if r.state == "completed") if deletions.snapshot else None
    if completed is not None:
        waiter.wait(deletions.details_loaded, lambda: deletions.select_request(completed.id), "the completed request's details")
        save(window, "deletion-queue-completed.png")
    new_request = deletions.new_request()
    if new_request is not None:
        new_request.account.setText("5")
        new_request.ticket.setText("x")
        save(new_request, "deletion-new-request.png")
        new_request.reject()
    window.statusBar().clearMessage()

    # the Policy notices tab: the versions with their reach, the diff of 1.1 against 1.0, a campaign preview
    policies = window.policies_tab
    window.tabs.setCurrentWidget(policies)
    if policies.details is None:
        waiter.wait(policies.details_loaded, None, "the policy versions")
    policies.detail_tabs.setCurrentIndex(0)
    save(window, "policy-notices.png")
    waiter.wait(policies.details_loaded, lambda: policies.select_version("1.0"), "version 1.0")
    policies.preview_account.setText("2")
    waiter.wait(policies.preview_shown, policies.preview, "the campaign preview")  # rendered on a worker
    save(window, "policy-notices-campaign.png")
    # the Deliveries dialog: every owner's delivery, the failed ones first (its ledger is found on a worker)
    waiter.wait(policies.opening_ledger.finished, policies.open_ledger, "the deliveries")
    ledger = policies.dialog
    if ledger is not None:
        ledger.state.setCurrentIndex(ledger.state.findData("failed"))
        ledger.view.selectRow(0)
        settle()
        save(ledger, "policy-notices-deliveries.png")
        ledger.reject()
    window.statusBar().clearMessage()

    # the Law enforcement tab: the verdict, the register with the complied demo request's details, the holds,
    # the disclosures and the intake dialog
    legal = window.legal_tab
    window.tabs.setCurrentWidget(legal)
    if legal.snapshot is None:
        waiter.wait(legal.loaded, None, "the law-enforcement register")
    rows = legal.snapshot.rows if legal.snapshot is not None else ()
    chosen = next((r for r in rows if r.request.decision == "complied"), rows[0] if rows else None)
    if chosen is not None and (legal.details is None or legal.details.id != chosen.id):
        waiter.wait(legal.details_loaded, lambda: legal.select_request(chosen.id), "the request's details")
    window.statusBar().clearMessage()
    save(window, "law-enforcement.png")
    if legal.details is not None and legal.details.disclosures:
        legal.detail_tabs.setCurrentIndex(3)
        save(window, "law-enforcement-disclosed.png")
        legal.detail_tabs.setCurrentIndex(0)
    legal.pages.setCurrentIndex(1)
    save(window, "law-enforcement-holds.png")
    legal.pages.setCurrentIndex(2)
    legal.disclosures_view.selectRow(0)
    save(window, "law-enforcement-disclosures.png")
    legal.pages.setCurrentIndex(0)
    intake = legal.record_request()
    if intake is not None:
        intake.accounts.setText("5, x")
        intake.agency.setText("Springfield Police Department")
        intake.process.setCurrentIndex(intake.process.findData("subpoena"))
        save(intake, "law-enforcement-intake.png")
        intake.reject()
    window.statusBar().clearMessage()

    # issue 3: the Audit log tab (verified), the grant dialog, an account's details, the grant in the status bar
    assert window.audit_tab is not None and window.database is not None
    window.tabs.setCurrentWidget(window.audit_tab)
    waiter.wait(window.audit_tab.verified, window.audit_tab.verify, "the audit verification")
    save(window, "audit-log.png")

    # the Operators tab, as an admin sees it
    operators = window.operators_tab
    assert operators is not None
    window.tabs.setCurrentWidget(operators)
    if operators.snapshot is None:
        waiter.wait(operators.loaded, None, "the operators")
    operators.select_operator("bob")
    window.statusBar().clearMessage()
    save(window, "operators.png")

    from minisip_console.core.models import Role

    if window.database.operator.role == Role.VIEWER:
        raise SystemExit("the screenshots need an operator who may obtain grants")
    from minisip_console.core.access import active_grant

    window.tabs.setCurrentWidget(window.accounts_tab)
    account_id = next(i for i in range(2, 50) if active_grant(window.database.sessions, window.database.operator, i) is None)
    dialog = window.ask_grant(account_id)  # no grant runs (checked above): the dialog at once
    from minisip_console.ui.accounts.grant_dialog import GrantDialog

    assert isinstance(dialog, GrantDialog)
    dialog.ticket.setText("SUP-1234")
    dialog.adjustSize()
    save(dialog, "grant-dialog.png")
    dialog.ticket.setText("x")
    save(dialog, "grant-dialog-invalid.png")
    dialog.ticket.setText("SUP-1234")
    assert window.grants_status is not None
    waiter.wait(window.grants_status.changed, dialog.request_grant, "the grant")
    details = window.details_windows[account_id]
    if details.details is None:
        waiter.wait(details.loaded, None, "the account's details")
    details.resize(1100, 700)
    save(details, "account-details.png")
    details.sections.setCurrentIndex(details.sections.count() - 1)
    save(details, "account-details-history.png")
    if details.details is not None and details.details.files:
        opened = details.details.files[-1]
        details.sections.setCurrentIndex(2)
        details.files_table.selectRow(len(details.details.files) - 1)
        save(details, "account-details-files.png")
        waiter.wait(details.file_opened, lambda: details.open_file_with(opened.id, "REQ-5678"), "the file preview")
        assert details.preview is not None
        save(details.preview, "file-preview.png")
        details.preview.close()
    details.close()
    window.statusBar().clearMessage()
    save(window, "access-status-bar.png")

    # the connect dialog with two saved profiles (no passwords: nothing reaches a keyring)
    from minisip_console.core.plumbing.connection import demo_path
    from minisip_console.core.plumbing.profiles import Profile, ProfileStore

    store = ProfileStore()
    store.add(
        Profile(
            name="production",
            driver="postgresql",
            host="db.minisip.example",
            port=5432,
            database="minisip",
            user="console",
            tls_mode="verify-full",
        )
    )
    store.add(Profile(name="demo-copy", driver="sqlite", database=str(demo_path()), tls_mode=""))
    store.set_last("production")
    dialog = window.open_connect_dialog()
    dialog.resize(720, dialog.sizeHint().height())
    save(dialog, "connect-dialog.png")
    dialog.reject()

    window.close()
    settle()
    for path in written:
        print(path.relative_to(REPO) if path.is_relative_to(REPO) else path)
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
