"""Database URLs, engines and the sentences an operator reads when a database fails."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session

from minisip_console.core import db
from minisip_console.core.errors import DatabaseUnavailable, InvalidInput
from minisip_console.core.models import MarketingPermission

SECRET = "s3cret-Pa55"


# --------------------------------------------------------------------------- parse_url


@pytest.mark.parametrize(
    ("raw", "message", "hint"),
    [
        ("", "The database URL is empty.", "postgresql://user@host:5432/"),
        ("   ", "The database URL is empty.", "postgresql://user@host:5432/"),
        ("garbage", "That is not a database URL.", "sqlite:///path/to/file.db"),
        ("://", "That is not a database URL.", "postgresql://user@host:5432/database"),
        ("mysql://root@db.example.com/minisip", "Unsupported database type 'mysql'.", "PostgreSQL (postgresql://) and SQLite"),
        ("http://example.com/minisip", "Unsupported database type 'http'.", "PostgreSQL (postgresql://) and SQLite"),
        ("postgresql://user@/minisip", "The PostgreSQL URL names no host.", "postgresql://user@db.example.com/minisip"),
        ("postgresql://user@db.example.com", "The PostgreSQL URL names no database.", "Add /DATABASE"),
        ("postgresql://user@db.example.com/", "The PostgreSQL URL names no database.", "Add /DATABASE"),
        ("sqlite://", "The SQLite URL names no file.", "sqlite:///relative/path.db"),
    ],
)
def test_parse_url_refuses_with_a_helpful_message(raw: str, message: str, hint: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        db.parse_url(raw)
    assert caught.value.message == message
    assert caught.value.hint is not None and hint in caught.value.hint
    assert caught.value.exit_code == 2  # bad input, ARCHITECTURE.md


@pytest.mark.parametrize("raw", ["postgres://ops@db.example.com:5433/minisip", "postgresql://ops@db.example.com:5433/minisip", "postgresql+psycopg2://ops@db.example.com:5433/minisip"])
def test_postgresql_urls_use_psycopg_3(raw: str) -> None:
    url = db.parse_url(raw)
    assert url.get_backend_name() == "postgresql"
    assert url.get_driver_name() == "psycopg"
    assert (url.host, url.port, url.database, url.username) == ("db.example.com", 5433, "minisip", "ops")
    engine = db.make_engine(url)  # creating an engine connects to nothing
    try:
        assert engine.dialect.driver == "psycopg"
    finally:
        engine.dispose()


def test_an_explicit_driver_is_kept() -> None:
    assert db.parse_url("postgresql+psycopg://ops@h/minisip").drivername == "postgresql+psycopg"


def test_a_socket_directory_counts_as_a_host() -> None:
    assert db.parse_url("postgresql:///minisip?host=/run/postgresql").database == "minisip"


def test_sqlite_urls_and_memory() -> None:
    assert db.parse_url("sqlite:///relative.db").database == "relative.db"
    assert db.parse_url("sqlite:////abs/file.db").database == "/abs/file.db"
    assert db.parse_url("sqlite:///:memory:").database == ":memory:"
    assert db.parse_url("  sqlite:///spaces.db  ").database == "spaces.db"


def test_describe_never_shows_the_password() -> None:
    url = db.parse_url(f"postgresql://ops:{SECRET}@db.example.com:5433/minisip")
    label = db.describe(url)
    assert label == "PostgreSQL ops@db.example.com:5433/minisip"
    assert SECRET not in label
    assert db.describe(db.parse_url("sqlite:///x.db")) == "SQLite x.db"


# --------------------------------------------------------------------------- translate_error

PG_URL = make_url(f"postgresql+psycopg://ops:{SECRET}@db.example.com:5433/minisip")
SQLITE_URL = make_url("sqlite:////srv/minisip.db")


def _driver_error(message: str) -> OperationalError:
    return OperationalError("SELECT 1", {}, Exception(message))


@pytest.mark.parametrize(
    ("url", "driver_message", "expected", "hint"),
    [
        (PG_URL, 'connection failed: FATAL:  password authentication failed for user "ops"', "the server refused the password for user 'ops'", "keyring"),
        (PG_URL, "fe_sendauth: no password supplied", "the server refused the password for user 'ops'", "keyring"),
        (PG_URL, 'FATAL:  database "minisip" does not exist', "the server has no database named 'minisip'", "minisip-console db upgrade"),
        (PG_URL, 'FATAL:  role "ops" does not exist', "the server has no user 'ops'", "user name"),
        (PG_URL, "connection failed: Connection refused\n\tIs the server running on that host?", "cannot reach the database server", "host and port"),
        (PG_URL, "timeout expired", "cannot reach the database server", "host and port"),
        (PG_URL, 'failed to resolve host "db.example.com": Name or service not known', "cannot reach the database server", "host and port"),
        (PG_URL, "SSL error: certificate verify failed", "the TLS connection failed (SSL error: certificate verify failed)", "TLS mode"),
        (SQLITE_URL, "unable to open database file", "cannot open the file", "read and write"),
        (SQLITE_URL, "file is not a database", "this file is not an SQLite database", "another file"),
    ],
)
def test_translate_error_names_the_database_and_what_to_do(url: URL, driver_message: str, expected: str, hint: str) -> None:
    error = db.translate_error(_driver_error(driver_message), url)
    assert isinstance(error, DatabaseUnavailable)
    assert error.message.startswith(db.describe(url) + ": ")
    assert expected in error.message
    assert error.hint is not None and hint in error.hint
    assert SECRET not in str(error)


def test_translate_error_falls_back_to_the_first_line_of_the_driver_message() -> None:
    error = db.translate_error(_driver_error("something odd happened\nDETAIL: with a second line"), PG_URL)
    assert error.message == "PostgreSQL ops@db.example.com:5433/minisip: something odd happened"
    assert error.hint is None


def test_translated_turns_driver_errors_into_database_unavailable() -> None:
    with pytest.raises(DatabaseUnavailable, match="cannot reach the database server"):
        with db.translated(PG_URL):
            raise DBAPIError("SELECT 1", {}, Exception("could not connect to server"))
    with pytest.raises(ZeroDivisionError):  # a programming error is not dressed up as a known one
        with db.translated(PG_URL):
            raise ZeroDivisionError


def test_a_file_that_is_not_a_database_gives_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are not the pages of an SQLite database" * 100)
    engine = db.make_engine(f"sqlite:///{path}")
    try:
        with pytest.raises(DatabaseUnavailable, match="this file is not an SQLite database"):
            db.check_connection(engine)
    finally:
        engine.dispose()


def test_a_missing_folder_is_refused_before_connecting(tmp_path: Path) -> None:
    with pytest.raises(DatabaseUnavailable, match="folder for the SQLite database does not exist") as caught:
        db.make_engine(f"sqlite:///{tmp_path / 'nowhere' / 'x.db'}")
    assert str(tmp_path / "nowhere") in caught.value.message


# --------------------------------------------------------------------------- SQLite engine


def test_sqlite_engine_uses_wal_and_foreign_keys(sqlite_url: str) -> None:
    engine = db.make_engine(sqlite_url)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 5000
    finally:
        engine.dispose()


def test_sqlite_enforces_foreign_keys(sqlite_url: str) -> None:
    engine = db.make_engine(sqlite_url)
    try:
        db.upgrade(engine)
        with pytest.raises(IntegrityError, match="FOREIGN KEY"):
            with Session(engine) as session, session.begin():
                session.add(MarketingPermission(account_id=424242, granted=True, evidence="ticket 1"))
    finally:
        engine.dispose()


def test_make_engine_puts_the_keyring_password_only_in_the_url() -> None:
    engine = db.make_engine("postgresql://ops@db.example.com/minisip", password=SECRET)
    try:
        assert engine.url.password == SECRET
        assert SECRET not in repr(engine)
        assert SECRET not in str(engine.url)  # SQLAlchemy masks it when rendering
    finally:
        engine.dispose()
