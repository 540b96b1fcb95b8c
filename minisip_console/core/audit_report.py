"""What the PDF audit report holds, gathered from the domain modules' own functions (Qt-free).

The privacy policy's promises are proved, in a quick manual audit, by one document an auditor can
file: ``gather`` collects it for a period (whole UTC days, both included) and ``record_export``
puts the written file's SHA-256 into the audit log. The renderer (``minisip_console.report``) lays
it out; the command (``report``) and the window (File > Export audit report...) call both.

Every figure comes from the module that owns it, so the report says what the tabs and the
commands say:

- the promise table: ``compliance.evaluate`` (each promise, its verdict, reason and evidence);
- purge receipts: ``retention.receipts`` (with their verification and the head they were made under);
- deletion requests: ``deletion.list_requests``; a completed request's certificate is rebuilt and
  checked against the SHA-256 recorded when it completed (``deletion.certificate_for``);
- notice campaigns and reach: ``campaign.get_campaign`` and ``campaign.status`` (the ledger's
  counts), ``policy_versions.reach`` per version;
- the law-enforcement register and the transparency counts: ``legal.list_requests`` and
  ``legal.transparency_report``;
- access grants by purpose (the grants themselves, counted: no module lists them across operators);
- operators and roles: ``operators.list_operators`` and the database's ``TrustMode``;
- the audit chain: ``audit.verify``, and the head (``SEQ:HASH``) read after everything else, so
  everything reported was recorded at or before it.

Account ids only: no owner's name, email, company, phone number or file name is read. The
operators' own logins and names are the staff's, and are what an auditor needs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session, sessionmaker

from minisip_console.core import audit, campaign, compliance, deletion, legal, operators, policy_versions, retention
from minisip_console.core.models import AccessGrant, DeletionState, NoticeCampaign, PolicyVersion, Role, utcnow
from minisip_console.core.operators import OperatorInfo
from minisip_console.core.plumbing.errors import ConsoleError, InvalidInput
from minisip_console.core.purposes import Purpose, require_role
from minisip_console.core.text import say

SERVICE = "Cloud miniSIPServer"
AUDIT_ACTION = "report.exported"
#: the most purge receipts one report lists (a year of daily runs of four categories is ~1,500)
RECEIPTS_MAX = 5000

# --------------------------------------------------------------------------- the report's data


@dataclass(frozen=True)
class Promise:
    key: str
    title: str
    promise: str
    verdict: str  # "kept" | "at risk" | "broken" | "not checked"
    reason: str
    evidence: str


@dataclass(frozen=True)
class PurgeRow:
    id: int
    category: str
    state: str
    trigger: str
    started_by: str
    started_at: dt.datetime
    finished_at: dt.datetime | None
    cutoff: dt.datetime
    rows_deleted: int
    rows_skipped_held: int
    verified: bool | None
    summary: str
    audit_head: str | None


@dataclass(frozen=True)
class DeletionRow:
    id: int
    account_id: int
    scope: str
    state: str
    requested_at: dt.datetime
    due_at: dt.datetime
    completed_at: dt.datetime | None
    days_taken: int | None  # requested to completed, whole days; None while open or when not completed
    overdue: bool  # open past its due date, or completed after it
    certificate_sha256: str | None
    certificate_check: str  # "matches", "no certificate", or the sentence of the mismatch
    audit_head: str | None


@dataclass(frozen=True)
class CampaignRow:
    id: int
    version: str
    subject: str
    state: str
    created_by: str
    created_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    counts: tuple[tuple[str, int], ...]  # the version's ledger by delivery state (``campaign.status``)


@dataclass(frozen=True)
class ReachRow:
    version: str
    significant: bool | None
    published: bool
    sent: int
    failed: int
    bounced: int
    uncertain: int
    in_progress: int
    not_contacted: int
    site_notice_published: bool
    problems: tuple[str, ...]


@dataclass(frozen=True)
class LegalRow:
    id: int
    received_at: dt.datetime
    agency: str
    country: str
    legal_process: str
    decision: str
    compliance_scope: str | None
    notice_state: str
    gag_order: bool
    gag_until: dt.date | None
    account_ids: tuple[int, ...]


@dataclass(frozen=True)
class GrantsByPurpose:
    purpose: str  # the key (``Purpose``)
    label: str
    grants: int
    accounts: int  # distinct accounts
    operators: int  # distinct operators


@dataclass(frozen=True)
class OperatorRow:
    login: str
    display_name: str
    role: str
    active: bool


@dataclass(frozen=True)
class AuditCheck:
    ok: bool
    events: int
    head: str | None  # the last event the chain verified to
    first_bad_seq: int | None
    reason: str | None
    records: tuple[tuple[str, bool], ...]  # each kind of record held against the log: its sentence, whether it holds


@dataclass(frozen=True)
class ReportData:
    service: str
    database: str
    since: dt.date
    until: dt.date
    generated_by: str  # "Display Name (login)"
    generated_at: dt.datetime
    #: ``SEQ:HASH``: the audit head read after everything else (None for an empty log)
    audit_head: str | None
    trust: str  # who enforces separation of duties (``TrustMode.statement``)
    headline: str
    all_kept: bool
    promises: tuple[Promise, ...]
    purges: tuple[PurgeRow, ...]
    deletions: tuple[DeletionRow, ...]
    campaigns: tuple[CampaignRow, ...]
    reach: tuple[ReachRow, ...]
    legal_requests: tuple[LegalRow, ...]
    transparency: legal.TransparencyReport
    grants: tuple[GrantsByPurpose, ...]
    operators: tuple[OperatorRow, ...]
    audit: AuditCheck

    @property
    def period(self) -> str:
        return f"{self.since:%Y-%m-%d} to {self.until:%Y-%m-%d}"


# --------------------------------------------------------------------------- gathering


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=dt.UTC)


def _within(value: dt.datetime | None, start: dt.datetime, end: dt.datetime) -> bool:
    moment = _aware(value)
    return moment is not None and start <= moment < end


def check_period(since: dt.date, until: dt.date) -> None:
    """``InvalidInput`` unless ``since`` and ``until`` are dates, the first not after the second."""
    for name, value in (("start", since), ("end", until)):
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            raise InvalidInput(say("The report's {name} must be a date.", name=name))
    if since > until:
        raise InvalidInput(say("The report's start ({since:%Y-%m-%d}) is after its end ({until:%Y-%m-%d}).", since=since, until=until))


def _database_label(sessions: sessionmaker[Session]) -> str:
    bind = sessions.kw.get("bind")
    url = getattr(bind, "url", None)
    if url is None:
        return ""
    if url.get_backend_name() == "sqlite":
        return f"SQLite {url.database or ':memory:'}"
    return str(url.render_as_string(hide_password=True))


def gather(
    sessions: sessionmaker[Session],
    *,
    since: dt.date,
    until: dt.date,
    operator: OperatorInfo,
    now: dt.datetime | None = None,
    database: str | None = None,
) -> ReportData:
    """Everything the audit report shows for ``since`` to ``until`` (whole UTC days, both included).

    ``database`` names the database on the cover (the connection's label; default its URL without
    a password). Any registered operator may make the report (it holds no personal data);
    ``PermissionDenied`` otherwise, ``InvalidInput`` for a bad period."""
    check_period(since, until)
    require_role(operator, Role.VIEWER, say("make the audit report"))
    now = now or utcnow()
    start, end = _midnight(since), _midnight(until + dt.timedelta(days=1))

    verdicts = compliance.evaluate(sessions, now=now)
    promises = tuple(Promise(p.key, p.title, p.promise, p.verdict, p.reason, p.evidence) for p in verdicts.promises)

    purges = tuple(_purge_row(r) for r in retention.receipts(sessions, limit=RECEIPTS_MAX) if _within(r.started_at, start, end))
    deletions = tuple(
        _deletion_row(sessions, r, now)
        for r in reversed(deletion.list_requests(sessions))
        if _within(r.requested_at, start, end) or _within(r.completed_at, start, end)
    )
    campaigns, reach = _campaigns(sessions, start, end, now)

    with sessions() as session:
        mode = operators.trust_mode(session)
        legal_rows = tuple(_legal_row(r) for r in reversed(legal.list_requests(session, now=now)) if _within(r.received_at, start, end))
        transparency = legal.transparency_report(session, since, until, now=now)
        grants = _grants_by_purpose(session, start, end)
        staff = tuple(OperatorRow(o.login, o.display_name, o.role.value, o.active) for o in operators.list_operators(session))
        verified = audit.verify(session)
        head = audit.head(session)  # last: everything reported was recorded at or before it
    check = AuditCheck(
        ok=verified.ok,
        events=verified.events,
        head=verified.head.text if verified.head else None,
        first_bad_seq=verified.first_bad_seq,
        reason=verified.reason,
        records=tuple((r.text, r.ok) for r in verified.records),
    )
    return ReportData(
        service=SERVICE,
        database=database if database is not None else _database_label(sessions),
        since=since,
        until=until,
        generated_by=f"{operator.display_name or operator.login} ({operator.login}, {operator.role.value})",
        generated_at=now,
        audit_head=head.text if head else None,
        trust=mode.statement,
        headline=verdicts.headline,
        all_kept=verdicts.all_kept,
        promises=promises,
        purges=tuple(reversed(purges)),  # oldest first, as a register reads
        deletions=deletions,
        campaigns=campaigns,
        reach=reach,
        legal_requests=legal_rows,
        transparency=transparency,
        grants=grants,
        operators=staff,
        audit=check,
    )


def _purge_row(r: retention.Receipt) -> PurgeRow:
    return PurgeRow(
        id=r.id,
        category=r.category,
        state=r.state,
        trigger=r.trigger,
        started_by=r.started_by,
        started_at=r.started_at,
        finished_at=r.finished_at,
        cutoff=r.cutoff,
        rows_deleted=r.rows_deleted,
        rows_skipped_held=r.rows_skipped_held,
        verified=r.verified,
        summary=r.summary,
        audit_head=r.audit_head,
    )


def _deletion_row(sessions: sessionmaker[Session], r: deletion.RequestInfo, now: dt.datetime) -> DeletionRow:
    completed = r.state == DeletionState.COMPLETED.value
    days_taken = (r.completed_at - r.requested_at).days if completed and r.completed_at is not None else None
    if completed:
        overdue = r.completed_at is not None and r.completed_at > r.due_at
    else:
        overdue = bool(r.urgency(now) == "red")
    check = "no certificate"
    if completed and r.certificate_sha256:
        try:
            check = "matches" if deletion.certificate_for(sessions, r.id)["sha256"] == r.certificate_sha256 else "does not match"
        except ConsoleError as exc:
            check = exc.message
    return DeletionRow(
        id=r.id,
        account_id=r.account_id,
        scope=r.scope,
        state=r.state,
        requested_at=r.requested_at,
        due_at=r.due_at,
        completed_at=r.completed_at,
        days_taken=days_taken,
        overdue=overdue,
        certificate_sha256=r.certificate_sha256,
        certificate_check=check,
        audit_head=r.audit_head,
    )


def _campaigns(
    sessions: sessionmaker[Session], start: dt.datetime, end: dt.datetime, now: dt.datetime
) -> tuple[tuple[CampaignRow, ...], tuple[ReachRow, ...]]:
    """The campaigns created, started or finished in the period, and the reach of every version
    they told of or that was published in the period."""
    with sessions() as session:
        found = session.execute(
            select(NoticeCampaign.id, PolicyVersion.number)
            .join(PolicyVersion, PolicyVersion.id == NoticeCampaign.policy_version_id)
            .order_by(NoticeCampaign.id)
        ).all()
        published = session.execute(select(PolicyVersion.number, PolicyVersion.published_at).order_by(PolicyVersion.id)).all()
    rows = []
    counts_of: dict[int, tuple[tuple[str, int], ...]] = {}
    numbers: list[str] = []
    for campaign_id, number in found:
        info = campaign.get_campaign(sessions, campaign_id)
        if not any(_within(t, start, end) for t in (info.created_at, info.started_at, info.finished_at)):
            continue
        if info.policy_version_id not in counts_of:
            counts_of[info.policy_version_id] = tuple(campaign.status(sessions, info.policy_version_id).items())
        rows.append(
            CampaignRow(
                id=info.id,
                version=number,
                subject=info.subject,
                state=info.state,
                created_by=info.created_by,
                created_at=info.created_at,
                started_at=info.started_at,
                finished_at=info.finished_at,
                counts=counts_of[info.policy_version_id],
            )
        )
        if number not in numbers:
            numbers.append(number)
    for number, published_at in published:
        if _within(published_at, start, end) and number not in numbers:
            numbers.append(number)
    reach = []
    for number in numbers:
        r = policy_versions.reach(sessions, number, now=now)
        reach.append(
            ReachRow(
                version=r.version,
                significant=r.significant,
                published=r.published,
                sent=r.sent,
                failed=r.failed,
                bounced=r.bounced,
                uncertain=r.uncertain,
                in_progress=r.in_progress,
                not_contacted=r.not_contacted,
                site_notice_published=r.site_notice_published,
                problems=r.problems,
            )
        )
    return tuple(rows), tuple(reach)


def _legal_row(r: legal.RequestSummary) -> LegalRow:
    return LegalRow(
        id=r.id,
        received_at=r.received_at,
        agency=r.agency,
        country=r.country,
        legal_process=r.legal_process,
        decision=r.decision,
        compliance_scope=r.compliance_scope,
        notice_state=r.notice_state,
        gag_order=r.gag_order,
        gag_until=r.gag_until,
        account_ids=r.account_ids,
    )


def _grants_by_purpose(session: Session, start: dt.datetime, end: dt.datetime) -> tuple[GrantsByPurpose, ...]:
    """The access grants given in the period, by purpose (every purpose listed, zeros included)."""
    got = {
        purpose: (int(n), int(accounts), int(ops))
        for purpose, n, accounts, ops in session.execute(
            select(
                AccessGrant.purpose,
                func.count(),
                func.count(distinct(AccessGrant.account_id)),
                func.count(distinct(AccessGrant.operator_id)),
            )
            .where(AccessGrant.granted_at >= start, AccessGrant.granted_at < end)
            .group_by(AccessGrant.purpose)
        )
    }
    out = [GrantsByPurpose(p.value, p.label, *got.pop(p.value, (0, 0, 0))) for p in Purpose]
    out += [GrantsByPurpose(key, key, *value) for key, value in sorted(got.items())]  # a purpose this version does not know
    return tuple(out)


# --------------------------------------------------------------------------- the report's own event


def record_export(
    sessions: sessionmaker[Session],
    operator: OperatorInfo,
    data: ReportData,
    sha256: str,
    *,
    pages: int | None = None,
    now: dt.datetime | None = None,
) -> audit.Appended:
    """Put the written report's SHA-256 into the audit log (``report.exported``), with its period
    and the head it was made under: a copy filed elsewhere is checked against it."""
    require_role(operator, Role.VIEWER, say("export the audit report"))
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise InvalidInput(say("The report's SHA-256 must be 64 lowercase hex digits."))
    with sessions.begin() as session:
        return audit.append(
            session,
            operator=operator.login,
            action=AUDIT_ACTION,
            target_type="audit_report",
            target_id="",
            details={
                "sha256": sha256,
                "from": data.since.isoformat(),
                "to": data.until.isoformat(),
                "audit_head": data.audit_head,
                **({"pages": pages} if pages is not None else {}),
            },
            at=now or utcnow(),
        )
