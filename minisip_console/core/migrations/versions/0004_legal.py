"""law-enforcement register: intake fields, accounts named, documents, compliance proposal, gag
orders; legal holds with an end date; disclosures with categories and export hashes

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_EMPTY = sa.text("''")


def upgrade() -> None:
    with op.batch_alter_table("law_enforcement_requests") as batch:
        batch.add_column(sa.Column("country", sa.String(length=100), server_default=_EMPTY, nullable=False))
        batch.add_column(sa.Column("officer_name", sa.String(length=200), server_default=_EMPTY, nullable=False))
        batch.add_column(sa.Column("officer_contact", sa.String(length=300), server_default=_EMPTY, nullable=False))
        batch.add_column(sa.Column("legal_process", sa.String(length=20), server_default="informal", nullable=False))
        batch.add_column(sa.Column("data_sought", sa.String(length=200), server_default=_EMPTY, nullable=False))
        batch.add_column(sa.Column("recorded_by", sa.String(length=100), server_default=_EMPTY, nullable=False))
        batch.add_column(sa.Column("recorded_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("court_order_checked_by", sa.String(length=100), nullable=True))
        batch.add_column(sa.Column("court_order_checked_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("compliance_scope", sa.String(length=10), nullable=True))
        batch.add_column(sa.Column("proposed_by", sa.String(length=100), nullable=True))
        batch.add_column(sa.Column("proposed_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("decision_reason", sa.Text(), server_default=_EMPTY, nullable=False))
        batch.add_column(sa.Column("gag_order", sa.Boolean(), server_default=sa.false(), nullable=False))
        batch.add_column(sa.Column("gag_reviewed_at", sa.DateTime(), nullable=True))
    op.create_table(
        "law_request_accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("notified_at", sa.DateTime(), nullable=True),
        sa.Column("notice_channel", sa.String(length=40), nullable=True),
        sa.Column("notified_by", sa.String(length=100), nullable=True),
        sa.Column("notice_reply", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["request_id"], ["law_enforcement_requests.id"], name=op.f("fk_law_request_accounts_request_id_law_enforcement_requests")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_law_request_accounts")),
        sa.UniqueConstraint("request_id", "account_id", name=op.f("uq_law_request_accounts_request_id")),
    )
    op.create_index(op.f("ix_law_request_accounts_request_id"), "law_request_accounts", ["request_id"], unique=False)
    op.create_index(op.f("ix_law_request_accounts_account_id"), "law_request_accounts", ["account_id"], unique=False)
    op.create_table(
        "law_request_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("storage_path", sa.String(length=500), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("added_by", sa.String(length=100), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["request_id"], ["law_enforcement_requests.id"], name=op.f("fk_law_request_documents_request_id_law_enforcement_requests")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_law_request_documents")),
    )
    op.create_index(op.f("ix_law_request_documents_request_id"), "law_request_documents", ["request_id"], unique=False)
    with op.batch_alter_table("legal_holds") as batch:
        batch.add_column(sa.Column("expires_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("released_by", sa.String(length=100), nullable=True))
        batch.add_column(sa.Column("release_reason", sa.String(length=300), nullable=True))
    with op.batch_alter_table("disclosures") as batch:
        batch.add_column(sa.Column("data_categories", sa.String(length=200), server_default=_EMPTY, nullable=False))
        batch.add_column(sa.Column("export_sha256", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("export_manifest", sa.Text(), nullable=True))
    # requests recorded before the register: their one account is a named account
    op.execute(
        "INSERT INTO law_request_accounts (request_id, account_id, notified_at) "
        "SELECT id, account_id, customer_notified_at FROM law_enforcement_requests WHERE account_id IS NOT NULL"
    )


def downgrade() -> None:
    with op.batch_alter_table("disclosures") as batch:
        batch.drop_column("export_manifest")
        batch.drop_column("export_sha256")
        batch.drop_column("data_categories")
    with op.batch_alter_table("legal_holds") as batch:
        batch.drop_column("release_reason")
        batch.drop_column("released_by")
        batch.drop_column("expires_at")
    op.drop_index(op.f("ix_law_request_documents_request_id"), table_name="law_request_documents")
    op.drop_table("law_request_documents")
    op.drop_index(op.f("ix_law_request_accounts_account_id"), table_name="law_request_accounts")
    op.drop_index(op.f("ix_law_request_accounts_request_id"), table_name="law_request_accounts")
    op.drop_table("law_request_accounts")
    with op.batch_alter_table("law_enforcement_requests") as batch:
        for column in (
            "gag_reviewed_at",
            "gag_order",
            "decision_reason",
            "proposed_at",
            "proposed_by",
            "compliance_scope",
            "court_order_checked_at",
            "court_order_checked_by",
            "recorded_at",
            "recorded_by",
            "data_sought",
            "legal_process",
            "officer_contact",
            "officer_name",
            "country",
        ):
            batch.drop_column(column)
