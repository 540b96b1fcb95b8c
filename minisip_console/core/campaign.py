"""Notice campaigns: tell every account owner, by email, about a significant policy version.

Why one module of this size: the send loop, its ledger and its resumption after a crash are one
mechanism (each row's state change and event written together); a split would separate what must stay atomic.

The policy: "we notify you of significant changes by email". The ledger (``notice_deliveries``,
unique per version and account) proves each owner was told; every state change of a row is an
event (``notice_delivery_events``) with its time, the server's reply and the operator.

Flow:
- ``create_campaign``: for a published, significant version; the template is checked before
  anything is stored (an unknown placeholder is refused, naming it).
- ``run_campaign`` (start and resume are the same call): takes a lock per version (a second
  campaign for the same version is refused while one runs, the lock dies with its holder),
  turns rows left ``sending`` by a killed run into ``uncertain`` (never resent by itself),
  queues one row per active account that has none for this version, then sends over ONE SMTP
  connection: claim (``sending``, commit, event), send, outcome (commit, event).
  2xx -> ``sent``; 5xx -> ``failed`` with the reply; an invalid or empty address -> ``failed``
  with the reason; 4xx, a connection that cannot be opened, or one dropped before the message was
  handed over -> ``queued`` again with ``next_attempt_at`` (backoff: ``retry_delays``), all on the
  row's one budget of ``max_attempts`` (then ``failed``, "gave up after N attempts"), never retried
  at once; dropped while waiting for the answer to the message -> ``uncertain``.
  The run's budget: ``give_up_after`` server-level failures in a row (``GIVE_UP_AFTER``) with no
  message accepted in between stop it, waiting for retries or not: the campaign is paused, rows
  stay ``queued`` with their next attempt time, and ``mailer.SmtpKeepsRefusing`` quotes the server.
  A refused login raises ``SmtpLoginRefused`` before anything is claimed.
- ``cancel`` callback -> the campaign is ``paused``; ``pause_campaign``/``cancel_campaign`` set the
  state in the database and a running loop stops at its next claim.
- ``resolve_uncertain``: an operator decides (resend -> ``queued``, or confirm -> ``sent``).

Rendering: the template is compiled once per campaign with Jinja2 (autoescape for HTML, not for
text, ``StrictUndefined``); the per-owner values are filled in with ``str.replace`` on sentinel
tokens (HTML-escaped for the HTML part), and the MIME message is assembled as bytes. Building an
``EmailMessage`` per recipient costs more than sending it (ARCHITECTURE.md). When a template
uses a per-owner placeholder other than as a plain ``{{ name }}`` (a filter, a test), the fast
path would be wrong, so that template is rendered by Jinja per owner instead.

Languages (issue 16): each owner is written to in their account's language (``accounts.language``).
A campaign keeps its template per language (``Template.translations``, stored as the campaign's
``translations``); the shipped English template (``resources/templates/policy-change.*``) brings the
shipped translations along (``policy-change.<language>.*``), a template of the operator's own wording
has none until given. ``LocalizedTemplate`` compiles the template once per language, and an owner
whose language has no template gets the English one.
"""

from __future__ import annotations

import base64
import datetime as dt
import email.utils
import itertools
import json
import logging
import smtplib
import time
import uuid
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from email.header import Header
from importlib import resources
from typing import Any, NamedTuple, cast

import jinja2
import jinja2.meta
import jinja2.nodes
import markupsafe
from sqlalchemy import (
    Engine,
    and_,
    bindparam,
    exists,
    func,
    insert,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.engine import CursorResult
from sqlalchemy.orm import Session, sessionmaker

from minisip_console.core import audit, personal
from minisip_console.core.models import (
    Account,
    AccountStatus,
    DeliveryState,
    Language,
    NoticeCampaign,
    NoticeDelivery,
    NoticeDeliveryEvent,
    PolicyVersion,
    Role,
    utcnow,
)
from minisip_console.core.operators import OperatorInfo
from minisip_console.core.plumbing import db, mailer
from minisip_console.core.plumbing.errors import ConsoleError, InvalidInput
from minisip_console.core.plumbing.locks import LockHeld, exclusive
from minisip_console.core.purposes import require_role
from minisip_console.core.validation import validate_email
from minisip_console.core.wording import plural

log = logging.getLogger(__name__)

PLACEHOLDERS = ("owner_name", "account", "effective_date", "summary", "link")
PER_OWNER = ("owner_name", "account")
#: campaign states
DRAFT, RUNNING, PAUSED, CANCELLED, FINISHED = "draft", "running", "paused", "cancelled", "finished"
LOCK_PREFIX = "notice-campaign-version"
#: seconds to wait before the n-th retry after a 4xx answer (the last one repeats)
RETRY_DELAYS = (60.0, 300.0, 900.0, 3600.0)
MAX_ATTEMPTS = 5
#: rows claimed (committed as ``sending``) per ledger commit, ahead of their messages (see
#: ``_Ledger``: after a crash at most ``2 * CLAIM_AHEAD + 1`` rows are ``uncertain``).
CLAIM_AHEAD = 4
#: the run's retry budget: server-level failures in a row, with no message accepted in between,
#: after which the run stops (campaign paused, rows ``queued`` with their next attempt time,
#: ``mailer.SmtpKeepsRefusing``). Server-level: a connection that cannot be opened, a connection the
#: server drops or closes, a 421 at any step, a 4xx to MAIL FROM (no recipient named yet). A 4xx to
#: RCPT or DATA is about one recipient (a greylisting relay refuses every new one once) and only
#: counts against that row's own ``max_attempts``. Why 5: a healthy server costs at most 1 in a row
#: (a per-connection message limit answers 421 once, a dropped connection, a restart refusing one
#: connect) and the next connection sends, which resets the count; the failures come back to back
#: (each on the next owner, milliseconds apart), so more in a row tell nothing new about the server,
#: while each one delays one more owner by their backoff and writes one more warning.
GIVE_UP_AFTER = 5
#: a run that waits this long or longer for a retry hangs up first (an idle connection is closed by
#: the server meanwhile, which would cost the next owner an attempt) and connects again after
IDLE_HANG_UP = 1.0


# --------------------------------------------------------------------------- template


@dataclass(frozen=True)
class Template:
    subject: str
    body_text: str
    body_html: str = ""
    link: str = ""
    #: (language, its subject and bodies) for languages other than English; their ``link`` is this one's
    translations: tuple[tuple[str, Template], ...] = ()

    def languages(self) -> tuple[str, ...]:
        """English first, then every language this template has a translation for."""
        return (Language.EN.value, *(language for language, _ in self.translations))

    def in_language(self, language: str) -> Template:
        """The template for ``language``; this one (English) when it has no translation for it."""
        return next((t for lang, t in self.translations if lang == language), self)


@dataclass(frozen=True)
class RenderedEmail:
    to: str
    subject: str
    text: str
    html: str
    language: str = Language.EN.value  # the template's language (the owner's, or English for want of one)


#: the notice templates shipped in ``resources/templates``
SHIPPED_NAME = "policy-change"


def shipped_template(language: str = Language.EN.value, *, link: str = "") -> Template | None:
    """The shipped policy-change template in ``language`` (``policy-change.<language>.*``), or None
    when there is none. English (``policy-change.*``) comes with the shipped translations."""
    folder = resources.files("minisip_console.resources") / "templates"
    stem = SHIPPED_NAME if language == Language.EN.value else f"{SHIPPED_NAME}.{language}"
    files = [folder / f"{stem}.{ext}" for ext in ("subject.txt", "txt", "html")]
    if not files[0].is_file() or not files[1].is_file():
        return None
    html = files[2].read_text("utf-8") if files[2].is_file() else ""
    template = Template(files[0].read_text("utf-8").strip(), files[1].read_text("utf-8"), html, link)
    if language != Language.EN.value:
        return template
    others = ((lang.value, shipped_template(lang.value, link=link)) for lang in Language if lang != Language.EN)
    return replace(template, translations=tuple((lang, t) for lang, t in others if t is not None))


def with_translations(template: Template) -> Template:
    """``template`` with the shipped translations when it is the shipped English wording (blanks at
    either end aside) and has none of its own; otherwise as it is (its owners get its English)."""
    if template.translations:
        return template
    shipped = shipped_template(link=template.link)
    if shipped is None:
        return template

    def same(a: str, b: str) -> bool:
        return a.strip() == b.strip()

    if (
        same(template.subject, shipped.subject)
        and same(template.body_text, shipped.body_text)
        and same(template.body_html, shipped.body_html)
    ):
        return replace(shipped, subject=template.subject, body_text=template.body_text, body_html=template.body_html)
    return template


def _translations_json(template: Template) -> str:
    return json.dumps(
        {lang: {"subject": t.subject, "body_text": t.body_text, "body_html": t.body_html} for lang, t in template.translations},
        sort_keys=True,
        ensure_ascii=False,
    )


def _translations_of(raw: str | None, link: str) -> tuple[tuple[str, Template], ...]:
    stored = json.loads(raw or "{}")
    return tuple(
        (lang, Template(t["subject"], t["body_text"], t.get("body_html", ""), link))
        for lang, t in sorted(stored.items())
        if lang in {language.value for language in Language}
    )


_TEXT_ENV = jinja2.Environment(autoescape=False, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
_HTML_ENV = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)


def _parts(template: Template) -> tuple[tuple[str, jinja2.Environment, str], ...]:
    parts = [("subject", _TEXT_ENV, template.subject), ("plain text body", _TEXT_ENV, template.body_text)]
    if template.body_html:
        parts.append(("HTML body", _HTML_ENV, template.body_html))
    return tuple(parts)


def check_template(template: Template) -> None:
    """Refuse a template that cannot be rendered: syntax errors, unknown placeholders (named);
    each translation is checked the same way (the error names its language)."""
    for language, translation in template.translations:
        if language not in {lang.value for lang in Language} or language == Language.EN.value:
            raise InvalidInput(f"The template has a translation for an unknown language {language!r}.")
        try:
            check_template(translation)
        except InvalidInput as exc:
            raise InvalidInput(f"The {language} template: {exc.message}", hint=exc.hint) from None
    if not template.subject.strip():
        raise InvalidInput("The email subject is empty.")
    if not template.body_text.strip():
        raise InvalidInput("The plain text body is empty.", hint="Every notice has a plain text part.")
    for what, env, source in _parts(template):
        try:
            ast = env.parse(source)
        except jinja2.TemplateSyntaxError as exc:
            raise InvalidInput(f"The {what} has a template error on line {exc.lineno}: {exc.message}") from None
        unknown = sorted(jinja2.meta.find_undeclared_variables(ast) - set(PLACEHOLDERS))
        if unknown:
            names = ", ".join("{{ " + n + " }}" for n in unknown)
            raise InvalidInput(
                f"The {what} uses unknown placeholder{'s' if len(unknown) > 1 else ''} {names}.",
                hint=f"Use only: {', '.join('{{ ' + p + ' }}' for p in PLACEHOLDERS)}.",
            )


def _plain_only(ast: jinja2.nodes.Template) -> bool:
    """True when every per-owner name is used only as a whole ``{{ name }}`` output."""
    direct: set[int] = set()
    for output in ast.find_all(jinja2.nodes.Output):
        direct.update(id(n) for n in output.nodes if isinstance(n, jinja2.nodes.Name))
    return all(id(n) in direct for n in ast.find_all(jinja2.nodes.Name) if n.name in PER_OWNER)


@dataclass(frozen=True)
class _Part:
    env_html: bool
    compiled: jinja2.Template
    fast: bool
    rendered: str = ""  # with sentinels, when fast


class CompiledTemplate:
    """A template with the version's values filled in, ready to render per owner cheaply."""

    def __init__(self, template: Template, version_values: dict[str, str]) -> None:
        check_template(template)
        self.values = dict(version_values)
        token = uuid.uuid4().hex
        self.sentinels = {name: f"@@{token}{name}@@" for name in PER_OWNER}
        self.parts: dict[str, _Part | None] = {}
        for key, (_what, env, source) in zip(("subject", "text", "html"), _parts(template), strict=False):
            compiled = env.from_string(source)
            fast = _plain_only(env.parse(source))
            rendered = compiled.render(**self.values, **self.sentinels) if fast else ""
            self.parts[key] = _Part(env is _HTML_ENV, compiled, fast, rendered)
        self.parts.setdefault("html", None)

    def _render(self, part: _Part | None, owner: dict[str, str]) -> str:
        if part is None:
            return ""
        if not part.fast:
            return part.compiled.render(**self.values, **owner)
        out = part.rendered
        for name, sentinel in self.sentinels.items():
            value = owner[name]
            out = out.replace(sentinel, str(markupsafe.escape(value)) if part.env_html else value)
        return out

    def render(self, to: str, owner_name: str, account: str, language: str = Language.EN.value) -> RenderedEmail:
        owner = {"owner_name": owner_name, "account": account}
        subject = " ".join(self._render(self.parts["subject"], owner).split())  # one header line
        return RenderedEmail(to, subject, self._render(self.parts["text"], owner), self._render(self.parts["html"], owner), language)


class LocalizedTemplate:
    """A campaign's template compiled once per language it has (``CompiledTemplate`` each): an
    owner gets their language's, or the English one when it has none."""

    def __init__(self, template: Template, version: PolicyVersion | Any) -> None:
        self.by_language = {
            language: CompiledTemplate(template.in_language(language), version_values(version, template.link, language))
            for language in template.languages()
        }

    def language_for(self, language: str | None) -> str:
        """The language an owner whose account says ``language`` is written in."""
        return language if language in self.by_language else Language.EN.value

    def render(self, to: str, owner_name: str, account: str, language: str | None = None) -> RenderedEmail:
        chosen = self.language_for(language)
        return self.by_language[chosen].render(to, owner_name, account, chosen)


def _date_in(day: dt.date, language: str) -> str:
    if language == Language.ZH_CN.value:
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day:%d %B %Y}"


def version_values(version: PolicyVersion | Any, link: str, language: str = Language.EN.value) -> dict[str, str]:
    """The version's placeholders, the date written as ``language`` writes it (the summary is the approver's own words)."""
    return {"effective_date": _date_in(version.effective_date, language), "summary": version.summary or "", "link": link or ""}


def owner_values(account: Account | Any) -> tuple[str, str]:
    """(owner_name, account) for the placeholders: the holder's name and the account number."""
    return (account.name or "", str(account.id))


def _b64(text: str) -> bytes:
    return base64.encodebytes(text.encode("utf-8"))


#: Message-IDs are this process's random prefix and a counter (unique without a random draw per
#: message: two ``uuid4`` per message were a tenth of a campaign's CPU)
_RUN_ID = uuid.uuid4().hex[:20]
_SERIAL = itertools.count(1)
#: one boundary per process: it starts with "=_", which base64 (the parts' encoding) never contains
_BOUNDARY = f"=_{_RUN_ID}"
_date_cache: tuple[int, str] = (0, "")


def _date_header(now: dt.datetime) -> str:
    global _date_cache  # noqa: PLW0603 - a one-entry cache: the Date header changes once a second
    second = int(now.timestamp())
    if _date_cache[0] != second:
        _date_cache = (second, email.utils.format_datetime(now.replace(microsecond=0)))
    return _date_cache[1]


def build_message(mail: RenderedEmail, from_address: str, *, msgid_domain: str, now: dt.datetime | None = None) -> bytes:
    """The MIME message as bytes (multipart/alternative when there is an HTML part)."""
    subject = mail.subject if mail.subject.isascii() else Header(mail.subject, "utf-8").encode(linesep="\r\n")
    head = (
        f"From: {from_address}\r\nTo: {mail.to}\r\nSubject: {subject}\r\nDate: {_date_header(now or utcnow())}\r\n"
        f"Message-ID: <{_RUN_ID}.{next(_SERIAL)}@{msgid_domain}>\r\nMIME-Version: 1.0\r\n"
    )
    text_headers = 'Content-Type: text/plain; charset="utf-8"\r\nContent-Transfer-Encoding: base64\r\n\r\n'
    if not mail.html:
        return (head + text_headers).encode("utf-8") + _b64(mail.text).replace(b"\n", b"\r\n")
    boundary = _BOUNDARY
    out = [
        (head + f'Content-Type: multipart/alternative; boundary="{boundary}"\r\n\r\n--{boundary}\r\n' + text_headers).encode(),
        _b64(mail.text).replace(b"\n", b"\r\n"),
        f'--{boundary}\r\nContent-Type: text/html; charset="utf-8"\r\nContent-Transfer-Encoding: base64\r\n\r\n'.encode(),
        _b64(mail.html).replace(b"\n", b"\r\n"),
        f"--{boundary}--\r\n".encode(),
    ]
    return b"".join(out)


# --------------------------------------------------------------------------- infos


@dataclass(frozen=True)
class CampaignInfo:
    id: int
    policy_version_id: int
    subject: str
    state: str
    created_by: str
    created_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    link: str


@dataclass(frozen=True)
class Progress:
    sent: int
    failed: int
    uncertain: int
    queued: int
    rate: float  # messages sent per second in this run

    @property
    def done(self) -> int:
        return self.sent + self.failed + self.uncertain


@dataclass(frozen=True)
class RunOutcome:
    campaign: CampaignInfo
    counts: dict[str, int]
    sent_now: int
    seconds: float
    stopped: str = ""  # "" finished, else why the run stopped (paused, cancelled, retries pending)


def _info(c: NoticeCampaign) -> CampaignInfo:
    return CampaignInfo(c.id, c.policy_version_id, c.subject, c.state, c.created_by, c.created_at, c.started_at, c.finished_at, c.link)


def _campaign(session: Session, campaign_id: int) -> NoticeCampaign:
    row = session.get(NoticeCampaign, campaign_id)
    if row is None:
        raise InvalidInput(f"There is no campaign {campaign_id}.")
    return row


def _template(c: NoticeCampaign) -> Template:
    return Template(c.subject, c.body_text, c.body_html, c.link, _translations_of(c.translations, c.link))


def _check_lead(version: PolicyVersion) -> None:
    """An acquisition notice is refused when its transfer date is closer than the lead time."""
    if version.kind == "acquisition":
        from minisip_console.core.policy_versions import check_acquisition_lead

        check_acquisition_lead(version, utcnow().date())


def create_campaign(sessions: sessionmaker[Session], operator: OperatorInfo, version_id: int, template: Template) -> CampaignInfo:
    from minisip_console.core import policy_versions

    policy_versions.enforce("send", None, operator)
    template = with_translations(template)
    check_template(template)
    with sessions.begin() as session:
        version = session.get(PolicyVersion, version_id)
        if version is None:
            raise InvalidInput(f"There is no policy version {version_id}.")
        policy_versions.enforce("send", policy_versions._info(version), operator)  # noqa: SLF001 - the core's own view of a row
        _check_lead(version)
        row = NoticeCampaign(
            policy_version_id=version.id,
            subject=template.subject,
            body_text=template.body_text,
            body_html=template.body_html,
            link=template.link,
            translations=_translations_json(template),
            state=DRAFT,
            created_by=operator.login,
        )
        session.add(row)
        session.flush()
        audit.append(
            session,
            operator=operator.login,
            action="campaign.create",
            target_type="notice_campaign",
            target_id=row.id,
            details={"policy_version": version.number, "languages": list(template.languages())},
        )
        return _info(row)


def get_campaign(sessions: sessionmaker[Session], campaign_id: int) -> CampaignInfo:
    with sessions() as session:
        return _info(_campaign(session, campaign_id))


def preview(
    sessions: sessionmaker[Session],
    campaign_or_template: int | Template,
    account_id: int,
    *,
    version_id: int | None = None,
    masked: bool = True,
) -> RenderedEmail:
    """The email one owner would get (a campaign id, or a template and ``version_id``), in the
    owner's language (``RenderedEmail.language``: English when the template has none for it).

    ``masked`` (the default): the owner's name and address are masked as everywhere in the console
    (``J*** D***``, ``j***@example.com``): checking a template's wording needs no personal data;
    the unmasked form is for the sending code and the tests."""
    with sessions() as session:
        if isinstance(campaign_or_template, Template):
            template = with_translations(campaign_or_template)  # as ``create_campaign`` would store it
            if version_id is None:
                raise InvalidInput("A preview of a template needs the policy version it is for.")
        else:
            c = _campaign(session, campaign_or_template)
            template, version_id = _template(c), c.policy_version_id
        version = session.get(PolicyVersion, version_id)
        if version is None:
            raise InvalidInput(f"There is no policy version {version_id}.")
        # masked: as lists show it (on PostgreSQL masked by the database, which gives no one the clear text here)
        source = personal.ACCOUNTS_MASKED if masked and personal.is_postgres(session) else Account.__table__
        account = session.execute(select(source.c.id, source.c.name, source.c.email).where(source.c.id == account_id)).first()
        if account is None:
            raise InvalidInput(f"There is no account {account_id}.")
        language = session.scalar(select(Account.language).where(Account.id == account_id))  # not personal
        compiled = LocalizedTemplate(template, version)
        to = account.email or ""
        name, number = owner_values(account)
        if masked:  # masking is idempotent: a value the database masked stays as it is
            from minisip_console.core.accounts import mask_email, mask_words

            to, name = mask_email(to), mask_words(name)
        return compiled.render(to, name, number, language)


# --------------------------------------------------------------------------- ledger


def status(sessions: sessionmaker[Session], version_id: int) -> dict[str, int]:
    """Rows per delivery state for a version (every state present, zeros included)."""
    with sessions() as session:
        return _counts(session, version_id)


def _counts(session: Session, version_id: int) -> dict[str, int]:
    counts = {s.value: 0 for s in DeliveryState}
    for state, n in session.execute(
        select(NoticeDelivery.state, func.count()).where(NoticeDelivery.policy_version_id == version_id).group_by(NoticeDelivery.state)
    ):
        counts[state] = n
    return counts


def _event(session: Session, delivery_id: int, state: str, now: dt.datetime, reply: str | None, operator: str) -> None:
    session.add(NoticeDeliveryEvent(delivery_id=delivery_id, state=state, at=now, reply=reply, operator=operator))


def _queue_rows(session: Session, campaign: NoticeCampaign, now: dt.datetime, operator: str) -> int:
    """One queued row per active account without a row for this version (one INSERT ... SELECT)."""
    version_id = campaign.policy_version_id
    has_row = exists().where(and_(NoticeDelivery.policy_version_id == version_id, NoticeDelivery.account_id == Account.id))
    source = select(
        literal(version_id),
        literal(campaign.id),
        Account.id,
        literal(DeliveryState.QUEUED.value),
        literal(0),
        literal(now, NoticeDelivery.updated_at.type),
    ).where(Account.status == AccountStatus.ACTIVE.value, ~has_row)
    t = NoticeDelivery.__table__
    # an INSERT's result is a CursorResult (Session.execute is typed as returning the generic Result)
    result = cast(
        "CursorResult[Any]",
        session.execute(
            insert(t).from_select(["policy_version_id", "campaign_id", "account_id", "state", "attempts", "updated_at"], source)
        ),
    )
    added = result.rowcount or 0
    if added:
        ev = NoticeDeliveryEvent.__table__
        no_event = ~exists().where(NoticeDeliveryEvent.delivery_id == NoticeDelivery.id)
        session.execute(
            insert(ev).from_select(
                ["delivery_id", "state", "at", "operator"],
                select(
                    NoticeDelivery.id, literal(DeliveryState.QUEUED.value), literal(now, NoticeDeliveryEvent.at.type), literal(operator)
                ).where(NoticeDelivery.policy_version_id == version_id, no_event),
            )
        )
    return added


def _mark_uncertain(session: Session, version_id: int, now: dt.datetime, operator: str) -> int:
    ids = list(
        session.scalars(
            select(NoticeDelivery.id).where(
                NoticeDelivery.policy_version_id == version_id, NoticeDelivery.state == DeliveryState.SENDING.value
            )
        )
    )
    if not ids:
        return 0
    reply = "a run stopped after handing this message to the server and before recording its answer: not resent"
    session.execute(
        update(NoticeDelivery)
        .where(NoticeDelivery.id.in_(ids))
        .values(state=DeliveryState.UNCERTAIN.value, last_reply=reply, updated_at=now)
    )
    for i in ids:
        _event(session, i, DeliveryState.UNCERTAIN.value, now, reply, operator)
    return len(ids)


def resolve_uncertain(
    sessions: sessionmaker[Session], operator: OperatorInfo, delivery_ids: Iterable[int], resend: bool, *, now: dt.datetime | None = None
) -> int:
    """An operator's decision on ``uncertain`` rows: ``resend`` queues them again (the next run
    sends them), otherwise they are recorded as ``sent`` (confirmed delivered). Returns rows changed."""
    from minisip_console.core import policy_versions

    policy_versions.enforce("resolve", None, operator)
    now = now or utcnow()
    ids = sorted(set(delivery_ids))
    state = DeliveryState.QUEUED if resend else DeliveryState.SENT
    reply = f"operator {operator.login} decided: {'resend' if resend else 'delivered, do not resend'}"
    with sessions.begin() as session:
        rows = list(session.scalars(select(NoticeDelivery).where(NoticeDelivery.id.in_(ids))))
        wrong = [r.id for r in rows if r.state != DeliveryState.UNCERTAIN.value]
        missing = set(ids) - {r.id for r in rows}
        if missing or wrong:
            raise InvalidInput(f"Only uncertain deliveries can be resolved; not uncertain or unknown: {sorted(missing | set(wrong))[:10]}.")
        for r in rows:
            r.state, r.last_reply, r.updated_at, r.next_attempt_at = state.value, reply, now, None
            _event(session, r.id, state.value, now, reply, operator.login)
        audit.append(
            session,
            operator=operator.login,
            action="campaign.resolve_uncertain",
            target_type="notice_delivery",
            target_id=",".join(map(str, ids))[:200],
            details={"resend": resend, "count": len(rows)},
            at=now,
        )
    return len(rows)


def _set_state(sessions: sessionmaker[Session], operator: OperatorInfo, campaign_id: int, state: str, action: str) -> CampaignInfo:
    require_role(operator, Role.OPERATOR, f"{action} a notice campaign")
    with sessions.begin() as session:
        row = _campaign(session, campaign_id)
        if row.state in (FINISHED, CANCELLED):
            raise ConsoleError(f"Campaign {campaign_id} is {row.state}; it cannot be {action}d.")
        row.state = state
        if state == CANCELLED:
            row.finished_at = utcnow()
        audit.append(session, operator=operator.login, action=f"campaign.{action}", target_type="notice_campaign", target_id=row.id)
        return _info(row)


def pause_campaign(sessions: sessionmaker[Session], operator: OperatorInfo, campaign_id: int) -> CampaignInfo:
    """Pause (a running loop stops at its next message; ``run_campaign`` resumes)."""
    return _set_state(sessions, operator, campaign_id, PAUSED, "pause")


def cancel_campaign(sessions: sessionmaker[Session], operator: OperatorInfo, campaign_id: int) -> CampaignInfo:
    """Cancel for good: queued rows stay queued and unsent (another campaign may take them)."""
    return _set_state(sessions, operator, campaign_id, CANCELLED, "cancel")


# --------------------------------------------------------------------------- sending


class _Dropped(Exception):
    def __init__(self, handed: bool, reason: str) -> None:
        super().__init__(reason)
        self.handed = handed
        self.reason = reason


def _reply(code: int, msg: bytes | str) -> str:
    text = msg.decode("utf-8", "replace") if isinstance(msg, bytes) else str(msg)
    return f"{code} {' '.join(text.split())}"


def _send_one(smtp: smtplib.SMTP, sender: str, to: str, message: bytes) -> tuple[int, str, bool]:
    """MAIL, RCPT, DATA step by step, so a dropped connection says whether the message was handed over.

    Returns (code, reply, whether it answered MAIL FROM: no recipient named yet, so a 4xx there is
    about the sender or the session, not the owner) of the step that decided; raises ``_Dropped``
    (421 at any step: the server is closing the connection)."""
    # both addresses are validated already: the commands are written directly (smtplib's
    # ``quoteaddr`` parses each address again, a tenth of the time per message)
    option = " SMTPUTF8" if not to.isascii() and smtp.has_extn("smtputf8") else ""
    handed = False
    try:
        smtp.putcmd("mail", f"FROM:<{sender}>{option}")
        code, msg = smtp.getreply()
        if code == 421:
            raise _Dropped(False, _reply(code, msg))
        if code >= 400:
            smtp.rset()
            return code, _reply(code, msg), True
        smtp.putcmd("rcpt", f"TO:<{to}>")
        code, msg = smtp.getreply()
        if code == 421:
            raise _Dropped(False, _reply(code, msg))
        if code >= 400:
            smtp.rset()
            return code, _reply(code, msg), False
        code, msg = smtp.docmd("data")
        if code == 421:
            raise _Dropped(False, _reply(code, msg))
        if code != 354:
            smtp.rset()
            return code, _reply(code, msg), False
        # the same dot-stuffing smtplib.data uses (a private function, so typeshed has no stub of it)
        q = smtplib._quote_periods(message)  # type: ignore[attr-defined]  # noqa: SLF001
        if q[-2:] != b"\r\n":
            q += b"\r\n"
        smtp.send(q + b".\r\n")
        handed = True
        code, msg = smtp.getreply()
        if code == 421:
            raise _Dropped(True, _reply(code, msg))
        return code, _reply(code, msg), False
    except smtplib.SMTPServerDisconnected as exc:
        raise _Dropped(handed, f"connection lost: {exc}") from None
    except (OSError, smtplib.SMTPResponseException) as exc:
        raise _Dropped(handed, f"connection lost: {type(exc).__name__}: {exc}") from None


@dataclass
class _Run:
    sessions: sessionmaker[Session]
    operator: OperatorInfo
    campaign_id: int
    version_id: int
    settings: mailer.SmtpSettings
    compiled: LocalizedTemplate
    progress: Callable[[Progress], None] | None
    cancel: Callable[[], bool] | None
    retry_delays: tuple[float, ...]
    max_attempts: int
    wait_for_retries: bool
    give_up_after: int = GIVE_UP_AFTER
    counts: dict[str, int] = field(default_factory=dict)
    sent_now: int = 0
    started: float = field(default_factory=time.monotonic)
    smtp: smtplib.SMTP | None = None
    failures: int = 0  # server-level failures in a row, since the last message accepted

    @property
    def msgid_domain(self) -> str:
        return self.settings.from_address.rpartition("@")[2]

    def report(self) -> None:
        if self.progress is not None:
            c = self.counts
            elapsed = max(time.monotonic() - self.started, 1e-9)
            self.progress(
                Progress(
                    c.get("sent", 0),
                    c.get("failed", 0),
                    c.get("uncertain", 0),
                    c.get("queued", 0) + c.get("sending", 0),
                    self.sent_now / elapsed,
                )
            )

    def move(self, old: str, new: str) -> None:
        self.counts[old] -= 1
        self.counts[new] = self.counts.get(new, 0) + 1

    def connection(self) -> smtplib.SMTP:
        """The open connection, or a new one (one try: a failure is counted by ``failed``)."""
        if self.smtp is None:
            self.smtp = mailer.connect(self.settings)
        return self.smtp

    def drop(self) -> None:
        if self.smtp is not None:
            self.smtp.close()
            self.smtp = None

    def hang_up(self) -> None:
        """QUIT and close (before a long wait: the next message connects again)."""
        if self.smtp is not None:
            smtp, self.smtp = self.smtp, None
            mailer.close(smtp)

    def succeeded(self) -> None:
        self.failures = 0

    def failed(self, what: str, *, at_once: bool = False) -> None:
        """Count one server-level failure; past the run's budget, stop it (``SmtpKeepsRefusing``).

        ``what``: what happened, quoting the server ("keeps refusing: 421 4.7.0 ...", or a
        sentence of its own when it starts with a capital: "Cannot reach the SMTP server ...").
        ``at_once``: a permanent refusal of the run itself (5xx to MAIL FROM: the sender address
        is refused), which every further message would meet too: stop now."""
        self.failures += 1
        if self.failures < self.give_up_after and not at_once:
            return
        waiting = self.counts.get("queued", 0) + self.counts.get("sending", 0)
        log.warning("campaign %s: stopped after %s server failures in a row: %s", self.campaign_id, self.failures, what)
        sentence = what.rstrip(".") if what[:1].isupper() else f"The SMTP server {self.settings.describe()} {what}"
        stays = f"the {waiting:,} owners not reached yet stay queued." if waiting != 1 else "the owner not reached yet stays queued."
        if at_once:
            raise mailer.SmtpKeepsRefusing(
                f"{sentence}. Campaign {self.campaign_id} is paused; {stays}",
                hint=f"Check the From address ({self.settings.from_address}) and that the server lets this login send "
                "as it, then send again to resume; nobody gets the notice twice.",
            )
        raise mailer.SmtpKeepsRefusing(
            f"{sentence} ({self.failures} times in a row, no message accepted in between). Campaign {self.campaign_id} is paused; {stays}",
            hint="Check the server (its log, its sending limits) and send again to resume: each owner is retried from "
            "their next attempt time, and nobody gets the notice twice.",
        )


def run_campaign(
    sessions: sessionmaker[Session],
    operator: OperatorInfo,
    campaign_id: int,
    settings: mailer.SmtpSettings,
    *,
    progress: Callable[[Progress], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    retry_delays: Iterable[float] = RETRY_DELAYS,
    max_attempts: int = MAX_ATTEMPTS,
    wait_for_retries: bool = True,
    give_up_after: int = GIVE_UP_AFTER,
) -> RunOutcome:
    """Start or resume a campaign; returns when every row is decided or the run stops.

    ``cancel()`` returning True pauses the campaign (``run_campaign`` again resumes it). With
    ``wait_for_retries`` False the run returns with the campaign paused (``stopped`` says
    "retries pending") instead of waiting for rows whose next retry is in the future. Either way,
    ``give_up_after`` server-level failures in a row (see ``GIVE_UP_AFTER``) stop the run with
    ``mailer.SmtpKeepsRefusing``, the campaign paused and its unsent rows ``queued``."""
    require_role(operator, Role.OPERATOR, "run a notice campaign")
    settings = mailer.validate_settings(settings)
    engine: Engine = sessions.kw["bind"]
    with sessions() as session:
        c = _campaign(session, campaign_id)
        version = session.get(PolicyVersion, c.policy_version_id)
        assert version is not None
        if c.state in (FINISHED, CANCELLED):
            raise ConsoleError(f"Campaign {campaign_id} is {c.state}; it cannot run again.", hint="Create a new campaign for the version.")
        _check_lead(version)  # an acquisition notice must still go out well before the transfer
        compiled = LocalizedTemplate(_template(c), version)  # once per language, not per owner
        number, version_id = version.number, version.id
    try:
        lock = exclusive(engine, f"{LOCK_PREFIX}-{version_id}")
        lock.__enter__()
    except LockHeld:
        raise LockHeld(f"A campaign for version {number} is already running.", hint="Wait for it to finish, or pause it first.") from None
    run = _Run(
        sessions,
        operator,
        campaign_id,
        version_id,
        settings,
        compiled,
        progress,
        cancel,
        tuple(retry_delays) or (0.0,),
        max_attempts,
        wait_for_retries,
        max(1, give_up_after),
    )
    try:
        with db.translated(engine.url):
            return _run(run)
    except ConsoleError as exc:
        _stopped_by_error(run, exc)
        raise
    finally:
        if run.smtp is not None:
            mailer.close(run.smtp)
        lock.__exit__(None, None, None)


start_campaign = run_campaign
resume_campaign = run_campaign


def _run(run: _Run) -> RunOutcome:
    sessions, login = run.sessions, run.operator.login
    # connect first: a refused login stops here, before any row changes
    run.connection()
    now = utcnow()
    with sessions.begin() as session:
        c = _campaign(session, run.campaign_id)
        uncertain = _mark_uncertain(session, run.version_id, now, login)
        queued = _queue_rows(session, c, now, login)
        resumed = c.started_at is not None
        c.state, c.started_at = RUNNING, c.started_at or now
        audit.append(
            session,
            operator=login,
            action="campaign.resume" if resumed else "campaign.start",
            target_type="notice_campaign",
            target_id=c.id,
            details={"queued": queued, "uncertain": uncertain},
            at=now,
        )
        run.counts = _counts(session, run.version_id)
    log.info("campaign %s: %s queued, %s marked uncertain", run.campaign_id, queued, uncertain)
    run.report()
    stopped = _loop(run)
    now = utcnow()
    with sessions.begin() as session:
        c = _campaign(session, run.campaign_id)
        run.counts = _counts(session, run.version_id)
        if not stopped:
            if run.counts["queued"] or run.counts["sending"]:
                stopped = "retries pending"
            else:
                c.state, c.finished_at = FINISHED, now
        if stopped in ("paused", "retries pending"):
            c.state = PAUSED
        audit.append(
            session,
            operator=login,
            action="campaign.finish" if not stopped else "campaign.stop",
            target_type="notice_campaign",
            target_id=c.id,
            details={"stopped": stopped, "sent_now": run.sent_now, **run.counts},
            at=now,
        )
        info = _info(c)
    run.report()
    return RunOutcome(info, dict(run.counts), run.sent_now, time.monotonic() - run.started, stopped)


def _stopped_by_error(run: _Run, exc: ConsoleError) -> None:
    """A run that started and then met a known error (SMTP unreachable again) leaves the campaign paused."""
    try:
        with run.sessions.begin() as session:
            c = _campaign(session, run.campaign_id)
            if c.state != RUNNING:
                return
            c.state = PAUSED
            audit.append(
                session,
                operator=run.operator.login,
                action="campaign.stop",
                target_type="notice_campaign",
                target_id=c.id,
                details={"stopped": "error", "error": exc.message[:200], "sent_now": run.sent_now},
            )
    except Exception:  # noqa: BLE001 - the database may be the failing part; the original error is what matters
        log.exception("campaign %s: could not record that the run stopped", run.campaign_id)


@dataclass(frozen=True)
class _Candidate:
    id: int
    attempts: int
    name: str | None
    email: str | None
    account_id: int
    language: str = Language.EN.value


def _candidates(session: Session, version_id: int, now: dt.datetime, limit: int = 200) -> list[Any]:
    """The next queued deliveries that are due, with their owners' names and addresses (read
    through ``personal.recipients`` on the connection the campaign was opened on) and languages
    (no personal field: read with the row)."""
    due = or_(NoticeDelivery.next_attempt_at.is_(None), NoticeDelivery.next_attempt_at <= now)
    rows = session.execute(
        select(NoticeDelivery.id, NoticeDelivery.attempts, NoticeDelivery.account_id, Account.language)
        .outerjoin(Account, Account.id == NoticeDelivery.account_id)
        .where(NoticeDelivery.policy_version_id == version_id, NoticeDelivery.state == DeliveryState.QUEUED.value, due)
        .order_by(NoticeDelivery.id)
        .limit(limit)
    ).all()
    owners = personal.recipients(session, version_id, [r.id for r in rows])
    return [_Candidate(r.id, r.attempts, *owners.get(r.id, (None, None)), r.account_id, r.language or Language.EN.value) for r in rows]


def _wait(run: _Run, seconds: float) -> bool:
    """Wait for a retry to fall due; False when cancelled meanwhile."""
    end = time.monotonic() + seconds
    while (left := end - time.monotonic()) > 0:
        if run.cancel is not None and run.cancel():
            return False
        time.sleep(min(left, 0.2))
    return True


_D = NoticeDelivery.__table__
_E = NoticeDeliveryEvent.__table__
_C = NoticeCampaign.__table__
# built once: per message the loop only binds values (statement construction was the hot spot)
_STATE_Q = select(_C.c.state).where(_C.c.id == bindparam("cid"))
# a claim takes the row only while the campaign is running (a pause or cancel from another console
# stops the next claim without a query of its own)
_CLAIM = (
    update(_D)
    .where(
        _D.c.id == bindparam("did"),
        _D.c.state == DeliveryState.QUEUED.value,
        exists(select(_C.c.id).where(_C.c.id == bindparam("cid"), _C.c.state == RUNNING)),
    )
    .values(
        state=bindparam("new"),
        updated_at=bindparam("now", type_=_D.c.updated_at.type),
        campaign_id=bindparam("cid"),
        attempts=_D.c.attempts + bindparam("inc"),
        last_reply=func.coalesce(bindparam("reply", type_=_D.c.last_reply.type), _D.c.last_reply),
    )
)
_OUTCOME = (
    update(_D)
    .where(_D.c.id == bindparam("did"))
    .values(
        state=bindparam("new"),
        last_reply=bindparam("reply", type_=_D.c.last_reply.type),
        next_attempt_at=bindparam("next_at", type_=_D.c.next_attempt_at.type),
        updated_at=bindparam("now", type_=_D.c.updated_at.type),
    )
)
_EVENT = insert(_E)


class _Raw:
    """A hot statement compiled once for the connection's dialect and run on the DBAPI cursor.

    SQLAlchemy's per-call work (cache lookup, parameter processing, result set-up) was half of the
    ledger's CPU per message; the values still go through each column type's own bind processor
    (``TypeEngine.bind_processor``), so what is stored is exactly what ``Connection.execute`` stores."""

    def __init__(self, stmt: Any, dialect: Any, column_keys: list[str] | None = None) -> None:
        compiled = stmt.compile(dialect=dialect, column_keys=column_keys)
        self.sql = str(compiled)
        self.names: tuple[str, ...] | None = tuple(compiled.positiontup) if compiled.positional and compiled.positiontup else None
        self.process = {
            name: proc for name, b in compiled.binds.items() if (proc := b.type.dialect_impl(dialect).bind_processor(dialect)) is not None
        }
        self.constants = {
            name: b.value for name, b in compiled.binds.items() if not b.required and b.callable is None and b.value is not None
        }

    def rows(self, params: list[dict[str, Any]]) -> list[Any]:
        out: list[Any] = []
        for p in params:
            values = {**self.constants, **p}
            for name, proc in self.process.items():
                if name in values:
                    values[name] = proc(values[name])
            out.append(tuple(values[n] for n in self.names) if self.names is not None else values)
        return out

    def run(self, conn: Any, params: list[dict[str, Any]]) -> int:
        cursor = conn.connection.dbapi_connection.cursor()
        try:
            cursor.executemany(self.sql, self.rows(params))
            return int(cursor.rowcount)
        finally:
            cursor.close()


_RELEASE = (
    update(_D)
    .where(_D.c.id == bindparam("did"), _D.c.state == DeliveryState.SENDING.value)
    .values(
        state=DeliveryState.QUEUED.value,
        attempts=_D.c.attempts - 1,
        updated_at=bindparam("now", type_=_D.c.updated_at.type),
    )
)


class _Ledger:
    """The run's ledger writes, on one connection in a writer thread: one commit per group of
    ``CLAIM_AHEAD`` messages, made while the previous group's last message is on the wire.

    Ordering that keeps the promise "never two emails to one owner":
    - a row's claim (``sending``) is always committed before its message is handed over;
    - the NEXT group is prepared (address check, render, MIME bytes) and its claims committed,
      together with the buffered outcomes, in the writer thread while the current group's last
      message is being sent (the SMTP round trips release the GIL);
    - a message's outcome (and its event) is buffered and committed with the next group's claims,
      or at a flush (before waiting, stopping, raising, or reading the next batch).
    After a crash (SIGKILL, power loss), the next run makes every ``sending`` row ``uncertain``:
    the message on the wire, the group claimed ahead (never handed over) and the answers that
    arrived but were not committed: at most ``2 * CLAIM_AHEAD + 1`` rows, each "may have been
    sent"; an operator decides, nothing is resent on its own. A run that stops normally (pause,
    cancel, error) releases the claims it did not use: those rows are ``queued`` again.
    The campaign's state (a pause or cancel from another console) is read with every claim.
    Measured (benchmarks/campaign.py, 10,000 owners): one commit per message in the sending
    thread reached 0.55x the raw smtplib floor; this (with ``_Raw`` statements) about 0.9x."""

    def __init__(self, engine: Engine, campaign_id: int, login: str) -> None:
        self.pool = ThreadPoolExecutor(1, thread_name_prefix="campaign-ledger")
        self.campaign_id, self.login = campaign_id, login
        self.outcomes: list[dict[str, Any]] = []
        self.events: list[dict[str, Any]] = []
        self.conn = self.pool.submit(engine.connect).result()
        self.raw = {
            "claim": _Raw(_CLAIM, engine.dialect),
            "outcome": _Raw(_OUTCOME, engine.dialect),
            "event": _Raw(_EVENT, engine.dialect, ["delivery_id", "state", "at", "reply", "operator"]),
        }

    # ---- main thread
    def outcome(self, delivery_id: int, state: str, reply: str, next_at: dt.datetime | None) -> None:
        now = utcnow()
        self.outcomes.append({"did": delivery_id, "new": state, "reply": reply, "next_at": next_at, "now": now})
        self.events.append({"delivery_id": delivery_id, "state": state, "at": now, "reply": reply, "operator": self.login})

    def _take(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        taken = self.outcomes, self.events
        self.outcomes, self.events = [], []
        return taken

    def claim(self, rows: list[Any], prepare: Callable[[Any], _Prepared]) -> Future[_Claimed]:
        """In the writer thread: prepare each row's message (``prepare``: address check, render,
        MIME bytes: off the sending thread's path), then commit the buffered outcomes and the
        claims in one transaction. The future's result: (the campaign's state when it is no longer
        running, nothing claimed; else "", the prepared rows claimed by id: rows no longer
        ``queued`` are left out)."""
        return self.pool.submit(self._claim, *self._take(), rows, prepare)

    def release(self, delivery_ids: list[int]) -> None:
        """Undo claims whose messages were never handed over (the run stops before them)."""
        self.pool.submit(self._release, *self._take(), delivery_ids).result()

    def flush(self) -> None:
        if self.outcomes:
            self.pool.submit(self._flush, *self._take()).result()

    def close(self) -> None:
        try:
            self.flush()
        finally:
            self.pool.submit(self.conn.close).result()
            self.pool.shutdown()

    # ---- writer thread
    def _write(self, outcomes: list[dict[str, Any]], events: list[dict[str, Any]]) -> None:
        if outcomes:
            self.raw["outcome"].run(self.conn, outcomes)
            self.raw["event"].run(self.conn, events)

    def _flush(self, outcomes: list[dict[str, Any]], events: list[dict[str, Any]]) -> None:
        with self.conn.begin():
            self._write(outcomes, events)

    def _claim(
        self, outcomes: list[dict[str, Any]], events: list[dict[str, Any]], rows: list[Any], prepare: Callable[[Any], _Prepared]
    ) -> _Claimed:
        prepared = {row.id: prepare(row) for row in rows}
        now = utcnow()
        with self.conn.begin():
            params = [
                {
                    "did": did,
                    "new": _claim_state(p.problem),
                    "now": now,
                    "cid": self.campaign_id,
                    "inc": 0 if p.problem else 1,
                    "reply": p.problem or None,
                }
                for did, p in prepared.items()
            ]
            claimed = set(prepared)
            if self.raw["claim"].run(self.conn, params) != len(rows):
                state = self.conn.execute(_STATE_Q, {"cid": self.campaign_id}).scalar()
                if state != RUNNING:  # paused or cancelled meanwhile: nothing was claimed
                    self._write(outcomes, events)
                    return state or "cancelled", {}
                # some row was no longer queued (it cannot be, under the version's lock; checked anyway)
                claimed = set(
                    self.conn.scalars(
                        select(_D.c.id).where(
                            _D.c.id.in_(claimed),
                            _D.c.campaign_id == self.campaign_id,
                            _D.c.updated_at == now,
                            _D.c.state.in_((DeliveryState.SENDING.value, DeliveryState.FAILED.value)),
                        )
                    )
                )
            # the claims' events go in with the outcomes' events: one INSERT
            events = [
                *events,
                *(
                    {"delivery_id": p["did"], "state": p["new"], "at": now, "reply": p["reply"], "operator": self.login}
                    for p in params
                    if p["did"] in claimed
                ),
            ]
            if outcomes:
                self.raw["outcome"].run(self.conn, outcomes)
            if events:
                self.raw["event"].run(self.conn, events)
        return "", {did: p for did, p in prepared.items() if did in claimed}

    def _release(self, outcomes: list[dict[str, Any]], events: list[dict[str, Any]], delivery_ids: list[int]) -> None:
        now = utcnow()
        with self.conn.begin():
            self._write(outcomes, events)
            for did in delivery_ids:
                if self.conn.execute(_RELEASE, {"did": did, "now": now}).rowcount:
                    self.conn.execute(
                        _EVENT,
                        {
                            "delivery_id": did,
                            "state": DeliveryState.QUEUED.value,
                            "at": now,
                            "reply": "not sent: the run stopped first",
                            "operator": self.login,
                        },
                    )


class _Prepared(NamedTuple):
    to: str
    problem: str  # why the row fails without a message ("" when it has one)
    message: bytes


_Claimed = tuple[str, dict[int, _Prepared]]


def _claim_state(problem: str) -> str:
    return DeliveryState.FAILED.value if problem else DeliveryState.SENDING.value


def _loop(run: _Run) -> str:
    """Send until nothing is due; returns "" when done, else why it stopped.

    The owners' names and addresses are read on one connection held for the run, on which the
    campaign's recipients are opened once (``personal.open_campaign``: audited with the count
    queued; on PostgreSQL the database's own check that the campaign runs)."""
    engine = run.sessions.kw["bind"]
    ledger = _Ledger(engine, run.campaign_id, run.operator.login)
    held = engine.connect()
    reader = Session(bind=held)
    try:
        with reader.begin():
            personal.open_campaign(reader, run.operator, run.version_id)
        return _send_all(run, ledger, reader)
    finally:
        try:
            personal.close_campaign(reader)
        finally:
            reader.close()
            held.close()
            ledger.close()


def _send_all(run: _Run, ledger: _Ledger, reader: Session) -> str:
    while True:
        with reader.begin():
            session = reader
            batch = _candidates(session, run.version_id, utcnow())
            if not batch:
                next_due = session.scalar(
                    select(func.min(NoticeDelivery.next_attempt_at)).where(
                        NoticeDelivery.policy_version_id == run.version_id, NoticeDelivery.state == DeliveryState.QUEUED.value
                    )
                )
        if not batch:
            ledger.flush()
            if next_due is None:
                return ""
            if not run.wait_for_retries:
                return "retries pending"
            seconds = max((next_due - utcnow()).total_seconds(), 0.0)
            if seconds >= IDLE_HANG_UP:
                run.hang_up()
            # the run's budget (``_Run.failures``) is not reset by waiting: only a message accepted resets it
            if not _wait(run, seconds):
                return "paused"
            continue
        stop = _send_batch(run, ledger, batch)
        if stop:
            return stop
        # the next batch is read on another connection: it must see this batch's outcomes
        ledger.flush()


def _prepare(run: _Run, row: Any) -> _Prepared:
    """A row's validated address and message bytes, or why it has none (runs in the writer thread)."""
    try:
        to = validate_email(row.email) if row.email else ""
    except InvalidInput as exc:
        return _Prepared("", f"invalid email address: {exc.message}", b"")
    if not to:
        return _Prepared("", "the account has no email address", b"")
    mail = run.compiled.render(to, row.name or "", str(row.account_id), row.language)
    return _Prepared(to, "", build_message(mail, run.settings.from_address, msgid_domain=run.msgid_domain))


def _send_batch(run: _Run, ledger: _Ledger, batch: list[Any]) -> str:
    """Send one batch, claiming ``CLAIM_AHEAD`` rows per commit: the next group is prepared and its
    claims committed (writer thread) while the last message of the current group is on the wire."""
    groups = [batch[i : i + CLAIM_AHEAD] for i in range(0, len(batch), CLAIM_AHEAD)]

    def claim(g: int) -> Future[_Claimed]:
        return ledger.claim(groups[g], lambda row: _prepare(run, row))

    unsent: list[int] = []  # claimed as ``sending``, message not handed over
    ahead: Future[_Claimed] | None = claim(0)
    try:
        for g, group in enumerate(groups):
            assert ahead is not None
            stopped, claimed = ahead.result()
            ahead = None
            if stopped:
                return stopped
            unsent = [did for did, p in claimed.items() if not p.problem]
            for n, row in enumerate(group):
                prepared = claimed.get(row.id)
                if prepared is None:
                    continue
                if prepared.problem:
                    run.move("queued", "failed")
                    run.report()
                    continue
                if run.cancel is not None and run.cancel():
                    return "paused"
                if n == len(group) - 1 and g + 1 < len(groups):
                    ahead = claim(g + 1)  # prepared and committed while this message is on the wire
                unsent.remove(row.id)
                _deliver(run, ledger, row, prepared)
            if ahead is None and g + 1 < len(groups):
                ahead = claim(g + 1)  # the group's last row had no message to send
        return ""
    finally:
        if ahead is not None and ahead.exception() is None:
            unsent += [did for did, p in ahead.result()[1].items() if not p.problem]
        if unsent:
            ledger.release(unsent)


def _deliver(run: _Run, ledger: _Ledger, row: Any, prepared: _Prepared) -> None:
    """Send one claimed row's message and buffer its outcome."""
    attempts = row.attempts + 1
    run.move("queued", "sending")
    try:
        smtp = run.connection()
    except mailer.SmtpUnavailable as exc:
        # never handed over: the row waits for its backoff like a 4xx, and the run counts the failure
        log.warning("campaign %s: cannot connect to the SMTP server: %s", run.campaign_id, exc.message)
        _retry_later(run, ledger, row.id, attempts, f"not sent: {exc.message}")
        run.failed(exc.message)
        return
    except ConsoleError as exc:  # the login is refused now: nothing is retried before the settings change
        _record(run, ledger, row.id, DeliveryState.QUEUED.value, f"not sent: {exc.message}", None)
        raise
    try:
        code, reply, at_mail = _send_one(smtp, run.settings.from_address, prepared.to, prepared.message)
    except _Dropped as exc:
        run.drop()
        log.warning("campaign %s: the SMTP server dropped the connection (%s); reconnecting", run.campaign_id, exc.reason)
        if exc.handed:
            _record(run, ledger, row.id, DeliveryState.UNCERTAIN.value, exc.reason, None)
        else:
            _retry_later(run, ledger, row.id, attempts, exc.reason)
        refused = exc.reason[:1].isdigit()  # a 421 quoted, else "connection lost: ..."
        run.failed(
            f"keeps refusing: {exc.reason}" if refused else f"keeps dropping the connection: {exc.reason.removeprefix('connection lost: ')}"
        )
        return
    if code < 400:
        run.sent_now += 1
        run.succeeded()
        _record(run, ledger, row.id, DeliveryState.SENT.value, reply, None)
    elif code < 500:
        _retry_later(run, ledger, row.id, attempts, reply)
        if at_mail:  # the sender or the session refused, not this owner
            log.warning("campaign %s: the SMTP server refused MAIL FROM (%s); retrying later", run.campaign_id, reply)
            run.failed(f"keeps refusing: {reply}")
    elif at_mail:  # 5xx to MAIL FROM: the sender address is refused, for every owner alike: not this owner's failure
        _record(run, ledger, row.id, DeliveryState.QUEUED.value, reply, utcnow())
        run.failed(f"refuses the sender address: {reply}", at_once=True)
    else:
        _record(run, ledger, row.id, DeliveryState.FAILED.value, reply, None)


def _retry_later(run: _Run, ledger: _Ledger, delivery_id: int, attempts: int, reply: str) -> None:
    """A row that was not delivered this time: ``queued`` with its backoff, or ``failed`` once its
    ``max_attempts`` are spent (4xx answers, failed and dropped connections share the budget)."""
    if attempts < run.max_attempts:
        delay = run.retry_delays[min(attempts - 1, len(run.retry_delays) - 1)]
        _record(run, ledger, delivery_id, DeliveryState.QUEUED.value, reply, utcnow() + dt.timedelta(seconds=delay))
    else:
        _record(run, ledger, delivery_id, DeliveryState.FAILED.value, f"gave up after {plural(attempts, 'attempt')}: {reply}", None)


def _record(run: _Run, ledger: _Ledger, delivery_id: int, state: str, reply: str, next_at: dt.datetime | None) -> None:
    ledger.outcome(delivery_id, state, reply, next_at)
    run.move("sending", state)
    run.report()
