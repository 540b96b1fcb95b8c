"""The message banner: a notice with its hint and the actions that help, shown in the window
(or a dialog) until dismissed. The main window shows the notifier's warnings and errors here."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from minisip_console.ui.i18n import shown, tr
from minisip_console.ui.notifier import Notice, Severity


class MessageBanner(QFrame):
    """The window's message box: a notice with its hint and the actions that help, until dismissed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBanner")
        self.setProperty("severity", "info")
        self.notice: Notice | None = None
        self.icon = QLabel()
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.text = QLabel()
        self.text.setObjectName("bannerText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hint = QLabel()
        self.hint.setObjectName("bannerHint")
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        texts = QVBoxLayout()
        texts.setSpacing(2)
        texts.addWidget(self.text)
        texts.addWidget(self.hint)
        self.buttons = QHBoxLayout()
        self.dismiss = QToolButton()
        self.dismiss.setObjectName("bannerDismiss")
        self.dismiss.setText(tr("Dismiss"))
        self.dismiss.setAutoRaise(True)
        self.dismiss.clicked.connect(self.clear)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 6, 6)
        layout.addWidget(self.icon)
        layout.addLayout(texts, 1)
        layout.addLayout(self.buttons)
        layout.addWidget(self.dismiss, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_notice(self, notice: Notice) -> None:
        # a core sentence (a Text) in the window's language; the notice keeps what was shown
        notice = notice._replace(text=shown(notice.text), hint=None if notice.hint is None else shown(notice.hint))
        self.notice = notice
        icons = {
            Severity.ERROR: QStyle.StandardPixmap.SP_MessageBoxCritical,
            Severity.WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
        }
        pixmap = icons.get(notice.severity, QStyle.StandardPixmap.SP_MessageBoxInformation)
        self.icon.setPixmap(self.style().standardIcon(pixmap).pixmap(32, 32))
        self.text.setText(notice.text)
        font = self.text.font()
        font.setBold(True)
        self.text.setFont(font)
        self.hint.setText(notice.hint or "")
        self.hint.setVisible(bool(notice.hint))
        while self.buttons.count():
            item = self.buttons.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        for action in notice.actions:
            button = QPushButton(action.text())
            button.setObjectName("bannerAction")
            button.clicked.connect(action.trigger)
            self.buttons.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        self.setProperty("severity", notice.severity.value)
        self.style().unpolish(self)
        self.style().polish(self)
        self.show()

    @Slot()
    def clear(self) -> None:
        self.notice = None
        self.hide()
