"""Gather, render, record, rename: the one way the audit report is exported, for the command line
and the window alike (the window runs it on a worker)."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from minisip_console.core import audit_report
from minisip_console.core.audit_report import ReportData
from minisip_console.core.operators import OperatorInfo
from minisip_console.core.plumbing import files
from minisip_console.core.plumbing.errors import InvalidInput
from minisip_console.report.pdf import Rendered, render_pdf


@dataclass(frozen=True)
class Exported:
    path: Path
    sha256: str
    pages: int
    audit_seq: int  # the report.exported event that records the SHA-256
    data: ReportData


def check_out_path(path: str | os.PathLike[str]) -> Path:
    """``path`` as the report's file: a ``.pdf`` in a folder that exists (``InvalidInput`` otherwise)."""
    target = Path(path).expanduser()
    if target.suffix.lower() != ".pdf":
        raise InvalidInput(
            f"Cannot write the audit report as {target.suffix or 'a file without an extension'} ({target}).", hint="Use a .pdf file name."
        )
    return files.check_target(target, example="a file name, e.g. audit-report.pdf")


def export_report(
    sessions: sessionmaker[Session],
    operator: OperatorInfo,
    *,
    since: dt.date,
    until: dt.date,
    path: str | os.PathLike[str],
    database: str | None = None,
    now: dt.datetime | None = None,
) -> Exported:
    """Write the audit report for ``since`` to ``until`` to ``path`` and record its SHA-256 in the
    audit log (``report.exported``) before the file is moved into place: if the event cannot be
    written, no file is left."""
    audit_report.check_period(since, until)
    target = check_out_path(path)
    data = audit_report.gather(sessions, since=since, until=until, operator=operator, now=now, database=database)
    recorded: list[tuple[Rendered, int]] = []

    def record(rendered: Rendered) -> None:
        event = audit_report.record_export(sessions, operator, data, rendered.sha256, pages=rendered.pages, now=now)
        recorded.append((rendered, event.seq))

    digest = render_pdf(data, target, before_rename=record)
    rendered, seq = recorded[0]
    return Exported(target, digest, rendered.pages, seq, data)
