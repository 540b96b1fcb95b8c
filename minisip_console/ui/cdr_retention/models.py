"""The CDR retention tab's figures and words: the snapshot it shows and how a purge run or receipt reads."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from minisip_console.ui import formatting

if TYPE_CHECKING:
    from minisip_console.core.cdr_browse import AgeHistogram, CdrSource
    from minisip_console.core.retention import CategoryStatus, PolicyInfo, PurgeProgress, Receipt
    from minisip_console.ui.table_model import Prepared


#: the dispositions offered in the filter (the Asterisk values); "Any" is not filtered
DISPOSITIONS = ("ANSWERED", "NO ANSWER", "BUSY", "FAILED", "CONGESTION")

ANY = "Any"


# --------------------------------------------------------------------------- the work (plain functions)


@dataclass(frozen=True)
class Snapshot:
    """Everything the tab shows, read in one go on a worker."""

    status: CategoryStatus
    receipts: tuple[Receipt, ...]
    policies: tuple[PolicyInfo, ...]
    histogram: AgeHistogram | None
    histogram_error: str | None
    source: CdrSource | None  # the browser's unfiltered source (None: the target cannot be read)
    browse: Prepared | None  # the filtered source with its count and first page
    browse_error: str | None


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
