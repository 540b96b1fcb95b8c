"""The retention tab's dialogs: the retention policy of a data category, with each category's verdict."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QDate, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from minisip_console.ui import formatting, theme
from minisip_console.ui.cdr_retention.target_dialog import TargetsBox
from minisip_console.ui.dialog_parts import to_date
from minisip_console.ui.i18n import shown, tr
from minisip_console.ui.long_action import LongAction, show_failure_in
from minisip_console.ui.tabs import error_text

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from minisip_console.core.plumbing.connection import Database
    from minisip_console.core.retention import CategoryStatus, PolicyInfo
    from minisip_console.ui.workers import Worker


def partition_words() -> dict[str, str]:
    """How a target's partitions are purged (``retention.PARTITION_MODES``), in words."""
    return {"drop": tr("drop", "partitions"), "detach": tr("detach", "partitions")}


class PolicyDialog(QDialog):
    """Every category's retention, and an editor for one (admins only; others read).

    The Check column is each category's verdict (``retention.CategoryStatus``, as the tab read it)
    with its first reason: a policy whose target is fine can still be broken or at risk."""

    saved = Signal(object)  # retention.PolicyInfo
    targets_changed = Signal()  # a saved target was added or removed: the tab reads its figures again

    @staticmethod
    def headers() -> tuple[str, ...]:
        return (tr("Category"), tr("Days"), tr("Purged every"), tr("Review by"), tr("Target"), tr("Partitions"), tr("Check"))

    def __init__(
        self,
        database: Database,
        policies: tuple[PolicyInfo, ...],
        parent: QWidget | None = None,
        *,
        statuses: tuple[CategoryStatus, ...] = (),
    ) -> None:
        from minisip_console.core.retention import PARTITION_MODES

        super().__init__(parent)
        self.setObjectName("cdrPolicyDialog")
        self.setWindowTitle(tr("Retention policies"))
        self.database = database
        self.policies: tuple[PolicyInfo, ...] = ()
        from minisip_console.core.retention import refusal

        #: the core's answer for saving a policy (None: this operator may)
        self.refused = refusal("set_policy", database.operator)
        self.admin = self.refused is None

        headers = self.headers()
        self.table = QTableWidget(0, len(headers))
        self.table.setObjectName("policyTable")
        self.table.setAccessibleName(tr("Retention policies"))
        self.table.setAccessibleDescription(
            tr("One row per retention category: its days, purge interval, review date, target table, partitions and check")
        )
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.currentCellChanged.connect(self._on_row_changed)

        self.days = QLineEdit()
        self.days.setObjectName("policyDays")
        self.days.setPlaceholderText(tr("empty: kept until the review date"))
        self.interval = QLineEdit()
        self.interval.setObjectName("policyInterval")
        self.interval.setPlaceholderText(tr("1: the scheduled purge runs daily"))
        self.interval.setToolTip(
            tr(
                "How often the scheduled purge runs, in days (1 to 365). A row may be up to the retention plus this many days "
                "old before the promise is broken; the purge is at risk when it has not run for two intervals."
            )
        )
        self.use_review = QCheckBox(tr("Re&view by:"))
        self.review_by = QDateEdit(QDate.currentDate().addDays(180))
        self.review_by.setAccessibleName(tr("Review by date"))
        self.review_by.setCalendarPopup(True)
        self.review_by.setDisplayFormat("yyyy-MM-dd")
        self.use_review.toggled.connect(self.review_by.setEnabled)
        self.target_table = QLineEdit()
        self.target_table.setObjectName("policyTable_")
        self.timestamp_column = QLineEdit()
        self.timestamp_column.setObjectName("policyColumn")
        self.partition_mode = QComboBox()
        words = partition_words()
        for mode in PARTITION_MODES:
            self.partition_mode.addItem(words.get(mode, mode), mode)
        self.promise_mark = QLabel()
        self.promise_mark.setObjectName("policyPromiseMark")
        self.promise_mark.setStyleSheet(f"color: {theme.current().bad}; font-weight: bold;")
        self.promise_mark.setWordWrap(True)
        self.days.textChanged.connect(self._update_mark)
        self.error = QLabel()
        self.error.setObjectName("policyError")
        self.error.setWordWrap(True)
        self.error.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.error.setStyleSheet(f"color: {theme.current().bad}; font-weight: bold;")
        self.error.hide()

        editor = QGroupBox(tr("Edit the selected category"))
        form = QFormLayout(editor)
        days_label = QLabel(tr("&Days:"))
        days_label.setBuddy(self.days)
        form.addRow(days_label, self.days)
        interval_label = QLabel(tr("Purged &every (days):"))
        interval_label.setBuddy(self.interval)
        form.addRow(interval_label, self.interval)
        form.addRow(self.use_review, self.review_by)
        table_label = QLabel(tr("Target &table:"))
        table_label.setBuddy(self.target_table)
        form.addRow(table_label, self.target_table)
        column_label = QLabel(tr("Timestamp &column:"))
        column_label.setBuddy(self.timestamp_column)
        form.addRow(column_label, self.timestamp_column)
        mode_label = QLabel(tr("&Partitions:"))
        mode_label.setBuddy(self.partition_mode)
        form.addRow(mode_label, self.partition_mode)
        form.addRow(self.promise_mark)
        form.addRow(self.error)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("policySave")
        self.saving = LongAction(self, "policySave")
        self.saving.hold_buttons(self.save_button)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        if not self.admin:
            self.save_button.setEnabled(False)
            self.save_button.setToolTip(error_text(self.refused) if self.refused is not None else "")
            for widget in (
                self.days,
                self.interval,
                self.use_review,
                self.review_by,
                self.target_table,
                self.timestamp_column,
                self.partition_mode,
            ):
                widget.setEnabled(False)
        self.readonly_note = QLabel(tr("Read-only: {reason}").format(reason=error_text(self.refused)) if self.refused is not None else "")
        self.readonly_note.setVisible(not self.admin)

        # the selected category's saved targets in other databases (issue 17)
        self.targets = TargetsBox(database, self)
        self.targets.changed.connect(self.targets_changed)

        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.readonly_note)
        layout.addWidget(editor)
        layout.addWidget(self.targets, 1)
        layout.addWidget(self.buttons)
        self.resize(980, 760)
        self.statuses: tuple[CategoryStatus, ...] = ()
        self.set_policies(policies, statuses)

    def check_text(self, policy: PolicyInfo) -> tuple[str, str]:
        """The Check cell of ``policy``: (its verdict and first reason, the verdict). Without a status
        (the tab has not read one yet), what the policy alone says."""
        from minisip_console.core.verdicts import BROKEN, KEPT, NOT_CHECKED
        from minisip_console.ui.cdr_retention.models import verdict_word

        status = next((s for s in self.statuses if s.policy.category == policy.category), None)
        if status is not None and status.policy == policy:
            reasons = status.reasons
            text = verdict_word(status.verdict, capitalised=True)
            if len(reasons) > 1:
                text = tr("{verdict}: {reason} (and {count} more)").format(verdict=text, reason=shown(reasons[0]), count=len(reasons) - 1)
            elif reasons:
                text = tr("{verdict}: {reason}").format(verdict=text, reason=shown(reasons[0]))
            return text, status.verdict
        marks = []
        if policy.breaks_promise:
            marks.append(tr("Breaks the promise: more than 30 days"))
        if policy.review_overdue(dt.date.today()):
            marks.append(tr("Review date passed"))
        if policy.days is None and policy.review_by is None:
            marks.append(tr("No limit and no review date"))
        if marks:
            return tr("Broken: {marks}").format(marks=tr("; ", "list separator").join(marks)), BROKEN
        return (tr("Not checked yet: refresh the tab") if self.statuses else tr("Not checked")), NOT_CHECKED if self.statuses else KEPT

    def set_policies(self, policies: tuple[PolicyInfo, ...], statuses: tuple[CategoryStatus, ...] | None = None) -> None:
        from PySide6.QtGui import QBrush, QColor

        from minisip_console.ui.cdr_retention.models import days_of, verdict_colours

        if statuses is not None:
            self.statuses = statuses
        current = max(0, self.table.currentRow())
        self.policies = policies
        self.table.setRowCount(len(policies))
        for row, p in enumerate(policies):
            check, verdict = self.check_text(p)
            cells = (
                shown(p.label),
                "—" if p.days is None else str(p.days),
                "—" if p.days is None else days_of(p.interval_days),
                formatting.date(p.review_by),
                f"{p.target_table}.{p.timestamp_column}",
                partition_words().get(p.partition_mode, p.partition_mode),
                check,
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == len(cells) - 1:
                    item.setForeground(QBrush(QColor(verdict_colours(verdict)[0])))
                    item.setToolTip(text)
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()
        if policies:
            self.table.setCurrentCell(min(current, len(policies) - 1), 0)

    @Slot(int, int, int, int)
    def _on_row_changed(self, row: int, _col: int, _prev_row: int, _prev_col: int) -> None:
        if not 0 <= row < len(self.policies):
            return
        p = self.policies[row]
        self.days.setText("" if p.days is None else str(p.days))
        self.interval.setText(str(p.interval_days))
        self.use_review.setChecked(p.review_by is not None)
        self.review_by.setEnabled(self.admin and p.review_by is not None)
        if p.review_by is not None:
            self.review_by.setDate(QDate(p.review_by.year, p.review_by.month, p.review_by.day))
        self.target_table.setText(p.target_table)
        self.timestamp_column.setText(p.timestamp_column)
        self.partition_mode.setCurrentIndex(max(0, self.partition_mode.findData(p.partition_mode)))
        self.error.hide()
        self._update_mark()
        self.targets.set_category(p.category, shown(p.label))

    @property
    def category(self) -> str | None:
        row = self.table.currentRow()
        return self.policies[row].category if 0 <= row < len(self.policies) else None

    @Slot()
    def _update_mark(self) -> None:
        from minisip_console.core.retention import PROMISED_CDR_DAYS

        text = ""
        if self.category == "cdr":
            raw = self.days.text().strip()
            if raw.isdigit() and int(raw) > PROMISED_CDR_DAYS:
                text = tr("More than {days} days breaks the privacy policy's promise to delete CDRs within {days} days.").format(
                    days=PROMISED_CDR_DAYS
                )
        self.promise_mark.setText(text)
        self.promise_mark.setVisible(bool(text))

    @Slot()
    def save(self) -> Worker | None:
        """Save the selected category's policy on a worker: ``saved``, or the core's refusal in the dialog."""
        from minisip_console.core import retention

        category = self.category
        if category is None or not self.admin:
            return None
        return self.saving.start(
            retention.set_policy,
            self.database.sessions,
            self.database.operator,
            category,
            days=self.days.text(),
            review_by=to_date(self.review_by.date()) if self.use_review.isChecked() else None,
            target_table=self.target_table.text(),
            timestamp_column=self.timestamp_column.text(),
            partition_mode=self.partition_mode.currentData(),
            interval_days=self.interval.text(),
            label=f"save the {category} retention policy",
            done=self._on_saved,
            failed=lambda failure: show_failure_in(self.error, failure),
        )

    def _on_saved(self, policy: PolicyInfo) -> None:
        self.error.hide()
        self.policies = tuple(policy if p.category == policy.category else p for p in self.policies)
        self.set_policies(self.policies)  # its status is read again by the tab (``saved``), then shown here
        self.saved.emit(policy)
