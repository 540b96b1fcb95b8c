"""The core never imports Qt: the import-linter contract in pyproject.toml holds, and can fail.

``lint-imports`` runs as the developer would run it, from the repository root; a second run
against a copy of the package whose core imports PySide6 proves the contract is not one that
passes whatever the code does.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

import minisip_console

REPO = Path(__file__).resolve().parents[2]
PACKAGE = Path(minisip_console.__file__).resolve().parent
CONTRACT = "The core never imports Qt"


def _lint_imports(cwd: Path, *, pythonpath: Path | None = None) -> subprocess.CompletedProcess[str]:
    executable = Path(sys.executable).parent / "lint-imports"
    assert executable.exists(), f"import-linter is not installed beside {sys.executable} (the [test] extra)"
    env = dict(os.environ)
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    return subprocess.run([str(executable), "--no-cache", "--no-logo"], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def _contracts() -> list[dict[str, Any]]:
    config = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["importlinter"]
    return config["contracts"]


def test_the_package_under_test_is_this_checkout() -> None:
    assert PACKAGE == REPO / "minisip_console"


def test_the_contract_forbids_qt_in_the_core() -> None:
    (contract,) = [c for c in _contracts() if c["name"] == CONTRACT]
    assert contract["type"] == "forbidden"
    assert contract["source_modules"] == ["minisip_console.core"]
    assert {"PySide6", "shiboken6", "minisip_console.ui"} <= set(contract["forbidden_modules"])


def test_the_layers_contract_puts_the_core_under_the_window_and_the_command_line() -> None:
    (contract,) = [c for c in _contracts() if c["type"] == "layers"]
    assert contract["layers"] == ["minisip_console.ui | minisip_console.commands", "minisip_console.report", "minisip_console.core"]


def test_the_contract_holds() -> None:
    result = _lint_imports(REPO)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert f"{CONTRACT} KEPT" in output and "Layers: the window and the command line over the core" in output
    assert "0 broken" in output


@pytest.mark.parametrize(
    ("module", "line"),
    [
        ("minisip_console/core/plumbing/errors.py", "from PySide6.QtCore import QObject  # the violation under test\n"),
        ("minisip_console/core/audit.py", "import minisip_console.ui  # the violation under test\n"),
    ],
)
def test_the_contract_fails_when_the_core_imports_qt(tmp_path: Path, module: str, line: str) -> None:
    copy = tmp_path / "minisip_console"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / module
    target.write_text(target.read_text() + "\n" + line)

    result = _lint_imports(tmp_path, pythonpath=tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert f"{CONTRACT} BROKEN" in output
    assert module.removesuffix(".py").replace("/", ".") in output  # it names the offending module
