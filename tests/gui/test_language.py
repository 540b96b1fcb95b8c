"""Which language the window speaks (issue 16): the operating system's (``LANG`` here; Windows and
macOS give Qt their preferred languages), unless View > Language chose one, remembered in
``window.ini`` for the next start."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from minisip_console.ui import i18n
from minisip_console.ui.main_window import MainWindow

#: a new process, as a start is: the application object and its translator, then one translated text
SNIPPET = (
    "from minisip_console.ui.app import create_application; from minisip_console.ui.i18n import tr; "
    "app = create_application(); print(tr('Follow the system'))"
)
CHINESE = "跟随系统"


def _start(config: Path, lang: str) -> str:
    env = {k: v for k, v in os.environ.items() if k not in (i18n.ENV, "LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    env.update({"QT_QPA_PLATFORM": "offscreen", "MINISIP_CONSOLE_CONFIG_DIR": str(config), "LANG": lang, "PYTHONIOENCODING": "utf-8"})
    done = subprocess.run([sys.executable, "-c", SNIPPET], env=env, capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_window_follows_the_systems_language(tmp_path: Path) -> None:
    assert _start(tmp_path, "zh_CN.UTF-8") == CHINESE
    assert _start(tmp_path, "en_US.UTF-8") == "Follow the system"
    assert _start(tmp_path, "de_DE.UTF-8") == "Follow the system"  # no German: English


def test_a_language_chosen_in_the_menu_wins_at_the_next_start(tmp_path: Path) -> None:
    store = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    store.setValue(i18n.SETTING, "zh_CN")
    store.sync()
    assert _start(tmp_path, "en_US.UTF-8") == CHINESE
    store.setValue(i18n.SETTING, "en")
    store.sync()
    assert _start(tmp_path, "zh_CN.UTF-8") == "Follow the system"


def test_view_language_remembers_the_choice_and_says_when_it_applies(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv(i18n.ENV, raising=False)
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.language_actions[i18n.SYSTEM].isChecked()  # nothing chosen yet: the system's
    assert [a.text() for a in window.language_menu.actions()] == ["Follow the system", "English", "简体中文"]
    posted = []
    window.notifier.notice.connect(posted.append)
    window.language_actions["zh_CN"].trigger()
    assert i18n.chosen() == "zh_CN"
    assert window.language_actions["zh_CN"].isChecked() and not window.language_actions[i18n.SYSTEM].isChecked()
    assert len(posted) == 1 and "简体中文" in posted[0].text and "next start" in posted[0].text
    again = MainWindow()  # the next window reads the choice back
    qtbot.addWidget(again)
    assert again.language_actions["zh_CN"].isChecked()


def test_an_unknown_language_is_refused_and_a_missing_file_leaves_english(qapp, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match="unknown language"):
        i18n.choose("xx")
    monkeypatch.setattr(i18n, "qm_path", lambda language: tmp_path / f"none_{language}.qm")
    assert i18n.install(qapp, "zh_CN") == "en"
    assert i18n.tr("Follow the system") == "Follow the system"
