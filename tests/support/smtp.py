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
import socket
import threading
from collections import Counter
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
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
            self.messages.append(Captured(envelope.mail_from, tuple(envelope.rcpt_tos), bytes(envelope.content)))
            n = len(self.messages)
            self.cond.notify_all()
        if self.behaviour.delay:
            await asyncio.sleep(self.behaviour.delay)
        if self.behaviour.hang_at and n == self.behaviour.hang_at:
            self.release_event = asyncio.Event()
            self.hung.set()
            await self.release_event.wait()
        return "250 2.0.0 Ok: queued as %d" % n


def _refuse(server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
    return AuthResult(success=False, handled=False, message="535 5.7.8 Authentication credentials invalid")


class SmtpServer:
    """A real aiosmtpd server on 127.0.0.1 and a free port; use as a context manager."""

    def __init__(self, behaviour: Behaviour | None = None) -> None:
        self.handler = _Handler(behaviour or Behaviour())
        self.port = free_port()
        kwargs: dict[str, Any] = {}
        if self.handler.behaviour.refuse_auth:
            kwargs = {"auth_require_tls": False, "authenticator": _refuse}
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
