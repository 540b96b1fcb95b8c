"""What more than one tab uses and that is not a widget (a tab never imports another tab): where the
mail server settings are kept. Widgets every tab shares are in ``ui/tabs.py``, colours in
``ui/theme.py``, number and time formats in ``ui/formatting.py``, the long-action path in
``ui/long_action.py``."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from minisip_console.core.plumbing.connection import Database


def settings_name(database: Database) -> str | None:
    """Where the mail server settings are saved: the profile, or "demo" for the demo database; a
    database opened by URL has nowhere to keep them (they last for the session)."""
    from minisip_console.core.plumbing import mailer

    target = database.target
    if getattr(target, "profile", None):
        return target.profile
    return "demo" if mailer.is_demo_target(target) else None
