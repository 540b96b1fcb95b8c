"""Alembic environment: runs inside the package, on the engine the console hands over.

``minisip-console db upgrade`` passes its engine through ``config.attributes["engine"]``;
nothing here reads an ini file, so an installed or frozen console can upgrade a database.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from alembic import context

from minisip_console.core.models import Base, UTCDateTime
from minisip_console.core.pg_security import include_object

if TYPE_CHECKING:
    from alembic.autogenerate.api import AutogenContext

target_metadata = Base.metadata


def render_item(type_: str, obj: object, autogen_context: AutogenContext) -> str | Literal[False]:
    """Render our UTCDateTime as a plain ``sa.DateTime()`` so migrations never import models."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime()"
    return False


def run_migrations_online() -> None:
    engine = context.config.attributes.get("engine")
    if engine is None:
        raise RuntimeError("pass an engine in config.attributes['engine']")
    with engine.begin() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
            render_item=render_item,
            include_object=include_object,
        )
        context.run_migrations()


if context.is_offline_mode():  # pragma: no cover - the console always runs online
    raise RuntimeError("offline (SQL script) migrations are not supported")
run_migrations_online()
