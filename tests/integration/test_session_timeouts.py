"""The window's PostgreSQL sessions never wait for ever: a lock another session holds becomes a
sentence after ``LOCK_TIMEOUT_MS``, on a real server. The command line's sessions wait their turn."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from minisip_console.core.plumbing import db
from minisip_console.core.plumbing.errors import DatabaseUnavailable

pytestmark = pytest.mark.postgres


def test_the_window_waits_for_a_held_row_lock_only_so_long_and_says_why(postgres_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(db, "LOCK_TIMEOUT_MS", 300)
    plain = db.make_engine(postgres_url)
    window = db.make_engine(postgres_url, interactive=True)
    try:
        with plain.begin() as conn:
            conn.execute(text("CREATE TABLE held (id integer PRIMARY KEY, note text)"))
            conn.execute(text("INSERT INTO held VALUES (1, 'a')"))
        with window.connect() as conn:
            assert conn.scalar(text("SHOW lock_timeout")) == "300ms"
            assert conn.scalar(text("SHOW statement_timeout")) == "2min"
        with plain.connect() as conn:  # the command line and the scheduler wait as long as it takes
            assert conn.scalar(text("SHOW lock_timeout")) == "0" and conn.scalar(text("SHOW statement_timeout")) == "0"

        with plain.connect() as other:  # another console holds the row FOR UPDATE
            other.execute(text("BEGIN"))
            other.execute(text("SELECT * FROM held WHERE id = 1 FOR UPDATE"))
            t0 = time.monotonic()
            with pytest.raises(OperationalError) as info, window.begin() as conn:
                conn.execute(text("UPDATE held SET note = 'b' WHERE id = 1"))
            waited = time.monotonic() - t0
            other.execute(text("ROLLBACK"))
        assert 0.25 <= waited < 5, waited  # the lock timeout, not the other session's whole transaction
        said = db.translate_error(info.value, window.url)
        assert isinstance(said, DatabaseUnavailable)
        assert "another session holds a lock on the rows or the table this needs" in said.message
        assert "lock timeout" in said.message and "try again" in (said.hint or "")
        with plain.connect() as conn:
            assert conn.scalar(text("SELECT note FROM held WHERE id = 1")) == "a"  # nothing half done
    finally:
        plain.dispose()
        window.dispose()
