"""The Overview tab, first in the window: is every promise of the privacy policy kept?

One row per promise (``core.compliance``, the same table as ``minisip-console compliance`` and the
PDF report): the verdict as a word on a coloured cell (readable in black and white), the promise,
why, the evidence in one line, and "Go there" to the tab that acts on it. The headline counts the
verdicts ("12 of 15 promises kept; 2 broken, 1 at risk"). Read on a worker, when connecting, on
Refresh, and again when the tab is shown after other work (at most every ``STALE_SECONDS``).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from minisip_console.ui import formatting, theme
from minisip_console.ui.i18n import shown, tr
from minisip_console.ui.reading import LatestRead
from minisip_console.ui.tabs import TabPage, page_note, read_only_table

if TYPE_CHECKING:
    from typing import Any

    from PySide6.QtGui import QAction, QShowEvent

    from minisip_console.core.compliance import Compliance, PromiseVerdict
    from minisip_console.core.plumbing.connection import Database
    from minisip_console.ui.notifier import Notifier
    from minisip_console.ui.workers import Worker


def note() -> str:
    """The page's note (a function: ``tr`` answers in the window's language only once the app runs)."""
    return tr(
        "Each row is a promise of the privacy policy and the live checks that prove it: kept, at risk (act before it "
        "breaks), broken, or not checked (the check could not run). “Go there” opens the tab that acts on it; "
        "the same table is “minisip-console compliance” and the first page of File › Export audit report."
    )


def tab_names() -> dict[str, str]:
    """The tab that acts on each ``PromiseVerdict.go_to``, as its button says it."""
    return {
        "accounts": tr("Accounts"),
        "cdr": tr("CDR retention"),
        "deletion": tr("Deletion queue"),
        "policies": tr("Policy notices"),
        "legal": tr("Law enforcement"),
        "audit": tr("Audit log"),
        "operators": tr("Operators"),
    }


def headers() -> tuple[str, ...]:
    return (tr("Verdict"), tr("Promise"), tr("Why"), tr("Evidence"), "")


def verdict_words() -> dict[str, str]:
    """Each verdict as its cell says it, in capitals (the word carries the meaning, the colour helps)."""
    from minisip_console.core import compliance

    return {
        compliance.KEPT: tr("KEPT"),
        compliance.AT_RISK: tr("AT RISK"),
        compliance.BROKEN: tr("BROKEN"),
        compliance.NOT_CHECKED: tr("NOT CHECKED"),
    }


#: the figures are read again when the tab is shown after this long
STALE_SECONDS = 10.0


def verdict_colours(verdict: str) -> tuple[str, str]:
    """(text, background) of a verdict cell, from the theme: the word carries the meaning, the colour helps."""
    from minisip_console.core import compliance

    t = theme.current()
    return {
        compliance.KEPT: (t.good, t.good_bg),
        compliance.AT_RISK: (t.warn, t.warn_bg),
        compliance.BROKEN: (t.bad, t.bad_bg),
    }.get(verdict, (t.text, t.info_bg))


def _cell(button: QPushButton) -> QWidget:
    """A button in a table cell at its own height, centred in a taller row (not stretched to it)."""
    holder = QWidget()
    layout = QHBoxLayout(holder)
    layout.setContentsMargins(4, 2, 4, 2)
    layout.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
    return holder


def _targets_tooltip(targets: Any) -> str:
    """A promise's saved retention targets (``core.targets``; ``details["targets"]``: each one's
    ``CategoryStatus.to_dict``), one line each with its own verdict and its reasons: where the
    category's rows live besides the console's own table."""
    words = verdict_words()
    lines: list[str] = []
    for t in targets:
        if not isinstance(t, dict):
            continue
        lines.append(
            tr("Retention target {name}: {verdict}; {total:,} rows, {overdue:,} due for the next purge, {late:,} late").format(
                name=t.get("target_name", "?"),
                verdict=words.get(str(t.get("verdict")), str(t.get("verdict"))),
                total=int(t.get("total") or 0),
                overdue=int(t.get("overdue") or 0),
                late=int(t.get("late") or 0),
            )
        )
        lines.extend(f"  • {shown(reason)}" for reason in t.get("reasons") or ())
    if not lines:
        return ""
    return "\n".join([tr("Saved retention targets, each with its own verdict:"), *lines])


class OverviewTab(TabPage):
    go_to = Signal(str)  # a PromiseVerdict.go_to: the window switches to that tab
    loaded = Signal(object)  # core.compliance.Compliance, once shown

    def __init__(self, notifier: Notifier, connect_action: QAction, parent: QWidget | None = None) -> None:
        super().__init__(notifier, connect_action, parent)
        self.what = tr("whether every promise is kept")
        self.database: Database | None = None
        self.result: Compliance | None = None
        self._read_at = 0.0
        self._fit_pending = False
        self.reading = LatestRead(self, "overview", done=self._on_result, failed=self._on_failed)

    # ------------------------------------------------------------------ layout
    def build_content(self, content: QWidget) -> None:
        self.headline = QLabel()
        self.headline.setObjectName("overviewHeadline")
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.headline.setFont(font)
        self.checked_at = QLabel()
        self.checked_at.setObjectName("overviewCheckedAt")
        self.refresh_button = QPushButton(tr("Check a&gain"))
        self.refresh_button.setObjectName("overviewRefresh")
        self.refresh_button.setToolTip(tr("Run every check again"))
        self.refresh_button.clicked.connect(self.refresh)

        top = QHBoxLayout()
        top.addWidget(self.headline, 1)
        top.addWidget(self.checked_at)
        top.addWidget(self.refresh_button)

        self.table = read_only_table(headers(), "overviewTable", single_selection=True)
        self.table.setAccessibleName(tr("Promises and their verdicts"))
        self.table.setAccessibleDescription(
            tr("One row per privacy promise: the verdict, the promise, the reason and the tab that acts on it")
        )
        self.table.setWordWrap(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        char = self.table.fontMetrics().averageCharWidth()
        for column, (mode, width) in enumerate(
            (
                (QHeaderView.ResizeMode.Fixed, 14),
                (QHeaderView.ResizeMode.Interactive, 27),
                (QHeaderView.ResizeMode.Stretch, 0),
                (QHeaderView.ResizeMode.Stretch, 0),
                (QHeaderView.ResizeMode.ResizeToContents, 0),
            )
        ):
            header.setSectionResizeMode(column, mode)
            if width:
                header.resizeSection(column, width * char + 16)
        self.table.activated.connect(self._on_activated)
        header.sectionResized.connect(self._columns_resized)

        layout = QVBoxLayout(content)
        layout.addWidget(page_note(note()))
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

    # ------------------------------------------------------------------ connection
    def set_database(self, database: Database) -> None:
        self.clear()
        self.ensure_built()
        self.database = database
        self.show_busy(tr("Checking every promise…"), tr("Each check runs on the database; this takes a moment."))
        self.refresh()

    def clear(self) -> None:
        self.database = None
        self.result = None
        self.reading.reset()
        if self.built:
            self.table.setRowCount(0)
            self.headline.clear()
        self.show_disconnected()

    @Slot()
    def refresh(self) -> Worker | None:
        if self.database is None:
            return None
        from minisip_console.core import compliance

        self._read_at = time.monotonic()
        if self.built:
            self.refresh_button.setEnabled(False)
            self.checked_at.setText(tr("Checking…"))
        return self.reading.start(compliance.evaluate, self.database.sessions, label="promise checks")

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # work done on the other tabs changes the verdicts: read them again when the tab comes back
        if self.result is not None and not self.reading.running and time.monotonic() - self._read_at > STALE_SECONDS:
            self.refresh()

    # ------------------------------------------------------------------ results
    def _on_result(self, result: Compliance) -> None:
        from minisip_console.core import compliance

        self.result = result
        self.refresh_button.setEnabled(True)
        self.headline.setText(shown(result.headline))
        worst = next((v for v in compliance.WORST_FIRST if result.count(v)), compliance.KEPT)
        text, _bg = verdict_colours(worst)
        self.headline.setStyleSheet(f"color: {text};")
        self.checked_at.setText(tr("Checked {time}").format(time=formatting.timestamp(result.now)))
        head = result.audit_head or tr("none (the log is empty)")
        # the check time in UTC first (the label shows it local), then the audit head
        self.checked_at.setToolTip(
            "\n".join((formatting.utc_tooltip(result.now) or "", tr("Audit head when checked: {head}").format(head=head))).strip()
        )
        self._fill(result.promises)
        self.show_content()
        self.loaded.emit(result)

    def _on_failed(self, failure: object) -> None:
        if self.built:
            self.refresh_button.setEnabled(True)
            self.checked_at.setText(tr("The checks could not run."))
        self._read_failed(tr("The promises could not be checked."), failure)  # type: ignore[arg-type]

    def _fill(self, promises: tuple[PromiseVerdict, ...]) -> None:
        table = self.table
        table.setRowCount(0)
        table.setRowCount(len(promises))
        words = verdict_words()
        names = tab_names()
        for row, p in enumerate(promises):
            text, bg = verdict_colours(p.verdict)
            verdict = QTableWidgetItem(words.get(p.verdict, p.verdict.upper()))
            verdict.setForeground(QColor(text))
            verdict.setBackground(QColor(bg))
            font = verdict.font()
            font.setBold(True)
            verdict.setFont(font)
            verdict.setData(Qt.ItemDataRole.UserRole, p.key)
            title = shown(p.title)
            promise = QTableWidgetItem(title)
            promise.setToolTip(tr("The policy: “{promise}”").format(promise=shown(p.promise)))
            why = QTableWidgetItem(shown(p.reason))
            evidence = QTableWidgetItem(shown(p.evidence) if p.evidence else "—")
            where = _targets_tooltip(p.details.get("targets") or ())
            if where:
                evidence.setToolTip(f"{evidence.text()}\n\n{where}")
            for column, item in enumerate((verdict, promise, why, evidence)):
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                table.setItem(row, column, item)
            name = names.get(p.go_to, p.go_to)
            button = QPushButton(tr("Go to {name}").format(name=name))
            button.setObjectName(f"overviewGo_{p.key}")
            button.setToolTip(tr("Open the {name} tab, where this promise is kept").format(name=name))
            button.setAccessibleName(tr("Go to {name} for “{title}”").format(name=name, title=title))
            button.clicked.connect(lambda _checked=False, key=p.go_to: self.go_to.emit(key))
            table.setCellWidget(row, 4, _cell(button))
        table.resizeRowsToContents()

    @Slot()
    def _fit_rows(self) -> None:
        """The rows' heights follow the wrapped text at the columns' new widths (one pass per turn)."""
        self._fit_pending = False
        if self.built:
            self.table.resizeRowsToContents()

    @Slot()
    def _columns_resized(self) -> None:
        if not self._fit_pending:
            self._fit_pending = True
            QTimer.singleShot(0, self, self._fit_rows)

    @Slot(QtCore.QModelIndex)
    def _on_activated(self, index: QtCore.QModelIndex) -> None:
        """Enter or a double click on a row: go where its promise is kept."""
        if self.result is not None and 0 <= index.row() < len(self.result.promises):
            self.go_to.emit(self.result.promises[index.row()].go_to)
