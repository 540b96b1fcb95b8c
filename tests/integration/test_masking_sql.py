"""The masking rules as PostgreSQL functions (``masking.sql_functions()``): the same text as Python.

Each test gets a fresh database (``postgres_url``: a cluster created with ``--locale=C`` and UTF8)
and creates the functions with psycopg. The table of tricky cases is tests/unit/test_masking.py's;
a property test then feeds arbitrary text (no NUL: a PostgreSQL text cannot hold one) to both.
The functions must also be IMMUTABLE and PARALLEL SAFE, be inlined into the calling query (no
function call per row), and give the same results under a hostile ``search_path`` or another
``standard_conforming_strings``, and on a column with a nondeterministic collation.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minisip_console.core.masking import (
    WHITESPACE,
    mask_clid,
    mask_email,
    mask_number,
    mask_words,
    sql_functions,
)
from tests.unit.test_masking import CASES, FUNCTIONS

pytestmark = pytest.mark.postgres

NAMES = tuple(f"minisip_mask_{f}" for f in FUNCTIONS)
Conn = psycopg.Connection[tuple[Any, ...]]


@pytest.fixture
def conn(postgres_url: str) -> Iterator[Conn]:
    with psycopg.connect(postgres_url.replace("+psycopg", ""), autocommit=True) as conn:
        for statement in sql_functions():
            conn.execute(statement)
        yield conn


def _one(conn: Conn, function: str, value: str | None) -> str:
    row = conn.execute(f"SELECT {function}(%s::pg_catalog.text)", (value,)).fetchone()
    assert row is not None
    return str(row[0])


def _masked(conn: Conn, value: str | None) -> tuple[str, ...]:
    """The four SQL functions of ``value``, in ``FUNCTIONS`` order (one round trip)."""
    calls = ", ".join(f"public.{name}(%(v)s::pg_catalog.text)" for name in NAMES)
    row = conn.execute(f"SELECT {calls}", {"v": value}).fetchone()
    assert row is not None
    return tuple(row)


def _python(value: str | None) -> tuple[str, ...]:
    return tuple(f(value) for f in FUNCTIONS.values())


def test_tricky_cases(conn: Conn) -> None:
    got = [(f, value, _one(conn, f"public.minisip_mask_{f}", value)) for f, value, _ in CASES]
    assert got == list(CASES)


def test_the_functions_are_immutable_parallel_safe_and_inlined(conn: Conn) -> None:
    rows = conn.execute(
        "SELECT proname, provolatile, proparallel, proisstrict, proconfig FROM pg_proc WHERE proname = ANY(%s) ORDER BY proname",
        (list(NAMES),),
    ).fetchall()
    assert rows == [(name, "i", "s", False, None) for name in sorted(NAMES)]
    conn.execute("CREATE TABLE t (v text)")
    calls = ", ".join(f"{name}(v)" for name in NAMES)
    plan = "\n".join(r[0] for r in conn.execute(f"EXPLAIN (VERBOSE, COSTS OFF) SELECT {calls} FROM t").fetchall())
    assert "regexp_replace" in plan and "minisip_mask" not in plan  # the bodies, not the calls


def test_running_the_ddl_again_replaces_the_functions(conn: Conn) -> None:
    for statement in sql_functions():
        conn.execute(statement)
    assert _masked(conn, '"Ann Smith" <+442079460056>')[-1] == '"A*** S***" <•••••56>'


# --------------------------------------------------------------------------- any text


#: any character a PostgreSQL text can hold (no NUL, no lone surrogate)
_ANY_CHARACTER = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")


@st.composite
def _shaped(draw: st.DrawFn) -> str:
    """A name, an email or a caller id assembled from parts that may each be odd."""
    part = st.text(st.sampled_from(" \t\u00a0\u3000\"<>@.+-0123456789aZéЖ山😀\\'$*") | _ANY_CHARACTER, max_size=8)
    kind = draw(st.sampled_from(["email", "quoted", "bare", "words"]))
    a, b, c = draw(part), draw(part), draw(part)
    ws = draw(st.text(st.sampled_from(WHITESPACE), max_size=2))
    return {
        "email": f"{ws}{a}@{b}.{c}{ws}",
        "quoted": f'{ws}"{a}"{ws}<{b}>{ws}',
        "bare": f"{ws}{a}{ws}<{b}>{ws}",
        "words": f"{a}{ws}{b}{ws}{c}",
    }[kind]


_TEXT = st.one_of(
    st.text(_ANY_CHARACTER, max_size=40),
    st.text(st.sampled_from(WHITESPACE + '"<>@.0123456789aZ') | _ANY_CHARACTER, max_size=40),
    _shaped(),
    st.sampled_from([c[1] for c in CASES if c[1] is not None]),
)

# the database is the test's, not the example's: each example only reads through functions
_PROPERTY = settings(max_examples=200, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@_PROPERTY
@given(_TEXT)
def test_sql_returns_what_python_returns(conn: Conn, value: str) -> None:
    assert _masked(conn, value) == (mask_words(value), mask_email(value), mask_number(value), mask_clid(value))


# --------------------------------------------------------------------------- whatever the session


#: a function or operator with the name and argument types of each one the bodies call
_HOSTILE = """
CREATE SCHEMA hostile;
CREATE FUNCTION hostile.regexp_replace(text, text, text, text) RETURNS text LANGUAGE sql AS $$ SELECT 'pwned'::text $$;
CREATE FUNCTION hostile.translate(text, text, text) RETURNS text LANGUAGE sql AS $$ SELECT 'pwned'::text $$;
CREATE FUNCTION hostile.ltrim(text, text) RETURNS text LANGUAGE sql AS $$ SELECT 'pwned'::text $$;
CREATE FUNCTION hostile.lower(text) RETURNS text LANGUAGE sql AS $$ SELECT 'pwned'::text $$;
CREATE FUNCTION hostile.reverse(text) RETURNS text LANGUAGE sql AS $$ SELECT 'pwned'::text $$;
CREATE FUNCTION hostile.split_part(text, text, integer) RETURNS text LANGUAGE sql AS $$ SELECT 'pwned'::text $$;
CREATE FUNCTION hostile."left"(text, integer) RETURNS text LANGUAGE sql AS $$ SELECT 'pwned'::text $$;
CREATE FUNCTION hostile."right"(text, integer) RETURNS text LANGUAGE sql AS $$ SELECT 'pwned'::text $$;
CREATE FUNCTION hostile.substr(text, integer) RETURNS text LANGUAGE sql AS $$ SELECT 'pwned'::text $$;
CREATE FUNCTION hostile.strpos(text, text) RETURNS integer LANGUAGE sql AS $$ SELECT 0 $$;
CREATE FUNCTION hostile.cat(text, text) RETURNS text LANGUAGE sql AS $$ SELECT 'pwned'::text $$;
CREATE OPERATOR hostile.|| (LEFTARG = text, RIGHTARG = text, FUNCTION = hostile.cat);
CREATE FUNCTION hostile.yes(text, text) RETURNS boolean LANGUAGE sql AS $$ SELECT true $$;
CREATE OPERATOR hostile.= (LEFTARG = text, RIGHTARG = text, FUNCTION = hostile.yes);
CREATE OPERATOR hostile.~ (LEFTARG = text, RIGHTARG = text, FUNCTION = hostile.yes);
CREATE FUNCTION hostile.int_yes(integer, integer) RETURNS boolean LANGUAGE sql AS $$ SELECT true $$;
CREATE OPERATOR hostile.> (LEFTARG = integer, RIGHTARG = integer, FUNCTION = hostile.int_yes);
"""


def test_a_hostile_search_path_changes_nothing(conn: Conn) -> None:
    conn.execute(_HOSTILE)
    conn.execute("SET search_path = hostile, pg_catalog, public")
    # the hostile schema does win where a name is not qualified ...
    hijacked = conn.execute("SELECT regexp_replace('a', 'a', 'b', 'g'), 'a' || 'b', 'a' = 'b', 1 > 2").fetchone()
    assert hijacked == ("pwned", "pwned", True, True)
    # ... and changes no masked value
    for _, value, _ in CASES:
        assert _masked(conn, value) == _python(value), value


def test_standard_conforming_strings_off_changes_nothing(conn: Conn) -> None:
    """The bodies' backslashes are in E'' literals, which do not depend on the setting."""
    conn.execute("SET standard_conforming_strings = off")
    for _, value, _ in CASES:
        assert _masked(conn, value) == _python(value), value


def test_a_column_with_a_nondeterministic_collation(conn: Conn) -> None:
    """Regular expressions refuse nondeterministic collations; the functions read their argument
    in the "C" collation, so such a column is masked all the same."""
    try:
        conn.execute("CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false)")
    except psycopg.errors.FeatureNotSupported:
        pytest.skip("this PostgreSQL has no ICU")
    conn.execute("CREATE TABLE people (i integer PRIMARY KEY, v text COLLATE ci)")
    values = [value for _, value, _ in CASES]
    with conn.cursor() as cur:
        cur.executemany("INSERT INTO people VALUES (%s, %s)", list(enumerate(values)))
    calls = ", ".join(f"{name}(v)" for name in NAMES)
    got = [tuple(r) for r in conn.execute(f"SELECT {calls} FROM people ORDER BY i").fetchall()]
    assert got == [_python(v) for v in values]
