"""Exclusive locks for long work (a purge, a deletion run, a campaign) that die with their holder.

Two purges at once must not both run: the second is refused while the first holds its lock. A
lock that a killed process leaves behind must not block the next run forever, so the lock is
one the operating system or the database server releases when its holder dies:

- PostgreSQL: a session-level advisory lock (``pg_try_advisory_lock``) on a connection kept open
  for the whole run; the server releases it when that connection ends, killed process included.
- MariaDB/MySQL: a named lock (``GET_LOCK(name, 0)``) on a connection kept open for the whole
  run; the server releases it when that connection ends, killed process included.
- SQLite file: an OS file lock (``fcntl.flock`` on POSIX, ``msvcrt.locking`` on Windows) on a
  small file beside the database; the OS releases it when the process ends.
- SQLite in memory: a lock in this process (nothing else can open that database).

The lock only says *whether* someone holds it; what they are doing is in the database (a purge
run in state ``running``), so the refusal can name the run, who started it and when.
"""

from __future__ import annotations

import hashlib
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

from sqlalchemy import Engine, text

from minisip_console.core.plumbing import db
from minisip_console.core.plumbing.errors import ConsoleError
from minisip_console.core.text import say


class LockHeld(ConsoleError):
    """Someone else is doing this work right now."""


_memory_locks: dict[str, threading.Lock] = {}
_memory_guard = threading.Lock()


def advisory_key(name: str) -> int:
    """A stable signed 64-bit key for ``name`` (PostgreSQL advisory locks take a bigint)."""
    return int.from_bytes(hashlib.sha256(f"minisip-console:{name}".encode()).digest()[:8], "big", signed=True)


def lock_file_path(engine: Engine, name: str) -> Path | None:
    path = db.sqlite_path(engine.url)
    return None if path is None else path.with_name(f"{path.name}.{name}.lock")


@contextmanager
def exclusive(engine: Engine, name: str, *, busy_message: str = "", hint: str | None = None) -> Iterator[None]:
    """Hold the lock ``name`` for this database until the block ends, or raise ``LockHeld``."""
    busy = busy_message or say("Another process is already running {name} on this database.", name=name)
    backend = engine.url.get_backend_name()
    if backend == "postgresql":
        with _pg_lock(engine, name, busy, hint):
            yield
    elif backend in ("mysql", "mariadb"):
        with _mysql_lock(engine, name, busy, hint):
            yield
    elif (path := lock_file_path(engine, name)) is not None:
        with _file_lock(path, busy, hint):
            yield
    else:
        with _memory_lock(f"{engine.url}:{name}", busy, hint):
            yield


def _pg_lock(engine: Engine, name: str, busy: str, hint: str | None) -> AbstractContextManager[None]:
    key = advisory_key(name)
    return _session_lock(engine, "SELECT pg_try_advisory_lock(:k)", "SELECT pg_advisory_unlock(:k)", key, busy, hint)


def mysql_lock_name(name: str) -> str:
    """The server-wide name of a MariaDB/MySQL named lock (at most 64 characters): per database, as
    PostgreSQL's advisory locks are (a ``GET_LOCK`` name is the server's, not the database's)."""
    return f"minisip-console:{name}"


def _mysql_lock(engine: Engine, name: str, busy: str, hint: str | None) -> AbstractContextManager[None]:
    database = engine.url.database or ""
    key = mysql_lock_name(f"{database}:{name}")
    if len(key) > 64:
        key = f"minisip-console:{hashlib.sha256(key.encode()).hexdigest()[:40]}"
    return _session_lock(engine, "SELECT GET_LOCK(:k, 0)", "SELECT RELEASE_LOCK(:k)", key, busy, hint)


@contextmanager
def _session_lock(engine: Engine, take: str, release: str, key: object, busy: str, hint: str | None) -> Iterator[None]:
    """A lock held by one connection of the server (PostgreSQL's advisory lock, MariaDB's ``GET_LOCK``):
    ``take`` answers true (1) when it was free; it dies with the connection, so a killed holder frees it."""
    with db.translated(engine.url):
        conn = engine.connect()
    try:
        with db.translated(engine.url):
            got = conn.execute(text(take), {"k": key}).scalar()
            conn.commit()  # the lock is the session's, not the transaction's: keep no transaction open
        if not got:
            raise LockHeld(busy, hint=hint)
        try:
            yield
        finally:
            try:
                conn.execute(text(release), {"k": key})
                conn.commit()
            except Exception:  # noqa: BLE001 - the connection is gone; so is the lock
                conn.invalidate()
    finally:
        conn.close()


@contextmanager
def _file_lock(path: Path, busy: str, hint: str | None) -> Iterator[None]:
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        if not _try_lock_fd(fd):
            raise LockHeld(busy, hint=hint)
        try:
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
            yield
        finally:
            _unlock_fd(fd)
    finally:
        os.close(fd)


if sys.platform == "win32":  # pragma: no cover - exercised on the Windows desktops
    import msvcrt

    def _try_lock_fd(fd: int) -> bool:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock_fd(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock_fd(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock_fd(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


@contextmanager
def _memory_lock(key: str, busy: str, hint: str | None) -> Iterator[None]:
    with _memory_guard:
        lock = _memory_locks.setdefault(key, threading.Lock())
    if not lock.acquire(blocking=False):
        raise LockHeld(busy, hint=hint)
    try:
        yield
    finally:
        lock.release()
