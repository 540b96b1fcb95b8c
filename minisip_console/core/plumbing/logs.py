"""Logging: a rotating file in the user's log directory and the recent lines in memory.

The crash dialog shows the recent lines. Nothing here logs a password: URLs are rendered with
``hide_password`` and secrets never reach a log call.

Repeated identical lines are rate-limited (``RepeatFilter``, one per handler): a loop that logs the
same warning thousands of times a second (a server refusing every reconnect, issue 13) cannot
rotate the whole log away; the first ``REPEAT_SHOWN`` are written, then one "[repeated N more
times in S s]" line per message at most every ``REPEAT_EVERY`` seconds, and the count still owed
when the process ends (``flush_repeats``, at exit).
"""

from __future__ import annotations

import atexit
import collections
import logging
import logging.handlers
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
#: identical lines (same logger, level and text) written as they come, before they are summarised
REPEAT_SHOWN = 3
#: seconds: at most one "repeated" summary per message this often; a message not seen for this long
#: starts afresh (its next occurrences are written again)
REPEAT_EVERY = 5.0
#: distinct messages remembered (the least recently seen is forgotten, its count written first)
REPEAT_MEMORY = 256


@dataclass
class _Seen:
    record: logging.LogRecord  # the latest occurrence
    text: str
    count: int = 0  # occurrences in this burst
    suppressed: int = 0  # not written since the last line written for it
    since: float = 0.0  # when the suppressed ones began
    summary_at: float = 0.0
    last: float = 0.0


class RepeatFilter(logging.Filter):
    """Rate-limits identical records for the one handler it is installed on.

    Per message (logger, level, formatted text): the first ``shown`` occurrences pass; later ones
    are counted, and at most every ``every`` seconds one of them passes as a summary
    ("<text> [repeated N more times in S s]"); a message quiet for ``every`` seconds starts afresh.
    The count still owed is written when another record passes after ``every`` seconds, when the
    message starts afresh, or at ``flush`` (``setup`` registers it to run at exit)."""

    def __init__(
        self,
        handler: logging.Handler,
        *,
        shown: int = REPEAT_SHOWN,
        every: float = REPEAT_EVERY,
        memory: int = REPEAT_MEMORY,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.handler, self.shown, self.every, self.memory, self.clock = handler, max(1, shown), every, memory, clock
        self._seen: collections.OrderedDict[tuple[str, int, str], _Seen] = collections.OrderedDict()
        self._owed: set[tuple[str, int, str]] = set()
        self._lock = threading.Lock()

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "repeat_summary", False):
            return True
        try:
            text = record.getMessage()
        except Exception:  # noqa: BLE001 - a bad record: the handler reports it as it always did
            return True
        key = (record.name, record.levelno, text)
        now = self.clock()
        due: list[_Seen] = []
        with self._lock:
            seen = self._seen.get(key)
            if seen is not None and now - seen.last >= self.every:  # quiet long enough: afresh
                if seen.suppressed:
                    due.append(self._take(key, seen))
                seen = None
            if seen is None:
                seen = self._seen[key] = _Seen(record, text, since=now, summary_at=now)
                while len(self._seen) > self.memory:
                    old_key, old = self._seen.popitem(last=False)
                    if old.suppressed:
                        due.append(self._take(old_key, old))
            self._seen.move_to_end(key)
            seen.count += 1
            seen.last = now
            passes = seen.count <= self.shown
            if not passes:
                if not seen.suppressed:
                    seen.since = now
                seen.suppressed += 1
                seen.record = record
                if now - seen.summary_at >= self.every:
                    due.append(self._take(key, seen))
                else:
                    self._owed.add(key)
            for other_key in list(self._owed):  # other messages' counts, when they are due
                other = self._seen[other_key]
                if other_key != key and now - other.summary_at >= self.every:
                    due.append(self._take(other_key, other))
        for item in due:
            self._emit(item)
        return passes

    def flush(self) -> None:
        """Write every count still owed (the process ends, or a test wants it now)."""
        with self._lock:
            due = [self._take(key, self._seen[key]) for key in list(self._owed)]
        for item in due:
            self._emit(item)

    def _take(self, key: tuple[str, int, str], seen: _Seen) -> _Seen:
        """A copy to write as a summary, and ``seen`` reset (under the lock)."""
        item = _Seen(seen.record, seen.text, suppressed=seen.suppressed, since=seen.since, last=seen.last)
        seen.suppressed, seen.summary_at = 0, self.clock()
        self._owed.discard(key)
        return item

    def _emit(self, item: _Seen) -> None:
        seconds = max(item.last - item.since, 0.0)
        times = "1 more time" if item.suppressed == 1 else f"{item.suppressed} more times"
        summary = logging.makeLogRecord(
            {
                **item.record.__dict__,
                "msg": f"{item.text} [repeated {times} in {seconds:.1f} s]",
                "args": None,
                "exc_info": None,
                "exc_text": None,
                "stack_info": None,
                "repeat_summary": True,
            }
        )
        self.handler.handle(summary)


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


def _install(handler: logging.Handler) -> None:
    if not any(isinstance(f, RepeatFilter) for f in handler.filters):
        handler.addFilter(RepeatFilter(handler))


def flush_repeats() -> None:
    """Write the counts of repeated lines still owed, on every handler that rate-limits."""
    for handler in logging.getLogger().handlers:
        for f in handler.filters:
            if isinstance(f, RepeatFilter):
                f.flush()


atexit.register(flush_repeats)  # runs before logging's own shutdown (registered earlier, run later)


def setup(directory: Path, *, level: int = logging.INFO) -> Path | None:
    """Log to ``directory/minisip-console.log`` (1 MB x 5). Returns the file, or None if unwritable."""
    global _configured
    root = logging.getLogger()
    root.setLevel(level)
    if recent not in root.handlers:
        root.addHandler(recent)
    _install(recent)
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
    _install(handler)
    root.addHandler(handler)
    _configured = path
    return path
