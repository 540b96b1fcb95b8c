"""Policy notices: live figures from ``core.overview``.

(The CDR retention tab is ``ui.cdr_tab``; the deletion queue is ``ui.deletion_tab``.) The full
features (diffs, campaigns) arrive in a later release; until then the tab shows what the
database really holds and says plainly what is still to come.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from minisip_console.ui.notifier import Notifier
from minisip_console.ui.tabs import EmptyState, TabPage, page_note

if TYPE_CHECKING:
    from minisip_console.core.overview import PolicyVersionRow
    from minisip_console.ui.table_model import ListTableModel

# The content's widgets, the formatting and the table model are imported when a tab's content
# is first built (after the window is shown), never at start-up.


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
