"""The audit report as the HTML subset ``QTextDocument`` lays out (no Qt here: text only).

Printable in black and white: tables have ruled borders, emphasis is bold, and every verdict and
state is written as a word (never a colour). The cover is page 1 and the table of contents page 2;
each section starts with an ``<h1>`` whose page the renderer finds after laying the document out,
then fills into the table of contents (``toc_pages``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from html import escape

from minisip_console.core.audit_report import ReportData
from minisip_console.core.legal import ReportRow
from minisip_console.core.wording import plural

#: the sections, in order: the table of contents lists them and the tests look for them
SECTIONS = (
    "Promises and verdicts",
    "Purge receipts",
    "Deletion requests",
    "Notice campaigns and reach",
    "Law-enforcement register",
    "Transparency counts",
    "Access grants by purpose",
    "Operators and roles",
    "Audit chain verification",
)

_STYLE = """
body { color: #000000; }
h1 { font-size: 15pt; font-weight: bold; margin-top: 0px; margin-bottom: 8px; }
h2 { font-size: 11pt; font-weight: bold; margin-top: 10px; margin-bottom: 4px; }
p { margin-top: 0px; margin-bottom: 6px; }
th { font-weight: bold; text-align: left; background-color: #e6e6e6; }
td, th { padding: 3px; }
.n { text-align: right; }
.mono { font-family: 'DejaVu Sans Mono', 'Courier New', monospace; font-size: 8pt; }
.note { font-size: 8pt; }
.register { font-family: 'DejaVu Sans Mono', 'Courier New', monospace; font-size: 7.5pt; margin-bottom: 0px; }
.verdict { font-weight: bold; white-space: nowrap; }
.title { font-size: 24pt; font-weight: bold; }
.subtitle { font-size: 14pt; }
"""


def _e(value: object) -> str:
    return escape("-" if value is None or value == "" else str(value))


def _when(value: dt.datetime | None) -> str:
    if value is None:
        return "-"
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC)
    return f"{value:%Y-%m-%d %H:%M} UTC"


def _day(value: dt.datetime | dt.date | None) -> str:
    if value is None:
        return "-"
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        value = value.astimezone(dt.UTC)
    return f"{value:%Y-%m-%d}"


def _yes(value: bool | None, yes: str = "yes", no: str = "NO", unknown: str = "-") -> str:
    return unknown if value is None else yes if value else no


#: rows per table: a long register is cut into tables of this many rows (each with its header),
#: which Qt lays out and draws page by page; one table of thousands of rows is walked whole for
#: every page it spans
ROWS_PER_TABLE = 40


def _table(
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    numeric: Iterable[int] = (),
    widths: Sequence[int] = (),
    rows_per_item: int = 1,
) -> str:
    """A ruled table; ``rows`` hold HTML already escaped; ``numeric`` columns are right-aligned;
    ``widths`` in percent. A row whose one cell starts with ``<td colspan`` is written as given.
    Long tables are cut every ``ROWS_PER_TABLE`` rows (a multiple of ``rows_per_item``: an item's
    detail row stays with it)."""
    right = set(numeric)
    head = "".join(
        f"<th{' class=n' if i in right else ''}{f' width={widths[i]}%' if i < len(widths) else ''}>{escape(h)}</th>"
        for i, h in enumerate(headers)
    )
    body = []
    for row in rows:
        if len(row) == 1 and row[0].startswith("<td colspan"):
            body.append(f"<tr>{row[0]}</tr>")
        else:
            body.append("<tr>" + "".join(f"<td{' class=n' if i in right else ''}>{cell}</td>" for i, cell in enumerate(row)) + "</tr>")
    step = max(rows_per_item, ROWS_PER_TABLE - ROWS_PER_TABLE % rows_per_item)
    return "".join(
        '<table border="1" cellspacing="0" cellpadding="3" width="100%" style="border-collapse: collapse; border-color: #000000;">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body[i : i + step])}</tbody></table>"
        for i in range(0, max(len(body), 1), step)
    )


def _none(text: str) -> str:
    return f"<p><i>{escape(text)}</i></p>"


def _section(number: int, body: str) -> str:
    # every section on a new page (the first one starts the body document)
    style = ' style="page-break-before: always;"' if number > 1 else ""
    return f"<h1{style}>{number}. {escape(SECTIONS[number - 1])}</h1>{body}"


def _page(body: str) -> str:
    return f"<html><head><style>{_STYLE}</style></head><body>{body}</body></html>"


def cover(data: ReportData) -> str:
    """Page 1: what the report is of, who made it, when, and the head it was made under."""
    return _page(_cover(data))


def contents(toc_pages: Mapping[str, int] | None = None) -> str:
    """The table of contents: each title of ``SECTIONS`` and its page (None: a placeholder of
    the same number of lines, to count its pages before the numbers are known)."""
    return _page(_contents(toc_pages))


def body(data: ReportData) -> str:
    """The sections, each starting with an ``<h1>`` on a new page."""
    return _page(
        "".join(
            (
                _section(1, _promises(data)),
                _section(2, _purges(data)),
                _section(3, _deletions(data)),
                _section(4, _campaigns(data)),
                _section(5, _legal(data)),
                _section(6, _transparency(data)),
                _section(7, _grants(data)),
                _section(8, _operators(data)),
                _section(9, _audit(data)),
            )
        )
    )


def _facts(rows: Sequence[tuple[str, str]]) -> str:
    cells = "".join(f"<tr><th width=28%>{escape(k)}</th><td>{v}</td></tr>" for k, v in rows)
    return f'<table border="1" cellspacing="0" cellpadding="4" width="100%" style="border-collapse: collapse;">{cells}</table>'


def _cover(data: ReportData) -> str:
    head = data.audit_head or "none (the audit log is empty)"
    facts = [
        ("Service", _e(data.service)),
        ("Database", _e(data.database)),
        ("Period", f"{_e(data.period)} (whole days, UTC)"),
        ("Generated by", _e(data.generated_by)),
        ("Generated at", _e(_when(data.generated_at))),
        ("Audit head", f"<span class=mono>{_e(head)}</span>"),
        ("Separation of duties", _e(data.trust)),
        ("Promises", f"<b>{_e(data.headline)}</b>"),
    ]
    check = (
        f"<p>This report was made under the audit head above: every record it reports was in the audit log at or before that "
        f"event. To check later that the log still holds it unchanged, run "
        f"<span class=mono>minisip-console audit verify --expect-head {_e(head)}</span>. The report's own SHA-256 is "
        f"recorded in the audit log as a <b>report.exported</b> event.</p>"
        if data.audit_head
        else ""
    )
    return (
        "<p class=title>Privacy audit report</p>"
        f"<p class=subtitle>{_e(data.service)}: {_e(data.period)}</p><p>&nbsp;</p>"
        f"{_facts(facts)}<p>&nbsp;</p>{check}"
        "<p class=note>Accounts are named by their id only: this report holds no owner's name, email address, company, "
        "phone number or file name.</p>"
    )


def _contents(toc_pages: Mapping[str, int] | None) -> str:
    rows = []
    for i, title in enumerate(SECTIONS, 1):
        page = str(toc_pages[title]) if toc_pages is not None else "00"
        rows.append(f"<tr><td>{i}. {escape(title)}</td><td class=n width=12%>{page}</td></tr>")
    return (
        f'<h2 style="font-size: 15pt;">Contents</h2><table border="0" cellspacing="0" cellpadding="4" width="100%">{"".join(rows)}</table>'
    )


def _promises(data: ReportData) -> str:
    rows = [
        (
            f"<b>{_e(p.title)}</b><br>{_e(p.promise)}",
            f"<span class=verdict>{_e(p.verdict.upper())}</span>",
            f"{_e(p.reason)}<br><span class=note>{_e(p.evidence)}</span>",
        )
        for p in data.promises
    ]
    table = _table(("Promise", "Verdict", "Why, and the evidence"), rows, widths=(36, 16, 48)) if rows else _none("No promises.")
    return (
        f"<p><b>{_e(data.headline)}</b>. Evaluated at "
        f"{_e(_when(data.generated_at))}, as the console's Overview tab and <span class=mono>minisip-console compliance</span> "
        f"show it.</p>{table}"
    )


def _purges(data: ReportData) -> str:
    intro = (
        "<p>Every purge run started in the period, oldest first: what it deleted (rows kept for a legal hold in brackets), "
        "whether it verified that nothing older than its cutoff remained, and the audit head recorded with its receipt.</p>"
    )
    if not data.purges:
        return intro + _none("No purge ran in the period.")
    by_category: dict[str, list[int]] = {}
    for r in data.purges:
        counts = by_category.setdefault(r.category, [0, 0, 0])
        counts[0] += 1
        counts[1] += r.rows_deleted
        counts[2] += int(bool(r.verified))
    summary = _table(
        ("Category", "Runs", "Rows deleted", "Verified", "Not verified"),
        [(_e(c), f"{n:,}", f"{d:,}", f"{v:,}", f"<b>{n - v:,}</b>" if n - v else "0") for c, (n, d, v) in by_category.items()],
        numeric=(1, 2, 3, 4),
    )
    # a monospaced register, two lines a receipt: a year of daily runs of four categories is
    # ~1,500 receipts, which as table cells Qt lays out twenty times slower than as lines
    header = f"{'Run':>6}  {'Category':<15} {'Started (UTC)':<17} {'Trigger':<10} {'Rows deleted':>13}  Verification"
    lines = [f"<b>{escape(header)}</b>"]
    for r in data.purges:
        if r.state == "completed":
            check = "VERIFIED" if r.verified else "NOT VERIFIED"
        else:
            check = r.state.replace("_", " ").upper()
        started = r.started_at.astimezone(dt.UTC) if r.started_at.tzinfo else r.started_at
        deleted = f"{r.rows_deleted:,}" + (f" ({r.rows_skipped_held:,} held)" if r.rows_skipped_held else "")
        first = f"{r.id:>6}  {r.category:<15} {started:%Y-%m-%d %H:%M}  {r.trigger:<10} {deleted:>13}  "
        second = f"{'':8}audit head {r.audit_head or '-'}"
        if r.trigger != "scheduler":
            second += f"; started by {r.started_by}"
        if not (r.state == "completed" and r.verified):
            second += f"; {r.summary}"
        lines.append(f"{escape(first)}<b>{escape(check)}</b>\n{escape(second)}")
    return intro + summary + "<h2>Receipts</h2>" + _register(lines)


def _register(lines: Sequence[str]) -> str:
    """Lines (HTML, spaces kept) in a small monospaced font, a paragraph every ``ROWS_PER_TABLE``."""
    return "".join(
        '<p class=register style="white-space: pre-wrap;">' + "\n".join(lines[i : i + ROWS_PER_TABLE]) + "</p>"
        for i in range(0, len(lines), ROWS_PER_TABLE)
    )


def _deletions(data: ReportData) -> str:
    intro = (
        "<p>Deletion requests filed or completed in the period. Days taken run from the request to its verified completion; a "
        "completed request's certificate is rebuilt from the database and checked against the SHA-256 recorded when it "
        "completed.</p>"
    )
    if not data.deletions:
        return intro + _none("No deletion request was filed or completed in the period.")
    rows: list[Sequence[str]] = []
    for r in data.deletions:
        taken = "-" if r.days_taken is None else plural(r.days_taken, "day")
        rows.append(
            (
                str(r.id),
                str(r.account_id),
                _e(r.scope),
                _e(r.state),
                _e(_day(r.requested_at)),
                _e(_day(r.due_at)),
                _e(taken),
                "<b>OVERDUE</b>" if r.overdue else "on time",
            )
        )
        if r.certificate_sha256 or r.state == "completed":
            detail = (
                f"<span class=note>certificate: <b>{_e(r.certificate_check)}</b></span><br>"
                f"<span class=mono>SHA-256 {_e(r.certificate_sha256)}</span>"
            )
        else:
            detail = "<span class=note>no certificate: not completed</span>"
        rows.append((f"<td colspan=8>{detail}</td>",))
    done = [r for r in data.deletions if r.days_taken is not None]
    longest = max((r.days_taken or 0 for r in done), default=None)
    summary = f"{plural(len(data.deletions), 'request')}, {len(done):,} completed" + (
        f" (the longest took {plural(longest, 'day')})" if longest is not None else ""
    )
    overdue = sum(1 for r in data.deletions if r.overdue)
    summary += f"; {overdue:,} overdue." if overdue else "; none overdue."
    return (
        intro
        + f"<p>{escape(summary)}</p>"
        + _table(
            ("Request", "Account", "Scope", "State", "Requested", "Due", "Days taken", "Due date"), rows, numeric=(0, 1), rows_per_item=2
        )
    )


def _campaigns(data: ReportData) -> str:
    intro = (
        "<p>Email campaigns telling account owners of a policy version (created, started or finished in the period) with the "
        "delivery ledger's counts, then each version's reach: owners emailed, failed or bounced, never contacted, and whether "
        "a site notice made up for the email that did not arrive.</p>"
    )
    parts = [intro]
    rows: list[Sequence[str]] = []
    if data.campaigns:
        for c in data.campaigns:
            counts = dict(c.counts)
            ledger = ", ".join(f"{state} {n:,}" for state, n in counts.items() if n) or "no deliveries"
            rows.append((str(c.id), _e(c.version), _e(c.subject), _e(c.state), _e(_day(c.started_at)), _e(_day(c.finished_at)), _e(ledger)))
        parts.append(_table(("Campaign", "Version", "Subject", "State", "Started", "Finished", "Ledger"), rows, numeric=(0,)))
    else:
        parts.append(_none("No campaign in the period."))
    parts.append("<h2>Reach by version</h2>")
    if data.reach:
        rows = []
        for r in data.reach:
            significance = "undecided" if r.significant is None else "significant" if r.significant else "minor"
            verdict = "reached" if not r.problems else "NOT reached: " + " ".join(r.problems)
            rows.append(
                (
                    _e(r.version),
                    _e(significance),
                    _e(f"{r.sent:,}"),
                    _e(f"{r.failed + r.bounced:,}"),
                    _e(f"{r.uncertain + r.in_progress:,}"),
                    _e(f"{r.not_contacted:,}"),
                    _yes(r.site_notice_published, "shown", "none", "none"),
                    f"<b>{_e(verdict)}</b>",
                )
            )
        parts.append(
            _table(
                ("Version", "Significance", "Sent", "Failed or bounced", "Pending", "Never emailed", "Site notice", "Reach"),
                rows,
                numeric=(2, 3, 4, 5),
            )
        )
    else:
        parts.append(_none("No version was published or told of in the period."))
    return "".join(parts)


def _legal(data: ReportData) -> str:
    intro = (
        "<p>Law-enforcement requests received in the period: the legal process, the decision (compliance needs a court order "
        "or a warrant an operator checked, and a second operator's approval), the accounts named and whether their owners "
        "were told.</p>"
    )
    if not data.legal_requests:
        return intro + _none("No request was received in the period.")
    rows = []
    for r in data.legal_requests:
        decision = r.decision + (f" ({r.compliance_scope})" if r.compliance_scope else "")
        gag = ("until " + _day(r.gag_until) if r.gag_until else "no end date") if r.gag_order else "none"
        rows.append(
            (
                str(r.id),
                _e(_day(r.received_at)),
                _e(r.agency) + f"<br><span class=note>{_e(r.country)}</span>",
                _e(r.legal_process.replace("_", " ")),
                f"<b>{_e(decision)}</b>",
                _e(", ".join(map(str, r.account_ids))),
                _e(r.notice_state.replace("_", " ")),
                _e(gag),
            )
        )
    return intro + _table(
        ("Request", "Received", "Agency", "Process", "Decision", "Accounts", "Owner told", "Gag order"), rows, numeric=(0,)
    )


def _transparency(data: ReportData) -> str:
    t = data.transparency
    intro = (
        f"<p>The transparency report for {_e(_day(t.date_from))} to {_e(_day(t.date_to))} "
        "(<span class=mono>minisip-console legal report</span>), by country and legal process: requests, distinct accounts "
        "named, how they were decided, and how many owners were told or held back by a gag order.</p>"
    )
    headers = ("Country", "Process", "Requests", "Accounts", "Rejected", "Full", "Partial", "Pending", "Content", "Notified", "Gagged")

    def cells(r: ReportRow, bold: bool = False) -> Sequence[str]:
        values = [
            r.country,
            r.legal_process.replace("_", " "),
            *(
                f"{getattr(r, k):,}"
                for k in (
                    "requests",
                    "accounts",
                    "rejected",
                    "complied_full",
                    "complied_partial",
                    "pending",
                    "content",
                    "customers_notified",
                    "notices_gagged",
                )
            ),
        ]
        return [f"<b>{_e(v)}</b>" if bold else _e(v) for v in values]

    rows = [cells(r) for r in t.rows] + [cells(t.total, bold=True)]
    head = f"<p class=note>Counted under audit head <span class=mono>{_e(t.audit_head)}</span>.</p>" if t.audit_head else ""
    return intro + _table(headers, rows, numeric=tuple(range(2, 11))) + head


def _grants(data: ReportData) -> str:
    intro = (
        "<p>Personal data is masked until an operator states a purpose and a ticket; each grant expires. The grants given in "
        "the period, by purpose:</p>"
    )
    rows = [(_e(g.label), _e(f"{g.grants:,}"), _e(f"{g.accounts:,}"), _e(f"{g.operators:,}")) for g in data.grants]
    total = sum(g.grants for g in data.grants)
    return (
        intro
        + _table(("Purpose", "Grants", "Accounts", "Operators"), rows, numeric=(1, 2, 3))
        + f"<p>{escape(plural(total, 'grant'))} in all.</p>"
    )


def _operators(data: ReportData) -> str:
    intro = (
        "<p>Who may do what: viewers read; operators do the day's work; approvers give the second pair of eyes that deleting "
        "data and complying with a court order need; admins manage operators and retention policies.</p>"
        f"<p><b>{_e(data.trust)}</b></p>"
    )
    rows = [(_e(o.login), _e(o.display_name), _e(o.role), "active" if o.active else "<b>disabled</b>") for o in data.operators]
    return intro + (_table(("Login", "Name", "Role", "State"), rows) if rows else _none("No operators."))


def _audit(data: ReportData) -> str:
    a = data.audit
    if a.ok:
        verdict = f"<p><b>The audit chain VERIFIES</b>: {plural(a.events, 'event')} recomputed, each chained to the one before it.</p>"
    else:
        where = f" at event {a.first_bad_seq}" if a.first_bad_seq is not None else ""
        verdict = f"<p><b>The audit chain DOES NOT VERIFY</b>{_e(where)}: {_e(a.reason)}.</p>"
    head = f"<p>Last event verified: <span class=mono>{_e(a.head)}</span></p>"
    rows = [(_e(text), "<b>holds</b>" if ok else "<b>MISSING EVENTS</b>") for text, ok in a.records]
    records = (
        "<h2>The log against the records</h2><p>Each kind of record the console keeps must have its audit event: an emptied or "
        "cut log fails even when its chain holds.</p>" + _table(("Records", "Their events"), rows, widths=(75, 25))
        if rows
        else ""
    )
    return verdict + head + records
