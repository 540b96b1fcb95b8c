"""Checks on what an operator types into an account: names, companies, email addresses, evidence.

Each check returns the cleaned value or raises ``InvalidInput`` with a sentence that names the
field and what is wrong, never echoing a long value back in full. They are the core's: the GUI's
field validators may mirror them, but the core refuses bad input whatever calls it.

Names and companies are any script (Latin, Cyrillic, CJK, Arabic...), NFC-normalised, 1 to 200
characters after trimming. Control characters (tabs, newlines, NUL, line and paragraph
separators, bidirectional overrides) are refused everywhere: they break CSV exports, log lines
and emails, and can disguise a value on screen.
"""

from __future__ import annotations

import re
import unicodedata

from minisip_console.core.plumbing.errors import InvalidInput
from minisip_console.core.text import say

NAME_MAX = 200
COMPANY_MAX = 200
EMAIL_MAX = 254  # RFC 5321 path limit less the angle brackets
EMAIL_LOCAL_MAX = 64
EMAIL_LABEL_MAX = 63
EVIDENCE_MIN, EVIDENCE_MAX = 3, 300

#: characters that reorder text on screen (a "RLO" can make ``gpj.exe`` look like ``exe.jpg``)
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

# A practical address: a dot-atom local part (RFC 5322 atext, or any non-ASCII character as
# RFC 6531 allows) and a domain of dot-separated labels ending in a top-level domain of letters
# (or an ``xn--`` punycode one). Quoted local parts and IP-literal domains are refused: no
# mailbox the service sends to uses them.
_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~\-\u0080-\U0010ffff]"
_LABEL_CHAR = r"[A-Za-z0-9\u0080-\U0010ffff]"
_LABEL = rf"{_LABEL_CHAR}(?:[A-Za-z0-9\-\u0080-\U0010ffff]*{_LABEL_CHAR})?"
_TLD = r"(?:[A-Za-z\u0080-\U0010ffff]{2,}|[Xx][Nn]--[A-Za-z0-9\-]+)"
EMAIL_RE = re.compile(rf"^{_ATEXT}+(?:\.{_ATEXT}+)*@(?:{_LABEL}\.)+{_TLD}$")


def _shown(value: str, limit: int = 40) -> str:
    """A value as quoted in an error message: short, with control characters made visible."""
    text = value if len(value) <= limit else value[:limit] + "..."
    return repr(text)


def control_character(value: str) -> str | None:
    """The first control character in ``value`` as ``U+XXXX``, or ``None``."""
    for ch in value:
        category = unicodedata.category(ch)
        if category in ("Cc", "Cs", "Zl", "Zp") or ch in _BIDI_CONTROLS:
            return f"U+{ord(ch):04X}"
    return None


def _refuse_controls(field: str, value: str) -> None:
    found = control_character(value)
    if found:
        raise InvalidInput(
            say("The {field} contains a control character ({found}).", field=field, found=found),
            hint=say("Remove tabs, line breaks and other invisible characters from the {field}.", field=field),
        )


def _text_field(field: str, raw: str | None, maximum: int) -> str:
    if raw is None:
        raise InvalidInput(say("The {field} is missing.", field=field))
    _refuse_controls(field, raw)
    value = unicodedata.normalize("NFC", raw.strip())
    if not value:
        raise InvalidInput(say("The {field} cannot be empty.", field=field), hint=say("Give 1 to {maximum} characters.", maximum=maximum))
    if len(value) > maximum:
        raise InvalidInput(
            say("The {field} is too long ({value:,} characters).", field=field, value=len(value)),
            hint=say("Give at most {maximum} characters.", maximum=maximum),
        )
    return value


def validate_name(raw: str | None) -> str:
    """An account holder's name: 1 to 200 characters of any script, no control characters."""
    return _text_field("name", raw, NAME_MAX)


def validate_company(raw: str | None) -> str:
    """A company name: 1 to 200 characters of any script, no control characters."""
    return _text_field("company", raw, COMPANY_MAX)


def validate_email(raw: str | None) -> str:
    """An email address (trimmed); raises ``InvalidInput`` naming the field and the problem."""
    if raw is None:
        raise InvalidInput(say("The email address is missing."))
    _refuse_controls("email address", raw)
    value = raw.strip()
    if not value:
        raise InvalidInput(say("The email address cannot be empty."), hint=say("Give an address such as name@example.com."))
    if any(ch.isspace() for ch in value):
        raise InvalidInput(say("The email address {value} contains a space.", value=_shown(value)), hint=say("An address has no spaces."))
    if any(unicodedata.category(ch) == "Cf" for ch in value):
        raise InvalidInput(
            say("The email address contains an invisible formatting character."), hint=say("Type the address again by hand.")
        )
    if len(value) > EMAIL_MAX:
        raise InvalidInput(
            say("The email address is too long ({value:,} characters).", value=len(value)),
            hint=say("An address has at most {EMAIL_MAX}.", EMAIL_MAX=EMAIL_MAX),
        )
    local, at, domain = value.rpartition("@")
    if not at:
        raise InvalidInput(
            say("The email address {value} has no @.", value=_shown(value)), hint=say("Give an address such as name@example.com.")
        )
    if len(local) > EMAIL_LOCAL_MAX:
        raise InvalidInput(
            say("The part of the email address before the @ is too long ({local} characters).", local=len(local)),
            hint=say("It may have at most {EMAIL_LOCAL_MAX}.", EMAIL_LOCAL_MAX=EMAIL_LOCAL_MAX),
        )
    if any(len(label) > EMAIL_LABEL_MAX for label in domain.split(".")):
        raise InvalidInput(
            say(
                "The email address's domain {domain} has a part longer than {EMAIL_LABEL_MAX} characters.",
                domain=_shown(domain),
                EMAIL_LABEL_MAX=EMAIL_LABEL_MAX,
            )
        )
    if not EMAIL_RE.match(value):
        raise InvalidInput(
            say("{value} is not a valid email address.", value=_shown(value)), hint=say("Give an address such as name@example.com.")
        )
    return value


def validate_evidence(raw: str | None) -> str:
    """Evidence for a decision (a ticket, a signed form's reference): 3 to 300 characters."""
    if raw is None or not raw.strip():
        raise InvalidInput(say("Evidence is required."), hint=say("Give the ticket or the signed form's reference the decision rests on."))
    _refuse_controls("evidence", raw)
    value = raw.strip()
    if len(value) < EVIDENCE_MIN:
        raise InvalidInput(
            say("The evidence {value} is too short.", value=_shown(value)),
            hint=say("Give {EVIDENCE_MIN} to {EVIDENCE_MAX} characters.", EVIDENCE_MIN=EVIDENCE_MIN, EVIDENCE_MAX=EVIDENCE_MAX),
        )
    if len(value) > EVIDENCE_MAX:
        raise InvalidInput(
            say("The evidence is too long ({value:,} characters).", value=len(value)),
            hint=say("Give at most {EVIDENCE_MAX} characters.", EVIDENCE_MAX=EVIDENCE_MAX),
        )
    return value
