"""What "connect" means for the window, as plain functions a worker runs (no Qt here).

A ``ConnectRequest`` says how the operator chose the database (``--demo``, ``--profile``,
``--database``, the connect dialog, or nothing: the last profile). ``connect`` resolves it,
creates the demo database on first use, opens and checks the database (core.plumbing.connection) and
returns ``Connected``, or ``NeedsChoice`` when there is nothing to connect to yet. It runs on
a pool thread: the first call imports SQLAlchemy, which the window must not wait for.

Everything raised is a ``ConsoleError`` for the operator, or a bug for the crash dialog.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from minisip_console.core.plumbing.errors import Cancelled, ConsoleError, DatabaseUnavailable
from minisip_console.core.text import say

if TYPE_CHECKING:
    from minisip_console.core.plumbing.connection import Database, Target
    from minisip_console.core.plumbing.profiles import Profile

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]
Cancel = Callable[[], bool]


def _no_progress(done: int, total: int, what: str = "") -> None:
    return None


def _never() -> bool:
    return False


@dataclass(frozen=True)
class ConnectRequest:
    """How the database was chosen. At most one of demo / profile / database / form."""

    demo: bool = False
    profile: str | None = None
    database: str | None = None  # a URL as typed: may carry a password, so never shown
    #: from the connect dialog: a profile's fields and a typed password (not saved, or edited)
    form: Profile | None = None
    password: str | None = field(default=None, repr=False)

    @property
    def describe(self) -> str:
        """For "Connecting to …" before the target is resolved: never the URL (a password).
        A ``Text`` (``core.text``): English here, translated where the window shows it."""
        if self.demo:
            return say("the demo database")
        if self.profile:
            return say("profile {profile}", profile=self.profile)
        if self.form is not None:
            return self.form.name or say("the database")
        if self.database:
            return say("the database")
        return say("the last used profile")


@dataclass(frozen=True)
class Connected:
    database: Database
    created_demo: Any = None  # core.demo.DemoSummary when the demo was created just now


@dataclass(frozen=True)
class NeedsChoice:
    """Nothing to connect to yet: the window opens the connect dialog."""

    reason: str


def target_for(request: ConnectRequest) -> Target | None:
    """The target the request names; None when nothing was chosen and no profile was used before."""
    from minisip_console.core.plumbing import connection, db
    from minisip_console.core.plumbing.profiles import ProfileStore

    if request.demo:
        return connection.demo_target()
    if request.form is not None:
        profile = request.form
        url = profile.url()
        if request.password:
            url = url.set(password=request.password)
        elif profile.needs_password and any(p.name == profile.name for p in ProfileStore().list()):
            from minisip_console.core.plumbing.profiles import resolve_url

            url = resolve_url(profile)  # the password stored in the keyring for this saved profile
        return connection.Target(url=db.parse_url(url), label=f"{profile.name}: {db.describe(url)}", profile=None)
    if request.profile or request.database:
        return connection.resolve(database=request.database, profile=request.profile)
    last = ProfileStore().last()
    if not last:
        return None
    return connection.resolve(profile=last)


def _check_sqlite_file(target: Target) -> None:
    """Opening a missing SQLite file would create an empty one: say so instead."""
    from minisip_console.core.plumbing import db

    path = db.sqlite_path(target.url)
    if path is not None and not target.demo and not path.exists():
        raise DatabaseUnavailable(
            say("There is no SQLite database at {path}.", path=str(path)),
            hint=say("Check the path, or create one with: {command}", command=f"minisip-console db upgrade --database sqlite:///{path}"),
        )


def ensure_demo(*, progress: Progress = _no_progress, cancel: Cancel = _never, **options: Any) -> Any:
    """Create the embedded demo database on first use. Returns the DemoSummary, or None if it existed.

    It is built beside the real path (a ``.partial`` database and its file store) and renamed
    into place when complete, so an interrupted creation never leaves a half-filled demo behind.
    ``options`` go to ``core.demo.create_demo`` (accounts, cdrs, seed: tests make small demos).
    """
    from sqlalchemy.engine import URL

    from minisip_console.core.plumbing.connection import demo_path
    from minisip_console.core.plumbing.filestore import default_root

    path = demo_path()
    if path.exists():
        return None
    from minisip_console.core import demo

    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.stem + ".partial" + path.suffix)
    partial_url = URL.create("sqlite", database=str(partial))
    partial_files = default_root(partial_url)
    final_files = default_root(URL.create("sqlite", database=str(path)))
    _remove_sqlite(partial)
    _remove_tree(partial_files, within=path.parent)
    progress(0, 0, say("Creating the demo database"))
    try:
        summary = demo.create_demo(partial_url, progress=progress, cancel=cancel, **options)
        if cancel():
            raise Cancelled(say("Creating the demo database was cancelled."), hint=say("Start it again with --demo."))
        _checkpoint(partial)
        _remove_tree(final_files, within=path.parent)  # a store left without its database
        if partial_files.exists():
            os.replace(partial_files, final_files)
        os.replace(partial, path)
    finally:
        _remove_sqlite(partial)
        _remove_tree(partial_files, within=path.parent)
    log.info("created the demo database at %s", path)
    return summary


def _remove_tree(folder: Path, *, within: Path) -> None:
    """Remove a demo file store; only ever inside the demo folder."""
    if folder.exists() and folder.resolve().is_relative_to(within.resolve()):
        import shutil

        shutil.rmtree(folder)


def _checkpoint(path: Path) -> None:
    """Fold the write-ahead log into the file, so the file alone is the whole database."""
    import sqlite3

    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def _remove_sqlite(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(path) + suffix).unlink(missing_ok=True)


#: what the window imports when it first shows a database (the tabs' core modules, the tabs and
#: dialogs added then). ``connect`` imports them (``warm_up``) on its pool thread once the
#: database is open: imported on the GUI thread they held it for about half a second
#: (benchmarks/remote_gui.py). In the same thread as the connection's own imports, never beside
#: them (two threads importing one package at once can meet a partly initialised module).
#: Module code only: none of them makes a Qt object when imported.
WINDOW_MODULES = (
    "minisip_console.core.access",
    "minisip_console.core.accounts",
    "minisip_console.core.audit",
    "minisip_console.core.audit_list",
    "minisip_console.core.audit_query",
    "minisip_console.core.campaign",
    "minisip_console.core.cdr_browse",
    "minisip_console.core.deletion",
    "minisip_console.core.plumbing.filestore",
    "minisip_console.core.holds",
    "minisip_console.core.legal",
    "minisip_console.core.overview",
    "minisip_console.core.personal",
    "minisip_console.core.policy_versions",
    "minisip_console.core.retention",
    "minisip_console.ui.formatting",
    "minisip_console.ui.table_model",
    "minisip_console.ui.cdr_retention.age_chart",
    "minisip_console.ui.audit_log.tab",
    "minisip_console.ui.operators",
    "minisip_console.ui.accounts.grant_dialog",
)


def warm_up() -> int:
    """Import ``WINDOW_MODULES`` (on a pool thread). Returns how many."""
    import importlib

    for name in WINDOW_MODULES:
        importlib.import_module(name)
    return len(WINDOW_MODULES)


def connect(
    request: ConnectRequest,
    *,
    progress: Progress = _no_progress,
    cancel: Cancel = _never,
    prepare: Callable[[], None] | None = None,
) -> Connected | NeedsChoice:
    """Resolve, (create the demo,) open and check. Runs on a pool thread."""
    if prepare is not None:
        prepare()
    progress(0, 0, say("Connecting to {what}…", what=request.describe))
    from minisip_console.core.plumbing.connection import open_database
    from minisip_console.core.plumbing.profiles import ProfileStore

    target = target_for(request)
    if target is None:
        return NeedsChoice(say("No profile has been used yet: choose or create one."))
    created = None
    if target.demo:
        created = ensure_demo(progress=progress, cancel=cancel)
    _check_sqlite_file(target)
    if cancel():
        raise Cancelled(say("Connecting was cancelled."))
    progress(0, 0, say("Connecting to {what}…", what=target.label))
    database = open_database(target, interactive=True)
    try:
        warm_up()
    except BaseException:
        database.close()
        raise
    if target.profile:
        try:
            ProfileStore().set_last(target.profile)
        except ConsoleError as exc:  # the connection works; only the "last used" note failed
            log.warning("could not remember the last profile: %s", exc)
    return Connected(database=database, created_demo=created)


def check_connection(request: ConnectRequest, *, progress: Progress = _no_progress, cancel: Cancel = _never) -> str:
    """Open and check the database the request names, close it, and say what was found."""
    target = target_for(request)
    if target is None:
        raise DatabaseUnavailable(say("No database chosen."))
    _check_sqlite_file(target)
    from minisip_console.core.plumbing.connection import open_database

    database = open_database(target)
    try:
        return say(
            "Connected to {database}. The schema is current ({head}); you are {operator}.",
            database=target.label,
            head=database.schema.head,
            operator=database.operator.label,
        )
    finally:
        database.close()


def setup_logging() -> Path | None:
    """Write the log file in the user's log folder (standard library and platformdirs only)."""
    from minisip_console.core.plumbing import logs
    from minisip_console.core.plumbing.paths import log_dir

    return logs.setup(log_dir())
