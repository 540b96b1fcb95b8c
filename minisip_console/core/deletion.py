"""The deletion queue: a customer's request, a second operator's approval, complete execution,
verification that nothing is left, and a certificate.

Why one module of this size: a request's life (filed, approved, carried out, verified, certified)
is one state machine over one row; splitting the steps would scatter its refusal table and its audit trail.

The policy: "When you delete your configurations, we'll ensure that nothing is stored on our
servers." What belongs to an account is *discovered* from the live schema's foreign keys
(``account_tables``): every table that references ``accounts`` directly, or references such a
table, whatever its name. A table the service adds later is found the same way, so it cannot
be forgotten by a hand-kept list.

Scopes:
- ``configurations``: the account's configurations and uploaded files (rows and the files in the
  file store), with every table that references them;
- ``account``: every table that holds the account's data, its files, and the account row reduced
  to a tombstone without personal data (the id stays: the certificate names it).

Execution is resumable: files go first (a missing file is recorded, not fatal), then the rows in
one transaction in foreign-key order, then the verification counts, per table and in the file
store, what still belongs to the account. Only when every count is zero is the request
completed. A run killed at any point is finished by the next ``run_approved``.

The certificate names the audit head (``SEQ:HASH``) just before the request's
``deletion.complete`` event, which records the certificate's SHA-256 and so cannot be inside it;
``minisip-console audit verify --expect-head SEQ:HASH`` later shows the log still contains that
head unchanged. A request completed before the head was recorded (``audit_head`` NULL) rebuilds
to the certificate it had, without the key.

Legal holds (``core.holds``): a request for an account under a hold in force is not carried out.
A hold placed while a run is under way stops it before its next step: before the files, after
the files, and inside the rows' transaction (before the rows go, and again before it commits,
rolling it back). The request stays ``executing`` (resumable, as after a cancel: the next run
finishes it once the hold has ended), the stop is audited (``deletion.held``) and ``HeldByLegalHold``
names the hold. An expired or released hold blocks nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import logging
import os
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from graphlib import TopologicalSorter
from pathlib import Path
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Engine,
    any_,
    column,
    false,
    func,
    inspect,
    or_,
    select,
    table,
    update,
)
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.sql.expression import TableClause

from minisip_console.core import audit, holds
from minisip_console.core.models import (
    Account,
    AccountStatus,
    DeletionRequest,
    DeletionScope,
    DeletionState,
    LegalHold,
    Role,
    utcnow,
)
from minisip_console.core.operators import OperatorInfo
from minisip_console.core.personal import PersonalReader, has_personal_fields
from minisip_console.core.plumbing import db, files
from minisip_console.core.plumbing.errors import Cancelled, ConsoleError, InvalidInput, PermissionDenied
from minisip_console.core.plumbing.filestore import FileStore
from minisip_console.core.plumbing.locks import LockHeld, exclusive
from minisip_console.core.purposes import has_role, role_refusal, validate_ticket
from minisip_console.core.text import say
from minisip_console.core.wording import plural

log = logging.getLogger(__name__)

DUE_DAYS = 30
AMBER_DAYS = 7  # fewer days left than this: amber
OPEN_STATES = (DeletionState.RECEIVED, DeletionState.APPROVED, DeletionState.EXECUTING, DeletionState.VERIFYING)
#: the roots of the ``configurations`` scope: these tables and every table referencing them
CONFIGURATION_ROOTS = ("configurations", "uploaded_files")
#: the personal fields a tombstone clears, and what it leaves in them
TOMBSTONE = {"name": "", "email": "", "company": None}
REJECTION_REASONS = {
    "identity_not_verified": say("The request did not come from the account owner"),
    "legal_hold": say("A legal obligation requires keeping the data"),
    "duplicate": say("The same request was already made"),
    "withdrawn": say("The customer withdrew the request"),
    "not_our_data": say("The data is not held by this service"),
    "other": say("Another reason (explained in the note)"),
}
LOCK_NAME = "deletion-run"
FILE_STORE = "file_store"


# --------------------------------------------------------------------------- schema discovery


@dataclass(frozen=True)
class OwnedTable:
    """A table holding an account's rows, and how its rows are tied to the account."""

    name: str
    #: (column, referenced table, referenced column) for every foreign key towards the account
    links: tuple[tuple[str, str, str], ...]
    depth: int  # 1: references accounts directly


@dataclass(frozen=True)
class SchemaGraph:
    """The live schema's foreign keys, and lightweight table constructs for the tables they join.

    Read with the inspector's bulk call (one catalog query on PostgreSQL) instead of reflecting
    every table in full: ``benchmarks/deletion.py`` measured full reflection at 0.14 s of a 0.19 s
    plain deletion on PostgreSQL.
    """

    #: (child table, child column, parent table, parent column) for every single-column link
    links: tuple[tuple[str, str, str, str], ...]
    tables: dict[str, TableClause]
    dialect: str


#: columns read besides the keys: the files' paths, and the personal fields a tombstone clears
_EXTRA_COLUMNS = {"uploaded_files": ("id",), "accounts": ("id", "status")}


def read_schema(engine: Engine) -> SchemaGraph:
    with db.translated(engine.url):
        multi = inspect(engine).get_multi_foreign_keys()
    links: list[tuple[str, str, str, str]] = []
    columns: dict[str, set[str]] = defaultdict(set)
    for (_schema, name), fks in multi.items():
        columns[name]  # every table is known, with or without keys
        for fk in fks:
            parent = fk["referred_table"]
            for col, ref in zip(fk["constrained_columns"], fk["referred_columns"], strict=True):
                links.append((name, col, parent, ref))
                columns[name].add(col)
                columns[parent].add(ref)
    for name, extra in _EXTRA_COLUMNS.items():
        if name in columns:
            columns[name].update(extra)
    tables = {name: table(name, *(column(c) for c in sorted(cols))) for name, cols in columns.items()}
    return SchemaGraph(tuple(sorted(links)), tables, engine.dialect.name)


def account_tables(engine: Engine, *, roots: Iterable[str] = ("accounts",), meta: SchemaGraph | None = None) -> tuple[OwnedTable, ...]:
    """Every table reachable from ``roots`` through foreign keys pointing at them, children last.

    Discovered from the live schema (reflection), never from a list: a table added to the
    service that references ``accounts`` (or one of its tables) is part of the account's data.
    """
    meta = meta or read_schema(engine)
    roots = tuple(roots)
    referencing: dict[str, list[tuple[str, str, str, str]]] = defaultdict(list)  # parent -> (child, col, parent, refcol)
    for child, col, parent, refcol in meta.links:
        if parent != child:  # a self reference adds no table
            referencing[parent].append((child, col, parent, refcol))
    depth: dict[str, int] = {r: 0 for r in roots}
    links: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
    frontier = list(roots)
    while frontier:
        nxt = []
        for parent in frontier:
            for child, col, par, refcol in referencing.get(parent, ()):
                if child == "accounts":
                    continue
                links[child].add((col, par, refcol))
                if child not in depth:
                    depth[child] = depth[parent] + 1
                    nxt.append(child)
                else:
                    depth[child] = max(depth[child], depth[parent] + 1) if child not in roots else depth[child]
        frontier = nxt
    owned = [OwnedTable(n, tuple(sorted(links[n])), depth[n]) for n in depth if n != "accounts"]
    for r in roots:  # a root itself (configurations) is tied to the account directly
        if r != "accounts" and r not in links:
            owned.append(OwnedTable(r, (), 0))
    return tuple(sorted(owned, key=lambda o: (o.depth, o.name)))


def _owned_clause(
    meta: SchemaGraph, table_name: str, account_id: int, plan: dict[str, OwnedTable], seen: frozenset[str] = frozenset()
) -> ColumnElement[bool]:
    """Rows of ``table_name`` that belong to the account, following its links to ``accounts``."""
    t = meta.tables[table_name]
    clauses: list[ColumnElement[bool]] = []
    for col, parent, refcol in plan[table_name].links:
        if parent == "accounts":
            clauses.append(t.c[col] == account_id)
        elif parent in plan and parent not in seen:
            p = meta.tables[parent]
            owned = select(p.c[refcol]).where(_owned_clause(meta, parent, account_id, plan, seen | {table_name}))
            if meta.dialect == "postgresql":
                # = ANY(ARRAY(subquery)) keeps an OR of two indexed conditions indexable (a BitmapOr);
                # with IN (subquery) PostgreSQL reads the whole table (33 ms against 2 ms on 200,000 rows)
                clauses.append(t.c[col] == any_(func.array(owned.scalar_subquery())))
            else:
                clauses.append(t.c[col].in_(owned))
    return or_(*clauses) if clauses else false()


@dataclass(frozen=True)
class ScopePlan:
    scope: str
    tables: tuple[OwnedTable, ...]  # in deletion order (children first)


def scope_plan(engine: Engine, scope: str, meta: SchemaGraph | None = None) -> ScopePlan:
    meta = meta or read_schema(engine)
    scope = parse_scope(scope)
    if scope == DeletionScope.ACCOUNT:
        tables = account_tables(engine, meta=meta)
    else:
        # the configuration roots, tied to the account by their own account_id, plus what references them
        found = {o.name: o for o in account_tables(engine, roots=CONFIGURATION_ROOTS, meta=meta)}
        for root in CONFIGURATION_ROOTS:
            if root in meta.tables:
                extra = tuple(found.get(root, OwnedTable(root, (), 0)).links)
                found[root] = OwnedTable(root, tuple(sorted({("account_id", "accounts", "id"), *extra})), 0)
        tables = tuple(found.values())
    return ScopePlan(scope=scope.value, tables=_children_first(tables))


def _children_first(tables: Iterable[OwnedTable]) -> tuple[OwnedTable, ...]:
    """A deletion order that respects the foreign keys among ``tables`` (a referencing row first)."""
    by_name = {o.name: o for o in tables}
    order: TopologicalSorter[str] = TopologicalSorter()
    for o in sorted(by_name.values(), key=lambda o: (-o.depth, o.name)):
        order.add(o.name)
        for _, parent, _ in o.links:
            if parent in by_name and parent != o.name:
                order.add(parent, o.name)  # the parent waits for its children
    return tuple(by_name[n] for n in order.static_order())


def parse_scope(raw: str | DeletionScope) -> DeletionScope:
    try:
        return DeletionScope(str(raw).strip().lower())
    except ValueError:
        raise InvalidInput(say("Unknown scope {value!r}.", value=str(raw)[:40]), hint=say("Use configurations or account.")) from None


# --------------------------------------------------------------------------- requests


@dataclass(frozen=True)
class RequestInfo:
    id: int
    account_id: int
    scope: str
    source: str
    ticket_ref: str
    state: str
    requested_by: str
    requested_at: dt.datetime
    due_at: dt.datetime
    decided_by: str | None
    decided_at: dt.datetime | None
    rejection_reason: str | None
    rejection_note: str | None
    executed_at: dt.datetime | None
    completed_at: dt.datetime | None
    verification: dict[str, int] | None
    certificate_sha256: str | None
    #: ``SEQ:HASH``: the audit head the certificate was made under (None before it was recorded)
    audit_head: str | None = None

    def days_left(self, now: dt.datetime) -> int:
        return (self.due_at - now).days

    def urgency(self, now: dt.datetime) -> str:
        """green, amber or red for an open request; "" for a closed one."""
        if self.state not in {s.value for s in OPEN_STATES}:
            return ""
        left = self.days_left(now)
        return "red" if left < 0 else "amber" if left < AMBER_DAYS else "green"

    def to_dict(self, now: dt.datetime | None = None) -> dict[str, Any]:
        now = now or utcnow()
        out = {k: (v.isoformat() if isinstance(v, dt.datetime) else v) for k, v in self.__dict__.items()}
        out["days_left"] = self.days_left(now) if self.urgency(now) else None
        out["urgency"] = self.urgency(now)
        return out


def _info(r: DeletionRequest) -> RequestInfo:
    return RequestInfo(
        id=r.id,
        account_id=r.account_id,
        scope=r.scope,
        source=r.source,
        ticket_ref=r.ticket_ref,
        state=r.state,
        requested_by=r.requested_by,
        requested_at=r.requested_at,
        due_at=r.due_at,
        decided_by=r.decided_by,
        decided_at=r.decided_at,
        rejection_reason=r.rejection_reason,
        rejection_note=r.rejection_note,
        executed_at=r.executed_at,
        completed_at=r.completed_at,
        verification=json.loads(r.verification) if r.verification else None,
        certificate_sha256=r.certificate_sha256,
        audit_head=r.audit_head,
    )


def _request(session: Session, request_id: int, *, lock: bool = False) -> DeletionRequest:
    stmt = select(DeletionRequest).where(DeletionRequest.id == request_id)
    if lock and session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update()
    row = session.scalar(stmt)
    if row is None:
        raise InvalidInput(
            say("There is no deletion request {request_id}.", request_id=request_id), hint=say("See: minisip-console deletion list.")
        )
    return row


def list_requests(sessions: sessionmaker[Session], *, states: Iterable[str] | None = None) -> tuple[RequestInfo, ...]:
    stmt = select(DeletionRequest).order_by(DeletionRequest.requested_at.desc(), DeletionRequest.id.desc())
    if states:
        stmt = stmt.where(DeletionRequest.state.in_(list(states)))
    with sessions() as session:
        return tuple(_info(r) for r in session.scalars(stmt))


def get_request(sessions: sessionmaker[Session], request_id: int) -> RequestInfo:
    with sessions() as session:
        return _info(_request(session, request_id))


def file_request(
    sessions: sessionmaker[Session],
    operator: OperatorInfo,
    account_id: int,
    scope: str,
    *,
    ticket: str,
    source: str = "",
    now: dt.datetime | None = None,
) -> RequestInfo:
    """Record a customer's deletion request (due in 30 days)."""
    _enforce("new", None, operator)
    scope_ = parse_scope(scope)
    ticket = validate_ticket(ticket)
    if len(source := (source or "").strip()) > 300:  # refused, never cut short without a word
        raise InvalidInput(
            say("The source is {source:,} characters; at most 300 are kept.", source=len(source)),
            hint=say("Say in short how the customer asked; the ticket holds the rest."),
        )
    source = source or f"ticket {ticket}"
    now = now or utcnow()
    with sessions.begin() as session:
        account = session.execute(select(Account.id, Account.status).where(Account.id == account_id)).first()  # no personal field
        if account is None:
            raise InvalidInput(
                say("There is no account {account_id}.", account_id=account_id), hint=say("Check the account id in the Accounts tab.")
            )
        if account.status == AccountStatus.DELETED and scope_ == DeletionScope.ACCOUNT:
            raise InvalidInput(say("Account {account_id} is already deleted.", account_id=account_id))
        first = session.scalar(
            select(DeletionRequest).where(
                DeletionRequest.account_id == account_id,
                DeletionRequest.scope == scope_.value,
                DeletionRequest.state.in_([s.value for s in OPEN_STATES]),
            )
        )
        if first is not None:
            raise ConsoleError(
                say(
                    "Account {account_id} already has an open {value} deletion request: request {id} ({state}, "
                    "filed by {requested_by} on {requested_at:%Y-%m-%d}).",
                    account_id=account_id,
                    value=scope_.value,
                    id=first.id,
                    state=first.state,
                    requested_by=first.requested_by,
                    requested_at=first.requested_at,
                ),
                hint=say("Work on that request instead of filing a second one."),
            )
        row = DeletionRequest(
            account_id=account_id,
            scope=scope_.value,
            source=source,
            ticket_ref=ticket,
            state=DeletionState.RECEIVED.value,
            requested_by=operator.login,
            requested_at=now,
            due_at=now + dt.timedelta(days=DUE_DAYS),
        )
        session.add(row)
        session.flush()
        audit.append(
            session,
            operator=operator.login,
            action="deletion.request",
            target_type="deletion_request",
            target_id=row.id,
            details={"account_id": account_id, "scope": scope_.value, "ticket_ref": ticket},
            at=now,
        )
        return _info(row)


# --------------------------------------------------------------------------- who may do what: one answer


#: what can be done to the queue, as the window's buttons and the commands name it
ACTIONS = ("new", "approve", "reject", "cancel", "run", "certificate")
#: the states a run may start (or finish) from
RUNNABLE = frozenset({DeletionState.APPROVED.value, DeletionState.EXECUTING.value, DeletionState.VERIFYING.value})
_ROLE_FOR = {
    "new": (Role.OPERATOR, say("file a deletion request")),
    "approve": (Role.APPROVER, say("approve a deletion request")),
    "reject": (Role.APPROVER, say("reject a deletion request")),
    "cancel": (Role.OPERATOR, say("cancel a deletion request")),
    "run": (Role.OPERATOR, say("carry out a deletion request")),
    "certificate": (Role.OPERATOR, say("send a deletion certificate to a customer")),
}


def state_word(state: str) -> str:
    """A request's state in a sentence ("Request 4 is received"), translatable."""
    words = {
        DeletionState.RECEIVED.value: say("received"),
        DeletionState.APPROVED.value: say("approved"),
        DeletionState.REJECTED.value: say("rejected"),
        DeletionState.EXECUTING.value: say("executing"),
        DeletionState.VERIFYING.value: say("verifying"),
        DeletionState.COMPLETED.value: say("completed"),
        DeletionState.FAILED.value: say("failed"),
        DeletionState.CANCELLED.value: say("cancelled"),
    }
    return words.get(str(state)) or str(state)


def refusal(action: str, request: RequestInfo | None, operator: OperatorInfo) -> ConsoleError | None:
    """None when ``operator`` may do ``action`` (one of ``ACTIONS``) on ``request``; else the error
    the core raises for it: ``PermissionDenied`` for who may not, ``ConsoleError`` for a request
    whose state does not allow it. The window shows its sentence beside the button; ``approve``,
    ``reject``, ``cancel_request`` and ``execute`` raise it. ``request`` None: the role alone."""
    if action not in _ROLE_FOR:
        raise ValueError(f"unknown action {action!r}")
    if (error := role_refusal(operator, *_ROLE_FOR[action])) is not None:
        return error
    if request is None or action == "new":
        return None
    n, state = request.id, request.state
    if action == "approve":
        if state != DeletionState.RECEIVED:
            return ConsoleError(say("Request {n} is {state}: only a received request can be approved.", n=n, state=state_word(state)))
        if request.requested_by == operator.login:
            return PermissionDenied(
                say("{login} filed request {n} and cannot also approve it.", login=operator.login, n=n),
                hint=say("Four eyes: another approver must approve it."),
            )
    elif action in ("reject", "cancel"):
        if state not in (DeletionState.RECEIVED, DeletionState.APPROVED):
            return ConsoleError(
                say("Request {n} is {state}: it can no longer be rejected.", n=n, state=state_word(state))
                if action == "reject"
                else say("Request {n} is {state}: only a request that has not started can be cancelled.", n=n, state=state_word(state))
            )
        if action == "cancel" and request.requested_by != operator.login and not has_role(operator, Role.ADMIN):
            return PermissionDenied(
                say("Only {requested_by}, who filed request {n}, or an admin can cancel it.", requested_by=request.requested_by, n=n)
            )
    elif action == "run":
        if state not in RUNNABLE:
            return ConsoleError(
                say(
                    "Request {n} is {state}: only an approved request (or one a stopped run left) can be carried out.",
                    n=n,
                    state=state_word(state),
                ),
                hint=(say("A received request needs a second operator's approval first.") if state == DeletionState.RECEIVED else None),
            )
    elif action == "certificate" and state != DeletionState.COMPLETED:
        return ConsoleError(
            say("Request {n} is {state}: only a completed, verified request has a certificate.", n=n, state=state_word(state))
        )
    return None


def actions(request: RequestInfo | None, operator: OperatorInfo) -> dict[str, ConsoleError | None]:
    """``refusal`` for every action: what the window's buttons show."""
    return {action: refusal(action, request, operator) for action in ACTIONS}


def _enforce(action: str, request: RequestInfo | None, operator: OperatorInfo) -> None:
    error = refusal(action, request, operator)
    if error is not None:
        raise error


def approve(sessions: sessionmaker[Session], operator: OperatorInfo, request_id: int, *, now: dt.datetime | None = None) -> RequestInfo:
    """A second operator's approval (four eyes: never the one who filed the request)."""
    _enforce("approve", None, operator)
    now = now or utcnow()
    with sessions.begin() as session:
        row = _request(session, request_id, lock=True)
        _enforce("approve", _info(row), operator)
        row.state, row.decided_by, row.decided_at = DeletionState.APPROVED.value, operator.login, now
        audit.append(session, operator=operator.login, action="deletion.approve", target_type="deletion_request", target_id=row.id, at=now)
        return _info(row)


def reject(
    sessions: sessionmaker[Session], operator: OperatorInfo, request_id: int, reason: str, note: str = "", *, now: dt.datetime | None = None
) -> RequestInfo:
    _enforce("reject", None, operator)
    code = (reason or "").strip().lower()
    if code not in REJECTION_REASONS:
        raise InvalidInput(
            say("Unknown rejection reason {reason!r}.", reason=reason[:40]),
            hint=say("Use one of: {value}.", value=", ".join(REJECTION_REASONS)),
        )
    note = (note or "").strip()
    if code == "other" and not note:
        raise InvalidInput(say("A rejection for another reason needs a note explaining it."))
    now = now or utcnow()
    with sessions.begin() as session:
        row = _request(session, request_id, lock=True)
        _enforce("reject", _info(row), operator)
        row.state, row.decided_by, row.decided_at = DeletionState.REJECTED.value, operator.login, now
        row.rejection_reason, row.rejection_note = code, note[:2000] or None
        audit.append(
            session,
            operator=operator.login,
            action="deletion.reject",
            target_type="deletion_request",
            target_id=row.id,
            details={"reason": code},
            at=now,
        )
        return _info(row)


# --------------------------------------------------------------------------- execution


@dataclass
class RunOutcome:
    request: RequestInfo
    deleted: dict[str, int] = field(default_factory=dict)
    missing_files: list[str] = field(default_factory=list)


#: kept for callers of the old name: the holds in force on an account (``core.holds``)
active_holds = holds.active_holds


class HeldByLegalHold(ConsoleError):
    """The account is under a legal hold in force: its request waits until the hold ends."""

    def __init__(self, message: str, *, hint: str | None = None, hold_ids: tuple[int, ...] = ()) -> None:
        super().__init__(message, hint=hint)
        self.hold_ids = hold_ids


def blocking_holds(session: Session, account_id: int, now: dt.datetime) -> list[LegalHold]:
    """Holds on the account in force at ``now`` or at this moment (a hold placed during a run
    started with an explicit ``now`` blocks it too); expired and released holds are not."""
    found = {h.id: h for h in holds.active_holds(session, account_id, now)}
    current = utcnow()
    if current > now:
        found.update((h.id, h) for h in holds.active_holds(session, account_id, current))
    return [found[i] for i in sorted(found)]


def describe_hold(h: LegalHold) -> str:
    if h.expires_at:
        return say(
            "hold {id}: {reason}, placed by {placed_by} on {placed_at:%Y-%m-%d}, until {expires_at:%Y-%m-%d %H:%M} UTC",
            id=h.id,
            reason=h.reason,
            placed_by=h.placed_by,
            placed_at=h.placed_at,
            expires_at=h.expires_at,
        )
    return say(
        "hold {id}: {reason}, placed by {placed_by} on {placed_at:%Y-%m-%d}, with no end date (until an approver releases it)",
        id=h.id,
        reason=h.reason,
        placed_by=h.placed_by,
        placed_at=h.placed_at,
    )


def _held_error(account_id: int, request_id: int, found: list[LegalHold], *, state: str, during_run: bool) -> HeldByLegalHold:
    more = say(" (and {count} more)", count=len(found) - 1) if len(found) > 1 else ""
    if during_run:
        message = say(
            "Account {account_id} was placed under a legal hold while request {request_id} ran "
            "({hold}){more}; the deletion stopped before its next step.",
            account_id=account_id,
            request_id=request_id,
            hold=describe_hold(found[0]),
            more=more,
        )
    else:
        message = say(
            "Account {account_id} is under a legal hold ({hold}){more}; request {request_id} cannot be carried out while it lasts.",
            account_id=account_id,
            request_id=request_id,
            hold=describe_hold(found[0]),
            more=more,
        )
    then = "" if state == DeletionState.APPROVED else say(": the next run finishes it once the hold has ended")
    return HeldByLegalHold(
        message,
        hint=say("The hold must be released first; the request stays {state}{then}.", state=state_word(state), then=then),
        hold_ids=tuple(h.id for h in found),
    )


def _file_paths(session: Session, meta: SchemaGraph, account_id: int, plan: ScopePlan) -> list[str]:
    """The stored files' paths, read through ``core.personal`` (the caller opened the account)."""
    if "uploaded_files" not in meta.tables or "uploaded_files" not in {t.name for t in plan.tables}:
        return []
    t = meta.tables["uploaded_files"]
    lookup = {o.name: o for o in plan.tables}
    owned = select(t.c.id).where(_owned_clause(meta, "uploaded_files", account_id, lookup))
    view = PersonalReader(session, _NOBODY).table("uploaded_files")
    return list(session.scalars(select(view.c.storage_path).where(view.c.id.in_(owned)).order_by(view.c.id)))


def count_remaining(engine: Engine, account_id: int, scope: str, store: FileStore, *, meta: SchemaGraph | None = None) -> dict[str, int]:
    """Per table (and the file store), what still belongs to the account in this scope."""
    meta = meta or read_schema(engine)
    plan = scope_plan(engine, scope, meta)
    lookup = {o.name: o for o in plan.tables}
    counts: dict[str, int] = {}
    with db.translated(engine.url), engine.connect() as conn:
        for owned in plan.tables:
            t = meta.tables[owned.name]
            counts[owned.name] = int(
                conn.execute(select(func.count()).select_from(t).where(_owned_clause(meta, owned.name, account_id, lookup))).scalar() or 0
            )
        if parse_scope(scope) == DeletionScope.ACCOUNT:
            counts["accounts (personal fields)"] = int(has_personal_fields(conn, account_id))
    folder = store.path_of(f"accounts/{account_id}")
    counts[FILE_STORE] = sum(1 for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else 0
    return counts


def execute(
    sessions: sessionmaker[Session],
    operator: OperatorInfo,
    request_id: int,
    store: FileStore,
    *,
    now: dt.datetime | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> RunOutcome:
    """Carry out an approved request (or finish one a killed run left executing/verifying).

    ``cancel`` is checked between files and before the rows' transaction commits: a cancelled
    run raises ``Cancelled`` and leaves the request ``executing``, to be finished by the next run
    (files already removed stay removed; the rows' transaction is rolled back whole)."""
    _enforce("run", None, operator)
    engine = sessions.kw["bind"]
    try:
        lock = exclusive(engine, f"{LOCK_NAME}-{request_id}")
        lock.__enter__()
    except LockHeld:
        raise LockHeld(
            say("Request {request_id} is being carried out by another process.", request_id=request_id), hint=say("Wait for it to finish.")
        ) from None
    try:
        return _execute(sessions, operator, request_id, store, now=now or utcnow(), progress=progress, cancel=cancel)
    finally:
        lock.__exit__(None, None, None)


def _execute(
    sessions: sessionmaker[Session],
    operator: OperatorInfo,
    request_id: int,
    store: FileStore,
    *,
    now: dt.datetime,
    progress: Callable[[int, int, str], None] | None,
    cancel: Callable[[], bool] | None = None,
) -> RunOutcome:
    engine: Engine = sessions.kw["bind"]
    step = progress or (lambda done, total, what: None)

    def check_cancel() -> None:
        if cancel is not None and cancel():
            raise Cancelled(
                say("Request {request_id} was stopped before it finished; it stays executing.", request_id=request_id),
                hint=say("Run it again to finish: nothing is half deleted in the database."),
            )

    def check_holds(conn: Any) -> None:
        """A hold placed since the run started stops it here (the caller's transaction rolls back)."""
        with Session(bind=conn) as session:
            found = blocking_holds(session, account_id, now)
            if found:
                raise _held_error(account_id, request_id, found, state=DeletionState.EXECUTING.value, during_run=True)

    def stopped(error: HeldByLegalHold, where: str) -> HeldByLegalHold:
        """Record the stop (audited; the request stays executing, resumable) and hand the error back."""
        with db.translated(engine.url), sessions.begin() as session:
            audit.append(
                session,
                operator=operator.login,
                action="deletion.held",
                target_type="deletion_request",
                target_id=request_id,
                details={"account_id": account_id, "hold_ids": list(error.hold_ids), "stopped": where, "deleted": dict(outcome_deleted)},
            )
        return error

    with db.translated(engine.url), sessions.begin() as session:
        row = _request(session, request_id, lock=True)
        _enforce("run", _info(row), operator)
        found = blocking_holds(session, row.account_id, now)
        if found:
            raise _held_error(row.account_id, request_id, found, state=row.state, during_run=False)
        account_id, scope = row.account_id, row.scope
        if row.state == DeletionState.APPROVED:
            row.state, row.executed_at = DeletionState.EXECUTING.value, now
            audit.append(
                session,
                operator=operator.login,
                action="deletion.execute",
                target_type="deletion_request",
                target_id=row.id,
                details={"scope": scope},
                at=now,
            )
    meta = read_schema(engine)
    plan = scope_plan(engine, scope, meta)
    lookup = {o.name: o for o in plan.tables}
    outcome_deleted: dict[str, int] = {}
    missing: list[str] = []
    total_steps = len(plan.tables) + 2
    # 1. files first: a run killed after this finds them missing, which is recorded, not fatal
    with db.translated(engine.url), Session(engine) as session, session.begin():
        PersonalReader(session, operator).open_for_deletion(request_id)
        paths = _file_paths(session, meta, account_id, plan)
    step(0, total_steps, f"deleting {plural(len(paths), 'file')}")
    try:
        with db.translated(engine.url), engine.connect() as conn:
            check_holds(conn)
    except HeldByLegalHold as exc:
        raise stopped(exc, "before the files") from None
    for p in paths:
        check_cancel()
        target = store.path_of(p)
        if target.is_file():
            target.unlink()
        else:
            missing.append(p)
    if scope == DeletionScope.ACCOUNT:
        folder = store.path_of(f"accounts/{account_id}")
        if folder.is_dir():
            for f in sorted(folder.rglob("*"), reverse=True):
                f.unlink() if f.is_file() else f.rmdir()
            folder.rmdir()
    outcome_deleted[FILE_STORE] = len(paths) - len(missing)
    try:
        with db.translated(engine.url), engine.connect() as conn:
            check_holds(conn)
    except HeldByLegalHold as exc:
        raise stopped(exc, "after the files") from None
    # 2. rows, children first, in one transaction (all or nothing; a rerun repeats it)
    try:
        with db.translated(engine.url), engine.begin() as conn:
            check_holds(conn)  # a hold placed since: nothing of the rows is touched
            for i, owned in enumerate(plan.tables, start=1):
                t = meta.tables[owned.name]
                check_cancel()  # rolls the rows' transaction back
                step(i, total_steps, f"deleting from {owned.name}")
                outcome_deleted[owned.name] = (
                    conn.execute(t.delete().where(_owned_clause(meta, owned.name, account_id, lookup))).rowcount or 0
                )
            if scope == DeletionScope.ACCOUNT:
                conn.execute(update(Account).where(Account.id == account_id).values(status=AccountStatus.DELETED.value, **TOMBSTONE))
            check_cancel()  # rolls the rows' transaction back
            check_holds(conn)  # a hold placed while the rows went: rolled back too
            conn.execute(update(DeletionRequest).where(DeletionRequest.id == request_id).values(state=DeletionState.VERIFYING.value))
    except HeldByLegalHold as exc:
        deleted_files = outcome_deleted.get(FILE_STORE, 0)
        outcome_deleted.clear()  # the rows' transaction was rolled back: only the files went
        outcome_deleted[FILE_STORE] = deleted_files
        raise stopped(exc, "in the rows' transaction (rolled back)") from None
    # 3. verification
    step(total_steps - 1, total_steps, "verifying")
    counts = count_remaining(engine, account_id, scope, store, meta=meta)
    done = utcnow()
    for attempt in range(1, COMPLETE_ATTEMPTS + 1):
        try:
            info = _record_verification(sessions, operator, request_id, counts, missing, outcome_deleted, done)
            break
        except _HeadMoved:
            if attempt == COMPLETE_ATTEMPTS:
                raise ConsoleError(
                    say(
                        "Other consoles kept writing to the audit log while request {request_id} was being completed.",
                        request_id=request_id,
                    ),
                    hint=say("Nothing of the completion was recorded and the request stays verifying; run it again to finish it."),
                ) from None
    step(total_steps, total_steps, info.state)
    return RunOutcome(info, outcome_deleted, missing)


class _HeadMoved(Exception):
    """Another event came between the head a certificate names and its deletion.complete event."""


#: tries of the completion's transaction when other consoles append to the audit log meanwhile
COMPLETE_ATTEMPTS = 3


def _record_verification(
    sessions: sessionmaker[Session],
    operator: OperatorInfo,
    request_id: int,
    counts: dict[str, int],
    missing: list[str],
    deleted: dict[str, int],
    done: dt.datetime,
) -> RequestInfo:
    """Record the verification: completed with its certificate when nothing is left, else failed.

    The certificate names the audit head just before its ``deletion.complete`` event (that event
    records the certificate's SHA-256, so the certificate cannot contain it). The head is read
    without a lock (the console's roles may not lock the log's rows); when another console's
    event came in between, ``_HeadMoved`` rolls the transaction back and the caller tries again.
    """
    engine: Engine = sessions.kw["bind"]
    with db.translated(engine.url), sessions.begin() as session:
        row = _request(session, request_id, lock=True)
        row.verification = json.dumps(counts, sort_keys=True)
        if all(v == 0 for v in counts.values()):
            row.state, row.completed_at = DeletionState.COMPLETED.value, done
            session.flush()  # the request's row first: on SQLite this takes the write lock before the head is read
            before = audit.head(session)
            row.audit_head = before.text if before else None
            cert = certificate(row, counts)
            row.certificate_sha256 = hashlib.sha256(audit.canonical(cert)).hexdigest()
            event = audit.append(
                session,
                operator=operator.login,
                action="deletion.complete",
                target_type="deletion_request",
                target_id=row.id,
                details={
                    "verification": counts,
                    "certificate_sha256": row.certificate_sha256,
                    "missing_files": len(missing),
                    "deleted": deleted,
                },
                at=done,
            )
            if event.seq != (before.seq if before else 0) + 1:
                raise _HeadMoved(request_id)  # rolls back: the certificate would name a head that is not the one before its event
        else:
            row.state = DeletionState.FAILED.value
            audit.append(
                session,
                operator=operator.login,
                action="deletion.fail",
                target_type="deletion_request",
                target_id=row.id,
                details={"verification": counts},
                at=done,
            )
        return _info(row)


def run_approved(
    sessions: sessionmaker[Session],
    operator: OperatorInfo,
    store: FileStore,
    *,
    progress: Callable[[int, int, str], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> list[RunOutcome | ConsoleError]:
    """Carry out every approved request and finish every interrupted one (for the OS scheduler).

    A cancel stops the request in hand (``Cancelled`` in the list) and starts no other."""
    ids = [r.id for r in list_requests(sessions, states=[DeletionState.APPROVED, DeletionState.EXECUTING, DeletionState.VERIFYING])]
    out: list[RunOutcome | ConsoleError] = []
    for request_id in sorted(ids):
        if cancel is not None and cancel():
            break
        try:
            out.append(execute(sessions, operator, request_id, store, progress=progress, cancel=cancel))
        except (OperationalError, DBAPIError) as exc:
            out.append(db.translate_error(exc, sessions.kw["bind"].url))
        except ConsoleError as exc:
            out.append(exc)
    return out


#: the reader's operator where only the table to read from matters
_NOBODY = OperatorInfo(login="", display_name="", role=Role.VIEWER, registered=False)


# --------------------------------------------------------------------------- certificate


def certificate(row: DeletionRequest, counts: dict[str, int]) -> dict[str, Any]:
    """What the customer receives: no personal data beyond the account id they know.

    ``audit_head`` (``SEQ:HASH``, the head just before the request's ``deletion.complete``
    event) only when the request recorded one: a request completed before the head was
    recorded rebuilds to exactly the certificate it had, with the same SHA-256."""
    cert: dict[str, Any] = {
        "certificate": "minisip-console deletion certificate",
        "request": row.id,
        "account_id": row.account_id,
        "scope": row.scope,
        "ticket_ref": row.ticket_ref,
        "requested_at": row.requested_at.isoformat(),
        "requested_by": row.requested_by,
        "approved_by": row.decided_by,
        "approved_at": row.decided_at.isoformat() if row.decided_at else None,
        "executed_at": row.executed_at.isoformat() if row.executed_at else None,
        "completed_at": row.completed_at.isoformat() if row.completed_at else None,
        "checked": dict(sorted(counts.items())),
    }
    if row.audit_head:
        cert["audit_head"] = row.audit_head
    return cert


def certificate_for(sessions: sessionmaker[Session], request_id: int) -> dict[str, Any]:
    """The certificate of a completed request, rebuilt from the database and checked against the
    SHA-256 recorded when it completed (and in the audit log)."""
    with sessions() as session:
        row = _request(session, request_id)
        if row.state != DeletionState.COMPLETED or not row.verification:
            raise ConsoleError(
                say("Request {request_id} is {state}: only a completed request has a certificate.", request_id=request_id, state=row.state)
            )
        cert = certificate(row, json.loads(row.verification))
        digest = hashlib.sha256(audit.canonical(cert)).hexdigest()
        if digest != row.certificate_sha256:
            raise ConsoleError(
                say(
                    "The certificate of request {request_id} does not match the SHA-256 recorded when it completed.", request_id=request_id
                ),
                hint=say("The request's record was changed afterwards: run minisip-console audit verify."),
            )
        return {**cert, "sha256": digest}


def certificate_html(cert: dict[str, Any]) -> str:
    """A readable, printable page for the customer (every value escaped)."""
    e = html.escape
    rows = "".join(f"<tr><td>{e(str(name))}</td><td class=n>{int(n)}</td></tr>" for name, n in cert["checked"].items())
    scope = "all personal data of the account" if cert["scope"] == "account" else "every configuration and uploaded file of the account"
    facts = [
        ("Request", cert["request"]),
        ("Account", cert["account_id"]),
        ("Scope", scope),
        ("Reference", cert["ticket_ref"]),
        ("Requested", cert["requested_at"]),
        ("Filed by", cert["requested_by"]),
        ("Approved by", cert["approved_by"]),
        ("Approved", cert["approved_at"]),
        ("Carried out", cert["executed_at"]),
        ("Verified and completed", cert["completed_at"]),
    ]
    dl = "".join(f"<tr><th>{e(k)}</th><td>{e(str(v or '-'))}</td></tr>" for k, v in facts)
    head = ""
    if cert.get("audit_head"):
        h = e(str(cert["audit_head"]))
        head = (
            f"<p>This certificate was made under audit log head <code>{h}</code>; to check that our audit log "
            f"still contains it unchanged, run <code>minisip-console audit verify --expect-head {h}</code>.</p>"
        )
    return (
        "<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>Deletion certificate</title><style>"
        "body{font-family:sans-serif;max-width:42em;margin:2em auto;color:#222}th{text-align:left;padding-right:1em}"
        "table{border-collapse:collapse;margin:1em 0}td,th{padding:.2em .6em;border-bottom:1px solid #ddd}.n{text-align:right}"
        "code{font-size:.85em;word-break:break-all}</style></head><body>"
        "<h1>Deletion certificate</h1>"
        f"<p>Cloud miniSIPServer deleted {e(scope)} and then checked every table and the file store "
        "for anything left. Every count below is zero.</p>"
        f"<table>{dl}</table><h2>What was checked</h2><table><tr><th>Table or store</th><th class=n>Left</th></tr>{rows}</table>"
        f"<p>SHA-256 of this certificate's content (recorded in our audit log): <code>{e(cert.get('sha256', ''))}</code></p>"
        f"{head}</body></html>"
    )


def write_certificate(sessions: sessionmaker[Session], request_id: int, path: str | os.PathLike[str]) -> str:
    """Write the certificate as JSON (``.json``) or a readable page (``.html``); returns its SHA-256.

    Written atomically (``core.plumbing.files.write_text``): a full disk, a read-only folder or no
    permission is a sentence, and no temporary file is left."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in (".json", ".html", ".htm"):
        raise InvalidInput(
            say("Cannot write a certificate as {value}.", value=suffix or "a file without an extension"),
            hint=say("Use a .json or .html file name."),
        )
    target = files.check_target(target, example="a file name, e.g. certificate.html")
    cert = certificate_for(sessions, request_id)
    text_ = json.dumps(cert, indent=2, sort_keys=True) + "\n" if suffix == ".json" else certificate_html(cert)
    files.write_text(target, text_)
    return str(cert["sha256"])


def cancel_request(
    sessions: sessionmaker[Session], operator: OperatorInfo, request_id: int, note: str = "", *, now: dt.datetime | None = None
) -> RequestInfo:
    """Withdraw a request that has not started (its filer, or an admin)."""
    _enforce("cancel", None, operator)
    now = now or utcnow()
    with sessions.begin() as session:
        row = _request(session, request_id, lock=True)
        _enforce("cancel", _info(row), operator)
        row.state = DeletionState.CANCELLED.value
        row.rejection_note = (note or "").strip()[:2000] or None
        audit.append(session, operator=operator.login, action="deletion.cancel", target_type="deletion_request", target_id=row.id, at=now)
        return _info(row)


@dataclass(frozen=True)
class TimelineEvent:
    at: dt.datetime
    operator: str
    action: str
    details: dict[str, Any]


def timeline(sessions: sessionmaker[Session], request_id: int) -> tuple[TimelineEvent, ...]:
    """The request's story from the audit log, oldest first."""
    from minisip_console.core.models import AuditEvent

    with sessions() as session:
        rows = session.scalars(
            select(AuditEvent)
            .where(AuditEvent.target_type == "deletion_request", AuditEvent.target_id == str(request_id))
            .order_by(AuditEvent.seq)
        ).all()
        return tuple(TimelineEvent(r.occurred_at, r.operator_login, r.action, json.loads(r.details or "{}")) for r in rows)


# --------------------------------------------------------------------------- the live check


@dataclass(frozen=True)
class DeletionChecks:
    """The promises "nothing stays on our servers" and "delete your information at any time",
    read from the queue: no request past its due date, none failed, every completed one verified
    to zero rows left (its certificate)."""

    total: int
    open: int
    overdue: tuple[int, ...]  # open and past the due date: request ids
    due_soon: tuple[int, ...]  # open with fewer than AMBER_DAYS left
    failed: tuple[int, ...]
    unverified: tuple[int, ...]  # completed without a verification of zero rows left or a certificate
    completed: int
    completed_late: tuple[int, ...]  # completed after their due date
    median_days: float | None  # from request to completion, completed requests

    @property
    def ok(self) -> bool:
        return not (self.overdue or self.failed or self.unverified)


def checks(session: Session, *, now: dt.datetime | None = None) -> DeletionChecks:
    now = now or utcnow()
    open_states = {s.value for s in OPEN_STATES}
    overdue: list[int] = []
    soon: list[int] = []
    failed: list[int] = []
    unverified: list[int] = []
    late: list[int] = []
    days: list[float] = []
    total = open_ = completed = 0
    rows = session.execute(
        select(
            DeletionRequest.id,
            DeletionRequest.state,
            DeletionRequest.requested_at,
            DeletionRequest.due_at,
            DeletionRequest.completed_at,
            DeletionRequest.verification,
            DeletionRequest.certificate_sha256,
        ).order_by(DeletionRequest.id)
    )
    for rid, state, requested, due, done, verification, certificate in rows:
        total += 1
        if state in open_states:
            open_ += 1
            left = (due - now).days
            if due < now:
                overdue.append(rid)
            elif left < AMBER_DAYS:
                soon.append(rid)
        elif state == DeletionState.FAILED.value:
            failed.append(rid)
        elif state == DeletionState.COMPLETED.value:
            completed += 1
            counts = json.loads(verification) if verification else None
            if not certificate or not isinstance(counts, dict) or any(int(n) for n in counts.values()):
                unverified.append(rid)
            if done is not None:
                days.append((done - requested).total_seconds() / 86400)
                if done > due:
                    late.append(rid)
    days.sort()
    median = None
    if days:
        mid = len(days) // 2
        median = days[mid] if len(days) % 2 else (days[mid - 1] + days[mid]) / 2
    return DeletionChecks(total, open_, tuple(overdue), tuple(soon), tuple(failed), tuple(unverified), completed, tuple(late), median)
