"""The console with a real Secret Service keyring and a real PostgreSQL server.

The password goes in through ``--password-stdin`` and from then on lives only in the keyring:
not in the profile file, not in a log, not on the terminal, not in an error message.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import keyring
import keyring.backends.SecretService
import pytest
import secretstorage

from minisip_console.core.plumbing import db, secrets
from minisip_console.core.plumbing.errors import KeyringUnavailable
from tests.support.cli import files_under, run_console
from tests.support.pgserver import PostgresServer
from tests.support.secret_service import SecretServiceSession

pytestmark = pytest.mark.keyring

HEAD = db.head_revision()


@dataclass(frozen=True)
class Server:
    """The throwaway PostgreSQL server: where it is and the password it wants."""

    port: int
    password: str
    database: str

    def url(self, database: str | None = None, *, port: int | None = None) -> str:
        return f"postgresql://postgres@127.0.0.1:{port or self.port}/{database or self.database}"


@pytest.fixture
def server(postgres_server: PostgresServer) -> Server:
    return Server(postgres_server.port, postgres_server.password, postgres_server.create_database())


@pytest.fixture
def collection(secret_service: SecretServiceSession) -> Iterator[secretstorage.Collection]:
    connection = secretstorage.dbus_init()  # DBUS_SESSION_BUS_ADDRESS is the private bus
    try:
        yield secretstorage.get_default_collection(connection)
    finally:
        connection.close()


def console(config: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return run_console(*args, config_dir=config, stdin=stdin)


def add_profile(config: Path, name: str, url: str, password: str) -> subprocess.CompletedProcess[str]:
    return console(config, "profile", "add", name, "--url", url, "--password-stdin", stdin=password + "\n")


def assert_nowhere(secret: str, config: Path, *outputs: str) -> None:
    """The secret is in no output and in no file the console wrote (profiles, logs, data)."""
    for text in outputs:
        assert secret not in text
    written = files_under(config)
    assert written, "the console wrote nothing at all: the check would be empty"
    for path in written:
        assert secret.encode() not in path.read_bytes(), f"the password is in {path}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --------------------------------------------------------------------------- the backend


def _backend_of_a_fresh_process() -> dict[str, object]:
    """What keyring picks, and what the console makes of it, in a new process (as the CLI does)."""
    code = (
        "import json, keyring; from minisip_console.core.plumbing import secrets; b = keyring.get_keyring(); i = secrets.backend_info(); "
        "print(json.dumps({'backend': f'{type(b).__module__}.{type(b).__name__}', 'usable': i.usable, 'name': i.name}))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_backend_is_the_secret_service(secret_service: SecretServiceSession) -> None:
    """With keyrings.alt installed, keyring silently falls back to a plain file: that must fail here."""
    found = _backend_of_a_fresh_process()
    assert found == {"backend": "keyring.backends.SecretService.Keyring", "usable": True, "name": "keyring.backends.SecretService.Keyring"}


def test_the_backend_check_can_fail(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Without a session bus keyring picks another backend, and the check above would say so."""
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    found = _backend_of_a_fresh_process()
    assert found["backend"] != "keyring.backends.SecretService.Keyring"
    assert found["usable"] is False


def test_a_stored_password_is_encrypted_at_rest(secret_service: SecretServiceSession) -> None:
    secrets.set_password("prod", "at-rest-Pw-77")
    assert secrets.get_password("prod") == "at-rest-Pw-77"
    keyring_files = files_under(secret_service.keyring_dir)
    assert keyring_files
    for path in keyring_files:
        assert b"at-rest-Pw-77" not in path.read_bytes()


# --------------------------------------------------------------------------- the whole path


@pytest.mark.postgres
def test_profile_add_upgrade_remove(
    secret_service: SecretServiceSession, collection: secretstorage.Collection, server: Server, isolated_config: Path
) -> None:
    added = add_profile(isolated_config, "prod", server.url(), server.password)
    assert added.returncode == 0, added.stderr
    assert "its password is in the OS keyring" in added.stdout

    # in the Secret Service, under the console's service name, and nowhere else
    assert keyring.get_password(secrets.SERVICE, "db:prod") == server.password
    (item,) = collection.search_items({"service": secrets.SERVICE, "username": "db:prod"})
    assert item.get_secret().decode() == server.password
    assert "password" not in (isolated_config / "profiles.json").read_text()

    first = console(isolated_config, "db", "upgrade", "--profile", "prod")
    assert first.returncode == 0, first.stderr
    assert (
        first.stdout == f"prod: PostgreSQL postgres@127.0.0.1:{server.port}/{server.database}: upgraded from an empty database to {HEAD}.\n"
    )
    second = console(isolated_config, "db", "upgrade", "--profile", "prod")
    assert second.returncode == 0, second.stderr
    assert second.stdout.endswith(f"already at {HEAD}; nothing to do.\n")
    status = console(isolated_config, "--profile", "prod", "db", "status", "--json")
    assert status.returncode == 0, status.stdout

    assert_nowhere(
        server.password,
        isolated_config,
        added.stdout,
        added.stderr,
        first.stdout,
        first.stderr,
        second.stdout,
        second.stderr,
        status.stdout,
        status.stderr,
    )
    assert any(p.suffix == ".log" for p in files_under(isolated_config)), "the logs were searched too"

    removed = console(isolated_config, "profile", "remove", "prod")
    assert removed.returncode == 0, removed.stderr
    assert removed.stdout == "Removed profile 'prod' and its password from the OS keyring.\n"
    assert keyring.get_password(secrets.SERVICE, "db:prod") is None
    assert list(collection.search_items({"service": secrets.SERVICE})) == []
    assert "prod" not in console(isolated_config, "profile", "list").stdout


@pytest.mark.postgres
def test_a_wrong_password_is_refused_without_showing_it(
    secret_service: SecretServiceSession, server: Server, isolated_config: Path
) -> None:
    wrong = "definitely-Wrong-pw-31"
    assert add_profile(isolated_config, "prod", server.url(), wrong).returncode == 0
    result = console(isolated_config, "db", "upgrade", "--profile", "prod")
    assert result.returncode == 1
    assert (
        f"error: PostgreSQL postgres@127.0.0.1:{server.port}/{server.database}: the server refused the password for user 'postgres'."
        in result.stderr
    )
    assert "read from the OS keyring entry of profile 'prod'" in result.stderr  # the hint says where the password comes from
    assert "Traceback" not in result.stderr
    assert_nowhere(wrong, isolated_config, result.stdout, result.stderr)
    assert_nowhere(server.password, isolated_config, result.stdout, result.stderr)


@pytest.mark.postgres
def test_a_wrong_password_in_a_database_url_is_not_blamed_on_the_keyring(server: Server, isolated_config: Path) -> None:
    wrong = "definitely-Wrong-pw-32"
    url = server.url().replace("postgres@", f"postgres:{wrong}@")
    result = console(isolated_config, "db", "status", "--database", url)
    assert result.returncode == 1
    assert "the server refused the password for user 'postgres'." in result.stderr
    assert "the one given with the URL (user:password@)" in result.stderr
    assert "read from the OS keyring entry" not in result.stderr
    assert "Traceback" not in result.stderr
    assert_nowhere(wrong, isolated_config, result.stdout, result.stderr)


@pytest.mark.postgres
def test_an_unknown_database_is_named(secret_service: SecretServiceSession, server: Server, isolated_config: Path) -> None:
    assert add_profile(isolated_config, "prod", server.url("no_such_db"), server.password).returncode == 0
    result = console(isolated_config, "db", "upgrade", "--profile", "prod")
    assert result.returncode == 1
    assert "the server has no database named 'no_such_db'." in result.stderr
    assert "createdb" in result.stderr
    assert_nowhere(server.password, isolated_config, result.stdout, result.stderr)


def test_an_unreachable_server_is_a_clear_message(secret_service: SecretServiceSession, isolated_config: Path) -> None:
    port = _free_port()  # nothing listens there
    url = f"postgresql://postgres@127.0.0.1:{port}/minisip"
    assert add_profile(isolated_config, "prod", url, "unused-Pw-12").returncode == 0
    result = console(isolated_config, "db", "upgrade", "--profile", "prod")
    assert result.returncode == 1
    assert f"error: PostgreSQL postgres@127.0.0.1:{port}/minisip: cannot reach the database server." in result.stderr
    assert "Check the host and port" in result.stderr
    assert "Traceback" not in result.stderr


# --------------------------------------------------------------------------- a misconfigured keyring


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("", "it is empty"),
        ("no_such_module.Keyring", "there is no module 'no_such_module'"),
        ("keyring.backends.Windows.WinVaultKeyring", "RuntimeError"),
    ],
)
def test_a_misconfigured_keyring_backend_is_bad_usage_not_a_traceback(isolated_config: Path, value: str, reason: str) -> None:
    """keyring raises when it loads the backend PYTHON_KEYRING_BACKEND names (no Secret Service needed)."""
    result = run_console(
        "profile",
        "add",
        "prod",
        "--url",
        "postgresql://ops@db.example.com/minisip",
        "--password-stdin",
        config_dir=isolated_config,
        stdin="pw-Kz4\n",
        env={"PYTHON_KEYRING_BACKEND": value},
    )
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"error: PYTHON_KEYRING_BACKEND={value!r} does not name a keyring backend that can be loaded: ")
    assert reason in result.stderr and "Unset PYTHON_KEYRING_BACKEND" in result.stderr
    assert not (isolated_config / "profiles.json").exists()


# --------------------------------------------------------------------------- a locked keyring


def test_a_locked_keyring_is_a_clear_message(
    secret_service: SecretServiceSession, collection: secretstorage.Collection, isolated_config: Path
) -> None:
    url = "postgresql://postgres@127.0.0.1:5432/minisip"
    assert add_profile(isolated_config, "prod", url, "locked-Pw-5").returncode == 0
    profiles_before = (isolated_config / "profiles.json").read_bytes()
    collection.lock()
    assert collection.is_locked()

    with pytest.raises(KeyringUnavailable) as caught:
        secrets.get_password("prod")
    assert caught.value.message == "The OS keyring is locked (keyring.backends.SecretService.Keyring); could not read the password."
    assert caught.value.hint is not None and caught.value.hint.startswith("Unlock your keyring")

    upgrade = console(isolated_config, "db", "upgrade", "--profile", "prod")
    assert upgrade.returncode == 1
    assert "error: The OS keyring is locked" in upgrade.stderr
    assert "Unlock your keyring" in upgrade.stderr

    add = add_profile(isolated_config, "other", url, "other-Pw-6")
    assert add.returncode == 1
    assert "could not store the password" in add.stderr
    assert (isolated_config / "profiles.json").read_bytes() == profiles_before  # nothing half saved
    assert_nowhere("locked-Pw-5", isolated_config, upgrade.stdout, upgrade.stderr, add.stdout, add.stderr)
