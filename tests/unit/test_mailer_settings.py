"""Saved SMTP settings: a private file without passwords; the SMTP password only in the keyring."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import keyring
import pytest

from minisip_console.core.plumbing import mailer, secrets
from minisip_console.core.plumbing.connection import Target, demo_path, demo_target
from minisip_console.core.plumbing.errors import InvalidInput, KeyringUnavailable, ProfileError
from minisip_console.core.plumbing.mailer import SmtpSettings
from tests.support.keyrings import LockedKeyring, MemoryKeyring

SECRET = "smtp-Pw-7zX-do-not-leak"
GOOD = SmtpSettings(host="smtp.example.com", port=587, security="starttls", user="mailer", from_address="privacy@example.com")


def _file(config: Path) -> Path:
    return config / mailer.SETTINGS_FILE


def test_save_then_load_round_trips_without_a_password_in_the_file(isolated_config: Path, memory_keyring: MemoryKeyring) -> None:
    saved = mailer.save_settings("prod", GOOD, SECRET)
    assert saved == SmtpSettings(
        host="smtp.example.com", port=587, security="starttls", user="mailer", from_address="privacy@example.com", profile="prod"
    )
    assert mailer.load_settings("prod") == saved
    path = _file(isolated_config)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    raw = path.read_text("utf-8")
    assert SECRET not in raw and "password" not in raw
    assert json.loads(raw)["settings"]["prod"] == {
        "host": "smtp.example.com",
        "port": 587,
        "security": "starttls",
        "user": "mailer",
        "from_address": "privacy@example.com",
    }
    assert memory_keyring.entries == {(secrets.SERVICE, "smtp:prod"): SECRET}
    assert mailer.password_stored("prod") is True
    assert [p.name for p in isolated_config.iterdir()] == [mailer.SETTINGS_FILE]  # no temp file left behind


def test_nothing_saved_is_none(isolated_config: Path) -> None:
    assert mailer.load_settings("prod") is None
    assert mailer.load_settings("demo") is None


def test_names_are_kept_apart_and_demo_is_a_name(memory_keyring: MemoryKeyring) -> None:
    mailer.save_settings("prod", GOOD)
    demo = mailer.save_settings("demo", SmtpSettings(host="127.0.0.1", port=2525, security="none", from_address="demo@example.com"))
    assert demo.profile == "demo"
    assert mailer.load_settings("demo") == demo
    assert mailer.load_settings("prod") is not None and mailer.load_settings("prod").host == "smtp.example.com"  # type: ignore[union-attr]


def test_none_keeps_the_password_and_empty_deletes_it(memory_keyring: MemoryKeyring) -> None:
    mailer.save_settings("prod", GOOD, SECRET)
    mailer.save_settings("prod", GOOD, None)
    assert memory_keyring.entries == {(secrets.SERVICE, "smtp:prod"): SECRET}
    mailer.save_settings("prod", GOOD, "")
    assert memory_keyring.entries == {}
    assert mailer.password_stored("prod") is False
    assert mailer.load_settings("prod") is not None


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"host": ""}, "host"),
        ({"host": "smtp example.com"}, "host"),
        ({"port": 0}, "port"),
        ({"port": 70000}, "port"),
        ({"security": "ssl"}, "security"),
        ({"from_address": "not an address"}, ""),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_nothing_is_written(
    change: dict, field: str, isolated_config: Path, memory_keyring: MemoryKeyring
) -> None:
    import dataclasses

    with pytest.raises(InvalidInput) as caught:
        mailer.save_settings("prod", dataclasses.replace(GOOD, **change), SECRET)
    assert caught.value.exit_code == 2
    if field:
        assert field in caught.value.message.lower()
    assert not _file(isolated_config).exists()
    assert memory_keyring.entries == {}


def test_a_bad_name_is_refused(memory_keyring: MemoryKeyring, isolated_config: Path) -> None:
    with pytest.raises(InvalidInput, match="not a usable profile name"):
        mailer.save_settings("../etc", GOOD, SECRET)
    assert not _file(isolated_config).exists() and memory_keyring.entries == {}


def test_a_locked_keyring_gives_its_error_and_writes_nothing(isolated_config: Path) -> None:
    keyring.set_keyring(LockedKeyring())
    with pytest.raises(KeyringUnavailable, match="locked") as caught:
        mailer.save_settings("prod", GOOD, SECRET)
    assert SECRET not in str(caught.value)
    assert not _file(isolated_config).exists()


def test_no_keyring_refuses_a_password_but_saves_settings_without_one(isolated_config: Path) -> None:
    # the autouse fixture leaves keyring's fail backend in place
    with pytest.raises(KeyringUnavailable, match="No usable OS keyring"):
        mailer.save_settings("prod", GOOD, SECRET)
    assert not _file(isolated_config).exists()
    mailer.save_settings("prod", GOOD)
    assert mailer.load_settings("prod") is not None
    assert mailer.password_stored("prod") is None


def test_remove_forgets_settings_and_password(memory_keyring: MemoryKeyring, isolated_config: Path) -> None:
    mailer.save_settings("prod", GOOD, SECRET)
    mailer.save_settings("demo", GOOD)
    assert mailer.remove_settings("prod") is True
    assert mailer.load_settings("prod") is None and memory_keyring.entries == {}
    assert mailer.load_settings("demo") is not None
    assert stat.S_IMODE(_file(isolated_config).stat().st_mode) == 0o600
    assert mailer.remove_settings("prod") is False


def test_a_damaged_file_is_reported(isolated_config: Path) -> None:
    _file(isolated_config).write_text("{not json", "utf-8")
    with pytest.raises(ProfileError, match="damaged"):
        mailer.load_settings("prod")


def test_settings_name_and_demo_detection(tmp_path: Path) -> None:
    from sqlalchemy.engine import URL

    assert mailer.settings_name(demo_target()) == "demo"
    prof = Target(url=URL.create("sqlite", database=str(tmp_path / "x.db")), label="p", profile="prod")
    assert mailer.settings_name(prof) == "prod"
    assert mailer.is_demo_target(demo_target())
    assert mailer.is_demo_target(Target(url=URL.create("sqlite", database=str(demo_path())), label="d"))
    assert not mailer.is_demo_target(Target(url=URL.create("sqlite", database=str(tmp_path / "x.db")), label="x"))
    assert not mailer.is_demo_target(prof)
