"""Each person's language and tip topics; the self-checks people ask to keep.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN, not a batch rebuild: rebuilding subscribers on SQLite would cascade-delete its children.
    op.add_column("subscribers", sa.Column("language", sa.String(8), nullable=True))
    op.add_column("subscribers", sa.Column("tip_topics", sa.JSON(), nullable=True))
    op.create_table(
        "selfchecks",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True),
        sa.Column("chat_id", sa.BigInteger(), sa.ForeignKey("subscribers.chat_id", ondelete="CASCADE"), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("taken_at_utc", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_selfchecks_chat_id", "selfchecks", ["chat_id"])


def downgrade() -> None:
    op.drop_index("ix_selfchecks_chat_id", table_name="selfchecks")
    op.drop_table("selfchecks")
    op.drop_column("subscribers", "tip_topics")  # SQLite 3.35+ drops a column in place
    op.drop_column("subscribers", "language")
