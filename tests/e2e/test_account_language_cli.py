"""``minisip-console accounts set-language`` as a process (issue 16): validated before the database
is opened, audited, refused to a viewer; ``--json`` lists carry the language."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from minisip_console.core import audit
from minisip_console.core.demo import ZH_CN_EVERY, create_demo
from minisip_console.core.models import Account, AuditEvent
from minisip_console.core.plumbing import db
from tests.support.cli import run_console


@pytest.fixture
def url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'languages.db'}"
    create_demo(url, accounts=10, cdrs=200)
    return url


def accounts(config: Path, url: str, login: str, *args: str) -> subprocess.CompletedProcess[str]:
    return run_console("accounts", *args, "--database", url, config_dir=config, env={"MINISIP_CONSOLE_OPERATOR": login})


def _read(url: str) -> tuple[dict[int, str], list[AuditEvent]]:
    engine = db.make_engine(url)
    try:
        with db.session_factory(engine)() as session:
            assert audit.verify(session).ok
            languages: dict[int, str] = dict(session.execute(select(Account.id, Account.language).order_by(Account.id)).all())
            return languages, list(session.scalars(select(AuditEvent).where(AuditEvent.action == "account.set_language")))
    finally:
        engine.dispose()


def test_the_demo_has_owners_of_both_languages(url: str) -> None:
    languages, _ = _read(url)
    chinese = sorted(i for i, language in languages.items() if language == "zh_CN")
    assert chinese and len(chinese) == len(languages) // ZH_CN_EVERY
    assert set(languages.values()) == {"en", "zh_CN"}


def test_set_language(isolated_config: Path, url: str) -> None:
    before, _ = _read(url)
    english = next(i for i, language in before.items() if language == "en")
    done = accounts(isolated_config, url, "bob", "set-language", str(english), "zh_CN", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"ok": True, "account_id": english, "language": "zh_CN", "previously": "en", "changed": True}
    again = accounts(isolated_config, url, "bob", "set-language", str(english), "zh_CN")
    assert again.returncode == 0 and "nothing changed" in again.stdout

    after, events = _read(url)
    assert after == {**before, english: "zh_CN"}
    assert [(e.operator_login, e.target_id, e.details) for e in events] == [("bob", str(english), '{"from":"en","to":"zh_CN"}')]

    # accounts show (text and --json) says which language the owner's notices are in
    assert accounts(isolated_config, url, "bob", "grant", str(english), "--purpose", "support", "--ticket", "SUP-9").returncode == 0
    shown = accounts(isolated_config, url, "bob", "show", str(english), "--json")
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["profile"]["language"] == "zh_CN"
    assert "notices in: zh_CN" in accounts(isolated_config, url, "bob", "show", str(english)).stdout


def test_the_ledger_lists_each_owners_language(isolated_config: Path, url: str) -> None:
    languages, _ = _read(url)
    result = run_console(
        "notices", "ledger", "1.0", "--database", url, "--json", config_dir=isolated_config, env={"MINISIP_CONSOLE_OPERATOR": "bob"}
    )
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)["rows"]
    assert rows and all(r["language"] == languages[r["account_id"]] for r in rows)


@pytest.mark.parametrize(
    ("login", "args", "code", "message"),
    [
        ("bob", ["set-language", "3", "fr"], 2, "Unknown language 'fr'.\n  Use one of: en, zh_CN."),
        ("bob", ["set-language", "3", "zh-CN"], 2, "Unknown language 'zh-CN'"),
        ("bob", ["set-language", "3", ""], 2, "Unknown language ''"),
        ("bob", ["set-language", "three", "en"], 2, "not a whole number"),
        ("bob", ["set-language", "9999", "en"], 2, "No account 9999"),
        ("dave", ["set-language", "3", "zh_CN"], 1, "viewer"),
    ],
)
def test_refusals_and_bad_input(isolated_config: Path, url: str, login: str, args: list[str], code: int, message: str) -> None:
    before, _ = _read(url)
    result = accounts(isolated_config, url, login, *args)
    assert result.returncode == code, (result.stdout, result.stderr)
    assert message in result.stderr and result.stdout == ""
    assert "Traceback" not in result.stderr
    assert _read(url) == (before, [])
