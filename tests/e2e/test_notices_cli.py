"""``notices send`` and ``notices status`` as processes, against a real SMTP server on loopback."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from minisip_console.core import db, policy_versions
from minisip_console.core.demo import create_demo
from minisip_console.core.operators import identify
from tests.support.cli import run_console
from tests.support.smtp import Behaviour, SmtpServer


def _demo_with_new_version(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    create_demo(url, accounts=25, cdrs=200, seed=3)
    engine = db.make_engine(url)
    sessions = db.session_factory(engine)
    with sessions() as session:
        carol, alice = identify(session, "carol"), identify(session, "alice")
    policy_versions.decide_significance(sessions, carol, "1.1", True, "page statistics are deleted sooner")
    policy_versions.publish(sessions, alice, "1.1")
    engine.dispose()
    return url


def _active_owners(url: str) -> dict[str, int]:
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        return {email.lower(): 0 for (email,) in conn.execute("SELECT email FROM accounts WHERE status = 'active'")}


def test_send_reaches_every_active_owner_once_and_status_reports_it(tmp_path: Path, isolated_config: Path) -> None:
    url = _demo_with_new_version(tmp_path)
    owners = _active_owners(url)
    with SmtpServer(Behaviour(reject={next(iter(owners))})) as server:
        smtp = ["--smtp-host", "127.0.0.1", "--smtp-port", str(server.port), "--smtp-security", "none", "--from", "privacy@minisipserver.com"]
        sent = run_console("notices", "send", "1.1", *smtp, "--database", url, "--json", config_dir=isolated_config)
        assert sent.returncode == 0, sent.stderr + sent.stdout
        result = json.loads(sent.stdout)
        assert result["ledger"]["sent"] == len(owners) - 1 and result["ledger"]["failed"] == 1
        per_recipient = server.per_recipient()
        assert set(per_recipient) == set(owners) - {next(iter(owners))} and set(per_recipient.values()) == {1}

        again = run_console("notices", "send", "1.1", *smtp, "--database", url, "--json", config_dir=isolated_config)
        assert again.returncode == 0 and json.loads(again.stdout)["sent_now"] == 0
        assert set(server.per_recipient().values()) == {1}  # never a second message to one owner

        bad = run_console("notices", "send", "1.1", *smtp, "--subject", "Hello {{ owner_nmae }}", "--database", url, config_dir=isolated_config)
        assert bad.returncode == 2 and "owner_nmae" in bad.stderr

    status = run_console("notices", "status", "1.1", "--database", url, "--json", config_dir=isolated_config)
    data = json.loads(status.stdout)
    assert status.returncode == 1 and not data["ok"]  # one owner was not reached: a site notice is required
    assert data["ledger"]["failed"] == 1 and data["reach"]["site_notice_required"]
    assert run_console("notices", "status", "9.9", "--database", url, config_dir=isolated_config).returncode == 2
