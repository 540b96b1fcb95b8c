"""The delivery ledger of one policy version, row by row: who was told, who was not, and why.

``LedgerSource`` is a ``PageSource`` (counted and paged in SQL) over ``notice_deliveries`` for a
version, optionally one state. The owner's address is masked (``accounts.mask_email``) and so are
addresses inside the server's replies ("550 5.1.1 <ann@x.example>: unknown"): the ledger is for
deciding what to do about a delivery, not for reading customers' addresses.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session, sessionmaker

from minisip_console.core import personal
from minisip_console.core.accounts import Column, mask_email
from minisip_console.core.models import (
    Account,
    DeliveryState,
    NoticeDelivery,
    PolicyVersion,
)
from minisip_console.core.plumbing.errors import InvalidInput

STATES = tuple(s.value for s in DeliveryState)
_ADDRESS = re.compile(r"[^\s<>()\[\]\"',;:]+@[A-Za-z0-9.-]+")

COLUMNS: tuple[Column, ...] = (
    Column("account_id", "Account", "int", sortable=True),
    Column("owner", "Owner (masked)"),
    Column("state", "State", "status", sortable=True),
    Column("attempts", "Attempts", "count", sortable=True),
    Column("reply", "Server's reply or reason", tooltip="What the mail server answered, or why no message was sent"),
    Column("updated_at", "Last change", "datetime", sortable=True),
)
_SORT = {
    "account_id": NoticeDelivery.account_id,
    "state": NoticeDelivery.state,
    "attempts": NoticeDelivery.attempts,
    "updated_at": NoticeDelivery.updated_at,
}


@dataclass(frozen=True)
class LedgerRow:
    delivery_id: int
    account_id: int
    owner: str  # masked
    state: str
    attempts: int
    reply: str  # addresses masked
    updated_at: dt.datetime | None
    language: str = "en"  # the owner's, which picks the campaign's template (``campaign.LocalizedTemplate``)


def mask_reply(reply: str | None) -> str:
    return _ADDRESS.sub(lambda m: mask_email(m.group(0)), reply or "")


@dataclass(frozen=True)
class LedgerSource:
    sessions: sessionmaker[Session]
    version_id: int
    state: str | None = None
    order: tuple[str, bool] = ("account_id", False)

    @property
    def columns(self) -> Sequence[Column]:
        return COLUMNS

    def _where(self) -> list[ColumnElement[bool]]:
        where: list[ColumnElement[bool]] = [NoticeDelivery.policy_version_id == self.version_id]
        if self.state:
            where.append(NoticeDelivery.state == self.state)
        return where

    def count(self) -> int:
        with self.sessions() as session:
            return int(session.scalar(select(func.count()).select_from(NoticeDelivery).where(*self._where())) or 0)

    def fetch(self, offset: int, limit: int) -> Sequence[LedgerRow]:
        key, descending = self.order
        column = _SORT[key]
        order = [column.desc() if descending else column.asc(), NoticeDelivery.id]
        with self.sessions() as session:
            # addresses as lists show them: masked by the database on PostgreSQL (masking again changes nothing)
            people = personal.ACCOUNTS_MASKED if personal.is_postgres(session) else Account.__table__
            owner = Account.__table__.alias("owner")  # the language: not a personal field, read from the table itself
            rows = session.execute(
                select(
                    NoticeDelivery.id,
                    NoticeDelivery.account_id,
                    people.c.email,
                    NoticeDelivery.state,
                    NoticeDelivery.attempts,
                    NoticeDelivery.last_reply,
                    NoticeDelivery.updated_at,
                    select(owner.c.language).where(owner.c.id == NoticeDelivery.account_id).scalar_subquery().label("language"),
                )
                .join(people, people.c.id == NoticeDelivery.account_id, isouter=True)
                .where(*self._where())
                .order_by(*order)
                .offset(offset)
                .limit(limit)
            ).all()
        return tuple(
            LedgerRow(
                r.id,
                r.account_id,
                mask_email(r.email),
                r.state,
                r.attempts or 0,
                mask_reply(r.last_reply),
                r.updated_at,
                r.language or "en",
            )
            for r in rows
        )

    def ordered(self, key: str, descending: bool) -> LedgerSource:
        if key not in _SORT:
            raise InvalidInput(f"The ledger cannot be sorted by {key!r}.")
        return replace(self, order=(key, descending))

    def filtered(self, state: str | None) -> LedgerSource:
        if state and state not in STATES:
            raise InvalidInput(f"Unknown delivery state {state!r}.", hint=f"Use one of: {', '.join(STATES)}.")
        return replace(self, state=state or None)


def source_for(sessions: sessionmaker[Session], number: str, state: str | None = None) -> LedgerSource:
    """The ledger of version ``number`` (InvalidInput when there is no such version)."""
    with sessions() as session:
        version_id = session.scalar(select(PolicyVersion.id).where(PolicyVersion.number == number))
    if version_id is None:
        raise InvalidInput(f"There is no policy version {number!r}.")
    return LedgerSource(sessions, version_id).filtered(state)


def delivery_ids_for_accounts(sessions: sessionmaker[Session], number: str, account_ids: Sequence[int]) -> dict[int, int]:
    """account id -> delivery id of version ``number`` (accounts without a delivery are left out)."""
    with sessions() as session:
        return dict(
            session.execute(
                select(NoticeDelivery.account_id, NoticeDelivery.id)
                .join(PolicyVersion, PolicyVersion.id == NoticeDelivery.policy_version_id)
                .where(PolicyVersion.number == number, NoticeDelivery.account_id.in_(list(account_ids)))
            ).all()
        )
