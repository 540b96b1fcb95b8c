"""Legal holds (core.holds): placement, expiry by time, release by an approver, the listing order.

Checked on SQLite and PostgreSQL against the rows the tests read back with their own SQL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from minisip_console.core import audit, holds
from minisip_console.core.models import Account, Operator, Role
from minisip_console.core.operators import OperatorInfo, identify
from minisip_console.core.plumbing import db
from minisip_console.core.plumbing.errors import ConsoleError, InvalidInput, PermissionDenied

NOW = dt.datetime(2026, 11, 29, 12, 0, 0, tzinfo=dt.UTC)


@dataclass
class Env:
    engine: Engine
    sessions: sessionmaker[Session]

    def op(self, login: str) -> OperatorInfo:
        with self.sessions() as session:
            return identify(session, login)

    def place(
        self,
        login: str,
        accounts: list[int],
        reason: str = "Preservation order 2026-17",
        *,
        days: object = 90,
        now: dt.datetime | None = None,
    ) -> list[int]:
        """``days`` as the caller typed it (the core checks it is a whole number of days)."""
        with self.sessions.begin() as session:
            return [h.id for h in holds.place_holds(session, self.op(login), accounts, reason, days=days, now=now)]  # type: ignore[arg-type]  # bad types on purpose


@pytest.fixture
def env(db_engine: Engine) -> Iterator[Env]:
    sessions = db.session_factory(db_engine)
    with sessions.begin() as session:
        for login, role in (("ann", Role.ADMIN), ("bob", Role.OPERATOR), ("carol", Role.APPROVER), ("vic", Role.VIEWER)):
            session.add(Operator(login=login, display_name=login.title(), role=role))
        session.add_all([Account(id=i, name=f"Customer {i}", email=f"c{i}@example.com") for i in (1, 2, 3)])
    yield Env(db_engine, sessions)


def test_placement_is_validated_and_audited(env: Env) -> None:
    with pytest.raises(PermissionDenied, match="place a legal hold"):
        env.place("vic", [1])
    with pytest.raises(InvalidInput, match="needs a reason"):
        env.place("bob", [1], reason="   ")
    with pytest.raises(InvalidInput, match="at least one account"):
        env.place("bob", [])
    with pytest.raises(InvalidInput, match="No account 99"):
        env.place("bob", [1, 99])
    for bad in (0, -1, 3661, True, "30"):
        with pytest.raises(InvalidInput, match="1 to 3660 days"):
            env.place("bob", [1], days=bad)
    with env.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM legal_holds")).scalar() == 0  # nothing half placed

    ids = env.place("bob", [2, 1, 2], reason="  Preservation   order 2026-17 ", days=30, now=NOW)
    with env.engine.connect() as conn:
        rows = conn.execute(text("SELECT id, account_id, reason, placed_by, expires_at FROM legal_holds ORDER BY id")).all()
    assert [(r.id, r.account_id, r.reason, r.placed_by) for r in rows] == [
        (ids[0], 1, "Preservation order 2026-17", "bob"),
        (ids[1], 2, "Preservation order 2026-17", "bob"),
    ]
    with env.sessions() as session:
        assert audit.verify(session).ok
    with env.engine.connect() as conn:
        placed = conn.execute(text("SELECT target_id FROM audit_events WHERE action = 'legal_hold.place' ORDER BY seq")).scalars().all()
    assert [int(t) for t in placed] == ids


def test_a_hold_ends_on_its_own_at_its_end_date(env: Env) -> None:
    (hold_id,) = env.place("bob", [1], days=10, now=NOW)
    env.place("bob", [2], days=None, now=NOW)
    with env.sessions() as session:
        assert [h.id for h in holds.active_holds(session, 1, NOW)] == [hold_id]
        assert holds.active_holds(session, 1, NOW - dt.timedelta(seconds=1)) == []  # not placed yet
        assert [h.id for h in holds.active_holds(session, 1, NOW + dt.timedelta(days=10, seconds=-1))] == [hold_id]
        assert holds.active_holds(session, 1, NOW + dt.timedelta(days=10)) == []  # expired exactly at its end
        assert holds.held_account_ids(session, NOW + dt.timedelta(days=5)) == {1, 2}
        assert holds.held_account_ids(session, NOW + dt.timedelta(days=11)) == {2}
        assert holds.held_account_ids(session, NOW + dt.timedelta(days=3000)) == {2}
        (ended,) = holds.list_holds(session, now=NOW + dt.timedelta(days=11), include_ended=True, account_id=1)
    assert not ended.active and ended.ended_at == NOW + dt.timedelta(days=10) and ended.id == hold_id


def test_an_approver_releases_a_hold_with_a_reason(env: Env) -> None:
    (hold_id,) = env.place("bob", [3], days=None, now=NOW)
    later = NOW + dt.timedelta(days=2)
    with pytest.raises(PermissionDenied, match="release a legal hold"):
        holds.release_hold(env.sessions, env.op("bob"), hold_id, "court order lifted", now=later)
    with pytest.raises(InvalidInput, match="needs a reason"):
        holds.release_hold(env.sessions, env.op("carol"), hold_id, "", now=later)
    with pytest.raises(InvalidInput, match="No legal hold 999"):
        holds.release_hold(env.sessions, env.op("carol"), 999, "x", now=later)
    released = holds.release_hold(env.sessions, env.op("carol"), hold_id, "court order lifted", now=later)
    assert not released.active and released.released_by == "carol" and released.ended_at == later
    with env.sessions() as session:
        assert holds.held_account_ids(session, later) == set()
    with pytest.raises(ConsoleError, match="already ended"):
        holds.release_hold(env.sessions, env.op("carol"), hold_id, "again", now=later)
    with env.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM audit_events WHERE action = 'legal_hold.release'")).scalar() == 1


def test_the_list_shows_holds_in_force_soonest_end_first_then_ended_newest_first(env: Env) -> None:
    (long_,) = env.place("bob", [1], days=300, now=NOW)
    (short,) = env.place("bob", [2], days=5, now=NOW)
    (open_,) = env.place("bob", [3], days=None, now=NOW)
    (old,) = env.place("bob", [1], days=1, now=NOW - dt.timedelta(days=40))
    (older,) = env.place("bob", [2], days=1, now=NOW - dt.timedelta(days=80))
    with env.sessions() as session:
        in_force = holds.list_holds(session, now=NOW)
        everything = holds.list_holds(session, now=NOW, include_ended=True)
        for_one = holds.list_holds(session, now=NOW, include_ended=True, account_id=1)
    assert [h.id for h in in_force] == [short, long_, open_]
    assert [h.id for h in everything] == [short, long_, open_, old, older]
    assert [h.id for h in for_one] == [long_, old]
    assert all(h.active for h in in_force) and not any(h.active for h in everything[3:])
