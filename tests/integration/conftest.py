"""Real parts for the integration tier: a private Secret Service (and PostgreSQL from tests/conftest.py).

``secret_service`` starts a D-Bus session bus and gnome-keyring of its own for each test, and
points this process and the console processes it starts at them. It never uses the desktop
session's keyring, so it cannot read or leave entries there. Under ``CI=true`` a machine that
cannot start one fails the tests; elsewhere they are skipped with the reason.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import IN_CI
from tests.support.secret_service import SecretServiceSession, missing_programs, start_secret_service


@pytest.fixture
def secret_service(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[SecretServiceSession]:
    missing = missing_programs()
    if missing:
        what = ", ".join(missing)
        if IN_CI:
            pytest.fail(f"CI=true but no Secret Service can be started here ({what} not found): install dbus and gnome-keyring")
        if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
            pytest.skip(f"no D-Bus session (DBUS_SESSION_BUS_ADDRESS is unset) and {what} not found to start a private one")
        pytest.skip(f"{what} not found: the keyring tests start a private Secret Service, never your desktop keyring")

    import keyring
    import keyring.backends.fail
    import keyring.backends.SecretService

    service = start_secret_service()
    # the console processes the tests start: the private bus, keyring's own choice of backend
    # (no PYTHON_KEYRING_BACKEND, no keyringrc.cfg from the home folder), files under tmp_path
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", service.address)
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    # this process, to read back what they stored: the Secret Service backend by name. keyring
    # caches which backends are viable at its first detection in a process, so which backend a
    # console gets is asked of a fresh process (test_the_backend_is_the_secret_service)
    keyring.set_keyring(keyring.backends.SecretService.Keyring())
    try:
        yield service
    finally:
        keyring.set_keyring(keyring.backends.fail.Keyring())
        service.stop()
