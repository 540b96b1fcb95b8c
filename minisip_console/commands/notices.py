"""``minisip-console notices ...``: policy-change notices from a terminal and the OS scheduler.

- ``notices status VERSION`` shows the version, its campaigns, the delivery ledger's counts and
  whether every owner was reached (by email, or by a site notice where email failed); exit 1 when
  not (for monitoring).
- ``notices send VERSION`` sends the version's notice to the owner of every active account over
  SMTP: it resumes the version's open campaign, or creates one from the templates in
  ``resources/templates/policy-change.*`` (or ``--subject``/``--text-file``/``--html-file``).
  SMTP host, port, security, user and sender are the settings saved with ``notices smtp-set``, or
  options (``--smtp-host`` and ``--from``, with ``--smtp-port``/``--smtp-security``/``--smtp-user``);
  given next to saved settings, ``--smtp-port``/``--smtp-security``/``--smtp-user``/``--from``
  override them for this run. The password is read from the keyring entry of ``--profile``
  (``kind`` smtp), never from the command line.
  One progress line per 100 messages on stderr (none with ``--json`` or ``--quiet``). Ctrl+C
  (SIGINT) or SIGTERM pauses the campaign after the current message; a second one stops at once,
  as a killed run does (the next ``send`` marks what was in flight ``uncertain``, for an operator
  to decide). ``send`` again resumes without sending anyone a second message.
  Exit 0 when the campaign finished, 1 when it stopped (paused, retries pending, SMTP refused)
  or left rows ``uncertain`` for an operator to decide.
- ``notices smtp-set`` saves host, port, security, user and sender for the selected ``--profile``
  (or for the demo database: ``--demo``, or a ``--database`` naming the demo file) in
  ``smtp.json``; ``--password-stdin`` puts the password in the OS keyring, ``--forget-password``
  removes it. A plain ``--database`` has nowhere to keep them: exit 2.
- ``notices smtp-show`` shows them, and whether a password is in the keyring (never the password).
- ``notices ledger VERSION [--state S]`` lists the deliveries (addresses masked, in replies too);
  ``notices resolve VERSION --account ID ... --delivered|--resend`` is the operator's decision on
  ``uncertain`` rows; ``notices bounce VERSION --account ID ... [--reply TEXT]`` or ``--file CSV``
  records bounces that came back after the server accepted a message (exit 1 when some line
  was skipped, each named with the reason).
"""

from __future__ import annotations

import argparse
import dataclasses
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from minisip_console.commands import arguments
from minisip_console.commands.base import EXIT_FAILED, EXIT_OK, CancelOnSignal, command_group, read_password
from minisip_console.commands.opening import demo_option, open_as_operator, operator_options, target
from minisip_console.core.plumbing import jsontime
from minisip_console.core.plumbing.errors import InvalidInput
from minisip_console.core.wording import plural

if TYPE_CHECKING:
    from minisip_console.commands.base import Output

SECURITY = ("none", "starttls", "tls")


def register(sub: Any, selector: argparse.ArgumentParser, json_option: argparse.ArgumentParser) -> None:
    parser_class = type(selector)
    # acting as an operator: --demo and --operator; send and the SMTP settings: --demo
    parents = [selector, json_option, operator_options(parser_class)]
    demo_parents = [selector, json_option, demo_option(parser_class)]
    actions = command_group(sub, "notices", "policy-change notices: send them to every owner, see who was reached")

    st = actions.add_parser("status", parents=parents, help="the version's ledger and reach; exit 1 when an owner is not reached")
    st.add_argument("version", metavar="VERSION", help="the policy version number, e.g. 1.1")
    st.set_defaults(handler=cmd_status)

    send = actions.add_parser("send", parents=demo_parents, help="email every active account's owner about VERSION (resumable)")
    send.add_argument("version", metavar="VERSION")
    send.add_argument("--smtp-host", default=None, metavar="HOST", help="default: the settings saved with 'notices smtp-set'")
    send.add_argument("--smtp-port", type=arguments.port, default=None, metavar="PORT", help="default 587, or the saved port")
    send.add_argument("--smtp-security", choices=SECURITY, default=None, help="default starttls, or the saved security")
    send.add_argument("--smtp-user", default=None, metavar="USER", help="log in as USER (password from the profile's keyring entry)")
    send.add_argument("--from", dest="from_address", default=None, metavar="ADDRESS", help="the sender address (required with --smtp-host)")
    send.add_argument("--link", default="https://www.minisipserver.com/privacy", metavar="URL", help="the policy's address, for {{ link }}")
    send.add_argument("--subject", default=None, help="the subject template (default: resources/templates)")
    send.add_argument("--text-file", type=arguments.path, default=None, metavar="FILE", help="the plain-text body template")
    send.add_argument("--html-file", type=arguments.path, default=None, metavar="FILE", help="the HTML body template")
    send.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    send.set_defaults(handler=cmd_send)

    sset = actions.add_parser("smtp-set", parents=demo_parents, help="save the SMTP settings of --profile (password in the OS keyring)")
    sset.add_argument("--host", default=None, metavar="HOST")
    sset.add_argument("--port", type=arguments.port, default=None, metavar="PORT", help="default: 25, 587 or 465 by security")
    sset.add_argument("--security", choices=SECURITY, default=None, help="default starttls")
    sset.add_argument("--user", default=None, metavar="USER", help="log in as USER ('' for no login)")
    sset.add_argument("--from", dest="from_address", default=None, metavar="ADDRESS", help="the sender address")
    pw = sset.add_mutually_exclusive_group()
    pw.add_argument("--password-stdin", action="store_true", help="read the SMTP password from standard input into the OS keyring")
    pw.add_argument("--forget-password", action="store_true", help="remove the SMTP password from the OS keyring")
    sset.set_defaults(handler=cmd_smtp_set)

    led = actions.add_parser("ledger", parents=parents, help="the version's deliveries, one line per owner (addresses masked)")
    led.add_argument("version", metavar="VERSION")
    led.add_argument(
        "--state",
        default=None,
        choices=("queued", "sending", "sent", "failed", "bounced", "uncertain"),
        help="only deliveries in this state",
    )
    led.add_argument("--limit", type=arguments.count, default=200, metavar="N", help="at most N lines (default 200; 0 for all)")
    led.add_argument(
        "--out",
        type=arguments.path,
        default=None,
        metavar="FILE.csv",
        help="write every delivery (not only --limit) to this CSV file instead of listing them",
    )
    led.set_defaults(handler=cmd_ledger)

    res = actions.add_parser("resolve", parents=parents, help="decide on uncertain deliveries: delivered, or send again")
    res.add_argument("version", metavar="VERSION")
    res.add_argument(
        "--account",
        type=arguments.account_id,
        action="append",
        required=True,
        metavar="ID",
        help="an account whose delivery is uncertain (repeat)",
    )
    how = res.add_mutually_exclusive_group(required=True)
    how.add_argument("--delivered", action="store_true", help="the message arrived (the server's log says so): record it as sent")
    how.add_argument("--resend", action="store_true", help="queue it again: the next 'notices send' sends it")
    res.set_defaults(handler=cmd_resolve)

    bounce = actions.add_parser("bounce", parents=parents, help="record bounces that came back after the server accepted the email")
    bounce.add_argument("version", metavar="VERSION")
    src = bounce.add_mutually_exclusive_group(required=True)
    src.add_argument("--account", type=arguments.account_id, action="append", metavar="ID", help="a bounced account (repeat)")
    src.add_argument("--file", type=arguments.path, metavar="CSV", help="a CSV with an account_id or email column (and optionally reply)")
    bounce.add_argument("--reply", default=None, metavar="TEXT", help="the bounce's reason, with --account")
    bounce.set_defaults(handler=cmd_bounce)

    sshow = actions.add_parser("smtp-show", parents=demo_parents, help="show the saved SMTP settings (never the password)")
    sshow.set_defaults(handler=cmd_smtp_show)


def _settings_name(chosen: Any) -> str:
    """The name the database's SMTP settings are saved under; a plain --database has none."""
    from minisip_console.core.plumbing import mailer

    if chosen.profile:
        return str(chosen.profile)
    if mailer.is_demo_target(chosen):
        return mailer.DEMO_NAME
    raise InvalidInput(
        f"SMTP settings belong to a profile, and {chosen.label} was chosen with --database.",
        hint="Save a profile (minisip-console profile add NAME --url URL) and use --profile NAME, "
        "or give --smtp-host and --from with 'notices send'.",
    )


def _settings_dict(settings: Any) -> dict[str, Any]:
    return {
        "host": settings.host,
        "port": settings.port,
        "security": settings.security,
        "user": settings.user,
        "from_address": settings.from_address,
    }


def cmd_smtp_set(args: argparse.Namespace, out: Output) -> int:
    from minisip_console.core.plumbing import mailer

    name = _settings_name(target(args))
    saved = mailer.load_settings(name)
    security = args.security or (saved.security if saved else "starttls")
    if args.port is not None:
        port = args.port
    elif saved and args.security in (None, saved.security):
        port = saved.port
    else:
        port = mailer.DEFAULT_PORTS[security]
    settings = mailer.SmtpSettings(
        host=args.host if args.host is not None else (saved.host if saved else ""),
        port=port,
        security=security,
        user=args.user if args.user is not None else (saved.user if saved else ""),
        from_address=args.from_address if args.from_address is not None else (saved.from_address if saved else ""),
        profile=name,
    )
    mailer.validate_settings(settings)  # bad input is refused before stdin is read
    password: str | None = None
    if args.password_stdin:
        password = read_password(hint="Pipe the password in, or use --forget-password to remove the stored one.")
    elif args.forget_password:
        password = ""
    checked = mailer.save_settings(name, settings, password)
    if password is None and checked.user and mailer.password_stored(name) is not True:
        out.progress(f"note: no SMTP password for {name!r} in the OS keyring; add one with --password-stdin.")
    stored = {None: "password unchanged", "": "password removed from the OS keyring"}.get(password, "password stored in the OS keyring")
    out.result(
        {
            "ok": True,
            "name": name,
            "settings": _settings_dict(checked),
            "password": "unchanged" if password is None else ("removed" if password == "" else "stored"),
        },
        f"Saved the SMTP settings of {name!r}: {checked.describe()}, user {checked.user or '(no login)'}, "
        f"from {checked.from_address}; {stored}.",
    )
    return EXIT_OK


def cmd_smtp_show(args: argparse.Namespace, out: Output) -> int:
    from minisip_console.core.plumbing import mailer
    from minisip_console.core.plumbing.errors import KeyringUnavailable

    name = _settings_name(target(args))
    saved = mailer.load_settings(name)
    keyring_note = ""
    try:
        has_password = mailer.password_stored(name)
    except KeyringUnavailable as exc:
        has_password, keyring_note = None, exc.message
    if has_password is None and not keyring_note:
        keyring_note = "no usable OS keyring"
    if saved is None:
        text = f"No SMTP settings saved for {name!r}. Save them with: minisip-console notices smtp-set --host HOST --from ADDRESS"
    else:
        text = (
            f"SMTP settings of {name!r}:\n  server: {saved.describe()}\n  user: {saved.user or '(no login)'}\n  from: {saved.from_address}"
        )
    text += "\n  password in the OS keyring: " + {True: "yes", False: "no", None: f"unknown ({keyring_note})"}[has_password]
    out.result(
        {
            "ok": True,
            "name": name,
            "configured": saved is not None,
            "settings": _settings_dict(saved) if saved else None,
            "password_stored": has_password,
            "keyring": keyring_note or None,
        },
        text,
    )
    return EXIT_OK


def _send_settings(args: argparse.Namespace, chosen: Any) -> Any:
    """The settings for ``send``: the options when --smtp-host is given, else the saved ones."""
    from minisip_console.core.plumbing import mailer

    if args.smtp_host is not None:
        if not args.from_address:
            raise InvalidInput("--smtp-host needs --from ADDRESS (the sender address).")
        settings = mailer.SmtpSettings(
            host=args.smtp_host,
            port=args.smtp_port if args.smtp_port is not None else 587,
            security=args.smtp_security or "starttls",
            user=args.smtp_user or "",
            from_address=args.from_address,
            profile=chosen.profile or "",
        )
        return mailer.validate_settings(settings)
    try:
        name = _settings_name(chosen)
    except InvalidInput:
        raise InvalidInput(
            "No SMTP server given: --smtp-host is missing, and a --database has no saved SMTP settings.",
            hint="Give --smtp-host HOST --from ADDRESS, or use a --profile whose settings were saved with "
            "'minisip-console notices smtp-set'.",
        ) from None
    saved = mailer.load_settings(name)
    if saved is None:
        raise InvalidInput(
            f"No SMTP settings are saved for {name!r} and --smtp-host is not given.",
            hint=f"Save them once with: minisip-console notices smtp-set {_selector(chosen)} --host HOST --from ADDRESS "
            "(or give --smtp-host and --from).",
        )
    overrides = {
        k: v
        for k, v in (
            ("port", args.smtp_port),
            ("security", args.smtp_security),
            ("user", args.smtp_user),
            ("from_address", args.from_address),
        )
        if v is not None
    }
    return mailer.validate_settings(dataclasses.replace(saved, **overrides))


def _selector(chosen: Any) -> str:
    return f"--profile {chosen.profile}" if chosen.profile else "--demo"


def _version_id(database: Any, number: str) -> tuple[int, Any]:
    from minisip_console.core import policy_versions

    version = policy_versions.get_version(database.sessions, number)
    return version.id, version


def cmd_status(args: argparse.Namespace, out: Output) -> int:
    from sqlalchemy import select

    from minisip_console.core import campaign, policy_versions
    from minisip_console.core.models import NoticeCampaign

    policy_versions.parse_number(args.version)
    with open_as_operator(args) as database:
        version_id, version = _version_id(database, args.version)
        counts = campaign.status(database.sessions, version_id)
        reach = policy_versions.reach(database.sessions, args.version)
        with database.sessions() as session:
            campaigns = [
                campaign._info(c)
                for c in session.scalars(
                    select(NoticeCampaign).where(NoticeCampaign.policy_version_id == version_id).order_by(NoticeCampaign.id)
                )
            ]
    lines = [f"Version {version.number} ({version.state}, significance: {version.significance_label}), effective {version.effective_date}"]
    lines += [f"  campaign {c.id}: {c.state}, {c.subject!r}" for c in campaigns] or ["  no campaign"]
    lines.append("  ledger: " + ", ".join(f"{n:,} {state}" for state, n in counts.items()))
    lines.append("  reached: " + ("yes" if reach.ok else "NO (exit 1)"))
    lines += [f"  - {p}" for p in reach.problems]
    out.result(
        {
            "ok": reach.ok,
            "version": version.to_dict(with_text=False),
            "campaigns": [c.__dict__ for c in campaigns],
            "ledger": counts,
            "reach": reach.to_dict(),
        },
        "\n".join(lines),
    )
    return EXIT_OK if reach.ok else EXIT_FAILED


def cmd_ledger(args: argparse.Namespace, out: Output) -> int:
    from minisip_console.core import ledger, policy_versions

    policy_versions.parse_number(args.version)
    with open_as_operator(args) as database:
        source = ledger.source_for(database.sessions, args.version, args.state)
        total = source.count()
        if args.out is not None:
            return _ledger_csv(args, out, source, total)
        rows = source.fetch(0, args.limit or total)
    lines = [
        f"Version {args.version}: {plural(total, 'delivery', 'deliveries')}{' ' + args.state if args.state else ''}"
        + (f" (the first {len(rows):,})" if len(rows) < total else "")
    ]
    lines += [
        f"  account {r.account_id:>7}  {r.state:<9}  {plural(r.attempts, 'attempt')}  {r.language:<5}  {r.owner}  {r.reply}" for r in rows
    ]
    out.result(
        {
            "version": args.version,
            "state": args.state,
            "total": total,
            "rows": [
                {
                    "account_id": r.account_id,
                    "owner": r.owner,
                    "language": r.language,
                    "state": r.state,
                    "attempts": r.attempts,
                    "reply": r.reply,
                    "updated_at": jsontime.iso_or_none(r.updated_at),
                }
                for r in rows
            ],
        },
        "\n".join(lines),
    )
    return EXIT_OK


#: the ledger CSV's columns
LEDGER_CSV = ("account_id", "owner", "state", "attempts", "reply", "updated_at")


def _ledger_csv(args: argparse.Namespace, out: Output, source: Any, total: int) -> int:
    """Every delivery of the version (masked as on screen) to ``--out``, in pages, through the
    console's one CSV writer (``core.plumbing.files.write_csv``: formulas neutralised, written atomically)."""
    from minisip_console.core.plumbing import files

    def rows() -> Iterator[tuple[object, ...]]:
        for offset in range(0, total, 1000):
            for r in source.fetch(offset, 1000):
                yield (r.account_id, r.owner, r.state, r.attempts, r.reply, jsontime.iso_or_none(r.updated_at))

    written = files.write_csv(args.out, LEDGER_CSV, rows())
    out.result(
        {"version": args.version, "state": args.state, "total": total, "written": written, "out": str(args.out)},
        f"Wrote {plural(written, 'delivery', 'deliveries')} of version {args.version} to {args.out}.",
    )
    return EXIT_OK


def cmd_resolve(args: argparse.Namespace, out: Output) -> int:
    from minisip_console.core import campaign, ledger, policy_versions

    policy_versions.parse_number(args.version)
    with open_as_operator(args) as database:
        ids = ledger.delivery_ids_for_accounts(database.sessions, args.version, args.account)
        missing = sorted(set(args.account) - set(ids))
        if missing:
            raise InvalidInput(f"No email about version {args.version} was queued for account {', '.join(map(str, missing))}.")
        changed = campaign.resolve_uncertain(database.sessions, database.operator, ids.values(), resend=args.resend)
    what = "queued again (the next 'notices send' sends them)" if args.resend else "recorded as delivered"
    out.result(
        {"version": args.version, "accounts": sorted(ids), "resend": bool(args.resend), "changed": changed},
        f"{changed:,} uncertain deliver{'y' if changed == 1 else 'ies'} {what}",
    )
    return EXIT_OK


def cmd_bounce(args: argparse.Namespace, out: Output) -> int:
    from minisip_console.core import policy_versions

    policy_versions.parse_number(args.version)
    if args.file is not None and args.reply is not None:
        raise InvalidInput("--reply goes with --account; a CSV file carries its own reply column.")
    with open_as_operator(args) as database:
        if args.file is not None:
            outcome = policy_versions.import_bounces(database.sessions, database.operator, args.version, args.file)
        else:
            outcome = policy_versions.mark_bounced(
                database.sessions, database.operator, args.version, args.account, args.reply or "bounced (recorded by an operator)"
            )
    lines = [f"{plural(len(outcome.marked), 'delivery', 'deliveries')} marked bounced"]
    lines += [f"  skipped {what}: {why}" for what, why in outcome.skipped]
    if outcome.marked:
        lines.append(f"  the owners whom email did not reach need the site notice: see 'notices status {args.version}'")
    out.result(outcome.to_dict(), "\n".join(lines))
    return EXIT_OK if not outcome.skipped else EXIT_FAILED


def _template_text(name: str, given: Path | None) -> str:
    if given is not None:
        from minisip_console.core.plumbing import files

        try:
            return files.read_text(given, what="a template", limit=1024 * 1024)
        except InvalidInput as exc:
            raise InvalidInput(f"Cannot use the template: {exc.message}", hint=exc.hint) from None
    return (resources.files("minisip_console.resources") / "templates" / name).read_text("utf-8")


def cmd_send(args: argparse.Namespace, out: Output) -> int:
    from sqlalchemy import select

    from minisip_console.core import campaign, policy_versions
    from minisip_console.core.models import NoticeCampaign
    from minisip_console.core.plumbing.connection import open_database

    policy_versions.parse_number(args.version)
    template = campaign.Template(
        subject=args.subject if args.subject is not None else _template_text("policy-change.subject.txt", None).strip(),
        body_text=_template_text("policy-change.txt", args.text_file),
        body_html=_template_text("policy-change.html", args.html_file) if args.html_file or args.text_file is None else "",
        link=args.link,
    )
    campaign.check_template(template)  # an unknown placeholder is refused before anything is sent
    chosen = target(args)
    settings = _send_settings(args, chosen)
    cancel = CancelOnSignal(out.progress, "message")
    with open_database(chosen) as database, cancel.installed():
        version_id, _ = _version_id(database, args.version)
        with database.sessions() as session:
            open_ = session.scalars(
                select(NoticeCampaign.id)
                .where(NoticeCampaign.policy_version_id == version_id, NoticeCampaign.state.in_(("draft", "running", "paused")))
                .order_by(NoticeCampaign.id.desc())
                .limit(1)
            ).first()
        campaign_id = (
            open_ if open_ is not None else campaign.create_campaign(database.sessions, database.operator, version_id, template).id
        )
        shown = [0]

        def progress(p: campaign.Progress) -> None:
            if out.as_json or args.quiet or p.done < shown[0] + 100:
                return
            shown[0] = p.done
            out.progress(
                f"campaign {campaign_id}: {p.sent:,} sent, {p.failed:,} failed, {p.uncertain:,} uncertain, {p.queued:,} to go ({p.rate:,.0f}/s)"
            )

        outcome = campaign.run_campaign(database.sessions, database.operator, campaign_id, settings, progress=progress, cancel=cancel)
    ok = not outcome.stopped and outcome.counts.get("uncertain", 0) == 0
    text = (
        f"campaign {campaign_id} for version {args.version}: {outcome.campaign.state}"
        + (f" ({outcome.stopped})" if outcome.stopped else "")
        + f"; {outcome.sent_now:,} sent in this run in {outcome.seconds:.1f} s\n  ledger: "
        + ", ".join(f"{n:,} {s}" for s, n in outcome.counts.items())
    )
    if outcome.counts.get("uncertain"):
        text += "\n  some messages are uncertain (handed to the server, outcome not recorded): decide whether to resend them"
    out.result(
        {
            "ok": ok,
            "campaign": outcome.campaign.__dict__,
            "ledger": outcome.counts,
            "sent_now": outcome.sent_now,
            "seconds": round(outcome.seconds, 3),
            "stopped": outcome.stopped,
        },
        text,
    )
    return EXIT_OK if ok else EXIT_FAILED
