"""The Deletion queue tab's work, as plain functions a worker runs: reading the queue, a request, the run."""

from __future__ import annotations

from typing import TYPE_CHECKING

from minisip_console.ui.deletion_queue.models import Details, Snapshot, queue_row

if TYPE_CHECKING:
    from typing import Any

    from minisip_console.core.deletion import RunOutcome
    from minisip_console.core.plumbing.connection import Database


def load_snapshot(database: Database, states: tuple[str, ...] | None) -> Snapshot:
    from minisip_console.core import deletion
    from minisip_console.core.models import utcnow

    now = utcnow()
    everything = deletion.list_requests(database.sessions)
    shown = everything if states is None else deletion.list_requests(database.sessions, states=states)  # filtered in SQL
    return Snapshot(shown, tuple(queue_row(r, now) for r in shown), len(everything), now)


def load_details(database: Database, request_id: int) -> Details:
    from minisip_console.core import deletion

    return Details(deletion.get_request(database.sessions, request_id), deletion.timeline(database.sessions, request_id))


def run_job(database: Database, request_id: int, *, progress: Any, cancel: Any) -> RunOutcome:
    """``deletion.execute`` for the worker, on the database's own file store."""
    from minisip_console.core import deletion
    from minisip_console.core.plumbing.filestore import FileStore, default_root

    store = FileStore(default_root(database.engine.url))
    return deletion.execute(database.sessions, database.operator, request_id, store, progress=progress, cancel=cancel)
