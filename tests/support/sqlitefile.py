"""Reading and changing an SQLite file behind the console's back, as the tests do: one connection
per use, committed (or rolled back) and always closed (``with sqlite3.connect(...)`` only ends the
transaction: the connection stays open until the garbage collector finds it, which Python 3.13
reports as a ResourceWarning, and Windows as a file still in use)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path


@contextmanager
def sqlite_file(path: Path | str) -> Iterator[sqlite3.Connection]:
    """A connection in a transaction: committed when the block ends, rolled back if it raises, then closed."""
    with closing(sqlite3.connect(path)) as conn, conn:
        yield conn


def query(path: Path | str, sql: str, *params: object) -> list[tuple[object, ...]]:
    with sqlite_file(path) as conn:
        return conn.execute(sql, params).fetchall()
