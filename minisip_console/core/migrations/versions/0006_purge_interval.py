"""purge interval: how often the scheduled purge of a retention category runs

A daily purge can never keep "nothing older than exactly N days": a row turns N days old a
second after the run. The promise is checked against the retention plus this interval.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("retention_policies") as batch:
        batch.add_column(sa.Column("interval_days", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    with op.batch_alter_table("retention_policies") as batch:
        batch.drop_column("interval_days")
