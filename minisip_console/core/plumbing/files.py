"""Every file the console writes, and every file an operator hands it to read: one way each.

Writing (``atomic_write``, ``write_bytes``, ``write_text``, ``write_csv``): the content goes to
a temporary file in the target's own folder (``.NAME.XXXXXXXX.part``, mode 0600: the console's
files hold personal data), is flushed and fsynced, and is renamed over the target only when
complete; the folder is fsynced after the rename. On any failure the temporary file is removed
and the target is left as it was. Each failure is a sentence (``ConsoleError``; the operator's
own mistake, a folder given as the file or a folder that does not exist, is ``InvalidInput``):
a full disk (ENOSPC) or a used-up quota (EDQUOT) says how much room the folder has
(``shutil.disk_usage``) and how much the file needed; no permission (EACCES, EPERM) and a
read-only file system (EROFS) name the folder.

CSV (``CsvWriter``, ``write_csv``): one dialect for every CSV the console writes, UTF-8, CRLF
line ends, every cell in double quotes (a quote inside doubled), and every text cell that a
spreadsheet would take for a formula neutralised: OWASP's rule ("CSV Injection",
owasp.org/www-community/attacks/CSV_Injection): a cell that begins with ``=``, ``+``, ``-``,
``@``, a tab, a carriage return or a line feed gets a single quote in front, so the spreadsheet
shows it as text. Quoting every cell keeps a value holding the separator (``,``, or the ``;``
that spreadsheets in many locales split on) in its one cell, as OWASP asks too. Numbers, dates
and booleans are not text and are written as they are (their spelling never begins with a
formula character other than a minus sign of a number, which a spreadsheet reads as a number).

The neutralising is reversible, so a file can be checked against what it was made from (the
audit export's hashes): a text cell whose characters after any leading single quotes begin
with a formula character gets one more quote; ``restore_cell`` removes it. A value that really
began with ``'=`` is written ``''=`` and restored to ``'=``.

Reading (``read_bytes``, ``read_text``, ``read_csv``): a missing file, a folder, a file that
may not be read, a file over the size limit, text that is not UTF-8, each a sentence
(``InvalidInput``) naming the file. ``read_csv`` is strict: an unterminated quote, a quoted
value running over the end of its line, a line with more or fewer cells than the header, an
empty file, each refused naming the line, so a malformed line can never swallow the next.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import errno
import io
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from minisip_console.core.plumbing.errors import ConsoleError, InvalidInput

#: a text cell beginning with one of these is taken for a formula by spreadsheets (OWASP)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
_STARTS = frozenset(FORMULA_STARTS)
#: what a spreadsheet reads as a number, a date or a truth value; written as it is
_PLAIN = (bool, int, float, Decimal, dt.date, dt.datetime, dt.time)
#: a file an operator gives the console to read is at most this big unless the caller says otherwise
READ_LIMIT = 64 * 1024 * 1024


# --------------------------------------------------------------------------- CSV cells


def neutralise(cell: Any) -> Any:
    """A cell as the console's CSV writes it: text a spreadsheet would evaluate gets a leading ``'``.

    None is an empty cell; numbers, dates and booleans are returned as they are."""
    if type(cell) is str:  # the common case first: this runs for every cell of a large export
        text = cell
    elif cell is None:
        return ""
    elif isinstance(cell, _PLAIN):
        return cell
    else:
        text = str(cell)
    if text and (text[0] in _STARTS or (text[0] == "'" and text.lstrip("'")[:1] in _STARTS)):
        return "'" + text
    return text


def restore_cell(cell: str) -> str:
    """The value ``neutralise`` was given for a text cell read back from a file (its inverse)."""
    if cell.startswith("'") and cell.lstrip("'").startswith(FORMULA_STARTS):
        return cell[1:]
    return cell


class CsvWriter:
    """The console's CSV dialect over a text stream (see the module docstring)."""

    def __init__(self, stream: IO[str]) -> None:
        self._writer = csv.writer(stream, quoting=csv.QUOTE_ALL, lineterminator="\r\n")

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([neutralise(c) for c in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        self._writer.writerows([neutralise(c) for c in row] for row in rows)


# --------------------------------------------------------------------------- writing


def size_text(n: int) -> str:
    """A number of bytes for a sentence: ``512 bytes``, ``12.3 KB``, ``4.0 GB`` (powers of 1,000)."""
    if n < 1000:
        return f"{n:,} byte{'s' if n != 1 else ''}"
    value = float(n)
    for unit in ("KB", "MB", "GB"):
        value /= 1000
        if value < 999.95:
            return f"{value:.1f} {unit}"
    return f"{value / 1000:,.1f} TB"


def check_target(path: str | os.PathLike[str], *, example: str = "a file name") -> Path:
    """``path`` as a file to write: ``InvalidInput`` if it is a folder or its folder does not exist."""
    target = Path(path).expanduser()
    if not target.name or target.is_dir():
        raise InvalidInput(f"{target} is a folder.", hint=f"Give {example}.")
    folder = target.parent
    if not folder.is_dir():
        if folder.exists():
            raise InvalidInput(f"{folder} is a file, not a folder.", hint=f"Give {example} in an existing folder.")
        raise InvalidInput(f"The folder {folder} does not exist.", hint="Create it first or choose another folder.")
    return target


def _free_space(folder: Path) -> str:
    try:
        usage = shutil.disk_usage(folder)
    except OSError:
        return "an unknown amount of space free"
    return f"{size_text(usage.free)} free of {size_text(usage.total)}"


def write_error(exc: OSError, target: Path, *, written: int | None = None, needed: int | None = None) -> ConsoleError:
    """The sentence for an ``OSError`` met while writing ``target`` (``written``: bytes of it that
    reached the disk before the failure; ``needed``: its whole size, when known)."""
    folder = target.parent
    nothing = "Nothing was written" + (f"; {target.name} was left as it was." if target.exists() else ".")
    code = exc.errno
    if code in (errno.ENOSPC, errno.EDQUOT):
        if needed is not None:
            need = f"the file needs {size_text(needed)}"
        elif written:
            need = f"the file needs more than the {size_text(written)} written when the space ran out"
        else:
            need = "not even the start of the file fitted"
        why = "the disk is full" if code == errno.ENOSPC else "your disk quota there is used up"
        return ConsoleError(
            f"Could not write {target}: {why}. {folder} has {_free_space(folder)}; {need}.",
            hint=f"Free some space there or choose another folder. {nothing}",
        )
    if code in (errno.EACCES, errno.EPERM):
        return ConsoleError(
            f"Could not write {target}: you may not write in {folder} (permission denied).",
            hint=f"Choose a folder you may write to. {nothing}",
        )
    if code == errno.EROFS:
        return ConsoleError(
            f"Could not write {target}: {folder} is on a read-only file system.", hint=f"Choose a folder on a writable disk. {nothing}"
        )
    if code == errno.ENOENT:
        return InvalidInput(f"The folder {folder} does not exist.", hint="Create it first or choose another folder.")
    if code == errno.EISDIR:
        return InvalidInput(f"{target} is a folder.", hint="Give a file name.")
    if code == errno.ENOTDIR:
        return InvalidInput(f"{folder} is not a folder.", hint="Give a file name in an existing folder.")
    if code == errno.EFBIG:
        return ConsoleError(
            f"Could not write {target}: the file is larger than {folder}'s file system allows.",
            hint=f"Choose a folder on another disk. {nothing}",
        )
    return ConsoleError(f"Could not write {target}: {exc.strerror or exc}.", hint=nothing)


@dataclass
class PendingFile:
    """A file being written by ``atomic_write``: ``file`` (binary) at the temporary ``path``."""

    file: IO[bytes]
    path: Path
    target: Path

    def sync(self) -> None:
        """Flush and fsync what was written so far (``atomic_write`` does it again before the rename)."""
        self.file.flush()
        os.fsync(self.file.fileno())


@contextmanager
def atomic_write(path: str | os.PathLike[str], *, needed: int | None = None) -> Iterator[PendingFile]:
    """Write ``path`` atomically: the body writes to ``pending.file``; when it ends the file is
    synced and renamed over ``path``. If the body raises, or writing, syncing or renaming fails,
    the temporary file is removed; an ``OSError`` becomes ``write_error``'s sentence. The body may
    stream (the file is seekable, for a ZIP); ``needed`` (the size, when known) goes into the
    sentence for a full disk."""
    target = check_target(path)
    try:
        fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    except OSError as exc:
        raise write_error(exc, target, needed=needed) from None
    tmp = Path(tmp_name)
    done = False
    try:
        handle = os.fdopen(fd, "wb")
    except BaseException:
        os.close(fd)
        _remove(tmp)
        raise
    try:
        try:
            with handle:
                pending = PendingFile(handle, tmp, target)
                yield pending
                pending.sync()
            os.replace(tmp, target)
            done = True
        except OSError as exc:
            try:
                written = tmp.stat().st_size
            except OSError:
                written = None
            _remove(tmp)  # first: the free space in the sentence is what is free without it
            raise write_error(exc, target, written=written, needed=needed) from None
        _sync_folder(target.parent)
    finally:
        if not done:
            _remove(tmp)


def _remove(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass


def _sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (best effort: not every system can open a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_bytes(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically; returns the path written."""
    with atomic_write(path, needed=len(data)) as pending:
        pending.file.write(data)
    return pending.target


def write_text(path: str | os.PathLike[str], text: str) -> Path:
    """Write ``text`` to ``path`` as UTF-8, atomically; returns the path written."""
    return write_bytes(path, text.encode("utf-8"))


def write_csv(
    path: str | os.PathLike[str],
    header: Sequence[str] | None,
    rows: Iterable[Iterable[Any]],
    *,
    on_row: Callable[[int], None] | None = None,
) -> int:
    """Stream ``rows`` (after ``header``) to ``path`` as the console's CSV, atomically; returns the
    number of rows. ``on_row(n)`` is called after each row (for progress)."""
    count = 0
    with atomic_write(path) as pending:
        text = io.TextIOWrapper(pending.file, encoding="utf-8", newline="")
        try:
            writer = CsvWriter(text)
            if header is not None:
                writer.writerow(header)
            for row in rows:
                writer.writerow(row)
                count += 1
                if on_row is not None:
                    on_row(count)
            text.flush()
        finally:
            text.detach()  # the binary file stays open for atomic_write to sync and close
    return count


# --------------------------------------------------------------------------- reading


def read_bytes(path: str | os.PathLike[str], *, what: str = "the file", limit: int = READ_LIMIT) -> bytes:
    """The bytes of a file an operator named; ``InvalidInput`` with a sentence if it cannot be read."""
    source = Path(path).expanduser()
    try:
        if source.is_dir():
            raise InvalidInput(f"{source} is a folder, not {what}.", hint="Give the file's name.")
        with source.open("rb") as f:
            size = os.fstat(f.fileno()).st_size
            if size > limit:
                raise InvalidInput(f"{source} is too big for {what} ({size_text(size)}).", hint=f"It may be at most {size_text(limit)}.")
            data = f.read(limit + 1)
    except FileNotFoundError:
        raise InvalidInput(f"There is no file {source}.", hint="Check the file's name and folder.") from None
    except PermissionError:
        raise InvalidInput(f"Cannot read {source}: permission denied.", hint="Check the file's permissions.") from None
    except IsADirectoryError:
        raise InvalidInput(f"{source} is a folder, not {what}.", hint="Give the file's name.") from None
    except OSError as exc:
        raise InvalidInput(f"Cannot read {source}: {exc.strerror or exc}.") from None
    if len(data) > limit:
        raise InvalidInput(f"{source} is too big for {what}.", hint=f"It may be at most {size_text(limit)}.")
    return data


def decode_utf8(data: bytes, source: str | os.PathLike[str]) -> str:
    """``data`` as text (a UTF-8 byte-order mark dropped); ``InvalidInput`` naming the line if it is not UTF-8."""
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InvalidInput(
            f"{Path(source).name}: line {line} is not UTF-8 text (byte {data[exc.start]:#04x}).", hint="Save the file as UTF-8."
        ) from None


def read_text(path: str | os.PathLike[str], *, what: str = "the file", limit: int = READ_LIMIT) -> str:
    """A UTF-8 text file an operator named, as text; ``InvalidInput`` with a sentence if it cannot be read."""
    return decode_utf8(read_bytes(path, what=what, limit=limit), path)


@dataclass(frozen=True)
class CsvTable:
    """A CSV file read strictly: its header and its rows, each with its line number."""

    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]


def read_csv(path: str | os.PathLike[str], *, what: str = "the CSV file", limit: int = READ_LIMIT) -> CsvTable:
    """A CSV file with a header line, read strictly (see the module docstring).

    Every line must have as many cells as the header, no quoted value may run over the end of its
    line, and the file must have a header; blank lines are skipped. ``InvalidInput`` names the
    file and the line of the first problem."""
    source = Path(path).expanduser()
    name = source.name
    text = decode_utf8(read_bytes(source, what=what, limit=limit), source)
    if not text.strip():
        raise InvalidInput(f"{name} is empty.", hint="The first line must name the columns.")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: tuple[str, ...] | None = None
    rows: list[tuple[int, tuple[str, ...]]] = []
    previous = 0
    while True:
        start = previous + 1
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            if "end of data" in str(exc) or "unexpected end" in str(exc):
                raise InvalidInput(
                    f"{name}: line {start} has a quote that is never closed.",
                    hint="Close the quoted value on its line, or remove the stray quote.",
                ) from None
            raise InvalidInput(
                f"{name}: line {start} is not well-formed CSV ({exc}).",
                hint="A value holding a comma or a quote must be in double quotes, its quotes doubled.",
            ) from None
        end = reader.line_num
        previous = end
        if end > start:  # no file the console reads has a value of several lines
            raise InvalidInput(
                f"{name}: line {start} has a quoted value that runs on to line {end} (a missing closing quote?).",
                hint="Each line must be one record; close the quoted value on its line.",
            )
        if not record or (len(record) == 1 and not record[0].strip()):
            continue  # a blank line
        if header is None:
            header = tuple(record)
            continue
        if len(record) != len(header):
            raise InvalidInput(
                f"{name}: line {start} has {len(record)} value{'s' if len(record) != 1 else ''}, the header {len(header)}.",
                hint=f"Each line must have one value for each column: {','.join(header)}.",
            )
        rows.append((start, tuple(record)))
    if header is None:
        raise InvalidInput(f"{name} is empty.", hint="The first line must name the columns.")
    return CsvTable(header, tuple(rows))


# --------------------------------------------------------------------------- portable names

_NAME_UNSAFE = re.compile(r"[^\w.\- ()+]")
#: names Windows keeps for devices, with or without an extension ("CON", "nul.txt", "COM1.pdf")
_WINDOWS_DEVICES = re.compile(r"(?i)^(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³])(\..*)?$")
#: bytes per name: every file system the console runs on allows 255; room is left for a "-N" suffix
NAME_MAX_BYTES = 150


def portable_name(name: str, fallback: str = "file") -> str:
    """``name`` as a file name every platform accepts and keeps as given: Unicode in NFC (macOS
    would otherwise store a different spelling), no separators or characters Windows refuses
    (``<>:"/\\|?*``, control characters), no leading or trailing dots and spaces (Windows drops
    trailing ones: ``report.`` and ``report`` would be one file), no device name (``CON``,
    ``nul.txt``: Windows opens the device), at most ``NAME_MAX_BYTES`` bytes of UTF-8 (a Chinese
    name counts three per character), cut on a character. Uploaded files, law-enforcement
    documents and the entries of the customer's export ZIP all go through it."""
    import unicodedata

    cleaned = _NAME_UNSAFE.sub("_", unicodedata.normalize("NFC", name)).strip(" .")
    if _WINDOWS_DEVICES.match(cleaned):
        cleaned = "_" + cleaned
    encoded = cleaned.encode("utf-8")
    if len(encoded) > NAME_MAX_BYTES:
        stem, dot, ext = cleaned.rpartition(".") if "." in cleaned else (cleaned, "", "")
        if dot and len(ext.encode("utf-8")) <= 16:  # keep the extension: the file still opens
            room = NAME_MAX_BYTES - len(ext.encode("utf-8")) - 1
            cleaned = stem.encode("utf-8")[:room].decode("utf-8", "ignore").rstrip(" .") + "." + ext
        else:
            cleaned = encoded[:NAME_MAX_BYTES].decode("utf-8", "ignore").rstrip(" .")
    return cleaned or fallback


def same_name_key(name: str) -> str:
    """What two names share when a case-insensitive file system (Windows, macOS by default) would
    make them one file: ``Order.pdf`` and ``order.PDF`` collide there."""
    import unicodedata

    return unicodedata.normalize("NFC", name).casefold()
