"""The Policy notices tab's data and words: the snapshot, a version's details, the diff's colours, the reach verdict."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from minisip_console.ui import theme

if TYPE_CHECKING:
    import datetime as dt

    from minisip_console.core.campaign import Progress
    from minisip_console.core.policy_versions import NoticeInfo, ReachStatus, VersionDiff, VersionInfo


#: a diff line's background: fields of ui.theme's Theme (its text is the theme's banner_text)
DIFF_COLOURS = {"changed": "warn_bg", "added": "good_bg", "removed": "bad_bg"}

DIFF_WORDS = {"changed": "changed", "added": "added", "removed": "removed", "equal": ""}

LEDGER_STATES = ("sent", "failed", "bounced", "uncertain", "queued", "sending")


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
    return f"sent {p.sent:,} · failed {p.failed:,} · uncertain {p.uncertain:,} · queued {p.queued:,} · {p.rate:,.1f} messages/s"


def reach_verdict(v: VersionInfo, r: ReachStatus | None) -> tuple[str, str | None, str]:
    """(words, colour, tooltip) of the reach column."""
    if not v.published:
        return "— (draft)", None, "A draft reaches nobody until it is published."
    if r is None:
        return "—", None, ""
    if not v.significant and not (r.failed or r.bounced):
        return "Not emailed (minor change)", theme.current().good, "A minor change needs no notice."
    if r.ok:
        how = "email" + (" and a site notice" if r.site_notice_published else "")
        return f"Everyone reached ({how})", theme.current().good, f"sent {r.sent:,} · failed {r.failed:,} · bounced {r.bounced:,}"
    return "Problem", theme.current().bad, "\n".join(r.problems)
