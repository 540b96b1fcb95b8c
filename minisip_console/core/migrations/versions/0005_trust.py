"""trust: console settings (the demo marker), the audit head under which a deletion certificate
and a purge receipt were made

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "console_settings",
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_console_settings")),
    )
    with op.batch_alter_table("deletion_requests") as batch:
        batch.add_column(sa.Column("audit_head", sa.String(length=90), nullable=True))
    with op.batch_alter_table("purge_runs") as batch:
        batch.add_column(sa.Column("audit_head", sa.String(length=90), nullable=True))
    # a demo made by an earlier console carries its demo.create event: mark it as the demo
    op.execute(
        "INSERT INTO console_settings (key, value, updated_at) "
        "SELECT 'demo', 'true', min(occurred_at) FROM audit_events WHERE action = 'demo.create' "
        "HAVING count(*) > 0"
    )


def downgrade() -> None:
    with op.batch_alter_table("purge_runs") as batch:
        batch.drop_column("audit_head")
    with op.batch_alter_table("deletion_requests") as batch:
        batch.drop_column("audit_head")
    op.drop_table("console_settings")
