"""Benchmark: the window against a remote PostgreSQL (a delaying proxy): the longest GUI stall.

A throwaway PostgreSQL server (``tests.support.pgserver``) holds a database set up as production
would be (``tests.support.pgtrust``: a schema owner, the console's roles and controls, each
operator with a login of their own), filled on the server (``generate_series``) with
``--accounts`` accounts (1,000,000 by default). Bob (an operator) files a deletion request.

A delaying TCP proxy runs in a child process (so its work never competes with the window for
the interpreter): each chunk read from one side is written to the other ``--delay-ms`` (25)
after it arrived, per direction, in order, with no bandwidth cap: a round trip costs
``2 * delay``. The real ``MainWindow`` is opened offscreen, connected through the proxy as
Carol (an approver), and driven through these steps, each waited for (no sleeps):

- ``connect``: connecting until the accounts' first rows, the overview, the deletion queue and
  the grants are in;
- ``tabs``: every tab shown in turn, 100 ms apart, back to Accounts;
- ``scroll_to``: ``scrollTo`` row 500,000 (``--far``; half of the accounts by default) until its
  rows are painted;
- ``drag``: a drag-like scroll from the top to that row, 60 scroll-bar moves 16 ms apart, then
  until the rows under the final position are in;
- ``sort``: the ID column's header clicked (descending), until the first rows are in;
- ``filter``: the status filter set to "suspended", until its first rows are in;
- ``approve``: the request selected in the Deletion queue and Approve clicked, until the tab says so;
- ``search``: a search for one account's name typed and applied, until its rows are in.

Meanwhile a 1 ms precise ``QTimer`` on the GUI thread notes the interval between its ticks: the
longest interval is the longest time the event loop could not answer (a stall). Printed: per
step its duration and longest gap, the overall longest gap, with the proxy and without it
(``--no-proxy``: without only; ``--proxy-only``: with only), the load average, the settings. The
goal (issue 14): the longest stall at most 50 ms with 50 ms round trips.

    python benchmarks/remote_gui.py [--accounts 1000000] [--delay-ms 25] [--no-proxy | --proxy-only]

Prints one JSON object on stdout; progress goes to stderr.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

GOAL_MS = 50
STEP_TIMEOUT_S = 180


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- the proxy (child process)


async def _pump(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, delay: float) -> None:
    """Copy one direction: each chunk written ``delay`` seconds after it was read, in order."""
    queue: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue()
    loop = asyncio.get_running_loop()

    async def deliver() -> None:
        while True:
            due, data = await queue.get()
            if not data:
                break
            wait = due - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            writer.write(data)
            await writer.drain()
        try:
            writer.write_eof()
        except (OSError, RuntimeError):
            pass

    sender = asyncio.create_task(deliver())
    try:
        while True:
            data = await reader.read(65536)
            await queue.put((loop.time() + delay, data))
            if not data:
                break
    except (ConnectionError, OSError):
        await queue.put((loop.time(), b""))
    try:
        await sender
    except (ConnectionError, OSError):
        pass
    finally:
        writer.close()


async def _serve(upstream_port: int, delay: float) -> None:
    async def handle(client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) -> None:
        try:
            server_reader, server_writer = await asyncio.open_connection("127.0.0.1", upstream_port)
        except OSError:
            client_writer.close()
            return
        await asyncio.gather(_pump(client_reader, server_writer, delay), _pump(server_reader, client_writer, delay), return_exceptions=True)

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    print(port, flush=True)  # the parent reads the port, then the proxy serves until killed
    async with server:
        await server.serve_forever()


def run_proxy(upstream_port: int, delay_ms: float) -> None:
    asyncio.run(_serve(upstream_port, delay_ms / 1000))


class Proxy:
    """The delaying proxy as a child process."""

    def __init__(self, upstream_port: int, delay_ms: float) -> None:
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--_proxy", str(upstream_port), str(delay_ms)], stdout=subprocess.PIPE, text=True
        )
        assert self.process.stdout is not None
        self.port = int(self.process.stdout.readline())

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


# --------------------------------------------------------------------------- the database


def build(server: Any, accounts: int) -> tuple[Any, int]:
    """A secured database with ``accounts`` accounts and one deletion request filed by bob."""
    import psycopg

    from minisip_console.core import deletion
    from minisip_console.core.plumbing.connection import open_database, resolve
    from tests.support.pgtrust import create_secured_database

    secured = create_secured_database(server, accounts=6)
    started = time.perf_counter()
    with psycopg.connect(secured.url("owner", driver=False), autocommit=True) as conn:
        conn.execute(
            "INSERT INTO accounts (id, name, email, company, status, created_at) "
            "SELECT i, 'Person' || i || ' Example-Name', 'person' || i || '@acme-' || (i %% 97) || '.example', "
            "CASE WHEN i %% 3 = 0 THEN NULL ELSE 'Company ' || (i %% 97) || ' Telephony' END, "
            "(ARRAY['active','active','active','active','active','active','active','active','suspended','closed'])[1 + i %% 10], "
            "now() - make_interval(mins => i) FROM generate_series(7, %s) AS i",
            (accounts,),
        )
        conn.execute("VACUUM ANALYZE accounts")
    _log(f"filled {accounts:,} accounts in {time.perf_counter() - started:.1f} s")
    bob = open_database(resolve(database=secured.url("bob")))
    try:
        request = deletion.file_request(bob.sessions, bob.operator, 2, "configurations", ticket="SUP-77", source="customer@example.com")
    finally:
        bob.close()
    return secured, request.id


# --------------------------------------------------------------------------- the window


class GapMeter:
    """A 1 ms timer on the GUI thread: the longest interval between its ticks, overall and per step."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(1)
        self.timer.timeout.connect(self._tick)
        self.last = time.perf_counter()
        self.step_max = 0.0
        self.overall = 0.0
        self.worst_step = ""
        self.step = ""

    def start(self) -> None:
        self.last = time.perf_counter()
        self.timer.start()

    def stop(self) -> None:
        self._tick()
        self.timer.stop()

    def _tick(self) -> None:
        now = time.perf_counter()
        gap = now - self.last
        self.last = now
        if gap > self.step_max:
            self.step_max = gap
        if gap > self.overall:
            self.overall = gap
            self.worst_step = self.step

    def begin(self, step: str) -> None:
        self._tick()
        self.step = step
        self.step_max = 0.0

    def end(self) -> float:
        """The step's longest gap, its last stretch included (a step may end without a tick)."""
        self._tick()
        return self.step_max


class StallTracer:
    """While the GUI thread is stalled (no tick for ``after_ms``), sample its stack every 5 ms.

    A diagnostic (``--trace-stalls``): the samples name the code that held the event loop."""

    def __init__(self, meter: GapMeter, after_ms: float = 30.0) -> None:
        import threading

        self.meter = meter
        self.after = after_ms / 1000
        self.main = threading.main_thread().ident
        self.samples: dict[str, int] = {}
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._run, name="stall tracer", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> list[dict[str, Any]]:
        self._stop.set()
        self.thread.join()
        top = sorted(self.samples.items(), key=lambda kv: -kv[1])[:8]
        return [{"samples": n, "stack": stack.split(" <- ")} for stack, n in top]

    def _run(self) -> None:
        import traceback

        while not self._stop.wait(0.005):
            if time.perf_counter() - self.meter.last < self.after:
                continue
            frame = sys._current_frames().get(self.main)  # noqa: SLF001 - a diagnostic
            if frame is None:
                continue
            stack = [f for f in reversed(traceback.extract_stack(frame)) if "remote_gui" not in f.filename]
            # the innermost frame (what runs), then the console's own frames (who asked for it)
            shown = stack[:1] + [f for f in stack[1:] if "minisip_console" in f.filename][:5]
            key = f"[{self.meter.step}] " + (
                " <- ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in shown) or "(Qt: no Python frame)"
            )
            self.samples[key] = self.samples.get(key, 0) + 1


class Driver:
    def __init__(self, app: Any, meter: GapMeter) -> None:
        self.app = app
        self.meter = meter
        self.steps: dict[str, dict[str, float]] = {}

    def wait_until(self, condition: Callable[[], bool], what: str, timeout_s: float = STEP_TIMEOUT_S) -> None:
        from PySide6.QtCore import QEventLoop

        deadline = time.perf_counter() + timeout_s
        while not condition():
            if time.perf_counter() > deadline:
                raise TimeoutError(f"waited {timeout_s} s for {what}")
            self.app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)  # the 1 ms timer wakes it

    def settle(self) -> None:
        from minisip_console.ui import workers

        self.wait_until(lambda: not workers.active(), "every worker to finish")

    def step(self, name: str, action: Callable[[], None], done: Callable[[], bool]) -> None:
        _log(f"  {name}")
        self.meter.begin(name)
        started = time.perf_counter()
        action()
        self.wait_until(done, name)
        self.settle()
        seconds = time.perf_counter() - started
        self.steps[name] = {"seconds": round(seconds, 3), "longest_gap_ms": round(self.meter.end() * 1000, 1)}
        self.meter.step = f"after {name}"  # what the driver does between steps counts too, under this name


def drive(url: str, request_id: int, far: int, search: str, *, trace: bool = False) -> dict[str, Any]:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from minisip_console.ui.connecting import ConnectRequest
    from minisip_console.ui.gc_guard import GuiThreadCollector
    from minisip_console.ui.main_window import MainWindow, State

    app = QApplication.instance() or QApplication([])
    if app.findChild(GuiThreadCollector) is None:
        GuiThreadCollector(app)  # as the app does: cycles freed on the GUI thread only
    meter = GapMeter()
    driver = Driver(app, meter)
    window = MainWindow()
    window.resize(1280, 800)
    window.show()
    driver.wait_until(lambda: window._first_shown_emitted, "the window shown")
    meter.start()
    tracer = StallTracer(meter) if trace else None
    if tracer is not None:
        tracer.start()
    accounts = window.accounts_tab
    deletions = window.deletions_tab

    def connected() -> bool:
        model = accounts.model
        return (
            window.state == State.CONNECTED
            and window.audit_tab is not None
            and model is not None
            and model.ready
            and model.is_loaded(0)
            and deletions.model is not None
            and deletions.model.rowCount() > 0
        )

    overview: list[Any] = []
    window.overview_loaded.connect(overview.append)
    driver.step("connect", lambda: window.start_connect(ConnectRequest(database=url)), lambda: connected() and bool(overview))
    if window.state != State.CONNECTED:
        raise RuntimeError(f"not connected: {window.status_state.text()}")
    model = accounts.model
    assert model is not None
    view = accounts.view

    # one tab a click, as the operator goes through them: each painted before the next
    shown = {"i": 0}
    clicks = QTimer()
    clicks.setInterval(100)

    def next_tab() -> None:
        shown["i"] += 1
        window.tabs.setCurrentIndex(shown["i"] % window.tabs.count())
        if shown["i"] >= window.tabs.count():
            clicks.stop()

    clicks.timeout.connect(next_tab)
    driver.step("tabs", clicks.start, lambda: shown["i"] >= window.tabs.count())

    def rows_on_screen() -> bool:
        top = view.rowAt(0)
        bottom = view.rowAt(view.viewport().height() - 1)
        bottom = bottom if bottom >= 0 else model.rowCount() - 1
        return top >= 0 and model.is_loaded(top) and model.is_loaded(bottom)

    driver.step(
        "scroll_to",
        lambda: view.scrollTo(model.index(far, 0)),
        lambda: view.rowAt(0) <= far <= view.rowAt(view.viewport().height() - 1) and rows_on_screen(),
    )
    view.scrollToTop()
    driver.wait_until(rows_on_screen, "the top rows")

    bar = view.verticalScrollBar()
    moves = 60
    target = bar.maximum() * far // max(model.rowCount() - 1, 1)
    state = {"i": 0}
    drag = QTimer()
    drag.setInterval(16)  # a mouse moving the scroll bar's handle: about 60 moves a second

    def move() -> None:
        state["i"] += 1
        bar.setValue(target * state["i"] // moves)
        if state["i"] >= moves:
            drag.stop()

    drag.timeout.connect(move)
    driver.step("drag", drag.start, lambda: state["i"] >= moves and rows_on_screen())

    driver.step(
        "sort", lambda: accounts._on_header_clicked(0), lambda: model.ready and model.source.order == ("id", True) and rows_on_screen()
    )
    suspended = accounts.status_filter.findData("suspended")
    driver.step("filter", lambda: accounts.status_filter.setCurrentIndex(suspended), lambda: model.ready and rows_on_screen())

    acted: list[Any] = []
    deletions.acted.connect(acted.append)

    def approve() -> None:
        window.tabs.setCurrentWidget(deletions)
        assert deletions.select_request(request_id), "the filed request is not in the queue"

    approve()
    driver.wait_until(lambda: deletions.selected is not None and deletions.approve_button.isEnabled(), "the request's details")
    driver.step("approve", deletions.approve_button.click, lambda: bool(acted))

    window.tabs.setCurrentWidget(accounts)
    applied: list[int] = []
    accounts.search_field.setText("")
    accounts.status_filter.setCurrentIndex(0)
    driver.wait_until(lambda: model.ready, "the filter cleared")
    driver.settle()
    accounts.search_applied.connect(applied.append)

    def type_search() -> None:
        accounts.search_field.setText(search)
        accounts._apply_search()  # as the debounce timer does

    driver.step("search", type_search, lambda: bool(applied) and rows_on_screen())
    meter.stop()
    result: dict[str, Any] = {
        "longest_gap_ms": round(meter.overall * 1000, 1),
        "in_step": meter.worst_step,
        "steps": driver.steps,
        "search_matches": applied[0] if applied else None,
        "approved_request": acted[0].state if acted else None,
    }
    if tracer is not None:
        result["stall_stacks"] = tracer.stop()
    window.close()
    return result


# --------------------------------------------------------------------------- main


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=1_000_000)
    parser.add_argument("--delay-ms", type=float, default=25.0, help="added to each direction (a round trip costs twice this)")
    parser.add_argument("--far", type=int, default=None, help="the row to scroll to (default: half of the accounts)")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--no-proxy", action="store_true", help="measure without the proxy only")
    which.add_argument("--proxy-only", action="store_true", help="measure through the proxy only")
    parser.add_argument("--trace-stalls", action="store_true", help="sample the GUI thread's stack during stalls (a diagnostic)")
    parser.add_argument("--_proxy", nargs=2, metavar=("PORT", "DELAY_MS"), help=argparse.SUPPRESS)
    parser.add_argument("--_drive", nargs=3, metavar=("REQUEST", "FAR", "SEARCH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args._proxy:
        run_proxy(int(args._proxy[0]), float(args._proxy[1]))
        return 0
    if args._drive:
        request, far_row, text = args._drive
        url = os.environ.pop("MINISIP_BENCH_URL")  # the throwaway server's password: never on a command line
        json.dump(drive(url, int(request), int(far_row), text, trace=args.trace_stalls), sys.stdout)
        sys.stdout.write("\n")
        return 0

    import tempfile

    from tests.support.pgserver import PostgresServer, find_pg_bin

    far = args.far if args.far is not None else args.accounts // 2
    out: dict[str, Any] = {
        "benchmark": "remote_gui",
        "settings": {"accounts": args.accounts, "delay_ms_each_way": args.delay_ms, "round_trip_ms": 2 * args.delay_ms, "far_row": far},
        "goal_longest_gap_ms": GOAL_MS,
        "python": platform.python_version(),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "loadavg_start": [round(x, 2) for x in os.getloadavg()]},
        "runs": {},
    }
    bin_dir = find_pg_bin()
    if bin_dir is None:
        out["skipped"] = "no PostgreSQL binaries"
        json.dump(out, sys.stdout)
        sys.stdout.write("\n")
        return 0
    with tempfile.TemporaryDirectory(prefix="minisip-bench-") as tmp:
        os.environ["MINISIP_CONSOLE_CONFIG_DIR"] = str(Path(tmp) / "config")
        server = PostgresServer(bin_dir)
        server.start()
        proxy: Proxy | None = None
        try:
            _log(f"filling {args.accounts:,} accounts")
            secured, request_id = build(server, args.accounts)
            search = f"person{args.accounts // 3 + 1}"  # one account's name
            plans = []
            if not args.proxy_only:
                plans.append(("without_proxy", server.port))
            if not args.no_proxy:
                proxy = Proxy(server.port, args.delay_ms)
                plans.append(("with_proxy", proxy.port))
            for name, port in plans:
                url = secured.url("carol").replace(f":{server.port}/", f":{port}/")
                _log(f"{name}: driving the window")
                started = dt.datetime.now(dt.UTC)
                # a fresh process each: both runs start cold, as the console does
                command = [sys.executable, __file__, "--_drive", str(request_id), str(far), search]
                if args.trace_stalls:
                    command.append("--trace-stalls")
                child = subprocess.run(
                    command, stdout=subprocess.PIPE, text=True, check=True, timeout=1800, env={**os.environ, "MINISIP_BENCH_URL": url}
                )
                result = json.loads(child.stdout)
                result["wall_s"] = round((dt.datetime.now(dt.UTC) - started).total_seconds(), 1)
                result["goal_met"] = result["longest_gap_ms"] <= GOAL_MS
                out["runs"][name] = result
                if name == "without_proxy":  # the approve happened: file another for the next run
                    request_id = _refile(secured)
        finally:
            if proxy is not None:
                proxy.close()
            server.stop()
    out["machine"]["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    json.dump(out, sys.stdout, indent=None)
    sys.stdout.write("\n")
    return 0


def _refile(secured: Any) -> int:
    from minisip_console.core import deletion
    from minisip_console.core.plumbing.connection import open_database, resolve

    bob = open_database(resolve(database=secured.url("bob")))
    try:
        return deletion.file_request(bob.sessions, bob.operator, 3, "configurations", ticket="SUP-78", source="customer@example.com").id
    finally:
        bob.close()


if __name__ == "__main__":
    sys.exit(main())
