"""The Law enforcement tab's work, as plain functions a worker runs: reading the register, approving, notifying."""

from __future__ import annotations

from typing import TYPE_CHECKING

from minisip_console.core.plumbing.errors import ConsoleError
from minisip_console.ui.i18n import tr
from minisip_console.ui.law_enforcement.models import Snapshot, disclosure_row, hold_row, register_row

if TYPE_CHECKING:
    import datetime as dt
    from pathlib import Path
    from typing import Any

    from minisip_console.core.legal import AccountNotice, ComplianceResult, Intake, RequestInfo, TransparencyReport
    from minisip_console.core.plumbing.connection import Database
    from minisip_console.core.plumbing.mailer import SmtpSettings


def load_snapshot(database: Database) -> Snapshot:
    from minisip_console.core import disclosures as disclosures_module
    from minisip_console.core import holds, legal
    from minisip_console.core.models import utcnow

    now = utcnow()
    with database.sessions() as session:
        requests = legal.list_requests(session, now=now)
        checks = legal.checks(session, now=now)
        hold_list = holds.list_holds(session, now=now, include_ended=True)
        disclosures = disclosures_module.list_disclosures(session)
    return Snapshot(
        tuple(register_row(r) for r in requests),
        checks,
        tuple(hold_row(h) for h in hold_list),
        tuple(disclosure_row(d) for d in disclosures),
        now,
    )


def load_details(database: Database, request_id: int) -> RequestInfo:
    from minisip_console.core import legal

    with database.sessions() as session:
        return legal.get_request(session, request_id)


def file_store(database: Database) -> Any:
    from minisip_console.core.plumbing.filestore import FileStore, default_root

    return FileStore(default_root(database.engine.url))


def approve_job(database: Database, request_id: int, out_dir: Path, *, progress: Any, cancel: Any) -> ComplianceResult:
    """``legal.approve_compliance`` for the worker, on the database's own file store."""
    from minisip_console.core import legal

    return legal.approve_compliance(
        database.sessions, database.operator, request_id, store=file_store(database), out_dir=out_dir, progress=progress, cancel=cancel
    )


def notify_job(
    database: Database, request_id: int, settings: SmtpSettings, account_ids: tuple[int, ...] | None
) -> tuple[AccountNotice, ...]:
    from minisip_console.core import legal

    return legal.notify(database.sessions, database.operator, request_id, settings=settings, account_ids=account_ids)


def record_job(database: Database, intake: Intake) -> RequestInfo:
    """``legal.record_request`` for the worker: the documents are copied into the database's own file store."""
    from minisip_console.core import legal

    return legal.record_request(database.sessions, database.operator, intake, store=file_store(database))


def report_job(database: Database, start: dt.date, end: dt.date, path: Path) -> tuple[TransparencyReport, Path]:
    """The transparency report for ``start``..``end``, written to ``path``: (the report, the file written)."""
    from minisip_console.core import legal

    with database.sessions() as session:
        report = legal.transparency_report(session, start, end)
    try:
        written = legal.write_report(report, path)
    except OSError as exc:  # write_report words the usual ones; anything else still gets a sentence
        raise ConsoleError(tr("Could not write {path}: {error}.").format(path=path, error=exc.strerror or exc)) from exc
    return report, written
