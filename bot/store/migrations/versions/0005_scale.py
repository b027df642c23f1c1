"""64-bit row ids for the tables that grow every day; the due queues indexed in the order they are read.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_GROWING = ("deliveries", "checkins", "broadcast_deliveries")
_DUE_COLUMNS = ("next_due_at_utc", "next_checkin_at_utc")


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":  # SQLite's rowid is 64-bit already
        for table in _GROWING:
            op.alter_column(table, "id", type_=sa.BigInteger(), existing_type=sa.Integer())
            op.execute(f"ALTER SEQUENCE {table}_id_seq AS bigint")  # a serial's sequence stops at 2^31 too
    for column in _DUE_COLUMNS:
        op.drop_index(f"ix_subscribers_{column}", table_name="subscribers")
        op.create_index(f"ix_subscribers_{column}", "subscribers", [column, "chat_id"])


def downgrade() -> None:
    for column in _DUE_COLUMNS:
        op.drop_index(f"ix_subscribers_{column}", table_name="subscribers")
        op.create_index(f"ix_subscribers_{column}", "subscribers", [column])
    if op.get_bind().dialect.name == "postgresql":
        for table in _GROWING:
            op.execute(f"ALTER SEQUENCE {table}_id_seq AS integer")
            op.alter_column(table, "id", type_=sa.Integer(), existing_type=sa.BigInteger())
