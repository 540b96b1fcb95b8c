"""Start-up time of the window, beside a bare PySide6 window; prints one JSON object.

    python benchmarks/startup.py [--runs 5]

Measures, as medians over ``--runs`` runs (each a fresh process, the two kinds interleaved):

- ``bare_shown_s``: process start to a bare ``QMainWindow`` shown (exposed and painted);
- ``app_shown_s``: process start to the console's main window shown, for
  ``python -m minisip_console --demo`` on a demo database created once beforehand;
- ``ratio``: ``app_shown_s / bare_shown_s`` (the goal is at most 1.5); beside it, for a busy
  machine, the median of the per-pair ratios and the ratio of CPU seconds to shown;
- ``first_rows_s``: process start to the first screen's content painted (the Overview's verdicts; before issue 15 the first accounts in the Accounts table)
  (connecting in the background, SQLAlchemy's import included).

Bytecode is cached as in an installation (``PYTHONDONTWRITEBYTECODE`` is lifted; the cache
goes to a private ``PYTHONPYCACHEPREFIX``, never into the repository). "Shown" is the same moment in both processes: the event loop's first turn after the window's
first expose event (which paints it). The console reports its moments through its hooks:
``MINISIP_CONSOLE_EXIT_AFTER_SHOWN=1`` (one JSON line, then it quits: the shown runs) and
``MINISIP_CONSOLE_BENCH=1`` (``BENCH <event> <unix time>`` on stderr, quitting after the first
rows: the rows runs); no sleeps anywhere. Times are wall-clock from just before the process is spawned. The platform is
``QT_QPA_PLATFORM`` (default ``offscreen``; set ``xcb`` with a display for a real X server).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = r"""
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle("bare")
window.resize(1280, 800)

class Watch(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Expose and watched.isExposed():
            watched.removeEventFilter(self)
            QTimer.singleShot(0, shown)
        return False

def shown():
    print(f"BENCH shown {time.time():.6f}", file=sys.stderr, flush=True)
    app.quit()

watch = Watch()
window.show()
window.windowHandle().installEventFilter(watch)
app.exec()
"""

TIMEOUT_S = 300


def _events(stderr: str) -> dict[str, tuple[float, list[str]]]:
    events = {}
    for line in stderr.splitlines():
        if line.startswith("BENCH "):
            _, name, stamp, *rest = line.split()
            events[name] = (float(stamp), rest)
    return events


def _run(cmd: list[str], env: dict[str, str]) -> tuple[float, float, dict[str, tuple[float, list[str]]]]:
    """Run one process; returns its start time, its CPU seconds (user + system) and its events."""
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.time()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=TIMEOUT_S)
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    events = _events(done.stderr)
    for line in done.stdout.splitlines():  # MINISIP_CONSOLE_EXIT_AFTER_SHOWN prints JSON on stdout
        if line.startswith("{"):
            data = json.loads(line)
            events[data["event"]] = (float(data["time"]), [f"sqlalchemy={data['sqlalchemy_imported']}"])
    if done.returncode != 0 or "shown" not in events:
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr}")
    return started, cpu, events


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="minisip-bench-") as tmp:
        env = dict(os.environ)
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        env["MINISIP_CONSOLE_CONFIG_DIR"] = tmp
        env.pop("MINISIP_CONSOLE_EXIT_AFTER_SHOWN", None)
        env.pop("MINISIP_CONSOLE_BENCH", None)
        # as installed (pip compiles bytecode): the warm-up runs write it, to a private cache
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        shown_env = {**env, "MINISIP_CONSOLE_EXIT_AFTER_SHOWN": "1"}  # quits when shown
        rows_env = {**env, "MINISIP_CONSOLE_BENCH": "1"}  # connects, quits when rows are painted
        app_cmd = [sys.executable, "-m", "minisip_console", "--demo"]
        bare_cmd = [sys.executable, "-c", BARE]

        # once: create the demo database (through the app's own --demo path) and warm the caches
        started, _, events = _run(app_cmd, rows_env)
        if "rows" not in events:
            raise SystemExit(f"the warm-up run showed no rows: {events}")
        demo_created_s = events["rows"][0] - started
        _run(bare_cmd, env)
        _run(app_cmd, shown_env)

        bare, bare_cpu, shown, shown_cpu, rows, sqlalchemy_when_shown = [], [], [], [], [], []
        for _ in range(args.runs):  # interleaved, so that load on the machine hits both alike
            started, cpu, events = _run(bare_cmd, env)
            bare.append(events["shown"][0] - started)
            bare_cpu.append(cpu)
            started, cpu, events = _run(app_cmd, shown_env)
            shown.append(events["shown"][0] - started)
            shown_cpu.append(cpu)
            sqlalchemy_when_shown.append(events["shown"][1] == ["sqlalchemy=True"])
            started, _, events = _run(app_cmd, rows_env)
            if "rows" not in events:
                raise SystemExit(f"no rows were shown: {events}")
            rows.append(events["rows"][0] - started)

    from PySide6 import __version__ as pyside_version

    bare_s, app_s, rows_s = statistics.median(bare), statistics.median(shown), statistics.median(rows)
    result = {
        "benchmark": "startup",
        "runs": args.runs,
        "platform": env["QT_QPA_PLATFORM"],
        "python": platform.python_version(),
        "pyside6": pyside_version,
        "cpus": os.cpu_count(),
        "load_average_1min": round(os.getloadavg()[0], 2),
        "bare_shown_s": round(bare_s, 3),
        "app_shown_s": round(app_s, 3),
        "ratio": round(app_s / bare_s, 2),
        "goal_ratio_max": 1.5,
        "meets_goal": app_s / bare_s <= 1.5,
        "paired_ratio_median": round(statistics.median(a / b for a, b in zip(shown, bare, strict=True)), 2),
        "cpu_ratio": round(statistics.median(shown_cpu) / statistics.median(bare_cpu), 2),
        "first_rows_s": round(rows_s, 3),
        "sqlalchemy_imported_when_shown": any(sqlalchemy_when_shown),
        "demo_first_run_rows_s": round(demo_created_s, 3),
        "samples": {
            "bare_shown_s": [round(x, 3) for x in bare],
            "app_shown_s": [round(x, 3) for x in shown],
            "bare_cpu_s": [round(x, 3) for x in bare_cpu],
            "app_cpu_to_shown_s": [round(x, 3) for x in shown_cpu],
            "first_rows_s": [round(x, 3) for x in rows],
        },
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
