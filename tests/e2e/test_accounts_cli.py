"""``minisip-console accounts ...`` as a process: grant, show, rectify, marketing; exit codes.

Exit status: 0 done, 1 refused (no grant, wrong role), 2 bad input. The operator is chosen
with ``MINISIP_CONSOLE_OPERATOR`` (the demo's bob is an operator, dave a viewer, alice an admin).
"""

from __future__ import annotations

import csv
import json
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import delete, select

from minisip_console.core import audit
from minisip_console.core.demo import create_demo
from minisip_console.core.models import Account, AuditEvent, MarketingPermission
from minisip_console.core.plumbing import db
from tests.support.cli import run_console


@pytest.fixture
def url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'accounts.db'}"
    create_demo(url, accounts=10, cdrs=200)
    return url


def accounts(config: Path, url: str, login: str, *args: str) -> subprocess.CompletedProcess[str]:
    return run_console("accounts", *args, "--database", url, config_dir=config, env={"MINISIP_CONSOLE_OPERATOR": login})


def _account(url: str, account_id: int) -> Account:
    engine = db.make_engine(url)
    try:
        with db.session_factory(engine)() as session:
            account = session.get(Account, account_id)
            assert account is not None
            return account
    finally:
        engine.dispose()


def _events(url: str) -> list[AuditEvent]:
    engine = db.make_engine(url)
    try:
        with db.session_factory(engine)() as session:
            assert audit.verify(session).ok
            return list(session.scalars(select(AuditEvent).order_by(AuditEvent.seq)))
    finally:
        engine.dispose()


def test_grant_show_and_end(isolated_config: Path, url: str) -> None:
    account = _account(url, 3)
    refused = accounts(isolated_config, url, "bob", "show", "3")
    assert refused.returncode == 1, refused.stderr
    assert "no access grant" in refused.stderr and "accounts grant 3" in refused.stderr
    assert account.email not in refused.stdout + refused.stderr

    granted = accounts(isolated_config, url, "bob", "grant", "3", "--purpose", "support", "--ticket", "SUP-1234", "--json")
    assert granted.returncode == 0, granted.stderr
    grant = json.loads(granted.stdout)["grant"]
    assert (grant["account_id"], grant["purpose"], grant["ticket"], grant["operator_login"]) == (3, "support", "SUP-1234", "bob")

    shown = accounts(isolated_config, url, "bob", "show", "3")
    assert shown.returncode == 0, shown.stderr
    assert account.name in shown.stdout and account.email in shown.stdout
    assert "Audit history" in shown.stdout and "account.view" in shown.stdout

    as_json = accounts(isolated_config, url, "bob", "show", "3", "--json")
    assert as_json.returncode == 0 and as_json.stdout.count("\n") == 1
    data = json.loads(as_json.stdout)
    assert data["profile"]["email"] == account.email and data["grant"]["id"] == grant["id"]
    assert isinstance(data["recent_cdrs"], list) and isinstance(data["history"], list)

    # a viewer cannot end bob's grant; bob can
    assert accounts(isolated_config, url, "dave", "end-grant", str(grant["id"])).returncode == 1
    ended = accounts(isolated_config, url, "bob", "end-grant", str(grant["id"]))
    assert ended.returncode == 0, ended.stderr
    assert accounts(isolated_config, url, "bob", "show", "3").returncode == 1

    events = _events(url)
    assert [e.action for e in events[-4:]] == ["access.grant", "account.view", "account.view", "access.end"]
    assert not any(account.email in e.details or account.name in e.details for e in events)


@pytest.mark.parametrize(
    ("login", "args", "code", "message"),
    [
        ("dave", ["grant", "3", "--purpose", "support", "--ticket", "SUP-1"], 1, "viewer"),
        ("nobody", ["grant", "3", "--purpose", "support", "--ticket", "SUP-1"], 1, "not a registered operator"),
        ("bob", ["grant", "3", "--purpose", "marketing", "--ticket", "SUP-1"], 2, "Unknown purpose"),
        ("bob", ["grant", "3", "--purpose", "support", "--ticket", ""], 2, "ticket reference is required"),
        ("bob", ["grant", "3", "--purpose", "support", "--ticket", "no spaces"], 2, "not a ticket reference"),
        ("bob", ["grant", "3", "--purpose", "support", "--ticket", "SUP-1", "--minutes", "0"], 2, "must be 1 or more"),
        ("bob", ["grant", "3", "--purpose", "support", "--ticket", "SUP-1", "--minutes", "481"], 2, "at most 480"),
        ("bob", ["grant", "three", "--purpose", "support", "--ticket", "SUP-1"], 2, "not a whole number"),
        ("bob", ["grant", "9999", "--purpose", "support", "--ticket", "SUP-1"], 2, "No account 9999"),
        ("bob", ["grant", "3", "--ticket", "SUP-1"], 2, "--purpose"),
        ("bob", ["rectify", "3", "--name", "New Name"], 1, "no access grant"),
        ("bob", ["end-grant", "9999"], 2, "No access grant 9999"),
        ("bob", ["marketing-set", "3", "--granted", "maybe", "--evidence", "REL-1"], 2, "answer yes or no"),
        ("bob", ["marketing-set", "3", "--granted", "yes", "--evidence", "ab"], 2, "too short"),
        ("dave", ["marketing-set", "3", "--granted", "yes", "--evidence", "REL-1"], 1, "viewer"),
    ],
)
def test_refusals_and_bad_input(isolated_config: Path, url: str, login: str, args: list[str], code: int, message: str) -> None:
    before = len(_events(url))
    result = accounts(isolated_config, url, login, *args)
    assert result.returncode == code, (result.stdout, result.stderr)
    assert message in result.stderr and result.stdout == ""
    assert "Traceback" not in result.stderr
    assert len(_events(url)) == before


def test_rectify(isolated_config: Path, url: str) -> None:
    old = _account(url, 4)
    assert accounts(isolated_config, url, "bob", "grant", "4", "--purpose", "customer_request", "--ticket", "REQ-4").returncode == 0
    before = len(_events(url))

    bad = accounts(isolated_config, url, "bob", "rectify", "4", "--name", "Valid Name", "--email", "bad address@example.com")
    assert bad.returncode == 2 and "email address" in bad.stderr and "space" in bad.stderr
    bad_json = accounts(isolated_config, url, "bob", "rectify", "4", "--company", "Acme\tLtd", "--json")
    assert bad_json.returncode == 2
    assert json.loads(bad_json.stdout)["error"] == "The company contains a control character (U+0009)."
    after_bad = _account(url, 4)
    assert (after_bad.name, after_bad.email, after_bad.company) == (old.name, old.email, old.company)
    assert len(_events(url)) == before

    ok = accounts(isolated_config, url, "bob", "rectify", "4", "--name", "Ольга Петрова", "--email", "olga@example.net", "--json")
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["changed"] == ["name", "email"]
    now = _account(url, 4)
    assert (now.name, now.email, now.company) == ("Ольга Петрова", "olga@example.net", old.company)
    last = _events(url)[-1]
    assert (last.operator_login, last.action, last.details) == ("bob", "account.rectify", '{"fields":["name","email"]}')


def test_marketing_set_and_list(isolated_config: Path, url: str, tmp_path: Path) -> None:
    engine = db.make_engine(url)
    with db.session_factory(engine)() as session, session.begin():
        session.execute(delete(MarketingPermission))
        active = list(session.scalars(select(Account.id).where(Account.status == "active").order_by(Account.id).limit(3)))
    engine.dispose()
    first, second, refused = (str(a) for a in active)
    for account_id, granted in ((first, "yes"), (second, "yes"), (refused, "no")):
        result = accounts(isolated_config, url, "bob", "marketing-set", account_id, "--granted", granted, "--evidence", f"REL-{account_id}")
        assert result.returncode == 0, result.stderr
    out = tmp_path / "marketing.csv"
    result = accounts(isolated_config, url, "bob", "marketing-list", "--out", str(out), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["rows"] == 2
    with out.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["account_id"], r["name"], r["evidence"]) for r in rows] == [
        (first, _account(url, int(first)).name, f"REL-{first}"),
        (second, _account(url, int(second)).name, f"REL-{second}"),
    ]
    # the list's read of names and companies is in the log too, before the export that wrote them out
    assert [e.action for e in _events(url)[-5:]] == ["marketing.set"] * 3 + ["marketing.read", "marketing.export"]


def test_the_marketing_list_neutralises_formulas(isolated_config: Path, url: str, tmp_path: Path) -> None:
    """Issue 13: a name ``=1+1`` or a company ``=HYPERLINK(...)``, typed in through ``rectify``, went
    raw into ``marketing-list`` for a spreadsheet to evaluate. Each cell now starts with a quote."""
    engine = db.make_engine(url)
    with db.session_factory(engine)() as session, session.begin():
        session.execute(delete(MarketingPermission))
        account_id = str(session.scalar(select(Account.id).where(Account.status == "active").order_by(Account.id)))
    engine.dispose()
    hostile_company = '=HYPERLINK("http://evil.example","x")'
    for args in (
        ["grant", account_id, "--purpose", "support", "--ticket", "SUP-13"],
        ["rectify", account_id, "--name", "=1+1", "--company", hostile_company],
        ["marketing-set", account_id, "--granted", "yes", "--evidence", "REL-13"],
    ):
        result = accounts(isolated_config, url, "bob", *args)
        assert result.returncode == 0, (args, result.stderr)
    out = tmp_path / "marketing.csv"
    result = accounts(isolated_config, url, "bob", "marketing-list", "--out", str(out))
    assert result.returncode == 0, result.stderr
    raw = out.read_bytes().decode("utf-8")
    assert f'"{account_id}","\'=1+1","\'=HYPERLINK(""http://evil.example"",""x"")",' in raw
    with out.open(newline="", encoding="utf-8") as fh:
        (row,) = list(csv.DictReader(fh))
    assert (row["name"], row["company"]) == ("'=1+1", "'" + hostile_company)
    assert (_account(url, int(account_id)).name, _account(url, int(account_id)).company) == ("=1+1", hostile_company)  # stored as typed
