"""Benchmark: a notice campaign to N owners against a local aiosmtpd, beside the raw floors.

SQLite only (a temporary file database upgraded to head with N active accounts and one
published, significant version). Figures:

- ``render_per_owner_us``: ``CompiledTemplate.render`` + ``build_message`` per owner (the fast
  path: one Jinja render with sentinels, ``str.replace`` per owner, MIME assembled as bytes);
- ``jinja_plus_emailmessage_per_owner_us``: a full Jinja render of the three parts and an
  ``EmailMessage`` per owner (what the fast path avoids);
- ``smtp_floor_per_second``: pre-built messages over one connection with ``sendmail`` (the
  ceiling ARCHITECTURE.md measured at about 750/s);
- ``campaign_per_second``: ``run_campaign`` end to end (every message claimed and recorded in
  the ledger with an event each; one commit per message: a message's outcome is committed with
  the next claim);
- ``ratio``: campaign / floor (the goal is at least 0.8).

The SMTP server (aiosmtpd) runs in its own process by default, as a real server would: in a
thread of this process it competes with the client for the GIL, and the ledger's Python work
slows the server itself (``--server thread`` measures that too).

Prints one JSON object.

    python benchmarks/campaign.py [--owners N] [--server process|thread]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import smtplib
import statistics
import subprocess
import sys
import tempfile
import time
from email.message import EmailMessage
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


_SERVER = """
import sys
sys.path.insert(0, sys.argv[1])
from tests.support.smtp import SmtpServer
with SmtpServer() as server:
    print(server.port, flush=True)
    sys.stdin.read()
"""


class _ServerProcess:
    """The test suite's aiosmtpd server, in a process of its own."""

    def __enter__(self) -> _ServerProcess:
        self.proc = subprocess.Popen([sys.executable, "-c", _SERVER, str(ROOT)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout is not None
        self.port = int(self.proc.stdout.readline())
        return self

    def __exit__(self, *exc: object) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--owners", type=int, default=2000)
    parser.add_argument("--server", choices=("process", "thread"), default="process")
    parser.add_argument("--repeat", type=int, default=1, help="floor and campaign alternately, N times each (medians reported)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["MINISIP_CONSOLE_CONFIG_DIR"] = tmp
        import jinja2

        from minisip_console.core import campaign
        from minisip_console.core.models import Account, Operator, PolicyVersion
        from minisip_console.core.operators import identify
        from minisip_console.core.plumbing import db, mailer
        from tests.support.smtp import SmtpServer

        engine = db.make_engine(f"sqlite:///{Path(tmp) / 'bench.db'}")
        db.upgrade(engine)
        sessions = db.session_factory(engine)
        with sessions.begin() as s:
            s.add(Operator(login="bob", display_name="Bob", role="operator"))
            s.add_all(Account(name=f"Owner {i} & Co", email=f"owner{i}@example.com") for i in range(args.owners))
            versions = [
                PolicyVersion(
                    number=f"9.{r}",
                    effective_date=dt.date(2027, 1, 1),
                    text="t",
                    summary="s",
                    significant=True,
                    published_at=dt.datetime.now(dt.UTC),
                )
                for r in range(args.repeat)
            ]
            s.add_all(versions)
            s.flush()
            version_ids = [v.id for v in versions]
        with sessions() as s:
            op = identify(s, "bob")
        template = campaign.Template(
            "Policy {{ effective_date }}",
            "Hello {{ owner_name }} ({{ account }}): {{ summary }} {{ link }}\n" * 5,
            "<p>Hello {{ owner_name }} ({{ account }}): {{ summary }} {{ link }}</p>" * 5,
            "https://example.com/p",
        )
        values = {"effective_date": "1 January 2027", "summary": "s", "link": template.link}
        owners = [(f"owner{i}@example.com", f"Owner {i} & Co", str(i)) for i in range(args.owners)]

        t0 = time.perf_counter()
        compiled = campaign.CompiledTemplate(template, values)
        built = [campaign.build_message(compiled.render(*o), "privacy@example.com", msgid_domain="example.com") for o in owners]
        fast = time.perf_counter() - t0

        t0 = time.perf_counter()
        text_env = jinja2.Environment(undefined=jinja2.StrictUndefined)
        html_env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
        subject, body, html = (
            text_env.from_string(template.subject),
            text_env.from_string(template.body_text),
            html_env.from_string(template.body_html),
        )
        for to, name, account in owners:
            msg = EmailMessage()
            msg["From"], msg["To"] = "privacy@example.com", to
            msg["Subject"] = subject.render(**values, owner_name=name, account=account)
            msg.set_content(body.render(**values, owner_name=name, account=account))
            msg.add_alternative(html.render(**values, owner_name=name, account=account), subtype="html")
            msg.as_bytes()
        slow = time.perf_counter() - t0

        with SmtpServer() if args.server == "thread" else _ServerProcess() as server:
            settings = mailer.SmtpSettings("127.0.0.1", server.port, "none", from_address="privacy@example.com")
            floors, runs, cpu_floor, cpu_run = [], [], [], []
            for version_id in version_ids:  # alternately, so that a noisy moment hits both sides
                smtp = smtplib.SMTP("127.0.0.1", server.port)
                t0, c0 = time.perf_counter(), time.process_time()
                for (to, _n, _a), raw in zip(owners, built, strict=True):
                    smtp.sendmail("privacy@example.com", [to], raw)
                floors.append(time.perf_counter() - t0)
                cpu_floor.append(time.process_time() - c0)
                smtp.quit()
                cid = campaign.create_campaign(sessions, op, version_id, template).id
                t0, c0 = time.perf_counter(), time.process_time()
                outcome = campaign.run_campaign(sessions, op, cid, settings)
                runs.append(time.perf_counter() - t0)
                cpu_run.append(time.process_time() - c0)
                assert outcome.counts["sent"] == args.owners, outcome.counts
        engine.dispose()
    print(
        json.dumps(
            {
                "owners": args.owners,
                "python": platform.python_version(),
                "render_per_owner_us": round(fast / args.owners * 1e6, 1),
                "jinja_plus_emailmessage_per_owner_us": round(slow / args.owners * 1e6, 1),
                "smtp_floor_per_second": [round(args.owners / f) for f in floors],
                "campaign_per_second": [round(args.owners / r) for r in runs],
                "ratio_per_pair": [round(f / r, 2) for f, r in zip(floors, runs, strict=True)],
                "client_cpu_us_per_message": {
                    "floor": round(statistics.median(cpu_floor) / args.owners * 1e6),
                    "campaign": round(statistics.median(cpu_run) / args.owners * 1e6),
                },
                "ratio_median": round(statistics.median(f / r for f, r in zip(floors, runs, strict=True)), 2),
                "server": args.server,
            }
        )
    )


if __name__ == "__main__":
    main()
