"""Issue 16: each owner is written to in their account's language, through a real SMTP server on
loopback (aiosmtpd), on SQLite and PostgreSQL: a policy-change campaign and a law-enforcement notice."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from minisip_console.core import audit, campaign, ledger, legal, rectification
from minisip_console.core.models import Account, AuditEvent, Language, NoticeCampaign, Operator, PolicyVersion
from minisip_console.core.operators import OperatorInfo, identify
from minisip_console.core.plumbing import db, mailer
from minisip_console.core.plumbing.errors import InvalidInput, PermissionDenied
from minisip_console.core.plumbing.filestore import FileStore
from tests.support.smtp import SmtpServer

NOW = dt.datetime.now(dt.UTC).replace(microsecond=0)
LINK = "https://www.minisipserver.com/privacy"
#: account id -> (address, language)
OWNERS = {1: ("li.wei@example.com", "zh_CN"), 2: ("ann@example.com", "en"), 3: ("bo@example.com", "zh_CN")}


@dataclass
class Env:
    sessions: sessionmaker[Session]
    version_id: int
    tmp: Path

    def op(self, login: str = "bob") -> OperatorInfo:
        with self.sessions() as session:
            return identify(session, login)


@pytest.fixture
def env(db_url: str, tmp_path: Path) -> Iterator[Env]:
    engine = db.make_engine(db_url)
    db.upgrade(engine)
    sessions = db.session_factory(engine)
    with sessions.begin() as session:
        session.add_all(
            [
                Operator(login="bob", display_name="Bob", role="operator"),
                Operator(login="carol", display_name="Carol", role="approver"),
                Operator(login="vera", display_name="Vera", role="viewer"),
            ]
        )
        session.add_all(
            [
                Account(id=i, name=f"Owner {i}", email=email, language=language, created_at=NOW - dt.timedelta(days=400))
                for i, (email, language) in OWNERS.items()
            ]
        )
        version = PolicyVersion(
            number="2.0",
            effective_date=dt.date(2027, 1, 15),
            text="v2",
            summary="Statistics kept 13 months.",
            significant=True,
            published_at=NOW,
        )
        session.add(version)
        session.flush()
        version_id = version.id
    yield Env(sessions, version_id, tmp_path)
    engine.dispose()


def _settings(server: SmtpServer) -> mailer.SmtpSettings:
    return mailer.SmtpSettings(host="127.0.0.1", port=server.port, security="none", from_address="privacy@example.com")


def _by_recipient(server: SmtpServer) -> dict[str, object]:
    return {m.recipients[0]: m.parsed() for m in server.messages}


# --------------------------------------------------------------------------- policy-change campaign


def test_the_shipped_template_reaches_each_owner_in_their_language(env: Env) -> None:
    shipped = campaign.shipped_template(link=LINK)
    assert shipped is not None and shipped.languages() == ("en", "zh_CN")
    # as the window and the command line build it: the English files only; the core adds the Chinese
    given = campaign.Template(shipped.subject, shipped.body_text, shipped.body_html, LINK)
    cid = campaign.create_campaign(env.sessions, env.op(), env.version_id, given).id
    with env.sessions() as session:
        stored = json.loads(session.scalar(select(NoticeCampaign.translations).where(NoticeCampaign.id == cid)) or "{}")
    assert set(stored) == {"zh_CN"} and "隐私政策" in stored["zh_CN"]["subject"]

    with SmtpServer() as server:
        outcome = campaign.run_campaign(env.sessions, env.op(), cid, _settings(server), retry_delays=(0.0,))
        assert server.wait_for_messages(3)
        mails = _by_recipient(server)
    assert outcome.counts["sent"] == 3
    chinese, english = mails["li.wei@example.com"], mails["ann@example.com"]
    assert chinese["Subject"] == "我们的隐私政策变更通知（自 2027年1月15日 起生效）"  # type: ignore[index]
    text = chinese.get_body(("plain",)).get_content()  # type: ignore[attr-defined]
    html = chinese.get_body(("html",)).get_content()  # type: ignore[attr-defined]
    assert text.startswith("Owner 1，您好：") and "账户 1 的所有者" in text and "2027年1月15日" in text
    assert "Statistics kept 13 months." in text and LINK in text  # the approver's summary stays in its own words
    assert "<strong>2027年1月15日</strong>" in html and "miniSIPServer 团队" in html
    assert english["Subject"] == "Changes to our privacy policy (in effect from 15 January 2027)"  # type: ignore[index]
    english_text = english.get_body(("plain",)).get_content()  # type: ignore[attr-defined]
    assert english_text.startswith("Hello Owner 2,") and "您好" not in english_text
    assert "您好" in mails["bo@example.com"].get_body(("plain",)).get_content()  # type: ignore[attr-defined]

    # the ledger says which language each owner got
    rows = ledger.LedgerSource(env.sessions, env.version_id).fetch(0, 10)
    assert {r.account_id: r.language for r in rows} == {1: "zh_CN", 2: "en", 3: "zh_CN"}


def test_a_template_of_the_operators_own_wording_goes_out_in_english_to_everyone(env: Env) -> None:
    own = campaign.Template("Policy {{ effective_date }}", "Hi {{ owner_name }}: {{ summary }}\n", "", LINK)
    cid = campaign.create_campaign(env.sessions, env.op(), env.version_id, own).id
    with SmtpServer() as server:
        campaign.run_campaign(env.sessions, env.op(), cid, _settings(server), retry_delays=(0.0,))
        assert server.wait_for_messages(3)
        mails = _by_recipient(server)
    assert {m["Subject"] for m in mails.values()} == {"Policy 15 January 2027"}  # type: ignore[index]
    preview = campaign.preview(env.sessions, cid, 1)
    assert (preview.language, preview.subject) == ("en", "Policy 15 January 2027")  # the fallback, said


def test_a_translation_of_the_operators_own_is_used_and_checked(env: Env) -> None:
    zh = campaign.Template("政策 {{ effective_date }}", "{{ owner_name }}，您好：{{ summary }}\n")
    own = campaign.Template("Policy {{ effective_date }}", "Hi {{ owner_name }}\n", "", LINK, (("zh_CN", zh),))
    preview = campaign.preview(env.sessions, own, 1, version_id=env.version_id)
    assert (preview.language, preview.subject, preview.to) == ("zh_CN", "政策 2027年1月15日", "l***@example.com")
    assert campaign.preview(env.sessions, own, 2, version_id=env.version_id).language == "en"
    broken = replace(own, translations=(("zh_CN", replace(zh, body_text="{{ owner }}")),))
    with pytest.raises(InvalidInput, match=r"The zh_CN template: .*unknown placeholder \{\{ owner \}\}"):
        campaign.create_campaign(env.sessions, env.op(), env.version_id, broken)
    with pytest.raises(InvalidInput, match="unknown language 'fr'"):
        campaign.create_campaign(env.sessions, env.op(), env.version_id, replace(own, translations=(("fr", zh),)))


def test_every_shipped_translation_has_the_english_placeholders() -> None:
    import jinja2
    import jinja2.meta

    env = jinja2.Environment()
    english = campaign.shipped_template()
    assert english is not None
    for language, translated in english.translations:
        for part in ("subject", "body_text", "body_html"):
            names = [jinja2.meta.find_undeclared_variables(env.parse(getattr(t, part))) for t in (english, translated)]
            assert names[0] == names[1], (language, part)
    folder = resources.files("minisip_console.resources") / "templates"
    english_names, names = (
        jinja2.meta.find_undeclared_variables(env.parse((folder / f"law-request-notice{suffix}").read_text("utf-8")))
        for suffix in (".txt", ".zh_CN.txt")
    )
    assert english_names == names == {"owner_name", "account", "received_date", "agency", "legal_process", "data_sought", "decision"}


# --------------------------------------------------------------------------- law-enforcement notice


def test_a_law_enforcement_notice_in_chinese_and_in_english(env: Env) -> None:
    store = FileStore(env.tmp / "store")
    intake = legal.Intake(
        received_on=NOW.date() - dt.timedelta(days=2),
        agency="Metro Police",
        country="US",
        officer_name="Det. Jane Roe",
        officer_contact="jroe@metro-police.example",
        legal_process="subpoena",
        account_ids=(1, 2),
        data_sought=("subscriber", "cdrs"),
        reference="MP-1",
    )
    request = legal.record_request(env.sessions, env.op(), intake, store=store, now=NOW)
    legal.reject(env.sessions, env.op(), request.id, "no_court_order", now=NOW)
    with SmtpServer() as server:
        told = legal.notify(env.sessions, env.op(), request.id, settings=_settings(server), now=NOW)
        assert server.wait_for_messages(2)
        mails = _by_recipient(server)
    assert [n.state for n in told] == ["notified", "notified"]
    received = intake.received_on
    chinese, english = mails["li.wei@example.com"], mails["ann@example.com"]
    assert chinese["Subject"] == "关于您的 Cloud miniSIPServer 账户 1 的数据调取请求"  # type: ignore[index]
    body = chinese.get_content()  # type: ignore[attr-defined]
    assert body.startswith("Owner 1，您好：") and f"{received.year}年{received.month}月{received.day}日" in body
    assert "传票" in body and "用户信息（姓名、电子邮件、公司）、通话详单记录" in body and "我们已拒绝该请求" in body
    assert "Metro Police" in body  # the agency as it was recorded
    assert english["Subject"] == "A request for data about your Cloud miniSIPServer account 2"  # type: ignore[index]
    assert "Subpoena" in english.get_content() and "我们" not in english.get_content()  # type: ignore[attr-defined]


def test_a_language_without_a_template_falls_back_to_english(env: Env) -> None:
    """A language the files have no variant for (a value a newer console may store) gets English."""
    assert legal._templates("xx")[0] == "en"  # noqa: SLF001 - the notice's own choice of template
    assert legal._templates("zh_CN")[0] == "zh_CN"  # noqa: SLF001
    assert campaign.shipped_template("xx") is None
    with env.sessions() as session:
        version = session.get(PolicyVersion, env.version_id)
        localized = campaign.LocalizedTemplate(campaign.Template("s {{ account }}", "t\n"), version)
    assert localized.render("a@example.com", "A", "7", "zh_CN") == campaign.RenderedEmail("a@example.com", "s 7", "t\n", "", "en")


# --------------------------------------------------------------------------- setting the language


def test_set_language_is_validated_audited_and_needs_an_operator(env: Env) -> None:
    assert rectification.set_language(env.sessions, env.op(), 2, "zh_CN") == ("en", "zh_CN")
    assert rectification.set_language(env.sessions, env.op(), 2, " zh_CN ") == ("zh_CN", "zh_CN")  # unchanged: no event
    with pytest.raises(InvalidInput, match=r"Unknown language 'fr'\.") as bad:
        rectification.set_language(env.sessions, env.op(), 2, "fr")
    assert bad.value.hint == "Use one of: en, zh_CN."
    with pytest.raises(InvalidInput, match="Unknown language 'zh-cn'"):  # the exact spelling only
        rectification.set_language(env.sessions, env.op(), 2, "zh-cn")
    with pytest.raises(PermissionDenied):
        rectification.set_language(env.sessions, env.op("vera"), 2, "en")
    with pytest.raises(InvalidInput, match="No account 99"):
        rectification.set_language(env.sessions, env.op(), 99, "en")
    with env.sessions() as session:
        assert session.scalar(select(Account.language).where(Account.id == 2)) == "zh_CN"
        events = list(session.scalars(select(AuditEvent).where(AuditEvent.action == "account.set_language")))
        assert audit.verify(session).ok
    assert [(e.operator_login, e.target_id, json.loads(e.details)) for e in events] == [("bob", "2", {"from": "en", "to": "zh_CN"})]
    assert rectification.LANGUAGES == tuple(language.value for language in Language)
