"""Times in the window (issue 16): local time with its offset, UTC on hover.

The zone is the operating system's, which ``TZ`` overrides (POSIX): each test sets it and calls
``time.tzset()``, and the fixture puts the one it found back afterwards, so the next test
reads the zone scripts/test.sh set (UTC).
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest

from minisip_console.core.accounts import Column
from minisip_console.ui import formatting
from minisip_console.ui.table_model import ListTableModel, Roles

pytestmark = pytest.mark.skipif(not hasattr(time, "tzset"), reason="TZ is read through time.tzset (POSIX)")

MOMENT = dt.datetime(2026, 12, 7, 10, 34, 56, tzinfo=dt.UTC)


@pytest.fixture
def zone() -> Iterator[Callable[[str], None]]:
    """``zone("Asia/Shanghai")`` makes it the local zone until the test ends; then the zone the
    test started with (scripts/test.sh: UTC) is set and read again."""
    before = os.environ.get("TZ")

    def set_zone(name: str) -> None:
        os.environ["TZ"] = name
        time.tzset()

    yield set_zone
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("Asia/Shanghai", "2026-12-07 18:34 +08:00"),
        ("Europe/Berlin", "2026-12-07 11:34 +01:00"),  # winter: CET
        ("America/St_Johns", "2026-12-07 07:04 -03:30"),  # a half-hour offset west of UTC
        ("UTC", "2026-12-07 10:34 +00:00"),
    ],
)
def test_timestamp_is_local_time_with_its_offset(zone: Callable[[str], None], name: str, shown: str) -> None:
    zone(name)
    assert formatting.timestamp(MOMENT) == shown
    assert formatting.timestamp(MOMENT.replace(tzinfo=None)) == shown  # naive: UTC, as the database stores it
    assert formatting.timestamp(MOMENT.astimezone(dt.timezone(dt.timedelta(hours=-5)))) == shown  # any aware zone: the same moment
    assert formatting.timestamp(MOMENT, utc_suffix=False) == shown  # the old keyword keeps working, offset and all
    assert formatting.utc_tooltip(MOMENT) == "2026-12-07 10:34:56 UTC"  # the hover does not depend on the zone


def test_the_offset_follows_daylight_saving_time(zone: Callable[[str], None]) -> None:
    zone("Europe/Berlin")
    assert formatting.timestamp(dt.datetime(2026, 7, 1, 10, 0, tzinfo=dt.UTC)) == "2026-07-01 12:00 +02:00"
    assert formatting.timestamp(dt.datetime(2026, 1, 1, 10, 0, tzinfo=dt.UTC)) == "2026-01-01 11:00 +01:00"


def test_a_local_time_can_fall_on_another_day(zone: Callable[[str], None]) -> None:
    zone("Asia/Shanghai")
    assert formatting.timestamp(dt.datetime(2026, 12, 31, 20, 0, tzinfo=dt.UTC)) == "2027-01-01 04:00 +08:00"


def test_no_time() -> None:
    assert formatting.timestamp(None) == "—"
    assert formatting.utc_tooltip(None) is None


def test_words_are_english_without_a_translator() -> None:
    assert (formatting.days(0), formatting.days(1), formatting.days(1234)) == ("less than a day", "1 day", "1,234 days")
    assert (formatting.yes_no(True), formatting.yes_no(False), formatting.yes_no(None)) == ("Yes", "No", "Not decided")
    assert formatting.yes_no(None, undecided="not checked") == "not checked"


@dataclass(frozen=True)
class _Row:
    name: str
    at: dt.datetime | None


def test_every_table_shows_local_time_and_utc_on_hover(zone: Callable[[str], None], qapp: object) -> None:
    zone("Asia/Shanghai")
    columns = (Column("name", "Name", tooltip="who"), Column("at", "When", "datetime", tooltip="when it happened"))
    model = ListTableModel(columns, [_Row("a", MOMENT), _Row("b", None)])
    shown, none = model.index(0, 1), model.index(1, 1)
    assert model.data(shown, Roles.DISPLAY) == "2026-12-07 18:34 +08:00"
    assert model.data(shown, Roles.TOOLTIP) == "2026-12-07 10:34:56 UTC\nwhen it happened"
    assert model.data(none, Roles.TOOLTIP) == "when it happened"  # no time: the column's own tooltip
    assert model.data(model.index(0, 0), Roles.TOOLTIP) == "who"  # other columns: as before
