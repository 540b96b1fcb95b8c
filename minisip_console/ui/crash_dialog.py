"""The crash dialog itself: the traceback, the recent log, copy to clipboard, the log file.

Imported only when a crash happens (``crash.show_report``), so its widgets cost nothing at start-up.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from minisip_console import APP_NAME, __version__
from minisip_console.ui import crash
from minisip_console.ui.i18n import tr


class CrashDialog(QDialog):
    def __init__(self, report: str, recent_log: str, log_path: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle(tr("{app}: unexpected error").format(app=APP_NAME))
        self.closed = False
        self.report = report
        recent = recent_log.rstrip() or tr("(empty)", "no recent log lines")
        heading_log = tr("recent log")
        self.details = f"{APP_NAME} {__version__}\n\n{report.rstrip()}\n\n--- {heading_log} ---\n{recent}\n"
        self.log_path = log_path

        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(48, 48))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        heading = QLabel("<b>{}</b>".format(tr("{app} met an unexpected error.").format(app=APP_NAME)))
        heading.setObjectName("crashHeading")
        explain = QLabel(
            tr(
                "This is a bug in the console, not something you did. The window stays open, but what you were "
                "doing may not have finished: check its result before you try again. Please send the details "
                "below (they contain no passwords) to the console's maintainers."
            )
        )
        explain.setWordWrap(True)
        head = QHBoxLayout()
        head.addWidget(icon)
        text = QVBoxLayout()
        text.addWidget(heading)
        text.addWidget(explain)
        head.addLayout(text, 1)

        self.text = QPlainTextEdit(self.details)
        self.text.setObjectName("crashDetails")
        self.text.setAccessibleName(tr("Crash details"))
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setMinimumSize(640, 280)

        if log_path is not None:
            if log_path.exists():
                where = tr("Log file: {path}").format(path=log_path)
            else:
                where = tr("Log file: {path} (not written yet)").format(path=log_path)
        else:
            where = tr("Log file: no log file (the log folder cannot be written); the recent lines are above")
        self.log_label = QLabel(where)
        self.log_label.setObjectName("crashLogPath")
        self.log_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.log_label.setWordWrap(True)

        buttons = QDialogButtonBox()
        self.copy_button = QPushButton(tr("&Copy details"))
        self.copy_button.setObjectName("crashCopy")
        self.copy_button.clicked.connect(self.copy)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.folder_button = QPushButton(tr("Open &log folder"))
        self.folder_button.setEnabled(log_path is not None)
        self.folder_button.clicked.connect(self.open_log_folder)
        buttons.addButton(self.folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setDefault(True)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.log_label)
        layout.addWidget(buttons)
        self.finished.connect(self._forget)

    @Slot()
    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copy_button.setText(tr("&Copied"))

    @Slot()
    def open_log_folder(self) -> None:
        if self.log_path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.log_path.parent)))

    @Slot()
    def _forget(self) -> None:
        self.closed = True
        # drop the last reference after this signal, never during it (that would delete the
        # dialog while it is still emitting); a parentless dialog is then deleted with it
        QTimer.singleShot(0, self, self._drop)

    @Slot()
    def _drop(self) -> None:
        if self in crash._open:
            crash._open.remove(self)
