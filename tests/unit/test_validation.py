"""Validators of rectified account fields: property tests and the cases the issue names."""

from __future__ import annotations

import string

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from minisip_console.core.plumbing.errors import InvalidInput
from minisip_console.core.validation import (
    COMPANY_MAX,
    NAME_MAX,
    control_character,
    validate_company,
    validate_email,
    validate_evidence,
    validate_name,
)

CONTROL_CHARS = st.sampled_from([chr(c) for c in range(0x20)] + ["\x7f", "\x85", "\u2028", "\u2029", "\u202e", "\u2066"])
SPACES = st.sampled_from([" ", "\u00a0", "\u2003", "\u3000"])

# --------------------------------------------------------------------------- email


@given(st.emails())
@example("a@b.co")
@example("o'brien+pbx@mail.example.org")
@example("x" * 64 + "@" + "d" * 63 + ".example")
def test_generated_valid_addresses_are_accepted(address: str) -> None:
    assert validate_email(address) == address


@given(st.emails(), st.data())
def test_an_address_with_a_control_character_is_refused(address: str, data: st.DataObject) -> None:
    where = data.draw(st.integers(0, len(address)))
    bad = address[:where] + data.draw(CONTROL_CHARS) + address[where:]
    with pytest.raises(InvalidInput, match="email address"):
        validate_email(bad)


@given(st.emails(), st.data())
def test_an_address_with_a_space_inside_is_refused(address: str, data: st.DataObject) -> None:
    where = data.draw(st.integers(1, len(address) - 1))
    bad = address[:where] + data.draw(SPACES) + address[where:]
    with pytest.raises(InvalidInput, match="space"):
        validate_email(bad)


@given(st.text(alphabet=st.characters(exclude_characters="@"), max_size=80))
def test_a_string_without_an_at_sign_is_refused(text: str) -> None:
    with pytest.raises(InvalidInput):
        validate_email(text)


@given(st.text(alphabet=string.printable + "äßЖ王", max_size=300))
def test_whatever_is_accepted_is_a_plausible_address(text: str) -> None:
    try:
        value = validate_email(text)
    except InvalidInput:
        return
    local, _, domain = value.rpartition("@")
    assert local and "." in domain and len(value) <= 254 and len(local) <= 64
    assert not any(ch.isspace() for ch in value)
    assert control_character(value) is None


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("", "cannot be empty"),
        ("   ", "cannot be empty"),
        ("no-at-sign.example.com", "has no @"),
        ("john doe@example.com", "contains a space"),
        ("john@exa mple.com", "contains a space"),
        ("john@example.com\n", "control character"),
        ("john\t@example.com", "control character"),
        ("jo\x00hn@example.com", "control character"),
        ("john@example.com\u202e", "control character"),
        ("jo\u200bhn@example.com", "invisible formatting"),
        ("@example.com", "not a valid email address"),
        ("john@", "not a valid email address"),
        ("john@localhost", "not a valid email address"),
        ("john..doe@example.com", "not a valid email address"),
        (".john@example.com", "not a valid email address"),
        ("john@-example.com", "not a valid email address"),
        ("john@example..com", "not a valid email address"),
        ("john@example.c0m", "not a valid email address"),
        ('"john"@example.com', "not a valid email address"),
        ("x" * 65 + "@example.com", "before the @ is too long"),
        ("john@" + "d" * 64 + ".example", "longer than 63"),
        ("john@" + ".".join(["d" * 60] * 5) + ".example", "too long"),
    ],
)
def test_bad_addresses_get_a_message_naming_the_problem(address: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        validate_email(address)


def test_an_address_is_trimmed_and_kept_as_typed() -> None:
    assert validate_email("  Ann.Lee@Example.COM ") == "Ann.Lee@Example.COM"


@pytest.mark.parametrize("address", ["jürgen@müller.example", "用户@例子.广告", "ann@xn--mller-kva.example"])
def test_international_addresses_are_accepted(address: str) -> None:
    assert validate_email(address) == address


def test_a_long_value_is_not_echoed_in_full() -> None:
    with pytest.raises(InvalidInput) as info:
        validate_email("not an address " * 10)
    assert len(str(info.value)) < 160


# --------------------------------------------------------------------------- names and companies

NAMES = st.text(alphabet=st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp", "Zs")), min_size=1, max_size=NAME_MAX)


@given(NAMES)
@example("Ζωή Παπαδοπούλου")
@example("김민준")
@example("محمد عبد الله")
@example("Nguyễn Thị Minh Khai")
@example("王" * NAME_MAX)
def test_names_of_any_script_up_to_the_limit_are_accepted(name: str) -> None:
    import unicodedata

    value = validate_name(name)
    assert value == unicodedata.normalize("NFC", name).strip()
    assert 1 <= len(value) <= NAME_MAX


@given(NAMES, CONTROL_CHARS, st.data())
def test_a_name_with_a_control_character_is_refused(name: str, control: str, data: st.DataObject) -> None:
    where = data.draw(st.integers(0, len(name)))
    with pytest.raises(InvalidInput, match="The name contains a control character"):
        validate_name(name[:where] + control + name[where:])


@pytest.mark.parametrize("validator,field,limit", [(validate_name, "name", NAME_MAX), (validate_company, "company", COMPANY_MAX)])
def test_length_limits_name_the_field(validator, field: str, limit: int) -> None:  # type: ignore[no-untyped-def]
    assert validator("  " + "Ω" * limit + "  ") == "Ω" * limit
    with pytest.raises(InvalidInput, match=f"The {field} is too long"):
        validator("Ω" * (limit + 1))
    with pytest.raises(InvalidInput, match=f"The {field} cannot be empty"):
        validator("   ")
    with pytest.raises(InvalidInput, match=f"The {field} contains a control character"):
        validator("ACME\r\nLtd")


def test_names_are_nfc_normalised() -> None:
    decomposed = "Jose\u0301 Zoe\u0308"
    assert validate_name(decomposed) == "José Zoë"


def test_joiners_used_by_some_scripts_are_kept() -> None:
    persian = "می\u200cخواهم"  # zero-width non-joiner is part of correct Persian spelling
    assert validate_name(persian) == persian


# --------------------------------------------------------------------------- evidence


def test_evidence_is_required_and_bounded() -> None:
    assert validate_evidence(" SUP-1234 ") == "SUP-1234"
    for bad, message in [(None, "required"), ("  ", "required"), ("ab", "too short"), ("x" * 301, "too long"), ("REL\n1", "control")]:
        with pytest.raises(InvalidInput, match=message):
            validate_evidence(bad)
