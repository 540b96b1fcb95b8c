"""A real SMTP server on loopback that stops taking mail after ``after`` messages (issue 13).

From then on, every MAIL FROM is answered ``421 4.7.0 ...`` (``close=False``) or the connection is
closed without an answer (``close=True``); connecting (greeting, EHLO) keeps working, as with a
server that rate-limits or is shutting down. With ``per_connection`` the limit is per connection
(``after`` MAIL commands on each, as many providers do): a new connection sends again.
``reply`` replaces the 421 (a 550 refuses the sender for good). ``refused`` counts the MAIL
commands turned away.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tests.support.smtp import Behaviour, SmtpServer, _Handler

REPLY_421 = "421 4.7.0 Too many messages from 127.0.0.1, try again later"


@dataclass
class _Refusing(_Handler):
    after: int = 0
    close: bool = False
    per_connection: bool = False
    reply: str = ""  # the answer to a refused MAIL (default ``REPLY_421``)
    refused: int = 0

    async def handle_MAIL(self, server: Any, session: Any, envelope: Any, address: str, mail_options: list[str]) -> str:
        mails = session.mails = getattr(session, "mails", 0) + 1  # this connection's MAIL commands
        with self.cond:
            full = mails > self.after if self.per_connection else len(self.messages) >= self.after
            if full:
                self.refused += 1
                self.cond.notify_all()
        if not full:
            return await super().handle_MAIL(server, session, envelope, address, mail_options)
        if self.close:
            server.transport.abort()  # closed at once: the reply below is never written
        return self.reply or REPLY_421


class RefusingServer(SmtpServer):
    def __init__(self, after: int, *, close: bool = False, per_connection: bool = False, reply: str = REPLY_421) -> None:
        super().__init__()
        self.handler = _Refusing(Behaviour(), after=after, close=close, per_connection=per_connection, reply=reply)
        self.controller.handler = self.handler  # the controller builds each session's SMTP with it

    @property
    def refused(self) -> int:
        with self.handler.cond:
            return self.handler.refused  # type: ignore[attr-defined,no-any-return]  # _Refusing
