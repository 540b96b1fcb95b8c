"""What every command group shares: how a time is printed, and Ctrl+C during long work.

``stamp`` is the one way a command prints a moment (UTC, to the minute or the second);
``CancelOnSignal`` turns SIGINT (Ctrl+C) and SIGTERM into a request to stop between steps (a
purge's batches, a deletion's steps), and a second one into stopping at once.
"""

from __future__ import annotations

import datetime as dt
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any


def stamp(value: dt.datetime | None, *, seconds: bool = False) -> str:
    """``2026-03-01 14:05 UTC`` (``seconds``: ``14:05:09``); ``-`` for no time. An aware time is
    shown in UTC; a naive one is taken to be UTC already (as the database stores them)."""
    if value is None:
        return "-"
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC)
    return f"{value:%Y-%m-%d %H:%M:%S} UTC" if seconds else f"{value:%Y-%m-%d %H:%M} UTC"


class CancelOnSignal:
    """SIGINT (Ctrl+C) and SIGTERM ask the work to stop after its current ``step`` ("batch",
    "step"); a second one stops it at once (``KeyboardInterrupt``). Called, it says whether a stop
    was asked for (the core's ``cancel`` callback); ``signal_name`` is the signal that asked."""

    def __init__(self, progress: Callable[[str], None], step: str = "step") -> None:
        self.progress = progress
        self.step = step
        self.requested = threading.Event()
        self.signal_name: str | None = None

    def __call__(self) -> bool:
        return self.requested.is_set()

    def _handler(self, signum: int, frame: Any) -> None:
        if self.requested.is_set():
            raise KeyboardInterrupt
        self.requested.set()
        self.signal_name = signal.Signals(signum).name
        self.progress(f"  {self.signal_name}: stopping after the current {self.step} (again to stop at once)")

    @contextmanager
    def installed(self) -> Iterator[None]:
        if threading.current_thread() is not threading.main_thread():  # signals go to the main thread only
            yield
            return
        wanted = [signal.SIGINT] + ([signal.SIGTERM] if hasattr(signal, "SIGTERM") else [])
        previous = {s: signal.signal(s, self._handler) for s in wanted}
        try:
            yield
        finally:
            for s, handler in previous.items():
                signal.signal(s, handler)
