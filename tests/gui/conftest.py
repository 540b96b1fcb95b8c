"""GUI tests: pytest-qt on the offscreen platform, real SQLite databases built with core functions.

Every widget goes through ``qtbot.addWidget``; workers are waited for with signals, never
sleeps; the global thread pool is drained after each test, so no worker outlives its test.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# before Qt is loaded (Qt is imported inside the fixtures and tests): no display needed
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

GUI_DIR = Path(__file__).resolve().parent

#: The offscreen platform prints these qWarnings when a shown window's size limits change or a
#: window is raised: limitations of the test platform (xcb, Windows and macOS support both),
#: not of the console.
OFFSCREEN_UNSUPPORTED = r"^This plugin does not support (propagateSizeHints|raise)\(\)$"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if GUI_DIR in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_UNSUPPORTED))


def finish_workers() -> None:
    """Wait until no worker runs (their late results go nowhere): before a test drops the database
    its window was connected to, so a read still running (the Overview's checks) never meets a
    database that is gone."""
    from PySide6.QtCore import QThreadPool

    from minisip_console.ui import workers

    workers.cancel_all()
    assert QThreadPool.globalInstance().waitForDone(30_000), "a worker was still running after 30 s"


@pytest.fixture(autouse=True)
def drain_thread_pool(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """No worker outlives its test: wait for the pool, then deliver its last queued signals.

    As in the app (``ui.gc_guard``), cycles are freed on the GUI thread only: the automatic
    collector is off while the test runs, and the garbage is collected here, once no worker runs
    (a cycle holding a Qt wrapper freed on a worker thread crashes the process)."""
    import gc

    gc.disable()
    yield
    from PySide6.QtCore import QCoreApplication, QEvent, QThreadPool

    from minisip_console.ui import workers

    workers.cancel_all()
    assert QThreadPool.globalInstance().waitForDone(30_000), "a worker was still running 30 s after its test"
    QCoreApplication.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    gc.enable()


def build_database(
    path: Path,
    *,
    accounts: int = 50,
    cdrs: int = 40,
    operator: tuple[str, str, str] | None = ("test-operator", "Test Operator", "admin"),
    policies: bool = True,
    deletions: bool = True,
    demo: bool = True,
) -> str:
    """A real SQLite database at head, filled through the core's schema. Returns its URL.

    ``demo``: marked as the demo database, so ``MINISIP_CONSOLE_OPERATOR`` (the tests'
    ``test-operator``) names the operator; unmarked, the operator is the OS login."""
    from sqlalchemy import insert

    from minisip_console.core.models import (
        Account,
        Cdr,
        DeletionRequest,
        Operator,
        PolicyVersion,
        PurgeRun,
    )
    from minisip_console.core.operators import mark_demo
    from minisip_console.core.plumbing import db

    url = f"sqlite:///{path}"
    engine = db.make_engine(url)
    try:
        db.upgrade(engine)
        now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        statuses = ("active", "active", "suspended", "closed")
        with db.session_factory(engine)() as session, session.begin():
            if accounts:
                session.execute(
                    insert(Account),
                    [
                        {
                            "id": i,
                            "name": f"Jane{i} Doe",
                            "email": f"jane{i}@example.com",
                            "company": "Acme Telephony" if i % 2 else None,
                            "status": statuses[i % len(statuses)],
                            "created_at": now - dt.timedelta(hours=i),
                        }
                        for i in range(1, accounts + 1)
                    ],
                )
            if cdrs:
                # one CDR a day: those older than 30 days are past the policy's promise
                session.execute(
                    insert(Cdr),
                    [{"start": now - dt.timedelta(days=i, hours=1), "src": "100", "dst": "200"} for i in range(cdrs)],
                )
            if operator:
                login, name, role = operator
                session.add(Operator(login=login, display_name=name, role=role))
            if demo:
                mark_demo(session)
            if policies:
                session.add(
                    PolicyVersion(
                        number="1.0",
                        effective_date=dt.date(2024, 1, 15),
                        text="v1",
                        significant=True,
                        published_at=now - dt.timedelta(days=300),
                    )
                )
                session.add(PolicyVersion(number="1.1", effective_date=dt.date(2025, 3, 1), text="v1.1", significant=None))
            if deletions:
                for state, due in (("received", -2), ("received", 10), ("approved", 5), ("completed", -30)):
                    session.add(
                        DeletionRequest(
                            account_id=1,
                            scope="configurations",
                            source="customer@example.com",
                            ticket_ref="T-1",
                            state=state,
                            requested_by="alice",
                            due_at=now + dt.timedelta(days=due),
                        )
                    )
                session.add(
                    PurgeRun(
                        category="cdr",
                        state="completed",
                        cutoff=now - dt.timedelta(days=30),
                        started_at=now - dt.timedelta(days=1),
                        finished_at=now - dt.timedelta(days=1),
                        started_by="scheduler",
                        trigger="scheduler",
                        rows_deleted=1234,
                    )
                )
    finally:
        engine.dispose()
    return url


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    return build_database(tmp_path / "console.db")


@pytest.fixture
def gui_thread_sql() -> Iterator[list[str]]:
    """The SQL statements run on the GUI (main) thread while the test runs, in order.

    A ``before_cursor_execute`` listener on every SQLAlchemy engine (the test database's included,
    however the test opened it) records each statement executed from the main thread; statements
    from pool workers are not recorded. A test clears the list after its own set-up (which runs on
    the main thread), drives the window, waits for the result, and asserts the list is empty."""
    import threading

    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    statements: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if threading.current_thread() is threading.main_thread():
            statements.append(statement)

    event.listen(Engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(Engine, "before_cursor_execute", record)


def assert_reason_shown(line: Any, button: Any, error: Any) -> None:
    """The tab's reasons line (``tabs.ReasonsLine``) names the greyed ``button`` beside the core's
    ``error``: its sentence, or for a refusal by role the role it needs."""
    from minisip_console.core.plumbing.errors import PermissionDenied
    from minisip_console.ui.tabs import button_name

    assert line.isVisible(), line.objectName()
    name, lines = button_name(button), line.text().splitlines()
    if isinstance(error, PermissionDenied) and error.needs:
        wanted = f"that needs the {error.needs} role"
        assert any(name in one and wanted in one and error.who in one for one in lines), (name, wanted, lines)
    else:
        assert any(name in one and error.message in one for one in lines), (name, error.message, lines)
