"""``logs.RepeatFilter``: repeated identical lines are rate-limited, with the real logging module."""

from __future__ import annotations

import io
import logging
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from minisip_console.core.plumbing import logs


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def logger() -> Iterator[tuple[logging.Logger, io.StringIO, Clock]]:
    """A logger of its own (not the root's) writing to a string through a rate-limited handler."""
    log = logging.getLogger("minisip_console.test_repeats")
    log.propagate, log.level = False, logging.DEBUG
    out, clock = io.StringIO(), Clock()
    handler = logging.StreamHandler(out)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    handler.addFilter(logs.RepeatFilter(handler, shown=3, every=5.0, clock=clock))
    log.addHandler(handler)
    yield log, out, clock
    log.removeHandler(handler)


def lines(out: io.StringIO) -> list[str]:
    return out.getvalue().splitlines()


def test_the_first_lines_pass_then_one_summary_every_few_seconds(logger: tuple[logging.Logger, io.StringIO, Clock]) -> None:
    log, out, clock = logger
    for _ in range(1000):
        log.warning("campaign %s: the SMTP server dropped the connection (%s); reconnecting", 7, "421 4.7.0 busy")
    text = "WARNING campaign 7: the SMTP server dropped the connection (421 4.7.0 busy); reconnecting"
    assert lines(out) == [text] * 3
    log.info("something else")  # other lines pass; the count is not due yet (less than 5 s)
    assert lines(out)[3:] == ["INFO something else"]
    clock.now += 2.5
    log.warning("campaign %s: the SMTP server dropped the connection (%s); reconnecting", 7, "421 4.7.0 busy")
    clock.now += 2.5  # five seconds since the burst began: this occurrence brings the summary
    log.warning("campaign %s: the SMTP server dropped the connection (%s); reconnecting", 7, "421 4.7.0 busy")
    assert lines(out)[4:] == [f"{text} [repeated 999 more times in 5.0 s]"]
    for _ in range(10):
        log.warning("campaign %s: the SMTP server dropped the connection (%s); reconnecting", 7, "421 4.7.0 busy")
    assert len(lines(out)) == 5  # the next summary is five seconds away
    log.handlers[0].filters[0].flush()  # type: ignore[attr-defined]  # RepeatFilter
    assert lines(out)[5:] == [f"{text} [repeated 10 more times in 0.0 s]"]
    log.handlers[0].filters[0].flush()  # type: ignore[attr-defined]
    assert len(lines(out)) == 6  # nothing owed twice


def test_a_message_quiet_for_a_while_starts_afresh_after_its_count(logger: tuple[logging.Logger, io.StringIO, Clock]) -> None:
    log, out, clock = logger
    for _ in range(4):
        log.error("cannot reach %s", "db")
    clock.now += 60
    for _ in range(3):
        log.error("cannot reach %s", "db")
    assert (
        lines(out)
        == ["ERROR cannot reach db"] * 3 + ["ERROR cannot reach db [repeated 1 more time in 0.0 s]"] + ["ERROR cannot reach db"] * 3
    )


def test_another_line_after_the_interval_writes_the_count_owed(logger: tuple[logging.Logger, io.StringIO, Clock]) -> None:
    log, out, clock = logger
    for _ in range(6):
        log.warning("retrying")
        clock.now += 0.1
    clock.now += 10
    log.warning("done after %d tries", 6)
    assert lines(out) == ["WARNING retrying"] * 3 + ["WARNING retrying [repeated 3 more times in 0.2 s]", "WARNING done after 6 tries"]


def test_same_text_at_other_levels_or_loggers_is_another_message(logger: tuple[logging.Logger, io.StringIO, Clock]) -> None:
    log, out, _clock = logger
    for _ in range(5):
        log.info("x")
        log.warning("x")
    assert lines(out).count("INFO x") == 3 and lines(out).count("WARNING x") == 3


def test_each_handler_counts_for_itself_and_threads_lose_nothing(tmp_path: Path) -> None:
    log = logging.getLogger("minisip_console.test_repeats_threads")
    log.propagate, log.level = False, logging.INFO
    outs = [io.StringIO(), io.StringIO()]
    handlers = [logging.StreamHandler(o) for o in outs]
    filters = [logs.RepeatFilter(h, shown=3, every=3600.0) for h in handlers]
    for h, f in zip(handlers, filters, strict=True):
        h.addFilter(f)
        log.addHandler(h)
    try:
        workers = [threading.Thread(target=lambda: [log.warning("same") for _ in range(500)]) for _ in range(4)]
        for w in workers:
            w.start()
        for w in workers:
            w.join(30)
        for f in filters:
            f.flush()
    finally:
        for h in handlers:
            log.removeHandler(h)
    for out in outs:  # both handlers saw all 2000: 3 lines and the other 1997 counted once
        assert out.getvalue().splitlines()[:3] == ["same"] * 3
        assert out.getvalue().splitlines()[3].startswith("same [repeated 1997 more times in ")
        assert len(out.getvalue().splitlines()) == 4


def test_setup_installs_the_filter_on_the_file_and_the_recent_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = logging.getLogger()
    before_handlers, before_filters, level = list(root.handlers), list(logs.recent.filters), root.level
    monkeypatch.setattr(logs, "_configured", None)
    path = logs.setup(tmp_path)
    added = [h for h in root.handlers if h not in before_handlers]
    try:
        assert path is not None and any(isinstance(f, logs.RepeatFilter) for h in added for f in h.filters)
        assert any(isinstance(f, logs.RepeatFilter) for f in logs.recent.filters)
        log = logging.getLogger("minisip_console.test_setup")
        for _ in range(200):
            log.warning("campaign 1: the SMTP server dropped the connection (421 busy); reconnecting")
        logs.flush_repeats()
        for h in added:
            h.flush()
        written = [line for line in path.read_text("utf-8").splitlines() if "dropped the connection" in line]
        assert len(written) == logs.REPEAT_SHOWN + 1 and f"[repeated {200 - logs.REPEAT_SHOWN} more times in " in written[-1]
        assert sum("dropped the connection" in line for line in logs.recent.lines) == logs.REPEAT_SHOWN + 1
    finally:
        for h in added:
            root.removeHandler(h)
            h.close()
        root.setLevel(level)
        logs.recent.filters[:] = before_filters
        if logs.recent not in before_handlers:
            root.removeHandler(logs.recent)
