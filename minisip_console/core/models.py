"""The schema: the service's tables and the console's own, as SQLAlchemy 2 typed ORM.

Service tables hold customer data and reference ``accounts`` through real foreign keys;
the deletion queue discovers what to delete by following those keys, so a table that holds
an account's data must reference ``accounts.id``.

Console tables (operators, audit, grants, registers...) keep their records after an account's
data is gone (a deletion certificate must outlive the data it certifies), so they carry the
account id as a plain indexed integer, not a foreign key, and hold no personal data.

Times are stored as naive UTC and returned as aware UTC on every database (``UTCDateTime``).
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING, ClassVar

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Aware UTC datetimes in Python, naive UTC in the database (same on SQLite and PostgreSQL)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; pass an aware datetime in UTC")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)

    if TYPE_CHECKING:
        # every model here names a __tablename__, so declarative maps it to a Table; SQLAlchemy types
        # the attribute as the wider FromClause (a class may be mapped to a join or a select)
        __table__: ClassVar[Table]


# --------------------------------------------------------------------------- enumerations
# Stored as strings (portable, readable in psql); the enums are the single list of values.


class AccountStatus(enum.StrEnum):
    ACTIVE = "active"
    SUSPENDED = "suspended"
    CLOSED = "closed"
    DELETED = "deleted"  # tombstone: personal fields cleared


class Language(enum.StrEnum):
    """The languages an owner is written to in (``accounts.language``): each names a variant of the
    notice templates (``resources/templates/NAME.<language>.*``); English is the fallback."""

    EN = "en"
    ZH_CN = "zh_CN"


class ConfigKind(enum.StrEnum):
    EXTENSION = "extension"
    TRUNK = "trunk"
    DIAL_PLAN = "dial_plan"
    IVR = "ivr"
    VOICEMAIL = "voicemail"
    QUEUE = "queue"
    RING_GROUP = "ring_group"


class Role(enum.StrEnum):
    VIEWER = "viewer"
    OPERATOR = "operator"
    APPROVER = "approver"
    ADMIN = "admin"


class DeletionScope(enum.StrEnum):
    CONFIGURATIONS = "configurations"
    ACCOUNT = "account"


class DeletionState(enum.StrEnum):
    RECEIVED = "received"
    APPROVED = "approved"
    REJECTED = "rejected"
    EXECUTING = "executing"
    VERIFYING = "verifying"
    COMPLETED = "completed"
    FAILED = "failed"
    CANCELLED = "cancelled"


class DeliveryState(enum.StrEnum):
    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    BOUNCED = "bounced"
    #: handed to the server, but the process died before recording the answer: an operator decides
    UNCERTAIN = "uncertain"


def _enum_str(enum_cls: type[enum.StrEnum]) -> String:
    return String(max(len(m.value) for m in enum_cls))


# --------------------------------------------------------------------------- service tables


class Account(Base):
    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254))
    company: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(_enum_str(AccountStatus), default=AccountStatus.ACTIVE, index=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    #: the language notices are written in (``Language``; migration 0007), set with ``rectification.set_language``
    language: Mapped[str] = mapped_column(String(10), default=Language.EN.value, server_default=Language.EN.value)

    configurations: Mapped[list[Configuration]] = relationship(back_populates="account", lazy="raise")

    __table_args__ = (
        Index("ix_accounts_email", "email"),
        Index("ix_accounts_name", "name"),
    )


class Configuration(Base):
    """One piece of an account's PBX configuration (an extension, a trunk, an IVR...)."""

    __tablename__ = "configurations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    kind: Mapped[str] = mapped_column(_enum_str(ConfigKind))
    name: Mapped[str] = mapped_column(String(200))
    settings: Mapped[str] = mapped_column(Text, default="{}")  # JSON document
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    account: Mapped[Account] = relationship(back_populates="configurations", lazy="raise")


class UploadedFile(Base):
    """Metadata of a file a customer uploaded; the bytes live in the file store."""

    __tablename__ = "uploaded_files"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    configuration_id: Mapped[int | None] = mapped_column(ForeignKey("configurations.id"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    #: path relative to the file store root (the ``files`` folder beside a SQLite database,
    #: or the profile's file store)
    storage_path: Mapped[str] = mapped_column(String(500), unique=True)
    uploaded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class Cdr(Base):
    """A call detail record, with the Asterisk ``cdr`` columns."""

    __tablename__ = "cdrs"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    start: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    answer: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    end: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    clid: Mapped[str] = mapped_column(String(80), default="")
    src: Mapped[str] = mapped_column(String(80), default="")
    dst: Mapped[str] = mapped_column(String(80), default="")
    dcontext: Mapped[str] = mapped_column(String(80), default="")
    channel: Mapped[str] = mapped_column(String(80), default="")
    dstchannel: Mapped[str] = mapped_column(String(80), default="")
    lastapp: Mapped[str] = mapped_column(String(80), default="")
    lastdata: Mapped[str] = mapped_column(String(80), default="")
    duration: Mapped[int] = mapped_column(Integer, default=0)
    billsec: Mapped[int] = mapped_column(Integer, default=0)
    disposition: Mapped[str] = mapped_column(String(45), default="")
    amaflags: Mapped[int] = mapped_column(Integer, default=3)
    accountcode: Mapped[str] = mapped_column(String(20), default="")
    uniqueid: Mapped[str] = mapped_column(String(150), default="")
    linkedid: Mapped[str] = mapped_column(String(150), default="")
    userfield: Mapped[str] = mapped_column(String(255), default="")

    __table_args__ = (Index("ix_cdrs_account_id_start", "account_id", "start"),)


class SupportMessage(Base):
    """Correspondence with support: kept for future reference (the policy says so)."""

    __tablename__ = "support_messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"), index=True)
    ticket_ref: Mapped[str] = mapped_column(String(40), index=True)
    direction: Mapped[str] = mapped_column(String(8))  # "inbound" | "outbound"
    from_address: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    sent_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


class SurveyResponse(Base):
    __tablename__ = "survey_responses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"), index=True)
    survey: Mapped[str] = mapped_column(String(100))
    answers: Mapped[str] = mapped_column(Text, default="{}")  # JSON document
    submitted_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


class PageVisit(Base):
    """A visit to a marketing page, tracked for statistics."""

    __tablename__ = "page_visits"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"), index=True)
    visitor_id: Mapped[str] = mapped_column(String(64))
    path: Mapped[str] = mapped_column(String(500))
    referrer: Mapped[str] = mapped_column(String(500), default="")
    variant: Mapped[str] = mapped_column(String(40), default="")  # design under test
    visited_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


class MarketingPermission(Base):
    """Permission to use an account's name or company in marketing, with when and the evidence."""

    __tablename__ = "marketing_permissions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), unique=True)
    granted: Mapped[bool] = mapped_column(Boolean, default=False)
    decided_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    evidence: Mapped[str] = mapped_column(String(300))  # a ticket, a signed form's reference


class SiteNotice(Base):
    """A prominent notice on the service's site (the fallback when email fails)."""

    __tablename__ = "site_notices"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    policy_version_id: Mapped[int | None] = mapped_column(ForeignKey("policy_versions.id"))
    shown_from: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    shown_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


# --------------------------------------------------------------------------- console tables


class Operator(Base):
    __tablename__ = "operators"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    login: Mapped[str] = mapped_column(String(100), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(_enum_str(Role), default=Role.VIEWER)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class ConsoleSetting(Base):
    """A setting of this database (migration 0005): ``demo`` marks the embedded demo database."""

    __tablename__ = "console_settings"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class AuditEvent(Base):
    """Append-only, hash-chained log: ``hash`` covers the event and ``prev_hash``."""

    __tablename__ = "audit_events"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    occurred_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    operator_login: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(60), index=True)
    target_type: Mapped[str] = mapped_column(String(40), default="")
    target_id: Mapped[str] = mapped_column(String(40), default="", index=True)
    details: Mapped[str] = mapped_column(Text, default="{}")  # canonical JSON, no personal values
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class AccessGrant(Base):
    __tablename__ = "access_grants"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    operator_id: Mapped[int] = mapped_column(ForeignKey("operators.id"), index=True)
    account_id: Mapped[int] = mapped_column(Integer, index=True)
    purpose: Mapped[str] = mapped_column(String(40))
    ticket_ref: Mapped[str] = mapped_column(String(60))
    granted_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    ended_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    ended_by_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))


class RetentionPolicy(Base):
    __tablename__ = "retention_policies"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    category: Mapped[str] = mapped_column(String(40), unique=True)  # cdr, correspondence, survey, page_visit
    days: Mapped[int | None] = mapped_column(Integer)
    review_by: Mapped[dt.date | None] = mapped_column(Date)
    target_table: Mapped[str] = mapped_column(String(100))
    timestamp_column: Mapped[str] = mapped_column(String(100))
    #: a PostgreSQL table partitioned by time: whole partitions past the cutoff are dropped or detached
    partition_mode: Mapped[str] = mapped_column(String(10), default="drop", server_default="drop")
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(100), default="")
    #: migration 0006: how often the scheduled purge runs (days); "kept" allows rows up to days + interval old
    interval_days: Mapped[int] = mapped_column(Integer, default=1, server_default="1")


class PurgeRun(Base):
    """The receipt of one retention run."""

    __tablename__ = "purge_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    category: Mapped[str] = mapped_column(String(40), index=True)
    # running, completed, unverified, time_limit, failed, cancelled, interrupted
    state: Mapped[str] = mapped_column(String(20), index=True)
    cutoff: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    dry_run: Mapped[bool] = mapped_column(Boolean, default=False)
    started_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    finished_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    started_by: Mapped[str] = mapped_column(String(100))
    trigger: Mapped[str] = mapped_column(String(20))  # operator | scheduler
    rows_deleted: Mapped[int] = mapped_column(BigInteger, default=0)
    oldest_deleted: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    newest_deleted: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    verified: Mapped[bool | None] = mapped_column(Boolean)
    oldest_remaining: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    error: Mapped[str | None] = mapped_column(Text)
    # migration 0002: what was purged, how, and by which process
    target_table: Mapped[str] = mapped_column(String(100), default="", server_default=text("''"))
    timestamp_column: Mapped[str] = mapped_column(String(100), default="", server_default=text("''"))
    rows_estimated: Mapped[int | None] = mapped_column(BigInteger)
    batches: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    duration_ms: Mapped[int | None] = mapped_column(BigInteger)
    partitions: Mapped[str] = mapped_column(Text, default="", server_default=text("''"))  # JSON list of dropped/detached
    resumed_runs: Mapped[str] = mapped_column(String(200), default="", server_default=text("''"))  # interrupted run ids
    rows_skipped_held: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    host: Mapped[str] = mapped_column(String(100), default="", server_default=text("''"))
    pid: Mapped[int | None] = mapped_column(Integer)
    #: migration 0005: the audit head (``SEQ:HASH``) the receipt was made under
    audit_head: Mapped[str | None] = mapped_column(String(90))
    #: migration 0008: the saved retention target (``retention_targets.name``) the run was for; None: the
    #: category's own table in the console's database. A name, not a key: the receipt outlives the target
    target_name: Mapped[str | None] = mapped_column(String(64))
    #: migration 0009: a saved target's batch whose DELETE may or may not have committed there (JSON:
    #: its range, the holds it kept, its rows); None: nothing in flight (``retention._resolve``)
    in_flight: Mapped[str | None] = mapped_column(Text)


class RetentionTarget(Base):
    """A saved retention target (migration 0008): a table in another database (``core.targets``).

    The URL has no password: it is in the OS keyring (``secrets``, entry ``target:NAME``)."""

    __tablename__ = "retention_targets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)  # 1-64 of [A-Za-z0-9_.-]
    category: Mapped[str] = mapped_column(String(40), default="cdr", server_default="cdr")
    url: Mapped[str] = mapped_column(String(500))  # never with a password
    table_name: Mapped[str] = mapped_column(String(130))  # ``name`` or ``schema.name``
    timestamp_column: Mapped[str] = mapped_column(String(64))
    #: the column naming a row's account (None: legal holds cannot apply), and how an id is written there
    account_column: Mapped[str | None] = mapped_column(String(64))
    account_format: Mapped[str] = mapped_column(String(100), default="{id}", server_default="{id}")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(100))


class DeletionRequest(Base):
    __tablename__ = "deletion_requests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(Integer, index=True)
    scope: Mapped[str] = mapped_column(_enum_str(DeletionScope))
    source: Mapped[str] = mapped_column(String(300))  # the customer's email or ticket
    ticket_ref: Mapped[str] = mapped_column(String(60))
    state: Mapped[str] = mapped_column(_enum_str(DeletionState), default=DeletionState.RECEIVED, index=True)
    requested_by: Mapped[str] = mapped_column(String(100))
    requested_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    due_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    decided_by: Mapped[str | None] = mapped_column(String(100))
    decided_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    rejection_reason: Mapped[str | None] = mapped_column(String(40))
    rejection_note: Mapped[str | None] = mapped_column(Text)
    executed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    completed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    verification: Mapped[str | None] = mapped_column(Text)  # JSON: table -> remaining rows
    certificate_sha256: Mapped[str | None] = mapped_column(String(64))
    #: migration 0005: the audit head (``SEQ:HASH``) the certificate was made under
    audit_head: Mapped[str | None] = mapped_column(String(90))


class LegalHold(Base):
    __tablename__ = "legal_holds"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(Integer, index=True)
    law_enforcement_request_id: Mapped[int | None] = mapped_column(ForeignKey("law_enforcement_requests.id"))
    reason: Mapped[str] = mapped_column(String(300))
    placed_by: Mapped[str] = mapped_column(String(100))
    placed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    released_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # migration 0004
    #: the hold ends on its own at this moment (None: until released by an operator)
    expires_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    released_by: Mapped[str | None] = mapped_column(String(100))
    release_reason: Mapped[str | None] = mapped_column(String(300))


class PolicyVersion(Base):
    __tablename__ = "policy_versions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    effective_date: Mapped[dt.date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)  # Markdown
    summary: Mapped[str] = mapped_column(Text, default="")
    significant: Mapped[bool | None] = mapped_column(Boolean)  # None: not decided yet
    published_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    # migration 0003
    #: "policy" (a new version of the privacy policy) or "acquisition" (a notice before a transfer)
    kind: Mapped[str] = mapped_column(String(20), default="policy", server_default="policy")
    transfer_date: Mapped[dt.date | None] = mapped_column(Date)  # acquisitions: when data would move
    significance_by: Mapped[str | None] = mapped_column(String(100))  # who decided, and when
    significance_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    published_by: Mapped[str | None] = mapped_column(String(100))


class NoticeCampaign(Base):
    """An email campaign telling account owners about a significant policy version."""

    __tablename__ = "notice_campaigns"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    policy_version_id: Mapped[int] = mapped_column(ForeignKey("policy_versions.id"), index=True)
    subject: Mapped[str] = mapped_column(String(300))
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(20), default="draft")
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    link: Mapped[str] = mapped_column(String(500), default="", server_default=text("''"))  # migration 0003
    #: the template in other languages than English, canonical JSON: {"zh_CN": {"subject": ..., "body_text": ...,
    #: "body_html": ...}} (migration 0007); an owner whose language has none gets the English one
    translations: Mapped[str] = mapped_column(Text, default="{}", server_default="{}")


class NoticeDelivery(Base):
    """One row per policy version and account: the ledger that proves each owner was told."""

    __tablename__ = "notice_deliveries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    policy_version_id: Mapped[int] = mapped_column(ForeignKey("policy_versions.id"))
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("notice_campaigns.id"), index=True)
    account_id: Mapped[int] = mapped_column(Integer, index=True)
    state: Mapped[str] = mapped_column(_enum_str(DeliveryState), default=DeliveryState.QUEUED, index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_reply: Mapped[str | None] = mapped_column(Text)  # the SMTP server's reply
    next_attempt_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (UniqueConstraint("policy_version_id", "account_id", name="uq_notice_deliveries_version_account"),)


class NoticeDeliveryEvent(Base):
    """Every state change of a delivery, with its time and the server's reply (migration 0003)."""

    __tablename__ = "notice_delivery_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    delivery_id: Mapped[int] = mapped_column(ForeignKey("notice_deliveries.id"), index=True)
    state: Mapped[str] = mapped_column(_enum_str(DeliveryState))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    reply: Mapped[str | None] = mapped_column(Text)
    operator: Mapped[str] = mapped_column(String(100), default="", server_default=text("''"))


class LawEnforcementRequest(Base):
    __tablename__ = "law_enforcement_requests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    agency: Mapped[str] = mapped_column(String(200))
    reference: Mapped[str] = mapped_column(String(100))
    account_id: Mapped[int | None] = mapped_column(Integer, index=True)
    data_requested: Mapped[str] = mapped_column(Text, default="")
    court_order_ref: Mapped[str | None] = mapped_column(String(200))
    court_order_verified: Mapped[bool] = mapped_column(Boolean, default=False)
    decision: Mapped[str] = mapped_column(String(20), default="pending")  # pending, complied, rejected
    decided_by: Mapped[str | None] = mapped_column(String(100))
    decided_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    gag_until: Mapped[dt.date | None] = mapped_column(Date)
    customer_notified_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # migration 0004 (issue 7): the register. ``account_id`` above is the first account named
    # (kept for old rows); every account named is a ``LawRequestAccount`` row.
    country: Mapped[str] = mapped_column(String(100), default="", server_default=text("''"))
    officer_name: Mapped[str] = mapped_column(String(200), default="", server_default=text("''"))
    officer_contact: Mapped[str] = mapped_column(String(300), default="", server_default=text("''"))
    #: informal, subpoena, court_order, search_warrant, emergency, preservation, foreign
    legal_process: Mapped[str] = mapped_column(String(20), default="informal", server_default="informal")
    #: comma-separated: subscriber, cdrs, configurations, files, correspondence
    data_sought: Mapped[str] = mapped_column(String(200), default="", server_default=text("''"))
    recorded_by: Mapped[str] = mapped_column(String(100), default="", server_default=text("''"))
    recorded_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    court_order_checked_by: Mapped[str | None] = mapped_column(String(100))
    court_order_checked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    #: compliance proposed (four eyes: approved by another operator): full or partial
    compliance_scope: Mapped[str | None] = mapped_column(String(10))
    proposed_by: Mapped[str | None] = mapped_column(String(100))
    proposed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    decision_reason: Mapped[str] = mapped_column(Text, default="", server_default=text("''"))
    #: a nondisclosure (gag) order: recorded, with its end date (``gag_until``; None = no end date)
    gag_order: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    gag_reviewed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class LawRequestAccount(Base):
    """An account named in a law-enforcement request, and the notice to its owner."""

    __tablename__ = "law_request_accounts"
    __table_args__ = (UniqueConstraint("request_id", "account_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("law_enforcement_requests.id"), index=True)
    # no foreign key to accounts: the register outlives the account's deletion (deletion walks FKs)
    account_id: Mapped[int] = mapped_column(Integer, index=True)
    notified_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    notice_channel: Mapped[str | None] = mapped_column(String(40))  # email, or how it was told by hand
    notified_by: Mapped[str | None] = mapped_column(String(100))
    notice_reply: Mapped[str | None] = mapped_column(Text)  # the SMTP server's answer for email


class LawRequestDocument(Base):
    """A document received with a request (the order, the letter), kept in the file store."""

    __tablename__ = "law_request_documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("law_enforcement_requests.id"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    storage_path: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64))
    size_bytes: Mapped[int] = mapped_column(Integer)
    added_by: Mapped[str] = mapped_column(String(100))
    added_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class Disclosure(Base):
    """Every sharing of customer data, with its legal basis and evidence."""

    __tablename__ = "disclosures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int | None] = mapped_column(Integer, index=True)
    recipient: Mapped[str] = mapped_column(String(200))
    legal_basis: Mapped[str] = mapped_column(String(40))  # permission, law, acquisition
    evidence: Mapped[str] = mapped_column(String(300))
    data_shared: Mapped[str] = mapped_column(Text, default="")
    law_enforcement_request_id: Mapped[int | None] = mapped_column(ForeignKey("law_enforcement_requests.id"))
    disclosed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    recorded_by: Mapped[str] = mapped_column(String(100))
    # migration 0004
    #: comma-separated categories: subscriber, cdrs, configurations, files, correspondence, ...
    data_categories: Mapped[str] = mapped_column(String(200), default="", server_default=text("''"))
    #: for a disclosure made as an export: the ZIP's SHA-256 and its manifest (JSON: name -> sha256, rows)
    export_sha256: Mapped[str | None] = mapped_column(String(64))
    export_manifest: Mapped[str | None] = mapped_column(Text)


#: tables whose rows are customer data (the rest are the console's own records)
SERVICE_TABLES = frozenset(
    {
        "accounts",
        "configurations",
        "uploaded_files",
        "cdrs",
        "support_messages",
        "survey_responses",
        "page_visits",
        "marketing_permissions",
        "site_notices",
    }
)
