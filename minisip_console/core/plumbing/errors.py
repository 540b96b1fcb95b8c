"""Known errors: the environment or the operator's input, each with a sentence to show.

A ``ConsoleError`` is something the operator can act on (a wrong URL, a locked keyring, an
unreachable database). Its message is shown as it is, in a dialog or on stderr, so it never
carries a password. Anything else that escapes is a programming error and goes to the crash
dialog and the log.
"""

from __future__ import annotations

from minisip_console.core.text import say


class ConsoleError(Exception):
    """A failure the operator can understand and act on."""

    #: process exit status for the CLI (ARCHITECTURE.md: 1 refused / check failed, 2 bad input)
    exit_code = 1

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        # a Text when message or hint is one (``core.text.say``): the window translates both parts
        return say("{message} {hint}", message=self.message, hint=self.hint) if self.hint else self.message


class InvalidInput(ConsoleError):
    """The operator typed something we cannot use (a URL, a name, a number)."""

    exit_code = 2


class ProfileError(ConsoleError):
    """A connection profile is missing, duplicated or malformed."""

    exit_code = 2


class KeyringUnavailable(ConsoleError):
    """No usable OS keyring, or it is locked."""


class DatabaseUnavailable(ConsoleError):
    """The database cannot be reached or refuses us."""


class SchemaNotAtHead(ConsoleError):
    """The database schema is older (or newer) than this console expects."""

    def __init__(self, message: str, *, current: tuple[str, ...], head: str, hint: str | None = None):
        super().__init__(message, hint=hint)
        self.current = current
        self.head = head


class PermissionDenied(ConsoleError):
    """The operator's role does not allow this action (checked in the core)."""

    #: for a refusal by role (``purposes.role_refusal``): who was refused, as "Name (role)", and
    #: the least role the action needs; the window groups the greyed buttons by it
    who: str = ""
    needs: str = ""


class Cancelled(ConsoleError):
    """The operator cancelled long work; what was committed stays consistent."""
