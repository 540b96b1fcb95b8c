"""The law-enforcement register: the court-order rule as the workflow. The disclosure register is
``core.disclosures``; recording a disclosure (``record_disclosure``) stays here, under these rules.

Why one module of this size: a request's life (intake, the court-order check, compliance with four
eyes, rejection, gag orders, notices, holds) is one state machine over one row with one refusal table;
the disclosure register it writes to lives in ``core/disclosures.py``.

The policy: "miniSIPServer won't hand your data over to law enforcement unless a court order says
we have to. We flat-out reject requests ... when they seek data without a court order. And
unless we're legally prevented from it, we'll always inform you when such requests are made."
and "The only times we'll ever share your info: ... with your permission; ... as otherwise
required by law; if miniSIPServer is acquired by or merged with another company."

Workflow of a request (``law_enforcement_requests.decision``):
- ``pending``: recorded at intake (``record_request``) with the accounts named
  (``law_request_accounts``), the data sought, the documents received (copied into the file
  store with their SHA-256: ``law_request_documents``) and a legal hold on every account named
  for the stated period (``core.holds``).
- a request can be complied with only when its legal process is a court order or a search
  warrant (``COMPLIABLE``) AND an operator has recorded that the order was checked
  (``record_court_order_check``). Anything else can only be rejected, with a reason
  (``reject``). ``propose_compliance`` (operator) -> ``proposed``; ``approve_compliance`` by an
  approver who is not the proposer (four eyes) -> ``complied``: the data handed over is exported
  per account through ``core.export`` (the customer's own export code, limited to the
  categories complied with) and recorded as a ``Disclosure`` with the ZIP's SHA-256 and its
  manifest. ``reject`` -> ``rejected``; a rejected request that is not a preservation request
  releases its holds (the request is no longer open).
- customer notice: every account named must be told (``notify``: by email through
  ``core.plumbing.mailer`` with the saved SMTP settings, or recorded as told by hand with the date and
  channel), unless a nondisclosure (gag) order is in force (``gag_order`` with ``gag_until``;
  without an end date the gag is listed for review every ``GAG_REVIEW_DAYS`` days). When the gag
  ends the notice falls due; it is overdue ``NOTICE_GRACE_DAYS`` days after that.

Every write is audited in the same transaction. Rules are checked here, not only in the tab.

Details the signatures do not show:
- roles: recording, documents, the court-order check, proposing, rejecting, gag orders, notices
  and disclosures need the operator role; approving compliance the approver role (four eyes:
  never the proposer). Text fields are stripped and refuse control characters (the description
  and notes may span lines); values are bound parameters, so text that looks like SQL is text.
- the categories of a proposal are kept in its ``law_request.propose`` audit event (the schema
  has no column for them) and, once complied, in the disclosures' ``data_categories``.
- notices: ``due_on`` is the date of receipt, or the day after the gag order's end; a notice
  given by hand is dated between the receipt (or the end of the gag) and today.
- the transparency report counts requests received in the period; decisions and notices as
  they stood at the end of the period (or now, if sooner); ``customers_notified`` and
  ``notices_gagged`` count (request, account) notices; ``accounts`` distinct accounts.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import smtplib
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
from sqlalchemy import func, select

from minisip_console.core import audit, holds
from minisip_console.core.disclosures import CATEGORIES, DISCLOSURE_BASES, DisclosureInfo, _disclosure_info, _split
from minisip_console.core.holds import DEFAULT_HOLD_DAYS
from minisip_console.core.models import (
    Account,
    AuditEvent,
    Disclosure,
    Language,
    LawEnforcementRequest,
    LawRequestAccount,
    LawRequestDocument,
    LegalHold,
    Role,
    utcnow,
)
from minisip_console.core.personal import PersonalReader
from minisip_console.core.plumbing import files, jsontime, mailer
from minisip_console.core.plumbing.errors import ConsoleError, InvalidInput, PermissionDenied
from minisip_console.core.purposes import Purpose, role_refusal, validate_ticket
from minisip_console.core.text import counted, say
from minisip_console.core.validation import control_character, validate_email, validate_evidence

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence
    from typing import Any

    from sqlalchemy.orm import Session, sessionmaker

    from minisip_console.core.holds import HoldInfo
    from minisip_console.core.operators import OperatorInfo
    from minisip_console.core.plumbing.filestore import FileStore


# --------------------------------------------------------------------------- vocabularies

#: legal process -> label (the order the intake form offers them)
PROCESSES: dict[str, str] = {
    "informal": say("Informal request (letter, email, phone)"),
    "subpoena": say("Subpoena"),
    "court_order": say("Court order"),
    "search_warrant": say("Search warrant"),
    "emergency": say("Emergency request"),
    "preservation": say("Preservation request"),
    "foreign": say("Foreign request (not through a domestic court)"),
}
#: the same in the middle of a sentence ("request 3 is a subpoena")
PROCESSES_IN_A_SENTENCE: dict[str, str] = {
    "informal": say("informal request (letter, email, phone)"),
    "subpoena": say("subpoena"),
    "court_order": say("court order"),
    "search_warrant": say("search warrant"),
    "emergency": say("emergency request"),
    "preservation": say("preservation request"),
    "foreign": say("foreign request (not through a domestic court)"),
}


def _decision_word(decision: str) -> str:
    """A request's decision in a sentence ("Request 3 is pending"), translatable."""
    words = {"pending": say("pending"), "proposed": say("proposed"), "complied": say("complied"), "rejected": say("rejected")}
    return words.get(decision) or decision


#: the only processes a request can be complied with under (the policy's court-order rule)
COMPLIABLE = frozenset({"court_order", "search_warrant"})


#: content data, as transparency reports count it (the rest is non-content: who, when, how long)
CONTENT = frozenset({"configurations", "files", "correspondence"})


#: why a request was rejected -> label ("other" needs a note)
REJECTION_REASONS: dict[str, str] = {
    "no_court_order": say("No court order or warrant (the policy's rule)"),
    "not_verified": say("The court order could not be verified"),
    "overbroad": say("The request is overbroad or the order does not cover it"),
    "no_data": say("We hold no such data"),
    "wrong_jurisdiction": say("Not through a court with jurisdiction over us"),
    "other": say("Another reason (see the note)"),
}


#: how a customer can be told (``law_request_accounts.notice_channel``)
NOTICE_CHANNELS: dict[str, str] = {
    "email": say("Email"),
    "phone": say("Phone call"),
    "letter": say("Letter"),
    "ticket": say("Support ticket"),
    "in_person": say("In person"),
}

SCOPES = ("full", "partial")


#: decision states
PENDING, PROPOSED, COMPLIED, REJECTED = "pending", "proposed", "complied", "rejected"

OPEN = (PENDING, PROPOSED)


#: a gag order without an end date is listed for review this often
GAG_REVIEW_DAYS = 90


#: a notice is overdue this many days after it fell due (the receipt, or the end of the gag)
NOTICE_GRACE_DAYS = 7


class RuleViolation(ConsoleError):
    """The court-order rule (or another rule of the policy) forbids the action; the message names the rule."""


#: how the rule is named in messages
COURT_ORDER_RULE = say("The court-order rule (no data without a court order or a warrant that an operator has checked)")


# --------------------------------------------------------------------------- what callers get


@dataclass(frozen=True)
class Intake:
    """What an operator records when a request arrives (validated by ``record_request``)."""

    received_on: dt.date
    agency: str
    country: str
    officer_name: str
    officer_contact: str
    legal_process: str  # a key of PROCESSES
    account_ids: tuple[int, ...]
    data_sought: tuple[str, ...]  # keys of CATEGORIES
    reference: str
    description: str = ""  # the data requested, in the request's words (``data_requested``)
    court_order_ref: str = ""
    gag_order: bool = False
    gag_until: dt.date | None = None  # None with gag_order: no end date (reviewed every 90 days)
    hold_days: int | None = DEFAULT_HOLD_DAYS  # None: a hold without an end date
    documents: tuple[Path, ...] = ()


@dataclass(frozen=True)
class DocumentInfo:
    id: int
    filename: str
    sha256: str
    size_bytes: int
    added_by: str
    added_at: dt.datetime


@dataclass(frozen=True)
class AccountNotice:
    """One account named in a request and where its owner's notice stands."""

    account_id: int
    #: "notified", "gagged" (held back by a gag order in force), "gag_review" (gag without end
    #: date, review overdue), "due" (must be sent), "overdue" (due for more than NOTICE_GRACE_DAYS)
    state: str
    due_on: dt.date | None  # None while gagged without an end date
    notified_at: dt.datetime | None
    channel: str | None
    notified_by: str | None
    reply: str | None = None


@dataclass(frozen=True)
class RequestSummary:
    """A row of the register's list."""

    id: int
    received_at: dt.datetime
    agency: str
    country: str
    legal_process: str
    reference: str
    account_ids: tuple[int, ...]
    decision: str
    compliance_scope: str | None
    #: the worst notice state of its accounts: "overdue" > "due" > "gag_review" > "gagged" > "notified"
    notice_state: str
    gag_until: dt.date | None
    gag_order: bool


@dataclass(frozen=True)
class RequestInfo:
    """Everything about one request, for its details pane and ``legal show``."""

    id: int
    received_at: dt.datetime
    agency: str
    country: str
    officer_name: str
    officer_contact: str
    legal_process: str
    data_sought: tuple[str, ...]
    description: str
    reference: str
    recorded_by: str
    recorded_at: dt.datetime | None
    court_order_ref: str | None
    court_order_checked_by: str | None
    court_order_checked_at: dt.datetime | None
    decision: str
    compliance_scope: str | None
    proposed_by: str | None
    proposed_at: dt.datetime | None
    decided_by: str | None
    decided_at: dt.datetime | None
    decision_reason: str
    gag_order: bool
    gag_until: dt.date | None
    gag_reviewed_at: dt.datetime | None
    accounts: tuple[AccountNotice, ...]
    documents: tuple[DocumentInfo, ...]
    holds: tuple[HoldInfo, ...]
    disclosures: tuple[DisclosureInfo, ...]
    #: the categories complied with: as proposed (``proposed``), as disclosed (``complied``); else ()
    compliance_categories: tuple[str, ...] = ()
    #: for a rejected request: the code (a key of REJECTION_REASONS) and the operator's note
    rejection_reason: str = ""
    rejection_note: str = ""
    #: the worst notice state of its accounts (as ``RequestSummary.notice_state``)
    notice_state: str = "notified"

    @property
    def compliance_blocked_by(self) -> str:
        """Why compliance cannot be proposed now ("" when it can): the sentence of the error
        ``propose_compliance`` raises (``_compliance_refusal``)."""
        error = _compliance_refusal(self)
        return error.message if error is not None else ""


@dataclass(frozen=True)
class ComplianceResult:
    request: RequestInfo
    #: one per account: the export ZIP written and its disclosure record
    exports: tuple[tuple[Path, DisclosureInfo], ...]


@dataclass(frozen=True)
class ReportRow:
    country: str
    legal_process: str
    requests: int
    accounts: int  # distinct accounts named
    rejected: int
    complied_full: int
    complied_partial: int
    pending: int  # still open at the end of the period
    content: int  # complied requests that disclosed content data
    non_content: int  # complied requests that disclosed only non-content data
    customers_notified: int  # accounts whose owner was told
    notices_gagged: int  # accounts whose notice is held back by a gag order (counted, no details)


@dataclass(frozen=True)
class TransparencyReport:
    date_from: dt.date
    date_to: dt.date
    rows: tuple[ReportRow, ...]  # by country, then legal process
    total: ReportRow  # country and legal_process "all"
    generated_at: dt.datetime
    #: ``SEQ:HASH``: the audit head read after the counts, so every request counted was recorded
    #: (with its audit event) at or before it; None for an empty log
    audit_head: str | None = None


@dataclass(frozen=True)
class LegalChecks:
    """The live checks of the promise table, for the overview and the tab's verdict."""

    complied_without_order: int  # must be 0
    overdue_notices: int  # must be 0
    due_notices: int
    gags_to_review: int
    open_requests: int
    active_holds: int
    disclosures_without_basis: int  # must be 0

    @property
    def ok(self) -> bool:
        return self.complied_without_order == 0 and self.overdue_notices == 0 and self.disclosures_without_basis == 0


# --------------------------------------------------------------------------- helpers

#: field limits (the columns' sizes)
_LIMITS = {
    "agency": 200,
    "country": 100,
    "officer's name": 200,
    "officer's contact": 300,
    "reference": 100,
    "court order reference": 200,
    "recipient": 200,
}


#: a document read at intake may be at most this big (they are letters and orders, not data)
DOCUMENT_MAX_BYTES = 100 * 1024 * 1024

DOCUMENTS_FOLDER = "law-requests"


_NOTICE_ORDER = ("notified", "gagged", "gag_review", "due", "overdue")  # worst last

TEMPLATE_SUBJECT = "law-request-notice.subject.txt"

TEMPLATE_TEXT = "law-request-notice.txt"

_TEXT_ENV = jinja2.Environment(autoescape=False, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)


def _now(now: dt.datetime | None) -> dt.datetime:
    if now is None:
        return utcnow()
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    return now.astimezone(dt.UTC)


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0), tzinfo=dt.UTC)


def _line(field: str, raw: str | None, *, required: bool = False, maximum: int | None = None) -> str:
    """One line of text: stripped, NFC, no control characters, within the column's size."""
    value = "" if raw is None else str(raw)
    found = control_character(value)
    if found:
        raise InvalidInput(
            say("The {field} contains a control character ({found}).", field=field, found=found),
            hint=say("Remove tabs, line breaks and other invisible characters from the {field}.", field=field),
        )
    value = unicodedata.normalize("NFC", value.strip())
    if required and not value:
        raise InvalidInput(say("The {field} cannot be empty.", field=field))
    limit = maximum or _LIMITS.get(field, 200)
    if len(value) > limit:
        raise InvalidInput(
            say("The {field} is too long ({value:,} characters).", field=field, value=len(value)),
            hint=say("Give at most {limit} characters.", limit=limit),
        )
    return value


#: ISO 3166-1 alpha-2: the 249 officially assigned country codes. From the ISO 3166 Maintenance
#: Agency's list as Debian's iso-codes 4.15.0 (2023-04-27) ships it (/usr/share/iso-codes/json/
#: iso_3166-1.json); the set has not changed since SS (South Sudan) was added in August 2011 (later
#: changes were of names: SZ Eswatini 2018, MK North Macedonia 2019). Reserved codes (UK, EU, EL...)
#: and user-assigned ones (XK...) are not countries here.
ISO_3166_ALPHA2 = frozenset(
    {
        "AD",
        "AE",
        "AF",
        "AG",
        "AI",
        "AL",
        "AM",
        "AO",
        "AQ",
        "AR",
        "AS",
        "AT",
        "AU",
        "AW",
        "AX",
        "AZ",
        "BA",
        "BB",
        "BD",
        "BE",
        "BF",
        "BG",
        "BH",
        "BI",
        "BJ",
        "BL",
        "BM",
        "BN",
        "BO",
        "BQ",
        "BR",
        "BS",
        "BT",
        "BV",
        "BW",
        "BY",
        "BZ",
        "CA",
        "CC",
        "CD",
        "CF",
        "CG",
        "CH",
        "CI",
        "CK",
        "CL",
        "CM",
        "CN",
        "CO",
        "CR",
        "CU",
        "CV",
        "CW",
        "CX",
        "CY",
        "CZ",
        "DE",
        "DJ",
        "DK",
        "DM",
        "DO",
        "DZ",
        "EC",
        "EE",
        "EG",
        "EH",
        "ER",
        "ES",
        "ET",
        "FI",
        "FJ",
        "FK",
        "FM",
        "FO",
        "FR",
        "GA",
        "GB",
        "GD",
        "GE",
        "GF",
        "GG",
        "GH",
        "GI",
        "GL",
        "GM",
        "GN",
        "GP",
        "GQ",
        "GR",
        "GS",
        "GT",
        "GU",
        "GW",
        "GY",
        "HK",
        "HM",
        "HN",
        "HR",
        "HT",
        "HU",
        "ID",
        "IE",
        "IL",
        "IM",
        "IN",
        "IO",
        "IQ",
        "IR",
        "IS",
        "IT",
        "JE",
        "JM",
        "JO",
        "JP",
        "KE",
        "KG",
        "KH",
        "KI",
        "KM",
        "KN",
        "KP",
        "KR",
        "KW",
        "KY",
        "KZ",
        "LA",
        "LB",
        "LC",
        "LI",
        "LK",
        "LR",
        "LS",
        "LT",
        "LU",
        "LV",
        "LY",
        "MA",
        "MC",
        "MD",
        "ME",
        "MF",
        "MG",
        "MH",
        "MK",
        "ML",
        "MM",
        "MN",
        "MO",
        "MP",
        "MQ",
        "MR",
        "MS",
        "MT",
        "MU",
        "MV",
        "MW",
        "MX",
        "MY",
        "MZ",
        "NA",
        "NC",
        "NE",
        "NF",
        "NG",
        "NI",
        "NL",
        "NO",
        "NP",
        "NR",
        "NU",
        "NZ",
        "OM",
        "PA",
        "PE",
        "PF",
        "PG",
        "PH",
        "PK",
        "PL",
        "PM",
        "PN",
        "PR",
        "PS",
        "PT",
        "PW",
        "PY",
        "QA",
        "RE",
        "RO",
        "RS",
        "RU",
        "RW",
        "SA",
        "SB",
        "SC",
        "SD",
        "SE",
        "SG",
        "SH",
        "SI",
        "SJ",
        "SK",
        "SL",
        "SM",
        "SN",
        "SO",
        "SR",
        "SS",
        "ST",
        "SV",
        "SX",
        "SY",
        "SZ",
        "TC",
        "TD",
        "TF",
        "TG",
        "TH",
        "TJ",
        "TK",
        "TL",
        "TM",
        "TN",
        "TO",
        "TR",
        "TT",
        "TV",
        "TW",
        "TZ",
        "UA",
        "UG",
        "UM",
        "US",
        "UY",
        "UZ",
        "VA",
        "VC",
        "VE",
        "VG",
        "VI",
        "VN",
        "VU",
        "WF",
        "WS",
        "YE",
        "YT",
        "ZA",
        "ZM",
        "ZW",
    }
)


#: reserved codes people reach for, and the country's assigned code
_COUNTRY_MISTAKES = {"UK": "GB", "EL": "GR"}


def _country(raw: str | None) -> str:
    """The agency's country: an ISO 3166-1 alpha-2 code (any case in, upper case out), or empty
    when none is stated. Anything else is refused, so no free text (``=1+1``) reaches the register
    or the transparency report."""
    value = _line("country", raw)
    if not value:
        return ""
    code = value.upper()
    if len(code) != 2 or not code.isascii() or not code.isalpha():
        raise InvalidInput(
            say("The country {value!r} is not a two-letter ISO 3166-1 code.", value=value[:40]),
            hint=say("Give the agency's country as its ISO 3166-1 alpha-2 code, e.g. US, DE, GB, FR."),
        )
    if code not in ISO_3166_ALPHA2:
        if code in _COUNTRY_MISTAKES:
            hint = say(
                "{code} is reserved, not assigned to a country: the code is {COUNTRY_MISTAKES}.",
                code=code,
                COUNTRY_MISTAKES=_COUNTRY_MISTAKES[code],
            )
        else:
            hint = say("Give the agency's country as its ISO 3166-1 alpha-2 code, e.g. US, DE, GB, FR.")
        raise InvalidInput(say("{code} is not an ISO 3166-1 country code.", code=code), hint=hint)
    return code


def _paragraphs(field: str, raw: str | None, *, maximum: int = 10_000) -> str:
    """Free text that may span lines (line breaks and tabs allowed, any other control character refused)."""
    value = ("" if raw is None else str(raw)).replace("\r\n", "\n")
    found = control_character(value.replace("\n", "").replace("\t", ""))
    if found:
        raise InvalidInput(
            say("The {field} contains a control character ({found}).", field=field, found=found),
            hint=say("Remove invisible characters from the {field}; line breaks are fine.", field=field),
        )
    value = unicodedata.normalize("NFC", value.strip())
    if len(value) > maximum:
        raise InvalidInput(
            say("The {field} is too long ({value:,} characters).", field=field, value=len(value)),
            hint=say("Give at most {maximum:,} characters.", maximum=maximum),
        )
    return value


def _categories(raw: Iterable[str] | str | None, what: str = "data sought") -> tuple[str, ...]:
    """Keys of CATEGORIES, in CATEGORIES' order, without repeats; empty or unknown ones are refused."""
    if raw is None:
        items: list[str] = []
    elif isinstance(raw, str):
        items = [c for c in raw.split(",")]
    else:
        items = [str(c) for c in raw]
    chosen = {c.strip().lower() for c in items if c.strip()}
    if not chosen:
        raise InvalidInput(
            say("The {what} needs at least one data category.", what=what), hint=say("Use: {value}.", value=", ".join(CATEGORIES))
        )
    unknown = sorted(chosen - set(CATEGORIES))
    if unknown:
        raise InvalidInput(
            say(
                "Unknown data categor{value} in the {what}: {value2}.",
                value="ies" if len(unknown) > 1 else "y",
                what=what,
                value2=", ".join(repr(u[:40]) for u in unknown),
            ),
            hint=say("Use: {value}.", value=", ".join(CATEGORIES)),
        )
    return tuple(c for c in CATEGORIES if c in chosen)


def _process(raw: str | None) -> str:
    value = (raw or "").strip().lower()
    if value not in PROCESSES:
        raise InvalidInput(
            say("Unknown legal process {value!r}.", value=str(raw or "")[:40]), hint=say("Use one of: {value}.", value=", ".join(PROCESSES))
        )
    return value


def _account_ids(raw: Iterable[object]) -> list[int]:  # numbers, or their text (a JSON file, a form)
    ids: list[int] = []
    for value in raw or ():
        if isinstance(value, bool) or not isinstance(value, int):
            try:
                value = int(str(value).strip())
            except ValueError:
                raise InvalidInput(say("{value!r} is not an account number.", value=str(value)[:40])) from None
        if value not in ids:
            ids.append(value)
    if not ids:
        raise InvalidInput(say("A request names at least one account."), hint=say("Give the account numbers the request is about."))
    return sorted(ids)


def _check_accounts_exist(session: Session, ids: Sequence[int]) -> None:
    known = set(session.scalars(select(Account.id).where(Account.id.in_(list(ids)))))
    missing = [i for i in ids if i not in known]
    if missing:
        raise InvalidInput(
            say("No account {value}.", value=", ".join(map(str, missing))), hint=say("Check the account numbers in the Accounts tab.")
        )


def _safe_filename(name: str) -> str:
    return files.portable_name(name, "document")


def _read_documents(paths: Iterable[Path | str]) -> list[tuple[str, bytes]]:
    """Every document's name and bytes, read before anything is written (a missing one is named)."""
    out: list[tuple[str, bytes]] = []
    for raw in paths:
        path = Path(raw).expanduser()
        try:
            data = files.read_bytes(path, what="a document", limit=DOCUMENT_MAX_BYTES)
        except InvalidInput as exc:
            raise InvalidInput(
                say("The document was not read: {message}", message=exc.message), hint=say("Check the file's name; nothing was recorded.")
            ) from None
        out.append((path.name, data))
    return out


def _store_documents(
    session: Session,
    operator: OperatorInfo,
    request_id: int,
    documents: list[tuple[str, bytes]],
    store: FileStore,
    now: dt.datetime,
    written: list[Path],
) -> list[LawRequestDocument]:
    # compared as a case-insensitive file system would (the store may live on Windows or macOS, or move there)
    taken = {
        files.same_name_key(p)
        for p in session.scalars(select(LawRequestDocument.storage_path).where(LawRequestDocument.request_id == request_id))
    }
    rows = []
    for filename, data in documents:
        base = _safe_filename(filename)
        stem, dot, ext = base.rpartition(".") if "." in base.lstrip(".") else (base, "", "")
        candidate, n = f"{DOCUMENTS_FOLDER}/{request_id}/{base}", 1
        while files.same_name_key(candidate) in taken or store.exists(candidate):
            n += 1
            candidate = f"{DOCUMENTS_FOLDER}/{request_id}/{stem}-{n}{dot}{ext}"
        taken.add(files.same_name_key(candidate))
        try:
            target = store.path_of(candidate)
            sha = store.write(candidate, data)
        except OSError as exc:
            raise ConsoleError(
                say("Cannot keep the document {filename} in the file store: {value}.", filename=filename, value=exc.strerror or exc),
                hint=say("Check that the file store's folder is writable; nothing was recorded."),
            ) from None
        written.append(target)
        row = LawRequestDocument(
            request_id=request_id,
            filename=filename[:255],
            storage_path=candidate,
            sha256=sha,
            size_bytes=len(data),
            added_by=operator.login,
            added_at=now,
        )
        session.add(row)
        rows.append(row)
    session.flush()
    for row in rows:
        audit.append(
            session,
            operator=operator.login,
            action="law_request.document",
            target_type="law_enforcement_request",
            target_id=request_id,
            details={"document_id": row.id, "filename": row.filename, "sha256": row.sha256, "size_bytes": row.size_bytes},
            at=now,
        )
    return rows


def _remove(paths: Iterable[Path]) -> None:
    for path in paths:
        try:
            path.unlink(missing_ok=True)
        except OSError:
            pass


def _row(session: Session, request_id: int, *, lock: bool = False) -> LawEnforcementRequest:
    stmt = select(LawEnforcementRequest).where(LawEnforcementRequest.id == request_id)
    if lock and session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update()
    row = session.scalar(stmt)
    if row is None:
        raise InvalidInput(
            say("There is no law-enforcement request {request_id}.", request_id=request_id), hint=say("See: minisip-console legal list.")
        )
    return row


def _event(session: Session, operator: OperatorInfo, action: str, request_id: int, now: dt.datetime, **details: Any) -> None:
    audit.append(
        session,
        operator=operator.login,
        action=action,
        target_type="law_enforcement_request",
        target_id=request_id,
        details=details,
        at=now,
    )


def _received_on(row: LawEnforcementRequest) -> dt.date:
    return row.received_at.astimezone(dt.UTC).date()


def gag_in_force(request: LawEnforcementRequest | RequestInfo, today: dt.date) -> bool:
    """Whether a gag order forbids telling the customers today: one without an end date, or one
    that ends today or later (it holds through its last day). The one rule: ``notify`` refuses by
    it and the window greys its Notify button by it."""
    return bool(request.gag_order) and (request.gag_until is None or today <= request.gag_until)


# --------------------------------------------------------------------------- who may do what, once

#: every action on the register -> the least role and the words of its refusal (None: anyone
#: who can open the register). ``refusal`` answers for the window's buttons and the commands;
#: each write function enforces the same answer (the role first, then the request as locked).
_ROLE_FOR: dict[str, tuple[Role, str] | None] = {
    "record": (Role.OPERATOR, say("record a law-enforcement request")),
    "document": (Role.OPERATOR, say("add a document to a law-enforcement request")),
    "check": (Role.OPERATOR, say("record a court order check")),
    "propose": (Role.OPERATOR, say("propose compliance with a law-enforcement request")),
    "approve": (Role.APPROVER, say("approve compliance with a law-enforcement request")),
    "reject": (Role.OPERATOR, say("reject a law-enforcement request")),
    "notify": (Role.OPERATOR, say("notify customers of a law-enforcement request")),
    "gag": (Role.OPERATOR, say("record a gag order")),
    "review": (Role.OPERATOR, say("review a gag order")),
    "disclosure": (Role.OPERATOR, say("record a disclosure")),
    "report": None,
}

ACTIONS = tuple(_ROLE_FOR)


#: the actions that need a request (the others answer for the register as a whole)
ON_A_REQUEST = frozenset({"document", "check", "propose", "approve", "reject", "notify", "gag", "review"})


def _compliance_refusal(request: RequestInfo) -> ConsoleError | None:
    """Why compliance with ``request`` cannot be proposed now (the court-order rule and the state)."""
    n = request.id
    if request.legal_process not in COMPLIABLE:
        label = PROCESSES_IN_A_SENTENCE.get(request.legal_process) or request.legal_process
        return RuleViolation(
            say(
                "{COURT_ORDER_RULE}: request {n} is a {value}, not a court order or a search warrant, so it can only be rejected.",
                COURT_ORDER_RULE=COURT_ORDER_RULE,
                n=n,
                value=label,
            )
        )
    if request.decision == PROPOSED:
        return ConsoleError(
            say(
                "Compliance with request {n} was already proposed by {proposed_by}; it now needs a second operator's approval.",
                n=n,
                proposed_by=request.proposed_by,
            )
        )
    if request.decision != PENDING:
        return ConsoleError(
            say("Request {n} is already {decision}: it can no longer be complied with.", n=n, decision=_decision_word(request.decision))
        )
    if request.court_order_checked_at is None:
        return RuleViolation(
            say(
                "{COURT_ORDER_RULE}: no operator has recorded that the court order of request {n} was "
                "checked; check the order and record the check first.",
                COURT_ORDER_RULE=COURT_ORDER_RULE,
                n=n,
            )
        )
    return None


def refusal(action: str, request: RequestInfo | None, operator: OperatorInfo, *, today: dt.date | None = None) -> ConsoleError | None:
    """None when ``operator`` may do ``action`` (one of ``ACTIONS``) on ``request``; else the error
    the core raises for it (``PermissionDenied`` for the role and four eyes, ``RuleViolation`` for
    the court-order rule and a gag order, ``ConsoleError`` for the request's state). ``request``
    None: the role alone. ``today``: the UTC date the notices are judged on (default: now)."""
    if action not in _ROLE_FOR:
        raise ValueError(f"unknown action {action!r}")
    need = _ROLE_FOR[action]
    if need is not None and (error := role_refusal(operator, *need)) is not None:
        return error
    if request is None or action not in ON_A_REQUEST:
        return None
    n, decision = request.id, request.decision
    if action == "check":
        if request.legal_process not in COMPLIABLE:
            label = PROCESSES_IN_A_SENTENCE.get(request.legal_process) or request.legal_process
            return RuleViolation(
                say(
                    "{COURT_ORDER_RULE}: request {n} is a {value}; only a court order or a search warrant can be checked as one.",
                    COURT_ORDER_RULE=COURT_ORDER_RULE,
                    n=n,
                    value=label,
                ),
                hint=say("Reject the request instead."),
            )
        if decision not in OPEN:
            return ConsoleError(
                say("Request {n} is {decision}: its court order can no longer be checked.", n=n, decision=_decision_word(decision))
            )
        if request.court_order_checked_at is not None:
            return ConsoleError(
                say(
                    "{court_order_checked_by} recorded the court order of request {n} as checked on {value:%Y-%m-%d %H:%M} UTC.",
                    court_order_checked_by=request.court_order_checked_by,
                    n=n,
                    value=request.court_order_checked_at.astimezone(dt.UTC),
                )
            )
    elif action == "propose":
        return _compliance_refusal(request)
    elif action == "approve":
        if decision != PROPOSED:
            return ConsoleError(
                say("Request {n} is {decision}: only a proposed compliance can be approved.", n=n, decision=_decision_word(decision)),
                hint=(say("An operator proposes compliance first.") if decision == PENDING else None),
            )
        if request.proposed_by == operator.login:
            return PermissionDenied(
                say("Four eyes: {login} proposed compliance with request {n} and cannot also approve it.", login=operator.login, n=n),
                hint=say("Another approver must approve it."),
            )
        if request.legal_process not in COMPLIABLE or request.court_order_checked_at is None:
            return RuleViolation(say("{COURT_ORDER_RULE}: request {n} cannot be complied with.", COURT_ORDER_RULE=COURT_ORDER_RULE, n=n))
    elif action == "reject":
        if decision not in OPEN:
            return ConsoleError(say("Request {n} is {decision}: it can no longer be rejected.", n=n, decision=_decision_word(decision)))
    elif action == "notify":
        if gag_in_force(request, today or utcnow().date()):
            until = (
                say("until {day:%Y-%m-%d}", day=request.gag_until)
                if request.gag_until
                else say("without an end date (reviewed every 90 days)")
            )
            return RuleViolation(
                say("A nondisclosure (gag) order on request {n} is in force {until}: its customers cannot be told yet.", n=n, until=until),
                hint=say("The notice falls due the day after the gag order ends."),
            )
        if request.accounts and all(a.state == "notified" for a in request.accounts):
            return ConsoleError(say("Every customer named in request {n} has been told.", n=n))
    elif action == "review":
        if not request.gag_order:
            return ConsoleError(say("Request {n} has no gag order without an end date to review.", n=n))
        if request.gag_until is not None:
            return ConsoleError(
                say(
                    "The gag order of request {n} ends on {gag_until:%Y-%m-%d}: only one without an end date is reviewed.",
                    n=n,
                    gag_until=request.gag_until,
                )
            )
    return None


def actions(request: RequestInfo | None, operator: OperatorInfo, *, today: dt.date | None = None) -> dict[str, ConsoleError | None]:
    """``refusal`` for every action: what the window's buttons show."""
    return {action: refusal(action, request, operator, today=today) for action in ACTIONS}


def _enforce(action: str, request: RequestInfo | None, operator: OperatorInfo, *, today: dt.date | None = None) -> None:
    error = refusal(action, request, operator, today=today)
    if error is not None:
        raise error


def _notice(row: LawEnforcementRequest, acc: LawRequestAccount, now: dt.datetime) -> AccountNotice:
    """Where one account's notice stands at ``now`` (see AccountNotice.state); a notice given after ``now`` is not counted."""
    today = now.astimezone(dt.UTC).date()
    due_on: dt.date | None
    if acc.notified_at is not None and acc.notified_at <= now:
        state = "notified"
        due_on = row.gag_until + dt.timedelta(days=1) if row.gag_order and row.gag_until else _received_on(row)
    elif row.gag_order and row.gag_until is None:
        due_on = None
        since = row.gag_reviewed_at or row.recorded_at or row.received_at
        state = "gag_review" if now - since > dt.timedelta(days=GAG_REVIEW_DAYS) else "gagged"
    else:
        due_on = row.gag_until + dt.timedelta(days=1) if row.gag_order and row.gag_until else _received_on(row)
        if today < due_on:
            state = "gagged"
        elif (today - due_on).days > NOTICE_GRACE_DAYS:
            state = "overdue"
        else:
            state = "due"
    notified = acc.notified_at if state == "notified" else None
    return AccountNotice(
        acc.account_id,
        state,
        due_on,
        notified,
        acc.notice_channel if notified else None,
        acc.notified_by if notified else None,
        acc.notice_reply if notified else None,
    )


def _worst(notices: Iterable[AccountNotice]) -> str:
    worst = 0
    for n in notices:
        worst = max(worst, _NOTICE_ORDER.index(n.state))
    return _NOTICE_ORDER[worst]


def _accounts_of(session: Session, request_ids: Sequence[int]) -> dict[int, list[LawRequestAccount]]:
    out: dict[int, list[LawRequestAccount]] = {i: [] for i in request_ids}
    if not request_ids:
        return out
    for acc in session.scalars(
        select(LawRequestAccount).where(LawRequestAccount.request_id.in_(list(request_ids))).order_by(LawRequestAccount.account_id)
    ):
        out.setdefault(acc.request_id, []).append(acc)
    return out


def _proposed_categories(session: Session, row: LawEnforcementRequest) -> tuple[str, ...]:
    """The categories of the last compliance proposal (kept in its audit event), else the data sought."""
    details = session.scalar(
        select(AuditEvent.details)
        .where(
            AuditEvent.target_type == "law_enforcement_request",
            AuditEvent.target_id == str(row.id),
            AuditEvent.action == "law_request.propose",
        )
        .order_by(AuditEvent.seq.desc())
        .limit(1)
    )
    if details:
        try:
            found = json.loads(details).get("categories")
        except (ValueError, AttributeError):
            found = None
        if isinstance(found, list) and found and all(c in CATEGORIES for c in found):
            return tuple(c for c in CATEGORIES if c in found)
    return _split(row.data_sought)


def _compliance_categories(
    session: Session, row: LawEnforcementRequest, disclosures: Sequence[DisclosureInfo] | None = None
) -> tuple[str, ...]:
    if row.decision == COMPLIED:
        if disclosures is None:
            disclosures = [
                _disclosure_info(d) for d in session.scalars(select(Disclosure).where(Disclosure.law_enforcement_request_id == row.id))
            ]
        shared = {c for d in disclosures for c in d.data_categories}
        if shared:
            return tuple(c for c in CATEGORIES if c in shared) + tuple(sorted(shared - set(CATEGORIES)))
        return _proposed_categories(session, row)
    if row.decision == PROPOSED:
        return _proposed_categories(session, row)
    return ()


def _rejection(row: LawEnforcementRequest) -> tuple[str, str]:
    if row.decision != REJECTED:
        return "", ""
    code, _, note = (row.decision_reason or "").partition(": ")
    if code in REJECTION_REASONS:
        return code, note
    return "", row.decision_reason or ""


def _info(session: Session, row: LawEnforcementRequest, now: dt.datetime) -> RequestInfo:
    accounts = _accounts_of(session, [row.id])[row.id]
    notices = tuple(_notice(row, a, now) for a in accounts)
    documents = tuple(
        DocumentInfo(d.id, d.filename, d.sha256, d.size_bytes, d.added_by, d.added_at)
        for d in session.scalars(select(LawRequestDocument).where(LawRequestDocument.request_id == row.id).order_by(LawRequestDocument.id))
    )
    held = tuple(
        holds.info(h, now)
        for h in session.scalars(select(LegalHold).where(LegalHold.law_enforcement_request_id == row.id).order_by(LegalHold.id))
    )
    disclosures = tuple(
        _disclosure_info(d)
        for d in session.scalars(select(Disclosure).where(Disclosure.law_enforcement_request_id == row.id).order_by(Disclosure.id))
    )
    code, note = _rejection(row)
    return RequestInfo(
        id=row.id,
        received_at=row.received_at,
        agency=row.agency,
        country=row.country or "",
        officer_name=row.officer_name or "",
        officer_contact=row.officer_contact or "",
        legal_process=row.legal_process,
        data_sought=_split(row.data_sought),
        description=row.data_requested or "",
        reference=row.reference or "",
        recorded_by=row.recorded_by or "",
        recorded_at=row.recorded_at,
        court_order_ref=row.court_order_ref,
        court_order_checked_by=row.court_order_checked_by,
        court_order_checked_at=row.court_order_checked_at,
        decision=row.decision,
        compliance_scope=row.compliance_scope,
        proposed_by=row.proposed_by,
        proposed_at=row.proposed_at,
        decided_by=row.decided_by,
        decided_at=row.decided_at,
        decision_reason=row.decision_reason or "",
        gag_order=bool(row.gag_order),
        gag_until=row.gag_until,
        gag_reviewed_at=row.gag_reviewed_at,
        accounts=notices,
        documents=documents,
        holds=held,
        disclosures=disclosures,
        compliance_categories=_compliance_categories(session, row, disclosures),
        rejection_reason=code,
        rejection_note=note,
        notice_state=_worst(notices),
    )


def _sync_notified(session: Session, row: LawEnforcementRequest) -> None:
    """Keep the old ``customer_notified_at`` column: when every account named has been told."""
    times = [a.notified_at for a in _accounts_of(session, [row.id])[row.id]]
    row.customer_notified_at = max(times) if times and all(t is not None for t in times) else None  # type: ignore[type-var]  # all not None here


# --------------------------------------------------------------------------- requests


def record_request(
    sessions: sessionmaker[Session], operator: OperatorInfo, intake: Intake, *, store: FileStore, now: dt.datetime | None = None
) -> RequestInfo:
    """Validate and record a request, its accounts, its documents (into ``store``) and its holds."""
    _enforce("record", None, operator)
    now = _now(now)
    agency = _line("agency", intake.agency, required=True)
    country = _country(intake.country)
    officer_name = _line("officer's name", intake.officer_name)
    officer_contact = _line("officer's contact", intake.officer_contact)
    reference = _line("reference", intake.reference)
    court_order_ref = _line("court order reference", intake.court_order_ref)
    description = _paragraphs("description of the data requested", intake.description)
    process = _process(intake.legal_process)
    ids = _account_ids(intake.account_ids)
    sought = _categories(intake.data_sought)
    received = intake.received_on
    if isinstance(received, dt.datetime):
        if received.tzinfo is None:
            raise InvalidInput(say("The time of receipt needs a time zone."))
        received_at = received.astimezone(dt.UTC)
    elif isinstance(received, dt.date):
        received_at = _midnight(received)
    else:
        raise InvalidInput(say("The date of receipt is missing."), hint=say("Give the date the request arrived, e.g. 2026-05-04."))
    if received_at.date() > now.date() or received_at > now:
        raise InvalidInput(
            say("The date of receipt {value:%Y-%m-%d} is in the future.", value=received_at.date()),
            hint=say("Give the date the request arrived."),
        )
    if intake.gag_until is not None and not intake.gag_order:
        raise InvalidInput(
            say("A gag order's end date is given but no gag order is recorded."),
            hint=say("Tick the nondisclosure (gag) order, or leave its end date empty."),
        )
    if intake.gag_until is not None:
        if not isinstance(intake.gag_until, dt.date) or isinstance(intake.gag_until, dt.datetime):
            raise InvalidInput(say("The gag order's end date must be a date."))
        if intake.gag_until < received_at.date():
            raise InvalidInput(
                say(
                    "The gag order ends ({gag_until:%Y-%m-%d}) before the request was received ({value:%Y-%m-%d}).",
                    gag_until=intake.gag_until,
                    value=received_at.date(),
                )
            )
    hold_days = intake.hold_days
    if hold_days is not None and (isinstance(hold_days, bool) or not isinstance(hold_days, int) or not 1 <= hold_days <= 3660):
        raise InvalidInput(
            say("A hold lasts 1 to 3660 days, not {hold_days!r}.", hold_days=hold_days),
            hint=say("Leave the period empty for a hold without an end date."),
        )
    documents = _read_documents(intake.documents)
    written: list[Path] = []
    try:
        with sessions.begin() as session:
            _check_accounts_exist(session, ids)
            row = LawEnforcementRequest(
                received_at=received_at,
                agency=agency,
                reference=reference,
                account_id=ids[0],
                data_requested=description,
                court_order_ref=court_order_ref or None,
                court_order_verified=False,
                decision=PENDING,
                country=country,
                officer_name=officer_name,
                officer_contact=officer_contact,
                legal_process=process,
                data_sought=",".join(sought),
                recorded_by=operator.login,
                recorded_at=now,
                decision_reason="",
                gag_order=bool(intake.gag_order),
                gag_until=intake.gag_until if intake.gag_order else None,
            )
            session.add(row)
            session.flush()
            session.add_all([LawRequestAccount(request_id=row.id, account_id=a) for a in ids])
            session.flush()
            _event(
                session,
                operator,
                "law_request.receive",
                row.id,
                now,
                legal_process=process,
                account_ids=ids,
                data_sought=list(sought),
                received_on=received_at.date().isoformat(),
                gag_order=bool(intake.gag_order),
                gag_until=intake.gag_until.isoformat() if intake.gag_until else None,
                documents=len(documents),
            )
            holds.place_holds(
                session,
                operator,
                ids,
                f"Law-enforcement request {row.id}" + (f" ({reference})" if reference else ""),
                days=hold_days,
                request_id=row.id,
                now=now,
            )
            _store_documents(session, operator, row.id, documents, store, now, written)
            return _info(session, row, now)
    except BaseException:
        _remove(written)
        raise


def parse_intake(data: Any, *, base: Path | None = None) -> Intake:
    """An ``Intake`` from a JSON object (``legal add --from-json``): Intake's field names as keys,
    dates as ``YYYY-MM-DD``, documents relative to ``base`` (the JSON file's folder). Unknown
    keys and unreadable values are refused naming them; the rules are checked by ``record_request``."""
    if not isinstance(data, dict):
        raise InvalidInput(say("The request must be a JSON object with the intake's fields."))
    fields = {f.name: f for f in dataclasses.fields(Intake)}
    unknown = sorted(set(data) - set(fields))
    if unknown:
        raise InvalidInput(
            say("Unknown field{value} {value2}.", value="s" if len(unknown) > 1 else "", value2=", ".join(map(repr, unknown))),
            hint=say("Use: {value}.", value=", ".join(fields)),
        )
    values: dict[str, Any] = {}
    for name, raw in data.items():
        if name in ("received_on", "gag_until"):
            if raw is None or raw == "":
                values[name] = None
                continue
            try:
                values[name] = dt.date.fromisoformat(str(raw))
            except ValueError:
                raise InvalidInput(say("The {name} {value!r} is not a date (YYYY-MM-DD).", name=name, value=str(raw)[:40])) from None
        elif name in ("account_ids", "data_sought", "documents"):
            items = raw.split(",") if isinstance(raw, str) else raw
            if not isinstance(items, list):
                raise InvalidInput(say("The {name} must be a list.", name=name))
            if name == "documents":
                values[name] = tuple(
                    (base / str(d)) if base is not None and not Path(str(d)).is_absolute() else Path(str(d)) for d in items
                )
            elif name == "account_ids":
                values[name] = tuple(_account_ids(items)) if items else ()
            else:
                values[name] = tuple(str(c).strip() for c in items if str(c).strip())
        elif name == "gag_order":
            if not isinstance(raw, bool):
                raise InvalidInput(say("The gag_order must be true or false."))
            values[name] = raw
        elif name == "hold_days":
            values[name] = raw
        else:
            values[name] = "" if raw is None else str(raw) if not isinstance(raw, str) else raw
    missing = [n for n, f in fields.items() if n not in values and f.default is dataclasses.MISSING]
    if missing:
        raise InvalidInput(say("Missing field{value} {value2}.", value="s" if len(missing) > 1 else "", value2=", ".join(missing)))
    if values.get("received_on") is None:
        raise InvalidInput(say("The date of receipt (received_on) is missing."))
    return Intake(**values)


def add_document(
    sessions: sessionmaker[Session],
    operator: OperatorInfo,
    request_id: int,
    path: Path,
    *,
    store: FileStore,
    now: dt.datetime | None = None,
) -> DocumentInfo:
    _enforce("document", None, operator)
    now = _now(now)
    documents = _read_documents([path])
    written: list[Path] = []
    try:
        with sessions.begin() as session:
            _row(session, request_id, lock=True)
            (row,) = _store_documents(session, operator, request_id, documents, store, now, written)
            return DocumentInfo(row.id, row.filename, row.sha256, row.size_bytes, row.added_by, row.added_at)
    except BaseException:
        _remove(written)
        raise


def record_court_order_check(
    sessions: sessionmaker[Session], operator: OperatorInfo, request_id: int, court_order_ref: str, *, now: dt.datetime | None = None
) -> RequestInfo:
    """Record that the court order or warrant was checked (refused for any other legal process)."""
    _enforce("check", None, operator)
    now = _now(now)
    ref = _line("court order reference", court_order_ref, required=True)
    with sessions.begin() as session:
        row = _row(session, request_id, lock=True)
        _enforce("check", _info(session, row, now), operator)
        row.court_order_ref, row.court_order_checked_by, row.court_order_checked_at = ref, operator.login, now
        row.court_order_verified = True
        _event(session, operator, "law_request.check_order", row.id, now, court_order_ref=ref)
        return _info(session, row, now)


def reject(
    sessions: sessionmaker[Session], operator: OperatorInfo, request_id: int, reason: str, note: str = "", *, now: dt.datetime | None = None
) -> RequestInfo:
    """Reject an open request with a reason (REJECTION_REASONS; "other" needs a note).

    The request's holds in force are released (audited as ``legal_hold.release``) unless it is a
    preservation request, whose holds last their period."""
    _enforce("reject", None, operator)
    now = _now(now)
    code = (reason or "").strip().lower()
    if code not in REJECTION_REASONS:
        raise InvalidInput(
            say("Unknown rejection reason {value!r}.", value=str(reason or "")[:40]),
            hint=say("Use one of: {value}.", value=", ".join(REJECTION_REASONS)),
        )
    text = _paragraphs("note", note, maximum=2000)
    if code == "other" and not text:
        raise InvalidInput(say("A rejection for another reason needs a note explaining it."))
    with sessions.begin() as session:
        row = _row(session, request_id, lock=True)
        _enforce("reject", _info(session, row, now), operator)
        row.decision, row.decided_by, row.decided_at = REJECTED, operator.login, now
        row.decision_reason = f"{code}: {text}" if text else code
        released: list[int] = []
        if row.legal_process != "preservation":
            for hold in session.scalars(
                select(LegalHold).where(LegalHold.law_enforcement_request_id == row.id, holds.active_clause(now)).order_by(LegalHold.id)
            ):
                why = say("Request {id} rejected ({code})", id=row.id, code=code)
                hold.released_at, hold.released_by, hold.release_reason = now, operator.login, why
                audit.append(
                    session,
                    operator=operator.login,
                    action="legal_hold.release",
                    target_type="legal_hold",
                    target_id=hold.id,
                    details={"account_id": hold.account_id, "reason": why},
                    at=now,
                )
                released.append(hold.id)
        _event(session, operator, "law_request.reject", row.id, now, reason=code, released_holds=released)
        return _info(session, row, now)


def propose_compliance(
    sessions: sessionmaker[Session],
    operator: OperatorInfo,
    request_id: int,
    scope: str,
    categories: Sequence[str] | None = None,
    note: str = "",
    *,
    now: dt.datetime | None = None,
) -> RequestInfo:
    """Refused (``RuleViolation``, naming the rule) unless COMPLIABLE and the order was checked.

    ``categories``: what will be handed over (a subset of the data sought; None: all of it).
    ``full`` hands over every category sought; ``partial`` needs the categories or a note."""
    _enforce("propose", None, operator)
    now = _now(now)
    scope_ = (scope or "").strip().lower()
    if scope_ not in SCOPES:
        raise InvalidInput(
            say("Unknown scope {value!r}.", value=str(scope or "")[:20]), hint=say("Use one of: {value}.", value=", ".join(SCOPES))
        )
    chosen = None if categories is None else _categories(categories, "categories complied with")
    text = _paragraphs("note", note, maximum=2000)
    with sessions.begin() as session:
        row = _row(session, request_id, lock=True)
        _enforce("propose", _info(session, row, now), operator)
        sought = _split(row.data_sought)
        if chosen is None:
            chosen = sought
        outside = [c for c in chosen if c not in sought]
        if outside:
            raise InvalidInput(
                say("Request {request_id} did not seek {value}.", request_id=request_id, value=", ".join(outside)),
                hint=say("Hand over at most what was sought: {value}.", value=", ".join(sought)),
            )
        if scope_ == "full" and set(chosen) != set(sought):
            raise InvalidInput(
                say("A full compliance hands over every category sought."),
                hint=say("Choose the partial scope to hand over only some of them."),
            )
        if scope_ == "partial" and set(chosen) == set(sought) and not text:
            raise InvalidInput(say("A partial compliance that hands over every category sought needs a note saying what is left out."))
        row.decision, row.compliance_scope, row.proposed_by, row.proposed_at = PROPOSED, scope_, operator.login, now
        row.decision_reason = text
        _event(session, operator, "law_request.propose", row.id, now, scope=scope_, categories=list(chosen), note=text)
        return _info(session, row, now)


def _ticket(row: LawEnforcementRequest) -> str:
    try:
        return validate_ticket(row.reference)
    except InvalidInput:
        return f"LER-{row.id}"


def approve_compliance(
    sessions: sessionmaker[Session],
    operator: OperatorInfo,
    request_id: int,
    *,
    store: FileStore,
    out_dir: Path,
    progress: Callable[[int, int, str], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    now: dt.datetime | None = None,
) -> ComplianceResult:
    """Four eyes: an approver other than the proposer; exports and records what is handed over.

    Each account named is exported through ``core.export`` (purpose ``legal``, limited to the
    categories proposed) to ``out_dir/request-<id>-account-<account>.zip``. Only when every
    export is written are the disclosures recorded and the request marked complied, in one
    transaction with its audit events; if an export fails (or is cancelled) the ZIPs of this
    run are removed, the request stays proposed and the error propagates."""
    from minisip_console.core.export import export_account

    _enforce("approve", None, operator)
    now = _now(now)
    folder = Path(out_dir).expanduser()
    if not folder.is_dir():
        raise InvalidInput(
            say("The folder {folder} does not exist.", folder=folder), hint=say("Choose the folder the exports are written to.")
        )
    with sessions() as session:
        row = _row(session, request_id)
        _enforce("approve", _info(session, row, now), operator)
        categories = _proposed_categories(session, row)
        account_ids = [a.account_id for a in _accounts_of(session, [row.id])[row.id]]
        ticket, agency, reference = _ticket(row), row.agency, row.reference
        evidence = f"court order {row.court_order_ref} (law-enforcement request {row.id}" + (f", {reference})" if reference else ")")
        scope = row.compliance_scope
    report = progress or (lambda done, total, what: None)
    receipts = []
    try:
        for i, account_id in enumerate(account_ids, start=1):
            label = f"account {account_id} ({i} of {len(account_ids)})"
            report(i - 1, len(account_ids), f"exporting {label}")

            def step(d: int, t: int, w: str, label: str = label, i: int = i) -> None:
                report(i - 1, len(account_ids), f"{label}: {w} ({d:,}/{t:,})")

            receipts.append(
                export_account(
                    sessions,
                    operator,
                    account_id,
                    purpose=Purpose.LEGAL.value,
                    ticket=ticket,
                    store=store,
                    now=now,
                    cancel=cancel,
                    out_path=folder / f"request-{request_id}-account-{account_id}.zip",
                    categories=categories,
                    compliance=request_id,
                    progress=step,
                )
            )
        with sessions.begin() as session:
            row = _row(session, request_id, lock=True)
            if row.decision != PROPOSED:
                raise ConsoleError(
                    say(
                        "Request {request_id} was {decision} by {decided_by} meanwhile; nothing was recorded.",
                        request_id=request_id,
                        decision=row.decision,
                        decided_by=row.decided_by,
                    )
                )
            made = []
            for receipt in receipts:
                manifest = {f.name: {"sha256": f.sha256, "rows": f.rows, "bytes": f.bytes} for f in receipt.files}
                d = Disclosure(
                    account_id=receipt.account_id,
                    recipient=agency[:200],
                    legal_basis="law",
                    evidence=evidence[:300],
                    data_shared=f"{receipt.path.name} ({scope}): {', '.join(categories)}",
                    law_enforcement_request_id=request_id,
                    disclosed_at=now,
                    recorded_by=operator.login,
                    data_categories=",".join(categories),
                    export_sha256=receipt.sha256,
                    export_manifest=json.dumps(manifest, sort_keys=True),
                )
                session.add(d)
                made.append((receipt, d))
            session.flush()
            for _receipt, d in made:
                audit.append(
                    session,
                    operator=operator.login,
                    action="disclosure.record",
                    target_type="disclosure",
                    target_id=d.id,
                    details={
                        "account_id": d.account_id,
                        "legal_basis": "law",
                        "law_enforcement_request_id": request_id,
                        "categories": list(categories),
                        "export_sha256": d.export_sha256,
                    },
                    at=now,
                )
            row.decision, row.decided_by, row.decided_at = COMPLIED, operator.login, now
            _event(
                session,
                operator,
                "law_request.comply",
                row.id,
                now,
                scope=scope,
                categories=list(categories),
                exports={str(r.account_id): r.sha256 for r in receipts},
            )
            info = _info(session, row, now)
            exports = tuple((receipt.path, _disclosure_info(d)) for receipt, d in made)
    except BaseException:
        _remove(r.path for r in receipts)
        raise
    report(len(account_ids), len(account_ids), "complied")
    return ComplianceResult(info, exports)


def record_gag(
    sessions: sessionmaker[Session], operator: OperatorInfo, request_id: int, until: dt.date | None, *, now: dt.datetime | None = None
) -> RequestInfo:
    """Record a nondisclosure (gag) order on a request, or change its end date (None: no end date)."""
    _enforce("gag", None, operator)
    now = _now(now)
    if until is not None and (not isinstance(until, dt.date) or isinstance(until, dt.datetime)):
        raise InvalidInput(say("The gag order's end date must be a date."))
    with sessions.begin() as session:
        row = _row(session, request_id, lock=True)
        if until is not None and until < _received_on(row):
            raise InvalidInput(
                say(
                    "The gag order ends ({until:%Y-%m-%d}) before the request was received ({row:%Y-%m-%d}).",
                    until=until,
                    row=_received_on(row),
                )
            )
        row.gag_order, row.gag_until, row.gag_reviewed_at = True, until, now
        _event(session, operator, "law_request.gag", row.id, now, gag_until=until.isoformat() if until else None)
        return _info(session, row, now)


def review_gag(sessions: sessionmaker[Session], operator: OperatorInfo, request_id: int, *, now: dt.datetime | None = None) -> RequestInfo:
    """Record that a gag order without an end date was reviewed and still stands."""
    _enforce("review", None, operator)
    now = _now(now)
    with sessions.begin() as session:
        row = _row(session, request_id, lock=True)
        _enforce("review", _info(session, row, now), operator)
        row.gag_reviewed_at = now
        _event(session, operator, "law_request.gag_review", row.id, now)
        return _info(session, row, now)


def _decision_words(row: LawEnforcementRequest) -> str:
    if row.decision == REJECTED:
        return "We rejected the request: we did not hand over any of your data."
    if row.decision == COMPLIED:
        return (
            "A court order required us to comply, and we handed over the data the order covered. "
            "Our records of exactly what was disclosed are available to you on request."
        )
    return "We are reviewing the request. We hand over data only when a court order requires it."


#: the notice's values in Chinese (``notice_values``): the process, the data categories, the decision
_ZH_CN_PROCESSES = {
    "informal": "非正式请求（信函、电子邮件、电话）",
    "subpoena": "传票",
    "court_order": "法院命令",
    "search_warrant": "搜查令",
    "emergency": "紧急请求",
    "preservation": "数据保全请求",
    "foreign": "境外请求（未经本国法院）",
}
_ZH_CN_CATEGORIES = {
    "subscriber": "用户信息（姓名、电子邮件、公司）",
    "cdrs": "通话详单记录",
    "configurations": "配置",
    "files": "上传的文件",
    "correspondence": "技术支持往来邮件",
}
_ZH_CN_DECISIONS = {
    REJECTED: "我们已拒绝该请求，未提供您的任何数据。",
    COMPLIED: "法院命令要求我们予以配合，我们已提供该命令所涵盖的数据。如您需要，我们可向您提供所披露数据的详细记录。",
    "": "我们正在审查该请求。仅在法院命令要求时，我们才会提供数据。",
}


def notice_values(row: LawEnforcementRequest, account: Account, language: str = Language.EN.value) -> dict[str, str]:
    """The placeholders of the customer notice templates for one account, in ``language`` (the
    agency's name stays as it was recorded)."""
    if language == Language.ZH_CN.value:
        day = _received_on(row)
        return {
            "owner_name": account.name or "尊敬的客户",
            "account": str(account.id),
            "agency": row.agency,
            "received_date": f"{day.year}年{day.month}月{day.day}日",
            "legal_process": _ZH_CN_PROCESSES.get(row.legal_process, row.legal_process),
            "data_sought": "、".join(_ZH_CN_CATEGORIES.get(c, c) for c in _split(row.data_sought)),
            "decision": _ZH_CN_DECISIONS.get(row.decision or "", _ZH_CN_DECISIONS[""]),
        }
    return {
        "owner_name": account.name or "customer",
        "account": str(account.id),
        "agency": row.agency,
        "received_date": f"{_received_on(row):%d %B %Y}",
        "legal_process": PROCESSES.get(row.legal_process, row.legal_process),
        "data_sought": ", ".join(CATEGORIES.get(c, c) for c in _split(row.data_sought)),
        "decision": _decision_words(row),
    }


def _templates(language: str = Language.EN.value) -> tuple[str, jinja2.Template, jinja2.Template]:
    """(the language they are in, subject, text) of the notice for an owner whose account says
    ``language``: ``law-request-notice.<language>.*``, else the English ``law-request-notice.*``."""
    folder = resources.files("minisip_console.resources") / "templates"
    if language != Language.EN.value:
        subject_file, text_file = (folder / name.replace(".", f".{language}.", 1) for name in (TEMPLATE_SUBJECT, TEMPLATE_TEXT))
        if subject_file.is_file() and text_file.is_file():
            return language, _TEXT_ENV.from_string(subject_file.read_text("utf-8")), _TEXT_ENV.from_string(text_file.read_text("utf-8"))
    subject = (folder / TEMPLATE_SUBJECT).read_text("utf-8")
    text = (folder / TEMPLATE_TEXT).read_text("utf-8")
    return Language.EN.value, _TEXT_ENV.from_string(subject), _TEXT_ENV.from_string(text)


def _send(smtp: smtplib.SMTP, sender: str, to: str, message: bytes) -> tuple[bool, str]:
    """MAIL, RCPT, DATA; (accepted, the server's reply)."""

    def words(code: int, msg: bytes | str) -> str:
        text = msg.decode("utf-8", "replace") if isinstance(msg, bytes) else str(msg)
        return f"{code} {' '.join(text.split())}"

    options = ["SMTPUTF8"] if not to.isascii() and smtp.has_extn("smtputf8") else []
    code, msg = smtp.mail(sender, options)
    if code != 250:
        smtp.rset()
        return False, words(code, msg)
    code, msg = smtp.rcpt(to)
    if code not in (250, 251):
        smtp.rset()
        return False, words(code, msg)
    try:
        code, msg = smtp.data(message)
    except smtplib.SMTPDataError as exc:
        smtp.rset()
        return False, words(exc.smtp_code, exc.smtp_error)
    return 200 <= code < 300, words(code, msg)


def notify(
    sessions: sessionmaker[Session],
    operator: OperatorInfo,
    request_id: int,
    *,
    settings: Any | None = None,
    by_hand: tuple[str, dt.date] | None = None,
    account_ids: Sequence[int] | None = None,
    now: dt.datetime | None = None,
) -> tuple[AccountNotice, ...]:
    """Tell the owners (email through ``settings``, a ``mailer.SmtpSettings``; or ``by_hand`` =
    (channel, date)); refused while a gag order is in force, naming its end date.

    Accounts already told are skipped. By email each message is recorded as it is accepted
    (its own transaction and audit event); an account without a valid address, or one the
    server refuses, stays due, and after the others were sent ``InvalidInput`` (no valid
    address) or ``ConsoleError`` (refused) names it; the exception's ``notices`` attribute holds
    the notices as they then stand. Returns every named account's notice."""
    _enforce("notify", None, operator)
    now = _now(now)
    if (settings is None) == (by_hand is None):
        raise InvalidInput(say("Notify by email (SMTP settings) or record a notice given by hand, one of the two."))
    email_settings: mailer.SmtpSettings | None = None
    if by_hand is not None:
        try:
            channel_raw, day = by_hand
        except (TypeError, ValueError):
            raise InvalidInput(say("A notice given by hand needs its channel and its date.")) from None
        channel = str(channel_raw or "").strip().lower()
        if channel not in NOTICE_CHANNELS:
            raise InvalidInput(
                say("Unknown notice channel {value!r}.", value=str(channel_raw or "")[:40]),
                hint=say("Use one of: {value}.", value=", ".join(NOTICE_CHANNELS)),
            )
        if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
            raise InvalidInput(say("The date the customer was told must be a date."))
        if day > now.date():
            raise InvalidInput(say("The date the customer was told ({day:%Y-%m-%d}) is in the future.", day=day))
    else:
        if not isinstance(settings, mailer.SmtpSettings):
            raise InvalidInput(say("Sending the notice by email needs the SMTP settings."), hint=say("Save the SMTP settings first."))
        email_settings = mailer.validate_settings(settings)
    with sessions.begin() as session:
        row = _row(session, request_id, lock=by_hand is not None)
        today = now.date()
        _enforce("notify", _info(session, row, now), operator, today=today)
        named = _accounts_of(session, [row.id])[row.id]
        if account_ids is not None:
            wanted = _account_ids(account_ids)
            unknown = sorted(set(wanted) - {a.account_id for a in named})
            if unknown:
                raise InvalidInput(
                    say("Request {request_id} does not name account {value}.", request_id=request_id, value=", ".join(map(str, unknown)))
                )
            named = [a for a in named if a.account_id in wanted]
        pending = [a for a in named if a.notified_at is None]
        if by_hand is not None:
            if day < _received_on(row):
                raise InvalidInput(
                    say(
                        "The date the customer was told ({day:%Y-%m-%d}) is before the request was received ({row:%Y-%m-%d}).",
                        day=day,
                        row=_received_on(row),
                    )
                )
            if row.gag_order and row.gag_until is not None and day <= row.gag_until:
                raise InvalidInput(
                    say(
                        "The date the customer was told ({day:%Y-%m-%d}) falls within the gag order, which ended on {gag_until:%Y-%m-%d}.",
                        day=day,
                        gag_until=row.gag_until,
                    ),
                    hint=say("Give the date the customer was actually told."),
                )
            told_at = now if day == today else max(_midnight(day), row.received_at)
            for a in pending:
                a.notified_at, a.notice_channel, a.notified_by, a.notice_reply = told_at, channel, operator.login, None
            if pending:
                _sync_notified(session, row)
                _event(
                    session,
                    operator,
                    "law_request.notify",
                    row.id,
                    now,
                    channel=channel,
                    by_hand=True,
                    told_on=day.isoformat(),
                    account_ids=[a.account_id for a in pending],
                )
            return tuple(_notice(row, a, now) for a in _accounts_of(session, [row.id])[row.id])
        # each owner's address is opened (audited) for this notice: the database allows it only for an
        # account named in the request and not yet told
        reader = PersonalReader(session, operator)
        existing = set(session.scalars(select(Account.id).where(Account.id.in_([p.account_id for p in pending]))))
        for account_id in sorted(existing):
            reader.open_for_notice(row.id, account_id)
        people = reader.entity(Account)
        owners = {a.id: a for a in session.scalars(select(people).where(people.id.in_(sorted(existing))))} if existing else {}
        compiled: dict[str, tuple[str, jinja2.Template, jinja2.Template]] = {}  # by the owner's language, read once
        messages: list[tuple[int, str, str, str]] = []  # account, address, subject, text
        invalid: list[str] = []
        for a in pending:
            owner = owners.get(a.account_id)
            try:
                if owner is None:
                    raise InvalidInput(say("the account no longer exists"))
                address = validate_email(owner.email)
            except InvalidInput as exc:
                invalid.append(f"account {a.account_id} ({exc.message if owner is not None else 'no such account'})")
                continue
            own = owner.language or Language.EN.value
            if own not in compiled:
                compiled[own] = _templates(own)
            language, subject_t, text_t = compiled[own]
            values = notice_values(row, owner, language)
            messages.append((a.account_id, address, " ".join(subject_t.render(**values).split()), text_t.render(**values)))
    refused: list[str] = []
    if messages:
        from minisip_console.core.campaign import RenderedEmail, build_message

        assert email_settings is not None  # messages are made only by email: the notice given by hand returned above
        smtp = mailer.connect(email_settings)
        domain = email_settings.from_address.rpartition("@")[2]
        try:
            for index, (account_id, address, subject, text) in enumerate(messages):
                message = build_message(
                    RenderedEmail(address, subject, text, ""), email_settings.from_address, msgid_domain=domain, now=now
                )
                try:
                    ok, reply = _send(smtp, email_settings.from_address, address, message)
                except (OSError, smtplib.SMTPException) as exc:
                    refused.extend(f"account {m[0]} (not sent: the connection was lost: {type(exc).__name__})" for m in messages[index:])
                    break
                if not ok:
                    refused.append(f"account {account_id} (the server refused it: {reply})")
                    continue
                with sessions.begin() as session:
                    row = _row(session, request_id, lock=True)
                    acc = session.scalar(
                        select(LawRequestAccount).where(
                            LawRequestAccount.request_id == request_id, LawRequestAccount.account_id == account_id
                        )
                    )
                    if acc is None or acc.notified_at is not None:
                        continue
                    acc.notified_at, acc.notice_channel, acc.notified_by, acc.notice_reply = now, "email", operator.login, reply[:2000]
                    session.flush()
                    _sync_notified(session, row)
                    _event(
                        session, operator, "law_request.notify", row.id, now, channel="email", account_ids=[account_id], reply=reply[:200]
                    )
        finally:
            mailer.close(smtp)
    with sessions() as session:
        row = _row(session, request_id)
        result = tuple(_notice(row, a, now) for a in _accounts_of(session, [row.id])[row.id])
    if invalid or refused:
        problems = "; ".join(invalid + refused)
        sent = sum(1 for n in result if n.state == "notified" and n.channel == "email" and n.notified_at == now)
        cls = InvalidInput if invalid else ConsoleError
        error = cls(
            say(
                "Not every customer of request {request_id} could be told by email: {problems}. Their notices stay due.",
                request_id=request_id,
                problems=problems,
            ),
            hint=counted(
                sent,
                say("{count} other notice was sent. Correct the address, or record a notice given by hand."),
                say("{count} other notices were sent. Correct the address, or record a notice given by hand."),
            ),
        )
        error.notices = result  # type: ignore[attr-defined]  # the notices as they stand, for the caller
        raise error
    return result


def list_requests(session: Session, *, now: dt.datetime | None = None) -> tuple[RequestSummary, ...]:
    now = _now(now)
    rows = session.scalars(
        select(LawEnforcementRequest).order_by(LawEnforcementRequest.received_at.desc(), LawEnforcementRequest.id.desc())
    ).all()
    accounts = _accounts_of(session, [r.id for r in rows])
    out = []
    for r in rows:
        named = accounts.get(r.id, [])
        out.append(
            RequestSummary(
                id=r.id,
                received_at=r.received_at,
                agency=r.agency,
                country=r.country or "",
                legal_process=r.legal_process,
                reference=r.reference or "",
                account_ids=tuple(a.account_id for a in named),
                decision=r.decision,
                compliance_scope=r.compliance_scope,
                notice_state=_worst(_notice(r, a, now) for a in named),
                gag_until=r.gag_until,
                gag_order=bool(r.gag_order),
            )
        )
    return tuple(out)


def get_request(session: Session, request_id: int, *, now: dt.datetime | None = None) -> RequestInfo:
    return _info(session, _row(session, request_id), _now(now))


# --------------------------------------------------------------------------- disclosures


def record_disclosure(
    sessions: sessionmaker[Session],
    operator: OperatorInfo,
    *,
    account_id: int,
    recipient: str,
    legal_basis: str,
    evidence: str,
    categories: Sequence[str],
    data_shared: str = "",
    request_id: int | None = None,
    disclosed_at: dt.datetime | None = None,
) -> DisclosureInfo:
    """Refused without a basis from DISCLOSURE_BASES and its evidence."""
    _enforce("disclosure", None, operator)
    basis = (legal_basis or "").strip().lower()
    if basis not in DISCLOSURE_BASES:
        raise InvalidInput(
            say("A disclosure needs a legal basis; {value!r} is not one.", value=str(legal_basis or "")[:40]),
            hint=say("Use one of: {value}.", value=", ".join(DISCLOSURE_BASES)),
        )
    evidence_ = validate_evidence(evidence)
    recipient_ = _line("recipient", recipient, required=True)
    chosen = _categories(categories, "data disclosed")
    shared = _paragraphs("description of the data shared", data_shared)
    now = utcnow()
    at = _now(disclosed_at) if disclosed_at is not None else now
    if at > now + dt.timedelta(minutes=5):
        raise InvalidInput(say("The disclosure's date {at:%Y-%m-%d %H:%M} is in the future.", at=at))
    if isinstance(account_id, bool) or not isinstance(account_id, int):
        raise InvalidInput(say("{value!r} is not an account number.", value=str(account_id)[:40]))
    with sessions.begin() as session:
        _check_accounts_exist(session, [account_id])
        if request_id is not None:
            _row(session, request_id)
        d = Disclosure(
            account_id=account_id,
            recipient=recipient_,
            legal_basis=basis,
            evidence=evidence_,
            data_shared=shared,
            law_enforcement_request_id=request_id,
            disclosed_at=at,
            recorded_by=operator.login,
            data_categories=",".join(chosen),
        )
        session.add(d)
        session.flush()
        audit.append(
            session,
            operator=operator.login,
            action="disclosure.record",
            target_type="disclosure",
            target_id=d.id,
            details={"account_id": account_id, "legal_basis": basis, "categories": list(chosen), "law_enforcement_request_id": request_id},
            at=now,
        )
        return _disclosure_info(d)


# --------------------------------------------------------------------------- report and checks


def transparency_report(session: Session, date_from: dt.date, date_to: dt.date, *, now: dt.datetime | None = None) -> TransparencyReport:
    """Requests RECEIVED from ``date_from`` to ``date_to`` (whole UTC days, both included), by
    country and legal process.

    Per row: the requests; the distinct accounts they name; how many were rejected, complied
    with fully or in part, or still open, as decided by the end of the period (or now, if
    sooner); of the complied ones, how many disclosed content data (CONTENT) and how many only
    non-content data; and per account named, whether its owner has been told (``customers_notified``)
    or the notice is held back by a gag order (``notices_gagged``), as of the same moment. The
    total row counts distinct accounts over every request.

    ``audit_head`` is the audit log's head read in the same session after the counts: what the
    report counts was recorded at or before it (``audit verify --expect-head`` checks it later)."""
    now = _now(now)
    for name, value in (("start", date_from), ("end", date_to)):
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            raise InvalidInput(say("The report's {name} must be a date.", name=name))
    if date_from > date_to:
        raise InvalidInput(
            say("The report's start ({date_from:%Y-%m-%d}) is after its end ({date_to:%Y-%m-%d}).", date_from=date_from, date_to=date_to)
        )
    start, end = _midnight(date_from), _midnight(date_to + dt.timedelta(days=1))
    as_of = min(end, now)
    rows = session.scalars(
        select(LawEnforcementRequest)
        .where(LawEnforcementRequest.received_at >= start, LawEnforcementRequest.received_at < end)
        .order_by(LawEnforcementRequest.id)
    ).all()
    accounts = _accounts_of(session, [r.id for r in rows])
    groups: dict[tuple[str, str], dict[str, Any]] = {}

    def empty() -> dict[str, Any]:
        return {
            "requests": 0,
            "accounts": set(),
            "rejected": 0,
            "complied_full": 0,
            "complied_partial": 0,
            "pending": 0,
            "content": 0,
            "non_content": 0,
            "customers_notified": 0,
            "notices_gagged": 0,
        }

    total = empty()
    for r in rows:
        g = groups.setdefault((r.country or "", r.legal_process), empty())
        named = accounts.get(r.id, [])
        decided = r.decision in (COMPLIED, REJECTED) and (r.decided_at is None or r.decided_at <= as_of)
        counts: dict[str, int] = {"requests": 1}
        if not decided:
            counts["pending"] = 1
        elif r.decision == REJECTED:
            counts["rejected"] = 1
        else:
            counts["complied_partial" if r.compliance_scope == "partial" else "complied_full"] = 1
            disclosed = _compliance_categories(session, r)
            counts["content" if set(disclosed) & CONTENT else "non_content"] = 1
        for a in named:
            state = _notice(r, a, as_of).state
            if state == "notified":
                counts["customers_notified"] = counts.get("customers_notified", 0) + 1
            elif state in ("gagged", "gag_review") and r.gag_order:
                counts["notices_gagged"] = counts.get("notices_gagged", 0) + 1
        for bucket in (g, total):
            for key, n in counts.items():
                bucket[key] += n
            bucket["accounts"].update(a.account_id for a in named)

    def as_row(country: str, process: str, b: dict[str, Any]) -> ReportRow:
        return ReportRow(country=country, legal_process=process, **{k: (len(v) if isinstance(v, set) else v) for k, v in b.items()})

    order = list(PROCESSES)
    keys = sorted(groups, key=lambda k: (k[0].casefold(), k[0], order.index(k[1]) if k[1] in order else len(order), k[1]))
    head = audit.head(session)  # after the counts: everything counted is at or before it
    return TransparencyReport(
        date_from,
        date_to,
        tuple(as_row(c, p, groups[(c, p)]) for c, p in keys),
        as_row("all", "all", total),
        now,
        audit_head=head.text if head else None,
    )


def report_fields() -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(ReportRow))


def write_report(report: TransparencyReport, path: Path) -> Path:
    """CSV or JSON by the file's suffix (anything else is refused).

    CSV: a header row of ReportRow's field names, a row per country and process, the total last;
    the total row ends with two more cells, ``audit_head`` and the head (``SEQ:HASH``; none for an
    empty log). Why there: a line of its own would be read as data by whoever sums the rows or
    looks for the one ``all`` row, and a column would repeat one value on every row and change
    the header, which readers match against ReportRow's fields. Beside the total, a spreadsheet
    shows it as the last cell of the last line, ready to copy, while readers keyed on the header
    (``csv.DictReader`` files it under None) or counting the lines see the rows as before; a
    reader that insists on rows of one length must be told to allow a longer last row.
    The CSV is the console's (``core.plumbing.files.CsvWriter``): every cell quoted, and a country (or any
    text) that a spreadsheet would take for a formula neutralised with a leading ``'``.
    JSON: one object {from, to, generated_at, audit_head, rows, total}. Written atomically
    (``core.plumbing.files.write_bytes``: a full disk or a read-only folder is a sentence, no file left)."""
    target = Path(path).expanduser()
    suffix = target.suffix.lower()
    if suffix not in (".csv", ".json"):
        raise InvalidInput(
            say("Cannot write a report as {value}.", value=suffix or "a file without an extension"),
            hint=say("Use a .csv or .json file name."),
        )
    target = files.check_target(target, example="a file name, e.g. report.csv")
    if suffix == ".csv":
        buffer = io.StringIO()
        writer = files.CsvWriter(buffer)
        writer.writerow(report_fields())
        for r in report.rows:
            writer.writerow(dataclasses.astuple(r))
        head = ("audit_head", report.audit_head) if report.audit_head else ()
        writer.writerow((*dataclasses.astuple(report.total), *head))
        data = buffer.getvalue().encode("utf-8")
    else:
        body = {
            "from": report.date_from.isoformat(),
            "to": report.date_to.isoformat(),
            "generated_at": jsontime.iso(report.generated_at),
            "audit_head": report.audit_head,
            "rows": [dataclasses.asdict(r) for r in report.rows],
            "total": dataclasses.asdict(report.total),
        }
        data = (json.dumps(body, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    return files.write_bytes(target, data)


def checks(session: Session, *, now: dt.datetime | None = None) -> LegalChecks:
    now = _now(now)
    rows = session.scalars(select(LawEnforcementRequest)).all()
    accounts = _accounts_of(session, [r.id for r in rows])
    complied_without_order = overdue = due = review = open_ = 0
    for r in rows:
        if r.decision == COMPLIED and (r.legal_process not in COMPLIABLE or r.court_order_checked_at is None):
            complied_without_order += 1
        if r.decision in OPEN:
            open_ += 1
        states = [_notice(r, a, now).state for a in accounts.get(r.id, [])]
        overdue += states.count("overdue")
        due += states.count("due")
        review += int("gag_review" in states)
    active = session.scalar(select(func.count()).select_from(LegalHold).where(holds.active_clause(now))) or 0
    bases = list(DISCLOSURE_BASES)
    without = 0
    for basis, evidence in session.execute(select(Disclosure.legal_basis, Disclosure.evidence)):
        if basis not in bases or len((evidence or "").strip()) == 0:
            without += 1
    return LegalChecks(complied_without_order, overdue, due, review, open_, int(active), without)
