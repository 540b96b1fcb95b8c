"""SMTP settings and connections for notice campaigns (core, Qt-free).

Settings are host, port, security (``none``, ``starttls`` or ``tls``), user and the From address.
The password lives only in the OS keyring (``secrets``, ``kind="smtp"``, under the settings'
``profile`` name); it is never logged and never part of an error message.

``connect`` opens ONE connection (a campaign keeps it for every message: ARCHITECTURE.md measured
about 750 messages/s over one connection, 330/s with a new connection per message) and turns the
environment's failures into ``ConsoleError``s the operator can act on: ``SmtpLoginRefused`` for a
refused login, ``SmtpUnavailable`` for a server that cannot be reached (``SmtpKeepsRefusing``: a
campaign run that stopped because the server kept refusing or dropping it, ``campaign.GIVE_UP_AFTER``).
Every call here talks to the server a bounded number of times: ``connect`` once (``timeout`` per
step), ``send_test`` one message, no retry.

Saved settings (issue 6): ``save_settings``/``load_settings``/``remove_settings`` keep host, port,
security, user and From address per profile name (or ``"demo"`` for the embedded demo database)
in ``smtp.json`` under ``config_dir()``, written like ``profiles.json`` (atomic, 0600). The file
never holds a password: that stays in the keyring entry ``(name, kind="smtp")``.
"""

from __future__ import annotations

import email.utils
import json
import logging
import smtplib
import ssl
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from minisip_console.core.plumbing import secrets
from minisip_console.core.plumbing.errors import ConsoleError, InvalidInput, ProfileError
from minisip_console.core.text import say
from minisip_console.core.validation import validate_email

if TYPE_CHECKING:
    from minisip_console.core.plumbing.connection import Target

log = logging.getLogger(__name__)

SECURITY_MODES = ("none", "starttls", "tls")
DEFAULT_PORTS = {"none": 25, "starttls": 587, "tls": 465}


class SmtpUnavailable(ConsoleError):
    """The SMTP server cannot be reached, or dropped us and cannot be reached again."""


class SmtpKeepsRefusing(SmtpUnavailable):
    """A campaign run stopped: the server kept refusing, dropping or not answering the connection,
    too many times in a row with no message accepted in between (the sentence quotes it)."""


class SmtpLoginRefused(ConsoleError):
    """The SMTP server refused the user name and password."""


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    security: str = "starttls"
    user: str = ""
    from_address: str = ""
    #: the keyring entry holding the password (``secrets`` kind ``smtp``); usually the profile name
    profile: str = ""
    timeout: float = 30.0

    def describe(self) -> str:
        return f"{self.host}:{self.port} ({self.security})"


def validate_settings(settings: SmtpSettings) -> SmtpSettings:
    """Checked copy of ``settings``; raises ``InvalidInput`` naming the bad field."""
    host = (settings.host or "").strip()
    if not host or any(c.isspace() for c in host):
        raise InvalidInput(
            say("The SMTP host is missing or contains spaces."), hint=say("Give a host name or address, e.g. smtp.example.com.")
        )
    if not isinstance(settings.port, int) or not 0 < settings.port < 65536:
        raise InvalidInput(say("The SMTP port {port!r} is not a port number.", port=settings.port), hint=say("Give 1 to 65535, e.g. 587."))
    security = (settings.security or "").strip().lower()
    if security not in SECURITY_MODES:
        raise InvalidInput(
            say("Unknown SMTP security {security!r}.", security=settings.security),
            hint=say("Use one of: {value}.", value=", ".join(SECURITY_MODES)),
        )
    from_address = validate_email(settings.from_address)
    if settings.user and not settings.profile:
        raise InvalidInput(
            say("An SMTP user is set but no keyring entry for its password."), hint=say("Store the password for this profile first.")
        )
    return SmtpSettings(host, settings.port, security, settings.user.strip(), from_address, settings.profile, settings.timeout)


def store_password(settings: SmtpSettings, password: str) -> None:
    secrets.set_password(settings.profile, password, kind="smtp")


def _password(settings: SmtpSettings) -> str:
    password = secrets.get_password(settings.profile, kind="smtp")
    if password is None:
        raise SmtpLoginRefused(
            say("No SMTP password is stored for {profile!r}.", profile=settings.profile),
            hint=say("Enter the SMTP password in the settings (it is kept in the OS keyring)."),
        )
    return password


def connect(settings: SmtpSettings) -> smtplib.SMTP:
    """An open, logged-in SMTP connection (the caller closes it with ``close``)."""
    settings = validate_settings(settings)
    where = settings.describe()
    password = _password(settings) if settings.user else ""
    try:
        if settings.security == "tls":
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                settings.host, settings.port, timeout=settings.timeout, context=ssl.create_default_context()
            )
        else:
            smtp = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
    except ssl.SSLCertVerificationError as exc:
        raise _untrusted(where, exc) from None
    except (OSError, smtplib.SMTPException) as exc:
        raise SmtpUnavailable(
            say("Cannot reach the SMTP server {where}: {name__}: {exc}.", where=where, name__=type(exc).__name__, exc=exc),
            hint=say("Check the host, port and security settings, and that the server is running."),
        ) from None
    try:
        smtp.ehlo()
        if settings.security == "starttls":
            smtp.starttls(context=ssl.create_default_context())
            smtp.ehlo()
        if settings.user:
            smtp.login(settings.user, password)
    except smtplib.SMTPAuthenticationError as exc:
        close(smtp)
        reply = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
        raise SmtpLoginRefused(
            say(
                "The SMTP server {where} refused the login of {user!r}: {smtp_code} {reply}",
                where=where,
                user=settings.user,
                smtp_code=exc.smtp_code,
                reply=reply,
            ),
            hint=say("Check the SMTP user and password in the settings. Nothing was sent."),
        ) from None
    except ssl.SSLCertVerificationError as exc:
        close(smtp)
        raise _untrusted(where, exc) from None
    except smtplib.SMTPNotSupportedError as exc:
        close(smtp)
        raise SmtpUnavailable(
            say("The SMTP server {where} does not support what the settings ask: {exc}.", where=where, exc=exc),
            hint=say("Check the security setting (none, starttls, tls)."),
        ) from None
    except (OSError, smtplib.SMTPException) as exc:
        close(smtp)
        raise SmtpUnavailable(
            say("The SMTP server {where} failed while connecting: {name__}.", where=where, name__=type(exc).__name__),
            hint=say("Check the security setting and that the server is running."),
        ) from None
    log.info("connected to SMTP server %s as %r", where, settings.user or "(no login)")
    return smtp


def _untrusted(where: str, exc: ssl.SSLCertVerificationError) -> SmtpUnavailable:
    return SmtpUnavailable(
        say(
            "The SMTP server {where} presented a certificate this computer does not trust: {value}. Nothing was sent.",
            where=where,
            value=exc.verify_message or exc.reason,
        ),
        hint=say(
            "Use the server's real host name (the one its certificate names), or install the certificate of its "
            "authority in the operating system's trust store. The console never sends mail over an unverified connection."
        ),
    )


def close(smtp: smtplib.SMTP) -> None:
    """Say QUIT if the server still listens, and close the socket whatever happens."""
    try:
        smtp.quit()
    except (OSError, smtplib.SMTPException):
        pass
    finally:
        smtp.close()


def send_test(settings: SmtpSettings, to: str) -> str:
    """Send a short test message to an address the operator typed; returns the server's reply."""
    settings = validate_settings(settings)
    recipient = validate_email(to)
    from email.message import EmailMessage

    msg = EmailMessage()
    msg["From"] = settings.from_address
    msg["To"] = recipient
    msg["Subject"] = "minisip-console: SMTP test"
    msg["Date"] = email.utils.formatdate(localtime=False)
    msg["Message-ID"] = email.utils.make_msgid(domain=settings.from_address.rpartition("@")[2])
    msg.set_content("This is a test message from minisip-console. The SMTP settings work.\n")
    smtp = connect(settings)
    try:
        refused = smtp.send_message(msg)
        if refused:
            code, reply = refused[recipient]
            raise ConsoleError(
                say(
                    "The SMTP server refused {recipient}: {code} {value}",
                    recipient=recipient,
                    code=code,
                    value=reply.decode("utf-8", "replace"),
                )
            )
        return "250 accepted"
    except smtplib.SMTPRecipientsRefused as exc:
        code, reply = exc.recipients[recipient]
        raise ConsoleError(
            say(
                "The SMTP server refused {recipient}: {code} {value}",
                recipient=recipient,
                code=code,
                value=reply.decode("utf-8", "replace"),
            )
        ) from None
    except (TimeoutError, smtplib.SMTPException, OSError) as exc:
        raise ConsoleError(
            say("The test message to {recipient} was not sent: {name__}: {exc}", recipient=recipient, name__=type(exc).__name__, exc=exc)
        ) from None
    finally:
        close(smtp)


# --------------------------------------------------------------------------- saved settings

SETTINGS_FILE = "smtp.json"
DEMO_NAME = "demo"
#: what ``smtp.json`` keeps per name: never a password
_STORED_FIELDS = ("host", "port", "security", "user", "from_address")


def _store() -> Any:
    """The profiles store, pointed at ``smtp.json``: its atomic, private ``_write`` is reused."""
    from minisip_console.core.plumbing.profiles import ProfileStore

    store = ProfileStore()
    store.path = store.directory / SETTINGS_FILE
    return store


def _read(store: Any) -> dict[str, Any]:
    try:
        data = json.loads(store.path.read_bytes().decode("utf-8"))
        if not isinstance(data, dict) or not isinstance(data.get("settings"), dict):
            raise ValueError("no settings mapping")
    except FileNotFoundError:
        return {"version": 1, "settings": {}}
    except ValueError as exc:  # bad JSON, bad UTF-8, wrong shape
        raise ProfileError(
            say("The SMTP settings file {path} is damaged ({exc}).", path=store.path, exc=exc),
            hint=say("Fix or remove the file and save the SMTP settings again; passwords are in the keyring and are not lost."),
        ) from None
    return data


def _check_name(name: str) -> str:
    from minisip_console.core.plumbing.profiles import validate_name

    return DEMO_NAME if name == DEMO_NAME else validate_name(name)


def settings_name(target: Target) -> str:
    """The name a target's SMTP settings are saved under: its profile, or ``"demo"``."""
    return target.profile or DEMO_NAME


def is_demo_target(target: Target) -> bool:
    """Whether ``target`` is the embedded demo database (``--demo``, or a URL naming its file)."""
    from minisip_console.core.plumbing.connection import demo_path

    if target.demo:
        return True
    if target.profile or target.url.get_backend_name() != "sqlite" or not target.url.database:
        return False
    try:
        return Path(target.url.database).expanduser().resolve() == demo_path().expanduser().resolve()
    except OSError:
        return False


def load_settings(name: str) -> SmtpSettings | None:
    """The saved settings of profile ``name`` (or ``"demo"``), or None when none were saved."""
    name = _check_name(name)
    body = _read(_store())["settings"].get(name)
    if body is None:
        return None
    try:
        if not isinstance(body, dict):
            raise TypeError("not a mapping")
        return SmtpSettings(**{k: body[k] for k in _STORED_FIELDS if k in body}, profile=name)
    except TypeError as exc:
        raise ProfileError(
            say("The SMTP settings of {name!r} in {SETTINGS_FILE} are malformed ({exc}).", name=name, SETTINGS_FILE=SETTINGS_FILE, exc=exc),
            hint=say("Save the SMTP settings again."),
        ) from None


def save_settings(name: str, settings: SmtpSettings, password: str | None = None) -> SmtpSettings:
    """Validate and save ``settings`` for ``name``; returns the checked settings as saved.

    ``password``: a non-empty string is stored in the keyring, ``None`` keeps what is there, ``""``
    deletes it. Bad input (``InvalidInput``) or a keyring failure (``KeyringUnavailable``) writes
    nothing.
    """
    name = _check_name(name)
    checked = validate_settings(replace(settings, profile=name))
    store = _store()
    data = _read(store)
    if password:
        secrets.set_password(name, password, kind="smtp")
    elif password is not None:
        secrets.delete_password(name, kind="smtp")
    data["settings"][name] = {k: getattr(checked, k) for k in _STORED_FIELDS}
    store._write(data)
    log.info("saved the SMTP settings of %r (%s)", name, checked.describe())
    return checked


def remove_settings(name: str) -> bool:
    """Forget the saved settings of ``name`` and its SMTP password; returns whether anything was there."""
    name = _check_name(name)
    store = _store()
    data = _read(store)
    removed = False
    if secrets.backend_info().usable:  # a machine without a keyring cannot hold a password either
        removed = secrets.delete_password(name, kind="smtp")
    if name in data["settings"]:
        del data["settings"][name]
        store._write(data)
        removed = True
        log.info("removed the SMTP settings of %r", name)
    return removed


def password_stored(name: str) -> bool | None:
    """Whether the keyring holds an SMTP password for ``name``; None when no keyring is usable."""
    if not secrets.backend_info().usable:
        return None
    return secrets.get_password(_check_name(name), kind="smtp") is not None
