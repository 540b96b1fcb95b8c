"""The demo database: a realistic Cloud miniSIPServer, with a console history to show.

Why one module of this size: it is data, not logic (the sample service and its console history,
written as one story so every tab has something true to show); nothing in the console imports it but --demo.

``create_demo`` upgrades a database to head and fills it with

- service data: accounts (created over the last three years, mostly active; one owner in
  ``ZH_CN_EVERY`` is written to in Chinese, so campaigns and notices show both templates), their PBX
  configurations (extensions, a trunk, a dial plan, IVR, voicemail, queues, ring groups, each
  with JSON settings), small real uploaded files in the file store (WAV greetings, IVR prompt
  texts, PNG logos) with matching metadata, support correspondence threads, survey responses,
  marketing page visits, marketing permissions and a site notice;
- CDRs with Asterisk-style values spread over the 90 days before ``now``, oldest first (ids
  follow time, as in a live PBX), so about two thirds are past the 30-day limit and the
  retention tab has work to show;
- console records, so every tab has something in it: operators (alice admin, bob operator,
  carol approver, dave viewer and the current login as admin), retention policies, purge
  receipts, deletion requests in several states, a legal hold, policy versions (1.0 published,
  1.1 a draft), the 1.0 notice campaign and its deliveries, law-enforcement requests,
  disclosures, access grants, and the audit events that record all of it.

The same seed and the same ``now`` give the same rows and files (Faker's data can change
between Faker releases). Faker is used per account; CDRs and page visits are drawn from pools
built once with a seeded ``random.Random``, because Faker per row would dominate the run time.

Every email address is under a reserved domain (``.example``, ``example.com``: RFC 2606) and
every phone number is from a fictional range (North American 555-01XX, Ofcom drama numbers),
so a campaign or a call placed against the demo never reaches a real person.

CDRs skip the ORM: they are generated as plain tuples (timestamps as naive-UTC text in the
form SQLAlchemy stores on SQLite, which PostgreSQL's COPY reads as well) and written in chunks
of ``CDR_CHUNK``, with one ``executemany`` per chunk on SQLite and one ``COPY`` on PostgreSQL.
Each chunk commits on its own; progress is reported and ``cancel`` is checked between chunks.
A cancelled demo is therefore partial (everything but some of the CDRs, and no ``demo.create``
audit event): re-create it with ``--force`` (``force=True``).
"""

from __future__ import annotations

import array
import functools
import hashlib
import io
import json
import math
import random
import re
import struct
import sys
import time
import unicodedata
import wave
import zlib
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from importlib import resources
from itertools import accumulate, cycle
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from faker import Faker
from sqlalchemy import Engine, func, insert, inspect, literal, select, text
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session

from minisip_console.core import audit
from minisip_console.core.deletion import certificate as deletion_certificate
from minisip_console.core.models import (
    SERVICE_TABLES,
    AccessGrant,
    Account,
    AccountStatus,
    Base,
    Cdr,
    ConfigKind,
    Configuration,
    DeletionRequest,
    DeletionScope,
    DeletionState,
    DeliveryState,
    Disclosure,
    Language,
    LawEnforcementRequest,
    LawRequestAccount,
    LawRequestDocument,
    LegalHold,
    MarketingPermission,
    NoticeCampaign,
    NoticeDelivery,
    NoticeDeliveryEvent,
    Operator,
    PageVisit,
    PolicyVersion,
    PurgeRun,
    RetentionPolicy,
    Role,
    SiteNotice,
    SupportMessage,
    SurveyResponse,
    UploadedFile,
)
from minisip_console.core.operators import current_login, mark_demo
from minisip_console.core.plumbing import db
from minisip_console.core.plumbing.errors import Cancelled, ConsoleError, InvalidInput
from minisip_console.core.plumbing.filestore import FileStore, default_root

if TYPE_CHECKING:
    import psycopg

DEFAULT_ACCOUNTS = 200
DEFAULT_CDRS = 20_000

#: CDRs written per transaction (and per progress report / cancel check)
CDR_CHUNK = 50_000
CDR_WINDOW = timedelta(days=90)
CDR_RETENTION = timedelta(days=30)
PAGE_VISITS_PER_ACCOUNT = 10
#: one account in this many is a Chinese-speaking owner's (``accounts.language`` zh_CN)
ZH_CN_EVERY = 5

#: the console's staff; the current OS login joins them as an admin
OPERATORS = (
    ("alice", "Alice Martin", Role.ADMIN),
    ("bob", "Bob Okafor", Role.OPERATOR),
    ("carol", "Carol Nguyen", Role.APPROVER),
    ("dave", "Dave Lindqvist", Role.VIEWER),
    # the OS login the scheduled (headless) purge runs under: a registered operator, so that
    # `minisip-console purge --scheduler` run by cron/systemd/launchd/Task Scheduler may purge
    ("svc-retention", "Scheduled retention (service account)", Role.OPERATOR),
)
SCHEDULER_LOGIN = "svc-retention"
SUPPORT_ADDRESS = "support@minisipserver.com"

Row = tuple[Any, ...]
Progress = Callable[[int, int, str], None]

# --------------------------------------------------------------------------- summary


@dataclass(frozen=True)
class DemoSummary:
    """What ``create_demo`` created."""

    seed: int
    now: datetime
    #: rows created per table, in schema order
    rows: Mapping[str, int]
    #: CDRs older than the 30-day limit at ``now``
    cdrs_past_retention: int
    files: int
    file_bytes: int
    file_store: Path
    seconds: float

    def as_dict(self) -> dict[str, Any]:
        return {
            "seed": self.seed,
            "now": self.now.isoformat(),
            "rows": dict(self.rows),
            "cdrs_past_retention": self.cdrs_past_retention,
            "files": self.files,
            "file_bytes": self.file_bytes,
            "file_store": str(self.file_store),
            "seconds": round(self.seconds, 3),
        }

    def describe(self) -> str:
        r = self.rows
        service = ", ".join(
            f"{r[table]:,} {label}"
            for table, label in (
                ("support_messages", "support messages"),
                ("survey_responses", "survey responses"),
                ("page_visits", "page visits"),
                ("marketing_permissions", "marketing permissions"),
            )
        )
        console = ", ".join(f"{table.replace('_', ' ')} {count:,}" for table, count in r.items() if table in _CONSOLE_TABLES)
        return "\n".join(
            (
                f"  {r['accounts']:,} accounts, {r['configurations']:,} configurations, "
                f"{self.files:,} uploaded files ({self.file_bytes / 1024:,.0f} KiB in {self.file_store})",
                f"  {r['cdrs']:,} CDRs over the last {CDR_WINDOW.days} days "
                f"({self.cdrs_past_retention:,} past the {CDR_RETENTION.days}-day limit)",
                f"  {service}",
                f"  console: {console}",
                f"  seed {self.seed}, now {self.now:%Y-%m-%d %H:%M} UTC, {self.seconds:.1f} s",
            )
        )


_CONSOLE_TABLES = frozenset(table.name for table in Base.metadata.sorted_tables) - SERVICE_TABLES


# --------------------------------------------------------------------------- entry point


def create_demo(
    url: str | URL,
    *,
    accounts: int = DEFAULT_ACCOUNTS,
    cdrs: int = DEFAULT_CDRS,
    seed: int = 1,
    force: bool = False,
    now: datetime | None = None,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> DemoSummary:
    """Create the schema at head in ``url`` and fill it with a demo (see the module docstring).

    A database that already holds data is refused (``ConsoleError``) unless ``force``, which
    empties every table of the schema and removes the stored files its ``uploaded_files`` name.
    ``now`` (aware; default the current time, to the second) anchors every timestamp.
    ``progress(done, total, what)`` is called per phase and per CDR chunk; ``cancel()`` is
    checked between them and raises ``Cancelled``, leaving a partial demo whose committed
    chunks are consistent (re-create it with ``force=True``).
    """
    started = time.perf_counter()
    if accounts < 1:
        raise InvalidInput("A demo needs at least one account.")
    if cdrs < 0:
        raise InvalidInput("The number of CDRs cannot be negative.")
    if now is None:
        now = datetime.now(UTC).replace(microsecond=0)
    elif now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    now = now.astimezone(UTC)
    report = progress or _no_progress
    stop = cancel or _never

    url = db.parse_url(url)
    store = FileStore(default_root(url))
    engine = db.make_engine(url)
    try:
        if not force:
            _refuse_data(engine, url)
        db.upgrade(engine)
        _clear(engine, store, url)
        _check_cancel(stop, "before any data was written")
        with db.translated(url), Session(engine) as session, session.begin():
            mark_demo(session)  # even a cancelled, partial demo is the demo
            builder = _Builder(session, store, seed=seed, now=now, report=report)
            builder.build(accounts)
        maker = builder.cdr_maker(cdrs)
        _insert_cdrs(engine, maker, cdrs, report, stop)
        with db.translated(url), Session(engine) as session, session.begin():
            audit.append(
                session,
                operator=current_login(),
                action="demo.create",
                target_type="database",
                details={"seed": seed, "accounts": accounts, "cdrs": cdrs},
                at=now,
            )
            rows = _row_counts(session)
    finally:
        engine.dispose()
    return DemoSummary(
        seed=seed,
        now=now,
        rows=rows,
        cdrs_past_retention=maker.past_retention,
        files=builder.files,
        file_bytes=builder.file_bytes,
        file_store=store.root,
        seconds=time.perf_counter() - started,
    )


def _no_progress(done: int, total: int, what: str) -> None:
    """The default progress callback: report nothing."""


def _never() -> bool:
    return False


def _check_cancel(cancel: Callable[[], bool], where: str) -> None:
    if cancel():
        raise Cancelled(
            f"Demo creation cancelled {where}; the database holds a partial demo.",
            hint="Re-create it with --force.",
        )


def _refuse_data(engine: Engine, url: URL) -> None:
    """Raise ``ConsoleError`` if any table of the schema that exists already holds a row.

    Checked before the schema is upgraded, so a refused run changes nothing.
    """
    with db.translated(url), engine.connect() as conn:
        existing = set(inspect(conn).get_table_names())
        held = [
            t.name
            for t in Base.metadata.sorted_tables
            if t.name in existing and conn.execute(select(literal(1)).select_from(t).limit(1)).first()
        ]
    if held:
        raise ConsoleError(f"{db.describe(url)} already holds data (in {', '.join(held)}).", hint="use --force to replace it")


def _clear(engine: Engine, store: FileStore, url: URL) -> None:
    """Empty every table of the schema (FK-safe) and remove the files ``uploaded_files`` names.

    On PostgreSQL one ``TRUNCATE ... RESTART IDENTITY`` also resets the id sequences (SQLite
    reuses ids of an empty table by itself), so a re-created demo gets the same ids.
    """
    tables = Base.metadata.sorted_tables
    with db.translated(url), engine.begin() as conn:
        stored = [*conn.scalars(select(UploadedFile.storage_path)), *conn.scalars(select(LawRequestDocument.storage_path))]
        if conn.dialect.name == "postgresql":
            names = ", ".join(conn.dialect.identifier_preparer.format_table(t) for t in tables)
            # the audit log's trigger refuses TRUNCATE except to the schema owner re-creating a demo
            conn.execute(text("SELECT set_config('minisip.reset_demo', 'on', true)"))
            conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY"))
        else:
            for table in reversed(tables):
                conn.execute(table.delete())
    for storage_path in stored:
        store.path_of(storage_path).unlink(missing_ok=True)


def _row_counts(session: Session) -> dict[str, int]:
    return {t.name: session.scalar(select(func.count()).select_from(t)) or 0 for t in Base.metadata.sorted_tables}


# --------------------------------------------------------------------------- service and console data


@dataclass
class _Account:
    """What the builder remembers of one account while it adds the rows that refer to it."""

    id: int
    name: str
    email: str
    company: str | None
    status: str
    created_at: datetime
    code: str  # the tenant code: Asterisk accountcode and dial-plan context prefix
    extensions: list[tuple[str, str]] = field(default_factory=list)  # (number, user's name)
    dids: list[str] = field(default_factory=list)
    trunk: str = ""
    queue: str | None = None
    configs: dict[str, list[int]] = field(default_factory=dict)  # kind -> configuration ids
    tickets: list[str] = field(default_factory=list)
    language: str = Language.EN.value


@dataclass(frozen=True)
class _Event:
    """An audit event to append once every row exists (they are appended in time order)."""

    at: datetime
    operator: str
    action: str
    target_type: str
    target_id: int | str
    details: Mapping[str, Any]
    #: called with the log's head just before the event is appended; returns details to add (a
    #: certificate carries the head it was made under, and its hash is in this event)
    before: Callable[[audit.Head | None], Mapping[str, Any]] | None = None
    #: called with the event once appended (a purge receipt carries the head of its own event)
    after: Callable[[audit.Appended], None] | None = None


#: accounts the console story happens to (several roles share an account in a small demo)
STORY_ROLES = (
    "deletion_received",
    "deletion_approved",
    "deletion_completed",
    "deletion_rejected",
    "law_rejected",
    "law_complied",
    "disclosure_permission",
    "access_expired",
    "access_active",
)
#: support topics: (subject, the customer's message, support's reply); {ext} is an extension
TOPICS: dict[str, tuple[str, str, str]] = {
    "one_way_audio": (
        "One-way audio on outside calls",
        "Since this morning callers from outside can hear us but we cannot hear them. "
        "Extension {ext} is affected, internal calls are fine.",
        "Thank you for the report. Your trunk was sending media from a private address; we enabled "
        "symmetric RTP on it. Could you try a call and tell us whether the audio now works both ways?",
    ),
    "registration": (
        "Extension {ext} will not register",
        "The desk phone on extension {ext} shows 'No service' since we changed the password.",
        "The phone is still sending the old password, so the server blocked it after five failures. "
        "We lifted the block; please enter the new password on the phone and restart it.",
    ),
    "voicemail_email": (
        "Voicemail emails are not arriving",
        "New voicemails for mailbox {ext} no longer reach us by email. They are in the mailbox.",
        "Your mail server rejected our messages because of their attachment size. We switched the "
        "mailbox to send a link instead of the audio file.",
    ),
    "ivr_greeting": (
        "How do I replace the IVR greeting?",
        "We want to record a new greeting for our main menu. What format does the upload need?",
        "Upload a WAV file, 8 kHz or 16 kHz, mono, under 10 MB, in Configuration > IVR > Prompt. "
        "The menu uses it as soon as the upload finishes.",
    ),
    "queue": (
        "Calls in the queue ring only one phone",
        "Our queue should ring every agent, but only extension {ext} rings.",
        "The queue strategy was set to 'linear'. We changed it to 'ringall' as you described; every logged-in member rings now.",
    ),
    "invoice": (
        "Question about our invoice",
        "Our last invoice lists two more extensions than we use. Can you check?",
        "Two extensions were created by your dial-plan import and never used. We removed them and "
        "credited the difference on your next invoice.",
    ),
    "delete_configurations": (
        "Please delete our PBX configuration",
        "We are moving our phones to another provider. Please delete all our configurations, greetings and prompts.",
        "We opened a deletion request for your configurations. A second operator approves it, then "
        "everything is deleted and we send you a deletion certificate.",
    ),
    "delete_account": (
        "Delete the account",
        "Please delete this account and everything in it.",
        "This request did not come from the account owner's registered address. Please send it from "
        "that address, or ask the owner to confirm it.",
    ),
    "crm_integration": (
        "Connect our CRM to call records",
        "Please send our call records to our CRM provider so calls show up on customer records. We agree to sharing them for this.",
        "Done: with your permission we share your call records with your CRM provider. You can withdraw the permission at any time.",
    ),
}
GENERAL_TOPICS = ("one_way_audio", "registration", "voicemail_email", "ivr_greeting", "queue", "invoice")
STORY_TOPICS = {
    "deletion_received": "delete_configurations",
    "deletion_approved": "delete_configurations",
    "deletion_completed": "delete_configurations",
    "deletion_rejected": "delete_account",
    "disclosure_permission": "crm_integration",
    "access_expired": "one_way_audio",
    "access_active": "registration",
}
FOLLOW_UPS = (
    ("Thanks, that fixed it.", "Glad to hear it. We are closing this ticket; reply to reopen it."),
    ("It works now, thank you!", "Thank you for confirming. This ticket is now closed."),
)
TRUNK_PROVIDERS = ("telnyx", "flowroute", "voipms", "sipgate", "bandwidth")
CODECS = (["opus", "g722", "ulaw"], ["g722", "ulaw", "alaw"], ["ulaw", "alaw"])
SURVEY_COMMENTS = (
    "Setup took less than an hour.",
    "The IVR editor could be easier to use.",
    "Support answered within minutes.",
    "Call quality is great on our trunk.",
    "Would like a mobile app for extensions.",
    "",
)
PAGES = (
    ("/", 30),
    ("/pricing", 18),
    ("/features", 10),
    ("/features/ivr", 6),
    ("/features/call-queues", 5),
    ("/features/voicemail-to-email", 5),
    ("/docs/getting-started", 8),
    ("/blog/sip-trunking-explained", 6),
    ("/blog/moving-from-an-on-premise-pbx", 5),
    ("/signup", 7),
)
REFERRERS = (
    ("", 40),
    ("https://www.google.com/", 30),
    ("https://duckduckgo.com/", 8),
    ("https://www.bing.com/", 6),
    ("https://news.ycombinator.com/", 4),
    ("https://www.linkedin.com/", 6),
    ("https://www.reddit.com/r/VOIP/", 6),
)
US_AREA_CODES = (
    "202",
    "212",
    "303",
    "305",
    "312",
    "404",
    "415",
    "503",
    "512",
    "602",
    "617",
    "646",
    "702",
    "713",
    "720",
    "818",
    "832",
    "917",
    "919",
    "971",
)
POLICY_1_1_CHANGE = (
    "CDR records will also be deleted automatically in 30 days.",
    "CDR records will also be deleted automatically in 30 days, and statistics about visits to our marketing pages after 13 months.",
)


def _fictional_numbers() -> list[str]:
    """Phone numbers reserved for fiction: North American 555-0100..0199, Ofcom drama ranges."""
    us = [f"+1{area}55501{d:02d}" for area in US_AREA_CODES for d in range(100)]
    uk = [f"+44{prefix}{d:03d}" for prefix in ("2079460", "1614960") for d in range(1000)]
    return us + uk


class _Builder:
    """Adds the service and console rows of one demo, in the caller's transaction."""

    def __init__(self, session: Session, store: FileStore, *, seed: int, now: datetime, report: Progress) -> None:
        self.session = session
        self.store = store
        self.now = now
        self.seed = seed
        self.report = report
        self.rng = random.Random(f"minisip-demo:{seed}")
        self.fake = Faker("en_US")
        self.fake.seed_instance(seed)
        numbers = _fictional_numbers()
        self.rng.shuffle(numbers)
        #: DIDs: unique up to the 4,000 fictional numbers, then they repeat
        self.dids = cycle(numbers)
        self.accounts: list[_Account] = []
        self.story: dict[str, _Account] = {}
        self.events: list[_Event] = []
        self.story_tickets: dict[str, str] = {}
        self.deleted_configurations = 0
        self.files = 0
        self.file_bytes = 0
        self._ticket_seq = 0

    # ---- orchestration

    def build(self, accounts: int) -> None:
        self.add_accounts(accounts)
        self.report(accounts, accounts, "accounts")
        self.add_configurations()
        self.add_files()
        self.report(self.files, self.files, "files")
        self.add_correspondence()
        self.add_surveys()
        self.add_page_visits()
        self.add_marketing_permissions()
        self.add_console_records()
        self.append_events()

    def cdr_maker(self, total: int) -> _CdrMaker:
        """The generator of this demo's ``total`` CDRs (call after ``build``)."""
        caller_names = [self.fake.name() for _ in range(400)]  # outside callers' caller id
        return _CdrMaker(self._tenants(), caller_names, total=total, now=self.now, seed=self.seed)

    def _tenants(self) -> list[_Tenant]:
        return [
            _Tenant(
                account_id=a.id,
                code=a.code,
                extensions=tuple((number, f'"{name}" <{number}>') for number, name in a.extensions),
                trunk=a.trunk,
                dids=tuple(a.dids),
                queue=a.queue,
                internal_context=f"{a.code}-internal",
                trunk_context=f"{a.code}-from-trunk",
            )
            for a in self.accounts
        ]

    # ---- helpers

    def _ago(self, days: float = 0, **kwargs: float) -> datetime:
        return self.now - timedelta(days=days, **kwargs)

    def _between(self, start: datetime, end: datetime) -> datetime:
        span = max((end - start).total_seconds(), 0)
        return start + timedelta(seconds=int(self.rng.random() * span))

    def _insert(self, model: type[Base], rows: Sequence[Mapping[str, Any]]) -> list[int]:
        """Insert ``rows`` (bulk, through the ORM table so types apply); their ids in order."""
        if not rows:
            return []
        stmt = insert(model).returning(model.__table__.c.id, sort_by_parameter_order=True)
        return list(self.session.scalars(stmt, rows))

    def _event(
        self,
        at: datetime,
        operator: str,
        action: str,
        target_type: str,
        target_id: int | str,
        *,
        before: Callable[[audit.Head | None], Mapping[str, Any]] | None = None,
        after: Callable[[audit.Appended], None] | None = None,
        **details: Any,
    ) -> None:
        self.events.append(_Event(at, operator, action, target_type, target_id, details, before, after))

    def _next_ticket(self) -> str:
        self._ticket_seq += 1
        return f"SUP-{self._ticket_seq:06d}"

    # ---- service data

    def add_accounts(self, count: int) -> None:
        rng, fake = self.rng, self.fake
        first_created = self._ago(3 * 365)
        created = sorted([first_created] + [self._between(first_created, self._ago(1)) for _ in range(count - 1)])
        taken: set[str] = set()
        rows: list[dict[str, Any]] = []
        for index, created_at in enumerate(created):
            first, last = fake.first_name(), fake.last_name()
            company = fake.company() if rng.random() < 0.75 else None
            status = rng.choices((AccountStatus.ACTIVE, AccountStatus.SUSPENDED, AccountStatus.CLOSED), cum_weights=(85, 93, 100))[0]
            rows.append(
                {
                    "name": f"{first} {last}",
                    "email": _unique_email(first, last, company, rng, taken),
                    "company": company,
                    "status": status.value,
                    "created_at": created_at,
                    # one owner in ZH_CN_EVERY reads Chinese: the campaigns and notices show both languages
                    # (by position, not drawn: the other values stay what the seed gave before)
                    "language": (Language.ZH_CN if index % ZH_CN_EVERY == ZH_CN_EVERY // 2 else Language.EN).value,
                }
            )
        for account_id, row in zip(self._insert(Account, rows), rows, strict=True):
            self.accounts.append(_Account(id=account_id, code=f"T{account_id:05d}", **row))
        # story accounts are old enough for a history of tickets and requests
        candidates = [a for a in self.accounts if a.created_at < self._ago(200)] or self.accounts[:1]
        chosen = rng.sample(candidates, min(len(candidates), len(STORY_ROLES)))
        self.story = {role: chosen[i % len(chosen)] for i, role in enumerate(STORY_ROLES)}

    def add_configurations(self) -> None:
        """Extensions, a trunk and a dial plan per account, and some of IVR, voicemail, queue, ring group.

        The account of the completed deletion request has none left: that is what it deleted.
        """
        rng, fake = self.rng, self.fake
        deleted = self.story["deletion_completed"]
        rows: list[dict[str, Any]] = []
        owners: list[tuple[_Account, str]] = []
        for account in self.accounts:
            account.extensions = [(str(1001 + i), account.name if i == 0 else fake.name()) for i in range(rng.randint(2, 6))]
            account.dids = [next(self.dids) for _ in range(rng.randint(1, 3))]
            provider = rng.choice(TRUNK_PROVIDERS)
            account.trunk = f"{account.code}-{provider}"
            numbers = [number for number, _ in account.extensions]
            pieces = [
                (ConfigKind.EXTENSION, f"{number} {name}", _extension_settings(rng, number, name)) for number, name in account.extensions
            ]
            pieces.append((ConfigKind.TRUNK, f"{provider} trunk", _trunk_settings(rng, account, provider)))
            pieces.append((ConfigKind.DIAL_PLAN, "Outbound routes", _dial_plan_settings(account)))
            if rng.random() < 0.5:
                pieces.append((ConfigKind.IVR, "Main menu", _ivr_settings(numbers)))
            if rng.random() < 0.7:
                pieces.append((ConfigKind.VOICEMAIL, f"Mailbox {numbers[0]}", _voicemail_settings(rng, numbers[0])))
            if rng.random() < 0.3:
                account.queue = "sales"
                pieces.append((ConfigKind.QUEUE, "Sales queue", _queue_settings(rng, numbers)))
            if rng.random() < 0.3:
                pieces.append((ConfigKind.RING_GROUP, "Office", _ring_group_settings(numbers)))
            if account is deleted:
                self.deleted_configurations = len(pieces)
                continue
            for kind, name, settings in pieces:
                created_at = self._between(account.created_at, account.created_at + timedelta(days=7))
                rows.append(
                    {
                        "account_id": account.id,
                        "kind": kind.value,
                        "name": name,
                        "settings": json.dumps(settings, sort_keys=True),
                        "created_at": created_at,
                        "updated_at": self._between(created_at, self.now),
                    }
                )
                owners.append((account, kind.value))
        for config_id, (account, kind_value) in zip(self._insert(Configuration, rows), owners, strict=True):
            account.configs.setdefault(kind_value, []).append(config_id)

    def add_files(self) -> None:
        """Real files for about a third of the accounts: WAV greetings, IVR prompts, PNG logos."""
        rng = self.rng
        with_configs = [a for a in self.accounts if a.configs]
        rows = []
        for account in rng.sample(with_configs, max(1, len(with_configs) * 3 // 10)) if with_configs else []:
            files: list[tuple[str, str, int | None, bytes]] = []
            if ConfigKind.VOICEMAIL.value in account.configs:
                mailbox = account.extensions[0][0]
                tone = 330 + rng.randrange(0, 400, 10)
                files.append((f"greeting-{mailbox}.wav", "audio/wav", account.configs["voicemail"][0], _wav(tone)))
            if ConfigKind.IVR.value in account.configs:
                files.append(("ivr-main-prompt.txt", "text/plain", account.configs["ivr"][0], _ivr_prompt(account).encode()))
            if not files or rng.random() < 0.5:
                files.append(("logo.png", "image/png", None, _png_logo(rng)))
            for filename, content_type, config_id, content in files:
                storage_path = f"accounts/{account.id}/{filename}"
                rows.append(
                    {
                        "account_id": account.id,
                        "configuration_id": config_id,
                        "filename": filename,
                        "content_type": content_type,
                        "size_bytes": len(content),
                        "sha256": self.store.write(storage_path, content),
                        "storage_path": storage_path,
                        "uploaded_at": self._between(account.created_at, self.now),
                    }
                )
                self.files += 1
                self.file_bytes += len(content)
        self._insert(UploadedFile, rows)

    def add_correspondence(self) -> None:
        """Support threads for about 40% of the accounts, and one for each story that needs a ticket."""
        rng = self.rng
        threads: list[tuple[datetime, _Account, str]] = []
        for account in self.accounts:
            if rng.random() < 0.4:
                for _ in range(rng.randint(1, 3)):
                    opened = self._between(account.created_at, self._ago(1))
                    threads.append((opened, account, rng.choice(GENERAL_TOPICS)))
        story_days = {
            "deletion_received": 2,
            "deletion_approved": 7,
            "deletion_completed": 41,
            "deletion_rejected": 26,
            "disclosure_permission": 102,
            "access_expired": 13,
            "access_active": 0.1,
        }
        story_threads: dict[str, tuple[datetime, _Account, str]] = {}
        for role, topic in STORY_TOPICS.items():
            story_threads[role] = (self._ago(story_days[role]), self.story[role], topic)
        threads.extend(story_threads.values())
        threads.sort(key=lambda thread: (thread[0], thread[1].id, thread[2]))
        refs: dict[tuple[datetime, int, str], str] = {}
        rows = []
        for opened, account, topic in threads:
            ref = self._next_ticket()
            refs[(opened, account.id, topic)] = ref
            account.tickets.append(ref)
            rows.extend(self._thread(ref, opened, account, topic))
        self.story_tickets = {role: refs[(t[0], t[1].id, t[2])] for role, t in story_threads.items()}
        self._insert(SupportMessage, rows)

    def _thread(self, ref: str, opened: datetime, account: _Account, topic: str) -> list[dict[str, Any]]:
        rng = self.rng
        subject, question, answer = TOPICS[topic]
        ext = rng.choice(account.extensions)[0]
        subject = subject.format(ext=ext)
        signature = f"{rng.choice(('Alice', 'Bob'))}, miniSIPServer support"
        messages = [
            ("inbound", account.email, subject, f"Hello,\n\n{question.format(ext=ext)}\n\n{account.name}"),
            ("outbound", SUPPORT_ADDRESS, f"Re: {subject}", f"Hello {account.name.split()[0]},\n\n{answer}\n\n{signature}"),
        ]
        if topic in GENERAL_TOPICS and rng.random() < 0.6:
            thanks, closing = rng.choice(FOLLOW_UPS)
            messages.append(("inbound", account.email, f"Re: {subject}", f"{thanks}\n\n{account.name}"))
            messages.append(("outbound", SUPPORT_ADDRESS, f"Re: {subject}", f"{closing}\n\n{signature}"))
        sent_at = opened
        rows = []
        for direction, sender, subject_line, body in messages:
            rows.append(
                {
                    "account_id": account.id,
                    "ticket_ref": ref,
                    "direction": direction,
                    "from_address": sender,
                    "subject": subject_line,
                    "body": body,
                    "sent_at": min(sent_at, self.now),
                }
            )
            sent_at += timedelta(minutes=rng.randint(20, 600))
        return rows

    def add_surveys(self) -> None:
        """Onboarding and NPS answers from about 30% of the accounts, and a few anonymous ones."""
        rng = self.rng
        rows = []
        respondents: list[_Account | None] = [a for a in self.accounts if rng.random() < 0.3]
        respondents += [None] * max(1, len(self.accounts) // 10)
        for account in respondents:
            start = account.created_at if account else self._ago(3 * 365)
            if rng.random() < 0.5:
                survey = "onboarding"
                answers = {"ease_of_setup": rng.randint(1, 5), "time_to_first_call": rng.choice(("<1h", "1-4h", ">4h"))}
            else:
                survey = "nps"
                answers = {"score": rng.choices(range(11), weights=(1, 1, 1, 1, 2, 3, 4, 6, 9, 10, 8))[0]}
            answers["comment"] = rng.choice(SURVEY_COMMENTS)
            rows.append(
                {
                    "account_id": account.id if account else None,
                    "survey": survey,
                    "answers": json.dumps(answers, sort_keys=True),
                    "submitted_at": self._between(start, self.now),
                }
            )
        self._insert(SurveyResponse, rows)

    def add_page_visits(self) -> None:
        """Visits over the last 450 days (some past the 395-day limit); a fifth by signed-in customers."""
        rng = self.rng
        count = len(self.accounts) * PAGE_VISITS_PER_ACCOUNT
        anonymous = [f"{rng.getrandbits(128):032x}" for _ in range(count // 4)]
        signed_up = rng.sample(self.accounts, len(self.accounts) // 2 or 1)
        customers = [(f"{rng.getrandbits(128):032x}", a.id) for a in signed_up]
        paths = rng.choices([p for p, _ in PAGES], weights=[w for _, w in PAGES], k=count)
        referrers = rng.choices([r for r, _ in REFERRERS], weights=[w for _, w in REFERRERS], k=count)
        window = timedelta(days=450).total_seconds()
        rows: list[dict[str, Any]] = []
        for path, referrer in zip(paths, referrers, strict=True):
            visitor_id, account_id = rng.choice(customers) if rng.random() < 0.2 else (rng.choice(anonymous), None)
            rows.append(
                {
                    "account_id": account_id,
                    "visitor_id": visitor_id,
                    "path": path,
                    "referrer": referrer,
                    "variant": rng.choice(("pricing-a", "pricing-b")) if path == "/pricing" else "",
                    "visited_at": self.now - timedelta(seconds=int(rng.random() * window)),
                }
            )
        rows.sort(key=lambda row: row["visited_at"])
        self.session.execute(insert(PageVisit.__table__), rows)  # Core: no ORM per-row work

    def add_marketing_permissions(self) -> None:
        """Decisions for about 15% of the accounts: granted with evidence, or refused."""
        rng = self.rng
        rows = []
        for account in rng.sample(self.accounts, max(1, len(self.accounts) * 15 // 100)):
            decided_at = self._between(account.created_at, self.now)
            if rng.random() < 0.65:
                evidence = rng.choice(
                    (
                        f"signed case-study release REL-{decided_at:%Y}-{rng.randint(1, 99):03d}",
                        f"written approval by email, filed under {account.tickets[0]}"
                        if account.tickets
                        else f"signed logo-use agreement LOGO-{decided_at:%Y}-{rng.randint(1, 99):03d}",
                    )
                )
                granted = True
            else:
                evidence = rng.choice(("declined in the onboarding survey", "declined by phone; noted by sales"))
                granted = False
            rows.append({"account_id": account.id, "granted": granted, "decided_at": decided_at, "evidence": evidence})
        self._insert(MarketingPermission, rows)

    # ---- console records

    def add_console_records(self) -> None:
        operators = self._operators()
        self._retention_policies()
        self._purge_runs()
        self._policy_versions_and_notices()
        law = self._law_enforcement()
        self._disclosures(law)
        self._deletion_requests()
        self._access_grants(operators)

    def _operators(self) -> dict[str, Operator]:
        staff = list(OPERATORS)
        me = current_login()
        if me not in {login for login, _, _ in staff}:
            staff.append((me, me, Role.ADMIN))
        operators = {
            login: Operator(login=login, display_name=display_name, role=role.value, active=True, created_at=self._ago(400 - 30 * i))
            for i, (login, display_name, role) in enumerate(staff)
        }
        self.session.add_all(operators.values())
        self.session.flush()
        for login, operator in operators.items():
            self._event(operator.created_at, "alice", "operator.add", "operator", operator.id, login=login, role=operator.role)
        return operators

    def _retention_policies(self) -> None:
        at = self._ago(398)
        review_by = (self.now + timedelta(days=120)).date()
        policies = [
            RetentionPolicy(category="cdr", days=CDR_RETENTION.days, target_table="cdrs", timestamp_column="start"),
            RetentionPolicy(category="correspondence", days=730, target_table="support_messages", timestamp_column="sent_at"),
            RetentionPolicy(
                category="survey", days=None, review_by=review_by, target_table="survey_responses", timestamp_column="submitted_at"
            ),
            RetentionPolicy(category="page_visit", days=395, target_table="page_visits", timestamp_column="visited_at"),
        ]
        for policy in policies:
            policy.updated_at, policy.updated_by = at, "alice"
        self.session.add_all(policies)
        self.session.flush()
        for policy in policies:
            self._event(
                at,
                "alice",
                "retention.set",
                "retention_policy",
                policy.id,
                category=policy.category,
                days=policy.days,
                review_by=review_by.isoformat() if policy.review_by else None,
            )

    def _purge_runs(self) -> None:
        """Two past receipts; the scheduler has not run since, so old CDRs have piled up."""
        per_day = len(self.accounts) * 3
        runs = []
        history = ((75, "bob", "operator", 45), (61, SCHEDULER_LOGIN, "scheduler", 14))
        for days_ago, login, trigger, days_purged in history:
            started = self._ago(days_ago)
            cutoff = started - CDR_RETENTION
            runs.append(
                PurgeRun(
                    category="cdr",
                    state="completed",
                    cutoff=cutoff,
                    dry_run=False,
                    started_at=started,
                    finished_at=started + timedelta(seconds=3),
                    started_by=login,
                    trigger=trigger,
                    rows_deleted=per_day * days_purged,
                    oldest_deleted=cutoff - timedelta(days=days_purged),
                    newest_deleted=cutoff - timedelta(seconds=40),
                    verified=True,
                    oldest_remaining=cutoff + timedelta(seconds=25),
                    target_table="cdrs",
                    timestamp_column="start",
                    rows_estimated=per_day * days_purged,
                    batches=1,
                    duration_ms=3000,
                    host="ops-1" if trigger == "operator" else "pbx-sched-1",
                )
            )
        self.session.add_all(runs)
        self.session.flush()
        for run in runs:

            def receipt_head(event: audit.Appended, run: PurgeRun = run) -> None:
                run.audit_head = audit.Head(event.seq, event.hash).text  # as a purge records it: the head after its own event

            self._event(
                run.started_at + timedelta(seconds=3),
                run.started_by,
                "purge.run",
                "purge_run",
                run.id,
                category=run.category,
                trigger=run.trigger,
                rows_deleted=run.rows_deleted,
                verified=True,
                after=receipt_head,
            )

    def _policy_versions_and_notices(self) -> None:
        """1.0 published with an email campaign (a few failures, hence a site notice); 1.1 a draft."""
        rng = self.rng
        text_v1 = (resources.files("minisip_console.resources") / "policy" / "privacy-policy-v1.txt").read_text("utf-8")
        published = self._ago(185)
        effective = (published + timedelta(days=30)).date()
        v1 = PolicyVersion(
            number="1.0",
            effective_date=effective,
            text=text_v1,
            significant=True,
            published_at=published,
            summary="First published policy: access, files, marketing, sharing, law enforcement, deletion.",
            created_at=self._ago(200),
            significance_by="alice",
            significance_at=published - timedelta(hours=2),
            published_by="alice",
        )
        v11 = PolicyVersion(
            number="1.1",
            effective_date=(self.now + timedelta(days=45)).date(),
            text=text_v1.replace(*POLICY_1_1_CHANGE),
            summary="Marketing page statistics are deleted after 13 months.",
            significant=None,
            published_at=None,
            created_at=self._ago(3),
        )
        self.session.add_all([v1, v11])
        self.session.flush()
        started, finished = published + timedelta(minutes=5), published + timedelta(hours=2)
        campaign = NoticeCampaign(
            policy_version_id=v1.id,
            subject="We have updated our privacy policy",
            body_text=f"Hello,\n\nWe have published version 1.0 of our privacy policy. It takes effect on "
            f"{effective:%d %B %Y}. You can read it at https://www.minisipserver.com/privacy.\n\n"
            "The miniSIPServer team",
            state="completed",
            created_by="alice",
            created_at=published,
            started_at=started,
            finished_at=finished,
        )
        self.session.add(campaign)
        self.session.flush()
        # every account that existed when the campaign ran (later ones signed up under 1.0);
        # a few addresses failed for good and one bounced: hence the site notice
        recipients = [a for a in self.accounts if a.created_at < published]
        states = [DeliveryState.SENT] * len(recipients)
        unlucky = rng.sample(range(len(recipients)), min(len(recipients), 2 + len(recipients) // 30))
        for i in unlucky[1:]:
            states[i] = DeliveryState.FAILED
        if unlucky:
            states[unlucky[0]] = DeliveryState.BOUNCED
        replies = {
            DeliveryState.SENT: "250 2.0.0 Ok: queued",
            DeliveryState.FAILED: "550 5.1.1 Recipient address rejected: User unknown in virtual mailbox table",
            DeliveryState.BOUNCED: "bounce received: 552 5.2.2 Mailbox full",
        }
        rows = [
            {
                "policy_version_id": v1.id,
                "campaign_id": campaign.id,
                "account_id": account.id,
                "state": state.value,
                "attempts": 1 if state is DeliveryState.SENT else 3,
                "last_reply": replies[state],
                "next_attempt_at": None,
                "updated_at": self._between(started, finished),
            }
            for account, state in zip(recipients, states, strict=True)
        ]
        if rows:
            self.session.execute(insert(NoticeDelivery.__table__), rows)
            # the ledger's history: queued when the campaign started, then the outcome with the reply
            delivered = self.session.execute(
                select(NoticeDelivery.id, NoticeDelivery.state, NoticeDelivery.last_reply, NoticeDelivery.updated_at).where(
                    NoticeDelivery.campaign_id == campaign.id
                )
            ).all()
            events = []
            for d in delivered:
                events.append({"delivery_id": d.id, "state": DeliveryState.QUEUED.value, "at": started, "reply": None, "operator": "alice"})
                events.append(
                    {
                        "delivery_id": d.id,
                        "state": d.state,
                        "at": d.updated_at,
                        "reply": d.last_reply,
                        "operator": "alice" if d.state != DeliveryState.BOUNCED else "bob",
                    }
                )
            self.session.execute(insert(NoticeDeliveryEvent.__table__), events)
        shown_from = published + timedelta(days=1)
        notice = SiteNotice(
            title="We have updated our privacy policy",
            body=f"Version 1.0 of our privacy policy takes effect on {effective:%d %B %Y}. "
            "Read what changed at https://www.minisipserver.com/privacy.",
            policy_version_id=v1.id,
            shown_from=shown_from,
            shown_until=shown_from + timedelta(days=60),
        )
        self.session.add(notice)
        self.session.flush()
        outcome = Counter(state.value for state in states)
        self._event(v1.created_at, "alice", "policy.create", "policy_version", v1.id, number="1.0")
        self._event(published, "alice", "policy.publish", "policy_version", v1.id, number="1.0", significant=True)
        self._event(started, "alice", "campaign.start", "notice_campaign", campaign.id, recipients=len(rows))
        counts: dict[str, Any] = dict(sorted(outcome.items()))  # delivery states: never the name of _event's own parameters
        self._event(finished, "alice", "campaign.finish", "notice_campaign", campaign.id, **counts)
        self._event(shown_from, "alice", "site_notice.show", "site_notice", notice.id, policy_version="1.0")
        self._event(v11.created_at, "alice", "policy.create", "policy_version", v11.id, number="1.1")

    def _law_enforcement(self) -> LawEnforcementRequest:
        """The register's story (``core.legal``): an informal request rejected for want of a court
        order (its owner told by email); a court order complied with, with a second operator's
        approval, under a gag order that ends in 40 days (its notice falls due then); and a
        subpoena received three days ago, still pending, that can only be rejected. Every request
        names its accounts, the open and the complied one hold their account with an end date,
        and the documents received are recorded with their SHA-256."""
        complied_account = self.story["law_complied"].id
        rejected = LawEnforcementRequest(
            received_at=self._ago(140),
            agency="Springfield Police Department, Cybercrime Unit",
            reference=f"SPD-{self._ago(140):%Y}-0412",
            account_id=self.story["law_rejected"].id,
            data_requested="Subscriber details and call records for one month",
            court_order_ref=None,
            court_order_verified=False,
            decision="rejected",
            decided_by="carol",
            decided_at=self._ago(138),
            customer_notified_at=self._ago(137),
            country="US",
            officer_name="Det. Sam Carter",
            officer_contact="s.carter@springfield-pd.example",
            legal_process="informal",
            data_sought="subscriber,cdrs",
            recorded_by="bob",
            recorded_at=self._ago(140) + timedelta(hours=1),
            decision_reason="no_court_order: an email from a detective, no court order or warrant",
        )
        gag_until = (self.now + timedelta(days=40)).date()
        complied = LawEnforcementRequest(
            received_at=self._ago(50),
            agency="Federal Bureau of Investigation, Field Office",
            reference=f"FBI-{self._ago(50):%Y}-1187",
            account_id=complied_account,
            data_requested="Subscriber name and email; call records of the last 30 days",
            court_order_ref=f"Case 2:{self._ago(50):%y}-mj-01234, U.S. District Court",
            court_order_verified=True,
            decision="complied",
            decided_by="alice",
            decided_at=self._ago(45),
            gag_until=gag_until,
            customer_notified_at=None,
            country="US",
            officer_name="SA Dana Whitfield",
            officer_contact="dwhitfield@fbi.example",
            legal_process="court_order",
            data_sought="subscriber,cdrs",
            recorded_by="bob",
            recorded_at=self._ago(50) + timedelta(hours=1),
            court_order_checked_by="carol",
            court_order_checked_at=self._ago(49),
            compliance_scope="full",
            proposed_by="bob",
            proposed_at=self._ago(46),
            gag_order=True,
        )
        pending = LawEnforcementRequest(
            received_at=self._ago(3),
            agency="Office of the State Attorney, Economic Crimes",
            reference=f"SAO-{self._ago(3):%Y}-0077",
            account_id=complied_account,
            data_requested="All records of the account, including support correspondence, since it was opened",
            court_order_ref=None,
            court_order_verified=False,
            decision="pending",
            country="US",
            officer_name="ASA Morgan Reyes",
            officer_contact="+1 555 0100 / mreyes@sao.example",
            legal_process="subpoena",
            data_sought="subscriber,cdrs,correspondence",
            recorded_by="bob",
            recorded_at=self._ago(3) + timedelta(hours=1),
        )
        requests = (rejected, complied, pending)
        self.session.add_all(requests)
        self.session.flush()
        self.session.add_all(
            [
                LawRequestAccount(
                    request_id=rejected.id,
                    account_id=rejected.account_id,
                    notified_at=self._ago(137),
                    notice_channel="email",
                    notified_by="carol",
                    notice_reply="250 2.0.0 Ok: queued as 4F2A1",
                ),
                LawRequestAccount(request_id=complied.id, account_id=complied_account),
                LawRequestAccount(request_id=pending.id, account_id=complied_account),
            ]
        )
        documents = [
            (
                rejected,
                "request-email.txt",
                "From: Det. Sam Carter, Springfield PD\nPlease send the subscriber details and "
                "call records of the account for last month.\n",
            ),
            (
                complied,
                "court-order.txt",
                f"UNITED STATES DISTRICT COURT\n{complied.court_order_ref}\nORDER to produce "
                "subscriber information and call detail records; nondisclosure until "
                f"{gag_until:%Y-%m-%d}.\n",
            ),
            (
                pending,
                "subpoena.txt",
                f"OFFICE OF THE STATE ATTORNEY\nSubpoena duces tecum {pending.reference}\nProduce all records of the account.\n",
            ),
        ]
        docs = []
        for request, filename, content in documents:
            data = content.encode()
            storage_path = f"law-requests/{request.id}/{filename}"
            # kept in the file store like an operator's intake keeps them (a forced re-create removes them)
            docs.append(
                LawRequestDocument(
                    request_id=request.id,
                    filename=filename,
                    storage_path=storage_path,
                    sha256=self.store.write(storage_path, data),
                    size_bytes=len(data),
                    added_by="bob",
                    added_at=request.recorded_at,
                )
            )
        self.session.add_all(docs)
        assert complied.recorded_at is not None and pending.recorded_at is not None  # given where they were made, above
        complied_hold = LegalHold(
            account_id=complied_account,
            reason=f"Law-enforcement request {complied.id} ({complied.reference})",
            placed_by="bob",
            placed_at=complied.recorded_at,
            expires_at=complied.recorded_at + timedelta(days=180),
            law_enforcement_request_id=complied.id,
        )
        pending_hold = LegalHold(
            account_id=complied_account,
            reason=f"Law-enforcement request {pending.id} ({pending.reference})",
            placed_by="bob",
            placed_at=pending.recorded_at,
            expires_at=pending.recorded_at + timedelta(days=90),
            law_enforcement_request_id=pending.id,
        )
        self.session.add_all([complied_hold, pending_hold])
        self.session.flush()
        for request in requests:
            assert request.recorded_at is not None  # given where it was made, above
            self._event(
                request.recorded_at,
                "bob",
                "law_request.receive",
                "law_enforcement_request",
                request.id,
                legal_process=request.legal_process,
                account_ids=[request.account_id],
                data_sought=request.data_sought.split(","),
                received_on=f"{request.received_at:%Y-%m-%d}",
                gag_order=request.gag_order,
                gag_until=None,
                documents=1,
            )
        for doc in docs:
            self._event(
                doc.added_at,
                "bob",
                "law_request.document",
                "law_enforcement_request",
                doc.request_id,
                document_id=doc.id,
                filename=doc.filename,
                sha256=doc.sha256,
                size_bytes=doc.size_bytes,
            )
        for hold in (complied_hold, pending_hold):
            assert hold.expires_at is not None  # given where it was made, above
            self._event(
                hold.placed_at,
                "bob",
                "legal_hold.place",
                "legal_hold",
                hold.id,
                account_id=hold.account_id,
                law_enforcement_request_id=hold.law_enforcement_request_id,
                expires_at=hold.expires_at.isoformat(),
            )
        self._event(
            self._ago(138),
            "carol",
            "law_request.reject",
            "law_enforcement_request",
            rejected.id,
            reason="no_court_order",
            released_holds=[],
        )
        self._event(
            self._ago(137),
            "carol",
            "law_request.notify",
            "law_enforcement_request",
            rejected.id,
            channel="email",
            account_ids=[rejected.account_id],
            reply="250 2.0.0 Ok: queued as 4F2A1",
        )
        self._event(
            self._ago(49),
            "carol",
            "law_request.check_order",
            "law_enforcement_request",
            complied.id,
            court_order_ref=complied.court_order_ref,
        )
        self._event(self._ago(48), "bob", "law_request.gag", "law_enforcement_request", complied.id, gag_until=gag_until.isoformat())
        self._event(
            self._ago(46),
            "bob",
            "law_request.propose",
            "law_enforcement_request",
            complied.id,
            scope="full",
            categories=["subscriber", "cdrs"],
            note="",
        )
        return complied

    def _disclosures(self, law: LawEnforcementRequest) -> None:
        """One disclosure required by law (the complied request, with its export's hashes), one with
        the customer's permission."""
        ticket = self.story_tickets["disclosure_permission"]
        period = f"{self._ago(75):%Y-%m-%d} to {self._ago(45):%Y-%m-%d}"
        zip_name = f"request-{law.id}-account-{law.account_id}.zip"
        entries = {
            name: hashlib.sha256(f"{zip_name}/{name}".encode()).hexdigest()
            for name in ("profile.json", "cdrs.csv", "cdrs.jsonl", "manifest.json")
        }
        rows = {"profile.json": 1, "cdrs.csv": 90, "cdrs.jsonl": 90, "manifest.json": None}
        manifest = {name: {"sha256": digest, "rows": rows[name]} for name, digest in entries.items()}
        disclosures = [
            Disclosure(
                account_id=law.account_id,
                recipient=law.agency,
                legal_basis="law",
                evidence=f"court order {law.court_order_ref} (law-enforcement request {law.id}, {law.reference})",
                data_shared=f"{zip_name} (full): account name and email; CDRs of {period}",
                law_enforcement_request_id=law.id,
                disclosed_at=self._ago(45),
                recorded_by="alice",
                data_categories="subscriber,cdrs",
                export_sha256=hashlib.sha256(zip_name.encode()).hexdigest(),
                export_manifest=json.dumps(manifest, sort_keys=True),
            ),
            Disclosure(
                account_id=self.story["disclosure_permission"].id,
                recipient="Example CRM Ltd.",
                legal_basis="permission",
                evidence=f"customer's written permission in ticket {ticket}",
                data_shared="CDRs (daily export, until withdrawn)",
                disclosed_at=self._ago(101),
                recorded_by="bob",
                data_categories="cdrs",
            ),
        ]
        self.session.add_all(disclosures)
        self.session.flush()
        for d in disclosures:
            self._event(
                d.disclosed_at,
                d.recorded_by,
                "disclosure.record",
                "disclosure",
                d.id,
                account_id=d.account_id,
                legal_basis=d.legal_basis,
                categories=d.data_categories.split(","),
                law_enforcement_request_id=d.law_enforcement_request_id,
                export_sha256=d.export_sha256,
            )
        self._event(
            self._ago(45),
            "alice",
            "law_request.comply",
            "law_enforcement_request",
            law.id,
            scope="full",
            categories=["subscriber", "cdrs"],
            exports={str(law.account_id): disclosures[0].export_sha256},
        )

    def _deletion_requests(self) -> None:
        """One request per state a demo should show: completed, rejected, approved, received."""
        configurations, account = DeletionScope.CONFIGURATIONS, DeletionScope.ACCOUNT
        requests = {
            "completed": self._deletion_request("deletion_completed", configurations, "email to support", 40),
            "rejected": self._deletion_request("deletion_rejected", account, "email to support", 25),
            "approved": self._deletion_request("deletion_approved", configurations, "support ticket", 6),
            "received": self._deletion_request("deletion_received", configurations, "support ticket", 1),
        }
        for state in ("completed", "approved"):
            request = requests[state]
            request.state, request.decided_by = DeletionState.APPROVED.value, "carol"
            request.decided_at = request.requested_at + timedelta(days=1)
            self._event(request.decided_at, "carol", "deletion.approve", "deletion_request", request.id)
        rejected = requests["rejected"]
        rejected.state, rejected.decided_by = DeletionState.REJECTED.value, "carol"
        rejected.decided_at = rejected.requested_at + timedelta(days=1)
        rejected.rejection_reason = "identity_not_verified"
        rejected.rejection_note = "The request did not come from the account owner's registered address; we asked the owner to confirm it."
        self._event(rejected.decided_at, "carol", "deletion.reject", "deletion_request", rejected.id, reason=rejected.rejection_reason)
        completed = requests["completed"]
        executed = completed.requested_at + timedelta(days=2)
        verification = {"configurations": 0, "file_store": 0, "uploaded_files": 0}  # what the configurations scope checks
        completed.state = DeletionState.COMPLETED.value
        completed.executed_at, completed.completed_at = executed, executed + timedelta(minutes=4)
        completed.verification = json.dumps(verification, sort_keys=True)

        def certify(head: audit.Head | None) -> dict[str, Any]:
            """The same certificate the console issues (made under the head before its event), so
            `deletion certificate` rebuilds it and its hash matches."""
            completed.audit_head = head.text if head else None
            completed.certificate_sha256 = hashlib.sha256(audit.canonical(deletion_certificate(completed, verification))).hexdigest()
            return {"certificate_sha256": completed.certificate_sha256}

        self._event(
            executed, "bob", "deletion.execute", "deletion_request", completed.id, configurations_deleted=self.deleted_configurations
        )
        self._event(
            completed.completed_at, "bob", "deletion.complete", "deletion_request", completed.id, verification=verification, before=certify
        )
        self.session.flush()

    def _deletion_request(self, role: str, scope: DeletionScope, source: str, days_ago: int) -> DeletionRequest:
        """A request as received (30 days to carry it out); the caller moves it on."""
        requested = self._ago(days_ago)
        request = DeletionRequest(
            account_id=self.story[role].id,
            scope=scope.value,
            source=source,
            ticket_ref=self.story_tickets[role],
            state=DeletionState.RECEIVED.value,
            requested_by="bob",
            requested_at=requested,
            due_at=requested + timedelta(days=30),
        )
        self.session.add(request)
        self.session.flush()
        self._event(
            requested,
            "bob",
            "deletion.request",
            "deletion_request",
            request.id,
            account_id=request.account_id,
            scope=request.scope,
            ticket_ref=request.ticket_ref,
        )
        return request

    def _access_grants(self, operators: Mapping[str, Operator]) -> None:
        """One grant that expired after an hour, and one still running at ``now``."""
        granted = self._ago(13)
        grants = [
            (
                "bob",
                AccessGrant(
                    operator_id=operators["bob"].id,
                    account_id=self.story["access_expired"].id,
                    purpose="support",
                    ticket_ref=self.story_tickets["access_expired"],
                    granted_at=granted,
                    expires_at=granted + timedelta(hours=1),
                ),
            ),
            (
                "alice",
                AccessGrant(
                    operator_id=operators["alice"].id,
                    account_id=self.story["access_active"].id,
                    purpose="bug",
                    ticket_ref=self.story_tickets["access_active"],
                    granted_at=self._ago(minutes=15),
                    expires_at=self.now + timedelta(minutes=45),
                ),
            ),
        ]
        self.session.add_all(grant for _, grant in grants)
        self.session.flush()
        for login, grant in grants:
            self._event(
                grant.granted_at,
                login,
                "access.grant",
                "access_grant",
                grant.id,
                account_id=grant.account_id,
                purpose=grant.purpose,
                ticket_ref=grant.ticket_ref,
                expires_at=grant.expires_at.isoformat(),
            )

    def append_events(self) -> None:
        """Append the collected events in time order (the chain reads as the history it records)."""
        for e in sorted(self.events, key=lambda e: e.at):
            details = {**e.details, **e.before(audit.head(self.session))} if e.before else e.details
            appended = audit.append(
                self.session,
                operator=e.operator,
                action=e.action,
                target_type=e.target_type,
                target_id=e.target_id,
                details=details,
                at=e.at,
            )
            if e.after:
                e.after(appended)


# ---- settings documents and file contents


def _unique_email(first: str, last: str, company: str | None, rng: random.Random, taken: set[str]) -> str:
    local = _slug(f"{first}.{last}", ".")
    domain = f"{_slug(company, '-')}.example" if company else rng.choice(("example.com", "example.net", "example.org"))
    email, n = f"{local}@{domain}", 2
    while email in taken:
        email, n = f"{local}{n}@{domain}", n + 1
    taken.add(email)
    return email


def _slug(value: str, sep: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", sep, ascii_).strip(sep)


def _extension_settings(rng: random.Random, number: str, name: str) -> dict[str, Any]:
    return {
        "number": number,
        "display_name": name,
        "codecs": rng.choice(CODECS),
        "max_contacts": rng.randint(1, 3),
        "voicemail": rng.random() < 0.7,
        "call_forward_busy": "",
        "dnd": False,
    }


def _trunk_settings(rng: random.Random, account: _Account, provider: str) -> dict[str, Any]:
    return {
        "endpoint": account.trunk,
        "host": f"sip.{provider}.example",
        "username": account.code.lower(),
        "register": provider != "bandwidth",
        "transport": rng.choice(("udp", "tcp", "tls")),
        "dids": account.dids,
        "max_channels": rng.choice((4, 8, 23, 30)),
    }


def _dial_plan_settings(account: _Account) -> dict[str, Any]:
    return {
        "context": f"{account.code}-internal",
        "emergency_number": "911",
        "emergency_trunk": account.trunk,
        "routes": [{"pattern": "_NXXNXXXXXX", "prepend": "+1", "trunk": account.trunk}, {"pattern": "_+.", "trunk": account.trunk}],
    }


def _ivr_settings(extensions: Sequence[str]) -> dict[str, Any]:
    options = {"0": f"extension:{extensions[0]}", "1": "queue:sales"}
    options.update({str(i + 2): f"extension:{number}" for i, number in enumerate(extensions[1:3])})
    return {"prompt": "ivr-main-prompt.txt", "timeout_seconds": 8, "invalid_retries": 3, "options": options}


def _voicemail_settings(rng: random.Random, mailbox: str) -> dict[str, Any]:
    return {
        "mailbox": mailbox,
        "greeting": f"greeting-{mailbox}.wav",
        "email_notification": True,
        "attach_audio": rng.random() < 0.5,
        "max_messages": 100,
    }


def _queue_settings(rng: random.Random, extensions: Sequence[str]) -> dict[str, Any]:
    return {
        "name": "sales",
        "strategy": rng.choice(("ringall", "leastrecent", "rrmemory")),
        "members": list(extensions),
        "max_wait_seconds": 300,
        "music_on_hold": "default",
    }


def _ring_group_settings(extensions: Sequence[str]) -> dict[str, Any]:
    return {"members": list(extensions), "strategy": "simultaneous", "ring_seconds": 20}


def _ivr_prompt(account: _Account) -> str:
    who = account.company or account.name
    return (
        f"Thank you for calling {who}.\n"
        "For sales, press 1.\n"
        f"To reach {account.extensions[0][1]}, press 0.\n"
        "To hear these options again, stay on the line.\n"
    )


@functools.cache
def _wav(frequency: int, *, seconds: float = 0.25, rate: int = 8000) -> bytes:
    """A short sine tone: 8 kHz, mono, 16-bit PCM (what a phone greeting upload looks like)."""
    samples = array.array("h", (int(8000 * math.sin(2 * math.pi * frequency * i / rate)) for i in range(int(rate * seconds))))
    if sys.byteorder == "big":  # WAV is little-endian
        samples.byteswap()
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(samples.tobytes())
    return buffer.getvalue()


def _png_logo(rng: random.Random, size: int = 32) -> bytes:
    """A small RGB PNG (a coloured disc on white), written with zlib and struct."""
    colour = bytes((rng.randrange(30, 200), rng.randrange(30, 200), rng.randrange(30, 200)))
    white = b"\xff\xff\xff"
    centre, radius2 = (size - 1) / 2, (size * 0.4) ** 2
    scanlines = b"".join(
        b"\x00" + b"".join(colour if (x - centre) ** 2 + (y - centre) ** 2 <= radius2 else white for x in range(size)) for y in range(size)
    )

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)  # 8-bit RGB, no interlace
    return b"".join((b"\x89PNG\r\n\x1a\n", chunk(b"IHDR", header), chunk(b"IDAT", zlib.compress(scanlines, 9)), chunk(b"IEND", b"")))


# --------------------------------------------------------------------------- CDRs

#: the cdrs columns the generator fills, in the order of its tuples (id comes from the database)
CDR_COLUMNS = (
    "account_id",
    "start",
    "answer",
    "end",
    "clid",
    "src",
    "dst",
    "dcontext",
    "channel",
    "dstchannel",
    "lastapp",
    "lastdata",
    "duration",
    "billsec",
    "disposition",
    "amaflags",
    "accountcode",
    "uniqueid",
    "linkedid",
    "userfield",
)
_DIRECTIONS = ("outbound", "inbound", "internal")
_DIRECTION_WEIGHTS = tuple(accumulate((45, 40, 15)))
_DISPOSITIONS = ("ANSWERED", "NO ANSWER", "BUSY", "FAILED")
_DISPOSITION_WEIGHTS = tuple(accumulate((72, 18, 7, 3)))
_MEAN_TALK_SECONDS = 150
_MAX_TALK_SECONDS = 4 * 3600
_AMA_DOCUMENTATION = 3


@dataclass(frozen=True)
class _Tenant:
    """What the CDR generator needs of one account."""

    account_id: int
    code: str
    extensions: tuple[tuple[str, str], ...]  # (number, caller id '"Name" <number>')
    trunk: str
    dids: tuple[str, ...]
    queue: str | None
    internal_context: str  # the dial-plan context of calls from extensions
    trunk_context: str  # ... and of calls arriving on the trunk


@functools.cache
def _times_of_day() -> tuple[str, ...]:
    """``"HH:MM:SS.000000"`` for every second of a day (built once: 86,400 strings)."""
    return tuple(f"{h:02d}:{m:02d}:{s:02d}.000000" for h in range(24) for m in range(60) for s in range(60))


def _stamper(base: datetime, days: int) -> Callable[[int], str]:
    """``stamp(seconds)``: naive UTC ``base + seconds`` as text, in the form SQLAlchemy stores on SQLite.

    That text is a valid timestamp for PostgreSQL's COPY too (ISO 8601, no zone: UTC by
    convention, as ``UTCDateTime`` stores it), and on SQLite it must be exactly that form for SQL
    comparisons with bound datetimes to hold. Built from a day table and a time-of-day table,
    it costs a seventh of ``(base + timedelta(...)).isoformat(...)``; ``base`` is whole seconds.
    """
    midnight = base.replace(hour=0, minute=0, second=0, microsecond=0)
    lead = (base - midnight).seconds
    day_texts = [f"{midnight + timedelta(days=d):%Y-%m-%d} " for d in range(days + 2)]
    time_texts = _times_of_day()

    def stamp(seconds: int) -> str:
        day, second = divmod(lead + seconds, 86_400)
        return day_texts[day] + time_texts[second]

    return stamp


class _CdrMaker:
    """Draws Asterisk-style CDRs, oldest first, evenly spread over the 90 days before ``now``.

    Row ``n`` starts at a random whole second inside the ``n``-th of ``total`` equal slots of
    the window, so rows come out in time order without sorting, and ids follow time.
    """

    def __init__(self, tenants: Sequence[_Tenant], caller_names: Sequence[str], *, total: int, now: datetime, seed: int) -> None:
        rng = self._rng = random.Random(f"minisip-demo-cdrs:{seed}")
        self._tenants = list(tenants)
        self._weights = list(accumulate(len(t.extensions) for t in self._tenants))
        self._callers = [
            (number, f'"{rng.choice(caller_names) if rng.random() < 0.8 else "WIRELESS CALLER"}" <{number}>')
            for number in rng.sample(_fictional_numbers(), 2000)
        ]
        window_start = (now - CDR_WINDOW).astimezone(UTC).replace(microsecond=0)
        self._stamp = _stamper(window_start.replace(tzinfo=None), CDR_WINDOW.days)
        self._epoch0 = int(window_start.timestamp())
        self._step = CDR_WINDOW.total_seconds() / max(total, 1)
        self._cutoff = int((CDR_WINDOW - CDR_RETENTION).total_seconds())
        #: rows drawn so far that start more than 30 days before ``now``
        self.past_retention = 0

    def rows(self, first: int, count: int) -> list[Row]:
        """Rows ``first`` to ``first + count - 1``, in the order of ``CDR_COLUMNS`` (draw them in order)."""
        rng = self._rng
        rand, talk = rng.random, rng.expovariate
        tenants = rng.choices(self._tenants, cum_weights=self._weights, k=count)
        directions = rng.choices(_DIRECTIONS, cum_weights=_DIRECTION_WEIGHTS, k=count)
        dispositions = rng.choices(_DISPOSITIONS, cum_weights=_DISPOSITION_WEIGHTS, k=count)
        callers, stamp, step, epoch0, cutoff = self._callers, self._stamp, self._step, self._epoch0, self._cutoff
        n_callers = len(callers)
        past = 0
        rows: list[Row] = []
        append = rows.append
        for i in range(count):
            n = first + i
            t = tenants[i]
            offset = int((n + rand()) * step)
            past += offset < cutoff
            uniqueid = f"{epoch0 + offset}.{n}"
            exts = t.extensions
            ext, ext_clid = exts[int(rand() * len(exts))]
            disposition = dispositions[i]
            direction = directions[i]
            if direction == "outbound":
                number = callers[int(rand() * n_callers)][0]
                src, dst, clid, context = ext, number, ext_clid, t.internal_context
                channel, dstchannel = f"PJSIP/{ext}-{n:08x}", f"PJSIP/{t.trunk}-{n:08x}"
                app, data = "Dial", f"PJSIP/{number}@{t.trunk},60"
            elif direction == "inbound":
                src, clid = callers[int(rand() * n_callers)]
                dst, context = t.dids[int(rand() * len(t.dids))], t.trunk_context
                channel, dstchannel = f"PJSIP/{t.trunk}-{n:08x}", f"PJSIP/{ext}-{n:08x}"
                app, data = "Dial", f"PJSIP/{ext},30"
                if disposition == "ANSWERED":
                    pick = rand()
                    if pick < 0.2 and t.queue:
                        app, data = "Queue", f"{t.queue},t,,,300"
                    elif pick < 0.35:
                        app, data, dstchannel = "Voicemail", f"{ext}@{t.code},u", ""
            else:
                other = exts[int(rand() * len(exts))][0]
                src, dst, clid, context = ext, other, ext_clid, t.internal_context
                channel, dstchannel = f"PJSIP/{ext}-{n:08x}", f"PJSIP/{other}-{n:08x}"
                app, data = "Dial", f"PJSIP/{other},30"
            if disposition == "ANSWERED":
                ring = 2 + int(rand() * 18)
                billsec = 1 + min(int(talk(1 / _MEAN_TALK_SECONDS)), _MAX_TALK_SECONDS)
                answer: str | None = stamp(offset + ring)
                duration = ring + billsec
            elif disposition == "NO ANSWER":
                billsec, answer, duration = 0, None, 15 + int(rand() * 30)
            elif disposition == "BUSY":
                billsec, answer, duration = 0, None, int(rand() * 3)
            else:  # FAILED: the call never left the server
                billsec, answer, duration, dstchannel = 0, None, 0, ""
            append(
                (
                    t.account_id,
                    stamp(offset),
                    answer,
                    stamp(offset + duration),
                    clid,
                    src,
                    dst,
                    context,
                    channel,
                    dstchannel,
                    app,
                    data,
                    duration,
                    billsec,
                    disposition,
                    _AMA_DOCUMENTATION,
                    t.code,
                    uniqueid,
                    uniqueid,
                    "",
                )
            )
        self.past_retention += past
        return rows


def _insert_cdrs(engine: Engine, maker: _CdrMaker, total: int, report: Progress, cancel: Callable[[], bool]) -> None:
    """Write ``total`` CDRs in chunks, each its own transaction: executemany on SQLite, COPY on PostgreSQL."""
    quote = engine.dialect.identifier_preparer.quote
    columns = ", ".join(quote(c) for c in CDR_COLUMNS)
    table = quote(Cdr.__tablename__)
    postgres = engine.dialect.name == "postgresql"
    sql = (
        f"COPY {table} ({columns}) FROM STDIN"
        if postgres
        else f"INSERT INTO {table} ({columns}) VALUES ({', '.join('?' * len(CDR_COLUMNS))})"
    )
    done = 0
    while done < total:
        _check_cancel(cancel, f"after {done:,} of {total:,} CDRs")
        rows = maker.rows(done, min(CDR_CHUNK, total - done))
        with db.translated(engine.url), engine.begin() as conn:
            if postgres:
                # psycopg's connection (PostgreSQL here), which SQLAlchemy types as Any | None
                raw = cast("psycopg.Connection[Any]", conn.connection.driver_connection)
                with raw.cursor() as cursor, cursor.copy(sql) as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                conn.exec_driver_sql(sql, rows)
        done += len(rows)
        report(done, total, "CDRs")
