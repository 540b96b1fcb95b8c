"""The one reader of personal fields: through the database's own checks on PostgreSQL, the core's on SQLite.

Personal fields (an account's name, email and company; CDR numbers; correspondence; uploaded
files' names and paths) are never read from the service tables directly by the domain modules.
They open what they need here, in the transaction that reads it:

- ``open_account`` (a look, an export, a file, a rectification: the caller holds an active
  access grant), ``open_for_compliance`` (an approved law-enforcement export),
  ``open_for_deletion`` (a deletion being carried out), ``open_for_notice`` (telling a customer
  of a law-enforcement request), ``open_marketing_list``. Each appends its audit event (except
  the deletion's, which its own events cover) and makes that account's rows readable in this
  transaction through ``table(...)`` / ``entity(...)``.
- ``search_count`` / ``search_page``: accounts matching a text, masked, each call audited with
  how many rows matched or were returned (never the text).
- ``masked_accounts()``: the accounts as lists show them (masked by the database on PostgreSQL).

On PostgreSQL these are the SECURITY DEFINER functions and views of ``core.pg_security``: the
database checks the grant (so ``psql`` gets nothing more) and writes the audit event in the same
transaction. On SQLite (single-user: the file is the trust boundary) the core checked the grant
before calling here, and the same audit events are written here. The callers do not branch on
the dialect.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from sqlalchemy import Column, MetaData, Table, func, select, text
from sqlalchemy.orm import Session, aliased

from minisip_console.core import audit
from minisip_console.core.models import Account, Cdr, SupportMessage, UploadedFile
from minisip_console.core.operators import OperatorInfo

_VIEWS = MetaData()


def _view_of(model: Any, name: str) -> Table:
    source = model.__table__
    return Table(name, _VIEWS, *(Column(c.name, c.type, primary_key=c.primary_key, key=c.key) for c in source.columns))


#: the personal views: one account's rows, in the transaction that opened it
PERSONAL_VIEWS: dict[str, Table] = {
    "accounts": _view_of(Account, "minisip_p_accounts"),
    "cdrs": _view_of(Cdr, "minisip_p_cdrs"),
    "support_messages": _view_of(SupportMessage, "minisip_p_support_messages"),
    "uploaded_files": _view_of(UploadedFile, "minisip_p_uploaded_files"),
}
#: accounts as the database masks them (PostgreSQL)
ACCOUNTS_MASKED = Table(
    "minisip_accounts_masked",
    _VIEWS,
    *(Column(c.name, c.type, primary_key=c.primary_key) for c in Account.__table__.columns),
    Column("has_personal"),
)
#: CDRs with their numbers masked by the database (PostgreSQL)
CDRS_MASKED = _view_of(Cdr, "minisip_cdrs_masked")
MARKETING_VIEW = Table(
    "minisip_p_marketing",
    _VIEWS,
    Column("id", Account.__table__.c.id.type, primary_key=True),
    Column("name", Account.__table__.c.name.type),
    Column("company", Account.__table__.c.company.type),
    Column("decided_at", Account.__table__.c.created_at.type),
    Column("evidence", Account.__table__.c.name.type),
)


def is_postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def _details(details: Mapping[str, Any] | None) -> str:
    return audit.canonical(details or {}).decode()


class Reads(Protocol):
    """Who opens personal data: only the login is written down (an ``OperatorInfo``, or a source
    reading as a login)."""

    @property
    def login(self) -> str: ...


class PersonalReader:
    """Opens personal data for one session's current transaction (see the module docstring)."""

    def __init__(self, session: Session, operator: Reads) -> None:
        self.session = session
        self.operator = operator
        self.postgres = is_postgres(session)

    # ---- opening

    def open_account(
        self, account_id: int, *, action: str, details: Mapping[str, Any], at: dt.datetime | None = None, for_session: bool = False
    ) -> int:
        """Open ``account_id`` for this transaction (``for_session``: for this connection until
        ``close``, so a long read need not hold the transaction that wrote its audit event);
        ``details`` name the grant (``grant_id``). Returns the audit event's sequence number.
        ``at``: the event's time on SQLite (PostgreSQL records its own clock for an operator's login)."""
        if self.postgres:
            return int(
                self.session.scalar(
                    text("SELECT minisip_open_account(:a, :action, :details, :claimed, :for_session)"),
                    {
                        "a": account_id,
                        "action": action,
                        "details": _details(details),
                        "claimed": self.operator.login,
                        "for_session": for_session,
                    },
                )
            )
        return audit.append(
            self.session, operator=self.operator.login, action=action, target_type="account", target_id=account_id, details=details, at=at
        ).seq

    def open_for_compliance(self, request_id: int, account_id: int, *, for_session: bool = False) -> None:
        """An approver (not the proposer) exporting ``account_id`` for an approved compliance; the
        compliance's own events (disclosure, law_request.comply) record it."""
        if self.postgres:
            self.session.execute(
                text("SELECT minisip_open_for_compliance(:r, :a, :claimed, :for_session)"),
                {"r": request_id, "a": account_id, "claimed": self.operator.login, "for_session": for_session},
            )

    def close(self) -> None:
        """End what was opened ``for_session`` on this connection (PostgreSQL)."""
        if self.postgres:
            with self.session.begin():
                self.session.execute(text("SELECT minisip_close_reads()"))

    def open_for_deletion(self, request_id: int) -> None:
        """The account of a deletion request being carried out (its files' paths, its fields cleared)."""
        if self.postgres:
            self.session.execute(text("SELECT minisip_open_for_deletion(:r, :claimed)"), {"r": request_id, "claimed": self.operator.login})

    def open_for_notice(self, request_id: int, account_id: int) -> None:
        """An owner waiting to be told of a law-enforcement request: their address, audited."""
        details = {"for": "law_request.notify", "law_enforcement_request_id": request_id}
        if self.postgres:
            self.session.execute(
                text("SELECT minisip_open_for_notice(:r, :a, :details, :claimed)"),
                {"r": request_id, "a": account_id, "details": _details(details), "claimed": self.operator.login},
            )
            return
        audit.append(
            self.session, operator=self.operator.login, action="account.read", target_type="account", target_id=account_id, details=details
        )

    def open_marketing_list(self) -> None:
        details = {"for": "marketing.export"}
        if self.postgres:
            self.session.execute(
                text("SELECT minisip_open_marketing_list(:details, :claimed)"),
                {"details": _details(details), "claimed": self.operator.login},
            )
            return
        audit.append(self.session, operator=self.operator.login, action="marketing.read", target_type="marketing_list", details=details)

    # ---- reading what was opened

    def table(self, name: str) -> Table:
        """Where to read the personal table ``name`` after opening (its view on PostgreSQL)."""
        if self.postgres and name in PERSONAL_VIEWS:
            return PERSONAL_VIEWS[name]
        return _base(name)

    def entity(self, model: Any) -> Any:
        """``model`` (an ORM class of a personal table) read through what was opened."""
        name = model.__tablename__
        if self.postgres and name in PERSONAL_VIEWS:
            return aliased(model, PERSONAL_VIEWS[name], adapt_on_names=True)
        return model

    def marketing_rows(self) -> Any:
        """Active accounts with a marketing permission: (id, name, company, decided_at, evidence)."""
        from minisip_console.core.models import AccountStatus, MarketingPermission

        if self.postgres:
            v = MARKETING_VIEW
            return select(v.c.id, v.c.name, v.c.company, v.c.decided_at, v.c.evidence).order_by(v.c.id)
        return (
            select(Account.id, Account.name, Account.company, MarketingPermission.decided_at, MarketingPermission.evidence)
            .join(MarketingPermission, MarketingPermission.account_id == Account.id)
            .where(MarketingPermission.granted.is_(True), Account.status == AccountStatus.ACTIVE.value)
            .order_by(Account.id)
        )


def _base(name: str) -> Table:
    from minisip_console.core.models import Base

    return Base.metadata.tables[name]


# --------------------------------------------------------------------------- searches


def audit_search(session: Session, login: str, details: Mapping[str, Any]) -> None:
    """The SQLite side of a search's audit event (PostgreSQL's functions write their own)."""
    audit.append(session, operator=login, action="account.search", target_type="accounts", details=details)


def search_count(session: Session, login: str, search: str, status: str | None) -> int:
    """How many accounts match ``search`` (PostgreSQL: counted and audited by the database)."""
    return int(
        session.scalar(text("SELECT minisip_search_count(:s, :status, :claimed)"), {"s": search, "status": status, "claimed": login}) or 0
    )


def search_page(
    session: Session, login: str, search: str, status: str | None, sort: str, descending: bool, offset: int, limit: int
) -> Sequence[Any]:
    """One page of masked accounts matching ``search`` (PostgreSQL: read and audited by the database)."""
    return session.execute(
        text(
            "SELECT id, name, email, company, status, created_at FROM "
            "minisip_search_page(:s, :status, :sort, :desc, :offset, :limit, :claimed)"
        ).columns(*(ACCOUNTS_MASKED.c[k] for k in ("id", "name", "email", "company", "status", "created_at"))),
        {"s": search, "status": status, "sort": sort, "desc": descending, "offset": offset, "limit": limit, "claimed": login},
    ).all()


def accounts_by_email(session: Session, operator: OperatorInfo, emails: Sequence[str]) -> dict[str, list[int]]:
    """Lower-cased address -> the ids of the accounts with it, for the addresses given (a bounce
    import): a search on personal values, audited with how many addresses were asked and matched."""
    wanted = sorted({e.lower() for e in emails})
    if not wanted:
        return {}
    found: dict[str, list[int]] = {}
    if is_postgres(session):
        rows = session.execute(
            text("SELECT account_id, email FROM minisip_accounts_by_email(:e, :claimed) ORDER BY account_id"),
            {"e": wanted, "claimed": operator.login},
        ).all()
        for account_id, email in rows:
            found.setdefault(email, []).append(int(account_id))
        return found
    matched = 0
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        for account_id, email in session.execute(
            select(Account.id, func.lower(Account.email)).where(func.lower(Account.email).in_(chunk)).order_by(Account.id)
        ):
            found.setdefault(email, []).append(int(account_id))
            matched += 1
    audit_search(session, operator.login, {"addresses": len(wanted), "matched": matched})
    return found


# --------------------------------------------------------------------------- a campaign's recipients


def open_campaign(session: Session, operator: OperatorInfo, version_id: int) -> int:
    """Open a running campaign's recipients for this session's connection (audited once, with
    how many deliveries are queued); returns that count."""
    if is_postgres(session):
        return int(session.scalar(text("SELECT minisip_open_campaign(:v, :claimed)"), {"v": version_id, "claimed": operator.login}))
    from minisip_console.core.models import DeliveryState, NoticeDelivery

    queued = int(
        session.scalar(
            select(func.count())
            .select_from(NoticeDelivery)
            .where(NoticeDelivery.policy_version_id == version_id, NoticeDelivery.state == DeliveryState.QUEUED.value)
        )
        or 0
    )
    audit.append(
        session,
        operator=operator.login,
        action="campaign.recipients",
        target_type="policy_version",
        target_id=version_id,
        details={"queued": queued},
    )
    return queued


def close_campaign(session: Session) -> None:
    if is_postgres(session):
        with session.begin():
            session.execute(text("SELECT minisip_close_reads()"))


def recipients(session: Session, version_id: int, delivery_ids: Sequence[int]) -> dict[int, tuple[str | None, str | None]]:
    """delivery id -> (owner's name, address), for deliveries of a campaign opened on this connection."""
    if not delivery_ids:
        return {}
    if is_postgres(session):
        rows = session.execute(
            text("SELECT delivery_id, name, email FROM minisip_recipients(:v, :ids)"), {"v": version_id, "ids": list(delivery_ids)}
        ).all()
        return {int(r.delivery_id): (r.name, r.email) for r in rows}
    from minisip_console.core.models import NoticeDelivery

    rows = session.execute(
        select(NoticeDelivery.id, Account.name, Account.email)
        .join(Account, Account.id == NoticeDelivery.account_id)
        .where(NoticeDelivery.id.in_(list(delivery_ids)), NoticeDelivery.policy_version_id == version_id)
    ).all()
    return {int(r.id): (r.name, r.email) for r in rows}


def has_personal_fields(conn: Any, account_id: int) -> bool:
    """Whether the account still holds a name, an email or a company (a deletion's verification);
    on PostgreSQL answered by the masked view, which tells that much and no more."""
    if conn.dialect.name == "postgresql":
        return bool(conn.scalar(select(ACCOUNTS_MASKED.c.has_personal).where(ACCOUNTS_MASKED.c.id == account_id)))
    row = conn.execute(select(Account.name, Account.email, Account.company).where(Account.id == account_id)).first()
    return row is not None and any((row.name, row.email, row.company))
