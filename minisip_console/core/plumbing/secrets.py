"""Passwords in the OS keyring, and only there.

Windows Credential Manager, macOS Keychain, or the Secret Service (gnome-keyring, KWallet) on
Linux, through ``keyring``. A backend that stores secrets in a plain file (``keyrings.alt``'s
PlaintextKeyring, which keyring silently falls back to when it is installed) or the ``fail``
backend is refused with a message that says which backend was found and what to do.

keyring loads its backend on first use, from ``PYTHON_KEYRING_BACKEND`` or its configuration
file (``keyringrc.cfg``); a name there that cannot be loaded (empty, an unknown module or
class, a backend for another system) is ``KeyringMisconfigured``: a sentence naming the
variable or the file, exit 2, never a traceback.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

from minisip_console.core.plumbing.errors import KeyringUnavailable
from minisip_console.core.text import say

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

# ``keyring`` is imported inside the functions: it costs about 0.3 s, and the demo database
# (and every SQLite profile) never needs it.

log = logging.getLogger(__name__)

SERVICE = "minisip-console"
#: keyring's own switch: the backend's class, ``module.Class``
BACKEND_ENV = "PYTHON_KEYRING_BACKEND"


class KeyringMisconfigured(KeyringUnavailable):
    """``PYTHON_KEYRING_BACKEND`` or keyring's configuration file names a backend that cannot be
    loaded: the operator's own setting, so bad usage (exit 2)."""

    exit_code = 2


#: backends that are not a real OS keyring (class paths, module.Class)
_REFUSED = {
    "keyring.backends.fail.Keyring": say("no OS keyring was found"),
    "keyring.backends.null.Keyring": say("the keyring is switched off (null backend)"),
    "keyrings.alt.file.PlaintextKeyring": say("it would store passwords in a plain file"),
    "keyrings.alt.file.EncryptedKeyring": say("it is a file keyring, not the OS keyring"),
}

_WHAT_TO_DO = say(
    "On Windows and macOS the system keyring is used automatically. On Linux, start a Secret "
    "Service (gnome-keyring or KWallet) in your desktop session and unlock it."
)


def _keyring() -> KeyringBackend:
    """keyring's backend; loading a misconfigured one raises ``KeyringMisconfigured``."""
    import keyring

    try:
        return keyring.get_keyring()
    except Exception as exc:  # ValueError, ImportError, AttributeError, RuntimeError: whatever the name led to
        raise _misconfigured(exc) from None


def _misconfigured(exc: Exception) -> KeyringMisconfigured:
    if isinstance(exc, ModuleNotFoundError) and exc.name:
        reason = say("there is no module {name!r}", name=exc.name)
    elif isinstance(exc, AttributeError):
        reason = say("its module has no such class")
    else:
        detail = (str(exc).strip().splitlines() or [""])[0][:120]
        reason = say("{name__}{value}", name__=type(exc).__name__, value=": " + detail if detail else "")
    value = os.environ.get(BACKEND_ENV)
    if value is not None:
        shown = repr(value if len(value) <= 80 else value[:80] + "...")
        reason = say("it is empty") if not value.strip() else reason
        return KeyringMisconfigured(
            say(
                "{BACKEND_ENV}={shown} does not name a keyring backend that can be loaded: {reason}.",
                BACKEND_ENV=BACKEND_ENV,
                shown=shown,
                reason=reason,
            ),
            hint=say(
                "Unset {BACKEND_ENV} to use the OS keyring, or set it to a backend's class, e.g. keyring.backends.SecretService.Keyring.",
                BACKEND_ENV=BACKEND_ENV,
            ),
        )
    try:
        from keyring.core import _config_path

        where = f"keyring's configuration file {_config_path()}"  # type: ignore[no-untyped-call]  # keyring's private helper has no annotations
    except Exception:  # pragma: no cover - a keyring without it
        where = "keyring's configuration file (keyringrc.cfg)"
    return KeyringMisconfigured(
        say("{where} names a keyring backend that cannot be loaded: {reason}.", where=where, reason=reason),
        hint=say("Fix or remove its default-keyring line to use the OS keyring."),
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
    backend = _keyring()
    leaves = _leaves(backend)
    usable = [b for b in leaves if _name(b) not in _REFUSED]
    if not usable:
        names = ", ".join(_name(b) for b in leaves) or _name(backend)
        reason = "; ".join(_REFUSED.get(_name(b), "not usable") for b in leaves)
        return BackendInfo(names, False, reason)
    return BackendInfo(", ".join(_name(b) for b in usable), True)


def _backend() -> KeyringBackend:
    info = backend_info()
    if not info.usable:
        raise KeyringUnavailable(
            say("No usable OS keyring: tried {name} ({reason}).", name=info.name, reason=info.reason), hint=_WHAT_TO_DO
        )
    return _keyring()


def _translate(exc: Exception, action: str) -> KeyringUnavailable:
    import keyring.errors

    backend = _name(_keyring())
    if isinstance(exc, keyring.errors.KeyringLocked):
        return KeyringUnavailable(
            say("The OS keyring is locked ({backend}); could not {action}.", backend=backend, action=action),
            hint=say("Unlock your keyring (log in to the desktop session, or unlock it in your password manager) and try again."),
        )
    if isinstance(exc, keyring.errors.NoKeyringError):
        return KeyringUnavailable(say("No OS keyring is available ({backend}).", backend=backend), hint=_WHAT_TO_DO)
    # Secret Service over D-Bus reports a missing or dead daemon as an InitError or a D-Bus error
    return KeyringUnavailable(
        say("The OS keyring ({backend}) failed to {action}: {name__}.", backend=backend, action=action, name__=type(exc).__name__),
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
