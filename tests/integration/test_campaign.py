"""Notice campaigns against real SMTP servers on loopback (aiosmtpd), on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, select, text, update
from sqlalchemy.orm import Session, sessionmaker

from minisip_console.core import campaign
from minisip_console.core.models import (
    Account,
    NoticeDelivery,
    NoticeDeliveryEvent,
    Operator,
    PolicyVersion,
)
from minisip_console.core.operators import OperatorInfo, identify
from minisip_console.core.plumbing import db, mailer
from minisip_console.core.plumbing.errors import ConsoleError, InvalidInput
from minisip_console.core.plumbing.locks import LockHeld
from tests.support.refusing_smtp import REPLY_421, RefusingServer
from tests.support.smtp import Behaviour, SmtpServer

TEMPLATE = campaign.Template(
    subject="Our privacy policy changes on {{ effective_date }}",
    body_text="Hello {{ owner_name }},\n\nAccount {{ account }}: {{ summary }}\nRead it: {{ link }}\n",
    body_html='<p>Hello {{ owner_name }},</p><p>Account {{ account }}: {{ summary }}</p><a href="{{ link }}">policy</a>',
    link="https://example.com/privacy?v=2&lang=en",
)
ODD_NAMES = ["<script>alert(1)</script>", "Ann & Bob", 'Zoë "Z" O\'Neil']


@dataclass
class Env:
    url: str
    engine: Engine
    sessions: sessionmaker[Session]
    version_id: int
    good: dict[str, int]  # email -> account id, for active accounts with a valid address
    bad: list[int]  # active accounts whose address is invalid or empty

    def op(self, login: str = "bob") -> OperatorInfo:
        with self.sessions() as session:
            return identify(session, login)

    def states(self) -> dict[int, str]:
        with self.sessions() as session:
            return dict(
                session.execute(
                    select(NoticeDelivery.account_id, NoticeDelivery.state).where(NoticeDelivery.policy_version_id == self.version_id)
                ).all()
            )

    def create(self) -> int:
        return campaign.create_campaign(self.sessions, self.op(), self.version_id, TEMPLATE).id


def _settings(server: SmtpServer, **kw: object) -> mailer.SmtpSettings:
    return mailer.SmtpSettings(host="127.0.0.1", port=server.port, security="none", from_address="privacy@example.com", **kw)  # type: ignore[arg-type]  # test-only kwargs


@pytest.fixture
def env(db_url: str) -> Iterator[Env]:
    engine = db.make_engine(db_url)
    db.upgrade(engine)
    sessions = db.session_factory(engine)
    now = dt.datetime.now(dt.UTC)
    good: dict[str, int] = {}
    bad: list[int] = []
    with sessions.begin() as session:
        session.add_all(
            [
                Operator(login="alice", display_name="Alice", role="admin"),
                Operator(login="bob", display_name="Bob", role="operator"),
                Operator(login="vera", display_name="Vera", role="viewer"),
            ]
        )
        accounts = [Account(name=ODD_NAMES[i] if i < len(ODD_NAMES) else f"Owner {i}", email=f"owner{i}@example.com") for i in range(24)]
        accounts += [
            Account(name="No Mail", email=""),
            Account(name="Bad Mail", email="not-an-address"),
            Account(name="Gone", email="gone@example.com", status="closed"),
        ]
        session.add_all(accounts)
        session.add_all(
            [
                PolicyVersion(
                    number="2.0",
                    effective_date=dt.date(2027, 1, 15),
                    text="v2",
                    summary="Statistics kept 13 months.",
                    significant=True,
                    published_at=now,
                ),
                PolicyVersion(number="2.1", effective_date=dt.date(2027, 2, 1), text="v2.1", significant=True, published_at=None),
                PolicyVersion(number="2.2", effective_date=dt.date(2027, 3, 1), text="v2.2", significant=False, published_at=now),
            ]
        )
        session.flush()
        version_id = session.scalar(select(PolicyVersion.id).where(PolicyVersion.number == "2.0"))
        for a in accounts:
            if a.status == "active":
                (good.__setitem__(a.email, a.id) if "@" in a.email else bad.append(a.id))
    yield Env(db_url, engine, sessions, int(version_id), good, bad)
    engine.dispose()


def _run(env: Env, cid: int, server: SmtpServer, **kw: object) -> campaign.RunOutcome:
    return campaign.run_campaign(env.sessions, env.op(), cid, _settings(server), retry_delays=(0.0,), **kw)  # type: ignore[arg-type]


def test_every_owner_gets_exactly_one_message(env: Env) -> None:
    cid = env.create()
    seen: list[campaign.Progress] = []
    with SmtpServer() as server:
        outcome = _run(env, cid, server, progress=seen.append)
        again = _run(env, env.create(), server)  # a second campaign for the same version sends nothing new
    assert server.per_recipient() == {e: 1 for e in env.good}
    assert outcome.campaign.state == "finished" and outcome.sent_now == len(env.good)
    assert again.sent_now == 0
    assert outcome.counts["sent"] == len(env.good) and outcome.counts["failed"] == len(env.bad)
    assert campaign.status(env.sessions, env.version_id) == outcome.counts
    assert seen[-1].sent == len(env.good) and seen[-1].queued == 0 and seen[-1].rate > 0
    assert "gone@example.com" not in server.per_recipient()  # a closed account is not an active owner
    with env.sessions() as session:  # every state change is an event: queued, sending, sent
        events = session.execute(text("SELECT delivery_id, state FROM notice_delivery_events ORDER BY id")).all()
        one = session.scalar(
            select(NoticeDelivery.id).join(Account, Account.id == NoticeDelivery.account_id).where(Account.email == "owner5@example.com")
        )
        replies = session.scalar(select(NoticeDelivery.last_reply).where(NoticeDelivery.id == one))
    assert [s for d, s in events if d == one] == ["queued", "sending", "sent"]
    assert replies.startswith("250 ")


def test_invalid_addresses_fail_with_the_reason_and_the_rest_go_on(env: Env) -> None:
    with SmtpServer() as server:
        _run(env, env.create(), server)
    states = env.states()
    assert {states[a] for a in env.bad} == {"failed"}
    with env.sessions() as session:
        replies = set(session.scalars(select(NoticeDelivery.last_reply).where(NoticeDelivery.account_id.in_(env.bad))))
    assert any("no email address" in r for r in replies) and any("invalid email address" in r for r in replies)
    assert len(server.per_recipient()) == len(env.good)


def test_4xx_is_retried_and_then_sent(env: Env) -> None:
    with SmtpServer(Behaviour(greylist=True)) as server:
        outcome = _run(env, env.create(), server)
    assert server.per_recipient() == {e: 1 for e in env.good}
    assert outcome.counts["sent"] == len(env.good)
    with env.sessions() as session:
        attempts = set(session.scalars(select(NoticeDelivery.attempts).where(NoticeDelivery.state == "sent")))
        states = session.scalars(
            select(NoticeDeliveryEvent.state)
            .join(NoticeDelivery, NoticeDelivery.id == NoticeDeliveryEvent.delivery_id)
            .where(NoticeDelivery.account_id == env.good["owner3@example.com"])
            .order_by(NoticeDeliveryEvent.id)
        ).all()
    assert attempts == {2}
    assert states == ["queued", "sending", "queued", "sending", "sent"]


def test_4xx_waits_for_the_backoff(env: Env) -> None:
    with SmtpServer(Behaviour(greylist=True)) as server:
        outcome = campaign.run_campaign(
            env.sessions, env.op(), env.create(), _settings(server), retry_delays=(3600.0,), wait_for_retries=False
        )
    assert outcome.stopped == "retries pending" and outcome.campaign.state == "paused"
    assert outcome.counts["queued"] == len(env.good) and not server.messages
    with env.sessions() as session:
        due = list(session.scalars(select(NoticeDelivery.next_attempt_at).where(NoticeDelivery.state == "queued")))
    assert len(due) == len(env.good) and all(d > dt.datetime.now(dt.UTC) + dt.timedelta(minutes=50) for d in due)


def test_4xx_gives_up_after_max_attempts(env: Env) -> None:
    with SmtpServer(Behaviour(greylist=True)) as server:
        outcome = campaign.run_campaign(env.sessions, env.op(), env.create(), _settings(server), retry_delays=(0.0,), max_attempts=1)
    assert outcome.counts["failed"] == len(env.good) + len(env.bad) and not server.messages
    with env.sessions() as session:
        reply = session.scalar(select(NoticeDelivery.last_reply).where(NoticeDelivery.account_id == env.good["owner1@example.com"]))
    assert reply.startswith("gave up after 1 attempt: 451")


def test_5xx_is_failed_with_the_reply(env: Env) -> None:
    rejected = frozenset({"owner4@example.com", "owner7@example.com"})
    with SmtpServer(Behaviour(reject=rejected)) as server:
        outcome = _run(env, env.create(), server)
    assert set(server.per_recipient()) == set(env.good) - rejected
    with env.sessions() as session:
        rows = session.execute(
            select(NoticeDelivery.state, NoticeDelivery.last_reply).where(NoticeDelivery.account_id.in_([env.good[e] for e in rejected]))
        ).all()
    assert {s for s, _ in rows} == {"failed"} and all(r.startswith("550 5.1.1") for _, r in rows)
    assert outcome.campaign.state == "finished"


def test_dropped_connection_is_recovered(env: Env) -> None:
    with SmtpServer(Behaviour(drop_at=5)) as server:
        outcome = _run(env, env.create(), server)
    assert server.handler.dropped
    assert server.per_recipient() == {e: 1 for e in env.good}
    assert outcome.counts["sent"] == len(env.good) and outcome.counts["uncertain"] == 0


def test_refused_login_stops_with_a_clear_error_and_marks_nothing(env: Env, memory_keyring: object) -> None:
    cid = env.create()
    with SmtpServer(Behaviour(refuse_auth=True)) as server:
        settings = _settings(server, user="mailer", profile="prod")
        mailer.store_password(settings, "s3cret-pw")
        with pytest.raises(mailer.SmtpLoginRefused) as info:
            campaign.run_campaign(env.sessions, env.op(), cid, settings)
    assert "refused the login" in str(info.value) and "s3cret-pw" not in str(info.value)
    assert isinstance(info.value, ConsoleError)
    assert not server.messages
    assert campaign.status(env.sessions, env.version_id)["failed"] == 0
    assert env.states() == {}


def test_unknown_placeholder_is_refused_naming_it(env: Env) -> None:
    bad = campaign.Template(subject="Hi {{ owner_name }}", body_text="Dear {{ customer_nmae }}", body_html="{{ link }}")
    with pytest.raises(InvalidInput, match=r"customer_nmae"):
        campaign.create_campaign(env.sessions, env.op(), env.version_id, bad)
    with pytest.raises(InvalidInput, match=r"line 1"):
        campaign.check_template(campaign.Template(subject="{{ oops", body_text="x"))


def test_version_must_be_published_and_significant(env: Env) -> None:
    with env.sessions() as session:
        ids = dict(session.execute(select(PolicyVersion.number, PolicyVersion.id)).all())
    with pytest.raises(ConsoleError, match="not published"):
        campaign.create_campaign(env.sessions, env.op(), ids["2.1"], TEMPLATE)
    with pytest.raises(ConsoleError, match="not marked significant"):
        campaign.create_campaign(env.sessions, env.op(), ids["2.2"], TEMPLATE)
    with pytest.raises(ConsoleError, match="cannot"):
        campaign.create_campaign(env.sessions, env.op("vera"), env.version_id, TEMPLATE)


def test_html_is_escaped_and_the_fast_path_equals_jinja(env: Env) -> None:
    with SmtpServer() as server:
        _run(env, env.create(), server)
    by_to = {m.recipients[0]: m.parsed() for m in server.messages}
    html_env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    text_env = jinja2.Environment(autoescape=False, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    values = {"effective_date": "15 January 2027", "summary": "Statistics kept 13 months.", "link": TEMPLATE.link}
    with env.sessions() as session:
        names = dict(session.execute(select(Account.email, Account.name)).all())
    for to, msg in by_to.items():
        owner = {"owner_name": names[to], "account": str(env.good[to])}
        assert msg.get_body(("html",)).get_content() == html_env.from_string(TEMPLATE.body_html).render(**values, **owner)
        assert msg.get_body(("plain",)).get_content() == text_env.from_string(TEMPLATE.body_text).render(**values, **owner)
        assert str(msg["Subject"]) == "Our privacy policy changes on 15 January 2027"
    html0 = by_to["owner0@example.com"].get_body(("html",)).get_content()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html0 and "<script>" not in html0
    assert "Ann &amp; Bob" in by_to["owner1@example.com"].get_body(("html",)).get_content()
    assert "Hello Ann & Bob," in by_to["owner1@example.com"].get_body(("plain",)).get_content()
    assert "?v=2&amp;lang=en" in html0
    # a template that filters a per-owner value is rendered by Jinja (the fast path would be wrong)
    upper = campaign.Template(
        subject="x", body_text="{{ owner_name|upper }}", body_html="{% if owner_name %}<b>{{ owner_name }}</b>{% endif %}"
    )
    shown = campaign.preview(env.sessions, upper, env.good["owner1@example.com"], version_id=env.version_id, masked=False)
    assert shown.text == "ANN & BOB" and shown.html == "<b>Ann &amp; Bob</b>"


def test_test_send_validates_the_address(env: Env) -> None:
    with SmtpServer() as server:
        with pytest.raises(InvalidInput):
            mailer.send_test(_settings(server), "not an address")
        assert mailer.send_test(_settings(server), "ops@example.com").startswith("250")
    assert server.per_recipient() == {"ops@example.com": 1}


def test_second_campaign_for_the_version_is_refused_while_one_runs(env: Env) -> None:
    first, second = env.create(), env.create()
    errors: list[BaseException] = []
    with SmtpServer(Behaviour(hang_at=3)) as server:

        def work() -> None:
            try:
                _run(env, first, server)
            except BaseException as exc:  # noqa: BLE001 - handed to the test thread
                errors.append(exc)

        thread = threading.Thread(target=work)
        thread.start()
        try:
            assert server.hung.wait(15)
            with pytest.raises(LockHeld, match="already running"):
                _run(env, second, server)
        finally:
            server.release()
            thread.join(30)
    assert not thread.is_alive() and not errors
    assert server.per_recipient() == {e: 1 for e in env.good}


SCRIPT = textwrap.dedent("""
    import sys
    from minisip_console.core import campaign; from minisip_console.core.plumbing import db, mailer
    from minisip_console.core.operators import identify
    url, cid, port = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    engine = db.make_engine(url)
    sessions = db.session_factory(engine)
    with sessions() as s:
        op = identify(s, "bob")
    settings = mailer.SmtpSettings(host="127.0.0.1", port=port, security="none", from_address="privacy@example.com")
    campaign.run_campaign(sessions, op, cid, settings, retry_delays=(0.0,))
""")


def test_killed_campaign_resumes_without_sending_twice(env: Env, tmp_path: Path) -> None:
    cid = env.create()
    script = tmp_path / "run_campaign.py"
    script.write_text(SCRIPT)
    with SmtpServer(Behaviour(hang_at=6, delay=0.01)) as server:
        proc = subprocess.Popen(
            [sys.executable, str(script), env.url, str(cid), str(server.port)],
            cwd=Path(__file__).resolve().parents[2],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        try:
            assert server.hung.wait(30), proc.stderr.read().decode() if proc.poll() is not None else "no message arrived"
        finally:
            os.kill(proc.pid, signal.SIGKILL)
            out, err = proc.communicate(timeout=30)
        assert proc.returncode == -signal.SIGKILL
        before = server.per_recipient()
        states = env.states()
        in_doubt = {a for a, st in states.items() if st == "sending"}
        hung_to = server.messages[-1].recipients[0]
        # the message the server was answering, the group claimed ahead of it, answers not committed yet
        assert env.good[hung_to] in in_doubt and len(in_doubt) <= 2 * campaign.CLAIM_AHEAD + 1
        outcome = _run(env, cid, server)
    after = server.per_recipient()
    uncertain = {a for a, st in env.states().items() if st == "uncertain"}
    assert uncertain == in_doubt  # nothing resent on its own
    by_account = {a: e for e, a in env.good.items()}
    assert all(after[by_account[a]] == before[by_account[a]] <= 1 for a in uncertain)
    assert after[hung_to] == 1
    assert {e: n for e, n in after.items() if env.good[e] not in uncertain} == {e: 1 for e in env.good if env.good[e] not in uncertain}
    assert outcome.counts["uncertain"] == len(uncertain) and outcome.counts["sent"] == len(env.good) - len(uncertain)
    # the operator decides: delivered (no resend)
    with env.sessions() as session:
        uids = list(session.scalars(select(NoticeDelivery.id).where(NoticeDelivery.state == "uncertain")))
    assert campaign.resolve_uncertain(env.sessions, env.op(), uids, resend=False) == len(uids)
    assert campaign.status(env.sessions, env.version_id)["sent"] == len(env.good)


def test_resolve_uncertain_with_resend_queues_it_again(env: Env) -> None:
    cid = env.create()
    with SmtpServer() as server:
        _run(env, cid, server)
        with env.sessions.begin() as session:  # as a killed run leaves it
            row = session.scalar(select(NoticeDelivery).where(NoticeDelivery.account_id == env.good["owner2@example.com"]))
            row.state = "uncertain"
            uid = row.id
        cid2 = env.create()
        assert campaign.resolve_uncertain(env.sessions, env.op(), [uid], resend=True) == 1
        with pytest.raises(InvalidInput):
            campaign.resolve_uncertain(env.sessions, env.op(), [uid], resend=True)
        _run(env, cid2, server)
    assert server.per_recipient()["owner2@example.com"] == 2  # the operator asked for it
    assert env.states()[env.good["owner2@example.com"]] == "sent"


def test_cancel_callback_pauses_and_resume_finishes(env: Env) -> None:
    cid = env.create()
    with SmtpServer() as server:
        outcome = _run(env, cid, server, cancel=lambda: len(server.messages) >= 4)
        assert outcome.stopped == "paused" and outcome.campaign.state == "paused"
        assert outcome.counts["sent"] == 4
        done = _run(env, cid, server)
        assert done.campaign.state == "finished"
        campaign_state = campaign.cancel_campaign
        with pytest.raises(ConsoleError, match="finished"):
            campaign_state(env.sessions, env.op(), cid)
    assert server.per_recipient() == {e: 1 for e in env.good}


def test_preview_renders_one_owner(env: Env) -> None:
    cid = env.create()
    shown = campaign.preview(env.sessions, cid, env.good["owner0@example.com"], masked=False)
    assert shown.to == "owner0@example.com"
    assert "&lt;script&gt;" in shown.html and "Hello <script>alert(1)</script>," in shown.text
    masked = campaign.preview(env.sessions, cid, env.good["owner0@example.com"])  # what the tab shows
    assert masked.to == "o***@example.com" and "alert" not in masked.text and "&lt;***" in masked.html


def test_connection_lost_while_waiting_for_the_answer_is_uncertain_and_unreachable_server_pauses(env: Env) -> None:
    cid = env.create()
    errors: list[BaseException] = []
    with SmtpServer(Behaviour(hang_at=3)) as server:

        def work() -> None:
            try:
                _run(env, cid, server)
            except BaseException as exc:  # noqa: BLE001 - handed to the test thread
                errors.append(exc)

        thread = threading.Thread(target=work)
        thread.start()
        assert server.hung.wait(15)
        hung_to = server.messages[-1].recipients[0]
        server.stop()
        thread.join(30)
    assert not thread.is_alive()
    assert len(errors) == 1 and isinstance(errors[0], mailer.SmtpUnavailable), errors
    counts = campaign.status(env.sessions, env.version_id)
    assert counts["sent"] == 2 and counts["uncertain"] == 1 and counts["sending"] == 0
    assert env.states()[env.good[hung_to]] == "uncertain"
    assert campaign.get_campaign(env.sessions, cid).state == "paused"
    # the server is back: the resume sends the rest and never the uncertain one
    with SmtpServer() as again:
        done = _run(env, cid, again)
    assert hung_to not in again.per_recipient()
    assert len(again.per_recipient()) == len(env.good) - 3 and done.campaign.state == "finished"


_names = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)


@settings(max_examples=60, deadline=None)
@given(name=_names, account=st.text(max_size=8), summary=_names, link=_names)
def test_fast_rendering_equals_jinja(name: str, account: str, summary: str, link: str) -> None:
    values = {"effective_date": "1 May 2027", "summary": summary, "link": link}
    compiled = campaign.CompiledTemplate(TEMPLATE, values)
    got = compiled.render("x@example.com", name, account)
    html_env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    text_env = jinja2.Environment(autoescape=False, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    owner = {"owner_name": name, "account": account}
    assert got.html == html_env.from_string(TEMPLATE.body_html).render(**values, **owner)
    assert got.text == text_env.from_string(TEMPLATE.body_text).render(**values, **owner)


def test_built_message_round_trips_non_ascii() -> None:
    from email import message_from_bytes, policy

    subject = "Politique de confidentialité : mise à jour importante de votre compte Zoë – 2027 " * 2
    mail = campaign.RenderedEmail("owner@example.com", subject.strip(), "Bonjour Zoë\n.\nligne\n", "<p>Zoë &amp; co</p>")
    raw = campaign.build_message(mail, "privacy@example.com", msgid_domain="example.com")
    assert b"\r\n" in raw and not any(len(line) > 998 for line in raw.split(b"\r\n"))
    msg = message_from_bytes(raw, policy=policy.default)
    assert str(msg["Subject"]) == subject.strip()
    assert msg.get_body(("plain",)).get_content() == mail.text
    assert msg.get_body(("html",)).get_content() == mail.html


def test_pause_and_cancel_in_the_database_stop_a_running_loop_and_are_audited(env: Env) -> None:
    from minisip_console.core import audit
    from minisip_console.core.models import AuditEvent

    cid = env.create()
    paused: list[int] = []

    def on_progress(p: campaign.Progress) -> None:
        if p.sent == 3 and not paused:  # another console pauses it while it runs
            paused.append(campaign.pause_campaign(env.sessions, env.op("alice"), cid).id)

    with SmtpServer() as server:
        outcome = _run(env, cid, server, progress=on_progress)
        assert outcome.stopped == "paused" and outcome.campaign.state == "paused"
        sent = len(server.messages)  # the loop sees the state at its next claim: within one group
        assert 3 <= sent <= 3 + campaign.CLAIM_AHEAD
        assert campaign.cancel_campaign(env.sessions, env.op(), cid).state == "cancelled"
        with pytest.raises(ConsoleError, match="cancelled"):
            _run(env, cid, server)
    assert len(server.messages) == sent
    counts = campaign.status(env.sessions, env.version_id)
    assert counts["sent"] == sent and counts["sending"] == 0
    assert counts["queued"] + counts["failed"] == len(env.good) + len(env.bad) - sent
    with env.sessions() as session:
        actions = list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.seq)))
        assert audit.verify(session).ok
    assert actions == ["campaign.create", "campaign.start", "campaign.recipients", "campaign.pause", "campaign.stop", "campaign.cancel"]


def test_an_acquisition_notice_is_refused_closer_than_the_lead_time(env: Env) -> None:
    today = dt.datetime.now(dt.UTC).date()
    with env.engine.begin() as conn:
        conn.execute(
            update(PolicyVersion)
            .where(PolicyVersion.id == env.version_id)
            .values(kind="acquisition", transfer_date=today + dt.timedelta(days=45))
        )
    cid = env.create()  # 45 days ahead: well before the transfer
    with env.engine.begin() as conn:  # the transfer was brought forward
        conn.execute(update(PolicyVersion).where(PolicyVersion.id == env.version_id).values(transfer_date=today + dt.timedelta(days=10)))
    with SmtpServer() as server:
        with pytest.raises(ConsoleError, match="at least 30 days before"):
            campaign.run_campaign(env.sessions, env.op(), cid, _settings(server))
        assert server.messages == []
    with pytest.raises(ConsoleError, match="at least 30 days before"):
        env.create()
    assert env.states() == {}  # nobody was queued


# --------------------------------------------------------------------------- issue 13: the run gives up


def _deadline(seconds: float = 60.0) -> Callable[[], bool]:
    """A ``cancel`` callback: a run that would go on for ever is paused instead of hanging the test."""
    end = time.monotonic() + seconds
    return lambda: time.monotonic() > end


def _rows(env: Env) -> list[Any]:
    with env.sessions() as session:
        return list(
            session.execute(
                select(
                    NoticeDelivery.account_id,
                    NoticeDelivery.state,
                    NoticeDelivery.attempts,
                    NoticeDelivery.next_attempt_at,
                    NoticeDelivery.last_reply,
                ).where(NoticeDelivery.policy_version_id == env.version_id)
            )
        )


@pytest.mark.parametrize("close", [False, True], ids=["421-at-mail", "closed-at-mail"])
def test_a_server_that_keeps_refusing_stops_the_run_after_its_budget(env: Env, close: bool) -> None:
    budget = campaign.GIVE_UP_AFTER
    cid = env.create()
    with RefusingServer(after=5, close=close) as server:
        with pytest.raises(mailer.SmtpKeepsRefusing) as info:
            _run(env, cid, server, cancel=_deadline())
        refused, first = server.refused, server.per_recipient()
    message = info.value.message
    said = "keeps dropping the connection: Connection unexpectedly closed" if close else f"keeps refusing: {REPLY_421}"
    assert f"The SMTP server 127.0.0.1:{server.port} (none) {said} ({budget} times in a row" in message, message
    assert isinstance(info.value, mailer.SmtpUnavailable) and info.value.exit_code == 1
    assert refused == budget  # one MAIL per failure: never the same owner again at once, never more than the budget
    assert len(first) == 5 and set(first.values()) == {1}
    assert campaign.get_campaign(env.sessions, cid).state == "paused"
    rows = _rows(env)
    unsent = [r for r in rows if r.state != "sent"]
    assert {r.state for r in unsent} == {"queued"} and len(unsent) == len(env.good) + len(env.bad) - 5
    tried = [r for r in unsent if r.attempts]
    assert len(tried) == budget and {r.attempts for r in tried} == {1}  # exactly one attempt each
    assert all(r.next_attempt_at is not None for r in tried)  # each waits for its backoff
    assert all(r.last_reply == ("connection lost: Connection unexpectedly closed" if close else REPLY_421) for r in tried)
    assert all(r.attempts == 0 and r.next_attempt_at is None for r in unsent if r not in tried)  # claimed ahead, released
    assert {r.attempts for r in rows if r.state == "sent"} == {1}
    # the server is healthy again: the resume reaches everyone else, nobody twice
    with SmtpServer() as again:
        done = _run(env, cid, again, cancel=_deadline())
    assert done.campaign.state == "finished"
    assert Counter(first) + again.per_recipient() == {e: 1 for e in env.good}
    assert {r.attempts for r in _rows(env) if r.account_id in {t.account_id for t in tried}} == {2}


def test_a_run_waiting_for_retries_stops_after_its_budget_too(env: Env) -> None:
    keep = [env.good["owner1@example.com"], env.good["owner2@example.com"]]
    with env.engine.begin() as conn:  # two owners: the run waits for their backoff between tries
        conn.execute(update(Account).where(Account.id.not_in(keep)).values(status="closed"))
    cid = env.create()
    with RefusingServer(after=0) as server:
        with pytest.raises(mailer.SmtpKeepsRefusing, match=f"keeps refusing: {REPLY_421}"):
            campaign.run_campaign(
                env.sessions, env.op(), cid, _settings(server), retry_delays=(0.1,), wait_for_retries=True, cancel=_deadline()
            )
        refused = server.refused
    assert refused == campaign.GIVE_UP_AFTER and not server.messages
    rows = _rows(env)
    assert {r.state for r in rows} == {"queued"} and all(r.next_attempt_at is not None for r in rows)
    assert sorted(r.attempts for r in rows) == [2, 3]  # 5 failures over two owners, each after its backoff
    assert campaign.get_campaign(env.sessions, cid).state == "paused"


def test_a_row_gives_up_after_max_attempts_of_dropped_connections(env: Env) -> None:
    keep = env.good["owner1@example.com"]
    with env.engine.begin() as conn:
        conn.execute(update(Account).where(Account.id != keep).values(status="closed"))
    cid = env.create()
    with RefusingServer(after=0, close=True) as server:
        outcome = campaign.run_campaign(
            env.sessions, env.op(), cid, _settings(server), retry_delays=(0.0,), max_attempts=3, cancel=_deadline()
        )
        refused = server.refused
    assert refused == 3 and outcome.campaign.state == "finished" and outcome.counts["failed"] == 1
    [row] = _rows(env)
    assert row.state == "failed" and row.attempts == 3
    assert row.last_reply == "gave up after 3 attempts: connection lost: Connection unexpectedly closed"


def test_a_per_connection_limit_is_not_a_failure_of_the_run(env: Env) -> None:
    """421 to the fifth MAIL of every connection: each time the next connection sends again, which
    resets the run's count; the refused owners wait for their backoff and are sent once."""
    with RefusingServer(after=4, per_connection=True) as server:
        outcome = _run(env, env.create(), server, cancel=_deadline())
        refused = server.refused
    assert outcome.campaign.state == "finished" and outcome.counts["sent"] == len(env.good)
    assert server.per_recipient() == {e: 1 for e in env.good}
    assert refused >= campaign.GIVE_UP_AFTER  # as many as the budget in all, never that many in a row
    assert sum(r.attempts - 1 for r in _rows(env) if r.state == "sent") == refused  # each refusal: one attempt of one owner


def test_a_sender_refused_for_good_stops_the_run_at_once_and_fails_nobody(env: Env) -> None:
    """550 to MAIL FROM refuses the From address, not an owner: the run stops at the first one
    (every message would meet it), the owner tried stays queued, nobody is marked failed."""
    cid = env.create()
    refusal = "550 5.7.1 Sender address rejected: not owned by user"
    with RefusingServer(after=2, reply=refusal) as server:
        with pytest.raises(mailer.SmtpKeepsRefusing) as info:
            _run(env, cid, server, cancel=_deadline())
        refused = server.refused
    assert refused == 1
    assert f"refuses the sender address: {refusal}. Campaign {cid} is paused;" in info.value.message
    assert "Check the From address" in (info.value.hint or "")
    rows = _rows(env)
    assert not [r for r in rows if r.state == "failed"]
    assert len([r for r in rows if r.state == "sent"]) == 2
    assert [r.last_reply for r in rows if r.attempts and r.state == "queued"] == [refusal]
    assert campaign.get_campaign(env.sessions, cid).state == "paused"
