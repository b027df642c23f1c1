"""The diary: medicines with their dated events and reminder times, iron results and infusions, the symptom-onset
answers on check-ins, the onset warnings and the person's dated notes; the delivery log's key gains a slot (several
medicine reminders a day).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer(), primary_key=True)


def _chat_id() -> sa.Column[int]:
    subscriber = sa.ForeignKey("subscribers.chat_id", ondelete="CASCADE")
    return sa.Column("chat_id", sa.BigInteger(), subscriber, nullable=False)


def _medicine_id() -> sa.Column[int]:
    return sa.Column("medicine_id", sa.Integer(), sa.ForeignKey("medicines.id", ondelete="CASCADE"), nullable=False)


def _created() -> sa.Column[object]:
    return sa.Column("created_at_utc", sa.DateTime(timezone=True), nullable=False)


def upgrade() -> None:
    # The delivery log is rebuilt on SQLite (nothing points at it); existing rows take the empty slot.
    with op.batch_alter_table("deliveries") as batch:
        batch.add_column(sa.Column("slot", sa.String(length=24), nullable=False, server_default=""))
        batch.drop_constraint("uq_deliveries_chat_kind_local_date", type_="unique")
        batch.create_unique_constraint(
            "uq_deliveries_chat_kind_local_date_slot", ["chat_id", "kind", "local_date", "slot"]
        )
    # Plain ADD COLUMN: checkins keep every row as it is, the new answers start empty.
    op.add_column("checkins", sa.Column("onset", sa.String(length=12), nullable=True))
    op.add_column("checkins", sa.Column("arms", sa.Boolean(), nullable=True))
    op.add_column("checkins", sa.Column("sitting", sa.String(length=12), nullable=True))
    op.create_table(
        "medicines",
        _id(),
        _chat_id(),
        sa.Column("catalogue_key", sa.String(length=24), nullable=True),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("dose", sa.String(length=60), nullable=True),
        sa.Column("reminders_on", sa.Boolean(), nullable=False),
        sa.Column("stopped_on", sa.Date(), nullable=True),
        _created(),
        sa.Column("updated_at_utc", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "medicine_events",
        _id(),
        _chat_id(),
        _medicine_id(),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("dose", sa.String(length=60), nullable=True),
        _created(),
    )
    op.create_table(
        "dose_times",
        _id(),
        _chat_id(),
        _medicine_id(),
        sa.Column("local_time", sa.Time(), nullable=False),
        sa.Column("next_due_at_utc", sa.DateTime(timezone=True), nullable=True),
        sqlite_autoincrement=True,  # a dose time's id is its reminders' slot: never reused
    )
    op.create_index("ix_dose_times_next_due_at_utc", "dose_times", ["next_due_at_utc", "chat_id"])
    op.create_table(
        "iron_results",
        _id(),
        _chat_id(),
        sa.Column("drawn_on", sa.Date(), nullable=False),
        sa.Column("ferritin", sa.Double(), nullable=True),
        sa.Column("tsat", sa.Double(), nullable=True),
        sa.Column("serum_iron", sa.Double(), nullable=True),
        sa.Column("tibc", sa.Double(), nullable=True),
        sa.Column("haemoglobin", sa.Double(), nullable=True),
        sa.Column("morning_no_iron", sa.Boolean(), nullable=True),
        _created(),
        sa.UniqueConstraint("chat_id", "drawn_on", name="uq_iron_results_chat_drawn_on"),
    )
    op.create_table(
        "iron_infusions",
        _id(),
        _chat_id(),
        sa.Column("given_on", sa.Date(), nullable=False),
        _created(),
        sa.UniqueConstraint("chat_id", "given_on", name="uq_iron_infusions_chat_given_on"),
    )
    op.create_table(
        "onset_alerts",
        _id(),
        _chat_id(),
        sa.Column("night", sa.Date(), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.Column("state", sa.JSON(), nullable=False),
        _created(),
    )
    op.create_table(
        "notes",
        _id(),
        _chat_id(),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        _created(),
    )
    for table, columns in _INDEXES:
        for column in columns:
            op.create_index(f"ix_{table}_{column}", table, [column])


_INDEXES = (
    ("medicines", ("chat_id",)),
    ("medicine_events", ("chat_id", "medicine_id")),
    ("dose_times", ("chat_id", "medicine_id")),
    ("iron_results", ("chat_id",)),
    ("iron_infusions", ("chat_id",)),
    ("onset_alerts", ("chat_id",)),
    ("notes", ("chat_id",)),
)


def downgrade() -> None:
    tables = ("notes", "onset_alerts", "iron_infusions", "iron_results", "dose_times", "medicine_events", "medicines")
    for table in tables:
        op.drop_table(table)  # their indexes go with them
    for column in ("sitting", "arms", "onset"):
        op.drop_column("checkins", column)
    op.execute("DELETE FROM deliveries WHERE slot <> ''")
    with op.batch_alter_table("deliveries") as batch:
        batch.drop_constraint("uq_deliveries_chat_kind_local_date_slot", type_="unique")
        batch.create_unique_constraint("uq_deliveries_chat_kind_local_date", ["chat_id", "kind", "local_date"])
        batch.drop_column("slot")
