"""The retention tab's figures and words: the snapshot it shows, each category's verdict in words, and
how a purge run or receipt reads."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from minisip_console.ui import formatting, theme
from minisip_console.ui.i18n import plural, shown, tr

if TYPE_CHECKING:
    from minisip_console.core.cdr_browse import AgeHistogram, CdrSource
    from minisip_console.core.retention import CategoryStatus, PolicyInfo, PurgeProgress, Receipt
    from minisip_console.core.targets import Target
    from minisip_console.ui.table_model import Prepared


#: the dispositions offered in the filter (the Asterisk values); "Any" is not filtered
DISPOSITIONS = ("ANSWERED", "NO ANSWER", "BUSY", "FAILED", "CONGESTION")


def disposition_labels() -> dict[str, str]:
    """The filter's words for the dispositions (the values themselves are the data's codes)."""
    return {
        "ANSWERED": tr("Answered"),
        "NO ANSWER": tr("No Answer"),
        "BUSY": tr("Busy"),
        "FAILED": tr("Failed"),
        "CONGESTION": tr("Congestion"),
    }


def nouns(category: str) -> tuple[str, str]:
    """What one row of ``category`` is called: (one, many), in the window's language."""
    table = {
        "cdr": (tr("CDR"), tr("CDRs")),
        "correspondence": (tr("message"), tr("messages")),
        "survey": (tr("survey response"), tr("survey responses")),
        "page_visit": (tr("page visit"), tr("page visits")),
    }
    return table.get(category, (tr("row"), tr("rows")))


def count_of(n: int, category: str) -> str:
    """``"1 CDR"``, ``"13,259 messages"``."""
    table = {
        "cdr": (tr("{count:,} CDR"), tr("{count:,} CDRs")),
        "correspondence": (tr("{count:,} message"), tr("{count:,} messages")),
        "survey": (tr("{count:,} survey response"), tr("{count:,} survey responses")),
        "page_visit": (tr("{count:,} page visit"), tr("{count:,} page visits")),
    }
    one, many = table.get(category, (tr("{count:,} row"), tr("{count:,} rows")))
    return plural(n, one, many)


def capital(text: str) -> str:
    """``text`` with its first letter in capitals (a noun starting a label)."""
    return text[:1].upper() + text[1:]


def uncapital(text: str) -> str:
    """``text`` with its first letter small (a label inside a sentence); the rest as it is (CDRs)."""
    return text[:1].lower() + text[1:]


def rows_of(n: int) -> str:
    return plural(n, tr("{count:,} row"), tr("{count:,} rows"))


def batches_of(n: int) -> str:
    return plural(n, tr("{count:,} batch"), tr("{count:,} batches"))


def days_of(n: int) -> str:
    return plural(n, tr("{count:,} day"), tr("{count:,} days"))


def verdict_word(verdict: str, *, capitalised: bool = False) -> str:
    """A verdict code (``core.verdicts``) as a word of the window."""
    from minisip_console.core.verdicts import AT_RISK, BROKEN, KEPT, NOT_CHECKED

    if capitalised:
        words = {KEPT: tr("Kept"), AT_RISK: tr("At risk"), BROKEN: tr("Broken"), NOT_CHECKED: tr("Not checked")}
    else:
        words = {KEPT: tr("kept"), AT_RISK: tr("at risk"), BROKEN: tr("broken"), NOT_CHECKED: tr("not checked")}
    return words.get(verdict, verdict)


# --------------------------------------------------------------------------- the work (plain functions)


@dataclass(frozen=True)
class Snapshot:
    """Everything the tab shows, read in one go on a worker, at one moment: every category's
    status and every saved target's share one ``now``, and the chart, the verdict and the dry run
    use the selected row's status (its cutoff, its counts). A row is keyed by (category,
    target name): ``target_name`` None is the category's own table in the console's database."""

    statuses: tuple[CategoryStatus, ...]  # every category, in display order, then every saved target
    category: str  # the one the tab shows
    receipts: tuple[Receipt, ...]  # the shown row's (its own table's, or its target's)
    policies: tuple[PolicyInfo, ...]
    histogram: AgeHistogram | None  # the shown row's age chart (made from its status)
    histogram_error: str | None
    source: CdrSource | None  # the CDR browser's unfiltered source (None: the CDR target cannot be read)
    browse: Prepared | None  # the filtered source with its count and first page
    browse_error: str | None
    target_name: str | None = None  # the shown saved target; None: the category's own table
    targets: tuple[Target, ...] = ()  # the saved retention targets, as read with the statuses

    @property
    def status(self) -> CategoryStatus:
        """The shown row's status."""
        return self.status_of(self.category, self.target_name)

    def status_of(self, category: str, target_name: str | None = None) -> CategoryStatus:
        """The status of a category's own table (``target_name`` None) or of one saved target."""
        if target_name is not None:
            return next(s for s in self.statuses if s.target_name == target_name)
        return next(s for s in self.statuses if s.policy.category == category and s.target_name is None)

    def find(self, category: str, target_name: str | None = None) -> CategoryStatus | None:
        """``status_of``, or None when the snapshot has no such row (a target saved or removed since)."""
        return next((s for s in self.statuses if (s.policy.category, s.target_name) == (category, target_name)), None)

    def target(self, name: str | None) -> Target | None:
        """The saved target called ``name`` (None: none of that name, or ``name`` is None)."""
        return next((t for t in self.targets if t.name == name), None) if name is not None else None

    def label_of(self, status: CategoryStatus) -> str:
        """A row's label: the category, and for a saved target where it lives (``row_label``)."""
        return row_label(status, self.target(status.target_name))


def backend_name(backend: str) -> str:
    """A database product's own name (``mysql`` -> MySQL); names are not translated."""
    return {"postgresql": "PostgreSQL", "mysql": "MySQL", "mariadb": "MariaDB", "sqlite": "SQLite"}.get(backend, backend)


def row_label(status: CategoryStatus, saved: Target | None = None) -> str:
    """The category's label for its own table (``"Call detail records (CDRs)"``); ``"CDRs: pbx (MySQL,
    cdr.calldate)"`` for a saved target: what its rows are, its name, and where they live."""
    if status.target_name is None:
        return shown(status.policy.label)
    label = capital(nouns(status.policy.category)[1])
    if saved is None:
        return tr("{category}: {name}").format(category=label, name=status.target_name)
    return tr("{category}: {name} ({database}, {table}.{column})").format(
        category=label,
        name=saved.name,
        database=backend_name(saved.backend),
        table=saved.table_name,
        column=saved.timestamp_column,
    )


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
            return tr("Promise broken: {count} older than {limit} days").format(count=count_of(status.late, category), limit=limit)
        return tr("Promise broken: see below")
    if verdict == AT_RISK:
        if status.scheduled_overdue:
            if status.last_scheduled is None:
                return tr("The scheduled purge has never run: at risk")
            return tr("Scheduled purge last ran {age} ago: at risk").format(age=formatting.days(status.scheduled_age_days))
        return tr("At risk: see below")
    if verdict == KEPT:
        if limit is None:
            return tr("Promise kept: {many} are reviewed by {date}").format(many=many, date=formatting.date(status.policy.review_by))
        if status.held:
            return tr("Promise kept: no {one} older than {limit} days but the {count} kept under legal hold").format(
                one=one, limit=limit, count=count_of(status.held, category)
            )
        return tr("Promise kept: no {one} older than {limit} days").format(one=one, limit=limit)
    return tr("Not checked: the target cannot be read")


def schedule_text(status: CategoryStatus) -> str:
    """When the scheduled purge last ran, and how often it should."""
    p = status.policy
    if p.days is None:
        return tr("Not purged: kept until the review date")
    r = status.last_scheduled
    daily = p.interval_days == 1
    if r is None:
        if daily:
            return tr("Never ran (it should run daily)")
        return tr("Never ran (it should run every {days})").format(days=days_of(p.interval_days))
    age = status.scheduled_age_days or 0
    state = formatting.state(r.state).lower()
    if age == 0:
        if daily:
            return tr("Last ran today (run {run}, {state}); it should run daily").format(run=r.id, state=state)
        return tr("Last ran today (run {run}, {state}); it should run every {days}").format(
            run=r.id, state=state, days=days_of(p.interval_days)
        )
    if daily:
        return tr("Last ran {age} ago (run {run}, {state}); it should run daily").format(age=formatting.days(age), run=r.id, state=state)
    return tr("Last ran {age} ago (run {run}, {state}); it should run every {days}").format(
        age=formatting.days(age), run=r.id, state=state, days=days_of(p.interval_days)
    )


def cancelling() -> str:
    """The progress row's note once Cancel is pressed."""
    return tr(" · cancelling after this batch…")


def describe_purge(p: PurgeProgress) -> tuple[int, int, str]:
    """A purge's progress as the progress row shows it: a per-mille bar and a line of text."""
    # before its first batch a run without the dry run's count has no total yet: not "100%"
    value = int(p.fraction * 1000) if p.batches or p.exact else 0
    if p.note:  # the run itself (it stopped, and is still trying to record why in its receipt)
        return value, 1000, tr("{rows} deleted; {note}").format(rows=rows_of(p.deleted), note=shown(p.note))
    if not p.batches and not p.exact:
        text = tr("Deleting the rows past the retention; counting them as it goes")
    elif p.exact or p.fraction >= 1:  # the total is extrapolated from the time covered so far, unless the dry run counted it
        text = tr("{deleted:,} of {total} deleted").format(deleted=p.deleted, total=rows_of(p.estimated))
    else:
        text = tr("{deleted:,} of about {total} deleted").format(deleted=p.deleted, total=rows_of(p.estimated))
    if p.batches:
        rate = p.deleted / p.elapsed if p.elapsed > 0 else 0.0
        text += tr(" in {batches} · {rate:,.0f} rows/s · {left} left").format(
            batches=batches_of(p.batches), rate=rate, left=_duration(p.eta_seconds)
        )
    return value, 1000, text


# --------------------------------------------------------------------------- wording


def describe_run(receipt: Receipt) -> str:
    """The last purge in one line: when, by whom, scheduler or operator, what it did."""
    when = formatting.timestamp(receipt.started_at)
    if receipt.trigger == "scheduler":
        text = tr("{when} by {who} (the scheduler): {summary}")
    else:
        text = tr("{when} by {who} (an operator): {summary}")
    return text.format(when=when, who=receipt.started_by, summary=shown(receipt.summary))


def describe_receipt(r: Receipt) -> str:
    """The full receipt, one fact a line (selectable, for a ticket or an audit)."""
    ts = formatting.timestamp
    duration = "—" if r.duration_ms is None else tr("{seconds:,.1f} s").format(seconds=r.duration_ms / 1000)
    lines = [
        tr("Purge run {run} ({category}): {state}").format(run=r.id, category=r.category, state=formatting.state(r.state)),
        tr("Summary: {summary}").format(summary=shown(r.summary)),
        tr("Target: {target}").format(target=r.target or tr("— (not recorded)")),
        *(
            [tr("Retention target: {name} (the rows were read and deleted in its own database)").format(name=r.target_name)]
            if r.target_name
            else []
        ),
        tr("Cutoff: {cutoff} (rows that started before this are past retention)").format(cutoff=ts(r.cutoff)),
        tr("Started: {when} by {who} (trigger: {trigger})").format(when=ts(r.started_at), who=r.started_by, trigger=r.trigger),
        tr("Finished: {when}").format(when=ts(r.finished_at)),
        tr("Duration: {duration} in {batches}").format(duration=duration, batches=batches_of(r.batches)),
        tr("Rows estimated: {estimated}; deleted: {deleted:,}").format(
            estimated=formatting.number(r.rows_estimated), deleted=r.rows_deleted
        ),
        tr("Oldest deleted: {oldest}; newest deleted: {newest}").format(oldest=ts(r.oldest_deleted), newest=ts(r.newest_deleted)),
        tr("Verified: {verified}; oldest remaining: {oldest}").format(
            verified=formatting.yes_no(r.verified, undecided=tr("not checked")), oldest=ts(r.oldest_remaining)
        ),
    ]
    if r.partitions:
        lines.append(tr("Partitions dropped or detached: {partitions}").format(partitions=", ".join(r.partitions)))
    if r.resumed_runs:
        lines.append(tr("Finished the work of interrupted runs: {runs}").format(runs=", ".join(str(i) for i in r.resumed_runs)))
    if r.rows_skipped_held:
        lines.append(tr("Rows kept for a legal hold: {count:,}").format(count=r.rows_skipped_held))
    if r.error:
        note = tr("Note: {text}") if r.state == "completed" else tr("Error: {text}")
        lines.append(note.format(text=shown(r.error)))
    if r.host:
        if r.pid:
            lines.append(tr("Ran on: {host} (process {pid})").format(host=r.host, pid=r.pid))
        else:
            lines.append(tr("Ran on: {host}").format(host=r.host))
    if r.audit_head:
        lines.append(tr("Audit head: {head} (check it later: minisip-console audit verify --expect-head {head})").format(head=r.audit_head))
    return "\n".join(lines)


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return tr("estimating…")
    seconds = int(round(seconds))
    if seconds < 60:
        return tr("about {seconds} s").format(seconds=seconds)
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return tr("about {minutes} min {seconds:02d} s").format(minutes=minutes, seconds=seconds)
    hours, minutes = divmod(minutes, 60)
    return tr("about {hours} h {minutes:02d} min").format(hours=hours, minutes=minutes)
