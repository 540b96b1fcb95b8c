"""Connection profiles: where the databases are, stored without their passwords.

A profile (name, driver, host, port, database, user, TLS mode) lives in ``profiles.json``
under the user's config directory (platformdirs; ``MINISIP_CONSOLE_CONFIG_DIR`` moves it).
Its password lives only in the OS keyring (``secrets``); a URL that carries a password is
refused for a stored profile, in ``user:password@`` and in any spelling in the query
(``db.refuse_secrets``, the check every URL goes through).
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.engine import URL

from minisip_console.core.plumbing import db, files, secrets
from minisip_console.core.plumbing.db import parse_url
from minisip_console.core.plumbing.errors import InvalidInput, ProfileError
from minisip_console.core.plumbing.paths import CONFIG_ENV, config_dir, data_dir, log_dir
from minisip_console.core.text import say

log = logging.getLogger(__name__)

__all__ = ["CONFIG_ENV", "config_dir", "data_dir", "log_dir", "Profile", "ProfileStore", "profile_from_url", "resolve_url"]

PROFILES_FILE = "profiles.json"
NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
TLS_MODES = ("disable", "prefer", "require", "verify-ca", "verify-full")


@dataclass(frozen=True)
class Profile:
    name: str
    driver: str  # "postgresql" or "sqlite"
    host: str = ""
    port: int | None = None
    database: str = ""  # database name, or the file path for SQLite
    user: str = ""
    tls_mode: str = "prefer"
    extra: dict[str, str] = field(default_factory=dict)

    def url(self) -> URL:
        """The URL without a password (add it from the keyring when connecting)."""
        if self.driver == "sqlite":
            return URL.create("sqlite", database=self.database)
        query = dict(self.extra)
        if self.tls_mode:
            query["sslmode"] = self.tls_mode
        return URL.create(
            "postgresql+psycopg",
            username=self.user or None,
            host=self.host or None,
            port=self.port,
            database=self.database,
            query=query,
        )

    @property
    def needs_password(self) -> bool:
        return self.driver == "postgresql"

    def shown_url(self) -> str:
        """The URL as ``profile list`` prints it: no password, and the value of any query
        parameter that holds a secret (a profile saved before they were refused) masked."""
        url = self.url()
        masked = {k: ("***" if db.secret_parameter(k) else v) for k, v in url.query.items()}
        return url.set(query=masked).render_as_string(hide_password=True)


def validate_name(name: str) -> str:
    name = name.strip()
    if not NAME_RE.match(name):
        raise InvalidInput(
            say("{name!r} is not a usable profile name.", name=name),
            hint=say("Use 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit."),
        )
    return name


def profile_from_url(name: str, raw_url: str, *, tls_mode: str | None = None) -> Profile:
    """Build a profile from a URL; a URL with a password in it is refused."""
    name = validate_name(name)
    url = parse_url(raw_url, password_allowed=False)
    if url.get_backend_name() == "sqlite":
        database = url.database
        assert database is not None  # parse_url refuses an SQLite URL that names no file
        path = str(Path(database).expanduser().resolve()) if database != ":memory:" else ":memory:"
        return Profile(name=name, driver="sqlite", database=path, tls_mode="")
    query = {k: v if isinstance(v, str) else v[-1] for k, v in url.query.items()}
    mode = tls_mode or query.pop("sslmode", None) or "prefer"
    query.pop("sslmode", None)
    if mode not in TLS_MODES:
        raise InvalidInput(say("Unknown TLS mode {mode!r}.", mode=mode), hint=say("Use one of: {value}.", value=", ".join(TLS_MODES)))
    return Profile(
        name=name,
        driver="postgresql",
        host=url.host or "",
        port=url.port,
        database=url.database or "",
        user=url.username or "",
        tls_mode=mode,
        extra=query,
    )


class ProfileStore:
    """The profiles file. Writes are atomic (temp file and rename) and private (0600)."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory or config_dir()
        self.path = self.directory / PROFILES_FILE

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_bytes().decode("utf-8"))
            if not isinstance(data, dict) or not isinstance(data.get("profiles"), dict):
                raise ValueError("no profiles mapping")
        except FileNotFoundError:
            return {"version": 1, "last": None, "profiles": {}}
        except ValueError as exc:  # bad JSON, bad UTF-8 (UnicodeDecodeError), wrong shape
            raise ProfileError(
                say("The profiles file {path} is damaged ({exc}).", path=self.path, exc=exc),
                hint=say("Fix or remove the file; passwords are in the keyring and are not lost."),
            ) from None
        return data

    def _write(self, data: dict[str, Any]) -> None:
        """Through the console's one atomic writer (``core.plumbing.files``: mode 0600, fsync, rename; a full
        disk is a sentence and the old file stays as it was)."""
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise files.write_error(exc, self.path) from None
        files.write_text(self.path, json.dumps(data, indent=2, sort_keys=True))

    def list(self) -> list[Profile]:
        data = self._read()
        return [self._load(name, body) for name, body in sorted(data["profiles"].items())]

    @staticmethod
    def _load(name: str, body: dict[str, Any]) -> Profile:
        try:
            return Profile(name=name, **{k: v for k, v in body.items() if k != "name"})
        except TypeError as exc:
            raise ProfileError(say("Profile {name!r} in the profiles file is malformed ({exc}).", name=name, exc=exc)) from None

    def get(self, name: str) -> Profile:
        data = self._read()
        body = data["profiles"].get(name)
        if body is None:
            known = ", ".join(sorted(data["profiles"])) or "none yet"
            raise ProfileError(
                say("No profile named {name!r} (known: {known}).", name=name, known=known),
                hint=say("Add one with: minisip-console profile add NAME --url URL --password-stdin"),
            )
        return self._load(name, body)

    def add(self, profile: Profile, *, password: str | None = None, replace: bool = False) -> None:
        """Save the profile; the password goes to the keyring first, so a keyring failure saves nothing."""
        data = self._read()
        if profile.name in data["profiles"] and not replace:
            raise ProfileError(
                say("A profile named {name!r} exists already.", name=profile.name), hint=say("Remove it first or choose another name.")
            )
        if password is not None:
            secrets.set_password(profile.name, password)
        body = asdict(profile)
        body.pop("name")
        data["profiles"][profile.name] = body
        self._write(data)
        log.info("saved profile %r (%s)", profile.name, profile.driver)

    def remove(self, name: str) -> bool:
        """Remove the profile and its keyring entries. Returns whether a keyring entry was removed."""
        data = self._read()
        if name not in data["profiles"]:
            self.get(name)  # raises the helpful error
        removed_secret = False
        profile = self._load(name, data["profiles"][name])
        # a profile that never needed a password can go on a machine without a keyring
        if profile.needs_password or secrets.backend_info().usable:
            for kind in ("db", "smtp"):
                removed_secret = secrets.delete_password(name, kind=kind) or removed_secret
        del data["profiles"][name]
        if data.get("last") == name:
            data["last"] = None
        self._write(data)
        log.info("removed profile %r", name)
        return removed_secret

    def last(self) -> str | None:
        return self._read().get("last")

    def set_last(self, name: str | None) -> None:
        data = self._read()
        data["last"] = name
        self._write(data)


def resolve_url(profile: Profile) -> URL:
    """The profile's URL with its password from the keyring, when it needs one and has one.

    A profile saved with a secret in its URL's query (before those were refused) is refused,
    so that it is saved again without it. The URL is noted as the profile's
    (``db.note_profile_url``): a refused password's hint then names the keyring entry."""
    url = profile.url()
    try:
        db.refuse_secrets(url)
    except InvalidInput as exc:
        raise ProfileError(
            say("Profile {name!r}: {message}", name=profile.name, message=exc.message),
            hint=say(
                "Save it again without it: minisip-console profile remove {name}, then profile add {name} --url URL --password-stdin.",
                name=profile.name,
            ),
        ) from None
    if profile.needs_password:
        password = secrets.get_password(profile.name)
        if password is not None:
            url = url.set(password=password)
        db.note_profile_url(url, profile.name)
    return url
