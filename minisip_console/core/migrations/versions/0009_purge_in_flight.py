"""purge receipts: the batch in flight on a saved retention target (issue 17)

A saved target's batch deletes in another database: its DELETE and the console's receipt cannot
commit together. ``purge_runs.in_flight`` (JSON, NULL when nothing is in flight) records the batch
before the target's transaction commits (its key range, the holds it kept, its row count); the
receipt's counts are updated, and ``in_flight`` cleared, once it has. A process killed between the
two leaves it set, and the next run resolves it by looking at the target (``retention._resolve``):
the receipt then counts exactly the rows that are gone.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("purge_runs") as batch:
        batch.add_column(sa.Column("in_flight", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("purge_runs") as batch:
        batch.drop_column("in_flight")
