"""The command line: the same core as the GUI, for terminals and the OS scheduler.

Exit status: 0 done, 1 a check failed or work was refused, 2 bad usage or input; 141 (128 +
SIGPIPE, what a shell reports for a program that a closed pipe stopped) when whoever read the
output closed it early (``| head``): the console stops quietly, as Unix programs do.
``--json`` prints exactly one JSON object on stdout (errors too) and nothing else.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn, TextIO

from minisip_console import __version__
from minisip_console.commands.base import EXIT_FAILED, EXIT_OK, EXIT_USAGE, Output, read_password
from minisip_console.commands.opening import demo_option, json_option, selector_options, target
from minisip_console.core.plumbing.errors import ConsoleError, InvalidInput

log = logging.getLogger(__name__)

__all__ = ["EXIT_FAILED", "EXIT_OK", "EXIT_USAGE", "EXIT_PIPE_CLOSED", "Output", "UsageError", "build_parser", "main"]

#: the reader closed the output (128 + SIGPIPE)
EXIT_PIPE_CLOSED = 141
#: a lone surrogate: how Python keeps the bytes of an argument that are not UTF-8
_SURROGATE = re.compile("[\ud800-\udfff]")


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so --json can report usage errors too."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message}")


def build_parser() -> argparse.ArgumentParser:
    from minisip_console.commands import arguments

    sel = selector_options(_Parser, suppress=True)
    js = json_option(_Parser)
    demo_db = demo_option(_Parser)
    parser = _Parser(
        prog="minisip-console",
        description="Privacy console of Cloud miniSIPServer. Without a command, opens the window.",
        parents=[selector_options(_Parser, suppress=False)],
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object and nothing else")
    parser.add_argument("--version", action="version", version=f"minisip-console {__version__}")
    parser.add_argument("--demo", action="store_true", help="open the window on the embedded demo database")
    parser.add_argument("--presenter", action="store_true", help="open the window in presenter mode (no login, path or host shown)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    demo = sub.add_parser("demo", help="the demo database")
    demo_sub = demo.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=_Parser)
    create = demo_sub.add_parser("create", parents=[sel, js, demo_db], help="create and fill a demo database (--demo: the embedded one)")
    # an account's id is a 32-bit integer on PostgreSQL; a CDR's is 64 bits
    create.add_argument(
        "--accounts", type=arguments.count_type(minimum=1, maximum=arguments.ID_MAX), default=None, help="number of accounts (default 200)"
    )
    create.add_argument("--cdrs", type=arguments.count, default=None, help="number of CDRs (default 20,000)")
    create.add_argument("--seed", type=arguments.seed, default=1, help="random seed, 0 or more: the same seed gives the same data")
    create.add_argument("--force", action="store_true", help="replace the data in a database that has some")
    create.set_defaults(handler=cmd_demo_create)

    dbp = sub.add_parser("db", help="the database schema")
    db_sub = dbp.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=_Parser)
    up = db_sub.add_parser("upgrade", parents=[sel, js, demo_db], help="create or upgrade the schema to this version (idempotent)")
    up.set_defaults(handler=cmd_db_upgrade)
    st = db_sub.add_parser("status", parents=[sel, js, demo_db], help="show the schema version and whether it is current")
    st.set_defaults(handler=cmd_db_status)
    ro = db_sub.add_parser(
        "roles",
        parents=[sel, js, demo_db],
        help="PostgreSQL: install or refresh the console's roles, privileges and controls (the schema owner runs it; idempotent)",
    )
    ro.set_defaults(handler=cmd_db_roles)

    prof = sub.add_parser("profile", help="connection profiles (passwords live in the OS keyring)")
    prof_sub = prof.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=_Parser)
    add = prof_sub.add_parser("add", parents=[js], help="save a connection profile")
    add.add_argument("name")
    add.add_argument("--url", required=True, help="database URL without a password")
    add.add_argument(
        "--tls", choices=("disable", "prefer", "require", "verify-ca", "verify-full"), default=None, help="TLS mode for PostgreSQL"
    )
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input into the OS keyring")
    add.add_argument("--replace", action="store_true", help="overwrite a profile of the same name")
    add.set_defaults(handler=cmd_profile_add)
    ls = prof_sub.add_parser("list", parents=[js], help="list saved profiles")
    ls.set_defaults(handler=cmd_profile_list)
    rm = prof_sub.add_parser("remove", parents=[js], help="remove a profile and its keyring entry")
    rm.add_argument("name")
    rm.set_defaults(handler=cmd_profile_remove)

    # modules under minisip_console.commands add their own subcommands (see its docstring);
    # imported by name, not through importlib, so PyInstaller's analysis finds them
    from minisip_console.commands import (
        accounts,
        audit,
        compliance,
        deletion,
        legal,
        notices,
        operators,
        report,
        retention,
    )

    for module in (accounts, audit, retention, deletion, notices, legal, operators, compliance, report):
        module.register(sub, sel, js)
    return parser


# --------------------------------------------------------------------------- commands


def cmd_db_upgrade(args: argparse.Namespace, out: Output) -> int:
    from minisip_console.core.plumbing import db

    chosen = target(args)
    engine = db.make_engine(chosen.url)
    try:
        db.check_connection(engine)
        before, head = db.upgrade(engine)
    finally:
        engine.dispose()
    changed = before != (head,)
    text = (
        f"{chosen.label}: upgraded from {', '.join(before) or 'an empty database'} to {head}."
        if changed
        else f"{chosen.label}: already at {head}; nothing to do."
    )
    out.result({"ok": True, "database": chosen.label, "before": list(before), "head": head, "changed": changed}, text)
    return EXIT_OK


def cmd_db_status(args: argparse.Namespace, out: Output) -> int:
    from minisip_console.core.operators import TrustMode, trust_mode
    from minisip_console.core.plumbing import db

    chosen = target(args)
    engine = db.make_engine(chosen.url)
    trust: TrustMode | None = None
    security: int | None = None
    try:
        status = db.schema_status(engine)
        if status.at_head:
            with db.translated(engine.url), db.session_factory(engine)() as session:
                trust = trust_mode(session)
                if trust is TrustMode.DATABASE:
                    from minisip_console.core.pg_security import installed_version

                    security = installed_version(session)
    finally:
        engine.dispose()
    current = ", ".join(status.current) or "none"
    advice = "current."
    if not status.at_head:
        advice = "update minisip-console." if db.is_newer(status.current) else f"run minisip-console db upgrade {chosen.selector}"
    text = f"{chosen.label}: schema {current}, this console needs {status.head}: {advice}"
    ok = status.at_head
    if trust is not None:
        text += f"\n{trust.statement}"
    if trust is TrustMode.DATABASE:
        from minisip_console.core.pg_security import SECURITY_VERSION

        if security != SECURITY_VERSION:
            ok = False
            text += f"\nThe roles and privileges are {'missing' if security is None else f'at version {security}'}: the schema owner runs minisip-console db roles {chosen.selector}"
    out.result(
        {
            "ok": ok,
            "database": chosen.label,
            "current": list(status.current),
            "head": status.head,
            "at_head": status.at_head,
            "trust": trust.value if trust else None,
            "separation_of_duties_enforced": bool(trust and trust.enforced),
            "security_version": security,
        },
        text,
    )
    return EXIT_OK if ok else EXIT_FAILED


def cmd_db_roles(args: argparse.Namespace, out: Output) -> int:
    from minisip_console.core import pg_security
    from minisip_console.core.plumbing import db

    chosen = target(args)
    if chosen.url.get_backend_name() != "postgresql":
        raise InvalidInput(
            f"{chosen.label}: roles are PostgreSQL's. An SQLite file is single-user: the file is the trust boundary.",
            hint="Run db roles on a PostgreSQL database, as its schema owner.",
        )
    engine = db.make_engine(chosen.url)
    try:
        db.check_connection(engine)
        db.ensure_at_head(engine, selector=chosen.selector)
        report = db.install_security(engine)
    finally:
        engine.dispose()
    groups = pg_security.describe_groups()
    text = (
        f"{chosen.label}: roles, privileges and controls installed (version {pg_security.SECURITY_VERSION}).\n"
        f"Group roles: {groups}" + (f" (created now: {', '.join(report.created_roles)})" if report.created_roles else "") + ".\n"
        f"Operators' logins in step: {len(report.synced_logins)}"
        + (f"; retention targets granted: {', '.join(report.grants_on)}" if report.grants_on else "")
        + "."
        + (
            f"\npg_partman (schema {report.partman_schema}): the schema owner cannot pass its privileges on to the console's roles. "
            "A superuser runs once, then db roles again:\n  " + ";\n  ".join(report.partman_missing) + ";"
            if report.partman_missing
            else ""
        )
    )
    out.result(
        {
            "ok": True,
            "database": chosen.label,
            "security_version": pg_security.SECURITY_VERSION,
            "created_roles": list(report.created_roles),
            "logins": list(report.synced_logins),
            "retention_targets": list(report.grants_on),
            "partman_schema": report.partman_schema,
            "partman_missing": list(report.partman_missing),
        },
        text,
    )
    return EXIT_OK


def cmd_demo_create(args: argparse.Namespace, out: Output) -> int:
    from minisip_console.core import demo

    chosen = target(args)
    if chosen.demo:  # the embedded demo's folder, as the window makes it on first use
        from minisip_console.core.plumbing.connection import demo_path

        demo_path().parent.mkdir(parents=True, exist_ok=True)
    kwargs: dict[str, Any] = {"seed": args.seed, "force": args.force}
    if args.accounts is not None:
        kwargs["accounts"] = args.accounts
    if args.cdrs is not None:
        kwargs["cdrs"] = args.cdrs

    def progress(done: int, total: int, what: str) -> None:
        out.progress(f"  {what}: {done:,}/{total:,}")

    summary = demo.create_demo(chosen.url, progress=progress, **kwargs)
    data = {"ok": True, "database": chosen.label, **summary.as_dict()}
    out.result(data, f"{chosen.label}: demo database created.\n{summary.describe()}")
    return EXIT_OK


def cmd_profile_add(args: argparse.Namespace, out: Output) -> int:
    from minisip_console.core.plumbing.profiles import ProfileStore, profile_from_url

    profile = profile_from_url(args.name, args.url, tls_mode=args.tls)
    password = None
    if args.password_stdin:
        password = read_password()
    elif profile.needs_password:
        out.progress("note: no password stored; add one with --password-stdin --replace or in the connect dialog.")
    ProfileStore().add(profile, password=password, replace=args.replace)
    stored = "its password is in the OS keyring" if password is not None else "no password stored"
    out.result(
        {
            "ok": True,
            "profile": profile.name,
            "url": profile.url().render_as_string(hide_password=True),
            "password_stored": password is not None,
        },
        f"Saved profile {profile.name!r} ({profile.url().render_as_string(hide_password=True)}); {stored}.",
    )
    return EXIT_OK


def cmd_profile_list(args: argparse.Namespace, out: Output) -> int:
    from minisip_console.core.plumbing.profiles import ProfileStore

    store = ProfileStore()
    profiles = store.list()
    last = store.last()
    rows = [{"name": p.name, "driver": p.driver, "url": p.shown_url(), "last": p.name == last} for p in profiles]
    text = "\n".join(f"{'*' if r['last'] else ' '} {r['name']:<20} {r['url']}" for r in rows) or "No profiles yet."
    out.result({"ok": True, "profiles": rows}, text)
    return EXIT_OK


def cmd_profile_remove(args: argparse.Namespace, out: Output) -> int:
    from minisip_console.core.plumbing import mailer
    from minisip_console.core.plumbing.profiles import ProfileStore

    removed_secret = ProfileStore().remove(args.name)
    mailer.remove_settings(args.name)  # the profile's SMTP settings go with it (its password went above)
    out.result(
        {"ok": True, "profile": args.name, "keyring_entry_removed": removed_secret},
        f"Removed profile {args.name!r}" + (" and its password from the OS keyring." if removed_secret else "."),
    )
    return EXIT_OK


# --------------------------------------------------------------------------- entry


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    try:
        code = _main(argv, Output("--json" in argv, stdout, stderr))
        for stream in (stdout, stderr):  # what is still buffered fails here, not at exit
            stream.flush()
        return code
    except BrokenPipeError:
        return _output_closed(stdout, stderr)


def _main(argv: list[str], out: Output) -> int:
    from minisip_console.core.plumbing import logs
    from minisip_console.core.plumbing.paths import log_dir

    logs.setup(log_dir())
    undecodable = next((arg for arg in argv if _SURROGATE.search(arg)), None)
    if undecodable is not None:  # bytes that are not UTF-8 (Python keeps them as lone surrogates)
        out.error(
            f"the argument {ascii(undecodable)[:60]} is not text: it has bytes that are not UTF-8.",
            "Give names, ids and paths as UTF-8 text. See: minisip-console --help",
            EXIT_USAGE,
        )
        return EXIT_USAGE
    try:
        args = build_parser().parse_args(argv)
    except UsageError as exc:
        out.error(str(exc), "See: minisip-console --help", EXIT_USAGE)
        return EXIT_USAGE
    except SystemExit as exc:  # --help and --version print and stop
        return int(exc.code or 0)
    handler: Callable[[argparse.Namespace, Output], int] | None = getattr(args, "handler", None)
    if handler is None:
        out.error("no command given", "See: minisip-console --help", EXIT_USAGE)
        return EXIT_USAGE
    try:
        return handler(args, out)
    except ConsoleError as exc:
        log.warning("%s: %s", type(exc).__name__, exc)
        out.error(exc.message, exc.hint, exc.exit_code)
        return exc.exit_code
    except KeyboardInterrupt:
        out.error("interrupted", None, EXIT_FAILED)
        return EXIT_FAILED
    except Exception as exc:
        known = _driver_error(args, exc)
        if known is None:
            raise
        log.warning("untranslated %s: %s", type(exc).__name__, exc)
        out.error(known.message, known.hint, known.exit_code)
        return known.exit_code


def _driver_error(args: argparse.Namespace, exc: Exception) -> ConsoleError | None:
    """A database driver's error that no command translated (a write refused because another
    program holds the lock, the server gone mid-command): the sentence ``db.translated`` gives,
    exit 1, instead of a traceback. None for any other exception."""
    from sqlalchemy.exc import DBAPIError

    if not isinstance(exc, DBAPIError):
        return None
    from minisip_console.core.plumbing import db
    from minisip_console.core.plumbing.errors import DatabaseUnavailable

    try:
        url = target(args).url
    except Exception:  # noqa: BLE001 - the database cannot be named again: say it without its name
        first = str(exc.orig or exc).strip().splitlines()
        return DatabaseUnavailable(f"The database refused: {first[0] if first else type(exc).__name__}.")
    return db.translate_error(exc, url)


def _output_closed(*streams: TextIO) -> int:
    """The reader closed stdout or stderr (``| head``): stop quietly, as a Unix program does.

    The process's own streams are pointed at the null device, so that Python's final flush of
    what is still buffered does not print a second BrokenPipeError on the way out."""
    log.info("the output was closed by its reader; stopping")
    for stream in streams:
        if stream is sys.__stdout__ or stream is sys.__stderr__:
            try:
                null = os.open(os.devnull, os.O_WRONLY)
                os.dup2(null, stream.fileno())
                os.close(null)
            except (OSError, ValueError):  # already closed, or no file descriptor
                pass
    return EXIT_PIPE_CLOSED
