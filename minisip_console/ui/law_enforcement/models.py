"""The Law enforcement tab's rows and words: register, hold and disclosure rows, labels, the snapshot."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from minisip_console.core import limits
from minisip_console.ui import formatting
from minisip_console.ui.i18n import shown, tr

if TYPE_CHECKING:
    import datetime as dt

    from minisip_console.core.disclosures import DisclosureInfo
    from minisip_console.core.holds import HoldInfo
    from minisip_console.core.legal import LegalChecks, RequestSummary


#: notice state -> (background, foreground): the colours are fields of ui.theme's Theme (the words: notice_words)
NOTICE_LOOK: dict[str, tuple[str | None, str | None]] = {
    "overdue": ("bad_bg", "bad"),
    "due": ("warn_bg", "warn"),
    "gag_review": ("warn_bg", "warn"),
    "gagged": (None, None),
    "notified": (None, "good"),
}


def notice_word_map() -> dict[str, str]:
    """Notice state -> its words (built at call time: the translator is installed after import)."""
    return {
        "overdue": tr("Overdue"),
        "due": tr("Due"),
        "gag_review": tr("Gag to review"),
        "gagged": tr("Held back (gag order)"),
        "notified": tr("Told"),
    }


def decision_word_map() -> dict[str, str]:
    """Decision -> its words."""
    return {"pending": tr("Pending"), "proposed": tr("Compliance proposed"), "complied": tr("Complied"), "rejected": tr("Rejected")}


def head(label: str) -> str:
    """A label without its explanation in brackets: "Court order (…)" -> "Court order" (either bracket)."""
    for bracket in (" (", "（", " （"):
        label = label.split(bracket)[0]
    return label.strip()


def process_label(code: str) -> str:
    from minisip_console.core.legal import PROCESSES

    label = PROCESSES.get(code)
    return shown(label) if label is not None else formatting.state(code)


def short_process(code: str) -> str:
    return head(process_label(code))


def category_labels(codes: tuple[str, ...] | list[str]) -> str:
    from minisip_console.core.disclosures import CATEGORIES

    return tr(", ").join(head(shown(CATEGORIES[c])) if c in CATEGORIES else c for c in codes) or "—"


def notice_words(state: str) -> str:
    return notice_word_map().get(state) or formatting.state(state)


def decision_words(decision: str, scope: str | None = None) -> str:
    words = decision_word_map().get(decision) or formatting.state(decision)
    if decision in ("complied", "proposed") and scope:
        words = tr("{decision} ({scope})").format(decision=words, scope=scope_words(scope))
    return words


def scope_words(scope: str | None) -> str:
    """A compliance scope ("full", "partial") as words."""
    if not scope:
        return "—"
    return {"full": tr("full", "compliance scope"), "partial": tr("partial", "compliance scope")}.get(scope, scope)


def accounts_text(ids: tuple[int, ...] | list[int]) -> str:
    return tr(", ").join(str(i) for i in ids) or "—"


def parse_accounts(text: str) -> tuple[tuple[int, ...], str | None]:
    """``"3, 5 7"`` -> ``(3, 5, 7)``; the problem in words when it is not a list of account ids."""
    parts = [p for p in text.replace(";", ",").replace(" ", ",").split(",") if p.strip()]
    if not parts:
        return (), tr("Name at least one account (its id, e.g. 42; several separated by commas).")
    ids: list[int] = []
    for p in parts:
        value, problem = limits.id_problem(p, example=tr("42 (several separated by commas)"))
        if value is None:
            return (), shown(problem)
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
        notice = (
            tr("Held back: gag until {date}").format(date=formatting.date(r.gag_until))
            if r.gag_until
            else tr("Held back: gag, no end date")
        )
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
        return tr("In force")
    if h.released_at is not None:
        return tr("Released by {operator}").format(operator=h.released_by or "—")
    return tr("Expired")


def hold_row(h: HoldInfo) -> HoldRow:
    ends = formatting.timestamp(h.ended_at or h.expires_at, utc_suffix=False) if (h.ended_at or h.expires_at) else tr("No end date")
    return HoldRow(
        hold=h,
        id=h.id,
        account_id=h.account_id,
        request_id=h.request_id,
        reason=shown(h.reason),
        placed=formatting.timestamp(h.placed_at, utc_suffix=False),
        ends=ends,
        state=hold_state(h),
    )


def basis_label(code: str) -> str:
    from minisip_console.core.disclosures import DISCLOSURE_BASES

    label = DISCLOSURE_BASES.get(code)
    if label is not None:
        return shown(label)
    return formatting.state(code) if code else tr("None recorded")


def disclosure_row(d: DisclosureInfo) -> DisclosureRow:
    return DisclosureRow(
        disclosure=d,
        id=d.id,
        disclosed=formatting.timestamp(d.disclosed_at, utc_suffix=False),
        account=str(d.account_id) if d.account_id is not None else "—",
        recipient=d.recipient,
        basis=head(basis_label(d.legal_basis)),
        categories=category_labels(d.data_categories) if d.data_categories else (d.data_shared or "—"),
        evidence=d.evidence or "—",
        export=d.export_sha256 or "—",
    )
