"""The command line on a PostgreSQL database set up as production would be, each command run as a
process with one operator's own login (``--database`` naming that login): ``db roles`` by the
schema owner only; bob files a deletion request and cannot approve it, carol can; a login that is
no operator opens nothing; ``--operator`` changes nothing there.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.cli import run_console
from tests.support.pgserver import PostgresServer
from tests.support.pgtrust import SecuredDatabase, create_secured_database, drop_logins

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def secured(postgres_server: PostgresServer) -> Iterator[SecuredDatabase]:
    database = create_secured_database(postgres_server)
    yield database
    drop_logins(postgres_server, database)


def _as(secured: SecuredDatabase, who: str, config: Path, *args: str):  # type: ignore[no-untyped-def]
    return run_console(*args, "--database", secured.url(who), config_dir=config)


def test_db_roles_is_the_schema_owners_and_idempotent(secured: SecuredDatabase, isolated_config: Path) -> None:
    first = _as(secured, "owner", isolated_config, "db", "roles", "--json")
    again = _as(secured, "owner", isolated_config, "db", "roles", "--json")
    assert first.returncode == 0 and again.returncode == 0, first.stderr + again.stderr
    report = json.loads(again.stdout)
    assert report["created_roles"] == [] and secured.login("bob") in report["logins"]
    refused = _as(secured, "bob", isolated_config, "db", "roles")
    assert refused.returncode == 1
    assert f"installed by its schema owner, {secured.owner}; you are {secured.login('bob')}" in refused.stderr
    assert f"Connect as {secured.owner}" in refused.stderr
    status = _as(secured, "dave", isolated_config, "db", "status")
    assert status.returncode == 0 and "enforced by the database" in status.stdout


def test_db_roles_on_an_sqlite_file_is_bad_input(sqlite_url: str, isolated_config: Path) -> None:
    run_console("db", "upgrade", "--database", sqlite_url, config_dir=isolated_config)
    result = run_console("db", "roles", "--database", sqlite_url, config_dir=isolated_config)
    assert result.returncode == 2 and "single-user" in result.stderr


def test_bob_cannot_approve_his_own_request_from_the_console(secured: SecuredDatabase, isolated_config: Path) -> None:
    filed = _as(secured, "bob", isolated_config, "deletion", "request", "5", "--scope", "configurations", "--ticket", "SUP-5", "--json")
    assert filed.returncode == 0, filed.stderr
    request = json.loads(filed.stdout)["request"]
    assert request["requested_by"] == secured.login("bob")
    own = _as(secured, "bob", isolated_config, "deletion", "approve", str(request["id"]))
    assert own.returncode == 1 and "approver role" in own.stderr
    # naming another operator changes nothing outside the demo
    pretend = _as(secured, "bob", isolated_config, "deletion", "approve", str(request["id"]), "--operator", "carol")
    assert pretend.returncode == 2 and "only on the demo database" in pretend.stderr
    erin_files = _as(
        secured, "erin", isolated_config, "deletion", "request", "6", "--scope", "configurations", "--ticket", "SUP-6", "--json"
    )
    erins = json.loads(erin_files.stdout)["request"]["id"]
    own_approver = _as(secured, "erin", isolated_config, "deletion", "approve", str(erins))
    assert own_approver.returncode == 1 and "cannot also approve it" in own_approver.stderr
    approved = _as(secured, "carol", isolated_config, "deletion", "approve", str(request["id"]), "--json")
    assert approved.returncode == 0, approved.stderr
    assert json.loads(approved.stdout)["request"]["decided_by"] == secured.login("carol")


def test_a_login_that_is_no_operator_opens_nothing(
    secured: SecuredDatabase, postgres_server: PostgresServer, isolated_config: Path
) -> None:
    import psycopg

    stranger = f"stranger_{secured.suffix}"
    with psycopg.connect(postgres_server.url().replace("+psycopg", ""), autocommit=True) as conn:
        conn.execute(f"CREATE ROLE {stranger} LOGIN PASSWORD 'pw-stranger'")
    secured.passwords[stranger] = "pw-stranger"
    result = run_console("audit", "verify", "--database", secured.url(stranger), config_dir=isolated_config)
    assert result.returncode == 1
    assert f"The database login '{stranger}' is not an operator" in result.stderr and "operators add" in result.stderr
