"""retention targets (issue 17): saved connections to the tables where CDRs really live

``retention_targets``: one row per saved target of a category (a table and its timestamp column
in another database: an Asterisk ``cdr`` table in MariaDB, FusionPBX's ``v_xml_cdr`` in its own
PostgreSQL...). The URL carries no password (``core.targets`` refuses one); the password lives in
the OS keyring. ``account_column`` ties a row to the service's accounts (legal holds apply
through it) and ``account_format`` says how an account id is written there (``acct{id}``).

``purge_runs.target_name``: which saved target a receipt is for; NULL is the category's own table
in the console's database (every receipt before this migration).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "retention_targets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("category", sa.String(length=40), nullable=False, server_default="cdr"),
        sa.Column("url", sa.String(length=500), nullable=False),
        sa.Column("table_name", sa.String(length=130), nullable=False),
        sa.Column("timestamp_column", sa.String(length=64), nullable=False),
        sa.Column("account_column", sa.String(length=64), nullable=True),
        sa.Column("account_format", sa.String(length=100), nullable=False, server_default="{id}"),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_retention_targets")),
        sa.UniqueConstraint("name", name=op.f("uq_retention_targets_name")),
    )
    with op.batch_alter_table("purge_runs") as batch:
        batch.add_column(sa.Column("target_name", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("purge_runs") as batch:
        batch.drop_column("target_name")
    op.drop_table("retention_targets")
