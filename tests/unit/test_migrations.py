"""Migrations ship with the package, agree with the models, and never run by themselves.

Each database test runs on SQLite and on the throwaway PostgreSQL server (``db_url``).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, text
from sqlalchemy.orm import Session

from minisip_console.core.models import Base, Operator, Role
from minisip_console.core.plumbing import db
from minisip_console.core.plumbing.errors import SchemaNotAtHead

SCHEMA_TABLES = set(Base.metadata.tables)


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """An engine on an empty database (no schema)."""
    engine = db.make_engine(db_url)
    yield engine
    engine.dispose()


def _tables(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names())


def _differences(engine: Engine) -> list[Any]:
    with engine.connect() as conn:
        from minisip_console.core.pg_security import include_object

        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "compare_server_default": True, "include_object": include_object}
        )
        return compare_metadata(context, Base.metadata)


# --------------------------------------------------------------------------- the scripts


def test_exactly_one_head_and_a_linear_history() -> None:
    script = ScriptDirectory.from_config(db.alembic_config())
    heads = script.get_heads()
    assert len(heads) == 1, f"migrations have {len(heads)} heads: {heads}; merge them"
    assert db.head_revision() == heads[0]
    revisions = list(script.walk_revisions())  # newest first, raises on a broken chain
    assert revisions[-1].down_revision is None
    assert len({r.revision for r in revisions}) == len(revisions)
    assert all(not r.is_merge_point for r in revisions)


def test_the_migrations_are_inside_the_package() -> None:
    assert db.MIGRATIONS_DIR.is_relative_to(Path(db.__file__).resolve().parent.parent)
    assert (db.MIGRATIONS_DIR / "env.py").is_file()
    assert (db.MIGRATIONS_DIR / "script.py.mako").is_file()
    assert list((db.MIGRATIONS_DIR / "versions").glob("*.py"))


# --------------------------------------------------------------------------- upgrade


def test_full_upgrade_from_an_empty_database(engine: Engine) -> None:
    assert _tables(engine) == set()
    before, head = db.upgrade(engine)
    assert before == ()
    assert head == db.head_revision()
    assert _tables(engine) == SCHEMA_TABLES | {"alembic_version"}
    assert db.current_revisions(engine) == (head,)
    status = db.schema_status(engine)
    assert status.at_head and status.has_tables and not status.empty


def test_upgrade_is_idempotent(engine: Engine) -> None:
    _, head = db.upgrade(engine)
    with Session(engine) as session, session.begin():
        session.add(Operator(login="ann", display_name="Ann", role=Role.ADMIN))
    before, again = db.upgrade(engine)
    assert (before, again) == ((head,), head)
    with engine.connect() as conn:  # the second run kept the data
        assert conn.execute(text("SELECT count(*) FROM operators")).scalar() == 1


def test_models_and_migrations_agree(engine: Engine) -> None:
    db.upgrade(engine)
    assert _differences(engine) == []


def test_the_agreement_check_can_fail(engine: Engine) -> None:
    """Proof that ``test_models_and_migrations_agree`` would see a migration that forgot something."""
    db.upgrade(engine)
    with engine.begin() as conn:
        conn.execute(text("DROP INDEX ix_accounts_name"))
    differences = _differences(engine)
    assert [(d[0], d[1].name) for d in differences] == [("add_index", "ix_accounts_name")]


# --------------------------------------------------------------------------- ensure_at_head


def test_an_empty_database_is_refused_with_the_command_to_run(engine: Engine) -> None:
    with pytest.raises(SchemaNotAtHead) as caught:
        db.ensure_at_head(engine, selector="--profile prod")
    error = caught.value
    assert "has no minisip-console schema yet" in error.message
    assert error.hint == "Run: minisip-console db upgrade --profile prod"
    assert (error.current, error.head) == ((), db.head_revision())
    assert _tables(engine) == set()  # it never upgrades by itself


def test_the_default_selector_names_database(engine: Engine) -> None:
    with pytest.raises(SchemaNotAtHead) as caught:
        db.ensure_at_head(engine)
    assert caught.value.hint == "Run: minisip-console db upgrade --database URL"


def test_tables_without_a_schema_version_are_refused(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE cdr (id integer primary key)"))  # somebody else's table
    with pytest.raises(SchemaNotAtHead, match="has tables but no minisip-console schema version") as caught:
        db.ensure_at_head(engine, selector="--profile prod")
    assert caught.value.hint == "Run: minisip-console db upgrade --profile prod"
    assert _tables(engine) == {"cdr"}


@pytest.fixture
def newer_console(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """This package's migrations plus one more revision, as the next release would ship them."""
    current_head = db.head_revision()
    copy = tmp_path / "migrations"
    shutil.copytree(db.MIGRATIONS_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "versions" / "9999_next_release.py").write_text(
        f'''"""next release"""
import sqlalchemy as sa
from alembic import op

revision = "9999"
down_revision = {current_head!r}
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("next_release_probe", sa.Column("id", sa.Integer(), primary_key=True))


def downgrade() -> None:
    op.drop_table("next_release_probe")
'''
    )
    monkeypatch.setattr(db, "MIGRATIONS_DIR", copy)
    monkeypatch.setattr(db, "SCHEMA_HEAD", "9999")  # a release names its newest revision
    return current_head


def test_an_older_schema_is_refused_and_left_alone(engine: Engine, newer_console: str) -> None:
    # the database is at today's head; the "newer console" needs revision 9999
    from alembic import command

    config = db.alembic_config(engine)
    command.upgrade(config, newer_console)
    assert db.current_revisions(engine) == (newer_console,)
    with pytest.raises(SchemaNotAtHead) as caught:
        db.ensure_at_head(engine, selector="--profile prod")
    error = caught.value
    assert f"is at schema {newer_console}; this console needs 9999" in error.message
    assert error.hint == "Run: minisip-console db upgrade --profile prod"
    assert db.current_revisions(engine) == (newer_console,)  # never upgraded by itself
    assert "next_release_probe" not in _tables(engine)
    db.upgrade(engine)  # and the command it names does the job
    assert db.ensure_at_head(engine).at_head
    assert "next_release_probe" in _tables(engine)


def test_an_unknown_revision_is_refused(engine: Engine) -> None:
    """A revision this console does not know comes from a newer console: upgrading cannot help."""
    db.upgrade(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'ffffffffffff'"))
    with pytest.raises(SchemaNotAtHead) as caught:
        db.ensure_at_head(engine, selector="--database sqlite:///x.db")
    error = caught.value
    assert "has a newer schema (ffffffffffff) than this console knows" in error.message
    assert error.hint == "Update minisip-console before using this database."
    with pytest.raises(SchemaNotAtHead, match="has a newer schema") as upgrading:
        db.upgrade(engine)  # nor does the upgrade command touch it
    assert upgrading.value.hint is not None and upgrading.value.hint.startswith("Update minisip-console")
    assert db.current_revisions(engine) == ("ffffffffffff",)


def test_the_fast_schema_check_names_the_real_head() -> None:
    """db.SCHEMA_HEAD lets opening skip Alembic; it must follow the migrations folder."""
    assert db.SCHEMA_HEAD == db.head_revision()


def test_0009_adds_and_takes_back_the_batch_in_flight(engine: Engine) -> None:
    from alembic import command

    config = db.alembic_config(engine)
    command.upgrade(config, "0009")
    columns = {c["name"]: c for c in inspect(engine).get_columns("purge_runs")}
    assert columns["in_flight"]["nullable"] and "target_name" in columns
    command.downgrade(config, "0008")
    assert "in_flight" not in {c["name"] for c in inspect(engine).get_columns("purge_runs")}
    command.upgrade(config, "head")
    assert "in_flight" in {c["name"] for c in inspect(engine).get_columns("purge_runs")}
