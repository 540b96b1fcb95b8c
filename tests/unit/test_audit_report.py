"""core.audit_report on the demo: what the PDF report shows is what the domain modules say, for the
period asked, with account ids only; the report's own event carries its SHA-256 and head."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from minisip_console.core import audit, audit_report, compliance, deletion, legal, operators, retention
from minisip_console.core.models import AccessGrant, Account, AuditEvent, DeletionRequest
from minisip_console.core.plumbing import db
from minisip_console.core.plumbing.errors import InvalidInput, PermissionDenied

NOW = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)
YEAR = (NOW.date() - dt.timedelta(days=364), NOW.date())


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from minisip_console.core.demo import create_demo

    folder = tmp_path_factory.mktemp("report-demo")
    path = folder / "demo.db"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MINISIP_CONSOLE_CONFIG_DIR", str(folder / "config"))
        create_demo(f"sqlite:///{path}", accounts=25, cdrs=2_000, seed=5, now=NOW)
    return path


@pytest.fixture
def sessions(template: Path, tmp_path: Path) -> Iterator[sessionmaker[Session]]:
    path = tmp_path / "demo.db"
    for suffix in ("", "-wal", "-shm"):
        source = template.with_name(template.name + suffix)
        if source.exists():
            shutil.copyfile(source, path.with_name(path.name + suffix))
    engine = db.make_engine(f"sqlite:///{path}")
    try:
        yield sessionmaker(bind=engine)
    finally:
        engine.dispose()


def _op(sessions: sessionmaker[Session], login: str = "dave") -> operators.OperatorInfo:
    with sessions() as session:
        return operators.identify(session, login)


def _gather(sessions: sessionmaker[Session], since: dt.date = YEAR[0], until: dt.date = YEAR[1]) -> audit_report.ReportData:
    return audit_report.gather(sessions, since=since, until=until, operator=_op(sessions), now=NOW, database="the demo")


def _in(value: dt.datetime | None, since: dt.date, until: dt.date) -> bool:
    return value is not None and since <= value.astimezone(dt.UTC).date() <= until


def test_every_section_comes_from_its_own_module(sessions: sessionmaker[Session]) -> None:
    data = _gather(sessions)
    since, until = YEAR

    verdicts = compliance.evaluate(sessions, now=NOW)
    assert [(p.key, p.verdict, p.reason) for p in data.promises] == [(p.key, p.verdict, p.reason) for p in verdicts.promises]
    assert data.headline == verdicts.headline and data.all_kept == verdicts.all_kept

    receipts = [r for r in retention.receipts(sessions, limit=1000) if _in(r.started_at, since, until)]
    assert receipts, "the demo has purge runs in its last year"
    assert sorted(p.id for p in data.purges) == sorted(r.id for r in receipts)
    assert {p.id: (p.verified, p.summary, p.audit_head) for p in data.purges} == {
        r.id: (r.verified, r.summary, r.audit_head) for r in receipts
    }

    requests = {r.id: r for r in deletion.list_requests(sessions)}
    assert {d.id for d in data.deletions} == {
        r.id for r in requests.values() if _in(r.requested_at, since, until) or _in(r.completed_at, since, until)
    }
    completed = [d for d in data.deletions if d.state == "completed"]
    assert completed, "the demo has a completed deletion request"
    for d in completed:
        r = requests[d.id]
        assert r.completed_at is not None
        assert d.certificate_sha256 == r.certificate_sha256 and d.certificate_check == "matches"
        assert d.days_taken == (r.completed_at - r.requested_at).days

    with sessions() as session:
        register = [r.id for r in legal.list_requests(session, now=NOW) if _in(r.received_at, since, until)]
        report = legal.transparency_report(session, since, until, now=NOW)
        granted = session.scalar(
            select(func.count())
            .select_from(AccessGrant)
            .where(AccessGrant.granted_at >= dt.datetime(since.year, since.month, since.day, tzinfo=dt.UTC))
        )
        logins = [o.login for o in operators.list_operators(session)]
        head = audit.head(session)
    assert sorted(r.id for r in data.legal_requests) == sorted(register) and register
    assert data.transparency.rows == report.rows and data.transparency.total == report.total
    assert sum(g.grants for g in data.grants) == granted
    assert [o.login for o in data.operators] == logins
    assert data.campaigns and data.reach  # the demo told its owners of a significant version

    assert data.audit.ok and data.audit.reason is None
    assert head is not None and data.audit_head == head.text == data.audit.head
    assert data.database == "the demo" and data.since == since and data.until == until
    assert data.generated_by == "Dave Lindqvist (dave, viewer)"


def test_no_owner_name_or_email_is_in_the_report(sessions: sessionmaker[Session]) -> None:
    data = _gather(sessions)
    text = repr(data)
    with sessions() as session:
        owners = session.execute(select(Account.name, Account.email, Account.company)).all()
    assert owners
    for name, email, company in owners:
        for value in (name, email, company):
            if value:
                assert value not in text, value


def test_the_period_chooses_what_is_listed(sessions: sessionmaker[Session]) -> None:
    data = _gather(sessions, dt.date(2001, 1, 1), dt.date(2001, 12, 31))
    assert (data.purges, data.deletions, data.legal_requests, data.campaigns) == ((), (), (), ())
    assert data.transparency.total.requests == 0
    assert sum(g.grants for g in data.grants) == 0
    assert data.promises  # the verdicts are of now, whatever the period
    with pytest.raises(InvalidInput, match="after its end"):
        _gather(sessions, dt.date(2026, 2, 1), dt.date(2026, 1, 31))


def test_a_certificate_changed_afterwards_is_reported(sessions: sessionmaker[Session]) -> None:
    with sessions.begin() as session:
        target = session.scalar(select(DeletionRequest.id).where(DeletionRequest.state == "completed").limit(1))
        assert target is not None
        session.execute(update(DeletionRequest).where(DeletionRequest.id == target).values(ticket_ref="CHANGED-1"))
    row = next(d for d in _gather(sessions).deletions if d.id == target)
    assert row.certificate_check != "matches"
    assert "does not match the SHA-256 recorded" in row.certificate_check


def test_the_reports_event_carries_its_hash_period_and_head(sessions: sessionmaker[Session]) -> None:
    data = _gather(sessions)
    digest = "ab" * 32
    event = audit_report.record_export(sessions, _op(sessions), data, digest, pages=12, now=NOW)
    with sessions() as session:
        row = session.get(AuditEvent, event.seq)
        assert row is not None and row.action == audit_report.AUDIT_ACTION
        assert json.loads(row.details) == {
            "sha256": digest,
            "from": "2025-06-02",
            "to": "2026-06-01",
            "audit_head": data.audit_head,
            "pages": 12,
        }
        assert audit.verify(session).ok
    with pytest.raises(InvalidInput, match="64 lowercase hex"):
        audit_report.record_export(sessions, _op(sessions), data, "not-a-hash")


def test_only_a_registered_operator_makes_the_report(sessions: sessionmaker[Session]) -> None:
    nobody = dataclasses.replace(_op(sessions), registered=False)
    with pytest.raises(PermissionDenied):
        audit_report.gather(sessions, since=YEAR[0], until=YEAR[1], operator=nobody, now=NOW)
