"""``minisip-console compliance [--json]`` as a process: the promise table, exit 0 only when every
promise is kept (so a scheduler or a monitoring system can alert on it)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from minisip_console.core import compliance
from minisip_console.core.demo import create_demo
from minisip_console.core.models import Cdr, Operator, utcnow
from minisip_console.core.plumbing import db
from tests.support.cli import console_login, run_console


def _demo(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    create_demo(url, accounts=20, cdrs=300, seed=3)
    return url


def test_the_table_names_every_promise_and_exits_1_while_one_is_not_kept(tmp_path: Path) -> None:
    url = _demo(tmp_path)
    shown = run_console("compliance", "--database", url, config_dir=tmp_path / "cfg")
    assert shown.returncode == 1, shown.stderr
    first = shown.stdout.splitlines()[0]
    assert "promises kept;" in first and "audit head" in first
    for p in compliance.PROMISES:
        assert p.title in shown.stdout
    assert "BROKEN" in shown.stdout and "CDRs deleted after 30 days" in shown.stdout
    as_json = run_console("compliance", "--database", url, "--json", config_dir=tmp_path / "cfg")
    assert as_json.returncode == 1
    data = json.loads(as_json.stdout)
    assert data["ok"] is False and data["all_kept"] is False
    assert [p["key"] for p in data["promises"]] == [p.key for p in compliance.PROMISES]
    assert {p["verdict"] for p in data["promises"]} <= set(compliance.VERDICTS)
    assert sum(data["counts"].values()) == len(compliance.PROMISES)


@pytest.mark.postgres
def test_exit_0_when_every_promise_is_kept_and_1_once_one_breaks(postgres_url: str, tmp_path: Path) -> None:
    """A new service on PostgreSQL (the database enforces separation of duties) with two approvers:
    nothing to keep yet, so every promise is kept; one CDR past 30 days breaks one."""
    engine = db.make_engine(postgres_url)
    db.upgrade(engine)
    with Session(engine) as session, session.begin():
        session.add(Operator(login=console_login(engine), display_name="Test Admin", role="admin"))
        session.add(Operator(login="carol", display_name="Carol", role="approver"))
    kept = run_console("compliance", "--database", postgres_url, "--json", config_dir=tmp_path / "cfg")
    data = json.loads(kept.stdout)
    assert kept.returncode == 0, {p["key"]: (p["verdict"], p["reason"]) for p in data["promises"] if p["verdict"] != "kept"}
    assert data["ok"] is True and data["headline"] == f"{len(compliance.PROMISES)} of {len(compliance.PROMISES)} promises kept"
    with Session(engine) as session, session.begin():
        session.add(Cdr(start=utcnow() - dt.timedelta(days=400)))
    engine.dispose()
    broken = run_console("compliance", "--database", postgres_url, config_dir=tmp_path / "cfg")
    assert broken.returncode == 1
    line = next(line for line in broken.stdout.splitlines() if "CDRs deleted after 30 days" in line)
    assert line.startswith("BROKEN") and "1 row" in line
