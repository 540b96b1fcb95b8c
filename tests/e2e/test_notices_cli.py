"""``notices send`` and ``notices status`` as processes, against a real SMTP server on loopback."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from minisip_console.core import policy_versions
from minisip_console.core.demo import create_demo
from minisip_console.core.operators import identify
from minisip_console.core.plumbing import db
from tests.support.cli import run_console
from tests.support.smtp import Behaviour, SmtpServer
from tests.support.sqlitefile import sqlite_file


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
    with sqlite_file(url.removeprefix("sqlite:///")) as conn:
        return {email.lower(): 0 for (email,) in conn.execute("SELECT email FROM accounts WHERE status = 'active'")}


def test_send_reaches_every_active_owner_once_and_status_reports_it(tmp_path: Path, isolated_config: Path) -> None:
    url = _demo_with_new_version(tmp_path)
    owners = _active_owners(url)
    with SmtpServer(Behaviour(reject={next(iter(owners))})) as server:
        smtp = [
            "--smtp-host",
            "127.0.0.1",
            "--smtp-port",
            str(server.port),
            "--smtp-security",
            "none",
            "--from",
            "privacy@minisipserver.com",
        ]
        sent = run_console("notices", "send", "1.1", *smtp, "--database", url, "--json", config_dir=isolated_config)
        assert sent.returncode == 0, sent.stderr + sent.stdout
        result = json.loads(sent.stdout)
        assert result["ledger"]["sent"] == len(owners) - 1 and result["ledger"]["failed"] == 1
        per_recipient = server.per_recipient()
        assert set(per_recipient) == set(owners) - {next(iter(owners))} and set(per_recipient.values()) == {1}

        again = run_console("notices", "send", "1.1", *smtp, "--database", url, "--json", config_dir=isolated_config)
        assert again.returncode == 0 and json.loads(again.stdout)["sent_now"] == 0
        assert set(server.per_recipient().values()) == {1}  # never a second message to one owner

        bad = run_console(
            "notices", "send", "1.1", *smtp, "--subject", "Hello {{ owner_nmae }}", "--database", url, config_dir=isolated_config
        )
        assert bad.returncode == 2 and "owner_nmae" in bad.stderr

    status = run_console("notices", "status", "1.1", "--database", url, "--json", config_dir=isolated_config)
    data = json.loads(status.stdout)
    assert status.returncode == 1 and not data["ok"]  # one owner was not reached: a site notice is required
    assert data["ledger"]["failed"] == 1 and data["reach"]["site_notice_required"]
    assert run_console("notices", "status", "9.9", "--database", url, config_dir=isolated_config).returncode == 2


# --------------------------------------------------------------------------- saved SMTP settings

FROM = "privacy@minisipserver.com"


def _profile(url: str, config: Path, name: str = "prod") -> None:
    added = run_console("profile", "add", name, "--url", url, "--json", config_dir=config)
    assert added.returncode == 0, added.stderr + added.stdout


def test_smtp_set_for_a_profile_then_send_without_smtp_options(tmp_path: Path, isolated_config: Path) -> None:
    url = _demo_with_new_version(tmp_path)
    owners = _active_owners(url)
    _profile(url, isolated_config)

    missing = run_console("notices", "send", "1.1", "--profile", "prod", "--json", config_dir=isolated_config)
    assert missing.returncode == 2, missing.stdout + missing.stderr
    error = json.loads(missing.stdout)
    assert "notices smtp-set" in error["hint"] and error["exit_code"] == 2

    with SmtpServer() as server:
        saved = run_console(
            "notices",
            "smtp-set",
            "--profile",
            "prod",
            "--host",
            "127.0.0.1",
            "--port",
            str(server.port),
            "--security",
            "none",
            "--from",
            FROM,
            "--json",
            config_dir=isolated_config,
        )
        assert saved.returncode == 0, saved.stderr + saved.stdout
        assert json.loads(saved.stdout)["settings"] == {
            "host": "127.0.0.1",
            "port": server.port,
            "security": "none",
            "user": "",
            "from_address": FROM,
        }
        stored = isolated_config / "smtp.json"
        assert stored.stat().st_mode & 0o777 == 0o600 and "password" not in stored.read_text("utf-8")

        shown = run_console("notices", "smtp-show", "--profile", "prod", "--json", config_dir=isolated_config)
        data = json.loads(shown.stdout)
        assert shown.returncode == 0 and data["configured"] and data["settings"]["port"] == server.port
        assert data["password_stored"] is None  # no keyring in the child: said, not guessed

        sent = run_console("notices", "send", "1.1", "--profile", "prod", "--json", config_dir=isolated_config)
        assert sent.returncode == 0, sent.stderr + sent.stdout
        assert json.loads(sent.stdout)["ledger"]["sent"] == len(owners)
        assert set(server.per_recipient()) == set(owners) and set(server.per_recipient().values()) == {1}
        assert {m.mail_from for m in server.messages} == {FROM}


@pytest.mark.parametrize("bad", [["--port", "70000"], ["--port", "0"], ["--port", "abc"], ["--host", "smtp example.com"], ["--host", ""]])
def test_smtp_set_with_a_bad_port_or_host_exits_2_and_writes_nothing(bad: list[str], tmp_path: Path, isolated_config: Path) -> None:
    _profile(f"sqlite:///{tmp_path / 'x.db'}", isolated_config)
    options = {"--host": "smtp.example.com", "--port": "587", **dict([bad])}
    args = [x for kv in options.items() for x in kv]
    result = run_console("notices", "smtp-set", "--profile", "prod", *args, "--from", FROM, "--json", config_dir=isolated_config)
    assert result.returncode == 2, result.stdout + result.stderr
    assert json.loads(result.stdout)["ok"] is False
    assert not (isolated_config / "smtp.json").exists()


def test_smtp_settings_belong_to_a_profile_or_the_demo(tmp_path: Path, isolated_config: Path) -> None:
    plain = run_console(
        "notices",
        "smtp-set",
        "--database",
        f"sqlite:///{tmp_path / 'x.db'}",
        "--host",
        "smtp.example.com",
        "--from",
        FROM,
        config_dir=isolated_config,
    )
    assert plain.returncode == 2 and "belong to a profile" in plain.stderr
    assert not (isolated_config / "smtp.json").exists()

    demo = run_console(
        "notices",
        "smtp-set",
        "--demo",
        "--host",
        "smtp.example.com",
        "--security",
        "tls",
        "--from",
        FROM,
        "--json",
        config_dir=isolated_config,
    )
    assert demo.returncode == 0, demo.stdout + demo.stderr
    assert json.loads(demo.stdout)["name"] == "demo" and json.loads(demo.stdout)["settings"]["port"] == 465
    demo_file = isolated_config / "data" / "demo" / "minisip-demo.db"
    shown = run_console("notices", "smtp-show", "--database", f"sqlite:///{demo_file}", config_dir=isolated_config)
    assert shown.returncode == 0 and "smtp.example.com:465 (tls)" in shown.stdout and "password" in shown.stdout

    # a password needs a keyring: none in the child, so it is refused and nothing changes
    with_pw = run_console(
        "notices", "smtp-set", "--demo", "--user", "mailer", "--password-stdin", config_dir=isolated_config, stdin="s3cret\n"
    )
    assert with_pw.returncode == 1 and "keyring" in with_pw.stderr.lower() and "s3cret" not in with_pw.stderr
    assert "mailer" not in (isolated_config / "smtp.json").read_text("utf-8")


# --------------------------------------------------------------------------- the ledger, uncertain rows and bounces


def test_ledger_lists_deliveries_masked_and_operators_resolve_uncertain_and_record_bounces(tmp_path: Path, isolated_config: Path) -> None:
    url = _demo_with_new_version(tmp_path)
    owners = list(_active_owners(url))
    rejected = owners[0]
    with SmtpServer(Behaviour(reject={rejected})) as server:
        smtp = ["--smtp-host", "127.0.0.1", "--smtp-port", str(server.port), "--smtp-security", "none", "--from", FROM]
        assert run_console("notices", "send", "1.1", *smtp, "--database", url, config_dir=isolated_config).returncode == 0
    with sqlite_file(url.removeprefix("sqlite:///")) as conn:
        by_email = {e.lower(): a for a, e in conn.execute("SELECT id, email FROM accounts WHERE status = 'active'")}
        # as a run killed between handing a message over and recording it leaves a row
        conn.execute("UPDATE notice_deliveries SET state = 'uncertain' WHERE account_id = ?", (by_email[owners[1]],))

    failed = run_console("notices", "ledger", "1.1", "--state", "failed", "--database", url, "--json", config_dir=isolated_config)
    data = json.loads(failed.stdout)
    assert failed.returncode == 0 and data["total"] == 1
    [row] = data["rows"]
    assert row["account_id"] == by_email[rejected] and row["reply"].startswith("550")
    local = rejected.split("@")[0]
    assert local not in failed.stdout  # the address is masked, in the owner column and in the server's reply
    everything = json.loads(
        run_console("notices", "ledger", "1.1", "--limit", "0", "--database", url, "--json", config_dir=isolated_config).stdout
    )
    assert everything["total"] == len(owners) == len(everything["rows"])

    resolved = run_console(
        "notices",
        "resolve",
        "1.1",
        "--account",
        str(by_email[owners[1]]),
        "--delivered",
        "--database",
        url,
        "--json",
        config_dir=isolated_config,
    )
    assert resolved.returncode == 0 and json.loads(resolved.stdout)["changed"] == 1
    again = run_console(
        "notices", "resolve", "1.1", "--account", str(by_email[owners[1]]), "--resend", "--database", url, config_dir=isolated_config
    )
    assert again.returncode == 2 and "uncertain" in again.stderr  # only uncertain rows can be decided

    bounced = run_console(
        "notices",
        "bounce",
        "1.1",
        "--account",
        str(by_email[owners[2]]),
        "--reply",
        "550 mailbox full",
        "--database",
        url,
        "--json",
        config_dir=isolated_config,
    )
    assert bounced.returncode == 0 and json.loads(bounced.stdout)["marked"] == [by_email[owners[2]]]
    csv_file = tmp_path / "bounces.csv"
    csv_file.write_text(f"email,reply\n{owners[3]},550 no such user\nnobody@nowhere.example,550\n", encoding="utf-8")
    imported = run_console("notices", "bounce", "1.1", "--file", str(csv_file), "--database", url, "--json", config_dir=isolated_config)
    result = json.loads(imported.stdout)
    assert imported.returncode == 1 and result["marked"] == [by_email[owners[3]]]  # one line skipped, named
    assert result["skipped"] == [["line 3", "no account has this email address"]]

    listed = json.loads(
        run_console("notices", "ledger", "1.1", "--state", "bounced", "--database", url, "--json", config_dir=isolated_config).stdout
    )
    assert sorted(r["account_id"] for r in listed["rows"]) == sorted([by_email[owners[2]], by_email[owners[3]]])
    status = json.loads(run_console("notices", "status", "1.1", "--database", url, "--json", config_dir=isolated_config).stdout)
    assert status["ledger"]["bounced"] == 2 and status["ledger"]["uncertain"] == 0 and status["reach"]["site_notice_required"]

    # the whole ledger as CSV, through the console's one CSV writer: a reply a spreadsheet would run is text
    hostile = '=HYPERLINK("http://evil.example","x")'
    assert (
        run_console(
            "notices",
            "bounce",
            "1.1",
            "--account",
            str(by_email[owners[4]]),
            "--reply",
            hostile,
            "--database",
            url,
            config_dir=isolated_config,
        ).returncode
        == 0
    )
    ledger_csv = tmp_path / "ledger.csv"
    wrote = run_console("notices", "ledger", "1.1", "--out", str(ledger_csv), "--database", url, config_dir=isolated_config)
    assert wrote.returncode == 0 and f"Wrote {len(owners)} deliveries of version 1.1" in wrote.stdout, wrote.stderr
    with ledger_csv.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(owners) and not any(r["reply"].startswith("=") for r in rows)
    assert [r["reply"] for r in rows if r["account_id"] == str(by_email[owners[4]])] == ["'" + hostile]


def test_send_killed_mid_campaign_then_resumed_sends_nobody_twice(tmp_path: Path, isolated_config: Path) -> None:
    """The "done when" walk on the command line: kill the sending process, send again, decide the doubtful rows."""
    import os
    import signal
    import subprocess
    import sys

    url = _demo_with_new_version(tmp_path)
    owners = _active_owners(url)
    with SmtpServer(Behaviour(hang_at=5)) as server:
        smtp = ["--smtp-host", "127.0.0.1", "--smtp-port", str(server.port), "--smtp-security", "none", "--from", FROM]
        env = {**os.environ, "MINISIP_CONSOLE_CONFIG_DIR": str(isolated_config)}
        proc = subprocess.Popen(
            [sys.executable, "-m", "minisip_console", "notices", "send", "1.1", *smtp, "--database", url, "--quiet"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
        )
        try:
            assert server.hung.wait(60), "the fifth message never arrived"
        finally:
            os.kill(proc.pid, signal.SIGKILL)
            proc.communicate(timeout=30)
        assert proc.returncode == -signal.SIGKILL
        before = server.per_recipient()
        server.release()
        resumed = run_console("notices", "send", "1.1", *smtp, "--database", url, "--json", config_dir=isolated_config)
    result = json.loads(resumed.stdout)
    assert resumed.returncode == 1, resumed.stderr  # rows in doubt: an operator must decide
    after = server.per_recipient()
    assert set(after.values()) == {1}  # nobody twice
    doubtful = json.loads(
        run_console("notices", "ledger", "1.1", "--state", "uncertain", "--database", url, "--json", config_dir=isolated_config).stdout
    )
    assert doubtful["total"] == result["ledger"]["uncertain"] >= 1
    assert result["ledger"]["sent"] + doubtful["total"] == len(owners)
    assert sum(before.values()) <= 5 and len(after) >= len(owners) - doubtful["total"]
    # the server's log (here: what it captured) says which doubtful ones arrived
    with sqlite_file(url.removeprefix("sqlite:///")) as conn:
        email_of = dict(conn.execute("SELECT id, lower(email) FROM accounts"))
    arrived = [r["account_id"] for r in doubtful["rows"] if email_of[r["account_id"]] in after]
    missing = [r["account_id"] for r in doubtful["rows"] if email_of[r["account_id"]] not in after]
    if arrived:
        args = [a for i in arrived for a in ("--account", str(i))]
        assert run_console("notices", "resolve", "1.1", *args, "--delivered", "--database", url, config_dir=isolated_config).returncode == 0
    if missing:
        args = [a for i in missing for a in ("--account", str(i))]
        assert run_console("notices", "resolve", "1.1", *args, "--resend", "--database", url, config_dir=isolated_config).returncode == 0
        with SmtpServer() as again:
            smtp2 = ["--smtp-host", "127.0.0.1", "--smtp-port", str(again.port), "--smtp-security", "none", "--from", FROM]
            last = run_console("notices", "send", "1.1", *smtp2, "--database", url, "--json", config_dir=isolated_config)
            assert last.returncode == 0, last.stdout + last.stderr
        assert {email_of[i] for i in missing} == set(again.per_recipient())
    status = json.loads(run_console("notices", "status", "1.1", "--database", url, "--json", config_dir=isolated_config).stdout)
    assert status["ok"] and status["ledger"]["sent"] == len(owners)


@pytest.mark.parametrize("signal_name", ["SIGINT", "SIGTERM"])
def test_a_signal_pauses_send_after_the_current_message_and_send_again_finishes(
    signal_name: str, tmp_path: Path, isolated_config: Path
) -> None:
    """Ctrl+C, or the scheduler's SIGTERM, while a message is on the wire: that message is finished
    and recorded, the campaign is paused (exit 1, said on stderr), and send again reaches the rest,
    nobody twice and nothing in doubt (the same CancelOnSignal as purge and deletion run)."""
    import os
    import signal
    import subprocess
    import sys

    url = _demo_with_new_version(tmp_path)
    owners = _active_owners(url)
    with SmtpServer(Behaviour(hang_at=3)) as server:
        smtp = ["--smtp-host", "127.0.0.1", "--smtp-port", str(server.port), "--smtp-security", "none", "--from", FROM]
        env = {**os.environ, "MINISIP_CONSOLE_CONFIG_DIR": str(isolated_config)}
        proc = subprocess.Popen(
            [sys.executable, "-m", "minisip_console", "notices", "send", "1.1", *smtp, "--database", url],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
        )
        try:
            assert server.hung.wait(60), "the third message never arrived"
            proc.send_signal(getattr(signal, signal_name))
        finally:
            server.release()
            out, err = proc.communicate(timeout=60)
        assert proc.returncode == 1, out + err
        assert f"{signal_name}: stopping after the current message" in err and "Traceback" not in err
        assert ": paused" in out
        with sqlite_file(url.removeprefix("sqlite:///")) as conn:
            states = dict(
                conn.execute(
                    "SELECT d.state, count(*) FROM notice_deliveries d JOIN policy_versions v "
                    "ON v.id = d.policy_version_id WHERE v.number = '1.1' GROUP BY d.state"
                )
            )
        assert states.get("uncertain", 0) == 0 and states.get("sending", 0) == 0
        assert 3 <= states["sent"] < len(owners) and states["sent"] == sum(server.per_recipient().values())
        resumed = run_console("notices", "send", "1.1", *smtp, "--database", url, "--json", config_dir=isolated_config)
        assert resumed.returncode == 0, resumed.stdout + resumed.stderr
    assert set(server.per_recipient()) == set(owners) and set(server.per_recipient().values()) == {1}


# --------------------------------------------------------------------------- issue 13: a server that keeps refusing


@pytest.mark.parametrize("close", [False, True], ids=["421-at-mail", "closed-at-mail"])
def test_send_stops_when_the_server_keeps_refusing_and_says_so(close: bool, tmp_path: Path, isolated_config: Path) -> None:
    """After 5 messages the server refuses every MAIL (421), or closes the connection at MAIL: the
    run stops after its budget, exit 1 with the server's words; nobody twice; the log stays short."""
    from minisip_console.core.campaign import GIVE_UP_AFTER
    from minisip_console.core.plumbing.logs import REPEAT_SHOWN
    from tests.support.refusing_smtp import REPLY_421, RefusingServer

    url = _demo_with_new_version(tmp_path)
    owners = _active_owners(url)
    with RefusingServer(after=5, close=close) as server:
        smtp = ["--smtp-host", "127.0.0.1", "--smtp-port", str(server.port), "--smtp-security", "none", "--from", FROM]
        sent = run_console("notices", "send", "1.1", *smtp, "--database", url, config_dir=isolated_config, timeout=60)
        refused, per_recipient = server.refused, server.per_recipient()
    assert sent.returncode == 1, sent.stdout + sent.stderr
    said = "keeps dropping the connection: Connection unexpectedly closed" if close else f"keeps refusing: {REPLY_421}"
    assert f"The SMTP server 127.0.0.1:{server.port} (none) {said} ({GIVE_UP_AFTER} times in a row" in sent.stderr, sent.stderr
    assert "is paused" in sent.stderr and "Traceback" not in sent.stderr
    assert refused == GIVE_UP_AFTER and len(per_recipient) == 5 and set(per_recipient.values()) == {1}
    with sqlite_file(url.removeprefix("sqlite:///")) as conn:
        version = "(SELECT id FROM policy_versions WHERE number = '1.1')"
        rows = conn.execute(
            f"SELECT state, attempts, next_attempt_at FROM notice_deliveries WHERE policy_version_id = {version}"
        ).fetchall()
        [(state,)] = conn.execute(f"SELECT state FROM notice_campaigns WHERE policy_version_id = {version}").fetchall()
    assert state == "paused" and len(rows) == len(owners)
    unsent = [r for r in rows if r[0] != "sent"]
    assert {r[0] for r in unsent} == {"queued"} and len(unsent) == len(owners) - 5
    tried = [r for r in unsent if r[1]]
    assert len(tried) == GIVE_UP_AFTER and {r[1] for r in tried} == {1} and all(r[2] is not None for r in tried)
    assert sum(r[1] for r in unsent) == GIVE_UP_AFTER  # the rest were never tried
    # the log: the first reconnect warnings, then one line with the count of the others
    log_lines = (isolated_config / "logs" / "minisip-console.log").read_text("utf-8").splitlines()
    reconnects = [line for line in log_lines if "dropped the connection" in line]
    assert len(reconnects) == REPEAT_SHOWN + 1, reconnects
    assert reconnects[-1].endswith(f"[repeated {GIVE_UP_AFTER - REPEAT_SHOWN} more times in {reconnects[-1].rsplit(' in ', 1)[1]}")
    assert sum("connected to SMTP server" in line for line in log_lines) == REPEAT_SHOWN + 1  # one per connection, summarised too
    assert len(log_lines) < 20


# --------------------------------------------------------------------------- issue 13: a malformed bounce file


def test_a_malformed_bounce_file_is_refused_naming_the_line_and_stores_nothing(tmp_path: Path, isolated_config: Path) -> None:
    """``printf 'account_id,reply\\n1,"unterminated\\n2,ok\\n'`` exited 0: account 1's reply swallowed
    the next line and account 2 was never recorded. A folder as the file was a traceback."""
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    create_demo(url, accounts=25, cdrs=200, seed=3)
    path = url.removeprefix("sqlite:///")
    with sqlite_file(path) as conn:
        first, second = (
            a
            for (a,) in conn.execute(
                "SELECT d.account_id FROM notice_deliveries d JOIN policy_versions v ON v.id = d.policy_version_id "
                "WHERE v.number = '1.0' AND d.state = 'sent' ORDER BY d.account_id LIMIT 2"
            )
        )

    def state() -> list[tuple[object, ...]]:
        with sqlite_file(path) as conn:
            return (
                conn.execute("SELECT account_id, state, last_reply FROM notice_deliveries ORDER BY id").fetchall()
                + conn.execute("SELECT count(*) FROM audit_events").fetchall()
            )

    before = state()
    files = {
        "unterminated.csv": (
            f'account_id,reply\n{first},"unterminated\n{second},ok\n',
            "unterminated.csv: line 2 has a quote that is never closed.",
        ),
        "fields.csv": (f"account_id,reply\n{first},ok\n{second},ok,more\n", "fields.csv: line 3 has 3 values, the header 2."),
        "id.csv": (
            f"account_id,reply\n{first},ok\n{2**63},ok\n",
            f"id.csv: line 3: '{2**63}' is too large for an account id (at most 2,147,483,647)",
        ),
        "empty.csv": ("", "empty.csv is empty."),
    }
    for name, (content, _) in files.items():
        (tmp_path / name).write_text(content, encoding="utf-8")
    (tmp_path / "latin1.csv").write_bytes(f"account_id,reply\n{first},Empf\xe4nger unbekannt\n".encode("latin-1"))
    files["latin1.csv"] = ("", "latin1.csv: line 2 is not UTF-8 text")
    (tmp_path / "folder.csv").mkdir()
    files["folder.csv"] = ("", "folder.csv is a folder, not a CSV file of bounces.")
    for name, (_, message) in files.items():
        result = run_console("notices", "bounce", "1.0", "--file", str(tmp_path / name), "--database", url, config_dir=isolated_config)
        assert result.returncode == 2, (name, result.stdout, result.stderr)
        assert message in result.stderr and "Traceback" not in result.stderr, (name, result.stderr)
    assert state() == before  # nothing stored, not even the well-formed first lines

    good = tmp_path / "good.csv"
    good.write_text(f'account_id,reply\n{first},"550 gone, for good"\n{second},ok\n', encoding="utf-8")
    imported = run_console("notices", "bounce", "1.0", "--file", str(good), "--database", url, "--json", config_dir=isolated_config)
    assert imported.returncode == 0 and sorted(json.loads(imported.stdout)["marked"]) == sorted([first, second]), imported.stderr
