"""Account search in the core: server-side, literal, masked, and the same on SQLite and PostgreSQL.

The property tests compare the SQL result with a Python filter over the same rows (the oracle
below). Both test databases fold only A-Z (SQLite's ``lower()``; PostgreSQL created with the C
locale by tests/support/pgserver.py), so the oracle folds only A-Z too: that is the exact
behaviour documented in ``core/accounts.py``.
"""

from __future__ import annotations

import datetime as dt
import re
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, insert

from minisip_console.core.accounts import SEARCH_MAX, AccountsSource, mask_email, mask_words
from minisip_console.core.models import Account
from minisip_console.core.plumbing import db
from minisip_console.core.plumbing.errors import InvalidInput

_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)

#: names, emails and companies with the characters a search must take literally
TRICKY: tuple[tuple[str, str, str | None], ...] = (
    ("John Doe", "john.doe@example.com", "Acme Telephony"),
    ("JOHN O'Brien", "j.obrien@example.com", "O'Brien & Sons"),
    ("Anna 100% Sure", "anna_sure@example.net", "100% Voice_Ltd"),
    ("Back\\Slash", "back\\slash@example.org", "C:\\Path\\Co"),
    ("Zoë Ångström", "zoe@example.com", "Ångström AB"),
    ("ÉMILE Zola", "emile@example.fr", "éditions"),
    ("Дмитрий Иванов", "dmitry@example.ru", "ООО Ромашка"),
    ("дмитрий петров", "petrov@example.ru", None),
    ("山田 太郎", "taro@example.jp", "株式会社テスト"),
    ("Robert'); DROP TABLE accounts;--", "bobby@example.com", "SELECT * FROM x"),
    ('Quote "Double"', "dq@example.com", "a_b%c\\d"),
    ("Percent %", "p@example.com", "__init__"),
    ("Ünal Çelik", "UNAL@EXAMPLE.COM", "İstanbul Tel"),
    ("42 Numbers", "n42@example.com", "Route 66"),
)


def _rows(count: int = 60) -> list[dict[str, object]]:
    base = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    rows = []
    for i in range(1, count + 1):
        name, email, company = TRICKY[(i - 1) % len(TRICKY)]
        rows.append(
            {
                "id": i,
                "name": f"{name} {i}" if i > len(TRICKY) else name,
                "email": email if i <= len(TRICKY) else f"{i}.{email}",
                "company": company,
                "status": ("active", "suspended", "closed")[i % 3],
                "created_at": base + dt.timedelta(hours=(i * 37) % 61),
            }
        )
    return rows


def _fold(text: str) -> str:
    return text.translate(_ASCII_LOWER)


def oracle(rows: list[dict[str, object]], text: str, status: str | None = None) -> list[int]:
    """The ids the search must return, by plain Python over the same rows."""
    needle = text.strip()
    ids = []
    for row in rows:
        if status and row["status"] != status:
            continue
        if not needle:
            ids.append(int(str(row["id"])))
            continue
        fields = [str(row["name"]), str(row["email"]), str(row["company"] or "")]
        hit = any(_fold(needle) in _fold(f) for f in fields if f)
        if re.fullmatch(r"[0-9]+", needle) and int(needle) == row["id"]:
            hit = True
        if hit:
            ids.append(int(str(row["id"])))
    return sorted(ids)


@pytest.fixture
def corpus(db_engine: Engine) -> tuple[AccountsSource, list[dict[str, object]]]:
    rows = _rows()
    with db_engine.begin() as conn:
        conn.execute(insert(Account), rows)
    return AccountsSource(db.session_factory(db_engine)), rows


def _ids(source: AccountsSource) -> list[int]:
    return sorted(r.id for r in source.fetch(0, 10_000))


# --------------------------------------------------------------------------- examples


@pytest.mark.parametrize(
    ("text", "expected_first"),
    [
        ("john", [1, 2]),  # case-insensitive for A-Z
        ("JOHN", [1, 2]),
        ("%", [3, 11, 12]),  # a literal percent, not "anything"
        ("_", [3, 11, 12]),  # a literal underscore
        ("\\", [4, 11]),  # the escape character itself
        ("100%", [3]),
        ("o'brien", [2]),  # a quote is just a character
        ('"double"', [11]),
        ("drop table", [10]),  # SQL keywords are just text
        ("'); DROP TABLE accounts;--", [10]),
        ("Дмитрий", [7]),  # non-Latin: matched as typed (A-Z only fold, see the module docstring)
        ("дмитрий", [8]),
        ("山田", [9]),
        ("ångström", []),  # Å/å are not folded by SQLite, nor by PostgreSQL in the C locale
        ("Ångström", [5]),
        ("  acme  ", [1]),  # trimmed
        ("example.ru", [7, 8]),  # email substring
        ("istanbul", []),  # İ is not I
    ],
)
def test_search_examples(corpus: tuple[AccountsSource, list[dict[str, object]]], text: str, expected_first: list[int]) -> None:
    source, rows = corpus
    found = source.searched(text)
    ids = _ids(found)
    assert [i for i in ids if i <= len(TRICKY)] == expected_first
    assert ids == oracle(rows, text)
    assert found.count() == len(ids)


def test_a_number_finds_that_account_id_and_substrings(corpus: tuple[AccountsSource, list[dict[str, object]]]) -> None:
    source, rows = corpus
    assert 42 in _ids(source.searched("42"))  # the id...
    assert 14 in _ids(source.searched("42"))  # ...and "42 Numbers", "n42@..."
    assert _ids(source.searched("57")) == [57] == oracle(rows, "57")
    assert _ids(source.searched("99999999999999999999")) == []  # no id that large: no overflow either


def test_search_matches_real_values_but_rows_stay_masked(corpus: tuple[AccountsSource, list[dict[str, object]]]) -> None:
    source, _ = corpus
    row = source.searched("john.doe@example").fetch(0, 10)[0]
    assert (row.id, row.name, row.email, row.company) == (1, mask_words("John Doe"), mask_email("john.doe@example.com"), "A*** T***")
    assert "john" not in f"{row.name}{row.email}{row.company}".lower()


def test_search_combines_with_status_order_and_paging(corpus: tuple[AccountsSource, list[dict[str, object]]]) -> None:
    source, rows = corpus
    found = source.searched("example.com").filtered("suspended").ordered("created_at", True)
    whole = list(found.fetch(0, 1000))
    assert sorted(r.id for r in whole) == oracle(rows, "example.com", "suspended")
    assert found.count() == len(whole) > 3
    paged = [r for offset in range(0, len(whole), 2) for r in found.fetch(offset, 2)]
    assert paged == whole
    assert [(r.created_at, r.id) for r in whole] == sorted(((r.created_at, r.id) for r in whole), reverse=True)
    # the order and the filter keep the search, and a blank search removes it
    assert found.ordered("id", False).search == "example.com"
    assert found.searched("   ").search is None
    assert found.searched("   ").count() == len(oracle(rows, "", "suspended"))


def test_overlong_or_nul_search_text_is_refused(corpus: tuple[AccountsSource, list[dict[str, object]]]) -> None:
    source, rows = corpus
    assert source.searched("x" * SEARCH_MAX).count() == 0
    assert source.searched(" " * 300 + "john" + " " * 300).count() == len(oracle(rows, "john")) > 0  # trimmed first
    with pytest.raises(InvalidInput, match=f"at most {SEARCH_MAX}"):
        source.searched("x" * (SEARCH_MAX + 1))
    with pytest.raises(InvalidInput, match="NUL"):
        source.searched("jo\x00hn")
    with pytest.raises(InvalidInput):
        AccountsSource(source.sessions, search="y" * 201)


# --------------------------------------------------------------------------- properties

_SPECIAL = "%_\\'\"; -–@.ÅåÉéДдЖжİı山田ßẞ0123456789"
#: texts built from the characters that trip up LIKE and quoting, mixed with letters
_texts = st.text(alphabet=st.sampled_from(_SPECIAL + "abcdeJOHNjohnxyz "), max_size=8)
_any_texts = st.text(max_size=12).filter(lambda t: "\x00" not in t)


def _substrings(draw: st.DrawFn) -> str:
    value = draw(st.sampled_from([v for r in _rows() for v in (r["name"], r["email"], r["company"]) if v]))
    value = str(value)
    start = draw(st.integers(0, len(value)))
    end = draw(st.integers(start, len(value)))
    piece = value[start:end]
    return piece.swapcase() if draw(st.booleans()) else piece


_needles = st.one_of(_texts, _any_texts, st.composite(_substrings)(), st.integers(0, 80).map(str))

# Hypothesis re-runs the test body on one database: the rows are only read, never changed, so
# reusing the function-scoped fixture across examples is correct here.
_PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@_PROPERTY
@given(text=_needles, status=st.sampled_from([None, "active", "suspended"]))
def test_sql_search_equals_a_python_filter(corpus: tuple[AccountsSource, list[dict[str, object]]], text: str, status: str | None) -> None:
    source, rows = corpus
    found = source.filtered(status).searched(text)
    expected = oracle(rows, text, status)
    assert _ids(found) == expected
    assert found.count() == len(expected)
