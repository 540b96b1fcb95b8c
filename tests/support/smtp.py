"""Real SMTP servers on loopback for the campaign tests (aiosmtpd, each in its own thread).

``SmtpServer`` captures every message it accepts; its ``behaviour`` decides, per command, what a
misbehaving server answers:
- ``greylist``: 451 the first time per recipient, then 250;
- ``reject``: 550 for the recipients in the set;
- ``drop_at``: abort the connection (TCP reset) at the n-th MAIL FROM, once;
- ``refuse_auth``: advertise AUTH (without TLS) and refuse every login;
- ``hang_at``: at the n-th message, record it and do not answer until ``release()`` (a client
  waiting for the answer to its message; tests kill it or check the campaign lock then);
- ``delay``: seconds (asyncio, never a thread sleep) before answering each message.

Tests wait on ``wait_for_messages`` and ``hung`` (threading events with timeouts), never sleep.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import ipaddress
import socket
import ssl
import threading
from collections import Counter
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


@dataclass
class Captured:
    mail_from: str
    recipients: tuple[str, ...]
    data: bytes
    encrypted: bool = False  # the session was under TLS (STARTTLS or implicit)
    login: str = ""  # the user the session logged in as

    def parsed(self) -> EmailMessage:
        return message_from_bytes(self.data, policy=policy.default)  # type: ignore[return-value]  # policy.default gives EmailMessage


@dataclass
class Behaviour:
    greylist: bool = False
    reject: frozenset[str] = frozenset()
    drop_at: int = 0
    refuse_auth: bool = False
    hang_at: int = 0
    delay: float = 0.0


@dataclass
class _Handler:
    behaviour: Behaviour
    messages: list[Captured] = field(default_factory=list)
    greylisted: set[str] = field(default_factory=set)
    mail_count: int = 0
    dropped: bool = False
    cond: threading.Condition = field(default_factory=threading.Condition)
    hung: threading.Event = field(default_factory=threading.Event)
    release_event: asyncio.Event | None = None

    async def handle_MAIL(self, server: Any, session: Any, envelope: Any, address: str, mail_options: list[str]) -> str:
        self.mail_count += 1
        if self.behaviour.drop_at and not self.dropped and self.mail_count >= self.behaviour.drop_at:
            self.dropped = True
            server.transport.abort()
            return "421 4.3.0 gone"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list[str]) -> str:
        if address in self.behaviour.reject:
            return "550 5.1.1 Recipient address rejected: User unknown"
        if self.behaviour.greylist and address not in self.greylisted:
            self.greylisted.add(address)
            return "451 4.7.1 Greylisted, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.cond:
            user = session.auth_data.login.decode() if getattr(session.auth_data, "login", None) else ""
            self.messages.append(
                Captured(
                    envelope.mail_from,
                    tuple(envelope.rcpt_tos),
                    bytes(envelope.content),
                    session.ssl is not None or server.transport.get_extra_info("ssl_object") is not None,
                    user,
                )
            )
            n = len(self.messages)
            self.cond.notify_all()
        if self.behaviour.delay:
            await asyncio.sleep(self.behaviour.delay)
        if self.behaviour.hang_at and n == self.behaviour.hang_at:
            self.release_event = asyncio.Event()
            self.hung.set()
            await self.release_event.wait()
        return f"250 2.0.0 Ok: queued as {n}"


def _refuse(server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
    return AuthResult(success=False, handled=False, message="535 5.7.8 Authentication credentials invalid")


def self_signed_certificate(directory: Path, host: str = "localhost") -> tuple[Path, Path]:
    """A key and a self-signed certificate for ``host`` and 127.0.0.1 (PEM files in ``directory``)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(host), x509.IPAddress(ipaddress.ip_address(HOST))]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    key_path, cert_path = directory / "smtp-key.pem", directory / "smtp-cert.pem"
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return key_path, cert_path


def _accept(user: str, password: str) -> Any:
    def check(server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
        ok = getattr(auth_data, "login", b"") == user.encode() and getattr(auth_data, "password", b"") == password.encode()
        if ok:
            return AuthResult(success=True, handled=False, auth_data=auth_data)
        return AuthResult(success=False, handled=False, message="535 5.7.8 Authentication credentials invalid")

    return check


class SmtpServer:
    """A real aiosmtpd server on 127.0.0.1 and a free port; use as a context manager.

    ``security``: "none", "starttls" (STARTTLS required before MAIL) or "tls" (implicit TLS),
    with ``cert`` = (key, certificate) files; ``login`` = (user, password) the server accepts
    (only over TLS). Each captured message records whether its session was encrypted."""

    def __init__(
        self,
        behaviour: Behaviour | None = None,
        *,
        security: str = "none",
        cert: tuple[Path, Path] | None = None,
        login: tuple[str, str] | None = None,
    ) -> None:
        self.handler = _Handler(behaviour or Behaviour())
        self.port = free_port()
        kwargs: dict[str, Any] = {}
        if self.handler.behaviour.refuse_auth:
            kwargs = {"auth_require_tls": False, "authenticator": _refuse}
        if login is not None:
            kwargs["authenticator"] = _accept(*login)
            # required under STARTTLS; under implicit TLS aiosmtpd does not see the TLS and would
            # warn that AUTH is required without it: allowed (not required) there
            kwargs["auth_required"] = security == "starttls"
        if security != "none":
            assert cert is not None, "TLS needs a certificate"
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(str(cert[1]), str(cert[0]))
            if security == "starttls":
                kwargs.update(tls_context=context, require_starttls=True)
            else:
                # implicit TLS: aiosmtpd does not count it as TLS for AUTH, but the socket is encrypted
                kwargs.update(ssl_context=context, server_hostname="localhost", auth_require_tls=False)
        self.controller = Controller(self.handler, hostname=HOST, port=self.port, ready_timeout=10, **kwargs)

    def __enter__(self) -> SmtpServer:
        self.controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if not self.stopped:
            self.release()
            self.stop()

    stopped = False

    def stop(self) -> None:
        """Stop listening now (a hung message's connection is cut without an answer)."""
        self.stopped = True
        self.controller.stop()

    @property
    def messages(self) -> list[Captured]:
        with self.handler.cond:
            return list(self.handler.messages)

    def per_recipient(self) -> Counter[str]:
        return Counter(r for m in self.messages for r in m.recipients)

    def wait_for_messages(self, count: int, timeout: float = 15.0) -> bool:
        with self.handler.cond:
            return self.handler.cond.wait_for(lambda: len(self.handler.messages) >= count, timeout)

    @property
    def hung(self) -> threading.Event:
        return self.handler.hung

    def release(self) -> None:
        """Let a hung message be answered (250)."""
        event = self.handler.release_event
        if event is not None and self.controller.loop.is_running():
            self.controller.loop.call_soon_threadsafe(event.set)
