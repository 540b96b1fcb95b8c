"""Connection profiles: a private file without passwords; passwords only in the keyring.

The keyring here is the in-memory test backend (``memory_keyring``); the real Secret Service is
tested in tests/integration/test_keyring.py.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import keyring
import pytest

from minisip_console.core.plumbing import files, profiles, secrets
from minisip_console.core.plumbing.errors import ConsoleError, InvalidInput, KeyringUnavailable, ProfileError
from minisip_console.core.plumbing.profiles import Profile, ProfileStore, profile_from_url, resolve_url, validate_name
from tests.support.keyrings import BrokenKeyring, LockedKeyring, MemoryKeyring, PlaintextKeyring

SECRET = "pw-Zq8-do-not-leak"
PG = "postgresql://ops@db.example.com:5433/minisip"


@pytest.fixture
def store(isolated_config: Path) -> ProfileStore:
    return ProfileStore()


# --------------------------------------------------------------------------- names and URLs


@pytest.mark.parametrize("name", ["prod", "Prod-2", "eu.west_1", "a", "9lives", "x" * 64, "  padded  "])
def test_usable_names(name: str) -> None:
    assert validate_name(name) == name.strip()


@pytest.mark.parametrize(
    "name",
    [
        "",
        "   ",
        "-dash-first",
        ".hidden",
        "_under",
        "x" * 65,
        "two words",
        "a/b",
        "../etc",
        "x'; DROP TABLE accounts;--",
        "naïve",
        "tab\there",
        "a\nb",
    ],
)
def test_unusable_names_are_refused(name: str) -> None:
    with pytest.raises(InvalidInput, match="is not a usable profile name") as caught:
        validate_name(name)
    assert caught.value.hint is not None and "1 to 64 letters" in caught.value.hint
    assert caught.value.exit_code == 2


def test_a_url_with_a_password_is_refused_without_echoing_it() -> None:
    with pytest.raises(InvalidInput) as caught:
        profile_from_url("prod", f"postgresql://ops:{SECRET}@db.example.com/minisip")
    assert "contains a password" in caught.value.message
    assert caught.value.hint is not None and "--password-stdin" in caught.value.hint
    assert SECRET not in str(caught.value)


def test_a_postgresql_profile_keeps_every_part_but_the_password() -> None:
    profile = profile_from_url("prod", PG + "?sslmode=require&application_name=x", tls_mode=None)
    assert profile == Profile(
        name="prod",
        driver="postgresql",
        host="db.example.com",
        port=5433,
        database="minisip",
        user="ops",
        tls_mode="require",
        extra={"application_name": "x"},
    )
    assert profile.needs_password
    url = profile.url()
    assert url.drivername == "postgresql+psycopg"
    assert url.password is None
    assert url.query["sslmode"] == "require"


def test_the_tls_option_wins_over_the_url_and_must_be_known() -> None:
    assert profile_from_url("prod", PG + "?sslmode=disable", tls_mode="verify-full").tls_mode == "verify-full"
    assert profile_from_url("prod", PG).tls_mode == "prefer"
    with pytest.raises(InvalidInput, match="Unknown TLS mode 'sometimes'"):
        profile_from_url("prod", PG + "?sslmode=sometimes")


def test_a_sqlite_profile_stores_an_absolute_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    profile = profile_from_url("demo", "sqlite:///demo.db")
    assert profile.driver == "sqlite"
    assert profile.database == str(tmp_path / "demo.db")
    assert not profile.needs_password
    assert profile.url().database == str(tmp_path / "demo.db")


def test_a_bad_url_is_refused_before_anything_is_built() -> None:
    with pytest.raises(InvalidInput, match="Unsupported database type 'mysql'"):
        profile_from_url("prod", "mysql://ops@db/minisip")


# --------------------------------------------------------------------------- the store


def test_add_list_get_remove(store: ProfileStore, memory_keyring: MemoryKeyring) -> None:
    assert store.list() == []
    prod = profile_from_url("prod", PG)
    demo = profile_from_url("demo", "sqlite:////srv/demo.db")
    store.add(prod, password=SECRET)
    store.add(demo)
    assert [p.name for p in store.list()] == ["demo", "prod"]
    assert store.get("prod") == prod
    assert memory_keyring.entries == {(secrets.SERVICE, "db:prod"): SECRET}
    assert resolve_url(store.get("prod")).password == SECRET
    assert resolve_url(store.get("demo")).password is None

    assert store.remove("prod") is True
    assert memory_keyring.entries == {}
    assert [p.name for p in store.list()] == ["demo"]
    assert store.remove("demo") is False  # nothing was in the keyring for it
    assert store.list() == []


def test_a_duplicate_is_refused_unless_replacing(store: ProfileStore, memory_keyring: MemoryKeyring) -> None:
    store.add(profile_from_url("prod", PG), password="old")
    with pytest.raises(ProfileError, match="A profile named 'prod' exists already"):
        store.add(profile_from_url("prod", "postgresql://ops@other.example.com/minisip"), password="new")
    assert store.get("prod").host == "db.example.com"
    assert memory_keyring.entries[(secrets.SERVICE, "db:prod")] == "old"  # the refused add stored nothing
    store.add(profile_from_url("prod", "postgresql://ops@other.example.com/minisip"), password="new", replace=True)
    assert store.get("prod").host == "other.example.com"
    assert memory_keyring.entries[(secrets.SERVICE, "db:prod")] == "new"


def test_an_unknown_profile_names_the_known_ones(store: ProfileStore, memory_keyring: MemoryKeyring) -> None:
    with pytest.raises(ProfileError, match=r"No profile named 'prod' \(known: none yet\)") as caught:
        store.get("prod")
    assert caught.value.hint is not None and "minisip-console profile add" in caught.value.hint
    store.add(profile_from_url("staging", PG))
    with pytest.raises(ProfileError, match=r"known: staging"):
        store.remove("prod")


def test_a_sqlite_profile_can_be_removed_without_a_keyring(store: ProfileStore) -> None:
    """The autouse fixture leaves keyring's ``fail`` backend: no OS keyring at all."""
    store.add(profile_from_url("demo", "sqlite:////srv/demo.db"))
    assert store.remove("demo") is False
    assert store.list() == []
    store.add(profile_from_url("prod", PG))
    with pytest.raises(KeyringUnavailable, match="No usable OS keyring"):
        store.remove("prod")  # its password may be in a keyring we cannot reach: keep the profile
    assert [p.name for p in store.list()] == ["prod"]


def test_remove_also_deletes_the_smtp_password(store: ProfileStore, memory_keyring: MemoryKeyring) -> None:
    store.add(profile_from_url("prod", PG), password=SECRET)
    secrets.set_password("prod", "smtp-pw", kind="smtp")
    assert store.remove("prod") is True
    assert memory_keyring.entries == {}


def test_last_profile_is_remembered_and_forgotten_on_remove(store: ProfileStore, memory_keyring: MemoryKeyring) -> None:
    store.add(profile_from_url("prod", PG))
    assert store.last() is None
    store.set_last("prod")
    assert ProfileStore().last() == "prod"
    store.remove("prod")
    assert store.last() is None


def test_the_file_is_private_and_written_atomically(store: ProfileStore, memory_keyring: MemoryKeyring) -> None:
    store.add(profile_from_url("prod", PG), password=SECRET)
    mode = stat.S_IMODE(store.path.stat().st_mode)
    assert mode == 0o600, oct(mode)
    store.add(profile_from_url("staging", PG))
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert sorted(p.name for p in store.directory.iterdir()) == [profiles.PROFILES_FILE]  # no temp files left


def test_a_failed_write_keeps_the_old_file(store: ProfileStore, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch) -> None:
    store.add(profile_from_url("prod", PG))
    before = store.path.read_bytes()

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", disk_full)  # the console's one atomic writer: a full disk at its fsync
    with pytest.raises(ConsoleError, match="the disk is full") as info:
        store.add(profile_from_url("staging", PG))
    assert str(store.path) in info.value.message and "left as it was" in (info.value.hint or "")
    assert store.path.read_bytes() == before
    assert sorted(p.name for p in store.directory.iterdir()) == [profiles.PROFILES_FILE]


def test_the_password_is_never_in_the_profiles_file(store: ProfileStore, memory_keyring: MemoryKeyring, isolated_config: Path) -> None:
    store.add(profile_from_url("prod", PG), password=SECRET)
    store.add(profile_from_url("prod", PG), password=SECRET, replace=True)
    store.set_last("prod")
    for path in isolated_config.rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path
    body = json.loads(store.path.read_text())["profiles"]["prod"]
    assert "password" not in body


@pytest.mark.parametrize(
    ("content", "detail"),
    [
        (b"{not json", "Expecting property name"),
        (b'{"version": 1, "profiles": []}', "no profiles mapping"),
        (b"", "Expecting value"),
        (b"[]", "no profiles mapping"),
        (b"null", "no profiles mapping"),
        (b"\xff\xfe{}", "'utf-8' codec can't decode byte 0xff"),
    ],
)
def test_a_damaged_file_gives_a_profile_error(store: ProfileStore, content: bytes, detail: str) -> None:
    store.directory.mkdir(parents=True, exist_ok=True)
    store.path.write_bytes(content)
    with pytest.raises(ProfileError) as caught:
        store.list()
    assert f"The profiles file {store.path} is damaged" in caught.value.message
    assert detail in caught.value.message
    assert caught.value.hint is not None and "passwords are in the keyring" in caught.value.hint


def test_a_malformed_profile_gives_a_profile_error(store: ProfileStore) -> None:
    store.directory.mkdir(parents=True, exist_ok=True)
    store.path.write_text(json.dumps({"version": 1, "profiles": {"prod": {"driver": "postgresql", "colour": "red"}}}))
    with pytest.raises(ProfileError, match="Profile 'prod' in the profiles file is malformed"):
        store.get("prod")


def test_the_config_dir_follows_the_environment(isolated_config: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert profiles.config_dir() == isolated_config
    assert profiles.data_dir() == isolated_config / "data"
    assert profiles.log_dir() == isolated_config / "logs"
    monkeypatch.delenv(profiles.CONFIG_ENV)
    assert profiles.config_dir() != isolated_config


# --------------------------------------------------------------------------- the keyring side


def test_a_keyring_failure_saves_nothing(store: ProfileStore) -> None:
    keyring.set_keyring(LockedKeyring())
    with pytest.raises(KeyringUnavailable, match="The OS keyring is locked") as caught:
        store.add(profile_from_url("prod", PG), password=SECRET)
    assert caught.value.hint is not None and "Unlock your keyring" in caught.value.hint
    assert SECRET not in str(caught.value)
    assert not store.path.exists()


def test_without_a_keyring_the_message_says_what_to_do() -> None:
    # the autouse fixture left keyring's "fail" backend in place: a machine with no keyring
    with pytest.raises(KeyringUnavailable, match=r"No usable OS keyring: tried keyring\.backends\.fail\.Keyring") as caught:
        secrets.get_password("prod")
    assert caught.value.hint is not None and "Secret Service" in caught.value.hint


def test_a_plaintext_file_keyring_is_refused() -> None:
    keyring.set_keyring(PlaintextKeyring())
    info = secrets.backend_info()
    assert info == secrets.BackendInfo("keyrings.alt.file.PlaintextKeyring", False, "it would store passwords in a plain file")
    with pytest.raises(KeyringUnavailable, match="plain file"):
        secrets.set_password("prod", SECRET)


def test_a_null_keyring_is_refused() -> None:
    import keyring.backends.null

    keyring.set_keyring(keyring.backends.null.Keyring())
    with pytest.raises(KeyringUnavailable, match="switched off"):
        secrets.get_password("prod")


def test_a_dead_keyring_daemon_is_a_known_error(store: ProfileStore) -> None:
    keyring.set_keyring(BrokenKeyring())
    for call in (
        lambda: secrets.set_password("prod", SECRET),
        lambda: secrets.get_password("prod"),
        lambda: secrets.delete_password("prod"),
    ):
        with pytest.raises(KeyringUnavailable, match=r"failed to (store|read|delete) the password: DBusFailure") as caught:
            call()
        assert SECRET not in str(caught.value)


def test_a_locked_keyring_while_resolving_a_profile(store: ProfileStore, memory_keyring: MemoryKeyring) -> None:
    store.add(profile_from_url("prod", PG), password=SECRET)
    keyring.set_keyring(LockedKeyring())
    with pytest.raises(KeyringUnavailable, match="could not read the password"):
        resolve_url(store.get("prod"))
    assert resolve_url(profile_from_url("demo", "sqlite:////srv/demo.db")).database == "/srv/demo.db"  # no keyring needed


def test_delete_without_an_entry_is_false(memory_keyring: MemoryKeyring) -> None:
    assert secrets.delete_password("nobody") is False
    secrets.set_password("prod", SECRET)
    assert secrets.delete_password("prod") is True
    assert secrets.get_password("prod") is None


def test_no_test_writes_the_real_config(isolated_config: Path) -> None:
    assert os.environ[profiles.CONFIG_ENV] == str(isolated_config)
    assert ProfileStore().path == isolated_config / profiles.PROFILES_FILE


# --------------------------------------------------------------------------- secrets in the URL's query


@pytest.mark.parametrize("query", ["password", "PassWord", "pass%77ord", "sslpassword", "oauth_client_secret"])
def test_a_secret_in_the_query_is_refused_like_user_password(query: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        profile_from_url("pgq", f"{PG}?{query}={SECRET}")
    assert "has a secret in its query" in caught.value.message
    assert caught.value.exit_code == 2
    assert SECRET not in str(caught.value)


def test_a_profile_saved_with_a_secret_in_its_query_is_refused_and_listed_masked(
    store: ProfileStore, memory_keyring: MemoryKeyring
) -> None:
    """Saved by a console from before the check: it is not used, and never printed in clear."""
    store.add(profile_from_url("old", PG))
    data = json.loads(store.path.read_text())
    data["profiles"]["old"]["extra"] = {"PassWord": SECRET}
    store.path.write_text(json.dumps(data))
    old = store.get("old")
    assert SECRET not in old.shown_url() and "PassWord=%2A%2A%2A" in old.shown_url()
    with pytest.raises(ProfileError) as caught:
        resolve_url(old)
    assert "Profile 'old': The database URL has a secret in its query (password)" in caught.value.message
    assert caught.value.hint is not None and "profile remove old" in caught.value.hint
    assert store.remove("old") is False  # and it can still be removed


def test_a_refused_password_of_a_profile_names_its_keyring_entry(store: ProfileStore, memory_keyring: MemoryKeyring) -> None:
    from sqlalchemy.exc import OperationalError

    from minisip_console.core.plumbing import db

    store.add(profile_from_url("prod", PG), password=SECRET)
    url = resolve_url(store.get("prod"))
    error = db.translate_error(OperationalError("SELECT 1", {}, Exception('password authentication failed for user "ops"')), url)
    assert error.hint is not None and "OS keyring entry of profile 'prod'" in error.hint
    assert SECRET not in str(error)


# --------------------------------------------------------------------------- a misconfigured keyring


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("", "it is empty"),
        ("no_such_module.Keyring", "there is no module 'no_such_module'"),
        ("keyring.backends.fail.NoSuchClass", "its module has no such class"),
        ("keyring.backends.Windows.WinVaultKeyring", "RuntimeError"),  # a backend of another system: it cannot load here
    ],
)
def test_a_misconfigured_backend_is_a_sentence_naming_the_variable(monkeypatch: pytest.MonkeyPatch, value: str, reason: str) -> None:
    import keyring.core

    monkeypatch.setenv(secrets.BACKEND_ENV, value)
    monkeypatch.setattr(keyring.core, "_keyring_backend", None)  # loaded again on first use, as in a new process
    for call in (lambda: secrets.get_password("prod"), lambda: secrets.set_password("prod", SECRET), secrets.backend_info):
        with pytest.raises(secrets.KeyringMisconfigured) as caught:
            call()
        assert caught.value.message.startswith(f"PYTHON_KEYRING_BACKEND={value!r} does not name a keyring backend that can be loaded: ")
        assert reason in caught.value.message
        assert caught.value.hint is not None and "Unset PYTHON_KEYRING_BACKEND" in caught.value.hint
        assert caught.value.exit_code == 2
        assert isinstance(caught.value, KeyringUnavailable)  # callers that tolerate no keyring tolerate this too
