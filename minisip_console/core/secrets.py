"""Passwords in the OS keyring, and only there.

Windows Credential Manager, macOS Keychain, or the Secret Service (gnome-keyring, KWallet) on
Linux, through ``keyring``. A backend that stores secrets in a plain file (``keyrings.alt``'s
PlaintextKeyring, which keyring silently falls back to when it is installed) or the ``fail``
backend is refused with a message that says which backend was found and what to do.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from minisip_console.core.errors import KeyringUnavailable

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

# ``keyring`` is imported inside the functions: it costs about 0.3 s, and the demo database
# (and every SQLite profile) never needs it.

log = logging.getLogger(__name__)

SERVICE = "minisip-console"

#: backends that are not a real OS keyring (class paths, module.Class)
_REFUSED = {
    "keyring.backends.fail.Keyring": "no OS keyring was found",
    "keyring.backends.null.Keyring": "the keyring is switched off (null backend)",
    "keyrings.alt.file.PlaintextKeyring": "it would store passwords in a plain file",
    "keyrings.alt.file.EncryptedKeyring": "it is a file keyring, not the OS keyring",
}

_WHAT_TO_DO = (
    "On Windows and macOS the system keyring is used automatically. On Linux, start a Secret "
    "Service (gnome-keyring or KWallet) in your desktop session and unlock it."
)


def _name(backend: KeyringBackend) -> str:
    return f"{type(backend).__module__}.{type(backend).__name__}"


def _leaves(backend: KeyringBackend) -> list[KeyringBackend]:
    inner = getattr(backend, "backends", None)
    return list(inner) if inner else [backend]


@dataclass(frozen=True)
class BackendInfo:
    name: str
    usable: bool
    reason: str = ""


def backend_info() -> BackendInfo:
    import keyring

    backend = keyring.get_keyring()
    leaves = _leaves(backend)
    usable = [b for b in leaves if _name(b) not in _REFUSED]
    if not usable:
        names = ", ".join(_name(b) for b in leaves) or _name(backend)
        reason = "; ".join(_REFUSED.get(_name(b), "not usable") for b in leaves)
        return BackendInfo(names, False, reason)
    return BackendInfo(", ".join(_name(b) for b in usable), True)


def _backend() -> KeyringBackend:
    import keyring

    info = backend_info()
    if not info.usable:
        raise KeyringUnavailable(f"No usable OS keyring: tried {info.name} ({info.reason}).", hint=_WHAT_TO_DO)
    return keyring.get_keyring()


def _translate(exc: Exception, action: str) -> KeyringUnavailable:
    import keyring
    import keyring.errors

    backend = _name(keyring.get_keyring())
    if isinstance(exc, keyring.errors.KeyringLocked):
        return KeyringUnavailable(
            f"The OS keyring is locked ({backend}); could not {action}.",
            hint="Unlock your keyring (log in to the desktop session, or unlock it in your password manager) and try again.",
        )
    if isinstance(exc, keyring.errors.NoKeyringError):
        return KeyringUnavailable(f"No OS keyring is available ({backend}).", hint=_WHAT_TO_DO)
    # Secret Service over D-Bus reports a missing or dead daemon as an InitError or a D-Bus error
    return KeyringUnavailable(
        f"The OS keyring ({backend}) failed to {action}: {type(exc).__name__}.",
        hint=_WHAT_TO_DO,
    )


def _entry(kind: str, profile: str) -> str:
    return f"{kind}:{profile}"


def set_password(profile: str, password: str, *, kind: str = "db") -> None:
    backend = _backend()
    try:
        backend.set_password(SERVICE, _entry(kind, profile), password)
    except Exception as exc:  # keyring errors, and D-Bus errors with secretstorage/jeepney classes
        raise _translate(exc, "store the password") from None
    log.info("stored the %s password of profile %r in %s", kind, profile, _name(backend))


def get_password(profile: str, *, kind: str = "db") -> str | None:
    backend = _backend()
    try:
        return backend.get_password(SERVICE, _entry(kind, profile))
    except Exception as exc:  # see set_password
        raise _translate(exc, "read the password") from None


def delete_password(profile: str, *, kind: str = "db") -> bool:
    """Remove the entry; False when there was none."""
    import keyring.errors

    backend = _backend()
    try:
        if backend.get_password(SERVICE, _entry(kind, profile)) is None:
            return False
        backend.delete_password(SERVICE, _entry(kind, profile))
    except keyring.errors.PasswordDeleteError:
        return False
    except Exception as exc:  # see set_password
        raise _translate(exc, "delete the password") from None
    log.info("deleted the %s password of profile %r", kind, profile)
    return True
