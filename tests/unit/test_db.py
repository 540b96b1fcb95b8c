"""Database URLs, engines and the sentences an operator reads when a database fails."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session

from minisip_console.core.models import MarketingPermission
from minisip_console.core.plumbing import db
from minisip_console.core.plumbing.errors import DatabaseUnavailable, InvalidInput

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


@pytest.mark.parametrize(
    "raw",
    [
        "postgres://ops@db.example.com:5433/minisip",
        "postgresql://ops@db.example.com:5433/minisip",
        "postgresql+psycopg2://ops@db.example.com:5433/minisip",
    ],
)
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


@pytest.mark.parametrize(
    "query",
    [
        "password=x",
        "PassWord=x",
        "PASSWORD=x",
        "pass%77ord=x",
        "pass%2577ord=x",
        "%50%41%53%53%57%4F%52%44=x",
        "sslpassword=x",
        "SSL_Password=x",
        "oauth_client_secret=x",
        "oauth-client-secret=x",
        "pgpassword=x",
        "db_passwd=x",
        "pwd=x",
        "sslmode=require&password=x",
        "password=x&password=y",
    ],
)
def test_a_secret_in_the_query_is_refused_in_any_spelling(query: str) -> None:
    for raw in (f"postgresql://ops@db.example.com/minisip?{query}", f"sqlite:///x.db?{query}"):
        with pytest.raises(InvalidInput) as caught:
            db.parse_url(raw)
        assert caught.value.message.startswith("The database URL has a secret in its query (")
        assert "=x" not in str(caught.value) and "'x'" not in str(caught.value)  # the value is never echoed
        assert caught.value.exit_code == 2


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("passfile=/home/ops/.pgpass", "names a password file (passfile)"),
        ("PassFile=/home/ops/.pgpass", "names a password file (passfile)"),
        ("sslkeylogfile=/tmp/keys", "names a key log file (sslkeylogfile)"),
    ],
)
def test_parameters_that_point_at_a_secret_are_refused(query: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=re.escape(message)):
        db.parse_url(f"postgresql://ops@db.example.com/minisip?{query}")


def test_key_and_certificate_paths_are_accepted() -> None:
    query = "sslmode=verify-full&sslkey=/home/ops/k.pem&sslcert=/home/ops/c.pem&sslrootcert=/etc/ca.pem&sslcrl=/etc/crl.pem&service=prod"
    url = db.parse_url(f"postgresql://ops@db.example.com/minisip?{query}")
    assert url.query["sslkey"] == "/home/ops/k.pem"


def test_user_password_is_for_a_url_in_memory_and_refused_for_a_stored_one() -> None:
    assert db.parse_url(f"postgresql://ops:{SECRET}@db.example.com/minisip").password == SECRET
    with pytest.raises(InvalidInput, match="a stored profile keeps passwords only in the OS keyring"):
        db.parse_url(f"postgresql://ops:{SECRET}@db.example.com/minisip", password_allowed=False)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("postgresql://ops@db.example.com:abc/minisip", "That is not a database URL."),
        ("postgresql://ops@[::1/minisip", "That is not a database URL."),
        ("postgresql://ops@db.example.com:0/minisip", "The port 0 is not a port number."),
        ("postgresql://ops@db.example.com:99999999999/minisip", "The port 99999999999 is not a port number."),
        ("sqlite:///a\x00b.db", "The database URL contains a control character."),
        ("sqlite:///a%00b.db", "The database URL contains a control character."),
        ("postgresql://ops@db.example.com/mini\nsip", "The database URL contains a control character."),
    ],
)
def test_a_malformed_url_is_a_sentence_not_a_value_error(raw: str, message: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        db.parse_url(raw)
    assert caught.value.message == message


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
        (
            PG_URL,
            'connection failed: FATAL:  password authentication failed for user "ops"',
            "the server refused the password for user 'ops'",
            "given with the URL",
        ),
        (
            PG_URL,
            "fe_sendauth: no password supplied",
            "the server wants a password for user 'ops' and none was given",
            "given with the URL",
        ),
        (PG_URL, 'FATAL:  database "minisip" does not exist', "the server has no database named 'minisip'", "minisip-console db upgrade"),
        (PG_URL, 'FATAL:  role "ops" does not exist', "the server has no user 'ops'", "user name"),
        (
            PG_URL,
            "connection failed: Connection refused\n\tIs the server running on that host?",
            "cannot reach the database server",
            "host and port",
        ),
        (PG_URL, "timeout expired", "cannot reach the database server", "host and port"),
        (PG_URL, 'failed to resolve host "db.example.com": Name or service not known', "cannot reach the database server", "host and port"),
        (PG_URL, "SSL error: certificate verify failed", "the TLS connection failed (SSL error: certificate verify failed)", "TLS mode"),
        (SQLITE_URL, "unable to open database file", "cannot open the file", "read and write"),
        (SQLITE_URL, "file is not a database", "this file is not an SQLite database", "another file"),
        # what another writer, a full disk or a read-only file makes of a command's own write
        (SQLITE_URL, "database is locked", "database is locked: another program kept writing to it for more than 5 s", "try again"),
        (PG_URL, "canceling statement due to lock timeout", "another session holds a lock on the rows or the table", "try again"),
        (PG_URL, "canceling statement due to statement timeout", "the database took too long to answer", "command line"),
        (PG_URL, "deadlock detected\nDETAIL: Process 1 waits", "this needs (deadlock detected)", "try again"),
        (SQLITE_URL, "database or disk is full", "the database's disk is full (database or disk is full)", "Free space"),
        (PG_URL, 'could not extend file "base/1/2": No space left on device', "the database's disk is full", "Free space"),
        (SQLITE_URL, "attempt to write a readonly database", "the database may only be read here", "a copy you may write"),
    ],
)
def test_translate_error_names_the_database_and_what_to_do(url: URL, driver_message: str, expected: str, hint: str) -> None:
    error = db.translate_error(_driver_error(driver_message), url)
    assert isinstance(error, DatabaseUnavailable)
    assert error.message.startswith(db.describe(url) + ": ")
    assert expected in error.message
    assert error.hint is not None and hint in error.hint
    assert SECRET not in str(error)


def test_a_refused_password_says_where_it_came_from() -> None:
    refused = _driver_error('FATAL:  password authentication failed for user "ops"')
    # --database with user:password@ (or typed in the connect dialog): not the keyring
    from_url = db.translate_error(refused, PG_URL).hint or ""
    assert "given with the URL" in from_url and "it is not read from the OS keyring" in from_url
    # a profile's password, read from the keyring (profiles.resolve_url notes the URL)
    keyring_url = make_url(f"postgresql+psycopg://ops:{SECRET}-2@db.example.com:5433/minisip")
    db.note_profile_url(keyring_url, "prod")
    from_keyring = db.translate_error(refused, keyring_url).hint or ""
    assert "OS keyring entry of profile 'prod'" in from_keyring and "--password-stdin --replace" in from_keyring
    # the same URL without that password is not the profile's
    assert "keyring entry" not in (db.translate_error(refused, keyring_url.set(password="other")).hint or "")
    # no password at all: libpq's own sources
    no_password = make_url("postgresql+psycopg://ops@db.example.com:5433/minisip")
    none_given = db.translate_error(_driver_error("fe_sendauth: no password supplied"), no_password).hint or ""
    assert "PGPASSWORD" in none_given and "~/.pgpass" in none_given
    # a profile with no password in the keyring
    bare = make_url("postgresql+psycopg://ops@db.example.com:5433/other")
    db.note_profile_url(bare, "stage")
    assert "Profile 'stage' has no password in the OS keyring" in (db.translate_error(refused, bare).hint or "")
    for error in (from_url, from_keyring, none_given):
        assert SECRET not in error


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
