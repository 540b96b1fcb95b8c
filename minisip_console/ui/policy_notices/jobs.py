"""The Policy notices tab's work, as plain functions a worker runs: reading versions, sending a campaign, a test email."""

from __future__ import annotations

from typing import TYPE_CHECKING

from minisip_console.ui.policy_notices.models import CampaignCreated, Details, Snapshot, progress_words

if TYPE_CHECKING:
    from typing import Any

    from minisip_console.core.campaign import Progress, RunOutcome, Template
    from minisip_console.core.plumbing.connection import Database
    from minisip_console.core.plumbing.mailer import SmtpSettings


def load_snapshot(database: Database) -> Snapshot:
    from minisip_console.core import policy_versions as pv
    from minisip_console.core.models import utcnow

    now = utcnow()
    versions = pv.list_versions(database.sessions)
    return Snapshot(versions, {v.number: pv.reach(database.sessions, v.number, now=now) for v in versions}, now)


def load_details(database: Database, number: str, against: str | None) -> Details:
    from minisip_console.core import campaign
    from minisip_console.core import policy_versions as pv

    version = pv.get_version(database.sessions, number)
    changes = pv.diff(database.sessions, against, number) if against and against != number else None
    return Details(
        version,
        against if changes is not None else None,
        changes,
        pv.reach(database.sessions, number),
        campaign.status(database.sessions, version.id),
        pv.list_site_notices(database.sessions, number),
    )


def send_job(
    database: Database,
    campaign_id: int | None,
    settings: SmtpSettings,
    *,
    progress: Any,
    cancel: Any,
    version_id: int | None = None,
    template: Template | None = None,
) -> RunOutcome:
    """``campaign.run_campaign`` for the worker (creating the campaign first when ``campaign_id`` is None:
    its id goes out as a ``CampaignCreated``); each ``Progress`` goes out as (done, total, its words)."""
    from minisip_console.core import campaign

    if campaign_id is None:
        assert version_id is not None and template is not None
        campaign_id = campaign.create_campaign(database.sessions, database.operator, version_id, template).id
        progress(CampaignCreated(campaign_id))

    def report(p: Progress) -> None:
        progress(p.done, p.done + p.queued, progress_words(p))

    return campaign.run_campaign(
        database.sessions, database.operator, campaign_id, settings, progress=report, cancel=cancel, wait_for_retries=False
    )


def test_job(settings: SmtpSettings, to: str, *, name: str | None = None, password: str | None = None, store: bool = False) -> str:
    """A test message (after saving the settings first when ``store``: a new password is used for it)."""
    from minisip_console.core.plumbing import mailer

    if store:
        store_job(name, settings, password)
    return mailer.send_test(settings, to)


def store_job(name: str | None, settings: SmtpSettings, password: str | None) -> SmtpSettings:
    """Save the mail settings (``mailer.save_settings`` for a named profile; an empty password keeps the
    stored one) and return them as saved; the keyring may prompt, so this runs on a worker."""
    from minisip_console.core.plumbing import mailer

    saver = getattr(mailer, "save_settings", None)
    if saver is not None and name is not None:
        saved = saver(name, settings, password)
        return saved if saved is not None else settings
    if settings.user and password and settings.profile:
        mailer.store_password(settings, password)
    return settings


def default_template() -> tuple[str, str, str]:
    """Subject, text and HTML of the default notice (``resources/templates``)."""
    from importlib import resources

    folder = resources.files("minisip_console.resources") / "templates"
    subject, text, html = ((folder / f"policy-change.{ext}").read_text("utf-8") for ext in ("subject.txt", "txt", "html"))
    return subject.strip(), text, html
