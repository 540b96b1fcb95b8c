"""``minisip-console operators list | add | set-role | disable`` as processes, on an SQLite file
and on a PostgreSQL database secured as production is (``tests.support.pgtrust``).

On an SQLite file the operator is the OS login: each process is given one through ``LOGNAME``
(and its siblings), which is where ``getpass`` reads it. On PostgreSQL each person connects with
their own login. What a command changed (or did not) is read with ``sqlite3``/psycopg, never
through the console.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from tests.support.cli import run_console
from tests.support.pgserver import PostgresServer
from tests.support.pgtrust import SecuredDatabase, create_secured_database, drop_logins

ADMIN = "opsadmin"  # the OS login that names itself the first admin of the SQLite file


def _as(login: str) -> dict[str, str]:
    """The environment that makes ``login`` the OS login of a console process (``getpass.getuser``)."""
    return {"LOGNAME": login, "USER": login, "LNAME": login, "USERNAME": login}


def cli(config: Path, *args: str, login: str = ADMIN, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return run_console(*args, config_dir=config, env=_as(login), stdin=stdin)


def _json(result: subprocess.CompletedProcess[str]) -> dict[str, object]:
    assert result.stdout.count("\n") == 1, result.stdout
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    return data


# --------------------------------------------------------------------------- an SQLite file


@pytest.fixture
def sqlite_file(tmp_path: Path, isolated_config: Path) -> Path:
    path = tmp_path / "console.db"
    result = cli(isolated_config, "db", "upgrade", "--database", f"sqlite:///{path}")
    assert result.returncode == 0, result.stderr
    return path


def _url(path: Path) -> str:
    return f"sqlite:///{path}"


def _operators(path: Path) -> dict[str, tuple[str, str, bool]]:
    conn = sqlite3.connect(path)
    try:
        return {
            login: (name, role, bool(active))
            for login, name, role, active in conn.execute("SELECT login, display_name, role, active FROM operators")
        }
    finally:
        conn.close()


def _events(path: Path) -> list[tuple[str, str, dict[str, object]]]:
    conn = sqlite3.connect(path)
    try:
        return [
            (who, action, json.loads(details))
            for who, action, details in conn.execute(
                "SELECT operator_login, action, details FROM audit_events WHERE action LIKE 'operator.%' ORDER BY seq"
            )
        ]
    finally:
        conn.close()


@pytest.fixture(scope="module")
def staffed_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An SQLite file whose admin added bob (operator) and carol (approver), through the console."""
    directory = tmp_path_factory.mktemp("operators")
    path = directory / "staffed.db"
    config = directory / "config"
    assert cli(config, "db", "upgrade", "--database", _url(path)).returncode == 0
    for args in (
        (ADMIN, "--role", "admin", "--name", "Olga Admin"),
        ("bob", "--role", "operator", "--name", "Bob Operator"),
        ("carol", "--role", "approver", "--name", "Carol Approver"),
    ):
        result = cli(config, "operators", "add", *args, "--database", _url(path))
        assert result.returncode == 0, result.stderr
    return path


@pytest.fixture
def staffed(staffed_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "staffed.db"
    for suffix in ("", "-wal", "-shm"):
        source = staffed_template.with_name(staffed_template.name + suffix)
        if source.exists():
            shutil.copyfile(source, path.with_name(path.name + suffix))
    return path


def test_the_os_login_names_itself_the_first_admin_then_manages_operators(isolated_config: Path, sqlite_file: Path) -> None:
    url = _url(sqlite_file)
    # nobody is an operator yet: the console opens nothing, and says how to start
    refused = cli(isolated_config, "operators", "list", "--database", url)
    assert refused.returncode == 1
    assert f"operators add {ADMIN} --role admin --name NAME" in refused.stderr

    first = cli(isolated_config, "operators", "add", ADMIN, "--role", "admin", "--name", "Olga Admin", "--database", url)
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith(f"Added {ADMIN} (Olga Admin) as admin")
    added = cli(isolated_config, "operators", "add", "bob", "--role", "operator", "--name", "Bob  Operator", "--database", url, "--json")
    assert added.returncode == 0, added.stdout
    data = _json(added)
    assert data["ok"] is True and data["result"] == "added" and data["by"] == ADMIN
    assert data["operator"] == {**data["operator"], "login": "bob", "name": "Bob Operator", "role": "operator", "active": True}
    assert (
        cli(isolated_config, "operators", "add", "carol", "--role", "approver", "--name", "Carol Approver", "--database", url).returncode
        == 0
    )

    listed = cli(isolated_config, "operators", "list", "--database", url)
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert lines[0].split() == ["login", "name", "role", "active"]  # no "can log in" on SQLite: no database logins
    assert [line.split()[0] for line in lines[1:4]] == ["bob", "carol", ADMIN]
    assert "separation of duties is not enforced" in listed.stdout

    changed = cli(isolated_config, "operators", "set-role", "bob", "approver", "--database", url)
    assert changed.returncode == 0, changed.stderr
    assert changed.stdout.strip() == "bob is now approver (was operator)."
    disabled = cli(isolated_config, "operators", "disable", "carol", "--database", url)
    assert disabled.returncode == 0, disabled.stderr
    assert disabled.stdout.startswith("Disabled carol (Carol Approver): they can no longer open this database.")

    as_json = _json(cli(isolated_config, "operators", "list", "--database", url, "--json"))
    assert as_json["trust"] == "single_user"
    assert {o["login"]: (o["role"], o["active"], o["can_log_in"]) for o in as_json["operators"]} == {  # type: ignore[index, union-attr]
        ADMIN: ("admin", True, None),
        "bob": ("approver", True, None),
        "carol": ("approver", False, None),
    }
    # independently: the table and the audit log
    assert _operators(sqlite_file) == {
        ADMIN: ("Olga Admin", "admin", True),
        "bob": ("Bob Operator", "approver", True),
        "carol": ("Carol Approver", "approver", False),
    }
    assert [(who, action, details.get("login")) for who, action, details in _events(sqlite_file)] == [
        (ADMIN, "operator.add", ADMIN),
        (ADMIN, "operator.add", "bob"),
        (ADMIN, "operator.add", "carol"),
        (ADMIN, "operator.set_role", "bob"),
        (ADMIN, "operator.disable", "carol"),
    ]
    # carol, disabled, opens nothing; bob, now an approver, reads the list
    carol = cli(isolated_config, "operators", "list", "--database", url, login="carol")
    assert carol.returncode == 1 and "disabled" in carol.stderr
    assert cli(isolated_config, "operators", "list", "--database", url, login="bob").returncode == 0
    # set-role enables a disabled operator again
    back = cli(isolated_config, "operators", "set-role", "carol", "operator", "--database", url)
    assert back.returncode == 0 and back.stdout.strip() == "carol is now operator and active again."
    assert cli(isolated_config, "operators", "list", "--database", url, login="carol").returncode == 0


def test_the_first_operator_named_must_be_an_admin(isolated_config: Path, sqlite_file: Path) -> None:
    result = cli(isolated_config, "operators", "add", "bob", "--role", "operator", "--name", "Bob", "--database", _url(sqlite_file))
    assert result.returncode == 1
    assert "no admin yet: the first operator named must be an admin" in result.stderr
    assert _operators(sqlite_file) == {}


@pytest.mark.parametrize(
    ("args", "login", "code", "sentence"),
    [
        (("add", "bob", "--role", "viewer", "--name", "Bob Again"), ADMIN, 2, "bob is already an operator (operator)."),
        (("add", "dave", "--role", "boss", "--name", "Dave"), ADMIN, 2, "Unknown role 'boss'."),
        (("add", "dave", "--role", "viewer", "--name", "   "), ADMIN, 2, "A name is required."),
        (("add", "d" * 101, "--role", "viewer", "--name", "Dave"), ADMIN, 2, "is not a login name."),
        (("add", "da\tve", "--role", "viewer", "--name", "Dave"), ADMIN, 2, "is not a login name."),
        (
            ("add", "dave", "--role", "viewer", "--name", "Dave", "--password-stdin"),
            ADMIN,
            2,
            "on an SQLite file the operator is the OS login",
        ),
        (("set-role", "bob", "operator"), ADMIN, 2, "bob already has the operator role."),
        (("set-role", "bob", "chief"), ADMIN, 2, "Unknown role 'chief'."),
        (("set-role", "nobody", "viewer"), ADMIN, 2, "nobody is not an operator."),
        (("set-role", ADMIN, "approver"), ADMIN, 1, f"{ADMIN} is the last admin: the database would be left without one."),
        (("disable", ADMIN), ADMIN, 1, "You cannot disable yourself."),
        (("disable", "nobody"), ADMIN, 2, "nobody is not an operator."),
        (
            ("add", "dave", "--role", "viewer", "--name", "Dave"),
            "bob",
            1,
            "Bob Operator (operator) cannot add an operator: that needs the admin role.",
        ),
        (("set-role", "bob", "admin"), "bob", 1, "Bob Operator (operator) cannot change an operator's role: that needs the admin role."),
        (("disable", "carol"), "bob", 1, "Bob Operator (operator) cannot disable an operator: that needs the admin role."),
        (
            ("add", "mallory", "--role", "admin", "--name", "Mallory"),
            "mallory",
            1,
            "mallory (not registered: read-only) cannot add an operator",
        ),
        (("disable", "carol"), "mallory", 1, "'mallory' is not a registered operator"),
    ],
    ids=lambda v: v if isinstance(v, str) and len(v) < 20 else None,
)
def test_a_refusal_says_why_and_changes_nothing(
    isolated_config: Path, staffed: Path, args: tuple[str, ...], login: str, code: int, sentence: str
) -> None:
    sqlite_file = staffed
    before = (_operators(sqlite_file), _events(sqlite_file))
    result = cli(isolated_config, "operators", *args, "--database", _url(sqlite_file), login=login, stdin="a-password\n")
    assert result.returncode == code, result.stderr
    assert sentence in result.stderr
    assert result.stdout == ""
    assert (_operators(sqlite_file), _events(sqlite_file)) == before
    as_json = cli(isolated_config, "operators", *args, "--database", _url(sqlite_file), "--json", login=login, stdin="a-password\n")
    data = _json(as_json)
    assert as_json.returncode == code and data["ok"] is False and data["exit_code"] == code and sentence in str(data["error"])


@pytest.mark.parametrize(
    "login",
    ["Bob", "bob smith", "1bob", "b" * 64, "bob;drop table operators", "$bob", ""],
)
def test_a_login_postgresql_cannot_name_unquoted_is_refused_before_connecting(isolated_config: Path, login: str) -> None:
    # nothing listens on port 1: the refusal comes before any connection is tried
    url = "postgresql+psycopg://ops:pw@127.0.0.1:1/minisip"
    result = cli(isolated_config, "operators", "add", login, "--role", "viewer", "--name", "Someone", "--database", url)
    assert result.returncode == 2, result.stderr
    if login:
        assert "is not a valid login name for PostgreSQL" in result.stderr
        assert "lower-case letters, digits, _ and $" in result.stderr
    else:
        assert "A login is required." in result.stderr
    assert "cannot reach" not in result.stderr


def test_an_empty_password_is_refused_before_connecting(isolated_config: Path) -> None:
    url = "postgresql+psycopg://ops:pw@127.0.0.1:1/minisip"
    for stdin in ("", "\n"):
        result = cli(
            isolated_config,
            "operators",
            "add",
            "frank",
            "--role",
            "viewer",
            "--name",
            "Frank",
            "--password-stdin",
            "--database",
            url,
            stdin=stdin,
        )
        assert result.returncode == 2
        assert "--password-stdin read an empty password." in result.stderr


def test_the_demo_switches_operators_with_operator(isolated_config: Path, tmp_path: Path) -> None:
    from minisip_console.core.demo import create_demo

    path = tmp_path / "demo.db"
    create_demo(_url(path), accounts=3, cdrs=10)
    refused = cli(
        isolated_config, "operators", "add", "erin", "--role", "approver", "--name", "Erin", "--database", _url(path), "--operator", "bob"
    )
    assert refused.returncode == 1 and "needs the admin role" in refused.stderr
    added = cli(
        isolated_config, "operators", "add", "erin", "--role", "approver", "--name", "Erin", "--database", _url(path), "--operator", "alice"
    )
    assert added.returncode == 0, added.stderr
    unknown = cli(isolated_config, "operators", "list", "--database", _url(path), "--operator", "zed")
    assert unknown.returncode == 2 and "The demo has no operator 'zed'." in unknown.stderr
    assert _operators(path)["erin"] == ("Erin", "approver", True)


# --------------------------------------------------------------------------- PostgreSQL


@pytest.fixture(scope="module")
def secured(postgres_server: PostgresServer) -> Iterator[SecuredDatabase]:
    database = create_secured_database(postgres_server)
    yield database
    drop_logins(postgres_server, database)


def _new_login(secured: SecuredDatabase, who: str) -> tuple[str, str]:
    """A login of this database's own (logins are cluster-wide) and its password, dropped with it."""
    login = secured.login(who)
    password = f"{who}-" + uuid.uuid4().hex[:12]
    secured.passwords[login] = password
    return login, password


def _role(secured: SecuredDatabase, login: str) -> tuple[bool, list[str]] | None:
    """(can log in, groups) of a database role, as the owner reads pg_roles; None when there is none."""
    with secured.connect("owner") as conn:
        row = conn.execute("SELECT rolcanlogin FROM pg_roles WHERE rolname = %s", (login,)).fetchone()
        if row is None:
            return None
        groups = [
            g
            for (g,) in conn.execute(
                "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles r ON r.oid = m.member "
                "WHERE r.rolname = %s ORDER BY 1",
                (login,),
            )
        ]
    return bool(row[0]), groups


@pytest.mark.postgres
def test_an_admin_adds_an_operator_from_the_console_who_then_connects_with_their_password(
    isolated_config: Path, secured: SecuredDatabase
) -> None:
    """The done-when walk: no SQL written by anyone, a new colleague at work minutes later."""
    login, password = _new_login(secured, "frank")
    assert _role(secured, login) is None
    added = cli(
        isolated_config,
        "operators",
        "add",
        login,
        "--role",
        "operator",
        "--name",
        "Frank Newcomer",
        "--password-stdin",
        "--database",
        secured.url("alice"),
        stdin=password + "\n",
    )
    assert added.returncode == 0, added.stderr
    assert (
        added.stdout.strip()
        == f"Added {login} (Frank Newcomer) as operator, with a new database login and the password from standard input."
    )
    assert _role(secured, login) == (True, ["minisip_operator"])

    head = cli(isolated_config, "audit", "head", "--database", secured.url("frank"))
    assert head.returncode == 0, head.stderr
    listed = cli(isolated_config, "operators", "list", "--database", secured.url("frank"))
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines()[0].split() == ["login", "name", "role", "active", "can", "log", "in"]
    mine = next(line for line in listed.stdout.splitlines() if line.startswith(login))
    assert mine.split() == [login, "Frank", "Newcomer", "operator", "yes", "yes"]
    assert "enforced by the database" in listed.stdout
    # the database wrote the audit event, naming alice's login as the one who added frank
    with secured.connect("owner") as conn:
        who, details = conn.execute(
            "SELECT operator_login, details FROM audit_events WHERE action = 'operator.add' ORDER BY seq DESC LIMIT 1"
        ).fetchone()
    assert who == secured.login("alice") and json.loads(details)["login"] == login and json.loads(details)["created_login"] is True
    # the password never reached the server as text: the role holds a SCRAM verifier
    with psycopg.connect(secured.server.url().replace("+psycopg", "")) as conn:
        stored = conn.execute("SELECT rolpassword FROM pg_authid WHERE rolname = %s", (login,)).fetchone()[0]
    assert stored.startswith("SCRAM-SHA-256$") and password not in stored


@pytest.mark.postgres
def test_an_operator_cannot_add_operators(isolated_config: Path, secured: SecuredDatabase) -> None:
    login, password = _new_login(secured, "mallory")
    result = cli(
        isolated_config,
        "operators",
        "add",
        login,
        "--role",
        "admin",
        "--name",
        "Mallory",
        "--password-stdin",
        "--database",
        secured.url("bob"),
        stdin=password + "\n",
    )
    assert result.returncode == 1
    assert "Bob Operator (operator) cannot add an operator: that needs the admin role." in result.stderr
    assert _role(secured, login) is None
    for args in (("set-role", secured.login("bob"), "admin"), ("disable", secured.login("carol"))):
        refused = cli(isolated_config, "operators", *args, "--database", secured.url("bob"))
        assert refused.returncode == 1 and "needs the admin role" in refused.stderr


@pytest.mark.postgres
def test_the_last_admin_cannot_be_disabled_nor_demoted(isolated_config: Path, secured: SecuredDatabase) -> None:
    alice = secured.login("alice")
    himself = cli(isolated_config, "operators", "disable", alice, "--database", secured.url("alice"))
    assert himself.returncode == 1 and "You cannot disable yourself." in himself.stderr
    demoted = cli(isolated_config, "operators", "set-role", alice, "operator", "--database", secured.url("alice"))
    assert demoted.returncode == 1 and f"{alice} is the last admin: the database would be left without one." in demoted.stderr
    assert _role(secured, alice) == (True, ["minisip_admin"])


@pytest.mark.postgres
def test_bad_input_on_postgresql_is_refused_and_changes_nothing(isolated_config: Path, secured: SecuredDatabase) -> None:
    url = secured.url("alice")
    for login in ("Bob", "bob smith", "1bob", "b" * 64, "bob;drop table operators"):
        result = cli(isolated_config, "operators", "add", login, "--role", "viewer", "--name", "Someone", "--database", url)
        assert result.returncode == 2 and "is not a valid login name for PostgreSQL" in result.stderr
        assert _role(secured, login) is None
    bob = secured.login("bob")
    again = cli(isolated_config, "operators", "add", bob, "--role", "viewer", "--name", "Bob Again", "--database", url)
    assert again.returncode == 2 and f"{bob} is already an operator (operator)." in again.stderr
    same = cli(isolated_config, "operators", "set-role", bob, "operator", "--database", url)
    assert same.returncode == 2 and f"{bob} already has the operator role." in same.stderr
    unknown = cli(isolated_config, "operators", "set-role", bob, "superuser", "--database", url)
    assert unknown.returncode == 2 and "Unknown role 'superuser'." in unknown.stderr
    assert _role(secured, bob) == (True, ["minisip_operator"])


@pytest.mark.postgres
def test_a_disabled_operator_can_no_longer_connect(isolated_config: Path, secured: SecuredDatabase) -> None:
    login, password = _new_login(secured, "grace")
    added = cli(
        isolated_config,
        "operators",
        "add",
        login,
        "--role",
        "viewer",
        "--name",
        "Grace Temp",
        "--password-stdin",
        "--database",
        secured.url("alice"),
        stdin=password + "\n",
    )
    assert added.returncode == 0, added.stderr
    assert cli(isolated_config, "audit", "head", "--database", secured.url("grace")).returncode == 0

    disabled = cli(isolated_config, "operators", "disable", login, "--database", secured.url("alice"))
    assert disabled.returncode == 0, disabled.stderr
    assert disabled.stdout.startswith(f"Disabled {login} (Grace Temp): their database login can no longer log in.")
    assert _role(secured, login) == (False, [])
    refused = cli(isolated_config, "audit", "head", "--database", secured.url("grace"))
    assert refused.returncode == 1, refused.stdout
    with pytest.raises(psycopg.OperationalError, match="not permitted to log in"):
        secured.connect("grace").close()
    listed = _json(cli(isolated_config, "operators", "list", "--database", secured.url("alice"), "--json"))
    grace = next(o for o in listed["operators"] if o["login"] == login)  # type: ignore[union-attr]
    assert (grace["active"], grace["can_log_in"]) == (False, False)  # type: ignore[index]

    # an admin enables her again: she connects with the same password
    back = cli(isolated_config, "operators", "set-role", login, "viewer", "--database", secured.url("alice"))
    assert back.returncode == 0 and "active again" in back.stdout
    assert cli(isolated_config, "audit", "head", "--database", secured.url("grace")).returncode == 0


@pytest.mark.postgres
def test_only_the_schema_owner_names_the_first_admin(isolated_config: Path, postgres_server: PostgresServer) -> None:
    database = create_secured_database(postgres_server, accounts=1, staff=())
    try:
        stranger, stranger_pw = _new_login(database, "stranger")
        with psycopg.connect(postgres_server.url().replace("+psycopg", ""), autocommit=True) as conn:
            conn.execute(f"CREATE ROLE {stranger} LOGIN PASSWORD '{stranger_pw}'")
            conn.execute(f'GRANT CONNECT ON DATABASE "{database.name}" TO {stranger}')
        first, first_pw = _new_login(database, "olga")

        # a login that is in no group of the console's reads nothing: the database itself refuses it
        for args in (("list",), ("add", stranger, "--role", "admin", "--name", "Stranger")):
            refused = cli(isolated_config, "operators", *args, "--database", database.url("stranger"))
            assert refused.returncode == 1 and "is not an operator" in refused.stderr and "has no console role" in refused.stderr
        assert _role(database, stranger) == (True, [])
        not_admin = cli(
            isolated_config, "operators", "add", first, "--role", "operator", "--name", "Olga", "--database", database.url("owner")
        )
        assert not_admin.returncode == 1 and "the first operator named must be an admin" in not_admin.stderr

        named = cli(
            isolated_config,
            "operators",
            "add",
            first,
            "--role",
            "admin",
            "--name",
            "Olga Admin",
            "--password-stdin",
            "--database",
            database.url("owner"),
            stdin=first_pw + "\n",
        )
        assert named.returncode == 0, named.stderr
        # the first admin, with her own login, adds the next operator: the schema owner is no longer needed
        second, _ = _new_login(database, "pat")
        added = cli(isolated_config, "operators", "add", second, "--role", "viewer", "--name", "Pat", "--database", database.url("olga"))
        assert added.returncode == 0, added.stderr
        assert "without a password" in added.stdout
        assert _role(database, second) == (True, ["minisip_viewer"])
    finally:
        drop_logins(postgres_server, database)
