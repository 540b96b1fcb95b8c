"""The Law enforcement tab's smaller dialogs: the court-order check, proposing, rejecting, notifying,
a gag order, releasing a hold, recording a disclosure."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from minisip_console.core import limits
from minisip_console.ui import formatting
from minisip_console.ui.dialog_parts import add_row, error_label, fit, form_layout, ok_cancel, resize_to, to_date, to_qdate, today_utc
from minisip_console.ui.i18n import plural, shown, tr
from minisip_console.ui.law_enforcement.models import RegisterRow, notice_words, short_process
from minisip_console.ui.long_action import LongAction, show_failure_in

if TYPE_CHECKING:
    from typing import Any

    from PySide6.QtCore import SignalInstance

    from minisip_console.core.holds import HoldInfo
    from minisip_console.core.legal import RequestInfo
    from minisip_console.core.plumbing.connection import Database
    from minisip_console.core.plumbing.mailer import SmtpSettings
    from minisip_console.ui.workers import Worker, WorkFailure


def _category_boxes(prefix: str, checked: tuple[str, ...] = ()) -> tuple[dict[str, QCheckBox], QVBoxLayout]:
    from minisip_console.core.disclosures import CATEGORIES
    from minisip_console.core.legal import CONTENT

    boxes: dict[str, QCheckBox] = {}
    column = QVBoxLayout()
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    for code, label in CATEGORIES.items():
        box = QCheckBox(tr("{category} — content").format(category=shown(label)) if code in CONTENT else shown(label))
        box.setObjectName(f"{prefix}_{code}")
        box.setChecked(code in checked)
        boxes[code] = box
        column.addWidget(box)
    return boxes, column


# --------------------------------------------------------------------------- dialogs


class _Dialog(QDialog):
    """What the dialogs share: an intro, a form, an inline error, OK and Cancel (Esc cancels), and the
    dialog's write on a worker (``acting``: OK grey while it runs; the core's refusal shown inline,
    nothing typed lost; on success the dialog's signal carries the result and the dialog closes)."""

    def __init__(self, title: str, name: str, ok_text: str, intro: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.form = form_layout()
        self.error = error_label(f"{name}Error")
        self.buttons, self.ok_button = ok_cancel(ok_text, f"{name}Ok")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.acting = LongAction(self, name)
        self.acting.hold_buttons(self.ok_button)

    def _start(self, signal: SignalInstance, fn: Any, *args: Any, label: str, **kwargs: Any) -> Worker | None:
        """Run the core call ``fn(*args, **kwargs)`` on the dialog's action; None while it already runs."""
        self.error.hide()
        return self.acting.start(
            fn, *args, label=label, done=lambda result: self._succeeded(signal, result), failed=self._on_failed, **kwargs
        )

    def _succeeded(self, signal: SignalInstance, result: Any) -> None:
        signal.emit(result)
        self.accept()

    def _on_failed(self, failure: WorkFailure) -> None:
        show_failure_in(self.error, failure)
        fit(self)

    def _fail(self, text: str, focus: QWidget | None = None) -> None:
        self.error.setText(text)
        self.error.show()
        fit(self)
        if focus is not None:
            focus.setFocus()

    @Slot()
    def submit(self) -> Worker | None:  # pragma: no cover - overridden
        raise NotImplementedError


class OrderCheckDialog(_Dialog):
    """Record that the court order or warrant was checked (genuine, in force, covering the data)."""

    decided = Signal(object)  # RequestInfo

    def __init__(self, database: Database, request: RequestInfo, parent: QWidget | None = None) -> None:
        super().__init__(
            tr("Court order of request {id}").format(id=request.id),
            "legalCheckDialog",
            tr("Record as chec&ked"),
            tr(
                "Request {id} from {agency} ({process}). Record that you have checked the order: it is genuine, issued by a "
                "court with jurisdiction over us, in force and covers the data sought."
            ).format(id=request.id, agency=request.agency, process=short_process(request.legal_process).lower()),
            parent,
        )
        self.database, self.request = database, request
        self.reference = QLineEdit(request.court_order_ref or "")
        self.reference.setObjectName("legalCheckReference")
        self.reference.setPlaceholderText(tr("case number and court"))
        add_row(self.form, tr("Court order &reference:"), self.reference)
        resize_to(self, 600)

    @Slot()
    def submit(self) -> Worker | None:
        from minisip_console.core import legal

        if not self.reference.text().strip():
            self._fail(tr("Give the court order's reference (case number and court)."), self.reference)
            return None
        return self._start(
            self.decided,
            legal.record_court_order_check,
            self.database.sessions,
            self.database.operator,
            self.request.id,
            self.reference.text().strip(),
            label=tr("record the court order check of request {id}").format(id=self.request.id),
        )


class ProposeDialog(_Dialog):
    """Propose compliance: in full, or in part with the categories handed over."""

    decided = Signal(object)  # RequestInfo

    def __init__(self, database: Database, request: RequestInfo, parent: QWidget | None = None) -> None:
        super().__init__(
            tr("Propose compliance with request {id}").format(id=request.id),
            "legalProposeDialog",
            tr("&Propose"),
            tr(
                "Under {order}. A second operator approves; the data is then exported through the customer's own export code "
                "and recorded as disclosed."
            ).format(order=request.court_order_ref or tr("the checked order")),
            parent,
        )
        self.database, self.request = database, request
        self.full = QRadioButton(tr("&Fully: everything the order covers"))
        self.full.setObjectName("legalProposeFull")
        self.partial = QRadioButton(tr("P&artly: only the data ticked below"))
        self.partial.setObjectName("legalProposePartial")
        self.full.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.full)
        group.addButton(self.partial)
        scope = QVBoxLayout()
        scope.addWidget(self.full)
        scope.addWidget(self.partial)
        self.categories, categories = _category_boxes("legalProposeCategory", request.data_sought)
        self.note = QLineEdit()
        self.note.setObjectName("legalProposeNote")
        self.note.setPlaceholderText(tr("why in part, what the order covers (optional)"))
        self.form.addRow(QLabel(tr("Scope:")), scope)
        self.form.addRow(QLabel(tr("Data handed over:")), categories)
        add_row(self.form, tr("&Note:"), self.note)
        self.full.toggled.connect(self._sync)
        self._sync()
        resize_to(self, 620)

    @Slot()
    def _sync(self) -> None:
        for code, box in self.categories.items():
            box.setEnabled(self.partial.isChecked() and code in self.request.data_sought)  # only what was sought
            if self.full.isChecked() or code not in self.request.data_sought:
                box.setChecked(code in self.request.data_sought)

    @Slot()
    def submit(self) -> Worker | None:
        from minisip_console.core import legal

        scope = "full" if self.full.isChecked() else "partial"
        categories = [code for code, box in self.categories.items() if box.isChecked()]
        if not categories:
            self._fail(tr("Tick at least one kind of data to hand over, or reject the request."))
            return None
        return self._start(
            self.decided,
            legal.propose_compliance,
            self.database.sessions,
            self.database.operator,
            self.request.id,
            scope,
            categories,
            self.note.text().strip(),
            label=tr("propose compliance with request {id}").format(id=self.request.id),
        )


class RejectDialog(_Dialog):
    decided = Signal(object)  # RequestInfo

    def __init__(self, database: Database, request: RequestInfo, parent: QWidget | None = None) -> None:
        from minisip_console.core.legal import COMPLIABLE, REJECTION_REASONS

        super().__init__(
            tr("Reject request {id}").format(id=request.id),
            "legalRejectDialog",
            tr("Re&ject request"),
            tr(
                "Request {id} from {agency} ({process}). The customers named are still told that the request was made, "
                "unless a gag order stands."
            ).format(id=request.id, agency=request.agency, process=short_process(request.legal_process).lower()),
            parent,
        )
        self.database, self.request = database, request
        self.reason = QComboBox()
        self.reason.setObjectName("legalRejectReason")
        for code, label in REJECTION_REASONS.items():
            self.reason.addItem(shown(label), code)
        if request.legal_process not in COMPLIABLE:
            self.reason.setCurrentIndex(max(self.reason.findData("no_court_order"), 0))
        self.note = QPlainTextEdit()
        self.note.setObjectName("legalRejectNote")
        self.note.setTabChangesFocus(True)
        self.note.setPlaceholderText(tr("What the agency is told (required for another reason)"))
        self.note.setFixedHeight(self.note.fontMetrics().height() * 4 + 12)
        add_row(self.form, tr("&Reason:"), self.reason)
        add_row(self.form, tr("&Note:"), self.note)
        resize_to(self, 600)

    @Slot()
    def submit(self) -> Worker | None:
        from minisip_console.core import legal

        code, note = self.reason.currentData(), self.note.toPlainText().strip()
        if code == "other" and not note:
            self._fail(tr("A rejection for another reason needs a note explaining it."), self.note)
            return None
        return self._start(
            self.decided,
            legal.reject,
            self.database.sessions,
            self.database.operator,
            self.request.id,
            code,
            note,
            label=tr("reject request {id}").format(id=self.request.id),
        )


class NotifyDialog(_Dialog):
    """Tell the customers whose notice is due: by email through the saved mail server, or record
    that they were told by hand (the channel and the date)."""

    notified = Signal(object)  # tuple[AccountNotice, ...]
    email_requested = Signal(object)  # tuple[int, ...] | None

    def __init__(self, database: Database, request: RequestInfo, settings: SmtpSettings | None, parent: QWidget | None = None) -> None:
        from minisip_console.core.legal import NOTICE_CHANNELS

        due = [a for a in request.accounts if a.state in ("due", "overdue")]
        super().__init__(
            tr("Tell the customers of request {id}").format(id=request.id),
            "legalNotifyDialog",
            tr("&Record notice"),
            tr("Request {id} from {agency}: the owners of {accounts} must be told that the request was made.").format(
                id=request.id, agency=request.agency, accounts=plural(len(due), tr("{count:,} account"), tr("{count:,} accounts"))
            ),
            parent,
        )
        self.database, self.request, self.settings = database, request, settings
        self.accounts = QListWidget()
        self.accounts.setObjectName("legalNotifyAccounts")
        self.accounts.setAccessibleName(tr("Accounts to tell"))
        self.accounts.setAccessibleDescription(tr("One item per account whose owner is due a notice of the request: check those to tell"))
        for a in due:
            words = notice_words(a.state).lower()
            item = QListWidgetItem(
                tr("Account {id}: {state} since {date}").format(id=a.account_id, state=words, date=formatting.date(a.due_on))
                if a.due_on
                else tr("Account {id}: {state}").format(id=a.account_id, state=words)
            )
            item.setData(QtCore.Qt.ItemDataRole.UserRole, a.account_id)
            item.setFlags(item.flags() | QtCore.Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(QtCore.Qt.CheckState.Checked)
            self.accounts.addItem(item)
        self.accounts.setFixedHeight(self.accounts.fontMetrics().height() * min(max(len(due), 2), 6) + 16)
        self.by_email = QRadioButton(
            tr("By &email through {server}").format(server=settings.describe())
            if settings
            else tr("By email (no mail server is saved: see Policy notices)")
        )
        self.by_email.setObjectName("legalNotifyEmail")
        self.by_email.setEnabled(settings is not None)
        self.by_hand = QRadioButton(tr("Told by &hand:"))
        self.by_hand.setObjectName("legalNotifyHand")
        (self.by_email if settings is not None else self.by_hand).setChecked(True)
        self.channel = QComboBox()
        self.channel.setObjectName("legalNotifyChannel")
        self.channel.setAccessibleName(tr("Channel"))
        for code, label in NOTICE_CHANNELS.items():
            self.channel.addItem(shown(label), code)
        self.on_date = QDateEdit(to_qdate(today_utc()))
        self.on_date.setObjectName("legalNotifyDate")
        self.on_date.setAccessibleName(tr("Told on date"))
        self.on_date.setCalendarPopup(True)
        self.on_date.setDisplayFormat("yyyy-MM-dd")
        self.on_date.setMaximumDate(to_qdate(today_utc()))
        hand = QHBoxLayout()
        hand.setContentsMargins(0, 0, 0, 0)
        hand.addWidget(self.by_hand)
        hand.addWidget(self.channel)
        hand.addWidget(QLabel(tr("on", "told on a date")))
        hand.addWidget(self.on_date)
        hand.addStretch(1)
        how = QVBoxLayout()
        how.addWidget(self.by_email)
        how.addLayout(hand)
        self.form.addRow(QLabel(tr("Accounts:")), self.accounts)
        self.form.addRow(QLabel(tr("How:")), how)
        self.by_email.toggled.connect(self._sync)
        self._sync()
        resize_to(self, 620)

    @Slot()
    def _sync(self) -> None:
        email = self.by_email.isChecked()
        self.channel.setEnabled(not email)
        self.on_date.setEnabled(not email)
        self.ok_button.setText(tr("S&end email") if email else tr("&Record notice"))

    def account_ids(self) -> tuple[int, ...]:
        return tuple(
            int(self.accounts.item(i).data(QtCore.Qt.ItemDataRole.UserRole))
            for i in range(self.accounts.count())
            if self.accounts.item(i).checkState() == QtCore.Qt.CheckState.Checked
        )

    @Slot()
    def submit(self) -> Worker | None:
        """By hand: record the notice on a worker. By email: ``email_requested`` and the dialog closes (the tab sends
        on its own worker, so the sending outlives the dialog)."""
        from minisip_console.core import legal

        ids = self.account_ids()
        if not ids:
            self._fail(tr("Tick at least one account to tell."), self.accounts)
            return None
        if self.by_email.isChecked():
            self.email_requested.emit(ids)
            self.accept()
            return None
        return self._start(
            self.notified,
            legal.notify,
            self.database.sessions,
            self.database.operator,
            self.request.id,
            by_hand=(self.channel.currentData(), to_date(self.on_date.date())),
            account_ids=ids,
            label=tr("record the notice of request {id}").format(id=self.request.id),
        )


class GagDialog(_Dialog):
    decided = Signal(object)  # RequestInfo

    def __init__(self, database: Database, request: RequestInfo, parent: QWidget | None = None) -> None:
        super().__init__(
            tr("Gag order of request {id}").format(id=request.id),
            "legalGagDialog",
            tr("&Record gag order"),
            tr(
                "A nondisclosure (gag) order holds the customers' notice back until it ends; the notice then falls due. A gag "
                "order without an end date is listed for review every 90 days."
            ),
            parent,
        )
        self.database, self.request = database, request
        start = request.gag_until or (today_utc() + dt.timedelta(days=90))
        self.until = QDateEdit(to_qdate(start))
        self.until.setObjectName("legalGagUntil")
        self.until.setCalendarPopup(True)
        self.until.setDisplayFormat("yyyy-MM-dd")
        self.open_ended = QCheckBox(tr("No &end date"))
        self.open_ended.setObjectName("legalGagOpen")
        self.open_ended.setChecked(request.gag_order and request.gag_until is None)
        self.open_ended.toggled.connect(self.until.setDisabled)
        self.until.setDisabled(self.open_ended.isChecked())
        row = QHBoxLayout()
        row.addWidget(self.until)
        row.addWidget(self.open_ended)
        row.addStretch(1)
        label = QLabel(tr("Gag order &until:"))
        label.setBuddy(self.until)
        self.form.addRow(label, row)
        resize_to(self, 560)

    @Slot()
    def submit(self) -> Worker | None:
        from minisip_console.core import legal

        until = None if self.open_ended.isChecked() else to_date(self.until.date())
        return self._start(
            self.decided,
            legal.record_gag,
            self.database.sessions,
            self.database.operator,
            self.request.id,
            until,
            label=tr("record the gag order of request {id}").format(id=self.request.id),
        )


class ReleaseHoldDialog(_Dialog):
    released = Signal(object)  # HoldInfo

    def __init__(self, database: Database, hold: HoldInfo, parent: QWidget | None = None) -> None:
        ends = (
            tr("it ends on its own on {time}").format(time=formatting.timestamp(hold.expires_at))
            if hold.expires_at
            else tr("it has no end date")
        )
        super().__init__(
            tr("Release legal hold {id}").format(id=hold.id),
            "legalReleaseDialog",
            tr("Re&lease hold"),
            tr(
                "Hold {id} keeps the data of account {account} ({reason}); {ends}. Once released, the deletion queue and CDR "
                "purges treat the account like any other."
            ).format(id=hold.id, account=hold.account_id, reason=shown(hold.reason), ends=ends),
            parent,
        )
        self.database, self.hold = database, hold
        self.reason = QLineEdit()
        self.reason.setObjectName("legalReleaseReason")
        self.reason.setPlaceholderText(tr("why the data need no longer be kept"))
        self.reason.setMaxLength(300)
        add_row(self.form, tr("&Reason:"), self.reason)
        resize_to(self, 600)

    @Slot()
    def submit(self) -> Worker | None:
        from minisip_console.core import holds

        if not self.reason.text().strip():
            self._fail(tr("Releasing a legal hold needs a reason."), self.reason)
            return None
        return self._start(
            self.released,
            holds.release_hold,
            self.database.sessions,
            self.database.operator,
            self.hold.id,
            self.reason.text(),
            label=tr("release legal hold {id}").format(id=self.hold.id),
        )


class DisclosureDialog(_Dialog):
    """Any sharing of customer data: the account, the recipient, the legal basis (required), the
    evidence, the categories, and the register's request where there is one."""

    recorded = Signal(object)  # DisclosureInfo

    def __init__(self, database: Database, requests: tuple[RegisterRow, ...], parent: QWidget | None = None) -> None:
        from minisip_console.core.disclosures import DISCLOSURE_BASES

        super().__init__(
            tr("Record a disclosure"),
            "legalDisclosureDialog",
            tr("Rec&ord disclosure"),
            tr(
                "The policy allows sharing only with the customer's permission, as required by law, for an acquisition, or "
                "with a service provider working for us. A disclosure without a legal basis and its evidence is refused."
            ),
            parent,
        )
        self.database = database
        self.account = QLineEdit()
        self.account.setObjectName("legalDisclosureAccount")
        self.account.setPlaceholderText(tr("e.g. 42"))
        self.recipient = QLineEdit()
        self.recipient.setObjectName("legalDisclosureRecipient")
        self.recipient.setPlaceholderText(tr("who received the data"))
        self.basis = QComboBox()
        self.basis.setObjectName("legalDisclosureBasis")
        self.basis.addItem(tr("Choose the legal basis…"), None)
        for code, label in DISCLOSURE_BASES.items():
            self.basis.addItem(shown(label), code)
        self.evidence = QLineEdit()
        self.evidence.setObjectName("legalDisclosureEvidence")
        self.evidence.setPlaceholderText(tr("a ticket, a signed form, a court order"))
        self.categories, categories = _category_boxes("legalDisclosureCategory")
        self.data_shared = QLineEdit()
        self.data_shared.setObjectName("legalDisclosureShared")
        self.data_shared.setPlaceholderText(tr("what exactly was shared (optional)"))
        self.request = QComboBox()
        self.request.setObjectName("legalDisclosureRequest")
        self.request.addItem(tr("None", "no request"), None)
        for r in requests:
            self.request.addItem(
                tr("Request {id}: {agency} ({reference})").format(id=r.id, agency=r.agency, reference=r.request.reference or "—"), r.id
            )
        self.disclosed_on = QDateEdit(to_qdate(today_utc()))
        self.disclosed_on.setObjectName("legalDisclosureDate")
        self.disclosed_on.setCalendarPopup(True)
        self.disclosed_on.setDisplayFormat("yyyy-MM-dd")
        self.disclosed_on.setMaximumDate(to_qdate(today_utc()))
        for text, widget in (
            (tr("&Account:"), self.account),
            (tr("Re&cipient:"), self.recipient),
            (tr("Legal &basis:"), self.basis),
            (tr("&Evidence:"), self.evidence),
        ):
            add_row(self.form, text, widget)
        self.form.addRow(QLabel(tr("Data:")), categories)
        for text, widget in (
            (tr("&What was shared:"), self.data_shared),
            (tr("Re&quest:"), self.request),
            (tr("Disclosed o&n:"), self.disclosed_on),
        ):
            add_row(self.form, text, widget)
        resize_to(self, 640)

    @Slot()
    def submit(self) -> Worker | None:
        from minisip_console.core import legal

        account_id, problem = limits.id_problem(self.account.text())
        if account_id is None:
            self._fail(shown(problem or ""), self.account)
            return None
        if not self.recipient.text().strip():
            self._fail(tr("Name the recipient."), self.recipient)
            return None
        if self.basis.currentData() is None:
            self._fail(tr("A disclosure needs a legal basis: choose one."), self.basis)
            return None
        if not self.evidence.text().strip():
            self._fail(tr("A disclosure needs its evidence (a ticket, a signed form, a court order)."), self.evidence)
            return None
        categories = [code for code, box in self.categories.items() if box.isChecked()]
        if not categories:
            self._fail(tr("Tick the data that was shared (at least one kind)."))
            return None
        day = to_date(self.disclosed_on.date())
        now = dt.datetime.now(dt.UTC)
        when = now if day == now.date() else dt.datetime.combine(day, dt.time(12, 0), tzinfo=dt.UTC)
        return self._start(
            self.recorded,
            legal.record_disclosure,
            self.database.sessions,
            self.database.operator,
            account_id=account_id,
            recipient=self.recipient.text().strip(),
            legal_basis=self.basis.currentData(),
            evidence=self.evidence.text().strip(),
            categories=categories,
            data_shared=self.data_shared.text().strip(),
            request_id=self.request.currentData(),
            disclosed_at=when,
            label=tr("record a disclosure"),
        )
