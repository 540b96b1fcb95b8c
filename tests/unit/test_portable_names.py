"""One rule for file names that must work on Windows, macOS and Linux (core/plumbing/files.py)."""

from __future__ import annotations

import unicodedata

import pytest

from minisip_console.core.plumbing.files import NAME_MAX_BYTES, portable_name, same_name_key


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("court order (signed).pdf", "court order (signed).pdf"),
        ("CON", "_CON"),
        ("con.txt", "_con.txt"),
        ("LPT9.log", "_LPT9.log"),
        ("CONSOLE.txt", "CONSOLE.txt"),  # only the device names themselves
        ("report. . ", "report"),
        ("..evil name?.txt", "evil name_.txt"),
        ('a<b>c:d"e|f*.pdf', "a_b_c_d_e_f_.pdf"),
        ("../../etc/passwd", "_.._etc_passwd"),
        ("tab\there", "tab_here"),
        ("", "file"),
        ("...", "file"),
    ],
)
def test_a_name_every_platform_keeps(given: str, kept: str) -> None:
    assert portable_name(given) == kept


def test_unicode_is_composed_and_long_names_are_cut_on_a_character_keeping_the_extension() -> None:
    decomposed = unicodedata.normalize("NFD", "Zoë.pdf")
    assert portable_name(decomposed) == "Zoë.pdf" and len(portable_name(decomposed)) == 7
    long = "协查通知书" * 30 + ".pdf"
    cut = portable_name(long)
    assert cut.endswith(".pdf") and len(cut.encode()) <= NAME_MAX_BYTES and cut.startswith("协查通知书")
    assert portable_name("x" * 400).startswith("x") and len(portable_name("x" * 400).encode()) == NAME_MAX_BYTES


def test_names_that_one_file_system_would_merge_share_a_key() -> None:
    assert same_name_key("Order.pdf") == same_name_key("order.PDF")
    assert same_name_key(unicodedata.normalize("NFD", "Zoë")) == same_name_key("ZOË")
    assert same_name_key("a.pdf") != same_name_key("b.pdf")
