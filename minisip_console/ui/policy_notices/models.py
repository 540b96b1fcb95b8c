"""The Policy notices tab's data and words: the snapshot, a version's details, the diff's colours, the reach verdict."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from minisip_console.ui import formatting, theme
from minisip_console.ui.i18n import shown, tr

if TYPE_CHECKING:
    import datetime as dt

    from minisip_console.core.campaign import Progress
    from minisip_console.core.policy_versions import NoticeInfo, ReachStatus, VersionDiff, VersionInfo


#: a diff line's background: fields of ui.theme's Theme (its text is the theme's banner_text)
DIFF_COLOURS = {"changed": "warn_bg", "added": "good_bg", "removed": "bad_bg"}


def diff_words() -> dict[str, str]:
    """A diff line's kind as a word (a tooltip's first word); built when shown (tr at import is English)."""
    return {"changed": tr("changed"), "added": tr("added"), "removed": tr("removed"), "equal": ""}


LEDGER_STATES = ("sent", "failed", "bounced", "uncertain", "queued", "sending")


def delivery_state(state: str) -> str:
    """A delivery's state as a word (lower case, as inside a sentence): the ledger's counts, its filter."""
    return {
        "sent": tr("sent"),
        "failed": tr("failed"),
        "bounced": tr("bounced"),
        "uncertain": tr("uncertain"),
        "queued": tr("queued"),
        "sending": tr("sending"),
    }.get(state, state)


def delivery_state_title(state: str) -> str:
    """A delivery's state as a word starting a label (the ledger's state filter)."""
    return {
        "sent": tr("Sent"),
        "failed": tr("Failed"),
        "bounced": tr("Bounced"),
        "uncertain": tr("Uncertain"),
        "queued": tr("Queued"),
        "sending": tr("Sending"),
    }.get(state, formatting.state(state))


def kind_word(kind: str) -> str:
    """A version's kind as a word (the codes stay as they are in the database)."""
    return {"policy": tr("policy"), "acquisition": tr("acquisition")}.get(kind, kind)


def significance_word(label: str) -> str:
    """``VersionInfo.significance_label`` as a word: undecided, significant, minor."""
    return {"undecided": tr("undecided"), "significant": tr("significant"), "minor": tr("minor")}.get(label, label)


# --------------------------------------------------------------------------- the work (plain functions)


@dataclass(frozen=True)
class Snapshot:
    versions: tuple[VersionInfo, ...]
    reach: dict[str, ReachStatus]  # by number
    now: dt.datetime


@dataclass(frozen=True)
class Details:
    version: VersionInfo
    against: str | None
    diff: VersionDiff | None
    reach: ReachStatus
    ledger: dict[str, int]
    notices: tuple[NoticeInfo, ...]


@dataclass(frozen=True)
class CampaignCreated:
    """The first progress of a new campaign: its id, for Resume when the run stops or fails."""

    campaign_id: int


def progress_words(p: Progress) -> str:
    return tr("sent {sent:,} · failed {failed:,} · uncertain {uncertain:,} · queued {queued:,} · {rate:,.1f} messages/s").format(
        sent=p.sent, failed=p.failed, uncertain=p.uncertain, queued=p.queued, rate=p.rate
    )


def reach_verdict(v: VersionInfo, r: ReachStatus | None) -> tuple[str, str | None, str]:
    """(words, colour, tooltip) of the reach column."""
    if not v.published:
        return tr("— (draft)"), None, tr("A draft reaches nobody until it is published.")
    if r is None:
        return "—", None, ""
    if not v.significant and not (r.failed or r.bounced):
        return tr("Not emailed (minor change)"), theme.current().good, tr("A minor change needs no notice.")
    if r.ok:
        words = tr("Everyone reached (email and a site notice)") if r.site_notice_published else tr("Everyone reached (email)")
        tip = tr("sent {sent:,} · failed {failed:,} · bounced {bounced:,}").format(sent=r.sent, failed=r.failed, bounced=r.bounced)
        return words, theme.current().good, tip
    return tr("Problem"), theme.current().bad, "\n".join(shown(p) for p in r.problems)
