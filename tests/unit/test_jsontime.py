"""The one form of a moment in --json output and exports (core.plumbing.jsontime, issue 16)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from minisip_console.core.plumbing import jsontime

MOMENT = dt.datetime(2026, 12, 7, 10, 34, 56, 123456, tzinfo=dt.UTC)


def test_iso_is_utc_to_the_second_with_the_offset_written_out() -> None:
    assert jsontime.iso(MOMENT) == "2026-12-07T10:34:56+00:00"
    assert jsontime.iso(MOMENT.replace(tzinfo=None)) == "2026-12-07T10:34:56+00:00"  # naive: UTC already
    assert jsontime.iso(MOMENT.astimezone(dt.timezone(dt.timedelta(hours=8)))) == "2026-12-07T10:34:56+00:00"
    assert jsontime.ISO_PATTERN.match(jsontime.iso(MOMENT))
    assert jsontime.iso_or_none(None) is None


@pytest.mark.parametrize(
    "other",
    [
        "2026-12-07T10:34:56.123456+00:00",  # isoformat() with microseconds
        "2026-12-07 10:34:56.123456+00:00",  # str() of a datetime (json.dump's default=str)
        "2026-12-07T18:34:56+08:00",  # another offset
        "2026-12-07T10:34:56Z",
        "2026-12-07 10:34:56",  # naive: UTC
    ],
)
def test_jsonable_brings_other_spellings_to_the_one_form(other: str) -> None:
    assert jsontime.jsonable({"at": other}) == {"at": "2026-12-07T10:34:56+00:00"}


def test_jsonable_leaves_everything_else_as_it_is() -> None:
    data = {
        "day": dt.date(2026, 12, 7),
        "at": [MOMENT, None, 3, True],
        "text": "purged at 2026-12-07 10:34 UTC",  # a sentence keeps its words
        "date": "2026-12-07",
        "not_a_day": "2026-02-30T10:00",
        "nested": ({"t": MOMENT},),
    }
    assert jsontime.jsonable(data) == {
        "day": "2026-12-07",
        "at": ["2026-12-07T10:34:56+00:00", None, 3, True],
        "text": "purged at 2026-12-07 10:34 UTC",
        "date": "2026-12-07",
        "not_a_day": "2026-02-30T10:00",
        "nested": [{"t": "2026-12-07T10:34:56+00:00"}],
    }


def test_the_json_default_for_what_jsonable_does_not_reach() -> None:
    class Other:
        def __str__(self) -> str:
            return "other"

    assert (
        json.dumps([MOMENT, dt.date(2026, 1, 2), Other()], default=jsontime.default)
        == '["2026-12-07T10:34:56+00:00", "2026-01-02", "other"]'
    )
