"""PostgreSQL enforces the controls: identity, roles, four eyes, purpose-bound reads, the audit log.

Why one module of this size: it is mostly SQL (the roles, the security-barrier views and the
functions the database enforces), installed and checked as one unit; the Python around it is small.

The console's checks in the core hold against an operator who uses the console. These hold
against one who uses ``psql`` or a modified client with their **own login**, because the
database itself refuses (see docs/ARCHITECTURE.md, "Trust model"):

- **Identity**: the acting operator is ``session_user``, looked up in ``operators``. Every
  "who" column (``requested_by``, ``decided_by``, ``placed_by``...) written by an operator's
  login must name that login (``minisip_stamp_who``), and every audit event records it, filled
  in by the database.
- **Roles**: four NOLOGIN group roles, ``minisip_viewer`` < ``minisip_operator`` <
  ``minisip_approver`` < ``minisip_admin`` (each a member of the next), with least privilege:
  SELECT on the console's tables and on the service tables' non-personal columns for viewers,
  the writes each role's work needs, retention policies and settings for admins, and the
  operators table for nobody (admins change it through ``minisip_operator_*`` functions, which
  also create and keep in step the login roles).
- **Four eyes**: approving a deletion request or a law-enforcement compliance needs an approver
  other than its filer or proposer, and the court-order rule (``minisip_deletion_guard``,
  ``minisip_legal_guard``).
- **Personal fields** (accounts' name, email and company; CDR numbers; correspondence; uploaded
  files' names and paths) are not granted to any group role. Lists read masked views
  (``minisip_accounts_masked``, ``minisip_cdrs_masked``); searches go through functions that
  audit them (how many rows matched, never the text); an account's own data is opened for one
  transaction by a SECURITY DEFINER function that checks an active access grant of the session's
  operator (or an approved compliance, or a deletion being carried out) and appends the read to
  the audit log, after which the ``minisip_p_*`` views show that account's rows in that
  transaction only. A campaign's recipients come from a function that checks a running campaign
  opened (and audited once, with its count) by this session.
- **The audit log is append-only**: no group role may UPDATE, DELETE or TRUNCATE it, and
  triggers refuse those even for its owner. Inserting is allowed: a trigger fills in the
  operator (``session_user``), the time, the sequence number, the previous hash and the hash.

Not covered: a superuser, or the schema owner (who owns the tables and can disable triggers).
The schema owner is trusted to name the operator in what it writes (the demo, migrations,
tests): every check below treats "the owner" as outside the model.

Everything here is installed by ``install`` (``db roles``; ``db upgrade`` runs it too), which is
idempotent: ``CREATE OR REPLACE``, roles created only when missing, grants reset and given
again, memberships brought in step with ``operators``. It needs the schema owner, with
CREATEROLE (to create the group roles and operators' logins).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from minisip_console.core.models import Role
from minisip_console.core.plumbing.errors import ConsoleError, PermissionDenied, SchemaNotAtHead
from minisip_console.core.text import say

if TYPE_CHECKING:
    import psycopg

log = logging.getLogger(__name__)

#: raised when the layer changes; ``ensure_installed`` refuses an older one
SECURITY_VERSION = 2  # 2: partition drops find the account column themselves; pg_partman under the roles
PRIVATE_SCHEMA = "minisip_private"
GROUPS: dict[Role, str] = {
    Role.VIEWER: "minisip_viewer",
    Role.OPERATOR: "minisip_operator",
    Role.APPROVER: "minisip_approver",
    Role.ADMIN: "minisip_admin",
}
#: the SQLSTATE of every refusal raised here (insufficient_privilege)
REFUSED = "42501"

#: service columns no group role may read: they are read through the functions and views below
PERSONAL_COLUMNS: dict[str, tuple[str, ...]] = {
    "accounts": ("name", "email", "company"),
    "cdrs": ("clid", "src", "dst", "channel", "dstchannel", "lastdata", "userfield"),
    "support_messages": ("from_address", "subject", "body"),
    "uploaded_files": ("filename", "storage_path"),
}
#: service tables an account's data is opened in (``minisip_p_<table>`` views)
PERSONAL_TABLES = tuple(PERSONAL_COLUMNS)
SERVICE_TABLES = (
    "accounts",
    "configurations",
    "uploaded_files",
    "cdrs",
    "support_messages",
    "survey_responses",
    "page_visits",
    "marketing_permissions",
    "site_notices",
)
CONSOLE_TABLES = (
    "operators",
    "audit_events",
    "access_grants",
    "retention_policies",
    "retention_targets",
    "purge_runs",
    "deletion_requests",
    "legal_holds",
    "policy_versions",
    "notice_campaigns",
    "notice_deliveries",
    "notice_delivery_events",
    "law_enforcement_requests",
    "law_request_accounts",
    "law_request_documents",
    "disclosures",
    "console_settings",
    "alembic_version",
)
#: what each role may write, beyond SELECT (the lowest role that needs it; higher roles inherit)
WRITES: dict[Role, dict[str, str]] = {
    Role.VIEWER: {"audit_events": "INSERT"},
    Role.OPERATOR: {
        "access_grants": "INSERT, UPDATE",
        "deletion_requests": "INSERT, UPDATE",
        "purge_runs": "INSERT, UPDATE",
        "legal_holds": "INSERT, UPDATE",
        "policy_versions": "INSERT, UPDATE",
        "notice_campaigns": "INSERT, UPDATE",
        "notice_deliveries": "INSERT, UPDATE",
        "notice_delivery_events": "INSERT",
        "law_enforcement_requests": "INSERT, UPDATE",
        "law_request_accounts": "INSERT, UPDATE",
        "law_request_documents": "INSERT",
        "disclosures": "INSERT",
        "marketing_permissions": "INSERT, UPDATE, DELETE",
        "site_notices": "INSERT, UPDATE",
        # a deletion run and a purge remove service rows; accounts are tombstoned or rectified
        # (minisip_accounts_guard checks both)
        "configurations": "DELETE",
        "uploaded_files": "DELETE",
        "cdrs": "DELETE",
        "support_messages": "DELETE",
        "survey_responses": "DELETE",
        "page_visits": "DELETE",
    },
    Role.ADMIN: {
        "retention_policies": "INSERT, UPDATE, DELETE",
        "retention_targets": "INSERT, UPDATE, DELETE",
        "console_settings": "INSERT, UPDATE, DELETE",
    },
}
#: the functions a group role may call: the console's entry points, what the masked views use and
#: what the (invoker's) audit trigger calls; every other ``minisip_*`` function runs inside these
CALLABLE = (
    "minisip_is_owner",
    "minisip_audit_hash",
    "minisip_security_version",
    "minisip_mask_words",
    "minisip_mask_email",
    "minisip_mask_number",
    "minisip_mask_clid",
    "minisip_open_account",
    "minisip_open_for_compliance",
    "minisip_open_for_deletion",
    "minisip_open_for_notice",
    "minisip_open_marketing_list",
    "minisip_open_campaign",
    "minisip_close_reads",
    "minisip_recipients",
    "minisip_search_count",
    "minisip_search_page",
    "minisip_accounts_by_email",
    "minisip_drop_partition",
    "minisip_operator_add",
    "minisip_operator_set_role",
    "minisip_operator_disable",
)
#: "who" columns: set or changed by an operator's login, they must name that login; a column
#: marked ``!`` (who filed, proposed, recorded) never changes once set
WHO_COLUMNS: dict[str, tuple[str, ...]] = {
    "deletion_requests": ("!requested_by", "decided_by"),
    "legal_holds": ("!placed_by", "released_by"),
    "law_enforcement_requests": ("!recorded_by", "court_order_checked_by", "!proposed_by", "decided_by"),
    "law_request_accounts": ("notified_by",),
    "law_request_documents": ("!added_by",),
    "disclosures": ("!recorded_by",),
    "policy_versions": ("significance_by", "published_by"),
    "notice_campaigns": ("!created_by",),
    "notice_delivery_events": ("!operator",),
    "purge_runs": ("!started_by",),
    "retention_policies": ("updated_by",),
    "retention_targets": ("!created_by",),
}


def include_object(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    """For Alembic's comparisons: the layer's own objects (``minisip_*``, such as the accounts'
    stored masked fields) are installed by ``install``, not by migrations."""
    return not (reflected and compare_to is None and (name or "").startswith("minisip_"))


class NotSchemaOwner(PermissionDenied):
    """``db roles`` (or an upgrade) run by a login that does not own the console's tables."""


# --------------------------------------------------------------------------- the SQL


#: accounts' masked fields, stored as generated columns (``install`` adds them; see ``_masked_columns``)
MASKED_COLUMNS = {
    "minisip_masked_name": "minisip_mask_words(name)",
    "minisip_masked_email": "minisip_mask_email(email)",
    "minisip_masked_company": "minisip_mask_words(company)",
}


def _masking_digest() -> str:
    import hashlib

    from minisip_console.core.masking import sql_functions

    return hashlib.sha256("\n".join(sql_functions()).encode()).hexdigest()[:16]


def _masked_columns(conn: Connection, schema: str) -> None:
    """Add (or, when the masking rules changed, rebuild) the accounts' stored masked fields.

    They are ``GENERATED ALWAYS ... STORED`` from the masking functions, so every write of an
    account (the service's included) masks it once; the column's comment holds a digest of the
    rules, and a console whose rules differ rebuilds them (one rewrite of the table)."""
    s = f'"{schema}"'
    digest = _masking_digest()
    found = conn.scalar(
        text(
            "SELECT col_description(a.attrelid, a.attnum) FROM pg_attribute a "
            "WHERE a.attrelid = CAST(:t AS regclass) AND a.attname = 'minisip_masked_name' AND NOT a.attisdropped"
        ),
        {"t": f"{schema}.accounts"},
    )
    if found == digest:
        return
    conn.execute(text(f"DROP VIEW IF EXISTS {s}.minisip_accounts_masked CASCADE"))
    conn.execute(text(f"ALTER TABLE {s}.accounts " + ", ".join(f"DROP COLUMN IF EXISTS {c}" for c in MASKED_COLUMNS)))
    conn.execute(
        text(
            f"ALTER TABLE {s}.accounts "
            + ", ".join(f"ADD COLUMN {c} text GENERATED ALWAYS AS ({s}.{expr}) STORED" for c, expr in MASKED_COLUMNS.items())
        )
    )
    conn.execute(text(f"COMMENT ON COLUMN {s}.accounts.minisip_masked_name IS '{digest}'"))


def _statements(schema: str, owner: str) -> list[str]:
    """Every function, view and trigger of the layer, in dependency order (idempotent)."""
    from minisip_console.core.masking import sql_functions

    s = f'"{schema}"'
    p = f'"{PRIVATE_SCHEMA}"'
    definer = f"SECURITY DEFINER SET search_path = pg_catalog, {s}, pg_temp"
    ranks = " ".join(f"WHEN '{r.value}' THEN {i}" for i, r in enumerate(GROUPS))
    # the schema owner's name, written into minisip_is_owner: a constant is inlined where a catalog
    # query would be planned again on every call (a SQL function with a FROM is never inlined)
    owner_literal = "'" + owner.replace("'", "''") + "'"
    out: list[str] = []
    out += list(sql_functions())  # created in the current schema, as everything else here
    out.append(f"CREATE SCHEMA IF NOT EXISTS {p}")
    out.append(f"REVOKE ALL ON SCHEMA {p} FROM PUBLIC")
    out.append(f"""
        CREATE UNLOGGED TABLE IF NOT EXISTS {p}.open_reads (
            xid xid8,
            pid integer NOT NULL,
            token text,
            scope text NOT NULL,
            account_id integer,
            version_id integer,
            opened_at timestamptz NOT NULL DEFAULT clock_timestamp()
        )""")
    out.append(f"CREATE INDEX IF NOT EXISTS open_reads_xid ON {p}.open_reads (xid)")
    out.append(f"REVOKE ALL ON {p}.open_reads FROM PUBLIC")

    # ---- who is acting
    out.append(f"""
        CREATE OR REPLACE FUNCTION {s}.minisip_is_owner() RETURNS boolean
        LANGUAGE sql STABLE AS $$
            SELECT pg_catalog.pg_has_role(session_user, {owner_literal}::name, 'MEMBER')
        $$""")
    out.append(f"""
        CREATE OR REPLACE FUNCTION {s}.minisip_acting(claimed text) RETURNS text
        LANGUAGE sql STABLE AS $$
            SELECT CASE WHEN {s}.minisip_is_owner() AND coalesce(claimed, '') <> '' THEN claimed ELSE session_user::text END
        $$""")
    out.append(f"""
        CREATE OR REPLACE FUNCTION {s}.minisip_rank(role text) RETURNS integer
        LANGUAGE sql IMMUTABLE AS $$
            SELECT CASE role {ranks} END
        $$""")
    out.append(
        f"""
        CREATE OR REPLACE FUNCTION {s}.minisip_require(login text, minimum text, action text) RETURNS integer
        LANGUAGE plpgsql STABLE AS $$
        DECLARE found record;
        BEGIN
            IF login = session_user AND {s}.minisip_is_owner() THEN
                RETURN NULL;  -- the schema owner acting as itself is outside the model (it owns the tables)
            END IF;
            SELECT o.id, o.role INTO found FROM {s}.operators o WHERE o.login = require.login AND o.active;
            IF found.id IS NULL THEN
                RAISE EXCEPTION 'minisip: % is not an active operator and cannot %', login, action USING ERRCODE = '{REFUSED}';
            END IF;
            IF coalesce({s}.minisip_rank(found.role), -1) < {s}.minisip_rank(minimum) THEN
                RAISE EXCEPTION 'minisip: % (%) cannot %: that needs the % role or higher', login, found.role, action, minimum
                    USING ERRCODE = '{REFUSED}';
            END IF;
            RETURN found.id;
        END $$""".replace("require.login", "minisip_require.login")
    )

    # ---- the audit log
    out.append(f"""
        CREATE OR REPLACE FUNCTION {s}.minisip_audit_hash(seq bigint, occurred_at timestamp, operator text, action text,
                                                          target_type text, target_id text, details text, prev_hash text)
        RETURNS text LANGUAGE sql IMMUTABLE AS $$
            SELECT encode(sha256(convert_to(
                '{{"action":' || to_json(action)::text
                || ',"details":' || to_json(details)::text
                || ',"occurred_at":' || to_json(to_char(occurred_at, 'YYYY-MM-DD"T"HH24:MI:SS.US') || '+00:00')::text
                || ',"operator":' || to_json(operator)::text
                || ',"prev_hash":' || to_json(prev_hash)::text
                || ',"seq":' || seq::text
                || ',"target_id":' || to_json(target_id)::text
                || ',"target_type":' || to_json(target_type)::text || '}}', 'UTF8')), 'hex')
        $$""")
    out.append(f"""
        CREATE OR REPLACE FUNCTION {s}.minisip_audit_append() RETURNS trigger
        LANGUAGE plpgsql SET search_path = pg_catalog, {s}, pg_temp AS $$
        DECLARE last record; owner boolean := {s}.minisip_is_owner();
        BEGIN
            IF NOT owner OR NEW.operator_login IS NULL OR NEW.operator_login = '' THEN
                NEW.operator_login := session_user;
            END IF;
            IF NOT owner OR NEW.occurred_at IS NULL THEN
                NEW.occurred_at := clock_timestamp() AT TIME ZONE 'UTC';
            END IF;
            NEW.target_type := coalesce(NEW.target_type, '');
            NEW.target_id := coalesce(NEW.target_id, '');
            NEW.details := coalesce(NEW.details, '{{}}');
            PERFORM pg_advisory_xact_lock(1835626869, 1);  -- appends serialise until commit
            SELECT e.seq, e.hash INTO last FROM {s}.audit_events e ORDER BY e.seq DESC LIMIT 1;
            NEW.seq := coalesce(last.seq, 0) + 1;
            NEW.prev_hash := coalesce(last.hash, repeat('0', 64));
            NEW.hash := {s}.minisip_audit_hash(NEW.seq, NEW.occurred_at, NEW.operator_login, NEW.action,
                                               NEW.target_type, NEW.target_id, NEW.details, NEW.prev_hash);
            RETURN NEW;
        END $$""")
    out.append(f"""
        CREATE OR REPLACE FUNCTION {s}.minisip_audit_refuse() RETURNS trigger
        LANGUAGE plpgsql {definer} AS $$
        BEGIN
            IF TG_OP = 'TRUNCATE' AND {s}.minisip_is_owner() AND current_setting('minisip.reset_demo', true) = 'on' THEN
                RETURN NULL;  -- the demo's owner re-creating the demo
            END IF;
            RAISE EXCEPTION 'minisip: the audit log is append-only: % is refused', TG_OP USING ERRCODE = '{REFUSED}';
        END $$""")
    out.append(f"""
        CREATE OR REPLACE FUNCTION {s}.minisip_append(login text, action text, target_type text, target_id text, details text)
        RETURNS bigint LANGUAGE sql {definer} AS $$
            INSERT INTO {s}.audit_events (operator_login, action, target_type, target_id, details)
            VALUES (login, action, target_type, target_id, details) RETURNING seq
        $$""")

    # ---- who columns, four eyes, grants, accounts
    out.append(f"""
        CREATE OR REPLACE FUNCTION {s}.minisip_stamp_who() RETURNS trigger
        LANGUAGE plpgsql {definer} AS $$
        DECLARE arg text; col text; new_value text; old_value text;
        BEGIN
            IF {s}.minisip_is_owner() THEN RETURN NEW; END IF;
            FOREACH arg IN ARRAY TG_ARGV LOOP
                col := ltrim(arg, '!');
                new_value := to_jsonb(NEW) ->> col;
                old_value := CASE WHEN TG_OP = 'UPDATE' THEN to_jsonb(OLD) ->> col END;
                IF new_value IS DISTINCT FROM old_value AND coalesce(new_value, '') <> '' AND new_value <> session_user THEN
                    RAISE EXCEPTION 'minisip: %.% must name you (%), not %', TG_TABLE_NAME, col, session_user, new_value
                        USING ERRCODE = '{REFUSED}';
                END IF;
                IF TG_OP = 'UPDATE' AND coalesce(old_value, '') <> '' AND new_value IS DISTINCT FROM old_value
                   AND (arg LIKE '!%' OR coalesce(new_value, '') = '') THEN
                    RAISE EXCEPTION 'minisip: %.% was % and cannot be rewritten', TG_TABLE_NAME, col, old_value
                        USING ERRCODE = '{REFUSED}';
                END IF;
            END LOOP;
            RETURN NEW;
        END $$""")
    out.append(f"""
        CREATE OR REPLACE FUNCTION {s}.minisip_deletion_guard() RETURNS trigger
        LANGUAGE plpgsql {definer} AS $$
        DECLARE owner boolean := {s}.minisip_is_owner();
        BEGIN
            IF TG_OP = 'INSERT' THEN
                IF NOT owner THEN
                    PERFORM {s}.minisip_require(session_user, 'operator', 'file a deletion request');
                    IF NEW.state <> 'received' OR NEW.decided_by IS NOT NULL THEN
                        RAISE EXCEPTION 'minisip: a deletion request is filed as received, undecided' USING ERRCODE = '{REFUSED}';
                    END IF;
                END IF;
                RETURN NEW;
            END IF;
            IF NOT owner AND (NEW.account_id <> OLD.account_id OR NEW.scope <> OLD.scope
                              OR NEW.requested_at IS DISTINCT FROM OLD.requested_at) THEN
                RAISE EXCEPTION 'minisip: the account, scope and filing of deletion request % never change', OLD.id
                    USING ERRCODE = '{REFUSED}';
            END IF;
            IF NEW.state = 'approved' AND OLD.state <> 'approved' THEN
                IF OLD.state <> 'received' OR NEW.decided_by IS NULL THEN
                    RAISE EXCEPTION 'minisip: only a received deletion request can be approved, by a named approver'
                        USING ERRCODE = '{REFUSED}';
                END IF;
                IF NEW.decided_by = OLD.requested_by THEN
                    RAISE EXCEPTION 'minisip: four eyes: % filed deletion request % and cannot also approve it',
                        OLD.requested_by, OLD.id USING ERRCODE = '{REFUSED}';
                END IF;
                IF NOT owner THEN
                    PERFORM {s}.minisip_require(session_user, 'approver', 'approve a deletion request');
                END IF;
            ELSIF NOT owner AND NEW.state IS DISTINCT FROM OLD.state THEN
                IF NOT (OLD.state, NEW.state) IN (('received', 'rejected'), ('received', 'cancelled'), ('approved', 'rejected'),
                        ('approved', 'cancelled'), ('approved', 'executing'), ('executing', 'verifying'),
                        ('verifying', 'completed'), ('verifying', 'failed')) THEN
                    RAISE EXCEPTION 'minisip: deletion request % cannot go from % to %', OLD.id, OLD.state, NEW.state
                        USING ERRCODE = '{REFUSED}';
                END IF;
                IF NEW.state = 'rejected' THEN
                    PERFORM {s}.minisip_require(session_user, 'approver', 'reject a deletion request');
                ELSE
                    PERFORM {s}.minisip_require(session_user, 'operator', 'work on a deletion request');
                END IF;
            END IF;
            RETURN NEW;
        END $$""")
    out.append(f"""
        CREATE OR REPLACE FUNCTION {s}.minisip_legal_guard() RETURNS trigger
        LANGUAGE plpgsql {definer} AS $$
        DECLARE owner boolean := {s}.minisip_is_owner();
        BEGIN
            IF TG_OP = 'INSERT' THEN
                IF NOT owner AND (NEW.decision <> 'pending' OR NEW.proposed_by IS NOT NULL OR NEW.decided_by IS NOT NULL) THEN
                    RAISE EXCEPTION 'minisip: a law-enforcement request is recorded as pending' USING ERRCODE = '{REFUSED}';
                END IF;
                RETURN NEW;
            END IF;
            IF NOT owner AND (NEW.legal_process <> OLD.legal_process OR NEW.received_at IS DISTINCT FROM OLD.received_at) THEN
                RAISE EXCEPTION 'minisip: the legal process and receipt of request % never change', OLD.id USING ERRCODE = '{REFUSED}';
            END IF;
            IF NEW.decision = 'complied' AND OLD.decision <> 'complied' THEN
                IF OLD.decision <> 'proposed' OR OLD.proposed_by IS NULL OR NEW.proposed_by IS DISTINCT FROM OLD.proposed_by THEN
                    RAISE EXCEPTION 'minisip: only a proposed compliance can be approved' USING ERRCODE = '{REFUSED}';
                END IF;
                IF NEW.decided_by IS NULL OR NEW.decided_by = OLD.proposed_by THEN
                    RAISE EXCEPTION 'minisip: four eyes: % proposed compliance with request % and cannot also approve it',
                        OLD.proposed_by, OLD.id USING ERRCODE = '{REFUSED}';
                END IF;
                IF NEW.legal_process NOT IN ('court_order', 'search_warrant') OR NEW.court_order_checked_at IS NULL THEN
                    RAISE EXCEPTION 'minisip: no data without a checked court order: request % cannot be complied with', OLD.id
                        USING ERRCODE = '{REFUSED}';
                END IF;
                IF NOT owner THEN
                    PERFORM {s}.minisip_require(session_user, 'approver', 'approve compliance with a law-enforcement request');
                END IF;
            ELSIF NEW.decision = 'proposed' AND OLD.decision <> 'proposed' THEN
                IF OLD.decision <> 'pending' OR NEW.proposed_by IS NULL THEN
                    RAISE EXCEPTION 'minisip: only a pending request can be proposed for compliance' USING ERRCODE = '{REFUSED}';
                END IF;
                IF NEW.legal_process NOT IN ('court_order', 'search_warrant') OR NEW.court_order_checked_at IS NULL THEN
                    RAISE EXCEPTION 'minisip: no data without a checked court order: request % cannot be complied with', OLD.id
                        USING ERRCODE = '{REFUSED}';
                END IF;
            ELSIF NOT owner AND NEW.decision IS DISTINCT FROM OLD.decision
                  AND NOT (OLD.decision IN ('pending', 'proposed') AND NEW.decision = 'rejected') THEN
                RAISE EXCEPTION 'minisip: request % cannot go from % to %', OLD.id, OLD.decision, NEW.decision
                    USING ERRCODE = '{REFUSED}';
            END IF;
            IF NOT owner AND OLD.decision = 'proposed' AND NEW.decision = 'proposed'
               AND (NEW.proposed_by IS DISTINCT FROM OLD.proposed_by OR NEW.compliance_scope IS DISTINCT FROM OLD.compliance_scope) THEN
                RAISE EXCEPTION 'minisip: a compliance proposal does not change; reject the request or approve it'
                    USING ERRCODE = '{REFUSED}';
            END IF;
            RETURN NEW;
        END $$""")
    out.append(f"""
        CREATE OR REPLACE FUNCTION {s}.minisip_grant_guard() RETURNS trigger
        LANGUAGE plpgsql {definer} AS $$
        DECLARE me integer; me_role text;
        BEGIN
            IF {s}.minisip_is_owner() THEN RETURN NEW; END IF;
            me := {s}.minisip_require(session_user, 'operator', 'hold an access grant');
            SELECT o.role INTO me_role FROM {s}.operators o WHERE o.id = me;
            IF TG_OP = 'INSERT' THEN
                IF NEW.operator_id <> me OR NEW.ended_at IS NOT NULL OR NEW.ended_by_id IS NOT NULL THEN
                    RAISE EXCEPTION 'minisip: an access grant is obtained by its holder, for themselves' USING ERRCODE = '{REFUSED}';
                END IF;
                NEW.granted_at := clock_timestamp() AT TIME ZONE 'UTC';
                IF NEW.expires_at <= NEW.granted_at OR NEW.expires_at > NEW.granted_at + interval '480 minutes' THEN
                    RAISE EXCEPTION 'minisip: an access grant lasts 1 to 480 minutes from now' USING ERRCODE = '{REFUSED}';
                END IF;
                IF NEW.purpose NOT IN ('support', 'bug', 'customer_request', 'legal') THEN
                    RAISE EXCEPTION 'minisip: unknown purpose %', NEW.purpose USING ERRCODE = '{REFUSED}';
                END IF;
                IF NOT EXISTS (SELECT 1 FROM {s}.accounts a WHERE a.id = NEW.account_id AND a.status <> 'deleted') THEN
                    RAISE EXCEPTION 'minisip: no live account %', NEW.account_id USING ERRCODE = '{REFUSED}';
                END IF;
                RETURN NEW;
            END IF;
            IF (NEW.id, NEW.operator_id, NEW.account_id, NEW.purpose, NEW.ticket_ref, NEW.granted_at, NEW.expires_at)
               IS DISTINCT FROM (OLD.id, OLD.operator_id, OLD.account_id, OLD.purpose, OLD.ticket_ref, OLD.granted_at, OLD.expires_at)
               OR OLD.ended_at IS NOT NULL OR NEW.ended_at IS NULL OR NEW.ended_by_id IS DISTINCT FROM me THEN
                RAISE EXCEPTION 'minisip: an access grant can only be ended, by its holder or an admin' USING ERRCODE = '{REFUSED}';
            END IF;
            IF OLD.operator_id <> me AND me_role <> 'admin' THEN
                RAISE EXCEPTION 'minisip: only the holder of access grant % or an admin can end it', OLD.id USING ERRCODE = '{REFUSED}';
            END IF;
            NEW.ended_at := clock_timestamp() AT TIME ZONE 'UTC';
            RETURN NEW;
        END $$""")
    out.append(f"""
        CREATE OR REPLACE FUNCTION {s}.minisip_grant_audited() RETURNS trigger
        LANGUAGE plpgsql {definer} AS $$
        BEGIN
            IF {s}.minisip_is_owner() THEN RETURN NULL; END IF;
            IF NOT EXISTS (SELECT 1 FROM {s}.audit_events e
                           WHERE e.action = 'access.grant' AND e.target_type = 'account' AND e.target_id = NEW.account_id::text
                             AND e.operator_login = session_user AND e.details::jsonb ->> 'grant_id' = NEW.id::text) THEN
                RAISE EXCEPTION 'minisip: access grant % has no access.grant event in the audit log', NEW.id
                    USING ERRCODE = '{REFUSED}';
            END IF;
            RETURN NULL;
        END $$""")
    out.append(f"""
        CREATE OR REPLACE FUNCTION {s}.minisip_has_grant(operator_id integer, account_id integer) RETURNS integer
        LANGUAGE plpgsql STABLE AS $$
        BEGIN  -- plpgsql: its query's plan is kept between calls
            RETURN (SELECT g.id FROM {s}.access_grants g
                    WHERE g.operator_id = minisip_has_grant.operator_id AND g.account_id = minisip_has_grant.account_id
                      AND g.ended_at IS NULL AND g.expires_at > (clock_timestamp() AT TIME ZONE 'UTC')
                    ORDER BY g.expires_at DESC, g.id DESC LIMIT 1);
        END $$""")
    out.append(f"""
        CREATE OR REPLACE FUNCTION {s}.minisip_accounts_guard() RETURNS trigger
        LANGUAGE plpgsql {definer} AS $$
        DECLARE me integer;
        BEGIN
            IF {s}.minisip_is_owner() THEN RETURN NEW; END IF;
            me := {s}.minisip_require(session_user, 'operator', 'change an account');
            IF NEW.id <> OLD.id OR NEW.created_at IS DISTINCT FROM OLD.created_at THEN
                RAISE EXCEPTION 'minisip: an account''s id and creation never change' USING ERRCODE = '{REFUSED}';
            END IF;
            IF NEW.status = 'deleted' AND OLD.status <> 'deleted' THEN
                IF NOT EXISTS (SELECT 1 FROM {s}.deletion_requests r WHERE r.account_id = OLD.id AND r.scope = 'account'
                               AND r.state = 'executing') THEN
                    RAISE EXCEPTION 'minisip: account % is deleted only by an approved deletion request being carried out', OLD.id
                        USING ERRCODE = '{REFUSED}';
                END IF;
                IF coalesce(NEW.name, '') <> '' OR coalesce(NEW.email, '') <> '' OR coalesce(NEW.company, '') <> '' THEN
                    RAISE EXCEPTION 'minisip: a deleted account keeps no personal fields' USING ERRCODE = '{REFUSED}';
                END IF;
                RETURN NEW;
            END IF;
            IF (NEW.name, NEW.email, NEW.company) IS DISTINCT FROM (OLD.name, OLD.email, OLD.company)
               AND {s}.minisip_has_grant(me, OLD.id) IS NULL THEN
                RAISE EXCEPTION 'minisip: changing account %''s personal fields needs an active access grant of yours', OLD.id
                    USING ERRCODE = '{REFUSED}';
            END IF;
            RETURN NEW;
        END $$""")

    # ---- opening personal data for one transaction
    out.append(f"""
        CREATE OR REPLACE FUNCTION {p}.register(scope text, account_id integer, version_id integer, for_session boolean)
        RETURNS void LANGUAGE plpgsql {definer} AS $$
        DECLARE my_token text;
        BEGIN
            IF NOT for_session THEN  -- and the reads of this backend's earlier transactions are over
                WITH over AS (DELETE FROM {p}.open_reads r WHERE r.pid = pg_backend_pid() AND r.xid IS NOT NULL
                                                              AND r.xid <> pg_current_xact_id())
                INSERT INTO {p}.open_reads (xid, pid, scope, account_id, version_id)
                VALUES (pg_current_xact_id(), pg_backend_pid(), scope, account_id, version_id);
                RETURN;
            END IF;
            IF for_session THEN
                -- a session-long read (a campaign) is tied to a random token only this session knows, so a later
                -- session that happens to get the same process id inherits nothing
                my_token := current_setting('minisip.session_token', true);
                IF coalesce(my_token, '') = '' OR NOT EXISTS (
                    SELECT 1 FROM {p}.open_reads r WHERE r.pid = pg_backend_pid() AND r.token = my_token) THEN
                    DELETE FROM {p}.open_reads r WHERE r.pid = pg_backend_pid() AND r.xid IS NULL;
                    my_token := gen_random_uuid()::text;
                    PERFORM set_config('minisip.session_token', my_token, false);
                END IF;
            END IF;
            INSERT INTO {p}.open_reads (xid, pid, token, scope, account_id, version_id)
            VALUES (CASE WHEN for_session THEN NULL ELSE pg_current_xact_id() END, pg_backend_pid(),
                    CASE WHEN for_session THEN my_token END, scope, account_id, version_id);
        END $$""")
    out.append(f"""
        CREATE OR REPLACE FUNCTION {s}.minisip_open_account(account_id integer, action text, details text, claimed text DEFAULT NULL,
                                                           for_session boolean DEFAULT false)
        RETURNS bigint LANGUAGE plpgsql {definer} AS $$
        DECLARE actor text := {s}.minisip_acting(claimed); grant_id integer; named integer; seq bigint;
        BEGIN
            -- one query: an active operator's grant on the account that is running now (its own check follows)
            SELECT g.id INTO grant_id FROM {s}.operators o JOIN {s}.access_grants g ON g.operator_id = o.id
            WHERE o.login = actor AND o.active AND g.account_id = minisip_open_account.account_id AND g.ended_at IS NULL
              AND g.expires_at > (clock_timestamp() AT TIME ZONE 'UTC')
              AND g.id = coalesce((details::jsonb ->> 'grant_id')::integer, g.id)
            ORDER BY g.expires_at DESC, g.id DESC LIMIT 1;
            IF grant_id IS NULL THEN
                PERFORM {s}.minisip_require(actor, 'viewer', 'read an account''s personal data');
                named := (details::jsonb ->> 'grant_id')::integer;
                IF named IS NOT NULL THEN
                    RAISE EXCEPTION 'minisip: the read must name an active access grant of yours for account %', account_id
                        USING ERRCODE = '{REFUSED}';
                END IF;
                RAISE EXCEPTION 'minisip: % has no active access grant for account %', actor, account_id USING ERRCODE = '{REFUSED}';
            END IF;
            IF (details::jsonb ->> 'grant_id') IS NULL THEN  -- the read names the grant it is made under
                details := (details::jsonb || jsonb_build_object('grant_id', grant_id))::text;
            END IF;
            PERFORM {p}.register('account', account_id, NULL, for_session);
            INSERT INTO {s}.audit_events (operator_login, action, target_type, target_id, details)
            VALUES (actor, action, 'account', account_id::text, details) RETURNING audit_events.seq INTO seq;
            RETURN seq;
        END $$""")
    out.append(f"""
        CREATE OR REPLACE FUNCTION {s}.minisip_open_for_compliance(request_id integer, account_id integer, claimed text DEFAULT NULL,
                                                                  for_session boolean DEFAULT false)
        RETURNS void LANGUAGE plpgsql {definer} AS $$
        DECLARE login text := {s}.minisip_acting(claimed); req record;
        BEGIN
            PERFORM {s}.minisip_require(login, 'approver', 'export data for a law-enforcement request');
            SELECT r.* INTO req FROM {s}.law_enforcement_requests r WHERE r.id = request_id;
            IF req.id IS NULL OR req.decision <> 'proposed' OR req.proposed_by = login
               OR req.legal_process NOT IN ('court_order', 'search_warrant') OR req.court_order_checked_at IS NULL
               OR NOT EXISTS (SELECT 1 FROM {s}.law_request_accounts a WHERE a.request_id = req.id
                              AND a.account_id = minisip_open_for_compliance.account_id) THEN
                RAISE EXCEPTION 'minisip: account % can be exported for request % only by an approver other than its proposer, '
                    'under a checked court order', account_id, request_id USING ERRCODE = '{REFUSED}';
            END IF;
            PERFORM {p}.register('account', account_id, NULL, for_session);
        END $$""")
    out.append(f"""
        CREATE OR REPLACE FUNCTION {s}.minisip_open_for_deletion(request_id integer, claimed text DEFAULT NULL)
        RETURNS integer LANGUAGE plpgsql {definer} AS $$
        DECLARE login text := {s}.minisip_acting(claimed); req record;
        BEGIN
            PERFORM {s}.minisip_require(login, 'operator', 'carry out a deletion request');
            SELECT r.* INTO req FROM {s}.deletion_requests r WHERE r.id = request_id;
            IF req.id IS NULL OR req.state NOT IN ('executing', 'verifying') THEN
                RAISE EXCEPTION 'minisip: deletion request % is not being carried out', request_id USING ERRCODE = '{REFUSED}';
            END IF;
            PERFORM {p}.register('account', req.account_id, NULL, false);
            RETURN req.account_id;
        END $$""")
    out.append(f"""
        CREATE OR REPLACE FUNCTION {s}.minisip_open_for_notice(request_id integer, account_id integer, details text,
                                                                claimed text DEFAULT NULL)
        RETURNS bigint LANGUAGE plpgsql {definer} AS $$
        DECLARE login text := {s}.minisip_acting(claimed);
        BEGIN
            PERFORM {s}.minisip_require(login, 'operator', 'notify customers of a law-enforcement request');
            IF NOT EXISTS (SELECT 1 FROM {s}.law_request_accounts a WHERE a.request_id = minisip_open_for_notice.request_id
                           AND a.account_id = minisip_open_for_notice.account_id AND a.notified_at IS NULL) THEN
                RAISE EXCEPTION 'minisip: account % is not waiting for a notice of request %', account_id, request_id
                    USING ERRCODE = '{REFUSED}';
            END IF;
            PERFORM {p}.register('account', account_id, NULL, false);
            RETURN {s}.minisip_append(login, 'account.read', 'account', account_id::text, details);
        END $$""")
    out.append(f"""
        CREATE OR REPLACE FUNCTION {s}.minisip_open_marketing_list(details text, claimed text DEFAULT NULL)
        RETURNS bigint LANGUAGE plpgsql {definer} AS $$
        DECLARE login text := {s}.minisip_acting(claimed);
        BEGIN
            PERFORM {s}.minisip_require(login, 'operator', 'export the marketing list');
            PERFORM {p}.register('marketing', NULL, NULL, false);
            RETURN {s}.minisip_append(login, 'marketing.read', 'marketing_list', '', details);
        END $$""")
    out.append(f"""
        CREATE OR REPLACE FUNCTION {s}.minisip_open_campaign(version_id integer, claimed text DEFAULT NULL)
        RETURNS bigint LANGUAGE plpgsql {definer} AS $$
        DECLARE login text := {s}.minisip_acting(claimed); waiting bigint;
        BEGIN
            PERFORM {s}.minisip_require(login, 'operator', 'run a notice campaign');
            IF NOT EXISTS (SELECT 1 FROM {s}.notice_campaigns c WHERE c.policy_version_id = version_id AND c.state = 'running') THEN
                RAISE EXCEPTION 'minisip: no campaign is running for policy version %', version_id USING ERRCODE = '{REFUSED}';
            END IF;
            SELECT count(*) INTO waiting FROM {s}.notice_deliveries d WHERE d.policy_version_id = version_id AND d.state = 'queued';
            PERFORM {p}.register('campaign', NULL, version_id, true);
            PERFORM {s}.minisip_append(login, 'campaign.recipients', 'policy_version', version_id::text,
                                       '{{"queued":' || waiting || '}}');
            RETURN waiting;
        END $$""")
    out.append(f"""
        CREATE OR REPLACE FUNCTION {s}.minisip_close_reads() RETURNS void
        LANGUAGE sql {definer} AS $$
            DELETE FROM {p}.open_reads r WHERE r.pid = pg_backend_pid()
        $$""")
    out.append(f"""
        CREATE OR REPLACE FUNCTION {s}.minisip_recipients(version_id integer, delivery_ids integer[])
        RETURNS TABLE (delivery_id integer, account_id integer, name text, email text)
        LANGUAGE plpgsql STABLE {definer} AS $$
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM {p}.open_reads r WHERE r.scope = 'campaign' AND r.version_id = minisip_recipients.version_id
                           AND r.pid = pg_backend_pid() AND r.xid IS NULL
                           AND r.token = current_setting('minisip.session_token', true)) THEN
                RAISE EXCEPTION 'minisip: open the campaign of policy version % first (minisip_open_campaign)', version_id
                    USING ERRCODE = '{REFUSED}';
            END IF;
            RETURN QUERY SELECT d.id, a.id, a.name::text, a.email::text
                FROM {s}.notice_deliveries d JOIN {s}.accounts a ON a.id = d.account_id
                WHERE d.id = ANY(delivery_ids) AND d.policy_version_id = minisip_recipients.version_id;
        END $$""")
    out.append(f"""
        CREATE OR REPLACE FUNCTION {s}.minisip_search_clause(search text) RETURNS text
        LANGUAGE sql IMMUTABLE AS $$
            SELECT '%' || replace(replace(replace(search, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'
        $$""")
    out.append(f"""
        CREATE OR REPLACE FUNCTION {s}.minisip_search_count(search text, status text, claimed text DEFAULT NULL)
        RETURNS bigint LANGUAGE plpgsql {definer} AS $$
        DECLARE login text := {s}.minisip_acting(claimed); pattern text := {s}.minisip_search_clause(search); matched bigint;
                by_id integer := CASE WHEN search ~ '^[0-9]{{1,10}}$' AND search::bigint <= 2147483647 THEN search::integer END;
        BEGIN
            PERFORM {s}.minisip_require(login, 'viewer', 'search accounts');
            IF length(search) > 200 THEN RAISE EXCEPTION 'minisip: a search is at most 200 characters' USING ERRCODE = '22023'; END IF;
            SELECT count(*) INTO matched FROM {s}.accounts a
            WHERE (a.id = by_id OR a.name ILIKE pattern OR a.email ILIKE pattern OR a.company ILIKE pattern)
              AND (minisip_search_count.status IS NULL OR a.status = minisip_search_count.status);
            PERFORM {s}.minisip_append(login, 'account.search', 'accounts', '',
                '{{"matched":' || matched || CASE WHEN status IS NULL THEN '' ELSE ',"status":' || to_json(status)::text END || '}}');
            RETURN matched;
        END $$""")

    # ---- masked and personal views
    # the accounts' masked fields are stored, computed on write (MASKED_COLUMNS): a page of the list
    # then reads them as plainly as any column instead of masking 500 rows on every read
    out.append(f"""
        CREATE OR REPLACE VIEW {s}.minisip_accounts_masked AS
        SELECT a.id, a.minisip_masked_name AS name, a.minisip_masked_email AS email,
               a.minisip_masked_company AS company, a.status, a.created_at,
               (coalesce(a.name, '') <> '' OR coalesce(a.email, '') <> '' OR coalesce(a.company, '') <> '') AS has_personal
        FROM {s}.accounts a""")
    out.append(f"""
        CREATE OR REPLACE FUNCTION {s}.minisip_search_page(search text, status text, sort text, descending boolean,
                                                          "offset" integer, "limit" integer, claimed text DEFAULT NULL)
        RETURNS SETOF {s}.minisip_accounts_masked LANGUAGE plpgsql {definer} AS $$
        DECLARE login text := {s}.minisip_acting(claimed); pattern text := {s}.minisip_search_clause(search); returned bigint;
                by_id integer := CASE WHEN search ~ '^[0-9]{{1,10}}$' AND search::bigint <= 2147483647 THEN search::integer END;
                direction text := CASE WHEN descending THEN 'DESC' ELSE 'ASC' END;
        BEGIN
            PERFORM {s}.minisip_require(login, 'viewer', 'search accounts');
            IF sort NOT IN ('id', 'status', 'created_at') THEN
                RAISE EXCEPTION 'minisip: accounts cannot be sorted by %', sort USING ERRCODE = '22023';
            END IF;
            RETURN QUERY EXECUTE format(
                'SELECT m.* FROM {s}.minisip_accounts_masked m JOIN {s}.accounts a ON a.id = m.id '
                'WHERE (a.id = $1 OR a.name ILIKE $2 OR a.email ILIKE $2 OR a.company ILIKE $2) AND ($3::text IS NULL OR a.status = $3) '
                'ORDER BY %s %s%s OFFSET $4 LIMIT $5', 'a.' || sort, direction, CASE WHEN sort = 'id' THEN '' ELSE ', a.id ' || direction END)
                USING by_id, pattern, status, greatest("offset", 0), greatest("limit", 0);
            GET DIAGNOSTICS returned = ROW_COUNT;
            PERFORM {s}.minisip_append(login, 'account.search', 'accounts', '',
                '{{"offset":' || "offset" || ',"returned":' || returned
                || CASE WHEN status IS NULL THEN '' ELSE ',"status":' || to_json(status)::text END || '}}');
        END $$""")
    out.append(f"""
        CREATE OR REPLACE FUNCTION {s}.minisip_accounts_by_email(emails text[], claimed text DEFAULT NULL)
        RETURNS TABLE (account_id integer, email text) LANGUAGE plpgsql {definer} AS $$
        DECLARE login text := {s}.minisip_acting(claimed); matched bigint;
        BEGIN
            PERFORM {s}.minisip_require(login, 'operator', 'match email addresses to accounts');
            RETURN QUERY SELECT a.id, lower(a.email)::text FROM {s}.accounts a WHERE lower(a.email) = ANY(emails);
            GET DIAGNOSTICS matched = ROW_COUNT;
            PERFORM {s}.minisip_append(login, 'account.search', 'accounts', '',
                '{{"addresses":' || coalesce(cardinality(emails), 0) || ',"matched":' || matched || '}}');
        END $$""")
    cdr_cols = (
        f'c.id, c.account_id, c.start, c.answer, c."end", {s}.minisip_mask_clid(c.clid) AS clid, '
        f"{s}.minisip_mask_number(c.src) AS src, {s}.minisip_mask_number(c.dst) AS dst, c.dcontext, "
        "''::varchar AS channel, ''::varchar AS dstchannel, c.lastapp, ''::varchar AS lastdata, c.duration, c.billsec, "
        "c.disposition, c.amaflags, c.accountcode, c.uniqueid, c.linkedid, ''::varchar AS userfield"
    )
    out.append(f"CREATE OR REPLACE VIEW {s}.minisip_cdrs_masked AS SELECT {cdr_cols} FROM {s}.cdrs c")
    from minisip_console.core.models import Base

    for table in PERSONAL_TABLES:
        key = "id" if table == "accounts" else "account_id"
        columns = ", ".join(f't."{c.name}"' for c in Base.metadata.tables[table].columns)
        # the view reads the private table with its owner's rights: no function call per query
        out.append(f"""
            CREATE OR REPLACE VIEW {s}.minisip_p_{table} WITH (security_barrier) AS
            SELECT {columns} FROM {s}.{table} t WHERE t.{key} IN (
                SELECT r.account_id FROM {p}.open_reads r
                WHERE r.scope = 'account' AND r.pid = pg_backend_pid()
                  AND (r.xid = pg_current_xact_id_if_assigned()
                       OR (r.xid IS NULL AND r.token = current_setting('minisip.session_token', true))))""")
    out.append(f"""
        CREATE OR REPLACE VIEW {s}.minisip_p_marketing WITH (security_barrier) AS
        SELECT a.id, a.name, a.company, m.decided_at, m.evidence
        FROM {s}.accounts a JOIN {s}.marketing_permissions m ON m.account_id = a.id
        WHERE m.granted AND a.status = 'active' AND EXISTS (
            SELECT 1 FROM {p}.open_reads r WHERE r.xid = pg_current_xact_id_if_assigned() AND r.scope = 'marketing')""")

    # ---- partitions of a retention target
    # the account column of a table is found here, never taken from the caller: an operator naming another
    # column (or none) must not switch off the legal-hold check of the functions below
    out.append(f"""
        CREATE OR REPLACE FUNCTION {s}.minisip_account_column(tbl regclass) RETURNS text
        LANGUAGE sql STABLE SET search_path = pg_catalog AS $$
            SELECT a.attname::text FROM pg_attribute a
             WHERE a.attrelid = tbl AND lower(a.attname) = 'account_id' AND a.attnum > 0 AND NOT a.attisdropped
        $$""")
    out.append(f"""
        CREATE OR REPLACE FUNCTION {s}.minisip_drop_partition(parent regclass, child regclass, mode text, ts_column text,
                                                             account_column text, cutoff timestamp, claimed text DEFAULT NULL)
        RETURNS bigint LANGUAGE plpgsql {definer} AS $$
        DECLARE login text := {s}.minisip_acting(claimed); newest timestamp; held boolean := false; n bigint; days integer;
                acct text := {s}.minisip_account_column(parent);  -- the table's, whatever account_column says
        BEGIN
            PERFORM {s}.minisip_require(login, 'operator', 'purge data past its retention');
            IF mode NOT IN ('drop', 'detach') THEN RAISE EXCEPTION 'minisip: unknown partition mode %', mode USING ERRCODE = '22023'; END IF;
            IF NOT EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = child AND i.inhparent = parent) THEN
                RAISE EXCEPTION 'minisip: % is not a partition of %', child, parent USING ERRCODE = '{REFUSED}';
            END IF;
            SELECT min(r.days) INTO days FROM {s}.retention_policies r
            WHERE r.days IS NOT NULL AND r.timestamp_column = ts_column
              AND to_regclass(r.target_table) = parent;
            -- an operator's cutoff is the policy's, by the database's clock; the owner (outside the model) names its own
            IF NOT {s}.minisip_is_owner() AND (days IS NULL
               OR cutoff > (clock_timestamp() AT TIME ZONE 'UTC') - make_interval(days => days) + interval '1 minute') THEN
                RAISE EXCEPTION 'minisip: % is not a retention target with a cutoff at or before %', parent, cutoff
                    USING ERRCODE = '{REFUSED}';
            END IF;
            EXECUTE format('SELECT count(*), max(%I) FROM %s', ts_column, child) INTO n, newest;
            IF newest IS NOT NULL AND newest >= cutoff THEN
                RAISE EXCEPTION 'minisip: partition % holds rows newer than the cutoff', child USING ERRCODE = '{REFUSED}';
            END IF;
            IF acct IS NOT NULL THEN
                EXECUTE format('SELECT EXISTS (SELECT 1 FROM %s t JOIN {s}.legal_holds h ON h.account_id = t.%I '
                               'WHERE h.released_at IS NULL AND (h.expires_at IS NULL OR h.expires_at > $1))', child, acct)
                    INTO held USING clock_timestamp() AT TIME ZONE 'UTC';
                IF held THEN
                    RAISE EXCEPTION 'minisip: partition % holds rows of accounts under a legal hold', child USING ERRCODE = '{REFUSED}';
                END IF;
            END IF;
            IF mode = 'detach' THEN
                EXECUTE format('ALTER TABLE %s DETACH PARTITION %s', parent, child);
            ELSE
                EXECUTE format('DROP TABLE %s', child);
            END IF;
            RETURN n;
        END $$""")

    # ---- operators and their logins
    group_of = " ".join(f"WHEN '{r.value}' THEN '{g}'" for r, g in GROUPS.items())
    out.append(f"""
        CREATE OR REPLACE FUNCTION {s}.minisip_group(role text) RETURNS text
        LANGUAGE sql IMMUTABLE AS $$ SELECT CASE role {group_of} END $$""")
    out.append(f"""
        CREATE OR REPLACE FUNCTION {s}.minisip_admin_or_bootstrap(login text, role text, action text) RETURNS void
        LANGUAGE plpgsql {definer} AS $$
        BEGIN
            IF EXISTS (SELECT 1 FROM {s}.operators o WHERE o.role = 'admin' AND o.active) THEN
                PERFORM {s}.minisip_require(login, 'admin', action);
            ELSIF NOT ({s}.minisip_is_owner() AND role = 'admin') THEN
                RAISE EXCEPTION 'minisip: this database has no admin yet: only its schema owner can name the first one'
                    USING ERRCODE = '{REFUSED}';
            END IF;
        END $$""")
    out.append(f"""
        CREATE OR REPLACE FUNCTION {s}.minisip_sync_login(login text) RETURNS void
        LANGUAGE plpgsql {definer} AS $$
        DECLARE op record; g text;
        BEGIN
            SELECT o.* INTO op FROM {s}.operators o WHERE o.login = minisip_sync_login.login;
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login) THEN RETURN; END IF;
            FOREACH g IN ARRAY ARRAY['{"', '".join(GROUPS.values())}'] LOOP
                IF op.id IS NOT NULL AND op.active AND g = {s}.minisip_group(op.role) THEN
                    IF NOT pg_has_role(login, g, 'MEMBER') OR NOT EXISTS (
                        SELECT 1 FROM pg_auth_members m WHERE m.roleid = g::regrole AND m.member = login::regrole) THEN
                        EXECUTE format('GRANT %I TO %I', g, login);
                    END IF;
                ELSIF EXISTS (SELECT 1 FROM pg_auth_members m WHERE m.roleid = g::regrole AND m.member = login::regrole) THEN
                    EXECUTE format('REVOKE %I FROM %I', g, login);
                END IF;
            END LOOP;
        END $$""")
    out.append(f"""
        CREATE OR REPLACE FUNCTION {s}.minisip_operator_add(login text, role text, display_name text, verifier text,
                                                           claimed text DEFAULT NULL)
        RETURNS text LANGUAGE plpgsql {definer} AS $$
        DECLARE actor text := {s}.minisip_acting(claimed); existing record; created boolean := false;
        BEGIN
            PERFORM {s}.minisip_admin_or_bootstrap(actor, role, 'add an operator');
            IF login !~ '^[a-z_][a-z0-9_$]{{0,62}}$' THEN
                RAISE EXCEPTION 'minisip: % is not a valid login name', login USING ERRCODE = '22023';
            END IF;
            IF {s}.minisip_group(role) IS NULL THEN
                RAISE EXCEPTION 'minisip: unknown role %', role USING ERRCODE = '22023';
            END IF;
            IF EXISTS (SELECT 1 FROM {s}.operators o WHERE o.login = minisip_operator_add.login) THEN
                RAISE EXCEPTION 'minisip: % is already an operator', login USING ERRCODE = '23505';
            END IF;
            SELECT r.* INTO existing FROM pg_roles r WHERE r.rolname = login;
            IF existing.oid IS NULL THEN
                IF verifier IS NULL THEN
                    EXECUTE format('CREATE ROLE %I LOGIN', login);
                ELSE
                    EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', login, verifier);
                END IF;
                created := true;
            ELSIF existing.rolsuper OR NOT existing.rolcanlogin OR login LIKE 'minisip\\_%'
                  OR pg_has_role(login, (SELECT c.relowner FROM pg_class c WHERE c.oid = '{s}.operators'::regclass), 'MEMBER') THEN
                RAISE EXCEPTION 'minisip: the database role % cannot be an operator''s login (a superuser, a group, the schema owner, '
                    'or a role that cannot log in)', login USING ERRCODE = '{REFUSED}';
            ELSIF verifier IS NOT NULL THEN
                RAISE EXCEPTION 'minisip: the role % exists: it is linked as it is, its password is not changed', login
                    USING ERRCODE = '22023';
            END IF;
            INSERT INTO {s}.operators (login, display_name, role, active, created_at)
            VALUES (login, display_name, role, true, clock_timestamp() AT TIME ZONE 'UTC');
            PERFORM {s}.minisip_sync_login(login);
            PERFORM {s}.minisip_append(actor, 'operator.add', 'operator',
                (SELECT o.id FROM {s}.operators o WHERE o.login = minisip_operator_add.login)::text,
                json_build_object('login', login, 'role', role, 'created_login', created)::text);
            RETURN CASE WHEN created THEN 'created' ELSE 'linked' END;
        END $$""")
    out.append(
        f"""
        CREATE OR REPLACE FUNCTION {s}.minisip_operator_set_role(login text, role text, claimed text DEFAULT NULL)
        RETURNS void LANGUAGE plpgsql {definer} AS $$
        DECLARE actor text := {s}.minisip_acting(claimed); op record;
        BEGIN
            PERFORM {s}.minisip_require(actor, 'admin', 'change an operator''s role');
            IF {s}.minisip_group(role) IS NULL THEN RAISE EXCEPTION 'minisip: unknown role %', role USING ERRCODE = '22023'; END IF;
            SELECT o.* INTO op FROM {s}.operators o WHERE o.login = minisip_operator_set_role.login FOR UPDATE;
            IF op.id IS NULL THEN RAISE EXCEPTION 'minisip: % is not an operator', login USING ERRCODE = '22023'; END IF;
            IF op.role = 'admin' AND op.active AND role <> 'admin'
               AND NOT EXISTS (SELECT 1 FROM {s}.operators o WHERE o.role = 'admin' AND o.active AND o.id <> op.id) THEN
                RAISE EXCEPTION 'minisip: % is the last admin' USING ERRCODE = '{REFUSED}';
            END IF;
            UPDATE {s}.operators o SET role = minisip_operator_set_role.role, active = true WHERE o.id = op.id;
            IF EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = login) AND NOT op.active THEN
                EXECUTE format('ALTER ROLE %I LOGIN', login);
            END IF;
            PERFORM {s}.minisip_sync_login(login);
            PERFORM {s}.minisip_append(actor, 'operator.set_role', 'operator', op.id::text,
                json_build_object('login', login, 'role', role, 'previously', op.role, 'was_active', op.active)::text);
        END $$""".replace("'minisip: % is the last admin' USING", "'minisip: % is the last admin', login USING")
    )
    out.append(f"""
        CREATE OR REPLACE FUNCTION {s}.minisip_operator_disable(login text, claimed text DEFAULT NULL)
        RETURNS void LANGUAGE plpgsql {definer} AS $$
        DECLARE actor text := {s}.minisip_acting(claimed); op record;
        BEGIN
            PERFORM {s}.minisip_require(actor, 'admin', 'disable an operator');
            SELECT o.* INTO op FROM {s}.operators o WHERE o.login = minisip_operator_disable.login FOR UPDATE;
            IF op.id IS NULL THEN RAISE EXCEPTION 'minisip: % is not an operator', login USING ERRCODE = '22023'; END IF;
            IF login = actor THEN RAISE EXCEPTION 'minisip: you cannot disable yourself' USING ERRCODE = '{REFUSED}'; END IF;
            IF NOT op.active THEN RAISE EXCEPTION 'minisip: % is already disabled', login USING ERRCODE = '22023'; END IF;
            IF op.role = 'admin' AND NOT EXISTS (SELECT 1 FROM {s}.operators o WHERE o.role = 'admin' AND o.active AND o.id <> op.id) THEN
                RAISE EXCEPTION 'minisip: % is the last admin', login USING ERRCODE = '{REFUSED}';
            END IF;
            UPDATE {s}.operators o SET active = false WHERE o.id = op.id;
            IF EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = login) THEN
                EXECUTE format('ALTER ROLE %I NOLOGIN', login);
            END IF;
            PERFORM {s}.minisip_sync_login(login);
            PERFORM {s}.minisip_append(actor, 'operator.disable', 'operator', op.id::text,
                json_build_object('login', login, 'role', op.role)::text);
        END $$""")
    out.append(f"""
        CREATE OR REPLACE FUNCTION {s}.minisip_security_version() RETURNS integer
        LANGUAGE sql IMMUTABLE AS $$ SELECT {SECURITY_VERSION} $$""")

    # ---- triggers
    out += [
        f"DROP TRIGGER IF EXISTS minisip_audit_append ON {s}.audit_events",
        f"CREATE TRIGGER minisip_audit_append BEFORE INSERT ON {s}.audit_events FOR EACH ROW EXECUTE FUNCTION {s}.minisip_audit_append()",
        f"DROP TRIGGER IF EXISTS minisip_audit_refuse ON {s}.audit_events",
        f"CREATE TRIGGER minisip_audit_refuse BEFORE UPDATE OR DELETE ON {s}.audit_events FOR EACH ROW EXECUTE FUNCTION {s}.minisip_audit_refuse()",
        f"DROP TRIGGER IF EXISTS minisip_audit_refuse_truncate ON {s}.audit_events",
        f"CREATE TRIGGER minisip_audit_refuse_truncate BEFORE TRUNCATE ON {s}.audit_events FOR EACH STATEMENT EXECUTE FUNCTION {s}.minisip_audit_refuse()",
        f"DROP TRIGGER IF EXISTS minisip_deletion_guard ON {s}.deletion_requests",
        f"CREATE TRIGGER minisip_deletion_guard BEFORE INSERT OR UPDATE ON {s}.deletion_requests FOR EACH ROW EXECUTE FUNCTION {s}.minisip_deletion_guard()",
        f"DROP TRIGGER IF EXISTS minisip_legal_guard ON {s}.law_enforcement_requests",
        f"CREATE TRIGGER minisip_legal_guard BEFORE INSERT OR UPDATE ON {s}.law_enforcement_requests FOR EACH ROW EXECUTE FUNCTION {s}.minisip_legal_guard()",
        f"DROP TRIGGER IF EXISTS minisip_grant_guard ON {s}.access_grants",
        f"CREATE TRIGGER minisip_grant_guard BEFORE INSERT OR UPDATE ON {s}.access_grants FOR EACH ROW EXECUTE FUNCTION {s}.minisip_grant_guard()",
        f"DROP TRIGGER IF EXISTS minisip_grant_audited ON {s}.access_grants",
        f"CREATE CONSTRAINT TRIGGER minisip_grant_audited AFTER INSERT ON {s}.access_grants DEFERRABLE INITIALLY DEFERRED "
        f"FOR EACH ROW EXECUTE FUNCTION {s}.minisip_grant_audited()",
        f"DROP TRIGGER IF EXISTS minisip_accounts_guard ON {s}.accounts",
        f"CREATE TRIGGER minisip_accounts_guard BEFORE UPDATE ON {s}.accounts FOR EACH ROW EXECUTE FUNCTION {s}.minisip_accounts_guard()",
    ]
    for table, who in WHO_COLUMNS.items():
        args = ", ".join(f"'{c}'" for c in who)
        out.append(f"DROP TRIGGER IF EXISTS minisip_stamp_who ON {s}.{table}")
        out.append(
            f"CREATE TRIGGER minisip_stamp_who BEFORE INSERT OR UPDATE ON {s}.{table} FOR EACH ROW EXECUTE FUNCTION {s}.minisip_stamp_who({args})"
        )
    return out


# --------------------------------------------------------------------------- installing


@dataclass(frozen=True)
class InstallReport:
    created_roles: tuple[str, ...]
    synced_logins: tuple[str, ...]
    grants_on: tuple[str, ...]  # tables beyond the schema (retention targets elsewhere)
    #: pg_partman is installed in this database: its schema (None: it is not)
    partman_schema: str | None = None
    #: what a superuser must run first so the console's roles can use pg_partman (empty: nothing)
    partman_missing: tuple[str, ...] = ()


def _schema(conn: Connection) -> str:
    return str(conn.scalar(text("SELECT current_schema()")))


def owner_of_schema(conn: Connection) -> str | None:
    """The role that owns the console's tables (``operators``), or None before the schema exists."""
    owner = conn.scalar(text("SELECT pg_get_userbyid(c.relowner) FROM pg_class c WHERE c.oid = to_regclass('operators')"))
    return None if owner is None else str(owner)


def check_owner(conn: Connection) -> None:
    """Raise ``NotSchemaOwner`` (naming who must run it) unless this session owns the schema."""
    owner = owner_of_schema(conn)
    if owner is None:
        raise ConsoleError(
            say("This database has no minisip-console schema yet."), hint=say("Run: minisip-console db upgrade (as the schema owner).")
        )
    mine = conn.scalar(text("SELECT pg_has_role(session_user, :o, 'MEMBER')"), {"o": owner})
    if not mine:
        me = conn.scalar(text("SELECT session_user"))
        raise NotSchemaOwner(
            say("The roles and privileges of this database are installed by its schema owner, {owner}; you are {me}.", owner=owner, me=me),
            hint=say("Connect as {owner} (a profile whose URL names {owner}@...) and run: minisip-console db roles.", owner=owner),
        )


def install(conn: Connection, *, extra_tables: Iterable[str] = ()) -> InstallReport:
    """Install or refresh the layer in the caller's transaction (see the module docstring).

    ``extra_tables``: retention targets outside the console's schema tables (an Asterisk
    ``cdr`` table): operators get SELECT and DELETE on them, viewers SELECT."""
    check_owner(conn)
    schema = _schema(conn)
    s = f'"{schema}"'
    created: list[str] = []
    for group in GROUPS.values():
        if not conn.scalar(text("SELECT 1 FROM pg_roles WHERE rolname = :g"), {"g": group}):
            _exec_refusing(conn, f"CREATE ROLE {group} NOLOGIN", "create the console's group roles")
            created.append(group)
    chain = list(GROUPS.values())
    for lower, higher in zip(chain, chain[1:], strict=False):
        member = conn.scalar(
            text("SELECT 1 FROM pg_auth_members m WHERE m.roleid = CAST(:l AS regrole) AND m.member = CAST(:h AS regrole)"),
            {"l": lower, "h": higher},
        )
        if not member:
            _exec_refusing(conn, f"GRANT {lower} TO {higher}", "chain the console's group roles")
    # views are made again below: dropped first, so a change of their columns never blocks the install
    for view in conn.scalars(
        text(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = :s AND c.relkind = 'v' AND c.relname LIKE 'minisip\\_%'"
        ),
        {"s": schema},
    ).all():
        conn.execute(text(f'DROP VIEW IF EXISTS {s}."{view}" CASCADE'))
    statements = _statements(schema, owner_of_schema(conn) or "")
    views_from = next(i for i, st in enumerate(statements) if "minisip_accounts_masked AS" in st)
    # the driver's own cursor: DDL text is sent as it is (no bind markers parsed); psycopg's, which SQLAlchemy types as
    # the generic DB-API cursor (not a context manager)
    with cast("psycopg.Cursor[Any]", conn.connection.cursor()) as cursor:
        for statement in statements[:views_from]:
            cursor.execute(statement)
        _masked_columns(conn, schema)
        for statement in statements[views_from:]:
            cursor.execute(statement)
    # privileges: everything taken back, then given again (so a change here removes what is no longer given)
    groups = ", ".join(GROUPS.values())
    conn.execute(text(f"REVOKE ALL ON ALL TABLES IN SCHEMA {s} FROM {groups}"))
    conn.execute(text(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {s} FROM {groups}"))
    conn.execute(text(f"REVOKE ALL ON ALL FUNCTIONS IN SCHEMA {s} FROM PUBLIC, {groups}"))
    conn.execute(text(f'REVOKE ALL ON ALL FUNCTIONS IN SCHEMA "{PRIVATE_SCHEMA}" FROM PUBLIC'))
    conn.execute(text(f"GRANT USAGE ON SCHEMA {s} TO minisip_viewer"))
    viewer = GROUPS[Role.VIEWER]
    for table in CONSOLE_TABLES:
        conn.execute(text(f"GRANT SELECT ON {s}.{table} TO {viewer}"))
    for table in SERVICE_TABLES:
        personal = PERSONAL_COLUMNS.get(table, ())
        if personal:
            columns = conn.scalars(
                text(
                    "SELECT attname FROM pg_attribute WHERE attrelid = CAST(:t AS regclass) AND attnum > 0 AND NOT attisdropped ORDER BY attnum"
                ),
                {"t": f"{schema}.{table}"},
            ).all()
            readable = ", ".join(f'"{c}"' for c in columns if c not in personal)
            conn.execute(text(f"GRANT SELECT ({readable}) ON {s}.{table} TO {viewer}"))
        else:
            conn.execute(text(f"GRANT SELECT ON {s}.{table} TO {viewer}"))
    views = ["minisip_accounts_masked", "minisip_cdrs_masked", "minisip_p_marketing", *(f"minisip_p_{t}" for t in PERSONAL_TABLES)]
    conn.execute(text(f"GRANT SELECT ON {', '.join(f'{s}.{v}' for v in views)} TO {viewer}"))
    for role, tables in WRITES.items():
        for table, privileges in tables.items():
            conn.execute(text(f"GRANT {privileges} ON {s}.{table} TO {GROUPS[role]}"))
    conn.execute(text(f"GRANT UPDATE (status, name, email, company, language) ON {s}.accounts TO {GROUPS[Role.OPERATOR]}"))
    conn.execute(text(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {s} TO {GROUPS[Role.OPERATOR]}"))
    callable_ = conn.scalars(
        text(
            "SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
            "WHERE n.nspname = :s AND p.proname = ANY(:names)"
        ),
        {"s": schema, "names": list(CALLABLE)},
    ).all()
    for signature in callable_:
        conn.execute(text(f"GRANT EXECUTE ON FUNCTION {signature} TO {viewer}"))
    extra = []
    for table in extra_tables:
        if conn.scalar(text("SELECT to_regclass(:t)"), {"t": table}) is None:
            continue
        conn.execute(text(f"GRANT SELECT ON {table} TO {viewer}"))
        conn.execute(text(f"GRANT DELETE ON {table} TO {GROUPS[Role.OPERATOR]}"))
        extra.append(table)
    partman_schema, missing = _partman(conn, schema, extra)
    synced = sync_logins(conn)
    log.info("security layer %s installed in schema %s (roles created: %s)", SECURITY_VERSION, schema, created or "none")
    return InstallReport(tuple(created), tuple(synced), tuple(extra), partman_schema, tuple(missing))


def _partman(conn: Connection, schema: str, extra: Sequence[str]) -> tuple[str | None, list[str]]:
    """pg_partman's part in the layer, when it is installed in this database: ``(its schema, what a
    superuser must grant first)``; ``(None, [])`` when it is not.

    Viewers may read ``part_config`` (the verdict of every role: ``core.partman.managed``) and the
    control column of a retention target's default partition (its oldest row, which pg_partman never
    drops); admins may UPDATE only the columns ``partman.set_retention`` writes; operators run the
    maintenance of one parent through ``minisip_partman_maintenance``, a SECURITY DEFINER function
    owned by the schema owner that checks the parent is a pg_partman parent and a retention target
    of the console, and that no partition its retention drops holds a row of an account under a legal
    hold. pg_partman is installed by a superuser: the schema owner grants on its objects only what it
    holds WITH GRANT OPTION, and its maintenance (creating and dropping partitions) runs with the
    owner's rights; whatever it lacks is returned as the statements a superuser runs once."""
    from minisip_console.core import partman

    found = partman.extension(conn)
    if found is None:
        return None, []
    ext = found[0]
    e = f'"{ext}"'
    s = f'"{schema}"'
    owner = owner_of_schema(conn) or ""
    me = str(conn.scalar(text("SELECT current_user")))
    viewer, admin = GROUPS[Role.VIEWER], GROUPS[Role.ADMIN]
    missing: list[str] = []
    config = f"{e}.part_config"

    def holds(privilege: str, check: str, obj: str) -> bool:
        if check == "has_schema_privilege":
            return bool(conn.scalar(text("SELECT has_schema_privilege(current_user, :o, :p)"), {"o": obj, "p": privilege}))
        # by oid: naming a table in a schema the login may not use is an error, not an answer
        return bool(
            conn.scalar(
                text(
                    "SELECT coalesce(bool_and(has_table_privilege(current_user, c.oid, :p)), false) FROM pg_class c "
                    "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = :s AND c.relname = :o"
                ),
                {"s": ext, "o": obj, "p": privilege},
            )
        )

    needs = [  # (what the owner must hold, the check, the object, the grant a superuser runs)
        ("USAGE WITH GRANT OPTION", "has_schema_privilege", ext, f'GRANT USAGE ON SCHEMA {e} TO "{owner}" WITH GRANT OPTION'),
        ("SELECT WITH GRANT OPTION", "has_table_privilege", "part_config", f'GRANT SELECT ON {config} TO "{owner}" WITH GRANT OPTION'),
        ("UPDATE WITH GRANT OPTION", "has_table_privilege", "part_config", f'GRANT UPDATE ON {config} TO "{owner}" WITH GRANT OPTION'),
        ("SELECT", "has_table_privilege", "part_config_sub", f'GRANT SELECT ON {e}.part_config_sub TO "{owner}"'),
    ]
    for privilege, check, obj, grant in needs:
        if not holds(privilege, check, obj):
            missing.append(grant)
    if missing:  # granted nothing on pg_partman: the layer stays as it was there (the superuser runs these, then db roles)
        log.warning("pg_partman in schema %s: the schema owner lacks privileges; a superuser runs: %s", ext, "; ".join(missing))
        return ext, missing
    groups = ", ".join(GROUPS.values())
    conn.execute(text(f"REVOKE ALL ON {config} FROM {groups}"))
    conn.execute(text(f"REVOKE ALL ON SCHEMA {e} FROM {groups}"))
    conn.execute(text(f"GRANT USAGE ON SCHEMA {e} TO {viewer}"))
    conn.execute(text(f"GRANT SELECT ON {config} TO {viewer}"))
    conn.execute(text(f"GRANT UPDATE (retention, retention_keep_table, retention_schema) ON {config} TO {admin}"))
    # the oldest row of a target's default partition (read by name: a grant on the parent does not reach it)
    targets = set(extra) | set(conn.scalars(text("SELECT DISTINCT target_table FROM retention_policies WHERE target_table <> ''")).all())
    for table in sorted(targets):
        row = conn.execute(
            text(
                f"SELECT p.control, d.oid::regclass::text FROM {config} p JOIN pg_inherits i ON i.inhparent = to_regclass(p.parent_table) "
                "JOIN pg_class d ON d.oid = i.inhrelid WHERE to_regclass(p.parent_table) = to_regclass(:t) "
                "AND pg_get_expr(d.relpartbound, d.oid) = 'DEFAULT' AND pg_has_role(current_user, d.relowner, 'MEMBER')"
            ),
            {"t": table},
        ).first()
        if row is not None:
            conn.execute(text(f'GRANT SELECT ("{row[0]}") ON {row[1]} TO {viewer}'))
    statement = f"""
        CREATE OR REPLACE FUNCTION {s}.minisip_partman_maintenance(parent regclass, account_column text DEFAULT NULL,
                                                                  claimed text DEFAULT NULL)
        RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, {e}, {s}, pg_temp AS $$
        DECLARE login text := {s}.minisip_acting(claimed); cfg record; child record; info record; step interval; held boolean;
                acct text := {s}.minisip_account_column(parent);  -- the table's, whatever account_column says
        BEGIN
            PERFORM {s}.minisip_require(login, 'operator', 'purge data past its retention');
            SELECT p.parent_table, p.partition_interval, p.retention INTO cfg FROM {config} p WHERE to_regclass(p.parent_table) = parent;
            IF cfg.parent_table IS NULL THEN
                RAISE EXCEPTION 'minisip: % is not a table pg_partman manages', parent USING ERRCODE = '{REFUSED}';
            END IF;
            IF NOT EXISTS (SELECT 1 FROM {s}.retention_policies r WHERE r.target_table <> '' AND to_regclass(r.target_table) = parent) THEN
                RAISE EXCEPTION 'minisip: % is not a retention target of this console', parent USING ERRCODE = '{REFUSED}';
            END IF;
            BEGIN
                step := cfg.partition_interval::interval;
            EXCEPTION WHEN others THEN
                RAISE EXCEPTION 'minisip: % is not partitioned by time', parent USING ERRCODE = '{REFUSED}';
            END;
            IF acct IS NOT NULL AND cfg.retention IS NOT NULL THEN
                -- what drop_partition_time drops: a child whose start plus one interval is before now less the retention
                FOR child IN SELECT * FROM {e}.show_partitions(cfg.parent_table, 'ASC') LOOP
                    SELECT * INTO info FROM {e}.show_partition_info(child.partition_schemaname || '.' || child.partition_tablename,
                                                                   cfg.partition_interval, cfg.parent_table);
                    CONTINUE WHEN NOT (info.child_start_time + step < now() - cfg.retention::interval);
                    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I.%I t JOIN {s}.legal_holds h ON h.account_id::text = t.%I::text '
                                   'WHERE h.released_at IS NULL AND (h.expires_at IS NULL OR h.expires_at > $1))',
                                   child.partition_schemaname, child.partition_tablename, acct)
                        INTO held USING clock_timestamp() AT TIME ZONE 'UTC';
                    IF held THEN
                        RAISE EXCEPTION 'minisip: partition %.% holds rows of accounts under a legal hold',
                            child.partition_schemaname, child.partition_tablename USING ERRCODE = '{REFUSED}';
                    END IF;
                END LOOP;
            END IF;
            PERFORM {e}.run_maintenance(p_parent_table := cfg.parent_table);
        END $$"""
    with cast("psycopg.Cursor[Any]", conn.connection.cursor()) as cursor:
        cursor.execute(statement)
    if owner and owner != me:
        conn.execute(text(f'ALTER FUNCTION {s}.minisip_partman_maintenance(regclass, text, text) OWNER TO "{owner}"'))
    conn.execute(text(f"REVOKE ALL ON FUNCTION {s}.minisip_partman_maintenance(regclass, text, text) FROM PUBLIC"))
    conn.execute(text(f"GRANT EXECUTE ON FUNCTION {s}.minisip_partman_maintenance(regclass, text, text) TO {GROUPS[Role.OPERATOR]}"))
    return ext, []


def sync_logins(conn: Connection) -> list[str]:
    """Bring every operator's login in step with ``operators``: member of its role's group only,
    and of none once disabled; a member of a group with no operator row loses it."""
    logins = set(conn.scalars(text("SELECT login FROM operators")).all())
    members = conn.scalars(
        text(
            "SELECT DISTINCT pg_get_userbyid(m.member) FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
            "WHERE g.rolname = ANY(:groups) AND NOT pg_get_userbyid(m.member) = ANY(:groups)"
        ),
        {"groups": list(GROUPS.values())},
    ).all()
    for stray in sorted(set(members) - logins):
        for group in GROUPS.values():
            _exec_refusing(conn, f'REVOKE {group} FROM "{stray}"', "take a group role back")
    for login in sorted(logins):
        _exec_refusing(conn, "SELECT minisip_sync_login(:l)", "keep the operators' logins in step", {"l": login})
    return sorted(logins)


def _exec_refusing(conn: Connection, sql: str, what: str, params: dict[str, object] | None = None) -> None:
    """Run ``sql``; a privilege error becomes a sentence saying the owner needs CREATEROLE."""
    from sqlalchemy.exc import DBAPIError

    nested = conn.begin_nested()
    try:
        conn.execute(text(sql), params or {})
    except DBAPIError as exc:
        nested.rollback()
        if getattr(exc.orig, "sqlstate", None) == REFUSED:
            me = conn.scalar(text("SELECT session_user"))
            raise NotSchemaOwner(
                say("{me} may not {what}: the schema owner needs the CREATEROLE attribute.", me=me, what=what),
                hint=say("A superuser runs once: ALTER ROLE {me} CREATEROLE;  then: minisip-console db roles", me=me),
            ) from None
        raise
    else:
        nested.commit()


def installed_version(conn: Connection | Session) -> int | None:
    """The version of the layer installed in this database, or None."""
    exists = conn.scalar(text("SELECT to_regprocedure('minisip_security_version()') IS NOT NULL"))
    return int(conn.scalar(text("SELECT minisip_security_version()"))) if exists else None


def ensure_installed(session: Session, *, selector: str = "--profile NAME") -> None:
    """Refuse to work on a PostgreSQL database whose security layer is missing or older."""
    found = installed_version(session)
    if found == SECURITY_VERSION:
        return
    what = "has no minisip-console roles and privileges yet" if found is None else f"has an older security layer ({found})"
    raise SchemaNotAtHead(
        say("This database {what}; the console does not open it until its schema owner installs them.", what=what),
        current=(),
        head=str(SECURITY_VERSION),
        hint=say("The schema owner runs: minisip-console db roles {selector}", selector=selector),
    )


def retention_targets(conn: Connection) -> list[str]:
    """Retention targets that are not the console's own tables (granted by ``install``)."""
    targets = conn.scalars(text("SELECT DISTINCT target_table FROM retention_policies WHERE target_table <> ''")).all()
    own = set(SERVICE_TABLES) | set(CONSOLE_TABLES)
    return [t for t in targets if t not in own]


def database_message(exc: BaseException) -> str:
    """The database's own sentence for an error (a ``minisip: ...`` one without its prefix)."""
    orig = getattr(exc, "orig", exc)
    diag = getattr(orig, "diag", None)
    message = getattr(diag, "message_primary", None) or str(orig)
    return message.removeprefix("minisip: ").strip()


def refusal(exc: BaseException) -> str | None:
    """The sentence of a refusal (SQLSTATE 42501: a control here, or a privilege not given), or None."""
    if getattr(getattr(exc, "orig", exc), "sqlstate", None) != REFUSED:
        return None
    return database_message(exc)


def describe_groups(roles: Sequence[Role] = tuple(GROUPS)) -> str:
    return ", ".join(f"{GROUPS[r]} ({r.value})" for r in roles)
