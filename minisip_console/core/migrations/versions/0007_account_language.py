"""account language (issue 16): the language an owner's notices are written in, and a
campaign's template in other languages

``accounts.language`` is ``en`` or ``zh_CN`` (the core validates it: ``rectification.set_language``).
The service's accounts hold no country, locale or phone number; the one hint at a language is the
email address, so an existing account whose address is under ``.cn`` or at one of the large
mainland Chinese mail providers starts as ``zh_CN``, every other as ``en``. The operators correct
it with ``accounts set-language``.

``notice_campaigns.translations``: the campaign's subject and bodies per language other than English
(canonical JSON), so a resumed campaign sends exactly what it was created with.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

#: mail domains of mainland Chinese providers (an address there hints at Chinese), besides any ``.cn``
CHINESE_MAIL_DOMAINS = ("qq.com", "foxmail.com", "163.com", "126.com", "yeah.net", "sina.com", "sohu.com", "139.com", "aliyun.com")


def upgrade() -> None:
    with op.batch_alter_table("accounts") as batch:
        batch.add_column(sa.Column("language", sa.String(length=10), nullable=False, server_default="en"))
    with op.batch_alter_table("notice_campaigns") as batch:
        batch.add_column(sa.Column("translations", sa.Text(), nullable=False, server_default="{}"))
    accounts = sa.table("accounts", sa.column("email", sa.String), sa.column("language", sa.String))
    address = sa.func.lower(sa.func.coalesce(accounts.c.email, ""))
    hints = [address.like("%.cn")] + [address.like(f"%@{domain}") for domain in CHINESE_MAIL_DOMAINS]
    op.execute(accounts.update().where(sa.or_(*hints)).values(language="zh_CN"))


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        # the account's view for an opened read lists every column; ``db roles`` makes it again
        op.execute("DROP VIEW IF EXISTS minisip_p_accounts")
    with op.batch_alter_table("notice_campaigns") as batch:
        batch.drop_column("translations")
    with op.batch_alter_table("accounts") as batch:
        batch.drop_column("language")
