"""The style sheet (a template: ``ui/theme.py`` fills in its colours) and the icon, from the installed ``minisip_console.resources`` package.

The files are found beside the package's ``__init__`` (a plain folder in an installation, an
editable install and a frozen app alike); ``importlib.resources`` would cost start-up time.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QIcon

log = logging.getLogger(__name__)

#: PNG renderings of icons/app.svg (scripts/make_icons.py): no SVG plugin needed at start-up
ICON_SIZES = (16, 32, 64, 256)


def folder() -> Path:
    import minisip_console.resources as package

    return Path(package.__file__).resolve().parent


def read_text(name: str) -> str | None:
    try:
        return (folder() / name).read_text(encoding="utf-8")
    except OSError:
        log.warning("resource %s is missing from the installation", name)
        return None


def app_icon() -> QIcon:
    """The application icon, from its PNG renderings (the SVG is the source they come from)."""
    icon = QIcon()
    icons = folder() / "icons"
    for size in ICON_SIZES:
        path = icons / f"app-{size}.png"
        if path.is_file():
            icon.addFile(str(path))
    if icon.isNull() and (icons / "app.svg").is_file():
        icon.addFile(str(icons / "app.svg"))
    return icon
