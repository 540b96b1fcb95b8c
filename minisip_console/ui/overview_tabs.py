"""Deletion queue and Policy notices: live figures from ``core.overview``.

(The CDR retention tab is ``ui.cdr_tab``.) Their full features (the deletion workflow, campaigns) arrive in later releases; until
then each tab shows what the database really holds and says plainly what is still to come.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QWidget

from minisip_console.ui.notifier import Notifier
from minisip_console.ui.tabs import EmptyState, TabPage, page_note

if TYPE_CHECKING:
    import datetime as dt

    from minisip_console.core.overview import DeletionOverview, PolicyVersionRow
    from minisip_console.ui.table_model import ListTableModel

# The content's widgets, the formatting and the table model are imported when a tab's content
# is first built (after the window is shown), never at start-up.


def _figure(object_name: str) -> QLabel:
    label = QLabel("—")
    label.setObjectName(object_name)
    label.setProperty("figure", True)
    label.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _mark(label: QLabel, *, alert: bool = False, good: bool = False) -> None:
    """Restyle a figure as an alert (a promise not kept) or good (kept)."""
    label.setProperty("alert", alert)
    label.setProperty("good", good)
    label.style().unpolish(label)
    label.style().polish(label)


def _as_of(label: QLabel, when: dt.datetime) -> None:
    from minisip_console.ui import formatting

    label.setText(f"Read from the database at {formatting.timestamp(when)}.")


class DeletionsTab(TabPage):
    what = "the deletion requests"

    NOTE = (
        "Live counts. Taking requests, a second operator's approval, deletion across every table and file "
        "store, verification and certificates arrive in a later release."
    )

    def build_content(self, content: QWidget) -> None:
        from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QVBoxLayout

        self.group = QGroupBox("Deletion requests by state")
        self.form = QFormLayout(self.group)
        self.state_labels: dict[str, QLabel] = {}
        self.open = _figure("deletionOpen")
        self.overdue = _figure("deletionOverdue")
        self.total = _figure("deletionTotal")
        summary = QGroupBox("Summary")
        summary_form = QFormLayout(summary)
        summary_form.addRow("Open (received, approved, executing or verifying):", self.open)
        summary_form.addRow("Open and past their due date:", self.overdue)
        summary_form.addRow("In total:", self.total)

        self.as_of = QLabel()
        self.as_of.setObjectName("deletionAsOf")
        groups = QHBoxLayout()
        groups.addWidget(self.group, 0, QtCore.Qt.AlignmentFlag.AlignTop)
        groups.addWidget(summary, 0, QtCore.Qt.AlignmentFlag.AlignTop)
        groups.addStretch(1)
        layout = QVBoxLayout(content)
        layout.addWidget(page_note(self.NOTE))
        layout.addLayout(groups)
        layout.addWidget(self.as_of)
        layout.addStretch(1)

    def set_overview(self, deletions: DeletionOverview, now: dt.datetime) -> None:
        from minisip_console.ui import formatting

        self.ensure_built()
        for state, count in deletions.by_state:
            label = self.state_labels.get(state)
            if label is None:
                label = _figure(f"deletionState_{state}")
                self.state_labels[state] = label
                self.form.addRow(f"{formatting.state(state)}:", label)
            label.setText(formatting.number(count))
        self.open.setText(formatting.number(deletions.open))
        self.total.setText(formatting.number(deletions.total))
        self.overdue.setText(formatting.number(deletions.overdue))
        _mark(self.overdue, alert=deletions.overdue > 0, good=deletions.overdue == 0)
        _as_of(self.as_of, now)
        self.show_content()


class PoliciesTab(TabPage):
    what = "the privacy policy versions"

    NOTE = (
        "Policy versions as recorded. Diffs, the significance decision, email to every account owner with "
        "per-recipient delivery, and the site banner arrive in a later release."
    )

    def __init__(self, notifier: Notifier, connect_action: QAction, parent: QWidget | None = None) -> None:
        super().__init__(notifier, connect_action, parent)
        self.model: ListTableModel | None = None

    def build_content(self, content: QWidget) -> None:
        from PySide6.QtWidgets import QAbstractItemView, QFrame, QHeaderView, QStackedWidget, QTableView, QVBoxLayout

        self.view = QTableView()
        self.view.setObjectName("policyTable")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setWordWrap(False)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        self.none = EmptyState("No policy versions are recorded in this database yet.")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.none)
        self.stack.setFrameShape(QFrame.Shape.NoFrame)

        layout = QVBoxLayout(content)
        layout.addWidget(page_note(self.NOTE))
        layout.addWidget(self.stack, 1)

    def _ensure_model(self) -> ListTableModel:
        self.ensure_built()
        if self.model is None:
            from PySide6.QtWidgets import QHeaderView

            from minisip_console.core.accounts import Column
            from minisip_console.ui.table_model import ListTableModel

            columns = (
                Column("number", "Version"),
                Column("effective_date", "Effective", "date"),
                Column("significant", "Significant change", "bool", placeholder="Not decided"),
                Column("published_at", "Published (UTC)", "datetime", placeholder="Not published"),
                Column("summary", "Summary"),
            )
            self.model = ListTableModel(columns, parent=self)
            self.view.setModel(self.model)
            header = self.view.horizontalHeader()
            char = self.view.fontMetrics().averageCharWidth()
            for i, width in enumerate((10, 12, 18, 18)):
                header.resizeSection(i, width * char + 16)
            header.setStretchLastSection(True)
            header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        return self.model

    def set_overview(self, policies: tuple[PolicyVersionRow, ...]) -> None:
        self._ensure_model().set_rows(policies)
        self.stack.setCurrentWidget(self.view if policies else self.none)
        self.show_content()
