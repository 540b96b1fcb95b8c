"""purge receipts: target, batches, duration, partitions, resumed runs; partition mode per policy

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("retention_policies") as batch:
        batch.add_column(sa.Column("partition_mode", sa.String(length=10), server_default="drop", nullable=False))
    with op.batch_alter_table("purge_runs") as batch:
        batch.add_column(sa.Column("target_table", sa.String(length=100), server_default=sa.text("''"), nullable=False))
        batch.add_column(sa.Column("timestamp_column", sa.String(length=100), server_default=sa.text("''"), nullable=False))
        batch.add_column(sa.Column("rows_estimated", sa.BigInteger(), nullable=True))
        batch.add_column(sa.Column("batches", sa.Integer(), server_default="0", nullable=False))
        batch.add_column(sa.Column("duration_ms", sa.BigInteger(), nullable=True))
        batch.add_column(sa.Column("partitions", sa.Text(), server_default=sa.text("''"), nullable=False))
        batch.add_column(sa.Column("resumed_runs", sa.String(length=200), server_default=sa.text("''"), nullable=False))
        batch.add_column(sa.Column("rows_skipped_held", sa.BigInteger(), server_default="0", nullable=False))
        batch.add_column(sa.Column("host", sa.String(length=100), server_default=sa.text("''"), nullable=False))
        batch.add_column(sa.Column("pid", sa.Integer(), nullable=True))
    # the running purge is looked up on every start (is one running? was one interrupted?)
    op.create_index(op.f("ix_purge_runs_state"), "purge_runs", ["state"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_purge_runs_state"), table_name="purge_runs")
    with op.batch_alter_table("purge_runs") as batch:
        for name in (
            "pid",
            "host",
            "rows_skipped_held",
            "resumed_runs",
            "partitions",
            "duration_ms",
            "batches",
            "rows_estimated",
            "timestamp_column",
            "target_table",
        ):
            batch.drop_column(name)
    with op.batch_alter_table("retention_policies") as batch:
        batch.drop_column("partition_mode")
