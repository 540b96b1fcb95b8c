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


def load_snapshot(database: Database, filters: dict[str, Any], category: str = "cdr", target_name: str | None = None) -> Snapshot:
    """Every category's status and every saved target's at one moment, and the shown row's receipts
    and age chart (made from its status: the legend counts what the verdict counts; a saved target's
    read on its own database); the CDR browser's first page (the console's own CDR table).

    The shown row is ``target_name``'s (whatever ``category`` says: a target belongs to one), else
    ``category``'s own table; a target removed meanwhile falls back to its category's own table."""
    from minisip_console.core import retention, targets
    from minisip_console.core.cdr_browse import (
        CdrSource,
        granted_accounts,
        status_histogram,
    )
    from minisip_console.core.plumbing import db
    from minisip_console.ui.table_model import prepare

    statuses = retention.statuses(database.sessions)
    saved = targets.list_targets(database.sessions)
    shown = next((s for s in statuses if target_name is not None and s.target_name == target_name), None)
    if shown is None:
        shown = next((s for s in statuses if s.policy.category == category and s.target_name is None), statuses[0])
    category = shown.policy.category
    target_name = shown.target_name
    found = retention.receipts(database.sessions, category=category, target_name=target_name, limit=50)
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
            if target_name is None:
                histogram = status_histogram(database.engine, shown)
            else:  # read where the target's rows live, with its password from the keyring
                target = next(t for t in saved if t.name == target_name)
                engine = targets.engine_for(target)
                try:
                    histogram = status_histogram(engine, shown)
                finally:
                    db.dispose(engine)
        except ConsoleError as exc:
            histogram_error = exc.message
    cdr = next(s for s in statuses if s.policy.category == "cdr" and s.target_name is None)
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
    return Snapshot(
        statuses,
        category,
        found,
        policies,
        histogram,
        histogram_error,
        source,
        browse,
        browse_error,
        target_name=target_name,
        targets=saved,
    )


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
    target_name: str | None = None,
) -> tuple[Receipt, ...]:
    """``retention.run_purge`` of one category's own table, or of one saved target (``target_name``),
    for the worker, at the cutoff the dry run counted (``now``: the plan's); each ``PurgeProgress`` is
    the worker's progress payload, whole."""
    from minisip_console.core import retention

    key = category if target_name is None else f"{category}:{target_name}"  # how run_purge keys ``expected``
    return retention.run_purge(
        sessions,
        operator,
        category=category,
        trigger="operator",
        batch_size=batch_size,
        progress=progress,
        cancel=cancel,
        expected=None if expected is None else {key: expected},
        now=now,
        target=target_name,
    )
