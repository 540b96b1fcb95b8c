"""The file store: where customers' uploaded files live, beside their metadata rows.

For a SQLite database the store is the folder ``<name>-files`` beside the database file; for
PostgreSQL it is a folder under the console's data directory named after the host and database
(a later issue may let a profile point elsewhere). Paths in ``uploaded_files.storage_path`` are
relative to the store's root and may not climb out of it.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from sqlalchemy.engine import URL

from minisip_console.core.plumbing import files
from minisip_console.core.plumbing.db import sqlite_path


class FileStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path_of(self, storage_path: str) -> Path:
        candidate = (self.root / storage_path).resolve()
        if not candidate.is_relative_to(self.root.resolve()):
            raise ValueError(f"storage path {storage_path!r} leaves the file store")
        return candidate

    def write(self, storage_path: str, content: bytes) -> str:
        """Store ``content`` (atomically, ``core.plumbing.files.write_bytes``: a full disk is a sentence and
        leaves no partial file); returns its SHA-256."""
        target = self.path_of(storage_path)
        target.parent.mkdir(parents=True, exist_ok=True)
        files.write_bytes(target, content)
        return hashlib.sha256(content).hexdigest()

    def exists(self, storage_path: str) -> bool:
        return self.path_of(storage_path).is_file()


def default_root(url: URL) -> Path:
    path = sqlite_path(url)
    if path is not None:
        return path.with_name(path.stem + "-files")
    from minisip_console.core.plumbing.paths import data_dir

    slug = re.sub(r"[^A-Za-z0-9_.-]+", "_", f"{url.host or 'local'}_{url.port or 5432}_{url.database}")
    return data_dir() / "filestores" / slug
