"""The plumbing every command group shares (``commands/base.py``): an ``--out`` file, a rejection's
reason, the line naming an audit head. Each refusal is an ``InvalidInput`` (exit 2) whose sentence
names what is wrong, raised before a database is opened."""

from __future__ import annotations

from pathlib import Path

import pytest

from minisip_console.commands.base import EXIT_USAGE, audit_head_line, out_file, rejection_code
from minisip_console.core.plumbing.errors import InvalidInput

REASONS = ("duplicate", "withdrawn", "other")


def test_an_out_file_takes_the_suffixes_given_in_any_case_in_a_folder_that_exists(tmp_path: Path) -> None:
    assert out_file(tmp_path / "Report.JSON", "a report", (".csv", ".json"), "a .csv or .json") == tmp_path / "Report.JSON"
    with pytest.raises(InvalidInput) as wrong:
        out_file(tmp_path / "report.txt", "a report", (".csv", ".json"), "a .csv or .json")
    assert wrong.value.message == f"Cannot write a report as .txt ({tmp_path / 'report.txt'})."
    assert wrong.value.hint == "Use a .csv or .json file name." and wrong.value.exit_code == EXIT_USAGE
    with pytest.raises(InvalidInput, match="as a file without an extension"):
        out_file(tmp_path / "report", "a report", (".csv",), "a .csv")
    with pytest.raises(InvalidInput) as nowhere:
        out_file(tmp_path / "missing" / "c.json", "a certificate", (".json",), "a .json")
    assert nowhere.value.message == f"The folder {tmp_path / 'missing'} does not exist."
    assert not (tmp_path / "missing").exists()


def test_a_rejection_code_is_one_of_the_reasons_and_other_needs_a_note() -> None:
    assert rejection_code("  Duplicate ", "", REASONS) == "duplicate"
    assert rejection_code("OTHER", "the customer asked twice", REASONS) == "other"
    with pytest.raises(InvalidInput) as unknown:
        rejection_code("bored", "", REASONS)
    assert unknown.value.message == "Unknown rejection reason 'bored'." and unknown.value.hint == "Use one of: duplicate, withdrawn, other."
    with pytest.raises(InvalidInput, match="A rejection for another reason needs a note explaining it."):
        rejection_code("other", "   ", REASONS)


def test_the_audit_head_line_says_how_to_check_it_later() -> None:
    assert audit_head_line("12:ab34") == "  audit head: 12:ab34 (check it later: minisip-console audit verify --expect-head 12:ab34)"
