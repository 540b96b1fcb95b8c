"""The windowed executable (PyInstaller ``console=False`` on Windows) has no stdout or stderr:
Python sets both to None there. A command given to it must still run and return its status."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from minisip_console import app


def test_a_command_runs_in_a_process_without_streams(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    database = tmp_path / "windowed.db"
    try:
        status = app.main(["db", "upgrade", "--database", f"sqlite:///{database}"])
        replaced = (sys.stdout, sys.stderr)
    finally:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.close()  # the null device opened for this process-wide case
    assert status == 0
    assert database.is_file(), "db upgrade did not create the database"
    assert all(stream is not None for stream in replaced)


def test_streams_that_exist_are_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    before = (sys.stdout, sys.stderr)
    app.ensure_streams()
    assert (sys.stdout, sys.stderr) == before
