"""What every command group shares: exit statuses, output, a password from stdin, how a time
is printed, and Ctrl+C during long work (the argument types are ``commands/arguments.py``;
choosing and opening the database, ``commands/opening.py``).

Exit status: ``EXIT_OK`` (0) done, ``EXIT_FAILED`` (1) a check failed or work was refused,
``EXIT_USAGE`` (2) bad usage or input. ``Output`` prints a handler's result as text, or as one
JSON object with ``--json`` (errors too); progress goes to stderr, and never with ``--json``.
``stamp`` is the one way a command prints a moment (UTC, to the minute or the second);
``CancelOnSignal`` turns SIGINT (Ctrl+C) and SIGTERM into a request to stop between steps (a
purge's batches, a deletion's steps), and a second one into stopping at once.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import signal
import sys
import threading
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from minisip_console.core.plumbing import jsontime
from minisip_console.core.plumbing.errors import InvalidInput

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class Output:
    """Where a command's answer goes: ``result`` and ``error`` on stdout as one JSON object with
    ``--json``, else as text (an error on stderr); ``progress`` lines on stderr, text only.
    With ``--json`` every moment is ``2026-12-07T10:34:56+00:00`` (``core.plumbing.jsontime``)."""

    def __init__(self, as_json: bool, out: TextIO, err: TextIO) -> None:
        self.as_json = as_json
        self.out = out
        self.err = err

    def result(self, data: dict[str, Any], text: str) -> None:
        if self.as_json:
            # every moment in one form (core.plumbing.jsontime): UTC to the second, +00:00
            json.dump(jsontime.jsonable(data), self.out, sort_keys=True, default=jsontime.default)
            self.out.write("\n")
        else:
            self.out.write(text.rstrip("\n") + "\n")

    def error(self, message: str, hint: str | None, code: int) -> None:
        if self.as_json:
            json.dump({"ok": False, "error": message, "hint": hint, "exit_code": code}, self.out, sort_keys=True)
            self.out.write("\n")
        else:
            self.err.write(f"error: {message}\n")
            if hint:
                self.err.write(f"  {hint}\n")

    def progress(self, text: str) -> None:
        if not self.as_json:
            self.err.write(text + "\n")
            self.err.flush()


def read_password(*, hint: str = "Pipe the password in, e.g. from your password manager.") -> str:
    """One line of standard input, for ``--password-stdin``; an empty one is ``InvalidInput``."""
    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise InvalidInput("--password-stdin read an empty password.", hint=hint)
    return password


def command_group(sub: Any, name: str, help: str) -> Any:
    """``minisip-console NAME ACTION ...``: the group's parser under ``sub``; returns the subparsers
    its actions are added to (an action is required; they share the parser class of ``sub``)."""
    group: argparse.ArgumentParser = sub.add_parser(name, help=help)
    return group.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=type(group))


def existing_folder(folder: Path) -> Path:
    """``folder``, which an ``--out`` file or folder goes into: it must exist (checked before
    connecting: bad input changes nothing)."""
    if not folder.is_dir():
        raise InvalidInput(f"The folder {folder} does not exist.", hint="Create it first or choose another --out.")
    return folder


def out_file(raw: str | Path, what: str, suffixes: Collection[str], kinds: str) -> Path:
    """``--out`` for ``what`` ("a certificate"): a file name ending in one of ``suffixes``
    (``kinds``: "a .json or .html"), in a folder that exists; ``InvalidInput`` before connecting."""
    path = Path(raw).expanduser()
    suffix = path.suffix.lower()
    if suffix not in suffixes:
        raise InvalidInput(f"Cannot write {what} as {suffix or 'a file without an extension'} ({raw}).", hint=f"Use {kinds} file name.")
    existing_folder(path.parent)
    return path


def rejection_code(raw: str, note: str, reasons: Collection[str]) -> str:
    """A rejection's reason code, one of ``reasons`` (any case); ``other`` needs a ``note``."""
    code = raw.strip().lower()
    if code not in reasons:
        raise InvalidInput(f"Unknown rejection reason {raw[:40]!r}.", hint=f"Use one of: {', '.join(reasons)}.")
    if code == "other" and not note.strip():
        raise InvalidInput("A rejection for another reason needs a note explaining it.", hint="Add --note TEXT.")
    return code


def audit_head_line(head: str) -> str:
    """The line under a certificate, a receipt or a report naming the audit head it was made under."""
    return f"  audit head: {head} (check it later: minisip-console audit verify --expect-head {head})"


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
