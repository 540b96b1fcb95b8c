"""Reading the audit log: filters (operator, action, account, date range) and a streamed export.

Qt-free and read-only. Rows come back as frozen ``AuditRow`` values in batches by ``seq`` (a
keyset over the primary key), so exporting a long log never holds it in memory. Dates are
whole UTC days: ``since`` from its first instant, ``until`` up to the end of that day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session, sessionmaker

from minisip_console.core import limits
from minisip_console.core.models import AuditEvent
from minisip_console.core.plumbing import files
from minisip_console.core.plumbing.errors import InvalidInput
from minisip_console.core.text import say

#: columns of the CSV export, in order: every field the hash covers, so the export can be checked
CSV_FIELDS: tuple[str, ...] = (
    "seq",
    "occurred_at",
    "operator",
    "action",
    "target_type",
    "target_id",
    "details",
    "prev_hash",
    "hash",
)

BATCH = 5000


@dataclass(frozen=True)
class AuditRow:
    seq: int
    occurred_at: dt.datetime
    operator: str
    action: str
    target_type: str
    target_id: str
    details: str
    prev_hash: str
    hash: str

    def as_csv(self) -> list[str]:
        return [
            str(self.seq),
            self.occurred_at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
            self.operator,
            self.action,
            self.target_type,
            self.target_id,
            self.details,
            self.prev_hash,
            self.hash,
        ]


@dataclass(frozen=True)
class AuditFilter:
    operator: str | None = None
    action: str | None = None
    account_id: int | None = None
    since: dt.date | None = None
    until: dt.date | None = None

    def __post_init__(self) -> None:
        if self.since and self.until and self.since > self.until:
            raise InvalidInput(
                say("The date range is empty: {value} is after {value2}.", value=self.since.isoformat(), value2=self.until.isoformat()),
                hint=say("Give --since on or before --until."),
            )

    def where(self) -> list[ColumnElement[bool]]:
        clauses: list[ColumnElement[bool]] = []
        if self.operator:
            clauses.append(AuditEvent.operator_login == self.operator)
        if self.action:
            clauses.append(AuditEvent.action == self.action)
        if self.account_id is not None:
            clauses += [AuditEvent.target_type == "account", AuditEvent.target_id == str(self.account_id)]
        if self.since:
            clauses.append(AuditEvent.occurred_at >= _day_start(self.since))
        if self.until:
            clauses.append(AuditEvent.occurred_at < _day_start(self.until + dt.timedelta(days=1)))
        return clauses

    def as_dict(self) -> dict[str, Any]:
        return {
            "operator": self.operator,
            "action": self.action,
            "account": self.account_id,
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
        }


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def parse_date(raw: str | None, *, option: str = "date") -> dt.date | None:
    """An ISO date ``YYYY-MM-DD``; ``InvalidInput`` naming ``option`` otherwise."""
    if raw is None or not raw.strip():
        return None
    text = raw.strip()
    try:
        if len(text) != 10:
            raise ValueError
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(
            say("{option} {text!r} is not a date.", option=option, text=text[:40]),
            hint=say("Use the ISO form YYYY-MM-DD, e.g. 2026-03-01."),
        ) from None


def parse_account_id(raw: str | None) -> int | None:
    if raw is None or not raw.strip():
        return None
    try:
        return limits.parse_id(raw, what="an account id")  # the one rule for ids (1 to ID_MAX)
    except InvalidInput as exc:
        raise InvalidInput(say("--account: {message}", message=exc.message), hint=say("Give the account's number, e.g. 1042.")) from None


def iter_events(sessions: sessionmaker[Session], flt: AuditFilter | None = None, *, batch: int = BATCH) -> Iterator[AuditRow]:
    """Matching events in ``seq`` order, read ``batch`` at a time (one short session per batch)."""
    after = 0
    where = (flt or AuditFilter()).where()
    cols = (
        AuditEvent.seq,
        AuditEvent.occurred_at,
        AuditEvent.operator_login,
        AuditEvent.action,
        AuditEvent.target_type,
        AuditEvent.target_id,
        AuditEvent.details,
        AuditEvent.prev_hash,
        AuditEvent.hash,
    )
    while True:
        with sessions() as session:
            rows = session.execute(select(*cols).where(AuditEvent.seq > after, *where).order_by(AuditEvent.seq).limit(batch)).all()
        if not rows:
            return
        for r in rows:
            yield AuditRow(r.seq, r.occurred_at, r.operator_login, r.action, r.target_type, r.target_id, r.details, r.prev_hash, r.hash)
        after = rows[-1].seq


def export_csv(
    sessions: sessionmaker[Session],
    out: Path,
    flt: AuditFilter | None = None,
    *,
    progress: Callable[[int], None] | None = None,
    batch: int = BATCH,
) -> int:
    """Write the matching events to ``out`` as CSV; returns how many.

    Written by ``files.write_csv``: to a temporary file beside ``out``, renamed at the end, so a
    failed export (a full disk included: a sentence saying how much room there was) leaves no
    half-written file under the requested name.

    The file stays faithful to the log: every hashed field is a column, and the chain can be
    recomputed from the cells. The console's CSV neutralises a text cell that a spreadsheet
    would take for a formula (a leading ``'``, see ``core.plumbing.files``); the log's own values never
    begin with such a character (numbers, ISO times, logins ``[a-z_]...``, actions and target
    types in lowercase words, ids, canonical JSON ``{...}`` details, hex hashes), so no cell of
    a log the console wrote is changed. Should one be (a value written by other means), the
    neutralising is reversible: ``files.restore_cell`` gives back the value that was hashed.
    """
    if not out.parent.is_dir():
        raise InvalidInput(say("The folder for {out} does not exist.", out=out), hint=say("Create it or choose another --out."))

    def each(n: int) -> None:
        if progress and n % batch == 0:
            progress(n)

    return files.write_csv(out, CSV_FIELDS, (row.as_csv() for row in iter_events(sessions, flt, batch=batch)), on_row=each)
