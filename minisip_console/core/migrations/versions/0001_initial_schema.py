"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("company", sa.String(length=200), nullable=True),
        sa.Column("status", sa.String(length=9), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_accounts")),
    )
    op.create_index(op.f("ix_accounts_created_at"), "accounts", ["created_at"], unique=False)
    op.create_index("ix_accounts_email", "accounts", ["email"], unique=False)
    op.create_index("ix_accounts_name", "accounts", ["name"], unique=False)
    op.create_index(op.f("ix_accounts_status"), "accounts", ["status"], unique=False)

    op.create_table(
        "audit_events",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("occurred_at", sa.DateTime(), nullable=False),
        sa.Column("operator_login", sa.String(length=100), nullable=False),
        sa.Column("action", sa.String(length=60), nullable=False),
        sa.Column("target_type", sa.String(length=40), nullable=False),
        sa.Column("target_id", sa.String(length=40), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_events")),
        sa.UniqueConstraint("hash", name=op.f("uq_audit_events_hash")),
    )
    op.create_index(op.f("ix_audit_events_action"), "audit_events", ["action"], unique=False)
    op.create_index(op.f("ix_audit_events_occurred_at"), "audit_events", ["occurred_at"], unique=False)
    op.create_index(op.f("ix_audit_events_target_id"), "audit_events", ["target_id"], unique=False)

    op.create_table(
        "deletion_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("scope", sa.String(length=14), nullable=False),
        sa.Column("source", sa.String(length=300), nullable=False),
        sa.Column("ticket_ref", sa.String(length=60), nullable=False),
        sa.Column("state", sa.String(length=9), nullable=False),
        sa.Column("requested_by", sa.String(length=100), nullable=False),
        sa.Column("requested_at", sa.DateTime(), nullable=False),
        sa.Column("due_at", sa.DateTime(), nullable=False),
        sa.Column("decided_by", sa.String(length=100), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("rejection_reason", sa.String(length=40), nullable=True),
        sa.Column("rejection_note", sa.Text(), nullable=True),
        sa.Column("executed_at", sa.DateTime(), nullable=True),
        sa.Column("completed_at", sa.DateTime(), nullable=True),
        sa.Column("verification", sa.Text(), nullable=True),
        sa.Column("certificate_sha256", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deletion_requests")),
    )
    op.create_index(op.f("ix_deletion_requests_account_id"), "deletion_requests", ["account_id"], unique=False)
    op.create_index(op.f("ix_deletion_requests_state"), "deletion_requests", ["state"], unique=False)

    op.create_table(
        "law_enforcement_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("agency", sa.String(length=200), nullable=False),
        sa.Column("reference", sa.String(length=100), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("data_requested", sa.Text(), nullable=False),
        sa.Column("court_order_ref", sa.String(length=200), nullable=True),
        sa.Column("court_order_verified", sa.Boolean(), nullable=False),
        sa.Column("decision", sa.String(length=20), nullable=False),
        sa.Column("decided_by", sa.String(length=100), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("gag_until", sa.Date(), nullable=True),
        sa.Column("customer_notified_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_law_enforcement_requests")),
    )
    op.create_index(op.f("ix_law_enforcement_requests_account_id"), "law_enforcement_requests", ["account_id"], unique=False)

    op.create_table(
        "operators",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("login", sa.String(length=100), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=8), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_operators")),
        sa.UniqueConstraint("login", name=op.f("uq_operators_login")),
    )
    op.create_table(
        "policy_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=False),
        sa.Column("effective_date", sa.Date(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("significant", sa.Boolean(), nullable=True),
        sa.Column("published_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_policy_versions")),
        sa.UniqueConstraint("number", name=op.f("uq_policy_versions_number")),
    )
    op.create_table(
        "purge_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("cutoff", sa.DateTime(), nullable=False),
        sa.Column("dry_run", sa.Boolean(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("started_by", sa.String(length=100), nullable=False),
        sa.Column("trigger", sa.String(length=20), nullable=False),
        sa.Column("rows_deleted", sa.BigInteger(), nullable=False),
        sa.Column("oldest_deleted", sa.DateTime(), nullable=True),
        sa.Column("newest_deleted", sa.DateTime(), nullable=True),
        sa.Column("verified", sa.Boolean(), nullable=True),
        sa.Column("oldest_remaining", sa.DateTime(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_purge_runs")),
    )
    op.create_index(op.f("ix_purge_runs_category"), "purge_runs", ["category"], unique=False)
    op.create_index(op.f("ix_purge_runs_started_at"), "purge_runs", ["started_at"], unique=False)

    op.create_table(
        "retention_policies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column("days", sa.Integer(), nullable=True),
        sa.Column("review_by", sa.Date(), nullable=True),
        sa.Column("target_table", sa.String(length=100), nullable=False),
        sa.Column("timestamp_column", sa.String(length=100), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_retention_policies")),
        sa.UniqueConstraint("category", name=op.f("uq_retention_policies_category")),
    )
    op.create_table(
        "access_grants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("operator_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("purpose", sa.String(length=40), nullable=False),
        sa.Column("ticket_ref", sa.String(length=60), nullable=False),
        sa.Column("granted_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.Column("ended_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["ended_by_id"], ["operators.id"], name=op.f("fk_access_grants_ended_by_id_operators")),
        sa.ForeignKeyConstraint(["operator_id"], ["operators.id"], name=op.f("fk_access_grants_operator_id_operators")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_access_grants")),
    )
    op.create_index(op.f("ix_access_grants_account_id"), "access_grants", ["account_id"], unique=False)
    op.create_index(op.f("ix_access_grants_expires_at"), "access_grants", ["expires_at"], unique=False)
    op.create_index(op.f("ix_access_grants_operator_id"), "access_grants", ["operator_id"], unique=False)

    op.create_table(
        "cdrs",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("start", sa.DateTime(), nullable=False),
        sa.Column("answer", sa.DateTime(), nullable=True),
        sa.Column("end", sa.DateTime(), nullable=True),
        sa.Column("clid", sa.String(length=80), nullable=False),
        sa.Column("src", sa.String(length=80), nullable=False),
        sa.Column("dst", sa.String(length=80), nullable=False),
        sa.Column("dcontext", sa.String(length=80), nullable=False),
        sa.Column("channel", sa.String(length=80), nullable=False),
        sa.Column("dstchannel", sa.String(length=80), nullable=False),
        sa.Column("lastapp", sa.String(length=80), nullable=False),
        sa.Column("lastdata", sa.String(length=80), nullable=False),
        sa.Column("duration", sa.Integer(), nullable=False),
        sa.Column("billsec", sa.Integer(), nullable=False),
        sa.Column("disposition", sa.String(length=45), nullable=False),
        sa.Column("amaflags", sa.Integer(), nullable=False),
        sa.Column("accountcode", sa.String(length=20), nullable=False),
        sa.Column("uniqueid", sa.String(length=150), nullable=False),
        sa.Column("linkedid", sa.String(length=150), nullable=False),
        sa.Column("userfield", sa.String(length=255), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"], name=op.f("fk_cdrs_account_id_accounts")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cdrs")),
    )
    op.create_index("ix_cdrs_account_id_start", "cdrs", ["account_id", "start"], unique=False)
    op.create_index(op.f("ix_cdrs_start"), "cdrs", ["start"], unique=False)

    op.create_table(
        "configurations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("settings", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"], name=op.f("fk_configurations_account_id_accounts")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_configurations")),
    )
    op.create_index(op.f("ix_configurations_account_id"), "configurations", ["account_id"], unique=False)

    op.create_table(
        "disclosures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("recipient", sa.String(length=200), nullable=False),
        sa.Column("legal_basis", sa.String(length=40), nullable=False),
        sa.Column("evidence", sa.String(length=300), nullable=False),
        sa.Column("data_shared", sa.Text(), nullable=False),
        sa.Column("law_enforcement_request_id", sa.Integer(), nullable=True),
        sa.Column("disclosed_at", sa.DateTime(), nullable=False),
        sa.Column("recorded_by", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["law_enforcement_request_id"],
            ["law_enforcement_requests.id"],
            name=op.f("fk_disclosures_law_enforcement_request_id_law_enforcement_requests"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_disclosures")),
    )
    op.create_index(op.f("ix_disclosures_account_id"), "disclosures", ["account_id"], unique=False)

    op.create_table(
        "legal_holds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("law_enforcement_request_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.String(length=300), nullable=False),
        sa.Column("placed_by", sa.String(length=100), nullable=False),
        sa.Column("placed_at", sa.DateTime(), nullable=False),
        sa.Column("released_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["law_enforcement_request_id"],
            ["law_enforcement_requests.id"],
            name=op.f("fk_legal_holds_law_enforcement_request_id_law_enforcement_requests"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_legal_holds")),
    )
    op.create_index(op.f("ix_legal_holds_account_id"), "legal_holds", ["account_id"], unique=False)

    op.create_table(
        "marketing_permissions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("granted", sa.Boolean(), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
        sa.Column("evidence", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"], name=op.f("fk_marketing_permissions_account_id_accounts")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_marketing_permissions")),
        sa.UniqueConstraint("account_id", name=op.f("uq_marketing_permissions_account_id")),
    )
    op.create_table(
        "notice_campaigns",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("policy_version_id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("body_text", sa.Text(), nullable=False),
        sa.Column("body_html", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=True),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["policy_version_id"], ["policy_versions.id"], name=op.f("fk_notice_campaigns_policy_version_id_policy_versions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notice_campaigns")),
    )
    op.create_index(op.f("ix_notice_campaigns_policy_version_id"), "notice_campaigns", ["policy_version_id"], unique=False)

    op.create_table(
        "page_visits",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("visitor_id", sa.String(length=64), nullable=False),
        sa.Column("path", sa.String(length=500), nullable=False),
        sa.Column("referrer", sa.String(length=500), nullable=False),
        sa.Column("variant", sa.String(length=40), nullable=False),
        sa.Column("visited_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"], name=op.f("fk_page_visits_account_id_accounts")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_page_visits")),
    )
    op.create_index(op.f("ix_page_visits_account_id"), "page_visits", ["account_id"], unique=False)
    op.create_index(op.f("ix_page_visits_visited_at"), "page_visits", ["visited_at"], unique=False)

    op.create_table(
        "site_notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("policy_version_id", sa.Integer(), nullable=True),
        sa.Column("shown_from", sa.DateTime(), nullable=False),
        sa.Column("shown_until", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["policy_version_id"], ["policy_versions.id"], name=op.f("fk_site_notices_policy_version_id_policy_versions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_site_notices")),
    )
    op.create_table(
        "support_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("ticket_ref", sa.String(length=40), nullable=False),
        sa.Column("direction", sa.String(length=8), nullable=False),
        sa.Column("from_address", sa.String(length=254), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"], name=op.f("fk_support_messages_account_id_accounts")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_support_messages")),
    )
    op.create_index(op.f("ix_support_messages_account_id"), "support_messages", ["account_id"], unique=False)
    op.create_index(op.f("ix_support_messages_sent_at"), "support_messages", ["sent_at"], unique=False)
    op.create_index(op.f("ix_support_messages_ticket_ref"), "support_messages", ["ticket_ref"], unique=False)

    op.create_table(
        "survey_responses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("survey", sa.String(length=100), nullable=False),
        sa.Column("answers", sa.Text(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"], name=op.f("fk_survey_responses_account_id_accounts")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_responses")),
    )
    op.create_index(op.f("ix_survey_responses_account_id"), "survey_responses", ["account_id"], unique=False)
    op.create_index(op.f("ix_survey_responses_submitted_at"), "survey_responses", ["submitted_at"], unique=False)

    op.create_table(
        "notice_deliveries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("policy_version_id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=True),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=7), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_reply", sa.Text(), nullable=True),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["campaign_id"], ["notice_campaigns.id"], name=op.f("fk_notice_deliveries_campaign_id_notice_campaigns")),
        sa.ForeignKeyConstraint(
            ["policy_version_id"], ["policy_versions.id"], name=op.f("fk_notice_deliveries_policy_version_id_policy_versions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notice_deliveries")),
        sa.UniqueConstraint("policy_version_id", "account_id", name="uq_notice_deliveries_version_account"),
    )
    op.create_index(op.f("ix_notice_deliveries_account_id"), "notice_deliveries", ["account_id"], unique=False)
    op.create_index(op.f("ix_notice_deliveries_campaign_id"), "notice_deliveries", ["campaign_id"], unique=False)
    op.create_index(op.f("ix_notice_deliveries_state"), "notice_deliveries", ["state"], unique=False)

    op.create_table(
        "uploaded_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("configuration_id", sa.Integer(), nullable=True),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("storage_path", sa.String(length=500), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"], name=op.f("fk_uploaded_files_account_id_accounts")),
        sa.ForeignKeyConstraint(
            ["configuration_id"], ["configurations.id"], name=op.f("fk_uploaded_files_configuration_id_configurations")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_uploaded_files")),
        sa.UniqueConstraint("storage_path", name=op.f("uq_uploaded_files_storage_path")),
    )
    op.create_index(op.f("ix_uploaded_files_account_id"), "uploaded_files", ["account_id"], unique=False)
    op.create_index(op.f("ix_uploaded_files_configuration_id"), "uploaded_files", ["configuration_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_uploaded_files_configuration_id"), table_name="uploaded_files")
    op.drop_index(op.f("ix_uploaded_files_account_id"), table_name="uploaded_files")

    op.drop_table("uploaded_files")
    op.drop_index(op.f("ix_notice_deliveries_state"), table_name="notice_deliveries")
    op.drop_index(op.f("ix_notice_deliveries_campaign_id"), table_name="notice_deliveries")
    op.drop_index(op.f("ix_notice_deliveries_account_id"), table_name="notice_deliveries")

    op.drop_table("notice_deliveries")
    op.drop_index(op.f("ix_survey_responses_submitted_at"), table_name="survey_responses")
    op.drop_index(op.f("ix_survey_responses_account_id"), table_name="survey_responses")

    op.drop_table("survey_responses")
    op.drop_index(op.f("ix_support_messages_ticket_ref"), table_name="support_messages")
    op.drop_index(op.f("ix_support_messages_sent_at"), table_name="support_messages")
    op.drop_index(op.f("ix_support_messages_account_id"), table_name="support_messages")

    op.drop_table("support_messages")
    op.drop_table("site_notices")
    op.drop_index(op.f("ix_page_visits_visited_at"), table_name="page_visits")
    op.drop_index(op.f("ix_page_visits_account_id"), table_name="page_visits")

    op.drop_table("page_visits")
    op.drop_index(op.f("ix_notice_campaigns_policy_version_id"), table_name="notice_campaigns")

    op.drop_table("notice_campaigns")
    op.drop_table("marketing_permissions")
    op.drop_index(op.f("ix_legal_holds_account_id"), table_name="legal_holds")

    op.drop_table("legal_holds")
    op.drop_index(op.f("ix_disclosures_account_id"), table_name="disclosures")

    op.drop_table("disclosures")
    op.drop_index(op.f("ix_configurations_account_id"), table_name="configurations")

    op.drop_table("configurations")
    op.drop_index(op.f("ix_cdrs_start"), table_name="cdrs")
    op.drop_index("ix_cdrs_account_id_start", table_name="cdrs")

    op.drop_table("cdrs")
    op.drop_index(op.f("ix_access_grants_operator_id"), table_name="access_grants")
    op.drop_index(op.f("ix_access_grants_expires_at"), table_name="access_grants")
    op.drop_index(op.f("ix_access_grants_account_id"), table_name="access_grants")

    op.drop_table("access_grants")
    op.drop_table("retention_policies")
    op.drop_index(op.f("ix_purge_runs_started_at"), table_name="purge_runs")
    op.drop_index(op.f("ix_purge_runs_category"), table_name="purge_runs")

    op.drop_table("purge_runs")
    op.drop_table("policy_versions")
    op.drop_table("operators")
    op.drop_index(op.f("ix_law_enforcement_requests_account_id"), table_name="law_enforcement_requests")

    op.drop_table("law_enforcement_requests")
    op.drop_index(op.f("ix_deletion_requests_state"), table_name="deletion_requests")
    op.drop_index(op.f("ix_deletion_requests_account_id"), table_name="deletion_requests")

    op.drop_table("deletion_requests")
    op.drop_index(op.f("ix_audit_events_target_id"), table_name="audit_events")
    op.drop_index(op.f("ix_audit_events_occurred_at"), table_name="audit_events")
    op.drop_index(op.f("ix_audit_events_action"), table_name="audit_events")

    op.drop_table("audit_events")
    op.drop_index(op.f("ix_accounts_status"), table_name="accounts")
    op.drop_index("ix_accounts_name", table_name="accounts")
    op.drop_index("ix_accounts_email", table_name="accounts")
    op.drop_index(op.f("ix_accounts_created_at"), table_name="accounts")

    op.drop_table("accounts")
