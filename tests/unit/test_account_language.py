"""Issue 16: an account's language (migration 0007) picks the notices' template; one list of values.

The database tests run on SQLite and on the throwaway PostgreSQL server (``db_url``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from alembic import command
from sqlalchemy import Engine, text

from minisip_console.core.plumbing import db


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = db.make_engine(db_url)
    yield engine
    engine.dispose()


ACCOUNTS = {
    1: "li.wei@example.cn",
    2: "ann@example.com",
    3: "wang@QQ.com",
    4: "zhang@mail.163.com",  # a subdomain of 163.com is not the provider's own address
    5: "bo@126.com",
    6: "",
}


def test_upgrade_adds_the_language_and_reads_the_hint_of_existing_addresses(engine: Engine) -> None:
    config = db.alembic_config(engine)
    command.upgrade(config, "0006")
    with engine.begin() as conn:
        for account_id, email in ACCOUNTS.items():
            conn.execute(
                text("INSERT INTO accounts (id, name, email, company, status, created_at) VALUES (:i, 'N', :e, NULL, 'active', :t)"),
                {"i": account_id, "e": email, "t": "2026-01-01 00:00:00"},
            )
        conn.execute(
            text(
                "INSERT INTO policy_versions (number, effective_date, text, summary, created_at) "
                "VALUES ('1.0', '2026-02-01', 'x', '', '2026-01-01 00:00:00')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO notice_campaigns (policy_version_id, subject, body_text, body_html, state, created_by, created_at) "
                "SELECT id, 's', 't', '', 'draft', 'ann', '2026-01-01 00:00:00' FROM policy_versions"
            )
        )
    db.upgrade(engine)
    assert db.current_revisions(engine) == ("0007",)
    with engine.connect() as conn:
        languages = dict(conn.execute(text("SELECT id, language FROM accounts ORDER BY id")).all())
        translations = conn.execute(text("SELECT translations FROM notice_campaigns")).scalars().all()
    assert languages == {1: "zh_CN", 2: "en", 3: "zh_CN", 4: "en", 5: "zh_CN", 6: "en"}
    assert translations == ["{}"]
    with engine.begin() as conn:  # a row written without the column gets English
        conn.execute(
            text(
                "INSERT INTO accounts (id, name, email, status, created_at) VALUES (7, 'N', 'x@example.cn', 'active', '2026-01-02 00:00:00')"
            )
        )
        assert conn.execute(text("SELECT language FROM accounts WHERE id = 7")).scalar() == "en"


def test_downgrade_removes_the_columns(engine: Engine) -> None:
    db.upgrade(engine)
    command.downgrade(db.alembic_config(engine), "0006")
    with engine.connect() as conn:
        from sqlalchemy import inspect

        inspector = inspect(conn)
        assert "language" not in {c["name"] for c in inspector.get_columns("accounts")}
        assert "translations" not in {c["name"] for c in inspector.get_columns("notice_campaigns")}
