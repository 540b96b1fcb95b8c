"""The retention tab's figures and words: the snapshot it shows, each category's verdict in words, and
how a purge run or receipt reads."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from minisip_console.ui import formatting, theme

if TYPE_CHECKING:
    from minisip_console.core.cdr_browse import AgeHistogram, CdrSource
    from minisip_console.core.retention import CategoryStatus, PolicyInfo, PurgeProgress, Receipt
    from minisip_console.ui.table_model import Prepared


#: the dispositions offered in the filter (the Asterisk values); "Any" is not filtered
DISPOSITIONS = ("ANSWERED", "NO ANSWER", "BUSY", "FAILED", "CONGESTION")

ANY = "Any"

#: what one row of each category is called: (one, many)
NOUNS: dict[str, tuple[str, str]] = {
    "cdr": ("CDR", "CDRs"),
    "correspondence": ("message", "messages"),
    "survey": ("survey response", "survey responses"),
    "page_visit": ("page visit", "page visits"),
}


def nouns(category: str) -> tuple[str, str]:
    return NOUNS.get(category, ("row", "rows"))


def count_of(n: int, category: str) -> str:
    """``"1 CDR"``, ``"13,259 messages"``."""
    one, many = nouns(category)
    return formatting.plural(n, one, many)


# --------------------------------------------------------------------------- the work (plain functions)


@dataclass(frozen=True)
class Snapshot:
    """Everything the tab shows, read in one go on a worker, at one moment: every category's
    status shares one ``now``, and the chart, the verdict and the dry run use the selected
    category's status (its cutoff, its counts)."""

    statuses: tuple[CategoryStatus, ...]  # every category, in display order
    category: str  # the one the tab shows
    receipts: tuple[Receipt, ...]  # the shown category's
    policies: tuple[PolicyInfo, ...]
    histogram: AgeHistogram | None  # the shown category's age chart (made from its status)
    histogram_error: str | None
    source: CdrSource | None  # the CDR browser's unfiltered source (None: the CDR target cannot be read)
    browse: Prepared | None  # the filtered source with its count and first page
    browse_error: str | None

    @property
    def status(self) -> CategoryStatus:
        """The shown category's status."""
        return self.status_of(self.category)

    def status_of(self, category: str) -> CategoryStatus:
        return next(s for s in self.statuses if s.policy.category == category)


# --------------------------------------------------------------------------- verdicts in words


def verdict_colours(verdict: str) -> tuple[str, str]:
    """(text, background) of a verdict: green kept, red broken, amber at risk or not checked."""
    from minisip_console.core.verdicts import BROKEN, KEPT

    colours = theme.current()
    if verdict == KEPT:
        return colours.good, colours.good_bg
    if verdict == BROKEN:
        return colours.bad, colours.bad_bg
    return colours.warn, colours.warn_bg


def limit_days(status: CategoryStatus) -> int | None:
    """How old a row may be before the promise is broken: the retention plus the purge interval."""
    days = status.policy.days
    return None if days is None else days + status.interval_days


def headline(status: CategoryStatus) -> str:
    """The verdict banner's first line (``retention.CategoryStatus.verdict`` in words)."""
    from minisip_console.core.verdicts import AT_RISK, BROKEN, KEPT

    category = status.policy.category
    one, many = nouns(category)
    limit = limit_days(status)
    verdict = status.verdict
    if verdict == BROKEN:
        if status.late:
            return f"Promise broken: {count_of(status.late, category)} older than {limit} days"
        return "Promise broken: see below"
    if verdict == AT_RISK:
        if status.scheduled_overdue:
            if status.last_scheduled is None:
                return "The scheduled purge has never run: at risk"
            return f"Scheduled purge last ran {formatting.days(status.scheduled_age_days)} ago: at risk"
        return "At risk: see below"
    if verdict == KEPT:
        if limit is None:
            return f"Promise kept: {many} are reviewed by {formatting.date(status.policy.review_by)}"
        text = f"Promise kept: no {one} older than {limit} days"
        if status.held:
            text += f" but the {count_of(status.held, category)} kept under legal hold"
        return text
    return "Not checked: the target cannot be read"


def schedule_text(status: CategoryStatus) -> str:
    """When the scheduled purge last ran, and how often it should."""
    p = status.policy
    if p.days is None:
        return "Not purged: kept until the review date"
    every = "daily" if p.interval_days == 1 else f"every {formatting.plural(p.interval_days, 'day')}"
    r = status.last_scheduled
    if r is None:
        return f"Never ran (it should run {every})"
    age = status.scheduled_age_days or 0
    when = "today" if age == 0 else f"{formatting.days(age)} ago"
    return f"Last ran {when} (run {r.id}, {formatting.state(r.state).lower()}); it should run {every}"


CANCELLING = " · cancelling after this batch…"


def describe_purge(p: PurgeProgress) -> tuple[int, int, str]:
    """A purge's progress as the progress row shows it: a per-mille bar and a line of text."""
    # before its first batch a run without the dry run's count has no total yet: not "100%"
    value = int(p.fraction * 1000) if p.batches or p.exact else 0
    if p.note:  # the run itself (it stopped, and is still trying to record why in its receipt)
        return value, 1000, f"{formatting.plural(p.deleted, 'row')} deleted; {p.note}"
    if not p.batches and not p.exact:
        text = "Deleting the rows past the retention; counting them as it goes"
    else:  # the total is extrapolated from the time covered so far, unless the dry run counted it
        total = formatting.plural(p.estimated, "row")
        text = f"{p.deleted:,} of {total if p.exact or p.fraction >= 1 else 'about ' + total} deleted"
    if p.batches:
        rate = p.deleted / p.elapsed if p.elapsed > 0 else 0.0
        text += f" in {formatting.plural(p.batches, 'batch', 'batches')} · {rate:,.0f} rows/s · {_duration(p.eta_seconds)} left"
    return value, 1000, text


# --------------------------------------------------------------------------- wording


def describe_run(receipt: Receipt) -> str:
    """The last purge in one line: when, by whom, scheduler or operator, what it did."""
    who = "the scheduler" if receipt.trigger == "scheduler" else "an operator"
    return f"{formatting.timestamp(receipt.started_at)} by {receipt.started_by} ({who}): {receipt.summary}"


def describe_receipt(r: Receipt) -> str:
    """The full receipt, one fact a line (selectable, for a ticket or an audit)."""
    lines = [
        f"Purge run {r.id} ({r.category}): {formatting.state(r.state)}",
        f"Summary: {r.summary}",
        f"Target: {r.target or '— (not recorded)'}",
        f"Cutoff: {formatting.timestamp(r.cutoff)} (rows that started before this are past retention)",
        f"Started: {formatting.timestamp(r.started_at)} by {r.started_by} (trigger: {r.trigger})",
        f"Finished: {formatting.timestamp(r.finished_at)}",
        f"Duration: {'—' if r.duration_ms is None else f'{r.duration_ms / 1000:,.1f} s'} in {formatting.plural(r.batches, 'batch', 'batches')}",
        f"Rows estimated: {formatting.number(r.rows_estimated)}; deleted: {r.rows_deleted:,}",
        f"Oldest deleted: {formatting.timestamp(r.oldest_deleted)}; newest deleted: {formatting.timestamp(r.newest_deleted)}",
        f"Verified: {formatting.yes_no(r.verified, undecided='not checked')}; oldest remaining: {formatting.timestamp(r.oldest_remaining)}",
    ]
    if r.partitions:
        lines.append(f"Partitions dropped or detached: {', '.join(r.partitions)}")
    if r.resumed_runs:
        lines.append(f"Finished the work of interrupted runs: {', '.join(str(i) for i in r.resumed_runs)}")
    if r.rows_skipped_held:
        lines.append(f"Rows kept for a legal hold: {r.rows_skipped_held:,}")
    if r.error:
        lines.append(f"{'Note' if r.state == 'completed' else 'Error'}: {r.error}")
    if r.host:
        lines.append(f"Ran on: {r.host}" + (f" (process {r.pid})" if r.pid else ""))
    if r.audit_head:
        lines.append(f"Audit head: {r.audit_head} (check it later: minisip-console audit verify --expect-head {r.audit_head})")
    return "\n".join(lines)


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "estimating…"
    seconds = int(round(seconds))
    if seconds < 60:
        return f"about {seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"about {minutes} min {seconds:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"about {hours} h {minutes:02d} min"
