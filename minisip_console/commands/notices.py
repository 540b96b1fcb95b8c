"""``minisip-console notices ...``: policy-change notices from a terminal and the OS scheduler.

- ``notices status VERSION`` shows the version, its campaigns, the delivery ledger's counts and
  whether every owner was reached (by email, or by a site notice where email failed); exit 1 when
  not (for monitoring).
- ``notices send VERSION`` sends the version's notice to the owner of every active account over
  SMTP: it resumes the version's open campaign, or creates one from the templates in
  ``resources/templates/policy-change.*`` (or ``--subject``/``--text-file``/``--html-file``).
  SMTP host, port, security, user and sender are options (``--smtp-*``, ``--from``); the password
  is read from the keyring entry of ``--profile`` (``kind`` smtp), never from the command line.
  One progress line per 100 messages on stderr (none with ``--json`` or ``--quiet``). Ctrl+C
  pauses between messages; ``send`` again resumes without sending anyone a second message.
  Exit 0 when the campaign finished, 1 when it stopped (paused, retries pending, SMTP refused)
  or left rows ``uncertain`` for an operator to decide.

Saving SMTP settings in the profile, and the Policy notices tab, come next (issue 6).
"""

from __future__ import annotations

import argparse
import signal
import threading
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from minisip_console.core.errors import InvalidInput

if TYPE_CHECKING:
    from minisip_console.cli import Output

EXIT_OK, EXIT_FAILED = 0, 1
SECURITY = ("none", "starttls", "tls")


def register(sub: Any, selector: argparse.ArgumentParser, json_option: argparse.ArgumentParser) -> None:
    parents = [selector, json_option]
    parser_class = type(selector)
    notices = sub.add_parser("notices", help="policy-change notices: send them to every owner, see who was reached")
    actions = notices.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=parser_class)

    st = actions.add_parser("status", parents=parents, help="the version's ledger and reach; exit 1 when an owner is not reached")
    st.add_argument("version", metavar="VERSION", help="the policy version number, e.g. 1.1")
    st.set_defaults(handler=cmd_status)

    send = actions.add_parser("send", parents=parents, help="email every active account's owner about VERSION (resumable)")
    send.add_argument("version", metavar="VERSION")
    send.add_argument("--smtp-host", required=True, metavar="HOST")
    send.add_argument("--smtp-port", type=int, default=587, metavar="PORT", help="default 587")
    send.add_argument("--smtp-security", choices=SECURITY, default="starttls", help="default starttls")
    send.add_argument("--smtp-user", default="", metavar="USER", help="log in as USER (password from the profile's keyring entry)")
    send.add_argument("--from", dest="from_address", required=True, metavar="ADDRESS", help="the sender address")
    send.add_argument("--link", default="https://www.minisipserver.com/privacy", metavar="URL", help="the policy's address, for {{ link }}")
    send.add_argument("--subject", default=None, help="the subject template (default: resources/templates)")
    send.add_argument("--text-file", type=Path, default=None, metavar="FILE", help="the plain-text body template")
    send.add_argument("--html-file", type=Path, default=None, metavar="FILE", help="the HTML body template")
    send.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    send.set_defaults(handler=cmd_send)


def _open(args: argparse.Namespace) -> Any:
    from minisip_console import cli
    from minisip_console.core.connection import open_database

    return open_database(cli.target(args))


def _version_id(database: Any, number: str) -> tuple[int, Any]:
    from minisip_console.core import policy_versions

    version = policy_versions.get_version(database.sessions, number)
    return version.id, version


def cmd_status(args: argparse.Namespace, out: Output) -> int:
    from sqlalchemy import select

    from minisip_console.core import campaign, policy_versions
    from minisip_console.core.models import NoticeCampaign

    policy_versions.parse_number(args.version)
    database = _open(args)
    try:
        version_id, version = _version_id(database, args.version)
        counts = campaign.status(database.sessions, version_id)
        reach = policy_versions.reach(database.sessions, args.version)
        with database.sessions() as session:
            campaigns = [campaign._info(c) for c in session.scalars(select(NoticeCampaign).where(NoticeCampaign.policy_version_id == version_id).order_by(NoticeCampaign.id))]
    finally:
        database.close()
    lines = [f"Version {version.number} ({version.state}, significance: {version.significance_label}), effective {version.effective_date}"]
    lines += [f"  campaign {c.id}: {c.state}, {c.subject!r}" for c in campaigns] or ["  no campaign"]
    lines.append("  ledger: " + ", ".join(f"{n:,} {state}" for state, n in counts.items()))
    lines.append("  reached: " + ("yes" if reach.ok else "NO (exit 1)"))
    lines += [f"  - {p}" for p in reach.problems]
    out.result(
        {"ok": reach.ok, "version": version.to_dict(with_text=False), "campaigns": [c.__dict__ for c in campaigns], "ledger": counts,
         "reach": reach.to_dict()},
        "\n".join(lines),
    )
    return EXIT_OK if reach.ok else EXIT_FAILED


def _template_text(name: str, given: Path | None) -> str:
    if given is not None:
        try:
            return given.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InvalidInput(f"Cannot read the template {given}: {exc.strerror if isinstance(exc, OSError) else 'not UTF-8 text'}.") from None
    return (resources.files("minisip_console.resources") / "templates" / name).read_text("utf-8")


def cmd_send(args: argparse.Namespace, out: Output) -> int:
    from sqlalchemy import select

    from minisip_console.core import campaign, mailer, policy_versions
    from minisip_console.core.models import NoticeCampaign

    policy_versions.parse_number(args.version)
    template = campaign.Template(
        subject=args.subject if args.subject is not None else _template_text("policy-change.subject.txt", None).strip(),
        body_text=_template_text("policy-change.txt", args.text_file),
        body_html=_template_text("policy-change.html", args.html_file) if args.html_file or args.text_file is None else "",
        link=args.link,
    )
    campaign.check_template(template)  # an unknown placeholder is refused before anything is sent
    settings = mailer.validate_settings(mailer.SmtpSettings(
        host=args.smtp_host, port=args.smtp_port, security=args.smtp_security, user=args.smtp_user,
        from_address=args.from_address, profile=getattr(args, "profile", None) or "",
    ))
    database = _open(args)
    stop = threading.Event()
    previous = signal.signal(signal.SIGINT, lambda *_: stop.set())
    try:
        version_id, _ = _version_id(database, args.version)
        with database.sessions() as session:
            open_ = session.scalars(
                select(NoticeCampaign.id).where(NoticeCampaign.policy_version_id == version_id, NoticeCampaign.state.in_(("draft", "running", "paused")))
                .order_by(NoticeCampaign.id.desc()).limit(1)
            ).first()
        campaign_id = open_ if open_ is not None else campaign.create_campaign(database.sessions, database.operator, version_id, template).id
        shown = [0]

        def progress(p: campaign.Progress) -> None:
            if out.as_json or args.quiet or p.done < shown[0] + 100:
                return
            shown[0] = p.done
            out.err.write(f"campaign {campaign_id}: {p.sent:,} sent, {p.failed:,} failed, {p.uncertain:,} uncertain, {p.queued:,} to go ({p.rate:,.0f}/s)\n")
            out.err.flush()

        outcome = campaign.run_campaign(database.sessions, database.operator, campaign_id, settings, progress=progress, cancel=stop.is_set)
    finally:
        signal.signal(signal.SIGINT, previous)
        database.close()
    ok = not outcome.stopped and outcome.counts.get("uncertain", 0) == 0
    text = (
        f"campaign {campaign_id} for version {args.version}: {outcome.campaign.state}"
        + (f" ({outcome.stopped})" if outcome.stopped else "")
        + f"; {outcome.sent_now:,} sent in this run in {outcome.seconds:.1f} s\n  ledger: "
        + ", ".join(f"{n:,} {s}" for s, n in outcome.counts.items())
    )
    if outcome.counts.get("uncertain"):
        text += "\n  some messages are uncertain (handed to the server, outcome not recorded): decide whether to resend them"
    out.result({"ok": ok, "campaign": outcome.campaign.__dict__, "ledger": outcome.counts, "sent_now": outcome.sent_now,
                "seconds": round(outcome.seconds, 3), "stopped": outcome.stopped}, text)
    return EXIT_OK if ok else EXIT_FAILED
