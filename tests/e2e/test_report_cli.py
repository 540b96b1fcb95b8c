"""``minisip-console report`` as a process, on the demo (SQLite) and on a PostgreSQL database with
the console's roles installed (run by a viewer's own login): the PDF's text, read back with
``pdftotext`` (Debian's poppler-utils), holds every verdict of the promise table, the audit head,
every section with the page the contents give it, "Page N of M" on every page, and none of the
owners' names or emails; its SHA-256 is the one the audit log recorded."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

import pytest

from minisip_console.report import SECTIONS
from tests.support.cli import run_console

IN_CI = os.environ.get("CI", "").lower() == "true"
LOGIN = "test-operator"


def pdf_text(path: Path) -> str:
    """The PDF's text, page by page (separated by form feeds), laid out as printed."""
    tool = shutil.which("pdftotext")
    if tool is None:
        if IN_CI:
            pytest.fail("CI=true but pdftotext is missing: install poppler-utils")
        pytest.skip("pdftotext (poppler-utils) is not installed")
    done = subprocess.run([tool, "-layout", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, timeout=60, check=True)
    return done.stdout


def check_report(text: str, result: dict, owners: list[tuple[str, ...]]) -> None:  # type: ignore[type-arg]
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    assert len(pages) == result["pages"]
    for n, page in enumerate(pages, 1):
        assert f"Page {n} of {len(pages)}" in page, f"page {n} has no page number"

    # the cover: the head it was made under
    assert result["audit_head"] and result["audit_head"] in pages[0]
    assert f"audit verify --expect-head {result['audit_head']}" in " ".join(pages[0].replace("-\n", "-").split()).replace("- ", "-")

    # the contents: every section, on the page the contents say
    contents = {}
    for i, title in enumerate(SECTIONS, 1):
        found = re.search(rf"^\s*{i}\. {re.escape(title)}\s+(\d+)\s*$", pages[1], re.M)
        assert found, f"the contents lack {title!r}"
        contents[title] = int(found.group(1))
    for i, title in enumerate(SECTIONS, 1):
        page = pages[contents[title] - 1]
        assert re.search(rf"^\s*{i}\. {re.escape(title)}\s*$", page, re.M), f"{title!r} is not on page {contents[title]}"

    # every verdict of the promise table, as a word, as many times as there are promises with it
    section = pages[contents[SECTIONS[0]] - 1 : contents[SECTIONS[1]] - 1]
    table = "\n".join(section)
    verdicts = list(result["verdicts"].values())
    assert verdicts
    for verdict in set(verdicts):
        assert table.count(verdict.upper()) >= verdicts.count(verdict), verdict

    # account ids only
    flat = " ".join(text.split())
    for owner in owners:
        for value in owner:
            if value:
                assert value not in text and value not in flat, f"{value!r} is in the report"


def _run(config: Path, *args: str) -> dict:  # type: ignore[type-arg]
    done = run_console("report", "--json", *args, config_dir=config, env={"MINISIP_CONSOLE_OPERATOR": LOGIN})
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from minisip_console.core.demo import create_demo

    folder = tmp_path_factory.mktemp("report-cli")
    path = folder / "demo.db"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MINISIP_CONSOLE_OPERATOR", LOGIN)
        mp.setenv("MINISIP_CONSOLE_CONFIG_DIR", str(folder / "config"))
        create_demo(f"sqlite:///{path}", accounts=25, cdrs=2_000, seed=7)
    return path


def test_the_report_on_the_demo(demo: Path, tmp_path: Path, isolated_config: Path) -> None:
    url = f"sqlite:///{demo}"
    out = tmp_path / "audit report.pdf"
    result = _run(isolated_config, "--database", url, "--operator", "dave", "--from", "2000-01-01", "--to", "2999-12-31", "--out", str(out))

    data = out.read_bytes()
    assert data.startswith(b"%PDF-") and hashlib.sha256(data).hexdigest() == result["sha256"]
    with closing(sqlite3.connect(demo)) as conn:
        owners = conn.execute("SELECT name, email, company FROM accounts").fetchall()
        seq, action, who, details = conn.execute(
            "SELECT seq, action, operator_login, details FROM audit_events ORDER BY seq DESC LIMIT 1"
        ).fetchone()
    assert owners
    assert (seq, action, who) == (result["audit_seq"], "report.exported", "dave")
    assert json.loads(details) == {
        "sha256": result["sha256"],
        "from": "2000-01-01",
        "to": "2999-12-31",
        "audit_head": result["audit_head"],
        "pages": result["pages"],
    }
    check_report(pdf_text(out), result, owners)

    # the head the report was made under still verifies, with the report's own event after it
    verify = run_console("audit", "verify", "--database", url, "--expect-head", result["audit_head"], config_dir=isolated_config)
    assert verify.returncode == 0, verify.stdout + verify.stderr


def test_bad_input_is_refused_before_anything_is_written(demo: Path, tmp_path: Path, isolated_config: Path) -> None:
    url = f"sqlite:///{demo}"
    cases = [
        (("--from", "2026-02-01", "--to", "2026-01-01", "--out", str(tmp_path / "r.pdf")), "is after --to"),
        (("--from", "2026-01-01", "--to", "2026-12-31", "--out", str(tmp_path / "r.txt")), "Use a .pdf file name"),
        (("--from", "2026-13-01", "--to", "2026-12-31", "--out", str(tmp_path / "r.pdf")), "not a date"),
        (("--from", "2026-01-01", "--to", "2026-12-31", "--out", str(tmp_path / "nowhere" / "r.pdf")), "does not exist"),
    ]
    for args, words in cases:
        done = run_console("report", "--database", url, "--operator", "dave", *args, config_dir=isolated_config)
        assert done.returncode == 2, (args, done.stdout, done.stderr)
        assert words in done.stderr, (args, done.stderr)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.postgres
def test_the_report_on_postgresql_as_a_viewers_own_login(postgres_server, tmp_path: Path, isolated_config: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.support.pgtrust import create_secured_database, drop_logins

    secured = create_secured_database(postgres_server, accounts=8)
    try:
        out = tmp_path / "report.pdf"
        result = _run(isolated_config, "--database", secured.url("dave"), "--from", "2020-01-01", "--to", "2999-12-31", "--out", str(out))
        assert hashlib.sha256(out.read_bytes()).hexdigest() == result["sha256"]
        with secured.connect("owner") as conn:
            owners = [tuple(r) for r in conn.execute("SELECT name, email, company FROM accounts").fetchall()]
            row = conn.execute("SELECT action, operator_login, details::text FROM audit_events ORDER BY seq DESC LIMIT 1").fetchone()
        assert row is not None
        action, who, details = row
        assert (action, who) == ("report.exported", secured.login("dave"))
        assert json.loads(details)["sha256"] == result["sha256"]
        check_report(pdf_text(out), result, owners)
    finally:
        drop_logins(postgres_server, secured)
