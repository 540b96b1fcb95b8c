"""What the window's connect worker does (Qt-free): the demo on first use, complete or not at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from minisip_console.core.plumbing.errors import Cancelled
from minisip_console.ui.connecting import Connected, ConnectRequest, NeedsChoice, connect, ensure_demo

SMALL = {"accounts": 6, "cdrs": 120, "seed": 3}


def _demo_files() -> tuple[Path, list[str]]:
    from minisip_console.core.plumbing.connection import demo_path

    path = demo_path()
    return path, sorted(p.name for p in path.parent.iterdir()) if path.parent.exists() else []


def test_the_demo_is_created_once_and_renamed_into_place() -> None:
    seen: list[tuple[int, int, str]] = []
    summary = ensure_demo(progress=lambda done, total, what: seen.append((done, total, what)), **SMALL)
    assert summary is not None and summary.rows["accounts"] == 6
    assert seen, "progress was reported"
    path, names = _demo_files()
    assert path.is_file()
    assert names == ["minisip-demo-files", "minisip-demo.db"]  # no partial file or store left
    assert ensure_demo(**SMALL) is None  # it exists: nothing to do


def test_a_cancelled_demo_leaves_nothing_behind() -> None:
    calls = 0

    def cancel() -> bool:
        nonlocal calls
        calls += 1
        return calls > 1  # let it start, then cancel

    with pytest.raises(Cancelled):
        ensure_demo(cancel=cancel, **SMALL)
    path, names = _demo_files()
    assert not path.exists()
    assert names == []


def test_connect_opens_the_demo_and_nothing_means_ask(tmp_path: Path) -> None:
    ensure_demo(**SMALL)
    result = connect(ConnectRequest(demo=True))
    assert isinstance(result, Connected)
    try:
        assert result.database.target.demo
        assert result.created_demo is None
    finally:
        result.database.close()
    assert isinstance(connect(ConnectRequest()), NeedsChoice)  # no profile used yet
