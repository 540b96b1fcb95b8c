"""Logging: a rotating file in the user's log directory and the recent lines in memory.

The crash dialog shows the recent lines. Nothing here logs a password: URLs are rendered with
``hide_password`` and secrets never reach a log call.
"""

from __future__ import annotations

import collections
import logging
import logging.handlers
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


class RecentLines(logging.Handler):
    """Keeps the last ``capacity`` formatted records for the crash dialog."""

    def __init__(self, capacity: int = 200) -> None:
        super().__init__()
        self.lines: collections.deque[str] = collections.deque(maxlen=capacity)
        self.setFormatter(logging.Formatter(FORMAT))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.lines.append(self.format(record))
        except Exception:  # a logging handler must never raise
            self.handleError(record)

    def text(self) -> str:
        return "\n".join(self.lines)


recent = RecentLines()
_configured: Path | None = None


def setup(directory: Path, *, level: int = logging.INFO) -> Path | None:
    """Log to ``directory/minisip-console.log`` (1 MB x 5). Returns the file, or None if unwritable."""
    global _configured
    root = logging.getLogger()
    root.setLevel(level)
    if recent not in root.handlers:
        root.addHandler(recent)
    if _configured is not None:
        return _configured
    path = directory / "minisip-console.log"
    try:
        directory.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    except OSError:
        logging.getLogger(__name__).warning("cannot write the log file in %s; logging to memory only", directory)
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(handler)
    _configured = path
    return path
