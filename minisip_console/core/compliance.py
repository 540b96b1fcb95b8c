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
from minisip_console.core.text import Text, counted, joined, say
from minisip_console.core.verdicts import AT_RISK, BROKEN, KEPT, NOT_CHECKED, VERDICTS

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
        text = counted(
            len(self.promises), say("{kept} of {count:,} promise kept"), say("{kept} of {count:,} promises kept"), kept=self.count(KEPT)
        )
        rest = [say("{count} {verdict}", count=self.count(v), verdict=v) for v in (BROKEN, AT_RISK, NOT_CHECKED) if self.count(v)]
        return say("{text}; {rest}", text=text, rest=joined(rest, say("{a}, {b}"))) if rest else text

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


def _ids(ids: tuple[int, ...], *, first: bool = False) -> Text:
    """ "request 3", "requests 3, 4" ("Request..." when it starts a sentence: ``first``)."""
    shown = ", ".join(str(i) for i in ids[:5])
    if len(ids) == 1:
        return say("Request {ids}", ids=shown) if first else say("request {ids}", ids=shown)
    if len(ids) > 5:
        return say("Requests {ids} and more", ids=shown) if first else say("requests {ids} and more", ids=shown)
    return say("Requests {ids}", ids=shown) if first else say("requests {ids}", ids=shown)


def _sentences(sentences: tuple[str, ...] | list[str]) -> str:
    """Sentences one after the other ("" for none): a space in English, none in Chinese."""
    return joined(list(sentences), say("{a} {b}")) if sentences else ""


def _when(value: dt.datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC") if value is not None else say("never")


def _purposes() -> dict[str, Text]:
    return {
        "support": say("support"),
        "bug": say("bug"),
        "customer_request": say("customer request"),
        "legal": say("legal"),
    }


# --------------------------------------------------------------------------- the checks


def _access(ctx: _Context) -> tuple[str, str, str, dict[str, Any]]:
    c = ctx.access_checks
    words = _purposes()
    parts = [say("{count} {purpose}", count=n, purpose=words.get(p) or p.replace("_", " ")) for p, n in c.grants_by_purpose if n]
    purposes = joined(parts, say("{a}, {b}")) if parts else say("none")
    evidence = say(
        "{reads} in the audit log; grants by purpose: {purposes}; {active} active",
        reads=counted(c.reads, say("{count:,} unmasked read"), say("{count:,} unmasked reads")),
        purposes=purposes,
        active=c.active_grants,
    )
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
            counted(
                c.without_grant,
                say("{count:,} read of personal data named no running grant of the reader (audit events {seqs})."),
                say("{count:,} reads of personal data named no running grant of the reader (audit events {seqs})."),
                seqs=seqs,
            ),
            evidence,
            details,
        )
    return KEPT, say("Every unmasked read named a running access grant with a purpose and a ticket."), evidence, details


def _files(ctx: _Context) -> tuple[str, str, str, dict[str, Any]]:
    c = ctx.access_checks
    evidence = counted(c.files_opened, say("{count:,} uploaded file opened"), say("{count:,} uploaded files opened"))
    details = {"opened": c.files_opened, "without_request": c.files_without_request, "examples": list(c.files_without_request_examples)}
    if c.files_without_request:
        seqs = ", ".join(str(s) for s in c.files_without_request_examples)
        return (
            BROKEN,
            counted(
                c.files_without_request,
                say("{count:,} file opened without the customer's request reference (audit events {seqs})."),
                say("{count:,} files opened without the customer's request reference (audit events {seqs})."),
                seqs=seqs,
            ),
            evidence,
            details,
        )
    return KEPT, say("Every uploaded file opened named the customer's own request."), evidence, details


def _marketing(ctx: _Context) -> tuple[str, str, str, dict[str, Any]]:
    c = marketing.checks(ctx.session)
    lists = (
        counted(
            c.exports,
            say("{count:,} marketing list written, the last {when}"),
            say("{count:,} marketing lists written, the last {when}"),
            when=_when(c.last_export),
        )
        if c.exports
        else say("no marketing list written")
    )
    evidence = counted(
        c.permitted,
        say("{count:,} permission on record, {withdrawn} withdrawn; {lists}"),
        say("{count:,} permissions on record, {withdrawn} withdrawn; {lists}"),
        withdrawn=c.withdrawn,
        lists=lists,
    )
    details = {"permitted": c.permitted, "withdrawn": c.withdrawn, "without_evidence": c.without_evidence, "exports": c.exports}
    if c.without_evidence:
        return (
            BROKEN,
            counted(
                c.without_evidence,
                say("{count:,} permission on record name no evidence."),
                say("{count:,} permissions on record name no evidence."),
            ),
            evidence,
            details,
        )
    return KEPT, say("Marketing lists hold only accounts whose permission is on record with its evidence."), evidence, details


def _sharing(ctx: _Context) -> tuple[str, str, str, dict[str, Any]]:
    c = ctx.legal_checks
    from minisip_console.core.disclosures import list_disclosures

    shared = len(list_disclosures(ctx.session))
    evidence = counted(shared, say("{count:,} disclosure in the register"), say("{count:,} disclosures in the register"))
    details = {"disclosures": shared, "without_basis": c.disclosures_without_basis}
    if c.disclosures_without_basis:
        return (
            BROKEN,
            counted(
                c.disclosures_without_basis,
                say("{count:,} disclosure in the register name no legal basis or evidence."),
                say("{count:,} disclosures in the register name no legal basis or evidence."),
            ),
            evidence,
            details,
        )
    return KEPT, say("Every disclosure in the register names its legal basis and evidence."), evidence, details


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
    notices = counted(len(versions), say("{count:,} acquisition notice"), say("{count:,} acquisition notices"))
    evidence = (
        say("{notices}, {published} published", notices=notices, published=sum(1 for v in versions if v.published)) if versions else notices
    )
    details = {"notices": len(versions), "problems": problems, "risks": risks}
    if problems:
        return BROKEN, _sentences(problems), evidence, details
    if risks:
        return AT_RISK, _sentences(risks), evidence, details
    if not versions:
        return KEPT, say("No acquisition or merger has been announced."), evidence, details
    return (
        KEPT,
        say("Every acquisition notice reached owners at least {days} days before the transfer.", days=policy_versions.LEAD_DAYS),
        evidence,
        details,
    )


def _court_order(ctx: _Context) -> tuple[str, str, str, dict[str, Any]]:
    c = ctx.legal_checks
    evidence = say(
        "{requests}, {holds}",
        requests=counted(c.open_requests, say("{count:,} open request"), say("{count:,} open requests")),
        holds=counted(c.active_holds, say("{count:,} active hold"), say("{count:,} active holds")),
    )
    details = {"complied_without_order": c.complied_without_order, "open_requests": c.open_requests, "active_holds": c.active_holds}
    if c.complied_without_order:
        return (
            BROKEN,
            counted(
                c.complied_without_order,
                say("{count:,} request complied with without a checked court order or warrant."),
                say("{count:,} requests complied with without a checked court order or warrant."),
            ),
            evidence,
            details,
        )
    return KEPT, say("No data was handed over without a court order or warrant that an operator checked."), evidence, details


def _le_notice(ctx: _Context) -> tuple[str, str, str, dict[str, Any]]:
    c = ctx.legal_checks
    evidence = say(
        "{due} due, {overdue} overdue, {gags} to review",
        due=counted(c.due_notices, say("{count:,} notice"), say("{count:,} notices")),
        overdue=c.overdue_notices,
        gags=counted(c.gags_to_review, say("{count:,} gag order"), say("{count:,} gag orders")),
    )
    details = {"overdue": c.overdue_notices, "due": c.due_notices, "gags_to_review": c.gags_to_review}
    if c.overdue_notices:
        return (
            BROKEN,
            counted(
                c.overdue_notices,
                say("{count:,} customer not told of a request past the notice deadline."),
                say("{count:,} customers not told of a request past the notice deadline."),
            ),
            evidence,
            details,
        )
    if c.due_notices or c.gags_to_review:
        parts = []
        if c.due_notices:
            parts.append(
                counted(
                    c.due_notices, say("{count:,} customer must be told of a request"), say("{count:,} customers must be told of a request")
                )
            )
        if c.gags_to_review:
            parts.append(
                counted(c.gags_to_review, say("{count:,} gag order must be reviewed"), say("{count:,} gag orders must be reviewed"))
            )
        return AT_RISK, say("{text}.", text=joined(parts, say("{a}; {b}"))), evidence, details
    return KEPT, say("Every customer was told of a request about them unless a gag order in force prevents it."), evidence, details


def _deletion(ctx: _Context) -> tuple[str, str, str, dict[str, Any]]:
    c = deletion.checks(ctx.session, now=ctx.now)
    median = f"{c.median_days:.1f}" if c.median_days is not None else "-"
    evidence = counted(
        c.completed,
        say("{count:,} request completed and certified (median {median} days), {open} open"),
        say("{count:,} requests completed and certified (median {median} days), {open} open"),
        median=median,
        open=c.open,
    )
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
    broken: list[Text] = []
    if c.overdue:
        broken.append(say("{requests} past the due date", requests=_ids(c.overdue, first=not broken)))
    if c.failed:
        broken.append(say("{requests} failed: run again", requests=_ids(c.failed, first=not broken)))
    if c.unverified:
        broken.append(say("{requests} completed without a verification of zero rows left", requests=_ids(c.unverified, first=not broken)))
    if broken:
        return BROKEN, say("{text}.", text=joined(broken, say("{a}; {b}"))), evidence, details
    if c.due_soon:
        return (
            AT_RISK,
            say("{requests} due within {days} days.", requests=_ids(c.due_soon, first=True), days=deletion.AMBER_DAYS),
            evidence,
            details,
        )
    if c.completed_late:
        return (
            KEPT,
            say(
                "No request is overdue; every completed request was verified to zero rows left ({requests} completed late).",
                requests=_ids(c.completed_late),
            ),
            evidence,
            details,
        )
    return KEPT, say("No request is overdue; every completed request was verified to zero rows left."), evidence, details


def _days(n: int) -> Text:
    return counted(n, say("{count:,} day"), say("{count:,} days"))


#: the worst verdict first (``CategoryStatus.verdict``'s own order)
_WORST_FIRST = (BROKEN, NOT_CHECKED, AT_RISK, KEPT)


def _retention(category: str) -> Callable[[_Context], tuple[str, str, str, dict[str, Any]]]:
    own = _retention_table(category)

    def check(ctx: _Context) -> tuple[str, str, str, dict[str, Any]]:
        """The category's own table, then each of its saved targets (``core.targets``): the promise
        holds only when it holds everywhere the category's rows live."""
        from minisip_console.core import targets

        verdict, reason, evidence, details = own(ctx)
        saved = targets.list_targets(ctx.sessions, category=category)
        if not saved:
            return verdict, reason, evidence, details
        others = [retention.status(ctx.sessions, target=t.name, now=ctx.now) for t in saved]
        worst = min([verdict, *(s.verdict for s in others)], key=_WORST_FIRST.index)
        notes: list[str] = [
            say("Retention target {name}: {verdict}. {reasons}", name=s.target_name, verdict=s.verdict, reasons=_sentences(s.reasons))
            for s in others
            if not s.kept
        ]
        if notes:
            reason = _sentences(notes) if verdict == KEPT else _sentences([reason, *notes])
        evidence = say(
            "{evidence}; saved targets: {targets}",
            evidence=evidence,
            targets=", ".join(
                say("{name} ({verdict}, {overdue:,} due)", name=s.target_name, verdict=s.verdict, overdue=s.overdue) for s in others
            ),
        )
        return worst, reason, evidence, details | {"targets": [s.to_dict() for s in others]}

    return check


def _retention_table(category: str) -> Callable[[_Context], tuple[str, str, str, dict[str, Any]]]:
    def check(ctx: _Context) -> tuple[str, str, str, dict[str, Any]]:
        s = retention.status(ctx.sessions, category, now=ctx.now)
        details = s.to_dict()
        if s.target is None:
            return s.verdict, _sentences(s.reasons), say("the target cannot be read"), details
        days = s.policy.days
        age = s.scheduled_age_days
        ran = say("never") if age is None else say("today") if age == 0 else say("{days} ago", days=_days(age))
        kept_reason: Text
        if days is None:
            evidence = (
                say("{total:,} rows, kept until reviewed ({review_by})", total=s.total, review_by=s.policy.review_by)
                if s.policy.review_by
                else say("{total:,} rows, kept until reviewed (no review date)", total=s.total)
            )
            kept_reason = (
                say("The review date {review_by} has not passed.", review_by=s.policy.review_by)
                if s.policy.review_by
                else say("Nothing to keep.")
            )
        else:
            limit = days + s.interval_days
            every = say("daily") if s.interval_days == 1 else say("every {days}", days=_days(s.interval_days))
            evidence = say(
                "{total:,} rows, kept {days} and purged {every}; "
                "{late:,} late, {overdue:,} due for the next purge, {held:,} held; scheduled purge last ran {ran}",
                total=s.total,
                days=_days(days),
                every=every,
                late=s.late,
                overdue=s.overdue,
                held=s.held,
                ran=ran,
            )
            kept_reason = say(
                "Nothing is older than {days} (the retention plus the purge interval), and the scheduled purge runs.", days=_days(limit)
            )
        return s.verdict, _sentences(s.reasons) or kept_reason, evidence, details

    return check


def _policy_changes(ctx: _Context) -> tuple[str, str, str, dict[str, Any]]:
    versions = policy_versions.list_versions(ctx.sessions)
    published = [v for v in versions if v.published and v.kind == "policy"]
    undecided = [v.number for v in published if v.significant is None]
    significant = [v for v in published if v.significant]
    if not significant:
        evidence = counted(
            len(published), say("{count:,} published version, none significant"), say("{count:,} published versions, none significant")
        )
        if undecided:
            return (
                AT_RISK,
                say("Decide whether version {versions} is significant.", versions=", ".join(undecided)),
                evidence,
                {"undecided": undecided},
            )
        return KEPT, say("No significant change has been published."), evidence, {"undecided": []}
    latest = max(significant, key=lambda v: (v.published_at or ctx.now, v.number))
    r = policy_versions.reach(ctx.sessions, latest.number, now=ctx.now)
    evidence = (
        say(
            "version {version}: {sent:,} emailed, {failed:,} failed or bounced, site notice shown",
            version=r.version,
            sent=r.sent,
            failed=r.failed + r.bounced,
        )
        if r.site_notice_published
        else say(
            "version {version}: {sent:,} emailed, {failed:,} failed or bounced, site notice not shown",
            version=r.version,
            sent=r.sent,
            failed=r.failed + r.bounced,
        )
    )
    details = r.to_dict() | {"undecided": undecided}
    if not r.ok:
        # uncertain deliveries only need a decision; owners never reached break the promise
        verdict = BROKEN if r.site_notice_required and not r.site_notice_published else AT_RISK
        return verdict, _sentences(r.problems), evidence, details
    if r.in_progress:
        return (
            AT_RISK,
            say("Version {version}: {count:,} emails are still going out.", version=r.version, count=r.in_progress),
            evidence,
            details,
        )
    if undecided:
        return (
            AT_RISK,
            say("Decide whether version {versions} is significant.", versions=", ".join(undecided)),
            evidence,
            details,
        )
    return KEPT, say("Every owner of version {version} was emailed or shown a site notice.", version=r.version), evidence, details


def _audit_chain(ctx: _Context) -> tuple[str, str, str, dict[str, Any]]:
    result = audit.verify(ctx.session)
    head = str(result.head) if result.head else say("empty")
    evidence = say("{events:,} events verified, head {head}", events=result.events, head=head)
    details = {
        "ok": result.ok,
        "events": result.events,
        "head": str(result.head) if result.head else None,
        "first_bad_seq": result.first_bad_seq,
    }
    if not result.ok:
        return (
            BROKEN,
            result.reason or say("The chain breaks at event {seq}.", seq=result.first_bad_seq),
            evidence,
            details,
        )
    return KEPT, say("Every event's hash chains to the one before, and every audited record has its events."), evidence, details


def _roles() -> dict[str, tuple[Text, Text]]:
    return {
        Role.VIEWER.value: (say("{count:,} viewer"), say("{count:,} viewers")),
        Role.OPERATOR.value: (say("{count:,} operator"), say("{count:,} operators")),
        Role.APPROVER.value: (say("{count:,} approver"), say("{count:,} approvers")),
        Role.ADMIN.value: (say("{count:,} admin"), say("{count:,} admins")),
    }


def _trust_words() -> dict[str, Text]:
    return {
        operators.TrustMode.DATABASE.value: say("database"),
        operators.TrustMode.SINGLE_USER.value: say("single user"),
        operators.TrustMode.DEMO.value: say("demo"),
    }


def _duties(ctx: _Context) -> tuple[str, str, str, dict[str, Any]]:
    mode = operators.trust_mode(ctx.session)
    rows = ctx.session.execute(select(Operator.role, Operator.active)).all()
    roles = {r.value: sum(1 for role, active in rows if active and role == r.value) for r in Role}
    approvers = roles[Role.APPROVER.value] + roles[Role.ADMIN.value]
    words = _roles()
    counts = [counted(n, *words[role]) if role in words else say("{count:,} {role}", count=n, role=role) for role, n in roles.items()]
    evidence = say(
        "{roles} (active); trust: {mode}",
        roles=joined(counts, say("{a}, {b}")),
        mode=_trust_words().get(mode.value) or mode.value.replace("_", " "),
    )
    details = {"trust_mode": mode.value, "enforced": mode.enforced, "roles": roles}
    if approvers < 2:
        return (
            AT_RISK,
            counted(
                approvers,
                say("Only {count:,} operator can approve: four eyes need two."),
                say("Only {count:,} operators can approve: four eyes need two."),
            ),
            evidence,
            details,
        )
    if mode is operators.TrustMode.DEMO:
        return NOT_CHECKED, mode.statement, evidence, details
    if not mode.enforced:
        return AT_RISK, mode.statement, evidence, details
    return KEPT, mode.statement, evidence, details


# --------------------------------------------------------------------------- the promises

PROMISES: tuple[_Promise, ...] = (
    _Promise(
        "access",
        say("Access only to help"),
        say("We'll only ever access your account to help you with a problem or squash a software bug."),
        "accounts",
        _access,
    ),
    _Promise(
        "files",
        say("Uploaded files never opened unasked"),
        say("We'll never open any uploaded files unless you ask us to."),
        "accounts",
        _files,
    ),
    _Promise(
        "marketing",
        say("No marketing without permission"),
        say("We won't use your name or company in marketing statements without your permission, either."),
        "accounts",
        _marketing,
    ),
    _Promise(
        "correspondence",
        say("Correspondence kept for reference"),
        say(
            "When you write miniSIPServer with a question or to ask for help, we'll keep that correspondence, and the email address, "
            "for future reference."
        ),
        "cdr",
        _retention("correspondence"),
        apart=True,
    ),
    _Promise(
        "page_visit",
        say("Page visits for statistics"),
        say("When you browse our marketing pages, we'll track that for statistical purposes."),
        "cdr",
        _retention("page_visit"),
        apart=True,
    ),
    _Promise(
        "survey",
        say("Surveys kept as long as it makes sense"),
        say("We also store any information you volunteer, like surveys, for as long as it makes sense."),
        "cdr",
        _retention("survey"),
        apart=True,
    ),
    _Promise("sharing", say("Shared only with a basis"), say("The only times we'll ever share your info"), "legal", _sharing),
    _Promise(
        "acquisition",
        say("Told well before a transfer"),
        say("We'll notify you well before any info about you is transferred and becomes subject to a different privacy policy."),
        "policies",
        _acquisition,
    ),
    _Promise(
        "court_order",
        say("Law enforcement only with a court order"),
        say("miniSIPServer won't hand your data over to law enforcement unless a court order says we have to."),
        "legal",
        _court_order,
    ),
    _Promise(
        "le_notice",
        say("Told of law-enforcement requests"),
        say("Unless we're legally prevented from it, we'll always inform you when such requests are made."),
        "legal",
        _le_notice,
    ),
    _Promise(
        "deletion",
        say("Deleted configurations leave nothing"),
        say("When you delete your configurations, we'll ensure that nothing is stored on our servers."),
        "deletion",
        _deletion,
    ),
    _Promise(
        "cdr",
        say("CDRs deleted after 30 days"),
        say("CDR records will also be deleted automatically in 30 days."),
        "cdr",
        _retention("cdr"),
        apart=True,
    ),
    _Promise(
        "policy_changes",
        say("Told of significant changes"),
        say("We'll notify you about significant changes by emailing the account owner or by placing a prominent notice on our site."),
        "policies",
        _policy_changes,
    ),
    _Promise(
        "audit_chain",
        say("The record of it all is intact"),
        say("Behind every promise: the audit log is append-only and hash-chained, so what it proves cannot be rewritten."),
        "audit",
        _audit_chain,
    ),
    _Promise(
        "duties",
        say("Four eyes on every sensitive step"),
        say("Behind every promise: a second operator approves deletions, compliance and policy changes."),
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
        verdict, reason, evidence, details = NOT_CHECKED, say("The check could not run: {error}", error=exc.message), "", {}
        if session is not None:
            session.rollback()
    except Exception as exc:  # a database error: reported on this row, the others still run
        log.exception("compliance check %s failed", p.key)
        verdict, reason, evidence, details = (
            NOT_CHECKED,
            say("The check could not run: {kind}: {error}", kind=type(exc).__name__, error=str(exc)),
            "",
            {},
        )
        if session is not None:
            session.rollback()
    return PromiseVerdict(p.key, p.title, p.promise, verdict, reason, evidence, p.go_to, details)
