from sqlalchemy import inspect

from minisip_console.core import db


def test_upgrade_creates_every_table_and_is_idempotent(db_url: str) -> None:
    engine = db.make_engine(db_url)
    try:
        before, head = db.upgrade(engine)
        assert before == ()
        again, _ = db.upgrade(engine)
        assert again == (head,)
        assert db.schema_status(engine).at_head
        assert {"accounts", "cdrs", "audit_events", "deletion_requests"} <= set(inspect(engine).get_table_names())
    finally:
        engine.dispose()
