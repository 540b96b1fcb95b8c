"""Regression: PySide6 6.12.0 on CPython 3.11 aborts after ~100,000 calls of a void method.

ARCHITECTURE.md (measured facts): ``Fatal Python error: none_dealloc`` after about 100,000
``QTimer.stop()`` calls on 3.11 with PySide6 6.12.0; not on 3.12+ (immortal None) and not with
6.11.3. pyproject.toml excludes 6.12.0 on Python < 3.12; this test catches an install that
brings the crash back. The loop runs in a child process, so a crash is a failed test that
shows the interpreter's last words, not a dead test run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

CALLS = 100_000

LOOP = textwrap.dedent(
    f"""
    import sys
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv)
    timer = QTimer()
    for _ in range({CALLS}):
        timer.stop()  # a void method: returns None through shiboken
    print("done", {CALLS}, pyside_version, sys.version_info[:2], flush=True)
    """
)


def _run(code: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300)


def test_100000_void_calls_do_not_crash_the_interpreter() -> None:
    result = _run(LOOP)
    assert result.returncode == 0, f"the interpreter died (exit status {result.returncode}) after void calls; stderr:\n{result.stderr}"
    assert result.stdout.startswith(f"done {CALLS} ")


def test_a_crash_in_the_child_fails_the_test() -> None:
    """The harness above would see the abort: a child that aborts is reported, not missed."""
    result = _run("import faulthandler, os; faulthandler.enable(); os.abort()")
    assert result.returncode != 0
    assert "Fatal Python error: Aborted" in result.stderr
