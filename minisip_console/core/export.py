"""The customer's copy of their data: one ZIP with everything the service holds about an account.

The policy: "You can access, change or delete your information at any time." ``export_account``
writes, for one account, JSON and CSV of every service table that refers to it (profile,
configurations, uploaded files' metadata and the files themselves, CDRs, support correspondence,
survey responses, page visits, marketing permission), the console's disclosures of it and its
access history (grants and audited looks: who, when, purpose, ticket), and a ``manifest.json``
naming every entry with its SHA-256 and row count.

Rows are read in keyset batches and written into the ZIP entry as they come, so memory does not
grow with the data: CDRs are walked over ``(account_id, start, id)`` through the
``ix_cdrs_account_id_start`` index. Each table is written once as CSV straight into the ZIP and,
in the same pass, as JSON into an unlinked temporary file that is then copied in (a ZIP takes one
entry at a time). Every read happens in one transaction (a snapshot: ``REPEATABLE READ`` on
PostgreSQL, one read transaction in WAL mode on SQLite), so the files agree with each other.

The ZIP is built in a temporary file beside ``out_path`` (``core.plumbing.files.atomic_write``: it
streams into it) and renamed over it only once it is complete, synced and its ``account.export``
audit event is committed: a cancelled or failed export leaves no file and no event (a full disk
is a sentence saying how much room the folder had), and no export file exists without its event.

The CSV files are the console's CSV (``core.plumbing.files.CsvWriter``): every cell quoted, and text that
a spreadsheet would take for a formula (a caller's ``=HYPERLINK(...)``, a number ``+44...``)
with a leading ``'``; the JSON files carry every value exactly as stored. The event records
the purpose, the ticket, the number of files and the ZIP's SHA-256, no personal values.

``manifest.json`` carries ``audit_head`` (``SEQ:HASH``, null for an empty log): the head read in
the export's read transaction, so before the export's own ``account.export`` event (which
records the ZIP's hash and so cannot be inside it); ``minisip-console audit verify
--expect-head SEQ:HASH`` later shows the log still contains it unchanged.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import tempfile
import time
import zipfile
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from sqlalchemy import (
    Boolean,
    ColumnElement,
    Date,
    DateTime,
    Table,
    and_,
    func,
    or_,
    select,
    tuple_,
)
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.types import TypeEngine

from minisip_console import __version__
from minisip_console.core import access, audit
from minisip_console.core.access import ensure_grant
from minisip_console.core.models import (
    AccessGrant,
    AuditEvent,
    Configuration,
    Disclosure,
    MarketingPermission,
    Operator,
    PageVisit,
    SurveyResponse,
    utcnow,
)
from minisip_console.core.operators import OperatorInfo
from minisip_console.core.personal import PersonalReader
from minisip_console.core.plumbing import db, files, jsontime
from minisip_console.core.plumbing.errors import Cancelled, ConsoleError, InvalidInput
from minisip_console.core.plumbing.filestore import FileStore
from minisip_console.core.purposes import parse_purpose, validate_ticket

Progress = Callable[[int, int, str], None]

#: rows fetched per query (and per progress report / cancel check)
BATCH = 1000
#: bytes copied per read (stored files, the JSON spool)
CHUNK = 1 << 20
#: deflate level: 1 compresses CSV and JSON about 3.7x faster than the default 6 for ZIPs about
#: 30 % larger (measured on 16 MB of CDRs: 0.14 s against 0.52 s)
COMPRESSLEVEL = 1
#: the layout of the ZIP; raised when an entry changes meaning
FORMAT_VERSION = 1
AUDIT_ACTION = "account.export"
#: the data categories of ``core.legal.CATEGORIES`` -> the tables exported for each (``categories=``);
#: "subscriber" is the account row (``profile.json``), "files" adds the stored files' bytes
CATEGORY_TABLES: dict[str, tuple[str, ...]] = {
    "subscriber": (),
    "cdrs": ("cdrs",),
    "configurations": ("configurations",),
    "files": ("uploaded_files",),
    "correspondence": ("support_messages",),
}


@dataclass(frozen=True)
class ExportedFile:
    """One entry of the ZIP: its name, size, SHA-256 and (for tables) its number of rows."""

    name: str
    sha256: str
    bytes: int
    rows: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "sha256": self.sha256, "bytes": self.bytes, "rows": self.rows}


@dataclass(frozen=True)
class ExportReceipt:
    """What ``export_account`` wrote: every entry of the ZIP, the manifest last."""

    path: Path
    account_id: int
    files: tuple[ExportedFile, ...]
    bytes: int
    seconds: float
    sha256: str
    audit_seq: int
    #: uploaded files whose bytes were not in the file store (their metadata is still exported)
    missing_files: tuple[int, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "account_id": self.account_id,
            "files": [f.as_dict() for f in self.files],
            "bytes": self.bytes,
            "seconds": round(self.seconds, 3),
            "sha256": self.sha256,
            "audit_seq": self.audit_seq,
            "missing_files": list(self.missing_files),
        }


def export_account(
    sessions: sessionmaker[Session],
    operator: OperatorInfo,
    account_id: int,
    *,
    purpose: str,
    ticket: str,
    out_path: str | os.PathLike[str],
    store: FileStore,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
    now: dt.datetime | None = None,
    categories: Collection[str] | None = None,
    compliance: int | None = None,
) -> ExportReceipt:
    """Write the ZIP of everything held about ``account_id`` to ``out_path`` (see the module docstring).

    ``categories`` (keys of ``core.legal.CATEGORIES``) limits the ZIP to those data: "subscriber"
    the account row, "cdrs", "configurations", "files" (metadata and bytes), "correspondence"
    (support messages); nothing else (no access history, no disclosures) and a manifest that
    names the categories. None: everything (the customer's own export).

    Needs the operator role or higher, a purpose and a ticket reference. ``progress(done, total,
    what)`` is called after every batch and ``cancel()`` checked between batches (``Cancelled``:
    no file, no audit event). Raises ``InvalidInput`` for an unknown account or a bad purpose or
    ticket, ``PermissionDenied`` for a viewer, ``ConsoleError`` when the output cannot be written.
    """
    started = time.perf_counter()
    purpose_ = parse_purpose(purpose)
    ticket_ = validate_ticket(ticket)
    access.enforce("export", operator)
    chosen = _check_categories(categories)
    if now is None:
        now = utcnow()
    elif now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    target = _check_out_path(Path(out_path))
    report = progress or _no_progress
    stop = cancel or _never
    # an export reads the account's personal data: under the operator's access grant (one is obtained for
    # the export's purpose and ticket when none is running), or under an approved law-enforcement compliance
    grant = None if compliance is not None else ensure_grant(sessions, operator, account_id, purpose_, ticket_, now=now)

    seq: int | None = None
    try:
        # the ZIP streams into files.atomic_write's temporary file beside the target; it is renamed
        # over the target when the body ends, after the audit event is committed
        with files.atomic_write(target) as pending:
            tmp = pending.file
            engine = sessions.kw["bind"]
            with db.translated(engine.url), engine.connect() as conn, Session(bind=conn) as session:
                # the account is opened (audited, committed) on this connection first, then read in one
                # snapshot that holds no write: a long export never holds the audit log's append lock
                reader = PersonalReader(session, operator)
                with session.begin():
                    if compliance is not None:
                        reader.open_for_compliance(compliance, account_id, for_session=True)
                    else:
                        assert grant is not None
                        reader.open_account(
                            account_id,
                            action="account.read",
                            for_session=True,
                            at=now,
                            details={"grant_id": grant.id, "purpose": purpose_.value, "ticket": ticket_, "for": AUDIT_ACTION},
                        )
                try:
                    if conn.dialect.name == "postgresql":  # one snapshot for every table
                        conn.execution_options(isolation_level="REPEATABLE READ")
                    session.begin()
                    writer = _Writer(session, store, tmp, account_id, target.parent, report, stop, categories=chosen, reader=reader)
                    log_head = audit.head(session)  # in the read transaction, before the export's own event
                    head: dict[str, Any] = {
                        "format": FORMAT_VERSION,
                        "account_id": account_id,
                        "exported_at": jsontime.iso(now),
                        "exported_by": {"login": operator.login, "name": operator.display_name},
                        "purpose": purpose_.value,
                        "ticket": ticket_,
                        "generator": f"minisip-console {__version__}",
                        "audit_head": log_head.text if log_head else None,
                    }
                    if chosen is not None:
                        head["categories"] = sorted(chosen)
                    writer.write_all(manifest=head)
                finally:
                    session.rollback()  # the pool resets the isolation level when the connection goes back
                    reader.close()
            pending.sync()
            zip_sha, size = _hash_file(pending.path)
            with sessions() as session, db.translated(engine.url), session.begin():
                event = audit.append(
                    session,
                    operator=operator.login,
                    action=AUDIT_ACTION,
                    target_type="account",
                    target_id=account_id,
                    details={
                        "purpose": purpose_.value,
                        "ticket": ticket_,
                        "files": len(writer.files),
                        "zip_sha256": zip_sha,
                        **({"categories": sorted(chosen)} if chosen is not None else {}),
                    },
                    at=now,
                )
                seq = event.seq
    except ConsoleError as exc:  # a full disk, a folder gone... (atomic_write's sentence; no file left)
        if seq is None:
            raise
        raise ConsoleError(
            f"The export was built but could not be moved into place: {exc.message}",
            hint=f"Its audit event {seq} records it; run the export again.",
        ) from None
    assert seq is not None  # the event was appended in the block above
    return ExportReceipt(
        path=target,
        account_id=account_id,
        files=tuple(writer.files),
        bytes=size,
        seconds=time.perf_counter() - started,
        sha256=zip_sha,
        audit_seq=seq,
        missing_files=tuple(writer.missing),
    )


def _check_categories(categories: Collection[str] | None) -> frozenset[str] | None:
    if categories is None:
        return None
    if isinstance(categories, str):
        categories = [categories]
    chosen = frozenset(str(c).strip() for c in categories)
    unknown = sorted(chosen - set(CATEGORY_TABLES))
    if unknown:
        raise InvalidInput(
            f"Unknown data categor{'ies' if len(unknown) > 1 else 'y'} {', '.join(map(repr, unknown))}.",
            hint=f"Use: {', '.join(CATEGORY_TABLES)}.",
        )
    if not chosen:
        raise InvalidInput("An export limited to categories needs at least one category.")
    return chosen


def _no_progress(done: int, total: int, what: str) -> None:
    """The default progress callback: report nothing."""


def _never() -> bool:
    return False


def _check_out_path(path: Path) -> Path:
    path = path.expanduser()
    if not path.name or path.is_dir():
        raise InvalidInput(f"{path} is a folder.", hint="Give the name of the ZIP file to write, e.g. account-42.zip.")
    folder = path.parent.resolve()
    if not folder.is_dir():
        raise ConsoleError(f"The folder {folder} does not exist.", hint="Create it or choose another place for the export.")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ConsoleError(f"The folder {folder} is not writable.", hint="Choose a folder you may write to.")
    return folder / path.name


def _hash_file(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


# --------------------------------------------------------------------------- values


def _text(value: Any) -> Any:
    """A value as JSON holds it: moments and dates in ``core.plumbing.jsontime``'s one form
    (``2026-12-07T10:34:56+00:00``, ``2026-12-07``), everything else as it is."""
    return jsontime.cell(value)


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return _text(value)


def _is(type_: TypeEngine[Any], kinds: type[TypeEngine[Any]] | tuple[type[TypeEngine[Any]], ...]) -> bool:
    """Whether a column type is one of ``kinds``, looking through a ``TypeDecorator`` (``UTCDateTime``)."""
    return isinstance(type_, kinds) or isinstance(getattr(type_, "impl", None), kinds)


def _safe_name(filename: str) -> str:
    """A file name that cannot leave its folder in the ZIP and that every platform can unpack."""
    return files.portable_name(filename, "file")


class _HashingWriter:
    """Counts and hashes what goes into a ZIP entry."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.digest = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> None:
        self.raw.write(data)
        self.digest.update(data)
        self.size += len(data)


# --------------------------------------------------------------------------- the writer


@dataclass(frozen=True)
class _Dataset:
    """A table's rows for the account, read in keyset batches."""

    name: str
    table: Table
    where: ColumnElement[bool]
    #: the keyset: unique, and what an index returns in order
    key: tuple[Any, ...]
    json_kind: str = "json"  # "json" (an array) or "jsonl" (one object a line)
    huge: bool = False  # may pass 2 GiB: write the entry as ZIP64


class _Writer:
    def __init__(
        self,
        session: Session,
        store: FileStore,
        out: IO[bytes],
        account_id: int,
        spool_dir: Path,
        report: Progress,
        cancel: Callable[[], bool],
        *,
        categories: frozenset[str] | None = None,
        reader: PersonalReader,
    ) -> None:
        self.session = session
        self.reader = reader
        #: None: everything; else only these categories (``CATEGORY_TABLES``)
        self.categories = categories
        self.store = store
        self.account_id = account_id
        self.spool_dir = spool_dir
        self.report = report
        self.cancel = cancel
        self.out = out
        self.files: list[ExportedFile] = []
        self.missing: list[int] = []
        self.done = 0
        self.total = 0

    # ---- steps

    def write_all(self, manifest: dict[str, Any]) -> None:
        accounts = self.reader.table("accounts")
        account = self.session.execute(select(accounts).where(accounts.c.id == self.account_id)).mappings().first()
        if account is None:
            raise InvalidInput(f"There is no account {self.account_id}.", hint="Check the account id in the Accounts tab.")
        everything = self.categories is None
        datasets = self._datasets()
        if not everything:
            tables = {t for c in self.categories or () for t in CATEGORY_TABLES[c]}
            datasets = [d for d in datasets if d.name in tables]
        profile = everything or "subscriber" in (self.categories or ())
        counts = {d.name: self._count(d) for d in datasets}
        n_files = counts.get("uploaded_files", 0)
        # rows of every table, each stored file; the profile, marketing permission, access history, manifest
        self.total = sum(counts.values()) + n_files + (4 if everything else 1 + int(profile))
        self._check("before anything was written")
        self.zip = zipfile.ZipFile(self.out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=COMPRESSLEVEL)
        with self.zip:
            if profile:
                self._json_entry("profile.json", {k: _text(v) for k, v in account.items()}, rows=1)
                self._advance(1, "profile")
            for d in datasets:
                self._dataset(d)
                if d.name == "uploaded_files":
                    self._stored_files()
            if everything:
                self._marketing_permission()
                self._access_history()
            self._check("before the manifest was written")
            manifest = {
                **manifest,
                "files": [f.as_dict() for f in self.files],
                "missing_files": self.missing,
            }
            self._json_entry("manifest.json", manifest, rows=None)
            self.report(self.total, self.total, "manifest")

    def _datasets(self) -> list[_Dataset]:
        a = self.account_id
        # the personal tables through what the reader opened (their views on PostgreSQL)
        files, cdr, messages = (self.reader.table(n) for n in ("uploaded_files", "cdrs", "support_messages"))
        return [
            _Dataset("configurations", Configuration.__table__, Configuration.account_id == a, (Configuration.id,)),
            _Dataset("uploaded_files", files, files.c.account_id == a, (files.c.id,)),
            # (account_id, start, id): ix_cdrs_account_id_start (id rides along as the rowid on
            # SQLite; PostgreSQL adds it with an incremental sort per start value)
            _Dataset("cdrs", cdr, cdr.c.account_id == a, (cdr.c.start, cdr.c.id), json_kind="jsonl", huge=True),
            _Dataset("support_messages", messages, messages.c.account_id == a, (messages.c.id,)),
            _Dataset("survey_responses", SurveyResponse.__table__, SurveyResponse.account_id == a, (SurveyResponse.id,)),
            _Dataset("page_visits", PageVisit.__table__, PageVisit.account_id == a, (PageVisit.id,), huge=True),
            _Dataset("disclosures", Disclosure.__table__, Disclosure.account_id == a, (Disclosure.id,)),
        ]

    def _count(self, d: _Dataset) -> int:
        return self.session.scalar(select(func.count()).select_from(d.table).where(d.where)) or 0

    def _batches(self, d: _Dataset) -> Iterator[list[list[Any]]]:
        """The rows in key order, ``BATCH`` at a time, as lists (only one batch is held at once)."""
        names = [c.name for c in d.key]
        positions = [d.table.columns.keys().index(n) for n in names]
        after: tuple[Any, ...] | None = None
        while True:
            stmt = select(d.table).where(d.where)
            if after is not None:
                stmt = stmt.where(tuple_(*d.key) > after) if len(d.key) > 1 else stmt.where(d.key[0] > after[0])
            batch = [list(row) for row in self.session.execute(stmt.order_by(*d.key).limit(BATCH))]
            if not batch:
                return
            after = tuple(batch[-1][i] for i in positions)
            full = len(batch) == BATCH
            yield batch
            del batch
            if not full:
                return

    def _dataset(self, d: _Dataset) -> None:
        """One pass over the rows: CSV into the ZIP, JSON into a spool copied in afterwards.

        Per-row work is kept to what the values need (times to ISO 8601, booleans spelled out
        in CSV); each batch is written with one call per output.
        """
        columns = [c.name for c in d.table.columns]
        times = [i for i, c in enumerate(d.table.columns) if _is(c.type, (DateTime, Date))]
        flags = [i for i, c in enumerate(d.table.columns) if _is(c.type, Boolean)]
        encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
        jsonl = d.json_kind == "jsonl"
        rows = 0
        json_name = f"{d.name}.{d.json_kind}"
        with tempfile.TemporaryFile(dir=self.spool_dir) as spool:
            json_out = _HashingWriter(spool)
            with self.zip.open(f"{d.name}.csv", "w", force_zip64=d.huge) as entry:
                csv_out = _HashingWriter(entry)
                text = io.StringIO()
                writer = files.CsvWriter(text)
                writer.writerow(columns)
                for values in self._batches(d):
                    for row in values:
                        for i in times:
                            if row[i] is not None:
                                row[i] = jsontime.cell(row[i])
                    records = [encode(dict(zip(columns, row, strict=True))) for row in values]
                    if jsonl:
                        json_out.write(("\n".join(records) + "\n").encode())
                    else:
                        json_out.write(("[\n  " if rows == 0 else ",\n  ").encode() + ",\n  ".join(records).encode())
                    if flags:
                        for row in values:
                            for i in flags:
                                row[i] = _csv_cell(row[i])
                    writer.writerows(values)  # None is written as an empty cell, formula-like text neutralised
                    csv_out.write(text.getvalue().encode())
                    text.seek(0)
                    text.truncate()
                    rows += len(values)
                    self._advance(len(values), d.name)
                csv_out.write(text.getvalue().encode())  # the header of an empty table
            self.files.append(ExportedFile(f"{d.name}.csv", csv_out.digest.hexdigest(), csv_out.size, rows))
            if not jsonl:
                json_out.write(b"\n]\n" if rows else b"[]\n")
            spool.seek(0)
            with self.zip.open(json_name, "w", force_zip64=d.huge) as entry:
                while chunk := spool.read(CHUNK):
                    entry.write(chunk)
            self.files.append(ExportedFile(json_name, json_out.digest.hexdigest(), json_out.size, rows))

    def _stored_files(self) -> None:
        files = self.reader.table("uploaded_files")
        stmt = select(files.c.id, files.c.filename, files.c.storage_path).where(files.c.account_id == self.account_id).order_by(files.c.id)
        for file_id, filename, storage_path in self.session.execute(stmt).all():
            self._check("while copying uploaded files")
            try:
                source = self.store.path_of(storage_path).open("rb")
            except (OSError, ValueError):
                self.missing.append(file_id)
                self._advance(1, "uploaded files")
                continue
            name = f"files/{file_id}/{_safe_name(filename)}"
            with source, self.zip.open(name, "w", force_zip64=True) as entry:
                out = _HashingWriter(entry)
                while chunk := source.read(CHUNK):
                    out.write(chunk)
            self.files.append(ExportedFile(name, out.digest.hexdigest(), out.size, None))
            self._advance(1, "uploaded files")

    def _marketing_permission(self) -> None:
        row = (
            self.session.execute(select(MarketingPermission.__table__).where(MarketingPermission.account_id == self.account_id))
            .mappings()
            .first()
        )
        record = {k: _text(v) for k, v in row.items()} if row else None
        self._json_entry("marketing_permission.json", record, rows=1 if row else 0)
        self._advance(1, "marketing permission")

    def _access_history(self) -> None:
        """Who looked at the account, when, why: its access grants and its audited events."""
        history: list[dict[str, Any]] = []
        grants = self.session.execute(
            select(AccessGrant, Operator.login)
            .join(Operator, Operator.id == AccessGrant.operator_id)
            .where(AccessGrant.account_id == self.account_id)
            .order_by(AccessGrant.granted_at, AccessGrant.id)
        ).all()
        for grant, login in grants:
            history.append(
                {
                    "at": _text(grant.granted_at),
                    "source": "access_grant",
                    "operator": login,
                    "action": "access.grant",
                    "purpose": grant.purpose,
                    "ticket": grant.ticket_ref,
                    "expires_at": _text(grant.expires_at),
                    "ended_at": _text(grant.ended_at),
                    "details": "",
                }
            )
        about = and_(AuditEvent.target_type == "account", AuditEvent.target_id == str(self.account_id))
        grant_ids = [str(grant.id) for grant, _ in grants]
        if grant_ids:  # the grants' own events (obtained, ended early)
            about = or_(about, and_(AuditEvent.target_type == "access_grant", AuditEvent.target_id.in_(grant_ids)))
        events = self.session.scalars(select(AuditEvent).where(about).order_by(AuditEvent.seq)).all()
        for event in events:
            try:
                details = json.loads(event.details)
            except ValueError:
                details = {}
            details = details if isinstance(details, dict) else {}
            history.append(
                {
                    "at": _text(event.occurred_at),
                    "source": f"audit_event {event.seq}",
                    "operator": event.operator_login,
                    "action": event.action,
                    "purpose": details.get("purpose", ""),
                    "ticket": details.get("ticket", ""),
                    "expires_at": None,
                    "ended_at": None,
                    "details": event.details,
                }
            )
        history.sort(key=lambda h: h["at"])
        self._json_entry("access_history.json", history, rows=len(history))
        text = io.StringIO()
        columns = ["at", "source", "operator", "action", "purpose", "ticket", "expires_at", "ended_at", "details"]
        writer = files.CsvWriter(text)
        writer.writerow(columns)
        writer.writerows([_csv_cell(h[k]) for k in columns] for h in history)
        self._entry("access_history.csv", text.getvalue().encode(), rows=len(history))
        self._advance(1, "access history")

    # ---- helpers

    def _json_entry(self, name: str, value: Any, *, rows: int | None) -> None:
        self._entry(name, (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode(), rows=rows)

    def _entry(self, name: str, data: bytes, *, rows: int | None) -> None:
        self.zip.writestr(name, data)
        self.files.append(ExportedFile(name, hashlib.sha256(data).hexdigest(), len(data), rows))

    def _advance(self, n: int, what: str) -> None:
        self.done += n
        self.report(self.done, self.total, what)
        self._check(f"after {self.done:,} of {self.total:,} items")

    def _check(self, where: str) -> None:
        if self.cancel():
            raise Cancelled(f"Export cancelled {where}; no file was written.")
