"""Opening a customer's uploaded file: only under an access grant and with the customer's request.

The policy: "We'll never open any uploaded files unless you ask us to." ``open_file`` checks the
operator's grant, takes the customer's request reference and audits the opening; ``file_kind`` and
``audio_info`` say what the file is before it is shown."""

from __future__ import annotations

import hashlib
import io
import wave
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from sqlalchemy import select

from minisip_console.core import audit
from minisip_console.core.access import FileInfo, _check_id, _file_info, _now, _operator_login, _require_grant
from minisip_console.core.models import UploadedFile
from minisip_console.core.personal import PersonalReader
from minisip_console.core.plumbing.errors import ConsoleError, InvalidInput
from minisip_console.core.purposes import validate_ticket
from minisip_console.core.text import say

if TYPE_CHECKING:
    import datetime as dt

    from sqlalchemy.orm import Session, sessionmaker

    from minisip_console.core.operators import OperatorInfo
    from minisip_console.core.plumbing.filestore import FileStore


@dataclass(frozen=True)
class AudioInfo:
    """What the preview shows of a WAV recording (the console does not play it)."""

    channels: int
    sample_rate: int
    sample_width_bits: int
    frames: int

    @property
    def seconds(self) -> float:
        return self.frames / self.sample_rate if self.sample_rate else 0.0


@dataclass(frozen=True)
class OpenedFile:
    metadata: FileInfo
    content: bytes
    kind: str  # text | image | audio | other
    intact: bool  # the content's SHA-256 matches the metadata
    audio: AudioInfo | None = None  # for a readable WAV file

    def text(self) -> str:
        """The content as text (UTF-8; undecodable bytes shown as U+FFFD)."""
        return self.content.decode("utf-8", errors="replace")


# --------------------------------------------------------------------------- files

_TEXT_TYPES = frozenset({"application/json", "application/xml", "application/csv", "application/x-yaml"})


def file_kind(content_type: str) -> str:
    """How the console previews a file: ``text``, ``image``, ``audio`` or ``other``."""
    main = content_type.split(";", 1)[0].strip().lower()
    if main.startswith("text/") or main in _TEXT_TYPES:
        return "text"
    if main.startswith("image/"):
        return "image"
    if main.startswith("audio/"):
        return "audio"
    return "other"


def audio_info(content: bytes) -> AudioInfo | None:
    """Channels, rate and length of a WAV file; ``None`` for anything ``wave`` cannot read."""
    try:
        with wave.open(io.BytesIO(content), "rb") as w:
            return AudioInfo(w.getnchannels(), w.getframerate(), w.getsampwidth() * 8, w.getnframes())
    except (wave.Error, EOFError, ValueError):
        return None


def open_file(
    sessions: sessionmaker[Session],
    operator: OperatorInfo,
    file_id: int,
    customer_request_ref: str | None,
    store: FileStore,
    now: dt.datetime | None = None,
) -> OpenedFile:
    """An uploaded file's content: needs an active grant on its account and the customer's own
    request reference ("we never open uploaded files unless you ask us to")."""
    _check_id(file_id, "an uploaded file")
    try:
        ref = validate_ticket(customer_request_ref)
    except InvalidInput as exc:
        raise InvalidInput(
            say("Opening a file needs the reference of the customer's request to open it. {error}", error=exc.message),
            hint=say("Give the ticket in which the customer asked for this file to be opened."),
        ) from None
    at = _now(now)
    with sessions() as session, session.begin():
        owner = session.scalar(select(UploadedFile.account_id).where(UploadedFile.id == file_id))
        if owner is None:
            raise InvalidInput(
                say("No uploaded file {file_id}.", file_id=file_id), hint=say("It does not exist, or it was deleted meanwhile.")
            )
        grant = _require_grant(session, operator, owner, at, "open files")
        reader = PersonalReader(session, replace(operator, login=_operator_login(session, grant.operator_id)))
        reader.open_account(owner, action="file.open", details={"file_id": file_id, "grant_id": grant.id, "customer_request": ref}, at=at)
        upload = reader.entity(UploadedFile)
        row = session.scalar(select(upload).where(upload.id == file_id))
        assert row is not None  # its owner was read above, in this transaction, which opened the owner's account
        metadata = _file_info(row)
        try:
            path = store.path_of(row.storage_path)
            content = path.read_bytes()
        except ValueError:
            raise ConsoleError(
                say("Uploaded file {file_id} has a storage path outside the file store; it was not opened.", file_id=file_id)
            ) from None
        except FileNotFoundError:
            raise ConsoleError(
                say(
                    "Uploaded file {file_id} ({filename}) is missing from the file store at {root}.",
                    file_id=file_id,
                    filename=row.filename,
                    root=store.root,
                ),
                hint=say("Its metadata remains; check the file store's location and backups."),
            ) from None
        except OSError as exc:
            raise ConsoleError(
                say("Uploaded file {file_id} could not be read: {value}.", file_id=file_id, value=exc.strerror or exc)
            ) from None
        intact = hashlib.sha256(content).hexdigest() == row.sha256
        if not intact:
            audit.append(
                session,
                operator=reader.operator.login,
                action="file.integrity",
                target_type="account",
                target_id=owner,
                details={"file_id": file_id, "intact": False},
                at=at,
            )
    kind = file_kind(metadata.content_type)
    audio = audio_info(content) if kind == "audio" else None
    return OpenedFile(metadata=metadata, content=content, kind=kind, intact=intact, audio=audio)
