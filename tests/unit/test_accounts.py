"""The accounts list in the core: masking before rows leave it, and server-side paging."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine, insert

from minisip_console.core.accounts import AccountsSource, mask_email, mask_words
from minisip_console.core.models import Account
from minisip_console.core.plumbing import db
from minisip_console.core.plumbing.errors import InvalidInput


@pytest.mark.parametrize(
    ("address", "masked"),
    [
        ("john.doe@example.com", "j***@example.com"),
        ("Ann@Gmail.com", "A***@gmail.com"),
        ("ann@scott-group.example", "a***@s***.example"),
        ("ops@mail.acme-telecom.co.uk", "o***@m***.uk"),
        ("root@localhost", "r***@l***"),
        ("not an address", "n*** a*** a***"),
        ("", ""),
        (None, ""),
    ],
)
def test_email_masking_hides_the_person_and_a_company_domain(address: str | None, masked: str) -> None:
    assert mask_email(address) == masked


def test_name_masking_keeps_only_initials() -> None:
    assert mask_words("John  Doe") == "J*** D***"
    assert mask_words(None) == ""


@pytest.fixture
def accounts(db_engine: Engine) -> Engine:
    base = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    rows = [
        {
            "id": i,
            "name": f"Person{i} Surname{i}",
            "email": f"person{i}@company{i}.example",
            "company": f"Company{i} Ltd" if i % 3 else None,
            "status": "suspended" if i % 5 == 0 else "active",
            "created_at": base + dt.timedelta(hours=(i * 7919) % 1201),
        }
        for i in range(1, 1201)
    ]
    with db_engine.begin() as conn:
        conn.execute(insert(Account), rows)
    return db_engine


def test_pages_are_masked_and_cover_every_row_once(accounts: Engine) -> None:
    source = AccountsSource(db.session_factory(accounts))
    assert source.count() == 1200
    seen = [row for offset in range(0, 1200, 500) for row in source.fetch(offset, 500)]
    assert [r.id for r in seen] == list(range(1, 1201))
    assert all("Person" not in r.name and "company" not in r.email and "Company" not in r.company for r in seen)
    assert seen[0].name == "P*** S***" and seen[0].email == "p***@c***.example"


@pytest.mark.parametrize(("key", "descending"), [("created_at", False), ("created_at", True), ("status", True), ("id", True)])
def test_far_pages_follow_the_sql_order(accounts: Engine, key: str, descending: bool) -> None:
    source = AccountsSource(db.session_factory(accounts)).ordered(key, descending)
    whole = list(source.fetch(0, 5000))
    assert len(whole) == 1200
    paged = [row for offset in range(0, 1200, 300) for row in source.fetch(offset, 300)]
    assert paged == whole
    values = [(getattr(r, key), r.id) for r in whole]
    assert values == sorted(values, reverse=descending)


def test_status_filter_counts_in_sql(accounts: Engine) -> None:
    source = AccountsSource(db.session_factory(accounts)).filtered("suspended")
    assert source.count() == 240
    assert {r.status for r in source.fetch(0, 1000)} == {"suspended"}


def test_unknown_status_or_sort_key_is_refused(accounts: Engine) -> None:
    sessions = db.session_factory(accounts)
    with pytest.raises(InvalidInput, match="Unknown account status"):
        AccountsSource(sessions, status="'; DROP TABLE accounts;--")
    with pytest.raises(InvalidInput, match="cannot be sorted by 'name'"):
        AccountsSource(sessions).ordered("name", False)
