"""Policy versions: drafts, significance, publication, diff, site notices, reach, acquisitions
and bounces (core only), on SQLite and PostgreSQL.

Reach counts are checked against independent SQL on ``notice_deliveries`` and ``accounts``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from minisip_console.core import audit
from minisip_console.core import policy_versions as pv
from minisip_console.core.demo import POLICY_1_1_CHANGE, create_demo
from minisip_console.core.models import utcnow
from minisip_console.core.operators import OperatorInfo, identify
from minisip_console.core.plumbing import db
from minisip_console.core.plumbing.errors import ConsoleError, InvalidInput, PermissionDenied

TEXT = "# Privacy policy\n\nWe keep little.\n\nWe delete CDRs after 30 days.\n"


@dataclass
class Env:
    engine: Engine
    sessions: sessionmaker[Session]

    def op(self, login: str) -> OperatorInfo:
        with self.sessions() as session:
            return identify(session, login)

    def scalar(self, sql: str, **params: object) -> object:
        with self.engine.connect() as conn:
            return conn.execute(text(sql), params).scalar()

    def audit_ok(self) -> bool:
        with self.sessions() as session:
            return audit.verify(session).ok

    def actions(self, target_type: str) -> list[str]:
        with self.engine.connect() as conn:
            return list(
                conn.execute(text("SELECT action FROM audit_events WHERE target_type = :t ORDER BY seq"), {"t": target_type}).scalars()
            )


@pytest.fixture
def env(db_url: str) -> Iterator[Env]:
    create_demo(db_url, accounts=40, cdrs=0, seed=7)
    engine = db.make_engine(db_url)
    yield Env(engine, db.session_factory(engine))
    engine.dispose()


def _today() -> dt.date:
    return utcnow().date()


def _draft(
    env: Env,
    number: str = "2.0",
    *,
    effective_date: dt.date | str | None = None,
    text: str = TEXT,
    kind: str = "policy",
    transfer_date: dt.date | str | None = None,
) -> pv.VersionInfo:
    return pv.create_version(
        env.sessions,
        env.op("bob"),
        number=number,
        effective_date=effective_date or _today() + dt.timedelta(days=40),
        text=text,
        summary="s",
        kind=kind,
        transfer_date=transfer_date,
    )


# --------------------------------------------------------------------------- list and get


def test_the_demo_versions_are_listed_in_number_order(env: Env) -> None:
    versions = pv.list_versions(env.sessions)
    assert [v.number for v in versions] == ["1.0", "1.1"]
    v1, v11 = versions
    assert v1.state == "published" and v1.significant is True and v1.published_by == "alice"
    assert v11.state == "draft" and v11.significant is None and v11.significance_label == "undecided"
    assert pv.get_version(env.sessions, "1.1") == v11
    assert v11.to_dict()["state"] == "draft" and "text" not in v11.to_dict(with_text=False)
    with pytest.raises(InvalidInput, match="no policy version '9.9'"):
        pv.get_version(env.sessions, "9.9")


def test_numbers_sort_numerically(env: Env) -> None:
    for n in ("1.10", "1.9", "10.0"):
        _draft(env, n)
    assert [v.number for v in pv.list_versions(env.sessions)] == ["1.0", "1.1", "1.9", "1.10", "10.0"]


# --------------------------------------------------------------------------- create


def test_create_a_draft_is_audited(env: Env) -> None:
    v = _draft(env, " 2.0 ", effective_date="2030-01-31")
    assert (v.number, v.kind, v.effective_date, v.significant, v.published) == ("2.0", "policy", dt.date(2030, 1, 31), None, False)
    assert env.scalar("SELECT count(*) FROM policy_versions WHERE number = '2.0'") == 1
    assert env.actions("policy_version")[-1] == "policy.create"
    assert env.audit_ok()


def test_a_duplicate_number_is_refused_naming_the_existing_one(env: Env) -> None:
    with pytest.raises(ConsoleError, match=r"Version 1\.0 already exists \(published") as exc:
        _draft(env, "1.0")
    assert not isinstance(exc.value, InvalidInput)
    with pytest.raises(ConsoleError, match=r"Version 1\.1 already exists \(draft"):
        _draft(env, "1.1")


def test_a_malformed_number_or_date_is_refused(env: Env) -> None:
    for number in ("", "2", "v2.0", "2.0.1", "02.0", "1.a", "2,0"):
        with pytest.raises(InvalidInput, match="version number"):
            _draft(env, number)
    for date in ("2030-02-30", "31/01/2030", "tomorrow", "2030-1-5", " "):
        with pytest.raises(InvalidInput, match="effective date"):
            _draft(env, effective_date=date)
    with pytest.raises(InvalidInput, match="transfer date"):
        _draft(env, kind="acquisition", transfer_date="2030-02-30")
    assert env.scalar("SELECT count(*) FROM policy_versions") == 2


def test_empty_text_and_unknown_kind_are_refused(env: Env) -> None:
    with pytest.raises(InvalidInput, match="policy text cannot be empty"):
        _draft(env, text="  \n ")
    with pytest.raises(InvalidInput, match="Unknown kind"):
        _draft(env, kind="merger")
    with pytest.raises(InvalidInput, match="only an acquisition has a transfer date"):
        _draft(env, transfer_date=_today() + dt.timedelta(days=90))
    assert env.scalar("SELECT count(*) FROM policy_versions") == 2


def test_a_viewer_or_unregistered_login_cannot_create(env: Env) -> None:
    for login in ("dave", "nobody"):
        with pytest.raises(PermissionDenied):
            pv.create_version(env.sessions, env.op(login), number="2.0", effective_date=_today(), text=TEXT, summary="")


# --------------------------------------------------------------------------- acquisitions


def test_an_acquisition_needs_a_transfer_date_far_enough_ahead(env: Env) -> None:
    with pytest.raises(InvalidInput, match="needs a transfer date"):
        _draft(env, kind="acquisition")
    today = _today()
    close = today + dt.timedelta(days=pv.LEAD_DAYS - 1)
    with pytest.raises(ConsoleError, match="at least 30 days") as exc:
        _draft(env, kind="acquisition", transfer_date=close)
    earliest = today + dt.timedelta(days=pv.LEAD_DAYS)
    assert close.isoformat() in str(exc.value) and today.isoformat() in str(exc.value) and earliest.isoformat() in str(exc.value)
    v = _draft(env, kind="acquisition", transfer_date=earliest)
    assert v.kind == "acquisition" and v.transfer_date == earliest and v.significant is True


def test_check_acquisition_lead_boundaries(env: Env) -> None:
    v = _draft(env, kind="acquisition", transfer_date=_today() + dt.timedelta(days=60))
    pv.check_acquisition_lead(v, _today() + dt.timedelta(days=30))  # exactly 30 days: fine
    with pytest.raises(ConsoleError, match="Move the transfer to"):
        pv.check_acquisition_lead(v, _today() + dt.timedelta(days=31))
    pv.check_acquisition_lead(v, _today() + dt.timedelta(days=50), lead_days=10)
    pv.check_acquisition_lead(pv.get_version(env.sessions, "1.0"), _today())  # a policy version passes


def test_an_acquisition_is_always_significant_and_its_lead_is_checked_at_publication(env: Env) -> None:
    _draft(env, kind="acquisition", transfer_date=_today() + dt.timedelta(days=45))
    with pytest.raises(ConsoleError, match="always significant"):
        pv.decide_significance(env.sessions, env.op("carol"), "2.0", False, "not relevant")
    later = utcnow() + dt.timedelta(days=20)
    with pytest.raises(ConsoleError, match="at least 30 days"):
        pv.publish(env.sessions, env.op("alice"), "2.0", now=later)
    assert pv.publish(env.sessions, env.op("alice"), "2.0").published


# --------------------------------------------------------------------------- edit


def test_edit_a_draft_and_reset_significance_when_the_text_changes(env: Env) -> None:
    _draft(env)
    pv.decide_significance(env.sessions, env.op("carol"), "2.0", True, "changes sharing")
    v = pv.edit_draft(env.sessions, env.op("bob"), "2.0", summary="new summary", effective_date="2031-03-01")
    assert (v.summary, v.effective_date, v.significant) == ("new summary", dt.date(2031, 3, 1), True)
    v = pv.edit_draft(env.sessions, env.op("bob"), "2.0", text=TEXT + "More.\n")
    assert v.text.endswith("More.") and v.significant is None and v.significance_by is None
    unchanged = pv.edit_draft(env.sessions, env.op("bob"), "2.0", summary="new summary")
    assert unchanged == v
    assert env.actions("policy_version").count("policy.edit") == 2
    assert env.audit_ok()


def test_edit_is_refused_once_published_and_for_viewers(env: Env) -> None:
    with pytest.raises(ConsoleError, match="published .* never changed"):
        pv.edit_draft(env.sessions, env.op("alice"), "1.0", summary="x")
    with pytest.raises(PermissionDenied):
        pv.edit_draft(env.sessions, env.op("dave"), "1.1", summary="x")
    with pytest.raises(InvalidInput, match="effective date"):
        pv.edit_draft(env.sessions, env.op("bob"), "1.1", effective_date="2031-13-01")
    with pytest.raises(InvalidInput, match="cannot be empty"):
        pv.edit_draft(env.sessions, env.op("bob"), "1.1", text="")


# --------------------------------------------------------------------------- significance and publish


def test_decide_then_publish(env: Env) -> None:
    v = pv.decide_significance(env.sessions, env.op("carol"), "1.1", True, "New retention period for page statistics")
    assert (v.significant, v.significance_by) == (True, "carol") and v.significance_at is not None
    v = pv.publish(env.sessions, env.op("alice"), "1.1")
    assert v.published and v.published_by == "alice"
    with env.engine.connect() as conn:
        details = conn.execute(text("SELECT details FROM audit_events WHERE action = 'policy.significance'")).scalar()
    assert "New retention period" in details
    assert env.actions("policy_version")[-2:] == ["policy.significance", "policy.publish"]
    assert env.audit_ok()


def test_significance_refusals(env: Env) -> None:
    with pytest.raises(PermissionDenied, match="approver"):
        pv.decide_significance(env.sessions, env.op("bob"), "1.1", True, "because")
    with pytest.raises(InvalidInput, match="reason"):
        pv.decide_significance(env.sessions, env.op("carol"), "1.1", True, "  ")
    with pytest.raises(ConsoleError, match="already published"):
        pv.decide_significance(env.sessions, env.op("carol"), "1.0", False, "changed my mind")


def test_publish_refusals(env: Env) -> None:
    with pytest.raises(ConsoleError, match="nobody has decided whether it is significant"):
        pv.publish(env.sessions, env.op("alice"), "1.1")
    with pytest.raises(PermissionDenied, match="admin"):
        pv.publish(env.sessions, env.op("carol"), "1.1")
    with pytest.raises(ConsoleError, match="already published"):
        pv.publish(env.sessions, env.op("alice"), "1.0")
    assert pv.get_version(env.sessions, "1.1").published_at is None


# --------------------------------------------------------------------------- diff


def test_diff_rows_are_exact() -> None:
    left = ["a", "b", "c", "d"]
    right = ["a", "B", "c", "e", "f"]
    rows = pv.diff_lines(left, right)
    assert rows == (
        pv.DiffRow(1, "a", 1, "a", "equal"),
        pv.DiffRow(2, "b", 2, "B", "changed"),
        pv.DiffRow(3, "c", 3, "c", "equal"),
        pv.DiffRow(4, "d", 4, "e", "changed"),
        pv.DiffRow(None, None, 5, "f", "added"),
    )
    assert pv.diff_lines(["x", "y", "z"], ["x", "z"]) == (
        pv.DiffRow(1, "x", 1, "x", "equal"),
        pv.DiffRow(2, "y", None, None, "removed"),
        pv.DiffRow(3, "z", 2, "z", "equal"),
    )
    assert pv.diff_lines([], ["new"]) == (pv.DiffRow(None, None, 1, "new", "added"),)


def test_diff_of_stored_versions_either_order(env: Env) -> None:
    _draft(env, "2.0", text="one\ntwo\nthree")
    _draft(env, "2.1", text="one\n2\nthree\nfour")
    forward = pv.diff(env.sessions, "2.0", "2.1")
    assert (forward.left, forward.right, forward.equal, forward.changed, forward.added, forward.removed) == ("2.0", "2.1", 2, 1, 1, 0)
    assert forward.rows[1] == pv.DiffRow(2, "two", 2, "2", "changed")
    back = pv.diff(env.sessions, "2.1", "2.0")
    assert (back.equal, back.changed, back.added, back.removed) == (2, 1, 0, 1)
    assert back.rows[-1] == pv.DiffRow(4, "four", None, None, "removed")
    assert pv.diff(env.sessions, "2.0", "2.0").identical
    assert forward.to_dict()["changed"] == 1


def test_the_demo_diff_finds_the_changed_line(env: Env) -> None:
    d = pv.diff(env.sessions, "1.0", "1.1")
    changed = [r for r in d.rows if r.kind != "equal"]
    assert len(changed) == 1 and changed[0].kind == "changed"
    row = changed[0]
    assert POLICY_1_1_CHANGE[0] in row.left and POLICY_1_1_CHANGE[1] in row.right and row.left_no == row.right_no
    v1 = pv.get_version(env.sessions, "1.0")
    assert d.equal == len(v1.text.splitlines()) - 1
    assert v1.text.splitlines()[row.left_no - 1] == row.left


# --------------------------------------------------------------------------- site notices


def test_site_notices_are_created_listed_and_audited(env: Env) -> None:
    demo = pv.list_site_notices(env.sessions, "1.0")
    assert len(demo) == 1 and demo[0].version == "1.0"
    start = utcnow()
    n = pv.create_site_notice(
        env.sessions, env.op("bob"), "1.0", title="Reminder", body="Read it.", shown_from=start, shown_until="2999-01-01"
    )
    assert n.shown_until == dt.datetime(2999, 1, 1, tzinfo=dt.UTC) and n.shown_at(start)
    assert [x.id for x in pv.list_site_notices(env.sessions, "1.0")] == [n.id, demo[0].id]
    assert len(pv.list_site_notices(env.sessions)) == 2
    assert env.actions("site_notice")[-1] == "site_notice.create"
    assert env.audit_ok()


def test_site_notice_refusals(env: Env) -> None:
    now = utcnow()
    with pytest.raises(InvalidInput, match="before it starts"):
        pv.create_site_notice(env.sessions, env.op("bob"), "1.0", title="t", body="b", shown_from=now, shown_until=now)
    with pytest.raises(InvalidInput, match="not a date or time"):
        pv.create_site_notice(env.sessions, env.op("bob"), "1.0", title="t", body="b", shown_from="next week")
    with pytest.raises(InvalidInput, match="no time zone"):
        pv.create_site_notice(
            env.sessions, env.op("bob"), "1.0", title="t", body="b", shown_from=dt.datetime(2030, 1, 1)
        )  # a naive time: the refusal under test
    with pytest.raises(InvalidInput, match="title cannot be empty"):
        pv.create_site_notice(env.sessions, env.op("bob"), "1.0", title=" ", body="b", shown_from=now)
    with pytest.raises(ConsoleError, match="draft"):
        pv.create_site_notice(env.sessions, env.op("bob"), "1.1", title="t", body="b", shown_from=now)
    with pytest.raises(PermissionDenied):
        pv.create_site_notice(env.sessions, env.op("dave"), "1.0", title="t", body="b", shown_from=now)
    assert env.scalar("SELECT count(*) FROM site_notices") == 1


# --------------------------------------------------------------------------- reach


def _independent(env: Env, number: str) -> dict[str, int]:
    vid = env.scalar("SELECT id FROM policy_versions WHERE number = :n", n=number)
    out = {
        s: int(env.scalar("SELECT count(*) FROM notice_deliveries WHERE policy_version_id = :v AND state = :s", v=vid, s=s) or 0)
        for s in ("sent", "failed", "bounced", "uncertain", "queued", "sending")
    }
    out["not_contacted"] = int(
        env.scalar(
            "SELECT count(*) FROM accounts a WHERE a.status = 'active' AND a.created_at < "
            "(SELECT published_at FROM policy_versions WHERE id = :v) AND NOT EXISTS "
            "(SELECT 1 FROM notice_deliveries d WHERE d.policy_version_id = :v AND d.account_id = a.id)",
            v=vid,
        )
        or 0
    )
    return out


def test_reach_of_the_demo_matches_the_ledger(env: Env) -> None:
    r = pv.reach(env.sessions, "1.0")
    expected = _independent(env, "1.0")
    assert (r.sent, r.failed, r.bounced, r.uncertain, r.in_progress, r.not_contacted) == (
        expected["sent"],
        expected["failed"],
        expected["bounced"],
        expected["uncertain"],
        expected["queued"] + expected["sending"],
        expected["not_contacted"],
    )
    assert r.sent > 0 and r.failed > 0 and r.bounced == 1
    assert r.site_notice_required and r.site_notice_published and r.ok and r.problems == ()
    assert r.to_dict()["ok"] is True


def test_reach_turns_red_without_a_notice_and_green_with_one(env: Env) -> None:
    _draft(env, "2.0")
    pv.decide_significance(env.sessions, env.op("carol"), "2.0", True, "sharing changes")
    before = pv.reach(env.sessions, "2.0")
    assert not before.site_notice_required  # a draft: nobody has to be told yet
    pv.publish(env.sessions, env.op("alice"), "2.0")
    r = pv.reach(env.sessions, "2.0")
    active = int(env.scalar("SELECT count(*) FROM accounts WHERE status = 'active'") or 0)
    assert r.not_contacted == active > 0 and r.sent == 0
    assert r.site_notice_required and not r.site_notice_published and not r.ok
    assert "never emailed" in r.problems[0]
    future = utcnow() + dt.timedelta(days=2)
    pv.create_site_notice(env.sessions, env.op("bob"), "2.0", title="Policy 2.0", body="Read it.", shown_from=future)
    assert not pv.reach(env.sessions, "2.0").ok  # not shown yet
    assert pv.reach(env.sessions, "2.0", now=future).ok


def test_a_minor_version_needs_no_notice(env: Env) -> None:
    pv.decide_significance(env.sessions, env.op("carol"), "1.1", False, "wording only")
    pv.publish(env.sessions, env.op("alice"), "1.1")
    r = pv.reach(env.sessions, "1.1")
    assert not r.site_notice_required and r.ok


# --------------------------------------------------------------------------- bounces


def _sent_accounts(env: Env, n: int) -> list[int]:
    with env.engine.connect() as conn:
        return list(
            conn.execute(
                text(
                    "SELECT d.account_id FROM notice_deliveries d JOIN policy_versions v ON v.id = d.policy_version_id "
                    "WHERE v.number = '1.0' AND d.state = 'sent' ORDER BY d.account_id LIMIT :n"
                ),
                {"n": n},
            ).scalars()
        )


def test_mark_bounced(env: Env) -> None:
    a, b = _sent_accounts(env, 2)
    failed = int(env.scalar("SELECT min(account_id) FROM notice_deliveries WHERE state = 'failed'") or 0)
    before = pv.reach(env.sessions, "1.0")
    out = pv.mark_bounced(env.sessions, env.op("bob"), "1.0", [a, b, a, failed, 999_999], "552 Mailbox full")
    assert out.marked == (a, b)
    assert dict(out.skipped) == {
        str(failed): "the delivery is failed, not sent",
        "999999": "no email about version 1.0 was sent to this account",
    }
    after = pv.reach(env.sessions, "1.0")
    assert (after.bounced, after.sent) == (before.bounced + 2, before.sent - 2)
    assert env.scalar("SELECT last_reply FROM notice_deliveries WHERE account_id = :a AND state = 'bounced'", a=a) == "552 Mailbox full"
    assert (
        env.scalar(
            "SELECT count(*) FROM notice_delivery_events e JOIN notice_deliveries d ON d.id = e.delivery_id "
            "WHERE d.account_id = :a AND e.state = 'bounced' AND e.operator = 'bob'",
            a=a,
        )
        == 1
    )
    assert env.actions("policy_version")[-1] == "notice.bounce"
    assert env.audit_ok()


def test_mark_bounced_refusals(env: Env) -> None:
    (a,) = _sent_accounts(env, 1)
    with pytest.raises(PermissionDenied):
        pv.mark_bounced(env.sessions, env.op("dave"), "1.0", [a], "552")
    with pytest.raises(InvalidInput, match="bounce reply"):
        pv.mark_bounced(env.sessions, env.op("bob"), "1.0", [a], "")
    with pytest.raises(InvalidInput, match="whole numbers"):
        pv.mark_bounced(env.sessions, env.op("bob"), "1.0", ["x"], "552")  # type: ignore[list-item]  # bad input under test


def test_import_bounces_from_csv(env: Env, tmp_path: Path) -> None:
    a, b = _sent_accounts(env, 2)
    email_b = env.scalar("SELECT email FROM accounts WHERE id = :b", b=b)
    path = tmp_path / "bounces.csv"
    path.write_text(f"account_id,email,reply\n{a},,550 gone\n,{str(email_b).upper()},\n,nobody@example.invalid,\n\n", encoding="utf-8")
    out = pv.import_bounces(env.sessions, env.op("bob"), "1.0", path)
    assert sorted(out.marked) == sorted([a, b])
    assert out.skipped == (("line 4", "no account has this email address"),)  # well-formed, but nobody's
    assert env.scalar("SELECT last_reply FROM notice_deliveries WHERE account_id = :a AND state = 'bounced'", a=a) == "550 gone"
    assert (
        env.scalar("SELECT last_reply FROM notice_deliveries WHERE account_id = :b AND state = 'bounced'", b=b)
        == "bounce imported from bounces.csv"
    )
    assert env.audit_ok()


def test_import_bounces_refusals(env: Env, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("id,address\n1,x\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="no account_id or email column"):
        pv.import_bounces(env.sessions, env.op("bob"), "1.0", bad)
    with pytest.raises(InvalidInput, match="no file"):
        pv.import_bounces(env.sessions, env.op("bob"), "1.0", tmp_path / "missing.csv")
    with pytest.raises(InvalidInput, match="is a folder, not a CSV file of bounces"):
        pv.import_bounces(env.sessions, env.op("bob"), "1.0", tmp_path)
    with pytest.raises(PermissionDenied):
        pv.import_bounces(env.sessions, env.op("dave"), "1.0", bad)


def _bounced(env: Env) -> int:
    return int(env.scalar("SELECT count(*) FROM notice_deliveries WHERE state = 'bounced'") or 0)


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        # the issue's file: account 1's reply swallowed the next line and account 2 was never recorded
        ('{a},"unterminated\n{b},ok\n', r"bounces\.csv: line 2 has a quote that is never closed"),
        ('{a},"two\nlines"\n{b},ok\n', r"bounces\.csv: line 2 has a quoted value that runs on to line 3"),
        ("{a},ok\n{b},ok,extra\n", r"line 3 has 3 values, the header 2"),
        ("{a},ok\n{b}\n", r"line 3 has 1 value, the header 2"),
        # the ids get the command line's rule and words (core.limits.parse_id)
        ("{a},ok\nabc,ok\n", r"line 3: 'abc' is not an account id \(it is not a whole number\)"),
        ("{a},ok\n0,ok\n", r"line 3: 0 is not an account id \(1 or more\)"),
        ("{a},ok\n-{b},ok\n", r"line 3: -\d+ is not an account id \(1 or more\)"),
        ("{a},ok\n2147483648,ok\n", r"line 3: '2147483648' is too large for an account id \(at most 2,147,483,647\)"),
        ("{a},ok\n99999999999999999999999,ok\n", r"line 3: '99999999999999999999999' is too large for an account id"),
        ("{a},ok\n{b}.0,ok\n", r"line 3: '\d+\.0' is not an account id"),
        ("{a},ok\n{b}," + "r" * 2001 + "\n", r"line 3: the reply is 2,001 characters; at most 2,000 are kept"),
        ("{a},ok\n,ok\n", r"line 3 has neither an account id nor an email address"),
        ("{a},ok\n{b},a\x00b\n", r"line 3 has a control character \(U\+0000\)"),
        ("", r"bounces\.csv has a header but no bounces"),
    ],
)
def test_a_malformed_bounce_file_is_refused_naming_the_line_and_stores_nothing(env: Env, tmp_path: Path, lines: str, message: str) -> None:
    a, b = _sent_accounts(env, 2)
    path = tmp_path / "bounces.csv"
    path.write_text("account_id,reply\n" + lines.format(a=a, b=b), encoding="utf-8")
    before, events = _bounced(env), env.actions("policy_version")
    with pytest.raises(InvalidInput, match=message):
        pv.import_bounces(env.sessions, env.op("bob"), "1.0", path)
    assert (_bounced(env), env.actions("policy_version")) == (before, events)  # nothing stored, not even the good lines


def test_an_empty_or_non_utf8_bounce_file_is_refused(env: Env, tmp_path: Path) -> None:
    (a,) = _sent_accounts(env, 1)
    before = _bounced(env)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(InvalidInput, match=r"empty\.csv is empty"):
        pv.import_bounces(env.sessions, env.op("bob"), "1.0", empty)
    latin = tmp_path / "latin.csv"
    latin.write_bytes(f"account_id,reply\n{a},Empf\xe4nger unbekannt\n".encode("latin-1"))
    with pytest.raises(InvalidInput, match=r"latin\.csv: line 2 is not UTF-8 text"):
        pv.import_bounces(env.sessions, env.op("bob"), "1.0", latin)
    assert _bounced(env) == before


def test_the_largest_account_id_is_well_formed(env: Env, tmp_path: Path) -> None:
    (a,) = _sent_accounts(env, 1)
    path = tmp_path / "bounces.csv"
    path.write_text(f"account_id,reply\n{a},550\n{2**31 - 1},550\n", encoding="utf-8")  # PostgreSQL's integer
    out = pv.import_bounces(env.sessions, env.op("bob"), "1.0", path)
    assert out.marked == (a,) and out.skipped == ((str(2**31 - 1), "no email about version 1.0 was sent to this account"),)
