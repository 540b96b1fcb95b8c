"""Real full and read-only file systems for the tests of what the console writes.

``small_tmpfs`` mounts a tmpfs of a few hundred KB on a folder (``fill`` then uses up its last
byte), ``read_only_tmpfs`` one remounted read-only: a disk that is really full and a folder that
even root cannot write to (file modes do not stop root; a read-only mount does). Mounting needs
root (CAP_SYS_ADMIN): where it is refused the test is skipped with the reason, except under
``CI=true``, where it is a failure (CI runs as root), as for the PostgreSQL tests.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

IN_CI = os.environ.get("CI", "").lower() == "true"


def _cannot(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"CI=true but a tmpfs cannot be mounted for the disk-full tests: {reason}")
    pytest.skip(f"a tmpfs cannot be mounted here ({reason}); these tests need root, as CI has")


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, check=False, timeout=30)


@contextmanager
def small_tmpfs(folder: Path, *, size: str = "256k", read_only: bool = False) -> Iterator[Path]:
    """Mount a tmpfs of ``size`` on ``folder`` (created) for the block; unmounted afterwards."""
    if shutil.which("mount") is None or shutil.which("umount") is None:
        _cannot("no mount command")
    folder.mkdir(parents=True, exist_ok=True)
    mounted = _run("mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(folder))
    if mounted.returncode != 0:
        _cannot(mounted.stderr.strip() or f"mount exited with {mounted.returncode}")
    try:
        if read_only:
            remounted = _run("mount", "-o", "remount,ro", str(folder))
            if remounted.returncode != 0:
                _cannot(remounted.stderr.strip() or f"mount -o remount,ro exited with {remounted.returncode}")
        yield folder
    finally:
        if _run("umount", str(folder)).returncode != 0:
            _run("umount", "-l", str(folder))


@contextmanager
def read_only_tmpfs(folder: Path) -> Iterator[Path]:
    """A folder on a read-only file system (for root too)."""
    with small_tmpfs(folder, read_only=True) as mounted:
        yield mounted


def fill(folder: Path, *, name: str = "filler") -> Path:
    """Use up every byte of the file system under ``folder`` with one file; returns it."""
    filler = folder / name
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        for size in (65536, 4096, 512, 64, 8, 1):
            block = b"\0" * size
            while True:
                try:
                    if os.write(fd, block) < size:
                        break
                except OSError as exc:
                    if exc.errno not in (errno.ENOSPC, errno.EDQUOT):
                        raise
                    break
    finally:
        os.close(fd)
    return filler
