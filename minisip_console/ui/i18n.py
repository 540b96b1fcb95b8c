"""Chinese and English in the window (issue 16): which language, loading it, and translating.

Every user-visible string of the window goes through :func:`tr` with a literal
(``tr("Refresh")``, ``tr("{count:,} accounts").format(count=n)``), and the core's sentences that
reach the screen are :class:`~minisip_console.core.text.Text` values shown through :func:`shown`.
All of them live in one translation context, ``""``: the same English means the same thing
everywhere in the console, and a second meaning gets a disambiguation (``tr("Open", "verb")``).

``scripts/i18n.py update`` extracts them with ``pyside6-lupdate`` into ``resources/i18n/zh_CN/*.ts``
(one file per part of the window, edited with Qt Linguist or by hand) and ``release`` compiles them
into ``resources/i18n/minisip_console_zh_CN.qm``, which is what the console loads, together with
Qt's own translation of its standard buttons and dialogs (``qtbase_zh_CN.qm``, shipped with PySide6).

The language follows the operating system (``QLocale.system()``: ``LANG`` on Linux, the
preferred languages on Windows and macOS); View > Language overrides it, kept in ``window.ini``
beside the window's size. It takes effect at the next start: every label is built once, in English
or in Chinese, never half of each. The command line stays English: its output is read by scripts.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

#: the languages the console speaks: code -> the language's own name (a menu shows it as is)
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}
SYSTEM = "system"
SETTING = "ui/language"
ENV = "MINISIP_CONSOLE_LANGUAGE"
CONTEXT = ""
QM_NAME = "minisip_console_{language}.qm"


def tr(text: str, disambiguation: str | None = None) -> str:
    """``text`` in the window's language (itself when there is no translation)."""
    return QCoreApplication.translate(CONTEXT, text, disambiguation)


def shown(value: Any) -> str:
    """A value as the window shows it: a core :class:`Text` translated (its values too), a
    plain string as it is (data: a name, an email, a ticket), anything else through ``str``."""
    from minisip_console.core.text import Text

    if isinstance(value, Text):
        template = tr(value.template)
        if not value.params:
            return template
        params = {key: shown(item) if isinstance(item, Text) else item for key, item in value.params.items()}
        try:
            return template.format(**params)
        except (KeyError, IndexError, ValueError):  # a translation that lost a field: the English is right
            log.warning("translation of %r does not fit its values", value.template)
            return str(value)
    return value if isinstance(value, str) else str(value)


def plural(count: int, one: str, many: str) -> str:
    """``one`` or ``many`` (both already through :func:`tr`, both with a ``{count}`` field) for
    ``count``: English says "1 account" and "2 accounts"; Chinese translates both the same."""
    return (one if count == 1 else many).format(count=count)


def system_language() -> str:
    """The console's language for the operating system's: Chinese for any Chinese locale
    (zh_CN, zh_SG, zh_TW read Simplified better than English), English otherwise."""
    locale = QLocale.system()
    if locale.language() == QLocale.Language.Chinese:
        return "zh_CN"
    return "en"


def chosen() -> str:
    """What the operator chose in View > Language: a code of :data:`LANGUAGES` or :data:`SYSTEM`
    (``MINISIP_CONSOLE_LANGUAGE`` wins, for the screenshots and the tests)."""
    import os

    from minisip_console.ui.window_memory import settings

    value = os.environ.get(ENV) or settings().value(SETTING)
    return value if isinstance(value, str) and (value in LANGUAGES or value == SYSTEM) else SYSTEM


def choose(language: str) -> None:
    """Remember ``language`` (a code or :data:`SYSTEM`) for the next start."""
    from minisip_console.ui.window_memory import settings

    if language != SYSTEM and language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    store = settings()
    store.setValue(SETTING, language)
    store.sync()


def effective(choice: str | None = None) -> str:
    """The language the window speaks for ``choice`` (default: the remembered one)."""
    choice = chosen() if choice is None else choice
    return system_language() if choice == SYSTEM else choice


def qm_path(language: str) -> Any:
    from minisip_console.ui.resources import folder

    return folder() / "i18n" / QM_NAME.format(language=language)


_installed: list[QTranslator] = []


def install(app: QCoreApplication, language: str) -> str:
    """Load ``language`` into ``app`` (replacing any earlier one); returns the language loaded,
    English when its translation file is missing (logged, never fatal)."""
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    if language == "en":
        return "en"
    ours = QTranslator(app)
    if not ours.load(str(qm_path(language))):
        log.warning("the %s translation (%s) is missing: the window stays in English", language, qm_path(language))
        return "en"
    qt_own = QTranslator(app)  # Qt's standard buttons and dialogs (OK, Cancel, the file dialog)
    if qt_own.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_own)
        _installed.append(qt_own)
    app.installTranslator(ours)
    _installed.append(ours)
    QLocale.setDefault(QLocale(language))
    return language
