"""The Law enforcement tab's rows and words: register, hold and disclosure rows, labels, the snapshot."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from minisip_console.core import limits
from minisip_console.ui import formatting

if TYPE_CHECKING:
    import datetime as dt

    from minisip_console.core.disclosures import DisclosureInfo
    from minisip_console.core.holds import HoldInfo
    from minisip_console.core.legal import LegalChecks, RequestSummary


#: notice state -> (words, background, foreground)
NOTICE_LOOK: dict[str, tuple[str, str | None, str | None]] = {  # the colours are fields of ui.theme's Theme
    "overdue": ("Overdue", "bad_bg", "bad"),
    "due": ("Due", "warn_bg", "warn"),
    "gag_review": ("Gag to review", "warn_bg", "warn"),
    "gagged": ("Held back (gag order)", None, None),
    "notified": ("Told", None, "good"),
}

DECISION_WORDS = {"pending": "Pending", "proposed": "Compliance proposed", "complied": "Complied", "rejected": "Rejected"}


def process_label(code: str) -> str:
    from minisip_console.core.legal import PROCESSES

    return PROCESSES.get(code, formatting.state(code))


def short_process(code: str) -> str:
    return process_label(code).split(" (")[0]


def category_labels(codes: tuple[str, ...] | list[str]) -> str:
    from minisip_console.core.disclosures import CATEGORIES

    return ", ".join(CATEGORIES.get(c, c).split(" (")[0] for c in codes) or "—"


def notice_words(state: str) -> str:
    return NOTICE_LOOK.get(state, (formatting.state(state), None, None))[0]


def decision_words(decision: str, scope: str | None = None) -> str:
    words = DECISION_WORDS.get(decision, formatting.state(decision))
    if decision in ("complied", "proposed") and scope:
        words += f" ({scope})"
    return words


def accounts_text(ids: tuple[int, ...] | list[int]) -> str:
    return ", ".join(str(i) for i in ids) or "—"


def parse_accounts(text: str) -> tuple[tuple[int, ...], str | None]:
    """``"3, 5 7"`` -> ``(3, 5, 7)``; the problem in words when it is not a list of account ids."""
    parts = [p for p in text.replace(";", ",").replace(" ", ",").split(",") if p.strip()]
    if not parts:
        return (), "Name at least one account (its id, e.g. 42; several separated by commas)."
    ids: list[int] = []
    for p in parts:
        value, problem = limits.id_problem(p, example="42 (several separated by commas)")
        if value is None:
            return (), problem
        if value not in ids:
            ids.append(value)
    return tuple(ids), None


# --------------------------------------------------------------------------- the work (plain functions)


@dataclass(frozen=True)
class RegisterRow:
    """One line of the register, worded for the table (the request itself in ``request``)."""

    request: RequestSummary
    id: int
    received: str
    agency: str
    country: str
    process: str
    accounts: str
    decision: str
    notice: str
    notice_state: str


@dataclass(frozen=True)
class HoldRow:
    hold: HoldInfo
    id: int
    account_id: int
    request_id: int | None
    reason: str
    placed: str
    ends: str
    state: str


@dataclass(frozen=True)
class DisclosureRow:
    disclosure: DisclosureInfo
    id: int
    disclosed: str
    account: str
    recipient: str
    basis: str
    categories: str
    evidence: str
    export: str


@dataclass(frozen=True)
class Snapshot:
    rows: tuple[RegisterRow, ...]
    checks: LegalChecks
    holds: tuple[HoldRow, ...]
    disclosures: tuple[DisclosureRow, ...]
    now: dt.datetime


def register_row(r: RequestSummary) -> RegisterRow:
    notice = notice_words(r.notice_state)
    if r.notice_state == "gagged" and r.gag_order:
        notice = f"Held back: gag until {formatting.date(r.gag_until)}" if r.gag_until else "Held back: gag, no end date"
    return RegisterRow(
        request=r,
        id=r.id,
        received=formatting.date(r.received_at.date()),
        agency=r.agency,
        country=r.country,
        process=short_process(r.legal_process),
        accounts=accounts_text(r.account_ids),
        decision=decision_words(r.decision, r.compliance_scope),
        notice=notice,
        notice_state=r.notice_state,
    )


def hold_state(h: HoldInfo) -> str:
    if h.active:
        return "In force"
    if h.released_at is not None:
        return f"Released by {h.released_by or '—'}"
    return "Expired"


def hold_row(h: HoldInfo) -> HoldRow:
    ends = formatting.timestamp(h.ended_at or h.expires_at, utc_suffix=False) if (h.ended_at or h.expires_at) else "No end date"
    return HoldRow(
        hold=h,
        id=h.id,
        account_id=h.account_id,
        request_id=h.request_id,
        reason=h.reason,
        placed=formatting.timestamp(h.placed_at, utc_suffix=False),
        ends=ends,
        state=hold_state(h),
    )


def basis_label(code: str) -> str:
    from minisip_console.core.disclosures import DISCLOSURE_BASES

    return DISCLOSURE_BASES.get(code, formatting.state(code) if code else "None recorded")


def disclosure_row(d: DisclosureInfo) -> DisclosureRow:
    return DisclosureRow(
        disclosure=d,
        id=d.id,
        disclosed=formatting.timestamp(d.disclosed_at, utc_suffix=False),
        account=str(d.account_id) if d.account_id is not None else "—",
        recipient=d.recipient,
        basis=basis_label(d.legal_basis).split(" (")[0],
        categories=category_labels(d.data_categories) if d.data_categories else (d.data_shared or "—"),
        evidence=d.evidence or "—",
        export=d.export_sha256 or "—",
    )
