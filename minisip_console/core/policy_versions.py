"""Versions of the privacy policy: drafts, the significance decision, publication, the diff,
site notices, the reach of a version's notice, acquisitions and bounces.

Why one module of this size: a version's life (draft, decision, publication, site notice, reach,
bounces) is one promise with one state machine; its parts share the version's row and refusal table.

The policy: "miniSIPServer may update this policy once in a blue moon -- we'll notify you about
significant changes by emailing the account owner or by placing a prominent notice on our site."
and, on an acquisition, "we'll notify you well before any info about you is transferred".

A version is created as a draft (operator), an approver decides whether it is significant (with
a reason, recorded in the audit log), and an admin publishes it; publication is refused while
significance is undecided. A published version is never edited. ``reach`` answers the question
the promise asks: did every owner hear of this version, by email (the ``notice_deliveries``
ledger) or, where email failed or never went out, by a site notice?

An acquisition is a version of kind ``acquisition`` with a ``transfer_date``; it is always
significant, and it can be created or published only ``LEAD_DAYS`` or more before the transfer.

The email campaign itself lives in ``core/campaign.py``; this module only reads its ledger and
records bounces reported afterwards.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from minisip_console.core import audit, limits, personal
from minisip_console.core.models import (
    Account,
    AccountStatus,
    DeliveryState,
    NoticeDelivery,
    NoticeDeliveryEvent,
    PolicyVersion,
    Role,
    SiteNotice,
    utcnow,
)
from minisip_console.core.operators import OperatorInfo
from minisip_console.core.plumbing import files
from minisip_console.core.plumbing.errors import ConsoleError, InvalidInput
from minisip_console.core.purposes import require_role, role_refusal
from minisip_console.core.text import say
from minisip_console.core.validation import control_character

#: an acquisition's notice must go out at least this many days before the transfer
LEAD_DAYS = 30
KINDS = ("policy", "acquisition")
#: "1.2", "2.0", "10.11": major.minor, each 1 to 3 digits without a leading zero (0 itself is fine)
NUMBER_RE = re.compile(r"^(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})$")
SUMMARY_MAX = 2000
REASON_MIN, REASON_MAX = 3, 500
REPLY_MAX = 2000
TITLE_MAX = 200


# --------------------------------------------------------------------------- validation


def parse_number(raw: str | None) -> str:
    value = (raw or "").strip()
    if not NUMBER_RE.match(value):
        raise InvalidInput(
            (say("{value!r} is not a version number.", value=value[:30]) if value else say("A version number is required.")),
            hint=say("Use major.minor, such as 1.2 or 2.0."),
        )
    return value


def _number_key(number: str) -> tuple[int, int]:
    major, _, minor = number.partition(".")
    return (int(major), int(minor)) if major.isdigit() and minor.isdigit() else (10**6, 10**6)


def parse_date(raw: dt.date | str | None, field: str) -> dt.date:
    """A calendar date from a ``date`` or an ISO ``YYYY-MM-DD`` string; anything else is refused."""
    if isinstance(raw, dt.datetime):
        raise InvalidInput(
            say("The {field} must be a date, not a date and time.", field=field), hint=say("Give a date such as 2027-01-31.")
        )
    if isinstance(raw, dt.date):
        return raw
    value = (raw or "").strip() if isinstance(raw, str) or raw is None else str(raw)
    if not value:
        raise InvalidInput(say("The {field} is required.", field=field), hint=say("Give a date such as 2027-01-31."))
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(
            say("The {field} {value!r} is not a date.", field=field, value=value[:30]), hint=say("Give a date such as 2027-01-31.")
        ) from None


def parse_moment(raw: dt.datetime | dt.date | str | None, field: str) -> dt.datetime:
    """An aware UTC time from an aware ``datetime``, a ``date`` (midnight UTC) or an ISO string
    (without an offset it is read as UTC)."""
    if isinstance(raw, dt.datetime):
        if raw.tzinfo is None:
            raise InvalidInput(
                say("The {field} has no time zone.", field=field), hint=say("Give the time in UTC, such as 2027-01-31T09:00+00:00.")
            )
        return raw.astimezone(dt.UTC)
    if isinstance(raw, dt.date):
        return dt.datetime.combine(raw, dt.time(), tzinfo=dt.UTC)
    value = (raw or "").strip() if isinstance(raw, str) or raw is None else str(raw)
    if not value:
        raise InvalidInput(say("The {field} is required.", field=field), hint=say("Give a time such as 2027-01-31T09:00Z or a date."))
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        raise InvalidInput(
            say("The {field} {value!r} is not a date or time.", field=field, value=value[:40]),
            hint=say("Give a time such as 2027-01-31T09:00Z or a date."),
        ) from None
    return parsed.replace(tzinfo=dt.UTC) if parsed.tzinfo is None else parsed.astimezone(dt.UTC)


def _text(raw: str | None, field: str, *, maximum: int | None = None, minimum: int = 1, multiline: bool = True) -> str:
    value = (raw or "").strip()
    if len(value) < minimum:
        raise InvalidInput(
            (say("The {field} cannot be empty.", field=field) if not value else say("The {field} is too short.", field=field)),
            hint=(say("Give at least {minimum} characters.", minimum=minimum) if minimum > 1 else None),
        )
    if maximum is not None and len(value) > maximum:
        raise InvalidInput(
            say("The {field} is too long ({value:,} characters).", field=field, value=len(value)),
            hint=say("Give at most {maximum:,} characters.", maximum=maximum),
        )
    if not multiline:
        found = control_character(value)
        if found:
            raise InvalidInput(
                say("The {field} contains a control character ({found}).", field=field, found=found), hint=say("Keep it on one line.")
            )
    return value


def parse_kind(raw: str | None) -> str:
    value = (raw or "").strip().lower()
    if value not in KINDS:
        raise InvalidInput(say("Unknown kind {value!r}.", value=str(raw)[:30]), hint=say("Use policy or acquisition."))
    return value


# --------------------------------------------------------------------------- versions


@dataclass(frozen=True)
class VersionInfo:
    id: int
    number: str
    kind: str
    effective_date: dt.date
    transfer_date: dt.date | None
    summary: str
    text: str
    significant: bool | None  # None: not decided yet
    significance_by: str | None
    significance_at: dt.datetime | None
    published_at: dt.datetime | None
    published_by: str | None
    created_at: dt.datetime

    @property
    def published(self) -> bool:
        return self.published_at is not None

    @property
    def state(self) -> str:
        return "published" if self.published else "draft"

    @property
    def significance_label(self) -> str:
        return "undecided" if self.significant is None else "significant" if self.significant else "minor"

    def to_dict(self, *, with_text: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {k: (v.isoformat() if isinstance(v, (dt.date, dt.datetime)) else v) for k, v in self.__dict__.items()}
        if not with_text:
            del out["text"]
        out["state"] = self.state
        out["significance"] = self.significance_label
        return out


def _info(r: PolicyVersion) -> VersionInfo:
    return VersionInfo(
        id=r.id,
        number=r.number,
        kind=r.kind or "policy",
        effective_date=r.effective_date,
        transfer_date=r.transfer_date,
        summary=r.summary or "",
        text=r.text,
        significant=r.significant,
        significance_by=r.significance_by,
        significance_at=r.significance_at,
        published_at=r.published_at,
        published_by=r.published_by,
        created_at=r.created_at,
    )


def _version(session: Session, number: str, *, lock: bool = False) -> PolicyVersion:
    number = (number or "").strip()
    stmt = select(PolicyVersion).where(PolicyVersion.number == number)
    if lock and session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update()
    row = session.scalar(stmt)
    if row is None:
        known = sorted(session.scalars(select(PolicyVersion.number)), key=_number_key)  # the CLI has no command listing them
        raise InvalidInput(
            say("There is no policy version {number!r}.", number=number[:30]),
            hint=say("The versions are {known}; the window's Policy notices tab lists and adds them.", known=", ".join(known))
            if known
            else say("There is no version yet; the window's Policy notices tab lists and adds them."),
        )
    return row


def list_versions(sessions: sessionmaker[Session]) -> tuple[VersionInfo, ...]:
    """Every version, oldest number first (1.9 before 1.10)."""
    with sessions() as session:
        rows = [_info(r) for r in session.scalars(select(PolicyVersion))]
    return tuple(sorted(rows, key=lambda v: (_number_key(v.number), v.id)))


def get_version(sessions: sessionmaker[Session], number: str) -> VersionInfo:
    with sessions() as session:
        return _info(_version(session, number))


def check_acquisition_lead(version: VersionInfo | PolicyVersion, today: dt.date, lead_days: int = LEAD_DAYS) -> None:
    """Refuse an acquisition notice that would reach owners less than ``lead_days`` before the
    transfer ("we'll notify you well before any info about you is transferred"). A policy
    version passes."""
    if (version.kind or "policy") != "acquisition":
        return
    transfer = version.transfer_date
    if transfer is None:
        raise ConsoleError(
            say("Acquisition notice {number} has no transfer date.", number=version.number),
            hint=say("Give the date the data would be transferred."),
        )
    earliest = today + dt.timedelta(days=lead_days)
    if (transfer - today).days < lead_days:
        raise ConsoleError(
            say(
                "Acquisition notice {number}: the transfer on {value} is only {days} days after {value2}; "
                "owners must be told at least {lead_days} days before.",
                number=version.number,
                value=transfer.isoformat(),
                days=(transfer - today).days,
                value2=today.isoformat(),
                lead_days=lead_days,
            ),
            hint=say("Move the transfer to {value} or later.", value=earliest.isoformat()),
        )


def _check_kind_dates(kind: str, transfer_date: dt.date | None, number: str) -> None:
    if kind == "acquisition" and transfer_date is None:
        raise InvalidInput(
            say("Acquisition notice {number} needs a transfer date.", number=number),
            hint=say("Give the date the data would be transferred."),
        )
    if kind == "policy" and transfer_date is not None:
        raise InvalidInput(say("Version {number} is a policy version: only an acquisition has a transfer date.", number=number))


def create_version(
    sessions: sessionmaker[Session],
    operator: OperatorInfo,
    *,
    number: str,
    effective_date: dt.date | str,
    text: str,
    summary: str = "",
    kind: str = "policy",
    transfer_date: dt.date | str | None = None,
    now: dt.datetime | None = None,
) -> VersionInfo:
    """A new draft version (significance undecided)."""
    enforce("new", None, operator)
    number = parse_number(number)
    kind = parse_kind(kind)
    effective = parse_date(effective_date, "effective date")
    transfer = None if transfer_date in (None, "") else parse_date(transfer_date, "transfer date")
    _check_kind_dates(kind, transfer, number)
    body = _text(text, "policy text")
    summary = _text(summary, "summary", maximum=SUMMARY_MAX, minimum=0)
    now = now or utcnow()
    with sessions.begin() as session:
        existing = session.scalar(select(PolicyVersion).where(PolicyVersion.number == number))
        if existing is not None:
            raise ConsoleError(
                say(
                    "Version {number} already exists ({state}, created on {created_at:%Y-%m-%d}).",
                    number=number,
                    state=_info(existing).state,
                    created_at=existing.created_at,
                ),
                hint=(
                    say("Edit that draft, or choose another number.") if existing.published_at is None else say("Choose another number.")
                ),
            )
        row = PolicyVersion(
            number=number,
            kind=kind,
            effective_date=effective,
            transfer_date=transfer,
            text=body,
            summary=summary,
            significant=True if kind == "acquisition" else None,
            created_at=now,
        )
        check_acquisition_lead(row, now.date())
        session.add(row)
        try:
            session.flush()
        except IntegrityError:  # another console created the same number meanwhile
            raise ConsoleError(say("Version {number} already exists.", number=number), hint=say("Choose another number.")) from None
        audit.append(
            session,
            operator=operator.login,
            action="policy.create",
            target_type="policy_version",
            target_id=row.id,
            details={
                "number": number,
                "kind": kind,
                "effective_date": effective.isoformat(),
                "transfer_date": transfer.isoformat() if transfer else None,
            },
            at=now,
        )
        return _info(row)


_UNSET: Any = object()


def edit_draft(
    sessions: sessionmaker[Session],
    operator: OperatorInfo,
    number: str,
    *,
    effective_date: dt.date | str = _UNSET,
    text: str = _UNSET,
    summary: str = _UNSET,
    transfer_date: dt.date | str | None = _UNSET,
    now: dt.datetime | None = None,
) -> VersionInfo:
    """Change a draft. A change to the text resets a significance decision already taken: it was
    taken on other words."""
    require_role(operator, Role.OPERATOR, say("edit a policy version"))
    now = now or utcnow()
    with sessions.begin() as session:
        row = _version(session, number, lock=True)
        if row.published_at is not None:
            raise ConsoleError(
                say(
                    "Version {number} was published on {published_at:%Y-%m-%d} by {value}: a published version is never changed.",
                    number=row.number,
                    published_at=row.published_at,
                    value=row.published_by or "an admin",
                ),
                hint=say("Create a new version instead."),
            )
        changed: list[str] = []
        if effective_date is not _UNSET:
            value = parse_date(effective_date, "effective date")
            if value != row.effective_date:
                row.effective_date = value
                changed.append("effective_date")
        if transfer_date is not _UNSET:
            value_t = None if transfer_date in (None, "") else parse_date(transfer_date, "transfer date")
            _check_kind_dates(row.kind or "policy", value_t, row.number)
            if value_t != row.transfer_date:
                row.transfer_date = value_t
                changed.append("transfer_date")
                check_acquisition_lead(row, now.date())
        if summary is not _UNSET:
            value_s = _text(summary, "summary", maximum=SUMMARY_MAX, minimum=0)
            if value_s != (row.summary or ""):
                row.summary = value_s
                changed.append("summary")
        reset = False
        if text is not _UNSET:
            value_x = _text(text, "policy text")
            if value_x != row.text:
                row.text = value_x
                changed.append("text")
                if row.significance_by is not None and (row.kind or "policy") == "policy":
                    row.significant, row.significance_by, row.significance_at = None, None, None
                    reset = True
        if not changed:
            return _info(row)
        audit.append(
            session,
            operator=operator.login,
            action="policy.edit",
            target_type="policy_version",
            target_id=row.id,
            details={"number": row.number, "fields": changed, "significance_reset": reset},
            at=now,
        )
        return _info(row)


# --------------------------------------------------------------------------- who may do what: one answer


#: what can be done to a version, as the window's buttons name them: draft a new one, decide its
#: significance, publish it, email its notice (a campaign), place a site notice, set the SMTP server
ACTIONS = ("new", "decide", "publish", "send", "notice", "mail")
#: and the delivery ledger's: decide on uncertain deliveries, record bounces
LEDGER_ACTIONS = ("resolve", "bounce")
_ROLE_FOR = {
    "new": (Role.OPERATOR, say("create a policy version")),
    "decide": (Role.APPROVER, say("decide whether a policy version is significant")),
    "publish": (Role.ADMIN, say("publish a policy version")),
    "send": (Role.OPERATOR, say("create a notice campaign")),
    "notice": (Role.OPERATOR, say("place a site notice")),
    "mail": (Role.OPERATOR, say("change the SMTP settings the notices go through")),
    "resolve": (Role.OPERATOR, say("decide on uncertain deliveries")),
    "bounce": (Role.OPERATOR, say("record bounced notices")),
}


def refusal(action: str, version: VersionInfo | None, operator: OperatorInfo) -> ConsoleError | None:
    """None when ``operator`` may do ``action`` (one of ``ACTIONS``) on ``version``; else the error
    the core raises for it (``PermissionDenied`` for who may not, ``ConsoleError`` for the version's
    state). The window shows its sentence beside the button; ``decide_significance``, ``publish``,
    ``place_site_notice`` and ``campaign.create_campaign`` raise it. ``version`` None: the role alone."""
    if action not in _ROLE_FOR:
        raise ValueError(f"unknown action {action!r}")
    if (error := role_refusal(operator, *_ROLE_FOR[action])) is not None:
        return error
    if version is None or action in ("new", "mail", "resolve", "bounce"):
        return None
    n = version.number
    if action == "decide" and version.published:
        return ConsoleError(
            say(
                "Version {n} is already published ({value}): its significance can no longer change.",
                n=n,
                value="significant" if version.significant else "minor",
            )
        )
    if action == "publish":
        if version.published_at is not None:
            return ConsoleError(
                say(
                    "Version {n} was already published on {published_at:%Y-%m-%d} by {published_by}.",
                    n=n,
                    published_at=version.published_at,
                    published_by=version.published_by,
                )
            )
        if version.significant is None:
            return ConsoleError(
                say("Version {n} cannot be published: nobody has decided whether it is significant.", n=n),
                hint=say("An approver decides first (significant changes are notified to every account owner)."),
            )
    if action == "send":
        if not version.published:
            return ConsoleError(say("Version {n} is not published: publish it before telling the owners.", n=n))
        if version.significant is not True:
            return ConsoleError(
                say("Version {n} is not marked significant: only significant changes are emailed.", n=n),
                hint=say("Decide its significance first."),
            )
    if action == "notice" and not version.published:
        return ConsoleError(say("Version {n} is a draft: publish it before announcing it on the site.", n=n))
    return None


def actions(version: VersionInfo | None, operator: OperatorInfo) -> dict[str, ConsoleError | None]:
    """``refusal`` for every action: what the window's buttons show."""
    return {action: refusal(action, version, operator) for action in ACTIONS}


def enforce(action: str, version: VersionInfo | None, operator: OperatorInfo) -> None:
    """Raise ``refusal``'s error, if any (the core's functions call it; so does ``campaign``)."""
    error = refusal(action, version, operator)
    if error is not None:
        raise error


def decide_significance(
    sessions: sessionmaker[Session],
    operator: OperatorInfo,
    number: str,
    significant: bool,
    reason: str,
    *,
    now: dt.datetime | None = None,
) -> VersionInfo:
    """An approver decides whether owners must be notified of this version (the reason goes to
    the audit log). An acquisition is always significant."""
    enforce("decide", None, operator)
    reason = _text(reason, "reason", maximum=REASON_MAX, minimum=REASON_MIN)
    now = now or utcnow()
    with sessions.begin() as session:
        row = _version(session, number, lock=True)
        enforce("decide", _info(row), operator)
        if not significant and row.kind == "acquisition":
            raise ConsoleError(
                say("Version {number} announces an acquisition: it is always significant.", number=row.number),
                hint=say("The policy promises to notify every owner before their data is transferred."),
            )
        row.significant, row.significance_by, row.significance_at = bool(significant), operator.login, now
        audit.append(
            session,
            operator=operator.login,
            action="policy.significance",
            target_type="policy_version",
            target_id=row.id,
            details={"number": row.number, "significant": bool(significant), "reason": reason},
            at=now,
        )
        return _info(row)


def publish(sessions: sessionmaker[Session], operator: OperatorInfo, number: str, *, now: dt.datetime | None = None) -> VersionInfo:
    """Publish a draft whose significance is decided (an acquisition only with its lead time)."""
    enforce("publish", None, operator)
    now = now or utcnow()
    with sessions.begin() as session:
        row = _version(session, number, lock=True)
        enforce("publish", _info(row), operator)
        check_acquisition_lead(row, now.date())
        row.published_at, row.published_by = now, operator.login
        audit.append(
            session,
            operator=operator.login,
            action="policy.publish",
            target_type="policy_version",
            target_id=row.id,
            details={"number": row.number, "significant": row.significant, "kind": row.kind},
            at=now,
        )
        return _info(row)


# --------------------------------------------------------------------------- diff


@dataclass(frozen=True)
class DiffRow:
    left_no: int | None  # 1-based line numbers; None where the side has no line
    left: str | None
    right_no: int | None
    right: str | None
    kind: str  # equal, changed, added, removed

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class VersionDiff:
    left: str  # version numbers
    right: str
    rows: tuple[DiffRow, ...]

    def count(self, kind: str) -> int:
        return sum(1 for r in self.rows if r.kind == kind)

    @property
    def equal(self) -> int:
        return self.count("equal")

    @property
    def changed(self) -> int:
        return self.count("changed")

    @property
    def added(self) -> int:
        return self.count("added")

    @property
    def removed(self) -> int:
        return self.count("removed")

    @property
    def identical(self) -> bool:
        return all(r.kind == "equal" for r in self.rows)

    def to_dict(self) -> dict[str, Any]:
        return {
            "left": self.left,
            "right": self.right,
            "equal": self.equal,
            "changed": self.changed,
            "added": self.added,
            "removed": self.removed,
            "rows": [r.to_dict() for r in self.rows],
        }


def diff_lines(left: Iterable[str], right: Iterable[str]) -> tuple[DiffRow, ...]:
    """Side-by-side rows: a replaced block pairs its lines, the longer side's extra lines are
    added (right) or removed (left)."""
    a, b = list(left), list(right)
    rows: list[DiffRow] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            rows.extend(DiffRow(i + 1, a[i], j + 1, b[j], "equal") for i, j in zip(range(i1, i2), range(j1, j2), strict=True))
            continue
        paired = min(i2 - i1, j2 - j1) if op == "replace" else 0
        rows.extend(DiffRow(i1 + k + 1, a[i1 + k], j1 + k + 1, b[j1 + k], "changed") for k in range(paired))
        rows.extend(DiffRow(i + 1, a[i], None, None, "removed") for i in range(i1 + paired, i2))
        rows.extend(DiffRow(None, None, j + 1, b[j], "added") for j in range(j1 + paired, j2))
    return tuple(rows)


def diff(sessions: sessionmaker[Session], a: str, b: str) -> VersionDiff:
    """The Markdown of version ``a`` (left) against version ``b`` (right), line by line."""
    with sessions() as session:
        left, right = _version(session, a), _version(session, b)
        return VersionDiff(left.number, right.number, diff_lines(left.text.splitlines(), right.text.splitlines()))


# --------------------------------------------------------------------------- site notices


@dataclass(frozen=True)
class NoticeInfo:
    id: int
    title: str
    body: str
    version: str | None
    shown_from: dt.datetime
    shown_until: dt.datetime | None

    def shown_at(self, when: dt.datetime) -> bool:
        return self.shown_from <= when and (self.shown_until is None or when < self.shown_until)

    def to_dict(self) -> dict[str, Any]:
        return {k: (v.isoformat() if isinstance(v, dt.datetime) else v) for k, v in self.__dict__.items()}


def create_site_notice(
    sessions: sessionmaker[Session],
    operator: OperatorInfo,
    number: str,
    *,
    title: str,
    body: str,
    shown_from: dt.datetime | dt.date | str,
    shown_until: dt.datetime | dt.date | str | None = None,
    now: dt.datetime | None = None,
) -> NoticeInfo:
    """A prominent notice on the site about a version (the fallback where email fails)."""
    enforce("notice", None, operator)
    title = _text(title, "title", maximum=TITLE_MAX, multiline=False)
    body = _text(body, "notice text")
    start = parse_moment(shown_from, "start of the notice")
    end = None if shown_until in (None, "") else parse_moment(shown_until, "end of the notice")
    if end is not None and end <= start:
        raise InvalidInput(
            say("The notice would end ({end:%Y-%m-%d %H:%M}) before it starts ({start:%Y-%m-%d %H:%M}).", end=end, start=start),
            hint=say("Give an end after the start, or none."),
        )
    now = now or utcnow()
    with sessions.begin() as session:
        version = _version(session, number)
        enforce("notice", _info(version), operator)
        row = SiteNotice(title=title, body=body, policy_version_id=version.id, shown_from=start, shown_until=end)
        session.add(row)
        session.flush()
        audit.append(
            session,
            operator=operator.login,
            action="site_notice.create",
            target_type="site_notice",
            target_id=row.id,
            details={"policy_version": version.number, "shown_from": start.isoformat(), "shown_until": end.isoformat() if end else None},
            at=now,
        )
        return NoticeInfo(row.id, title, body, version.number, start, end)


def list_site_notices(sessions: sessionmaker[Session], number: str | None = None) -> tuple[NoticeInfo, ...]:
    """Site notices, newest first; only those of version ``number`` when given."""
    stmt = (
        select(SiteNotice, PolicyVersion.number)
        .outerjoin(PolicyVersion, PolicyVersion.id == SiteNotice.policy_version_id)
        .order_by(SiteNotice.shown_from.desc(), SiteNotice.id.desc())
    )
    with sessions() as session:
        if number is not None:
            stmt = stmt.where(SiteNotice.policy_version_id == _version(session, number).id)
        return tuple(NoticeInfo(n.id, n.title, n.body, num, n.shown_from, n.shown_until) for n, num in session.execute(stmt))


# --------------------------------------------------------------------------- reach


@dataclass(frozen=True)
class ReachStatus:
    version: str
    significant: bool | None
    published: bool
    sent: int
    failed: int
    bounced: int
    uncertain: int
    in_progress: int  # queued or sending
    not_contacted: int  # active accounts (existing at publication) with no ledger row
    site_notice_published: bool
    now: dt.datetime

    @property
    def site_notice_required(self) -> bool:
        """Email did not reach everyone: a prominent notice on the site must make up for it."""
        return self.failed + self.bounced > 0 or bool(self.significant and self.published and self.not_contacted)

    @property
    def problems(self) -> tuple[str, ...]:
        out: list[str] = []
        if self.site_notice_required and not self.site_notice_published:
            failed = self.failed + self.bounced
            never = self.not_contacted if self.significant and self.published else 0
            if failed and never:
                out.append(
                    say(
                        "Version {version}: {failed:,} owners' email failed or bounced and {never:,} owners were never emailed, "
                        "and no site notice has been shown.",
                        version=self.version,
                        failed=failed,
                        never=never,
                    )
                )
            elif failed:
                out.append(
                    say(
                        "Version {version}: {failed:,} owners' email failed or bounced, and no site notice has been shown.",
                        version=self.version,
                        failed=failed,
                    )
                )
            elif never:
                out.append(
                    say(
                        "Version {version}: {never:,} owners were never emailed, and no site notice has been shown.",
                        version=self.version,
                        never=never,
                    )
                )
            # site_notice_required: one of the two holds
        if self.uncertain:
            out.append(
                say(
                    "Version {version}: {uncertain:,} deliveries are uncertain (the process stopped before the "
                    "server answered): decide whether they were sent.",
                    version=self.version,
                    uncertain=self.uncertain,
                )
            )
        return tuple(out)

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict[str, Any]:
        out = {k: (v.isoformat() if isinstance(v, dt.datetime) else v) for k, v in self.__dict__.items()}
        out.update(site_notice_required=self.site_notice_required, ok=self.ok, problems=list(self.problems))
        return out


def reach(sessions: sessionmaker[Session], number: str, *, now: dt.datetime | None = None) -> ReachStatus:
    """Who heard of version ``number``: the ledger's owners by state, the active owners never
    contacted, and whether a site notice made up for the email that did not arrive.

    An account created after the version was published signed up under it and is not counted
    as "not contacted"."""
    now = now or utcnow()
    with sessions() as session:
        version = _version(session, number)
        by_state = dict(
            session.execute(
                select(NoticeDelivery.state, func.count())
                .where(NoticeDelivery.policy_version_id == version.id)
                .group_by(NoticeDelivery.state)
            ).all()
        )
        has_row = (
            select(NoticeDelivery.id)
            .where(NoticeDelivery.policy_version_id == version.id, NoticeDelivery.account_id == Account.id)
            .exists()
        )
        uncontacted = select(func.count()).select_from(Account).where(Account.status == AccountStatus.ACTIVE.value, ~has_row)
        if version.published_at is not None:
            uncontacted = uncontacted.where(Account.created_at < version.published_at)
        not_contacted = int(session.scalar(uncontacted) or 0)
        shown = session.scalar(
            select(func.count()).select_from(SiteNotice).where(SiteNotice.policy_version_id == version.id, SiteNotice.shown_from <= now)
        )
        return ReachStatus(
            version=version.number,
            significant=version.significant,
            published=version.published_at is not None,
            sent=int(by_state.get(DeliveryState.SENT.value, 0)),
            failed=int(by_state.get(DeliveryState.FAILED.value, 0)),
            bounced=int(by_state.get(DeliveryState.BOUNCED.value, 0)),
            uncertain=int(by_state.get(DeliveryState.UNCERTAIN.value, 0)),
            in_progress=int(by_state.get(DeliveryState.QUEUED.value, 0)) + int(by_state.get(DeliveryState.SENDING.value, 0)),
            not_contacted=not_contacted,
            site_notice_published=bool(shown),
            now=now,
        )


# --------------------------------------------------------------------------- bounces


@dataclass(frozen=True)
class BounceOutcome:
    version: str
    marked: tuple[int, ...]  # account ids now bounced
    #: (what was given: an account id, an email or "line N", why it was not marked)
    skipped: tuple[tuple[str, str], ...]

    def to_dict(self) -> dict[str, Any]:
        return {"version": self.version, "marked": list(self.marked), "skipped": [list(s) for s in self.skipped]}


#: the largest value of an account id column (``accounts.id``, ``notice_deliveries.account_id``: INTEGER)
ACCOUNT_COLUMN_MAX = 2**31 - 1


def _mark(
    session: Session, operator: OperatorInfo, version: PolicyVersion, account_ids: Iterable[int], reply: str, now: dt.datetime
) -> tuple[list[int], list[tuple[str, str]]]:
    ids = list(dict.fromkeys(account_ids))
    # an id past the column's range (32-bit on PostgreSQL) names no delivery: not sent to the database,
    # which would refuse the whole query, it is reported below as never sent
    queried = [a for a in ids if -ACCOUNT_COLUMN_MAX - 1 <= a <= ACCOUNT_COLUMN_MAX]
    stmt = select(NoticeDelivery).where(NoticeDelivery.policy_version_id == version.id, NoticeDelivery.account_id.in_(queried))
    if session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update()
    rows = {d.account_id: d for d in session.scalars(stmt)} if queried else {}
    marked: list[int] = []
    skipped: list[tuple[str, str]] = []
    for account_id in ids:
        d = rows.get(account_id)
        if d is None:
            skipped.append((str(account_id), f"no email about version {version.number} was sent to this account"))
        elif d.state != DeliveryState.SENT:
            skipped.append((str(account_id), f"the delivery is {d.state}, not sent"))
        else:
            d.state, d.last_reply, d.updated_at = DeliveryState.BOUNCED.value, reply, now
            session.add(
                NoticeDeliveryEvent(delivery_id=d.id, state=DeliveryState.BOUNCED.value, at=now, reply=reply, operator=operator.login)
            )
            marked.append(account_id)
    return marked, skipped


def mark_bounced(
    sessions: sessionmaker[Session],
    operator: OperatorInfo,
    number: str,
    account_ids: Iterable[int],
    reply: str,
    *,
    now: dt.datetime | None = None,
) -> BounceOutcome:
    """Record bounces that came back after the server accepted the email (sent -> bounced)."""
    enforce("bounce", None, operator)
    reply = _text(reply, "bounce reply", maximum=REPLY_MAX)
    try:
        ids = [int(a) for a in account_ids]
    except (TypeError, ValueError):
        raise InvalidInput(say("Account ids must be whole numbers.")) from None
    now = now or utcnow()
    with sessions.begin() as session:
        version = _version(session, number)
        marked, skipped = _mark(session, operator, version, ids, reply, now)
        if marked:
            audit.append(
                session,
                operator=operator.login,
                action="notice.bounce",
                target_type="policy_version",
                target_id=version.id,
                details={"number": version.number, "accounts": marked, "skipped": len(skipped)},
                at=now,
            )
        return BounceOutcome(version.number, tuple(marked), tuple(skipped))


def import_bounces(
    sessions: sessionmaker[Session],
    operator: OperatorInfo,
    number: str,
    csv_path: str | Path,
    *,
    now: dt.datetime | None = None,
) -> BounceOutcome:
    """Bounces from a CSV file with a header naming an ``account_id`` or ``email`` column (and
    optionally ``reply``).

    The file is read strictly (``core.plumbing.files.read_csv``) and checked whole before anything is
    stored: a malformed line (an unterminated quote, more or fewer values than the header, an
    ``account_id`` that is not a whole number from 1 to 2**63-1, a line with neither an id nor an
    email, a reply with a control character), an empty file or one that is not UTF-8 is
    ``InvalidInput`` naming the line, and nothing is recorded; a folder, a missing or unreadable
    file is a sentence too. Well-formed lines that match no sent delivery (an unknown address, an
    account that was not sent this version) are reported in ``skipped``."""
    enforce("bounce", None, operator)
    path = Path(csv_path).expanduser()
    name = path.name
    default_reply = f"bounce imported from {name}"
    table = files.read_csv(path, what="a CSV file of bounces")
    header = [h.strip().lower() for h in table.header]
    if "account_id" not in header and "email" not in header:
        raise InvalidInput(
            say("{name} has no account_id or email column.", name=name),
            hint=say("The first line must name the columns, e.g. account_id,reply."),
        )
    records: list[tuple[int, int | None, str, str]] = []  # line, account id, email, reply
    for line, cells in table.rows:
        r = {h: c.strip() for h, c in zip(header, cells, strict=True)}
        raw_id, email, reply = r.get("account_id", ""), r.get("email", ""), r.get("reply", "")
        found = control_character(reply) or control_character(email)
        if found:
            raise InvalidInput(
                say("{name}: line {line} has a control character ({found}).", name=name, line=line, found=found),
                hint=say("Nothing was recorded."),
            )
        if len(reply) > REPLY_MAX:  # refused, never cut short without a word
            raise InvalidInput(
                say(
                    "{name}: line {line}: the reply is {reply:,} characters; at most {REPLY_MAX:,} are kept.",
                    name=name,
                    line=line,
                    reply=len(reply),
                    REPLY_MAX=REPLY_MAX,
                ),
                hint=say("Shorten it; nothing was recorded."),
            )
        if raw_id:
            try:
                account_id = limits.parse_id(raw_id, what="an account id")  # the command line's rule for ids
            except InvalidInput as exc:
                raise InvalidInput(
                    say("{name}: line {line}: {message}", name=name, line=line, message=exc.message),
                    hint=say("Correct the line; nothing was recorded."),
                ) from None
            records.append((line, account_id, "", reply or default_reply))
        elif email:
            records.append((line, None, email, reply or default_reply))
        else:
            raise InvalidInput(
                say("{name}: line {line} has neither an account id nor an email address.", name=name, line=line),
                hint=say("Correct the line or remove it; nothing was recorded."),
            )
    if not records:
        raise InvalidInput(say("{name} has a header but no bounces.", name=name), hint=say("Add a line for each bounce under the header."))
    now = now or utcnow()
    skipped: list[tuple[str, str]] = []
    with sessions.begin() as session:
        version = _version(session, number)
        wanted: dict[int, str] = {}  # account id -> reply
        emails = {email.lower() for _, account_id, email, _ in records if account_id is None}
        by_email = personal.accounts_by_email(session, operator, sorted(emails))  # audited: a search on addresses
        for line, record_id, email, reply in records:
            if record_id is not None:
                wanted.setdefault(record_id, reply)
                continue
            matches = by_email.get(email.lower())
            if not matches:
                skipped.append((f"line {line}", "no account has this email address"))
                continue
            for acc_id in matches:
                wanted.setdefault(acc_id, reply)
        marked: list[int] = []
        for reply in dict.fromkeys(wanted.values()):
            m, s = _mark(session, operator, version, [a for a, r in wanted.items() if r == reply], reply, now)
            marked += m
            skipped += s
        if marked:
            audit.append(
                session,
                operator=operator.login,
                action="notice.bounce",
                target_type="policy_version",
                target_id=version.id,
                details={"number": version.number, "accounts": marked, "skipped": len(skipped), "file": name},
                at=now,
            )
        return BounceOutcome(version.number, tuple(marked), tuple(skipped))
