"""The one verdict of a retention category (``retention.CategoryStatus``), on SQLite and PostgreSQL.

A daily purge leaves rows that turned 30 days old since it ran: "kept" allows rows up to the
retention plus the purge interval; broken past that; at risk when the scheduled purge has not run
for two intervals; held rows apart; and the chart, the verdict and the dry run count the same rows
at one cutoff. Receipts are written by real purges (``run_purge`` records the real start time, so
the moments here are taken from the clock).
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from minisip_console.core import retention
from minisip_console.core.cdr_browse import age_histogram, status_histogram
from minisip_console.core.models import AuditEvent, RetentionPolicy, utcnow
from minisip_console.core.plumbing.errors import InvalidInput
from minisip_console.core.verdicts import AT_RISK, BROKEN, KEPT, NOT_CHECKED, VERDICTS
from tests.unit.test_retention import Env, _accounts, _fill_cdrs, _fill_owned, _hold, env  # noqa: F401 - env is a fixture

HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)


def _now() -> dt.datetime:
    return utcnow().replace(microsecond=0)


def _spread(now: dt.datetime, days: int = 45) -> list[dt.datetime]:
    """One row every 5 hours over ``days`` days before ``now``."""
    return [now - dt.timedelta(hours=5 * i + 1) for i in range(days * 24 // 5)]


def test_the_verdicts_are_four_words() -> None:
    assert VERDICTS == (KEPT, AT_RISK, BROKEN, NOT_CHECKED) == ("kept", "at risk", "broken", "not checked")


def test_kept_within_the_interval_after_a_scheduled_purge_then_broken_past_it(env: Env) -> None:
    t = _now()
    inserted = _fill_cdrs(env, _spread(t))
    (receipt,) = retention.run_purge(env.sessions, env.op("bob"), trigger="scheduler", now=t)
    assert receipt.ok and receipt.rows_deleted == sum(1 for x in inserted.values() if x < t - 30 * DAY)

    # twelve hours later: rows have turned 30 days old since the run (the old rule's red banner), none is late
    later = retention.status(env.sessions, "cdr", now=t + 12 * HOUR)
    assert later.overdue == sum(1 for x in inserted.values() if t - 30 * DAY <= x < t + 12 * HOUR - 30 * DAY) > 0
    assert later.late == 0 and later.interval_days == 1 and not later.scheduled_overdue
    assert later.last_scheduled == receipt and later.scheduled_age_days == 0
    assert (later.verdict, later.reasons, later.kept) == (KEPT, (), True)

    # a day and five hours later with no run: the rows past 31 days are late
    missed = t + DAY + 5 * HOUR
    broken = retention.status(env.sessions, "cdr", now=missed)
    late = sum(1 for x in inserted.values() if t - 30 * DAY <= x < missed - 31 * DAY)
    assert late > 0 and broken.late == late and broken.late_cutoff == missed - 31 * DAY
    assert broken.verdict == BROKEN and not broken.kept
    assert broken.reasons[0].startswith(f"{late:,} row") and "older than 31 days" in broken.reasons[0]
    assert broken.to_dict()["verdict"] == BROKEN and broken.to_dict()["late"] == late


def test_a_longer_interval_allows_older_rows_and_is_validated_and_audited(env: Env) -> None:
    t = _now()
    _fill_cdrs(env, _spread(t))
    retention.run_purge(env.sessions, env.op("bob"), trigger="scheduler", now=t)
    before = retention.status(env.sessions, "cdr", now=t + 3 * DAY)
    assert before.verdict == BROKEN and before.late > 0
    policy = retention.set_policy(env.sessions, env.op("ann"), "cdr", days=30, interval_days="7", now=t)
    assert policy.interval_days == 7
    with env.sessions() as session:
        details = json.loads(session.scalars(select(AuditEvent.details).where(AuditEvent.action == "retention.set")).one())
    assert (details["before"]["interval_days"], details["after"]["interval_days"]) == (None, 7)  # no row before: like its days
    weekly = retention.status(env.sessions, "cdr", now=t + 3 * DAY)
    assert weekly.late == 0 and weekly.overdue == before.overdue and weekly.verdict == KEPT
    # a later change that does not name the interval keeps it
    assert retention.set_policy(env.sessions, env.op("ann"), "cdr", days=20, now=t).interval_days == 7
    for bad in ("0", "366", "+5", "1_0", "seven", "-1"):
        with pytest.raises(InvalidInput, match="purge interval"):
            retention.set_policy(env.sessions, env.op("ann"), "cdr", days=30, interval_days=bad, now=t)
    assert retention.validate_interval("365") == 365 and retention.validate_interval(1) == 1


def test_at_risk_when_the_scheduled_purge_is_older_than_two_intervals(env: Env) -> None:
    t = _now()
    _fill_cdrs(env, [t - HOUR, t - 2 * HOUR])  # young rows only: nothing will be late for weeks
    (receipt,) = retention.run_purge(env.sessions, env.op("bob"), trigger="scheduler", now=t)
    assert retention.status(env.sessions, "cdr", now=t + 2 * DAY - HOUR).verdict == KEPT  # within two intervals
    old = retention.status(env.sessions, "cdr", now=t + 3 * DAY + HOUR)
    assert old.late == old.overdue == 0 and old.scheduled_overdue and old.scheduled_age_days == 3
    assert old.verdict == AT_RISK and not old.kept
    assert old.reasons == (f"The scheduled purge last ran 3 days ago (run {receipt.id}); it should run daily.",)
    # a purge by an operator does not count as the scheduled one
    retention.run_purge(env.sessions, env.op("bob"), now=t + 3 * DAY + HOUR)
    again = retention.status(env.sessions, "cdr", now=t + 3 * DAY + HOUR)
    assert again.last_run is not None and again.last_run.trigger == "operator" and again.last_scheduled == receipt
    assert again.verdict == AT_RISK


def test_never_scheduled_is_at_risk_only_while_rows_exist(env: Env) -> None:
    t = _now()
    empty = retention.status(env.sessions, "cdr", now=t)
    assert empty.total == 0 and empty.verdict == KEPT
    _fill_cdrs(env, [t - HOUR])
    some = retention.status(env.sessions, "cdr", now=t)
    assert some.verdict == AT_RISK and some.reasons == ("The scheduled purge has never run for this category (it should run daily).",)


def test_held_rows_are_counted_apart_and_never_break_the_promise(env: Env) -> None:
    t = _now()
    _accounts(env, 1, 2)
    inserted = _fill_owned(env, _spread(t, days=60), (1, 2))
    _hold(env, [2], now=t - 5 * DAY)
    retention.run_purge(env.sessions, env.op("bob"), trigger="scheduler", now=t)
    s = retention.status(env.sessions, "cdr", now=t + HOUR)
    held = sum(1 for x, a in inserted.values() if a == 2 and x < t + HOUR - 30 * DAY)
    assert held > 20 and s.held == held  # many of them far past 31 days
    assert s.late == 0 and s.verdict == KEPT


def test_the_chart_the_verdict_and_the_dry_run_count_the_same_rows_at_one_cutoff(env: Env) -> None:
    t = _now()
    _accounts(env, 1, 2)
    inserted = _fill_owned(env, _spread(t, days=60), (1, 2, None))
    _hold(env, [2], now=t - 5 * DAY)
    s = retention.status(env.sessions, "cdr", now=t)
    chart = status_histogram(env.engine, s)
    dry = retention.plan(env.sessions, "cdr", now=s.now)
    expected = sum(1 for x, a in inserted.values() if a != 2 and x < s.cutoff)  # type: ignore[operator]
    assert s.overdue == chart.past_cutoff == dry.rows == expected
    assert s.held == chart.held == dry.held > 0 and dry.cutoff == s.cutoff and dry.now == s.now
    # the chart's own whole-day count (what its legend showed before) counted the held rows too
    days = age_histogram(env.engine, s.target, now=s.now, cutoff_days=30)  # type: ignore[arg-type]
    assert days.past_cutoff == s.overdue + s.held
    # every category at one moment
    every = retention.statuses(env.sessions, now=t)
    assert [x.policy.category for x in every] == list(retention.CATEGORIES) and {x.now for x in every} == {s.now}
    assert every[0] == s


def test_a_target_that_cannot_be_read_is_not_checked(env: Env) -> None:
    with env.sessions.begin() as session:
        session.add(RetentionPolicy(category="correspondence", days=30, target_table="gone_table", timestamp_column="sent_at"))
    s = retention.status(env.sessions, "correspondence", now=_now())
    assert s.verdict == NOT_CHECKED and not s.kept and s.target is None
    assert s.reasons and "gone_table" in s.reasons[0]


def test_no_limit_and_no_review_date_is_at_risk_and_a_passed_review_is_broken(env: Env) -> None:
    t = _now()
    s = retention.status(env.sessions, "survey", now=t)  # never configured: no rule
    assert s.verdict == AT_RISK and "nothing decides" in s.reasons[0]
    retention.set_policy(env.sessions, env.op("ann"), "survey", days=None, review_by=(t + DAY).date(), now=t)
    assert retention.status(env.sessions, "survey", now=t).verdict == KEPT
    late = retention.status(env.sessions, "survey", now=t + 3 * DAY)
    assert late.verdict == BROKEN and "review date" in late.reasons[0]
