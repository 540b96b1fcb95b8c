"""The CDR retention tab's work, as plain functions a worker runs: reading the snapshot, the purge."""

from __future__ import annotations

from typing import TYPE_CHECKING

from minisip_console.core.plumbing.errors import ConsoleError, InvalidInput
from minisip_console.ui.cdr_retention.models import Snapshot

if TYPE_CHECKING:
    from typing import Any

    from minisip_console.core.operators import OperatorInfo
    from minisip_console.core.plumbing.connection import Database
    from minisip_console.core.retention import Receipt


def load_snapshot(database: Database, filters: dict[str, Any]) -> Snapshot:
    from minisip_console.core import retention
    from minisip_console.core.cdr_browse import (
        CdrSource,
        age_histogram,
        granted_accounts,
    )
    from minisip_console.ui.table_model import prepare

    status = retention.status(database.sessions, "cdr")
    found = retention.receipts(database.sessions, category="cdr", limit=50)
    with database.sessions() as session:
        policies = retention.list_policies(session)
    histogram = source = browse = None
    histogram_error = browse_error = None
    if status.target is not None:
        days = status.policy.days if status.policy.days is not None else retention.PROMISED_CDR_DAYS
        try:
            histogram = age_histogram(database.engine, status.target, now=status.now, cutoff_days=days)
        except ConsoleError as exc:
            histogram_error = exc.message
        try:
            unmasked = granted_accounts(database.sessions, database.operator)
            source = CdrSource(database.engine, status.target, unmasked_accounts=unmasked, login=database.operator.login)
            try:
                browse = prepare(source.filtered(**filters))
            except InvalidInput:  # a filter that no longer applies: show everything
                browse = prepare(source)
        except ConsoleError as exc:
            browse_error = exc.message
    else:
        histogram_error = browse_error = status.target_error
    return Snapshot(status, found, policies, histogram, histogram_error, source, browse, browse_error)


def purge_job(
    sessions: Any,
    operator: OperatorInfo,
    *,
    batch_size: int | None,
    progress: Any,
    cancel: Any,
    expected: int | None = None,
) -> tuple[Receipt, ...]:
    """``retention.run_purge`` for the worker: each ``PurgeProgress`` is the worker's progress payload, whole."""
    from minisip_console.core import retention

    return retention.run_purge(
        sessions,
        operator,
        category="cdr",
        trigger="operator",
        batch_size=batch_size,
        progress=progress,
        cancel=cancel,
        expected=None if expected is None else {"cdr": expected},
    )
