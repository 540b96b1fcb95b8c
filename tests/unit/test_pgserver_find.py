"""tests/support/pgserver.py finds PostgreSQL's programs on each platform (issue 16: the Windows
runner has ``initdb.exe`` under ``PGBIN``; Homebrew and Debian keep one folder per version)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import pgserver


def _bin(root: Path, version: str, *, windows: bool) -> Path:
    folder = root / version / "bin"
    folder.mkdir(parents=True)
    for name in ("initdb", "pg_ctl"):
        pgserver.program(folder, name, windows=windows).write_text("")
    return folder


def test_windows_programs_end_in_exe_and_pgbin_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _bin(tmp_path, "16", windows=True)
    assert pgserver.program(folder, "initdb", windows=True).name == "initdb.exe"
    monkeypatch.delenv("PG_BIN", raising=False)
    monkeypatch.setenv("PGBIN", str(folder))
    monkeypatch.setattr(pgserver.shutil, "which", lambda _name: None)
    assert pgserver.find_pg_bin(windows=True) == folder
    # the same folder read as POSIX has no initdb (only initdb.exe): not PostgreSQL's folder there
    assert pgserver.find_pg_bin(windows=False) != folder


def test_pg_bin_wins_and_versions_sort_by_number(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old, new = _bin(tmp_path, "9.6", windows=False), _bin(tmp_path, "16", windows=False)
    assert pgserver._newest_first([old, new]) == [new, old]  # "9.6" > "16" as text, not as a version
    monkeypatch.setenv("PG_BIN", str(old))
    assert pgserver.find_pg_bin(windows=False) == old
