"""Keyring backends for unit tests only: the real backend is tested in tests/integration.

None of these is ever picked by keyring on its own: each ``priority`` raises, which keyring
reads as "not viable", so only a fixture that calls ``keyring.set_keyring`` puts one in place.
"""

from __future__ import annotations

import keyring.errors
from jaraco.classes import properties
from keyring.backend import KeyringBackend


class _TestBackend(KeyringBackend):
    @properties.classproperty
    def priority(cls) -> float:
        raise RuntimeError("a test backend is only used when a fixture sets it")


class MemoryKeyring(_TestBackend):
    """Passwords in a dict, visible to the test through ``entries``."""

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self.entries[(service, username)]
        except KeyError:
            raise keyring.errors.PasswordDeleteError(f"no entry {username!r}") from None


class LockedKeyring(_TestBackend):
    """Every call fails the way the Secret Service backend fails on a locked collection."""

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked("Failed to unlock the collection!")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.KeyringLocked("Failed to unlock the collection!")

    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.KeyringLocked("Failed to unlock the collection!")


class DBusFailure(Exception):
    """Stands in for a D-Bus error class of secretstorage or jeepney (a daemon that died)."""


class BrokenKeyring(_TestBackend):
    def get_password(self, service: str, username: str) -> str | None:
        raise DBusFailure("org.freedesktop.DBus.Error.NoReply")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise DBusFailure("org.freedesktop.DBus.Error.NoReply")

    def delete_password(self, service: str, username: str) -> None:
        raise DBusFailure("org.freedesktop.DBus.Error.NoReply")


class PlaintextKeyring(MemoryKeyring):
    """Named like keyrings.alt's file backend, which keyring falls back to when it is installed."""


PlaintextKeyring.__module__ = "keyrings.alt.file"
