"""Every database a command opens is closed: when the command ends, and when it raises.

``Database`` is a context manager (``with open_database(...) as database:``), and the commands
open the database only that way. An engine is closed by ``Engine.dispose``: SQLAlchemy's
``engine_disposed`` event says which engines were, and ``engine_connect`` which ones connected.
Real demo databases, real commands run in this process through ``cli.main``.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, event

from minisip_console import cli
from minisip_console.commands.opening import as_reader
from minisip_console.core import demo
from minisip_console.core.operators import OPERATOR_ENV
from minisip_console.core.plumbing.connection import open_database, resolve
from minisip_console.core.plumbing.errors import PermissionDenied


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("closing") / "demo.db"
    demo.create_demo(f"sqlite:///{path}", accounts=4, cdrs=20)
    return path


@pytest.fixture
def engines() -> Iterator[tuple[set[Engine], list[Engine]]]:
    """(the engines that connected, the engines disposed, in order) while the test runs."""
    connected: set[Engine] = set()
    disposed: list[Engine] = []

    def on_connect(connection: object) -> None:
        connected.add(connection.engine)  # type: ignore[attr-defined]

    def on_dispose(engine: Engine) -> None:
        disposed.append(engine)

    event.listen(Engine, "engine_connect", on_connect)
    event.listen(Engine, "engine_disposed", on_dispose)
    try:
        yield connected, disposed
    finally:
        event.remove(Engine, "engine_connect", on_connect)
        event.remove(Engine, "engine_disposed", on_dispose)


def test_the_database_is_closed_when_its_block_raises(demo_file: Path, engines: tuple[set[Engine], list[Engine]]) -> None:
    _, disposed = engines
    database = open_database(resolve(database=f"sqlite:///{demo_file}"), as_login="bob")
    with pytest.raises(RuntimeError, match="half way"):  # the error goes on: the block does not swallow it
        with database as same:
            assert same is database
            assert disposed == []  # open inside the block
            raise RuntimeError("half way")
    assert disposed == [database.engine]


def test_the_database_is_closed_when_its_block_ends(demo_file: Path, engines: tuple[set[Engine], list[Engine]]) -> None:
    _, disposed = engines
    with open_database(resolve(database=f"sqlite:///{demo_file}"), as_login="bob") as database:
        assert database.operator.login == "bob"
    assert disposed == [database.engine]


def test_a_reader_that_is_refused_is_closed(demo_file: Path, engines: tuple[set[Engine], list[Engine]]) -> None:
    _, disposed = engines
    # a login the demo does not know opens as an unregistered viewer when no operator is required
    database = open_database(resolve(database=f"sqlite:///{demo_file}"), as_login="mallory", require_operator=False)
    with pytest.raises(PermissionDenied, match="mallory is not a registered operator and cannot read the audit log"):
        as_reader(database, "read the audit log")
    assert disposed == [database.engine]


@pytest.mark.parametrize(
    ("argv", "code", "said"),
    [
        # refused by the core after the database was opened (exit 1)
        (["deletion", "approve", "999", "--operator", "bob"], 1, "needs the approver role"),
        (["accounts", "show", "1", "--operator", "bob"], 1, "grant"),
        (["retention", "set", "cdr", "--days", "20", "--operator", "bob"], 1, "admin"),
        (["operators", "disable", "alice", "--operator", "bob"], 1, "admin"),
        # not found in the open database (exit 2)
        (["legal", "release-hold", "999", "--reason", "done", "--operator", "carol"], 2, "No legal hold 999."),
        (["notices", "status", "9.9", "--operator", "bob"], 2, "There is no policy version '9.9'."),
        # refused while opening: the demo has no such operator (exit 2)
        (["deletion", "list", "--operator", "nobody"], 2, "The demo has no operator 'nobody'"),
        # done (exit 0)
        (["deletion", "list", "--operator", "bob"], 0, "state"),
        (["audit", "verify"], 0, "intact"),
        (["retention", "status", "--operator", "bob"], 1, "BROKEN"),
    ],
)
def test_every_database_a_command_opens_is_closed(
    demo_file: Path,
    engines: tuple[set[Engine], list[Engine]],
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    code: int,
    said: str,
) -> None:
    monkeypatch.delenv(OPERATOR_ENV, raising=False)
    connected, disposed = engines
    stdout, stderr = io.StringIO(), io.StringIO()
    assert cli.main([*argv, "--database", f"sqlite:///{demo_file}"], stdout=stdout, stderr=stderr) == code, stderr.getvalue()
    assert said in stdout.getvalue() + stderr.getvalue()
    assert connected, "the command connected to no database"
    assert connected <= set(disposed), "a database the command opened was left open"
