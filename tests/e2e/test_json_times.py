"""Every moment a program reads from the console has one form (issue 16): ``--json`` output and
the account export write ``2026-12-07T10:34:56+00:00`` (UTC, to the second, the offset written
out) and dates ``2026-12-07``, whatever zone the machine is in.

The commands run as processes on a copy of a real demo database (SQLite), under a zone far from
UTC (``TZ=Asia/Shanghai``), so a time that slipped into local time would show ``+08:00``.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from minisip_console.core.plumbing.jsontime import DATE_PATTERN, ISO_PATTERN
from tests.support.cli import run_console

LOGIN = "test-operator"  # tests/conftest.py names the operator; create_demo makes it an admin
ZONE = {"TZ": "Asia/Shanghai"}

#: a string that starts with a date and a time and has nothing but a time's tail after it: a
#: moment, in whatever spelling ("2026-12-07 10:34:56.123+00:00", "2026-12-07 10:34 UTC")
LOOKS_LIKE_A_MOMENT = re.compile(r"\A\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}\S*( UTC)?\Z")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from minisip_console.core.demo import create_demo

    directory = tmp_path_factory.mktemp("json-times-demo")
    path = directory / "template.db"
    with pytest.MonkeyPatch.context() as mp:  # module scope: conftest's per-test environment is not set yet
        mp.setenv("MINISIP_CONSOLE_OPERATOR", LOGIN)
        mp.setenv("MINISIP_CONSOLE_CONFIG_DIR", str(directory / "config"))
        create_demo(f"sqlite:///{path}", accounts=15, cdrs=2_000, seed=11)
    return path


@pytest.fixture
def demo(template: Path, isolated_config: Path) -> Path:
    """The embedded demo's file under this test's config directory, so ``--demo`` opens it."""
    from minisip_console.core.plumbing.connection import demo_path

    target = demo_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, target)
    files = template.with_name(template.stem + "-files")
    if files.is_dir():
        shutil.copytree(files, target.with_name(target.stem + "-files"))
    return target


def console_json(config: Path, *args: str) -> dict[str, Any]:
    result = run_console(*args, "--demo", "--json", config_dir=config, env=ZONE)
    assert result.returncode in (0, 1), f"{args}: exit {result.returncode}\n{result.stdout}\n{result.stderr}"
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    return data


def strings(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every string in a JSON value with where it is (``.requests[].due_at``), keys included."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield f"{path}.{key} (key)", str(key)
            yield from strings(item, f"{path}.{key}")
    elif isinstance(value, list):
        for item in value:
            yield from strings(item, f"{path}[]")
    elif isinstance(value, str):
        yield path, value


def moments(value: Any) -> list[tuple[str, str]]:
    return [(where, text) for where, text in strings(value) if LOOKS_LIKE_A_MOMENT.match(text)]


def wrong_moments(value: Any) -> list[tuple[str, str]]:
    return [(where, text) for where, text in moments(value) if not ISO_PATTERN.match(text)]


def test_the_pattern_tells_the_one_form_from_the_others() -> None:
    """The checks below can fail: the spellings the console wrote before are caught."""
    for other in (
        "2026-12-07 10:34:56.123456+00:00",
        "2026-12-07T10:34:56.123456+00:00",
        "2026-12-07 10:34:56 UTC",
        "2026-12-07T18:34:56+08:00",
    ):
        assert moments({"at": other}) and wrong_moments({"at": other}) == [(".at", other)]
    assert wrong_moments({"at": "2026-12-07T10:34:56+00:00", "on": "2026-12-07", "note": "ran at 2026-12-07 10:34 UTC"}) == []


def test_every_json_output_writes_moments_in_one_form(demo: Path, isolated_config: Path) -> None:
    granted = console_json(isolated_config, "accounts", "grant", "3", "--purpose", "support", "--ticket", "SUP-16")
    commands = [
        ("accounts", "grants"),
        ("accounts", "show", "3"),
        ("deletion", "list"),
        ("deletion", "show", "1"),
        ("legal", "list"),
        ("legal", "show", "1"),
        ("legal", "holds", "--all"),
        ("legal", "disclosures"),
        ("retention", "status"),
        ("retention", "receipts"),
        ("retention", "show", "1"),
        ("purge", "--dry-run"),
        ("operators", "list"),
        ("compliance",),
        ("notices", "status", "1.1"),
        ("notices", "ledger", "1.1"),
        ("audit", "verify"),
    ]
    outputs = {"accounts grant": granted} | {" ".join(args): console_json(isolated_config, *args) for args in commands}
    found = {name: moments(data) for name, data in outputs.items()}
    wrong = {name: wrong_moments(data) for name, data in outputs.items()}
    assert {name: bad for name, bad in wrong.items() if bad} == {}
    # the check saw times where there are some (an empty answer would pass it vacuously)
    for name in (
        "accounts grant",
        "accounts show 3",
        "deletion show 1",
        "legal show 1",
        "retention status",
        "compliance",
        "operators list",
    ):
        assert found[name], f"{name} printed no time at all: {outputs[name]}"
    # the window's zone (TZ) is not the programs' one: +08:00 is nowhere
    assert "+08:00" not in json.dumps(outputs)
    # dates stay dates
    dates = [text for data in outputs.values() for _, text in strings(data) if DATE_PATTERN.match(text)]
    assert dates, "no date in any output: the demo should have some (received_on, due dates)"


def test_the_account_export_writes_moments_in_one_form(demo: Path, isolated_config: Path, tmp_path: Path) -> None:
    out = tmp_path / "account-3.zip"
    args = ("accounts", "export", "3", "--purpose", "customer_request", "--ticket", "REQ-16", "--out", str(out))
    result = run_console(*args, "--demo", "--json", config_dir=isolated_config, env=ZONE)
    assert result.returncode == 0, result.stdout + result.stderr
    seen = 0
    with zipfile.ZipFile(out) as archive:
        for name in archive.namelist():
            text = archive.read(name).decode("utf-8")
            if name.endswith(".json"):
                values: list[Any] = [json.loads(text)]
            elif name.endswith(".jsonl"):
                values = [json.loads(line) for line in text.splitlines() if line.strip()]
            elif name.endswith(".csv"):
                values = [list(csv.reader(io.StringIO(text)))]
            else:
                continue
            for value in values:
                seen += len(moments(value))
                assert wrong_moments(value) == [], name
    assert seen > 0, "the export held no time at all"
