"""Rectification: the customer's right to have their name, email or company corrected.

The policy: "You can access, change or delete your information at any time." ``rectify`` changes
an account's name, email or company under an access grant, every field validated before anything
is written, and audits the change in the same transaction.

``set_language`` records the language an owner's notices are written in (``Language``: a policy
change campaign and a law-enforcement notice pick their template by it). It is no personal field:
it needs the operator role but no access grant, and is audited with the old and new value.
``validate_language`` is the one check of a language's name."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from sqlalchemy import select, update

from minisip_console.core import audit
from minisip_console.core.access import _check_id, _live_account, _now, _operator_login, _operator_row, _require_grant, enforce
from minisip_console.core.models import Account, Language
from minisip_console.core.personal import PersonalReader
from minisip_console.core.plumbing.errors import InvalidInput
from minisip_console.core.validation import validate_company, validate_email, validate_name

if TYPE_CHECKING:
    import datetime as dt

    from sqlalchemy.orm import Session, sessionmaker

    from minisip_console.core.operators import OperatorInfo


# --------------------------------------------------------------------------- rectification

RECTIFIABLE = ("name", "email", "company")


def rectify(
    sessions: sessionmaker[Session],
    operator: OperatorInfo,
    account_id: int,
    *,
    name: str | None = None,
    email: str | None = None,
    company: str | None = None,
    now: dt.datetime | None = None,
) -> list[str]:
    """Change an account's name, email or company; returns the fields that changed.

    Every given field is validated before anything is written; the change and its audit event
    (field names only) commit together. Fields equal to the stored value are not "changed".
    """
    _check_id(account_id, "an account")
    given = {"name": name, "email": email, "company": company}
    if all(v is None for v in given.values()):
        raise InvalidInput("Nothing to change.", hint="Give a new name, email or company.")
    validators = {"name": validate_name, "email": validate_email, "company": validate_company}
    clean = {field: validators[field](value) for field, value in given.items() if value is not None}
    at = _now(now)
    with sessions() as session, session.begin():
        enforce("rectify", operator)
        grant = _require_grant(session, operator, account_id, at, "rectify the details")
        _live_account(session, account_id, "rectify it")
        reader = PersonalReader(session, replace(operator, login=_operator_login(session, grant.operator_id)))
        reader.open_account(
            account_id,
            action="account.read",
            details={"grant_id": grant.id, "purpose": grant.purpose, "ticket": grant.ticket_ref, "for": "account.rectify"},
            at=at,
        )
        acc = reader.entity(Account)
        account = session.scalar(select(acc).where(acc.id == account_id))
        changed = [field for field in RECTIFIABLE if field in clean and getattr(account, field) != clean[field]]
        if not changed:
            return []
        session.execute(update(Account).where(Account.id == account_id).values({field: clean[field] for field in changed}))
        audit.append(
            session,
            operator=_operator_login(session, grant.operator_id),
            action="account.rectify",
            target_type="account",
            target_id=account_id,
            details={"fields": changed},
            at=at,
        )
        return changed


# --------------------------------------------------------------------------- language

#: the languages an account may have, in the order they are offered
LANGUAGES: tuple[str, ...] = tuple(language.value for language in Language)


def validate_language(value: object) -> str:
    """``value`` as a ``Language`` value (exact spelling; surrounding blanks ignored).

    Raises ``InvalidInput`` naming the value and the languages there are."""
    text = value.strip() if isinstance(value, str) else ""
    if text in LANGUAGES:
        return text
    shown = repr(value[:40]) if isinstance(value, str) else repr(value)
    raise InvalidInput(f"Unknown language {shown}.", hint=f"Use one of: {', '.join(LANGUAGES)}.")


def set_language(
    sessions: sessionmaker[Session], operator: OperatorInfo, account_id: int, language: str, *, now: dt.datetime | None = None
) -> tuple[str, str]:
    """Set the language of an account's notices; returns (the language before, the language now).

    The value is validated before anything is read; setting the language it already has changes
    nothing and writes no event. The change and its audit event commit together."""
    enforce("rectify", operator)
    _check_id(account_id, "an account")
    clean = validate_language(language)
    at = _now(now)
    with sessions() as session, session.begin():
        row = _operator_row(session, operator, "set an account's language")
        _live_account(session, account_id, "set its language")
        before = session.scalar(select(Account.language).where(Account.id == account_id).with_for_update()) or Language.EN.value
        if before == clean:
            return before, clean
        session.execute(update(Account).where(Account.id == account_id).values(language=clean))
        audit.append(
            session,
            operator=row.login,
            action="account.set_language",
            target_type="account",
            target_id=account_id,
            details={"from": before, "to": clean},
            at=at,
        )
        return before, clean
