"""policy notices: version kind and decisions, campaign link, delivery state 'uncertain', delivery events

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("policy_versions") as batch:
        batch.add_column(sa.Column("kind", sa.String(length=20), server_default="policy", nullable=False))
        batch.add_column(sa.Column("transfer_date", sa.Date(), nullable=True))
        batch.add_column(sa.Column("significance_by", sa.String(length=100), nullable=True))
        batch.add_column(sa.Column("significance_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("published_by", sa.String(length=100), nullable=True))
    with op.batch_alter_table("notice_campaigns") as batch:
        batch.add_column(sa.Column("link", sa.String(length=500), server_default=sa.text("''"), nullable=False))
    # "uncertain" is longer than the longest state before it
    with op.batch_alter_table("notice_deliveries") as batch:
        batch.alter_column("state", existing_type=sa.String(length=7), type_=sa.String(length=9), existing_nullable=False)
    op.create_table(
        "notice_delivery_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("delivery_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=9), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("reply", sa.Text(), nullable=True),
        sa.Column("operator", sa.String(length=100), server_default=sa.text("''"), nullable=False),
        sa.ForeignKeyConstraint(
            ["delivery_id"], ["notice_deliveries.id"], name=op.f("fk_notice_delivery_events_delivery_id_notice_deliveries")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notice_delivery_events")),
    )
    op.create_index(op.f("ix_notice_delivery_events_delivery_id"), "notice_delivery_events", ["delivery_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_notice_delivery_events_delivery_id"), table_name="notice_delivery_events")
    op.drop_table("notice_delivery_events")
    with op.batch_alter_table("notice_deliveries") as batch:
        batch.alter_column("state", existing_type=sa.String(length=9), type_=sa.String(length=7), existing_nullable=False)
    with op.batch_alter_table("notice_campaigns") as batch:
        batch.drop_column("link")
    with op.batch_alter_table("policy_versions") as batch:
        for name in ("published_by", "significance_at", "significance_by", "transfer_date", "kind"):
            batch.drop_column(name)
