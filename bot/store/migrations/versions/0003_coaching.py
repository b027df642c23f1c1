"""The coaching loop: a morning check-in series and a weekly-summary day on subscribers; every kind of
scheduled message in the delivery log (keyed by chat, kind and local date) with the person's response;
check-ins and a person's own triggers.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN, never a batch rebuild: on SQLite, dropping the old subscribers table would cascade
    # to every delivery and broadcast row that points at it.
    op.add_column("subscribers", sa.Column("checkin_on", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column(
        "subscribers",
        sa.Column("local_checkin_time", sa.Time(), nullable=False, server_default=sa.text("'08:00:00'")),
    )
    op.add_column("subscribers", sa.Column("next_checkin_at_utc", sa.DateTime(timezone=True), nullable=True))
    op.add_column("subscribers", sa.Column("weekly_day", sa.SmallInteger(), nullable=True, server_default="6"))
    op.create_index("ix_subscribers_next_checkin_at_utc", "subscribers", ["next_checkin_at_utc"])
    # The delivery log is rebuilt on SQLite (nothing points at it): the unique key gains the kind, and
    # one-offs wait as ``pending``, not yet claimed.
    with op.batch_alter_table("deliveries") as batch:
        batch.add_column(sa.Column("kind", sa.String(length=16), nullable=False, server_default="reminder"))
        batch.add_column(sa.Column("message_id", sa.BigInteger(), nullable=True))
        batch.add_column(sa.Column("response", sa.String(length=16), nullable=True))
        batch.add_column(sa.Column("responded_at_utc", sa.DateTime(timezone=True), nullable=True))
        batch.alter_column("claimed_at_utc", existing_type=sa.DateTime(timezone=True), nullable=True)
        batch.drop_constraint("uq_deliveries_chat_local_date", type_="unique")
        batch.create_unique_constraint("uq_deliveries_chat_kind_local_date", ["chat_id", "kind", "local_date"])
        batch.drop_index("ix_deliveries_status")
        batch.create_index("ix_deliveries_status_due_at_utc", ["status", "due_at_utc"])
    op.create_table(
        "checkins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("night", sa.Date(), nullable=False),
        sa.Column("score", sa.SmallInteger(), nullable=False),
        sa.Column("factors", sa.JSON(), nullable=False),
        sa.Column("created_at_utc", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at_utc", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["chat_id"], ["subscribers.chat_id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("chat_id", "night", name="uq_checkins_chat_night"),
    )
    op.create_table(
        "triggers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at_utc", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["chat_id"], ["subscribers.chat_id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_triggers_chat_id", "triggers", ["chat_id"])


def downgrade() -> None:
    op.drop_table("triggers")
    op.drop_table("checkins")
    op.execute("DELETE FROM deliveries WHERE kind <> 'reminder'")
    with op.batch_alter_table("deliveries") as batch:
        batch.drop_index("ix_deliveries_status_due_at_utc")
        batch.create_index("ix_deliveries_status", ["status"])
        batch.drop_constraint("uq_deliveries_chat_kind_local_date", type_="unique")
        batch.create_unique_constraint("uq_deliveries_chat_local_date", ["chat_id", "local_date"])
        batch.alter_column("claimed_at_utc", existing_type=sa.DateTime(timezone=True), nullable=False)
        for column in ("responded_at_utc", "response", "message_id", "kind"):
            batch.drop_column(column)
    op.drop_index("ix_subscribers_next_checkin_at_utc", table_name="subscribers")
    for column in ("weekly_day", "next_checkin_at_utc", "local_checkin_time", "checkin_on"):
        op.drop_column("subscribers", column)  # SQLite 3.35+ drops columns without a rebuild
