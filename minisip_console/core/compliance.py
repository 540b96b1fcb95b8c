"""The privacy policy as code: each promise, the live checks that prove it, a verdict, its evidence
and where to act.

One row per promise of the policy (its own sentence, quoted), in the policy's order, then the two
promises behind all the others: the audit log that proves them, and who may act. Each row reuses
its domain module's own check (``access.checks``, ``retention.status``, ``deletion.checks``,
``legal.checks``, ``policy_versions.reach``, ``audit.verify``...): nothing is recounted here, so the
Overview tab, ``minisip-console compliance``, the PDF report and each tab's own banner say the same.

A verdict is one of four words (``core.verdicts``):

- **kept**: every check ran and holds;
- **at risk**: nothing is broken yet, but something needs doing before it is (a deletion due in a
  few days, a scheduled purge that has not run, a notice still going out);
- **broken**: a check found the promise not kept (the reason names what and how many);
- **not checked**: the check could not run (a table missing, a database error): never counted as
  kept.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from minisip_console.core import access, audit, deletion, legal, marketing, operators, policy_versions, retention
from minisip_console.core.models import Operator, Role, utcnow
from minisip_console.core.plumbing.errors import ConsoleError
from minisip_console.core.verdicts import AT_RISK, BROKEN, KEPT, NOT_CHECKED, VERDICTS
from minisip_console.core.wording import plural

log = logging.getLogger(__name__)

#: worst first: the headline names them in this order, and the Overview's colour is the worst one's
WORST_FIRST = (BROKEN, NOT_CHECKED, AT_RISK, KEPT)

#: where an operator acts on a promise: the window's tabs (``go_to``)
TABS = ("overview", "accounts", "cdr", "deletion", "policies", "legal", "audit", "operators")


@dataclass(frozen=True)
class PromiseVerdict:
    key: str
    title: str  # a short name ("CDRs deleted after 30 days")
    promise: str  # the policy's own sentence
    verdict: str  # KEPT, AT_RISK, BROKEN or NOT_CHECKED
    reason: str  # one or more sentences: why this verdict
    evidence: str  # one line: the counts, last run, receipts behind it
    go_to: str  # the tab that acts on it (one of TABS)
    details: dict[str, Any] = field(default_factory=dict, compare=False)  # the figures, for --json and the report

    @property
    def kept(self) -> bool:
        return self.verdict == KEPT

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "promise": self.promise,
            "verdict": self.verdict,
            "reason": self.reason,
            "evidence": self.evidence,
            "go_to": self.go_to,
            "details": self.details,
        }


@dataclass(frozen=True)
class Compliance:
    now: dt.datetime
    promises: tuple[PromiseVerdict, ...]
    audit_head: str | None  # SEQ:HASH of the log when the checks were read

    @property
    def all_kept(self) -> bool:
        return all(p.kept for p in self.promises)

    def count(self, verdict: str) -> int:
        return sum(1 for p in self.promises if p.verdict == verdict)

    @property
    def headline(self) -> str:
        """ "12 of 13 promises kept; 1 at risk"."""
        text = f"{self.count(KEPT)} of {plural(len(self.promises), 'promise')} kept"
        rest = [f"{self.count(v)} {v}" for v in (BROKEN, AT_RISK, NOT_CHECKED) if self.count(v)]
        return text + ("; " + ", ".join(rest) if rest else "")

    def get(self, key: str) -> PromiseVerdict:
        for p in self.promises:
            if p.key == key:
                return p
        raise KeyError(key)

    def to_dict(self) -> dict[str, Any]:
        return {
            "now": self.now.isoformat(),
            "headline": self.headline,
            "all_kept": self.all_kept,
            "audit_head": self.audit_head,
            "counts": {v: self.count(v) for v in VERDICTS},
            "promises": [p.to_dict() for p in self.promises],
        }


@dataclass(frozen=True)
class _Promise:
    key: str
    title: str
    promise: str
    go_to: str
    check: Callable[[_Context], tuple[str, str, str, dict[str, Any]]]  # -> verdict, reason, evidence, details
    #: the check reads through sessions of its own (``ctx.sessions``, never ``ctx.session``): it may run
    #: on another thread, beside the others
    apart: bool = False


@dataclass
class _Context:
    sessions: sessionmaker[Session]
    session: Session
    now: dt.datetime

    # a check several promises read is read once per evaluation
    @functools.cached_property
    def access_checks(self) -> access.AccessChecks:
        return access.checks(self.session, now=self.now)

    @functools.cached_property
    def legal_checks(self) -> legal.LegalChecks:
        return legal.checks(self.session, now=self.now)


def _ids(ids: tuple[int, ...], noun: str = "request") -> str:
    shown = ", ".join(str(i) for i in ids[:5])
    return f"{noun} {shown}" if len(ids) == 1 else f"{noun}s {shown}" + (" and more" if len(ids) > 5 else "")


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + "."


def _when(value: dt.datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC") if value is not None else "never"


# --------------------------------------------------------------------------- the checks


def _access(ctx: _Context) -> tuple[str, str, str, dict[str, Any]]:
    c = ctx.access_checks
    purposes = ", ".join(f"{n} {p.replace('_', ' ')}" for p, n in c.grants_by_purpose if n)
    evidence = f"{plural(c.reads, 'unmasked read')} in the audit log; grants by purpose: {purposes or 'none'}; {c.active_grants} active"
    details = {
        "reads": c.reads,
        "without_grant": c.without_grant,
        "examples": list(c.without_grant_examples),
        "grants_by_purpose": dict(c.grants_by_purpose),
        "active_grants": c.active_grants,
    }
    if c.without_grant:
        seqs = ", ".join(str(s) for s in c.without_grant_examples)
        return (
            BROKEN,
            f"{plural(c.without_grant, 'read')} of personal data named no running grant of the reader (audit events {seqs}).",
            evidence,
            details,
        )
    return KEPT, "Every unmasked read named a running access grant with a purpose and a ticket.", evidence, details


def _files(ctx: _Context) -> tuple[str, str, str, dict[str, Any]]:
    c = ctx.access_checks
    evidence = f"{plural(c.files_opened, 'uploaded file')} opened"
    details = {"opened": c.files_opened, "without_request": c.files_without_request, "examples": list(c.files_without_request_examples)}
    if c.files_without_request:
        seqs = ", ".join(str(s) for s in c.files_without_request_examples)
        return (
            BROKEN,
            f"{plural(c.files_without_request, 'file')} opened without the customer's request reference (audit events {seqs}).",
            evidence,
            details,
        )
    return KEPT, "Every uploaded file opened named the customer's own request.", evidence, details


def _marketing(ctx: _Context) -> tuple[str, str, str, dict[str, Any]]:
    c = marketing.checks(ctx.session)
    lists = f"{plural(c.exports, 'marketing list')} written, the last {_when(c.last_export)}" if c.exports else "no marketing list written"
    evidence = f"{plural(c.permitted, 'permission')} on record, {c.withdrawn} withdrawn; {lists}"
    details = {"permitted": c.permitted, "withdrawn": c.withdrawn, "without_evidence": c.without_evidence, "exports": c.exports}
    if c.without_evidence:
        return BROKEN, f"{plural(c.without_evidence, 'permission')} on record name no evidence.", evidence, details
    return KEPT, "Marketing lists hold only accounts whose permission is on record with its evidence.", evidence, details


def _sharing(ctx: _Context) -> tuple[str, str, str, dict[str, Any]]:
    c = ctx.legal_checks
    from minisip_console.core.disclosures import list_disclosures

    shared = len(list_disclosures(ctx.session))
    evidence = f"{plural(shared, 'disclosure')} in the register"
    details = {"disclosures": shared, "without_basis": c.disclosures_without_basis}
    if c.disclosures_without_basis:
        return (
            BROKEN,
            f"{plural(c.disclosures_without_basis, 'disclosure')} in the register name no legal basis or evidence.",
            evidence,
            details,
        )
    return KEPT, "Every disclosure in the register names its legal basis and evidence.", evidence, details


def _acquisition(ctx: _Context) -> tuple[str, str, str, dict[str, Any]]:
    versions = [v for v in policy_versions.list_versions(ctx.sessions) if v.kind == "acquisition"]
    today = ctx.now.date()
    problems: list[str] = []
    risks: list[str] = []
    for v in versions:
        told = v.published_at.date() if v.published_at is not None else today
        try:
            policy_versions.check_acquisition_lead(v, told)
        except ConsoleError as exc:
            (problems if v.published_at is not None or (v.transfer_date or today) <= today else risks).append(exc.message)
    evidence = f"{plural(len(versions), 'acquisition notice')}" + (
        f", {sum(1 for v in versions if v.published)} published" if versions else ""
    )
    details = {"notices": len(versions), "problems": problems, "risks": risks}
    if problems:
        return BROKEN, " ".join(problems), evidence, details
    if risks:
        return AT_RISK, " ".join(risks), evidence, details
    if not versions:
        return KEPT, "No acquisition or merger has been announced.", evidence, details
    return (
        KEPT,
        f"Every acquisition notice reached owners at least {policy_versions.LEAD_DAYS} days before the transfer.",
        evidence,
        details,
    )


def _court_order(ctx: _Context) -> tuple[str, str, str, dict[str, Any]]:
    c = ctx.legal_checks
    evidence = f"{plural(c.open_requests, 'open request')}, {plural(c.active_holds, 'active hold')}"
    details = {"complied_without_order": c.complied_without_order, "open_requests": c.open_requests, "active_holds": c.active_holds}
    if c.complied_without_order:
        return (
            BROKEN,
            f"{plural(c.complied_without_order, 'request')} complied with without a checked court order or warrant.",
            evidence,
            details,
        )
    return KEPT, "No data was handed over without a court order or warrant that an operator checked.", evidence, details


def _le_notice(ctx: _Context) -> tuple[str, str, str, dict[str, Any]]:
    c = ctx.legal_checks
    evidence = f"{plural(c.due_notices, 'notice')} due, {c.overdue_notices} overdue, {plural(c.gags_to_review, 'gag order')} to review"
    details = {"overdue": c.overdue_notices, "due": c.due_notices, "gags_to_review": c.gags_to_review}
    if c.overdue_notices:
        return BROKEN, f"{plural(c.overdue_notices, 'customer')} not told of a request past the notice deadline.", evidence, details
    if c.due_notices or c.gags_to_review:
        parts = []
        if c.due_notices:
            parts.append(f"{plural(c.due_notices, 'customer')} must be told of a request")
        if c.gags_to_review:
            parts.append(f"{plural(c.gags_to_review, 'gag order')} must be reviewed")
        return AT_RISK, "; ".join(parts) + ".", evidence, details
    return KEPT, "Every customer was told of a request about them unless a gag order in force prevents it.", evidence, details


def _deletion(ctx: _Context) -> tuple[str, str, str, dict[str, Any]]:
    c = deletion.checks(ctx.session, now=ctx.now)
    median = f"{c.median_days:.1f}" if c.median_days is not None else "-"
    evidence = f"{plural(c.completed, 'request')} completed and certified (median {median} days), {c.open} open"
    details = {
        "open": c.open,
        "overdue": list(c.overdue),
        "due_soon": list(c.due_soon),
        "failed": list(c.failed),
        "unverified": list(c.unverified),
        "completed": c.completed,
        "completed_late": list(c.completed_late),
        "median_days": c.median_days,
    }
    broken = []
    if c.overdue:
        broken.append(f"{_ids(c.overdue)} past the due date")
    if c.failed:
        broken.append(f"{_ids(c.failed)} failed: run again")
    if c.unverified:
        broken.append(f"{_ids(c.unverified)} completed without a verification of zero rows left")
    if broken:
        return BROKEN, _sentence("; ".join(broken)), evidence, details
    if c.due_soon:
        return AT_RISK, _sentence(f"{_ids(c.due_soon)} due within {deletion.AMBER_DAYS} days"), evidence, details
    late = f" ({_ids(c.completed_late)} completed late)" if c.completed_late else ""
    return KEPT, f"No request is overdue; every completed request was verified to zero rows left{late}.", evidence, details


def _retention(category: str) -> Callable[[_Context], tuple[str, str, str, dict[str, Any]]]:
    def check(ctx: _Context) -> tuple[str, str, str, dict[str, Any]]:
        s = retention.status(ctx.sessions, category, now=ctx.now)
        details = s.to_dict()
        if s.target is None:
            return s.verdict, " ".join(s.reasons), "the target cannot be read", details
        days = s.policy.days
        age = s.scheduled_age_days
        ran = "never" if age is None else "today" if age == 0 else f"{plural(age, 'day')} ago"
        if days is None:
            evidence = f"{s.total:,} rows, kept until reviewed ({s.policy.review_by or 'no review date'})"
            kept_reason = f"The review date {s.policy.review_by} has not passed." if s.policy.review_by else "Nothing to keep."
        else:
            limit = days + s.interval_days
            every = "daily" if s.interval_days == 1 else f"every {plural(s.interval_days, 'day')}"
            evidence = (
                f"{s.total:,} rows, kept {plural(days, 'day')} and purged {every}; "
                f"{s.late:,} late, {s.overdue:,} due for the next purge, {s.held:,} held; scheduled purge last ran {ran}"
            )
            kept_reason = (
                f"Nothing is older than {plural(limit, 'day')} (the retention plus the purge interval), and the scheduled purge runs."
            )
        return s.verdict, " ".join(s.reasons) or kept_reason, evidence, details

    return check


def _policy_changes(ctx: _Context) -> tuple[str, str, str, dict[str, Any]]:
    versions = policy_versions.list_versions(ctx.sessions)
    published = [v for v in versions if v.published and v.kind == "policy"]
    undecided = [v.number for v in published if v.significant is None]
    significant = [v for v in published if v.significant]
    if not significant:
        evidence = f"{plural(len(published), 'published version')}, none significant"
        if undecided:
            return AT_RISK, f"Decide whether version {', '.join(undecided)} is significant.", evidence, {"undecided": undecided}
        return KEPT, "No significant change has been published.", evidence, {"undecided": []}
    latest = max(significant, key=lambda v: (v.published_at or ctx.now, v.number))
    r = policy_versions.reach(ctx.sessions, latest.number, now=ctx.now)
    evidence = (
        f"version {r.version}: {r.sent:,} emailed, {r.failed + r.bounced:,} failed or bounced, "
        f"site notice {'shown' if r.site_notice_published else 'not shown'}"
    )
    details = r.to_dict() | {"undecided": undecided}
    if not r.ok:
        # uncertain deliveries only need a decision; owners never reached break the promise
        verdict = BROKEN if r.site_notice_required and not r.site_notice_published else AT_RISK
        return verdict, " ".join(r.problems), evidence, details
    if r.in_progress:
        return AT_RISK, f"Version {r.version}: {r.in_progress:,} emails are still going out.", evidence, details
    if undecided:
        return AT_RISK, f"Decide whether version {', '.join(undecided)} is significant.", evidence, details
    return KEPT, f"Every owner of version {r.version} was emailed or shown a site notice.", evidence, details


def _audit_chain(ctx: _Context) -> tuple[str, str, str, dict[str, Any]]:
    result = audit.verify(ctx.session)
    head = str(result.head) if result.head else "empty"
    evidence = f"{result.events:,} events verified, head {head}"
    details = {
        "ok": result.ok,
        "events": result.events,
        "head": str(result.head) if result.head else None,
        "first_bad_seq": result.first_bad_seq,
    }
    if not result.ok:
        return BROKEN, result.reason or f"The chain breaks at event {result.first_bad_seq}.", evidence, details
    return KEPT, "Every event's hash chains to the one before, and every audited record has its events.", evidence, details


def _duties(ctx: _Context) -> tuple[str, str, str, dict[str, Any]]:
    mode = operators.trust_mode(ctx.session)
    rows = ctx.session.execute(select(Operator.role, Operator.active)).all()
    roles = {r.value: sum(1 for role, active in rows if active and role == r.value) for r in Role}
    approvers = roles[Role.APPROVER.value] + roles[Role.ADMIN.value]
    evidence = ", ".join(plural(n, role) for role, n in roles.items()) + f" (active); trust: {mode.value.replace('_', ' ')}"
    details = {"trust_mode": mode.value, "enforced": mode.enforced, "roles": roles}
    if approvers < 2:
        return AT_RISK, f"Only {plural(approvers, 'operator')} can approve: four eyes need two.", evidence, details
    if mode is operators.TrustMode.DEMO:
        return NOT_CHECKED, mode.statement, evidence, details
    if not mode.enforced:
        return AT_RISK, mode.statement, evidence, details
    return KEPT, mode.statement, evidence, details


# --------------------------------------------------------------------------- the promises

PROMISES: tuple[_Promise, ...] = (
    _Promise(
        "access",
        "Access only to help",
        "We'll only ever access your account to help you with a problem or squash a software bug.",
        "accounts",
        _access,
    ),
    _Promise(
        "files", "Uploaded files never opened unasked", "We'll never open any uploaded files unless you ask us to.", "accounts", _files
    ),
    _Promise(
        "marketing",
        "No marketing without permission",
        "We won't use your name or company in marketing statements without your permission, either.",
        "accounts",
        _marketing,
    ),
    _Promise(
        "correspondence",
        "Correspondence kept for reference",
        "When you write miniSIPServer with a question or to ask for help, we'll keep that correspondence, and the email address, "
        "for future reference.",
        "cdr",
        _retention("correspondence"),
        apart=True,
    ),
    _Promise(
        "page_visit",
        "Page visits for statistics",
        "When you browse our marketing pages, we'll track that for statistical purposes.",
        "cdr",
        _retention("page_visit"),
        apart=True,
    ),
    _Promise(
        "survey",
        "Surveys kept as long as it makes sense",
        "We also store any information you volunteer, like surveys, for as long as it makes sense.",
        "cdr",
        _retention("survey"),
        apart=True,
    ),
    _Promise("sharing", "Shared only with a basis", "The only times we'll ever share your info", "legal", _sharing),
    _Promise(
        "acquisition",
        "Told well before a transfer",
        "We'll notify you well before any info about you is transferred and becomes subject to a different privacy policy.",
        "policies",
        _acquisition,
    ),
    _Promise(
        "court_order",
        "Law enforcement only with a court order",
        "miniSIPServer won't hand your data over to law enforcement unless a court order says we have to.",
        "legal",
        _court_order,
    ),
    _Promise(
        "le_notice",
        "Told of law-enforcement requests",
        "Unless we're legally prevented from it, we'll always inform you when such requests are made.",
        "legal",
        _le_notice,
    ),
    _Promise(
        "deletion",
        "Deleted configurations leave nothing",
        "When you delete your configurations, we'll ensure that nothing is stored on our servers.",
        "deletion",
        _deletion,
    ),
    _Promise(
        "cdr",
        "CDRs deleted after 30 days",
        "CDR records will also be deleted automatically in 30 days.",
        "cdr",
        _retention("cdr"),
        apart=True,
    ),
    _Promise(
        "policy_changes",
        "Told of significant changes",
        "We'll notify you about significant changes by emailing the account owner or by placing a prominent notice on our site.",
        "policies",
        _policy_changes,
    ),
    _Promise(
        "audit_chain",
        "The record of it all is intact",
        "Behind every promise: the audit log is append-only and hash-chained, so what it proves cannot be rewritten.",
        "audit",
        _audit_chain,
    ),
    _Promise(
        "duties",
        "Four eyes on every sensitive step",
        "Behind every promise: a second operator approves deletions, compliance and policy changes.",
        "operators",
        _duties,
    ),
)


def evaluate(sessions: sessionmaker[Session], *, now: dt.datetime | None = None, only: tuple[str, ...] | None = None) -> Compliance:
    """Every promise's verdict, read now (``only``: just these keys). A check that fails to run is
    "not checked" with the reason, never kept; the others still run.

    The checks that read through sessions of their own (``_Promise.apart``: the retention
    categories, counting rows in the database) run on two threads beside the others, which are
    mostly Python (the audit chain's hashes): the database counts while Python hashes."""
    now = now or utcnow()
    chosen = [p for p in PROMISES if only is None or p.key in only]
    results: dict[str, PromiseVerdict] = {}
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="compliance") as pool, sessions() as session:
        head = audit.head(session)
        ctx = _Context(sessions, session, now)
        beside = {p.key: pool.submit(_run, p, ctx, None) for p in chosen if p.apart}
        for p in chosen:
            if not p.apart:
                results[p.key] = _run(p, ctx, session)
        for key, future in beside.items():
            results[key] = future.result()
    return Compliance(now, tuple(results[p.key] for p in chosen), str(head) if head else None)


def _run(p: _Promise, ctx: _Context, session: Session | None) -> PromiseVerdict:
    """One promise's check; a failure is its row's "not checked" (``session``: the shared one, rolled
    back after a failure so the next check starts clean; None for a check that reads apart)."""
    try:
        verdict, reason, evidence, details = p.check(ctx)
    except ConsoleError as exc:
        verdict, reason, evidence, details = NOT_CHECKED, f"The check could not run: {exc.message}", "", {}
        if session is not None:
            session.rollback()
    except Exception as exc:  # a database error: reported on this row, the others still run
        log.exception("compliance check %s failed", p.key)
        verdict, reason, evidence, details = NOT_CHECKED, f"The check could not run: {type(exc).__name__}: {exc}", "", {}
        if session is not None:
            session.rollback()
    return PromiseVerdict(p.key, p.title, p.promise, verdict, reason, evidence, p.go_to, details)
