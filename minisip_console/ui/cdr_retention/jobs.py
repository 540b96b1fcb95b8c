"""The retention tab's work, as plain functions a worker runs: reading the snapshot, the purge."""

from __future__ import annotations

from typing import TYPE_CHECKING

from minisip_console.core.plumbing.errors import ConsoleError, InvalidInput
from minisip_console.core.text import say
from minisip_console.ui.cdr_retention.models import Snapshot

if TYPE_CHECKING:
    import datetime as dt
    from typing import Any

    from minisip_console.core.operators import OperatorInfo
    from minisip_console.core.plumbing.connection import Database
    from minisip_console.core.retention import Receipt


def load_snapshot(database: Database, filters: dict[str, Any], category: str = "cdr") -> Snapshot:
    """Every category's status at one moment, and the shown category's receipts and age chart
    (made from its status: the legend counts what the verdict counts); the CDR browser's first page."""
    from minisip_console.core import retention
    from minisip_console.core.cdr_browse import (
        CdrSource,
        granted_accounts,
        status_histogram,
    )
    from minisip_console.ui.table_model import prepare

    statuses = retention.statuses(database.sessions)
    shown = next((s for s in statuses if s.policy.category == category), statuses[0])
    category = shown.policy.category
    found = retention.receipts(database.sessions, category=category, limit=50)
    with database.sessions() as session:
        policies = retention.list_policies(session)
    histogram = source = browse = None
    histogram_error = browse_error = None
    if shown.target is None:
        histogram_error = shown.target_error
    elif shown.policy.days is None:
        histogram_error = say(
            "{category} have no retention in days, only a review date: there is no cutoff to chart.", category=shown.policy.label
        )
    else:
        try:
            histogram = status_histogram(database.engine, shown)
        except ConsoleError as exc:
            histogram_error = exc.message
    cdr = next(s for s in statuses if s.policy.category == "cdr")
    if cdr.target is not None:
        try:
            unmasked = granted_accounts(database.sessions, database.operator)
            source = CdrSource(database.engine, cdr.target, unmasked_accounts=unmasked, login=database.operator.login)
            try:
                browse = prepare(source.filtered(**filters))
            except InvalidInput:  # a filter that no longer applies: show everything
                browse = prepare(source)
        except ConsoleError as exc:
            browse_error = exc.message
    else:
        browse_error = cdr.target_error
    return Snapshot(statuses, category, found, policies, histogram, histogram_error, source, browse, browse_error)


def purge_job(
    sessions: Any,
    operator: OperatorInfo,
    *,
    batch_size: int | None,
    progress: Any,
    cancel: Any,
    expected: int | None = None,
    category: str = "cdr",
    now: dt.datetime | None = None,
) -> tuple[Receipt, ...]:
    """``retention.run_purge`` of one category for the worker, at the cutoff the dry run counted
    (``now``: the plan's); each ``PurgeProgress`` is the worker's progress payload, whole."""
    from minisip_console.core import retention

    return retention.run_purge(
        sessions,
        operator,
        category=category,
        trigger="operator",
        batch_size=batch_size,
        progress=progress,
        cancel=cancel,
        expected=None if expected is None else {category: expected},
        now=now,
    )
