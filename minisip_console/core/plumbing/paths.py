"""Where the console keeps its files: config (profiles), data (the demo), logs.

Standard library and platformdirs only, so the GUI can set up logging before SQLAlchemy loads.
``MINISIP_CONSOLE_CONFIG_DIR`` moves all three (the tests point it at a temporary folder).
"""

from __future__ import annotations

import os
from pathlib import Path

from minisip_console import APP_NAME

CONFIG_ENV = "MINISIP_CONSOLE_CONFIG_DIR"


def config_dir() -> Path:
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override) / "data"
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override) / "logs"
    import platformdirs

    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))
