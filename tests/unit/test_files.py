"""``core.plumbing.files``: the one atomic writer, the one CSV dialect (formula cells neutralised) and the
strict readers, on real file systems: a tmpfs that is full, one mounted read-only."""

from __future__ import annotations

import csv
import errno
import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from minisip_console.core.plumbing import files
from minisip_console.core.plumbing.errors import ConsoleError, InvalidInput
from tests.support.mounts import fill, read_only_tmpfs, small_tmpfs

HOSTILE = ["=1+1", '=HYPERLINK("http://evil.example","x")', "+44 20 7946 0056", "-2+3", "@SUM(A1:A2)", "\tx", "\rx", "\nx"]


def _cells(data: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data, newline="")))


# --------------------------------------------------------------------------- CSV cells


@pytest.mark.parametrize("value", HOSTILE)
def test_a_formula_cell_gets_a_leading_quote(value: str) -> None:
    assert files.neutralise(value) == "'" + value
    assert files.restore_cell(files.neutralise(value)) == value


@pytest.mark.parametrize("value", ["Alice", "", "1+1", "a=b", "O'Brien", "'quoted", '{"a":1}', "2026-03-01T10:00:00+00:00"])
def test_a_plain_cell_is_left_alone(value: str) -> None:
    assert files.neutralise(value) == value
    assert files.restore_cell(value) == value


def test_numbers_dates_and_none() -> None:
    assert files.neutralise(None) == ""
    assert files.neutralise(-5) == -5 and files.neutralise(2.5) == 2.5 and files.neutralise(True) is True


def test_a_value_that_already_begins_with_a_quote_and_a_formula_stays_reversible() -> None:
    assert files.neutralise("'=1") == "''=1"
    assert files.restore_cell("''=1") == "'=1"


@given(st.text())
def test_neutralising_is_safe_and_reversible(value: str) -> None:
    cell = files.neutralise(value)
    assert not cell.startswith(files.FORMULA_STARTS)
    assert files.restore_cell(cell) == value


def test_every_cell_is_quoted_so_a_separator_cannot_start_a_new_cell() -> None:
    buffer = io.StringIO()
    writer = files.CsvWriter(buffer)
    writer.writerow(["name", "company"])
    writer.writerow(["a;=1+1", '=1+2";=1+2'])
    writer.writerows([[1, None]])
    text = buffer.getvalue()
    assert text.splitlines()[1] == '"a;=1+1","\'=1+2"";=1+2"'  # OWASP's own example, quoted whole
    assert text.endswith('"1",""\r\n')
    assert _cells(text) == [["name", "company"], ["a;=1+1", "'=1+2\";=1+2"], ["1", ""]]


# --------------------------------------------------------------------------- the atomic writer


def test_write_csv_writes_and_leaves_only_the_file(tmp_path: Path) -> None:
    out = tmp_path / "list.csv"
    seen: list[int] = []
    assert files.write_csv(out, ("name", "company"), [(v, "x") for v in HOSTILE], on_row=seen.append) == len(HOSTILE)
    assert seen == list(range(1, len(HOSTILE) + 1))
    rows = _cells(out.read_bytes().decode("utf-8"))
    assert rows[0] == ["name", "company"] and [r[0] for r in rows[1:]] == ["'" + v for v in HOSTILE]
    assert [p.name for p in tmp_path.iterdir()] == ["list.csv"]
    assert out.stat().st_mode & 0o777 == 0o600  # the console's files hold personal data


def test_a_failing_body_leaves_the_old_file_and_no_temporary_file(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    out.write_text("old", "utf-8")
    with pytest.raises(RuntimeError), files.atomic_write(out) as pending:
        pending.file.write(b"new, half written")
        raise RuntimeError("stop")
    assert out.read_text("utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_a_folder_or_a_missing_folder_is_a_sentence(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="is a folder"):
        files.write_text(tmp_path, "x")
    with pytest.raises(InvalidInput, match=r"The folder .*nowhere does not exist"):
        files.write_text(tmp_path / "nowhere" / "x.txt", "x")
    (tmp_path / "a-file").write_text("x")
    with pytest.raises(InvalidInput, match="is a file, not a folder"):
        files.write_text(tmp_path / "a-file" / "x.txt", "x")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


def test_a_full_disk_says_how_much_room_there_was_and_was_needed(tmp_path: Path) -> None:
    with small_tmpfs(tmp_path / "disk") as disk:
        out = disk / "big.bin"
        with pytest.raises(ConsoleError) as caught:
            files.write_bytes(out, b"x" * 1_000_000)
        message = str(caught.value)
        assert f"Could not write {out}: the disk is full. {disk} has " in message
        assert "free of 262.1 KB" in message and "the file needs 1.0 MB" in message and "Nothing was written." in message
        assert list(disk.iterdir()) == []  # no .part left


def test_a_full_disk_while_streaming_leaves_the_old_file(tmp_path: Path) -> None:
    with small_tmpfs(tmp_path / "disk") as disk:
        out = disk / "export.zip"
        out.write_bytes(b"an earlier export")
        with pytest.raises(
            ConsoleError, match=r"the disk is full\..* the file needs more than the .* written when the space ran out"
        ) as caught:
            with files.atomic_write(out) as pending:
                for _ in range(100):
                    pending.file.write(b"y" * 10_000)
        assert "export.zip was left as it was" in str(caught.value)
        assert out.read_bytes() == b"an earlier export"
        assert [p.name for p in disk.iterdir()] == ["export.zip"]


def test_a_disk_filled_to_the_last_byte(tmp_path: Path) -> None:
    with small_tmpfs(tmp_path / "disk") as disk:
        filler = fill(disk)
        with pytest.raises(ConsoleError, match="the disk is full"):
            files.write_csv(disk / "a.csv", ("a",), [("x",)])
        assert list(disk.iterdir()) == [filler]


def test_a_read_only_folder_is_a_sentence(tmp_path: Path) -> None:
    with read_only_tmpfs(tmp_path / "ro") as folder:
        with pytest.raises(ConsoleError, match=r"is on a read-only file system"):
            files.write_text(folder / "c.json", "{}")
        assert list(folder.iterdir()) == []


@pytest.mark.parametrize(
    ("code", "expected", "kind"),
    [
        (errno.EACCES, "you may not write in", ConsoleError),
        (errno.EPERM, "you may not write in", ConsoleError),
        (errno.EDQUOT, "your disk quota there is used up", ConsoleError),
        (errno.EROFS, "read-only file system", ConsoleError),
        (errno.ENOENT, "does not exist", InvalidInput),
        (errno.EISDIR, "is a folder", InvalidInput),
        (errno.EIO, "Input/output error", ConsoleError),
    ],
)
def test_each_error_is_a_sentence(tmp_path: Path, code: int, expected: str, kind: type[ConsoleError]) -> None:
    import os

    error = files.write_error(OSError(code, os.strerror(code)), tmp_path / "x.csv", written=5000)
    assert isinstance(error, kind) and expected in str(error)


def test_sizes_read_as_words() -> None:
    assert [files.size_text(n) for n in (0, 1, 999, 1000, 262_144, 1_000_000, 5 * 10**9, 3 * 10**12)] == [
        "0 bytes",
        "1 byte",
        "999 bytes",
        "1.0 KB",
        "262.1 KB",
        "1.0 MB",
        "5.0 GB",
        "3.0 TB",
    ]


# --------------------------------------------------------------------------- reading


def test_reading_a_missing_file_a_folder_or_a_big_one(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="There is no file"):
        files.read_bytes(tmp_path / "missing.csv")
    with pytest.raises(InvalidInput, match="is a folder, not the file"):
        files.read_bytes(tmp_path)
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 2000)
    with pytest.raises(InvalidInput, match=r"too big for a template \(2.0 KB\)"):
        files.read_text(big, what="a template", limit=1000)


def test_text_that_is_not_utf8_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes("account_id,reply\n1,ok\n2,Empfänger unbekannt\n".encode("latin-1"))
    with pytest.raises(InvalidInput, match=r"latin1\.csv: line 3 is not UTF-8 text \(byte 0xe4\)"):
        files.read_text(path)
    bom = tmp_path / "bom.csv"
    bom.write_bytes(b"\xef\xbb\xbfa,b\n1,2\n")
    assert files.read_csv(bom).header == ("a", "b")


def _csv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "in.csv"
    path.write_bytes(text.encode("utf-8"))
    return path


def test_read_csv_returns_rows_with_their_lines(tmp_path: Path) -> None:
    table = files.read_csv(_csv(tmp_path, 'account_id,reply\r\n1,"550, gone"\r\n\r\n2,"said ""no"""\r\n'))
    assert table.header == ("account_id", "reply")
    assert table.rows == ((2, ("1", "550, gone")), (4, ("2", 'said "no"')))
    assert files.read_csv(_csv(tmp_path, "account_id,reply\n")).rows == ()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # the file: the quote swallowed the next line, and account 2 was never recorded
        ('account_id,reply\n1,"unterminated\n2,ok\n', r"in\.csv: line 2 has a quote that is never closed"),
        ('account_id,reply\n1,"unterminated\n2,"ok"\n', r"in\.csv: line 2 "),
        ('account_id,reply\n1,"two\nlines"\n2,ok\n', r"line 2 has a quoted value that runs on to line 3"),
        ("account_id,reply\n1,ok\n2,ok,extra\n", r"line 3 has 3 values, the header 2"),
        ("account_id,reply\n1\n", r"line 2 has 1 value, the header 2"),
        ('account_id,reply\n1,"a"b\n', r"line 2 is not well-formed CSV"),
        ("", r"in\.csv is empty"),
        ("\n \n", r"in\.csv is empty"),
    ],
)
def test_read_csv_refuses_a_malformed_line_naming_it(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        files.read_csv(_csv(tmp_path, text))
