"""How personal data is masked, written once: in Python and as PostgreSQL functions that agree.

The core masks names, email addresses and phone numbers before a row leaves it (``accounts``,
``cdr_browse``), and a masked view in the database produces the same values for logins that may
not read the raw columns. Both come from here: the Python functions below and the SQL functions
of ``sql_functions()``, generated from the same constants and patterns, so they cannot drift
(tests/integration/test_masking_sql.py checks that they return the same text for any text).

The rules (each returns ``""`` for ``None`` and ``""``; in SQL, ``''`` for NULL and ``''``):

- ``mask_words``: the first character of each word, then ``MASK``, words joined by one space:
  ``"John  Doe"`` -> ``"J*** D***"``. A word is a maximal run of characters not in
  ``WHITESPACE``.
- ``mask_email``: the address without surrounding ``WHITESPACE`` is split at its last ``@``;
  with no ``@`` after its first character it is masked as words. Otherwise the local part keeps
  its first character; the domain, lower-cased (``A``-``Z`` only), stays when it is one of
  ``PUBLIC_MAIL_DOMAINS`` (it identifies nobody); a company's own domain keeps its first
  character and its top-level domain, ``"ann@scott-group.example"`` -> ``"a***@s***.example"``,
  or only its first character without a dot after it (``"root@localhost"`` -> ``"r***@l***"``).
- ``mask_number``: ``NUMBER_MASK``, then the last ``KEPT_DIGITS`` digits (``0``-``9``) when the
  value has more than ``KEPT_DIGITS`` of them: ``"+442079460056"`` -> ``"•••••56"``, ``"12"``
  -> ``"•••••"``.
- ``mask_clid``: ``"name" <number>`` (``CLID_QUOTED``) or ``name <number>`` (``CLID_BARE``),
  whitespace allowed around the parts, becomes ``"masked name" <masked number>``; any other
  value is masked as words when it holds a letter (``LETTER_RANGES``), else as a number.

No rule depends on a locale or on a Unicode table that Python and PostgreSQL could read
differently (``\\s``, ``\\d``, ``\\w``, POSIX classes, ``str.split()``, ``str.lower()``, a
locale's ``lower()``): whitespace is the listed ``WHITESPACE`` (what ``str.split()`` splits on),
a digit is ``0``-``9``, lower-casing maps ``A``-``Z`` only (SQL: ``lower()`` in the ``"C"``
collation, which PostgreSQL documents as treating only ``A``-``Z`` as letters), and a letter is
a code point of ``LETTER_RANGES``. The letter rule is narrow on purpose: it only decides whether
a caller id without ``<number>`` is a name (its initials show) or a number (at most
``KEPT_DIGITS`` digits show), and a character it does not know leaves the value a number, the
reading that shows less. The wider "anything but digits, whitespace and punctuation" would read
``"0 2 0 7 9 4 6 – 0 0 5 6"`` (an en dash) as words and show every digit.

The regular expressions read the same in Python's ``re`` and PostgreSQL's engine: bracket
expressions list their members as ``\\uXXXX`` escapes (both accept them, inside brackets too),
and each pattern parses an input in one way only, so the engines' different greediness rules
never matter.

The SQL functions are ``LANGUAGE sql``, IMMUTABLE and PARALLEL SAFE, each one expression of
built-in string functions, so PostgreSQL inlines them into the calling query: no function call
per value. They have no ``SET search_path`` clause, because any ``SET`` clause stops inlining
(a masked page then costs 2.5 times as much, see benchmarks/masking.py). Instead every function,
operator, type and collation they use is written ``pg_catalog.``-qualified (operators as
``OPERATOR(pg_catalog.=)``), so a ``search_path`` with a hostile schema first cannot slip its own
``btrim`` or ``||`` in; every constant is an ``E''`` literal, read the same whatever
``standard_conforming_strings`` is; and the argument is read in the ``"C"`` collation, so neither
the database's locale nor a column's (even nondeterministic) collation changes a result. Capture
groups extract nothing in the SQL (they send PostgreSQL's engine to its slower path). The database
must use the UTF8 encoding.

Cost, from benchmarks/masking.py on 200,000 rows (PostgreSQL 15 on the loopback, 2 busy cores,
two runs): a 500-row page of accounts (id, name, email, company, status, created_at) takes
5.5-6.7 ms masked against 1.6-1.7 ms plain (not inlined: 14-15 ms; plain, then masked in
Python: 4.4-5.2 ms); a page of calls (id, src, dst, clid) 3.9-6.0 ms against 0.6-0.8 ms. The
masking itself, 7-10 us a row, is string work PostgreSQL cannot skip; inlining only removes the
function calls around it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

#: what replaces the rest of a word
MASK = "***"
#: what replaces the hidden part of a phone number: fixed, so the length does not show
NUMBER_MASK = "•••••"
#: digits a masked number keeps (enough to tell two calls apart, too few to dial)
KEPT_DIGITS = 2

#: mail domains shared by many unrelated people: showing them identifies nobody
PUBLIC_MAIL_DOMAINS = frozenset(
    {
        "example.com",
        "example.net",
        "example.org",  # RFC 2606 reserved (the demo uses them)
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "hotmail.com",
        "live.com",
        "msn.com",
        "yahoo.com",
        "icloud.com",
        "me.com",
        "aol.com",
        "proton.me",
        "protonmail.com",
        "gmx.com",
        "gmx.de",
        "web.de",
        "mail.com",
        "yandex.ru",
        "qq.com",
        "163.com",
    }
)

#: the characters that separate words: exactly those ``str.split()`` splits on (Python 3.11,
#: Unicode 14), listed so that no Unicode table decides
WHITESPACE = (
    "\t\n\v\f\r"  # U+0009-U+000D
    "\x1c\x1d\x1e\x1f"  # the information separators
    " \x85\xa0"  # space, next line, no-break space
    "\u1680"  # Ogham space mark
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"  # en quad ... hair space
    "\u2028\u2029"  # line and paragraph separators
    "\u202f\u205f\u3000"  # narrow no-break, medium mathematical and ideographic spaces
)

_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_LOWER = "abcdefghijklmnopqrstuvwxyz"

#: the code points a caller id without ``<...>`` must contain to be read as a name: runs of
#: letters only, in the scripts names are commonly written in. A letter outside them (a rare
#: accented Greek capital, a script not listed) is not one here: such a value is read as a
#: number, which shows less.
LETTER_RANGES: tuple[tuple[int, int], ...] = (
    (0x0041, 0x005A),
    (0x0061, 0x007A),  # A-Z, a-z
    (0x00C0, 0x00D6),
    (0x00D8, 0x00F6),
    (0x00F8, 0x024F),  # Latin-1 letters, Latin Extended-A, -B
    (0x0391, 0x03A1),
    (0x03A3, 0x03CE),  # Greek
    (0x0400, 0x0481),  # Cyrillic
    (0x0531, 0x0556),
    (0x0560, 0x0588),  # Armenian
    (0x05D0, 0x05EA),  # Hebrew
    (0x0620, 0x064A),  # Arabic
    (0x0904, 0x0939),  # Devanagari
    (0x0E01, 0x0E30),  # Thai
    (0x10D0, 0x10FA),  # Georgian
    (0x1E00, 0x1EFF),  # Latin Extended Additional (Vietnamese)
    (0x3041, 0x3096),
    (0x30A1, 0x30FA),  # Hiragana, Katakana
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs
    (0xAC00, 0xD7A3),  # Hangul syllables
)


# --------------------------------------------------------------------------- patterns (both engines)


def _escape(code_point: int) -> str:
    """A character as a regular-expression escape that Python's ``re`` and PostgreSQL's read alike."""
    return f"\\u{code_point:04X}" if code_point <= 0xFFFF else f"\\U{code_point:08X}"


def _runs(chars: str) -> list[tuple[int, int]]:
    """The code points of ``chars`` as sorted ranges of consecutive code points."""
    runs: list[tuple[int, int]] = []
    for cp in sorted(set(map(ord, chars))):
        if runs and runs[-1][1] == cp - 1:
            runs[-1] = (runs[-1][0], cp)
        else:
            runs.append((cp, cp))
    return runs


def _bracket(ranges: Iterable[tuple[int, int]], *, negated: bool = False) -> str:
    members = "".join(_escape(a) if a == b else f"{_escape(a)}-{_escape(b)}" for a, b in ranges)
    return f"[{'^' if negated else ''}{members}]"


_WS = _bracket(_runs(WHITESPACE))
_NOT_WS = _bracket(_runs(WHITESPACE), negated=True)
#: a letter (see ``LETTER_RANGES``)
LETTER = _bracket(LETTER_RANGES)
#: what ``mask_number`` drops before counting digits
NON_DIGITS = "[^0-9]+"
#: caller ids with a number part (whole-string patterns), groups (name, number). Each input
#: parses in one way only: a quoted name starts at the first non-whitespace character and ends
#: at the next ``"``; a bare name has no ``"`` and ends at the first ``<``; the number ends at
#: the first ``>`` after its ``<``, and only whitespace may follow. No input has both forms (a
#: bare name has no ``"``).
_QUOTED_NAME = f'{_WS}*"([^"]*)"{_WS}*'
_BARE_NAME = '([^"<]*)'
_NUMBER = f"<([^>]*)>{_WS}*"
CLID_QUOTED = _QUOTED_NAME + _NUMBER
CLID_BARE = _BARE_NAME + _NUMBER

_WHITESPACE_RUN = re.compile(f"{_WS}+")
_NON_DIGITS = re.compile(NON_DIGITS)
_LETTER = re.compile(LETTER)
_CLID_QUOTED = re.compile(CLID_QUOTED)
_CLID_BARE = re.compile(CLID_BARE)
_TO_LOWER = str.maketrans(_UPPER, _LOWER)


# --------------------------------------------------------------------------- Python


def mask_words(text: str | None) -> str:
    """``"John Doe"`` -> ``"J*** D***"``: the first character of each word, nothing more."""
    if not text:
        return ""
    return " ".join(word[0] + MASK for word in _WHITESPACE_RUN.split(text) if word)


def mask_email(address: str | None) -> str:
    """``"john.doe@example.com"`` -> ``"j***@example.com"``.

    A public mail domain stays (it identifies nobody); a company's own domain would name the
    company the table masks, so it keeps only its first letter and top-level domain:
    ``"ann@scott-group.example"`` -> ``"a***@s***.example"``.
    """
    if not address:
        return ""
    local, at, domain = address.strip(WHITESPACE).rpartition("@")
    if not at or not local:
        return mask_words(address)
    domain = domain.translate(_TO_LOWER)
    if domain not in PUBLIC_MAIL_DOMAINS:
        head, dot, tld = domain.rpartition(".")
        domain = f"{head[0]}{MASK}.{tld}" if dot and head else f"{domain[:1]}{MASK}"
    return f"{local[0]}{MASK}@{domain}"


def mask_number(value: str | None) -> str:
    """``"+442079460056"`` -> ``"•••••56"``: the last two digits behind fixed bullets.

    A value with fewer than three digits, or none (``"s"``, ``"anonymous"``, a SIP URI), keeps
    nothing: two digits of a two-digit value would be the whole of it.
    """
    if not value:
        return ""
    digits = _NON_DIGITS.sub("", value)
    return NUMBER_MASK + (digits[len(digits) - KEPT_DIGITS :] if len(digits) > KEPT_DIGITS else "")


def mask_clid(value: str | None) -> str:
    """``'"Ann Smith" <+442079460056>'`` -> ``'"A*** S***" <•••••56>'``.

    The name is personal data too (initials only, as in the accounts list). A value without
    ``<...>`` is a name (masked as words) when it contains a letter, else a number.
    """
    if not value:
        return ""
    m = _CLID_QUOTED.fullmatch(value) or _CLID_BARE.fullmatch(value)
    if m:
        name, number = m.groups()
        return f'"{mask_words(name)}" <{mask_number(number)}>'
    if _LETTER.search(value):  # a name (or a URI), not a number
        return mask_words(value)
    return mask_number(value)


# --------------------------------------------------------------------------- PostgreSQL


def _lit(text: str) -> str:
    """A PostgreSQL string constant: ``E'...'`` with every character outside printable ASCII
    (and ``\\``, ``'``, ``$``) escaped, so it reads the same whatever
    ``standard_conforming_strings`` is and never ends a dollar-quoted body."""
    out: list[str] = []
    for ch in text:
        if ch in "\\'":
            out.append("\\" + ch)
        elif " " <= ch <= "~" and ch != "$":
            out.append(ch)
        else:
            out.append(_escape(ord(ch)))
    return "E'" + "".join(out) + "'"


def _fn(name: str, *args: str) -> str:
    return f"pg_catalog.{name}({', '.join(args)})"


def _op(left: str, op: str, right: str) -> str:
    return f"({left} OPERATOR(pg_catalog.{op}) {right})"


def _cat(*parts: str) -> str:
    out = parts[0]
    for part in parts[1:]:
        out = _op(out, "||", part)
    return out


def _case(*whens: tuple[str, str], otherwise: str) -> str:
    return "CASE " + " ".join(f"WHEN {cond} THEN {then}" for cond, then in whens) + f" ELSE {otherwise} END"


_EMPTY = "''::pg_catalog.text"
#: the argument of every function, read with the "C" collation (see the module docstring)
_ARG = '($1 COLLATE pg_catalog."C")'


def _has_after_first(text: str, char: str) -> str:
    """Whether ``char`` occurs in ``text`` after its first character."""
    return _op(_fn("strpos", _fn("substr", text, "2"), _lit(char)), ">", "0")


def _words_sql(text: str) -> str:
    """``mask_words`` of a non-NULL text: the characters that follow a non-whitespace one (each
    word but its first character) go, then the whitespace; each initial left gets ``MASK`` and
    a space, and the last space is cut. Without capture groups this takes half the time of
    one ``regexp_replace`` keeping ``\\1`` of each word."""
    rest_of_words = f"(?<={_NOT_WS}){_NOT_WS}+"
    initials = _fn("translate", _fn("regexp_replace", text, _lit(rest_of_words), _EMPTY, _lit("g")), _lit(WHITESPACE), _EMPTY)
    each = _lit("\\&" + MASK.replace("\\", "\\\\") + " ")  # \& is the matched initial
    return _fn("left", _fn("regexp_replace", initials, _lit("."), each, _lit("g")), "-1")


def _kept_sql(text: str) -> str:
    """The digits ``mask_number`` keeps of a non-NULL text, after ``NUMBER_MASK``. Whether there
    are enough is a regular-expression test (no captures: the fast path of PostgreSQL's engine)."""
    enough = _op(text, "~", _lit(f"(?:[0-9][^0-9]*){{{KEPT_DIGITS + 1}}}"))
    digits = _fn("regexp_replace", text, _lit(NON_DIGITS), _EMPTY, _lit("g"))
    return _case((enough, _fn("right", digits, str(KEPT_DIGITS))), otherwise=_EMPTY)


def _number_sql(text: str) -> str:
    """``mask_number`` of a non-NULL text."""
    return _case((_op(text, "=", _EMPTY), _EMPTY), otherwise=_cat(_lit(NUMBER_MASK), _kept_sql(text)))


def _lower_sql(text: str) -> str:
    """``text`` with ``A``-``Z`` lower-cased, nothing else: ``lower()`` in the "C" collation,
    which PostgreSQL documents as treating only the ASCII letters as letters."""
    return _fn("lower", f'({text} COLLATE pg_catalog."C")')


def _email_sql(address: str) -> str:
    """``mask_email`` of a non-NULL text. The address is not stripped as a whole: its last ``@``
    is the stripped address's, so the local part starts after the leading whitespace, and the
    domain is what follows the last ``@``, trailing whitespace removed. The domain is cut from
    the reversed address (its first ``@`` is the last one) and kept reversed: its first
    character is the last one, its top-level domain what precedes the first dot."""
    local = _fn("ltrim", address, _lit(WHITESPACE))  # the address from its local part on
    reversed_domain = _lower_sql(_fn("ltrim", _fn("split_part", _fn("reverse", address), _lit("@"), "1"), _lit(WHITESPACE)))
    reversed_publics = ", ".join(_lit(d[::-1]) for d in sorted(PUBLIC_MAIL_DOMAINS))
    # a dot after the domain's first character (the text after the last @; "." is no whitespace)
    has_tld = _op(address, "~", _lit("@[^@][^@]*\\.[^@]*$"))
    tld = _cat(_lit("."), _fn("reverse", _fn("split_part", reversed_domain, _lit("."), "1")))
    masked_domain = _case(
        (
            f"{reversed_domain} OPERATOR(pg_catalog.=) ANY (ARRAY[{reversed_publics}]::pg_catalog.text[])",
            _fn("reverse", reversed_domain),
        ),
        (has_tld, _cat(_fn("right", reversed_domain, "1"), _lit(MASK), tld)),
        otherwise=_cat(_fn("right", reversed_domain, "1"), _lit(MASK)),
    )
    return _case(
        (f"NOT {_has_after_first(local, '@')}", _words_sql(address)),
        otherwise=_cat(_fn("left", local, "1"), _lit(MASK + "@"), masked_domain),
    )


def _clid_sql(value: str) -> str:
    """``mask_clid`` of a non-NULL text. Regular-expression tests (no captures) tell the forms
    apart and look at the number: its ``<`` is the first after the name, and it is followed
    only by ``>`` and whitespace, so the digits after that ``<`` are the number's, and its last
    digits are the value's. The names are cut with ``split_part``: a quoted name is the text
    between the first two ``"``, a bare name the text before the first ``<``."""
    digits = _fn("regexp_replace", value, _lit(NON_DIGITS), _EMPTY, _lit("g"))

    def masked(name_pattern: str, name: str) -> str:
        before_number = f"^{name_pattern}<"
        enough = _op(value, "~", _lit(f"{before_number}(?:[^0-9]*[0-9]){{{KEPT_DIGITS + 1}}}"))
        empty = _op(value, "~", _lit(f"{before_number}>"))
        number = _case(
            (enough, _cat(_lit(NUMBER_MASK), _fn("right", digits, str(KEPT_DIGITS)))),
            (empty, _EMPTY),
            otherwise=_lit(NUMBER_MASK),
        )
        return _cat(_lit('"'), _words_sql(name), _lit('" <'), number, _lit(">"))

    return _case(
        (_op(value, "~", _lit(f"^{CLID_QUOTED}$")), masked(_QUOTED_NAME, _fn("split_part", value, _lit('"'), "2"))),
        (_op(value, "~", _lit(f"^{CLID_BARE}$")), masked(_BARE_NAME, _fn("split_part", value, _lit("<"), "1"))),
        (_op(value, "~", _lit(LETTER)), _words_sql(value)),
        otherwise=_number_sql(value),
    )


def _create(name: str, body: str) -> str:
    guarded = _case((f"{_ARG} IS NULL OR {_op(_ARG, '=', _EMPTY)}", _EMPTY), otherwise=body)
    return (
        f"CREATE OR REPLACE FUNCTION {name}(text) RETURNS text\n"
        "LANGUAGE sql IMMUTABLE PARALLEL SAFE\n"
        f"AS $minisip_mask$\nSELECT {guarded}\n$minisip_mask$"
    )


def sql_functions() -> tuple[str, ...]:
    """The DDL of ``minisip_mask_words``, ``minisip_mask_email``, ``minisip_mask_number`` and
    ``minisip_mask_clid`` (each ``(text) RETURNS text``), the SQL twins of the Python functions,
    created in the first schema of the ``search_path``. Run each statement as it is: they are
    ``CREATE OR REPLACE``, so running them again updates the functions in place."""
    return (
        _create("minisip_mask_words", _words_sql(_ARG)),
        _create("minisip_mask_email", _email_sql(_ARG)),
        _create("minisip_mask_number", _number_sql(_ARG)),
        _create("minisip_mask_clid", _clid_sql(_ARG)),
    )
