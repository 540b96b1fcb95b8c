"""The argument types every command shares (``commands/arguments.py``) and the limits they
apply (``core/limits.py``): the same text gets the same answer in every command."""

from __future__ import annotations

import argparse
import datetime as dt
import math
from pathlib import Path

import pytest

from minisip_console.commands import arguments
from minisip_console.core import limits
from minisip_console.core.models import Base
from minisip_console.core.plumbing.errors import InvalidInput


def _refused(parse: object, raw: str) -> str:
    with pytest.raises(argparse.ArgumentTypeError) as caught:
        parse(raw)  # type: ignore[operator]
    return str(caught.value)


# --------------------------------------------------------------------------- ids


@pytest.mark.parametrize("raw", ["1", " 42 ", "0042", str(2**31 - 1)])
def test_an_id_is_a_whole_number_from_1_to_the_32_bit_limit(raw: str) -> None:
    assert arguments.account_id(raw) == int(raw)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("three", "'three' is not an account id (it is not a whole number)"),
        ("", "'' is not an account id (it is not a whole number)"),
        ("1.0", "'1.0' is not an account id"),
        ("+5", "'+5' is not an account id"),
        ("1_0", "'1_0' is not an account id"),
        ("\u0665", "'\u0665' is not an account id"),  # an Arabic-Indic five: a digit to Python, not here
        ("\x00", "'\\x00' is not an account id"),
        ("0", "0 is not an account id (1 or more)"),
        ("-7", "-7 is not an account id (1 or more)"),
        (str(2**31), "'2147483648' is too large for an account id (at most 2,147,483,647)"),
        ("99999999999999999999999", "'99999999999999999999999' is too large for an account id (at most 2,147,483,647)"),
        ("9" * 5000, "is too large for an account id"),  # never handed to int(): it would refuse 4300+ digits
    ],
)
def test_a_bad_id_is_a_sentence(raw: str, message: str) -> None:
    assert message in _refused(arguments.account_id, raw)


def test_each_kind_of_id_is_named() -> None:
    for parse, what in (
        (arguments.request_id, "a request id"),
        (arguments.grant_id, "a grant id"),
        (arguments.hold_id, "a hold id"),
        (arguments.run_id, "a run id"),
    ):
        assert _refused(parse, "x") == f"'x' is not {what} (it is not a whole number)"


def test_the_id_limit_is_the_id_columns_size_on_postgresql() -> None:
    """Every id a command takes names an ``integer`` column: if one became bigint, the limit
    (and this test) would change with it."""
    from sqlalchemy import Integer

    named = {
        "accounts": "id",
        "access_grants": "id",
        "deletion_requests": "id",
        "law_enforcement_requests": "id",
        "legal_holds": "id",
        "purge_runs": "id",
        "notice_deliveries": "account_id",
        "disclosures": "account_id",
    }
    for table, column in named.items():
        col = Base.metadata.tables[table].c[column]
        assert type(col.type) is Integer, (table, column, col.type)
    assert arguments.ID_MAX == limits.ID_MAX == 2**31 - 1


def test_the_core_check_serves_other_sources_too() -> None:
    """``limits.parse_id`` is the check a CSV or a form calls: ``InvalidInput`` (exit 2)."""
    assert limits.parse_id("17") == 17
    assert limits.parse_id(17) == 17
    with pytest.raises(InvalidInput) as caught:
        limits.parse_id("99999999999999999999999", what="an account id")
    assert caught.value.message == "'99999999999999999999999' is too large for an account id (at most 2,147,483,647)."
    assert caught.value.exit_code == 2
    for bad in (True, 1.0, None, 0, 2**31):
        with pytest.raises(InvalidInput):
            limits.parse_id(bad)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- counts and numbers


@pytest.mark.parametrize(("raw", "value"), [("0", 0), ("1,000", 1000), ("1_000_000", 1_000_000), (str(2**63 - 1), 2**63 - 1)])
def test_counts_take_thousands_separators(raw: str, value: int) -> None:
    assert arguments.count(raw) == value


@pytest.mark.parametrize(
    ("parse", "raw", "message"),
    [
        (arguments.count, "-1", "must be 0 or more, not -1"),
        (arguments.positive_count, "0", "must be 1 or more, not 0"),
        (arguments.count, str(2**63), "must be at most 9,223,372,036,854,775,807"),
        (arguments.count, "1,,000", "'1,,000' is not a whole number"),
        (arguments.count, "ten", "'ten' is not a whole number"),
        (arguments.port, "0", "must be 1 or more, not 0"),
        (arguments.port, "65536", "a port is 1 to 65535"),
        (arguments.minutes(480), "481", "at most 480 minutes"),
        (arguments.days(3660, what="a hold lasts 1 to {maximum} days"), "3661", "a hold lasts 1 to 3660 days"),
    ],
)
def test_a_count_out_of_range_is_a_sentence(parse: object, raw: str, message: str) -> None:
    assert message in _refused(parse, raw)


@pytest.mark.parametrize("raw", ["nan", "NaN", "inf", "-inf", "1e309", "0", "-1", "0.0", "x", "", "\u0661"])
def test_seconds_must_be_a_finite_positive_number(raw: str) -> None:
    _refused(arguments.seconds, raw)


def test_seconds_accept_fractions_up_to_a_year() -> None:
    assert math.isclose(arguments.seconds("0.5"), 0.5)
    assert arguments.seconds(str(arguments.SECONDS_MAX)) == arguments.SECONDS_MAX


# --------------------------------------------------------------------------- dates and paths


def test_a_date_is_strict_and_in_range() -> None:
    assert arguments.date("2026-03-31") == dt.date(2026, 3, 31)
    assert arguments.date(" 2999-12-31 ") == dt.date(2999, 12, 31)
    assert "'2026-02-30' is not a date: use YYYY-MM-DD" in _refused(arguments.date, "2026-02-30")
    assert "is not a date" in _refused(arguments.date, "2026-1-5")
    assert "is not a date" in _refused(arguments.date, "\uff12\uff10\uff12\uff16-01-01")  # full-width digits
    # the console adds days to the dates it is given: 9999-12-31 + 1 day would overflow
    assert "9999-12-31 is out of range: give a date from 1900-01-01 to 2999-12-31" in _refused(arguments.date, "9999-12-31")
    assert "out of range" in _refused(arguments.date, "0001-01-01")


def test_the_core_date_check() -> None:
    assert limits.check_date(dt.date(2026, 1, 1)) == dt.date(2026, 1, 1)
    with pytest.raises(InvalidInput, match="--until 9999-12-31 is out of range"):
        limits.check_date(dt.date(9999, 12, 31), what="--until")


def test_a_path_is_not_empty_and_has_no_nul() -> None:
    assert arguments.path("out.csv") == Path("out.csv")
    assert "empty" in _refused(arguments.path, "  ")
    assert "NUL" in _refused(arguments.path, "a\x00b")
