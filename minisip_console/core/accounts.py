"""Accounts as the console lists them: counted and paged on the server, masked in the core.

Personal fields (name, email, company) are masked here, before a row leaves the core: a table
model, a log line or a screenshot only ever sees ``J*** D***`` and ``j***@example.com``.
Unmasking needs an access grant with a purpose and a ticket (a later issue), and will be a
separate, audited core function, not a flag on this one.

``PageSource`` is the small protocol every large table follows (ARCHITECTURE.md: a virtual
model, row count from ``COUNT(*)``, pages fetched on demand): the UI's generic table model
knows nothing else about where rows come from. Sorting, filtering and searching happen
in SQL, by building a new source (``ordered``, ``filtered``, ``searched``), never in a proxy model.

Search (``searched``) matches the real, unmasked values on the server and still returns masked
rows: a substring of the name, email or company, or the exact account id when the text is a
whole number. The text is a bound parameter and its ``%``, ``_`` and ``\\`` are escaped, so
every character (quotes and SQL keywords included) is matched literally. Case folding is the
database's: ``ILIKE`` on PostgreSQL; on SQLite plain ``LIKE``, which folds A-Z (the console
never sets ``PRAGMA case_sensitive_like``) and is the same match as ``lower() LIKE lower()``
at a third of the cost on 1M rows. SQLite folds only A-Z, and so does PostgreSQL on a
database created with the C locale (the tests' server): other letters (``É``/``é``,
``Ж``/``ж``) then match only as typed. PostgreSQL on a Unicode locale folds them as that
locale does. A substring search cannot use a B-tree index: it scans the table (see
benchmarks/accounts_browse.py for the figures on 1M accounts).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol, TypeVar

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session, sessionmaker

from minisip_console.core import limits, personal

# the masking rules are written once, in core.masking (with their SQL twins); imported from here too
from minisip_console.core.masking import MASK as MASK
from minisip_console.core.masking import PUBLIC_MAIL_DOMAINS as PUBLIC_MAIL_DOMAINS
from minisip_console.core.masking import mask_email as mask_email
from minisip_console.core.masking import mask_words as mask_words
from minisip_console.core.models import Account, AccountStatus
from minisip_console.core.personal import is_postgres
from minisip_console.core.plumbing.errors import InvalidInput
from minisip_console.core.text import say

RowT_co = TypeVar("RowT_co", covariant=True)


@dataclass(frozen=True)
class Column:
    """One column of a paged table: the row attribute it shows and how to present it."""

    key: str
    title: str
    kind: str = "text"  # text | int (an id) | count (thousands separated) | date | datetime | status | bool
    sortable: bool = False
    tooltip: str = ""
    placeholder: str = ""  # shown for a missing value


class PageSource(Protocol[RowT_co]):
    """Rows counted and fetched on the server. Implementations are immutable: ``ordered``
    returns a new source, so a model can swap sources atomically."""

    @property
    def columns(self) -> Sequence[Column]: ...

    @property
    def order(self) -> tuple[str, bool]:
        """(column key, descending)."""
        ...

    def count(self) -> int: ...

    def fetch(self, offset: int, limit: int) -> Sequence[RowT_co]: ...

    def ordered(self, key: str, descending: bool) -> PageSource[RowT_co]: ...


# --------------------------------------------------------------------------- accounts


@dataclass(frozen=True)
class AccountRow:
    """An account as listed: personal fields already masked."""

    id: int
    name: str
    email: str
    company: str
    status: str
    created_at: dt.datetime


ACCOUNT_COLUMNS: tuple[Column, ...] = (
    Column("id", say("ID"), "int", sortable=True),
    Column("name", say("Name"), tooltip=say("Masked until an access grant exists")),
    Column("email", say("Email"), tooltip=say("Masked until an access grant exists")),
    Column("company", say("Company"), tooltip=say("Masked until an access grant exists")),
    Column("status", say("Status"), "status", sortable=True),
    Column("created_at", say("Created"), "datetime", sortable=True),
)

#: sortable keys and the indexed columns that order them (the primary key breaks ties)
_ORDER_COLUMNS: dict[str, tuple[Any, ...]] = {
    "id": (Account.id,),
    "status": (Account.status, Account.id),
    "created_at": (Account.created_at, Account.id),
}

STATUSES: tuple[str, ...] = tuple(s.value for s in AccountStatus)

#: the longest search text accepted (a name or an email is at most 254 characters; a longer
#: search is a paste gone wrong)
SEARCH_MAX = 200
#: the LIKE escape character; the search escapes it, ``%`` and ``_`` in the operator's text
LIKE_ESCAPE = "\\"
_DIGITS = re.compile(r"[0-9]+")


def normalize_search(text: str | None) -> str | None:
    """The search text as it is matched: trimmed; ``None`` for nothing to search.

    Raises ``InvalidInput`` for text longer than ``SEARCH_MAX`` characters or containing a NUL
    character (no database stores one in a text column).
    """
    if text is None:
        return None
    text = text.strip()
    if not text:
        return None
    if len(text) > SEARCH_MAX:
        raise InvalidInput(
            say("The search text is {text} characters long; at most {SEARCH_MAX} are accepted.", text=len(text), SEARCH_MAX=SEARCH_MAX),
            hint=say("Search for part of a name, an email or a company, or an account id."),
        )
    if "\x00" in text:
        raise InvalidInput(say("The search text contains a NUL character."), hint=say("Type or paste the text again."))
    return text


def like_escape(text: str) -> str:
    """``text`` with the LIKE wildcards and the escape character escaped (matched literally)."""
    return text.replace(LIKE_ESCAPE, LIKE_ESCAPE * 2).replace("%", LIKE_ESCAPE + "%").replace("_", LIKE_ESCAPE + "_")


def search_clause(text: str, dialect: str = "postgresql") -> ColumnElement[bool]:
    """Accounts whose name, email or company contains ``text`` (case-insensitive, see the module
    docstring), or whose id is ``text`` when it is a whole number."""
    pattern = f"%{like_escape(text)}%"
    columns = (Account.name, Account.email, Account.company)
    if dialect == "sqlite":  # SQLite's LIKE already folds A-Z, as lower() does: no lower() per row
        clauses: list[ColumnElement[bool]] = [c.like(pattern, escape=LIKE_ESCAPE) for c in columns]
    else:
        clauses = [c.ilike(pattern, escape=LIKE_ESCAPE) for c in columns]
    if _DIGITS.fullmatch(text) and len(text) <= 10 and int(text) <= limits.ID_MAX:  # a larger number is no id
        clauses.insert(0, Account.id == int(text))
    return or_(*clauses)


@dataclass(frozen=True)
class AccountsSource:
    """Every account, or those with one status and/or matching a search, in an indexed order;
    masked rows."""

    sessions: sessionmaker[Session]
    status: str | None = None
    sort_key: str = "id"
    descending: bool = False
    search: str | None = None  # normalized by ``searched``
    #: who searches (the audit event's operator on SQLite; on PostgreSQL the database's own login)
    login: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "search", normalize_search(self.search))
        if self.status is not None and self.status not in STATUSES:
            raise InvalidInput(
                say("Unknown account status {status!r}.", status=self.status), hint=say("Use one of: {value}.", value=", ".join(STATUSES))
            )
        if self.sort_key not in _ORDER_COLUMNS:
            raise InvalidInput(say("Accounts cannot be sorted by {sort_key!r}.", sort_key=self.sort_key))

    @property
    def columns(self) -> Sequence[Column]:
        return ACCOUNT_COLUMNS

    @property
    def order(self) -> tuple[str, bool]:
        return (self.sort_key, self.descending)

    def ordered(self, key: str, descending: bool) -> AccountsSource:
        return replace(self, sort_key=key, descending=descending)

    def filtered(self, status: str | None) -> AccountsSource:
        return replace(self, status=status or None)

    def searched(self, text: str | None) -> AccountsSource:
        """This source narrowed to accounts matching ``text`` (``None`` or blank: no search).

        Raises ``InvalidInput`` for text the search refuses (see ``normalize_search``).
        """
        return replace(self, search=normalize_search(text))

    def _where(self, session: Session, table: Any = None) -> list[ColumnElement[bool]]:
        t = Account.__table__ if table is None else table
        where: list[ColumnElement[bool]] = [t.c.status == self.status] if self.status else []
        if self.search:
            where.append(search_clause(self.search, session.get_bind().dialect.name))
        return where

    def _order_by(self, table: Any = None) -> list[Any]:
        t = Account.__table__ if table is None else table
        cols = [t.c[c.key] for c in _ORDER_COLUMNS[self.sort_key]]
        return [c.desc() if self.descending else c.asc() for c in cols]

    def _from_key(self, key: Sequence[Any], table: Any = None) -> ColumnElement[bool]:
        """Rows at or after ``key`` in this order (a portable expansion of a row-value ``>=``)."""
        t = Account.__table__ if table is None else table
        cols = [t.c[c.key] for c in _ORDER_COLUMNS[self.sort_key]]

        def after(c: ColumnElement[Any], v: object) -> ColumnElement[bool]:
            return c < v if self.descending else c > v

        def at_or_after(c: ColumnElement[Any], v: object) -> ColumnElement[bool]:
            return c <= v if self.descending else c >= v

        clause: ColumnElement[bool] = at_or_after(cols[-1], key[-1])
        for c, v in zip(reversed(cols[:-1]), reversed(key[:-1]), strict=True):
            clause = or_(after(c, v), and_(c == v, clause))
        if len(cols) > 1:  # a plain range on the leading column, so the planner walks the index from there
            clause = and_(at_or_after(cols[0], key[0]), clause)
        return clause

    def count(self) -> int:
        """How many accounts this source holds. A search is on personal values: it is audited
        (that a search was made and how many rows matched, never its text)."""
        with self.sessions() as session, session.begin():
            if self.search and is_postgres(session):
                return personal.search_count(session, self.login, self.search, self.status)
            n = int(session.scalar(select(func.count()).select_from(Account).where(*self._where(session))) or 0)
            if self.search:
                personal.audit_search(session, self._login(session), self._audited({"matched": n}))
            return n

    def _audited(self, details: dict[str, Any]) -> dict[str, Any]:
        return {**details, "status": self.status} if self.status else details

    def _login(self, session: Session) -> str:
        from minisip_console.core.operators import session_login

        return self.login or session_login(session)

    def fetch(self, offset: int, limit: int) -> tuple[AccountRow, ...]:
        """Rows ``offset`` to ``offset + limit`` in this order.

        A far page is located through the index first (only the key columns are read up to the
        offset), then read with a keyset condition, so the wide rows before it are never read.
        On PostgreSQL the rows come masked from the database (``minisip_accounts_masked``), and
        a search's page from its audited function; on SQLite they are masked here.
        """
        if offset < 0 or limit <= 0:
            return ()
        with self.sessions() as session, session.begin():
            if is_postgres(session):
                if self.search:
                    rows = personal.search_page(
                        session, self.login, self.search, self.status, self.sort_key, self.descending, offset, limit
                    )
                    return tuple(AccountRow(r.id, r.name, r.email, r.company, r.status, r.created_at) for r in rows)
                return self._page(session, personal.ACCOUNTS_MASKED, offset, limit, masked=True)
            page = self._page(session, Account.__table__, offset, limit, masked=False)
            if self.search:
                personal.audit_search(session, self._login(session), self._audited({"offset": offset, "returned": len(page)}))
            return page

    def _page(self, session: Session, table: Any, offset: int, limit: int, *, masked: bool) -> tuple[AccountRow, ...]:
        cols = [table.c[k] for k in ("id", "name", "email", "company", "status", "created_at")]
        where = self._where(session, table)
        order = self._order_by(table)
        if offset:
            key = session.execute(
                select(*(table.c[c.key] for c in _ORDER_COLUMNS[self.sort_key])).where(*where).order_by(*order).offset(offset).limit(1)
            ).first()
            if key is None:
                return ()
            where = [*where, self._from_key(tuple(key), table)]
        rows = session.execute(select(*cols).where(*where).order_by(*order).limit(limit)).all()
        if masked:
            return tuple(AccountRow(r.id, r.name, r.email, r.company, r.status, r.created_at) for r in rows)
        return tuple(
            AccountRow(
                id=r.id,
                name=mask_words(r.name),
                email=mask_email(r.email),
                company=mask_words(r.company),
                status=r.status,
                created_at=r.created_at,
            )
            for r in rows
        )
