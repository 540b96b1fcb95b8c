"""The masking rules in Python (core/masking.py): a table of tricky cases, and what changed.

``CASES`` is the table tests/integration/test_masking_sql.py runs through the SQL functions too.
The ``_before_*`` functions are the rules as they were before they had SQL twins (Unicode
``\\s``/``\\d``/``\\w``, ``str.split()``, ``str.lower()``): on ASCII text the rules did not change,
and ``mask_words`` did not change at all.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minisip_console.core import accounts, cdr_browse, masking
from minisip_console.core.masking import (
    KEPT_DIGITS,
    LETTER_RANGES,
    MASK,
    NUMBER_MASK,
    WHITESPACE,
    mask_clid,
    mask_email,
    mask_number,
    mask_words,
)

MaskFunction = Callable[[str | None], str]

FUNCTIONS: dict[str, MaskFunction] = {
    "words": mask_words,
    "email": mask_email,
    "number": mask_number,
    "clid": mask_clid,
}

#: (function, value, masked): every case holds for Python and for SQL
CASES: tuple[tuple[str, str | None, str], ...] = (
    # words: initials, whatever separates the words
    ("words", None, ""),
    ("words", "", ""),
    ("words", "John Doe", "J*** D***"),
    ("words", "John  Doe", "J*** D***"),
    ("words", "  John\tDoe \n", "J*** D***"),
    ("words", " \t\n\u3000", ""),
    ("words", "John\u00a0Doe", "J*** D***"),  # no-break space
    ("words", "John\u3000Doe\u2028Jr", "J*** D*** J***"),  # ideographic space, line separator
    ("words", "John\x1fDoe\x85X", "J*** D*** X***"),  # unit separator, next line
    ("words", "John\u200bDoe", "J***"),  # a zero-width space separates nothing
    ("words", "J", "J***"),
    ("words", "J D", "J*** D***"),
    ("words", "Émile Zoë Ångström", "É*** Z*** Å***"),
    ("words", "e\u0301mile", "e***"),  # a decomposed accent: the first code point only
    ("words", "山田 太郎", "山*** 太***"),
    ("words", "Дмитрий Иванов", "Д*** И***"),
    ("words", "😀 Doe", "😀*** D***"),
    ("words", "Acme\\Co 'x' $1 \\1", "A*** '*** $*** \\***"),  # SQL and regex metacharacters
    # email: the local part's first character; public domains stay, a company's do not
    ("email", None, ""),
    ("email", "", ""),
    ("email", "john.doe@example.com", "j***@example.com"),
    ("email", "Ann@GMAIL.COM", "A***@gmail.com"),
    ("email", "  ann@gmail.com \t", "a***@gmail.com"),
    ("email", "ann@scott-group.example", "a***@s***.example"),
    ("email", "ann@Scott-Group.EXAMPLE", "a***@s***.example"),
    ("email", "ops@mail.acme-telecom.co.uk", "o***@m***.uk"),
    ("email", "ann@gmail.com.evil.example", "a***@g***.example"),
    ("email", "root@localhost", "r***@l***"),  # no dot
    ("email", "ann@.com", "a***@.***"),  # a dot only first: no head to keep
    ("email", "ann@..com", "a***@.***.com"),
    ("email", "ann@", "a***@***"),
    ("email", "a@b@c.com", "a***@c***.com"),  # two @: the last one splits
    ("email", "@example.com", "@***"),  # no local part: masked as words
    ("email", "not an address", "n*** a*** a***"),
    ("email", "ann@ÉCOLE.FR", "a***@É***.fr"),  # only A-Z are lower-cased
    ("email", "Åsa@gmail.com", "Å***@gmail.com"),
    ("email", "山田@例え.jp", "山***@例***.jp"),
    ("email", "😀@😀.😀", "😀***@😀***.😀"),
    ("email", "ann\u00a0@\u00a0gmail.com", "a***@\u00a0***.com"),  # inner whitespace is not stripped
    # number: the last two digits, only with more than two
    ("number", None, ""),
    ("number", "", ""),
    ("number", "+442079460056", "•••••56"),
    ("number", "0044 20 7946 0056", "•••••56"),
    ("number", "101", "•••••01"),
    ("number", "12", "•••••"),
    ("number", "1", "•••••"),
    ("number", "s", "•••••"),
    ("number", "  ", "•••••"),
    ("number", "anonymous", "•••••"),
    ("number", "sip:+442079460056@pbx.example", "•••••56"),
    ("number", "sip:alice@pbx.example", "•••••"),
    ("number", "٠١٢٣٤", "•••••"),  # Arabic-Indic digits are not 0-9
    ("number", "１２３４５", "•••••"),  # nor are fullwidth ones
    # clid: "name" <number>, name <number>, or a bare name or number
    ("clid", None, ""),
    ("clid", "", ""),
    ("clid", '"Ann Smith" <+442079460056>', '"A*** S***" <•••••56>'),
    ("clid", "Ann Smith <+442079460056>", '"A*** S***" <•••••56>'),
    ("clid", '  "Ann\tSmith"\u00a0 <12345>  ', '"A*** S***" <•••••45>'),
    ("clid", '"" <2001>', '"" <•••••01>'),
    ("clid", "<2001>", '"" <•••••01>'),
    ("clid", '"Ann" <>', '"A***" <>'),
    ("clid", '"Ann" <12>', '"A***" <•••••>'),
    ("clid", '"a<b" <1<2>', '"a***" <•••••>'),  # a quoted name may hold <, a number <
    ("clid", '"Ann" <1"23>', '"A***" <•••••23>'),
    ("clid", "a>b <123>", '"a***" <•••••23>'),  # a bare name may hold >
    ("clid", '"Ann" Smith <123>', '"*** S*** <***'),  # neither form: words
    ("clid", "Ann <123> x", "A*** <*** x***"),
    ("clid", "Ann <123", "A*** <***"),
    ("clid", "+442079460056", "•••••56"),
    ("clid", "+44 (20) 7946-0056", "•••••56"),
    ("clid", "0 2 0 7 9 4 6 – 0 0 5 6", "•••••56"),  # an en dash is no letter
    ("clid", "📞 2079460056", "•••••56"),
    ("clid", "Ann Smith", "A*** S***"),
    ("clid", "anonymous", "a***"),
    ("clid", "sip:alice@pbx.example", "s***"),
    ("clid", "Дмитрий", "Д***"),
    ("clid", "山田", "山***"),
    ("clid", "ሰላም 12345", "•••••45"),  # a script LETTER_RANGES does not list reads as a number
)


def _cases() -> list[object]:
    return [pytest.param(f, value, masked, id=f"{f}-{value!r}") for f, value, masked in CASES]


@pytest.mark.parametrize(("function", "value", "masked"), _cases())
def test_tricky_cases(function: str, value: str | None, masked: str) -> None:
    assert FUNCTIONS[function](value) == masked


def test_the_old_modules_export_the_same_names() -> None:
    assert (accounts.MASK, accounts.PUBLIC_MAIL_DOMAINS) == (masking.MASK, masking.PUBLIC_MAIL_DOMAINS)
    assert (accounts.mask_words, accounts.mask_email) == (mask_words, mask_email)
    assert (cdr_browse.NUMBER_MASK, cdr_browse.KEPT_DIGITS) == (NUMBER_MASK, KEPT_DIGITS)
    assert (cdr_browse.mask_number, cdr_browse.mask_clid) == (mask_number, mask_clid)


# --------------------------------------------------------------------------- the explicit sets


def test_whitespace_is_what_str_split_splits_on() -> None:
    """The list is Python 3.11's (Unicode 14; unchanged since Unicode 6.3). Should a later Unicode
    add a space, this fails: add it to ``WHITESPACE`` (Python and SQL follow) or keep the list."""
    assert set(WHITESPACE) == {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()}
    assert len(set(WHITESPACE)) == len(WHITESPACE)


def test_letter_ranges_hold_only_letters() -> None:
    """Every code point counted as a letter was a letter before: no value that used to be masked
    as a number (two digits at most) is now masked as words (initials)."""
    letter = re.compile(r"[^\W\d_]")
    for first, last in LETTER_RANGES:
        assert first <= last
        assert all(letter.match(chr(c)) for c in range(first, last + 1)), (hex(first), hex(last))


# --------------------------------------------------------------------------- before the SQL twins


def _before_words(text: str | None) -> str:
    if not text:
        return ""
    return " ".join(word[0] + MASK for word in text.split())


def _before_email(address: str | None) -> str:
    if not address:
        return ""
    local, at, domain = address.strip().rpartition("@")
    if not at or not local:
        return _before_words(address)
    domain = domain.lower()
    if domain not in masking.PUBLIC_MAIL_DOMAINS:
        head, dot, tld = domain.rpartition(".")
        domain = f"{head[0]}{MASK}.{tld}" if dot and head else f"{domain[:1]}{MASK}"
    return f"{local[0]}{MASK}@{domain}"


def _before_number(value: str | None) -> str:
    if not value:
        return ""
    digits = re.sub(r"\D", "", value)
    return NUMBER_MASK + digits[-KEPT_DIGITS:] if len(digits) > KEPT_DIGITS else NUMBER_MASK


_BEFORE_CLID = re.compile(r'^\s*(?:"(?P<quoted>[^"]*)"|(?P<bare>[^"<]*?))\s*<(?P<number>[^>]*)>\s*$')


def _before_clid(value: str | None) -> str:
    if not value:
        return ""
    m = _BEFORE_CLID.match(value)
    if m:
        name = m["quoted"] if m["quoted"] is not None else (m["bare"] or "")
        return f'"{_before_words(name)}" <{_before_number(m["number"])}>'
    if re.search(r"[^\W\d_]", value):
        return _before_words(value)
    return _before_number(value)


#: the characters that shape a value: separators of each rule, digits, letters
_SHAPING = ' \t\n\x0b\x1f"<>@.+-0123456789aAzZ'
_ASCII_TEXT = st.text(st.sampled_from(_SHAPING) | st.characters(max_codepoint=0x7F), max_size=30)


@settings(max_examples=300, derandomize=True)
@given(_ASCII_TEXT)
def test_ascii_text_is_masked_as_before(text: str) -> None:
    assert mask_words(text) == _before_words(text)
    assert mask_email(text) == _before_email(text)
    assert mask_number(text) == _before_number(text)
    assert mask_clid(text) == _before_clid(text)


@settings(max_examples=300, derandomize=True)
@given(st.text(st.sampled_from(WHITESPACE + "ab") | st.characters(), max_size=30))
def test_words_are_masked_as_before(text: str) -> None:
    assert mask_words(text) == _before_words(text)


# --------------------------------------------------------------------------- what a mask shows


@settings(max_examples=300, derandomize=True)
@given(st.text(st.sampled_from(_SHAPING.replace("<", "") + "٣５–😀éЖ") | st.characters(), max_size=30))
def test_a_number_shows_at_most_the_kept_digits(text: str) -> None:
    masked = mask_number(text)
    if text:
        assert re.fullmatch(f"{NUMBER_MASK}[0-9]{{0,{KEPT_DIGITS}}}", masked)
    else:
        assert masked == ""
    if "<" not in text and not any(first <= ord(c) <= last for c in text for first, last in LETTER_RANGES):
        assert mask_clid(text) == masked  # no <number>, no letter: a number, never initials
